"""One context builder per page type (index, pledge, party, activity) and the pieces they
share; all computing happens here, so that templates only loop and print."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from lofte_cli.coverage.compute import CommitmentCoverage, PartyCoverage, PledgeCoverage
from lofte_cli.data.model import Activity, Catalog, Link, Pledge, PledgeData
from lofte_cli.publish.i18n import Translator, format_day, format_number, page_language, translator
from lofte_cli.publish.site_model import Site
from lofte_cli.publish.templates import safe_url
from lofte_cli.publish.timeline import timeline

# How the pages group activities: done; planned and still ahead; planned for a day that has
# passed without a report that it was done ("overdue"); cancelled; any other status.
ACTIVITY_GROUPS = ("done", "planned", "overdue", "cancelled", "other")


# --- shared pieces ------------------------------------------------------------------------


def language(site: Site, pledge: Pledge | None) -> str:
    return page_language(site.language_override or (pledge.language if pledge else "sv"))


def pledge_base(site: Site, key: str, data: PledgeData, *, depth: int) -> dict[str, Any]:
    """What every page of a pledge needs: language, words, dates, paths, the notice."""
    lang = language(site, data.pledge)
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
        activity_row(pledge, a, site.as_of) for a in sorted(data.activities, key=newest_first)
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
        "indicators": indicator_rows(data),
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
    the period (the window W of docs/coverage.md), so that is the day the figures are of."""
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


def newest_first(activity: Activity) -> tuple[int, str]:
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
    has done beside what is expected of it (`done` and `expected`, docs/coverage.md)."""
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


def indicator_rows(data: PledgeData) -> list[dict[str, Any]]:
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


def activity_status_text(activity: Activity, as_of: date, t: Translator) -> str:
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
    t = base["t"]
    promised = [c for c in pledge.commitments if party in c.parties]
    mine = [a for a in data.activities if party in a.parties]
    ended = has_ended(cov, site.as_of)
    activities = [
        {**activity_row(pledge, a, site.as_of), "url": f"../activities/{a.id}.html"}
        for a in sorted(mine, key=newest_first)
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
        "status_text": activity_status_text(activity, site.as_of, t),
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
