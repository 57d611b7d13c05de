"""The texts `lofte init --host gitlab` writes: `.gitlab-ci.yml` and the README's GitLab
section. GitLab has no issue forms, so people without git log activities through the
spreadsheet import or GitLab's web editor.

Pure: the source in, the file's text out."""

from __future__ import annotations

import json

from lofte_cli.edit.repository_files import readme

GITLAB_CI_PATH = ".gitlab-ci.yml"

GITLAB_CI = """\
# Written by lofte init. Checks every merge request with lofte: every file (GitLab shows
# the problems on the changed lines, from the code quality report), the coverage of each
# pledge in the job log, and the public pages, published with GitLab Pages from the
# default branch.
#
# lofte is installed from LOFTE_SOURCE below: a version (lofte==0.3.0), a git address
# (git+https://gitlab.com/OWNER/lofte@v0.3.0) or a path in this repository (./verktyg/lofte).
variables:
  LOFTE_SOURCE: @SOURCE@
  PIP_DISABLE_PIP_VERSION_CHECK: "1"
  # The whole history: each page says when the files behind it last changed.
  GIT_DEPTH: "0"

default:
  image: python:3.11-slim
  before_script:
    - apt-get update -qq && apt-get install -y -qq git >/dev/null
    - python -m pip install --quiet "$LOFTE_SOURCE"

stages:
  - check
  - publish

lofte:
  stage: check
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    # The report for the merge request, then the same problems in the log, failing the
    # job when there are errors.
    - lofte validate --format gitlab >gl-code-quality-report.json || true
    - lofte validate
    - lofte coverage
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json

pages:
  stage: publish
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - lofte render --out public
  artifacts:
    paths:
      - public
"""

GITLAB_SECTION = """
## Utan git

GitLab har inga formulär för ärenden, så den som inte använder git gör så här:

- **Ett kalkylark.** Skriv aktiviteterna i ett kalkylark, en rad per aktivitet, med
  kolumnerna Datum, Utförare, Åtaganden, Titel, Beskrivning, Plats, Deltagare och Timmar,
  och skicka det till den som sköter förrådet. Hen läser in det med
  `lofte import aktiviteter.xlsx`, som säger vilken rad och kolumn som behöver rättas.
- **GitLabs webbredigerare.** Öppna mappen `data/pledges/<löfte>/activities/`, välj
  **+ → Ny fil**, kopiera en befintlig aktivitet och ändra den. Välj att spara på en ny gren
  med en merge request: kontrollen körs då och visar det som behöver rättas på raderna.
"""

GITLAB_WHERE = (
    "`LOFTE_SOURCE:` i `.gitlab-ci.yml` och `additional_dependencies` i `.pre-commit-config.yaml`"
)
GITLAB_WHERE_EN = "on the `LOFTE_SOURCE:` line of `.gitlab-ci.yml` and in `.pre-commit-config.yaml`"


def gitlab_ci(source: str) -> str:
    """`.gitlab-ci.yml`: validate with a code quality report, coverage, pages."""
    return GITLAB_CI.replace("@SOURCE@", json.dumps(source, ensure_ascii=False))


def gitlab_readme(source: str) -> str:
    return readme(source, section=GITLAB_SECTION, where=GITLAB_WHERE, where_en=GITLAB_WHERE_EN)
