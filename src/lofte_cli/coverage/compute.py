"""Coverage: what the activity files show, per commitment and responsible party.

Pure: a `Catalog` and a date in, a `CoverageReport` out; no I/O, no printing, no exit.
`json_shape` gives its JSON shape, `slices` the calendar slices, `progress` the share of
the promised work done beside met/not met. The rule and every
decision where it leaves room are written down in docs/coverage.md; keep the two together.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from lofte_cli.coverage.progress import progress_percent
from lofte_cli.coverage.slices import SLICE_KINDS, Slice, count_slices, list_slices, slice_index
from lofte_cli.coverage.tally import Tally, tally_activities
from lofte_cli.coverage.words import decimal_text
from lofte_cli.data.model import Catalog, Commitment, Followup, Pledge, PledgeData
from lofte_cli.errors import UsageError, id_list
from lofte_cli.i18n import _, ngettext

# `no-records`: the pledge has no activity files at all, so nothing is judged: no follow-up
# is recorded here, which is not the same as nothing done (docs/coverage.md).
STATUSES = ("met", "partial", "untouched", "no-records")
# Assessments that say work is under way or done: with no activity at all, the records
# contradict them ("Pågår" beside "Inte påbörjat" is explained, not left unexplained).
# Days without an activity after which a commitment is called quiet, unless told otherwise.
QUIET_AFTER_DAYS = 182
_ASSESSED_AS_STARTED = ("ongoing", "done", "partly-done")


@dataclass(frozen=True)
class PartyCoverage:
    """One responsible pair (commitment, party)."""

    party: str
    done: int  # activities, or the sum of `expect.of`
    expected: int
    met: bool | None  # None before the start (nothing is due yet) or with no records
    activities: int  # done activities in W, whatever their measure
    last_activity: date | None
    slice_counts: tuple[int, ...]  # `done` per slice of the report, when `per` was given


@dataclass(frozen=True)
class LatestAssessment:
    """The parties' own judgement of a commitment, from the latest follow-up."""

    status: str
    comment: str | None
    date: date
    period: str | None


@dataclass(frozen=True)
class CommitmentCoverage:
    id: str
    text: str
    measure: str | None  # `expect.of`: what `done` sums, or None when activities count
    total: int
    expected: int  # per responsible party, so far
    status: str  # met | partial | untouched | no-records
    parties: tuple[PartyCoverage, ...]
    assessment: LatestAssessment | None
    activities: int  # distinct done activities in W by responsible parties
    last_activity: date | None
    slice_counts: tuple[int, ...]  # each activity once, when `per` was given
    measure_label: str | None = None  # the pledge's label for `measure` (`measures:`)
    progress_percent: float | None = None  # the mean share done of its pairs (`progress`)


@dataclass(frozen=True)
class IdlePair:
    """A party that has done nothing on a commitment it promised."""

    commitment: str
    party: str


@dataclass(frozen=True)
class QuietCommitment:
    """A commitment with no activity in the last `quiet_after_days` days of W."""

    commitment: str
    last_activity: date
    days_quiet: int  # days from the last activity to the end of W


@dataclass(frozen=True)
class Gaps:
    untouched: tuple[str, ...] = ()
    idle: tuple[IdlePair, ...] = ()
    quiet: tuple[QuietCommitment, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.untouched or self.idle or self.quiet)


@dataclass(frozen=True)
class Disagreement:
    """Where the latest assessment and the activities tell different stories."""

    commitment: str
    kind: str  # assessed-without-activity | activity-but-not-started
    assessment: str
    assessment_date: date
    activities: int


@dataclass(frozen=True)
class PlannedActivity:
    id: str
    date: date
    title: str
    commitments: tuple[str, ...]
    parties: tuple[str, ...]


@dataclass(frozen=True)
class PledgeCoverage:
    id: str
    title: str
    start: date
    end: date | None  # the effective end; None while an open-ended pledge runs on
    window_end: date | None  # the last day of W; None before the start (W empty)
    coverage_percent: float | None
    pairs_met: int
    pairs_total: int
    parties: tuple[str, ...]  # every responsible party, in the pledge's order
    commitments: tuple[CommitmentCoverage, ...]
    gaps: Gaps
    disagreements: tuple[Disagreement, ...]
    planned: tuple[PlannedActivity, ...]
    slices: tuple[Slice, ...]
    activities_recorded: int  # every activity file of the pledge, whatever its status
    progress_percent: float | None = None  # the mean share done of all pairs (`progress`)


@dataclass(frozen=True)
class CoverageReport:
    as_of: date
    per: str | None
    quiet_after_days: int
    pledges: tuple[PledgeCoverage, ...]


# --- the rule (docs/coverage.md) --------------------------------------------------------------


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def commitment_total(commitment: Commitment, start: date, period_end: date) -> int:
    """`expect.count` × the slices the period touches; 1 without `expect`."""
    if commitment.expect is None:
        return 1
    # An open-ended pledge before its start counts its first slice (period_end < start).
    return commitment.expect.count * count_slices(
        commitment.expect.per, start, max(start, period_end)
    )


def expected_so_far(
    total: int, *, start: date, window_end: date | None, period_end: date, open_ended: bool
) -> int:
    """`ceil(total × days elapsed in W / days in the period)`, at least 1 once W is not
    empty; `total` for an open-ended pledge; 0 before the start."""
    if window_end is None or window_end < start:
        return 0
    if open_ended:
        return total  # the period ends on as_of, so the ratio below would be 1 as well
    elapsed = (window_end - start).days + 1
    period_days = (period_end - start).days + 1
    # The ceiling of a positive number is already ≥ 1; max() keeps the rule (at least 1) visible.
    return max(1, _ceil_div(total * elapsed, period_days))


def coverage_percent(met: int, total: int) -> float | None:
    """100 × met / total, rounded half up to one decimal; None when there are no pairs."""
    if total == 0:
        return None
    tenths = (2000 * met + total) // (2 * total)  # round(1000 × met / total), half up
    return tenths / 10


def commitment_status(pairs: Sequence[PartyCoverage]) -> str:
    """untouched when no pair has done anything, met when every pair is, else partial."""
    if all(p.done == 0 for p in pairs):
        return "untouched"
    return "met" if all(p.met for p in pairs) else "partial"


def latest_assessment(
    followups: Sequence[Followup], commitment_id: str, as_of: date
) -> LatestAssessment | None:
    """The assessment of the latest follow-up on or before `as_of` that has one."""
    found: LatestAssessment | None = None
    for followup in followups:
        if followup.date > as_of or (found is not None and followup.date < found.date):
            continue
        for a in followup.assessments:
            if a.commitment == commitment_id:
                found = LatestAssessment(a.status, a.comment, followup.date, followup.period)
    return found


# --- one pledge --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """The dates every commitment of one pledge is measured against."""

    start: date
    end: date | None
    period_end: date
    window_end: date | None
    slices: tuple[Slice, ...]
    slice_keys: tuple[int, ...]


def _frame(catalog: Catalog, pledge: Pledge, as_of: date, per: str | None) -> _Frame:
    end = catalog.effective_end(pledge)
    period_end = end if end is not None else as_of
    last = min(period_end, as_of)
    window_end = last if last >= pledge.start else None
    slices = () if per is None or window_end is None else list_slices(per, pledge.start, last)
    keys = tuple(slice_index(per, s.start) for s in slices) if per else ()
    return _Frame(pledge.start, end, period_end, window_end, slices, keys)


def _cover_commitment(
    commitment: Commitment,
    frame: _Frame,
    tallies: tuple[dict[tuple[str, str], Tally], dict[str, Tally]],
    followups: Sequence[Followup],
    as_of: date,
    labels: Mapping[str, str],
) -> CommitmentCoverage:
    pair_tallies, commitment_tallies = tallies
    total = commitment_total(commitment, frame.start, frame.period_end)
    expected = expected_so_far(
        total,
        start=frame.start,
        window_end=frame.window_end,
        period_end=frame.period_end,
        open_ended=frame.end is None,
    )
    parties = tuple(
        _cover_pair(party, pair_tallies.get((commitment.id, party), Tally()), expected, frame)
        for party in commitment.parties
    )
    tally = commitment_tallies.get(commitment.id, Tally())
    return CommitmentCoverage(
        id=commitment.id,
        text=commitment.text,
        measure=(of := commitment.expect.of if commitment.expect else None),
        measure_label=labels.get(of, of) if of else None,
        total=total,
        expected=expected,
        status=commitment_status(parties),
        parties=parties,
        assessment=latest_assessment(followups, commitment.id, as_of),
        activities=tally.activities,
        last_activity=tally.last,
        slice_counts=tally.slice_counts(frame.slice_keys),
        progress_percent=progress_percent(parties),
    )


def _cover_pair(party: str, tally: Tally, expected: int, frame: _Frame) -> PartyCoverage:
    return PartyCoverage(
        party=party,
        done=tally.done,
        expected=expected,
        met=None if frame.window_end is None else tally.done >= expected,
        activities=tally.activities,
        last_activity=tally.last,
        slice_counts=tally.slice_counts(frame.slice_keys),
    )


def find_gaps(
    commitments: Sequence[CommitmentCoverage], frame: _Frame, quiet_after_days: int
) -> Gaps:
    """Untouched commitments, idle pairs and quiet commitments; none before the start."""
    if frame.window_end is None:
        return Gaps()
    untouched = tuple(c.id for c in commitments if c.status == "untouched")
    idle = tuple(
        IdlePair(c.id, p.party)
        for c in commitments
        if c.status != "untouched"
        for p in c.parties
        if p.done == 0
    )
    return Gaps(untouched, idle, _quiet(commitments, frame, quiet_after_days))


def _quiet(
    commitments: Sequence[CommitmentCoverage], frame: _Frame, quiet_after_days: int
) -> tuple[QuietCommitment, ...]:
    end = frame.window_end
    if end is None:
        return ()
    since = end - timedelta(days=quiet_after_days - 1)
    # When W is shorter than quiet_after_days, `since` falls before the start and no
    # activity in W is older than it: nothing is quiet, as the rule wants. An untouched
    # commitment is named as such; every other one has a last activity.
    return tuple(
        QuietCommitment(c.id, c.last_activity, (end - c.last_activity).days)
        for c in commitments
        if c.status != "untouched" and c.last_activity is not None and c.last_activity < since
    )


def find_disagreements(
    commitments: Sequence[CommitmentCoverage], frame: _Frame
) -> tuple[Disagreement, ...]:
    """Commitments whose latest assessment contradicts the activities in W."""
    if frame.window_end is None:
        return ()
    out = []
    for c in commitments:
        a = c.assessment
        if a is None:
            continue
        if a.status in _ASSESSED_AS_STARTED and c.activities == 0:
            out.append(Disagreement(c.id, "assessed-without-activity", a.status, a.date, 0))
        elif a.status == "not-started" and c.activities > 0:
            out.append(
                Disagreement(c.id, "activity-but-not-started", a.status, a.date, c.activities)
            )
    return tuple(out)


def planned_ahead(data: PledgeData, end: date | None, as_of: date) -> tuple[PlannedActivity, ...]:
    """Planned activities dated after `as_of` and inside the pledge, in date order."""
    ahead = [
        a
        for a in data.activities
        if a.status == "planned"
        and a.date > as_of
        and data.pledge.start <= a.date
        and (end is None or a.date <= end)
    ]
    ahead.sort(key=lambda a: (a.date, a.id))
    return tuple(PlannedActivity(a.id, a.date, a.title, a.commitments, a.parties) for a in ahead)


def _responsible_parties(pledge: Pledge) -> tuple[str, ...]:
    """Every party some commitment names, in the order of `parties`, then unknown ones."""
    named = dict.fromkeys(p for c in pledge.commitments for p in c.parties)
    known = [p for p in pledge.parties if p in named]
    return (*known, *(p for p in named if p not in pledge.parties))


def cover_pledge(
    catalog: Catalog,
    data: PledgeData,
    *,
    as_of: date,
    per: str | None = None,
    quiet_after_days: int = QUIET_AFTER_DAYS,
) -> PledgeCoverage:
    """The coverage of one pledge on `as_of`."""
    pledge = data.pledge
    frame = _frame(catalog, pledge, as_of, per)
    tallies = tally_activities(pledge, data.activities, frame.window_end, per)
    commitments = tuple(
        _cover_commitment(c, frame, tallies, data.followups, as_of, pledge.measures)
        for c in pledge.commitments
    )
    recorded = len(data.activities)
    if not recorded:
        commitments = tuple(_unrecorded(c) for c in commitments)
    pairs = [p for c in commitments for p in c.parties]
    met = sum(1 for p in pairs if p.met)
    judged = recorded > 0 and frame.window_end is not None
    return PledgeCoverage(
        id=pledge.id,
        title=pledge.title,
        start=pledge.start,
        end=frame.end,
        window_end=frame.window_end,
        coverage_percent=coverage_percent(met, len(pairs)) if judged else None,
        pairs_met=met,
        pairs_total=len(pairs),
        parties=_responsible_parties(pledge),
        commitments=commitments,
        gaps=find_gaps(commitments, frame, quiet_after_days) if recorded else Gaps(),
        disagreements=find_disagreements(commitments, frame) if recorded else (),
        planned=planned_ahead(data, frame.end, as_of),
        slices=frame.slices,
        activities_recorded=recorded,
        progress_percent=progress_percent(pairs) if judged else None,
    )


def _unrecorded(commitment: CommitmentCoverage) -> CommitmentCoverage:
    """A commitment of a pledge without activity files: `no-records`, no pair judged."""
    parties = tuple(dataclasses.replace(p, met=None) for p in commitment.parties)
    return dataclasses.replace(
        commitment, status="no-records", parties=parties, progress_percent=None
    )


def coverage_below(report: CoverageReport, percent: float | None) -> str | None:
    """Why a run with `--fail-under percent` fails: the pledges whose coverage is below it
    (a pledge without a figure, before its start or with no activity files, never fails);
    None when none is."""
    if percent is None:
        return None
    figures = {p.id: p.coverage_percent for p in report.pledges}
    below = [pid for pid, figure in figures.items() if figure is not None and figure < percent]
    if not below:
        return None
    message = _("coverage below {percent} % for {pledges}")
    return message.format(percent=decimal_text(f"{percent:g}"), pledges=", ".join(below))


def _select(catalog: Catalog, pledge_ids: Sequence[str]) -> list[PledgeData]:
    """The pledges asked for, in the order asked; every pledge (by id) when none is."""
    if not pledge_ids:
        return [catalog.pledges[pid] for pid in sorted(catalog.pledges)]
    for pid in pledge_ids:
        if pid not in catalog.pledges:
            near = difflib.get_close_matches(pid, list(catalog.pledges), n=1) or [""]
            message = (
                _("unknown pledge {pledge!r}; did you mean {guess!r}? (known: {known})")
                if near[0]
                else _("unknown pledge {pledge!r} (known: {known})")
            )
            known = id_list(catalog.pledges)
            raise UsageError(message.format(pledge=pid, guess=near[0], known=known))
    return [catalog.pledges[pid] for pid in dict.fromkeys(pledge_ids)]


def compute_coverage(
    catalog: Catalog,
    *,
    as_of: date,
    pledge_ids: Sequence[str] = (),
    per: str | None = None,
    quiet_after_days: int = QUIET_AFTER_DAYS,
) -> CoverageReport:
    """Coverage of the pledges `pledge_ids` (default: all) on `as_of`; see the module
    docstring for the rules. Raises `UsageError` for an unknown pledge, `per` or a
    `quiet_after_days` below 1."""
    if per is not None and per not in SLICE_KINDS:
        kinds = ", ".join(SLICE_KINDS)
        raise UsageError(
            _("unknown slice {per!r} (use one of {kinds})").format(per=per, kinds=kinds)
        )
    if quiet_after_days < 1:
        raise UsageError(
            ngettext(
                "quiet after {count} day: use a whole number of days ≥ 1",
                "quiet after {count} days: use a whole number of days ≥ 1",
                quiet_after_days,
            ).format(count=quiet_after_days)
        )
    pledges = tuple(
        cover_pledge(catalog, data, as_of=as_of, per=per, quiet_after_days=quiet_after_days)
        for data in _select(catalog, pledge_ids)
    )
    return CoverageReport(as_of, per, quiet_after_days, pledges)
