"""Shell completion of the ids in the data: pledges, parties and groups, commitments.

The shell runs lofte on every TAB, so this reads only the pledge files, without positions,
and never fails: a missing or broken repository, or a file that is not yet valid, gives
fewer candidates, never a message (anything printed would land on the command line).
Candidates are (id, help) pairs; zsh and fish show the help beside the id, bash only ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from lofte_cli.i18n import _

Candidate = tuple[str, str]

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_HELP_WIDTH = 70


@dataclass(frozen=True)
class PledgeIds:
    """The ids one pledge file names: its own, its parties and groups, its commitments,
    each with the text a person would recognise it by."""

    pledge: Candidate
    parties: tuple[Candidate, ...]
    commitments: tuple[Candidate, ...]


def complete_pledge(ctx: typer.Context, incomplete: str) -> list[Candidate]:
    """Pledge ids (the folder names), with the pledge's title as help."""
    return _matching([p.pledge for p in _pledges(ctx)], incomplete)


def complete_party(ctx: typer.Context, incomplete: str) -> list[Candidate]:
    """Party and group ids of the pledge given with --pledge, else of every pledge."""
    return _matching([c for p in _pledges(ctx, only_chosen=True) for c in p.parties], incomplete)


def complete_commitment(ctx: typer.Context, incomplete: str) -> list[Candidate]:
    """Commitment ids of the pledge given with --pledge, else of every pledge, with the
    commitment's text as help."""
    return _matching(
        [c for p in _pledges(ctx, only_chosen=True) for c in p.commitments], incomplete
    )


def _matching(candidates: list[Candidate], incomplete: str) -> list[Candidate]:
    seen: set[str] = set()
    found = []
    for value, help_text in candidates:
        if value.startswith(incomplete) and value not in seen:
            seen.add(value)
            found.append((value, help_text))
    return found


def _pledges(ctx: typer.Context, *, only_chosen: bool = False) -> list[PledgeIds]:
    """The pledges in the data root the command would use; with `only_chosen`, just the one
    named by --pledge when it is on the command line already and exists."""
    try:
        folder = _pledges_folder(ctx)
        if folder is None:
            return []
        chosen = ctx.params.get("pledge") if only_chosen else None
        if isinstance(chosen, str) and (folder / chosen / "pledge.yaml").is_file():
            files = [folder / chosen / "pledge.yaml"]
        else:
            files = sorted(folder.glob("*/pledge.yaml"))
        return [ids for path in files if (ids := read_pledge_ids(path)) is not None]
    except Exception:  # a TAB must never show a traceback
        return []


def _pledges_folder(ctx: typer.Context) -> Path | None:
    """data/pledges/ of the root given with --data or LOFTE_DATA, or found from here."""
    from lofte_cli.errors import DataRootNotFound
    from lofte_cli.paths import PLEDGES_DIR, find_data_root

    override = ctx.find_root().params.get("data")
    try:
        root = find_data_root(Path.cwd(), override=override if isinstance(override, Path) else None)
    except DataRootNotFound:
        return None
    return root / PLEDGES_DIR


def read_pledge_ids(path: Path) -> PledgeIds | None:
    """The ids in one pledge file, or None when it cannot be read as a mapping. Parts that
    are not what the schema asks for are skipped, not reported: `lofte validate` does that."""
    from lofte_cli.data.document import Document
    from lofte_cli.data.yaml_io import MAX_BYTES, parse_bytes

    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError:
        return None
    document = parse_bytes(raw, path, positions=False)
    if not isinstance(document, Document) or not isinstance(document.data, dict):
        return None
    data = document.data
    folder = path.parent.name
    if not _SLUG.fullmatch(folder):
        return None
    return PledgeIds(
        pledge=(folder, _short(data.get("title"))),
        parties=_party_ids(data.get("parties"), data.get("groups")),
        commitments=_commitment_ids(data.get("commitments")),
    )


def _party_ids(parties: Any, groups: Any) -> tuple[Candidate, ...]:
    found = []
    for party_id, party in parties.items() if isinstance(parties, dict) else ():
        name = party.get("name") if isinstance(party, dict) else None
        found.append((party_id, _short(name)))
    for group_id, members in groups.items() if isinstance(groups, dict) else ():
        listed = members if isinstance(members, list) else []
        members = ", ".join(str(m) for m in listed)
        found.append((group_id, _short(_("group of {members}").format(members=members))))
    return tuple((i, h) for i, h in found if isinstance(i, str) and _SLUG.fullmatch(i))


def _commitment_ids(commitments: Any) -> tuple[Candidate, ...]:
    found = []
    for entry in commitments if isinstance(commitments, list) else ():
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            found.append((entry["id"], _short(entry.get("text"))))
    return tuple((i, h) for i, h in found if _SLUG.fullmatch(i))


def _short(text: Any) -> str:
    """One line of help, cut at a word to fit beside the id."""
    if not isinstance(text, str):
        return ""
    line = " ".join(text.split())
    if len(line) <= _HELP_WIDTH:
        return line
    return line[: _HELP_WIDTH - 1].rsplit(" ", 1)[0] + "…"
