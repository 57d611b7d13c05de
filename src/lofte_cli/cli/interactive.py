"""The add-activity and new-pledge conversations: what the flags did not give is asked for
in a terminal, each question saying how to answer, each answer read as the flags and import
read it (a number, an id or a name), checked at once and asked again when it is wrong; then
what the checks say, the file, and a yes or a no before it is written. Without a terminal,
the flags must give what is needed. Part of the command-line shell (it prints and reads)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from lofte_cli.cli.app import in_terminal, print_written, refuse_unreadable
from lofte_cli.cli.app import today as today_
from lofte_cli.cli.dialogue import (
    ask,
    ask_repeatedly,
    choose_many,
    confirm,
    optional,
    print_problems,
    print_readings,
    required,
    said_only_pledge,
    say_read,
    several,
    show_file,
)
from lofte_cli.data.model import Catalog, Commitment, Pledge, pledge_data, require_pledges
from lofte_cli.edit.activity_fields import (
    ActivityDraft,
    DraftFields,
    active_pledges,
    date_problem,
    default_day,
    read_ids,
    read_pledge_flag,
    settle_pledge,
)
from lofte_cli.edit.pledge_draft import PledgeFields
from lofte_cli.edit.readers import read_commitment, read_party, read_pledge
from lofte_cli.errors import LofteError, UsageError
from lofte_cli.i18n import _, ngettext
from lofte_cli.values import (
    STATUSES,
    Reading,
    parse_count,
    parse_day,
    parse_hours,
    parse_link,
    read_day,
    read_status,
)

if TYPE_CHECKING:
    from lofte_cli.edit.pledge_draft import PlannedPledge

T = TypeVar("T")


def complete_draft(
    console: Console, catalog: Catalog, given: DraftFields, *, today: date
) -> ActivityDraft:
    """An activity draft from what the flags gave, asking for the rest."""
    require_pledges(catalog)
    fields = _flag_pledge(console, catalog, given)
    if fields.date is not None:
        day = fields.date
        pledge_id = fields.pledge_id or _choose_pledge(console, catalog, day)
        while (problem := date_problem(catalog, pledge_id, day)) is not None:
            console.print(f"[red]✗[/] {escape(problem)}")
            day = _ask_day(console, catalog, pledge_id, today)
    else:
        pledge_id = fields.pledge_id or _choose_pledge(console, catalog, today)
        day = _ask_day(console, catalog, pledge_id, today)
    pledge = pledge_data(catalog, pledge_id).pledge
    fields = _flag_ids(console, pledge, fields)
    if not fields.by:
        console.print(_("Who carried it out?"))
        fields.by = choose_many(
            console,
            several(_("Parties")),
            _party_options(pledge),
            read=lambda t: read_party(pledge, t),
        )
    if not fields.commitments:
        console.print(_("Which commitments does it serve?"))
        fields.commitments = choose_many(
            console,
            several(_("Commitments")),
            _commitment_options(pledge, fields.by),
            read=lambda t: read_commitment(pledge, t),
        )
    public = _public(pledge)
    fields.title = fields.title or ask(
        console, _("Title (short, for the public)"), public(required(_("the title")))
    )
    fields.description = fields.description or ask(
        console,
        _("Description (for the public; one sentence will do)"),
        public(required(_("the description"))),
    )
    _ask_optional(console, pledge, fields, planned=day > today)
    return fields.to_draft(pledge_id=pledge_id, day=day)


def _flag_pledge(console: Console, catalog: Catalog, given: DraftFields) -> DraftFields:
    """The fields with --pledge read; one that names no pledge is said and asked for."""
    try:
        return read_pledge_flag(catalog, given)
    except UsageError as exc:
        console.print(f"[red]✗[/] {escape(str(exc))}")
        return dataclasses.replace(given, pledge_id=None)


def _flag_ids(console: Console, pledge: Pledge, given: DraftFields) -> DraftFields:
    """The fields with --by and --commitment read as the pledge's ids; where one names
    none, the problem is said and the question asked."""
    fields, problems = read_ids(pledge, given)
    print_readings(fields.readings[len(given.readings) :])
    for flag, message in problems:
        console.print(f"[red]✗[/] {escape(flag)}: {escape(message)}")
    flags = {flag for flag, _message in problems}
    return dataclasses.replace(
        fields,
        by=() if "--by" in flags else fields.by,
        commitments=() if "--commitment" in flags else fields.commitments,
    )


def _ask_day(console: Console, catalog: Catalog, pledge_id: str, today: date) -> date:
    """The activity's date, offered inside the pledge's period and refused outside it."""

    def parse(text: str) -> date:
        day = read_day(text)
        problem = date_problem(catalog, pledge_id, day)
        if problem is not None:
            raise UsageError(problem)
        say_read(console, Reading(text, day.isoformat()))
        return day

    label = _("Date (YYYY-MM-DD, or as 5 mars 2024)")
    return ask(console, label, parse, default=default_day(catalog, pledge_id, today).isoformat())


def _public(pledge: Pledge) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """An answer parser that also refuses personal data, as validate would at the end, so
    that the answer is asked again instead of the whole entry being lost."""
    from lofte_cli.data.privacy import find_personal_data

    def wrap(parse: Callable[[str], T]) -> Callable[[str], T]:
        def checked(text: str) -> T:
            found = find_personal_data(text, pledge.contacts)
            if found:
                raise UsageError(_personal_data(found[0].code, found[0].kind, found[0].text))
            return parse(text)

        return checked

    return wrap


def _personal_data(code: str, kind: str, text: str) -> str:
    """Why an answer is asked again: the personal data in it, said in the language spoken."""
    if code == "L302":
        message = _(
            "the e-mail address {text} is personal data and the text is public; leave it out "
            "(official numbers and addresses go under contacts in pledge.yaml)"
        )
    elif code == "L303":
        message = _(
            "the phone number {text} is personal data and the text is public; leave it out "
            "(official numbers and addresses go under contacts in pledge.yaml)"
        )
    else:  # personnummer, samordningsnummer: the same words in English
        message = _(
            "the {kind} {text} is personal data and the text is public; leave it out "
            "(official numbers and addresses go under contacts in pledge.yaml)"
        )
    return message.format(kind=kind, text=repr(text))


def _status_word(status: str) -> str:
    """An activity status as the question shows it (the file gets done, planned, cancelled)."""
    # TRANSLATORS: the three activity statuses as a person types them, in this order,
    # separated by a comma and a space (lofte reads them in either language).
    words = _("done, planned, cancelled").split(", ")
    return dict(zip(STATUSES, words, strict=False)).get(status, status)


def _ask_optional(console: Console, pledge: Pledge, fields: DraftFields, *, planned: bool) -> None:
    """The optional fields the flags left out; Enter skips each."""
    public = _public(pledge)

    shown = [_status_word(s) for s in STATUSES]

    def status(text: str) -> str:
        found = read_status(text)
        if text.casefold() not in shown:  # a word the question did not offer (klar, Done)
            word = _status_word(found)
            say_read(console, Reading(text, found, word if word != found else None))
        return found

    fields.status = fields.status or ask(
        console,
        _("Status ({done}, {planned} or {cancelled})").format(
            done=_status_word("done"),
            planned=_status_word("planned"),
            cancelled=_status_word("cancelled"),
        ),
        status,
        default=_status_word("planned" if planned else "done"),
    )
    fields.place = fields.place or ask(console, _("Place (Enter to skip)"), public(optional))
    if fields.participants is None:
        fields.participants = ask(
            console,
            _("Participants, how many (Enter to skip)"),
            _optional_count(_("participants")),
        )
    for name in _expected_measures(pledge, fields.commitments):
        if name not in fields.measures:
            count = ask(
                console,
                _("How many {measure}? (Enter to skip)").format(measure=name),
                _optional_count(name),
            )
            if count is not None:
                fields.measures = {**fields.measures, name: count}
    if fields.hours is None:
        fields.hours = ask(
            console,
            _("Person-hours spent, e.g. 7,5 (Enter to skip)"),
            lambda t: parse_hours(t, _("person-hours")) if t else None,
        )
    if not fields.partners:
        fields.partners = ask(
            console,
            _("Partners, several separated by commas (Enter to skip)"),
            public(_labels),
        )
    if not fields.target_groups:
        fields.target_groups = ask(
            console,
            _("Target groups, whom it was for, several separated by commas (Enter to skip)"),
            public(_labels),
        )
    if not fields.links:
        fields.links = tuple(
            ask_repeatedly(
                console,
                _("Link: an https:// address, then a title if you like (Enter when done)"),
                public(lambda t: parse_link(t, _("link"))),
                at_least_one=False,
            )
        )


def _choose_pledge(console: Console, catalog: Catalog, day: date) -> str:
    active = active_pledges(catalog, day)
    keys = active or sorted(catalog.pledges)
    if said_only_pledge(console, keys, running=bool(active), day=day):
        return keys[0]
    console.print(_("Which pledge is the activity for?"))
    options = [(k, catalog.pledges[k].pledge.title) for k in keys]
    label = _("Pledge (a number or an id)")
    return choose_many(console, label, options, one=True, read=lambda t: read_pledge(catalog, t))[0]


def _party_options(pledge: Pledge) -> list[tuple[str, str]]:
    return [(pid, p.name) for pid, p in pledge.parties.items()] + [
        (gid, _("group of {members}").format(members=", ".join(members)))
        for gid, members in pledge.groups.items()
    ]


def _commitment_options(pledge: Pledge, parties: Sequence[str]) -> list[tuple[str, str]]:
    """Commitments with their whole text (it wraps), those the chosen parties promised
    first."""
    chosen = set(pledge.expand(tuple(parties)))

    def theirs(c: Commitment) -> bool:
        return bool(chosen & set(c.parties))

    ordered = [c for c in pledge.commitments if theirs(c)]
    ordered += [c for c in pledge.commitments if not theirs(c)]
    return [(c.id, f"{' '.join(c.text.split())} ({', '.join(c.by)})") for c in ordered]


def _expected_measures(pledge: Pledge, commitments: Sequence[str]) -> list[str]:
    """Measures that the chosen commitments count (`expect.of`), asked for by name."""
    names: list[str] = []
    for cid in commitments:
        c = pledge.commitment(cid)
        if c and c.expect and c.expect.of and c.expect.of not in names:
            names.append(c.expect.of)
    return names


def _day(text: str) -> date:
    return parse_day(text, _("date"))


def _labels(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _optional_count(what: str) -> Callable[[str], int | None]:
    return lambda text: parse_count(text, what) if text else None


# --- writing what was asked for -------------------------------------------------------


def write_activity(
    root: Path, fields: DraftFields, *, dry_run: bool, yes: bool, use_cache: bool
) -> None:
    """Ask for what the flags left out (in a terminal), show what the checks say, and
    write the file, or print it with --dry-run."""
    from lofte_cli.data.loader import load_catalog
    from lofte_cli.edit import activity_draft as core

    loaded = load_catalog(root, use_cache=use_cache)
    refuse_unreadable(loaded.problems)
    catalog = loaded.catalog
    today = today_()
    console = Console(highlight=False, emoji=False, stderr=True)
    asking = in_terminal()
    if asking:
        print_readings(fields.readings)
        draft = complete_draft(console, catalog, fields, today=today)
    else:
        draft = draft_from_flags(catalog, fields, today=today)
    planned = core.plan_activity(catalog, draft, today=today)
    print_problems(console, planned.problems)
    if dry_run:
        typer.echo(planned.text, nl=False)
        raise typer.Exit(1 if planned.errors else 0)
    if planned.errors:
        count = len(planned.errors)
        raise LofteError(
            ngettext(
                "not written: {count} error above; fix the values and run again",
                "not written: {count} errors above; fix the values and run again",
                count,
            ).format(count=count)
        )
    if asking and not yes:
        show_file(console, planned.text)
        # After a warning, Enter alone does not write: the answer must be a yes.
        if not confirm(console, _("Write this file?"), default=not planned.problems):
            console.print(_("Nothing written."))
            raise typer.Exit(1)
    path = core.write_activity(catalog, draft, today=today)
    print_written(path, "Wrote", f"Aktivitet: {path.stem}")


def draft_from_flags(catalog: Catalog, fields: DraftFields, *, today: date) -> ActivityDraft:
    """The draft the flags alone give (standard input is no terminal): every value read
    as a person types it, what lofte took it for said, every value it cannot read named."""
    fields = read_pledge_flag(catalog, fields)
    day = fields.date or today
    pledge_id = settle_pledge(catalog, fields, day)
    missing = fields.missing_flags() + ([] if pledge_id else ["--pledge"])
    if missing:
        raise UsageError(cannot_ask(missing))
    assert pledge_id is not None
    fields, problems = read_ids(catalog.pledges[pledge_id].pledge, fields)
    print_readings(fields.readings)
    for flag, message in problems:
        typer.echo(f"lofte: {flag}: {message}", err=True)
    if problems:
        raise typer.Exit(2)
    return fields.to_draft(pledge_id=pledge_id, day=day)


def cannot_ask(missing: Sequence[str]) -> str:
    return _("missing {flags} (standard input is not a terminal, so lofte cannot ask)").format(
        flags=", ".join(missing)
    )


def complete_pledge_fields(fields: PledgeFields) -> PledgeFields:
    """In a terminal, ask for what the flags leave out; elsewhere, name the missing flags."""
    print_readings(fields.readings)
    if in_terminal():
        from lofte_cli.cli.pledge_questions import complete_pledge

        return complete_pledge(Console(stderr=True, emoji=False), fields)
    if fields.missing_flags():
        raise UsageError(cannot_ask(fields.missing_flags()))
    return fields


def confirm_pledge(planned: PlannedPledge, *, ask: bool) -> None:
    """What the checks say (a warning such as L124 with --yes or outside a terminal too);
    with `ask`, the file and a question before writing."""
    console = Console(highlight=False, emoji=False, stderr=True)
    problems = planned.problems
    # Without the question an error is said once, by write_pledge refusing the file.
    print_problems(console, [p for p in problems if ask or p.severity != "error"])
    if not ask or any(p.severity == "error" for p in problems):
        return  # write_pledge refuses it with the first error
    show_file(console, planned.text)
    if not confirm(console, _("Write this file?"), default=not problems):
        console.print(_("Nothing written."))
        raise typer.Exit(1)
