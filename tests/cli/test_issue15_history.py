"""Issue 15, point 4: the change history on the pages says when and what, not who (git
author names only with `render --history-authors`), and an ended pledge says when its
period ended and when its content last changed, never the day the site was built."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import REPO, copy_base

BUNDLED_PLEDGE = "sodra-fyrbodal-2023-2024"
BUILT = "2026-11-26"  # the day the tests build the site (LOFTE_TODAY)


def commit_all(root: Path, message: str, day: str, author: str = "Anna Svensson") -> None:
    """Commit everything in `root` as `author` on `day` (author and committer date)."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "anna.svensson@kommun.se",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "anna.svensson@kommun.se",
        "GIT_AUTHOR_DATE": f"{day}T12:00:00",
        "GIT_COMMITTER_DATE": f"{day}T12:00:00",
    }
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def all_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def bundled_repo(tmp_path: Path) -> Path:
    """The bundled data in a git repository of its own, committed by Anna Svensson in
    2025, its pledge revised by her on 3 March 2025."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "data", root / "data")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    commit_all(root, "Första versionen", "2025-01-10")
    pledge = root / "data/pledges" / BUNDLED_PLEDGE / "pledge.yaml"
    text = pledge.read_text(encoding="utf-8")
    pledge.write_text(text.replace("\ngoal:", "\n# Reviderad.\ngoal:", 1), encoding="utf-8")
    commit_all(root, "Revidera", "2025-03-03")
    return root


def test_pages_name_no_git_author_without_history_authors(run_cli, bundled_repo, tmp_path):
    out = tmp_path / "site"
    result = run_cli("render", "--out", str(out), "--format", "all", cwd=bundled_repo)
    assert result.exit_code == 0, result.stderr
    text = all_text(out)
    assert "Anna Svensson" not in text and "anna.svensson" not in text
    page = (out / BUNDLED_PLEDGE / "index.html").read_text(encoding="utf-8")
    # The history is still there: when, and what changed.
    assert "Ändringshistorik" in page
    assert '<time datetime="2025-01-10">10 januari 2025</time> — första versionen</li>' in page


def test_history_authors_names_them_and_checks_them(run_cli, bundled_repo, tmp_path):
    out = tmp_path / "site"
    result = run_cli("render", "--out", str(out), "--history-authors", cwd=bundled_repo)
    assert result.exit_code == 0, result.stderr
    page = (out / BUNDLED_PLEDGE / "index.html").read_text(encoding="utf-8")
    assert "— första versionen (Anna Svensson)</li>" in page
    pledge = bundled_repo / "data/pledges" / BUNDLED_PLEDGE / "pledge.yaml"
    pledge.write_text(pledge.read_text(encoding="utf-8") + "# Igen.\n", encoding="utf-8")
    commit_all(bundled_repo, "Ändra", "2025-04-01", author="Anna 070-123 45 67")
    refused = run_cli("render", "--out", str(out), "--history-authors", cwd=bundled_repo)
    assert refused.exit_code == 1
    assert "070-123 45 67" in refused.stderr
    # Without the flag the name is not published, so nothing holds the pages back.
    assert run_cli("render", "--out", str(out), cwd=bundled_repo).exit_code == 0
    assert "070-123" not in all_text(out)


def test_an_ended_pledge_says_when_its_period_ended_and_its_content_changed(
    run_cli, bundled_repo, tmp_path
):
    out = tmp_path / "site"
    assert run_cli("render", "--out", str(out), "--format", "all", cwd=bundled_repo).exit_code == 0
    page = (out / BUNDLED_PLEDGE / "index.html").read_text(encoding="utf-8")
    assert '<p class="ended">Perioden avslutades 31 december 2024.</p>' in page
    assert (
        '<p>Innehållet ändrades senast: <time datetime="2025-03-03">3 mars 2025</time></p>' in page
    )
    assert "26 november 2026" not in page and "Senast uppdaterad" not in page
    markdown = (out / BUNDLED_PLEDGE / "README.md").read_text(encoding="utf-8")
    assert "Perioden avslutades 31 december 2024." in markdown
    assert "*Innehållet ändrades senast: 3 mars 2025*" in markdown


def test_a_pledge_still_running_does_not_say_its_period_ended(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    out = tmp_path / "site"
    assert run_cli("render", "--out", str(out), cwd=root, today="2024-06-01").exit_code == 0
    page = (out / "p/index.html").read_text(encoding="utf-8")
    assert "Perioden avslutades" not in page
    assert run_cli("render", "--out", str(out), "--lang", "en", cwd=root).exit_code == 0
    page = (out / "p/index.html").read_text(encoding="utf-8")
    assert '<p class="ended">The period ended on 31 December 2024.</p>' in page


def test_a_file_date_that_cannot_be_read_is_left_out_not_today(tmp_path):
    from lofte_cli.data.file_dates import FileDates

    dates = FileDates(tmp_path)
    assert dates.of(tmp_path / "gone.yaml") is None
    assert dates.latest([tmp_path / "gone.yaml"]) is None
