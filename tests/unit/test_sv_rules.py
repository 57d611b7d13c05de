"""The checks of the data in Swedish: every rule's title and hint, the messages of the schema
check, the cross-file rules and the personal-data check, the summary with its plurals, and
SARIF. The expected Swedish is written out by hand; English is asked for alongside where the
two must agree on everything but the words."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from lofte_cli.data.codes import CODES
from lofte_cli.data.file_check import check_file
from lofte_cli.data.privacy import kind_name
from lofte_cli.data.problem import problem
from lofte_cli.data.problem_text import problem_line, rules_json, summary_line
from lofte_cli.data.sarif import sarif_log
from lofte_cli.data.validate import ValidationResult, validate
from lofte_cli.i18n import language_from_environment, speaking
from tests.helpers import write_tree
from tests.unit.test_rules import activity, pledge

F = Path("data/pledges/p/activities/2023-05-01-x.yaml")


@pytest.fixture
def swedish(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Speak as `lofte` does when LOFTE_LANG=sv."""
    monkeypatch.setenv("LOFTE_LANG", "sv")
    with speaking(language_from_environment(os.environ)):
        yield


@contextmanager
def english() -> Iterator[None]:
    with speaking("en"):
        yield


# --- the rule table -----------------------------------------------------------------


def test_every_rule_has_a_swedish_title_and_hint(swedish):
    """Fails for a rule added to codes.py without its Swedish in the catalog."""
    untranslated = [
        code.code
        for code in CODES.values()
        if not code.title.strip()
        or not code.hint.strip()
        or code.title == code.source_title
        or code.hint == code.source_hint
    ]
    assert untranslated == []


def test_rules_in_english_are_the_english_texts():
    with english():
        for code in CODES.values():
            assert (code.title, code.hint) == (code.source_title, code.source_hint)


def test_some_rules_in_swedish(swedish):
    assert (CODES["L103"].title, CODES["L103"].hint) == (
        "okänt åtagande",
        "Använd något av åtagandenas id i löftets pledge.yaml.",
    )
    assert (CODES["L114"].title, CODES["L114"].hint) == (
        "obligatoriskt fält saknas",
        "Lägg till fältet; schemana i schemas/ visar vad varje fil måste innehålla.",
    )
    assert (CODES["L203"].title, CODES["L203"].hint) == (
        "genomförd aktivitet i framtiden",
        "Använd `status: planned` för kommande aktiviteter, eller rätta datumet.",
    )
    listed = json.loads(rules_json())
    assert listed[3] == {
        "code": "L103",
        "severity": "error",
        "title": "okänt åtagande",
        "hint": "Använd något av åtagandenas id i löftets pledge.yaml.",
    }


def test_a_problem_says_its_hint_in_the_language_it_is_read_in():
    p = problem("L301", F, "…")
    with english():
        assert p.hint.startswith("Remove the personnummer")
    with speaking("sv"):
        assert p.hint.startswith("Ta bort personnumret")


# --- lines and the summary ----------------------------------------------------------


def test_problem_line_and_severity_words(swedish):
    error = problem("L103", F, "okänt åtagande 'x'")
    warning = problem("L117", F, "polisen ansvarar inte för kommun-1")
    assert problem_line(error) == f"{F}:1:1: fel L103 okänt åtagande 'x'"
    assert problem_line(warning) == f"{F}:1:1: varning L117 polisen ansvarar inte för kommun-1"


def _result(errors: int, warnings: int, files: int) -> ValidationResult:
    found = [problem("L103", F, "x")] * errors + [problem("L117", F, "y")] * warnings
    return ValidationResult(tuple(found), files)


def test_summary_singular_and_plural(swedish):
    assert summary_line(_result(1, 1, 1)) == "1 fil kontrollerad: 1 fel och 1 varning"
    assert summary_line(_result(2, 0, 30)) == "30 filer kontrollerade: 2 fel och 0 varningar"
    assert summary_line(_result(0, 3, 2)) == "2 filer kontrollerade: 0 fel och 3 varningar"


def test_summary_in_english():
    with english():
        assert summary_line(_result(1, 1, 1)) == "1 file checked: 1 error, 1 warning"
        assert summary_line(_result(2, 0, 30)) == "30 files checked: 2 errors, 0 warnings"


# --- the check of one file ----------------------------------------------------------

ACTIVITY = (
    "id: 2023-05-01-x\ndate: 2023-05-01\nby: [polisen]\ncommitments: [polis-1]\n"
    "title: Kontroll\ndescription: Kontroll.\n"
)


def _messages(text: str, kind: str = "activity") -> list[tuple[int, int, str, str]]:
    result = check_file(kind, F, text.encode())  # type: ignore[arg-type]
    return [(p.line, p.col, p.code, p.message) for p in result.problems]


@pytest.mark.parametrize(
    ("change", "wanted"),
    [
        ("by: [polisen]", "by: 42 ska vara text eller en lista"),
        (
            "title: Kontroll",
            "title: 303 ska vara text; sätt citattecken runt värdet ('0303') "
            "så att det läses som text",
        ),
        ("description: Kontroll.", "description: '  ' är tomt: skriv en text eller ta bort fältet"),
        ("date: 2023-05-01", "date: '2023-5-1' är inget datum; skriv ÅÅÅÅ-MM-DD"),
        ("commitments: [polis-1]", "commitments: får inte vara tomt"),
        (
            "status",
            "status: 'don' är inte ett tillåtet värde (skriv done, planned eller "
            "cancelled); menade du 'done'?",
        ),
        ("hours", "hours: -2 är mindre än det minsta tillåtna värdet 0"),
        ("links", "links[1].url: 'ftp://kommun.se/a.pdf' är ingen http(s)-adress"),
        ("plats", "okänt fält 'plats'; menade du 'place'?"),
        (
            "färg",
            "okänt fält 'färg' (tillåtna fält: id, date, end_date, status, by, commitments, "
            "title, description, place, partners, target_groups, participants, measures, hours, "
            "links)",
        ),
        ("participants", "participants: en lista ska vara ett heltal"),
    ],
)
def test_schema_messages(swedish, change, wanted):
    replaced = {
        "by: [polisen]": "by: 42",
        "title: Kontroll": "title: 0303",
        "description: Kontroll.": 'description: "  "',
        "date: 2023-05-01": 'date: "2023-5-1"',
        "commitments: [polis-1]": "commitments: []",
    }
    added = {
        "status": "status: don\n",
        "hours": "hours: -2\n",
        "links": 'links: [{url: "ftp://kommun.se/a.pdf"}]\n',
        "plats": "plats: Centrum\n",
        "färg": "färg: blå\n",
        "participants": "participants: [1, 2]\n",
    }
    text = ACTIVITY.replace(change, replaced[change]) if change in replaced else ACTIVITY
    found = _messages(text + added.get(change, ""))
    assert [m for *_, m in found] == [wanted]


def test_missing_keys_and_a_follow_up_without_content(swedish):
    assert _messages("id: x\ndate: 2023-05-01\n") == [
        (1, 1, "L114", "det obligatoriska fältet 'by' saknas"),
        (1, 1, "L114", "det obligatoriska fältet 'commitments' saknas"),
        (1, 1, "L114", "det obligatoriska fältet 'description' saknas"),
        (1, 1, "L114", "det obligatoriska fältet 'title' saknas"),
    ]
    assert _messages("date: 2023-05-01\n", "followup") == [
        (
            1,
            1,
            "L114",
            "lägg till 'assessments' eller 'indicators': en uppföljning måste ha minst ett av dem",
        )
    ]


def test_personal_data_messages(swedish):
    text = ACTIVITY.replace(
        "description: Kontroll.",
        "description: Ring Anna på 070-123 45 67 eller mejla anna@gmail.com (811218-9876).",
    )
    assert [m for *_, m in _messages(text)] == [
        "telefonnumret '070-123 45 67' står i fältet description, som publiceras",
        "e-postadressen 'anna@gmail.com' står i fältet description, som publiceras",
        "personnumret '811218-9876' står i fältet description, som publiceras",
    ]


def _numbers(count: int) -> str:
    rows = "".join(f"  - Ring 070-123 45 {i:02d}\n" for i in range(count))
    return ACTIVITY + "target_groups:\n" + rows


def test_a_file_full_of_personal_data_one_and_more(swedish):
    one, two = _messages(_numbers(26)), _messages(_numbers(27))
    assert one[0] == (1, 1, "L303", "och 1 till av samma slag i den här filen")
    assert two[0] == (1, 1, "L303", "och 2 till av samma slag i den här filen")
    assert len(one) == len(two) == 26
    with english():
        assert _messages(_numbers(26))[0][3] == "and 1 more like this in this file"
        assert _messages(_numbers(27))[0][3] == "and 2 more like these in this file"


def test_contacts(swedish):
    base = pledge(extra='contacts: [trygghet@kommun.se, "811218-9876", ring oss]\n')
    assert [m for *_, m in _messages(base, "pledge")] == [
        "personnumret '811218-9876' står bland kontaktuppgifterna (contacts)",
        "contacts[3]: 'ring oss' är varken en e-postadress eller ett telefonnummer",
    ]


def test_kind_names(swedish):
    assert [kind_name(k) for k in ("personnummer", "e-mail address", "phone number")] == [
        "personnummer",
        "e-postadress",
        "telefonnummer",
    ]


# --- the rules across files ---------------------------------------------------------


def _check(root: Path) -> list[tuple[str, str, str]]:
    result = validate(root, today=date(2026, 11, 26), use_cache=False)
    return [(p.path.name, p.code, p.message) for p in result.problems]


def test_rules_across_files(swedish, tmp_path):
    acts = "data/pledges/p/activities"
    root = write_tree(
        tmp_path,
        {
            "data/pledges/p/pledge.yaml": pledge(
                end="",
                extra="  - {id: polis-2, by: polisen, text: Mer.}\n"
                "supersedes: p-2019\nindicators: [{id: andel, name: Andel, unit: '%'}]\n",
            ),
            f"{acts}/2022-12-01-tidig.yaml": activity(
                "2022-12-01-tidig", "2022-12-01", "a", "[kommun-1]"
            ),
            f"{acts}/2027-01-01-sen.yaml": activity(
                "2027-01-01-sen",
                "2027-01-01",
                "polisen",
                "[polis-1]",
                extra="measures: {kontroller: 1}\n",
            ),
            f"{acts}/2023-03-01-fel.yaml": activity(
                "2023-03-01-fel", "2023-03-01", "a", "[polis-1, polis-2]"
            ),
            f"{acts}/2023-03-02-b.yaml": activity("2023-03-02-b", "2023-03-02", "b", "[polis-1]"),
            f"{acts}/2023-03-03-namn.yaml": activity(
                "2023-03-03-annat", "2023-03-03", "a", "[kommun-1]"
            ),
            f"{acts}/2023-04-01-ett.yaml": activity(
                "2023-04-01-ett", "2023-04-01", "a", "[kommun-1]", title="Möte"
            ),
            f"{acts}/2023-04-01-tva.yaml": activity(
                "2023-04-01-tva", "2023-04-01", "a", "[kommun-1]", title="möte "
            ),
            "data/pledges/p/followups/2023-06-30.yaml": (
                "date: 2023-06-15\nindicators: {trygghet: {value: 3}}\n"
            ),
        },
    )
    assert _check(root) == [
        (
            "2022-12-01-tidig.yaml",
            "L202",
            "datumet 2022-12-01 ligger utanför perioden för löftet p (2023-01-01 och framåt)",
        ),
        (
            "2023-03-01-fel.yaml",
            "L117",
            "a ansvarar inte för något av polis-1, polis-2; står aktiviteten under rätt åtaganden?",
        ),
        (
            "2023-03-02-b.yaml",
            "L117",
            "b ansvarar inte för polis-1; står aktiviteten under rätt åtagande?",
        ),
        (
            "2023-03-03-namn.yaml",
            "L108",
            "aktivitetens id '2023-03-03-annat' stämmer inte med filnamnet '2023-03-03-namn.yaml'",
        ),
        (
            "2023-04-01-tva.yaml",
            "L118",
            "samma datum, rubrik och parter som 2023-04-01-ett.yaml; "
            "ta bort den ena om det är samma aktivitet",
        ),
        (
            "2027-01-01-sen.yaml",
            "L203",
            "`status: done` men datumet 2027-01-01 har inte kommit än; skriv `status: planned`",
        ),
        (
            "2023-06-30.yaml",
            "L205",
            "datumet 2023-06-15 stämmer inte med filnamnet '2023-06-30.yaml'; "
            "döp om filen till 2023-06-15.yaml",
        ),
        ("2023-06-30.yaml", "L106", "okänd indikator 'trygghet' (i löftet p finns andel)"),
        ("pledge.yaml", "L107", "supersedes anger 'p-2019', som inte finns i datamappen"),
    ]


def test_pledge_rules(swedish, tmp_path):
    text = (
        pledge(start="2025-01-01", extra="supersedes: p\n")
        .replace("  - {id: kommun-1,", "  - {id: polis-1,")
        .replace("  kommunerna: [a, b]", "  kommunerna: [a, c]\n  polisen: [a]")
    )
    root = write_tree(tmp_path, {"data/pledges/p/pledge.yaml": text})
    assert _check(root) == [
        ("pledge.yaml", "L204", "perioden slutar 2024-12-31, före startdatumet 2025-01-01"),
        ("pledge.yaml", "L104", "gruppmedlem: okänd part 'c' (i löftet p finns polisen, a, b)"),
        ("pledge.yaml", "L109", "gruppen 'polisen' har samma id som en part"),
        (
            "pledge.yaml",
            "L119",
            "åtagandet polis-1 räknar prestationen 'kontroller', "
            "men ingen aktivitet för åtagandet redovisar den",
        ),
        ("pledge.yaml", "L109", "två åtaganden har id:t 'polis-1'"),
        (
            "pledge.yaml",
            "L121",
            "ett löfte kan inte ersätta sig självt; ange den tidigare utgåvan i `supersedes`",
        ),
    ]


def test_a_key_that_is_not_an_id(swedish):
    text = pledge().replace("focus_areas: {trafik: Trafik}", "focus_areas: {Trafik: Trafik}")
    assert _messages(text, "pledge") == [
        (
            10,
            15,
            "L115",
            "focus_areas: nyckeln 'Trafik' är inget giltigt id "
            "(bara små bokstäver a-z, siffror 0-9 och enstaka bindestreck)",
        )
    ]


# --- SARIF --------------------------------------------------------------------------


def test_sarif_speaks_swedish_but_keeps_its_identifiers(swedish, tmp_path):
    result = ValidationResult((problem("L103", tmp_path / "a.yaml", "okänt åtagande 'x'"),), 1)
    log = sarif_log(result, base=tmp_path)
    rule = log["runs"][0]["tool"]["driver"]["rules"][3]
    assert (rule["id"], rule["name"]) == ("L103", "UnknownCommitment")
    assert rule["shortDescription"]["text"] == "okänt åtagande"
    assert rule["help"]["text"] == "Använd något av åtagandenas id i löftets pledge.yaml."
    found = log["runs"][0]["results"][0]
    assert (found["ruleId"], found["level"]) == ("L103", "error")
    assert found["message"]["text"] == (
        "okänt åtagande 'x' — Använd något av åtagandenas id i löftets pledge.yaml."
    )
    names = [r["name"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    with english():
        english_rules = sarif_log(result, base=tmp_path)["runs"][0]["tool"]["driver"]["rules"]
    assert names == [r["name"] for r in english_rules]


def test_a_pledge_without_any_of_the_kind(swedish, tmp_path):
    root = write_tree(
        tmp_path,
        {
            "data/pledges/p/pledge.yaml": pledge(),
            "data/pledges/p/followups/2023-06-30.yaml": (
                "date: 2023-06-30\nindicators: {trygghet: {value: 3}}\n"
            ),
        },
    )
    assert (
        "2023-06-30.yaml",
        "L106",
        "okänd indikator 'trygghet' (löftet p har inga indikatorer)",
    ) in _check(root)


def test_english_wording_that_changed_on_the_way():
    """The singular of L117, a value of neither allowed type, and the last choice after "or"."""
    with english():
        assert _messages(ACTIVITY.replace("by: [polisen]", "by: 42")) == [
            (3, 5, "L115", "by: 42 should be text or a list")
        ]
        assert _messages(ACTIVITY + "status: don\n")[0][3] == (
            "status: 'don' is not one of done, planned or cancelled; did you mean 'done'?"
        )


# --- worker processes ---------------------------------------------------------------


def test_the_checker_takes_the_language_to_a_started_worker(tmp_path):
    """A worker that is started, not forked (macOS, Windows; Linux from Python 3.14), gets
    `read_and_check` pickled, and with it the language of the process that sent it."""
    import multiprocessing
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    from lofte_cli.data.file_check import read_and_check

    path = tmp_path / "2023-05-01-x.yaml"
    path.write_text(ACTIVITY + "plats: Centrum\n", encoding="utf-8")
    task = ("activity", path, ())
    wanted = "okänt fält 'plats'; menade du 'place'?"
    with speaking("sv"):
        sent = pickle.dumps(read_and_check)
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            _, started, _ = pool.submit(read_and_check, task).result()
    assert [p.message for p in started.problems] == [wanted]
    with english():
        _, unpickled, _ = pickle.loads(sent)(task)
        _, here, _ = read_and_check(task)
    assert [p.message for p in unpickled.problems] == [wanted]
    assert [p.message for p in here.problems] == [
        "top level: unknown key 'plats'; did you mean 'place'?"
    ]


def test_a_file_that_cannot_be_read(swedish, tmp_path):
    from lofte_cli.data.file_check import read_and_check

    gone = tmp_path / "2023-05-01-x.yaml"
    _, result, _ = read_and_check(("activity", gone, ()))
    assert [(p.code, p.message) for p in result.problems] == [
        (
            "L101",
            "filen går inte att läsa: filen finns inte längre (den togs bort medan lofte läste)",
        )
    ]
