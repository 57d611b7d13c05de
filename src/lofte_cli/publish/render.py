"""The public pages: one context builder per page type, Jinja2 templates that only loop and
print, and a map of output path → text. Nothing here writes files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    FunctionLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import escape

from lofte_cli.coverage.compute import (
    CommitmentCoverage,
    CoverageReport,
    PartyCoverage,
    PledgeCoverage,
    compute_coverage,
)
from lofte_cli.data.file_dates import FileDates
from lofte_cli.data.history import Revision
from lofte_cli.data.model import Activity, Catalog, Link, Pledge, PledgeData
from lofte_cli.paths import template_dir
from lofte_cli.publish.i18n import (
    Translator,
    format_day,
    format_month,
    format_number,
    page_language,
    translator,
)

FORMATS = ("html", "markdown", "all")
STYLESHEET = "style.css"
# How the pages group activities: done; planned and still ahead; planned for a day that has
# passed without a report that it was done ("overdue"); cancelled; any other status.
ACTIVITY_GROUPS = ("done", "planned", "overdue", "cancelled", "other")
# Colours for parties in the timeline; each has 4.5:1 contrast or more against white.
PARTY_COLOURS = 8


def environment(user_templates: Path | None = None) -> Environment:
    """Templates from `user_templates` first (by path, or by file name alone), then the
    built-in ones. HTML is autoescaped; Markdown is escaped by its own filter."""
    builtin = template_dir()
    loaders: list[BaseLoader] = []
    if user_templates is not None:
        loaders.append(FileSystemLoader(user_templates))
        loaders.append(FunctionLoader(lambda name: _by_file_name(user_templates, name)))
    loaders.append(FileSystemLoader(builtin))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html", "xml"), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_cell
    env.filters["mdtext"] = markdown_text
    return env


def _by_file_name(folder: Path, name: str) -> tuple[str, str, Callable[[], bool]] | None:
    """An override named only by its file name (`pledge.html` for `html/pledge.html`)."""
    path = folder / Path(name).name
    if not path.is_file():
        return None
    mtime = path.stat().st_mtime
    return path.read_text(encoding="utf-8"), str(path), lambda: path.stat().st_mtime == mtime


def markdown_text(text: object) -> str:
    """User text in Markdown: HTML characters escaped, so no markup reaches a git host's
    renderer, and line starts that Markdown would read as syntax defused."""
    escaped = str(escape(str(text))).replace("\\", "\\\\")  # first, or "\\[" undoes "["
    for char in "|*_[]`":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def markdown_cell(text: object) -> str:
    """User text inside a Markdown table cell: one line, `|` escaped."""
    return " ".join(markdown_text(text).split())


def safe_url(url: str) -> str | None:
    """Only http(s) addresses are linked; anything else is shown as text, not a link."""
    return url if url.lower().startswith(("https://", "http://")) else None


@dataclass(frozen=True)
class Site:
    """What to render: the catalog, the coverage as of a day, where files changed, and the
    pledges' revisions from git (None: read them when a page needs them)."""

    catalog: Catalog
    report: CoverageReport
    dates: FileDates
    as_of: date
    language_override: str | None = None
    histories: Mapping[str, list[Revision]] | None = None


def build_site(
    catalog: Catalog,
    *,
    as_of: date,
    language: str | None = None,
    histories: Mapping[str, list[Revision]] | None = None,
) -> Site:
    report = compute_coverage(catalog, as_of=as_of)
    return Site(catalog, report, FileDates(catalog.root), as_of, language, histories)


def site_file_names(site: Site, formats: Sequence[str]) -> set[str]:
    """Every file a render in `formats` writes, relative to the output folder."""
    names: set[str] = set()
    if "markdown" in formats:
        names.update(["README.md", *(f"{key}/README.md" for key in site.catalog.pledges)])
    if "html" in formats:
        names.update([STYLESHEET, "index.html"])
        for key, data in site.catalog.pledges.items():
            names.update(pledge_page_names(key, data))
    return names


def pledge_page_names(key: str, data: PledgeData) -> list[str]:
    """The files `pledge_pages` makes for one pledge."""
    return [
        f"{key}/index.html",
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
    """The pages above the pledges: the index and the stylesheet."""
    return {
        STYLESHEET: env.get_template(f"html/{STYLESHEET}").render(),
        "index.html": env.get_template("html/index.html").render(index_context(site)),
    }


def pledge_pages(site: Site, env: Environment, key: str) -> dict[str, str]:
    """The HTML pages of one pledge: its page, a page per party and per activity."""
    data = site.catalog.pledges[key]
    pages = {
        f"{key}/index.html": env.get_template("html/pledge.html").render(
            pledge_context(site, data, pledge_base(site, key, data, depth=1))
        )
    }
    nested = pledge_base(site, key, data, depth=2)
    party_template = env.get_template("html/party.html")
    for party in data.pledge.parties:
        pages[f"{key}/parties/{party}.html"] = party_template.render(
            party_context(site, data, party, nested)
        )
    activity_template = env.get_template("html/activity.html")
    for activity in data.activities:
        pages[f"{key}/activities/{activity.id}.html"] = activity_template.render(
            activity_context(site, data, activity, nested)
        )
    pages[f"{key}/activities.xml"] = env.get_template("feed/activities.xml").render(
        feed_context(site, data)
    )
    pages[f"{key}/planned.ics"] = planned_calendar(data, site.as_of)
    return pages


# --- feeds ----------------------------------------------------------------------------------


def feed_context(site: Site, data: PledgeData) -> dict[str, Any]:
    """An Atom feed of the done activities, newest first, for residents and journalists."""
    pledge = data.pledge
    done = sorted((a for a in data.activities if a.status == "done"), key=_newest_first)
    lang = _language(site, pledge)

    def stamp(day: date) -> str:
        return f"{day.isoformat()}T00:00:00Z"

    return {
        "lang": lang,
        "t": translator(lang),
        "pledge": pledge,
        "feed_id": f"tag:lofte,{pledge.start.isoformat()}:{pledge.id}/activities",
        "updated": stamp(done[0].date if done else pledge.start),
        "authors": ", ".join(p.name for p in pledge.parties.values()),
        "entries": [
            {
                "id": f"tag:lofte,{a.date.isoformat()}:{pledge.id}/{a.id}",
                "title": a.title,
                "updated": stamp(a.date),
                "url": f"activities/{a.id}.html",
                "summary": a.description,
            }
            for a in done
        ],
    }


def planned_calendar(data: PledgeData, as_of: date) -> str:
    """The planned activities still ahead on `as_of` (or under way) as an iCalendar file
    (RFC 5545), one all-day event each. A planned activity whose day has passed is left
    out: a calendar of what is planned is no place for it, and it was not reported done."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//lofte//medborgarloften//SV",
        f"X-WR-CALNAME:{_ics_text(data.pledge.title)}",
    ]
    for a in sorted(data.activities, key=lambda a: (a.date, a.id)):
        if activity_group(a, as_of) != "planned":
            continue
        end = (a.end_date or a.date) + timedelta(days=1)  # DTEND of an all-day event: next day
        lines += [
            "BEGIN:VEVENT",
            f"UID:{a.id}@{data.pledge.id}.lofte",
            f"DTSTAMP:{a.date.strftime('%Y%m%d')}T000000Z",
            f"DTSTART;VALUE=DATE:{a.date.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text(a.title)}",
            f"DESCRIPTION:{_ics_text(a.description)}",
            *([f"LOCATION:{_ics_text(a.place)}"] if a.place else []),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_ics_fold(line) + "\r\n" for line in lines)


def _ics_text(text: str) -> str:
    """RFC 5545 text: backslash, comma, semicolon and line breaks escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _ics_fold(line: str) -> str:
    """Lines longer than 75 octets are folded: CRLF and a space (RFC 5545, 3.1)."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            out.append(current)
            current = " "
        current += char
    return "\r\n".join([*out, current])


def render_markdown(site: Site, env: Environment) -> dict[str, str]:
    """One README.md-style summary per pledge, and an index."""
    template = env.get_template("markdown/pledge.md")
    pages = {
        f"{key}/README.md": template.render(
            pledge_context(site, data, pledge_base(site, key, data, depth=1))
        )
        for key, data in sorted(site.catalog.pledges.items())
    }
    pages["README.md"] = env.get_template("markdown/index.md").render(index_context(site))
    return pages


# --- shared pieces ------------------------------------------------------------------------


def _language(site: Site, pledge: Pledge | None) -> str:
    return page_language(site.language_override or (pledge.language if pledge else "sv"))


def pledge_base(site: Site, key: str, data: PledgeData, *, depth: int) -> dict[str, Any]:
    """What every page of a pledge needs: language, words, dates, paths, the notice."""
    lang = _language(site, data.pledge)
    root = "../" * depth
    return {
        "lang": lang,
        "t": translator(lang),
        "root": root,
        "pledge_url": f"{root}{key}/index.html",
        "pledge_title": data.pledge.title,
        "notice": data.pledge.notice,
        "day": lambda d: format_day(d, lang) if d else "",
        "number": lambda n: format_number(n, lang),
    }


def _coverage(site: Site, key: str) -> PledgeCoverage:
    """The coverage of the pledge in folder `key` (found by the pledge's own id, which
    differs from the folder name when the data has error L108)."""
    pledge_id = site.catalog.pledges[key].pledge.id
    return next(p for p in site.report.pledges if p.id == pledge_id)


def _files_of(data: PledgeData) -> Iterator[Path]:
    yield data.pledge.doc.path
    yield from (a.doc.path for a in data.activities)
    yield from (f.doc.path for f in data.followups)


def _party_names(pledge: Pledge, ids: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"id": p, "name": pledge.parties[p].name if p in pledge.parties else p} for p in ids]


def _link(link: Link) -> dict[str, str | None]:
    return {"url": safe_url(link.url), "text": link.title or link.url}


# --- index ---------------------------------------------------------------------------------


def index_context(site: Site) -> dict[str, Any]:
    lang = page_language(site.language_override or _majority_language(site.catalog))
    rows = []
    for key, data in sorted(site.catalog.pledges.items()):
        cov = _coverage(site, key)
        rows.append(
            {
                "url": f"{key}/index.html",
                "markdown_url": f"{key}/README.md",
                "title": data.pledge.title,
                "area": data.pledge.area,
                "start": data.pledge.start,
                "end": cov.end,
                "percent": cov.coverage_percent,
                "met": cov.pairs_met,
                "total": cov.pairs_total,
                "activities": sum(a.status == "done" for a in data.activities),
            }
        )
    every = [p for data in site.catalog.pledges.values() for p in _files_of(data)]
    return {
        "lang": lang,
        "t": translator(lang),
        "root": "",
        "pledges": rows,
        "as_of": site.as_of,
        "updated": site.dates.latest(every),
        "notice": None,
        "day": lambda d: format_day(d, lang) if d else "",
        "number": lambda n: format_number(n, lang),
    }


def _majority_language(catalog: Catalog) -> str:
    counts = Counter(page_language(d.pledge.language) for d in catalog.pledges.values())
    return counts.most_common(1)[0][0] if counts else "sv"


# --- pledge ----------------------------------------------------------------------------------


def pledge_context(site: Site, data: PledgeData, base: dict[str, Any]) -> dict[str, Any]:
    pledge = data.pledge
    key = pledge.doc.path.parent.name
    cov = _coverage(site, key)
    t = base["t"]
    ended = has_ended(cov, site.as_of)
    activities = [
        _activity_row(pledge, a, site.as_of) for a in sorted(data.activities, key=_newest_first)
    ]
    return {
        **base,
        "key": key,
        "pledge": pledge,
        "coverage": cov,
        "as_of": site.as_of,
        "ended": ended,
        "coverage_text": _coverage_sentence(cov, site.as_of, t),
        "gaps_heading": t("gaps_ended" if ended else "gaps"),
        "done_heading": t("done_expected_ended" if ended else "done_expected"),
        "parties": [
            {"id": pid, "name": p.name, "kind": t(f"kind_{p.kind}"), "url": f"parties/{pid}.html"}
            for pid, p in pledge.parties.items()
        ],
        "commitments": [
            _commitment_view(pledge, c, cov, t, ended=ended) for c in pledge.commitments
        ],
        "gaps": _gap_sentences(pledge, cov, t, ended=ended),
        "disagreements": _disagreement_sentences(cov, t),
        "indicators": _indicator_rows(data),
        "timeline": timeline(data, cov, base["lang"]),
        "activities": activities,
        "activity_groups": _activity_groups(
            activities, {g: t(f"activities_{g}") for g in ACTIVITY_GROUPS}
        ),
        "sources": [_link(s) for s in pledge.sources],
        "updated": site.dates.latest(_files_of(data)),
        "history": _history_rows(site, key, t),
    }


def has_ended(cov: PledgeCoverage, as_of: date) -> bool:
    """Whether the pledge's period (to its effective end) is over on `as_of`: then its
    pages speak in the past tense, of the figures at the end of the period."""
    return cov.end is not None and as_of > cov.end


def _coverage_sentence(cov: PledgeCoverage, as_of: date, t: Translator) -> str:
    """ "82,6 % av löftena hålls hittills … den 26 november 2026", or, once the period is
    over, "… hölls … som slutade den 31 december 2024": coverage counts up to the end of
    the period (SPEC 5, the window W), so that is the day the figures are of."""
    if cov.coverage_percent is None:
        return t("coverage_none", date=format_day(as_of, t.language))
    ended = has_ended(cov, as_of)
    return t.plural(
        "coverage_line_ended" if ended else "coverage_line",
        cov.pairs_total,
        percent=format_number(cov.coverage_percent, t.language),
        met=cov.pairs_met,
        date=format_day(cov.end if ended and cov.end else as_of, t.language),
    )


def _history_rows(site: Site, key: str, t: Translator) -> list[dict[str, Any]]:
    """The pledge's revisions from git, newest first, in words ("Ändringshistorik")."""
    from lofte_cli.data.history import pledge_history

    known = site.histories
    if known is not None and key in known:
        revisions = known[key]
    else:
        revisions = pledge_history(site.catalog.root, key)
    rows = []
    for r in reversed(revisions):
        parts = [
            t(label, ids=", ".join(ids))
            for label, ids in (
                ("history_added", r.added),
                ("history_removed", r.removed),
                ("history_reworded", r.reworded),
            )
            if ids and not r.first
        ]
        what = t("history_first") if r.first else ("; ".join(parts) or t("history_none"))
        rows.append({"date": r.date, "author": r.author, "what": what})
    return rows


def _newest_first(activity: Activity) -> tuple[int, str]:
    return (-activity.date.toordinal(), activity.id)


def _commitment_view(
    pledge: Pledge, c: Any, cov: PledgeCoverage, t: Translator, *, ended: bool
) -> dict[str, Any]:
    measured: CommitmentCoverage | None = next((x for x in cov.commitments if x.id == c.id), None)
    assessment = measured.assessment if measured else None
    status = measured.status if measured else "untouched"
    return {
        "id": c.id,
        "text": c.text,
        "condition": c.condition,
        "by": _party_names(pledge, c.parties),
        "focus": [pledge.focus_areas.get(f, f) for f in c.focus],
        "status": status,
        "status_text": t(f"status_{status}_ended" if ended else f"status_{status}"),
        "measure": measured.measure if measured else None,
        "pairs": [
            {
                "party": pledge.parties[p.party].name if p.party in pledge.parties else p.party,
                "party_id": p.party,
                "done": p.done,
                "expected": p.expected,
                "met": p.met,
                "text": _done_against_target(
                    p, measured.measure if measured else None, t, ended=ended
                ),
            }
            for p in (measured.parties if measured else ())
        ],
        "assessment": None
        if assessment is None
        else {
            "status": t(f"assessment_{assessment.status}"),
            "comment": assessment.comment,
            "date": assessment.date,
        },
        "last_activity": measured.last_activity if measured else None,
    }


def _done_against_target(
    pair: PartyCoverage, measure: str | None, t: Translator, *, ended: bool
) -> str:
    """ "5 aktiviteter (mål hittills: 1)", or with a measure "25 (mål: 24)": what a party
    has done beside what is expected of it (SPEC 5: `done` and `expected`)."""
    done = (
        format_number(pair.done, t.language) if measure else t.plural("activity_count", pair.done)
    )
    key = "done_against_target_ended" if ended else "done_against_target"
    return t(key, done=done, expected=format_number(pair.expected, t.language))


def _gap_sentences(pledge: Pledge, cov: PledgeCoverage, t: Translator, *, ended: bool) -> list[str]:
    names = {pid: p.name for pid, p in pledge.parties.items()}
    tense = "_ended" if ended else ""
    lines = [t(f"untouched_sentence{tense}", commitment=c) for c in cov.gaps.untouched]
    lines += [
        t(f"idle_sentence{tense}", party=names.get(g.party, g.party), commitment=g.commitment)
        for g in cov.gaps.idle
    ]
    return lines


def _disagreement_sentences(cov: PledgeCoverage, t: Translator) -> list[str]:
    out = []
    for d in cov.disagreements:
        assessment = t(f"assessment_{d.assessment}")
        if d.kind == "assessed-without-activity":
            out.append(t("disagree_done", commitment=d.commitment, assessment=assessment))
        else:
            out.append(
                t.plural(
                    "disagree_started",
                    d.activities,
                    commitment=d.commitment,
                    assessment=assessment,
                )
            )
    return out


def _indicator_rows(data: PledgeData) -> list[dict[str, Any]]:
    rows = []
    for ind in data.pledge.indicators:
        values = [
            (f.date, v) for f in data.followups for v in f.indicators if v.indicator == ind.id
        ]
        latest = max(values, key=lambda x: x[0]) if values else None
        rows.append(
            {
                "id": ind.id,
                "name": ind.name,
                "unit": ind.unit or "",
                "direction": ind.direction,
                "baseline": ind.baseline,
                "target": ind.target,
                "latest": latest[1].value if latest else None,
                "latest_date": latest[0] if latest else None,
                "latest_source": latest[1].source if latest else None,
            }
        )
    return rows


def activity_group(activity: Activity, as_of: date) -> str:
    """Which of ACTIVITY_GROUPS `activity` is listed under on `as_of`."""
    if activity.status == "planned" and (activity.end_date or activity.date) < as_of:
        return "overdue"
    return activity.status if activity.status in ACTIVITY_GROUPS else "other"


def _activity_status_text(activity: Activity, as_of: date, t: Translator) -> str:
    """ "Genomförd", "Planerad", "Planerad, inte rapporterad som genomförd", "Inställd"."""
    group = activity_group(activity, as_of)
    return t(f"activity_{activity.status if group == 'other' else group}")


def _activity_groups(rows: list[dict[str, Any]], headings: dict[str, str]) -> list[dict[str, Any]]:
    """The activity rows apart by group, so that nothing planned or cancelled is listed as
    done work: done ones (always, newest first), then the planned ones still ahead (soonest
    first), then the others when there are any (newest first)."""
    groups: list[dict[str, Any]] = []
    for group in ACTIVITY_GROUPS:
        mine = [r for r in rows if r["group"] == group]
        if group == "planned":
            mine.sort(key=lambda r: (r["date"], r["id"]))
        if mine or group == "done":
            groups.append({"id": group, "heading": headings[group], "activities": mine})
    return groups


def _activity_row(pledge: Pledge, a: Activity, as_of: date) -> dict[str, Any]:
    return {
        "id": a.id,
        "url": f"activities/{a.id}.html",
        "date": a.date,
        "title": a.title,
        "status": a.status,
        "group": activity_group(a, as_of),
        "by": _party_names(pledge, a.parties),
        "commitments": a.commitments,
    }


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
    t = translator(lang)
    tallest = max(max(totals), 1)
    bar, gap, height = 18, 4, 120
    bars = []
    for i, m in enumerate(months):
        y = height
        for j, p in enumerate(parties):
            n = counts[(m, p)]
            if n:
                h = round(height * n / tallest)
                y -= h
                bars.append(
                    {
                        "x": i * (bar + gap),
                        "y": y,
                        "width": bar,
                        "height": h,
                        "colour": j % PARTY_COLOURS,
                        "label": t(
                            "timeline_bar",
                            party=data.pledge.parties[p].name,
                            month=format_month(date(*m, 1), lang),
                            activities=t.plural("activity_count", n),
                        ),
                    }
                )
    return {
        "width": len(months) * (bar + gap),
        "height": height,
        "bars": bars,
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
        "axis": [
            {"x": i * (bar + gap), "label": str(y)}
            for i, (y, mo) in enumerate(months)
            if mo == 1 or i == 0
        ],
    }


def _months(first: date, last: date) -> list[tuple[int, int]]:
    out, (y, m) = [], (first.year, first.month)
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# --- party and activity pages -------------------------------------------------------------


def party_context(site: Site, data: PledgeData, party: str, base: dict[str, Any]) -> dict[str, Any]:
    pledge = data.pledge
    key = pledge.doc.path.parent.name
    cov = _coverage(site, key)
    t = base["t"]
    promised = [c for c in pledge.commitments if party in c.parties]
    mine = [a for a in data.activities if party in a.parties]
    ended = has_ended(cov, site.as_of)
    activities = [
        {**_activity_row(pledge, a, site.as_of), "url": f"../activities/{a.id}.html"}
        for a in sorted(mine, key=_newest_first)
    ]
    name = pledge.parties[party].name
    headings = {g: t(f"activities_{g}") for g in ACTIVITY_GROUPS}
    headings |= {"done": t("what_done", party=name), "planned": t("what_planned", party=name)}
    return {
        **base,
        "party": pledge.parties[party],
        "kind": t(f"kind_{pledge.parties[party].kind}"),
        "commitments": [
            _with_own_pair(_commitment_view(pledge, c, cov, t, ended=ended), party)
            for c in promised
        ],
        "activities": activities,
        "activity_groups": _activity_groups(activities, headings),
        "updated": site.dates.latest([pledge.doc.path, *(a.doc.path for a in mine)]),
    }


def _with_own_pair(view: dict[str, Any], party: str) -> dict[str, Any]:
    """A commitment as one party sees it: its own done/expected beside the rest."""
    return {**view, "mine": next((p for p in view["pairs"] if p["party_id"] == party), None)}


def activity_context(
    site: Site, data: PledgeData, activity: Activity, base: dict[str, Any]
) -> dict[str, Any]:
    pledge = data.pledge
    t = base["t"]
    return {
        **base,
        "activity": activity,
        "status_text": _activity_status_text(activity, site.as_of, t),
        "by": [
            {**p, "url": f"../parties/{p['id']}.html"}
            for p in _party_names(pledge, activity.parties)
        ],
        "commitments": [
            {
                "id": cid,
                "text": c.text if (c := pledge.commitment(cid)) else cid,
                "url": f"../index.html#{cid}",
            }
            for cid in activity.commitments
        ],
        "links": [_link(x) for x in activity.links],
        "measures": sorted(activity.measures.items()),
        "updated": site.dates.of(activity.doc.path),
    }


# --- the follow-up report -----------------------------------------------------------------


def report_context(site: Site, key: str, start: date, end: date) -> dict[str, Any]:
    """The follow-up report of one pledge for [start, end]: per commitment its status and
    assessment as of `end`, the activities in the span with their measures against the
    target, the person-hours, and the indicators against their baseline."""
    data = site.catalog.pledges[key]
    base = pledge_base(site, key, data, depth=0)
    context = pledge_context(site, data, base)
    in_span = [a for a in data.activities if start <= a.date <= end]
    t = base["t"]
    commitments = []
    for view in context["commitments"]:
        mine = sorted((a for a in in_span if view["id"] in a.commitments), key=lambda a: a.date)
        commitments.append(
            {
                **view,
                "activities": [_report_activity(data.pledge, a, site.as_of, t) for a in mine],
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
        "span_start": start,
        "span_end": end,
        "commitments": commitments,
        "activity_count": sum(a.status == "done" for a in in_span),
        "hours": _sum_hours(a for a in in_span if a.status == "done"),
        "indicators": [r for r in _indicator_rows_until(data, end)],
    }


def _report_activity(pledge: Pledge, a: Activity, as_of: date, t: Translator) -> dict[str, Any]:
    return {
        **_activity_row(pledge, a, as_of),
        "status_text": _activity_status_text(a, as_of, t),
        "measures": sorted(a.measures.items()),
        "hours": a.hours,
        "participants": a.participants,
    }


def _sum_hours(activities: Iterator[Activity]) -> float:
    return sum(a.hours or 0 for a in activities)


def _indicator_rows_until(data: PledgeData, end: date) -> list[dict[str, Any]]:
    """Indicator rows from the follow-ups dated on or before `end` only."""
    earlier = PledgeData(
        data.pledge, data.activities, tuple(f for f in data.followups if f.date <= end)
    )
    return _indicator_rows(earlier)


def render_report(
    site: Site, env: Environment, key: str, *, start: date, end: date, output_format: str
) -> str:
    template = "html/report.html" if output_format == "html" else "markdown/report.md"
    return env.get_template(template).render(report_context(site, key, start, end))
