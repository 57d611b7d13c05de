"""A pledge whose files, day and surroundings are as at the last render into the folder is
taken over whole: its pages stay as they are and its activities are not even read. The
site is byte for byte what a render from nothing makes, whatever changed in between.

The repository here is written for these tests: two pledges, Norrby (three activities)
and Söderå (two), each with its own parties."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from lofte_cli.publish.publication import prepare_publication
from lofte_cli.publish.takeover import plan_takeover
from tests.helpers import site_contents, site_inodes

TODAY = date(2026, 11, 26)

NORRBY = """\
id: norrby
title: Medborgarlöfte Norrby 2025–2026
language: sv
area: Norrby
period: {start: 2025-01-01, end: 2026-12-31}
parties:
  polis: {name: Lokalpolisområde Norrby, kind: police}
  kommun: {name: Norrby kommun, kind: municipality}
goal: Tryggare centrum på kvällarna.
commitments:
  - id: polis-1
    by: polis
    text: Gå fotpatrull i centrum varje fredagskväll.
    expect: {count: 1, per: week}
  - id: kommun-1
    by: kommun
    text: Laga trasig belysning i gångtunnlarna.
signatories:
  - {name: Karin Lund, role: Kommundirektör, party: kommun}
  - {name: Olle Berg, role: Lokalpolisområdeschef, party: polis}
"""

SODERA = """\
id: sodera
title: Medborgarlöfte Söderå 2025
language: sv
area: Söderå
period: {start: 2025-01-01, end: 2025-12-31}
parties:
  polisen: {name: Polisen Söderå, kind: police}
  kommunen: {name: Söderå kommun, kind: municipality}
goal: Färre inbrott i villaområdena.
commitments:
  - id: p1
    by: polisen
    text: Informera om grannsamverkan i alla villaområden.
  - id: k1
    by: kommunen
    text: Bjuda in till två möten om grannsamverkan.
    expect: {count: 2, per: period}
signatories:
  - {name: Eva Ek, role: Kommunchef, party: kommunen}
  - {name: Sven Sjö, role: Lokalpolisområdeschef, party: polisen}
"""


def activity(ident: str, by: str, commitment: str, title: str) -> str:
    return (
        f"id: {ident}\ndate: {ident[:10]}\nstatus: done\nby: [{by}]\n"
        f"commitments: [{commitment}]\ntitle: {title}\ndescription: {title}.\nhours: 3\n"
    )


FILES = {
    "data/pledges/norrby/pledge.yaml": NORRBY,
    "data/pledges/norrby/activities/2025-02-07-fotpatrull.yaml": activity(
        "2025-02-07-fotpatrull", "polis", "polis-1", "Fotpatrull i centrum"
    ),
    "data/pledges/norrby/activities/2025-03-14-fotpatrull.yaml": activity(
        "2025-03-14-fotpatrull", "polis", "polis-1", "Fotpatrull vid torget"
    ),
    "data/pledges/norrby/activities/2025-04-01-belysning.yaml": activity(
        "2025-04-01-belysning", "kommun", "kommun-1", "Ny belysning i tunneln vid skolan"
    ),
    "data/pledges/sodera/pledge.yaml": SODERA,
    "data/pledges/sodera/activities/2025-05-05-grannsamverkan.yaml": activity(
        "2025-05-05-grannsamverkan", "kommunen", "k1", "Möte om grannsamverkan i Ekbacken"
    ),
    "data/pledges/sodera/activities/2025-06-10-information.yaml": activity(
        "2025-06-10-information", "polisen", "p1", "Information i Björkhagen"
    ),
}
NORRBY_ACTIVITY = "data/pledges/norrby/activities/2025-02-07-fotpatrull.yaml"
SODERA_PAGES = [
    "sodera/activities.xml",
    "sodera/activities/2025-05-05-grannsamverkan.html",
    "sodera/activities/2025-06-10-information.html",
    "sodera/how-it-is-counted.html",
    "sodera/index.html",
    "sodera/parties/kommunen.html",
    "sodera/parties/polisen.html",
    "sodera/planned.ics",
]


@pytest.fixture
def repo(tmp_path: Path, run_cli) -> Path:
    root = tmp_path / "repo"
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    first = run_cli("render", "--out", "site", cwd=root)
    assert (first.exit_code, first.stderr) == (0, "")
    return root


def same_as_fresh(repo: Path, run_cli, tmp_path: Path, *args: str) -> None:
    """The site in repo/site is byte for byte a render from nothing, without the cache."""
    fresh = tmp_path / "fresh"
    done = run_cli("--no-cache", "render", "--out", str(fresh), *args, cwd=repo)
    assert done.exit_code == 0
    assert site_contents(repo / "site") == site_contents(fresh)


def taken_over(repo: Path, **options: object) -> tuple[list[str], dict[str, int]]:
    """Which pledges a render into repo/site would take over, and how many activities of
    each pledge it reads."""
    publication = prepare_publication(repo, today=TODAY, history=True, only_changed=True)
    plan = plan_takeover(
        publication,
        repo / "site",
        as_of=options.get("as_of", TODAY),  # type: ignore[arg-type]
        language=None,
        history_authors=False,
        formats=("html",),
        templates=None,
        enabled=True,
    )
    read = {key: len(data.activities) for key, data in plan.catalog.pledges.items()}
    return sorted(plan.taken), read


def change(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_an_unchanged_pledge_is_taken_over_without_reading_its_activities(repo, monkeypatch):
    monkeypatch.chdir(repo)
    change(repo, NORRBY_ACTIVITY, "title: Fotpatrull i centrum", "title: Fotpatrull på torget")
    assert taken_over(repo) == (["sodera"], {"norrby": 3, "sodera": 0})


def test_one_changed_activity_leaves_the_other_pledge_as_it_was(repo, run_cli, tmp_path):
    before = site_inodes(repo / "site")
    change(repo, NORRBY_ACTIVITY, "title: Fotpatrull i centrum", "title: Fotpatrull på torget")
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    after = site_inodes(repo / "site")
    kept = sorted(name for name in after if before.get(name) == after[name])
    assert [name for name in kept if name.startswith("sodera/")] == SODERA_PAGES
    assert "norrby/activities/2025-02-07-fotpatrull.html" not in kept
    assert "norrby/activities/2025-03-14-fotpatrull.html" in kept
    assert "index.html" not in kept
    same_as_fresh(repo, run_cli, tmp_path)
    assert "Fotpatrull på torget" in (repo / "site/norrby/index.html").read_text(encoding="utf-8")


def test_the_index_counts_the_activities_of_a_pledge_taken_over(repo, run_cli, tmp_path):
    change(repo, NORRBY_ACTIVITY, "status: done", "status: cancelled")
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    same_as_fresh(repo, run_cli, tmp_path)


def test_a_new_and_a_removed_activity_and_a_removed_pledge(repo, run_cli, tmp_path):
    (repo / NORRBY_ACTIVITY).unlink()
    new = repo / "data/pledges/sodera/activities/2025-07-01-grannsamverkan.yaml"
    new.write_text(
        activity("2025-07-01-grannsamverkan", "kommunen", "k1", "Möte i Ekbacken igen"),
        encoding="utf-8",
    )
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    same_as_fresh(repo, run_cli, tmp_path)
    for path in sorted((repo / "data/pledges/sodera").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (repo / "data/pledges/sodera").rmdir()
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    assert not (repo / "site/sodera").exists()
    same_as_fresh(repo, run_cli, tmp_path / "again")


def test_a_changed_pledge_changes_the_pages_of_the_pledge_around_it(repo, run_cli, tmp_path):
    # Norrby now supersedes Söderå: Söderå's pages say so, so it is not taken over.
    change(
        repo,
        "data/pledges/norrby/pledge.yaml",
        "language: sv\n",
        "language: sv\nsupersedes: sodera\n",
    )
    assert taken_over(repo) == ([], {"norrby": 3, "sodera": 2})


def test_another_day_takes_over_nothing(repo, monkeypatch):
    monkeypatch.chdir(repo)
    assert taken_over(repo, as_of=date(2026, 11, 27)) == ([], {"norrby": 3, "sodera": 2})
    assert taken_over(repo) == (["norrby", "sodera"], {"norrby": 0, "sodera": 0})


def test_a_file_dated_another_day_is_made_again(repo, run_cli, tmp_path):
    # Outside git a page dates a file by its modification time: the same bytes, touched a
    # day later, change what the pledge's pages say.
    path = repo / "data/pledges/sodera/activities/2025-06-10-information.yaml"
    stamp = path.stat().st_mtime - 2 * 86400
    os.utime(path, (stamp, stamp))
    assert taken_over(repo)[0] == ["norrby"]
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    same_as_fresh(repo, run_cli, tmp_path)


def test_a_page_changed_by_hand_is_not_taken_over(repo, run_cli, tmp_path):
    page = repo / "site/sodera/activities/2025-06-10-information.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"<html", b"<HTML", 1))
    assert taken_over(repo)[0] == ["norrby"]
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    assert page.read_bytes() == original


def test_a_page_removed_by_hand_is_made_again(repo, run_cli, tmp_path):
    (repo / "site/sodera/parties/polisen.html").unlink()
    assert taken_over(repo)[0] == ["norrby"]
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    same_as_fresh(repo, run_cli, tmp_path)


def note_of(repo: Path, pledge: str) -> Path:
    (note,) = (repo / ".lofte-cache").glob(f"*/render-*/{pledge}.json")
    return note


@pytest.mark.parametrize(
    "damage",
    [
        lambda body: {**body, "summary": {"coverage": 1}},
        lambda body: {**body, "summary": None},
        lambda body: {**body, "pages": {**body["pages"], "sodera/index.html": [1, 2, 3, 4]}},
        lambda body: {**body, "pages": {"norrby/index.html": ["a", "b", 1, 2]}},
        lambda body: {**body, "inputs": 7},
    ],
)
def test_a_damaged_note_is_not_taken_for_the_pledge(repo, run_cli, tmp_path, damage):
    """Damage that keeps the seal (a note rewritten with the seal lofte gives it): the
    pledge is made again, the site is the same."""
    from lofte_cli.data.cache import dump_cache_file, load_cache_file

    note = note_of(repo, "sodera")
    body = load_cache_file(note)
    assert set(body) == {"key", "inputs", "summary", "pages"}
    dump_cache_file(note, damage(body), note.parent)
    assert taken_over(repo)[0] == ["norrby"]
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    same_as_fresh(repo, run_cli, tmp_path)


def test_damaged_bytes_in_a_note_are_not_taken_for_the_pledge(repo, run_cli, tmp_path):
    note = note_of(repo, "sodera")
    raw = bytearray(note.read_bytes())
    raw[len(raw) // 2] ^= 0x20
    note.write_bytes(bytes(raw))
    assert taken_over(repo)[0] == ["norrby"]
    assert run_cli("render", "--out", "site", cwd=repo).exit_code == 0
    same_as_fresh(repo, run_cli, tmp_path)


def test_a_file_left_out_for_its_errors_keeps_its_pledge_from_being_taken_over(
    repo, run_cli, tmp_path
):
    change(repo, NORRBY_ACTIVITY, "status: done", "status: klar-typ")
    done = run_cli("render", "--out", "site", "--force", cwd=repo)
    assert done.exit_code == 0
    assert not (repo / "site/norrby/activities/2025-02-07-fotpatrull.html").exists()
    again = run_cli("render", "--out", "site", "--force", cwd=repo)
    assert again.exit_code == 0
    assert taken_over(repo)[0] == ["sodera"]
    same_as_fresh(repo, run_cli, tmp_path, "--force")


def test_markdown_and_no_cache_take_over_nothing(repo, run_cli):
    publication = prepare_publication(repo, today=TODAY, history=True, only_changed=True)
    for formats, enabled in ((("html", "markdown"), True), (("html",), False)):
        plan = plan_takeover(
            publication,
            repo / "site",
            as_of=TODAY,
            language=None,
            history_authors=False,
            formats=formats,
            templates=None,
            enabled=enabled,
        )
        assert (plan.taken, {k: len(d.activities) for k, d in plan.catalog.pledges.items()}) == (
            {},
            {"norrby": 3, "sodera": 2},
        )


def git(repo: Path, *args: str, day: str) -> None:
    stamp = f"{day}T12:00:00+01:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_AUTHOR_NAME": "Samordnare",
        "GIT_AUTHOR_EMAIL": "samordnare@example.org",
        "GIT_COMMITTER_NAME": "Samordnare",
        "GIT_COMMITTER_EMAIL": "samordnare@example.org",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_a_commit_that_dates_a_file_anew_makes_its_pledge_again(tmp_path, run_cli):
    """In git a page dates a file by its last commit: committing it changes what the page
    says without changing a byte of the file."""
    root = tmp_path / "repo"
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    git(root, "init", "-q", day="2025-08-01")
    (root / ".gitignore").write_text("site/\n.lofte-cache/\n", encoding="utf-8")
    late = "data/pledges/sodera/activities/2025-06-10-information.yaml"
    git(root, "add", ".", day="2025-08-01")
    git(root, "reset", "-q", late, day="2025-08-01")
    git(root, "commit", "-q", "-m", "Norrby och Söderå", day="2025-08-01")
    assert run_cli("render", "--out", "site", cwd=root).exit_code == 0
    page = root / "site/sodera/activities/2025-06-10-information.html"
    assert "15 september 2025" not in page.read_text(encoding="utf-8")
    git(root, "add", late, day="2025-09-15")
    git(root, "commit", "-q", "-m", "Information i Björkhagen", day="2025-09-15")
    assert taken_over(root)[0] == ["norrby"]
    assert run_cli("render", "--out", "site", cwd=root).exit_code == 0
    assert "15 september 2025" in page.read_text(encoding="utf-8")
    same_as_fresh(root, run_cli, tmp_path)


def test_the_note_holds_what_the_index_shows_of_the_pledge(repo):
    from lofte_cli.data.cache import load_cache_file

    summary = load_cache_file(note_of(repo, "sodera"))["summary"]
    assert (summary["done"], summary["updated"] is not None) == (2, True)
    coverage = summary["coverage"]
    assert (coverage["id"], coverage["activities_recorded"], coverage["pairs_total"]) == (
        "sodera",
        2,
        2,
    )
    assert json.dumps(coverage["start"]) == '"2025-01-01"'
