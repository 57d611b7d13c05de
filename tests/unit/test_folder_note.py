"""A pledge folder whose files sign as its note says is taken from the note: its cache
index is not opened and no file of it is looked up, and what validate, coverage and
render say is exactly what they say without any cache.

The repository is the two-pledge one of tests/cli/test_render_takeover.py, with one
activity of Söderå that has two problems of its own, and every file dated an hour back
(a file changed within the last seconds is never trusted by its signature)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import lofte_cli.data.cache
from lofte_cli.data.cache import CACHE_DIR, dump_cache_file, load_cache_file
from tests.cli.test_render_takeover import FILES, NORRBY_ACTIVITY
from tests.helpers import site_contents

BROKEN = "data/pledges/sodera/activities/2025-08-01-fel.yaml"
BROKEN_TEXT = """\
id: 2025-08-01-fel
date: 2025-08-01
status: done
by: [kommunen]
commitments: [k7]
title: Möte utan åtagande
description: Ett möte som pekar på ett åtagande som inte finns.
hours: många
"""


def age(root: Path) -> None:
    stamp = time.time() - 3600
    for path in (root / "data").rglob("*.yaml"):
        os.utime(path, (stamp, stamp))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for name, text in {**FILES, BROKEN: BROKEN_TEXT}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    age(root)
    return root


def indexes_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pledge folders whose cache index a run opens."""
    read: list[str] = []
    real = lofte_cli.data.cache.load_cache_file

    def spy(path: Path) -> object:
        if path.name.endswith(".meta"):
            read.append(path.name.split(".")[0])
        return real(path)

    monkeypatch.setattr(lofte_cli.data.cache, "load_cache_file", spy)
    return read


def change_norrby(root: Path) -> None:
    path = root / NORRBY_ACTIVITY
    path.write_text(
        path.read_text(encoding="utf-8").replace("Fotpatrull i centrum", "Fotpatrull vid ån"),
        encoding="utf-8",
    )


def outputs(run_cli, root: Path, *extra: str) -> list[tuple[int, str, str]]:
    found = []
    for args in (("validate",), ("coverage", "--format", "json"), ("validate", "--format", "json")):
        done = run_cli(*extra, *args, cwd=root)
        found.append((done.exit_code, done.stdout, done.stderr))
    return found


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_a_folder_taken_from_its_note_says_what_no_cache_says(repo, run_cli, monkeypatch, lang):
    monkeypatch.setenv("LOFTE_LANG", lang)
    assert run_cli("validate", cwd=repo).exit_code == 1  # the cache and the notes are made
    change_norrby(repo)  # the whole repository no longer signs as its last check
    read = indexes_read(monkeypatch)
    assert run_cli("validate", cwd=repo).exit_code == 1
    assert read == ["norrby"]  # coverage reads every activity, so every index
    change_norrby(repo)
    got = outputs(run_cli, repo)
    want = outputs(run_cli, repo, "--no-cache")
    assert got == want
    assert "data/pledges/sodera/activities/2025-08-01-fel.yaml:5:" in want[0][1]


def test_the_note_holds_the_folders_keys_problems_pledge_and_rules(repo, run_cli):
    assert run_cli("validate", cwd=repo).exit_code == 1
    (note,) = (repo / CACHE_DIR).glob("*/sodera.en.folder")
    body = load_cache_file(note)
    assert sorted(body) == ["keys", "mtimes", "pledge", "problems", "rules", "signature"]
    assert [name for name, _ in body["keys"]] == [
        "activities/2025-05-05-grannsamverkan.yaml",
        "activities/2025-06-10-information.yaml",
        "activities/2025-08-01-fel.yaml",
        "pledge.yaml",
    ]
    assert {(p[0], p[3]) for p in body["problems"]} == {
        ("activities/2025-08-01-fel.yaml", "L115"),
    }
    assert {(p[0], p[3]) for p in body["rules"][1]} >= {("activities/2025-08-01-fel.yaml", "L103")}
    assert body["pledge"][1]["id"] == "sodera"


def test_a_file_changed_just_now_is_not_taken_from_a_note(repo, run_cli, monkeypatch):
    assert run_cli("validate", cwd=repo).exit_code == 1
    os.utime(repo / "data/pledges/sodera/pledge.yaml")  # now: too fresh to be signed
    change_norrby(repo)
    read = indexes_read(monkeypatch)
    assert run_cli("validate", cwd=repo).exit_code == 1
    assert sorted(set(read)) == ["norrby", "sodera"]


def test_a_replaced_file_is_read_again(repo, run_cli):
    """The same size and time, another inode (an editor writes a new file and renames it):
    the folder signs differently."""
    assert run_cli("validate", cwd=repo).exit_code == 1
    path = repo / BROKEN
    before = path.stat()
    fixed = BROKEN_TEXT.replace("[k7]", "[k1]").replace("många", "4     ")
    assert len(fixed.encode()) == before.st_size
    other = path.with_name("ny.tmp")
    other.write_text(fixed, encoding="utf-8")
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    other.replace(path)
    change_norrby(repo)
    got = run_cli("validate", cwd=repo)
    assert got.stdout.splitlines()[-1] == "8 files checked: 0 errors, 0 warnings"


@pytest.mark.parametrize(
    "damage",
    [
        lambda body: {**body, "keys": [["pledge.yaml", 1]]},
        lambda body: {**body, "problems": [["x", 1, 1, "L999", "?", "error"]]},
        lambda body: {**body, "pledge": ["k", []]},
        lambda body: {**body, "rules": ["fp", "none"]},
        lambda body: {**body, "mtimes": {"pledge.yaml": "igår"}},
        lambda body: {k: v for k, v in body.items() if k != "keys"},
    ],
)
def test_a_damaged_note_is_not_taken(repo, run_cli, damage):
    assert run_cli("validate", cwd=repo).exit_code == 1
    (note,) = (repo / CACHE_DIR).glob("*/sodera.en.folder")
    dump_cache_file(note, damage(load_cache_file(note)), note.parent)
    change_norrby(repo)
    assert outputs(run_cli, repo) == outputs(run_cli, repo, "--no-cache")


def test_damaged_bytes_in_a_note_are_not_taken(repo, run_cli):
    assert run_cli("validate", cwd=repo).exit_code == 1
    (note,) = (repo / CACHE_DIR).glob("*/sodera.en.folder")
    raw = bytearray(note.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    note.write_bytes(bytes(raw))
    change_norrby(repo)
    assert outputs(run_cli, repo) == outputs(run_cli, repo, "--no-cache")


def test_a_render_with_a_folder_from_its_note_is_the_render_without_cache(repo, run_cli, tmp_path):
    (repo / BROKEN).unlink()
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    change_norrby(repo)
    age(repo)
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    assert (
        run_cli("--no-cache", "render", "--out", str(tmp_path / "fresh"), cwd=repo).exit_code == 0
    )
    assert site_contents(repo / "site") == site_contents(tmp_path / "fresh")


def test_a_note_that_holds_is_not_written_again(repo, run_cli):
    assert run_cli("validate", cwd=repo).exit_code == 1
    notes = sorted((repo / CACHE_DIR).glob("*/*.en.folder"))
    assert [n.name for n in notes] == ["norrby.en.folder", "sodera.en.folder"]
    for note in notes:
        os.utime(note, ns=(0, 0))
    assert run_cli("coverage", "--format", "json", cwd=repo).exit_code == 0
    assert [n.stat().st_mtime_ns == 0 for n in notes] == [True, True]
    change_norrby(repo)
    stamp = time.time() - 1800  # a file changed within the last seconds is not signed
    os.utime(repo / NORRBY_ACTIVITY, (stamp, stamp))
    assert run_cli("validate", cwd=repo).exit_code == 1
    assert [n.stat().st_mtime_ns == 0 for n in notes] == [False, True]


def test_validating_some_files_leaves_the_folders_notes_alone(repo, run_cli, monkeypatch):
    """pre-commit runs `lofte validate` on the files a commit changes: that check reads
    each other pledge's pledge.yaml only, and must not put a note of that part in place of
    the whole folder's."""
    assert run_cli("validate", cwd=repo).exit_code == 1
    notes = {n.name: n.read_bytes() for n in (repo / CACHE_DIR).glob("*/*.en.folder")}
    assert sorted(notes) == ["norrby.en.folder", "sodera.en.folder"]
    path = repo / NORRBY_ACTIVITY
    assert run_cli("validate", str(path), cwd=repo).exit_code == 0
    after = {n.name: n.read_bytes() for n in (repo / CACHE_DIR).glob("*/*.en.folder")}
    assert after == notes
    change_norrby(repo)
    read = indexes_read(monkeypatch)
    assert run_cli("validate", cwd=repo).exit_code == 1
    assert read == ["norrby"]
