"""`lofte render`, `lofte report` and `lofte export`: what the public and the council read,
after the guard has said what may go out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

import lofte_cli as lofte
from lofte_cli.cli.app import (
    complete_pledge,
    data_root,
    day_or_today,
    format_option,
    guarded,
    jobs,
    today,
    user_errors,
)
from lofte_cli.cli.formatters import EXPORT_FORMATS, RENDER_FORMATS, REPORT_FORMATS

if TYPE_CHECKING:
    from lofte_cli.publish.site import PublishResult


def render(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option(help="Output folder.", file_okay=False)] = Path("site"),
    output_format: Annotated[
        str, format_option(RENDER_FORMATS, "html (default), markdown or all.")
    ] = "html",
    templates: Annotated[
        Path | None,
        typer.Option(
            help="A folder of templates that override the built-in ones by file name.",
            exists=True,
            file_okay=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option(help="Coverage as of this day, YYYY-MM-DD (default: today).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="sv or en for every page (default: each pledge's language).")
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Publish files with personal data (L3xx) too; says which."),
    ] = False,
) -> None:
    """Publish the summary pages: a static HTML site and/or Markdown summaries.

    Per pledge a page with the goal, parties, every commitment with its coverage per party
    and the latest assessment side by side, the indicators, a timeline of activities and the
    activities; a page per party and per activity. No JavaScript, nothing fetched from
    another host, good on a phone and on paper.

    Examples:

    \b
        lofte render

    \b
        lofte render --out public --format all --as-of 2024-12-31
    """

    with user_errors(interrupted=render_interrupted(out)):
        lofte.check_language(lang)
        formats = RENDER_FORMATS[output_format]
        html = "html" in formats
        publication = guarded(ctx, data_root(ctx), force=force, action="publish", history=html)
        site = lofte.build_site(
            publication.catalog,
            as_of=day_or_today(as_of, "--as-of"),
            language=lang,
            histories=publication.histories,
        )
        result = lofte.render_site(site, out, formats=formats, templates=templates, jobs=jobs())
        print_published(result, out, start="index.html" if html else "README.md")


def report(
    ctx: typer.Context,
    pledge: Annotated[
        str | None,
        typer.Argument(
            help="The pledge id (default: the only pledge).", autocompletion=complete_pledge
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--from", help="First day of the span (default: the pledge's start)."),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help="Last day of the span (default: today, or the pledge's end)."),
    ] = None,
    output_format: Annotated[
        str, format_option(REPORT_FORMATS, "markdown (default) or html.")
    ] = "markdown",
    out: Annotated[
        Path | None,
        typer.Option(help="Write to this file instead of standard output.", dir_okay=False),
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="sv or en (default: the pledge's language).")
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Report files with personal data (L3xx) too; says which."),
    ] = False,
) -> None:
    """Write the follow-up report for a span of time, for the steering group or council.

    Per commitment: its status and the parties' assessment, the activities in the span with
    their measures against the target, the person-hours spent; then the indicators against
    their baseline.

    Example:

    \b
        lofte report sodra-fyrbodal-2023-2024 --from 2023-01-01 --to 2023-12-31 > rapport-2023.md
    """

    with user_errors():
        root = data_root(ctx)
        if out is not None:
            lofte.check_output_file(out, root=root, command="report", force=force)
        publication = guarded(ctx, root, force=force, action="report")
        write_or_print({out: lofte.make_report(publication.catalog, today=today(), **ctx.params)})


def export(
    ctx: typer.Context,
    output_format: Annotated[str, format_option(EXPORT_FORMATS, "json (default) or csv.")] = "json",
    out: Annotated[
        Path | None,
        typer.Option(
            help="json: the file to write (default: standard output); "
            "csv: the folder for activities.csv and coverage.csv (default: export/)."
        ),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="CSV for Excel in a Swedish locale: byte-order mark, ';' between cells, "
            "CRLF line ends, decimal comma.",
        ),
    ] = False,
    as_of: Annotated[
        str | None, typer.Option(help="Coverage as of this day, YYYY-MM-DD (default: today).")
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Export files with personal data (L3xx) too; says which."),
    ] = False,
) -> None:
    """Export every pledge, commitment, activity, follow-up and the coverage as open data.

    JSON: one document, {"generated", "as_of", "pledges": [...]}, each pledge with its
    commitments, indicators, activities, follow-ups and its coverage entry (the shape is
    in the README). CSV: activities.csv (a row per activity) and coverage.csv (a row per
    commitment and party). Text is UTF-8, å, ä and ö as they are.

    Examples:

    \b
        lofte export --format json --out lofte.json --as-of 2024-12-31

    \b
        lofte export --format csv --out export/ --excel
    """

    with user_errors():
        options = lofte.ExportOptions(output_format, out=out, excel=excel)
        root = data_root(ctx)
        publication = guarded(ctx, root, force=force, action="export")
        report = lofte.compute_coverage(publication.catalog, as_of=day_or_today(as_of, "--as-of"))
        outputs = lofte.export_outputs(publication.catalog, report, options, generated=today())
        lofte.check_export_targets(outputs, root=root, force=force)
        write_or_print(outputs)


def render_interrupted(out: Path) -> str:
    return (
        f"interrupted; {out}/ may hold part of the new site beside the old one: run lofte "
        "render again before publishing it"
    )


def print_published(result: PublishResult, out: Path, *, start: str) -> None:
    from lofte_cli.paths import shown_path

    for name in result.kept:
        typer.echo(
            f"lofte: kept {shown_path(out / name)}: an earlier render wrote it and this one "
            "does not, but it has changed since (or a render stopped before it could tell); "
            "remove it yourself if it should go",
            err=True,
        )
    removed = f", removed {len(result.removed)} no longer published" if result.removed else ""
    typer.echo(
        f"Wrote {result.written} files to {shown_path(out)}/{removed}; "
        f"open {shown_path(out / start)}"
    )


def write_or_print(outputs: dict[Path | None, str]) -> None:
    """Each text to its file (None: standard output), then which files were written."""
    from lofte_cli.paths import shown_path
    from lofte_cli.write import write_files

    for path, text in outputs.items():
        if path is None:
            typer.echo(text, nl=False)
        else:
            write_files(path.parent, {path.name: text})
    if written := [shown_path(p) for p in outputs if p is not None]:
        typer.echo(f"Wrote {', '.join(written)}")
