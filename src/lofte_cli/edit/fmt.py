"""The canonical layout of a data file (`lofte fmt`): what a file becomes, and which files
of a data root are not in it yet. Pure but for reading files and `write_formatted`.

The canonical layout: keys in the order of `properties` in the file's JSON Schema (at
every level the schema names; keys it does not know follow in the order they were
written), 2-space indentation with sequences as `  - ` under their key, the top level in
block style, quotes only where a value would otherwise read as another (`"2023"`, `"%"`;
the writer's own quote character stays), one trailing newline, and for activities and
follow-ups the `# yaml-language-server: $schema=…` comment as the first line when the file
has none. What else the writer chose stays: folded and literal text keeps its line
breaks, short lists and mappings keep their flow or block style, and every comment and
blank line is kept.

Comments move with what they describe. A run of full-line comments (and blank lines)
belongs to the key or list item on the line after it, and moves with that key when the
keys are reordered; before the first entry of a mapping or list, it stays at the start of
that mapping or list (so a file's header stays on top). An end-of-line comment belongs to
the last key or item that starts on its line (on a line of only `-`, `[` or `{`, to the
entry on the next line). Comments are re-indented to what they belong to; an end-of-line
comment keeps the spaces before it. ruamel.yaml's own comment handling attaches a comment
to whatever precedes it, which would move `# Parterna …` with the key above it; so lofte
lifts the comments out, lets ruamel.yaml write the values, and puts the comments back by
the new line of what they belong to.

Two checks guard every rewrite: the new text must read back (by lofte's own reader) to
exactly the values of the old one, and hold exactly the same comments. A file that does
not pass is left as it is and reported; so is a file that does not parse.
"""

from __future__ import annotations

import bisect
import io
import os
import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import Comment, CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag
from ruamel.yaml.tokens import ScalarToken

from lofte_cli.data.loader import DataFile, find_data_files
from lofte_cli.data.problem import Problem, problem
from lofte_cli.data.schema import Kind, load_schema
from lofte_cli.data.yaml_io import (
    ParseFailure,
    _resolve_plain,  # how lofte reads a plain scalar: fmt must quote exactly what it misreads
    parse_bytes,
    read_document,
    roundtrip_yaml,
)
from lofte_cli.edit.activity_draft import schema_comment
from lofte_cli.errors import UsageError
from lofte_cli.write import data_file_lock, exclusive_lock, write_atomic

SCHEMA_HINT = re.compile(r"^\s*#\s*yaml-language-server:\s*\$schema=", re.MULTILINE)
_HINTED_KINDS = ("activity", "followup")
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")
# Fewer files than this are formatted in this process: starting workers costs more.
_PARALLEL_FROM = 200
_OPENERS = frozenset("-[{? ")  # a line of these starts an entry on the next line
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")
_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = ((bool, "bool"), (int, "int"), (float, "float"), (str, "str"))

PathKey = tuple[str | int, ...]


# --- results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FormattedFile:
    """One data file: its canonical text, or why it was left as it is.

    `problem` is set when the data is at fault (the file does not parse, as `lofte
    validate` reports it); `refused` when lofte cannot rewrite a file it can read (a
    limitation or a bug of lofte, never a reason to touch the file)."""

    path: Path
    kind: Kind
    changed: bool = False
    text: str | None = None
    problem: Problem | None = None
    refused: str | None = None
    original: str | None = None  # the text read, of a file that changes

    @property
    def failed(self) -> bool:
        return self.problem is not None or self.refused is not None


@dataclass(frozen=True)
class FormatReport:
    """Every file looked at, in the data root's order."""

    files: tuple[FormattedFile, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> tuple[FormattedFile, ...]:
        return tuple(f for f in self.files if f.changed)

    @property
    def failed(self) -> tuple[FormattedFile, ...]:
        return tuple(f for f in self.files if f.failed)


def unified_diff(formatted: FormattedFile, *, name: str) -> str:
    """What formatting would change in a file, as `diff -u` shows it (empty when nothing)."""
    import difflib

    if not formatted.changed or formatted.text is None:
        return ""
    before = formatted.path.read_text(encoding="utf-8").splitlines(keepends=True)
    after = formatted.text.splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"))


class FormatRefused(Exception):
    """lofte cannot rewrite this text without changing a value or losing a comment."""


# --- files -------------------------------------------------------------------------------


def check_formatting(
    root: Path, paths: Sequence[Path] = (), *, jobs: int | None = None
) -> FormatReport:
    """Every data file below `root` (or below `paths`) with its canonical text; writes
    nothing; see `select_files` for `paths`. `jobs` worker processes (default: one per
    processor) when there are many files."""
    files = select_files(root, paths)
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(files) < _PARALLEL_FROM:
        return FormatReport(tuple(format_file(root, f) for f in files))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        done = pool.map(format_file, [root] * len(files), files, chunksize=32)
        return FormatReport(tuple(done))


def write_formatted(report: FormatReport, root: Path) -> Iterator[tuple[Path, bool]]:
    """Write the files of `report` that change, one by one, each atomically and under the
    lock `lofte assess` takes for the same file; yields each path with whether it was
    written. A file that changed since it was read (someone saved it meanwhile) is left
    alone (False): its new content was never seen by the formatter."""
    for f in report.changed:
        assert f.text is not None
        with exclusive_lock(root, data_file_lock(root, f.path)):
            now = read_document(f.path)
            unchanged = not isinstance(now, ParseFailure) and now.text == f.original
            if unchanged:
                write_atomic(f.path, f.text)
        yield f.path, unchanged


def format_exit_code(
    report: FormatReport, outcomes: Sequence[tuple[Path, bool]], *, check: bool
) -> int:
    """1 when a file could not be formatted, changed while fmt ran, or (with --check)
    would change; else 0."""
    moved = not check and not all(done for _, done in outcomes)
    return 1 if report.failed or moved or (check and report.changed) else 0


def select_files(root: Path, paths: Sequence[Path] = ()) -> list[DataFile]:
    """The pledge, activity and follow-up files below `root`, or those below `paths`.
    Raises `UsageError` for a path that is missing, outside the data root, or a file that
    is not a data file."""
    files, misplaced = find_data_files(root)
    if not paths:
        return files
    inside = Path(os.path.abspath(root))
    wanted = [Path(os.path.abspath(p)) for p in paths]
    # Files out of place (`lofte validate` reports them) are passed over, not refused:
    # pre-commit hands every changed .yaml file below data/pledges/ to `lofte fmt`.
    known = {Path(os.path.abspath(f.path)) for f in files}
    known |= {Path(os.path.abspath(p.path)) for p in misplaced}
    for path in wanted:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path != inside and inside not in path.parents:
            raise UsageError(f"{path}: outside the data repository {inside}")
        if path.is_file() and path not in known:
            raise UsageError(
                f"{path}: not a lofte data file (those are data/pledges/<id>/pledge.yaml, "
                "activities/<id>.yaml and followups/<date>.yaml below the data root)"
            )
    return [f for f in files if _below(Path(os.path.abspath(f.path)), wanted)]


def _below(path: Path, wanted: list[Path]) -> bool:
    return any(path == w or w in path.parents for w in wanted)


def format_file(root: Path, data_file: DataFile) -> FormattedFile:
    """One file's canonical text, or the reason it stays as it is."""
    path, kind = data_file.path, data_file.kind
    doc = read_document(path)
    if isinstance(doc, ParseFailure):
        return FormattedFile(path, kind, problem=problem(doc.code, path, doc.message, doc.position))
    hint = schema_comment(path, root, kind) if kind in _HINTED_KINDS else None
    try:
        text = format_text(doc.text, kind, schema_hint=hint)
    except FormatRefused as exc:
        return FormattedFile(path, kind, refused=str(exc))
    changed = text != doc.text
    return FormattedFile(
        path, kind, changed=changed, text=text, original=doc.text if changed else None
    )


# --- text --------------------------------------------------------------------------------


def format_text(text: str, kind: Kind, *, schema_hint: str | None = None) -> str:
    """`text` (one data file that lofte's reader accepts) in the canonical layout.

    Raises `FormatRefused` where the result would not read back to the same values with
    the same comments, or where ruamel.yaml cannot load what lofte can."""
    text = text.replace("\r\n", "\n")
    if any(c in text for c in _ODD_BREAKS):
        raise FormatRefused(
            "it holds a Unicode line separator (U+0085, U+2028 or U+2029); lofte fmt "
            "leaves such files alone"
        )
    layout = _read_layout(text)
    placements = _place_comments(layout, _anchors(_compose(text)))
    result = _put_back(_canonical_body(text, kind), placements)
    _verify(text, result, layout)
    if schema_hint and not SCHEMA_HINT.search(result):
        result = f"# {schema_hint}\n{result}"
    return result


# The values: ruamel.yaml's round trip with lofte's reading of plain scalars.


class _LofteResolver(VersionedResolver):
    """Plain scalars resolve as lofte reads them (YAML 1.2 core, dates stay text), both
    when loading and when deciding whether a value needs quotes to read back the same."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            read = _resolve_plain(str(value))
            name = next((n for t, n in _PLAIN_TAGS if isinstance(read, t)), "null")
            return Tag(suffix=_CORE + name)
        return super().resolve(kind, value, implicit)


_RUAMEL_1_2 = VersionedResolver()


def _canonical_yaml() -> YAML:
    yaml = roundtrip_yaml()  # keeps quotes; the emitter below drops those not needed
    yaml.width = 1 << 30  # never wrap a line: the comments go back at line ends
    yaml.brace_single_entry_mapping_in_flow_sequence = True  # [{url: …}], not [url: …]
    yaml.Resolver = _LofteResolver
    yaml.Emitter = _unquoting_emitter(yaml.Emitter)
    return yaml


def _unquoting_emitter(base: type) -> type:
    class _Unquoting(base):  # type: ignore[misc, valid-type]
        """Quotes stay only where they are needed: where the text, written plain, would
        read as another value (for lofte, and for YAML 1.2 readers, which take dates as
        dates) or would not be YAML. In a flow list or mapping a text with `:` keeps its
        quotes, as YAML 1.1 readers need. Where quotes are needed, the writer's choice of
        quote stays, and where ruamel.yaml adds them it uses its own (as add-activity)."""

        def choose_scalar_style(self) -> Any:
            if self.event.style in ("'", '"') and self._reads_same_plain():
                return ""
            return super().choose_scalar_style()

        def _reads_same_plain(self) -> bool:
            value = self.event.value
            if self.analysis is None:
                self.analysis = self.analyze_scalar(value)
            analysis = self.analysis
            plain_here = (
                analysis.allow_flow_plain if self.flow_level else analysis.allow_block_plain
            )
            return (
                self.event.implicit[0]
                and plain_here
                and not analysis.empty
                and not analysis.multiline
                and not (self.flow_level and ":" in value)
                and _RUAMEL_1_2.resolve(ScalarNode, value, (True, False)) == self.event.ctag
            )

    return _Unquoting


def _canonical_body(text: str, kind: Kind) -> str:
    """The values in canonical layout, without any comment or blank line."""
    try:
        data = _canonical_yaml().load(text)
    except Exception as exc:  # ruamel raises many kinds; all mean it cannot be rewritten
        raise FormatRefused(f"ruamel.yaml cannot read it ({_first_line(exc)})") from None
    if not isinstance(data, CommentedMap):
        raise FormatRefused("it does not hold a mapping")
    _strip_comments(data, set())
    _order_keys(data, load_schema(kind))
    data.fa.set_block_style()
    stream = io.StringIO()
    _canonical_yaml().dump(data, stream)  # a fresh set-up: no %YAML directive, no ---
    return stream.getvalue()


def _strip_comments(node: Any, seen: set[int]) -> None:
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, CommentedMap | CommentedSeq):
        setattr(node, Comment.attrib, Comment())
        children = node.values() if isinstance(node, CommentedMap) else node
        for child in children:
            _strip_comments(child, seen)
    elif hasattr(node, "comment"):  # a block scalar's header comment
        node.comment = None


def _order_keys(node: Any, schema: dict[str, Any] | None) -> None:
    """Sort mappings by the order of `properties` in their schema, at every level."""
    if isinstance(node, CommentedMap):
        shape = _branch(schema, "object")
        order = list((shape or {}).get("properties", {}))
        rank = {key: i for i, key in enumerate(order)}
        for key in sorted(node, key=lambda k: rank.get(k, len(order))):
            node.move_to_end(key)
        for key, value in node.items():
            _order_keys(value, _child_schema(shape, key))
    elif isinstance(node, CommentedSeq):
        shape = _branch(schema, "array")
        items = (shape or {}).get("items")
        for value in node:
            _order_keys(value, items if isinstance(items, dict) else None)


def _branch(schema: dict[str, Any] | None, kind: str) -> dict[str, Any] | None:
    """The (sub)schema that describes a value of JSON type `kind`: the schema itself, or
    the first branch of its anyOf/oneOf that does."""
    if not schema:
        return None
    key = {"object": ("properties", "additionalProperties"), "array": ("items",)}[kind]
    if schema.get("type") == kind or any(k in schema for k in key):
        return schema
    for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
        found = _branch(branch, kind)
        if found is not None:
            return found
    return None


def _child_schema(shape: dict[str, Any] | None, key: str) -> dict[str, Any] | None:
    if not shape:
        return None
    if key in shape.get("properties", {}):
        return shape["properties"][key]
    extra = shape.get("additionalProperties")
    return extra if isinstance(extra, dict) else None


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


def _read_layout(text: str) -> _Layout:
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
        raise FormatRefused(f"ruamel.yaml cannot read it ({_first_line(exc)})") from None


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _token_reach(token: Any, lines: list[str]) -> Iterator[tuple[int, float]]:
    """(line, column up to which the token holds the line) for each line it touches."""
    start, end = token.start_mark, token.end_mark
    last = end.line if end.column > 0 else end.line - 1
    if isinstance(token, ScalarToken) and token.style in ("|", ">"):
        header = _BLOCK_HEADER.match(lines[start.line], start.column)
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


def _compose(text: str) -> Node:
    try:
        return YAML(typ="safe", pure=True).compose(text)
    except YAMLError as exc:  # lofte's reader took it; ruamel.yaml's pure parser did not
        raise FormatRefused(f"ruamel.yaml cannot read it ({_first_line(exc)})") from None


def _anchors(root: Node) -> list[_Anchor]:
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


def _place_comments(layout: _Layout, anchors: list[_Anchor]) -> _Placements:
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
            if _OPENERS.issuperset(line[:col]):  # `- # …`: about what follows
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


def _put_back(body: str, placed: _Placements) -> str:
    """The comment-free canonical `body` with the comments and blank lines in place."""
    lines = body.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    new = _anchors(_compose(body))
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
            raise FormatRefused(f"lost track of {'.'.join(map(str, target.path))}")
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


def _verify(old: str, new: str, layout: _Layout) -> None:
    """The rewrite holds the same values and the same comments, or it is refused."""
    path = Path("fmt")
    before, after = parse_bytes(old.encode(), path), parse_bytes(new.encode(), path)
    if isinstance(after, ParseFailure) or isinstance(before, ParseFailure):
        raise FormatRefused("the rewritten text would not parse (a bug in lofte fmt)")
    if before.data != after.data:
        raise FormatRefused("the rewritten text would read differently (a bug in lofte fmt)")
    if layout.comments() != _read_layout(new).comments():
        raise FormatRefused("the rewritten text would lose a comment (a bug in lofte fmt)")
