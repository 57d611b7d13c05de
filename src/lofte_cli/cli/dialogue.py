"""The pieces of lofte's conversation in a terminal: a question asked until its answer
reads, a choice among numbered options (by number, id or name), a yes or a no (`ja`/`nej`
in Swedish), and on standard error what lofte took a typed value for and what the checks
say about a file before it is written. Part of the command-line shell."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.prompt import Prompt
from rich.syntax import Syntax
from rich.table import Table

from lofte_cli.errors import UsageError
from lofte_cli.i18n import N_, _
from lofte_cli.values import Reading, read_yes_no, reading_note

if TYPE_CHECKING:
    from lofte_cli.data.problem import Problem

T = TypeVar("T")


def ask(
    console: Console, label: str, parse: Callable[[str], T], *, default: str | None = None
) -> T:
    """Ask until `parse` accepts the answer; its error message is shown in between."""
    while True:
        answer = Prompt.ask(
            f"[bold]{escape(label)}[/]",
            console=console,
            default=default or "",
            show_default=bool(default),
        )
        try:
            return parse((answer or "").strip())
        except (UsageError, ValueError) as exc:
            console.print(f"[red]✗[/] {escape(str(exc))}")


def say_read(console: Console, reading: Reading) -> None:
    """`→ read as stenungsund (Stenungsunds kommun)`, when an answer was read as another."""
    if reading.changed:
        said = _("read as {value}").format(value=reading.shown)
        console.print(f"  [dim]→ {escape(said)}[/]")


def choose_many(
    console: Console,
    label: str,
    options: Sequence[tuple[str, str]],
    *,
    one: bool = False,
    read: Callable[[str], Reading] | None = None,
) -> tuple[str, ...]:
    """Show numbered options (long texts wrap); accept numbers, ids, or what `read` takes
    for one (a name), several separated by commas."""
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="cyan", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(style="dim", ratio=1)
    for number, (key, description) in enumerate(options, start=1):
        table.add_row(f"  {number}", escape(key), escape(description))
    console.print(table)
    keys = [key for key, _text in options]

    def parse(text: str) -> tuple[str, ...]:
        chosen: list[str] = []
        readings: list[Reading] = []
        for part in _parts(text, keys, read):
            reading = _option(part, keys, read)
            readings.append(reading)
            if reading.value not in chosen:
                chosen.append(reading.value)
        if not chosen:
            raise UsageError(_("choose one") if one else _("choose at least one"))
        if one and len(chosen) > 1:
            raise UsageError(_("choose one"))
        for reading in readings:  # said once the whole answer reads
            say_read(console, reading)
        return tuple(chosen)

    return ask(console, label, parse)


def _option(part: str, keys: Sequence[str], read: Callable[[str], Reading] | None) -> Reading:
    """The option one answer names: by its number, its key, or what `read` takes it for."""
    if part.isdigit() and part not in keys:
        if 1 <= int(part) <= len(keys):
            return Reading(keys[int(part) - 1], keys[int(part) - 1])  # nothing to say
    elif part in keys:
        return Reading(part, part)
    elif read is not None:
        reading = read(part)  # a ValueError names the closest
        if reading.value in keys:
            return reading
    raise UsageError(
        _("{typed} is not one of the choices; give a number or an id").format(typed=repr(part))
    )


def _parts(text: str, keys: Sequence[str], read: Callable[[str], Reading] | None) -> list[str]:
    """The answers in `text`, separated by commas; an answer with spaces that is neither a
    key nor read as one (`1 3`, `polisen stenungsund`) is taken word by word when each word
    is an answer, else whole (so that the complaint names what was typed, not one word)."""
    parts = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        words = part.split()
        several = len(words) > 1 and part not in keys and not _reads(part, read)
        if several and all(w.isdigit() or w in keys or _reads(w, read) for w in words):
            parts.extend(words)
            continue
        parts.append(part)
    return parts


def _reads(text: str, read: Callable[[str], Reading] | None) -> bool:
    if read is None:
        return False
    try:
        read(text)
    except ValueError:
        return False
    return True


def required(what: str) -> Callable[[str], str]:
    """An answer that may not be left empty (`what` names it in the complaint)."""

    def parse(text: str) -> str:
        if not text:
            raise UsageError(_("{what} cannot be empty").format(what=what))
        return text

    return parse


def optional(text: str) -> str | None:
    """An answer that may be left empty (Enter skips it)."""
    return text or None


def several(what: str) -> str:
    """The question for a choice of several: `Parties (numbers or ids, several …)`."""
    return _("{what} (numbers or ids, several separated by commas)").format(what=what)


def ask_repeatedly(
    console: Console, label: str, parse: Callable[[str], T], *, at_least_one: bool = True
) -> list[T]:
    """Ask for items until an empty answer (after at least one, where one is needed)."""
    items: list[T] = []
    while True:
        item = ask(console, label, lambda t: parse(t) if t else None)
        if item is None:
            if items or not at_least_one:
                return items
            message = _("give at least one")
            console.print(f"[red]✗[/] {escape(message)}")
            continue
        items.append(item)


def show_file(console: Console, text: str) -> None:
    console.print(Syntax(text, "yaml", theme="ansi_dark", background_color="default"))


def confirm(console: Console, question: str, *, default: bool = True) -> bool:
    """A yes or a no: `ja`/`nej` (`j`/`n`) in Swedish, `yes`/`no` (`y`/`n`) in English,
    either in both; Enter gives `default`."""
    # TRANSLATORS: the letters of a yes and a no, as the question shows them ([y/n]).
    letters = _("y/n")
    yes, no = letters.split("/") if letters.count("/") == 1 else ("y", "n")
    label = f"{question} [{yes}/{no}]"

    def parse(text: str) -> bool:
        answer = read_yes_no(text)
        return default if answer is None else answer

    return ask(console, label, parse, default=yes if default else no)


SEVERITIES = {"error": N_("error"), "warning": N_("warning")}


def print_readings(readings: Iterable[Reading]) -> None:
    """One line for each value read as another: `lofte: --by Stenungsund: read as …`."""

    for reading in readings:
        if reading.changed:
            typer.echo(f"lofte: {reading_note(reading)}", err=True)


def print_problems(console: Console, problems: Iterable[Problem]) -> None:
    """What the checks say about a file before it is written, one line each."""
    for p in problems:
        colour = "red" if p.severity == "error" else "yellow"
        severity = _(SEVERITIES[p.severity])
        console.print(f"[{colour}]{severity}[/] {p.code} {p.message}", soft_wrap=True)


def said_only_pledge(console: Console, keys: list[str], *, running: bool, day: date) -> bool:
    """When there is one pledge to choose from, say which one is taken (and why) instead
    of asking; whether there was."""
    if len(keys) != 1:
        return False
    only = _("the only one running on {day}") if running else _("the only one")
    why = only.format(day=day)
    console.print(
        _("Pledge: {pledge} ({why})").format(pledge=f"[bold]{escape(keys[0])}[/]", why=why)
    )
    return True
