"""The coverage as JSON: the shape `lofte coverage --format json` prints and the export
carries (its first keys are a contract; the others are additions), dates as ISO text."""

from __future__ import annotations

from datetime import date
from typing import Any

from lofte_cli.coverage.compute import (
    CommitmentCoverage,
    CoverageReport,
    PartyCoverage,
    PledgeCoverage,
)

# --- JSON --------------------------------------------------------------------------------


def iso_day(day: date | None) -> str | None:
    """A day as the JSON of the coverage and the export write it (None stays None)."""
    return None if day is None else day.isoformat()


def coverage_to_json(report: CoverageReport) -> dict[str, Any]:
    """The JSON shape of the coverage (its first keys are a contract; the others are
    additions), dates as ISO text."""
    return {
        "as_of": report.as_of.isoformat(),
        "per": report.per,
        "quiet_after_days": report.quiet_after_days,
        "pledges": [_pledge_json(p) for p in report.pledges],
    }


def _pledge_json(p: PledgeCoverage) -> dict[str, Any]:
    return {
        "id": p.id,
        "coverage_percent": p.coverage_percent,
        "pairs_met": p.pairs_met,
        "pairs_total": p.pairs_total,
        "commitments": [_commitment_json(c) for c in p.commitments],
        "activities_recorded": p.activities_recorded,
        "title": p.title,
        "period": {"start": iso_day(p.start), "end": iso_day(p.end)},
        "window": {"start": iso_day(p.start), "end": iso_day(p.window_end)},
        "parties": list(p.parties),
        "slices": [
            {"label": s.label, "start": iso_day(s.start), "end": iso_day(s.end)} for s in p.slices
        ],
        "gaps": {
            "untouched": list(p.gaps.untouched),
            "idle": [{"commitment": g.commitment, "party": g.party} for g in p.gaps.idle],
            "quiet": [
                {
                    "commitment": q.commitment,
                    "last_activity": iso_day(q.last_activity),
                    "days_quiet": q.days_quiet,
                }
                for q in p.gaps.quiet
            ],
        },
        "disagreements": [
            {
                "commitment": d.commitment,
                "kind": d.kind,
                "assessment": d.assessment,
                "assessment_date": iso_day(d.assessment_date),
                "activities": d.activities,
            }
            for d in p.disagreements
        ],
        "planned": [
            {
                "id": a.id,
                "date": iso_day(a.date),
                "title": a.title,
                "commitments": list(a.commitments),
                "parties": list(a.parties),
            }
            for a in p.planned
        ],
        "progress_percent": p.progress_percent,
    }


def _commitment_json(c: CommitmentCoverage) -> dict[str, Any]:
    a = c.assessment
    return {
        "id": c.id,
        "status": c.status,
        "assessment": a.status if a else None,
        "parties": [_party_json(p) for p in c.parties],
        "assessment_comment": a.comment if a else None,
        "assessment_date": iso_day(a.date) if a else None,
        "measure": c.measure,
        "measure_label": c.measure_label,  # the pledge's `measures:` name for it, for people
        "total": c.total,
        "expected": c.expected,
        "activities": c.activities,
        "last_activity": iso_day(c.last_activity),
        "slices": list(c.slice_counts),
        "progress_percent": c.progress_percent,
    }


def _party_json(p: PartyCoverage) -> dict[str, Any]:
    return {
        "party": p.party,
        "done": p.done,
        "expected": p.expected,
        "met": p.met,
        "last_activity": iso_day(p.last_activity),
        "activities": p.activities,
        "slices": list(p.slice_counts),
    }
