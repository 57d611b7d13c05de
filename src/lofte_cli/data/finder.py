"""Where the data files are: every pledge folder below data/pledges/ with its pledge.yaml,
activities/ and follow-ups/, and what is out of place there (the layout's own errors).
Entries are scanned, not listed and looked at one by one; nothing here reads a file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from lofte_cli.data.privacy_places import name_problems
from lofte_cli.data.problem import Problem, problem
from lofte_cli.data.schema import Kind
from lofte_cli.errors import LofteError, system_reason
from lofte_cli.i18n import N_, _
from lofte_cli.paths import PLEDGES_DIR
from lofte_cli.slug import is_slug, slugify

_YAML_SUFFIXES = (".yaml", ".yml")


class DataFile(NamedTuple):
    """A file the data layout says is a pledge, an activity or a follow-up. Known by its
    location as text: a national repository has 100,000 of them, and a `Path` is made
    only for those that need one (and a tuple, made faster than a frozen dataclass)."""

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
