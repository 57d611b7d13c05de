"""Keep the gettext catalogs in step with the code, with Babel.

    python scripts/catalog.py update               # extract, merge into sv.po, compile sv.mo
    python scripts/catalog.py update --add more.json  # … taking translations from a file too
    python scripts/catalog.py check                # exit 1 if `update` would change anything

`update` extracts every `_()`, `ngettext()`, `pgettext()` and `N_()` from the Python code and
every `_()`/`{% trans %}` from the templates into `lofte.pot`, merges it into each
language's `.po` (keeping the translations it has, dropping those no longer used) and
compiles the `.mo` that lofte reads at run time. The catalogs carry no source locations, so
moving code does not change them; only new, changed or removed texts do.

A JSON file given with `--add` maps an English text to its translation (a plural: to the
list of forms; a text with a context: under "context\u0004text"), for adding many
translations at once; Poedit or Weblate work on the `.po`.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "lofte_cli" / "locale"
TRANSLATED = ("sv",)
KEYWORDS = {
    "_": None,
    "gettext": None,
    "N_": None,
    "N_plural": (1, 2),
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
SOURCES = [
    (ROOT / "src" / "lofte_cli", [("**.py", "python")], {}),
    (
        ROOT / "templates",
        [
            ("**.html", "jinja2.ext:babel_extract"),
            ("**.md", "jinja2.ext:babel_extract"),
            ("**.xml", "jinja2.ext:babel_extract"),
            ("**.ics", "jinja2.ext:babel_extract"),
            ("**.j2", "jinja2.ext:babel_extract"),
        ],
        {"**": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}},
    ),
]
# Fixed, so that extracting twice writes the same bytes.
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
HEADER = "Translations of lofte, the tool for medborgarlöften.\n"


def extract() -> Catalog:
    template = Catalog(
        project="lofte",
        charset="utf-8",
        creation_date=STAMP,
        revision_date=STAMP,
        header_comment="# " + HEADER,
        fuzzy=False,
    )
    for folder, method_map, options in SOURCES:
        found = extract_from_dir(
            str(folder), method_map, options, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
        )
        for _name, _line, message, comments, context in found:
            template.add(message, None, auto_comments=comments, context=context)
    return template


def merged(template: Catalog, language: str, added: dict[str, Any]) -> Catalog:
    """The language's catalog: every text of `template`, with the translation it had (or
    one from `added`), and none of the texts the code no longer has."""
    old = _read(LOCALE / language / "LC_MESSAGES" / "lofte.po", language)
    new = Catalog(
        locale=language,
        project="lofte",
        charset="utf-8",
        creation_date=STAMP,
        revision_date=STAMP,
        header_comment="# " + HEADER,
        fuzzy=False,
        language_team="Svenska <lofte@example.invalid>" if language == "sv" else None,
        last_translator="lofte",
    )
    for message in template:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        before = old.get(message.id, context=message.context) if old is not None else None
        # A text with a context is looked up as "context\x04text" (gettext's own key), so
        # that "Planned" as a heading and as a status can be translated apart.
        string: Any = added.get(f"{message.context}\x04{key}" if message.context else key)
        if string is None and before is not None and before.id == message.id:
            string = before.string
        if string is None and message.context:
            string = added.get(key)
        if isinstance(message.id, tuple):
            string = tuple(string) if string else ("",) * new.num_plurals
        new.add(
            message.id,
            string or "",
            auto_comments=message.auto_comments,
            context=message.context,
            flags=[f for f in message.flags if f != "fuzzy"],
        )
    return new


def _read(path: Path, language: str) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as f:
        return read_po(f, locale=language)


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, no_location=True, sort_output=True, omit_header=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def wanted(added: dict[str, Any]) -> dict[Path, bytes]:
    """Every catalog file and the bytes it should hold."""
    template = extract()
    files = {LOCALE / "lofte.pot": po_bytes(template)}
    for language in TRANSLATED:
        catalog = merged(template, language, added)
        folder = LOCALE / language / "LC_MESSAGES"
        files[folder / "lofte.po"] = po_bytes(catalog)
        files[folder / "lofte.mo"] = mo_bytes(catalog)
    return files


def _key(message: Any) -> tuple[Any, Any]:
    return (message.id, message.context)


def differences(added: dict[str, Any]) -> list[str]:
    """What `update` would change, compared by content rather than by bytes (another
    version of Babel writes the same catalog with other line breaks and header)."""
    template = extract()
    found = []
    pot = _read(LOCALE / "lofte.pot", "en")
    if pot is None or {_key(m) for m in pot if m.id} != {_key(m) for m in template if m.id}:
        found.append("lofte.pot: other texts than the code has")
    for language in TRANSLATED:
        want = merged(template, language, added)
        have = _read(LOCALE / language / "LC_MESSAGES" / "lofte.po", language)
        if have is None or _content(have) != _content(want):
            found.append(f"{language}/LC_MESSAGES/lofte.po: other texts than the code has")
        if have is not None and _compiled(language) != _content(have, strings_only=True):
            found.append(f"{language}/LC_MESSAGES/lofte.mo: not compiled from lofte.po")
    return found


def _content(catalog: Catalog, *, strings_only: bool = False) -> dict[Any, Any]:
    if strings_only:
        return {
            (m.context, m.id if isinstance(m.id, str) else m.id[0]): m.string
            for m in catalog
            if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
        }
    return {_key(m): (m.string, tuple(m.auto_comments), m.fuzzy) for m in catalog if m.id}


def _compiled(language: str) -> dict[Any, Any]:
    """What the `.mo` holds, read by the standard library as lofte reads it at run time."""
    import gettext

    path = LOCALE / language / "LC_MESSAGES" / "lofte.mo"
    if not path.exists():
        return {}
    with path.open("rb") as f:
        raw: dict[Any, str] = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    plurals: dict[Any, dict[int, str]] = {}
    result: dict[Any, Any] = {}
    for key, value in raw.items():
        if key == "":
            continue
        text, index = (key, None) if isinstance(key, str) else key
        context, _sep, msgid = text.rpartition("\x04")
        if index is None:
            result[(context or None, msgid)] = value
        else:
            plurals.setdefault((context or None, msgid), {})[index] = value
    for k, forms in plurals.items():
        result[k] = tuple(forms[i] for i in sorted(forms))
    return result


def untranslated(language: str) -> list[str]:
    """The texts of the language's catalog that have no translation or are fuzzy."""
    catalog = _read(LOCALE / language / "LC_MESSAGES" / "lofte.po", language)
    assert catalog is not None
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id[0] if isinstance(message.id, tuple) else message.id)
    return missing


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("update", "check"))
    parser.add_argument("--add", action="append", default=[], type=Path)
    args = parser.parse_args(argv)
    added: dict[str, Any] = {}
    for path in args.add:
        added.update(json.loads(path.read_text(encoding="utf-8")))
    if args.action == "check":
        stale = differences(added)
        for text in stale:
            print(f"{text}; run: python scripts/catalog.py update")
        for language in TRANSLATED:
            for text in untranslated(language):
                print(f"{language}: not translated: {text!r}")
        return 1 if stale or any(untranslated(lang) for lang in TRANSLATED) else 0
    files = wanted(added)
    for path in [p for p, data in files.items() if not p.exists() or p.read_bytes() != data]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path])
        print(f"wrote {path.relative_to(ROOT)}")
    for language in TRANSLATED:
        missing = untranslated(language)
        if missing:
            print(f"{language}: {len(missing)} text(s) still to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
