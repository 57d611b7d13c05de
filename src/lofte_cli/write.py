"""The only place files are written: atomically (a temporary file, then a rename) and,
for new files, exclusively (never over an existing file, even under concurrent runs)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from lofte_cli.errors import LofteError
from lofte_cli.i18n import _


def _temporary(path: Path, text: str) -> Path:
    """Write `text` to a hidden temporary file beside `path`, flushed to disk. Hidden (a
    leading dot) so that a run killed before the rename leaves nothing lofte would read."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_atomic(path: Path, text: str) -> None:
    """Replace (or create) `path` with `text`; readers see the old file or the new one."""
    temporary = _temporary(path, text)
    try:
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, new_file_mode())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def create_exclusive(path: Path, text: str) -> bool:
    """Create `path` holding `text` unless it exists; False when it does. The file appears
    whole (a hard link of a finished temporary file), never half written."""
    try:
        temporary = _temporary(path, text)
    except OSError as exc:
        raise _cannot_create(path, exc) from None
    try:
        os.chmod(temporary, new_file_mode())
        os.link(temporary, path)
    except FileExistsError:
        return False
    except OSError as exc:
        raise _cannot_create(path, exc) from None
    finally:
        temporary.unlink(missing_ok=True)
    _sync_folder(path.parent)
    return True


def create_first_free(name_for: Callable[[int], Path], text_for: Callable[[Path], str]) -> Path:
    """Create the first of name_for(1), name_for(2) … that does not exist yet."""
    for attempt in range(1, 10_000):
        path = name_for(attempt)
        if path.exists():
            continue
        if create_exclusive(path, text_for(path)):
            return path
    raise LofteError(_("{path}: too many files with this name").format(path=name_for(1)))


def _cannot_create(path: Path, exc: OSError) -> LofteError:
    reason = exc.strerror or str(exc)
    return LofteError(
        _("{path}: cannot create the file: {reason}").format(path=path, reason=reason)
    )


def data_file_lock(root: Path, path: Path) -> str:
    """The name of the lock for a read-change-write of the data file `path`: one name per
    file, whichever command changes it (assess and fmt)."""
    relative = Path(os.path.relpath(path, root)).with_suffix("")
    return "-".join(
        relative.parts[2:]
    )  # data/pledges/<id>/followups/<date> → <id>-followups-<date>


@contextlib.contextmanager
def exclusive_lock(root: Path, name: str) -> Iterator[None]:
    """Hold an exclusive lock named `name` for a read-change-write of one data file. The
    lock file lives in the (git-ignored) cache folder, not beside the data. Where the
    system has no `fcntl` (Windows), writes are still atomic, only not serialised."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover
        yield
        return
    folder = root / ".lofte-cache" / "locks"
    lock = folder / f"{name}.lock"
    _clear_lock_way(folder, lock)
    folder.mkdir(parents=True, exist_ok=True)
    ignore = root / ".lofte-cache" / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, "*\n")
    with open(lock, "a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _clear_lock_way(folder: Path, lock: Path) -> None:
    """The locks are lofte's own, in its cache: a file where their folder goes, or a folder
    where a lock goes, is damage to the cache and is taken away."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()
    if lock.is_dir() and not lock.is_symlink():
        shutil.rmtree(lock)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> dict[str, str]:
    """Write generated files (a site, a report) below `folder`, each through a temporary
    file and a rename, so a reader never sees half a page; not flushed to disk one by one,
    since they can be generated again. Returns each file's SHA-256 by its relative path,
    which is how a later run knows the file is still the one lofte wrote."""
    written: dict[str, str] = {}
    made: set[Path] = set()
    for relative, text in files.items():
        path = folder / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        # Created exclusively under a name no one can guess: a link planted where the
        # temporary file goes is never followed (mkstemp opens with O_EXCL).
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        temporary = Path(name)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, new_file_mode())
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        written[relative] = hashlib.sha256(data).hexdigest()
    return written


def new_file_mode() -> int:
    """The mode an ordinary new file gets here (0o644 under the usual umask 022);
    `tempfile.mkstemp` makes its files 0o600, which would hide them from others."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
