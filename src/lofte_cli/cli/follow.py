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
    load_readable,
    user_errors,
)
from lofte_cli.cli.formatters import COVERAGE_FORMATS, HISTORY_FORMATS
from lofte_cli.errors import LofteError
from lofte_cli.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from lofte_cli.coverage.compute import CoverageReport
    from lofte_cli.data.problem import Problem


COVERAGE_SUMMARY = N_("Show what each party has done per commitment, and the gaps.")
COVERAGE_HELP = N_(
    """Show, per commitment and per party that promised it, what the activities show.

done/expected per party, the status in words (met, partial, untouched; nothing recorded
for a pledge without activity files), the progress (the share of what is expected so far
that is done), the latest assessment from the follow-ups and the last activity; below, the
gaps: untouched commitments, parties that have done nothing on a commitment they
promised, and commitments that went quiet.

Examples:

\b
    lofte coverage

\b
    lofte coverage sodra-fyrbodal-2023-2024 --as-of 2023-12-31 --per quarter

\b
    lofte coverage --format json --fail-under 80

\b
    lofte coverage --fail-under-progress 75"""
)


def coverage(
    ctx: typer.Context,
    pledges: Annotated[
        list[str] | None,
        typer.Argument(
            metavar=N_("PLEDGE"),
            help=N_("Pledge ids (default: all)."),
            autocompletion=complete_pledge,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            metavar=N_("DATE"), help=N_("The day to measure on, YYYY-MM-DD (default: today).")
        ),
    ] = None,
    per: Annotated[
        str | None,
        typer.Option(
            metavar=N_("PERIOD"),
            help=N_("Also count per week, month, quarter, tertial, half-year or year."),
        ),
    ] = None,
    output_format: Annotated[
        str, format_option(COVERAGE_FORMATS, N_("table (default), json, markdown or csv."))
    ] = "table",
    fail_under: Annotated[
        float | None,
        typer.Option(
            metavar=N_("PERCENT"),
            callback=percent,
            help=N_("Exit 1 when a pledge's coverage is below PERCENT, 0 to 100 (for CI)."),
        ),
    ] = None,
    fail_under_progress: Annotated[
        float | None,
        typer.Option(
            metavar=N_("PERCENT"),
            callback=percent,
            help=N_(
                "Exit 1 when a pledge's progress (share of the expected work done) is below "
                "PERCENT, 0 to 100 (for CI)."
            ),
        ),
    ] = None,
    quiet_after: Annotated[
        str,
        typer.Option(
            metavar=N_("DURATION"),
            help=N_("A commitment with no activity for this long is quiet: 6m, 90d, 12w, 1y."),
        ),
    ] = "6m",
    force: Annotated[
        bool,
        typer.Option("--force", help=N_("Show files with personal data (L3xx) too; says which.")),
    ] = False,
) -> None:
    """`lofte coverage` (its help is COVERAGE_HELP)."""

    with user_errors():
        loaded = load_readable(ctx, data_root(ctx))
        apply_verdict(lofte.personal_data_verdict(loaded.problems, force=force, action="show"))
        warn_broken_files(loaded.problems)
        report = lofte.compute_coverage(
            loaded.catalog,
            as_of=day_or_today(as_of, "--as-of"),
            pledge_ids=pledges or (),
            per=per,
            quiet_after_days=lofte.parse_duration(quiet_after),
        )
        COVERAGE_FORMATS[output_format](report)
        check_fail_under(report, fail_under, fail_under_progress)


HISTORY_SUMMARY = N_("List the revisions of a pledge and what each one changed.")
HISTORY_HELP = N_(
    """List the revisions of a pledge from git: date, who committed, and which commitments
were added, removed or reworded.

Example:

\b
    lofte history sodra-fyrbodal-2023-2024"""
)


def history(
    ctx: typer.Context,
    pledge: Annotated[
        str | None,
        typer.Argument(
            metavar=N_("PLEDGE"),
            help=N_("The pledge id, or its folder (default: the only pledge)."),
            autocompletion=complete_pledge,
        ),
    ] = None,
    output_format: Annotated[
        str, format_option(HISTORY_FORMATS, N_("text (default) or json."))
    ] = "text",
) -> None:
    """`lofte history` (its help is HISTORY_HELP)."""

    with user_errors():
        HISTORY_FORMATS[output_format](lofte.revisions_of(data_root(ctx), pledge))


def percent(value: float | None) -> float | None:
    """A percentage from 0 to 100 (checked here, so that the help shows no type range)."""
    if value is not None and not 0 <= value <= 100:
        message = _("{value} is not a percentage from 0 to 100")
        raise typer.BadParameter(message.format(value=f"{value:g}"))
    return value


def check_fail_under(
    report: CoverageReport, percent: float | None, progress: float | None = None
) -> None:
    """`--fail-under` and `--fail-under-progress`: fail when a pledge's coverage or progress
    is below its `percent`. A pledge with no activity files has no figure, so it is not
    judged; a line on standard error says so, that a forgotten pledge does not pass
    unnoticed."""
    unjudged = [p.id for p in report.pledges if p.activities_recorded == 0]
    if unjudged and percent is not None:
        message = ngettext(
            "--fail-under does not judge {pledges}: no activities are recorded for it",
            "--fail-under does not judge {pledges}: no activities are recorded for them",
            len(unjudged),
        )
        typer.echo(f"lofte: {message.format(pledges=', '.join(unjudged))}", err=True)
    if unjudged and progress is not None:
        message = ngettext(
            "--fail-under-progress does not judge {pledges}: no activities are recorded for it",
            "--fail-under-progress does not judge {pledges}: no activities are recorded for them",
            len(unjudged),
        )
        typer.echo(f"lofte: {message.format(pledges=', '.join(unjudged))}", err=True)
    failed = [lofte.coverage_below(report, percent), lofte.progress_below(report, progress)]
    if any(failed):
        raise LofteError("; ".join(f for f in failed if f))


def warn_broken_files(problems: list[Problem]) -> None:
    """A line on standard error when files with errors are left out of what is counted."""
    from lofte_cli.publish.publication import files_with_errors

    if broken := files_with_errors(problems):
        message = ngettext(
            "{count} file has errors and is left out or only partly counted; run lofte validate",
            "{count} files have errors and are left out or only partly counted; run lofte validate",
            len(broken),
        )
        typer.echo(f"lofte: {message.format(count=len(broken))}", err=True)
