"""Every command once in Swedish and once in English: the Swedish output has no English
sentence in it and the English none in Swedish (ids, codes, paths and option names aside),
and both end the same way. The data's own texts are neutral made-up words, so that any
Swedish or English found came from lofte."""

from __future__ import annotations

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

# Words that only English has (a Swedish sentence never holds them) and only Swedish has.
ENGLISH = frozenset(
    """the and is are not of to with was were has have this that which checked written
    wrote next pledge pledges commitment commitments party parties activity activities
    error errors warning warnings option options missing invalid mean should must found
    file files folder none nothing every each would there here your you what when where
    from into than then show usage help default required see run written read write
    page pages report export import follow-up assessment day""".split()  # noqa: SIM905
)
SWEDISH = frozenset(
    """och är inte att för med som på av till det den fel filer fil kontrollerade löfte
    löften åtagande aktivitet aktiviteter parter skriv finns saknas har ett rad kolumn
    varning varningar flaggor användning hjälp visa sidor rapport skrev mapp""".split()  # noqa: SIM905
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
    text = re.sub(r"\blofte [a-z-]+", " ", text)  # command names
    text = re.sub(r"(?m)^  [a-z-]+(?=\s{2,})", " ", text)  # … and in the command list
    text = re.sub(r'"[^"\n]*"', " ", text)  # values as typed in the examples
    text = re.sub(r"(?m)^\s*[a-z_]+:( .*)?$", " ", text)  # a data file shown (dry run)
    text = re.sub(r"`[^`]*`", " ", text)  # field names as the files write them
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
        )
    ),
]


def _run(repo: Path, language: str, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LOFTE_LANG", language)
    monkeypatch.setenv("LOFTE_TODAY", "2024-06-30")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(repo)
    out = repo / "OUT" / language
    args = tuple(a.replace("OUT", str(out)) for a in args)
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a)[:40])
def test_each_command_speaks_one_language(
    repo: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "data/pledges/qux-2024/activities/2024-04-01-krix.yaml").write_text(BROKEN)
    swedish = _run(repo, "sv", args, monkeypatch)
    english = _run(repo, "en", args, monkeypatch)
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
