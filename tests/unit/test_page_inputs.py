"""What each page of a pledge is made from: after one changed activity, only that activity's
page and the pledge's own pages have new fingerprints; a new day changes the pledge's
pages, and an activity's page only when its status in words changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lofte_cli.data.loader import load_catalog
from lofte_cli.publish.page_inputs import pledge_fingerprints, render_key
from lofte_cli.publish.site_model import build_site
from tests.helpers import write_tree

PLEDGE = """\
id: {id}
title: Löfte {id}
language: sv
period: {{start: 2025-01-01, end: 2026-12-31}}
parties:
  polisen: {{name: Polisen, kind: police}}
commitments:
  - id: polis-1
    by: polisen
    text: Synas i centrum.
"""


def activity(day: str, status: str = "done", title: str = "Promenad") -> str:
    return (
        f"id: {day}-promenad\ndate: {day}\nstatus: {status}\nby: [polisen]\n"
        f"commitments: [polis-1]\ntitle: {title}\ndescription: En promenad.\n"
    )


def repository(tmp_path: Path) -> Path:
    files = {}
    for pid in ("alfa", "beta"):
        files[f"data/pledges/{pid}/pledge.yaml"] = PLEDGE.format(id=pid)
        files[f"data/pledges/{pid}/activities/2025-03-01-promenad.yaml"] = activity("2025-03-01")
        files[f"data/pledges/{pid}/activities/2026-06-01-promenad.yaml"] = activity(
            "2026-06-01", status="planned"
        )
    return write_tree(tmp_path, files)


def fingerprints(root: Path, as_of: date) -> dict[str, str]:
    site = build_site(load_catalog(root, use_cache=False).catalog, as_of=as_of)
    key = render_key(site, formats=["html"], templates=None)
    return {**pledge_fingerprints(site, "alfa", key), **pledge_fingerprints(site, "beta", key)}


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    assert before.keys() == after.keys()
    return sorted(page for page in before if before[page] != after[page])


ALFA_PAGES = [
    "alfa/activities.xml",
    "alfa/how-it-is-counted.html",
    "alfa/index.html",
    "alfa/parties/polisen.html",
    "alfa/planned.ics",
]


def test_every_page_of_both_pledges_has_a_fingerprint(tmp_path):
    found = fingerprints(repository(tmp_path), date(2026, 1, 15))
    assert sorted(found) == sorted(
        [
            *ALFA_PAGES,
            "alfa/activities/2025-03-01-promenad.html",
            "alfa/activities/2026-06-01-promenad.html",
            *(page.replace("alfa", "beta") for page in ALFA_PAGES),
            "beta/activities/2025-03-01-promenad.html",
            "beta/activities/2026-06-01-promenad.html",
        ]
    )


def test_the_same_data_gives_the_same_fingerprints(tmp_path):
    root = repository(tmp_path)
    assert (
        changed(fingerprints(root, date(2026, 1, 15)), fingerprints(root, date(2026, 1, 15))) == []
    )


def test_one_changed_activity_changes_its_page_and_its_pledges_pages_only(tmp_path):
    root = repository(tmp_path)
    before = fingerprints(root, date(2026, 1, 15))
    path = root / "data/pledges/alfa/activities/2025-03-01-promenad.yaml"
    path.write_text(activity("2025-03-01", title="Kvällspromenad"), encoding="utf-8")
    after = fingerprints(root, date(2026, 1, 15))
    assert changed(before, after) == sorted(
        [*ALFA_PAGES, "alfa/activities/2025-03-01-promenad.html"]
    )


def test_a_changed_pledge_changes_all_its_pages(tmp_path):
    root = repository(tmp_path)
    before = fingerprints(root, date(2026, 1, 15))
    path = root / "data/pledges/alfa/pledge.yaml"
    path.write_text(PLEDGE.format(id="alfa").replace("Synas i centrum", "Synas"), encoding="utf-8")
    after = fingerprints(root, date(2026, 1, 15))
    assert changed(before, after) == sorted(
        [
            *ALFA_PAGES,
            "alfa/activities/2025-03-01-promenad.html",
            "alfa/activities/2026-06-01-promenad.html",
        ]
    )


def test_a_new_day_changes_the_pledge_pages_and_an_activity_whose_status_reads_otherwise(
    tmp_path,
):
    root = repository(tmp_path)
    before = fingerprints(root, date(2026, 1, 15))
    # Still ahead on 2026-02-01; overdue ("planned, date passed") on 2026-07-01.
    later = fingerprints(root, date(2026, 2, 1))
    assert changed(before, later) == sorted(
        [*ALFA_PAGES, *(page.replace("alfa", "beta") for page in ALFA_PAGES)]
    )
    overdue = fingerprints(root, date(2026, 7, 1))
    assert "alfa/activities/2026-06-01-promenad.html" in changed(before, overdue)
    assert "alfa/activities/2025-03-01-promenad.html" not in changed(before, overdue)
