"""Shared fixtures: running the CLI, and building data repositories in tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lofte_cli.cli.main import app

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus"
BUNDLED = REPO


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


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


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Build a folder from a {relative path: content} map."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def copy_base(dest: Path, overlay: Path | None = None) -> Path:
    """The corpus base data root copied to `dest`, with `overlay`'s files laid over it."""
    shutil.copytree(CORPUS / "base", dest)
    if overlay is not None:
        shutil.copytree(overlay, dest, dirs_exist_ok=True)
    return dest


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
