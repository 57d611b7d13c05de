"""The commands that add data: `lofte add-activity`, `lofte assess`, `lofte new-pledge` and
`lofte init`; each asks in a terminal for what the flags leave out, and says what it took a
typed value for (`--by Stenungsund: read as stenungsund (Stenungsunds kommun)`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

import lofte_cli as lofte
from lofte_cli.cli import issues
from lofte_cli.cli.app import (
    complete_commitment,
    complete_party,
    complete_pledge,
    data_root,
    in_terminal,
    load_readable,
    print_written,
    today,
    use_cache,
    user_errors,
)
from lofte_cli.cli.issues import FromIssue, IssueFormat
from lofte_cli.errors import UsageError, system_reason
from lofte_cli.i18n import N_, _

F = TypeVar("F", bound=Callable[..., Any])


# Each command's line of the command list (<COMMAND>_SUMMARY) and its --help (<COMMAND>_HELP).
ADD_ACTIVITY_SUMMARY = N_("Log an activity as a new, checked file.")
ADD_ACTIVITY_HELP = N_(
    """Log an activity: write a new, checked file under the pledge's activities/.

In a terminal, lofte asks for whatever the flags leave out, checks each answer at once, shows
the file and asks before writing. Elsewhere (scripts, CI) the flags must give --by,
--commitment, --title and --description. A party may be given by its id or its name
(stenungsund, Stenungsund, "Stenungsunds kommun"), a commitment as polis-3 or "Polis 3", the
status and the date in Swedish or English (genomförd, "5 mars 2024"); a line then says what
each was read as. The file is checked exactly as `lofte validate` checks it; a file that would
fail is not written.

Example:

\b
    lofte add-activity --by stenungsund --by polisen --commitment kommun-3 \\
    --title "Föräldrakväll om droger" --description "Föräldrakväll på Kristinedalskolan." \\
    --date 2024-03-14 --participants 40"""
)


def add_activity(
    ctx: typer.Context,
    pledge: Annotated[
        str | None,
        typer.Option(
            metavar=N_("PLEDGE"),
            help=N_("The pledge's id (asked, or chosen when only one runs on the date)."),
            autocompletion=complete_pledge,
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar=N_("DATE"),
            help=N_("The day, YYYY-MM-DD or 5 mars 2024 (default: today)."),
        ),
    ] = None,
    end_date: Annotated[
        str | None,
        typer.Option(
            metavar=N_("DATE"), help=N_("The last day, for an activity over several days.")
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            metavar=N_("STATUS"),
            help=N_("done (default), planned or cancelled; also genomförd, planerad, inställd."),
        ),
    ] = None,
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by",
            metavar=N_("PARTY"),
            help=N_(
                "A party or group that carried it out, by id or name (Stenungsund); "
                "repeat for more."
            ),
            autocompletion=complete_party,
        ),
    ] = None,
    commitment: Annotated[
        list[str] | None,
        typer.Option(
            "--commitment",
            metavar=N_("COMMITMENT"),
            help=N_("A commitment it serves, e.g. polis-3; repeat for more."),
            autocompletion=complete_commitment,
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option(metavar=N_("TITLE"), help=N_("A short title for the public."))
    ] = None,
    description: Annotated[
        str | None, typer.Option(metavar=N_("TEXT"), help=N_("What was done, for the public."))
    ] = None,
    description_file: Annotated[
        Path | None,
        typer.Option(
            metavar=N_("FILE"),
            help=N_("Read the description from a file; - for standard input."),
            allow_dash=True,
        ),
    ] = None,
    place: Annotated[
        str | None, typer.Option(metavar=N_("PLACE"), help=N_("Where it took place."))
    ] = None,
    partner: Annotated[
        list[str] | None,
        typer.Option(
            "--partner", metavar=N_("TEXT"), help=N_("Another who took part; repeat for more.")
        ),
    ] = None,
    target_group: Annotated[
        list[str] | None,
        typer.Option(
            "--target-group", metavar=N_("TEXT"), help=N_("Whom it was for; repeat for more.")
        ),
    ] = None,
    participants: Annotated[
        str | None, typer.Option(metavar=N_("NUMBER"), help=N_("How many took part."))
    ] = None,
    measure: Annotated[
        list[str] | None,
        typer.Option(
            "--measure",
            metavar=N_("NAME=NUMBER"),
            help=N_("A named count, e.g. trafikkontroller=25; repeat for more."),
        ),
    ] = None,
    hours: Annotated[
        str | None,
        typer.Option(metavar=N_("HOURS"), help=N_("Person-hours spent, e.g. 7,5.")),
    ] = None,
    link: Annotated[
        list[str] | None,
        typer.Option(
            "--link",
            metavar=N_("URL"),
            help=N_("An http(s) address, then a title if you like; repeat for more."),
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=N_("Print the file; write nothing."))
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help=N_("Do not ask before writing."))
    ] = False,
    from_issue: FromIssue = None,
    output_format: IssueFormat = "text",
) -> None:
    from lofte_cli.cli.interactive import write_activity

    if from_issue is not None:
        issues.from_issue(ctx, from_issue, output_format, kind="activity")
    with user_errors():
        root = data_root(ctx, writes="add-activity")
        text = read_description(description, description_file)
        fields = lofte.draft_fields(**{**ctx.params, "description": text})
        write_activity(root, fields, dry_run=dry_run, yes=yes, use_cache=use_cache(ctx))


ASSESS_SUMMARY = N_("Record an assessment of a commitment, or indicator values.")
ASSESS_HELP = N_(
    """Record a follow-up: an assessment of a commitment and/or indicator values.

Writes followups/<date>.yaml of the pledge: creates it, or changes only the entries named,
keeping every comment and blank line of the file. The commitment may be typed as polis-1,
"Polis 1" or POLIS-1, the status in English or Swedish (partly-done, delvis, pågår, ej
påbörjat, ej aktuellt …); a line then says what each was read as. The result is checked as
`lofte validate` checks it before it is written. In a terminal, lofte asks for what the
flags leave out: the commitment (by number, id or as the pages name it), its status, a
public comment and the day.

Examples:

\b
    lofte assess polis-1 --status pågår --comment "Fyra träffar i höstas." --date 2023-12-15

\b
    lofte assess --indicator trygghet-kvall=71 --pledge sodra-fyrbodal-2023-2024"""
)


def assess(
    ctx: typer.Context,
    commitment: Annotated[
        str | None,
        typer.Argument(
            metavar=N_("COMMITMENT"),
            help=N_("The commitment assessed, e.g. polis-1."),
            autocompletion=complete_commitment,
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            metavar=N_("STATUS"),
            help=N_(
                "not-started, ongoing, done, partly-done, not-done or not-applicable; also "
                "ej påbörjat, pågår, genomfört, delvis, ej genomfört, ej aktuellt."
            ),
        ),
    ] = None,
    comment: Annotated[
        str | None, typer.Option(metavar=N_("TEXT"), help=N_("Why; public text."))
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar=N_("DATE"),
            help=N_("The day of the follow-up, YYYY-MM-DD (default: today); names the file."),
        ),
    ] = None,
    indicator: Annotated[
        list[str] | None,
        typer.Option(
            "--indicator",
            metavar=N_("ID=VALUE"),
            help=N_("A measured value, e.g. trygghet-kvall=71; repeat for more."),
        ),
    ] = None,
    pledge: Annotated[
        str | None,
        typer.Option(
            metavar=N_("PLEDGE"),
            help=N_("The pledge's id, where the commitment alone does not tell."),
            autocompletion=complete_pledge,
        ),
    ] = None,
    from_issue: FromIssue = None,
    output_format: IssueFormat = "text",
) -> None:
    from lofte_cli.cli import assess_questions as questions
    from lofte_cli.cli.dialogue import print_readings

    if from_issue is not None:
        issues.from_issue(ctx, from_issue, output_format, kind="followup")
    with user_errors():
        asking = questions.will_ask(commitment, status, indicator)
        root = data_root(ctx, writes="assess")
        catalog = load_readable(ctx, root).catalog
        params = questions.completed(catalog, ctx.params, asking=asking, today=today())
        change = lofte.followup_change(catalog, today=today(), **params)
        print_readings(change.readings)
        result = lofte.record_followup(catalog, change, today=today())
        verb = "Created" if result.created else "Updated"  # print_written says it
        print_written(result.path, verb, f"Uppföljning {change.date}")


NEW_PLEDGE_SUMMARY = N_("Create a new pledge, valid from the start.")
NEW_PLEDGE_HELP = N_(
    """Create a new pledge: data/pledges/<id>/pledge.yaml, valid from the start.

In a terminal, lofte asks for what the flags leave out: each party's name, then its kind
and id (proposed from the name: Orust kommun gives orust, a municipality; the police get
polisen), each commitment's text, who promises it (by number, id or name), its id (polis-1,
kommun-1 …) and how often it is to be kept (four times a year, every week, at least 12 a
year, quarterly; Enter if the text promises no number), then who signed, where the pledge
is published and the contacts for the public. Elsewhere (scripts, CI) the flags must give
--title, --start, --party and --commitment; a line says what lofte took a name or an
answer for.

A party is given by its name alone (its kind and id read from the name), as KIND:NAME
(other:Orust Energi) or as ID:KIND:NAME. --expect says in words how often a commitment is
kept, in Swedish or English, and --expect-of which measure of the activities is summed
instead of counting them.

Example:

\b
    lofte new-pledge --title "Medborgarlöfte Orust 2025" --start 2025-01-01 \\
    --end 2025-12-31 --party "Lokalpolisområde Södra Fyrbodal" --party "Orust kommun" \\
    --commitment "polis-1:polisen:Genomföra trafikkontroller av EPA-traktorer." \\
    --expect "polis-1=12 per år" \\
    --commitment "kommun-1:orust:Genomföra föräldrakvällar." \\
    --expect "kommun-1=fyra gånger per år" \\
    --signatory "Anna Berg, Kommundirektör, orust" \\
    --source "https://www.orust.se/medborgarlofte Orust kommuns sida" \\
    --contact trygghet@orust.se"""
)


def new_pledge(
    ctx: typer.Context,
    pledge_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar=N_("ID"),
            help=N_("The pledge's id and folder name (default: made from the title)."),
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option(metavar=N_("TITLE"), help=N_("The title for the public."))
    ] = None,
    start: Annotated[
        str | None, typer.Option(metavar=N_("DATE"), help=N_("The first day, YYYY-MM-DD."))
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            metavar=N_("DATE"),
            help=N_("The last day, YYYY-MM-DD (leave out for a pledge that runs until a new one)."),
        ),
    ] = None,
    language: Annotated[
        str,
        typer.Option(
            metavar=N_("LANGUAGE"),
            help=N_("The language of the texts: sv or en (default: sv)."),
            show_default=False,
        ),
    ] = "sv",
    area: Annotated[
        str | None,
        typer.Option(metavar=N_("PLACE"), help=N_("The place: a municipality or a district.")),
    ] = None,
    goal: Annotated[
        str | None, typer.Option(metavar=N_("TEXT"), help=N_("The common goal."))
    ] = None,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party",
            metavar=N_("NAME"),
            help=N_(
                'A party by its name ("Orust kommun"; kind and id read from it), as '
                "KIND:NAME or ID:KIND:NAME, KIND polis, kommun or annan "
                "(police, municipality, other); repeat for more."
            ),
        ),
    ] = None,
    group: Annotated[
        list[str] | None,
        typer.Option(
            "--group",
            metavar=N_("ID=PARTY,PARTY"),
            help=N_("A group of parties, e.g. kommunerna=orust,tjorn; repeat for more."),
        ),
    ] = None,
    commitment: Annotated[
        list[str] | None,
        typer.Option(
            "--commitment",
            metavar=N_("ID:BY:TEXT"),
            help=N_(
                "A commitment, BY a party or group (several separated by commas); repeat for more."
            ),
        ),
    ] = None,
    expect: Annotated[
        list[str] | None,
        typer.Option(
            "--expect",
            metavar=N_("ID=TEXT"),
            help=N_(
                'How often commitment ID is to be kept, in words, e.g. "polis-1=four times '
                'a year" or kommun-2=weekly; repeat for more.'
            ),
        ),
    ] = None,
    expect_of: Annotated[
        list[str] | None,
        typer.Option(
            "--expect-of",
            metavar=N_("ID=MEASURE"),
            help=N_(
                "Count a measure the activities record instead of the activities, e.g. "
                "polis-1=trafikkontroller; repeat for more."
            ),
        ),
    ] = None,
    signatory: Annotated[
        list[str] | None,
        typer.Option(
            "--signatory",
            metavar=N_("NAME,ROLE,PARTY"),
            help=N_(
                "Who signed: the name, the role and the party, separated by commas (role "
                "and party may be left out); repeat for more."
            ),
        ),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            metavar=N_("URL"),
            help=N_(
                "Where the pledge is published: an http(s) address, then a title if you "
                "like; repeat for more."
            ),
        ),
    ] = None,
    contact: Annotated[
        list[str] | None,
        typer.Option(
            "--contact",
            metavar=N_("TEXT"),
            help=N_(
                "An official e-mail address or phone number for the public (never anyone's "
                "own); repeat for more."
            ),
        ),
    ] = None,
    notice: Annotated[
        str | None, typer.Option(metavar=N_("TEXT"), help=N_("A notice shown on every page."))
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help=N_("Do not ask before writing."))
    ] = False,
) -> None:
    from lofte_cli.cli.interactive import complete_pledge_fields, confirm_pledge
    from lofte_cli.edit.issue_forms import refresh_forms

    with user_errors():
        root = data_root(ctx, writes="new-pledge")
        fields = complete_pledge_fields(lofte.pledge_fields(**ctx.params))
        catalog = load_readable(ctx, root).catalog
        draft = fields.to_draft()
        planned = lofte.plan_pledge(catalog, draft, today=today())
        confirm_pledge(planned, ask=in_terminal() and not yes)
        path = lofte.write_pledge(catalog, draft, today=today())
        forms = refresh_forms(root, load_readable(ctx, root).catalog, today=today())
        print_written(path, "Wrote", f"Nytt löfte: {path.parent.name}", also=forms)


def read_description(text: str | None, source: Path | None) -> str | None:
    """--description, or the text of --description-file (- for standard input)."""
    if source is None:
        return text
    if text is not None:
        raise UsageError(_("give --description or --description-file, not both"))
    try:
        raw = sys.stdin.read() if str(source) == "-" else source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = system_reason(exc) if isinstance(exc, OSError) else _("not UTF-8 text")
        raise UsageError(
            _("--description-file {file}: cannot read it ({reason})").format(
                file=source, reason=reason
            )
        ) from None
    return raw.strip() or None
