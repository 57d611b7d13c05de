"""The note of the last whole-repository check: a check of an unchanged tree takes the
problems noted without opening the pledges' caches, and anything that could change a
problem (a file's content, a name, a new or removed entry, the day, the language, the
issue forms) is a different tree. Files are given times well in the past, as files are
when a person runs `lofte validate` again; a file changed just now is never trusted."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest

import lofte_cli.data.validate
from lofte_cli.data.cache import CACHE_DIR, code_fingerprint, file_system_now
from lofte_cli.data.cache_entries import sealed
from lofte_cli.data.tree_note import tree_signature
from lofte_cli.data.validate import validate
from lofte_cli.i18n import speaking
from tests.helpers import copy_base, write_tree

TODAY = date(2026, 11, 26)
ACTIVITIES = "data/pledges/p/activities"
ACTIVITY = f"{ACTIVITIES}/2023-03-14-foraldrakvall.yaml"
WRONG = (
    "id: 2023-05-01-fel\ndate: 2023-05-01\nby: [kommun]\ncommitments: [kommun-9]\n"
    "title: Fel\ndescription: Fel.\n"
)
DAY_AGO = time.time_ns() - 86_400 * 10**9


def age(root: Path, ns: int = DAY_AGO) -> None:
    """Give every file of the repository a modification time in the past."""
    for path in (root / "data").rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.utime(path, ns=(ns, ns))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_base(tmp_path / "repo")
    write_tree(root, {f"{ACTIVITIES}/2023-05-01-fel.yaml": WRONG})
    age(root)
    return root


@pytest.fixture
def the_long_way(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Counts the checks made the long way (finding and reading the files)."""
    calls: list[Path] = []
    real = lofte_cli.data.validate.find_data_files

    def spy(root: Path):  # type: ignore[no-untyped-def]
        calls.append(root)
        return real(root)

    monkeypatch.setattr(lofte_cli.data.validate, "find_data_files", spy)
    return calls


def answer(root: Path, **options) -> list[tuple[str, int, int, str, str]]:  # type: ignore[no-untyped-def]
    result = validate(root, today=options.pop("today", TODAY), **options)
    return [(p.path.name, p.line, p.col, p.code, p.severity) for p in result.problems]


FOUND = [("2023-05-01-fel.yaml", 4, 15, "L103", "error")]


def test_an_unchanged_tree_takes_the_noted_problems(repo: Path, the_long_way: list[Path]) -> None:
    assert answer(repo) == FOUND
    assert (repo / CACHE_DIR).glob("*/validate.en.note")
    result = validate(repo, today=TODAY)
    assert [(p.path, p.message) for p in result.problems] == [
        (
            repo / ACTIVITIES / "2023-05-01-fel.yaml",
            "unknown commitment 'kommun-9'; did you mean 'kommun-1'? "
            "(pledge p has polis-1, polis-2, kommun-1)",
        )
    ]
    assert result.files_checked == 5
    assert the_long_way == [repo]  # the first check only


def test_strict_applies_to_the_noted_problems(repo: Path, the_long_way: list[Path]) -> None:
    write_tree(repo, {f"{ACTIVITIES}/2023-06-01-kort.yaml": WRONG.replace("kommun-9", "kommun-1")})
    age(repo)
    first = answer(repo)
    assert answer(repo, strict=True) == [(*p[:4], "error") for p in first]
    assert len(the_long_way) == 1


def test_a_changed_file_is_checked_the_long_way(repo: Path, the_long_way: list[Path]) -> None:
    answer(repo)
    path = repo / ACTIVITY
    path.write_text(path.read_text("utf-8").replace("kommun-1", "kommun-7"), "utf-8")
    age(repo, DAY_AGO + 10**9)
    assert answer(repo) == [
        ("2023-03-14-foraldrakvall.yaml", 5, 15, "L103", "error"),
        *FOUND,
    ]
    assert len(the_long_way) == 2


def test_new_removed_and_renamed_entries_make_another_tree(repo: Path) -> None:
    answer(repo)
    misplaced = repo / "data/pledges/p/anteckning.yaml"
    misplaced.write_text("id: x\n", "utf-8")
    age(repo)
    assert ("anteckning.yaml", 1, 1, "L120", "error") in answer(repo)
    misplaced.unlink()
    assert answer(repo) == FOUND
    (repo / ACTIVITIES / "2023-05-01-fel.yaml").rename(repo / ACTIVITIES / "Fel.yaml")
    assert ("Fel.yaml", 1, 1, "L123", "error") in answer(repo)
    (repo / ACTIVITIES / "Fel.yaml").unlink()
    assert answer(repo) == []
    (repo / ACTIVITIES / "tom").mkdir()
    assert answer(repo) == [("tom", 1, 1, "L120", "error")]


def test_hidden_files_do_not_count(repo: Path, the_long_way: list[Path]) -> None:
    answer(repo)
    (repo / ACTIVITIES / ".2023-05-01-fel.yaml.swp").write_text("x", "utf-8")
    assert answer(repo) == FOUND
    assert len(the_long_way) == 1


def test_another_day_or_language_is_another_check(repo: Path) -> None:
    answer(repo)
    assert ("2023-05-01-fel.yaml", 2, 7, "L203", "error") in answer(repo, today=date(2023, 3, 1))
    with speaking("sv"):
        swedish = validate(repo, today=TODAY)
    assert [p.message for p in swedish.problems] == [
        "okänt åtagande 'kommun-9'; menade du 'kommun-1'? "
        "(i löftet p finns polis-1, polis-2, kommun-1)"
    ]
    assert answer(repo) == FOUND


def test_only_the_whole_repository_is_noted(repo: Path, the_long_way: list[Path]) -> None:
    answer(repo)
    part = validate(repo, paths=[repo / ACTIVITY], today=TODAY)
    assert part.problems == ()
    assert part.files_checked == 1
    assert len(the_long_way) == 2


def test_without_the_cache_nothing_is_noted_or_taken(repo: Path, the_long_way: list[Path]) -> None:
    answer(repo, use_cache=False)
    answer(repo, use_cache=False)
    assert not (repo / CACHE_DIR).exists()
    assert len(the_long_way) == 2


def test_a_damaged_or_foreign_note_is_ignored(repo: Path) -> None:
    answer(repo)
    (note,) = (repo / CACHE_DIR).glob("*/validate.en.note")
    signature = tree_signature(repo, today=TODAY)
    context = f"{code_fingerprint()}/{note.name}"
    for damage in (
        b"{not json",
        note.read_bytes().replace(b"L103", b"L104"),  # the seal no longer holds
        b"",
        # sealed, but of another shape
        sealed({"signature": signature, "files": "5", "problems": []}, context),
        sealed({"signature": signature, "files": 5, "problems": [["x", 1, 1, "L999"]]}, context),
        sealed([signature, 5, []], context),
    ):
        note.write_bytes(damage)
        assert answer(repo) == FOUND


def test_links_and_just_changed_files_are_never_trusted(repo: Path) -> None:
    assert tree_signature(repo, today=TODAY) is not None
    (repo / ACTIVITIES / "lank.yaml").symlink_to(repo / ACTIVITY)
    assert tree_signature(repo, today=TODAY) is None
    (repo / ACTIVITIES / "lank.yaml").unlink()
    # Changed as the walk begins (by the file system's clock) or later: a second change
    # in the same tick of that clock would keep its time.
    soon = time.time_ns() + 60 * 10**9
    os.utime(repo / ACTIVITY, ns=(soon, soon))
    assert tree_signature(repo, today=TODAY) is None
    os.utime(repo / ACTIVITY, ns=(DAY_AGO, DAY_AGO))
    assert tree_signature(repo, today=TODAY) is not None


def test_a_file_written_just_before_the_check_is_trusted_by_the_file_systems_clock(
    repo: Path, the_long_way: list[Path]
) -> None:
    """Files written a moment before the first check (a checkout, a generated repository)
    are older than the walk by the file system's own clock: the second check takes the
    note."""
    path = repo / ACTIVITY
    path.write_text(path.read_text("utf-8").replace("kommun-1", "kommun-7"), "utf-8")
    time.sleep(0.05)  # more than a tick of any Linux clock the file system reads
    first = answer(repo)
    assert first == [("2023-03-14-foraldrakvall.yaml", 5, 15, "L103", "error"), *FOUND]
    assert answer(repo) == first
    assert len(the_long_way) == 1


def test_the_clock_file_is_made_only_in_lofte_s_own_folder(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo / CACHE_DIR).symlink_to(elsewhere)
    assert file_system_now(repo, repo / "data/pledges") is None
    assert list(elsewhere.iterdir()) == []
    (repo / CACHE_DIR).unlink()
    assert file_system_now(repo, repo / "data/pledges") is not None
    assert sorted(p.name for p in (repo / CACHE_DIR).iterdir()) == [".gitignore"]


def test_the_issue_forms_are_part_of_the_tree(repo: Path) -> None:
    before = tree_signature(repo, today=TODAY)
    form = repo / ".github/ISSUE_TEMPLATE/lofte-aktivitet.yml"
    form.parent.mkdir(parents=True)
    form.write_text("# Skapad av lofte forms\n# lofte forms: made from p@0\n", "utf-8")
    os.utime(form, ns=(DAY_AGO, DAY_AGO))
    assert tree_signature(repo, today=TODAY) not in (None, before)
    assert ("lofte-aktivitet.yml", 2, 1, "L130", "warning") in answer(repo)
