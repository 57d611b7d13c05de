"""From a data root to a `Catalog`: find the data files, parse them, check each against its
schema, and build the model from the ones that pass. Problems come back as values."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lofte_cli.data.cache import (
    PledgeCache,
    content_hash,
    context_suffix,
    prune,
    restore_problems,
    result_key,
    store_problems,
)
from lofte_cli.data.document import Document
from lofte_cli.data.file_check import read_and_check
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
from lofte_cli.data.privacy_places import name_problems
from lofte_cli.data.problem import Problem, problem
from lofte_cli.data.schema import Kind
from lofte_cli.errors import LofteError, system_reason
from lofte_cli.i18n import N_, _, active_language, speaking
from lofte_cli.paths import PLEDGES_DIR
from lofte_cli.slug import is_slug, slugify

_YAML_SUFFIXES = (".yaml", ".yml")
# Fewer files than this are checked in this process: starting workers costs more.
_PARALLEL_FROM = 200


@dataclass(frozen=True)
class DataFile:
    """A file the data layout says is a pledge, an activity or a follow-up. Known by its
    location as text: a national repository has 100,000 of them, and a `Path` is made
    only for those that need one."""

    location: str
    kind: Kind
    pledge_id: str
    link: bool = False
    relative: str = ""  # its name within the pledge folder: activities/x.yaml …

    @classmethod
    def at(cls, path: Path, kind: Kind, pledge_id: str) -> DataFile:
        relative = path.name if kind == "pledge" else f"{path.parent.name}/{path.name}"
        return cls(str(path), kind, pledge_id, relative=relative)

    @property
    def path(self) -> Path:
        return Path(self.location)


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


def find_data_files(root: Path) -> tuple[list[DataFile], list[Problem]]:
    """The data files below `root`, in a stable order, and files that are out of place,
    lead outside the repository or have names that are not ids."""
    found, misplaced = _find(root)
    inside = root.resolve()
    kept: list[DataFile] = []
    for f in found:
        if f.link and not _within_root(f.path, inside):
            message = _("not read: a link to a file outside the data repository")
            misplaced.append(problem("L122", f.path, message))
        else:
            stem = os.path.basename(f.location)[: -len(".yaml")]
            if f.kind == "activity" and not is_slug(stem):
                name = f"{slugify(stem)}.yaml"
                message = _("file name {name!r} is not a lowercase id; rename it to {new}").format(
                    name=stem, new=name
                )
                misplaced.append(problem("L123", f.path, message))
            kept.append(f)  # read all the same: its other problems are worth knowing
    folders = {f.path.parent for f in found if f.kind == "pledge"}
    for folder in sorted(folders):
        if not is_slug(folder.name):
            misplaced.append(
                problem(
                    "L123",
                    folder,
                    _("pledge folder {name!r} is not a lowercase id; rename it to {new}").format(
                        name=folder.name, new=slugify(folder.name)
                    ),
                )
            )
        if folder.is_symlink() and not _within_root(folder, inside):
            misplaced.append(
                problem(
                    "L122",
                    folder,
                    _("a link to a folder outside the data repository; its files are not read"),
                )
            )
            kept = [f for f in kept if f.path.parent != folder and f.path.parent.parent != folder]
    # The data files' own names are checked with their contents (and cached with them).
    named = {str(p.path) for p in misplaced if p.code[:2] != "L3"} | {str(f) for f in folders}
    misplaced.extend(name_problems(named - {f.location for f in found}))
    return kept, misplaced


def _within_root(path: Path, inside: Path) -> bool:
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return False
    return target == inside or inside in target.parents


def _find(root: Path) -> tuple[list[DataFile], list[Problem]]:
    found: list[DataFile] = []
    misplaced: list[Problem] = []
    pledges_dir = root / PLEDGES_DIR
    try:
        entries = _visible(pledges_dir)
    except FolderUnreadable as exc:
        raise LofteError(
            _("{folder}: cannot read the folder ({reason})").format(
                folder=exc.folder, reason=exc.reason
            )
        ) from None
    for entry in entries:
        if not _is_dir(entry):
            misplaced.extend(_misplaced(Path(entry.path), _OWN_FOLDER, is_dir=False))
            continue
        try:
            found.extend(_pledge_files(Path(entry.path), misplaced))
        except FolderUnreadable as exc:
            misplaced.append(_unreadable(exc))
    return found, misplaced


def _pledge_files(folder: Path, misplaced: list[Problem]) -> list[DataFile]:
    pledge_id = folder.name
    files: list[DataFile] = []
    entries = _visible(folder)
    pledge = next((e for e in entries if e.name == "pledge.yaml" and _is_file(e)), None)
    if pledge is not None:
        files.append(DataFile(pledge.path, "pledge", pledge_id, pledge.is_symlink(), "pledge.yaml"))
    else:
        misplaced.append(problem("L120", folder, _("pledge folder without a pledge.yaml")))
    for entry in entries:
        if entry.name == "pledge.yaml":
            continue
        if _is_dir(entry) and entry.name in ("activities", "followups"):
            kind: Kind = "activity" if entry.name == "activities" else "followup"
            try:
                listed = _visible(Path(entry.path))
            except FolderUnreadable as exc:
                misplaced.append(_unreadable(exc))
                continue
            where = _HOLDS[entry.name]
            for item in listed:
                if item.name.endswith(".yaml") and _is_file(item):
                    relative = f"{entry.name}/{item.name}"
                    files.append(DataFile(item.path, kind, pledge_id, item.is_symlink(), relative))
                else:
                    misplaced.extend(_misplaced(Path(item.path), where, is_dir=_is_dir(item)))
        else:
            misplaced.extend(_misplaced(Path(entry.path), _PLEDGE_HOLDS, is_dir=_is_dir(entry)))
    return files


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a loop of links
        return False


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


class FolderUnreadable(Exception):
    """A folder lofte cannot list; reported as a problem of that folder."""

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(reason)
        self.folder, self.reason = folder, reason


def _visible(folder: Path) -> list[os.DirEntry[str]]:
    """Entries of a folder in name order, without hidden ones (editors' and lofte's own
    temporary files start with a dot). Scanned, not listed and then looked at one by one:
    the kind of each entry comes with the listing."""
    try:
        with os.scandir(folder) as scan:
            entries = [e for e in scan if not e.name.startswith(".")]
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        return []
    except OSError as exc:
        raise FolderUnreadable(folder, system_reason(exc)) from None
    entries.sort(key=lambda e: e.name)
    return entries


def _misplaced(path: Path, where: str, *, is_dir: bool) -> list[Problem]:
    """Data-looking files in the wrong place are errors; other files (README.md …) are not,
    but their names are published with the repository all the same."""
    if path.suffix.lower() in _YAML_SUFFIXES or is_dir:
        # TRANSLATORS: a file lofte does not read; {reason} says where data files belong.
        if path.suffix != ".yaml":
            message = _("not read: {reason} (the extension must be .yaml)")
        else:
            message = _("not read: {reason}")
        return [problem("L120", path, message.format(reason=_(where)))]
    return name_problems([str(path)])


def _unreadable(exc: FolderUnreadable) -> Problem:
    message = _("cannot read the folder ({reason})").format(reason=exc.reason)
    return problem("L101", exc.folder, message)


# Where a data file belongs, said after "not read: ".
_OWN_FOLDER = N_("put each pledge in its own folder: data/pledges/<id>/pledge.yaml")
_PLEDGE_HOLDS = N_("a pledge folder holds pledge.yaml, activities/ and followups/")
_HOLDS = {
    "activities": N_("activities/ holds <name>.yaml files"),
    "followups": N_("followups/ holds <name>.yaml files"),
}


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
    result = LoadResult(Catalog(root, {}), problems, [f.location for f in files])
    folders: dict[str, PledgeFiles] = {}
    for f in files:
        if f.pledge_id not in folders:
            folders[f.pledge_id] = PledgeFiles(PledgeCache(root, f.pledge_id, enabled=use_cache))
    checked = _check_all(root, files, folders, jobs=jobs)
    for f in files:
        result.problems.extend(checked[f.location].problems)
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
    root: Path, files: list[DataFile], folders: dict[str, PledgeFiles], *, jobs: int | None
) -> dict[str, _Checked]:
    """Pledges first (their contacts are needed for the rest), then everything else."""
    checked: dict[str, _Checked] = {}
    pledges = [f for f in files if f.kind == "pledge"]
    checked.update(_check_some(pledges, folders, {}, jobs=1))
    contacts = {
        f.pledge_id: tuple((checked[f.location].values() or {}).get("contacts") or ())
        for f in pledges
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
) -> dict[str, _Checked]:
    checked: dict[str, _Checked] = {}
    missing: list[tuple[DataFile, tuple[str, ...]]] = []
    for f in files:
        state = folders[f.pledge_id]
        theirs = contacts.get(f.pledge_id, ())
        suffix = context_suffix(f.kind, theirs)
        hit = _cached(state, f.relative, f, theirs, suffix)
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
    state: PledgeFiles, relative: str, f: DataFile, contacts: tuple[str, ...], suffix: str
) -> _Checked | None:
    """The file's problems as the cache has them, when its signature is unchanged and
    they were found under the same context (`suffix`: see `cache.context_suffix`)."""
    if not state.cache.enabled:
        return None
    try:
        stat = os.stat(f.location)
    except OSError:
        return None
    hit = state.cache.lookup(relative, (stat.st_mtime_ns, stat.st_size, stat.st_ino))
    if hit is None or not hit[0].endswith(suffix):
        return None
    key, stored, racy = hit
    if racy and not _same_content(f.path, key):
        return None
    state.keys.append((relative, key))
    state.mtimes[relative] = stat.st_mtime_ns
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
