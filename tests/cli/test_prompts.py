"""`lofte add-activity` in a real terminal, read as a coordinator reads it (issue 14, point 6):
each question says how to answer, names are taken for ids and lofte says so, commitment
texts wrap instead of being cut, the date offered lies in the pledge's period, target groups
and links are asked, and a yes is `ja` in Swedish ([j/n]) and `y` in English ([y/n])."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
from pathlib import Path

import pexpect
import pytest

from lofte_cli.data.document import Document
from lofte_cli.data.yaml_io import read_document
from tests.helpers import BUNDLED

LOFTE = str(Path(sys.executable).parent / "lofte")
PLEDGE = "sodra-fyrbodal-2023-2024"
ACTIVITIES = Path("data/pledges") / PLEDGE / "activities"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BUNDLED / "data", root / "data")
    shutil.copytree(BUNDLED / "schemas", root / "schemas")
    return root


def _spawn(repo: Path, language: str, *, today: str, columns: int = 200) -> pexpect.spawn:
    return pexpect.spawn(
        LOFTE,
        ["add-activity"],
        cwd=str(repo),
        encoding="utf-8",
        timeout=20,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        env={
            "PATH": "/usr/bin:/bin",
            "LOFTE_TODAY": today,
            "LOFTE_LANG": language,
            "TERM": "dumb",
            "COLUMNS": str(columns),
            "LINES": "50",  # with both, Rich takes the size of a dumb terminal as given
            # The lofte_cli under test where PYTHONPATH names one (a worktree's src/).
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        },
    )


def _converse(child: pexpect.spawn, steps: list[tuple[str, str | None]]) -> str:
    """Expect each text (a literal) and answer it; what the terminal showed, as one text."""
    shown = []
    for expected, answer in steps:
        child.expect_exact(expected)
        shown.append(child.before + child.after)
        if answer is not None:
            child.sendline(answer)
    child.expect(pexpect.EOF)
    shown.append(child.before)
    child.close()
    return "".join(shown).replace("\r\n", "\n")


def test_a_session_in_swedish(repo):
    child = _spawn(repo, "sv", today="2025-03-01", columns=70)  # after the pledge's period
    shown = _converse(
        child,
        [
            (f"Löfte: {PLEDGE} (det enda som finns)", None),
            # The day offered is the period's last, not today (2025-03-01).
            ("Datum (ÅÅÅÅ-MM-DD eller som 5 mars 2024) (2024-12-31): ", "5 mars 2024"),
            ("→ tolkat som 2024-03-05", None),
            ("Vem genomförde aktiviteten?", None),
            ("Parter (nummer eller id, flera åtskilda med kommatecken): ", "Stenungsund, 1"),
            ("→ tolkat som stenungsund (Stenungsunds kommun)", None),
            ("Vilka åtaganden hör den till?", None),
            ("Åtaganden (nummer eller id, flera åtskilda med kommatecken): ", "polis 3, 99"),
            ("'99' finns inte bland alternativen; ange ett nummer eller ett id", None),
            ("Åtaganden (nummer eller id, flera åtskilda med kommatecken): ", "polis 3, Kommun 3"),
            ("→ tolkat som polis-3 (Intensifiera arbetet mot droger,", None),  # it wraps
            ("→ tolkat som kommun-3 (Genomföra tidiga föräldrastärkande insatser.)", None),
            ("Rubrik (kort, för allmänheten): ", "Föräldrakväll"),
            ("Beskrivning (för allmänheten; en mening räcker): ", "Kväll om sömn."),
            ("Status (genomförd, planerad eller inställd) (genomförd): ", ""),
            ("Plats (Enter för att hoppa över): ", "Stenungsund"),
            ("Antal deltagare (Enter för att hoppa över): ", "tjugo"),
            ("deltagare: 'tjugo' är inget heltal", None),
            ("Antal deltagare (Enter för att hoppa över): ", "20"),
            ("Arbetstimmar, t.ex. 7,5 (Enter för att hoppa över): ", "7,5"),
            ("Samarbetspartner, flera åtskilda med kommatecken", "skola, fritidsgården"),
            ("Målgrupper, flera åtskilda med kommatecken", "föräldrar"),
            ("Länk: en https://-adress och gärna en rubrik", "https://stenungsund.se/kvall Nyhet"),
            ("Länk: en https://-adress och gärna en rubrik", ""),
            ("Vill du spara filen? [j/n] (j): ", "kanske"),
            ("'kanske': svara j (ja) eller n (nej)", None),
            ("Vill du spara filen? [j/n] (j): ", "ja"),
            ("Sparade ", None),
        ],
    )
    assert child.exitstatus == 0, shown
    # The commitments' whole texts, wrapped at 70 columns, never cut short.
    listed = shown.split("Vilka åtaganden hör den till?")[1].split("Åtaganden (")[0]
    words = " ".join(listed.split())
    assert (
        "Genomföra insatser för att öka trafiksäkerheten och minska buskörningen, speciella "
        "insatser riktade mot A-traktorer och EPA-traktorer. (kommunerna)" in words
    )
    assert "…" not in listed
    assert max(len(line) for line in listed.splitlines()) <= 70
    doc = read_document(repo / ACTIVITIES / "2024-03-05-foraldrakvall.yaml")
    assert isinstance(doc, Document)
    assert doc.data["by"] == ["stenungsund", "polisen"]
    assert doc.data["commitments"] == ["polis-3", "kommun-3"]
    assert doc.data["target_groups"] == ["föräldrar"]
    assert doc.data["links"] == [{"title": "Nyhet", "url": "https://stenungsund.se/kvall"}]
    assert doc.data["hours"] == 7.5 and doc.data["participants"] == 20


def test_nej_writes_nothing(repo):
    before = sorted((repo / ACTIVITIES).iterdir())
    child = _spawn(repo, "sv", today="2024-06-01")
    shown = _converse(
        child,
        [
            ("(2024-06-01): ", ""),  # today lies in the period: today is offered
            ("Parter (", "tjorn"),
            ("Åtaganden (", "kommun-6"),
            ("Rubrik (", "Trygghetsvandring"),
            ("Beskrivning (", "Vandring kring skolan."),
            ("Status (", "klar"),
            ("→ tolkat som done (genomförd)", None),
            ("Plats (", ""),
            ("Antal deltagare (", ""),
            ("Arbetstimmar", ""),
            ("Samarbetspartner", ""),
            ("Målgrupper", ""),
            ("Länk", ""),
            ("Vill du spara filen? [j/n] (j): ", "nej"),
            ("Ingenting sparades.", None),
        ],
    )
    assert child.exitstatus == 1, shown
    assert sorted((repo / ACTIVITIES).iterdir()) == before


def test_a_session_in_english_takes_ja_too(repo):
    child = _spawn(repo, "en", today="2022-11-30")  # before the pledge's period
    shown = _converse(
        child,
        [
            ("Date (YYYY-MM-DD, or as 5 mars 2024) (2023-01-01): ", "2022-12-24"),
            ("2022-12-24 is outside the period of sodra-fyrbodal-2023-2024", None),
            ("Date (YYYY-MM-DD, or as 5 mars 2024) (2023-01-01): ", "2023-3-5"),
            ("→ read as 2023-03-05", None),
            ("Parties (numbers or ids, several separated by commas): ", "Tjörm"),
            ("did you mean tjorn (Tjörns kommun)?", None),
            ("Parties (numbers or ids, several separated by commas): ", "Tjörns kommun"),
            ("→ read as tjorn (Tjörns kommun)", None),
            ("Commitments (numbers or ids, several separated by commas): ", "KOMMUN 6"),
            ("Title (short, for the public): ", "Trygghetsvandring"),
            ("Description (for the public; one sentence will do): ", "Vandring."),
            # After today (2022-11-30), so planned is offered; Swedish is read too.
            ("Status (done, planned or cancelled) (planned): ", "planerad"),
            ("→ read as planned", None),
            ("Place (Enter to skip): ", ""),
            ("Participants, how many (Enter to skip): ", ""),
            ("Person-hours spent, e.g. 7,5 (Enter to skip): ", ""),
            ("Partners, several separated by commas (Enter to skip): ", ""),
            ("Target groups, whom it was for, several separated by commas", "elever"),
            ("Link: an https:// address, then a title if you like (Enter when done): ", ""),
            ("Write this file? [y/n] (y): ", "ja"),
            ("Wrote ", None),
        ],
    )
    assert child.exitstatus == 0, shown
    doc = read_document(repo / ACTIVITIES / "2023-03-05-trygghetsvandring.yaml")
    assert isinstance(doc, Document)
    assert (doc.data["by"], doc.data["commitments"]) == (["tjorn"], ["kommun-6"])
    assert doc.data["status"] == "planned"
    assert doc.data["target_groups"] == ["elever"]
    assert re.search(r"read as tjorn \(Tjörns kommun\)", shown)


def test_flags_that_name_no_party_are_asked_again(repo):
    child = pexpect.spawn(
        LOFTE,
        ["add-activity", "--by", "Tjörm", "--commitment", "Kommun 6", "--date", "2024-03-05"],
        cwd=str(repo),
        encoding="utf-8",
        timeout=20,
        env={
            "PATH": "/usr/bin:/bin",
            "LOFTE_TODAY": "2024-06-01",
            "LOFTE_LANG": "sv",
            "TERM": "dumb",
            "COLUMNS": "200",
            "LINES": "50",
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        },
    )
    shown = _converse(
        child,
        [
            ("lofte: --commitment Kommun 6: tolkat som kommun-6", None),
            (
                "--by: okänd part eller grupp 'Tjörm' i löftet sodra-fyrbodal-2023-2024; "
                "menade du tjorn (Tjörns kommun)?",
                None,
            ),
            ("Parter (", "4"),
            ("Rubrik (", "Vandring"),
            ("Beskrivning (", "Vandring."),
            ("Status (", ""),
            ("Plats (", ""),
            ("Antal deltagare (", ""),
            ("Arbetstimmar", ""),
            ("Samarbetspartner", ""),
            ("Målgrupper", ""),
            ("Länk", ""),
            ("[j/n] (j): ", "j"),
            ("Sparade ", None),
        ],
    )
    assert child.exitstatus == 0, shown
    doc = read_document(repo / ACTIVITIES / "2024-03-05-vandring.yaml")
    assert isinstance(doc, Document) and doc.data["by"] == ["tjorn"]
