"""The output formats of each command, by the name `--format` takes: the registry that
feeds the option's choices and prints a result. Each printer imports what it needs when it
runs, so that `lofte --version` and shell completion start fast."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from lofte_cli.coverage.compute import CoverageReport
    from lofte_cli.data.history import Revision
    from lofte_cli.data.validate import ValidationResult


def _validate_text(result: ValidationResult, root: Path) -> None:
    from rich.console import Console

    from lofte_cli.cli.output import print_text

    print_text(
        result,
        Console(highlight=False, emoji=False),
        Console(highlight=False, emoji=False, stderr=True),
    )


def _validate_json(result: ValidationResult, root: Path) -> None:
    from lofte_cli.data.problem_text import json_text

    typer.echo(json_text(result))


def _validate_github(result: ValidationResult, root: Path) -> None:
    from lofte_cli.data.problem_text import github_lines
    from lofte_cli.paths import repository_top

    typer.echo("\n".join(github_lines(result, base=repository_top(root))))


def _validate_sarif(result: ValidationResult, root: Path) -> None:
    from lofte_cli.data.problem_text import sarif_text
    from lofte_cli.paths import repository_top

    # Bytes, so that the log is UTF-8 whatever the console's encoding (cp1252 on a Windows
    # runner would otherwise write å, ä and ö in a form GitHub cannot read).
    typer.echo(sarif_text(result, base=repository_top(root)).encode("utf-8"))


def _validate_gitlab(result: ValidationResult, root: Path) -> None:
    from lofte_cli.data.code_quality import code_quality_report
    from lofte_cli.paths import repository_top

    report = code_quality_report(result, base=repository_top(root))
    typer.echo(json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8"))


VALIDATE_FORMATS: dict[str, Callable[[ValidationResult, Path], None]] = {
    "text": _validate_text,
    "json": _validate_json,
    "github": _validate_github,
    "sarif": _validate_sarif,
    "gitlab": _validate_gitlab,
}


def _coverage_table(report: CoverageReport) -> None:
    from rich.console import Console

    from lofte_cli.cli.output import coverage_table

    # Piped into a file or a CI log there is no terminal width to keep to.
    console = Console(highlight=False, emoji=False, width=None if sys.stdout.isatty() else 160)
    for renderable in coverage_table(report):
        console.print(renderable)


def _coverage_text(name: str) -> Callable[[CoverageReport], None]:
    def show(report: CoverageReport) -> None:
        from lofte_cli.coverage import formats

        text = {
            "json": formats.coverage_json_text,
            "markdown": formats.coverage_markdown,
            "csv": formats.coverage_csv,
        }[name](report)
        typer.echo(text, nl=False)

    return show


COVERAGE_FORMATS: dict[str, Callable[[CoverageReport], None]] = {
    "table": _coverage_table,
    "json": _coverage_text("json"),
    "markdown": _coverage_text("markdown"),
    "csv": _coverage_text("csv"),
}

# What each `render --format` writes.
RENDER_FORMATS: dict[str, tuple[str, ...]] = {
    "html": ("html",),
    "markdown": ("markdown",),
    "all": ("html", "markdown"),
}

REPORT_FORMATS = ("markdown", "html", "docx")
EXPORT_FORMATS = ("json", "csv")


def _history_text(revisions: list[Revision]) -> None:
    from lofte_cli.data.history import history_lines

    for line in history_lines(revisions):
        typer.echo(line)


def _history_json(revisions: list[Revision]) -> None:
    from lofte_cli.data.history import history_json

    typer.echo(json.dumps(history_json(revisions), ensure_ascii=False, indent=2))


HISTORY_FORMATS: dict[str, Callable[[list[Revision]], None]] = {
    "text": _history_text,
    "json": _history_json,
}
