"""`lofte assess`: creating a follow-up, and changing one in place without touching the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from lofte_cli.data.document import Document
from lofte_cli.data.yaml_io import read_document
from tests.helpers import copy_base

FOLLOWUP = Path("data/pledges/p/followups/2023-12-15.yaml")
COMMENTED = """\
# Uppföljning 2023 — styrgruppen 15 december
date: 2023-12-15   # samma som filnamnet
period: "2023"

# Bedömningar per åtagande

assessments:
  polis-1: {status: ongoing, comment: Två kontroller i våras.}   # polisens bedömning
  # kommun-1 togs upp sist
  kommun-1:
    status: not-started     # inget gjort än
    comment: 'Planeras till våren.'


indicators:
  trygghet: {value: 71, source: Trygghetsmätning 2023}  # ny mätning
# slut
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_base(tmp_path / "repo")
    (root / FOLLOWUP).write_text(COMMENTED, encoding="utf-8")
    return root


def changed_lines(before: str, after: str) -> list[tuple[int, str, str]]:
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new), after
    return [(i + 1, a, b) for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]


def test_update_changes_only_the_status_line(run_cli, repo):
    result = run_cli("assess", "kommun-1", "--status", "ongoing", "--date", "2023-12-15", cwd=repo)
    assert result.exit_code == 0, result.stderr
    after = (repo / FOLLOWUP).read_text(encoding="utf-8")
    assert changed_lines(COMMENTED, after) == [
        (
            11,
            "    status: not-started     # inget gjort än",
            "    status: ongoing         # inget gjort än",
        )
    ]
    assert "Updated" in result.stdout


def test_update_of_a_flow_entry_with_a_comment(run_cli, repo):
    result = run_cli(
        "assess",
        "polis-1",
        "--status",
        "done",
        "--comment",
        "Klart: alla kontroller.",
        "--date",
        "2023-12-15",
        cwd=repo,
    )
    assert result.exit_code == 0, result.stderr
    after = (repo / FOLLOWUP).read_text(encoding="utf-8")
    (change,) = changed_lines(COMMENTED, after)
    assert change[0] == 8
    assert "status: done" in change[2] and "Klart: alla kontroller." in change[2]
    assert change[2].endswith("# polisens bedömning")


def test_new_assessment_and_indicator_keep_every_other_line(run_cli, repo):
    result = run_cli(
        "assess",
        "polis-2",
        "--status",
        "not-started",
        "--date",
        "2023-12-15",
        "--indicator",
        "trygghet=72,5",
        cwd=repo,
    )
    assert result.exit_code == 0, result.stderr
    after = (repo / FOLLOWUP).read_text(encoding="utf-8").splitlines()
    before = COMMENTED.splitlines()
    # the new entry goes right after kommun-1, before the blank lines that end the section
    assert after[:12] == before[:12]
    assert after[12] == "  polis-2: {status: not-started}"
    assert after[13:15] == ["", ""] and after[15] == "indicators:"
    assert after[16] == "  trygghet: {value: 72.5, source: Trygghetsmätning 2023} # ny mätning"
    assert after[17:] == before[16:]
    doc = read_document(repo / FOLLOWUP)
    assert isinstance(doc, Document)
    assert doc.data["assessments"]["polis-2"] == {"status": "not-started"}
    assert doc.data["indicators"]["trygghet"]["value"] == 72.5


def test_creates_a_new_followup(run_cli, repo):
    result = run_cli(
        "assess",
        "kommun-1",
        "--status",
        "ongoing",
        "--comment",
        "Pågår.",
        "--date",
        "2024-06-01",
        cwd=repo,
    )
    assert result.exit_code == 0, result.stderr
    path = repo / "data/pledges/p/followups/2024-06-01.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../../schemas/followup")
    doc = read_document(path)
    assert isinstance(doc, Document)
    assert doc.data == {
        "date": "2024-06-01",
        "assessments": {"kommun-1": {"status": "ongoing", "comment": "Pågår."}},
    }
    assert run_cli("validate", "--strict", cwd=repo).exit_code == 0


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["kommun-9", "--status", "ongoing"], 2),
        (["kommun-1", "--status", "kanske"], 2),
        (["kommun-1"], 2),
        (["--indicator", "okand=3", "--pledge", "p"], 1),
        (["--indicator", "trygghet=hög", "--pledge", "p"], 2),
        (["kommun-1", "--status", "ongoing", "--comment", "Ring 070-123 45 67"], 1),
        ([], 2),
    ],
)
def test_bad_assessments_change_nothing(run_cli, repo, args, code):
    result = run_cli("assess", *args, "--date", "2023-12-15", cwd=repo)
    assert result.exit_code == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert (repo / FOLLOWUP).read_text(encoding="utf-8") == COMMENTED
    assert sorted(p.name for p in (repo / FOLLOWUP).parent.iterdir()) == ["2023-12-15.yaml"]


def test_two_runs_creating_the_same_followup_keep_both(repo):
    """The second of two simultaneous first entries of a day must not overwrite the first."""
    import os
    import subprocess
    import sys

    lofte = str(Path(sys.executable).parent / "lofte")
    env = {**os.environ, "LOFTE_TODAY": "2026-11-26"}
    runs = [
        subprocess.Popen(
            [lofte, "assess", cid, "--status", "ongoing", "--date", "2024-06-01"],
            cwd=repo,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for cid in ("kommun-1", "polis-1", "polis-2")
    ]
    outputs = [r.communicate() for r in runs]
    assert [r.returncode for r in runs] == [0, 0, 0], outputs
    doc = read_document(repo / "data/pledges/p/followups/2024-06-01.yaml")
    assert isinstance(doc, Document)
    assert set(doc.data["assessments"]) == {"kommun-1", "polis-1", "polis-2"}


@pytest.mark.parametrize(
    ("commitment", "status"),
    [("Kommun 1", "pågår"), ("KOMMUN-1", "ongoing"), ("kommun_1", "Pågår")],
)
def test_a_commitment_and_status_as_people_type_them(run_cli, repo, commitment, status):
    result = run_cli("assess", commitment, "--status", status, "--date", "2023-12-20", cwd=repo)
    assert result.exit_code == 0, result.stderr
    text = (repo / "data/pledges/p/followups/2023-12-20.yaml").read_text(encoding="utf-8")
    assert "kommun-1: {status: ongoing}" in text
