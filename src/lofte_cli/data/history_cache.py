"""The pledges' revisions from git, kept in the cache by the newest commit that touched each
pledge.yaml. The history up to a commit never changes, so a render asks git once which
commits are newest instead of asking it about every pledge and every revision (300
pledges: some four seconds on every render, before the first page is made).

Like every cache file, it is a hint: sealed, checked for its shape, and a pledge whose
entry is missing or of another shape has its history read from git again."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lofte_cli.data.cache import CACHE_DIR, code_fingerprint, dump_cache_file, load_cache_file
from lofte_cli.data.history import Revision, in_work_tree, pledge_history
from lofte_cli.paths import PLEDGE_FILE, PLEDGES_DIR
from lofte_cli.plain_data import NotPlain, from_plain, to_plain


def pledge_histories(
    root: Path, keys: Iterable[str], *, use_cache: bool
) -> dict[str, list[Revision]]:
    """Each pledge folder's revisions (see `history.pledge_history`); empty outside git."""
    keys = list(keys)
    if not in_work_tree(root):
        return {key: [] for key in keys}
    newest = _newest_commits(root) if use_cache else None
    if newest is None:
        return {key: pledge_history(root, key) for key in keys}
    path = root / CACHE_DIR / code_fingerprint() / "histories.json"
    noted: Any = load_cache_file(path)
    noted = noted if type(noted) is dict else {}
    found: dict[str, list[Revision]] = {}
    kept: dict[str, Any] = {}
    for key in keys:
        commit = newest.get(key)
        if commit is None:  # never committed: no history
            found[key] = []
            continue
        revisions = _noted(noted.get(key), commit)
        if revisions is None:
            revisions = pledge_history(root, key)
        found[key] = revisions
        kept[key] = [commit, to_plain(revisions)]
    if kept != noted:
        dump_cache_file(path, kept, path.parent)
    return found


def _noted(entry: Any, commit: str) -> list[Revision] | None:
    if type(entry) is not list or len(entry) != 2 or entry[0] != commit:
        return None
    if type(entry[1]) is not list:
        return None
    try:
        return [from_plain(Revision, item) for item in entry[1]]
    except NotPlain:
        return None


def _newest_commits(root: Path) -> dict[str, str] | None:
    """The newest commit that touched each pledge folder's pledge.yaml, by folder; None
    when git cannot tell."""
    git = shutil.which("git")
    if git is None:
        return None
    pattern = f":(glob){PLEDGES_DIR.as_posix()}/*/{PLEDGE_FILE}"
    done = subprocess.run(
        [git, "log", "--format=%x00%H", "--name-only", "--relative", "--no-renames", "--", pattern],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return None
    newest: dict[str, str] = {}
    commit = ""
    for line in done.stdout.splitlines():
        if line.startswith("\x00"):
            commit = line[1:]
        elif line and commit:
            parts = line.split("/")
            if len(parts) == 4 and parts[3] == PLEDGE_FILE:
                newest.setdefault(parts[2], commit)  # newest first
    return newest
