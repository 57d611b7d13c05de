"""What speaking Swedish costs: each command on the bundled data, in English and in Swedish,
median wall time of several runs of the console script, and the ratio.

    python bench/language.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = (
    ["--help"],
    ["--no-cache", "validate"],
    ["validate"],
    ["coverage", "--format", "json"],
    ["report", "sodra-fyrbodal-2023-2024"],
)


def median_seconds(args: list[str], language: str, runs: int) -> float:
    env = {**os.environ, "LOFTE_LANG": language, "LOFTE_TODAY": "2026-11-26"}
    lofte = Path(sys.executable).parent / "lofte"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(lofte), *args], cwd=ROOT, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    print(f"{'command':36} {'en':>8} {'sv':>8} {'sv/en':>6}   (median of {runs} runs)")
    for args in COMMANDS:
        en, sv = (median_seconds(args, lang, runs) for lang in ("en", "sv"))
        print(f"lofte {' '.join(args):30} {en * 1000:6.0f}ms {sv * 1000:6.0f}ms {sv / en:6.2f}")


if __name__ == "__main__":
    main()
