"""`lofte validate` as a function: load, check schemas and rules, keep what was asked for."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lofte_cli.data.cache import restore_problems, store_problems
from lofte_cli.data.finder import DataFile, find_data_files
from lofte_cli.data.folder_note import write_folder_note
from lofte_cli.data.form_stamp import stale_form_problems
from lofte_cli.data.loader import LoadResult, load_files
from lofte_cli.data.model import Catalog
from lofte_cli.data.problem import Problem
from lofte_cli.data.rules import check_pledge
from lofte_cli.data.tree_note import note_check, noted_check, tree_signature
from lofte_cli.errors import UsageError
from lofte_cli.i18n import _


@dataclass(frozen=True)
class ValidationResult:
    """Problems sorted by file and line, and how many files were checked."""

    problems: tuple[Problem, ...]
    files_checked: int

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)


def validate(
    root: Path,
    *,
    paths: Sequence[Path] = (),
    today: date,
    strict: bool = False,
    use_cache: bool = True,
) -> ValidationResult:
    """Check the data root. With `paths`, the pledges holding them are read (references
    need their context) but only problems in those files or folders are kept."""
    # The whole repository as it was at the last check: its problems as they were then.
    signature = tree_signature(root, today=today) if use_cache and not paths else None
    noted = noted_check(root, signature) if signature else None
    if noted is not None:
        return _result(noted[0], noted[1], strict=strict)
    files, misplaced = find_data_files(root)
    wanted = [Path(os.path.abspath(p)) for p in paths]
    inside = Path(os.path.abspath(root))
    for path in wanted:
        if not path.exists() and not path.is_symlink():
            raise UsageError(_("{path}: no such file or folder").format(path=path))
        if path != inside and inside not in path.parents:
            raise UsageError(
                _("{path}: outside the data repository {root}").format(path=path, root=inside)
            )
    if wanted:
        files, misplaced = _within(files, misplaced, wanted)
    loaded = load_files(
        root, files, misplaced, use_cache=use_cache, only_changed=True, folder_notes=not wanted
    )
    problems = loaded.problems + cross_file_problems(loaded, today=today)
    checked = loaded.files
    if not wanted:  # the forms belong to the whole repository, not to any file asked for
        problems += stale_form_problems(loaded.catalog, today=today)
    if wanted:
        problems = [p for p in problems if _covered(p.path, wanted)]
        checked = [f for f in checked if _covered(Path(f), wanted)]
    if signature:
        note_check(root, signature, problems, len(checked))
    return _result(problems, len(checked), strict=strict)


def _result(problems: list[Problem], files: int, *, strict: bool) -> ValidationResult:
    if strict:
        problems = [dataclasses.replace(p, severity="error") for p in problems]
    return ValidationResult(tuple(sorted(set(problems))), files)


def cross_file_problems(loaded: LoadResult, *, today: date) -> list[Problem]:
    """The rules across files, pledge by pledge; a pledge whose files, and the pledges
    around it, are as they were on the same day gets the problems found then."""
    catalog = loaded.catalog
    context = sorted(
        (key, d.pledge.id, str(d.pledge.start), str(d.pledge.end), str(d.pledge.supersedes))
        for key, d in catalog.pledges.items()
    )
    found: list[Problem] = []
    for key, data in catalog.pledges.items():
        state = loaded.folders[key]
        folder = data.pledge.doc.path.parent
        fingerprint = hashlib.blake2b(
            repr((today.isoformat(), context, sorted(state.keys))).encode(), digest_size=16
        ).hexdigest()
        noted = state.note.rules if state.note is not None else None
        if noted is not None and noted[0] == fingerprint:
            found.extend(restore_problems(noted[1], folder))
            continue
        stored = state.cache.rules(fingerprint) if state.all_cached else None
        if stored is not None:
            found.extend(restore_problems(stored, folder))
        else:
            full = Catalog(catalog.root, {**catalog.pledges, key: loaded.full(key)})
            problems = check_pledge(full, full.pledges[key], today=today)
            stored = store_problems(problems, folder)
            state.cache.put_rules(fingerprint, stored)
            state.cache.save()
            found.extend(problems)
        note = state.noted((fingerprint, stored))
        if note is not None and state.signature is not None:
            write_folder_note(catalog.root, key, state.signature, note)
    return found


def _within(
    files: list[DataFile], misplaced: list[Problem], wanted: list[Path]
) -> tuple[list[DataFile], list[Problem]]:
    """The files of every pledge that holds one of the wanted paths, and every pledge.yaml:
    whether a pledge ends, and whether the one it supersedes exists, depends on others."""
    pledges = {f.pledge_id for f in files if _covered(f.path, wanted)}
    for path in wanted:
        if (
            path.is_file()
            and not any(_absolute(f.path) == path for f in files)
            and not any(_absolute(p.path) == path for p in misplaced)
        ):
            raise UsageError(
                _(
                    "{path}: not a lofte data file (those are data/pledges/<id>/pledge.yaml, "
                    "activities/<id>.yaml and followups/<date>.yaml below the data root)"
                ).format(path=path)
            )
    keep = [f for f in files if f.pledge_id in pledges or f.kind == "pledge"]
    return keep, [p for p in misplaced if _covered(p.path, wanted)]


def _absolute(path: Path) -> Path:
    """The path made absolute without following links (a link inside a folder stays in it)."""
    return Path(os.path.abspath(path))


def _covered(path: Path, wanted: list[Path]) -> bool:
    absolute = _absolute(path)
    return any(absolute == w or w in absolute.parents for w in wanted)
