"""When each data file last changed: its last commit date from git, or, outside git (and
for files git does not know yet), its modification time."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from lofte_cli.paths import PLEDGES_DIR


class FileDates:
    """Looks up last-change dates; git is asked once, for the whole data folder."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._committed = _git_dates(self.root)

    def of(self, path: Path) -> date:
        resolved = path.resolve()
        found = self._committed.get(resolved)
        if found is not None:
            return found
        try:
            return datetime.fromtimestamp(resolved.stat().st_mtime).date()
        except OSError:
            return date.today()

    def latest(self, paths: Iterable[Path]) -> date | None:
        dates = [self.of(p) for p in paths]
        return max(dates) if dates else None


def _git_dates(root: Path) -> dict[Path, date]:
    """File → date of the last commit that touched it, from one `git log` over the data."""
    git = shutil.which("git")
    if git is None:
        return {}
    top = subprocess.run(
        [git, "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True, check=False
    )
    if top.returncode != 0:
        return {}
    log = subprocess.run(
        [git, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", str(PLEDGES_DIR)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if log.returncode != 0:
        return {}
    base = Path(top.stdout.strip())
    dates: dict[Path, date] = {}
    current: date | None = None
    for line in log.stdout.splitlines():
        if line.startswith("\x00"):
            current = date.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault((base / line).resolve(), current)  # newest commit comes first
    return dates
