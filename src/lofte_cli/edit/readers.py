"""The ids of the data as people type them, read as the ids they stand for: parties and
groups by id, by name or by the municipality's name in any case (`Stenungsund`,
`stenungsunds kommun`, `POLISEN`), commitments as `polis-3`, `polis 3`, `Polis-3` or
`POLIS 3`, pledges by id or title. One function per kind of value, shared by the flags,
the prompts and import: each gives a `Reading`, or a ValueError that names the closest id
with its name ("did you mean tjorn (Tjörns kommun)?")."""

from __future__ import annotations

import difflib
import re
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from lofte_cli.data.model import Catalog, Pledge
from lofte_cli.i18n import _
from lofte_cli.values import Reading

# What follows a municipality's or a city's name in its official name: `Orust kommun`,
# `Stenungsunds kommun`, `Göteborgs stad`, `Region Gotland`.
_SUFFIXES = ("kommun", "kommunen", "stad", "staden", "municipality")
_PREFIXES = ("region", "kommun")


@dataclass(frozen=True, slots=True)
class Known:
    """One id a value may stand for, its name, and the forms a person may type for it."""

    id: str
    name: str
    forms: frozenset[str]


def key(text: str) -> str:
    """A value as compared: no case, no accents (`Tjörn` is `tjorn`), and every run of
    spaces, `_`, `-` or punctuation a single hyphen (`POLIS 3` is `polis-3`)."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text).casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return "-".join(re.findall(r"[^\W_]+", plain))


def name_forms(name: str) -> set[str]:
    """The keys a person may type for a name: the name itself, and a municipality's name
    without `kommun` and without its genitive s (`Stenungsunds kommun`: `stenungsund`)."""
    whole = key(name)
    forms = {whole}
    words = whole.split("-")
    if len(words) > 1 and words[-1] in _SUFFIXES:
        stem = "-".join(words[:-1])
        forms.add(stem)
        if stem.endswith("s") and len(stem) > 3:
            forms.add(stem[:-1])
    if len(words) > 1 and words[0] in _PREFIXES:
        forms.add("-".join(words[1:]))
    return {form for form in forms if form}


def _compact(text: str) -> str:
    """`polis3`, `polis-3`, `polis 3` and `polis 03` alike."""
    return re.sub(r"(?<!\d)0+(?=\d)", "", key(text).replace("-", ""))


class Unknown(ValueError):
    """A value that stands for none of the ids (the message names the closest), or for
    several."""


def read_value(
    typed: str,
    known: Sequence[Known],
    *,
    unknown: Callable[[str], str],
    near: Callable[[str, Known], str],
) -> Reading:
    """The one id `typed` stands for: the id itself, the id in another case or spelling, or
    one of its forms (a name); else an Unknown made by `unknown(typed)` or, when an id is
    close, by `near(typed, closest)`."""
    text = " ".join(typed.split())
    exact = [k for k in known if k.id == text]
    typed_key = key(text)
    for found in (
        exact,
        [k for k in known if key(k.id) == typed_key],
        [k for k in known if _compact(k.id) == _compact(text)],
        [k for k in known if name_forms(text) & k.forms],
    ):
        ids = list(dict.fromkeys(k.id for k in found))
        if len(ids) == 1:
            return Reading(typed, ids[0], found[0].name or None)
        if len(ids) > 1:
            listed = ", ".join(f"{k.id} ({k.name})" if k.name else k.id for k in found)
            raise Unknown(
                _("{typed} could be {ids}; write the id").format(typed=repr(typed), ids=listed)
            )
    closest = _closest(typed_key, known)
    if closest is None:
        raise Unknown(unknown(typed))
    raise Unknown(near(typed, closest))


def _closest(typed_key: str, known: Sequence[Known]) -> Known | None:
    """The id whose id or form is nearest to what was typed, if any is near."""
    by_form: dict[str, Known] = {}
    for k in known:
        for form in (key(k.id), *sorted(k.forms)):
            by_form.setdefault(form, k)
    near = difflib.get_close_matches(typed_key, list(by_form), n=1, cutoff=0.6)
    return by_form[near[0]] if near else None


def suggestion(known: Known) -> str:
    """`tjorn (Tjörns kommun)`."""
    return f"{known.id} ({known.name})" if known.name else known.id


def listed(ids: Sequence[str]) -> str:
    return ", ".join(ids) if len(ids) <= 8 else f"{ids[0]}, {ids[1]} … {ids[-1]}"


# --- parties and groups -----------------------------------------------------------------


def parties_known(pledge: Pledge) -> list[Known]:
    """The pledge's parties and groups, each with the forms it may be typed in."""
    found = []
    for party in pledge.parties.values():
        forms = name_forms(party.name) if party.name else set()
        found.append(Known(party.id, party.name, frozenset(forms)))
    for group, members in pledge.groups.items():
        name = _("group of {members}").format(members=", ".join(members))
        found.append(Known(group, name, frozenset()))
    return found


def read_party(pledge: Pledge, typed: str) -> Reading:
    """The party or group of `pledge` that `typed` names."""

    def unknown(text: str) -> str:
        ids = [k.id for k in parties_known(pledge)]
        return _("unknown party or group {typed} in pledge {pledge} (it has {ids})").format(
            typed=repr(text), pledge=pledge.id, ids=listed(ids)
        )

    def near(text: str, closest: Known) -> str:
        return _(
            "unknown party or group {typed} in pledge {pledge}; did you mean {suggestion}?"
        ).format(typed=repr(text), pledge=pledge.id, suggestion=suggestion(closest))

    return read_value(typed, parties_known(pledge), unknown=unknown, near=near)


# --- commitments ------------------------------------------------------------------------


def short_text(text: str, width: int = 50) -> str:
    """A commitment's text, cut at a word to be named in one line."""
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder=" …")


def commitments_known(pledge: Pledge) -> list[Known]:
    """Each commitment with what the pages and the report call it ("Polisens åtagande 3",
    "Police commitment 3", or its title), which people copy from there."""
    from lofte_cli.publish.sentences import commitment_label

    return [
        Known(
            c.id,
            short_text(c.text),
            frozenset(key(commitment_label(pledge, c, lang)) for lang in ("sv", "en")),
        )
        for c in pledge.commitments
    ]


def read_commitment(pledge: Pledge, typed: str) -> Reading:
    """The commitment of `pledge` that `typed` names (`polis 3`, `Polis-3`, `POLIS3`)."""

    def unknown(text: str) -> str:
        ids = [c.id for c in pledge.commitments]
        return _("unknown commitment {typed} in pledge {pledge} (it has {ids})").format(
            typed=repr(text), pledge=pledge.id, ids=listed(ids)
        )

    def near(text: str, closest: Known) -> str:
        message = _("unknown commitment {typed} in pledge {pledge}; did you mean {suggestion}?")
        return message.format(typed=repr(text), pledge=pledge.id, suggestion=suggestion(closest))

    return read_value(typed, commitments_known(pledge), unknown=unknown, near=near)


def commitment_anywhere(catalog: Catalog, typed: str, pledges: Iterable[str]) -> list[str]:
    """The pledges among `pledges` that have a commitment `typed` names; a ValueError
    naming the closest when none has."""
    chosen = list(pledges)
    having = []
    for pledge_id in chosen:
        try:
            read_commitment(catalog.pledges[pledge_id].pledge, typed)
        except Unknown:
            continue
        having.append(pledge_id)
    if having:
        return having
    if len(chosen) == 1:
        read_commitment(catalog.pledges[chosen[0]].pledge, typed)  # raises, naming the closest
    known = [
        Known(c.id, short_text(c.text), frozenset())
        for pledge_id in chosen
        for c in catalog.pledges[pledge_id].pledge.commitments
    ]
    closest = _closest(key(typed), known)
    if closest is None:
        raise Unknown(_("no pledge has a commitment {typed}").format(typed=repr(typed)))
    raise Unknown(
        _("no pledge has a commitment {typed}; did you mean {suggestion}?").format(
            typed=repr(typed), suggestion=suggestion(closest)
        )
    )


# --- pledges ----------------------------------------------------------------------------


def read_pledge(catalog: Catalog, typed: str) -> Reading:
    """The pledge `typed` names by its id (in any case) or its title."""
    known = [
        Known(pledge_id, data.pledge.title, frozenset({key(data.pledge.title)}))
        for pledge_id, data in sorted(catalog.pledges.items())
    ]

    def unknown(text: str) -> str:
        return _("unknown pledge {typed} (known: {ids})").format(
            typed=repr(text), ids=", ".join(k.id for k in known) or "-"
        )

    def near(text: str, closest: Known) -> str:
        return _("unknown pledge {typed}; did you mean {suggestion}?").format(
            typed=repr(text), suggestion=suggestion(closest)
        )

    return read_value(typed, known, unknown=unknown, near=near)


def read_each(
    read: Callable[[str], Reading], typed: Iterable[str]
) -> tuple[list[Reading], list[str]]:
    """Every value read, and the message of each that cannot be (all of them, not the
    first)."""
    readings: list[Reading] = []
    problems: list[str] = []
    for text in typed:
        try:
            readings.append(read(text))
        except ValueError as exc:
            problems.append(str(exc))
    return readings, problems
