"""Identifiers from text: lowercase ASCII slugs, and activity ids `<date>-<slug>`."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

SLUG_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_ID_LENGTH = 60
# Letters that Unicode does not decompose into an ASCII base letter.
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "þ": "th"})
# Dashes Unicode does not decompose to `-`: "2025–2026" is two years, not 20252026.
_SPECIAL.update(str.maketrans(dict.fromkeys("‐‑‒–—―−/", "-")))


def slugify(text: str) -> str:
    """`Föräldrakväll på Åsen` → `foraldrakvall-pa-asen` (å, ä → a; ö → o)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def is_slug(text: str) -> bool:
    return SLUG_PATTERN.fullmatch(text) is not None


def activity_id(day: date, title: str, *, suffix: int = 1) -> str:
    """`<date>-<slug of the title>`, at most 60 characters, cut at a word boundary;
    `suffix` 2, 3 … tells apart activities with the same date and title."""
    tail = f"-{suffix}" if suffix > 1 else ""
    head = day.isoformat()
    room = MAX_ID_LENGTH - len(head) - 1 - len(tail)
    slug = slugify(title) or "aktivitet"
    if len(slug) > room:
        cut = slug[: room + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut[:room] else slug[:room]
    return f"{head}-{slug.strip('-')}{tail}"
