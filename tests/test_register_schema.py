"""Register schema versions: version 1 is migrated when opened; a newer one is refused."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from peerassist._time import DateTime
from peerassist.exceptions import FileFormatError
from peerassist.register import SCHEMA_VERSION, open_register
from peerassist.serialize import to_dict
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 11, 2, 9, tz="UTC")
VERSION_1 = (
    "CREATE TABLE peer_assists ("
    " id TEXT PRIMARY KEY, revision INTEGER NOT NULL, state TEXT NOT NULL, body TEXT NOT NULL)"
)


def body() -> tuple[str, int, str, str]:
    assist = make_assist("closed", now=NOW)
    return (assist.id, assist.revision, assist.state, json.dumps(to_dict(assist)))


def test_sqlite_version_1_is_migrated_when_opened(tmp_path: Path) -> None:
    """A version-1 file (one table of JSON assists) opens as a version-2
    register: its assists are listed, searchable and in people's history."""
    path = tmp_path / "v1.sqlite3"
    db = sqlite3.connect(path)
    db.execute(VERSION_1)
    db.execute("INSERT INTO peer_assists VALUES (?, ?, ?, ?)", body())
    db.commit()
    db.close()
    with open_register(path, clock=lambda: NOW) as register:
        assert ["pa-ed-front-door"] == [i.assist_id for i in register.list().items]
        assert NOW == register.list().items[0].updated_at
        assert ["purpose.problem"] == [hit.field for hit in register.search("handover")]
        assert "visitor" == register.history("ana.costa@northfield.nhs.example")[0].role
    db = sqlite3.connect(path)
    assert (2,) == db.execute("PRAGMA user_version").fetchone()
    assert 2 == SCHEMA_VERSION
    db.close()


def test_sqlite_newer_schema_is_refused(tmp_path: Path) -> None:
    """A file written by a newer peerassist is refused, naming the file."""
    path = tmp_path / "v9.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 9")
    db.close()
    with pytest.raises(FileFormatError) as caught:
        open_register(path)
    assert str(path) == caught.value.source
    assert ("user_version",) == caught.value.paths


def test_sqlite_reopening_keeps_what_was_stored(tmp_path: Path) -> None:
    """Opening a current register again migrates nothing and keeps its data."""
    path = tmp_path / "r.sqlite3"
    with open_register(path) as register:
        register.add(make_assist("closed", now=NOW))
    with open_register(path) as register:
        assert 9 == register.revision("pa-ed-front-door")
        assert ["pa-ed-front-door"] == [h.assist_id for h in register.search("handover delays")]


def test_postgres_version_1_is_migrated_when_opened(postgres_server: object) -> None:
    """A version-1 PostgreSQL database opens as a version-2 register."""
    import psycopg

    url = postgres_server.new_database()  # type: ignore[attr-defined]
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE TABLE peer_assists_meta (version INTEGER NOT NULL)")
        db.execute("INSERT INTO peer_assists_meta VALUES (1)")
        db.execute(VERSION_1)  # type: ignore[arg-type]
        db.execute("INSERT INTO peer_assists VALUES (%s, %s, %s, %s)", body())
    with open_register(url, clock=lambda: NOW) as register:
        assert ["pa-ed-front-door"] == [i.assist_id for i in register.list().items]
        assert ["purpose.problem"] == [hit.field for hit in register.search("handover")]
    with psycopg.connect(url) as db:
        assert (2,) == db.execute("SELECT version FROM peer_assists_meta").fetchone()
        db.execute("UPDATE peer_assists_meta SET version = 7")
        db.commit()
    with pytest.raises(FileFormatError) as caught:
        open_register(url)
    assert ("peer_assists_meta.version",) == caught.value.paths
