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
