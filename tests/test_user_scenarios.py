"""Scenarios written as users wrote them, each once a defect: a half day and a
two-hour online meeting get agendas that fit them, and the length rule (M08)
agrees with the library's own agendas."""

from __future__ import annotations

import attrs
import pytest

from peerassist import agenda_for, plan_agenda, validate
from peerassist.model import MeetingWindow
from peerassist.testing import make_assist
from peerassist.time import DateTime

NOW = DateTime.create(2027, 2, 1, 9, tz="UTC")


def _one_window(profile: str | None, start: tuple[int, int], end: tuple[int, int]) -> object:
    assist = make_assist("scheduling", now=NOW)
    day = assist.logistics.windows[0].start
    window = MeetingWindow(
        start=day.set(hour=start[0], minute=start[1]), end=day.set(hour=end[0], minute=end[1])
    )
    assist.logistics = attrs.evolve(
        assist.logistics, windows=(window,), social=None, pre_brief=None
    )
    assist.profile = profile
    return assist


def _m08(assist: object) -> list[str]:
    return [f.code for f in validate(assist, now=NOW).findings if f.code.startswith("PA-M08")]


def test_a_morning_half_day_gets_the_half_day_layout_and_no_length_warning() -> None:
    """09:00-13:00 on the default profile: coffee, one break, 40-minute quarters;
    M08 counts 3 h 30 min of meeting time (no coffee, no break): within bounds."""
    assist = _one_window(None, (9, 0), (13, 0))
    rows = [(s.title, s.start.format("HH:mm"), s.end.format("HH:mm")) for s in agenda_for(assist)]
    assert rows == [
        ("Coffee", "09:00", "09:15"),
        ("Opening: why we are here", "09:15", "09:25"),
        ("Ground rules", "09:25", "09:35"),
        ("Quarter 1: context", "09:35", "10:15"),
        ("Quarter 2: questions", "10:15", "10:55"),
        ("Break", "10:55", "11:10"),
        ("Quarter 3: analysis", "11:10", "11:50"),
        ("Quarter 4: feedback", "11:50", "12:30"),
        ("Closing: actions and reflections", "12:30", "13:00"),
    ]
    assert _m08(assist) == []


@pytest.mark.parametrize("profile", ["virtual", None])
def test_a_two_hour_online_meeting_gets_the_short_layout(profile: str | None) -> None:
    """14:00-16:00: no coffee or break eating a third of the time, 25-minute quarters."""
    assist = _one_window(profile, (14, 0), (16, 0))
    quarters = [
        (s.start.format("HH:mm"), s.end.format("HH:mm")) for s in agenda_for(assist) if s.quarter
    ]
    assert quarters == [
        ("14:15", "14:40"),
        ("14:40", "15:05"),
        ("15:05", "15:30"),
        ("15:30", "15:55"),
    ]


def test_the_length_rule_accepts_a_two_hour_meeting_on_the_virtual_profile_only() -> None:
    """Two hours is within the virtual format (90 min to 4 h), not the default
    format's half a day: the warning names the format and its bounds."""
    assert _m08(_one_window("virtual", (14, 0), (16, 0))) == []
    assist = _one_window(None, (14, 0), (16, 0))
    messages = [
        f.message for f in validate(assist, now=NOW).findings if f.code.startswith("PA-M08")
    ]
    assert messages == [
        "The meeting takes 1 h 55 min of meeting time (breaks, lunch and social time left out);"
        " the bp-nhs format asks for 3 h to 16 h."
    ]


@pytest.mark.parametrize(
    ("start", "end"), [((8, 30), (12, 30)), ((16, 0), (17, 15)), ((8, 0), (18, 0))]
)
def test_an_explicit_start_and_end_set_the_day(
    start: tuple[int, int], end: tuple[int, int]
) -> None:
    """plan_agenda(start, end=...) on one day lays the meeting out from start to
    end even outside the preset's 09:00-17:00, as agenda_for does for a file."""
    first = DateTime.create(2027, 3, 10, *start, tz="Europe/Madrid")
    last = DateTime.create(2027, 3, 10, *end, tz="Europe/Madrid")
    agenda = plan_agenda(first, end=last)
    slots = list(agenda)
    assert (slots[0].start, slots[-1].end) == (first, last)
    assert [s.quarter for s in slots if s.quarter] == [1, 2, 3, 4]
