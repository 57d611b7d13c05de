"""The pages speak the pledge's language from the gettext catalog, whatever the command
line speaks; the command line's own messages about publishing speak the user's language.
Every expected text here is written by hand."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from lofte_cli.data.loader import load_catalog
from lofte_cli.i18n import LOCALE_DIR
from lofte_cli.publish.render import render_html, render_markdown
from lofte_cli.publish.site_model import build_site
from lofte_cli.publish.templates import environment
from lofte_cli.publish.words import COUNTED, IN_CONTEXT, NAMED
from tests.cli.test_render import page_text
from tests.helpers import copy_base, write_tree

ACTIVITY = "p/activities/2023-03-14-foraldrakvall.html"

# Words of lofte's own on the pages (none of them is in the test data).
SWEDISH = (
    "Åtaganden",
    "Täckning",
    "Lovat av",
    "Egen bedömning",
    "Hålls hittills",
    "Hålls delvis",
    "Inte påbörjat",
    "Pågår",
    "Genomförda",
    "Genomförd",
    "aktiviteter",
    "mål hittills",
    "Innehållet ändrades senast",
    "Hoppa till innehållet",
)
ENGLISH = (
    "Commitments",
    "Coverage",
    "Promised by",
    "Own assessment",
    "Kept so far",
    "Partly kept",
    "Not started",
    "Ongoing",
    "Done",
    "activities",
    "target so far",
    "Content last changed",
    "Skip to content",
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_base(tmp_path_factory.mktemp("sv-pages") / "repo")


def pages(root: Path, as_of: date, language: str | None = None) -> dict[str, str]:
    site = build_site(load_catalog(root).catalog, as_of=as_of, language=language)
    env = environment()
    return {**render_html(site, env), **render_markdown(site, env)}


@pytest.fixture(scope="module")
def swedish(root: Path) -> dict[str, str]:
    return pages(root, date(2023, 12, 31))


@pytest.fixture(scope="module")
def english(root: Path) -> dict[str, str]:
    return pages(root, date(2023, 12, 31), "en")


def has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def test_a_swedish_page_says_it_in_swedish(swedish):
    text = page_text(swedish["p/index.html"])
    for expected in (
        "Hoppa till innehållet",
        "Alla medborgarlöften",
        "Parter Lokalpolisområde Testbygden (Polis), Testkommun (Kommun)",
        # pairs: polis-1 3/2 → 1, polis-2 0 → 0, kommun-1 1/1 → 1 and 0/1 → 0: 2/4 = 50 %
        "Täckning Hittills gjort: 50 % av det som utlovats · 2 av 4 åtaganden helt uppfyllda "
        "Ett åtagande som flera parter har lovat räknas en gång för varje part. Siffrorna "
        "gäller den 31 december 2023. Så räknas det",
        "Andel gjort 50 % av det som utlovats · 1 av 2 parter har gjort allt Egen bedömning",
        "Andel gjort 100 % av det som utlovats · 1 av 1 part har gjort allt",
        "Åtaganden som ingen part har gjort något för ännu Polisens åtagande 2: ingen part har "
        "gjort något ännu.",
        "Andra kommunen har inte gjort något ännu på Kommunernas åtagande 1.",
        "Polisens åtagande 1 Hålls hittills",
        "Polisens åtagande 2 Inte påbörjat",
        "Kommunernas åtagande 1 Hålls delvis",
        "Egen bedömning Pågår — Kontrollerna genomförs enligt plan. (bedömt 15 december 2023)",
        "Gjort hittills (kontroller) Lokalpolisområde Testbygden: 3 (mål hittills: 2)",
        "Bättre när värdet är",
        "75 % högre",
        "Testkommun, mars 2023: 1 aktivitet",
        "Genomförda aktiviteter per månad och part, januari 2023 – december 2023.",
        "Följ nya aktiviteter (Atom-flöde)",
        "Genomförda 2 april 2023",
        "Undertecknat av",
        "Publicerat med lofte från filerna i datamappen.",
    ):
        assert expected in text, expected
    assert "14 mars 2023 · Genomförd" in page_text(swedish[ACTIVITY])
    assert (
        "| Åtagande | Läge | Andel gjort | Gjort hittills | Egen bedömning | Senaste aktivitet |"
        in (swedish["p/README.md"])
    )


def test_a_count_takes_the_singular_and_the_plural_in_swedish(swedish):
    text = page_text(swedish["p/index.html"])
    assert "Testkommun: 1 aktivitet (mål hittills: 1)" in text
    assert "Andra kommunen: 0 aktiviteter (mål hittills: 1)" in text


def test_an_english_page_says_it_in_english(english):
    text = page_text(english["p/index.html"])
    for expected in (
        "Skip to content",
        "All pledges",
        "Parties Lokalpolisområde Testbygden (Police), Testkommun (Municipality)",
        "Coverage Done so far: 50 % of what was promised · 2 of 4 commitments fully kept "
        "A commitment that several parties made counts once for each of them. The figures are "
        "as of 31 December 2023. How it is counted",
        "Progress 50 % of what was promised · 1 of 2 parties done in full Own assessment",
        "Progress 100 % of what was promised · 1 of 1 party done in full",
        "Commitments no party has acted on yet Police commitment 2: no party has done anything "
        "yet.",
        "Police commitment 1 Kept so far",
        "Municipalities' commitment 1 Partly kept",
        "Own assessment Ongoing — Kontrollerna genomförs enligt plan. (assessed 15 December 2023)",
        "Testkommun: 1 activity (target so far: 1)",
        "Andra kommunen: 0 activities (target so far: 1)",
        "75 % higher",
        "Done 2 April 2023",
        "Published with lofte from the files in the repository.",
    ):
        assert expected in text, expected
    assert "14 March 2023 · Done" in page_text(english[ACTIVITY])
    assert (
        "| Commitment | Status | Progress | Done so far | Own assessment | Last activity |"
        in (english["p/README.md"])
    )


def test_no_page_mixes_the_languages(swedish, english):
    for name in ("p/index.html", ACTIVITY, "p/parties/kommun.html", "index.html"):
        sv, en = page_text(swedish[name]), page_text(english[name])
        assert not [w for w in ENGLISH if has_word(sv, w)], name
        assert not [w for w in SWEDISH if has_word(en, w)], name
    for word in ENGLISH:
        assert has_word(swedish["p/README.md"], word) is False, word
    for word in SWEDISH:
        assert has_word(english["p/README.md"], word) is False, word


def test_a_period_that_is_over_speaks_in_the_past_tense(root):
    sv = page_text(pages(root, date(2026, 11, 26))["p/index.html"])
    # (3/4 + 0 + 1 + 0) / 4 pairs = 43.75 % → 43.8 (half up)
    assert (
        "Gjort under perioden: 43,8 % av det som utlovades · 1 av 4 åtaganden helt uppfyllda" in sv
    )
    assert "Andel gjort 75 % av det som utlovats · 0 av 1 part har gjort allt" in sv
    assert "Gjort (kontroller) Lokalpolisområde Testbygden: 3 (mål: 4)" in sv
    assert "Polisens åtagande 2 Påbörjades aldrig" in sv
    assert "Kommunernas åtagande 1 Hölls delvis" in sv
    en = page_text(pages(root, date(2026, 11, 26), "en")["p/index.html"])
    assert "Done (kontroller) Lokalpolisområde Testbygden: 3 (target: 4)" in en
    assert "Police commitment 2 Never started" in en
    assert "Done in the period: 43.8 % of what was promised · 1 of 4 commitments fully kept" in en


def test_the_pages_follow_the_pledge_not_the_command_line(run_cli, root, tmp_path, monkeypatch):
    monkeypatch.setenv("LOFTE_LANG", "en")
    result = run_cli("render", "--out", str(tmp_path / "sv"), cwd=root)
    assert result.exit_code == 0, result.stderr
    text = page_text((tmp_path / "sv/p/index.html").read_text(encoding="utf-8"))
    assert "Åtaganden" in text and "Commitments" not in text
    monkeypatch.setenv("LOFTE_LANG", "sv")
    result = run_cli("render", "--out", str(tmp_path / "en"), "--lang", "en", cwd=root)
    assert result.exit_code == 0, result.stderr
    text = page_text((tmp_path / "en/p/index.html").read_text(encoding="utf-8"))
    assert "Commitments" in text and "Åtaganden" not in text


def test_the_report_in_swedish_and_in_english(run_cli, root, monkeypatch):
    monkeypatch.setenv("LOFTE_LANG", "en")
    sv = run_cli("report", "p", "--from", "2023-01-01", "--to", "2023-12-31", cwd=root)
    assert sv.exit_code == 0, sv.stderr
    assert sv.stdout.startswith("# Uppföljningsrapport: Medborgarlöfte Testkommunerna")
    assert "Aktiviteter från 1 januari 2023 till 31 december 2023." in sv.stdout
    assert "Aktiviteter: 2 · Arbetstimmar: 14" in sv.stdout
    en = run_cli("report", "p", "--to", "2023-12-31", "--lang", "en", cwd=root)
    assert en.stdout.startswith("# Follow-up report: Medborgarlöfte Testkommunerna")
    assert "Activities: 2 · Person-hours spent: 14" in en.stdout


def test_a_template_of_its_own_may_use_the_catalog_and_the_old_names(root, tmp_path):
    mine = write_tree(
        tmp_path / "mine",
        {
            "activity.html": (
                "<p>{{ _('Coverage') }} / {{ t('coverage') }} / "
                "{{ t.plural('activity_count', 2) }} / {{ t('activities_done') }} / "
                "{{ t('activity_count_one') }} / {{ t('no such name') }}</p>\n"
            )
        },
    )
    site = build_site(load_catalog(root).catalog, as_of=date(2023, 12, 31))
    sv = render_html(site, environment(mine))[ACTIVITY]
    assert sv == (
        "<p>Täckning / Täckning / 2 aktiviteter / Genomförda / {count} aktivitet / "
        "no such name</p>\n"
    )
    site = build_site(load_catalog(root).catalog, as_of=date(2023, 12, 31), language="en")
    en = render_html(site, environment(mine))[ACTIVITY]
    assert (
        en == "<p>Coverage / Coverage / 2 activities / Done / {count} activity / no such name</p>\n"
    )


def test_every_name_of_the_old_templates_is_in_the_swedish_catalog():
    with (LOCALE_DIR / "sv/LC_MESSAGES/lofte.po").open("rb") as f:
        catalog = read_po(f, locale="sv")
    wanted = [(None, text) for text in NAMED.values()]
    wanted += list(IN_CONTEXT.values())
    wanted += [(None, forms[0]) for forms in COUNTED.values()]
    for context, text in wanted:
        message = catalog.get(text, context=context)
        assert message is not None and not message.fuzzy, (context, text)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), (context, text)


# --- what the command line says about publishing, in the user's language --------------------

ACT = "data/pledges/p/activities/2023-03-14-foraldrakvall.yaml"


def with_phone_numbers(root: Path, files: int) -> None:
    paths = [root / ACT, root / "data/pledges/p/activities/2023-04-02-trafikkontroll.yaml"]
    for path in paths[:files]:
        text = path.read_text(encoding="utf-8").replace(
            "description: ", "description: Ring Anna på 070-123 45 67. "
        )
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "refusal"),
    [
        (
            1,
            "lofte: inget publicerades: 1 fil innehåller personuppgifter (se ovan); ta bort "
            "dem eller publicera ändå med --force",
        ),
        (
            2,
            "lofte: inget publicerades: 2 filer innehåller personuppgifter (se ovan); ta bort "
            "dem eller publicera ändå med --force",
        ),
    ],
)
def test_a_refusal_is_in_swedish(run_cli, tmp_path, monkeypatch, files, refusal):
    root = copy_base(tmp_path / "repo")
    with_phone_numbers(root, files)
    monkeypatch.setenv("LOFTE_LANG", "sv")
    result = run_cli("render", "--out", str(tmp_path / "site"), cwd=root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == refusal
    assert not (tmp_path / "site").exists()


def test_the_refusals_of_report_and_export_are_in_swedish(run_cli, tmp_path, monkeypatch):
    root = copy_base(tmp_path / "repo")
    with_phone_numbers(root, 1)
    monkeypatch.setenv("LOFTE_LANG", "sv")
    report = run_cli("report", "p", cwd=root)
    assert report.stderr.splitlines()[-1] == (
        "lofte: rapporten skrevs inte: 1 fil innehåller personuppgifter (se ovan); ta bort "
        "dem eller skriv rapporten ändå med --force"
    )
    export = run_cli("export", cwd=root)
    assert export.stderr.splitlines()[-1] == (
        "lofte: inget exporterades: 1 fil innehåller personuppgifter (se ovan); ta bort dem "
        "eller exportera ändå med --force"
    )


def test_where_output_may_not_go_is_said_in_swedish(run_cli, root, tmp_path, monkeypatch):
    monkeypatch.setenv("LOFTE_LANG", "sv")
    into_data = run_cli("report", "p", "--out", "data/pledges/p/r.md", cwd=root)
    assert into_data.stderr == (
        "lofte: data/pledges/p/r.md: ligger i datamappens data/pledges/, schemas/ eller .git/ "
        "(eller dit en länk där leder); där skriver lofte aldrig, välj en fil utanför dem\n"
    )
    taken = write_tree(tmp_path / "taken", {"a.txt": "x\n", "index.html": "min sida\n"})
    foreign = run_cli("render", "--out", str(taken), cwd=root)
    assert foreign.stderr == (
        f"lofte: {taken}: mappen innehåller filer som lofte inte har skrivit (den saknar "
        ".lofte-site.json från en tidigare lofte render); publicera i en ny eller tom mapp, "
        "eller töm den här först\n"
    )
    backwards = run_cli("report", "p", "--from", "2024-01-01", "--to", "2023-01-01", cwd=root)
    assert backwards.stderr == "lofte: --to 2023-01-01 ligger före --from 2024-01-01\n"
    assert run_cli("export", "--excel", cwd=root).stderr == (
        "lofte: --excel gäller bara --format csv\n"
    )
    assert run_cli("render", "--lang", "de", cwd=root).stderr == (
        "lofte: --lang 'de': välj en av sv, en\n"
    )


def test_the_same_refusals_stay_english_in_english(run_cli, root, monkeypatch):
    monkeypatch.setenv("LOFTE_LANG", "en")
    backwards = run_cli("report", "p", "--from", "2024-01-01", "--to", "2023-01-01", cwd=root)
    assert backwards.stderr == "lofte: --to 2023-01-01 is before --from 2024-01-01\n"
    assert run_cli("render", "--lang", "de", cwd=root).stderr == (
        "lofte: --lang 'de': choose sv, en\n"
    )


def test_the_words_of_a_template_escape_the_values_put_into_them(tmp_path):
    from lofte_cli.publish.templates import render_page

    mine = write_tree(
        tmp_path / "mine",
        {
            "any.html": (
                "{% trans who=who %}Hello {{ who }}{% endtrans %} | "
                "{{ _('assessed %(date)s', date=who) }} | "
                "{% trans count=n %}{{ count }} apple{% pluralize %}{{ count }} apples"
                "{% endtrans %} | {{ _('100%%') }} | {{ pgettext('activity group', 'Done') }} | "
                "{{ _('Coverage') }}"
            )
        },
    )
    page = render_page(environment(mine), "any.html", {"lang": "sv", "who": "<b>", "n": 2})
    assert page == "Hello &lt;b&gt; | bedömt &lt;b&gt; | 2 apples | 100% | Genomförda | Täckning"
