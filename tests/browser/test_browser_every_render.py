"""axe-core (WCAG 2.1 A/AA) in Chromium on renders the other browser tests do not cover:
the independent pledges (three, one in English, with titles, measures and contacts), and
the bundled site in English (`--lang en`). Every page, the statement and the national
pages included; each links the statement from its footer. Helpers of test_browser.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser import test_browser as shared
from tests.helpers import FIXTURES, REPO

# Slow: Chromium and axe-core over some 110 pages.
pytestmark = pytest.mark.slow

RENDERS = {
    "independent": (FIXTURES / "independent", []),
    "bundled-en": (REPO, ["--lang", "en"]),
}


def render(tmp: Path, name: str) -> Path:
    data, options = RENDERS[name]
    out = tmp / name
    lofte = str(Path(sys.executable).parent / "lofte")
    command = [lofte, "--data", str(data), "render", "--no-cache", "--out", str(out), *options]
    env = {**os.environ, "LOFTE_TODAY": "2026-11-26"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize("name", sorted(RENDERS))
def test_every_page_passes_axe_and_links_the_statement(
    browser: Browser, tmp_path: Path, name: str
) -> None:
    site = render(tmp_path, name)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert {"index.html", "tillganglighet.html"} <= set(pages) and len(pages) > 40
    requested: list[str] = []
    problems, unlinked = [], []
    with shared.serving(site) as url:
        for viewport in ("phone", "desktop"):
            context = shared.open_context(browser, viewport, requested)
            page = context.new_page()
            for rel in pages:
                page.goto(url + rel)
                problems += shared.describe(shared.axe_violations(page), f"{rel} [{viewport}]")
                link = page.locator("footer.site a[href$='tillganglighet.html']")
                if viewport == "phone" and link.count() != 1:
                    unlinked.append(rel)
            context.close()
        assert not shared.foreign(requested, url)
    assert not problems, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(problems)
    assert unlinked == []
