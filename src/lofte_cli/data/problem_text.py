"""Problems as text for people and tools: one line each, the summary, JSON, GitHub
workflow commands, a SARIF log, and the list of rules."""

from __future__ import annotations

import json
from pathlib import Path

from lofte_cli.data.codes import CODES
from lofte_cli.data.problem import Problem
from lofte_cli.data.sarif import sarif_log
from lofte_cli.data.validate import ValidationResult
from lofte_cli.paths import path_from_top, shown_path

FORMATS = ("text", "json", "github", "sarif")


def problem_line(p: Problem) -> str:
    """`path:line:col: severity CODE message`, the plain one-line form."""
    return f"{shown_path(p.path)}:{p.line}:{p.col}: {p.severity} {p.code} {p.message}"


def summary_line(result: ValidationResult) -> str:
    files = "file" if result.files_checked == 1 else "files"
    errors = "error" if result.errors == 1 else "errors"
    warnings = "warning" if result.warnings == 1 else "warnings"
    return (
        f"{result.files_checked} {files} checked: {result.errors} {errors}, "
        f"{result.warnings} {warnings}"
    )


def json_text(result: ValidationResult) -> str:
    """A JSON list of problems (path, line, column, severity, code, message, hint)."""
    return json.dumps(
        [
            {
                "path": shown_path(p.path),
                "line": p.line,
                "column": p.col,
                "severity": p.severity,
                "code": p.code,
                "message": p.message,
                "hint": p.hint,
            }
            for p in result.problems
        ],
        ensure_ascii=False,
        indent=2,
    )


def github_lines(result: ValidationResult, *, base: Path) -> list[str]:
    """Workflow commands, so that problems show on the lines of a pull request; files are
    named from `base`, the top of the repository, as GitHub names them."""
    lines = []
    for p in result.problems:
        props = ",".join(
            f"{k}={_escape_property(v)}"
            for k, v in (
                ("file", path_from_top(p.path, base)),
                ("line", str(p.line)),
                ("col", str(p.col)),
                ("title", f"{p.code} {CODES[p.code].title}"),
            )
        )
        lines.append(f"::{p.severity} {props}::{_escape_data(p.message + ' — ' + p.hint)}")
    lines.append(summary_line(result))
    return lines


def sarif_text(result: ValidationResult, *, base: Path) -> str:
    """The SARIF 2.1.0 log of the run (see `sarif.sarif_log`), Swedish letters as they are."""
    return json.dumps(sarif_log(result, base=base), ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def rules_json() -> str:
    return json.dumps(
        [
            {"code": c.code, "severity": c.severity, "title": c.title, "hint": c.hint}
            for c in CODES.values()
        ],
        ensure_ascii=False,
        indent=2,
    )
