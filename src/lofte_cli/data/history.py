"""The revisions of a pledge from git: when pledge.yaml changed, who committed it, and which
commitments were added, removed or reworded — a pledge revised mid-period is common."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lofte_cli.data.document import Document
from lofte_cli.data.yaml_io import parse_bytes
from lofte_cli.errors import UsageError, file_error
from lofte_cli.i18n import _
from lofte_cli.paths import PLEDGE_FILE, PLEDGES_DIR, only_pledge, pledge_file, pledge_folders


@dataclass(frozen=True)
class Revision:
    """One commit that changed a pledge.yaml, and what it did to the commitments."""

    commit: str
    date: date
    author: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    reworded: tuple[str, ...]
    first: bool  # the commit that brought the pledge in


def pledge_history(root: Path, key: str) -> list[Revision]:
    """Revisions of data/pledges/<key>/pledge.yaml, oldest first; empty outside git."""
    git = shutil.which("git")
    path = PLEDGES_DIR / key / PLEDGE_FILE
    if git is None or not (root / path).exists():
        return []
    log = _git(git, root, "log", "--format=%H%x00%cs%x00%an", "--follow", "--", str(path))
    if log is None:
        return []
    revisions: list[Revision] = []
    before: dict[str, str] = {}
    for line in reversed(log.splitlines()):
        commit, day, author = line.split("\x00")
        shown = _git(git, root, "show", f"{commit}:{_in_repo(git, root, path)}")
        now = _commitments(shown) if shown is not None else before
        revisions.append(
            Revision(
                commit=commit[:10],
                date=date.fromisoformat(day),
                author=author,
                added=tuple(c for c in now if c not in before),
                removed=tuple(c for c in before if c not in now),
                reworded=tuple(c for c in now if c in before and now[c] != before[c]),
                first=not revisions,
            )
        )
        before = now
    return revisions


def in_work_tree(root: Path) -> bool:
    """Whether `root` is inside a git work tree (asked once, not once per pledge: outside
    git, 300 pledges would start git 300 times only to hear no)."""
    git = shutil.which("git")
    return git is not None and _git(git, root, "rev-parse", "--is-inside-work-tree") == "true\n"


def _in_repo(git: str, root: Path, path: Path) -> str:
    """The path as git names it at a commit: from the top of the work tree."""
    prefix = _git(git, root, "rev-parse", "--show-prefix") or ""
    return f"{prefix.strip()}{path.as_posix()}"


def _commitments(text: str) -> dict[str, str]:
    """Commitment id → text in one version of a pledge.yaml (what can be read of it)."""
    doc = parse_bytes(text.encode("utf-8"), Path("pledge.yaml"), positions=False)
    if not isinstance(doc, Document) or not isinstance(doc.data.get("commitments"), list):
        return {}
    found: dict[str, str] = {}
    for item in doc.data["commitments"]:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            found[item["id"]] = " ".join(str(item.get("text", "")).split())
    return found


def _git(git: str, root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run([git, *args], cwd=root, capture_output=True, text=True, check=False)
    except OSError as exc:  # git could not be started (too many open files …)
        raise file_error(exc, exc.filename or git) from None
    return done.stdout if done.returncode == 0 else None


def history_json(revisions: list[Revision]) -> list[dict[str, Any]]:
    return [
        {
            "commit": r.commit,
            "date": r.date.isoformat(),
            "author": r.author,
            "added": r.added,
            "removed": r.removed,
            "reworded": r.reworded,
            "first": r.first,
        }
        for r in revisions
    ]


def revisions_of(root: Path, pledge: str | None) -> list[Revision]:
    """The revisions of the pledge in folder `pledge` (default: the only pledge folder)."""
    # TRANSLATORS: the metavariable of `lofte history`'s argument, as its --help shows it.
    key = pledge or only_pledge(pledge_folders(root), _("PLEDGE"))
    if not pledge_file(root, key).exists():
        raise UsageError(
            _("no pledge {pledge!r} in {folder}").format(pledge=key, folder=root / PLEDGES_DIR)
        )
    return pledge_history(root, key)


def history_lines(revisions: list[Revision]) -> list[str]:
    """One line per revision, `date  commit  author: what changed`, for the terminal."""
    if not revisions:
        return [_("no history: the pledge is not in a git repository, or not committed")]
    return [f"{r.date}  {r.commit}  {r.author}: {_what_changed(r)}" for r in revisions]


def _what_changed(r: Revision) -> str:
    if r.first:
        return _("first version")
    changes = (
        (_("added {ids}"), r.added),
        (_("removed {ids}"), r.removed),
        (_("reworded {ids}"), r.reworded),
    )
    parts = [said.format(ids=", ".join(ids)) for said, ids in changes if ids]
    return "; ".join(parts) or _("no commitment changed")
