"""Four ordinary set-ups, each planned in full: no slivers, breaks where the quarters meet.

Each expected agenda is written out by hand, one row per slot: the local
times with the zone's abbreviation, and the title.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from peerassist import load
from peerassist._time import DateTime
from peerassist.agenda import Agenda, agenda_for, plan_agenda
from peerassist.model import MeetingWindow, SocialTime
from peerassist.testing import make_assist

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def rows(agenda: Agenda) -> list[str]:
    """Each slot as ``day HH:MM-HH:MM ZONE title``."""
    return [f"{s.day} {s.start:%H:%M}-{s.end:%H:%M} {s.start.tzname()} {s.title}" for s in agenda]


def test_the_shipped_two_day_example_has_no_sliver() -> None:
    """The front-door example: a day and a morning, quarters of 135-140 minutes; lunch
    ends quarter 1 and the afternoon break quarter 2; each other break splits its
    stretch of quarter time about evenly."""
    agenda = agenda_for(load(EXAMPLES / "ed-front-door.toml"))
    assert rows(agenda) == [
        "0 16:00-16:30 GMT Pre-brief with the facilitator",
        "0 19:00-21:00 GMT Dinner",
        "1 09:00-09:30 GMT Opening: why we are here",
        "1 09:30-09:40 GMT Ground rules",
        "1 09:40-10:50 GMT Quarter 1: context",
        "1 10:50-11:05 GMT Break",
        "1 11:05-12:15 GMT Quarter 1: context (continued)",
        "1 12:15-12:55 GMT Lunch",
        "1 12:55-15:10 GMT Quarter 2: questions",
        "1 15:10-15:25 GMT Break",
        "1 15:25-17:00 GMT Quarter 3: analysis",
        "2 09:00-09:10 GMT Recap",
        "2 09:10-09:55 GMT Quarter 3: analysis (continued)",
        "2 09:55-10:40 GMT Quarter 4: feedback",
        "2 10:40-10:55 GMT Break",
        "2 10:55-12:30 GMT Quarter 4: feedback (continued)",
        "2 12:30-13:00 GMT Closing: actions and reflections",
    ]


def test_one_day_with_dinner_the_night_before_puts_every_break_between_quarters() -> None:
    """One day after a dinner (M15): each break and lunch sits where two quarters meet."""
    assist = make_assist("scheduling", now=DateTime.create(2026, 11, 2, 9, tz="Europe/London"))
    day = DateTime.create(2026, 11, 16, 9, tz="Europe/London")
    eve = DateTime.create(2026, 11, 15, 19, tz="Europe/London")
    assist.logistics = attrs.evolve(
        assist.logistics,
        windows=(MeetingWindow(start=day, end=day.at(17)),),
        social=SocialTime(kind="dinner", start=eve, end=eve.at(21)),
        pre_brief=None,
    )
    assert rows(agenda_for(assist)) == [
        "0 19:00-21:00 GMT Dinner",
        "1 09:00-09:15 GMT Opening: why we are here",
        "1 09:15-09:25 GMT Ground rules",
        "1 09:25-10:50 GMT Quarter 1: context",
        "1 10:50-11:05 GMT Break",
        "1 11:05-12:35 GMT Quarter 2: questions",
        "1 12:35-13:15 GMT Lunch",
        "1 13:15-14:45 GMT Quarter 3: analysis",
        "1 14:45-15:00 GMT Break",
        "1 15:00-16:30 GMT Quarter 4: feedback",
        "1 16:30-17:00 GMT Closing: actions and reflections",
    ]


def test_two_days_over_the_spring_forward_night_split_at_the_day_end() -> None:
    """Berlin, Saturday and Sunday 28 March 2027: quarters 1-2 on day 1, 3-4 on day 2,
    each 185 minutes, each break halving its quarter (90 + 95)."""
    start = DateTime.create(2027, 3, 27, 9, tz="Europe/Berlin")
    end = DateTime.create(2027, 3, 28, 17, tz="Europe/Berlin")
    assert rows(plan_agenda(start, end=end)) == [
        "0 16:00-16:30 CET Pre-brief with the facilitator",
        "0 19:00-21:00 CET Dinner",
        "1 09:00-09:30 CET Opening: why we are here",
        "1 09:30-09:40 CET Ground rules",
        "1 09:40-11:10 CET Quarter 1: context",
        "1 11:10-11:25 CET Break",
        "1 11:25-13:00 CET Quarter 1: context (continued)",
        "1 13:00-13:40 CET Lunch",
        "1 13:40-15:10 CET Quarter 2: questions",
        "1 15:10-15:25 CET Break",
        "1 15:25-17:00 CET Quarter 2: questions (continued)",
        "2 09:00-09:10 CEST Recap",
        "2 09:10-10:40 CEST Quarter 3: analysis",
        "2 10:40-10:55 CEST Break",
        "2 10:55-12:30 CEST Quarter 3: analysis (continued)",
        "2 12:30-13:10 CEST Lunch",
        "2 13:10-14:40 CEST Quarter 4: feedback",
        "2 14:40-14:55 CEST Break",
        "2 14:55-16:30 CEST Quarter 4: feedback (continued)",
        "2 16:30-17:00 CEST Closing: actions and reflections",
    ]


def test_a_virtual_afternoon_gets_its_break_between_quarters_two_and_three() -> None:
    """13:00-17:00 is half a day: its one break moves to the afternoon, between quarters."""
    start = DateTime.create(2027, 3, 10, 13, tz="Europe/London")
    assert rows(plan_agenda(start, end=start.at(17))) == [
        "1 13:00-13:15 GMT Coffee",
        "1 13:15-13:25 GMT Opening: why we are here",
        "1 13:25-13:35 GMT Ground rules",
        "1 13:35-14:15 GMT Quarter 1: context",
        "1 14:15-14:55 GMT Quarter 2: questions",
        "1 14:55-15:10 GMT Break",
        "1 15:10-15:50 GMT Quarter 3: analysis",
        "1 15:50-16:30 GMT Quarter 4: feedback",
        "1 16:30-17:00 GMT Closing: actions and reflections",
    ]


def test_a_half_day_preset_at_one_keeps_its_break() -> None:
    """preset='half-day' started at 13:00 still has a break, between quarters 2 and 3."""
    start = DateTime.create(2027, 3, 10, 13, tz="Europe/London")
    agenda = plan_agenda(start, preset="half-day")
    assert [r for r in rows(agenda) if "Break" in r] == ["1 14:55-15:10 GMT Break"]
    assert "1 14:15-14:55 GMT Quarter 2: questions" in rows(agenda)
