"""The PostgreSQL register's own ground: its URL, its tables' name, its schema
row, its connection, and servers starting or adding at the same time."""

from __future__ import annotations

import sys
import threading
from typing import Any

import pytest

from peerassist._time import DateTime
from peerassist.exceptions import ConflictError, FileFormatError, InputError
from peerassist.register import PostgresRegister
from peerassist.register._postgres import _redact
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 11, 2, 9, tz="UTC")


def connections(server: Any, url: str) -> int:
    """How many sessions are connected to the database of ``url``."""
    import psycopg

    name = url.split("?")[0].rsplit("/", 1)[1]
    with psycopg.connect(server.url(), autocommit=True) as db:
        row = db.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (name,)
        ).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.parametrize("table", ["Peer_Assists", "drop table", "1st", "", 7, None])
def test_the_table_name_must_be_a_plain_lower_case_identifier(table: Any) -> None:
    """Checked before connecting: InputError naming ``table``."""
    with pytest.raises(InputError) as caught:
        PostgresRegister("postgresql://nobody@/nowhere?host=/nonexistent", table=table)
    assert ("table",) == caught.value.paths


def test_a_database_that_cannot_be_reached_is_refused() -> None:
    """A URL nothing answers at is InputError naming ``target``, with libpq's reason."""
    with pytest.raises(InputError) as caught:
        PostgresRegister("postgresql://nobody@/nowhere?host=/nonexistent-peerassist")
    assert ("target",) == caught.value.paths
    assert "/nonexistent-peerassist" in caught.value.problems[0].found


def test_without_psycopg_the_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without psycopg installed: InputError naming ``target`` and the missing package."""
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(InputError) as caught:
        PostgresRegister("postgresql://nobody@/nowhere")
    assert ("target",) == caught.value.paths
    assert "no psycopg" == caught.value.problems[0].found


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://ana:s3cret@db.example/assists", "postgresql://ana:***@db.example/assists"),
        ("postgres://ana:@db.example/assists", "postgres://ana:***@db.example/assists"),
        ("postgresql://ana@db.example/assists", "postgresql://ana@db.example/assists"),
        ("postgresql://db.example:5432/assists", "postgresql://db.example:5432/assists"),
    ],
)
def test_a_url_is_shown_without_its_password(url: str, shown: str) -> None:
    """The password of a URL is replaced by *** wherever the register shows it."""
    assert shown == _redact(url)


def test_the_register_names_its_database_without_the_password(postgres_server: Any) -> None:
    """target and repr give the URL with its password hidden."""
    url = postgres_server.new_database()
    with_password = url.replace("postgres@", "postgres:s3cret@")
    with PostgresRegister(with_password) as register:
        hidden = url.replace("postgres@", "postgres:***@")
        assert hidden == register.target
        assert f"PostgresRegister({hidden!r})" == repr(register)


def test_the_tables_take_the_name_given(postgres_server: Any) -> None:
    """With table="mine", the assists table is "mine" and the others take it
    as prefix; its schema row says version 2, once."""
    import psycopg

    url = postgres_server.new_database()
    with PostgresRegister(url, table="mine", clock=lambda: NOW) as register:
        register.add(make_assist("closed", now=NOW))
        assert ["pa-ed-front-door"] == [h.assist_id for h in register.search("handover")]
    with PostgresRegister(url, table="mine") as register:
        assert 9 == register.revision("pa-ed-front-door")
    with psycopg.connect(url) as db:
        names = db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
        assert [("mine",), ("mine_meta",), ("mine_people",), ("mine_texts",)] == names
        assert [(2,)] == db.execute("SELECT version FROM mine_meta").fetchall()


def test_closing_ends_the_session(postgres_server: Any) -> None:
    """close() ends the register's session with the server."""
    url = postgres_server.new_database()
    register = PostgresRegister(url)
    assert 1 == connections(postgres_server, url)
    register.close()
    assert 0 == connections(postgres_server, url)


def test_a_refused_database_is_let_go(postgres_server: Any) -> None:
    """A database of a newer schema is refused, naming its table, and the
    register's session ends at once."""
    import psycopg

    url = postgres_server.new_database()
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE TABLE peer_assists_meta (version INTEGER NOT NULL)")
        db.execute("INSERT INTO peer_assists_meta VALUES (3)")
    with pytest.raises(FileFormatError) as caught:
        PostgresRegister(url)
    assert ("peer_assists_meta.version",) == caught.value.paths
    assert 0 == connections(postgres_server, url)


def test_servers_starting_together_migrate_once(postgres_server: Any) -> None:
    """Six registers opened at once on an empty database all open, and the
    schema is made once."""
    import psycopg

    url = postgres_server.new_database()
    start = threading.Barrier(6)
    errors: list[BaseException] = []

    def open_one() -> None:
        start.wait()
        try:
            PostgresRegister(url).close()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [] == errors
    with psycopg.connect(url) as db:
        assert [(2,)] == db.execute("SELECT version FROM peer_assists_meta").fetchall()


def test_servers_adding_one_id_together_store_it_once(postgres_server: Any) -> None:
    """Four registers adding the same new id at once: one stores it, the
    others raise ConflictError."""
    url = postgres_server.new_database()
    PostgresRegister(url).close()
    start = threading.Barrier(4)
    outcomes: list[str] = []

    def add_one(n: int) -> None:
        with PostgresRegister(url) as register:
            assist = make_assist(now=NOW, id="pa-raced")
            assist.title = f"Added by {n}"
            start.wait()
            try:
                register.add(assist)
                outcomes.append("stored")
            except ConflictError as error:
                outcomes.append(f"conflict {error.key}")

    threads = [threading.Thread(target=add_one, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert ["conflict pa-raced"] * 3 + ["stored"] == sorted(outcomes)
