"""The cattrs converters: strict hooks, full field paths in errors, no None.

This is the one module that imports cattrs at run time, and only when a
converter is first needed (importing cattrs takes tens of milliseconds that
``import peerassist`` should not pay). It builds two converters, identical
except for dates: the JSON one writes them as ``YYYY-MM-DD`` text, the TOML
one as native TOML dates.

Structuring runs cattrs' generated code first. When that fails, a second,
slower pass walks the same fields one by one and collects *every* problem
(wrong types, unknown keys, missing keys, and the model's own checks on the
fields that did convert), each with its path relative to the value being
built; callers further up put their own field name or index in front.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from peerassist import _time
from peerassist._attrs import fields, has
from peerassist.exceptions import InputError, Problem
from peerassist.model import AuditEntry, PeerAssist
from peerassist.serialize._describe import describe, describe_type
from peerassist.serialize._hooks import (
    ENUM_BASES,
    PartialError,
    is_optional,
    is_sequence,
    structure_bool,
    structure_date,
    structure_duration,
    structure_enum,
    structure_float,
    structure_instant,
    structure_int,
    structure_optional_factory,
    structure_sequence_factory,
    structure_str,
    unstructure_date_toml,
    unstructure_enum,
    unstructure_optional_factory,
    unstructure_sequence_factory,
)

if TYPE_CHECKING:
    from cattrs import Converter

T = TypeVar("T")

StructureHook = Callable[[Any, Any], Any]
UnstructureHook = Callable[[Any], Any]

_REQUIRED_IN_DATA: dict[type, frozenset[str]] = {PeerAssist: frozenset({"id"})}
"""Keys that must be present even though the class has a default.

An assist's ``id`` defaults to a fresh random one; a file without it would
load with a different id each time (and calendar invites would not match),
so data must carry it.
"""

_LEFT_OUT_WHEN_EMPTY: dict[type, tuple[str, ...]] = {
    PeerAssist: ("acknowledgements",),
    AuditEntry: ("changed",),
}
"""Fields written only when they hold something: files written before the
field existed stay byte for byte the same."""

# -- attrs classes --------------------------------------------------------------


class _Field:
    """What the slow pass needs to know about one attrs field."""

    __slots__ = ("alias", "name", "required", "type")

    def __init__(self, name: str, alias: str, kind: Any, required: bool) -> None:
        self.name = name
        self.alias = alias
        self.type = kind
        self.required = required


def _fields_of(cls: type) -> tuple[_Field, ...]:
    hints = typing.get_type_hints(cls)
    params = inspect.signature(cls).parameters
    extra = _REQUIRED_IN_DATA.get(cls, frozenset())
    result = []
    for attribute in fields(cls):
        if not attribute.init:
            continue
        alias = attribute.alias or attribute.name
        param = params.get(alias)
        no_default = param is None or param.default is inspect.Parameter.empty
        result.append(
            _Field(attribute.name, alias, hints[attribute.name], no_default or alias in extra)
        )
    return tuple(result)


def _head(path: str) -> str:
    return path.split(".", 1)[0].split("[", 1)[0]


def _related(path: str, other: str) -> bool:
    """Tell whether one path is the other, or inside it."""
    short, long = sorted((path, other), key=len)
    return long == short or long.startswith((short + ".", short + "["))


def _new_problems(found: list[Problem], more: Sequence[Problem], raw: set[str]) -> list[Problem]:
    """The model's problems that say something the structuring did not.

    Dropped: those about a field left raw (its own problems are known), and
    those at, inside or around a path already reported.
    """
    return [
        p
        for p in more
        if _head(p.path) not in raw and not any(_related(p.path, q.path) for q in found)
    ]


def _structure_attrs_factory(cls: type[T], converter: Converter) -> Callable[[Any, Any], T]:
    from cattrs.gen import make_dict_structure_fn

    generated = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)
    info = _fields_of(cls)
    names = tuple(f.name for f in info)
    known = frozenset(names)
    # A field that is required but may be None loads as None when its key is
    # missing: TOML cannot write None, so None values are left out.
    fill_none = tuple(f.name for f in info if f.required and is_optional(f.type))
    must_have = tuple(f.name for f in info if f.required and not is_optional(f.type))
    hooks: dict[str, StructureHook] = {}

    def slow(data: Any) -> T:
        if not isinstance(data, Mapping):
            raise InputError.single("", describe_type(cls), describe(data))
        problems: list[Problem] = []
        for key in data:
            if key not in known:
                problems.append(_unknown_key(cls, key, names))
        kwargs: dict[str, Any] = {}
        raw: set[str] = set()
        for f in info:
            if f.name not in data:
                if f.name in fill_none:
                    kwargs[f.alias] = None
                elif f.required:
                    expected = f"{describe_type(f.type)} (this key is required)"
                    problems.append(Problem(f.name, expected, "nothing: the key is missing"))
                    raw.add(f.name)
                    kwargs[f.alias] = None
                continue
            value = data[f.name]
            hook = hooks.get(f.name)
            if hook is None:
                hook = hooks[f.name] = converter.get_structure_hook(f.type)
            try:
                kwargs[f.alias] = hook(value, f.type)
            except PartialError as err:
                problems.extend(err.at(f.name).problems)
                kwargs[f.alias] = err.partial
            except InputError as err:
                problems.extend(err.at(f.name).problems)
                raw.add(f.name)
                kwargs[f.alias] = value
            except Exception:
                problems.append(Problem(f.name, describe_type(f.type), describe(value)))
                raw.add(f.name)
                kwargs[f.alias] = value
        try:
            # Build it anyway, with the raw values of the fields that failed,
            # so the model reports its own checks on the fields that did not.
            built = cls(**kwargs)
        except InputError as err:
            problems.extend(_new_problems(problems, err.problems, raw))
        except Exception:
            if not problems:
                raise
        if problems:
            raise InputError(problems)
        return built

    def structure_attrs(data: Any, _: Any) -> T:
        if type(data) is not dict or any(name not in data for name in must_have):
            return slow(data)
        for name in fill_none:
            if name not in data:
                data = {**data, name: None}
        try:
            return generated(data, cls)
        except Exception:
            return slow(data)

    return structure_attrs


def _unknown_key(cls: type, key: object, known: tuple[str, ...]) -> Problem:
    text = key if isinstance(key, str) else repr(key)
    close = difflib.get_close_matches(text, known, n=1) if isinstance(key, str) else []
    hint = f"did you mean {close[0]!r}?" if close else "one of " + ", ".join(known)
    return Problem(text, f"a key of {cls.__name__} ({hint})", f"the unknown key {text!r}")


def _unstructure_attrs_factory(cls: type, converter: Converter) -> UnstructureHook:
    from cattrs.gen import make_dict_unstructure_fn

    generated: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(cls, converter)
    empty_left_out = _LEFT_OUT_WHEN_EMPTY.get(cls, ())

    def unstructure_attrs(value: Any) -> dict[str, Any]:
        # None is left out: TOML cannot write it, and a missing optional
        # field loads as None.
        data = {k: v for k, v in generated(value).items() if v is not None}
        for name in empty_left_out:
            if data.get(name) == []:
                del data[name]
        return data

    return unstructure_attrs


# -- the converters -------------------------------------------------------------


def _same(value: Any) -> Any:
    return value


def _cannot_write(kind: Any) -> UnstructureHook:
    def cannot_write(value: Any) -> Any:
        raise InputError.single("", "a value peerassist can write", describe(value))

    return cannot_write


def _build() -> Converter:
    from cattrs import Converter

    converter = Converter(
        forbid_extra_keys=True,
        detailed_validation=False,
        unstructure_fallback_factory=_cannot_write,
    )
    for kind, structure_hook in (
        (str, structure_str),
        (int, structure_int),
        (float, structure_float),
        (bool, structure_bool),
        (_time.DateTime, structure_instant),
        (_time.Date, structure_date),
        (_time.Duration, structure_duration),
    ):
        converter.register_structure_hook(kind, structure_hook)
    for kind in (str, int, float, bool):
        converter.register_unstructure_hook(kind, _same)
    converter.register_unstructure_hook(_time.DateTime, _time.format_instant)
    converter.register_unstructure_hook(_time.Date, _time.format_date)
    converter.register_unstructure_hook(_time.Duration, _time.format_duration)
    for base in ENUM_BASES:
        converter.register_structure_hook(base, structure_enum)
        converter.register_unstructure_hook(base, unstructure_enum)
    converter.register_structure_hook_factory(is_sequence, structure_sequence_factory)
    converter.register_unstructure_hook_factory(is_sequence, unstructure_sequence_factory)
    converter.register_structure_hook_factory(is_optional, structure_optional_factory)
    converter.register_unstructure_hook_factory(is_optional, unstructure_optional_factory)
    converter.register_structure_hook_factory(has, _structure_attrs_factory)
    converter.register_unstructure_hook_factory(has, _unstructure_attrs_factory)
    return converter


@functools.cache
def json_converter() -> Converter:
    """Return the converter for JSON-ready data (built once, on first use)."""
    return _build()


@functools.cache
def toml_converter() -> Converter:
    """Return the converter for TOML data: the same, but with native dates."""
    converter = _build()
    converter.register_unstructure_hook(_time.Date, unstructure_date_toml)
    return converter
