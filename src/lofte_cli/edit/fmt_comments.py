"""Comments through `lofte fmt`: where each comment and blank line stands in the file
as written, the key it belongs to, and putting them back beside the same keys in the
canonical text; then a check that nothing was lost or moved."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode
from ruamel.yaml.tokens import ScalarToken

from lofte_cli.data.document import ParseFailure
from lofte_cli.data.yaml_io import parse_bytes
from lofte_cli.i18n import _

PathKey = tuple[str | int, ...]
BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")
OPENERS = frozenset("-[{? ")  # a line of these starts an entry on the next line


class FormatRefused(Exception):
    """lofte cannot rewrite this text without changing a value or losing a comment."""


# The layout: which lines are comments and blank lines, and where values start.


@dataclass(frozen=True)
class _Layout:
    """The lines of a text, which of them hold no value (only a comment, or nothing),
    and the end-of-line comments of the others: line → (column where the values on
    the line end, spaces before the comment, comment)."""

    lines: list[str]
    free: list[bool]
    eol: dict[int, tuple[int, int, str]]

    def comments(self) -> list[str]:
        full = [s for i, line in enumerate(self.lines) if self.free[i] and (s := line.strip())]
        return sorted(full + [text for _, _, text in self.eol.values()])


def read_layout(text: str) -> _Layout:
    lines = text.split("\n")
    ends: dict[int, float] = {}  # line → column where the values on it end
    for token in _tokens(text):
        start, end = token.start_mark, token.end_mark
        if (start.line, start.column) == (end.line, end.column):
            continue
        for line, col in _token_reach(token, lines):
            ends[line] = max(ends.get(line, 0), col)
    free = [i not in ends for i in range(len(lines))]
    eol = {}
    for line, col in ends.items():
        if col == float("inf"):
            continue
        rest = lines[line][int(col) :]
        if rest.strip().startswith("#"):
            eol[line] = (int(col), rest.index("#"), rest.strip())
    return _Layout(lines, free, eol)


def _tokens(text: str) -> list[Any]:
    try:
        return list(YAML(typ="safe", pure=True).scan(text))
    except YAMLError as exc:  # lofte's reader took it; ruamel.yaml's pure scanner did not
        message = _("ruamel.yaml cannot read it ({detail})")
        raise FormatRefused(message.format(detail=first_line(exc))) from None


def first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _token_reach(token: Any, lines: list[str]) -> Iterator[tuple[int, float]]:
    """(line, column up to which the token holds the line) for each line it touches."""
    start, end = token.start_mark, token.end_mark
    last = end.line if end.column > 0 else end.line - 1
    if isinstance(token, ScalarToken) and token.style in ("|", ">"):
        header = BLOCK_HEADER.match(lines[start.line], start.column)
        yield start.line, header.end() if header else start.column + 1
        keep = header is not None and "+" in header.group()
        while not keep and last > start.line and not lines[last].strip():
            last -= 1  # blank lines after the text are layout, not content
        for line in range(start.line + 1, last + 1):
            yield line, float("inf")
        return
    for line in range(start.line, last + 1):
        yield line, end.column if line == end.line else float("inf")


@dataclass(frozen=True)
class _Anchor:
    """A key or list item, where it starts, and whether it is its container's first."""

    path: PathKey
    line: int
    col: int
    first: bool


def compose(text: str) -> Node:
    try:
        node: Node = YAML(typ="safe", pure=True).compose(text)
        return node
    except YAMLError as exc:  # lofte's reader took it; ruamel.yaml's pure parser did not
        message = _("ruamel.yaml cannot read it ({detail})")
        raise FormatRefused(message.format(detail=first_line(exc))) from None


def anchors(root: Node) -> list[_Anchor]:
    """Every key and list item (and the document itself) in the order they start."""
    found = [_Anchor((), root.start_mark.line, root.start_mark.column, False)]
    seen = {id(root)}

    def walk(node: Node, path: PathKey) -> None:
        if isinstance(node, MappingNode):
            entries: list[tuple[str | int, Node, Node]] = [
                (str(k.value), k, v) for k, v in node.value
            ]
        elif isinstance(node, SequenceNode):
            entries = [(i, v, v) for i, v in enumerate(node.value)]
        else:
            return
        for i, (key, where, value) in enumerate(entries):
            alias = id(value) in seen  # the value's marks are those of its &anchor
            seen.add(id(value))
            if alias and where is value:
                continue
            mark = where.start_mark
            found.append(_Anchor((*path, key), mark.line, mark.column, i == 0))
            if not alias:
                walk(value, (*path, key))

    walk(root, ())
    found.sort(key=lambda a: (a.line, a.col, len(a.path)))
    return found


@dataclass(frozen=True)
class _Target:
    """Where comments go back: before the line of `path` ("at"), or before the first line
    of the entries of the mapping or list `path` ("start"); or at the end of a line."""

    path: PathKey
    mode: str  # at | start
    order: int  # the comment's line in the old text, to keep comments in their order


@dataclass
class _Placements:
    before: dict[_Target, list[str]] = field(default_factory=dict)
    eol: list[tuple[_Target, int, str]] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)


def place_comments(layout: _Layout, anchors: list[_Anchor]) -> _Placements:
    """What each comment and blank line belongs to (see the module docstring)."""
    placed = _Placements()
    starts = [(a.line, a.col) for a in anchors]
    run: list[str] = []
    for number, line in enumerate(layout.lines):
        if layout.free[number]:
            run.append(line.strip())
            continue
        if run:
            placed.before[_leading_target(anchors, starts, number, number - len(run))] = run
            run = []
        if number in layout.eol:
            col, gap, text = layout.eol[number]
            if OPENERS.issuperset(line[:col]):  # `- # …`: about what follows
                run = [text]
            else:
                placed.eol.append((_eol_target(anchors, starts, number, col), gap, text))
    placed.trailing = run
    return placed


def _leading_target(
    anchors: list[_Anchor], starts: list[tuple[int, int]], line: int, order: int
) -> _Target:
    """The first key or item from `line` on, or the start of its container when it is the
    container's first entry; the document's start when nothing follows."""
    index = bisect.bisect_left(starts, (line, 0))
    following = anchors[index] if index < len(anchors) else None
    if following is None or not following.path:
        return _Target((), "start", order)
    if following.first:
        return _Target(following.path[:-1], "start", order)
    return _Target(following.path, "at", order)


def _eol_target(
    anchors: list[_Anchor], starts: list[tuple[int, int]], line: int, col: int
) -> _Target:
    """The last key or item that starts before the comment."""
    index = bisect.bisect_left(starts, (line, col))
    return _Target(anchors[index - 1].path if index else (), "at", line)


def put_back(body: str, placed: _Placements) -> str:
    """The comment-free canonical `body` with the comments and blank lines in place."""
    lines = body.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    new = anchors(compose(body))
    at = {a.path: a.line for a in new}
    starts: dict[PathKey, int] = {}
    for a in new:
        if a.path:
            parent = a.path[:-1]
            starts[parent] = min(starts.get(parent, a.line), a.line)
    starts[()] = 0

    def line_of(target: _Target) -> int:
        where = starts if target.mode == "start" else at
        found = where.get(target.path, at.get(target.path))
        if found is None:  # cannot happen: the same values are dumped
            message = _("lost track of {key} (a bug in lofte fmt)")
            raise FormatRefused(message.format(key=".".join(map(str, target.path))))
        return found

    before: dict[int, list[tuple[int, list[str]]]] = {}
    for target, run in placed.before.items():
        before.setdefault(line_of(target), []).append((target.order, run))
    ends: dict[int, tuple[int, str]] = {}
    for target, gap, text in sorted(placed.eol, key=lambda e: e[0].order):
        number = line_of(target)
        if number in ends:  # a second comment for the same line goes above it
            before.setdefault(number, []).append((target.order, [text]))
        else:
            ends[number] = (gap, text)
    out: list[str] = []
    for number, line in enumerate(lines):
        indent = " " * (len(line) - len(line.lstrip(" ")))
        run = _tidy([r for _, run in sorted(before.get(number, [])) for r in run])
        out.extend(
            indent + r if r else "" for r in (run[1:] if not out and run[:1] == [""] else run)
        )
        if number in ends:
            gap, text = ends[number]
            line = line + " " * max(1, gap) + text
        out.append(line)
    trailing = _tidy(placed.trailing)
    while trailing and not trailing[-1]:
        trailing.pop()
    return "\n".join(out + trailing) + "\n"


def _tidy(run: list[str]) -> list[str]:
    """Comment lines and blank lines with at most one blank line in a row."""
    return [r for i, r in enumerate(run) if r or i == 0 or run[i - 1]]


def verify(old: str, new: str, layout: _Layout) -> None:
    """The rewrite holds the same values and the same comments, or it is refused."""
    path = Path("fmt")
    before, after = parse_bytes(old.encode(), path), parse_bytes(new.encode(), path)
    if isinstance(after, ParseFailure) or isinstance(before, ParseFailure):
        raise FormatRefused(_("the rewritten text would not parse (a bug in lofte fmt)"))
    if before.data != after.data:
        raise FormatRefused(_("the rewritten text would read differently (a bug in lofte fmt)"))
    if layout.comments() != read_layout(new).comments():
        raise FormatRefused(_("the rewritten text would lose a comment (a bug in lofte fmt)"))
