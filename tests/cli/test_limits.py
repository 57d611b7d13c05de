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
    return {(p["code"], Path(p["path"]).name) for p in json.loads(result.stdout)}


def test_a_link_to_a_file_outside_is_not_read(run_cli, repo, tmp_path):
    secret = write_tree(tmp_path / "outside", {"secret.yaml": "password: hunter2\n"})
    (repo / "data/pledges/p/activities/2023-05-01-x.yaml").symlink_to(secret / "secret.yaml")
    assert ("L122", "2023-05-01-x.yaml") in found(run_cli, repo)
    out = tmp_path / "site"
    run_cli("render", "--out", str(out), cwd=repo)
    assert not any("hunter2" in p.read_text(encoding="utf-8") for p in out.rglob("*.html"))


def test_a_link_inside_the_repository_is_fine(run_cli, repo):
    (repo / "data/pledges/p/activities/2023-05-01-x.yaml").symlink_to(repo / ACT)
    codes = {code for code, _ in found(run_cli, repo)}
    assert "L122" not in codes


def test_a_linked_pledge_folder_outside_is_not_read(run_cli, repo, tmp_path):
    other = copy_base(tmp_path / "other") / "data/pledges/p"
    (repo / "data/pledges/q").symlink_to(other)
    assert ("L122", "q") in found(run_cli, repo)


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
    problems = found(run_cli, repo)
    assert ("L123", "Möte 1.yaml") in problems
    assert ("L115", "Möte 1.yaml") in problems  # the file is still read and checked
    pledge = (repo / "data/pledges/p").rename(repo / "data/pledges/Pledge P")
    assert ("L123", pledge.name) in found(run_cli, repo)


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
    assert result.exit_code == 1
    assert "L303" in result.stderr and "not published" in result.stderr
    assert not out.exists()
    report = run_cli("report", "p", cwd=repo)
    assert report.exit_code == 1
    assert report.stderr.endswith(
        "lofte: not written: 1 file(s) hold personal data (above); remove it, or write the "
        "report anyway with --force\n"
    )


def test_render_with_force_says_what_it_publishes(run_cli, repo, tmp_path):
    path = with_personal_data(repo)
    out = tmp_path / "site"
    result = run_cli("render", "--out", str(out), "--force", cwd=repo)
    assert result.exit_code == 0
    assert "publishing despite personal data" in result.stderr
    assert path.name in result.stderr and "070-123 45 67" in result.stderr
    assert (out / "index.html").is_file()
