"""The drawings of the national pages as inline SVG text: Sweden's municipalities as a map,
and bar charts. Each drawing says in words what it shows (a title, every shape named) and
the page puts a table with the same figures beside it, so no fact is in colour alone.
Colours come from classes in style.css: the pages' security policy allows no inline style.
Pure: facts in, markup out (escaped here, marked safe for the templates)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from lofte_cli.places import map_shapes, places


@dataclass(frozen=True)
class MapShape:
    """What one municipality on the map says and where it leads."""

    state: str  # a class: running | ended | upcoming | none
    label: str  # its name and state in words, the shape's accessible name
    url: str | None  # its page, when it has one


def sweden_map(shapes: Mapping[str, MapShape], *, title: str) -> Markup:
    """Every municipality's shape, by code, coloured by its state and named in words."""
    geometry = map_shapes()
    x, y, width, height = geometry.view_box
    parts = [
        f'<svg class="map" viewBox="{x} {y} {width} {height}" role="group" '
        f'aria-labelledby="map-title"><title id="map-title">{escape(title)}</title>'
    ]
    for code in sorted(places().municipalities):
        shape = shapes[code]
        path = geometry.paths[code]
        label = escape(shape.label)
        if shape.url is None:
            parts.append(
                f'<path class="m {shape.state}" d="{path}" role="img" aria-label="{label}">'
                f"<title>{label}</title></path>"
            )
        else:
            parts.append(
                f'<a href="{escape(shape.url)}" aria-label="{label}">'
                f'<path class="m {shape.state}" d="{path}"><title>{label}</title></path></a>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


BAR_HEIGHT = 28
LABEL_WIDTH = 260
BAR_WIDTH = 360


def bar_chart(rows: Sequence[tuple[str, float, str]], *, title: str, chart_id: str) -> Markup:
    """Horizontal bars: (label, value, value in words) each, the longest bar the largest
    value; the value is written at the end of its bar."""
    largest = max((value for _, value, _ in rows), default=0) or 1
    height = BAR_HEIGHT * len(rows) + 8
    width = LABEL_WIDTH + BAR_WIDTH + 80
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}"><title id="{chart_id}">{escape(title)}</title>'
    ]
    for i, (label, value, said) in enumerate(rows):
        top = 4 + i * BAR_HEIGHT
        middle = top + BAR_HEIGHT // 2 + 5
        length = round(BAR_WIDTH * value / largest)
        parts.append(
            f'<text class="label" x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{top + 4}" width="{length}" '
            f'height="{BAR_HEIGHT - 8}"></rect>'
            f'<text class="value" x="{LABEL_WIDTH + length + 6}" y="{middle}">'
            f"{escape(said)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
