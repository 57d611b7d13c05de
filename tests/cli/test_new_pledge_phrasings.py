"""`lofte new-pledge` in Swedish, asked how often a commitment is kept, answered the way a
coordinator types it: each sensible answer becomes its `expect` in pledge.yaml; an answer
that says no count is asked again, with examples."""

# ruff: noqa: E501

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_new_pledge_expect import EXPECTED_FILE, PLEDGE, SWEDISH, converse, spawn

HOW_OFTEN = "Hur ofta? T.ex. fyra gånger per år, varje vecka, minst 12 per år (Enter om texten inte lovar något antal): "


@pytest.fixture
def started(run_cli, tmp_path: Path) -> Path:
    assert run_cli("init", str(tmp_path), cwd=tmp_path).exit_code == 0
    return tmp_path


def conversation(first: str, answer: str, shown: str) -> list[tuple[str, str | None]]:
    """The Swedish conversation of test_new_pledge_expect with `first` as the first answer
    to "Hur ofta?" (refused), then `answer`, read as `shown`."""
    start = SWEDISH.index((HOW_OFTEN, "ofta"))
    return [
        *SWEDISH[:start],
        (HOW_OFTEN, first),
        (
            f"✗ kan inte tolka '{first}' som hur ofta: skriv hur många och per vad, t.ex. "
            "'fyra gånger per år', 'varje vecka', 'minst 12 per år', 'kvartalsvis'",
            None,
        ),
        ("Hur ofta?", answer),
        (f"  → tolkat som {shown}", None),
        *SWEDISH[start + 4 :],
    ]


@pytest.mark.parametrize(
    ("first", "answer", "shown"),
    [
        ("ibland", "4 ggr/år", "{count: 4, per: year}"),
        ("regelbundet", "varje månad", "{count: 1, per: month}"),
        ("2 per skola", "en gång i kvartalet", "{count: 1, per: quarter}"),
        ("var tredje vecka", "två per termin", "{count: 2, per: half-year}"),
        ("ofta", "2 ggr/mån", "{count: 2, per: month}"),
        ("när det behövs", "var tredje månad", "{count: 1, per: quarter}"),
    ],
)
def test_a_coordinator_s_way_of_saying_how_often(started, first, answer, shown):
    said = converse(spawn(started, "sv"), conversation(first, answer, shown))
    assert "Sparade" in said
    wanted = EXPECTED_FILE.replace("{count: 4, per: year}", shown)
    assert (started / PLEDGE).read_text(encoding="utf-8") == wanted
