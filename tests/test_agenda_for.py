"""agenda_for: an assist's own windows, social time and pre-brief laid out."""

from __future__ import annotations

import attrs
import pytest

from peerassist._time import UTC, DateTime, duration
from peerassist.agenda import SlotKind, agenda_for
from peerassist.exceptions import AgendaError, InputError
from peerassist.model import MeetingWindow, SocialTime
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 10, 12, 12, tz="UTC")


def _at(day: int, hour: int, minute: int = 0, month: int = 10) -> DateTime:
    return DateTime.create(2026, month, day, hour, minute, tz="Europe/London")


def test_windows_social_and_pre_brief_of_the_assist() -> None:
    """The assist's two windows hold the quarters; its dinner and pre-brief come the day before."""
    assist = make_assist("scheduling", now=NOW)
    agenda = agenda_for(assist)
    logistics = assist.logistics
    assert [(w.start, w.end) for w in logistics.windows] == [
        (w.start, w.end) for w in agenda.windows
    ]
    windows_total = sum(w.length for w in logistics.windows)
    assert windows_total == agenda.total.total_seconds()
    before = agenda.days[0]
    assert [s.kind for s in before] == [SlotKind.PRE_BRIEF, SlotKind.SOCIAL]
    assert logistics.pre_brief is not None
    assert logistics.pre_brief.start.in_tz(UTC) == before.slots[0].start.in_tz(UTC)
    assert before.slots[1].title == "Dinner"
    totals = [q.total_seconds() for q in agenda.quarter_totals().values()]
    assert max(totals) - min(totals) <= 300
    assert sorted({s.day for s in agenda if s.in_window}) == [1, 2]


def test_ground_rules_come_from_the_assist() -> None:
    """The ground-rules slot lists the assist's own ground rules (M16)."""
    assist = make_assist("scheduling", now=NOW)
    assist.logistics = attrs.evolve(assist.logistics, ground_rules=("No phones.", "Be kind."))
    slot = next(s for s in agenda_for(assist) if s.kind == SlotKind.GROUND_RULES)
    assert slot.description == "No phones. Be kind."


def test_coffee_at_the_window_start_comes_before_the_opening() -> None:
    """Social time starting with the first window is laid out before the opening."""
    assist = make_assist("scheduling", now=NOW)
    first = assist.logistics.windows[0].start
    coffee = SocialTime(kind="coffee", start=first, end=first.add(minutes=20))
    assist.logistics = attrs.evolve(assist.logistics, social=coffee, pre_brief=None)
    agenda = agenda_for(assist)
    assert [s.kind for s in agenda.slots[:2]] == [SlotKind.SOCIAL, SlotKind.OPENING]
    assert duration(minutes=20) == agenda.slots[0].length
    assert agenda.slots[0].title == "Coffee"


def test_social_time_inside_a_window_is_a_block_at_its_time() -> None:
    """Social time in the middle of a window is kept at its own time."""
    assist = make_assist("scheduling", now=NOW)
    day = assist.logistics.windows[0].start
    lunch = SocialTime(kind="lunch together", start=day.at(12, 0), end=day.at(13, 0))
    assist.logistics = attrs.evolve(assist.logistics, social=lunch)
    # A lunch pinned at noon needs quarters up to 15 minutes apart here.
    agenda = agenda_for(assist, lunch=None, tolerance=duration(minutes=15))
    social = [s for s in agenda if s.kind == SlotKind.SOCIAL]
    assert len(social) == 1
    assert f"{social[0].start:%H:%M}-{social[0].end:%H:%M}" == "12:00-13:00"


def test_social_time_across_a_window_edge_is_refused() -> None:
    """Social time half inside a window is an error naming logistics.social."""
    assist = make_assist("scheduling", now=NOW)
    day = assist.logistics.windows[0].start
    odd = SocialTime(kind="coffee", start=day.at(8, 30), end=day.at(9, 30))
    assist.logistics = attrs.evolve(assist.logistics, social=odd)
    with pytest.raises(AgendaError, match=r"logistics\.social"):
        agenda_for(assist)


def test_an_assist_without_windows_is_refused() -> None:
    """No windows: AgendaError naming logistics.windows."""
    assist = make_assist("research", now=NOW)
    assist.logistics = attrs.evolve(assist.logistics, windows=())
    with pytest.raises(AgendaError, match=r"logistics\.windows"):
        agenda_for(assist)


def test_a_window_off_the_grid_is_refused() -> None:
    """A window starting at 09:07 is off the 5-minute grid: InputError with its path."""
    assist = make_assist("scheduling", now=NOW)
    windows = assist.logistics.windows
    moved = MeetingWindow(start=windows[0].start.add(minutes=7), end=windows[0].end)
    assist.logistics = attrs.evolve(assist.logistics, windows=(moved, *windows[1:]))
    with pytest.raises(InputError) as info:
        agenda_for(assist)
    assert info.value.paths == ("logistics.windows[0].start",)


def test_a_window_too_small_is_refused_with_its_path() -> None:
    """A 20-minute single window cannot hold the fixed blocks."""
    assist = make_assist("scheduling", now=NOW)
    start = assist.logistics.windows[0].start
    tiny = MeetingWindow(start=start, end=start.add(minutes=20))
    assist.logistics = attrs.evolve(assist.logistics, windows=(tiny,), social=None, pre_brief=None)
    with pytest.raises(AgendaError, match=r"logistics\.windows\[0\]: expected a window"):
        agenda_for(assist, preset="one-day")


def test_a_clinic_assist_uses_the_clinic_layout() -> None:
    """A one-hour window with the clinic preset gives four ten-minute quarters."""
    assist = make_assist("scheduling", now=NOW)
    start = assist.logistics.windows[0].start.at(14, 0)
    window = MeetingWindow(start=start, end=start.add(hours=1))
    assist.logistics = attrs.evolve(
        assist.logistics, windows=(window,), social=None, pre_brief=None
    )
    agenda = agenda_for(assist, preset="virtual-clinic")
    assert {q: duration(minutes=10) for q in (1, 2, 3, 4)} == agenda.quarter_totals()
    assert _at(26, 15).in_tz(UTC) == agenda.end.in_tz(UTC)
