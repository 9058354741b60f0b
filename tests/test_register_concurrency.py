"""Concurrent saves on both register backends: no update is lost, each refusal is stale."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import attrs
import pytest

from peerassist._time import DateTime
from peerassist.exceptions import StaleRevisionError
from peerassist.model import Sharing
from peerassist.register import open_register
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")
IDS = ("pa-a", "pa-b", "pa-c")
ROUNDS = 4


def seed(target: str) -> None:
    """Store the three assists, each with one sharing recorded (revision 9)."""
    with open_register(target) as register:
        for assist_id in IDS:
            register.add(make_assist("closed", now=NOW, id=assist_id))


def bump(target: str, worker: str, register: object = None) -> list[tuple[int, int, int | None]]:
    """Record ROUNDS sharings per assist as ``worker``, reloading and retrying
    after each refused save; return (loaded, expected, found) of each refusal."""
    own = register is None
    reg = open_register(target) if own else register
    refused: list[tuple[int, int, int | None]] = []
    try:
        for n in range(ROUNDS):
            for assist_id in IDS:
                while True:
                    assist = reg.get(assist_id)  # type: ignore[attr-defined]
                    loaded = assist.revision
                    follow_up = assist.follow_up
                    mark = Sharing(audience=f"{worker} round {n}", how="test")
                    assist.follow_up = attrs.evolve(
                        follow_up, shared_with=(*follow_up.shared_with, mark)
                    )
                    assist.revision = loaded + 1
                    try:
                        reg.save(assist, expected_revision=loaded)  # type: ignore[attr-defined]
                        break
                    except StaleRevisionError as error:
                        refused.append((loaded, error.expected, error.found))
    finally:
        if own:
            reg.close()  # type: ignore[attr-defined]
    return refused


def check_refusals(refused: list[list[tuple[int, int, int | None]]]) -> None:
    """Each refusal named the revision loaded and a newer one stored."""
    for loaded, expected, found in (r for worker in refused for r in worker):
        assert loaded == expected
        assert found is not None
        assert found > loaded


def check_nothing_lost(target: str, workers: list[str]) -> None:
    """Every worker's every round is recorded once on every assist."""
    expected = sorted(f"{w} round {n}" for w in workers for n in range(ROUNDS))
    with open_register(target) as register:
        for assist_id in IDS:
            stored = register.get(assist_id)
            marks = sorted(s.audience for s in stored.follow_up.shared_with if s.how == "test")
            assert expected == marks
            assert 9 + len(expected) == stored.revision


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh register on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "register.sqlite3")
    url: str = request.getfixturevalue("postgres_server").new_database()
    return url


def test_eight_threads_sharing_one_register_lose_no_update(target: str) -> None:
    """Eight threads saving the same three assists through one register: every
    update is stored; the losers' saves were refused with StaleRevisionError."""
    seed(target)
    workers = [f"thread {i}" for i in range(8)]
    refused: list[list[tuple[int, int, int | None]]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(len(workers))
    with open_register(target) as register:

        def run(name: str) -> None:
            start.wait()
            try:
                refused.append(bump(target, name, register))
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=run, args=(w,)) for w in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [] == errors
    check_refusals(refused)
    check_nothing_lost(target, workers)


def test_four_processes_lose_no_update(target: str) -> None:
    """Four processes, each with its own connection, saving the same three
    assists: every update is stored."""
    seed(target)
    workers = [f"process {i}" for i in range(4)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(len(workers)) as pool:
        refused = pool.starmap(bump, [(target, w) for w in workers])
    assert len(workers) == len(refused)
    check_refusals(refused)
    check_nothing_lost(target, workers)
