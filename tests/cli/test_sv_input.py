"""add-activity, assess and import in Swedish, and what they say of the values they read
(issue 14, points 3 and 5): every line written out by hand, in Swedish (LOFTE_LANG=sv) and,
where it says the same, in English."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import BUNDLED

PLEDGE = "sodra-fyrbodal-2023-2024"
ACTIVITIES = f"data/pledges/{PLEDGE}/activities"
HEADER = "Datum;Utförare;Åtaganden;Status;Rubrik;Beskrivning;Deltagare\n"


@pytest.fixture
def swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOFTE_LANG", "sv")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BUNDLED / "data", root / "data")
    shutil.copytree(BUNDLED / "schemas", root / "schemas")
    return root


def _sheet(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "aktiviteter.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def _added(repo: Path) -> list[str]:
    return sorted(p.name for p in (repo / ACTIVITIES).glob("2024-03-05-*.yaml"))


# --- add-activity ------------------------------------------------------------------------


def test_add_activity_says_what_it_read_in_swedish(run_cli, swedish, repo):
    result = run_cli(
        "add-activity",
        "--by", "stenungsunds kommun",
        "--commitment", "Kommun 3",
        "--title", "Föräldrakväll",
        "--description", "Kväll om sömn och skärmtid.",
        "--date", "5 mars 2024",
        "--status", "Genomförd",
        "--participants", "1 000",
        cwd=repo, today="2024-06-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "lofte: --date 5 mars 2024: tolkat som 2024-03-05",
        "lofte: --status Genomförd: tolkat som done",
        "lofte: --by stenungsunds kommun: tolkat som stenungsund (Stenungsunds kommun)",
        "lofte: --commitment Kommun 3: tolkat som kommun-3 (Genomföra tidiga "
        "föräldrastärkande insatser.)",
    ]
    path = f"{ACTIVITIES}/2024-03-05-foraldrakvall.yaml"
    assert result.stdout.splitlines() == [
        f"Sparade {path}",
        f'Nästa steg: git add {path} && git commit -m "Aktivitet: 2024-03-05-foraldrakvall", '
        "och öppna sedan en pull request.",
    ]
    text = (repo / path).read_text(encoding="utf-8")
    for line in ("status: done", "by: [stenungsund]", "commitments: [kommun-3]",
                 "participants: 1000"):  # fmt: skip
        assert line in text.splitlines()


def test_add_activity_names_every_value_it_cannot_read_in_swedish(run_cli, swedish, repo):
    result = run_cli(
        "add-activity",
        "--by", "Stenungsund", "--by", "Tjörm",
        "--commitment", "polis 3", "--commitment", "kommun-9",
        "--title", "T", "--description", "D", "--date", "2024-03-05",
        cwd=repo, today="2024-06-01",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "lofte: --by Stenungsund: tolkat som stenungsund (Stenungsunds kommun)",
        "lofte: --commitment polis 3: tolkat som polis-3 (Intensifiera arbetet mot droger, "
        "kränkningar och …)",
        "lofte: --by: okänd part eller grupp 'Tjörm' i löftet sodra-fyrbodal-2023-2024; "
        "menade du tjorn (Tjörns kommun)?",
        "lofte: --commitment: okänt åtagande 'kommun-9' i löftet sodra-fyrbodal-2023-2024; "
        "menade du kommun-6 (Arbeta med trygghets och säkerhetsfrågor i …)?",
    ]
    assert _added(repo) == []


def test_did_you_mean_names_the_party_in_english_too(run_cli, repo):
    result = run_cli(
        "add-activity", "--by", "Tjörm", "--commitment", "kommun-1", "--title", "T",
        "--description", "D", "--date", "2024-03-05", cwd=repo, today="2024-06-01",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "lofte: --by: unknown party or group 'Tjörm' in pledge sodra-fyrbodal-2023-2024; "
        "did you mean tjorn (Tjörns kommun)?",
    ]


def test_a_refused_activity_in_swedish_counts_its_errors(run_cli, swedish, repo):
    result = run_cli(
        "add-activity", "--by", "orust", "--commitment", "kommun-1", "--title", "T",
        "--description", "D", "--date", "2099-01-01", cwd=repo, today="2024-06-01",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "lofte: sparades inte: 2 fel ovan; rätta värdena och kör igen"
    )


def test_missing_flags_in_swedish(run_cli, swedish, repo):
    result = run_cli("add-activity", "--by", "orust", cwd=repo, today="2024-06-01")
    assert result.exit_code == 2
    assert result.stderr == (
        "lofte: saknas: --commitment, --title, --description (standard in är ingen "
        "terminal, så lofte kan inte fråga)\n"
    )


# --- assess ------------------------------------------------------------------------------


def test_assess_says_what_it_read_in_swedish(run_cli, swedish, repo):
    result = run_cli(
        "assess", "Kommun 2", "--status", "delvis", "--date", "15 december 2024",
        "--comment", "Två av tre kommuner har börjat.", cwd=repo, today="2024-12-20",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "lofte: --date 15 december 2024: tolkat som 2024-12-15",
        "lofte: --status delvis: tolkat som partly-done",
        "lofte: åtagande Kommun 2: tolkat som kommun-2 (Genomföra insatser för att öka "
        "trafiksäkerheten …)",
    ]
    path = f"data/pledges/{PLEDGE}/followups/2024-12-15.yaml"
    assert result.stdout.splitlines() == [
        f"Skapade {path}",
        f'Nästa steg: git add {path} && git commit -m "Uppföljning 2024-12-15", och öppna '
        "sedan en pull request.",
    ]
    written = (repo / path).read_text(encoding="utf-8")
    assert "  kommun-2: {status: partly-done, comment: Två av tre kommuner har börjat.}" in (
        written.splitlines()
    )


def test_assess_names_the_closest_commitment_in_both_languages(run_cli, repo, monkeypatch):
    args = ("assess", "kommun-9", "--status", "pågår", "--date", "2024-05-31")
    english = run_cli(*args, cwd=repo)
    assert english.exit_code == 2
    assert english.stderr == (
        "lofte: unknown commitment 'kommun-9' in pledge sodra-fyrbodal-2023-2024; did you "
        "mean kommun-6 (Arbeta med trygghets och säkerhetsfrågor i …)?\n"
    )
    monkeypatch.setenv("LOFTE_LANG", "sv")
    swedish = run_cli(*args, cwd=repo)
    assert swedish.exit_code == 2
    assert swedish.stderr == (
        "lofte: okänt åtagande 'kommun-9' i löftet sodra-fyrbodal-2023-2024; menade du "
        "kommun-6 (Arbeta med trygghets och säkerhetsfrågor i …)?\n"
    )
    assert not (repo / f"data/pledges/{PLEDGE}/followups/2024-05-31.yaml").exists()


def test_an_unknown_assessment_status_in_swedish(run_cli, swedish, repo):
    result = run_cli("assess", "polis-1", "--status", "kanske", cwd=repo)
    assert result.exit_code == 2
    assert result.stderr == (
        "lofte: --status 'kanske': välj ej påbörjat, pågår, genomfört, delvis, ej genomfört "
        "eller ej aktuellt (på engelska not-started, ongoing, done, partly-done, not-done, "
        "not-applicable)\n"
    )


# --- import ------------------------------------------------------------------------------


THREE_PROBLEMS = "14/3/2024;Tjörm;polis 9;Genomförd;Kväll;Kväll om droger.;-4\n"


def test_every_problem_of_a_row_is_reported_in_swedish(run_cli, swedish, repo, tmp_path):
    sheet = _sheet(tmp_path, THREE_PROBLEMS)
    result = run_cli("import", str(sheet), cwd=repo, today="2024-06-01")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{sheet}: kolumn D (Status): Genomförd: tolkat som done (rad 2)",
        f"{sheet}:2: rad 2, kolumn A (Datum): fel: '14/3/2024' är inget datum; skriv "
        "ÅÅÅÅ-MM-DD (eller 5 mars 2024)",
        f"{sheet}:2: rad 2, kolumn B (Utförare): fel L104: okänd part eller grupp 'Tjörm' i "
        "löftet sodra-fyrbodal-2023-2024; menade du tjorn (Tjörns kommun)?",
        f"{sheet}:2: rad 2, kolumn C (Åtaganden): fel L103: okänt åtagande 'polis 9' i "
        "löftet sodra-fyrbodal-2023-2024; menade du polis-5 (I största möjligaste mån arbeta "
        "utifrån den …)?",
        f"{sheet}:2: rad 2, kolumn G (Deltagare): fel: -4 är negativt; ange 0 eller mer",
        f"lofte: ingenting importerades: 4 fel på 1 rad i {sheet}; rätta dem och kör igen",
    ]
    assert _added(repo) == []


def test_a_row_with_three_problems_reports_all_three(run_cli, repo, tmp_path):
    sheet = _sheet(tmp_path, "14/3/2024;Tjörm;polis-3;done;Kväll;Ring 070-174 06 50.;\n")
    result = run_cli("import", str(sheet), cwd=repo, today="2024-06-01")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{sheet}:2: row 2, column A (Datum): error: '14/3/2024' is not a date; write "
        "YYYY-MM-DD (or 5 mars 2024)",
        f"{sheet}:2: row 2, column B (Utförare): error L104: unknown party or group 'Tjörm' in "
        "pledge sodra-fyrbodal-2023-2024; did you mean tjorn (Tjörns kommun)?",
        f"{sheet}:2: row 2, column F (Beskrivning): error L303: phone number '070-174 06 50' "
        "in public text (description)",
        f"lofte: nothing imported: 3 errors in 1 row of {sheet}; fix them and run again",
    ]


def test_import_says_once_per_value_what_it_read_in_swedish(run_cli, swedish, repo, tmp_path):
    sheet = _sheet(
        tmp_path,
        "15 mars 2024;Polisen;Polis 3;genomförd;Kväll 1;Kväll om droger.;\n"
        "2024-03-16;POLISEN;polis-3;Genomförd;Kväll 2;Kväll om droger.;1 000\n",
    )
    result = run_cli("import", str(sheet), cwd=repo, today="2024-06-01")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{sheet}: kolumn A (Datum): 15 mars 2024: tolkat som 2024-03-15 (rad 2)",
        f"{sheet}: kolumn B (Utförare): Polisen: tolkat som polisen (Lokalpolisområde Södra "
        "Fyrbodal) (raderna 2, 3)",
        f"{sheet}: kolumn C (Åtaganden): Polis 3: tolkat som polis-3 (Intensifiera arbetet mot "
        "droger, kränkningar och …) (rad 2)",
        f"{sheet}: kolumn D (Status): genomförd: tolkat som done (raderna 2, 3)",
    ]
    folder = f"data/pledges/{PLEDGE}/activities"
    assert result.stdout.splitlines() == [
        f"Sparade {folder}/2024-03-15-kvall-1.yaml",
        f"Sparade {folder}/2024-03-16-kvall-2.yaml",
        "nya: 2, oförändrade: 0",
        'Nästa steg: git add data/pledges && git commit -m "Aktiviteter från '
        'aktiviteter.csv", och öppna sedan en pull request.',
    ]


def test_import_counts_rows_in_both_forms_in_swedish(run_cli, swedish, repo, tmp_path):
    sheet = _sheet(
        tmp_path,
        "2024-02-30;polisen;polis-3;done;Kväll 1;Text.;\n"
        "2024-03-17;polisen;polis-3;kanske;Kväll 2;Text.;\n",
    )
    result = run_cli("import", str(sheet), "--dry-run", cwd=repo, today="2024-06-01")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{sheet}:2: rad 2, kolumn A (Datum): fel: '2024-02-30': den dagen finns inte",
        f"{sheet}:3: rad 3, kolumn D (Status): fel: 'kanske': välj genomförd, planerad eller "
        "inställd (done, planned, cancelled)",
        f"lofte: ingenting importerades: 2 fel på 2 rader i {sheet}; rätta dem och kör igen",
    ]


def test_a_dry_run_in_swedish(run_cli, swedish, repo, tmp_path):
    sheet = _sheet(tmp_path, "2024-03-05;polisen;polis-3;done;Kväll;Text.;\n")
    result = run_cli("import", str(sheet), "--dry-run", cwd=repo, today="2024-06-01")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"skulle spara data/pledges/{PLEDGE}/activities/2024-03-05-kvall.yaml",
        "nya: 1, oförändrade: 0; provkörning, ingenting sparades",
    ]
    assert _added(repo) == []


def test_an_unknown_pledge_names_the_closest(run_cli, swedish, repo, tmp_path):
    sheet = _sheet(tmp_path, "2024-03-05;polisen;polis-3;done;Kväll;Text.;\n")
    result = run_cli("import", str(sheet), "--pledge", "sodra-fyrbodal", cwd=repo)
    assert result.exit_code == 2
    assert result.stderr == (
        "lofte: --pledge: okänt medborgarlöfte 'sodra-fyrbodal'; menade du "
        "sodra-fyrbodal-2023-2024 (Medborgarlöfte Södra Fyrbodal 2023–2024)?\n"
    )


# --- help ----------------------------------------------------------------------------------

# What a programmer's label looks like: `<str>`, `<list[str]>`, `<int range>`, `[x>=0]`.
TYPE_NAMES = re.compile(r"<(?:list\[\w+\]|str|int|float|bool|path|dir|file|\w+ range)>|x>=")

SWEDISH_HELP = {
    "add-activity": [
        "Användning: lofte add-activity [FLAGGOR]",
        "Lägg till en aktivitet: skriv en ny, kontrollerad fil i löftets mapp activities/.",
        "--pledge LÖFTE", "--date DATUM Dagen, ÅÅÅÅ-MM-DD eller 5 mars 2024 (standard: i dag).",
        "--status STATUS genomförd (standard), planerad eller inställd",
        "--by PART En part eller grupp som genomförde aktiviteten, med id eller namn",
        "--commitment ÅTAGANDE", "--title RUBRIK", "--description-file FIL", "--place PLATS",
        "--participants ANTAL Antal deltagare.", "--measure NAMN=ANTAL", "--hours TIMMAR",
        "--link ADRESS", "Exempel:",
        'lofte add-activity --by Stenungsund --by polisen --commitment kommun-3 \\',
        '--date "14 mars 2024" --status genomförd --participants 40',
    ],
    "assess": [
        "Användning: lofte assess [FLAGGOR] [ÅTAGANDE]",
        "ÅTAGANDE Åtagandet som bedöms, t.ex. polis-1.",
        "--status STATUS ej påbörjat, pågår, genomfört, delvis, ej genomfört eller ej aktuellt",
        "--indicator ID=VÄRDE", "Exempel:",
        'lofte assess "Kommun 2" --status delvis --comment "Två av tre kommuner har börjat."',
    ],
    "new-pledge": [
        "Användning: lofte new-pledge [FLAGGOR]", "--party NAMN", "--group ID=PART,PART",
        "--commitment ID:PART:TEXT", "--language SPRÅK", "--area PLATS", "Exempel:",
    ],
    "init": ["Användning: lofte init [FLAGGOR] [MAPP]", "MAPP Var datamappen ska skapas"],
    "import": [
        "Användning: lofte import [FLAGGOR] {FIL}", "FIL En .csv- eller .xlsx-fil",
        "--pledge LÖFTE Löftet som raderna hör till", "Exempel:",
    ],
}  # fmt: skip


@pytest.mark.parametrize("command", sorted(SWEDISH_HELP))
def test_the_help_of_the_commands_that_add_data_in_swedish(run_cli, swedish, command):
    shown = run_cli(command, "--help")
    assert shown.exit_code == 0
    text = " ".join(shown.stdout.split())
    for row in SWEDISH_HELP[command]:
        assert row in (text if " " in row.strip() and "\\" not in row else shown.stdout), row
    assert not TYPE_NAMES.search(shown.stdout), shown.stdout
    for english in ("Usage", "Options", "Example", "default", "repeat for more"):
        assert english not in text


@pytest.mark.parametrize("command", sorted(SWEDISH_HELP))
def test_the_help_of_the_commands_that_add_data_in_english(run_cli, command):
    shown = run_cli(command, "--help")
    assert shown.exit_code == 0
    assert shown.stdout.startswith(f"Usage: lofte {command} [OPTIONS]")
    assert not TYPE_NAMES.search(shown.stdout), shown.stdout
    for swedish_word in ("Användning", "Flaggor", "standard:", "Exempel", "upprepa"):
        assert swedish_word not in shown.stdout
