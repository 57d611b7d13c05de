"""Publishing is all or nothing: a render, `report --out` or `export --out` that fails
part-way — a full disk (a real one: a small tmpfs, where the tests run as root), Ctrl-C (a
real SIGINT to a real process, at several points of the render), an error in a template
of the user's — leaves the previous output byte for byte; a render that succeeds replaces
the site in one step and keeps every file lofte did not write (CNAME, .nojekyll,
robots.txt, a folder of the municipality's own)."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import Run, copy_base
from tests.system_faults import inject

LOFTE = str(Path(sys.executable).parent / "lofte")
FOREIGN = {
    "CNAME": "lofte.testkommun.se\n",
    ".nojekyll": "",
    "robots.txt": "User-agent: *\nDisallow: /privat/\n",
    "bilder/logga.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
}
STAGES = re.compile(r"^\.site\.lofte-(new|old)-")
ROOT_ONLY = pytest.mark.skipif(
    os.geteuid() != 0, reason="mounting a small tmpfs needs root (CI runs as root)"
)


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry below `folder`: a file by its SHA-256 and mode, a link by where it
    leads, a folder by its mode."""
    found: dict[str, str] = {}
    for current, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(current) / name
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = "link " + os.readlink(path)
            elif path.is_dir():
                found[key] = f"folder {path.stat().st_mode & 0o777:o}"
            else:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                found[key] = f"{digest} {path.stat().st_mode & 0o777:o}"
    return found


def add_foreign_files(site: Path) -> None:
    for name, text in FOREIGN.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")


def with_activities(root: Path, count: int) -> Path:
    """The corpus base with `count` more activities, so that a render takes a while."""
    folder = root / "data/pledges/p/activities"
    for i in range(count):
        (folder / f"2023-05-01-kontroll-{i:04d}.yaml").write_text(
            f"id: 2023-05-01-kontroll-{i:04d}\ndate: 2023-05-01\nstatus: done\n"
            f"by: [polisen]\ncommitments: [polis-1]\ntitle: Trafikkontroll {i}\n"
            f"description: Kontroll nummer {i} vid centrum.\nmeasures: {{kontroller: 1}}\n",
            encoding="utf-8",
        )
    return root


@pytest.fixture
def published(run_cli: Callable[..., Run], tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A repository whose site/ holds a render as of 2024-01-01 and a person's own files,
    and what site/ held then."""
    root = copy_base(tmp_path / "repo")
    first = run_cli("render", "--out", "site", "--as-of", "2024-01-01", cwd=root)
    assert first.exit_code == 0, first.stderr
    add_foreign_files(root / "site")
    return root, snapshot(root / "site")


def test_a_render_keeps_what_a_person_put_in_the_site(run_cli, published):
    root, before = published
    result = run_cli("render", "--out", "site", cwd=root)
    assert result.exit_code == 0, result.stderr
    after = snapshot(root / "site")
    for name in [*FOREIGN, "bilder"]:
        assert after[name] == before[name]
    assert after["index.html"] != before["index.html"]  # as of today, not 2024-01-01
    assert sorted(os.listdir(root)) == [".lofte-cache", "data", "site"]


def test_a_withdrawn_pledge_leaves_no_folder_a_persons_empty_one_stays(run_cli, tmp_path):
    import shutil

    root = copy_base(tmp_path / "repo")
    shutil.copytree(root / "data/pledges/p", root / "data/pledges/q")
    pledge = root / "data/pledges/q/pledge.yaml"
    pledge.write_text(pledge.read_text(encoding="utf-8").replace("id: p\n", "id: q\n"), "utf-8")
    assert run_cli("render", "--out", "site", cwd=root).exit_code == 0
    (root / "site/tomt").mkdir(mode=0o750)
    (root / "site/tomt").chmod(0o750)
    shutil.rmtree(root / "data/pledges/q")
    result = run_cli("render", "--out", "site", cwd=root)
    assert result.stdout == (
        "Wrote 12 files to site/, removed 9 no longer published; open site/index.html\n"
    )
    assert sorted(os.listdir(root / "site")) == [
        ".lofte-site.json",
        "index.html",
        "p",
        "style.css",
        "tillganglighet.html",
        "tomt",
    ]
    assert (root / "site/tomt").stat().st_mode & 0o777 == 0o750


def test_a_render_replaces_the_site_folder_as_one(run_cli, published):
    root, _before = published
    old = (root / "site").stat().st_ino
    assert run_cli("render", "--out", "site", cwd=root).exit_code == 0
    assert (root / "site").stat().st_ino != old  # a new folder, swapped in by a rename


def test_where_no_folder_can_be_made_beside_the_site_it_is_built_inside(
    run_cli, published, monkeypatch
):
    root, before = published
    inject(monkeypatch, errno.EACCES, writes=lambda path: path.name.startswith(".site.lofte-"))
    result = run_cli("render", "--out", "site", cwd=root)
    assert result.exit_code == 0, result.stderr
    after = snapshot(root / "site")
    assert {name: after[name] for name in [*FOREIGN, "bilder"]} == {
        name: before[name] for name in [*FOREIGN, "bilder"]
    }
    assert after["index.html"] != before["index.html"]
    assert sorted(os.listdir(root)) == [".lofte-cache", "data", "site"]
    assert not [name for name in os.listdir(root / "site") if name.startswith(".lofte-new-")]


def test_a_link_a_person_put_in_the_site_is_kept_as_a_link(run_cli, published):
    root, _before = published
    (root / "site/senaste").symlink_to("index.html")
    assert run_cli("render", "--out", "site", cwd=root).exit_code == 0
    assert os.readlink(root / "site/senaste") == "index.html"


def test_an_error_in_a_user_template_leaves_the_site_as_it_was(run_cli, published, tmp_path):
    root, before = published
    templates = tmp_path / "mallar"
    templates.mkdir()
    (templates / "activity.html").write_text("<p>\n{{ activity.plats }}</p>\n", encoding="utf-8")
    result = run_cli("render", "--out", "site", "--templates", str(templates), cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"lofte: {templates}/activity.html:2: error in the template: "
        "'lofte_cli.data.model.Activity object' has no attribute 'plats'\n"
    )
    assert snapshot(root / "site") == before
    assert sorted(os.listdir(root)) == [".lofte-cache", "data", "site"]


def test_a_syntax_error_in_a_user_template_is_named_in_swedish(
    run_cli, published, tmp_path, monkeypatch
):
    root, before = published
    monkeypatch.setenv("LOFTE_LANG", "sv")
    templates = tmp_path / "mallar"
    templates.mkdir()
    (templates / "index.html").write_text("<h1>\n{% if %}\n", encoding="utf-8")
    result = run_cli("render", "--out", "site", "--templates", str(templates), cwd=root)
    assert (result.exit_code, result.stderr) == (
        1,
        f"lofte: {templates}/index.html:2: fel i mallen: Expected an expression, got 'end of "
        "statement block'\n",
    )
    assert snapshot(root / "site") == before


def test_a_full_disk_part_way_leaves_the_site_as_it_was(run_cli, published, monkeypatch):
    root, before = published
    written = 0

    def count(path: Path) -> bool:
        nonlocal written
        if ".site.lofte-new-" in str(path) and path.suffix == ".html":
            written += 1
        return written > 4  # the fifth page finds the disk full

    inject(monkeypatch, errno.ENOSPC, writes=count)
    result = run_cli("render", "--out", "site", cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert re.fullmatch(r"lofte: site/\S+\.html: No space left on device\n", result.stderr)
    assert snapshot(root / "site") == before
    assert sorted(os.listdir(root)) == [".lofte-cache", "data", "site"]


def test_a_failure_in_a_worker_process_is_one_line(run_cli, published, monkeypatch):
    import lofte_cli.publish.site as publish

    root, before = published
    monkeypatch.setattr(publish, "_PARALLEL_FROM", 1)
    monkeypatch.setenv("LOFTE_JOBS", "2")

    def activity_pages(path: Path) -> bool:
        return ".site.lofte-new-" in str(path) and path.parent.name == "activities"

    inject(monkeypatch, errno.ENOSPC, writes=activity_pages)
    result = run_cli("render", "--no-cache", "--out", "site", cwd=root)  # every page made again
    assert (result.exit_code, result.stderr) == (
        1,
        "lofte: site/p/activities/2023-03-14-foraldrakvall.html: No space left on device\n",
    )
    assert snapshot(root / "site") == before


def test_a_stage_left_by_a_killed_render_is_taken_away(run_cli, published):
    root, _before = published
    dead = subprocess.Popen(["true"])
    dead.wait()
    leftover = root / f".site.lofte-new-{dead.pid}-abcd1234"
    (leftover / "p").mkdir(parents=True)
    (leftover / "p/index.html").write_text("half", encoding="utf-8")
    mine = root / ".site.lofte-new-notapid"  # not a name lofte makes: left alone
    mine.mkdir()
    assert run_cli("render", "--out", "site", cwd=root).exit_code == 0
    assert sorted(os.listdir(root)) == [".lofte-cache", ".site.lofte-new-notapid", "data", "site"]


# --- report and export ----------------------------------------------------------------------


def test_a_report_that_fails_part_way_leaves_the_last_one(run_cli, tmp_path, monkeypatch):
    root = copy_base(tmp_path / "repo")
    assert run_cli("report", "--out", "rapport.md", "--to", "2023-06-30", cwd=root).exit_code == 0
    before = (root / "rapport.md").read_bytes()
    inject(monkeypatch, errno.ENOSPC, writes=lambda path: path.name.startswith(".rapport.md."))
    result = run_cli("report", "--out", "rapport.md", cwd=root)
    assert (result.exit_code, result.stderr) == (1, "lofte: rapport.md: No space left on device\n")
    assert (root / "rapport.md").read_bytes() == before
    assert sorted(os.listdir(root)) == [".lofte-cache", "data", "rapport.md"]


def test_an_export_is_replaced_whole_or_not_at_all(run_cli, tmp_path, monkeypatch):
    root = copy_base(tmp_path / "repo")
    args = ("export", "--format", "csv", "--out", "export")
    assert run_cli(*args, "--as-of", "2023-06-30", cwd=root).exit_code == 0
    before = snapshot(root / "export")
    # The second table finds the disk full: the first, written already, is not put in place.
    inject(monkeypatch, errno.ENOSPC, writes=lambda path: path.name.startswith(".coverage.csv."))
    result = run_cli(*args, cwd=root)
    assert (result.exit_code, result.stderr) == (
        1,
        "lofte: export/coverage.csv: No space left on device\n",
    )
    assert snapshot(root / "export") == before


def test_an_interrupted_export_leaves_both_tables(run_cli, tmp_path, monkeypatch):
    import lofte_cli.write as write

    root = copy_base(tmp_path / "repo")
    args = ("export", "--format", "csv", "--out", "export")
    assert run_cli(*args, "--as-of", "2023-06-30", cwd=root).exit_code == 0
    before = snapshot(root / "export")
    real = write._temporary_bytes

    def then_interrupt(path: Path, data: bytes) -> Path:
        if path.name == "coverage.csv":
            raise KeyboardInterrupt
        return real(path, data)

    monkeypatch.setattr(write, "_temporary_bytes", then_interrupt)
    result = run_cli(*args, cwd=root)
    assert (result.exit_code, result.stderr) == (130, "\nlofte: interrupted; nothing was written\n")
    assert snapshot(root / "export") == before


# --- a real full disk -----------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of 200 KiB mounted for the test, unmounted after it."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def fill(disk: Path, *, leave: int) -> None:
    """Write a file that leaves about `leave` bytes of `disk` free."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "fyllnad").write_bytes(b"\0" * max(0, free - leave))


@ROOT_ONLY
def test_a_render_onto_a_full_disk_leaves_the_site_as_it_was(run_cli, tmp_path, small_disk):
    root = copy_base(tmp_path / "repo")
    site = small_disk / "site"
    assert run_cli("render", "--out", str(site), "--as-of", "2024-01-01", cwd=root).exit_code == 0
    add_foreign_files(site)
    before = snapshot(site)
    fill(small_disk, leave=0)
    result = run_cli("render", "--out", str(site), cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"lofte: {site}/style.css: No space left on device\n"
    assert snapshot(site) == before
    assert sorted(os.listdir(small_disk)) == ["fyllnad", "site"]


@ROOT_ONLY
@pytest.mark.parametrize("leave", [4_096, 12_288, 24_576])
def test_a_render_onto_a_nearly_full_disk_leaves_the_site_as_it_was(
    run_cli, tmp_path, small_disk, leave
):
    root = copy_base(tmp_path / "repo")
    site = small_disk / "site"
    assert run_cli("render", "--out", str(site), "--as-of", "2024-01-01", cwd=root).exit_code == 0
    add_foreign_files(site)
    before = snapshot(site)
    pages = set(before) - set(FOREIGN) - {"bilder", "p", "p/activities", "p/parties"}
    fill(small_disk, leave=leave)
    result = run_cli("render", "--out", str(site), cwd=root)
    assert (result.exit_code, result.stdout) == (1, "")
    named = re.fullmatch(
        rf"lofte: {re.escape(str(site))}/(\S+): No space left on device\n", result.stderr
    )
    assert named is not None, result.stderr
    assert named[1] in pages
    assert snapshot(site) == before
    assert sorted(os.listdir(small_disk)) == ["fyllnad", "site"]


@ROOT_ONLY
def test_a_site_folder_that_is_a_mount_point_is_filled_in_place(run_cli, tmp_path, small_disk):
    root = copy_base(tmp_path / "repo")
    # The folder itself cannot be swapped (it is a mount point): the pages are built in a
    # hidden folder inside it and moved into place once they are all written.
    assert (
        run_cli("render", "--out", str(small_disk), "--as-of", "2024-01-01", cwd=root).exit_code
        == 0
    )
    add_foreign_files(small_disk)
    before = snapshot(small_disk)
    fill(small_disk, leave=8_192)
    failed = run_cli("render", "--out", str(small_disk), cwd=root)
    assert failed.exit_code == 1
    (small_disk / "fyllnad").unlink()
    assert snapshot(small_disk) == before
    result = run_cli("render", "--out", str(small_disk), cwd=root)
    assert result.exit_code == 0, result.stderr
    after = snapshot(small_disk)
    assert {name: after[name] for name in [*FOREIGN, "bilder"]} == {
        name: before[name] for name in [*FOREIGN, "bilder"]
    }
    assert after["index.html"] != before["index.html"]
    assert not [name for name in os.listdir(small_disk) if name.startswith(".lofte-new-")]


# --- Ctrl-C: a real SIGINT to a real render -------------------------------------------------


@pytest.fixture(scope="module")
def larger(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The corpus base with 400 more activities, and what a whole render of it writes
    (with a person's own files beside it)."""
    root = with_activities(copy_base(tmp_path_factory.mktemp("larger") / "repo"), 400)
    _render(root, "reference")
    add_foreign_files(root / "reference")
    return root, snapshot(root / "reference")


def _render(root: Path, out: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LOFTE, "render", "--out", out, *extra],
        cwd=root,
        env={**os.environ, "LOFTE_TODAY": "2026-11-26", "LOFTE_JOBS": "1"},
        capture_output=True,
        text=True,
        check=True,
    )


def _staged_files(root: Path) -> int:
    return sum(
        len(files)
        for entry in root.iterdir()
        if STAGES.match(entry.name)
        for _current, _folders, files in os.walk(entry)
    )


def _interrupt(
    root: Path, *extra: str, when: Callable[[], bool]
) -> subprocess.CompletedProcess[str]:
    """Render into site/ and send SIGINT as soon as `when` holds."""
    process = subprocess.Popen(
        [LOFTE, "render", "--out", "site", *extra],
        cwd=root,
        env={**os.environ, "LOFTE_TODAY": "2026-11-26", "LOFTE_JOBS": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A test run started in the background inherits SIGINT ignored (and Python then
        # never listens for it); a person at a terminal has it as the system sets it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while process.poll() is None and not when() and time.monotonic() < deadline:
        time.sleep(0.001)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def _fresh_site(root: Path) -> dict[str, str]:
    """site/ rendered as of 2024-01-01 with a person's files: what an interrupted render
    must leave."""
    subprocess.run(["rm", "-rf", str(root / "site")], check=True)
    _render(root, "site", "--as-of", "2024-01-01")
    add_foreign_files(root / "site")
    return snapshot(root / "site")


def _assert_old_or_new(root: Path, result: subprocess.CompletedProcess[str], old, new) -> None:
    """Interrupted: the old site byte for byte, and the message says so. Finished before
    the signal came: the whole new site. Never a mixture, and no stage left behind."""
    after = snapshot(root / "site")
    swapped = "\nlofte: interrupted; the new site was already in place in site/\n"
    if result.returncode == 0 or result.stderr == swapped:
        assert after == new
    else:
        assert result.returncode == 130, result.stderr
        assert result.stderr in (
            "\nlofte: interrupted; site/ is as it was before this render\n",
            "\nlofte: interrupted; nothing was written\n",  # before the render began
            "lofte: interrupted; nothing was written\n",  # while the call was still read
        )
        assert after == old
    assert [name for name in os.listdir(root) if STAGES.match(name)] == []


@pytest.mark.parametrize("after_files", [1, 150, 350])
def test_ctrl_c_while_the_pages_are_written_leaves_the_site_as_it_was(larger, after_files):
    root, new = larger
    old = _fresh_site(root)
    # --no-cache: every page is made (none taken over from the old site), so the signal
    # comes while pages are written.
    result = _interrupt(root, "--no-cache", when=lambda: _staged_files(root) >= after_files)
    _assert_old_or_new(root, result, old, new)
    assert result.returncode == 130  # the signal came while the pages were written


@pytest.mark.slow
def test_ctrl_c_at_any_moment_leaves_the_old_site_or_the_whole_new_one(larger):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    root, new = larger
    started = time.monotonic()
    _render(root, "timing")
    took = time.monotonic() - started

    @settings(max_examples=15, deadline=None)
    @given(st.floats(min_value=0.0, max_value=1.2))
    def interrupted_at(fraction: float) -> None:
        old = _fresh_site(root)
        at = time.monotonic() + fraction * took
        result = _interrupt(root, when=lambda: time.monotonic() >= at)
        if result.returncode not in (0, 130):
            # Killed by the signal before lofte could listen (nothing began), or after it
            # was done, as Python shut down (the new site whole in place); or stopped while
            # Python itself started, before any of lofte ran (Python says "Fatal Python
            # error" and exits with 1).
            started_up = result.returncode == 1 and result.stderr.startswith("Fatal Python")
            assert result.returncode == -signal.SIGINT or started_up, result.stderr
            assert snapshot(root / "site") in ((old,) if started_up else (old, new))
            return
        _assert_old_or_new(root, result, old, new)

    interrupted_at()
