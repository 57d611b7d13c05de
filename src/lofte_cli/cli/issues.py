"""`lofte forms`, and the `--from-issue` of `add-activity` and `assess`: the path from a
form filled in on GitHub to a checked file. The exit code says whether a file was written
(0), the answers have problems (1, said as a comment with --format markdown), or the event
file is no issue event (2)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from lofte_cli.cli.app import choice_parser, data_root, load_readable, today, user_errors
from lofte_cli.i18n import N_, _, speaking

FORMS_SUMMARY = N_("Write the GitHub issue forms for logging activities and follow-ups.")
FORMS_HELP = N_(
    """Write the GitHub issue forms made from the pledges, in the pledges' language.

.github/ISSUE_TEMPLATE/lofte-aktivitet.yml asks for an activity (date, parties, commitments,
title, description, place, participants, each measure a commitment counts, hours, links);
.github/ISSUE_TEMPLATE/lofte-uppfoljning.yml for a follow-up (commitment, status, comment,
date). An issue made from them is read by add-activity --from-issue and assess --from-issue.
Run it again when the pledges change. A file there that lofte did not write is left alone
unless you give --force.

Example:

\b
    lofte forms"""
)

ISSUE_FORMATS = ("text", "markdown")


_issue_format = choice_parser("--format", ISSUE_FORMATS)


# The options of `add-activity` and `assess` that read an issue instead of flags.
FromIssue = Annotated[
    Path | None,
    typer.Option(
        "--from-issue",
        metavar=N_("FILE"),
        help=N_(
            "Read the answers from a GitHub issues event (JSON) of an issue made with "
            "the form of lofte forms; exit 0 when a file is written, 1 on problems."
        ),
    ),
]
IssueFormat = Annotated[
    str,
    typer.Option(
        "--format",
        metavar=N_("FORMAT"),
        help=N_("With --from-issue: text (default), or markdown (a comment for the issue)."),
        parser=_issue_format,
    ),
]


def forms(
    ctx: typer.Context,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Replace forms that lofte did not write."))
    ] = False,
    lofte_source: Annotated[
        str | None,
        typer.Option(
            "--lofte-source",
            metavar=N_("SOURCE"),
            help=N_(
                "Where the workflow installs lofte from: a version (0.3.0), a git address "
                "or a path inside the repository. Default: what the workflow lofte wrote "
                "installs now, else this version of lofte from PyPI."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    from lofte_cli.cli.app import print_written
    from lofte_cli.data.form_stamp import FORMS_DIR
    from lofte_cli.edit.issue_forms import plan_forms, workflow_source, write_forms

    with user_errors():
        root = data_root(ctx, writes="forms")
        catalog = load_readable(ctx, root).catalog
        source = workflow_source(root, lofte_source)
        planned = plan_forms(catalog, today=today(), source=source)
        write_forms(root, planned, force=force)
        print_written(root / FORMS_DIR.parent, "Wrote", "Formulär för lofte")


def from_issue(ctx: typer.Context, event_file: Path, output_format: str, *, kind: str) -> None:
    """Read the event, write the file its answers give, say the problems; exit 0/1/2."""
    from lofte_cli.edit import from_issue as core

    run = core.activity_issue if kind == "activity" else core.followup_issue
    with user_errors():
        event = core.read_event(event_file)
        root = data_root(ctx, writes="add-activity" if kind == "activity" else "assess")
        catalog = load_readable(ctx, root).catalog
        language = core.issue_language(catalog, today()) if output_format == "markdown" else None
        with speaking(language) if language else nullcontext():
            outcome = run(catalog, event, today=today())
            if language:
                typer.echo(core.markdown_comment(outcome, root), nl=False)
        if not language:
            _print_text(event.number, outcome.problems, outcome.path)
    raise typer.Exit(0 if outcome.path is not None else 1)


def _print_text(number: int, problems: Sequence[str], path: Path | None) -> None:
    for problem in problems:
        typer.echo(
            _("lofte: issue #{number}: {problem}").format(number=number, problem=problem),
            err=True,
        )
    if path is not None:
        typer.echo(_("Wrote {path}").format(path=path))
