"""The rules a schema cannot express: names, references across files, dates against the
period and today, duplicates, and personal data in public text. Each check is a small
function that yields problems; `check_catalog` runs them all."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from lofte_cli.data.document import PathKey
from lofte_cli.data.model import Activity, Catalog, Followup, Pledge, PledgeData
from lofte_cli.data.problem import Problem, problem

Check = Callable[[Catalog, PledgeData, date], Iterable[Problem]]


def check_catalog(catalog: Catalog, *, today: date) -> list[Problem]:
    """Every cross-file problem in the catalog, as of `today`."""
    found: list[Problem] = []
    for data in catalog.pledges.values():
        found.extend(check_pledge(catalog, data, today=today))
    return found


def check_pledge(catalog: Catalog, data: PledgeData, *, today: date) -> list[Problem]:
    """The cross-file problems of one pledge and the files filed under it."""
    return [p for check in CHECKS for p in check(catalog, data, today)]


def _known(kind: str, wanted: str, known: Iterable[str], owner: str) -> str:
    """`unknown commitment 'kommun-9'; did you mean 'kommun-6'? (pledge x has polis-1 … )`"""
    names = list(known)
    near = difflib.get_close_matches(wanted, names, n=1)
    guess = f"; did you mean {near[0]!r}?" if near else ""
    listed = ", ".join(names) if len(names) <= 6 else f"{names[0]} … {names[-1]}"
    has = f"{owner} has {listed}" if names else f"{owner} has none"
    return f"unknown {kind} {wanted!r}{guess} ({has})"


def _listed(raw: Any, key: str, values: tuple[str, ...]) -> Iterator[tuple[str, PathKey]]:
    """Each id of a field that holds one id or a list, with its path below `raw`."""
    if isinstance(raw.get(key), str):
        yield values[0], (key,)
    else:
        for i, value in enumerate(values):
            yield value, (key, i)


# --- the pledge itself ------------------------------------------------------------------


def check_pledge_names(catalog: Catalog, data: PledgeData, today: date) -> Iterator[Problem]:
    pledge, doc = data.pledge, data.pledge.doc
    folder = doc.path.parent.name
    if pledge.id != folder:
        yield problem(
            "L108",
            doc.path,
            f"pledge id {pledge.id!r} does not match its folder name {folder!r}",
            doc.at("id"),
        )
    seen: set[str] = set()
    for c in pledge.commitments:
        if c.id in seen:
            yield problem(
                "L109",
                doc.path,
                f"commitment id {c.id!r} is used twice",
                doc.at("commitments", c.index, "id"),
            )
        seen.add(c.id)
    seen = set()
    for ind in pledge.indicators:
        if ind.id in seen:
            yield problem(
                "L109",
                doc.path,
                f"indicator id {ind.id!r} is used twice",
                doc.at("indicators", ind.index, "id"),
            )
        seen.add(ind.id)
    for group in pledge.groups:
        if group in pledge.parties:
            yield problem(
                "L109",
                doc.path,
                f"group {group!r} has the same id as a party",
                doc.key_at("groups", group),
            )


def check_pledge_references(catalog: Catalog, data: PledgeData, today: date) -> Iterator[Problem]:
    pledge, doc = data.pledge, data.pledge.doc
    owner = f"pledge {pledge.id}"
    for group, members in pledge.groups.items():
        for i, member in enumerate(members):
            if member not in pledge.parties:
                yield problem(
                    "L104",
                    doc.path,
                    "group member: " + _known("party", member, pledge.parties, owner),
                    doc.at("groups", group, i),
                )
    names = [*pledge.parties, *pledge.groups]
    for c in pledge.commitments:
        for name, path in _listed(doc.data["commitments"][c.index], "by", c.by):
            if name not in names:
                yield problem(
                    "L104",
                    doc.path,
                    f"commitment {c.id}: " + _known("party or group", name, names, owner),
                    doc.at("commitments", c.index, *path),
                )
        for name, path in _listed(doc.data["commitments"][c.index], "focus", c.focus):
            if name not in pledge.focus_areas:
                yield problem(
                    "L105",
                    doc.path,
                    f"commitment {c.id}: " + _known("focus area", name, pledge.focus_areas, owner),
                    doc.at("commitments", c.index, *path),
                )
    for i, signatory in enumerate(pledge.signatories):
        if signatory.party and signatory.party not in pledge.parties:
            yield problem(
                "L104",
                doc.path,
                f"signatory {signatory.name}: "
                + _known("party", signatory.party, pledge.parties, owner),
                doc.at("signatories", i, "party"),
            )
    if pledge.supersedes == pledge.id:
        yield problem(
            "L121",
            doc.path,
            "a pledge cannot supersede itself; name the previous edition in `supersedes`",
            doc.at("supersedes"),
        )
    elif pledge.supersedes and not any(
        d.pledge.id == pledge.supersedes for d in catalog.pledges.values()
    ):
        yield problem(
            "L107",
            doc.path,
            f"supersedes {pledge.supersedes!r}, which is not in this repository",
            doc.at("supersedes"),
        )
    if pledge.end and pledge.end < pledge.start:
        yield problem(
            "L204",
            doc.path,
            f"period ends {pledge.end} before it starts {pledge.start}",
            doc.at("period", "end"),
        )


def check_expected_measures(catalog: Catalog, data: PledgeData, today: date) -> Iterator[Problem]:
    doc = data.pledge.doc
    for c in data.pledge.commitments:
        if c.expect is None or c.expect.of is None:
            continue
        if not any(c.id in a.commitments and c.expect.of in a.measures for a in data.activities):
            yield problem(
                "L119",
                doc.path,
                f"commitment {c.id} counts measure "
                f"{c.expect.of!r}, but no activity for it reports that measure",
                doc.at("commitments", c.index, "expect", "of"),
            )


# --- activities -------------------------------------------------------------------------


def check_activity_references(catalog: Catalog, data: PledgeData, today: date) -> Iterator[Problem]:
    pledge = data.pledge
    owner = f"pledge {pledge.id}"
    names = [*pledge.parties, *pledge.groups]
    commitment_ids = [c.id for c in pledge.commitments]
    for activity in data.activities:
        doc = activity.doc
        if activity.id != doc.path.stem:
            yield problem(
                "L108",
                doc.path,
                f"activity id {activity.id!r} does not match the file name {doc.path.name!r}",
                doc.at("id"),
            )
        for name, path in _listed(doc.data, "by", activity.by):
            if name not in names:
                yield problem("L104", doc.path, _known("party", name, names, owner), doc.at(*path))
        for name, path in _listed(doc.data, "commitments", activity.commitments):
            if name not in commitment_ids:
                yield problem(
                    "L103",
                    doc.path,
                    _known("commitment", name, commitment_ids, owner),
                    doc.at(*path),
                )
        yield from _responsible(pledge, activity)


def _responsible(pledge: Pledge, activity: Activity) -> Iterator[Problem]:
    promised = [pledge.commitment(c) for c in activity.commitments]
    known = [c for c in promised if c is not None]
    if len(known) < len(promised):
        return  # an unknown commitment is reported already; guessing responsibility is noise
    doc = activity.doc
    for name, path in _listed(doc.data, "by", activity.by):
        parties = pledge.expand((name,))
        if all(p in pledge.parties for p in parties) and not any(
            p in c.parties for p in parties for c in known
        ):
            listed = ", ".join(c.id for c in known)
            yield problem(
                "L117",
                doc.path,
                f"{name} is not responsible for any of {listed}; "
                "is the activity listed under the right commitments?",
                doc.at(*path),
            )


def check_activity_dates(catalog: Catalog, data: PledgeData, today: date) -> Iterator[Problem]:
    pledge = data.pledge
    end = catalog.effective_end(pledge)
    shown_end = end.isoformat() if end else "open"
    for activity in data.activities:
        doc = activity.doc
        if activity.date < pledge.start or (end is not None and activity.date > end):
            yield problem(
                "L202",
                doc.path,
                f"date {activity.date} is outside the period of "
                f"pledge {pledge.id} ({pledge.start} – {shown_end})",
                doc.at("date"),
            )
        if activity.status == "done" and activity.date > today:
            yield problem(
                "L203",
                doc.path,
                f"status is done but the date {activity.date} is "
                "in the future; use status: planned",
                doc.at("date"),
            )
        if activity.end_date and activity.end_date < activity.date:
            yield problem(
                "L204",
                doc.path,
                f"end_date {activity.end_date} is before date {activity.date}",
                doc.at("end_date"),
            )


def check_duplicate_activities(
    catalog: Catalog, data: PledgeData, today: date
) -> Iterator[Problem]:
    first: dict[tuple[date, str, frozenset[str]], Activity] = {}
    for activity in sorted(data.activities, key=lambda a: a.doc.path.name):
        key = (activity.date, activity.title.strip().casefold(), frozenset(activity.parties))
        if key in first:
            other = first[key].doc.path.name
            yield problem(
                "L118",
                activity.doc.path,
                f"same date, title and parties as {other}; "
                "delete one if they are the same activity",
                activity.doc.at("title"),
            )
        else:
            first[key] = activity


# --- follow-ups -------------------------------------------------------------------------


def check_followups(catalog: Catalog, data: PledgeData, today: date) -> Iterator[Problem]:
    pledge = data.pledge
    owner = f"pledge {pledge.id}"
    commitment_ids = [c.id for c in pledge.commitments]
    indicator_ids = [i.id for i in pledge.indicators]
    for followup in data.followups:
        yield from _followup_name(followup)
        doc = followup.doc
        for a in followup.assessments:
            if a.commitment not in commitment_ids:
                yield problem(
                    "L103",
                    doc.path,
                    _known("commitment", a.commitment, commitment_ids, owner),
                    doc.key_at("assessments", a.commitment),
                )
        for v in followup.indicators:
            if v.indicator not in indicator_ids:
                yield problem(
                    "L106",
                    doc.path,
                    _known("indicator", v.indicator, indicator_ids, owner),
                    doc.key_at("indicators", v.indicator),
                )


def _followup_name(followup: Followup) -> Iterator[Problem]:
    doc = followup.doc
    if doc.path.stem != followup.date.isoformat():
        yield problem(
            "L205",
            doc.path,
            f"date {followup.date} does not match the file name "
            f"{doc.path.name!r}; name it {followup.date}.yaml",
            doc.at("date"),
        )


CHECKS: tuple[Check, ...] = (
    check_pledge_names,
    check_pledge_references,
    check_expected_measures,
    check_activity_references,
    check_activity_dates,
    check_duplicate_activities,
    check_followups,
)
