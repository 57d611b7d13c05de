"""Acceptance tests for issue 12: outputs that overwrite, withdrawn pages, personal data
through side doors, broken files dropped in silence, and smaller ones.

Black-box: every test runs the `lofte` console script as a subprocess in a data repository
built in tmp_path, with LOFTE_TODAY=2026-11-26. Nothing of lofte is imported. Assertions are
on exit codes, files and their bytes, and on whether personal-data text appears; never on
the wording of messages.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

# Slow as a whole (~20 s): 92 black-box cases, each running the console script.
pytestmark = pytest.mark.slow

LOFTE = Path(sys.executable).parent / "lofte"
REPO = Path(__file__).resolve().parents[2]
BASE = REPO / "tests" / "corpus" / "base"
TODAY = "2026-11-26"

PLEDGE = "p"
PLEDGE_DIR = f"data/pledges/{PLEDGE}"
PLEDGE_FILE = f"{PLEDGE_DIR}/pledge.yaml"
ACTIVITIES = f"{PLEDGE_DIR}/activities"
# Two activities of the base corpus: one stays valid, the other is broken in some tests.
VALID_ID = "2023-04-02-trafikkontroll"
VALID_TITLE = "Trafikkontroll av EPA-traktorer"
BROKEN_ID = "2023-03-14-foraldrakvall"
BROKEN_TITLE = "Föräldrakväll om droger"

PHONE = "070-123 45 67"
PLANNED_ID = "2027-03-01-planerad-kontroll"


# ------------------------------------------------ helpers


def lofte(cwd: Path, *args: str, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run `lofte ARGS` in `cwd` with a fixed today and no LOFTE_* settings from outside."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOFTE_")}
    env["LOFTE_TODAY"] = TODAY

    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [str(LOFTE), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
        preexec_fn=set_umask,
    )


def git(cwd: Path, *args: str, name: str = "Trygghetssamordnare") -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(
        ["git", "-c", f"user.name={name}", "-c", "user.email=team@kommun.se", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env=env,
    )


def snapshot(
    root: Path, skip: tuple[str, ...] = (".lofte-cache", ".git")
) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under root, by relative path."""
    result: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts and rel.parts[0] in skip:
            continue
        if path.is_symlink() or path.is_file():
            result[rel.as_posix()] = path.read_bytes()
        elif path.is_dir():
            result[rel.as_posix() + "/"] = None
    return result


def names(root: Path) -> set[str]:
    return set(snapshot(root, skip=()))


def all_text(root: Path) -> str:
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace") for p in root.rglob("*") if p.is_file()
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The base corpus as a data repository, with its schemas and a hand-written README."""
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    shutil.copytree(REPO / "schemas", root / "schemas")
    (root / "README.md").write_text(
        "# Våra medborgarlöften\n\nSkrivet för hand.\n", encoding="utf-8"
    )
    return root


def add_activity(root: Path, activity_id: str, date: str, title: str, status: str = "done") -> Path:
    path = root / ACTIVITIES / f"{activity_id}.yaml"
    path.write_text(
        f"id: {activity_id}\n"
        f"date: {date}\n"
        f"status: {status}\n"
        "by: [polisen]\n"
        "commitments: [polis-1]\n"
        f"title: {title}\n"
        "description: Kontroll av EPA-traktorer vid skolan.\n"
        "measures: {kontroller: 1}\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def phone_repo(repo: Path) -> Path:
    """A pledge that runs past today with a planned activity whose title holds a phone number."""
    pledge = repo / PLEDGE_FILE
    text = pledge.read_text(encoding="utf-8")
    assert "end: 2024-12-31" in text
    pledge.write_text(text.replace("end: 2024-12-31", "end: 2027-12-31"), encoding="utf-8")
    add_activity(repo, PLANNED_ID, "2027-03-01", f"Trafikkontroll, ring {PHONE}", status="planned")
    return repo


def break_activity(root: Path, kind: str) -> None:
    """Give BROKEN_ID a schema error (`titel` for `title`) or a rule error (unknown commitment)."""
    path = root / ACTIVITIES / f"{BROKEN_ID}.yaml"
    text = path.read_text(encoding="utf-8")
    if kind == "schema":
        new = text.replace("\ntitle:", "\ntitel:")
    else:
        new = text.replace("commitments: [kommun-1]", "commitments: [kommun-9]")
    assert new != text
    path.write_text(new, encoding="utf-8")


def page(site: Path, activity_id: str) -> Path:
    return site / PLEDGE / "activities" / f"{activity_id}.html"


# ------------------------------------------------ sanity (works today)


def test_base_repository_is_valid_and_renders(repo: Path) -> None:
    assert lofte(repo, "validate").returncode == 0
    result = lofte(repo, "render", "--out", "site")
    assert result.returncode == 0, result.stderr
    assert page(repo / "site", VALID_ID).is_file()
    assert page(repo / "site", BROKEN_ID).is_file()


def test_render_into_an_empty_folder_works(repo: Path) -> None:
    (repo / "site").mkdir()
    result = lofte(repo, "render", "--out", "site")
    assert result.returncode == 0, result.stderr
    assert (repo / "site" / "index.html").is_file()


# ------------------------------------------------ 1. --out overwrites anything


def test_render_refuses_a_foreign_non_empty_folder(repo: Path) -> None:
    other = repo / "other"
    (other / "sub").mkdir(parents=True)
    (other / "notes.txt").write_text("mina anteckningar\n", encoding="utf-8")
    (other / "index.html").write_text("<p>min egen sida</p>\n", encoding="utf-8")
    (other / "sub" / "style.css").write_text("body{}\n", encoding="utf-8")
    before = snapshot(other)
    result = lofte(repo, "render", "--out", "other")
    assert result.returncode == 1, result.stdout + result.stderr
    assert snapshot(other) == before


def test_render_markdown_into_the_repository_keeps_its_readme(repo: Path) -> None:
    before = snapshot(repo)
    result = lofte(repo, "render", "--format", "markdown", "--out", ".")
    assert result.returncode != 0, result.stdout + result.stderr
    assert snapshot(repo) == before
    assert (repo / "README.md").read_text(encoding="utf-8").startswith("# Våra medborgarlöften")


@pytest.mark.parametrize(
    "out",
    [
        ".",
        "REPO-ABSOLUTE",
        "data",
        "data/pledges",
        PLEDGE_DIR,
        f"{PLEDGE_DIR}/site",
        f"{ACTIVITIES}/site",
        "schemas",
        "schemas/site",
    ],
)
def test_render_refuses_the_repository_data_and_schemas(repo: Path, out: str) -> None:
    if out == "REPO-ABSOLUTE":
        out = str(repo)
    before = snapshot(repo)
    result = lofte(repo, "render", "--format", "all", "--out", out)
    assert result.returncode != 0, result.stdout + result.stderr
    assert snapshot(repo) == before


def test_render_refuses_a_folder_holding_a_data_repository(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "andra"
    shutil.copytree(BASE, other)
    before = snapshot(other)
    result = lofte(repo, "render", "--out", str(other))
    assert result.returncode != 0, result.stdout + result.stderr
    assert snapshot(other) == before


def test_render_twice_into_the_same_folder_works(repo: Path) -> None:
    first = lofte(repo, "render", "--out", "site")
    assert first.returncode == 0, first.stderr
    second = lofte(repo, "render", "--out", "site")
    assert second.returncode == 0, second.stderr
    assert page(repo / "site", VALID_ID).is_file()


def test_report_refuses_to_overwrite_a_hand_written_file(repo: Path) -> None:
    notes = repo / "notes.md"
    notes.write_text("Mina egna anteckningar.\n", encoding="utf-8")
    result = lofte(repo, "report", PLEDGE, "--out", "notes.md")
    assert result.returncode == 1, result.stdout + result.stderr
    assert notes.read_text(encoding="utf-8") == "Mina egna anteckningar.\n"


def test_report_force_overwrites_a_hand_written_file(repo: Path) -> None:
    notes = repo / "notes.md"
    notes.write_text("Mina egna anteckningar.\n", encoding="utf-8")
    result = lofte(repo, "report", PLEDGE, "--out", "notes.md", "--force")
    assert result.returncode == 0, result.stderr
    assert notes.read_text(encoding="utf-8") != "Mina egna anteckningar.\n"


def test_report_replaces_its_own_earlier_output(repo: Path) -> None:
    first = lofte(repo, "report", PLEDGE, "--out", "rapport.md", "--to", "2023-03-31")
    assert first.returncode == 0, first.stderr
    old = (repo / "rapport.md").read_bytes()
    second = lofte(repo, "report", PLEDGE, "--out", "rapport.md", "--to", "2024-12-31")
    assert second.returncode == 0, second.stderr
    assert (repo / "rapport.md").read_bytes() != old


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize(
    "target", [PLEDGE_FILE, f"{ACTIVITIES}/{VALID_ID}.yaml", "schemas/pledge.schema.json"]
)
def test_report_never_writes_over_a_data_file_or_schema(
    repo: Path, target: str, force: bool
) -> None:
    before = snapshot(repo)
    args = ["report", PLEDGE, "--out", target] + (["--force"] if force else [])
    result = lofte(repo, *args)
    assert result.returncode != 0, result.stdout + result.stderr
    assert snapshot(repo) == before


@pytest.mark.parametrize("target", [f"{PLEDGE_DIR}/rapport.md", "schemas/rapport.md"])
def test_report_never_writes_a_new_file_under_data_or_schemas(repo: Path, target: str) -> None:
    before = snapshot(repo)
    result = lofte(repo, "report", PLEDGE, "--out", target, "--force")
    assert result.returncode != 0, result.stdout + result.stderr
    assert snapshot(repo) == before


def test_export_json_refuses_to_overwrite_a_hand_written_file(repo: Path) -> None:
    target = repo / "oppna-data.json"
    target.write_text('{"mitt": "eget"}\n', encoding="utf-8")
    result = lofte(repo, "export", "--out", "oppna-data.json")
    assert result.returncode == 1, result.stdout + result.stderr
    assert target.read_text(encoding="utf-8") == '{"mitt": "eget"}\n'


def test_export_json_force_overwrites_a_hand_written_file(repo: Path) -> None:
    target = repo / "oppna-data.json"
    target.write_text('{"mitt": "eget"}\n', encoding="utf-8")
    result = lofte(repo, "export", "--out", "oppna-data.json", "--force")
    assert result.returncode == 0, result.stderr
    assert "pledges" in json.loads(target.read_text(encoding="utf-8"))


def test_export_json_replaces_its_own_earlier_output(repo: Path) -> None:
    first = lofte(repo, "export", "--out", "oppna-data.json", "--as-of", "2023-06-30")
    assert first.returncode == 0, first.stderr
    second = lofte(repo, "export", "--out", "oppna-data.json", "--as-of", "2024-12-31")
    assert second.returncode == 0, second.stderr
    data = json.loads((repo / "oppna-data.json").read_text(encoding="utf-8"))
    assert data["as_of"] == "2024-12-31"


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize(
    "target", [PLEDGE_FILE, "schemas/activity.schema.json", f"{PLEDGE_DIR}/export.json"]
)
def test_export_json_never_writes_under_data_or_schemas(
    repo: Path, target: str, force: bool
) -> None:
    before = snapshot(repo)
    args = ["export", "--out", target] + (["--force"] if force else [])
    result = lofte(repo, *args)
    assert result.returncode != 0, result.stdout + result.stderr
    assert snapshot(repo) == before


def test_export_csv_refuses_to_overwrite_a_hand_written_file(repo: Path) -> None:
    folder = repo / "export"
    folder.mkdir()
    (folder / "activities.csv").write_text("min;egen;tabell\n", encoding="utf-8")
    before = snapshot(folder)
    result = lofte(repo, "export", "--format", "csv", "--out", "export")
    assert result.returncode == 1, result.stdout + result.stderr
    assert snapshot(folder) == before


def test_export_csv_force_overwrites_a_hand_written_file(repo: Path) -> None:
    folder = repo / "export"
    folder.mkdir()
    (folder / "activities.csv").write_text("min;egen;tabell\n", encoding="utf-8")
    result = lofte(repo, "export", "--format", "csv", "--out", "export", "--force")
    assert result.returncode == 0, result.stderr
    text = (folder / "activities.csv").read_text(encoding="utf-8-sig")
    assert text != "min;egen;tabell\n"
    assert VALID_ID in text


def test_export_csv_replaces_its_own_earlier_output(repo: Path) -> None:
    first = lofte(repo, "export", "--format", "csv", "--out", "export", "--as-of", "2023-06-30")
    assert first.returncode == 0, first.stderr
    old = (repo / "export" / "coverage.csv").read_bytes()
    second = lofte(repo, "export", "--format", "csv", "--out", "export", "--as-of", "2024-12-31")
    assert second.returncode == 0, second.stderr
    assert (repo / "export" / "coverage.csv").read_bytes() != old


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("target", [PLEDGE_DIR, ACTIVITIES, "schemas", "data/pledges"])
def test_export_csv_never_writes_under_data_or_schemas(
    repo: Path, target: str, force: bool
) -> None:
    before = snapshot(repo)
    args = ["export", "--format", "csv", "--out", target] + (["--force"] if force else [])
    result = lofte(repo, *args)
    assert result.returncode != 0, result.stdout + result.stderr
    assert snapshot(repo) == before


# ------------------------------------------------ 2. withdrawn pages


def test_page_of_a_deleted_activity_is_gone_after_the_next_render(repo: Path) -> None:
    assert lofte(repo, "render", "--out", "site").returncode == 0
    assert page(repo / "site", BROKEN_ID).is_file()
    (repo / ACTIVITIES / f"{BROKEN_ID}.yaml").unlink()
    result = lofte(repo, "render", "--out", "site")
    assert result.returncode == 0, result.stderr
    assert not page(repo / "site", BROKEN_ID).exists()
    assert page(repo / "site", VALID_ID).is_file()
    assert BROKEN_TITLE not in all_text(repo / "site")


def test_files_a_person_added_to_the_site_are_never_removed(repo: Path) -> None:
    assert lofte(repo, "render", "--out", "site").returncode == 0
    site = repo / "site"
    (site / "CNAME").write_text("medborgarlofte.kommun.se\n", encoding="utf-8")
    (site / PLEDGE / "activities" / "handskriven.html").write_text(
        "<p>egen</p>\n", encoding="utf-8"
    )
    (repo / ACTIVITIES / f"{BROKEN_ID}.yaml").unlink()
    result = lofte(repo, "render", "--out", "site")
    assert result.returncode == 0, result.stderr
    assert (site / "CNAME").read_text(encoding="utf-8") == "medborgarlofte.kommun.se\n"
    assert (site / PLEDGE / "activities" / "handskriven.html").read_text(
        encoding="utf-8"
    ) == "<p>egen</p>\n"


def test_render_does_not_overwrite_a_hand_placed_file_at_a_page_name(repo: Path) -> None:
    assert lofte(repo, "render", "--out", "site").returncode == 0
    new_id = "2024-05-02-trafikkontroll-vid-skolan"
    add_activity(repo, new_id, "2024-05-02", "Trafikkontroll vid skolan")
    hand = page(repo / "site", new_id)
    hand.write_text("<p>skriven för hand</p>\n", encoding="utf-8")
    before_names = names(repo / "site")
    result = lofte(repo, "render", "--out", "site")
    assert result.returncode == 1, result.stdout + result.stderr
    assert hand.read_text(encoding="utf-8") == "<p>skriven för hand</p>\n"
    assert names(repo / "site") <= before_names


# ------------------------------------------------ 3. personal data through side doors


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv"])
def test_coverage_refuses_a_planned_title_with_a_phone_number(phone_repo: Path, fmt: str) -> None:
    result = lofte(phone_repo, "coverage", "--format", fmt)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "070-123" not in result.stdout


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv"])
def test_coverage_force_names_the_phone_number(phone_repo: Path, fmt: str) -> None:
    result = lofte(phone_repo, "coverage", "--format", fmt, "--force")
    assert result.returncode == 0, result.stdout + result.stderr
    assert PHONE in result.stderr


def test_export_json_refuses_a_phone_number(phone_repo: Path) -> None:
    result = lofte(phone_repo, "export", "--out", "oppna-data.json")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "070-123" not in result.stdout
    assert not (phone_repo / "oppna-data.json").exists()  # nothing written at all


def test_export_json_to_stdout_refuses_a_phone_number(phone_repo: Path) -> None:
    result = lofte(phone_repo, "export")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "070-123" not in result.stdout


def test_export_csv_refuses_a_phone_number(phone_repo: Path) -> None:
    result = lofte(phone_repo, "export", "--format", "csv", "--out", "export")
    assert result.returncode == 1, result.stdout + result.stderr
    assert not (phone_repo / "export").exists()  # nothing written at all


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_force_names_the_phone_number(phone_repo: Path, fmt: str) -> None:
    result = lofte(phone_repo, "export", "--format", fmt, "--out", f"export-{fmt}", "--force")
    assert result.returncode == 0, result.stderr
    assert PHONE in result.stderr


def test_render_refuses_a_phone_number_in_feed_and_calendar(phone_repo: Path) -> None:
    result = lofte(phone_repo, "render", "--out", "site")
    assert result.returncode == 1, result.stdout + result.stderr
    site = phone_repo / "site"
    for name in ("activities.xml", "planned.ics"):
        for path in site.rglob(name):
            assert "070-123" not in path.read_text(encoding="utf-8")


def test_render_force_names_the_phone_number(phone_repo: Path) -> None:
    result = lofte(phone_repo, "render", "--out", "site", "--force")
    assert result.returncode == 0, result.stderr
    assert PHONE in result.stderr


@pytest.fixture
def history_repo(repo: Path) -> Path:
    """A git repository where the pledge was changed in a commit whose author name holds a
    phone number."""
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Första versionen")
    pledge = repo / PLEDGE_FILE
    text = pledge.read_text(encoding="utf-8")
    pledge.write_text(
        text.replace("minst två trafikkontroller", "minst tre trafikkontroller"), encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "Ändra polis-1", name=f"Anna {PHONE}")
    return repo


# Issue 15 changed these: the pages name the authors of the change history only with
# --history-authors, and only then are those names checked (and a phone number refused).
def test_render_refuses_a_phone_number_in_a_commit_author_name(history_repo: Path) -> None:
    result = lofte(history_repo, "render", "--out", "site", "--history-authors")
    assert result.returncode == 1, result.stdout + result.stderr
    assert PHONE in result.stderr
    assert not (history_repo / "site").exists()  # nothing written at all


def test_render_force_names_a_phone_number_in_a_commit_author_name(history_repo: Path) -> None:
    result = lofte(history_repo, "render", "--out", "site", "--history-authors", "--force")
    assert result.returncode == 0, result.stderr
    assert PHONE in result.stderr
    assert "070-123" in all_text(history_repo / "site")  # forced: the name is published


def test_render_without_history_authors_publishes_no_author_name(history_repo: Path) -> None:
    result = lofte(history_repo, "render", "--out", "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert PHONE not in result.stderr
    site = history_repo / "site"
    assert "070-123" not in all_text(site) and "Trygghetssamordnare" not in all_text(site)


def test_render_markdown_has_no_change_history_so_the_author_is_not_published(
    history_repo: Path,
) -> None:
    # The Markdown summaries show no change history, so the author name is not published
    # and there is nothing to refuse; the HTML pages, which show it, are refused above.
    result = lofte(history_repo, "render", "--format", "markdown", "--out", "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = history_repo / "site"
    assert (site / "README.md").is_file()
    assert "070-123" not in all_text(site)


def test_commit_subject_with_a_phone_number_is_not_published_unflagged(repo: Path) -> None:
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Första versionen")
    pledge = repo / PLEDGE_FILE
    text = pledge.read_text(encoding="utf-8")
    pledge.write_text(
        text.replace("minst två trafikkontroller", "minst tre trafikkontroller"), encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", f"Ändrat efter samtal med {PHONE}")
    result = lofte(repo, "render", "--out", "site")
    if result.returncode == 0:
        assert "070-123" not in all_text(repo / "site")
    else:
        assert result.returncode == 1, result.stderr
        assert PHONE in result.stderr


# ------------------------------------------------ 4. broken files dropped in silence

KINDS = ["schema", "rule"]
PUBLISHERS = {
    "render": (["render", "--out", "site"], "site"),
    "report": (["report", PLEDGE, "--out", "rapport.md"], "rapport.md"),
    "export-json": (["export", "--out", "oppna-data.json"], "oppna-data.json"),
    "export-csv": (["export", "--format", "csv", "--out", "export"], "export"),
}


@pytest.mark.parametrize("command", list(PUBLISHERS))
@pytest.mark.parametrize("kind", KINDS)
def test_publishing_with_a_broken_file_stops_and_names_it(
    repo: Path, kind: str, command: str
) -> None:
    break_activity(repo, kind)
    args, out = PUBLISHERS[command]
    result = lofte(repo, *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert BROKEN_ID in result.stderr
    target = repo / out
    assert not target.exists() or (target.is_dir() and not any(target.rglob("*")))


@pytest.mark.parametrize("kind", KINDS)
def test_render_force_publishes_the_valid_and_names_the_broken(repo: Path, kind: str) -> None:
    break_activity(repo, kind)
    result = lofte(repo, "render", "--out", "site", "--force")
    assert result.returncode == 0, result.stderr
    assert BROKEN_ID in result.stderr
    assert page(repo / "site", VALID_ID).is_file()
    assert not page(repo / "site", BROKEN_ID).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_report_force_reports_the_valid_and_names_the_broken(repo: Path, kind: str) -> None:
    break_activity(repo, kind)
    result = lofte(repo, "report", PLEDGE, "--out", "rapport.md", "--force")
    assert result.returncode == 0, result.stderr
    assert BROKEN_ID in result.stderr
    text = (repo / "rapport.md").read_text(encoding="utf-8")
    assert VALID_TITLE in text
    assert BROKEN_TITLE not in text
    assert "14 mars 2023" not in text and "2023-03-14" not in text


@pytest.mark.parametrize("kind", KINDS)
def test_export_json_force_exports_the_valid_and_names_the_broken(repo: Path, kind: str) -> None:
    break_activity(repo, kind)
    result = lofte(repo, "export", "--out", "oppna-data.json", "--force")
    assert result.returncode == 0, result.stderr
    assert BROKEN_ID in result.stderr
    data = json.loads((repo / "oppna-data.json").read_text(encoding="utf-8"))
    ids = [a["id"] for p in data["pledges"] for a in p["activities"]]
    assert VALID_ID in ids
    assert BROKEN_ID not in ids


@pytest.mark.parametrize("kind", KINDS)
def test_export_csv_force_exports_the_valid_and_names_the_broken(repo: Path, kind: str) -> None:
    break_activity(repo, kind)
    result = lofte(repo, "export", "--format", "csv", "--out", "export", "--force")
    assert result.returncode == 0, result.stderr
    assert BROKEN_ID in result.stderr
    text = (repo / "export" / "activities.csv").read_text(encoding="utf-8-sig")
    assert VALID_ID in text
    assert BROKEN_ID not in text


# ------------------------------------------------ 5. smaller ones


def test_failed_render_write_leaves_no_temporary_file(repo: Path) -> None:
    assert lofte(repo, "render", "--out", "site").returncode == 0
    site = repo / "site"
    # A page lofte wrote last time is now a folder (with a file of someone's in it).
    target = site / PLEDGE / "index.html"
    target.unlink()
    target.mkdir()
    (target / "keep.txt").write_text("behåll\n", encoding="utf-8")
    before_names = names(site)
    result = lofte(repo, "render", "--out", "site")
    assert result.returncode != 0, result.stdout + result.stderr
    assert (target / "keep.txt").read_text(encoding="utf-8") == "behåll\n"
    assert names(site) <= before_names


def test_failed_export_write_leaves_no_temporary_file(repo: Path) -> None:
    folder = repo / "export"
    (folder / "coverage.csv").mkdir(parents=True)
    result = lofte(repo, "export", "--format", "csv", "--out", "export")
    assert result.returncode != 0, result.stdout + result.stderr
    leftovers = [p.name for p in folder.rglob("*") if "tmp" in p.name.lower()]
    assert leftovers == []


def test_cache_files_get_the_ordinary_mode_under_umask_022(repo: Path) -> None:
    result = lofte(repo, "validate", umask=0o022)
    assert result.returncode == 0, result.stderr
    cache = repo / ".lofte-cache"
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert cache / ".gitignore" in files
    assert len(files) >= 2, files
    modes = {p.relative_to(cache).as_posix(): oct(stat.S_IMODE(p.stat().st_mode)) for p in files}
    assert set(modes.values()) == {oct(0o644)}, modes


def _luhn_ok(ten_digits: str) -> bool:
    total = 0
    for i, ch in enumerate(ten_digits[:9]):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10 == int(ten_digits[9])


@pytest.mark.parametrize("number", ["811218 9876", "19811218 9876", "811218-9876"])
def test_validate_finds_a_personnummer_written_with_a_space(repo: Path, number: str) -> None:
    assert _luhn_ok("8112189876")
    path = repo / ACTIVITIES / f"{VALID_ID}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line_no = next(i for i, line in enumerate(lines, 1) if line.startswith("description:"))
    lines[line_no - 1] = f"description: Kontroll vid centrum, föraren {number} fick böter.\n"
    path.write_text("".join(lines), encoding="utf-8")
    result = lofte(repo, "validate", "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    problems = json.loads(result.stdout)
    hits = [
        p
        for p in problems
        if p["code"] == "L301" and p["path"].endswith(f"{VALID_ID}.yaml") and p["line"] == line_no
    ]
    assert hits and all(p["severity"] == "error" for p in hits), problems


def test_coverage_before_the_pledge_starts_has_no_met_pairs(repo: Path) -> None:
    result = lofte(repo, "coverage", "--format", "json", "--as-of", "2022-06-01")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    (pledge,) = data["pledges"]
    assert pledge["coverage_percent"] is None
    mets = [party["met"] for c in pledge["commitments"] for party in c["parties"]]
    assert mets and all(m is None for m in mets), mets


def test_coverage_after_the_pledge_starts_keeps_boolean_met(repo: Path) -> None:
    result = lofte(repo, "coverage", "--format", "json", "--as-of", "2024-12-31")
    assert result.returncode == 0, result.stderr
    (pledge,) = json.loads(result.stdout)["pledges"]
    mets = [party["met"] for c in pledge["commitments"] for party in c["parties"]]
    assert mets and all(isinstance(m, bool) for m in mets), mets
    assert pledge["coverage_percent"] is not None
