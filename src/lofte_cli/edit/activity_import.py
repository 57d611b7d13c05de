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
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lofte_cli.data.file_check import check_file
from lofte_cli.data.model import (
    Activity,
    Catalog,
    PledgeData,
    build_activity,
    pledge_data,
    require_pledges,
)
from lofte_cli.data.problem import Problem
from lofte_cli.data.rules import check_pledge
from lofte_cli.data.yaml_io import ParseFailure, parse_bytes
from lofte_cli.edit.activity_draft import (
    ActivityDraft,
    activity_path,
    render_activity,
    schema_comment,
)
from lofte_cli.edit.import_cells import (
    CellProblem,
    cell_text,
    count_cell,
    day_cell,
    hours_cell,
    ids_cell,
    labels_cell,
    links_cell,
    measures_cell,
    plain_text,
    status_cell,
)
from lofte_cli.edit.import_columns import REQUIRED, ImportIssue, issue_at, map_columns
from lofte_cli.edit.sheet import Cell, CellValue, Sheet, Unreadable, is_empty
from lofte_cli.errors import LofteError, UsageError
from lofte_cli.paths import pledge_folders
from lofte_cli.slug import activity_id, is_slug
from lofte_cli.write import create_exclusive

_EMPTY = {
    "date": "empty; the date is required (YYYY-MM-DD)",
    "by": "empty; name the party (or group) that carried it out, e.g. polisen",
    "commitments": "empty; name the commitment(s) it serves, e.g. polis-1",
    "title": "empty; a short public title is required",
    "description": "empty; a description for the public is required (one sentence will do)",
}
# Names Windows reserves, even with an extension: a repository holding one cannot be checked out.
_WINDOWS_NAMES = frozenset(
    [
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{n}" for n in range(1, 10)),
        *(f"lpt{n}" for n in range(1, 10)),
    ]
)
MAX_ID = 150  # a file name holds 255 bytes, and a temporary one beside it a few more


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


# --- rows --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    number: int
    line: int | None
    pledge_id: str
    identifier: str | None
    draft: ActivityDraft


def _read_row(
    cells: Sequence[Cell],
    columns: dict[str, Cell],
    sheet: Sheet,
    default_pledge: str | None,
    catalog: Catalog,
    ignore_unknown: bool = False,
) -> tuple[_Row | None, list[ImportIssue]]:
    issues: list[ImportIssue] = []
    number = cells[0].row
    line = cells[0].line
    values: dict[str, object] = {}

    def cell_of(field: str) -> Cell:
        column = columns[field].column
        if column < len(cells):
            return cells[column]
        return Cell(None, number, column, line)

    def read(field: str, parse: Callable[[CellValue], object]) -> None:
        if field not in columns:
            return
        cell = cell_of(field)
        if isinstance(cell.value, Unreadable):
            issues.append(issue_at(cell, _header(columns, field), cell.value.reason))
            return
        if is_empty(cell.value):
            if field in REQUIRED:
                issues.append(issue_at(cell, _header(columns, field), _EMPTY[field]))
            return
        try:
            values[field] = parse(cell.value)
        except CellProblem as exc:
            issues.append(issue_at(cell, _header(columns, field), str(exc)))

    for column, cell in enumerate(cells):
        if column >= len(sheet.header) and not is_empty(cell.value) and not ignore_unknown:
            issues.append(issue_at(cell, None, "a value in a column with no header"))
    excel = sheet.excel_csv
    read("pledge", cell_text)
    read("id", cell_text)
    read("date", day_cell)
    read("end_date", day_cell)
    read("status", status_cell)
    read("by", ids_cell)
    read("commitments", ids_cell)
    read("title", lambda v: plain_text(cell_text(v, excel_csv=excel)))
    read("description", lambda v: plain_text(cell_text(v, excel_csv=excel)))
    read("place", lambda v: plain_text(cell_text(v, excel_csv=excel)))
    read("partners", lambda v: labels_cell(v, excel))
    read("target_groups", lambda v: labels_cell(v, excel))
    read("participants", count_cell)
    read("hours", hours_cell)
    read("measures", lambda v: measures_cell(v, excel))
    read("links", lambda v: links_cell(v, excel))

    pledge_id = _row_pledge(values, columns, cell_of, default_pledge, catalog, issues)
    identifier = values.get("id")
    if isinstance(identifier, str) and len(identifier) > MAX_ID:
        issues.append(
            issue_at(
                cell_of("id"),
                _header(columns, "id"),
                f"an id of {len(identifier)} characters is too long for a file name (at most "
                f"{MAX_ID}); leave the cell empty and lofte makes one from date and title",
            )
        )
    elif isinstance(identifier, str) and identifier in _WINDOWS_NAMES:
        issues.append(
            issue_at(
                cell_of("id"),
                _header(columns, "id"),
                f"{identifier!r} cannot be a file name on Windows; leave the cell empty and "
                "lofte makes one from date and title",
            )
        )
    elif isinstance(identifier, str) and not is_slug(identifier):
        issues.append(
            issue_at(
                cell_of("id"),
                _header(columns, "id"),
                f"{identifier!r} is not an activity id (lowercase a-z, 0-9 and single "
                "hyphens); leave the cell empty and lofte makes one from date and title",
            )
        )
    if issues or pledge_id is None:
        return None, issues
    if "by" in values:
        values["by"] = _party_ids(catalog.pledges[pledge_id], values["by"])  # type: ignore[arg-type]
    draft = ActivityDraft(
        pledge_id=pledge_id,
        date=values["date"],  # type: ignore[arg-type]
        by=values["by"],  # type: ignore[arg-type]
        commitments=_commitment_ids(catalog.pledges[pledge_id], values["commitments"]),  # type: ignore[arg-type]
        title=values["title"],  # type: ignore[arg-type]
        description=values["description"],  # type: ignore[arg-type]
        end_date=values.get("end_date"),  # type: ignore[arg-type]
        status=values.get("status", "done"),  # type: ignore[arg-type]
        place=values.get("place") or None,  # type: ignore[arg-type]
        partners=values.get("partners", ()),  # type: ignore[arg-type]
        target_groups=values.get("target_groups", ()),  # type: ignore[arg-type]
        participants=values.get("participants"),  # type: ignore[arg-type]
        measures=values.get("measures", {}),  # type: ignore[arg-type]
        hours=values.get("hours"),  # type: ignore[arg-type]
        links=values.get("links", ()),  # type: ignore[arg-type]
    )
    return _Row(number, line, pledge_id, identifier or None, draft), []  # type: ignore[arg-type]


def _header(columns: dict[str, Cell], field: str) -> str:
    return cell_text(columns[field].value)


def _row_pledge(
    values: dict[str, object],
    columns: dict[str, Cell],
    cell_of: Callable[[str], Cell],
    default: str | None,
    catalog: Catalog,
    issues: list[ImportIssue],
) -> str | None:
    named = values.get("pledge")
    if not isinstance(named, str) or not named:
        folders = pledge_folders(catalog.root)
        if default is None and len(folders) == 1 and folders[0] in catalog.pledges:
            return folders[0]  # an empty pledge cell, and there is one pledge
        if default is None:
            where = cell_of("pledge") if "pledge" in columns else None
            message = "which pledge? give --pledge, or the pledge's id in a pledge column"
            issues.append(
                issue_at(where, _header(columns, "pledge"), message)
                if where
                else ImportIssue(message)
            )
        return default
    cell = cell_of("pledge")
    if default is not None and named != default:
        issues.append(
            issue_at(
                cell,
                _header(columns, "pledge"),
                f"this row is for pledge {named!r}, not {default!r} (--pledge)"
                + (
                    f"; import it with --pledge {named}, or without --pledge"
                    if is_slug(named)
                    else ""
                ),
            )
        )
        return None
    if named not in catalog.pledges:
        try:
            _loaded(catalog, named, pledge_folders(catalog.root))
        except UsageError as exc:
            issues.append(issue_at(cell, _header(columns, "pledge"), str(exc)))
        return None
    return named


def _loaded(catalog: Catalog, pledge_id: str, folders: Sequence[str]) -> str:
    """`pledge_id` when it loaded; a usage error that tells a broken pledge from an
    unknown one."""
    if pledge_id not in catalog.pledges and pledge_id in folders:
        raise UsageError(
            f"pledge {pledge_id!r} does not load: its pledge.yaml has errors (run lofte "
            "validate, fix them, then import)"
        )
    pledge_data(catalog, pledge_id)
    return pledge_id


def _party_ids(data: PledgeData, given: tuple[str, ...]) -> tuple[str, ...]:
    """Ids as given; a party's id or name in other case is read as that party (a sheet
    often says `Polisen` or `Stenungsunds kommun`). Anything else is left for the checks
    to name."""
    pledge = data.pledge
    known = {
        unicodedata.normalize("NFC", p.name).casefold(): p.id
        for p in pledge.parties.values()
        if p.name
    }
    known.update({name.casefold(): name for name in (*pledge.groups, *pledge.parties)})
    exact = {*pledge.groups, *pledge.parties}
    found = (
        name if name in exact else known.get(unicodedata.normalize("NFC", name).casefold(), name)
        for name in given
    )
    return tuple(dict.fromkeys(found))  # `Polisen; polisen` is one party


def _commitment_ids(data: PledgeData, given: tuple[str, ...]) -> tuple[str, ...]:
    known = {c.id.casefold(): c.id for c in data.pledge.commitments}
    return tuple(dict.fromkeys(known.get(name.casefold(), name) for name in given))


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
        _loaded(catalog, pledge_id, folders)
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
        default = _loaded(catalog, next(iter(catalog.pledges)), folders)
    rows: list[_Row] = []
    for cells in sheet.rows:
        row, found = _read_row(cells, columns, sheet, default, catalog, ignore_unknown)
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
    catalog: Catalog, rows: Iterable[_Row], columns: dict[str, Cell]
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


def _row_issue(row: _Row, columns: dict[str, Cell], field: str | None, message: str) -> ImportIssue:
    if field is not None and field in columns:
        column = columns[field]
        return ImportIssue(message, row.number, column.column, _header(columns, field), row.line)
    return ImportIssue(message, row.number, None, None, row.line)


def _check(
    catalog: Catalog,
    planned: Sequence[ImportRow],
    rows: Sequence[_Row],
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
            item = by_path.get(p.path)
            if item is not None:
                issues.append(_cell_issue(by_number[item.row], item, p, columns))
    return issues


def _cell_issue(row: _Row, item: ImportRow, p: Problem, columns: dict[str, Cell]) -> ImportIssue:
    field = _field_at_line(item.text, p.line)
    issue = _row_issue(row, columns, field, p.message)
    return dataclasses.replace(issue, severity=p.severity, code=p.code)  # type: ignore[arg-type]


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
