"""Writing files from commands: assists back as a compare-and-set, output folders atomically."""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import secrets
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from peerassist.model import PeerAssist

__all__ = ["build_folder", "write_back"]

T = TypeVar("T")


def write_back(
    path: str | os.PathLike[str],
    change: Callable[[PeerAssist], T],
    *,
    expect_revision: int | None = None,
) -> T:
    """Change an assist file the way every command that writes one back must.

    The file's bytes are read first, as the command saw them; then
    :func:`peerassist.serialize.update` takes the lock beside the file,
    reads it again and refuses (``FileChangedError``, exit code 3) if it is
    not those bytes, or not at ``expect_revision``; otherwise ``change``
    runs and the file is written back keeping its comments and layout.

    Args:
        path: the assist file.
        change: changes the loaded assist in place; its result is returned.
        expect_revision: the revision the user looked at (``--expect-revision``).

    Returns:
        What ``change`` returned.
    """
    from peerassist.serialize import update
    from peerassist.serialize._text import MAX_FILE_BYTES

    with Path(path).open("rb") as handle:
        seen = handle.read(MAX_FILE_BYTES + 1)
    return update(path, change, expect_revision=expect_revision, expect_bytes=seen)


def build_folder(folder: Path, fill: Callable[[Path], T]) -> T:
    """Build a folder's whole content in a temporary folder beside it, then swap it in.

    A reader sees the old set of files or the new one, never a mix: the new
    folder is filled completely, then exchanged with the old one in one
    step where the system can (``renameat2`` on Linux; elsewhere the old one
    is renamed aside and the new one into place), and the old one removed.
    If ``fill`` fails, the old folder is left as it was; what a killed run
    left half built beside the folder is removed by the next run.

    Args:
        folder: the output folder (it may exist; its files are replaced).
        fill: writes the files into the folder it is given.

    Returns:
        What ``fill`` returned.
    """
    target = Path(os.path.realpath(folder))
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(folder))
    target.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(target)
    token = secrets.token_hex(6)
    building = target.with_name(f".{target.name}.{token}.new")
    old = target.with_name(f".{target.name}.{token}.old")
    building.mkdir()
    try:
        result = fill(building)
        _sync(building)
        if not target.exists():
            os.replace(building, target)
        elif _exchange(building, target):
            os.replace(building, old)  # now holding the old set
        else:
            os.replace(target, old)
            os.replace(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        if old.exists() and not target.exists():
            os.replace(old, target)
        raise
    _sync(target.parent)
    shutil.rmtree(old, ignore_errors=True)
    return result


def _sync(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _clear_leftovers(target: Path) -> None:
    """Remove the half-built and replaced folders a killed run left beside ``target``."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{12}}\.(new|old)")
    for entry in target.parent.iterdir():
        if pattern.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2``); False where not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(
        at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), ctypes.c_uint(rename_exchange)
    )
    return bool(result == 0)
