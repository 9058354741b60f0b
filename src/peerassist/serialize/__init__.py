"""Save and load assists as JSON or TOML, and turn model values into plain data.

The file format is the assist's fields, in field order, as plain data (text,
whole numbers, true/false, lists and tables), with a ``schema_version`` key
first. Times are RFC 9557 text (``2026-03-10T09:00:00+00:00[Europe/London]``,
``...Z`` for UTC), dates ``YYYY-MM-DD`` (native dates in TOML), durations
ISO 8601 (``PT45M``) and enums their value. Fields that are None are left
out (TOML cannot write None) and load as None.

Loading is strict: unknown keys, missing keys and values of the wrong type
(``"42"`` where a number is meant, ``42`` where text is meant) are refused,
all at once, in one :class:`~peerassist.exceptions.InputError` whose
problems name the full field path (``visitors[2].email``). Nothing is
silently dropped, converted or guessed.

Example:
    >>> from peerassist.serialize import dumps, loads
    >>> from peerassist.testing import make_assist
    >>> assist = make_assist("research")
    >>> loads(dumps(assist, "toml"), "toml") == assist
    True
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from peerassist._time import format_instant
from peerassist.exceptions import FileFormatError, InputError, Problem
from peerassist.model import AuditEntry, PeerAssist
from peerassist.serialize._convert import json_converter, toml_converter
from peerassist.serialize._describe import describe
from peerassist.serialize._hooks import PartialError
from peerassist.serialize._text import (
    MAX_FILE_BYTES,
    check_format,
    decode,
    emit,
    format_of,
    parse,
    read_capped,
    write_atomic,
)
from peerassist.serialize._update import update

__all__ = [
    "MAX_FILE_BYTES",
    "SCHEMA_VERSION",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "structure",
    "to_dict",
    "unstructure",
    "update",
]

T = TypeVar("T")

SCHEMA_VERSION = 1
"""The version of the file format this peerassist writes and reads.

It goes up when a change would make older versions misread a file; files
with a newer version are refused rather than half understood.
"""

_MISSING: Any = object()


def unstructure(obj: object) -> Any:
    """Turn a peerassist value into plain, JSON-ready data.

    Attrs classes become dicts in field order (fields that are None are left
    out), tuples and lists become lists, times, dates and durations become
    text, enums their value.

    Args:
        obj: any peerassist attrs value (a ``Person``, an ``Agenda``...) or
            a time, date, duration or enum.

    Returns:
        Data made only of dict, list, str, int, float and bool.

    Raises:
        InputError: ``obj`` is not something peerassist can write.
    """
    try:
        return json_converter().unstructure(obj)
    except InputError:
        raise
    except Exception:
        raise InputError.single("", "a peerassist value", describe(obj)) from None


def structure(data: Any, cls: type[T]) -> T:
    """Build a peerassist value of type ``cls`` from plain data.

    The reverse of :func:`unstructure`, and as strict as :func:`from_dict`.

    Args:
        data: plain data, as :func:`unstructure` gives or JSON/TOML parsing
            returns.
        cls: the peerassist attrs class (or time, date, duration, enum) to
            build.

    Returns:
        The value.

    Raises:
        InputError: listing every problem, each with its field path.
    """
    try:
        result: T = json_converter().structure(data, cls)
    except PartialError as err:
        raise InputError(err.problems) from None
    except InputError:
        raise
    except Exception:
        name = getattr(cls, "__name__", repr(cls))
        raise InputError.single("", f"a value for {name}", describe(data)) from None
    return result


def _check_assist(assist: object) -> PeerAssist:
    if not isinstance(assist, PeerAssist):
        raise InputError.single("assist", "a PeerAssist", type(assist).__name__)
    # history is a list the caller can append to without checks.
    for index, entry in enumerate(assist.history):
        if not isinstance(entry, AuditEntry):
            raise InputError.single(f"history[{index}]", "an AuditEntry", describe(entry))
    return assist


def to_dict(assist: PeerAssist) -> dict[str, Any]:
    """Turn an assist into plain, JSON-ready data.

    Args:
        assist: the assist.

    Returns:
        A dict with ``schema_version`` first, then the assist's fields in
        field order, made only of dict, list, str, int, float and bool;
        fields that are None are left out.

    Raises:
        InputError: ``assist`` is not a PeerAssist.
    """
    _check_assist(assist)
    return {"schema_version": SCHEMA_VERSION, **json_converter().unstructure(assist)}


def _check_schema_version(data: Mapping[str, Any]) -> None:
    version = data.get("schema_version", _MISSING)
    expected = f"the file format's version, the whole number {SCHEMA_VERSION}"
    if version is _MISSING:
        raise InputError.single("schema_version", expected, "nothing: the key is missing")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InputError.single("schema_version", expected, describe(version))
    if version > SCHEMA_VERSION:
        raise InputError.single(
            "schema_version",
            f"a version up to {SCHEMA_VERSION}, which this peerassist reads"
            " (a newer peerassist wrote this; upgrade to read it)",
            str(version),
        )
    if version < 1:
        raise InputError.single("schema_version", f"1 to {SCHEMA_VERSION}", str(version))


def from_dict(data: Mapping[str, Any]) -> PeerAssist:
    """Build an assist from plain data, as :func:`to_dict` or a file gives.

    Args:
        data: a mapping with ``schema_version`` and the assist's fields.

    Returns:
        The assist.

    Raises:
        InputError: listing every problem found (unknown keys, missing keys,
            wrong types, broken invariants), each with its field path, what
            was expected and what was found; or a missing, newer or
            non-integer ``schema_version``.

    A ``$schema`` key (text: the address of the file's JSON Schema, for
    editors) is allowed and ignored.
    """
    if not isinstance(data, Mapping):
        raise InputError.single("", "an assist: a table of its fields", describe(data))
    _check_schema_version(data)
    _check_schema_address(data)
    body = {k: v for k, v in data.items() if k not in _FILE_KEYS}
    assist: PeerAssist = json_converter().structure(body, PeerAssist)
    _check_history(assist)
    return assist


def _check_history(assist: PeerAssist) -> None:
    """Refuse a history that does not lead to ``state`` or runs backwards.

    Each entry must start where the one before it ended, no entry may be
    earlier than the one before it, the last must end at ``state``, and
    ``revision`` must count at least every transition recorded.
    """
    history = assist.history
    problems = []
    for index in range(1, len(history)):
        entry, before = history[index], history[index - 1]
        if entry.source != before.dest:
            problems.append(
                Problem(
                    f"history[{index}].source",
                    f"{before.dest!r}, where history[{index - 1}] ({before.event}) ended",
                    repr(entry.source),
                )
            )
        if entry.at.in_tz("UTC") < before.at.in_tz("UTC"):
            problems.append(
                Problem(
                    f"history[{index}].at",
                    f"a time no earlier than history[{index - 1}].at ({format_instant(before.at)})",
                    format_instant(entry.at),
                )
            )
    if history and history[-1].dest != assist.state:
        last = len(history) - 1
        problems.append(
            Problem(
                "state",
                f"{history[-1].dest!r}, where the history's last entry"
                f" (history[{last}], {history[-1].event}) leads",
                repr(assist.state),
            )
        )
    transitions = sum(1 for entry in history if entry.source is not None)
    if assist.revision < transitions:
        problems.append(
            Problem(
                "revision",
                f"at least {transitions}, one per transition in the history",
                str(assist.revision),
            )
        )
    if problems:
        raise InputError(problems)


_FILE_KEYS = frozenset({"schema_version", "$schema"})
"""Keys about the file rather than the assist."""


def _check_schema_address(data: Mapping[str, Any]) -> None:
    # A JSON file may name its JSON Schema, for editors; it is not part of the assist.
    address = data.get("$schema", "")
    if not isinstance(address, str):
        raise InputError.single(
            "$schema", "text: the address of the file's JSON Schema", describe(address)
        )


def dumps(assist: PeerAssist, format: str = "json") -> str:
    """Write an assist as JSON or TOML text.

    JSON is indented, keeps non-ASCII text as is, and ends with a newline.
    TOML puts each section after the plain keys of its table, writes dates
    as TOML dates and long texts as multi-line strings.

    Args:
        assist: the assist.
        format: ``"json"`` or ``"toml"``.

    Returns:
        The text.

    Raises:
        InputError: an unknown format, or ``assist`` is not a PeerAssist.
    """
    fmt = check_format(format)
    _check_assist(assist)
    if fmt == "json":
        return emit(to_dict(assist), "json")
    data = {"schema_version": SCHEMA_VERSION, **toml_converter().unstructure(assist)}
    return emit(data, "toml")


def loads(text: str | bytes, format: str = "json") -> PeerAssist:
    """Read an assist from JSON or TOML text.

    Args:
        text: the text (bytes are read as UTF-8).
        format: ``"json"`` or ``"toml"``.

    Returns:
        The assist.

    Raises:
        FileFormatError: the text is empty, over :data:`MAX_FILE_BYTES`, or
            not valid JSON/TOML.
        InputError: the data is not a valid assist (see :func:`from_dict`),
            or the format is unknown.
    """
    fmt = check_format(format)
    if isinstance(text, bytes | bytearray):
        text = decode(bytes(text))
    elif not isinstance(text, str):
        raise InputError.single("text", "text (str or bytes)", describe(text))
    return from_dict(parse(text, fmt))


def _as_path(path: object) -> Path:
    if isinstance(path, str | os.PathLike):
        return Path(path)
    raise InputError.single("path", "a file path", describe(path))


def load(path: str | os.PathLike[str]) -> PeerAssist:
    """Read an assist from a ``.json`` or ``.toml`` file.

    Args:
        path: the file; its suffix chooses the format.

    Returns:
        The assist.

    Raises:
        FileFormatError: another suffix, an empty file, a file over
            :data:`MAX_FILE_BYTES`, or one that is not UTF-8 JSON/TOML.
        InputError: the data is not a valid assist; the message starts with
            the file name.
        OSError: the file cannot be read.
    """
    file = _as_path(path)
    try:
        fmt = format_of(file)
        return from_dict(parse(read_capped(file), fmt))
    except InputError as err:
        raise err.with_source(str(path)) from None


def dump(assist: PeerAssist, path: str | os.PathLike[str]) -> None:
    """Write an assist to a ``.json`` or ``.toml`` file, atomically.

    The text goes to a temporary file in the same folder, is flushed to disk
    and renamed over ``path``: readers see the old file or the new one, and
    if anything fails the old file is left as it was.

    Args:
        assist: the assist.
        path: the file; its suffix chooses the format.

    Raises:
        FileFormatError: the suffix is neither ``.json`` nor ``.toml``.
        InputError: ``assist`` is not a PeerAssist, or holds text that cannot
            be written as UTF-8.
        OSError: the folder cannot be written.
    """
    file = _as_path(path)
    try:
        fmt = format_of(file)
    except FileFormatError as err:
        raise err.with_source(str(path)) from None
    text = dumps(assist, fmt)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise InputError.single(
            "", "text that can be written as UTF-8", repr(text[err.start : err.end])
        ).with_source(str(path)) from None
    write_atomic(file, data)
