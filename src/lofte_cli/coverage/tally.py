"""Counting the done activities of one pledge in the window W: per (commitment, party)
and per commitment, with the last day and the counts per calendar slice (docs/coverage.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from lofte_cli.coverage.slices import slice_index
from lofte_cli.data.model import Activity, Commitment, Pledge


@dataclass
class Tally:
    """Running sums for a pair or a commitment while the activities are read."""

    done: int = 0
    activities: int = 0
    last: date | None = None
    by_slice: dict[int, int] = field(default_factory=dict)

    def add(self, value: int, day: date, slice_key: int | None) -> None:
        self.done += value
        self.activities += 1
        if self.last is None or day > self.last:
            self.last = day
        if slice_key is not None:
            self.by_slice[slice_key] = self.by_slice.get(slice_key, 0) + value

    def slice_counts(self, keys: Sequence[int]) -> tuple[int, ...]:
        return tuple(self.by_slice.get(k, 0) for k in keys)


def _activity_value(activity: Activity, commitment: Commitment) -> int:
    """What one activity adds to `done`: 1, or its `expect.of` measure (missing: 0)."""
    if commitment.expect is None or commitment.expect.of is None:
        return 1
    return activity.measures.get(commitment.expect.of, 0)


def tally_activities(
    pledge: Pledge,
    activities: Sequence[Activity],
    window_end: date | None,
    per: str | None,
) -> tuple[dict[tuple[str, str], Tally], dict[str, Tally]]:
    """Tallies per (commitment, party) and per commitment of the done activities in W."""
    pairs: dict[tuple[str, str], Tally] = {}
    commitments: dict[str, Tally] = {}
    if window_end is None:
        return pairs, commitments
    by_id = {c.id: c for c in pledge.commitments}
    for activity in activities:
        if activity.status != "done" or not pledge.start <= activity.date <= window_end:
            continue
        slice_key = None if per is None else slice_index(per, activity.date)
        for cid in dict.fromkeys(activity.commitments):
            commitment = by_id.get(cid)
            if commitment is None:
                continue  # an unknown commitment: validation reports it
            doers = [p for p in activity.parties if p in commitment.parties]
            if not doers:
                continue
            value = _activity_value(activity, commitment)
            commitments.setdefault(cid, Tally()).add(value, activity.date, slice_key)
            for party in doers:
                pairs.setdefault((cid, party), Tally()).add(value, activity.date, slice_key)
    return pairs, commitments
