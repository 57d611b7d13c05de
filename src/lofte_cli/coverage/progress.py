"""Progress: how much of the promised work is done, beside whether each promise is met.

For each pair (commitment, party) with `expected ≥ 1`, `min(done, expected) / expected`:
a pair that did more than expected counts as all of it, never more, so surplus on one
commitment never hides a shortfall on another. A commitment's progress is the mean of its
pairs', the pledge's the mean of all its pairs'. Exact arithmetic (`Fraction`), rounded half
up to one decimal only at the end, so the figure does not depend on float error.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Protocol

from lofte_cli.coverage.words import decimal_text
from lofte_cli.i18n import _


class _Pair(Protocol):
    @property
    def done(self) -> int: ...

    @property
    def expected(self) -> int: ...


class _Pledge(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def progress_percent(self) -> float | None: ...


def pair_share(done: int, expected: int) -> Fraction | None:
    """The share of `expected` that is done, at most 1; None when nothing is expected."""
    if expected < 1:
        return None
    return Fraction(min(max(done, 0), expected), expected)


def progress_percent(pairs: Iterable[_Pair]) -> float | None:
    """100 × the mean share of `pairs`, rounded half up to one decimal; None when no pair
    has anything expected of it (before the start, or no pairs at all)."""
    shares = [s for p in pairs if (s := pair_share(p.done, p.expected)) is not None]
    if not shares:
        return None
    mean = sum(shares, Fraction(0)) / len(shares)
    tenths = math.floor(mean * 1000 + Fraction(1, 2))  # round(1000 × mean), half up
    return tenths / 10


def bar_step(percent: float | None) -> int:
    """The width of a drawn bar, in steps of 5 % (the page's CSS has a class for each);
    0 without a figure. The text beside the bar carries the exact figure."""
    if percent is None:
        return 0
    return math.floor(Fraction(str(percent)) / 5 + Fraction(1, 2)) * 5


class _Report(Protocol):
    @property
    def pledges(self) -> Sequence[_Pledge]: ...


def progress_below(report: _Report, percent: float | None) -> str | None:
    """Why a run with `--fail-under-progress percent` fails: the pledges of `report` (a
    `CoverageReport`) whose progress is below it (a pledge without a figure, before its
    start or with no activity files, never fails); None when none is."""
    if percent is None:
        return None
    below = [
        p.id
        for p in report.pledges
        if p.progress_percent is not None and p.progress_percent < percent
    ]
    if not below:
        return None
    message = _("progress below {percent} % for {pledges}")
    return message.format(percent=decimal_text(f"{percent:g}"), pledges=", ".join(below))
