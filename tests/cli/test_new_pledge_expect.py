"""Issue 15: `lofte new-pledge` asks what a pledge needs. Each party's name, kind and id
apart, per commitment how often it is kept ("fyra gånger per år" → `expect: {count: 4, per:
year}`), the signatories, sources and contacts; the same with flags. Coverage then counts the
promise: one activity of four is not met."""

# The questions are written out whole, as a coordinator reads them on one line.
# ruff: noqa: E501

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import pexpect
import pytest

from lofte_cli.data.document import Document
from lofte_cli.data.validate import validate
from lofte_cli.data.yaml_io import read_document

BIN = Path(sys.executable).parent
PLEDGE = "data/pledges/medborgarlofte-stenungsund-2025/pledge.yaml"

EXPECTED_FILE = """\
# yaml-language-server: $schema=../../../schemas/pledge.schema.json
id: medborgarlofte-stenungsund-2025
title: Medborgarlöfte Stenungsund 2025
language: sv
area: Stenungsund
period: {start: 2025-01-01, end: 2025-12-31}
parties:
  polisen: {name: Lokalpolisområde Södra Fyrbodal, kind: police}
  stenungsund: {name: Stenungsunds kommun, kind: municipality, code: "1415"}
commitments:
  - id: kommun-1
    by: stenungsund
    text: Genomföra fyra trygghetsvandringar per år.
    expect: {count: 4, per: year}
  - id: polis-1
    by: polisen
    text: Synas i centrum.
signatories:
  - {name: Kicki Nordberg, role: Kommundirektör, party: stenungsund}
sources:
  - title: Kommunens sida
    url: https://www.stenungsund.se/medborgarlofte
contacts:
  - trygghet@stenungsund.se
"""


@pytest.fixture
def started(run_cli, tmp_path: Path) -> Path:
    assert run_cli("init", str(tmp_path), cwd=tmp_path).exit_code == 0
    return tmp_path


def spawn(folder: Path, language: str, *args: str) -> pexpect.spawn:
    return pexpect.spawn(
        str(BIN / "lofte"),
        ["new-pledge", *args],
        cwd=str(folder),
        encoding="utf-8",
        timeout=20,
        env={
            "PATH": "/usr/bin:/bin",
            "LOFTE_TODAY": "2025-12-31",
            "LOFTE_LANG": language,
            "TERM": "dumb",
            "COLUMNS": "200",
            "LINES": "50",  # with both, Rich takes the size of a dumb terminal as given
            # The lofte_cli under test where PYTHONPATH names one (a worktree's src/).
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        },
    )


def converse(child: pexpect.spawn, answers: list[tuple[str, str | None]]) -> str:
    """Answer each question as it comes, and return everything lofte said."""
    said = []
    for question, answer in answers:
        child.expect_exact(question)
        said.append(child.before + child.after)
        if answer is not None:
            child.sendline(answer)
    child.expect(pexpect.EOF)
    said.append(child.before)
    child.close()
    return "".join(said).replace("\r\n", "\n")


SWEDISH = [
    ("Rubrik (som allmänheten ska se den): ", "Medborgarlöfte Stenungsund 2025"),
    ("(medborgarlofte-stenungsund-2025): ", ""),
    ("Första dag", "2025-01-01"),
    ("Sista dag", "2025-12-31"),
    ("Område", "Stenungsund"),
    ("Mål", ""),
    ("Part 1, namnet (t.ex. Lokalpolisområde Södra Fyrbodal): ", "Lokalpolisområde Södra Fyrbodal"),
    ("Typ: polis, kommun eller annan (polis): ", ""),
    ("Id i filerna (a-z, 0-9 och bindestreck) (polisen): ", ""),
    ("Part 2, namnet (Enter när du är klar): ", "Stenungsunds kommun"),
    ("Typ: polis, kommun eller annan (kommun): ", ""),
    ("Id i filerna (a-z, 0-9 och bindestreck) (stenungsund): ", ""),
    ("Part 3, namnet (Enter när du är klar): ", ""),
    ("Grupp", ""),
    ("Åtagande 1, texten ordagrant som den publicerats: ", "Genomföra fyra trygghetsvandringar per år."),
    ("Vem lovar det?", None),
    ("Lovat av (nummer eller id, flera åtskilda med kommatecken): ", "Stenungsund"),
    ("Id i filerna (a-z, 0-9 och bindestreck) (kommun-1): ", ""),
    ("Hur ofta? T.ex. fyra gånger per år, varje vecka, minst 12 per år (Enter om texten inte lovar något antal): ", "ofta"),
    ("✗ kan inte tolka 'ofta' som hur ofta: skriv hur många och per vad, t.ex. 'fyra gånger per år', 'varje vecka', 'minst 12 per år', 'kvartalsvis'", None),
    ("Hur ofta?", "fyra gånger per år"),
    ("  → tolkat som {count: 4, per: year}", None),
    ("Vad räknas? Enter för att räkna aktiviteterna, eller namnet på en prestation som varje aktivitet anger (t.ex. trafikkontroller): ", ""),
    ("Åtagande 2, texten ordagrant (Enter när du är klar): ", "Synas i centrum."),
    ("Lovat av", "1"),
    ("(polis-1): ", ""),
    ("Hur ofta?", ""),
    ("Åtagande 3", ""),
    ("Undertecknarna, en i taget (Enter på ett tomt namn när du är klar).", None),
    ("Undertecknare, namnet (Enter när du är klar): ", "Kicki Nordberg"),
    ("Roll, t.ex. Kommundirektör (Enter för att hoppa över): ", "Kommundirektör"),
    ("Parten som hen undertecknade för: polisen, stenungsund (Enter för att hoppa över): ", "2"),
    ("Undertecknare, namnet", ""),
    ("Källa, där löftet är publicerat: en https://-adress och gärna en rubrik (Enter när du är klar): ", "https://www.stenungsund.se/medborgarlofte Kommunens sida"),
    ("Källa", ""),
    ("Kontakt för allmänheten: en officiell e-postadress eller ett officiellt telefonnummer, ingen privat (Enter när du är klar): ", "trygghet"),
    ("✗ kontakt 'trygghet': skriv en e-postadress eller ett telefonnummer", None),
    ("Kontakt", "trygghet@stenungsund.se"),
    ("Kontakt", ""),
    ("Vill du spara filen? [j/n] (j): ", "j"),
    ("Sparade", None),
]  # fmt: skip


def test_new_pledge_in_swedish_asks_how_often_and_coverage_counts_it(run_cli, started):
    said = converse(spawn(started, "sv"), SWEDISH)
    assert "ID:TYP:NAMN" not in said and "ID:KIND:NAME" not in said
    assert (started / PLEDGE).read_text(encoding="utf-8") == EXPECTED_FILE
    result = validate(started, today=date(2025, 12, 31))
    assert (result.files_checked, result.errors, result.warnings) == (1, 0, 0)
    assert_one_walk_of_four_is_not_met(run_cli, started)


def assert_one_walk_of_four_is_not_met(run_cli, root: Path) -> None:
    added = run_cli(
        "add-activity",
        *("--by", "stenungsund", "--commitment", "kommun-1", "--date", "2025-05-20"),
        *("--title", "Trygghetsvandring", "--description", "En trygghetsvandring i centrum."),
        cwd=root,
        today="2025-12-31",
    )
    assert added.exit_code == 0, added.stderr
    shown = run_cli("coverage", "--format", "json", "--as-of", "2025-12-31", cwd=root)
    pledge = json.loads(shown.stdout)["pledges"][0]
    walks = next(c for c in pledge["commitments"] if c["id"] == "kommun-1")
    assert walks["status"] == "partial"
    party = walks["parties"][0]
    assert (party["party"], party["done"], party["expected"], party["met"]) == (
        "stenungsund",
        1,
        4,
        False,
    )


FLAGS = [
    *("new-pledge", "--title", "Medborgarlöfte Stenungsund 2025", "--area", "Stenungsund"),
    *("--start", "2025-01-01", "--end", "2025-12-31"),
    *("--party", "Lokalpolisområde Södra Fyrbodal", "--party", "Stenungsunds kommun"),
    *("--commitment", "kommun-1:stenungsund:Genomföra fyra trygghetsvandringar per år."),
    *("--expect", "kommun-1=fyra gånger per år"),
    *("--commitment", "polis-1:polisen:Synas i centrum."),
    *("--signatory", "Kicki Nordberg, Kommundirektör, Stenungsund"),
    *("--source", "https://www.stenungsund.se/medborgarlofte Kommunens sida"),
    *("--contact", "trygghet@stenungsund.se"),
]


def test_the_same_pledge_from_flags_says_what_it_read_in_swedish(run_cli, started, monkeypatch):
    monkeypatch.setenv("LOFTE_LANG", "sv")
    result = run_cli(*FLAGS, cwd=started, today="2025-12-31")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "lofte: --party Lokalpolisområde Södra Fyrbodal: tolkat som polisen "
        "(Lokalpolisområde Södra Fyrbodal, police)",
        "lofte: --party Stenungsunds kommun: tolkat som stenungsund "
        "(Stenungsunds kommun, municipality)",
        "lofte: --expect kommun-1=fyra gånger per år: tolkat som {count: 4, per: year}",
    ]
    assert (started / PLEDGE).read_text(encoding="utf-8") == EXPECTED_FILE
    checked = run_cli("validate", "--strict", cwd=started, today="2025-12-31")
    assert checked.exit_code == 0, checked.stdout
    assert_one_walk_of_four_is_not_met(run_cli, started)


def test_expect_of_names_the_measure_counted(run_cli, started):
    result = run_cli(
        *FLAGS,
        *("--expect", "polis-1=12 trafikkontroller per år", "--expect-of", "polis-1=kontroller"),
        cwd=started,
    )
    assert result.exit_code == 0, result.stderr
    doc = read_document(started / PLEDGE)
    assert isinstance(doc, Document)
    assert doc.data["commitments"][1]["expect"] == {"count": 12, "of": "kontroller", "per": "year"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ["--expect", "polis-9=varje vecka"],
            "lofte: --expect polis-9: no --commitment has this id (known: kommun-1, polis-1)",
        ),
        (
            ["--expect", "polis-1=ibland"],
            "lofte: --expect polis-1: cannot read 'ibland' as how often: write how many and "
            "per what, e.g. '4 times a year', 'every week', 'at least 12 a year', 'quarterly'",
        ),
        (
            ["--expect", "fyra gånger per år"],
            "lofte: --expect 'fyra gånger per år': write ID=HOW OFTEN, e.g. "
            "'polis-1=fyra gånger per år'",
        ),
        (
            ["--expect-of", "polis-1=trafikkontroller"],
            "lofte: --expect-of polis-1: say how many with --expect polis-1=… too",
        ),
        (
            ["--signatory", "Anna Berg, Kommundirektör, Orust"],
            "lofte: --signatory Anna Berg: 'Orust' is not a party of the pledge "
            "(known: polisen, stenungsund)",
        ),
        (
            ["--contact", "Anna"],
            "lofte: --contact 'Anna': write an e-mail address or a phone number",
        ),
        (
            ["--party", "grannby:Grannby"],
            "lofte: --party 'grannby:Grannby': write the name ('Stenungsunds kommun'), "
            "KIND:NAME ('annan:Orustbostäder') or ID:KIND:NAME "
            "('polisen:polis:Lokalpolisområde Södra Fyrbodal')",
        ),
    ],
)
def test_flags_that_cannot_be_read_say_so_on_one_line(run_cli, started, change, message):
    result = run_cli(*FLAGS, *change, cwd=started)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == message
    assert not (started / PLEDGE).exists()


def test_a_party_by_kind_and_name_and_a_second_police_party(run_cli, started):
    result = run_cli(
        *FLAGS,
        *("--party", "annan:Räddningstjänsten Storgöteborg", "--party", "Polisen Kungälv"),
        cwd=started,
    )
    assert result.exit_code == 0, result.stderr
    doc = read_document(started / PLEDGE)
    assert isinstance(doc, Document)
    assert doc.data["parties"] == {
        "polisen": {"name": "Lokalpolisområde Södra Fyrbodal", "kind": "police"},
        "stenungsund": {"name": "Stenungsunds kommun", "kind": "municipality", "code": "1415"},
        "raddningstjansten-storgoteborg": {
            "name": "Räddningstjänsten Storgöteborg",
            "kind": "other",
        },
        "polisen-2": {"name": "Polisen Kungälv", "kind": "police"},
    }


ENGLISH = [
    ("Title (as the public will read it): ", "Medborgarlöfte Stenungsund 2025"),
    ("(medborgarlofte-stenungsund-2025): ", ""),
    ("First day", "2025-01-01"),
    ("Last day", "2025-12-31"),
    ("Area", "Stenungsund"),
    ("Goal", ""),
    ("The parties that give the pledge, one at a time.", None),
    ("Party 1, its name (e.g. Lokalpolisområde Södra Fyrbodal): ", "Lokalpolisområde Södra Fyrbodal"),
    ("Kind: police, municipality or other (police): ", ""),
    ("Id for the files (a-z, 0-9 and hyphens) (polisen): ", ""),
    ("Party 2, its name (Enter when done): ", "Stenungsunds kommun"),
    ("Kind: police, municipality or other (municipality): ", ""),
    ("Id for the files (a-z, 0-9 and hyphens) (stenungsund): ", "polisen"),
    ("✗ polisen is taken already", None),
    ("(stenungsund): ", ""),
    ("Party 3, its name (Enter when done): ", ""),
    ("Group as ID=PARTY,PARTY (e.g. kommunerna=orust,tjorn; Enter to skip): ", ""),
    ("The commitments, one at a time.", None),
    ("Commitment 1, its text word for word as published: ", "Genomföra fyra trygghetsvandringar per år."),
    ("Who promises it?", None),
    ("  1 polisen     Lokalpolisområde Södra Fyrbodal", None),
    ("  2 stenungsund Stenungsunds kommun", None),
    ("Promised by (numbers or ids, several separated by commas): ", "2"),
    ("Id for the files (a-z, 0-9 and hyphens) (kommun-1): ", ""),
    ("How often? e.g. 4 times a year, every week, at least 12 a year (Enter if the text promises no number): ", "four times a year"),
    ("  → read as {count: 4, per: year}", None),
    ("Counting what? Enter to count the activities, or the name of a measure each activity records (e.g. trafikkontroller): ", ""),
    ("Commitment 2, its text word for word (Enter when done): ", "Synas i centrum."),
    ("Promised by", "polisen"),
    ("(polis-1): ", ""),
    ("How often?", ""),
    ("Commitment 3", ""),
    ("Who signed the pledge, one at a time (Enter on an empty name when done).", None),
    ("Signatory, the name (Enter when done): ", "Kicki Nordberg"),
    ("Role, e.g. Kommundirektör (Enter to skip): ", "Kommundirektör"),
    ("Signed for which party: polisen, stenungsund (Enter to skip): ", "Stenungsunds kommun"),
    ("  → read as stenungsund (Stenungsunds kommun)", None),
    ("Signatory, the name (Enter when done): ", ""),
    ("Source, where the pledge is published: an https:// address, then a title if you like (Enter when done): ", "https://www.stenungsund.se/medborgarlofte Kommunens sida"),
    ("Source", ""),
    ("Contact for the public: an official e-mail address or phone number, no one's own (Enter when done): ", "trygghet@stenungsund.se"),
    ("Contact", ""),
    ("Write this file? [y/n] (y): ", "y"),
    ("Wrote", None),
]  # fmt: skip


def test_new_pledge_in_english_reads_as_the_swedish(started):
    converse(spawn(started, "en"), ENGLISH)
    assert (started / PLEDGE).read_text(encoding="utf-8") == EXPECTED_FILE
