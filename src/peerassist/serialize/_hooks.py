"""Hooks for values that are not attrs classes: scalars, times, enums, lists, None.

Every hook raises :class:`~peerassist.exceptions.InputError` with paths
relative to the value it was given (``[2].email`` for a list), never a bare
error; the converter registers them (see ``_convert``).
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import types
import typing
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from peerassist import _time
from peerassist.exceptions import InputError, Problem
from peerassist.serialize._describe import describe, describe_type


class Converter(Protocol):
    """What the hook factories need from the converter (cattrs stays in ``_convert``)."""

    def get_structure_hook(self, type: Any, cache_result: bool = ...) -> Any: ...

    def get_unstructure_hook(self, type: Any, cache_result: bool = ...) -> Any: ...


StructureHook = Callable[[Any, Any], Any]
UnstructureHook = Callable[[Any], Any]

_INSTANT_EXPECTED = (
    "a time like 2026-03-10T09:00:00+00:00[Europe/London] or 2026-03-10T09:00:00Z"
    " (as text: quoted in TOML)"
)


# -- scalar hooks -------------------------------------------------------------


def structure_str(value: Any, _: Any) -> str:
    if isinstance(value, str):
        return value
    raise InputError.single("", "text", describe(value))


def structure_int(value: Any, _: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise InputError.single("", "a whole number", describe(value))


def structure_float(value: Any, _: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise InputError.single("", "a number", describe(value))


def structure_bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise InputError.single("", "true or false", describe(value))


def structure_instant(value: Any, _: Any) -> _time.DateTime:
    if isinstance(value, str):
        return _time.parse_instant(value)
    if isinstance(value, _dt.datetime):
        # What TOML gives for an unquoted date-time: accepted only in UTC,
        # since a bare offset or a local time does not say which zone.
        tz = value.tzinfo
        if tz is None or value.utcoffset() is None:
            found = f"a date-time with no zone ({value.isoformat()}): a naive time"
            raise InputError.single("", _INSTANT_EXPECTED, found)
        if isinstance(tz, _dt.timezone):
            if value.utcoffset() != _dt.timedelta(0):
                found = f"a date-time with a bare offset ({value.isoformat()}) and no zone"
                raise InputError.single("", _INSTANT_EXPECTED, found)
            value = value.replace(tzinfo=_dt.UTC)
        return _time.as_instant(value)
    raise InputError.single("", _INSTANT_EXPECTED, describe(value))


def structure_date(value: Any, _: Any) -> _time.Date:
    if isinstance(value, str | _dt.date) and not isinstance(value, _dt.datetime):
        return _time.parse_date(value)
    raise InputError.single("", "a date like 2027-03-01", describe(value))


def structure_duration(value: Any, _: Any) -> _time.Duration:
    return _time.parse_duration(value)


def unstructure_date_toml(value: _time.Date) -> _dt.date:
    return _dt.date(value.year, value.month, value.day)


# -- hook factories -------------------------------------------------------------


@functools.cache
def _enum_members(kind: type[enum.Enum]) -> tuple[dict[Any, enum.Enum], str]:
    by_value = {member.value: member for member in kind}
    return by_value, "one of " + ", ".join(repr(v) for v in by_value)


def structure_enum(value: Any, kind: type[enum.Enum]) -> enum.Enum:
    if isinstance(value, kind):
        return value
    by_value, choices = _enum_members(kind)
    if isinstance(value, str | int) and not isinstance(value, bool):
        member = by_value.get(value)
        if member is not None and type(member.value) is type(value):
            return member
    raise InputError.single("", choices, describe(value))


def unstructure_enum(value: enum.Enum) -> Any:
    return value.value


# Enums are registered by class, like the scalars, so that a StrEnum finds
# its own hook before the one for str (cattrs looks classes up by MRO first).
ENUM_BASES: tuple[type[enum.Enum], ...] = (enum.Enum, enum.StrEnum, enum.IntEnum)


def _sequence_item(kind: Any) -> Any | None:
    """Return the item type of ``tuple[X, ...]``, ``list[X]`` or ``Sequence[X]``."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    if origin in (list, Sequence) and len(args) == 1:
        return args[0]
    return None


def is_sequence(kind: Any) -> bool:
    return _sequence_item(kind) is not None


def structure_sequence_factory(kind: Any, converter: Converter) -> StructureHook:
    item_type = _sequence_item(kind)
    item_hook = converter.get_structure_hook(item_type)
    make = list if typing.get_origin(kind) is list else tuple
    expected = f"a list of {describe_type(item_type)} items"

    def structure_sequence(value: Any, _: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise InputError.single("", expected, describe(value))
        items = []
        problems: list[Problem] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
                continue
            except InputError as err:
                problems.extend(err.at(f"[{index}]").problems)
            except Exception:
                problems.append(Problem(f"[{index}]", describe_type(item_type), describe(item)))
            items.append(item)
        if problems:
            raise PartialError(problems, partial=make(items))
        return make(items)

    return structure_sequence


class PartialError(InputError):
    """Problems with some items of a list, and the list with the others built.

    The model's own checks then run on the built items (an empty text, a
    person twice), while the items that failed stay raw.
    """

    def __init__(
        self, problems: Sequence[Problem], *, partial: Any = None, source: str | None = None
    ) -> None:
        super().__init__(problems, source=source)
        self.partial = partial


def unstructure_sequence_factory(kind: Any, converter: Converter) -> UnstructureHook:
    item_hook = converter.get_unstructure_hook(_sequence_item(kind))

    def unstructure_sequence(value: Any) -> list[Any]:
        return [item_hook(item) for item in value]

    return unstructure_sequence


def _optional_inner(kind: Any) -> Any | None:
    """Return ``X`` for ``X | None``, else None."""
    if typing.get_origin(kind) not in (typing.Union, types.UnionType):
        return None
    others = [a for a in typing.get_args(kind) if a is not type(None)]
    return others[0] if len(others) == 1 and len(typing.get_args(kind)) == 2 else None


def is_optional(kind: Any) -> bool:
    return _optional_inner(kind) is not None


def structure_optional_factory(kind: Any, converter: Converter) -> StructureHook:
    inner = _optional_inner(kind)
    hook = converter.get_structure_hook(inner)

    def structure_optional(value: Any, _: Any) -> Any:
        return None if value is None else hook(value, inner)

    return structure_optional


def unstructure_optional_factory(kind: Any, converter: Converter) -> UnstructureHook:
    hook = converter.get_unstructure_hook(_optional_inner(kind))

    def unstructure_optional(value: Any) -> Any:
        return None if value is None else hook(value)

    return unstructure_optional
