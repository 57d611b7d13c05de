"""Benchmark: generate N synthetic activities and time `lofte validate` on them.

Prints wall time, files per second and peak memory of `lofte validate` (a cold process,
as CI runs it), the floor of reading the bytes, and check-jsonschema on the same files
against the same schema (schema checks only), with the ratio.

    python bench/validate.py 10000          # N activities (default 10,000)
    python bench/validate.py 1000 --runs 3  # median of three runs
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate  # bench/generate.py, beside this file

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and the exit code of one cold run."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, done.returncode


def read_floor(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        path.read_bytes()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000, help="activities")
    parser.add_argument("--runs", type=int, default=1, help="runs; the median is shown")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="lofte-bench-"))
    try:
        files = generate(root, pledges=max(1, args.n // 300), activities=args.n)
        n_files = len(files) + 2 * max(1, args.n // 300)
        lofte = [str(BIN / "lofte"), "validate", "--format", "json"]
        runs = [timed(lofte, root) for _ in range(args.runs)]
        codes = {code for _, code in runs}
        lofte_s = statistics.median(t for t, _ in runs)
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        floor_s = read_floor(files)
        print(f"activities: {args.n:,} (+pledges and follow-ups), median of {args.runs} run(s)")
        print(
            f"lofte validate     {lofte_s:8.2f} s  {n_files / lofte_s:9,.0f} files/s  "
            f"peak {peak_mib:,.0f} MiB  exit {sorted(codes)}"
        )
        print(f"read bytes (floor) {floor_s:8.2f} s  {n_files / floor_s:9,.0f} files/s")
        peer = shutil.which("check-jsonschema", path=str(BIN))
        if peer:
            command = [
                peer,
                "--schemafile",
                str(REPO / "schemas" / "activity.schema.json"),
                *map(str, files),
            ]
            peer_s = statistics.median(timed(command, root)[0] for _ in range(args.runs))
            print(
                f"check-jsonschema   {peer_s:8.2f} s  {n_files / peer_s:9,.0f} files/s  "
                f"(schema checks only)"
            )
            print(f"ratio lofte/check-jsonschema throughput: {peer_s / lofte_s:.2f}x")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
