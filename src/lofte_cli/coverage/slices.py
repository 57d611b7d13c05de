"""Calendar slices (ISO weeks, months, quarters, tertials, half-years, years, the whole
period): which slice a day falls in, how many a period touches, and their labels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

SLICE_KINDS = ("week", "month", "quarter", "tertial", "half-year", "year", "period")
# Months in each month-based slice kind; 12 is divisible by each, so slices align to years.
_MONTHS = {"month": 1, "quarter": 3, "tertial": 4, "half-year": 6, "year": 12}
_LABEL_LETTER = {"quarter": "Q", "tertial": "T", "half-year": "H"}


@dataclass(frozen=True)
class Slice:
    """One calendar-aligned time slice (its full calendar span, even when W cuts it)."""

    label: str
    start: date
    end: date


# --- time slices -------------------------------------------------------------------------


def slice_index(kind: str, day: date) -> int:
    """A number shared by the days of one calendar-aligned slice, one higher in the next."""
    if kind == "week":
        return (day.toordinal() - 1) // 7  # ordinal 1 (0001-01-01) is a Monday
    if kind == "period":
        return 0
    return (day.year * 12 + day.month - 1) // _MONTHS[kind]


def count_slices(kind: str, first: date, last: date) -> int:
    """How many `kind` slices the days first..last (first ≤ last) touch; a slice cut by
    either end counts as one."""
    return slice_index(kind, last) - slice_index(kind, first) + 1


def _first_of_month(months: int) -> date:
    """The first day of month number `months` (year × 12 + month − 1)."""
    return date(months // 12, months % 12 + 1, 1)


def slice_of(kind: str, day: date) -> Slice:
    """The calendar slice of `kind` that holds `day` (not for `period`)."""
    if kind == "week":
        monday = day - timedelta(days=day.weekday())
        year, week, _ = monday.isocalendar()
        return Slice(f"{year}-W{week:02d}", monday, monday + timedelta(days=6))
    size = _MONTHS[kind]
    first = slice_index(kind, day) * size
    start = _first_of_month(first)
    end = _first_of_month(first + size) - timedelta(days=1)
    if kind == "month":
        label = f"{start.year}-{start.month:02d}"
    elif kind == "year":
        label = str(start.year)
    else:
        label = f"{start.year}-{_LABEL_LETTER[kind]}{(start.month - 1) // size + 1}"
    return Slice(label, start, end)


def list_slices(kind: str, first: date, last: date) -> tuple[Slice, ...]:
    """The slices of `kind` that the days first..last touch, in order."""
    if last < first:
        return ()
    if kind == "period":
        return (Slice("period", first, last),)
    out = [slice_of(kind, first)]
    while out[-1].end < last:
        out.append(slice_of(kind, out[-1].end + timedelta(days=1)))
    return tuple(out)
