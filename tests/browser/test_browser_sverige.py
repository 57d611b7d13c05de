"""examples/sverige rendered and read in Chromium: axe-core finds no WCAG 2.1 A/AA
violation on any page, and each pledge page shows its notice and the "nothing recorded"
state. The browser and the helpers are those of test_browser.py."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser import test_browser as shared
from tests.helpers import REPO

# Slow: Chromium starts, and axe-core checks some 170 pages.
pytestmark = pytest.mark.slow

EXAMPLE = REPO / "examples" / "sverige"


@pytest.fixture(scope="module")
def sverige_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site-sverige") / "site"
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "lofte"),
            "--data",
            str(EXAMPLE),
            "render",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "LOFTE_TODAY": "2026-11-26"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def sverige_url(sverige_site: Path) -> Iterator[str]:
    with shared.serving(sverige_site) as url:
        yield url


def test_every_page_of_the_example_has_no_wcag_21_aa_violation(
    browser: Browser, sverige_site: Path, sverige_url: str
) -> None:
    pages = sorted(p.relative_to(sverige_site).as_posix() for p in sverige_site.rglob("*.html"))
    assert "index.html" in pages and "gnosjo-2019-2020/index.html" in pages
    requested: list[str] = []
    context = shared.open_context(browser, "desktop", requested)
    page = context.new_page()
    problems = []
    for rel in pages:
        page.goto(sverige_url + rel)
        problems += shared.describe(shared.axe_violations(page), rel)
    context.close()
    assert not problems, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(problems)
    assert not shared.foreign(requested, sverige_url)


def test_a_pledge_page_shows_its_notice_and_nothing_recorded(
    browser: Browser, sverige_url: str
) -> None:
    requested: list[str] = []
    context = shared.open_context(browser, "phone", requested)
    page = context.new_page()
    page.goto(sverige_url + "malmo-mollevangen-2021-2022/index.html")
    text = page.inner_text("body")
    context.close()
    assert "Texten i åtagande 1 är avkortad i källan." in text
    assert "Här finns inga aktiviteter registrerade för löftet" in text
    assert text.count("Inget registrerat") == 3


@pytest.mark.parametrize("name", ["index.html", "statistik.html", "lan/06-jonkopings-lan.html"])
def test_the_national_pages_fit_a_phone(browser: Browser, sverige_url: str, name: str) -> None:
    """The table of municipalities beside the map scrolls in its own region on a phone;
    the page itself is never wider than the window."""
    context = shared.open_context(browser, "phone", [])
    page = context.new_page()
    page.goto(sverige_url + name)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= shared.VIEWPORTS["phone"]["width"]
