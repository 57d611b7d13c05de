"""Values as people type them on the command line, in prompts and in spreadsheets: days,
counts, hours (decimal comma or point), statuses in Swedish or English, links, measures and
durations. Each reader gives the value or an error that says what is wrong."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from lofte_cli.data.model import Link
from lofte_cli.errors import UsageError

STATUSES = ("done", "planned", "cancelled")
# What a Swedish sheet or flag may say instead (the pages say Genomförd, Planerad, Inställd).
STATUS_WORDS = {
    "done": "done",
    "genomförd": "done",
    "genomfört": "done",
    "genomförda": "done",
    "utförd": "done",
    "utfört": "done",
    "klar": "done",
    "klart": "done",
    "planned": "planned",
    "planerad": "planned",
    "planerat": "planned",
    "planerade": "planned",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "inställd": "cancelled",
    "inställt": "cancelled",
    "inställda": "cancelled",
    "avbokad": "cancelled",
    "avbruten": "cancelled",
}


def parse_measure(text: str) -> tuple[str, int]:
    """`trafikkontroller=25` → ("trafikkontroller", 25)."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UsageError(f"--measure {text!r}: write NAME=N, e.g. trafikkontroller=25")
    if not name.strip().isprintable():
        raise UsageError(f"--measure {text!r}: a measure name is one line of plain text")
    return name.strip(), parse_count(value, f"--measure {name.strip()}")


_NUMBER = re.compile(r"\+?(\d+)(?:[.,](\d+))?", re.ASCII)


def read_number(text: str, noun: str, *, whole: bool = False) -> int | float:
    """A number >= 0 as a Swede writes it (`7,5`, `7.5`, `1 000`), or a ValueError whose
    message says why not. For a `whole` number a separator before exactly three digits
    (`1,000`) could be a thousands or a decimal separator, so it is refused rather than
    guessed; hours are decimal whatever the separator (`1,125` and `1.125`, as the export
    writes them), and may be written as Python writes a float (`1e-05`)."""
    cleaned = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    negative = cleaned.startswith(("-", "\u2212"))
    compact = re.sub(r"(?<=\d) (?=\d{3}(?:\D|$))", "", cleaned.lstrip("-\u2212").strip())
    found = _NUMBER.fullmatch(compact)
    if found is None and not whole and _FLOAT.fullmatch(compact):
        number: int | float = float(compact)
    elif found is None:
        raise ValueError(f"{text!r} is not {noun}")
    else:
        digits, fraction = found.groups()
        if whole and fraction is not None and len(fraction) == 3 and digits != "0":
            raise ValueError(
                f"{text!r} could be {digits} or {digits}{fraction}; write it without a "
                f"thousands separator ({digits}{fraction})"
            )
        number = int(digits) if fraction is None else float(f"{digits}.{fraction}")
    if negative and number:
        raise ValueError(f"{text} is negative; give 0 or more")
    return number


_FLOAT = re.compile(r"\d+(?:\.\d+)?e[-+]?\d+", re.ASCII | re.IGNORECASE)


def read_count(text: str) -> int:
    """A whole number >= 0 (`40`, `40,0`, `1 000`), or a ValueError saying why not."""
    number = read_number(text, "a whole number", whole=True)
    if isinstance(number, float):
        if not number.is_integer():
            raise ValueError(f"{text!r} is not a whole number")
        return int(number)
    return number


def read_hours(text: str) -> int | float:
    """Person-hours >= 0 (`7,5`), or a ValueError saying why not."""
    hours = read_number(text, "a number of hours")
    return int(hours) if float(hours).is_integer() else hours


def parse_count(text: str, what: str) -> int:
    """A whole number >= 0, or a usage error that names `what`."""
    try:
        return read_count(text)
    except ValueError as exc:
        raise UsageError(f"{what}: {exc}") from None


def parse_hours(text: str) -> float | int:
    try:
        return read_hours(text)
    except ValueError as exc:
        raise UsageError(f"--hours: {exc}") from None


def parse_status(text: str, what: str = "--status") -> str:
    """done, planned or cancelled, also in Swedish (genomförd, planerad, inställd)."""
    status = STATUS_WORDS.get(unicodedata.normalize("NFC", text.strip()).casefold())
    if status is None:
        raise UsageError(
            f"{what} {text!r}: choose {', '.join(STATUSES)} (genomförd, planerad, inställd)"
        )
    return status


def parse_link(text: str) -> Link:
    """`https://x.se/nyhet Kommunens nyhet` → the address, then an optional title."""
    url, _, title = text.strip().partition(" ")
    if not url.startswith(("https://", "http://")):
        raise UsageError(f"--link {url!r}: links must start with https:// or http://")
    return Link(url, title.strip() or None)


def parse_day(text: str, what: str) -> date:
    """A day (see `read_day`), or a usage error that names `what`."""
    try:
        return read_day(text)
    except ValueError as exc:
        raise UsageError(f"{what}: {exc}") from None


def parse_duration(text: str, what: str = "--quiet-after") -> int:
    """`6m` → 182 days; also `90d`, `12w`, `1y`."""
    match = re.fullmatch(r"\s*(\d+)\s*([dwmy])\s*", text.lower())
    if not match or int(match.group(1)) == 0:
        raise UsageError(f"{what} {text!r}: write a number and d, w, m or y, e.g. 6m")
    number, unit = int(match.group(1)), match.group(2)
    return {"d": number, "w": 7 * number, "m": number * 365 // 12, "y": 365 * number}[unit]


# --- days as people write them ---------------------------------------------------------

_MONTHS = {
    **dict.fromkeys(("januari", "january", "jan"), 1),
    **dict.fromkeys(("februari", "february", "feb"), 2),
    **dict.fromkeys(("mars", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("maj", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("augusti", "august", "aug"), 8),
    **dict.fromkeys(("september", "sept", "sep"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("december", "dec"), 12),
}
_NUMERIC_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_WORDED_DAY = re.compile(r"(\d{1,2})\s*\.?\s+([^\W\d_]+)\.?\s+(\d{4})")


def read_day(text: str) -> date:
    """A day as a Swede writes it where it cannot be misread: `2024-03-05`, `2024-3-5`,
    `5 mars 2024` (also `5 mar 2024` and English month names); a ValueError saying why
    not. Day-first or month-first numbers (`5/3/2024`) are refused: they are read both ways."""
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    numeric = _NUMERIC_DAY.fullmatch(cleaned)
    worded = _WORDED_DAY.fullmatch(cleaned.casefold())
    if numeric:
        year, month, day = (int(n) for n in numeric.groups())
    elif worded and worded.group(2) in _MONTHS:
        day, month, year = int(worded.group(1)), _MONTHS[worded.group(2)], int(worded.group(3))
    else:
        raise ValueError(f"{text!r} is not a date; write YYYY-MM-DD (or 5 mars 2024)")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r}: there is no such day") from None


# --- ids and assessments as people type them ------------------------------------------

ASSESSMENT_STATUSES = (
    "not-started",
    "ongoing",
    "done",
    "partly-done",
    "not-done",
    "not-applicable",
)
# What a coordinator may write for an assessment (the pages say Ej påbörjat, Pågår, …).
ASSESSMENT_WORDS = {
    **dict.fromkeys(("ej påbörjat", "ej påbörjad", "inte påbörjat", "ej startat"), "not-started"),
    **dict.fromkeys(("pågår", "pågående", "påbörjat", "påbörjad", "startat"), "ongoing"),
    **dict.fromkeys(("genomfört", "genomförd", "klart", "klar", "uppfyllt", "hållet"), "done"),
    **dict.fromkeys(
        ("delvis", "delvis genomfört", "delvis klart", "delvis uppfyllt"), "partly-done"
    ),
    **dict.fromkeys(("ej genomfört", "inte genomfört", "ej uppfyllt", "inte uppfyllt"), "not-done"),
    **dict.fromkeys(("ej aktuellt", "inte aktuellt", "ej tillämpligt"), "not-applicable"),
}


def parse_assessment_status(text: str, what: str = "--status") -> str:
    """An assessment's status in English (`partly-done`, `partly done`) or in Swedish
    (`delvis`, `pågår`, `ej påbörjat`, `ej aktuellt` …)."""
    said = " ".join(unicodedata.normalize("NFC", text).casefold().replace("_", " ").split())
    status = ASSESSMENT_WORDS.get(said) or said.replace(" ", "-")
    if status not in ASSESSMENT_STATUSES:
        raise UsageError(
            f"{what} {text!r}: choose {', '.join(ASSESSMENT_STATUSES)} (or in Swedish: "
            "ej påbörjat, pågår, genomfört, delvis, ej genomfört, ej aktuellt)"
        )
    return status


def normal_id(text: str) -> str:
    """An id as it was meant: `Polis 3`, `polis_3` and ` POLIS-3 ` are all `polis-3`."""
    said = unicodedata.normalize("NFC", text).casefold().strip()
    return re.sub(r"[\s_]+", "-", said)
