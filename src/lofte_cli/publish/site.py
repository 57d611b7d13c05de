"""Writing the site: the pages above the pledges here, each pledge's pages in worker
processes when there are many (forked, so they share the loaded data), written as they are
made rather than held in memory all at once. The new site is built beside the old one and
swapped in only when it is whole (see `lofte_cli.staging`): a render that fails part-way
leaves the old site as it was. The site it replaces is kept in the cache as the spare the
next render starts from (see `spare`), so that a render after a small change writes about
as many files as changed. The folder's manifest says what lofte wrote there, so that
the next render replaces only its own files, takes away the pages of what was withdrawn,
and keeps every file a person put there (a CNAME, .nojekyll, robots.txt)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lofte_cli.errors import LofteError
from lofte_cli.i18n import ngettext
from lofte_cli.publish.output_target import (
    SITE_MANIFEST,
    check_site_folder,
    foreign_files,
    links_on_the_way,
    manifest_text,
    stale_files,
)
from lofte_cli.publish.render import (
    pledge_page_names,
    pledge_pages,
    render_markdown,
    site_file_names,
    site_pages,
)
from lofte_cli.publish.reuse import link_pages, plan_reuse
from lofte_cli.publish.site_model import Site
from lofte_cli.publish.spare import open_spare
from lofte_cli.publish.templates import environment
from lofte_cli.staging import publish, staged_folder
from lofte_cli.write import write_atomic, write_new_files

# Fewer activities than this render in this process: starting workers costs more.
_PARALLEL_FROM = 2_000
# What forked workers render from: set before they start, inherited, never pickled.
_JOB: tuple[Site, Path, Path, Path | None] | None = None


@dataclass(frozen=True)
class PublishResult:
    """What a render did to its folder: files written, pages of the last render taken away
    because this one has no such page, and those left because they changed since."""

    written: int
    removed: tuple[str, ...]
    kept: tuple[str, ...]


def render_site(
    site: Site,
    out: Path,
    *,
    formats: Sequence[str],
    templates: Path | None,
    jobs: int | None,
    published: Callable[[], None] = lambda: None,
    use_cache: bool = True,
    inputs: Mapping[str, str] | None = None,
) -> PublishResult:
    """Render and write the site to `out`: a new folder, an empty one, or one lofte
    rendered into before (never the data, never a file a person put there). The new site
    replaces the old one only when it is whole; `published` is called the moment it does.
    With `use_cache`, pages made from the same inputs as last time are taken over, and
    each pledge is noted with its `inputs` (see `takeover`) for the next render."""
    before = check_site_folder(out, root=site.catalog.root)
    names = site_file_names(site, formats)
    linked = links_on_the_way(out, names)
    if linked:
        # The English says "is a link" of one or several; a translation has the form for
        # the count.
        message = ngettext(
            "{folder}: {links} is a link; lofte writes the site only into folders and files "
            "of its own (remove the link, or render into another folder)",
            "{folder}: {links} is a link; lofte writes the site only into folders and files "
            "of its own (remove the link, or render into another folder)",
            len(linked[:5]),
        )
        raise LofteError(message.format(folder=out, links=", ".join(linked[:5])))
    foreign = foreign_files(out, names, before)
    if foreign:
        listed = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
        message = ngettext(
            "{folder}: {count} file(s) there were not written by lofte render and would be "
            "replaced ({files}); move them away, or render into another folder",
            "{folder}: {count} file(s) there were not written by lofte render and would be "
            "replaced ({files}); move them away, or render into another folder",
            len(foreign),
        )
        raise LofteError(message.format(folder=out, count=len(foreign), files=listed))
    plan = plan_reuse(site, out, before, formats=formats, templates=templates, enabled=use_cache)
    enabled = use_cache and "html" in formats
    spare = open_spare(site.catalog.root, out, taken=plan.reused, enabled=enabled)
    with staged_folder(out, claim=spare.claim) as stage:
        link_pages(out, stage.path, spare.to_link(plan.reused))
        written = _write_site(
            site,
            stage.path,
            named=out,
            formats=formats,
            templates=templates,
            jobs=jobs,
            skip=plan.skip,
        )
        notes = plan.notes(stage.path, written)
        made = set(written)
        written |= plan.reused
        remove, keep = stale_files(out, before, set(written))
        # What is kept stays listed, so that every later render names it again until a
        # person removes it.
        kept = {name: before[name] for name in keep if (out / name).is_file()}
        ours = set(written) | set(remove) | {SITE_MANIFEST}
        write_new_files(stage.path, {SITE_MANIFEST: manifest_text({**kept, **written})}, named=out)

        def claim() -> None:
            # Where the files are moved in one by one, the manifest first claims them all,
            # so that a run stopped meanwhile still owns what it moved.
            write_atomic(out / SITE_MANIFEST, manifest_text({**before, **dict.fromkeys(names)}))

        publish(
            stage,
            keep=lambda name: name not in ours,
            remove=remove,
            last=SITE_MANIFEST,
            claim=claim,
            done=published,
            old=lambda folder: spare.keep(folder, differs=made),
        )
    plan.save(site, notes, inputs or {})
    spare.make(out, written, beside=stage.beside)
    return PublishResult(len(written), tuple(remove), tuple(keep))


def _write_site(
    site: Site,
    out: Path,
    *,
    named: Path,
    formats: Sequence[str],
    templates: Path | None,
    jobs: int | None,
    skip: Mapping[str, frozenset[str]],
) -> dict[str, str]:
    """Write the pages into `out` (the stage), naming files in messages by where they
    are published (`named`); of each pledge not those in `skip` (taken over)."""
    env = environment(templates)
    written: dict[str, str] = {}
    if "markdown" in formats:
        written.update(write_new_files(out, render_markdown(site, env), named=named))
    if "html" not in formats:
        return written
    written.update(write_new_files(out, site_pages(site, env), named=named))
    keys = sorted(site.catalog.pledges)
    activities = sum(len(d.activities) for d in site.catalog.pledges.values())
    workers = jobs or int(os.environ.get("LOFTE_JOBS", 0)) or os.cpu_count() or 1
    forking = "fork" in multiprocessing.get_all_start_methods()
    # Only the pledges with pages to make; a pledge taken over whole costs nothing here.
    tasks = [(key, skip.get(key, frozenset())) for key in keys if key not in site.taken_over]
    tasks = [(key, skipped) for key, skipped in tasks if not _all_skipped(site, key, skipped)]
    to_make = sum(len(site.catalog.pledges[key].activities) - len(s) for key, s in tasks)
    if workers <= 1 or min(activities, to_make) < _PARALLEL_FROM or not forking:
        for key, skipped in tasks:
            pages = pledge_pages(site, env, key, skipped)
            written.update(write_new_files(out, pages, named=named))
        return written
    global _JOB
    _JOB = (site, out, named, templates)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for part in pool.imap_unordered(_write_pledge, tasks, chunksize=4):
                written.update(part)
    finally:
        _JOB = None
    return written


def _all_skipped(site: Site, key: str, skipped: frozenset[str]) -> bool:
    return bool(skipped) and len(skipped) == len(pledge_page_names(key, site.catalog.pledges[key]))


def _write_pledge(task: tuple[str, frozenset[str]]) -> dict[str, str]:
    """In a worker: render one pledge's pages (but those taken over) and write them."""
    assert _JOB is not None
    site, out, named, templates = _JOB
    key, skipped = task
    pages = pledge_pages(site, environment(templates), key, skipped)
    return write_new_files(out, pages, named=named)
