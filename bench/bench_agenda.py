"""Agenda planning, against baselines measured in the same run.

Baselines: (1) the same slot boundaries laid out with stdlib datetime at a
fixed UTC offset (a naive split: no zones, no grid, no checks); (2) building
the same Slot values from precomputed pendulum times, with no planning;
(3) for ``Agenda.in_tz``, pendulum's ``in_tz`` on every slot time; (4) for the
working-day arithmetic, a loop stepping one pendulum day at a time.

Planning is measured warm (the same meeting again: the planner's small caches
of wall times, quarter splits and checked texts hit) and cold (those caches
cleared before every call), and for an assist's own agenda (``agenda_for``,
what an invite export plans).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from _harness import Result, best_per_call
from peerassist._time import UTC, Date, DateTime, add_working_days
from peerassist.agenda import Slot, agenda_for, plan_agenda
from peerassist.agenda._layout import clear_caches
from peerassist.testing import make_assist


def _naive_split(
    start: dt.datetime, lengths: list[dt.timedelta]
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Consecutive spans of the given lengths, two days apart at the night."""
    spans = []
    cursor = start
    day_end = start.replace(hour=17)
    for length in lengths:
        if cursor >= day_end:
            cursor = cursor.replace(hour=9, minute=0) + dt.timedelta(days=1)
            day_end += dt.timedelta(days=1)
        spans.append((cursor, cursor + length))
        cursor += length
    return spans


def _day_by_day(start: Date, days: int) -> Date:
    """Working days the plain way: one pendulum day at a time."""
    current = start
    remaining = days
    while remaining:
        current = current.add(days=1)
        if current.isoweekday() < 6:
            remaining -= 1
    return current


def _rebuild(slots: Iterable[Slot]) -> list[Slot]:
    """The same Slot values built through the public constructor: no planning."""
    return [
        Slot(
            start=s.start,
            end=s.end,
            kind=s.kind,
            title=s.title,
            quarter=s.quarter,
            day=s.day,
            description=s.description,
            refs=s.refs,
            in_window=s.in_window,
        )
        for s in slots
    ]


def run(quick: bool) -> list[Result]:
    start = DateTime.create(2026, 10, 24, 9, tz="Europe/London")  # over the October change
    agenda = plan_agenda(start, preset="two-days")
    slots = [s for s in agenda if s.in_window]
    lengths = [s.end - s.start for s in slots]
    fixed = dt.datetime(2026, 10, 24, 9, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assist = make_assist("scheduling", now=DateTime.create(2026, 3, 2, 12, tz=UTC))
    own = agenda_for(assist)
    number = 20 if quick else 300

    def ours() -> object:
        return plan_agenda(start, preset="two-days")

    def ours_cold() -> object:
        clear_caches()
        return plan_agenda(start, preset="two-days")

    def naive() -> object:
        return _naive_split(fixed, lengths)

    def construct() -> object:
        return _rebuild(agenda)

    def construct_own() -> object:
        return _rebuild(own)

    def shown_elsewhere() -> object:
        return agenda.in_tz("America/New_York")

    def pendulum_in_tz() -> object:
        return [
            (s.start.in_tz("America/New_York"), s.end.in_tz("America/New_York")) for s in agenda
        ]

    monday = Date(2026, 3, 2)

    assert len(naive()) == len(slots)
    assert add_working_days(monday, 25) == _day_by_day(monday, 25)
    ours_time = best_per_call(ours, number=number)
    construct_time = best_per_call(construct, number=number)
    size = f"{len(agenda)} slots"
    return [
        Result(
            name=f"agenda: plan a two-day agenda ({size}, over a clock change)",
            ours=ours_time,
            baseline=best_per_call(naive, number=number * 20),
            baseline_name="naive fixed-offset stdlib split of the same slots",
            unit="agenda",
        ),
        Result(
            name="agenda: plan a two-day agenda",
            ours=ours_time,
            baseline=construct_time,
            baseline_name="building the same Slot values with no planning",
            unit="agenda",
            target=3.0,
        ),
        Result(
            name="agenda: plan a two-day agenda, caches cleared each time",
            ours=best_per_call(ours_cold, number=number),
            baseline=construct_time,
            baseline_name="building the same Slot values with no planning",
            unit="agenda",
            note="a first plan: wall times, quarter split and texts worked out afresh",
        ),
        Result(
            name=f"agenda: agenda_for() an assist's two days ({len(own)} slots)",
            ours=best_per_call(lambda: agenda_for(assist), number=number),
            baseline=best_per_call(construct_own, number=number),
            baseline_name="building the same Slot values with no planning",
            unit="agenda",
            target=3.0,
        ),
        Result(
            name=f"agenda: Agenda.in_tz() ({size})",
            ours=best_per_call(shown_elsewhere, number=number),
            baseline=best_per_call(pendulum_in_tz, number=number),
            baseline_name="pendulum in_tz() of every slot time",
            unit="agenda",
            target=1.0,
        ),
        Result(
            name="agenda: add_working_days(monday, 25)",
            ours=best_per_call(lambda: add_working_days(monday, 25), number=number * 20),
            baseline=best_per_call(lambda: _day_by_day(monday, 25), number=number),
            baseline_name="stepping one pendulum day at a time",
            unit="call",
            target=0.2,
        ),
    ]
