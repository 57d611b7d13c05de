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


def test_without_questions_a_promised_count_without_expect_is_warned(run_cli, started):
    result = run_cli(
        *("new-pledge", "--title", "Medborgarlöfte Orust 2025", "--area", "Orust"),
        *("--start", "2025-01-01", "--end", "2025-12-31"),
        *("--party", "Lokalpolisområde Södra Fyrbodal", "--party", "Orust kommun"),
        *("--commitment", "kommun-1:orust:Genomföra fyra trygghetsvandringar per år."),
        *("--commitment", "polis-1:polisen:Synas i centrum."),
        cwd=started,
        today="2025-01-10",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[2:] == [
        "warning L124 commitment kommun-1 promises 'fyra trygghetsvandringar per år' but has "
        "no `expect`, so a single activity meets it; add `expect: {count: 4, per: year}`"
    ]
    written = started / "data/pledges/medborgarlofte-orust-2025/pledge.yaml"
    assert "expect" not in written.read_text(encoding="utf-8")  # written as given
