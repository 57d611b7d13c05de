"""Personal data outside a file's values, where the pages do not show it but the repository
does: in YAML comments (a warning: comments never reach the pages, yet a data repository
is often public on its git host) and in the names of files and folders (an error: a data
file's name is its id, which the pages show too)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.tokens import ScalarToken

from lofte_cli.data.privacy import Finding, find_personal_data, may_hold_personal_data
from lofte_cli.data.problem import Problem, problem
from lofte_cli.i18n import N_, _

# By the kind of personal data found (privacy.Finding.kind).
_IN_COMMENT = {
    "personnummer": N_(
        "personnummer {text} in the comment on line {line}: comments are not shown on the pages, "
        "but they are published with the data repository"
    ),
    "samordningsnummer": N_(
        "samordningsnummer {text} in the comment on line {line}: comments are not shown on the "
        "pages, but they are published with the data repository"
    ),
    "e-mail address": N_(
        "e-mail address {text} in the comment on line {line}: comments are not shown on the pages, "
        "but they are published with the data repository"
    ),
    "phone number": N_(
        "phone number {text} in the comment on line {line}: comments are not shown on the pages, "
        "but they are published with the data repository"
    ),
}
_IN_NAME = {
    "personnummer": N_(
        "personnummer {text} in the name {name}: the names of files and folders are published "
        "with the data repository; rename it"
    ),
    "samordningsnummer": N_(
        "samordningsnummer {text} in the name {name}: the names of files and folders are published "
        "with the data repository; rename it"
    ),
    "e-mail address": N_(
        "e-mail address {text} in the name {name}: the names of files and folders are published "
        "with the data repository; rename it"
    ),
    "phone number": N_(
        "phone number {text} in the name {name}: the names of files and folders are published "
        "with the data repository; rename it"
    ),
}
# Each line from its first "#" on holds every comment of the line: a quick look that
# leaves the exact reading of the YAML to the few files where it finds something.
_FROM_HASH = re.compile(r"#[^\n]*")
# Every finding has an @ or digits (any script's: the non-ASCII bytes let those through).
_DIGIT_OR_AT_AFTER_HASH = re.compile(rb"#[^\n@0-9\x80-\xff]*[@0-9\x80-\xff]")
_LEADING_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?=-|$)")
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")


def comment_problems(raw: bytes, path: Path, contacts: Iterable[str] = ()) -> list[Problem]:
    """Warnings for personal data in the YAML comments of a file that parsed."""
    if b"#" not in raw or not _DIGIT_OR_AT_AFTER_HASH.search(raw):
        return []  # most files: no comment, or the schema comment alone
    text = raw.decode("utf-8", errors="replace")
    contacts = tuple(contacts)
    if not any(find_personal_data(m.group(), contacts) for m in _FROM_HASH.finditer(text)):
        return []
    found = []
    for line, col, comment in yaml_comments(text):
        for finding in find_personal_data(comment, contacts):
            at = col + max(comment.find(finding.text), 0)
            message = _(_IN_COMMENT[finding.kind]).format(text=repr(finding.text), line=line + 1)
            found.append(Problem(path, line + 1, at + 1, finding.code, message, "warning"))
    return found


def yaml_comments(text: str) -> list[tuple[int, int, str]]:
    """(line, column, text) of each comment, both counted from 0: what follows a "#" that
    no token of the YAML holds (in a quoted or block text, "#" is text)."""
    lines = text.split("\n")
    ends: dict[int, float] = {}  # line → column where the values on it end
    try:
        tokens = list(YAML(typ="safe", pure=True).scan(text))
    except YAMLError:  # read by lofte's reader, not by this one: take every "#" as one
        return [(i, line.index("#"), line[line.index("#") :]) for i, line in _hashed(lines)]
    for token in tokens:
        for held, col in _reach(token, lines):
            ends[held] = max(ends.get(held, 0), col)
    comments: list[tuple[int, int, str]] = []
    for i, line in _hashed(lines):
        start = ends.get(i, 0)
        if start == float("inf"):
            continue
        rest = line[int(start) :]
        if rest.strip().startswith("#"):
            col = int(start) + rest.index("#")
            comments.append((i, col, line[col:].rstrip("\r")))
    return comments


def _hashed(lines: list[str]) -> Iterator[tuple[int, str]]:
    return ((i, line) for i, line in enumerate(lines) if "#" in line)


def _reach(token: Any, lines: list[str]) -> Iterator[tuple[int, float]]:
    """(line, column up to which the token holds the line) for each line it touches; the
    lines of a block text are held whole."""
    start, end = token.start_mark, token.end_mark
    if (start.line, start.column) == (end.line, end.column):
        return
    last = end.line if end.column > 0 else end.line - 1
    if isinstance(token, ScalarToken) and token.style in ("|", ">"):
        header = _BLOCK_HEADER.match(lines[start.line], start.column)
        yield start.line, header.end() if header else start.column + 1
        for line in range(start.line + 1, last + 1):
            yield line, float("inf")
        return
    for line in range(start.line, last + 1):
        yield line, end.column if line == end.line else float("inf")


def name_problems(locations: Iterable[str]) -> list[Problem]:
    """Errors for personal data in the names of these files and folders."""
    found = []
    for location in locations:
        name = os.path.basename(location)
        for finding in name_findings(name):
            message = _(_IN_NAME[finding.kind]).format(text=repr(finding.text), name=name)
            found.append(problem(finding.code, Path(location), message))
    return found


def name_findings(name: str) -> list[Finding]:
    """Personal data in a file or folder name. The hyphens between the words of an id are
    read as spaces too ("2023-03-14-811218-9876"), and a leading date is no finding."""
    stem = name.removesuffix(".yaml").removesuffix(".yml")
    date = _LEADING_DATE.match(stem)
    masked = " " * date.end() + stem[date.end() :] if date else stem
    if not may_hold_personal_data(masked):  # most names: one search, no more
        return []
    spans: dict[tuple[int, int], Finding] = {}
    for text in (masked, masked.replace("-", " ")):
        for finding in find_personal_data(text):
            start = text.find(finding.text)
            span = (start, start + len(finding.text))
            if start >= 0 and not any(a < span[1] and span[0] < b for a, b in spans):
                spans[span] = Finding(finding.code, stem[span[0] : span[1]], finding.kind)
    return [spans[span] for span in sorted(spans)]
