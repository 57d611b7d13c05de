"""Benchmark: render the site for N synthetic activities across P pledges.

Prints the wall time of loading, of computing coverage and rendering every page, and of
writing the files, with pages per second and the peak memory; and the time to render the
bundled example.

    python bench/render.py                    # 100,000 activities across 300 pledges
    python bench/render.py 10000 --pledges 30
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from coverage import peak_mib, timed, write_repository  # bench/coverage.py, beside this file

from lofte_cli.loader import load_catalog
from lofte_cli.render import build_site, environment, render_html
from lofte_cli.write import write_files

REPO = Path(__file__).resolve().parents[1]


def render_once(root: Path, out: Path, as_of: date) -> tuple[int, dict[str, float]]:
    loaded, load_s = timed(lambda: load_catalog(root))
    site, cover_s = timed(lambda: build_site(loaded.catalog, as_of=as_of))
    pages, render_s = timed(lambda: render_html(site, environment()))
    _, write_s = timed(lambda: write_files(out, pages))
    return len(pages), {"load": load_s, "coverage": cover_s, "render": render_s, "write": write_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100_000, help="activities")
    parser.add_argument("--pledges", type=int, default=300, help="pledges")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="lofte-bench-render-"))
    try:
        start = time.perf_counter()
        count, steps = render_once(REPO, scratch / "bundled", date(2026, 11, 26))
        print(
            f"bundled example: {count} pages in {time.perf_counter() - start:.2f} s "
            f"(load {steps['load']:.2f}, render {steps['render']:.2f}, "
            f"write {steps['write']:.2f})"
        )
        as_of = write_repository(scratch / "data", args.n, args.pledges)
        start = time.perf_counter()
        count, steps = render_once(scratch / "data", scratch / "site", as_of)
        total = time.perf_counter() - start
        print(
            f"{args.n:,} activities, {args.pledges} pledges: {count:,} pages in {total:.1f} s"
            f" ({count / total:,.0f} pages/s), peak {peak_mib():,.0f} MiB"
        )
        for name, seconds in steps.items():
            print(f"  {name:<9}{seconds:8.2f} s")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
