"""The month-by-month timeline of activities per party: bars for the inline SVG and the
same figures as a table."""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date

from lofte_cli.coverage.compute import PledgeCoverage
from lofte_cli.data.model import PledgeData
from lofte_cli.publish.i18n import (
    _LOCALES,
    activity_count,
    format_month,
    format_number,
    page_language,
    page_translations,
)

# Colours for parties in the timeline; each has 4.5:1 contrast or more against white.
PARTY_COLOURS = 8
# The chart's geometry in SVG units: the value axis's room on the left, a bar and the step
# from one month to the next, the height of the bars' area.
LEFT, BAR, STEP, HEIGHT = 36, 20, 26, 140


# --- the timeline chart -------------------------------------------------------------------


def timeline(data: PledgeData, cov: PledgeCoverage, lang: str) -> dict[str, Any] | None:
    """Done activities per month and party: bars for the SVG and rows for the table that
    says the same in text."""
    done = [a for a in data.activities if a.status == "done"]
    if cov.window_end is None or not done:
        return None
    months = _months(data.pledge.start, cov.window_end)
    parties = list(data.pledge.parties)
    counts = {(m, p): 0 for m in months for p in parties}
    for a in done:
        month = (a.date.year, a.date.month)
        for p in a.parties:
            if (month, p) in counts:
                counts[(month, p)] += 1
    totals = [sum(counts[(m, p)] for p in parties) for m in months]
    _ = page_translations(lang).gettext
    step = _tick_step(max(totals))
    top = max(step * -(-max(totals) // step), step)
    bars = []
    for i, m in enumerate(months):
        y = HEIGHT
        for j, p in enumerate(parties):
            n = counts[(m, p)]
            if n:
                h = round(HEIGHT * n / top)
                y -= h
                bars.append(
                    {
                        "x": LEFT + i * STEP,
                        "y": y,
                        "width": BAR,
                        "height": h,
                        "colour": j % PARTY_COLOURS,
                        # TRANSLATORS: a bar of the chart, as "Tjörns kommun, mars 2023: 2
                        # aktiviteter".
                        "label": _("{party}, {month}: {activities}").format(
                            party=data.pledge.parties[p].name,
                            month=format_month(date(*m, 1), lang),
                            activities=activity_count(n, lang),
                        ),
                    }
                )
    return {
        "width": LEFT + len(months) * STEP,
        "height": HEIGHT,
        "left": LEFT,
        "bars": bars,
        "ticks": [
            {"y": HEIGHT - round(HEIGHT * v / top), "label": format_number(v, lang)}
            for v in range(0, top + 1, step)
        ],
        "parties": [
            {"name": data.pledge.parties[p].name, "colour": j % PARTY_COLOURS}
            for j, p in enumerate(parties)
        ],
        "rows": [
            {
                "month": format_month(date(y, mo, 1), lang),
                "counts": [counts[((y, mo), p)] for p in parties],
                "total": totals[i],
            }
            for i, (y, mo) in enumerate(months)
        ],
        "start": format_month(date(*months[0], 1), lang),
        "end": format_month(date(*months[-1], 1), lang),
        "months": [
            {"x": LEFT + i * STEP + BAR / 2, "label": short_month(date(y, mo, 1), lang)}
            for i, (y, mo) in enumerate(months)
        ],
        "axis": [
            {"x": LEFT + i * STEP, "label": str(y)}
            for i, (y, mo) in enumerate(months)
            if mo == 1 or i == 0
        ],
    }


def short_month(day: date, lang: str) -> str:
    """ "jan", "feb", "mar" / "Jan", "Feb", "Mar": three letters under a bar."""
    return format_date(day, "LLL", locale=_LOCALES[page_language(lang)])[:3]


def _tick_step(tallest: int) -> int:
    """A round step for the value axis (1, 2, 5, 10, 20, 50 …) that gives at most five
    lines from 0 to `tallest`."""
    step, factors = 1, (2, 2.5, 2)
    i = 0
    while tallest > step * 4:
        step = int(step * factors[i % 3])
        i += 1
    return step


def _months(first: date, last: date) -> list[tuple[int, int]]:
    out, (y, m) = [], (first.year, first.month)
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
