"""Lossless JSON forms of the frozen record dataclasses (export and store).

One generic reader/writer over the dataclasses and their type hints: dates and times as
ISO strings, spans as ``{article, start, end, text}``, tuples as lists. ``from_json(cls,
to_json(x)) == x`` for the crosscheck and brief records and for the per-article
extraction (:class:`~newsfuse.extract.records.ArticleExtraction`) the parse cache keeps.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from datetime import date, datetime
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_json(value: Any) -> Any:
    """The JSON-ready form of a record (recursively).

    Example:
        >>> from newsfuse.model import Span
        >>> to_json(Span("a", 0, 2, "hi"))
        {'article': 'a', 'start': 0, 'end': 2, 'text': 'hi'}
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))


def _read(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _read(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_read(args[0], v) for v in data)
        return tuple(_read(a, v) for a, v in zip(args, data))
    if origin is dict:
        _, vt = typing.get_args(tp)
        return {k: _read(vt, v) for k, v in data.items()}
    if origin is typing.Literal:
        return data
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_json(tp, data)
    if tp is datetime:
        return datetime.fromisoformat(data)
    if tp is date:
        return date.fromisoformat(data)
    if tp is float:
        return float(data)
    return data


def from_json(cls: type[T], data: Any) -> T:
    """Inverse of :func:`to_json` for the record class ``cls``."""
    hints = _hints(cls)  # type: ignore[arg-type]  # classes are hashable; mypy types type[T] as not
    kwargs = {f.name: _read(hints[f.name], data[f.name]) for f in dataclasses.fields(cls)  # type: ignore[arg-type]
              if f.name in data}
    return cls(**kwargs)
