"""The `lofte` command line: options in, one core call, output and an exit code out."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from lofte_cli import __version__
from lofte_cli.errors import DataRootNotFound, LofteError, UsageError

if TYPE_CHECKING:
    from lofte_cli.data.model import Catalog
    from lofte_cli.data.validate import ValidationResult
    from lofte_cli.edit.activity_draft import DraftFields
    from lofte_cli.edit.fmt import FormatReport
    from lofte_cli.edit.pledge_draft import PlannedPledge
    from lofte_cli.publish.publication import Action, Verdict
    from lofte_cli.publish.site import PublishResult

app = typer.Typer(
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lofte {__version__}")
        raise typer.Exit()


# Shell completion of ids (lofte_cli.cli.completion), imported only when the shell asks, so that
# every other run starts as fast as before.
def complete_pledge(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from lofte_cli.cli import completion

    return completion.complete_pledge(ctx, incomplete)


def complete_party(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from lofte_cli.cli import completion

    return completion.complete_party(ctx, incomplete)


def complete_commitment(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from lofte_cli.cli import completion

    return completion.complete_commitment(ctx, incomplete)


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


@dataclass(frozen=True)
class GlobalOptions:
    data: Path | None
    use_cache: bool = True
    at: str | None = None


def _use_cache(ctx: typer.Context) -> bool:
    return ctx.obj.use_cache if isinstance(ctx.obj, GlobalOptions) else True


def _data_root(ctx: typer.Context, near: Path | None = None, *, writes: str = "") -> Path:
    """The data repository; with --at, a copy of it as it stood then, which a command that
    `writes` refuses (what it wrote there would vanish with the copy)."""
    from lofte_cli.paths import find_data_root

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
    from lofte_cli.paths import data_at_revision

    return data_at_revision(root, at)


def _today() -> date:
    """Today, or LOFTE_TODAY (YYYY-MM-DD) so that runs can be reproduced."""
    fixed = os.environ.get("LOFTE_TODAY")
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        raise UsageError(f"LOFTE_TODAY={fixed!r} is not a date (YYYY-MM-DD)") from None


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to check (default: the whole data repository)."),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="text (default), json, github (workflow commands), or sarif (a SARIF 2.1.0 log).",
        ),
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="List the rules and their codes, then stop.")
    ] = False,
) -> None:
    """Check every pledge, activity and follow-up against the schemas and the rules.

    Reports every problem as path:line:col with a code (L1xx structure and references,
    L2xx dates, L3xx personal data). Exit code 0 when there are no errors (warnings
    allowed), 1 when there are, 2 when lofte was called wrongly.

    Examples:

    \b
        lofte validate

    \b
        lofte validate data/pledges/sodra-fyrbodal-2023-2024/activities/

    \b
        lofte validate --format github --strict

    \b
        lofte validate --format sarif > lofte.sarif
    """
    from lofte_cli.cli import output

    with user_errors():
        if output_format not in output.FORMATS:
            raise UsageError(
                f"--format {output_format!r}: choose one of {', '.join(output.FORMATS)}"
            )
        if list_rules:
            _print_rules(output_format)
            return
        from lofte_cli.data.validate import validate as run_validate

        wanted = paths or []
        root = _data_root(ctx, near=wanted[0].resolve() if wanted else None)
        result = run_validate(
            root, paths=wanted, today=_today(), strict=strict, use_cache=_use_cache(ctx)
        )
        _print_result(result, output_format, root)
        raise typer.Exit(1 if result.errors else 0)


@app.command("add-activity")
def add_activity(
    ctx: typer.Context,
    pledge: Annotated[
        str | None,
        typer.Option(
            help="Pledge id (asked, or chosen when only one runs on the date).",
            autocompletion=complete_pledge,
        ),
    ] = None,
    day: Annotated[
        str | None, typer.Option("--date", help="Date YYYY-MM-DD (default: today).")
    ] = None,
    end_date: Annotated[
        str | None, typer.Option(help="Last day, for activities over several days.")
    ] = None,
    status: Annotated[
        str | None, typer.Option(help="done (default), planned or cancelled.")
    ] = None,
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by",
            help="A party (or group) that carried it out; repeat for more.",
            autocompletion=complete_party,
        ),
    ] = None,
    commitment: Annotated[
        list[str] | None,
        typer.Option(
            "--commitment",
            help="A commitment it serves; repeat for more.",
            autocompletion=complete_commitment,
        ),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Short public title.")] = None,
    description: Annotated[str | None, typer.Option(help="What was done, for the public.")] = None,
    description_file: Annotated[
        Path | None,
        typer.Option(
            help="Read the description from a file; - for standard input.", allow_dash=True
        ),
    ] = None,
    place: Annotated[str | None, typer.Option(help="Where it took place.")] = None,
    partner: Annotated[
        list[str] | None, typer.Option("--partner", help="Another who took part; repeatable.")
    ] = None,
    target_group: Annotated[
        list[str] | None, typer.Option("--target-group", help="Whom it was for; repeatable.")
    ] = None,
    participants: Annotated[int | None, typer.Option(min=0, help="How many took part.")] = None,
    measure: Annotated[
        list[str] | None,
        typer.Option(
            "--measure", help="A named count NAME=N, e.g. trafikkontroller=25; repeatable."
        ),
    ] = None,
    hours: Annotated[str | None, typer.Option(help="Person-hours spent.")] = None,
    link: Annotated[
        list[str] | None,
        typer.Option(
            "--link", help="An http(s) address, optionally followed by a title; repeatable."
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the file; write nothing.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Log an activity: write a new, checked file under the pledge's activities/.

    In a terminal, lofte asks for whatever the flags leave out, checks each answer at once,
    shows the file and asks before writing. Elsewhere (scripts, CI) the flags must give
    --by, --commitment, --title and --description. The file is checked exactly as
    `lofte validate` checks it; a file that would fail is not written.

    Example:

    \b
        lofte add-activity --by stenungsund --by polisen --commitment kommun-3 \\
        --title "Föräldrakväll om droger" --description "Föräldrakväll på Kristinedalskolan." \\
        --date 2024-03-14 --participants 40
    """
    from lofte_cli.edit import activity_draft as core

    with user_errors():
        root = _data_root(ctx, writes="add-activity")
        fields = core.DraftFields(
            pledge_id=pledge,
            date=core.parse_day(day, "--date") if day else None,
            end_date=core.parse_day(end_date, "--end-date") if end_date else None,
            status=_status_option(status),
            by=tuple(by or ()),
            commitments=tuple(commitment or ()),
            title=title,
            description=_description(description, description_file),
            place=place,
            partners=tuple(partner or ()),
            target_groups=tuple(target_group or ()),
            participants=participants,
            measures=dict(core.parse_measure(m) for m in measure or ()),
            hours=core.parse_hours(hours) if hours else None,
            links=tuple(core.parse_link(x) for x in link or ()),
        )
        _write_activity(root, fields, dry_run=dry_run, yes=yes)


def _status_option(status: str | None) -> str | None:
    from lofte_cli.edit.activity_draft import parse_status

    return None if status is None else parse_status(status)


def _description(text: str | None, source: Path | None) -> str | None:
    if source is None:
        return text
    if text is not None:
        raise UsageError("give --description or --description-file, not both")
    try:
        raw = sys.stdin.read() if str(source) == "-" else source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--description-file {source}: cannot read it ({exc})") from None
    return raw.strip() or None


def _write_activity(root: Path, fields: DraftFields, *, dry_run: bool, yes: bool) -> None:
    from rich.console import Console

    from lofte_cli.cli import interactive
    from lofte_cli.data.loader import load_catalog
    from lofte_cli.edit import activity_draft as core

    catalog = load_catalog(root).catalog
    today = _today()
    console = Console(highlight=False, emoji=False, stderr=True)
    ask = sys.stdin.isatty()
    if ask:
        draft = interactive.complete_draft(console, catalog, fields, today=today)
    else:
        day = fields.date or today
        pledge_id = core.settle_pledge(catalog, fields, day)
        missing = fields.missing_flags() + ([] if pledge_id else ["--pledge"])
        if missing:
            raise UsageError(
                "missing " + ", ".join(missing) + " (standard input is not a "
                "terminal, so lofte cannot ask)"
            )
        assert pledge_id is not None
        draft = fields.to_draft(pledge_id=pledge_id, day=day)
    planned = core.plan_activity(catalog, draft, today=today)
    for p in planned.problems:
        console.print(
            f"[{'red' if p.severity == 'error' else 'yellow'}]{p.severity}[/] {p.code} {p.message}",
            soft_wrap=True,
        )
    if dry_run:
        typer.echo(planned.text, nl=False)
        raise typer.Exit(1 if planned.errors else 0)
    if planned.errors:
        raise LofteError(
            f"not written: {len(planned.errors)} error(s) above; fix the values and run again"
        )
    if ask and not yes:
        interactive.show_file(console, planned.text)
        # After a warning, Enter alone does not write: the answer must be a yes.
        if not interactive.confirm(console, "Write this file?", default=not planned.problems):
            console.print("Nothing written.")
            raise typer.Exit(1)
    path = core.write_activity(catalog, draft, today=today)
    _print_written(path, "Wrote", f"Aktivitet: {path.stem}")


def _print_written(path: Path, verb: str, message: str) -> None:
    from lofte_cli.cli.output import shown_path

    shown = shown_path(path)
    typer.echo(f"{verb} {shown}")
    typer.echo(f'Next: git add {shown} && git commit -m "{message}", then open a pull request.')


@app.command()
def assess(
    ctx: typer.Context,
    commitment: Annotated[
        str | None,
        typer.Argument(
            help="The commitment assessed, e.g. polis-1.", autocompletion=complete_commitment
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(help="not-started, ongoing, done, partly-done, not-done or not-applicable."),
    ] = None,
    comment: Annotated[str | None, typer.Option(help="Why; public text.")] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date", help="Date of the follow-up, YYYY-MM-DD (default: today); names the file."
        ),
    ] = None,
    indicator: Annotated[
        list[str] | None, typer.Option("--indicator", help="A measured value ID=VALUE; repeatable.")
    ] = None,
    pledge: Annotated[
        str | None,
        typer.Option(
            help="Pledge id, where the commitment id alone does not tell.",
            autocompletion=complete_pledge,
        ),
    ] = None,
) -> None:
    """Record a follow-up: an assessment of a commitment and/or indicator values.

    Writes followups/<date>.yaml of the pledge: creates it, or changes only the entries
    named, keeping every comment and blank line of the file. The result is checked as
    `lofte validate` checks it before it is written.

    Examples:

    \b
        lofte assess polis-1 --status ongoing --comment "Fyra träffar i höstas." --date 2023-12-15

    \b
        lofte assess --indicator trygghet-kvall=71 --pledge sodra-fyrbodal-2023-2024
    """
    from lofte_cli.data.loader import load_catalog
    from lofte_cli.edit import assessment as core
    from lofte_cli.edit.activity_draft import parse_day

    with user_errors():
        if commitment is None and not indicator:
            raise UsageError("name a COMMITMENT with --status, or give --indicator ID=VALUE")
        if commitment is not None and status not in core.ASSESSMENT_STATUSES:
            raise UsageError(f"--status: choose one of {', '.join(core.ASSESSMENT_STATUSES)}")
        catalog = load_catalog(_data_root(ctx, writes="assess")).catalog
        when = parse_day(day, "--date") if day else _today()
        pledge_id = pledge or (
            core.pledge_for_commitment(catalog, commitment, when)
            if commitment
            else _only_pledge(catalog)
        )
        change = core.FollowupChange(
            pledge_id=pledge_id,
            date=when,
            assessments={commitment: (status, comment)} if commitment and status else {},
            indicators=dict(core.parse_indicator(x) for x in indicator or ()),
        )
        result = core.record_followup(catalog, change, today=_today())
        verb = "Created" if result.created else "Updated"
        _print_written(result.path, verb, f"Uppföljning {when}")


def _only_pledge(catalog: Catalog, how: str = "--pledge") -> str:
    pledges = sorted(catalog.pledges)
    if len(pledges) != 1:
        raise UsageError(
            f"give {how} to say which pledge (there are {len(pledges)}: "
            f"{', '.join(pledges) or 'none'})"
        )
    return pledges[0]


@app.command("new-pledge")
def new_pledge(
    ctx: typer.Context,
    pledge_id: Annotated[
        str | None,
        typer.Option("--id", help="The pledge id and folder name (default: from the title)."),
    ] = None,
    title: Annotated[str | None, typer.Option(help="The public title.")] = None,
    start: Annotated[str | None, typer.Option(help="First day, YYYY-MM-DD.")] = None,
    end: Annotated[
        str | None,
        typer.Option(
            help="Last day, YYYY-MM-DD (leave out for a pledge that runs until a new one)."
        ),
    ] = None,
    language: Annotated[str, typer.Option(help="Language of the texts: sv or en.")] = "sv",
    area: Annotated[str | None, typer.Option(help="The place: municipality or district.")] = None,
    goal: Annotated[str | None, typer.Option(help="The common goal.")] = None,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party", help="ID:KIND:NAME, kind police, municipality or other; repeatable."
        ),
    ] = None,
    group: Annotated[
        list[str] | None, typer.Option("--group", help="ID=PARTY,PARTY; repeatable.")
    ] = None,
    commitment: Annotated[
        list[str] | None,
        typer.Option(
            "--commitment",
            help="ID:BY:TEXT, BY a party or group (several with commas); repeatable.",
        ),
    ] = None,
    notice: Annotated[str | None, typer.Option(help="A banner text for every page.")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Create a new pledge: data/pledges/<id>/pledge.yaml, valid from the start.

    In a terminal, lofte asks for what the flags leave out; elsewhere the flags must give
    --title, --start, --party and --commitment.

    Example:

    \b
        lofte new-pledge --title "Medborgarlöfte Orust 2025" --start 2025-01-01 \\
        --end 2025-12-31 --party "polisen:police:Lokalpolisområde Södra Fyrbodal" \\
        --party "orust:municipality:Orust kommun" \\
        --commitment "polis-1:polisen:Genomföra trafikkontroller av EPA-traktorer." \\
        --commitment "kommun-1:orust:Genomföra föräldrakvällar."
    """
    from lofte_cli.data.loader import load_catalog
    from lofte_cli.edit import pledge_draft as core
    from lofte_cli.edit.activity_draft import parse_day

    with user_errors():
        root = _data_root(ctx, writes="new-pledge")
        fields = core.PledgeFields(
            id=pledge_id,
            title=title,
            start=parse_day(start, "--start") if start else None,
            end=parse_day(end, "--end") if end else None,
            language=language,
            area=area,
            goal=goal,
            parties=tuple(core.parse_party(p) for p in party or ()),
            groups=dict(core.parse_group(g) for g in group or ()),
            commitments=tuple(core.parse_commitment(c) for c in commitment or ()),
            notice=notice,
        )
        if sys.stdin.isatty():
            from rich.console import Console

            from lofte_cli.cli.interactive import complete_pledge

            fields = complete_pledge(Console(stderr=True, emoji=False), fields)
        elif fields.missing_flags():
            raise UsageError(
                "missing " + ", ".join(fields.missing_flags()) + " (standard "
                "input is not a terminal, so lofte cannot ask)"
            )
        catalog = load_catalog(root).catalog
        draft = fields.to_draft()
        if sys.stdin.isatty() and not yes:
            _confirm_pledge(core.plan_pledge(catalog, draft, today=_today()))
        path = core.write_pledge(catalog, draft, today=_today())
        _print_written(path, "Wrote", f"Nytt löfte: {path.parent.name}")


def _confirm_pledge(planned: PlannedPledge) -> None:
    """In a terminal: the file, what the checks say, and a question before writing."""
    from rich.console import Console

    from lofte_cli.cli import interactive

    console = Console(highlight=False, emoji=False, stderr=True)
    problems = planned.problems
    for p in problems:
        colour = "red" if p.severity == "error" else "yellow"
        console.print(f"[{colour}]{p.severity}[/] {p.code} {p.message}", soft_wrap=True)
    if any(p.severity == "error" for p in problems):
        return  # write_pledge refuses it with the first error
    interactive.show_file(console, planned.text)
    if not interactive.confirm(console, "Write this file?", default=not problems):
        console.print("Nothing written.")
        raise typer.Exit(1)


@app.command()
def init(
    folder: Annotated[
        Path, typer.Argument(help="Where to create it (default: here).", file_okay=False)
    ] = Path("."),
) -> None:
    """Start a new data repository: data/pledges/, the schemas, VS Code settings that point
    the YAML extension at them, a README for its keepers, the pull-request workflow and a
    pre-commit configuration. Files already there are kept.

    Example:

    \b
        lofte init medborgarloften && cd medborgarloften && lofte new-pledge
    """
    from lofte_cli.cli.output import shown_path
    from lofte_cli.edit.new_repository import init_repository

    with user_errors():
        folder.mkdir(parents=True, exist_ok=True)
        result = init_repository(folder)
        for path in result.created:
            typer.echo(f"created {shown_path(path)}")
        for path in result.kept:
            typer.echo(f"kept    {shown_path(path)} (already there)")
        if result.git_initialised:
            typer.echo("git repository initialised")
        typer.echo(f"Next: cd {shown_path(folder)} && lofte new-pledge")


COVERAGE_FORMATS = ("table", "json", "markdown", "csv")


@app.command()
def coverage(
    ctx: typer.Context,
    pledges: Annotated[
        list[str] | None,
        typer.Argument(help="Pledge ids (default: all).", autocompletion=complete_pledge),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option(help="The day to measure on, YYYY-MM-DD (default: today).")
    ] = None,
    per: Annotated[
        str | None,
        typer.Option(help="Also count per week, month, quarter, tertial, half-year or year."),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="table (default), json, markdown or csv.")
    ] = "table",
    fail_under: Annotated[
        float | None,
        typer.Option(
            min=0, max=100, help="Exit 1 when a pledge's coverage is below PERCENT (for CI)."
        ),
    ] = None,
    quiet_after: Annotated[
        str,
        typer.Option(
            help="A commitment with no activity for this long is quiet: 6m, 90d, 12w, 1y."
        ),
    ] = "6m",
    force: Annotated[
        bool,
        typer.Option("--force", help="Show files with personal data (L3xx) too; says which."),
    ] = False,
) -> None:
    """Show, per commitment and per party that promised it, what the activities show.

    done/expected per party, the status in words (met, partial, untouched), the latest
    assessment from the follow-ups and the last activity; below, the gaps: untouched
    commitments, parties that have done nothing on a commitment they promised, and
    commitments that went quiet.

    Examples:

    \b
        lofte coverage

    \b
        lofte coverage sodra-fyrbodal-2023-2024 --as-of 2023-12-31 --per quarter

    \b
        lofte coverage --format json --fail-under 80
    """
    from rich.console import Console

    from lofte_cli.coverage import formats as present
    from lofte_cli.coverage.compute import compute_coverage
    from lofte_cli.data.loader import load_catalog
    from lofte_cli.publish.publication import SHOW, personal_data_verdict

    with user_errors():
        if output_format not in COVERAGE_FORMATS:
            raise UsageError(f"--format {output_format!r}: choose {', '.join(COVERAGE_FORMATS)}")
        from lofte_cli.edit.activity_draft import parse_day

        loaded = load_catalog(_data_root(ctx), use_cache=_use_cache(ctx))
        _apply_verdict(personal_data_verdict(loaded.problems, force=force, action=SHOW), SHOW)
        broken = {
            p.path for p in loaded.problems if p.severity == "error" and not p.code.startswith("L3")
        }
        if broken:
            typer.echo(
                f"lofte: {len(broken)} file(s) have errors and are left out or only "
                "partly counted; run lofte validate",
                err=True,
            )
        report = compute_coverage(
            loaded.catalog,
            as_of=parse_day(as_of, "--as-of") if as_of else _today(),
            pledge_ids=pledges or (),
            per=per,
            quiet_after_days=_duration_days(quiet_after),
        )
        if output_format == "table":
            # Piped into a file or a CI log there is no terminal width to keep to.
            console = Console(
                highlight=False, emoji=False, width=None if sys.stdout.isatty() else 160
            )
            for renderable in present.coverage_table(report):
                console.print(renderable)
        else:
            render = {
                "json": present.coverage_json_text,
                "markdown": present.coverage_markdown,
                "csv": present.coverage_csv,
            }[output_format]
            typer.echo(render(report), nl=False)
        below = [
            p.id
            for p in report.pledges
            if fail_under is not None
            and p.coverage_percent is not None
            and p.coverage_percent < fail_under
        ]
        if below:
            typer.echo(f"lofte: coverage below {fail_under:g} % for {', '.join(below)}", err=True)
            raise typer.Exit(1)


MAX_SHOWN = 20  # problems listed before a refusal; lofte validate lists them all


def _apply_verdict(verdict: Verdict, action: Action) -> None:
    """Say what keeps the output back and stop; or, forced, name what goes out despite
    personal data and what is left out for its errors."""
    from lofte_cli.cli.output import problem_line

    for p in verdict.listed[:MAX_SHOWN]:
        typer.echo(problem_line(p), err=True)
    if len(verdict.listed) > MAX_SHOWN:
        more = len(verdict.listed) - MAX_SHOWN
        typer.echo(f"… and {more} more; lofte validate lists them all", err=True)
    if verdict.refusal is not None:
        raise LofteError(verdict.refusal)
    for p in verdict.despite:
        typer.echo(f"{action.doing} despite personal data: {problem_line(p)}", err=True)
    for p in verdict.left_out:
        typer.echo(f"left out, not {action.done}: {problem_line(p)}", err=True)


def _duration_days(text: str) -> int:
    """`6m` → 182, `90d`, `12w`, `1y` → days."""
    import re

    match = re.fullmatch(r"\s*(\d+)\s*([dwmy])\s*", text.lower())
    if not match or int(match.group(1)) == 0:
        raise UsageError(f"--quiet-after {text!r}: write a number and d, w, m or y, e.g. 6m")
    number, unit = int(match.group(1)), match.group(2)
    return {"d": number, "w": 7 * number, "m": number * 365 // 12, "y": 365 * number}[unit]


@app.command()
def render(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option(help="Output folder.", file_okay=False)] = Path("site"),
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="html (default), markdown or all.")
    ] = "html",
    templates: Annotated[
        Path | None,
        typer.Option(
            help="A folder of templates that override the built-in ones by file name.",
            exists=True,
            file_okay=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option(help="Coverage as of this day, YYYY-MM-DD (default: today).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="sv or en for every page (default: each pledge's language).")
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Publish files with personal data (L3xx) too; says which."),
    ] = False,
) -> None:
    """Publish the summary pages: a static HTML site and/or Markdown summaries.

    Per pledge a page with the goal, parties, every commitment with its coverage per party
    and the latest assessment side by side, the indicators, a timeline of activities and the
    activities; a page per party and per activity. No JavaScript, nothing fetched from
    another host, good on a phone and on paper.

    Examples:

    \b
        lofte render

    \b
        lofte render --out public --format all --as-of 2024-12-31
    """
    from lofte_cli.edit.activity_draft import parse_day
    from lofte_cli.publish import render as core
    from lofte_cli.publish.i18n import LANGUAGES
    from lofte_cli.publish.publication import PUBLISH, prepare_publication, verdict
    from lofte_cli.publish.site import publish_site

    interrupted = (
        f"interrupted; {out}/ may hold part of the new site beside the old one: run lofte "
        "render again before publishing it"
    )
    with user_errors(interrupted=interrupted):
        if output_format not in core.FORMATS:
            raise UsageError(f"--format {output_format!r}: choose {', '.join(core.FORMATS)}")
        if lang is not None and lang not in LANGUAGES:
            raise UsageError(f"--lang {lang!r}: choose {', '.join(LANGUAGES)}")
        formats = ("html", "markdown") if output_format == "all" else (output_format,)
        publication = prepare_publication(
            _data_root(ctx), today=_today(), use_cache=_use_cache(ctx), history="html" in formats
        )
        _apply_verdict(verdict(publication, force=force), PUBLISH)
        site = core.build_site(
            publication.catalog,
            as_of=parse_day(as_of, "--as-of") if as_of else _today(),
            language=lang,
            histories=publication.histories,
        )
        result = publish_site(site, out, formats=formats, templates=templates, jobs=None)
        _print_published(result, out, start="index.html" if "html" in formats else "README.md")


def _print_published(result: PublishResult, out: Path, *, start: str) -> None:
    from lofte_cli.cli.output import shown_path

    for name in result.kept:
        typer.echo(
            f"lofte: kept {shown_path(out / name)}: an earlier render wrote it and this one "
            "does not, but it has changed since; remove it yourself if it should go",
            err=True,
        )
    removed = f", removed {len(result.removed)} no longer published" if result.removed else ""
    typer.echo(
        f"Wrote {result.written} files to {shown_path(out)}/{removed}; "
        f"open {shown_path(out / start)}"
    )


@app.command()
def report(
    ctx: typer.Context,
    pledge: Annotated[
        str | None,
        typer.Argument(
            help="The pledge id (default: the only pledge).", autocompletion=complete_pledge
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--from", help="First day of the span (default: the pledge's start)."),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help="Last day of the span (default: today, or the pledge's end)."),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="markdown (default) or html.")
    ] = "markdown",
    out: Annotated[
        Path | None,
        typer.Option(help="Write to this file instead of standard output.", dir_okay=False),
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="sv or en (default: the pledge's language).")
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Report files with personal data (L3xx) too; says which."),
    ] = False,
) -> None:
    """Write the follow-up report for a span of time, for the steering group or council.

    Per commitment: its status and the parties' assessment, the activities in the span with
    their measures against the target, the person-hours spent; then the indicators against
    their baseline.

    Example:

    \b
        lofte report sodra-fyrbodal-2023-2024 --from 2023-01-01 --to 2023-12-31 > rapport-2023.md
    """
    from lofte_cli.cli.output import shown_path
    from lofte_cli.edit.activity_draft import parse_day, pledge_data
    from lofte_cli.publish import render as core
    from lofte_cli.publish.output_target import check_output_file, is_report
    from lofte_cli.publish.publication import REPORT, prepare_publication, verdict
    from lofte_cli.write import write_files

    with user_errors():
        if output_format not in ("markdown", "html"):
            raise UsageError(f"--format {output_format!r}: choose markdown or html")
        root = _data_root(ctx)
        if out is not None:
            check_output_file(out, root=root, command="report", owned=is_report, force=force)
        publication = prepare_publication(root, today=_today(), use_cache=_use_cache(ctx))
        _apply_verdict(verdict(publication, force=force, action=REPORT), REPORT)
        catalog = publication.catalog
        pledge = pledge or _only_pledge(catalog, "PLEDGE")
        data = pledge_data(catalog, pledge)
        last = min(filter(None, (catalog.effective_end(data.pledge), _today())))
        span_start = parse_day(start, "--from") if start else data.pledge.start
        span_end = parse_day(end, "--to") if end else last
        if span_end < span_start:
            raise UsageError(f"--to {span_end} is before --from {span_start}")
        site = core.build_site(catalog, as_of=span_end, language=lang)
        text = core.render_report(
            site,
            core.environment(),
            pledge,
            start=span_start,
            end=span_end,
            output_format=output_format,
        )
        if out is None:
            typer.echo(text, nl=False)
        else:
            write_files(out.parent, {out.name: text})
            typer.echo(f"Wrote {shown_path(out)}")


@app.command()
def fmt(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to format (default: every data file)."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Change nothing; list the files that would change, exit 1 if any."
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Change nothing; show the changes as a unified diff."),
    ] = False,
) -> None:
    """Rewrite pledges, activities and follow-ups in the canonical layout.

    Keys in the order of the schema, 2-space indentation, quotes only where they are
    needed, one final newline, and the schema comment on the first line of activities and
    follow-ups. Every comment is kept and moves with the key it stands above. Formatting
    twice changes nothing more. Files that do not parse are reported and left alone.
    Exit code 0 when all is well, 1 when a file does not parse or, with --check, when a
    file would change.

    Examples:

    \b
        lofte fmt

    \b
        lofte fmt data/pledges/sodra-fyrbodal-2023-2024/activities/

    \b
        lofte fmt --check

    \b
        lofte fmt --diff data/pledges/sodra-fyrbodal-2023-2024/
    """
    from lofte_cli.edit import fmt as core

    with user_errors(interrupted=FMT_INTERRUPTED):
        wanted = paths or []
        root = _data_root(
            ctx,
            near=wanted[0].resolve() if wanted else None,
            writes="" if check or diff else "fmt",
        )
        report = core.check_formatting(root, wanted)
        _print_unformatted(report)
        if diff:
            from lofte_cli.cli.output import shown_path

            for f in report.changed:
                typer.echo(core.unified_diff(f, name=shown_path(f.path)), nl=False)
        check = check or diff
        outcomes = (
            [(f.path, False) for f in report.changed]
            if check
            else _print_rewritten(core.write_formatted(report, root))
        )
        _print_format_summary(report, outcomes, check=check)
        moved = not check and not all(done for _, done in outcomes)
        raise typer.Exit(1 if report.failed or moved or (check and report.changed) else 0)


FMT_INTERRUPTED = (
    "interrupted; the files listed as reformatted above were written, every other file is as it was"
)


def _print_unformatted(report: FormatReport) -> None:
    from lofte_cli.cli.output import problem_line, shown_path

    for f in report.failed:
        line = (
            problem_line(f.problem)
            if f.problem
            else f"{shown_path(f.path)}: left as it is: {f.refused}"
        )
        typer.echo(line, err=True)


def _print_rewritten(outcomes: Iterator[tuple[Path, bool]]) -> list[tuple[Path, bool]]:
    """Each file as it is written, so that an interruption leaves a true list."""
    from lofte_cli.cli.output import shown_path

    seen = []
    for path, done in outcomes:
        if done:
            typer.echo(f"reformatted {shown_path(path)}")
        else:
            typer.echo(
                f"lofte: {shown_path(path)}: changed while lofte fmt ran; left as it is, "
                "run lofte fmt again",
                err=True,
            )
        seen.append((path, done))
    return seen


def _print_format_summary(
    report: FormatReport, outcomes: list[tuple[Path, bool]], *, check: bool
) -> None:
    from lofte_cli.cli.output import shown_path

    if check:
        for path, _ in outcomes:
            typer.echo(f"would reformat {shown_path(path)}")
    changed = sum(1 for _, done in outcomes if done or check)
    same = len(report.files) - len(report.changed) - len(report.failed)
    summary = f"{changed} {'would change' if check else 'reformatted'}, {same} already formatted"
    if report.failed:
        summary += f", {len(report.failed)} not formatted (above)"
    if len(outcomes) > changed:
        summary += f", {len(outcomes) - changed} changed meanwhile (above)"
    typer.echo(summary)


@app.command()
def export(
    ctx: typer.Context,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="json (default) or csv.")
    ] = "json",
    out: Annotated[
        Path | None,
        typer.Option(
            help="json: the file to write (default: standard output); "
            "csv: the folder for activities.csv and coverage.csv (default: export/)."
        ),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="CSV for Excel in a Swedish locale: byte-order mark, ';' between cells, "
            "CRLF line ends, decimal comma.",
        ),
    ] = False,
    as_of: Annotated[
        str | None, typer.Option(help="Coverage as of this day, YYYY-MM-DD (default: today).")
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Export files with personal data (L3xx) too; says which."),
    ] = False,
) -> None:
    """Export every pledge, commitment, activity, follow-up and the coverage as open data.

    JSON: one document, {"generated", "as_of", "pledges": [...]}, each pledge with its
    commitments, indicators, activities, follow-ups and its coverage entry (the shape is
    in the README). CSV: activities.csv (a row per activity) and coverage.csv (a row per
    commitment and party). Text is UTF-8, å, ä and ö as they are.

    Examples:

    \b
        lofte export --format json --out lofte.json --as-of 2024-12-31

    \b
        lofte export --format csv --out export/ --excel
    """
    from lofte_cli.coverage.compute import compute_coverage
    from lofte_cli.edit.activity_draft import parse_day
    from lofte_cli.publish import export as core
    from lofte_cli.publish.output_target import check_output_file, export_owner
    from lofte_cli.publish.publication import EXPORT, prepare_publication, verdict

    with user_errors():
        if output_format not in core.FORMATS:
            raise UsageError(f"--format {output_format!r}: choose {', '.join(core.FORMATS)}")
        if excel and output_format != "csv":
            raise UsageError("--excel is for --format csv")
        if output_format == "json" and out is not None and out.is_dir():
            raise UsageError(f"--out {out}: a folder; --format json writes one file")
        root = _data_root(ctx)
        publication = prepare_publication(root, today=_today(), use_cache=_use_cache(ctx))
        _apply_verdict(verdict(publication, force=force, action=EXPORT), EXPORT)
        catalog = publication.catalog
        report = compute_coverage(catalog, as_of=parse_day(as_of, "--as-of") if as_of else _today())
        if output_format == "json":
            text = core.export_json_text(catalog, report, generated=_today())
            files = {out: text} if out is not None else {}
            if out is None:
                typer.echo(text, nl=False)
        else:
            folder = out or Path("export")
            files = {
                folder / k: v for k, v in core.export_csv(catalog, report, excel=excel).items()
            }
        for path, text in files.items():
            owned = export_owner(text)
            check_output_file(path, root=root, command="export", owned=owned, force=force)
        _write_export(files)


MAX_LISTED = 1000  # problems of one import shown; a sheet with more is the wrong sheet


@app.command("import")
def import_activities(
    ctx: typer.Context,
    sheet_file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A .csv or .xlsx file: a header row, then one activity per row.",
        ),
    ],
    pledge: Annotated[
        str | None,
        typer.Option(
            help="The pledge the rows belong to (default: the sheet's pledge column, or the "
            "only pledge).",
            autocompletion=complete_pledge,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row and list the files; write none.")
    ] = False,
    ignore_unknown_columns: Annotated[
        bool,
        typer.Option(
            "--ignore-unknown-columns",
            help="Leave out columns lofte does not know (a sheet's own notes) with a warning, "
            "instead of refusing the sheet.",
        ),
    ] = False,
) -> None:
    """Turn a spreadsheet of activities into activity files, all or none.

    The columns are those of `lofte export --format csv` (pledge, id, date, end_date,
    status, by, commitments, title, description, place, partners, target_groups,
    participants, hours, measures, links) in any order; Swedish headers work too (Datum,
    Slutdatum, Utförare, Åtaganden, Titel, Beskrivning, Plats, Samverkanspartner,
    Målgrupper, Deltagare, Timmar, Mått, Länkar). Lists are separated by ';', measures
    written NAME=N, links as an address and then a title. Every row is checked as
    `lofte add-activity` checks a new activity; every problem is listed by row and column,
    and nothing is written unless every row is valid. A row whose activity is already
    there unchanged is left alone, so importing a sheet twice adds nothing the second time.

    Examples:

    \b
        lofte import aktiviteter.xlsx --dry-run

    \b
        lofte import aktiviteter.xlsx --pledge sodra-fyrbodal-2023-2024

    \b
        lofte import export/activities.csv
    """
    from lofte_cli.cli.output import shown_path
    from lofte_cli.data.loader import load_catalog
    from lofte_cli.edit import activity_import as core
    from lofte_cli.edit.sheet import read_sheet

    with user_errors():
        sheet = read_sheet(sheet_file)
        root = _data_root(ctx, writes="import")
        catalog = load_catalog(root, use_cache=_use_cache(ctx)).catalog
        plan = core.plan_import(
            catalog,
            sheet,
            pledge_id=pledge,
            today=_today(),
            ignore_unknown=ignore_unknown_columns,
        )
        for issue in plan.issues[:MAX_LISTED]:
            typer.echo(core.issue_line(sheet, issue), err=True)
        if len(plan.issues) > MAX_LISTED:
            typer.echo(f"… and {len(plan.issues) - MAX_LISTED:,} more problems", err=True)
        if plan.errors:
            rows = len({i.row for i in plan.errors})
            raise LofteError(
                f"nothing imported: {len(plan.errors)} error(s) in {rows} row(s) of "
                f"{sheet_file}; fix them and run again"
            )
        unchanged = len(plan.rows) - len(plan.new)
        if dry_run:
            for item in plan.rows:
                verb = "would write" if item.new else "unchanged  "
                typer.echo(f"{verb} {shown_path(item.path)}")
            typer.echo(f"{len(plan.new)} new, {unchanged} unchanged; dry run, nothing written")
            return
        written = core.write_import(plan)
        for path in written:
            typer.echo(f"Wrote {shown_path(path)}")
        typer.echo(f"{len(written)} new, {unchanged} unchanged")
        if written:
            from lofte_cli.paths import PLEDGES_DIR

            typer.echo(
                f"Next: git add {shown_path(root / PLEDGES_DIR)} && git commit -m "
                f'"Aktiviteter från {sheet_file.name}", then open a pull request.'
            )


def _write_export(files: dict[Path, str]) -> None:
    from lofte_cli.cli.output import shown_path
    from lofte_cli.write import write_files

    for path, text in files.items():
        write_files(path.parent, {path.name: text})
    if files:
        typer.echo(f"Wrote {', '.join(shown_path(p) for p in files)}")


@app.command()
def history(
    ctx: typer.Context,
    pledge: Annotated[
        str | None,
        typer.Argument(
            help="The pledge id, its folder (default: the only pledge).",
            autocompletion=complete_pledge,
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text (default) or json.")
    ] = "text",
) -> None:
    """List the revisions of a pledge from git: date, who committed, and which commitments
    were added, removed or reworded.

    Example:

    \b
        lofte history sodra-fyrbodal-2023-2024
    """
    import json

    from lofte_cli.data.history import (
        history_json,
        only_pledge_folder,
        pledge_history,
        require_pledge_folder,
    )

    with user_errors():
        if output_format not in ("text", "json"):
            raise UsageError(f"--format {output_format!r}: choose text or json")
        root = _data_root(ctx)
        pledge = pledge or only_pledge_folder(root)
        require_pledge_folder(root, pledge)
        revisions = pledge_history(root, pledge)
        if output_format == "json":
            typer.echo(json.dumps(history_json(revisions), ensure_ascii=False, indent=2))
            return
        if not revisions:
            typer.echo("no history: the pledge is not in a git repository, or not committed")
        for r in revisions:
            what = (
                "first version"
                if r.first
                else "; ".join(
                    f"{label} {', '.join(ids)}"
                    for label, ids in (
                        ("added", r.added),
                        ("removed", r.removed),
                        ("reworded", r.reworded),
                    )
                    if ids
                )
                or "no commitment changed"
            )
            typer.echo(f"{r.date}  {r.commit}  {r.author}: {what}")


def _print_rules(output_format: str) -> None:
    from rich.console import Console

    from lofte_cli.cli import output

    if output_format == "sarif":
        raise UsageError(
            "--list-rules --format sarif: every `lofte validate --format sarif` log lists the "
            "rules (tool.driver.rules); use --list-rules with --format text or json"
        )
    if output_format == "json":
        typer.echo(output.rules_json())
    else:
        Console(soft_wrap=True).print(output.rules_table())


def _print_result(result: ValidationResult, output_format: str, root: Path) -> None:
    from rich.console import Console

    from lofte_cli.cli import output

    if output_format == "json":
        typer.echo(output.json_text(result))
    elif output_format == "github":
        from lofte_cli.paths import repository_top

        typer.echo("\n".join(output.github_lines(result, base=repository_top(root))))
    elif output_format == "sarif":
        from lofte_cli.paths import repository_top

        # Bytes, so that the log is UTF-8 whatever the console's encoding (cp1252 on a
        # Windows runner would otherwise write å, ä and ö in a form GitHub cannot read).
        typer.echo(output.sarif_text(result, base=repository_top(root)).encode("utf-8"))
    else:
        output.print_text(
            result,
            Console(highlight=False, emoji=False),
            Console(highlight=False, emoji=False, stderr=True),
        )


def main() -> None:
    """The console script."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("lofte: interrupted; nothing was written\n")
        sys.exit(130)
