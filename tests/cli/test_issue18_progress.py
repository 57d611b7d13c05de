"""Issue 18 through the command line and on the pages: `--fail-under-progress`, the export,
the report, and the lead line, bars and "Så räknas det" of the pages, on the three cases
of "Done when" (one short everywhere, nothing done, nothing recorded). Figures by hand in
tests/unit/test_progress.py, where the same fixture is built."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from tests.cli.test_render import page_text, render_pages
from tests.helpers import REPO, write_tree
from tests.unit.test_progress import CASES, cases_files

AS_OF = ("--as-of", "2025-12-31")  # the last day of the three pledges' period


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tree(tmp_path_factory.mktemp("cases"), cases_files())


@pytest.fixture(scope="module")
def sv_pages(cases: Path) -> dict[str, str]:
    return render_pages(cases, date(2025, 12, 31))


@pytest.fixture(scope="module")
def en_pages(cases: Path) -> dict[str, str]:
    return render_pages(cases, date(2025, 12, 31), language="en")


# --- the command line -------------------------------------------------------------------------


def test_fail_under_progress_fails_below_and_says_which(run_cli, cases):
    result = run_cli("coverage", *AS_OF, "--fail-under-progress", "91.8", cwd=cases)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "lofte: --fail-under-progress does not judge c: no activities are recorded for it",
        "lofte: progress below 91.8 % for a, b",
    ]
    passed = run_cli("coverage", *AS_OF, "--fail-under-progress", "0", cwd=cases)
    assert passed.exit_code == 0


def test_two_pledges_without_records_are_named_in_the_plural(run_cli, tmp_path, monkeypatch):
    root = write_tree(
        tmp_path, {**cases_files(), "data/pledges/d/pledge.yaml": CASES.format(pid="d")}
    )
    result = run_cli("coverage", *AS_OF, "c", "d", "--fail-under-progress", "50", cwd=root)
    assert result.exit_code == 0
    assert result.stderr == (
        "lofte: --fail-under-progress does not judge c, d: no activities are recorded for them\n"
    )
    monkeypatch.setenv("LOFTE_LANG", "sv")
    result = run_cli("coverage", *AS_OF, "c", "d", "--fail-under-progress", "50", cwd=root)
    assert result.stderr == (
        "lofte: --fail-under-progress bedömer inte c, d: det finns inga registrerade "
        "aktiviteter för löftena\n"
    )


def test_fail_under_keeps_meaning_coverage(run_cli, cases):
    # a: coverage 0.0 but progress 91.7; --fail-under 50 fails it, --fail-under-progress 50
    # does not.
    coverage = run_cli("coverage", *AS_OF, "a", "--fail-under", "50", cwd=cases)
    assert coverage.exit_code == 1
    assert coverage.stderr == "lofte: coverage below 50 % for a\n"
    progress = run_cli("coverage", *AS_OF, "a", "--fail-under-progress", "50", cwd=cases)
    assert progress.exit_code == 0
    both = run_cli(
        "coverage", *AS_OF, "a", "b", "--fail-under", "50", "--fail-under-progress", "50", cwd=cases
    )
    assert both.exit_code == 1
    assert both.stderr == ("lofte: coverage below 50 % for a, b; progress below 50 % for b\n")


def test_fail_under_progress_in_swedish(run_cli, cases, monkeypatch):
    monkeypatch.setenv("LOFTE_LANG", "sv")
    result = run_cli("coverage", *AS_OF, "--fail-under-progress", "91,8", cwd=cases)
    assert result.exit_code == 2  # a decimal comma is not a number on the command line
    result = run_cli("coverage", *AS_OF, "b", "c", "--fail-under-progress", "1", cwd=cases)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "lofte: --fail-under-progress bedömer inte c: det finns inga registrerade aktiviteter "
        "för löftet",
        "lofte: andel gjort är under 1 % för b",
    ]


def test_fail_under_progress_refuses_a_percentage_out_of_range(run_cli, cases):
    result = run_cli("coverage", "--fail-under-progress", "101", cwd=cases)
    assert result.exit_code == 2
    assert "101 is not a percentage from 0 to 100" in result.stderr


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Exit 1 when a pledge's progress (share of the expected work done) is below"),
        ("sv", "Avsluta med kod 1 när ett löftes andel gjort (hur stor del av det förväntade"),
    ],
)
def test_the_help_tells_of_fail_under_progress(run_cli, monkeypatch, language, said):
    monkeypatch.setenv("LOFTE_LANG", language)
    result = run_cli("coverage", "--help", cwd=REPO)
    assert result.exit_code == 0
    help_text = " ".join(result.stdout.split())
    assert said in help_text
    assert "lofte coverage --fail-under-progress 75" in help_text
    metavar = "PROCENT" if language == "sv" else "PERCENT"
    assert f"--fail-under-progress {metavar}" in help_text


def test_the_table_shows_progress(run_cli, cases, monkeypatch):
    result = run_cli("coverage", *AS_OF, "a", cwd=cases)
    out = " ".join(result.stdout.split())
    assert "Progress 91.7 %: the share of what is expected so far that is done" in out
    assert re.search(r"│ c1 +│ +9/10 │ +9/10 │ partial +│ +90\.0 % │", result.stdout)
    monkeypatch.setenv("LOFTE_LANG", "sv")
    sv = run_cli("coverage", *AS_OF, "a", cwd=cases)
    assert "┃ Andel gjort ┃" in sv.stdout and " 95,0 % │" in sv.stdout


def test_the_export_carries_progress(run_cli, cases, tmp_path):
    result = run_cli("export", *AS_OF, cwd=cases)
    pledges = json.loads(result.stdout)["pledges"]
    assert [p["coverage"]["progress_percent"] for p in pledges] == [91.7, 0.0, None]
    assert [c["progress_percent"] for c in pledges[0]["coverage"]["commitments"]] == [90.0, 95.0]
    run_cli("export", *AS_OF, "--format", "csv", "--excel", "--out", str(tmp_path), cwd=cases)
    rows = (tmp_path / "coverage.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].endswith(";last_activity;progress_percent")
    assert rows[1].startswith("a;c1;polisen;9;10;false;partial;;") and rows[1].endswith(";90,0")
    assert rows[-1] == "c;c2;kommun;0;20;;no-records;;;"  # no records: no figure


# --- the pages --------------------------------------------------------------------------------


def test_a_pledge_one_short_everywhere_leads_with_high_progress(sv_pages, en_pages):
    html = sv_pages["a/index.html"]
    text = page_text(html)
    assert (
        "Täckning Hittills gjort: 91,7 % av det som utlovats · 0 av 3 åtaganden helt uppfyllda "
        "Ett åtagande som flera parter har lovat"
    ) in text
    # The bar is drawn from progress (91.7 → 90) and hidden from screen readers: the text
    # before it carries the figure.
    assert (
        "0 av 3 åtaganden helt uppfyllda</p>\n"
        '<div class="meter" aria-hidden="true"><span class="fill w90"></span></div>'
    ) in html
    assert "Andel gjort 90 % av det som utlovats · 0 av 2 parter har gjort allt" in text
    assert "Andel gjort 95 % av det som utlovats · 0 av 1 part har gjort allt" in text
    assert html.count('<div class="meter" aria-hidden="true">') == 3  # pledge + 2 commitments
    en = page_text(en_pages["a/index.html"])
    assert "Done so far: 91.7 % of what was promised · 0 of 3 commitments fully kept" in en
    assert "Progress 90 % of what was promised · 0 of 2 parties done in full" in en


def test_a_pledge_with_nothing_done_shows_zero_for_both(sv_pages):
    html = sv_pages["b/index.html"]
    text = page_text(html)
    assert "Hittills gjort: 0 % av det som utlovats · 0 av 3 åtaganden helt uppfyllda" in text
    assert '<span class="fill w0"></span>' in html
    assert "Andel gjort 0 % av det som utlovats · 0 av 2 parter har gjort allt" in text


def test_a_pledge_with_no_records_shows_neither(sv_pages, en_pages):
    html = sv_pages["c/index.html"]
    text = page_text(html)
    assert (
        "Täckning Här finns inga aktiviteter registrerade för löftet, så det finns inga "
        "siffror om hur det hålls. Det betyder inte att inget har gjorts. Så räknas det"
    ) in text
    for absent in ("Hittills gjort", "Andel gjort", "helt uppfyllda", 'class="meter"'):
        assert absent not in html, absent
    assert "of what was promised" not in en_pages["c/index.html"]


def test_the_index_leads_each_pledge_with_progress(sv_pages):
    index = sv_pages["index.html"]
    text = page_text(index)
    assert (
        "Fall a 1 januari 2025 – 31 december 2025 Hittills gjort: 91,7 % av det som utlovats "
        "· 0 av 3 åtaganden helt uppfyllda · Aktiviteter: 28"
    ) in text
    assert "Hittills gjort: 0 % av det som utlovats · 0 av 3 åtaganden helt uppfyllda" in text
    assert index.count('<div class="meter" aria-hidden="true">') == 2  # not for c
    markdown = sv_pages["README.md"]
    assert "| Medborgarlöfte | Period | Andel gjort | Täckning |" in markdown
    assert "| 91,7 % | 0 % (0/3) |" in markdown


def test_the_page_how_it_is_counted_explains_both(sv_pages, en_pages):
    text = page_text(sv_pages["a/how-it-is-counted.html"])
    assert (
        "Hur mycket som är gjort Den första siffran, procenten av det som utlovats, visar hur "
        "stor del av det utlovade arbetet som är gjort." in text
    )
    assert "har gjort 7 har gjort 70 % av det." in text
    assert (
        "Vad helt uppfyllt betyder Ett åtagande är helt uppfyllt när parten har gjort allt" in text
    )
    en = page_text(en_pages["a/how-it-is-counted.html"])
    assert "A party that has done more than expected counts as having done all of it" in en
    assert "The bars show the same percentages; the text beside them gives the exact figure." in en


def test_the_report_shows_both(run_cli, cases, tmp_path):
    markdown = run_cli("report", "a", "--to", "2025-12-31", cwd=cases).stdout
    assert (
        # the period is over (it ended 2025-12-31): said in the past, as on the pages
        "Gjort under perioden: 91,7 % av det som utlovades · 0 av 3 åtaganden helt uppfyllda"
        in markdown
    )
    assert "- **Andel gjort:** 90 % av det som utlovats · 0 av 2 parter har gjort allt" in markdown
    out = tmp_path / "r.html"
    run_cli("report", "a", "--to", "2025-12-31", "--format", "html", "--out", str(out), cwd=cases)
    html = page_text(out.read_text(encoding="utf-8"))
    assert "Andel gjort 95 % av det som utlovats · 0 av 1 part har gjort allt" in html
