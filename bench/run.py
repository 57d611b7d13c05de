"""The national-scale benchmark, in one run, on 1,000 / 10,000 / 100,000 activities across
300 pledges (bench/generate.py): wall time, files/s and peak memory of `lofte validate`
(cold, again unchanged, one file changed), `lofte coverage`, and `lofte render` (a full
render into a new folder, then again into it after one activity changed); the same files
checked by check-jsonschema against the same schemas (the peer, schema checks only) and
the ratio; the floor (reading the bytes; parsing with the C loader alone);
and the cold start of `lofte --version` and `lofte --help`. Prints a table and writes it as
JSON to bench/out/run.json.

    python bench/run.py                    # 1,000, 10,000 and 100,000
    python bench/run.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import json
import os
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
ENV = {**os.environ, "LOFTE_TODAY": "2026-11-26"}


def run(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak memory (MiB, the largest process) and exit code of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, process.returncode


def batches(paths: list[Path], limit: int = 1_500_000) -> list[list[str]]:
    """Argument lists under the kernel's limit on a command line."""
    out: list[list[str]] = [[]]
    size = 0
    for path in paths:
        text = str(path)
        if size + len(text) + 1 > limit:
            out.append([])
            size = 0
        out[-1].append(text)
        size += len(text) + 1
    return out


def peer(root: Path, files: list[Path]) -> tuple[float, float]:
    """check-jsonschema on the activity files, against lofte's activity schema."""
    schema = REPO / "schemas" / "activity.schema.json"
    total, peak = 0.0, 0.0
    for chunk in batches([f.relative_to(root) for f in files]):
        seconds, mib, _ = run(
            [str(BIN / "check-jsonschema"), "--schemafile", str(schema), *chunk], root
        )
        total, peak = total + seconds, max(peak, mib)
    return total, peak


def floors(files: list[Path]) -> dict[str, float]:
    """Reading the bytes, and parsing with ruamel.yaml's C loader alone (one process)."""
    from ruamel.yaml import YAML

    start = time.perf_counter()
    texts = [f.read_bytes() for f in files]
    read = time.perf_counter() - start
    yaml = YAML(typ="safe", pure=False)
    start = time.perf_counter()
    for text in texts:
        yaml.load(text)
    return {"read": read, "c_loader": time.perf_counter() - start}


def measure(size: int, scratch: Path) -> dict[str, object]:
    root = scratch / f"n{size}"
    files = generate(root, pledges=300, activities=size)
    n = len(files) + 300 + 300  # activities, pledges, follow-ups
    lofte = str(BIN / "lofte")
    row: dict[str, object] = {"activities": size, "files": n}
    row["validate_cold"] = run([lofte, "validate", "--format", "json"], root)
    row["validate_again"] = run([lofte, "validate", "--format", "json"], root)
    changed = files[len(files) // 2]
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("participants: ", "participants: 1")
    )
    row["validate_one_changed"] = run([lofte, "validate", "--format", "json"], root)
    row["validate_no_cache"] = run([lofte, "--no-cache", "validate", "--format", "json"], root)
    row["coverage_warm"] = run([lofte, "coverage", "--format", "json"], root)
    site = str(scratch / f"site{size}")
    row["render_full"] = run([lofte, "render", "--out", site], root)
    other = files[len(files) // 3]
    other.write_text(other.read_text(encoding="utf-8").replace("hours: ", "hours: 1"))
    row["render_one_changed"] = run([lofte, "render", "--out", site], root)
    row["check_jsonschema"] = peer(root, files)
    row["floor"] = floors(files)
    shutil.rmtree(root)
    shutil.rmtree(scratch / f"site{size}", ignore_errors=True)
    return row


def cold_start() -> dict[str, float]:
    lofte = str(BIN / "lofte")
    return {
        name: statistics.median(run([lofte, flag], REPO)[0] for _ in range(5))
        for name, flag in (("version", "--version"), ("help", "--help"))
    }


def report(rows: list[dict[str, object]], start: dict[str, float]) -> None:
    print(f"cold start: lofte --version {start['version']:.3f} s, --help {start['help']:.3f} s")
    header = f"{'activities':>10} {'step':<22} {'wall s':>8} {'files/s':>9} {'peak MiB':>9}"
    print(header)
    print("-" * len(header))
    for row in rows:
        n = row["files"]
        for step in (
            "validate_cold",
            "validate_again",
            "validate_one_changed",
            "validate_no_cache",
            "coverage_warm",
            "render_full",
            "render_one_changed",
            "check_jsonschema",
        ):
            value = row[step]
            seconds, mib = value[0], value[1]  # type: ignore[index]
            print(
                f"{row['activities']:>10,} {step:<22} {seconds:>8.2f} {n / seconds:>9,.0f} "
                f"{mib:>9,.0f}"
            )
        floor = row["floor"]
        for name, seconds in floor.items():  # type: ignore[union-attr]
            print(
                f"{row['activities']:>10,} {'floor_' + name:<22} {seconds:>8.2f} "
                f"{n / seconds:>9,.0f}"
            )
        cold = row["validate_cold"][0]  # type: ignore[index]
        print(
            f"{'':>10} ratios: throughput vs check-jsonschema "
            f"{row['check_jsonschema'][0] / cold:.2f}x; "  # type: ignore[index]
            f"time vs C-loader floor {cold / floor['c_loader']:.2f}x; "  # type: ignore[index]
            f"again {row['validate_again'][0] / cold:.1%} of cold; "  # type: ignore[index]
            f"one changed {row['validate_one_changed'][0] / cold:.1%} of cold; "  # type: ignore[index]
            f"render after one change {row['render_one_changed'][0] / row['render_full'][0]:.1%}"  # type: ignore[index]
            " of a full render"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="lofte-bench-run-"))
    try:
        start = cold_start()
        rows = [measure(size, scratch) for size in args.sizes]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report(rows, start)
    out = REPO / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "run.json").write_text(
        json.dumps({"cold_start": start, "sizes": rows}, indent=2), encoding="utf-8"
    )
    print(f"written to {out / 'run.json'}")


if __name__ == "__main__":
    main()
