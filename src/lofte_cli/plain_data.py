"""Frozen dataclasses (a pledge's coverage) as JSON values and back, the way back checked
against the classes' own type hints: what a note in the cache holds is only a hint, so a
value of any other shape is refused (`NotPlain`), never taken for what it is not."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


class NotPlain(ValueError):
    """A JSON value that is not the class it is read as."""


def to_plain(value: object) -> Any:
    """A dataclass, tuple, date or scalar as JSON values (a date as YYYY-MM-DD)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_plain(cls: type[T], value: object) -> T:
    """`value` (JSON values) read back as `cls`; raises `NotPlain` when it is not one."""
    found: T = _read(cls, value)
    return found


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _read(kind: Any, value: object) -> Any:
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if type(value) is not dict:
            raise NotPlain(kind)
        hints = _hints(kind)
        names = {f.name for f in dataclasses.fields(kind)}
        if set(value) != names:
            raise NotPlain(kind)
        return kind(**{name: _read(hints[name], value[name]) for name in names})
    origin = typing.get_origin(kind)
    if origin is tuple:
        item, *rest = typing.get_args(kind)
        if rest != [Ellipsis] or type(value) is not list:
            raise NotPlain(kind)
        return tuple(_read(item, v) for v in value)
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(kind):
            try:
                return _read(option, value)
            except NotPlain:
                continue
        raise NotPlain(kind)
    if kind is type(None):
        if value is not None:
            raise NotPlain(kind)
        return None
    if kind is date:
        if type(value) is not str:
            raise NotPlain(kind)
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise NotPlain(kind) from None
    if kind is float and type(value) in (int, float):
        return float(value)  # type: ignore[arg-type]
    if kind in (str, int, bool) and type(value) is kind:
        return value
    raise NotPlain(kind)
