"""Benchmark: time coverage on N synthetic activities across P pledges (bench/generate.py).

Prints the wall time of loading (cold, then from the cache), of `compute_coverage` (plain,
and with `per=month`), of building the JSON, and the peak memory of this process.

    python bench/coverage.py                  # 100,000 activities across 300 pledges
    python bench/coverage.py 10000 --pledges 30
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
from lofte_cli.coverage.compute.compute import compute_coverage, coverage_to_json

from lofte_cli.data.loader import load_catalog

T = TypeVar("T")
AS_OF = date(2026, 11, 26)


def timed(step: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = step()
    return result, time.perf_counter() - start


def peak_mib() -> float:
    """The peak resident memory of this process so far (ru_maxrss: KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100_000, help="activities")
    parser.add_argument("--pledges", type=int, default=300, help="pledges")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="lofte-bench-coverage-"))
    try:
        _, write_s = timed(lambda: generate(root, pledges=args.pledges, activities=args.n))
        print(f"activities: {args.n:,} across {args.pledges} pledges, as of {AS_OF}")
        print(f"write files          {write_s:8.2f} s")
        _, cold_s = timed(lambda: load_catalog(root))
        loaded, load_s = timed(lambda: load_catalog(root))
        print(f"load_catalog, cold   {cold_s:8.2f} s  {args.n / cold_s:9,.0f} activities/s")
        print(f"load_catalog, cache  {load_s:8.2f} s  {args.n / load_s:9,.0f} activities/s")
        catalog = loaded.catalog
        report, cover_s = timed(lambda: compute_coverage(catalog, as_of=AS_OF))
        print(f"compute_coverage     {cover_s:8.3f} s  {args.n / cover_s:9,.0f} activities/s")
        monthly, per_s = timed(lambda: compute_coverage(catalog, as_of=AS_OF, per="month"))
        print(f"  with per=month     {per_s:8.3f} s")
        _, json_s = timed(lambda: coverage_to_json(monthly))
        print(f"coverage_to_json     {json_s:8.3f} s")
        pairs = sum(p.pairs_total for p in report.pledges)
        print(
            f"peak memory          {peak_mib():,.0f} MiB; {len(report.pledges)} pledges, "
            f"{pairs} pairs"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
