"""A follow-up dated before its pledge starts is an error (L202) at its date: it belongs to
another pledge or its date is mistyped. One after the end is the period's last follow-up
and is fine. `lofte assess` refuses to write such a follow-up."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import copy_base, write_tree

EARLY = "date: 2022-12-31\nassessments:\n  kommun-1: {status: ongoing, comment: Bra.}\n"
LATE = "date: 2025-03-01\nassessments:\n  kommun-1: {status: done, comment: Klart.}\n"


def test_a_follow_up_before_the_start_is_an_error_one_after_the_end_is_not(
    run_cli, tmp_path: Path
) -> None:
    root = copy_base(tmp_path / "repo")
    write_tree(
        root,
        {
            "data/pledges/p/followups/2022-12-31.yaml": EARLY,
            "data/pledges/p/followups/2025-03-01.yaml": LATE,
        },
    )
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "data/pledges/p/followups/2022-12-31.yaml:1:7: error L202 follow-up dated 2022-12-31, "
        "before pledge p starts (2023-01-01); is it filed under the right pledge?",
        "6 files checked: 1 error, 0 warnings",
    ]


def test_the_message_in_swedish(run_cli, tmp_path: Path, monkeypatch) -> None:
    root = copy_base(tmp_path / "repo")
    write_tree(root, {"data/pledges/p/followups/2022-12-31.yaml": EARLY})
    monkeypatch.setenv("LOFTE_LANG", "sv")
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "data/pledges/p/followups/2022-12-31.yaml:1:7: fel L202 uppföljningen är daterad "
        "2022-12-31, innan löftet p börjar (2023-01-01); ligger den under rätt löfte?"
    )


def test_assess_does_not_write_a_follow_up_before_the_start(run_cli, tmp_path: Path) -> None:
    root = copy_base(tmp_path / "repo")
    before = sorted(p.name for p in (root / "data/pledges/p/followups").iterdir())
    result = run_cli(
        "assess",
        "kommun-1",
        "--status",
        "ongoing",
        "--comment",
        "Bra.",
        "--date",
        "2022-05-01",
        cwd=root,
        today="2024-06-01",
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "lofte: not written: L202 follow-up dated 2022-05-01, before pledge p starts "
        "(2023-01-01); is it filed under the right pledge?"
    )
    assert sorted(p.name for p in (root / "data/pledges/p/followups").iterdir()) == before
