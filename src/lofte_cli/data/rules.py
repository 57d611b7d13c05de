"""The rules a schema cannot express: names, references across files, dates against the
period and today, duplicates, and personal data in public text. Each check is a small
function that yields problems; `check_catalog` runs them all."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from lofte_cli.data.document import Document, PathKey
from lofte_cli.data.model import (
    Activity,
    Catalog,
    Commitment,
    Followup,
    Indicator,
    Pledge,
    PledgeData,
)
from lofte_cli.data.national_rules import check_places, check_themes
from lofte_cli.data.problem import Problem, problem
from lofte_cli.data.promised import read_promise
from lofte_cli.data.promised_en import read_promise_en
from lofte_cli.i18n import N_, _, ngettext

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


# What a reference names that the pledge does not have: the message, and the message when
# the pledge has none of the kind at all.
_UNKNOWN = {
    "commitment": (
        N_("unknown commitment {value}"),
        N_("unknown commitment {value} (pledge {pledge} has no commitments)"),
    ),
    "party": (
        N_("unknown party {value}"),
        N_("unknown party {value} (pledge {pledge} has no parties)"),
    ),
    "party or group": (
        N_("unknown party or group {value}"),
        N_("unknown party or group {value} (pledge {pledge} has no parties)"),
    ),
    "focus area": (
        N_("unknown focus area {value}"),
        N_("unknown focus area {value} (pledge {pledge} has no focus areas)"),
    ),
    "indicator": (
        N_("unknown indicator {value}"),
        N_("unknown indicator {value} (pledge {pledge} has no indicators)"),
    ),
}


def _known(kind: str, wanted: str, known: Iterable[str], pledge: str) -> str:
    """`unknown commitment 'kommun-9'; did you mean 'kommun-6'? (pledge x has polis-1 … )`"""
    names = list(known)
    unknown, unknown_of_none = _UNKNOWN[kind]
    if not names:
        return _(unknown_of_none).format(value=repr(wanted), pledge=pledge)
    problem_text = _(unknown).format(value=repr(wanted))
    near = difflib.get_close_matches(wanted, names, n=1)
    listed = ", ".join(names) if len(names) <= 6 else f"{names[0]} … {names[-1]}"
    if near:
        # TRANSLATORS: {problem} is e.g. "unknown commitment 'kommun-9'"; {known} lists the
        # pledge's ids ("polis-1 … kommun-6").
        text = _("{problem}; did you mean {near}? (pledge {pledge} has {known})")
        return text.format(problem=problem_text, near=repr(near[0]), pledge=pledge, known=listed)
    return _("{problem} (pledge {pledge} has {known})").format(
        problem=problem_text, pledge=pledge, known=listed
    )


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
            _("pledge id {id} does not match its folder name {folder}").format(
                id=repr(pledge.id), folder=repr(folder)
            ),
            doc.at("id"),
        )
    yield from _ids_used_twice(
        doc, "commitments", pledge.commitments, _("commitment id {id} is used twice")
    )
    yield from _ids_used_twice(
        doc, "indicators", pledge.indicators, _("indicator id {id} is used twice")
    )
    for group in pledge.groups:
        if group in pledge.parties:
            yield problem(
                "L109",
                doc.path,
                _("group {group} has the same id as a party").format(group=repr(group)),
                doc.key_at("groups", group),
            )


def _ids_used_twice(
    doc: Document, field: str, items: Sequence[Commitment] | Sequence[Indicator], message: str
) -> Iterator[Problem]:
    """L109 at each item of the list `field` whose id an earlier one already has."""
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            yield problem(
                "L109", doc.path, message.format(id=repr(item.id)), doc.at(field, item.index, "id")
            )
        seen.add(item.id)


def check_pledge_references(catalog: Catalog, data: PledgeData, today: date) -> Iterator[Problem]:
    pledge, doc = data.pledge, data.pledge.doc
    for group, members in pledge.groups.items():
        for i, member in enumerate(members):
            if member not in pledge.parties:
                yield problem(
                    "L104",
                    doc.path,
                    _("group member: {problem}").format(
                        problem=_known("party", member, pledge.parties, pledge.id)
                    ),
                    doc.at("groups", group, i),
                )
    names = [*pledge.parties, *pledge.groups]
    for c in pledge.commitments:
        for name, path in _listed(doc.data["commitments"][c.index], "by", c.by):
            if name not in names:
                yield problem(
                    "L104",
                    doc.path,
                    _("commitment {id}: {problem}").format(
                        id=c.id, problem=_known("party or group", name, names, pledge.id)
                    ),
                    doc.at("commitments", c.index, *path),
                )
        for name, path in _listed(doc.data["commitments"][c.index], "focus", c.focus):
            if name not in pledge.focus_areas:
                yield problem(
                    "L105",
                    doc.path,
                    _("commitment {id}: {problem}").format(
                        id=c.id, problem=_known("focus area", name, pledge.focus_areas, pledge.id)
                    ),
                    doc.at("commitments", c.index, *path),
                )
    for i, signatory in enumerate(pledge.signatories):
        if signatory.party and signatory.party not in pledge.parties:
            yield problem(
                "L104",
                doc.path,
                _("signatory {name}: {problem}").format(
                    name=signatory.name,
                    problem=_known("party", signatory.party, pledge.parties, pledge.id),
                ),
                doc.at("signatories", i, "party"),
            )
    if pledge.supersedes == pledge.id:
        yield problem(
            "L121",
            doc.path,
            _("a pledge cannot supersede itself; name the previous edition in `supersedes`"),
            doc.at("supersedes"),
        )
    elif pledge.supersedes and not any(
        d.pledge.id == pledge.supersedes for d in catalog.pledges.values()
    ):
        yield problem(
            "L107",
            doc.path,
            _("supersedes {pledge}, which is not in this repository").format(
                pledge=repr(pledge.supersedes)
            ),
            doc.at("supersedes"),
        )
    if pledge.end and pledge.end < pledge.start:
        yield problem(
            "L204",
            doc.path,
            _("period ends {end} before it starts {start}").format(
                end=pledge.end, start=pledge.start
            ),
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
                _(
                    "commitment {id} counts measure {measure}, "
                    "but no activity for it reports that measure"
                ).format(id=c.id, measure=repr(c.expect.of)),
                doc.at("commitments", c.index, "expect", "of"),
            )


def check_promised_counts(catalog: Catalog, data: PledgeData, today: date) -> Iterator[Problem]:
    doc = data.pledge.doc
    # The commitments are read in the pledge's own language.
    read = read_promise_en if data.pledge.language == "en" else read_promise
    for c in data.pledge.commitments:
        found = None if c.expect else read(c.text)
        if found is None or not found.says_more_than_once:
            continue
        if found.count is None or found.per is None:
            # TRANSLATORS: {phrase} is quoted from the commitment, e.g. 'varannat år'.
            text = _(
                "commitment {id} promises {phrase} but has no `expect`, so a single activity "
                "meets it; say how many and per which period with `expect`"
            )
            message = text.format(id=c.id, phrase=repr(found.phrase))
        else:
            # TRANSLATORS: {phrase} is quoted from the commitment, e.g. 'fyra gånger per år';
            # {expect} is YAML to copy as it is, e.g. "expect: {count: 4, per: year}".
            text = _(
                "commitment {id} promises {phrase} but has no `expect`, so a single activity "
                "meets it; add {expect}"
            )
            expect = f"`expect: {{count: {found.count}, per: {found.per}}}`"
            message = text.format(id=c.id, phrase=repr(found.phrase), expect=expect)
        yield problem("L124", doc.path, message, doc.at("commitments", c.index))


# --- activities -------------------------------------------------------------------------


def check_activity_references(catalog: Catalog, data: PledgeData, today: date) -> Iterator[Problem]:
    pledge = data.pledge
    names = [*pledge.parties, *pledge.groups]
    commitment_ids = [c.id for c in pledge.commitments]
    for activity in data.activities:
        doc = activity.doc
        if activity.id != doc.path.stem:
            yield problem(
                "L108",
                doc.path,
                _("activity id {id} does not match the file name {name}").format(
                    id=repr(activity.id), name=repr(doc.path.name)
                ),
                doc.at("id"),
            )
        for name, path in _listed(doc.data, "by", activity.by):
            if name not in names:
                yield problem(
                    "L104", doc.path, _known("party", name, names, pledge.id), doc.at(*path)
                )
        for name, path in _listed(doc.data, "commitments", activity.commitments):
            if name not in commitment_ids:
                yield problem(
                    "L103",
                    doc.path,
                    _known("commitment", name, commitment_ids, pledge.id),
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
            message = ngettext(
                "{party} is not responsible for {commitments}; "
                "is the activity listed under the right commitment?",
                "{party} is not responsible for any of {commitments}; "
                "is the activity listed under the right commitments?",
                len(known),
            ).format(party=name, commitments=listed)
            yield problem("L117", doc.path, message, doc.at(*path))


def check_activity_dates(catalog: Catalog, data: PledgeData, today: date) -> Iterator[Problem]:
    pledge = data.pledge
    end = catalog.effective_end(pledge)
    for activity in data.activities:
        doc = activity.doc
        if activity.date < pledge.start or (end is not None and activity.date > end):
            if end is None:
                text = _("date {date} is outside the period of pledge {pledge} ({start} – open)")
            else:
                text = _("date {date} is outside the period of pledge {pledge} ({start} – {end})")
            message = text.format(date=activity.date, pledge=pledge.id, start=pledge.start, end=end)
            yield problem("L202", doc.path, message, doc.at("date"))
        if activity.status == "done" and activity.date > today:
            yield problem(
                "L203",
                doc.path,
                _(
                    "`status: done` but the date {date} is in the future; use `status: planned`"
                ).format(date=activity.date),
                doc.at("date"),
            )
        if activity.end_date and activity.end_date < activity.date:
            yield problem(
                "L204",
                doc.path,
                _("end_date {end} is before date {date}").format(
                    end=activity.end_date, date=activity.date
                ),
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
                _(
                    "same date, title and parties as {other}; "
                    "delete one if they are the same activity"
                ).format(other=other),
                activity.doc.at("title"),
            )
        else:
            first[key] = activity


# --- follow-ups -------------------------------------------------------------------------


def check_followups(catalog: Catalog, data: PledgeData, today: date) -> Iterator[Problem]:
    pledge = data.pledge
    commitment_ids = [c.id for c in pledge.commitments]
    indicator_ids = [i.id for i in pledge.indicators]
    for followup in data.followups:
        yield from _followup_name(followup)
        doc = followup.doc
        if followup.date < pledge.start:
            # After the end is normal (the last follow-up of a period); before the start,
            # the follow-up belongs to another pledge or has a mistyped date.
            message = _(
                "follow-up dated {date}, before pledge {pledge} starts ({start}); "
                "is it filed under the right pledge?"
            ).format(date=followup.date, pledge=pledge.id, start=pledge.start)
            yield problem("L202", doc.path, message, doc.at("date"))
        for a in followup.assessments:
            if a.commitment not in commitment_ids:
                yield problem(
                    "L103",
                    doc.path,
                    _known("commitment", a.commitment, commitment_ids, pledge.id),
                    doc.key_at("assessments", a.commitment),
                )
        for v in followup.indicators:
            if v.indicator not in indicator_ids:
                yield problem(
                    "L106",
                    doc.path,
                    _known("indicator", v.indicator, indicator_ids, pledge.id),
                    doc.key_at("indicators", v.indicator),
                )


def _followup_name(followup: Followup) -> Iterator[Problem]:
    doc = followup.doc
    if doc.path.stem != followup.date.isoformat():
        yield problem(
            "L205",
            doc.path,
            _("date {date} does not match the file name {name}; name it {date}.yaml").format(
                date=followup.date, name=repr(doc.path.name)
            ),
            doc.at("date"),
        )


CHECKS: tuple[Check, ...] = (
    check_pledge_names,
    check_pledge_references,
    check_expected_measures,
    check_promised_counts,
    check_activity_references,
    check_activity_dates,
    check_duplicate_activities,
    check_followups,
    check_places,
    check_themes,
)
