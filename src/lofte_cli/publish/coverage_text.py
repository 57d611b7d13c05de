"""What the pages say about the coverage, in words a citizen reads: the headline (what the
percentage counts), the note beside it, a pledge with no activities recorded, the lists of
what is missing (each under its own heading) and the "How it is counted" page. In the
page's language (`lang`), from its gettext catalog. The rule is docs/coverage.md."""

from __future__ import annotations

from datetime import date
from typing import Any

from lofte_cli.coverage.compute import CommitmentCoverage, PartyCoverage, PledgeCoverage
from lofte_cli.data.model import Pledge
from lofte_cli.publish.i18n import format_day, format_number, page_translations
from lofte_cli.publish.sentences import (
    commitment_labels,
    disagreement_sentences,
    done_against_target,
    measure_label,
    status_text,
)

# The page that explains the figures, beside the pledge's own page.
COUNTING_PAGE = "how-it-is-counted.html"


def no_records(cov: PledgeCoverage) -> bool:
    """Whether the pledge has no activity files at all: then nothing is judged."""
    return cov.activities_recorded == 0


def coverage_headline(cov: PledgeCoverage, as_of: date, lang: str, *, ended: bool) -> str:
    """ "Hittills gjort: 87 % av det som utlovats · 19 av 23 åtaganden helt uppfyllda" —
    the progress (the share of the promised work done) beside the count of met
    (commitment, party) pairs, said as each party's own commitments; or why there is no
    figure: nothing expected yet, or no activities recorded."""
    tr = page_translations(lang)
    if cov.window_end is None:
        return tr.gettext("Nothing is expected yet on {date}.").format(date=format_day(as_of, lang))
    if no_records(cov):
        return tr.gettext(
            "No activities are recorded here for this pledge, so there are no figures for how "
            "it is kept. That does not mean that nothing has been done."
        )
    if cov.coverage_percent is None or cov.progress_percent is None:
        return tr.gettext("No party is responsible for a commitment, so nothing is counted.")
    # TRANSLATORS: {progress} is the share of the promised work done, as "87 %"; a
    # commitment that several parties made counts once for each of them in {count}.
    if ended:
        text = tr.ngettext(
            "Done in the period: {progress} of what was promised · {met} of {count} "
            "commitment fully kept",
            "Done in the period: {progress} of what was promised · {met} of {count} "
            "commitments fully kept",
            cov.pairs_total,
        )
    else:
        text = tr.ngettext(
            "Done so far: {progress} of what was promised · {met} of {count} commitment fully kept",
            "Done so far: {progress} of what was promised · {met} of {count} commitments "
            "fully kept",
            cov.pairs_total,
        )
    return text.format(
        progress=f"{format_number(cov.progress_percent, lang)} %",
        met=format_number(cov.pairs_met, lang),
        count=format_number(cov.pairs_total, lang),
    )


def commitment_progress(c: CommitmentCoverage, lang: str) -> str | None:
    """ "67 % av det som utlovats · 1 av 3 parter helt klara": a commitment's progress and
    how many of its parties have done all that is expected; None without a figure."""
    if c.progress_percent is None:
        return None
    met = sum(1 for p in c.parties if p.met)
    # TRANSLATORS: one commitment's progress; {percent} as "67 %", {count} its parties.
    text = page_translations(lang).ngettext(
        "{percent} of what was promised · {met} of {count} party done in full",
        "{percent} of what was promised · {met} of {count} parties done in full",
        len(c.parties),
    )
    return text.format(
        percent=f"{format_number(c.progress_percent, lang)} %",
        met=format_number(met, lang),
        count=format_number(len(c.parties), lang),
    )


def coverage_note(cov: PledgeCoverage, as_of: date, lang: str, *, ended: bool) -> str:
    """What the headline's numbers count and which day they are of ("" without a figure)."""
    if cov.coverage_percent is None:
        return ""
    _ = page_translations(lang).gettext
    if ended and cov.end:
        text = _(
            "A commitment that several parties made counts once for each of them. The figures "
            "are for the period, which ended on {date}."
        )
    else:
        text = _(
            "A commitment that several parties made counts once for each of them. The figures "
            "are as of {date}."
        )
    return text.format(date=format_day(cov.end if ended and cov.end else as_of, lang))


def pair_text(
    pair: PartyCoverage, measure: str | None, status: str, lang: str, *, ended: bool
) -> str:
    """What one party has done beside what is expected ("5 aktiviteter (mål hittills: 1)"),
    or, in a pledge with no recorded activities, that none is recorded."""
    if status == "no-records":
        return page_translations(lang).gettext("no activities recorded")
    return done_against_target(pair, measure, lang, ended=ended)


def gap_lists(
    pledge: Pledge, cov: PledgeCoverage, lang: str, *, ended: bool
) -> list[dict[str, Any]]:
    """What is missing, each kind under its own heading (a kind with nothing is left out):
    commitments no party acted on, parties that did nothing on a commitment they made,
    commitments gone quiet, assessments that the activities contradict. Commitments are
    named as citizens call them (`commitment_label`), measures by their labels."""
    labels = commitment_labels(pledge, lang)
    lists = [
        _untouched_list(cov, labels, lang, ended=ended),
        _idle_list(pledge, cov, labels, lang, ended=ended),
        _quiet_list(cov, labels, lang, ended=ended),
        _disagreement_list(cov, labels, lang),
    ]
    return [x for x in lists if x["items"]]


def _untouched_list(
    cov: PledgeCoverage, labels: dict[str, str], lang: str, *, ended: bool
) -> dict[str, Any]:
    _ = page_translations(lang).gettext
    if ended:
        heading = _("Commitments no party acted on")
        line = _("{commitment}: no party did anything in the period.")
    else:
        heading = _("Commitments no party has acted on yet")
        line = _("{commitment}: no party has done anything yet.")
    items = [line.format(commitment=labels.get(c, c)) for c in cov.gaps.untouched]
    return {"id": "untouched", "heading": heading, "items": items}


def _idle_list(
    pledge: Pledge, cov: PledgeCoverage, labels: dict[str, str], lang: str, *, ended: bool
) -> dict[str, Any]:
    _ = page_translations(lang).gettext
    names = {pid: p.name for pid, p in pledge.parties.items()}
    if ended:
        heading = _("Parties that did nothing on a commitment they made")
        line = _("{party} did nothing on {commitment} in the period.")
        unmeasured = _("{party} reported no {measure} on {commitment} in the period.")
    else:
        heading = _("Parties that have done nothing yet on a commitment they made")
        line = _("{party} has done nothing yet on {commitment}.")
        unmeasured = _("{party} has reported no {measure} yet on {commitment}.")
    items = []
    for gap in cov.gaps.idle:
        commitment = next(c for c in cov.commitments if c.id == gap.commitment)
        pair = next(p for p in commitment.parties if p.party == gap.party)
        text = unmeasured if commitment.measure and pair.activities else line
        party = names.get(gap.party, gap.party)
        measure = measure_label(pledge, commitment.measure) if commitment.measure else ""
        named = labels.get(gap.commitment, gap.commitment)
        items.append(text.format(party=party, commitment=named, measure=measure))
    return {"id": "idle", "heading": heading, "items": items}


def _quiet_list(
    cov: PledgeCoverage, labels: dict[str, str], lang: str, *, ended: bool
) -> dict[str, Any]:
    tr = page_translations(lang)
    items = []
    for q in cov.gaps.quiet:
        if ended:
            text = tr.ngettext(
                "{commitment}: no activity after {date}, {count} day before the period ended.",
                "{commitment}: no activity after {date}, {count} days before the period ended.",
                q.days_quiet,
            )
        else:
            text = tr.ngettext(
                "{commitment}: no activity since {date} ({count} day).",
                "{commitment}: no activity since {date} ({count} days).",
                q.days_quiet,
            )
        day, count = format_day(q.last_activity, lang), format_number(q.days_quiet, lang)
        named = labels.get(q.commitment, q.commitment)
        items.append(text.format(commitment=named, date=day, count=count))
    if ended:
        heading = tr.gettext("Commitments that went quiet")
    else:
        heading = tr.gettext("Commitments that have gone quiet")
    return {"id": "quiet", "heading": heading, "items": items}


def _disagreement_list(cov: PledgeCoverage, labels: dict[str, str], lang: str) -> dict[str, Any]:
    _ = page_translations(lang).gettext
    heading = _("Where the parties' own assessment and the activities differ")
    return {
        "id": "disagree",
        "heading": heading,
        "items": disagreement_sentences(cov, lang, labels),
    }


# --- the page "How it is counted" ----------------------------------------------------------


def counting_context(pledge_page: dict[str, Any], *, quiet_after_days: int) -> dict[str, Any]:
    """The context of the page that explains the figures of one pledge, from the context
    of the pledge's own page: its numbers, the status words as its page shows them, and
    how long a commitment may go without activity before it counts as gone quiet."""
    cov: PledgeCoverage = pledge_page["coverage"]
    lang, ended = pledge_page["lang"], pledge_page["ended"]
    _ = page_translations(lang).gettext
    explained = {
        "met": _("Every party that made the commitment has done what is expected so far."),
        "partial": _(
            "At least one party has done something, but not every party has done what is expected."
        ),
        "untouched": _("No party has a recorded activity for the commitment."),
        "no-records": _(
            "The pledge has no recorded activities at all, so nothing can be said "
            "about how it is kept."
        ),
    }
    # A pledge with nothing recorded explains only its own status: its pages show no
    # other status, in words or in colour (the template says the others come later).
    shown = ["no-records"] if no_records(cov) else list(explained)
    return {
        **pledge_page,
        "commitment_count": len(cov.commitments),
        "pair_count": cov.pairs_total,
        "quiet_days": format_number(quiet_after_days, lang),
        "statuses": [
            {"id": s, "word": status_text(s, lang, ended=ended), "text": explained[s]}
            for s in shown
        ],
    }
