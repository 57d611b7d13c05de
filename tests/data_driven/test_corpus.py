"""Data-driven: every broken file in tests/corpus/invalid gets its code at its line, exit 1,
no traceback and nothing executed; every case in tests/corpus/valid passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import CORPUS, copy_base

INVALID = sorted(p for p in (CORPUS / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (CORPUS / "valid").iterdir() if p.is_dir())
PWNED = Path("/tmp/lofte-pwned")


def test_base_is_clean(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 0, result.stdout
    assert "0 errors, 0 warnings" in result.stdout


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case(run_cli, tmp_path, case):
    expect = json.loads((case / "expect.json").read_text(encoding="utf-8"))
    root = copy_base(tmp_path / "repo", case / "files")
    PWNED.unlink(missing_ok=True)
    result = run_cli("validate", "--format", "json", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not PWNED.exists()
    problems = json.loads(result.stdout)
    matching = [
        p
        for p in problems
        if p["code"] == expect["code"]
        and Path(p["path"]) == Path(expect["path"])
        and (expect["line"] is None or p["line"] == expect["line"])
        and (expect.get("col") is None or p["column"] == expect["col"])
    ]
    assert matching, f"expected {expect}, got {json.dumps(problems, indent=1)}"


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case_text_line(run_cli, tmp_path, case):
    """The text format names the file, line and column in `path:line:col:` form."""
    expect = json.loads((case / "expect.json").read_text(encoding="utf-8"))
    root = copy_base(tmp_path / "repo", case / "files")
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 1
    prefix = f"{Path(expect['path'])}:{expect['line'] or ''}"
    assert any(
        line.startswith(prefix) and f" {expect['code']} " in line
        for line in result.stdout.splitlines()
    ), result.stdout


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_case(run_cli, case):
    result = run_cli("validate", cwd=case)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert " 0 errors" in result.stdout
