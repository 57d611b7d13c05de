"""The content-addressed cache under `.lofte-cache/` in the data root, one pair of files per
pledge folder: what each file's checks found (by content hash, with the file's stat
signature to know the hash without reading it), the values read from it, and the problems
the cross-file rules found in the pledge. A run on unchanged files reads no data file and
redoes no check. The cache is named after a hash of lofte's own code and schemas, so a new
lofte never trusts an old cache."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

from lofte_cli.data.cache_entries import checked_data, checked_index, sealed, unsealed
from lofte_cli.data.problem import Problem
from lofte_cli.i18n import active_language

CACHE_DIR = ".lofte-cache"
Signature = tuple[int, int, int]
RACY_NS = 3_000_000_000
# A problem as kept: the file relative to the pledge folder, then line, column, code,
# message and severity.
StoredProblem = tuple[str, int, int, str, str, str]


@cache
def code_fingerprint() -> str:
    """A hash of lofte's code, schemas, catalogs and place data: a cache made by other code
    is not used."""
    from lofte_cli.paths import schema_dir

    digest = hashlib.blake2b(digest_size=8)
    package = Path(__file__).parents[1]
    code = [*package.rglob("*.py"), *package.rglob("*.mo"), *schema_dir().glob("*.json")]
    code += (package / "places").glob("*.json")  # the municipalities the rules check against
    for path in sorted(code):
        digest.update(path.relative_to(path.parents[1]).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def signature_and_hash(path: Path, raw: bytes) -> tuple[Signature, str]:
    return signature(path), content_hash(raw)


def content_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=12).hexdigest()


def signature(path: Path | str) -> Signature:
    """Changes whenever the file does (modification time in ns, size, inode)."""
    stat = os.stat(path)
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def result_key(content_hash: str, kind: str, contacts: tuple[str, ...]) -> str:
    """The checks of a file depend on its bytes, its kind and its pledge's contacts."""
    extra = hashlib.blake2b(repr((kind, contacts)).encode(), digest_size=6).hexdigest()
    return f"{content_hash}-{extra}"


@cache
def context_suffix(kind: str, contacts: tuple[str, ...]) -> str:
    """How every result key found for a file of this kind under these contacts ends."""
    return result_key("", kind, contacts)


def store_problems(problems: list[Problem], folder: Path) -> list[StoredProblem]:
    return [
        (os.path.relpath(p.path, folder), p.line, p.col, p.code, p.message, p.severity)
        for p in problems
    ]


def restore_problems(stored: list[StoredProblem], folder: Path) -> list[Problem]:
    return [
        Problem(folder / rel, line, col, code, message, severity)  # type: ignore[arg-type]
        for rel, line, col, code, message, severity in stored
    ]


class PledgeCache:
    """The cache of one pledge folder; a disabled one remembers nothing."""

    def __init__(self, root: Path, key: str, *, enabled: bool) -> None:
        self.enabled = enabled
        self.folder = root / CACHE_DIR / code_fingerprint()
        # The problems are stored as the messages say them, so each language has its own.
        self.meta_path = self.folder / f"{key}.{active_language()}.meta"
        self.data_path = self.folder / f"{key}.data"
        self._meta: dict[str, Any] | None = None
        self._data: dict[str, Any] | None = None
        self.changed = False

    @property
    def meta(self) -> dict[str, Any]:
        """The index, read when first asked for (a folder the loader knows from its note,
        see `folder_note`, never needs it)."""
        if self._meta is None:
            empty: dict[str, Any] = {"files": {}, "rules": None}
            self._meta = checked_index(load_cache_file(self.meta_path)) if self.enabled else empty
        return self._meta

    def lookup(self, relative: str, sig: Signature) -> tuple[str, list[StoredProblem], bool] | None:
        """The result key and problems of a file whose signature is unchanged, and whether
        the signature was taken so soon after a change that it cannot be trusted alone
        (a second write within the clock's resolution keeps the modification time: the
        "racy git" problem); such a file must be hashed again to be sure."""
        entry = self.meta["files"].get(relative)
        if entry is None or (entry[0], entry[1], entry[2]) != sig:
            return None
        return entry[3], entry[4], bool(entry[5])

    def data(self, key: str) -> dict[str, Any] | None:
        """The values read from a file, or None when the cache does not have them (the
        file is then read again: what the cache lost is never taken for "nothing")."""
        pledge = self.meta.get("pledge")
        if pledge is not None and pledge[0] == key and isinstance(pledge[1], dict):
            return dict(pledge[1])  # kept with the index: validate needs it, not the activities
        if self._data is None:
            self._data = checked_data(load_cache_file(self.data_path))
        found: dict[str, Any] | None = self._data.get(key)
        return found

    def put_data(self, key: str, data: Any) -> None:
        """Values read again because the cache had lost them."""
        if self.enabled and isinstance(data, dict):
            if self._data is None:
                self._data = checked_data(load_cache_file(self.data_path))
            self._data[key] = data
            self.changed = True

    def put(
        self, relative: str, sig: Signature, key: str, data: Any, problems: list[StoredProblem]
    ) -> None:
        if self._data is None:
            self._data = checked_data(load_cache_file(self.data_path)) if self.enabled else {}
        racy = time.time_ns() - sig[0] < RACY_NS
        # Flat, to keep the index small: it is read on every run.
        self.meta["files"][relative] = (*sig, key, problems, int(racy))
        if relative == "pledge.yaml":
            self.meta["pledge"] = (key, data)
        if data is not None:  # a file without usable values is read again when asked
            self._data[key] = data
        self.changed = True

    def keep_only(self, relatives: set[str]) -> None:
        """Forget files that are gone."""
        if self._meta is None:  # never read: nothing was looked up or changed
            return
        gone = set(self.meta["files"]) - relatives
        for relative in gone:
            del self.meta["files"][relative]
        self.changed = self.changed or bool(gone)

    def rules(self, fingerprint: str) -> list[StoredProblem] | None:
        stored = self.meta.get("rules")
        return stored[1] if stored and stored[0] == fingerprint else None

    def put_rules(self, fingerprint: str, problems: list[StoredProblem]) -> None:
        self.meta["rules"] = (fingerprint, problems)
        self.changed = True

    def save(self) -> None:
        if not self.enabled or not self.changed:
            return
        if self._data is not None:
            live = {entry[3] for entry in self.meta["files"].values()}
            self._data = {k: v for k, v in self._data.items() if k in live}
            dump_cache_file(self.data_path, self._data, self.folder)
        dump_cache_file(self.meta_path, self.meta, self.folder)
        self.changed = False


def prune(root: Path) -> None:
    """Remove caches made by other versions of lofte."""
    base = root / CACHE_DIR
    if not base.is_dir():
        return
    _keep_ignored(base)
    for entry in base.iterdir():
        if entry.is_dir() and entry.name not in (code_fingerprint(), "locks"):
            shutil.rmtree(entry, ignore_errors=True)


def load_cache_file(path: Path) -> Any:
    """The body of a cache file, or None when it is missing, unreadable or not sealed as
    lofte seals it (see `cache_entries`; it is only a cache). JSON, never pickle: a cache
    file planted in a data repository must not run code."""
    try:
        # Not blocking, and only a regular file: a pipe put in its place must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    return unsealed(b"".join(chunks), _context(path))


def _context(path: Path) -> str:
    """What a cache file's seal binds it to: lofte's code, and the file's own name (its
    pledge, its language, index or data)."""
    return f"{code_fingerprint()}/{path.name}"


def dump_cache_file(path: Path, value: Any, folder: Path) -> None:
    """Write atomically; a cache that cannot be written is simply not kept. What stands in
    the way inside lofte's own folder (a file where the folder goes, a folder where a file
    goes) is taken away, so that a damaged cache is rebuilt rather than ignored forever."""
    with contextlib.suppress(OSError):
        _clear_way(folder, folder=True)
        folder.mkdir(parents=True, exist_ok=True)
        _keep_ignored(folder.parent)
        _clear_way(path, folder=False)
        _replace(path, sealed(value, _context(path)))


def file_system_now(root: Path, beside: Path) -> int | None:
    """The time the file system of `beside` gives a file written now (its own clock, at
    its own resolution), read from a file made and removed in lofte's cache folder; None
    when that folder cannot be written or is not on the same file system as `beside`."""
    base = root / CACHE_DIR
    with contextlib.suppress(OSError):
        base.mkdir(exist_ok=True)
        if base.is_symlink():  # never a file made where a planted link leads
            return None
        _keep_ignored(base)
        if os.stat(base).st_dev != os.stat(beside).st_dev:
            return None
        fd, name = tempfile.mkstemp(prefix=".clock-", dir=base)
        try:
            return os.fstat(fd).st_mtime_ns
        finally:
            os.close(fd)
            os.unlink(name)
    return None


def _keep_ignored(base: Path) -> None:
    """The cache folder's `.gitignore`, which keeps the cache out of git, is as lofte
    wrote it."""
    ignore = base / ".gitignore"
    with contextlib.suppress(OSError):
        if ignore.is_file() and not ignore.is_symlink() and ignore.read_bytes() == b"*\n":
            return
        _clear_way(ignore, folder=False)
        _replace(ignore, b"*\n")


def _clear_way(path: Path, *, folder: bool) -> None:
    """Remove what is at `path` inside the cache if it is not what goes there."""
    if path.is_symlink() or (path.exists() and path.is_dir() != folder):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def _replace(path: Path, data: bytes | str) -> None:
    """Write through a temporary file and a rename (a killed run leaves the old file); the
    file gets the mode of any new file, and a failed write leaves no temporary file."""
    from lofte_cli.write import new_file_mode

    fd, name = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(name, new_file_mode())
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
