"""Dataclasses as JSON values and back, checked against their type hints."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pytest

from lofte_cli.coverage.compute import PledgeCoverage, compute_coverage
from lofte_cli.data.loader import load_catalog
from lofte_cli.plain_data import NotPlain, from_plain, to_plain
from tests.helpers import copy_base


@dataclass(frozen=True)
class Inner:
    day: date
    share: float | None


@dataclass(frozen=True)
class Outer:
    name: str
    count: int
    done: bool
    inner: tuple[Inner, ...]
    last: Inner | None = None


VALUE = Outer("a", 2, True, (Inner(date(2025, 3, 1), 0.5), Inner(date(2025, 4, 1), None)))
PLAIN = {
    "name": "a",
    "count": 2,
    "done": True,
    "inner": [{"day": "2025-03-01", "share": 0.5}, {"day": "2025-04-01", "share": None}],
    "last": None,
}


def test_to_plain_writes_dates_as_days_and_tuples_as_lists():
    assert to_plain(VALUE) == PLAIN
    assert from_plain(Outer, json.loads(json.dumps(PLAIN))) == VALUE


def test_a_whole_number_is_read_as_the_float_it_was():
    read = from_plain(Inner, {"day": "2025-03-01", "share": 50})
    assert (read.share, type(read.share)) == (50.0, float)


@pytest.mark.parametrize(
    "plain",
    [
        {**PLAIN, "count": True},  # a bool is no count
        {**PLAIN, "count": "2"},
        {**PLAIN, "done": 1},
        {**PLAIN, "inner": {}},
        {**PLAIN, "inner": [{"day": "2025-02-30", "share": 0.5}]},
        {**PLAIN, "inner": [{"day": 20250301, "share": 0.5}]},
        {**PLAIN, "inner": [{"day": "2025-03-01"}]},
        {**PLAIN, "extra": 1},
        {k: v for k, v in PLAIN.items() if k != "last"},
        {**PLAIN, "last": "none"},
        [PLAIN],
        None,
    ],
)
def test_any_other_shape_is_refused(plain):
    with pytest.raises(NotPlain):
        from_plain(Outer, plain)


def test_a_pledges_coverage_comes_back_equal(tmp_path):
    root = copy_base(tmp_path / "repo")
    report = compute_coverage(load_catalog(root).catalog, as_of=date(2024, 6, 30))
    (coverage,) = report.pledges
    plain = json.loads(json.dumps(to_plain(coverage)))
    assert plain["start"] == "2023-01-01"
    assert from_plain(PledgeCoverage, plain) == coverage
