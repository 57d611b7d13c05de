"""The questions `lofte assess` asks in a terminal for what its flags leave out, as
`add-activity` does: which pledge (when several run), which commitment (a number, its id or
as people write it), how it stands (in Swedish or English), a public comment and the day,
offered inside the pledge's period. Each answer is read as the flags are and said back when
lofte took it for something else. Part of the command-line shell."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from rich.console import Console

from lofte_cli.cli.app import in_terminal
from lofte_cli.cli.dialogue import ask, choose_many, optional, said_only_pledge, say_read
from lofte_cli.data.model import Catalog, Pledge
from lofte_cli.edit.activity_fields import active_pledges, default_day
from lofte_cli.edit.assessment import check_assess_options
from lofte_cli.edit.readers import read_commitment, read_pledge
from lofte_cli.i18n import _
from lofte_cli.values import Reading, read_assessment_status, read_day


def will_ask(commitment: str | None, status: str | None, indicators: object) -> bool:
    """Whether lofte asks: in a terminal, when the flags leave out what an assessment
    needs; elsewhere such a call is refused (a usage error) before any data is read."""
    leaves_out = (commitment is None and not indicators) or (
        commitment is not None and status is None
    )
    if leaves_out and in_terminal():
        return True
    check_assess_options(commitment, status, indicators)
    return False


def completed(
    catalog: Catalog, given: Mapping[str, Any], *, asking: bool, today: date
) -> Mapping[str, Any]:
    """The flags of `lofte assess` (`given`, as named), with what they left out answered
    when lofte is `asking`."""
    return ask_followup(catalog, given, today=today) if asking else given


def ask_followup(catalog: Catalog, given: Mapping[str, Any], *, today: date) -> dict[str, Any]:
    """The flags of `lofte assess` (`given`, as named) with what they left out answered."""
    console = Console(highlight=False, emoji=False, stderr=True)
    answers = dict(given)
    if given.get("commitment") is None:
        pledge = _which_pledge(console, catalog, given.get("pledge"), today)
        answers["pledge"] = pledge.id
        answers["commitment"] = _which_commitment(console, pledge)
    if given.get("status") is None:
        answers["status"] = _how_it_stands(console)
    if given.get("comment") is None:
        label = _("Comment, public (Enter to skip)")
        answers["comment"] = ask(console, label, optional)
    if given.get("commitment") is None and given.get("day") is None:
        answers["day"] = _which_day(console, catalog, answers["pledge"], today)
    return answers


def _which_pledge(console: Console, catalog: Catalog, typed: str | None, today: date) -> Pledge:
    if typed is not None:
        return catalog.pledges[read_pledge(catalog, typed).value].pledge
    active = active_pledges(catalog, today)
    keys = active or sorted(catalog.pledges)
    if said_only_pledge(console, keys, running=bool(active), day=today):
        return catalog.pledges[keys[0]].pledge
    console.print(_("Which pledge is the follow-up for?"))
    options = [(k, catalog.pledges[k].pledge.title) for k in keys]
    label = _("Pledge (a number or an id)")
    chosen = choose_many(console, label, options, one=True, read=lambda t: read_pledge(catalog, t))
    return catalog.pledges[chosen[0]].pledge


def _which_commitment(console: Console, pledge: Pledge) -> str:
    console.print(_("Which commitment do you assess?"))
    options = [
        (c.id, f"{' '.join(c.text.split())} ({', '.join(c.by)})") for c in pledge.commitments
    ]
    label = _("Commitment (a number or an id)")

    def read(typed: str) -> Reading:
        return read_commitment(pledge, typed)

    return choose_many(console, label, options, one=True, read=read)[0]


def _how_it_stands(console: Console) -> str:
    def parse(text: str) -> str:
        status = read_assessment_status(text)
        say_read(console, Reading(text, status))
        return status

    label = _(
        "Status (ej påbörjat, pågår, genomfört, delvis, ej genomfört or ej aktuellt; or in English)"
    )
    return ask(console, label, parse)


def _which_day(console: Console, catalog: Catalog, pledge_id: str, today: date) -> str:
    def parse(text: str) -> str:
        day = read_day(text)
        say_read(console, Reading(text, day.isoformat()))
        return day.isoformat()

    label = _("Date of the follow-up (YYYY-MM-DD, or as 5 mars 2024)")
    return ask(console, label, parse, default=default_day(catalog, pledge_id, today).isoformat())
