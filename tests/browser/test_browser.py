"""The bundled site in a real browser (Debian's headless Chromium through Playwright): axe-core
finds no WCAG 2.1 A/AA violation on any page at phone or desktop width, every page reads
without JavaScript, and the pledge page fits a phone, fetches nothing from another host and
leaves screenshots in tests/artifacts/ for a person to look at."""

from __future__ import annotations

import contextlib
import functools
import struct
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 (used by the other files)
from tests.helpers import REPO

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PLEDGE_PAGE = "sodra-fyrbodal-2023-2024/index.html"
STATEMENT = "tillganglighet.html"  # the accessibility statement
# Slow: Chromium starts, and axe-core checks every page at two widths.
pytestmark = pytest.mark.slow

ARTIFACTS = REPO / "tests" / "artifacts"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --- fixtures: a browser, the rendered site, a local server ---------------------------------


@pytest.fixture(scope="session")
def site_dir(bundled_site: Path) -> Path:
    """The bundled data rendered (see conftest.bundled_site)."""
    return bundled_site


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The site served over http from 127.0.0.1, as a host would serve it."""
    with serving(site_dir) as url:
        yield url


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` served over http from 127.0.0.1 while the block runs; its address."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log on the test output."""


@pytest.fixture(scope="session")
def pages(site_dir: Path) -> list[str]:
    """Every generated HTML page, by path relative to the site."""
    found = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    assert PLEDGE_PAGE in found and "index.html" in found and STATEMENT in found
    return found


# --- helpers -------------------------------------------------------------------------------


def open_context(
    browser: Browser, viewport: str, requested: list[str], *, javascript: bool = True
) -> BrowserContext:
    """A fresh context at a named viewport that notes every URL its pages request."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], java_script_enabled=javascript)
    context.on("request", lambda request: requested.append(request.url))
    return context


def foreign(requested: list[str], site_url: str) -> list[str]:
    """The requested URLs that do not go to the local server."""
    local = urlparse(site_url).netloc
    return [url for url in requested if urlparse(url).netloc != local]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A and AA violations on the page, with every <details> opened so
    the content behind them is checked too. axe's source is evaluated over CDP, which the
    pages' Content-Security-Policy (default-src 'none') does not block."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def describe(violations: list[dict[str, Any]], where: str) -> list[str]:
    return [
        f"{where}: {v['id']} ({v['impact']}) at {' '.join(map(str, node['target']))} — {v['help']}"
        for v in violations
        for node in v["nodes"]
    ]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header, after checking it is one."""
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE and head[12:16] == b"IHDR", path
    return struct.unpack(">II", head[16:24])


# --- tests ---------------------------------------------------------------------------------


def test_axe_sees_a_planted_violation(browser: Browser) -> None:
    """The harness itself works: a page without lang and a nameless button fails."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!DOCTYPE html><html><title>x</title><body><button></button></body></html>")
    found = {v["id"] for v in axe_violations(page)}
    context.close()
    assert {"html-has-lang", "button-name"} <= found


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_every_page_has_no_wcag_21_aa_violation(
    browser: Browser, site_url: str, pages: list[str], viewport: str
) -> None:
    requested: list[str] = []
    context = open_context(browser, viewport, requested)
    page = context.new_page()
    problems = []
    for rel in pages:
        page.goto(site_url + rel)
        problems += describe(axe_violations(page), f"{rel} [{viewport}]")
    context.close()
    assert not problems, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(problems)
    assert not foreign(requested, site_url)


def test_every_page_reads_without_javascript(
    browser: Browser, site_url: str, pages: list[str]
) -> None:
    requested: list[str] = []
    context = open_context(browser, "phone", requested, javascript=False)
    page = context.new_page()
    hidden = []
    for rel in pages:
        page.goto(site_url + rel)
        if not page.locator("main h1").is_visible():
            hidden.append(rel)
    context.close()
    assert not hidden, f"no visible <h1> without JavaScript on: {hidden}"
    assert not foreign(requested, site_url)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_pledge_page_screenshot(browser: Browser, site_url: str, viewport: str) -> None:
    """Kept in tests/artifacts/pledge-{phone,desktop}.png: look at them after a change."""
    requested: list[str] = []
    context = open_context(browser, viewport, requested)
    page = context.new_page()
    page.goto(site_url + PLEDGE_PAGE)
    page.wait_for_load_state("networkidle")
    width = VIEWPORTS[viewport]["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"pledge-{viewport}.png"
    page.screenshot(path=shot, full_page=True)
    context.close()
    assert scroll_width <= width + 1, f"the page is {scroll_width}px wide in a {width}px window"
    shot_width, shot_height = png_size(shot)
    assert shot_width == width and shot_height > VIEWPORTS[viewport]["height"]
    assert shot.stat().st_size > 50_000
    assert requested and not foreign(requested, site_url), requested


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("name", ["index.html", STATEMENT])
def test_index_and_statement_screenshots(
    browser: Browser, site_url: str, name: str, viewport: str
) -> None:
    """Kept in tests/artifacts/{index,tillganglighet}-{phone,desktop}.png."""
    requested: list[str] = []
    context = open_context(browser, viewport, requested)
    page = context.new_page()
    page.goto(site_url + name)
    width = VIEWPORTS[viewport]["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"{name.removesuffix('.html')}-{viewport}.png"
    page.screenshot(path=shot, full_page=True)
    footer = page.locator("footer.site a", has_text="Tillgänglighetsredogörelse")
    assert footer.get_attribute("href") == STATEMENT
    context.close()
    assert scroll_width <= width + 1, f"{name} is {scroll_width}px wide in a {width}px window"
    assert png_size(shot)[0] == width
    assert not foreign(requested, site_url), requested


def test_the_pledge_page_prints_without_navigation_colour_or_hidden_figures(
    browser: Browser, site_url: str
) -> None:
    """On paper (print media, and a PDF kept in tests/artifacts/pledge.pdf): no navigation,
    each link's address written out, the chart's figures as the table, the status in ink."""
    requested: list[str] = []
    context = open_context(browser, "desktop", requested)
    page = context.new_page()
    page.goto(site_url + PLEDGE_PAGE)
    page.emulate_media(media="print")
    nav = page.evaluate("getComputedStyle(document.querySelector('header.site')).display")
    sources = "document.querySelector('section[aria-labelledby=sources] a')"
    after = page.evaluate(f"getComputedStyle({sources}, '::after').content")
    href = page.locator("section[aria-labelledby=sources] a").first.get_attribute("href")
    table_shown = page.locator("#timeline-table-caption").evaluate(
        "e => e.closest('table').getBoundingClientRect().height"
    )
    chart = page.evaluate("getComputedStyle(document.querySelector('figure svg')).display")
    badge = page.evaluate("getComputedStyle(document.querySelector('.badge')).color")
    ink = page.evaluate("getComputedStyle(document.body).color")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "pledge.pdf"
    page.pdf(path=pdf, format="A4")
    context.close()
    assert nav == "none"
    assert after == f'" (" "{href}" ")"' or after == f'" ({href})"', after
    assert table_shown > 200, "the month table is not printed"
    assert chart == "none" and badge == ink
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.count(b"/Type /Page") > 3
