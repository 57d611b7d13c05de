"""Presenting a `CoverageReport` as text: the sentences and cells every format shares,
Markdown, CSV and JSON (the terminal's tables are drawn in `cli.output`).

Pure: every function returns a value and prints nothing; the CLI prints it. A status is
always written out in words; colour only repeats it for those who can see it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence

from lofte_cli.coverage.compute import (
    CommitmentCoverage,
    CoverageReport,
    Disagreement,
    IdlePair,
    PledgeCoverage,
    QuietCommitment,
)
from lofte_cli.coverage.json_shape import coverage_to_json
from lofte_cli.coverage.words import (
    assessment_word,
    percent_text,
    slice_label,
    slice_word,
    status_word,
)
from lofte_cli.i18n import _, ngettext
from lofte_cli.markdown import markdown_cell

CSV_HEADER = (
    "pledge",
    "commitment",
    "party",
    "done",
    "expected",
    "met",
    "status",
    "assessment",
    "last_activity",
    "progress_percent",  # the commitment's, as in the JSON (a pair's is done/expected)
)


# --- sentences shared by every format ----------------------------------------------------


def coverage_line(pledge: PledgeCoverage, report: CoverageReport) -> str:
    """`Coverage 82.6 %: 19 of 23 pairs met, as of 2024-12-31 (period …)`."""
    # TRANSLATORS: a pledge's period, after the coverage figure; dates stay YYYY-MM-DD.
    if pledge.end:
        period = _("period {start} – {end}").format(start=pledge.start, end=pledge.end)
    else:
        period = _("period {start} – open-ended").format(start=pledge.start)
    if pledge.coverage_percent is None:
        if pledge.window_end is None:
            message = _("Coverage: nothing expected yet on {date}; {period}")
            return message.format(date=report.as_of, period=period)
        if pledge.activities_recorded == 0:
            message = _(
                "Coverage: no activities are recorded for this pledge, so nothing is counted "
                "(which is not the same as nothing done); {period}"
            )
            return message.format(period=period)
        return _("Coverage: no responsible parties to measure; {period}").format(period=period)
    # TRANSLATORS: a pair is a commitment and one party responsible for it; a pair is met
    # when the party has done what is expected of it so far. {percent} has the decimal mark.
    return ngettext(
        "Coverage {percent} %: {met} of {total} pair met, as of {date} ({period})",
        "Coverage {percent} %: {met} of {total} pairs met, as of {date} ({period})",
        pledge.pairs_total,
    ).format(
        percent=percent_text(pledge.coverage_percent),
        met=pledge.pairs_met,
        total=pledge.pairs_total,
        date=report.as_of,
        period=period,
    )


def progress_line(pledge: PledgeCoverage) -> str | None:
    """`Progress 64.2 %: the share of the expected work that is done …`; None without a
    figure (then `coverage_line` says why)."""
    if pledge.progress_percent is None:
        return None
    # TRANSLATORS: the progress figure below the coverage line; {percent} has the decimal
    # mark. Each pair counts at most all that is expected of it.
    message = _(
        "Progress {percent} %: the share of what is expected so far that is done "
        "(a pair counts at most all of it)"
    )
    return message.format(percent=percent_text(pledge.progress_percent))


def progress_cell(commitment: CommitmentCoverage) -> str:
    """A commitment's progress, `83.3 %` (`83,3 %` in Swedish), or blank without a figure."""
    if commitment.progress_percent is None:
        return ""
    return f"{percent_text(commitment.progress_percent)} %"


def _commitment(pledge: PledgeCoverage, commitment_id: str) -> CommitmentCoverage:
    return next(c for c in pledge.commitments if c.id == commitment_id)


def idle_sentence(pledge: PledgeCoverage, gap: IdlePair) -> str:
    """`tjorn has done nothing on kommun-5`, or what was not reported for a measure."""
    commitment = _commitment(pledge, gap.commitment)
    pair = next(p for p in commitment.parties if p.party == gap.party)
    if commitment.measure and pair.activities:
        # TRANSLATORS: {measure} is the name of a measure as the files write it, a plural
        # noun such as "trafikkontroller".
        return _("{party} has reported no {measure} on {commitment}").format(
            party=gap.party,
            measure=commitment.measure_label or commitment.measure,
            commitment=gap.commitment,
        )
    return _("{party} has done nothing on {commitment}").format(
        party=gap.party, commitment=gap.commitment
    )


def untouched_sentence(commitment_id: str) -> str:
    return _("{commitment} is untouched: no responsible party has done anything on it").format(
        commitment=commitment_id
    )


def quiet_sentence(quiet: QuietCommitment) -> str:
    """`kommun-5 has gone quiet: no activity since 2023-11-07 (420 days)`."""
    return ngettext(
        "{commitment} has gone quiet: no activity since {date} ({count} day)",
        "{commitment} has gone quiet: no activity since {date} ({count} days)",
        quiet.days_quiet,
    ).format(commitment=quiet.commitment, date=quiet.last_activity, count=quiet.days_quiet)


def disagreement_sentence(d: Disagreement) -> str:
    assessment = assessment_word(d.assessment)
    if d.kind == "assessed-without-activity":
        message = _("{commitment} is assessed {assessment} ({date}) but has no activity")
    else:
        message = ngettext(
            "{commitment} is assessed {assessment} ({date}) but has {count} activity",
            "{commitment} is assessed {assessment} ({date}) but has {count} activities",
            d.activities,
        )
    return message.format(
        commitment=d.commitment, assessment=assessment, date=d.assessment_date, count=d.activities
    )


def gap_lines(pledge: PledgeCoverage) -> list[str]:
    """The gaps, one sentence each: untouched, idle pairs, quiet commitments."""
    return [
        *(untouched_sentence(cid) for cid in pledge.gaps.untouched),
        *(idle_sentence(pledge, g) for g in pledge.gaps.idle),
        *(quiet_sentence(q) for q in pledge.gaps.quiet),
    ]


def planned_lines(pledge: PledgeCoverage) -> list[str]:
    return [
        f"{a.date} {a.title} ({', '.join(a.commitments)}; {', '.join(a.parties)})"
        for a in pledge.planned
    ]


def coverage_sections(pledge: PledgeCoverage) -> list[tuple[str, list[str]]]:
    """The headed lists under a pledge's table: gaps, disagreements, planned activities
    (each heading with its lines; a list may be empty)."""
    return [
        (_("Gaps"), gap_lines(pledge)),
        (
            _("Assessment and activities disagree"),
            [disagreement_sentence(d) for d in pledge.disagreements],
        ),
        (_("Planned"), planned_lines(pledge)),
    ]


def coverage_header(pledge: PledgeCoverage) -> list[str]:
    """The headings of a pledge's table: the commitment, each party, status, progress,
    assessment and last activity."""
    return [
        _("Commitment"),
        *pledge.parties,
        _("Status"),
        _("Progress"),
        _("Assessment"),
        _("Last activity"),
    ]


def done_per_heading(report: CoverageReport) -> str:
    """`Done per month`: the heading of the per-slice counts."""
    # TRANSLATORS: {slice} is one of week, month, quarter, tertial, half-year, year, period.
    return _("Done per {slice}").format(slice=slice_word(report.per or "period"))


def pair_cell(commitment: CommitmentCoverage, party: str) -> str:
    """`done/expected`, or blank where the party is not responsible."""
    pair = next((p for p in commitment.parties if p.party == party), None)
    return "" if pair is None else f"{pair.done}/{pair.expected}"


def status_text(commitment: CommitmentCoverage) -> str:
    """The commitment's status in words (`met`; `hålls` in Swedish)."""
    return status_word(commitment.status)


def assessment_text(commitment: CommitmentCoverage) -> str:
    """The latest assessment in words (`partly-done`; `delvis genomfört` in Swedish)."""
    a = commitment.assessment
    return "" if a is None else assessment_word(a.status)


def date_text(commitment: CommitmentCoverage) -> str:
    return "" if commitment.last_activity is None else commitment.last_activity.isoformat()


# --- Markdown ----------------------------------------------------------------------------


md_escape = markdown_cell  # the one Markdown escape (lofte_cli.markdown)


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(md_escape(cell) for cell in cells) + " |"


def _md_table(header: Sequence[str], aligns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = [_md_row(header), "| " + " | ".join(aligns) + " |"]
    lines.extend(_md_row(row) for row in rows)
    return "\n".join(lines)


def coverage_markdown(report: CoverageReport) -> str:
    """GitHub-flavoured Markdown: per pledge a table, per-slice counts, gaps and the rest."""
    parts = ["# " + _("Coverage on {date}").format(date=report.as_of)]
    for pledge in report.pledges:
        parts.extend(_md_pledge(pledge, report))
    return "\n\n".join(parts) + "\n"


def _md_pledge(pledge: PledgeCoverage, report: CoverageReport) -> list[str]:
    aligns = ["---", *("---:" for _party in pledge.parties), "---", "---:", "---", "---"]
    rows = [
        [
            c.id,
            *(pair_cell(c, p) for p in pledge.parties),
            status_text(c),
            progress_cell(c),
            assessment_text(c),
            date_text(c),
        ]
        for c in pledge.commitments
    ]
    parts = [
        f"## {md_escape(pledge.title)} (`{pledge.id}`)",
        md_escape(coverage_line(pledge, report)),
        *([md_escape(line)] if (line := progress_line(pledge)) else []),
        _md_table(coverage_header(pledge), aligns, rows),
    ]
    if pledge.slices:
        parts.append(f"### {done_per_heading(report)}")
        parts.append(
            _md_table(
                [
                    _("Commitment"),
                    *(slice_label(s.label) for s in pledge.slices),
                ],
                ["---", *("---:" for _slice in pledge.slices)],
                [[c.id, *map(str, c.slice_counts)] for c in pledge.commitments],
            )
        )
    for heading, lines in coverage_sections(pledge):
        if lines:
            parts.append(f"### {heading}")
            parts.append("\n".join(f"- {md_escape(line)}" for line in lines))
    return parts


# --- CSV and JSON ------------------------------------------------------------------------


def coverage_rows(
    report: CoverageReport, *, words: bool = False, number: Callable[[float], str] = str
) -> list[list[str]]:
    """One row per (pledge, commitment, party) as text cells; the CSV and the export's
    coverage.csv are made from these. The status and the assessment are their values
    (`partial`, `partly-done`), or with `words` as a person reads them in the active
    language (`hålls delvis`, `delvis genomfört`); `number` writes the progress (`83.3`,
    or with a decimal comma for Excel); empty where there is no figure."""
    status = status_word if words else str
    assessment = assessment_word if words else str
    return [
        [
            pledge.id,
            c.id,
            p.party,
            str(p.done),
            str(p.expected),
            {True: "true", False: "false", None: ""}[p.met],
            status(c.status),
            "" if c.assessment is None else assessment(c.assessment.status),
            "" if p.last_activity is None else p.last_activity.isoformat(),
            "" if c.progress_percent is None else number(c.progress_percent),
        ]
        for pledge in report.pledges
        for c in pledge.commitments
        for p in c.parties
    ]


def coverage_csv(report: CoverageReport) -> str:
    """One row per (pledge, commitment, party), with a header row. The column names are
    the same in every language (programs read them); the status and the assessment are
    in words of the active language, as in the table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(coverage_rows(report, words=True))
    return buffer.getvalue()


def coverage_json_text(report: CoverageReport) -> str:
    """The JSON of `coverage_to_json`, indented, non-ASCII kept as it is."""
    return json.dumps(coverage_to_json(report), ensure_ascii=False, indent=2)
