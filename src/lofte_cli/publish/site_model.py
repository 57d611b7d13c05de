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
    pledges' revisions from git (None: read them when a page needs them)."""

    catalog: Catalog
    report: CoverageReport
    dates: FileDates
    as_of: date
    language_override: str | None = None
    histories: Mapping[str, list[Revision]] | None = None


def build_site(
    catalog: Catalog,
    *,
    as_of: date,
    language: str | None = None,
    histories: Mapping[str, list[Revision]] | None = None,
) -> Site:
    report = compute_coverage(catalog, as_of=as_of)
    return Site(catalog, report, FileDates(catalog.root), as_of, language, histories)
