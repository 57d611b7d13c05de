"""When each data file last changed: its last commit date from git, or, outside git (and
for files git does not know yet), its modification time."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from lofte_cli.paths import PLEDGES_DIR


class FileDates:
    """Looks up last-change dates; git is asked once, for the whole data folder. Files are
    known by their path below the data root, so no lookup touches the disk but for the
    modification time of files git does not know."""

    def __init__(self, root: Path) -> None:
        self.root = os.path.abspath(root)
        # The data root as the loader spells the paths of its files (for "." it writes
        # them without it), so that most lookups need no abspath.
        given = os.fspath(root)
        self._given = "" if given == "." else given.rstrip(os.sep) + os.sep
        self._committed = _git_dates(root)
        # Pages ask again and again for the same files (every page of a pledge for all of
        # them): each is looked up once per render.
        self._known: dict[str, date | None] = {}

    def of(self, path: Path | str) -> date | None:
        """When `path` last changed; None when neither git nor the file can tell (never
        today's date in its place: a page would say its content changed when it was built)."""
        key = os.fspath(path)
        if key in self._known:
            return self._known[key]
        found = self._look_up(key)
        self._known[key] = found
        return found

    def _look_up(self, path: str) -> date | None:
        found = self.committed(path)
        if found is not None:
            return found
        return _modified(path)

    def committed(self, path: str) -> date | None:
        """The date of the last commit that touched `path`, None when git does not know
        it (then its modification time tells, which this does not look at)."""
        if not self._committed:  # outside git: nothing to look up
            return None
        # The common cases without abspath or relpath (a render asks for 100,000 files).
        if (
            path.startswith(self._given)
            and not os.path.isabs(path[len(self._given) :])
            and ".." not in path.split(os.sep)
        ):
            return self._committed.get(path[len(self._given) :])
        absolute = os.path.abspath(path)
        if absolute.startswith(self.root + os.sep):
            relative = absolute[len(self.root) + 1 :]
        else:
            relative = os.path.relpath(absolute, self.root)
        return self._committed.get(relative)

    def latest(self, paths: Iterable[Path | str]) -> date | None:
        dates = [d for d in map(self.of, paths) if d is not None]
        return max(dates) if dates else None


def _modified(path: str) -> date | None:
    try:
        return datetime.fromtimestamp(os.stat(path).st_mtime).date()
    except OSError:
        return None


def _git_dates(root: Path) -> dict[str, date]:
    """Path below `root` → date of the last commit that touched it, from one `git log`."""
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
    # git names files from the top of the work tree; lofte from the data root below it.
    prefix = os.path.relpath(root.resolve(), Path(top.stdout.strip()).resolve())
    prefix = "" if prefix == "." else prefix + os.sep
    dates: dict[str, date] = {}
    current: date | None = None
    for line in log.stdout.splitlines():
        if line.startswith("\x00"):
            current = date.fromisoformat(line[1:])
        elif line and current is not None and line.startswith(prefix):
            dates.setdefault(os.path.normpath(line[len(prefix) :]), current)  # newest first
    return dates
