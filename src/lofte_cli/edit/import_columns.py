"""The header row of an activity sheet: which column holds which field, in English or
Swedish, and what is wrong with the headers. Also the shape of a problem found in a sheet,
and of a value read as another (`Stenungsunds kommun` as stenungsund)."""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from lofte_cli.edit.import_cells import cell_text
from lofte_cli.edit.sheet import Cell, Sheet, Unreadable, is_empty
from lofte_cli.i18n import _
from lofte_cli.values import Reading

# Each field and the headers that name it, compared without case, `_`, `-`, extra spaces
# or a trailing `*` or `:`. The first is the export's header.
HEADERS: dict[str, tuple[str, ...]] = {
    "pledge": ("pledge", "löfte", "medborgarlöfte", "löfte id", "pledge id"),
    "id": ("id", "aktivitets id", "aktivitet id", "activity id"),
    "date": ("date", "datum", "startdatum", "start date"),
    "end_date": ("end date", "slutdatum", "till och med", "t.o.m."),
    "status": ("status", "läge"),
    "by": (
        "by",
        "utförare",
        "utförd av",
        "genomförd av",
        "part",
        "parter",
        "ansvarig",
        "ansvariga",
        "ansvarig part",
        "parties",
        "party",
    ),
    "commitments": ("commitments", "åtaganden", "åtagande", "löftespunkt", "commitment"),
    "title": ("title", "titel", "rubrik", "aktivitet", "namn"),
    "description": ("description", "beskrivning", "vad gjordes"),
    "place": ("place", "plats", "ort"),
    "partners": (
        "partners",
        "samverkanspartner",
        "samverkanspartners",
        "samarbetspartner",
        "samarbetspartners",
        "samverkan",
        "samarbete",
        "medverkande",
        "partner",
    ),
    "target_groups": ("target groups", "målgrupper", "målgrupp", "target group"),
    "participants": ("participants", "deltagare", "antal deltagare", "antal"),
    "hours": ("hours", "timmar", "antal timmar", "arbetstimmar", "nedlagd tid"),
    "measures": ("measures", "mått", "mätetal", "prestationer", "prestation", "measure"),
    "links": ("links", "länkar", "länk", "källor", "källa", "link"),
}
REQUIRED = ("date", "by", "commitments", "title", "description")

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class ImportIssue:
    """A problem with the sheet: its row and column where it has them (spreadsheet
    numbering: the header is row 1, the first column A)."""

    message: str
    row: int | None = None
    column: int | None = None
    header: str | None = None
    line: int | None = None
    severity: Severity = "error"
    code: str | None = None


@dataclass(frozen=True, slots=True)
class CellReading:
    """What lofte took the value of a cell for, where it was written otherwise."""

    reading: Reading
    row: int
    column: int
    header: str


def normalise_header(text: str) -> str:
    """A header as compared: without case, `_`, `-`, invisible characters (a zero-width
    space, a stray byte-order mark) or extra spaces."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = unicodedata.normalize("NFC", text).casefold().replace("_", " ").replace("-", " ")
    return " ".join(text.split()).rstrip("*: ").strip()


_BY_HEADER = {normalise_header(h): field for field, names in HEADERS.items() for h in names}


def field_of(header: str) -> str | None:
    """The field a header names; `Timmar (h)` is read as `Timmar` when that is known."""
    key = normalise_header(header)
    if key in _BY_HEADER:
        return _BY_HEADER[key]
    bare = normalise_header(re.sub(r"\(.*?\)", " ", key))
    return _BY_HEADER.get(bare)


def map_columns(
    sheet: Sheet, *, ignore_unknown: bool = False
) -> tuple[dict[str, Cell], list[ImportIssue]]:
    """Field → header cell, and the problems of the header row. An unknown column is an
    error (so that no typo in a header drops data unseen), or with `ignore_unknown` a
    warning that its values are left out (a sheet's own notes, say)."""
    columns: dict[str, Cell] = {}
    issues: list[ImportIssue] = []
    listed = False  # the known columns are listed with the first unknown one
    for cell in sheet.header:
        if isinstance(cell.value, Unreadable):
            message = _("the header is {reason}").format(reason=cell.value.reason)
            issues.append(issue_at(cell, None, message))
            continue
        header = cell_text(cell.value)
        if not header:
            if any(len(r) > cell.column and not is_empty(r[cell.column].value) for r in sheet.rows):
                problem = _("this column has values but no header")
                left_out = _("this column has values but no header; its values are not imported")
                issues.append(_ignored(cell, "", problem, left_out, ignore_unknown))
            continue
        field = field_of(header)
        if field is None:
            problem = _unknown_header(header, listing=not listed)
            listed = True
            left_out = _("unknown column {header}; its values are not imported").format(
                header=repr(header)
            )
            issues.append(_ignored(cell, header, problem, left_out, ignore_unknown))
        elif field in columns:
            earlier = columns[field]
            message = _("a second column for {field} (column {letter} is one)").format(
                field=field, letter=earlier.letter
            )
            issues.append(issue_at(cell, header, message))
        else:
            columns[field] = cell
    header_row = sheet.header[0].row if sheet.header else 1
    for field in REQUIRED:
        if field not in columns:
            english, swedish = _example_headers(field)
            message = _(
                "no column for {field} (a header such as {english} or {swedish}); it is required"
            ).format(field=field, english=repr(english), swedish=repr(swedish))
            line = sheet.header[0].line if sheet.header else None
            issues.append(ImportIssue(message, row=header_row, line=line))
    return columns, issues


def _unknown_header(header: str, *, listing: bool) -> str:
    """The first unknown column lists the known ones; the others do not repeat it."""
    known = list(_BY_HEADER)
    near = difflib.get_close_matches(normalise_header(header), known, n=1, cutoff=0.75)
    if near and listing:
        message = _("unknown column {header}; did you mean {near}? the columns are {columns}")
    elif near:
        message = _("unknown column {header}; did you mean {near}?")
    elif listing:
        message = _("unknown column {header}; the columns are {columns}")
    else:
        message = _("unknown column {header}")
    columns = ", ".join(f"{names[0]} ({names[1]})" for names in HEADERS.values())
    return message.format(header=repr(header), near=repr(near[0]) if near else "", columns=columns)


def _ignored(cell: Cell, header: str, problem: str, left_out: str, ignore: bool) -> ImportIssue:
    """An unknown column: an error that says what would leave it out, or with
    --ignore-unknown-columns a warning (`left_out`)."""
    if not ignore:
        # TRANSLATORS: {problem} is a message such as "unknown column 'Kommentar'".
        refused = _("{problem} (--ignore-unknown-columns leaves it out)").format(problem=problem)
        return issue_at(cell, header, refused)
    return dataclasses.replace(issue_at(cell, header, left_out), severity="warning")


def _example_headers(field: str) -> tuple[str, str]:
    return HEADERS[field][0], HEADERS[field][1]


def issue_at(cell: Cell, header: str | None, message: str) -> ImportIssue:
    return ImportIssue(message, cell.row, cell.column, header, cell.line)
