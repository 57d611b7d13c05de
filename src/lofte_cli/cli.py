"""The `lofte` command line: options in, one core call, output and an exit code out."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from lofte_cli import __version__
from lofte_cli.errors import DataRootNotFound, LofteError, UsageError

if TYPE_CHECKING:
    from lofte_cli.validate import ValidationResult

app = typer.Typer(
    name="lofte",
    help=(
        "Keep medborgarlöften (pledges of police and municipalities) and the activities "
        "that fulfil them as YAML files in git.\n\n"
        "Example: lofte validate"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the core's errors into one line on stderr and an exit code; a bug in lofte
    gets its own line (LOFTE_DEBUG=1 shows the traceback)."""
    try:
        yield
    except LofteError as exc:
        if os.environ.get("LOFTE_DEBUG"):
            raise
        typer.echo(f"lofte: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:
        if os.environ.get("LOFTE_DEBUG"):
            raise
        typer.echo(
            f"lofte: internal error (a bug in lofte, not in your data): {exc!r}; "
            "run again with LOFTE_DEBUG=1 to see the traceback, and report it",
            err=True,
        )
        raise typer.Exit(3) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lofte {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            envvar="LOFTE_DATA",
            help="The data repository (the folder holding data/pledges/). "
            "Default: found by walking up from the current folder.",
            file_okay=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.obj = data


def _data_root(ctx: typer.Context, near: Path | None = None) -> Path:
    from lofte_cli.paths import find_data_root

    override: Path | None = ctx.obj
    try:
        return find_data_root(Path.cwd(), override=override)
    except DataRootNotFound:
        if override is not None or near is None:
            raise
        return find_data_root(near if near.is_dir() else near.parent)


def _today() -> date:
    """Today, or LOFTE_TODAY (YYYY-MM-DD) so that runs can be reproduced."""
    fixed = os.environ.get("LOFTE_TODAY")
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        raise UsageError(f"LOFTE_TODAY={fixed!r} is not a date (YYYY-MM-DD)") from None


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to check (default: the whole data repository)."),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", help="text (default), json, or github (workflow commands)."),
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="List the rules and their codes, then stop.")
    ] = False,
) -> None:
    """Check every pledge, activity and follow-up against the schemas and the rules.

    Reports every problem as path:line:col with a code (L1xx structure and references,
    L2xx dates, L3xx personal data). Exit code 0 when there are no errors (warnings
    allowed), 1 when there are, 2 when lofte was called wrongly.

    Examples:

        lofte validate

        lofte validate data/pledges/sodra-fyrbodal-2023-2024/activities/

        lofte validate --format github --strict
    """
    from lofte_cli import output

    with user_errors():
        if output_format not in output.FORMATS:
            raise UsageError(
                f"--format {output_format!r}: choose one of {', '.join(output.FORMATS)}"
            )
        if list_rules:
            _print_rules(output_format)
            return
        from lofte_cli.validate import validate as run_validate

        wanted = paths or []
        root = _data_root(ctx, near=wanted[0].resolve() if wanted else None)
        result = run_validate(root, paths=wanted, today=_today(), strict=strict)
        _print_result(result, output_format)
        raise typer.Exit(1 if result.errors else 0)


def _print_rules(output_format: str) -> None:
    from rich.console import Console

    from lofte_cli import output

    if output_format == "json":
        typer.echo(output.rules_json())
    else:
        Console(soft_wrap=True).print(output.rules_table())


def _print_result(result: ValidationResult, output_format: str) -> None:
    from rich.console import Console

    from lofte_cli import output

    if output_format == "json":
        typer.echo(output.json_text(result))
    elif output_format == "github":
        typer.echo("\n".join(output.github_lines(result)))
    else:
        output.print_text(result, Console(highlight=False))


def main() -> None:
    """The console script."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("lofte: interrupted; nothing was written\n")
        sys.exit(130)
