"""Where a command may put what it writes: never over the data or the schemas, and never
over a file lofte did not write itself. A report or an export knows its own earlier output
by its content; a rendered site by the manifest it leaves in its folder."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from lofte_cli.errors import LofteError, system_reason
from lofte_cli.i18n import _
from lofte_cli.paths import PLEDGES_DIR, original_root, repository_top

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
    repository itself when the data is read as it stood at a revision): data/pledges/,
    schemas/, .git/ beside the data and at the top of its git work tree, and wherever a
    link inside data/pledges/ leads (a pledge folder or data file kept elsewhere)."""
    root = original_root(root)
    places = [root / PLEDGES_DIR, root / "schemas", root / ".git"]
    top = repository_top(root)
    if top != root:
        places.append(top / ".git")
    places.extend(_linked_from(root / PLEDGES_DIR))
    return tuple(places)


def _linked_from(folder: Path) -> list[Path]:
    """Where the links below `folder` lead (never following them further)."""
    return [Path(os.path.realpath(folder / name)) for name in sorted(_links_below(folder))]


def _absolute(path: Path) -> Path:
    """`path` made absolute with every link followed, also where it does not exist yet."""
    return Path(os.path.realpath(path))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refuse_protected_file(path: Path, *, root: Path) -> None:
    """A file in a protected place (see `protected_places`) is never an output, --force or
    not: neither where the path as typed points nor where its links lead."""
    if _in_protected_place(path, root):
        message = _(
            "{path}: in the data repository's data/pledges/, schemas/ or .git/ (or where a "
            "link there leads); lofte never writes its output there, choose a file outside "
            "them"
        )
        raise LofteError(message.format(path=path))


def _in_protected_place(path: Path, root: Path) -> bool:
    typed, target = Path(os.path.abspath(path)), _absolute(path)
    for place in protected_places(root):
        for where in {Path(os.path.abspath(place)), _absolute(place)}:
            if _within(typed, where) or _within(target, where):
                return True
    return False


def check_output_file(
    path: Path,
    *,
    root: Path,
    command: str,
    force: bool,
    owned: Callable[[bytes], bool] | None = None,
    owned_file: Callable[[Path], bool] | None = None,
) -> None:
    """Refuse to write `command`'s output to `path` when that would replace data, a schema,
    a folder, or a file that is not `command`'s own earlier output (unless `force`).
    `owned` tells that output by its first or last bytes (default: a report's marks);
    `owned_file`, where given, by reading the file itself (a Word document is a zip)."""
    owned = owned or is_report
    refuse_protected_file(path, root=root)
    if path.is_dir():
        raise LofteError(_("{path}: a folder; name a file for the output").format(path=path))
    if path.exists() and not path.is_file():
        message = _("{path}: not a regular file (a device or a pipe); name a file")
        raise LofteError(message.format(path=path))
    if not path.exists() or force:
        return
    try:
        mine = owned_file(path) if owned_file else _ends_owned(path, owned)
    except OSError as exc:
        # TRANSLATORS: {reason} is the system's own words, as "Permission denied".
        message = _("{path}: cannot read it: {reason}")
        raise LofteError(message.format(path=path, reason=system_reason(exc))) from None
    if not mine:
        # TRANSLATORS: {command} is a command of lofte, as "report" or "export".
        message = _(
            "{path}: the file is there and was not written by lofte {command}; not replaced "
            "(choose another file, or replace it with --force)"
        )
        raise LofteError(message.format(path=path, command=command))


_HEAD = 4096


def _ends_owned(path: Path, owned: Callable[[bytes], bool]) -> bool:
    """Whether the first or the last bytes of `path` are of the output `owned` knows."""
    with path.open("rb") as stream:
        if owned(stream.read(_HEAD)):
            return True
        stream.seek(max(0, path.stat().st_size - _HEAD))
        return owned(stream.read())


def check_report_file(path: Path, *, root: Path, output_format: str, force: bool) -> None:
    """`check_output_file` for `lofte report --out`: a Word document is known as lofte's
    own by its properties, the other formats by their marks."""
    owned_file = is_docx_report if output_format == "docx" else None
    check_output_file(path, root=root, command="report", force=force, owned_file=owned_file)


# The largest docProps/core.xml read to tell a report of lofte's (it holds a few lines).
_CORE_LIMIT = 1 << 20


def is_docx_report(path: Path) -> bool:
    """Whether `path` is a Word document that `lofte report` wrote: its core property
    `category` is "lofte report" (see `report_docx.DOCX_MARK`)."""
    import zipfile
    from xml.etree import ElementTree

    from lofte_cli.publish.report_docx import DOCX_MARK

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > _CORE_LIMIT:
                return False
            core = ElementTree.fromstring(archive.read(info))
    except (zipfile.BadZipFile, KeyError, ValueError, ElementTree.ParseError):
        return False
    return core.findtext(f"{{{_CORE_NS}}}category") == DOCX_MARK


_CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


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
    typed, target = Path(os.path.abspath(out)), _absolute(out)
    for place in protected_places(root):
        for where in {Path(os.path.abspath(place)), _absolute(place)}:
            if any(_within(a, b) or _within(b, a) for a in (typed, target) for b in (where,)):
                message = _(
                    "{folder}: the site would be written over the data repository (its "
                    "data/pledges/, schemas/ or .git/, or where a link there leads); choose a "
                    "folder of its own, such as site/"
                )
                raise LofteError(message.format(folder=out))
    if not out.exists():
        return {}
    if not out.is_dir():
        message = _("{folder}: not a folder; --out names the folder for the site")
        raise LofteError(message.format(folder=out))
    manifest = out / SITE_MANIFEST
    if manifest.is_file() and not manifest.is_symlink():
        return read_manifest(manifest)
    if any(out.iterdir()):
        message = _(
            "{folder}: the folder holds files lofte did not write (it has no {manifest} from "
            "an earlier lofte render); render into a new or empty folder, or empty this one "
            "first"
        )
        raise LofteError(message.format(folder=out, manifest=SITE_MANIFEST))
    return {}


def read_manifest(path: Path) -> dict[str, str | None]:
    """The files of an earlier render; a damaged manifest is refused, not guessed at."""
    try:
        stat = path.stat()
        seen = (os.fspath(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)
        if _LAST_READ is not None and _LAST_READ[0] == seen:
            return dict(_LAST_READ[1])
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        if data.get("generator") != "lofte" or not isinstance(files, dict):
            raise ValueError
        if not all(_plain_name(k) and _digest(v) for k, v in files.items()):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        message = _(
            "{path}: not a manifest lofte can read; render into a new or empty folder, or "
            "empty this one first"
        )
        raise LofteError(message.format(path=path)) from None
    _remember(seen, files)
    return dict(files)


# The manifest read last (a render reads it when it plans and again when it writes; at
# national scale it lists 100,000 files): by path, inode, size and modification time.
_LAST_READ: tuple[tuple[str, int, int, int], dict[str, str | None]] | None = None


def _remember(seen: tuple[str, int, int, int], files: dict[str, str | None]) -> None:
    global _LAST_READ
    _LAST_READ = (seen, files)


# A name as render writes it: relative, forward slashes, no part empty, "." or "..".
_PART = r"(?!\.{1,2}(?:/|\Z))[^/\\]{1,255}"
_NAME = re.compile(rf"{_PART}(?:/{_PART})*")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _plain_name(name: object) -> bool:
    """A file name as render writes it: relative, forward slashes, nothing to resolve."""
    return isinstance(name, str) and len(name) <= 1024 and _NAME.fullmatch(name) is not None


def _digest(value: object) -> bool:
    return value is None or (isinstance(value, str) and _SHA256.fullmatch(value) is not None)


def manifest_text(files: dict[str, str | None]) -> str:
    """The manifest of a render: every file it wrote, with its SHA-256 (None while the
    render is still writing it); one file to a line, as `json.dumps(..., indent=1)` writes
    it, but by the C encoder (the pure-Python one that indents takes a tenth of a second
    for a national site's 100,000 files)."""
    if not files:
        return json.dumps({"generator": "lofte", "files": {}}, indent=1) + "\n"
    entries = json.dumps(dict(sorted(files.items())), separators=(",\n  ", ": "))
    return '{\n "generator": "lofte",\n "files": {\n  ' + entries[1:-1] + "\n }\n}\n"


def foreign_files(out: Path, names: set[str], owned: dict[str, str | None]) -> list[str]:
    """The files among `names` that are in `out` although the last render did not write
    them: a person put them there, and they are not replaced."""
    return sorted(n for n in names if n not in owned and (out / n).exists())


def stale_files(
    out: Path, before: dict[str, str | None], now: set[str]
) -> tuple[list[str], list[str]]:
    """The files the last render wrote and this one does not: (to remove, to keep). Kept
    are those changed since (their SHA-256 differs, or was never recorded because a render
    stopped half-way), links, and names that would lead outside `out`: only what lofte
    itself wrote, unchanged, is ever removed."""
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
        if digest is None or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            keep.append(name)  # changed since, or a render stopped before it could tell
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


def links_on_the_way(out: Path, names: set[str]) -> list[str]:
    """The names among `names` that would be written through a link inside `out` (a
    linked folder, or the file itself a link): writing there could land anywhere."""
    links = _links_below(out)
    if not links:
        return []
    found: set[str] = set()
    for name in names:
        parts = name.split("/")
        for i in range(1, len(parts) + 1):
            prefix = "/".join(parts[:i])
            if prefix in links:
                found.add(prefix)
                break
    return sorted(found)


def _links_below(folder: Path) -> set[str]:
    """Every link inside `folder` (a file or a folder that is a link), by its path below
    it; links are found by the kind of directory entry, without following them."""
    found: set[str] = set()
    if not os.path.isdir(folder):
        return found
    pending = [""]
    while pending:
        relative = pending.pop()
        try:
            entries = list(os.scandir(os.path.join(folder, relative) if relative else folder))
        except OSError:
            continue
        for entry in entries:
            name = f"{relative}/{entry.name}" if relative else entry.name
            if entry.is_symlink():
                found.add(name)
            elif entry.is_dir(follow_symlinks=False):
                pending.append(name)
    return found
