"""Comments count as published (issue 19): the personal-data checks (L301–L303) also read
YAML comments, as warnings, since comments never reach the pages but the data repository is
often public; and the names of files and folders under the data folder, as errors, since a
data file's name is its id."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lofte_cli.data.document import ParseFailure
from lofte_cli.data.privacy_places import comment_problems, name_findings, yaml_comments
from lofte_cli.data.yaml_io import parse_bytes
from tests.helpers import copy_base, write_tree

ACTIVITY = "data/pledges/p/activities/2023-03-14-foraldrakvall.yaml"
A = "data/pledges/p/activities/"

COMMENTED = (
    "# yaml-language-server: $schema=../../../../schemas/activity.schema.json\n"
    "id: 2023-03-14-foraldrakvall\n"
    "date: 2023-03-14   # enligt Anna, anna.andersson@example.se\n"
    "status: done\n"
    "by: [kommun]\n"
    "commitments: [kommun-1]\n"
    "title: 'Föräldrakväll #2'\n"
    "description: |\n"
    "  Föräldrakväll på skolan om droger och sociala medier.\n"
    "  # en rad i texten, inte en kommentar\n"
    "# Ring Anna på 070-123 45 67 om listan, eller trygghet@kommun.se\n"
    "place: Testkommun\n"
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The base data root, whose pledge lists trygghet@kommun.se under `contacts`."""
    root = copy_base(tmp_path / "repo")
    write_tree(root, {ACTIVITY: COMMENTED})
    return root


def test_personal_data_in_comments_is_a_warning_naming_the_line(run_cli, repo):
    got = run_cli("validate", cwd=repo)
    assert got.exit_code == 0  # warnings only: comments never reach the pages
    assert got.stdout.splitlines()[:2] == [
        f"{ACTIVITY}:3:35: warning L302 e-mail address 'anna.andersson@example.se' in the "
        "comment on line 3: comments are not shown on the pages, but they are published "
        "with the data repository",
        f"{ACTIVITY}:11:16: warning L303 phone number '070-123 45 67' in the comment on line "
        "11: comments are not shown on the pages, but they are published with the data "
        "repository",
    ]
    assert got.stdout.splitlines()[-1] == "4 files checked: 0 errors, 2 warnings"
    assert run_cli("validate", "--strict", cwd=repo).exit_code == 1


def test_comment_warnings_in_swedish(run_cli, repo, monkeypatch):
    monkeypatch.setenv("LOFTE_LANG", "sv")
    got = run_cli("validate", cwd=repo)
    assert got.stdout.splitlines()[:2] == [
        f"{ACTIVITY}:3:35: varning L302 e-postadressen 'anna.andersson@example.se' står i "
        "kommentaren på rad 3: kommentarer syns inte på sidorna, men de publiceras med "
        "datamappen",
        f"{ACTIVITY}:11:16: varning L303 telefonnumret '070-123 45 67' står i kommentaren på "
        "rad 11: kommentarer syns inte på sidorna, men de publiceras med datamappen",
    ]
    assert got.stdout.splitlines()[-1] == "4 filer kontrollerade: 0 fel och 2 varningar"


def test_a_comment_warning_does_not_stop_a_render(run_cli, repo, tmp_path):
    got = run_cli("render", "--out", str(tmp_path / "site"), cwd=repo)
    assert got.exit_code == 0
    assert (tmp_path / "site" / "index.html").is_file()


def renamed(root: Path, stem: str) -> str:
    """The base activity as `stem`.yaml, its id and date to match."""
    text = (root / ACTIVITY).read_text(encoding="utf-8")
    return text.replace("2023-03-14-foraldrakvall", stem).replace("2023-03-14", stem[:10])


def test_names_with_personal_data_are_errors(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    followup = (root / "data/pledges/p/followups/2023-12-15.yaml").read_text(encoding="utf-8")
    write_tree(
        root,
        {
            f"{A}2023-03-15-811218-9876.yaml": renamed(root, "2023-03-15-811218-9876"),
            "data/pledges/p/followups/anna.andersson@example.se.yaml": followup,
            f"{A}070-123 45 67/notes.txt": "x",
            "data/pledges/p/kallelse-811218-9876.pdf": b"%PDF",
        },
    )
    got = run_cli("validate", cwd=root)
    assert got.exit_code == 1
    lines = [line for line in got.stdout.splitlines() if " L30" in line]
    assert lines == [
        f"{A}070-123 45 67:1:1: error L303 phone number '070-123 45 67' in the name 070-123 45 67: "
        "the names of files and folders are published with the data repository; rename it",
        f"{A}2023-03-15-811218-9876.yaml:1:1: error L301 personnummer '811218-9876' in the name "
        "2023-03-15-811218-9876.yaml: the names of files and folders are published with the "
        "data repository; rename it",
        "data/pledges/p/followups/anna.andersson@example.se.yaml:1:1: error L302 e-mail address "
        "'anna.andersson@example.se' in the name anna.andersson@example.se.yaml: the names of "
        "files and folders are published with the data repository; rename it",
        "data/pledges/p/kallelse-811218-9876.pdf:1:1: error L301 personnummer '811218-9876' in "
        "the name kallelse-811218-9876.pdf: the names of files and folders are published with "
        "the data repository; rename it",
    ]
    render = run_cli("render", "--out", str(tmp_path / "site"), cwd=root)
    assert render.exit_code == 1  # personal data stops a render
    assert not (tmp_path / "site").exists()


def test_names_in_swedish(run_cli, tmp_path, monkeypatch):
    root = copy_base(tmp_path / "repo")
    write_tree(root, {f"{A}2023-03-15-811218-9876.yaml": renamed(root, "2023-03-15-811218-9876")})
    monkeypatch.setenv("LOFTE_LANG", "sv")
    got = run_cli("validate", cwd=root)
    assert got.stdout.splitlines()[0] == (
        f"{A}2023-03-15-811218-9876.yaml:1:1: fel L301 personnumret '811218-9876' står i "
        "namnet 2023-03-15-811218-9876.yaml: namnen på filer och mappar publiceras med "
        "datamappen; döp om den"
    )


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("2023-03-14-811218-9876.yaml", [("L301", "811218-9876")]),
        ("anna.andersson@example.se.yaml", [("L302", "anna.andersson@example.se")]),
        ("2023-03-14-ring-070-123-45-67.yaml", [("L303", "070-123-45-67")]),
        ("samtal-med-19811218-9876", [("L301", "19811218-9876")]),
        ("2023-03-14-foraldrakvall.yaml", []),
        ("2023-12-15.yaml", []),
        ("sodra-fyrbodal-2023-2024", []),
        ("2023-10-06-aktivitet-074334.yaml", []),
        ("2023-03-14-811218-9875.yaml", []),  # the check digit is wrong: no personnummer
    ],
)
def test_names(name, found):
    assert [(f.code, f.text) for f in name_findings(name)] == found


def test_what_is_a_comment():
    text = (
        "# top\n"
        "a: 1 # after a value\n"
        "b: 'quoted # not a comment'\n"
        'c: "x" #right after\n'
        "d: |\n"
        "  text # not a comment\n"
        "  # nor this\n"
        "e: plain#not a comment\n"
        "f: [1, 2] # flow\n"
        "  # indented comment\n"
    )
    assert yaml_comments(text) == [
        (0, 0, "# top"),
        (1, 5, "# after a value"),
        (3, 7, "#right after"),
        (8, 10, "# flow"),
        (9, 2, "# indented comment"),
    ]


_PIECES = st.sampled_from(
    ["a: ", "- ", "  ", "#", " # ", "'", '"', "|", ">", "[", "]", "{", "}", ", ", "x@y.se",
     "070-123 45 67", "811218-9876", "text", "\n", "\t", "\\", ":", "\u00a0", "å"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_text_lofte_reads_has_its_comments_read_without_a_crash(text):
    """Whatever YAML lofte's reader takes, the comments are read (or every "#" is taken
    for one), never a crash."""
    if isinstance(parse_bytes(text.encode(), Path("f.yaml")), ParseFailure):
        return
    for line, col, comment in yaml_comments(text):
        assert comment.startswith("#")
        assert text.split("\n")[line][col:].rstrip("\r") == comment
    comment_problems(text.encode(), Path("f.yaml"), ("x@y.se",))
