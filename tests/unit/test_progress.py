"""Issue 18: progress, the share of the promised work done, beside met/not met. Every
expected figure is computed by hand in the comment above it, from the pairs' done and
expected (which the coverage tests establish), never by the code under test."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from lofte_cli.coverage.compute import CoverageReport, PledgeCoverage, compute_coverage
from lofte_cli.coverage.json_shape import coverage_to_json
from lofte_cli.coverage.progress import bar_step, pair_share, progress_below, progress_percent
from lofte_cli.data.loader import load_catalog
from lofte_cli.i18n import speaking
from tests.helpers import REPO, write_tree

INDEPENDENT = REPO / "tests" / "fixtures" / "independent"
BUNDLED = "sodra-fyrbodal-2023-2024"


@dataclass(frozen=True)
class Pair:
    done: int
    expected: int


# --- the arithmetic ---------------------------------------------------------------------------


def test_a_pair_counts_at_most_all_that_is_expected():
    assert pair_share(3, 4) == pytest.approx(0.75)
    assert pair_share(25, 24) == 1  # more than expected is all of it, never more
    assert pair_share(0, 1) == 0
    assert pair_share(0, 0) is None  # nothing expected: before the start


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([Pair(1, 16)], 6.3),  # 6.25 → 6.3 half up (round() would give 6.2)
        ([Pair(1, 2000)], 0.1),  # 0.05 → 0.1
        ([Pair(3, 4), Pair(0, 1), Pair(1, 1), Pair(0, 1)], 43.8),  # 1.75 / 4 = 43.75
        ([Pair(1, 3)] * 3, 33.3),  # 33.33…
        ([Pair(2, 3)], 66.7),  # 66.66…
        ([Pair(1, 40)], 2.5),
        ([Pair(9, 10), Pair(9, 10)], 90.0),
        ([Pair(50, 1)], 100.0),  # far more than expected: still 100
        ([Pair(0, 5), Pair(0, 1)], 0.0),
    ],
)
def test_progress_is_the_mean_share_rounded_half_up(pairs, expected):
    assert progress_percent(pairs) == expected


def test_no_pair_with_anything_expected_has_no_progress():
    assert progress_percent([]) is None
    assert progress_percent([Pair(0, 0), Pair(0, 0)]) is None


def test_the_bar_is_drawn_to_the_nearest_five():
    assert [bar_step(p) for p in (None, 0.0, 2.4, 2.5, 43.8, 87.0, 97.4, 97.5, 100.0)] == [
        0,
        0,
        0,
        5,
        45,
        85,
        95,
        100,
        100,
    ]


# --- the bundled data at several days ---------------------------------------------------------


def bundled(as_of: str) -> PledgeCoverage:
    report = compute_coverage(load_catalog(REPO).catalog, as_of=date.fromisoformat(as_of))
    return report.pledges[0]


def figures(p: PledgeCoverage) -> dict[str, float | None]:
    return {c.id: c.progress_percent for c in p.commitments}


def test_bundled_data_before_the_start_has_no_progress():
    p = bundled("2022-12-31")
    assert (p.coverage_percent, p.progress_percent) == (None, None)
    assert set(figures(p).values()) == {None}


def test_bundled_data_on_the_first_day():
    p = bundled("2023-01-01")  # every pair 0 of 1 expected
    assert (p.coverage_percent, p.progress_percent) == (0.0, 0.0)


def test_bundled_data_half_way():
    p = bundled("2023-06-30")
    # pairs: polis-1..5 3/1 7/6 2/1 0/1 2/1 → 1 1 1 0 1; kommun-1 0/1 ×3 → 0 0 0;
    # kommun-2 1/1 0/1 0/1; kommun-3 1/1 1/1 0/1; kommun-4 all met; kommun-5 0/1 1/1 0/1;
    # kommun-6 0/1 0/1 1/1: 4 + 0 + 1 + 2 + 3 + 1 + 1 = 12 of 23 shares = 52.17 → 52.2
    # (every share is 0 or 1 here, so progress equals coverage: 12 of 23 met).
    assert (p.coverage_percent, p.progress_percent) == (52.2, 52.2)
    assert figures(p)["kommun-3"] == 66.7  # 2 of 3
    assert figures(p)["kommun-1"] == 0.0


def test_bundled_data_at_the_end_of_2023():
    p = bundled("2023-12-31")
    # all shares 1 but: polis-4 0/1; kommun-2 2/2 1/2 1/2; kommun-5 0/1; kommun-6 0/1:
    # 23 − 1 − ½ − ½ − 1 − 1 = 19 of 23 = 82.6; met 18 of 23 = 78.3
    assert (p.coverage_percent, p.progress_percent) == (78.3, 82.6)
    assert figures(p)["kommun-2"] == 66.7  # (1 + ½ + ½) / 3
    assert figures(p)["polis-2"] == 100.0  # 13 of 12: more than expected counts as all


def test_bundled_data_at_the_end_and_long_after():
    for day in ("2024-06-30", "2024-12-31", "2026-11-26"):
        p = bundled(day)
        # 23 − 1 (polis-4) − ½ − ½ (kommun-2 at the end 4/4 2/4 2/4; mid-2024 3/3 2/3 1/3,
        # which is also 1 short) − 1 (kommun-5 tjorn) = 20 of 23 = 86.96 → 87.0
        assert (p.coverage_percent, p.progress_percent) == (82.6, 87.0), day


# --- the independent fixtures -----------------------------------------------------------------


def independent(as_of: str, root: Path = INDEPENDENT) -> dict[str, PledgeCoverage]:
    report = compute_coverage(load_catalog(root).catalog, as_of=date.fromisoformat(as_of))
    return {p.id: p for p in report.pledges}


def test_a_measure_sum_counts_its_share():
    kungalv = independent("2018-06-30")["kungalv-2017-2018"]
    # trafikkontroller 13 of 20 (the fixture's README); narkotikainsatser 2 of 8; the other
    # four met: (13/20 + 2/8 + 4) / 6 = 4.9 / 6 = 81.67 → 81.7; met 4 of 6 = 66.7
    assert (kungalv.coverage_percent, kungalv.progress_percent) == (66.7, 81.7)
    assert figures(kungalv)["polis-trafikkontroller"] == 65.0
    assert figures(kungalv)["polis-narkotikainsatser"] == 25.0


def test_a_quarterly_target_half_way_and_at_the_end():
    mid = independent("2019-12-31")["vallentuna-2019-2020"]
    # polis-1 2 of 4 quarters, the rest met: (½ + 3) / 4 = 87.5
    assert (mid.coverage_percent, mid.progress_percent) == (75.0, 87.5)
    end = independent("2026-11-26")["vallentuna-2019-2020"]
    # polis-1 3 of 8: (3/8 + 3) / 4 = 84.375 → 84.4
    assert (end.coverage_percent, end.progress_percent) == (75.0, 84.4)
    assert figures(end)["polis-1"] == 37.5


def test_a_superseded_pledge_is_counted_to_the_day_before_its_successor():
    during = independent("2023-12-31")["exempelby-hamnen"]
    # The period ends 2024-04-30 (the successor starts 2024-05-01): joint-dialogue's
    # 1 per half-year over 3 half-years, 306 of 427 days → ceil(2.15) = 3 expected, each
    # party 2 done; the other three met: (3 + 3 × 2/3) / 6 = 5/6 = 83.3
    assert (during.coverage_percent, during.progress_percent) == (50.0, 83.3)
    after = independent("2026-11-26")["exempelby-hamnen"]
    # joint-dialogue 3/3 3/3 2/3, the rest met: (5 + 2/3) / 6 = 94.44 → 94.4
    assert (after.coverage_percent, after.progress_percent) == (83.3, 94.4)
    assert figures(after)["joint-dialogue"] == 88.9  # (1 + 1 + 2/3) / 3


def test_the_successor_with_monthly_tertial_and_yearly_targets():
    p = independent("2025-06-30")["exempelby-2024-2026"]
    # polis-trafik 7/18 (hastighetskontroller 3 + 4), polis-narvaro 1/28, kommun-foraldrar
    # 1/4 1/4, gemensamt-vandringar 1/3 1/3 0/3, four pairs met:
    # 7/18 + 1/28 + 1/2 + 2/3 + 4 = 1409/252; / 11 = 1409/2772 = 50.83 → 50.8
    assert (p.coverage_percent, p.progress_percent) == (36.4, 50.8)
    assert figures(p)["polis-narvaro"] == 3.6  # 1/28 = 3.57
    assert figures(p)["gemensamt-vandringar"] == 22.2  # 2/9
    before = independent("2024-04-30")["exempelby-2024-2026"]
    assert (before.coverage_percent, before.progress_percent) == (None, None)


def test_an_open_ended_pledge_expects_all_its_slices(tmp_path):
    root = tmp_path / "independent"
    shutil.copytree(INDEPENDENT, root)
    shutil.rmtree(root / "data/pledges/exempelby-2024-2026")  # no successor: it runs on
    early = independent("2023-12-31", root)["exempelby-hamnen"]
    # joint-dialogue: 2 half-years so far, 2 expected, each party 2 done: all met
    assert (early.coverage_percent, early.progress_percent) == (100.0, 100.0)
    late = independent("2024-12-31", root)["exempelby-hamnen"]
    # 4 half-years expected, done 3 3 2: (3 + 3/4 + 3/4 + 2/4) / 6 = 5/6 = 83.3
    assert (late.coverage_percent, late.progress_percent) == (50.0, 83.3)
    assert figures(late)["joint-dialogue"] == 66.7  # (3 + 3 + 2) / 12


# --- a weekly target and a measure, written for this test -------------------------------------

WEEKLY = """\
id: w
title: Veckolöfte
period: {start: 2025-01-06, end: 2025-03-30}
parties:
  polisen: {name: Polisen, kind: police}
  kommun: {name: Kommunen, kind: municipality}
commitments:
  - {id: patrull, by: polisen, text: Patrullera., expect: {count: 2, per: week}}
  - id: kontroller
    by: [polisen, kommun]
    text: Kontrollera.
    expect: {count: 5, of: kontroller, per: week}
  - {id: mote, by: kommun, text: Hålla möte.}
"""


def _act(aid: str, day: str, by: str, commitment: str, kontroller: int | None) -> str:
    text = (
        f"id: {aid}\ndate: {day}\nby: {by}\ncommitments: {commitment}\ntitle: {commitment} {day}\n"
        "description: Gjort.\n"
    )
    return text + (f"measures: {{kontroller: {kontroller}}}\n" if kontroller else "")


PATROLS = [
    "2025-01-07",
    "2025-01-09",
    "2025-01-14",
    "2025-01-21",
    "2025-01-23",
    "2025-01-28",
    "2025-02-04",
    "2025-02-11",
    "2025-02-18",
    "2025-03-04",
    "2025-03-11",
    "2025-03-18",
]


@pytest.fixture(scope="module")
def weekly(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {"data/pledges/w/pledge.yaml": WEEKLY}
    activities = [
        *((day, "polisen", "patrull", None) for day in PATROLS),
        ("2025-01-07", "polisen", "kontroller", 12),
        ("2025-01-20", "polisen", "kontroller", 15),
        ("2025-03-10", "polisen", "kontroller", 20),
        ("2025-01-15", "kommun", "kontroller", 9),
        ("2025-03-12", "kommun", "kontroller", 21),
        ("2025-03-20", "kommun", "mote", None),
    ]
    for day, by, commitment, measure in activities:
        aid = f"{day}-{by}-{commitment}"
        files[f"data/pledges/w/activities/{aid}.yaml"] = _act(aid, day, by, commitment, measure)
    root = write_tree(tmp_path_factory.mktemp("weekly"), files)
    assert load_catalog(root).problems == []
    return root


def weekly_on(root: Path, day: str) -> PledgeCoverage:
    return compute_coverage(load_catalog(root).catalog, as_of=date.fromisoformat(day)).pledges[0]


def test_weekly_before_the_start(weekly):
    p = weekly_on(weekly, "2025-01-05")
    assert (p.coverage_percent, p.progress_percent) == (None, None)


def test_weekly_in_the_first_week(weekly):
    p = weekly_on(weekly, "2025-01-08")
    # 3 of 84 days: patrull ceil(24 × 3/84) = 1, done 1 → 1; kontroller ceil(60 × 3/84) = 3:
    # polisen 12 → 1, kommun 0 → 0; mote 0 of 1 → 0: 2 / 4 = 50.0
    assert (p.coverage_percent, p.progress_percent) == (50.0, 50.0)


def test_weekly_after_four_weeks(weekly):
    p = weekly_on(weekly, "2025-02-02")
    # 28 of 84 days: patrull 8 expected, 6 done → 3/4; kontroller 20 expected: polisen
    # 12 + 15 = 27 → 1 (capped), kommun 9 → 9/20; mote 0: (0.75 + 1 + 0.45 + 0) / 4 = 55.0
    assert (p.coverage_percent, p.progress_percent) == (25.0, 55.0)
    assert figures(p) == {"patrull": 75.0, "kontroller": 72.5, "mote": 0.0}


def test_weekly_at_the_end_and_after(weekly):
    for day in ("2025-03-30", "2026-11-26"):
        p = weekly_on(weekly, day)
        # patrull 12 of 24; kontroller 60 each: polisen 47, kommun 30; mote 1 of 1:
        # (1/2 + 47/60 + 1/2 + 1) / 4 = 167/240 = 69.58 → 69.6
        assert (p.coverage_percent, p.progress_percent) == (25.0, 69.6), day
        # kontroller (47/60 + 30/60) / 2 = 77/120 = 64.17 → 64.2
        assert figures(p) == {"patrull": 50.0, "kontroller": 64.2, "mote": 100.0}


# --- the three cases of "Done when" -----------------------------------------------------------

CASES = """\
id: {pid}
title: Fall {pid}
period: {{start: 2025-01-01, end: 2025-12-31}}
parties:
  polisen: {{name: Polisen, kind: police}}
  kommun: {{name: Kommunen, kind: municipality}}
commitments:
  - {{id: c1, by: [polisen, kommun], text: Gemensamt., expect: {{count: 10, per: period}}}}
  - {{id: c2, by: kommun, text: Kommunens., expect: {{count: 20, per: period}}}}
"""


def _case_activity(aid: str, n: int, by: str, commitment: str, status: str = "done") -> str:
    return (
        f"id: {aid}\ndate: 2025-06-{n % 28 + 1:02d}\nstatus: {status}\nby: {by}\n"
        f"commitments: {commitment}\ntitle: {commitment} nr {n}\ndescription: Gjort.\n"
    )


def cases_files() -> dict[str, str]:
    files = {f"data/pledges/{pid}/pledge.yaml": CASES.format(pid=pid) for pid in "abc"}
    # a: every pair one short of its target: c1 9 of 10 for both, c2 19 of 20
    for n in range(9):
        files[f"data/pledges/a/activities/c1-{n}.yaml"] = _case_activity(
            f"c1-{n}", n, "[polisen, kommun]", "c1"
        )
    for n in range(19):
        files[f"data/pledges/a/activities/c2-{n}.yaml"] = _case_activity(
            f"c2-{n}", n, "kommun", "c2"
        )
    # b: recorded, but nothing done (one cancelled activity)
    files["data/pledges/b/activities/x.yaml"] = _case_activity("x", 1, "kommun", "c2", "cancelled")
    # c: no activity files at all
    return files


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_tree(tmp_path_factory.mktemp("cases"), cases_files())
    assert load_catalog(root).problems == []
    return root


def cases_report(root: Path) -> CoverageReport:
    return compute_coverage(load_catalog(root).catalog, as_of=date(2025, 12, 31))


def test_all_but_one_everywhere_is_high_progress_and_nothing_met(cases):
    a, b, c = cases_report(cases).pledges
    # (9/10 + 9/10 + 19/20) / 3 = 2.75 / 3 = 91.67 → 91.7; no pair met
    assert (a.coverage_percent, a.progress_percent, a.pairs_met) == (0.0, 91.7, 0)
    assert figures(a) == {"c1": 90.0, "c2": 95.0}
    # nothing done: 0 for both
    assert (b.coverage_percent, b.progress_percent) == (0.0, 0.0)
    assert figures(b) == {"c1": 0.0, "c2": 0.0}
    # no records: neither
    assert (c.coverage_percent, c.progress_percent) == (None, None)
    assert figures(c) == {"c1": None, "c2": None}


def test_the_json_carries_progress_beside_the_keys_that_were_there(cases):
    pledges = coverage_to_json(cases_report(cases))["pledges"]
    a, _b, c = pledges
    assert list(a)[:6] == [
        "id",
        "coverage_percent",
        "pairs_met",
        "pairs_total",
        "commitments",
        "activities_recorded",
    ]
    assert [p["progress_percent"] for p in pledges] == [91.7, 0.0, None]
    assert [x["progress_percent"] for x in a["commitments"]] == [90.0, 95.0]
    assert [x["progress_percent"] for x in c["commitments"]] == [None, None]
    assert list(a["commitments"][0])[:4] == ["id", "status", "assessment", "parties"]


def test_fail_under_progress_names_the_pledges_below(cases):
    report = cases_report(cases)
    assert progress_below(report, None) is None
    assert progress_below(report, 0) is None
    assert progress_below(report, 50) == "progress below 50 % for b"  # c has no figure
    assert progress_below(report, 91.8) == "progress below 91.8 % for a, b"
    with speaking("sv"):
        assert progress_below(report, 91.8) == "andel gjort är under 91,8 % för a, b"
