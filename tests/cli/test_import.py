"""`lofte import`: spreadsheets (CSV in its dialects, .xlsx) become activity files, every
problem named by row and column, nothing written unless every row is valid, and export
then import gives the same files back."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import BUNDLED, FIXTURES, copy_base, write_tree

PLEDGE = "data/pledges/p"
ACTIVITIES = f"{PLEDGE}/activities"
HEADER = "date,by,commitments,title,description\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_base(tmp_path / "repo")


def _activities(root: Path) -> dict[str, str]:
    folder = root / ACTIVITIES
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))}


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# --- reading what coordinators write ------------------------------------------------------


def test_a_plain_csv_becomes_checked_activity_files(repo, tmp_path, run_cli):
    sheet = _write(
        tmp_path / "a.csv",
        "date,end_date,status,by,commitments,title,description,place,partners,"
        "target_groups,participants,hours,measures,links\n"
        '2023-05-02,2023-05-03,done,polisen,polis-1,Trafikkontroll vid skolan,"Kontroll av '
        'hastighet.\nTvå dagar.",Testkommun,skola;fritid,unga förare,12,7.5,'
        "kontroller=2,https://kommun.se/a Kommunens nyhet;https://polisen.se/b\n"
        "2024-11-30,,planned,kommunerna,kommun-1,Föräldrakväll i höst,Föräldrakväll.,,,,,,,\n",
    )
    before = _activities(repo)
    result = run_cli("import", str(sheet), "--pledge", "p", cwd=repo, today="2024-06-01")
    assert result.exit_code == 0, result.stderr
    after = _activities(repo)
    new = {k: v for k, v in after.items() if k not in before}
    assert sorted(new) == [
        "2023-05-02-trafikkontroll-vid-skolan.yaml",
        "2024-11-30-foraldrakvall-i-host.yaml",
    ]
    first = new["2023-05-02-trafikkontroll-vid-skolan.yaml"]
    assert first.startswith("# yaml-language-server: $schema=../../../../schemas/activity")
    for line in (
        "id: 2023-05-02-trafikkontroll-vid-skolan",
        "end_date: 2023-05-03",
        "by: [polisen]",
        "partners: [skola, fritid]",
        "target_groups: [unga förare]",
        "participants: 12",
        "hours: 7.5",
        "measures: {kontroller: 2}",
        '  - {title: Kommunens nyhet, url: "https://kommun.se/a"}',
        '  - {url: "https://polisen.se/b"}',
        "  Kontroll av hastighet.\n  Två dagar.",
    ):
        assert line in first, line
    assert "status: planned" in new["2024-11-30-foraldrakvall-i-host.yaml"]
    assert run_cli("validate", cwd=repo, today="2024-06-01").exit_code == 0


def test_swedish_headers_and_the_excel_dialect(repo, tmp_path, run_cli):
    text = (
        "\ufeffDatum (ÅÅÅÅ-MM-DD);Utförare;Åtagande;Rubrik;Beskrivning;Status;"
        "Antal deltagare;Timmar;Mätetal;SAMVERKANSPARTNER;Målgrupp\r\n"
        '2023-06-01;Testkommun;KOMMUN-1;Föräldrakväll på Åsen;"Föräldrakväll; ämnet var '
        'droger.\r\nÖppen för alla.";Genomförd;40,0;7,5;kontroller=1;skola;föräldrar\r\n'
        "2023-06-02;Polisen, Testkommun;polis-2;'=Möte om trygghet;Möte.;planerad;;;;;\r\n"
    )
    sheet = _write(tmp_path / "Aktiviteter.csv", text)
    result = run_cli("import", str(sheet), "--pledge", "p", cwd=repo, today="2023-07-01")
    assert result.exit_code == 0, result.stderr
    files = _activities(repo)
    first = files["2023-06-01-foraldrakvall-pa-asen.yaml"]
    assert "by: [kommun]" in first  # the party's name, read as its id
    assert "commitments: [kommun-1]" in first
    assert "participants: 40\n" in first and "hours: 7.5\n" in first
    assert "Föräldrakväll; ämnet var droger.\n  Öppen för alla." in first
    assert "\r" not in first
    second = files["2023-06-02-mote-om-trygghet.yaml"]
    assert "title: =Möte om trygghet\n" in second  # the ' that kept Excel off it is gone
    assert "by: [polisen, kommun]" in second
    assert "status: planned" in second


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_other_encodings_excel_writes(repo, tmp_path, run_cli, encoding):
    sheet = _write(
        tmp_path / "a.csv",
        "Datum;Utförare;Åtaganden;Titel;Beskrivning\r\n"
        "2023-06-01;kommun;kommun-1;Kväll på Öckerö;Samtal med föräldrar.\r\n",
        encoding,
    )
    assert run_cli("import", str(sheet), cwd=repo).exit_code == 0
    assert "title: Kväll på Öckerö" in _activities(repo)["2023-06-01-kvall-pa-ockero.yaml"]


def test_xlsx_with_date_and_number_cells(repo, tmp_path, run_cli):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Datum", "Utförare", "Åtaganden", "Titel", "Beskrivning", "Deltagare", "Timmar"])
    sheet.append([datetime(2023, 9, 5), "polisen", "polis-1", "Kontroll", "Kontroll.", 3, 2.5])
    sheet.append(["2023-09-06", "polisen", "polis-1", "Kontroll två", "Kontroll.", 4.0, 3])
    sheet.append([None] * 7)  # an empty row is skipped
    book.save(tmp_path / "a.xlsx")
    result = run_cli("import", str(tmp_path / "a.xlsx"), cwd=repo)
    assert result.exit_code == 0, result.stderr
    files = _activities(repo)
    assert "participants: 3\nhours: 2.5" in files["2023-09-05-kontroll.yaml"]
    assert "participants: 4\nhours: 3\n" in files["2023-09-06-kontroll-tva.yaml"]


# --- every problem by row and column, nothing written ---------------------------------


def test_every_error_is_listed_by_row_and_column_and_nothing_is_written(repo, tmp_path, run_cli):
    sheet = _write(
        tmp_path / "bad.csv",
        "Datum,Utförare,Åtaganden,Titel,Beskrivning,Deltagare,Länkar,Status\n"
        "2023-05-01,polisen,polis-1,Bra rad,Allt stämmer.,3,,\n"  # row 2: fine
        "14/3/2023,polisen,polis-1,Fel datum,Text.,,,\n"  # row 3: C? no, A
        "2023-05-03,polisen,polis-9,Okänt åtagande,Text.,,,\n"  # row 4
        "2023-05-04,grannen,polis-1,Okänd part,Text.,,,\n"  # row 5
        "2023-05-05,polisen,polis-1,Negativt,Text.,-4,,\n"  # row 6
        "2023-05-06,polisen,polis-1,Länk,Text.,,ftp://x.se,\n"  # row 7
        "2023-05-07,polisen,polis-1,,Text.,,,\n"  # row 8: no title
        "2025-05-08,polisen,polis-1,Utanför perioden,Text.,,,\n"  # row 9
        "2023-05-09,polisen,polis-1,Status,Text.,,,kanske\n"  # row 10
        "2023-05-10,polisen,polis-1,Personnummer,Ring 19811218-9876 om du undrar.,,,\n"
        "2023-05-11,polisen,polis-1,Sista raden är bra,Text.,,,\n",
    )
    before = _activities(repo)
    result = run_cli("import", str(sheet), "--pledge", "p", cwd=repo, today="2026-01-01")
    assert result.exit_code == 1
    assert _activities(repo) == before
    lines = result.stderr.splitlines()
    expected = {
        3: "column A (Datum)",
        4: "column C (Åtaganden)",
        5: "column B (Utförare)",
        6: "column F (Deltagare)",
        7: "column G (Länkar)",
        8: "column D (Titel)",
        9: "column A (Datum)",
        10: "column H (Status)",
        11: "column E (Beskrivning)",
    }
    # Every line but the last names one problem: exactly one per bad row, in its column;
    # rows 2 and 12 are fine and named nowhere.
    assert lines[-1].startswith("lofte: nothing imported: ")
    found = {}
    for line in lines[:-1]:
        match = re.match(rf"{re.escape(str(sheet))}:(\d+): row (\d+), (column .+?): error", line)
        assert match is not None and match.group(1) == match.group(2), line
        found.setdefault(int(match.group(2)), []).append(match.group(3))
    assert found == {row: [column] for row, column in expected.items()}
    assert "unknown commitment 'polis-9'" in result.stderr
    assert "row 8, column D (Titel): error: empty; a short public title is required" in (
        result.stderr
    )
    assert "row 11, column E (Beskrivning): error L301: personnummer" in result.stderr
    errors = [line for line in lines if ": error" in line]
    assert len(errors) == len(expected), result.stderr
    assert f"nothing imported: {len(errors)} errors in 9 rows" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_row_spanning_lines_is_named_by_its_line_and_its_row(repo, tmp_path, run_cli):
    sheet = _write(
        tmp_path / "a.csv",
        HEADER + '2023-05-01,polisen,polis-1,Rad två,"Tre\nrader\ntext."\n'
        "2023-05-02,polisen,polis-9,Rad tre,Text.\n",
    )
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 1
    assert f"{sheet}:5: row 3, column C (commitments): error L103" in result.stderr


def test_warnings_are_shown_but_do_not_block(repo, tmp_path, run_cli):
    # kommun did not promise polis-1: a warning (L117), as add-activity shows it.
    sheet = _write(tmp_path / "a.csv", HEADER + "2023-05-01,kommun,polis-1,Hjälp,Text.\n")
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 0
    assert "row 2, column B (by): warning L117" in result.stderr
    assert "2023-05-01-hjalp.yaml" in _activities(repo)


def test_unknown_and_missing_columns(repo, tmp_path, run_cli):
    sheet = _write(tmp_path / "a.csv", "Datum,Titel,Kommentar\n2023-05-01,X,y\n")
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 1
    assert f"{sheet}:1: row 1, column C (Kommentar): error: unknown column 'Kommentar'" in (
        result.stderr
    )
    # Datum is the date column and Titel the title: by, commitments, description are missing.
    assert result.stderr.splitlines()[1:] == [
        f"{sheet}:1: row 1: error: no column for {field} (a header such as '{field}' or "
        f"'{swedish}'); it is required"
        for field, swedish in (
            ("by", "utförare"),
            ("commitments", "åtaganden"),
            ("description", "beskrivning"),
        )
    ] + [f"lofte: nothing imported: 4 errors in 1 row of {sheet}; fix them and run again"]


def test_an_unknown_column_does_not_hide_the_problems_of_the_rows(repo, tmp_path, run_cli):
    sheet = _write(
        tmp_path / "a.csv",
        "Kommentar," + HEADER + "ok,2023-05-01,polisen,polis-9,X,Y.\n",
    )
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 1
    assert "row 1, column A (Kommentar): error: unknown column" in result.stderr
    assert "row 2, column D (commitments): error L103" in result.stderr
    assert not (repo / ACTIVITIES / "2023-05-01-x.yaml").exists()


def test_unknown_columns_can_be_left_out_on_request(repo, tmp_path, run_cli):
    sheet = _write(
        tmp_path / "a.csv",
        "Kommentar," + HEADER.rstrip("\n") + ",Beskrivnign\n"
        "intern anteckning,2023-05-01,polisen,polis-1,X,Y.,z,extra\n",
    )
    refused = run_cli("import", str(sheet), cwd=repo)
    assert refused.exit_code == 1
    assert "did you mean 'beskrivning'?" in refused.stderr
    assert "--ignore-unknown-columns" in refused.stderr
    result = run_cli("import", str(sheet), "--ignore-unknown-columns", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert "column A (Kommentar): warning: unknown column 'Kommentar'; its values are not" in (
        result.stderr
    )
    text = (repo / ACTIVITIES / "2023-05-01-x.yaml").read_text(encoding="utf-8")
    assert "intern anteckning" not in text and "extra" not in text


def test_a_column_named_twice_is_refused(repo, tmp_path, run_cli):
    sheet = _write(tmp_path / "a.csv", "date,datum,by,commitments,title,description\n")
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 1
    assert "column B (datum): error: a second column for date" in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "the sheet is empty"),
        ("header.csv", HEADER.encode(), "no rows under the header"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "not a readable .xlsx workbook"),
        ("notes.ods", b"x", "give a .csv or .xlsx file"),
        ("binary.csv", b"\x00\x01\x02date", "NUL"),
        ("bad.csv", b'date,by\n"open quote,x\n', "not valid CSV"),
    ],
)
def test_unreadable_sheets_get_one_line_and_exit_2(repo, tmp_path, run_cli, name, content, message):
    sheet = tmp_path / name
    sheet.write_bytes(content)
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_missing_file_and_an_unknown_pledge(repo, tmp_path, run_cli):
    result = run_cli("import", str(tmp_path / "nope.csv"), cwd=repo)
    assert result.exit_code == 2 and "cannot read it" in result.stderr
    sheet = _write(tmp_path / "a.csv", HEADER + "2023-05-01,polisen,polis-1,X,Y.\n")
    result = run_cli("import", str(sheet), "--pledge", "q", cwd=repo)
    assert result.exit_code == 2 and "unknown pledge 'q'" in result.stderr


def test_a_row_for_another_pledge_than_the_option(repo, tmp_path, run_cli):
    sheet = _write(tmp_path / "a.csv", "pledge," + HEADER + "q,2023-05-01,polisen,polis-1,X,Y.\n")
    result = run_cli("import", str(sheet), "--pledge", "p", cwd=repo)
    assert result.exit_code == 1
    assert "row 2, column A (pledge): error: this row is for pledge 'q', not 'p'" in (result.stderr)
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 1 and "unknown pledge 'q'" in result.stderr


def test_an_id_that_is_not_an_id_never_becomes_a_path(repo, tmp_path, run_cli):
    sheet = _write(
        tmp_path / "a.csv", "id," + HEADER + "../../../evil,2023-05-01,polisen,polis-1,X,Y.\n"
    )
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 1
    assert "column A (id): error: '../../../evil' is not an activity id" in result.stderr
    assert not (repo / "evil.yaml").exists() and not (tmp_path / "evil.yaml").exists()


# --- names, existing files, all or none -------------------------------------------------


def test_rows_with_the_same_date_and_title_get_distinct_names(repo, tmp_path, run_cli):
    row = "2023-05-01,polisen,polis-1,Kontroll,Kontroll.\n"
    sheet = _write(tmp_path / "a.csv", HEADER + row + row.replace("Kontroll.", "Igen."))
    assert run_cli("import", str(sheet), cwd=repo).exit_code == 0
    files = _activities(repo)
    assert "id: 2023-05-01-kontroll-2\n" in files["2023-05-01-kontroll-2.yaml"]
    assert "Kontroll." in files["2023-05-01-kontroll.yaml"]


def test_the_same_id_on_two_rows_is_an_error(repo, tmp_path, run_cli):
    rows = "x-1,2023-05-01,polisen,polis-1,A,B.\nx-1,2023-05-02,polisen,polis-1,C,D.\n"
    sheet = _write(tmp_path / "a.csv", "id," + HEADER + rows)
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 1
    assert "row 3, column A (id): error: id 'x-1' is on row 2 too" in result.stderr
    assert not (repo / ACTIVITIES / "x-1.yaml").exists()


def test_importing_twice_adds_nothing_the_second_time(repo, tmp_path, run_cli):
    sheet = _write(tmp_path / "a.csv", HEADER + "2023-05-01,polisen,polis-1,Kontroll,Text.\n")
    assert run_cli("import", str(sheet), cwd=repo).exit_code == 0
    once = _activities(repo)
    again = run_cli("import", str(sheet), cwd=repo)
    assert again.exit_code == 0
    assert "0 new, 1 unchanged" in again.stdout
    assert _activities(repo) == once


def test_an_existing_id_with_other_content_is_refused(repo, tmp_path, run_cli):
    sheet = _write(
        tmp_path / "a.csv",
        "id," + HEADER + "2023-03-14-foraldrakvall,2023-03-14,kommun,kommun-1,Annan titel,Text.\n",
    )
    before = _activities(repo)
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 1
    assert "already exists with other title, description, place" in result.stderr
    assert _activities(repo) == before


def test_dry_run_lists_and_writes_nothing(repo, tmp_path, run_cli):
    sheet = _write(tmp_path / "a.csv", HEADER + "2023-05-01,polisen,polis-1,Kontroll,Text.\n")
    before = _activities(repo)
    result = run_cli("import", str(sheet), "--dry-run", cwd=repo)
    assert result.exit_code == 0
    assert f"would write {ACTIVITIES}/2023-05-01-kontroll.yaml" in result.stdout
    assert "1 new, 0 unchanged; dry run, nothing written" in result.stdout
    assert _activities(repo) == before


def test_a_failure_while_writing_removes_what_was_written(repo, tmp_path, monkeypatch):
    from lofte_cli.data.loader import load_catalog
    from lofte_cli.edit import activity_import
    from lofte_cli.edit.sheet import read_sheet
    from lofte_cli.errors import LofteError

    rows = "".join(f"2023-05-0{n},polisen,polis-1,Kontroll {n},Text.\n" for n in (1, 2, 3))
    sheet = read_sheet(_write(tmp_path / "a.csv", HEADER + rows))
    catalog = load_catalog(repo, use_cache=False).catalog
    plan = activity_import.plan_import(catalog, sheet, pledge_id="p", today=date(2024, 1, 1))
    assert len(plan.new) == 3 and not plan.errors
    # Another run takes the third name between planning and writing.
    plan.new[2].path.write_text("taken", encoding="utf-8")
    before = _activities(repo)
    with pytest.raises(LofteError, match="appeared while importing"):
        activity_import.write_import(plan)
    assert _activities(repo) == before


# --- export, then import: the same files ------------------------------------------------


def _add(run_cli, repo: Path, *args: str) -> None:
    base = ("add-activity", "--pledge", "p", "--yes")
    result = run_cli(*base, *args, cwd=repo, today="2024-12-31")
    assert result.exit_code == 0, result.stderr


def _repo_made_by_add_activity(tmp_path: Path, run_cli) -> Path:
    repo = copy_base(tmp_path / "made")
    for old in (repo / ACTIVITIES).glob("*.yaml"):
        old.unlink()
    _add(
        run_cli,
        repo,
        "--date",
        "2023-04-01",
        "--by",
        "polisen",
        "--commitment",
        "polis-1",
        "--title",
        "Trafikkontroll på E6",
        "--description",
        "Hastighet och nykterhet.",
        "--measure",
        "kontroller=1",
        "--hours",
        "7,5",
        "--place",
        "Testkommun",
    )
    _add(
        run_cli,
        repo,
        "--date",
        "2023-04-01",
        "--by",
        "polisen",
        "--commitment",
        "polis-1",
        "--title",
        "Trafikkontroll på E6",
        "--description",
        "En till.\n\nMed två stycken.",
    )
    _add(
        run_cli,
        repo,
        "--date",
        "2023-09-12",
        "--end-date",
        "2023-09-13",
        "--by",
        "kommunerna",
        "--by",
        "polisen",
        "--commitment",
        "kommun-1",
        "--commitment",
        "polis-2",
        "--title",
        "=Föräldrakväll, del 1",
        "--description",
        "-Lång text " * 30,
        "--partner",
        "skola",
        "--partner",
        "fritid, kultur",
        "--target-group",
        "föräldrar",
        "--participants",
        "0",
        "--link",
        "https://kommun.se/a Nyhet; med semikolon",
        "--link",
        "https://kommun.se/b",
        "--status",
        "done",
    )
    _add(
        run_cli,
        repo,
        "--date",
        "2024-12-30",
        "--by",
        "kommun",
        "--commitment",
        "kommun-1",
        "--title",
        "Inställd kväll",
        "--description",
        "Ställdes in.",
        "--status",
        "cancelled",
    )
    return repo


@pytest.mark.parametrize("excel", [False, True])
def test_export_then_import_gives_the_same_files_back(tmp_path, run_cli, excel):
    repo = _repo_made_by_add_activity(tmp_path, run_cli)
    files = _activities(repo)
    assert len(files) == 4
    args = ["export", "--format", "csv", "--out", str(tmp_path / "ex")] + (
        ["--excel"] if excel else []
    )
    assert run_cli(*args, cwd=repo, today="2024-12-31").exit_code == 0
    shutil.rmtree(repo / ACTIVITIES)
    result = run_cli(
        "import", str(tmp_path / "ex" / "activities.csv"), cwd=repo, today="2024-12-31"
    )
    assert result.exit_code == 0, result.stderr
    assert _activities(repo) == files


def test_export_then_import_through_xlsx(tmp_path, run_cli):
    import csv

    repo = _repo_made_by_add_activity(tmp_path, run_cli)
    files = _activities(repo)
    assert (
        run_cli("export", "--format", "csv", "--out", str(tmp_path / "ex"), cwd=repo).exit_code == 0
    )
    with open(tmp_path / "ex" / "activities.csv", encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    book = openpyxl.Workbook()
    for number, row in enumerate(rows, start=1):
        for column, text in enumerate(row, start=1):
            cell = book.active.cell(number, column, _typed(text))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text as typed, never a formula (the title has `=`)
    book.save(tmp_path / "ex.xlsx")
    shutil.rmtree(repo / ACTIVITIES)
    result = run_cli("import", str(tmp_path / "ex.xlsx"), cwd=repo, today="2024-12-31")
    assert result.exit_code == 0, result.stderr
    assert _activities(repo) == files


def _typed(cell: str) -> object:
    if not cell:
        return None
    try:
        return datetime.strptime(cell, "%Y-%m-%d")
    except ValueError:
        pass
    try:
        return float(cell) if "." in cell else int(cell)
    except ValueError:
        return cell


def test_the_bundled_pledge_survives_export_and_import(tmp_path, run_cli):
    repo = tmp_path / "bundled"
    shutil.copytree(BUNDLED / "data", repo / "data")
    shutil.copytree(BUNDLED / "schemas", repo / "schemas")
    folder = repo / "data/pledges/sodra-fyrbodal-2023-2024/activities"
    names = sorted(p.name for p in folder.glob("*.yaml"))
    export = ("export", "--format", "json")
    before = json.loads(run_cli(*export, cwd=repo, today="2024-12-31").stdout)
    excel = ("export", "--format", "csv", "--excel", "--out", str(tmp_path / "ex"))
    assert run_cli(*excel, cwd=repo).exit_code == 0
    shutil.rmtree(folder)
    result = run_cli("import", str(tmp_path / "ex/activities.csv"), cwd=repo, today="2024-12-31")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.glob("*.yaml")) == names
    after = json.loads(run_cli("--no-cache", *export, cwd=repo, today="2024-12-31").stdout)
    assert after == before


# --- sheets written by someone else, from the SPEC alone -----------------------------------

IMPORT_FIXTURES = FIXTURES / "import"
CASES = json.loads((IMPORT_FIXTURES / "expect.json").read_text(encoding="utf-8"))


def _bundled_copy(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(BUNDLED / "data", repo / "data")
    shutil.copytree(BUNDLED / "schemas", repo / "schemas")
    return repo


def _written(repo: Path, pledge: str, before: set[Path]) -> list[Path]:
    folder = repo / "data" / "pledges" / pledge / "activities"
    return [p for p in folder.glob("*.yaml") if p not in before]


def _without_id(activity: dict) -> dict:
    return {k: v for k, v in activity.items() if k != "id"}


def _reported(stderr: str, sheet: Path, severity: str) -> list[tuple[int, str | None]]:
    """The (row, header) of each line `FILE:LINE: row R[, column X (Header)]: SEVERITY…`."""
    pattern = re.compile(
        rf"{re.escape(str(sheet))}:\d+: row (\d+)(?:, column [A-Z]+ \((.*?)\))?: {severity}\b"
    )
    return sorted((int(m[1]), m[2]) for line in stderr.splitlines() if (m := pattern.match(line)))


def _without_readings(stderr: str) -> list[str]:
    """The lines of stderr but those saying what a value was read as (issue 14)."""
    return [
        line
        for line in stderr.splitlines()
        if ": read as " not in line and "read the same way" not in line
    ]


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _expected(items: list[dict]) -> list[tuple[int, str | None]]:
    return sorted((i["row"], i["column"] and i["column"].strip()) for i in items)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_independently_written_sheets(tmp_path, run_cli, case):
    from ruamel.yaml import YAML

    repo = _bundled_copy(tmp_path)
    folder = repo / "data" / "pledges" / case["pledge"] / "activities"
    before = set(folder.glob("*.yaml"))
    sheet = IMPORT_FIXTURES / case["file"]
    args = ("import", str(sheet), "--pledge", case["pledge"])
    dry = run_cli(*args, "--dry-run", cwd=repo, today=case["today"])
    result = run_cli(*args, cwd=repo, today=case["today"])
    assert (dry.exit_code, result.exit_code) == (case["exit"], case["exit"]), result.stderr
    assert dry.stderr == result.stderr
    if case["valid"] is False:
        assert set(folder.glob("*.yaml")) == before  # nothing written
        assert result.stdout == ""
        if case["exit"] == 2:  # a file-level error: one line naming the file
            assert [e["row"] for e in case["errors"]] == [None]
            assert len(result.stderr.splitlines()) == 1, result.stderr
            assert result.stderr.startswith(f"lofte: {sheet}: "), result.stderr
            return
        errors = case["errors"]
        assert _reported(result.stderr, sheet, "error") == _expected(errors), result.stderr
        rows = len({e["row"] for e in errors})
        problems = _without_readings(result.stderr)
        assert problems == [
            *problems[: len(errors)],
            f"lofte: nothing imported: {_counted(len(errors), 'error')} in "
            f"{_counted(rows, 'row')} of {sheet}; fix them and run again",
        ]
        return
    assert _reported(result.stderr, sheet, "warning") == _expected(case.get("warnings", []))
    assert len(_without_readings(result.stderr)) == len(case.get("warnings", []))
    order = [line.split()[-1] for line in dry.stdout.splitlines() if line.startswith("would")]
    assert len(order) == len(case["activities"]) == case["rows"]
    yaml = YAML(typ="safe")
    for shown, expected in zip(order, case["activities"], strict=True):
        loaded = yaml.load((repo / shown).read_text(encoding="utf-8"))
        loaded = {k: v.isoformat() if isinstance(v, date) else v for k, v in loaded.items()}
        if "id" in expected:
            assert loaded["id"] == expected["id"]
        if "description" in loaded:
            loaded["description"] = loaded["description"].strip()
        assert _without_id(loaded) == _without_id(expected), shown
    assert run_cli("validate", cwd=repo, today=case["today"]).exit_code == 0


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_reading(repo, tmp_path, run_cli):
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (201 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    result = run_cli("import", str(bomb), cwd=repo)
    assert result.exit_code == 2
    assert "unpacks to 210,763,776 bytes" in result.stderr


def test_a_date_that_does_not_exist_is_named_so(repo, tmp_path, run_cli):
    sheet = _write(tmp_path / "a.csv", HEADER + "2023-02-30,polisen,polis-1,X,Y.\n")
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 1
    assert "column A (date): error: '2023-02-30': there is no such day" in result.stderr
    flag = run_cli("add-activity", "--date", "2023-02-30", "--yes", cwd=repo)
    assert flag.exit_code == 2 and "--date: '2023-02-30': there is no such day" in flag.stderr


# --- hostile and odd sheets (an adversarial review found each) ---------------------------


@pytest.mark.slow
def test_a_header_with_a_million_empty_cells_is_quick(repo, tmp_path, run_cli):
    import time

    sheet = _write(
        tmp_path / "a.csv",
        HEADER.rstrip("\n") + "," * 1_000_000 + "\n2023-05-01,polisen,polis-1,X,Y.\n",
    )
    start = time.perf_counter()
    result = run_cli("import", str(sheet), "--dry-run", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert time.perf_counter() - start < 20  # was quadratic: minutes


def test_a_formatted_far_away_cell_does_not_blow_up_an_xlsx(repo, tmp_path, run_cli):
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    book.active.append(["date", "by", "commitments", "title", "description"])
    book.active.append([datetime(2023, 5, 1), "polisen", "polis-1", "X", "Y."])
    book.active["XFD1048576"].font = Font(bold=True)
    book.save(tmp_path / "far.xlsx")
    result = run_cli("import", str(tmp_path / "far.xlsx"), "--dry-run", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert "1 new" in result.stdout


def _xlsx_parts(source: Path, target: Path, change) -> Path:
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            new.writestr(item, change(item.filename, old.read(item.filename)))
    return target


def test_broken_xml_inside_an_xlsx_is_one_line(repo, tmp_path, run_cli):
    book = openpyxl.Workbook()
    book.active.append(["date", "by", "commitments", "title", "description"])
    book.save(tmp_path / "ok.xlsx")
    cut = _xlsx_parts(
        tmp_path / "ok.xlsx",
        tmp_path / "cut.xlsx",
        lambda name, data: data[:-40] if name.endswith("sheet1.xml") else data,
    )
    result = run_cli("import", str(cut), cwd=repo)
    assert result.exit_code == 2, result.stderr
    assert "not a readable .xlsx workbook" in result.stderr and "internal" not in result.stderr


def test_formulas_without_a_saved_value_and_excel_errors_are_named(repo, tmp_path, run_cli):
    book = openpyxl.Workbook()
    book.active.append(["date", "by", "commitments", "title", "description", "participants"])
    book.active.append([datetime(2023, 5, 1), "polisen", "polis-1", "X", "Y.", "=2*20"])
    book.active.append([datetime(2023, 5, 2), "polisen", "polis-1", "Z", "#N/A", None])
    book.save(tmp_path / "f.xlsx")  # openpyxl saves formulas without their values
    result = run_cli("import", str(tmp_path / "f.xlsx"), cwd=repo)
    assert result.exit_code == 1
    assert "row 2, column F (participants): error: a formula (=2*20) whose value" in (result.stderr)
    assert "row 3, column E (description): error: Excel's error value #N/A" in result.stderr
    csv_sheet = _write(tmp_path / "e.csv", HEADER + "2023-05-01,polisen,polis-1,#REF!,Y.\n")
    result = run_cli("import", str(csv_sheet), cwd=repo)
    assert "column D (title): error: Excel's error value #REF!" in result.stderr


def test_the_shown_sheet_is_read_not_a_hidden_one(repo, tmp_path, run_cli):
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title = "Gammalt"
    hidden.append(["date", "by", "commitments", "title", "description"])
    hidden.append([datetime(2023, 5, 1), "polisen", "polis-1", "Dold", "Y."])
    hidden.sheet_state = "hidden"
    shown = book.create_sheet("Aktiviteter")
    shown.append(["date", "by", "commitments", "title", "description"])
    shown.append([datetime(2023, 5, 1), "polisen", "polis-1", "Synlig", "Y."])
    book.active = 1
    book.save(tmp_path / "two.xlsx")
    result = run_cli("import", str(tmp_path / "two.xlsx"), "--dry-run", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [  # the shown sheet's one row, not the hidden one's
        f"would write {ACTIVITIES}/2023-05-01-synlig.yaml",
        "1 new, 0 unchanged; dry run, nothing written",
    ]


def test_utf8_with_a_broken_byte_is_not_read_as_windows_1252(repo, tmp_path, run_cli):
    raw = (HEADER + "2023-05-01,polisen,polis-1,Föräldrakväll,Y.\n").encode() + b"x\xff,y\n"
    sheet = tmp_path / "a.csv"
    sheet.write_bytes(raw)
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 2
    assert f"{sheet}:3: a byte that is not UTF-8 (0xff)" in result.stderr
    mac = tmp_path / "mac.csv"
    mac.write_bytes((HEADER + "2023-05-01,polisen,polis-1,Föräldrakväll,Y.\n").encode("mac_roman"))
    result = run_cli("import", str(mac), cwd=repo)
    assert result.exit_code == 2 and "Mac Roman?" in result.stderr


def test_a_long_id_and_an_unwritable_folder_get_one_line(repo, tmp_path, run_cli):
    sheet = _write(
        tmp_path / "a.csv", "id," + HEADER + "a" * 300 + ",2023-05-01,polisen,polis-1,X,Y.\n"
    )
    result = run_cli("import", str(sheet), "--dry-run", cwd=repo)
    assert result.exit_code == 1 and "too long for a file name" in result.stderr
    sheet = _write(tmp_path / "b.csv", HEADER + "2023-05-01,polisen,polis-1,X,Y.\n")
    folder = repo / ACTIVITIES
    shutil.rmtree(folder)
    folder.write_text("not a folder", encoding="utf-8")  # fails for root too, unlike chmod
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 1, result.stderr
    assert "cannot create the file" in result.stderr and "internal" not in result.stderr


@pytest.mark.parametrize(
    ("cell", "written"),
    [("40", "40"), ("40,0", "40"), ("1 000", "1000"), ("+5", "5"), ("1\u00a0200", "1200")],
)
def test_counts_as_swedes_write_them(repo, tmp_path, run_cli, cell, written):
    sheet = _write(
        tmp_path / "a.csv",
        "date;by;commitments;title;description;participants\n"
        f"2023-05-01;polisen;polis-1;X;Y.;{cell}\n",
    )
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 0, result.stderr
    text = (repo / ACTIVITIES / "2023-05-01-x.yaml").read_text(encoding="utf-8")
    assert f"participants: {written}\n" in text


@pytest.mark.parametrize(
    ("column", "cell", "message"),
    [
        ("participants", "1,000", "could be 1 or 1000"),
        ("participants", "1.000", "could be 1 or 1000"),
        ("participants", "2,500", "could be 2 or 2500"),
        ("participants", "1e3", "is not a whole number"),
        ("participants", "1_000", "is not a whole number"),
        ("participants", "١٢", "is not a whole number"),
        ("participants", "12,5", "is not a whole number"),
        ("hours", "NaN", "is not a number of hours"),
        ("measures", "besök\u2028x=3", "one line of plain text"),
    ],
)
def test_numbers_that_would_be_guessed_are_refused(repo, tmp_path, run_cli, column, cell, message):
    sheet = _write(
        tmp_path / "a.csv",
        f"date;by;commitments;title;description;{column}\n"
        f'2023-05-01;polisen;polis-1;X;Y.;"{cell}"\n',
    )
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 1
    assert f"column F ({column}): error: " in result.stderr and message in result.stderr


def test_tricky_texts_survive_export_and_import(tmp_path, run_cli):
    repo = copy_base(tmp_path / "made")
    for old in (repo / ACTIVITIES).glob("*.yaml"):
        old.unlink()
    _add(run_cli, repo, "--date", "2023-04-01", "--by", "polisen", "--commitment", "polis-1",
         "--title", "'=citat", "--description", "Rad ett\n\n  indragen rad\n# inte en kommentar",
         "--partner", "? q", "--partner", "- m", "--target-group", "'x",
         "--link", "https://a.se Titel med\nradbrytning", "--link", "https://b.se ? q",
         "--place", "Plats: mitt i", "--hours", "1.125")  # fmt: skip
    files = _activities(repo)
    assert run_cli("validate", cwd=repo, today="2024-12-31").exit_code == 0
    for excel in (False, True):
        out = tmp_path / f"ex-{excel}"
        args = ["export", "--format", "csv", "--out", str(out)] + (["--excel"] if excel else [])
        assert run_cli(*args, cwd=repo, today="2024-12-31").exit_code == 0
        again = run_cli("import", str(out / "activities.csv"), cwd=repo, today="2024-12-31")
        assert again.exit_code == 0 and "0 new, 1 unchanged" in again.stdout, again.stderr
        shutil.rmtree(repo / ACTIVITIES)
        back = run_cli("import", str(out / "activities.csv"), cwd=repo, today="2024-12-31")
        assert back.exit_code == 0, back.stderr
        assert _activities(repo) == files


def test_a_made_name_never_takes_an_id_a_later_row_gives(repo, tmp_path, run_cli):
    rows = ",2023-05-01,polisen,polis-1,T,d.\n2023-05-01-t,2023-05-01,polisen,polis-1,U,e.\n"
    sheet = _write(tmp_path / "a.csv", "id," + HEADER + rows)
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 0, result.stderr
    files = _activities(repo)
    assert "title: T\n" in files["2023-05-01-t-2.yaml"]
    assert "title: U\n" in files["2023-05-01-t.yaml"]


def test_a_broken_pledge_is_named_so_and_never_replaced_by_another(repo, tmp_path, run_cli):
    write_tree(repo, {"data/pledges/q/pledge.yaml": "id: q\ntitle: [trasig\n"})
    sheet = _write(tmp_path / "a.csv", HEADER + "2023-05-01,polisen,polis-1,X,Y.\n")
    before = _activities(repo)
    result = run_cli("import", str(sheet), "--pledge", "q", cwd=repo)
    assert result.exit_code == 2 and "pledge 'q' does not load" in result.stderr
    result = run_cli("import", str(sheet), cwd=repo)  # not silently into p
    assert result.exit_code == 2 and "(there are p, q)" in result.stderr
    with_column = _write(
        tmp_path / "b.csv", "pledge," + HEADER + "q,2023-05-01,polisen,polis-1,X,Y.\n"
    )
    result = run_cli("import", str(with_column), cwd=repo)
    assert result.exit_code == 1 and "column A (pledge): error: pledge 'q' does not load" in (
        result.stderr
    )
    assert _activities(repo) == before


def test_many_unknown_columns_list_the_known_ones_once(repo, tmp_path, run_cli):
    sheet = _write(tmp_path / "a.csv", HEADER.rstrip("\n") + ",x1,x2,x3\n")
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 1
    assert result.stderr.count("the columns are") == 1
    assert "unknown column 'x3'" in result.stderr


def test_odd_but_readable_sheets(repo, tmp_path, run_cli):
    text = HEADER.replace("date", "\u200bdate") + "2023-05-01,polisen;Polisen,polis-1,X,Y.\n"
    sheet = tmp_path / "u16.csv"
    sheet.write_bytes(text.encode("utf-16-le"))  # no byte-order mark
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert "by: [polisen]\n" in _activities(repo)["2023-05-01-x.yaml"]  # once
    book = openpyxl.Workbook()
    book.active.append(["date", "by", "commitments", "title", "description"])
    book.active.append([datetime(2023, 5, 2, 10, 30), "polisen", "polis-1", "Z", "Y."])
    book.active.append([45000, "polisen", "polis-1", "W", "Y."])
    book.save(tmp_path / "t.xlsx")
    result = run_cli("import", str(tmp_path / "t.xlsx"), "--dry-run", cwd=repo)
    assert result.exit_code == 1
    # Row 3 only: a date with a time of day (row 2) is that day.
    assert _reported(result.stderr, tmp_path / "t.xlsx", "error") == [(3, "date")]
    assert "row 3, column A (date): error: 45000 is Excel's number for a date" in result.stderr


def test_refused_ids_names_and_texts(repo, tmp_path, run_cli):
    zipped = tmp_path / "book.csv"
    zipped.write_bytes(b"PK\x03\x04rest")
    result = run_cli("import", str(zipped), cwd=repo)
    assert result.exit_code == 2 and "this is an .xlsx workbook" in result.stderr
    rows = "con,2023-05-01,polisen,polis-1,X,Y.\n,2023-05-02,polisen,polis-1,T\x01,Y.\n"
    sheet = _write(tmp_path / "a.csv", "id," + HEADER + rows)
    result = run_cli("import", str(sheet), cwd=repo)
    assert "column A (id): error: 'con' cannot be a file name on Windows" in result.stderr
    assert "row 3, column E (title): error: a control character (U+0001)" in result.stderr


def test_review_findings_on_pledges_headers_and_links(repo, tmp_path, run_cli):
    # The same activity id in two pledges is valid; re-importing the export is unchanged.
    second = (
        (repo / PLEDGE / "pledge.yaml").read_text(encoding="utf-8").replace("id: p\n", "id: q\n")
    )
    same = (repo / ACTIVITIES / "2023-03-14-foraldrakvall.yaml").read_text(encoding="utf-8")
    write_tree(
        repo,
        {
            "data/pledges/q/pledge.yaml": second,
            "data/pledges/q/activities/2023-03-14-foraldrakvall.yaml": same.replace(
                "Föräldrakväll om droger", "Annan kväll"
            ),
        },
    )
    assert run_cli("validate", cwd=repo).exit_code == 0
    assert (
        run_cli("export", "--format", "csv", "--out", str(tmp_path / "ex"), cwd=repo).exit_code == 0
    )
    again = run_cli("import", str(tmp_path / "ex" / "activities.csv"), cwd=repo)
    assert again.exit_code == 0 and "0 new, 3 unchanged" in again.stdout, again.stderr
    # An error value in a header cell is named, not shown as Python.
    book = openpyxl.Workbook()
    book.active.append(["#N/A", "date", "by", "commitments", "title", "description"])
    book.save(tmp_path / "h.xlsx")
    result = run_cli("import", str(tmp_path / "h.xlsx"), "--pledge", "p", cwd=repo)
    assert "column A: error: the header is Excel's error value #N/A" in result.stderr
    assert "Unreadable" not in result.stderr
    # A control character in a link title is refused like in any other text.
    bell = _write(
        tmp_path / "l.csv",
        "links," + HEADER + "https://a.se Ti\x07tel,2023-05-01,polisen,polis-1,X,Y.\n",
    )
    result = run_cli("import", str(bell), "--pledge", "p", cwd=repo)
    assert result.exit_code == 1
    assert "column A (links): error: a control character (U+0007)" in result.stderr


def test_an_empty_pledge_cell_is_the_only_pledge(repo, tmp_path, run_cli):
    sheet = _write(tmp_path / "a.csv", "pledge," + HEADER + ",2023-05-01,polisen,polis-1,X,Y.\n")
    result = run_cli("import", str(sheet), cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert "2023-05-01-x.yaml" in _activities(repo)
