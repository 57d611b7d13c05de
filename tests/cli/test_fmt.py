"""`lofte fmt`: the canonical layout, every comment kept, idempotent, --check, broken files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lofte_cli.data.document import Document
from lofte_cli.data.yaml_io import read_document
from lofte_cli.edit.fmt import check_formatting, format_text, write_formatted
from lofte_cli.edit.fmt_comments import FormatRefused
from tests.helpers import REPO, copy_base, write_tree

ACTIVITIES = Path("data/pledges/p/activities")
FOLLOWUP_HINT = "# yaml-language-server: $schema=../../../../schemas/followup.schema.json"
MESSY_PATH = ACTIVITIES / "2023-05-02-foraldrakvall.yaml"
HINT = "# yaml-language-server: $schema=../../../../schemas/activity.schema.json\n"
MESSY = """\
# Föräldrakvällen i maj.

title: 'Föräldrakväll på Åsen'   # the public title
# who did it
by:
    - kommun
    - polisen
description: >-
    Föräldrakväll på skolan med polisen och
    fältassistenterna.

# the day
date: 2023-05-02
id: 2023-05-02-foraldrakvall
commitments: ["kommun-1", 'polis-1']    # what it serves
status: "done"
measures:
    # counted by the police
    kontroller: 2
links:
    -   url: "https://kommun.se/nyhet"
        title: 'Nyhet: föräldrakväll'
participants: 40
# the end
"""
CANONICAL = (
    HINT
    + """\
# Föräldrakvällen i maj.

id: 2023-05-02-foraldrakvall

# the day
date: 2023-05-02
status: done
# who did it
by:
  - kommun
  - polisen
commitments: [kommun-1, polis-1]    # what it serves
title: Föräldrakväll på Åsen   # the public title
description: >-
  Föräldrakväll på skolan med polisen och
  fältassistenterna.
participants: 40
measures:
  # counted by the police
  kontroller: 2
links:
  - title: 'Nyhet: föräldrakväll'
    url: https://kommun.se/nyhet
# the end
"""
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The corpus base, formatted, so that only what a test adds is out of layout."""
    root = copy_base(tmp_path / "repo")
    list(write_formatted(check_formatting(root), root))
    return root


def values(path: Path) -> object:
    doc = read_document(path)
    assert isinstance(doc, Document), doc
    return doc.data


def comment_lines(text: str) -> list[str]:
    return sorted(line.strip() for line in text.splitlines() if line.strip().startswith("#"))


# --- the layout --------------------------------------------------------------------------


def test_a_messy_file_gets_the_canonical_layout_with_every_comment(run_cli, repo):
    path = repo / MESSY_PATH
    write_tree(repo, {str(MESSY_PATH): MESSY})
    before = values(path)
    result = run_cli("fmt", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert f"reformatted {MESSY_PATH}" in result.stdout
    assert "1 reformatted, 4 already formatted" in result.stdout
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert values(path) == before
    assert run_cli("validate", cwd=repo).exit_code == 0


def test_keys_follow_the_schema_at_every_level_and_comments_move_with_them():
    messy = """\
# Header: stays on top.

title: 'Medborgarlöfte 2023–2024'
id: p
period:
    end: 2024-12-31     # last day
    start: 2023-01-01
# The parties
parties:
    polisen:
        kind: police
        name: "Lokalpolisområde Testbygden"
    kommun: {kind: municipality, name: Testkommun}
commitments:
    # Police first
    -   text: Genomföra trafikkontroller.
        # what counts
        expect: {per: year, count: 2, of: kontroller}
        by: polisen
        id: polis-1
indicators:
    - id: trygghet
      unit: "%"
      name: Andel trygga
      baseline: {value: 68, date: "2022-10-01"}
language: sv
"""
    assert format_text(messy, "pledge") == (
        """\
# Header: stays on top.

id: p
title: Medborgarlöfte 2023–2024
language: sv
period:
  start: 2023-01-01
  end: 2024-12-31     # last day
# The parties
parties:
  polisen:
    name: Lokalpolisområde Testbygden
    kind: police
  kommun: {name: Testkommun, kind: municipality}
commitments:
  # Police first
  - id: polis-1
    by: polisen
    text: Genomföra trafikkontroller.
    # what counts
    expect: {count: 2, of: kontroller, per: year}
indicators:
  - id: trygghet
    name: Andel trygga
    unit: "%"
    baseline: {value: 68, date: "2022-10-01"}
"""
    )


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ('place: "Åsen"', "place: Åsen"),  # quotes that change nothing go
        ("place: 'Åsen'", "place: Åsen"),
        ('period: "2023"', 'period: "2023"'),  # without them, a number
        ("period: '2023'", "period: '2023'"),  # the writer's quote is kept
        ('title: "true"', 'title: "true"'),
        ('title: "Möte: trygghet"', 'title: "Möte: trygghet"'),
        ('title: "# nr 1"', 'title: "# nr 1"'),
        ('end_date: "2023-05-03"', 'end_date: "2023-05-03"'),  # YAML 1.2 reads a date
        ("end_date: 2023-05-03", "end_date: 2023-05-03"),
        ('links: [{url: "https://x.se"}]', 'links: [{url: "https://x.se"}]'),  # YAML 1.1
        ('links:\n- url: "https://x.se"', "links:\n  - url: https://x.se"),
    ],
)
def test_quotes_stay_only_where_needed(written, canonical):
    text = f"id: a\n{written}\n"
    assert format_text(text, "activity") == f"id: a\n{canonical}\n"


def test_a_flow_mapping_at_the_top_becomes_block_style():
    text = "{title: T, id: a, by: [polisen], measures: {x: 1}}  # all on one line\n"
    assert format_text(text, "activity") == (
        "id: a\nby: [polisen]\ntitle: T\nmeasures: {x: 1}  # all on one line\n"
    )


def test_the_schema_comment_is_added_once_and_only_to_activities_and_followups():
    hint = "yaml-language-server: $schema=../../../../schemas/followup.schema.json"
    text = "date: 2023-12-15\nassessments: {polis-1: ongoing}\n"
    once = format_text(text, "followup", schema_hint=hint)
    assert once == f"# {hint}\n{text}"
    assert format_text(once, "followup", schema_hint=hint) == once
    elsewhere = f"# Uppföljning\n# {hint}\n{text}"
    assert format_text(elsewhere, "followup", schema_hint=hint) == elsewhere


def test_blank_lines_are_kept_once_and_a_final_newline_is_added():
    text = "\n\nid: a\n\n\n\ntitle: T\n\n# end\n\n\n"
    assert format_text(text, "activity") == "id: a\n\ntitle: T\n\n# end\n"
    assert format_text("id: a\ntitle: T", "activity") == "id: a\ntitle: T\n"


def test_block_text_keeps_its_lines_and_its_blank_lines():
    text = "id: a\ndescription: |\n  Första stycket.\n\n\n  # inte en kommentar\ntitle: T\n"
    assert format_text(text, "activity") == (
        "id: a\ntitle: T\ndescription: |\n  Första stycket.\n\n\n  # inte en kommentar\n"
    )


def test_a_file_lofte_cannot_rewrite_safely_is_refused():
    with pytest.raises(FormatRefused, match="line separator"):
        format_text("id: a\ntitle: T\u2028U\n", "activity")


# --- idempotence on real data ------------------------------------------------------------


def copy_data_root(source: Path, dest: Path) -> Path:
    shutil.copytree(source / "data", dest / "data")
    return dest


@pytest.mark.parametrize(
    "source", [REPO, REPO / "tests" / "fixtures" / "independent"], ids=["bundled", "independent"]
)
def test_fmt_is_idempotent_and_keeps_values_and_comments(run_cli, tmp_path, source):
    root = copy_data_root(source, tmp_path / "repo")
    files = sorted(root.rglob("*.yaml"))
    before = {p: (values(p), comment_lines(p.read_text(encoding="utf-8"))) for p in files}
    first = run_cli("--no-cache", "fmt", cwd=root)
    assert first.exit_code == 0, first.stdout + first.stderr
    once = {p: p.read_bytes() for p in files}
    for path, (data, comments) in before.items():
        assert values(path) == data, path
        after = comment_lines(path.read_text(encoding="utf-8"))
        hint = {"activities": HINT.strip(), "followups": FOLLOWUP_HINT}.get(path.parent.name)
        assert after == sorted(comments + ([hint] if hint and hint not in comments else [])), path
    second = run_cli("--no-cache", "fmt", cwd=root)
    assert second.exit_code == 0
    assert f"0 reformatted, {len(files)} already formatted" in second.stdout
    assert {p: p.read_bytes() for p in files} == once
    check = run_cli("--no-cache", "fmt", "--check", cwd=root)
    assert check.exit_code == 0, check.stdout


# --- --check, paths and broken files -----------------------------------------------------


def test_check_lists_what_would_change_exits_1_and_writes_nothing(run_cli, repo):
    path = write_tree(repo, {str(MESSY_PATH): MESSY}) / MESSY_PATH
    result = run_cli("fmt", "--check", cwd=repo)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"would reformat {MESSY_PATH}"
    assert "1 would change, 4 already formatted" in result.stdout
    assert path.read_text(encoding="utf-8") == MESSY


def test_check_exits_0_when_everything_is_formatted(run_cli, repo):
    result = run_cli("fmt", "--check", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 would change, 4 already formatted" in result.stdout


def test_an_activity_from_add_activity_is_already_canonical(run_cli, repo):
    added = run_cli(
        "add-activity",
        *("--pledge", "p", "--date", "2023-05-02", "--by", "kommun", "--by", "polisen"),
        *("--commitment", "kommun-1", "--commitment", "polis-1"),
        *("--title", "Möte: trygghet på Åsen", "--place", "Åsen", "--partner", "skola"),
        *("--description", "Vi gick runt i centrum och pratade med unga. " * 4),
        *("--participants", "12", "--measure", "kontroller=3", "--hours", "7.5"),
        *("--link", "https://kommun.se/nyhet Kommunens nyhet", "--link", "https://polisen.se/"),
        cwd=repo,
    )
    assert added.exit_code == 0, added.stdout + added.stderr
    result = run_cli("fmt", "--check", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 would change, 5 already formatted" in result.stdout


def test_a_file_that_does_not_parse_is_reported_and_left_alone(run_cli, repo):
    broken = ACTIVITIES / "2023-06-01-trasig.yaml"
    raw = b"id: 2023-06-01-trasig\ntitle: [unclosed\n"
    write_tree(repo, {str(broken): raw, str(MESSY_PATH): MESSY})
    for args in (["fmt", "--check"], ["fmt"]):
        result = run_cli(*args, cwd=repo)
        assert result.exit_code == 1
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"{broken}:") and " error L100 " in line
        assert (repo / broken).read_bytes() == raw
        assert "1 not formatted" in result.stdout
    assert (repo / MESSY_PATH).read_text(encoding="utf-8") == CANONICAL  # the rest is done


def test_paths_limit_the_files(run_cli, repo):
    other = ACTIVITIES / "2023-05-03-annan.yaml"
    write_tree(repo, {str(MESSY_PATH): MESSY, str(other): MESSY.replace("05-02", "05-03")})
    result = run_cli("fmt", str(MESSY_PATH), cwd=repo)
    assert result.exit_code == 0
    assert (repo / MESSY_PATH).read_text(encoding="utf-8") == CANONICAL
    assert (repo / other).read_text(encoding="utf-8") == MESSY.replace("05-02", "05-03")
    folder = run_cli("fmt", "--check", str(ACTIVITIES), cwd=repo)
    assert folder.exit_code == 1
    assert folder.stdout.splitlines()[0] == f"would reformat {other}"


def test_a_path_that_is_not_a_data_file_is_a_usage_error(run_cli, repo):
    write_tree(repo, {"README.md": "# Data\n"})
    result = run_cli("fmt", "README.md", cwd=repo)
    assert result.exit_code == 2
    assert "not a lofte data file" in result.stderr


# --- any order, any indentation, any comments --------------------------------------------

FIELDS = {
    "id": "2023-05-02-ovning",
    "date": "2023-05-02",
    "status": "done",
    "by": ["kommun", "polisen"],
    "commitments": ["kommun-1"],
    "title": "Övning: trygghet",
    "description": "Vi gick runt i centrum.",
    "place": "Åsen",
    "participants": 12,
    "measures": {"kontroller": 2},
}
COMMENTS = st.sampled_from(["# ok", "#", "# ÅÄÖ – mer", "#  två  mellanslag", "# a: b"])


def _value_lines(key: str, value: object, indent: int, flow: bool) -> list[str]:
    pad = " " * indent
    if isinstance(value, list):
        if flow:
            return [f"{key}: [{', '.join(value)}]"]
        return [f"{key}:", *(f"{pad}- {v}" for v in value)]
    if isinstance(value, dict):
        return [f"{key}:", *(f"{pad}{k}: {v}" for k, v in value.items())]
    if isinstance(value, str) and ": " in value:
        return [f'{key}: "{value}"']
    return [f"{key}: {value}"]


@st.composite
def activity_texts(draw: st.DrawFn) -> str:
    keys = draw(st.permutations(list(FIELDS)))
    indent = draw(st.sampled_from([2, 4]))
    lines: list[str] = []
    for key in keys:
        if draw(st.booleans()):
            lines.append(draw(COMMENTS))
        if draw(st.integers(0, 4)) == 0:
            lines.append("")
        block = _value_lines(key, FIELDS[key], indent, draw(st.booleans()))
        if draw(st.booleans()):
            block[0] += " " * draw(st.integers(1, 4)) + draw(COMMENTS)
        lines.extend(block)
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n# slut\n"]))


@settings(max_examples=60, deadline=None)
@given(activity_texts())
def test_any_layout_formats_once_and_for_all(text):
    once = format_text(text, "activity")  # refuses whatever would lose a value or comment
    assert format_text(once, "activity") == once
    keys = [line.split(":")[0] for line in once.splitlines() if line[:1].isalpha()]
    assert keys == list(FIELDS)
    assert comment_lines(once) == comment_lines(text)


def test_diff_shows_the_changes_and_writes_nothing(run_cli, tmp_path):
    repo = copy_base(tmp_path / "repo")
    path = repo / "data/pledges/p/activities/2023-03-14-foraldrakvall.yaml"
    before = path.read_bytes()
    result = run_cli("fmt", "--diff", str(path), cwd=repo)
    assert result.exit_code == 1
    name = "data/pledges/p/activities/2023-03-14-foraldrakvall.yaml"
    assert f"--- a/{name}\n+++ b/{name}\n" in result.stdout
    assert "\n+# yaml-language-server: $schema=../../../../schemas/activity.schema.json\n" in (
        result.stdout
    )
    assert path.read_bytes() == before
    assert run_cli("fmt", cwd=repo).exit_code == 0
    again = run_cli("fmt", "--diff", cwd=repo)
    assert again.exit_code == 0
    assert again.stdout == "0 would change, 4 already formatted\n"  # no diff at all
