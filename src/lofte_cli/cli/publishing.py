"""`lofte render`, `lofte report` and `lofte export`: what the public and the council read,
after the guard has said what may go out."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
    use_cache,
    user_errors,
)
from lofte_cli.cli.formatters import EXPORT_FORMATS, RENDER_FORMATS, REPORT_FORMATS
from lofte_cli.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from lofte_cli.publish.site import PublishResult
    from lofte_cli.publish.site_model import Site


RENDER_SUMMARY = N_("Publish the pages: an HTML site and/or Markdown summaries.")
RENDER_HELP = N_(
    """Publish the summary pages: a static HTML site and/or Markdown summaries.

Per pledge a page with the goal, parties, every commitment with its coverage per party
and the latest assessment side by side, the indicators, a timeline of activities and the
activities; a page per party and per activity. No JavaScript, nothing fetched from
another host, good on a phone and on paper.

Examples:

\b
    lofte render

\b
    lofte render --out public --format all --as-of 2024-12-31"""
)


def render(
    ctx: typer.Context,
    out: Annotated[
        Path,
        typer.Option(metavar=N_("FOLDER"), help=N_("Output folder."), file_okay=False),
    ] = Path("site"),
    output_format: Annotated[
        str, format_option(RENDER_FORMATS, N_("html (default), markdown or all."))
    ] = "html",
    templates: Annotated[
        Path | None,
        typer.Option(
            metavar=N_("FOLDER"),
            help=N_("A folder of templates that override the built-in ones by file name."),
            exists=True,
            file_okay=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            metavar=N_("DATE"), help=N_("Coverage as of this day, YYYY-MM-DD (default: today).")
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            metavar=N_("LANGUAGE"),
            help=N_("sv or en for every page (default: each pledge's language)."),
        ),
    ] = None,
    history_authors: Annotated[
        bool,
        typer.Option(
            "--history-authors",
            help=N_(
                "Name who made each change in the change history (their git author "
                "names, checked for personal data); without it the pages show only when "
                "and what."
            ),
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help=N_("Publish files with personal data (L3xx) too; says which.")
        ),
    ] = False,
) -> None:
    """`lofte render` (its help is RENDER_HELP)."""

    published = Published(out)
    with user_errors(interrupted=published.interrupted):
        lofte.check_language(lang)
        formats = RENDER_FORMATS[output_format]
        options: dict[str, Any] = {"formats": formats, "templates": templates}
        with collector_paused() as loaded:
            site, inputs = site_to_render(
                ctx, out, authors=history_authors, force=force, as_of=as_of, lang=lang, **options
            )
            loaded()
            options |= {"jobs": jobs(), "published": published, "use_cache": use_cache(ctx)}
            result = lofte.render_site(site, out, inputs=inputs, **options)
        print_published(result, out, start="index.html" if "html" in formats else "README.md")


REPORT_SUMMARY = N_("Write the follow-up report for the steering group or council.")
REPORT_HELP = N_(
    """Write the follow-up report for a span of time, for the steering group or council.

Per commitment: its status and the parties' assessment, the activities in the span with
their measures against the target, the person-hours spent; then the indicators against
their baseline. As a Word document (--format docx) it is ready to paste into the
council's papers, in the municipality's own styles with --reference-docx.

Examples:

\b
    lofte report sodra-fyrbodal-2023-2024 --from 2023-01-01 --to 2023-12-31 > rapport-2023.md

\b
    lofte report --format docx --out rapport.docx --reference-docx mall.docx"""
)


def report(
    ctx: typer.Context,
    pledge: Annotated[
        str | None,
        typer.Argument(
            metavar=N_("PLEDGE"),
            help=N_("The pledge id (default: the only pledge)."),
            autocompletion=complete_pledge,
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar=N_("DATE"),
            help=N_("First day of the span (default: the pledge's start)."),
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar=N_("DATE"),
            help=N_("Last day of the span (default: today, or the pledge's end)."),
        ),
    ] = None,
    output_format: Annotated[
        str,
        format_option(
            REPORT_FORMATS, N_("markdown (default), html or docx (a Word document; needs --out).")
        ),
    ] = "markdown",
    out: Annotated[
        Path | None,
        typer.Option(
            metavar=N_("FILE"),
            help=N_("Write to this file instead of standard output."),
            dir_okay=False,
        ),
    ] = None,
    reference_docx: Annotated[
        Path | None,
        typer.Option(
            "--reference-docx",
            metavar=N_("FILE"),
            help=N_(
                "A Word document whose styles the report takes (the municipality's own "
                "template, saved as .docx); its text is not used."
            ),
            dir_okay=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(metavar=N_("LANGUAGE"), help=N_("sv or en (default: the pledge's language).")),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help=N_("Report files with personal data (L3xx) too; says which.")),
    ] = False,
) -> None:
    """`lofte report` (its help is REPORT_HELP)."""

    with user_errors():
        root = data_root(ctx)
        lofte.check_report_options(output_format, out=out, reference_docx=reference_docx)
        if out is not None:
            lofte.check_report_file(out, root=root, output_format=output_format, force=force)
        publication = guarded(ctx, root, force=force, action="report")
        write_or_print({out: lofte.make_report(publication.catalog, today=today(), **ctx.params)})


EXPORT_SUMMARY = N_("Export pledges, activities and coverage as open data.")
EXPORT_HELP = N_(
    """Export every pledge, commitment, activity, follow-up and the coverage as open data.

JSON: one document, {"generated", "as_of", "pledges": [...]}, each pledge with its
commitments, indicators, activities, follow-ups and its coverage entry (the shape is
in the README). CSV: activities.csv (a row per activity) and coverage.csv (a row per
commitment and party). Text is UTF-8, å, ä and ö as they are.

Examples:

\b
    lofte export --format json --out lofte.json --as-of 2024-12-31

\b
    lofte export --format csv --out export/ --excel"""
)


def export(
    ctx: typer.Context,
    output_format: Annotated[
        str, format_option(EXPORT_FORMATS, N_("json (default) or csv."))
    ] = "json",
    out: Annotated[
        Path | None,
        typer.Option(
            metavar=N_("PATH"),
            help=N_(
                "json: the file to write (default: standard output); "
                "csv: the folder for activities.csv and coverage.csv (default: export/)."
            ),
        ),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help=N_(
                "CSV for Excel in a Swedish locale: byte-order mark, ';' between cells, "
                "CRLF line ends, decimal comma."
            ),
        ),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            metavar=N_("DATE"), help=N_("Coverage as of this day, YYYY-MM-DD (default: today).")
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help=N_("Export files with personal data (L3xx) too; says which.")),
    ] = False,
) -> None:
    """`lofte export` (its help is EXPORT_HELP)."""

    with user_errors():
        options = lofte.ExportOptions(output_format, out=out, excel=excel)
        root = data_root(ctx)
        publication = guarded(ctx, root, force=force, action="export")
        report = lofte.compute_coverage(publication.catalog, as_of=day_or_today(as_of, "--as-of"))
        outputs = lofte.export_outputs(publication.catalog, report, options, generated=today())
        lofte.check_export_targets(outputs, root=root, force=force)
        write_or_print(outputs)


@contextlib.contextmanager
def collector_paused() -> Iterator[Callable[[], None]]:
    """Python's cycle collector off until the data is loaded (call what this yields), and
    what was loaded set aside from its rounds until the block ends. Loading a national
    repository makes millions of objects and no cycles; each full round would look at all
    of them again (a tenth of the time of a render after one change), and so would every
    round while the pages are made, in this process and in the forked workers."""

    def loaded() -> None:
        gc.freeze()
        gc.enable()

    gc.disable()
    try:
        yield loaded
    finally:
        gc.unfreeze()
        gc.enable()


def site_to_render(
    ctx: typer.Context,
    out: Path,
    *,
    authors: bool,
    force: bool,
    as_of: str | None,
    lang: str | None,
    formats: Sequence[str],
    templates: Path | None,
) -> tuple[Site, dict[str, str]]:
    """What `render` may publish into `out`, as the guard lets it go out: the change
    history (only the HTML pages show it), naming its git authors only when `authors` is
    asked for; the pledges the last render there can stand for taken over whole; and each
    pledge's inputs, to be noted for the next render."""
    html = "html" in formats
    publication = guarded(
        ctx,
        data_root(ctx),
        force=force,
        action="publish",
        history=html,
        history_authors=html and authors,
        only_changed=use_cache(ctx),
    )
    day = day_or_today(as_of, "--as-of")
    plan = lofte.plan_takeover(
        publication,
        out,
        as_of=day,
        language=lang,
        history_authors=html and authors,
        formats=formats,
        templates=templates,
        enabled=use_cache(ctx),
    )
    site = lofte.build_site(
        plan.catalog,
        as_of=day,
        language=lang,
        histories=publication.histories,
        history_authors=html and authors,
        taken_over=plan.taken,
        dates=plan.dates,
    )
    return site, plan.inputs


class Published:
    """Whether a render's new site is in place yet (render_site calls it the moment it
    is), so that what an interruption says is true."""

    def __init__(self, out: Path) -> None:
        self.out, self.done = out, False

    def __call__(self) -> None:
        self.done = True

    def interrupted(self) -> str:
        return render_interrupted(self.out, published=self.done)


def render_interrupted(out: Path, *, published: bool) -> str:
    """What an interrupted render leaves: the old site as it was, or (stopped after the
    swap) the whole new one."""
    if published:
        message = _("interrupted; the new site was already in place in {folder}/")
    else:
        message = _("interrupted; {folder}/ is as it was before this render")
    return message.format(folder=out)


def print_published(result: PublishResult, out: Path, *, start: str) -> None:
    from lofte_cli.paths import shown_path

    for name in result.kept:
        message = _(
            "kept {path}: an earlier render wrote it and this one does not, but it has "
            "changed since (or a render stopped before it could tell); remove it yourself "
            "if it should go"
        )
        typer.echo(f"lofte: {message.format(path=shown_path(out / name))}", err=True)
    folder, opened = shown_path(out), shown_path(out / start)
    written = ngettext(
        "Wrote {count} file to {folder}/", "Wrote {count} files to {folder}/", result.written
    ).format(count=result.written, folder=folder)
    if result.removed:
        removed = ngettext(
            "removed {count} no longer published",
            "removed {count} no longer published",
            len(result.removed),
        ).format(count=len(result.removed))
        # TRANSLATORS: {written} is "Wrote 12 files to site/", {removed} "removed 3 no
        # longer published", {start} the page to open first.
        typer.echo(
            _("{written}, {removed}; open {start}").format(
                written=written, removed=removed, start=opened
            )
        )
    else:
        # TRANSLATORS: {written} is "Wrote 12 files to site/", {start} the page to open first.
        typer.echo(_("{written}; open {start}").format(written=written, start=opened))


def write_or_print(outputs: Mapping[Path | None, str | bytes]) -> None:
    """Each text to its file (None: standard output), the files all or none, then which
    files were written."""
    from lofte_cli.paths import shown_path
    from lofte_cli.write import write_all

    for path, text in outputs.items():
        if path is None:
            typer.echo(text, nl=False)
    write_all({path: text for path, text in outputs.items() if path is not None})
    if written := [shown_path(p) for p in outputs if p is not None]:
        typer.echo(_("Wrote {files}").format(files=", ".join(written)))
