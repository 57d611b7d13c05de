"""The last check of the whole repository, noted with what it was made from: the name, kind,
modification time, size and inode of every entry that `lofte validate` reads below
data/pledges/, and of the issue forms, on the same day in the same language. A check of
the whole repository whose tree signs the same takes the problems noted, without opening
the caches of its pledges: on a national repository (300 pledges, 100,000 activities)
that is a walk through the folders instead of reading 300 indexes and redoing the rules.

Like every cache file, the note is a hint: sealed, checked for its shape, and not trusted
where the tree holds a link (what a link leads to is not in the signature) or a file that
changed so shortly before the walk that a second change could keep its time."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from datetime import date
from pathlib import Path
from typing import Any

from lofte_cli.data.cache import (
    CACHE_DIR,
    RACY_NS,
    StoredProblem,
    code_fingerprint,
    dump_cache_file,
    file_system_now,
    load_cache_file,
)
from lofte_cli.data.cache_entries import is_problems
from lofte_cli.data.form_stamp import FORM_FILES, FORMS_DIR
from lofte_cli.data.problem import Problem
from lofte_cli.i18n import active_language
from lofte_cli.paths import PLEDGES_DIR

# The folders of a pledge folder whose entries the finder lists (and the walk signs).
_LISTED = ("activities", "followups")


class _Untrusted(Exception):
    """The tree holds something its signature cannot stand for."""


def tree_signature(root: Path, *, today: date) -> str | None:
    """What a check of the whole repository at `root` on `today` is made from, as a digest;
    None when it cannot be trusted (a link, a file changed just now, a folder that cannot
    be read): the check is then made the long way."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{today.isoformat()}\0{active_language()}\0".encode())
    # A file is trusted by its signature only when it is older than the walk by the file
    # system's own clock: a later write then gives it another time, however coarse that
    # clock is. Without that clock, it must be older by more than any clock's resolution.
    pledges = os.path.join(root, PLEDGES_DIR)
    since = file_system_now(root, Path(pledges)) if os.path.isdir(pledges) else None
    if since is None:
        since = time.time_ns() - RACY_NS
    try:
        for name, kind, entry in _entries(pledges, since):
            digest.update(f"{name}\0{kind}\0".encode("utf-8", "surrogateescape"))
            if kind == "d":
                for inner, inner_kind, inner_entry in _entries(entry.path, since):
                    digest.update(f"{inner}\0{inner_kind}\0".encode("utf-8", "surrogateescape"))
                    if inner_kind == "d" and inner in _LISTED:
                        for item, item_kind, _ in _entries(inner_entry.path, since):
                            digest.update(
                                f"{item}\0{item_kind}\0".encode("utf-8", "surrogateescape")
                            )
        for form in FORM_FILES:
            digest.update(_form_signature(root / FORMS_DIR / form, since))
    except (OSError, _Untrusted):
        return None
    return digest.hexdigest()


def _entries(folder: str, since: int) -> list[tuple[str, str, os.DirEntry[str]]]:
    """The visible entries of `folder` in name order, each with its kind, a file's with its
    signature (d: folder, o: neither file nor folder)."""
    with os.scandir(folder) as scan:
        entries = sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
    found = []
    for entry in entries:
        if entry.is_symlink():
            raise _Untrusted
        if entry.is_dir(follow_symlinks=False):
            kind = "d"
        elif entry.is_file(follow_symlinks=False):
            kind = _file_kind(entry.stat(follow_symlinks=False), since)
        else:
            kind = "o"
        found.append((entry.name, kind, entry))
    return found


def _file_kind(info: os.stat_result, since: int) -> str:
    if info.st_mtime_ns >= since:
        raise _Untrusted
    return f"f{info.st_mtime_ns}:{info.st_size}:{info.st_ino}"


def _form_signature(path: Path, since: int) -> bytes:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return b"-\0"
    if stat.S_ISLNK(info.st_mode):
        raise _Untrusted
    if not stat.S_ISREG(info.st_mode):
        return b"o\0"
    return _file_kind(info, since).encode() + b"\0"


def _note_path(root: Path) -> Path:
    return root / CACHE_DIR / code_fingerprint() / f"validate.{active_language()}.note"


def noted_check(root: Path, signature: str) -> tuple[list[Problem], int] | None:
    """The problems and the number of files of the check noted for `signature`, if any."""
    note: Any = load_cache_file(_note_path(root))
    if (
        type(note) is not dict
        or note.get("signature") != signature
        or type(note.get("files")) is not int
        or not is_problems(note.get("problems"))
    ):
        return None
    problems = [
        Problem(root / rel, line, col, code, message, severity)
        for rel, line, col, code, message, severity in note["problems"]
    ]
    return problems, note["files"]


def note_check(root: Path, signature: str, problems: list[Problem], files: int) -> None:
    """Note a check of the whole repository (not when a problem lies outside it)."""
    stored: list[StoredProblem] = []
    for p in problems:
        rel = os.path.relpath(p.path, root)
        if rel.startswith(".."):
            return
        stored.append((rel, p.line, p.col, p.code, p.message, p.severity))
    path = _note_path(root)
    note = {"signature": signature, "files": files, "problems": stored}
    dump_cache_file(path, note, path.parent)
