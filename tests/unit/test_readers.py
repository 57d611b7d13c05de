"""The readers of what people type (issue 14, point 5), one function per kind of value:
parties, commitments and pledges as the ids they stand for, or the closest id with its name;
statuses and yes or no in Swedish and English; the day a new activity is offered. Expected
values are written by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lofte_cli.data.loader import load_catalog
from lofte_cli.data.model import Catalog
from lofte_cli.edit.activity_fields import DraftFields, default_day, read_ids
from lofte_cli.edit.readers import (
    Unknown,
    commitment_anywhere,
    name_forms,
    read_commitment,
    read_party,
    read_pledge,
)
from lofte_cli.errors import UsageError
from lofte_cli.i18n import speaking
from lofte_cli.values import Reading, read_status, read_yes_no, reading_note
from tests.helpers import BUNDLED, CORPUS

PLEDGE = "sodra-fyrbodal-2023-2024"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(BUNDLED, use_cache=False).catalog


@pytest.fixture(scope="module")
def two_pledges(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The corpus pledge p, and q: the same with another title and period."""
    import shutil

    root = tmp_path_factory.mktemp("two")
    shutil.copytree(CORPUS / "base", root, dirs_exist_ok=True)
    text = (root / "data/pledges/p/pledge.yaml").read_text(encoding="utf-8")
    q = text.replace("id: p\n", "id: q\n").replace("Testkommunerna 2023–2024", "Andra löftet")
    q = q.replace("start: 2023-01-01", "start: 2025-01-01").replace("2024-12-31", "2025-12-31")
    (root / "data/pledges/q").mkdir()
    (root / "data/pledges/q/pledge.yaml").write_text(q, encoding="utf-8")
    return load_catalog(root, use_cache=False).catalog


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Stenungsunds kommun", {"stenungsunds-kommun", "stenungsunds", "stenungsund"}),
        ("Orust kommun", {"orust-kommun", "orust"}),
        ("Tjörns kommun", {"tjorns-kommun", "tjorns", "tjorn"}),
        ("Göteborgs stad", {"goteborgs-stad", "goteborgs", "goteborg"}),
        ("Region Gotland", {"region-gotland", "gotland"}),
        ("Lokalpolisområde Södra Fyrbodal", {"lokalpolisomrade-sodra-fyrbodal"}),
    ],
)
def test_the_forms_a_name_is_typed_in(name, forms):
    assert name_forms(name) == forms


@pytest.mark.parametrize(
    ("typed", "party", "name"),
    [
        ("tjorn", "tjorn", None),  # the id: nothing to say
        ("Tjörn", "tjorn", "Tjörns kommun"),
        ("tjörns kommun", "tjorn", "Tjörns kommun"),
        ("  Stenungsund  ", "stenungsund", "Stenungsunds kommun"),
        ("POLISEN", "polisen", "Lokalpolisområde Södra Fyrbodal"),
        ("lokalpolisområde södra fyrbodal", "polisen", "Lokalpolisområde Södra Fyrbodal"),
        ("Kommunerna", "kommunerna", "group of stenungsund, orust, tjorn"),
    ],
)
def test_a_party_by_id_or_name(catalog, typed, party, name):
    reading = read_party(catalog.pledges[PLEDGE].pledge, typed)
    assert reading.value == party
    assert reading.changed == (name is not None)
    if name is not None:
        assert reading.name == name


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "Tjörm",
            "unknown party or group 'Tjörm' in pledge sodra-fyrbodal-2023-2024; did you mean "
            "tjorn (Tjörns kommun)?",
        ),
        (
            "polis",
            "unknown party or group 'polis' in pledge sodra-fyrbodal-2023-2024; did you mean "
            "polisen (Lokalpolisområde Södra Fyrbodal)?",
        ),
        (
            "kommunen",
            "unknown party or group 'kommunen' in pledge sodra-fyrbodal-2023-2024; did you mean "
            "kommunerna (group of stenungsund, orust, tjorn)?",
        ),
        (
            "Kungälv",
            "unknown party or group 'Kungälv' in pledge sodra-fyrbodal-2023-2024 (it has "
            "polisen, stenungsund, orust, tjorn, kommunerna)",
        ),
    ],
)
def test_an_unknown_party_names_the_closest_with_its_name(catalog, typed, message):
    with pytest.raises(Unknown) as caught:
        read_party(catalog.pledges[PLEDGE].pledge, typed)
    assert str(caught.value) == message


def test_did_you_mean_in_swedish(catalog):
    with speaking("sv"), pytest.raises(Unknown) as caught:
        read_party(catalog.pledges[PLEDGE].pledge, "Tjörm")
    assert str(caught.value) == (
        "okänd part eller grupp 'Tjörm' i löftet sodra-fyrbodal-2023-2024; menade du tjorn "
        "(Tjörns kommun)?"
    )


@pytest.mark.parametrize(
    "typed", ["polis-3", "polis 3", "Polis-3", "POLIS 3", "polis_3", "polis3", " Polis  3 "]
)
def test_a_commitment_as_people_type_it(catalog, typed):
    reading = read_commitment(catalog.pledges[PLEDGE].pledge, typed)
    assert reading.value == "polis-3"
    assert reading.changed == (typed != "polis-3")


def test_an_unknown_commitment_names_the_closest_with_its_text(catalog):
    with pytest.raises(Unknown) as caught:
        read_commitment(catalog.pledges[PLEDGE].pledge, "kommun 3x")
    assert str(caught.value) == (
        "unknown commitment 'kommun 3x' in pledge sodra-fyrbodal-2023-2024; did you mean "
        "kommun-3 (Genomföra tidiga föräldrastärkande insatser.)?"
    )
    with pytest.raises(Unknown) as far:
        read_commitment(catalog.pledges[PLEDGE].pledge, "3")
    assert str(far.value) == (
        "unknown commitment '3' in pledge sodra-fyrbodal-2023-2024 (it has polis-1, polis-2 "
        "… kommun-6)"
    )


def test_a_pledge_by_id_in_any_case_or_by_title(catalog, two_pledges):
    assert read_pledge(catalog, "SODRA-FYRBODAL-2023-2024").value == PLEDGE
    title = read_pledge(catalog, "medborgarlöfte södra fyrbodal 2023–2024")
    assert (title.value, title.name) == (PLEDGE, "Medborgarlöfte Södra Fyrbodal 2023–2024")
    assert read_pledge(two_pledges, "Medborgarlöfte andra löftet").value == "q"
    with pytest.raises(Unknown) as caught:
        read_pledge(two_pledges, "r")
    assert str(caught.value) == "unknown pledge 'r' (known: p, q)"


def test_a_commitment_in_several_pledges(two_pledges):
    assert commitment_anywhere(two_pledges, "Polis 1", ["p", "q"]) == ["p", "q"]
    with pytest.raises(Unknown) as caught:
        commitment_anywhere(two_pledges, "polis-7", ["p", "q"])
    assert str(caught.value) == (
        "no pledge has a commitment 'polis-7'; did you mean polis-2 (Delta i föräldramöten "
        "när skolorna ber om det.)?"
    )


def test_the_flags_problems_all_at_once(catalog):
    fields = DraftFields(by=("Stenungsund", "Tjörm", "grannen"), commitments=("polis 9", "polis 3"))
    read, problems = read_ids(catalog.pledges[PLEDGE].pledge, fields)
    assert read.by == ("stenungsund",) and read.commitments == ("polis-3",)
    assert [flag for flag, _message in problems] == ["--by", "--by", "--commitment"]
    assert [reading_note(r) for r in read.readings] == [
        "--by Stenungsund: read as stenungsund (Stenungsunds kommun)",
        "--commitment polis 3: read as polis-3 (Intensifiera arbetet mot droger, kränkningar "
        "och …)",
    ]


# --- statuses, yes and no --------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("done", "done"),
        ("Genomförd", "done"),
        ("genomfört", "done"),
        ("gjord", "done"),
        ("klar", "done"),
        ("planerad", "planned"),
        ("PLANNED", "planned"),
        ("inställd", "cancelled"),
        ("avbokad", "cancelled"),
        ("canceled", "cancelled"),
    ],
)
def test_activity_statuses_in_swedish_and_english(typed, status):
    assert read_status(typed) == status


def test_an_unknown_activity_status_in_both_languages():
    with pytest.raises(ValueError) as english:
        read_status("pågår")
    assert str(english.value) == (
        "'pågår': choose done, planned, cancelled (genomförd, planerad, inställd)"
    )
    with speaking("sv"), pytest.raises(ValueError) as swedish:
        read_status("pågår")
    assert str(swedish.value) == (
        "'pågår': välj genomförd, planerad eller inställd (done, planned, cancelled)"
    )


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("ja", True),
        ("Ja", True),
        ("j", True),
        ("y", True),
        ("yes", True),
        ("JA ", True),
        ("nej", False),
        ("n", False),
        ("no", False),
        ("Nej", False),
        ("", None),
    ],
)
def test_yes_and_no_in_swedish_and_english(typed, answer):
    assert read_yes_no(typed) is answer


def test_neither_yes_nor_no_in_both_languages():
    with pytest.raises(ValueError) as english:
        read_yes_no("kanske")
    assert str(english.value) == "'kanske': answer y (yes) or n (no)"
    with speaking("sv"), pytest.raises(ValueError) as swedish:
        read_yes_no("kanske")
    assert str(swedish.value) == "'kanske': svara j (ja) eller n (nej)"


def test_a_reading_says_what_it_took_a_value_for():
    assert not Reading("polis-3", "polis-3").changed
    assert not Reading(" polis-3 ", "polis-3").changed
    assert Reading("Polis 3", "polis-3").changed
    note = Reading("5 mars 2024", "2024-03-05", what="--date")
    assert reading_note(note) == "--date 5 mars 2024: read as 2024-03-05"
    with speaking("sv"):
        assert reading_note(note) == "--date 5 mars 2024: tolkat som 2024-03-05"


# --- the day offered ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "offered"),
    [
        (date(2024, 6, 1), date(2024, 6, 1)),  # in the period: today
        (date(2025, 3, 1), date(2024, 12, 31)),  # after it: its last day
        (date(2022, 11, 30), date(2023, 1, 1)),  # before it: its first day
    ],
)
def test_the_day_offered_lies_in_the_pledges_period(catalog, today, offered):
    assert default_day(catalog, PLEDGE, today) == offered


def test_the_day_offered_for_a_pledge_without_end(tmp_path: Path):
    import shutil

    shutil.copytree(CORPUS / "base", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "data/pledges/p/pledge.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  end: 2024-12-31\n", ""), encoding="utf-8"
    )
    open_ended = load_catalog(tmp_path, use_cache=False).catalog
    assert default_day(open_ended, "p", date(2030, 1, 1)) == date(2030, 1, 1)


def test_a_status_flag_that_reads_as_none_is_a_usage_error():
    """The readers raise ValueError (a prompt asks again); a flag's is a usage error."""
    from lofte_cli.values import parse_status

    with pytest.raises(UsageError) as caught:
        parse_status("kanske", "--status")
    assert str(caught.value) == (
        "--status 'kanske': choose done, planned, cancelled (genomförd, planerad, inställd)"
    )
