"""Problems as text for people and tools: one line each, the summary, JSON, GitHub
workflow commands, a SARIF log, and the list of rules. Messages, hints, titles, severity
words and the summary follow the active language; codes, positions, keys and the severity
values of the machine formats do not."""

from __future__ import annotations

import json
from pathlib import Path

from lofte_cli.data.codes import CODES, Severity
from lofte_cli.data.problem import Problem
from lofte_cli.data.sarif import sarif_log
from lofte_cli.data.validate import ValidationResult
from lofte_cli.i18n import _, ngettext, pgettext
from lofte_cli.paths import path_from_top, shown_path

FORMATS = ("text", "json", "github", "sarif")


def severity_word(severity: Severity) -> str:
    """`error` or `warning` as a person reads it in the active language (fel, varning)."""
    if severity == "error":
        # TRANSLATORS: the severity of a problem, before its code: "… 6:15: error L103 …"
        return pgettext("severity", "error")
    # TRANSLATORS: the severity of a problem, before its code: "… 6:15: warning L117 …"
    return pgettext("severity", "warning")


def problem_line(p: Problem) -> str:
    """`path:line:col: severity CODE message`, the plain one-line form."""
    return (
        f"{shown_path(p.path)}:{p.line}:{p.col}: {severity_word(p.severity)} {p.code} {p.message}"
    )


def summary_line(result: ValidationResult) -> str:
    """`30 files checked: 2 errors, 1 warning`, in the active language."""
    files = ngettext("{count} file checked", "{count} files checked", result.files_checked).format(
        count=result.files_checked
    )
    errors = ngettext("{count} error", "{count} errors", result.errors).format(count=result.errors)
    warnings = ngettext("{count} warning", "{count} warnings", result.warnings).format(
        count=result.warnings
    )
    # TRANSLATORS: {files} is "30 files checked", {errors} "2 errors", {warnings} "1 warning".
    return _("{files}: {errors}, {warnings}").format(files=files, errors=errors, warnings=warnings)


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
