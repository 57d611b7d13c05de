"""The public pages as a map of output path → text: which files a render makes, and
each page from its template and context. Nothing here writes files."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from jinja2 import Environment

from lofte_cli.data.model import PledgeData
from lofte_cli.publish.contexts import (
    activity_context,
    index_context,
    party_context,
    pledge_base,
    pledge_context,
)
from lofte_cli.publish.coverage_text import COUNTING_PAGE, counting_context
from lofte_cli.publish.feeds import feed_context, planned_calendar
from lofte_cli.publish.national_pages import national_index, national_page_names, national_pages
from lofte_cli.publish.site_model import STATEMENT, STYLESHEET, Site
from lofte_cli.publish.statement import statement_context
from lofte_cli.publish.templates import render_page


def site_file_names(site: Site, formats: Sequence[str]) -> set[str]:
    """Every file a render in `formats` writes, relative to the output folder."""
    names: set[str] = set()
    if "markdown" in formats:
        names.update(["README.md", *(f"{key}/README.md" for key in site.catalog.pledges)])
    if "html" in formats:
        names.update([STYLESHEET, "index.html", STATEMENT, *national_page_names(site)])
        for key, data in site.catalog.pledges.items():
            taken = site.taken_over.get(key)
            names.update(taken.pages if taken else pledge_page_names(key, data))
    return names


def pledge_page_names(key: str, data: PledgeData) -> list[str]:
    """The files `pledge_pages` makes for one pledge."""
    return [
        f"{key}/index.html",
        f"{key}/{COUNTING_PAGE}",
        *(f"{key}/parties/{party}.html" for party in data.pledge.parties),
        *(f"{key}/activities/{activity.id}.html" for activity in data.activities),
        f"{key}/activities.xml",
        f"{key}/planned.ics",
    ]


def render_html(site: Site, env: Environment) -> dict[str, str]:
    """Every HTML page and the stylesheet, by path relative to the output folder."""
    pages = site_pages(site, env)
    for key in sorted(site.catalog.pledges):
        pages.update(pledge_pages(site, env, key))
    return pages


def site_pages(site: Site, env: Environment) -> dict[str, str]:
    """The pages above the pledges: the index (with the map), the accessibility statement,
    the stylesheet, and the pages by place and theme and the statistics."""
    index = index_context(site) | national_index(site)
    return {
        STYLESHEET: render_page(env, f"html/{STYLESHEET}"),
        "index.html": render_page(env, "html/index.html", index),
        STATEMENT: render_page(env, "html/statement.html", statement_context(site)),
        **national_pages(site, env),
    }


def pledge_pages(
    site: Site, env: Environment, key: str, skip: Collection[str] = ()
) -> dict[str, str]:
    """The HTML pages of one pledge: its page, how its figures are counted, a page per
    party and per activity; but those named in `skip` (taken over from the last render)."""
    data = site.catalog.pledges[key]
    pages: dict[str, str] = {}
    wanted = [name for name in pledge_page_names(key, data) if name not in skip]
    if not wanted:
        return pages
    context = pledge_context(site, data, pledge_base(site, key, data, depth=1))
    if f"{key}/index.html" in wanted:
        pages[f"{key}/index.html"] = render_page(env, "html/pledge.html", context)
    if f"{key}/{COUNTING_PAGE}" in wanted:
        counting = counting_context(context, quiet_after_days=site.report.quiet_after_days)
        pages[f"{key}/{COUNTING_PAGE}"] = render_page(env, "html/counting.html", counting)
    nested = pledge_base(site, key, data, depth=2)
    for party in data.pledge.parties:
        if f"{key}/parties/{party}.html" not in skip:
            pages[f"{key}/parties/{party}.html"] = render_page(
                env, "html/party.html", party_context(site, data, party, nested)
            )
    for activity in data.activities:
        if f"{key}/activities/{activity.id}.html" not in skip:
            pages[f"{key}/activities/{activity.id}.html"] = render_page(
                env, "html/activity.html", activity_context(site, data, activity, nested)
            )
    if f"{key}/activities.xml" not in skip:
        pages[f"{key}/activities.xml"] = render_page(
            env, "feed/activities.xml", feed_context(site, data)
        )
    if f"{key}/planned.ics" not in skip:
        pages[f"{key}/planned.ics"] = planned_calendar(data, site.as_of)
    return pages


def render_markdown(site: Site, env: Environment) -> dict[str, str]:
    """One README.md-style summary per pledge, and an index."""
    pages = {
        f"{key}/README.md": render_page(
            env,
            "markdown/pledge.md",
            pledge_context(site, data, pledge_base(site, key, data, depth=1)),
        )
        for key, data in sorted(site.catalog.pledges.items())
    }
    pages["README.md"] = render_page(env, "markdown/index.md", index_context(site))
    return pages
