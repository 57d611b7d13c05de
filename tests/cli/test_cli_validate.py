"""`lofte validate` through the command line: formats, exit codes, paths, data roots."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import REPO, copy_base, write_tree

ACTIVITY = "data/pledges/p/activities/2023-03-14-foraldrakvall.yaml"
BROKEN = """\
id: 2023-03-14-foraldrakvall
date: 2023-03-14
by: [kommun, polisen]
commitments: [kommun-1, kommun-9]
title: Föräldrakväll
description: En kväll.
participants: forty
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_base(tmp_path / "repo")


@pytest.fixture
def broken(repo: Path) -> Path:
    (repo / ACTIVITY).write_text(BROKEN, encoding="utf-8")
    return repo


def test_bundled_data_is_valid(run_cli):
    result = run_cli("validate", cwd=REPO)
    assert result.exit_code == 0, result.stdout
    # data/pledges/sodra-fyrbodal-2023-2024: pledge.yaml, 28 activities, 1 follow-up.
    assert result.stdout == "30 files checked: 0 errors, 0 warnings\n"


L103 = (
    "unknown commitment 'kommun-9'; did you mean 'kommun-1'? "
    "(pledge p has polis-1, polis-2, kommun-1)"
)
L115 = "participants: 'forty' should be a whole number"
HINT_L103 = "Use one of the commitment ids listed in the pledge's pledge.yaml."
HINT_L115 = "Give the value the type and form the schema asks for."


def test_text_format_reports_every_problem_with_position(run_cli, broken):
    # BROKEN has two errors: kommun-9 on line 4 (col 25: after "commitments: [kommun-1, "),
    # and "forty" on line 7 (col 15: after "participants: "). The base has 4 files.
    result = run_cli("validate", cwd=broken)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{ACTIVITY}:4:25: error L103 {L103}",
        f"{ACTIVITY}:7:15: error L115 {L115}",
        "4 files checked: 2 errors, 0 warnings",
    ]
    assert result.stderr.splitlines() == [
        "How to fix:",
        f"  L103 {HINT_L103}",
        f"  L115 {HINT_L115}",
    ]


def test_schema_and_rule_problems_come_in_one_run(run_cli, broken):
    problems = json.loads(run_cli("validate", "--format", "json", cwd=broken).stdout)
    assert [p["code"] for p in problems] == ["L103", "L115"]


def test_json_format_is_a_list_of_objects(run_cli, broken):
    result = run_cli("validate", "--format", "json", cwd=broken)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "path": ACTIVITY,
            "line": 4,
            "column": 25,
            "severity": "error",
            "code": "L103",
            "message": L103,
            "hint": HINT_L103,
        },
        {
            "path": ACTIVITY,
            "line": 7,
            "column": 15,
            "severity": "error",
            "code": "L115",
            "message": L115,
            "hint": HINT_L115,
        },
    ]


def test_json_format_of_clean_data_is_an_empty_list(run_cli, repo):
    result = run_cli("validate", "--format", "json", cwd=repo)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_github_format_is_workflow_commands(run_cli, broken):
    result = run_cli("validate", "--format", "github", cwd=broken)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::error file={ACTIVITY},line=4,col=25,title=L103 unknown commitment::{L103} — "
        f"{HINT_L103}",
        f"::error file={ACTIVITY},line=7,col=15,title=L115 wrong value::{L115} — {HINT_L115}",
        "4 files checked: 2 errors, 0 warnings",
    ]


def test_warnings_pass_unless_strict(run_cli, repo):
    activity = repo / ACTIVITY
    activity.write_text(
        activity.read_text(encoding="utf-8").replace("by: [kommun]", "by: [kommun, polisen]"),
        encoding="utf-8",
    )
    relaxed = run_cli("validate", cwd=repo)
    assert relaxed.exit_code == 0, relaxed.stdout
    assert "warning L117" in relaxed.stdout
    strict = run_cli("validate", "--strict", cwd=repo)
    assert strict.exit_code == 1
    assert "error L117" in strict.stdout


def test_paths_limit_the_report_but_keep_references(run_cli, broken):
    other = "data/pledges/p/activities/2023-04-02-trafikkontroll.yaml"
    clean = run_cli("validate", other, cwd=broken)
    assert clean.exit_code == 0, clean.stdout
    assert "1 file checked" in clean.stdout
    dirty = run_cli("validate", ACTIVITY, cwd=broken)
    assert dirty.exit_code == 1
    folder = run_cli("validate", "data/pledges/p/activities", cwd=broken)
    assert folder.exit_code == 1 and "2 files checked" in folder.stdout


def test_paths_find_the_data_root_from_outside(run_cli, broken, tmp_path):
    result = run_cli("validate", str(broken / ACTIVITY), cwd=tmp_path)
    assert result.exit_code == 1
    assert "L103" in result.stdout


def test_missing_path_is_a_usage_error(run_cli, repo):
    result = run_cli("validate", "data/pledges/p/nope.yaml", cwd=repo)
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_a_file_that_is_not_data_is_a_usage_error(run_cli, repo):
    write_tree(repo, {"notes.yaml": "a: 1\n"})
    result = run_cli("validate", "notes.yaml", cwd=repo)
    assert result.exit_code == 2
    assert "not a lofte data file" in result.stderr


def test_data_root_is_found_from_a_subfolder(run_cli, broken):
    result = run_cli("validate", cwd=broken / "data" / "pledges" / "p" / "activities")
    assert result.exit_code == 1
    assert "L103" in result.stdout


def test_data_option_and_environment(run_cli, broken, tmp_path, monkeypatch):
    assert run_cli("--data", str(broken), "validate", cwd=tmp_path).exit_code == 1
    monkeypatch.setenv("LOFTE_DATA", str(broken))
    assert run_cli("validate", cwd=tmp_path).exit_code == 1


def test_outside_any_data_repository(run_cli, tmp_path):
    result = run_cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "not inside a lofte data repository" in result.stderr


def test_data_option_pointing_nowhere(run_cli, tmp_path):
    result = run_cli("--data", str(tmp_path), "validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert "not a lofte data repository" in result.stderr


def test_unknown_format_is_a_usage_error(run_cli, repo):
    result = run_cli("validate", "--format", "xml", cwd=repo)
    assert result.exit_code == 2
    assert "--format" in result.stderr


def test_list_rules(run_cli, tmp_path):
    text = run_cli("validate", "--list-rules", cwd=tmp_path)
    assert text.exit_code == 0
    for code in ("L100", "L103", "L201", "L301"):
        assert code in text.stdout
    rules = json.loads(run_cli("validate", "--list-rules", "--format", "json").stdout)
    assert all({"code", "severity", "title", "hint"} <= set(r) for r in rules)
    assert len({r["code"] for r in rules}) == len(rules)


def test_misplaced_files_are_reported(run_cli, repo):
    write_tree(
        repo,
        {
            "data/pledges/p/activities/x.yml": "id: x\n",
            "data/pledges/p/README.md": "# notes\n",
            "data/pledges/p/activities/.2023-01-01-x.yaml.tmp": "half",
            "data/pledges/loose.yaml": "id: loose\n",
            "data/pledges/empty/.gitkeep": "",
        },
    )
    result = run_cli("validate", "--format", "json", cwd=repo)
    assert result.exit_code == 1
    problems = {(p["path"], p["code"]) for p in json.loads(result.stdout)}
    assert problems == {
        ("data/pledges/p/activities/x.yml", "L120"),
        ("data/pledges/loose.yaml", "L120"),
        ("data/pledges/empty", "L120"),
    }


def test_done_in_the_future_depends_on_today(run_cli, repo):
    early = run_cli("validate", cwd=repo, today="2023-03-01")
    assert early.exit_code == 1 and "L203" in early.stdout
    assert run_cli("validate", cwd=repo, today="2023-12-31").exit_code == 0


def test_version_and_help(run_cli):
    version = run_cli("--version")
    assert version.exit_code == 0 and re.fullmatch(r"lofte \d+\.\d+\.\d+\n", version.stdout)
    top = run_cli("--help")
    assert top.exit_code == 0 and "Example" in top.stdout and "validate" in top.stdout


@pytest.mark.parametrize(
    "command", ["validate", "coverage", "add-activity", "assess", "new-pledge", "init"]
)
def test_every_command_help_has_an_example(run_cli, command):
    result = run_cli(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout and f"lofte {command}" in result.stdout


def test_internal_errors_are_one_line_and_exit_3(run_cli, repo, monkeypatch):
    import lofte_cli.data.validate

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(lofte_cli.data.validate, "validate", boom)
    result = run_cli("validate", cwd=repo)
    assert result.exit_code == 3
    assert "bug in lofte" in result.stderr and "Traceback" not in result.stderr


def test_unknown_commitment_does_not_also_warn_about_responsibility(run_cli, repo):
    activity = repo / ACTIVITY
    activity.write_text(
        activity.read_text(encoding="utf-8").replace("kommun-1", "kommun-9"), encoding="utf-8"
    )
    problems = json.loads(run_cli("validate", "--format", "json", cwd=repo).stdout)
    assert [p["code"] for p in problems] == ["L103"]


def test_text_output_gives_each_rules_advice_once(run_cli, tmp_path):
    repo = copy_base(tmp_path / "repo")
    bad = "id: {0}\ndate: 2023-05-0{1}\nby: [kommun]\ncommitments: [kommun-9]\ntitle: T{1}\n"
    bad += "description: D.\n"
    write_tree(
        repo,
        {
            f"data/pledges/p/activities/2023-05-0{n}-x.yaml": bad.format(f"2023-05-0{n}-x", n)
            for n in (1, 2)
        },
    )
    result = run_cli("validate", cwd=repo)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert sum(": error L103 " in line for line in lines) == 2
    assert len(lines) == 3  # one line per problem, then the summary
    advice = result.stderr.splitlines()
    assert advice == ["How to fix:", f"  L103 {HINT_L103}"]
