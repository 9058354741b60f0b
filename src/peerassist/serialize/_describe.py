"""How error messages speak of the values found and the types expected."""

from __future__ import annotations

import datetime as _dt
import enum
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from peerassist import _time
from peerassist._attrs import has


def describe(value: object) -> str:
    """Describe a value found in the data, in JSON/TOML terms, for a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"text {_short(repr(value))}"
    if isinstance(value, int | float):
        return f"the number {_short(repr(value))}"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} item{'' if len(value) == 1 else 's'}"
    if isinstance(value, Mapping):
        keys = ", ".join(repr(k) for k in list(value)[:4])
        more = ", ..." if len(value) > 4 else ""
        return f"a table with keys {keys}{more}" if value else "an empty table"
    if isinstance(value, _dt.datetime | _dt.date):
        return f"{type(value).__name__} {value.isoformat()}"
    return f"{type(value).__name__} {_short(repr(value))}"


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


def describe_type(kind: Any) -> str:
    """Name a type the way the error messages speak of it."""
    names = {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        _time.DateTime: "a time",
        _time.Date: "a date",
        _time.Duration: "a duration",
    }
    if kind in names:
        return names[kind]
    origin = typing.get_origin(kind)
    if origin in (tuple, list, Sequence):
        return "a list"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(describe_type(a) for a in typing.get_args(kind))
    if kind is type(None):
        return "null"
    if isinstance(kind, type) and has(kind):
        return f"a {kind.__name__} (a table of its fields)"
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return "one of " + ", ".join(repr(m.value) for m in kind)
    return f"a {getattr(kind, '__name__', kind)}"
