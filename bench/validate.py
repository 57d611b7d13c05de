"""Benchmark: generate N synthetic activities and time `lofte validate` on them.

Prints wall time, files per second and peak memory of `lofte validate` (a cold process,
as CI runs it), the floor of reading the bytes, and check-jsonschema on the same files
against the same schema (schema checks only), with the ratio.

    python bench/validate.py 10000          # N activities (default 10,000)
    python bench/validate.py 1000 --runs 3  # median of three runs
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

PLEDGE = """\
id: bench
title: Medborgarlöfte Benchby 2023–2024
period: {start: 2023-01-01, end: 2024-12-31}
parties:
  polisen: {name: Lokalpolisområde Benchby, kind: police}
  norra: {name: Norra kommun, kind: municipality}
  sodra: {name: Södra kommun, kind: municipality}
groups:
  kommunerna: [norra, sodra]
focus_areas: {trafik: Trafiksäkerhet, droger: Droger}
commitments:
"""
TITLES = [
    "Föräldrakväll om droger och sociala medier",
    "Trafikkontroll av EPA-traktorer",
    "Trygghetsvandring i centrum",
    "Föreningsträff om trygga idrottsmiljöer",
    "Lektioner om kränkningar på nätet",
]
PLACES = ["Stenungsund", "Henån", "Skärhamn", "Ellös", "Myggenäs"]


def write_repository(root: Path, n: int, seed: int = 1) -> list[Path]:
    """A data root with one pledge and `n` activities; returns the activity files."""
    rng = random.Random(seed)
    pledge_dir = root / "data" / "pledges" / "bench"
    (pledge_dir / "activities").mkdir(parents=True)
    commitments = "".join(
        f"  - {{id: polis-{i}, by: polisen, text: Polisen lovar sak {i}., focus: [trafik]}}\n"
        for i in range(1, 6)
    ) + "".join(
        f"  - {{id: kommun-{i}, by: kommunerna, text: Kommunerna lovar sak {i}.}}\n"
        for i in range(1, 7)
    )
    (pledge_dir / "pledge.yaml").write_text(PLEDGE + commitments, encoding="utf-8")
    files = []
    for k in range(n):
        day = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        police = rng.random() < 0.4
        party = "polisen" if police else rng.choice(["norra", "sodra"])
        commitment = f"polis-{rng.randint(1, 5)}" if police else f"kommun-{rng.randint(1, 6)}"
        title = rng.choice(TITLES)
        activity_id = f"{day}-aktivitet-{k:06d}"
        text = (
            f"id: {activity_id}\n"
            f"date: {day}\n"
            f"by: [{party}]\n"
            f"commitments: [{commitment}]\n"
            f"title: {title} {k}\n"
            "description: |\n"
            f"  {title} i {rng.choice(PLACES)} tillsammans med skolan och fältgruppen.\n"
            "  Deltagarna fick information om stöd och om hur man anmäler brott.\n"
            f"place: {rng.choice(PLACES)}\n"
            "partners: [skola, socialtjänst]\n"
            "target_groups: [vårdnadshavare]\n"
            f"participants: {rng.randint(5, 80)}\n"
            f"measures: {{kontroller: {rng.randint(0, 30)}}}\n"
            f"hours: {rng.randint(1, 20)}\n"
            "links:\n"
            '  - {title: Nyhet, url: "https://polisen.se/aktuellt/nyheter/"}\n'
        )
        path = pledge_dir / "activities" / f"{activity_id}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


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
        files = write_repository(root, args.n)
        n_files = len(files) + 1
        lofte = [str(BIN / "lofte"), "validate", "--format", "json"]
        runs = [timed(lofte, root) for _ in range(args.runs)]
        codes = {code for _, code in runs}
        lofte_s = statistics.median(t for t, _ in runs)
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        floor_s = read_floor(files)
        print(f"activities: {args.n:,} (+1 pledge), median of {args.runs} run(s)")
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
