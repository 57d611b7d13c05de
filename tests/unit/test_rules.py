"""Semantic rules on small repositories built in tmp_path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lofte_cli.data.validate import validate
from tests.helpers import write_tree

PLEDGE = """\
id: {id}
title: Test
period: {{start: {start}{end}}}
parties:
  polisen: {{name: Polisen, kind: police}}
  a: {{name: A kommun, kind: municipality}}
  b: {{name: B kommun, kind: municipality}}
groups:
  kommunerna: [a, b]
focus_areas: {{trafik: Trafik}}
commitments:
  - {{id: polis-1, by: polisen, text: Kontroller., expect: {{count: 2, of: kontroller}}}}
  - {{id: kommun-1, by: kommunerna, text: Föräldrakvällar., focus: [trafik]}}
{extra}"""


def pledge(pid="p", start="2023-01-01", end="2024-12-31", extra=""):
    end_part = f", end: {end}" if end else ""
    return PLEDGE.format(id=pid, start=start, end=end_part, extra=extra)


def activity(aid, day, by, commitments, title="Aktivitet", extra=""):
    return (
        f"id: {aid}\ndate: {day}\nby: {by}\ncommitments: {commitments}\n"
        f"title: {title}\ndescription: Något gjordes.\n{extra}"
    )


def problems(root: Path, today=date(2026, 11, 26)):
    result = validate(root, today=today)
    return {(p.path.name, p.line, p.code) for p in result.problems}


# Every pledge from PLEDGE has polis-1 count the measure kontroller (line 12); unless an
# activity reports it, that is warning L119 on line 12.
L119 = ("pledge.yaml", 12, "L119")


def test_group_in_activity_by_expands_to_its_members(tmp_path):
    root = write_tree(
        tmp_path,
        {
            "data/pledges/p/pledge.yaml": pledge(),
            "data/pledges/p/activities/x.yaml": activity(
                "x", "2023-02-01", "kommunerna", "kommun-1"
            ),
        },
    )
    assert problems(root) == {("pledge.yaml", 12, "L119")}


def test_party_not_responsible_is_a_warning(tmp_path):
    root = write_tree(
        tmp_path,
        {
            "data/pledges/p/pledge.yaml": pledge(),
            "data/pledges/p/activities/x.yaml": activity(
                "x", "2023-02-01", "[a, polisen]", "[kommun-1]", extra="measures: {kontroller: 1}\n"
            ),
        },
    )
    result = validate(root, today=date(2026, 1, 1))
    # line 3 is `by: [a, polisen]`, column 9 is polisen
    found = {(p.path.name, p.line, p.col, p.code, p.severity) for p in result.problems}
    # the measure is reported, but not on polis-1, so L119 stays (line 12, column 74)
    assert found == {
        ("x.yaml", 3, 9, "L117", "warning"),
        ("pledge.yaml", 12, 74, "L119", "warning"),
    }
    assert result.errors == 0


def test_duplicate_activity_is_a_warning_on_the_second(tmp_path):
    root = write_tree(
        tmp_path,
        {
            "data/pledges/p/pledge.yaml": pledge(),
            "data/pledges/p/activities/x.yaml": activity("x", "2023-02-01", "[a, b]", "kommun-1"),
            "data/pledges/p/activities/y.yaml": activity(
                "y", "2023-02-01", "[b, a]", "kommun-1", title="  aktivitet"
            ),
        },
    )
    # the warning is on the second file only, at its title (line 5)
    assert problems(root) == {L119, ("y.yaml", 5, "L118")}


def test_expected_measure_reported_somewhere_silences_the_warning(tmp_path):
    root = write_tree(
        tmp_path,
        {
            "data/pledges/p/pledge.yaml": pledge(),
            "data/pledges/p/activities/x.yaml": activity(
                "x", "2023-02-01", "polisen", "polis-1", extra="measures: {kontroller: 0}\n"
            ),
        },
    )
    assert problems(root) == set()


def test_open_ended_pledge_ends_the_day_before_its_successor(tmp_path):
    root = write_tree(
        tmp_path,
        {
            "data/pledges/old/pledge.yaml": pledge("old", end=None),
            "data/pledges/new/pledge.yaml": pledge(
                "new", start="2024-05-01", end=None, extra="supersedes: old\n"
            ),
            "data/pledges/old/activities/a.yaml": activity("a", "2024-04-30", "a", "kommun-1"),
            "data/pledges/old/activities/b.yaml": activity("b", "2024-05-01", "a", "kommun-1"),
            "data/pledges/new/activities/c.yaml": activity("c", "2024-04-30", "a", "kommun-1"),
        },
    )
    # a (2024-04-30) is old's last day; b (2024-05-01) is past it, c (2024-04-30) before
    # new's start. L202 is on each date (line 2); each pledge has its own L119.
    result = validate(root, today=date(2026, 11, 26))
    pledges = Path("data/pledges")
    found = {(str(p.path.relative_to(root / pledges)), p.line, p.code) for p in result.problems}
    assert found == {
        ("old/activities/b.yaml", 2, "L202"),
        ("new/activities/c.yaml", 2, "L202"),
        ("old/pledge.yaml", 12, "L119"),
        ("new/pledge.yaml", 12, "L119"),
    }


def test_open_ended_pledge_without_successor_runs_on(tmp_path):
    root = write_tree(
        tmp_path,
        {
            "data/pledges/p/pledge.yaml": pledge(end=None),
            "data/pledges/p/activities/a.yaml": activity("a", "2026-11-01", "a", "kommun-1"),
            "data/pledges/p/activities/b.yaml": activity(
                "b", "2030-01-01", "a", "kommun-1", extra="status: planned\n"
            ),
            # The date rules do run: a date before the start is still outside the period.
            "data/pledges/p/activities/c.yaml": activity("c", "2022-12-31", "a", "kommun-1"),
        },
    )
    assert problems(root) == {L119, ("c.yaml", 2, "L202")}  # nothing on a or b


def test_unknown_superseded_pledge_is_a_warning(tmp_path):
    root = write_tree(
        tmp_path,
        {
            "data/pledges/p/pledge.yaml": pledge(extra="supersedes: p-2021\n"),
        },
    )
    result = validate(root, today=date(2026, 1, 1))
    assert [(p.path.name, p.line, p.code, p.severity) for p in result.problems] == [
        ("pledge.yaml", 12, "L119", "warning"),
        ("pledge.yaml", 14, "L107", "warning"),  # line 14: supersedes
    ]


def test_period_ending_before_it_starts(tmp_path):
    root = write_tree(tmp_path, {"data/pledges/p/pledge.yaml": pledge(end="2022-12-31")})
    assert problems(root) == {("pledge.yaml", 3, "L204"), L119}


def test_group_with_a_party_id_and_a_repeated_indicator(tmp_path):
    extra = "indicators:\n  - {id: t, name: Trygghet}\n  - {id: t, name: Igen}\n"
    text = pledge(extra=extra).replace("kommunerna: [a, b]", "a: [a, b]")
    root = write_tree(tmp_path, {"data/pledges/p/pledge.yaml": text})
    # L109 on the group a (line 9) and the second indicator t (line 16); with the group
    # kommunerna gone, kommun-1's `by: kommunerna` names nothing (L104, line 13).
    assert problems(root) == {
        ("pledge.yaml", 9, "L109"),
        ("pledge.yaml", 16, "L109"),
        ("pledge.yaml", 13, "L104"),
        L119,
    }


def test_planned_activity_in_the_future_is_fine(tmp_path):
    root = write_tree(
        tmp_path,
        {
            "data/pledges/p/pledge.yaml": pledge(end="2030-12-31"),
            "data/pledges/p/activities/a.yaml": activity(
                "a", "2027-01-01", "a", "kommun-1", extra="status: planned\n"
            ),
            # The rule does run: the same day as done is in the future (L203).
            "data/pledges/p/activities/b.yaml": activity(
                "b", "2027-01-01", "a", "kommun-1", title="Annan"
            ),
        },
    )
    assert problems(root) == {L119, ("b.yaml", 2, "L203")}  # nothing on a


def test_personal_data_in_pledge_and_followup_comment(tmp_path):
    root = write_tree(
        tmp_path,
        {
            "data/pledges/p/pledge.yaml": pledge(extra="notice: Frågor till kalle@gmail.com\n"),
            "data/pledges/p/followups/2023-12-01.yaml": (
                "date: 2023-12-01\nassessments:\n  kommun-1:\n    status: ongoing\n"
                "    comment: Ring 070-123 45 67\n"
            ),
        },
    )
    assert problems(root) == {
        ("pledge.yaml", 14, "L302"),  # notice
        ("2023-12-01.yaml", 5, "L303"),  # the comment
        L119,
    }
