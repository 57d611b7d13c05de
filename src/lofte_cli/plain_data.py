"""Frozen dataclasses (a pledge's coverage) as JSON values and back, the way back checked
against the classes' own type hints: what a note in the cache holds is only a hint, so a
value of any other shape is refused (`NotPlain`), never taken for what it is not."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
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
    found: T = _reader(typing.cast(Any, cls))(value)
    return found


Reader = Callable[[object], Any]


@cache
def _reader(kind: Any) -> Reader:
    """A function that reads a JSON value as `kind`, made once per type (a render reads
    300 pledges' coverage, each with its commitments and parties)."""
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass_reader(kind)
    origin = typing.get_origin(kind)
    if origin is tuple:
        item, *rest = typing.get_args(kind)
        if rest != [Ellipsis]:
            raise TypeError(kind)  # only tuple[X, ...] is written by to_plain
        return _tuple_reader(_reader(item))
    if origin in (typing.Union, types.UnionType):
        return _union_reader(tuple(_reader(option) for option in typing.get_args(kind)))
    if kind is type(None):
        return _none
    if kind is date:
        return _date
    if kind is float:
        return _float
    if kind in (str, int, bool):
        return _exactly(kind)
    raise TypeError(kind)


def _dataclass_reader(kind: type) -> Reader:
    hints = typing.get_type_hints(kind)
    fields = [(f.name, _reader(hints[f.name])) for f in dataclasses.fields(kind)]
    names = {name for name, _ in fields}

    def read(value: object) -> Any:
        if type(value) is not dict or value.keys() != names:
            raise NotPlain(kind)
        return kind(**{name: field(value[name]) for name, field in fields})

    return read


def _tuple_reader(item: Reader) -> Reader:
    def read(value: object) -> Any:
        if type(value) is not list:
            raise NotPlain(tuple)
        return tuple(map(item, value))

    return read


def _union_reader(options: tuple[Reader, ...]) -> Reader:
    def read(value: object) -> Any:
        for option in options:
            try:
                return option(value)
            except NotPlain:
                continue
        raise NotPlain(options)

    return read


def _exactly(kind: type) -> Reader:
    def read(value: object) -> Any:
        if type(value) is not kind:  # exact: a bool is no int
            raise NotPlain(kind)
        return value

    return read


def _none(value: object) -> None:
    if value is not None:
        raise NotPlain(type(None))


def _date(value: object) -> date:
    if type(value) is not str:
        raise NotPlain(date)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise NotPlain(date) from None


def _float(value: object) -> float:
    if type(value) not in (int, float):
        raise NotPlain(float)
    return float(value)  # type: ignore[arg-type]
