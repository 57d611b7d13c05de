"""Reading and writing YAML: the fast reader that keeps every value's position, and the
round-trip set-up that keeps comments and key order for writing.

The fast reader lets libyaml (through ruamel.yaml's C parser) build the node graph and then
turns nodes into plain values itself, so that it can resolve scalars by the YAML 1.2 core
schema, refuse tags, count alias expansions and record a line and column for every value.
Dates stay strings: the JSON Schema checks them, and `2023-02-30` gets a clear error.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from lofte_cli.data.document import START, Document, ParseFailure, PathKey, Position
from lofte_cli.data.yaml_messages import reader_message, syntax_message
from lofte_cli.errors import system_reason
from lofte_cli.i18n import _, ngettext

MAX_BYTES = 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 64
# Fewer nesting markers than this cannot nest deep enough to matter; more get an exact scan
# before composing, because libyaml's composer recurses and would overflow the C stack.
_NESTING_SCAN_THRESHOLD = 2_000

_PLAIN, _QUOTED, _COLLECTION = "lofte:plain", "lofte:quoted", "lofte:collection"
_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}

_NULL_WORDS = frozenset(("~", "null", "Null", "NULL"))
_NUMBER_START = frozenset("0123456789+-.")
_MAX_DIGITS = 4000
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")


class _Rejected(Exception):
    def __init__(self, code: str, message: str, position: Position = START) -> None:
        super().__init__(message)
        self.code, self.message, self.position = code, message, position


def read_document(path: Path) -> Document | ParseFailure:
    """Read one data file; every way it can fail comes back as a `ParseFailure`."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        reason = system_reason(exc)
        return ParseFailure(path, "L101", _("cannot read the file: {reason}").format(reason=reason))
    return parse_bytes(raw, path)


def parse_bytes(raw: bytes, path: Path, *, positions: bool = True) -> Document | ParseFailure:
    """Parse the bytes of one data file (see `read_document`); without `positions`, faster,
    and the document finds them when first asked."""
    try:
        text = _decode(raw)
        return _compose(text, path, positions=positions)
    except _Rejected as rejected:
        return ParseFailure(path, rejected.code, rejected.message, rejected.position)


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise _Rejected("L112", _("file is larger than {size} KiB").format(size=MAX_BYTES // 1024))
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _Rejected(
            "L101", _("file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
        )
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_utf16(raw):
        raise _Rejected(
            "L101", _("UTF-16 text (as Windows PowerShell writes it); save the file as UTF-8")
        )
    if b"\x00" in raw:
        raise _Rejected("L101", _("binary file (it holds NUL bytes), not YAML text"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise _Rejected(
            "L101",
            _(
                "not UTF-8: byte 0x{byte} cannot be read (Latin-1 or Windows-1252?); "
                "save the file as UTF-8"
            ).format(byte=f"{raw[exc.start]:02x}"),
            Position(line, col),
        ) from None


def _looks_utf16(raw: bytes) -> bool:
    """Every other byte zero at the start: UTF-16 without a byte-order mark."""
    head = raw[:64]
    return len(head) >= 8 and (
        head[1::2].count(0) == len(head[1::2]) or head[0::2].count(0) == len(head[0::2])
    )


def _compose(text: str, path: Path, *, positions: bool = True) -> Document:
    if sum(text.count(c) for c in "[{-") > _NESTING_SCAN_THRESHOLD:
        _check_nesting(text)
    stand_ins = any(c in text for c in _YAML_1_1_BREAKS) and not any(
        c in text for c in _STAND_INS.values()
    )
    if stand_ins:  # libyaml would break lines at them; YAML 1.2 keeps them as characters
        text = text.translate(_TO_STAND_INS)
    try:
        root = _new_parser(text).get_single_node()
    except ReaderError as exc:
        raise _Rejected(
            "L101", reader_message(exc), _offset_position(text, _char_offset(text, exc.position))
        ) from None
    except MarkedYAMLError as exc:
        root = _compose_yaml_1_2(text)
        if root is None:
            raise _Rejected("L100", syntax_message(exc, text), _mark_position(exc, text)) from None
    except YAMLError as exc:
        raise _Rejected("L100", _("YAML syntax error: {problem}").format(problem=exc)) from None
    if root is None:
        raise _Rejected("L102", _("empty file: it holds no YAML mapping"))
    if not isinstance(root, MappingNode):
        raise _Rejected(
            "L102",
            _("the file must hold one YAML mapping (key: value lines)"),
            _node_position(root),
        )
    builder = _Builder(text, record=positions, restore=stand_ins)
    data = builder.build(root, ())
    if not positions:
        return Document(path, data)
    builder.positions[()] = START  # "the file" rather than its first key, after comments
    return Document(path, data, text, builder.positions, builder.key_positions)


class _Resolver:
    """Marks plain and quoted scalars so that `_Builder` resolves them by YAML 1.2."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if isinstance(implicit, tuple):
            return _PLAIN if implicit[0] else _QUOTED
        return _COLLECTION

    def descend_resolver(self, *_: Any) -> None:
        pass

    def ascend_resolver(self, *_: Any) -> None:
        pass


class _FastParser(_CParser, _Resolver):  # type: ignore[misc]
    pass


def _new_parser(text: str) -> Any:
    return _FastParser(text)


class _PureResolver(VersionedResolver):
    """`_Resolver` for ruamel.yaml's own (pure-Python) composer, which wants `Tag`s."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Tag:
        return Tag(suffix=_Resolver.resolve(self, kind, value, implicit))  # type: ignore[arg-type]


def _compose_yaml_1_2(text: str) -> Any:
    """The node graph by ruamel.yaml's YAML 1.2 parser, or None where it fails too.

    libyaml parses YAML 1.1, which rejects some YAML 1.2, such as an unquoted address in
    a flow mapping (`{url: https://polisen.se}`); the few files it rejects get this second,
    slower reading before a syntax error is reported.
    """
    yaml = YAML(typ="safe", pure=True)
    yaml.Resolver = _PureResolver
    try:
        return yaml.compose(text)
    except Exception:
        return None


def _check_nesting(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH by walking parse events (no recursion)."""
    parser = _new_parser(text)
    depth = 0
    try:
        while True:
            event = parser.get_event()
            name = type(event).__name__
            if name in ("MappingStartEvent", "SequenceStartEvent"):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Rejected("L112", _too_deep(), _mark_position_of(event.start_mark))
            elif name in ("MappingEndEvent", "SequenceEndEvent"):
                depth -= 1
            elif name == "StreamEndEvent":
                return
    except YAMLError:
        return  # the composer reports the syntax error with its position


class _Builder:
    """Turns a node graph into plain values and records positions as it goes."""

    def __init__(self, text: str, *, record: bool = True, restore: bool = False) -> None:
        self.record = record
        self.restore = restore
        self.escapes = "\\u" in text or "\\U" in text  # where a lone surrogate can come from
        self.locator = _Locator(text) if record else _PLAIN_LOCATOR
        self.positions: dict[PathKey, Position] = {}
        self.key_positions: dict[PathKey, Position] = {}
        self.visited = 0
        # Aliases can repeat a long text many times over: what the checks would have to
        # read is limited, not only the number of values.
        self.text_budget = max(4 * len(text), 256 * 1024)

    def where(self, node: Any) -> Position:
        return _node_position(node, self.locator)

    def build(self, node: Any, path: PathKey) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _Rejected(
                "L112",
                _("too many values after expanding aliases (over {limit})").format(limit=MAX_NODES),
            )
        if len(path) > MAX_DEPTH:
            raise _Rejected("L112", _too_deep(), self.where(node))
        if self.record:
            self.positions[path] = self.where(node)
        tag = _tag(node)
        if tag not in (_PLAIN, _QUOTED, _COLLECTION, "!") and tag not in _ALLOWED_TAGS:
            raise _Rejected(
                "L111",
                _("YAML tag {tag!r} is not allowed; data files hold plain values only").format(
                    tag=_short_tag(tag)
                ),
                self.where(node),
            )
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        self.text_budget -= len(node.value)
        if self.text_budget < 0:
            raise _Rejected("L112", _("too much text after expanding aliases (&anchor / *alias)"))
        value = _scalar(node)
        return self.text_of(node, value) if isinstance(value, str) else value

    def text_of(self, node: Any, value: str) -> str:
        """A string as YAML 1.2 means it: the line separators put back, and escaped
        surrogate pairs (as JSON writes emoji) joined; a lone surrogate is no text."""
        if self.restore:
            value = value.translate(_FROM_STAND_INS)
        if self.escapes and _SURROGATES.search(value):
            try:
                value = value.encode("utf-16", "surrogatepass").decode("utf-16")
            except UnicodeDecodeError:
                raise _Rejected(
                    "L101",
                    _(
                        "an escaped lone surrogate (\\ud800–\\udfff) is not a character; "
                        "write the character itself"
                    ),
                    self.where(node),
                ) from None
        return value

    def _mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Rejected(
                    "L100",
                    _("a key must be a plain word, not a list or mapping"),
                    self.where(key_node),
                )
            if _tag(key_node) == "tag:yaml.org,2002:merge" or (
                key_node.value == "<<" and _tag(key_node) == _PLAIN
            ):
                raise _Rejected(
                    "L111",
                    _("merge keys (<<) are not supported; write the keys out"),
                    self.where(key_node),
                )
            key = self.text_of(key_node, str(key_node.value))
            if key in result:
                raise _Rejected(
                    "L110",
                    _("duplicate key {key!r} (it appears earlier in this mapping)").format(key=key),
                    self.where(key_node),
                )
            if self.record:
                self.key_positions[(*path, key)] = self.where(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result


def _scalar(node: ScalarNode) -> Any:
    value: str = node.value
    tag = _tag(node)
    if tag in (_QUOTED, "!", _CORE + "str"):
        return value
    if tag == _PLAIN:
        return _resolve_plain(value)
    resolved = _resolve_plain(value)
    wanted = {
        _CORE + "int": int,
        _CORE + "float": float,
        _CORE + "bool": bool,
        _CORE + "null": type(None),
    }.get(tag)
    if wanted is float and isinstance(resolved, int) and not isinstance(resolved, bool):
        return float(resolved)
    if wanted is not None and type(resolved) is not wanted:
        message = _("{value!r} is not a valid {tag}").format(value=value, tag=_short_tag(tag))
        raise _Rejected("L115", message, _node_position(node))
    return resolved


def _resolve_plain(value: str) -> Any:
    """Resolve a plain scalar by the YAML 1.2 core schema."""
    if not value or value in _NULL_WORDS:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if value[0] not in _NUMBER_START:
        return value  # most scalars are words: no pattern can match them
    if _INT.fullmatch(value):
        return int(value) if len(value) <= _MAX_DIGITS else value  # Python refuses longer
    if _OCT.fullmatch(value):
        return int(value[2:], 8)
    if _HEX.fullmatch(value):
        return int(value[2:], 16)
    if _FLOAT.fullmatch(value):
        return float(value)
    if _INF.fullmatch(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.fullmatch(value):
        return float("nan")
    return value


def _tag(node: Any) -> str:
    """The node's tag. Reads the stored string where it can: ruamel's `Node.tag` decodes
    URI escapes on every call, which cost a fifth of the reading time."""
    ctag = node.ctag
    return str(ctag.suffix if ctag.handle is None else node.tag)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


class _Locator:
    """Line and column of a parser mark as an editor counts them. libyaml also breaks lines
    at U+2028, U+2029 and U+0085 (YAML 1.1); YAML 1.2, git and editors do not. Where the
    text holds one, the position is counted from the mark's character index instead."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] | None = None
        if any(c in text for c in _YAML_1_1_BREAKS):
            self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def at(self, mark: Any) -> Position:
        if self.starts is None:
            return _mark_position_of(mark)
        line = bisect.bisect_right(self.starts, mark.index) - 1
        return Position(line + 1, mark.index - self.starts[line] + 1)


_YAML_1_1_BREAKS = ("\u2028", "\u2029", "\x85")
# Private-use characters that stand in for those while libyaml reads the text.
_STAND_INS = {"\u2028": "\ue028", "\u2029": "\ue029", "\x85": "\ue085"}
_TO_STAND_INS = str.maketrans(_STAND_INS)
_FROM_STAND_INS = str.maketrans({v: k for k, v in _STAND_INS.items()})
_SURROGATES = re.compile("[\ud800-\udfff]")
_PLAIN_LOCATOR = _Locator("")


def _node_position(node: Any, locator: _Locator = _PLAIN_LOCATOR) -> Position:
    return locator.at(node.start_mark)


def _mark_position_of(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _mark_position(exc: MarkedYAMLError, text: str) -> Position:
    mark = exc.problem_mark or exc.context_mark
    return _Locator(text).at(mark) if mark is not None else START


def _char_offset(text: str, byte_offset: int) -> int:
    """libyaml's reader counts bytes of UTF-8; a position is counted in characters."""
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", "ignore"))


def _offset_position(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _too_deep() -> str:
    return ngettext(
        "values nested deeper than {count} level",
        "values nested deeper than {count} levels",
        MAX_DEPTH,
    ).format(count=MAX_DEPTH)
