"""One row of an imported sheet, read into an activity draft: every cell by its column,
each problem named by row and column, the row's pledge settled, parties and commitments
read as the flags read them (`Stenungsunds kommun`, `Polis 3`), and what lofte took a value
for kept, so that it can say so. A row with problems still becomes a draft, with stand-ins
for the values it lacks, so that the checks can name its other problems too."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from lofte_cli.data.model import Catalog, Link, Pledge, pledge_data
from lofte_cli.edit.activity_fields import ActivityDraft
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
from lofte_cli.edit.import_columns import REQUIRED, CellReading, ImportIssue, issue_at
from lofte_cli.edit.readers import read_commitment, read_party, read_pledge
from lofte_cli.edit.sheet import Cell, CellValue, Sheet, Unreadable, is_empty
from lofte_cli.errors import UsageError
from lofte_cli.i18n import N_, _
from lofte_cli.paths import pledge_folders
from lofte_cli.slug import is_slug
from lofte_cli.values import Reading

Day = date  # for fields after one named `date`, which hides the type there

T = TypeVar("T")

_EMPTY = {
    "date": N_("empty; the date is required (YYYY-MM-DD)"),
    "by": N_("empty; name the party (or group) that carried it out, e.g. polisen"),
    "commitments": N_("empty; name the commitment(s) it serves, e.g. polis-1"),
    "title": N_("empty; a short public title is required"),
    "description": N_("empty; a description for the public is required (one sentence will do)"),
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
    """A data row that reads as an activity: where it is, its pledge, its id if it gave one.
    A row with problems has `stand_ins`: the fields whose values are made up so that the
    checks can run, and whose problems are not reported again."""

    number: int
    line: int | None
    pledge_id: str
    identifier: str | None
    draft: ActivityDraft
    stand_ins: frozenset[str] = frozenset()

    @property
    def broken(self) -> bool:
        return bool(self.stand_ins)


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
    """Reads the cells of one row by column name, collecting each problem as an issue and
    each value read as another as a reading."""

    def __init__(self, cells: Sequence[Cell], columns: dict[str, Cell]) -> None:
        self.cells = cells
        self.columns = columns
        self.issues: list[ImportIssue] = []
        self.readings: list[CellReading] = []
        self.broken: set[str] = set()

    def cell(self, field: str) -> Cell:
        column = self.columns[field].column
        if column < len(self.cells):
            return self.cells[column]
        return Cell(None, self.cells[0].row, column, self.cells[0].line)

    def header(self, field: str) -> str:
        return cell_text(self.columns[field].value)

    def issue(self, field: str, message: str, code: str | None = None) -> None:
        self.broken.add(field)
        found = issue_at(self.cell(field), self.header(field), message)
        self.issues.append(dataclasses.replace(found, code=code))

    def note(self, field: str, reading: Reading) -> None:
        """Keep what a cell was read as, when it was written otherwise."""
        if reading.changed:
            cell = self.cell(field)
            self.readings.append(CellReading(reading, cell.row, cell.column, self.header(field)))

    def read(
        self, field: str, parse: Callable[[CellValue], T], shown: Callable[[T], str] | None = None
    ) -> T | None:
        """The cell of `field` read by `parse`; with `shown`, a text cell read as a value
        written otherwise (`15 mars 2023`, `Genomförd`) is noted."""
        if field not in self.columns:
            return None
        value = self.cell(field).value
        if isinstance(value, Unreadable):
            self.issue(field, value.reason)
            return None
        if is_empty(value):
            if field in REQUIRED:
                self.issue(field, _(_EMPTY[field]))
            return None
        try:
            found = parse(value)
        except CellProblem as exc:
            self.issue(field, str(exc))
            return None
        if shown is not None and isinstance(value, str):
            self.note(field, Reading(value.strip(), shown(found)))
        return found

    def read_ids(
        self, field: str, typed: tuple[str, ...] | None, read: Callable[[str], Reading], code: str
    ) -> tuple[str, ...] | None:
        """The ids the names in a cell stand for (each problem an issue with `code`)."""
        if typed is None:
            return None
        found = []
        for text in typed:
            try:
                reading = read(text)
            except ValueError as exc:
                self.issue(field, str(exc), code)
                continue
            self.note(field, reading)
            found.append(reading.value)
        return tuple(dict.fromkeys(found)) or None  # `Polisen; polisen` is one party


def read_row(
    cells: Sequence[Cell],
    columns: dict[str, Cell],
    sheet: Sheet,
    default_pledge: str | None,
    catalog: Catalog,
    ignore_unknown: bool = False,
) -> tuple[Row | None, list[ImportIssue], list[CellReading]]:
    """The row as an activity draft, its problems and what its values were read as. A row
    with problems is a draft with stand-ins (see `Row`), or None when its pledge is not
    known."""
    reader = RowReader(cells, columns)
    for column, cell in enumerate(cells):
        if column >= len(sheet.header) and not is_empty(cell.value) and not ignore_unknown:
            message = _("a value in a column with no header")
            reader.issues.append(issue_at(cell, None, message))
    values = _read_values(reader, excel=sheet.excel_csv)
    pledge_id = _row_pledge(values.pledge, reader, default_pledge, catalog)
    _check_id(values.id, reader)
    if pledge_id is None:
        return None, reader.issues, reader.readings
    pledge = catalog.pledges[pledge_id].pledge
    values = dataclasses.replace(
        values,
        by=reader.read_ids("by", values.by, lambda t: read_party(pledge, t), "L104"),
        commitments=reader.read_ids(
            "commitments", values.commitments, lambda t: read_commitment(pledge, t), "L103"
        ),
    )
    if not pledge.commitments or not pledge.parties:
        return None, reader.issues, reader.readings
    number = cells[0].row
    draft, stand_ins = _draft(values, pledge, pledge_id, reader.broken, number)
    identifier = None if "id" in reader.broken else values.id or None
    row = Row(number, cells[0].line, pledge_id, identifier, draft, stand_ins)
    return row, reader.issues, reader.readings


def _read_values(reader: RowReader, *, excel: bool) -> RowValues:
    def text(value: CellValue) -> str:
        return plain_text(cell_text(value, excel_csv=excel))

    return RowValues(
        pledge=reader.read("pledge", cell_text),
        id=reader.read("id", cell_text),
        date=reader.read("date", day_cell, date.isoformat),
        end_date=reader.read("end_date", day_cell, date.isoformat),
        status=reader.read("status", status_cell, str),
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


def _draft(
    values: RowValues, pledge: Pledge, pledge_id: str, broken: set[str], number: int
) -> tuple[ActivityDraft, frozenset[str]]:
    """The row's draft, and the fields that hold stand-ins for values the row lacks: the
    pledge's first day for a date, its first commitment and a party of it, a plain title
    and description. A stand-in date or commitment makes the checks on what depends on it
    (end date, responsibility) stand-ins too."""
    stand_ins = set(broken)
    if values.date is None:
        stand_ins |= {"date", "end_date"}
    if "commitments" in stand_ins:
        stand_ins.add("by")
    first = pledge.commitments[0]
    commitments = values.commitments or (first.id,)
    by = values.by or (first.parties[0] if first.parties else next(iter(pledge.parties)),)
    if stand_ins:
        stand_ins.add("duplicate")  # another row's twin only by its stand-ins is none
    return ActivityDraft(
        pledge_id=pledge_id,
        date=values.date or pledge.start,
        by=by,
        commitments=commitments,
        title=values.title or f"rad {number}",
        description=values.description or "-",
        end_date=None if "end_date" in stand_ins else values.end_date,
        status=values.status or ("planned" if "status" in stand_ins else "done"),
        place=values.place or None,
        partners=values.partners or (),
        target_groups=values.target_groups or (),
        participants=values.participants,
        measures=values.measures or {},
        hours=values.hours,
        links=values.links or (),
    ), frozenset(stand_ins)


def _check_id(identifier: str | None, reader: RowReader) -> None:
    """An id the sheet gives must make a file name on every system."""
    if identifier is None:
        return
    if len(identifier) > MAX_ID:
        message = _(
            "an id of {length} characters is too long for a file name (at most {most}); leave "
            "the cell empty and lofte makes one from date and title"
        ).format(length=len(identifier), most=MAX_ID)
    elif identifier in _WINDOWS_NAMES:
        message = _(
            "{id} cannot be a file name on Windows; leave the cell empty and lofte makes one "
            "from date and title"
        ).format(id=repr(identifier))
    elif not is_slug(identifier):
        message = _(
            "{id} is not an activity id (lowercase a-z, 0-9 and single hyphens); leave the "
            "cell empty and lofte makes one from date and title"
        ).format(id=repr(identifier))
    else:
        return
    reader.issue("id", message)


def _row_pledge(
    named: str | None, reader: RowReader, default: str | None, catalog: Catalog
) -> str | None:
    folders = pledge_folders(catalog.root)
    if not named:
        if default is None and len(folders) == 1 and folders[0] in catalog.pledges:
            return folders[0]  # an empty pledge cell, and there is one pledge
        if default is None:
            message = _("which pledge? give --pledge, or the pledge's id in a pledge column")
            if "pledge" in reader.columns:
                reader.issue("pledge", message)
            else:
                reader.issues.append(ImportIssue(message))
        return default
    if named not in catalog.pledges and named not in folders:
        try:
            reading = read_pledge(catalog, named)  # its id in another case, or its title
        except ValueError as exc:
            if default is None:
                reader.issue("pledge", str(exc))
                return None
        else:
            reader.note("pledge", reading)
            named = reading.value
    if default is not None and named != default:
        if is_slug(named):
            message = _(
                "this row is for pledge {named}, not {default} (--pledge); import it with "
                "--pledge {id}, or without --pledge"
            )
        else:
            message = _("this row is for pledge {named}, not {default} (--pledge)")
        reader.issue("pledge", message.format(named=repr(named), default=repr(default), id=named))
        return None
    if named not in catalog.pledges:
        try:
            loaded(catalog, named, folders)
        except UsageError as exc:
            reader.issue("pledge", str(exc))
        return None
    return named


def loaded(catalog: Catalog, pledge_id: str, folders: Sequence[str]) -> str:
    """`pledge_id` when it loaded; a usage error that tells a broken pledge from an
    unknown one."""
    if pledge_id not in catalog.pledges and pledge_id in folders:
        raise UsageError(
            _(
                "pledge {pledge} does not load: its pledge.yaml has errors (run lofte "
                "validate, fix them, then import)"
            ).format(pledge=repr(pledge_id))
        )
    pledge_data(catalog, pledge_id)
    return pledge_id
