"""From a data root to a `Catalog`: find the data files, parse them, check each against its
schema, and build the model from the ones that pass. Problems come back as values."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

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
from lofte_cli.schema import Kind, check_document, salvage
from lofte_cli.yaml_io import Document, ParseFailure, read_document

_YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class DataFile:
    """A file the data layout says is a pledge, an activity or a follow-up."""

    path: Path
    kind: Kind
    pledge_id: str


@dataclass
class LoadResult:
    """The catalog of what loaded cleanly, every problem met on the way, and the files read."""

    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def find_data_files(root: Path) -> tuple[list[DataFile], list[Problem]]:
    """The data files below `root`, in a stable order, and files that are out of place."""
    found: list[DataFile] = []
    misplaced: list[Problem] = []
    pledges_dir = root / PLEDGES_DIR
    for entry in _visible(pledges_dir):
        if not entry.is_dir():
            misplaced.extend(
                _misplaced(
                    entry, "put each pledge in its own folder: data/pledges/<id>/pledge.yaml"
                )
            )
            continue
        found.extend(_pledge_files(entry, misplaced))
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
            for path in _visible(entry):
                if path.is_file() and path.suffix == ".yaml":
                    files.append(DataFile(path, kind, pledge_id))
                else:
                    misplaced.extend(_misplaced(path, f"{entry.name}/ holds <name>.yaml files"))
        else:
            misplaced.extend(
                _misplaced(entry, "a pledge folder holds pledge.yaml, activities/ and followups/")
            )
    return files


def _visible(folder: Path) -> list[Path]:
    """Entries of a folder in name order, without hidden ones (editors' and lofte's own
    temporary files start with a dot)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def _misplaced(path: Path, where: str) -> list[Problem]:
    """Data-looking files in the wrong place are errors; other files (README.md …) are not."""
    if path.suffix in _YAML_SUFFIXES or path.is_dir():
        suffix = " (the extension must be .yaml)" if path.suffix == ".yml" else ""
        return [problem("L120", path, f"not read: {where}{suffix}")]
    return []


def load_catalog(root: Path) -> LoadResult:
    """Read every data file below `root` into a catalog; see `LoadResult`."""
    files, problems = find_data_files(root)
    return load_files(root, files, problems)


def load_files(root: Path, files: Iterable[DataFile], problems: list[Problem]) -> LoadResult:
    """Parse and schema-check `files`, and build the model from those that pass."""
    result = LoadResult(Catalog(root, {}), problems)
    docs: list[tuple[DataFile, Document]] = []
    for data_file in files:
        result.files.append(data_file.path)
        loaded = read_document(data_file.path)
        if isinstance(loaded, ParseFailure):
            result.problems.append(
                problem(loaded.code, loaded.path, loaded.message, loaded.position)
            )
            continue
        schema_problems = check_document(data_file.kind, loaded)
        result.problems.extend(schema_problems)
        if not schema_problems:
            docs.append((data_file, loaded))
        elif (rest := salvage(data_file.kind, loaded.data)) is not None:
            docs.append((data_file, dataclasses.replace(loaded, data=rest)))
    result.catalog.pledges.update(_assemble(docs))
    return result


def _assemble(docs: list[tuple[DataFile, Document]]) -> dict[str, PledgeData]:
    pledges: dict[str, Pledge] = {
        f.pledge_id: build_pledge(doc) for f, doc in docs if f.kind == "pledge"
    }
    activities: dict[str, list[Activity]] = {pid: [] for pid in pledges}
    followups: dict[str, list[Followup]] = {pid: [] for pid in pledges}
    for data_file, doc in docs:
        pledge = pledges.get(data_file.pledge_id)
        if pledge is None:
            continue  # its pledge did not load; the pledge's own problems say why
        if data_file.kind == "activity":
            activities[data_file.pledge_id].append(build_activity(doc, pledge))
        elif data_file.kind == "followup":
            followups[data_file.pledge_id].append(build_followup(doc))
    return {
        pid: PledgeData(pledge, tuple(activities[pid]), tuple(followups[pid]))
        for pid, pledge in pledges.items()
    }
