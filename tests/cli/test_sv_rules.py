"""`lofte validate` in Swedish: the same codes and positions as in English, with messages,
hints and the summary in Swedish. The expected Swedish is written out by hand."""

from __future__ import annotations

import json

import pytest

from tests.data_driven.test_corpus import INVALID
from tests.helpers import copy_base, write_tree

P = "data/pledges/p"
BROKEN = {
    # an unknown party and commitment, and a personnummer in the description
    f"{P}/activities/2023-04-02-trafikkontroll.yaml": (
        "id: 2023-04-02-trafikkontroll\n"
        "date: 2023-04-02\n"
        "status: done\n"
        "by: [polisn]\n"
        "commitments: [polis-9]\n"
        "title: Trafikkontroll av EPA-traktorer\n"
        "description: Frågor till Anna Svensson, 811218-9876.\n"
        "place: Centrum\n"
        "measures: {kontroller: 3}\n"
        "hours: 8\n"
    ),
    # a key in Swedish instead of title, and a count in words
    f"{P}/activities/2023-03-14-foraldrakvall.yaml": (
        "id: 2023-03-14-foraldrakvall\n"
        "date: 2023-03-14\n"
        "status: done\n"
        "by: [kommun]\n"
        "commitments: [kommun-1]\n"
        "titel: Föräldrakväll om droger\n"
        "description: Föräldrakväll på skolan om droger och sociala medier.\n"
        "participants: många\n"
    ),
    # ends before it starts; a status in Swedish
    f"{P}/activities/2023-05-10-trygghetsvandring.yaml": (
        "id: 2023-05-10-trygghetsvandring\n"
        "date: 2023-05-10\n"
        "end_date: 2023-05-09\n"
        "status: klar\n"
        "by: kommun\n"
        "commitments: [kommun-1]\n"
        "title: Trygghetsvandring\n"
        "description: Trygghetsvandring i centrum.\n"
    ),
    # the same key twice
    f"{P}/activities/2023-06-01-dubbel.yaml": (
        "id: 2023-06-01-dubbel\n"
        "date: 2023-06-01\n"
        "by: kommun\n"
        "commitments: [kommun-1]\n"
        "title: Dubbel\n"
        "title: Dubbel igen\n"
        "description: Två rubriker.\n"
    ),
    # an indicator the pledge does not have
    f"{P}/followups/2023-12-15.yaml": (
        "date: 2023-12-15\n"
        'period: "2023"\n'
        "assessments:\n"
        "  polis-1: {status: ongoing}\n"
        "indicators:\n"
        "  trygghet-natt: {value: 71}\n"
    ),
}

ACT = f"{P}/activities"
SWEDISH = [
    (
        f"{ACT}/2023-03-14-foraldrakvall.yaml",
        1,
        1,
        "L114",
        "det obligatoriska fältet 'title' saknas",
    ),
    (
        f"{ACT}/2023-03-14-foraldrakvall.yaml",
        6,
        1,
        "L113",
        "okänt fält 'titel'; menade du 'title'?",
    ),
    (
        f"{ACT}/2023-03-14-foraldrakvall.yaml",
        8,
        15,
        "L115",
        "participants: 'många' ska vara ett heltal",
    ),
    (
        f"{ACT}/2023-04-02-trafikkontroll.yaml",
        4,
        6,
        "L104",
        "okänd part 'polisn'; menade du 'polisen'? "
        "(i löftet p finns polisen, kommun, kommun2, kommunerna)",
    ),
    (
        f"{ACT}/2023-04-02-trafikkontroll.yaml",
        5,
        15,
        "L103",
        "okänt åtagande 'polis-9'; menade du 'polis-2'? "
        "(i löftet p finns polis-1, polis-2, kommun-1)",
    ),
    (
        f"{ACT}/2023-04-02-trafikkontroll.yaml",
        7,
        41,
        "L301",
        "personnumret '811218-9876' står i fältet description, som publiceras",
    ),
    (
        f"{ACT}/2023-05-10-trygghetsvandring.yaml",
        3,
        11,
        "L204",
        "slutdatumet 2023-05-09 (end_date) ligger före datumet 2023-05-10 (date)",
    ),
    (
        f"{ACT}/2023-05-10-trygghetsvandring.yaml",
        4,
        9,
        "L115",
        "status: 'klar' är inte ett tillåtet värde (skriv done, planned eller cancelled)",
    ),
    (
        f"{P}/followups/2023-12-15.yaml",
        6,
        3,
        "L106",
        "okänd indikator 'trygghet-natt'; menade du 'trygghet'? (i löftet p finns trygghet)",
    ),
    (
        f"{P}/pledge.yaml",
        25,
        28,
        "L119",
        "åtagandet polis-1 räknar prestationen 'kontroller', "
        "men ingen aktivitet för åtagandet redovisar den",
    ),
]
DUPLICATE_KEY = (f"{ACT}/2023-06-01-dubbel.yaml", 6, 1, "L110")


@pytest.fixture
def broken(tmp_path):
    root = copy_base(tmp_path / "repo")
    write_tree(root, BROKEN)
    return root


def _validate(run_cli, monkeypatch, root, language, *args):
    monkeypatch.setenv("LOFTE_LANG", language)
    return run_cli("validate", *args, cwd=root)


def _problems(run_cli, monkeypatch, root, language):
    result = _validate(run_cli, monkeypatch, root, language, "--format", "json")
    assert result.exit_code == 1, result.stdout + result.stderr
    return json.loads(result.stdout)


def _places(problems):
    return [(p["path"], p["line"], p["column"], p["code"], p["severity"]) for p in problems]


def test_swedish_messages_of_broken_files(run_cli, monkeypatch, broken):
    problems = _problems(run_cli, monkeypatch, broken, "sv")
    found = [(p["path"], p["line"], p["column"], p["code"], p["message"]) for p in problems]
    # The duplicate key's message is made while reading YAML; here only its place counts.
    assert [f[:4] for f in found if f[3] == "L110"] == [DUPLICATE_KEY]
    assert [f for f in found if f[3] != "L110"] == SWEDISH
    hints = {p["code"]: p["hint"] for p in problems}
    assert hints["L103"] == "Använd något av åtagandenas id i löftets pledge.yaml."
    assert hints["L110"] == (
        "En nyckel får bara stå en gång på samma nivå; "
        "slå ihop raderna eller ta bort den som upprepas."
    )
    assert hints["L301"] == (
        "Ta bort personnumret eller samordningsnumret; "
        "offentlig text får inte peka ut privatpersoner."
    )


def test_codes_and_positions_are_those_of_english(run_cli, monkeypatch, broken):
    english = _problems(run_cli, monkeypatch, broken, "en")
    swedish = _problems(run_cli, monkeypatch, broken, "sv")
    assert _places(swedish) == _places(english)
    assert [p["message"] for p in english if p["code"] == "L103"] == [
        "unknown commitment 'polis-9'; did you mean 'polis-2'? "
        "(pledge p has polis-1, polis-2, kommun-1)"
    ]


def test_text_output_summary_and_hints_in_swedish(run_cli, monkeypatch, broken):
    result = _validate(run_cli, monkeypatch, broken, "sv")
    assert result.exit_code == 1
    out = result.stdout + result.stderr
    assert "6 filer kontrollerade: 10 fel och 1 varning" in out
    assert "Ändra värdet så att det har den typ och form som schemat kräver." in out
    assert "okänt åtagande 'polis-9'" in out
    assert "unknown" not in out and "did you mean" not in out


def test_each_language_keeps_its_own_cached_messages(run_cli, monkeypatch, broken):
    """The cache keeps problems as their messages say them: a Swedish run after an English
    one (and the other way round) says them in its own language."""
    first = _problems(run_cli, monkeypatch, broken, "en")
    swedish = _problems(run_cli, monkeypatch, broken, "sv")
    again = _problems(run_cli, monkeypatch, broken, "sv")
    english = _problems(run_cli, monkeypatch, broken, "en")
    assert again == swedish and english == first
    assert {p["message"] for p in swedish}.isdisjoint(
        p["message"] for p in english if p["code"] != "L110"
    )


def test_one_file_and_one_of_each(run_cli, monkeypatch, tmp_path):
    root = copy_base(tmp_path / "repo")
    write_tree(
        root,
        {
            f"{ACT}/2023-05-02-kontroll.yaml": (
                "id: 2023-05-02-kontroll\n"
                "date: 2023-05-02\n"
                "by: polisen\n"
                "commitments: [kommun-1]\n"
                "title: Kontroll\n"
                "description: Kontroll, mejla anna.svensson@gmail.com.\n"
            )
        },
    )
    wanted = f"{ACT}/2023-05-02-kontroll.yaml"
    monkeypatch.setenv("LOFTE_LANG", "sv")
    result = run_cli("validate", wanted, "--format", "json", cwd=root)
    problems = json.loads(result.stdout)
    assert [(p["line"], p["column"], p["code"], p["message"]) for p in problems] == [
        (3, 5, "L117", "polisen ansvarar inte för kommun-1; står aktiviteten under rätt åtagande?"),
        (
            6,
            30,
            "L302",
            "e-postadressen 'anna.svensson@gmail.com' står i fältet description, som publiceras",
        ),
    ]
    text = run_cli("validate", wanted, cwd=root)
    assert "1 fil kontrollerad: 1 fel och 1 varning" in text.stdout


def test_usage_errors_in_swedish(run_cli, monkeypatch, tmp_path):
    root = copy_base(tmp_path / "repo")
    monkeypatch.setenv("LOFTE_LANG", "sv")
    result = run_cli("validate", "saknas.yaml", cwd=root)
    assert result.exit_code == 2
    assert f"{root / 'saknas.yaml'}: filen eller mappen finns inte" in result.stderr


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_corpus_same_places_other_words(run_cli, monkeypatch, tmp_path, case):
    """Every broken file of the corpus: the same codes, severities and positions in both
    languages, and a Swedish message wherever the checks of rules, schemas and personal data
    made it (the messages of reading YAML and finding files are made elsewhere)."""
    root = copy_base(tmp_path / "repo", case / "files")
    english = _problems(run_cli, monkeypatch, root, "en")
    swedish = _problems(run_cli, monkeypatch, root, "sv")
    assert _places(swedish) == _places(english)
    read_elsewhere = {"L100", "L101", "L102", "L110", "L111", "L112", "L120", "L122", "L123"}
    for en, sv in zip(english, swedish, strict=True):
        assert sv["hint"] != en["hint"]
        if en["code"] not in read_elsewhere:
            assert sv["message"] != en["message"], en["message"]


def test_worker_processes_speak_the_language_too(run_cli, monkeypatch, tmp_path):
    """Enough files to be checked in worker processes: their messages are Swedish as well."""
    root = copy_base(tmp_path / "repo")
    files = {
        f"{ACT}/2023-06-{n:03d}.yaml": (
            f"id: 2023-06-{n:03d}\ndate: 2023-06-01\nby: kommun\ncommitments: [kommun-1]\n"
            "title: Möte\ndescription: Möte.\nplats: Centrum\n"
        )
        for n in range(210)
    }
    write_tree(root, files)
    monkeypatch.setenv("LOFTE_JOBS", "2")
    problems = _problems(run_cli, monkeypatch, root, "sv")
    messages = {p["message"] for p in problems if p["code"] == "L113"}
    assert messages == {"okänt fält 'plats'; menade du 'place'?"}
    assert sum(p["code"] == "L113" for p in problems) == 210
