"""Values as people type them on the command line, in prompts and in spreadsheets: days,
counts, hours (decimal comma or point), statuses in Swedish or English, yes and no, links,
measures and durations. Each reader gives the value or a ValueError that says what is
wrong; the `parse_*` forms turn that into a usage error naming the flag. What a reader took
a value for is a `Reading`, so that lofte can say so in one line."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from lofte_cli.data.model import Link
from lofte_cli.errors import UsageError
from lofte_cli.i18n import _

STATUSES = ("done", "planned", "cancelled")
# What a Swedish sheet, flag or prompt may say instead (the pages say Genomförd, Planerad,
# Inställd); docs/glossary.md lists them.
STATUS_WORDS = {
    **dict.fromkeys(
        ("done", "completed", "genomförd", "genomfört", "genomförda", "utförd", "utfört"),
        "done",
    ),
    **dict.fromkeys(("gjord", "gjort", "gjorda", "klar", "klart", "klara"), "done"),
    **dict.fromkeys(("planned", "planerad", "planerat", "planerade"), "planned"),
    **dict.fromkeys(("cancelled", "canceled", "inställd", "inställt", "inställda"), "cancelled"),
    **dict.fromkeys(("avbokad", "avbokat", "avbokade", "avbruten", "avbrutet"), "cancelled"),
}


@dataclass(frozen=True, slots=True)
class Reading:
    """A value as a person typed it and what lofte took it for (the value the file gets),
    with the name that tells a person which one it is: a party's name, a commitment's text."""

    typed: str
    value: str
    name: str | None = None
    what: str = ""  # the flag, column or question it was typed for

    @property
    def changed(self) -> bool:
        """Whether lofte took the value for something other than what was typed."""
        return " ".join(self.typed.split()) != self.value

    @property
    def shown(self) -> str:
        """`tjorn (Tjörns kommun)`: the value, and its name where it has one."""
        return f"{self.value} ({self.name})" if self.name else self.value


def reading_note(reading: Reading) -> str:
    """`--by Stenungsund: read as stenungsund (Stenungsunds kommun)`."""
    # TRANSLATORS: lofte says what it took a typed value for. {what} is a flag (--by),
    # {typed} what was typed, {value} the id with its name in brackets.
    return _("{what} {typed}: read as {value}").format(
        what=reading.what, typed=" ".join(reading.typed.split()), value=reading.shown
    )


def _said(text: str) -> str:
    """A word as compared: one form of å, ä and ö, no case, single spaces, `_` as a space."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().replace("_", " ").split())


def read_status(text: str) -> str:
    """An activity's status, done, planned or cancelled, also in Swedish (genomförd,
    planerad, inställd …); a ValueError saying which words there are."""
    status = STATUS_WORDS.get(_said(text))
    if status is None:
        raise ValueError(
            _("{typed}: choose done, planned, cancelled (genomförd, planerad, inställd)").format(
                typed=repr(text)
            )
        )
    return status


def parse_status(text: str, what: str = "--status") -> str:
    """done, planned or cancelled (see `read_status`), or a usage error naming `what`."""
    try:
        return read_status(text)
    except ValueError as exc:
        raise UsageError(f"{what} {exc}") from None


def read_yes_no(text: str) -> bool | None:
    """A yes or a no in Swedish or English (`ja`, `j`, `nej`, `n`, `yes`, `y`, `no`), or
    None for no answer."""
    said = _said(text)
    if not said:
        return None
    if said in ("j", "ja", "y", "yes"):
        return True
    if said in ("n", "nej", "no"):
        return False
    raise ValueError(_("{typed}: answer y (yes) or n (no)").format(typed=repr(text)))


def parse_measure(text: str) -> tuple[str, int]:
    """`trafikkontroller=25` → ("trafikkontroller", 25)."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UsageError(
            _("--measure {typed}: write NAME=N, e.g. trafikkontroller=25").format(typed=repr(text))
        )
    if not name.strip().isprintable():
        raise UsageError(
            _("--measure {typed}: a measure name is one line of plain text").format(
                typed=repr(text)
            )
        )
    return name.strip(), parse_count(value, f"--measure {name.strip()}")


_NUMBER = re.compile(r"\+?(\d+)(?:[.,](\d+))?", re.ASCII)


def read_number(text: str, *, whole: bool = False) -> int | float:
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
        raise ValueError(not_a_number(text, whole=whole))
    else:
        digits, fraction = found.groups()
        if whole and fraction is not None and len(fraction) == 3 and digits != "0":
            raise ValueError(
                _(
                    "{typed} could be {short} or {long}; write it without a thousands "
                    "separator ({long})"
                ).format(typed=repr(text), short=digits, long=digits + fraction)
            )
        number = int(digits) if fraction is None else float(f"{digits}.{fraction}")
    if negative and number:
        raise ValueError(_("{typed} is negative; give 0 or more").format(typed=text))
    return number


def not_a_number(text: str, *, whole: bool) -> str:
    """Why `text` is not a whole number, or not a number of hours."""
    if whole:
        return _("{typed} is not a whole number").format(typed=repr(text))
    return _("{typed} is not a number of hours").format(typed=repr(text))


_FLOAT = re.compile(r"\d+(?:\.\d+)?e[-+]?\d+", re.ASCII | re.IGNORECASE)


# A unit after the number says nothing lofte needs: `40 st`, `7,5 timmar`.
_COUNT_UNIT = re.compile(r"(?<=\d)\s*(?:st\.?|stycken)$", re.IGNORECASE)
_HOURS_UNIT = re.compile(r"(?<=\d)\s*(?:h|tim\.?|timme|timmar|hours?|hrs?\.?)$", re.IGNORECASE)


def read_count(text: str) -> int:
    """A whole number >= 0 (`40`, `40,0`, `1 000`, `40 st`), or a ValueError saying why not."""
    number = read_number(_COUNT_UNIT.sub("", text.strip()), whole=True)
    if isinstance(number, float):
        if not number.is_integer():
            raise ValueError(not_a_number(text, whole=True))
        return int(number)
    return number


def read_hours(text: str) -> int | float:
    """Person-hours >= 0 (`7,5`, `7,5 timmar`, `3 h`), or a ValueError saying why not."""
    hours = read_number(_HOURS_UNIT.sub("", text.strip()))
    return int(hours) if float(hours).is_integer() else hours


def parse_count(text: str, what: str) -> int:
    """A whole number >= 0, or a usage error that names `what`."""
    try:
        return read_count(text)
    except ValueError as exc:
        raise UsageError(f"{what}: {exc}") from None


def parse_hours(text: str, what: str = "--hours") -> float | int:
    try:
        return read_hours(text)
    except ValueError as exc:
        raise UsageError(f"{what}: {exc}") from None


def parse_link(text: str, what: str = "--link") -> Link:
    """`https://x.se/nyhet Kommunens nyhet` → the address, then an optional title."""
    url, _sep, title = text.strip().partition(" ")
    if not url.startswith(("https://", "http://")):
        raise UsageError(
            _("{what} {url}: links must start with https:// or http://").format(
                what=what, url=repr(url)
            )
        )
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
        raise UsageError(
            _("{what} {typed}: write a number and d, w, m or y, e.g. 6m").format(
                what=what, typed=repr(text)
            )
        )
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
# Year first, so never misread: 2024-03-05, 2024-3-5, 20240305.
_NUMERIC_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{4})(\d{2})(\d{2})", re.ASCII)
_WORDED_DAY = re.compile(r"(\d{1,2})\s*\.?\s+([^\W\d_]+)\.?\s+(\d{4})")
_MONTH_FIRST_DAY = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})\s+(\d{4})")  # March 5, 2024
# What people write around a day: "den 5 mars", "tisdag 5 mars", "5:e mars", "5th March".
_WEEKDAY_WORDS = (
    "måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|mån|tis|ons|tors|fre|lör|sön"
    "|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_AROUND_DAY = (
    (re.compile(rf"^(?:(?:{_WEEKDAY_WORDS})\.?,?\s+)?(?:den\s+)?"), ""),
    (re.compile(r"(?<=\d):[ae]\b|(?<=\d)(?:st|nd|rd|th)\b"), ""),
    (re.compile(r"\s*,\s*"), " "),
)


def read_day(text: str) -> date:
    """A day as a Swede writes it where it cannot be misread: `2024-03-05`, `2024-3-5`,
    `20240305`, `5 mars 2024`, `den 5 mars 2024`, `tisdag 5:e mars 2024` (also `5 mar 2024`
    and English month names, `March 5, 2024`); a ValueError saying why not. Day-first or
    month-first numbers (`5/3/2024`) are refused: they are read both ways."""
    cleaned = " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())
    said = cleaned.casefold()
    for around, replacement in _AROUND_DAY:
        said = around.sub(replacement, said)
    numeric = _NUMERIC_DAY.fullmatch(said)
    worded = _WORDED_DAY.fullmatch(said)
    month_first = _MONTH_FIRST_DAY.fullmatch(said)
    if numeric:
        year, month, day = (int(n) for n in numeric.groups() if n)
    elif worded and worded.group(2) in _MONTHS:
        day, month, year = int(worded.group(1)), _MONTHS[worded.group(2)], int(worded.group(3))
    elif month_first and month_first.group(1) in _MONTHS:
        month, day = _MONTHS[month_first.group(1)], int(month_first.group(2))
        year = int(month_first.group(3))
    else:
        raise ValueError(
            _("{typed} is not a date; write YYYY-MM-DD (or 5 mars 2024)").format(typed=repr(text))
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(_("{typed}: there is no such day").format(typed=repr(text))) from None


def day_reading(text: str, what: str) -> tuple[date, Reading]:
    """The day `text` names (a usage error naming `what` if none), and the reading lofte
    reports when it was not written as YYYY-MM-DD."""
    day = parse_day(text, what)
    return day, Reading(text, day.isoformat(), what=what)


# --- assessments as people type them --------------------------------------------------

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
    **dict.fromkeys(("inte påbörjad", "inte startat"), "not-started"),
    **dict.fromkeys(("pågår", "pågående", "påbörjat", "påbörjad", "startat"), "ongoing"),
    **dict.fromkeys(("genomfört", "genomförd", "klart", "klar", "uppfyllt", "hållet"), "done"),
    **dict.fromkeys(
        ("delvis", "delvis genomfört", "delvis klart", "delvis uppfyllt", "partly"), "partly-done"
    ),
    # The forms of the words a person writes about "it" as well as "the commitment".
    **dict.fromkeys(("delvis genomförd", "delvis klar", "delvis uppfylld"), "partly-done"),
    **dict.fromkeys(("uppfylld", "hållen"), "done"),
    **dict.fromkeys(("ej genomförd", "inte genomförd", "ej uppfylld", "inte uppfylld"), "not-done"),
    **dict.fromkeys(
        ("ej aktuell", "inte aktuell", "ej relevant", "inte relevant"), "not-applicable"
    ),
    **dict.fromkeys(("ej genomfört", "inte genomfört", "ej uppfyllt", "inte uppfyllt"), "not-done"),
    **dict.fromkeys(("ej aktuellt", "inte aktuellt", "ej tillämpligt", "n/a"), "not-applicable"),
}


def read_assessment_status(text: str) -> str:
    """An assessment's status in English (`partly-done`, `partly done`) or in Swedish
    (`delvis`, `pågår`, `ej påbörjat`, `ej aktuellt` …); a ValueError listing them."""
    said = _said(text)
    status = ASSESSMENT_WORDS.get(said) or said.replace(" ", "-")
    if status not in ASSESSMENT_STATUSES:
        raise ValueError(
            _(
                "{typed}: choose not-started, ongoing, done, partly-done, not-done, "
                "not-applicable (or in Swedish: ej påbörjat, pågår, genomfört, delvis, ej "
                "genomfört, ej aktuellt)"
            ).format(typed=repr(text))
        )
    return status


def parse_assessment_status(text: str, what: str = "--status") -> str:
    """An assessment's status (see `read_assessment_status`), or a usage error naming `what`."""
    try:
        return read_assessment_status(text)
    except ValueError as exc:
        raise UsageError(f"{what} {exc}") from None


def normal_id(text: str) -> str:
    """An id as it was meant: `Polis 3`, `polis_3` and ` POLIS-3 ` are all `polis-3`."""
    said = unicodedata.normalize("NFC", text).casefold().strip()
    return re.sub(r"[\s_]+", "-", said)
