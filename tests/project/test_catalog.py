"""The Swedish catalog is complete and never stale: every text in the code and the
templates is in it, translated and not fuzzy, the compiled catalog is the one lofte reads,
and extracting again would change nothing."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from tests.helpers import REPO


def _catalog_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalog", REPO / "scripts" / "catalog.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalog"] = module
    spec.loader.exec_module(module)
    return module


def test_extracting_again_changes_nothing() -> None:
    assert _catalog_script().differences({}) == []


def test_every_text_has_a_swedish_translation_that_is_not_fuzzy() -> None:
    assert _catalog_script().untranslated("sv") == []


def test_the_check_finds_a_text_missing_from_the_catalog(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    catalog = _catalog_script()
    source = tmp_path / "src" / "lofte_cli"
    source.mkdir(parents=True)
    (source / "new.py").write_text('from lofte_cli.i18n import _\n_("A text nobody translated")\n')
    sources = [(source, [("**.py", "python")], {}), *catalog.SOURCES]
    monkeypatch.setattr(catalog, "SOURCES", sources)
    assert catalog.differences({}) == [
        "lofte.pot: other texts than the code has",
        "sv/LC_MESSAGES/lofte.po: other texts than the code has",
    ]


def test_the_wheel_carries_the_compiled_catalog() -> None:
    import lofte_cli.i18n as i18n

    assert (i18n.LOCALE_DIR / "sv" / "LC_MESSAGES" / "lofte.mo").is_file()
    assert i18n.translations("sv").gettext("Usage:") == "Användning:"
