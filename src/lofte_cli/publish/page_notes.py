"""What a render notes of each pledge for the next render into the same folder: what its
pages were made from, the files it wrote, and what the pages above the pledges show of it.
A pledge whose pages would be made from the same inputs is then taken over whole, without
reading its activities (see `takeover`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from lofte_cli.coverage.compute import PledgeCoverage


class Written(NamedTuple):
    """A page as lofte wrote it into the site (a tuple: the notes hold 100,000 of them, and
    JSON writes a tuple as the list it is read back from)."""

    fingerprint: str
    sha256: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class PledgeSummary:
    """What the index and the national pages show of one pledge: its coverage on the day,
    how many of its activities are done, and when its files last changed."""

    coverage: PledgeCoverage
    done: int
    updated: date | None


@dataclass(frozen=True)
class TakenOver:
    """A pledge whose every page stands in the site as the last render wrote it."""

    summary: PledgeSummary
    pages: Mapping[str, str]  # each page by path, with its SHA-256
