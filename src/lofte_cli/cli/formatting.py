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
from lofte_cli.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from lofte_cli.edit.fmt import FormatReport

FMT_INTERRUPTED = N_(
    "interrupted; the files listed as reformatted above were written, every other file is as it was"
)

FMT_SUMMARY = N_("Rewrite the data files in the canonical layout, comments kept.")
FMT_HELP = N_(
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
    lofte fmt --diff data/pledges/sodra-fyrbodal-2023-2024/"""
)


def fmt(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar=N_("PATH"),
            help=N_("Files or folders to format (default: every data file)."),
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help=N_("Change nothing; list the files that would change, exit 1 if any."),
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help=N_("Change nothing; show the changes as a unified diff.")),
    ] = False,
) -> None:
    """`lofte fmt` (its help is FMT_HELP)."""

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
        if f.problem:
            typer.echo(problem_line(f.problem), err=True)
        else:
            message = _("{path}: left as it is: {reason}")
            typer.echo(message.format(path=shown_path(f.path), reason=f.refused), err=True)


def print_rewritten(outcomes: Iterator[tuple[Path, bool]]) -> list[tuple[Path, bool]]:
    """Each file as it is written, so that an interruption leaves a true list."""
    from lofte_cli.paths import shown_path

    seen = []
    for path, done in outcomes:
        if done:
            typer.echo(_("reformatted {path}").format(path=shown_path(path)))
        else:
            message = _("{path}: changed while lofte fmt ran; left as it is, run lofte fmt again")
            typer.echo(f"lofte: {message.format(path=shown_path(path))}", err=True)
        seen.append((path, done))
    return seen


def print_format_summary(
    report: FormatReport, outcomes: list[tuple[Path, bool]], *, check: bool
) -> None:
    from lofte_cli.paths import shown_path

    if check:
        for path, _done in outcomes:
            typer.echo(_("would reformat {path}").format(path=shown_path(path)))
    changed = sum(1 for _path, done in outcomes if done or check)
    same = len(report.files) - len(report.changed) - len(report.failed)
    counts = [
        (
            ngettext("{count} would change", "{count} would change", changed)
            if check
            else ngettext("{count} reformatted", "{count} reformatted", changed),
            changed,
        ),
        (ngettext("{count} already formatted", "{count} already formatted", same), same),
    ]
    if failed := len(report.failed):
        counts.append(
            (
                ngettext("{count} not formatted (above)", "{count} not formatted (above)", failed),
                failed,
            )
        )
    if moved := len(outcomes) - changed:
        counts.append(
            (
                ngettext(
                    "{count} changed meanwhile (above)", "{count} changed meanwhile (above)", moved
                ),
                moved,
            )
        )
    typer.echo(", ".join(text.format(count=n) for text, n in counts))


def print_diff(report: FormatReport) -> None:
    from lofte_cli.edit.fmt import unified_diff
    from lofte_cli.paths import shown_path

    for f in report.changed:
        typer.echo(unified_diff(f, name=shown_path(f.path)), nl=False)
