"""The register on PostgreSQL (psycopg 3): for several application servers at once.

The same tables as the SQLite backend, with the searchable texts indexed by
a generated ``tsvector`` column (English configuration) under a GIN index,
ranked with ``ts_rank`` and highlighted with ``ts_headline``. The schema's
version is kept in ``peer_assists_meta``; opening an older schema migrates
it in one transaction, under an advisory lock so that two servers starting
together do not both migrate.

This is the one module that imports psycopg, and only when a PostgreSQL
register is opened (``pip install 'peerassist[postgres]'``).
"""

from __future__ import annotations

import builtins
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from peerassist._time import DateTime, as_instant
from peerassist.exceptions import (
    ConflictError,
    FileFormatError,
    InputError,
    NotFoundError,
    StaleRevisionError,
)
from peerassist.model import PeerAssist
from peerassist.register._contract import Clock, Register
from peerassist.register._people import PeopleQueries
from peerassist.register._postgres_schema import version_1, version_2
from peerassist.register._rows import (
    Rows,
    check_bumped,
    check_limit,
    decode_cursor,
    encode_cursor,
    from_micros,
    key_arg,
    load_body,
    query_words,
    rows_for,
    significant,
    text_arg,
    to_micros,
)
from peerassist.register._types import AssistSummary, Hit, Page, Suspect

if TYPE_CHECKING:
    import psycopg


__all__ = ["SCHEMA_VERSION", "PostgresRegister"]

SCHEMA_VERSION = 2
"""The newest schema this peerassist writes."""

_TABLE = re.compile(r"^[a-z_][a-z0-9_]{0,40}$")
_LOCK_KEY = 0x70656572  # the advisory lock migrations take
# The same weights as SQLite's bm25 columns: titles and problems count most.
_WEIGHT = (
    "(CASE WHEN x.field = 'title' THEN 3.0"
    " WHEN x.field IN ('purpose.problem') OR x.field LIKE 'follow_up.lessons%%' THEN 2.0"
    " WHEN x.field IN ('purpose.learning_aim', 'meeting.context.redefined_problem') THEN 1.5"
    " ELSE 1.0 END)"
)


class PostgresRegister(PeopleQueries, Register):
    """A :class:`Register` in a PostgreSQL database.

    Several processes and servers may share one database: every write is
    one transaction, and compare-and-set on ``revision`` (``UPDATE ...
    WHERE id = %s AND revision = %s``) keeps every update. One object may
    be shared by the threads of a process (calls take turns on its
    connection).

    Args:
        url: a ``postgresql://`` connection URL (libpq's; a socket folder
            goes in ``?host=/path``).
        table: the name of the assists table (lower case); the others take
            it as prefix.
        clock: returns the current instant (see :class:`Register`).

    Raises:
        InputError: psycopg is not installed, the URL cannot be connected
            to, or a bad table name.
        FileFormatError: the database holds a newer schema than this
            peerassist reads.
    """

    _MARK = "%s"

    def __init__(
        self, url: str, *, table: str = "peer_assists", clock: Clock | None = None
    ) -> None:
        super().__init__(clock=clock)
        if not isinstance(table, str) or not _TABLE.match(table):
            raise InputError.single("table", "a plain lower-case SQL identifier", repr(table))
        try:
            import psycopg
        except ImportError:
            raise InputError.single(
                "target",
                "psycopg installed for a PostgreSQL register (pip install 'peerassist[postgres]')",
                "no psycopg",
            ) from None
        self._t = table
        self._lock = threading.RLock()
        self.target = _redact(url)
        try:
            self._db: psycopg.Connection[Any] = psycopg.connect(url, autocommit=True)
        except psycopg.Error as error:
            raise InputError.single(
                "target", "a PostgreSQL database that accepts the connection", str(error).strip()
            ) from None
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresRegister({self.target!r})"

    # -- plumbing -------------------------------------------------------------

    @contextmanager
    def _tx(self) -> Iterator[psycopg.Cursor[Any]]:
        with self._lock, self._db.transaction(), self._db.cursor() as cur:
            yield cur

    def _read(self, sql: str, params: Sequence[Any] = ()) -> builtins.list[Any]:
        with self._lock, self._db.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    def _migrate(self) -> None:
        t = self._t
        with self._tx() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            cur.execute(f"CREATE TABLE IF NOT EXISTS {t}_meta (version INTEGER NOT NULL)")
            cur.execute(f"SELECT version FROM {t}_meta")
            row = cur.fetchone()
            version = 0 if row is None else int(row[0])
            if row is None:
                cur.execute(f"INSERT INTO {t}_meta (version) VALUES (0)")
            if version > SCHEMA_VERSION:
                raise FileFormatError.single(
                    f"{t}_meta.version",
                    f"a register schema up to version {SCHEMA_VERSION}"
                    " (a newer peerassist wrote this; upgrade to read it)",
                    str(version),
                ).with_source(self.target)
            if version < 1:
                for sql in version_1(t):
                    cur.execute(sql)
            if version < 2:
                for sql in version_2(t):
                    cur.execute(sql)
                self._backfill(cur)
            cur.execute(f"UPDATE {t}_meta SET version = %s", (SCHEMA_VERSION,))

    def _backfill(self, cur: psycopg.Cursor[Any]) -> None:
        cur.execute(f"SELECT id, body FROM {self._t}")
        stored = cur.fetchall()
        now = to_micros(self._now()) if stored else 0
        for assist_id, body in stored:
            self._put_rows(cur, rows_for(load_body(body)), now, assist_id=assist_id)

    def _put_rows(
        self, cur: psycopg.Cursor[Any], rows: Rows, updated: int, *, assist_id: str
    ) -> None:
        t = self._t
        start = None if rows.start is None else to_micros(rows.start)
        cur.execute(
            f"UPDATE {t} SET title = %s, updated = %s, start = %s, unshared = %s WHERE id = %s",
            (rows.title, updated, start, rows.unshared_lessons, assist_id),
        )
        cur.execute(f"DELETE FROM {t}_people WHERE assist_id = %s", (assist_id,))
        if rows.people:
            cur.executemany(
                f"INSERT INTO {t}_people (assist_id, email, name, role, state, start)"
                " VALUES (%s, %s, %s, %s, %s, %s)",
                [(assist_id, p.email, p.name, p.role, rows.state, start) for p in rows.people],
            )
        cur.execute(f"DELETE FROM {t}_texts WHERE assist_id = %s", (assist_id,))
        if rows.texts:
            cur.executemany(
                f"INSERT INTO {t}_texts (assist_id, field, text) VALUES (%s, %s, %s)",
                [(assist_id, field, text) for field, text in rows.texts],
            )

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()

    # -- storage ---------------------------------------------------------------

    def add(self, assist: PeerAssist) -> None:
        """Store a new assist.

        Raises:
            ConflictError: an assist with that id is already stored.
            InputError: ``assist`` is not a PeerAssist.
        """
        self.add_many([assist])

    def add_many(self, assists: Sequence[PeerAssist]) -> None:
        """Store several new assists in one transaction (all or none).

        Raises:
            ConflictError: one of the ids is already stored (nothing is stored).
            InputError: an item is not a PeerAssist.
        """
        prepared = [rows_for(a) for a in assists]
        updated = to_micros(self._now())
        # ON CONFLICT makes an insert racing another server's wait for it and
        # then insert nothing: the same ConflictError as an id stored before.
        with self._tx() as cur:
            for rows in prepared:
                cur.execute(
                    f"INSERT INTO {self._t} (id, revision, state, body)"
                    " VALUES (%s, %s, %s, %s) ON CONFLICT (id) DO NOTHING",
                    (rows.assist_id, rows.revision, rows.state, rows.body),
                )
                if cur.rowcount != 1:
                    raise ConflictError("assist", rows.assist_id)
                self._put_rows(cur, rows, updated, assist_id=rows.assist_id)

    def get(self, assist_id: str) -> PeerAssist:
        """Load a stored assist (archived ones too).

        Raises:
            NotFoundError: no assist with that id is stored.
        """
        found = self._read(f"SELECT body FROM {self._t} WHERE id = %s", (key_arg(assist_id),))
        if not found:
            raise NotFoundError("assist", str(assist_id))
        return load_body(found[0][0])

    def revision(self, assist_id: str) -> int:
        """The stored revision of an assist.

        Raises:
            NotFoundError: no assist with that id is stored.
        """
        found = self._read(f"SELECT revision FROM {self._t} WHERE id = %s", (key_arg(assist_id),))
        if not found:
            raise NotFoundError("assist", str(assist_id))
        return int(found[0][0])

    def save(self, assist: PeerAssist, *, expected_revision: int) -> None:
        """Store ``assist`` if its stored revision is still ``expected_revision``.

        Raises:
            StaleRevisionError: someone else saved first (reload and retry).
            NotFoundError: the assist is not stored.
            InputError: the revision was not bumped.
        """
        check_bumped(assist, expected_revision)
        rows = rows_for(assist)
        updated = to_micros(self._now())
        with self._tx() as cur:
            cur.execute(
                f"UPDATE {self._t} SET revision = %s, state = %s, body = %s"
                " WHERE id = %s AND revision = %s",
                (rows.revision, rows.state, rows.body, rows.assist_id, expected_revision),
            )
            if cur.rowcount != 1:
                cur.execute(
                    f"SELECT revision FROM {self._t} WHERE id = %s",
                    (rows.assist_id,),
                )
                found = cur.fetchone()
                if found is None:
                    raise NotFoundError("assist", rows.assist_id)
                raise StaleRevisionError(rows.assist_id, expected_revision, int(found[0]))
            self._put_rows(cur, rows, updated, assist_id=rows.assist_id)

    def archive(self, assist_id: str) -> None:
        """Archive a stored assist.

        Raises:
            NotFoundError: no assist with that id is stored.
        """
        with self._tx() as cur:
            cur.execute(
                f"UPDATE {self._t} SET archived = TRUE WHERE id = %s",
                (key_arg(assist_id),),
            )
            if cur.rowcount != 1:
                raise NotFoundError("assist", str(assist_id))

    def list(
        self,
        *,
        state: str | None = None,
        updated_since: DateTime | None = None,
        person: str | None = None,
        archived: bool | None = False,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page:
        """One page of stored assists, most recently stored first (keyset paged).

        Raises:
            InputError: a bad argument or cursor.
        """
        t = self._t
        check_limit(limit)
        where: builtins.list[str] = []
        params: builtins.list[Any] = []
        if state is not None:
            where.append("state = %s")
            params.append(text_arg(state, "state"))
        if updated_since is not None:
            where.append("updated >= %s")
            params.append(to_micros(as_instant(updated_since, "updated_since")))
        if person is not None:
            where.append(f"id IN (SELECT assist_id FROM {t}_people WHERE email = %s)")
            params.append(text_arg(person, "person").casefold())
        if archived is not None:
            if not isinstance(archived, bool):
                raise InputError.single("archived", "True, False or None", repr(archived))
            where.append("archived = %s")
            params.append(archived)
        if cursor is not None:
            last_updated, last_id = decode_cursor(cursor)
            where.append("(updated, id) < (%s, %s)")
            params += [last_updated, last_id]
        sql = f"SELECT id, title, state, revision, updated, start, archived FROM {t}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY updated DESC, id DESC LIMIT %s"
        found = self._read(sql, [*params, limit + 1])
        items = tuple(
            AssistSummary(
                assist_id=row[0],
                title=row[1],
                state=row[2],
                revision=row[3],
                updated_at=from_micros(row[4]),
                start=None if row[5] is None else from_micros(row[5]),
                archived=bool(row[6]),
            )
            for row in found[:limit]
        )
        next_cursor = None
        if len(found) > limit:
            last = found[limit - 1]
            next_cursor = encode_cursor(last[4], last[0])
        return Page(items=items, next_cursor=next_cursor)

    # -- search ----------------------------------------------------------------

    def search(self, text: str, *, limit: int = 10) -> tuple[Hit, ...]:
        """Stored assists' fields ranked by relevance to ``text`` (tsvector, ts_rank).

        Raises:
            InputError: no word in ``text``, or a bad limit.
        """
        check_limit(limit)
        query = " | ".join(significant(query_words(text)))
        t = self._t
        found = self._read(
            "SELECT id, assist_id, field, title, state, score FROM ("
            " SELECT DISTINCT ON (x.assist_id) x.id, x.assist_id, x.field, a.title, a.state,"
            f" ts_rank(x.tsv, q) * {_WEIGHT} AS score"
            f" FROM {t}_texts x CROSS JOIN to_tsquery('english', %s) q"
            f" JOIN {t} a ON a.id = x.assist_id"
            " WHERE x.tsv @@ q AND NOT a.archived"
            " ORDER BY x.assist_id, score DESC, x.id) best"
            " ORDER BY score DESC, assist_id LIMIT %s",
            (query, limit),
        )
        if not found:
            return ()
        snippets = dict(
            self._read(
                "SELECT x.id, ts_headline('english', x.text, to_tsquery('english', %s),"
                " 'StartSel=**, StopSel=**, MaxWords=35, MinWords=15, FragmentDelimiter=...')"
                f" FROM {t}_texts x WHERE x.id = ANY(%s)",
                (query, [row[0] for row in found]),
            )
        )
        return tuple(
            Hit(
                assist_id=row[1],
                field=row[2],
                title=row[3],
                state=row[4],
                snippet=snippets.get(row[0], ""),
                score=float(row[5]),
            )
            for row in found
        )

    # -- people ----------------------------------------------------------------

    def usual_suspects(
        self,
        *,
        now: DateTime,
        window_days: int | None = None,
        threshold: int | None = None,
    ) -> tuple[Suspect, ...]:
        """People invited as visitors more often than the policy allows (M11).

        Raises:
            InputError: a bad argument.
        """
        instant, window, most = self._check_usual(now, window_days, threshold)
        since = to_micros(instant.subtract(days=window))
        found = self._read(
            "SELECT email, max(name), count(*),"
            " array_agg(assist_id ORDER BY start, assist_id) FROM {t}_people".replace(
                "{t}", self._t
            )
            + " WHERE role = 'visitor' AND start >= %s AND state != 'cancelled'"
            " GROUP BY email HAVING count(*) > %s ORDER BY count(*) DESC, email",
            (since, most),
        )
        return tuple(
            Suspect(email=row[0], name=row[1], visits=int(row[2]), assist_ids=tuple(row[3]))
            for row in found
        )

    def _unshared(self) -> builtins.list[str]:
        found = self._read(f"SELECT id FROM {self._t} WHERE unshared AND NOT archived ORDER BY id")
        return [row[0] for row in found]


def _redact(url: str) -> str:
    """The URL without its password, to show in messages."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)
