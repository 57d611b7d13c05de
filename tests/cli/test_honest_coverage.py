"""Issue 15 through the command line: a pledge whose activity files were deleted has
`coverage_percent: null` and `activities_recorded: 0` in `coverage --format json` and in the
export, and `--fail-under` does not fail it but says it did not judge it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import REPO

PLEDGE = "sodra-fyrbodal-2023-2024"


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "data", root / "data")
    shutil.rmtree(root / "data" / "pledges" / PLEDGE / "activities")
    return root


def test_coverage_json_of_a_pledge_without_activities(run_cli, bare):
    result = run_cli("coverage", "--format", "json", cwd=bare)
    assert result.exit_code == 0, result.stderr
    (pledge,) = json.loads(result.stdout)["pledges"]
    assert (pledge["id"], pledge["activities_recorded"], pledge["coverage_percent"]) == (
        PLEDGE,
        0,
        None,
    )
    assert {c["status"] for c in pledge["commitments"]} == {"no-records"}


def test_coverage_json_counts_the_activity_files(run_cli):
    result = run_cli("coverage", "--format", "json", cwd=REPO)
    (pledge,) = json.loads(result.stdout)["pledges"]
    assert (pledge["activities_recorded"], pledge["coverage_percent"]) == (28, 82.6)


def test_fail_under_does_not_fail_a_pledge_without_records_and_says_so(run_cli, bare):
    result = run_cli("coverage", "--format", "json", "--fail-under", "80", cwd=bare)
    assert result.exit_code == 0
    assert result.stderr == (
        f"lofte: --fail-under does not judge {PLEDGE}: no activities are recorded for it\n"
    )
    assert run_cli("coverage", "--format", "json", cwd=bare).stderr == ""  # only with it


def test_fail_under_in_swedish(run_cli, bare, monkeypatch):
    monkeypatch.setenv("LOFTE_LANG", "sv")
    result = run_cli("coverage", "--format", "csv", "--fail-under", "80", cwd=bare)
    assert result.exit_code == 0
    assert result.stderr == (
        f"lofte: --fail-under bedömer inte {PLEDGE}: det finns inga registrerade aktiviteter "
        "för löftet\n"
    )


def test_fail_under_still_fails_a_pledge_with_records_below_it(run_cli):
    result = run_cli("coverage", "--format", "json", "--fail-under", "90", cwd=REPO)
    assert result.exit_code == 1
    assert "coverage below 90 % for sodra-fyrbodal-2023-2024" in result.stderr
    assert "does not judge" not in result.stderr


def test_the_export_carries_activities_recorded(run_cli, bare, tmp_path):
    out = tmp_path / "export.json"
    result = run_cli("export", "--format", "json", "--out", str(out), cwd=bare)
    assert result.exit_code == 0, result.stderr
    (pledge,) = json.loads(out.read_text(encoding="utf-8"))["pledges"]
    coverage = pledge["coverage"]
    assert (coverage["activities_recorded"], coverage["coverage_percent"]) == (0, None)
    assert pledge["activities"] == []


def test_the_word_report_says_nothing_is_recorded(run_cli, bare, tmp_path):
    from docx import Document

    out = tmp_path / "rapport.docx"
    result = run_cli("report", "--format", "docx", "--out", str(out), cwd=bare)
    assert result.exit_code == 0, result.stderr
    document = Document(str(out))
    assert document.paragraphs[2].text == (
        "Här finns inga aktiviteter registrerade för löftet, så det finns inga siffror om hur "
        "det hålls. Det betyder inte att inget har gjorts."
    )
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "Inget registrerat" in cells
    assert not cells & {"Påbörjades aldrig", "Inte påbörjat", "Hölls", "Hölls delvis"}
