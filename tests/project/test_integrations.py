"""lofte in other people's tools: the pre-commit hooks (`.pre-commit-hooks.yaml`), the
GitHub Action (`action.yml`), and the files `lofte init` writes to use them.

The pre-commit tests run the real framework, which builds a virtualenv and pip-installs
lofte into it from a git commit. `pre-commit try-repo` on a checkout adds only changes to
files git already tracks (not new files such as the hooks file itself), so the tests
commit the working tree as it is to a repository of their own first. try-repo keeps its
environment in a temporary store of its own; the other hook tests share one
`PRE_COMMIT_HOME`, so the module builds two environments in all.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from lofte_cli.edit.repository_files import github_workflow, pre_commit_config
from tests.helpers import CORPUS, REPO, copy_base

BIN = Path(sys.executable).parent
ACTIVITY = "data/pledges/p/activities/2023-04-02-trafikkontroll.yaml"
TODAY = "2026-11-26"
SNAPSHOT_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.pyc", "*.egg-info", ".*_cache", ".hypothesis",
    ".lofte-cache", "site", "dist", "build",
)  # fmt: skip


def load_yaml(path: Path):
    return YAML(typ="safe", pure=True).load(path)


def hermetic_env(**extra: str) -> dict[str, str]:
    """The environment for git and pre-commit: no global or system git configuration (a
    `core.hooksPath` there makes `pre-commit install` refuse), a fixed author and today."""
    env = {k: v for k, v in os.environ.items() if k not in {"LOFTE_DATA", "SKIP"}}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
        PRE_COMMIT_COLOR="never",
        LOFTE_TODAY=TODAY,
        **extra,
    )
    return env


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, check: bool = False):
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env if env is not None else hermetic_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def git(*args: str, cwd: Path, env: dict[str, str] | None = None, check: bool = True):
    return run("git", "-c", "commit.gpgsign=false", *args, cwd=cwd, env=env, check=check)


def pre_commit(*args: str | Path, cwd: Path, env: dict[str, str]):
    return run(sys.executable, "-m", "pre_commit", *args, cwd=cwd, env=env)


def data_repository(folder: Path) -> Path:
    """The corpus base data root as a git repository with one commit."""
    copy_base(folder)
    git("init", "-q", cwd=folder)
    git("add", "-A", cwd=folder)
    git("commit", "-qm", "Data", cwd=folder)
    return folder


def break_activity(root: Path) -> None:
    """An activity that names a commitment the pledge does not have (L103)."""
    path = root / ACTIVITY
    text = path.read_text(encoding="utf-8")
    assert "commitments: [polis-1]" in text
    path.write_text(text.replace("[polis-1]", "[polis-9]"), encoding="utf-8")


def uncomment_after(text: str, marker: str) -> str:
    """The text with the commented-out block after the line holding `marker` switched on:
    each line up to the next blank one loses its first `# `."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if marker in line) + 1
    for i in range(start, len(lines)):
        if not lines[i].strip():
            break
        assert lines[i].lstrip().startswith("# "), lines[i]
        lines[i] = lines[i].replace("# ", "", 1)
    return "".join(lines)


@pytest.fixture(scope="module")
def lofte_commit(tmp_path_factory) -> tuple[Path, str]:
    """lofte's working tree as it is now (untracked files too) committed to a repository
    of its own: pre-commit installs hooks from a commit."""
    dest = tmp_path_factory.mktemp("lofte") / "lofte"
    if (REPO / ".git").exists():
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
        for relative in filter(None, listed.split("\0")):
            if (REPO / relative).is_file():  # a file deleted in the working tree is left out
                (dest / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO / relative, dest / relative)
    else:  # an unpacked sdist
        shutil.copytree(REPO, dest, ignore=SNAPSHOT_IGNORE)
    git("init", "-q", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-qm", "lofte as it is", cwd=dest)
    return dest, git("rev-parse", "HEAD", cwd=dest).stdout.strip()


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory) -> dict[str, str]:
    """One pre-commit store for the module: the hook environment is built once."""
    return hermetic_env(PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")))


# --- pre-commit -------------------------------------------------------------------------


def test_hooks_manifest():
    manifest = REPO / ".pre-commit-hooks.yaml"
    checked = pre_commit("validate-manifest", manifest, cwd=REPO, env=hermetic_env())
    assert checked.returncode == 0, checked.stdout + checked.stderr
    hooks = {hook["id"]: hook for hook in load_yaml(manifest)}
    assert set(hooks) == {"lofte-validate", "lofte-fmt"}
    assert hooks["lofte-validate"]["entry"] == "lofte validate"
    assert hooks["lofte-fmt"]["entry"] == "lofte fmt --check"
    for hook in hooks.values():
        assert hook["language"] == "python"  # pre-commit installs lofte from the repository
        assert hook.get("pass_filenames", True)
        assert hook["require_serial"]
        files = re.compile(hook["files"])
        for path in (
            "data/pledges/p/pledge.yaml",
            "data/pledges/p/activities/2023-03-14-a.yaml",
            "data/pledges/p/followups/2023-12-15.yml",
        ):
            assert files.search(path), path
        for path in ("schemas/activity.schema.json", "README.md", "data/pledges/.gitkeep"):
            assert not files.search(path), path


@pytest.mark.slow
def test_try_repo_blocks_a_bad_file(tmp_path, lofte_commit):
    """`pre-commit try-repo LOFTE lofte-validate --files FILE`, as a hook author tries it."""
    lofte, _ = lofte_commit
    data = data_repository(tmp_path / "data")
    break_activity(data)
    git("add", ACTIVITY, cwd=data)
    env = hermetic_env(PRE_COMMIT_HOME=str(tmp_path / "home"))
    result = pre_commit("try-repo", lofte, "lofte-validate", "--files", ACTIVITY, cwd=data, env=env)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "lofte validate" in out and "Failed" in out
    assert f"{ACTIVITY}:5:15: error L103 unknown commitment 'polis-9'" in out
    assert "1 file checked: 1 error" in out


@pytest.mark.slow
def test_commits_in_a_lofte_init_repository_are_checked(run_cli, tmp_path, lofte_commit, hook_env):
    """The configuration `lofte init --lofte-source` writes, pointed at this commit of lofte
    as a git address: `pre-commit install`, then a good commit goes in and a bad one is
    stopped."""
    lofte, rev = lofte_commit
    target = tmp_path / "orust"
    source = f"git+file://{lofte}@{rev}"
    assert run_cli("init", str(target), "--lofte-source", source, cwd=tmp_path).exit_code == 0
    text = (target / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f'        language: python\n        additional_dependencies: ["{source}"]\n' in text
    shutil.copytree(CORPUS / "base" / "data" / "pledges" / "p", target / "data/pledges/p")
    installed = pre_commit("install", cwd=target, env=hook_env)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    git("add", "-A", cwd=target, env=hook_env)
    good = git("commit", "-m", "Löftet", cwd=target, env=hook_env, check=False)
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"lofte validate\.+Passed", good.stdout + good.stderr)
    head = git("rev-parse", "HEAD", cwd=target).stdout

    break_activity(target)
    git("add", ACTIVITY, cwd=target, env=hook_env)
    bad = git("commit", "-m", "Fel", cwd=target, env=hook_env, check=False)
    out = bad.stdout + bad.stderr
    assert bad.returncode == 1, out  # git: the pre-commit hook failed
    assert "L103" in out and "unknown commitment 'polis-9'" in out and ACTIVITY in out
    assert git("rev-parse", "HEAD", cwd=target).stdout == head

    git("reset", "-q", "--hard", "HEAD", cwd=target)
    readme = target / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nMer text.\n", encoding="utf-8")
    git("add", "README.md", cwd=target, env=hook_env)
    other = git("commit", "-m", "README", cwd=target, env=hook_env, check=False)
    assert other.returncode == 0, other.stdout + other.stderr
    assert re.search(r"lofte validate\.+\(no files to check\)Skipped", other.stdout + other.stderr)


@pytest.mark.slow
def test_fmt_hook_agrees_with_lofte_fmt_check(tmp_path, lofte_commit, hook_env):
    lofte, rev = lofte_commit
    data = data_repository(tmp_path / "data")
    (data / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {lofte}\n    rev: {rev}\n    hooks: [{{id: lofte-fmt}}]\n",
        encoding="utf-8",
    )
    path = data / ACTIVITY
    text = path.read_text(encoding="utf-8")
    # The corpus activity has no schema comment on its first line, so fmt would change it;
    # as `lofte fmt` writes it, it is formatted; with odd spacing it is not.
    assert text.startswith("id: ")
    path.write_text(text, encoding="utf-8")
    assert run(BIN / "lofte", "fmt", ACTIVITY, cwd=data).returncode == 0
    formatted = path.read_text(encoding="utf-8")
    assert formatted.startswith("# yaml-language-server: $schema=")
    messy = formatted.replace("by: [polisen]", "by:    [ polisen ]") + "\n\n"
    for content, code, verdict in (
        (text, 1, "Failed"),
        (formatted, 0, "Passed"),
        (messy, 1, "Failed"),
    ):
        path.write_text(content, encoding="utf-8")
        direct = run(BIN / "lofte", "fmt", "--check", ACTIVITY, cwd=data)
        assert direct.returncode == code, direct.stdout + direct.stderr
        summary = (
            "1 would change, 0 already formatted" if code else "0 would change, 1 already formatted"
        )
        assert direct.stdout.splitlines()[-1] == summary, direct.stdout
        hook = pre_commit("run", "lofte-fmt", "--files", ACTIVITY, cwd=data, env=hook_env)
        out = hook.stdout + hook.stderr
        assert hook.returncode == code, out
        assert re.search(rf"lofte fmt --check\.+{verdict}", out), out
        assert path.read_text(encoding="utf-8") == content  # --check writes nothing


@pytest.mark.parametrize(
    ("source", "language", "dependencies"),
    [
        ("lofte==0.3.0", "python", ["lofte==0.3.0"]),
        ("git+https://github.com/OWNER/lofte@v0.3.0", "python", ["git+https://github.com/OWNER/lofte@v0.3.0"]),
        # pre-commit cannot install a folder of the repository: the installed lofte runs.
        ("./verktyg/lofte", "system", None),
    ],
)  # fmt: skip
def test_init_pre_commit_config_is_valid_and_installs_the_source(
    tmp_path, source, language, dependencies
):
    text = pre_commit_config(source)
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    checked = pre_commit("validate-config", config, cwd=tmp_path, env=hermetic_env())
    assert checked.returncode == 0, text + checked.stdout + checked.stderr
    (repo,) = YAML(typ="safe").load(text)["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "lofte-validate",
        "lofte validate",
        language,
    )
    assert hook.get("additional_dependencies") == dependencies
    assert hook["files"] == "^data/pledges/.*\\.ya?ml$"


# --- GitHub Actions ---------------------------------------------------------------------


def action() -> dict:
    return load_yaml(REPO / "action.yml")


def step(steps: list[dict], step_id: str) -> dict:
    (found,) = [s for s in steps if s.get("id") == step_id]
    return found


def test_action_metadata():
    meta = action()
    assert meta["name"] == "lofte" and meta["description"]
    inputs = meta["inputs"]
    assert set(inputs) == {
        "fail-under",
        "fail-under-progress",
        "render",
        "python-version",
        "lofte-version",
    }
    assert inputs["fail-under-progress"]["default"] == ""
    assert all(i["description"] and not i.get("required", False) for i in inputs.values())
    assert inputs["fail-under"]["default"] == ""
    assert inputs["render"]["default"] == "true"
    assert inputs["python-version"]["default"] == "3.11"
    assert inputs["lofte-version"]["default"] == ""

    assert meta["runs"]["using"] == "composite"
    steps = meta["runs"]["steps"]
    (setup,) = [s for s in steps if s.get("uses", "").startswith("actions/setup-python@")]
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    assert step(steps, "install")["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert step(steps, "validate")["run"].strip() == "lofte validate --format github"
    assert "--fail-under" in step(steps, "coverage")["run"]
    assert step(steps, "render")["run"].strip() == "lofte render --out site"
    upload = step(steps, "upload")
    assert upload["uses"].startswith("actions/upload-pages-artifact@")
    assert upload["with"]["path"] == "site"
    for s in (step(steps, "render"), upload):
        assert s["if"] == "inputs.render == 'true'"
    order = [s.get("id") for s in steps]
    assert order.index("validate") < order.index("coverage") < order.index("render")
    for s in steps:
        assert ("run" in s) != ("uses" in s), s
        if "run" in s:
            assert s["shell"] == "bash"  # a composite action must name the shell
            # Inputs go through env: never `${{ … }}` inside a script (script injection).
            assert "${{" not in s["run"], s["run"]


def test_action_matches_the_schema_of_action_metadata():
    checked = run(
        BIN / "check-jsonschema",
        "--builtin-schema",
        "vendor.github-actions",
        REPO / "action.yml",
        cwd=REPO,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def expand(value: str, inputs: dict[str, str], action_path: Path) -> str:
    """`${{ inputs.x }}` and `${{ github.action_path }}`, as the runner fills them in."""

    def one(match: re.Match[str]) -> str:
        scope, name = match.groups()
        return str(action_path) if scope == "github" else inputs[name]

    return re.sub(r"\$\{\{\s*(inputs|github)\.([\w-]+)\s*\}\}", one, value)


def run_step(
    step_id: str, inputs: dict[str, str], cwd: Path, path: str, summary: Path | None = None
):
    """A `run` step of the action as the runner runs it: bash -eo pipefail, its env filled."""
    meta = action()
    given = {name: str(i["default"]) for name, i in meta["inputs"].items()} | inputs
    s = step(meta["runs"]["steps"], step_id)
    script = cwd.parent / f"{step_id}.sh"
    script.write_text(s["run"], encoding="utf-8")
    env = hermetic_env(PATH=path)
    env.update({k: expand(str(v), given, REPO) for k, v in s.get("env", {}).items()})
    if summary is not None:
        env["GITHUB_STEP_SUMMARY"] = str(summary)
    return run("bash", "--noprofile", "--norc", "-eo", "pipefail", script, cwd=cwd, env=env)


def test_action_scripts_validate_cover_and_render(tmp_path):
    data = copy_base(tmp_path / "data")
    path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    checked = run_step("validate", {}, data, path)
    assert checked.returncode == 0 and "0 errors" in checked.stdout, checked.stderr

    summary = tmp_path / "summary.md"
    shown = run_step("coverage", {}, data, path, summary)  # 25.0 % and no threshold
    assert shown.returncode == 0, shown.stderr
    assert "Coverage 25.0 %" in shown.stdout
    assert summary.read_text(encoding="utf-8") == shown.stdout
    assert run_step("coverage", {"fail-under": "20"}, data, path).returncode == 0
    below = run_step("coverage", {"fail-under": "30"}, data, path)
    assert below.returncode == 1 and "coverage below 30 %" in below.stderr
    # progress of the base data: (3/4 + 0 + 1 + 0) / 4 = 43.75 → 43.8 %
    assert run_step("coverage", {"fail-under-progress": "43.8"}, data, path).returncode == 0
    slow = run_step("coverage", {"fail-under-progress": "43.9"}, data, path)
    assert slow.returncode == 1 and "progress below 43.9 %" in slow.stderr

    rendered = run_step("render", {}, data, path)
    assert rendered.returncode == 0, rendered.stderr
    assert (data / "site" / "index.html").is_file()

    break_activity(data)
    failed = run_step("validate", {}, data, path)
    assert failed.returncode == 1
    assert failed.stdout.startswith(f"::error file={ACTIVITY},line=5"), failed.stdout


@pytest.mark.parametrize(
    ("version", "installed"),
    [
        ("", str(REPO)),
        ("0.2.0", "lofte==0.2.0"),
        ("1.0.0rc1", "lofte==1.0.0rc1"),
        ("lofte>=0.2,<1", "lofte>=0.2,<1"),
        ("git+https://example.invalid/lofte.git@v1", "git+https://example.invalid/lofte.git@v1"),
    ],
)
def test_action_installs_the_lofte_asked_for(tmp_path, version, installed):
    """The install step with `python` and `lofte` standing in: what would pip be given?"""
    fake = tmp_path / "bin"
    fake.mkdir()
    pip_args = tmp_path / "pip-args"
    for name, body in (("python", f'printf "%s\\n" "$@" > "{pip_args}"'), ("lofte", "true")):
        (fake / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (fake / name).chmod(0o755)
    (tmp_path / "work").mkdir()
    path = f"{fake}{os.pathsep}/usr/bin{os.pathsep}/bin"
    result = run_step("install", {"lofte-version": version}, tmp_path / "work", path)
    assert result.returncode == 0, result.stderr
    pip = pip_args.read_text(encoding="utf-8").splitlines()
    assert pip[:3] == ["-m", "pip", "install"] and pip[-1] == installed


def write_workflow(root: Path, with_: str) -> None:
    folder = root / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "use.yml").write_text(
        "name: use\n"
        "on: pull_request\n"
        "permissions:\n  contents: read\n"
        "jobs:\n  lofte:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - uses: ./\n"
        f"        with:\n{with_}",
        encoding="utf-8",
    )


def actionlint(root: Path, *files: str):
    return run(BIN / "actionlint", *files, cwd=root)


@pytest.mark.parametrize(
    ("with_", "problem"),
    [
        (
            '          fail-under: 80\n          render: false\n          python-version: "3.12"\n'
            '          lofte-version: "0.1.0"\n',
            None,
        ),
        ("          render: true\n", None),
        ("          fail_under: 80\n", 'input "fail_under" is not defined in action "lofte"'),
    ],
)
def test_a_workflow_using_the_local_action_passes_actionlint(tmp_path, with_, problem):
    """actionlint reads the inputs of a local action (`uses: ./`) from its action.yml, so
    a misspelt input is caught: the action's inputs are what actionlint sees."""
    shutil.copy2(REPO / "action.yml", tmp_path / "action.yml")
    write_workflow(tmp_path, with_)
    git("init", "-q", cwd=tmp_path)  # actionlint finds the project by its git repository
    result = actionlint(tmp_path)
    if problem is None:
        assert result.returncode == 0, result.stdout + result.stderr
    else:
        assert result.returncode == 1 and problem in result.stdout, result.stdout


@pytest.mark.parametrize("source", ["lofte==0.3.0", "./verktyg/lofte"])
def test_init_workflow_installs_the_source_and_passes_actionlint_and_zizmor(tmp_path, source):
    text = github_workflow(source)
    assert "lofte-project" not in text
    assert f'          LOFTE_SOURCE: "{source}"\n' in text
    assert '--quiet "$LOFTE_SOURCE"\n' in text
    variants = {
        "as written": text,
        "deployed": uncomment_after(text, "remove the # in front of these lines"),
    }
    assert "\n  deploy:\n" in variants["deployed"]
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    for name, variant in variants.items():
        (folder / f"{name.replace(' ', '-')}.yml").write_text(variant, encoding="utf-8")
    git("init", "-q", cwd=tmp_path)
    result = actionlint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("as-written.yml", "deployed.yml"):
        found = run(BIN / "zizmor", "--offline", "--color=never", folder / name, cwd=tmp_path)
        assert found.stdout == "No findings to report. Good job!\n", found.stdout + found.stderr
