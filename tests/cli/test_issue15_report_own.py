"""Issue 15, point 5, on a pledge written here (Orust 2025, not the bundled data): the Word
report opens with python-docx and holds the pledge's title, every commitment (by title or
"Kommunens åtagande 2", with its text), the activities of the period and no other, each
naming its commitments and measures as citizens read them; after the period it speaks of
the period as over; and it takes a reference document's styles."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from tests.helpers import write_tree

PLEDGE = """\
id: orust-2025
title: Medborgarlöfte Orust 2025
language: sv
area: Orust
period: {start: 2025-01-01, end: 2025-12-31}
parties:
  polisen: {name: Lokalpolisområde Södra Fyrbodal, kind: police}
  orust: {name: Orust kommun, kind: municipality, code: "1421"}
measures:
  kontrollerade-fordon: Kontrollerade fordon
commitments:
  - id: polis-1
    by: polisen
    title: Trafikkontroller i Henån
    text: Kontrollera minst 12 fordon i Henån under året.
    expect: {count: 12, of: kontrollerade-fordon, per: year}
  - id: kommun-1
    by: orust
    text: Genomföra fyra trygghetsvandringar per år.
    expect: {count: 4, per: year}
  - id: kommun-2
    by: orust
    text: Erbjuda föräldrastödsprogram till föräldrar med barn i årskurs 6–9.
"""


def activity(day: str, by: str, commitment: str, title: str, extra: str = "") -> str:
    return (
        f"id: {day}-{commitment}\ndate: {day}\nstatus: done\nby: [{by}]\n"
        f"commitments: [{commitment}]\ntitle: {title}\ndescription: {title}.\n{extra}"
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = "data/pledges/orust-2025"
    return write_tree(
        tmp_path / "repo",
        {
            f"{folder}/pledge.yaml": PLEDGE,
            f"{folder}/activities/2025-03-12-polis-1.yaml": activity(
                "2025-03-12", "polisen", "polis-1", "Trafikkontroll i Henån",
                "measures: {kontrollerade-fordon: 7}\nhours: 6\n",
            ),
            f"{folder}/activities/2025-04-20-kommun-1.yaml": activity(
                "2025-04-20", "orust", "kommun-1", "Trygghetsvandring i Ellös"
            ),
            f"{folder}/activities/2025-09-30-kommun-1.yaml": activity(
                "2025-09-30", "orust", "kommun-1", "Trygghetsvandring i Henån"
            ),
        },
    )  # fmt: skip


def report(run_cli, root: Path, out: Path, *args: str) -> docx.document.Document:
    result = run_cli("report", "--format", "docx", "--out", str(out), *args, cwd=root)
    assert result.exit_code == 0, result.stderr
    return docx.Document(str(out))


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_word_report_of_a_pledge_that_is_over(run_cli, root, tmp_path):
    document = report(run_cli, root, tmp_path / "rapport.docx")
    assert [(p.style.name, p.text) for p in document.paragraphs] == [
        ("Heading 1", "Uppföljningsrapport: Medborgarlöfte Orust 2025"),
        ("Normal", "Aktiviteter från 1 januari 2025 till 31 december 2025."),
        # 7 of 12 vehicles, 2 of 4 walks, 0 of 1: (7/12 + 1/2 + 0) / 3 = 36,1 %
        (
            "Normal",
            "Gjort under perioden: 36,1 % av det som utlovades · 0 av 3 åtaganden helt "
            "uppfyllda",
        ),
        (
            "Normal",
            "Ett åtagande som flera parter har lovat räknas en gång för varje part. Siffrorna "
            "gäller perioden, som slutade den 31 december 2025.",
        ),
        ("Normal", "Aktiviteter: 3 · Arbetstimmar: 6"),
        ("Heading 2", "Åtaganden"),
        ("Heading 2", "Aktiviteter"),
    ]  # fmt: skip
    commitments, activities = document.tables
    assert rows(commitments) == [
        ["Åtagande", "Lovat av", "Gjort", "Läge", "Egen bedömning"],
        [
            "Trafikkontroller i Henån\nKontrollera minst 12 fordon i Henån under året.",
            "Lokalpolisområde Södra Fyrbodal",
            "(Kontrollerade fordon)\nLokalpolisområde Södra Fyrbodal: 7 (mål: 12)",
            "Hölls delvis\n58,3 % av det som utlovats · 0 av 1 part har gjort allt",
            "inte bedömt",
        ],
        [
            "Kommunens åtagande 1\nGenomföra fyra trygghetsvandringar per år.",
            "Orust kommun",
            "Orust kommun: 2 aktiviteter (mål: 4)",
            "Hölls delvis\n50 % av det som utlovats · 0 av 1 part har gjort allt",
            "inte bedömt",
        ],
        [
            "Kommunens åtagande 2\nErbjuda föräldrastödsprogram till föräldrar med barn i "
            "årskurs 6–9.",
            "Orust kommun",
            "Orust kommun: 0 aktiviteter (mål: 1)",
            "Påbörjades aldrig\n0 % av det som utlovats · 0 av 1 part har gjort allt",
            "inte bedömt",
        ],
    ]
    assert rows(activities) == [
        ["Datum", "Aktivitet", "Av", "Åtaganden", "Prestationer", "Arbetstimmar"],
        ["12 mars 2025", "Trafikkontroll i Henån", "Lokalpolisområde Södra Fyrbodal",
         "Trafikkontroller i Henån", "Kontrollerade fordon: 7", "6"],
        ["20 april 2025", "Trygghetsvandring i Ellös", "Orust kommun", "Kommunens åtagande 1",
         "", ""],
        ["30 september 2025", "Trygghetsvandring i Henån", "Orust kommun",
         "Kommunens åtagande 1", "", ""],
    ]  # fmt: skip


def test_only_the_activities_of_the_span_and_the_figures_of_its_last_day(run_cli, root, tmp_path):
    span = ("--from", "2025-04-01", "--to", "2025-06-30")
    document = report(run_cli, root, tmp_path / "kvartal.docx", *span)
    texts = [p.text for p in document.paragraphs]
    assert texts[1] == "Aktiviteter från 1 april 2025 till 30 juni 2025."
    assert texts[3].endswith("Siffrorna gäller den 30 juni 2025.")
    commitments, activities = document.tables
    assert [row[0] for row in rows(activities)] == ["Datum", "20 april 2025"]
    # halfway through the year: 2 walks of 4 expected so far (rounded up), 1 done
    assert rows(commitments)[2][2] == "Orust kommun: 1 aktivitet (mål hittills: 2)"
    assert rows(commitments)[2][3].startswith("Hålls delvis\n")


def test_the_municipality_s_styles_from_a_reference_document(run_cli, root, tmp_path):
    reference = docx.Document()
    reference.styles["Heading 1"].font.name = "Orust Sans"
    reference.styles["Heading 1"].font.size = Pt(20)
    reference.styles["Normal"].font.name = "Orust Serif"
    reference.add_paragraph("Mallens text ska inte med.")
    template = tmp_path / "mall.docx"
    reference.save(str(template))
    document = report(run_cli, root, tmp_path / "r.docx", "--reference-docx", str(template))
    heading, first = document.paragraphs[0], document.paragraphs[1]
    assert (heading.style.font.name, heading.style.font.size) == ("Orust Sans", Pt(20))
    assert first.style.font.name == "Orust Serif"
    assert "Mallens text ska inte med." not in [p.text for p in document.paragraphs]
    assert document.paragraphs[0].text == "Uppföljningsrapport: Medborgarlöfte Orust 2025"


def test_coverage_json_names_the_measure_by_its_label(run_cli, root):
    import json

    result = run_cli("coverage", "--format", "json", "--as-of", "2025-12-31", cwd=root)
    assert result.exit_code == 0, result.stderr
    (pledge,) = json.loads(result.stdout)["pledges"]
    assert [(c["id"], c["measure"], c["measure_label"]) for c in pledge["commitments"]] == [
        ("polis-1", "kontrollerade-fordon", "Kontrollerade fordon"),
        ("kommun-1", None, None),
        ("kommun-2", None, None),
    ]
    assert pledge["activities_recorded"] == 3
