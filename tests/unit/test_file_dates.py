"""When each data file last changed: the commit date from git, whichever way the data root
and the file are spelled, and the modification time for a file git does not know."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from lofte_cli.data.file_dates import FileDates
from tests.helpers import write_tree

COMMITTED = "data/pledges/p/activities/a.yaml"
NEW = "data/pledges/p/activities/b.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = write_tree(tmp_path / "repo", {COMMITTED: "id: a\n"})
    env = {
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.invalid",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.invalid",
        "GIT_AUTHOR_DATE": "2024-03-05T12:00:00",
        "GIT_COMMITTER_DATE": "2024-03-05T12:00:00",
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "a"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env)
    write_tree(root, {NEW: "id: b\n"})
    stamp = 1_699_963_200  # 2023-11-14 at noon UTC: the 14th from UTC-11 to UTC+11
    os.utime(root / NEW, (stamp, stamp))
    return root


def test_the_same_dates_however_the_root_is_spelled(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.parent)
    spellings = [
        (repo, repo / COMMITTED, repo / NEW),
        (Path("repo"), f"repo/{COMMITTED}", f"repo/{NEW}"),
        (Path("repo"), repo / COMMITTED, repo / NEW),  # the root relative, the file not
        (Path("repo/"), f"repo/data/../{COMMITTED}", f"repo/{NEW}"),
    ]
    for root, committed, new in spellings:
        dates = FileDates(root)
        assert dates.of(committed) == date(2024, 3, 5), (root, committed)
        assert dates.of(new) == date(2023, 11, 14), (root, new)
        assert dates.of(f"repo/{COMMITTED}x") is None
    monkeypatch.chdir(repo)
    dates = FileDates(Path("."))
    assert dates.of(COMMITTED) == date(2024, 3, 5)
    assert dates.of(Path(COMMITTED)) == date(2024, 3, 5)
    assert dates.of(NEW) == date(2023, 11, 14)
    assert dates.of(repo / COMMITTED) == date(2024, 3, 5)
    assert dates.latest([COMMITTED, NEW]) == date(2024, 3, 5)
