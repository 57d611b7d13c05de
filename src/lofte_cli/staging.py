"""A folder of generated files replaced as one step: the new content is built in a hidden
folder beside the old one and swapped in by a rename, so that a failure part-way (a full
disk, Ctrl-C, an error in a template) leaves the old folder exactly as it was. Where the
file system cannot do that (the folder is a mount point, its parent cannot be written),
the new files are built in a hidden folder inside it and moved into place one by one.

A stage beside the folder may also be claimed rather than made: a folder the caller keeps
(the site a render replaced, see `lofte_cli.publish.spare`) moved to a stage's name, so
that what it already holds need not be written again; and the folder a swap replaced may
be handed to the caller instead of removed."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lofte_cli.errors import FileSystemError, file_error
from lofte_cli.write import new_folder_mode, signals_held

# Hidden names of the folders a publish is built in; a run killed with SIGKILL may leave
# one, which the next publish of the same folder removes (see `_remove_leftovers`).
BESIDE = ".{name}.lofte-new-{pid}-"
INSIDE = ".lofte-new-{pid}-"
_OLD = ".{name}.lofte-old-{pid}-"


@dataclass
class Stage:
    """Where a publish writes (`path`), and what becomes of the folder it replaces
    (`target`): swapped whole (`beside`), or its files moved in one by one."""

    target: Path
    path: Path
    beside: bool


@contextlib.contextmanager
def staged_folder(target: Path, *, claim: Callable[[Path], bool] | None = None) -> Iterator[Stage]:
    """Build the new content of `target` in the stage; when the block ends without an
    error, `publish` puts it in place. On any error (or Ctrl-C) the stage is removed and
    `target` is untouched. Where the stage can be beside `target`, `claim` is first asked
    to put a folder of its own at the stage's name (True when it did)."""
    target = Path(os.path.realpath(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise file_error(exc) from None
    _remove_leftovers(target)
    stage = _claimed_stage(target, claim) or _make_stage(target)
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage.path, ignore_errors=True)
        raise


def _claimed_stage(target: Path, claim: Callable[[Path], bool] | None) -> Stage | None:
    """The stage `claim` made, under a name only this run uses and `_remove_leftovers`
    knows (a run killed meanwhile leaves it for the next one to remove); None when there
    is no claim, it declined, or the stage cannot be beside `target`."""
    if claim is None or not _can_swap(target):
        return None
    prefix = BESIDE.format(name=target.name, pid=os.getpid())
    path = target.parent / f"{prefix}{secrets.token_hex(4)}"
    try:
        claimed = claim(path)
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    return Stage(target, path, beside=True) if claimed else None


def _make_stage(target: Path) -> Stage:
    """A new hidden folder beside `target` on the same file system; inside `target` when
    that cannot be (a mount point, a parent lofte may not write in, the current folder)."""
    if _can_swap(target):
        try:
            made = tempfile.mkdtemp(
                prefix=BESIDE.format(name=target.name, pid=os.getpid()), dir=target.parent
            )
            return Stage(target, Path(made), beside=True)
        except OSError:
            pass  # the parent refuses new folders: build inside the target instead
    try:
        target.mkdir(exist_ok=True)
        made = tempfile.mkdtemp(prefix=INSIDE.format(pid=os.getpid()), dir=target)
    except OSError as exc:
        raise file_error(exc, target) from None
    return Stage(target, Path(made), beside=False)


def _can_swap(target: Path) -> bool:
    if not target.exists():
        return True
    try:
        same_device = target.stat().st_dev == target.parent.stat().st_dev
    except OSError:
        return False
    here = Path(os.path.realpath(Path.cwd()))
    return same_device and target != here and target not in here.parents


def publish(
    stage: Stage,
    *,
    keep: Callable[[str], bool],
    remove: Iterable[str],
    last: str,
    claim: Callable[[], None],
    done: Callable[[], None],
    old: Callable[[Path], None] = lambda _folder: None,
) -> None:
    """Put the stage in place. Beside: first every file of the old folder that `keep`
    says is to stay (a person's CNAME, a page changed by hand) is linked into the stage,
    then the two are swapped, and the old folder is handed to `old` (which may move it
    away; what it leaves is removed). Inside: `claim` is called, then the stage's files are
    moved over the old ones, `last` (the manifest) last, and `remove` is taken away. `done`
    is called as soon as the new content is in place, before a Ctrl-C can stop the run, so
    that what the run says of an interruption is true."""
    try:
        if stage.beside:
            _publish_beside(stage, keep=keep, done=done, old=old)
        else:
            _publish_inside(stage, remove=remove, last=last, claim=claim, done=done)
    except OSError as exc:
        raise _named(exc, stage) from None


def _publish_beside(
    stage: Stage,
    *,
    keep: Callable[[str], bool],
    done: Callable[[], None],
    old: Callable[[Path], None],
) -> None:
    replaced = stage.target.exists()
    if replaced:
        _carry_over(stage.target, stage.path, keep)
    os.chmod(stage.path, _mode_of(stage.target))
    with signals_held():
        _swap(stage.path, stage.target)
        done()
    # The stage now holds the old site; a Ctrl-C while it is moved or removed leaves it
    # hidden beside the new one, for the next render to remove.
    if replaced:
        old(stage.path)
    shutil.rmtree(stage.path, ignore_errors=True)


def _publish_inside(
    stage: Stage,
    *,
    remove: Iterable[str],
    last: str,
    claim: Callable[[], None],
    done: Callable[[], None],
) -> None:
    with signals_held():
        claim()
        _move_in(stage, last=last)
        done()
        for name in remove:
            (stage.target / name).unlink(missing_ok=True)
        shutil.rmtree(stage.path, ignore_errors=True)
        _remove_empty_folders(stage.target, remove)


def _named(exc: OSError, stage: Stage) -> OSError | FileSystemError:
    """The error naming the file by where it is published, not by the hidden stage."""
    where = Path(os.fsdecode(exc.filename)) if isinstance(exc.filename, str | bytes) else None
    if where is not None and (where == stage.path or stage.path in where.parents):
        return file_error(exc, stage.target / where.relative_to(stage.path))
    return file_error(exc, where if where is not None else stage.target)


def _carry_over(old: Path, new: Path, keep: Callable[[str], bool]) -> None:
    """Link (or copy, where links are refused) what is to stay from `old` into `new`:
    files, links as links, the folders they are in (with their modes), and the empty
    folders a person made (a render leaves none of its own)."""
    for current, folders, files in os.walk(old):
        base = Path(current)
        relative = base.relative_to(old)
        prefix = "" if relative == Path(".") else f"{relative.as_posix()}/"
        for name in list(folders):
            if os.path.islink(os.path.join(current, name)):  # os.walk lists it as a folder
                folders.remove(name)
                files.append(name)
            elif relative == Path(".") and _leftover(name, INSIDE) is not None:
                folders.remove(name)
        if not folders and not files and relative != Path("."):
            _make_folders(old, new, relative)
        for name in files:
            rel = prefix + name
            if not keep(rel):  # most files: the new site has its own (checked first: fast)
                continue
            there = new / rel
            if not there.exists() and not there.is_symlink():
                _make_folders(old, new, relative)
                _copy_entry(base / name, there)


def _make_folders(old: Path, new: Path, relative: Path) -> None:
    """`relative` and the folders above it in `new`, each made with the mode it has in
    `old`."""
    for part in reversed([relative, *relative.parents][:-1]):
        made = new / part
        if not made.exists():
            made.mkdir()
            with contextlib.suppress(OSError):
                os.chmod(made, (old / part).stat().st_mode & 0o7777)


def _copy_entry(source: Path, destination: Path) -> None:
    if source.is_symlink():
        os.symlink(os.readlink(source), destination)
        return
    try:
        os.link(source, destination, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, destination, follow_symlinks=False)


def _mode_of(target: Path) -> int:
    """The mode the published folder keeps: the old folder's, or a new folder's."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return new_folder_mode()


def _swap(stage: Path, target: Path) -> None:
    """Put `stage` where `target` is: exchanged in one step where the system can
    (Linux's renameat2), else two renames with the old folder out of the way between."""
    if not target.exists():
        os.rename(stage, target)
        return
    if _exchange(stage, target):
        return
    old = Path(
        tempfile.mkdtemp(prefix=_OLD.format(name=target.name, pid=os.getpid()), dir=target.parent)
    )
    os.rmdir(old)
    os.rename(target, old)
    try:
        os.rename(stage, target)
    except BaseException:
        os.rename(old, target)
        raise
    os.rename(old, stage)  # the caller removes the stage, now the old folder


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically; False where the system or file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), ctypes.c_uint(_RENAME_EXCHANGE)
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _move_in(stage: Stage, *, last: str) -> None:
    """Move every file of the stage to its place in the target, folders first made, and
    `last` after all the others."""
    for current, _folders, files in os.walk(stage.path):
        base = Path(current)
        relative = base.relative_to(stage.path)
        (stage.target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            if (relative / name).as_posix() != last:
                os.replace(base / name, stage.target / relative / name)
    if (stage.path / last).exists():
        os.replace(stage.path / last, stage.target / last)


def _remove_empty_folders(target: Path, removed: Iterable[str]) -> None:
    folders = {p for name in removed for p in (target / name).parents if target in p.parents}
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty: something else lives there
            folder.rmdir()


def _remove_leftovers(target: Path) -> None:
    """Stages of runs that were killed before they could clean up: only lofte makes these
    names, and only those of processes no longer running are removed (a render running
    at the same time keeps its own)."""
    places = (
        (target.parent, BESIDE.format(name=target.name, pid="{pid}")),
        (target.parent, _OLD.format(name=target.name, pid="{pid}")),
        (target, INSIDE),
    )
    for folder, pattern in places:
        with contextlib.suppress(OSError):
            for entry in folder.iterdir():
                pid = _leftover(entry.name, pattern)
                if pid is not None and not _running(pid) and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)


def _leftover(name: str, pattern: str) -> int | None:
    """The process id in `name` when it is a stage's name after `pattern`, else None."""
    head, _pid, _tail = pattern.partition("{pid}")
    if not name.startswith(head):
        return None
    digits = name[len(head) :].split("-", 1)[0]
    return int(digits) if digits.isdigit() and len(digits) < 10 else None


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True
