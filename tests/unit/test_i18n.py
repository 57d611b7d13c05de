"""Which language lofte speaks, and the global options it takes after the command."""

from __future__ import annotations

import pytest

from lofte_cli.cli.group import hoist_global_options
from lofte_cli.i18n import _, active_language, language_from_environment, speaking


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LANG": "sv_FI.UTF-8"}, "sv"),
        ({"LANG": "sv"}, "sv"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "sv_SE.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8", "LC_ALL": "sv_SE.UTF-8"}, "sv"),
        ({"LANG": "C.UTF-8", "LC_MESSAGES": "sv_SE.UTF-8"}, "sv"),
        ({"LC_MESSAGES": "sv_SE.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "", "LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LOFTE_LANG": "en", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"LOFTE_LANG": "sv", "LC_ALL": "C.UTF-8"}, "sv"),
        ({"LOFTE_LANG": "SV"}, "sv"),
        ({"LOFTE_LANG": "sv_SE"}, "sv"),
        ({"LOFTE_LANG": "fi", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"LOFTE_LANG": "", "LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LOFTE_LANG": "svenska"}, "sv"),
        ({"LOFTE_LANG": "Svenska", "LANG": "C.UTF-8"}, "sv"),
        ({"LOFTE_LANG": "swedish"}, "sv"),
        ({"LOFTE_LANG": "engelska", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"LOFTE_LANG": "English", "LANG": "sv_SE.UTF-8"}, "en"),
    ],
)
def test_the_language_comes_from_lofte_lang_then_the_locale(
    environ: dict[str, str], language: str
) -> None:
    assert language_from_environment(environ) == language


def test_speaking_swedish_translates_and_ends_with_the_block() -> None:
    assert _("Usage:") == "Usage:"
    with speaking("sv"):
        assert active_language() == "sv"
        assert _("Usage:") == "Användning:"
    assert active_language() == "en"
    assert _("Usage:") == "Usage:"


GLOBAL = {"--data": True, "--no-cache": False, "--at": True}


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        (["validate", "--no-cache"], ["--no-cache", "validate"]),
        (["validate", "--data", "x", "a.yaml"], ["--data", "x", "validate", "a.yaml"]),
        (["validate", "--data=x"], ["--data=x", "validate"]),
        (
            ["--no-cache", "coverage", "--at", "v1", "-f", "json"],
            ["--no-cache", "--at", "v1", "coverage", "-f", "json"],
        ),
        (["--data", "d", "validate"], ["--data", "d", "validate"]),
        (["validate", "--", "--no-cache"], ["validate", "--", "--no-cache"]),
        (["validate", "--strict"], ["validate", "--strict"]),
        (["validate", "--data"], ["--data", "validate"]),
        ([], []),
        (["--no-cache"], ["--no-cache"]),
    ],
)
def test_global_options_after_the_command_are_read_before_it(
    typed: list[str], read: list[str]
) -> None:
    assert hoist_global_options(typed, GLOBAL) == read
