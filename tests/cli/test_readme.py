"""The README's console examples, so that the tour cannot drift from what lofte prints.

Every `$ lofte …` command of a ```console block runs in bash on a fresh copy of the bundled
data (`data/` and `schemas/`) with LOFTE_TODAY=2026-11-26, and its output (standard output
and standard error together, as a terminal shows them) must be exactly the lines the README
shows after it, up to the next `$` or blank line. A command shown without output must exit
0, or 1 where the output it shows reports errors. Where the README's output and lofte's
differ, the README is wrong: fix its text, not this test.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pytest

from tests.helpers import REPO

BIN = Path(sys.executable).parent
TODAY = "2026-11-26"
README_HOME = "/home/anna"  # the home folder in the README's examples


@dataclass(frozen=True)
class Example:
    command: str  # after `$ `; a line ending in `\` goes on with the next, as in bash
    output: str  # the lines shown after the command, each ending in a newline
    where: str  # README.md:LINE


def console_examples(text: str) -> list[Example]:
    """The commands of the ```console blocks with the output shown after each."""
    examples = []
    for block in re.finditer(r"^```console\n(.*?)^```$", text, re.MULTILINE | re.DOTALL):
        first = text.count("\n", 0, block.start(1)) + 1
        lines = block[1].splitlines()
        i = 0
        while i < len(lines):
            assert lines[i].startswith("$ ") or not lines[i].strip(), (first + i, lines[i])
            if not lines[i].startswith("$ "):
                i += 1
                continue
            where = f"README.md:{first + i}"
            command = lines[i].removeprefix("$ ")
            while command.endswith("\\"):
                i += 1
                command += "\n" + lines[i]
            i += 1
            output = []
            while i < len(lines) and lines[i].strip() and not lines[i].startswith("$ "):
                output.append(lines[i] + "\n")
                i += 1
            examples.append(Example(command, "".join(output), where))
    return examples


ALL = console_examples((REPO / "README.md").read_text(encoding="utf-8"))
EXAMPLES = [e for e in ALL if e.command.startswith("lofte ")]
# The README's other console lines, which are not lofte's to test.
# Not lofte commands: activating the venv, and the library example that
# tests/project/test_library.py runs and compares.
NOT_LOFTE = {". .venv/bin/activate", "python examples/commitment_status.py . 2024-12-31"}

# --- commands that need more than a shell, by their exact text in the README ---------------

ACTIVITIES = "data/pledges/sodra-fyrbodal-2023-2024/activities/"
TYPO = f"lofte validate {ACTIVITIES}   # after a typo in one file"
TAB = "lofte add-activity --pledge sodra-fyrbodal-2023-2024 --by <TAB><TAB>"
NEW_PLEDGE = "lofte init medborgarloften && cd medborgarloften && lofte new-pledge"


def make_the_typo(repo: Path, example: Example) -> None:
    """The typo: `kommun-3` becomes `kommun-9` in the file, line and column that the README's
    message names, so the README must name where the commitment really is."""
    match = re.match(
        r"(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): error L103 unknown commitment 'kommun-9'",
        example.output,
    )
    assert match, example.output
    path = repo / match["path"]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row, col = int(match["line"]) - 1, int(match["col"]) - 1
    assert lines[row][col:].startswith("kommun-3"), (
        f"the README points at {match['path']}:{row + 1}:{col + 1}, which is not where "
        f"kommun-3 is: {lines[row]!r}"
    )
    lines[row] = lines[row][:col] + "kommun-9" + lines[row][col + len("kommun-9") :]
    path.write_text("".join(lines), encoding="utf-8")


# Data changes a command's example assumes, made before it runs.
DATA_CHANGES: dict[str, Callable[[Path, Example], None]] = {TYPO: make_the_typo}


def complete_at_tab(example: Example, repo: Path, env: dict[str, str]) -> None:
    """<TAB><TAB> after the line: bash calls the function of lofte's completion script,
    and shows what it offers sorted, in columns."""
    line = example.command.removesuffix("<TAB><TAB>")
    program = f"""
        source <(lofte --show-completion)
        COMP_WORDS=({line}"")
        COMP_CWORD={len(shlex.split(line))}
        _lofte_completion lofte
        printf '%s\\n' "${{COMPREPLY[@]}}"
    """
    result = subprocess.run(
        ["bash", "-c", program],
        cwd=repo,
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert sorted(result.stdout.split()) == example.output.split()


# A minimal pledge, answered to the questions of `lofte new-pledge` in a terminal.
NEW_PLEDGE_ANSWERS = [
    ("Title", "Medborgarlöfte Tjörn 2026"),
    ("Id", ""),
    ("First day", "2026-01-01"),
    ("Last day", "2026-12-31"),
    ("Area", "Tjörn"),
    ("Goal", ""),
    ("Party 1, its name", "Polisen Tjörn"),
    ("Kind", ""),
    ("Id for the files", ""),
    ("Party 2, its name", "Tjörns kommun"),
    ("Kind", ""),
    ("Id for the files", ""),
    ("Party 3, its name", ""),
    ("Group", ""),
    ("Commitment 1, its text", "Synas i Skärhamn."),
    ("Promised by", "polisen"),
    ("Id for the files", ""),
    ("How often", ""),
    ("Commitment 2, its text", ""),
    ("Signatory", ""),
    ("Source", ""),
    ("Contact", ""),
    ("Write this file", "y"),
]


def init_then_new_pledge(example: Example, repo: Path, env: dict[str, str]) -> None:
    """`lofte new-pledge` without flags asks its questions in a terminal: the line runs in
    a pseudo-terminal, and the questions get a minimal pledge."""
    assert example.output == ""
    child = pexpect.spawn(
        "bash",
        ["-c", example.command],
        cwd=str(repo),
        # The lofte_cli under test where PYTHONPATH names one (a worktree's src/).
        env={**env, "TERM": "dumb", "PYTHONPATH": os.environ.get("PYTHONPATH", "")},
        encoding="utf-8",
        timeout=30,
    )
    for prompt, answer in NEW_PLEDGE_ANSWERS:
        child.expect(prompt)
        child.sendline(answer)
    child.expect("Wrote")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    pledge = repo / "medborgarloften" / "data" / "pledges" / "medborgarlofte-tjorn-2026"
    assert (pledge / "pledge.yaml").is_file()


# Commands checked in their own way instead of by their output in a shell.
OWN_WAY: dict[str, Callable[[Example, Path, dict[str, str]], None]] = {
    TAB: complete_at_tab,
    NEW_PLEDGE: init_then_new_pledge,
}

# Commands that cannot run here, with why; none so far (--install-completion runs with the
# home folder in tmp_path, and <TAB> and the prompts are handled above).
CANNOT_RUN_HERE: dict[str, str] = {}


def expected_exit_code(output: str) -> int:
    """0, or 1 when the summary shown counts errors ("Exit 0 without errors, 1 with errors")."""
    summary = re.search(r"^\d+ files? checked: (\d+) errors?,", output, re.MULTILINE)
    return 1 if summary and int(summary[1]) else 0


def bundled_copy(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for name in ("data", "schemas"):
        shutil.copytree(REPO / name, repo / name)
    return repo


def environment(home: Path) -> dict[str, str]:
    """lofte from this venv first on PATH, an empty home folder, a fixed today, and none
    of the caller's LOFTE_* or terminal settings."""
    home.mkdir()
    return {
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "LOFTE_TODAY": TODAY,
        # The lofte_cli under test where PYTHONPATH names one (a worktree's src/).
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.where for e in EXAMPLES])
def test_readme_console_example(example: Example, tmp_path: Path) -> None:
    if example.command in CANNOT_RUN_HERE:
        pytest.skip(CANNOT_RUN_HERE[example.command])
    repo = bundled_copy(tmp_path)
    env = environment(tmp_path / "home")
    if example.command in OWN_WAY:
        OWN_WAY[example.command](example, repo, env)
        return
    if example.command in DATA_CHANGES:
        DATA_CHANGES[example.command](repo, example)
    # `exit $?` after the command keeps bash from replacing itself with lofte, so lofte's
    # parent is a shell, as at a prompt (--install-completion installs for that shell).
    result = subprocess.run(
        ["bash", "-c", f"{example.command}\nexit $?"],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    if example.output:
        assert result.stdout == example.output.replace(README_HOME, env["HOME"])
    assert result.returncode == expected_exit_code(example.output), result.stdout


def test_every_console_line_is_known_and_every_special_case_is_in_the_readme():
    assert {e.command for e in ALL if not e.command.startswith("lofte ")} == NOT_LOFTE
    commands = {e.command for e in EXAMPLES}
    for special in (DATA_CHANGES, OWN_WAY, CANNOT_RUN_HERE):
        assert set(special) <= commands, set(special) - commands
    assert len(EXAMPLES) >= 10
