"""The pages of the national picture: the map on the index, a page per municipality with a
pledge, per county and police region that has one, per theme in use, and the statistics.
Their contexts are built here from `national`'s facts; templates only loop and print."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from jinja2 import Environment

from lofte_cli.places import County, Municipality, PoliceRegion, places
from lofte_cli.publish.contexts import has_ended
from lofte_cli.publish.coverage_text import coverage_headline
from lofte_cli.publish.i18n import format_day, format_number, page_language, page_translations
from lofte_cli.publish.national import (
    ENDED,
    NONE,
    RUNNING,
    STATISTICS_PAGE,
    UPCOMING,
    PlacedPledge,
    county_page,
    municipality_page,
    municipality_states,
    placed_pledges,
    region_page,
    statistics,
    theme_page,
)
from lofte_cli.publish.site_model import STATEMENT, Site
from lofte_cli.publish.svg import MapShape, bar_chart, sweden_map
from lofte_cli.publish.templates import render_page
from lofte_cli.publish.words import translator
from lofte_cli.themes import THEMES

STATES = (RUNNING, ENDED, UPCOMING, NONE)


class National:
    """The facts of one render, gathered once for all the national pages."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.placed = placed_pledges(site.catalog, site.report)
        self.lang = page_language(site.language_override or _majority(self.placed))
        self.gettext = page_translations(self.lang).gettext
        self.states = municipality_states(self.placed)
        self.updated = site.dates.latest([p.pledge.doc.path for p in self.placed])

    def municipalities(self) -> list[Municipality]:
        codes = {m.code for p in self.placed for m in p.municipalities}
        return [places().municipalities[c] for c in sorted(codes)]

    def counties(self) -> list[County]:
        return sorted({c.code: c for p in self.placed for c in p.counties}.values(), key=_code)

    def regions(self) -> list[PoliceRegion]:
        found = {p.police_region.id: p.police_region for p in self.placed if p.police_region}
        return sorted(found.values(), key=lambda r: r.name)

    def themes(self) -> list[str]:
        return sorted({t for p in self.placed for t in p.themes if t in THEMES})


def national_page_names(site: Site) -> set[str]:
    """Every national page a render writes (none when no pledge is in a known place and
    none has a theme)."""
    n = National(site)
    if not n.municipalities() and not n.themes():
        return set()
    names = {STATISTICS_PAGE}
    names.update(municipality_page(m) for m in n.municipalities())
    names.update(county_page(c) for c in n.counties())
    names.update(region_page(r) for r in n.regions())
    names.update(theme_page(t) for t in n.themes())
    return names


def national_pages(site: Site, env: Environment) -> dict[str, str]:
    n = National(site)
    if not n.municipalities() and not n.themes():
        return {}
    pages = {STATISTICS_PAGE: render_page(env, "html/statistics.html", _statistics(n))}
    for m in n.municipalities():
        pages[municipality_page(m)] = render_page(env, "html/place.html", _municipality(n, m))
    for c in n.counties():
        pages[county_page(c)] = render_page(env, "html/place.html", _county(n, c))
    for r in n.regions():
        pages[region_page(r)] = render_page(env, "html/place.html", _region(n, r))
    for t in n.themes():
        pages[theme_page(t)] = render_page(env, "html/theme.html", _theme(n, t))
    return pages


def national_index(site: Site) -> dict[str, Any]:
    """What the index adds: the map, its legend and table, and the ways in by place and
    theme (nothing when no pledge is in a known place)."""
    n = National(site)
    if not n.municipalities() and not n.themes():
        return {"national": None}
    _ = n.gettext
    if not n.municipalities():
        return {"national": {"map": None, **_ways_in(n, root="")}}
    words = _state_words(n)
    shapes = {
        code: MapShape(
            state,
            _("{municipality}: {state}").format(
                municipality=places().municipalities[code].name, state=words[state]
            ),
            municipality_page(places().municipalities[code]) if state != NONE else None,
        )
        for code, state in n.states.items()
    }
    counts = {state: sum(s == state for s in n.states.values()) for state in STATES}
    return {
        "national": {
            "map": sweden_map(shapes, title=_("Sweden's municipalities and their pledges")),
            "legend": [
                {"state": s, "text": words[s], "count": counts[s]} for s in STATES if counts[s]
            ],
            "rows": [
                {
                    "name": m.name,
                    "url": municipality_page(m),
                    "county": m.county.name,
                    "state": words[n.states[m.code]],
                }
                for m in n.municipalities()
            ],
            **_ways_in(n, root=""),
        }
    }


# --- contexts -------------------------------------------------------------------------------


def _page(n: National, depth: int, title: str, description: str) -> dict[str, Any]:
    """What every national page needs; `depth`: how many folders below the index."""
    lang = n.lang
    root = "../" * depth
    return {
        "lang": lang,
        "t": translator(lang),
        "root": root,
        "title": title,
        "notice": None,
        "statement_url": f"{root}{STATEMENT}",
        "updated": n.updated,
        "description": description,
        "day": lambda d: format_day(d, lang) if d else "",
        "number": lambda x: format_number(x, lang),
    }


def _municipality(n: National, m: Municipality) -> dict[str, Any]:
    _ = n.gettext
    context = _page(
        n, 1, m.name, _("The citizen promises of {municipality}.").format(municipality=m.name)
    )
    context["facts"] = [
        {"text": m.county.name, "url": f"../{county_page(m.county)}"},
        {
            "text": _("Police region {region}").format(region=m.police_region.name),
            "url": f"../{region_page(m.police_region)}",
        },
    ]
    mine = [p for p in n.placed if m in p.municipalities]
    context["groups"] = _grouped(n, mine, root="../")
    return context


def _county(n: National, c: County) -> dict[str, Any]:
    _ = n.gettext
    context = _page(n, 1, c.name, _("The citizen promises in {county}.").format(county=c.name))
    context["facts"] = [
        {
            "text": _("Police region {region}").format(region=c.police_region.name),
            "url": f"../{region_page(c.police_region)}",
        }
    ]
    mine = [p for p in n.placed if c in p.counties]
    context["groups"] = _grouped(n, mine, root="../")
    context["places"] = _place_rows(n, [m for m in n.municipalities() if m.county == c])
    return context


def _region(n: National, r: PoliceRegion) -> dict[str, Any]:
    _ = n.gettext
    title = _("Police region {region}").format(region=r.name)
    context = _page(n, 1, title, _("The citizen promises in {region}.").format(region=title))
    counties = [c for c in n.counties() if c.police_region == r]
    context["facts"] = [{"text": c.name, "url": f"../{county_page(c)}"} for c in counties]
    context["groups"] = _grouped(n, [p for p in n.placed if p.police_region == r], root="../")
    in_region = [m for m in n.municipalities() if m.police_region == r]
    context["places"] = _place_rows(n, in_region)
    return context


def _theme(n: National, theme: str) -> dict[str, Any]:
    _ = n.gettext
    label = _(THEMES[theme].source_label)
    context = _page(
        n, 1, label, _("What the citizen promises promise on {theme}.").format(theme=label)
    )
    rows = []
    for p in n.placed:
        areas = [fid for fid, t in p.pledge.themes.items() if t == theme]
        if not areas:
            continue
        commitments = [c for c in p.pledge.commitments if set(c.focus) & set(areas)]
        rows.append(
            {
                **_row(n, p, root="../"),
                "areas": [p.pledge.focus_areas.get(fid, fid) for fid in areas],
                "commitments": [c.title or c.text for c in commitments],
            }
        )
    context["pledges"] = rows
    return context


def _statistics(n: National) -> dict[str, Any]:
    _ = n.gettext
    stats = statistics(n.placed, n.site.as_of)
    context = _page(n, 0, _("Statistics"), _("Citizen promises across Sweden in figures."))
    number: Callable[[float], str] = context["number"]
    years = [(str(y), float(c), str(c)) for y, c in stats.running_per_year]
    themes = [(_(THEMES[t].source_label), float(c), str(c)) for t, c in stats.themes if t in THEMES]
    bins = [(_bin_label(n, lower), float(c), str(c)) for lower, c in stats.progress_bins]
    share = 100 * stats.commitments_with_expect / stats.commitments if stats.commitments else 0.0
    context.update(
        stats=stats,
        share=number(round(share, 1)),
        years=years,
        years_chart=bar_chart(years, title=_("Pledges running per year"), chart_id="years"),
        themes=themes,
        themes_chart=bar_chart(themes, title=_("The most common themes"), chart_id="themes"),
        bins=bins,
        bins_chart=bar_chart(
            bins, title=_("Pledges by how much of what was promised is done"), chart_id="bins"
        ),
        theme_urls={
            _(THEMES[t].source_label): theme_page(t) for t, _count in stats.themes if t in THEMES
        },
    )
    return context


# --- pieces -----------------------------------------------------------------------------------


def _bin_label(n: National, lower: int) -> str:
    if lower == 100:
        return "100 %"
    return n.gettext("{low}–{high} %").format(low=lower, high=lower + 9.9).replace(".", ",")


def _state_words(n: National) -> dict[str, str]:
    _ = n.gettext
    return {
        RUNNING: _("a pledge runs now"),
        ENDED: _("a pledge has ended"),
        UPCOMING: _("a pledge starts later"),
        NONE: _("no pledge recorded here"),
    }


def _row(n: National, p: PlacedPledge, *, root: str) -> dict[str, Any]:
    cov = p.coverage
    lead = coverage_headline(cov, n.site.as_of, n.lang, ended=has_ended(cov, n.site.as_of))
    return {
        "url": f"{root}{p.key}/index.html",
        "title": p.pledge.title,
        "start": p.pledge.start,
        "end": cov.end,
        "parties": [party.name for party in p.pledge.parties.values()],
        "lead": lead,
    }


def _grouped(n: National, placed: list[PlacedPledge], *, root: str) -> list[dict[str, Any]]:
    _ = n.gettext
    headings = {
        RUNNING: _("Running now"),
        UPCOMING: _("Starting later"),
        ENDED: _("Earlier pledges"),
    }
    return [
        {"heading": headings[state], "pledges": [_row(n, p, root=root) for p in found]}
        for state in (RUNNING, UPCOMING, ENDED)
        if (found := [p for p in placed if p.state == state])
    ]


def _place_rows(n: National, municipalities: list[Municipality]) -> list[dict[str, Any]]:
    words = _state_words(n)
    return [
        {"name": m.name, "url": f"../{municipality_page(m)}", "state": words[n.states[m.code]]}
        for m in municipalities
    ]


def _ways_in(n: National, *, root: str) -> dict[str, Any]:
    _ = n.gettext
    return {
        "counties": [{"text": c.name, "url": f"{root}{county_page(c)}"} for c in n.counties()],
        "regions": [
            {
                "text": _("Police region {region}").format(region=r.name),
                "url": f"{root}{region_page(r)}",
            }
            for r in n.regions()
        ],
        "themes": [
            {"text": _(THEMES[t].source_label), "url": f"{root}{theme_page(t)}"} for t in n.themes()
        ],
        "statistics_url": f"{root}{STATISTICS_PAGE}",
    }


def _code(c: County) -> str:
    return c.code


def _majority(placed: list[PlacedPledge]) -> str:
    """The language most pledges speak, as the index chooses it."""
    counts = Counter(page_language(p.pledge.language) for p in sorted(placed, key=_key))
    return counts.most_common(1)[0][0] if counts else "sv"


def _key(p: PlacedPledge) -> str:
    return p.key
