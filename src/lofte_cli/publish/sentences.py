"""The text of the pages that is made in Python rather than written in a template: status
words, disagreements, what changed in a revision (the coverage headline and the lists of
what is missing are in `coverage_text`). Each in the
page's language (`lang`), from its gettext catalog; `{placeholders}` are filled here."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lofte_cli.coverage.compute import PartyCoverage, PledgeCoverage
from lofte_cli.data.model import Commitment, Pledge
from lofte_cli.publish.i18n import activity_count, format_number, page_translations

if TYPE_CHECKING:
    from lofte_cli.data.history import Revision


def commitment_label(pledge: Pledge, commitment: Commitment, lang: str) -> str:
    """What citizens call a commitment: its `title`, or "Polisens åtagande 4",
    "Kommunens åtagande 2", "Kommunernas åtagande 2" from the kinds of the parties that
    promised it, numbered by the id's trailing number (else its place in the pledge)."""
    if commitment.title:
        return commitment.title
    _ = page_translations(lang).gettext
    found = re.search(r"(\d+)$", commitment.id)
    number = int(found.group(1)) if found else commitment.index + 1
    kinds = {pledge.parties[p].kind for p in commitment.parties if p in pledge.parties}
    several = len(commitment.parties) > 1
    if kinds == {"police"}:
        text = _("Police commitment {number}")
    elif kinds == {"municipality"}:
        # TRANSLATORS: one municipality ("Kommunens åtagande 2") and several
        # ("Kommunernas åtagande 2") are two messages.
        text = (
            _("Municipalities' commitment {number}")
            if several
            else _("Municipality's commitment {number}")
        )
    else:
        text = _("Joint commitment {number}") if several else _("Commitment {number}")
    return text.format(number=number)


def commitment_labels(pledge: Pledge, lang: str) -> dict[str, str]:
    """Every commitment's label (see `commitment_label`) by its id."""
    return {c.id: commitment_label(pledge, c, lang) for c in pledge.commitments}


def measure_label(pledge: Pledge, measure: str) -> str:
    """A measure as the pledge's `measures` names it; an unknown measure keeps its id."""
    return pledge.measures.get(measure, measure)


def done_heading(lang: str, *, ended: bool) -> str:
    """ "Gjort hittills", or "Gjort" once the period is over."""
    tr = page_translations(lang)
    if ended:
        # TRANSLATORS: heading of what each party did, beside what was expected of it.
        return tr.pgettext("done in a period that is over", "Done")
    _ = tr.gettext
    return _("Done so far")


def kind_text(kind: str, lang: str) -> str:
    """ "Polis", "Kommun", "Annan part"."""
    _ = page_translations(lang).gettext
    texts = {"police": _("Police"), "municipality": _("Municipality"), "other": _("Other party")}
    return texts.get(kind, kind)


def status_text(status: str, lang: str, *, ended: bool) -> str:
    """A commitment's coverage status in words: "Hålls hittills", "Hålls delvis", "Inte
    påbörjat"; once the period is over "Hölls", "Hölls delvis", "Påbörjades aldrig"; in a
    pledge with no recorded activities "Inget registrerat"."""
    tr = page_translations(lang)
    if ended:
        texts = {
            "met": tr.pgettext("coverage status, period over", "Kept"),
            "partial": tr.pgettext("coverage status, period over", "Partly kept"),
            "untouched": tr.pgettext("coverage status, period over", "Never started"),
        }
    else:
        texts = {
            "met": tr.pgettext("coverage status", "Kept so far"),
            "partial": tr.pgettext("coverage status", "Partly kept"),
            "untouched": tr.pgettext("coverage status", "Not started"),
        }
    # TRANSLATORS: the status of every commitment of a pledge with no recorded activities.
    texts["no-records"] = tr.pgettext("coverage status", "Nothing recorded")
    return texts.get(status, status)


def assessment_text(status: str, lang: str) -> str:
    """An assessment's status (`partly-done` in the file) in words: "Delvis genomfört"."""
    tr = page_translations(lang)
    texts = {
        "not-started": tr.pgettext("assessment status", "Not started"),
        "ongoing": tr.pgettext("assessment status", "Ongoing"),
        "done": tr.pgettext("assessment status", "Done"),
        "partly-done": tr.pgettext("assessment status", "Partly done"),
        "not-done": tr.pgettext("assessment status", "Not done"),
        "not-applicable": tr.pgettext("assessment status", "Not applicable"),
    }
    return texts.get(status, status)


def group_headings(lang: str) -> dict[str, str]:
    """The headings of ACTIVITY_GROUPS: "Genomförda", "Planerade", …"""
    tr = page_translations(lang)
    return {
        "done": tr.pgettext("activity group", "Done"),
        "planned": tr.pgettext("activity group", "Planned"),
        "overdue": tr.pgettext("activity group", "Planned, not reported as done"),
        "cancelled": tr.pgettext("activity group", "Cancelled"),
        "other": tr.pgettext("activity group", "Other"),
    }


def done_against_target(pair: PartyCoverage, measure: str | None, lang: str, *, ended: bool) -> str:
    """ "5 aktiviteter (mål hittills: 1)", or with a measure "25 (mål: 24)": what a party
    has done beside what is expected of it (`done` and `expected`, docs/coverage.md)."""
    _ = page_translations(lang).gettext
    done = format_number(pair.done, lang) if measure else activity_count(pair.done, lang)
    expected = format_number(pair.expected, lang)
    if ended:
        return _("{done} (target: {expected})").format(done=done, expected=expected)
    return _("{done} (target so far: {expected})").format(done=done, expected=expected)


def disagreement_sentences(
    cov: PledgeCoverage, lang: str, labels: dict[str, str] | None = None
) -> list[str]:
    """Where assessment and activities disagree, a commitment named by `labels`."""
    tr = page_translations(lang)
    _ = tr.gettext
    labels = labels or {}
    out = []
    for d in cov.disagreements:
        assessment = assessment_text(d.assessment, lang)
        if d.kind == "assessed-without-activity":
            text = _("{commitment} is assessed as “{assessment}” but no activity is recorded.")
        else:
            text = tr.ngettext(
                "{commitment} is assessed as “{assessment}” although {count} activity is recorded.",
                "{commitment} is assessed as “{assessment}” although {count} activities are "
                "recorded.",
                d.activities,
            )
        count = format_number(d.activities, lang)
        commitment = labels.get(d.commitment, d.commitment)
        out.append(text.format(commitment=commitment, assessment=assessment, count=count))
    return out


def activity_status_word(status: str, lang: str) -> str:
    """An activity's status, or "overdue" (planned for a day that has passed), in words:
    "Genomförd", "Planerad", "Planerad, inte rapporterad som genomförd", "Inställd"."""
    tr = page_translations(lang)
    texts = {
        "done": tr.pgettext("activity status", "Done"),
        "planned": tr.pgettext("activity status", "Planned"),
        "overdue": tr.pgettext("activity status", "Planned, not reported as done"),
        "cancelled": tr.pgettext("activity status", "Cancelled"),
    }
    return texts.get(status, status)


def direction_text(direction: str, lang: str) -> str:
    """Which way an indicator is better, after "Bättre när värdet är": "högre", "lägre"."""
    _ = page_translations(lang).gettext
    # TRANSLATORS: shown in the column "Better when" (Swedish: "Bättre när värdet är").
    texts = {"increase": _("higher"), "decrease": _("lower")}
    return texts.get(direction, direction)


def revision_text(revision: Revision, lang: str, labels: dict[str, str]) -> str:
    """What one revision of a pledge changed, each commitment named as the page names it
    (`labels`, by id): "tillagt Polisens åtagande 4; omformulerat Kommunens åtagande 1".
    One no longer in the pledge has no name to give, so it is counted, never shown by id."""
    tr = page_translations(lang)
    _ = tr.gettext
    if revision.first:
        return _("first version")

    def names(ids: tuple[str, ...]) -> str:
        gone = sum(i not in labels for i in ids)
        shown = [labels[i] for i in ids if i in labels]
        if gone:
            text = tr.ngettext(
                "{count} commitment no longer in the pledge",
                "{count} commitments no longer in the pledge",
                gone,
            )
            shown.append(text.format(count=format_number(gone, lang)))
        return ", ".join(shown)

    parts = [
        label.format(ids=names(ids))
        for label, ids in (
            # TRANSLATORS: {ids} are commitments as the page names them, as "Polisens
            # åtagande 1, Kommunens åtagande 2".
            (_("added {ids}"), revision.added),
            (_("removed {ids}"), revision.removed),
            (_("reworded {ids}"), revision.reworded),
        )
        if ids
    ]
    return "; ".join(parts) or _("no commitment changed")
