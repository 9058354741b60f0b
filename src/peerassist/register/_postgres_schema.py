"""The PostgreSQL register's tables, version by version."""

from __future__ import annotations


def version_1(t: str) -> list[str]:
    """Version 1: one table of assists as JSON (what ``SqliteStore`` wrote)."""
    return [
        f"CREATE TABLE IF NOT EXISTS {t} ("
        " id TEXT PRIMARY KEY, revision INTEGER NOT NULL, state TEXT NOT NULL, body TEXT NOT NULL)"
    ]


def version_2(t: str) -> list[str]:
    """Version 2: summary columns, people and the search index (then a backfill)."""
    return [
        f"ALTER TABLE {t} ADD COLUMN title TEXT NOT NULL DEFAULT '',"
        " ADD COLUMN updated BIGINT NOT NULL DEFAULT 0, ADD COLUMN start BIGINT,"
        " ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE,"
        " ADD COLUMN unshared BOOLEAN NOT NULL DEFAULT FALSE",
        f"CREATE INDEX {t}_by_updated ON {t} (updated, id)",
        f"CREATE INDEX {t}_by_state ON {t} (state, updated, id)",
        f"CREATE INDEX {t}_by_unshared ON {t} (unshared, id)",
        f"CREATE TABLE {t}_people ("
        " assist_id TEXT NOT NULL, email TEXT NOT NULL, name TEXT NOT NULL,"
        " role TEXT NOT NULL, state TEXT NOT NULL, start BIGINT,"
        " PRIMARY KEY (assist_id, email))",
        f"CREATE INDEX {t}_people_by_email ON {t}_people (email, start)",
        f"CREATE INDEX {t}_people_by_role ON {t}_people (role, start, email, state, assist_id)",
        f"CREATE TABLE {t}_texts ("
        " id BIGSERIAL PRIMARY KEY, assist_id TEXT NOT NULL, field TEXT NOT NULL,"
        " text TEXT NOT NULL,"
        " tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED)",
        f"CREATE INDEX {t}_texts_by_assist ON {t}_texts (assist_id)",
        f"CREATE INDEX {t}_texts_search ON {t}_texts USING GIN (tsv)",
    ]
