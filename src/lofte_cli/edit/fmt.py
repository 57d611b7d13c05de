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
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from lofte_cli.data.document import ParseFailure
from lofte_cli.data.file_check import unreadable
from lofte_cli.data.finder import DataFile, find_data_files
from lofte_cli.data.problem import Problem, problem
from lofte_cli.data.schema import Kind, load_schema
from lofte_cli.data.yaml_io import (
    _resolve_plain,  # how lofte reads a plain scalar: fmt must quote exactly what it misreads
    read_document,
)
from lofte_cli.data.yaml_roundtrip import roundtrip_yaml
from lofte_cli.edit.activity_draft import schema_comment
from lofte_cli.edit.fmt_comments import (
    FormatRefused,
    anchors,
    compose,
    first_line,
    place_comments,
    put_back,
    read_layout,
    verify,
)
from lofte_cli.errors import FileSystemError, UsageError
from lofte_cli.i18n import _, active_language, speaking
from lofte_cli.write import data_file_lock, exclusive_lock, write_atomic

SCHEMA_HINT = re.compile(r"^\s*#\s*yaml-language-server:\s*\$schema=", re.MULTILINE)
_HINTED_KINDS = ("activity", "followup")
# Fewer files than this are formatted in this process: starting workers costs more.
_PARALLEL_FROM = 200
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")
_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = ((bool, "bool"), (int, "int"), (float, "float"), (str, "str"))


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
        language = [active_language()] * len(files)
        done = pool.map(_format_in, language, [root] * len(files), files, chunksize=32)
        return FormatReport(tuple(done))


def _format_in(language: str, root: Path, data_file: DataFile) -> FormattedFile:
    """`format_file` in a worker process, speaking the language of the command."""
    with speaking(language):
        return format_file(root, data_file)


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
    for found in unreadable(misplaced):  # a folder the system would not list
        raise FileSystemError(found.path, found.message)
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
            raise UsageError(_("{path}: no such file or folder").format(path=path))
        if path != inside and inside not in path.parents:
            message = _("{path}: outside the data repository {root}")
            raise UsageError(message.format(path=path, root=inside))
        if path.is_file() and path not in known:
            message = _(
                "{path}: not a lofte data file (those are data/pledges/<id>/pledge.yaml, "
                "activities/<id>.yaml and followups/<date>.yaml below the data root)"
            )
            raise UsageError(message.format(path=path))
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
            _(
                "it holds a Unicode line separator (U+0085, U+2028 or U+2029); lofte fmt "
                "leaves such files alone"
            )
        )
    layout = read_layout(text)
    placements = place_comments(layout, anchors(compose(text)))
    result = put_back(_canonical_body(text, kind), placements)
    verify(text, result, layout)
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
    class _Unquoting(base):  # type: ignore[misc]
        """Quotes stay only where they are needed: where the text, written plain, would
        read as another value (for lofte, and for YAML 1.2 readers, which take dates as
        dates) or would not be YAML. In a flow list or mapping a text with `:` keeps its
        quotes, as YAML 1.1 readers need. Where quotes are needed, the writer's choice of
        quote stays, and where ruamel.yaml adds them it uses its own (as add-activity)."""

        analysis: Any  # ruamel.yaml's emitter keeps the scalar analysis here

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
        message = _("ruamel.yaml cannot read it ({detail})")
        raise FormatRefused(message.format(detail=first_line(exc))) from None
    if not isinstance(data, CommentedMap):
        raise FormatRefused(_("it does not hold a mapping"))
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
        child: dict[str, Any] = shape["properties"][key]
        return child
    extra = shape.get("additionalProperties")
    return extra if isinstance(extra, dict) else None
