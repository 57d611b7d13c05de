"""The rules against lofte's national facts (L125–L129) on pledges written here by hand:
exact messages, lines and columns, in English and Swedish."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from lofte_cli.data.validate import validate
from lofte_cli.i18n import speaking
from tests.helpers import write_tree

TODAY = date(2026, 11, 26)
PATH = Path("data/pledges/p/pledge.yaml")

# Line numbers matter below: each party and focus area is on a line of its own.
PLACES = """\
id: p
title: Medborgarlöfte Bergsjön
period: {start: 2024-01-01, end: 2024-12-31}
parties:
  polisen: {name: Lokalpolisområde Nordost, kind: police, police_region: väst}
  tjorn: {name: Tjörns kommun, kind: municipality}
  orust: {name: Orust kommun, kind: municipality, code: "1422"}
  namnd: {name: Gemensam nämnd, kind: municipality, code: "9999"}
  bolag: {name: Bostadsbolaget, kind: other, code: "1480", police_area: Nordost}
commitments:
  - {id: polis-1, by: polisen, text: Patrullera i centrum.}
"""


@pytest.fixture
def swedish() -> Iterator[None]:
    with speaking("sv"):
        yield


def _found(root: Path) -> list[tuple[str, str, int, int, str]]:
    result = validate(root, today=TODAY)
    return [
        (p.code, p.severity, p.line, p.col, p.message)
        for p in result.problems
        if p.path.relative_to(root) == PATH
    ]


def _repo(tmp_path: Path, text: str) -> Path:
    return write_tree(tmp_path / "repo", {str(PATH): text})


def test_codes_regions_and_kinds_of_party(tmp_path):
    assert _found(_repo(tmp_path, PLACES)) == [
        (
            "L127",
            "error",
            5,
            74,
            "party polisen: unknown police region 'väst'; did you mean 'Väst'? "
            "(the regions are Nord, Mitt, Stockholm, Öst, Väst, Syd, Bergslagen)",
        ),
        (
            "L126",
            "warning",
            6,
            3,
            'party tjorn is named like the municipality Tjörn but has no code; add `code: "1419"`',
        ),
        (
            "L125",
            "error",
            7,
            57,
            "party orust: there is no municipality with code '1422'; Orust has code '1421'",
        ),
        (
            "L125",
            "error",
            8,
            59,
            "party namnd: there is no municipality with code '9999' "
            "(SCB's four-digit codes run from 0114 to 2584)",
        ),
        (
            "L115",
            "error",
            9,
            52,
            "party bolag has `code`, which only a party of kind municipality has",
        ),
        (
            "L115",
            "error",
            9,
            73,
            "party bolag has `police_area`, which only a party of kind police has",
        ),
    ]


def test_the_same_in_swedish(tmp_path, swedish):
    messages = [m for *_, m in _found(_repo(tmp_path, PLACES))]
    assert messages == [
        "parten polisen: okänd polisregion 'väst'; menade du 'Väst'? "
        "(regionerna är Nord, Mitt, Stockholm, Öst, Väst, Syd, Bergslagen)",
        'parten tjorn heter som kommunen Tjörn men saknar kommunkod; lägg till `code: "1419"`',
        "parten orust: det finns ingen kommun med koden '1422'; Orust har koden '1421'",
        "parten namnd: det finns ingen kommun med koden '9999' "
        "(SCB:s fyrsiffriga kommunkoder går från 0114 till 2584)",
        "parten bolag har `code`, men det fältet får bara en part av typen municipality ha",
        "parten bolag har `police_area`, men det fältet får bara en part av typen police ha",
    ]


RIGHT = """\
id: p
title: Medborgarlöfte Södra Fyrbodal
period: {start: 2024-01-01, end: 2024-12-31}
parties:
  polisen: {name: LPO Södra Fyrbodal, kind: police, police_region: Väst, police_area: Fyrbodal}
  stenungsund: {name: Stenungsunds kommun, kind: municipality, code: "1415"}
  boden: {name: Bodens kommun, kind: municipality, code: 2582}
  sthlm: {name: Stockholms stad, kind: municipality, code: 0180}
commitments:
  - {id: polis-1, by: polisen, text: Patrullera i centrum.}
"""


def test_a_region_that_is_not_the_municipalities_is_a_warning_for_each(tmp_path):
    """Boden lies in Norrbotten (Nord), Stockholm in Stockholms län; a code written as a
    number (2582, or 0180, which YAML reads as 180) is the code in four digits."""
    assert _found(_repo(tmp_path, RIGHT)) == [
        (
            "L128",
            "warning",
            5,
            68,
            "party polisen is in police region Väst, but Boden (2582) lies in Norrbottens län, "
            "which is police region Nord",
        ),
        (
            "L128",
            "warning",
            5,
            68,
            "party polisen is in police region Väst, but Stockholm (0180) lies in "
            "Stockholms län, which is police region Stockholm",
        ),
    ]


def test_l128_in_swedish(tmp_path, swedish):
    text = RIGHT.replace("  sthlm: {name: Stockholms stad, kind: municipality, code: 0180}\n", "")
    assert [m for *_, m in _found(_repo(tmp_path, text))] == [
        "parten polisen hör till polisregion Väst, men Boden (2582) ligger i Norrbottens län, "
        "som hör till polisregion Nord"
    ]


def test_codes_and_region_that_agree_say_nothing(tmp_path):
    text = RIGHT.replace("  boden: {name: Bodens kommun, kind: municipality, code: 2582}\n", "")
    text = text.replace("  sthlm: {name: Stockholms stad, kind: municipality, code: 0180}\n", "")
    assert _found(_repo(tmp_path, text)) == []


@pytest.mark.parametrize(
    ("region", "message"),
    [
        ("Polisregion Syd", "did you mean 'Syd'?"),
        ("Bergslagn", "did you mean 'Bergslagen'?"),
        ("OST", "did you mean 'Öst'?"),
    ],
)
def test_a_region_written_another_way_gets_a_did_you_mean(tmp_path, region, message):
    text = PLACES.replace("police_region: väst", f"police_region: {region}")
    (l127,) = [m for code, *_, m in _found(_repo(tmp_path, text)) if code == "L127"]
    assert message in l127


def test_a_region_like_none_lists_them(tmp_path):
    text = PLACES.replace("police_region: väst", "police_region: Lappland")
    (l127,) = [m for code, *_, m in _found(_repo(tmp_path, text)) if code == "L127"]
    assert l127 == (
        "party polisen: unknown police region 'Lappland' "
        "(the regions are Nord, Mitt, Stockholm, Öst, Väst, Syd, Bergslagen)"
    )


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Tjörn", "1419"),
        ("TJORN", "1419"),
        ("Region Gotland", "0980"),
        ("Falu kommun", "2080"),
        ("Göteborgs Stad", "1480"),
        ("Upplands-Bro kommun", "0139"),
        ("Håbo kommun", "0305"),
        ("Habo kommun", "0643"),
    ],
)
def test_the_hint_knows_a_municipality_by_any_usual_name(tmp_path, name, code):
    text = PLACES.replace("name: Tjörns kommun", f"name: {name}")
    (l126,) = [m for c, *_, m in _found(_repo(tmp_path, text)) if c == "L126"]
    assert l126.endswith(f'add `code: "{code}"`')


def test_a_name_that_is_no_municipality_gets_no_hint(tmp_path):
    text = PLACES.replace("name: Tjörns kommun", "name: Kommunerna i Fyrbodal")
    assert [c for c, *_ in _found(_repo(tmp_path, text)) if c == "L126"] == []


THEMES = """\
id: p
title: Medborgarlöfte Exempelby
period: {start: 2024-01-01, end: 2024-12-31}
parties:
  polisen: {name: Lokalpolisområde Exempelby, kind: police}
focus_areas:
  droger: {label: Droger och unga, theme: narkotica}
  trafik: {label: Trafiken, theme: Trafiksäkerhet}
  klotter: {label: Klotter, theme: skadegorelse}
  ovrigt: {label: Övrigt, theme: rymdskrot}
  lugn: Lugna kvällar
commitments:
  - {id: polis-1, by: polisen, text: Patrullera i centrum., focus: [droger, lugn]}
"""


def test_unknown_themes(tmp_path):
    assert _found(_repo(tmp_path, THEMES)) == [
        (
            "L129",
            "error",
            7,
            43,
            "focus area droger: unknown theme 'narkotica'; did you mean 'narkotika'?",
        ),
        (
            "L129",
            "error",
            8,
            36,
            "focus area trafik: unknown theme 'Trafiksäkerhet'; did you mean 'trafik'?",
        ),
        (
            "L129",
            "error",
            10,
            34,
            "focus area ovrigt: unknown theme 'rymdskrot' (the README lists the themes)",
        ),
    ]


def test_unknown_themes_in_swedish(tmp_path, swedish):
    assert [m for *_, m in _found(_repo(tmp_path, THEMES))] == [
        "fokusområdet droger: okänt tema 'narkotica'; menade du 'narkotika'?",
        "fokusområdet trafik: okänt tema 'Trafiksäkerhet'; menade du 'trafik'?",
        "fokusområdet ovrigt: okänt tema 'rymdskrot' (temana står i README)",
    ]


def test_a_theme_by_its_english_label_is_found_too(tmp_path):
    text = THEMES.replace("theme: narkotica", "theme: Road safety")
    l129 = [m for c, *_, m in _found(_repo(tmp_path, text)) if c == "L129"]
    assert l129[0] == "focus area droger: unknown theme 'Road safety'; did you mean 'trafik'?"


def test_the_code_of_another_municipality_than_the_name_is_an_error(tmp_path, swedish):
    text = (
        "id: p\ntitle: Löfte\nperiod: {start: 2024-01-01, end: 2024-12-31}\nparties:\n"
        '  stenungsund: {name: Stenungsunds kommun, kind: municipality, code: "1499"}\n'
        '  orust: {name: Orust kommun, kind: municipality, code: "1421"}\n'
        "commitments:\n  - {id: kommun-1, by: stenungsund, text: Trygghetsvandringar.}\n"
    )
    assert _found(_repo(tmp_path, text)) == [
        (
            "L125",
            "error",
            5,
            70,  # the value "1499"
            "parten stenungsund: kommunkoden '1499' hör till Falköping, men enligt namnet är "
            "det Stenungsund, som har koden '1415'",
        )
    ]
