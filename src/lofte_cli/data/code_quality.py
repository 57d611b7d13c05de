"""GitLab's code quality report (a subset of the Code Climate format): the problems of one
run of `lofte validate`, which GitLab shows on the changed lines of a merge request."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from lofte_cli.data.codes import Severity
from lofte_cli.data.problem import Problem
from lofte_cli.data.validate import ValidationResult
from lofte_cli.paths import path_from_top

# GitLab's words for how bad a finding is; an error stops the merge request's check.
SEVERITIES: dict[Severity, str] = {"error": "major", "warning": "minor"}


def code_quality_report(result: ValidationResult, *, base: Path) -> list[dict[str, Any]]:
    """The report as plain data for `json.dumps`; files named from `base`, the top of the
    repository, as GitLab names them."""
    seen: dict[tuple[str, str, str], int] = {}
    issues = []
    for p in result.problems:
        path = path_from_top(p.path, base)
        key = (path, p.code, p.message)
        seen[key] = seen.get(key, 0) + 1
        issues.append(_issue(p, path, seen[key]))
    return issues


def _issue(p: Problem, path: str, occurrence: int) -> dict[str, Any]:
    # GitLab tells a finding fixed from one still there by its fingerprint: the same problem
    # in the same file (the first, second … of its kind) keeps it when lines above it move.
    fingerprint = f"{path}\0{p.code}\0{p.message}\0{occurrence}"
    return {
        "type": "issue",
        "check_name": p.code,
        "description": f"{p.code} {p.message} — {p.hint}",
        "categories": ["Bug Risk" if p.severity == "error" else "Style"],
        "severity": SEVERITIES[p.severity],
        "fingerprint": hashlib.sha256(fingerprint.encode()).hexdigest(),
        "location": {"path": path, "lines": {"begin": p.line}},
    }
