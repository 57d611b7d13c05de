"""The spare: the site a render replaced, kept in the cache instead of removed, so that the
next render into the same folder starts from it rather than from an empty folder.

Every page a render takes over from the site before it is a hard link to the same file, so
the site it replaces holds those very files too. The next render claims that folder (a
rename to a stage's name of its own: two renders never share one), removes from it all
but the pages it takes over that are still the very file published (same inode), links
the few it lacks, writes its new pages, and swaps it in: about as many operations as pages
changed, where building from an empty folder costs one link per page.

A spare is only a hint, like the rest of the cache. It is used when its note (the names
the render after it wrote anew, and a random token also in the spare folder's name) is
sealed, of its shape, and names that folder; and then only the files that are the very
file of the published site are kept. Anything else is removed and made as without a spare.
The note and the spare live in `.lofte-cache/<code>/`, named by the output folder, and are
used only where that is on the file system of the site and hard links work there; a
render with `--no-cache` removes them (after it no page is shared any more, so the spare
would be dead weight)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lofte_cli.data.cache import CACHE_DIR, code_fingerprint, dump_cache_file, load_cache_file
from lofte_cli.publish.output_target import SITE_MANIFEST
from lofte_cli.write import new_folder_mode

_TOKEN = re.compile(r"[0-9a-f]{16}")


@dataclass
class Spare:
    """The spare of renders into one folder: the one noted (`token`), which pages of the
    claimed one are kept (`shared`), and whether the replaced site became the next one."""

    folder: Path  # the cache folder the spare and its note are in
    name: str  # the output folder's hash, as in the render note's name
    published: Path  # the site folder, every link on the way followed (as staged)
    taken: frozenset[str]  # the pages this render takes over from the published site
    enabled: bool
    token: str | None = None
    differs: frozenset[str] = frozenset()
    shared: set[str] = field(default_factory=set)
    kept: bool = False

    @property
    def note(self) -> Path:
        return self.folder / f"spare-{self.name}.json"

    def path(self, token: str) -> Path:
        return self.folder / f"spare-{self.name}-{token}"

    def claim(self, stage: Path) -> bool:
        """Move the spare to `stage` and leave in it only the pages this render takes over
        that are the very file published; False (and no spare left) when there is none,
        it cannot be moved (another render took it, another file system), or it cannot
        be cleared."""
        if self.token is None:
            return False
        source = self.path(self.token)
        self.token = None  # one claim only
        with contextlib.suppress(OSError):
            self.note.unlink()  # the spare it names is about to be gone
        if not self.taken or not _is_folder(source):
            _remove(source)
            return False
        try:
            os.rename(source, stage)
        except OSError:
            _remove(source)
            return False
        try:
            self.shared = _clear(stage, self.published, self.taken - self.differs)
        except OSError:
            shutil.rmtree(stage, ignore_errors=True)  # what stays is a stage's leftover
            self.shared = set()
            return False
        return True

    def to_link(self, taken: Iterable[str]) -> list[str]:
        """The pages taken over that the claimed spare does not already hold."""
        return [name for name in taken if name not in self.shared]

    def keep(self, old: Path, *, differs: Iterable[str]) -> None:
        """After the swap: make the replaced site (`old`) the next spare, noting the pages
        this render wrote anew (all others of the published site are the same files).
        Left to the caller to remove where it would share no page, or cannot be kept."""
        if not self.enabled or not self.taken:
            return
        token = secrets.token_hex(8)
        if not _links_work(old / SITE_MANIFEST, self.folder / f".link-{token}"):
            return
        try:
            os.rename(old, self.path(token))
        except OSError:
            return  # another file system, or the cache cannot be written
        self.kept = True
        self._write_note(token, differs)

    def make(self, out: Path, pages: Iterable[str], *, beside: bool) -> None:
        """Where no replaced site became the spare (a first render, or one that took over
        nothing), make one of hard links to the pages just published."""
        if not self.enabled or self.kept or not beside:
            return
        token = secrets.token_hex(8)
        target = self.path(token)
        try:
            if os.stat(out).st_dev != os.stat(self.folder).st_dev:
                return
            _link_tree(out, target, pages)
        except OSError:
            shutil.rmtree(target, ignore_errors=True)
            return
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        self._write_note(token, ())

    def _write_note(self, token: str, differs: Iterable[str]) -> None:
        dump_cache_file(self.note, {"token": token, "differs": sorted(differs)}, self.folder)


def open_spare(root: Path, out: Path, *, taken: Iterable[str], enabled: bool) -> Spare:
    """The spare of renders into `out` from the data repository at `root`; spares that do
    not belong to the note (a run stopped between the two, two runs at once) are removed,
    and with `enabled` False all of them and the note."""
    # The hash the render notes are named by (see `reuse.note_folder`).
    name = hashlib.blake2b(os.path.abspath(out).encode(), digest_size=8).hexdigest()
    folder = root / CACHE_DIR / code_fingerprint()
    published = Path(os.path.realpath(out))
    spare = Spare(folder, name, published, frozenset(taken), enabled)
    if not (_is_folder(folder.parent) and _is_folder(folder)):
        spare.enabled = False  # no cache yet, or a link planted in its place: no spare
        return spare
    if enabled:
        spare.token, spare.differs = _read_note(spare.note)
    else:
        with contextlib.suppress(OSError):
            spare.note.unlink()
    ours = f"spare-{name}-"
    with contextlib.suppress(OSError):
        for entry in spare.folder.iterdir():
            if entry.name.startswith(ours) and entry.name != f"{ours}{spare.token}":
                _remove(entry)
    return spare


def _read_note(note: Path) -> tuple[str | None, frozenset[str]]:
    """The token and the names written anew, from a sealed note of the right shape."""
    body = load_cache_file(note)
    if type(body) is not dict:
        return None, frozenset()
    token, differs = body.get("token"), body.get("differs")
    if type(token) is not str or not _TOKEN.fullmatch(token) or type(differs) is not list:
        return None, frozenset()
    if not all(type(name) is str for name in differs):
        return None, frozenset()
    return token, frozenset(differs)


def _clear(stage: Path, published: Path, candidates: frozenset[str]) -> set[str]:
    """Remove from `stage` every entry but the `candidates` that are the very file (same
    inode, a regular file) at their place in `published`, and the folders left empty;
    returns the names kept."""
    kept: set[str] = set()
    device = os.lstat(stage).st_dev
    _clear_folder(str(stage), str(published), "", candidates, kept, device)
    return kept


def _clear_folder(
    here: str, there: str, prefix: str, candidates: frozenset[str], kept: set[str], device: int
) -> bool:
    """Clear one folder of the stage (see `_clear`); True when nothing is left in it."""
    inodes = _inodes(there, device)
    empty = True
    with os.scandir(here) as listing:
        entries = list(listing)  # listed first: removing while listing may skip entries
    for entry in entries:
        name = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            sub = os.path.join(there, entry.name)
            if _clear_folder(entry.path, sub, f"{name}/", candidates, kept, device):
                os.rmdir(entry.path)
                continue
            empty = False
            # As the render without a spare makes its folders (not as a render before this
            # one left them).
            mode = entry.stat(follow_symlinks=False).st_mode
            wanted = new_folder_mode() | (mode & stat.S_ISGID)
            if mode & 0o7777 != wanted:
                os.chmod(entry.path, wanted)
        elif (
            name in candidates
            and entry.is_file(follow_symlinks=False)
            and inodes.get(entry.name) == entry.inode()
        ):
            kept.add(name)
            empty = False
        else:
            os.unlink(entry.path)
    return empty


def _inodes(folder: str, device: int) -> dict[str, int]:
    """The inodes of the regular files in a folder of the published site; none when it is
    not a folder of the stage's file system (a link, a mount point: an inode number there
    would say nothing)."""
    try:
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode) or info.st_dev != device:
            return {}
        with os.scandir(folder) as listing:
            return {e.name: e.inode() for e in listing if e.is_file(follow_symlinks=False)}
    except OSError:
        return {}


def _link_tree(out: Path, target: Path, pages: Iterable[str]) -> None:
    """`target` made with a hard link to each of `pages` in `out` (what is no regular
    file there any more is linked as it is, and left out by the claim)."""
    target.mkdir()
    made = {str(target)}
    for name in pages:
        source = os.path.join(out, name)
        path = os.path.join(target, name)
        parent = os.path.dirname(path)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        os.link(source, path, follow_symlinks=False)


def _links_work(source: Path, probe: Path) -> bool:
    """Whether a hard link to `source` can be made at `probe` (same file system, and one
    that has them); the probe is removed again."""
    try:
        os.link(source, probe, follow_symlinks=False)
    except OSError:
        return False
    with contextlib.suppress(OSError):
        probe.unlink()
    return True


def _is_folder(path: Path) -> bool:
    """A folder, not a link to one (a link planted in the cache leads nowhere lofte
    writes)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _remove(path: Path) -> None:
    if _is_folder(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()
