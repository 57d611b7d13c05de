"""The Typer application, its global options, and what every command shares: turning the
core's errors into one line and an exit code, finding the data, "today", and saying what
goes out or is written."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from lofte_cli import __version__
from lofte_cli.cli.group import LofteGroup
from lofte_cli.errors import DataRootNotFound, LofteError, UsageError

if TYPE_CHECKING:
    from lofte_cli.publish.publication import Publication, Verdict

app = typer.Typer(
    cls=LofteGroup,
    name="lofte",
    help=(
        "Keep medborgarlöften (pledges of police and municipalities) and the activities "
        "that fulfil them as YAML files in git.\n\n"
        "Example: lofte validate"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@contextmanager
def user_errors(interrupted: str = "interrupted; nothing was written") -> Iterator[None]:
    """Turn the core's errors into one line on stderr and an exit code; a bug in lofte
    gets its own line (LOFTE_DEBUG=1 shows the traceback). `interrupted` says what a
    Ctrl-C leaves, for the commands that write file by file."""
    try:
        yield
    except LofteError as exc:
        if os.environ.get("LOFTE_DEBUG"):
            raise
        typer.echo(f"lofte: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except UnicodeEncodeError:
        typer.echo(
            "lofte: a value given on the command line is not UTF-8 text; check the "
            "terminal's character encoding",
            err=True,
        )
        raise typer.Exit(2) from None
    except OSError as exc:
        if os.environ.get("LOFTE_DEBUG"):
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        typer.echo(f"lofte: {where}{exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None
    except (KeyboardInterrupt, EOFError):
        typer.echo(f"\nlofte: {interrupted}", err=True)
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:
        if os.environ.get("LOFTE_DEBUG"):
            raise
        typer.echo(
            f"lofte: internal error (a bug in lofte, not in your data): {exc!r}; "
            "run again with LOFTE_DEBUG=1 to see the traceback, and report it",
            err=True,
        )
        raise typer.Exit(3) from None


def format_option(names: Iterable[str], help_text: str) -> Any:
    """`--format/-f`, its choices the names of a formatter registry: they are what the help
    shows, what the shell completes, and all that is accepted."""
    choices = tuple(names)

    def parse(value: str) -> str:
        if value not in choices:
            raise typer.BadParameter(f"--format {value!r}: choose {', '.join(choices)}")
        return value

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
            help="The data repository (the folder holding data/pledges/). "
            "Default: found by walking up from the current folder.",
            file_okay=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            envvar="LOFTE_NO_CACHE",
            help="Check every file anew and leave .lofte-cache/ alone.",
        ),
    ] = False,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="REV",
            help="Read the data as it stood at a git revision or tag (validate, coverage, "
            "render), e.g. --at v2024.",
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
        raise UsageError(
            f"--at {at} reads the data as it stood then; {writes} writes files, so it "
            "works on the data as it is now (leave out --at)"
        )
    return data_at_revision(root, at)


def today() -> date:
    """Today, or LOFTE_TODAY (YYYY-MM-DD) so that runs can be reproduced."""
    fixed = os.environ.get("LOFTE_TODAY")
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        raise UsageError(f"LOFTE_TODAY={fixed!r} is not a date (YYYY-MM-DD)") from None


def day_or_today(text: str | None, what: str) -> date:
    from lofte_cli.values import parse_day

    return parse_day(text, what) if text else today()


def jobs() -> int | None:
    """LOFTE_JOBS, the worker processes to use (default: one per processor)."""
    text = os.environ.get("LOFTE_JOBS", "").strip()
    if not text or text == "0":
        return None
    if not text.isdigit():
        raise UsageError(f"LOFTE_JOBS={text!r} is not a number of worker processes")
    return int(text)


def in_terminal() -> bool:
    return sys.stdin.isatty()


MAX_SHOWN = 20  # problems listed before a refusal; lofte validate lists them all


def apply_verdict(verdict: Verdict) -> None:
    """Say what keeps the output back and stop; or, forced, name what goes out despite
    personal data and what is left out for its errors."""
    from lofte_cli.data.problem_text import problem_line

    for p in verdict.listed[:MAX_SHOWN]:
        typer.echo(problem_line(p), err=True)
    if len(verdict.listed) > MAX_SHOWN:
        more = len(verdict.listed) - MAX_SHOWN
        typer.echo(f"… and {more} more; lofte validate lists them all", err=True)
    if verdict.refusal is not None:
        raise LofteError(verdict.refusal)
    for p in verdict.despite:
        typer.echo(f"{verdict.action.doing} despite personal data: {problem_line(p)}", err=True)
    for p in verdict.left_out:
        typer.echo(f"left out, not {verdict.action.done}: {problem_line(p)}", err=True)


def guarded(
    ctx: typer.Context, root: Path, *, force: bool, action: str, history: bool = False
) -> Publication:
    """The data as it may go out: loaded and checked as `lofte validate` does, what keeps
    it back said, and refused unless forced (see `publish.publication`)."""
    import lofte_cli as lofte

    publication = lofte.prepare_publication(
        root, today=today(), use_cache=use_cache(ctx), history=history
    )
    apply_verdict(lofte.verdict(publication, force=force, action=action))
    return publication


def print_written(path: Path, verb: str, message: str) -> None:
    from lofte_cli.paths import shown_path

    shown = shown_path(path)
    typer.echo(f"{verb} {shown}")
    typer.echo(f'Next: git add {shown} && git commit -m "{message}", then open a pull request.')


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
