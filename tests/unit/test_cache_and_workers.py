"""The cache under .lofte-cache/ and the worker processes: same answers, less work."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

import lofte_cli.data.file_check
from lofte_cli.data.cache import CACHE_DIR
from lofte_cli.data.loader import load_catalog
from lofte_cli.data.validate import validate
from tests.helpers import copy_base, write_tree

TODAY = date(2026, 11, 26)
ACTIVITY = "data/pledges/p/activities/2023-03-14-foraldrakvall.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_base(tmp_path / "repo")
    write_tree(
        root,
        {
            "data/pledges/p/activities/2023-05-01-fel.yaml": (
                "id: 2023-05-01-fel\ndate: 2023-05-01\nby: [kommun]\ncommitments: [kommun-9]\n"
                "title: Fel\ndescription: Ring 070-123 45 67.\nparticipants: många\n"
            )
        },
    )
    return root


def answer(root: Path, **options) -> list[tuple[str, int, int, str, str]]:
    result = validate(root, today=TODAY, **options)
    return [(p.path.name, p.line, p.col, p.code, p.message) for p in result.problems]


def count_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    checked: list[Path] = []
    real = lofte_cli.data.file_check.check_file

    def spy(kind, path, raw, contacts=()):
        checked.append(path)
        return real(kind, path, raw, contacts)

    monkeypatch.setattr(lofte_cli.data.file_check, "check_file", spy)
    return checked


def test_a_warm_run_gives_the_same_answer_without_checking_again(repo, monkeypatch):
    cold = answer(repo)
    # the fixture's 2023-05-01-fel.yaml: kommun-9 (line 4), the phone number (line 6),
    # participants: många (line 7)
    assert [(name, line, code) for name, line, _, code, _ in cold] == [
        ("2023-05-01-fel.yaml", 4, "L103"),
        ("2023-05-01-fel.yaml", 6, "L303"),
        ("2023-05-01-fel.yaml", 7, "L115"),
    ]
    assert (repo / CACHE_DIR).is_dir()
    checked = count_checks(monkeypatch)
    assert answer(repo) == cold
    assert checked == []
    assert answer(repo, use_cache=False) == cold
    assert len(checked) == 5


def test_a_changed_file_is_checked_again(repo, monkeypatch):
    answer(repo)
    checked = count_checks(monkeypatch)
    path = repo / ACTIVITY
    path.write_text(
        path.read_text(encoding="utf-8").replace("kommun-1", "kommun-7"), encoding="utf-8"
    )
    codes = [(name, code) for name, _, _, code, _ in answer(repo)]
    assert ("2023-03-14-foraldrakvall.yaml", "L103") in codes
    assert checked == [path]


def test_same_size_same_time_rewrite_is_still_seen(repo):
    """A second write within the clock's resolution keeps size and modification time; a
    file cached right after it changed is hashed again ("racy git")."""
    path = repo / ACTIVITY
    os.utime(path)  # just written
    # Checked through the pledge's folder: a check of the whole repository may take the
    # note of the last one (tests/unit/test_tree_note.py), which has its own rule for
    # files changed just now.
    folder = [repo / "data/pledges/p"]
    answer(repo, paths=folder)
    before = path.stat()
    path.write_text(
        path.read_text(encoding="utf-8").replace("kommun-1", "kommun-8"), encoding="utf-8"
    )
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    found = answer(repo, paths=folder)
    assert any(code == "L103" and name == path.name for name, _, _, code, _ in found)


def test_a_copied_cache_is_not_trusted(repo, tmp_path):
    """Files copied with their cache (another checkout) are checked anew: the cache knows
    files by their inode too, so a planted or copied cache cannot hide a problem."""
    answer(repo)
    other = tmp_path / "copy"
    shutil.copytree(repo, other)
    path = other / ACTIVITY
    stat = path.stat()
    path.write_text(
        path.read_text(encoding="utf-8").replace("kommun-1", "kommun-6"), encoding="utf-8"
    )
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert any(code == "L103" and name == path.name for name, _, _, code, _ in answer(other))


def test_a_damaged_cache_is_ignored(repo):
    cold = answer(repo)
    for cached in (repo / CACHE_DIR).rglob("*.*"):
        if cached.is_file() and cached.name != ".gitignore":
            cached.write_text("{not json", encoding="utf-8")
    assert answer(repo) == cold


def test_cache_is_json_and_ignored_by_git(repo):
    answer(repo)
    base = repo / CACHE_DIR
    assert (base / ".gitignore").read_text(encoding="utf-8") == "*\n"
    for cached in base.rglob("*.meta"):
        json.loads(cached.read_text(encoding="utf-8"))


def test_rules_see_a_change_in_another_file_of_the_pledge(repo):
    answer(repo)
    pledge = repo / "data/pledges/p/pledge.yaml"
    pledge.write_text(
        pledge.read_text(encoding="utf-8").replace("kommun-1", "kommun-9"), encoding="utf-8"
    )
    codes = {(name, code) for name, _, _, code, _ in answer(repo)}
    # kommun-1 is now kommun-9: the föräldrakväll's kommun-1 is unknown, fel's kommun-9 known
    assert codes == {
        ("2023-03-14-foraldrakvall.yaml", "L103"),
        ("2023-05-01-fel.yaml", "L303"),
        ("2023-05-01-fel.yaml", "L115"),
    }


def test_today_is_part_of_what_the_rules_cache_remembers(repo):
    assert not any(code == "L203" for *_, code, _ in answer(repo))
    early = validate(repo, today=date(2023, 3, 1))
    assert any(p.code == "L203" for p in early.problems)


def many(root: Path, n: int) -> Path:
    copy_base(root)
    for k in range(n):
        write_tree(
            root,
            {
                f"data/pledges/p/activities/2023-06-01-a{k}.yaml": (
                    f"id: 2023-06-01-a{k}\ndate: 2023-06-01\nby: [kommun]\n"
                    f"commitments: [{'kommun-1' if k % 7 else 'kommun-5'}]\n"
                    f"title: Aktivitet {k}\ndescription: Något {k}.\n"
                )
            },
        )
    return root


def test_worker_processes_give_the_same_answer(tmp_path, monkeypatch):
    root = many(tmp_path / "repo", 450)
    monkeypatch.setenv("LOFTE_JOBS", "1")
    serial = answer(root, use_cache=False)
    monkeypatch.setenv("LOFTE_JOBS", "2")
    parallel = answer(root, use_cache=False)
    assert serial == parallel
    assert sum(code == "L103" for *_, code, _ in parallel) == len(range(0, 450, 7))


def test_coverage_from_a_warm_cache_equals_a_cold_one(tmp_path):
    from lofte_cli.coverage.compute import compute_coverage
    from lofte_cli.coverage.json_shape import coverage_to_json

    root = many(tmp_path / "repo", 40)
    cold = coverage_to_json(compute_coverage(load_catalog(root).catalog, as_of=TODAY))
    warm = coverage_to_json(compute_coverage(load_catalog(root).catalog, as_of=TODAY))
    uncached = load_catalog(root, use_cache=False).catalog
    assert cold == warm == coverage_to_json(compute_coverage(uncached, as_of=TODAY))


def test_no_cache_option_leaves_no_cache(run_cli, repo):
    assert run_cli("--no-cache", "validate", cwd=repo).exit_code == 1
    assert not (repo / CACHE_DIR).exists()
