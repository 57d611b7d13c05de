"""Issue 17: the national picture on the pages — the map of Sweden's 290 municipalities on the
index, a page per municipality with a pledge, per county, police region and theme, and the
statistics — from three pledges written here, with every figure worked out by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lofte_cli.publish.national import statistics
from tests.helpers import write_tree

AS_OF = "2026-01-15"

GNOSJO = """\
id: gnosjo-2019-2020
title: Medborgarlöfte Gnosjö 2019–2020
language: sv
period: {start: 2019-01-01, end: 2020-12-31}
parties:
  polisen: {name: Lokalpolisområde Värnamo, kind: police, police_region: Öst}
  gnosjo: {name: Gnosjö kommun, kind: municipality, code: "0617"}
focus_areas:
  droger: {label: Droger och unga, theme: narkotika}
  trafik: {label: Trafikmiljön, theme: trafik}
commitments:
  - id: polis-1
    by: polisen
    focus: [droger]
    text: Minst två insatser för att minska droganvändning bland unga.
    expect: {count: 2, per: period}
  - id: polis-2
    by: polisen
    focus: [trafik]
    text: Åtgärder mot höga hastigheter vid skolorna.
  - id: kommun-1
    by: gnosjo
    text: En trygghetsvandring i centrala Gnosjö.
"""

BODEN = """\
id: boden-2025-2026
title: Medborgarlöfte Boden 2025–2026
language: sv
period: {start: 2025-01-01, end: 2026-12-31}
parties:
  polisen: {name: Lokalpolisområde Boden, kind: police, police_region: Nord}
  boden: {name: Bodens kommun, kind: municipality}
focus_areas:
  narkotika: {label: Narkotika, theme: narkotika}
commitments:
  - id: polis-1
    by: polisen
    focus: [narkotika]
    text: Kontroller vid resecentrum.
  - id: kommun-1
    by: boden
    text: Föräldrakvällar på högstadiet.
"""

BODEN_ACTIVITY = """\
id: 2025-03-01-kontroll-resecentrum
date: 2025-03-01
status: done
by: [polisen]
commitments: [polis-1]
title: Kontroll vid resecentrum
description: Polisen kontrollerade vid resecentrum.
"""

KIRUNA = """\
id: kiruna-2027
title: Medborgarlöfte Kiruna 2027
language: sv
period: {start: 2027-01-01, end: 2027-12-31}
parties:
  polisen: {name: Lokalpolisområde Kiruna, kind: police}
  kiruna: {name: Kiruna kommun, kind: municipality, code: "2584"}
commitments:
  - id: polis-1
    by: polisen
    text: Synas i centrum.
"""

BODEN_FILE = "2025-03-01-kontroll-resecentrum.yaml"
NATIONAL_PAGES = [
    "kommun/0617-gnosjo.html",
    "kommun/2582-boden.html",
    "kommun/2584-kiruna.html",
    "lan/06-jonkopings-lan.html",
    "lan/25-norrbottens-lan.html",
    "polisregion/nord.html",
    "polisregion/ost.html",
    "statistik.html",
    "tema/narkotika.html",
    "tema/trafik.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from lofte_cli.cli.main import app

    root = write_tree(
        tmp_path_factory.mktemp("sverige"),
        {
            "data/pledges/gnosjo-2019-2020/pledge.yaml": GNOSJO,
            "data/pledges/boden-2025-2026/pledge.yaml": BODEN,
            f"data/pledges/boden-2025-2026/activities/{BODEN_FILE}": BODEN_ACTIVITY,
            "data/pledges/kiruna-2027/pledge.yaml": KIRUNA,
        },
    )  # fmt: skip
    out = root / "site"
    result = CliRunner().invoke(
        app, ["--data", str(root), "render", "--out", str(out), "--as-of", AS_OF]
    )
    assert result.exit_code == 0, result.output
    return out


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_the_pages_by_place_theme_and_the_statistics_are_written(site):
    found = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.parent.name in ("kommun", "lan", "polisregion", "tema") or p.name == "statistik.html"
    )
    assert found == NATIONAL_PAGES


def test_the_map_has_every_municipality_named_and_coloured_by_its_state(site):
    index = read(site, "index.html")
    svg = re.search(r'<svg class="map".*?</svg>', index, re.S)
    assert svg is not None
    assert len(svg.group(0).encode("utf-8")) < 150_000
    shapes = re.findall(r'<path class="m (\w+)"', svg.group(0))
    assert len(shapes) == 290
    assert shapes.count("running") == 1 and shapes.count("ended") == 1
    assert shapes.count("upcoming") == 1 and shapes.count("none") == 287
    assert (
        '<a href="kommun/2582-boden.html" aria-label="Boden: ett löfte gäller nu">'
        '<path class="m running" d="'
    ) in index
    assert (
        '<a href="kommun/0617-gnosjo.html" aria-label="Gnosjö: ett löfte har avslutats">' in index
    )
    assert (
        '<a href="kommun/2584-kiruna.html" aria-label="Kiruna: ett löfte börjar senare">' in index
    )
    assert (
        'role="img" aria-label="Ale: inget löfte registrerat här">'
        "<title>Ale: inget löfte registrerat här</title>" in index
    )
    legend = re.findall(
        r'<li><span class="swatch (\w+)" aria-hidden="true"></span>(.*?)</li>', index
    )
    assert legend == [
        ("running", "ett löfte gäller nu: 1 kommun"),
        ("ended", "ett löfte har avslutats: 1 kommun"),
        ("upcoming", "ett löfte börjar senare: 1 kommun"),
        ("none", "inget löfte registrerat här: 287 kommuner"),
    ]  # fmt: skip


def test_the_table_beside_the_map_carries_the_same_facts(site):
    index = read(site, "index.html")
    rows = re.findall(
        r'<tr><th scope="row"><a href="(kommun/[^"]+)">([^<]+)</a></th>'
        r"<td>([^<]+)</td><td>([^<]+)</td></tr>",
        index,
    )
    assert rows == [
        ("kommun/0617-gnosjo.html", "Gnosjö", "Jönköpings län", "ett löfte har avslutats"),
        ("kommun/2582-boden.html", "Boden", "Norrbottens län", "ett löfte gäller nu"),
        ("kommun/2584-kiruna.html", "Kiruna", "Norrbottens län", "ett löfte börjar senare"),
    ]  # fmt: skip


def test_a_municipality_page_lists_its_pledges_and_leads_to_county_and_region(site):
    page = read(site, "kommun/2582-boden.html")
    assert "<h1>Boden</h1>" in page
    assert (
        '<p class="place-facts"><a href="../lan/25-norrbottens-lan.html">Norrbottens län</a> · '
        '<a href="../polisregion/nord.html">Polisregion Nord</a></p>'
    ) in page
    assert '<h2 id="g1">Gäller nu</h2>' in page
    assert (
        '<h3><a href="../boden-2025-2026/index.html">Medborgarlöfte Boden 2025–2026</a></h3>'
        in page
    )
    assert "Lokalpolisområde Boden, Bodens kommun" in page
    assert "Hittills gjort: 50 % av det som utlovats" in page


def test_a_county_page_lists_its_municipalities_and_pledges(site):
    page = read(site, "lan/25-norrbottens-lan.html")
    assert "<h1>Norrbottens län</h1>" in page
    headings = re.findall(r'<h2 id="g\d">([^<]+)</h2>', page)
    assert headings == ["Gäller nu", "Börjar senare"]
    rows = re.findall(
        r'<tr><th scope="row"><a href="([^"]+)">([^<]+)</a></th><td>([^<]+)</td></tr>', page
    )
    assert rows == [
        ("../kommun/2582-boden.html", "Boden", "ett löfte gäller nu"),
        ("../kommun/2584-kiruna.html", "Kiruna", "ett löfte börjar senare"),
    ]  # fmt: skip


def test_a_police_region_comes_from_the_police_party_or_else_the_county(site):
    ost = read(site, "polisregion/ost.html")
    assert "<h1>Polisregion Öst</h1>" in ost
    assert '<a href="../lan/06-jonkopings-lan.html">Jönköpings län</a>' in ost
    assert '<h2 id="g1">Tidigare löften</h2>' in ost
    nord = read(site, "polisregion/nord.html")
    assert "Medborgarlöfte Kiruna 2027" in nord and "Medborgarlöfte Boden 2025–2026" in nord


def test_a_theme_page_gathers_the_focus_areas_of_every_pledge_with_it(site):
    page = read(site, "tema/narkotika.html")
    assert "<h1>Narkotika</h1>" in page
    titles = re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', page)
    assert titles == ["Medborgarlöfte Boden 2025–2026", "Medborgarlöfte Gnosjö 2019–2020"]
    assert "<p>Fokusområden: Droger och unga</p>" in page
    assert "<li>Minst två insatser för att minska droganvändning bland unga.</li>" in page
    assert "Åtgärder mot höga hastigheter" not in page  # under the theme trafik


def test_the_statistics_say_the_figures_in_words_and_tables(site):
    page = read(site, "statistik.html")
    assert "<li>3 löften sammanlagt</li>" in page
    assert "<li>1 av 3 löften har uppföljning registrerad här (minst en aktivitet).</li>" in page
    assert (
        "<li>16,7 % av åtagandena (1 av 6) säger hur mycket som ska göras (ett mätbart mål).</li>"
    ) in page
    years = re.findall(r'<tr><th scope="row">(\d{4})</th><td>(\d+)</td></tr>', page)
    assert years == [("2019", "1"), ("2020", "1"), ("2025", "1"), ("2026", "1"), ("2027", "1")]
    themes = re.findall(
        r'<tr><th scope="row"><a href="(tema/[^"]+)">([^<]+)</a></th><td>(\d+)</td></tr>', page
    )
    assert themes == [
        ("tema/narkotika.html", "Narkotika", "2"),
        ("tema/trafik.html", "Trafiksäkerhet", "1"),
    ]
    spread = re.findall(r'<tr><th scope="row">([\d,–]+ %)</th><td>(\d+)</td></tr>', page)
    assert spread == [
        ("0–9,9 %", "0"), ("10–19,9 %", "0"), ("20–29,9 %", "0"), ("30–39,9 %", "0"),
        ("40–49,9 %", "0"), ("50–59,9 %", "1"), ("60–69,9 %", "0"), ("70–79,9 %", "0"),
        ("80–89,9 %", "0"), ("90–99,9 %", "0"), ("100 %", "0"),
    ]  # fmt: skip
    assert "2 löften har ingen siffra än" in page
    assert page.count('<svg class="chart"') == 3


def test_a_site_without_places_or_themes_has_no_national_pages(tmp_path, run_cli):
    pledge = KIRUNA.replace(', code: "2584"', "").replace("Kiruna kommun", "Påhittade kommun")
    root = write_tree(tmp_path / "r", {"data/pledges/kiruna-2027/pledge.yaml": pledge})
    result = run_cli("render", "--out", "site", "--as-of", AS_OF, cwd=root)
    assert result.exit_code == 0, result.stderr
    assert not (root / "site/statistik.html").exists()
    assert not (root / "site/kommun").exists()
    assert 'class="map"' not in (root / "site/index.html").read_text(encoding="utf-8")


def test_statistics_on_no_pledges_are_empty():
    from datetime import date

    stats = statistics([], date(2026, 1, 15))
    assert (stats.pledges, stats.commitments, stats.with_records, stats.no_figure) == (0, 0, 0, 0)
    assert stats.running_per_year == [] and stats.themes == []
    assert [count for _, count in stats.progress_bins] == [0] * 11
