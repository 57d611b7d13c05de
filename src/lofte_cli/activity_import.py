"""`lofte import`: a spreadsheet of activities (the columns of `lofte export`, English or
Swedish headers) becomes activity files, each row checked as `lofte add-activity` checks a
new activity, every problem named by row and column, and nothing written unless every row
is valid.

Pure planning (`plan_import`) is apart from writing (`write_import`), so that `--dry-run`
shows exactly what a real run would do. A row whose activity is already there with the same
content is left alone, so importing the same sheet twice writes nothing the second time.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from lofte_cli.activity_draft import (
    ActivityDraft,
    activity_path,
    parse_status,
    pledge_data,
    read_count,
    read_hours,
    render_activity,
    require_pledges,
    schema_comment,
)
from lofte_cli.errors import LofteError, UsageError
from lofte_cli.export import FORMULA_START
from lofte_cli.file_check import check_file
from lofte_cli.model import Activity, Catalog, Link, PledgeData, build_activity
from lofte_cli.paths import pledge_folders
from lofte_cli.problem import Problem
from lofte_cli.rules import check_pledge
from lofte_cli.sheet import Cell, CellValue, Sheet, Unreadable, is_empty
from lofte_cli.slug import activity_id, is_slug
from lofte_cli.write import create_exclusive
from lofte_cli.yaml_io import ParseFailure, parse_bytes

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


class _CellProblem(Exception):
    """A value that cannot be read; the message says what to write instead."""


# --- headers -----------------------------------------------------------------------------


def normalise_header(text: str) -> str:
    """A header as compared: without case, `_`, `-`, invisible characters (a zero-width
    space, a stray byte-order mark) or extra spaces."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = unicodedata.normalize("NFC", text).casefold().replace("_", " ").replace("-", " ")
    return " ".join(text.split()).rstrip("*: ").strip()


_BY_HEADER = {normalise_header(h): field for field, names in HEADERS.items() for h in names}


def _field_of(header: str) -> str | None:
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
    for cell in sheet.header:
        if isinstance(cell.value, Unreadable):
            issues.append(_at(cell, None, f"the header is {cell.value.reason}"))
            continue
        header = _text(cell.value)
        if not header:
            if any(len(r) > cell.column and not is_empty(r[cell.column].value) for r in sheet.rows):
                issues.append(
                    _ignored(cell, "", "this column has values but no header", ignore_unknown)
                )
            continue
        field = _field_of(header)
        if field is None:
            first = not any(i.message.startswith("unknown column") for i in issues)
            message = _unknown_header(header, listing=first)
            issues.append(_ignored(cell, header, message, ignore_unknown))
        elif field in columns:
            first = columns[field]
            issues.append(
                _at(cell, header, f"a second column for {field} (column {first.letter} is one)")
            )
        else:
            columns[field] = cell
    header_row = sheet.header[0].row if sheet.header else 1
    for field in REQUIRED:
        if field not in columns:
            issues.append(
                ImportIssue(
                    f"no column for {field} (a header such as "
                    f"{' or '.join(repr(h) for h in _example_headers(field))}); it is required",
                    row=header_row,
                    line=sheet.header[0].line if sheet.header else None,
                )
            )
    return columns, issues


def _unknown_header(header: str, *, listing: bool) -> str:
    """The first unknown column lists the known ones; the others do not repeat it."""
    known = list(_BY_HEADER)
    near = difflib.get_close_matches(normalise_header(header), known, n=1, cutoff=0.75)
    guess = f"did you mean {near[0]!r}? " if near else ""
    return f"unknown column {header!r}; {guess}{_known_columns() if listing else ''}".rstrip("; ")


def _ignored(cell: Cell, header: str, message: str, ignore: bool) -> ImportIssue:
    if not ignore:
        return _at(cell, header, message + " (--ignore-unknown-columns leaves it out)")
    return dataclasses.replace(
        _at(cell, header, message.split(";")[0] + "; its values are not imported"),
        severity="warning",
    )


def _known_columns() -> str:
    names = ", ".join(f"{names[0]} ({names[1]})" for names in HEADERS.values())
    return f"the columns are {names}"


def _example_headers(field: str) -> tuple[str, str]:
    return HEADERS[field][0], HEADERS[field][1]


def _at(cell: Cell, header: str | None, message: str) -> ImportIssue:
    return ImportIssue(message, cell.row, cell.column, header, cell.line)


# --- cells -------------------------------------------------------------------------------


def _text(value: CellValue, *, excel_csv: bool = False) -> str:
    """A cell as text: line ends as \\n, a spreadsheet's number as it was typed (40, not
    40.0), and for Excel CSV the `'` the export put before formula-like text taken off."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if excel_csv and text.startswith("'") and text[1:].startswith((*FORMULA_START, "'")):
        text = text[1:]
    return text


def _day(value: CellValue) -> date:
    if isinstance(value, date):
        return value
    text = _text(value)
    found = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?", text)
    if found:
        try:
            return date.fromisoformat(found.group(1))
        except ValueError:
            raise _CellProblem(f"{text!r}: there is no such day") from None
    if isinstance(value, int | float) and 20_000 < value < 80_000:
        raise _CellProblem(
            f"{text} is Excel's number for a date: format the column as a date "
            "(YYYY-MM-DD) in the spreadsheet"
        )
    raise _CellProblem(f"{text!r} is not a date; write YYYY-MM-DD, e.g. 2024-03-14")


def _number(value: CellValue, *, whole: bool) -> int | float:
    """A number cell as it is (never ambiguous), or text read as the flags read it."""
    noun = "a whole number" if whole else "a number of hours"
    if isinstance(value, bool) or (
        isinstance(value, float) and (value != value or value in (float("inf"), float("-inf")))
    ):
        raise _CellProblem(f"{_text(value)!r} is not {noun}")
    if isinstance(value, int | float):
        if value < 0:
            raise _CellProblem(f"{_text(value)} is negative; give 0 or more")
        if float(value).is_integer():
            return int(value)
        if whole:
            raise _CellProblem(f"{_text(value)!r} is not a whole number")
        return value
    try:
        return read_count(_text(value)) if whole else read_hours(_text(value))
    except ValueError as exc:
        raise _CellProblem(str(exc)) from None


def _count(value: CellValue) -> int:
    return int(_number(value, whole=True))


def _hours(value: CellValue) -> int | float:
    return _number(value, whole=False)


def _status(value: CellValue) -> str:
    try:
        return parse_status(_text(value), "status")
    except UsageError as exc:
        raise _CellProblem(str(exc).removeprefix("status ")) from None


def _ids(value: CellValue) -> tuple[str, ...]:
    """Ids (or party names) separated by `;`, `,` or line breaks, which none of them hold;
    each once."""
    parts = (part.strip() for part in re.split(r"[;,\n]", _text(value)))
    return tuple(dict.fromkeys(part for part in parts if part))


def _plain(text: str) -> str:
    """Text for the public: refused when it holds a control character (they show as
    nothing, or as boxes)."""
    for char in text:
        if unicodedata.category(char) == "Cc" and char not in "\n\t":
            raise _CellProblem(f"a control character (U+{ord(char):04X}); retype the text")
    return text


def _labels(value: CellValue, excel_csv: bool) -> tuple[str, ...]:
    """Free labels, separated by `;` or line breaks (a label may hold a comma)."""
    text = _plain(_text(value, excel_csv=excel_csv))
    parts = (part.strip() for part in re.split(r"[;\n]", text))
    return tuple(dict.fromkeys(part for part in parts if part))


def _measures(value: CellValue, excel_csv: bool) -> dict[str, int]:
    found: dict[str, int] = {}
    for item in _labels(value, excel_csv):
        name, sep, number = item.rpartition("=")
        if not sep or not name.strip():
            raise _CellProblem(f"{item!r}: write NAME=N, e.g. trafikkontroller=25")
        name = name.strip()
        if not name.isprintable():
            raise _CellProblem(f"{name!r}: a measure name is one line of plain text")
        if name in found:
            raise _CellProblem(f"{name!r} is given twice")
        try:
            found[name] = _count(number)
        except _CellProblem as exc:
            raise _CellProblem(f"{name}: {exc}") from None
    return found


def _links(value: CellValue, excel_csv: bool) -> tuple[Link, ...]:
    """`https://a.se Title; https://b.se` — a `;` starts a new link only before an address,
    so that a title may hold one."""
    text = _plain(_text(value, excel_csv=excel_csv))
    items = [p.strip() for p in re.split(r"[\n;](?=\s*[A-Za-z][\w+.-]*://)", text) if p.strip()]
    links = []
    for item in items:
        url, _, title = item.partition(" ")
        if not url.startswith(("https://", "http://")):
            raise _CellProblem(
                f"{item!r}: a link starts with https:// or http://, then an optional title"
            )
        links.append(Link(url, title.strip() or None))
    return tuple(links)


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
            issues.append(_at(cell, _header(columns, field), cell.value.reason))
            return
        if is_empty(cell.value):
            if field in REQUIRED:
                issues.append(_at(cell, _header(columns, field), _EMPTY[field]))
            return
        try:
            values[field] = parse(cell.value)
        except _CellProblem as exc:
            issues.append(_at(cell, _header(columns, field), str(exc)))

    for column, cell in enumerate(cells):
        if column >= len(sheet.header) and not is_empty(cell.value) and not ignore_unknown:
            issues.append(_at(cell, None, "a value in a column with no header"))
    excel = sheet.excel_csv
    read("pledge", _text)
    read("id", _text)
    read("date", _day)
    read("end_date", _day)
    read("status", _status)
    read("by", _ids)
    read("commitments", _ids)
    read("title", lambda v: _plain(_text(v, excel_csv=excel)))
    read("description", lambda v: _plain(_text(v, excel_csv=excel)))
    read("place", lambda v: _plain(_text(v, excel_csv=excel)))
    read("partners", lambda v: _labels(v, excel))
    read("target_groups", lambda v: _labels(v, excel))
    read("participants", _count)
    read("hours", _hours)
    read("measures", lambda v: _measures(v, excel))
    read("links", lambda v: _links(v, excel))

    pledge_id = _row_pledge(values, columns, cell_of, default_pledge, catalog, issues)
    identifier = values.get("id")
    if isinstance(identifier, str) and len(identifier) > MAX_ID:
        issues.append(
            _at(
                cell_of("id"),
                _header(columns, "id"),
                f"an id of {len(identifier)} characters is too long for a file name (at most "
                f"{MAX_ID}); leave the cell empty and lofte makes one from date and title",
            )
        )
    elif isinstance(identifier, str) and identifier in _WINDOWS_NAMES:
        issues.append(
            _at(
                cell_of("id"),
                _header(columns, "id"),
                f"{identifier!r} cannot be a file name on Windows; leave the cell empty and "
                "lofte makes one from date and title",
            )
        )
    elif isinstance(identifier, str) and not is_slug(identifier):
        issues.append(
            _at(
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
    return _text(columns[field].value)


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
                _at(where, _header(columns, "pledge"), message) if where else ImportIssue(message)
            )
        return default
    cell = cell_of("pledge")
    if default is not None and named != default:
        issues.append(
            _at(
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
            issues.append(_at(cell, _header(columns, "pledge"), str(exc)))
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


_COMPARED = (
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
    "measures",
    "hours",
    "links",
)


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
        from lofte_cli.sheet import column_letter

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
