"""A reference store on stdlib ``sqlite3``: compare-and-set on ``revision``.

The engine keeps no per-assist state, so two copies of one assist (two web
requests, two workers) can both be advanced in memory. A host keeps them
from both being stored by writing only when the stored ``revision`` is the
one it loaded: ``UPDATE ... WHERE id = ? AND revision = ?`` changes no row
when someone else saved first. :class:`SqliteStore` is that pattern in a
few lines, small enough to copy into a host's own persistence layer.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from typing import TypeVar

from peerassist.exceptions import HookError, InputError, StaleRevisionError
from peerassist.model import PeerAssist

__all__ = ["SqliteStore"]

T = TypeVar("T")

_TABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


class SqliteStore:
    """Assists as JSON rows, saved with compare-and-set on ``revision``.

    Args:
        connection: an open ``sqlite3`` connection; the store commits its
            own writes.
        table: the table to use (created if missing).

    Raises:
        InputError: if ``table`` is not a plain identifier.
    """

    def __init__(self, connection: sqlite3.Connection, *, table: str = "peer_assists") -> None:
        if not isinstance(table, str) or not _TABLE.match(table):
            raise InputError.single("table", "a plain SQL identifier", repr(table))
        self._db = connection
        self._table = table
        with self._db:
            self._db.execute(
                f"CREATE TABLE IF NOT EXISTS {table} ("
                " id TEXT PRIMARY KEY,"
                " revision INTEGER NOT NULL,"
                " state TEXT NOT NULL,"
                " body TEXT NOT NULL)"
            )

    def add(self, assist: PeerAssist) -> None:
        """Store a new assist.

        Raises:
            InputError: if an assist with that id is already stored.
        """
        try:
            with self._db:
                self._db.execute(
                    f"INSERT INTO {self._table} (id, revision, state, body) VALUES (?, ?, ?, ?)",
                    (assist.id, assist.revision, assist.state, _dump(assist)),
                )
        except sqlite3.IntegrityError:
            raise InputError.single("id", "an id not already stored", repr(assist.id)) from None

    def get(self, assist_id: str) -> PeerAssist:
        """Load an assist; it continues in its stored state with no extra step.

        Raises:
            InputError: if no assist with that id is stored.
        """
        row = self._db.execute(
            f"SELECT body FROM {self._table} WHERE id = ?", (assist_id,)
        ).fetchone()
        if row is None:
            raise InputError.single("assist_id", "the id of a stored assist", repr(assist_id))
        return _load(row[0])

    def revision(self, assist_id: str) -> int | None:
        """The stored revision of an assist (``None`` if it is not stored)."""
        row = self._db.execute(
            f"SELECT revision FROM {self._table} WHERE id = ?", (assist_id,)
        ).fetchone()
        return None if row is None else int(row[0])

    def save(self, assist: PeerAssist, *, expected: int) -> None:
        """Store ``assist`` if the stored revision is still ``expected``.

        Args:
            assist: the changed assist; its revision must be above
                ``expected`` (every transition bumps it; bump it yourself
                for other edits, or a concurrent editor cannot notice yours).
            expected: the revision the assist had when it was loaded.

        Raises:
            StaleRevisionError: someone else saved first (reload and retry).
            InputError: if the revision was not bumped.
        """
        if assist.revision <= expected:
            raise InputError.single(
                "revision",
                f"a revision above the loaded {expected} (bump it for every saved change)",
                str(assist.revision),
            )
        with self._db:
            cursor = self._db.execute(
                f"UPDATE {self._table} SET revision = ?, state = ?, body = ?"
                " WHERE id = ? AND revision = ?",
                (assist.revision, assist.state, _dump(assist), assist.id, expected),
            )
        if cursor.rowcount != 1:
            raise StaleRevisionError(assist.id, expected, self.revision(assist.id))

    def update(self, assist_id: str, change: Callable[[PeerAssist], T]) -> T:
        """Load an assist, apply ``change`` to it, and save it with compare-and-set.

        For example ``store.update(id, lambda a: workflow.advance(a,
        "schedule"))``. Nothing is saved when ``change`` raises or leaves the
        revision unchanged (a refused :meth:`~Workflow.fire`), except after a
        :class:`~peerassist.exceptions.HookError`: that transition stands, so
        it is saved before the error is re-raised.

        Returns:
            What ``change`` returned.

        Raises:
            StaleRevisionError: someone else saved between the load and the save.
            HookError: a hook failed after the transition (which was saved).
        """
        assist = self.get(assist_id)
        expected = assist.revision
        try:
            result = change(assist)
        except HookError:
            # The transition stands even though a hook failed: store it, then
            # let the caller see the hook's error.
            if assist.revision != expected:
                self.save(assist, expected=expected)
            raise
        if assist.revision != expected:
            self.save(assist, expected=expected)
        return result


def _dump(assist: PeerAssist) -> str:
    from peerassist.serialize import to_dict

    return json.dumps(to_dict(assist), sort_keys=True, ensure_ascii=False)


def _load(text: str) -> PeerAssist:
    from peerassist.serialize import from_dict

    return from_dict(json.loads(text))
