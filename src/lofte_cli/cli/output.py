"""Presenting results: validation problems as text, JSON, GitHub workflow commands or a
SARIF log, and the rule list. The only module that styles text."""

from __future__ import annotations

import json
import os
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from lofte_cli.data.codes import CODES
from lofte_cli.data.problem import Problem
from lofte_cli.data.sarif import sarif_log
from lofte_cli.data.validate import ValidationResult
from lofte_cli.paths import path_from_top

FORMATS = ("text", "json", "github", "sarif")


def shown_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(Path(path).resolve()) if relative.startswith("..") else relative


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


def print_text(result: ValidationResult, console: Console, advice: Console | None = None) -> None:
    """One line per problem and the summary on `console`; each rule's advice once on
    `advice` (standard error), so that standard output stays one problem per line."""
    for p in result.problems:
        colour = "red" if p.severity == "error" else "yellow"
        console.print(
            f"{escape(shown_path(p.path))}:{p.line}:{p.col}: [{colour}]{p.severity}[/] "
            f"[bold]{p.code}[/] {escape(p.message)}",
            soft_wrap=True,
            highlight=False,
        )
    codes = sorted({p.code for p in result.problems})
    if codes:
        hints = advice or console
        hints.print("How to fix:", highlight=False)
        for code in codes:
            hints.print(
                f"  [bold]{code}[/] {escape(CODES[code].hint)}", highlight=False, soft_wrap=True
            )
    style = "red" if result.errors else ("yellow" if result.warnings else "green")
    console.print(f"[{style}]{summary_line(result)}[/]", highlight=False)


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


def rules_table() -> Table:
    table = Table(title="lofte validate: rules", title_justify="left")
    for column in ("code", "severity", "problem", "how to fix it"):
        table.add_column(column)
    for code in CODES.values():
        table.add_row(code.code, code.severity, code.title, code.hint)
    return table


def rules_json() -> str:
    return json.dumps(
        [
            {"code": c.code, "severity": c.severity, "title": c.title, "hint": c.hint}
            for c in CODES.values()
        ],
        ensure_ascii=False,
        indent=2,
    )
