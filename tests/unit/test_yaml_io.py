"""The fast reader: YAML 1.2 values, positions, and every way a file can fail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lofte_cli.data.document import Document, ParseFailure, Position
from lofte_cli.data.yaml_io import MAX_BYTES, parse_bytes, read_document
from lofte_cli.data.yaml_roundtrip import dump_roundtrip, load_roundtrip
from tests.helpers import CORPUS, REPO

F = Path("f.yaml")


def parsed(text: str | bytes) -> Document:
    doc = parse_bytes(text.encode() if isinstance(text, str) else text, F)
    assert isinstance(doc, Document), doc
    return doc


def failure(text: str | bytes) -> ParseFailure:
    result = parse_bytes(text.encode() if isinstance(text, str) else text, F)
    assert isinstance(result, ParseFailure), result
    return result


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("1", 1),
        ("-3", -3),
        ("0x1F", 31),
        ("0o17", 15),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("yes", "yes"),  # YAML 1.1 would make these booleans
        ("no", "no"),
        ("on", "on"),
        ("1:20", "1:20"),  # and this a sexagesimal number
        ("2023-03-14", "2023-03-14"),  # dates stay text for the schema to check
        ("'12'", "12"),
        ('"true"', "true"),
        ("!!str 12", "12"),
        ("!!float 2", 2.0),
        ("Öland", "Öland"),
    ],
)
def test_scalars_resolve_by_yaml_1_2(source, value):
    assert parsed(f"a: {source}\n").data == {"a": value}


def test_positions_of_values_and_keys():
    doc = parsed("id: x\nby:\n  - polisen\n  - orust\nm: {a: 1, b: 2}\n")
    assert doc.at("id") == Position(1, 5)
    assert doc.at("by") == Position(3, 3)
    assert doc.at("by", 1) == Position(4, 5)
    assert doc.at("m", "b") == Position(5, 14)
    assert doc.key_at("m", "b") == Position(5, 11)
    assert doc.at("missing", "deeper") == Position(1, 1)  # falls back to the file
    assert doc.at("m", "zzz") == doc.at("m")


def test_find_locates_text_inside_a_block_scalar():
    doc = parsed("title: x\ndescription: |\n  first line\n  call 070-123 45 67 now\n")
    assert doc.find("070-123 45 67", "description") == Position(4, 8)


@pytest.mark.parametrize(
    ("source", "code", "position"),
    [
        (b"", "L102", Position(1, 1)),
        (b"# only a comment\n", "L102", Position(1, 1)),
        (b"- a\n- b\n", "L102", Position(1, 1)),
        (b"a: 1\na: 2\n", "L110", Position(2, 1)),
        (b"a: [1, 2\nb: 3\n", "L100", Position(2, 2)),  # the ':' while `[` is open
        (b"a: 1\n---\nb: 2\n", "L100", Position(2, 1)),
        (b"a:\n\tb: 1\n", "L100", Position(2, 1)),
        (b"a: !!python/object/apply:os.system [echo]\n", "L111", Position(1, 4)),
        (b"a: !custom x\n", "L111", Position(1, 4)),
        (b"<<: {a: 1}\n", "L111", Position(1, 1)),
        (b"\xef\xbb\xbfa: 1\n", "L101", Position(1, 1)),
        (b"a: 1\nb: caf\xe9\n", "L101", Position(2, 7)),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "L101", Position(1, 1)),
        (b"a: \x07\n", "L101", Position(1, 4)),
        (b"a: !!int twelve\n", "L115", Position(1, 4)),
        (b"? [a, b]\n: 1\n", "L100", Position(1, 3)),
    ],
)
def test_bad_files_fail_with_code_and_position(source, code, position):
    result = failure(source)
    assert (result.code, result.position) == (code, position), result.message


def test_tab_message_names_the_tab():
    assert failure(b"a:\n\tb: 1\n").message == (
        "YAML syntax error: a tab character; YAML is indented with spaces, not tabs"
    )


def test_alias_bomb_is_refused_quickly():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    result = failure("\n".join(lines) + "\n")  # j would hold 9 ** 10 strings
    assert (result.code, result.message) == (
        "L112",
        "too many values after expanding aliases (over 100000)",
    )


def test_small_aliases_are_fine():
    doc = parsed("x: &who [polisen, orust]\ny: *who\n")
    assert doc.data == {"x": ["polisen", "orust"], "y": ["polisen", "orust"]}


# The top mapping is level 1, so the 64th opening starts level 65, one deeper than the
# 64 allowed; it is reported there. "[": "a: " then one column each, so 3 + 64 = column 67;
# "{a: ": four columns each from column 4, 4 + 4 × 63 = 256; "- ": on line 2 after two
# blanks, two columns each from column 3, 3 + 2 × 63 = 129.
@pytest.mark.parametrize(
    ("opening", "position"),
    [("[", Position(1, 67)), ("{a: ", Position(1, 256)), ("- ", Position(2, 129))],
)
def test_deep_nesting_is_refused_without_crashing(opening, position):
    depth = 200_000
    closing = {"[": "]", "{a: ": "}", "- ": ""}[opening]
    body = (
        "a: " + opening * depth + "x" + closing * depth
        if opening != "- "
        else ("a:\n  " + opening * depth + "x")
    )
    result = failure(body + "\n")
    assert (result.code, result.position) == ("L112", position)
    assert result.message == "values nested deeper than 64 levels"


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: '" + b"x" * MAX_BYTES + b"'\n")
    result = read_document(path)
    assert isinstance(result, ParseFailure) and result.code == "L112"


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path):
    result = read_document(tmp_path / "missing.yaml")
    assert isinstance(result, ParseFailure) and result.code == "L101"


def test_yaml_1_2_that_libyaml_rejects_still_reads():
    doc = parsed("sources:\n  - {title: Polisen, url: https://polisen.se/a}\n")
    assert doc.data["sources"][0]["url"] == "https://polisen.se/a"
    assert doc.at("sources", 0, "url") == Position(2, 27)


def test_roundtrip_keeps_comments_and_order():
    text = "# head\nid: x  # the id\nb: 2\na: [1, 2]  # list\n"
    data = load_roundtrip(text)
    data["b"] = 3
    assert dump_roundtrip(data) == text.replace("b: 2", "b: 3")


def _normalise(value):
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _valid_yaml_files():
    roots = [REPO / "data", CORPUS / "base", CORPUS / "valid", REPO / "tests" / "fixtures"]
    return sorted(p for root in roots if root.exists() for p in root.rglob("*.yaml"))


@pytest.mark.parametrize("path", _valid_yaml_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_fast_and_roundtrip_readers_agree(path):
    doc = read_document(path)
    assert isinstance(doc, Document), doc
    assert _normalise(load_roundtrip(path.read_text(encoding="utf-8"))) == doc.data


def _all_yaml_files():
    roots = [REPO / "data", CORPUS, REPO / "tests" / "fixtures"]
    return sorted(
        p
        for root in roots
        if root.exists()
        for p in root.rglob("*")
        if p.suffix in (".yaml", ".yml")
    )


@pytest.mark.parametrize("path", _all_yaml_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_fast_and_careful_readers_agree(path):
    """Reading without positions (the fast path) and with them give the same values, or the
    same failure, for every file of every corpus."""
    raw = path.read_bytes()
    fast = parse_bytes(raw, path, positions=False)
    careful = parse_bytes(raw, path, positions=True)
    assert type(fast) is type(careful)
    if isinstance(careful, Document):
        assert fast.data == careful.data
    else:
        assert (fast.code, fast.message, fast.position) == (
            careful.code,
            careful.message,
            careful.position,
        )


@pytest.mark.parametrize(
    "source",
    [
        "a: &x [1]\nb: *x\n",
        "a: !!str 3\nb: !!int '4'\n",
        "2023: x\n",
        "? [k]\n: v\n",
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "a: {b: [c, {d: e}]}\n",
        "- a\n",
        "x\n",
        "",
        "a: 1\n---\nb: 2\n",
        "a: ! 12\nb: 'yes'\nc: yes\nd: 0x10\ne: .inf\nf: ~\n",
    ],
)
def test_fast_reader_on_odd_shapes(source):
    raw = source.encode()
    fast = parse_bytes(raw, F, positions=False)
    careful = parse_bytes(raw, F, positions=True)
    assert type(fast) is type(careful)
    if isinstance(careful, Document):
        assert fast.data == careful.data
    else:
        assert fast.code == careful.code


def test_a_colon_in_unquoted_text_gets_advice_not_only_jargon():
    from lofte_cli.data.document import ParseFailure
    from lofte_cli.data.yaml_io import parse_bytes

    raw = "id: x\ndescription: Föräldrakväll i Tölö. Kontakt: Anna på skolan.\n".encode()
    found = parse_bytes(raw, Path("x.yaml"))
    assert isinstance(found, ParseFailure) and found.code == "L100"
    assert "needs quotes around the whole text" in found.message
    assert (found.position.line, found.position.col) == (2, 43)  # the colon
