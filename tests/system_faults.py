"""Failures of the operating system, injected where lofte meets the file system: the
lowest file functions it uses (open, os.open, os.fdopen, mkdir, rename, replace, link,
scandir) raise the `OSError` the system would, for the paths a test chooses. A disk
that fills up fails while a file is written (the open succeeds); the other errors come
when the file is opened, the folder made or the name changed, as they do for real."""

from __future__ import annotations

import builtins
import errno
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# The errors that come while the bytes are written, not when the file is opened.
WHILE_WRITING = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class _Failing:
    """A file opened for writing on a disk that is full: every write fails."""

    def __init__(self, stream: Any, code: int) -> None:
        self._stream, self._code = stream, code

    def _fail(self, *args: object, **kwargs: object) -> Any:
        raise OSError(self._code, os.strerror(self._code))

    write = writelines = _fail

    def __enter__(self) -> _Failing:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _writes(mode: str) -> bool:
    return any(flag in mode for flag in "wax+")


def inject(
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    *,
    reads: Callable[[Path], bool] = lambda path: False,
    writes: Callable[[Path], bool] = lambda path: False,
) -> None:
    """From now on, reading a path for which `reads` holds, and any change to a path for
    which `writes` holds (opening it for writing, making, renaming, linking or removing
    it), fails with the system error `code`."""
    real_open, real_os_open, real_fdopen = builtins.open, os.open, os.fdopen
    real = {name: getattr(os, name) for name in ("mkdir", "replace", "rename", "link", "symlink")}
    real_scandir = os.scandir
    doomed_fds: set[int] = set()

    def error(*names: object) -> OSError:
        shown = [os.fspath(n) if isinstance(n, str | Path) else n for n in names]
        return OSError(code, os.strerror(code), *shown[:1], None, *shown[1:2])

    def at(path: object) -> Path | None:
        return Path(os.path.abspath(path)) if isinstance(path, str | Path) else None

    def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        path = at(file)
        if path is not None:
            if _writes(mode) and writes(path):
                if code in WHILE_WRITING:
                    return _Failing(real_open(file, mode, *args, **kwargs), code)
                raise error(file)
            if not _writes(mode) and reads(path):
                raise error(file)
        return real_open(file, mode, *args, **kwargs)

    def fake_os_open(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        path = at(file)
        if path is not None:
            if flags & _WRITE_FLAGS and writes(path):
                if code not in WHILE_WRITING:
                    raise error(file)
                fd = real_os_open(file, flags, *args, **kwargs)
                doomed_fds.add(fd)
                return fd
            if not flags & _WRITE_FLAGS and reads(path):
                raise error(file)
        return real_os_open(file, flags, *args, **kwargs)

    def fake_fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        stream = real_fdopen(fd, mode, *args, **kwargs)
        if fd in doomed_fds and _writes(mode):
            doomed_fds.discard(fd)
            return _Failing(stream, code)
        return stream

    def changing(name: str) -> Callable[..., Any]:
        def fake(*args: Any, **kwargs: Any) -> Any:
            paths = [at(a) for a in args[:2]]
            # A full disk fails while bytes are written; a name changes without any.
            if code not in WHILE_WRITING and any(p is not None and writes(p) for p in paths):
                raise error(*args[:2])
            return real[name](*args, **kwargs)

        return fake

    def fake_scandir(path: Any = ".") -> Any:
        where = at(path)
        if where is not None and reads(where):
            raise error(path)
        return real_scandir(path)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)
    monkeypatch.setattr(os, "fdopen", fake_fdopen)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    for name in real:
        monkeypatch.setattr(os, name, changing(name))


def below(folder: Path) -> Callable[[Path], bool]:
    """Whether a path is `folder` or inside it."""
    base = Path(os.path.abspath(folder))
    return lambda path: path == base or base in path.parents
