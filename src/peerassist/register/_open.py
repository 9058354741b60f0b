"""Opening a register from a path or URL, and where the default one lives."""

from __future__ import annotations

import os
from pathlib import Path

from peerassist.exceptions import InputError
from peerassist.register._contract import Clock, Register

__all__ = ["ENV_VAR", "default_register_path", "open_register"]

ENV_VAR = "PEERASSIST_REGISTER"
"""The environment variable the command line reads the register's path or URL from."""

_URL_SCHEMES = ("postgresql://", "postgres://")


def default_register_path() -> Path:
    """The per-user register file: ``register.sqlite3`` in the platform's data folder.

    For example ``~/.local/share/peerassist/register.sqlite3`` on Linux
    (``$XDG_DATA_HOME`` is honoured).
    """
    import platformdirs

    return Path(platformdirs.user_data_dir("peerassist", appauthor=False)) / "register.sqlite3"


def open_register(target: str | os.PathLike[str], *, clock: Clock | None = None) -> Register:
    """Open a register: a SQLite file for a path, PostgreSQL for a URL.

    Args:
        target: a file path (created if missing), ``":memory:"``, or a
            ``postgresql://`` URL (needs the ``peerassist[postgres]`` extra;
            the tables are created if missing).
        clock: returns the current instant (see :class:`Register`).

    Returns:
        The register; close it when done (it is a context manager).

    Raises:
        InputError: ``target`` is neither a path nor a PostgreSQL URL, or
            psycopg is not installed.
    """
    if isinstance(target, str) and target.startswith(_URL_SCHEMES):
        from peerassist.register._postgres import PostgresRegister

        return PostgresRegister(target, clock=clock)
    if isinstance(target, str) and "://" in target:
        raise InputError.single(
            "target", "a file path or a postgresql:// URL", repr(target.split("://")[0] + "://")
        )
    if not isinstance(target, str | os.PathLike) or not str(target):
        raise InputError.single("target", "a file path or a postgresql:// URL", repr(target))
    from peerassist.register._sqlite import SqliteRegister

    return SqliteRegister(target, clock=clock)
