"""L124: a commitment whose text promises a number or a frequency and has no `expect`.
The warning stands at the commitment's line and quotes what it found; every commitment of
the bundled and the independent pledges is read, with the result written by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from lofte_cli.data.codes import CODES
from lofte_cli.data.promised import read_promise
from lofte_cli.data.validate import validate
from lofte_cli.i18n import speaking
from tests.helpers import REPO, write_tree

PLEDGE = """\
id: p
title: Test
period: {{start: 2023-01-01, end: 2024-12-31}}
parties:
  polisen: {{name: Polisen, kind: police}}
  kommunen: {{name: Kommunen, kind: municipality}}
commitments:
  - id: polis-1
    by: polisen
    text: {text}
{expect}  - id: kommun-1
    by: kommunen
    text: Arbeta med trygghet i skolmiljö.
"""


def warnings_for(tmp_path: Path, text: str, expect: str = "") -> list[tuple[int, int, str]]:
    pledge = PLEDGE.format(text=text, expect=f"    expect: {expect}\n" if expect else "")
    root = write_tree(tmp_path, {"data/pledges/p/pledge.yaml": pledge})
    result = validate(root, today=date(2026, 11, 26))
    return [(p.line, p.col, p.message) for p in result.problems if p.code == "L124"]


def test_a_promised_frequency_without_expect_is_warned_at_the_commitment(tmp_path):
    found = warnings_for(tmp_path, "Kontrollera gångtunnlarna fyra gånger per år.")
    assert found == [
        (
            8,
            5,
            "commitment polis-1 promises 'fyra gånger per år' but has no `expect`, so a "
            "single activity meets it; add `expect: {count: 4, per: year}`",
        )
    ]


def test_the_warning_in_swedish(tmp_path):
    with speaking("sv"):
        found = warnings_for(tmp_path, "Genomföra minst 12 trafikkontroller per år.")
        title, hint = CODES["L124"].title, CODES["L124"].hint
    assert found == [
        (
            8,
            5,
            "åtagandet polis-1 lovar 'minst 12 trafikkontroller per år' men saknar `expect`, "
            "så det räcker med en enda aktivitet för att det ska hållas; lägg till "
            "`expect: {count: 12, per: year}`",
        )
    ]
    assert title == "utlovat antal räknas inte"
    assert hint == (
        "Lägg till `expect` på åtagandet, till exempel `expect: {count: 4, per: year}` för "
        "fyra om året. `per` kan vara week, month, quarter, tertial, half-year, year eller "
        "period."
    )


def test_a_frequency_lofte_cannot_write_asks_for_expect_in_words(tmp_path):
    (found,) = warnings_for(tmp_path, "Hålla ett stormöte varannat år.")
    assert found[2] == (
        "commitment polis-1 promises 'varannat år' but has no `expect`, so a single "
        "activity meets it; say how many and per which period with `expect`"
    )


def test_expect_silences_the_warning(tmp_path):
    assert warnings_for(tmp_path, "Patrullera varje vecka.", "{count: 1, per: week}") == []


@pytest.mark.parametrize(
    "text",
    [
        "Minst en trygghetsvandring med unga vuxna.",
        "En trygghetsvandring i Reftele.",
        "Genomföra trygghetsvandringar under 2024.",
        "Stöd till unga under 18 år.",
    ],
)
def test_one_activity_or_no_count_is_no_warning(tmp_path, text):
    assert warnings_for(tmp_path, text) == []


def test_the_hint_shows_how_to_write_expect():
    assert CODES["L124"].severity == "warning"
    assert "`expect: {count: 4, per: year}`" in CODES["L124"].source_hint


# Every commitment of the bundled and the independent pledges, read as if it had no
# `expect`: (count, per) where its text promises a count, None where it does not.
EVERY_COMMITMENT = {
    ("sodra-fyrbodal-2023-2024", "polis-1"): None,
    ("sodra-fyrbodal-2023-2024", "polis-2"): None,
    ("sodra-fyrbodal-2023-2024", "polis-3"): None,
    ("sodra-fyrbodal-2023-2024", "polis-4"): None,
    ("sodra-fyrbodal-2023-2024", "polis-5"): None,  # "i våra tre kommuner"
    ("sodra-fyrbodal-2023-2024", "kommun-1"): None,
    ("sodra-fyrbodal-2023-2024", "kommun-2"): None,  # "A-traktorer och EPA-traktorer"
    ("sodra-fyrbodal-2023-2024", "kommun-3"): None,
    ("sodra-fyrbodal-2023-2024", "kommun-4"): None,
    ("sodra-fyrbodal-2023-2024", "kommun-5"): None,
    ("sodra-fyrbodal-2023-2024", "kommun-6"): None,
    ("exempelby-2024-2026", "polis-trafik"): (5, "tertial"),  # has its expect
    ("exempelby-2024-2026", "polis-narvaro"): (None, "week"),  # "fredag- och lördagskvällar"
    ("exempelby-2024-2026", "kommun-foraldrar"): None,  # "årskurs 6–9"
    ("exempelby-2024-2026", "gemensamt-vandringar"): None,
    ("exempelby-2024-2026", "bostader-belysning"): None,
    ("exempelby-2024-2026", "raddning-skolbesok"): None,  # "årskurs 5"
    ("exempelby-2024-2026", "gemensamt-moten"): None,
    ("exempelby-hamnen", "police-patrols"): None,  # English: the patterns are Swedish
    ("exempelby-hamnen", "municipality-lighting"): None,
    ("exempelby-hamnen", "housing-courtyards"): None,
    ("exempelby-hamnen", "joint-dialogue"): None,
    ("kungalv-2017-2018", "polis-trafikkontroller"): (20, "period"),  # has its expect
    ("kungalv-2017-2018", "kommun-brev-moped"): None,  # "fyller 15 år"
    ("kungalv-2017-2018", "polis-narkotikainsatser"): (8, "period"),  # has its expect
    ("kungalv-2017-2018", "kommun-brev-narkotika"): None,  # "mellan 12 och 18 år"
    ("kungalv-2017-2018", "kommun-foraldramoten"): None,  # "skolår 8"
    ("kungalv-2017-2018", "polis-polisstation"): (5, "week"),  # no expect: L124
    ("vallentuna-2019-2020", "polis-1"): None,
    ("vallentuna-2019-2020", "kommun-1"): None,
    ("vallentuna-2019-2020", "gemensamt-1"): None,
}


def _commitments() -> dict[tuple[str, str], str]:
    yaml = YAML(typ="safe")
    texts = {}
    for root in (REPO, REPO / "tests" / "fixtures" / "independent"):
        for path in sorted((root / "data" / "pledges").glob("*/pledge.yaml")):
            for c in yaml.load(path.read_text(encoding="utf-8"))["commitments"]:
                texts[path.parent.name, c["id"]] = c["text"]
    return texts


def test_every_bundled_and_independent_commitment_is_read_as_written_here():
    read = {}
    for key, text in _commitments().items():
        found = read_promise(text)
        read[key] = (found.count, found.per) if found and found.says_more_than_once else None
    assert read == EVERY_COMMITMENT
