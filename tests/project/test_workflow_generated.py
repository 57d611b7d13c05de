"""The workflow lofte writes for issues from the form, and this repository's own workflows:
actionlint and zizmor (offline) find nothing, and no event value is written into a script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from lofte_cli.edit.workflow import WORKFLOW_PATH, issue_workflow
from lofte_cli.errors import UsageError
from tests.helpers import REPO

BIN = Path(sys.executable).parent
GIT_SOURCE = "git+https://github.com/lofte-project/lofte@v0.3.0"
SOURCES = ["lofte", GIT_SOURCE]


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, check=False
    )


def written(tmp_path: Path, source: str) -> Path:
    """The workflow for `source` in a fresh git repository (actionlint finds the project
    by it), as `lofte forms` writes it."""
    run("git", "init", "-q", cwd=tmp_path)
    path = tmp_path / WORKFLOW_PATH
    path.parent.mkdir(parents=True)
    path.write_text(issue_workflow(source), encoding="utf-8")
    return path


def parsed(text: str) -> Any:
    return YAML(typ="safe").load(text)


def assert_quiet(tool: str, *args: str | Path, cwd: Path) -> None:
    # zizmor colours its output when it thinks it runs in CI, even into a pipe.
    plain = ("--color=never",) if tool == "zizmor" else ()
    result = run(BIN / tool, *plain, *args, cwd=cwd)
    assert result.returncode == 0, result.stdout + result.stderr
    if tool == "zizmor":
        # Not even the findings the default persona hides (help, low confidence).
        assert result.stdout == "No findings to report. Good job!\n"


@pytest.mark.parametrize("source", SOURCES)
def test_the_generated_workflow_passes_actionlint(tmp_path, source):
    path = written(tmp_path, source)
    assert_quiet("actionlint", path.relative_to(tmp_path), cwd=tmp_path)


@pytest.mark.parametrize("source", SOURCES)
def test_the_generated_workflow_passes_zizmor(tmp_path, source):
    path = written(tmp_path, source)
    assert_quiet("zizmor", "--offline", "--persona=auditor", path, cwd=tmp_path)


@pytest.mark.parametrize("source", SOURCES)
def test_no_event_value_is_written_into_a_script(source):
    jobs = parsed(issue_workflow(source))["jobs"]
    scripts = [step["run"] for job in jobs.values() for step in job["steps"] if "run" in step]
    assert len(scripts) == 5
    for script in scripts:
        assert "${{" not in script, script
        assert run("bash", "-n", "-c", script, cwd=REPO).returncode == 0, script


def test_the_source_reaches_pip_through_the_environment_quoted():
    (install,) = [
        step
        for step in parsed(issue_workflow(GIT_SOURCE))["jobs"]["draft"]["steps"]
        if step.get("name") == "Install lofte"
    ]
    assert install["env"] == {"LOFTE_SOURCE": GIT_SOURCE}
    assert install["run"] == (
        'python -m pip install --disable-pip-version-check --quiet "$LOFTE_SOURCE"'
    )


def test_the_jobs_their_conditions_and_permissions():
    workflow = parsed(issue_workflow())
    assert workflow["on"] == {"issues": {"types": ["opened", "edited", "labeled"]}}
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    labels = "github.event.issue.labels.*.name"
    assert jobs["draft"]["if"] == (
        f"(contains({labels}, 'aktivitet') || contains({labels}, 'uppföljning'))"
        ' && (contains(fromJSON(\'["MEMBER","OWNER","COLLABORATOR"]\'),'
        " github.event.issue.author_association)"
        f" || contains({labels}, 'godkänd'))"
    )
    assert jobs["draft"]["permissions"] == {"contents": "read"}
    assert jobs["pull-request"]["if"] == "needs.draft.outputs.status == '0'"
    assert jobs["pull-request"]["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
    }
    assert jobs["comment"]["if"] == "needs.draft.outputs.status == '1'"
    assert jobs["comment"]["permissions"] == {"issues": "write"}
    checkouts = [
        step
        for job in jobs.values()
        for step in job["steps"]
        if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert len(checkouts) == 2
    assert all(step["with"] == {"persist-credentials": False} for step in checkouts)


def test_the_follow_up_label_runs_assess():
    (step,) = [
        step
        for step in parsed(issue_workflow())["jobs"]["draft"]["steps"]
        if step.get("id") == "lofte"
    ]
    assert step["env"]["COMMAND"] == (
        "${{ contains(github.event.issue.labels.*.name, 'uppföljning')"
        " && 'assess' || 'add-activity' }}"
    )
    assert 'lofte "$COMMAND" --from-issue "$GITHUB_EVENT_PATH" --format markdown' in step["run"]


def test_other_labels_are_written_in():
    workflow = parsed(
        issue_workflow(activity_label="activity", followup_label="follow-up", approved_label="ok")
    )
    condition = workflow["jobs"]["draft"]["if"]
    assert "'activity'" in condition and "'follow-up'" in condition and "'ok'" in condition
    assert "aktivitet'" not in condition and "godkänd" not in condition


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"activity_label": "a') || true || ('"},
            "label \"a') || true || ('\": write letters, digits, spaces or . : / & + - "
            "(at most 50 characters, starting with a letter or digit)",
        ),
        (
            {"approved_label": ""},
            "label '': write letters, digits, spaces or . : / & + - "
            "(at most 50 characters, starting with a letter or digit)",
        ),
        (
            {"source": "--index-url=https://evil.example lofte"},
            "lofte source '--index-url=https://evil.example lofte': write one pip requirement"
            " on one line, e.g. lofte, lofte==0.3.0 or git+https://github.com/OWNER/lofte",
        ),
        (
            {"source": "lofte\nrm -rf /"},
            "lofte source 'lofte\\nrm -rf /': write one pip requirement on one line,"
            " e.g. lofte, lofte==0.3.0 or git+https://github.com/OWNER/lofte",
        ),
    ],
)
def test_a_label_or_source_that_could_break_out_is_refused(kwargs, message):
    with pytest.raises(UsageError) as caught:
        issue_workflow(**kwargs)
    assert str(caught.value) == message


def own_workflows() -> list[Path]:
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert [p.name for p in workflows] == ["lofte.yml"]
    return workflows


def test_this_repositorys_workflows_pass_actionlint():
    assert_quiet("actionlint", *own_workflows(), cwd=REPO)


def test_this_repositorys_workflows_and_action_pass_zizmor():
    files = [*own_workflows(), REPO / "action.yml"]
    assert_quiet("zizmor", "--offline", "--persona=auditor", *files, cwd=REPO)


def test_lofte_forms_writes_the_workflow_from_the_source_it_is_given(tmp_path, run_cli):
    from tests.helpers import copy_base

    root = copy_base(tmp_path / "d")
    run("git", "init", "-q", cwd=root)
    result = run_cli("forms", "--lofte-source", GIT_SOURCE, cwd=root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Wrote .github"
    text = (root / WORKFLOW_PATH).read_text(encoding="utf-8")
    assert text.startswith("# Skapad av lofte forms (lofte forms writes it again)\n")
    assert text.endswith(issue_workflow(GIT_SOURCE))
    assert parsed(text) == parsed(issue_workflow(GIT_SOURCE))
    assert_quiet("actionlint", WORKFLOW_PATH, cwd=root)
    assert_quiet("zizmor", "--offline", "--persona=auditor", root / WORKFLOW_PATH, cwd=root)
    (root / WORKFLOW_PATH).write_text("name: ours\n", encoding="utf-8")
    refused = run_cli("forms", cwd=root)
    assert refused.exit_code == 1
    assert (root / WORKFLOW_PATH).read_text(encoding="utf-8") == "name: ours\n"
