"""The readers of what people type (issue 14, point 5, the part landed so far): days,
assessment statuses and ids, each one function shared by flags, prompts and import."""

from __future__ import annotations

from datetime import date

import pytest

from lofte_cli.errors import UsageError
from lofte_cli.values import normal_id, parse_assessment_status, parse_day, read_day


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("2024-3-5", date(2024, 3, 5)),
        (" 2024-12-1 ", date(2024, 12, 1)),
        ("5 mars 2024", date(2024, 3, 5)),
        ("5 Mars 2024", date(2024, 3, 5)),
        ("5 mar 2024", date(2024, 3, 5)),
        ("5. mars 2024", date(2024, 3, 5)),
        ("1 maj 2024", date(2024, 5, 1)),
        ("31 december 2023", date(2023, 12, 31)),
        ("14 okt 2023", date(2023, 10, 14)),
        ("14 October 2023", date(2023, 10, 14)),
        ("29 februari 2024", date(2024, 2, 29)),
    ],
)
def test_days_as_a_swede_writes_them(typed, day):
    assert read_day(typed) == day


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("5/3/2024", "'5/3/2024' is not a date; write YYYY-MM-DD (or 5 mars 2024)"),
        ("2024/03/05", "'2024/03/05' is not a date; write YYYY-MM-DD (or 5 mars 2024)"),
        ("igår", "'igår' is not a date; write YYYY-MM-DD (or 5 mars 2024)"),
        ("5 mors 2024", "'5 mors 2024' is not a date; write YYYY-MM-DD (or 5 mars 2024)"),
        ("2023-02-30", "'2023-02-30': there is no such day"),
        ("2023-13-01", "'2023-13-01': there is no such day"),
        ("30 februari 2023", "'30 februari 2023': there is no such day"),
    ],
)
def test_days_that_could_be_misread_or_do_not_exist_are_refused(typed, message):
    with pytest.raises(ValueError) as caught:
        read_day(typed)
    assert str(caught.value) == message
    with pytest.raises(UsageError) as flag:
        parse_day(typed, "--date")
    assert str(flag.value) == f"--date: {message}"


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("ongoing", "ongoing"),
        ("partly-done", "partly-done"),
        ("partly done", "partly-done"),
        ("Partly_Done", "partly-done"),
        ("pågår", "ongoing"),
        ("Pågår", "ongoing"),
        ("delvis", "partly-done"),
        ("delvis genomfört", "partly-done"),
        ("ej påbörjat", "not-started"),
        ("inte påbörjat", "not-started"),
        ("genomfört", "done"),
        ("klart", "done"),
        ("ej genomfört", "not-done"),
        ("ej aktuellt", "not-applicable"),
        ("EJ  AKTUELLT", "not-applicable"),
    ],
)
def test_assessment_statuses_in_swedish_and_english(typed, status):
    assert parse_assessment_status(typed) == status


def test_an_unknown_assessment_status_lists_both_languages():
    with pytest.raises(UsageError) as caught:
        parse_assessment_status("kanske")
    assert str(caught.value) == (
        "--status 'kanske': choose not-started, ongoing, done, partly-done, not-done, "
        "not-applicable (or in Swedish: ej påbörjat, pågår, genomfört, delvis, ej genomfört, "
        "ej aktuellt)"
    )


@pytest.mark.parametrize("typed", ["polis-3", "Polis-3", "polis 3", "POLIS_3", " polis  3 "])
def test_ids_as_people_type_them(typed):
    assert normal_id(typed) == "polis-3"
