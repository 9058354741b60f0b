"""What the model's own checks refuse in a text or number field, found by asking it.

The model checks its fields in code (``__attrs_post_init__``), not in
declarations a schema generator could read. So the generator asks: it builds
a valid example of each class, then swaps one field at a time for a probe
value (an empty text, two lines, a control character, a text that is not an
email address, a negative number) and notes which ones the model refuses
*at that field*. A field added to the model later is probed the same way;
there is no list of fields to keep up to date.

The schema fragments built from the answers are never stricter than the
model: each stands for a rule the model was seen to enforce, written as
loosely as that rule allows (see :data:`EMAIL_PATTERN`).
"""

from __future__ import annotations

import enum
import functools
import typing
from typing import Any

from peerassist import _time
from peerassist._attrs import evolve, has
from peerassist.exceptions import InputError
from peerassist.serialize._convert import _fields_of
from peerassist.serialize._hooks import _optional_inner, _sequence_item

# A single line: no control character, no line break (a tab is allowed).
_LINE = r"[^\x00-\x08\x0a-\x1f\x7f-\x9f]"
# Lines: no control character, but line breaks and tabs are allowed.
_LINES = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
_NOT_BLANK = r"(?=[\s\S]*\S)"
# The end of the text. Not ``$``: Python's ``$`` (and so Python validators)
# also matches before a final line break, which the model refuses.
END = r"(?![\s\S])"

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+" + END
"""Looser than the model's email check on purpose: one ``@``, no space, a dot after it."""

ZONE_PATTERN = r"^[A-Za-z][A-Za-z0-9_+\-/]*" + END
"""The shape of an IANA zone name; whether the zone exists is the loader's call."""

_EMAIL_OK = "someone@example.org"
_ZONE_OK = "Europe/London"
_START = _time.DateTime(2030, 1, 7, 9, tzinfo=_time.UTC)


class Text(typing.NamedTuple):
    """What the model refuses in one text (or in each text of a list)."""

    not_empty: bool
    not_blank: bool
    single_line: bool
    no_control: bool
    email: bool
    zone: bool


def _candidates(kind: Any, index: int) -> list[Any]:
    """Values to try for a required field of this type, most plain first."""
    inner = _optional_inner(kind)
    if inner is not None:
        return [None]
    if _sequence_item(kind) is not None:
        return [[] if typing.get_origin(kind) is list else ()]
    if kind is str:
        return ["Example", _EMAIL_OK, _ZONE_OK]
    if kind is bool:
        return [False]
    if kind is int:
        return [1, 0]
    if kind is float:
        return [1.0]
    if kind is _time.DateTime:
        # Later fields later: start before end.
        return [_START.add(hours=index)]
    if kind is _time.Date:
        return [_time.Date(2030, 1, 7)]
    if kind is _time.Duration:
        return [_time.duration(minutes=30)]
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return list(kind)
    if has(kind):
        example = example_of(kind)
        return [] if example is None else [example]
    return []


@functools.cache
def example_of(cls: type) -> Any | None:
    """Return a valid instance of attrs class ``cls``, or None if none is found.

    Fields with a default keep it; each field without one gets the first of
    its candidate values, and a field the model refuses moves on to its next.
    """
    required = [f for f in _fields_of(cls) if f.required]
    options = {f.name: _candidates(f.type, i) for i, f in enumerate(required)}
    if any(not values for values in options.values()):
        return None
    chosen = dict.fromkeys(options, 0)
    for _ in range(1 + sum(len(v) for v in options.values())):
        kwargs = {f.alias: options[f.name][chosen[f.name]] for f in required}
        try:
            return cls(**kwargs)
        except InputError as err:
            moved = False
            for name in {_head(p.path) for p in err.problems}:
                if name in chosen and chosen[name] + 1 < len(options[name]):
                    chosen[name] += 1
                    moved = True
            if not moved:
                return None
        except Exception:
            return None
    return None


def _head(path: str) -> str:
    return path.split(".", 1)[0].split("[", 1)[0]


def _refused(example: Any, name: str, value: Any) -> bool:
    """Tell whether the model refuses ``value`` in field ``name`` (or its items)."""
    try:
        evolve(example, **{name: value})
    except InputError as err:
        return any(_head(p.path) == name for p in err.problems)
    except Exception:
        # Not a refusal the model states: say nothing, so the schema stays looser.
        return False
    return False


@functools.cache
def text_rules(cls: type, name: str, is_list: bool) -> Text | None:
    """Probe a text field (or a list-of-texts field) of ``cls``.

    Returns:
        What the model refuses there, or None when no example of ``cls``
        could be built (the schema then says only "text").
    """
    example = example_of(cls)
    if example is None:
        return None

    def refused(text: str) -> bool:
        return _refused(example, name, (text,) if is_list else text)

    email = refused("not an address") and not refused(_EMAIL_OK)
    zone = not email and refused("Nowhere/Atlantis") and not refused(_ZONE_OK)
    return Text(
        not_empty=refused(""),
        not_blank=refused("  "),
        single_line=refused("one\ntwo"),
        no_control=refused("one\x01two"),
        email=email,
        zone=zone,
    )


@functools.cache
def minimum(cls: type, name: str) -> int | None:
    """Return the least whole number the model accepts in ``name`` (0 or 1), if it has one."""
    example = example_of(cls)
    if example is None or not _refused(example, name, -1):
        return None
    return 0 if not _refused(example, name, 0) else 1


def text_schema(rules: Text | None) -> dict[str, Any]:
    """Return the schema of one text the model checks with ``rules``."""
    schema: dict[str, Any] = {"type": "string"}
    if rules is None:
        return schema
    if rules.email:
        schema["format"] = "email"
        schema["pattern"] = EMAIL_PATTERN
        return schema
    if rules.zone:
        schema["pattern"] = ZONE_PATTERN
        return schema
    if rules.single_line and rules.no_control:
        char: str | None = _LINE
    elif rules.no_control:
        char = _LINES
    elif rules.single_line:
        char = r"[^\r\n]"
    else:
        char = None
    if rules.not_empty or rules.not_blank:
        schema["minLength"] = 1
    if char is not None:
        schema["pattern"] = "^" + (_NOT_BLANK if rules.not_blank else "") + char + "*" + END
    elif rules.not_blank:
        schema["pattern"] = r"\S"
    return schema
