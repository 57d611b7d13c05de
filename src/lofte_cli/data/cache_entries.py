"""What a cache file may hold, checked before anything in it is used: a cache is a hint,
never a source of truth. Each file is sealed with a hash of its body, of lofte's code and
of its own name, so that damaged bytes, a cut file, or a file of another version, pledge
or language is never read; and each entry read from a sealed file is checked for its
shape, so that an entry of another shape is dropped (its file is checked again) rather
than trusted. Nothing here raises on what it is given."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from lofte_cli.data.codes import CODES

# A cache file is one JSON document: {"seal":"<32 hex digits>","body":<the body>}; the
# seal is found at a fixed place, so that checking it costs one hash and no parse.
_HEAD = b'{"seal":"'
_SEAL_LENGTH = 32
_MID = b'","body":'
_BODY_START = len(_HEAD) + _SEAL_LENGTH + len(_MID)
_SEVERITIES = ("error", "warning")


def seal(body: bytes, context: str) -> str:
    """The seal of a body: it changes with any byte of the body, and with the code and
    the file name in `context`."""
    digest = hashlib.blake2b(context.encode() + b"\0", digest_size=_SEAL_LENGTH // 2)
    digest.update(body)
    return digest.hexdigest()


def sealed(value: Any, context: str) -> bytes:
    """`value` as the text of a cache file."""
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _HEAD + seal(body, context).encode() + _MID + body + b"}"


def unsealed(raw: bytes, context: str) -> Any:
    """The body of a cache file whose seal holds, else None."""
    if (
        len(raw) <= _BODY_START
        or not raw.startswith(_HEAD)
        or raw[_BODY_START - len(_MID) : _BODY_START] != _MID
        or not raw.endswith(b"}")
    ):
        return None
    body = raw[_BODY_START:-1]
    found = raw[len(_HEAD) : len(_HEAD) + _SEAL_LENGTH]
    if not hmac.compare_digest(found, seal(body, context).encode()):
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


def checked_index(value: Any) -> dict[str, Any]:
    """The index of a pledge folder (see `cache.PledgeCache`) with every entry of the
    wrong shape left out: a file entry left out is checked again, rules left out are
    found again, a pledge's values left out are read from the data file."""
    index: dict[str, Any] = {"files": {}, "rules": None}
    if type(value) is not dict:
        return index
    files = value.get("files")
    if type(files) is dict:
        index["files"] = {k: e for k, e in files.items() if is_file_entry(e)}
    rules = value.get("rules")
    if _is_pair(rules, is_problems):
        index["rules"] = rules
    pledge = value.get("pledge")
    if _is_pair(pledge, lambda values: type(values) is dict):
        index["pledge"] = pledge
    return index


def checked_data(value: Any) -> dict[str, dict[str, Any]]:
    """The values read from files, by result key; an entry that is not a mapping is left
    out (its file is read again when its values are needed)."""
    if type(value) is not dict:
        return {}
    return {key: values for key, values in value.items() if type(values) is dict}


def is_file_entry(entry: Any) -> bool:
    """[modification time, size, inode, result key, problems, racy]."""
    return (
        type(entry) is list
        and len(entry) == 6
        and type(entry[0]) is int
        and type(entry[1]) is int
        and type(entry[2]) is int
        and type(entry[3]) is str
        and is_problems(entry[4])
        and type(entry[5]) is int
    )


def is_problems(value: Any) -> bool:
    """A list of [file, line, column, code, message, severity], each of its type, with a
    code lofte knows."""
    return type(value) is list and all(_is_problem(p) for p in value)


def _is_problem(p: Any) -> bool:
    return (
        type(p) is list
        and len(p) == 6
        and type(p[0]) is str
        and type(p[1]) is int
        and type(p[2]) is int
        and type(p[3]) is str
        and p[3] in CODES
        and type(p[4]) is str
        and p[5] in _SEVERITIES
    )


def _is_pair(value: Any, second: Any) -> bool:
    """[a text, something `second` accepts]."""
    return type(value) is list and len(value) == 2 and type(value[0]) is str and second(value[1])
