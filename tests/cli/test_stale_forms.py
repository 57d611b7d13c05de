"""L130: `lofte validate` warns when the issue forms lofte wrote no longer fit the pledges,
and names the command that makes them again."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import write_tree

FORMS = Path(".github/ISSUE_TEMPLATE")
ACTIVITY_FORM = FORMS / "lofte-aktivitet.yml"
FOLLOWUP_FORM = FORMS / "lofte-uppfoljning.yml"

PLEDGE = """\
id: strand-2026
title: Trygghetslöfte Strandby 2026
language: sv
area: Strandby
period:
  start: 2026-01-01
  end: 2026-12-31
parties:
  polisen: {name: Lokalpolisområde Strandby, kind: police}
  strandby: {name: Strandby kommun, kind: municipality}
goal: Strandby ska vara tryggt.
commitments:
  - id: polis-1
    by: polisen
    text: Genomföra trafikkontroller vid skolorna.
  - id: kommun-1
    by: strandby
    text: Ordna trygghetsvandringar i centrum.
"""
PLEDGE_PATH = "data/pledges/strand-2026/pledge.yaml"


def stale(form: Path, pledges: str) -> str:
    return (
        f"{form}:2:1: warning L130 the issue form was made from other versions of the "
        f"pledges ({pledges}); run `lofte forms` to make it again"
    )


@pytest.fixture
def repo(tmp_path, run_cli) -> Path:
    root = write_tree(tmp_path / "r", {PLEDGE_PATH: PLEDGE})
    made = run_cli("forms", cwd=root)
    assert made.exit_code == 0, made.stderr
    return root


def warnings(run_cli, root: Path, *args: str) -> list[str]:
    result = run_cli("validate", "--no-cache", *args, cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if " warning " in line]


def edit(root: Path, old: str, new: str) -> None:
    path = root / PLEDGE_PATH
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_fresh_forms_give_no_warning_and_carry_their_stamp(run_cli, repo):
    assert warnings(run_cli, repo) == []
    lines = (repo / ACTIVITY_FORM).read_text(encoding="utf-8").splitlines()
    # The pledge speaks Swedish, and so does the whole line (issue 14).
    assert lines[0] == (
        "# Skapad av lofte forms (lofte forms skriver filen på nytt när löftena ändras)"
    )
    assert lines[1].startswith("# lofte forms: made from strand-2026@")
    assert len(lines[1]) == len("# lofte forms: made from strand-2026@") + 16


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Genomföra trafikkontroller vid skolorna.", "Genomföra trafikkontroller vid alla skolor."),
        ("Strandby kommun, kind", "Strandbys kommun, kind"),
        ("  - id: kommun-1\n", "  - id: kommun-2\n"),
        ("end: 2026-12-31", "end: 2027-06-30"),
    ],
)
def test_a_change_the_form_shows_makes_both_forms_stale(run_cli, repo, old, new):
    edit(repo, old, new)
    assert warnings(run_cli, repo) == [
        stale(ACTIVITY_FORM, "strand-2026"),
        stale(FOLLOWUP_FORM, "strand-2026"),
    ]
    assert run_cli("forms", cwd=repo).exit_code == 0
    assert warnings(run_cli, repo) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("goal: Strandby ska vara tryggt.", "goal: Strandby ska vara tryggare."),
        ("commitments:\n", "# Åtagandena som de skrevs under.\ncommitments:\n"),
        (
            "polisen: {name: Lokalpolisområde Strandby, kind: police}",
            "polisen:\n    name: Lokalpolisområde Strandby\n    kind: police",
        ),
    ],
)  # fmt: skip
def test_a_change_the_form_does_not_show_gives_no_warning(run_cli, repo, old, new):
    edit(repo, old, new)
    assert warnings(run_cli, repo) == []


def test_a_new_running_pledge_makes_the_forms_stale(run_cli, repo):
    other = PLEDGE.replace("strand-2026", "hamn-2026").replace("Strandby", "Hamnby")
    write_tree(repo, {"data/pledges/hamn-2026/pledge.yaml": other})
    assert warnings(run_cli, repo)[:1] == [stale(ACTIVITY_FORM, "hamn-2026")]


def test_a_form_without_a_stamp_was_made_by_an_older_lofte(run_cli, repo):
    path = repo / FOLLOWUP_FORM
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + "".join(lines[2:]), encoding="utf-8")
    assert warnings(run_cli, repo) == [
        f"{FOLLOWUP_FORM}:2:1: warning L130 the issue form was made by an older lofte; run "
        "`lofte forms` to make it again"
    ]


def test_forms_lofte_did_not_write_are_not_looked_at(run_cli, repo):
    edit(repo, "vid skolorna", "vid förskolorna")
    for form in (ACTIVITY_FORM, FOLLOWUP_FORM):
        (repo / form).write_text("name: Vårt eget formulär\nbody: []\n", encoding="utf-8")
    assert warnings(run_cli, repo) == []


def test_checking_some_files_leaves_the_forms_alone(run_cli, repo):
    edit(repo, "vid skolorna", "vid förskolorna")
    assert warnings(run_cli, repo, PLEDGE_PATH) == []


def test_the_warning_in_swedish_with_strict_as_an_error(run_cli, repo, monkeypatch):
    monkeypatch.setenv("LOFTE_LANG", "sv")
    edit(repo, "vid skolorna", "vid förskolorna")
    result = run_cli("validate", "--no-cache", "--strict", cwd=repo)
    assert result.exit_code == 1
    assert (
        f"{ACTIVITY_FORM}:2:1: fel L130 formuläret för ärenden gjordes från en äldre "
        "version av löftena (strand-2026); kör `lofte forms` för att göra om det"
    ) in result.stdout.splitlines()


NEW_PLEDGE = [
    "new-pledge",
    "--yes",
    "--title",
    "Medborgarlöfte Orust 2026",
    "--start",
    "2026-01-01",
    "--end",
    "2026-12-31",
    "--area",
    "Orust",
    "--party",
    "polisen:police:Lokalpolisområde Orust",
    "--party",
    "orust:municipality:Orust kommun",
    "--commitment",
    "polis-1:polisen:Genomföra trafikkontroller.",
]


def test_a_new_pledge_in_a_repository_from_init_gets_its_forms_at_once(run_cli, tmp_path):
    assert run_cli("init", "r", cwd=tmp_path).exit_code == 0
    result = run_cli(*NEW_PLEDGE, cwd=tmp_path / "r")
    assert result.exit_code == 0, result.stderr
    pledge = "data/pledges/medborgarlofte-orust-2026/pledge.yaml"
    assert result.stdout == (
        f"Wrote {pledge}\n"
        f"Wrote {ACTIVITY_FORM}\n"
        f"Wrote {FOLLOWUP_FORM}\n"
        f"Next: git add {pledge} {ACTIVITY_FORM} {FOLLOWUP_FORM} && git commit -m "
        '"Nytt löfte: medborgarlofte-orust-2026", then open a pull request.\n'
    )
    form = (tmp_path / "r" / ACTIVITY_FORM).read_text(encoding="utf-8")
    assert "      - label: Lokalpolisområde Orust\n" in form
    assert warnings(run_cli, tmp_path / "r") == []


def test_a_new_pledge_leaves_forms_alone_where_lofte_set_up_none(run_cli, tmp_path):
    root = write_tree(tmp_path / "r", {"data/pledges/.gitkeep": ""})
    result = run_cli(*NEW_PLEDGE, cwd=root)
    assert result.exit_code == 0, result.stderr
    assert not (root / ".github").exists()
    own = write_tree(
        tmp_path / "own", {"data/pledges/.gitkeep": "", str(ACTIVITY_FORM): "name: Eget\n"}
    )
    assert run_cli("init", str(own), cwd=tmp_path).exit_code == 0
    assert run_cli(*NEW_PLEDGE, cwd=own).exit_code == 0
    assert (own / ACTIVITY_FORM).read_text(encoding="utf-8") == "name: Eget\n"
    assert (own / FOLLOWUP_FORM).read_text(encoding="utf-8").startswith("# Skapad av lofte forms")
