"""`lofte init`: a new data repository, with the checks of its git host, installing lofte
from the source the person setting it up names."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import lofte_cli as lofte
from lofte_cli.cli.app import choice_parser, user_errors
from lofte_cli.i18n import N_, _

INIT_SUMMARY = N_("Start a new data repository with schemas and editor settings.")
INIT_HELP = N_(
    """Start a new data repository: data/pledges/, the schemas and settings for editors.

Also a README for its keepers, VS Code settings that point the YAML extension at the
schemas, the checks of the git host (GitHub: the pull-request workflow and the workflow
that turns an issue from the form into a pull request; GitLab: .gitlab-ci.yml) and a
pre-commit configuration, all installing lofte from --lofte-source. Files already there
are kept.

Examples:

\b
    lofte init medborgarloften && cd medborgarloften && lofte new-pledge

\b
    lofte init medborgarloften --lofte-source git+https://github.com/OWNER/lofte@v0.3.0

\b
    lofte init medborgarloften --host gitlab --lofte-source 0.3.0"""
)

HOST_CHOICES = ("github", "gitlab")


_host = choice_parser("--host", HOST_CHOICES)


LofteSource = Annotated[
    str | None,
    typer.Option(
        "--lofte-source",
        metavar=N_("SOURCE"),
        help=N_(
            "Where the checks install lofte from: a version (0.3.0), a git address "
            "(git+https://github.com/OWNER/lofte@v0.3.0) or a path inside the repository "
            "(./verktyg/lofte). Default: this version of lofte from PyPI."
        ),
        show_default=False,
    ),
]


def init(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar=N_("FOLDER"),
            help=N_("Where to create it (default: here)."),
            file_okay=False,
            show_default=False,
        ),
    ] = Path("."),
    lofte_source: LofteSource = None,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            metavar=N_("HOST"),
            help=N_("github (default) or gitlab: whose checks to write."),
            parser=_host,
        ),
    ] = "github",
) -> None:
    from lofte_cli.edit.lofte_source import default_source, pip_requirement
    from lofte_cli.paths import shown_path

    with user_errors():
        source = pip_requirement(lofte_source) if lofte_source else default_source()
        folder.mkdir(parents=True, exist_ok=True)
        result = lofte.init_repository(folder, source=source, gitlab=host == "gitlab")
        for path in result.created:
            typer.echo(_("created {path}").format(path=shown_path(path)))
        for path in result.kept:
            typer.echo(_("kept    {path} (already there)").format(path=shown_path(path)))
        if result.git_initialised:
            typer.echo(_("git repository initialised"))
        typer.echo(_("lofte is installed from {source}").format(source=source))
        typer.echo(_("Next: cd {folder} && lofte new-pledge").format(folder=shown_path(folder)))
