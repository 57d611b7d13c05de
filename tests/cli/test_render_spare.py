"""The spare: a render keeps the site it replaced in the cache (`.lofte-cache/<code>/spare-…`)
and the next render into the same folder starts from it, so that it writes only what
changed. Whatever happens to the spare or its note, what is published is byte for byte
what a render without it publishes; a render stopped while it clears the spare leaves the
old site as it was."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import lofte_cli.publish.site
import lofte_cli.publish.spare
from lofte_cli.data.cache import code_fingerprint
from lofte_cli.data.cache_entries import sealed
from lofte_cli.publish.spare import open_spare
from tests.helpers import Run, copy_base

RunCli = Callable[..., Run]
ACTIVITY = "data/pledges/p/activities/2023-04-02-trafikkontroll.yaml"
ROOT_ONLY = pytest.mark.skipif(
    os.geteuid() != 0, reason="mounting a tmpfs needs root (CI runs as root)"
)


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry below `folder`: a file by its SHA-256 and mode, a folder by its mode."""
    found: dict[str, str] = {}
    for current, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(current) / name
            key = path.relative_to(folder).as_posix()
            mode = f"{path.lstat().st_mode & 0o7777:o}"
            if path.is_symlink():
                found[key] = "link " + os.readlink(path)
            elif path.is_dir():
                found[key] = f"folder {mode}"
            else:
                found[key] = f"{hashlib.sha256(path.read_bytes()).hexdigest()} {mode}"
    return found


def fresh(run_cli: RunCli, root: Path, tmp_path: Path) -> dict[str, str]:
    """What `--no-cache` publishes into a new folder from the data as it is now."""
    out = tmp_path / "fresh"
    shutil.rmtree(out, ignore_errors=True)
    result = run_cli("--no-cache", "render", "--out", str(out), cwd=root)
    assert result.exit_code == 0, result.stderr
    return snapshot(out)


def cache(root: Path) -> Path:
    return root / ".lofte-cache" / code_fingerprint()


def spares(root: Path) -> list[Path]:
    return sorted(p for p in cache(root).glob("spare-*") if p.is_dir() or p.is_symlink())


def notes(root: Path) -> list[Path]:
    return sorted(cache(root).glob("spare-*.json"))


def render(run_cli: RunCli, root: Path, *extra: str) -> Run:
    result = run_cli("render", "--out", "site", *extra, cwd=root)
    assert result.exit_code == 0, result.stderr
    return result


def change_activity(root: Path, new_title: str = "Ny kontroll") -> None:
    path = root / ACTIVITY
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [f"title: {new_title}\n" if line.startswith("title: ") else line for line in lines]
    path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, run_cli: RunCli) -> Path:
    """The corpus base rendered into site/ twice: the spare is the first site."""
    root = copy_base(tmp_path / "repo")
    render(run_cli, root)
    change_activity(root, "Första ändringen")
    render(run_cli, root)
    return root


def test_a_first_render_makes_a_spare_of_links_to_its_pages(tmp_path, run_cli):
    root = copy_base(tmp_path / "repo")
    render(run_cli, root)
    (spare,) = spares(root)
    assert len(notes(root)) == 1
    for page in ["index.html", "p/index.html", "p/activities/2023-04-02-trafikkontroll.html"]:
        assert (spare / page).stat().st_ino == (root / "site" / page).stat().st_ino
    assert (spare / page).stat().st_nlink == 2


def test_the_next_render_starts_from_the_spare_and_keeps_the_old_site_as_the_next(repo, run_cli):
    (spare,) = spares(repo)
    spare_folder = spare.stat().st_ino
    site_folder = (repo / "site").stat().st_ino
    unchanged = (repo / "site/p/activities/2023-03-14-foraldrakvall.html").stat().st_ino
    change_activity(repo, "Andra ändringen")
    render(run_cli, repo)
    assert (repo / "site").stat().st_ino == spare_folder  # the spare became the site
    (next_spare,) = spares(repo)
    assert next_spare.stat().st_ino == site_folder  # and the site it replaced the spare
    assert next_spare.name != spare.name  # under a new token
    page = "p/activities/2023-03-14-foraldrakvall.html"
    assert (repo / "site" / page).stat().st_ino == unchanged
    assert (next_spare / page).stat().st_ino == unchanged
    changed = "p/activities/2023-04-02-trafikkontroll.html"
    assert b"Andra \xc3\xa4ndringen" in (repo / "site" / changed).read_bytes()
    assert b"Andra" not in (next_spare / changed).read_bytes()


def _without_spare(monkeypatch: pytest.MonkeyPatch) -> None:
    real = lofte_cli.publish.site.open_spare

    def disabled(root: Path, out: Path, *, taken: object, enabled: bool) -> object:
        return real(root, out, taken=taken, enabled=False)  # type: ignore[arg-type]

    monkeypatch.setattr(lofte_cli.publish.site, "open_spare", disabled)


@pytest.mark.parametrize("with_spare", [True, False])
def test_three_renders_with_changes_between_publish_what_a_render_from_nothing_does(
    tmp_path, run_cli, monkeypatch, with_spare
):
    root = copy_base(tmp_path / "repo")
    shutil.copytree(root / "data/pledges/p", root / "data/pledges/q")
    pledge = root / "data/pledges/q/pledge.yaml"
    pledge.write_text(pledge.read_text(encoding="utf-8").replace("id: p\n", "id: q\n"), "utf-8")
    if not with_spare:
        _without_spare(monkeypatch)
    render(run_cli, root)
    site = root / "site"

    def starts_from_the_spare() -> None:
        folder = spares(root)[0].stat().st_ino if with_spare else None
        render(run_cli, root)
        if with_spare:
            assert site.stat().st_ino == folder
        else:
            assert spares(root) == []

    # 1: an activity changed; a person adds a CNAME and an empty folder, and edits a page
    # in place (the spare holds the very same file).
    change_activity(root)
    (site / "CNAME").write_text("lofte.testkommun.se\n", encoding="utf-8")
    (site / "tomt").mkdir()
    (site / "tomt").chmod(0o750)
    (site / "q").chmod(0o700)  # lofte's folder: a render makes it anew, as a new folder
    edited = site / "q/parties/polisen.html"
    with open(edited, "r+b") as stream:
        stream.write(b"<!-- min egen -->")
    starts_from_the_spare()
    want = fresh(run_cli, root, tmp_path)
    assert snapshot(site) == {
        **want,
        "CNAME": "973e689cc59f8561e94e4244e1f5719e5748f371356f29f56e081836cac34088 644",
        "tomt": "folder 750",
    }
    assert b"min egen" not in edited.read_bytes()

    # 2: an activity removed, one added to the other pledge, the CNAME taken away again.
    (root / "data/pledges/p/activities/2023-03-14-foraldrakvall.yaml").unlink()
    new = root / "data/pledges/q/activities/2023-06-01-ny.yaml"
    new.write_text(
        (root / "data/pledges/q/activities/2023-04-02-trafikkontroll.yaml")
        .read_text(encoding="utf-8")
        .replace("2023-04-02-trafikkontroll", "2023-06-01-ny")
        .replace("2023-04-02", "2023-06-01"),
        encoding="utf-8",
    )
    (site / "CNAME").unlink()
    starts_from_the_spare()
    want = fresh(run_cli, root, tmp_path)
    assert "q/activities/2023-06-01-ny.html" in want
    assert "p/activities/2023-03-14-foraldrakvall.html" not in want
    assert snapshot(site) == {**want, "tomt": "folder 750"}

    # 3: a pledge withdrawn.
    shutil.rmtree(root / "data/pledges/q")
    starts_from_the_spare()
    want = fresh(run_cli, root, tmp_path)
    assert not [name for name in want if name.startswith("q")]
    assert snapshot(site) == {**want, "tomt": "folder 750"}


def _flip(note: Path) -> None:
    raw = bytearray(note.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    note.write_bytes(bytes(raw))


def _reseal(note: Path, body: object) -> None:
    note.write_bytes(sealed(body, f"{code_fingerprint()}/{note.name}"))


def _token(spare: Path) -> str:
    return spare.name.rsplit("-", 1)[1]


# Taken over by the next render (its activity is unchanged), and in the spare the same file.
PAGE = "p/activities/2023-03-14-foraldrakvall.html"
DAMAGES = [
    "note: a byte flipped",
    "note: cut short",
    "note: a folder",
    "note: removed",
    "note: another token",
    "note: of another shape",
    "note: says no page differs",
    "spare: a page replaced",
    "spare: a page removed",
    "spare: a folder in a page's place",
    "spare: a link in a page's place",
    "spare: a link in the spare's place",
    "spare: removed",
    "spare: a file",
]


def damage_done(damage: str, note: Path, spare: Path) -> None:
    page = spare / PAGE
    if damage == "note: a byte flipped":
        _flip(note)
    elif damage == "note: cut short":
        note.write_bytes(note.read_bytes()[:20])
    elif damage == "note: a folder":
        note.unlink()
        note.mkdir()
    elif damage == "note: removed":
        note.unlink()
    elif damage == "note: another token":
        _reseal(note, {"token": "0123456789abcdef", "differs": []})
    elif damage == "note: of another shape":
        _reseal(note, {"token": 7, "differs": "x"})
    elif damage == "note: says no page differs":
        _reseal(note, {"token": _token(spare), "differs": []})
    elif damage == "spare: a page replaced":
        page.unlink()
        page.write_text("fel", encoding="utf-8")
    elif damage == "spare: a page removed":
        page.unlink()
    elif damage == "spare: a folder in a page's place":
        page.unlink()
        page.mkdir()
        (page / "x").write_text("x", encoding="utf-8")
    elif damage == "spare: a link in a page's place":
        page.unlink()
        page.symlink_to(spare.parents[2] / "site" / PAGE)
    elif damage == "spare: a link in the spare's place":
        shutil.copytree(spare, spare.with_name("elsewhere"), copy_function=os.link)
        shutil.rmtree(spare)
        spare.symlink_to(spare.with_name("elsewhere"))
    elif damage == "spare: removed":
        shutil.rmtree(spare)
    else:
        assert damage == "spare: a file"
        shutil.rmtree(spare)
        spare.write_text("x", encoding="utf-8")


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_note_or_spare_publishes_what_no_cache_does(repo, run_cli, tmp_path, damage):
    (note,) = notes(repo)
    (spare,) = spares(repo)
    damage_done(damage, note, spare)
    change_activity(repo, "Andra ändringen")
    render(run_cli, repo)
    assert snapshot(repo / "site") == fresh(run_cli, repo, tmp_path)
    # What was damaged is gone; the site replaced is the next spare, with its note.
    assert len(spares(repo)) == 1 and spares(repo)[0].is_dir()
    assert len(notes(repo)) == 1


def test_a_page_edited_in_place_does_not_reach_the_new_site_through_the_spare(repo, run_cli):
    page = repo / "site" / PAGE
    (spare,) = spares(repo)
    assert (spare / PAGE).stat().st_ino == page.stat().st_ino  # one file, in both
    original = page.read_bytes()
    with open(page, "r+b") as stream:  # in place: the spare's file changes with it
        stream.write(b"<!-- redigerad -->")
    assert (spare / PAGE).read_bytes().startswith(b"<!-- redigerad -->")
    render(run_cli, repo)
    assert page.read_bytes() == original


def test_without_hard_links_no_spare_is_made_and_the_site_is_the_same(
    tmp_path, run_cli, monkeypatch
):
    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refused)
    root = copy_base(tmp_path / "repo")
    render(run_cli, root)
    assert (spares(root), notes(root)) == ([], [])
    change_activity(root)
    render(run_cli, root)
    assert (spares(root), notes(root)) == ([], [])
    assert snapshot(root / "site") == fresh(run_cli, root, tmp_path)


def test_a_spare_whose_links_stop_working_is_used_once_and_not_made_again(
    repo, run_cli, monkeypatch, tmp_path
):
    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refused)
    change_activity(repo, "Andra ändringen")
    render(run_cli, repo)
    assert (spares(repo), notes(repo)) == ([], [])
    assert snapshot(repo / "site") == fresh(run_cli, repo, tmp_path)


@ROOT_ONLY
def test_a_site_on_another_file_system_than_the_cache_has_no_spare(tmp_path, run_cli):
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mount)], check=True)
    try:
        root = copy_base(tmp_path / "repo")
        site = mount / "site"
        assert run_cli("render", "--out", str(site), cwd=root).exit_code == 0
        assert (spares(root), notes(root)) == ([], [])
        change_activity(root)
        assert run_cli("render", "--out", str(site), cwd=root).exit_code == 0
        assert (spares(root), notes(root)) == ([], [])
        assert sorted(os.listdir(mount)) == ["site"]
        assert snapshot(site) == fresh(run_cli, root, tmp_path)
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_no_cache_removes_the_spare_and_its_note(repo, run_cli):
    render(run_cli, repo, "--no-cache")
    assert (spares(repo), notes(repo)) == ([], [])


def test_two_renders_at_once_never_claim_the_same_spare(repo):
    (spare,) = spares(repo)
    taken = ["p/index.html", PAGE]
    first = open_spare(repo, repo / "site", taken=taken, enabled=True)
    second = open_spare(repo, repo / "site", taken=taken, enabled=True)
    assert first.claim(repo / ".site.lofte-new-1-a") is True
    assert second.claim(repo / ".site.lofte-new-2-b") is False
    assert not (repo / ".site.lofte-new-2-b").exists()
    assert not spare.exists()
    # Of the first site, only what the render takes over and is still the very file
    # published is left (p/index.html was made again by the second render: not kept).
    assert snapshot(repo / ".site.lofte-new-1-a") == {
        "p": "folder 755",
        "p/activities": "folder 755",
        PAGE: snapshot(repo / "site")[PAGE],
    }


def test_ctrl_c_while_the_spare_is_cleared_leaves_the_old_site(
    repo, run_cli, monkeypatch, tmp_path
):
    before = snapshot(repo / "site")
    real = lofte_cli.publish.spare._clear_folder
    calls = []

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0])
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(lofte_cli.publish.spare, "_clear_folder", interrupted)
    change_activity(repo, "Andra ändringen")
    result = run_cli("render", "--out", "site", cwd=repo)
    assert result.exit_code == 130
    assert snapshot(repo / "site") == before
    assert sorted(os.listdir(repo)) == [".lofte-cache", "data", "site"]
    monkeypatch.undo()
    render(run_cli, repo)
    assert snapshot(repo / "site") == fresh(run_cli, repo, tmp_path)


KILL_WHILE_CLEARING = """
import os, signal, sys
import lofte_cli.publish.spare as spare
real = spare._clear_folder
calls = []
def killed(*args, **kwargs):
    calls.append(1)
    if len(calls) == 4:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
spare._clear_folder = killed
from lofte_cli.cli.main import main
sys.argv = ["lofte", "render", "--out", "site"]
main()
"""


def test_a_render_killed_while_the_spare_is_cleared_leaves_the_old_site(repo, run_cli, tmp_path):
    before = snapshot(repo / "site")
    change_activity(repo, "Andra ändringen")
    killed = subprocess.run(
        [sys.executable, "-c", KILL_WHILE_CLEARING],
        cwd=repo,
        env={**os.environ, "LOFTE_TODAY": "2026-11-26", "LOFTE_JOBS": "1"},
        capture_output=True,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert snapshot(repo / "site") == before
    left = [name for name in os.listdir(repo) if name.startswith(".site.lofte-new-")]
    assert len(left) == 1  # the claimed spare, half cleared, under the killed run's name
    assert spares(repo) == []  # claimed: no longer in the cache
    render(run_cli, repo)
    assert sorted(os.listdir(repo)) == [".lofte-cache", "data", "site"]
    assert snapshot(repo / "site") == fresh(run_cli, repo, tmp_path)


def test_renders_running_at_once_each_publish_a_whole_site_and_the_next_is_right(
    repo, run_cli, tmp_path
):
    env = {**os.environ, "LOFTE_TODAY": "2026-11-26", "LOFTE_JOBS": "1"}
    lofte = str(Path(sys.executable).parent / "lofte")
    for round_ in range(3):
        change_activity(repo, f"Samtidigt {round_}")
        runs = [
            subprocess.Popen([lofte, "render", "--out", "site"], cwd=repo, env=env)
            for _ in range(2)
        ]
        assert [run.wait(timeout=120) for run in runs] == [0, 0]
        assert snapshot(repo / "site") == fresh(run_cli, repo, tmp_path)
    change_activity(repo, "Efteråt")
    render(run_cli, repo)
    assert snapshot(repo / "site") == fresh(run_cli, repo, tmp_path)
    assert len(spares(repo)) <= 1
    assert sorted(os.listdir(repo)) == [".lofte-cache", "data", "site"]
