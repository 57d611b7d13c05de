"""Coverage (SPEC 5) on small repositories built in tmp_path, with hand-computed numbers."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from lofte_cli.cli.output import coverage_table
from lofte_cli.coverage.compute import (
    CoverageReport,
    IdlePair,
    PledgeCoverage,
    compute_coverage,
    coverage_percent,
)
from lofte_cli.coverage.formats import (
    coverage_csv,
    coverage_json_text,
    coverage_markdown,
    md_escape,
)
from lofte_cli.coverage.json_shape import coverage_to_json
from lofte_cli.coverage.slices import count_slices, list_slices
from lofte_cli.data.loader import load_catalog
from lofte_cli.data.model import Catalog
from lofte_cli.errors import UsageError
from tests.helpers import REPO, write_tree

PLEDGE = """\
id: {id}
title: {title}
period: {{start: {start}{end}}}
parties:
  polisen: {{name: Polisen, kind: police}}
  a: {{name: A kommun, kind: municipality}}
  b: {{name: B kommun, kind: municipality}}
groups:
  kommunerna: [a, b]
commitments:
{commitments}{extra}"""

# One commitment per line; `{expect}` filled in by the tests that need a target.
DEFAULT_COMMITMENTS = """\
  - {id: polis-1, by: polisen, text: Kontroller.}
  - {id: kommun-1, by: kommunerna, text: Föräldrakvällar.}
"""


def pledge(
    pid="p",
    start="2023-01-01",
    end="2024-12-31",
    commitments=DEFAULT_COMMITMENTS,
    extra="",
    title="Test",
):
    end_part = f", end: {end}" if end else ""
    return PLEDGE.format(
        id=pid, title=title, start=start, end=end_part, commitments=commitments, extra=extra
    )


def one_commitment(by="polisen", expect=None):
    expect_part = f", expect: {expect}" if expect else ""
    return f"  - {{id: c, by: {by}, text: Något.{expect_part}}}\n"


def activity(aid, day, by, commitments, status="done", measures=None, title="Aktivitet"):
    text = (
        f"id: {aid}\ndate: {day}\nstatus: {status}\nby: {by}\ncommitments: {commitments}\n"
        f"title: {title} {aid}\ndescription: Något gjordes.\n"
    )
    return text + (f"measures: {measures}\n" if measures else "")


def load(tmp_path: Path, files: dict[str, str]) -> Catalog:
    """The catalog of a repository built from `files`; the files must all load cleanly."""
    result = load_catalog(write_tree(tmp_path, files))
    assert result.problems == []
    return result.catalog


def build(tmp_path: Path, pledge_yaml: str, activities=(), followups=None, pid="p") -> Catalog:
    files = {f"data/pledges/{pid}/pledge.yaml": pledge_yaml}
    for act in activities:
        aid = act.split("\n", 1)[0].removeprefix("id: ")
        files[f"data/pledges/{pid}/activities/{aid}.yaml"] = act
    for day, text in (followups or {}).items():
        files[f"data/pledges/{pid}/followups/{day}.yaml"] = f"date: {day}\n{text}"
    return load(tmp_path, files)


def cover(catalog: Catalog, as_of: str, **options) -> PledgeCoverage:
    report = compute_coverage(catalog, as_of=date.fromisoformat(as_of), **options)
    (only,) = report.pledges
    return only


def pair(p: PledgeCoverage, commitment: str, party: str):
    c = next(c for c in p.commitments if c.id == commitment)
    return next(x for x in c.parties if x.party == party)


def commitment(p: PledgeCoverage, commitment_id: str):
    return next(c for c in p.commitments if c.id == commitment_id)


# --- expected: the worked example and the arithmetic -------------------------------------


def test_worked_example_of_spec(tmp_path):
    catalog = build(tmp_path, pledge(commitments=one_commitment(expect="{count: 2, per: year}")))
    c = commitment(cover(catalog, "2023-07-01"), "c")
    # 2023-01-01..2023-07-01 is 182 of 731 days; ceil(4 × 182 / 731) = ceil(0.996) = 1.
    assert (c.total, c.expected) == (4, 1)
    assert commitment(cover(catalog, "2023-07-03"), "c").expected == 2  # ceil(4 × 184 / 731)
    assert commitment(cover(catalog, "2024-12-31"), "c").expected == 4
    assert commitment(cover(catalog, "2026-01-01"), "c").expected == 4  # W stops at the end


def test_expected_is_an_exact_ceiling(tmp_path):
    # A ten-day pledge, 10 per period: on day 3, 10 × 3 / 10 = 3 exactly (not 4).
    ten = one_commitment(expect="{count: 10}")
    catalog = build(tmp_path, pledge(start="2023-01-01", end="2023-01-10", commitments=ten))
    assert commitment(cover(catalog, "2023-01-03"), "c").expected == 3
    # 7 per period on day 3: 7 × 3 / 10 = 2.1, so 3.
    seven = one_commitment(expect="{count: 7}")
    catalog = build(tmp_path / "b", pledge(start="2023-01-01", end="2023-01-10", commitments=seven))
    assert commitment(cover(catalog, "2023-01-03"), "c").expected == 3


def test_without_expect_one_activity_meets_it_from_the_first_day(tmp_path):
    catalog = build(tmp_path, pledge(), [activity("x", "2023-01-01", "polisen", "polis-1")])
    p = cover(catalog, "2023-01-01")
    assert (pair(p, "polis-1", "polisen").expected, pair(p, "polis-1", "polisen").met) == (1, True)
    assert (pair(p, "kommun-1", "a").expected, pair(p, "kommun-1", "a").met) == (1, False)


@pytest.mark.parametrize(
    ("per", "start", "end", "total"),
    [
        # Mon 2020-12-28 .. Sun 2021-01-10: ISO weeks 2020-W53 and 2021-W01; × 3.
        ("week", "2020-12-28", "2021-01-10", 6),
        # Sunday 2021-01-03 .. Monday 2021-01-04 touches two weeks.
        ("week", "2021-01-03", "2021-01-04", 6),
        ("month", "2023-02-15", "2023-05-10", 12),  # Feb, Mar, Apr, May
        ("month", "2023-01-31", "2023-02-01", 6),
        ("quarter", "2023-03-31", "2023-04-01", 6),
        ("quarter", "2023-02-15", "2023-12-31", 12),  # Q1 (cut) … Q4
        ("tertial", "2023-04-30", "2023-05-01", 6),  # T1 ends in April
        ("tertial", "2023-08-31", "2023-09-01", 6),  # T2 ends in August
        ("tertial", "2023-01-01", "2023-12-31", 9),
        ("half-year", "2023-06-30", "2023-07-01", 6),
        ("half-year", "2023-03-01", "2024-03-01", 9),  # 2023-H1, 2023-H2, 2024-H1
        ("year", "2023-12-31", "2024-01-01", 6),
        ("period", "2023-01-01", "2024-12-31", 3),
    ],
)
def test_total_counts_calendar_slices_the_period_touches(tmp_path, per, start, end, total):
    commitments = one_commitment(expect=f"{{count: 3, per: {per}}}")
    catalog = build(tmp_path, pledge(start=start, end=end, commitments=commitments))
    c = commitment(cover(catalog, end), "c")
    assert (c.total, c.expected) == (total, total)


def test_slices_have_calendar_bounds_and_labels():
    weeks = list_slices("week", date(2020, 12, 28), date(2021, 1, 10))
    assert [(s.label, s.start, s.end) for s in weeks] == [
        ("2020-W53", date(2020, 12, 28), date(2021, 1, 3)),
        ("2021-W01", date(2021, 1, 4), date(2021, 1, 10)),
    ]
    tertials = list_slices("tertial", date(2023, 4, 2), date(2023, 9, 1))
    assert [(s.label, s.start, s.end) for s in tertials] == [
        ("2023-T1", date(2023, 1, 1), date(2023, 4, 30)),
        ("2023-T2", date(2023, 5, 1), date(2023, 8, 31)),
        ("2023-T3", date(2023, 9, 1), date(2023, 12, 31)),
    ]
    labels = {
        kind: [s.label for s in list_slices(kind, date(2023, 12, 1), date(2024, 1, 1))]
        for kind in ("month", "quarter", "half-year", "year")
    }
    assert labels == {
        "month": ["2023-12", "2024-01"],
        "quarter": ["2023-Q4", "2024-Q1"],
        "half-year": ["2023-H2", "2024-H1"],
        "year": ["2023", "2024"],
    }
    assert count_slices("week", date(2021, 1, 4), date(2021, 1, 10)) == 1


def test_coverage_percent_rounds_half_up_to_one_decimal():
    assert coverage_percent(1, 16) == 6.3  # 6.25
    assert coverage_percent(1, 3) == 33.3
    assert coverage_percent(2, 3) == 66.7
    assert coverage_percent(10, 16) == 62.5
    assert coverage_percent(0, 5) == 0.0
    assert coverage_percent(4, 4) == 100.0
    assert coverage_percent(0, 0) is None


# --- done: which activities count ---------------------------------------------------------


def test_measure_sum_with_of(tmp_path):
    commitments = one_commitment(expect="{count: 10, of: kontroller}")
    catalog = build(
        tmp_path,
        pledge(commitments=commitments),
        [
            activity("x", "2023-02-01", "polisen", "c", measures="{kontroller: 5}"),
            activity("y", "2023-03-01", "polisen", "c", measures="{kontroller: 3, fordon: 40}"),
            activity("z", "2023-04-01", "polisen", "c", measures="{fordon: 9}"),  # counts 0
        ],
    )
    p = cover(catalog, "2024-12-31")
    x = pair(p, "c", "polisen")
    assert (x.done, x.expected, x.met, x.activities) == (8, 10, False, 3)
    assert x.last_activity == date(2023, 4, 1)
    assert commitment(p, "c").status == "partial"


def test_a_group_expands_to_one_pair_per_member(tmp_path):
    catalog = build(
        tmp_path,
        pledge(),
        [
            activity("x", "2023-02-01", "kommunerna", "kommun-1"),
            activity("y", "2023-03-01", "[a]", "kommun-1"),
        ],
    )
    p = cover(catalog, "2024-12-31")
    assert [(x.party, x.done) for x in commitment(p, "kommun-1").parties] == [("a", 2), ("b", 1)]
    assert p.pairs_total == 3  # polis-1 × polisen, kommun-1 × a, kommun-1 × b
    assert p.parties == ("polisen", "a", "b")
    assert commitment(p, "kommun-1").activities == 2  # each activity once


def test_last_activity_is_the_latest_date_not_the_last_file(tmp_path):
    catalog = build(
        tmp_path,
        pledge(),
        [
            activity("a-late", "2023-05-01", "polisen", "polis-1"),
            activity("b-early", "2023-02-01", "polisen", "polis-1"),
        ],
    )
    p = cover(catalog, "2023-06-30")
    assert pair(p, "polis-1", "polisen").last_activity == date(2023, 5, 1)
    assert commitment(p, "polis-1").last_activity == date(2023, 5, 1)


def test_an_activity_by_a_party_not_responsible_does_not_count(tmp_path):
    catalog = build(tmp_path, pledge(), [activity("x", "2023-02-01", "[a]", "polis-1")])
    p = cover(catalog, "2024-12-31")
    assert pair(p, "polis-1", "polisen").done == 0
    assert commitment(p, "polis-1").activities == 0


def test_cancelled_and_planned_activities_do_not_count(tmp_path):
    catalog = build(
        tmp_path,
        pledge(),
        [
            activity("x", "2023-02-01", "polisen", "polis-1", status="cancelled"),
            activity("y", "2023-03-01", "polisen", "polis-1", status="planned"),
            activity("z", "2023-09-01", "polisen", "polis-1", status="planned"),
            activity("today", "2023-06-30", "polisen", "polis-1", status="planned"),
            activity("w", "2023-08-01", "polisen", "polis-1", status="planned"),
            activity("late", "2025-01-10", "polisen", "polis-1", status="planned"),
        ],
    )
    p = cover(catalog, "2023-06-30")
    assert pair(p, "polis-1", "polisen").done == 0
    assert pair(p, "polis-1", "polisen").last_activity is None
    # Only planned activities after as_of are ahead, in date order; not the overdue one,
    # nor the one planned for as_of itself, nor one after the pledge's end.
    assert [a.id for a in p.planned] == ["w", "z"]
    assert p.planned[0].parties == ("polisen",)


def test_activities_outside_the_window_do_not_count(tmp_path):
    catalog = build(
        tmp_path,
        pledge(start="2023-01-01"),
        [
            activity("before", "2022-12-31", "polisen", "polis-1"),  # before the start
            activity("first", "2023-01-01", "polisen", "polis-1"),
            activity("on", "2023-06-30", "polisen", "polis-1"),  # on as_of: inside
            activity("after", "2023-07-01", "polisen", "polis-1"),  # after as_of
        ],
    )
    x = pair(cover(catalog, "2023-06-30"), "polis-1", "polisen")
    assert (x.done, x.last_activity) == (2, date(2023, 6, 30))


def test_an_activity_listing_a_commitment_twice_counts_once(tmp_path):
    # The schema forbids it; a catalog built in code can still carry it.
    catalog = build(tmp_path, pledge(), [activity("x", "2023-02-01", "polisen", "polis-1")])
    data = catalog.pledges["p"]
    twice = dataclasses.replace(data.activities[0], commitments=("polis-1", "polis-1"))
    catalog = dataclasses.replace(
        catalog, pledges={"p": dataclasses.replace(data, activities=(twice,))}
    )
    assert pair(cover(catalog, "2023-06-30"), "polis-1", "polisen").done == 1


def test_an_activity_over_several_days_counts_on_its_first_day(tmp_path):
    act = activity("x", "2023-06-30", "polisen", "polis-1") + "end_date: 2023-07-02\n"
    catalog = build(tmp_path, pledge(), [act])
    assert pair(cover(catalog, "2023-06-30"), "polis-1", "polisen").done == 1
    assert pair(cover(catalog, "2023-06-29"), "polis-1", "polisen").done == 0


# --- open-ended, superseded, not yet started ----------------------------------------------


def test_open_ended_pledge_expects_the_whole_total_so_far(tmp_path):
    monthly = one_commitment(expect="{count: 1, per: month}")
    catalog = build(tmp_path, pledge(end=None, commitments=monthly))
    p = cover(catalog, "2023-03-15")
    c = commitment(p, "c")
    assert (p.end, p.window_end) == (None, date(2023, 3, 15))
    assert (c.total, c.expected) == (3, 3)  # January, February, March: all of it
    c = commitment(cover(catalog, "2024-01-01"), "c")
    assert (c.total, c.expected) == (13, 13)
    # Before the start: the first slice is counted, but nothing is expected yet.
    c = commitment(cover(catalog, "2022-11-15"), "c")
    assert (c.total, c.expected) == (1, 0)


def test_superseded_open_ended_pledge_ends_the_day_before_its_successor(tmp_path):
    quarterly = one_commitment(expect="{count: 1, per: quarter}")
    catalog = load(
        tmp_path,
        {
            "data/pledges/old/pledge.yaml": pledge("old", end=None, commitments=quarterly),
            "data/pledges/new/pledge.yaml": pledge(
                "new", start="2023-07-01", end=None, extra="supersedes: old\n"
            ),
            "data/pledges/old/activities/x.yaml": activity("x", "2023-06-30", "polisen", "c"),
            "data/pledges/old/activities/y.yaml": activity("y", "2023-07-05", "polisen", "c"),
        },
    )
    old = cover(catalog, "2023-04-01", pledge_ids=["old"])
    c = commitment(old, "c")
    # Period 2023-01-01..2023-06-30 (181 days, Q1 and Q2): total 2;
    # on 2023-04-01, 91 days have passed: ceil(2 × 91 / 181) = 2.
    assert (old.end, c.total, c.expected) == (date(2023, 6, 30), 2, 2)
    later = cover(catalog, "2023-12-31", pledge_ids=["old"])
    x = pair(later, "c", "polisen")
    assert (later.window_end, x.done, x.expected) == (date(2023, 6, 30), 1, 2)


def test_before_the_start_nothing_is_expected(tmp_path):
    catalog = build(
        tmp_path,
        pledge(start="2023-01-01", commitments=one_commitment(expect="{count: 2, per: year}")),
        [
            activity("x", "2023-01-01", "polisen", "c", status="planned"),
            activity("early", "2022-12-15", "polisen", "c", status="planned"),
        ],
    )
    p = cover(catalog, "2022-12-31")
    c = commitment(p, "c")
    assert p.coverage_percent is None
    assert (p.window_end, c.expected, c.parties[0].done) == (None, 0, 0)
    assert c.status == "untouched"
    assert not p.gaps
    assert p.slices == ()
    assert [a.id for a in p.planned] == ["x"]  # not the one before the pledge starts
    assert [a.id for a in cover(catalog, "2022-12-01").planned] == ["x"]
    assert (
        coverage_to_json(CoverageReport(date(2022, 12, 31), None, 182, (p,)))["pledges"][0][
            "coverage_percent"
        ]
        is None
    )


def test_coverage_counts_met_pairs(tmp_path):
    catalog = build(
        tmp_path,
        pledge(),
        [
            activity("x", "2023-02-01", "polisen", "polis-1"),
            activity("y", "2023-02-01", "a", "kommun-1"),
        ],
    )
    p = cover(catalog, "2023-06-30")
    assert (p.pairs_met, p.pairs_total, p.coverage_percent) == (2, 3, 66.7)
    assert [c.status for c in p.commitments] == ["met", "partial"]


def test_a_commitment_without_responsible_parties_adds_no_pair(tmp_path):
    # A planned activity: the pledge has records, none of them done.
    planned = activity("x", "2023-02-01", "a", "kommun-1", status="planned")
    catalog = build(tmp_path, pledge(), [planned])
    data = catalog.pledges["p"]
    emptied = tuple(
        dataclasses.replace(c, parties=()) if c.id == "polis-1" else c
        for c in data.pledge.commitments
    )
    pledge_data = dataclasses.replace(
        data, pledge=dataclasses.replace(data.pledge, commitments=emptied)
    )
    p = cover(dataclasses.replace(catalog, pledges={"p": pledge_data}), "2023-06-30")
    assert (commitment(p, "polis-1").status, p.pairs_total, p.coverage_percent) == (
        "untouched",
        2,
        0.0,
    )


# --- assessments, gaps, disagreements, slices --------------------------------------------


def test_latest_assessment_on_or_before_as_of(tmp_path):
    catalog = build(
        tmp_path,
        pledge(),
        followups={
            "2023-06-01": "assessments: {polis-1: not-started, kommun-1: ongoing}\n",
            "2023-12-01": "assessments:\n  polis-1: {status: done, comment: Klart.}\n",
            "2024-03-01": "assessments: {polis-1: not-done}\n",
        },
    )
    p = cover(catalog, "2023-12-31")
    a = commitment(p, "polis-1").assessment
    assert (a.status, a.comment, a.date) == ("done", "Klart.", date(2023, 12, 1))
    # kommun-1 was assessed only in the first follow-up.
    assert commitment(p, "kommun-1").assessment.status == "ongoing"
    assert commitment(cover(catalog, "2023-07-01"), "polis-1").assessment.status == "not-started"
    # Whatever order the follow-ups come in, the latest date wins.
    data = catalog.pledges["p"]
    shuffled = dataclasses.replace(data, followups=data.followups[::-1])
    shuffled_catalog = dataclasses.replace(catalog, pledges={"p": shuffled})
    assert commitment(cover(shuffled_catalog, "2023-12-31"), "polis-1").assessment.status == "done"
    # A follow-up dated on as_of is known on as_of.
    assert commitment(cover(catalog, "2023-12-01"), "polis-1").assessment.status == "done"
    assert commitment(cover(catalog, "2023-05-31"), "polis-1").assessment is None


def test_gaps_name_untouched_commitments_idle_parties_and_quiet_commitments(tmp_path):
    catalog = build(
        tmp_path,
        pledge(
            commitments=DEFAULT_COMMITMENTS
            + "  - {id: kommun-2, by: kommunerna, text: Trafik.}\n"
            + "  - {id: kommun-3, by: kommunerna, text: Skola.}\n"
        ),
        [
            activity("x", "2023-12-01", "a", "kommun-1"),  # b did nothing on kommun-1
            activity("y", "2023-12-02", "[a, b]", "kommun-2"),
            activity("z", "2023-11-30", "[a, b]", "kommun-3"),
        ],
    )
    # The last 30 days of W (2023-01-01..2023-12-31) start on 2023-12-02.
    p = cover(catalog, "2023-12-31", quiet_after_days=30)
    assert p.gaps.untouched == ("polis-1",)
    assert p.gaps.idle == (IdlePair("kommun-1", "b"),)  # not the untouched polis-1 again
    assert [(q.commitment, q.last_activity, q.days_quiet) for q in p.gaps.quiet] == [
        ("kommun-1", date(2023, 12, 1), 30),
        ("kommun-3", date(2023, 11, 30), 31),
    ]
    # W of 20 days is shorter than 30: nothing can have gone quiet.
    assert cover(catalog, "2023-01-20", quiet_after_days=30).gaps.quiet == ()


def test_disagreements_between_assessment_and_activities(tmp_path):
    catalog = build(
        tmp_path,
        pledge(
            commitments=DEFAULT_COMMITMENTS
            + "  - {id: kommun-2, by: kommunerna, text: Trafik.}\n"
            + "  - {id: kommun-3, by: kommunerna, text: Skola.}\n"
            + "  - {id: kommun-4, by: kommunerna, text: Brott.}\n"
        ),
        [
            activity("x", "2023-03-01", "a", "kommun-1"),
            activity("y", "2023-03-01", "a", "kommun-3"),
        ],
        followups={
            "2023-06-01": (
                "assessments:\n  polis-1: done\n  kommun-1: not-started\n"
                "  kommun-2: partly-done\n  kommun-3: ongoing\n  kommun-4: not-started\n"
            )
        },
    )
    p = cover(catalog, "2023-06-30")
    assert [(d.commitment, d.kind, d.assessment, d.activities) for d in p.disagreements] == [
        ("polis-1", "assessed-without-activity", "done", 0),
        ("kommun-1", "activity-but-not-started", "not-started", 1),
        ("kommun-2", "assessed-without-activity", "partly-done", 0),
    ]
    assert p.disagreements[0].assessment_date == date(2023, 6, 1)


def test_counts_per_slice_show_a_commitment_that_went_quiet(tmp_path):
    catalog = build(
        tmp_path,
        pledge(),
        [
            activity("x", "2023-01-10", "polisen", "polis-1"),
            activity("y", "2023-02-10", "polisen", "polis-1"),
            activity("z", "2023-02-11", "[a, b]", "kommun-1"),
        ],
    )
    p = cover(catalog, "2023-04-15", per="month")
    assert [s.label for s in p.slices] == ["2023-01", "2023-02", "2023-03", "2023-04"]
    assert commitment(p, "polis-1").slice_counts == (1, 1, 0, 0)
    assert commitment(p, "kommun-1").slice_counts == (0, 1, 0, 0)  # one activity, two parties
    assert pair(p, "kommun-1", "b").slice_counts == (0, 1, 0, 0)
    assert cover(catalog, "2023-04-15").slices == ()


def test_pledges_are_selected_in_the_order_asked(tmp_path):
    catalog = load(
        tmp_path,
        {
            "data/pledges/a/pledge.yaml": pledge("a"),
            "data/pledges/b/pledge.yaml": pledge("b"),
        },
    )
    report = compute_coverage(catalog, as_of=date(2023, 6, 1))
    assert [p.id for p in report.pledges] == ["a", "b"]
    report = compute_coverage(catalog, as_of=date(2023, 6, 1), pledge_ids=["b", "a", "b"])
    assert [p.id for p in report.pledges] == ["b", "a"]
    with pytest.raises(UsageError, match=r"unknown pledge 'aa'; did you mean 'a'\?"):
        compute_coverage(catalog, as_of=date(2023, 6, 1), pledge_ids=["aa"])
    with pytest.raises(UsageError, match="unknown slice 'fortnight'"):
        compute_coverage(catalog, as_of=date(2023, 6, 1), per="fortnight")
    with pytest.raises(UsageError, match="quiet after 0 days"):
        compute_coverage(catalog, as_of=date(2023, 6, 1), quiet_after_days=0)


# --- the bundled example ------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> CoverageReport:
    catalog = load_catalog(REPO).catalog
    return compute_coverage(
        catalog, as_of=date(2024, 12, 31), pledge_ids=["sodra-fyrbodal-2023-2024"]
    )


def test_bundled_data_gaps(bundled):
    (p,) = bundled.pledges
    assert "polis-4" in p.gaps.untouched
    assert IdlePair("kommun-5", "tjorn") in p.gaps.idle
    # polis-2: 12 trafikkontroller a year, two years: 1 + 6 + 2 + 4 + 8 + 1 + 3 = 25 of 24.
    x = pair(p, "polis-2", "polisen")
    assert (x.done, x.expected, x.met) == (25, 24, True)
    lines = _render(coverage_table(bundled))
    assert "polis-4 is untouched" in lines
    assert "tjorn has done nothing on kommun-5" in lines


# --- output helpers ------------------------------------------------------------------------


@pytest.fixture
def small_report(tmp_path) -> CoverageReport:
    catalog = build(
        tmp_path,
        pledge(title="Löfte | test"),
        [
            activity("x", "2023-02-01", "polisen", "polis-1"),
            activity("y", "2023-05-02", "polisen", "polis-1"),
            activity("z", "2023-03-01", "[a]", "kommun-1"),
        ],
        followups={"2023-06-01": "assessments: {polis-1: ongoing}\n"},
    )
    return compute_coverage(catalog, as_of=date(2023, 7, 1), per="quarter")


def test_json_has_the_spec_shape(small_report):
    data = coverage_to_json(small_report)
    assert data["as_of"] == "2023-07-01"
    (p,) = data["pledges"]
    assert {"id", "coverage_percent", "pairs_met", "pairs_total", "commitments"} <= p.keys()
    assert (p["id"], p["coverage_percent"], p["pairs_met"], p["pairs_total"]) == (
        "p",
        66.7,
        2,
        3,
    )
    polis, kommun = p["commitments"]
    assert {"id", "status", "assessment", "parties"} <= polis.keys()
    assert (polis["id"], polis["status"], polis["assessment"]) == ("polis-1", "met", "ongoing")
    assert kommun["assessment"] is None
    assert polis["parties"][0] | {"activities": None, "slices": None} == {
        "party": "polisen",
        "done": 2,
        "expected": 1,
        "met": True,
        "last_activity": "2023-05-02",
        "activities": None,
        "slices": None,
    }
    assert kommun["parties"][1]["last_activity"] is None
    assert json.loads(coverage_json_text(small_report)) == data


def test_csv_has_a_row_per_pair(small_report):
    rows = list(csv.reader(io.StringIO(coverage_csv(small_report))))
    assert rows[0] == [  # README: the columns of `lofte coverage --format csv`
        "pledge",
        "commitment",
        "party",
        "done",
        "expected",
        "met",
        "status",
        "assessment",
        "last_activity",
        "progress_percent",  # the commitment's: (1 + 0) / 2 pairs for kommun-1
    ]
    assert rows[1:] == [
        ["p", "polis-1", "polisen", "2", "1", "true", "met", "ongoing", "2023-05-02", "100.0"],
        ["p", "kommun-1", "a", "1", "1", "true", "partial", "", "2023-03-01", "50.0"],
        ["p", "kommun-1", "b", "0", "1", "false", "partial", "", "", "50.0"],
    ]


def test_markdown_has_a_table_row_per_commitment(small_report):
    text = coverage_markdown(small_report)
    lines = text.splitlines()
    header = "| Commitment | polisen | a | b | Status | Progress | Assessment | Last activity |"
    assert header in lines
    assert "| --- | ---: | ---: | ---: | --- | ---: | --- | --- |" in lines
    assert "| polis-1 | 2/1 |  |  | met | 100.0 % | ongoing | 2023-05-02 |" in lines
    assert "| kommun-1 |  | 1/1 | 0/1 | partial | 50.0 % |  | 2023-03-01 |" in lines
    # (1 + 1 + 0) / 3 pairs = 66.66… → 66.7
    progress = (
        "Progress 66.7 %: the share of what is expected so far that is done "
        "(a pair counts at most all of it)"
    )
    assert progress in lines
    assert "| polis-1 | 1 | 1 | 0 |" in lines  # per quarter: Q1, Q2, Q3
    assert "## Löfte \\| test (`p`)" in lines
    assert "- b has done nothing on kommun-1" in lines


def test_an_idle_party_with_activities_has_reported_none_of_the_measure(tmp_path):
    commitments = one_commitment(by="[polisen, a]", expect="{count: 1, of: kontroller}")
    catalog = build(
        tmp_path,
        pledge(commitments=commitments),
        [
            activity("x", "2023-02-01", "polisen", "c", measures="{kontroller: 5}"),
            activity("y", "2023-02-01", "a", "c", measures="{kontroller: 0}"),
            activity("z", "2023-02-01", "b", "c", measures="{kontroller: 0}"),
        ],
    )
    report = compute_coverage(catalog, as_of=date(2023, 6, 30))
    assert report.pledges[0].gaps.idle == (IdlePair("c", "a"),)
    assert "- a has reported no kontroller on c" in coverage_markdown(report).splitlines()


def test_markdown_escape():
    assert md_escape("a | b\nc") == "a \\| b c"


def test_table_shows_status_in_words_and_blank_cells(small_report):
    text = _render(coverage_table(small_report))
    polis_row = next(line for line in text.splitlines() if "polis-1" in line and "/" in line)
    assert "2/1" in polis_row and "met" in polis_row and "ongoing" in polis_row
    kommun_row = next(line for line in text.splitlines() if "kommun-1" in line and "/" in line)
    assert "partial" in kommun_row and "1/1" in kommun_row and "0/1" in kommun_row
    assert "Coverage 66.7 %: 2 of 3 pairs met" in text
    assert "Progress 66.7 %: the share of what is expected so far" in text
    assert "50.0 %" in kommun_row and "100.0 %" in polis_row
    assert "b has done nothing on kommun-1" in text
    assert "2023-Q3" in text


def _render(renderables) -> str:
    console = Console(width=200, record=True, color_system=None)
    for renderable in renderables:
        console.print(renderable)
    return console.export_text()


# --- properties ------------------------------------------------------------------------------

START = date(2023, 1, 1)
COMMITMENTS = """\
  - {id: polis-1, by: polisen, text: Kontroller., expect: {count: 3, of: kontroller, per: month}}
  - {id: kommun-1, by: kommunerna, text: Föräldrakvällar., expect: {count: 2, per: quarter}}
  - {id: kommun-2, by: [a, polisen], text: Skola.}
"""


@pytest.fixture(scope="module")
def base_catalog(tmp_path_factory) -> Catalog:
    """A fixed-period and an open-ended pledge, one template activity each."""
    root = tmp_path_factory.mktemp("prop")
    template = activity("t", "2023-01-01", "polisen", "polis-1")
    return load(
        root,
        {
            "data/pledges/fixed/pledge.yaml": pledge("fixed", commitments=COMMITMENTS),
            "data/pledges/fixed/activities/t.yaml": template,
            "data/pledges/open/pledge.yaml": pledge("open", end=None, commitments=COMMITMENTS),
            "data/pledges/open/activities/t.yaml": template,
        },
    )


activities_st = st.lists(
    st.tuples(
        st.integers(-30, 800),  # days after the start
        st.sampled_from(["done", "done", "planned", "cancelled"]),
        st.lists(st.sampled_from(["polisen", "a", "b"]), min_size=1, unique=True),
        st.lists(st.sampled_from(["polis-1", "kommun-1", "kommun-2"]), min_size=1, unique=True),
        st.integers(0, 9),
    ),
    max_size=15,
)


def with_activities(catalog: Catalog, specs) -> Catalog:
    """`catalog` with each pledge's activities replaced by ones built from `specs`."""
    pledges = {}
    for pid, data in catalog.pledges.items():
        template = data.activities[0]
        acts = tuple(
            dataclasses.replace(
                template,
                id=f"a{i}",
                date=START + timedelta(days=offset),
                status=status,
                by=tuple(parties),
                parties=tuple(parties),
                commitments=tuple(commitments),
                measures={"kontroller": measure},
            )
            for i, (offset, status, parties, commitments, measure) in enumerate(specs)
        )
        pledges[pid] = dataclasses.replace(data, activities=acts)
    return dataclasses.replace(catalog, pledges=pledges)


def all_pairs(report: CoverageReport):
    return {
        (p.id, c.id, x.party): x for p in report.pledges for c in p.commitments for x in c.parties
    }


@settings(max_examples=60, deadline=None)
@given(specs=activities_st, extra=activities_st.filter(bool), as_of_offset=st.integers(-10, 900))
def test_adding_a_done_activity_never_lowers_done(base_catalog, specs, extra, as_of_offset):
    as_of = START + timedelta(days=as_of_offset)
    done_extra = [(extra[0][0], "done", *extra[0][2:])]
    before = compute_coverage(with_activities(base_catalog, specs), as_of=as_of)
    after = compute_coverage(with_activities(base_catalog, specs + done_extra), as_of=as_of)
    old, new = all_pairs(before), all_pairs(after)
    assert all(new[key].done >= old[key].done for key in old)
    assert all(
        a.pairs_met >= b.pairs_met for a, b in zip(after.pledges, before.pledges, strict=True)
    )


@settings(max_examples=60, deadline=None)
@given(specs=activities_st, as_of_offset=st.integers(-10, 900))
def test_coverage_percent_stays_within_bounds(base_catalog, specs, as_of_offset):
    as_of = START + timedelta(days=as_of_offset)
    report = compute_coverage(with_activities(base_catalog, specs), as_of=as_of)
    for p in report.pledges:
        # COMMITMENTS has 5 pairs: polis-1 (polisen), kommun-1 (a, b), kommun-2 (a, polisen).
        met = [x.met for c in p.commitments for x in c.parties]
        assert (p.pairs_total, p.pairs_met) == (5, met.count(True))
        if as_of < START or not specs:
            # Nothing is due yet, or no activity is recorded at all: no pair is judged.
            assert met == [None] * 5
            assert p.coverage_percent is None
        else:
            # 100 × met / 5, by hand
            percent = {0: 0.0, 1: 20.0, 2: 40.0, 3: 60.0, 4: 80.0, 5: 100.0}[p.pairs_met]
            assert p.coverage_percent == percent


@settings(max_examples=60, deadline=None)
@given(first=st.integers(-10, 900), later=st.integers(0, 900))
def test_a_later_as_of_never_lowers_expected(base_catalog, first, later):
    earlier_date = START + timedelta(days=first)
    early = compute_coverage(base_catalog, as_of=earlier_date)
    late = compute_coverage(base_catalog, as_of=earlier_date + timedelta(days=later))
    old, new = all_pairs(early), all_pairs(late)
    assert all(new[key].expected >= old[key].expected for key in old)


def test_a_measure_is_named_by_the_pledges_label_where_it_has_one(tmp_path):
    commitments = one_commitment(by="[polisen, a]", expect="{count: 1, of: kontroller}")
    catalog = build(
        tmp_path,
        pledge(commitments=commitments, extra="measures: {kontroller: Trafikkontroller}\n"),
        [
            activity("x", "2023-02-01", "polisen", "c", measures="{kontroller: 5}"),
            activity("y", "2023-02-01", "a", "c", measures="{kontroller: 0}"),
        ],
    )
    report = compute_coverage(catalog, as_of=date(2023, 6, 30))
    assert report.pledges[0].commitments[0].measure == "kontroller"
    assert report.pledges[0].commitments[0].measure_label == "Trafikkontroller"
    assert "- a has reported no Trafikkontroller on c" in coverage_markdown(report).splitlines()
