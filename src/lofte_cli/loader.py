"""From a data root to a `Catalog`: find the data files, parse them, check each against its
schema, and build the model from the ones that pass. Problems come back as values."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lofte_cli.cache import (
    PledgeCache,
    content_hash,
    prune,
    restore_problems,
    result_key,
    same_context,
    signature,
    store_problems,
)
from lofte_cli.errors import LofteError
from lofte_cli.file_check import read_and_check
from lofte_cli.model import (
    Activity,
    Catalog,
    Followup,
    Pledge,
    PledgeData,
    build_activity,
    build_followup,
    build_pledge,
)
from lofte_cli.paths import PLEDGES_DIR
from lofte_cli.problem import Problem, problem
from lofte_cli.schema import Kind
from lofte_cli.yaml_io import Document

_YAML_SUFFIXES = (".yaml", ".yml")
# Fewer files than this are checked in this process: starting workers costs more.
_PARALLEL_FROM = 200


@dataclass(frozen=True)
class DataFile:
    """A file the data layout says is a pledge, an activity or a follow-up."""

    path: Path
    kind: Kind
    pledge_id: str


@dataclass
class LoadResult:
    """The catalog of what loaded, every problem the files have on their own, the files
    read, and per pledge folder its cache state (for validate's rule cache)."""

    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    folders: dict[str, PledgeFiles] = field(default_factory=dict)
    complete: Callable[[str], PledgeData | None] = lambda key: None

    def full(self, key: str) -> PledgeData:
        """A pledge with all its activities and follow-ups, also when it was left out."""
        data = self.catalog.pledges[key]
        if data.activities or data.followups:
            return data
        return self.complete(key) or data


def find_data_files(root: Path) -> tuple[list[DataFile], list[Problem]]:
    """The data files below `root`, in a stable order, and files that are out of place."""
    found: list[DataFile] = []
    misplaced: list[Problem] = []
    pledges_dir = root / PLEDGES_DIR
    try:
        entries = _visible(pledges_dir)
    except FolderUnreadable as exc:
        raise LofteError(f"{exc.folder}: cannot read the folder ({exc.reason})") from None
    for entry in entries:
        if not entry.is_dir():
            misplaced.extend(
                _misplaced(
                    entry, "put each pledge in its own folder: data/pledges/<id>/pledge.yaml"
                )
            )
            continue
        try:
            found.extend(_pledge_files(entry, misplaced))
        except FolderUnreadable as exc:
            misplaced.append(problem("L101", exc.folder, f"cannot read the folder ({exc.reason})"))
    return found, misplaced


def _pledge_files(folder: Path, misplaced: list[Problem]) -> list[DataFile]:
    pledge_id = folder.name
    files: list[DataFile] = []
    if (folder / "pledge.yaml").is_file():
        files.append(DataFile(folder / "pledge.yaml", "pledge", pledge_id))
    else:
        misplaced.append(problem("L120", folder, "pledge folder without a pledge.yaml"))
    for entry in _visible(folder):
        if entry.name == "pledge.yaml":
            continue
        if entry.is_dir() and entry.name in ("activities", "followups"):
            kind: Kind = "activity" if entry.name == "activities" else "followup"
            try:
                listed = _visible(entry)
            except FolderUnreadable as exc:
                misplaced.append(
                    problem("L101", exc.folder, f"cannot read the folder ({exc.reason})")
                )
                continue
            for path in listed:
                if path.is_file() and path.suffix == ".yaml":
                    files.append(DataFile(path, kind, pledge_id))
                else:
                    misplaced.extend(_misplaced(path, f"{entry.name}/ holds <name>.yaml files"))
        else:
            misplaced.extend(
                _misplaced(entry, "a pledge folder holds pledge.yaml, activities/ and followups/")
            )
    return files


class FolderUnreadable(Exception):
    """A folder lofte cannot list; reported as a problem of that folder."""

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(reason)
        self.folder, self.reason = folder, reason


def _visible(folder: Path) -> list[Path]:
    """Entries of a folder in name order, without hidden ones (editors' and lofte's own
    temporary files start with a dot)."""
    if not folder.is_dir():
        return []
    try:
        return sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    except OSError as exc:
        raise FolderUnreadable(folder, exc.strerror or str(exc)) from None


def _misplaced(path: Path, where: str) -> list[Problem]:
    """Data-looking files in the wrong place are errors; other files (README.md …) are not."""
    if path.suffix.lower() in _YAML_SUFFIXES or path.is_dir():
        suffix = " (the extension must be .yaml)" if path.suffix != ".yaml" else ""
        return [problem("L120", path, f"not read: {where}{suffix}")]
    return []


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


def load_files(
    root: Path,
    files: Iterable[DataFile],
    problems: list[Problem],
    *,
    use_cache: bool = False,
    only_changed: bool = False,
    jobs: int | None = None,
) -> LoadResult:
    """Check `files` (each on its own) and build the model from what they hold."""
    files = list(files)
    result = LoadResult(Catalog(root, {}), problems, [f.path for f in files])
    folders: dict[str, PledgeFiles] = {}
    for f in files:
        if f.pledge_id not in folders:
            folders[f.pledge_id] = PledgeFiles(PledgeCache(root, f.pledge_id, enabled=use_cache))
    checked = _check_all(root, files, folders, jobs=jobs)
    for f in files:
        result.problems.extend(checked[f.path].problems)
    result.folders = folders
    skip = {key for key, state in folders.items() if only_changed and state.all_cached}
    result.catalog.pledges.update(_assemble(files, checked, skip))

    def complete(key: str) -> PledgeData | None:
        mine = [f for f in files if f.pledge_id == key]
        return _assemble(mine, checked, set()).get(key)

    result.complete = complete
    for state in folders.values():
        state.cache.keep_only({rel for rel, _ in state.keys})
        state.cache.save()
    if use_cache:
        prune(root)
    return result


@dataclass(frozen=True)
class _Checked:
    """A file's problems, and a way to its data (from the checks, or from the cache)."""

    problems: list[Problem]
    data: Any
    cache: PledgeCache | None = None
    key: str | None = None

    def values(self) -> Any:
        return self.cache.data(self.key) if self.cache is not None and self.key else self.data


def _check_all(
    root: Path, files: list[DataFile], folders: dict[str, PledgeFiles], *, jobs: int | None
) -> dict[Path, _Checked]:
    """Pledges first (their contacts are needed for the rest), then everything else."""
    checked: dict[Path, _Checked] = {}
    pledges = [f for f in files if f.kind == "pledge"]
    checked.update(_check_some(pledges, folders, {}, jobs=1))
    contacts = {
        f.pledge_id: tuple((checked[f.path].values() or {}).get("contacts") or ()) for f in pledges
    }
    rest = [f for f in files if f.kind != "pledge"]
    checked.update(_check_some(rest, folders, contacts, jobs=jobs))
    return checked


def _check_some(
    files: list[DataFile],
    folders: dict[str, PledgeFiles],
    contacts: dict[str, tuple[str, ...]],
    *,
    jobs: int | None,
) -> dict[Path, _Checked]:
    checked: dict[Path, _Checked] = {}
    missing: list[tuple[DataFile, tuple[str, ...]]] = []
    for f in files:
        state = folders[f.pledge_id]
        theirs = contacts.get(f.pledge_id, ())
        hit = _cached(state, _relative(f), f, theirs)
        if hit is None:
            missing.append((f, theirs))
            state.all_cached = False
        else:
            checked[f.path] = hit
    tasks = [(f.kind, f.path, theirs) for f, theirs in missing]
    for (f, theirs), (path, found, signed) in zip(missing, _run(tasks, jobs), strict=True):
        state = folders[f.pledge_id]
        checked[path] = _Checked(list(found.problems), found.data)
        if signed is not None:
            sig, content = signed
            key = result_key(content, f.kind, theirs)
            state.keys.append((_relative(f), key))
            state.cache.put(
                _relative(f),
                sig,
                key,
                found.data,
                store_problems(list(found.problems), f.path.parent),
            )
    return checked


def _cached(
    state: PledgeFiles, relative: str, f: DataFile, contacts: tuple[str, ...]
) -> _Checked | None:
    if not state.cache.enabled:
        return None
    try:
        sig = signature(f.path)
    except OSError:
        return None
    hit = state.cache.lookup(relative, sig)
    if hit is None or not same_context(hit[0], f.kind, contacts):
        return None
    key, stored, racy = hit
    if racy and not _same_content(f.path, key):
        return None
    state.keys.append((relative, key))
    return _Checked(restore_problems(stored, f.path.parent), None, state.cache, key)


def _same_content(path: Path, key: str) -> bool:
    try:
        return key.startswith(content_hash(path.read_bytes()) + "-")
    except OSError:
        return False


def _relative(f: DataFile) -> str:
    """A file's name within its pledge folder: pledge.yaml, activities/x.yaml …"""
    return f.path.name if f.kind == "pledge" else f"{f.path.parent.name}/{f.path.name}"


def _run(tasks: list[tuple[Kind, Path, tuple[str, ...]]], jobs: int | None) -> list[Any]:
    """Check files, in worker processes when there are enough to pay for starting them."""
    workers = jobs or int(os.environ.get("LOFTE_JOBS", 0)) or os.cpu_count() or 1
    if workers <= 1 or len(tasks) < _PARALLEL_FROM:
        return [read_and_check(task) for task in tasks]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(read_and_check, tasks, chunksize=64))


def _assemble(
    files: list[DataFile], checked: dict[Path, _Checked], skip: set[str]
) -> dict[str, PledgeData]:
    pledges: dict[str, Pledge] = {}
    for f in files:
        if f.kind == "pledge" and (data := checked[f.path].values()) is not None:
            pledges[f.pledge_id] = build_pledge(Document(f.path, data))
    activities: dict[str, list[Activity]] = {pid: [] for pid in pledges}
    followups: dict[str, list[Followup]] = {pid: [] for pid in pledges}
    for f in files:
        pledge = pledges.get(f.pledge_id)
        if pledge is None or f.pledge_id in skip or f.kind == "pledge":
            continue  # a pledge that did not load says why in its own problems
        data = checked[f.path].values()
        if data is None:
            continue
        if f.kind == "activity":
            activities[f.pledge_id].append(build_activity(Document(f.path, data), pledge))
        else:
            followups[f.pledge_id].append(build_followup(Document(f.path, data)))
    return {
        pid: PledgeData(pledge, tuple(activities[pid]), tuple(followups[pid]))
        for pid, pledge in pledges.items()
    }
