"""One row of an imported sheet, read into an activity draft: every cell by its column,
each problem named by row and column, the row's pledge settled, party names and
commitment ids in any case taken as the ids they stand for."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from lofte_cli.data.model import Catalog, Link, PledgeData, pledge_data
from lofte_cli.edit.activity_draft import ActivityDraft
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
from lofte_cli.edit.import_columns import REQUIRED, ImportIssue, issue_at
from lofte_cli.edit.sheet import Cell, CellValue, Sheet, Unreadable, is_empty
from lofte_cli.errors import UsageError
from lofte_cli.paths import pledge_folders
from lofte_cli.slug import is_slug

Day = date  # for fields after one named `date`, which hides the type there

T = TypeVar("T")

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


@dataclass(frozen=True)
class Row:
    """A data row that reads as an activity: where it is, its pledge, its id if it gave one."""

    number: int
    line: int | None
    pledge_id: str
    identifier: str | None
    draft: ActivityDraft


@dataclass(frozen=True)
class RowValues:
    """The cells of one row, each read as its column's type; None where the cell was
    empty, missing or could not be read (the reason is then among the row's issues)."""

    pledge: str | None = None
    id: str | None = None
    date: date | None = None
    end_date: Day | None = None
    status: str | None = None
    by: tuple[str, ...] | None = None
    commitments: tuple[str, ...] | None = None
    title: str | None = None
    description: str | None = None
    place: str | None = None
    partners: tuple[str, ...] | None = None
    target_groups: tuple[str, ...] | None = None
    participants: int | None = None
    hours: int | float | None = None
    measures: dict[str, int] | None = None
    links: tuple[Link, ...] | None = None


class RowReader:
    """Reads the cells of one row by column name, collecting each problem as an issue."""

    def __init__(self, cells: Sequence[Cell], columns: dict[str, Cell]) -> None:
        self.cells = cells
        self.columns = columns
        self.issues: list[ImportIssue] = []

    def cell(self, field: str) -> Cell:
        column = self.columns[field].column
        if column < len(self.cells):
            return self.cells[column]
        return Cell(None, self.cells[0].row, column, self.cells[0].line)

    def header(self, field: str) -> str:
        return cell_text(self.columns[field].value)

    def issue(self, field: str, message: str) -> None:
        self.issues.append(issue_at(self.cell(field), self.header(field), message))

    def read(self, field: str, parse: Callable[[CellValue], T]) -> T | None:
        if field not in self.columns:
            return None
        value = self.cell(field).value
        if isinstance(value, Unreadable):
            self.issue(field, value.reason)
            return None
        if is_empty(value):
            if field in REQUIRED:
                self.issue(field, _EMPTY[field])
            return None
        try:
            return parse(value)
        except CellProblem as exc:
            self.issue(field, str(exc))
            return None


def read_row(
    cells: Sequence[Cell],
    columns: dict[str, Cell],
    sheet: Sheet,
    default_pledge: str | None,
    catalog: Catalog,
    ignore_unknown: bool = False,
) -> tuple[Row | None, list[ImportIssue]]:
    """The row as an activity draft, or None and why not."""
    reader = RowReader(cells, columns)
    for column, cell in enumerate(cells):
        if column >= len(sheet.header) and not is_empty(cell.value) and not ignore_unknown:
            reader.issues.append(issue_at(cell, None, "a value in a column with no header"))
    values = _read_values(reader, excel=sheet.excel_csv)
    pledge_id = _row_pledge(values.pledge, reader, default_pledge, catalog)
    _check_id(values.id, reader)
    if reader.issues or pledge_id is None:
        return None, reader.issues
    return Row(
        cells[0].row, cells[0].line, pledge_id, values.id or None,
        _draft(values, catalog.pledges[pledge_id], pledge_id),
    ), []  # fmt: skip


def _read_values(reader: RowReader, *, excel: bool) -> RowValues:
    def text(value: CellValue) -> str:
        return plain_text(cell_text(value, excel_csv=excel))

    return RowValues(
        pledge=reader.read("pledge", cell_text),
        id=reader.read("id", cell_text),
        date=reader.read("date", day_cell),
        end_date=reader.read("end_date", day_cell),
        status=reader.read("status", status_cell),
        by=reader.read("by", ids_cell),
        commitments=reader.read("commitments", ids_cell),
        title=reader.read("title", text),
        description=reader.read("description", text),
        place=reader.read("place", text),
        partners=reader.read("partners", lambda v: labels_cell(v, excel)),
        target_groups=reader.read("target_groups", lambda v: labels_cell(v, excel)),
        participants=reader.read("participants", count_cell),
        hours=reader.read("hours", hours_cell),
        measures=reader.read("measures", lambda v: measures_cell(v, excel)),
        links=reader.read("links", lambda v: links_cell(v, excel)),
    )


def _draft(values: RowValues, data: PledgeData, pledge_id: str) -> ActivityDraft:
    """The draft of a row that read without a problem (so every required value is there)."""
    assert values.date is not None and values.by is not None and values.commitments is not None
    return ActivityDraft(
        pledge_id=pledge_id,
        date=values.date,
        by=party_ids(data, values.by),
        commitments=commitment_ids(data, values.commitments),
        title=values.title or "",
        description=values.description or "",
        end_date=values.end_date,
        status=values.status or "done",
        place=values.place or None,
        partners=values.partners or (),
        target_groups=values.target_groups or (),
        participants=values.participants,
        measures=values.measures or {},
        hours=values.hours,
        links=values.links or (),
    )


def _check_id(identifier: str | None, reader: RowReader) -> None:
    """An id the sheet gives must make a file name on every system."""
    if identifier is None:
        return
    if len(identifier) > MAX_ID:
        reader.issue(
            "id",
            f"an id of {len(identifier)} characters is too long for a file name (at most "
            f"{MAX_ID}); leave the cell empty and lofte makes one from date and title",
        )
    elif identifier in _WINDOWS_NAMES:
        reader.issue(
            "id",
            f"{identifier!r} cannot be a file name on Windows; leave the cell empty and "
            "lofte makes one from date and title",
        )
    elif not is_slug(identifier):
        reader.issue(
            "id",
            f"{identifier!r} is not an activity id (lowercase a-z, 0-9 and single "
            "hyphens); leave the cell empty and lofte makes one from date and title",
        )


def _row_pledge(
    named: str | None, reader: RowReader, default: str | None, catalog: Catalog
) -> str | None:
    if not named:
        folders = pledge_folders(catalog.root)
        if default is None and len(folders) == 1 and folders[0] in catalog.pledges:
            return folders[0]  # an empty pledge cell, and there is one pledge
        if default is None:
            message = "which pledge? give --pledge, or the pledge's id in a pledge column"
            if "pledge" in reader.columns:
                reader.issue("pledge", message)
            else:
                reader.issues.append(ImportIssue(message))
        return default
    if default is not None and named != default:
        hint = f"; import it with --pledge {named}, or without --pledge"
        message = f"this row is for pledge {named!r}, not {default!r} (--pledge)"
        reader.issue("pledge", message + (hint if is_slug(named) else ""))
        return None
    if named not in catalog.pledges:
        try:
            loaded(catalog, named, pledge_folders(catalog.root))
        except UsageError as exc:
            reader.issue("pledge", str(exc))
        return None
    return named


def loaded(catalog: Catalog, pledge_id: str, folders: Sequence[str]) -> str:
    """`pledge_id` when it loaded; a usage error that tells a broken pledge from an
    unknown one."""
    if pledge_id not in catalog.pledges and pledge_id in folders:
        raise UsageError(
            f"pledge {pledge_id!r} does not load: its pledge.yaml has errors (run lofte "
            "validate, fix them, then import)"
        )
    pledge_data(catalog, pledge_id)
    return pledge_id


def party_ids(data: PledgeData, given: tuple[str, ...]) -> tuple[str, ...]:
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


def commitment_ids(data: PledgeData, given: tuple[str, ...]) -> tuple[str, ...]:
    known = {c.id.casefold(): c.id for c in data.pledge.commitments}
    return tuple(dict.fromkeys(known.get(name.casefold(), name) for name in given))
