"""A render into the folder of the last one takes over the pages that would be made from the
same inputs (the same file, linked: same inode) and makes the others again; the site is
byte for byte what a render from nothing makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import copy_base, site_contents, site_inodes

ACTIVITY = "data/pledges/p/activities/2023-04-02-trafikkontroll.yaml"
PLEDGE_PAGES = [
    "p/activities.xml",
    "p/how-it-is-counted.html",
    "p/index.html",
    "p/parties/kommun.html",
    "p/parties/kommun2.html",
    "p/parties/polisen.html",
    "p/planned.ics",
]


def made_again(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(name for name in after if before.get(name) != after[name])


@pytest.fixture
def repo(tmp_path, run_cli) -> Path:
    root = copy_base(tmp_path / "repo")
    assert run_cli("render", "--out", "site", cwd=root).exit_code == 0
    return root


def pledge_page_names(root: Path) -> list[str]:
    parties = sorted(p.stem for p in (root / "site/p/parties").glob("*.html"))
    assert parties == ["kommun", "kommun2", "polisen"]
    return PLEDGE_PAGES


def site_pages(site: Path) -> list[str]:
    """The pages above the pledges, made by every render."""
    return sorted(name for name in site_inodes(site) if not name.startswith("p/"))


def test_an_unchanged_repository_takes_over_every_pledge_page(repo, run_cli):
    before = site_inodes(repo / "site")
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    after = site_inodes(repo / "site")
    assert made_again(before, after) == site_pages(repo / "site")


def test_one_changed_activity_makes_its_page_and_the_pledges_pages_again(repo, run_cli, tmp_path):
    before = site_inodes(repo / "site")
    path = repo / ACTIVITY
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: ", "title: Ny "), encoding="utf-8"
    )
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    after = site_inodes(repo / "site")
    expected = sorted(
        [
            *pledge_page_names(repo),
            "p/activities/2023-04-02-trafikkontroll.html",
            *site_pages(repo / "site"),
        ]
    )
    assert made_again(before, after) == expected
    assert (
        run_cli("render", "--no-cache", "--out", str(tmp_path / "fresh"), cwd=repo).exit_code == 0
    )
    fresh = site_contents(tmp_path / "fresh")
    assert site_contents(repo / "site") == fresh


def test_a_page_changed_by_hand_is_made_again(repo, run_cli):
    page = repo / "site/p/activities/2023-04-02-trafikkontroll.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"<html", b"<HTML", 1))  # same size, another file
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    assert page.read_bytes() == original


@pytest.mark.parametrize("damage", [b"", b"{", b"[]", b'{"key": "x", "pages": {}}', b'{"key": 1}'])
def test_a_damaged_note_makes_every_page_again_and_the_same_site(repo, run_cli, damage):
    (note,) = (repo / ".lofte-cache").glob("*/render-*/p.json")
    note.write_bytes(damage)
    before = site_inodes(repo / "site")
    expected = site_contents(repo / "site")
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    assert made_again(before, site_inodes(repo / "site")) == sorted(before)
    assert site_contents(repo / "site") == expected


def test_no_cache_makes_every_page_again(repo, run_cli):
    before = site_inodes(repo / "site")
    assert run_cli("render", "--no-cache", "--out", "site", cwd=repo).exit_code == 0
    assert made_again(before, site_inodes(repo / "site")) == sorted(before)


def test_another_day_makes_the_pledges_pages_again(repo, run_cli):
    before = site_inodes(repo / "site")
    assert run_cli("render", "--out", "site", "--as-of", "2024-06-30", cwd=repo).exit_code == 0
    # Both activities were done in 2023: their pages read the same on either day.
    again = made_again(before, site_inodes(repo / "site"))
    assert again == sorted([*PLEDGE_PAGES, *site_pages(repo / "site")])
