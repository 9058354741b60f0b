"""Concurrency: two stale copies cannot both advance when a host uses compare-and-set."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from peerassist._time import DateTime, duration
from peerassist.exceptions import ConflictError, InputError, NotFoundError, StaleRevisionError
from peerassist.model import PeerAssist
from peerassist.register import SqliteRegister
from peerassist.serialize import from_dict, to_dict
from peerassist.testing import make_assist
from peerassist.workflow import Workflow

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")
WF = Workflow()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "assists.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[SqliteRegister]:
    connection = sqlite3.connect(db_path)
    try:
        yield SqliteRegister(connection)
    finally:
        connection.close()


def test_plain_sqlite_compare_and_set_lets_only_one_stale_copy_advance(db_path: Path) -> None:
    """The documented pattern with bare sqlite3: the second UPDATE changes no row."""
    import json

    db = sqlite3.connect(db_path)
    db.execute("CREATE TABLE assists (id TEXT PRIMARY KEY, revision INTEGER, body TEXT)")
    assist = make_assist("scheduling", now=NOW)
    with db:
        db.execute(
            "INSERT INTO assists VALUES (?, ?, ?)",
            (assist.id, assist.revision, json.dumps(to_dict(assist))),
        )

    def load() -> PeerAssist:
        (body,) = db.execute("SELECT body FROM assists WHERE id = ?", (assist.id,)).fetchone()
        return from_dict(json.loads(body))

    first, second = load(), load()
    loaded_revision = first.revision
    # Both copies advance in memory: the engine keeps no per-assist state.
    assert WF.fire(first, "start_meeting", now=NOW).ok
    assert WF.fire(second, "cancel", now=NOW).ok
    rowcounts = []
    for copy in (first, second):
        with db:
            cursor = db.execute(
                "UPDATE assists SET revision = ?, body = ? WHERE id = ? AND revision = ?",
                (copy.revision, json.dumps(to_dict(copy)), copy.id, loaded_revision),
            )
        rowcounts.append(cursor.rowcount)
    assert rowcounts == [1, 0]
    assert load().state == "quarter_1"
    db.close()


def test_store_save_refuses_the_second_stale_copy(store: SqliteRegister) -> None:
    """With SqliteRegister, the second save raises StaleRevisionError naming both revisions."""
    assist = make_assist("scheduling", now=NOW)
    store.add(assist)
    first, second = store.get(assist.id), store.get(assist.id)
    expected = first.revision
    WF.advance(first, "start_meeting", now=NOW)
    WF.advance(second, "cancel", now=NOW)
    store.save(first, expected_revision=expected)
    with pytest.raises(StaleRevisionError) as excinfo:
        store.save(second, expected_revision=expected)
    assert (assist.id, expected, expected + 1) == (
        excinfo.value.assist_id,
        excinfo.value.expected,
        excinfo.value.found,
    )
    stored = store.get(assist.id)
    assert stored.state == "quarter_1"
    assert first == stored


def test_store_update_retries_cleanly_after_losing(store: SqliteRegister) -> None:
    """A loser reloads the winner's assist and sees the current state."""
    assist = make_assist("scheduling", now=NOW)
    store.add(assist)
    stale = store.get(assist.id)
    store.update(assist.id, lambda a: WF.advance(a, "start_meeting", now=NOW))
    WF.advance(stale, "cancel", now=NOW)
    with pytest.raises(StaleRevisionError):
        store.save(stale, expected_revision=stale.revision - 1)
    fresh = store.get(assist.id)
    outcome = WF.fire(fresh, "cancel", now=NOW + duration(minutes=1))
    assert outcome.ok
    store.save(fresh, expected_revision=fresh.revision - 1)
    assert store.get(assist.id).state == "cancelled"


def test_store_update_saves_nothing_when_refused(store: SqliteRegister) -> None:
    """update() with a refused fire leaves the stored row alone."""
    assist = make_assist("scoping", now=NOW)
    store.add(assist)
    outcome = store.update(assist.id, lambda a: WF.fire(a, "close", now=NOW))
    assert not outcome.ok
    assert assist.revision == store.revision(assist.id)


def test_threads_racing_on_one_assist_advance_it_once(db_path: Path) -> None:
    """Six threads load the same revision, fire and save: exactly one save wins."""
    setup = sqlite3.connect(db_path)
    original = make_assist("scheduling", now=NOW)
    SqliteRegister(setup).add(original)
    setup.close()
    wins: list[str] = []
    losses: list[str] = []
    barrier = threading.Barrier(6)

    def worker(trigger: str) -> None:
        connection = sqlite3.connect(db_path, timeout=30)
        try:
            local = SqliteRegister(connection)
            assist = local.get(original.id)
            loaded = assist.revision
            WF.advance(assist, trigger, now=NOW)
            barrier.wait()  # every copy is now advanced in memory, all stale but one
            try:
                local.save(assist, expected_revision=loaded)
                wins.append(trigger)
            except StaleRevisionError:
                losses.append(trigger)
        finally:
            connection.close()

    triggers = ("start_meeting", "cancel", "start_meeting", "cancel", "cancel", "start_meeting")
    threads = [threading.Thread(target=worker, args=(t,)) for t in triggers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = sqlite3.connect(db_path)
    stored = SqliteRegister(final).get(original.id)
    final.close()
    assert len(wins) == 1
    assert len(losses) == 5
    assert original.revision + 1 == stored.revision
    assert wins[0] == stored.history[-1].event
    assert len(original.history) + 1 == len(stored.history)


def test_store_refuses_a_save_without_a_bumped_revision(store: SqliteRegister) -> None:
    """Saving an edit that did not bump the revision is refused (it could not be noticed)."""
    assist = make_assist("scoping", now=NOW)
    store.add(assist)
    edited = store.get(assist.id)
    edited.title = "A new title"
    with pytest.raises(InputError) as excinfo:
        store.save(edited, expected_revision=edited.revision)
    assert excinfo.value.paths == ("revision",)
    edited.revision += 1
    store.save(edited, expected_revision=edited.revision - 1)
    assert store.get(assist.id).title == "A new title"


def test_store_add_twice_and_get_missing_have_their_own_errors(store: SqliteRegister) -> None:
    """Adding an id twice is ConflictError, getting an unknown id NotFoundError."""
    assist = make_assist("scoping", now=NOW)
    store.add(assist)
    with pytest.raises(ConflictError, match="'pa-ed-front-door' is already stored"):
        store.add(assist)
    with pytest.raises(NotFoundError, match="no assist 'pa-missing' is stored"):
        store.get("pa-missing")


def test_the_old_sqlite_store_is_a_deprecated_register(tmp_path: Path) -> None:
    """SqliteStore warns, keeps its old signatures and errors, and what it
    stores opens as a register."""
    import peerassist.workflow

    path = tmp_path / "old.db"
    connection = sqlite3.connect(path)
    with pytest.warns(DeprecationWarning, match="use peerassist.register.open_register"):
        old = peerassist.workflow.SqliteStore(connection)
    assist = make_assist("scheduling", now=NOW)
    old.add(assist)
    with pytest.raises(InputError, match="an id not already stored"):
        old.add(assist)
    with pytest.raises(InputError, match="the id of a stored assist"):
        old.get("pa-missing")
    assert old.revision("pa-missing") is None
    copy = old.get(assist.id)
    WF.advance(copy, "start_meeting", now=NOW)
    old.save(copy, expected=2)
    connection.close()
    with SqliteRegister(path) as register:
        assert "quarter_1" == register.get(assist.id).state


def test_store_table_name_is_checked() -> None:
    """The table name must be a plain identifier (it is put into SQL)."""
    with pytest.raises(InputError):
        SqliteRegister(sqlite3.connect(":memory:"), table="x; DROP TABLE y")


def test_store_update_saves_a_transition_whose_hook_failed(store: SqliteRegister) -> None:
    """The transition stands when a hook fails, so update() stores it, then re-raises."""
    from peerassist.exceptions import HookError

    wf = Workflow()

    def broken(assist: PeerAssist, entry: object) -> None:
        raise ConnectionError("mail server down")

    wf.after_transition(broken)
    assist = make_assist("scheduling", now=NOW)
    store.add(assist)
    with pytest.raises(HookError):
        store.update(assist.id, lambda a: wf.advance(a, "start_meeting", now=NOW))
    assert store.get(assist.id).state == "quarter_1"
