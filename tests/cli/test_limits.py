"""Limits: links out of the repository, names that are not ids, and personal data kept out
of what is published."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import copy_base, write_tree

ACT = "data/pledges/p/activities/2023-03-14-foraldrakvall.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_base(tmp_path / "repo")


def found(run_cli, root: Path) -> set[tuple[str, str]]:
    result = run_cli("validate", "--format", "json", cwd=root)
    problems = json.loads(result.stdout)
    assert result.exit_code == (1 if any(p["severity"] == "error" for p in problems) else 0)
    return {(p["code"], Path(p["path"]).name) for p in problems}


def test_a_link_to_a_file_outside_is_not_read(run_cli, repo, tmp_path):
    secret = write_tree(tmp_path / "outside", {"secret.yaml": "password: hunter2\n"})
    (repo / "data/pledges/p/activities/2023-05-01-x.yaml").symlink_to(secret / "secret.yaml")
    assert found(run_cli, repo) == {("L122", "2023-05-01-x.yaml")}
    out = tmp_path / "site"
    refused = run_cli("render", "--out", str(out), cwd=repo)
    # A file with an error stops publishing; --force publishes what is valid.
    assert refused.exit_code == 1
    assert refused.stderr == (
        "data/pledges/p/activities/2023-05-01-x.yaml:1:1: error L122 not read: a link to a "
        "file outside the data repository\n"
        "lofte: not published: 1 file(s) have errors (above); fix them (lofte validate shows "
        "how), or add --force to leave them out\n"
    )
    assert not out.exists()
    result = run_cli("render", "--out", str(out), "--force", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "left out, not published: data/pledges/p/activities/2023-05-01-x.yaml:1:1: error L122 "
        "not read: a link to a file outside the data repository\n"
    )
    # The base pledge p by hand: index.html, the accessibility statement and style.css,
    # p/index.html, how it is counted, the feed and the calendar, one page per activity (2)
    # and per party (polisen, kommun, kommun2): 12 files, and the manifest of what was written.
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == [
        ".lofte-site.json",
        "index.html",
        "p/activities.xml",
        "p/activities/2023-03-14-foraldrakvall.html",
        "p/activities/2023-04-02-trafikkontroll.html",
        "p/how-it-is-counted.html",
        "p/index.html",
        "p/parties/kommun.html",
        "p/parties/kommun2.html",
        "p/parties/polisen.html",
        "p/planned.ics",
        "style.css",
        "tillganglighet.html",
    ]
    assert result.stdout == f"Wrote 12 files to {out}/; open {out / 'index.html'}\n"
    assert [p for p in out.rglob("*") if p.is_file() and b"hunter2" in p.read_bytes()] == []


def test_a_link_inside_the_repository_is_fine(run_cli, repo):
    (repo / "data/pledges/p/activities/2023-05-01-x.yaml").symlink_to(repo / ACT)
    # The link is read like any file: it holds the activity 2023-03-14-foraldrakvall, so its
    # id does not match its name (L108) and it repeats that activity (L118); no L122.
    assert found(run_cli, repo) == {("L108", "2023-05-01-x.yaml"), ("L118", "2023-05-01-x.yaml")}


def test_a_linked_pledge_folder_outside_is_not_read(run_cli, repo, tmp_path):
    other = copy_base(tmp_path / "other") / "data/pledges/p"
    (repo / "data/pledges/q").symlink_to(other)
    assert found(run_cli, repo) == {("L122", "q")}  # q's files are not read: nothing else


def test_names_that_are_not_ids(run_cli, repo):
    text = (repo / ACT).read_text(encoding="utf-8")
    write_tree(
        repo,
        {
            "data/pledges/p/activities/Möte 1.yaml": text.replace(
                "id: 2023-03-14-foraldrakvall", "id: Möte 1"
            )
        },
    )
    # The file is still read and checked: its id is not an id either (L115), and it is a
    # copy of 2023-03-14-foraldrakvall (L118).
    activity = {("L123", "Möte 1.yaml"), ("L115", "Möte 1.yaml"), ("L118", "Möte 1.yaml")}
    assert found(run_cli, repo) == activity
    (repo / "data/pledges/p").rename(repo / "data/pledges/Pledge P")
    # The folder is still read too: its pledge.yaml says id p, not the folder's name (L108).
    assert found(run_cli, repo) == activity | {("L123", "Pledge P"), ("L108", "pledge.yaml")}


def test_many_files_in_one_folder(run_cli, repo):
    text = (repo / ACT).read_text(encoding="utf-8")
    folder = repo / "data/pledges/p/activities"
    for k in range(3000):
        (folder / f"2023-03-14-m{k}.yaml").write_text(
            text.replace("2023-03-14-foraldrakvall", f"2023-03-14-m{k}").replace(
                "Föräldrakväll om droger", f"Möte {k}"
            ),
            encoding="utf-8",
        )
    result = run_cli("validate", cwd=repo)
    assert result.exit_code == 0, result.stdout[-500:]
    assert "3004 files checked" in result.stdout


def with_personal_data(repo: Path) -> Path:
    path = repo / ACT
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "om droger och sociala medier.", "om droger. Ring Anna på 070-123 45 67."
        ),
        encoding="utf-8",
    )
    return path


def test_render_refuses_personal_data(run_cli, repo, tmp_path):
    with_personal_data(repo)
    out = tmp_path / "site"
    result = run_cli("render", "--out", str(out), cwd=repo)
    refusal = (
        f"{ACT}:7:62: error L303 phone number '070-123 45 67' in public text (description)\n"
        "lofte: not published: 1 file(s) hold personal data (above); remove it, or publish "
        "anyway with --force\n"
    )
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", refusal)
    assert not out.exists()
    report = run_cli("report", "p", cwd=repo)
    not_written = refusal.replace(
        "not published: 1 file(s) hold personal data (above); remove it, or publish anyway",
        "not written: 1 file(s) hold personal data (above); remove it, or write the report anyway",
    )
    assert not_written != refusal
    assert (report.exit_code, report.stdout, report.stderr) == (1, "", not_written)


def test_render_with_force_says_what_it_publishes(run_cli, repo, tmp_path):
    path = with_personal_data(repo)
    out = tmp_path / "site"
    result = run_cli("render", "--out", str(out), "--force", cwd=repo)
    assert result.exit_code == 0
    assert result.stderr == (
        f"publishing despite personal data: {ACT}:7:62: error L303 phone number "
        "'070-123 45 67' in public text (description)\n"
    )
    assert path.name in result.stderr
    assert result.stdout == f"Wrote 12 files to {out}/; open {out / 'index.html'}\n"
    assert "070-123 45 67" in (out / "p/activities/2023-03-14-foraldrakvall.html").read_text(
        encoding="utf-8"
    )  # --force publishes the file as it is
