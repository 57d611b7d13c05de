"""`lofte init` and `lofte new-pledge`: a municipality starts its own repository."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pexpect
import pytest

from lofte_cli.data.document import Document
from lofte_cli.data.validate import validate
from lofte_cli.data.yaml_io import read_document

BIN = Path(sys.executable).parent
PLEDGE_FLAGS = [
    "new-pledge",
    "--title",
    "Medborgarlöfte Orust 2025",
    "--start",
    "2025-01-01",
    "--end",
    "2025-12-31",
    "--area",
    "Orust",
    "--party",
    "polisen:police:Lokalpolisområde Södra Fyrbodal",
    "--party",
    "orust:municipality:Orust kommun",
    "--party",
    "bostader:other:Orustbostäder",
    "--group",
    "kommunen=orust,bostader",
    "--commitment",
    "polis-1:polisen:Genomföra trafikkontroller av EPA-traktorer i hela "
    "kommunen under hela året tillsammans med kommunen och föreningslivet.",
    "--commitment",
    "kommun-1:kommunen,polisen:Genomföra föräldrakvällar.",
]


def test_init_then_new_pledge_then_add_activity_then_validate(run_cli, tmp_path):
    target = tmp_path / "x"
    created = run_cli("init", str(target), cwd=tmp_path)
    assert created.exit_code == 0, created.stderr
    for name in (
        "data/pledges/.gitkeep",
        "README.md",
        ".github/workflows/lofte.yml",
        ".pre-commit-config.yaml",
        ".gitignore",
        "schemas/activity.schema.json",
    ):
        assert (target / name).is_file(), name
    assert (target / ".git").is_dir()
    ignored = (target / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {".lofte-cache/", "site/", "export/"} <= set(ignored)
    pledge = run_cli(*PLEDGE_FLAGS, cwd=target)
    assert pledge.exit_code == 0, pledge.stderr
    path = target / "data/pledges/medborgarlofte-orust-2025/pledge.yaml"
    doc = read_document(path)
    assert isinstance(doc, Document)
    assert doc.data["parties"]["bostader"] == {"name": "Orustbostäder", "kind": "other"}
    assert doc.data["commitments"][1]["by"] == ["kommunen", "polisen"]
    assert doc.data["commitments"][0]["text"].startswith("Genomföra trafikkontroller av EPA")
    assert all(not line.endswith(" ") for line in path.read_text("utf-8").splitlines())
    activity = run_cli(
        "add-activity",
        "--by",
        "bostader",
        "--commitment",
        "kommun-1",
        "--title",
        "Föräldrakväll",
        "--description",
        "En kväll.",
        "--date",
        "2025-03-01",
        cwd=target,
    )
    assert activity.exit_code == 0, activity.stderr
    checked = run_cli("validate", "--strict", cwd=target)
    assert checked.exit_code == 0, checked.stdout
    assert "2 files checked: 0 errors, 0 warnings" in checked.stdout


def test_init_keeps_existing_files(run_cli, tmp_path):
    (tmp_path / "README.md").write_text("vår egen\n", encoding="utf-8")
    result = run_cli("init", str(tmp_path), cwd=tmp_path)
    assert result.exit_code == 0
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "vår egen\n"
    assert "kept" in result.stdout and "README.md" in result.stdout
    again = run_cli("init", str(tmp_path), cwd=tmp_path)
    assert again.exit_code == 0
    # The second run keeps all eleven files the first one found or made, and creates none.
    files = [
        line.split()[1]
        for line in again.stdout.splitlines()
        if line.startswith(("kept", "created"))
    ]
    assert sorted(files) == [
        ".github/workflows/lofte-aktivitet.yml",
        ".github/workflows/lofte.yml",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".vscode/extensions.json",
        ".vscode/settings.json",
        "README.md",
        "data/pledges/.gitkeep",
        "schemas/activity.schema.json",
        "schemas/followup.schema.json",
        "schemas/pledge.schema.json",
    ]
    assert all(line.startswith("kept") for line in again.stdout.splitlines()[:11])


def test_init_writes_the_issue_workflow_that_lofte_forms_keeps(run_cli, tmp_path):
    assert run_cli("init", str(tmp_path), cwd=tmp_path).exit_code == 0
    text = (tmp_path / ".github/workflows/lofte-aktivitet.yml").read_text(encoding="utf-8")
    assert text.startswith("# Skapad av lofte forms (lofte forms writes it again)\n")
    result = subprocess.run(
        [
            str(BIN / "zizmor"),
            "--offline",
            "--color=never",
            ".github/workflows/lofte-aktivitet.yml",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "No findings to report. Good job!\n"


def test_init_workflow_passes_actionlint(run_cli, tmp_path):
    assert run_cli("init", str(tmp_path), cwd=tmp_path).exit_code == 0
    result = subprocess.run(
        [
            str(BIN / "actionlint"),
            ".github/workflows/lofte.yml",
            ".github/workflows/lofte-aktivitet.yml",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def started(run_cli, tmp_path) -> Path:
    assert run_cli("init", str(tmp_path), cwd=tmp_path).exit_code == 0
    return tmp_path


@pytest.mark.parametrize(
    ("change", "expected", "code"),
    [
        (["--commitment", "kommun-2:grannby:Text."], "L104", 1),
        (["--party", "polisen:polisiär:Polisen"], "kind", 2),
        (["--party", "Polisen:police:Polisen"], "lowercase", 2),
        (["--commitment", "utan-text"], "ID:BY:TEXT", 2),
        (["--end", "2024-01-01"], "L204", 1),
        (["--start", "1 januari"], "not a date", 2),
        (["--id", "Orust 2025"], "lowercase", 2),
    ],
)
def test_bad_pledges_are_not_written(run_cli, started, change, expected, code):
    result = run_cli(*PLEDGE_FLAGS, *change, cwd=started)
    assert result.exit_code == code, result.stdout + result.stderr
    assert expected in result.stderr
    assert list((started / "data/pledges").iterdir()) == [started / "data/pledges/.gitkeep"]


def test_missing_pledge_flags_without_a_terminal(run_cli, started):
    result = run_cli("new-pledge", "--title", "X", cwd=started)
    assert result.exit_code == 2
    assert "--start" in result.stderr and "--party" in result.stderr


def test_a_pledge_id_is_never_overwritten(run_cli, started):
    assert run_cli(*PLEDGE_FLAGS, cwd=started).exit_code == 0
    again = run_cli(*PLEDGE_FLAGS, cwd=started)
    assert again.exit_code == 1 and "exists already" in again.stderr


def test_new_pledge_interactively(started):
    child = pexpect.spawn(
        str(BIN / "lofte"),
        ["new-pledge"],
        cwd=str(started),
        encoding="utf-8",
        timeout=20,
        env={
            "PATH": "/usr/bin:/bin",
            "LOFTE_TODAY": "2026-11-26",
            "TERM": "dumb",
            # The lofte_cli under test where PYTHONPATH names one (a worktree's src/).
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        },
    )
    answers = [
        ("Title", "Medborgarlöfte Tjörn 2026"),
        ("Id", ""),
        ("First day", "2026-01-01"),
        ("Last day", "2026-12-31"),
        ("Area", "Tjörn"),
        ("Goal", ""),
        # Issue 15: each party's name, kind and id are asked apart, no ID:KIND:NAME.
        ("Party 1, its name", "Polisen Tjörn"),
        (r"Kind: police, municipality or other \(police\)", ""),
        (r"Id for the files \(a-z, 0-9 and hyphens\) \(polisen\)", ""),
        ("Party 2, its name", "Tjörns kommun"),
        (r"\(municipality\)", "kommunal"),
        ("not a kind of party", None),
        ("Kind", "kommun"),  # Swedish kinds are taken too
        (r"\(tjorn\)", ""),
        ("Party 3, its name", ""),
        ("Group", ""),
        ("Commitment 1, its text", "Synas i Skärhamn."),
        ("Promised by", "1"),
        (r"\(polis-1\)", ""),
        ("How often", ""),
        ("Commitment 2, its text", ""),
        ("Signatory", ""),
        ("Source", ""),
        ("Contact", ""),
        ("kind: municipality", None),  # the file is shown before it is written
        ("Write this file", "y"),
    ]
    for prompt, answer in answers:
        child.expect(prompt)
        if answer is not None:
            child.sendline(answer)
    child.expect("Wrote")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    result = validate(started, today=date(2026, 11, 26))
    assert result.errors == 0 and result.files_checked == 1
    doc = read_document(started / "data/pledges/medborgarlofte-tjorn-2026/pledge.yaml")
    assert isinstance(doc, Document) and doc.data["area"] == "Tjörn"


def test_new_pledge_in_a_terminal_with_yes_does_not_ask(started):
    child = pexpect.spawn(
        str(BIN / "lofte"),
        [*PLEDGE_FLAGS, "--id", "orust-2025", "--goal", "Tryggare Orust.", "--yes"],
        cwd=str(started),
        encoding="utf-8",
        timeout=20,
        env={
            "PATH": "/usr/bin:/bin",
            "LOFTE_TODAY": "2026-11-26",
            "TERM": "dumb",
            # The lofte_cli under test where PYTHONPATH names one (a worktree's src/).
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        },
    )
    index = child.expect(["Write this file", "Wrote"])
    child.expect(pexpect.EOF)
    child.close()
    assert index == 1 and child.exitstatus == 0
