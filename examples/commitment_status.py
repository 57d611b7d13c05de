"""Each commitment of each pledge with its status, using lofte as a library.

Run from a data repository (or give its folder), e.g. on the bundled example:

    python examples/commitment_status.py . 2024-12-31
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from lofte_cli import compute_coverage, load_catalog, validate


def main(root: Path, as_of: date) -> None:
    checked = validate(root, today=as_of)
    print(f"{checked.files_checked} files, {checked.errors} errors")
    report = compute_coverage(load_catalog(root).catalog, as_of=as_of)
    for pledge in report.pledges:
        print(f"{pledge.id}: {pledge.pairs_met} of {pledge.pairs_total} pairs met")
        for commitment in pledge.commitments:
            done = ", ".join(f"{p.party} {p.done}/{p.expected}" for p in commitment.parties)
            print(f"  {commitment.id:<10} {commitment.status:<10} {done}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "."), date.fromisoformat(sys.argv[2]))
