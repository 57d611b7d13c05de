"""The only place files are written: atomically (a temporary file, then a rename) and,
for new files, exclusively (never over an existing file, even under concurrent runs)."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import FrameType
from typing import Any

from lofte_cli.errors import FileSystemError, LofteError, file_error
from lofte_cli.i18n import _


def _temporary(path: Path, text: str) -> Path:
    """Write `text` to a hidden temporary file beside `path`, flushed to disk. Hidden (a
    leading dot) so that a run killed before the rename leaves nothing lofte would read."""
    make_folder(path.parent)
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
    """Replace (or create) `path` with `text`; readers see the old file or the new one.
    A failure of the system (a full disk, no permission) is a `FileSystemError` naming
    `path`, and leaves the old file as it was."""
    try:
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
    except FileSystemError:
        raise
    except OSError as exc:
        raise file_error(exc, path) from None
    _sync_folder(path.parent)


def make_folder(folder: Path) -> None:
    """`folder` and its parents, made where missing; a file in the way is named."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file where a folder should be
        raise file_error(OSError(errno.ENOTDIR, "Not a directory"), exc.filename) from None
    except OSError as exc:
        raise file_error(exc, folder if exc.filename is None else None) from None


def create_exclusive(path: Path, text: str) -> bool:
    """Create `path` holding `text` unless it exists; False when it does. The file appears
    whole (a hard link of a finished temporary file), never half written."""
    try:
        temporary = _temporary(path, text)
    except (OSError, FileSystemError) as exc:
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


def _cannot_create(path: Path, exc: OSError | FileSystemError) -> FileSystemError:
    if isinstance(exc, FileSystemError):
        return FileSystemError(path, exc.reason, line=_("{path}: cannot create the file: {reason}"))
    return file_error(exc, path, creating=True)


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
    make_folder(folder)
    ignore = root / ".lofte-cache" / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, "*\n")
    try:
        handle = open(lock, "a")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise file_error(exc) from None
    with handle:
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
    """`write_all` for files below one folder, by their paths relative to it; returns
    each file's SHA-256 by that relative path."""
    write_all({folder / relative: text for relative, text in files.items()})
    return {
        relative: hashlib.sha256(text if isinstance(text, bytes) else text.encode()).hexdigest()
        for relative, text in files.items()
    }


def write_all(files: Mapping[Path, str | bytes]) -> None:
    """Write a few generated files (a report, an export's two tables), all or nothing:
    each is first written whole to a temporary file beside its place, and only when all
    are written are they renamed into place, so that a failure (a full disk, Ctrl-C)
    leaves every earlier file as it was."""
    ready: list[tuple[Path, Path]] = []
    try:
        for path, text in files.items():
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            ready.append((_temporary_bytes(path, data), path))
        with signals_held():  # the renames take a moment; all of them, or none
            for temporary, path in ready:
                try:
                    os.replace(temporary, path)
                except OSError as exc:
                    raise file_error(exc, path) from None
    finally:
        for temporary, _path in ready:
            temporary.unlink(missing_ok=True)


def _temporary_bytes(path: Path, data: bytes) -> Path:
    """`data` in a hidden temporary file beside `path`, created exclusively under a name
    no one can guess (a link planted where it goes is never followed: mkstemp opens with
    O_EXCL), with the mode of a new file."""
    make_folder(path.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise file_error(exc, path) from None
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, new_file_mode())
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise file_error(exc, path) from None
        raise
    return temporary


def write_new_files(
    folder: Path, files: Mapping[str, str | bytes], *, named: Path
) -> dict[str, str]:
    """Write generated files into `folder`, a new folder only this run writes in (the
    stage of a publish), so each is simply created; an error names the file by where it
    is published (`named`), not by the hidden stage. Returns each file's SHA-256."""
    written: dict[str, str] = {}
    made: set[Path] = set()
    for relative, text in files.items():
        path = folder / relative
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        try:
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            with open(path, "xb") as stream:
                stream.write(data)
        except OSError as exc:
            raise file_error(exc, named / relative) from None
        written[relative] = hashlib.sha256(data).hexdigest()
    return written


def new_file_mode() -> int:
    """The mode an ordinary new file gets here (0o644 under the usual umask 022);
    `tempfile.mkstemp` makes its files 0o600, which would hide them from others."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def new_folder_mode() -> int:
    """The mode an ordinary new folder gets here (0o755 under the usual umask 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM are held off while the block runs: renames that must all happen
    or none (a folder swapped in, an export's two tables), which take a moment. What the
    block does then stands, so a signal that came meanwhile is let go: what it would have
    stopped is done. Only the main thread can hold signals; elsewhere the block just runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def hold(signum: int, _frame: FrameType | None) -> None:
        return None

    previous: dict[signal.Signals, Any] = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        previous[signum] = signal.signal(signum, hold)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
