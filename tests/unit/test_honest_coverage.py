"""Issue 15, honest coverage: no records is not nothing done, and the words say what is
counted. The bundled pledge with its activity files deleted has no figure, no red and says
that nothing is recorded; with them, the headline says what its percentage counts and each
kind of gap has its own list. Expected values are written by hand."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from lofte_cli.cli.output import coverage_table
from lofte_cli.coverage.compute import CoverageReport, compute_coverage
from lofte_cli.coverage.formats import coverage_csv, coverage_line, coverage_markdown
from lofte_cli.coverage.json_shape import coverage_to_json
from lofte_cli.data.loader import load_catalog
from lofte_cli.i18n import speaking
from lofte_cli.publish.report import make_report
from tests.cli.test_render import page_text, render_pages
from tests.helpers import REPO, write_tree

PLEDGE = "sodra-fyrbodal-2023-2024"
ENDED = date(2026, 11, 26)  # the bundled pledge ran 2023-01-01 – 2024-12-31
RED = "#b00020"  # --untouched in style.css
NO_RECORDS_SV = (
    "Här finns inga aktiviteter registrerade för löftet, så det finns inga siffror om hur "
    "det hålls. Det betyder inte att inget har gjorts."
)
NO_RECORDS_EN = (
    "No activities are recorded here for this pledge, so there are no figures for how it is "
    "kept. That does not mean that nothing has been done."
)


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data with the pledge's activity files deleted (its follow-up kept)."""
    root = tmp_path_factory.mktemp("no-records") / "repo"
    shutil.copytree(REPO / "data", root / "data")
    shutil.rmtree(root / "data" / "pledges" / PLEDGE / "activities")
    return root


def report_of(root: Path, as_of: date) -> CoverageReport:
    return compute_coverage(load_catalog(root).catalog, as_of=as_of)


# --- the figures --------------------------------------------------------------------------


def test_a_pledge_without_activity_files_has_no_figure_and_judges_no_pair(bare):
    (p,) = report_of(bare, date(2024, 6, 30)).pledges
    assert (p.activities_recorded, p.coverage_percent, p.pairs_met, p.pairs_total) == (
        0,
        None,
        0,
        23,
    )
    assert {c.status for c in p.commitments} == {"no-records"}
    assert {x.met for c in p.commitments for x in c.parties} == {None}
    assert not p.gaps and p.disagreements == ()
    # The parties' own assessment is still there, beside the (missing) records.
    assert p.commitments[0].assessment is not None
    assert p.commitments[0].assessment.status == "ongoing"


def test_the_json_has_activities_recorded_and_a_null_coverage(bare):
    (p,) = coverage_to_json(report_of(bare, ENDED))["pledges"]
    assert (p["activities_recorded"], p["coverage_percent"], p["pairs_met"]) == (0, None, 0)
    assert [c["status"] for c in p["commitments"]] == ["no-records"] * 11
    assert p["commitments"][1]["parties"] == [
        {
            "party": "polisen",
            "done": 0,
            "expected": 24,
            "met": None,
            "last_activity": None,
            "activities": 0,
            "slices": [],
        }
    ]
    assert p["gaps"] == {"untouched": [], "idle": [], "quiet": []}
    assert p["disagreements"] == []


def test_activities_recorded_counts_every_activity_file_whatever_its_status():
    (p,) = coverage_to_json(report_of(REPO, ENDED))["pledges"]
    assert p["activities_recorded"] == 28  # data/pledges/…/activities/*.yaml
    assert p["coverage_percent"] == 82.6


def test_one_planned_activity_is_a_record_and_the_pledge_is_counted(bare, tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(bare, root)
    write_tree(
        root / "data" / "pledges" / PLEDGE / "activities",
        {
            "2025-01-10-plan.yaml": (
                "id: 2025-01-10-plan\ndate: 2025-01-10\nstatus: planned\nby: polisen\n"
                "commitments: [polis-1]\ntitle: Plan\ndescription: Något planeras.\n"
            )
        },
    )
    (p,) = report_of(root, date(2024, 6, 30)).pledges
    assert (p.activities_recorded, p.coverage_percent) == (1, 0.0)
    assert {c.status for c in p.commitments} == {"untouched"}


# --- the command line's formats -------------------------------------------------------------


def test_the_table_says_nothing_recorded_without_colour(bare):
    def ansi(root: Path) -> str:
        console = Console(width=200, record=True, force_terminal=True, color_system="standard")
        for renderable in coverage_table(report_of(root, ENDED)):
            console.print(renderable)
        return console.export_text(styles=True)

    text = ansi(bare)
    assert text.count("nothing recorded") == 11
    assert "\x1b[31m" not in text and "untouched" not in text and "Gaps" not in text
    assert "\x1b[31m" in ansi(REPO)  # the check sees red where there is some


def test_the_coverage_line_markdown_and_csv_say_nothing_is_recorded(bare):
    report = report_of(bare, ENDED)
    assert coverage_line(report.pledges[0], report) == (
        "Coverage: no activities are recorded for this pledge, so nothing is counted (which "
        "is not the same as nothing done); period 2023-01-01 – 2024-12-31"
    )
    markdown = coverage_markdown(report)
    # No records: no progress either (the Progress cell is blank, as the figure is null).
    assert "| polis-4 | 0/1 |  |  |  | nothing recorded |  | ongoing |  |" in markdown
    assert "Progress" not in markdown.split("| Commitment")[0]
    assert "untouched" not in markdown and "### Gaps" not in markdown
    rows = list(csv.reader(io.StringIO(coverage_csv(report))))
    assert rows[1][:6] == [PLEDGE, "polis-1", "polisen", "0", "1", ""]
    assert rows[1][6:] == ["nothing recorded", "ongoing", "", ""]
    assert len(rows) == 24


def test_the_swedish_words_of_no_records(bare):
    report = report_of(bare, ENDED)
    with speaking("sv"):
        line = coverage_line(report.pledges[0], report)
        rows = list(csv.reader(io.StringIO(coverage_csv(report))))
    assert line == (
        "Täckning: inga aktiviteter är registrerade för löftet, så inget räknas (det betyder "
        "inte att inget har gjorts); perioden 2023-01-01 – 2024-12-31"
    )
    assert rows[1][6:8] == ["inget registrerat", "pågår"]


# --- the pages, the report --------------------------------------------------------------------


@pytest.fixture(scope="module")
def bare_pages(bare: Path) -> dict[str, str]:
    return render_pages(bare, ENDED)


def test_the_pledge_page_says_nothing_is_recorded_and_shows_no_red(bare_pages):
    html = bare_pages[f"{PLEDGE}/index.html"]
    text = page_text(html)
    assert f"Täckning {NO_RECORDS_SV} Så räknas det Åtaganden" in text
    assert text.count("Inget registrerat") == 11  # one badge per commitment
    assert "Lokalpolisområde Södra Fyrbodal: inga aktiviteter registrerade" in text
    for red in ("Påbörjades aldrig", "Inte påbörjat", "inte påbörjat", "Hölls", "tystnade"):
        assert red not in text, red
    for cls in ("status-untouched", 'class="unmet"', "status-partial", "status-met"):
        assert cls not in html, cls
    assert html.count('class="unjudged"') == 23  # a neutral mark for each (commitment, party)
    assert "Pågår" in text  # the parties' own assessment is still shown


def test_the_other_pages_and_the_markdown_say_it_too(bare_pages):
    index = page_text(bare_pages["index.html"])
    assert NO_RECORDS_SV in index and "Inget förväntas" not in index
    party = bare_pages[f"{PLEDGE}/parties/tjorn.html"]
    assert "unmet" not in party and "inga aktiviteter registrerade" in page_text(party)
    markdown = bare_pages[f"{PLEDGE}/README.md"]
    assert NO_RECORDS_SV in markdown
    assert "| Inget registrerat |" in markdown and "Påbörjades aldrig" not in markdown


def test_the_report_says_nothing_is_recorded(bare):
    catalog = load_catalog(bare).catalog
    markdown = make_report(catalog, today=ENDED, output_format="markdown")
    assert NO_RECORDS_SV in markdown
    assert "Påbörjades aldrig" not in markdown and "Inget registrerat" in markdown
    html = make_report(catalog, today=ENDED, output_format="html", lang="en")
    assert NO_RECORDS_EN in page_text(html) and "status-untouched" not in html


def test_the_stylesheet_gives_no_records_no_red():
    css = (REPO / "templates/html/style.css").read_text(encoding="utf-8")
    assert "--no-records: #4a4a4a;" in css
    assert ".badge.status-no-records { color: var(--no-records); }" in css
    assert 'li.unjudged::marker { content: "– "; color: var(--muted); }' in css
    no_records = [line for line in css.splitlines() if "no-records" in line or "unjudged" in line]
    assert len(no_records) == 5 and not [line for line in no_records if RED in line]


# --- what the percentage counts, and the lists -------------------------------------------------


def test_the_headline_says_whose_commitments_are_counted():
    sv = page_text(render_pages(REPO, ENDED)[f"{PLEDGE}/index.html"])
    assert (
        # 20 of 23 pairs' shares done (polis-4 0, kommun-2 ½ + ½ short, kommun-5 0): 87.0
        "Täckning Gjort under perioden: 87 % av det som utlovades · 19 av 23 åtaganden helt "
        "uppfyllda Ett åtagande som flera "
        "parter har lovat räknas en gång för varje part. Siffrorna gäller perioden, som "
        "slutade den 31 december 2024. Så räknas det" in sv
    )
    en = page_text(render_pages(REPO, date(2024, 6, 30), language="en")[f"{PLEDGE}/index.html"])
    assert (
        "Done so far: 87 % of what was promised · 19 of 23 commitments fully kept A "
        "commitment that several parties made counts once for each of them. The figures are "
        "as of 30 June 2024. How it is counted" in en
    )


def test_each_kind_of_gap_has_its_own_list_on_the_page():
    html = render_pages(REPO, date(2024, 6, 30), language="en")[f"{PLEDGE}/index.html"]
    text = page_text(html)
    assert (
        "Commitments no party has acted on yet Police commitment 4: no party has done anything "
        "yet. Parties that have done nothing yet on a commitment they made Tjörns kommun has "
        "done nothing yet on Municipalities' commitment 5. "
        "Commitments that have gone quiet Municipalities' commitment 5: no activity since 7 "
        "November 2023 (236 days). "
        "Where the parties' own assessment and the activities differ Police commitment 4 is "
        "assessed as “Ongoing” but no activity is recorded. Commitments" in text
    )
    for list_id in ("untouched", "idle", "quiet", "disagree"):
        assert f'<h3 id="gaps-{list_id}">' in html


def test_the_page_how_it_is_counted(bare_pages):
    assert 'href="how-it-is-counted.html">Så räknas det</a>' in bare_pages[f"{PLEDGE}/index.html"]
    text = page_text(bare_pages[f"{PLEDGE}/how-it-is-counted.html"])
    for expected in (
        "Så räknas det Siffrorna på sidan om Medborgarlöfte Södra Fyrbodal 2023–2024 räknas "
        "fram ur de aktiviteter som parterna har registrerat.",
        "Det här löftet har 11 åtaganden; räknat per part blir det 23.",
        "Vad lägena betyder Inget registrerat Löftet har inga registrerade aktiviteter alls",
        "När aktiviteter registreras visar sidan hur varje åtagande hålls",
        "under de senaste 182 dagarna.",
        "Parternas egen bedömning",
        "Tillbaka till löftet",
    ):
        assert expected in text, expected
    # Without records the page names no status the pledge cannot have; with them, all.
    assert "Påbörjades aldrig" not in text and "Hölls" not in text
    recorded = page_text(render_pages(REPO, ENDED)[f"{PLEDGE}/how-it-is-counted.html"])
    for expected in (
        "Hölls Varje part som har lovat åtagandet har gjort det som förväntas hittills.",
        "Påbörjades aldrig Ingen part har registrerat någon aktivitet för åtagandet.",
        "Inget registrerat Löftet har inga registrerade aktiviteter alls",
    ):
        assert expected in recorded, expected
    assert "När aktiviteter registreras" not in recorded
    en = render_pages(REPO, date(2024, 6, 30), language="en")[f"{PLEDGE}/how-it-is-counted.html"]
    assert "<h1>How it is counted</h1>" in en
    assert "Kept so far Every party that made the commitment" in page_text(en)
