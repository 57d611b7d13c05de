"""The Typer application, its global options, and what every command shares: turning the
core's errors into one line and an exit code, finding the data, "today", and saying what
goes out or is written."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from lofte_cli import __version__
from lofte_cli.cli.group import LofteGroup
from lofte_cli.errors import (
    DataRootNotFound,
    FileSystemError,
    LofteError,
    UsageError,
    file_error,
)
from lofte_cli.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from lofte_cli.data.loader import LoadResult
    from lofte_cli.data.problem import Problem
    from lofte_cli.publish.publication import Publication, Verdict

app = typer.Typer(
    cls=LofteGroup,
    name="lofte",
    help=N_(
        "Keep medborgarlöften (pledges of police and municipalities) and the activities "
        "that fulfil them as YAML files in git.\n\n"
        "Example: lofte validate"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


NOT_UTF8 = N_(
    "a value given on the command line is not UTF-8 text; check the terminal's character encoding"
)
NOTHING_WRITTEN = N_("interrupted; nothing was written")


@contextmanager
def user_errors(interrupted: str | Callable[[], str] = NOTHING_WRITTEN) -> Iterator[None]:
    """Turn the core's errors into one line on stderr and an exit code; a bug in lofte
    gets its own line (LOFTE_DEBUG=1 shows the traceback). `interrupted` says what a
    Ctrl-C leaves, for the commands that write file by file (a text marked with `N_`, or
    one already translated)."""
    try:
        yield
    except FileSystemError as exc:
        if os.environ.get("LOFTE_DEBUG"):
            raise
        typer.echo(f"lofte: {system_error_line(exc)}", err=True)
        raise typer.Exit(1) from None
    except LofteError as exc:
        if os.environ.get("LOFTE_DEBUG"):
            raise
        typer.echo(f"lofte: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except UnicodeEncodeError:
        typer.echo(f"lofte: {_(NOT_UTF8)}", err=True)
        raise typer.Exit(2) from None
    except OSError as exc:
        if os.environ.get("LOFTE_DEBUG"):
            raise
        typer.echo(f"lofte: {system_error_line(file_error(exc))}", err=True)
        raise typer.Exit(1) from None
    except (KeyboardInterrupt, EOFError):
        said = interrupted() if callable(interrupted) else interrupted
        typer.echo(f"\nlofte: {_(said)}", err=True)
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:
        if os.environ.get("LOFTE_DEBUG"):
            raise
        message = _(
            "internal error (a bug in lofte, not in your data): {error}; run again with "
            "LOFTE_DEBUG=1 to see the traceback, and report it"
        )
        typer.echo(f"lofte: {message.format(error=repr(exc))}", err=True)
        raise typer.Exit(3) from None


def system_error_line(exc: FileSystemError) -> str:
    """`site/index.html: No space left on device`, the path as the user would type it."""
    from lofte_cli.paths import shown_path

    if exc.path is None:
        return exc.reason
    return exc.line.format(path=shown_path(exc.path), reason=exc.reason)


def load_readable(ctx: typer.Context, root: Path) -> LoadResult:
    """The data as it loads (see `load_catalog`), refused when a file cannot be read."""
    import lofte_cli as lofte

    loaded = lofte.load_catalog(root, use_cache=use_cache(ctx))
    refuse_unreadable(loaded.problems)
    return loaded


def refuse_unreadable(problems: Iterable[Problem]) -> None:
    """Stop, naming the file, when the system would not let lofte read one of the data
    files: that is no fault of the data, and no output should go on without the file."""
    from lofte_cli.data.file_check import unreadable

    for found in unreadable(problems):
        raise FileSystemError(found.path, found.message)


def choice_parser(option: str, choices: tuple[str, ...]) -> Callable[[str], str]:
    """A parser that takes one of `choices` and refuses anything else in words."""

    def parse(value: str) -> str:
        if value not in choices:
            message = _("{option} {value}: choose {choices}")
            words = message.format(option=option, value=repr(value), choices=", ".join(choices))
            raise typer.BadParameter(words)
        return value

    return parse


def format_option(names: Iterable[str], help_text: str) -> Any:
    """`--format/-f`, its choices the names of a formatter registry: they are what the help
    shows, what the shell completes, and all that is accepted. `help_text` is marked
    `N_("…")`: the command group translates it when lofte runs."""
    choices = tuple(names)
    parse = choice_parser("--format", choices)

    def complete(incomplete: str) -> list[str]:
        return [name for name in choices if name.startswith(incomplete)]

    return typer.Option(
        "--format",
        "-f",
        help=help_text,
        metavar="[" + "|".join(choices) + "]",
        parser=parse,
        autocompletion=complete,
    )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lofte {__version__}")
        raise typer.Exit()


@dataclass(frozen=True)
class GlobalOptions:
    data: Path | None
    use_cache: bool = True
    at: str | None = None


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            envvar="LOFTE_DATA",
            metavar=N_("FOLDER"),
            help=N_(
                "The data repository (the folder holding data/pledges/). "
                "Default: found by walking up from the current folder."
            ),
            file_okay=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=N_("Show the version.")),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            envvar="LOFTE_NO_CACHE",
            help=N_("Check every file anew and leave .lofte-cache/ alone."),
        ),
    ] = False,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar=N_("REVISION"),
            help=N_(
                "Read the data as it stood at a git revision or tag (validate, coverage, "
                "render), e.g. --at v2024."
            ),
        ),
    ] = None,
) -> None:
    ctx.obj = GlobalOptions(data, use_cache=not no_cache and at is None, at=at)


def use_cache(ctx: typer.Context) -> bool:
    return ctx.obj.use_cache if isinstance(ctx.obj, GlobalOptions) else True


def data_root(ctx: typer.Context, near: Path | None = None, *, writes: str = "") -> Path:
    """The data repository; with --at, a copy of it as it stood then, which a command that
    `writes` refuses (what it wrote there would vanish with the copy)."""
    from lofte_cli.paths import data_at_revision, find_data_root

    override = ctx.obj.data if isinstance(ctx.obj, GlobalOptions) else None
    try:
        root = find_data_root(Path.cwd(), override=override)
    except DataRootNotFound:
        if override is not None or near is None:
            raise
        root = find_data_root(near if near.is_dir() else near.parent)
    at = ctx.obj.at if isinstance(ctx.obj, GlobalOptions) else None
    if at is None:
        return root
    if writes:
        message = _(
            "--at {revision} reads the data as it stood then; {command} writes files, so it "
            "works on the data as it is now (leave out --at)"
        )
        raise UsageError(message.format(revision=at, command=writes))
    return data_at_revision(root, at)


def today() -> date:
    """Today, or LOFTE_TODAY (YYYY-MM-DD) so that runs can be reproduced."""
    fixed = os.environ.get("LOFTE_TODAY")
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        message = _("LOFTE_TODAY={value} is not a date (YYYY-MM-DD)")
        raise UsageError(message.format(value=repr(fixed))) from None


def day_or_today(text: str | None, what: str) -> date:
    from lofte_cli.values import parse_day

    return parse_day(text, what) if text else today()


def jobs() -> int | None:
    """LOFTE_JOBS, the worker processes to use (default: one per processor)."""
    text = os.environ.get("LOFTE_JOBS", "").strip()
    if not text or text == "0":
        return None
    if not text.isdigit():
        message = _("LOFTE_JOBS={value} is not a number of worker processes")
        raise UsageError(message.format(value=repr(text)))
    return int(text)


def in_terminal() -> bool:
    return sys.stdin.isatty()


MAX_SHOWN = 20  # problems listed before a refusal; lofte validate lists them all

# What goes out despite personal data, and what is left out for its errors, by the
# action of `publish.publication` (whole sentences, so that each reads well translated).
DESPITE = {
    "publish": N_("publishing despite personal data: {problem}"),
    "report": N_("reporting despite personal data: {problem}"),
    "export": N_("exporting despite personal data: {problem}"),
    "show": N_("showing despite personal data: {problem}"),
}
LEFT_OUT = {
    "publish": N_("left out, not published: {problem}"),
    "report": N_("left out, not written: {problem}"),
    "export": N_("left out, not exported: {problem}"),
    "show": N_("left out, not shown: {problem}"),
}


def apply_verdict(verdict: Verdict) -> None:
    """Say what keeps the output back and stop; or, forced, name what goes out despite
    personal data and what is left out for its errors."""
    from lofte_cli.data.problem_text import problem_line
    from lofte_cli.publish.publication import ACTIONS

    for p in verdict.listed[:MAX_SHOWN]:
        typer.echo(problem_line(p), err=True)
    if len(verdict.listed) > MAX_SHOWN:
        more = len(verdict.listed) - MAX_SHOWN
        message = ngettext(
            "… and {count} more; lofte validate lists them all",
            "… and {count} more; lofte validate lists them all",
            more,
        )
        typer.echo(message.format(count=more), err=True)
    if verdict.refusal is not None:
        raise LofteError(verdict.refusal)
    action = next(name for name, known in ACTIONS.items() if known == verdict.action)
    for p in verdict.despite:
        typer.echo(_(DESPITE[action]).format(problem=problem_line(p)), err=True)
    for p in verdict.left_out:
        typer.echo(_(LEFT_OUT[action]).format(problem=problem_line(p)), err=True)


def guarded(
    ctx: typer.Context,
    root: Path,
    *,
    force: bool,
    action: str,
    history: bool = False,
    history_authors: bool = False,
    only_changed: bool = False,
) -> Publication:
    """The data as it may go out: loaded and checked as `lofte validate` does, what keeps
    it back said, and refused unless forced (see `publish.publication`); `only_changed`:
    see `prepare_publication`."""
    import lofte_cli as lofte

    publication = lofte.prepare_publication(
        root,
        today=today(),
        use_cache=use_cache(ctx),
        history=history,
        history_authors=history_authors,
        only_changed=only_changed,
    )
    refuse_unreadable(publication.errors)
    apply_verdict(lofte.verdict(publication, force=force, action=action))
    return publication


# What `print_written` says of a file, by the verb its caller gives.
WRITTEN = {
    "Wrote": N_("Wrote {path}"),
    "Created": N_("Created {path}"),
    "Updated": N_("Updated {path}"),
}


def print_written(path: Path, verb: str, message: str, *, also: Sequence[Path] = ()) -> None:
    """`Wrote PATH` (or Created, Updated), and the git commands that come next, with
    `message` as the commit message; `also`: more files written, said and added too."""
    from lofte_cli.paths import shown_path

    shown = shown_path(path)
    said = _(WRITTEN[verb]).format(path=shown) if verb in WRITTEN else f"{verb} {shown}"
    typer.echo(said)
    for other in also:
        typer.echo(_(WRITTEN["Wrote"]).format(path=shown_path(other)))
    added = " ".join([shown, *(shown_path(other) for other in also)])
    # TRANSLATORS: the commands are typed as they are; "pull request" is git's own word.
    hint = _('Next: git add {path} && git commit -m "{message}", then open a pull request.')
    typer.echo(hint.format(path=added, message=message))


# Shell completion of ids (lofte_cli.cli.completion), imported only when the shell asks, so
# that every other run starts as fast as before.
def complete_pledge(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from lofte_cli.cli import completion

    return completion.complete_pledge(ctx, incomplete)


def complete_party(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from lofte_cli.cli import completion

    return completion.complete_party(ctx, incomplete)


def complete_commitment(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from lofte_cli.cli import completion

    return completion.complete_commitment(ctx, incomplete)
