"""`lofte add-activity`: flags, checks before writing, names, concurrency, a real terminal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pexpect
import pytest

from lofte_cli.data.document import Document
from lofte_cli.data.validate import validate
from lofte_cli.data.yaml_io import read_document
from lofte_cli.data.yaml_roundtrip import load_roundtrip
from lofte_cli.slug import activity_id, slugify
from tests.helpers import copy_base, write_tree

ACTIVITIES = Path("data/pledges/p/activities")
LOFTE = str(Path(sys.executable).parent / "lofte")
FULL = [
    "add-activity",
    "--pledge",
    "p",
    "--date",
    "2023-05-02",
    "--end-date",
    "2023-05-03",
    "--status",
    "done",
    "--by",
    "kommun",
    "--by",
    "polisen",
    "--commitment",
    "kommun-1",
    "--commitment",
    "polis-1",
    "--title",
    "Trygghetsvandring på Åsen",
    "--description",
    "Vi gick runt i centrum.",
    "--place",
    "Åsen",
    "--partner",
    "skola",
    "--partner",
    "fritidsgården",
    "--target-group",
    "unga",
    "--participants",
    "12",
    "--measure",
    "kontroller=3",
    "--hours",
    "7.5",
    "--link",
    "https://kommun.se/nyhet Kommunens nyhet",
    "--link",
    "https://polisen.se/",
]


# The keys of an activity file in the order of schemas/activity.schema.json, written out.
KEY_ORDER = [
    "id",
    "date",
    "end_date",
    "status",
    "by",
    "commitments",
    "title",
    "description",
    "place",
    "partners",
    "target_groups",
    "participants",
    "measures",
    "hours",
    "links",
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_base(tmp_path / "repo")


def files(repo: Path) -> set[str]:
    return {p.name for p in (repo / ACTIVITIES).iterdir()}


def test_flags_give_a_valid_file_with_those_fields(run_cli, repo):
    result = run_cli(*FULL, cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    path = repo / ACTIVITIES / "2023-05-02-trygghetsvandring-pa-asen.yaml"
    assert f"Wrote {ACTIVITIES / path.name}" in result.stdout and "git add" in result.stdout
    doc = read_document(path)
    assert isinstance(doc, Document)
    assert doc.data == {
        "id": "2023-05-02-trygghetsvandring-pa-asen",
        "date": "2023-05-02",
        "end_date": "2023-05-03",
        "status": "done",
        "by": ["kommun", "polisen"],
        "commitments": ["kommun-1", "polis-1"],
        "title": "Trygghetsvandring på Åsen",
        "description": "Vi gick runt i centrum.",
        "place": "Åsen",
        "partners": ["skola", "fritidsgården"],
        "target_groups": ["unga"],
        "participants": 12,
        "measures": {"kontroller": 3},
        "hours": 7.5,
        "links": [
            {"title": "Kommunens nyhet", "url": "https://kommun.se/nyhet"},
            {"url": "https://polisen.se/"},
        ],
    }
    assert list(doc.data) == KEY_ORDER
    assert validate(repo, today=date(2026, 11, 26), strict=True).problems == ()


def test_keys_in_schema_order_and_schema_comment_first(run_cli, repo):
    assert run_cli(*FULL, cwd=repo).exit_code == 0
    path = repo / ACTIVITIES / "2023-05-02-trygghetsvandring-pa-asen.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    prefix = "# yaml-language-server: $schema="
    assert lines[0].startswith(prefix)
    assert (path.parent / lines[0][len(prefix) :]).resolve() == (
        repo / "schemas" / "activity.schema.json"
    ).resolve()
    keys = [line.split(":")[0] for line in lines[1:] if line and not line.startswith((" ", "#"))]
    assert keys == KEY_ORDER


def test_dry_run_prints_and_writes_nothing(run_cli, repo):
    before = files(repo)
    result = run_cli(*FULL, "--dry-run", cwd=repo)
    assert result.exit_code == 0
    assert result.stdout.startswith("# yaml-language-server:")
    assert "title: Trygghetsvandring på Åsen" in result.stdout
    assert files(repo) == before


def test_missing_flags_without_a_terminal_exit_2_naming_them(run_cli, repo):
    before = files(repo)
    result = run_cli("add-activity", "--by", "kommun", cwd=repo)
    assert result.exit_code == 2
    assert "--commitment" in result.stderr and "--title" in result.stderr
    assert "--description" in result.stderr and "--by" not in result.stderr.split("missing")[1]
    assert files(repo) == before


def test_the_only_pledge_is_chosen_but_two_need_pledge(run_cli, repo):
    base = MINIMAL
    assert run_cli(*base, cwd=repo).exit_code == 0
    pledge = (repo / "data/pledges/p/pledge.yaml").read_text(encoding="utf-8")
    write_tree(repo, {"data/pledges/q/pledge.yaml": pledge.replace("id: p\n", "id: q\n")})
    result = run_cli(*base, cwd=repo)
    assert result.exit_code == 2 and "--pledge" in result.stderr


MINIMAL = ["add-activity", "--by", "kommun", "--commitment", "kommun-1", "--title", "T",
           "--description", "D", "--date", "2023-06-01"]  # fmt: skip
NOT_WRITTEN = "lofte: not written: {} above; fix the values and run again"
# A value the data rules refuse (L1xx–L3xx) is exit 1, the rule's lines, then NOT_WRITTEN; a
# flag value that is not of its kind, or names no party or commitment of the pledge, is a
# usage error, exit 2, with the closest id and its name.
BAD = [
    (
        ["--date", "2022-05-02"],
        1,
        [
            "error L202 date 2022-05-02 is outside the period of pledge p (2023-01-01 – "
            "2024-12-31)",
            NOT_WRITTEN.format("1 error"),
        ],
    ),
    (
        ["--commitment", "kommun-9"],
        2,
        [
            "lofte: --commitment: unknown commitment 'kommun-9' in pledge p; did you mean "
            "kommun-1 (Anordna föräldrakvällar om droger och sociala …)?",
        ],
    ),
    (
        ["--by", "grannkommun"],
        2,
        [
            "lofte: --by: unknown party or group 'grannkommun' in pledge p; did you mean "
            "kommun (Testkommun)?",
        ],
    ),
    (
        ["--link", "javascript:alert(1)"],
        2,
        ["lofte: --link 'javascript:alert(1)': links must start with https:// or http://"],
    ),
    (["--participants", "-3"], 2, ["lofte: --participants: -3 is negative; give 0 or more"]),
    (
        ["--participants", "många"],
        2,
        ["lofte: --participants: 'många' is not a whole number"],
    ),
    (
        ["--measure", "kontroller=tre"],
        2,
        ["lofte: --measure kontroller: 'tre' is not a whole number"],
    ),
    (
        ["--description", "Samtal med 811218-9876 om droger."],
        1,
        [
            "error L301 personnummer '811218-9876' in public text (description)",
            NOT_WRITTEN.format("1 error"),
        ],
    ),
    (
        ["--description", "Ring mig på 070-123 45 67."],
        1,
        [
            "error L303 phone number '070-123 45 67' in public text (description)",
            NOT_WRITTEN.format("1 error"),
        ],
    ),
    (
        ["--status", "kanske"],
        2,
        [
            "lofte: --status 'kanske': choose done, planned, cancelled (genomförd, planerad, "
            "inställd)"
        ],
    ),
    (["--date", "2023-02-30"], 2, ["lofte: --date: '2023-02-30': there is no such day"]),
    (
        ["--date", "14/3/2023"],
        2,
        ["lofte: --date: '14/3/2023' is not a date; write YYYY-MM-DD (or 5 mars 2024)"],
    ),
    (
        ["--date", "2099-01-01"],
        1,
        [
            "error L202 date 2099-01-01 is outside the period of pledge p (2023-01-01 – "
            "2024-12-31)",
            "error L203 `status: done` but the date 2099-01-01 is in the future; use "
            "`status: planned`",
            NOT_WRITTEN.format("2 errors"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("change", "code", "lines"), BAD, ids=[f"{b[0][0]}={b[0][1]}" for b in BAD]
)
def test_bad_values_write_nothing(run_cli, repo, change, code, lines):
    args = [*MINIMAL, *change]
    before = files(repo)
    result = run_cli(*args, cwd=repo)
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == lines
    assert files(repo) == before


def test_future_done_activity_is_refused_but_planned_is_written(run_cli, repo):
    pledge = repo / "data/pledges/p/pledge.yaml"
    pledge.write_text(
        pledge.read_text(encoding="utf-8").replace("2024-12-31", "2030-12-31"), encoding="utf-8"
    )
    args = [
        "add-activity",
        "--by",
        "kommun",
        "--commitment",
        "kommun-1",
        "--title",
        "Senare",
        "--description",
        "D",
        "--date",
        "2027-01-01",
    ]
    refused = run_cli(*args, cwd=repo)
    assert refused.exit_code == 1 and "L203" in refused.stderr
    assert run_cli(*args, "--status", "planned", cwd=repo).exit_code == 0


def test_status_in_swedish(run_cli, repo):
    args = [a for a in FULL if a != "--yes"] + ["--yes", "--dry-run"]
    args[args.index("--status") + 1] = "Planerad"
    args[args.index("--date") + 1] = "2024-11-30"
    args[args.index("--end-date") + 1] = "2024-11-30"
    result = run_cli(*args, cwd=repo, today="2024-06-01")
    assert result.exit_code == 0, result.stderr
    assert "status: planned" in result.stdout


def test_same_title_gets_a_numbered_name(run_cli, repo):
    args = [
        "add-activity",
        "--by",
        "kommun",
        "--commitment",
        "kommun-1",
        "--title",
        "Möte",
        "--description",
        "D",
        "--date",
        "2023-06-01",
    ]
    for _ in range(3):
        assert run_cli(*args, cwd=repo).exit_code == 0
    assert {"2023-06-01-mote.yaml", "2023-06-01-mote-2.yaml", "2023-06-01-mote-3.yaml"} <= files(
        repo
    )


def test_description_from_standard_input(repo, monkeypatch):
    from typer.testing import CliRunner

    from lofte_cli.cli.main import app

    monkeypatch.chdir(repo)
    monkeypatch.setenv("LOFTE_TODAY", "2026-11-26")
    result = CliRunner().invoke(
        app,
        [
            "add-activity",
            "--by",
            "kommun",
            "--commitment",
            "kommun-1",
            "--title",
            "Från stdin",
            "--description-file",
            "-",
            "--date",
            "2023-06-01",
        ],
        input="Första raden.\nAndra raden.\n",
    )
    assert result.exit_code == 0, result.output
    doc = read_document(repo / ACTIVITIES / "2023-06-01-fran-stdin.yaml")
    assert doc.data["description"] == "Första raden.\nAndra raden.\n"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Föräldrakväll på Åsen", "2023-03-14-foraldrakvall-pa-asen"),
        ("  EPA-traktorer: kontroll!  ", "2023-03-14-epa-traktorer-kontroll"),
        ("Café & crème brûlée", "2023-03-14-cafe-creme-brulee"),
        ("???", "2023-03-14-aktivitet"),
        (
            "Dialogträff med unga A-traktorförare om trafikregler och säkerhet",
            "2023-03-14-dialogtraff-med-unga-a-traktorforare-om",
        ),
    ],
)
def test_activity_ids(title, expected):
    made = activity_id(date(2023, 3, 14), title)
    assert made == expected and len(made) <= 60
    assert activity_id(date(2023, 3, 14), title, suffix=12).endswith("-12")
    assert len(activity_id(date(2023, 3, 14), "x" * 200, suffix=12)) <= 60


def test_slugify_is_ascii():
    assert slugify("Åäö ÅÄÖ éü ß") == "aao-aao-eu-ss"


def test_slugify_keeps_dashes_and_slashes_apart():
    assert slugify("Medborgarlöfte Kungsbacka 2025–2026") == "medborgarlofte-kungsbacka-2025-2026"
    assert slugify("Polis—kommun 24/7") == "polis-kommun-24-7"


def test_written_file_reads_the_same_both_ways(run_cli, repo):
    long = "Lång beskrivning " * 12
    result = run_cli(*[a if a != "Vi gick runt i centrum." else long for a in FULL], cwd=repo)
    assert result.exit_code == 0, result.stderr
    path = repo / ACTIVITIES / "2023-05-02-trygghetsvandring-pa-asen.yaml"
    fast = read_document(path)
    assert isinstance(fast, Document)
    assert fast.data["description"] == long.strip()
    slow = load_roundtrip(path.read_text(encoding="utf-8"))
    assert str(slow["description"]) == long.strip()


@pytest.mark.slow
def test_twenty_concurrent_runs_give_twenty_distinct_valid_files(repo):
    args = [
        LOFTE,
        "add-activity",
        "--by",
        "kommun",
        "--commitment",
        "kommun-1",
        "--title",
        "Samma titel",
        "--description",
        "Samtidigt.",
        "--date",
        "2023-06-01",
    ]
    env = {"PATH": "/usr/bin:/bin", "LOFTE_TODAY": "2026-11-26"}

    def run(_: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, check=False)

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(run, range(20)))
    assert [r.returncode for r in results] == [0] * 20, [r.stderr for r in results]
    written = sorted(p for p in (repo / ACTIVITIES).glob("2023-06-01-samma-titel*.yaml"))
    assert len(written) == 20
    ids = {read_document(p).data["id"] for p in written}  # type: ignore[union-attr]
    assert ids == {p.stem for p in written}
    result = validate(repo, today=date(2026, 11, 26))
    assert result.errors == 0
    assert not [p for p in (repo / ACTIVITIES).iterdir() if p.name.startswith(".")]


def _spawn(repo: Path) -> pexpect.spawn:
    child = pexpect.spawn(
        LOFTE,
        ["add-activity"],
        cwd=str(repo),
        encoding="utf-8",
        timeout=20,
        # A test run started in the background inherits SIGINT ignored; a terminal user
        # does not, and only then does Ctrl-C reach lofte.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        env={
            "PATH": "/usr/bin:/bin",
            "LOFTE_TODAY": "2023-06-30",
            "TERM": "dumb",
            "COLUMNS": "200",
            # The lofte_cli under test where PYTHONPATH names one (a worktree's src/).
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        },
    )
    return child


def test_interactive_session_in_a_real_terminal(repo):
    child = _spawn(repo)
    child.expect("Date")
    child.sendline("2022-01-01")  # before the pledge: asked again
    child.expect("outside the period")
    child.expect("Date")
    child.sendline("2023-06-02")
    child.expect("Parties")
    child.sendline("kommun")
    child.expect("Commitments")
    child.sendline("9")  # not a choice: asked again
    child.expect("not one of the choices")
    child.expect("Commitments")
    child.sendline("1")  # kommun-1 is listed first: the chosen party promised it
    child.expect("Title")
    child.sendline("Föräldrakväll i Henån")
    child.expect("Description")
    child.sendline("Föräldrakväll om droger. Ring Anna på 070-123 45 67.")
    child.expect("personal data")  # asked again at once, not refused at the end
    child.expect("Description")
    child.sendline("Föräldrakväll om droger.")
    child.expect("Status")
    child.sendline("")
    child.expect("Place")
    child.sendline("Henån")
    child.expect("Participants")
    child.sendline("tjugo")
    child.expect("not a whole number")
    child.expect("Participants")
    child.sendline("20")
    child.expect("Person-hours")
    child.sendline("3")
    child.expect("Partners")
    child.sendline("skola, socialtjänst")
    child.expect("Target groups")
    child.sendline("föräldrar")
    child.expect("Link")
    child.sendline("https://kommun.se/kvall Kommunens nyhet")
    child.expect("Link")
    child.sendline("")
    child.expect("Write this file")
    child.sendline("y")
    child.expect("Wrote")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    doc = read_document(repo / ACTIVITIES / "2023-06-02-foraldrakvall-i-henan.yaml")
    assert isinstance(doc, Document)
    assert doc.data["commitments"] == ["kommun-1"] and doc.data["participants"] == 20
    assert doc.data["partners"] == ["skola", "socialtjänst"]
    assert doc.data["target_groups"] == ["föräldrar"]
    assert doc.data["links"] == [{"title": "Kommunens nyhet", "url": "https://kommun.se/kvall"}]


def test_ctrl_c_writes_nothing(repo):
    before = files(repo)
    child = _spawn(repo)
    child.expect("Date")
    child.sendline("2023-06-02")
    child.expect(r"Parties.*?: ")  # the prompt is waiting for input
    child.sendintr()
    child.expect("nothing was written")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert files(repo) == before


def test_after_a_warning_enter_alone_does_not_write(repo):
    before = files(repo)
    child = _spawn(repo)
    for prompt, answer in (
        ("Date", "2023-06-02"),
        ("Parties", "kommun"),
        ("Commitments", "polis-1"),  # kommun did not promise it: a warning (L117)
        ("Title", "Kontroll"),
        ("Description", "Kontroll."),
        ("Status", ""),
        ("Place", ""),
        ("Participants", ""),
        ("How many kontroller", ""),
        ("Person-hours", ""),
        ("Partners", ""),
        ("Target groups", ""),
        ("Link", ""),
    ):
        child.expect(prompt)
        child.sendline(answer)
    child.expect("L117")
    child.expect(r"Write this file\? \[y/n\] \(n\)")
    child.sendline("")
    child.expect("Nothing written")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert files(repo) == before


@pytest.mark.parametrize(
    ("hours", "message"),
    [("1,0x", "is not a number of hours"), ("nan", "is not a number of hours"), ("inf", "is not")],
)
def test_hours_flags_read_as_import_reads_them(run_cli, repo, hours, message):
    before = files(repo)
    result = run_cli(*MINIMAL, "--hours", hours, cwd=repo)
    assert result.exit_code == 2 and message in result.stderr
    assert "bug" not in result.stderr and files(repo) == before


@pytest.mark.parametrize(
    ("hours", "written"), [("1,125", "1.125"), ("0.125", "0.125"), ("1e-05", "1e-05")]
)
def test_hours_with_three_decimals_are_decimals(run_cli, repo, hours, written):
    result = run_cli(*MINIMAL, "--hours", hours, "--dry-run", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert f"hours: {written}\n" in result.stdout
