"""The `lofte` command group: it speaks the user's language (the help, the prompts, Click's
own words) and takes the global options after the command as well as before it."""

from __future__ import annotations

import inspect
import os
from collections.abc import Sequence
from typing import Any

import click
from typer.core import TyperGroup

from lofte_cli.i18n import _, language_from_environment, speaking


class LofteGroup(TyperGroup):
    """Typer's group, translated when it runs and with global options hoisted."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        with speaking(language_from_environment(os.environ)):
            translate_help(self)
            return super().main(args, *rest, **options)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_global_options(args, global_options(self)))


def translate_help(command: click.Command) -> None:
    """Put every help text, short help and metavariable of `command` and its subcommands
    into the active language. They are written as `N_("…")` in the code, because the
    language is known only when lofte runs, long after the decorators did."""
    command.help = _translated(command.help)
    command.short_help = _translated(command.short_help)
    command.epilog = _translated(command.epilog)
    for param in command.params:
        if isinstance(param, click.Option) or hasattr(param, "help"):
            param.help = _translated(getattr(param, "help", None))  # type: ignore[attr-defined]
        if param.metavar:
            param.metavar = _translated(param.metavar)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            translate_help(sub)


def _translated(text: str | None) -> str | None:
    if not text:
        return text
    found = _(text)
    if found == text:
        found = _(inspect.cleandoc(text))
    return found


def global_options(group: click.Command) -> dict[str, bool]:
    """The group's own options by name, each with whether it takes a value."""
    names: dict[str, bool] = {}
    for param in group.params:
        if isinstance(param, click.Option) and not param.is_eager:
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
