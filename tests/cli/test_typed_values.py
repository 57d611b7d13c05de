"""What people type, and what lofte reads it as (issue 14, point 5): one table, run through
the flags of `lofte add-activity` and `lofte assess`, the questions in a terminal (the
prompt functions, fed the same answers) and `lofte import` (a sheet written here). The
same reader serves all three, so each must read each value the same way."""

from __future__ import annotations

import builtins
import csv
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from lofte_cli.data.loader import load_catalog
from tests.helpers import BUNDLED, draft_asking_for

PLEDGE = "sodra-fyrbodal-2023-2024"
ACTIVITIES = Path("data/pledges") / PLEDGE / "activities"
TODAY = "2024-06-01"

# (what is typed, for which value, what the file gets); written out by hand.
PARTIES = [
    ("stenungsund", "stenungsund"),
    ("Stenungsund", "stenungsund"),
    ("STENUNGSUND", "stenungsund"),
    ("stenungsunds kommun", "stenungsund"),
    ("Stenungsunds kommun", "stenungsund"),
    ("Stenungsund kommun", "stenungsund"),
    ("Polisen", "polisen"),
    ("Lokalpolisområde Södra Fyrbodal", "polisen"),
    ("Tjörn", "tjorn"),
    ("Tjörns kommun", "tjorn"),
    ("TJÖRN", "tjorn"),
    ("Orust kommun", "orust"),
    ("Kommunerna", "kommunerna"),
]
COMMITMENTS = [
    ("polis-3", "polis-3"),
    ("polis 3", "polis-3"),
    ("Polis-3", "polis-3"),
    ("POLIS 3", "polis-3"),
    ("Polis_3", "polis-3"),
    ("polis3", "polis-3"),
    ("Kommun 6", "kommun-6"),
]
STATUSES = [
    ("done", "done"),
    ("Done", "done"),
    ("genomförd", "done"),
    ("Genomförd", "done"),
    ("klar", "done"),
    ("gjord", "done"),
    ("planned", "planned"),
    ("planerad", "planned"),
    ("Planerad", "planned"),
    ("cancelled", "cancelled"),
    ("canceled", "cancelled"),
    ("inställd", "cancelled"),
    ("avbokad", "cancelled"),
]
DATES = [
    ("2024-03-05", "2024-03-05"),
    ("2024-3-5", "2024-03-05"),
    ("5 mars 2024", "2024-03-05"),
    ("5 Mars 2024", "2024-03-05"),
    ("5 mar 2024", "2024-03-05"),
    ("14 okt 2023", "2023-10-14"),
]
ASSESSMENT_STATUSES = [
    ("ongoing", "ongoing"),
    ("pågår", "ongoing"),
    ("pågående", "ongoing"),
    ("delvis", "partly-done"),
    ("delvis genomfört", "partly-done"),
    ("partly done", "partly-done"),
    ("ej påbörjat", "not-started"),
    ("inte påbörjat", "not-started"),
    ("genomfört", "done"),
    ("klart", "done"),
    ("ej genomfört", "not-done"),
    ("ej aktuellt", "not-applicable"),
    ("inte aktuellt", "not-applicable"),
]
# Each kind: the flag, the sheet's column, and a commitment the party answers for.
TABLE = (
    [("by", typed, read) for typed, read in PARTIES]
    + [("commitments", typed, read) for typed, read in COMMITMENTS]
    + [("status", typed, read) for typed, read in STATUSES]
    + [("date", typed, read) for typed, read in DATES]
)
IDS = [f"{kind}={typed}" for kind, typed, _read in TABLE]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled data, only read (every run here is a dry run)."""
    root = tmp_path_factory.mktemp("bundled")
    shutil.copytree(BUNDLED / "data", root / "data")
    shutil.copytree(BUNDLED / "schemas", root / "schemas")
    return root


def _values(kind: str, typed: str, read: str) -> dict[str, str]:
    """A valid activity, with `typed` for the field under test (and a commitment the party
    typed answers for)."""
    values = {
        "by": "polisen",
        "commitments": "polis-3",
        "status": "done",
        "date": "2024-03-05",
        "title": "Samtal om droger",
        "description": "Samtal med unga på fritidsgården.",
    }
    if kind == "by" and read != "polisen":
        values["commitments"] = "kommun-3"
    values[kind] = typed
    return values


def _file_value(kind: str, read: str) -> str:
    """The line the activity file has for the value read."""
    return {
        "by": f"by: [{read}]",
        "commitments": f"commitments: [{read}]",
        "status": f"status: {read}",
        "date": f"date: {read}",
    }[kind]


# --- flags ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "typed", "read"), TABLE, ids=IDS)
def test_flags_read_what_people_type(run_cli, bundled, kind, typed, read):
    values = _values(kind, typed, read)
    flag = {"by": "--by", "commitments": "--commitment", "status": "--status", "date": "--date"}
    args = ["add-activity", "--dry-run", "--pledge", PLEDGE]
    for field in ("by", "commitments", "status", "date", "title", "description"):
        args += [flag.get(field, f"--{field}"), values[field]]
    result = run_cli(*args, cwd=bundled, today=TODAY)
    assert result.exit_code == 0, result.stderr
    assert _file_value(kind, read) in result.stdout.splitlines()
    said = [line for line in result.stderr.splitlines() if ": read as " in line]
    if typed == read:
        assert said == []
    else:  # one line says what the value was taken for
        assert len(said) == 1 and said[0].startswith(f"lofte: {flag[kind]} {typed}: read as {read}")


@pytest.mark.parametrize(("typed", "read"), [*COMMITMENTS, ("Kommun 2", "kommun-2")])
def test_assess_reads_commitments_as_people_type_them(run_cli, bundled, tmp_path, typed, read):
    root = tmp_path / "repo"
    shutil.copytree(bundled, root)
    result = run_cli("assess", typed, "--status", "pågår", "--date", "2024-05-31", cwd=root)
    assert result.exit_code == 0, result.stderr
    written = (root / "data/pledges" / PLEDGE / "followups/2024-05-31.yaml").read_text("utf-8")
    assert f"  {read}: {{status: ongoing}}" in written.splitlines()


@pytest.mark.parametrize(("typed", "read"), ASSESSMENT_STATUSES)
def test_assess_reads_statuses_in_both_languages(run_cli, bundled, tmp_path, typed, read):
    root = tmp_path / "repo"
    shutil.copytree(bundled, root)
    result = run_cli("assess", "polis-1", "--status", typed, "--date", "2024-05-31", cwd=root)
    assert result.exit_code == 0, result.stderr
    written = (root / "data/pledges" / PLEDGE / "followups/2024-05-31.yaml").read_text("utf-8")
    assert f"  polis-1: {{status: {read}}}" in written.splitlines()
    said = [line for line in result.stderr.splitlines() if line.startswith("lofte: --status")]
    assert said == ([] if typed == read else [f"lofte: --status {typed}: read as {read}"])


# --- prompts -------------------------------------------------------------------------------


def _answer(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> None:
    """The terminal's answers, one per question, in order."""
    fed = iter(answers)
    monkeypatch.setattr(builtins, "input", lambda *_args: next(fed))


@pytest.mark.parametrize(("kind", "typed", "read"), TABLE, ids=IDS)
def test_prompts_read_what_people_type(monkeypatch, bundled, kind, typed, read):
    from lofte_cli.cli.interactive import complete_draft

    values = _values(kind, typed, read)
    given = draft_asking_for(kind, values, PLEDGE, "https://kommun.se/")
    _answer(monkeypatch, [typed])  # the one question asked: the field under test
    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None)
    catalog = load_catalog(bundled, use_cache=False).catalog
    draft = complete_draft(console, catalog, given, today=date.fromisoformat(TODAY))
    got = {
        "by": draft.by,
        "commitments": draft.commitments,
        "status": (draft.status,),
        "date": (draft.date.isoformat(),),
    }[kind]
    assert got == (read,), out.getvalue()


@pytest.mark.parametrize(
    ("answers", "chosen"),
    [
        (["2, 1"], ("stenungsund", "polisen")),
        (["2 1"], ("stenungsund", "polisen")),
        (["Stenungsunds kommun, polisen"], ("stenungsund", "polisen")),
        (["Tjörn"], ("tjorn",)),
        (["9", "tjorn"], ("tjorn",)),  # no such number: asked again
        (["Tjörm", "4"], ("tjorn",)),  # no such party: the closest named, asked again
    ],
)
def test_the_party_question_takes_numbers_ids_and_names(monkeypatch, bundled, answers, chosen):
    from lofte_cli.cli.dialogue import choose_many
    from lofte_cli.cli.interactive import _party_options
    from lofte_cli.edit.readers import read_party

    pledge = load_catalog(bundled, use_cache=False).catalog.pledges[PLEDGE].pledge
    _answer(monkeypatch, answers)
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None)
    got = choose_many(
        console, "Parties", _party_options(pledge), read=lambda t: read_party(pledge, t)
    )
    assert got == chosen
    if answers[0] == "Tjörm":
        assert "did you mean tjorn (Tjörns kommun)?" in out.getvalue()


# --- import --------------------------------------------------------------------------------


def test_import_reads_what_people_type(run_cli, bundled, tmp_path):
    """One sheet, a row for each line of the table; every row becomes the file the flags
    make of the same values."""
    root = tmp_path / "repo"
    shutil.copytree(bundled, root)
    sheet = tmp_path / "aktiviteter.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["Datum", "Utförare", "Åtaganden", "Status", "Rubrik", "Beskrivning"])
        for number, (kind, typed, read) in enumerate(TABLE, start=1):
            values = _values(kind, typed, read)
            writer.writerow(
                [
                    values["date"],
                    values["by"],
                    values["commitments"],
                    values["status"],
                    f"Rad {number}",
                    values["description"],
                ]
            )
    result = run_cli("import", str(sheet), "--pledge", PLEDGE, cwd=root, today=TODAY)
    assert result.exit_code == 0, result.stderr
    files = {p.name: p.read_text("utf-8") for p in (root / ACTIVITIES).glob("*-rad-*.yaml")}
    assert len(files) == len(TABLE)
    for number, (kind, typed, read) in enumerate(TABLE, start=1):
        (text,) = [t for t in files.values() if f"title: Rad {number}\n" in t]
        assert _file_value(kind, read) in text.splitlines(), (typed, text)
