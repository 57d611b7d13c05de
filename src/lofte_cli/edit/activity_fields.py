"""A new activity as the flags and the prompts give it, before there is a file: its fields,
each value read as a person types it (days, statuses, counts, and the pledge's parties and
commitments by id or name, each reading kept so that lofte can say what it took), the
pledge it belongs to and the day to offer."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from lofte_cli.data.form_stamp import running_pledges
from lofte_cli.data.model import Catalog, Link, Pledge, pledge_data, require_pledges
from lofte_cli.edit.readers import read_commitment, read_each, read_party, read_pledge
from lofte_cli.errors import UsageError
from lofte_cli.i18n import _
from lofte_cli.values import (
    Reading,
    day_reading,
    parse_count,
    parse_hours,
    parse_link,
    parse_measure,
    read_status,
)

Day = date  # for fields after one named `date`, which hides the type there


@dataclass(frozen=True)
class ActivityDraft:
    """The fields of an activity file (schemas/activity.schema.json), as a user gave them."""

    pledge_id: str
    date: date
    by: tuple[str, ...]
    commitments: tuple[str, ...]
    title: str
    description: str
    end_date: Day | None = None
    status: str = "done"
    place: str | None = None
    partners: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    participants: int | None = None
    measures: dict[str, int] = field(default_factory=dict)
    hours: float | None = None
    links: tuple[Link, ...] = ()


@dataclass
class DraftFields:
    """What the flags gave for a new activity; None or empty where they gave nothing."""

    pledge_id: str | None = None
    date: date | None = None
    by: tuple[str, ...] = ()
    commitments: tuple[str, ...] = ()
    title: str | None = None
    description: str | None = None
    end_date: Day | None = None
    status: str | None = None
    place: str | None = None
    partners: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    participants: int | None = None
    measures: dict[str, int] = field(default_factory=dict)
    hours: float | None = None
    links: tuple[Link, ...] = ()
    readings: tuple[Reading, ...] = ()  # what lofte took a typed value for, to say so

    def missing_flags(self) -> list[str]:
        """The flags a non-interactive run still needs (the pledge is settled apart)."""
        required = {
            "--by": self.by,
            "--commitment": self.commitments,
            "--title": self.title,
            "--description": self.description,
        }
        return [flag for flag, value in required.items() if not value]

    def to_draft(self, *, pledge_id: str, day: Day) -> ActivityDraft:
        if self.missing_flags():
            raise UsageError(_("missing {flags}").format(flags=", ".join(self.missing_flags())))
        return ActivityDraft(
            pledge_id=pledge_id,
            date=day,
            by=self.by,
            commitments=self.commitments,
            title=self.title or "",
            description=self.description or "",
            end_date=self.end_date,
            status=self.status or "done",
            place=self.place,
            partners=self.partners,
            target_groups=self.target_groups,
            participants=self.participants,
            measures=dict(self.measures),
            hours=self.hours,
            links=self.links,
        )


def draft_fields(
    *,
    pledge: str | None = None,
    day: str | None = None,
    end_date: str | None = None,
    status: str | None = None,
    by: Sequence[str] | None = None,
    commitment: Sequence[str] | None = None,
    title: str | None = None,
    description: str | None = None,
    place: str | None = None,
    partner: Sequence[str] | None = None,
    target_group: Sequence[str] | None = None,
    participants: int | str | None = None,
    measure: Sequence[str] | None = None,
    hours: str | None = None,
    link: Sequence[str] | None = None,
    **_other_options: object,
) -> DraftFields:
    """The fields of `lofte add-activity`'s flags (named as the flags are), each value read
    as a person types it; a usage error names the flag of a value that cannot be read.
    Parties and commitments are read once the pledge is known (`read_ids`)."""
    readings: list[Reading] = []
    days: dict[str, Day] = {}
    for flag, text in (("--date", day), ("--end-date", end_date)):
        if text:
            days[flag], reading = day_reading(text, flag)
            readings.append(reading)
    if status is not None:
        readings.append(status_reading(status, "--status"))
    return DraftFields(
        pledge_id=pledge,
        date=days.get("--date"),
        end_date=days.get("--end-date"),
        status=readings[-1].value if status is not None else None,
        by=tuple(by or ()),
        commitments=tuple(commitment or ()),
        title=title,
        description=description,
        place=place,
        partners=tuple(partner or ()),
        target_groups=tuple(target_group or ()),
        participants=_participants(participants),
        measures=dict(parse_measure(m) for m in measure or ()),
        hours=parse_hours(hours) if hours else None,
        links=tuple(parse_link(x) for x in link or ()),
        readings=tuple(readings),
    )


def status_reading(text: str, what: str) -> Reading:
    """An activity's status as typed (`genomförd`, `Planerad`), or a usage error."""
    try:
        return Reading(text, read_status(text), what=what)
    except ValueError as exc:
        raise UsageError(f"{what} {exc}") from None


def _participants(given: int | str | None) -> int | None:
    if given is None or isinstance(given, int):
        return given
    return parse_count(given, "--participants")


def read_ids(pledge: Pledge, fields: DraftFields) -> tuple[DraftFields, list[tuple[str, str]]]:
    """The fields with the parties and commitments the flags name read as the pledge's ids
    (`Stenungsund` as stenungsund), and the flag and problem of every value that is none of
    them (all of them, not the first)."""
    parties, party_problems = read_each(lambda t: read_party(pledge, t), fields.by)
    commitments, commitment_problems = read_each(
        lambda t: read_commitment(pledge, t), fields.commitments
    )
    problems = [("--by", p) for p in party_problems]
    problems += [("--commitment", p) for p in commitment_problems]
    readings = [dataclasses.replace(r, what="--by") for r in parties]
    readings += [dataclasses.replace(r, what="--commitment") for r in commitments]
    read = dataclasses.replace(
        fields,
        by=tuple(r.value for r in parties),  # as given, a repeat too: the checks judge it
        commitments=tuple(r.value for r in commitments),
        readings=(*fields.readings, *readings),
    )
    return read, problems


def read_pledge_flag(catalog: Catalog, fields: DraftFields) -> DraftFields:
    """The fields with --pledge read as the id of a pledge (by its id in any case, or its
    title); a usage error naming the closest when it names none."""
    if not fields.pledge_id or fields.pledge_id in catalog.pledges:
        return fields
    try:
        reading = dataclasses.replace(read_pledge(catalog, fields.pledge_id), what="--pledge")
    except ValueError as exc:
        raise UsageError(f"--pledge: {exc}") from None
    return dataclasses.replace(
        fields, pledge_id=reading.value, readings=(*fields.readings, reading)
    )


def settle_pledge(catalog: Catalog, fields: DraftFields, day: date) -> str | None:
    """The pledge named by the flags (read with `read_pledge_flag` first), or the only one
    running on `day`, or None."""
    require_pledges(catalog)
    if fields.pledge_id:
        pledge_data(catalog, fields.pledge_id)
        return fields.pledge_id
    active = active_pledges(catalog, day)
    if len(active) == 1:
        return active[0]
    if len(catalog.pledges) == 1:
        return next(iter(catalog.pledges))
    return None


def active_pledges(catalog: Catalog, day: date) -> list[str]:
    """The pledges whose period holds `day`."""
    return running_pledges(catalog, day)


def date_problem(catalog: Catalog, pledge_id: str, day: date) -> str | None:
    """Why `day` cannot be an activity date of the pledge, or None."""
    data = pledge_data(catalog, pledge_id)
    end = catalog.effective_end(data.pledge)
    if day < data.pledge.start or (end is not None and day > end):
        if end is None:
            return _("{day} is before the start of {pledge} ({start})").format(
                day=day, pledge=pledge_id, start=data.pledge.start
            )
        return _("{day} is outside the period of {pledge} ({start} – {end})").format(
            day=day, pledge=pledge_id, start=data.pledge.start, end=end
        )
    return None


def default_day(catalog: Catalog, pledge_id: str, today: date) -> date:
    """The date to offer for a new activity of the pledge: today when it lies in the
    pledge's period, else the period's last day (after it) or first day (before it)."""
    pledge = pledge_data(catalog, pledge_id).pledge
    end = catalog.effective_end(pledge)
    if today < pledge.start:
        return pledge.start
    if end is not None and today > end:
        return end
    return today
