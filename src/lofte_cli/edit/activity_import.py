"""`lofte import`: a spreadsheet of activities (the columns of `lofte export`, English or
Swedish headers) becomes activity files, each row checked as `lofte add-activity` checks a
new activity, every problem named by row and column, and nothing written unless every row
is valid.

The header row is read by `import_columns`, each cell by `import_cells`; this module turns
rows into activity drafts, places them, checks them and writes them. Pure planning
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
from lofte_cli.edit.activity_draft import (
    ActivityDraft,
    activity_path,
    render_activity,
    schema_comment,
)
from lofte_cli.edit.import_cells import (
    cell_text,
)
from lofte_cli.edit.import_columns import REQUIRED, ImportIssue, map_columns
from lofte_cli.edit.import_rows import Row, loaded, read_row
from lofte_cli.edit.sheet import Cell, Sheet
from lofte_cli.errors import LofteError, UsageError
from lofte_cli.paths import pledge_folders
from lofte_cli.slug import activity_id
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
    sheet: Sheet
    rows: tuple[ImportRow, ...]
    issues: tuple[ImportIssue, ...]

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
    if pledge_id is not None:
        loaded(catalog, pledge_id, folders)
    columns, issues = map_columns(sheet, ignore_unknown=ignore_unknown)
    if any(field not in columns for field in REQUIRED):
        return ImportPlan(sheet, (), tuple(issues))  # rows without them say nothing more
    if not sheet.rows and any(i.severity == "error" for i in issues):
        return ImportPlan(sheet, (), tuple(issues))
    if not sheet.rows:
        raise UsageError(f"{sheet.source}: no rows under the header; nothing to import")
    default = pledge_id
    if default is None and "pledge" not in columns:
        if len(folders) > 1:  # folders, not loaded pledges: a broken one may be meant
            raise UsageError(
                f"which pledge are the rows of {sheet.source.name} for? give --pledge ID "
                f"(there are {', '.join(folders)}), or add a pledge column"
            )
        default = loaded(catalog, next(iter(catalog.pledges)), folders)
    rows: list[Row] = []
    for cells in sheet.rows:
        row, found = read_row(cells, columns, sheet, default, catalog, ignore_unknown)
        issues += found
        if row is not None:
            rows.append(row)
    planned, placed_issues = _place(catalog, rows, columns)
    issues += placed_issues
    issues += _check(catalog, planned, rows, columns, today)
    ordered = sorted(issues, key=lambda i: (i.row or 0, i.column if i.column is not None else -1))
    return ImportPlan(sheet, tuple(planned), tuple(ordered))


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
                    issues.append(
                        _row_issue(row, columns, "id", f"id {path.stem!r} is on row {first} too")
                    )
                    break
                continue
            if path.exists() or path.is_symlink():
                found = existing.get(path)
                differs = None if found is None else _differences(found, row.draft)
                if differs == []:
                    taken.add(path)
                    planned.append(ImportRow(row.number, row.pledge_id, path, "", new=False))
                    break
                if row.identifier is not None:
                    issues.append(
                        _row_issue(
                            row,
                            columns,
                            "id",
                            f"activity {path.stem!r} already exists with other "
                            f"{', '.join(differs) if differs else 'content'} "
                            f"({_shown(path, root)}); lofte import adds, it never overwrites: "
                            "change the file with an editor, or clear the id cell to add a "
                            "new activity",
                        )
                    )
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
    issues: list[ImportIssue] = []
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
            raise LofteError(f"{item.path}: lofte produced YAML it cannot read: {doc.message}")
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
    return issues


def _cell_issue(row: Row, item: ImportRow, p: Problem, columns: dict[str, Cell]) -> ImportIssue:
    field = _field_at_line(item.text, p.line)
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


def issue_line(sheet: Sheet, issue: ImportIssue) -> str:
    """`aktiviteter.csv:7: row 5, column C (Datum): error: '2023-13-01' is not a date …`"""
    line = issue.line if issue.line is not None else issue.row
    where = f"{sheet.source}:{line}:" if line is not None else f"{sheet.source}:"
    parts = []
    if issue.row is not None:
        parts.append(f"row {issue.row}")
    if issue.column is not None:
        from lofte_cli.edit.sheet import column_letter

        column = f"column {column_letter(issue.column)}"
        parts.append(f"{column} ({issue.header})" if issue.header else column)
    place = f" {', '.join(parts)}:" if parts else ""
    code = f" {issue.code}" if issue.code else ""
    return f"{where}{place} {issue.severity}{code}: {issue.message}"


def write_import(plan: ImportPlan) -> list[Path]:
    """Create the plan's new files; all or none. Refuses a plan with errors."""
    if plan.errors:
        raise LofteError(f"nothing imported: {len(plan.errors)} error(s)")
    written: list[Path] = []
    try:
        for item in plan.new:
            if not create_exclusive(item.path, item.text):
                raise LofteError(
                    f"{item.path}: appeared while importing (another run?); nothing "
                    "imported, run lofte import again"
                )
            written.append(item.path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
