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
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import TypeVar

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser import test_browser
from tests.helpers import REPO

pytestmark = pytest.mark.slow

# From test_browser: the fixture that finds Debian's Chromium, and helpers.
ARTIFACTS = test_browser.ARTIFACTS
VIEWPORTS = test_browser.VIEWPORTS
PLEDGE = "sodra-fyrbodal-2023-2024"
T = TypeVar("T")
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
    with test_browser.serving(bare_site) as url:
        yield url


def in_browser(chromium: Path, work: Callable[[Browser], T]) -> T:
    """`work(browser)` in a Chromium of its own, on a thread of its own: Playwright's sync
    API refuses to start a second time on a thread where test_browser's session runs."""
    done: list[T] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(chromium), args=test_browser.CHROMIUM_ARGS
                )
                try:
                    done.append(work(browser))
                finally:
                    browser.close()
        except BaseException as error:  # handed to the test's thread, raised there
            failed.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failed:
        raise failed[0]
    return done[0]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_no_records_pages_pass_axe_and_show_no_red(
    chromium: Path, bare_url: str, viewport: str
) -> None:
    def check(browser: Browser) -> tuple[list[str], list[str], list[str]]:
        requested: list[str] = []
        context = test_browser.open_context(browser, viewport, requested)
        page = context.new_page()
        problems, red = [], []
        for rel in PAGES:
            page.goto(bare_url + rel)
            found = test_browser.axe_violations(page)
            problems += test_browser.describe(found, f"{rel} [{viewport}]")
            # "Så räknas det" explains every status in its own colour, the red one too.
            if RED in page.evaluate(COLOURS) and not rel.endswith("how-it-is-counted.html"):
                red.append(rel)
        context.close()
        return problems, red, requested

    problems, red, requested = in_browser(chromium, check)
    assert not problems, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(problems)
    assert red == []
    assert requested and not test_browser.foreign(requested, bare_url)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_screenshots_of_the_pledge_without_records_and_of_how_it_is_counted(
    chromium: Path, bare_url: str, site_url: str, viewport: str
) -> None:
    """tests/artifacts/no-records-{phone,desktop}.png and counting-{phone,desktop}.png (the
    bundled pledge's page "Så räknas det", with its activities): look at them."""
    width = VIEWPORTS[viewport]["width"]
    ARTIFACTS.mkdir(exist_ok=True)

    def shoot(browser: Browser) -> tuple[dict[str, int], str]:
        context = test_browser.open_context(browser, viewport, [])
        page = context.new_page()
        widths = {}
        for url, name in (
            (f"{bare_url}{PLEDGE}/index.html", "no-records"),
            (f"{site_url}{PLEDGE}/how-it-is-counted.html", "counting"),
        ):
            page.goto(url)
            page.wait_for_load_state("networkidle")
            widths[name] = page.evaluate("document.documentElement.scrollWidth")
            page.screenshot(path=ARTIFACTS / f"{name}-{viewport}.png", full_page=True)
        page.goto(site_url + f"{PLEDGE}/index.html")
        page.get_by_role("link", name="Så räknas det").click()
        heading = page.locator("main h1").inner_text()
        context.close()
        return widths, heading

    widths, heading = in_browser(chromium, shoot)
    assert max(widths.values()) <= width + 1, widths  # nothing wider than the window
    for name in ("no-records", "counting"):
        assert test_browser.png_size(ARTIFACTS / f"{name}-{viewport}.png")[0] == width
    assert heading == "Så räknas det"


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
