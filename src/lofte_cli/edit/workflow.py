"""The GitHub Actions workflow that turns an issue from the form into a pull request.

Someone fills in the issue form (label `aktivitet` for an activity, `uppföljning` for a
follow-up); the workflow runs `lofte add-activity --from-issue` (or `lofte assess
--from-issue`) on the event file. A written file goes to the branch `aktivitet/<issue>` and
a pull request that closes the issue; problems go back to the issue as a comment. Editing
the issue runs it again.

The issue body is hostile input, so the workflow is written to keep it harmless:

- only issues by a MEMBER, OWNER or COLLABORATOR, or with the maintainers' label
  `godkänd`, are handled (job `if:` conditions, evaluated before any runner starts);
- no `${{ github.event.… }}` inside a `run:` script: values reach scripts through `env:`
  and are always quoted;
- the job that reads the body may only read the repository; pushing and the pull request,
  and the comment, happen in jobs of their own with just the permission each needs;
- checkouts keep no credentials, and every action is pinned to the commit of a release.

Pure: inputs in, the file's text out. `lofte forms` and `lofte init` write it."""

from __future__ import annotations

import json
import re

from lofte_cli.errors import UsageError
from lofte_cli.i18n import _

WORKFLOW_PATH = ".github/workflows/lofte-aktivitet.yml"
DEFAULT_SOURCE = "lofte"
ACTIVITY_LABEL = "aktivitet"
FOLLOWUP_LABEL = "uppföljning"
APPROVED_LABEL = "godkänd"
TRUSTED_AUTHORS = ("MEMBER", "OWNER", "COLLABORATOR")

# Each action at the commit its release tag points to (read from the action's repository
# with `git rev-parse vX.Y.Z^{commit}`); the tag stays in a comment for people and Dependabot.
CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1"
SETUP_PYTHON = "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0"

# The steps that install lofte from LOFTE_SOURCE, in every workflow lofte writes (the source
# reaches pip through the environment, never written into the script).
INSTALL_LOFTE = """\
      - uses: @SETUP_PYTHON@
        with:
          python-version: "3.11"
      - name: Install lofte
        env:
          LOFTE_SOURCE: @SOURCE@
        run: python -m pip install --disable-pip-version-check --quiet "$LOFTE_SOURCE"\
"""

# A GitHub label as this workflow accepts it: letters (any alphabet), digits, spaces and a
# few marks, so that it can stand inside an expression's quotes without surprises.
LABEL = re.compile(r"[\w][\w .:/&+-]{0,49}")

TEMPLATE = """\
# Written by lofte (https://pypi.org/project/lofte/). An issue from the form with the label
# @ACTIVITY@ (an activity) or @FOLLOWUP@ (a follow-up) becomes a file on the branch
# aktivitet/<issue number> and a pull request that closes the issue; problems are answered
# with a comment on the issue. Editing the issue runs this again.
#
# The issue text is untrusted: only issues by members, owners and collaborators of the
# repository, or with the label @APPROVED@ (set by a maintainer), are handled; the text
# reaches the scripts only through environment variables; each job has the least
# permissions it needs; actions are pinned to the commit of a release (the tag in the comment).
name: lofte-aktivitet

on:
  issues:
    types: [opened, edited, labeled]

permissions: {}

concurrency:
  group: lofte-aktivitet-${{ github.event.issue.number }}
  cancel-in-progress: true

jobs:
  draft:
    name: Write the file from the issue
    if: >-
      (@HAS_ACTIVITY@ || @HAS_FOLLOWUP@)
      && (contains(fromJSON('@TRUSTED@'), github.event.issue.author_association)
      || @HAS_APPROVED@)
    runs-on: ubuntu-latest
    permissions:
      contents: read
    outputs:
      status: ${{ steps.lofte.outputs.status }}
      report: ${{ steps.lofte.outputs.report }}
      patch: ${{ steps.lofte.outputs.patch }}
    steps:
      - uses: @CHECKOUT@
        with:
          persist-credentials: false
@INSTALL_LOFTE@
      - name: Run lofte on the issue
        id: lofte
        env:
          COMMAND: ${{ @HAS_FOLLOWUP@ && 'assess' || 'add-activity' }}
        run: |
          report="$RUNNER_TEMP/lofte-report.md"
          status=0
          lofte "$COMMAND" --from-issue "$GITHUB_EVENT_PATH" --format markdown \\
            >"$report" || status=$?
          if [ "$status" -gt 1 ]; then
            cat "$report"
            exit "$status"
          fi
          git add --all -- data
          if [ "$status" -eq 0 ] && git diff --cached --quiet; then
            status=unchanged
          fi
          {
            echo "status=$status"
            echo "report=$(base64 -w0 "$report")"
            echo "patch=$(git diff --cached --binary | base64 -w0)"
          } >>"$GITHUB_OUTPUT"

  pull-request:
    name: Open or update the pull request
    needs: draft
    if: needs.draft.outputs.status == '0'
    runs-on: ubuntu-latest
    permissions:
      contents: write # push the branch aktivitet/<issue number>
      pull-requests: write # open or update its pull request
    steps:
      - uses: @CHECKOUT@
        with:
          persist-credentials: false
      - name: Commit the file to aktivitet/<issue number>
        env:
          GH_TOKEN: ${{ github.token }}
          ISSUE: ${{ github.event.issue.number }}
          PATCH: ${{ needs.draft.outputs.patch }}
        run: |
          branch="aktivitet/$ISSUE"
          git config user.name "github-actions[bot]"
          git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
          gh auth setup-git
          git switch --create "$branch"
          printf '%s' "$PATCH" | base64 --decode | git apply --index
          git commit --quiet --message "lofte: the file from issue #$ISSUE"
          git push --force origin "HEAD:refs/heads/$branch"
      - name: Open or update the pull request
        env:
          GH_TOKEN: ${{ github.token }}
          ISSUE: ${{ github.event.issue.number }}
          TITLE: ${{ github.event.issue.title }}
          BASE: ${{ github.event.repository.default_branch }}
          REPORT: ${{ needs.draft.outputs.report }}
        run: |
          branch="aktivitet/$ISSUE"
          body="$RUNNER_TEMP/pull-request.md"
          { printf 'Closes #%s\\n\\n' "$ISSUE"; printf '%s' "$REPORT" | base64 --decode; } >"$body"
          if [ "$(gh pr view "$branch" --json state --jq .state 2>/dev/null)" = OPEN ]; then
            gh pr edit "$branch" --title "$TITLE" --body-file "$body"
          else
            gh pr create --head "$branch" --base "$BASE" --title "$TITLE" --body-file "$body"
          fi

  comment:
    name: Answer the issue with the problems
    needs: draft
    if: needs.draft.outputs.status == '1'
    runs-on: ubuntu-latest
    permissions:
      issues: write # comment on the issue
    steps:
      - name: Comment on the issue
        env:
          GH_TOKEN: ${{ github.token }}
          ISSUE: ${{ github.event.issue.number }}
          REPORT: ${{ needs.draft.outputs.report }}
        run: |
          body="$RUNNER_TEMP/problems.md"
          printf '%s' "$REPORT" | base64 --decode >"$body"
          gh issue comment "$ISSUE" --repo "$GITHUB_REPOSITORY" --body-file "$body"
"""


def issue_workflow(
    source: str = DEFAULT_SOURCE,
    *,
    activity_label: str = ACTIVITY_LABEL,
    followup_label: str = FOLLOWUP_LABEL,
    approved_label: str = APPROVED_LABEL,
) -> str:
    """The text of `.github/workflows/lofte-aktivitet.yml`, installing lofte from `source`
    (a pip requirement: `lofte`, `lofte==0.3.0`, `git+https://…`)."""
    for label in (activity_label, followup_label, approved_label):
        if not LABEL.fullmatch(label):
            raise UsageError(
                _(
                    "label {label!r}: write letters, digits, spaces or . : / & + - "
                    "(at most 50 characters, starting with a letter or digit)"
                ).format(label=label)
            )
    if not source.strip() or source.startswith("-") or not source.isprintable():
        raise UsageError(
            _(
                "lofte source {source!r}: write one pip requirement on one line, "
                "e.g. lofte, lofte==0.3.0 or git+https://github.com/OWNER/lofte"
            ).format(source=source)
        )
    return fill(
        TEMPLATE,
        ("@INSTALL_LOFTE@", INSTALL_LOFTE),
        ("@HAS_ACTIVITY@", _has_label(activity_label)),
        ("@HAS_FOLLOWUP@", _has_label(followup_label)),
        ("@HAS_APPROVED@", _has_label(approved_label)),
        ("@ACTIVITY@", activity_label),
        ("@FOLLOWUP@", followup_label),
        ("@APPROVED@", approved_label),
        ("@TRUSTED@", json.dumps(list(TRUSTED_AUTHORS), separators=(",", ":"))),
        ("@CHECKOUT@", CHECKOUT),
        ("@SETUP_PYTHON@", SETUP_PYTHON),
        ("@SOURCE@", json.dumps(source, ensure_ascii=False)),
    )


def fill(template: str, *markers: tuple[str, str]) -> str:
    """`template` with each `@MARKER@` replaced by its value."""
    for marker, value in markers:
        template = template.replace(marker, value)
    return template


def _has_label(label: str) -> str:
    """The expression that is true when the issue carries `label`."""
    return f"contains(github.event.issue.labels.*.name, '{label}')"
