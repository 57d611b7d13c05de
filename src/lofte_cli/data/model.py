"""The loaded data as typed, frozen values: pledges, their activities and follow-ups.

Each value keeps the `Document` it came from, so that any check can point at the line of
any field (`activity.doc.at("commitments", 1)`). Building from a document assumes it has
passed its schema check. No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from lofte_cli.data.document import Document
from lofte_cli.errors import UsageError, id_list
from lofte_cli.i18n import _

Day = date  # for fields after one named `date`, which hides the type there


def _as_tuple(value: Any) -> tuple[str, ...]:
    """A single id or a list of ids, as a tuple."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True, slots=True)
class Party:
    id: str
    name: str
    kind: str
    url: str | None = None  # the party's own page (https)
    code: str | None = None  # a municipality's four-digit SCB code ("1415")
    police_region: str | None = None  # a police party's region ("Väst")
    police_area: str | None = None  # a police party's local police area


@dataclass(frozen=True, slots=True)
class Expect:
    count: int
    of: str | None
    per: str


@dataclass(frozen=True, slots=True)
class Commitment:
    id: str
    by: tuple[str, ...]  # as written: parties and groups
    parties: tuple[str, ...]  # `by` with groups expanded, in order, without repeats
    text: str
    focus: tuple[str, ...]
    expect: Expect | None
    condition: str | None
    index: int  # place in the pledge's list, for positions
    title: str | None = None  # a short title for citizens


@dataclass(frozen=True, slots=True)
class Baseline:
    value: float
    date: date | None
    source: str | None


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    unit: str | None
    direction: str | None
    baseline: Baseline | None
    target: float | None
    index: int


@dataclass(frozen=True, slots=True)
class Signatory:
    name: str
    role: str | None
    party: str | None


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    title: str | None


@dataclass(frozen=True, slots=True)
class Pledge:
    id: str
    title: str
    language: str
    area: str | None
    start: date
    end: date | None
    parties: dict[str, Party]
    groups: dict[str, tuple[str, ...]]
    goal: str | None
    focus_areas: dict[str, str]
    commitments: tuple[Commitment, ...]
    indicators: tuple[Indicator, ...]
    signatories: tuple[Signatory, ...]
    sources: tuple[Link, ...]
    contacts: tuple[str, ...]
    supersedes: str | None
    notice: str | None
    doc: Document = field(repr=False, compare=False)
    measures: dict[str, str] = field(default_factory=dict)  # measure id → label
    themes: dict[str, str] = field(default_factory=dict)  # focus area id → national theme

    def commitment(self, commitment_id: str) -> Commitment | None:
        return next((c for c in self.commitments if c.id == commitment_id), None)

    def expand(self, ids: tuple[str, ...]) -> tuple[str, ...]:
        """Party ids for a mix of party and group ids (unknown ids are kept as they are)."""
        out: list[str] = []
        for name in ids:
            for party in self.groups.get(name, (name,)):
                if party not in out:
                    out.append(party)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Activity:
    id: str
    date: date
    end_date: Day | None
    status: str
    by: tuple[str, ...]  # as written
    parties: tuple[str, ...]  # groups expanded
    commitments: tuple[str, ...]
    title: str
    description: str
    place: str | None
    partners: tuple[str, ...]
    target_groups: tuple[str, ...]
    participants: int | None
    measures: dict[str, int]
    hours: float | None
    links: tuple[Link, ...]
    doc: Document = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Assessment:
    commitment: str
    status: str
    comment: str | None


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    indicator: str
    value: float
    date: date | None
    source: str | None
    comment: str | None


@dataclass(frozen=True, slots=True)
class Followup:
    date: date
    period: str | None
    assessments: tuple[Assessment, ...]
    indicators: tuple[IndicatorValue, ...]
    doc: Document = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class PledgeData:
    """A pledge with the activities and follow-ups filed under it."""

    pledge: Pledge
    activities: tuple[Activity, ...]
    followups: tuple[Followup, ...]


@dataclass(frozen=True, slots=True)
class Catalog:
    """Everything that loaded cleanly from one data root."""

    root: Path
    pledges: dict[str, PledgeData]

    def effective_end(self, pledge: Pledge) -> date | None:
        """The last day of a pledge: its end, or the day before a pledge that supersedes
        it starts, or None while it runs on."""
        if pledge.end is not None:
            return pledge.end
        successors = [
            data.pledge.start
            for data in self.pledges.values()
            if data.pledge.supersedes == pledge.id and data.pledge.start > pledge.start
        ]
        return min(successors) - timedelta(days=1) if successors else None


def require_pledges(catalog: Catalog) -> None:
    if not catalog.pledges:
        raise UsageError(
            _(
                "there is no pledge that loads without errors yet: create one with "
                "`lofte new-pledge`, or run `lofte validate` to see what is wrong"
            )
        )


def pledge_data(catalog: Catalog, pledge_id: str) -> PledgeData:
    """The pledge `pledge_id` as it loaded; a usage error naming the known ones when it did
    not (it is unknown, or has errors)."""
    data = catalog.pledges.get(pledge_id)
    if data is None:
        raise UsageError(
            _("unknown pledge {pledge!r} (known: {known})").format(
                pledge=pledge_id, known=id_list(catalog.pledges)
            )
        )
    return data


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _link(raw: str | dict[str, str]) -> Link:
    return Link(raw, None) if isinstance(raw, str) else Link(raw["url"], raw.get("title"))


def build_pledge(doc: Document) -> Pledge:
    """A pledge from its schema-checked document."""
    raw = doc.data
    groups = {name: tuple(members) for name, members in (raw.get("groups") or {}).items()}
    return Pledge(
        id=raw["id"],
        title=raw["title"],
        language=raw.get("language", "sv"),
        area=raw.get("area"),
        start=date.fromisoformat(raw["period"]["start"]),
        end=_date(raw["period"].get("end")),
        parties={pid: _party(pid, p) for pid, p in raw["parties"].items()},
        groups=groups,
        goal=raw.get("goal"),
        focus_areas={
            fid: f if isinstance(f, str) else f["label"]
            for fid, f in (raw.get("focus_areas") or {}).items()
        },
        commitments=tuple(_commitment(c, i, groups) for i, c in enumerate(raw["commitments"])),
        indicators=tuple(_indicator(x, i) for i, x in enumerate(raw.get("indicators") or [])),
        signatories=tuple(
            Signatory(s["name"], s.get("role"), s.get("party"))
            for s in raw.get("signatories") or []
        ),
        sources=tuple(_link(s) for s in raw.get("sources") or []),
        contacts=tuple(raw.get("contacts") or ()),
        supersedes=raw.get("supersedes"),
        notice=raw.get("notice"),
        doc=doc,
        measures=dict(raw.get("measures") or {}),
        themes={
            fid: f["theme"]
            for fid, f in (raw.get("focus_areas") or {}).items()
            if isinstance(f, dict) and "theme" in f
        },
    )


def _party(pid: str, raw: dict[str, Any]) -> Party:
    code = raw.get("code")
    return Party(
        pid,
        raw["name"],
        raw.get("kind", "other"),
        raw.get("url"),
        # YAML reads `code: 0180` as the number 180; the code is that number in four digits.
        code=f"{code:04d}" if isinstance(code, int) else code,
        police_region=raw.get("police_region"),
        police_area=raw.get("police_area"),
    )


def _commitment(raw: dict[str, Any], index: int, groups: dict[str, tuple[str, ...]]) -> Commitment:
    by = _as_tuple(raw["by"])
    parties: list[str] = []
    for name in by:
        parties.extend(p for p in groups.get(name, (name,)) if p not in parties)
    expect = raw.get("expect")
    return Commitment(
        id=raw["id"],
        by=by,
        parties=tuple(parties),
        text=raw["text"],
        focus=_as_tuple(raw.get("focus")),
        expect=Expect(expect["count"], expect.get("of"), expect.get("per", "period"))
        if expect
        else None,
        condition=raw.get("condition"),
        index=index,
        title=raw.get("title"),
    )


def _indicator(raw: dict[str, Any], index: int) -> Indicator:
    base = raw.get("baseline")
    return Indicator(
        id=raw["id"],
        name=raw["name"],
        unit=raw.get("unit"),
        direction=raw.get("direction"),
        baseline=Baseline(base["value"], _date(base.get("date")), base.get("source"))
        if base
        else None,
        target=raw.get("target"),
        index=index,
    )


def build_activity(doc: Document, pledge: Pledge | None) -> Activity:
    """An activity from its schema-checked document; groups expand by `pledge`."""
    raw = doc.data
    by = _as_tuple(raw["by"])
    return Activity(
        id=raw["id"],
        date=date.fromisoformat(raw["date"]),
        end_date=_date(raw.get("end_date")),
        status=raw.get("status", "done"),
        by=by,
        parties=pledge.expand(by) if pledge else by,
        commitments=_as_tuple(raw["commitments"]),
        title=raw["title"],
        description=raw["description"],
        place=raw.get("place"),
        partners=tuple(raw.get("partners") or ()),
        target_groups=tuple(raw.get("target_groups") or ()),
        participants=raw.get("participants"),
        measures=dict(raw.get("measures") or {}),
        hours=raw.get("hours"),
        links=tuple(_link(x) for x in raw.get("links") or []),
        doc=doc,
    )


def build_followup(doc: Document) -> Followup:
    """A follow-up from its schema-checked document."""
    raw = doc.data
    period = raw.get("period")
    return Followup(
        date=date.fromisoformat(raw["date"]),
        period=None if period is None else str(period),
        assessments=tuple(
            Assessment(cid, a, None)
            if isinstance(a, str)
            else Assessment(cid, a["status"], a.get("comment"))
            for cid, a in (raw.get("assessments") or {}).items()
        ),
        indicators=tuple(
            IndicatorValue(iid, v["value"], _date(v.get("date")), v.get("source"), v.get("comment"))
            for iid, v in (raw.get("indicators") or {}).items()
        ),
        doc=doc,
    )
