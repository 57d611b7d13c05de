"""`lofte coverage` and `lofte history`: what the activities show per commitment and party,
and how a pledge was revised."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

import lofte_cli as lofte
from lofte_cli.cli.app import (
    apply_verdict,
    complete_pledge,
    data_root,
    day_or_today,
    format_option,
    use_cache,
    user_errors,
)
from lofte_cli.cli.formatters import COVERAGE_FORMATS, HISTORY_FORMATS
from lofte_cli.errors import LofteError

if TYPE_CHECKING:
    from lofte_cli.data.problem import Problem


def coverage(
    ctx: typer.Context,
    pledges: Annotated[
        list[str] | None,
        typer.Argument(help="Pledge ids (default: all).", autocompletion=complete_pledge),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option(help="The day to measure on, YYYY-MM-DD (default: today).")
    ] = None,
    per: Annotated[
        str | None,
        typer.Option(help="Also count per week, month, quarter, tertial, half-year or year."),
    ] = None,
    output_format: Annotated[
        str, format_option(COVERAGE_FORMATS, "table (default), json, markdown or csv.")
    ] = "table",
    fail_under: Annotated[
        float | None,
        typer.Option(
            min=0, max=100, help="Exit 1 when a pledge's coverage is below PERCENT (for CI)."
        ),
    ] = None,
    quiet_after: Annotated[
        str,
        typer.Option(
            help="A commitment with no activity for this long is quiet: 6m, 90d, 12w, 1y."
        ),
    ] = "6m",
    force: Annotated[
        bool,
        typer.Option("--force", help="Show files with personal data (L3xx) too; says which."),
    ] = False,
) -> None:
    """Show, per commitment and per party that promised it, what the activities show.

    done/expected per party, the status in words (met, partial, untouched), the latest
    assessment from the follow-ups and the last activity; below, the gaps: untouched
    commitments, parties that have done nothing on a commitment they promised, and
    commitments that went quiet.

    Examples:

    \b
        lofte coverage

    \b
        lofte coverage sodra-fyrbodal-2023-2024 --as-of 2023-12-31 --per quarter

    \b
        lofte coverage --format json --fail-under 80
    """

    with user_errors():
        loaded = lofte.load_catalog(data_root(ctx), use_cache=use_cache(ctx))
        apply_verdict(lofte.personal_data_verdict(loaded.problems, force=force, action="show"))
        warn_broken_files(loaded.problems, "counted")
        report = lofte.compute_coverage(
            loaded.catalog,
            as_of=day_or_today(as_of, "--as-of"),
            pledge_ids=pledges or (),
            per=per,
            quiet_after_days=lofte.parse_duration(quiet_after),
        )
        COVERAGE_FORMATS[output_format](report)
        if failed := lofte.coverage_below(report, fail_under):
            raise LofteError(failed)


def history(
    ctx: typer.Context,
    pledge: Annotated[
        str | None,
        typer.Argument(
            help="The pledge id, its folder (default: the only pledge).",
            autocompletion=complete_pledge,
        ),
    ] = None,
    output_format: Annotated[
        str, format_option(HISTORY_FORMATS, "text (default) or json.")
    ] = "text",
) -> None:
    """List the revisions of a pledge from git: date, who committed, and which commitments
    were added, removed or reworded.

    Example:

    \b
        lofte history sodra-fyrbodal-2023-2024
    """

    with user_errors():
        HISTORY_FORMATS[output_format](lofte.revisions_of(data_root(ctx), pledge))


def warn_broken_files(problems: list[Problem], verb: str) -> None:
    """A line on standard error when files with errors are left out of what is shown."""
    from lofte_cli.publish.publication import files_with_errors

    if broken := files_with_errors(problems):
        typer.echo(
            f"lofte: {len(broken)} file(s) have errors and are left out or only partly "
            f"{verb}; run lofte validate",
            err=True,
        )
