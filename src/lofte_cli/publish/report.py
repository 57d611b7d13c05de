"""The follow-up report of one pledge for a span of time, for the steering group or council."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from jinja2 import Environment

from lofte_cli.data.model import Activity, Catalog, Pledge, PledgeData, pledge_data
from lofte_cli.errors import LofteError, UsageError
from lofte_cli.i18n import _
from lofte_cli.paths import only_pledge, pledge_folders
from lofte_cli.publish.contexts import (
    activity_row,
    activity_status_text,
    indicator_rows,
    labelled_measures,
    pledge_base,
    pledge_context,
)
from lofte_cli.publish.site_model import Site, build_site
from lofte_cli.publish.templates import environment, render_page
from lofte_cli.values import parse_day

# --- the follow-up report -----------------------------------------------------------------


def report_context(site: Site, key: str, start: date, end: date) -> dict[str, Any]:
    """The follow-up report of one pledge for [start, end]: per commitment its status and
    assessment as of `end`, the activities in the span with their measures against the
    target, the person-hours, and the indicators against their baseline."""
    data = site.catalog.pledges[key]
    base = pledge_base(site, key, data, depth=0)
    context = pledge_context(site, data, base)
    in_span = [a for a in data.activities if start <= a.date <= end]
    lang = base["lang"]
    commitments = []
    for view in context["commitments"]:
        mine = sorted((a for a in in_span if view["id"] in a.commitments), key=lambda a: a.date)
        commitments.append(
            {
                **view,
                "activities": [_report_activity(data.pledge, a, site.as_of, lang) for a in mine],
                "hours": _sum_hours(a for a in mine if a.status == "done"),
                "measured": sum(
                    a.measures.get(view["measure"], 0) for a in mine if a.status == "done"
                )
                if view["measure"]
                else None,
            }
        )
    return {
        **context,
        "statement_url": "",  # a report stands alone, away from the site
        "span_start": start,
        "span_end": end,
        "commitments": commitments,
        "span_activities": [
            _report_activity(data.pledge, a, site.as_of, lang)
            for a in sorted(in_span, key=lambda a: (a.date, a.id))
        ],
        "activity_count": sum(a.status == "done" for a in in_span),
        "hours": _sum_hours(a for a in in_span if a.status == "done"),
        "indicators": _indicator_rows_until(data, end, lang),
    }


def _report_activity(pledge: Pledge, a: Activity, as_of: date, lang: str) -> dict[str, Any]:
    return {
        **activity_row(pledge, a, as_of),
        "status_text": activity_status_text(a, as_of, lang),
        "measures": labelled_measures(pledge, a),
        "hours": a.hours,
        "participants": a.participants,
    }


def _sum_hours(activities: Iterator[Activity]) -> float:
    return sum(a.hours or 0 for a in activities)


def _indicator_rows_until(data: PledgeData, end: date, lang: str) -> list[dict[str, Any]]:
    """Indicator rows from the follow-ups dated on or before `end` only."""
    earlier = PledgeData(
        data.pledge, data.activities, tuple(f for f in data.followups if f.date <= end)
    )
    return indicator_rows(earlier, lang)


def render_report(
    site: Site, env: Environment, key: str, *, start: date, end: date, output_format: str
) -> str:
    template = "html/report.html" if output_format == "html" else "markdown/report.md"
    return render_page(env, template, report_context(site, key, start, end))


def make_report(
    catalog: Catalog,
    *,
    today: date,
    pledge: str | None = None,
    start: str | None = None,
    end: str | None = None,
    lang: str | None = None,
    output_format: str = "markdown",
    reference_docx: Path | None = None,
    **_other_options: object,
) -> str | bytes:
    """The report (`lofte report`'s options as named) of `pledge` (default: the only pledge)
    from `start` (default: the pledge's start) to `end` (default: today, or the pledge's end
    when that came first), in `lang` (default: the pledge's language): the text of Markdown
    or HTML, or the bytes of a Word document (in the styles of `reference_docx`)."""
    folders = pledge_folders(catalog.root)
    key = pledge or only_pledge(folders, "PLEDGE")
    if key in folders and key not in catalog.pledges:
        # TRANSLATORS: {pledge} is the pledge's id in quotes.
        message = _(
            "pledge {pledge} is left out: its pledge.yaml has errors (lofte validate shows them)"
        )
        raise LofteError(message.format(pledge=repr(key)))
    data = pledge_data(catalog, key).pledge
    span_start = parse_day(start, "--from") if start else data.start
    span_end = (
        parse_day(end, "--to") if end else min(filter(None, (catalog.effective_end(data), today)))
    )
    if span_end < span_start:
        message = _("--to {end} is before --from {start}")
        raise UsageError(message.format(end=span_end, start=span_start))
    # A report to the end of a period that is over speaks of it as over ("Hölls", "Gjort
    # under perioden"), as the pages do: the figures are those of the period's last day.
    effective_end = catalog.effective_end(data)
    over = effective_end is not None and span_end == effective_end < today
    site = build_site(
        catalog, as_of=span_end + timedelta(days=1) if over else span_end, language=lang
    )
    if output_format == "docx":
        from lofte_cli.publish.report_docx import report_docx

        context = report_context(site, key, span_start, span_end)
        return report_docx(context, reference=reference_docx, written=today)
    return render_report(
        site, environment(), key, start=span_start, end=span_end, output_format=output_format
    )


def check_report_options(
    output_format: str, *, out: Path | None, reference_docx: Path | None
) -> None:
    """A Word document goes to a file (never to standard output, where it would be bytes on
    a terminal); a reference document is for a Word document only."""
    if output_format == "docx" and out is None:
        raise UsageError(
            _("--format docx writes a Word document: name its file with --out FILE.docx")
        )
    if reference_docx is not None and output_format != "docx":
        message = _("--reference-docx gives the styles of a Word document: add --format docx")
        raise UsageError(message)
    if reference_docx is not None and not reference_docx.is_file():
        message = _("--reference-docx {path}: no such file")
        raise UsageError(message.format(path=reference_docx))
