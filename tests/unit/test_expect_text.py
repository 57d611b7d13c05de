"""How often a commitment is kept, as a coordinator answers `new-pledge`'s question: each
answer and the `expect` it becomes, written by hand."""

from __future__ import annotations

import pytest

from lofte_cli.edit.expect_text import ExpectDraft, read_expect
from lofte_cli.errors import UsageError

READ = [
    # Swedish
    ("fyra gånger per år", 4, "year", None),
    ("4 gånger per år", 4, "year", None),
    ("fyra gånger om året", 4, "year", None),
    ("Fyra gånger om året.", 4, "year", None),
    ("varje vecka", 1, "week", None),
    ("en gång i veckan", 1, "week", None),
    ("en gång i månaden", 1, "month", None),
    ("två gånger per termin", 2, "half-year", None),
    ("två gånger per halvår", 2, "half-year", None),
    ("kvartalsvis", 1, "quarter", None),
    ("en gång per kvartal", 1, "quarter", None),
    ("årligen", 1, "year", None),
    ("månadsvis", 1, "month", None),
    ("tertialvis", 1, "tertial", None),
    ("minst 12 per år", 12, "year", None),
    ("12 trafikkontroller per år", 12, "year", "trafikkontroller"),
    ("minst en trygghetsvandring per termin", 1, "half-year", "trygghetsvandring"),
    ("två föräldrakvällar varje år", 2, "year", "föräldrakvällar"),
    ("4/år", 4, "year", None),
    ("4 ggr/år", 4, "year", None),
    ("tre gånger under perioden", 3, "period", None),
    ("6 totalt", 6, "period", None),
    ("20", 20, "period", None),
    ("varannan vecka", 26, "year", None),
    ("varannan månad", 6, "year", None),
    ("cirka tio gånger per läsår", 10, "year", None),
    # shortened after a slash, pieces counted, every n-th slice, days in a week
    ("1 gång/mån", 1, "month", None),
    ("2 ggr/mån", 2, "month", None),
    ("2 ggr/v", 2, "week", None),
    ("en gång per kv", 1, "quarter", None),
    ("4 st per år", 4, "year", None),
    ("fyra stycken om året", 4, "year", None),
    ("var tredje månad", 1, "quarter", None),
    ("en gång var fjärde månad", 1, "tertial", None),
    ("var sjätte månad", 1, "half-year", None),
    ("var fjärde vecka", 13, "year", None),
    ("fem dagar i veckan", 5, "week", None),
    ("tre dagar per månad", 3, "month", None),
    ("varje månad", 1, "month", None),
    ("en gång i kvartalet", 1, "quarter", None),
    ("två per termin", 2, "half-year", None),
    # English
    ("4 per year", 4, "year", None),
    ("at least 12 a year", 12, "year", None),
    ("four times a year", 4, "year", None),
    ("weekly", 1, "week", None),
    ("every week", 1, "week", None),
    ("once a month", 1, "month", None),
    ("twice a term", 2, "half-year", None),
    ("at least 3 times per quarter", 3, "quarter", None),
    ("quarterly", 1, "quarter", None),
    ("annually", 1, "year", None),
    ("every other month", 6, "year", None),
    ("every third month", 1, "quarter", None),
    ("5 per half year", 5, "half-year", None),
    ("12 traffic checks per year", 12, "year", "traffic checks"),
]


@pytest.mark.parametrize(("text", "count", "per", "counted"), READ, ids=[r[0] for r in READ])
def test_each_answer_is_read_as(text: str, count: int, per: str, counted: str | None) -> None:
    reading = read_expect(text)
    assert reading.expect == ExpectDraft(count, per)
    assert reading.counted == counted


UNREAD = [
    "",
    "per år",
    "ofta",
    "0 per år",
    "4 per år och part",
    "4 per år per månad",
    "vartannat år",
    "två gånger i fyra",
    "2 per skola",
    "4 per kommundel",
    "var tredje vecka",
    "var tredje",
    "ibland",
]


@pytest.mark.parametrize("text", UNREAD)
def test_what_cannot_be_read_says_how_to_write_it(text: str) -> None:
    with pytest.raises(UsageError) as raised:
        read_expect(text)
    assert str(raised.value) == (
        f"cannot read {text!r} as how often: write how many and per what, e.g. "
        "'4 times a year', 'every week', 'at least 12 a year', 'quarterly'"
    )


def test_every_day_is_refused_with_a_week_instead() -> None:
    with pytest.raises(UsageError) as raised:
        read_expect("varje dag")
    assert str(raised.value) == (
        "'varje dag': lofte counts per week at the shortest; write e.g. '5 per week' for "
        "every working day"
    )


def test_the_file_shows_count_of_per_in_the_schema_s_order() -> None:
    assert ExpectDraft(4, "year").shown() == "{count: 4, per: year}"
    assert ExpectDraft(12, "year", "trafikkontroller").shown() == (
        "{count: 12, of: trafikkontroller, per: year}"
    )
