"""The questions `lofte new-pledge` asks in a terminal: the title and the period, then each
party's name, kind and id (the kind and the id proposed from the name), each commitment's
text, who promises it, its id and how often it is to be kept (`fyra gånger per år`), and
who signed, where the pledge is published and how the public reaches its keepers. Part of
the command-line shell (it prints and reads)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Sequence
from datetime import date

from rich.console import Console

from lofte_cli.cli.dialogue import (
    ask,
    ask_repeatedly,
    choose_many,
    optional,
    required,
    say_read,
    several,
)
from lofte_cli.data.model import Link
from lofte_cli.edit.expect_text import ExpectDraft, read_expect
from lofte_cli.edit.pledge_draft import CommitmentDraft, PledgeFields, parse_group
from lofte_cli.edit.pledge_parts import (
    PartyDraft,
    SignatoryDraft,
    guess_kind,
    parse_contact,
    propose_commitment_id,
    propose_party_id,
    read_kind,
    read_party_name,
)
from lofte_cli.errors import UsageError
from lofte_cli.i18n import _
from lofte_cli.slug import is_slug, slugify
from lofte_cli.values import Reading, parse_day, parse_link


def complete_pledge(console: Console, given: PledgeFields) -> PledgeFields:
    """A new pledge's fields from what the flags gave, asking for the rest. When the flags
    give the commitments, the signatories, sources and contacts are not asked for."""
    fields = dataclasses.replace(given)
    _ask_heading(console, fields)
    if not fields.parties:
        fields.parties = ask_parties(console)
    if not fields.groups and len(fields.parties) > 1:
        fields.groups = ask_groups(console, fields.parties)
    if not fields.commitments:
        fields.commitments = ask_commitments(console, fields.parties, fields.groups)
        fields.signatories = fields.signatories or ask_signatories(console, fields.parties)
        fields.sources = fields.sources or ask_sources(console)
        fields.contacts = fields.contacts or ask_contacts(console)
    return fields


def _ask_heading(console: Console, fields: PledgeFields) -> None:
    """The title, the id, the period, the area and the goal."""
    fields.title = fields.title or ask(
        console, _("Title (as the public will read it)"), required(_("the title"))
    )
    fields.id = fields.id or ask(
        console,
        _("Id (the folder name: a-z, 0-9 and hyphens)"),
        _slug(()),
        default=slugify(fields.title),
    )
    fields.start = fields.start or ask(
        console, _("First day (YYYY-MM-DD, or as 5 mars 2024)"), _day
    )
    if fields.end is None:
        fields.end = ask(
            console,
            _("Last day (YYYY-MM-DD; Enter if it runs until a new one)"),
            lambda t: _day(t) if t else None,
        )
    fields.area = fields.area or ask(
        console, _("Area, the municipality or district (Enter to skip)"), optional
    )
    fields.goal = fields.goal or ask(console, _("Goal, the common goal (Enter to skip)"), optional)


def _kind_word(kind: str) -> str:
    """A kind of party as the question shows it (the file gets police, municipality …)."""
    # TRANSLATORS: the three kinds of party as a person types them, in this order,
    # separated by a comma and a space (lofte reads them in either language).
    words = _("police, municipality, other").split(", ")
    return dict(zip(("police", "municipality", "other"), words, strict=False)).get(kind, kind)


def ask_parties(console: Console) -> tuple[PartyDraft, ...]:
    """Each party's name, then its kind and id, proposed from the name."""
    console.print(_("The parties that give the pledge, one at a time."))
    parties: list[PartyDraft] = []
    while True:
        number = len(parties) + 1
        if parties:
            label = _("Party {number}, its name (Enter when done)")
        else:
            label = _("Party {number}, its name (e.g. Lokalpolisområde Södra Fyrbodal)")
        parse = optional if parties else required(_("the name"))
        name = ask(console, label.format(number=number), parse)
        if not name:
            return tuple(parties)
        kind = ask(
            console,
            _("Kind: {police}, {municipality} or {other}").format(
                police=_kind_word("police"),
                municipality=_kind_word("municipality"),
                other=_kind_word("other"),
            ),
            read_kind,
            default=_kind_word(guess_kind(name)),
        )
        taken = [p.id for p in parties]
        label = _("Id for the files (a-z, 0-9 and hyphens)")
        pid = ask(console, label, _slug(taken), default=propose_party_id(name, kind, taken))
        parties.append(PartyDraft(pid, kind, name))


def ask_groups(console: Console, parties: Sequence[PartyDraft]) -> dict[str, tuple[str, ...]]:
    """Named sets of parties, for commitments all of them promise (kommunerna)."""

    def parse(text: str) -> tuple[str, tuple[str, ...]]:
        gid, members = parse_group(text)
        read = [read_party_name(parties, m) for m in members]
        return gid, tuple(r.value for r in read)

    groups = ask_repeatedly(
        console,
        _("Group as ID=PARTY,PARTY (e.g. kommunerna=orust,tjorn; Enter to skip)"),
        parse,
        at_least_one=False,
    )
    return dict(groups)


def ask_commitments(
    console: Console, parties: Sequence[PartyDraft], groups: dict[str, tuple[str, ...]]
) -> tuple[CommitmentDraft, ...]:
    """Each commitment's text, who promises it, its id and how often it is kept."""
    console.print(_("The commitments, one at a time."))
    kinds = _kinds(parties, groups)
    options = [(p.id, p.name) for p in parties] + [
        (gid, _("group of {members}").format(members=", ".join(members)))
        for gid, members in groups.items()
    ]
    made: list[CommitmentDraft] = []
    while True:
        number = len(made) + 1
        if made:
            label = _("Commitment {number}, its text word for word (Enter when done)")
        else:
            label = _("Commitment {number}, its text word for word as published")
        text = ask(
            console, label.format(number=number), optional if made else required(_("the text"))
        )
        if not text:
            return tuple(made)
        by = _promised_by(console, parties, groups, options)
        taken = [c.id for c in made]
        cid = ask(
            console,
            _("Id for the files (a-z, 0-9 and hyphens)"),
            _slug(taken),
            default=propose_commitment_id(by, kinds, taken),
        )
        made.append(CommitmentDraft(cid, by, text, ask_expect(console)))


def _promised_by(
    console: Console,
    parties: Sequence[PartyDraft],
    groups: dict[str, tuple[str, ...]],
    options: Sequence[tuple[str, str]],
) -> tuple[str, ...]:
    if len(options) == 1:
        console.print(_("Promised by {party} (the only party).").format(party=options[0][0]))
        return (options[0][0],)
    console.print(_("Who promises it?"))
    return choose_many(
        console,
        several(_("Promised by")),
        options,
        read=lambda t: read_party_name(parties, t, groups),
    )


def ask_expect(console: Console) -> ExpectDraft | None:
    """How often, and counting what: `fyra gånger per år`, then a measure or none."""

    def parse(text: str) -> tuple[ExpectDraft, str | None] | None:
        if not text:
            return None
        reading = read_expect(text)
        say_read(console, Reading(text, reading.expect.shown()))
        return reading.expect, reading.counted

    answer = ask(
        console,
        _(
            "How often? e.g. 4 times a year, every week, at least 12 a year "
            "(Enter if the text promises no number)"
        ),
        parse,
    )
    if answer is None:
        return None
    expect, counted = answer
    measure = ask(
        console,
        _(
            "Counting what? Enter to count the activities, or the name of a measure each "
            "activity records (e.g. {example})"
        ).format(example=slugify(counted) if counted else "trafikkontroller"),
        optional,
    )
    return dataclasses.replace(expect, of=measure) if measure else expect


def ask_signatories(console: Console, parties: Sequence[PartyDraft]) -> tuple[SignatoryDraft, ...]:
    """Who signed: name, role and the party signed for; Enter on a name when done."""
    console.print(_("Who signed the pledge, one at a time (Enter on an empty name when done)."))
    signed: list[SignatoryDraft] = []
    while name := ask(console, _("Signatory, the name (Enter when done)"), optional):
        role = ask(console, _("Role, e.g. Kommundirektör (Enter to skip)"), optional)
        party = ask(
            console,
            _("Signed for which party: {choices} (Enter to skip)").format(
                choices=", ".join(p.id for p in parties)
            ),
            lambda t: _signed_for(console, parties, t),
        )
        signed.append(SignatoryDraft(name, role, party))
    return tuple(signed)


def _signed_for(console: Console, parties: Sequence[PartyDraft], text: str) -> str | None:
    if not text:
        return None
    if text.isdigit() and 1 <= int(text) <= len(parties):
        return parties[int(text) - 1].id
    reading = read_party_name(parties, text)
    say_read(console, reading)
    return reading.value


def ask_sources(console: Console) -> tuple[Link, ...]:
    label = _(
        "Source, where the pledge is published: an https:// address, then a title if you "
        "like (Enter when done)"
    )
    return tuple(
        ask_repeatedly(console, label, lambda t: parse_link(t, _("source")), at_least_one=False)
    )


def ask_contacts(console: Console) -> tuple[str, ...]:
    label = _(
        "Contact for the public: an official e-mail address or phone number, no one's own "
        "(Enter when done)"
    )
    found = ask_repeatedly(
        console, label, lambda t: parse_contact(t, _("contact")), at_least_one=False
    )
    return tuple(found)


def _kinds(parties: Sequence[PartyDraft], groups: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Each party's kind, and a group's where all its members are of one kind."""
    kinds = {p.id: p.kind for p in parties}
    for gid, members in groups.items():
        found = {kinds.get(m, "other") for m in members}
        kinds[gid] = found.pop() if len(found) == 1 else "other"
    return kinds


def _slug(taken: Collection[str]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if not is_slug(text):
            message = _("{typed} is not a lowercase id (a-z, 0-9 and single hyphens)")
            raise UsageError(message.format(typed=repr(text)))
        if text in taken:
            raise UsageError(_("{id} is taken already").format(id=text))
        return text

    return parse


def _day(text: str) -> date:
    return parse_day(text, _("date"))
