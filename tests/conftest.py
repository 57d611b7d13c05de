"""Shared fixtures: running the CLI, and the bundled site rendered once. The helpers that
tests import (paths, `write_tree`, `copy_base`, `Run`) are in tests/helpers.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lofte_cli.cli.main import app
from tests.helpers import REPO, Run


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read lofte in English unless they ask for Swedish (LOFTE_LANG=sv), whatever the
    locale of the machine running them; subprocesses inherit it."""
    monkeypatch.setenv("LOFTE_LANG", "en")


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run `lofte ARGS` in-process from `cwd`, with a fixed today (2026-11-26)."""
    monkeypatch.delenv("LOFTE_DATA", raising=False)
    monkeypatch.delenv("LOFTE_DEBUG", raising=False)

    def run(*args: str, cwd: Path | None = None, today: str = "2026-11-26") -> Run:
        monkeypatch.setenv("LOFTE_TODAY", today)
        if cwd is not None:
            monkeypatch.chdir(cwd)
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data rendered once per test run (HTML and Markdown), as
    `lofte render --format all` writes it; tests only read it."""
    import os
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("bundled-site")
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "lofte"),
            "render",
            "--out",
            str(out),
            "--format",
            "all",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "LOFTE_TODAY": "2026-11-26"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out
