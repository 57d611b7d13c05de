"""lofte as a library: the README's example runs on the bundled data and prints what the
data says, and the functions it imports are the ones the commands call."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Worked out from the bundled files without lofte: polis-4 has no activity file; polis-2
# promises 12 traffic checks a year for 2023-2024 (24) and its files sum to 25
# (grep "trafikkontroller: N" in the files listing polis-2); kommun-5 has files by orust
# and by stenungsund, none by tjorn; 19 of the 23 (commitment, party) pairs are met.
EXPECTED = """\
30 files, 0 errors
sodra-fyrbodal-2023-2024: 19 of 23 pairs met
  polis-1    met        polisen 5/1
  polis-2    met        polisen 25/24
  polis-3    met        polisen 5/1
  polis-4    untouched  polisen 0/1
  polis-5    met        polisen 3/1
  kommun-1   met        stenungsund 1/1, orust 2/1, tjorn 1/1
  kommun-2   partial    stenungsund 4/4, orust 2/4, tjorn 2/4
  kommun-3   met        stenungsund 1/1, orust 2/1, tjorn 2/1
  kommun-4   met        stenungsund 3/1, orust 2/1, tjorn 6/1
  kommun-5   partial    stenungsund 1/1, orust 1/1, tjorn 0/1
  kommun-6   met        stenungsund 2/1, orust 1/1, tjorn 2/1
"""


def test_the_example_script_prints_each_commitments_status():
    result = subprocess.run(
        [sys.executable, "examples/commitment_status.py", ".", "2024-12-31"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED


def test_the_readme_shows_the_same_output():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(
        r"```console\n\$ python examples/commitment_status.py . 2024-12-31\n(.*?)```",
        readme,
        re.S,
    )
    assert block is not None
    assert block.group(1) == EXPECTED


def test_the_readme_python_snippet_runs(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"```python\n(from datetime import date\n.*?)```", readme, re.S)
    assert snippet is not None
    result = subprocess.run(
        [sys.executable, "-c", snippet.group(1)], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "0 errors"
    assert lines[1:] == [
        f"sodra-fyrbodal-2023-2024 {c} {s}"
        for c, s in [
            ("polis-1", "met"), ("polis-2", "met"), ("polis-3", "met"), ("polis-4", "untouched"),
            ("polis-5", "met"), ("kommun-1", "met"), ("kommun-2", "partial"), ("kommun-3", "met"),
            ("kommun-4", "met"), ("kommun-5", "partial"), ("kommun-6", "met"),
        ]
    ]  # fmt: skip


def test_the_library_functions_are_those_the_commands_call():
    import lofte_cli
    from lofte_cli.coverage.compute import compute_coverage
    from lofte_cli.data.loader import load_catalog
    from lofte_cli.data.validate import validate
    from lofte_cli.publish.site import render_site

    assert lofte_cli.load_catalog is load_catalog
    assert lofte_cli.validate is validate
    assert lofte_cli.compute_coverage is compute_coverage
    assert lofte_cli.render_site is render_site
    report = lofte_cli.compute_coverage(
        lofte_cli.load_catalog(REPO).catalog, as_of=date(2022, 12, 31)
    )
    assert [p.coverage_percent for p in report.pledges] == [None]  # before the start
