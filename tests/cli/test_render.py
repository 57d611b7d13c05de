"""`lofte render` and `lofte report`: links that resolve, nothing from other hosts, escaped
text, two languages, dates from git, template overrides."""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest

from lofte_cli.data.loader import load_catalog
from lofte_cli.publish.i18n import EN, SV
from lofte_cli.publish.templates import safe_url
from tests.helpers import REPO, copy_base, write_tree

PLEDGE = "sodra-fyrbodal-2023-2024"
PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&"


class Page(HTMLParser):
    """The links, sources, ids and text of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name):
                self.refs.append((tag, attributes[name], attributes))

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="session")
def site(bundled_site: Path) -> Path:
    """The bundled data rendered (see conftest.bundled_site)."""
    return bundled_site


BUNDLED = REPO / "data" / "pledges" / PLEDGE


def data_urls() -> set[str]:
    """The URLs the bundled data holds (the pledge's sources, the activities' links), read
    with ruamel.yaml, not with lofte's loader."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    urls = {s["url"] for s in yaml.load(BUNDLED / "pledge.yaml").get("sources", [])}
    for path in (BUNDLED / "activities").glob("*.yaml"):
        urls |= {link["url"] for link in yaml.load(path).get("links", [])}
    assert len(urls) == 4  # 4 sources; the 3 activity links are among them
    parties = yaml.load(BUNDLED / "pledge.yaml")["parties"].values()
    # The parties' own websites, and where DIGG takes reports about accessibility.
    return urls | {p["url"] for p in parties} | {"https://www.digg.se/tdosanmalan"}


def test_every_page_is_there(site):
    # The parties of the bundled pledge.yaml (polisen, stenungsund, orust, tjorn), and one
    # page per activity file: an activity's id is its file name (L108), 28 of them.
    activities = sorted(p.stem for p in (BUNDLED / "activities").glob("*.yaml"))
    assert len(activities) == 28
    expected = {
        "index.html",
        "tillganglighet.html",
        "style.css",
        "README.md",
        f"{PLEDGE}/index.html",
        f"{PLEDGE}/how-it-is-counted.html",
        f"{PLEDGE}/README.md",
        f"{PLEDGE}/activities.xml",
        f"{PLEDGE}/planned.ics",
        f"{PLEDGE}/parties/polisen.html",
        f"{PLEDGE}/parties/stenungsund.html",
        f"{PLEDGE}/parties/orust.html",
        f"{PLEDGE}/parties/tjorn.html",
        # The national picture: the three municipalities (their codes), their county and
        # police region, the themes of the focus areas, the statistics.
        "kommun/1415-stenungsund.html",
        "kommun/1419-tjorn.html",
        "kommun/1421-orust.html",
        "lan/14-vastra-gotalands-lan.html",
        "polisregion/vast.html",
        "tema/brottsoffer.html",
        "tema/foraldraskap.html",
        "tema/narkotika.html",
        "tema/samverkan-lagesbild.html",
        "tema/skola.html",
        "tema/trafik.html",
        "statistik.html",
    }
    expected |= {f"{PLEDGE}/activities/{a}.html" for a in activities}
    expected |= {".lofte-site.json"}  # what this render wrote, for the next one
    found = {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()}
    assert found == expected


def test_internal_links_resolve_and_no_other_host_is_referenced(site):
    allowed = data_urls()
    pages = sorted(site.rglob("*.html"))
    parsed = {p: parse(p) for p in pages}
    for path, page in parsed.items():
        assert "script" not in page.tags, path
        for tag, ref, attrs in page.refs:
            url = urlparse(ref)
            if url.scheme in ("http", "https"):
                assert tag == "a" and ref in allowed, (path, ref)
                assert attrs.get("rel") == "noopener noreferrer external", (path, ref)
                continue
            assert not url.scheme and not url.netloc, (path, ref)
            target, fragment = urldefrag(ref)
            resolved = (path.parent / target).resolve() if target else path
            assert resolved.is_file(), (path, ref)
            if fragment:
                assert fragment in parsed[resolved].ids, (path, ref)


def test_pages_carry_csp_lang_and_viewport(site):
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in text and "default-src 'none'" in text
        assert '<html lang="sv">' in text
        assert 'name="viewport"' in text
    css = (site / "style.css").read_text(encoding="utf-8")
    assert "@media print" in css and "@import" not in css and "url(" not in css


def test_pledge_page_shows_what_the_issue_lists(site):
    text = " ".join(parse(site / PLEDGE / "index.html").text)
    for expected in (
        "Mål",
        "Stenungsund, Orust och Tjörn",
        "1 januari 2023",
        "31 december 2024",
        "Kicki Nordberg",
        "87 % av det som utlovades",  # progress: 20 of 23 pairs' shares done
        "19 av 23 åtaganden helt uppfyllda",
        "Tjörns kommun gjorde inget på Kommunernas åtagande 5 under perioden",  # it ended 2024
        "Egen bedömning",
        "Aktiviteter per månad",
        "Exempeldata",
        "Innehållet ändrades senast",
        "Andel som känner sig trygga",
    ):
        assert expected in text, expected
    html = (site / PLEDGE / "index.html").read_text(encoding="utf-8")
    assert '<svg role="img" aria-labelledby="timeline-caption"' in html
    assert "<table>" in html  # the timeline's figures in text, beside the chart


def test_markdown_summary(site):
    text = (site / PLEDGE / "README.md").read_text(encoding="utf-8")
    assert text.startswith("# Medborgarlöfte Södra Fyrbodal 2023–2024")
    rows = [line for line in text.splitlines() if line.startswith("| **")]
    assert len(rows) == 11
    assert "| Åtagande | Läge | Andel gjort | Gjort |" in text  # the period has ended


def injected_repo(root: Path) -> Path:
    """A repository with the payload in every text field of a pledge and an activity."""
    q = '"' + PAYLOAD.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return write_tree(
        root,
        {
            "data/pledges/p/pledge.yaml": (
                f"id: p\ntitle: {q}\narea: {q}\nperiod: {{start: 2023-01-01, end: 2024-12-31}}\n"
                f"parties:\n  kommun: {{name: {q}, kind: municipality}}\n"
                f"groups: {{alla: [kommun]}}\ngoal: {q}\nfocus_areas: {{f: {q}}}\n"
                f"commitments:\n  - {{id: kommun-1, by: alla, text: {q}, condition: {q},"
                f" focus: [f], expect: {{count: 1, of: {q}}}}}\n"
                f"indicators:\n  - {{id: i, name: {q}, unit: {q},"
                f" baseline: {{value: 1, source: {q}}}}}\n"
                f"signatories:\n  - {{name: {q}, role: {q}, party: kommun}}\n"
                f"sources:\n  - {{title: {q}, url: 'https://kommun.se/'}}\nnotice: {q}\n"
            ),
            "data/pledges/p/activities/2023-05-05-x.yaml": (
                f"id: 2023-05-05-x\ndate: 2023-05-05\nby: [kommun]\ncommitments: [kommun-1]\n"
                f"title: {q}\ndescription: {q}\nplace: {q}\npartners: [{q}]\n"
                f"target_groups: [{q}]\nmeasures: {{{q}: 2}}\n"
                f"links:\n  - {{title: {q}, url: 'https://kommun.se/a'}}\n"
            ),
            "data/pledges/p/followups/2023-12-01.yaml": (
                f"date: 2023-12-01\nassessments: {{kommun-1: {{status: ongoing, comment: {q}}}}}\n"
                f"indicators: {{i: {{value: 2, source: {q}}}}}\n"
            ),
        },
    )


def test_injection_is_escaped_on_every_page(run_cli, tmp_path):
    root = injected_repo(tmp_path / "repo")
    assert run_cli("validate", cwd=root).exit_code == 0
    out = tmp_path / "site"
    result = run_cli("render", "--out", str(out), "--format", "all", cwd=root)
    assert result.exit_code == 0, result.stderr
    pages = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.suffix in (".html", ".md"))
    assert pages == [
        "README.md",
        "index.html",
        "p/README.md",
        "p/activities/2023-05-05-x.html",
        "p/how-it-is-counted.html",
        "p/index.html",
        "p/parties/kommun.html",
        "tillganglighet.html",
    ]
    whole = (
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
        "&#34;&#39;&amp;"
    )  # PAYLOAD with each of < > ' " & escaped
    for page in pages:
        text = (out / page).read_text(encoding="utf-8")
        assert "<script" not in text and "<img" not in text, page
        assert "onerror=alert(1)>" not in text, page
        assert whole in text, page  # the payload is there, escaped as a whole
    escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
    for page in ("p/index.html", "p/activities/2023-05-05-x.html", "index.html"):
        assert escaped in (out / page).read_text(encoding="utf-8"), page
    activity = (out / "p/activities/2023-05-05-x.html").read_text(encoding="utf-8")
    assert activity.count(escaped) >= 8  # title (twice), description, place, labels, link
    pledge = (out / "p/index.html").read_text(encoding="utf-8")
    assert pledge.count(escaped) >= 12  # every text of the pledge, the follow-up and indicator


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x", "//x"])
def test_only_http_links_are_linked(url):
    assert safe_url(url) is None
    assert safe_url("https://polisen.se/") == "https://polisen.se/"


def test_swedish_and_english_differ_and_swedish_has_no_english_words(run_cli, tmp_path):
    sv, en = tmp_path / "sv", tmp_path / "en"
    assert run_cli("render", "--out", str(sv), cwd=REPO).exit_code == 0
    assert run_cli("render", "--out", str(en), "--lang", "en", cwd=REPO).exit_code == 0
    sv_text = " ".join(parse(sv / PLEDGE / "index.html").text)
    en_text = " ".join(parse(en / PLEDGE / "index.html").text)
    assert "14 mars 2023" in " ".join(
        parse(
            sv / PLEDGE / "activities/2023-03-14-foraldrakvall-om-droger-och-sociala-medier.html"
        ).text
    )
    assert "14 March 2023" in " ".join(
        parse(
            en / PLEDGE / "activities/2023-03-14-foraldrakvall-om-droger-och-sociala-medier.html"
        ).text
    )
    assert "Commitments" in en_text and "Åtaganden" in sv_text and "Commitments" not in sv_text
    english_only = {v.split("{")[0].strip() for k, v in EN.items() if SV.get(k) != v}
    english_only = {w for w in english_only if len(w) > 3}
    for page in sv.rglob("*.html"):
        text = " ".join(parse(page).text)
        leaked = [w for w in english_only if re.search(rf"\b{re.escape(w)}\b", text)]
        assert not leaked, (page, leaked)
    assert '<html lang="en">' in (en / PLEDGE / "index.html").read_text(encoding="utf-8")


def test_report_for_2023_lists_exactly_the_2023_activities(run_cli):
    # The titles of the 17 activity files dated 2023 (two share a title: 16 titles).
    in_2023 = {
        "Gemensamt lägesbildsmöte inför 2023",
        "Föräldrakväll om droger och sociala medier",  # 2023-02-08 and 2023-03-14
        "Trygghetsvandring i Skärhamns centrum",
        "Trafiksäkerhetsdag för unga EPA-förare",
        "Kontrollvecka för EPA- och A-traktorer",
        "Drogförebyggande lektioner i årskurs 8",
        "Föreningsträff om trygga idrottsmiljöer",
        "Kontroll av EPA-traktorer vid skolstarten i Henån",
        "Trygghetsvandring på Kristinedalskolan",
        "Trafikundervisning om A-traktorer i årskurs 9",
        "Insats mot buskörning på Tjörn",
        "Föräldrakväll om unga och alkohol",
        "Näringslivsfrukost om trygghet i centrum",
        "Lektioner om kränkningar på nätet i årskurs 7",
        "Temadag om psykisk hälsa för högstadieelever",
        "Temadag mot kränkningar i skolan",
    }
    for fmt in ("markdown", "html"):
        result = run_cli(
            "report",
            PLEDGE,
            "--from",
            "2023-01-01",
            "--to",
            "2023-12-31",
            "--format",
            fmt,
            cwd=REPO,
        )
        assert result.exit_code == 0, result.stderr
        if fmt == "markdown":
            rows = [
                r.split(" | ")
                for r in result.stdout.splitlines()
                if re.match(r"\| \d+ \w+ \d{4} \|", r)
            ]
            titles = {r[1].split(" (")[0] for r in rows}
            years = {r[0].split()[-1] for r in rows}
        else:
            rows = re.findall(r"<tr><td>([^<]+)</td><td>([^<(]+)", result.stdout)
            titles = {t.strip() for _, t in rows}
            years = {d.split()[-1] for d, _ in rows}
        assert titles == in_2023, fmt
        assert years == {"2023"}


def test_report_shows_hours_measures_and_indicators(run_cli):
    result = run_cli("report", PLEDGE, "--from", "2023-01-01", "--to", "2023-12-31", cwd=REPO)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    # The hours of the 17 activities of 2023 (all done), in date order:
    # 42+12+10+15+24+60+18+9+16+8+14+26+9+10+12+30+20 = 335.
    assert "Aktiviteter: 17 · Arbetstimmar: 335\n" in text
    assert "trafikkontroller" in text and "## Indikatorer" in text


def test_report_bad_span(run_cli):
    result = run_cli("report", PLEDGE, "--from", "2024-01-01", "--to", "2023-01-01", cwd=REPO)
    assert result.exit_code == 2
    assert run_cli("report", "okand", cwd=REPO).exit_code == 2


def test_templates_override_by_file_name(run_cli, tmp_path):
    custom = write_tree(
        tmp_path / "custom",
        {"activity.html": "<!DOCTYPE html><p>EGEN MALL {{ activity.title }}</p>\n"},
    )
    out = tmp_path / "site"
    assert run_cli("render", "--out", str(out), "--templates", str(custom), cwd=REPO).exit_code == 0
    page = next((out / PLEDGE / "activities").glob("*.html")).read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html><p>EGEN MALL ")
    assert "EGEN MALL" not in (out / PLEDGE / "index.html").read_text(encoding="utf-8")


def test_last_updated_comes_from_git_or_mtime(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    files = sorted((root / "data").rglob("*.yaml"))
    for f in files:
        os.utime(f, (1_700_000_000, 1_700_000_000))  # 14 November 2023
    out = tmp_path / "site"
    assert run_cli("render", "--out", str(out), cwd=root).exit_code == 0
    assert "14 november 2023" in (out / "p/index.html").read_text(encoding="utf-8")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2024-02-03T12:00:00",
        "GIT_COMMITTER_DATE": "2024-02-03T12:00:00",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "data"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)
    assert run_cli("render", "--out", str(out), cwd=root).exit_code == 0
    assert "3 februari 2024" in (out / "p/index.html").read_text(encoding="utf-8")


def test_render_usage_errors(run_cli, tmp_path):
    assert run_cli("render", "--format", "pdf", cwd=REPO).exit_code == 2
    assert run_cli("render", "--lang", "de", cwd=REPO).exit_code == 2
    assert run_cli("render", "--as-of", "igår", cwd=REPO).exit_code == 2


def test_pages_made_in_worker_processes_are_the_same(tmp_path, monkeypatch):
    import lofte_cli.publish.site as publish
    from lofte_cli.publish.site_model import build_site

    site = build_site(load_catalog(REPO).catalog, as_of=date(2026, 11, 26))
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    one = publish.render_site(site, serial, formats=("html",), templates=None, jobs=1)
    monkeypatch.setattr(publish, "_PARALLEL_FROM", 1)
    two = publish.render_site(site, parallel, formats=("html",), templates=None, jobs=2)
    # 3 + 2 + 4 parties + 28 + 2, and 12 national pages (3 municipalities, a county, a
    # police region, 6 themes, the statistics)
    assert one == two == publish.PublishResult(51, (), ())
    made = sorted(p.relative_to(serial) for p in serial.rglob("*") if p.is_file())
    assert made == sorted(p.relative_to(parallel) for p in parallel.rglob("*") if p.is_file())
    for rel in made:
        assert (serial / rel).read_bytes() == (parallel / rel).read_bytes(), rel
    assert [p.name for p in parallel.rglob(".*")] == [".lofte-site.json"]  # no temporary files


def test_a_pledge_whose_id_differs_from_its_folder_is_named_and_left_out(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    (root / "data/pledges/p").rename(root / "data/pledges/other-name")
    refused = run_cli("render", "--out", str(tmp_path / "site"), cwd=root)
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        "data/pledges/other-name/pledge.yaml:2:5: error L108 pledge id 'p' does not match "
        "its folder name 'other-name'\n"
    )
    assert not (tmp_path / "site").exists()
    forced = run_cli("render", "--out", str(tmp_path / "site"), "--force", cwd=root)
    assert forced.exit_code == 0, forced.stderr
    assert "left out, not published: data/pledges/other-name/pledge.yaml:2:5: error L108" in (
        forced.stderr
    )
    assert not (tmp_path / "site/other-name").exists()
    assert (tmp_path / "site/index.html").is_file()


def test_markdown_escapes_what_markdown_would_read_as_syntax():
    from lofte_cli.publish.templates import markdown_text

    assert (
        markdown_text("a \\[x](y) b] *c* `d` |e|")
        == "a \\\\\\[x\\](y) b\\] \\*c\\* \\`d\\` \\|e\\|"
    )


def test_atom_feed_of_activities_newest_first(site):
    import xml.etree.ElementTree as ET

    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(site / PLEDGE / "activities.xml").getroot()
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 26  # 28 activities, one cancelled (2024-06-11), one planned
    dates = [e.find("a:updated", ns).text for e in entries]
    assert dates == sorted(dates, reverse=True)
    links = [e.find("a:link", ns).get("href") for e in entries]
    assert all((site / PLEDGE / link).is_file() for link in links)


def test_calendar_of_planned_activities(site):
    from lofte_cli.publish.feeds import planned_calendar

    text = (site / PLEDGE / "planned.ics").read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "BEGIN:VEVENT" not in text  # the one planned activity's day (2024) has passed
    data = load_catalog(REPO).catalog.pledges[PLEDGE]
    for as_of, events in ((date(2024, 12, 1), 1), (date(2024, 12, 10), 1), (date(2024, 12, 11), 0)):
        text = planned_calendar(data, as_of)
        assert text.count("BEGIN:VEVENT") == events, as_of
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    # The one planned activity: 2024-12-10-gemensam-uppfoljning-av-medborgarloftet-2023-2024.
    assert "DTSTART;VALUE=DATE:20241210" in planned_calendar(data, date(2024, 1, 1))


def test_feed_text_is_escaped(tmp_path, run_cli):
    root = injected_repo(tmp_path / "repo")
    out = tmp_path / "site"
    assert run_cli("render", "--out", str(out), cwd=root).exit_code == 0
    feed = (out / "p" / "activities.xml").read_text(encoding="utf-8")
    assert "<script" not in feed and "&lt;script&gt;" in feed


def test_calendar_text_escaping():
    from lofte_cli.publish.feeds import _ics_text

    assert _ics_text("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne"


def test_history_of_a_revised_pledge(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Samordnare",
        "GIT_AUTHOR_EMAIL": "s@example.org",
        "GIT_COMMITTER_NAME": "Samordnare",
        "GIT_COMMITTER_EMAIL": "s@example.org",
    }

    def commit(message: str, day: str) -> None:
        dated = {
            **env,
            "GIT_AUTHOR_DATE": f"{day}T12:00:00",
            "GIT_COMMITTER_DATE": f"{day}T12:00:00",
        }
        subprocess.run(["git", "add", "."], cwd=root, env=dated, check=True)
        subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, env=dated, check=True)

    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    commit("first", "2023-01-02")
    pledge = root / "data/pledges/p/pledge.yaml"
    text = pledge.read_text(encoding="utf-8")
    text = text.replace("  - id: polis-2\n", "  - id: polis-3\n").replace(
        "Anordna föräldrakvällar", "Anordna fler föräldrakvällar"
    )
    pledge.write_text(text, encoding="utf-8")
    commit("revised", "2024-03-01")
    result = run_cli("history", "p", cwd=root)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2023-01-02") and lines[0].endswith("first version")
    assert lines[1].startswith("2024-03-01") and "added polis-3" in lines[1]
    assert "removed polis-2" in lines[1] and "reworded kommun-1" in lines[1]
    assert run_cli("history", cwd=root).stdout == result.stdout  # the only pledge
    report = run_cli("report", cwd=root, today="2024-06-01")
    same = run_cli("report", "p", cwd=root, today="2024-06-01").stdout
    assert report.exit_code == 0 and report.stdout == same
    second = pledge.read_text(encoding="utf-8").replace("id: p\n", "id: q\n")
    write_tree(root, {"data/pledges/q/pledge.yaml": second})
    for command in ("history", "report"):
        several = run_cli(command, cwd=root)
        assert several.exit_code == 2, command
        assert "give PLEDGE to say which pledge (there are 2: p, q)" in several.stderr
    out = tmp_path / "site"
    assert run_cli("render", "--out", str(out), cwd=root).exit_code == 0
    page = " ".join(parse(out / "p" / "index.html").text)
    assert "Ändringshistorik" in page and "1 mars 2024" in page
    # Named as the page names them; polis-2 is gone, so it is counted, not shown by id.
    assert (
        "tillagt Polisens åtagande 3; borttaget 1 åtagande som inte längre finns i löftet; "
        "omformulerat Kommunernas åtagande 1"
    ) in page
    assert "polis-2" not in page and "polis-3" not in page


def test_at_a_revision_reproduces_the_figures_of_then(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "."], cwd=root, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "2023"], cwd=root, env=env, check=True)
    subprocess.run(["git", "tag", "v2023"], cwd=root, env=env, check=True)
    then = run_cli("coverage", "--as-of", "2023-12-31", "--format", "json", cwd=root).stdout
    write_tree(
        root,
        {
            "data/pledges/p/activities/2023-06-01-ny.yaml": (
                "id: 2023-06-01-ny\ndate: 2023-06-01\nby: [kommun2]\ncommitments: [kommun-1]\n"
                "title: Ny\ndescription: Ny.\n"
            )
        },
    )
    subprocess.run(["git", "add", "."], cwd=root, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "later"], cwd=root, env=env, check=True)
    now = run_cli("coverage", "--as-of", "2023-12-31", "--format", "json", cwd=root).stdout
    assert now != then
    again = run_cli(
        "--at", "v2023", "coverage", "--as-of", "2023-12-31", "--format", "json", cwd=root
    ).stdout
    assert again == then
    assert run_cli("--at", "v2023", "validate", cwd=root).exit_code == 0
    out = tmp_path / "site"
    assert run_cli("--at", "v2023", "render", "--out", str(out), cwd=root).exit_code == 0
    assert not (out / "p/activities/2023-06-01-ny.html").exists()
    bad = run_cli("--at", "no-such-tag", "validate", cwd=root)
    assert bad.exit_code == 2 and "--at no-such-tag" in bad.stderr


def test_files_read_at_a_revision_are_named_as_in_the_repository(run_cli, tmp_path):
    top = tmp_path / "top"
    root = copy_base(top / "kommun" / "trygghet")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    write_tree(root, {"data/pledges/p/activities/x.yaml": "id: x\n"})
    subprocess.run(["git", "init", "-q"], cwd=top, check=True)
    subprocess.run(["git", "add", "."], cwd=top, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "x"], cwd=top, env=env, check=True)
    name = "kommun/trygghet/data/pledges/p/activities/x.yaml"
    now = run_cli("validate", "--format", "github", cwd=root)
    assert now.exit_code == 1
    then = run_cli("--at", "HEAD", "validate", "--format", "github", cwd=root)
    assert f"file={name}," in now.stdout
    assert then.exit_code == 1 and then.stdout == now.stdout
    sarif = json.loads(run_cli("--at", "HEAD", "validate", "--format", "sarif", cwd=root).stdout)
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
        for loc in result["locations"]
    }
    assert uris == {name}


# --- words: plurals, tense, planned activities, the chart, done against the target --------


def page_text(html: str) -> str:
    """The text a reader sees on a page, in one line."""
    page = Page()
    page.feed(html)
    return " ".join(" ".join(page.text).split())


def render_pages(root: Path, as_of: date, *, language: str | None = None) -> dict[str, str]:
    """Every HTML and Markdown page of the data root `root`, by path, as of `as_of`."""
    from lofte_cli.publish.render import render_html, render_markdown
    from lofte_cli.publish.site_model import build_site
    from lofte_cli.publish.templates import environment

    site = build_site(load_catalog(root).catalog, as_of=as_of, language=language)
    env = environment()
    return {**render_html(site, env), **render_markdown(site, env)}


def add_files(root: Path, files: dict[str, str]) -> Path:
    """`files` written under the base pledge's folder."""
    return write_tree(root, {f"data/pledges/p/{rel}": text for rel, text in files.items()})


def polis2_activity(day: str) -> dict[str, str]:
    return {
        f"activities/{day}-mote.yaml": (
            f"id: {day}-mote\ndate: {day}\nby: [polisen]\ncommitments: [polis-2]\n"
            "title: Föräldramöte\ndescription: Polisen deltog i ett föräldramöte.\n"
        )
    }


def test_plural_forms_follow_the_count_in_both_languages():
    from lofte_cli.publish.i18n import translator

    sv, en = translator("sv"), translator("en")
    assert [sv.plural("activity_count", n) for n in (0, 1, 2)] == [
        "0 aktiviteter",
        "1 aktivitet",
        "2 aktiviteter",
    ]
    assert [en.plural("activity_count", n) for n in (0, 1, 2)] == [
        "0 activities",
        "1 activity",
        "2 activities",
    ]


def test_every_counted_text_has_a_singular_and_a_plural():
    """A text that takes `{count}` is a pair `KEY_one`/`KEY_other`, in both catalogs, so that
    no page says "1 aktiviteter"."""
    for catalog in (EN, SV):
        for key, text in catalog.items():
            if "{count}" in text:
                assert key.endswith(("_one", "_other")), key
            if key.endswith("_one"):
                assert key.removesuffix("_one") + "_other" in catalog, key
    assert {k for k in EN if k.endswith(("_one", "_other"))} == {
        k for k in SV if k.endswith(("_one", "_other"))
    }


def test_disagreement_counts_one_activity_in_the_singular(tmp_path):
    root = add_files(
        copy_base(tmp_path / "repo"),
        {
            **polis2_activity("2023-05-02"),
            "followups/2023-12-15.yaml": (
                "date: 2023-12-15\nassessments:\n  polis-2: {status: not-started}\n"
            ),
        },
    )
    sv = page_text(render_pages(root, date(2023, 12, 31))["p/index.html"])
    assert "Polisens åtagande 2 är bedömt som ”Ej påbörjat” fast 1 aktivitet finns." in sv
    en = page_text(render_pages(root, date(2023, 12, 31), language="en")["p/index.html"])
    assert "Police commitment 2 is assessed as “Not started” although 1 activity is recorded." in en
    add_files(root, polis2_activity("2023-06-02"))
    sv = page_text(render_pages(root, date(2023, 12, 31))["p/index.html"])
    assert "fast 2 aktiviteter finns." in sv
    en = page_text(render_pages(root, date(2023, 12, 31), language="en")["p/index.html"])
    assert "although 2 activities are recorded." in en


def test_a_pledge_that_has_ended_is_told_in_the_past_tense(tmp_path):
    root = copy_base(tmp_path / "repo")
    during = page_text(render_pages(root, date(2024, 12, 31))["p/index.html"])
    after = render_pages(root, date(2026, 11, 26))
    sv = page_text(after["p/index.html"])
    # Issue 15 and 18: the headline says what the figures count, in words; progress
    # (3/4 + 0 + 1 + 0) / 4 = 43.75 → 43.8.
    assert (
        "Hittills gjort: 43,8 % av det som utlovats · 1 av 4 åtaganden helt uppfyllda" in during
    )  # the last day
    assert "Siffrorna gäller den 31 december 2024." in during
    assert (
        "Gjort under perioden: 43,8 % av det som utlovades · 1 av 4 åtaganden helt uppfyllda "
        "Ett åtagande som flera parter har lovat "
        "räknas en gång för varje part. Siffrorna gäller perioden, som slutade den 31 december "
        "2024." in sv
    )  # the same figures: coverage counts to the end of the period (SPEC 5)
    assert "Polisens åtagande 2 Påbörjades aldrig" in sv
    assert "Kommunernas åtagande 1 Hölls delvis" in sv
    # Issue 15: each kind of gap under its own heading, gone quiet too.
    assert (
        "Åtaganden som ingen part gjorde något för Polisens åtagande 2: ingen part gjorde något "
        "under perioden. Parter som inte gjorde något för ett åtagande de hade lovat Andra "
        "kommunen gjorde inget på Kommunernas åtagande 1 under perioden. Åtaganden som tystnade "
        "Polisens åtagande 1: ingen aktivitet efter 2 april 2023, 639 dagar före periodens "
        "slut." in sv
    )
    read = sv.split("Innehållet ändrades senast")[0].replace("gjort det som förväntas hittills", "")
    for present in ("hittills", "Hålls", "Inte påbörjat", "ännu", "26 november 2026"):
        assert present not in read, present  # the explanation of coverage may say "hittills"
    markdown = after["p/README.md"]
    assert "Gjort under perioden: 43,8 % av det som utlovades · 1 av 4 åtaganden" in markdown
    assert "### Åtaganden som ingen part gjorde något för" in markdown
    assert re.search(r"^\| \*\*Polisens åtagande 2\*\* .* \| Påbörjades aldrig \|", markdown, re.M)
    en = page_text(render_pages(root, date(2026, 11, 26), language="en")["p/index.html"])
    assert "Done in the period: 43.8 % of what was promised · 1 of 4 commitments fully kept" in en
    assert "The figures are for the period, which ended on 31 December 2024." in en
    assert "Police commitment 2 Never started" in en
    assert "Municipalities' commitment 1 Partly kept" in en


def test_a_superseded_pledge_ends_the_day_before_its_successor(tmp_path):
    root = copy_base(tmp_path / "repo")
    pledge = root / "data/pledges/p/pledge.yaml"
    pledge.write_text(
        pledge.read_text(encoding="utf-8").replace("  end: 2024-12-31\n", ""), encoding="utf-8"
    )
    running = page_text(render_pages(root, date(2026, 11, 26))["p/index.html"])
    assert "Hittills gjort:" in running and "den 26 november 2026" in running
    write_tree(
        root,
        {
            "data/pledges/q/pledge.yaml": (
                "id: q\ntitle: Nästa löfte\nperiod: {start: 2025-03-01}\nsupersedes: p\n"
                "parties: {kommun: {name: Testkommun, kind: municipality}}\n"
                "commitments:\n  - {id: kommun-1, by: kommun, text: Fortsätta.}\n"
            )
        },
    )
    ended = page_text(render_pages(root, date(2026, 11, 26))["p/index.html"])
    assert "Gjort under perioden:" in ended and "som slutade den 28 februari 2025." in ended


def planned_activity(day: str, title: str, status: str = "planned") -> dict[str, str]:
    return {
        f"activities/{day}-x.yaml": (
            f"id: {day}-x\ndate: {day}\nstatus: {status}\nby: [kommun]\n"
            f"commitments: [kommun-1]\ntitle: {title}\ndescription: Text.\n"
        )
    }


def test_planned_activities_are_not_listed_as_done(tmp_path):
    root = add_files(
        copy_base(tmp_path / "repo"),
        {
            **planned_activity("2024-11-20", "Möte i det förflutna"),
            **planned_activity("2024-12-20", "Möte framöver"),
            **planned_activity("2024-10-01", "Inställd kväll", "cancelled"),
        },
    )
    pages = render_pages(root, date(2024, 12, 1))
    party = page_text(pages["p/parties/kommun.html"])
    done = party.split("Det här har Testkommun gjort")[1]
    assert done.index("Föräldrakväll om droger") < done.index("Det här har Testkommun planerat")
    assert done.index("Det här har Testkommun planerat") < done.index("Möte framöver")
    assert done.index("Möte framöver") < done.index("Planerade, inte rapporterade som genomförda")
    assert done.index("Planerade, inte rapporterade som genomförda") < done.index(
        "Möte i det förflutna"
    )
    assert done.index("Inställda") < done.index("Inställd kväll")
    pledge = page_text(pages["p/index.html"]).split("(iCalendar)")[1]
    headings = ("Genomförda", "Planerade", "Planerade, inte rapporterade", "Inställda")
    assert [pledge.index(h) for h in headings] == sorted(pledge.index(h) for h in headings)
    assert pledge.index("Föräldrakväll") < pledge.index("Planerade") < pledge.index("framöver")
    assert "### Planerade, inte rapporterade som genomförda" in pages["p/README.md"]
    activity = page_text(pages["p/activities/2024-11-20-x.html"])
    assert "20 november 2024 · Planerad, inte rapporterad som genomförd" in activity
    assert "20 december 2024 · Planerad " in page_text(pages["p/activities/2024-12-20-x.html"])
    assert "Möte framöver" in pages["p/planned.ics"]
    assert "det förflutna" not in pages["p/planned.ics"]
    en = render_pages(root, date(2024, 12, 1), language="en")
    party = page_text(en["p/parties/kommun.html"])
    for heading in ("What Testkommun has done", "What Testkommun has planned", "Cancelled"):
        assert heading in party, heading
    assert "Planned, not reported as done" in party
    activity = page_text(en["p/activities/2024-11-20-x.html"])
    assert "20 November 2024 · Planned, not reported as done" in activity


def test_timeline_bars_are_named_by_party_and_month(site, tmp_path):
    html = (site / PLEDGE / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r"<title>([^<]*)</title>", html)[1:]  # after the page's own title
    assert "Tjörns kommun, mars 2023: 1 aktivitet" in titles
    assert "Lokalpolisområde Södra Fyrbodal, mars 2023: 2 aktiviteter" in titles
    assert not [t for t in titles if re.match(r"[a-z]+: \d", t)]  # no ids
    root = copy_base(tmp_path / "repo")
    en = render_pages(root, date(2023, 12, 31), language="en")["p/index.html"]
    assert "<title>Testkommun, March 2023: 1 activity</title>" in en


def test_done_is_shown_beside_the_target_in_words(tmp_path):
    from lofte_cli.coverage.compute import compute_coverage

    root = copy_base(tmp_path / "repo")
    pages = render_pages(root, date(2023, 12, 31))
    pledge = page_text(pages["p/index.html"])
    report = compute_coverage(load_catalog(root).catalog, as_of=date(2023, 12, 31))
    figures = {
        (c.id, p.party): (p.done, p.expected)
        for c in report.pledges[0].commitments
        for p in c.parties
    }
    assert figures[("polis-1", "polisen")] == (3, 2)  # unchanged: SPEC 5's own numbers
    assert figures[("kommun-1", "kommun")] == (1, 1)
    assert figures[("kommun-1", "kommun2")] == (0, 1)
    assert "Gjort hittills (kontroller) Lokalpolisområde Testbygden: 3 (mål hittills: 2)" in pledge
    assert "Testkommun: 1 aktivitet (mål hittills: 1)" in pledge
    assert "Andra kommunen: 0 aktiviteter (mål hittills: 1)" in pledge
    assert not re.search(r"\d+ av \d+ väntade", pledge)  # "5 av 1 väntade" read oddly
    assert "kontroller: 3 (mål hittills: 2)" in page_text(pages["p/parties/polisen.html"])
    assert "Testkommun: 1 aktivitet (mål hittills: 1)" in pages["p/README.md"]
    assert "| Gjort hittills |" in pages["p/README.md"]
    ended = page_text(render_pages(root, date(2026, 11, 26))["p/index.html"])
    assert "Gjort (kontroller) Lokalpolisområde Testbygden: 3 (mål: 4)" in ended
    en = page_text(render_pages(root, date(2023, 12, 31), language="en")["p/index.html"])
    assert "Done so far (kontroller) Lokalpolisområde Testbygden: 3 (target so far: 2)" in en
    assert "Testkommun: 1 activity (target so far: 1)" in en
    en = page_text(render_pages(root, date(2026, 11, 26), language="en")["p/index.html"])
    assert "Andra kommunen: 0 activities (target: 1)" in en


def test_security_page_says_the_change_history_publishes_author_names():
    text = " ".join((REPO / "SECURITY.md").read_text(encoding="utf-8").split())
    assert "Ändringshistorik" in text and "git author name" in text
    history = (REPO / "templates/html/pledge.html").read_text(encoding="utf-8")
    assert "h.author" in history  # what the sentence is about; change both together


def test_commands_that_write_refuse_at_a_revision(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "."], cwd=root, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "x"], cwd=root, env=env, check=True)
    sheet = tmp_path / "a.csv"
    sheet.write_text("date,by,commitments,title,description\n", encoding="utf-8")
    for command in (
        ["add-activity", "--by", "kommun", "--commitment", "kommun-1", "--title", "T",
         "--description", "D", "--date", "2023-06-01"],
        ["assess", "polis-1", "--status", "ongoing", "--date", "2023-12-15"],
        ["import", str(sheet)],
        ["fmt"],
    ):  # fmt: skip
        result = run_cli("--at", "HEAD", *command, cwd=root)
        assert result.exit_code == 2, command
        assert "--at HEAD reads the data as it stood then" in result.stderr, command
    # fmt --check writes nothing, so it runs at a revision. The base corpus's two activities
    # and its follow-up lack the schema comment on their first line; pledge.yaml is formatted.
    check = run_cli("--at", "HEAD", "fmt", "--check", cwd=root)
    assert check.exit_code == 1, check.stderr
    assert check.stdout.splitlines()[-1] == "3 would change, 1 already formatted"
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True)
    assert status.stdout == b""  # nothing written anywhere


def test_text_output_at_a_revision_names_files_as_in_the_repository(run_cli, tmp_path):
    root = copy_base(tmp_path / "repo")
    write_tree(root, {"data/pledges/p/activities/x.yaml": "id: x\n"})
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "."], cwd=root, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "x"], cwd=root, env=env, check=True)
    for command in (["validate"], ["fmt", "--check"]):
        now = run_cli(*command, cwd=root)
        then = run_cli("--at", "HEAD", *command, cwd=root)
        assert now.exit_code == then.exit_code == 1, command
        assert "data/pledges/p/activities/x.yaml" in now.stdout, command
        assert (then.stdout, then.stderr) == (now.stdout, now.stderr), command
