"""The rules that hold a pledge against what lofte knows of Sweden: municipality codes
(L125, L126), police regions (L127, L128), which party kinds carry which of these fields
(L115), and the national themes of focus areas (L129)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date

from lofte_cli.data.model import Catalog, Party, Pledge, PledgeData
from lofte_cli.data.problem import Problem, problem
from lofte_cli.i18n import N_, _
from lofte_cli.places import fold, match_municipality, municipality, places
from lofte_cli.themes import THEMES, near_theme

# Which kind of party each place field belongs to.
_FIELD_KIND = {
    "code": (
        "municipality",
        N_("party {party} has `{field}`, which only a party of kind municipality has"),
    ),
    "police_region": (
        "police",
        N_("party {party} has `{field}`, which only a party of kind police has"),
    ),
    "police_area": (
        "police",
        N_("party {party} has `{field}`, which only a party of kind police has"),
    ),
}


def check_places(catalog: Catalog, data: PledgeData, today: date) -> Iterator[Problem]:
    """Each party's place fields against the kind of party and the list of places."""
    pledge = data.pledge
    for party in pledge.parties.values():
        yield from _field_kinds(pledge, party)
        if party.kind == "municipality":
            yield from _municipality_code(pledge, party)
        if party.kind == "police" and party.police_region is not None:
            yield from _police_region(pledge, party)


def _field_kinds(pledge: Pledge, party: Party) -> Iterator[Problem]:
    doc = pledge.doc
    for field, (kind, message) in _FIELD_KIND.items():
        if getattr(party, field) is not None and party.kind != kind:
            text = _(message).format(party=party.id, field=field)
            yield problem("L115", doc.path, text, doc.at("parties", party.id, field))


def _municipality_code(pledge: Pledge, party: Party) -> Iterator[Problem]:
    doc = pledge.doc
    named = match_municipality(party.name)
    if party.code is None:
        if named is not None:
            # TRANSLATORS: {code} is YAML to copy as it is: code: "1419".
            text = _(
                "party {party} is named like the municipality {name} but has no code; add {code}"
            )
            code = f'`code: "{named.code}"`'
            message = text.format(party=party.id, name=named.name, code=code)
            yield problem("L126", doc.path, message, doc.key_at("parties", party.id))
        return
    coded = municipality(party.code)
    if coded is not None:
        if named is not None and named is not coded:
            # The code of another municipality than the name says: a pledge on the wrong map.
            text = _(
                "party {party}: code {code} is {other}, but the name says {name}, which has "
                "code {expected}"
            )
            message = text.format(
                party=party.id,
                code=repr(party.code),
                other=coded.name,
                name=named.name,
                expected=repr(named.code),
            )
            yield problem("L125", doc.path, message, doc.at("parties", party.id, "code"))
        return
    if named is not None:
        text = _(
            "party {party}: there is no municipality with code {code}; {name} has code {expected}"
        )
        message = text.format(
            party=party.id, code=repr(party.code), name=named.name, expected=repr(named.code)
        )
    else:
        text = _(
            "party {party}: there is no municipality with code {code} "
            "(SCB's four-digit codes run from {first} to {last})"
        )
        codes = sorted(places().municipalities)
        message = text.format(party=party.id, code=repr(party.code), first=codes[0], last=codes[-1])
    yield problem("L125", doc.path, message, doc.at("parties", party.id, "code"))


def _police_region(pledge: Pledge, party: Party) -> Iterator[Problem]:
    doc = pledge.doc
    regions = places().police_regions
    where = doc.at("parties", party.id, "police_region")
    wanted = party.police_region or ""
    region = regions.get(wanted)
    if region is None:
        listed = ", ".join(regions)
        near = _near_region(wanted)
        if near is None:
            text = _("party {party}: unknown police region {value} (the regions are {known})")
        else:
            text = _(
                "party {party}: unknown police region {value}; did you mean {near}? "
                "(the regions are {known})"
            )
        message = text.format(party=party.id, value=repr(wanted), near=repr(near), known=listed)
        yield problem("L127", doc.path, message, where)
        return
    for other in pledge.parties.values():
        place = municipality(other.code) if other.kind == "municipality" and other.code else None
        if place is not None and place.police_region is not region:
            text = _(
                "party {party} is in police region {region}, but {municipality} ({code}) lies in "
                "{county}, which is police region {expected}"
            )
            message = text.format(
                party=party.id,
                region=region.name,
                municipality=place.name,
                code=place.code,
                county=place.county.name,
                expected=place.police_region.name,
            )
            yield problem("L128", doc.path, message, where)


def _near_region(wanted: str) -> str | None:
    """The region meant by "väst", "Polisregion Väst", "Region Vast" or "Vässt"."""
    names = {fold(name): name for name in places().police_regions}
    key = fold(wanted).removeprefix("polisregion ").removeprefix("region ")
    if key in names:
        return names[key]
    near = difflib.get_close_matches(key, list(names), n=1)
    return names[near[0]] if near else None


def check_themes(catalog: Catalog, data: PledgeData, today: date) -> Iterator[Problem]:
    """Each focus area's `theme` is one of lofte's national themes."""
    pledge, doc = data.pledge, data.pledge.doc
    for focus, theme in pledge.themes.items():
        if theme in THEMES:
            continue
        near = near_theme(theme)
        if near is None:
            text = _("focus area {id}: unknown theme {value} (the README lists the themes)")
        else:
            text = _("focus area {id}: unknown theme {value}; did you mean {near}?")
        message = text.format(id=focus, value=repr(theme), near=repr(near))
        yield problem("L129", doc.path, message, doc.at("focus_areas", focus, "theme"))
