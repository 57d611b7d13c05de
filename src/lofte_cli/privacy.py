"""Finding personal data in public text: Swedish personal identity numbers (check digit
verified), e-mail addresses and phone numbers that are not official contact points."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_PNR = re.compile(r"(?<![\w+-])(\d{8}|\d{6})([-+]?)(\d{4})(?![\w-])")
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_PHONE = re.compile(r"(?<![\w+/.,:-])(\+46|0046|0)[ \-()]*(\d[\d \-()]{4,15}\d)(?![\d])")


@dataclass(frozen=True)
class Finding:
    """One piece of personal data found in a text: its code and the matched text."""

    code: str
    text: str
    kind: str


# Every finding has an @ or seven digits (with separators between them): most text has
# neither, and one search tells.
_CANDIDATE = re.compile(r"@|\d(?:[ \-+()]{0,3}\d){6}")


def find_personal_data(text: str, contacts: Iterable[str] = ()) -> list[Finding]:
    """Personal data in `text`, leaving out the listed official contact points."""
    if not _CANDIDATE.search(text):
        return []
    allowed_mail = {c.strip().lower() for c in contacts if "@" in c}
    allowed_phone = {_normalise_phone(c) for c in contacts if "@" not in c}
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for match in _personnummer(text):
        found.append(Finding("L301", match.group(0), _pnr_kind(match)))
        taken.append(match.span())
    for match in _EMAIL.finditer(text):
        if match.group(0).lower() not in allowed_mail:
            found.append(Finding("L302", match.group(0), "e-mail address"))
    for match in _PHONE.finditer(text):
        overlaps = any(a < match.end() and match.start() < b for a, b in taken)
        if (
            not overlaps
            and _is_phone(match)
            and _normalise_phone(match.group(0)) not in allowed_phone
        ):
            found.append(Finding("L303", match.group(0).strip(), "phone number"))
    return found


def _personnummer(text: str) -> Iterator[re.Match[str]]:
    for match in _PNR.finditer(text):
        head, sep, tail = match.groups()
        if len(head) == 6 and not sep and head.startswith("07"):
            continue  # a bare 07x mobile number; the phone check reports it
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


def _is_phone(match: re.Match[str]) -> bool:
    """A Swedish number: 7 to 9 digits after the trunk 0 or +46 (area code included)."""
    national = re.sub(r"\D", "", match.group(2))
    if national.startswith("0") and match.group(1) != "0":
        national = national[1:]  # "+46 (0)70 …"
    return 7 <= len(national) <= 9 and not national.startswith("0")


def _normalise_phone(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    for prefix in ("0046", "46"):
        if digits.startswith(prefix) and text.strip().startswith(("+", "00")):
            digits = digits[len(prefix) :].removeprefix("0")
            return "0" + digits
    return digits
