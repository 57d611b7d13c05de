"""One note per pledge folder of what the loader found there, signed by the name,
modification time, size and inode of each of its data files: the files' result keys and
times, their problems, the pledge's values and the rules' last problems. A folder that
signs the same is taken from its note without opening the folder's cache index or
looking up its files one by one: after one changed activity in a national repository
(300 pledges, 100,000 activities), the other 299 folders cost a `stat` per file.

Like every cache file, a note is a hint: sealed, checked for its shape, written in the
language of its messages, and never made for a folder with a link or a file that changed
so shortly before the walk that a second change could keep its time (see `tree_note`)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from lofte_cli.data.cache import (
    CACHE_DIR,
    Signature,
    StoredProblem,
    code_fingerprint,
    dump_cache_file,
    load_cache_file,
)
from lofte_cli.data.cache_entries import is_problems
from lofte_cli.i18n import active_language


@dataclass(frozen=True)
class FolderNote:
    """What the loader and the rules found in one pledge folder (see the module)."""

    keys: list[tuple[str, str]]  # (file within the folder, result key)
    mtimes: dict[str, int]
    problems: list[StoredProblem]  # of the files on their own
    pledge: tuple[str, dict[str, Any]] | None  # pledge.yaml's result key and values
    rules: tuple[str, list[StoredProblem]] | None  # the rules' fingerprint and problems


def folder_signature(files: Sequence[tuple[str, Signature]]) -> str:
    """The digest of a folder's data files, each by its name within the folder and its
    signature (modification time, size, inode)."""
    digest = hashlib.blake2b(digest_size=16)
    for relative, (mtime_ns, size, inode) in sorted(files):
        digest.update(f"{relative}\0{mtime_ns}:{size}:{inode}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _path(root: Path, key: str) -> Path:
    return root / CACHE_DIR / code_fingerprint() / f"{key}.{active_language()}.folder"


def read_folder_note(root: Path, key: str, signature: str) -> FolderNote | None:
    """The note on the folder `key` when it was made for `signature`, else None."""
    raw = load_cache_file(_path(root, key))
    if type(raw) is not dict or raw.get("signature") != signature:
        return None
    keys, mtimes, problems = raw.get("keys"), raw.get("mtimes"), raw.get("problems")
    pledge, rules = raw.get("pledge"), raw.get("rules")
    if (
        type(keys) is not list
        or not all(_is_pair(k, lambda key: type(key) is str) for k in keys)
        or type(mtimes) is not dict
        or not all(type(t) is int for t in mtimes.values())
        or not is_problems(problems)
        or not (pledge is None or _is_pair(pledge, lambda values: type(values) is dict))
        or not (rules is None or _is_pair(rules, is_problems))
    ):
        return None
    return FolderNote(
        [(k[0], k[1]) for k in keys],
        mtimes,
        cast(list[StoredProblem], problems),
        (pledge[0], pledge[1]) if pledge else None,
        (rules[0], rules[1]) if rules else None,
    )


def _is_pair(value: Any, second: Any) -> bool:
    return type(value) is list and len(value) == 2 and type(value[0]) is str and second(value[1])


def write_folder_note(root: Path, key: str, signature: str, note: FolderNote) -> None:
    """Note what was found in the folder `key` as it signs now."""
    path = _path(root, key)
    value = {
        "signature": signature,
        "keys": sorted(note.keys),
        "mtimes": note.mtimes,
        "problems": note.problems,
        "pledge": note.pledge,
        "rules": note.rules,
    }
    dump_cache_file(path, value, path.parent)
