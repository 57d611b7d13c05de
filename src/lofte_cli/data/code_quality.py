"""GitLab's code quality report (a subset of the Code Climate format): the problems of one
run of `lofte validate`, which GitLab shows on the changed lines of a merge request."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from lofte_cli.data.codes import Severity
from lofte_cli.data.problem import Problem
from lofte_cli.data.validate import ValidationResult
from lofte_cli.paths import path_from_top

# GitLab's words for how bad a finding is; an error stops the merge request's check.
SEVERITIES: dict[Severity, str] = {"error": "major", "warning": "minor"}
# The values a message quotes ('kommun-9', '19811218-9876'): the same in every language.
QUOTED = re.compile(r"'([^'\n]*)'")


def code_quality_report(result: ValidationResult, *, base: Path) -> list[dict[str, Any]]:
    """The report as plain data for `json.dumps`; files named from `base`, the top of the
    repository, as GitLab names them."""
    seen: dict[str, int] = {}
    issues = []
    for p in result.problems:
        path = path_from_top(p.path, base)
        key = "\0".join([path, p.code, *QUOTED.findall(p.message)])
        seen[key] = seen.get(key, 0) + 1
        issues.append(_issue(p, path, f"{key}\0{seen[key]}"))
    return issues


def _issue(p: Problem, path: str, key: str) -> dict[str, Any]:
    # GitLab tells a finding fixed from one still there by its fingerprint: the same problem
    # in the same file (the first, second … of its kind) keeps it when lines above it move,
    # and when the job runs in another language (the key is the file, the code and the
    # values the message quotes, never its words).
    return {
        "type": "issue",
        "check_name": p.code,
        "description": f"{p.code} {p.message} — {p.hint}",
        "categories": ["Bug Risk" if p.severity == "error" else "Style"],
        "severity": SEVERITIES[p.severity],
        "fingerprint": hashlib.sha256(key.encode()).hexdigest(),
        "location": {"path": path, "lines": {"begin": p.line}},
    }
