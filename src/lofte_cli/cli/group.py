"""The `lofte` command group and its commands: they speak the user's language (the help,
the usage line, mistakes in the call) and take the global options after the command as
well as before it."""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from lofte_cli.cli.usage_errors import usage_error_lines
from lofte_cli.i18n import N_, _, language_from_environment, speaking

USAGE_WORDS = (N_("Usage:"), N_("[OPTIONS]"), N_("COMMAND [ARGS]..."))


class _Speaking:
    """What the group and its commands share: the usage line and `--help` in the user's
    language."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage:") + " ")

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class LofteCommand(_Speaking, TyperCommand):
    """A lofte command, whose help names each argument by what to type (`SÖKVÄG...`),
    never by its Python type (`paths... <list[Path]>`), as the options already are."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((argument_label(param), record[1]))
            else:
                options.append(record)
        for heading, rows in ((_("Arguments"), arguments), (_("Options"), options)):
            if rows:
                with formatter.section(heading):
                    formatter.write_dl(rows)


def argument_label(param: Any) -> str:
    """`PLEDGE`, or `PATH...` for an argument that takes several."""
    name = param.metavar or (param.name or "").upper()
    return f"{name}..." if param.nargs != 1 else name


class LofteGroup(_Speaking, TyperGroup):
    """Typer's group, in the user's language and with global options hoisted."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        with speaking(language_from_environment(os.environ)):
            translate_help(self)
            try:
                result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            except typer.TyperException as exc:
                if not standalone_mode:
                    raise
                _show(exc)
                sys.exit(getattr(exc, "exit_code", 1))
            except typer.Abort:
                if not standalone_mode:
                    raise
                typer.echo(_("Aborted!"), err=True)
                sys.exit(1)
            if standalone_mode:
                sys.exit(result if isinstance(result, int) else 0)
            return result

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_global_options(args, global_options(self)))

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with _interrupted_before_work():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        with _interrupted_before_work():
            return super().invoke(ctx)


@contextmanager
def _interrupted_before_work() -> Iterator[None]:
    """Ctrl-C while the call is read or before a command begins its work (each command
    says itself what an interruption leaves once it has begun): nothing was written."""
    try:
        yield
    except KeyboardInterrupt:
        typer.echo("\nlofte: " + _("interrupted; nothing was written"), err=True)
        raise typer.Exit(130) from None


def _show(exc: Any) -> None:
    if type(exc).__name__ == "NoArgsIsHelpError" or not hasattr(exc, "ctx"):
        exc.show()
        return
    for line in usage_error_lines(exc):
        typer.echo(line, err=True)


def translate_help(command: Any) -> None:
    """Put every help text, short help and metavariable of `command` and its subcommands
    into the active language. They are written as `N_("…")` in the code, because the
    language is known only when lofte runs, long after the decorators did."""
    command.help = _translated(command.help)
    command.short_help = _translated(command.short_help)
    command.epilog = _translated(command.epilog)
    command.options_metavar = _translated(command.options_metavar)
    if getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = _translated(command.subcommand_metavar)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _translated(param.help)
        if param.metavar:
            param.metavar = _translated(param.metavar)
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)


def _translated(text: str | None) -> str | None:
    if not text:
        return text
    found = _(text)
    if found == text:
        found = _(inspect.cleandoc(text))
    return found


def global_options(group: Any) -> dict[str, bool]:
    """The group's own options by name, each with whether it takes a value."""
    names: dict[str, bool] = {}
    for param in group.params:
        if getattr(param, "param_type_name", "") == "option" and not param.is_eager:
            for name in param.opts:
                names[name] = not param.is_flag
    return names


def hoist_global_options(args: list[str], options: dict[str, bool]) -> list[str]:
    """`lofte validate --no-cache` as `lofte --no-cache validate`: the group's options found
    after the command name are moved before it (never past a `--`)."""
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] != "--":
        name, equals, _value = args[i].partition("=")
        i += 2 if options.get(name) and not equals else 1
    if i >= len(args):
        return args
    moved: list[str] = []
    kept: list[str] = []
    rest = args[i + 1 :]
    j = 0
    while j < len(rest):
        arg = rest[j]
        if arg == "--":
            kept.extend(rest[j:])
            break
        name = arg.partition("=")[0]
        if name not in options:
            kept.append(arg)
            j += 1
        elif options[name] and "=" not in arg and j + 1 < len(rest):
            moved.extend(rest[j : j + 2])
            j += 2
        else:
            moved.append(arg)
            j += 1
    return [*args[:i], *moved, args[i], *kept]
