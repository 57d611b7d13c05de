"""A problem found in the data: where it is, its code and severity, and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lofte_cli.data.codes import CODES, Severity
from lofte_cli.data.document import START, Position


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of `lofte validate`; sorts by file and line."""

    path: Path
    line: int
    col: int
    code: str
    message: str
    severity: Severity

    @property
    def hint(self) -> str:
        return CODES[self.code].hint


def problem(code: str, path: Path, message: str, position: Position = START) -> Problem:
    """A problem with the severity its code carries."""
    return Problem(path, position.line, position.col, code, message, CODES[code].severity)
