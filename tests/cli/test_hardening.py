"""Issue 12 from the inside: the site manifest never removes what lofte did not write, fmt
never writes over a change made while it ran, interruptions say what they leave, --at
extracts safely on every Python 3.11, and the outputs' own marks are recognised."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import tarfile
from pathlib import Path

import pytest

from lofte_cli.edit.fmt import check_formatting, write_formatted
from lofte_cli.paths import extract_safely
from lofte_cli.publish import output_target
from lofte_cli.write import data_file_lock, new_file_mode, write_atomic
from tests.helpers import copy_base

ACTIVITY = "data/pledges/p/activities/2023-03-14-foraldrakvall.yaml"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# --- the site manifest ----------------------------------------------------------------------


def test_stale_files_removes_only_unchanged_files_inside_the_folder(tmp_path):
    out = tmp_path / "site"
    (out / "p").mkdir(parents=True)
    (out / "p/old.html").write_text("old page", encoding="utf-8")
    (out / "p/edited.html").write_text("edited by hand", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("not the site's", encoding="utf-8")
    (out / "p/link.html").symlink_to(tmp_path / "outside.txt")
    before = {
        "p/old.html": sha("old page"),
        "p/edited.html": sha("as lofte wrote it"),
        "../outside.txt": sha("not the site's"),
        str(tmp_path / "outside.txt"): sha("not the site's"),
        "p/link.html": sha("not the site's"),
        "p/gone.html": sha("x"),
        "p/kept.html": sha("y"),
    }
    remove, keep = output_target.stale_files(out, before, {"p/kept.html"})
    assert remove == ["p/old.html"]
    assert keep == sorted(
        ["p/edited.html", "../outside.txt", str(tmp_path / "outside.txt"), "p/link.html"]
    )


def test_a_linked_folder_in_the_site_does_not_lead_removal_outside(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "page.html").write_text("someone's", encoding="utf-8")
    (out / "p").symlink_to(elsewhere)
    remove, keep = output_target.stale_files(out, {"p/page.html": sha("someone's")}, set())
    assert (remove, keep) == ([], ["p/page.html"])


def test_remove_files_takes_away_the_folders_it_empties_and_never_the_site(tmp_path):
    out = tmp_path / "site"
    (out / "a/activities").mkdir(parents=True)
    (out / "a/activities/x.html").write_text("x", encoding="utf-8")
    (out / "b").mkdir()
    (out / "b/x.html").write_text("x", encoding="utf-8")
    (out / "b/CNAME").write_text("mine", encoding="utf-8")
    output_target.remove_files(out, ["a/activities/x.html", "b/x.html"])
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["b", "b/CNAME"]
    output_target.remove_files(out, [])
    assert out.is_dir()


@pytest.mark.parametrize(
    "text",
    ["not json", "[]", '{"files": {}}', '{"generator": "lofte", "files": []}',
     '{"generator": "lofte", "files": {"a": 1}}'],
)  # fmt: skip
def test_a_damaged_manifest_is_refused_not_guessed_at(run_cli, tmp_path, text):
    root = copy_base(tmp_path / "repo")
    out = tmp_path / "site"
    out.mkdir()
    (out / ".lofte-site.json").write_text(text, encoding="utf-8")
    (out / "CNAME").write_text("mine", encoding="utf-8")
    result = run_cli("render", "--out", str(out), cwd=root)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"lofte: {out}/.lofte-site.json: not a manifest lofte")
    assert sorted(p.name for p in out.iterdir()) == [".lofte-site.json", "CNAME"]


def test_the_manifest_lists_every_file_with_its_hash(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    out = tmp_path / "site"
    assert run_cli("render", "--out", str(out), cwd=root).exit_code == 0
    manifest = json.loads((out / ".lofte-site.json").read_text(encoding="utf-8"))
    on_disk = {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in out.rglob("*")
        if p.is_file() and p.name != ".lofte-site.json"
    }
    assert manifest == {"generator": "lofte", "files": on_disk}
    assert "p/activities/2023-03-14-foraldrakvall.html" in on_disk


def test_a_page_edited_by_hand_is_kept_and_named_when_its_activity_goes(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    out = tmp_path / "site"
    assert run_cli("render", "--out", str(out), cwd=root).exit_code == 0
    edited = out / "p/activities/2023-03-14-foraldrakvall.html"
    edited.write_text("edited by hand", encoding="utf-8")
    (root / ACTIVITY).unlink()
    result = run_cli("render", "--out", str(out), cwd=root)
    assert result.exit_code == 0, result.stderr
    assert edited.read_text(encoding="utf-8") == "edited by hand"
    assert result.stderr == (
        f"lofte: kept {edited}: an earlier render wrote it and this one does not, but it "
        "has changed since (or a render stopped before it could tell); remove it yourself "
        "if it should go\n"
    )
    # It stays listed with the hash lofte wrote, so that every later render names it again
    # until a person removes it.
    manifest = json.loads((out / ".lofte-site.json").read_text(encoding="utf-8"))
    assert (
        manifest["files"]["p/activities/2023-03-14-foraldrakvall.html"]
        != hashlib.sha256(b"edited by hand").hexdigest()
    )
    assert run_cli("render", "--out", str(out), cwd=root).stderr == result.stderr
    edited.unlink()
    assert run_cli("render", "--out", str(out), cwd=root).stderr == ""


def test_the_next_render_says_how_many_pages_it_withdrew(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    out = tmp_path / "site"
    first = run_cli("render", "--out", str(out), cwd=root)
    (root / ACTIVITY).unlink()
    second = run_cli("render", "--out", str(out), cwd=root)
    files = int(first.stdout.split()[1])
    assert second.stdout == (
        f"Wrote {files - 1} files to {out}/, removed 1 no longer published; open {out}/index.html\n"
    )
    assert not (out / "p/activities/2023-03-14-foraldrakvall.html").exists()


def test_an_html_render_after_a_markdown_one_replaces_it(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    out = tmp_path / "site"
    assert run_cli("render", "--out", str(out), "--format", "markdown", cwd=root).exit_code == 0
    assert (out / "p/README.md").is_file()
    assert run_cli("render", "--out", str(out), cwd=root).exit_code == 0
    assert not (out / "p/README.md").exists()
    assert (out / "p/index.html").is_file()


def test_render_at_a_revision_still_keeps_away_from_the_repository(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    (root / "README.md").write_text("# ours\n", encoding="utf-8")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "first"]):
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
            cwd=root,
            check=True,
        )
    result = run_cli("--at", "HEAD", "render", "--format", "markdown", "--out", ".", cwd=root)
    assert result.exit_code == 1
    assert result.stderr == (
        "lofte: .: the site would be written over the data repository (its data/pledges/, "
        "schemas/ or .git/, or where a link there leads); choose a folder of its own, such "
        "as site/\n"
    )
    assert (root / "README.md").read_text(encoding="utf-8") == "# ours\n"
    report = run_cli("--at", "HEAD", "report", "--out", "data/pledges/p/pledge.yaml", cwd=root)
    assert report.exit_code == 1
    assert "lofte never writes its output there" in report.stderr


# --- what reports and exports know as their own -------------------------------------------


def test_each_command_knows_only_its_own_output(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    assert run_cli("report", "p", "--out", "r.md", cwd=root).exit_code == 0
    assert run_cli("report", "p", "--out", "r.html", "--format", "html", cwd=root).exit_code == 0
    assert run_cli("export", "--out", "e.json", cwd=root).exit_code == 0
    # A report over a report (either format) is fine; an export over a report is not.
    assert run_cli("report", "p", "--out", "r.html", cwd=root).exit_code == 0
    assert run_cli("report", "p", "--out", "r.md", "--format", "html", cwd=root).exit_code == 0
    crossed = run_cli("export", "--out", "r.md", cwd=root)
    assert crossed.exit_code == 1
    assert crossed.stderr == (
        "lofte: r.md: the file is there and was not written by lofte export; not replaced "
        "(choose another file, or replace it with --force)\n"
    )
    assert run_cli("report", "p", "--out", "e.json", cwd=root).exit_code == 1


def test_the_report_marks_are_in_both_formats(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    markdown = run_cli("report", "p", cwd=root).stdout
    html = run_cli("report", "p", "--format", "html", cwd=root).stdout
    assert markdown.endswith("\n[//]: # (generator: lofte report)\n")
    assert '<meta name="generator" content="lofte report">' in html
    assert output_target.is_report(markdown.encode()[-200:])
    assert output_target.is_report(html.encode()[:4096])
    assert not output_target.is_report(b"# Rapport\n\nSkriven f\xc3\xb6r hand.\n")


@pytest.mark.parametrize(
    ("first", "owned"),
    [
        ("pledge,id,date\n", True),
        ("\ufeffpledge;id;date\r\n", True),
        ("pledge,id\n", False),
        ("namn,telefon\n", False),
    ],
)
def test_an_export_csv_is_known_by_its_header_in_either_dialect(first, owned):
    check = output_target.export_owner("pledge,id,date\nx,y,z\n")
    assert check(first.encode("utf-8")) is owned


def test_a_json_export_is_known_by_its_first_keys():
    check = output_target.export_owner('{\n  "generated": "2026-11-26",\n  "as_of": "x"}')
    assert check(b'{\n  "generated": "2026-11-26",\n  "as_of": "2026-11-26",\n') is True
    assert check(b'{"as_of": "2026-11-26", "generated": "x"}') is False
    assert check(b'{"name": "mine"}') is False


def test_export_refuses_a_folder_for_json_and_a_file_for_csv_folder(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    (root / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run_cli("export", "--format", "csv", "--out", "notes.txt", cwd=root)
    assert result.exit_code != 0
    assert (root / "notes.txt").read_text(encoding="utf-8") == "mine\n"


# --- fmt: the lock and a change made while it ran ---------------------------------------


def test_fmt_leaves_a_file_that_changed_after_it_was_read(tmp_path):
    root = copy_base(tmp_path / "repo")
    path = root / ACTIVITY
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "title:   "), "utf-8")
    report = check_formatting(root, [path])
    assert [f.path for f in report.changed] == [path]
    saved = path.read_text(encoding="utf-8") + "# saved by someone meanwhile\n"
    path.write_text(saved, encoding="utf-8")
    assert list(write_formatted(report, root)) == [(path, False)]
    assert path.read_text(encoding="utf-8") == saved


def test_fmt_names_a_file_that_changed_meanwhile_and_exits_1(run_cli, tmp_path, monkeypatch):
    import lofte_cli.edit.fmt as fmt

    root = copy_base(tmp_path / "repo")
    path = root / ACTIVITY
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "title:   "), "utf-8")
    real = fmt.read_document

    def saved_meanwhile(p: Path):  # the file changes between the check and the write
        if p == path and not getattr(saved_meanwhile, "done", False):
            saved_meanwhile.done = True  # type: ignore[attr-defined]
        elif p == path:
            path.write_text(path.read_text(encoding="utf-8") + "# edit\n", encoding="utf-8")
        return real(p)

    monkeypatch.setattr(fmt, "read_document", saved_meanwhile)
    result = run_cli("fmt", cwd=root)
    assert result.exit_code == 1
    assert result.stderr == (
        f"lofte: {ACTIVITY}: changed while lofte fmt ran; left as it is, run lofte fmt again\n"
    )
    assert result.stdout.endswith(", 1 changed meanwhile (above)\n")
    assert path.read_text(encoding="utf-8").endswith("# edit\n")


def test_fmt_and_assess_take_the_same_lock_for_a_followup(tmp_path):
    root = tmp_path
    followup = root / "data/pledges/p/followups/2023-12-15.yaml"
    assert data_file_lock(root, followup) == "p-followups-2023-12-15"
    activity = root / "data/pledges/p/activities/x.yaml"
    assert data_file_lock(root, activity) == "p-activities-x"


def test_an_interrupted_fmt_says_what_it_wrote(run_cli, tmp_path, monkeypatch):
    import lofte_cli.edit.fmt as fmt

    root = copy_base(tmp_path / "repo")
    files = sorted((root / "data/pledges/p/activities").glob("*.yaml"))[:2]
    for path in files:
        path.write_text(path.read_text(encoding="utf-8").replace("title:", "title:   "), "utf-8")
    written: list[Path] = []

    def then_interrupt(path: Path, text: str) -> None:
        if written:
            raise KeyboardInterrupt
        write_atomic(path, text)
        written.append(path)

    monkeypatch.setattr(fmt, "write_atomic", then_interrupt)
    result = run_cli("fmt", cwd=root)
    assert result.exit_code == 130
    first = files[0].relative_to(root).as_posix()
    assert result.stdout == f"reformatted {first}\n"
    assert result.stderr == (
        "\nlofte: interrupted; the files listed as reformatted above were written, every "
        "other file is as it was\n"
    )
    assert "title:   " not in files[0].read_text(encoding="utf-8")
    assert "title:   " in files[1].read_text(encoding="utf-8")


def test_an_interrupted_render_leaves_the_site_as_it_was(run_cli, tmp_path, monkeypatch):
    import lofte_cli.publish.site as publish

    root = copy_base(tmp_path / "repo")
    assert run_cli("render", "--out", "site", cwd=root).exit_code == 0
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    write_new_files = publish.write_new_files
    calls: list[int] = []

    def interrupt(folder: Path, files: dict[str, str], *, named: Path) -> dict[str, str]:
        if calls:
            raise KeyboardInterrupt
        calls.append(1)
        return write_new_files(folder, files, named=named)

    monkeypatch.setattr(publish, "write_new_files", interrupt)
    result = run_cli("render", "--out", "site", "--as-of", "2024-01-01", cwd=root)
    assert result.exit_code == 130
    assert result.stderr == "\nlofte: interrupted; site/ is as it was before this render\n"
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in root.iterdir()) == [".lofte-cache", "data", "site"]


# --- files lofte writes -------------------------------------------------------------------


def test_new_files_get_the_mode_the_umask_gives(tmp_path):
    old = os.umask(0o027)
    try:
        assert new_file_mode() == 0o640
        write_atomic(tmp_path / "a.yaml", "a: 1\n")
        assert (tmp_path / "a.yaml").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_a_failed_cache_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from lofte_cli.data import cache

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", full)
    with pytest.raises(OSError):
        cache._replace(tmp_path / "x.meta", "{}")
    assert list(tmp_path.iterdir()) == []


# --- --at on every Python 3.11 ------------------------------------------------------------


def _archive(members: list[tuple[str, bytes | None, str | None]]) -> tarfile.TarFile:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, content, link in members:
            info = tarfile.TarInfo(name)
            if link is not None:
                info.type, info.linkname = tarfile.SYMTYPE, link
                tar.addfile(info)
            else:
                assert content is not None
                info.size = len(content)
                tar.addfile(info, io.BytesIO(content))
    buffer.seek(0)
    return tarfile.open(fileobj=buffer)


HOSTILE = [
    ("data/pledges/p/pledge.yaml", b"id: p\n", None),
    ("../escaped.yaml", b"x: 1\n", None),
    ("data/pledges/p/activities/a.yaml", None, "/etc/passwd"),
]


@pytest.mark.parametrize("with_filter", [True, False], ids=["3.11.4+", "before 3.11.4"])
def test_extract_safely_keeps_only_what_stays_inside(tmp_path, monkeypatch, with_filter):
    if not with_filter:
        monkeypatch.delattr(tarfile, "data_filter", raising=False)
    folder = tmp_path / "copy"
    folder.mkdir()
    with _archive(HOSTILE) as tar:
        extract_safely(tar, folder)
    found = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert found == ["data/pledges/p/pledge.yaml"]
    assert not (tmp_path / "escaped.yaml").exists()
    assert not (folder / "data/pledges/p/activities/a.yaml").is_symlink()
