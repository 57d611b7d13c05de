"""What an adversarial review of issue 12's guards found, each reproduced: writes through
links, planted temporary files and manifests, the repository's own .git, withdrawn pages
forgotten, personal data in measure names and in the dashes and spaces word processors
use, operating-system errors, special files, and misleading messages."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from lofte_cli.data.privacy import find_personal_data
from tests.helpers import REPO, copy_base

PLEDGE = "data/pledges/sodra-fyrbodal-2023-2024"


def bundled(tmp_path: Path) -> Path:
    """The bundled data and schemas in a git repository of their own."""
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["cp", "-r", str(REPO / "data"), str(REPO / "schemas"), str(root)], check=True)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "data")
    return root


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=root,
        check=True,
    )


def unchanged(root: Path) -> bool:
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True)
    return status.stdout.decode() == "" or all(
        line.startswith("?? site/") or line.startswith("?? .lofte-cache")
        for line in status.stdout.decode().splitlines()
    )


def test_a_linked_folder_inside_the_site_is_never_written_through(run_cli, tmp_path):
    root = bundled(tmp_path)
    assert run_cli("render", cwd=root).exit_code == 0
    folder = root / "site/sodra-fyrbodal-2023-2024"
    subprocess.run(["rm", "-rf", str(folder)], check=True)
    folder.symlink_to(root / PLEDGE)
    result = run_cli("render", cwd=root)
    assert result.exit_code == 1
    assert result.stderr == (
        "lofte: site: sodra-fyrbodal-2023-2024 is a link; lofte writes the site only into "
        "folders and files of its own (remove the link, or render into another folder)\n"
    )
    assert sorted(p.name for p in (root / PLEDGE).iterdir()) == [
        "activities",
        "followups",
        "pledge.yaml",
    ]


def test_a_planted_temporary_file_link_is_not_followed(run_cli, tmp_path):
    root = bundled(tmp_path)
    assert run_cli("render", cwd=root).exit_code == 0
    pledge = (root / PLEDGE / "pledge.yaml").read_bytes()
    for pid in range(os.getpid() - 5, os.getpid() + 5):
        (root / f"site/.style.css.{pid}.tmp").symlink_to(root / PLEDGE / "pledge.yaml")
    assert run_cli("render", cwd=root).exit_code == 0
    assert (root / PLEDGE / "pledge.yaml").read_bytes() == pledge
    assert not (root / "site/style.css").is_symlink()


def test_a_pledge_folder_kept_elsewhere_through_a_link_is_protected(run_cli, tmp_path):
    root = bundled(tmp_path)
    shared = root / "shared"
    shared.mkdir()
    subprocess.run(["cp", "-r", str(root / PLEDGE), str(shared / "second")], check=True)
    text = (shared / "second/pledge.yaml").read_text(encoding="utf-8")
    (shared / "second/pledge.yaml").write_text(
        text.replace("id: sodra-fyrbodal-2023-2024", "id: second", 1), encoding="utf-8"
    )
    (root / "data/pledges/second").symlink_to(shared / "second")
    before = (shared / "second/pledge.yaml").read_bytes()
    for out in ("data/pledges/second/pledge.yaml", "shared/second/followups/x.md"):
        result = run_cli("report", "second", "--force", "--out", out, cwd=root)
        assert result.exit_code == 1, out
        assert "lofte never writes its output there" in result.stderr
    assert (shared / "second/pledge.yaml").read_bytes() == before
    assert not (shared / "second/followups/x.md").exists()


def test_the_git_folder_at_the_top_of_the_work_tree_is_protected(run_cli, tmp_path):
    top = tmp_path / "top"
    (top / "lofte").mkdir(parents=True)
    copy_base(top / "lofte" / "base")
    subprocess.run(["mv", str(top / "lofte/base/data"), str(top / "lofte")], check=True)
    git(top, "init", "-q")
    config = (top / ".git/config").read_bytes()
    data = top / "lofte"
    site = run_cli("render", "--out", "../.git/site", cwd=data)
    assert site.exit_code == 1
    assert not (top / ".git/site").exists()
    report = run_cli("report", "--out", "../.git/config", "--force", cwd=data)
    assert report.exit_code == 1
    assert (top / ".git/config").read_bytes() == config


def test_a_manifest_entry_without_a_hash_is_kept_not_removed(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    out = tmp_path / "site"
    assert run_cli("render", "--out", str(out), cwd=root).exit_code == 0
    (out / "CNAME").write_text("lofte.example.se\n", encoding="utf-8")
    manifest = json.loads((out / ".lofte-site.json").read_text(encoding="utf-8"))
    manifest["files"]["CNAME"] = None
    (out / ".lofte-site.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = run_cli("render", "--out", str(out), cwd=root)
    assert result.exit_code == 0
    assert (out / "CNAME").read_text(encoding="utf-8") == "lofte.example.se\n"
    assert result.stderr.startswith(f"lofte: kept {out}/CNAME: an earlier render wrote it")
    again = run_cli("render", "--out", str(out), cwd=root)  # named again, never forgotten
    assert again.stderr == result.stderr


@pytest.mark.parametrize("name", ["./index.html", "p//index.html", "../x", "/etc/x", "a\\b", ""])
def test_a_manifest_with_a_name_render_never_writes_is_refused(run_cli, tmp_path, name):
    root = copy_base(tmp_path / "repo")
    out = tmp_path / "site"
    assert run_cli("render", "--out", str(out), cwd=root).exit_code == 0
    manifest = json.loads((out / ".lofte-site.json").read_text(encoding="utf-8"))
    manifest["files"][name] = None
    (out / ".lofte-site.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = run_cli("render", "--out", str(out), cwd=root)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"lofte: {out}/.lofte-site.json: not a manifest lofte")
    assert (out / "index.html").is_file()


def test_personal_data_in_a_measure_name_is_found(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    activity = root / "data/pledges/p/activities/2023-04-02-trafikkontroll.yaml"
    text = activity.read_text(encoding="utf-8")
    assert "measures: {kontroller: 3}\n" in text  # line 9 of the file
    changed = text.replace("{kontroller: 3}", '{kontroller: 3, "ring 070-123 45 67": 1}')
    activity.write_text(changed, encoding="utf-8")
    result = run_cli("validate", "--format", "json", cwd=root)
    found = [(p["code"], p["line"]) for p in json.loads(result.stdout)]
    assert found == [("L303", 9)]
    assert run_cli("export", cwd=root).exit_code == 1


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ring 070\u2011123 45 67", "L303"),  # Word's non-breaking hyphen
        ("Ring 070\u2212123\u200945 67", "L303"),  # minus sign, thin space
        ("Ring 070\u2010123\u00a045\u200b67", "L303"),
        ("pnr 811218\u20139876", "L301"),  # en dash
        ("pnr 811218 - 9876", "L301"),
        ("pnr 811218\t9876", "L301"),
        ("pnr 19811218\u202f9876", "L301"),
    ],
)
def test_the_dashes_and_spaces_of_word_processors_do_not_hide_personal_data(text, code):
    assert [f.code for f in find_personal_data(text)] == [code]


@pytest.mark.parametrize(
    "text", ["2023-03-14\u20132024-01-01", "Kl. 08.00\u201317.00", "år 2023 1234", "811218 9877"]
)
def test_look_alikes_with_those_separators_are_not_flagged(text):
    assert find_personal_data(text) == []


def test_an_output_folder_that_is_a_file_is_one_line_not_a_crash(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    (root / "afile").write_text("mine\n", encoding="utf-8")
    result = run_cli("export", "--format", "csv", "--out", "afile", cwd=root)
    assert result.exit_code == 1
    assert result.stderr == "lofte: afile: Not a directory\n"
    assert (root / "afile").read_text(encoding="utf-8") == "mine\n"


def test_a_pipe_or_device_is_never_an_output(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    os.mkfifo(root / "fifo")
    for force in ((), ("--force",)):
        result = run_cli("report", "--out", "fifo", *force, cwd=root)
        assert result.exit_code == 1
        assert (
            result.stderr == "lofte: fifo: not a regular file (a device or a pipe); name a file\n"
        )
        assert (root / "fifo").is_fifo()


def test_a_report_of_a_pledge_left_out_for_its_errors_says_so(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    pledge = root / "data/pledges/p/pledge.yaml"
    pledge.write_text(pledge.read_text(encoding="utf-8") + "bogus: [\n", encoding="utf-8")
    result = run_cli("report", "--force", cwd=root)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "lofte: pledge 'p' is left out: its pledge.yaml has errors (lofte validate shows them)\n"
    )


def test_a_file_left_out_is_not_also_said_to_be_published(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    activity = root / "data/pledges/p/activities/2023-04-02-trafikkontroll.yaml"
    text = activity.read_text(encoding="utf-8").replace(
        "title:", "place: Ring 070-123 45 67\ntitel:"
    )
    activity.write_text(text, encoding="utf-8")
    result = run_cli("render", "--out", str(tmp_path / "site"), "--force", cwd=root)
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("left out, not published: ") for line in lines)
    assert not (tmp_path / "site/p/activities/2023-04-02-trafikkontroll.html").exists()
