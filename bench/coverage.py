"""Benchmark: generate N synthetic activities across a few pledges and time coverage.

Prints the wall time of `load_catalog` and of `compute_coverage` (plain, and with
`per=month`) separately, the time to build the JSON, and the peak memory of this process.

    python bench/coverage.py               # 100,000 activities (default)
    python bench/coverage.py 10000 --pledges 3
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from lofte_cli.coverage import compute_coverage, coverage_to_json
from lofte_cli.loader import load_catalog

T = TypeVar("T")

PARTIES = """\
parties:
  polisen: {name: Lokalpolisområde Benchby, kind: police}
  norra: {name: Norra kommun, kind: municipality}
  sodra: {name: Södra kommun, kind: municipality}
  vastra: {name: Västra kommun, kind: municipality}
groups:
  kommunerna: [norra, sodra, vastra]
focus_areas: {trafik: Trafiksäkerhet, droger: Droger}
"""
# Targets of every kind, so that each slice rule is exercised.
EXPECTS = [
    "",
    ", expect: {count: 12, of: kontroller, per: year}",
    ", expect: {count: 1, per: month}",
    ", expect: {count: 2, per: quarter}",
    ", expect: {count: 1, per: tertial}",
    ", expect: {count: 1, per: week}",
    ", expect: {count: 3, per: half-year}",
]
TITLES = [
    "Föräldrakväll om droger och sociala medier",
    "Trafikkontroll av EPA-traktorer",
    "Trygghetsvandring i centrum",
    "Föreningsträff om trygga idrottsmiljöer",
    "Lektioner om kränkningar på nätet",
]
PLACES = ["Stenungsund", "Henån", "Skärhamn", "Ellös", "Myggenäs"]
STATUSES = ["done"] * 8 + ["planned", "cancelled"]


def pledge_yaml(pid: str, start: date, end: date | None, supersedes: str | None) -> str:
    """A pledge with five police and six municipal commitments of mixed targets."""
    period = f"{{start: {start}" + (f", end: {end}}}" if end else "}")
    lines = [f"id: {pid}", f"title: Medborgarlöfte {pid}", f"period: {period}", PARTIES]
    lines.append("commitments:")
    for i in range(1, 6):
        expect = EXPECTS[i % len(EXPECTS)]
        lines.append(f"  - {{id: polis-{i}, by: polisen, text: Polisen lovar {i}.{expect}}}")
    for i in range(1, 7):
        expect = EXPECTS[(i + 2) % len(EXPECTS)]
        lines.append(f"  - {{id: kommun-{i}, by: kommunerna, text: Kommunerna lovar {i}.{expect}}}")
    if supersedes:
        lines.append(f"supersedes: {supersedes}")
    return "\n".join(lines) + "\n"


def plan_pledges(count: int) -> list[tuple[str, date, date | None, str | None]]:
    """Two-year pledges one after another; the last one open-ended."""
    plans: list[tuple[str, date, date | None, str | None]] = []
    for k in range(count):
        start = date(2019 + 2 * k, 1, 1)
        end = None if k == count - 1 else date(2020 + 2 * k, 12, 31)
        previous = plans[-1][0] if plans else None
        plans.append((f"bench-{k + 1}", start, end, previous))
    return plans


def activity_yaml(rng: random.Random, k: int, day: date) -> tuple[str, str]:
    """An activity id and its text, for one or two parties and commitments."""
    police = rng.random() < 0.4
    if police:
        by = "polisen" if rng.random() < 0.7 else "[polisen, norra]"
        commitments = sorted({f"polis-{rng.randint(1, 5)}" for _ in range(rng.randint(1, 2))})
    else:
        by = rng.choice(["norra", "sodra", "vastra", "kommunerna", "[norra, sodra]"])
        commitments = sorted({f"kommun-{rng.randint(1, 6)}" for _ in range(rng.randint(1, 2))})
    title = rng.choice(TITLES)
    activity_id = f"{day}-aktivitet-{k:06d}"
    text = (
        f"id: {activity_id}\n"
        f"date: {day}\n"
        f"status: {rng.choice(STATUSES)}\n"
        f"by: {by}\n"
        f"commitments: [{', '.join(commitments)}]\n"
        f"title: {title} {k}\n"
        "description: |\n"
        f"  {title} i {rng.choice(PLACES)} tillsammans med skolan och fältgruppen.\n"
        f"place: {rng.choice(PLACES)}\n"
        f"participants: {rng.randint(5, 80)}\n"
        f"measures: {{kontroller: {rng.randint(0, 5)}}}\n"
    )
    return activity_id, text


def write_repository(root: Path, n: int, pledges: int, seed: int = 1) -> date:
    """A data root with `pledges` pledges and `n` activities; returns a fitting as_of."""
    rng = random.Random(seed)
    plans = plan_pledges(pledges)
    as_of = plans[-1][1] + timedelta(days=500)
    for pid, start, end, supersedes in plans:
        folder = root / "data" / "pledges" / pid
        (folder / "activities").mkdir(parents=True)
        (folder / "pledge.yaml").write_text(
            pledge_yaml(pid, start, end, supersedes), encoding="utf-8"
        )
    for k in range(n):
        pid, start, end, _ = plans[k % len(plans)]
        days = ((end or as_of) - start).days
        day = start + timedelta(days=rng.randint(0, days))
        activity_id, text = activity_yaml(rng, k, day)
        path = root / "data" / "pledges" / pid / "activities" / f"{activity_id}.yaml"
        path.write_text(text, encoding="utf-8")
    return as_of


def timed(step: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = step()
    return result, time.perf_counter() - start


def peak_mib() -> float:
    """The peak resident memory of this process so far (ru_maxrss: KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100_000, help="activities")
    parser.add_argument("--pledges", type=int, default=4, help="pledges (the last open-ended)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="lofte-bench-coverage-"))
    try:
        as_of, write_s = timed(lambda: write_repository(root, args.n, args.pledges))
        print(f"activities: {args.n:,} across {args.pledges} pledges, as of {as_of}")
        print(f"write files        {write_s:8.2f} s")
        base_mib = peak_mib()
        loaded, load_s = timed(lambda: load_catalog(root))
        catalog = loaded.catalog
        load_mib = peak_mib()
        print(
            f"load_catalog       {load_s:8.2f} s  {args.n / load_s:9,.0f} activities/s  "
            f"problems {len(loaded.problems)}  peak {load_mib:,.0f} MiB"
        )
        report, cover_s = timed(lambda: compute_coverage(catalog, as_of=as_of))
        print(f"compute_coverage   {cover_s:8.3f} s  {args.n / cover_s:9,.0f} activities/s")
        monthly, per_s = timed(lambda: compute_coverage(catalog, as_of=as_of, per="month"))
        print(f"  with per=month   {per_s:8.3f} s  ({len(monthly.pledges[0].slices)} slices)")
        _, json_s = timed(lambda: coverage_to_json(monthly))
        print(f"coverage_to_json   {json_s:8.3f} s")
        pairs = sum(p.pairs_total for p in report.pledges)
        print(
            f"peak memory        {peak_mib():,.0f} MiB (before loading {base_mib:,.0f} MiB); "
            f"{len(report.pledges)} pledges, {pairs} pairs"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
