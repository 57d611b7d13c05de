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
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from lofte_cli.errors import UsageError

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
SUFFIXES = (".csv", ".txt", ".xlsx")

CellValue = str | int | float | date | bool | None


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
        raise UsageError(f"{path}: not a spreadsheet lofte reads; give a .csv or .xlsx file")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UsageError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if not path.is_file():
        raise UsageError(f"{path}: not a file")
    if size > MAX_BYTES:
        raise UsageError(f"{path}: {size:,} bytes is more than the {MAX_BYTES:,} lofte reads")
    if suffix == ".xlsx":
        return _read_xlsx(path)
    return _read_csv(path, path.read_bytes())


# --- CSV ---------------------------------------------------------------------------------


def _decode(path: Path, raw: bytes) -> tuple[str, bool]:
    """The text, and whether it began with a UTF-8 byte-order mark (as Excel writes)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), False
        except UnicodeDecodeError:
            raise UsageError(f"{path}: broken UTF-16 text; save it as CSV UTF-8") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, bom = raw[3:], True
    else:
        bom = False
    try:
        return raw.decode("utf-8"), bom
    except UnicodeDecodeError:
        pass
    try:
        # Excel's "CSV (semikolonavgränsad)" on a Swedish Windows writes Windows-1252.
        return raw.decode("cp1252"), False
    except UnicodeDecodeError:
        raise UsageError(
            f"{path}: the text is neither UTF-8 nor Windows-1252; save it as "
            '"CSV UTF-8 (kommaavgränsad)"'
        ) from None


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
        raise UsageError(f"{path}: holds NUL characters; is it really a CSV file?")
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[Cell, ...]] = []
    line = 1
    try:
        for number, record in enumerate(reader, start=1):
            records.append(tuple(Cell(v, number, i, line) for i, v in enumerate(record)))
            line = reader.line_num + 1
            if number > MAX_ROWS:
                raise UsageError(f"{path}: more than {MAX_ROWS:,} rows")
    except csv.Error as exc:
        raise UsageError(f"{path}:{reader.line_num}: not valid CSV: {exc}") from None
    return _sheet(path, None, records, excel_csv=bom or delimiter == ";")


# --- xlsx --------------------------------------------------------------------------------


MAX_UNZIPPED = 200 * 1024 * 1024


def _unzipped_size(path: Path) -> int:
    """What the workbook's parts take unpacked, from the zip's own directory (a zip bomb
    of a few megabytes can unpack to gigabytes of XML)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UsageError(f"{path}: not a readable .xlsx workbook ({exc})") from None


def _read_xlsx(path: Path) -> Sheet:
    import openpyxl

    unzipped = _unzipped_size(path)
    if unzipped > MAX_UNZIPPED:
        raise UsageError(
            f"{path}: the workbook unpacks to {unzipped:,} bytes, more than the "
            f"{MAX_UNZIPPED:,} lofte reads"
        )
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it skips; they do not matter here.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise UsageError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    try:
        if not book.worksheets:
            raise UsageError(f"{path}: the workbook has no sheet")
        sheet = book.worksheets[0]
        records = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            records.append(tuple(Cell(_xlsx_value(v), number, i) for i, v in enumerate(values)))
            if number > MAX_ROWS:
                raise UsageError(f"{path}: more than {MAX_ROWS:,} rows")
        return _sheet(path, sheet.title, records)
    finally:
        book.close()


def _xlsx_value(value: object) -> CellValue:
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) else value.isoformat(sep=" ")
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
        raise UsageError(f"{path}: the sheet is empty; the first row must name the columns")
    header, *rows = filled
    while header and is_empty(header[-1].value):
        header = header[:-1]
    return Sheet(path, name, header, tuple(rows), excel_csv)
