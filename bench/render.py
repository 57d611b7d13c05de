"""Benchmark: render the site for N synthetic activities across P pledges
(bench/generate.py), and the bundled example.

Prints the wall time of loading (cold, then from the cache), of computing coverage, and of
rendering and writing every page, with pages per second and the peak memory; then of
rendering again into the same folder after one activity changed, through the library (the
pages made from the same inputs are taken over page by page; `lofte render` also takes over
whole pledges without loading them, which bench/run.py measures), the new site replacing
the old one whole.

    python bench/render.py                    # 100,000 activities across 300 pledges
    python bench/render.py 10000 --pledges 30
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from generate import generate  # bench/generate.py, beside this file

from lofte_cli.data.loader import load_catalog
from lofte_cli.publish.site import render_site
from lofte_cli.publish.site_model import build_site

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 26)
T = TypeVar("T")


def timed(step: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = step()
    return result, time.perf_counter() - start


def render_once(root: Path, out: Path) -> tuple[int, dict[str, float]]:
    """Load (from the cache when there is one), cover and publish."""
    loaded, load_s = timed(lambda: load_catalog(root))
    site, cover_s = timed(lambda: build_site(loaded.catalog, as_of=TODAY))
    result, publish_s = timed(
        lambda: render_site(site, out, formats=("html",), templates=None, jobs=None)
    )
    return result.written, {"load": load_s, "coverage": cover_s, "render and write": publish_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100_000, help="activities")
    parser.add_argument("--pledges", type=int, default=300, help="pledges")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="lofte-bench-render-"))
    try:
        count, steps = render_once(REPO, scratch / "bundled")
        print(f"bundled example: {count} pages in {sum(steps.values()):.2f} s")
        generate(scratch / "data", pledges=args.pledges, activities=args.n)
        _, cold_load = timed(lambda: load_catalog(scratch / "data") and None)  # not kept
        count, steps = render_once(scratch / "data", scratch / "site")
        total = sum(steps.values())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{args.n:,} activities, {args.pledges} pledges: {count:,} pages in {total:.1f} s "
            f"with a warm cache ({count / total:,.0f} pages/s), peak {peak:,.0f} MiB "
            f"(this process)"
        )
        print(f"  {'load, cold':<17}{cold_load:8.2f} s")
        for name, seconds in steps.items():
            print(f"  {name:<17}{seconds:8.2f} s")
        changed = sorted((scratch / "data").glob("data/pledges/*/activities/*.yaml"))[0]
        text = changed.read_text(encoding="utf-8").replace("title: ", "title: Ändrad ", 1)
        changed.write_text(text, encoding="utf-8")
        count, steps = render_once(scratch / "data", scratch / "site")
        print(f"again into the same folder, one activity changed: {sum(steps.values()):.1f} s")
        for name, seconds in steps.items():
            print(f"  {name:<17}{seconds:8.2f} s")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
