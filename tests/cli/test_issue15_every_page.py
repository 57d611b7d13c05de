"""Issue 15, page by page: every HTML file of a render, national pages included, links the
accessibility statement from its footer and has a description for search engines and
link previews; no page shows a commitment's or a measure's id where a citizen reads it;
and a pledge whose activity files were deleted shows no red status on any page."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.helpers import FIXTURES, REPO

STATEMENT = "tillganglighet.html"
SOURCES = {
    "bundled": REPO,
    "independent": FIXTURES / "independent",
    "sverige": REPO / "examples" / "sverige",
}


class Page(HTMLParser):
    """The links of a page's footer, its meta tags and its visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.footer_links: list[str] = []
        self.meta: dict[str, str] = {}
        self.text: list[str] = []
        self._in_footer = self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "footer":
            self._in_footer += 1
        if tag in ("script", "style", "title"):
            self._hidden += 1
        if tag == "a" and self._in_footer and found.get("href"):
            self.footer_links.append(found["href"] or "")
        if tag == "meta" and found.get("content") is not None:
            key = found.get("name") or found.get("property") or ""
            self.meta[key] = found["content"] or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "footer":
            self._in_footer -= 1
        if tag in ("script", "style", "title"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def render(run_cli, data: Path, out: Path) -> list[Path]:
    result = run_cli("--data", str(data), "render", "--out", str(out), "--no-cache", cwd=out.parent)
    assert result.exit_code == 0, result.stderr
    return sorted(out.rglob("*.html"))


@pytest.fixture(params=sorted(SOURCES))
def site(request, run_cli, tmp_path: Path) -> tuple[str, Path, list[Path]]:
    out = tmp_path / "site"
    return request.param, out, render(run_cli, SOURCES[request.param], out)


# Pages each render must have: the national pages of every kind in the Swedish example.
MUST_HAVE = {
    "bundled": ["index.html", STATEMENT, "statistik.html", "kommun/1419-tjorn.html",
                "lan/14-vastra-gotalands-lan.html", "polisregion/vast.html", "tema/trafik.html",
                "sodra-fyrbodal-2023-2024/how-it-is-counted.html"],
    "independent": ["index.html", STATEMENT, "exempelby-2024-2026/index.html",
                    "exempelby-hamnen/index.html"],
    "sverige": ["index.html", STATEMENT, "statistik.html", "kommun/0662-gislaved.html",
                "lan/25-norrbottens-lan.html", "polisregion/nord.html", "tema/narkotika.html",
                "malmo-mollevangen-2021-2022/parties/bid-mollevangen.html"],
}  # fmt: skip


def test_every_page_links_the_accessibility_statement_from_its_footer(site):
    name, out, pages = site
    rel = {p.relative_to(out).as_posix() for p in pages}
    assert set(MUST_HAVE[name]) <= rel
    for page in pages:
        found = [h for h in read_page(page).footer_links if h.endswith(STATEMENT)]
        assert len(found) == 1, page
        assert (page.parent / found[0]).resolve() == (out / STATEMENT).resolve(), page


def test_every_page_has_a_description_and_open_graph_tags(site):
    pages = site[2]
    for page in pages:
        meta = read_page(page).meta
        for key in ("description", "og:title", "og:description", "og:type", "og:locale"):
            assert meta.get(key, "").strip(), (page, key)
        assert meta["og:locale"] in ("sv_SE", "en_GB")


def _ids_and_measures(data: Path) -> set[str]:
    """Every commitment id and measure id of the data, read from the files."""
    yaml, found = YAML(typ="safe"), set()
    for path in (data / "data" / "pledges").glob("*/pledge.yaml"):
        pledge = yaml.load(path.read_text(encoding="utf-8"))
        found |= {c["id"] for c in pledge["commitments"]}
        found |= {c["expect"]["of"] for c in pledge["commitments"] if "of" in c.get("expect", {})}
    for path in (data / "data" / "pledges").glob("*/activities/*.yaml"):
        found |= set(yaml.load(path.read_text(encoding="utf-8")).get("measures") or {})
    return {i for i in found if "-" in i}  # a one-word measure reads as a word


# How many ids each source holds, and some of them, read from its files by hand: the
# search below has ids to find.
IDS_TO_FIND = {
    "bundled": (
        12,
        {*(f"polis-{n}" for n in range(1, 6)), *(f"kommun-{n}" for n in range(1, 7))}
        | {"kontrollerade-fordon"},
    ),
    "independent": (20, {"joint-dialogue", "housing-courtyards", "police-patrols"}),
    "sverige": (20, {"bid-mollevangen-1", "gemensamt-1"}),
}


def test_no_page_shows_a_commitment_or_measure_id(site):
    name, _, pages = site
    ids = _ids_and_measures(SOURCES[name])
    assert len(ids) == IDS_TO_FIND[name][0] and IDS_TO_FIND[name][1] <= ids
    for page in pages:
        text = " ".join(read_page(page).text)
        shown = {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)}
        assert shown == set(), page


# --- a pledge whose activity files were deleted ------------------------------------------

PLEDGE = "sodra-fyrbodal-2023-2024"
RED = ("status-untouched", "status-partial", "status-met", 'class="unmet"', "#b00020")
JUDGED = ("Påbörjades aldrig", "Inte påbörjat", "Hölls", "Hålls", "tystnade", "gjorde inget")


@pytest.fixture
def bare_site(run_cli, tmp_path: Path) -> tuple[Path, list[Path]]:
    data = tmp_path / "repo"
    shutil.copytree(REPO / "data", data / "data")
    shutil.rmtree(data / "data" / "pledges" / PLEDGE / "activities")
    out = tmp_path / "site"
    return out, render(run_cli, data, out)


def test_a_pledge_without_records_shows_no_red_status_on_any_page(bare_site):
    pages = bare_site[1]
    # 20 pages: index, statement, statistics, the pledge, how it is counted, 4 parties,
    # 3 municipalities, 1 county, 1 police region, 6 themes; no activity pages.
    assert len(pages) == 20
    for page in pages:
        source = page.read_text(encoding="utf-8")
        text = html.unescape(" ".join(read_page(page).text))
        assert not [r for r in RED if r in source], page
        assert not [w for w in JUDGED if w in text], page


def test_every_page_that_lists_the_pledge_says_nothing_is_recorded(bare_site):
    out, pages = bare_site
    said = "Här finns inga aktiviteter registrerade för löftet"
    others = [p for p in pages if PLEDGE not in p.relative_to(out).parts]
    listing = [p for p in others if f"{PLEDGE}/index.html" in p.read_text(encoding="utf-8")]
    names = sorted(p.relative_to(out).as_posix() for p in listing)
    assert names == sorted(
        ["index.html", "kommun/1415-stenungsund.html", "kommun/1419-tjorn.html",
         "kommun/1421-orust.html", "lan/14-vastra-gotalands-lan.html", "polisregion/vast.html",
         "tema/brottsoffer.html", "tema/foraldraskap.html", "tema/narkotika.html",
         "tema/samverkan-lagesbild.html", "tema/skola.html", "tema/trafik.html"]
    )  # fmt: skip
    for page in listing:
        assert said in " ".join(read_page(page).text), page
    pledge = " ".join(read_page(out / PLEDGE / "index.html").text)
    assert pledge.count("Inget registrerat") == 11  # one per commitment
    statistics = " ".join(read_page(out / "statistik.html").text)
    assert "1 löfte har ingen siffra än" in statistics


def test_how_it_is_counted_explains_only_the_status_the_pledge_has(bare_site):
    out, _ = bare_site
    text = " ".join(" ".join(read_page(out / PLEDGE / "how-it-is-counted.html").text).split())
    assert (
        "Vad lägena betyder Inget registrerat Löftet har inga registrerade aktiviteter alls, så "
        "det går inte att säga något om hur det hålls. När aktiviteter registreras visar sidan "
        "hur varje åtagande hålls, och då förklarar den här sidan orden som används."
    ) in text


def test_the_swedish_example_with_nothing_recorded_has_no_red_anywhere(run_cli, tmp_path):
    pages = render(run_cli, SOURCES["sverige"], tmp_path / "site")
    assert len(pages) > 150  # 26 pledges and their national pages
    for page in pages:
        source = page.read_text(encoding="utf-8")
        text = html.unescape(" ".join(read_page(page).text))
        assert not [r for r in RED if r in source], page
        assert not [w for w in JUDGED if w in text], page


def test_the_statement_says_when_it_was_last_updated(run_cli, tmp_path):
    import os
    from datetime import datetime

    data = tmp_path / "repo"  # not in git: the files' modification times count
    shutil.copytree(FIXTURES / "independent" / "data", data / "data")
    days = {
        "exempelby-2024-2026": "2022-01-05",
        "exempelby-hamnen": "2024-03-15",
        "kungalv-2017-2018": "2023-11-02",
        "vallentuna-2019-2020": "2020-02-29",
    }
    for pledge, day in days.items():
        stamp = datetime.fromisoformat(f"{day}T12:00:00").timestamp()
        os.utime(data / "data" / "pledges" / pledge / "pledge.yaml", (stamp, stamp))
    out = tmp_path / "site"
    render(run_cli, data, out)
    text = " ".join(" ".join(read_page(out / STATEMENT).text).split())
    # the newest of the four pledge files, whatever the activities' dates
    assert "Redogörelsen uppdaterades senast den 15 mars 2024." in text
    assert "Innehållet ändrades senast: 15 mars 2024" in text
