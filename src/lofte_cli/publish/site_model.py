"""What a render works from: the catalog, the coverage as of a day, where files changed,
the pledges' revisions from git, and the pledges taken over whole from the last render."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from lofte_cli.coverage.compute import QUIET_AFTER_DAYS, CoverageReport, compute_coverage
from lofte_cli.data.file_dates import FileDates
from lofte_cli.data.history import Revision
from lofte_cli.data.model import Catalog, PledgeData
from lofte_cli.publish.page_notes import PledgeSummary, TakenOver

FORMATS = ("html", "markdown", "all")
STYLESHEET = "style.css"
# The accessibility statement (tillgänglighetsredogörelse), linked from every page's footer.
STATEMENT = "tillganglighet.html"


@dataclass(frozen=True)
class Site:
    """What to render: the catalog, the coverage as of a day, where files changed, and the
    pledges' revisions from git (None: read them when a page needs them). The change
    history names who made each revision only with `history_authors`. A pledge in
    `taken_over` keeps every page the last render wrote; the catalog need not hold its
    activities, and what the pages above the pledges show of it is in its summary."""

    catalog: Catalog
    report: CoverageReport
    dates: FileDates
    as_of: date
    language_override: str | None = None
    histories: Mapping[str, list[Revision]] | None = None
    history_authors: bool = False
    taken_over: Mapping[str, TakenOver] = field(default_factory=dict)
    _summaries: dict[str, PledgeSummary] = field(default_factory=dict, compare=False)

    def summary(self, key: str) -> PledgeSummary:
        """What the index and the national pages show of the pledge in folder `key`."""
        if key in self.taken_over:
            return self.taken_over[key].summary
        if key not in self._summaries:
            data = self.catalog.pledges[key]
            coverage = next(p for p in self.report.pledges if p.id == data.pledge.id)
            done = sum(a.status == "done" for a in data.activities)
            updated = self.dates.latest(files_of(data))
            self._summaries[key] = PledgeSummary(coverage, done, updated)
        return self._summaries[key]


def files_of(data: PledgeData) -> Iterator[str]:
    """The locations of a pledge's files (as text: a lookup of its date needs no Path)."""
    yield data.pledge.doc.location
    yield from (a.doc.location for a in data.activities)
    yield from (f.doc.location for f in data.followups)


def build_site(
    catalog: Catalog,
    *,
    as_of: date,
    language: str | None = None,
    histories: Mapping[str, list[Revision]] | None = None,
    history_authors: bool = False,
    taken_over: Mapping[str, TakenOver] | None = None,
    dates: FileDates | None = None,
) -> Site:
    """The site as of `as_of`; the coverage of a pledge in `taken_over` is the one noted.
    `dates`: where the files' dates were already looked up (git is asked once)."""
    taken = taken_over or {}
    computed = [key for key in sorted(catalog.pledges) if key not in taken]
    report = compute_coverage(catalog, as_of=as_of, pledge_ids=computed) if computed else None
    found = dict(zip(computed, report.pledges, strict=True)) if report else {}
    pledges = tuple(
        taken[key].summary.coverage if key in taken else found[key]
        for key in sorted(catalog.pledges)
    )
    quiet = report.quiet_after_days if report else QUIET_AFTER_DAYS
    whole = CoverageReport(as_of, None, quiet, pledges)
    dates = dates or FileDates(catalog.root)
    return Site(catalog, whole, dates, as_of, language, histories, history_authors, taken)
