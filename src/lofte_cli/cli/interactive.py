"""Asking for what the flags did not give, in a terminal: each answer is checked at once
and asked again when it is wrong. Part of the command-line shell (it prints and reads)."""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from rich.console import Console
from rich.markup import escape
from rich.prompt import Confirm, Prompt
from rich.syntax import Syntax

from lofte_cli.data.model import Catalog, Commitment, Pledge, pledge_data, require_pledges
from lofte_cli.edit.activity_draft import ActivityDraft, DraftFields, active_pledges, date_problem
from lofte_cli.edit.pledge_draft import PledgeFields, parse_commitment, parse_group, parse_party
from lofte_cli.errors import UsageError
from lofte_cli.slug import is_slug, slugify
from lofte_cli.values import STATUSES, parse_count, parse_day, parse_hours, parse_status

T = TypeVar("T")


def ask(
    console: Console, label: str, parse: Callable[[str], T], *, default: str | None = None
) -> T:
    """Ask until `parse` accepts the answer; its UsageError message is shown in between."""
    while True:
        answer = Prompt.ask(
            f"[bold]{escape(label)}[/]",
            console=console,
            default=default or "",
            show_default=bool(default),
        )
        try:
            return parse((answer or "").strip())
        except UsageError as exc:
            console.print(f"[red]✗[/] {escape(str(exc))}")


def choose_many(
    console: Console, label: str, options: Sequence[tuple[str, str]], *, one: bool = False
) -> tuple[str, ...]:
    """Show numbered options; accept numbers or ids, separated by commas or spaces."""
    for number, (key, description) in enumerate(options, start=1):
        console.print(f"  [cyan]{number:>2}[/] {escape(key)}  [dim]{escape(description)}[/]")
    keys = [key for key, _ in options]

    def parse(text: str) -> tuple[str, ...]:
        chosen: list[str] = []
        for part in text.replace(",", " ").split():
            key = keys[int(part) - 1] if part.isdigit() and 1 <= int(part) <= len(keys) else part
            if key not in keys:
                raise UsageError(f"{part!r} is not one of the choices; give a number or an id")
            if key not in chosen:
                chosen.append(key)
        if not chosen or (one and len(chosen) > 1):
            raise UsageError("choose one" if one else "choose at least one")
        return tuple(chosen)

    return ask(console, label, parse)


def complete_draft(
    console: Console, catalog: Catalog, given: DraftFields, *, today: date
) -> ActivityDraft:
    """An activity draft from what the flags gave, asking for the rest."""
    require_pledges(catalog)
    fields = dataclasses.replace(given)
    day = fields.date or ask(console, "Date (YYYY-MM-DD)", _day, default=today.isoformat())
    pledge_id = fields.pledge_id or _choose_pledge(console, catalog, day)
    while (problem := date_problem(catalog, pledge_id, day)) is not None:
        console.print(f"[red]✗[/] {escape(problem)}")
        day = ask(console, "Date (YYYY-MM-DD)", _day)
    pledge = pledge_data(catalog, pledge_id).pledge
    if not fields.by:
        console.print("Who carried it out?")
        fields.by = choose_many(console, "Parties", _party_options(pledge))
    if not fields.commitments:
        console.print("Which commitments does it serve?")
        fields.commitments = choose_many(
            console, "Commitments", _commitment_options(pledge, fields.by)
        )
    public = _public(pledge)
    fields.title = fields.title or ask(console, "Title", public(_required("the title")))
    fields.description = fields.description or ask(
        console, "Description (one sentence will do)", public(_required("the description"))
    )
    _ask_optional(console, pledge, fields, planned=day > today)
    return fields.to_draft(pledge_id=pledge_id, day=day)


def _public(pledge: Pledge) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """An answer parser that also refuses personal data, as validate would at the end, so
    that the answer is asked again instead of the whole entry being lost."""
    from lofte_cli.data.privacy import find_personal_data

    def wrap(parse: Callable[[str], T]) -> Callable[[str], T]:
        def checked(text: str) -> T:
            found = find_personal_data(text, pledge.contacts)
            if found:
                first = found[0]
                raise UsageError(
                    f"{first.kind} {first.text!r} is personal data and the text is public; "
                    "leave it out (official numbers and addresses go under contacts in "
                    "pledge.yaml)"
                )
            return parse(text)

        return checked

    return wrap


def _ask_optional(console: Console, pledge: Pledge, fields: DraftFields, *, planned: bool) -> None:
    """The optional fields the flags left out; Enter skips each."""
    public = _public(pledge)
    fields.status = fields.status or ask(
        console,
        f"Status ({' / '.join(STATUSES)})",
        _status,
        default="planned" if planned else "done",
    )
    fields.place = fields.place or ask(console, "Place (Enter to skip)", public(_optional_text))
    if fields.participants is None:
        fields.participants = ask(
            console, "Participants (Enter to skip)", _optional_count("participants")
        )
    for name in _expected_measures(pledge, fields.commitments):
        if name not in fields.measures:
            count = ask(console, f"How many {name}? (Enter to skip)", _optional_count(name))
            if count is not None:
                fields.measures = {**fields.measures, name: count}
    if fields.hours is None:
        fields.hours = ask(
            console, "Person-hours spent (Enter to skip)", lambda t: parse_hours(t) if t else None
        )
    if not fields.partners:
        fields.partners = ask(console, "Partners, comma-separated (Enter to skip)", public(_labels))


def _choose_pledge(console: Console, catalog: Catalog, day: date) -> str:
    active = active_pledges(catalog, day)
    keys = active or sorted(catalog.pledges)
    if len(keys) == 1:
        why = f"the only one running on {day}" if active else "the only one"
        console.print(f"Pledge: [bold]{escape(keys[0])}[/] ({why})")
        return keys[0]
    console.print("Which pledge is the activity for?")
    options = [(k, catalog.pledges[k].pledge.title) for k in keys]
    return choose_many(console, "Pledge", options, one=True)[0]


def _party_options(pledge: Pledge) -> list[tuple[str, str]]:
    return [(pid, p.name) for pid, p in pledge.parties.items()] + [
        (gid, "group: " + ", ".join(members)) for gid, members in pledge.groups.items()
    ]


def _commitment_options(pledge: Pledge, parties: Sequence[str]) -> list[tuple[str, str]]:
    """Commitments with their text shortened, those the chosen parties promised first."""
    chosen = set(pledge.expand(tuple(parties)))

    def theirs(c: Commitment) -> bool:
        return bool(chosen & set(c.parties))

    ordered = [c for c in pledge.commitments if theirs(c)]
    ordered += [c for c in pledge.commitments if not theirs(c)]
    return [(c.id, f"{_short(c.text)} ({', '.join(c.by)})") for c in ordered]


def _expected_measures(pledge: Pledge, commitments: Sequence[str]) -> list[str]:
    """Measures that the chosen commitments count (`expect.of`), asked for by name."""
    names: list[str] = []
    for cid in commitments:
        c = pledge.commitment(cid)
        if c and c.expect and c.expect.of and c.expect.of not in names:
            names.append(c.expect.of)
    return names


def _short(text: str, width: int = 70) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder=" …")


def _day(text: str) -> date:
    return parse_day(text, "date")


def _required(what: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if not text:
            raise UsageError(f"{what} cannot be empty")
        return text

    return parse


def _optional_text(text: str) -> str | None:
    return text or None


def _labels(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _status(text: str) -> str:
    return parse_status(text, "status")


def _optional_count(what: str) -> Callable[[str], int | None]:
    return lambda text: parse_count(text, what) if text else None


def show_file(console: Console, text: str) -> None:
    console.print(Syntax(text, "yaml", theme="ansi_dark", background_color="default"))


def confirm(console: Console, question: str, *, default: bool = True) -> bool:
    return Confirm.ask(question, console=console, default=default)


def complete_pledge(console: Console, given: PledgeFields) -> PledgeFields:
    """A new pledge's fields from what the flags gave, asking for the rest."""
    fields = dataclasses.replace(given)
    fields.title = fields.title or ask(console, "Title", _required("the title"))
    fields.id = fields.id or ask(
        console, "Id (the folder name)", _slug, default=slugify(fields.title)
    )
    fields.start = fields.start or ask(console, "First day (YYYY-MM-DD)", _day)
    if fields.end is None:
        fields.end = ask(
            console,
            "Last day (YYYY-MM-DD; Enter if it runs until a new one)",
            lambda t: _day(t) if t else None,
        )
    fields.area = fields.area or ask(console, "Area (Enter to skip)", _optional_text)
    fields.goal = fields.goal or ask(console, "Goal (Enter to skip)", _optional_text)
    if not fields.parties:
        console.print("The parties, one at a time (Enter on an empty id when done):")
        fields.parties = tuple(
            _ask_repeatedly(
                console, "Party as ID:KIND:NAME (KIND polis, kommun or annan)", parse_party
            )
        )
    if not fields.groups:
        groups = _ask_repeatedly(
            console, "Group as ID=PARTY,PARTY (Enter to skip)", parse_group, at_least_one=False
        )
        fields.groups = dict(groups)
    if not fields.commitments:
        console.print(
            "The commitments, one at a time, as ID:BY:TEXT "
            "(e.g. polis-1:polisen:Genomföra trafikkontroller.):"
        )
        fields.commitments = tuple(_ask_repeatedly(console, "Commitment", parse_commitment))
    return fields


def _ask_repeatedly(
    console: Console, label: str, parse: Callable[[str], T], *, at_least_one: bool = True
) -> list[T]:
    """Ask for items until an empty answer (after at least one, where one is needed)."""
    items: list[T] = []
    while True:
        item = ask(console, label, lambda t: parse(t) if t else None)
        if item is None:
            if items or not at_least_one:
                return items
            console.print("[red]✗[/] give at least one")
            continue
        items.append(item)


def _slug(text: str) -> str:
    if not is_slug(text):
        raise UsageError(f"{text!r} is not a lowercase id (a-z, 0-9 and single hyphens)")
    return text
