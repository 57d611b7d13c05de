"""The project around the code: README commands, CI, the workflow, lint, the built wheel."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lofte_cli.cli.main import app
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", README)


def test_readme_has_exactly_the_two_setup_commands():
    main, tests = readme_commands()
    assert "pip install" in main and "lofte validate" in main
    assert "pip install" in tests and "pytest" in tests


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci


def test_every_command_is_in_the_readme():
    for command in app.registered_commands:
        name = command.name or command.callback.__name__.replace("_", "-")
        assert f"lofte {name}" in README, name


def test_workflow_passes_actionlint():
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert workflows
    result = subprocess.run(
        [str(BIN / "actionlint"), *map(str, workflows)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_validates_with_github_format_and_runs_tests():
    text = (REPO / ".github" / "workflows" / "lofte.yml").read_text(encoding="utf-8")
    assert "lofte validate --format github" in text
    assert "pytest" in text and "pull_request" in text


@pytest.mark.parametrize("args", [["check"], ["format", "--check"]])
def test_ruff_is_clean(args):
    result = subprocess.run(
        [str(BIN / "ruff"), *args, "src", "tests", "bench"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_built_wheel_validates_a_repository_outside_the_source_tree(tmp_path):
    """The schemas and templates ship inside the wheel: a fresh venv with only the wheel
    installed checks and renders a data repository elsewhere, the checkout out of reach."""
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)],
        check=True,
    )
    (wheel,) = dist.glob("lofte-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True)
    data = shutil.copytree(REPO / "tests" / "fixtures" / "independent", tmp_path / "elsewhere")
    lofte = env_dir / "bin" / "lofte"
    ok = subprocess.run(
        [str(lofte), "validate"],
        cwd=data,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LOFTE_TODAY": "2026-11-26"},
        check=False,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "0 errors" in ok.stdout
    where = subprocess.run(
        [str(python), "-c", "from lofte_cli.paths import schema_dir; print(schema_dir())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(env_dir)
    site = subprocess.run(
        [str(lofte), "render", "--out", str(tmp_path / "site")],
        cwd=data,
        capture_output=True,
        text=True,
        check=False,
    )
    assert site.returncode == 0, site.stderr  # the templates ship in the wheel too
    assert (tmp_path / "site" / "kungalv-2017-2018" / "index.html").is_file()
    bad = data / "data" / "pledges" / "kungalv-2017-2018" / "pledge.yaml"
    bad.write_text(bad.read_text(encoding="utf-8") + "unknown_key: 1\n", encoding="utf-8")
    failed = subprocess.run(
        [str(lofte), "validate"], cwd=data, capture_output=True, text=True, check=False
    )
    assert failed.returncode == 1 and "L113" in failed.stdout
    swedish = subprocess.run(
        [str(lofte), "validate", "--bogus"],
        cwd=data,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "LANG": "sv_SE.UTF-8", "LOFTE_LANG": ""},
    )  # the compiled Swedish catalog ships in the wheel
    assert swedish.returncode == 2
    assert swedish.stderr.splitlines()[-1] == "Fel: Flaggan --bogus finns inte"


def _help_examples(help_text: str) -> list[str]:
    """The example commands of a --help text, continuation lines (`\\`) joined."""
    examples, current = [], ""
    for line in help_text.splitlines():
        text = line.strip()
        if not current and not text.startswith("lofte "):
            continue
        current += text.removesuffix("\\").strip() + " "
        if not text.endswith("\\"):
            examples.append(current.strip())
            current = ""
    return examples


def test_every_help_example_is_a_command_lofte_accepts():
    import shlex

    import typer.main

    group = typer.main.get_command(app)
    runner = CliRunner()
    checked = 0
    for name in sorted(group.commands):
        shown = runner.invoke(app, [name, "--help"], terminal_width=80).stdout
        for example in _help_examples(shown):
            for command in example.split("&&"):
                words = shlex.split(command.split(" > ")[0])
                if words[0] != "lofte":
                    continue
                context = group.make_context("lofte", words[1:], resilient_parsing=False)
                sub_name, *rest = context._protected_args + context.args
                sub = group.get_command(context, sub_name)
                assert sub is not None, example
                sub.make_context(sub_name, rest, parent=context)  # raises on a wrong flag
                checked += 1
    assert checked >= 20


def test_help_examples_are_not_rewrapped():
    # A wrapped example cannot be copied: every line of one ends in `\` or ends it.
    shown = CliRunner().invoke(app, ["new-pledge", "--help"], terminal_width=60).stdout
    examples = _help_examples(shown)
    assert any('--commitment "kommun-1:orust:Genomföra föräldrakvällar."' in e for e in examples)
    assert all(" --" in e for e in examples)
