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
    (warning,) = [p for p in result.problems if p.code == "L117"]
    assert (warning.line, warning.col, warning.severity) == (3, 9, "warning")
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
    assert ("y.yaml", 5, "L118") in problems(root)
    assert not any(code == "L118" and name == "x.yaml" for name, _, code in problems(root))


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
    dates = {(name, code) for name, _, code in problems(root) if code.startswith("L2")}
    assert dates == {("b.yaml", "L202"), ("c.yaml", "L202")}


def test_open_ended_pledge_without_successor_runs_on(tmp_path):
    root = write_tree(
        tmp_path,
        {
            "data/pledges/p/pledge.yaml": pledge(end=None),
            "data/pledges/p/activities/a.yaml": activity("a", "2026-11-01", "a", "kommun-1"),
            "data/pledges/p/activities/b.yaml": activity(
                "b", "2030-01-01", "a", "kommun-1", extra="status: planned\n"
            ),
        },
    )
    assert not any(code.startswith("L2") for _, _, code in problems(root))


def test_unknown_superseded_pledge_is_a_warning(tmp_path):
    root = write_tree(
        tmp_path,
        {
            "data/pledges/p/pledge.yaml": pledge(extra="supersedes: p-2021\n"),
        },
    )
    result = validate(root, today=date(2026, 1, 1))
    assert [(p.code, p.severity) for p in result.problems if p.code == "L107"] == [
        ("L107", "warning")
    ]


def test_period_ending_before_it_starts(tmp_path):
    root = write_tree(tmp_path, {"data/pledges/p/pledge.yaml": pledge(end="2022-12-31")})
    assert ("pledge.yaml", 3, "L204") in problems(root)


def test_group_with_a_party_id_and_a_repeated_indicator(tmp_path):
    extra = "indicators:\n  - {id: t, name: Trygghet}\n  - {id: t, name: Igen}\n"
    text = pledge(extra=extra).replace("kommunerna: [a, b]", "a: [a, b]")
    root = write_tree(tmp_path, {"data/pledges/p/pledge.yaml": text})
    codes = [(line, code) for _, line, code in problems(root) if code == "L109"]
    assert sorted(codes) == [(9, "L109"), (16, "L109")]


def test_planned_activity_in_the_future_is_fine(tmp_path):
    root = write_tree(
        tmp_path,
        {
            "data/pledges/p/pledge.yaml": pledge(end="2030-12-31"),
            "data/pledges/p/activities/a.yaml": activity(
                "a", "2027-01-01", "a", "kommun-1", extra="status: planned\n"
            ),
        },
    )
    assert not any(code == "L203" for _, _, code in problems(root))


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
    found = problems(root)
    assert ("pledge.yaml", 14, "L302") in found
    assert ("2023-12-01.yaml", 5, "L303") in found
