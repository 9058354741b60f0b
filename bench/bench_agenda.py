"""Planning a two-day agenda, against baselines measured in the same run.

Baselines: (1) the same slot boundaries laid out with stdlib datetime at a
fixed UTC offset (a naive split: no zones, no grid, no checks); (2) building
the same Slot values from precomputed pendulum times, with no planning.
"""

from __future__ import annotations

import datetime as dt

from _harness import Result, best_per_call
from peerassist._time import DateTime
from peerassist.agenda import Slot, plan_agenda


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


def run(quick: bool) -> list[Result]:
    start = DateTime.create(2026, 10, 24, 9, tz="Europe/London")  # over the October change
    agenda = plan_agenda(start, preset="two-days")
    slots = [s for s in agenda if s.in_window]
    lengths = [s.end - s.start for s in slots]
    fixed = dt.datetime(2026, 10, 24, 9, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    number = 20 if quick else 300

    def ours() -> object:
        return plan_agenda(start, preset="two-days")

    def naive() -> object:
        return _naive_split(fixed, lengths)

    def construct() -> object:
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
            for s in agenda
        ]

    assert len(naive()) == len(slots)
    ours_time = best_per_call(ours, number=number)
    return [
        Result(
            name=f"agenda: plan a two-day agenda ({len(agenda)} slots, over a clock change)",
            ours=ours_time,
            baseline=best_per_call(naive, number=number * 20),
            baseline_name="naive fixed-offset stdlib split of the same slots",
            unit="agenda",
        ),
        Result(
            name="agenda: plan a two-day agenda",
            ours=ours_time,
            baseline=best_per_call(construct, number=number),
            baseline_name="building the same Slot values with no planning",
            unit="agenda",
        ),
    ]
