"""Errors the core raises for the CLI to turn into one-line messages and exit codes."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from lofte_cli.i18n import N_, _, pgettext


class LofteError(Exception):
    """A problem the user can fix; the message says what and where."""

    exit_code = 1


class UsageError(LofteError):
    """The command was called wrongly or cannot find what it needs (exit 2)."""

    exit_code = 2


class DataRootNotFound(UsageError):
    """No data repository (a folder holding data/pledges/) was found."""


def id_list(ids: Iterable[str]) -> str:
    """Ids for a message, sorted and separated by commas; a word for none."""
    # TRANSLATORS: stands for an empty list of ids, as in "(known: none)".
    return ", ".join(sorted(ids)) or pgettext("no ids", "none")


# The system's words for what goes wrong with files, in the user's language (the system
# says them in English: Python does not take the locale's messages).
OS_ERRORS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EEXIST: N_("File exists"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.EDQUOT: N_("Disk quota exceeded"),
    errno.EFBIG: N_("File too large"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EMFILE: N_("Too many open files"),
    errno.ENFILE: N_("Too many open files in system"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.EIO: N_("Input/output error"),
    errno.EBUSY: N_("Device or resource busy"),
    errno.ENOTEMPTY: N_("Directory not empty"),
    errno.EXDEV: N_("Invalid cross-device link"),
    errno.ETXTBSY: N_("Text file busy"),
}


def system_reason(exc: OSError) -> str:
    """Why the system refused, in words: in the active language for the reasons above,
    else as the system says it."""
    if exc.errno in OS_ERRORS:
        return _(OS_ERRORS[exc.errno])
    return exc.strerror or str(exc) or type(exc).__name__


class FileSystemError(LofteError):
    """The system refused to read or write a file (a full disk, no permission, a file
    where a folder should be): one line naming the path and why, exit 1. `path` is None
    only where the system named no file; `line` is the message with `{path}` and
    `{reason}` to fill in, so that the command line can show the path as typed."""

    def __init__(self, path: Path | None, reason: str, line: str = "{path}: {reason}") -> None:
        self.path, self.reason, self.line = path, reason, line
        super().__init__(line.format(path=path, reason=reason) if path else reason)

    def __reduce__(self) -> tuple[type[FileSystemError], tuple[Path | None, str, str]]:
        # Raised in a worker process (a large render), it is pickled back to the parent.
        return (FileSystemError, (self.path, self.reason, self.line))


def file_error(
    exc: OSError, path: Path | str | None = None, *, creating: bool = False
) -> FileSystemError:
    """`exc` as a message naming `path`, or else the file the system named in `exc`;
    `creating` says that lofte was creating that file."""
    where = path if path is not None else exc.filename
    if isinstance(where, bytes):
        where = os.fsdecode(where)
    named = Path(where) if isinstance(where, str | Path) else None
    if creating:
        line = _("{path}: cannot create the file: {reason}")
        return FileSystemError(named, system_reason(exc), line=line)
    return FileSystemError(named, system_reason(exc))
