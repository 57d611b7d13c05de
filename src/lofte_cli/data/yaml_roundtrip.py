"""YAML for writing: ruamel.yaml's round-trip loader and dumper set up as lofte writes
files (block style, 2-space indentation, comments kept), and long texts folded."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString


def roundtrip_yaml() -> YAML:
    """The set-up for rewriting files: comments, key order and quoting survive."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def load_roundtrip(text: str) -> Any:
    """Load text with the round-trip loader (for editing and rewriting a file)."""
    return roundtrip_yaml().load(text)


def dump_roundtrip(data: Any) -> str:
    """Dump data loaded by `load_roundtrip` back to text, comments included."""
    stream = io.StringIO()
    roundtrip_yaml().dump(data, stream)
    return stream.getvalue()


def folded_text(text: str, width: int = 76) -> str:
    """A long one-line text as a folded block (`>-`), wrapped at spaces, reading back the
    same; shorter texts stay plain."""
    if len(text) <= width or "\n" in text or "  " in text or text != text.strip():
        return text
    folds, line_start = [], 0
    while len(text) - line_start > width:
        cut = text.rfind(" ", line_start, line_start + width + 1)
        if cut <= line_start:
            cut = text.find(" ", line_start + width)
            if cut < 0:
                break
        folds.append(cut)
        line_start = cut + 1
    folded = FoldedScalarString(text)
    folded.fold_pos = folds
    return folded  # type: ignore[no-any-return]  # ruamel.yaml's str subclass is untyped


def flow_seq(items: Iterable[Any]) -> CommentedSeq:
    """A list written on one line: `[a, b]`."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def flow_map(items: Mapping[Any, Any] | Iterable[tuple[Any, Any]]) -> CommentedMap:
    """A mapping written on one line: `{start: 2023-01-01, end: 2024-12-31}`."""
    mapping = CommentedMap(items)
    mapping.fa.set_flow_style()
    return mapping
