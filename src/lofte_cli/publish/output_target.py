"""Where a command may put what it writes: never over the data or the schemas, and never
over a file lofte did not write itself. A report or an export knows its own earlier output
by its content; a rendered site by the manifest it leaves in its folder."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from lofte_cli.errors import LofteError
from lofte_cli.paths import PLEDGES_DIR, original_root

# In the site folder: what the last render wrote there, each file with its SHA-256.
SITE_MANIFEST = ".lofte-site.json"
# The marks a report carries, so that the next report may replace it: HTML, and Markdown's
# own invisible comment (a link definition nothing refers to).
REPORT_MARKS = (
    b'<meta name="generator" content="lofte report">',
    b"[//]: # (generator: lofte report)",
)


def protected_places(root: Path) -> tuple[Path, ...]:
    """The folders of a data repository that no output may go into or over (of the
    repository itself when the data is read as it stood at a revision)."""
    root = original_root(root)
    return (root / PLEDGES_DIR, root / "schemas", root / ".git")


def _absolute(path: Path) -> Path:
    """`path` made absolute with every link followed, also where it does not exist yet."""
    return Path(os.path.realpath(path))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refuse_protected_file(path: Path, *, root: Path) -> None:
    """A file under data/pledges/ or schemas/ is never an output, --force or not."""
    target = _absolute(path)
    for place in protected_places(root):
        if _within(target, _absolute(place)):
            raise LofteError(
                f"{path}: inside {place.relative_to(original_root(root)).as_posix()}/ of "
                "the data repository; lofte never writes "
                "its output there (choose a file outside data/pledges/, schemas/ and .git/)"
            )


def check_output_file(
    path: Path,
    *,
    root: Path,
    command: str,
    force: bool,
    owned: Callable[[bytes], bool] | None = None,
) -> None:
    """Refuse to write `command`'s output to `path` when that would replace data, a schema,
    a folder, or a file that is not `command`'s own earlier output (unless `force`).
    `owned` tells that output by its first or last bytes (default: a report's marks)."""
    owned = owned or is_report
    refuse_protected_file(path, root=root)
    if path.is_dir():
        raise LofteError(f"{path}: a folder; name a file for the output")
    if not path.exists() or force:
        return
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD)
            if not owned(head):
                stream.seek(max(0, path.stat().st_size - _HEAD))
                head = stream.read()
    except OSError as exc:
        raise LofteError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    if not owned(head):
        raise LofteError(
            f"{path}: the file is there and was not written by lofte {command}; not "
            "replaced (choose another file, or replace it with --force)"
        )


_HEAD = 4096


def is_report(head: bytes) -> bool:
    """Whether the bytes (the start or the end of a file) are of a lofte report."""
    return any(mark in head for mark in REPORT_MARKS)


def is_json_export(head: bytes) -> bool:
    """The start of `lofte export --format json`: its first keys, in its order."""
    compact = b"".join(head.split())
    return compact.startswith(b'{"generated":') and b'"as_of":' in compact


def export_owner(text: str) -> Callable[[bytes], bool]:
    """How to know an earlier `lofte export` of the file about to be written as `text`: a
    JSON export by its first keys, a CSV file by its header row (in either dialect, with
    or without a byte-order mark)."""
    if text.startswith("{"):
        return is_json_export
    header = text.removeprefix("\ufeff").split("\n", 1)[0].rstrip("\r")
    headers = {header, header.replace(",", ";"), header.replace(";", ",")}

    def owned(head: bytes) -> bool:
        first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")
        return first.decode("utf-8", "replace") in headers

    return owned


# --- the site folder ------------------------------------------------------------------------


def check_site_folder(out: Path, *, root: Path) -> dict[str, str | None]:
    """What the last render wrote into `out` (relative path → SHA-256), or {} for a new or
    empty folder. Any other folder is refused: it holds files lofte did not write."""
    target = _absolute(out)
    for place in protected_places(root):
        where = _absolute(place)
        if _within(target, where) or _within(where, target):
            shown = place.relative_to(original_root(root)).as_posix()
            raise LofteError(
                f"{out}: the site would be written over the data repository ({shown}/); "
                "choose a folder of its own, such as site/"
            )
    if not out.exists():
        return {}
    if not out.is_dir():
        raise LofteError(f"{out}: not a folder; --out names the folder for the site")
    manifest = out / SITE_MANIFEST
    if manifest.is_file() and not manifest.is_symlink():
        return read_manifest(manifest)
    if any(out.iterdir()):
        raise LofteError(
            f"{out}: the folder holds files lofte did not write (it has no {SITE_MANIFEST} "
            "from an earlier lofte render); render into a new or empty folder, or empty "
            "this one first"
        )
    return {}


def read_manifest(path: Path) -> dict[str, str | None]:
    """The files of an earlier render; a damaged manifest is refused, not guessed at."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        if data.get("generator") != "lofte" or not isinstance(files, dict):
            raise ValueError
        if not all(isinstance(k, str) and isinstance(v, str | None) for k, v in files.items()):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        raise LofteError(
            f"{path}: not a manifest lofte can read; render into a new or empty folder, "
            "or empty this one first"
        ) from None
    return files


def manifest_text(files: dict[str, str | None]) -> str:
    """The manifest of a render: every file it wrote, with its SHA-256 (None while the
    render is still writing it)."""
    entries = dict(sorted(files.items()))
    return json.dumps({"generator": "lofte", "files": entries}, indent=1) + "\n"


def foreign_files(out: Path, names: set[str], owned: dict[str, str | None]) -> list[str]:
    """The files among `names` that are in `out` although the last render did not write
    them: a person put them there, and they are not replaced."""
    return sorted(n for n in names if n not in owned and (out / n).exists())


def stale_files(
    out: Path, before: dict[str, str | None], now: set[str]
) -> tuple[list[str], list[str]]:
    """The files the last render wrote and this one does not: (to remove, to keep). Kept
    are those changed since (their SHA-256 differs), links, and names that would lead
    outside `out`: only what lofte itself wrote is ever removed."""
    import hashlib

    base = _absolute(out)
    remove: list[str] = []
    keep: list[str] = []
    for name in sorted(set(before) - now):
        path = out / name
        if not path.exists() and not path.is_symlink():
            continue
        inside = not Path(name).is_absolute() and ".." not in Path(name).parts
        if not inside or path.is_symlink() or not path.is_file():
            keep.append(name)
            continue
        if base not in _absolute(path).parents:  # a linked folder on the way out
            keep.append(name)
            continue
        digest = before[name]
        if digest is not None and hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            keep.append(name)
            continue
        remove.append(name)
    return remove, keep


def remove_files(out: Path, names: list[str]) -> None:
    """Remove `names` below `out`, then the folders they leave empty (never `out`)."""
    folders: set[Path] = set()
    for name in names:
        path = out / name
        path.unlink(missing_ok=True)
        folders.update(p for p in path.parents if out in p.parents)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty: something else lives there
            folder.rmdir()


def check_export_targets(outputs: dict[Path | None, str], *, root: Path, force: bool) -> None:
    """Every file an export is about to write may be written (see `check_output_file`)."""
    for path, text in outputs.items():
        if path is not None:
            owned = export_owner(text)
            check_output_file(path, root=root, command="export", owned=owned, force=force)
