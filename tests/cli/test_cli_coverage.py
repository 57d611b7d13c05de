"""`lofte coverage` through the command line, on the bundled data and small repositories."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.helpers import REPO, copy_base

PLEDGE = "sodra-fyrbodal-2023-2024"


def test_table_names_the_gaps_of_the_bundled_pledge(run_cli):
    result = run_cli("coverage", "--as-of", "2024-12-31", cwd=REPO)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "polis-4 is untouched" in out
    assert "tjorn has done nothing on kommun-5" in out
    assert "Coverage 82.6 %: 19 of 23 pairs met" in out
    for word in ("met", "partial", "untouched"):  # statuses in words, not colour alone
        assert f" {word} " in out


@pytest.mark.parametrize(("threshold", "code"), [("82.6", 0), ("50", 0), ("82.7", 1), ("100", 1)])
def test_fail_under(run_cli, threshold, code):
    result = run_cli("coverage", "--as-of", "2024-12-31", "--fail-under", threshold, cwd=REPO)
    assert result.exit_code == code
    if code:
        assert "below" in result.stderr


def test_json_has_the_spec_shape(run_cli):
    result = run_cli("coverage", PLEDGE, "--as-of", "2024-12-31", "--format", "json", cwd=REPO)
    data = json.loads(result.stdout)
    assert data["as_of"] == "2024-12-31"
    (pledge,) = data["pledges"]
    assert {"id", "coverage_percent", "pairs_met", "pairs_total", "commitments"} <= set(pledge)
    assert (pledge["coverage_percent"], pledge["pairs_met"], pledge["pairs_total"]) == (
        82.6,
        19,
        23,
    )
    commitment = pledge["commitments"][0]
    assert {"id", "status", "assessment", "parties"} <= set(commitment)
    party = commitment["parties"][0]
    assert {"party", "done", "expected", "met", "last_activity"} <= set(party)


def test_csv_has_a_row_per_commitment_and_party(run_cli):
    result = run_cli("coverage", "--as-of", "2024-12-31", "--format", "csv", cwd=REPO)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 23
    (tjorn,) = [r for r in rows if (r["commitment"], r["party"]) == ("kommun-5", "tjorn")]
    assert (tjorn["pledge"], tjorn["done"], tjorn["met"]) == (PLEDGE, "0", "false")


def test_markdown_is_a_table_per_pledge(run_cli):
    result = run_cli("coverage", "--as-of", "2024-12-31", "--format", "markdown", cwd=REPO)
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("| Commitment | polisen | stenungsund | orust | tjorn |") for line in lines
    )
    assert sum(line.startswith("| kommun-") for line in lines) == 6


def test_per_quarter_adds_counts_per_slice(run_cli):
    result = run_cli("coverage", "--as-of", "2023-06-30", "--per", "quarter", cwd=REPO)
    assert result.exit_code == 0
    assert "2023-Q1" in result.stdout and "2023-Q2" in result.stdout
    assert "2023-Q3" not in result.stdout


def test_before_the_start_nothing_is_expected(run_cli):
    result = run_cli(
        "coverage", "--as-of", "2022-06-30", "--format", "json", "--fail-under", "100", cwd=REPO
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["pledges"][0]["coverage_percent"] is None


@pytest.mark.parametrize(
    "args",
    [
        ["--per", "fortnight"],
        ["--format", "xml"],
        ["--quiet-after", "soon"],
        ["--quiet-after", "0d"],
        ["--as-of", "2024-02-30"],
        ["no-such-pledge"],
        ["--fail-under", "120"],
    ],
)
def test_usage_errors_exit_2(run_cli, args):
    result = run_cli("coverage", *args, cwd=REPO)
    assert result.exit_code == 2, result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_quiet_after_changes_what_went_quiet(run_cli):
    short = run_cli("coverage", "--as-of", "2024-12-31", "--quiet-after", "2m", cwd=REPO)
    long = run_cli("coverage", "--as-of", "2024-12-31", "--quiet-after", "2y", cwd=REPO)
    assert short.stdout.count("gone quiet") > long.stdout.count("gone quiet")


def test_files_with_errors_are_mentioned(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    (root / "data/pledges/p/activities/2023-04-02-trafikkontroll.yaml").write_text("a: [\n")
    result = run_cli("coverage", "--as-of", "2024-12-31", cwd=root)
    assert result.exit_code == 0
    assert "run lofte validate" in result.stderr
