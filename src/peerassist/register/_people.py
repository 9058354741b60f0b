"""The people queries both SQL backends share: who took part where, and when
someone visited. Only the parameter mark differs between SQLite (``?``) and
psycopg (``%s``), so the SQL is written once here."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from peerassist._time import DateTime, as_instant
from peerassist.register._rows import from_micros, text_arg, to_micros
from peerassist.register._types import Participation

if TYPE_CHECKING:
    from peerassist.rules import Visit


class PeopleQueries:
    """``history`` and ``visits`` over a backend's ``<table>_people`` rows.

    A backend sets ``_MARK`` (its parameter mark) and provides ``_t`` (its
    table name) and ``_read(sql, params)``.
    """

    _MARK = "?"
    _t: str

    def _read(self, sql: str, params: Sequence[Any] = ()) -> builtins.list[Any]:
        raise NotImplementedError

    def history(self, email: str) -> tuple[Participation, ...]:
        """Every stored assist a person takes part in, with their role (M11).

        Returns:
            Participations, oldest meeting first (unscheduled ones last).
        """
        t, m = self._t, self._MARK
        found = self._read(
            f"SELECT p.assist_id, a.title, a.state, p.role, p.start FROM {t}_people p"
            f" JOIN {t} a ON a.id = p.assist_id WHERE p.email = {m}"
            " ORDER BY p.start IS NULL, p.start, p.assist_id",
            (text_arg(email, "email").casefold(),),
        )
        return tuple(
            Participation(
                assist_id=row[0],
                title=row[1],
                state=row[2],
                role=row[3],
                start=None if row[4] is None else from_micros(row[4]),
            )
            for row in found
        )

    def visits(
        self, email: str, *, since: DateTime, until: DateTime, exclude: str | None = None
    ) -> Sequence[Visit]:
        """The assists, other than ``exclude``, whose meeting started in
        ``[since, until)`` with the person as a visitor, oldest first."""
        from peerassist.rules import Visit

        t, m = self._t, self._MARK
        params = [
            text_arg(email, "email").casefold(),
            to_micros(as_instant(since, "since")),
            to_micros(as_instant(until, "until")),
        ]
        sql = (
            f"SELECT p.assist_id, a.title, p.start FROM {t}_people p"
            f" JOIN {t} a ON a.id = p.assist_id"
            f" WHERE p.email = {m} AND p.role = 'visitor' AND p.start >= {m} AND p.start < {m}"
            " AND p.state != 'cancelled'"
        )
        if exclude is not None:
            sql += f" AND p.assist_id != {m}"
            params.append(text_arg(exclude, "exclude"))
        found = self._read(sql + " ORDER BY p.start, p.assist_id", params)
        return tuple(
            Visit(assist_id=row[0], title=row[1], start=from_micros(row[2])) for row in found
        )
