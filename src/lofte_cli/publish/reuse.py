"""Pages a render may take over from the last one instead of making them again.

After each render into a folder, lofte notes in its cache (`.lofte-cache/`, in the data
repository), pledge by pledge, what each page was made from (its fingerprint, see
`page_inputs`) and the file it wrote (SHA-256, size, modification time). The next render
into that folder links such a page into the new site as it is, when it would be made from
the same inputs and the file there is still the one lofte wrote; a pledge whose inputs are
all the same is taken over whole without reading its activities (see `takeover`).
Everything else is made again, and so is everything when a note is missing, damaged, or
from another lofte: it is only a hint."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lofte_cli.data.cache import CACHE_DIR, code_fingerprint, dump_cache_file, load_cache_file
from lofte_cli.plain_data import to_plain
from lofte_cli.publish.page_inputs import pledge_fingerprints, render_key, surroundings
from lofte_cli.publish.page_notes import Written
from lofte_cli.publish.site_model import Site


@dataclass(frozen=True)
class PledgeNote:
    """What the last render into a folder noted of one pledge (see the module docstring)."""

    key: str  # the render's options (`page_inputs.render_key`)
    inputs: str  # `page_inputs.pledge_inputs`; "" when it had none: never taken over whole
    summary: Any  # a `PledgeSummary` as JSON values, read back by `takeover`
    pages: dict[str, Written]


@dataclass
class ReusePlan:
    """What a render takes over from the last one, and what it notes for the next."""

    folder: Path | None  # where the notes are kept; None: no notes (--no-cache, no pages)
    key: str
    fingerprints: dict[str, str]
    reused: dict[str, str]  # every page taken over, with its SHA-256
    skip: dict[str, frozenset[str]]  # by pledge folder: its pages taken over
    noted: dict[str, Written]  # the pages taken over of pledges not taken over whole

    def notes(self, stage: Path, sha256: Mapping[str, str]) -> dict[str, Written]:
        return {**self.noted, **written_now(stage, self.fingerprints, sha256)}

    def save(self, site: Site, notes: Mapping[str, Written], inputs: Mapping[str, str]) -> None:
        """Note each pledge made this time (a pledge taken over whole keeps its note)."""
        if self.folder is None:
            return
        by_pledge: dict[str, dict[str, Written]] = {}
        for name, written in notes.items():
            by_pledge.setdefault(name.split("/", 1)[0], {})[name] = written
        for pledge in site.catalog.pledges:
            if pledge in site.taken_over:
                continue
            summary = to_plain(site.summary(pledge)) if pledge in inputs else None
            note = PledgeNote(self.key, inputs.get(pledge, ""), summary, by_pledge.get(pledge, {}))
            write_note(self.folder, pledge, note)
        remove_notes(self.folder, keep=set(site.catalog.pledges))


def plan_reuse(
    site: Site,
    out: Path,
    manifest: Mapping[str, str | None],
    *,
    formats: Sequence[str],
    templates: Path | None,
    enabled: bool,
) -> ReusePlan:
    """Which pledge pages of the site in `out` the render into it can take over: every
    page of a pledge taken over whole, and of the others those made from the same inputs."""
    if not enabled or "html" not in formats:
        return ReusePlan(None, "", {}, {}, {}, {})
    key = render_key(site, formats=formats, templates=templates)
    folder = note_folder(site.catalog.root, out)
    around = surroundings(site.catalog)
    fingerprints: dict[str, str] = {}
    reused: dict[str, str] = {}
    noted: dict[str, Written] = {}
    for pledge in site.catalog.pledges:
        if pledge in site.taken_over:
            reused |= site.taken_over[pledge].pages
            continue
        mine = pledge_fingerprints(site, pledge, key, around)
        fingerprints |= mine
        note = read_note(folder, pledge, key) if manifest else None
        if note is not None:
            noted |= reusable(out, mine, note.pages, manifest)
    reused |= {name: written.sha256 for name, written in noted.items()}
    skip: dict[str, set[str]] = {}
    for name in reused:
        skip.setdefault(name.split("/", 1)[0], set()).add(name)
    frozen = {k: frozenset(v) for k, v in skip.items()}
    return ReusePlan(folder, key, fingerprints, reused, frozen, noted)


def note_folder(root: Path, out: Path) -> Path:
    """Where the notes on renders into `out` are kept, one file per pledge folder."""
    name = hashlib.blake2b(os.path.abspath(out).encode(), digest_size=8).hexdigest()
    return root / CACHE_DIR / code_fingerprint() / f"render-{name}"


def note_path(folder: Path, pledge: str) -> Path:
    return folder / f"{pledge}.json"


def read_note(folder: Path, pledge: str, key: str) -> PledgeNote | None:
    """The note on the pledge in folder `pledge` for renders with `key`; None when it is
    missing, damaged in any way, or made with another key."""
    raw = load_cache_file(note_path(folder, pledge))
    if not isinstance(raw, dict) or raw.get("key") != key:
        return None
    inputs, pages = raw.get("inputs"), raw.get("pages")
    if not isinstance(inputs, str) or not isinstance(pages, dict):
        return None
    found: dict[str, Written] = {}
    prefix = f"{pledge}/"
    make = Written._make
    for name, entry in pages.items():
        # Exact types: a damaged note may hold anything (true is no size). One page
        # wrong and the whole note goes: a pledge taken over must have all its pages.
        if not (name.startswith(prefix) and type(entry) is list and len(entry) == 4):
            return None
        fingerprint, sha256, size, mtime_ns = entry
        if not (
            type(fingerprint) is str
            and type(sha256) is str
            and type(size) is int
            and type(mtime_ns) is int
        ):
            return None
        found[name] = make(entry)
    return PledgeNote(key, inputs, raw.get("summary"), found)


def write_note(folder: Path, pledge: str, note: PledgeNote) -> None:
    """Note a pledge of a render that has been published (a failure to note is no
    failure of the render: the next one makes its pages again)."""
    value = {
        "key": note.key,
        "inputs": note.inputs,
        "summary": note.summary,
        "pages": dict(sorted(note.pages.items())),
    }
    dump_cache_file(note_path(folder, pledge), value, folder)


def remove_notes(folder: Path, *, keep: set[str]) -> None:
    """Take away the notes on pledges the site no longer has."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.endswith(".json") and entry.name[: -len(".json")] not in keep:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


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
        except FileExistsError:
            # Never a copy over it: in a claimed spare it may be the published file.
            raise
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
