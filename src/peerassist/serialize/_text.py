"""JSON and TOML text, the size cap, and atomic file writes.

The one module that imports tomli_w (lazily: only writing TOML needs it).
Parsing errors of every kind become a
:class:`~peerassist.exceptions.FileFormatError`; nothing from ``json`` or
``tomllib`` leaks out.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from peerassist.exceptions import FileFormatError, InputError, Problem

Format = Literal["json", "toml"]

FORMATS: tuple[Format, ...] = ("json", "toml")

MAX_FILE_BYTES = 1024 * 1024
"""The largest file (or text, in UTF-8) that ``load`` and ``loads`` read: 1 MiB.

A real assist is a few tens of KiB; the cap keeps a wrong or hostile file
from costing memory and time before any check runs.
"""


def _format_error(expected: str, found: str) -> FileFormatError:
    return FileFormatError([Problem("", expected, found)])


def check_format(value: object, path: str = "format") -> Format:
    """Return ``value`` if it names a known format, else raise InputError."""
    if value == "json":
        return "json"
    if value == "toml":
        return "toml"
    raise InputError.single(path, "'json' or 'toml'", repr(value))


def format_of(path: Path) -> Format:
    """Choose the format from a file name's suffix (``.json`` or ``.toml``)."""
    suffix = path.suffix.lower()
    if suffix in (".json", ".toml"):
        return check_format(suffix[1:])
    found = f"the suffix {path.suffix!r}" if path.suffix else "no suffix"
    raise _format_error("a file name ending in .json or .toml", found)


def _too_big(size: int) -> FileFormatError:
    return _format_error(f"at most {MAX_FILE_BYTES} bytes (1 MiB)", f"{size} bytes of text")


def read_capped(path: Path) -> str:
    """Read a UTF-8 file of at most :data:`MAX_FILE_BYTES`.

    Raises:
        FileFormatError: over the cap, or not UTF-8.
        OSError: the file cannot be read.
    """
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            size = os.fstat(handle.fileno()).st_size
            raise _too_big(max(size, len(raw)))
    return decode(raw)


def decode(raw: bytes) -> str:
    """Decode UTF-8 (a leading byte-order mark is allowed and dropped)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _format_error(
            "UTF-8 text", f"a byte that is not UTF-8 at offset {err.start}"
        ) from None


def parse(text: str, fmt: Format) -> Any:
    """Parse JSON or TOML text into plain data.

    Raises:
        FileFormatError: empty, over the cap, or not valid JSON/TOML.
    """
    if len(text) > MAX_FILE_BYTES or (
        len(text) * 4 > MAX_FILE_BYTES
        and len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES
    ):
        raise _too_big(len(text.encode("utf-8", "surrogatepass")))
    if not text.strip():
        raise _format_error(f"an assist written as {fmt.upper()}", "empty text")
    try:
        return _parse_json(text) if fmt == "json" else _parse_toml(text)
    except RecursionError:
        raise _format_error(
            f"{fmt.upper()} nested to a sensible depth", "values nested too deeply"
        ) from None


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        found = f"invalid JSON at line {err.lineno} column {err.colno}: {err.msg}"
        raise _format_error("JSON text", found) from None
    except _DuplicateKeyError as err:
        raise _format_error(
            "each key once in a JSON object", f"the key {err.key!r} twice"
        ) from None
    except ValueError as err:  # NaN, Infinity, a number too long to convert
        raise _format_error("JSON text", f"invalid JSON: {err}") from None


def _parse_toml(text: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(text)
    except ValueError as err:  # TOMLDecodeError, or an integer too long to convert
        raise _format_error("TOML text", f"invalid TOML: {err}") from None


def emit(data: Mapping[str, Any], fmt: Format) -> str:
    """Write plain data as readable JSON or TOML text (ending with a newline)."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    import tomli_w

    # Multi-line strings read best, but tomli_w writes "\r\n" inside them as a
    # bare newline; keep the escaped form when any text holds a carriage return.
    return tomli_w.dumps(data, multiline_strings=not _holds_cr(data))


def _holds_cr(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, Mapping):
        return any(_holds_cr(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_cr(v) for v in value)
    return False


def write_atomic(path: Path, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` in one step.

    The text goes to a temporary file in the same folder, is flushed to disk,
    and then renamed over the target, so readers see the old file or the new
    one, never a part. If anything fails, the target is untouched and the
    temporary file is removed. A symbolic link is followed, not replaced.
    An existing file keeps its permissions.

    Raises:
        OSError: the folder cannot be written.
    """
    target = Path(os.path.realpath(path))
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; not possible (nor needed) on
    # Windows, where opening a folder fails.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
