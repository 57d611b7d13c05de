"""`lofte export`: the open-data JSON document and the CSV files, plain and for Excel."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from lofte_cli.publish.export import CsvDialect
from tests.helpers import REPO, copy_base, write_tree

PLEDGE = "sodra-fyrbodal-2023-2024"
BUNDLED_ACTIVITIES = len(list((REPO / "data" / "pledges" / PLEDGE / "activities").glob("*.yaml")))
BOM = b"\xef\xbb\xbf"
# README "Open data": the columns of activities.csv, in this order.
ACTIVITY_COLUMNS = (
    "pledge",
    "id",
    "date",
    "end_date",
    "status",
    "by",
    "commitments",
    "title",
    "description",
    "place",
    "partners",
    "target_groups",
    "participants",
    "hours",
    "measures",
    "links",
)
ODD = """\
id: 2023-05-02-ovning
date: 2023-05-02
by: [kommun, polisen]
commitments: [kommun-1, polis-1]
title: =Övning på Åsen
description: |
  Två rader;
  med semikolon, och komma.
hours: 7.5
measures: {kontroller: 2, samtal: 5}
links:
  - {title: Kommunens nyhet, url: "https://kommun.se/nyhet"}
  - {url: "https://polisen.se/"}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_base(tmp_path / "repo")
    write_tree(root, {"data/pledges/p/activities/2023-05-02-ovning.yaml": ODD})
    return root


def rows(path: Path, *, excel: bool = False) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(BOM) == excel
    text = raw.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))


# --- JSON --------------------------------------------------------------------------------


def test_json_holds_every_pledge_activity_and_the_coverage(run_cli):
    result = run_cli("--no-cache", "export", "--as-of", "2024-12-31", cwd=REPO)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["generated"] == "2026-11-26" and document["as_of"] == "2024-12-31"
    (pledge,) = document["pledges"]
    assert pledge["id"] == PLEDGE and pledge["language"] == "sv"
    assert pledge["period"] == {"start": "2023-01-01", "end": "2024-12-31"}
    assert [p["id"] for p in pledge["parties"]] == ["polisen", "stenungsund", "orust", "tjorn"]
    assert pledge["groups"] == [{"id": "kommunerna", "members": ["stenungsund", "orust", "tjorn"]}]
    assert len(pledge["commitments"]) == 11
    assert pledge["commitments"][1]["expect"] == {
        "count": 12,
        "of": "trafikkontroller",
        "per": "year",
    }
    assert [i["id"] for i in pledge["indicators"]] == ["trygghet-kvall", "buskorning-problem"]
    assert len(pledge["activities"]) == BUNDLED_ACTIVITIES == 28
    dates = [a["date"] for a in pledge["activities"]]
    assert dates == sorted(dates)
    assert set(pledge["activities"][0]) == {
        *ACTIVITY_COLUMNS[1:],
        "parties",
    }
    assert pledge["followups"][0]["date"] == "2023-12-15"
    assert pledge["coverage"]["coverage_percent"] == 82.6
    assert pledge["coverage"]["pairs_total"] == 23
    assert "Föräldrakväll" in result.stdout  # not \u00f6


def test_json_activity_fields_are_all_there(run_cli, repo):
    result = run_cli("export", "--as-of", "2023-12-31", cwd=repo)
    assert result.exit_code == 0, result.stderr
    (pledge,) = json.loads(result.stdout)["pledges"]
    odd = next(a for a in pledge["activities"] if a["id"] == "2023-05-02-ovning")
    assert odd == {
        "id": "2023-05-02-ovning",
        "date": "2023-05-02",
        "end_date": None,
        "status": "done",
        "by": ["kommun", "polisen"],
        "parties": ["kommun", "polisen"],
        "commitments": ["kommun-1", "polis-1"],
        "title": "=Övning på Åsen",
        "description": "Två rader;\nmed semikolon, och komma.\n",  # ODD's literal block
        "place": None,
        "partners": [],
        "target_groups": [],
        "participants": None,
        "measures": {"kontroller": 2, "samtal": 5},
        "hours": 7.5,
        "links": [
            {"url": "https://kommun.se/nyhet", "title": "Kommunens nyhet"},
            {"url": "https://polisen.se/", "title": None},
        ],
    }


def test_json_out_writes_a_utf8_file(run_cli, repo, tmp_path):
    out = tmp_path / "open" / "lofte.json"
    result = run_cli("export", "--out", str(out), cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Wrote ")
    assert "Övning på Åsen" in out.read_text(encoding="utf-8")
    assert json.loads(out.read_text(encoding="utf-8"))["pledges"][0]["id"] == "p"


# --- CSV ---------------------------------------------------------------------------------


def test_csv_has_a_row_per_activity_and_per_commitment_and_party(run_cli, tmp_path):
    out = tmp_path / "export"
    args = ["--format", "csv", "--out", str(out), "--as-of", "2024-12-31"]
    result = run_cli("--no-cache", "export", *args, cwd=REPO)
    assert result.exit_code == 0, result.stderr
    activities = rows(out / "activities.csv")
    assert len(activities) == BUNDLED_ACTIVITIES
    assert tuple(activities[0]) == ACTIVITY_COLUMNS
    assert {a["pledge"] for a in activities} == {PLEDGE}
    titles = {a["title"] for a in activities}
    assert {
        "Gemensamt lägesbildsmöte inför 2023",
        "Trygghetsvandring på Kristinedalskolan",
    } <= titles
    coverage = rows(out / "coverage.csv")
    assert len(coverage) == 23
    assert coverage[0]["commitment"] == "polis-1" and coverage[0]["party"] == "polisen"
    text = (out / "activities.csv").read_text(encoding="utf-8")
    assert "Tjörn" in text and "\r\n" not in text


def test_csv_cells_join_lists_measures_and_links(run_cli, repo):
    result = run_cli("export", "--format", "csv", "--as-of", "2023-12-31", cwd=repo)
    assert result.exit_code == 0, result.stderr
    odd = next(a for a in rows(repo / "export" / "activities.csv") if a["id"].endswith("ovning"))
    assert odd["by"] == "kommun;polisen"
    assert odd["commitments"] == "kommun-1;polis-1"
    assert odd["measures"] == "kontroller=2;samtal=5"
    assert odd["links"] == "https://kommun.se/nyhet Kommunens nyhet;https://polisen.se/"
    assert odd["hours"] == "7.5" and odd["participants"] == "" and odd["end_date"] == ""
    assert odd["title"] == "=Övning på Åsen"
    assert odd["description"] == "Två rader;\nmed semikolon, och komma.\n"


def test_excel_csv_has_a_bom_semicolons_crlf_and_decimal_commas(run_cli, repo, tmp_path):
    out = tmp_path / "excel"
    result = run_cli("export", "--format", "csv", "--excel", "--out", str(out), cwd=repo)
    assert result.exit_code == 0, result.stderr
    raw = (out / "activities.csv").read_bytes()
    assert raw.startswith(BOM + b"pledge;id;date;end_date;status;by;")
    # CRLF ends the header and the 3 rows; the line break inside ODD's description is LF.
    assert raw.count(b"\r\n") == 4 and "Åsen".encode() in raw
    activities = rows(out / "activities.csv", excel=True)
    assert len(activities) == 3
    odd = next(a for a in activities if a["id"].endswith("ovning"))
    assert odd["hours"] == "7,5"
    assert odd["title"] == "'=Övning på Åsen"  # never run as a formula
    assert odd["description"] == "Två rader;\nmed semikolon, och komma.\n"
    coverage = (out / "coverage.csv").read_bytes()
    assert coverage.startswith(BOM + b"pledge;commitment;party;done;expected;met;")
    assert len(rows(out / "coverage.csv", excel=True)) == 4


def test_excel_cells_that_look_like_formulas_are_text():
    excel, plain = CsvDialect(excel=True), CsvDialect()
    for start in "=+-@":
        assert excel.text(f"{start}1+1") == f"'{start}1+1"
        assert plain.text(f"{start}1+1") == f"{start}1+1"
    assert excel.number(2.5) == "2,5" and plain.number(2.5) == "2.5"
    assert excel.number(None) == "" and excel.text(None) == ""


# --- wrong calls and private data ----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "--format 'xml'"),
        (["--excel"], "--excel is for --format csv"),
        (["--as-of", "2023-13-01"], "no such day"),
        (["--as-of", "31/12/2023"], "not a date"),
    ],
)
def test_wrong_calls_exit_2(run_cli, repo, args, message):
    result = run_cli("export", *args, cwd=repo)
    assert result.exit_code == 2
    assert message in result.stderr


def test_personal_data_is_not_exported_unless_forced(run_cli, repo):
    path = "data/pledges/p/activities/2023-05-02-ovning.yaml"
    write_tree(repo, {path: ODD.replace("hours: 7.5", "place: Ring anna.svensson@gmail.com")})
    refused = run_cli("export", cwd=repo)
    # place is line 9 of the file; the address starts at column 13, after "place: Ring "
    finding = f"{path}:9:13: error L302 e-mail address 'anna.svensson@gmail.com' in public text"
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        f"{finding} (place)",
        "lofte: not exported: 1 file(s) hold personal data (above); remove it, or export "
        "anyway with --force",
    ]
    assert refused.stdout == ""
    forced = run_cli("export", "--force", cwd=repo)
    assert forced.exit_code == 0
    # Forced, the file with personal data is exported (named), not left out.
    assert forced.stderr.splitlines() == [f"exporting despite personal data: {finding} (place)"]
    assert json.loads(forced.stdout)["pledges"][0]["id"] == "p"
