"""From a data root to a `Catalog`: find the data files, parse them, check each against its
schema, and build the model from the ones that pass. Problems come back as values."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lofte_cli.data.cache import (
    RACY_NS,
    PledgeCache,
    Signature,
    StoredProblem,
    content_hash,
    context_suffix,
    file_system_now,
    prune,
    restore_problems,
    result_key,
    store_problems,
)
from lofte_cli.data.document import Document
from lofte_cli.data.file_check import read_and_check
from lofte_cli.data.finder import DataFile, find_data_files
from lofte_cli.data.folder_note import FolderNote, folder_signature, read_folder_note
from lofte_cli.data.model import (
    Activity,
    Catalog,
    Followup,
    Pledge,
    PledgeData,
    build_activity,
    build_followup,
    build_pledge,
)
from lofte_cli.data.problem import Problem
from lofte_cli.data.schema import Kind
from lofte_cli.i18n import active_language, speaking
from lofte_cli.paths import PLEDGES_DIR

# Fewer files than this are checked in this process: starting workers costs more.
_PARALLEL_FROM = 200


@dataclass
class LoadResult:
    """The catalog of what loaded, every problem the files have on their own, the files
    read, and per pledge folder its cache state (for validate's rule cache)."""

    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    folders: dict[str, PledgeFiles] = field(default_factory=dict)
    complete: Callable[[str], PledgeData | None] = lambda key: None

    def full(self, key: str) -> PledgeData:
        """A pledge with all its activities and follow-ups, also when it was left out."""
        data = self.catalog.pledges[key]
        if data.activities or data.followups:
            return data
        return self.complete(key) or data


def load_catalog(
    root: Path, *, use_cache: bool = True, only_changed: bool = False, jobs: int | None = None
) -> LoadResult:
    """Read every data file below `root` into a catalog; see `LoadResult`.

    Files are checked in worker processes when there are many, and what the checks found
    is kept in the cache (see `cache`), so that unchanged files cost a `stat`. With
    `only_changed`, pledges whose files all came from the cache get no activities or
    follow-ups in the catalog (validate reuses their rule results instead)."""
    files, problems = find_data_files(root)
    return load_files(
        root, files, problems, use_cache=use_cache, only_changed=only_changed, jobs=jobs
    )


@dataclass
class PledgeFiles:
    """One pledge folder's files as loaded: their cache, and whether all came from it."""

    cache: PledgeCache
    keys: list[tuple[str, str]] = field(default_factory=list)  # (file, result key)
    all_cached: bool = True
    # Each file's modification time (ns) as the check saw it: where git does not date a
    # file, its pages show this day, so a render knows it changed without a second stat.
    mtimes: dict[str, int] = field(default_factory=dict)
    unkeyed: bool = False  # a file could not be read to its end: it has no result key
    # The folder's signature (see `folder_note`), None when it cannot be trusted; its
    # note when the folder signs as the note says (with `only_changed`, the folder is
    # then taken from it); and what a new note would hold.
    signature: str | None = None
    note: FolderNote | None = None
    stored: list[StoredProblem] = field(default_factory=list)
    pledge: tuple[str, dict[str, Any]] | None = None

    def noted(self, rules: tuple[str, list[StoredProblem]]) -> FolderNote | None:
        """The note on the folder with these rules' problems; None when there is nothing
        to note (no trusted signature, a file without a key, a pledge that did not load)."""
        if self.signature is None or self.unkeyed:
            return None
        if self.note is not None:
            return dataclasses.replace(self.note, rules=rules)
        if self.pledge is None:
            return None
        return FolderNote(list(self.keys), dict(self.mtimes), self.stored, self.pledge, rules)


def load_files(
    root: Path,
    files: Iterable[DataFile],
    problems: list[Problem],
    *,
    use_cache: bool = False,
    only_changed: bool = False,
    jobs: int | None = None,
    folder_notes: bool = True,
) -> LoadResult:
    """Check `files` (each on its own) and build the model from what they hold. With the
    cache, a folder whose files sign as its note says is taken from the note; without
    `folder_notes` (`files` are only some of each folder's: `validate PATH`, as
    pre-commit runs it), no note is read or made, lest the whole folders' notes give
    way to ones of their parts."""
    files = list(files)
    result = LoadResult(Catalog(root, {}), problems, [f.location for f in files])
    by_pledge: dict[str, list[DataFile]] = {}
    for f in files:
        by_pledge.setdefault(f.pledge_id, []).append(f)
    folders = {key: PledgeFiles(PledgeCache(root, key, enabled=use_cache)) for key in by_pledge}
    stats = _stats(files) if use_cache else {}
    folder_notes = folder_notes and use_cache
    since = _trusted_before(root) if folder_notes else 0
    quick: set[str] = set()
    for key, mine in by_pledge.items():
        state = folders[key]
        state.signature = _signature_of(mine, stats, since) if folder_notes else None
        note = read_folder_note(root, key, state.signature) if state.signature else None
        if note is None or note.pledge is None:
            continue
        state.note = note  # as the folder is now, so its rules need not be noted again
        if only_changed:
            state.keys, state.mtimes = list(note.keys), dict(note.mtimes)
            quick.add(key)
    rest = [f for f in files if f.pledge_id not in quick]
    checked = _check_all(root, rest, folders, jobs=jobs, stats=stats)
    for f in files:
        note = folders[f.pledge_id].note
        if f.pledge_id not in quick:
            result.problems.extend(checked[f.location].problems)
        elif note is not None and note.pledge is not None and f.kind == "pledge":
            checked[f.location] = _Checked([], note.pledge[1])
            result.problems.extend(restore_problems(note.problems, _folder_of(f)))
    _keep_for_note(rest, checked, folders)
    result.folders = folders
    skip = {key for key, state in folders.items() if only_changed and state.all_cached}
    result.catalog.pledges.update(_assemble(files, checked, skip))

    def complete(key: str) -> PledgeData | None:
        mine = by_pledge.get(key, [])
        if key not in quick:
            return _assemble(mine, checked, set()).get(key)
        fresh = {key: PledgeFiles(PledgeCache(root, key, enabled=use_cache))}
        found = _check_all(root, mine, fresh, jobs=1, stats=stats)
        fresh[key].cache.save()
        return _assemble(mine, found, set()).get(key)

    result.complete = complete
    for key, state in folders.items():
        if key not in quick:
            state.cache.keep_only({rel for rel, _ in state.keys})
            state.cache.save()
    if use_cache:
        prune(root)
    return result


def _stats(files: list[DataFile]) -> dict[str, Signature]:
    """Each file's signature (modification time, size, inode), taken once per run."""
    found: dict[str, Signature] = {}
    for f in files:
        try:
            info = os.stat(f.location)
        except OSError:
            continue
        found[f.location] = (info.st_mtime_ns, info.st_size, info.st_ino)
    return found


def _trusted_before(root: Path) -> int:
    """A file whose modification time is before this was not changed during the run, and
    cannot be written again keeping its time: older than the file system's own clock (see
    `tree_note`) and, as the cache's own entries (`cache.PledgeCache.lookup`), than any
    clock's step."""
    pledges = root / PLEDGES_DIR
    since = time.time_ns() - RACY_NS
    clock = file_system_now(root, pledges) if pledges.is_dir() else None
    return since if clock is None else min(since, clock)


def _signature_of(files: list[DataFile], stats: dict[str, Signature], since: int) -> str | None:
    signed: list[tuple[str, Signature]] = []
    for f in files:
        sig = stats.get(f.location)
        if f.link or sig is None or sig[0] >= since:
            return None
        signed.append((f.relative, sig))
    return folder_signature(signed)


def _folder_of(f: DataFile) -> Path:
    """The pledge folder a data file is in (the folder's note names files from there)."""
    return Path(f.location[: -len(f.relative)])


def _keep_for_note(
    files: list[DataFile], checked: dict[str, _Checked], folders: dict[str, PledgeFiles]
) -> None:
    """What a folder's note holds beside its keys: its files' problems and its pledge."""
    for f in files:
        state = folders[f.pledge_id]
        if state.signature is None:
            continue
        found = checked[f.location]
        state.stored += store_problems(found.problems, _folder_of(f))
        if f.kind == "pledge":
            key = next((k for rel, k in state.keys if rel == f.relative), None)
            values = found.values()
            state.pledge = (key, values) if key and isinstance(values, dict) else None


@dataclass(slots=True)
class _Checked:
    """A file's problems, and a way to its data (from the checks, or from the cache).
    Made for each of 100,000 files on every run: slots, not frozen (a frozen dataclass
    sets each field through object.__setattr__)."""

    problems: list[Problem]
    data: Any
    cache: PledgeCache | None = None
    key: str | None = None
    file: DataFile | None = None
    contacts: tuple[str, ...] = ()

    def values(self) -> Any:
        if self.cache is None or not self.key:
            return self.data
        found = self.cache.data(self.key)
        if found is None and self.file is not None:
            # The cache lost them (or the file has none): the file says what it holds.
            found = read_and_check((self.file.kind, self.file.path, self.contacts))[1].data
            self.cache.put_data(self.key, found)
        return found


def _check_all(
    root: Path,
    files: list[DataFile],
    folders: dict[str, PledgeFiles],
    *,
    jobs: int | None,
    stats: dict[str, Signature],
) -> dict[str, _Checked]:
    """Pledges first (their contacts are needed for the rest), then everything else."""
    checked: dict[str, _Checked] = {}
    pledges = [f for f in files if f.kind == "pledge"]
    checked.update(_check_some(pledges, folders, {}, jobs=1, stats=stats))
    contacts = {
        f.pledge_id: tuple((checked[f.location].values() or {}).get("contacts") or ())
        for f in pledges
    }
    rest = [f for f in files if f.kind != "pledge"]
    checked.update(_check_some(rest, folders, contacts, jobs=jobs, stats=stats))
    return checked


def _check_some(
    files: list[DataFile],
    folders: dict[str, PledgeFiles],
    contacts: dict[str, tuple[str, ...]],
    *,
    jobs: int | None,
    stats: dict[str, Signature],
) -> dict[str, _Checked]:
    checked: dict[str, _Checked] = {}
    missing: list[tuple[DataFile, tuple[str, ...]]] = []
    for f in files:
        state = folders[f.pledge_id]
        theirs = contacts.get(f.pledge_id, ())
        suffix = context_suffix(f.kind, theirs)
        hit = _cached(state, f.relative, f, theirs, suffix, stats.get(f.location))
        if hit is None:
            missing.append((f, theirs))
            state.all_cached = False
        else:
            checked[f.location] = hit
    tasks = [(f.kind, f.path, theirs) for f, theirs in missing]
    for (f, theirs), (_path, found, signed) in zip(missing, _run(tasks, jobs), strict=True):
        state = folders[f.pledge_id]
        checked[f.location] = _Checked(list(found.problems), found.data)
        if signed is not None:
            sig, content = signed
            key = result_key(content, f.kind, theirs)
            state.keys.append((f.relative, key))
            state.mtimes[f.relative] = sig[0]
            state.cache.put(
                f.relative,
                sig,
                key,
                found.data,
                store_problems(list(found.problems), f.path.parent),
            )
        else:
            state.unkeyed = True
    return checked


def _cached(
    state: PledgeFiles,
    relative: str,
    f: DataFile,
    contacts: tuple[str, ...],
    suffix: str,
    sig: Signature | None,
) -> _Checked | None:
    """The file's problems as the cache has them, when its signature `sig` is unchanged
    and they were found under the same context (`suffix`: see `cache.context_suffix`)."""
    if not state.cache.enabled or sig is None:
        return None
    hit = state.cache.lookup(relative, sig)
    if hit is None or not hit[0].endswith(suffix):
        return None
    key, stored, racy = hit
    if racy and not _same_content(f.path, key):
        return None
    state.keys.append((relative, key))
    state.mtimes[relative] = sig[0]
    problems = restore_problems(stored, f.path.parent) if stored else []
    return _Checked(problems, None, state.cache, key, f, contacts)


def _same_content(path: Path, key: str) -> bool:
    try:
        return key.startswith(content_hash(path.read_bytes()) + "-")
    except OSError:
        return False


def _run(tasks: list[tuple[Kind, Path, tuple[str, ...]]], jobs: int | None) -> list[Any]:
    """Check files, in worker processes when there are enough to pay for starting them."""
    workers = jobs or int(os.environ.get("LOFTE_JOBS", 0)) or os.cpu_count() or 1
    if workers <= 1 or len(tasks) < _PARALLEL_FROM:
        return [read_and_check(task) for task in tasks]
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_speak, initargs=(active_language(),)
    ) as pool:
        return list(pool.map(read_and_check, tasks, chunksize=64))


def _speak(language: str) -> None:
    """A worker's messages in the language of the run, also where workers are started
    afresh rather than forked (macOS, Windows). For the worker's life: the block is kept
    open, as leaving it (even by its being collected) would restore the language."""
    _WORKER_LANGUAGE.enter_context(speaking(language))


_WORKER_LANGUAGE = contextlib.ExitStack()


def _assemble(
    files: list[DataFile], checked: dict[str, _Checked], skip: set[str]
) -> dict[str, PledgeData]:
    pledges: dict[str, Pledge] = {}
    for f in files:
        if f.kind == "pledge" and (data := checked[f.location].values()) is not None:
            pledges[f.pledge_id] = build_pledge(Document(f.location, data))
    activities: dict[str, list[Activity]] = {pid: [] for pid in pledges}
    followups: dict[str, list[Followup]] = {pid: [] for pid in pledges}
    for f in files:
        pledge = pledges.get(f.pledge_id)
        if pledge is None or f.pledge_id in skip or f.kind == "pledge":
            continue  # a pledge that did not load says why in its own problems
        data = checked[f.location].values()
        if data is None:
            continue
        if f.kind == "activity":
            activities[f.pledge_id].append(build_activity(Document(f.location, data), pledge))
        else:
            followups[f.pledge_id].append(build_followup(Document(f.location, data)))
    return {
        pid: PledgeData(pledge, tuple(activities[pid]), tuple(followups[pid]))
        for pid, pledge in pledges.items()
    }
