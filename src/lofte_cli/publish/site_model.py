"""What a render works from: the catalog, the coverage as of a day, where files changed,
and the pledges' revisions from git."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from lofte_cli.coverage.compute import CoverageReport, compute_coverage
from lofte_cli.data.file_dates import FileDates
from lofte_cli.data.history import Revision
from lofte_cli.data.model import Catalog

FORMATS = ("html", "markdown", "all")
STYLESHEET = "style.css"
# The accessibility statement (tillgänglighetsredogörelse), linked from every page's footer.
STATEMENT = "tillganglighet.html"


@dataclass(frozen=True)
class Site:
    """What to render: the catalog, the coverage as of a day, where files changed, and the
    pledges' revisions from git (None: read them when a page needs them). The change
    history names who made each revision only with `history_authors`."""

    catalog: Catalog
    report: CoverageReport
    dates: FileDates
    as_of: date
    language_override: str | None = None
    histories: Mapping[str, list[Revision]] | None = None
    history_authors: bool = False


def build_site(
    catalog: Catalog,
    *,
    as_of: date,
    language: str | None = None,
    histories: Mapping[str, list[Revision]] | None = None,
    history_authors: bool = False,
) -> Site:
    report = compute_coverage(catalog, as_of=as_of)
    dates = FileDates(catalog.root)
    return Site(catalog, report, dates, as_of, language, histories, history_authors)
