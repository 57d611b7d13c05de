"""`lofte import`: a spreadsheet of activities (the columns of `lofte export`, English or
Swedish headers) becomes activity files, each row checked as `lofte add-activity` checks a
new activity, every problem named by row and column, and nothing written unless every row
is valid.

The header row is read by `import_columns`, each cell by `import_cells`, each row by
`import_rows`; this module places the rows' drafts, checks them and writes them. A row with
problems is checked too (with stand-ins for what it lacks), so that all of its problems are
named at once, not only the first. Pure planning
(`plan_import`) is apart from writing (`write_import`), so that `--dry-run`
shows exactly what a real run would do. A row whose activity is already there with the same
content is left alone, so importing the same sheet twice writes nothing the second time.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lofte_cli.data.document import ParseFailure
from lofte_cli.data.file_check import check_file
from lofte_cli.data.model import (
    Activity,
    Catalog,
    build_activity,
    require_pledges,
)
from lofte_cli.data.problem import Problem
from lofte_cli.data.rules import check_pledge
from lofte_cli.data.yaml_io import parse_bytes
from lofte_cli.edit.activity_draft import activity_path, render_activity, schema_comment
from lofte_cli.edit.activity_fields import ActivityDraft
from lofte_cli.edit.import_cells import cell_text
from lofte_cli.edit.import_columns import REQUIRED, CellReading, ImportIssue, map_columns
from lofte_cli.edit.import_rows import Row, loaded, read_row
from lofte_cli.edit.readers import read_pledge
from lofte_cli.edit.sheet import Cell, Sheet, column_letter
from lofte_cli.errors import LofteError, UsageError
from lofte_cli.i18n import N_, _, ngettext
from lofte_cli.paths import pledge_folders
from lofte_cli.slug import activity_id
from lofte_cli.values import Reading
from lofte_cli.write import create_exclusive


@dataclass(frozen=True, slots=True)
class ImportRow:
    """What becomes of one data row: a new file, or an existing file left as it is."""

    row: int
    pledge_id: str
    path: Path
    text: str
    new: bool


@dataclass(frozen=True)
class ImportPlan:
    """What importing a sheet would write, every problem found, and what lofte took typed
    values for (`Polisen` as polisen), to say so."""

    sheet: Sheet
    rows: tuple[ImportRow, ...]
    issues: tuple[ImportIssue, ...]
    readings: tuple[CellReading, ...] = ()
    pledge_reading: Reading | None = None  # --pledge, when given otherwise than as an id

    @property
    def errors(self) -> tuple[ImportIssue, ...]:
        return tuple(i for i in self.issues if i.severity == "error")

    @property
    def new(self) -> tuple[ImportRow, ...]:
        return tuple(r for r in self.rows if r.new)


# --- the plan ----------------------------------------------------------------------------


def plan_import(
    catalog: Catalog,
    sheet: Sheet,
    *,
    pledge_id: str | None,
    today: date,
    ignore_unknown: bool = False,
) -> ImportPlan:
    """What importing `sheet` would write, and every problem found on the way."""
    require_pledges(catalog)
    folders = pledge_folders(catalog.root)
    pledge_reading = None
    if pledge_id is not None:
        pledge_reading = _pledge_option(catalog, pledge_id, folders)
        pledge_id = loaded(catalog, pledge_reading.value, folders)
    columns, issues = map_columns(sheet, ignore_unknown=ignore_unknown)
    if any(field not in columns for field in REQUIRED):
        return ImportPlan(sheet, (), tuple(issues))  # rows without them say nothing more
    if not sheet.rows and any(i.severity == "error" for i in issues):
        return ImportPlan(sheet, (), tuple(issues))
    if not sheet.rows:
        raise UsageError(
            _("{file}: no rows under the header; nothing to import").format(file=sheet.source)
        )
    default = pledge_id
    if default is None and "pledge" not in columns:
        if len(folders) > 1:  # folders, not loaded pledges: a broken one may be meant
            raise UsageError(
                _(
                    "which pledge are the rows of {file} for? give --pledge ID (there are "
                    "{pledges}), or add a pledge column"
                ).format(file=sheet.source.name, pledges=", ".join(folders))
            )
        default = loaded(catalog, next(iter(catalog.pledges)), folders)
    rows: list[Row] = []
    readings: list[CellReading] = []
    for cells in sheet.rows:
        row, found, read = read_row(cells, columns, sheet, default, catalog, ignore_unknown)
        issues += found
        readings += read
        if row is not None:
            rows.append(row)
    planned, placed_issues = _place(catalog, rows, columns)
    issues += placed_issues
    issues += _check(catalog, planned, rows, columns, today)
    ordered = sorted(issues, key=lambda i: (i.row or 0, i.column if i.column is not None else -1))
    broken = {r.number for r in rows if r.broken}
    kept = tuple(item for item in planned if item.row not in broken)
    shown = pledge_reading if pledge_reading is not None and pledge_reading.changed else None
    return ImportPlan(sheet, kept, tuple(ordered), tuple(readings), shown)


def _pledge_option(catalog: Catalog, typed: str, folders: Sequence[str]) -> Reading:
    """--pledge as given: a pledge's id, its id in another case or its title."""
    if typed in catalog.pledges or typed in folders:
        return Reading(typed, typed, what="--pledge")
    try:
        return dataclasses.replace(read_pledge(catalog, typed), what="--pledge")
    except ValueError as exc:
        raise UsageError(f"--pledge: {exc}") from None


# Every field of an activity a row gives (the pledge is where the file lies).
_COMPARED = tuple(f.name for f in dataclasses.fields(ActivityDraft) if f.name != "pledge_id")


def _differences(existing: Activity, draft: ActivityDraft) -> list[str]:
    """The fields in which an activity on disk and a row differ (texts without the outer
    white space a YAML block adds)."""

    def value(item: object, name: str) -> object:
        found = getattr(item, name)
        if isinstance(found, str):
            return found.strip()
        if isinstance(found, tuple) and all(isinstance(x, str) for x in found):
            return tuple(x.strip() for x in found)
        return found

    return [name for name in _COMPARED if value(existing, name) != value(draft, name)]


def _place(
    catalog: Catalog, rows: Iterable[Row], columns: dict[str, Cell]
) -> tuple[list[ImportRow], list[ImportIssue]]:
    """Each row's file: its id when the sheet gives one, else `<date>-<slug>` with `-2`,
    `-3` … past names taken on disk or by an earlier row. An activity already there with
    the same content is "unchanged"."""
    existing = {a.doc.path: a for data in catalog.pledges.values() for a in data.activities}
    root = catalog.root
    rows = list(rows)
    # A sheet's own ids come first: a name made from date and title never takes one.
    named: dict[Path, int] = {}
    for row in rows:
        if row.identifier is not None:
            named.setdefault(activity_path(root, row.pledge_id, row.identifier), row.number)
    taken: set[Path] = set()
    planned: list[ImportRow] = []
    issues: list[ImportIssue] = []
    for row in rows:
        if row.identifier is not None:
            candidates: Iterable[Path] = [activity_path(root, row.pledge_id, row.identifier)]
        else:
            candidates = (
                activity_path(
                    root, row.pledge_id, activity_id(row.draft.date, row.draft.title, suffix=n)
                )
                for n in range(1, 10_000)
            )
        for path in candidates:
            if row.identifier is None and path in named:
                continue
            if path in taken:
                if row.identifier is not None:
                    first = named.get(path, row.number)
                    message = _("id {id} is on row {row} too").format(id=repr(path.stem), row=first)
                    issues.append(_row_issue(row, columns, "id", message))
                    break
                continue
            if path.exists() or path.is_symlink():
                found = existing.get(path)
                differs = None if found is None else _differences(found, row.draft)
                if differs is not None and row.broken:  # what stands in is no difference
                    differs = [name for name in differs if name not in row.stand_ins]
                if differs == []:
                    taken.add(path)
                    planned.append(ImportRow(row.number, row.pledge_id, path, "", new=False))
                    break
                if row.identifier is not None:
                    message = _(
                        "activity {id} already exists with other {fields} ({path}); lofte "
                        "import adds, it never overwrites: change the file with an editor, or "
                        "clear the id cell to add a new activity"
                    ).format(
                        id=repr(path.stem),
                        fields=", ".join(differs) if differs else _("content"),
                        path=_shown(path, root),
                    )
                    issues.append(_row_issue(row, columns, "id", message))
                    break
                continue
            taken.add(path)
            hint = schema_comment(path, root, "activity")
            text = render_activity(row.draft, path.stem, schema_hint=hint)
            planned.append(ImportRow(row.number, row.pledge_id, path, text, new=True))
            break
    return planned, issues


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _row_issue(row: Row, columns: dict[str, Cell], field: str | None, message: str) -> ImportIssue:
    if field is not None and field in columns:
        column = columns[field]
        return ImportIssue(
            message, row.number, column.column, cell_text(columns[field].value), row.line
        )
    return ImportIssue(message, row.number, None, None, row.line)


def _check(
    catalog: Catalog,
    planned: Sequence[ImportRow],
    rows: Sequence[Row],
    columns: dict[str, Cell],
    today: date,
) -> list[ImportIssue]:
    """The checks of `lofte validate` on every new file, with all of them in place at once
    (so that rows are checked against each other too), problems turned into cells."""
    by_number = {r.number: r for r in rows}
    by_path: dict[Path, ImportRow] = {}
    issues: list[ImportIssue | None] = []
    added: dict[str, list[Activity]] = {}
    for item in planned:
        if not item.new:
            continue
        row = by_number[item.row]
        data = catalog.pledges[item.pledge_id]
        raw = item.text.encode("utf-8")
        found = check_file("activity", item.path, raw, data.pledge.contacts)
        by_path[item.path] = item
        if found.problems:
            issues += [_cell_issue(row, item, p, columns) for p in found.problems]
            continue
        doc = parse_bytes(raw, item.path)
        if isinstance(doc, ParseFailure):  # would be a bug in the rendering
            raise LofteError(
                _("{path}: lofte produced YAML it cannot read: {message}").format(
                    path=item.path, message=doc.message
                )
            )
        added.setdefault(item.pledge_id, []).append(build_activity(doc, data.pledge))
    pledges = dict(catalog.pledges)
    for pledge_id, activities in added.items():
        data = pledges[pledge_id]
        pledges[pledge_id] = dataclasses.replace(data, activities=(*data.activities, *activities))
    trial = Catalog(catalog.root, pledges)
    for pledge_id in added:
        for p in check_pledge(trial, trial.pledges[pledge_id], today=today):
            placed = by_path.get(p.path)
            if placed is not None:
                issues.append(_cell_issue(by_number[placed.row], placed, p, columns))
    return [issue for issue in issues if issue is not None]


def _cell_issue(
    row: Row, item: ImportRow, p: Problem, columns: dict[str, Cell]
) -> ImportIssue | None:
    """The problem at its row and column; None where it is about a stand-in (the row's own
    problem there is named already)."""
    field = _field_at_line(item.text, p.line)
    if row.broken and (field in row.stand_ins or p.code == "L118"):
        return None
    issue = _row_issue(row, columns, field, p.message)
    return dataclasses.replace(issue, severity=p.severity, code=p.code)


def _field_at_line(text: str, line: int) -> str | None:
    """The top-level key whose value holds `line` of a file lofte rendered."""
    field = None
    for number, content in enumerate(text.splitlines(), start=1):
        if number > line:
            break
        found = re.match(r"([a-z_]+):", content)
        if found:
            field = found.group(1)
    return field


# --- output and writing ------------------------------------------------------------------


SEVERITIES = {"error": N_("error"), "warning": N_("warning")}


def issue_line(sheet: Sheet, issue: ImportIssue) -> str:
    """`aktiviteter.csv:7: row 5, column C (Datum): error: '2023-13-01' is not a date …`"""
    line = issue.line if issue.line is not None else issue.row
    where = f"{sheet.source}:{line}:" if line is not None else f"{sheet.source}:"
    place = _place_text(issue.row, issue.column, issue.header)
    severity = _(SEVERITIES[issue.severity])
    what = f"{severity} {issue.code}" if issue.code else severity
    return (
        f"{where} {place}: {what}: {issue.message}" if place else f"{where} {what}: {issue.message}"
    )


def _place_text(row: int | None, column: int | None, header: str | None) -> str:
    """`row 5, column C (Datum)`, or as much of it as is known."""
    letter = column_letter(column) if column is not None else ""
    if row is not None and column is not None and header:
        return _("row {row}, column {column} ({header})").format(
            row=row, column=letter, header=header
        )
    if row is not None and column is not None:
        return _("row {row}, column {column}").format(row=row, column=letter)
    if row is not None:
        return _("row {row}").format(row=row)
    if column is not None and header:
        return _("column {column} ({header})").format(column=letter, header=header)
    if column is not None:
        return _("column {column}").format(column=letter)
    return ""


MAX_READINGS = 5  # values read as others shown per column; the rest are counted


def reading_lines(plan: ImportPlan) -> list[str]:
    """What lofte took the sheet's values for, one line per value and column (`Polisen` on
    twelve rows is one line), at most MAX_READINGS per column."""
    grouped: dict[tuple[int, str, str], list[CellReading]] = {}
    for cell in plan.readings:
        said = " ".join(cell.reading.typed.split()).casefold()  # Genomförd and genomförd
        grouped.setdefault((cell.column, said, cell.reading.shown), []).append(cell)
    lines = []
    per_column: dict[int, int] = {}
    ordered = sorted(grouped.items(), key=lambda item: (item[0][0], item[1][0].row))
    for (column, _said, shown), cells in ordered:
        typed = " ".join(cells[0].reading.typed.split())
        per_column[column] = per_column.get(column, 0) + 1
        if per_column[column] > MAX_READINGS:
            continue
        where = f"{plan.sheet.source}: {_place_text(None, column, cells[0].header)}"
        rows = [c.row for c in cells]
        listed = ", ".join(str(r) for r in rows[:8]) + (" …" if len(rows) > 8 else "")
        lines.append(
            ngettext(
                "{where}: {typed}: read as {value} (row {rows})",
                "{where}: {typed}: read as {value} (rows {rows})",
                len(rows),
            ).format(where=where, typed=typed, value=shown, rows=listed)
        )
    for column, count in per_column.items():
        if count > MAX_READINGS:
            header = next(f.header for f in plan.readings if f.column == column)
            where = f"{plan.sheet.source}: {_place_text(None, column, header)}"
            more = count - MAX_READINGS
            lines.append(
                ngettext(
                    "{where}: and {count} more value read the same way",
                    "{where}: and {count} more values read the same way",
                    more,
                ).format(where=where, count=more)
            )
    return lines


def write_import(plan: ImportPlan) -> list[Path]:
    """Create the plan's new files; all or none. Refuses a plan with errors."""
    if plan.errors:
        count = len(plan.errors)
        raise LofteError(
            ngettext(
                "nothing imported: {count} error", "nothing imported: {count} errors", count
            ).format(count=count)
        )
    written: list[Path] = []
    try:
        for item in plan.new:
            if not create_exclusive(item.path, item.text):
                raise LofteError(
                    _(
                        "{path}: appeared while importing (another run?); nothing imported, run "
                        "lofte import again"
                    ).format(path=item.path)
                )
            written.append(item.path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
