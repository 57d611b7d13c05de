"""How often a commitment is to be kept, as a coordinator says it (`fyra gånger per år`,
`varje vecka`, `kvartalsvis`, `minst 12 per år`, `4 times a year`), read as the `expect` of
pledge.yaml: a count per calendar slice (`{count: 4, per: year}`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lofte_cli.errors import UsageError
from lofte_cli.i18n import _

SLICES = ("week", "month", "quarter", "tertial", "half-year", "year", "period")

NUMBER_WORDS = {
    **dict.fromkeys(("en", "ett", "one", "once", "a", "an"), 1),
    **dict.fromkeys(("två", "two", "twice"), 2),
    **dict.fromkeys(("tre", "three", "thrice"), 3),
    **dict.fromkeys(("fyra", "four"), 4),
    **dict.fromkeys(("fem", "five"), 5),
    **dict.fromkeys(("sex", "six"), 6),
    **dict.fromkeys(("sju", "seven"), 7),
    **dict.fromkeys(("åtta", "eight"), 8),
    **dict.fromkeys(("nio", "nine"), 9),
    **dict.fromkeys(("tio", "ten"), 10),
    **dict.fromkeys(("elva", "eleven"), 11),
    **dict.fromkeys(("tolv", "twelve"), 12),
    **dict.fromkeys(("femton", "fifteen"), 15),
    **dict.fromkeys(("tjugo", "twenty"), 20),
    **dict.fromkeys(("trettio", "thirty"), 30),
    **dict.fromkeys(("femtio", "fifty"), 50),
}
# `en`, `once`, `a` … count only when they come first ("en gång i månaden"); after a
# count, `a` and `an` say "per" ("4 times a year").
ARTICLES = {"en", "ett", "a", "an"}

SLICE_WORDS = {
    # "v", "mån", "kv": as a coordinator shortens them after a slash ("2 ggr/mån").
    **dict.fromkeys(("vecka", "veckan", "veckor", "v", "week", "weeks"), "week"),
    **dict.fromkeys(("månad", "månaden", "månader", "mån", "month", "months"), "month"),
    **dict.fromkeys(("kvartal", "kvartalet", "kv", "quarter", "quarters"), "quarter"),
    **dict.fromkeys(("tertial", "tertialet", "tertials"), "tertial"),
    **dict.fromkeys(("halvår", "halvåret", "half-year"), "half-year"),
    # A school term (termin) is taken as the half-year it falls in.
    **dict.fromkeys(("termin", "terminen", "terminer", "term", "semester"), "half-year"),
    **dict.fromkeys(("år", "året", "läsår", "läsåret", "year", "years"), "year"),
    **dict.fromkeys(("period", "perioden", "löftesperioden"), "period"),
}
# Words that say "once a …" on their own.
ONCE_PER = {
    **dict.fromkeys(("veckovis", "weekly"), "week"),
    **dict.fromkeys(("månadsvis", "månatligen", "monthly"), "month"),
    **dict.fromkeys(("kvartalsvis", "quarterly"), "quarter"),
    **dict.fromkeys(("tertialvis",), "tertial"),
    **dict.fromkeys(("halvårsvis", "terminsvis", "half-yearly"), "half-year"),
    **dict.fromkeys(("årligen", "årsvis", "yearly", "annually"), "year"),
}
TOTAL = {"totalt", "sammanlagt", "total", "altogether"}
EVERY = {"varje", "varenda", "every", "each"}
EVERY_OTHER = {"varannan", "vartannat", "varannat"}
LINKS = {"per", "i", "om", "under", "in", "during", "a", "an", "på"}
FILLERS = {
    *("minst", "åtminstone", "cirka", "ca", "ungefär", "omkring", "drygt", "gång", "gånger"),
    *("ggr", "gg", "at", "least", "about", "around", "approximately", "times", "time"),
    *("st", "stycken", "styck"),
}
DAY_WORDS = {"dag", "dagen", "dagar", "dagligen", "day", "days", "daily"}
# A day of the week with no slice named says "a week": `varje fredag` is once a week.
WEEKDAYS = re.compile(
    r"(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en|ar|arna)?|helg(?:en|er|erna)?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|weekends?"
)
# "every other week" as a count per year: 26 a year, and so on.
OTHER_PER_YEAR = {"week": 26, "month": 6, "quarter": 2, "half-year": 1}
# "var tredje månad" and the like: once every n-th slice, where that is a whole count per
# slice of `expect` (every third week is not, and is asked again).
ORDINALS = {"tredje": 3, "third": 3, "fjärde": 4, "fourth": 4, "sjätte": 6, "sixth": 6}
EVERY_NTH = {
    (3, "month"): (1, "quarter"),
    (4, "month"): (1, "tertial"),
    (6, "month"): (1, "half-year"),
    (4, "week"): (13, "year"),
}


@dataclass(frozen=True)
class ExpectDraft:
    """`expect` of a commitment: `count` per slice `per`; with `of`, the sum of a measure."""

    count: int
    per: str = "period"
    of: str | None = None

    def items(self) -> list[tuple[str, object]]:
        """The keys in the order of the schema, as the file gets them."""
        of = [("of", self.of)] if self.of else []
        return [("count", self.count), *of, ("per", self.per)]

    def shown(self) -> str:
        """`{count: 4, per: year}`, as the file shows it."""
        return "{" + ", ".join(f"{key}: {value}" for key, value in self.items()) + "}"


@dataclass(frozen=True)
class ExpectReading:
    """What an answer was read as, and the words between the count and the slice (what is
    counted, `trafikkontroller`), which the file does not keep."""

    expect: ExpectDraft
    counted: str | None


def read_expect(text: str) -> ExpectReading:
    """`fyra gånger per år` → count 4 per year; a usage error says how to write it."""
    words = _words(text)
    if any(word in ORDINALS for word in words):
        return ExpectReading(_every_nth(words, text), None)
    count: int | None = None
    per: str | None = None
    every = other = False
    counted: list[str] = []
    for index, word in enumerate(words):
        number = _number(word)
        if count is None and not counted and number and (per is None or word not in ARTICLES):
            count = number
        elif word in FILLERS or (word in LINKS and count is not None):
            continue
        elif word in EVERY or word in LINKS:
            every = every or word in EVERY
        elif word in EVERY_OTHER or (word in {"other", "second"} and every):
            other = True
        elif per is None and (word in SLICE_WORDS or word in ONCE_PER or word in TOTAL):
            per = SLICE_WORDS.get(word) or ONCE_PER.get(word) or "period"
            every = every or word in ONCE_PER
        elif word in DAY_WORDS and not (word in {"dagar", "days"} and count and per is None):
            raise UsageError(_day_message(text))
        elif per is None and number is None and words[index - 1 : index] != ["per"]:
            # After "per" only a slice may come: "2 ggr/termin" is read, "2 per skola" is not.
            counted.append(word)
        else:
            raise UsageError(_unread_message(text))
    if (count is None and not (every or other)) or count == 0:
        raise UsageError(_unread_message(text))
    days = [word for word in counted if WEEKDAYS.fullmatch(word)]
    if per is None and days:
        per = "week"  # the day is the slice, not what is counted
        counted = [word for word in counted if word not in days]
    expect = _expect(count or 1, per or "period", other=other, text=text)
    # "fem dagar i veckan": the days are when, not what is counted.
    counted = [word for word in counted if word not in DAY_WORDS]
    return ExpectReading(expect, " ".join(counted) or None)


def _every_nth(words: list[str], text: str) -> ExpectDraft:
    """ "var tredje månad" (once every third month) as one a quarter; "en gång" may come
    first. Anything else with an ordinal is asked again."""
    said = [w for w in words if w not in {"en", "gång", "once"}]
    if len(said) == 3 and said[0] in {"var", "vart", "every"} and said[2] in SLICE_WORDS:
        found = EVERY_NTH.get((ORDINALS.get(said[1], 0), SLICE_WORDS[said[2]]))
        if found:
            return ExpectDraft(*found)
    raise UsageError(_unread_message(text))


def _words(text: str) -> list[str]:
    """The answer's words in lower case; `/` is "per", `half year` one word, `4x` `4`."""
    said = text.casefold().replace("/", " per ").replace("half year", "half-year")
    said = re.sub(r"(\d)\s*x\b", r"\1", said)
    return [w for w in re.split(r"[\s,.;:!?()]+", said) if w]


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _expect(count: int, per: str, *, other: bool, text: str) -> ExpectDraft:
    """The expectation; "every other …" becomes a count per year (varannan vecka: 26)."""
    if not other:
        return ExpectDraft(count, per)
    if per not in OTHER_PER_YEAR:
        raise UsageError(_unread_message(text))
    return ExpectDraft(count * OTHER_PER_YEAR[per], "year")


def _unread_message(text: str) -> str:
    return _(
        "cannot read {text} as how often: write how many and per what, e.g. "
        "'4 times a year', 'every week', 'at least 12 a year', 'quarterly'"
    ).format(text=repr(text))


def _day_message(text: str) -> str:
    return _(
        "{text}: lofte counts per week at the shortest; write e.g. '5 per week' for every "
        "working day"
    ).format(text=repr(text))
