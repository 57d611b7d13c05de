"""The national picture as plain facts: where each pledge is (its municipalities, county and
police region), whether it runs on a day, its themes, and the figures of the statistics page.
Pure: the catalog and the coverage in, data out; the pages are made from it elsewhere."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from lofte_cli.coverage.compute import CoverageReport, PledgeCoverage
from lofte_cli.data.model import Catalog, Pledge
from lofte_cli.places import County, Municipality, PoliceRegion, match_municipality, places
from lofte_cli.slug import slugify

RUNNING, ENDED, UPCOMING, NONE = "running", "ended", "upcoming", "none"


@dataclass(frozen=True)
class PlacedPledge:
    """A pledge with its place on the map, its state on the day and its themes."""

    key: str  # the pledge's folder
    pledge: Pledge
    coverage: PledgeCoverage
    state: str  # running | ended | upcoming
    municipalities: tuple[Municipality, ...]
    police_region: PoliceRegion | None
    themes: tuple[str, ...]  # national theme ids of its focus areas, in order, once each

    @property
    def counties(self) -> tuple[County, ...]:
        seen: dict[str, County] = {}
        for m in self.municipalities:
            seen.setdefault(m.county.code, m.county)
        return tuple(seen.values())


def municipality_page(m: Municipality) -> str:
    return f"kommun/{m.code}-{slugify(m.name)}.html"


def county_page(c: County) -> str:
    return f"lan/{c.code}-{slugify(c.name)}.html"


def region_page(r: PoliceRegion) -> str:
    return f"polisregion/{r.id}.html"


def theme_page(theme: str) -> str:
    return f"tema/{theme}.html"


STATISTICS_PAGE = "statistik.html"


def placed_pledges(catalog: Catalog, report: CoverageReport) -> list[PlacedPledge]:
    """Every pledge with where it is; by start, newest first, then by id."""
    coverage = {p.id: p for p in report.pledges}
    placed = []
    for key, data in catalog.pledges.items():
        pledge = data.pledge
        cov = coverage[pledge.id]
        municipalities = _municipalities(pledge)
        placed.append(
            PlacedPledge(
                key,
                pledge,
                cov,
                pledge_state(pledge.start, cov.end, report.as_of),
                municipalities,
                _police_region(pledge, municipalities),
                tuple(dict.fromkeys(pledge.themes.values())),
            )
        )
    placed.sort(key=lambda p: (-p.pledge.start.toordinal(), p.key))
    return placed


def pledge_state(start: date, end: date | None, day: date) -> str:
    if day < start:
        return UPCOMING
    return ENDED if end is not None and day > end else RUNNING


def municipality_states(placed: list[PlacedPledge]) -> dict[str, str]:
    """Each municipality's state on the map, by code: a pledge running, else one that has
    ended, else one to come, else none."""
    order = (RUNNING, ENDED, UPCOMING)
    states: dict[str, str] = {}
    for p in placed:
        for m in p.municipalities:
            now = states.get(m.code, NONE)
            if now == NONE or order.index(p.state) < order.index(now):
                states[m.code] = p.state
    return {code: states.get(code, NONE) for code in places().municipalities}


def _municipalities(pledge: Pledge) -> tuple[Municipality, ...]:
    """The municipalities among the parties: by `code`, else by a name that names one."""
    found: dict[str, Municipality] = {}
    for party in pledge.parties.values():
        if party.kind != "municipality":
            continue
        m = places().municipalities.get(party.code or "") or match_municipality(party.name)
        if m is not None:
            found.setdefault(m.code, m)
    return tuple(found.values())


def _police_region(pledge: Pledge, municipalities: tuple[Municipality, ...]) -> PoliceRegion | None:
    regions = places().police_regions
    for party in pledge.parties.values():
        if party.kind == "police" and party.police_region in regions:
            return regions[party.police_region]
    return municipalities[0].police_region if municipalities else None


# --- statistics -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Statistics:
    running_per_year: list[tuple[int, int]]  # (year, pledges running some day of it)
    themes: list[tuple[str, int]]  # (theme id, pledges with it), most common first
    commitments: int
    commitments_with_expect: int
    progress_bins: list[tuple[int, int]]  # (lower bound 0, 10 … 90, 100; pledges)
    no_figure: int  # pledges with no progress figure (not started, no pairs, no records)
    pledges: int
    with_records: int  # pledges with at least one activity file


def statistics(placed: list[PlacedPledge], as_of: date) -> Statistics:
    years: Counter[int] = Counter()
    for p in placed:
        last = p.coverage.end or max(as_of, p.pledge.start)
        years.update(range(p.pledge.start.year, last.year + 1))
    themes = Counter(theme for p in placed for theme in p.themes)
    commitments = [c for p in placed for c in p.pledge.commitments]
    bins: Counter[int] = Counter()
    for p in placed:
        percent = p.coverage.progress_percent
        if percent is not None:
            bins[100 if percent >= 100 else int(percent // 10) * 10] += 1
    return Statistics(
        sorted(years.items()),
        sorted(themes.items(), key=lambda kv: (-kv[1], kv[0])),
        len(commitments),
        sum(c.expect is not None for c in commitments),
        [(lower, bins[lower]) for lower in range(0, 101, 10)],
        sum(p.coverage.progress_percent is None for p in placed),
        len(placed),
        sum(p.coverage.activities_recorded > 0 for p in placed),
    )
