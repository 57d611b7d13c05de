"""`lofte init`: a new data repository with everything a municipality needs to start —
the data folder, the schemas for editors, a README for its keepers, the pull-request
workflow, a pre-commit configuration. Never overwrites a file that is there."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lofte_cli import __version__
from lofte_cli.paths import PLEDGES_DIR, schema_dir
from lofte_cli.write import create_exclusive

CACHE_DIR = ".lofte-cache"

README = """\
# Medborgarlöften

Här förs våra medborgarlöften och det som görs för att hålla dem, som YAML-filer i git,
med verktyget [lofte](https://pypi.org/project/lofte/).

- `data/pledges/<löfte>/pledge.yaml`: löftet — parterna, åtagandena, perioden.
- `data/pledges/<löfte>/activities/`: en fil per aktivitet.
- `data/pledges/<löfte>/followups/`: uppföljningarna.

## Så här gör du

    pip install lofte
    lofte new-pledge            # ett nytt löfte (frågar efter det som behövs)
    lofte add-activity          # logga en aktivitet
    lofte assess polis-1 --status ongoing --comment "…"
    lofte validate              # kontrollera allt innan du skickar in

Lägg till filen med `git add`, gör en commit och öppna en pull request. Kontrollen körs
automatiskt på varje pull request. Skriv aldrig personnummer, privata e-postadresser eller
telefonnummer i texterna: de publiceras.

## In English

This repository keeps our *medborgarlöften* (joint pledges of the police and the
municipality) and the activities that fulfil them, checked by lofte. Log an activity with
`lofte add-activity`, check with `lofte validate`, and open a pull request.
"""

WORKFLOW = """\
# Checks every pull request with lofte (https://pypi.org/project/lofte/).
name: lofte

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

env:
  # Where lofte is installed from: a version on PyPI, or a git address.
  LOFTE_PACKAGE: "lofte>={version}"

jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install lofte
        run: python -m pip install "$LOFTE_PACKAGE"
      - name: lofte validate
        run: lofte validate --format github
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com): `pre-commit install` once, then every commit is
# checked by lofte. lofte must be installed (pip install lofte).
repos:
  - repo: local
    hooks:
      - id: lofte-validate
        name: lofte validate
        entry: lofte validate
        language: system
        files: ^data/pledges/.*\\.ya?ml$
"""

GITIGNORE = f"""\
{CACHE_DIR}/
site/
.venv/
"""


@dataclass(frozen=True)
class InitResult:
    created: tuple[Path, ...]
    kept: tuple[Path, ...]
    git_initialised: bool


def init_repository(folder: Path) -> InitResult:
    """Create what is missing in `folder`; existing files are kept as they are."""
    files: dict[Path, str] = {
        PLEDGES_DIR / ".gitkeep": "",
        Path("README.md"): README,
        Path(".github/workflows/lofte.yml"): WORKFLOW.replace("{version}", __version__),
        Path(".pre-commit-config.yaml"): PRE_COMMIT,
        Path(".gitignore"): GITIGNORE,
    }
    for schema in sorted(schema_dir().glob("*.schema.json")):
        files[Path("schemas") / schema.name] = schema.read_text(encoding="utf-8")
    created, kept = [], []
    for relative, text in files.items():
        path = folder / relative
        (created if create_exclusive(path, text) else kept).append(path)
    return InitResult(tuple(created), tuple(kept), _git_init(folder))


def _git_init(folder: Path) -> bool:
    """Make the folder a git repository unless it is in one (or git is missing)."""
    git = shutil.which("git")
    if git is None:
        return False
    inside = subprocess.run(
        [git, "rev-parse", "--is-inside-work-tree"], cwd=folder, capture_output=True, check=False
    )
    if inside.returncode == 0:
        return False
    done = subprocess.run([git, "init", "-q"], cwd=folder, capture_output=True, check=False)
    return done.returncode == 0
