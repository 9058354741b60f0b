"""Compare-and-set on assist files: load, change and write back under a lock.

The one module that imports filelock (lazily: only writing back needs it).
The lock is a file beside the assist (``NAME.lock``), taken with the
operating system's own locking (``fcntl`` on POSIX, ``msvcrt`` on Windows),
so it is released when the process ends, however it ends.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from peerassist.exceptions import FileChangedError, FileLockedError, InputError
from peerassist.model import PeerAssist
from peerassist.serialize._text import Format

T = TypeVar("T")

LOCK_TIMEOUT = 30.0
"""How long :func:`update` waits for another program's lock, in seconds."""


def lock_path(file: Path) -> Path:
    """The lock file beside ``file`` (beside its target, for a symbolic link)."""
    target = Path(os.path.realpath(file))
    return target.with_name(target.name + ".lock")


def _plain(assist: PeerAssist, fmt: Format) -> dict[str, Any]:
    from peerassist.serialize import SCHEMA_VERSION
    from peerassist.serialize._convert import json_converter, toml_converter

    converter = toml_converter() if fmt == "toml" else json_converter()
    return {"schema_version": SCHEMA_VERSION, **converter.unstructure(assist)}


def _read(file: Path) -> bytes:
    from peerassist.serialize._text import MAX_FILE_BYTES

    with file.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)  # parsing refuses more than the cap


def _assist_of(raw: bytes, fmt: Format) -> PeerAssist:
    from peerassist.serialize import from_dict
    from peerassist.serialize._text import decode, parse

    return from_dict(parse(decode(raw), fmt))


def _changed(file: Path, now: PeerAssist, expected: int | None) -> FileChangedError:
    last = now.history[-1] if now.history else None
    return FileChangedError(
        str(file),
        now.id,
        expected,
        now.revision,
        changed_by=None if last is None else last.actor,
        changed_at=None if last is None else _instant_text(last.at),
        event=None if last is None else last.event,
    )


def _instant_text(value: Any) -> str:
    from peerassist._time import format_instant

    return format_instant(value)


def _baseline_revision(expected: bytes, fmt: Format) -> int | None:
    try:
        return _assist_of(expected, fmt).revision
    except InputError:
        return None


def update(
    path: str | os.PathLike[str],
    fn: Callable[[PeerAssist], T],
    *,
    expect_revision: int | None = None,
    expect_bytes: bytes | None = None,
    timeout: float = LOCK_TIMEOUT,
) -> T:
    """Load an assist file, change it with ``fn`` and write it back, or refuse.

    A compare-and-set: while an exclusive lock beside the file
    (``NAME.lock``) is held, the file is read, ``fn`` changes the assist in
    place, and the file is written back atomically, but only if the assist
    changed, and only if the file is still the one that was read (and the
    one the caller expected). A TOML file keeps its comments, key order and
    formatting, and a JSON file its key order: only changed values change.

    Args:
        path: the ``.json`` or ``.toml`` file.
        fn: called with the loaded assist; changes it in place. Its return
            value is returned. If it raises, nothing is written.
        expect_revision: refuse unless the file holds this revision.
        expect_bytes: refuse unless the file holds exactly these bytes (the
            content the caller read earlier, e.g. when a command started).
        timeout: how long to wait for another program's lock, in seconds.

    Returns:
        What ``fn`` returned.

    Raises:
        FileChangedError: the file is not at ``expect_revision``, not
            ``expect_bytes``, or changed on disk while ``fn`` ran; the message
            says who made its last recorded change and when. Nothing is
            written.
        FileLockedError: the lock was held by another program for over
            ``timeout`` seconds.
        FileFormatError: a suffix other than ``.json``/``.toml``, or a file
            that is not JSON/TOML.
        InputError: the file is not a valid assist, or the changed assist
            cannot be written; the message starts with the file name.
        OSError: the file or its folder cannot be read or written.
    """
    from peerassist.serialize import _as_path

    file = _as_path(path)
    if expect_revision is not None and (
        not isinstance(expect_revision, int) or isinstance(expect_revision, bool)
    ):
        raise InputError.single("expect_revision", "a whole number or None", repr(expect_revision))
    if expect_bytes is not None and not isinstance(expect_bytes, bytes):
        raise InputError.single("expect_bytes", "bytes or None", type(expect_bytes).__name__)
    if not callable(fn):
        raise InputError.single("fn", "a function taking the assist", repr(fn)[:80])
    try:
        return _update(file, fn, expect_revision, expect_bytes, timeout)
    except (FileChangedError, FileLockedError):
        raise
    except InputError as err:
        if err.source is not None:
            raise
        raise err.with_source(str(path)) from None


def _update(
    file: Path,
    fn: Callable[[PeerAssist], T],
    expect_revision: int | None,
    expect_bytes: bytes | None,
    timeout: float,
) -> T:
    import filelock

    from peerassist.serialize._text import format_of

    fmt = format_of(file)
    # A file that is not an assist at all is refused before a lock file is
    # made beside it (the read under the lock below is the one that counts).
    _assist_of(_read(file), fmt)
    lock = filelock.FileLock(lock_path(file), timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise FileLockedError(str(file), str(lock_path(file)), timeout) from None
    try:
        return _locked(file, fmt, fn, expect_revision, expect_bytes)
    finally:
        lock.release()


def _locked(
    file: Path,
    fmt: Format,
    fn: Callable[[PeerAssist], T],
    expect_revision: int | None,
    expect_bytes: bytes | None,
) -> T:
    from peerassist.serialize import dumps, from_dict
    from peerassist.serialize._roundtrip import rewrite
    from peerassist.serialize._text import decode, parse, write_atomic

    raw = _read(file)
    text = decode(raw)
    assist = from_dict(parse(text, fmt))
    if expect_bytes is not None and raw != expect_bytes:
        raise _changed(file, assist, _baseline_revision(expect_bytes, fmt))
    if expect_revision is not None and assist.revision != expect_revision:
        raise _changed(file, assist, expect_revision)
    read_revision = assist.revision
    before = _plain(assist, fmt)
    result = fn(assist)
    after = _plain(assist, fmt)
    if after == before:
        return result
    new_text = rewrite(text, fmt, before, after)
    try:
        same = from_dict(parse(new_text, fmt)) == assist
    except InputError:
        same = False
    if not same:  # the file's own layout could not take the change: write it afresh
        new_text = dumps(assist, fmt)
    try:
        data = new_text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise InputError.single(
            "", "text that can be written as UTF-8", repr(new_text[err.start : err.end])
        ) from None
    now = _read(file)
    if now != raw:  # changed by a program that does not take the lock
        try:
            raise _changed(file, _assist_of(now, fmt), read_revision)
        except InputError:
            raise FileChangedError(str(file), assist.id, read_revision, None) from None
    write_atomic(file, data)
    return result
