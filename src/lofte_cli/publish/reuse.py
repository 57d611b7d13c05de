"""Pages a render may take over from the last one instead of making them again.

After each render into a folder, lofte notes in its cache (`.lofte-cache/`, in the data
repository) what each pledge page was made from (its fingerprint, see `page_inputs`) and
the file it wrote (SHA-256, size, modification time). The next render into that folder
links such a page into the new site as it is, when it would be made from the same inputs
and the file there is still the one lofte wrote. Everything else is made again, and so is
everything when the note is missing, damaged, or from another lofte: it is only a hint."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from lofte_cli.data.cache import CACHE_DIR, code_fingerprint
from lofte_cli.publish.page_inputs import pledge_fingerprints, render_key
from lofte_cli.publish.site_model import Site
from lofte_cli.write import write_atomic


@dataclass
class ReusePlan:
    """What a render takes over from the last one, and what it notes for the next."""

    record: Path | None  # where the note is kept; None: no note (--no-cache, no pages)
    key: str
    fingerprints: dict[str, str]
    reused: dict[str, Written]
    skip: dict[str, frozenset[str]]  # by pledge folder: its pages taken over

    def notes(self, stage: Path, sha256: Mapping[str, str]) -> dict[str, Written]:
        return {**self.reused, **written_now(stage, self.fingerprints, sha256)}

    def save(self, notes: Mapping[str, Written]) -> None:
        if self.record is not None:
            write_record(self.record, self.key, notes)


def plan_reuse(
    site: Site,
    out: Path,
    manifest: Mapping[str, str | None],
    *,
    formats: Sequence[str],
    templates: Path | None,
    enabled: bool,
) -> ReusePlan:
    """Which pledge pages of the site in `out` the render into it can take over."""
    if not enabled or "html" not in formats:
        return ReusePlan(None, "", {}, {}, {})
    key = render_key(site, formats=formats, templates=templates)
    fingerprints: dict[str, str] = {}
    for pledge in site.catalog.pledges:
        fingerprints |= pledge_fingerprints(site, pledge, key)
    record = record_path(site.catalog.root, out)
    reused = reusable(out, fingerprints, read_record(record, key), manifest) if manifest else {}
    skip: dict[str, set[str]] = {}
    for name in reused:
        skip.setdefault(name.split("/", 1)[0], set()).add(name)
    return ReusePlan(record, key, fingerprints, reused, {k: frozenset(v) for k, v in skip.items()})


_SHAPE = (str, str, int, int)


class Written(NamedTuple):
    """A page as lofte wrote it into the site (a tuple: the note holds 100,000 of them, and
    JSON writes a tuple as the list it is read back from)."""

    fingerprint: str
    sha256: str
    size: int
    mtime_ns: int


def record_path(root: Path, out: Path) -> Path:
    """Where the note on renders into `out` is kept."""
    name = hashlib.blake2b(os.path.abspath(out).encode(), digest_size=8).hexdigest()
    return root / CACHE_DIR / code_fingerprint() / f"render-{name}.json"


def read_record(path: Path, key: str) -> dict[str, Written]:
    """The pages noted at `path` for renders with `key`; nothing when the note is missing,
    damaged in any way, or made with another key."""
    try:
        raw = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict) or raw.get("key") != key or not isinstance(raw.get("pages"), dict):
        return {}
    pages: dict[str, Written] = {}
    for name, entry in raw["pages"].items():
        # Exact types: a damaged note may hold anything (true is no size).
        if type(entry) is list and len(entry) == 4 and tuple(map(type, entry)) == _SHAPE:
            pages[name] = Written._make(entry)
    return pages


def write_record(path: Path, key: str, pages: Mapping[str, Written]) -> None:
    """Note the pages of a render that has been published (a failure to note is no
    failure of the render: the next one makes everything again)."""
    text = json.dumps(
        {"key": key, "pages": dict(sorted(pages.items()))},
        separators=(",", ":"),
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    except OSError:
        pass


def reusable(
    out: Path,
    fingerprints: Mapping[str, str],
    noted: Mapping[str, Written],
    manifest: Mapping[str, str | None],
) -> dict[str, Written]:
    """The pages of `fingerprints` whose file in `out` can stand in the new site as it is:
    made from the same inputs, listed by the folder's manifest with the same SHA-256, and
    still the file lofte wrote (same size and modification time)."""
    found: dict[str, Written] = {}
    for name, fingerprint in fingerprints.items():
        before = noted.get(name)
        if (
            before is None
            or before.fingerprint != fingerprint
            or manifest.get(name) != before.sha256
        ):
            continue
        try:
            stat = os.lstat(os.path.join(out, name))
        except OSError:
            continue
        if stat.st_size == before.size and stat.st_mtime_ns == before.mtime_ns:
            found[name] = before
    return found


def link_pages(out: Path, stage: Path, names: Iterable[str]) -> None:
    """The pages of the old site put into the new one as they are (a hard link, or a copy
    where the file system has none)."""
    made: set[str] = set()
    for name in names:
        target = os.path.join(stage, name)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        try:
            os.link(os.path.join(out, name), target)
        except OSError:  # no hard links here: a copy, with its time, is as good
            shutil.copy2(os.path.join(out, name), target)


def written_now(
    stage: Path, fingerprints: Mapping[str, str], sha256: Mapping[str, str]
) -> dict[str, Written]:
    """The note for pages this render made: their fingerprint, hash, size and time."""
    notes: dict[str, Written] = {}
    for name, digest in sha256.items():
        if name not in fingerprints:
            continue
        try:
            stat = os.lstat(stage / name)
        except OSError:
            continue
        notes[name] = Written(fingerprints[name], digest, stat.st_size, stat.st_mtime_ns)
    return notes
