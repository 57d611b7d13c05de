"""`lofte fmt`: every data file in the canonical layout, each file reported as it is written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

import lofte_cli as lofte
from lofte_cli.cli.app import (
    data_root,
    jobs,
    user_errors,
)

if TYPE_CHECKING:
    from lofte_cli.edit.fmt import FormatReport

FMT_INTERRUPTED = (
    "interrupted; the files listed as reformatted above were written, every other file is as it was"
)


def fmt(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to format (default: every data file)."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Change nothing; list the files that would change, exit 1 if any."
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Change nothing; show the changes as a unified diff."),
    ] = False,
) -> None:
    """Rewrite pledges, activities and follow-ups in the canonical layout.

    Keys in the order of the schema, 2-space indentation, quotes only where they are
    needed, one final newline, and the schema comment on the first line of activities and
    follow-ups. Every comment is kept and moves with the key it stands above. Formatting
    twice changes nothing more. Files that do not parse are reported and left alone.
    Exit code 0 when all is well, 1 when a file does not parse or, with --check, when a
    file would change.

    Examples:

    \b
        lofte fmt

    \b
        lofte fmt data/pledges/sodra-fyrbodal-2023-2024/activities/

    \b
        lofte fmt --check

    \b
        lofte fmt --diff data/pledges/sodra-fyrbodal-2023-2024/
    """

    with user_errors(interrupted=FMT_INTERRUPTED):
        wanted, check = paths or [], check or diff
        near = wanted[0].resolve() if wanted else None
        root = data_root(ctx, near=near, writes="" if check else "fmt")
        report = lofte.check_formatting(root, wanted, jobs=jobs())
        print_unformatted(report)
        if diff:
            print_diff(report)
        writes = lofte.write_formatted(report, root)
        outcomes = [(f.path, False) for f in report.changed] if check else print_rewritten(writes)
        print_format_summary(report, outcomes, check=check)
        raise typer.Exit(lofte.format_exit_code(report, outcomes, check=check))


def print_unformatted(report: FormatReport) -> None:
    from lofte_cli.data.problem_text import problem_line
    from lofte_cli.paths import shown_path

    for f in report.failed:
        line = (
            problem_line(f.problem)
            if f.problem
            else f"{shown_path(f.path)}: left as it is: {f.refused}"
        )
        typer.echo(line, err=True)


def print_rewritten(outcomes: Iterator[tuple[Path, bool]]) -> list[tuple[Path, bool]]:
    """Each file as it is written, so that an interruption leaves a true list."""
    from lofte_cli.paths import shown_path

    seen = []
    for path, done in outcomes:
        if done:
            typer.echo(f"reformatted {shown_path(path)}")
        else:
            typer.echo(
                f"lofte: {shown_path(path)}: changed while lofte fmt ran; left as it is, "
                "run lofte fmt again",
                err=True,
            )
        seen.append((path, done))
    return seen


def print_format_summary(
    report: FormatReport, outcomes: list[tuple[Path, bool]], *, check: bool
) -> None:
    from lofte_cli.paths import shown_path

    if check:
        for path, _ in outcomes:
            typer.echo(f"would reformat {shown_path(path)}")
    changed = sum(1 for _, done in outcomes if done or check)
    same = len(report.files) - len(report.changed) - len(report.failed)
    summary = f"{changed} {'would change' if check else 'reformatted'}, {same} already formatted"
    if report.failed:
        summary += f", {len(report.failed)} not formatted (above)"
    if len(outcomes) > changed:
        summary += f", {len(outcomes) - changed} changed meanwhile (above)"
    typer.echo(summary)


def print_diff(report: FormatReport) -> None:
    from lofte_cli.edit.fmt import unified_diff
    from lofte_cli.paths import shown_path

    for f in report.changed:
        typer.echo(unified_diff(f, name=shown_path(f.path)), nl=False)
