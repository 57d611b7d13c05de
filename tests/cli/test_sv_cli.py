"""The command line's own words in Swedish (LOFTE_LANG=sv) and in English: the help of the
group and of validate, coverage, render, report, fmt, export and history, validate's
summary, the coverage table, fmt's summary, what render and export say they wrote, the
next step after a file is written. Every expected text is written out by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import copy_base

COMMANDS = ("validate", "coverage", "render", "report", "fmt", "export", "history")
ACTIVITY = "data/pledges/p/activities/2023-03-14-foraldrakvall.yaml"
# What a programmer's label looks like: `<str>`, `<list[Path]>`, `<float range>`, `[x>=0]`.
TYPE_NAMES = re.compile(
    r"<(?:list\[\w+\]|str|int|float|bool|Path|path|dir|file|datetime|\w+ range)>"
    r"|\[[\d.]*<?=?x[<>]=?[\d.]*\]"
)


@pytest.fixture
def swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOFTE_LANG", "sv")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_base(tmp_path / "repo")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- help ----------------------------------------------------------------------------------


def test_the_command_list_in_swedish_has_whole_descriptions(run_cli, swedish):
    shown = run_cli("--help")
    assert shown.exit_code == 0
    text = " ".join(shown.stdout.split())  # the list wraps long lines; the words stay
    assert "Håll ordning på medborgarlöften" in text
    assert "Exempel: lofte validate" in text
    assert "--data MAPP Datamappen (mappen med data/pledges/)." in text
    assert "--at VERSION Läs uppgifterna som de såg ut i en version eller tagg i git" in text
    for command, summary in (
        ("validate", "Kontrollera alla filer mot scheman och regler."),
        ("coverage", "Visa vad parterna har gjort per åtagande och vad som saknas."),
        ("render", "Publicera sidorna: en webbplats i HTML och/eller Markdown."),
        ("report", "Skriv uppföljningsrapporten till styrgrupp eller kommunstyrelse."),
        ("fmt", "Skriv om datafilerna i enhetlig form, med kommentarerna kvar."),
        ("export", "Exportera löften, aktiviteter och täckning som öppna data."),
        ("history", "Visa ett löftes versioner och vad som ändrades i var och en."),
    ):
        assert f"  {command.ljust(12)}  {summary}" in shown.stdout.splitlines()  # one line
    assert not TYPE_NAMES.search(shown.stdout)


def test_the_command_list_in_english_has_whole_descriptions(run_cli):
    text = run_cli("--help").stdout
    assert "  --data FOLDER         The data repository (the folder holding" in text
    assert "  --at REVISION         Read the data as it stood at a git revision or tag" in text
    for command, summary in (
        ("validate", "Check every file against the schemas and the rules."),
        ("coverage", "Show what each party has done per commitment, and the gaps."),
        ("render", "Publish the pages: an HTML site and/or Markdown summaries."),
        ("report", "Write the follow-up report for the steering group or council."),
        ("fmt", "Rewrite the data files in the canonical layout, comments kept."),
        ("export", "Export pledges, activities and coverage as open data."),
        ("history", "List the revisions of a pledge and what each one changed."),
    ):
        assert f"  {command.ljust(12)}  {summary}" in text.splitlines()  # one line
    assert "Check every pledge, activity and follow-up against the..." not in text


SWEDISH_HELP = {
    "validate": (
        "Användning: lofte validate [FLAGGOR] [SÖKVÄG]...",
        "Kontrollera alla medborgarlöften, aktiviteter och uppföljningar mot scheman och regler.",
        ["SÖKVÄG... Filer eller mappar att kontrollera (standard: hela datamappen).",
         "--strict Räkna varningar som fel."],
    ),
    "coverage": (
        "Användning: lofte coverage [FLAGGOR] [LÖFTE]...",
        "Visa vad som har gjorts för varje åtagande, per part som har lovat det.",
        ["LÖFTE... Löftenas id (standard: alla löften).",
         "--as-of DATUM Dagen då täckningen mäts, ÅÅÅÅ-MM-DD (standard: i dag).",
         "--per PERIOD Räkna också per week (vecka), month (månad), quarter (kvartal)",
         "--fail-under PROCENT Avsluta med kod 1 när ett löftes täckning är under PROCENT",
         "--quiet-after TID Ett åtagande utan aktivitet så här länge har tystnat"],
    ),
    "render": (
        "Användning: lofte render [FLAGGOR]",
        "Publicera sidorna: en statisk webbplats i HTML och/eller sammanfattningar i Markdown.",
        ["--out MAPP Mappen som sidorna skrivs till.",
         "--templates MAPP En mapp med mallar",
         "--as-of DATUM Dagen som täckningen räknas fram till",
         "--lang SPRÅK sv eller en för alla sidor (standard: varje löftes eget språk)."],
    ),
    "report": (
        "Användning: lofte report [FLAGGOR] [LÖFTE]",
        "Skriv uppföljningsrapporten för en tidsperiod, till styrgruppen eller kommunstyrelsen.",
        ["LÖFTE Löftets id (standard: det enda löftet).",
         "--from DATUM Periodens första dag (standard: löftets startdag).",
         "--to DATUM Periodens sista dag (standard: i dag eller löftets slutdag).",
         "--out FIL Skriv till den här filen i stället för till standard ut."],
    ),
    "fmt": (
        "Användning: lofte fmt [FLAGGOR] [SÖKVÄG]...",
        "Skriv om löften, aktiviteter och uppföljningar i lofte:s enhetliga form.",
        ["SÖKVÄG... Filer eller mappar att formatera (standard: alla datafiler).",
         "--check Ändra inget; lista filerna som skulle ändras"],
    ),
    "export": (
        "Användning: lofte export [FLAGGOR]",
        "Exportera alla löften, åtaganden, aktiviteter, uppföljningar och täckningen som "
        "öppna data.",
        ["--out SÖKVÄG json: filen att skriva till",
         "--as-of DATUM Dagen som täckningen räknas fram till"],
    ),
    "history": (
        "Användning: lofte history [FLAGGOR] [LÖFTE]",
        "Visa ett löftes versioner ur git: datum, vem som gjorde ändringen",
        ["LÖFTE Löftets id eller dess mapp (standard: det enda löftet)."],
    ),
}  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_in_swedish(run_cli, swedish, command):
    usage, description, rows = SWEDISH_HELP[command]
    shown = run_cli(command, "--help")
    assert shown.exit_code == 0
    assert shown.stdout.splitlines()[0] == usage
    text = " ".join(shown.stdout.split())
    assert description in text
    assert "Exempel:" in text and f"lofte {command}" in text
    for row in rows:
        assert row in text
    # The arguments' heading is Swedish, and there exactly when the usage line names one.
    takes_arguments = usage.removeprefix(f"Användning: lofte {command} [FLAGGOR]") != ""
    assert ("Argument:" in shown.stdout.splitlines()) is takes_arguments
    assert "Arguments:" not in shown.stdout
    assert not TYPE_NAMES.search(shown.stdout), shown.stdout
    for english in ("Examples", "Options", "default", "Files or folders", "The pledge id"):
        assert english not in text


ENGLISH_ROWS = {
    "validate": ["Usage: lofte validate [OPTIONS] [PATH]...", "PATH... Files or folders to check"],
    "coverage": ["Usage: lofte coverage [OPTIONS] [PLEDGE]...", "--as-of DATE The day",
                 "--per PERIOD Also count", "--fail-under PERCENT Exit 1",
                 "--quiet-after DURATION A commitment"],
    "render": ["--out FOLDER Output folder.", "--templates FOLDER", "--as-of DATE",
               "--lang LANGUAGE"],
    "report": ["Usage: lofte report [OPTIONS] [PLEDGE]", "PLEDGE The pledge id",
               "--from DATE", "--to DATE", "--out FILE", "--lang LANGUAGE"],
    "fmt": ["Usage: lofte fmt [OPTIONS] [PATH]...", "PATH... Files or folders to format"],
    "export": ["--out PATH json: the file to write", "--as-of DATE"],
    "history": ["Usage: lofte history [OPTIONS] [PLEDGE]", "PLEDGE The pledge id, or its folder"],
}  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_in_english(run_cli, command):
    shown = run_cli(command, "--help")
    assert shown.exit_code == 0
    text = " ".join(shown.stdout.split())
    for row in ENGLISH_ROWS[command]:
        assert row in text
    assert "Example" in text
    assert not TYPE_NAMES.search(shown.stdout), shown.stdout
    for swedish_word in ("Användning", "Flaggor", "standard:", "Exempel", "löfte"):
        assert swedish_word not in text


def test_the_type_names_pattern_finds_what_it_should():
    for label in ("<str>", "<list[str]>", "paths... <list[Path]>", "<float range>", "[x>=0]",
                  "[0<=x<=100]"):  # fmt: skip
        assert TYPE_NAMES.search(label), label
    assert not TYPE_NAMES.search("-f, --format [text|json|github|sarif]  [standard: text]")
    assert not TYPE_NAMES.search("data/pledges/<id>/pledge.yaml")


def test_a_percentage_out_of_range_is_refused_in_swedish(run_cli, swedish, repo):
    shown = run_cli("coverage", "--fail-under", "120", cwd=repo)
    assert shown.exit_code == 2
    assert "120 är ingen procentsats från 0 till 100" in shown.stderr


# --- validate ------------------------------------------------------------------------------


def test_validate_summary_in_swedish_plural(run_cli, swedish, repo):
    _edit(repo / ACTIVITY, "by: [kommun]", "by: [polisen]")  # L117, a warning
    (repo / "data/pledges/p/pledge.yaml").write_text(
        (repo / "data/pledges/p/pledge.yaml").read_text(encoding="utf-8") + "supersedes: nope\n",
        encoding="utf-8",
    )  # L107, a warning
    shown = run_cli("validate", cwd=repo)
    assert shown.exit_code == 0
    assert shown.stdout.splitlines()[-1] == "4 filer kontrollerade: 0 fel och 2 varningar"
    assert f"{ACTIVITY}:4:6: varning L117 " in shown.stdout
    assert shown.stderr.startswith("Så här åtgärdar du det:\n  L107 ")


def test_validate_summary_in_swedish_singular(run_cli, swedish, repo):
    _edit(repo / ACTIVITY, "commitments: [kommun-1]", "commitments: [kommun-9]")
    shown = run_cli("validate", ACTIVITY, cwd=repo)
    assert shown.exit_code == 1
    assert shown.stdout.splitlines()[-1] == "1 fil kontrollerad: 1 fel och 0 varningar"
    assert shown.stdout.startswith(f"{ACTIVITY}:5:15: fel L103 ")
    _edit(repo / ACTIVITY, "commitments: [kommun-9]", "commitments: [kommun-1]")
    _edit(repo / ACTIVITY, "by: [kommun]", "by: [polisen]")
    shown = run_cli("validate", ACTIVITY, cwd=repo)
    assert shown.stdout.splitlines()[-1] == "1 fil kontrollerad: 0 fel och 1 varning"


def test_validate_summary_with_two_errors_in_swedish(run_cli, swedish, repo):
    _edit(repo / ACTIVITY, "commitments: [kommun-1]", "commitments: [kommun-8, kommun-9]")
    shown = run_cli("validate", cwd=repo)
    assert shown.stdout.splitlines()[-1] == "4 filer kontrollerade: 2 fel och 0 varningar"


def test_validate_summary_in_english_keeps_its_words(run_cli, repo):
    _edit(repo / ACTIVITY, "commitments: [kommun-1]", "commitments: [kommun-9]")
    shown = run_cli("validate", ACTIVITY, cwd=repo)
    assert shown.stdout.splitlines()[-1] == "1 file checked: 1 error, 0 warnings"
    assert shown.stdout.startswith(f"{ACTIVITY}:5:15: error L103 ")
    assert shown.stderr.startswith("How to fix:\n")


def test_the_rules_table_in_swedish(run_cli, swedish):
    shown = run_cli("validate", "--list-rules")
    assert shown.stdout.startswith("lofte validate: regler\n")
    header = shown.stdout.splitlines()[2]
    assert [cell.strip() for cell in header.strip("┃").split("┃")] == [
        "kod",
        "typ",
        "problem",
        "så åtgärdar du det",
    ]
    assert re.search(r"│ L100 │ fel +│", shown.stdout)
    assert re.search(r"│ L107 │ varning +│", shown.stdout)


# --- coverage ------------------------------------------------------------------------------


def test_coverage_table_in_swedish(run_cli, swedish, repo):
    shown = run_cli("coverage", "--as-of", "2024-12-31", "--per", "quarter", cwd=repo)
    assert shown.exit_code == 0
    lines = shown.stdout.splitlines()
    header = next(line for line in lines if "Åtagande" in line)
    assert [cell.strip() for cell in header.strip("┃").split("┃")] == [
        "Åtagande",
        "polisen",
        "kommun",
        "kommun2",
        "Läge",
        "Andel gjort",
        "Bedömning",
        "Senaste aktivitet",
    ]
    # progress: polis-1 3 of 4 = 75 %, polis-2 0 of 1
    polis_1 = r"│ polis-1 +│ +3/4 │ +│ +│ hålls delvis +│ +75,0 % │ pågår +│ 2023-04-02 +│"
    assert re.search(polis_1, shown.stdout)
    assert re.search(r"│ polis-2 +│ +0/1 │ +│ +│ inte påbörjat +│ +0,0 % │", shown.stdout)
    assert "p: genomfört per kvartal" in shown.stdout
    assert "Luckor:" in lines


def test_coverage_table_in_english(run_cli, repo):
    shown = run_cli("coverage", "--as-of", "2024-12-31", "--per", "quarter", cwd=repo)
    header = r"┃ Commitment ┃ polisen ┃ .* ┃ Status +┃ Progress ┃ Assessment ┃ Last activity ┃"
    assert re.search(header, shown.stdout)
    assert re.search(r"│ polis-1 +│ +3/4 │ +│ +│ partial +│ +75\.0 % │", shown.stdout)
    assert "p: done per quarter" in shown.stdout and "Gaps:" in shown.stdout.splitlines()


def test_broken_files_are_counted_in_swedish(run_cli, swedish, repo):
    (repo / "data/pledges/p/activities/2023-04-02-trafikkontroll.yaml").write_text("a: [\n")
    shown = run_cli("coverage", "--as-of", "2024-12-31", cwd=repo)
    assert shown.stderr == (
        "lofte: 1 fil har fel och är utelämnad eller bara delvis medräknad; kör lofte validate\n"
    )
    (repo / ACTIVITY).write_text("b: [\n")
    shown = run_cli("coverage", "--as-of", "2024-12-31", cwd=repo)
    assert shown.stderr == (
        "lofte: 2 filer har fel och är utelämnade eller bara delvis medräknade; "
        "kör lofte validate\n"
    )


# --- fmt, render, export -----------------------------------------------------------------


def test_fmt_summary_in_swedish(run_cli, swedish, repo):
    run_cli("fmt", cwd=repo)
    _edit(repo / ACTIVITY, "date: 2023-03-14\nstatus: done", "status: done\ndate: 2023-03-14")
    shown = run_cli("fmt", "--check", cwd=repo)
    assert shown.exit_code == 1
    assert shown.stdout.splitlines()[-2:] == [
        f"skulle formatera om {ACTIVITY}",
        "1 skulle ändras, 3 redan formaterade",
    ]
    shown = run_cli("fmt", cwd=repo)
    assert shown.stdout.splitlines()[-2:] == [
        f"formaterade om {ACTIVITY}",
        "1 omformaterad, 3 redan formaterade",
    ]
    shown = run_cli("fmt", ACTIVITY, cwd=repo)
    assert shown.stdout == "0 omformaterade, 1 redan formaterad\n"


def test_fmt_summary_in_english(run_cli, repo):
    run_cli("fmt", cwd=repo)
    _edit(repo / ACTIVITY, "date: 2023-03-14\nstatus: done", "status: done\ndate: 2023-03-14")
    shown = run_cli("fmt", cwd=repo)
    assert shown.stdout.splitlines()[-1] == "1 reformatted, 3 already formatted"


def test_render_and_export_say_what_they_wrote_in_swedish(run_cli, swedish, repo, tmp_path):
    site = tmp_path / "site"
    shown = run_cli("render", "--out", str(site), "--format", "markdown", cwd=repo)
    assert shown.exit_code == 0, shown.stderr
    assert re.fullmatch(
        rf"Sparade \d+ filer i {re.escape(str(site))}/; öppna {re.escape(str(site))}/README.md\n",
        shown.stdout,
    )
    out = tmp_path / "export"
    shown = run_cli("export", "--format", "csv", "--out", str(out), cwd=repo)
    assert shown.stdout == f"Sparade {out}/activities.csv, {out}/coverage.csv\n"


def test_at_a_revision_a_writing_command_is_refused_in_swedish(run_cli, swedish, repo):
    shown = run_cli("--at", "HEAD", "fmt", cwd=repo)
    assert shown.exit_code == 2
    assert shown.stderr == (
        "lofte: --at HEAD läser uppgifterna som de såg ut då; fmt skriver filer och arbetar "
        "därför med uppgifterna som de är nu (ta bort --at)\n"
    )


def test_a_bad_lofte_today_in_swedish(run_cli, swedish, repo):
    shown = run_cli("validate", cwd=repo, today="i morgon")
    assert shown.exit_code == 2
    assert shown.stderr == "lofte: LOFTE_TODAY='i morgon' är inget datum (ÅÅÅÅ-MM-DD)\n"


# --- what every command shares -------------------------------------------------------------


def test_the_next_step_in_swedish(capsys, tmp_path, monkeypatch):
    from lofte_cli.cli.app import print_written
    from lofte_cli.i18n import speaking

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "data/pledges/p/followups/2024-12-15.yaml"
    with speaking("sv"):
        print_written(path, "Created", "Uppföljning 2024-12-15")
        print_written(path, "Updated", "Uppföljning 2024-12-15")
    assert capsys.readouterr().out == (
        "Skapade data/pledges/p/followups/2024-12-15.yaml\n"
        "Nästa steg: git add data/pledges/p/followups/2024-12-15.yaml && "
        'git commit -m "Uppföljning 2024-12-15", och öppna sedan en pull request.\n'
        "Uppdaterade data/pledges/p/followups/2024-12-15.yaml\n"
        "Nästa steg: git add data/pledges/p/followups/2024-12-15.yaml && "
        'git commit -m "Uppföljning 2024-12-15", och öppna sedan en pull request.\n'
    )


def test_the_next_step_in_english(capsys, tmp_path, monkeypatch):
    from lofte_cli.cli.app import print_written

    monkeypatch.chdir(tmp_path)
    print_written(tmp_path / "a.yaml", "Wrote", "Aktivitet: a")
    assert capsys.readouterr().out == (
        'Wrote a.yaml\nNext: git add a.yaml && git commit -m "Aktivitet: a", '
        "then open a pull request.\n"
    )


def test_internal_errors_and_system_errors_in_swedish(run_cli, swedish, repo, monkeypatch):
    import lofte_cli.data.validate

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(lofte_cli.data.validate, "validate", boom)
    shown = run_cli("validate", cwd=repo)
    assert shown.exit_code == 3
    assert shown.stderr == (
        "lofte: internt fel (ett fel i lofte, inte i dina uppgifter): RuntimeError('boom'); "
        "kör igen med LOFTE_DEBUG=1 för att se var felet uppstod, och rapportera det\n"
    )

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "data/pledges/p/pledge.yaml")

    monkeypatch.setattr(lofte_cli.data.validate, "validate", denied)
    shown = run_cli("validate", cwd=repo)
    assert shown.exit_code == 1
    assert shown.stderr == "lofte: data/pledges/p/pledge.yaml: Åtkomst nekad\n"


def test_forced_output_names_what_goes_out_in_swedish(capsys, tmp_path):
    from lofte_cli.cli.app import apply_verdict
    from lofte_cli.data.problem import problem
    from lofte_cli.i18n import speaking
    from lofte_cli.publish.publication import ACTIONS, Verdict

    found = problem("L301", tmp_path / "a.yaml", "x")
    broken = problem("L103", tmp_path / "b.yaml", "y")
    with speaking("sv"):
        apply_verdict(Verdict(None, ACTIONS["publish"], despite=(found,), left_out=(broken,)))
        apply_verdict(Verdict(None, ACTIONS["export"], despite=(found,), left_out=(broken,)))
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        "publiceras trots personuppgifter",
        "utelämnas och publiceras inte",
        "exporteras trots personuppgifter",
        "utelämnas och exporteras inte",
    ]
