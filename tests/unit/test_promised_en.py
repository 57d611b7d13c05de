"""The frequency warning (L124) reads English commitments (`language: en`) as it reads
Swedish ones: each text below was classified by hand — what it promises as `expect` would
say it (count, per), a frequency without a count (None, per), or nothing (no promise, or
a number that is no count of activities)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lofte_cli.data.promised_en import read_promise_en
from lofte_cli.data.validate import validate
from tests.helpers import write_tree

NOTHING = None
PROMISES: list[tuple[str, tuple[int | None, str] | None]] = [
    ("Hold four safety walks a year.", (4, "year")),
    ("At least 12 traffic controls per year.", (12, "year")),
    ("Meet the youth council every month.", (1, "month")),
    ("Patrol the town centre on Fridays and Saturdays.", (None, "week")),
    ("Run six information evenings for parents.", (6, "period")),
    ("Report to the council twice a year.", (2, "year")),
    ("Quarterly reviews with the steering group.", (1, "quarter")),
    ("Arrange at least ten parent evenings.", (10, "period")),
    ("Visit each school once a term.", (1, "half-year")),
    ("Hold a dialogue meeting every other month.", (6, "year")),
    ("Carry out 50 drug-related interventions during the period.", (50, "period")),
    ("Night walks every Friday night.", (1, "week")),
    ("Two weekly patrols in the harbour.", (2, "week")),
    ("Offer 3 courses a semester.", (3, "half-year")),
    ("Present results annually to the board.", (1, "year")),
    ("A hundred home visits in total.", (100, "period")),
    ("Hold at least two meetings.", (2, "period")),
    ("Foot patrols on Friday and Saturday evenings from May to September.", (None, "week")),
    ("Hold twenty-five school visits a year.", (25, "year")),
    ("Three fortnightly meetings with the landlords.", (6, "month")),
    # one activity: what a commitment without `expect` asks anyway
    ("Hold one meeting with the youth council.", (1, "period")),
    # no promise, or numbers that count no activities
    ("Work against sex offences in the town centre.", NOTHING),
    ("Visit every school in year 9.", NOTHING),
    ("Police in place 24/7.", NOTHING),
    ("Cut burglaries by 10 %.", NOTHING),
    ("Young people aged 15–25 years.", NOTHING),
    ("Two community police officers are based in the municipality.", NOTHING),
    ("Follow up the annual safety survey.", NOTHING),
    ("Improve traffic safety on road 45.", NOTHING),
    ("Follow section 3 of the law.", NOTHING),
    ("Work with the 2024 action plan.", NOTHING),
    ("Meet at 18.00 in the square.", NOTHING),
    ("Commitment police-3 continues.", NOTHING),
    ("Some Fridays the centre is staffed.", NOTHING),
    ("Once the survey is done, share the results.", NOTHING),
    ("On a Friday evening in May, a festival.", NOTHING),
    ("Repair street lighting within two weeks of a report.", NOTHING),
    ("Reduce response times to 20 minutes.", NOTHING),
]


@pytest.mark.parametrize(("text", "promised"), PROMISES, ids=[t for t, _ in PROMISES])
def test_english_texts_are_read_as_a_person_reads_them(
    text: str, promised: tuple[int | None, str] | None
) -> None:
    found = read_promise_en(text)
    assert (None if found is None else (found.count, found.per)) == promised


PLEDGE = """\
id: harbour-2025
title: Harbour pledge 2025
language: en
area: Exempelby
period: {start: 2025-01-01, end: 2025-12-31}
parties:
  police: {name: Exempelby local police, kind: police}
  town: {name: Exempelby municipality, kind: municipality}
goal: Safer harbour.
commitments:
  - {id: police-1, by: police, text: Hold four safety walks a year.}
  - {id: police-2, by: police, text: Hold four safety walks a year., expect: {count: 4, per: year}}
  - {id: town-1, by: town, text: Repair street lighting within two weeks of a report.}
  - {id: town-2, by: town, text: Fyra trygghetsvandringar per år.}
"""


def test_an_english_pledge_is_read_in_english(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "repo", {"data/pledges/harbour-2025/pledge.yaml": PLEDGE})
    result = validate(root, today=date(2025, 6, 1), use_cache=False)
    assert [(p.code, p.line, p.message) for p in result.problems] == [
        (
            "L124",
            11,
            "commitment police-1 promises 'four safety walks a year' but has no `expect`, so "
            "a single activity meets it; add `expect: {count: 4, per: year}`",
        )
    ]
