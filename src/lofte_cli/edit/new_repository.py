"""`lofte init`: a new data repository with everything a municipality needs to start —
the data folder, the schemas and the VS Code settings that point editors at them, a README
for its keepers, the pull-request workflow, a pre-commit configuration. Never overwrites a
file that is there."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lofte_cli import __version__
from lofte_cli.edit.issue_forms import MARK
from lofte_cli.edit.workflow import WORKFLOW_PATH, issue_workflow
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
# Checks every pull request with lofte (https://pypi.org/project/lofte/): every file, the
# coverage of each pledge, and the public pages, uploaded for GitHub Pages.
name: lofte

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          # The whole history: each page says when the files behind it last changed.
          fetch-depth: 0
          persist-credentials: false
      # lofte's own action: installs lofte, runs lofte validate --format github (notes on
      # the lines of the pull request), lofte coverage and lofte render. "lofte-project"
      # stands for the GitHub owner that publishes lofte: write the real one, or a fork you
      # trust. @v1 follows the action's version 1; a full commit hash pins one version.
      - uses: lofte-project/lofte@v1
        with:
          render: true
          # fail-under: 80        # fail when a pledge's coverage is below 80 %
          # python-version: "3.12"
          # lofte-version: "{version}"

      # Without the action, the same check with pip (instead of the step above):
      # - uses: actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0
      #   with:
      #     python-version: "3.11"
      # - run: python -m pip install "lofte>={version}"
      # - run: lofte validate --format github

  # To publish the pages from main on GitHub Pages (Settings → Pages → Source: GitHub
  # Actions), remove the # in front of these lines:
  # deploy:
  #   if: github.ref == 'refs/heads/main'
  #   needs: validate
  #   runs-on: ubuntu-latest
  #   permissions:
  #     pages: write
  #     id-token: write
  #   environment:
  #     name: github-pages
  #     url: ${{ steps.deployment.outputs.page_url }}
  #   steps:
  #     - id: deployment
  #       uses: actions/deploy-pages@v4
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com) checks every commit with lofte: run
# `pip install pre-commit && pre-commit install` once. pre-commit installs lofte itself.
# "lofte-project" stands for the GitHub owner that publishes lofte: write the real one, or
# a fork you trust; `pre-commit autoupdate` moves rev to the newest release.
repos:
  - repo: https://github.com/lofte-project/lofte
    rev: v{version}
    hooks:
      - id: lofte-validate
      # - id: lofte-fmt          # also require the layout lofte fmt writes

  # Without access to GitHub, use the lofte you installed (pip install lofte) instead:
  # - repo: local
  #   hooks:
  #     - id: lofte-validate
  #       name: lofte validate
  #       entry: lofte validate
  #       language: system
  #       files: ^data/pledges/.*\\.ya?ml$
  #       require_serial: true
"""

# VS Code with Red Hat's YAML extension (yaml-language-server): which schema checks which
# file, for files without the `# yaml-language-server: $schema=…` first line. Schema paths
# are relative to the folder opened in VS Code; a glob matches at any depth below it.
VSCODE_SETTINGS = """\
{
  "yaml.schemas": {
    "./schemas/pledge.schema.json": "data/pledges/*/pledge.yaml",
    "./schemas/activity.schema.json": "data/pledges/*/activities/*.yaml",
    "./schemas/followup.schema.json": "data/pledges/*/followups/*.yaml"
  }
}
"""

VSCODE_EXTENSIONS = """\
{
  "recommendations": ["redhat.vscode-yaml"]
}
"""

GITIGNORE = f"""\
{CACHE_DIR}/
site/
export/
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
        # The workflow that turns an issue from the forms into a pull request; `lofte
        # forms` writes the forms themselves once there is a pledge, and this file again.
        Path(WORKFLOW_PATH): f"{MARK} (lofte forms writes it again)\n{issue_workflow()}",
        Path(".pre-commit-config.yaml"): PRE_COMMIT.replace("{version}", __version__),
        Path(".gitignore"): GITIGNORE,
        Path(".vscode/settings.json"): VSCODE_SETTINGS,
        Path(".vscode/extensions.json"): VSCODE_EXTENSIONS,
    }
    for schema in sorted(schema_dir().glob("*.schema.json")):
        files[Path("schemas") / schema.name] = schema.read_text(encoding="utf-8")
    created: list[Path] = []
    kept: list[Path] = []
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
