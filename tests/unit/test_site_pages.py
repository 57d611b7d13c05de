"""Issue 15, points 2 and 3: commitments and measures named as citizens read them, the
month chart's labels, and what a Swedish public site has (introduction, contacts, the
parties' own websites, the accessibility statement in every footer, description and Open
Graph tags). Every expected text is written by hand."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lofte_cli.data.loader import load_catalog
from lofte_cli.publish.report import make_report
from tests.cli.test_render import page_text, render_pages
from tests.helpers import copy_base, write_tree

PLEDGE = "data/pledges/p/pledge.yaml"
AS_OF = date(2023, 12, 31)


def with_pledge_changes(root: Path, *changes: tuple[str, str]) -> Path:
    path = root / PLEDGE
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_base(tmp_path / "repo")


# --- commitments and measures by name -------------------------------------------------------


def test_a_commitment_without_title_is_named_by_its_parties_and_number(root):
    html = render_pages(root, AS_OF)["p/index.html"]
    text = page_text(html)
    assert "Polisens åtagande 1 Hålls hittills" in text
    assert "Polisens åtagande 2 Inte påbörjat" in text
    assert "Kommunernas åtagande 1 Hålls delvis" in text
    assert 'class="cid"' not in html  # no bare id in monospace
    en = page_text(render_pages(root, AS_OF, language="en")["p/index.html"])
    assert "Police commitment 1 Kept so far" in en
    assert "Municipalities' commitment 1 Partly kept" in en


def test_one_municipality_a_joint_commitment_and_an_id_without_number(root):
    with_pledge_changes(
        root,
        ("  - id: polis-2\n    by: polisen\n", "  - id: moten\n    by: [polisen, kommun]\n"),
        ("  - id: kommun-1\n    by: kommunerna\n", "  - id: kommun-7\n    by: kommun\n"),
    )
    write_tree(
        root,
        {
            "data/pledges/p/activities/2023-03-14-foraldrakvall.yaml": (
                "id: 2023-03-14-foraldrakvall\ndate: 2023-03-14\nstatus: done\nby: [kommun]\n"
                "commitments: [kommun-7]\ntitle: Föräldrakväll\ndescription: En kväll.\n"
            )
        },
    )
    text = page_text(render_pages(root, AS_OF)["p/index.html"])
    assert "Gemensamt åtagande 2 " in text  # its place in the list: the second
    assert "Kommunens åtagande 7 " in text


def test_a_title_is_shown_instead_of_the_name(root):
    with_pledge_changes(
        root, ("  - id: polis-2\n", "  - id: polis-2\n    title: Föräldramöten i skolan\n")
    )
    pages = render_pages(root, AS_OF)
    text = page_text(pages["p/index.html"])
    assert "Föräldramöten i skolan Inte påbörjat" in text
    assert "Polisens åtagande 2" not in text
    party = page_text(pages["p/parties/polisen.html"])
    assert "Polisens åtagande 1 Genomföra minst två trafikkontroller per år." in party
    assert "Föräldramöten i skolan Delta i föräldramöten" in party


def test_measure_labels_on_every_page_and_in_the_report(root):
    with_pledge_changes(
        root, ("commitments:\n", "measures:\n  kontroller: Kontrollerade fordon\ncommitments:\n")
    )
    pages = render_pages(root, AS_OF)
    pledge = page_text(pages["p/index.html"])
    assert "Gjort hittills (Kontrollerade fordon) Lokalpolisområde Testbygden: 3" in pledge
    activity = page_text(pages["p/activities/2023-04-02-trafikkontroll.html"])
    assert "Prestationer Kontrollerade fordon: 3" in activity
    assert "Åtaganden Polisens åtagande 1 : Genomföra minst två" in activity
    party = page_text(pages["p/parties/polisen.html"])
    assert "Kontrollerade fordon: 3 (mål hittills: 2)" in party
    catalog = load_catalog(root).catalog
    report = make_report(catalog, today=AS_OF, pledge="p", output_format="markdown")
    assert "## Polisens åtagande 1: Hålls hittills" in report
    assert "- **Gjort hittills (Kontrollerade fordon):**" in report
    assert "| Trafikkontroll av EPA-traktorer | Lokalpolisområde Testbygden | " in report
    assert "Kontrollerade fordon: 3 |" in report


def test_an_unknown_measure_keeps_its_id(root):
    with_pledge_changes(root, ("commitments:\n", "measures:\n  annat: Annat\ncommitments:\n"))
    activity = page_text(render_pages(root, AS_OF)["p/activities/2023-04-02-trafikkontroll.html"])
    assert "Prestationer kontroller: 3" in activity


# --- the month chart --------------------------------------------------------------------------


def test_the_chart_has_month_labels_a_value_axis_and_titles(root):
    html = render_pages(root, AS_OF)["p/index.html"]
    months = [
        "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ]  # fmt: skip
    for month in months:
        assert f'text-anchor="middle">{month}</text>' in html, month
    assert 'class="tick-label" x="30" y="144" text-anchor="end">0</text>' in html
    assert 'class="tick-label" x="30" y="4" text-anchor="end">1</text>' in html
    assert "<title>Testkommun, mars 2023: 1 aktivitet</title>" in html
    assert '<th scope="row">mars 2023</th><td>0</td><td>1</td><td>0</td><td>1</td>' in html


# --- what a public site has ---------------------------------------------------------------------


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_footer = False
        self.footer_links: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "footer":
            self.in_footer = True
        if tag == "a" and self.in_footer:
            self.footer_links.append(a.get("href") or "")
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.meta[a.get("name") or a.get("property") or ""] = a.get("content") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "footer":
            self.in_footer = False


def links(html: str) -> Links:
    found = Links()
    found.feed(html)
    return found


def test_every_page_of_the_bundled_site_links_the_statement(bundled_site: Path):
    pages = sorted(bundled_site.rglob("*.html"))
    # index, statement, pledge, how it is counted, 4 parties, 28 activities, and 12 national
    # pages (3 municipalities, a county, a police region, 6 themes, the statistics)
    assert len(pages) == 48
    for page in pages:
        found = links(page.read_text(encoding="utf-8")).footer_links
        statement = [h for h in found if h.endswith("tillganglighet.html")]
        assert len(statement) == 1, page
        assert (page.parent / statement[0]).resolve() == bundled_site / "tillganglighet.html"


def test_the_statement_follows_diggs_model_with_the_contact_from_the_data(root):
    html = render_pages(root, AS_OF)["tillganglighet.html"]
    text = page_text(html)
    for expected in (
        "Tillgänglighetsredogörelse",
        "lagen (2018:1937) om tillgänglighet till digital offentlig service",
        "WCAG 2.1 på nivå AA",
        "Hur tillgänglig är webbplatsen?",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat webbplatsen",
        "axe-core",
        "granskats manuellt",
        "Tillsyn",
        "Myndigheten för digital förvaltning (Digg)",
    ):
        assert expected in text, expected
    assert '<a href="mailto:trygghet@kommun.se">trygghet@kommun.se</a>' in html
    assert '<a href="https://www.digg.se/tdosanmalan" rel="noopener noreferrer external">' in html
    en = page_text(render_pages(root, AS_OF, language="en")["tillganglighet.html"])
    assert "Accessibility statement" in en and "The Agency for Digital Government" in en


def test_the_index_introduces_citizen_promises(root):
    text = page_text(render_pages(root, AS_OF)["index.html"])
    assert "Vad är ett medborgarlöfte? Ett medborgarlöfte är ett löfte från polisen" in text
    en = page_text(render_pages(root, AS_OF, language="en")["index.html"])
    assert "What is a citizen promise? A citizen promise (medborgarlöfte) is a promise" in en


def test_contacts_and_the_parties_own_websites(root):
    with_pledge_changes(
        root,
        (
            "kommun: {name: Testkommun, kind: municipality}",
            "kommun: {name: Testkommun, kind: municipality, url: 'https://testkommun.se/'}",
        ),
        ("contacts: [trygghet@kommun.se]", "contacts: [trygghet@kommun.se, '0303-73 00 00']"),
    )
    pages = render_pages(root, AS_OF)
    html = pages["p/index.html"]
    assert '<li><a href="mailto:trygghet@kommun.se">trygghet@kommun.se</a></li>' in html
    assert '<li><a href="tel:0303730000">0303-73 00 00</a></li>' in html
    assert (
        '<li><a href="https://testkommun.se/" rel="noopener noreferrer external">'
        "Testkommun</a></li>" in html
    )
    party = pages["p/parties/kommun.html"]
    assert '<a href="https://testkommun.se/" rel="noopener noreferrer external">' in party
    assert "Partens egen webbplats" in page_text(party)


def test_description_and_open_graph(root):
    pages = render_pages(root, AS_OF)
    meta = links(pages["p/index.html"]).meta
    goal = "Öka den upplevda tryggheten och minska brottsligheten bland ungdomar."
    assert meta["description"] == goal and meta["og:description"] == goal
    assert meta["og:title"] == "Medborgarlöfte Testkommunerna 2023–2024"
    assert meta["og:type"] == "website" and meta["og:locale"] == "sv_SE"
    en = links(render_pages(root, AS_OF, language="en")["index.html"]).meta
    assert en["og:locale"] == "en_GB" and en["og:title"] == "Citizen promises"
    assert en["description"].startswith("What the police and the municipalities have promised")


# --- the schema ---------------------------------------------------------------------------------


def test_validate_says_what_is_wrong_with_the_new_fields(run_cli, root):
    with_pledge_changes(
        root,
        (
            "polisen: {name: Lokalpolisområde Testbygden, kind: police}",
            "polisen: {name: Lokalpolisområde Testbygden, kind: police, url: 'http://polisen.se/'}",
        ),
        ("  - id: polis-2\n", "  - id: polis-2\n    title: '" + "x" * 121 + "'\n"),
        ("  - id: kommun-1\n", "  - id: kommun-1\n    rubrik: Föräldrakvällar\n"),
    )
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:3] == [
        f"{PLEDGE}:10:67: error L116 parties.polisen.url: 'http://polisen.se/' is not an "
        "https address (write https://…)",
        f"{PLEDGE}:27:12: error L115 commitments[2].title: is longer than 120 characters; "
        "shorten it",
        f"{PLEDGE}:32:5: error L113 commitments[3]: unknown key 'rubrik'; did you mean 'title'?",
    ]


def test_the_index_says_what_its_percentage_counts(bundled_site: Path) -> None:
    index = (bundled_site / "index.html").read_text(encoding="utf-8")
    # Progress leads: 20 of the 23 pairs' shares are done (polis-4 nothing, kommun-2 two
    # pairs half, kommun-5 one pair nothing), 20/23 = 86.96 % → 87; the bar is drawn to the
    # nearest 5 % (85) and hidden from screen readers, which read the text.
    assert (
        '<p class="meter-text"><strong>Gjort under perioden: 87 % av det som utlovades · '
        "19 av 23 åtaganden helt uppfyllda</strong> · Aktiviteter: 26</p>\n"
        '    <div class="meter" aria-hidden="true"><span class="fill w85"></span></div>'
    ) in index
