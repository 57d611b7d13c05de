"""One context builder per page type (index, pledge, party, activity) and the pieces they
share; all computing happens here, so that templates only loop and print. The text made
here is in the page's language (`lang`), from its gettext catalog."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from lofte_cli.coverage.compute import CommitmentCoverage, PledgeCoverage
from lofte_cli.coverage.progress import bar_step
from lofte_cli.data.model import Activity, Catalog, Link, Pledge, PledgeData
from lofte_cli.publish.coverage_text import (
    COUNTING_PAGE,
    commitment_progress,
    coverage_headline,
    coverage_note,
    gap_lists,
    no_records,
    pair_text,
)
from lofte_cli.publish.i18n import format_day, format_number, page_language, page_translations
from lofte_cli.publish.sentences import (
    activity_status_word,
    assessment_text,
    commitment_label,
    commitment_labels,
    direction_text,
    disagreement_sentences,
    done_heading,
    group_headings,
    kind_text,
    measure_label,
    revision_text,
    status_text,
)
from lofte_cli.publish.site_model import STATEMENT, Site, files_of
from lofte_cli.publish.statement import contact_rows, page_description
from lofte_cli.publish.templates import safe_url
from lofte_cli.publish.timeline import timeline
from lofte_cli.publish.words import translator

# How the pages group activities: done; planned and still ahead; planned for a day that has
# passed without a report that it was done ("overdue"); cancelled; any other status.
ACTIVITY_GROUPS = ("done", "planned", "overdue", "cancelled", "other")


# --- shared pieces ------------------------------------------------------------------------


def language(site: Site, pledge: Pledge | None) -> str:
    return page_language(site.language_override or (pledge.language if pledge else "sv"))


def pledge_base(site: Site, key: str, data: PledgeData, *, depth: int) -> dict[str, Any]:
    """What every page of a pledge needs: language, dates, paths, the notice (and `t`, the
    words by name, for templates written before the catalog: see `publish.words`)."""
    lang = language(site, data.pledge)
    root = "../" * depth
    return {
        "lang": lang,
        "t": translator(lang),
        "root": root,
        "pledge_url": f"{root}{key}/index.html",
        "pledge_title": data.pledge.title,
        "notice": data.pledge.notice,
        "statement_url": f"{root}{STATEMENT}",
        "day": lambda d: format_day(d, lang) if d else "",
        "number": lambda n: format_number(n, lang),
    }


def _coverage(site: Site, key: str) -> PledgeCoverage:
    """The coverage of the pledge in folder `key` (found by the pledge's own id, which
    differs from the folder name when the data has error L108)."""
    pledge_id = site.catalog.pledges[key].pledge.id
    return next(p for p in site.report.pledges if p.id == pledge_id)


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
                "progress": cov.progress_percent,
                "bar": bar_step(cov.progress_percent),
                "lead": coverage_headline(cov, site.as_of, lang, ended=has_ended(cov, site.as_of)),
                "activities": site.summary(key).done,
                "no_figure": None
                if cov.coverage_percent is not None
                else coverage_headline(cov, site.as_of, lang, ended=False),
            }
        )
    days = [site.summary(key).updated for key in site.catalog.pledges]
    updated = max((d for d in days if d is not None), default=None)
    _ = page_translations(lang).gettext
    return {
        "lang": lang,
        "t": translator(lang),
        "root": "",
        "pledges": rows,
        "as_of": site.as_of,
        "nothing_expected": _("Nothing is expected yet on {date}.").format(
            date=format_day(site.as_of, lang)
        ),
        "updated": updated,
        "notice": None,
        "statement_url": STATEMENT,
        "description": _(
            "What the police and the municipalities have promised in their citizen promises, "
            "and what they have done."
        ),
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
    lang = base["lang"]
    _ = page_translations(lang).gettext
    ended = has_ended(cov, site.as_of)
    activities = [
        activity_row(pledge, a, site.as_of) for a in sorted(data.activities, key=newest_first)
    ]
    return {
        **base,
        "key": key,
        "pledge": pledge,
        "coverage": cov,
        "as_of": site.as_of,
        "ended": ended,
        "ended_text": _("The period ended on {date}.").format(date=format_day(cov.end, lang))
        if ended and cov.end
        else None,
        "coverage_text": coverage_headline(cov, site.as_of, lang, ended=ended),
        "progress_bar": None if cov.progress_percent is None else bar_step(cov.progress_percent),
        "coverage_note": coverage_note(cov, site.as_of, lang, ended=ended),
        "no_records": no_records(cov),
        "counting_url": COUNTING_PAGE,
        "gap_lists": gap_lists(pledge, cov, lang, ended=ended),
        "gaps_heading": _("Never acted on") if ended else _("Not yet acted on"),
        "done_heading": done_heading(lang, ended=ended),
        "parties": [
            {
                "id": pid,
                "name": p.name,
                "kind": kind_text(p.kind, lang),
                "url": f"parties/{pid}.html",
                "own_url": _own_url(p.url),
            }
            for pid, p in pledge.parties.items()
        ],
        "contacts": contact_rows(pledge.contacts),
        "description": page_description(pledge.goal or pledge.title),
        "commitments": [
            _commitment_view(pledge, c, cov, lang, ended=ended) for c in pledge.commitments
        ],
        "gaps": _untouched_and_idle(gap_lists(pledge, cov, lang, ended=ended)),
        "disagreements": disagreement_sentences(cov, lang, commitment_labels(pledge, lang)),
        "indicators": indicator_rows(data, lang),
        "timeline": timeline(data, cov, lang),
        "activities": activities,
        "activity_groups": _activity_groups(activities, group_headings(lang)),
        "sources": [_link(s) for s in pledge.sources],
        "updated": site.dates.latest(files_of(data)),
        "history": _history_rows(site, key, lang),
    }


def _untouched_and_idle(lists: list[dict[str, Any]]) -> list[str]:
    """The lines of the first two lists as one (`gaps`, for templates of one's own written
    before each list had its own heading)."""
    return [line for x in lists if x["id"] in ("untouched", "idle") for line in x["items"]]


def _own_url(url: str | None) -> str | None:
    """A party's own page, linked only when it is an https address."""
    return url if url and url.lower().startswith("https://") else None


def has_ended(cov: PledgeCoverage, as_of: date) -> bool:
    """Whether the pledge's period (to its effective end) is over on `as_of`: then its
    pages speak in the past tense, of the figures at the end of the period."""
    return cov.end is not None and as_of > cov.end


def _history_rows(site: Site, key: str, lang: str) -> list[dict[str, Any]]:
    """The pledge's revisions from git, newest first, in words ("Ändringshistorik"): the
    date and what changed; who changed it only when the site opts in (`history_authors`),
    since the git author names of coordinators are personal data."""
    from lofte_cli.data.history import pledge_history

    known = site.histories
    if known is not None and key in known:
        revisions = known[key]
    else:
        revisions = pledge_history(site.catalog.root, key)
    labels = commitment_labels(site.catalog.pledges[key].pledge, lang)
    return [
        {
            "date": r.date,
            "author": r.author if site.history_authors else None,
            "what": revision_text(r, lang, labels),
        }
        for r in reversed(revisions)
    ]


def newest_first(activity: Activity) -> tuple[int, str]:
    return (-activity.date.toordinal(), activity.id)


def _commitment_view(
    pledge: Pledge, c: Any, cov: PledgeCoverage, lang: str, *, ended: bool
) -> dict[str, Any]:
    measured: CommitmentCoverage | None = next((x for x in cov.commitments if x.id == c.id), None)
    assessment = measured.assessment if measured else None
    status = measured.status if measured else "untouched"
    measure = measured.measure if measured else None
    return {
        "id": c.id,
        "label": commitment_label(pledge, c, lang),
        "text": c.text,
        "condition": c.condition,
        "by": _party_names(pledge, c.parties),
        "focus": [pledge.focus_areas.get(f, f) for f in c.focus],
        "status": status,
        "status_text": status_text(status, lang, ended=ended),
        "measure": measure,
        "measure_label": measure_label(pledge, measure) if measure else None,
        "progress_text": commitment_progress(measured, lang) if measured else None,
        "progress_bar": bar_step(measured.progress_percent) if measured else 0,
        "pairs": [
            {
                "party": pledge.parties[p.party].name if p.party in pledge.parties else p.party,
                "party_id": p.party,
                "done": p.done,
                "expected": p.expected,
                "met": p.met,
                "mark": {True: "met", False: "unmet", None: "unjudged"}[p.met],
                "text": pair_text(
                    p, measured.measure if measured else None, status, lang, ended=ended
                ),
            }
            for p in (measured.parties if measured else ())
        ],
        "assessment": None
        if assessment is None
        else {
            "status": assessment_text(assessment.status, lang),
            "comment": assessment.comment,
            "date": assessment.date,
        },
        "last_activity": measured.last_activity if measured else None,
    }


def indicator_rows(data: PledgeData, lang: str) -> list[dict[str, Any]]:
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
                "direction_text": direction_text(ind.direction, lang) if ind.direction else None,
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


def activity_status_text(activity: Activity, as_of: date, lang: str) -> str:
    """ "Genomförd", "Planerad", "Planerad, inte rapporterad som genomförd", "Inställd"."""
    group = activity_group(activity, as_of)
    return activity_status_word(activity.status if group == "other" else group, lang)


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


def activity_row(pledge: Pledge, a: Activity, as_of: date) -> dict[str, Any]:
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


# --- party and activity pages -------------------------------------------------------------


def party_context(site: Site, data: PledgeData, party: str, base: dict[str, Any]) -> dict[str, Any]:
    pledge = data.pledge
    key = pledge.doc.path.parent.name
    cov = _coverage(site, key)
    lang = base["lang"]
    _ = page_translations(lang).gettext
    promised = [c for c in pledge.commitments if party in c.parties]
    mine = [a for a in data.activities if party in a.parties]
    ended = has_ended(cov, site.as_of)
    activities = [
        {**activity_row(pledge, a, site.as_of), "url": f"../activities/{a.id}.html"}
        for a in sorted(mine, key=newest_first)
    ]
    name = pledge.parties[party].name
    headings = group_headings(lang) | {
        "done": _("What {party} has done").format(party=name),
        "planned": _("What {party} has planned").format(party=name),
    }
    return {
        **base,
        "party": pledge.parties[party],
        "own_url": _own_url(pledge.parties[party].url),
        "description": page_description(
            _("What {party} has promised, and what it has done.").format(party=name)
        ),
        "kind": kind_text(pledge.parties[party].kind, lang),
        "commitments": [
            _with_own_pair(_commitment_view(pledge, c, cov, lang, ended=ended), party)
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
    return {
        **base,
        "activity": activity,
        "status_text": activity_status_text(activity, site.as_of, base["lang"]),
        "by": [
            {**p, "url": f"../parties/{p['id']}.html"}
            for p in _party_names(pledge, activity.parties)
        ],
        "commitments": [
            {
                "id": cid,
                "label": commitment_label(pledge, c, base["lang"]) if c else cid,
                "text": c.text if c else cid,
                "url": f"../index.html#{cid}",
            }
            for cid, c in ((cid, pledge.commitment(cid)) for cid in activity.commitments)
        ],
        "links": [_link(x) for x in activity.links],
        "measures": labelled_measures(pledge, activity),
        "description": page_description(activity.description or activity.title),
        "updated": site.dates.of(activity.doc.path),
    }


def labelled_measures(pledge: Pledge, activity: Activity) -> list[tuple[str, int]]:
    """An activity's measures as (label, value), in the order of their ids."""
    return [(measure_label(pledge, m), v) for m, v in sorted(activity.measures.items())]
