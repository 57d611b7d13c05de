"""Every command once in Swedish and once in English: the Swedish output has no English
sentence in it and the English none in Swedish (ids, codes, paths and option names aside),
and both end the same way. The data's own texts are neutral made-up words, so that any
Swedish or English found came from lofte."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lofte_cli.cli.main import app
from tests.helpers import write_tree

PLEDGE = """\
id: qux-2024
title: Qux Zorp 2024
language: sv
area: Zorp
period: {start: 2024-01-01, end: 2024-12-31}
parties:
  polisen: {name: Zorpa Lokal, kind: police}
  zorp: {name: Zorp, kind: municipality}
goal: Blip blop.
commitments:
  - {id: polis-1, by: polisen, text: Plim plom plum., expect: {count: 4, per: year}}
  - {id: kommun-1, by: zorp, text: Krix krax krox.}
  - {id: kommun-2, by: zorp, text: Frip frap frop.}
signatories:
  - {name: Xan Yol, role: Zorpa, party: polisen}
"""
ACTIVITY = """\
id: 2024-03-05-plim
date: 2024-03-05
status: done
by: [polisen]
commitments: [polis-1]
title: Plim
description: Plim plom.
participants: 12
"""
BROKEN = """\
id: 2024-04-01-krix
date: 2024-04-01
status: done
by: [zorp, nobody]
commitments: [kommun-9]
title: Krix
description: Krix krax, 19811218-9876.
"""
CSV = "date;by;commitments;title;description\n2024-05-02;Zorp;kommun 1;Krax;Krax krox.\n"
# A spreadsheet where every row has several problems: all of them are told.
BAD_CSV = (
    "date;by;commitments;title;description;participants\n"
    "2024-13-02;Zorpp;kommun 7;Krax;Krax krox.;tolv\n"
    "5 mars 2024;zorp;kommun-1;;Krax krox.;3\n"
)
# Issues written from the forms `lofte forms` makes for qux-2024 (its language is sv), as
# GitHub writes them: one that gives a file, one with a mistake in each of two answers.
ISSUE_ACTIVITY = """\
### Datum (ÅÅÅÅ-MM-DD)

2024-6-2

### Vem genomförde aktiviteten

- [ ] Zorpa Lokal
- [X] Zorp

### Åtaganden som aktiviteten hör till

- [ ] polis-1: Plim plom plum.
- [X] kommun-2: Frip frap frop.

### Rubrik (kort, för allmänheten)

Frip

### Beskrivning (för allmänheten)

Frip frap.
"""
ISSUE_FOLLOWUP_BAD = """\
### Åtagande

kommun-7: Krix.

### Läge

zorp

### Kommentar (visas för allmänheten)

Krix.

### Datum (ÅÅÅÅ-MM-DD)

2024-06-31
"""


def _event(body: str) -> str:
    issue = {"number": 7, "title": "Qux: Zorp", "body": body, "user": {"login": "zorp"}}
    return json.dumps({"action": "opened", "issue": issue})


# Words that only English has (a Swedish sentence never holds them) and only Swedish has.
ENGLISH = frozenset(
    """the and is are not of to with was were has have this that which checked written
    wrote next pledge pledges commitment commitments party parties activity activities
    error errors warning warnings option options missing invalid mean should must found
    file files folder none nothing every each would there here your you what when where
    from into than then show usage help default required see run written read write
    page pages report export import follow-up assessment day or no it such directory
    cannot on at be been an""".split()  # noqa: SIM905
)
SWEDISH = frozenset(
    """och är inte att för med som på av till det den fel filer fil kontrollerade löfte
    löften åtagande aktivitet aktiviteter parter skriv finns saknas har ett rad kolumn
    varning varningar flaggor användning hjälp visa sidor rapport skrev mapp inga ingen
    inget eller kan ska måste menade tolkat sparade nästa steg dagen""".split()  # noqa: SIM905
)
# What stays the same in every language: the data's made-up words and ids, formats, words
# of git, YAML and the file formats, and the Swedish words lofte accepts as typed input
# (column headers, statuses), which the English help lists.
NEUTRAL = frozenset(
    """lofte git yaml yml json csv html markdown sarif github xlsx atom ics pull request
    commit add sv en qux zorp zorpa lokal plim plom plum krix krax krox frip frap frop blip
    blop xan yol polisen kommun polis nobody tsv utf
    pledge id date end_date status by commitments title description place partners
    target_groups participants measures hours links done planned cancelled not-started
    ongoing partly-done not-done not-applicable
    medborgarlöfte medborgarlöften datum slutdatum utförare åtaganden titel beskrivning
    plats länkar målgrupper mått genomförd genomfört inställd planerad påbörjat pågår delvis
    ej aktuellt""".split()  # noqa: SIM905
)
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _words(text: str) -> set[str]:
    """The words of `text` a person reads: not option names, paths, ids or codes."""
    text = re.sub(r"(?m)^\s*(?:\$ )?lofte .*$", " ", text)  # the examples in the help
    # GitHub's workflow commands (their title and message are read)
    text = re.sub(r"::(?:error|warning|notice) file=[^,]*,line=\d+,col=\d+,title=", " ", text)
    text = re.sub(r"\blofte [a-z-]+", " ", text)  # command names
    text = re.sub(r"(?m)^  [a-z-]+(?=\s{2,})", " ", text)  # … and in the command list
    text = re.sub(r'"[^"\n]*"', " ", text)  # values as typed in the examples
    # a data file shown (dry run), but not lofte's own "lofte: …" lines
    text = re.sub(r"(?m)^\s*(?!lofte:)[a-z_]+:( .*)?$", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)  # field names as the files write them
    text = re.sub(r"(?m)^[a-z_]+(?:,[a-z_]+)+$", " ", text)  # a CSV file's column names
    text = re.sub(r'"[a-z_]+"', " ", text)  # JSON keys
    text = re.sub(r"\b\w+_\w+\b", " ", text)  # keys and columns (as_of, done_per_month)
    text = re.sub(r"(?<![\w-])--?[\w-]+", " ", text)  # --by, -f
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # paths
    text = re.sub(r"\bL\d{3}\b", " ", text)  # rule codes
    text = re.sub(r"\S+\.(?:yaml|yml|csv|html|md|json|xlsx)\b", " ", text)
    return {w.lower() for w in WORD.findall(text)} - NEUTRAL


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = write_tree(
        tmp_path / "repo",
        {
            "data/pledges/qux-2024/pledge.yaml": PLEDGE,
            "data/pledges/qux-2024/activities/2024-03-05-plim.yaml": ACTIVITY,
            "rows.csv": CSV,
            "bad.csv": BAD_CSV,
            "broken.xlsx": b"PK\x03\x04 not really a workbook",
            "activity.json": _event(ISSUE_ACTIVITY),
            "followup.json": _event(ISSUE_FOLLOWUP_BAD),
        },
    )
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "Qux"]):
        subprocess.run(
            ["git", *args],
            cwd=root,
            check=True,
            env={
                "GIT_AUTHOR_NAME": "Zorp",
                "GIT_AUTHOR_EMAIL": "zorp@example.invalid",
                "GIT_COMMITTER_NAME": "Zorp",
                "GIT_COMMITTER_EMAIL": "zorp@example.invalid",
                "PATH": "/usr/bin:/bin:/usr/local/bin",
                "HOME": str(tmp_path),
            },
        )
    return root


COMMANDS: list[tuple[str, ...]] = [
    ("--help",),
    ("validate",),
    ("validate", "--list-rules"),
    ("validate", "--bogus"),
    ("coverage",),
    ("coverage", "--format", "markdown"),
    ("coverage", "--fail-under", "101"),
    ("render", "--out", "OUT/site"),
    ("report", "--from", "2024-01-01", "--to", "2024-12-31"),
    ("export", "--format", "csv", "--out", "OUT/export"),
    ("fmt", "--check"),
    ("history",),
    ("import", "rows.csv", "--dry-run"),
    (
        "add-activity",
        "--pledge",
        "qux-2024",
        "--by",
        "zorp",
        "--commitment",
        "kommun-2",
        "--title",
        "Frip",
        "--description",
        "Frip frap.",
        "--date",
        "2024-06-01",
        "--dry-run",
    ),
    ("add-activity", "--by", "nobody", "--commitment", "kommun-2", "--title", "Frip"),
    ("assess", "kommun-1", "--status", "ongoing", "--comment", "Krix.", "--dry-run"),
    ("new-pledge", "--id", "zorp", "--title", "Zorp"),
    ("init", "OUT/new"),
    ("validate", "--no-cache"),
    ("validate", "--strict", "--format", "github"),
    ("history", "--format", "json"),
    ("import", "bad.csv", "--dry-run"),
    ("import", "nothing.csv"),
    ("import",),
    ("import", "broken.xlsx"),
    ("render", "--templates", "nowhere"),
    ("render", "--templates", "rows.csv"),
    ("forms",),
    ("init", "OUT/gitlab", "--host", "gitlab", "--lofte-source", "0.3.0"),
    ("init", "OUT/bad", "--lofte-source", "../lofte; rm"),
    (
        "add-activity",
        "--by",
        "ZORP",
        "--commitment",
        "Kommun 2",
        "--status",
        "genomförd",
        "--date",
        "2 juni 2024",
        "--title",
        "Frip",
        "--description",
        "Frip frap.",
        "--dry-run",
    ),
    ("add-activity", "--by", "Zorpp", "--commitment", "kommun 7", "--title", "Frip"),
    ("add-activity", "--from-issue", "activity.json"),
    ("assess", "Kommun 1", "--status", "delvis", "--comment", "Krix."),
    ("assess", "kommun-7", "--status", "zorp", "--comment", "Krix."),
    ("assess", "--from-issue", "followup.json"),
    *(
        (name, "--help")
        for name in (
            "validate",
            "add-activity",
            "assess",
            "new-pledge",
            "init",
            "coverage",
            "render",
            "report",
            "fmt",
            "export",
            "import",
            "history",
            "forms",
        )
    ),
]
# The same on data without mistakes, so that what each command makes is seen (the file
# with a personnummer above keeps coverage, render, report and export from showing it).
CLEAN_COMMANDS: list[tuple[str, ...]] = [
    ("validate",),
    ("validate", "--format", "github"),
    ("coverage",),
    ("coverage", "--format", "csv"),
    ("coverage", "--format", "markdown"),
    ("coverage", "--per", "quarter"),
    ("coverage", "--fail-under", "101"),
    ("coverage", "--fail-under-progress", "101"),
    ("coverage", "--fail-under-progress", "80"),
    ("coverage", "--as-of", "5 mars 2024"),
    ("render", "--out", "OUT/site"),
    ("render", "--out", "OUT/md", "--format", "markdown"),
    ("report", "--format", "html", "--out", "OUT/report.html"),
    ("report", "--format", "docx", "--out", "OUT/report.docx"),
    ("report", "--format", "docx"),
    ("export", "--format", "json", "--out", "OUT/export.json"),
    ("export", "--format", "csv", "--out", "OUT/export"),
    ("import", "rows.csv"),
    ("forms",),
]


def _run(
    repo: Path,
    language: str,
    args: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
    *,
    broken: bool = True,
):
    monkeypatch.setenv("LOFTE_LANG", language)
    monkeypatch.setenv("LOFTE_TODAY", "2024-06-30")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(repo)
    # Each language starts from the same files: what the other one wrote is gone.
    subprocess.run(["git", "checkout", "-q", "--", "."], cwd=repo, check=True)
    subprocess.run(["git", "clean", "-qfdx", "-e", "OUT"], cwd=repo, check=True)
    if broken:
        (repo / "data/pledges/qux-2024/activities/2024-04-01-krix.yaml").write_text(BROKEN)
    out = repo / "OUT" / language
    args = tuple(a.replace("OUT", str(out)) for a in args)
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    ("args", "broken"),
    [(args, True) for args in COMMANDS] + [(args, False) for args in CLEAN_COMMANDS],
    ids=lambda a: " ".join(a)[:40] if isinstance(a, tuple) else ("broken" if a else "clean"),
)
def test_each_command_speaks_one_language(
    repo: Path, args: tuple[str, ...], broken: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    swedish = _run(repo, "sv", args, monkeypatch, broken=broken)
    english = _run(repo, "en", args, monkeypatch, broken=broken)
    assert swedish.exit_code == english.exit_code
    sv_words = _words(swedish.stdout + swedish.stderr)
    en_words = _words(english.stdout + english.stderr)
    assert sv_words & ENGLISH == set(), swedish.stdout + swedish.stderr
    assert en_words & SWEDISH == set(), english.stdout + english.stderr
    swedish_letters = {w for w in en_words if len(w) > 1 and re.search("[åäö]", w)}
    assert swedish_letters == set(), english.stdout + english.stderr


@pytest.mark.parametrize(
    ("environ", "usage"),
    [
        ({"LANG": "sv_SE.UTF-8"}, "Användning: lofte validate [FLAGGOR] [SÖKVÄG]..."),
        ({"LANG": "C.UTF-8"}, "Usage: lofte validate [OPTIONS] [PATH]..."),
        ({"LANG": "sv_SE.UTF-8", "LC_ALL": "C.UTF-8"}, "Usage: lofte validate [OPTIONS] [PATH]..."),
        ({"LANG": "sv_SE.UTF-8", "LOFTE_LANG": "en"}, "Usage: lofte validate [OPTIONS] [PATH]..."),
        (
            {"LANG": "C.UTF-8", "LOFTE_LANG": "sv"},
            "Användning: lofte validate [FLAGGOR] [SÖKVÄG]...",
        ),
    ],
)
def test_the_locale_chooses_the_language_unless_lofte_lang_does(
    environ: dict[str, str], usage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LOFTE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(app, ["validate", "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == usage


@pytest.mark.parametrize(
    ("args", "swedish", "english"),
    [
        (
            ["validate", "--strct"],
            "Fel: Flaggan --strct finns inte. Menade du --strict?",
            "Error: No such option: --strct. Did you mean --strict?",
        ),
        (
            ["valdate"],
            "Fel: Kommandot 'valdate' finns inte. Menade du 'validate'?",
            "Error: No such command 'valdate'. Did you mean 'validate'?",
        ),
        (
            ["coverage", "--fail-under"],
            "Fel: --fail-under behöver ett värde.",
            "Error: --fail-under needs a value.",
        ),
        (
            ["validate", "--strict=x"],
            "Fel: --strict tar inget värde.",
            "Error: --strict takes no value.",
        ),
        (
            ["history", "a", "b", "c"],
            "Fel: För många argument: b c",
            "Error: Too many arguments: b c",
        ),
    ],
)
def test_mistakes_in_a_call_are_said_in_the_users_language(
    args: list[str], swedish: str, english: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for language, last in (("sv", swedish), ("en", english)):
        monkeypatch.setenv("LOFTE_LANG", language)
        result = CliRunner().invoke(app, args, catch_exceptions=False)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == last


def test_an_unknown_option_shows_the_usage_in_swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOFTE_LANG", "sv")
    result = CliRunner().invoke(app, ["coverage", "--as-of", "2024-01-01", "--jobs"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Användning: lofte coverage [FLAGGOR] [LÖFTE]...",
        "Skriv 'lofte coverage --help' för hjälp.",
        "",
        "Fel: Flaggan --jobs finns inte",
    ]


def _human_texts(output_format: str, stdout: str) -> list[str]:
    """The texts a person reads in a machine format: keys, codes and ids stay as they are."""
    document = json.loads(stdout)
    if output_format == "json":
        return [p[key] for p in document for key in ("message", "hint")]
    if output_format == "gitlab":
        return [issue["description"] for issue in document]
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    texts = [r[key]["text"] for r in rules for key in ("shortDescription", "help")]
    return texts + [result["message"]["text"] for result in run["results"]]


@pytest.mark.parametrize("output_format", ["json", "sarif", "gitlab"])
def test_the_human_text_of_machine_formats_follows_the_language(
    repo: Path, output_format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("validate", "--format", output_format)
    swedish = _run(repo, "sv", args, monkeypatch)
    english = _run(repo, "en", args, monkeypatch)
    assert swedish.exit_code == english.exit_code == 1
    sv_texts = _human_texts(output_format, swedish.stdout)
    en_texts = _human_texts(output_format, english.stdout)
    assert len(sv_texts) == len(en_texts) >= 3
    sv_words = _words(" ".join(sv_texts))
    en_words = _words(" ".join(en_texts))
    assert sv_words & ENGLISH == set(), sv_texts
    assert en_words & SWEDISH == set(), en_texts
    assert "okänt åtagande 'kommun-9'" in " ".join(sv_texts)
    assert "unknown commitment 'kommun-9'" in " ".join(en_texts)
    # The contracts stay: the same codes, positions and keys in both languages.
    strip = re.compile(r'"(?:message|hint|description|text|markdown)": "[^"]*"')
    assert strip.sub("", swedish.stdout) == strip.sub("", english.stdout)
