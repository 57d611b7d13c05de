"""The commands that add data: `lofte add-activity`, `lofte assess`, `lofte new-pledge` and
`lofte init`; each asks in a terminal for what the flags leave out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

import lofte_cli as lofte
from lofte_cli.cli.app import (
    complete_commitment,
    complete_party,
    complete_pledge,
    data_root,
    in_terminal,
    print_written,
    today,
    use_cache,
    user_errors,
)
from lofte_cli.cli.app import today as today_
from lofte_cli.errors import LofteError, UsageError

if TYPE_CHECKING:
    from lofte_cli.edit.activity_draft import DraftFields
    from lofte_cli.edit.pledge_draft import PlannedPledge, PledgeFields


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

    with user_errors():
        root = data_root(ctx, writes="add-activity")
        text = read_description(description, description_file)
        fields = lofte.draft_fields(**{**ctx.params, "description": text})
        write_activity(root, fields, dry_run=dry_run, yes=yes, use_cache=use_cache(ctx))


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

    with user_errors():
        lofte.check_assess_options(commitment, status, indicator)
        root = data_root(ctx, writes="assess")
        catalog = lofte.load_catalog(root, use_cache=use_cache(ctx)).catalog
        change = lofte.followup_change(catalog, today=today(), **ctx.params)
        result = lofte.record_followup(catalog, change, today=today())
        verb = "Created" if result.created else "Updated"
        print_written(result.path, verb, f"Uppföljning {change.date}")


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

    with user_errors():
        root = data_root(ctx, writes="new-pledge")
        fields = complete_pledge_fields(lofte.pledge_fields(**ctx.params))
        catalog = lofte.load_catalog(root, use_cache=use_cache(ctx)).catalog
        draft = fields.to_draft()
        if in_terminal() and not yes:
            confirm_pledge(lofte.plan_pledge(catalog, draft, today=today()))
        path = lofte.write_pledge(catalog, draft, today=today())
        print_written(path, "Wrote", f"Nytt löfte: {path.parent.name}")


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

    from lofte_cli.paths import shown_path

    with user_errors():
        folder.mkdir(parents=True, exist_ok=True)
        result = lofte.init_repository(folder)
        for path in result.created:
            typer.echo(f"created {shown_path(path)}")
        for path in result.kept:
            typer.echo(f"kept    {shown_path(path)} (already there)")
        if result.git_initialised:
            typer.echo("git repository initialised")
        typer.echo(f"Next: cd {shown_path(folder)} && lofte new-pledge")


def read_description(text: str | None, source: Path | None) -> str | None:
    """--description, or the text of --description-file (- for standard input)."""
    if source is None:
        return text
    if text is not None:
        raise UsageError("give --description or --description-file, not both")
    try:
        raw = sys.stdin.read() if str(source) == "-" else source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--description-file {source}: cannot read it ({exc})") from None
    return raw.strip() or None


def write_activity(
    root: Path, fields: DraftFields, *, dry_run: bool, yes: bool, use_cache: bool
) -> None:
    """Ask for what the flags left out (in a terminal), show what the checks say, and
    write the file, or print it with --dry-run."""
    from rich.console import Console

    from lofte_cli.cli import interactive
    from lofte_cli.data.loader import load_catalog
    from lofte_cli.edit import activity_draft as core

    catalog = load_catalog(root, use_cache=use_cache).catalog
    today = today_()
    console = Console(highlight=False, emoji=False, stderr=True)
    ask = in_terminal()
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
    print_written(path, "Wrote", f"Aktivitet: {path.stem}")


def complete_pledge_fields(fields: PledgeFields) -> PledgeFields:
    """In a terminal, ask for what the flags leave out; elsewhere, name the missing flags."""
    if in_terminal():
        from rich.console import Console

        from lofte_cli.cli.interactive import complete_pledge as ask_pledge

        return ask_pledge(Console(stderr=True, emoji=False), fields)
    if fields.missing_flags():
        raise UsageError(
            "missing " + ", ".join(fields.missing_flags()) + " (standard "
            "input is not a terminal, so lofte cannot ask)"
        )
    return fields


def confirm_pledge(planned: PlannedPledge) -> None:
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
