"""The texts `lofte init` writes for a data repository on GitHub: the check workflow, the
pre-commit configuration and the README, each installing lofte from the source the person
setting up named (`--lofte-source`) and saying where to change it.

Pure: the source in, the file's text out."""

from __future__ import annotations

import json

from lofte_cli.edit.lofte_source import is_path
from lofte_cli.edit.workflow import CHECKOUT, INSTALL_LOFTE, SETUP_PYTHON, WORKFLOW_PATH, fill

UPLOAD_PAGES = "actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0"
DEPLOY_PAGES = "actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0"

GITHUB_WORKFLOW = """\
# Written by lofte init. Checks every pull request with lofte: every file (notes on the
# lines of the pull request), the coverage of each pledge (in the run's summary) and the
# public pages, uploaded for GitHub Pages.
#
# lofte is installed from LOFTE_SOURCE below: a version (lofte==0.3.0), a git address
# (git+https://github.com/OWNER/lofte@v0.3.0) or a path in this repository (./verktyg/lofte).
# To change it, change it here and in lofte-aktivitet.yml (`lofte forms --lofte-source …`
# writes that one again). Actions are pinned to the commit of a release (tag in the comment).
name: lofte

on:
  pull_request:
  push:
    branches: [main]

permissions: {}

concurrency:
  group: lofte-${{ github.ref }}
  cancel-in-progress: true

jobs:
  validate:
    name: Check the data
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: @CHECKOUT@
        with:
          # The whole history: each page says when the files behind it last changed.
          fetch-depth: 0
          persist-credentials: false
@INSTALL_LOFTE@
      - name: lofte validate
        run: lofte validate --format github
      - name: lofte coverage
        # Add --fail-under 80 to fail when a pledge's coverage is below 80 %.
        run: lofte coverage --format markdown | tee -a "$GITHUB_STEP_SUMMARY"
      - name: lofte render
        run: lofte render --out site
      - uses: @UPLOAD_PAGES@
        with:
          path: site

  # To publish the pages from main on GitHub Pages (Settings → Pages → Source: GitHub
  # Actions), remove the # in front of these lines:
  # deploy:
  #   name: Publish the pages
  #   if: github.ref == 'refs/heads/main'
  #   needs: validate
  #   runs-on: ubuntu-latest
  #   permissions:
  #     pages: write # publish the uploaded pages
  #     id-token: write # prove to GitHub Pages that this workflow made them
  #   environment:
  #     name: github-pages
  #     url: ${{ steps.deployment.outputs.page_url }}
  #   steps:
  #     - id: deployment
  #       uses: @DEPLOY_PAGES@
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com) checks every commit with lofte: run
# `pip install pre-commit && pre-commit install` once.
# @HOW@
repos:
  - repo: local
    hooks:
      - id: lofte-validate
        name: lofte validate
        entry: lofte validate
        language: @LANGUAGE@
@DEPENDENCIES@        files: ^data/pledges/.*\\.ya?ml$
        require_serial: true
"""

README = """\
# Medborgarlöften

Här förs våra medborgarlöften och det som görs för att hålla dem, som YAML-filer i git,
med verktyget [lofte](https://pypi.org/project/lofte/).

- `data/pledges/<löfte>/pledge.yaml`: löftet — parterna, åtagandena, perioden.
- `data/pledges/<löfte>/activities/`: en fil per aktivitet.
- `data/pledges/<löfte>/followups/`: uppföljningarna.

## Så här gör du

    pip install @SHELL_SOURCE@
    lofte new-pledge            # ett nytt löfte (frågar efter det som behövs)
    lofte add-activity          # logga en aktivitet
    lofte assess polis-1 --status ongoing --comment "…"
    lofte validate              # kontrollera allt innan du skickar in

Lägg till filen med `git add`, gör en commit och öppna en pull request. Kontrollen körs
automatiskt på varje pull request. Skriv aldrig personnummer, privata e-postadresser eller
telefonnummer i texterna: de publiceras.
@HOST_SECTION@
## Varifrån lofte installeras

Kontrollen installerar lofte från `@SOURCE@`. Vill ni byta version eller källa (ett
versionsnummer som `lofte==0.3.0`, en git-adress som
`git+https://github.com/ÄGARE/lofte@v0.3.0` eller en sökväg i det här förrådet som
`./verktyg/lofte`), ändra
@WHERE@.

## In English

This repository keeps our *medborgarlöften* (joint pledges of the police and the
municipality) and the activities that fulfil them, checked by lofte. Log an activity with
`lofte add-activity`, check with `lofte validate`, and open a pull request. lofte is
installed from `@SOURCE@`: change it
@WHERE_EN@.
"""

GITHUB_SECTION = """
## Utan git

Den som inte använder git loggar en aktivitet i webbläsaren: välj **Issues → New issue →
Ny aktivitet**, fyll i formuläret och skicka. Ett arbetsflöde gör om svaren till en fil och
en pull request som någon annan granskar, eller svarar med det som behöver rättas. Kör
`lofte forms` när löftena ändras, så att formulären följer med.
"""

GITHUB_WHERE = (
    "`LOFTE_SOURCE:` i `.github/workflows/lofte.yml` och i `" + WORKFLOW_PATH + "` "
    "(eller kör `lofte forms --force --lofte-source …`) och `additional_dependencies` i "
    "`.pre-commit-config.yaml`"
)
GITHUB_WHERE_EN = (
    "on the `LOFTE_SOURCE:` lines of `.github/workflows/lofte.yml` and `"
    + WORKFLOW_PATH
    + "` and in `.pre-commit-config.yaml`"
)


def github_workflow(source: str) -> str:
    """`.github/workflows/lofte.yml`: validate, coverage and pages on every pull request."""
    return fill(
        GITHUB_WORKFLOW,
        ("@INSTALL_LOFTE@", INSTALL_LOFTE),
        ("@CHECKOUT@", CHECKOUT),
        ("@SETUP_PYTHON@", SETUP_PYTHON),
        ("@UPLOAD_PAGES@", UPLOAD_PAGES),
        ("@DEPLOY_PAGES@", DEPLOY_PAGES),
        ("@SOURCE@", json.dumps(source, ensure_ascii=False)),
    )


def pre_commit_config(source: str) -> str:
    """`.pre-commit-config.yaml`: pre-commit installs lofte from `source` itself; a path in
    the repository cannot be installed that way, so then the hook uses the lofte installed
    on the computer."""
    if is_path(source):
        how = f"The hook runs the lofte installed on this computer: pip install {source}"
        language, dependencies = "system", ""
    else:
        how = "pre-commit installs lofte from additional_dependencies: change it there."
        language = "python"
        dependencies = f"        additional_dependencies: [{json.dumps(source)}]\n"
    return (
        PRE_COMMIT.replace("@HOW@", how)
        .replace("@LANGUAGE@", language)
        .replace("@DEPENDENCIES@", dependencies)
    )


def readme(source: str, *, section: str, where: str, where_en: str) -> str:
    """The README for the repository's keepers, in Swedish with a word in English."""
    return (
        README.replace("@HOST_SECTION@", section)
        .replace("@WHERE_EN@", where_en)
        .replace("@WHERE@", where)
        .replace("@SHELL_SOURCE@", _shell_word(source))
        .replace("@SOURCE@", source)
    )


def github_readme(source: str) -> str:
    return readme(source, section=GITHUB_SECTION, where=GITHUB_WHERE, where_en=GITHUB_WHERE_EN)


def _shell_word(source: str) -> str:
    """`source` as one word for a shell: quoted when it holds anything but plain marks."""
    plain = all(c.isalnum() or c in "._-/:@+=" for c in source)
    return source if plain else "'" + source.replace("'", "'\\''") + "'"
