"""Concurrent saves on the register: 8 threads and 4 processes, no update lost.

Each worker records a sharing on each of three assists, round after round,
reloading and retrying whenever its save is refused as stale. The figures:
time per stored update against one worker doing the same updates alone,
how many saves were refused (each a ``StaleRevisionError``) and how many
updates were lost (it must be none). SQLite always; PostgreSQL too when
``PEERASSIST_BENCH_POSTGRES`` names an empty database.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import threading
import time
from pathlib import Path

from _harness import Result
from peerassist._attrs import evolve
from peerassist._time import DateTime
from peerassist.exceptions import StaleRevisionError
from peerassist.model import Sharing
from peerassist.register import Register, open_register
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")
IDS = ("pa-a", "pa-b", "pa-c")


def _bump(target: str, worker: str, rounds: int, register: Register | None = None) -> int:
    """Store ``rounds`` sharings per assist as ``worker``; return the refusals."""
    reg = open_register(target) if register is None else register
    refused = 0
    try:
        for n in range(rounds):
            for assist_id in IDS:
                while True:
                    assist = reg.get(assist_id)
                    loaded = assist.revision
                    mark = Sharing(audience=f"{worker} {n}", how="bench")
                    shared = (*assist.follow_up.shared_with, mark)
                    assist.follow_up = evolve(assist.follow_up, shared_with=shared)
                    assist.revision = loaded + 1
                    try:
                        reg.save(assist, expected_revision=loaded)
                        break
                    except StaleRevisionError:
                        refused += 1
    finally:
        if register is None:
            reg.close()
    return refused


def _seed(target: str) -> None:
    with open_register(target) as register:
        for assist_id in IDS:
            register.add(make_assist("closed", now=NOW, id=assist_id))


def _lost(target: str, expected: int) -> int:
    with open_register(target) as register:
        stored = 0
        for assist_id in IDS:
            shared = register.get(assist_id).follow_up.shared_with
            stored += sum(1 for s in shared if s.how == "bench")
    return expected - stored


def _threads(target: str, workers: int, rounds: int) -> tuple[float, int]:
    refused: list[int] = []
    with open_register(target) as register:

        def run(name: str) -> None:
            refused.append(_bump(target, name, rounds, register))

        threads = [threading.Thread(target=run, args=(f"t{i}",)) for i in range(workers)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.perf_counter() - started, sum(refused)


def _processes(target: str, workers: int, rounds: int) -> tuple[float, int]:
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as pool:
        pool.apply(time.sleep, (0,))  # start the workers before timing
        started = time.perf_counter()
        refused = pool.starmap(_bump, [(target, f"p{i}", rounds) for i in range(workers)])
        return time.perf_counter() - started, sum(refused)


def _measure(backend: str, fresh: object, rounds: int) -> list[Result]:
    results = []
    for kind, workers, run in (("threads", 8, _threads), ("processes", 4, _processes)):
        target = fresh()  # type: ignore[operator]
        _seed(target)
        elapsed, refused = run(target, workers, rounds)
        updates = workers * rounds * len(IDS)
        lost = _lost(target, updates)
        alone_target = fresh()  # type: ignore[operator]
        _seed(alone_target)
        started = time.perf_counter()
        _bump(alone_target, "alone", rounds * workers)
        alone = time.perf_counter() - started
        results.append(
            Result(
                name=f"register ({backend}): {workers} {kind} saving the same 3 assists",
                ours=elapsed / updates,
                baseline=alone / updates,
                baseline_name="one worker alone",
                unit="stored update",
                note=f"{updates} updates, {refused} saves refused as stale and retried,"
                f" {lost} lost",
            )
        )
    return results


def run(quick: bool) -> list[Result]:
    rounds = 3 if quick else 25
    with tempfile.TemporaryDirectory(prefix="peerassist-bench-") as folder:
        counter = iter(range(1000))
        results = _measure(
            "SQLite", lambda: str(Path(folder) / f"r{next(counter)}.sqlite3"), rounds
        )
    url = os.environ.get("PEERASSIST_BENCH_POSTGRES")
    if url:
        import psycopg

        head, _, query = url.partition("?")
        base = head.rsplit("/", 1)[0]
        names = iter(range(1000))

        def fresh_pg() -> str:
            name = f"bench_cc_{os.getpid()}_{next(names)}"
            with psycopg.connect(url, autocommit=True) as db:
                db.execute(f"CREATE DATABASE {name}")  # type: ignore[arg-type]
            return f"{base}/{name}" + (f"?{query}" if query else "")

        results += _measure("PostgreSQL", fresh_pg, rounds)
    return results
