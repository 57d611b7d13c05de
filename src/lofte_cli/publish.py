"""Writing the site: the pages above the pledges here, each pledge's pages in worker
processes when there are many (forked, so they share the loaded data), written as they are
made rather than held in memory all at once."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from pathlib import Path

from lofte_cli.render import (
    Site,
    environment,
    pledge_pages,
    render_markdown,
    site_pages,
)
from lofte_cli.write import write_files

# Fewer activities than this render in this process: starting workers costs more.
_PARALLEL_FROM = 2_000
# What forked workers render from: set before they start, inherited, never pickled.
_JOB: tuple[Site, Path, Path | None] | None = None


def publish_site(
    site: Site, out: Path, *, formats: Sequence[str], templates: Path | None, jobs: int | None
) -> int:
    """Render and write the site to `out`; returns how many files were written."""
    env = environment(templates)
    written = 0
    if "markdown" in formats:
        written += len(write_files(out, render_markdown(site, env)))
    if "html" not in formats:
        return written
    written += len(write_files(out, site_pages(site, env)))
    keys = sorted(site.catalog.pledges)
    activities = sum(len(d.activities) for d in site.catalog.pledges.values())
    workers = jobs or int(os.environ.get("LOFTE_JOBS", 0)) or os.cpu_count() or 1
    forking = "fork" in multiprocessing.get_all_start_methods()
    if workers <= 1 or activities < _PARALLEL_FROM or not forking:
        return written + sum(len(write_files(out, pledge_pages(site, env, k))) for k in keys)
    global _JOB
    _JOB = (site, out, templates)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            written += sum(pool.imap_unordered(_write_pledge, keys, chunksize=4))
    finally:
        _JOB = None
    return written


def _write_pledge(key: str) -> int:
    """In a worker: render one pledge's pages and write them."""
    assert _JOB is not None
    site, out, templates = _JOB
    return len(write_files(out, pledge_pages(site, environment(templates), key)))
