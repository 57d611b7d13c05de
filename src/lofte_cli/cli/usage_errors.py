"""Mistakes in how lofte was called (an unknown option, a missing value, a number that is
not one), said in the user's language. Typer's own copy of Click writes these in English
only; lofte rebuilds each from what the exception carries."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lofte_cli.i18n import N_, _, ngettext

# Typer checks values with Pydantic; these are its sentences for the types lofte's options
# have, each with the sentence lofte says instead.
_VALUE_MESSAGES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"Input should be a valid integer\b.*"), lambda m: _("write a whole number")),
    (re.compile(r"Input should be a valid number\b.*"), lambda m: _("write a number")),
    (
        re.compile(r"Input should be greater than or equal to (?P<n>\S+?)\.?$"),
        lambda m: _("it must be at least {number}").format(number=m["n"]),
    ),
    (
        re.compile(r"Input should be less than or equal to (?P<n>\S+?)\.?$"),
        lambda m: _("it may be at most {number}").format(number=m["n"]),
    ),
    (
        re.compile(r"Input should be greater than (?P<n>\S+?)\.?$"),
        lambda m: _("it must be more than {number}").format(number=m["n"]),
    ),
    (
        re.compile(r"Input should be less than (?P<n>\S+?)\.?$"),
        lambda m: _("it must be less than {number}").format(number=m["n"]),
    ),
    (
        re.compile(r"(?:File|Directory|Path|file|dir|path) (?P<path>.+) does not exist\."),
        lambda m: _("{path} does not exist").format(path=m["path"]),
    ),
    (
        re.compile(r"(?:File|Directory|Path|file|dir|path) (?P<path>.+) is a file\."),
        lambda m: _("{path} is a file, not a folder").format(path=m["path"]),
    ),
    (
        re.compile(r"(?:File|Directory|Path|file|dir|path) (?P<path>.+) is a directory\."),
        lambda m: _("{path} is a folder, not a file").format(path=m["path"]),
    ),
    (
        re.compile(r"(?:File|Directory|Path|file|dir|path) (?P<path>.+) is not readable\."),
        lambda m: _("{path} cannot be read").format(path=m["path"]),
    ),
    (
        re.compile(r"(?:File|Directory|Path|file|dir|path) (?P<path>.+) is not writable\."),
        lambda m: _("{path} cannot be written to").format(path=m["path"]),
    ),
)

_USAGE_MESSAGES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"Option '(?P<name>[^']+)' requires an argument\."),
        lambda m: _("{option} needs a value.").format(option=m["name"]),
    ),
    (
        re.compile(r"Option '(?P<name>[^']+)' requires (?P<n>\d+) arguments\."),
        lambda m: _("{option} needs {count} values.").format(option=m["name"], count=m["n"]),
    ),
    (
        re.compile(r"Option '(?P<name>[^']+)' does not take a value\."),
        lambda m: _("{option} takes no value.").format(option=m["name"]),
    ),
    (
        re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)"),
        lambda m: _("Too many arguments: {arguments}").format(arguments=m["args"]),
    ),
)

# Typer's own words, which it looks up through gettext in lofte's catalog.
TYPER_TEXTS = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
    N_("Aborted."),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("(dynamic)"),
    N_("(deprecated) "),
    N_("[default: {}]"),
    N_("[env var: {}]"),
    N_("[required]"),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)


def usage_error_lines(exc: Any) -> list[str]:
    """The lines that say what was wrong with the call: the usage, where to find help, and
    the error itself."""
    ctx = getattr(exc, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        lines.append(_("Try '{command} --help' for help.").format(command=ctx.command_path) + "\n")
    lines.append(_("Error: {message}").format(message=usage_error_message(exc)))
    return lines


def usage_error_message(exc: Any) -> str:
    """What was wrong, in the active language."""
    kind = type(exc).__name__
    if kind == "NoSuchOption":
        return _no_such_option(exc.option_name, list(exc.possibilities or ()))
    if kind == "MissingParameter":
        return _missing(exc)
    if kind == "BadParameter":
        return _bad_value(exc)
    head, suggested = _suggestion(exc.message)
    text = _known(head, _USAGE_MESSAGES)
    if not suggested:
        return text
    count = suggested.count(",") + 1
    suggestion = ngettext(
        "Did you mean {options}?", "Did you mean one of {options}?", count
    ).format(options=suggested)
    return f"{text.rstrip('.')}. {suggestion}"


def _suggestion(message: str) -> tuple[str, str]:
    """Typer's "No such command 'x'. Did you mean 'y'?" as the message and the names it
    suggests, so that each is said in the user's language."""
    match = re.fullmatch(r"(?P<head>.*?)\.? Did you mean (?P<names>.+)\?", message.strip())
    return (match["head"] + ".", match["names"]) if match else (message, "")


def _no_such_option(name: str, possibilities: list[str]) -> str:
    text = _("No such option: {option}").format(option=name)
    if not possibilities:
        return text
    suggestion = ngettext(
        "Did you mean {options}?", "Did you mean one of {options}?", len(possibilities)
    ).format(options=", ".join(sorted(possibilities)))
    return f"{text}. {suggestion}"


def _missing(exc: Any) -> str:
    hint = _param_hint(exc)
    if (
        getattr(exc, "param_type", None) == "argument"
        or exc.param is None
        or (getattr(exc.param, "param_type_name", "") == "argument")
    ):
        return _("Missing argument {name}.").format(name=hint)
    return _("Missing option {name}.").format(name=hint)


def _bad_value(exc: Any) -> str:
    message = _known(exc.message, _VALUE_MESSAGES)
    hint = _param_hint(exc)
    if not hint:
        return _("Invalid value: {message}").format(message=message)
    return _("Invalid value for {name}: {message}").format(name=hint, message=message)


def _param_hint(exc: Any) -> str:
    if getattr(exc, "param_hint", None):
        hint = exc.param_hint
        return " / ".join(f"'{h}'" for h in hint) if isinstance(hint, list | tuple) else hint
    param = getattr(exc, "param", None)
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "argument":
        # Typer's arguments name themselves by their metavariable (FIL), Click's by name.
        name = getattr(param, "human_readable_name", None) or param.metavar or param.name
        return f"'{name.upper()}'"
    return "'" + " / ".join(param.opts) + "'"


def _known(
    message: str, table: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...]
) -> str:
    """The sentence lofte says for one of Typer's, or the message as it came (lofte's own
    messages arrive already in the user's language)."""
    for pattern, say in table:
        match = pattern.fullmatch(message.strip())
        if match:
            return say(match)
    return message
