"""Open data (`lofte export`): every pledge with its commitments, activities, follow-ups
and coverage, as one JSON document or as CSV files for spreadsheets.

Pure: a `Catalog` and a `CoverageReport` in, text out; the CLI writes it. The JSON shape is
documented in the README ("Open data") and only grows: keys may be added, none renamed.

CSV decisions: lists in a cell are joined with `;` (`polisen;stenungsund`), measures as
`name=value;…`, links as `url title;…`; empty cells for missing values. `excel=True` writes
what Excel in a Swedish locale opens as it is: a UTF-8 byte-order mark (without it Excel
reads UTF-8 as Windows-1252 and breaks å, ä, ö), `;` between cells (the list separator
where `,` is the decimal comma), CRLF line ends, decimals with a comma (`7,5` hours), and a
`'` before text that Excel would take for a formula (`=`, `+`, `-`, `@` first) or that
starts with `'` itself (which Excel would hide).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lofte_cli.coverage.compute import CoverageReport
from lofte_cli.coverage.formats import CSV_HEADER, coverage_rows
from lofte_cli.coverage.json_shape import coverage_to_json, iso_day
from lofte_cli.data.model import Activity, Catalog, Commitment, Followup, Indicator, Link, Pledge
from lofte_cli.errors import UsageError
from lofte_cli.i18n import _

FORMATS = ("json", "csv")
ACTIVITY_COLUMNS = (
    "pledge",
    "id",
    "date",
    "end_date",
    "status",
    "by",
    "commitments",
    "title",
    "description",
    "place",
    "partners",
    "target_groups",
    "participants",
    "hours",
    "measures",
    "links",
)
# What Excel would take for a formula; `lofte import` takes off the `'` put before it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BOM = "\ufeff"


# --- JSON --------------------------------------------------------------------------------


def export_json(catalog: Catalog, report: CoverageReport, *, generated: date) -> dict[str, Any]:
    """The open-data document: every pledge of `report`, in its order, with all it holds."""
    coverage = {p["id"]: p for p in coverage_to_json(report)["pledges"]}
    return {
        "generated": generated.isoformat(),
        "as_of": report.as_of.isoformat(),
        "pledges": [
            _pledge_json(catalog, catalog.pledges[p.id].pledge, coverage[p.id])
            for p in report.pledges
        ],
    }


def export_json_text(catalog: Catalog, report: CoverageReport, *, generated: date) -> str:
    """`export_json` as indented UTF-8 text (å, ä, ö as they are), ending in a newline."""
    document = export_json(catalog, report, generated=generated)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _pledge_json(catalog: Catalog, pledge: Pledge, coverage: dict[str, Any]) -> dict[str, Any]:
    data = catalog.pledges[pledge.id]
    return {
        "id": pledge.id,
        "title": pledge.title,
        "language": pledge.language,
        "area": pledge.area,
        "period": {"start": iso_day(pledge.start), "end": iso_day(pledge.end)},
        "effective_end": iso_day(catalog.effective_end(pledge)),
        "goal": pledge.goal,
        "parties": [{"id": p.id, "name": p.name, "kind": p.kind} for p in pledge.parties.values()],
        "groups": [{"id": g, "members": list(m)} for g, m in pledge.groups.items()],
        "focus_areas": [{"id": f, "label": label} for f, label in pledge.focus_areas.items()],
        "commitments": [_commitment_json(c) for c in pledge.commitments],
        "indicators": [_indicator_json(i) for i in pledge.indicators],
        "signatories": [
            {"name": s.name, "role": s.role, "party": s.party} for s in pledge.signatories
        ],
        "sources": [_link_json(s) for s in pledge.sources],
        "contacts": list(pledge.contacts),
        "supersedes": pledge.supersedes,
        "notice": pledge.notice,
        "activities": [_activity_json(a) for a in _in_order(data.activities)],
        "followups": [_followup_json(f) for f in sorted(data.followups, key=lambda f: f.date)],
        "coverage": coverage,
    }


def _commitment_json(c: Commitment) -> dict[str, Any]:
    expect = c.expect
    return {
        "id": c.id,
        "by": list(c.by),
        "parties": list(c.parties),
        "text": c.text,
        "focus": list(c.focus),
        "expect": None
        if expect is None
        else {"count": expect.count, "of": expect.of, "per": expect.per},
        "condition": c.condition,
    }


def _indicator_json(i: Indicator) -> dict[str, Any]:
    base = i.baseline
    return {
        "id": i.id,
        "name": i.name,
        "unit": i.unit,
        "direction": i.direction,
        "baseline": None
        if base is None
        else {"value": base.value, "date": iso_day(base.date), "source": base.source},
        "target": i.target,
    }


def _link_json(link: Link) -> dict[str, Any]:
    return {"url": link.url, "title": link.title}


def _activity_json(a: Activity) -> dict[str, Any]:
    return {
        "id": a.id,
        "date": iso_day(a.date),
        "end_date": iso_day(a.end_date),
        "status": a.status,
        "by": list(a.by),
        "parties": list(a.parties),
        "commitments": list(a.commitments),
        "title": a.title,
        "description": a.description,
        "place": a.place,
        "partners": list(a.partners),
        "target_groups": list(a.target_groups),
        "participants": a.participants,
        "measures": dict(a.measures),
        "hours": a.hours,
        "links": [_link_json(link) for link in a.links],
    }


def _followup_json(f: Followup) -> dict[str, Any]:
    return {
        "date": iso_day(f.date),
        "period": f.period,
        "assessments": [
            {"commitment": a.commitment, "status": a.status, "comment": a.comment}
            for a in f.assessments
        ],
        "indicators": [
            {
                "indicator": v.indicator,
                "value": v.value,
                "date": iso_day(v.date),
                "source": v.source,
                "comment": v.comment,
            }
            for v in f.indicators
        ],
    }


def _in_order(activities: Iterable[Activity]) -> list[Activity]:
    return sorted(activities, key=lambda a: (a.date, a.id))


# --- CSV ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvDialect:
    """How the cells are written: plain CSV, or for Excel in a Swedish locale."""

    excel: bool = False

    @property
    def delimiter(self) -> str:
        return ";" if self.excel else ","

    @property
    def line_end(self) -> str:
        return "\r\n" if self.excel else "\n"

    def number(self, value: float | int | None) -> str:
        if value is None:
            return ""
        text = str(value)
        return text.replace(".", ",") if self.excel else text

    def text(self, value: str | None) -> str:
        if value is None:
            return ""
        if self.excel and value.startswith((*FORMULA_START, "'")):
            return "'" + value  # shown as text, never run as a formula
        return value


def export_csv(catalog: Catalog, report: CoverageReport, *, excel: bool = False) -> dict[str, str]:
    """The CSV files by name: `activities.csv` (a row per activity of the pledges in
    `report`) and `coverage.csv` (a row per commitment and party, as `lofte coverage
    --format csv`)."""
    dialect = CsvDialect(excel)
    activities = [
        _activity_row(pledge.id, a, dialect)
        for pledge in report.pledges
        for a in _in_order(catalog.pledges[pledge.id].activities)
    ]
    coverage = [
        [dialect.text(cell) for cell in row] for row in coverage_rows(report, number=dialect.number)
    ]
    return {
        "activities.csv": _csv_text([list(ACTIVITY_COLUMNS), *activities], dialect),
        "coverage.csv": _csv_text([list(CSV_HEADER), *coverage], dialect),
    }


def _activity_row(pledge_id: str, a: Activity, dialect: CsvDialect) -> list[str]:
    text = dialect.text
    return [
        pledge_id,
        a.id,
        a.date.isoformat(),
        iso_day(a.end_date) or "",
        a.status,
        text(";".join(a.by)),
        text(";".join(a.commitments)),
        text(a.title),
        text(a.description),
        text(a.place),
        text(";".join(a.partners)),
        text(";".join(a.target_groups)),
        dialect.number(a.participants),
        dialect.number(a.hours),
        text(";".join(f"{name}={value}" for name, value in a.measures.items())),
        text(";".join(_link_cell(link) for link in a.links)),
    ]


def _link_cell(link: Link) -> str:
    return f"{link.url} {link.title}" if link.title else link.url


def _csv_text(rows: Sequence[Sequence[str]], dialect: CsvDialect) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.delimiter, lineterminator=dialect.line_end)
    writer.writerows(rows)
    return (_BOM if dialect.excel else "") + buffer.getvalue()


@dataclass(frozen=True)
class ExportOptions:
    """What `lofte export` is asked for; options that do not go together are refused when
    they are given, before any data is read."""

    output_format: str = "json"
    out: Path | None = None
    excel: bool = False

    def __post_init__(self) -> None:
        if self.output_format not in FORMATS:
            # TRANSLATORS: {choices} is "json, csv".
            message = _("--format {value}: choose {choices}")
            value = repr(self.output_format)
            raise UsageError(message.format(value=value, choices=", ".join(FORMATS)))
        if self.excel and self.output_format != "csv":
            raise UsageError(_("--excel is for --format csv"))
        if self.output_format == "json" and self.out is not None and self.out.is_dir():
            message = _("--out {folder}: a folder; --format json writes one file")
            raise UsageError(message.format(folder=self.out))


def export_outputs(
    catalog: Catalog, report: CoverageReport, options: ExportOptions, *, generated: date
) -> dict[Path | None, str]:
    """What `lofte export` writes, by file (None: standard output)."""
    if options.output_format == "json":
        return {options.out: export_json_text(catalog, report, generated=generated)}
    folder = options.out or Path("export")
    files = export_csv(catalog, report, excel=options.excel)
    return {folder / name: text for name, text in files.items()}
