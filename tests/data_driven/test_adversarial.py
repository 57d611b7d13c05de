"""Regressions from an adversarial review: hostile and odd inputs that once hung, crashed,
hid problems or pointed at the wrong line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import copy_base, write_tree

LOFTE = str(Path(sys.executable).parent / "lofte")
ACT = "data/pledges/p/activities/2023-05-01-x.yaml"
HEAD = "id: 2023-05-01-x\ndate: 2023-05-01\nby: [kommun]\ncommitments: [kommun-1]\n"


def activity(extra: str = "", *, title: str = "Möte", description: str = "En kväll.") -> str:
    return f"{HEAD}title: {title}\ndescription: {description}\n{extra}"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_base(tmp_path / "repo")


def problems(run_cli, root: Path, *args: str) -> list[dict]:
    result = run_cli("validate", "--format", "json", *args, cwd=root)
    found = json.loads(result.stdout)
    errors = [p for p in found if p["severity"] == "error"]
    assert result.exit_code == (1 if errors else 0), result.stderr
    return found


def codes_at(found: list[dict]) -> set[tuple[str, str, int, int]]:
    return {(p["code"], Path(p["path"]).name, p["line"], p["column"]) for p in found}


def run_bounded(root: Path, seconds: float) -> subprocess.CompletedProcess[str]:
    """A run that must end well within `seconds` (a hang is the failure)."""
    start = time.monotonic()
    done = subprocess.run(
        [LOFTE, "--no-cache", "validate"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=seconds,
        env={**os.environ, "LOFTE_TODAY": "2026-11-26"},
    )
    assert time.monotonic() - start < seconds
    assert "Traceback" not in done.stderr
    return done


def test_a_long_list_of_mappings_does_not_hang(repo):
    items = ", ".join(f"{{a: {i}}}" for i in range(6000))
    write_tree(repo, {ACT: activity().replace("by: [kommun]", f"by: [{items}]")})
    done = run_bounded(repo, 20)
    assert done.returncode == 1 and ": a mapping should be text" in done.stdout


def test_aliases_cannot_multiply_text(repo):
    long = "Lorem ipsum " * 40_000
    aliases = ", ".join(["*d"] * 1000)
    write_tree(repo, {ACT: activity(f"partners: [{aliases}]\n", description=f'&d "{long}"')})
    done = run_bounded(repo, 20)
    assert done.returncode == 1 and " L112 " in done.stdout


def test_thousands_of_findings_are_capped_and_fast(repo):
    mails = " ".join(f"person{i}@example.se" for i in range(10_000))
    write_tree(repo, {ACT: activity(description=mails)})
    done = run_bounded(repo, 20)
    lines = [line for line in done.stdout.splitlines() if ": error L302 " in line]
    assert len(lines) == 26 and any("and 9975 more like these" in line for line in lines)


# Line 7 is the line after HEAD, title and description; column 15 is a participants value,
# column 8 an hours or place value.
@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({ACT: activity("participants: " + "1" * 5000 + "\n")}, ("L115", 7, 15)),
        ({ACT: "%YAML 1.3\n---\n" + activity()}, ("L100", 1, 1)),
        ({ACT: activity("hours: .nan\n")}, ("L115", 7, 8)),
        ({ACT: activity(title="Möte på Ängen om åäö \x01")}, ("L101", 5, 29)),
        ({ACT: activity("participants: -1\n", title='"Möte \u2028 på Ängen"')}, ("L115", 7, 15)),
        ({ACT: activity("place: 0303\n")}, ("L115", 7, 8)),
        ({ACT: "\ufeff".encode("utf-16-le") + activity().encode("utf-16-le")}, ("L101", 1, 1)),
    ],
    ids=["huge-int", "yaml-1.3", "nan", "control-char", "u2028", "number-as-text", "utf-16"],
)
def test_odd_values_get_their_code_and_line(run_cli, repo, files, expected):
    write_tree(repo, files)
    found = problems(run_cli, repo)
    assert codes_at(found) == {(expected[0], "2023-05-01-x.yaml", *expected[1:])}, found


def test_control_character_column_counts_characters(run_cli, repo):
    write_tree(repo, {ACT: activity(title="Möte på Ängen om åäö \x01")})
    # "title: " is 7 characters, "Möte på Ängen om åäö " 21 more: U+0001 is character 29
    assert codes_at(problems(run_cli, repo)) == {("L101", "2023-05-01-x.yaml", 5, 29)}


def test_number_read_as_text_says_to_quote_it(run_cli, repo):
    write_tree(repo, {ACT: activity("place: 0303\n")})
    (found,) = problems(run_cli, repo)
    assert "put it in quotes ('0303')" in found["message"]


def test_every_unknown_and_missing_key_is_reported(run_cli, repo):
    write_tree(repo, {ACT: HEAD + "plats: Henån\ndeltagare: 4\n"})
    found = [(p["code"], p["line"], p["message"]) for p in problems(run_cli, repo)]
    assert sorted(found) == [
        ("L113", 5, "top level: unknown key 'plats'; did you mean 'place'?"),
        ("L113", 6, "top level: unknown key 'deltagare'; did you mean 'participants'?"),
        ("L114", 1, "top level: missing required key 'description'"),
        ("L114", 1, "top level: missing required key 'title'"),
    ]


def test_a_bad_required_value_does_not_hide_the_rest(run_cli, repo):
    write_tree(
        repo,
        {
            ACT: activity(title='""', description="Ring 070-123 45 67.").replace(
                "kommun-1", "kommun-9"
            )
        },
    )
    # line 4 commitments (kommun-9), line 5 the empty title, line 6 the phone number
    assert {(p["code"], p["line"]) for p in problems(run_cli, repo)} == {
        ("L103", 4),
        ("L115", 5),
        ("L303", 6),
    }


def test_a_bad_group_member_does_not_make_false_errors(run_cli, repo):
    pledge = repo / "data/pledges/p/pledge.yaml"
    pledge.write_text(
        pledge.read_text(encoding="utf-8").replace(
            "kommunerna: [kommun, kommun2]", "kommunerna: [kommun, Kommun2]"
        ),
        encoding="utf-8",
    )
    found = problems(run_cli, repo)
    assert {p["code"] for p in found} == {"L115", "L104"}
    assert all("Kommun2" in p["message"] for p in found)


def test_contacts_hold_only_addresses_and_numbers(run_cli, repo):
    pledge = repo / "data/pledges/p/pledge.yaml"
    text = pledge.read_text(encoding="utf-8").replace(
        "contacts: [trygghet@kommun.se]",
        'contacts: [trygghet@kommun.se, "811218-9876", "Anna Svensson", "0311234561"]',
    )
    pledge.write_text(text, encoding="utf-8")
    assert {(p["code"], p["message"].split(":")[0]) for p in problems(run_cli, repo)} == {
        ("L301", "personnummer '811218-9876' in contacts"),
        ("L115", "contacts[3]"),
    }


def test_path_arguments_keep_the_context_of_other_pledges(run_cli, repo):
    pledge = (repo / "data/pledges/p/pledge.yaml").read_text(encoding="utf-8")
    write_tree(
        repo,
        {
            "data/pledges/q/pledge.yaml": pledge.replace("id: p\n", "id: q\n")
            .replace("start: 2023-01-01", "start: 2025-01-01")
            .replace("end: 2024-12-31", "end: 2026-12-31")
            + "supersedes: p\n",
        },
    )
    found = problems(run_cli, repo, "data/pledges/q")
    # q's supersedes p is found although only q was named: no L107. (q has no activity that
    # reports polis-1's measure: L119, line 25.)
    assert codes_at(found) == {("L119", "pledge.yaml", 25, 28)}
    # The rule does run with a path argument: a predecessor that is not there is named.
    text = (repo / "data/pledges/q/pledge.yaml").read_text(encoding="utf-8")
    write_tree(repo, {"data/pledges/q/pledge.yaml": text.replace("supersedes: p", "supersedes: x")})
    found = problems(run_cli, repo, "data/pledges/q")
    assert codes_at(found) == {("L119", "pledge.yaml", 25, 28), ("L107", "pledge.yaml", 47, 13)}


def test_folder_outside_the_data_repository_is_a_usage_error(run_cli, repo, tmp_path):
    (tmp_path / "other").mkdir()
    result = run_cli("validate", str(tmp_path / "other"), cwd=repo)
    assert result.exit_code == 2 and "outside the data repository" in result.stderr


def test_upper_case_extension_is_not_skipped_silently(run_cli, repo):
    write_tree(repo, {"data/pledges/p/activities/2023-05-01-x.YAML": activity()})
    assert codes_at(problems(run_cli, repo)) == {("L120", "2023-05-01-x.YAML", 1, 1)}


def test_symlinks_inside_the_folder_are_checked_with_a_folder_argument(run_cli, repo):
    target = write_tree(repo / "shared", {"x.yaml": activity().replace("kommun-1", "kommun-9")})
    (repo / ACT).symlink_to(target / "x.yaml")
    (repo / "data/pledges/p/activities/loop.yaml").symlink_to("loop.yaml")
    found = problems(run_cli, repo, "data/pledges/p")
    assert {(p["code"], Path(p["path"]).name) for p in found} == {
        ("L103", "2023-05-01-x.yaml"),  # the linked file is read and checked
        ("L120", "loop.yaml"),  # a link to itself is not read, and does not hang
    }


def test_unreadable_folder_is_a_problem_not_a_crash(run_cli, repo, monkeypatch):
    real = os.scandir

    def scandir(path):
        if Path(path).name == "activities":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = problems(run_cli, repo)
    # With no activity read, none reports polis-1's measure kontroller either (L119).
    assert [(p["code"], p["path"]) for p in found] == [
        ("L101", "data/pledges/p/activities"),
        ("L119", "data/pledges/p/pledge.yaml"),
    ]


def test_pledge_cannot_supersede_itself(run_cli, repo):
    pledge = repo / "data/pledges/p/pledge.yaml"
    pledge.write_text(pledge.read_text(encoding="utf-8") + "supersedes: p\n", encoding="utf-8")
    # pledge.yaml of the base has 46 lines; supersedes is line 47, its value at column 13
    assert codes_at(problems(run_cli, repo)) == {("L121", "pledge.yaml", 47, 13)}


def test_language_gets_a_language_message(run_cli, repo):
    pledge = repo / "data/pledges/p/pledge.yaml"
    pledge.write_text(
        pledge.read_text(encoding="utf-8").replace("language: sv", "language: svenska"),
        encoding="utf-8",
    )
    (found,) = problems(run_cli, repo)
    assert "language code such as sv or en" in found["message"]


def test_emoji_codes_in_data_are_printed_as_written(run_cli, repo):
    write_tree(repo, {ACT: activity('":x: :warning:": 1\n')})
    result = run_cli("validate", cwd=repo)
    assert result.exit_code == 1  # an unknown key (L113)
    assert ":x: :warning:" in result.stdout


def test_github_paths_are_named_from_the_repository_top(run_cli, repo):
    write_tree(repo, {ACT: activity().replace("kommun-1", "kommun-9")})
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    result = run_cli("validate", "--format", "github", cwd=repo / "data" / "pledges")
    assert result.exit_code == 1  # kommun-9 (L103)
    assert f"file={ACT}," in result.stdout
