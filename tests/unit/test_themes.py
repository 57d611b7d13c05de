"""The national themes and how a pledge's focus areas carry them into the model."""

from __future__ import annotations

from lofte_cli.data.loader import load_catalog
from lofte_cli.i18n import speaking
from lofte_cli.slug import is_slug
from lofte_cli.themes import THEMES, near_theme
from tests.helpers import REPO, write_tree


def test_twenty_themes_with_ids_that_are_slugs():
    assert len(THEMES) == 20
    assert all(is_slug(t) and THEMES[t].id == t for t in THEMES)
    assert {"narkotika", "trafik", "trygghet-offentlig-miljo", "bedrageri-aldre"} <= set(THEMES)


def test_labels_in_english_and_swedish():
    with speaking("en"):
        assert THEMES["vald-i-nara-relationer"].label == "Violence in close relationships"
        assert THEMES["bedrageri-aldre"].label == "Fraud against the elderly"
    with speaking("sv"):
        assert THEMES["vald-i-nara-relationer"].label == "Våld i nära relationer"
        assert THEMES["bedrageri-aldre"].label == "Bedrägerier mot äldre"
        assert THEMES["trygghet-offentlig-miljo"].label == "Trygghet i offentlig miljö"
    with speaking("sv"):
        swedish = [t.label for t in THEMES.values()]
    assert all(s != t.source_label for s, t in zip(swedish, THEMES.values(), strict=True))


def test_near_theme_by_label_in_either_language_or_a_near_id():
    assert near_theme("Narkotika") == "narkotika"
    assert near_theme("trafiksakerhet") == "trafik"
    assert near_theme("Burglary") == "inbrott"
    assert near_theme("vald i nara relationer") == "vald-i-nara-relationer"
    assert near_theme("skadegörelse") == "skadegorelse"
    assert near_theme("rymdskrot") is None


PLEDGE = """\
id: p
title: Test
period: {start: 2024-01-01, end: 2024-12-31}
parties:
  polisen: {name: Polisen, kind: police, police_region: Öst, police_area: Jönköping}
  kommun: {name: Jönköpings kommun, kind: municipality, code: "0680"}
focus_areas:
  droger: {label: Droger och unga, theme: narkotika}
  lugn: Lugna kvällar
commitments:
  - {id: polis-1, by: polisen, text: Patrullera., focus: [droger, lugn]}
"""


def test_the_model_has_labels_themes_and_places(tmp_path):
    root = write_tree(tmp_path / "repo", {"data/pledges/p/pledge.yaml": PLEDGE})
    pledge = load_catalog(root, use_cache=False).catalog.pledges["p"].pledge
    assert pledge.focus_areas == {"droger": "Droger och unga", "lugn": "Lugna kvällar"}
    assert pledge.themes == {"droger": "narkotika"}
    police, kommun = pledge.parties["polisen"], pledge.parties["kommun"]
    assert (police.police_region, police.police_area, police.code) == ("Öst", "Jönköping", None)
    assert (kommun.code, kommun.police_region) == ("0680", None)


def test_the_bundled_pledge_has_its_places_and_themes():
    pledge = load_catalog(REPO, use_cache=False).catalog.pledges["sodra-fyrbodal-2023-2024"].pledge
    codes = {p.id: p.code for p in pledge.parties.values()}
    assert codes == {"polisen": None, "stenungsund": "1415", "orust": "1421", "tjorn": "1419"}
    assert pledge.parties["polisen"].police_region == "Väst"
    assert pledge.themes == {
        "droger": "narkotika",
        "trafik": "trafik",
        "foraldrar": "foraldraskap",
        "samverkan": "samverkan-lagesbild",
        "lagesbild": "samverkan-lagesbild",
        "skola": "skola",
        "brottsoffer": "brottsoffer",
    }
    assert pledge.focus_areas["droger"] == "Droger, kränkningar och våld"
