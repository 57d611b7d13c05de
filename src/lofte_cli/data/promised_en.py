"""What a commitment's text promises in numbers, read from English text (a pledge with
`language: en`): a count ("at least 12 traffic controls", "four safety walks a year") or a
frequency ("every month", "twice a year", "quarterly", "on Fridays"). The English twin of
`promised`, with the same `Promise`; numbers that are not promises (years, ids, ages,
school years, roads, sections, times of day, durations, percentages, staff) are not read
as counts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lofte_cli.data.promised import Promise, either, first_promise

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_UNITS |= {"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13}
_UNITS |= {"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18}
_UNITS |= {"nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
_TENS |= {"eighty": 80, "ninety": 90}


_WORDS = rf"(?:(?:{either(_TENS)})(?:[- ](?:{either(_UNITS)}))?|{either(_UNITS)}|a\s+hundred)"
# A number stands alone: not part of an id (police-1), a road (E45), a time (18.00), a
# section (3 §), a fraction (24/7) or a decimal.
_CORE = rf"(?:\d+|{_WORDS})(?![\w§/]|[:.,]\d|-\d)"
_NUMBER = rf"(?P<n>(?<![\w§/:.,–-]){_CORE})"


def number_value(word: str) -> int | None:
    """The value of a number in digits or English words ("twenty-five" → 25)."""
    word = word.lower().replace("-", " ")
    if word.isdigit():
        return int(word)
    if re.fullmatch(r"a\s+hundred", word):
        return 100
    parts = word.split()
    value = _TENS.get(parts[0]) or _UNITS.get(parts[0])
    if value is None:
        return None
    if len(parts) == 2:
        return value + _UNITS[parts[1]] if parts[1] in _UNITS else None
    return value


_SLICES = {"week": "week", "month": "month", "quarter": "quarter", "term": "half-year"}
_SLICES |= {"semester": "half-year", "half-year": "half-year", "half year": "half-year"}
_SLICES |= {"school year": "year", "year": "year", "day": "day", "period": "period"}
_SLICE = rf"(?:a|an|per|each|every|/)\s*(?P<slice>{either(_SLICES)})(?!\w)"
_FREQUENCY_WORDS = {"once": 1, "twice": 2, "thrice": 3}
_ADVERBS = {
    "weekly": (1, "week"),
    "fortnightly": (2, "month"),
    "monthly": (1, "month"),
    "quarterly": (1, "quarter"),
    "termly": (1, "half-year"),
    "annually": (1, "year"),
    "yearly": (1, "year"),
    "annual": (1, "year"),
    "daily": (7, "week"),
}
# Before an adjective these name a known thing ("the annual survey"), not a promise.
_DEFINITE_WORDS = {"the", "this", "that", "its", "their", "our", "his", "her", "existing"}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# "every other week" as a count per slice of `expect` (every other year has none).
_OTHER: dict[str, tuple[int | None, str | None]] = {
    "week": (2, "month"),
    "month": (6, "year"),
    "quarter": (2, "year"),
    "year": (None, None),
}

# A number followed by these is an age, a duration, an amount, a share or staff.
_UNIT = re.compile(
    r"\s*(?:years?(?:\s+old)?|year-olds?|%|per\s*cent|percent|hours?|hrs?|minutes?|mins?"
    r"|days?|weeks?|months?|kr|sek|kronor|km|metres?|meters?|miles?|degrees?"
    r"|(?:\w+\s+){0,2}(?:officers?|staff|people|persons?|employees?|wardens?|hosts?"
    r"|coordinators?|workers?|posts?))(?!\w)",
    re.IGNORECASE,
)
# A number after these is a label: a school year, a road, a section, an id, a time.
_LABELS = {"§", "section", "chapter", "year", "grade", "class", "road", "route", "e", "no"}
_LABELS |= {"number", "commitment", "police", "point", "page", "step", "area", "goal"}
_LABELS |= {"at", "since", "from", "between", "within", "after", "before", "until", "by"}
_LABELS |= {"aged", "under", "over", "ages"}
_QUALIFIER = r"(?:(?:at\s+least|a\s+minimum\s+of|minimum|in\s+total|about|around|some"
_QUALIFIER += r"|approximately|up\s+to|no\s+fewer\s+than)\s+)"
_RANGE = rf"(?P<range>{_NUMBER}(?:\s*(?:[–-]|to|or)\s*{_CORE})?)"
_F = re.IGNORECASE
_TIMES_PER = re.compile(
    rf"(?:(?P<q>{_QUALIFIER})?{_RANGE}\s+times|(?P<word>{either(_FREQUENCY_WORDS)}))"
    rf"(?:\s+{_SLICE}|\s+(?P<adv>{either(_ADVERBS)}))?(?!\w)",
    _F,
)
_COUNT_PER = re.compile(rf"(?P<q>{_QUALIFIER})?{_RANGE}\s+(?:[\w/-]+\s+){{0,3}}?{_SLICE}", _F)
_EVERY = re.compile(
    rf"(?<!\w)every\s+(?:(?P<other>other|second)\s+)?"
    rf"(?P<slice>{either(_SLICES)}|(?:{either(_WEEKDAYS)})(?:\s+(?:night|evening))?)(?!\w)",
    _F,
)
_ON_WEEKDAYS = re.compile(
    rf"(?<!\w)(?P<first>{either(_WEEKDAYS)})s"
    rf"(?:\s*(?:/|and|or|,)\s*(?:{either(_WEEKDAYS)})s)*(?!\w)"
    rf"|(?<!\w)(?:{either(_WEEKDAYS)})(?:\s*(?:/|and|or|,)\s*(?:{either(_WEEKDAYS)}))*"
    rf"\s+(?:nights|evenings|mornings|afternoons)(?!\w)",
    _F,
)
_SOME = {"some", "a", "few", "certain", "occasional", "selected", "one", "several"}
_COUNT_ADVERB = re.compile(rf"{_RANGE}\s+(?P<adv>{either(_ADVERBS)})(?!\w)", _F)
_ADVERB = re.compile(rf"(?<!\w)(?P<word>{either(_ADVERBS)})(?!\w)", _F)
_QUALIFIED = re.compile(rf"(?P<q>{_QUALIFIER}){_RANGE}(?:\s+[\w/-]+)?", _F)
_VERBS = r"hold|holds|run|runs|arrange|arranges|organise|organises|organize|organizes"
_VERBS += r"|carry\s+out|carries\s+out|conduct|conducts|offer|offers|visit|visits|train"
_VERBS += r"|trains|host|hosts|make|makes|perform|performs|deliver|delivers|publish"
_BARE = re.compile(rf"(?:^|[.;:!?]\s+|(?<!\w)(?:{_VERBS})\s+){_RANGE}\s+[\w/-]+", _F)


def read_promise_en(text: str) -> Promise | None:
    """The number or frequency an English commitment promises: the first that asks for
    more than one activity in the period, else a promise of one, else None."""
    return first_promise(_promises(text))


def _is_count(text: str, match: re.Match[str]) -> bool:
    start = match.start("n")
    before = re.findall(r"[\w§]+", text[max(0, start - 30) : start].lower())
    if before and before[-1] in _LABELS:
        return False
    number = match.group("n")
    return not (number.isdigit() and len(number) == 4 and number[:2] in ("19", "20"))


def _per(count: int | None, slice_word: str | None) -> tuple[int | None, str]:
    per = _SLICES.get(re.sub(r"\s+", " ", (slice_word or "").lower()), "period")
    if per == "day":
        return (None if count is None else count * 7), "week"
    return count, per


def _promises(text: str) -> Iterator[Promise]:
    for m in _TIMES_PER.finditer(text):
        if m["word"]:
            count: int | None = _FREQUENCY_WORDS[m["word"].lower()]
        elif _is_count(text, m):
            count = number_value(m["n"])
        else:
            continue
        if m["adv"]:
            per = _ADVERBS[m["adv"].lower()][1]
        else:
            count, per = _per(count, m["slice"])
        if m["word"] and not m["slice"] and not m["adv"]:
            continue  # "once" alone: "once the survey is done"
        yield Promise(m.group(0).strip(), count, per)
    for m in _COUNT_PER.finditer(text):
        if _is_count(text, m) and not _UNIT.match(text, m.end("range")):
            count, per = _per(number_value(m["n"]), m["slice"])
            yield Promise(m.group(0).strip(), count, per)
    for m in _EVERY.finditer(text):
        word = m["slice"].lower()
        if word.split()[0] in _WEEKDAYS:
            yield Promise(m.group(0), 2 if m["other"] else 1, "month" if m["other"] else "week")
            continue
        count, per = _per(1, word)
        if m["other"]:
            count, other = _OTHER.get(per, (None, None))
            per = other or per
        yield Promise(m.group(0), count, per)
    for m in _COUNT_ADVERB.finditer(text):  # "two weekly patrols"
        if _is_count(text, m):
            count, per = _ADVERBS[m["adv"].lower()]
            yield Promise(m.group(0), (number_value(m["n"]) or 1) * (count or 1), per)
    for m in _ADVERB.finditer(text):
        before = re.findall(r"\w+", text[: m.start()].lower())
        if not before or before[-1] not in _DEFINITE_WORDS:
            count, per = _ADVERBS[m["word"].lower()]
            yield Promise(m.group(0), count, per)
    for m in [*_QUALIFIED.finditer(text), *_BARE.finditer(text)]:
        if _is_count(text, m) and not _UNIT.match(text, m.end("range")):
            start = m.start("q") if m.groupdict().get("q") else m.start("n")
            yield Promise(text[start : m.end()].strip(), number_value(m["n"]), "period")
    for m in _ON_WEEKDAYS.finditer(text):
        before = re.findall(r"\w+", text[: m.start()].lower())
        if not before or before[-1] not in _SOME:
            yield Promise(m.group(0), None, "week")
