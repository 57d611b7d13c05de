"""Issue 15, point 5: `lofte report --format docx`, read back with python-docx: the pledge's
title, every commitment in the commitment table, the activities of the period and the
indicators; the styles of a reference document; the same guard and output rules as the
other report formats."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from tests.helpers import copy_base, write_tree

TITLE = "Medborgarlöfte Testkommunerna 2023–2024"


def read(path: Path) -> docx.document.Document:
    return docx.Document(str(path))


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_base(tmp_path / "repo")


def test_the_report_as_a_word_document(run_cli, root, tmp_path):
    out = tmp_path / "rapport.docx"
    result = run_cli(
        "report", "--format", "docx", "--out", str(out), "--to", "2023-12-31", cwd=root
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Wrote {out}\n"
    document = read(out)
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs == [
        ("Heading 1", f"Uppföljningsrapport: {TITLE}"),
        ("Normal", "Aktiviteter från 1 januari 2023 till 31 december 2023."),
        # Issue 15 and 18: the headline gives the progress (pairs 3/2, 0/1, 1/1, 0/1:
        # (1 + 0 + 1 + 0) / 4 = 50 %) and the count met, then the note beside it.
        ("Normal", "Hittills gjort: 50 % av det som utlovats · 2 av 4 åtaganden helt uppfyllda"),
        (
            "Normal",
            "Ett åtagande som flera parter har lovat räknas en gång för varje part. Siffrorna "
            "gäller den 31 december 2023.",
        ),
        ("Normal", "Aktiviteter: 2 · Arbetstimmar: 14"),
        ("Heading 2", "Åtaganden"),
        ("Heading 2", "Aktiviteter"),
        ("Heading 2", "Indikatorer"),
    ]
    commitments, activities, indicators = document.tables
    assert cells(commitments)[0] == [
        "Åtagande",
        "Lovat av",
        "Gjort hittills",
        "Läge",
        "Egen bedömning",
    ]
    assert [row[0].split("\n")[0] for row in cells(commitments)[1:]] == [
        "Polisens åtagande 1",
        "Polisens åtagande 2",
        "Kommunernas åtagande 1",
    ]
    assert cells(commitments)[1][0] == (
        "Polisens åtagande 1\nGenomföra minst två trafikkontroller per år."
    )
    assert cells(commitments)[3][1] == "Testkommun, Andra kommunen"
    # The status cell carries the commitment's progress below its status.
    assert cells(commitments)[3][3] == (
        "Hålls delvis\n50 % av det som utlovats · 1 av 2 parter har gjort allt"
    )
    assert cells(commitments)[2][3] == (
        "Inte påbörjat\n0 % av det som utlovats · 0 av 1 part har gjort allt"
    )
    assert cells(commitments)[3][2] == (
        "Testkommun: 1 aktivitet (mål hittills: 1)\nAndra kommunen: 0 aktiviteter (mål hittills: 1)"
    )
    assert cells(activities) == [
        ["Datum", "Aktivitet", "Av", "Åtaganden", "Prestationer", "Arbetstimmar"],
        [
            "14 mars 2023",
            "Föräldrakväll om droger",
            "Testkommun",
            "Kommunernas åtagande 1",
            "",
            "6",
        ],
        [
            "2 april 2023",
            "Trafikkontroll av EPA-traktorer",
            "Lokalpolisområde Testbygden",
            "Polisens åtagande 1",  # as the pages name it, never its id
            "kontroller: 3",
            "8",
        ],
    ]
    assert cells(indicators) == [
        ["Indikator", "Utgångsläge", "Senaste värde", "Mål"],
        [
            "Andel som känner sig trygga utomhus sent på kvällen",
            "68 %",
            "71 % (15 december 2023)",
            "75 %",
        ],
    ]
    properties = document.core_properties
    assert properties.category == "lofte report"
    assert properties.title == f"Uppföljningsrapport: {TITLE}"
    assert properties.language == "sv-SE"
    assert properties.author == ""


def test_the_word_document_in_english_and_for_a_span(run_cli, root, tmp_path):
    out = tmp_path / "report.docx"
    args = ("--from", "2023-04-01", "--to", "2023-04-30", "--lang", "en")
    result = run_cli("report", "--format", "docx", "--out", str(out), *args, cwd=root)
    assert result.exit_code == 0, result.stderr
    document = read(out)
    assert document.paragraphs[0].text == f"Follow-up report: {TITLE}"
    assert document.paragraphs[1].text == "Activities from 1 April 2023 to 30 April 2023."
    assert [row[1] for row in cells(document.tables[1])] == [
        "Activity",
        "Trafikkontroll av EPA-traktorer",
    ]
    early = tmp_path / "early.docx"
    span = ("--from", "2023-01-01", "--to", "2023-01-31", "--lang", "en")
    assert (
        run_cli("report", "--format", "docx", "--out", str(early), *span, cwd=root).exit_code == 0
    )
    texts = [p.text for p in read(early).paragraphs]
    assert "No activities in this period." in texts


def test_a_reference_document_gives_its_styles(run_cli, root, tmp_path):
    reference = docx.Document()
    heading = reference.styles["Heading 1"]
    heading.font.name = "Kommunsans Demibold"
    heading.font.size = Pt(23)
    reference.add_paragraph("Mallens egen text, som inte ska med.")
    reference.sections[0].left_margin = Pt(100)
    template = tmp_path / "mall.docx"
    reference.core_properties.author = "Kicki Nordberg"
    reference.save(str(template))
    out = tmp_path / "rapport.docx"
    args = ("--format", "docx", "--out", str(out), "--reference-docx", str(template))
    result = run_cli("report", *args, cwd=root)
    assert result.exit_code == 0, result.stderr
    document = read(out)
    first = document.paragraphs[0]
    assert first.style.name == "Heading 1"
    assert first.style.font.name == "Kommunsans Demibold"
    assert first.style.font.size == Pt(23)
    assert "Mallens egen text, som inte ska med." not in [p.text for p in document.paragraphs]
    assert document.sections[0].left_margin == Pt(100)
    assert document.core_properties.author == ""  # the template's author is not carried over


def test_a_reference_without_the_styles_still_makes_a_report(run_cli, root, tmp_path):
    reference = docx.Document()
    styles = reference.styles
    for name in ("Heading 2", "Table Grid"):
        styles.element.remove(styles[name].element)
    template = tmp_path / "mall.docx"
    reference.save(str(template))
    out = tmp_path / "rapport.docx"
    args = ("--format", "docx", "--out", str(out), "--reference-docx", str(template))
    assert run_cli("report", *args, cwd=root).exit_code == 0
    document = read(out)
    headings = [p for p in document.paragraphs if p.text == "Åtaganden"]
    assert headings[0].runs[0].bold is True and headings[0].style.name == "Normal"


def test_docx_is_written_only_to_a_file(run_cli, root):
    result = run_cli("report", "--format", "docx", cwd=root)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--format docx writes a Word document: name its file with --out FILE.docx" in (
        result.stderr
    )


def test_reference_docx_needs_format_docx(run_cli, root, tmp_path):
    template = tmp_path / "mall.docx"
    docx.Document().save(str(template))
    result = run_cli("report", "--reference-docx", str(template), cwd=root)
    assert result.exit_code == 2
    assert "--reference-docx gives the styles of a Word document: add --format docx" in (
        result.stderr
    )


def test_a_reference_that_is_not_there(run_cli, root, tmp_path):
    out = tmp_path / "rapport.docx"
    args = ("--format", "docx", "--out", str(out), "--reference-docx", "saknas.docx")
    result = run_cli("report", *args, cwd=root)
    assert result.exit_code == 2
    assert result.stderr == "lofte: --reference-docx saknas.docx: no such file\n"
    assert not out.exists()


def test_a_reference_that_is_not_a_word_document(run_cli, root, tmp_path):
    template = write_tree(tmp_path, {"mall.docx": "inte en zip\n"}) / "mall.docx"
    out = tmp_path / "rapport.docx"
    args = ("--format", "docx", "--out", str(out), "--reference-docx", str(template))
    result = run_cli("report", *args, cwd=root)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"lofte: {template}: not a Word document lofte can take styles from (save it as .docx "
        "in Word): "
    )
    assert not out.exists()


def test_only_its_own_word_document_is_replaced(run_cli, root, tmp_path):
    out = tmp_path / "rapport.docx"
    other = docx.Document()
    other.add_paragraph("Nämndens egen skrivelse.")
    other.save(str(out))
    before = out.read_bytes()
    result = run_cli("report", "--format", "docx", "--out", str(out), cwd=root)
    assert result.exit_code == 1
    assert f"{out}: the file is there and was not written by lofte report; not replaced" in (
        result.stderr
    )
    assert out.read_bytes() == before
    forced = run_cli("report", "--format", "docx", "--out", str(out), "--force", cwd=root)
    assert forced.exit_code == 0
    assert read(out).core_properties.category == "lofte report"
    again = run_cli("report", "--format", "docx", "--out", str(out), cwd=root)
    assert again.exit_code == 0, again.stderr  # its own earlier report: replaced


def test_never_over_the_data(run_cli, root):
    target = root / "data/pledges/p/rapport.docx"
    result = run_cli("report", "--format", "docx", "--out", str(target), "--force", cwd=root)
    assert result.exit_code == 1
    assert not target.exists()


def test_personal_data_holds_the_word_document_back(run_cli, root, tmp_path):
    activity = root / "data/pledges/p/activities/2023-04-02-trafikkontroll.yaml"
    text = activity.read_text(encoding="utf-8")
    activity.write_text(
        text.replace("title: Trafikkontroll av EPA-traktorer", "title: Ring 070-123 45 67"),
        encoding="utf-8",
    )
    out = tmp_path / "rapport.docx"
    result = run_cli("report", "--format", "docx", "--out", str(out), cwd=root)
    assert result.exit_code == 1
    assert "070-123 45 67" in result.stderr
    assert not out.exists()
