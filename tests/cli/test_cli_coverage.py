"""`lofte coverage` through the command line, on the bundled data and small repositories."""

from __future__ import annotations

import csv
import io
import json
import re

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
    assert result.exit_code == 0, result.stderr
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
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 23
    (tjorn,) = [r for r in rows if (r["commitment"], r["party"]) == ("kommun-5", "tjorn")]
    assert (tjorn["pledge"], tjorn["done"], tjorn["met"]) == (PLEDGE, "0", "false")


def test_markdown_is_a_table_per_pledge(run_cli):
    result = run_cli("coverage", "--as-of", "2024-12-31", "--format", "markdown", cwd=REPO)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("| Commitment | polisen | stenungsund | orust | tjorn |") for line in lines
    )
    assert sum(line.startswith("| kommun-") for line in lines) == 6


def test_per_quarter_adds_counts_per_slice(run_cli):
    result = run_cli("coverage", "--as-of", "2023-06-30", "--per", "quarter", cwd=REPO)
    assert result.exit_code == 0
    # Only the quarters up to --as-of: Q1 and Q2 of 2023, no Q3 column.
    assert "┃ Commitment ┃ 2023-Q1 ┃ 2023-Q2 ┃" in result.stdout.splitlines()
    rows = {
        m[1]: (int(m[2]), int(m[3]))
        for m in re.finditer(r"^│ (\S+) +│ +(\d+) │ +(\d+) │$", result.stdout, re.M)
    }
    # Worked out from the bundled activities (all done) dated 2023-01-01 – 2023-06-30:
    # Q1: 01-24 (polis-5, polis-1, kommun-4), 02-08 (kommun-3, polis-3),
    #     03-14 (kommun-3, polis-1), 03-28 (kommun-4, polis-5);
    # Q2: 04-20 (kommun-2, polis-2 with trafikkontroller 1), 05-08 (polis-2 with 6, polis-3),
    #     05-23 (kommun-4, kommun-6), 06-09 (kommun-5, polis-1).
    # polis-2 counts its measure (expect.of: trafikkontroller): 1 + 6 = 7 in Q2.
    assert rows == {
        "polis-1": (2, 1),
        "polis-2": (0, 7),
        "polis-3": (1, 1),
        "polis-4": (0, 0),
        "polis-5": (2, 0),
        "kommun-1": (0, 0),
        "kommun-2": (0, 1),
        "kommun-3": (2, 0),
        "kommun-4": (2, 1),
        "kommun-5": (0, 1),
        "kommun-6": (0, 1),
    }


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
    assert short.exit_code == long.exit_code == 0
    # The last done activity of each commitment in the bundled data (the cancelled
    # 2024-06-11 and the planned 2024-12-10 do not count; polis-4 has none: untouched, not
    # quiet), and the days from it to 2024-12-31. All are more than 2 months back.
    assert [line.strip() for line in short.stdout.splitlines() if "gone quiet" in line] == [
        "polis-1 has gone quiet: no activity since 2024-01-23 (343 days)",
        "polis-2 has gone quiet: no activity since 2024-09-06 (116 days)",
        "polis-3 has gone quiet: no activity since 2024-10-08 (84 days)",
        "polis-5 has gone quiet: no activity since 2024-01-23 (343 days)",
        "kommun-1 has gone quiet: no activity since 2024-02-13 (322 days)",
        "kommun-2 has gone quiet: no activity since 2024-09-06 (116 days)",
        "kommun-3 has gone quiet: no activity since 2024-10-08 (84 days)",
        "kommun-4 has gone quiet: no activity since 2024-10-08 (84 days)",
        "kommun-5 has gone quiet: no activity since 2023-11-07 (420 days)",
        "kommun-6 has gone quiet: no activity since 2024-02-13 (322 days)",
    ]
    # Two years back is before the pledge began: nothing went quiet, the gaps are listed.
    assert "gone quiet" not in long.stdout
    assert "  polis-4 is untouched: no responsible party has done anything on it" in long.stdout


def test_files_with_errors_are_mentioned(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    (root / "data/pledges/p/activities/2023-04-02-trafikkontroll.yaml").write_text("a: [\n")
    result = run_cli("coverage", "--as-of", "2024-12-31", cwd=root)
    assert result.exit_code == 0  # a file that does not parse (L100) is no personal data
    assert result.stderr == (
        "lofte: 1 file has errors and is left out or only partly counted; run lofte validate\n"
    )
    # Left out: the trafikkontroll. Pairs: polis-1 and polis-2 (polisen), kommun-1 (kommun,
    # kommun2) = 4; only kommun's föräldrakväll on kommun-1 is met.
    assert "Coverage 25.0 %: 1 of 4 pairs met" in result.stdout
