"""`lofte validate`: every file against the schemas and the rules, in the format asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import lofte_cli as lofte
from lofte_cli.cli.app import (
    data_root,
    format_option,
    today,
    use_cache,
    user_errors,
)
from lofte_cli.cli.formatters import VALIDATE_FORMATS
from lofte_cli.errors import UsageError
from lofte_cli.i18n import N_, _

VALIDATE_SUMMARY = N_("Check every file against the schemas and the rules.")
VALIDATE_HELP = N_(
    """Check every pledge, activity and follow-up against the schemas and the rules.

Reports every problem as path:line:col with a code (L1xx structure and references,
L2xx dates, L3xx personal data) and says how to fix it. Exit code 0 when there are no
errors (warnings allowed), 1 when there are, 2 when lofte was called wrongly.

Examples:

\b
    lofte validate

\b
    lofte validate data/pledges/sodra-fyrbodal-2023-2024/activities/

\b
    lofte validate --format github --strict

\b
    lofte validate --format sarif > lofte.sarif

\b
    lofte validate --format gitlab > gl-code-quality-report.json"""
)


def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar=N_("PATH"),
            help=N_("Files or folders to check (default: the whole data repository)."),
        ),
    ] = None,
    output_format: Annotated[
        str,
        format_option(
            VALIDATE_FORMATS,
            N_(
                "text (default), json, github (workflow commands), sarif (a SARIF 2.1.0 "
                "log) or gitlab (a GitLab code quality report)."
            ),
        ),
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help=N_("Treat warnings as errors."))] = False,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help=N_("List the rules and their codes, then stop."))
    ] = False,
) -> None:
    """`lofte validate` (its help is VALIDATE_HELP)."""

    with user_errors():
        if list_rules:
            print_rules(output_format)
            return
        wanted = paths or []
        root = data_root(ctx, near=wanted[0].resolve() if wanted else None)
        result = lofte.validate(
            root, paths=wanted, today=today(), strict=strict, use_cache=use_cache(ctx)
        )
        VALIDATE_FORMATS[output_format](result, root)
        raise typer.Exit(1 if result.errors else 0)


def print_rules(output_format: str) -> None:
    """The rules and their codes, as a table or as JSON."""
    from rich.console import Console

    from lofte_cli.cli.output import rules_table
    from lofte_cli.data.problem_text import rules_json

    if output_format == "sarif":
        raise UsageError(
            _(
                "--list-rules --format sarif: every `lofte validate --format sarif` log lists "
                "the rules (tool.driver.rules); use --list-rules with --format text or json"
            )
        )
    if output_format == "json":
        typer.echo(rules_json())
    else:
        Console(soft_wrap=True).print(rules_table())
