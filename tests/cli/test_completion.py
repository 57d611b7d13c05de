"""Shell completion, through the real mechanism: the `lofte` console script run the way the
shell scripts Typer installs run it, with the completion environment variables set."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import copy_base, write_tree

# Slow as a whole (~15 s): every test starts the console script several times, per shell.
pytestmark = pytest.mark.slow

LOFTE = str(Path(sys.executable).parent / "lofte")

SECOND_PLEDGE = """\
id: q
title: Medborgarlöfte Annanstad 2025
period: {start: 2025-01-01}
parties:
  polisen: {name: Lokalpolisområde Annanstad, kind: police}
  annanstad: {name: Annanstads kommun, kind: municipality}
  bostadsbolaget: {name: Bostadsbolaget AB, kind: other}
groups:
  alla-kommuner: [annanstad]
commitments:
  - {id: polis-1, by: polisen, text: Synas i centrum på fredagskvällar.}
  - {id: bolag-1, by: bostadsbolaget, text: Belysa gångvägarna runt husen.}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two pledges: the corpus base `p`, and `q` with other parties and commitments."""
    root = copy_base(tmp_path / "repo")
    return write_tree(root, {"data/pledges/q/pledge.yaml": SECOND_PLEDGE})


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOFTE_", "_LOFTE_"))}
    return {**env, **extra}


def complete(shell: str, line: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """What lofte answers when the shell asks to complete `line` (the cursor at its end)."""
    if shell == "bash":
        words = line.split()
        cword = len(words) if line.endswith(" ") else len(words) - 1
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(cword)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": line}
        if shell == "fish":
            env.setdefault("_TYPER_COMPLETE_FISH_ACTION", "get-args")
    return subprocess.run(
        [LOFTE],
        cwd=cwd,
        env=_env(_LOFTE_COMPLETE=f"complete_{shell}", **env),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def offered(shell: str, line: str, cwd: Path, **env: str) -> dict[str, str]:
    """The candidates offered, id → help (empty for bash, which shows no help)."""
    result = complete(shell, line, cwd, **env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout.strip()
    if shell == "bash":
        return dict.fromkeys(out.splitlines(), "") if out else {}
    if shell == "zsh":
        if out == "_files":  # zsh's answer when there is nothing to offer
            return {}
        assert out.startswith("_arguments '*: :((") and out.endswith("))'"), out
        items = out.removeprefix("_arguments '*: :((").removesuffix("))'").splitlines()
        return dict(_zsh_item(item) for item in items)
    return dict(line.partition("\t")[::2] for line in out.splitlines())


def _zsh_item(item: str) -> tuple[str, str]:
    match = re.fullmatch(r'"([^"]*)"(?::"(.*)")?', item)
    assert match, item
    return match[1], (match[2] or "").replace("\\\\:", ":")  # Typer escapes colons


SHELLS = ["bash", "zsh", "fish"]


@pytest.mark.parametrize("shell", SHELLS)
def test_pledge_ids_for_pledge_options_and_arguments(shell, repo):
    for line in (
        "lofte add-activity --pledge ",
        "lofte assess --pledge ",
        "lofte history ",
        "lofte report ",
        "lofte coverage ",
        "lofte import sheet.csv --pledge ",
    ):
        assert list(offered(shell, line, repo)) == ["p", "q"], line


@pytest.mark.parametrize("shell", SHELLS)
def test_parties_and_groups_of_the_chosen_pledge(shell, repo):
    chosen = offered(shell, "lofte add-activity --pledge q --by ", repo)
    assert list(chosen) == ["polisen", "annanstad", "bostadsbolaget", "alla-kommuner"]
    everyone = offered(shell, "lofte add-activity --by ", repo)
    assert set(everyone) == {"polisen", "kommun", "kommun2", "kommunerna", *chosen}
    assert list(offered(shell, "lofte add-activity --by kommun", repo)) == [
        "kommun",
        "kommun2",
        "kommunerna",
    ]


@pytest.mark.parametrize("shell", SHELLS)
def test_commitment_ids_of_the_chosen_pledge(shell, repo):
    assert list(offered(shell, "lofte add-activity --pledge q --commitment ", repo)) == [
        "polis-1",
        "bolag-1",
    ]
    assert list(offered(shell, "lofte add-activity --commitment ", repo)) == [
        "polis-1",
        "polis-2",
        "kommun-1",
        "bolag-1",
    ]
    assert list(offered(shell, "lofte assess --pledge p k", repo)) == ["kommun-1"]
    assert list(offered(shell, "lofte assess pol", repo)) == ["polis-1", "polis-2"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_show_the_text_beside_the_id(shell, repo):
    commitments = offered(shell, "lofte add-activity --pledge p --commitment ", repo)
    assert commitments["polis-2"] == "Delta i föräldramöten när skolorna ber om det."
    parties = offered(shell, "lofte add-activity --pledge p --by ", repo)
    assert parties["kommun2"] == "Andra kommunen"
    assert parties["kommunerna"] == "group of kommun, kommun2"
    assert offered(shell, "lofte history ", repo)["q"] == "Medborgarlöfte Annanstad 2025"


def test_fish_completes_ids_instead_of_files_only_where_there_are_ids(repo):
    def asks(line: str) -> int:
        return complete("fish", line, repo, _TYPER_COMPLETE_FISH_ACTION="is-args").returncode

    assert asks("lofte history ") == 0
    assert asks("lofte validate ") == 1  # fish then offers file names


def test_the_data_root_is_found_as_the_command_would_find_it(repo, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    inside = repo / "data" / "pledges" / "q"
    assert list(offered("bash", "lofte history ", inside)) == ["p", "q"]
    assert list(offered("bash", f"lofte --data {repo} history ", elsewhere)) == ["p", "q"]
    assert list(offered("bash", "lofte history ", elsewhere, LOFTE_DATA=str(repo))) == ["p", "q"]


@pytest.mark.parametrize("shell", SHELLS)
def test_outside_a_repository_nothing_is_offered_and_nothing_printed(shell, tmp_path):
    assert offered(shell, "lofte history ", tmp_path) == {}
    assert offered(shell, f"lofte --data {tmp_path / 'nowhere'} history ", tmp_path) == {}


@pytest.mark.parametrize(
    "broken",
    [
        b"id: [unclosed\n",
        b"\xff\xfe not utf-8",
        b"",
        b"- just\n- a list\n",
        b"parties: [polisen]\ngroups: {x: 1}\ncommitments: {polis-1: text}\n",
        b"parties: {'Not A Slug': {name: x}}\ncommitments: [{id: 7}, {id: 'a b'}]\n",
    ],
)
@pytest.mark.parametrize("shell", SHELLS)
def test_a_broken_pledge_file_costs_only_its_own_ids(shell, repo, broken):
    (repo / "data" / "pledges" / "q" / "pledge.yaml").write_bytes(broken)
    parties = offered(shell, "lofte add-activity --by ", repo)
    assert {"polisen", "kommun", "kommun2", "kommunerna"} <= set(parties)
    commitments = offered(shell, "lofte assess ", repo)
    assert {"polis-1", "polis-2", "kommun-1"} <= set(commitments)
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in [*parties, *commitments])


def test_new_pledge_commitment_is_not_completed_with_ids(repo):
    """There --commitment is ID:PARTY:TEXT for a pledge that does not exist yet."""
    assert offered("bash", "lofte new-pledge --commitment ", repo) == {}


@pytest.mark.parametrize("shell", SHELLS)
def test_the_completion_script_for_each_shell(shell):
    result = subprocess.run(
        [LOFTE],
        env=_env(_LOFTE_COMPLETE=f"source_{shell}"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"_LOFTE_COMPLETE=complete_{shell}" in result.stdout


def test_show_completion_prints_the_script_for_the_shell_it_runs_in():
    result = subprocess.run(
        ["bash", "-c", f"{LOFTE} --show-completion; true"],  # `; true`: bash must not exec
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "complete -o default -F _lofte_completion lofte" in result.stdout


def test_install_completion_writes_the_script_and_sources_it_from_bashrc(tmp_path):
    result = subprocess.run(
        ["bash", "-c", f"{LOFTE} --install-completion; true"],
        env=_env(HOME=str(tmp_path)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert "bash completion installed" in result.stdout, result.stderr
    script = tmp_path / ".bash_completions" / "lofte.sh"
    assert "_LOFTE_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text(encoding="utf-8")


def test_bash_with_the_installed_script_completes_pledge_ids(repo):
    """End to end: bash sources the script lofte prints and calls its completion function
    as it does on TAB."""
    program = f"""
        source <({LOFTE} --show-completion)
        COMP_WORDS=(lofte add-activity --pledge p --commitment "")
        COMP_CWORD=5
        _lofte_completion {LOFTE}
        printf '%s\\n' "${{COMPREPLY[@]}}"
    """
    result = subprocess.run(
        ["bash", "-c", program],
        cwd=repo,
        env=_env(PATH=f"{Path(LOFTE).parent}{os.pathsep}{os.environ.get('PATH', '')}"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["polis-1", "polis-2", "kommun-1"]
