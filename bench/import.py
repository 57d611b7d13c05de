"""Benchmark: `lofte import` of a spreadsheet of N activities, against the same rows logged
one at a time with `lofte add-activity` (what a coordinator would script without import).

Builds a synthetic pledge with N activities (bench/generate.py), exports them with
`lofte export --format csv`, deletes them, and times `lofte import --dry-run`, the real
import, and a second import of the same sheet (all rows unchanged). The peer is
`lofte add-activity` run for the first `--sample` rows, one process per row, extrapolated
to N. Prints wall time, rows per second, peak memory of the import process, and the ratio.

    python bench/import.py            # 2,000 rows, 20 add-activity runs for the peer
    python bench/import.py 10000 --sample 30
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate  # bench/generate.py, beside this file

LOFTE = str(Path(sys.executable).parent / "lofte")
TODAY = "2026-11-26"


def run(*args: str, cwd: Path) -> float:
    """Run `lofte ARGS`; its wall time. Fails loudly: a benchmark of a failing run is void."""
    env = {**os.environ, "LOFTE_TODAY": TODAY}
    start = time.perf_counter()
    done = subprocess.run([LOFTE, *args], cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"lofte {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return wall


def peak_child_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def add_activity_args(row: dict[str, str]) -> list[str]:
    args = ["add-activity", "--pledge", row["pledge"], "--yes", "--date", row["date"]]
    args += ["--title", row["title"], "--description", row["description"]]
    args += ["--status", row["status"]]
    for party in row["by"].split(";"):
        args += ["--by", party]
    for commitment in row["commitments"].split(";"):
        args += ["--commitment", commitment]
    for name, flag in (("end_date", "--end-date"), ("place", "--place"), ("hours", "--hours")):
        if row[name]:
            args += [flag, row[name]]
    if row["participants"]:
        args += ["--participants", row["participants"]]
    for measure in filter(None, row["measures"].split(";")):
        args += ["--measure", measure]
    return args


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=2_000, help="rows")
    parser.add_argument("--sample", type=int, default=20, help="add-activity runs for the peer")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="lofte-bench-import-"))
    try:
        generate(root, pledges=1, activities=args.n)
        sheet = root / "export" / "activities.csv"
        run("export", "--format", "csv", "--out", str(sheet.parent), cwd=root)
        with sheet.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        folders = list((root / "data" / "pledges").glob("*/activities"))
        for folder in folders:
            shutil.rmtree(folder)
        print(f"rows: {len(rows):,} in one pledge ({sheet.stat().st_size / 1e6:.1f} MB of CSV)")
        dry = run("import", str(sheet), "--dry-run", cwd=root)
        real = run("import", str(sheet), cwd=root)
        peak = peak_child_mib()
        again = run("import", str(sheet), cwd=root)
        written = sum(len(list(f.glob("*.yaml"))) for f in folders)
        assert written == len(rows), (written, len(rows))
        for name, wall in (("import --dry-run", dry), ("import", real), ("import again", again)):
            print(f"{name:<20} {wall:8.2f} s  {len(rows) / wall:8,.0f} rows/s")
        print(f"peak memory (largest run)  {peak:6.0f} MiB")
        for folder in folders:
            shutil.rmtree(folder)
        sample = rows[: args.sample]
        peer = sum(run(*add_activity_args(row), cwd=root) for row in sample)
        per_row = peer / len(sample)
        print(
            f"add-activity, {len(sample)} runs  {peer:8.2f} s  {1 / per_row:8,.1f} rows/s "
            f"(peer; {per_row * len(rows):,.0f} s for all {len(rows):,} rows)"
        )
        print(f"ratio: import is {per_row * len(rows) / real:,.0f}x the add-activity loop")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
