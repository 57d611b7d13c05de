"""Issue 16: `lofte forms` writes GitHub issue forms from the pledges, and an issue written
from them becomes, through `--from-issue`, the same file as `add-activity` or `assess`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from lofte_cli.data.yaml_roundtrip import load_roundtrip
from tests.helpers import REPO, Run, copy_base, write_tree

CHECK_JSONSCHEMA = str(Path(sys.executable).parent / "check-jsonschema")
FORMS = Path(".github/ISSUE_TEMPLATE")
BUNDLED_ID = "sodra-fyrbodal-2023-2024"

INDEPENDENT_PLEDGE = """\
id: harbour-2025
title: Harbour Town Pledge 2025
language: en
area: Harbour Town
period:
  start: 2025-01-01
  end: 2025-12-31
parties:
  police: {name: Harbour Police District, kind: police}
  town: {name: Harbour Town Council, kind: municipality}
commitments:
  - id: police-1
    by: police
    text: Hold traffic checks near the schools, at least ten a year.
    expect: {count: 10, of: checks, per: year}
  - id: town-1
    by: town
    text: Light the footpaths by the harbour.
signatories:
  - {name: Eva Ek, role: Chief, party: police}
sources:
  - {title: The pledge, url: "https://harbour.example/pledge"}
contacts: [safety@harbour.example]
"""


def bundled(tmp: Path) -> Path:
    shutil.copytree(REPO / "data", tmp / "data")
    return tmp


def independent(tmp: Path) -> Path:
    return write_tree(tmp, {"data/pledges/harbour-2025/pledge.yaml": INDEPENDENT_PLEDGE})


def github_body(form: Mapping[str, Any], answers: Mapping[str, Any]) -> str:
    """The issue body GitHub writes from `form` filled in with `answers` (by field id):
    `### label`, a blank line, the value or _No response_; every box, ticked or not."""
    parts = []
    for element in form["body"]:
        if element["type"] == "markdown":
            continue
        attributes = element["attributes"]
        answer = answers.get(element["id"])
        if element["type"] == "checkboxes":
            value = "\n".join(
                f"- [{'X' if o['label'] in (answer or ()) else ' '}] {o['label']}"
                for o in attributes["options"]
            )
        else:
            value = answer if answer else "_No response_"
        parts.append(f"### {attributes['label']}\n\n{value}")
    return "\n\n".join(parts)


def event(tmp: Path, body: str, number: int = 7) -> Path:
    path = tmp / "event.json"
    issue = {
        "number": number,
        "title": "Aktivitet: x",
        "body": body,
        "user": {"login": "anna"},
        "author_association": "MEMBER",
        "labels": [{"name": "aktivitet"}],
    }
    path.write_text(json.dumps({"action": "opened", "issue": issue}), encoding="utf-8")
    return path


def forms_of(root: Path, run_cli: Callable[..., Run]) -> tuple[dict[str, Any], dict[str, Any]]:
    result = run_cli("forms", cwd=root)
    assert result.exit_code == 0, result.stderr
    activity = load_roundtrip((root / FORMS / "lofte-aktivitet.yml").read_text("utf-8"))
    followup = load_roundtrip((root / FORMS / "lofte-uppfoljning.yml").read_text("utf-8"))
    return activity, followup


# --- the forms -------------------------------------------------------------------------


@pytest.mark.parametrize("make", [bundled, independent])
def test_forms_validate_against_githubs_schema(
    tmp_path: Path, run_cli: Callable[..., Run], make: Callable[[Path], Path]
) -> None:
    root = make(tmp_path)
    forms_of(root, run_cli)
    files = sorted(str(p) for p in (root / FORMS).iterdir())
    assert len(files) == 2
    result = subprocess.run(
        [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-issue-forms", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_activity_form_speaks_the_pledges_swedish(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    activity, followup = forms_of(copy_base(tmp_path / "d"), run_cli)
    assert activity["name"] == "Ny aktivitet"
    assert activity["labels"] == ["aktivitet"]
    fields = [(e["id"], e["attributes"]["label"]) for e in activity["body"][1:]]
    assert fields == [
        ("date", "Datum (ÅÅÅÅ-MM-DD)"),
        ("by", "Vem genomförde aktiviteten"),
        ("commitments", "Åtaganden som aktiviteten hör till"),
        ("title", "Rubrik (kort, för allmänheten)"),
        ("description", "Beskrivning (för allmänheten)"),
        ("place", "Plats"),
        ("participants", "Antal deltagare"),
        ("measure-kontroller", "Antal: kontroller (kontroller)"),
        ("hours", "Arbetstimmar"),
        ("links", "Länkar (en per rad: adressen, sedan en rubrik om du vill)"),
    ]
    by = activity["body"][2]["attributes"]["options"]
    assert [o["label"] for o in by] == [
        "Lokalpolisområde Testbygden",
        "Testkommun",
        "Andra kommunen",
    ]
    commitments = [o["label"] for o in activity["body"][3]["attributes"]["options"]]
    assert commitments[0] == "polis-1: Genomföra minst två trafikkontroller per år."
    assert activity["body"][4]["validations"] == {"required": True}
    assert activity["body"][6]["validations"] == {"required": False}
    assert followup["name"] == "Uppföljning"
    assert followup["labels"] == ["uppföljning"]
    status = followup["body"][1]["attributes"]
    assert status["label"] == "Läge"
    assert status["options"] == [
        "ej påbörjat",
        "pågår",
        "genomfört",
        "delvis",
        "ej genomfört",
        "ej aktuellt",
    ]


def test_forms_replace_their_own_but_not_another_file(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    root = copy_base(tmp_path / "d")
    forms_of(root, run_cli)
    assert (
        (root / FORMS / "lofte-aktivitet.yml")
        .read_text("utf-8")
        .startswith("# Skapad av lofte forms")
    )
    assert run_cli("forms", cwd=root).exit_code == 0  # its own file: written again
    (root / FORMS / "lofte-uppfoljning.yml").write_text("name: Ours\n", encoding="utf-8")
    refused = run_cli("forms", cwd=root)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"lofte: {root / FORMS / 'lofte-uppfoljning.yml'}:1: not written: lofte did not "
        "write this file; use --force to replace it\n"
    )
    assert (root / FORMS / "lofte-uppfoljning.yml").read_text("utf-8") == "name: Ours\n"
    assert run_cli("forms", "--force", cwd=root).exit_code == 0
    assert (root / FORMS / "lofte-uppfoljning.yml").read_text("utf-8") != "name: Ours\n"


# --- the round trip ----------------------------------------------------------------------


def written(root: Path, pledge: str) -> dict[str, str]:
    folder = root / "data" / "pledges" / pledge / "activities"
    return {p.name: p.read_text("utf-8") for p in sorted(folder.glob("*.yaml"))}


ROUND_TRIPS = {
    "bundled": (
        bundled,
        BUNDLED_ID,
        [
            "--date",
            "2024-03-14",
            "--by",
            "polisen",
            "--by",
            "Stenungsund",
            "--commitment",
            "polis-1",
            "--commitment",
            "kommun 3",
            "--title",
            "Föräldrakväll om droger",
            "--description",
            "Föräldrakväll på Kristinedalskolan.\n\nMed polisen och fältarna.",
            "--place",
            "Kristinedalskolan",
            "--participants",
            "40",
            "--measure",
            "trafikkontroller=3",
            "--hours",
            "7,5",
            "--link",
            "https://www.stenungsund.se/nyhet Kommunens nyhet",
        ],
        {
            "date": "2024-03-14",
            "by": {"Stenungsunds kommun", "Lokalpolisområde Södra Fyrbodal"},
            "commitments": {
                "kommun-3: Genomföra tidiga föräldrastärkande insatser.",
                "polis-1: Tillsammans med skola, socialtjänst, föreningsliv, näringsliv och "
                "andra aktörer arbeta och samverka utifrån det brottsförebyggande perspektivet.",
            },
            "title": "Föräldrakväll om droger",
            "description": "Föräldrakväll på Kristinedalskolan.\n\nMed polisen och fältarna.",
            "place": "Kristinedalskolan",
            "participants": "40",
            "measure-trafikkontroller": "3",
            "hours": "7,5",
            "links": "https://www.stenungsund.se/nyhet Kommunens nyhet",
        },
    ),
    "independent": (
        independent,
        "harbour-2025",
        [
            "--date",
            "2025-06-01",
            "--by",
            "town",
            "--commitment",
            "town-1",
            "--title",
            "New lamps on the quay",
            "--description",
            "Twelve lamps put up.",
            "--measure",
            "checks=2",
        ],
        {
            "date": "2025-06-01",
            "by": {"Harbour Town Council"},
            "commitments": {"town-1: Light the footpaths by the harbour."},
            "title": "New lamps on the quay",
            "description": "Twelve lamps put up.",
            "measure-checks": "2",
        },
    ),
}


@pytest.mark.parametrize("case", sorted(ROUND_TRIPS))
def test_an_issue_gives_the_same_file_as_add_activity(
    tmp_path: Path, run_cli: Callable[..., Run], case: str
) -> None:
    make, pledge, flags, answers = ROUND_TRIPS[case]
    by_flags = make(tmp_path / "flags")
    before = written(by_flags, pledge)
    result = run_cli("add-activity", "--pledge", pledge, *flags, cwd=by_flags)
    assert result.exit_code == 0, result.stderr
    by_issue = make(tmp_path / "issue")
    activity, _followup = forms_of(by_issue, run_cli)
    body = github_body(activity, answers)
    result = run_cli("add-activity", "--from-issue", str(event(tmp_path, body)), cwd=by_issue)
    assert result.exit_code == 0, result.stderr
    new_by_flags = {k: v for k, v in written(by_flags, pledge).items() if k not in before}
    new_by_issue = {k: v for k, v in written(by_issue, pledge).items() if k not in before}
    assert len(new_by_flags) == 1
    assert new_by_issue == new_by_flags


# --- hostile bodies ------------------------------------------------------------------------

BASE_ANSWERS: dict[str, Any] = {
    "date": "2023-05-02",
    "by": {"Testkommun"},
    "commitments": {"kommun-1: Anordna föräldrakvällar om droger och sociala medier."},
    "title": "Föräldrakväll",
    "description": "Vi pratade om droger.",
}


def from_issue(
    tmp_path: Path, run_cli: Callable[..., Run], body: str | None = None, **answers: Any
) -> tuple[Run, Path]:
    root = copy_base(tmp_path / "d")
    activity, _followup = forms_of(root, run_cli)
    if body is None:
        body = github_body(activity, {**BASE_ANSWERS, **answers})
    path = event(tmp_path, body)
    return run_cli(
        "add-activity", "--from-issue", str(path), "--format", "markdown", cwd=root
    ), root


def new_files(root: Path) -> list[str]:
    folder = root / "data" / "pledges" / "p" / "activities"
    base = {"2023-03-14-foraldrakvall.yaml", "2023-04-02-trafikkontroll.yaml"}
    return sorted(p.name for p in folder.iterdir() if p.name not in base)


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("title", "$(touch pwned); `touch pwned2` && rm -rf ~ | cat /etc/passwd"),
        ("title", "${{ github.token }} ${{ secrets.GITHUB_TOKEN }}"),
        ("description", "<script>alert(1)</script> **fet** [länk](javascript:alert(1)) @admin"),
        ("place", "'; DROP TABLE x; -- \\n ${HOME}"),
    ],
)
def test_hostile_text_is_taken_literally(
    tmp_path: Path,
    run_cli: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
    field: str,
    text: str,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    result, root = from_issue(tmp_path, run_cli, **{field: text})
    assert result.exit_code == 0, result.stdout
    files = new_files(root)
    assert len(files) == 1
    data = load_roundtrip((root / "data/pledges/p/activities" / files[0]).read_text("utf-8"))
    assert str(data[field]).strip() == text
    assert not (root / "pwned").exists() and not (root / "pwned2").exists()
    assert result.stdout == (
        f"lofte skrev `data/pledges/p/activities/{files[0]}`. En pull request kommer strax.\n"
    )


def test_a_body_of_a_megabyte_is_refused(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    body = "### Rubrik (kort, för allmänheten)\n\n" + "x" * 1_000_000
    result, root = from_issue(tmp_path, run_cli, body=body)
    assert result.exit_code == 1
    assert result.stdout == (
        "lofte skrev ingen fil. Redigera ärendet och rätta det här:\n\n"
        "- ärendets text är 1000036 tecken lång; lofte läser högst 65536\n"
    )
    assert new_files(root) == []


def test_a_party_that_matches_nothing_is_named(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    root = copy_base(tmp_path / "d")
    activity, _followup = forms_of(root, run_cli)
    body = github_body(activity, BASE_ANSWERS).replace("- [X] Testkommun", "- [X] <b>Ingen</b>")
    result = run_cli(
        "add-activity",
        "--from-issue",
        str(event(tmp_path, body)),
        "--format",
        "markdown",
        cwd=root,
    )
    assert result.exit_code == 1
    assert result.stdout == (
        "lofte skrev ingen fil. Redigera ärendet och rätta det här:\n\n"
        "- Vem genomförde aktiviteten\\: okänd part eller grupp '&lt;b&gt;Ingen&lt;/b&gt;' i "
        "löftet p (där finns polisen, kommun, kommun2, kommunerna)\n"
    )
    assert new_files(root) == []


def test_a_checkbox_list_edited_by_hand_is_refused(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    root = copy_base(tmp_path / "d")
    activity, _followup = forms_of(root, run_cli)
    body = github_body(activity, BASE_ANSWERS).replace("- [X] Testkommun", "* Testkommun")
    result = run_cli("add-activity", "--from-issue", str(event(tmp_path, body)), cwd=root)
    assert result.exit_code == 1
    assert result.stderr == (
        "lofte: issue #7: Vem genomförde aktiviteten: '* Testkommun' is not a box of the form "
        "(- [X] …)\n"
    )
    assert new_files(root) == []


def test_a_field_written_twice_is_refused(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    result, root = from_issue(
        tmp_path, run_cli, description="Vi pratade.\n### Plats\n\nNågon annanstans"
    )
    assert result.exit_code == 1
    assert result.stdout == (
        "lofte skrev ingen fil. Redigera ärendet och rätta det här:\n\n"
        "- fältet 'Plats' finns 2 gånger; behåll bara formulärets eget\n"
    )
    assert new_files(root) == []


def test_a_required_answer_left_empty_is_named(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    result, _root = from_issue(tmp_path, run_cli, title=None, by=set())
    assert result.exit_code == 1
    assert result.stdout == (
        "lofte skrev ingen fil. Redigera ärendet och rätta det här:\n\n"
        "- Vem genomförde aktiviteten\\: fyll i det här fältet\n"
        "- Rubrik (kort, för allmänheten)\\: fyll i det här fältet\n"
    )


def test_an_answer_the_checks_refuse_is_commented(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    result, _root = from_issue(tmp_path, run_cli, date="2030-01-01")
    assert result.exit_code == 1
    assert result.stdout == (
        "lofte skrev ingen fil. Redigera ärendet och rätta det här:\n\n"
        "- Datum (ÅÅÅÅ-MM-DD)\\: 2030-01-01 ligger utanför perioden för p "
        "(2023-01-01 – 2024-12-31)\n"
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            "{not json",
            "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        ),
        ('{"action": "opened"}', "'issue'"),
        ('{"issue": {"number": "x"}}', "invalid literal for int() with base 10: 'x'"),
        ('{"issue": {"number": 1, "body": ["$(id)"]}}', "the issue's body is not text"),
    ],
)
def test_a_bad_event_file_exits_2(
    tmp_path: Path, run_cli: Callable[..., Run], content: str, problem: str
) -> None:
    root = copy_base(tmp_path / "d")
    path = tmp_path / "event.json"
    path.write_text(content, encoding="utf-8")
    result = run_cli("add-activity", "--from-issue", str(path), cwd=root)
    assert result.exit_code == 2
    assert result.stderr == f"lofte: {path}:1: not a GitHub issues event ({problem})\n"


# --- a follow-up ---------------------------------------------------------------------------


def test_a_followup_issue_records_the_assessment(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    root = copy_base(tmp_path / "d")
    _activity, followup = forms_of(root, run_cli)
    body = github_body(
        followup,
        {
            "commitment": "kommun-1: Anordna föräldrakvällar om droger och sociala medier.",
            "status": "delvis",
            "comment": "Två kvällar av fyra.",
            "date": "2024-06-30",
        },
    )
    result = run_cli("assess", "--from-issue", str(event(tmp_path, body)), cwd=root)
    assert result.exit_code == 0, result.stderr
    text = (root / "data/pledges/p/followups/2024-06-30.yaml").read_text("utf-8")
    by_flags = copy_base(tmp_path / "flags")
    flags = run_cli(
        "assess",
        "kommun-1",
        "--status",
        "delvis",
        "--comment",
        "Två kvällar av fyra.",
        "--date",
        "2024-06-30",
        cwd=by_flags,
    )
    assert flags.exit_code == 0, flags.stderr
    assert text == (by_flags / "data/pledges/p/followups/2024-06-30.yaml").read_text("utf-8")


def test_a_followup_with_an_unknown_status_is_commented(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    root = copy_base(tmp_path / "d")
    _activity, followup = forms_of(root, run_cli)
    body = github_body(
        followup,
        {"commitment": "polis-9: Finns inte", "status": "genomfört", "comment": "Klart."},
    )
    result = run_cli("assess", "--from-issue", str(event(tmp_path, body)), cwd=root)
    assert result.exit_code == 1
    assert result.stderr == (
        "lofte: issue #7: unknown commitment 'polis-9' in pledge p; did you mean polis-2 "
        "(Delta i föräldramöten när skolorna ber om det.)?\n"
    )


def test_an_event_whose_issue_is_no_object_exits_2(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    root = copy_base(tmp_path / "d")
    path = tmp_path / "event.json"
    path.write_text('{"issue": [1, 2]}', encoding="utf-8")
    result = run_cli("add-activity", "--from-issue", str(path), cwd=root)
    assert result.exit_code == 2
    assert result.stderr == (
        f"lofte: {path}:1: not a GitHub issues event ('list' object has no attribute 'get')\n"
    )


# --- several running pledges ---------------------------------------------------------------

SECOND_PLEDGE = (
    INDEPENDENT_PLEDGE.replace("harbour-2025", "bay-2026")
    .replace("Harbour Town Pledge 2025", "Bay Pledge 2026")
    .replace("2025-01-01", "2026-01-01")
    .replace("2025-12-31", "2026-12-31")
)


def test_with_several_pledges_the_form_asks_which(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    first = INDEPENDENT_PLEDGE.replace("2025-12-31", "2026-12-31")
    root = write_tree(
        tmp_path / "d",
        {
            "data/pledges/harbour-2025/pledge.yaml": first,
            "data/pledges/bay-2026/pledge.yaml": SECOND_PLEDGE,
        },
    )
    activity, followup = forms_of(root, run_cli)
    pledge = activity["body"][1]
    assert (pledge["id"], pledge["attributes"]["label"]) == ("pledge", "Pledge")
    assert pledge["attributes"]["options"] == [
        "bay-2026: Bay Pledge 2026",
        "harbour-2025: Harbour Town Pledge 2025",
    ]
    assert followup["body"][0]["attributes"]["options"] == pledge["attributes"]["options"]
    answers = {
        "pledge": "bay-2026: Bay Pledge 2026",
        "date": "2026-02-01",
        "by": {"Harbour Police District"},
        "commitments": {"police-1: Hold traffic checks near the schools, at least ten a year."},
        "title": "Checks at the school",
        "description": "Two checks.",
        "measure-checks": "2",
    }
    path = event(tmp_path, github_body(activity, answers))
    result = run_cli("add-activity", "--from-issue", str(path), "--format", "markdown", cwd=root)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == (
        "lofte wrote `data/pledges/bay-2026/activities/2026-02-01-checks-at-the-school.yaml`; "
        "a pull request follows.\n"
    )


def test_every_answer_that_cannot_be_read_is_named_at_once(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    result, root = from_issue(
        tmp_path,
        run_cli,
        participants="40 personer",
        hours="abc",
        links="javascript:alert(1)",
        **{"measure-kontroller": "tre"},
    )
    assert result.exit_code == 1
    assert result.stdout == (
        "lofte skrev ingen fil. Redigera ärendet och rätta det här:\n\n"
        "- Antal deltagare\\: '40 personer' är inget heltal\n"
        "- Arbetstimmar\\: 'abc' är inget antal timmar\n"
        "- Länkar (en per rad\\: adressen, sedan en rubrik om du vill)\\: "
        "'javascript\\:alert(1)'\\: en länk måste börja med https\\:// eller http\\://\n"
        "- Antal\\: kontroller (kontroller)\\: 'tre' är inget heltal\n"
    )
    assert new_files(root) == []


def test_forms_speak_swedish(
    tmp_path: Path, run_cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOFTE_LANG", "sv")
    root = copy_base(tmp_path / "d")
    result = run_cli("forms", cwd=root)
    assert result.exit_code == 0
    assert result.stdout == (
        "Sparade .github\n"
        'Nästa steg: git add .github && git commit -m "Formulär för lofte", '
        "och öppna sedan en pull request.\n"
    )
    (root / FORMS / "lofte-aktivitet.yml").write_text("name: Vårt\n", encoding="utf-8")
    refused = run_cli("forms", cwd=root)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"lofte: {root / FORMS / 'lofte-aktivitet.yml'}:1: lämnades orörd: lofte har inte "
        "skrivit filen; ange --force för att ersätta den\n"
    )


def test_measures_with_any_name_give_valid_unique_field_ids(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    pledge = INDEPENDENT_PLEDGE.replace(
        "    text: Light the footpaths by the harbour.\n",
        "    text: Light the footpaths by the harbour.\n"
        "    expect: {count: 4, of: Lampor på kajen, per: year}\n"
        "  - id: town-2\n    by: town\n    text: Count lamps.\n"
        "    expect: {count: 4, of: lampor-pa-kajen, per: year}\n",
    )
    root = write_tree(tmp_path / "d", {"data/pledges/harbour-2025/pledge.yaml": pledge})
    activity, _followup = forms_of(root, run_cli)
    ids = [e["id"] for e in activity["body"][1:] if e["id"].startswith("measure-")]
    assert ids == ["measure-checks", "measure-lampor-pa-kajen", "measure-3"]
    files = [str(p) for p in (root / FORMS).iterdir()]
    result = subprocess.run(
        [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-issue-forms", *files],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout
