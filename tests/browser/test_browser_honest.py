"""Issue 15 in the real browser: the bundled pledge with its activity files deleted, as
`lofte render` publishes it. Its pages pass axe-core (WCAG 2.1 A/AA) at phone and desktop
width, the new page "Så räknas det" too; nothing on them is drawn in the red of an untouched
commitment (but the new page's legend of the statuses); and screenshots of the pledge page
and the new page are left in tests/artifacts/ for a person to look at (no-records-*.png,
counting-*.png)."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser import test_browser
from tests.helpers import REPO

pytestmark = pytest.mark.slow

# From test_browser: the fixture that finds Debian's Chromium, and helpers.
chromium = test_browser.chromium
ARTIFACTS = test_browser.ARTIFACTS
VIEWPORTS = test_browser.VIEWPORTS
PLEDGE = "sodra-fyrbodal-2023-2024"
PAGES = (
    "index.html",
    f"{PLEDGE}/index.html",
    f"{PLEDGE}/how-it-is-counted.html",
    f"{PLEDGE}/parties/tjorn.html",
)
RED = "rgb(176, 0, 32)"  # --untouched in style.css
# Every colour an element of <main> is drawn in, its list marker's too.
COLOURS = """() => Array.from(document.querySelectorAll('main *')).flatMap(e => {
  const s = getComputedStyle(e), m = getComputedStyle(e, '::marker');
  return [s.color, s.borderLeftColor, s.backgroundColor, m.color];
})"""


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data without its activity files, rendered by `lofte render`."""
    root = tmp_path_factory.mktemp("no-records")
    shutil.copytree(REPO / "data", root / "data")
    shutil.rmtree(root / "data" / "pledges" / PLEDGE / "activities")
    out = root / "site"
    lofte = str(Path(sys.executable).parent / "lofte")
    env = {**os.environ, "LOFTE_TODAY": "2026-11-26"}
    done = subprocess.run(
        [lofte, "render", "--out", str(out)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def bare_url(bare_site: Path) -> Iterator[str]:
    handler = functools.partial(test_browser.QuietHandler, directory=str(bare_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium), args=test_browser.CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_no_records_pages_pass_axe_and_show_no_red(
    browser: Browser, bare_url: str, viewport: str
) -> None:
    requested: list[str] = []
    context = test_browser.open_context(browser, viewport, requested)
    page = context.new_page()
    problems, red = [], []
    for rel in PAGES:
        page.goto(bare_url + rel)
        problems += test_browser.describe(test_browser.axe_violations(page), f"{rel} [{viewport}]")
        # "Så räknas det" explains every status in its own colour, the red one too.
        if RED in page.evaluate(COLOURS) and not rel.endswith("how-it-is-counted.html"):
            red.append(rel)
    context.close()
    assert not problems, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(problems)
    assert red == []
    assert not test_browser.foreign(requested, bare_url)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_screenshots_of_the_pledge_without_records_and_of_how_it_is_counted(
    browser: Browser, bare_url: str, site_url: str, viewport: str
) -> None:
    """tests/artifacts/no-records-{phone,desktop}.png and counting-{phone,desktop}.png (the
    bundled pledge's page "Så räknas det", with its activities): look at them."""
    requested: list[str] = []
    context = test_browser.open_context(browser, viewport, requested)
    page = context.new_page()
    ARTIFACTS.mkdir(exist_ok=True)
    width = VIEWPORTS[viewport]["width"]
    for url, name in (
        (f"{bare_url}{PLEDGE}/index.html", "no-records"),
        (f"{site_url}{PLEDGE}/how-it-is-counted.html", "counting"),
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name
        shot = ARTIFACTS / f"{name}-{viewport}.png"
        page.screenshot(path=shot, full_page=True)
        assert test_browser.png_size(shot)[0] == width
    page.goto(site_url + f"{PLEDGE}/index.html")
    page.get_by_role("link", name="Så räknas det").click()
    assert page.locator("main h1").inner_text() == "Så räknas det"
    context.close()


@pytest.fixture(scope="module")
def site_url(bundled_site: Path) -> Iterator[str]:
    """The bundled site (with its activities), served as test_browser serves it."""
    handler = functools.partial(test_browser.QuietHandler, directory=str(bundled_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()
