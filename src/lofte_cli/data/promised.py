"""What a commitment's text promises in numbers: a count ("minst 12", "fyra
trygghetsvandringar", "10 tillfällen") or a frequency ("varje vecka", "två gånger per år",
"kvartalsvis"), read from Swedish text. Pure: text in, the phrase found (with the count and
the `expect.per` slice when the text tells them) or None out. Numbers that are not promises
(years, ids, ages, law and paragraph numbers, school years, roads, times of day, addresses,
durations, percentages) are not read as counts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# The slices `expect.per` accepts (schemas/pledge.schema.json).
PERS = ("week", "month", "quarter", "tertial", "half-year", "year", "period")


@dataclass(frozen=True)
class Promise:
    """A number or a frequency found in a commitment's text. `count` and `per` are what
    `expect` would say (`per` one of PERS); None where the text does not tell."""

    phrase: str
    count: int | None
    per: str | None

    @property
    def says_more_than_once(self) -> bool:
        """Whether the text asks for more than one activity in the whole period, which is
        all that lofte asks of a commitment without `expect`."""
        return self.count is None or self.count > 1 or self.per != "period"


def read_promise(text: str) -> Promise | None:
    """The number or frequency a commitment's text promises: the first that asks for more
    than one activity in the period, else a promise of one ("minst en"), else None."""
    # "fyra (4) trygghetsvandringar": the digits in brackets repeat the number word.
    return first_promise(_promises(_REPEATED.sub(r"\1", text)))


def first_promise(found: Iterable[Promise]) -> Promise | None:
    """Of the promises found, most telling first: the first that asks for more than one
    activity in the period, else the first."""
    first: Promise | None = None
    for promise in found:
        if promise.says_more_than_once:
            return promise
        first = first or promise
    return first


# --- numbers ----------------------------------------------------------------------------

_UNITS = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7}
_UNITS |= {"åtta": 8, "nio": 9}
_TEENS = {"tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15}
_TEENS |= {"sexton": 16, "sjutton": 17, "arton": 18, "aderton": 18, "nitton": 19}
_TENS = {"tjugo": 20, "tjugu": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60}
_TENS |= {"sjuttio": 70, "åttio": 80, "nittio": 90}


def either(words: Iterable[str]) -> str:
    """A regular expression alternation of `words`, the longest first."""
    return "|".join(sorted(words, key=len, reverse=True))


_BELOW_100 = f"(?:{either(_TENS)})(?:{either(_UNITS)})?|{either(_TEENS)}|{either(_UNITS)}"
_WORDS = f"(?:(?:{either(_UNITS)})?hundra(?:{_BELOW_100})?|{_BELOW_100})"
# A number stands alone: not part of an id (polis-1), a road (E45), a law (2018:1937), a
# time (18.00), a paragraph (3 §) or a decimal.
_CORE = rf"(?:\d+|{_WORDS})(?![\w§]|[:.,]\d|-\w)"
_NUMBER = rf"(?<![\w§/:.,–-]){_CORE}"
_RANGE = rf"(?P<range>(?P<n>{_NUMBER})(?:\s*(?:[–-]|till|eller)\s*{_CORE})?)"


def number_value(word: str) -> int | None:
    """The value of a number written in digits or in Swedish words ("tjugofem" → 25)."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    before, hundred, rest = word.rpartition("hundra")
    value = 0
    if hundred:
        if before and before not in _UNITS:
            return None
        value = 100 * _UNITS.get(before, 1)
    if not rest:
        return value or None
    below = _TEENS.get(rest) or _UNITS.get(rest)
    for tens, tens_value in _TENS.items():
        if rest.startswith(tens) and (rest == tens or rest[len(tens) :] in _UNITS):
            below = tens_value + _UNITS.get(rest[len(tens) :], 0)
    return value + below if below else None


# --- periods ----------------------------------------------------------------------------

# A slice as written after "per", "varje" and "var tredje" (indefinite), and after "i",
# "om" and "under" (definite). A day is counted as seven a week: `per` has no days.
_INDEFINITE = {"vecka": "week", "månad": "month", "kvartal": "quarter", "tertial": "tertial"}
_INDEFINITE |= {"halvår": "half-year", "termin": "half-year", "läsår": "year", "år": "year"}
_INDEFINITE |= {"dag": "day", "dygn": "day", "period": "period", "löftesperiod": "period"}
_DEFINITE = {"veckan": "week", "månaden": "month", "kvartalet": "quarter"}
_DEFINITE |= {"tertialet": "tertial", "halvåret": "half-year", "terminen": "half-year"}
_DEFINITE |= {"läsåret": "year", "året": "year", "dagen": "day", "dygnet": "day"}
_DEFINITE |= {"perioden": "period", "löftesperioden": "period"}
_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag", "helg")
_SLICE = (
    rf"(?:(?:per|varje|/)\s*(?P<indef>{either(_INDEFINITE)})"
    rf"|(?:i|om|under)\s+(?P<def>{either(_DEFINITE)}))(?!\w)"
)

# Adverbs and adjectives that are a frequency by themselves: count and slice.
_ADVERBS = {
    "årligen": (1, "year"),
    "årsvis": (1, "year"),
    "årlig": (1, "year"),
    "årligt": (1, "year"),
    "årliga": (1, "year"),
    "halvårsvis": (1, "half-year"),
    "halvårsvisa": (1, "half-year"),
    "terminsvis": (1, "half-year"),
    "tertialvis": (1, "tertial"),
    "tertialvisa": (1, "tertial"),
    "kvartalsvis": (1, "quarter"),
    "kvartalsvisa": (1, "quarter"),
    "månadsvis": (1, "month"),
    "månatligen": (1, "month"),
    "månatlig": (1, "month"),
    "månatliga": (1, "month"),
    "veckovis": (1, "week"),
    "veckovisa": (1, "week"),
    "dagligen": (7, "week"),
    "daglig": (7, "week"),
    "dagligt": (7, "week"),
    "dagliga": (7, "week"),
}
# Before an adjective these name a known thing ("den årliga trygghetsmätningen"), not a
# promise to do something each year.
_DEFINITE_WORDS = {"den", "det", "de", "dess", "sin", "sitt", "sina", "vår", "vårt", "våra"}
_ORDINALS = {"annan": 2, "annat": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6}
_ORDINALS |= {"åttonde": 8, "tionde": 10, "tolfte": 12}


def _slice(count: int | None, per: str) -> tuple[int | None, str]:
    """`count` per `per`, with days counted as a week's worth."""
    if per == "day":
        return (None if count is None else count * 7), "week"
    return count, per


def _every_nth(n: int, per: str) -> tuple[int | None, str | None]:
    """Once every `n`-th slice ("var tredje månad"), as a count per slice of `expect`."""
    known = {
        (2, "week"): (2, "month"),
        (4, "week"): (1, "month"),
        (3, "month"): (1, "quarter"),
        (4, "month"): (1, "tertial"),
        (6, "month"): (1, "half-year"),
        (12, "month"): (1, "year"),
        (2, "half-year"): (1, "year"),
    }
    if (n, per) in known:
        return known[n, per]
    if per == "week":
        return 52 // n, "year"
    if per == "month":
        return 12 // n, "year"
    if per == "day" and n <= 7:
        return 7 // n, "week"
    return None, None


# --- what is not a count ----------------------------------------------------------------

# A number followed by these is an age, a duration, an amount or a share.
_UNIT_WORDS = r"år|års|åring\w*|årig\w*|%|procent\w*|timm\w*|tim|minut\w*|min|sekund\w*"
_UNIT_WORDS += r"|dag|dagar|dagars|dygn|vecka|veckor|veckors|månad|månader|månaders"
_UNIT_WORDS += r"|kr|kronor|tkr|mkr|meter|m|km|mil|kilometer|grader"
_UNIT = re.compile(rf"\s*(?:{_UNIT_WORDS})(?!\w)", re.IGNORECASE)
# A number after these is a label: a school year, a road, a paragraph, an id, a time.
_LABELS = {"§", "kap", "kapitel", "åk", "årskurs", "skolår", "klass", "väg", "lv", "rv"}
_LABELS |= {"e", "nr", "nummer", "kl", "klockan", "åtagande", "åtagandet", "punkt", "sida"}
_LABELS |= {"lag", "sfs", "bilaga", "avsnitt", "område", "mål", "steg", "v", "vecka", "år"}
_LABELS |= {"sol", "lvu", "lvm", "under", "sedan", "från", "mellan", "inom", "efter"}
_ADDRESS = re.compile(r"(?:gatan|vägen|gränd|torget|platsen|stigen|backen|allén)$")


def _is_count(text: str, match: re.Match[str]) -> bool:
    """Whether the number in `match` counts something rather than labels or measures it."""
    start = match.start("n")
    before = re.findall(r"[\w§]+", text[max(0, start - 30) : start].lower())
    word = before[-1] if before else ""
    if word in _LABELS or _ADDRESS.search(word):
        return False
    number = match.group("n")
    return not (number.isdigit() and len(number) == 4 and number[:2] in ("19", "20"))


_REPEATED = re.compile(rf"(?<!\w)({_WORDS})\s*\(\d+\)", re.IGNORECASE)


def _names_a_unit(text: str, end: int) -> bool:
    return _UNIT.match(text, end) is not None


# --- the patterns, most telling first ---------------------------------------------------

_QUALIFIER = r"(?:(?:minst|åtminstone|totalt|sammanlagt|cirka|ca\.?|drygt|upp\s+till)\s+)"
_TIMES = rf"(?P<q>{_QUALIFIER})?{_RANGE}\s+(?:gång|gånger|ggr|tillfällen|tillfälle|omgångar)"
_FLAGS = re.IGNORECASE
_EACH = r"årligen|årsvis|månatligen|månadsvis|veckovis|kvartalsvis|halvårsvis|terminsvis"
_TIMES_PER = re.compile(
    rf"{_TIMES}(?!\w)(?:\s*{_SLICE}|\s+(?P<adv>{_EACH}|tertialvis)(?!\w))?", _FLAGS
)
_COUNT_PER = re.compile(rf"(?P<q>{_QUALIFIER})?{_RANGE}\s+(?:[\w/-]+\s+){{0,3}}?{_SLICE}", _FLAGS)
_EVERY = re.compile(
    rf"(?<!\w)(?:varje\s+(?P<every>{either(_INDEFINITE)}|(?:{either(_WEEKDAYS)})(?:s?kväll)?)"
    rf"|var\s*(?P<nth>{either(_ORDINALS)})\s+(?P<slice>{either(_INDEFINITE)}))(?!\w)",
    _FLAGS,
)
# A weekday in the plural ("nattvandringar fredagar/lördagar", "tisdagskvällar") is done
# each week; how many a week is left to `expect`, as the season may be shorter than the
# period. After "vissa", "några" … it names some days, not a frequency.
_ON_WEEKDAYS = re.compile(
    rf"(?<!\w)(?:{either(_WEEKDAYS[:-1])})(?:ar|s(?:kvällar|nätter|morgnar|eftermiddagar))"
    rf"(?:\s*(?:/|och|eller|,)\s*(?:{either(_WEEKDAYS[:-1])})(?:ar|s\w+))*(?!\w)",
    re.IGNORECASE,
)
_SOME = {"vissa", "några", "enstaka", "flera", "somliga", "en", "ett"}
_SEASONS = re.compile(
    r"(?<!\w)(?:(?P<both>(?:varje\s+)?vår(?:en)?\s+och\s+höst(?:en)?)"
    r"|varje\s+(?:vår|höst|sommar|vinter))(?!\w)",
    re.IGNORECASE,
)
# A count of people on staff ("två kommunpoliser finns i kommunen") says who there is, not
# how many times something is done.
_STAFF = re.compile(
    r"\s+\w*(?:poliser|personer|medarbetare|anställda|tjänster|årsarbetare|värdar|"
    r"assistenter|fältare|sekreterare|samordnare)(?!\w)",
    re.IGNORECASE,
)
_ADVERB = re.compile(rf"(?<!\w)(?P<word>{either(tuple(_ADVERBS))})(?!\w)", _FLAGS)
_QUALIFIED = re.compile(rf"(?P<q>{_QUALIFIER}){_RANGE}(?:\s+[\w/-]+)?", _FLAGS)
_VERBS = r"genomföra|genomför|genomförs|anordna|anordnar|arrangera|arrangerar|hålla|håller"
_VERBS += r"|göra|gör|erbjuda|erbjuder|ordna|ordnar|utföra|utför|besöka|besöker"
_VERBS += r"|starta|utbilda|utbildar|bjuda\s+in\s+till|delta\s+i|ta\s+fram|skicka\s+ut"
_BARE = re.compile(rf"(?:^|[.;:!?]\s+|(?<!\w)(?:{_VERBS})\s+){_RANGE}\s+[\w/-]+", _FLAGS)


def _promises(text: str) -> Iterator[Promise]:
    """Every promise the text holds, most telling pattern first."""
    for m in [*_TIMES_PER.finditer(text), *_COUNT_PER.finditer(text)]:
        if _is_count(text, m) and not re.match(r"\s*(?:tim|minut)", text[m.end("range") :]):
            per = _INDEFINITE.get((m["indef"] or "").lower()) or _DEFINITE.get(
                (m["def"] or "").lower(), "period"
            )
            if m.groupdict().get("adv"):  # "två gånger årligen"
                per = _ADVERBS[m["adv"].lower()][1]
            count, per = _slice(number_value(m["n"]), per)
            yield Promise(_phrase(text, m), count, per)
    for m in _EVERY.finditer(text):
        if m["every"]:
            count, per = _slice(1, _INDEFINITE.get(m["every"].lower(), "week"))
        else:
            nth = _ORDINALS[m["nth"].lower()]
            count, maybe_per = _every_nth(nth, _INDEFINITE[m["slice"].lower()])
            per = maybe_per or ""
        yield Promise(m.group(0), count, per or None)
    for m in _ADVERB.finditer(text):
        before = re.findall(r"\w+", text[: m.start()].lower())
        if not before or (before[-1] not in _DEFINITE_WORDS and not before[-1].endswith("s")):
            count, per = _ADVERBS[m["word"].lower()]
            yield Promise(m.group(0), count, per)
    for m in [*_QUALIFIED.finditer(text), *_BARE.finditer(text)]:
        bare_article = m["n"].lower() in ("en", "ett") and "q" not in m.groupdict()
        after = m.end("range")
        measures = _names_a_unit(text, after) or _STAFF.match(text, after)
        if _is_count(text, m) and not bare_article and not measures:
            yield Promise(_phrase(text, m, words=3), number_value(m["n"]), "period")
    for m in _SEASONS.finditer(text):  # "vår och höst": twice a year; "varje höst": once
        yield Promise(m.group(0), 2 if m["both"] else 1, "year")
    for m in _ON_WEEKDAYS.finditer(text):
        before = re.findall(r"\w+", text[: m.start()].lower())
        if not before or before[-1] not in _SOME:
            yield Promise(m.group(0), None, "week")


# Words that end the phrase shown for a bare count ("minst 50 riktade narkotikainsatser").
_PHRASE_END = re.compile(
    r"\s+(?:på|i|för|med|mot|av|till|om|vid|under|och|eller|som|där|från|inom|kring)(?!\w)"
    r"|\s*[,;:.()]",
    re.IGNORECASE,
)


def _phrase(text: str, match: re.Match[str], *, words: int = 0) -> str:
    """The words of the promise: from the qualifier or the number to the match's end, or,
    with `words`, to that many words after the number or the end of the clause."""
    start = match.start("q") if match.groupdict().get("q") else match.start("n")
    if not words:
        return text[start : match.end()].strip()
    end = _PHRASE_END.search(text, match.end("range"))
    tail = text[match.end("range") : end.start() if end else len(text)].split()
    return " ".join([text[start : match.end("range")], *tail[:words]])
