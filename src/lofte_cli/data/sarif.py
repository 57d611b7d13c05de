"""SARIF 2.1.0, the log that code-scanning dashboards read (GitHub's among them): the rules
of `lofte validate` and the problems one run found, as plain data for `json.dumps`."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from lofte_cli import __version__
from lofte_cli.data.codes import CODES, Code, Severity
from lofte_cli.data.problem import Problem
from lofte_cli.data.validate import ValidationResult
from lofte_cli.paths import path_from_top

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/lofte-project/lofte"
SRCROOT = "%SRCROOT%"
"""The base that every result's file is named from: the top of the repository."""

# A mapping rather than the same word, so that a severity lofte may add (a note) has to
# choose its SARIF level here.
LEVELS: dict[Severity, str] = {"error": "error", "warning": "warning"}
RULE_INDEX: dict[str, int] = {code: index for index, code in enumerate(CODES)}
"""A code's place in `tool.driver.rules`, which every result's `ruleIndex` names."""


def sarif_log(result: ValidationResult, *, base: Path) -> dict[str, Any]:
    """One run of `lofte validate` as a SARIF log. Files are named from `base`, the top of
    the repository, as GitHub names them; `originalUriBaseIds` says where that was."""
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _driver()},
                "originalUriBaseIds": {SRCROOT: {"uri": _folder_uri(base)}},
                # lofte counts columns from 1 in characters (code points), as editors do;
                # SARIF's default is UTF-16 code units, which differ after an emoji.
                "columnKind": "unicodeCodePoints",
                "results": [_result(p, base=base) for p in result.problems],
            }
        ],
    }


def _driver() -> dict[str, Any]:
    return {
        "name": "lofte",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(code) for code in CODES.values()],
    }


def _rule(code: Code) -> dict[str, Any]:
    """A code as a SARIF reporting descriptor: its title says what is wrong, its hint what
    to do (the hints quote keys in backticks, so they are Markdown as they stand). The id
    and the name are identifiers, the same in every language (the name is made from the
    English title); the descriptions and the help follow the active language."""
    return {
        "id": code.code,
        "name": rule_name(code.source_title),
        "shortDescription": {"text": code.title},
        "fullDescription": {"text": code.hint},
        "help": {"text": code.hint, "markdown": code.hint},
        "defaultConfiguration": {"level": LEVELS[code.severity]},
    }


def rule_name(title: str) -> str:
    """The readable identifier SARIF asks of a rule's name: 'unknown commitment' becomes
    'UnknownCommitment', 'link is not http(s)' 'LinkIsNotHttps'."""
    words = re.findall(r"[A-Za-z0-9]+", title.replace("(", "").replace(")", ""))
    return "".join(word[:1].upper() + word[1:] for word in words)


def _result(p: Problem, *, base: Path) -> dict[str, Any]:
    # No partialFingerprints: github/codeql-action/upload-sarif computes them from the
    # checked-out file (a hash of the lines around the result), which follows a problem
    # when lines above it move. A fingerprint made here from the line number would not,
    # and one made from the text would only repeat GitHub's own. (Uploaded through the
    # REST API instead, without the action, results may show twice across runs.)
    return {
        "ruleId": p.code,
        "ruleIndex": RULE_INDEX[p.code],
        "level": LEVELS[p.severity],
        "message": {"text": f"{p.message} — {p.hint}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": quote(path_from_top(p.path, base)),
                        "uriBaseId": SRCROOT,
                    },
                    "region": {"startLine": p.line, "startColumn": p.col},
                }
            }
        ],
    }


def _folder_uri(folder: Path) -> str:
    """A file: URI of the folder, ending in '/' as SARIF asks of a base."""
    uri = Path(os.path.abspath(folder)).as_uri()
    return uri if uri.endswith("/") else uri + "/"
