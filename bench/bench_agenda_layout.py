"""The four ordinary set-ups planned in full, against a naive pendulum split in the same run.

The set-ups are the test suite's: the shipped two-day example, a day after a
dinner, two days over Berlin's spring-forward night and a virtual afternoon.
The baseline splits the same meeting windows into four equal blocks with
pendulum arithmetic and builds a Slot per piece: no opening, breaks, grid,
tolerance or sliver checks. Goal: planning at most three times its time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs

from _harness import Result, best_per_call
from peerassist import load
from peerassist._time import DateTime
from peerassist.agenda import Agenda, Slot, SlotKind, agenda_for, plan_agenda
from peerassist.agenda._layout import clear_caches
from peerassist.model import MeetingWindow, PeerAssist, SocialTime
from peerassist.testing import make_assist

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ed-front-door.toml"


def _one_day_after_dinner() -> PeerAssist:
    assist = make_assist("scheduling", now=DateTime.create(2026, 11, 2, 9, tz="Europe/London"))
    day = DateTime.create(2026, 11, 16, 9, tz="Europe/London")
    eve = DateTime.create(2026, 11, 15, 19, tz="Europe/London")
    assist.logistics = attrs.evolve(
        assist.logistics,
        windows=(MeetingWindow(start=day, end=day.at(17)),),
        social=SocialTime(kind="dinner", start=eve, end=eve.at(21)),
        pre_brief=None,
    )
    return assist


def situations() -> list[tuple[str, Callable[[], Agenda]]]:
    """The four set-ups, each as a call that plans it."""
    shipped = load(EXAMPLE)
    dinner = _one_day_after_dinner()
    berlin = DateTime.create(2027, 3, 27, 9, tz="Europe/Berlin")
    berlin_end = DateTime.create(2027, 3, 28, 17, tz="Europe/Berlin")
    afternoon = DateTime.create(2027, 3, 10, 13, tz="Europe/London")
    return [
        ("the shipped two-day example", lambda: agenda_for(shipped)),
        ("one day after a dinner", lambda: agenda_for(dinner)),
        ("two days over the spring-forward night", lambda: plan_agenda(berlin, end=berlin_end)),
        ("a virtual afternoon", lambda: plan_agenda(afternoon, end=afternoon.at(17))),
    ]


def naive_split(windows: tuple[MeetingWindow, ...]) -> list[Slot]:
    """Four equal blocks over the windows, cut with pendulum arithmetic, a Slot per piece."""
    quarter = sum((w.end - w.start).total_seconds() for w in windows) / 4
    slots = []
    number, used = 1, 0.0
    for day, window in enumerate(windows, 1):
        cursor = window.start
        while cursor < window.end and number <= 4:
            left = quarter - used
            room = (window.end - cursor).total_seconds()
            take = min(left, room)
            end = cursor.add(seconds=int(take))
            slots.append(
                Slot(
                    start=cursor,
                    end=end,
                    kind=SlotKind.QUARTER,
                    title=f"Quarter {number}",
                    quarter=number,
                    day=day,
                )
            )
            cursor, used = end, used + take
            if used >= quarter:
                number, used = number + 1, 0.0
    return slots


def run(quick: bool) -> list[Result]:
    number = 10 if quick else 200
    cases = situations()
    plans = [plan for _, plan in cases]
    windows = [plan().windows for plan in plans]

    def ours() -> object:
        return [plan() for plan in plans]

    def ours_cold() -> object:
        clear_caches()
        return [plan() for plan in plans]

    def naive() -> object:
        return [naive_split(w) for w in windows]

    assert all(len(naive_split(w)) >= 4 for w in windows)
    baseline = best_per_call(naive, number=number)
    slots = sum(len(plan()) for plan in plans)
    return [
        Result(
            name=f"agenda layout: the four set-ups ({slots} slots in all)",
            ours=best_per_call(ours, number=number),
            baseline=baseline,
            baseline_name="a naive pendulum split into four equal blocks",
            unit="round",
            target=3.0,
        ),
        Result(
            name="agenda layout: the four set-ups, caches cleared each time",
            ours=best_per_call(ours_cold, number=number),
            baseline=baseline,
            baseline_name="a naive pendulum split into four equal blocks",
            unit="round",
            note="a first plan: the layout search and wall times worked out afresh",
        ),
    ]
