"""The core's words in Swedish, one function at a time: YAML failures the command line
rarely meets, the coverage's words and sentences, writing, the data root. Each runs inside
`speaking("sv")`, as a command does; expected texts are written out by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from lofte_cli.coverage.compute import compute_coverage, coverage_below
from lofte_cli.coverage.formats import (
    coverage_header,
    done_per_heading,
    gap_lines,
    status_text,
)
from lofte_cli.coverage.words import assessment_word, slice_label, slice_word, status_word
from lofte_cli.data.document import ParseFailure, Position
from lofte_cli.data.history import Revision, history_lines
from lofte_cli.data.loader import load_catalog
from lofte_cli.data.model import pledge_data, require_pledges
from lofte_cli.data.yaml_io import MAX_BYTES, parse_bytes
from lofte_cli.errors import LofteError, UsageError
from lofte_cli.i18n import speaking
from lofte_cli.paths import data_at_revision, only_pledge
from lofte_cli.write import create_exclusive, create_first_free
from tests.helpers import write_tree

F = Path("f.yaml")


@pytest.fixture(autouse=True)
def swedish() -> Iterator[None]:
    with speaking("sv"):
        yield


def failure(raw: bytes) -> ParseFailure:
    result = parse_bytes(raw, F)
    assert isinstance(result, ParseFailure), result
    return result


@pytest.mark.parametrize(
    ("raw", "code", "position", "message"),
    [
        (
            b"a: " + b"[" * 70 + b"]" * 70 + b"\n",
            "L112",
            Position(1, 68),
            "värdena ligger inuti varandra i mer än 64 nivåer",
        ),
        (
            b"x" * (MAX_BYTES + 1),
            "L112",
            Position(1, 1),
            "filen är större än 1024 KiB",
        ),
        (
            b"i\x00d\x00:\x00 \x00x\x00\n\x00",
            "L101",
            Position(1, 1),
            "filen är kodad i UTF-16 (så sparar Windows PowerShell text); spara den som UTF-8",
        ),
        (
            b"a\x00b",
            "L101",
            Position(1, 1),
            "filen är binär (den innehåller NUL-byte), inte YAML-text",
        ),
        (
            b"id: x\x01y\n",
            "L101",
            Position(1, 6),
            "tecknet U+0001 är inte tillåtet i YAML-text (styrtecken är inte tillåtna)",
        ),
        (
            b"a: &x {b: 1}\nc:\n  <<: *x\n",
            "L111",
            Position(3, 3),
            "sammanslagning med << stöds inte; skriv ut nycklarna",
        ),
        (
            b"? [a, b]\n: c\n",
            "L100",
            Position(1, 3),
            "en nyckel ska vara ett enkelt ord, inte en lista eller en samling nycklar",
        ),
        (
            b"id: !!int abc\n",
            "L115",
            Position(1, 5),
            "'abc' är inte ett giltigt värde för !!int",
        ),
        (
            b'id: "\\ud800"\n',
            "L101",
            Position(1, 5),
            "ett ensamt surrogattecken skrivet som kod (\\ud800–\\udfff) är inget tecken; skriv "
            "själva tecknet",
        ),
        (
            b"id: *saknas\n",
            "L100",
            Position(1, 5),
            "syntaxfel i YAML: ett alias (*) utan något ankare (&) med det namnet",
        ),
        (
            b"id: x\ndescription: |\n  en\n tva\n",
            "L100",
            Position(4, 2),
            "syntaxfel i YAML: här väntades en nyckel (i rader med nyckel: värde)",
        ),
        (
            b"x: &\n",
            "L100",
            Position(1, 5),
            "syntaxfel i YAML: här väntades en bokstav eller en siffra (i ett ankare som börjar "
            "med &)",
        ),
        (
            b"%YAML 2.0\n---\nx: 1\n",
            "L100",
            Position(1, 1),
            "syntaxfel i YAML: dokumentet är skrivet för en YAML-version som inte stöds",
        ),
        (
            b'id: x\ntitle: "a\\qb"\n',
            "L100",
            Position(2, 10),
            "syntaxfel i YAML: en okänd kod efter omvänt snedstreck (i en text inom citattecken)",
        ),
    ],
)
def test_yaml_failures(raw, code, position, message):
    found = failure(raw)
    assert (found.code, found.position, found.message) == (code, position, message)


def test_a_parser_text_without_a_translation_is_shown_as_the_parser_says_it():
    found = failure(b"%YAML x\n---\nid: x\n")
    assert found.message == (
        "syntaxfel i YAML: did not find expected version number (while scanning a %YAML directive)"
    )


def test_unreadable_file(tmp_path):
    from lofte_cli.data.yaml_io import read_document

    result = read_document(tmp_path / "saknas.yaml")
    assert isinstance(result, ParseFailure)
    assert result.message.startswith("filen går inte att läsa: ")


# --- coverage ---------------------------------------------------------------------------


def test_words_of_the_coverage():
    assert [status_word(s) for s in ("met", "partial", "untouched")] == [
        "hålls",
        "hålls delvis",
        "inte påbörjat",
    ]
    assert [
        assessment_word(s)
        for s in ("not-started", "ongoing", "done", "partly-done", "not-done", "not-applicable")
    ] == ["ej påbörjat", "pågår", "genomfört", "delvis genomfört", "ej genomfört", "ej aktuellt"]
    assert [
        slice_word(s)
        for s in ("week", "month", "quarter", "tertial", "half-year", "year", "period")
    ] == ["vecka", "månad", "kvartal", "tertial", "halvår", "år", "period"]
    assert slice_label("period") == "period"
    assert slice_label("2024-Q1") == "2024-Q1"
    assert status_word("something-new") == "something-new"  # a value without words stays


PLEDGE = """\
id: p
title: Prov
period: {start: 2023-01-01, end: 2024-12-31}
parties:
  polisen: {name: Polisen, kind: police}
  a: {name: A kommun, kind: municipality}
commitments:
  - {id: c, by: [polisen, a], text: Kontroller., expect: {count: 1, of: kontroller}}
"""


def _activity(aid: str, by: str, count: int) -> str:
    return (
        f"id: {aid}\ndate: 2023-02-01\nstatus: done\nby: {by}\ncommitments: c\n"
        f"title: Kontroll {aid}\ndescription: Kontroll.\nmeasures: {{kontroller: {count}}}\n"
    )


def test_a_party_that_reported_none_of_the_measure(tmp_path):
    root = write_tree(
        tmp_path,
        {
            "data/pledges/p/pledge.yaml": PLEDGE,
            "data/pledges/p/activities/x.yaml": _activity("x", "polisen", 5),
            "data/pledges/p/activities/y.yaml": _activity("y", "a", 0),
        },
    )
    result = load_catalog(root)
    assert result.problems == []
    report = compute_coverage(result.catalog, as_of=date(2023, 6, 30), per="month")
    (pledge,) = report.pledges
    assert gap_lines(pledge) == ["a har inte redovisat några kontroller inom c"]
    assert [status_text(c) for c in pledge.commitments] == ["hålls delvis"]
    assert coverage_header(pledge) == [
        "Åtagande",
        "polisen",
        "a",
        "Läge",
        "Andel gjort",
        "Bedömning",
        "Senaste aktivitet",
    ]
    assert done_per_heading(report) == "Genomfört per månad"
    assert coverage_below(report, 50.5) == "täckningen är under 50,5 % för p"
    assert coverage_below(report, 50) is None


def test_unknown_slice_and_quiet_after(tmp_path):
    root = write_tree(tmp_path, {"data/pledges/p/pledge.yaml": PLEDGE})
    catalog = load_catalog(root).catalog
    with pytest.raises(UsageError) as slice_error:
        compute_coverage(catalog, as_of=date(2023, 6, 30), per="fortnight")
    assert str(slice_error.value) == (
        "okänd tidsindelning 'fortnight' (välj en av week, month, quarter, tertial, half-year, "
        "year, period)"
    )
    with pytest.raises(UsageError) as quiet_error:
        compute_coverage(catalog, as_of=date(2023, 6, 30), quiet_after_days=0)
    assert str(quiet_error.value) == "tystnat efter 0 dagar: ange ett helt antal dagar, minst 1"


def test_no_pledge_yet_and_an_unknown_one(tmp_path):
    catalog = load_catalog(write_tree(tmp_path, {"data/pledges/.keep": ""})).catalog
    with pytest.raises(UsageError) as none_yet:
        require_pledges(catalog)
    assert str(none_yet.value) == (
        "inget medborgarlöfte går att läsa in utan fel än: skapa ett med `lofte new-pledge`, eller "
        "kör `lofte validate` för att se vad som är fel"
    )
    with pytest.raises(UsageError) as unknown:
        pledge_data(catalog, "p")
    assert str(unknown.value) == "okänt medborgarlöfte 'p' (kända löften: inga)"


# --- history, paths, writing ---------------------------------------------------------------


def test_history_lines():
    day = date(2024, 3, 1)
    revisions = [
        Revision("a1", day, "Anna", ("polis-1",), (), (), True),
        Revision("b2", day, "Bo", ("polis-2",), ("polis-1",), ("kommun-1",), False),
        Revision("c3", day, "Bo", (), (), (), False),
    ]
    assert history_lines(revisions) == [
        "2024-03-01  a1  Anna: första versionen",
        "2024-03-01  b2  Bo: tillagt polis-2; borttaget polis-1; omformulerat kommun-1",
        "2024-03-01  c3  Bo: inga åtaganden ändrade",
    ]


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ((), "ange --pledge för att välja medborgarlöfte (det finns 0: inga)"),
        (("b", "a"), "ange --pledge för att välja medborgarlöfte (det finns 2: a, b)"),
    ],
)
def test_only_pledge(ids, message):
    with pytest.raises(UsageError) as error:
        only_pledge(ids)
    assert str(error.value) == message


def test_at_without_git(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "ingen-git"))
    with pytest.raises(UsageError) as error:
        data_at_revision(tmp_path, "HEAD")
    assert str(error.value) == "--at kräver git, som inte är installerat"


def test_writing_where_a_file_cannot_be_created(tmp_path):
    blocker = tmp_path / "fil"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(LofteError) as error:
        create_exclusive(blocker / "ny.yaml", "id: ny\n")
    assert str(error.value).startswith(f"{blocker / 'ny.yaml'}: filen går inte att skapa: ")


def test_writing_when_every_name_is_taken(tmp_path):
    taken = tmp_path / "upptagen.yaml"
    taken.write_text("x", encoding="utf-8")
    with pytest.raises(LofteError) as error:
        create_first_free(lambda _attempt: taken, lambda _path: "")
    assert str(error.value) == f"{taken}: för många filer med det här namnet"
