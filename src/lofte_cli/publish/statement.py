"""The accessibility statement (tillgänglighetsredogörelse, after DIGG's model) and the
pieces of the pages a public site needs: contact rows from `contacts` and the short
description for search engines and link previews."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from lofte_cli.publish.i18n import format_day, format_number, page_language, page_translations
from lofte_cli.publish.site_model import STATEMENT, Site
from lofte_cli.publish.words import translator

# Where DIGG, the supervisor of the law, takes complaints about accessibility.
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"
DESCRIPTION_LENGTH = 200


def contact_rows(contacts: tuple[str, ...]) -> list[dict[str, str]]:
    """Each official contact with its link: `mailto:` for an e-mail address, `tel:` (the
    digits, and a leading +) for a phone number."""
    rows = []
    for text in contacts:
        if "@" in text:
            href = f"mailto:{text.strip()}"
        else:
            digits = re.sub(r"[^\d+]", "", text)
            href = f"tel:{digits[:1]}{digits[1:].replace('+', '')}"
        rows.append({"text": text, "href": href})
    return rows


def page_description(text: str) -> str:
    """`text` as it is when it is short; a longer one on one line, cut at a word before
    DESCRIPTION_LENGTH characters (with …)."""
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    flat = " ".join(text.split())[: DESCRIPTION_LENGTH - 1]
    return (flat.rsplit(" ", 1)[0] if " " in flat else flat).rstrip(",;:") + "…"


def site_language(site: Site) -> str:
    """The language of the pages above the pledges: `--lang`, or most pledges' language."""
    counts = Counter(page_language(d.pledge.language) for d in site.catalog.pledges.values())
    majority = counts.most_common(1)[0][0] if counts else "sv"
    return page_language(site.language_override or majority)


def statement_context(site: Site) -> dict[str, Any]:
    """The accessibility statement: who stands behind the pages (the parties of every
    pledge), how to reach them (every pledge's `contacts`) and their own pages."""
    lang = site_language(site)
    _ = page_translations(lang).gettext
    pledges = [site.catalog.pledges[key].pledge for key in sorted(site.catalog.pledges)]
    contacts = list(dict.fromkeys(c for p in pledges for c in p.contacts))
    parties: dict[str, str | None] = {}
    for pledge in pledges:
        for party in pledge.parties.values():
            url = party.url if party.url and party.url.startswith("https://") else None
            parties[party.name] = parties.get(party.name) or url
    return {
        "lang": lang,
        "t": translator(lang),
        "root": "",
        "statement_url": STATEMENT,
        "notice": None,
        # DIGG's model dates the statement: it changes with the parties and contacts it
        # names, so with the pledge files (the page is made anew at every render).
        "updated": site.dates.latest(p.doc.path for p in pledges),
        "description": _(
            "How accessible these pages are, what is known not to work, and how to tell us."
        ),
        "contacts": contact_rows(tuple(contacts)),
        "parties": [{"name": name, "url": url} for name, url in parties.items()],
        "digg_url": DIGG_REPORT_URL,
        "day": lambda d: format_day(d, lang) if d else "",
        "number": lambda n: format_number(n, lang),
    }
