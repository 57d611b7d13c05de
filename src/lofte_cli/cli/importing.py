"""`lofte import`: a spreadsheet of activities into activity files, all or none."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

import lofte_cli as lofte
from lofte_cli.cli.app import (
    complete_pledge,
    data_root,
    load_readable,
    today,
    user_errors,
)
from lofte_cli.errors import LofteError
from lofte_cli.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from lofte_cli.edit.activity_import import ImportPlan
    from lofte_cli.edit.sheet import Sheet

MAX_LISTED = 1000  # problems of one import shown; a sheet with more is the wrong sheet


IMPORT_SUMMARY = N_("Turn a spreadsheet of activities into activity files.")
IMPORT_HELP = N_(
    """Turn a spreadsheet of activities into activity files, all or none.

The columns are those of `lofte export --format csv` (pledge, id, date, end_date, status, by,
commitments, title, description, place, partners, target_groups, participants, hours,
measures, links) in any order; Swedish headers work too (Datum, Slutdatum, Utförare,
Åtaganden, Titel, Beskrivning, Plats, Samverkanspartner, Målgrupper, Deltagare, Timmar, Mått,
Länkar). Lists are separated by ';', measures written NAME=N, links as an address and then a
title. Values are read as `lofte add-activity` reads them: parties by id or name (Polisen,
Stenungsunds kommun), commitments as polis-3 or "Polis 3", statuses and dates in Swedish or
English (Genomförd, 15 mars 2023); a line says what each was read as. Every row is checked as
`lofte add-activity` checks a new activity; every problem of every row is listed by row and
column, and nothing is written unless every row is valid. A row whose activity is already
there unchanged is left alone, so importing a sheet twice adds nothing the second time.

Examples:

\b
    lofte import aktiviteter.xlsx --dry-run

\b
    lofte import aktiviteter.xlsx --pledge sodra-fyrbodal-2023-2024

\b
    lofte import export/activities.csv"""
)


def import_activities(
    ctx: typer.Context,
    sheet_file: Annotated[
        Path,
        typer.Argument(
            metavar=N_("FILE"),
            help=N_("A .csv or .xlsx file: a header row, then one activity per row."),
            show_default=False,
        ),
    ],
    pledge: Annotated[
        str | None,
        typer.Option(
            metavar=N_("PLEDGE"),
            help=N_(
                "The pledge the rows belong to (default: the sheet's pledge column, or the "
                "only pledge)."
            ),
            autocompletion=complete_pledge,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help=N_("Check every row and list the files; write none.")),
    ] = False,
    ignore_unknown_columns: Annotated[
        bool,
        typer.Option(
            "--ignore-unknown-columns",
            help=N_(
                "Leave out columns lofte does not know (a sheet's own notes) with a warning, "
                "instead of refusing the sheet."
            ),
        ),
    ] = False,
) -> None:
    with user_errors():
        sheet = lofte.read_sheet(sheet_file)
        root = data_root(ctx, writes="import")
        catalog = load_readable(ctx, root).catalog
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
    """What lofte took values for, then every problem by row and column (at most
    MAX_LISTED); nothing is imported with errors."""
    from lofte_cli.edit.activity_import import issue_line, reading_lines
    from lofte_cli.edit.sheet import grouped
    from lofte_cli.values import reading_note

    if plan.pledge_reading is not None:
        typer.echo(f"lofte: {reading_note(plan.pledge_reading)}", err=True)
    for line in reading_lines(plan):
        typer.echo(line, err=True)
    for issue in plan.issues[:MAX_LISTED]:
        typer.echo(issue_line(sheet, issue), err=True)
    if len(plan.issues) > MAX_LISTED:
        more = len(plan.issues) - MAX_LISTED
        typer.echo(
            ngettext("… and {count} more problem", "… and {count} more problems", more).format(
                count=grouped(more)
            ),
            err=True,
        )
    if plan.errors:
        errors, rows = len(plan.errors), len({i.row for i in plan.errors})
        raise LofteError(
            # TRANSLATORS: {errors} is "3 errors", {rows} is "2 rows".
            _("nothing imported: {errors} in {rows} of {file}; fix them and run again").format(
                errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
                rows=ngettext("{count} row", "{count} rows", rows).format(count=rows),
                file=sheet_file,
            )
        )


def print_import_plan(plan: ImportPlan) -> None:
    from lofte_cli.paths import shown_path

    for item in plan.rows:
        if item.new:
            typer.echo(_("would write {path}").format(path=shown_path(item.path)))
        else:
            typer.echo(_("unchanged   {path}").format(path=shown_path(item.path)))
    typer.echo(
        _("{new} new, {unchanged} unchanged; dry run, nothing written").format(
            new=len(plan.new), unchanged=len(plan.rows) - len(plan.new)
        )
    )


def print_imported(written: list[Path], plan: ImportPlan, root: Path, sheet_file: Path) -> None:
    from lofte_cli.paths import PLEDGES_DIR, shown_path

    for path in written:
        typer.echo(_("Wrote {path}").format(path=shown_path(path)))
    typer.echo(
        _("{new} new, {unchanged} unchanged").format(
            new=len(written), unchanged=len(plan.rows) - len(plan.new)
        )
    )
    if written:
        # The same next step as after any written file (print_written), for the folder.
        hint = _('Next: git add {path} && git commit -m "{message}", then open a pull request.')
        message = f"Aktiviteter från {sheet_file.name}"
        typer.echo(hint.format(path=shown_path(root / PLEDGES_DIR), message=message))
