"""Data-driven: every broken file in tests/corpus/invalid gets its code at its line, exit 1,
no traceback and nothing executed; every case in tests/corpus/valid passes without a warning."""

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
    assert (
        result.stdout == "4 files checked: 0 errors, 0 warnings\n"
    )  # pledge, 2 activities, 1 follow-up


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
    found = sorted((p["code"], p["path"], p["line"], p["column"]) for p in problems)
    wanted = sorted(
        (e["code"], e["path"], e["line"], e["col"]) for e in [expect, *expect.get("also", [])]
    )
    assert found == wanted, json.dumps(problems, indent=1)


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case_text_line(run_cli, tmp_path, case):
    """The text format names the file, line and column in `path:line:col:` form."""
    expect = json.loads((case / "expect.json").read_text(encoding="utf-8"))
    root = copy_base(tmp_path / "repo", case / "files")
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 1
    prefix = f"{expect['path']}:{expect['line']}:{expect['col']}: error {expect['code']} "
    assert [line for line in result.stdout.splitlines() if line.startswith(prefix)] != [], (
        result.stdout
    )


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_case(run_cli, case):
    result = run_cli("validate", cwd=case)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert " 0 errors, 0 warnings" in result.stdout, result.stdout
