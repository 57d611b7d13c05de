"""What each page of a pledge is made from, as a short fingerprint: a render whose output
folder holds the page made from the same inputs leaves it as it is, so that after one
changed activity only the pages that show it are made again.

An activity's page shows the activity and its pledge (title, parties, commitments,
measures, notice), its status in words on the day, and the file's last-change date. The
pledge's other pages (its page, how it is counted, the parties, the feeds) show all of its
files, the coverage on the day and the pledges around it (which one supersedes it). Every
page also depends on lofte's own code and catalogs, the templates, the formats and the
options of the render: those go into the key every fingerprint starts from.
Pure but for reading the templates' bytes."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from lofte_cli.data.cache import code_fingerprint
from lofte_cli.data.file_dates import FileDates
from lofte_cli.data.loader import PledgeFiles
from lofte_cli.data.model import Catalog
from lofte_cli.paths import template_dir
from lofte_cli.publish.contexts import activity_status_text, language
from lofte_cli.publish.render import pledge_page_names
from lofte_cli.publish.site_model import Site


def render_key(site: Site, *, formats: Sequence[str], templates: Path | None) -> str:
    """What every page depends on beyond its data."""
    return options_key(
        language_override=site.language_override,
        history_authors=site.history_authors,
        histories_read=site.histories is None,
        formats=formats,
        templates=templates,
    )


def options_key(
    *,
    language_override: str | None,
    history_authors: bool,
    histories_read: bool,
    formats: Sequence[str],
    templates: Path | None,
) -> str:
    """`render_key` from the render's options themselves, before there is a site."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (
        code_fingerprint(),
        ",".join(sorted(formats)),
        repr(language_override),
        repr(history_authors),
        repr(histories_read),
    ):
        digest.update(part.encode() + b"\0")
    for folder in (template_dir(), templates):
        if folder is None:
            continue
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def pledge_inputs(
    catalog: Catalog,
    key: str,
    files: PledgeFiles,
    *,
    base: str,
    as_of: date,
    around: str,
    dates: FileDates,
    history: object,
) -> str:
    """Everything the pages of the pledge in folder `key` are made from, without its
    activities: each file by its checked content (the loader's result key) and the day
    its pages say it changed, the pledge's model, the pledges around it, the day of the
    render and its options (`base`), its change history; `around` is `surroundings` of the
    catalog. Equal inputs make equal pages."""
    data = catalog.pledges[key]
    folder = os.path.dirname(data.pledge.doc.location) + os.sep
    parts = [base, as_of.isoformat(), around, repr(data.pledge), repr(history)]
    mtimes = files.mtimes
    for relative, result in sorted(files.keys):
        day = dates.committed(folder + relative)
        if day is None and relative in mtimes:
            # As `FileDates.of` dates a file git does not know, from the time read once.
            day = datetime.fromtimestamp(mtimes[relative] / 1e9).date()
        parts += [relative, result, str(day)]
    return _digest(*parts)


def pledge_fingerprints(
    site: Site, key: str, base: str, around: str | None = None
) -> dict[str, str]:
    """Each HTML page of the pledge in folder `key`, by path, and what it is made from."""
    data = site.catalog.pledges[key]
    # The pledge's model is long (every commitment): hashed once, not into every page's key.
    pledge_part = _digest(repr(data.pledge))
    lang = language(site, data.pledge)
    own: dict[str, str] = {}
    around = surroundings(site.catalog) if around is None else around
    parts = [base, site.as_of.isoformat(), around, pledge_part]
    for activity in data.activities:
        # Each activity's model and date once: its own page and the pledge's pages use them.
        said, changed = repr(activity), repr(site.dates.of(activity.doc.location))
        parts += [said, changed]
        status = activity_status_text(activity, site.as_of, lang)
        own[f"{key}/activities/{activity.id}.html"] = _digest(
            base, pledge_part, said, status, changed
        )
    for followup in data.followups:
        parts += [repr(followup), repr(site.dates.of(followup.doc.location))]
    parts.append(repr(site.dates.of(data.pledge.doc.location)))
    if site.histories is not None:
        parts.append(repr(site.histories.get(key)))
    whole = _digest(*parts)
    return {**dict.fromkeys(pledge_page_names(key, data), whole), **own}


def surroundings(catalog: Catalog) -> str:
    """What a pledge's pages say of the other pledges: which supersedes which, and when."""
    return repr(
        sorted(
            (
                k,
                d.pledge.id,
                d.pledge.title,
                str(d.pledge.start),
                str(d.pledge.end),
                str(d.pledge.supersedes),
            )
            for k, d in catalog.pledges.items()
        )
    )


def _digest(*parts: str) -> str:
    text = "\0".join(parts)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
