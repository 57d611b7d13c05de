"""Reading one cell of an activity sheet: text as the public will read it, dates, counts,
hours, statuses, id lists, labels, measures and links, as a coordinator writes them. Each
reader returns the value or raises CellProblem, whose message says what to write instead."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from lofte_cli.data.model import Link
from lofte_cli.edit.sheet import CellValue
from lofte_cli.i18n import _
from lofte_cli.publish.export import FORMULA_START
from lofte_cli.values import not_a_number, read_count, read_day, read_hours, read_status


class CellProblem(Exception):
    """A value that cannot be read; the message says what to write instead."""


def cell_text(value: CellValue, *, excel_csv: bool = False) -> str:
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


def day_cell(value: CellValue) -> date:
    """A date cell, or a day written as `read_day` reads it (a time of day after an ISO
    date is left out: the activity is on that day)."""
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if isinstance(value, int | float) and 20_000 < value < 80_000:
        raise CellProblem(
            _(
                "{number} is Excel's number for a date: format the column as a date "
                "(YYYY-MM-DD) in the spreadsheet"
            ).format(number=text)
        )
    found = re.fullmatch(r"(\d{4}-\d{1,2}-\d{1,2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?", text)
    try:
        return read_day(found.group(1) if found else text)
    except ValueError as exc:
        raise CellProblem(str(exc)) from None


def _number(value: CellValue, *, whole: bool) -> int | float:
    """A number cell as it is (never ambiguous), or text read as the flags read it."""
    if isinstance(value, bool) or (
        isinstance(value, float) and (value != value or value in (float("inf"), float("-inf")))
    ):
        raise CellProblem(not_a_number(cell_text(value), whole=whole))
    if isinstance(value, int | float):
        if value < 0:
            raise CellProblem(
                _("{typed} is negative; give 0 or more").format(typed=cell_text(value))
            )
        if float(value).is_integer():
            return int(value)
        if whole:
            raise CellProblem(not_a_number(cell_text(value), whole=True))
        return value
    try:
        return read_count(cell_text(value)) if whole else read_hours(cell_text(value))
    except ValueError as exc:
        raise CellProblem(str(exc)) from None


def count_cell(value: CellValue) -> int:
    return int(_number(value, whole=True))


def hours_cell(value: CellValue) -> int | float:
    return _number(value, whole=False)


def status_cell(value: CellValue) -> str:
    try:
        return read_status(cell_text(value))
    except ValueError as exc:
        raise CellProblem(str(exc)) from None


def ids_cell(value: CellValue) -> tuple[str, ...]:
    """Ids (or party names) separated by `;`, `,` or line breaks, which none of them hold;
    each once."""
    parts = (part.strip() for part in re.split(r"[;,\n]", cell_text(value)))
    return tuple(dict.fromkeys(part for part in parts if part))


def plain_text(text: str) -> str:
    """Text for the public: refused when it holds a control character (they show as
    nothing, or as boxes)."""
    for char in text:
        if unicodedata.category(char) == "Cc" and char not in "\n\t":
            raise CellProblem(
                _("a control character (U+{code:04X}); retype the text").format(code=ord(char))
            )
    return text


def labels_cell(value: CellValue, excel_csv: bool) -> tuple[str, ...]:
    """Free labels, separated by `;` or line breaks (a label may hold a comma)."""
    text = plain_text(cell_text(value, excel_csv=excel_csv))
    parts = (part.strip() for part in re.split(r"[;\n]", text))
    return tuple(dict.fromkeys(part for part in parts if part))


def measures_cell(value: CellValue, excel_csv: bool) -> dict[str, int]:
    found: dict[str, int] = {}
    for item in labels_cell(value, excel_csv):
        name, sep, number = item.rpartition("=")
        if not sep or not name.strip():
            raise CellProblem(
                _("{typed}: write NAME=N, e.g. trafikkontroller=25").format(typed=repr(item))
            )
        name = name.strip()
        if not name.isprintable():
            raise CellProblem(
                _("{name}: a measure name is one line of plain text").format(name=repr(name))
            )
        if name in found:
            raise CellProblem(_("{name} is given twice").format(name=repr(name)))
        try:
            found[name] = count_cell(number)
        except CellProblem as exc:
            raise CellProblem(f"{name}: {exc}") from None
    return found


def links_cell(value: CellValue, excel_csv: bool) -> tuple[Link, ...]:
    """`https://a.se Title; https://b.se` — a `;` starts a new link only before an address,
    so that a title may hold one."""
    text = plain_text(cell_text(value, excel_csv=excel_csv))
    items = [p.strip() for p in re.split(r"[\n;](?=\s*[A-Za-z][\w+.-]*://)", text) if p.strip()]
    links = []
    for item in items:
        url, _sep, title = item.partition(" ")
        if not url.startswith(("https://", "http://")):
            raise CellProblem(
                _("{typed}: a link starts with https:// or http://, then an optional title").format(
                    typed=repr(item)
                )
            )
        links.append(Link(url, title.strip() or None))
    return tuple(links)
