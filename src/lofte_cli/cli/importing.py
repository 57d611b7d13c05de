"""`lofte import`: a spreadsheet of activities into activity files, all or none."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

import lofte_cli as lofte
from lofte_cli.cli.app import (
    complete_pledge,
    data_root,
    today,
    use_cache,
    user_errors,
)
from lofte_cli.errors import LofteError

if TYPE_CHECKING:
    from lofte_cli.edit.activity_import import ImportPlan
    from lofte_cli.edit.sheet import Sheet

MAX_LISTED = 1000  # problems of one import shown; a sheet with more is the wrong sheet


def import_activities(
    ctx: typer.Context,
    sheet_file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A .csv or .xlsx file: a header row, then one activity per row.",
        ),
    ],
    pledge: Annotated[
        str | None,
        typer.Option(
            help="The pledge the rows belong to (default: the sheet's pledge column, or the "
            "only pledge).",
            autocompletion=complete_pledge,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row and list the files; write none.")
    ] = False,
    ignore_unknown_columns: Annotated[
        bool,
        typer.Option(
            "--ignore-unknown-columns",
            help="Leave out columns lofte does not know (a sheet's own notes) with a warning, "
            "instead of refusing the sheet.",
        ),
    ] = False,
) -> None:
    """Turn a spreadsheet of activities into activity files, all or none.

    The columns are those of `lofte export --format csv` (pledge, id, date, end_date,
    status, by, commitments, title, description, place, partners, target_groups,
    participants, hours, measures, links) in any order; Swedish headers work too (Datum,
    Slutdatum, Utförare, Åtaganden, Titel, Beskrivning, Plats, Samverkanspartner,
    Målgrupper, Deltagare, Timmar, Mått, Länkar). Lists are separated by ';', measures
    written NAME=N, links as an address and then a title. Every row is checked as
    `lofte add-activity` checks a new activity; every problem is listed by row and column,
    and nothing is written unless every row is valid. A row whose activity is already
    there unchanged is left alone, so importing a sheet twice adds nothing the second time.

    Examples:

    \b
        lofte import aktiviteter.xlsx --dry-run

    \b
        lofte import aktiviteter.xlsx --pledge sodra-fyrbodal-2023-2024

    \b
        lofte import export/activities.csv
    """

    with user_errors():
        sheet = lofte.read_sheet(sheet_file)
        root = data_root(ctx, writes="import")
        catalog = lofte.load_catalog(root, use_cache=use_cache(ctx)).catalog
        ignore = ignore_unknown_columns
        plan = lofte.plan_import(
            catalog, sheet, pledge_id=pledge, today=today(), ignore_unknown=ignore
        )
        print_import_problems(sheet, plan, sheet_file)
        if dry_run:
            print_import_plan(plan)
            return
        print_imported(lofte.write_import(plan), plan, root, sheet_file)


def print_import_problems(sheet: Sheet, plan: ImportPlan, sheet_file: Path) -> None:
    """Every problem by row and column (at most MAX_LISTED); nothing is imported with errors."""
    from lofte_cli.edit.activity_import import issue_line

    for issue in plan.issues[:MAX_LISTED]:
        typer.echo(issue_line(sheet, issue), err=True)
    if len(plan.issues) > MAX_LISTED:
        typer.echo(f"… and {len(plan.issues) - MAX_LISTED:,} more problems", err=True)
    if plan.errors:
        rows = len({i.row for i in plan.errors})
        raise LofteError(
            f"nothing imported: {len(plan.errors)} error(s) in {rows} row(s) of "
            f"{sheet_file}; fix them and run again"
        )


def print_import_plan(plan: ImportPlan) -> None:
    from lofte_cli.paths import shown_path

    for item in plan.rows:
        verb = "would write" if item.new else "unchanged  "
        typer.echo(f"{verb} {shown_path(item.path)}")
    unchanged = len(plan.rows) - len(plan.new)
    typer.echo(f"{len(plan.new)} new, {unchanged} unchanged; dry run, nothing written")


def print_imported(written: list[Path], plan: ImportPlan, root: Path, sheet_file: Path) -> None:
    from lofte_cli.paths import PLEDGES_DIR, shown_path

    for path in written:
        typer.echo(f"Wrote {shown_path(path)}")
    typer.echo(f"{len(written)} new, {len(plan.rows) - len(plan.new)} unchanged")
    if written:
        typer.echo(
            f"Next: git add {shown_path(root / PLEDGES_DIR)} && git commit -m "
            f'"Aktiviteter från {sheet_file.name}", then open a pull request.'
        )
