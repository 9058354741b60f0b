"""The register on stdlib ``sqlite3``: one file, WAL mode, FTS5 search with bm25.

Tables (``peer_assists`` is the default name; the others take it as prefix):

- ``peer_assists``: one row per assist: its JSON body, revision, state,
  title, when it was stored, its meeting start, archived or not;
- ``peer_assists_people``: one row per participant and assist;
- ``peer_assists_docs``: one row per assist with its searchable fields as
  columns, and ``peer_assists_search``, an FTS5 index over it (Porter
  stemming), ranked with bm25 weighting titles and problems above the rest.

The schema's version is SQLite's ``user_version``. Version 1 is the single
table of assists that ``SqliteStore`` created; opening such a file (or any
older version) migrates it in one transaction.
"""

from __future__ import annotations

import builtins
import os
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peerassist._time import DateTime, as_instant
from peerassist.exceptions import ConflictError, InputError, NotFoundError, StaleRevisionError
from peerassist.model import PeerAssist
from peerassist.register._contract import Clock, Register
from peerassist.register._people import PeopleQueries
from peerassist.register._rows import (
    COLUMNS,
    MARK,
    Rows,
    best_field,
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
from peerassist.register._sqlite_schema import NAMES, WEIGHTS, version_1, version_2
from peerassist.register._types import AssistSummary, Hit, Page, Suspect

if TYPE_CHECKING:
    pass

__all__ = ["SCHEMA_VERSION", "SqliteRegister"]

SCHEMA_VERSION = 2
"""The newest schema this peerassist writes (SQLite's ``user_version``)."""

_TABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,40}$")


class SqliteRegister(PeopleQueries, Register):
    """A :class:`Register` in one SQLite file (or an open ``sqlite3`` connection).

    The file is opened in WAL mode, so readers never wait for a writer;
    each write is one ``BEGIN IMMEDIATE`` transaction. One object may be
    shared by the threads of a process (calls take turns on its
    connection); other processes open the same file themselves, and
    compare-and-set on ``revision`` keeps every update.

    Args:
        target: a file path (created if missing, with its folder), or an
            open ``sqlite3.Connection`` to use as it is (for ``:memory:``
            or a host's own database).
        table: the name of the assists table; the others take it as prefix.
        clock: returns the current instant (see :class:`Register`).

    Raises:
        InputError: a bad table name, or SQLite without FTS5.
        FileFormatError: the file holds a newer schema than this peerassist
            reads.
    """

    def __init__(
        self,
        target: str | os.PathLike[str] | sqlite3.Connection,
        *,
        table: str = "peer_assists",
        clock: Clock | None = None,
    ) -> None:
        super().__init__(clock=clock)
        if not isinstance(table, str) or not _TABLE.match(table):
            raise InputError.single("table", "a plain SQL identifier", repr(table))
        self._t = table
        self._lock = threading.RLock()
        if isinstance(target, sqlite3.Connection):
            self._db = target
            self._owned = False
            self.target = "sqlite connection"
        elif isinstance(target, str | os.PathLike):
            path = Path(target)
            if str(target) != ":memory:":
                path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                str(path), timeout=60, isolation_level=None, check_same_thread=False
            )
            self._owned = True
            self.target = str(path)
            if str(target) != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        else:
            raise InputError.single(
                "target", "a file path or a sqlite3 connection", type(target).__name__
            )
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"SqliteRegister({self.target!r})"

    # -- plumbing -------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Cursor]:
        """One write transaction, taken at once (no upgrade deadlock)."""
        with self._lock:
            cursor = self._db.cursor()
            in_outer = self._db.in_transaction
            if not in_outer:
                cursor.execute("BEGIN IMMEDIATE")
            try:
                yield cursor
            except BaseException:
                if not in_outer:
                    cursor.execute("ROLLBACK")
                raise
            else:
                if not in_outer:
                    cursor.execute("COMMIT")
            finally:
                cursor.close()

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def _migrate(self) -> None:
        from peerassist.exceptions import FileFormatError

        t = self._t
        with self._write() as cur:
            version = int(cur.execute("PRAGMA user_version").fetchone()[0])
            exists = cur.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (t,)
            ).fetchone()
            if version == 0 and exists:
                version = 1  # the table SqliteStore created
            if version > SCHEMA_VERSION:
                raise FileFormatError.single(
                    "user_version",
                    f"a register schema up to version {SCHEMA_VERSION}"
                    " (a newer peerassist wrote this; upgrade to read it)",
                    str(version),
                ).with_source(self.target)
            if version < 1:
                for sql in version_1(t):
                    cur.execute(sql)
                version = 1
            if version < 2:
                try:
                    for sql in version_2(t):
                        cur.execute(sql)
                except sqlite3.OperationalError as error:
                    if "fts5" in str(error):
                        raise InputError.single(
                            "sqlite3", "an SQLite built with FTS5", str(error)
                        ) from None
                    raise
                self._backfill(cur)
                version = 2
            cur.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _backfill(self, cur: sqlite3.Cursor) -> None:
        stored = cur.execute(f"SELECT id, body FROM {self._t}").fetchall()
        now = to_micros(self._now()) if stored else 0
        for assist_id, body in stored:
            self._put_rows(cur, rows_for(load_body(body)), now, assist_id=assist_id)

    def _put_rows(self, cur: sqlite3.Cursor, rows: Rows, updated: int, *, assist_id: str) -> None:
        t = self._t
        start = None if rows.start is None else to_micros(rows.start)
        cur.execute(
            f"UPDATE {t} SET title = ?, updated = ?, start = ?, unshared = ? WHERE id = ?",
            (rows.title, updated, start, int(rows.unshared_lessons), assist_id),
        )
        cur.execute(f"DELETE FROM {t}_people WHERE assist_id = ?", (assist_id,))
        cur.executemany(
            f"INSERT INTO {t}_people (assist_id, email, name, role, state, start)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(assist_id, p.email, p.name, p.role, rows.state, start) for p in rows.people],
        )
        cur.execute(f"DELETE FROM {t}_docs WHERE assist_id = ?", (assist_id,))
        marks = ", ".join("?" * len(COLUMNS))
        cur.execute(
            f"INSERT INTO {t}_docs (assist_id, {NAMES}) VALUES (?, {marks})",
            (assist_id, *rows.columns),
        )

    def close(self) -> None:
        """Close the connection (only one this register opened)."""
        with self._lock:
            if self._owned:
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
        with self._write() as cur:
            for rows in prepared:
                try:
                    cur.execute(
                        f"INSERT INTO {self._t} (id, revision, state, body) VALUES (?, ?, ?, ?)",
                        (rows.assist_id, rows.revision, rows.state, rows.body),
                    )
                except sqlite3.IntegrityError:
                    raise ConflictError("assist", rows.assist_id) from None
                self._put_rows(cur, rows, updated, assist_id=rows.assist_id)

    def get(self, assist_id: str) -> PeerAssist:
        """Load a stored assist (archived ones too).

        Raises:
            NotFoundError: no assist with that id is stored.
        """
        found = self._read(f"SELECT body FROM {self._t} WHERE id = ?", (key_arg(assist_id),))
        if not found:
            raise NotFoundError("assist", str(assist_id))
        return load_body(found[0][0])

    def revision(self, assist_id: str) -> int:
        """The stored revision of an assist.

        Raises:
            NotFoundError: no assist with that id is stored.
        """
        found = self._read(f"SELECT revision FROM {self._t} WHERE id = ?", (key_arg(assist_id),))
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
        with self._write() as cur:
            cur.execute(
                f"UPDATE {self._t} SET revision = ?, state = ?, body = ?"
                " WHERE id = ? AND revision = ?",
                (rows.revision, rows.state, rows.body, rows.assist_id, expected_revision),
            )
            if cur.rowcount != 1:
                found = cur.execute(
                    f"SELECT revision FROM {self._t} WHERE id = ?", (rows.assist_id,)
                ).fetchone()
                if found is None:
                    raise NotFoundError("assist", rows.assist_id)
                raise StaleRevisionError(rows.assist_id, expected_revision, int(found[0]))
            self._put_rows(cur, rows, updated, assist_id=rows.assist_id)

    def archive(self, assist_id: str) -> None:
        """Archive a stored assist.

        Raises:
            NotFoundError: no assist with that id is stored.
        """
        with self._write() as cur:
            cur.execute(f"UPDATE {self._t} SET archived = 1 WHERE id = ?", (key_arg(assist_id),))
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
        where: list[str] = []
        params: list[Any] = []
        if state is not None:
            where.append("state = ?")
            params.append(text_arg(state, "state"))
        if updated_since is not None:
            where.append("updated >= ?")
            params.append(to_micros(as_instant(updated_since, "updated_since")))
        if person is not None:
            where.append(f"id IN (SELECT assist_id FROM {t}_people WHERE email = ?)")
            params.append(text_arg(person, "person").casefold())
        if archived is not None:
            if not isinstance(archived, bool):
                raise InputError.single("archived", "True, False or None", repr(archived))
            where.append("archived = ?")
            params.append(int(archived))
        if cursor is not None:
            last_updated, last_id = decode_cursor(cursor)
            where.append("(updated, id) < (?, ?)")
            params += [last_updated, last_id]
        sql = f"SELECT id, title, state, revision, updated, start, archived FROM {t}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY updated DESC, id DESC LIMIT ?"
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
        """Stored assists' fields ranked by relevance to ``text`` (FTS5, bm25).

        Raises:
            InputError: no word in ``text``, or a bad limit.
        """
        check_limit(limit)
        words = significant(query_words(text))
        match = " OR ".join(f'"{w}"' for w in words)
        t = self._t
        marks = ", ".join(
            f"highlight({t}_search, {i}, '{MARK}', '{MARK}')" for i in range(len(COLUMNS))
        )
        hits = []
        with self._lock:
            # Rank first (cheap), then mark the words of the few rows kept:
            # highlighting every match would cost more than ranking them.
            # Archived assists are dropped after ranking (filtering them in
            # the ranking query costs a lookup per match), so when they fill
            # the best rows, rank more of them until enough are left.
            wanted = limit + 10
            while True:
                ranked = self._db.execute(
                    f"SELECT s.rowid, s.score, d.assist_id, a.title, a.state, a.archived"
                    f" FROM (SELECT rowid, bm25({t}_search, {WEIGHTS}) AS score"
                    f" FROM {t}_search WHERE {t}_search MATCH ? ORDER BY score LIMIT ?) s"
                    f" JOIN {t}_docs d ON d.id = s.rowid JOIN {t} a ON a.id = d.assist_id"
                    " ORDER BY s.score",
                    (match, wanted),
                ).fetchall()
                kept = [row[:5] for row in ranked if not row[5]]
                if len(kept) >= limit or len(ranked) < wanted:
                    break
                wanted *= 4
            for rowid, score, assist_id, title, state in kept[:limit]:
                highlighted = self._db.execute(
                    f"SELECT {marks} FROM {t}_search WHERE {t}_search MATCH ? AND rowid = ?",
                    (match, rowid),
                ).fetchone()
                field, snippet = best_field(list(highlighted))
                hits.append(
                    Hit(
                        assist_id=assist_id,
                        title=title,
                        state=state,
                        field=field,
                        snippet=snippet,
                        score=-score,
                    )
                )
        return tuple(hits)

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
        t = self._t
        found = self._read(
            f"WITH over AS (SELECT email FROM {t}_people"
            " WHERE role = 'visitor' AND start >= ? AND state != 'cancelled'"
            " GROUP BY email HAVING count(*) > ?)"
            f" SELECT p.email, p.name, p.assist_id FROM {t}_people p JOIN over USING (email)"
            " WHERE p.role = 'visitor' AND p.start >= ? AND p.state != 'cancelled'"
            " ORDER BY p.email, p.start, p.assist_id",
            (since, most, since),
        )
        grouped: dict[str, tuple[str, builtins.list[str]]] = {}
        for email, name, assist_id in found:
            grouped.setdefault(email, (name, []))[1].append(assist_id)
        suspects = sorted(
            (
                Suspect(email=email, name=name, visits=len(ids), assist_ids=tuple(ids))
                for email, (name, ids) in grouped.items()
            ),
            key=lambda s: (-s.visits, s.email),
        )
        return tuple(suspects)

    def _unshared(self) -> builtins.list[str]:
        found = self._read(
            f"SELECT id FROM {self._t} WHERE unshared = 1 AND archived = 0 ORDER BY id"
        )
        return [row[0] for row in found]
