"""Reading a spreadsheet (CSV or .xlsx) into rows of cells that remember where they were,
so that every complaint about a value can name its row and column.

CSV as coordinators save it: UTF-8 with or without a byte-order mark, UTF-16 with one
(Excel's "Unicode text"), or Windows-1252 (Excel's "CSV (semikolonavgränsad)" in a Swedish
Windows); `,`, `;` or tab between cells, whichever the header row uses. An .xlsx file is read
with openpyxl: its first sheet, the values Excel last computed, dates as dates.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from lofte_cli.errors import UsageError, system_reason
from lofte_cli.i18n import _, active_language

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
SUFFIXES = (".csv", ".txt", ".xlsx")

MAX_COLUMNS = 200
# What Excel shows (and writes to CSV) in a cell whose formula failed.
EXCEL_ERRORS = frozenset(
    [
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
    ]
)


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A cell with no value lofte can take (an Excel error value, a formula whose value
    was never saved), and why."""

    reason: str


CellValue = str | int | float | date | bool | Unreadable | None


@dataclass(frozen=True, slots=True)
class Cell:
    """A value and where it stands: `row` as a spreadsheet counts (the header is row 1),
    `column` from 0, and for CSV the line of the file the row starts on."""

    value: CellValue
    row: int
    column: int
    line: int | None = None

    @property
    def letter(self) -> str:
        return column_letter(self.column)


@dataclass(frozen=True, slots=True)
class Sheet:
    """The header row and the data rows (rows with every cell empty left out)."""

    source: Path
    sheet_name: str | None
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    excel_csv: bool = False  # written the way Excel writes CSV in a Swedish locale


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA, as a spreadsheet names its columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_sheet(path: Path) -> Sheet:
    """The sheet in `path`; a UsageError naming the file when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(
            _("{path}: not a spreadsheet lofte reads; give a .csv or .xlsx file").format(path=path)
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UsageError(
            _("{path}: cannot read it ({reason})").format(path=path, reason=system_reason(exc))
        ) from None
    if not path.is_file():
        raise UsageError(_("{path}: not a file").format(path=path))
    if size > MAX_BYTES:
        raise UsageError(
            _("{path}: {size} bytes is more than the {most} lofte reads").format(
                path=path, size=grouped(size), most=grouped(MAX_BYTES)
            )
        )
    if suffix == ".xlsx":
        return _read_xlsx(path)
    return _read_csv(path, path.read_bytes())


# --- CSV ---------------------------------------------------------------------------------


def _decode(path: Path, raw: bytes) -> tuple[str, bool]:
    """The text, and whether it began with a UTF-8 byte-order mark (as Excel writes)."""
    if raw.startswith(b"PK\x03\x04"):
        raise UsageError(
            _("{path}: this is an .xlsx workbook (a zip file); name it .xlsx").format(path=path)
        )
    utf16 = _utf16_without_mark(raw)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16:
        try:
            return raw.decode(utf16 or "utf-16"), False
        except UnicodeDecodeError:
            raise UsageError(
                _("{path}: broken UTF-16 text; save it as CSV UTF-8").format(path=path)
            ) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, bom = raw[3:], True
    else:
        bom = False
    try:
        return raw.decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        if bom or _UTF8_LETTER.search(raw):  # UTF-8 with a broken byte, not another code
            line = raw.count(b"\n", 0, exc.start) + 1
            raise UsageError(
                _(
                    "{path}:{line}: a byte that is not UTF-8 ({byte}) in UTF-8 text; retype "
                    'the character there, or save the file again as "CSV UTF-8 '
                    '(kommaavgränsad)"'
                ).format(path=path, line=line, byte=f"{raw[exc.start]:#04x}")
            ) from None
    try:
        # Excel's "CSV (semikolonavgränsad)" on a Swedish Windows writes Windows-1252.
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if not text or any(c in text for c in _MAC_ROMAN_SIGNS):
        raise UsageError(
            _(
                "{path}: the text is neither UTF-8 nor Windows-1252 (Mac Roman?); save it as "
                '"CSV UTF-8 (kommaavgränsad)"'
            ).format(path=path)
        )
    return text, False


def _utf16_without_mark(raw: bytes) -> str | None:
    """utf-16-le or -be when most of every other byte of the start is zero (headers
    written as UTF-16 with no byte-order mark), else None."""
    head = raw[:64]
    if len(head) < 8:
        return None
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd >= len(head) // 2 * 3 // 4 and even == 0:
        return "utf-16-le"
    if even >= len(head) // 2 * 3 // 4 and odd == 0:
        return "utf-16-be"
    return None


# A letter outside ASCII written as UTF-8 (å is C3 A5): the file was meant to be UTF-8.
_UTF8_LETTER = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
# What å, ä, ö, é written in Mac Roman read as in Windows-1252; no Swedish text holds them.
_MAC_ROMAN_SIGNS = "ŒŠšŽœž"


def _delimiter(text: str) -> str:
    """The separator the header row uses most, outside quotes."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            break
        elif char in counts and not quoted:
            counts[char] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ","


def _read_csv(path: Path, raw: bytes) -> Sheet:
    text, bom = _decode(path, raw)
    if "\x00" in text:
        raise UsageError(
            _("{path}: holds NUL characters; is it really a CSV file?").format(path=path)
        )
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[Cell, ...]] = []
    line = 1
    try:
        for number, record in enumerate(reader, start=1):
            _within_columns(path, record, number)
            records.append(
                tuple(Cell(_csv_value(v), number, i, line) for i, v in enumerate(record))
            )
            line = reader.line_num + 1
            if number > MAX_ROWS:
                raise UsageError(too_many_rows(path))
    except csv.Error as exc:
        raise UsageError(
            _("{path}:{line}: not valid CSV: {reason}").format(
                path=path, line=reader.line_num, reason=exc
            )
        ) from None
    return _sheet(path, None, records, excel_csv=bom or delimiter == ";")


def _csv_value(text: str) -> CellValue:
    if text.strip() in EXCEL_ERRORS:
        return Unreadable(excel_error(text))
    return text


def _within_columns(path: Path, values: Sequence[object], number: int) -> None:
    if len(values) > MAX_COLUMNS and any(
        v is not None and str(v).strip() for v in values[MAX_COLUMNS:]
    ):
        raise UsageError(
            _(
                "{path}: row {row} has values beyond column {most}; is this a sheet of activities?"
            ).format(path=path, row=number, most=MAX_COLUMNS)
        )


# --- xlsx --------------------------------------------------------------------------------


MAX_UNZIPPED = 200 * 1024 * 1024


def _unzipped_size(path: Path) -> int:
    """What the workbook's parts take unpacked, from the zip's own directory (a zip bomb
    of a few megabytes can unpack to gigabytes of XML)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UsageError(not_a_workbook(path, exc)) from None


def _read_xlsx(path: Path) -> Sheet:
    unzipped = _unzipped_size(path)
    if unzipped > MAX_UNZIPPED:
        raise UsageError(
            _(
                "{path}: the workbook unpacks to {size} bytes, more than the {most} lofte reads"
            ).format(path=path, size=grouped(unzipped), most=grouped(MAX_UNZIPPED))
        )
    try:
        name, records, part = _xlsx_rows(path, data_only=True)
        if _has_formulas(path, part):
            # Read with data_only, a formula whose value Excel never saved (a file written
            # by a program) is empty; read again to tell it from an empty cell.
            cached = {(c.row, c.column): c.value for row in records for c in row}
            _name, written, _part = _xlsx_rows(path, data_only=False)
            records = [tuple(_computed(c, cached) for c in row) for row in written]
    except UsageError:
        raise
    except Exception as exc:  # openpyxl and the XML parser raise many kinds on broken files
        raise UsageError(not_a_workbook(path, exc)) from None
    return _sheet(path, name, records)


def _xlsx_rows(path: Path, *, data_only: bool) -> tuple[str, list[tuple[Cell, ...]], str]:
    """The shown sheet's name, its non-empty rows, and its part in the zip."""
    import openpyxl

    with warnings.catch_warnings():
        # openpyxl warns about styles and extensions it skips; they do not matter here.
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    try:
        sheet = _shown_sheet(path, book)
        # The <dimension> may claim A1:XFD1048576 for one formatted far-away cell: without
        # it a row is as long as its own last cell, and a missing row is empty.
        sheet.reset_dimensions()
        records: list[tuple[Cell, ...]] = []
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            _within_columns(path, [c.value for c in cells], number)
            row = tuple(
                Cell(_xlsx_value(c.value, getattr(c, "data_type", None)), number, i)
                for i, c in enumerate(cells[:MAX_COLUMNS])
            )
            if all(is_empty(c.value) for c in row):
                continue
            records.append(row)
            if len(records) > MAX_ROWS:
                raise UsageError(too_many_rows(path))
        return sheet.title, records, str(getattr(sheet, "_worksheet_path", ""))
    finally:
        book.close()


def _shown_sheet(path: Path, book: Any) -> Any:
    """The sheet Excel shows when the file opens (the active one), or the first visible."""
    visible = [ws for ws in book.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if not visible:
        raise UsageError(_("{path}: the workbook has no visible sheet").format(path=path))
    active = book.active
    return active if active in visible else visible[0]


def _has_formulas(path: Path, part: str) -> bool:
    """Whether the sheet's XML may hold formulas (`<f>`); True when it cannot tell."""
    if not part:
        return True
    with zipfile.ZipFile(path) as archive, archive.open(part.lstrip("/")) as stream:
        tail = b""
        while chunk := stream.read(1 << 20):
            if b"<f" in tail + chunk or b":f>" in tail + chunk:
                return True
            tail = chunk[-4:]
    return False


@dataclass(frozen=True, slots=True)
class _Formula:
    text: str


def _computed(cell: Cell, cached: dict[tuple[int, int], CellValue]) -> Cell:
    if not isinstance(cell.value, _Formula):
        return cell
    value = cached.get((cell.row, cell.column))
    if value is None:
        value = Unreadable(
            _(
                "a formula ({formula}) whose value was never saved; open the file in Excel and "
                "save it, or paste the values"
            ).format(formula=cell.value.text[:40])
        )
    return Cell(value, cell.row, cell.column)


def _xlsx_value(value: object, data_type: str | None = None) -> CellValue:
    if data_type == "f" and isinstance(value, str):
        return _Formula(value)  # type: ignore[return-value]
    if data_type == "e" or (isinstance(value, str) and value.strip() in EXCEL_ERRORS):
        return Unreadable(excel_error(str(value)))
    if isinstance(value, datetime):
        return value.date()  # a date typed with a time of day is still that day
    if isinstance(value, str | int | float | date | bool) or value is None:
        return value
    return str(value)  # times and durations: shown as text, then refused as such


# --- both --------------------------------------------------------------------------------


def is_empty(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _sheet(
    path: Path, name: str | None, records: list[tuple[Cell, ...]], *, excel_csv: bool = False
) -> Sheet:
    filled = [r for r in records if not all(is_empty(c.value) for c in r)]
    if not filled:
        raise UsageError(
            _("{path}: the sheet is empty; the first row must name the columns").format(path=path)
        )
    header, *rows = filled
    width = len(header)
    while width and is_empty(header[width - 1].value):
        width -= 1
    return Sheet(path, name, header[:width], tuple(rows), excel_csv)


# --- messages ----------------------------------------------------------------------------


def grouped(number: int) -> str:
    """A large number with its thousands apart, as the language writes them: 20,971,520 in
    English, 20 971 520 in Swedish."""
    return f"{number:,}".replace(",", "\u00a0") if active_language() == "sv" else f"{number:,}"


def too_many_rows(path: Path) -> str:
    return _("{path}: more than {most} rows").format(path=path, most=grouped(MAX_ROWS))


def not_a_workbook(path: Path, exc: Exception) -> str:
    # The libraries say why in English (zipfile's "File is not a zip file"): said again
    # in the user's language, with the system's reason for a file it would not give.
    if isinstance(exc, OSError):
        reason = system_reason(exc)
    else:
        reason = _("damaged, or not a workbook saved from Excel or LibreOffice")
    return _("{path}: not a readable .xlsx workbook ({reason})").format(path=path, reason=reason)


def excel_error(text: str) -> str:
    return _("Excel's error value {value}; put a value in the cell").format(value=text.strip())
