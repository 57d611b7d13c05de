"""Which pledges a render into a folder takes over whole from the last render there,
without reading their activities: at national scale one changed activity must not cost
loading the other 100,000.

A pledge is taken over when everything its pages are made from (`page_inputs.
pledge_inputs`: each file's checked content and date, the pledge, the pledges around it,
the day, the options) is what the last render noted, and every page that render wrote for
it is still in the folder as lofte wrote it (listed by the site's manifest with the same
SHA-256, same size and modification time). What the index and the national pages show of
it comes from the same note. Any doubt, and the pledge is loaded and made as before."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lofte_cli.data.cache import load_cache_file
from lofte_cli.data.file_dates import FileDates
from lofte_cli.data.model import Catalog
from lofte_cli.errors import LofteError
from lofte_cli.plain_data import NotPlain, from_plain
from lofte_cli.publish.output_target import SITE_MANIFEST, read_manifest
from lofte_cli.publish.page_inputs import options_key, pledge_inputs, surroundings
from lofte_cli.publish.page_notes import PledgeSummary, TakenOver
from lofte_cli.publish.publication import Publication
from lofte_cli.publish.reuse import note_folder, note_path


@dataclass(frozen=True)
class Takeover:
    """The catalog a render makes its pages from (every pledge not taken over with all its
    activities), the pledges taken over, and each pledge's inputs, noted for the next."""

    catalog: Catalog
    dates: FileDates
    taken: dict[str, TakenOver] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)


def plan_takeover(
    publication: Publication,
    out: Path,
    *,
    as_of: date,
    language: str | None,
    history_authors: bool,
    formats: Sequence[str],
    templates: Path | None,
    enabled: bool,
) -> Takeover:
    """What a render of `publication` into `out` takes over whole (nothing unless the
    render is of HTML alone and the cache is used: the Markdown pages are made from every
    activity)."""
    catalog = publication.catalog
    if not enabled or tuple(formats) != ("html",) or not publication.folders:
        return Takeover(_complete(publication, set()), FileDates(catalog.root))
    manifest = _manifest(out)
    base = options_key(
        language_override=language,
        history_authors=history_authors,
        histories_read=False,
        formats=formats,
        templates=templates,
    )
    left_out = {os.path.abspath(p) for p in publication.left_out}
    around = surroundings(catalog)
    dates = FileDates(catalog.root)
    folder = note_folder(catalog.root, out)
    inputs: dict[str, str] = {}
    taken: dict[str, TakenOver] = {}
    for key, data in catalog.pledges.items():
        files = publication.folders.get(key)
        if files is None or files.unkeyed or _has_left_out(data.pledge.doc.location, left_out):
            continue
        history = publication.histories.get(key)
        inputs[key] = pledge_inputs(
            catalog,
            key,
            files,
            base=base,
            as_of=as_of,
            around=around,
            dates=dates,
            history=history,
        )
        found = _taken(note_path(folder, key), key, base, inputs[key], out, manifest)
        if found is not None:
            taken[key] = found
    return Takeover(_complete(publication, set(taken)), dates, taken, inputs)


def _taken(
    path: Path, key: str, base: str, inputs: str, out: Path, manifest: Mapping[str, object]
) -> TakenOver | None:
    """The pledge in folder `key` as noted at `path`, when its inputs are `inputs` and
    every page the note lists is in `out` as lofte wrote it: listed by the manifest with
    the same SHA-256, with the same size and modification time. One pass over the note's
    pages, reading them as it checks them (a national site has 100,000)."""
    if not manifest:
        return None
    raw = load_cache_file(path)
    if type(raw) is not dict or raw.get("key") != base or raw.get("inputs") != inputs:
        return None
    noted = raw.get("pages")
    summary = _summary(raw.get("summary"))
    if type(noted) is not dict or not noted or summary is None:
        return None
    prefix, base_path, lstat = f"{key}/", os.fspath(out) + os.sep, os.lstat
    pages: dict[str, str] = {}
    for name, entry in noted.items():
        if type(entry) is not list or len(entry) != 4 or not name.startswith(prefix):
            return None
        _fingerprint, sha256, size, mtime_ns = entry
        if type(sha256) is not str or manifest.get(name) != sha256:
            return None
        try:
            stat = lstat(base_path + name)
        except OSError:
            return None
        if stat.st_size != size or stat.st_mtime_ns != mtime_ns:
            return None
        pages[name] = sha256
    return TakenOver(summary, pages)


def _manifest(out: Path) -> Mapping[str, str | None]:
    """What the last render wrote into `out`; nothing when it cannot tell. Only read: the
    render checks the folder before it writes anything (`output_target.check_site_folder`),
    and says what is wrong with it."""
    path = out / SITE_MANIFEST
    if not path.is_file() or path.is_symlink():
        return {}
    try:
        return read_manifest(path)
    except LofteError:
        return {}


def _complete(publication: Publication, taken: set[str]) -> Catalog:
    pledges = {
        key: data if key in taken else publication.full(key)
        for key, data in publication.catalog.pledges.items()
    }
    return Catalog(publication.catalog.root, pledges)


def _has_left_out(pledge_file: str, left_out: set[str]) -> bool:
    """Whether a file of the pledge is left out for its errors (its pages then differ from
    what its files alone would make)."""
    folder = os.path.dirname(os.path.abspath(pledge_file)) + os.sep
    return any(path.startswith(folder) for path in left_out)


def _summary(value: object) -> PledgeSummary | None:
    try:
        return from_plain(PledgeSummary, value)
    except NotPlain:
        return None
