"""``SqliteStore``: the old name of the SQLite register, kept for one release.

The register (:mod:`peerassist.register`) replaces it: one store, not two.
``SqliteStore(connection)`` still works and keeps its old signatures and
errors, but warns with a :class:`DeprecationWarning`; a database it wrote
opens as a register (the register migrates its table in place).
"""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Sequence
from typing import Any

from peerassist.exceptions import ConflictError, InputError, NotFoundError
from peerassist.model import PeerAssist
from peerassist.register import SqliteRegister

__all__ = ["SqliteStore"]


class SqliteStore(SqliteRegister):
    """Deprecated: use :class:`peerassist.register.SqliteRegister` (or
    :func:`peerassist.register.open_register`).

    The same register, with the old signatures: ``save(assist, *,
    expected)``, :class:`~peerassist.exceptions.InputError` for a duplicate
    or missing id, and ``revision()`` returning ``None`` for a missing one.

    Args:
        connection: an open ``sqlite3`` connection.
        table: the table of assists (the register adds its own beside it).

    Raises:
        InputError: if ``table`` is not a plain identifier.
    """

    def __init__(self, connection: sqlite3.Connection, *, table: str = "peer_assists") -> None:
        warnings.warn(
            "peerassist.workflow.SqliteStore is deprecated and will be removed in the next"
            " release; use peerassist.register.open_register() or SqliteRegister",
            DeprecationWarning,
            stacklevel=2,
        )
        super().__init__(connection, table=table)

    def add_many(self, assists: Sequence[PeerAssist]) -> None:
        """Store new assists (InputError for a duplicate id)."""
        try:
            super().add_many(assists)
        except ConflictError as error:
            raise InputError.single("id", "an id not already stored", repr(error.key)) from None

    def get(self, assist_id: str) -> PeerAssist:
        """Load an assist (InputError for a missing id)."""
        try:
            return super().get(assist_id)
        except NotFoundError:
            raise InputError.single(
                "assist_id", "the id of a stored assist", repr(assist_id)
            ) from None

    def revision(self, assist_id: str) -> Any:
        """The stored revision of an assist (``None`` if it is not stored)."""
        try:
            return super().revision(assist_id)
        except NotFoundError:
            return None

    def save(
        self,
        assist: PeerAssist,
        *,
        expected_revision: int | None = None,
        expected: int | None = None,
    ) -> None:
        """Store ``assist`` if the stored revision is still ``expected``.

        Raises:
            StaleRevisionError: someone else saved first (reload and retry).
            InputError: the revision was not bumped.
        """
        loaded = expected if expected_revision is None else expected_revision
        if loaded is None:
            raise InputError.single("expected", "the revision the assist was loaded at", "None")
        super().save(assist, expected_revision=loaded)
