"""Finding personal data in public text: Swedish personal identity numbers (check digit
verified), e-mail addresses and phone numbers that are not official contact points."""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lofte_cli.i18n import N_, _

# The separator may also be a space, as people often type it ("811218 9876"), any of the
# spaces and dashes word processors put in, and a dash with spaces around it.
_PNR_SPACE = " \t\u00a0\u202f\u2009\u2007"
_PNR_DASH = "-+\u2010\u2011\u2012\u2013\u2212"
_PNR = re.compile(
    r"(?<![\w+-])(\d{8}|\d{6})"
    rf"((?:[{_PNR_SPACE}]?[{re.escape(_PNR_DASH)}][{_PNR_SPACE}]?|[{_PNR_SPACE}])?)"
    r"(\d{4})(?![\w-])"
)
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
# Separators people put in phone numbers: spaces (also the no-break ones copied from web
# pages), hyphens and en dashes, slashes, dots, brackets.
# Also the dashes and spaces a word processor or a web page puts in: non-breaking and
# plain hyphens, the minus sign, an em dash, thin and figure spaces, tabs, and the
# invisible zero-width space and soft hyphen.
_SEPARATORS = (
    " \u00a0\u202f-\u2013/.()\u2010\u2011\u2012\u2014\u2212\u2009\u2007\u200a\u3000\t\u200b\u00ad"
)
# Not right after a digit and a separator either: "2023-03-12–2024-…" is a date range.
_PHONE = re.compile(
    r"(?<![\d+])(?<!\d[-\u2013/.])(\+46|0046|0)((?:[" + re.escape(_SEPARATORS) + r"]{0,3}\d){5,16})"
)
_PNR_SHAPE = re.compile(r"\d{6}[-+]\d{4}")
_GROUPS = re.compile(r"\d+")
# Every finding has an @ or seven digits (with separators between them): most text has
# neither, and one search tells.
_CANDIDATE = re.compile(r"@|\d(?:[" + re.escape(_SEPARATORS) + r"+]{0,3}\d){6}")


@dataclass(frozen=True)
class Finding:
    """One piece of personal data found in a text: its code, the matched text and its kind
    (`personnummer`, `samordningsnummer`, `e-mail address` or `phone number`; a key, shown
    to people through `kind_name`)."""

    code: str
    text: str
    kind: str


_KIND_NAMES = {
    "personnummer": N_("personnummer"),
    "samordningsnummer": N_("samordningsnummer"),
    "e-mail address": N_("e-mail address"),
    "phone number": N_("phone number"),
}


def kind_name(kind: str) -> str:
    """What a kind of personal data is called, in the active language."""
    return _(_KIND_NAMES.get(kind, kind))


def may_hold_personal_data(text: str) -> bool:
    """Whether `text` has what every finding needs (an @ or seven digits): a quick look."""
    return _CANDIDATE.search(text) is not None


def find_personal_data(text: str, contacts: Iterable[str] = ()) -> list[Finding]:
    """Personal data in `text`, leaving out the listed official contact points."""
    if not _CANDIDATE.search(text):
        return []
    text = unicodedata.normalize("NFC", text)  # "ö" typed as o and a combining mark
    allowed_mail = {c.strip().lower() for c in contacts if "@" in c}
    allowed_phone = {normalise_phone(c) for c in contacts if "@" not in c}
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for match in _personnummer(text):
        taken.append(match.span())
        if normalise_phone(match.group(0)) not in allowed_phone:  # a listed number, not a pnr
            found.append(Finding("L301", match.group(0), _pnr_kind(match)))
    for match in _EMAIL.finditer(text):
        if match.group(0).lower() not in allowed_mail:
            found.append(Finding("L302", match.group(0), "e-mail address"))
    for start, end in phone_spans(text):
        overlaps = any(a < end and start < b for a, b in taken)
        number = text[start:end]
        if not overlaps and normalise_phone(number) not in allowed_phone:
            found.append(Finding("L303", number, "phone number"))
    return found


def phone_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where Swedish phone numbers stand: 7 to 9 digits after the trunk 0 or +46. A run of
    digits that goes on ("070-123 45 67 2 gånger", two numbers in a row) is cut back group
    by group to the longest start that is a phone number."""
    position = 0
    while (match := _PHONE.search(text, position)) is not None:
        end = _longest_number(match)
        if end is None:
            position = match.start() + 1
            continue
        if not _PNR_SHAPE.fullmatch(text[match.start() : end]):
            yield match.start(), end  # YYMMDD-NNNN failing its check digit is no phone
        position = end


def _longest_number(match: re.Match[str]) -> int | None:
    prefix, rest = match.group(1), match.group(2)
    groups = list(_GROUPS.finditer(rest))
    for count in range(len(groups), 0, -1):
        stop = groups[count - 1].end()
        national = "".join(g.group(0) for g in groups[:count])
        if prefix != "0" and national.startswith("0"):
            national = national[1:]  # "+46 (0)70 …"
        dotted = "." in rest[:stop]
        shortest = 8 if dotted else 7  # "08.00-17.00" is a time, not a number
        if shortest <= len(national) <= 9 and not national.startswith("0"):
            return match.start(2) + stop
    return None


def _personnummer(text: str) -> Iterator[re.Match[str]]:
    for match in _PNR.finditer(text):
        head, _, tail = match.groups()
        if is_personnummer(head + tail, century_given=len(head) == 8):
            yield match


def is_personnummer(digits: str, *, century_given: bool = False) -> bool:
    """Whether 10 or 12 digits form a valid personnummer or samordningsnummer: a real birth
    date (day + 60 for a samordningsnummer) and a correct Luhn check digit."""
    if century_given:
        if digits[:2] not in ("18", "19", "20"):
            return False
        year = int(digits[:4])
        digits = digits[2:]
    else:
        year = 2000 + int(digits[:2])  # a leap year whenever the two digits allow one
    month, day = int(digits[2:4]), int(digits[4:6])
    if day > 60:
        day -= 60
    if not 1 <= month <= 12 or not 1 <= day <= monthrange(year, month)[1]:
        return False
    return _luhn_ok(digits)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _pnr_kind(match: re.Match[str]) -> str:
    day = int(match.group(1)[-2:])
    return "samordningsnummer" if day > 60 else "personnummer"


def is_contact_point(text: str) -> bool:
    """An e-mail address or a phone number and nothing else (what `contacts` may hold)."""
    text = unicodedata.normalize("NFC", text.strip())
    if _EMAIL.fullmatch(text):
        return True
    spans = list(phone_spans(text))
    return len(spans) == 1 and spans[0] == (0, len(text))


def normalise_phone(text: str) -> str:
    """Digits with the trunk 0: "+46 (0)70-123 45 67" and "070 123 45 67" compare equal."""
    digits = re.sub(r"\D", "", text)
    stripped = text.strip()
    if stripped.startswith("+46"):
        digits = "0" + digits[2:].removeprefix("0")
    elif stripped.startswith("0046"):
        digits = "0" + digits[4:].removeprefix("0")
    return digits
