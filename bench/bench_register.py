"""The register at scale: search, keyset pages and usual suspects.

Fills a SQLite register with generated assists (100,000; 2,000 with
``--quick``) and measures, in the same run:

- ``search``: p50 and p95 over varied queries, against a ``LIKE '%word%'``
  scan of the same rows (the goal: p50 under 50 ms, p95 under 200 ms);
- ``list``: a deep keyset page against the first page (constant per page),
  with ``OFFSET`` paging of the same depth beside it;
- ``usual_suspects`` over a year (the goal: under 500 ms), against the same
  count scanning the people table without its index.

With ``PEERASSIST_BENCH_POSTGRES`` set to a ``postgresql://`` URL of an
empty database, the search and usual-suspects figures are also measured on
PostgreSQL with the same assists.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _harness import Result, best_per_call
from peerassist._time import DateTime
from peerassist.register import Register, SqliteRegister, open_register
from peerassist.testing import iter_assists

NOW = DateTime.create(2027, 1, 15, 9, tz="UTC")
_COLUMNS = ("title", "problem", "aim", "redefined", "options", "insights", "lessons")
QUERIES = (
    "ambulance handover delays",
    "discharge planning waiting lists",
    "outpatient waiting lists",
    "flood defence inspections",
    "staff turnover morale",
    "queues doubled after a new system",
    "measure weekly share figures",
    "ownership of the whole pathway",
    "pilot changes small scale",
    "recycling contamination",
    "court backlog",
    "volunteer recruitment",
    "mental health referrals triage",
    "spreadsheets only one analyst understands",
    "maternity rostering",
    "pharmacy stock control errors",
    "care home staffing winter",
    "payroll data quality",
    "cyber security onboarding",
    "bed management escalation",
)


def _fill(register: Register, count: int) -> float:
    started = time.perf_counter()
    batch = []
    # One person in the pool per assist: most are asked once or twice, a few
    # far more often (the generator's long tail), as in a large organisation.
    for assist in iter_assists(count, now=NOW, seed=1, people=max(3000, count)):
        batch.append(assist)
        if len(batch) == 1000:
            register.add_many(batch)  # type: ignore[attr-defined]
            batch = []
    if batch:
        register.add_many(batch)  # type: ignore[attr-defined]
    return time.perf_counter() - started


def _percentiles(fn: Callable[[str], object], queries: list[str]) -> tuple[float, float]:
    times = []
    for text in queries:
        started = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - started)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95


def _queries(rounds: int) -> list[str]:
    rng = random.Random(3)
    found = list(QUERIES) * rounds
    rng.shuffle(found)
    return found


def _like_search(db: sqlite3.Connection, text: str) -> object:
    """The baseline: every stored field holding one of the words, by LIKE."""
    words = [w for w in text.lower().split() if len(w) > 2]
    where = " OR ".join(f"{column} LIKE ?" for column in _COLUMNS for _ in words)
    return db.execute(
        f"SELECT assist_id FROM peer_assists_docs WHERE {where}",
        [f"%{w}%" for _ in _COLUMNS for w in words],
    ).fetchall()


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms"


def _goal(value: float, limit: float) -> str:
    return f"{_ms(value)} (goal < {_ms(limit)}: {'met' if value < limit else 'MISSED'})"


def _sqlite(count: int, quick: bool, folder: Path) -> list[Result]:
    path = folder / "register.sqlite3"
    register = SqliteRegister(path)
    filled = _fill(register, count)
    results: list[Result] = []
    queries = _queries(2 if quick else 10)
    register.search(QUERIES[0])  # warm the page cache
    p50, p95 = _percentiles(lambda t: register.search(t, limit=10), queries)
    raw = sqlite3.connect(path)
    base50, base95 = _percentiles(lambda t: _like_search(raw, t), queries)
    results.append(
        Result(
            name=f"register (SQLite, {count:,} assists): search p50",
            ours=p50,
            baseline=base50,
            baseline_name="LIKE '%word%' scan p50",
            unit="query",
            note=f"p50 {_goal(p50, 0.050)}; p95 {_goal(p95, 0.200)}, LIKE p95 {_ms(base95)};"
            f" filled in {filled:.0f} s",
        )
    )
    # Keyset pages: the first page against a page deep in the list.
    depth = 20 if quick else 1000
    cursors: list[str | None] = [None]
    page = register.list(limit=50)
    while page.next_cursor is not None and len(cursors) <= depth:
        cursors.append(page.next_cursor)
        page = register.list(limit=50, cursor=page.next_cursor)
    deep = cursors[-1]
    number = 20 if quick else 100
    first = best_per_call(lambda: register.list(limit=50), number=number)
    deep_time = best_per_call(lambda: register.list(limit=50, cursor=deep), number=number)
    offset = (len(cursors) - 1) * 50
    offset_time = best_per_call(
        lambda: raw.execute(
            "SELECT id, title, state, revision, updated, start, archived FROM peer_assists"
            " WHERE archived = 0 ORDER BY updated DESC, id DESC LIMIT 50 OFFSET ?",
            (offset,),
        ).fetchall(),
        number=number,
    )
    results.append(
        Result(
            name=f"register (SQLite): keyset page {len(cursors)} of 50 vs page 1",
            ours=deep_time,
            baseline=first,
            baseline_name="page 1",
            unit="page",
            target=2.0,
            note=f"OFFSET paging at the same depth: {_ms(offset_time)}",
        )
    )
    suspects = best_per_call(lambda: register.usual_suspects(now=NOW), number=3, repeat=3)
    scan = best_per_call(
        lambda: raw.execute(
            "SELECT email, count(*) FROM peer_assists_people NOT INDEXED"
            " WHERE role = 'visitor' AND start >= ? AND state != 'cancelled'"
            " GROUP BY email HAVING count(*) > 2",
            (int(NOW.subtract(days=365).timestamp() * 1_000_000),),
        ).fetchall(),
        number=3,
        repeat=3,
    )
    results.append(
        Result(
            name="register (SQLite): usual_suspects over a year",
            ours=suspects,
            baseline=scan,
            baseline_name="the count without its index",
            unit="call",
            note=f"{_goal(suspects, 0.500)}; {len(register.usual_suspects(now=NOW))} suspects",
        )
    )
    raw.close()
    register.close()
    return results


def _postgres(url: str, count: int, quick: bool) -> list[Result]:
    register = open_register(url)
    filled = _fill(register, count)
    queries = _queries(2 if quick else 10)
    register.search(QUERIES[0])
    p50, p95 = _percentiles(lambda t: register.search(t, limit=10), queries)
    suspects = best_per_call(lambda: register.usual_suspects(now=NOW), number=3, repeat=3)
    first = best_per_call(lambda: register.list(limit=50), number=20)
    register.close()
    return [
        Result(
            name=f"register (PostgreSQL, {count:,} assists): search p50",
            ours=p50,
            baseline=first,
            baseline_name="a first list page",
            unit="query",
            note=f"p95 {_ms(p95)}; usual_suspects over a year {_ms(suspects)};"
            f" filled in {filled:.0f} s",
        )
    ]


def run(quick: bool) -> list[Result]:
    count = 2_000 if quick else 100_000
    with tempfile.TemporaryDirectory(prefix="peerassist-bench-") as folder:
        results = _sqlite(count, quick, Path(folder))
    url = os.environ.get("PEERASSIST_BENCH_POSTGRES")
    if url:
        results += _postgres(url, count, quick)
    return results
