"""Presenting a `CoverageReport` as text: the sentences and cells every format shares,
Markdown, CSV and JSON (the terminal's tables are drawn in `cli.output`).

Pure: every function returns a value and prints nothing; the CLI prints it. A status is
always written out in words; colour only repeats it for those who can see it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from lofte_cli.coverage.compute import (
    CommitmentCoverage,
    CoverageReport,
    Disagreement,
    IdlePair,
    PledgeCoverage,
    QuietCommitment,
)
from lofte_cli.coverage.json_shape import coverage_to_json
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
)


# --- sentences shared by every format ----------------------------------------------------


def coverage_line(pledge: PledgeCoverage, report: CoverageReport) -> str:
    """`Coverage 82.6 %: 19 of 23 pairs met, as of 2024-12-31 (period …)`."""
    end = pledge.end.isoformat() if pledge.end else "open-ended"
    period = f"period {pledge.start} – {end}"
    if pledge.coverage_percent is None:
        if pledge.window_end is None:
            return f"Coverage: nothing expected yet on {report.as_of}; {period}"
        return f"Coverage: no responsible parties to measure; {period}"
    return (
        f"Coverage {pledge.coverage_percent:.1f} %: {pledge.pairs_met} of "
        f"{pledge.pairs_total} pairs met, as of {report.as_of} ({period})"
    )


def _commitment(pledge: PledgeCoverage, commitment_id: str) -> CommitmentCoverage:
    return next(c for c in pledge.commitments if c.id == commitment_id)


def idle_sentence(pledge: PledgeCoverage, gap: IdlePair) -> str:
    """`tjorn has done nothing on kommun-5`, or what was not reported for a measure."""
    commitment = _commitment(pledge, gap.commitment)
    pair = next(p for p in commitment.parties if p.party == gap.party)
    if commitment.measure and pair.activities:
        return f"{gap.party} has reported no {commitment.measure} on {gap.commitment}"
    return f"{gap.party} has done nothing on {gap.commitment}"


def quiet_sentence(quiet: QuietCommitment) -> str:
    """`kommun-5 has gone quiet: no activity since 2023-11-07 (420 days)`."""
    return (
        f"{quiet.commitment} has gone quiet: no activity since {quiet.last_activity} "
        f"({quiet.days_quiet} days)"
    )


def disagreement_sentence(d: Disagreement) -> str:
    if d.kind == "assessed-without-activity":
        return (
            f"{d.commitment} is assessed {d.assessment} ({d.assessment_date}) but has no activity"
        )
    noun = "activity" if d.activities == 1 else "activities"
    return (
        f"{d.commitment} is assessed {d.assessment} ({d.assessment_date}) "
        f"but has {d.activities} {noun}"
    )


def gap_lines(pledge: PledgeCoverage) -> list[str]:
    """The gaps, one sentence each: untouched, idle pairs, quiet commitments."""
    return [
        *(
            f"{cid} is untouched: no responsible party has done anything on it"
            for cid in pledge.gaps.untouched
        ),
        *(idle_sentence(pledge, g) for g in pledge.gaps.idle),
        *(quiet_sentence(q) for q in pledge.gaps.quiet),
    ]


def planned_lines(pledge: PledgeCoverage) -> list[str]:
    return [
        f"{a.date} {a.title} ({', '.join(a.commitments)}; {', '.join(a.parties)})"
        for a in pledge.planned
    ]


def pair_cell(commitment: CommitmentCoverage, party: str) -> str:
    """`done/expected`, or blank where the party is not responsible."""
    pair = next((p for p in commitment.parties if p.party == party), None)
    return "" if pair is None else f"{pair.done}/{pair.expected}"


def assessment_text(commitment: CommitmentCoverage) -> str:
    a = commitment.assessment
    return "" if a is None else a.status


def date_text(commitment: CommitmentCoverage) -> str:
    return "" if commitment.last_activity is None else commitment.last_activity.isoformat()


# --- Rich --------------------------------------------------------------------------------


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
    parts = [f"# Coverage on {report.as_of}"]
    for pledge in report.pledges:
        parts.extend(_md_pledge(pledge, report))
    return "\n\n".join(parts) + "\n"


def _md_pledge(pledge: PledgeCoverage, report: CoverageReport) -> list[str]:
    header = ["Commitment", *pledge.parties, "Status", "Assessment", "Last activity"]
    aligns = ["---", *("---:" for _ in pledge.parties), "---", "---", "---"]
    rows = [
        [
            c.id,
            *(pair_cell(c, p) for p in pledge.parties),
            c.status,
            assessment_text(c),
            date_text(c),
        ]
        for c in pledge.commitments
    ]
    parts = [
        f"## {md_escape(pledge.title)} (`{pledge.id}`)",
        md_escape(coverage_line(pledge, report)),
        _md_table(header, aligns, rows),
    ]
    if pledge.slices:
        parts.append(f"### Done per {report.per}")
        parts.append(
            _md_table(
                ["Commitment", *(s.label for s in pledge.slices)],
                ["---", *("---:" for _ in pledge.slices)],
                [[c.id, *map(str, c.slice_counts)] for c in pledge.commitments],
            )
        )
    sections = (
        ("Gaps", gap_lines(pledge)),
        (
            "Assessment and activities disagree",
            [disagreement_sentence(d) for d in pledge.disagreements],
        ),
        ("Planned", planned_lines(pledge)),
    )
    for heading, lines in sections:
        if lines:
            parts.append(f"### {heading}")
            parts.append("\n".join(f"- {md_escape(line)}" for line in lines))
    return parts


# --- CSV and JSON ------------------------------------------------------------------------


def coverage_rows(report: CoverageReport) -> list[list[str]]:
    """One row per (pledge, commitment, party) as text cells; the CSV and the export's
    coverage.csv are made from these."""
    return [
        [
            pledge.id,
            c.id,
            p.party,
            str(p.done),
            str(p.expected),
            {True: "true", False: "false", None: ""}[p.met],
            c.status,
            assessment_text(c),
            "" if p.last_activity is None else p.last_activity.isoformat(),
        ]
        for pledge in report.pledges
        for c in pledge.commitments
        for p in c.parties
    ]


def coverage_csv(report: CoverageReport) -> str:
    """One row per (pledge, commitment, party), with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(coverage_rows(report))
    return buffer.getvalue()


def coverage_json_text(report: CoverageReport) -> str:
    """The JSON of `coverage_to_json`, indented, non-ASCII kept as it is."""
    return json.dumps(coverage_to_json(report), ensure_ascii=False, indent=2)
