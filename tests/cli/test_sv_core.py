"""lofte in Swedish where it reads the files, finds the data and measures coverage: YAML
errors at the same codes and positions as in English, misplaced files, the data root,
unknown pledges, history, and the coverage as table, Markdown and CSV; the JSON of the
coverage is the same bytes in both languages. Expected texts are written out by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import CORPUS, REPO, Run, copy_base, write_tree

ACTIVITIES = "data/pledges/p/activities"
FOLLOWUPS = "data/pledges/p/followups"
ACTIVITY = (CORPUS / "base" / ACTIVITIES / "2023-03-14-foraldrakvall.yaml").read_text(
    encoding="utf-8"
)
INVALID = sorted(p for p in (CORPUS / "invalid").iterdir() if p.is_dir())


@pytest.fixture
def swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOFTE_LANG", "sv")


def _problems(result: Run) -> list[dict[str, object]]:
    problems: list[dict[str, object]] = json.loads(result.stdout)
    return problems


def _positions(problems: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return sorted((p["code"], p["path"], p["line"], p["column"]) for p in problems)


# --- YAML errors ------------------------------------------------------------------------

BROKEN_FILES: dict[str, str | bytes] = {
    f"{ACTIVITIES}/kolon.yaml": ACTIVITY.replace(
        "title: Föräldrakväll om droger", "title: Kontakt: Anna"
    ),
    f"{ACTIVITIES}/dubbel.yaml": ACTIVITY.replace("status: done\n", "status: done\nstatus: done\n"),
    f"{ACTIVITIES}/tabb.yaml": ACTIVITY.replace("place: Testkommun", "place:\n\tTestkommun"),
    f"{ACTIVITIES}/tom.yaml": "",
    f"{ACTIVITIES}/latin1.yaml": ACTIVITY.encode("latin-1"),
    f"{ACTIVITIES}/bom.yaml": b"\xef\xbb\xbf" + ACTIVITY.encode("utf-8"),
    f"{ACTIVITIES}/tva.yaml": "id: tva\n---\nid: tre\n",
    f"{ACTIVITIES}/lista.yaml": "- a\n- b\n",
    f"{ACTIVITIES}/snabel.yaml": "id: snabel\ntitle: @polisen\n",
    f"{ACTIVITIES}/citat.yaml": 'id: citat\ntitle: "Föräldrakväll\n',
    f"{ACTIVITIES}/hakparentes.yaml": "id: hak\nby: [kommun, polisen\ntitle: x\n",
    f"{ACTIVITIES}/tagg.yaml": "id: tagg\ntitle: !!python/object x\n",
}

# (line, column, code, message) of each broken file, in Swedish.
SWEDISH = {
    f"{ACTIVITIES}/kolon.yaml": (
        6,
        15,
        "L100",
        "syntaxfel i YAML: kolon följt av mellanslag (': ') får inte stå här; sätt citattecken "
        "runt en text som innehåller ': ' (som 'Kontakt: Anna'), eller skriv texten som ett "
        "block efter '|'",
    ),
    f"{ACTIVITIES}/dubbel.yaml": (
        4,
        1,
        "L110",
        "nyckeln 'status' finns två gånger (den står redan tidigare på samma nivå)",
    ),
    f"{ACTIVITIES}/tabb.yaml": (
        9,
        1,
        "L100",
        "syntaxfel i YAML: ett tabbtecken; i YAML görs indrag med mellanslag, inte med tabb",
    ),
    f"{ACTIVITIES}/tom.yaml": (1, 1, "L102", "filen är tom: den har inga rader med nyckel: värde"),
    f"{ACTIVITIES}/latin1.yaml": (
        6,
        9,
        "L101",
        "filen är inte kodad i UTF-8: byten 0xf6 går inte att läsa (Latin-1 eller "
        "Windows-1252?); spara filen som UTF-8",
    ),
    f"{ACTIVITIES}/bom.yaml": (
        1,
        1,
        "L101",
        "filen börjar med ett BOM-tecken (byte order mark); spara den som UTF-8 utan BOM",
    ),
    f"{ACTIVITIES}/tva.yaml": (
        2,
        1,
        "L100",
        "här börjar ett andra YAML-dokument; en fil ska bara ha ett (ta bort '---')",
    ),
    f"{ACTIVITIES}/lista.yaml": (
        1,
        1,
        "L102",
        "filen ska bestå av rader med nyckel: värde (en YAML-mappning)",
    ),
    f"{ACTIVITIES}/snabel.yaml": (
        2,
        8,
        "L100",
        "syntaxfel i YAML: ett tecken som inte får stå först (i en nyckel eller ett värde); "
        "sätt citattecken runt en text som börjar med @, ` eller %",
    ),
    f"{ACTIVITIES}/citat.yaml": (
        3,
        1,
        "L100",
        "syntaxfel i YAML: filen tar slut för tidigt (i en text inom citattecken)",
    ),
    f"{ACTIVITIES}/hakparentes.yaml": (
        3,
        6,
        "L100",
        "syntaxfel i YAML: här väntades ',' eller ']' (i en lista inom [ ])",
    ),
    f"{ACTIVITIES}/tagg.yaml": (
        2,
        8,
        "L111",
        "YAML-taggen '!!python/object' är inte tillåten; datafiler innehåller bara vanliga värden",
    ),
}


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return write_tree(copy_base(tmp_path / "repo"), BROKEN_FILES)


def test_yaml_errors_in_swedish_at_the_english_positions(run_cli, broken, monkeypatch):
    english = run_cli("validate", "--format", "json", cwd=broken)
    monkeypatch.setenv("LOFTE_LANG", "sv")
    swedish = run_cli("validate", "--format", "json", cwd=broken)
    assert swedish.exit_code == english.exit_code == 1
    assert _positions(_problems(swedish)) == _positions(_problems(english))
    found = {
        p["path"]: (p["line"], p["column"], p["code"], p["message"])
        for p in _problems(swedish)
        if p["path"] in SWEDISH
    }
    assert found == SWEDISH


def test_yaml_errors_in_the_text_format(run_cli, broken, swedish):
    result = run_cli("validate", cwd=broken)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    for path, (line, column, code, message) in SWEDISH.items():
        [shown] = [x for x in lines if x.startswith(f"{path}:{line}:{column}: ")]
        assert shown.endswith(f" {code} {message}")


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_every_broken_corpus_file_has_its_english_positions(run_cli, tmp_path, case, monkeypatch):
    root = copy_base(tmp_path / "repo", case / "files")
    english = run_cli("validate", "--format", "json", cwd=root)
    monkeypatch.setenv("LOFTE_LANG", "sv")
    swedish = run_cli("validate", "--format", "json", cwd=root)
    assert swedish.exit_code == english.exit_code
    assert _positions(_problems(swedish)) == _positions(_problems(english))


def test_files_out_of_place_in_swedish(run_cli, tmp_path, swedish):
    root = copy_base(tmp_path / "repo")
    pledge = (root / "data/pledges/p/pledge.yaml").read_text(encoding="utf-8")
    write_tree(
        root,
        {
            "data/pledges/lost.yaml": "id: lost\n",
            "data/pledges/tom-mapp/README.md": "Inget löfte här.\n",
            "data/pledges/Stora Namn/pledge.yaml": pledge,
            f"{ACTIVITIES}/Föräldrakväll Igen.yaml": ACTIVITY,
            f"{ACTIVITIES}/kvall.yml": ACTIVITY,
            "data/pledges/p/extra.yaml": "id: extra\n",
        },
    )
    result = run_cli("validate", "--format", "json", cwd=root)
    found = {(p["path"], p["code"], p["message"]) for p in _problems(result)}
    assert {
        (
            "data/pledges/lost.yaml",
            "L120",
            "läses inte: lägg varje medborgarlöfte i en egen mapp: data/pledges/<id>/pledge.yaml",
        ),
        ("data/pledges/tom-mapp", "L120", "mappen saknar pledge.yaml"),
        (
            "data/pledges/Stora Namn",
            "L123",
            "mappnamnet 'Stora Namn' är inte ett id med små bokstäver; byt namn på mappen till "
            "stora-namn",
        ),
        (
            f"{ACTIVITIES}/Föräldrakväll Igen.yaml",
            "L123",
            "filnamnet 'Föräldrakväll Igen' är inte ett id med små bokstäver; byt namn till "
            "foraldrakvall-igen.yaml",
        ),
        (
            f"{ACTIVITIES}/kvall.yml",
            "L120",
            "läses inte: i activities/ ska det bara finnas filer som heter <namn>.yaml "
            "(filändelsen ska vara .yaml)",
        ),
        (
            "data/pledges/p/extra.yaml",
            "L120",
            "läses inte: i mappen för ett medborgarlöfte ska det bara finnas pledge.yaml, "
            "activities/ och followups/",
        ),
    } <= found


def test_worker_processes_speak_swedish_when_spawned(tmp_path):
    """Where workers start afresh (macOS, Windows), they are given the run's language."""
    for i in range(200):
        (tmp_path / f"a{i}.yaml").write_text("id: x\n  title: y\n", encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import multiprocessing
        from pathlib import Path
        if __name__ == "__main__":
            multiprocessing.set_start_method("spawn", force=True)
            from lofte_cli.data.loader import _run
            from lofte_cli.i18n import speaking
            tasks = [("activity", p, ()) for p in sorted(Path({str(tmp_path)!r}).glob("*.yaml"))]
            with speaking("sv"):
                results = _run(tasks, 2)
            print({{r[1].problems[0].message for r in results}})
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    message = (
        "syntaxfel i YAML: kolon följt av mellanslag (': ') får inte stå här; sätt citattecken "
        "runt en text som innehåller ': ' (som 'Kontakt: Anna'), eller skriv texten som ett "
        "block efter '|'"
    )
    assert done.stdout.strip() == repr({message})


# --- the data root, pledges, history ------------------------------------------------------


def test_data_option_pointing_nowhere(run_cli, tmp_path, swedish):
    result = run_cli("--data", str(tmp_path / "finns-inte"), "validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert (
        f"{tmp_path / 'finns-inte'}: är ingen datamapp för lofte (det finns ingen mapp "
        "data/pledges/ i den)"
    ) in result.stderr


def test_outside_any_data_repository(run_cli, tmp_path, swedish):
    result = run_cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert (
        f"{tmp_path.resolve()}: ligger inte i en datamapp för lofte (ingen data/pledges/ här "
        "eller ovanför); ange --data MAPP eller sätt LOFTE_DATA"
    ) in result.stderr


def test_unknown_pledge_with_and_without_a_guess(run_cli, swedish):
    near = run_cli("coverage", "sodra-fyrbodal-2023", cwd=REPO)
    assert near.exit_code == 2
    assert (
        "okänt medborgarlöfte 'sodra-fyrbodal-2023'; menade du 'sodra-fyrbodal-2023-2024'? "
        "(kända löften: sodra-fyrbodal-2023-2024)"
    ) in near.stderr
    far = run_cli("coverage", "stenungsund", cwd=REPO)
    assert "okänt medborgarlöfte 'stenungsund' (kända löften: sodra-fyrbodal-2023-2024)" in (
        far.stderr
    )


def test_history_outside_git(run_cli, tmp_path, swedish):
    root = copy_base(tmp_path / "repo")
    result = run_cli("history", cwd=root)
    assert result.exit_code == 0
    assert result.stdout == (
        "ingen historik: medborgarlöftet ligger inte i ett git-förråd, eller har inte "
        "committats än\n"
    )
    unknown = run_cli("history", "q", cwd=root)
    assert f"medborgarlöftet 'q' finns inte i {root / 'data' / 'pledges'}" in unknown.stderr


def test_history_without_pledges_names_none(run_cli, tmp_path, swedish):
    root = write_tree(tmp_path / "repo", {"data/pledges/.keep": ""})
    result = run_cli("history", cwd=root)
    assert result.exit_code == 2
    assert "ange LÖFTE för att välja medborgarlöfte (det finns 0: inga)" in result.stderr


def test_at_outside_git(run_cli, tmp_path, swedish):
    root = copy_base(tmp_path / "repo")
    result = run_cli("--at", "HEAD", "validate", cwd=root)
    assert result.exit_code == 2
    assert f"--at HEAD: {root} ligger inte i ett git-förråd" in result.stderr


# --- coverage ---------------------------------------------------------------------------

# On 2023-06-30: polis-1 met by its one activity, polis-2 untouched, kommun-1 met by kommun
# (two activities) but not by kommun2; the follow-up of 2023-06-15 assesses each in a way
# the activities contradict.
COVERAGE_FILES: dict[str, str | bytes] = {
    f"{ACTIVITIES}/2023-06-29-foraldrakvall.yaml": ACTIVITY.replace(
        "2023-03-14", "2023-06-29"
    ).replace("title: Föräldrakväll om droger", "title: Föräldrakväll om alkohol"),
    f"{FOLLOWUPS}/2023-06-15.yaml": (
        "date: 2023-06-15\n"
        "assessments:\n"
        "  polis-1: not-started\n"
        "  polis-2: partly-done\n"
        "  kommun-1: {status: not-started, comment: Vi har inte börjat.}\n"
    ),
}


@pytest.fixture
def measured(tmp_path: Path) -> Path:
    return write_tree(copy_base(tmp_path / "repo"), COVERAGE_FILES)


COVERAGE_ARGS = ("coverage", "--as-of", "2023-06-30", "--quiet-after", "1d")

MARKDOWN = """\
# Täckning den 2023-06-30

## Medborgarlöfte Testkommunerna 2023–2024 (`p`)

Täckning 50,0 %: 2 av 4 par (åtagande, part) hålls den 2023-06-30 (perioden 2023-01-01 – 2024-12-31)

Andel gjort 50,0 %: så mycket av det som borde vara gjort hittills är gjort (inget par räknas \
som mer än helt gjort)

| Åtagande | polisen | kommun | kommun2 | Läge | Andel gjort | Bedömning | Senaste aktivitet |
| --- | ---: | ---: | ---: | --- | ---: | --- | --- |
| polis-1 | 3/1 |  |  | hålls | 100,0 % | ej påbörjat | 2023-04-02 |
| polis-2 | 0/1 |  |  | inte påbörjat | 0,0 % | delvis genomfört |  |
| kommun-1 |  | 2/1 | 0/1 | hålls delvis | 50,0 % | ej påbörjat | 2023-06-29 |

### Genomfört per halvår

| Åtagande | 2023-H1 |
| --- | ---: |
| polis-1 | 3 |
| polis-2 | 0 |
| kommun-1 | 2 |

### Luckor

- polis-2 är inte påbörjat: ingen ansvarig part har gjort något inom åtagandet
- kommun2 har inte gjort något inom kommun-1
- polis-1 har tystnat: ingen aktivitet sedan 2023-04-02 (89 dagar)
- kommun-1 har tystnat: ingen aktivitet sedan 2023-06-29 (1 dag)

### Bedömning och aktiviteter går isär

- polis-1 är bedömt som ”ej påbörjat” (2023-06-15) men har 1 aktivitet
- polis-2 är bedömt som ”delvis genomfört” (2023-06-15) men har ingen aktivitet
- kommun-1 är bedömt som ”ej påbörjat” (2023-06-15) men har 2 aktiviteter
"""


def test_coverage_markdown_in_swedish(run_cli, measured, swedish):
    result = run_cli(*COVERAGE_ARGS, "--per", "half-year", "--format", "markdown", cwd=measured)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == MARKDOWN


def test_coverage_table_in_swedish(run_cli, measured, swedish):
    result = run_cli(*COVERAGE_ARGS, cwd=measured)
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())  # the table wraps its caption
    for said in (
        "Täckning 50,0 %: 2 av 4 par (åtagande, part) hålls den 2023-06-30 (perioden "
        "2023-01-01 – 2024-12-31)",
        "polis-2 är inte påbörjat: ingen ansvarig part har gjort något inom åtagandet",
        "kommun2 har inte gjort något inom kommun-1",
        "kommun-1 har tystnat: ingen aktivitet sedan 2023-06-29 (1 dag)",
        "polis-1 är bedömt som ”ej påbörjat” (2023-06-15) men har 1 aktivitet",
        "kommun-1 är bedömt som ”ej påbörjat” (2023-06-15) men har 2 aktiviteter",
        "│ delvis genomfört │",
    ):
        assert said in out
    for english in ("pairs met", "has gone quiet", "is assessed", "not-started", "partly-done"):
        assert english not in out


def test_coverage_before_the_start_and_open_ended(run_cli, tmp_path, swedish):
    root = copy_base(tmp_path / "repo")
    early = run_cli("coverage", "--as-of", "2022-12-31", "--format", "markdown", cwd=root)
    assert (
        "Täckning: inget förväntas ännu den 2022-12-31; perioden 2023-01-01 – 2024-12-31"
        in early.stdout
    )
    pledge = root / "data/pledges/p/pledge.yaml"
    pledge.write_text(
        pledge.read_text(encoding="utf-8").replace("  end: 2024-12-31\n", ""), encoding="utf-8"
    )
    open_ended = run_cli("coverage", "--as-of", "2023-06-30", "--format", "markdown", cwd=root)
    assert "(perioden 2023-01-01 – tills vidare)" in open_ended.stdout


def test_coverage_csv_keeps_its_columns_and_speaks_in_words(run_cli, measured, swedish):
    result = run_cli(*COVERAGE_ARGS, "--format", "csv", cwd=measured)
    assert result.stdout == (
        "pledge,commitment,party,done,expected,met,status,assessment,last_activity,"
        "progress_percent\n"
        "p,polis-1,polisen,3,1,true,hålls,ej påbörjat,2023-04-02,100.0\n"
        "p,polis-2,polisen,0,1,false,inte påbörjat,delvis genomfört,,0.0\n"
        "p,kommun-1,kommun,2,1,true,hålls delvis,ej påbörjat,2023-06-29,50.0\n"
        "p,kommun-1,kommun2,0,1,false,hålls delvis,ej påbörjat,,50.0\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("coverage", "--as-of", "2024-12-31", "--per", "quarter"),
        ("coverage", "--as-of", "2023-06-30", "--quiet-after", "1d", "--per", "month"),
        ("coverage", "--as-of", "2022-06-30"),
    ],
)
def test_coverage_json_is_the_same_bytes_in_both_languages(run_cli, measured, monkeypatch, args):
    for root in (REPO, measured):
        english = run_cli(*args, "--format", "json", cwd=root)
        monkeypatch.setenv("LOFTE_LANG", "sv")
        swedish = run_cli(*args, "--format", "json", cwd=root)
        monkeypatch.setenv("LOFTE_LANG", "en")
        assert english.exit_code == swedish.exit_code == 0
        assert swedish.stdout.encode("utf-8") == english.stdout.encode("utf-8")


def test_fail_under_with_a_decimal_comma(run_cli, swedish):
    result = run_cli("coverage", "--as-of", "2024-12-31", "--fail-under", "82.7", cwd=REPO)
    assert result.exit_code == 1
    assert "täckningen är under 82,7 % för sodra-fyrbodal-2023-2024" in result.stderr


def test_the_exported_coverage_csv_is_the_same_in_both_languages(
    run_cli, measured, tmp_path, monkeypatch
):
    """Open data: the export's coverage.csv keeps the values (`partial`, `not-started`) in
    every language, unlike `coverage --format csv`, which is read by people."""
    args = ("export", "--format", "csv", "--as-of", "2023-06-30")
    run_cli(*args, "--out", str(tmp_path / "en"), cwd=measured)
    monkeypatch.setenv("LOFTE_LANG", "sv")
    run_cli(*args, "--out", str(tmp_path / "sv"), cwd=measured)
    for name in ("coverage.csv", "activities.csv"):
        assert (tmp_path / "sv" / name).read_bytes() == (tmp_path / "en" / name).read_bytes()
    assert "p,kommun-1,kommun2,0,1,false,partial,not-started,,50.0\n" in (
        tmp_path / "sv" / "coverage.csv"
    ).read_text(encoding="utf-8")
