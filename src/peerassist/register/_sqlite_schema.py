"""The SQLite register's tables, version by version."""

from __future__ import annotations

from peerassist.register._rows import COLUMNS

NAMES = ", ".join(name for name, _, _ in COLUMNS)
_COLS = ", ".join(f"{name} TEXT NOT NULL" for name, _, _ in COLUMNS)
_NEW = ", ".join(f"new.{name}" for name, _, _ in COLUMNS)
_OLD = ", ".join(f"old.{name}" for name, _, _ in COLUMNS)
WEIGHTS = ", ".join(str(weight) for _, _, weight in COLUMNS)


def version_1(t: str) -> list[str]:
    """Version 1: one table of assists as JSON (what ``SqliteStore`` wrote)."""
    return [
        f"CREATE TABLE IF NOT EXISTS {t} ("
        " id TEXT PRIMARY KEY, revision INTEGER NOT NULL, state TEXT NOT NULL, body TEXT NOT NULL)"
    ]


def version_2(t: str) -> list[str]:
    """Version 2: summary columns, people and the search index (then a backfill)."""
    return [
        f"ALTER TABLE {t} ADD COLUMN title TEXT NOT NULL DEFAULT ''",
        f"ALTER TABLE {t} ADD COLUMN updated INTEGER NOT NULL DEFAULT 0",
        f"ALTER TABLE {t} ADD COLUMN start INTEGER",
        f"ALTER TABLE {t} ADD COLUMN archived INTEGER NOT NULL DEFAULT 0",
        f"ALTER TABLE {t} ADD COLUMN unshared INTEGER NOT NULL DEFAULT 0",
        f"CREATE INDEX {t}_by_updated ON {t} (updated, id)",
        f"CREATE INDEX {t}_by_state ON {t} (state, updated, id)",
        f"CREATE INDEX {t}_by_unshared ON {t} (unshared, id)",
        f"CREATE TABLE {t}_people ("
        " assist_id TEXT NOT NULL, email TEXT NOT NULL, name TEXT NOT NULL,"
        " role TEXT NOT NULL, state TEXT NOT NULL, start INTEGER,"
        " PRIMARY KEY (assist_id, email)) WITHOUT ROWID",
        f"CREATE INDEX {t}_people_by_email ON {t}_people (email, start)",
        f"CREATE INDEX {t}_people_by_role"
        f" ON {t}_people (role, email, start, state, assist_id, name)",
        f"CREATE TABLE {t}_docs (id INTEGER PRIMARY KEY, assist_id TEXT NOT NULL UNIQUE, {_COLS})",
        f"CREATE VIRTUAL TABLE {t}_search USING fts5({NAMES},"
        f" content='{t}_docs', content_rowid='id', tokenize='porter unicode61')",
        f"CREATE TRIGGER {t}_docs_ai AFTER INSERT ON {t}_docs BEGIN"
        f" INSERT INTO {t}_search (rowid, {NAMES}) VALUES (new.id, {_NEW}); END",
        f"CREATE TRIGGER {t}_docs_ad AFTER DELETE ON {t}_docs BEGIN"
        f" INSERT INTO {t}_search ({t}_search, rowid, {NAMES})"
        f" VALUES ('delete', old.id, {_OLD}); END",
    ]
