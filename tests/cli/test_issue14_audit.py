"""Issue 14 tried as a Swedish coordinator would, on a pledge written here (Tjörn and
Stenungsund 2025, not the bundled data): what people type, read the same way by the flags,
the questions in a terminal and `lofte import`, and said back in one line; the real `lofte`
under LANG=sv_SE.UTF-8 and LANG=C.UTF-8. Every expected line is written out by hand."""

from __future__ import annotations

import builtins
import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pexpect
import pytest
from rich.console import Console

from lofte_cli.data.loader import load_catalog
from lofte_cli.edit.expect_text import read_expect
from lofte_cli.i18n import speaking
from tests.helpers import Run, draft_asking_for, write_tree

LOFTE = str(Path(sys.executable).parent / "lofte")
PLEDGE_ID = "tjorn-stenungsund-2025"
FOLDER = f"data/pledges/{PLEDGE_ID}"
PLEDGE = """\
id: tjorn-stenungsund-2025
title: Medborgarlöfte Tjörn och Stenungsund 2025
language: sv
area: Tjörn och Stenungsund
period: {start: 2025-01-01, end: 2025-12-31}
parties:
  polisen: {name: Lokalpolisområde Stenungsund, kind: police}
  stenungsund: {name: Stenungsunds kommun, kind: municipality, code: "1415"}
  tjorn: {name: Tjörns kommun, kind: municipality, code: "1419"}
goal: Ökad trygghet i centrum.
commitments:
  - {id: polis-1, by: polisen, text: Trafikkontroller vid skolorna., expect: {count: 10, per: year}}
  - {id: polis-2, by: polisen, text: Polisen deltar i föräldramöten.}
  - {id: kommun-1, by: stenungsund, text: Nattvandring under sommarlovet.}
  - {id: kommun-2, by: tjorn, text: Kommunen ser över belysningen i centrum.}
signatories:
  - {name: Anna Andersson, role: Lokalpolisområdeschef, party: polisen}
"""
TODAY = "2025-06-01"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "repo", {f"{FOLDER}/pledge.yaml": PLEDGE})


@pytest.fixture
def swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOFTE_LANG", "sv")


# (what is typed, for which field, what the file gets): the forms that the bundled data's
# table (test_typed_values.py) does not have.
TYPED = [
    ("by", "Tjorn", "tjorn"),
    ("by", "tjörns kommun", "tjorn"),
    ("by", "Stenungsunds", "stenungsund"),
    ("by", "Lokalpolisområde Stenungsund", "polisen"),
    ("commitments", "Polisens åtagande 2", "polis-2"),
    ("commitments", "polisens åtagande 1", "polis-1"),
    ("commitments", "Police commitment 2", "polis-2"),
    ("commitments", "Kommunens åtagande 2", "kommun-2"),
    ("commitments", "kommun 01", "kommun-1"),
    ("commitments", "POLIS2", "polis-2"),
    ("status", "Genomfört", "done"),
    ("status", "inställt", "cancelled"),
    ("status", "Planerat", "planned"),
    ("date", "den 5 mars 2025", "2025-03-05"),
    ("date", "tisdag 4 mars 2025", "2025-03-04"),
    ("date", "5:e mars 2025", "2025-03-05"),
    ("date", "1 april, 2025", "2025-04-01"),
    ("date", "March 5, 2025", "2025-03-05"),
    ("date", "20250305", "2025-03-05"),
    ("date", "2025-3-5", "2025-03-05"),
]
IDS = [f"{kind}={typed}" for kind, typed, _read in TYPED]
FLAGS = {"by": "--by", "commitments": "--commitment", "status": "--status", "date": "--date"}


def _values(kind: str, typed: str, read: str) -> dict[str, str]:
    """A valid activity with `typed` for the field under test; the commitment is one the
    party answers for."""
    values = {
        "by": "polisen",
        "commitments": "polis-2",
        "status": "done",
        "date": "2025-03-05",
        "title": "Föräldramöte",
        "description": "Polisen berättade om droger.",
    }
    if kind == "by" and read != "polisen":
        values["commitments"] = "kommun-2" if read == "tjorn" else "kommun-1"
    if kind == "commitments" and read.startswith("kommun"):
        values["by"] = "tjorn" if read == "kommun-2" else "stenungsund"
    values[kind] = typed
    return values


def _line(kind: str, read: str) -> str:
    return {"by": f"by: [{read}]", "commitments": f"commitments: [{read}]"}.get(
        kind, f"{kind}: {read}"
    )


@pytest.mark.parametrize(("kind", "typed", "read"), TYPED, ids=IDS)
def test_flags_take_what_people_type_and_say_so_in_one_line(
    run_cli, repo, swedish, kind, typed, read
):
    values = _values(kind, typed, read)
    args = ["add-activity", "--dry-run"]
    for field in ("by", "commitments", "status", "date", "title", "description"):
        args += [FLAGS.get(field, f"--{field}"), values[field]]
    result = run_cli(*args, cwd=repo, today=TODAY)
    assert result.exit_code == 0, result.stderr
    assert _line(kind, read) in result.stdout.splitlines()
    said = [line for line in result.stderr.splitlines() if ": tolkat som " in line]
    assert len(said) == 1 and said[0].startswith(f"lofte: {FLAGS[kind]} {typed}: tolkat som ")


@pytest.mark.parametrize(("kind", "typed", "read"), TYPED, ids=IDS)
def test_questions_take_what_people_type(monkeypatch, repo, kind, typed, read):
    from lofte_cli.cli.interactive import complete_draft

    values = _values(kind, typed, read)
    given = draft_asking_for(kind, values, PLEDGE_ID, "https://www.tjorn.se/")
    answers = iter([typed])  # the one question asked: the field under test
    monkeypatch.setattr(builtins, "input", lambda *_args: next(answers))
    console = Console(file=io.StringIO(), width=100, color_system=None)
    catalog = load_catalog(repo, use_cache=False).catalog
    draft = complete_draft(console, catalog, given, today=date.fromisoformat(TODAY))
    got = {
        "by": draft.by,
        "commitments": draft.commitments,
        "status": (draft.status,),
        "date": (draft.date.isoformat(),),
    }[kind]
    assert got == (read,)


def test_import_takes_what_people_type_and_says_so(run_cli, repo, swedish, tmp_path):
    sheet = tmp_path / "aktiviteter.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["Datum", "Utförare", "Åtaganden", "Status", "Rubrik", "Beskrivning"])
        for number, (kind, typed, read) in enumerate(TYPED, start=1):
            values = _values(kind, typed, read)
            writer.writerow(
                [values[k] for k in ("date", "by", "commitments", "status")]
                + [f"Rad {number}", values["description"]]
            )
    result = run_cli("import", str(sheet), cwd=repo, today=TODAY)
    assert result.exit_code == 0, result.stderr
    files = {p.read_text("utf-8") for p in (repo / FOLDER / "activities").glob("*.yaml")}
    assert len(files) == len(TYPED)
    for number, (kind, typed, read) in enumerate(TYPED, start=1):
        (text,) = [t for t in files if f"title: Rad {number}\n" in t]
        assert _line(kind, read) in text.splitlines(), (typed, text)
    # Each value lofte took for something else is said once, with its column and row.
    assert f"{sheet}: kolumn B (Utförare): Tjorn: tolkat som tjorn (Tjörns kommun) (rad 2)" in (
        result.stderr.splitlines()
    )
    assert (
        f"{sheet}: kolumn A (Datum): den 5 mars 2025: tolkat som 2025-03-05 (rad 15)"
        in result.stderr.splitlines()
    )


def test_counts_and_hours_with_their_unit(run_cli, repo, swedish):
    result = run_cli(
        "add-activity", "--dry-run", "--by", "polisen", "--commitment", "polis-2",
        "--title", "Möte", "--description", "Möte med föräldrar.", "--date", "2025-03-05",
        "--participants", "40 st", "--hours", "7,5 timmar",
        cwd=repo, today=TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert {"participants: 40", "hours: 7.5"} <= set(result.stdout.splitlines())


def test_a_row_with_a_near_miss_a_bad_day_and_a_bad_count_reports_all_three(
    run_cli, repo, swedish, tmp_path
):
    sheet = tmp_path / "rader.csv"
    sheet.write_text(
        "Datum;Utförare;Åtaganden;Rubrik;Beskrivning;Deltagare\n"
        "2025-02-30;Tjörnn;kommun-2;Lampor;Nya lampor.;tolv\n",
        encoding="utf-8",
    )
    result = run_cli("import", str(sheet), "--dry-run", cwd=repo, today=TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{sheet}:2: rad 2, kolumn A (Datum): fel: '2025-02-30': den dagen finns inte",
        f"{sheet}:2: rad 2, kolumn B (Utförare): fel L104: okänd part eller grupp 'Tjörnn' i "
        "löftet tjorn-stenungsund-2025; menade du tjorn (Tjörns kommun)?",
        f"{sheet}:2: rad 2, kolumn F (Deltagare): fel: 'tolv' är inget heltal",
        f"lofte: ingenting importerades: 3 fel på 1 rad i {sheet}; rätta dem och kör igen",
    ]


def test_a_near_miss_names_the_closest_in_flags_and_questions(run_cli, repo, swedish, monkeypatch):
    from lofte_cli.cli.dialogue import choose_many
    from lofte_cli.cli.interactive import _party_options
    from lofte_cli.edit.readers import read_party

    result = run_cli(
        "add-activity", "--by", "Tjörnn", "--commitment", "kommun-2", "--title", "Lampor",
        "--description", "Nya lampor.", "--dry-run", cwd=repo, today=TODAY,
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "lofte: --by: okänd part eller grupp 'Tjörnn' i löftet tjorn-stenungsund-2025; "
        "menade du tjorn (Tjörns kommun)?"
    ]
    pledge = load_catalog(repo, use_cache=False).catalog.pledges[PLEDGE_ID].pledge
    answers = iter(["Tjörnn", "tjörns kommun"])
    monkeypatch.setattr(builtins, "input", lambda *_args: next(answers))
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None)
    with speaking("sv"):
        chosen = choose_many(
            console, "Parter", _party_options(pledge), read=lambda t: read_party(pledge, t)
        )
    assert chosen == ("tjorn",)
    assert (
        "✗ okänd part eller grupp 'Tjörnn' i löftet tjorn-stenungsund-2025; menade du tjorn "
        "(Tjörns kommun)?" in out.getvalue()
    )


@pytest.mark.parametrize(
    ("commitment", "status", "written"),
    [
        ("Kommunens åtagande 2", "delvis genomförd", "  kommun-2: {status: partly-done"),
        ("polisens åtagande 1", "ej aktuell", "  polis-1: {status: not-applicable"),
        ("POLIS 2", "uppfylld", "  polis-2: {status: done"),
        ("kommun 01", "Pågår", "  kommun-1: {status: ongoing"),
    ],
)
def test_assess_takes_what_people_type(run_cli, repo, swedish, commitment, status, written):
    result = run_cli(
        "assess", commitment, "--status", status, "--comment", "Enligt plan.",
        "--date", "2025-05-31", cwd=repo, today=TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = (repo / FOLDER / "followups/2025-05-31.yaml").read_text("utf-8")
    assert f"{written}, comment: Enligt plan.}}" in text.splitlines()


@pytest.mark.parametrize(
    ("said", "expect", "counted"),
    [
        ("varje fredag", "{count: 1, per: week}", None),
        ("every Friday", "{count: 1, per: week}", None),
        ("varje helg", "{count: 1, per: week}", None),
        ("varannan fredag", "{count: 26, per: year}", None),
        ("två fredagar i månaden", "{count: 2, per: month}", "fredagar"),
        ("fyra gånger per år", "{count: 4, per: year}", None),
    ],
)
def test_a_day_of_the_week_promises_once_a_week(said, expect, counted):
    reading = read_expect(said)
    assert (reading.expect.shown(), reading.counted) == (expect, counted)


# --- the real lofte, its language from the locale --------------------------------------------


def _lofte(args: list[str], cwd: Path, lang: str, columns: int = 100) -> Run:
    env = {
        "PATH": os.environ["PATH"],
        "LANG": lang,
        "LOFTE_TODAY": TODAY,
        "COLUMNS": str(columns),
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
    }
    done = subprocess.run([LOFTE, *args], cwd=cwd, env=env, capture_output=True, text=True)
    return Run(done.returncode, done.stdout, done.stderr)


BROKEN = """\
id: 2025-04-01-lampor
date: 2025-04-01
status: klar
by: [tjorn]
commitments: [kommun-9]
title: Lampor
description: Nya lampor.
"""


def test_validate_under_a_swedish_locale_keeps_codes_and_positions(repo):
    (repo / FOLDER / "activities").mkdir()
    (repo / FOLDER / "activities/2025-04-01-lampor.yaml").write_text(BROKEN, encoding="utf-8")
    swedish = _lofte(["validate"], repo, "sv_SE.UTF-8")
    english = _lofte(["validate"], repo, "C.UTF-8")
    path = f"{FOLDER}/activities/2025-04-01-lampor.yaml"
    assert swedish.exit_code == english.exit_code == 1
    assert swedish.stdout.splitlines() == [
        f"{path}:3:9: fel L115 status: 'klar' är inte ett tillåtet värde (skriv done, planned "
        "eller cancelled)",
        f"{path}:5:15: fel L103 okänt åtagande 'kommun-9'; menade du 'kommun-2'? (i löftet "
        "tjorn-stenungsund-2025 finns polis-1, polis-2, kommun-1, kommun-2)",
        "2 filer kontrollerade: 2 fel och 0 varningar",
    ]
    assert english.stdout.splitlines() == [
        f"{path}:3:9: error L115 status: 'klar' is not one of done, planned or cancelled",
        f"{path}:5:15: error L103 unknown commitment 'kommun-9'; did you mean 'kommun-2'? "
        "(pledge tjorn-stenungsund-2025 has polis-1, polis-2, kommun-1, kommun-2)",
        "2 files checked: 2 errors, 0 warnings",
    ]
    assert swedish.stderr.splitlines()[0] == "Så här åtgärdar du det:"
    assert english.stderr.splitlines()[0] == "How to fix:"


COMMANDS = [
    "validate", "add-activity", "assess", "new-pledge", "init", "forms", "coverage",
    "render", "report", "fmt", "export", "import", "history",
]  # fmt: skip
# What a programmer's label looks like: `<str>`, `<list[Path]>`, `<float range>`, `[x>=0]`.
TYPE_NAMES = re.compile(
    r"<(?:list\[\w+\]|str|int|float|bool|Path|path|dir|file|datetime|\w+ range)>"
    r"|\[[\d.]*<?=?x[<>]=?[\d.]*\]"
)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_follows_the_locale(repo, command):
    args = [command, "--help"] if command else ["--help"]
    swedish = _lofte(args, repo, "sv_SE.UTF-8")
    english = _lofte(args, repo, "C.UTF-8")
    assert swedish.exit_code == english.exit_code == 0
    name = f"lofte {command}".strip()
    assert swedish.stdout.startswith(f"Användning: {name} [FLAGGOR]")
    assert english.stdout.startswith(f"Usage: {name} [OPTIONS]")
    for text in (swedish.stdout, english.stdout):
        assert not TYPE_NAMES.search(text), text
    for word in ("Usage", "Options", "Arguments", "Example", "default", "Show this"):
        assert word not in swedish.stdout
    for word in ("Användning", "Flaggor", "Exempel", "standard:", "Visa den här"):
        assert word not in english.stdout


def test_the_command_list_gives_whole_descriptions(repo):
    for lang, heading in (("sv_SE.UTF-8", "Kommandon:"), ("C.UTF-8", "Commands:")):
        shown = _lofte(["--help"], repo, lang).stdout
        listing = shown.split(f"\n{heading}\n", 1)[1]
        rows = re.split(r"\n  (?=[a-z])", "\n" + listing.strip("\n"))
        described = {row.split()[0]: " ".join(row.split()[1:]) for row in rows if row.strip()}
        assert sorted(described) == sorted(COMMANDS)
        for text in described.values():
            assert text.endswith(".") and "..." not in text and "…" not in text, text


def test_global_options_after_the_command(repo, tmp_path):
    assert _lofte(["validate", "--no-cache"], repo, "sv_SE.UTF-8").stdout == (
        "1 fil kontrollerad: 0 fel och 0 varningar\n"
    )
    elsewhere = _lofte(["coverage", "--data", str(repo), "--format", "csv"], tmp_path, "C.UTF-8")
    assert elsewhere.exit_code == 0, elsewhere.stderr
    assert elsewhere.stdout.splitlines()[1] == (
        "tjorn-stenungsund-2025,polis-1,polisen,0,5,,nothing recorded,,,"
    )


def test_a_file_that_is_not_there_is_said_in_swedish(run_cli, repo, swedish):
    result = run_cli("import", "saknas.csv", cwd=repo, today=TODAY)
    assert result.exit_code == 2
    assert result.stderr == (
        "lofte: saknas.csv: filen går inte att läsa (Filen eller mappen finns inte)\n"
    )
    (repo / "latin1.txt").write_bytes("Möte på fritidsgården".encode("latin-1"))
    result = run_cli(
        "add-activity", "--by", "polisen", "--commitment", "polis-2", "--title", "Möte",
        "--description-file", "latin1.txt", "--dry-run", cwd=repo, today=TODAY,
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        "lofte: --description-file latin1.txt: filen går inte att läsa (inte text i UTF-8)\n"
    )


def _event(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "event.json"
    issue = {"number": 7, "title": "Aktivitet: x", "body": body, "user": {"login": "anna"}}
    path.write_text(json.dumps({"action": "opened", "issue": issue}), encoding="utf-8")
    return path


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_issue_comment_speaks_the_pledges_language(
    run_cli, repo, tmp_path, monkeypatch, language
):
    """The comment on the issue is read by the people who filled in the Swedish form: it is
    Swedish whatever language the workflow's machine speaks; the log line follows that."""
    monkeypatch.setenv("LOFTE_LANG", language)
    body = "### Datum (ÅÅÅÅ-MM-DD)\n\n2025-5-3\n\n### Antal deltagare\n\ntolv\n"
    event = _event(tmp_path, body)
    comment = run_cli(
        "add-activity", "--from-issue", str(event), "--format", "markdown", cwd=repo, today=TODAY
    )
    assert comment.exit_code == 1
    assert comment.stdout.splitlines()[0] == (
        "lofte skrev ingen fil. Redigera ärendet och rätta det här:"
    )
    log = run_cli("add-activity", "--from-issue", str(event), cwd=repo, today=TODAY)
    first = log.stderr.splitlines()[0]
    if language == "sv":
        assert first.startswith("lofte: ärende #7: ")
    else:
        assert first.startswith("lofte: issue #7: ")


@pytest.mark.parametrize(
    ("language", "first_line"),
    [
        ("sv", "# Skapad av lofte forms (lofte forms skriver filen på nytt när löftena ändras)"),
        ("en", "# Skapad av lofte forms (lofte forms writes it again when the pledges change)"),
    ],
)
def test_a_forms_first_line_is_in_the_forms_language(run_cli, tmp_path, language, first_line):
    root = write_tree(
        tmp_path / "repo",
        {f"{FOLDER}/pledge.yaml": PLEDGE.replace("language: sv", f"language: {language}")},
    )
    assert run_cli("forms", cwd=root, today=TODAY).exit_code == 0
    form = root / ".github/ISSUE_TEMPLATE/lofte-aktivitet.yml"
    assert form.read_text("utf-8").splitlines()[0] == first_line


# --- lofte assess asks, in a real terminal --------------------------------------------------


def _terminal(repo: Path, args: list[str]) -> pexpect.spawn:
    return pexpect.spawn(
        LOFTE,
        args,
        cwd=str(repo),
        encoding="utf-8",
        timeout=20,
        env={
            "PATH": "/usr/bin:/bin",
            "LANG": "sv_SE.UTF-8",
            "LOFTE_TODAY": "2026-02-10",  # after the period: the day offered is its last
            "TERM": "dumb",
            "COLUMNS": "72",
            "LINES": "50",
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        },
    )


def test_assess_asks_what_the_flags_leave_out_in_swedish(repo):
    child = _terminal(repo, ["assess"])
    steps = [
        ("Löfte: tjorn-stenungsund-2025 (det enda som finns)", None),
        ("Vilket åtagande bedömer du?", None),
        ("Kommunen ser över belysningen i centrum. (tjorn)", None),
        ("Åtagande (nummer eller id): ", "Kommunens åtagande 9"),
        ("✗ okänt åtagande 'Kommunens åtagande 9' i löftet", None),
        ("menade du kommun-2 (Kommunen ser över belysningen i centrum.)?", None),
        ("Åtagande (nummer eller id): ", "kommun 2"),
        ("→ tolkat som kommun-2 (Kommunen ser över belysningen i centrum.)", None),
        ("ej genomfört eller ej", None),  # the question wraps at 72 columns
        ("även på engelska): ", "halvvägs"),
        ("✗ 'halvvägs': välj ej påbörjat, pågår, genomfört, delvis", None),
        ("även på engelska): ", "delvis genomförd"),
        ("→ tolkat som partly-done", None),
        ("Kommentar, visas för allmänheten (Enter för att hoppa över): ", "Hälften klart."),
        ("Uppföljningens datum (ÅÅÅÅ-MM-DD eller som 5 mars 2024) (2025-12-31): ", ""),
        ("Skapade data/pledges/tjorn-stenungsund-2025/followups/2025-12-31.yaml", None),
    ]
    for expected, answer in steps:
        child.expect_exact(expected)
        if answer is not None:
            child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    written = (repo / FOLDER / "followups/2025-12-31.yaml").read_text("utf-8")
    assert written.splitlines()[1:] == [
        "date: 2025-12-31",
        "assessments:",
        "  kommun-2: {status: partly-done, comment: Hälften klart.}",
    ]


def test_assess_asks_only_for_the_status_when_the_commitment_is_given(repo):
    child = _terminal(
        repo, ["assess", "polis 2", "--comment", "Två möten.", "--date", "2025-06-30"]
    )
    child.expect_exact("även på engelska): ")
    child.sendline("pågår")
    child.expect_exact("Skapade data/pledges/tjorn-stenungsund-2025/followups/2025-06-30.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    written = (repo / FOLDER / "followups/2025-06-30.yaml").read_text("utf-8")
    assert "  polis-2: {status: ongoing, comment: Två möten.}" in written.splitlines()


@pytest.mark.parametrize("lang", ["sv_SE.UTF-8", "C.UTF-8"])
def test_the_list_of_rules_cuts_nothing(repo, lang):
    shown = _lofte(["validate", "--list-rules"], repo, lang, columns=80)
    assert shown.exit_code == 0
    assert "…" not in shown.stdout
    rows = [line.split("│") for line in shown.stdout.splitlines() if line.count("│") == 5]
    joined = "".join(cells[4].strip() for cells in rows)
    assert "data/pledges/<id>/pledge.yaml" in joined  # folded over lines, whole


def test_new_pledge_reads_the_parties_of_a_commitment_by_name(run_cli, tmp_path, swedish):
    root = write_tree(tmp_path / "ny", {"data/pledges/.gitkeep": ""})
    result = run_cli(
        "new-pledge", "--title", "Tjörn 2025", "--start", "2025-01-01",
        "--party", "Lokalpolisområde Stenungsund", "--party", "Tjörns kommun",
        "--commitment", "kommun-1:Tjörns:Belysning i centrum.",
        "--commitment", "polis-1:Polisen,tjorn:Trygghetsvandring.",
        "--signatory", "Anna Berg, Kommundirektör, tjörns kommun", "--yes",
        cwd=root, today=TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[2:] == [
        "lofte: --commitment kommun-1 Tjörns: tolkat som tjorn (Tjörns kommun)",
        "lofte: --commitment polis-1 Polisen: tolkat som polisen (Lokalpolisområde Stenungsund)",
    ]
    text = (root / "data/pledges/tjorn-2025/pledge.yaml").read_text("utf-8").splitlines()
    assert "    by: tjorn" in text and "    by: [polisen, tjorn]" in text
    assert "  - {name: Anna Berg, role: Kommundirektör, party: tjorn}" in text


def test_the_promised_by_question_names_the_closest_party():
    from lofte_cli.edit.pledge_parts import PartyDraft, read_party_name

    parties = [
        PartyDraft("polisen", "police", "Lokalpolisområde Stenungsund"),
        PartyDraft("tjorn", "municipality", "Tjörns kommun"),
    ]
    assert read_party_name(parties, "Tjörns").value == "tjorn"
    with speaking("sv"), pytest.raises(ValueError) as refused:
        read_party_name(parties, "Tjörnn")
    assert str(refused.value) == "'Tjörnn' är ingen part i löftet; menade du tjorn (Tjörns kommun)?"


@pytest.mark.parametrize(
    ("args", "swedish", "english"),
    [
        (
            ["import"],
            "Fel: Argumentet 'FIL' saknas.",
            "Error: Missing argument 'FILE'.",
        ),
        (
            ["render", "--templates", "nowhere"],
            "Fel: Ogiltigt värde för '--templates': 'nowhere' finns inte",
            "Error: Invalid value for '--templates': 'nowhere' does not exist",
        ),
    ],
)
def test_a_call_missing_its_file_is_told_in_both_languages(repo, args, swedish, english):
    for lang, last in (("sv_SE.UTF-8", swedish), ("C.UTF-8", english)):
        shown = _lofte(args, repo, lang)
        assert shown.exit_code == 2
        assert shown.stderr.splitlines()[-1] == last


ACTIVITY = """\
id: 2025-03-05-trafikkontroll
date: 2025-03-05
status: done
by: [polisen]
commitments: [polis-1]
title: Trafikkontroll vid skolan
description: Kontroll av hastigheter vid skolan.
"""


def test_what_other_programs_read_is_the_same_in_both_languages(run_cli, repo, monkeypatch):
    """The contracts: coverage and export as JSON, the export's CSV files, the history as
    JSON are byte for byte the same whatever language lofte speaks."""
    (repo / FOLDER / "activities").mkdir()
    (repo / FOLDER / "activities/2025-03-05-trafikkontroll.yaml").write_text(ACTIVITY, "utf-8")
    said: dict[str, list[str]] = {}
    for language in ("sv", "en"):
        monkeypatch.setenv("LOFTE_LANG", language)
        out = repo.parent / f"export-{language}"
        runs = [
            run_cli("coverage", "--format", "json", cwd=repo, today=TODAY),
            run_cli("export", "--format", "json", cwd=repo, today=TODAY),
            run_cli("export", "--format", "csv", "--out", str(out), cwd=repo, today=TODAY),
        ]
        assert [r.exit_code for r in runs] == [0, 0, 0]
        files = [(out / name).read_text("utf-8") for name in ("activities.csv", "coverage.csv")]
        said[language] = [runs[0].stdout, runs[1].stdout, *files]
    assert said["sv"] == said["en"]
    assert said["sv"][3].splitlines()[0] == (
        "pledge,commitment,party,done,expected,met,status,assessment,last_activity,progress_percent"
    )
    assert json.loads(said["sv"][0])["pledges"][0]["commitments"][0]["status"] == "partial"


def test_the_word_report_speaks_the_pledges_language_and_the_line_the_users(
    run_cli, repo, monkeypatch
):
    import docx

    (repo / FOLDER / "activities").mkdir()
    (repo / FOLDER / "activities/2025-03-05-trafikkontroll.yaml").write_text(ACTIVITY, "utf-8")
    for language, line in (("en", "Wrote {out}"), ("sv", "Sparade {out}")):
        monkeypatch.setenv("LOFTE_LANG", language)
        out = repo.parent / f"rapport-{language}.docx"
        result = run_cli("report", "--format", "docx", "--out", str(out), cwd=repo, today=TODAY)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == line.format(out=out) + "\n"
        paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
        assert paragraphs[:2] == [
            "Uppföljningsrapport: Medborgarlöfte Tjörn och Stenungsund 2025",
            "Aktiviteter från 1 januari 2025 till 1 juni 2025.",
        ]
