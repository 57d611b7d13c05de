"""A pledge's revisions are read from git once per newest commit of its pledge.yaml, and
are what git says: after a new commit, a damaged cache, or none."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import lofte_cli.data.history_cache as history_cache
from lofte_cli.data.cache import CACHE_DIR, dump_cache_file, load_cache_file
from lofte_cli.data.history import Revision, pledge_history
from lofte_cli.data.history_cache import pledge_histories
from tests.cli.test_render_takeover import FILES

ENV = {
    "GIT_AUTHOR_NAME": "Samordnare",
    "GIT_AUTHOR_EMAIL": "samordnare@example.org",
    "GIT_COMMITTER_NAME": "Samordnare",
    "GIT_COMMITTER_EMAIL": "samordnare@example.org",
}


def git(root: Path, *args: str, day: str = "2025-08-01") -> None:
    stamp = f"{day}T12:00:00+01:00"
    env = {**os.environ, **ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "data")
    git(root, "commit", "-q", "-m", "Två löften")
    return root


def asked_git(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pledges whose history is read from git."""
    asked: list[str] = []

    def spy(root: Path, key: str) -> list[Revision]:
        asked.append(key)
        return pledge_history(root, key)

    monkeypatch.setattr(history_cache, "pledge_history", spy)
    return asked


def test_read_once_then_from_the_cache(repo, monkeypatch):
    asked = asked_git(monkeypatch)
    first = pledge_histories(repo, ["norrby", "sodera"], use_cache=True)
    assert asked == ["norrby", "sodera"]
    again = pledge_histories(repo, ["norrby", "sodera"], use_cache=True)
    assert asked == ["norrby", "sodera"]
    assert again == first
    (revision,) = first["sodera"]
    assert (revision.date.isoformat(), revision.author, revision.added, revision.first) == (
        "2025-08-01",
        "Samordnare",
        ("p1", "k1"),
        True,
    )


def test_a_new_commit_of_a_pledge_reads_its_history_again(repo, monkeypatch):
    pledge_histories(repo, ["norrby", "sodera"], use_cache=True)
    path = repo / "data/pledges/sodera/pledge.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "alla villaområden", "alla villaområden och radhusområden"
        ),
        encoding="utf-8",
    )
    git(repo, "commit", "-q", "-am", "Söderå: radhusen också", day="2025-09-15")
    asked = asked_git(monkeypatch)
    found = pledge_histories(repo, ["norrby", "sodera"], use_cache=True)
    assert asked == ["sodera"]
    assert [(r.date.isoformat(), r.reworded) for r in found["sodera"]] == [
        ("2025-08-01", ()),
        ("2025-09-15", ("p1",)),
    ]


def test_an_uncommitted_pledge_has_no_history_and_git_is_not_asked(repo, monkeypatch):
    new = repo / "data/pledges/ny/pledge.yaml"
    new.parent.mkdir()
    new.write_text(FILES["data/pledges/sodera/pledge.yaml"], encoding="utf-8")
    asked = asked_git(monkeypatch)
    assert pledge_histories(repo, ["ny"], use_cache=True) == {"ny": []}
    assert asked == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda body: {**body, "sodera": [body["sodera"][0], [{"commit": 1}]]},
        lambda body: {**body, "sodera": ["0" * 40, body["sodera"][1]]},
        lambda body: {**body, "sodera": "x"},
        lambda body: [],
    ],
)
def test_a_damaged_entry_is_read_from_git_again(repo, monkeypatch, damage):
    want = pledge_histories(repo, ["norrby", "sodera"], use_cache=False)
    pledge_histories(repo, ["norrby", "sodera"], use_cache=True)
    (path,) = (repo / CACHE_DIR).glob("*/histories.json")
    dump_cache_file(path, damage(load_cache_file(path)), path.parent)
    asked = asked_git(monkeypatch)
    assert pledge_histories(repo, ["norrby", "sodera"], use_cache=True) == want
    assert "sodera" in asked


def test_outside_git_there_is_no_history(tmp_path):
    root = tmp_path / "repo"
    (root / "data/pledges/norrby").mkdir(parents=True)
    (root / "data/pledges/norrby/pledge.yaml").write_text(
        FILES["data/pledges/norrby/pledge.yaml"], encoding="utf-8"
    )
    assert pledge_histories(root, ["norrby"], use_cache=True) == {"norrby": []}
