"""The SQLite register's own ground: its file, a host's connection, its tables' name, FTS5."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from peerassist._time import DateTime
from peerassist.exceptions import FileFormatError, InputError, NotFoundError
from peerassist.register import SqliteRegister
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 11, 2, 9, tz="UTC")


def tables(db: sqlite3.Connection) -> list[str]:
    """The names of the tables and virtual tables in ``db``, sorted."""
    found = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return [row[0] for row in found if not row[0].startswith(("sqlite_", "mine_search_"))]


@pytest.mark.parametrize("table", ["drop table", "1st", "peer-assists", "", 7, None])
def test_the_table_name_must_be_a_plain_identifier(tmp_path: Path, table: Any) -> None:
    """A table name that is not a plain SQL identifier is InputError naming ``table``."""
    with pytest.raises(InputError) as caught:
        SqliteRegister(tmp_path / "r.sqlite3", table=table)
    assert ("table",) == caught.value.paths


def test_the_tables_take_the_name_given(tmp_path: Path) -> None:
    """With table="mine", the assists table is "mine" and the others take it as prefix."""
    path = tmp_path / "r.sqlite3"
    with SqliteRegister(path, table="mine", clock=lambda: NOW) as register:
        register.add(make_assist("closed", now=NOW))
        assert ["pa-ed-front-door"] == [h.assist_id for h in register.search("handover")]
    db = sqlite3.connect(path)
    assert ["mine", "mine_docs", "mine_people", "mine_search"] == tables(db)
    db.close()


def test_the_target_must_be_a_path_or_a_connection() -> None:
    """Anything else is InputError naming ``target`` and the type found."""
    with pytest.raises(InputError) as caught:
        SqliteRegister(42)  # type: ignore[arg-type]
    assert ("target",) == caught.value.paths
    assert "int" == caught.value.problems[0].found


def test_a_file_register_makes_its_folder_and_writes_ahead(tmp_path: Path) -> None:
    """A path in folders that do not exist yet is created; the file is in WAL
    mode while open, and closing the register ends its write-ahead log."""
    path = tmp_path / "deep" / "er" / "register.sqlite3"
    register = SqliteRegister(path, clock=lambda: NOW)
    assert str(path) == register.target
    assert f"SqliteRegister({str(path)!r})" == repr(register)
    register.add(make_assist("closed", now=NOW))
    probe = sqlite3.connect(path)
    assert ("wal",) == probe.execute("PRAGMA journal_mode").fetchone()
    probe.close()
    log = path.with_name("register.sqlite3-wal")
    assert log.exists()
    register.close()
    assert not log.exists()
    with SqliteRegister(path) as again:
        assert 9 == again.revision("pa-ed-front-door")


def test_a_register_in_memory_writes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ ":memory:" keeps the register in memory: it stores and finds, and no file appears."""
    monkeypatch.chdir(tmp_path)
    with SqliteRegister(":memory:", clock=lambda: NOW) as register:
        assert ":memory:" == register.target
        register.add(make_assist("closed", now=NOW))
        assert ["pa-ed-front-door"] == [h.assist_id for h in register.search("handover")]
    assert [] == list(tmp_path.iterdir())


def test_a_hosts_connection_is_used_as_it_is(tmp_path: Path) -> None:
    """An open connection is used, not opened: writes inside the host's own
    transaction are the host's to commit or roll back, writes outside it are
    committed, and closing the register leaves the connection open."""
    db = sqlite3.connect(tmp_path / "host.sqlite3", isolation_level=None)
    register = SqliteRegister(db, clock=lambda: NOW)
    assert "sqlite connection" == register.target
    assert "SqliteRegister('sqlite connection')" == repr(register)
    assert not db.in_transaction
    db.execute("BEGIN")
    register.add(make_assist(now=NOW, id="pa-rolled-back"))
    assert db.in_transaction
    db.execute("ROLLBACK")
    with pytest.raises(NotFoundError):
        register.get("pa-rolled-back")
    register.add(make_assist(now=NOW, id="pa-kept"))
    assert not db.in_transaction
    register.close()
    assert [("pa-kept",)] == db.execute("SELECT id FROM peer_assists").fetchall()
    db.close()
    other = sqlite3.connect(tmp_path / "host.sqlite3")
    assert [("pa-kept",)] == other.execute("SELECT id FROM peer_assists").fetchall()
    other.close()


def test_a_refused_file_is_closed(tmp_path: Path) -> None:
    """A file of a newer schema is refused and closed again: no write-ahead log is left."""
    path = tmp_path / "v9.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 9")
    db.close()
    with pytest.raises(FileFormatError) as caught:
        SqliteRegister(path)
    assert ("user_version",) == caught.value.paths
    assert [path] == list(tmp_path.iterdir())


class _WithoutFts5(sqlite3.Connection):
    """A connection answering as an SQLite built without FTS5 does."""

    def cursor(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        return super().cursor(_Cursor)


class _Cursor(sqlite3.Cursor):
    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if "USING fts5(" in sql:
            raise sqlite3.OperationalError("no such module: fts5")
        return super().execute(sql, *args)


def test_sqlite_without_fts5_is_refused_and_nothing_is_created() -> None:
    """Without FTS5 the register cannot be made: InputError naming ``sqlite3``
    with SQLite's own words, and the half-made tables are rolled back."""
    db = sqlite3.connect(":memory:", factory=_WithoutFts5, isolation_level=None)
    with pytest.raises(InputError) as caught:
        SqliteRegister(db)
    assert ("sqlite3",) == caught.value.paths
    assert "no such module: fts5" == caught.value.problems[0].found
    assert [] == tables(db)
    assert not db.in_transaction
    db.close()


def test_another_sqlite_error_while_migrating_is_not_hidden() -> None:
    """A host database whose own table takes a name the register needs: SQLite's
    error comes through as it is, and the migration is rolled back."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("CREATE TABLE peer_assists_docs (x)")
    with pytest.raises(sqlite3.OperationalError) as caught:
        SqliteRegister(db)
    assert "table peer_assists_docs already exists" == str(caught.value)
    assert ["peer_assists_docs"] == tables(db)
    assert (0,) == db.execute("PRAGMA user_version").fetchone()
    db.close()


def test_the_search_columns_on_disk(tmp_path: Path) -> None:
    """The docs table's columns are part of the file format: other versions read them."""
    path = tmp_path / "r.sqlite3"
    SqliteRegister(path).close()
    db = sqlite3.connect(path)
    found = [row[1] for row in db.execute("PRAGMA table_info(peer_assists_docs)")]
    db.close()
    expected = ["id", "assist_id", "title", "problem", "aim", "redefined", "options", "insights"]
    assert [*expected, "lessons"] == found
