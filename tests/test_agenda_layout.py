"""lay_out: the fixed blocks, the pauses' windows and the quarters in the day windows."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from peerassist._time import DateTime, duration
from peerassist.agenda import (
    Agenda,
    Pause,
    Preset,
    SlotKind,
    _instants,
    _slots,
    _solve,
    plan_agenda,
)
from peerassist.agenda._layout import Block, DaySpan, Placed, clear_caches, lay_out, ts
from peerassist.agenda._slots import planned_slot
from peerassist.exceptions import AgendaError

LONDON = "Europe/London"

# Opening 15 min, ground rules 10 min, closing 30 min; no social time, no pauses.
BARE = Preset(
    name="bare", title="Bare", length=duration(minutes=75), social=None, breaks=(), lunch=None
)


def _at(day: int, hour: int, minute: int = 0) -> DateTime:
    return DateTime.create(2026, 3, day, hour, minute, tz=LONDON)


def _rows(agenda: Agenda) -> list[tuple[str, str, int | None]]:
    return [(f"{s.start:%H:%M}-{s.end:%H:%M}", s.kind.value, s.quarter) for s in agenda]


def _bare_day(*inside: Block) -> Agenda:
    """The bare preset from 09:00 to 17:00 on 10 March, with blocks that must fit."""
    span = DaySpan(_at(10, 9), _at(10, 17), "window")
    return lay_out([span], BARE, LONDON, social_at_start=False, rules=(), inside=inside)


def _coffee(start: DateTime, end: DateTime, path: str = "social") -> Block:
    return Block(start=start, end=end, kind=SlotKind.SOCIAL, title="Coffee", path=path)


def test_clear_caches_forgets_wall_times_layouts_and_texts() -> None:
    """After planning, the wall times, the solver's layouts and the checked texts
    are cached; clear_caches() empties each of them."""
    plan_agenda(_at(10, 9))
    assert _instants._local.cache_info().currsize > 0
    assert _solve._solve.cache_info().currsize > 0
    assert _slots._GOOD_TITLES
    clear_caches()
    assert _instants._local.cache_info().currsize == 0
    assert _solve._solve.cache_info().currsize == 0
    assert _solve._place_day.cache_info().currsize == 0
    assert not _slots._GOOD_TITLES


def test_four_steps_of_quarter_time_make_four_one_step_quarters() -> None:
    """09:00-10:15 with 25 min of opening blocks and a 30-minute closing leaves
    20 min, four 5-minute steps: one step per quarter. Five minutes less is
    refused, naming the window and both amounts."""
    span = DaySpan(_at(10, 9), _at(10, 10, 15), "window")
    agenda = lay_out([span], BARE, LONDON, social_at_start=False, rules=())
    assert _rows(agenda) == [
        ("09:00-09:15", "opening", None),
        ("09:15-09:25", "ground_rules", None),
        ("09:25-09:30", "quarter", 1),
        ("09:30-09:35", "quarter", 2),
        ("09:35-09:40", "quarter", 3),
        ("09:40-09:45", "quarter", 4),
        ("09:45-10:15", "closing", None),
    ]
    short = DaySpan(_at(10, 9), _at(10, 10, 10), "window")
    with pytest.raises(AgendaError) as info:
        lay_out([short], BARE, LONDON, social_at_start=False, rules=())
    assert str(info.value) == (
        "window: expected at least 20 min left for the four quarters after the"
        " fixed blocks and pauses, found 15 min"
    )


def test_a_fixed_block_of_no_length_gets_no_slot() -> None:
    """Ground rules of zero minutes: the quarters start when the opening ends."""
    agenda = plan_agenda(_at(10, 9), ground_rules=duration())
    assert _rows(agenda)[:2] == [("09:00-09:15", "social", None), ("09:15-09:30", "opening", None)]
    assert (agenda.slots[2].kind, f"{agenda.slots[2].start:%H:%M}") == (SlotKind.QUARTER, "09:30")
    assert SlotKind.GROUND_RULES not in {s.kind for s in agenda}


def test_a_last_day_too_short_for_the_recap_and_closing_is_refused() -> None:
    """A second day of 09:00-09:30 cannot hold its 10-minute recap and the
    30-minute closing: the error names the day, both blocks, the 40 min
    needed and the 30 min found."""
    with pytest.raises(AgendaError) as info:
        plan_agenda(_at(10, 9), end=_at(11, 9, 30))
    assert str(info.value) == (
        "day_window (day 2, 2026-03-11): expected a window of at least 40 min for"
        " the fixed blocks (recap, closing), found 30 min"
        " (2026-03-11T09:00:00+00:00 to 2026-03-11T09:30:00+00:00)"
    )


def test_too_little_quarter_time_over_several_days_names_the_first_and_last() -> None:
    """Three days of 09:00-09:45 on a 15-minute grid leave 0, 30 and 0 min of
    quarter time: under the hour four steps need; the error names days 1 to 3."""
    with pytest.raises(AgendaError) as info:
        plan_agenda(
            _at(10, 9),
            end=_at(12, 9, 45),
            day_window=(dt.time(9), dt.time(9, 45)),
            step=duration(minutes=15),
            ground_rules=duration(minutes=15),
            recap=duration(minutes=15),
            tolerance=duration(minutes=15),
            min_piece=duration(minutes=15),
            breaks=(),
            lunch=None,
        )
    assert str(info.value) == (
        "day_window (day 1, 2026-03-10)..day_window (day 3, 2026-03-12): expected at"
        " least 1 h left for the four quarters after the fixed blocks and pauses,"
        " found 30 min"
    )


def test_a_break_whose_window_leaves_no_room_after_the_opening_is_left_out() -> None:
    """A break that must end by 10:00 would start by 09:45, but the opening
    blocks end at 09:40 and a quarter piece needs 20 min: the day has no break."""
    agenda = plan_agenda(
        _at(10, 9),
        breaks=(Pause(length=duration(minutes=15), earliest=dt.time(9), latest=dt.time(10)),),
        lunch=None,
    )
    assert SlotKind.BREAK not in {s.kind for s in agenda}
    assert [s.quarter for s in agenda if s.kind == SlotKind.QUARTER] == [1, 2, 3, 4]


def test_a_pause_window_in_hours_and_minutes_is_kept() -> None:
    """A 30-minute break between 10:30 and 11:00 can only be 10:30-11:00."""
    agenda = plan_agenda(
        _at(10, 9),
        breaks=(Pause(length=duration(minutes=30), earliest=dt.time(10, 30), latest=dt.time(11)),),
        lunch=None,
        tolerance=duration(minutes=30),
    )
    breaks = [(f"{s.start:%H:%M}", f"{s.end:%H:%M}") for s in agenda if s.kind == SlotKind.BREAK]
    assert breaks == [("10:30", "11:00")]


def test_a_pause_window_up_to_midnight_lasts_to_the_days_end() -> None:
    """A break allowed from 15:00 to midnight is placed that afternoon,
    between 15:00 and the last 20-minute piece before the 16:30 closing."""
    agenda = plan_agenda(
        _at(10, 9),
        breaks=(Pause(length=duration(minutes=15), earliest=dt.time(15), latest=dt.time(0)),),
        lunch=None,
    )
    (pause,) = [s for s in agenda if s.kind == SlotKind.BREAK]
    assert _at(10, 15) <= pause.start
    assert pause.end <= _at(10, 16, 10)


def test_a_required_block_must_lie_between_the_opening_blocks_and_the_closing() -> None:
    """With the opening blocks until 09:25 and the closing from 16:30, coffee
    at 09:25-09:45 or 16:10-16:30 is laid out as given; coffee starting at
    09:20 or ending at 16:40 is refused, naming its path and the free time."""
    early = _bare_day(_coffee(_at(10, 9, 25), _at(10, 9, 45)))
    assert ("09:25-09:45", "social", None) in _rows(early)
    late = _bare_day(_coffee(_at(10, 16, 10), _at(10, 16, 30)))
    assert ("16:10-16:30", "social", None) in _rows(late)
    with pytest.raises(AgendaError) as info:
        _bare_day(_coffee(_at(10, 9, 20), _at(10, 9, 40)))
    assert str(info.value) == (
        "social: expected a time inside the meeting window between"
        " 2026-03-10T09:25:00+00:00 and 2026-03-10T16:30:00+00:00 (after the"
        " opening blocks, before the closing), found 2026-03-10T09:20:00+00:00 to"
        " 2026-03-10T09:40:00+00:00"
    )
    with pytest.raises(AgendaError, match=r"^social: expected a time inside"):
        _bare_day(_coffee(_at(10, 16, 20), _at(10, 16, 40)))


def test_required_blocks_may_not_overlap() -> None:
    """Coffee 12:00-12:30 and another at 12:15-12:45 overlap: the second is
    refused by its path. At 12:00-12:30 and 13:00-13:30 both are laid out."""
    with pytest.raises(AgendaError) as info:
        _bare_day(
            _coffee(_at(10, 12), _at(10, 12, 30), "first"),
            _coffee(_at(10, 12, 15), _at(10, 12, 45), "second"),
        )
    assert str(info.value) == "second: expected a time that overlaps no other block"
    apart = _bare_day(
        _coffee(_at(10, 12), _at(10, 12, 30), "first"),
        _coffee(_at(10, 13), _at(10, 13, 30), "second"),
    )
    social = [r for r in _rows(apart) if r[1] == "social"]
    assert social == [("12:00-12:30", "social", None), ("13:00-13:30", "social", None)]


def test_blocks_that_touch_are_not_called_overlapping() -> None:
    """Coffee 12:00-12:30 then 12:30-13:00 share only an instant. Two blocks
    back to back leave no quarter time between them, which the layout search
    does not allow, so they are refused; but not as overlapping."""
    with pytest.raises(AgendaError) as info:
        _bare_day(
            _coffee(_at(10, 12), _at(10, 12, 30), "first"),
            _coffee(_at(10, 12, 30), _at(10, 13), "second"),
        )
    assert "overlaps" not in str(info.value)
    with pytest.raises(AgendaError) as info:
        _bare_day(
            _coffee(_at(10, 12, 30), _at(10, 13), "first"),
            _coffee(_at(10, 12), _at(10, 12, 30), "second"),
        )
    assert "overlaps" not in str(info.value)


def _refusal(preset: Preset, end: DateTime, *inside: Block) -> str:
    """The error for ``preset`` from 09:00 to ``end`` on 10 March."""
    span = DaySpan(_at(10, 9), end, "window")
    with pytest.raises(AgendaError) as info:
        lay_out([span], preset, LONDON, social_at_start=False, rules=(), inside=inside)
    return str(info.value)


def _no_layout(tolerance: str, min_piece: str, total: str) -> str:
    return (
        f"window: expected a layout of the four quarters within {tolerance} of each"
        f" other, with no piece of a quarter shorter than {min_piece} (min_piece)"
        " beside a break, lunch or a day's end, and every pause inside its window;"
        f" found none for {total} of quarter time. "
    )


def test_quarters_that_cannot_be_equal_suggest_the_next_tolerance() -> None:
    """25 min of quarter time (09:25-09:50) cannot make four equal quarters on
    the 5-minute grid: 5, 5, 5 and 10 min is the closest. With a tolerance of
    0 the fix is a tolerance of one step, 5 min; there is no pause to move and
    no piece to shorten."""
    preset = attrs.evolve(BARE, tolerance=duration())
    assert _refusal(preset, _at(10, 10, 20)) == _no_layout("0 min", "20 min", "25 min") + (
        "To fix it, raise the tolerance to 5 min; or change the meeting's length."
    )


def test_a_short_stretch_before_a_fixed_block_suggests_the_tolerance_it_forces() -> None:
    """Opening blocks to 09:25, coffee 09:30-09:50, closing from 10:55: 5 min of
    quarter time before the coffee, 65 after. With min_piece 15 the first 5 min
    must be all of quarter 1, and 65 min make at best 20, 20 and 25: a spread
    of 20 min, twice the tolerance of 10, is the fix. A min_piece of 10 still
    forces that; 5 lets quarter 1 run on past the coffee (e.g. 15, 15, 20, 20)."""
    preset = attrs.evolve(BARE, min_piece=duration(minutes=15), tolerance=duration(minutes=10))
    coffee = _coffee(_at(10, 9, 30), _at(10, 9, 50))
    assert _refusal(preset, _at(10, 11, 25), coffee) == _no_layout(
        "10 min", "15 min", "1 h 10 min"
    ) + (
        "To fix it, raise the tolerance to 20 min; or lower min_piece to 5 min;"
        " or change the meeting's length."
    )


def test_a_tolerance_beyond_twice_the_given_one_is_not_suggested() -> None:
    """As above with 80 min after the coffee: 25, 25 and 30 next to the 5-minute
    quarter 1 spread 25 min, more than twice the tolerance of 10, so only the
    smaller min_piece is suggested."""
    preset = attrs.evolve(BARE, min_piece=duration(minutes=15), tolerance=duration(minutes=10))
    coffee = _coffee(_at(10, 9, 30), _at(10, 9, 50))
    assert _refusal(preset, _at(10, 11, 40), coffee) == _no_layout(
        "10 min", "15 min", "1 h 25 min"
    ) + ("To fix it, lower min_piece to 5 min; or change the meeting's length.")


def test_a_pinned_break_suggests_the_largest_min_piece_that_fits_once() -> None:
    """80 min of quarter time with a 10-minute break pinned at 09:55, 30 min
    after the opening blocks end: four 20-minute quarters put the break 10 min
    into quarter 2. With min_piece 20 or 15 that piece is too short, at 10 it
    fits (and a tolerance of 5 does not help: quarter 2 would need 40 min).
    The break free to move fits too."""
    pinned = Pause(length=duration(minutes=10), earliest=dt.time(9, 55), latest=dt.time(10, 5))
    preset = attrs.evolve(
        BARE, tolerance=duration(), min_piece=duration(minutes=20), breaks=(pinned,)
    )
    assert _refusal(preset, _at(10, 11, 25)) == _no_layout("0 min", "20 min", "1 h 20 min") + (
        "To fix it, lower min_piece to 10 min; or widen the breaks' and lunch's"
        " windows (earliest, latest); or change the meeting's length."
    )


def test_two_breaks_wanting_the_same_time_suggest_wider_windows_only() -> None:
    """One 10-minute break must start at 10:00, the other between 10:00 and
    10:05: they cannot both fit, whatever the tolerance or min_piece; free to
    move, they fit in the 100 min of quarter time."""
    breaks = (
        Pause(length=duration(minutes=10), earliest=dt.time(10), latest=dt.time(10, 10)),
        Pause(length=duration(minutes=10), earliest=dt.time(10), latest=dt.time(10, 15)),
    )
    preset = attrs.evolve(
        BARE, tolerance=duration(minutes=5), min_piece=duration(minutes=10), breaks=breaks
    )
    assert _refusal(preset, _at(10, 11, 55)) == _no_layout("5 min", "10 min", "1 h 40 min") + (
        "To fix it, widen the breaks' and lunch's windows (earliest, latest);"
        " or change the meeting's length."
    )


def test_blocks_back_to_back_have_no_single_fix() -> None:
    """Coffee 12:00-12:30 then 12:30-13:00 leave no quarter time between them;
    both are fixed, so no tolerance, min_piece or pause window helps."""
    first = _coffee(_at(10, 12), _at(10, 12, 30), "first")
    second = _coffee(_at(10, 12, 30), _at(10, 13), "second")
    assert _refusal(BARE, _at(10, 17), first, second) == _no_layout(
        "5 min", "20 min", "6 h 5 min"
    ) + (
        "No single change of the tolerance, min_piece or the pauses' windows is"
        " enough: change the meeting's length, its fixed blocks or its pauses."
    )


def test_pauses_opening_together_go_in_the_order_of_their_windows_ends() -> None:
    """Two 10-minute breaks may both start at 10:00; 'Pinned' must end by 10:10,
    'Loose' by 12:00. Listed loose first, they are still laid out pinned first:
    Pinned at 10:00-10:10, then Loose later in its window."""
    preset = attrs.evolve(
        BARE,
        breaks=(
            Pause(
                length=duration(minutes=10), earliest=dt.time(10), latest=dt.time(12), title="Loose"
            ),
            Pause(
                length=duration(minutes=10),
                earliest=dt.time(10),
                latest=dt.time(10, 10),
                title="Pinned",
            ),
        ),
    )
    agenda = lay_out(
        [DaySpan(_at(10, 9), _at(10, 17), "window")],
        preset,
        LONDON,
        social_at_start=False,
        rules=(),
    )
    pinned, loose = [s for s in agenda if s.kind == SlotKind.BREAK]
    assert (pinned.title, f"{pinned.start:%H:%M}", f"{pinned.end:%H:%M}") == (
        "Pinned",
        "10:00",
        "10:10",
    )
    assert loose.title == "Loose"
    assert (pinned.description, pinned.refs, loose.description, loose.refs) == ("", (), "", ())
    assert _at(10, 10, 10) < loose.start
    assert loose.end <= _at(10, 12)


def test_a_block_given_no_description_gets_a_slot_without_one() -> None:
    """A required block built with only its times, kind and title is laid out
    with an empty description and no method references."""
    (coffee,) = [s for s in _bare_day(_coffee(_at(10, 12), _at(10, 12, 30))) if s.title == "Coffee"]
    assert (coffee.description, coffee.refs) == ("", ())


def test_the_suggested_tolerance_measures_unequal_quarters_from_their_shares() -> None:
    """Quarters meant as 4:4:4:5 shares of the 70 min left around coffee at
    09:30-09:50 (targets of about 16.5, 16.5, 16.5 and 20.6 min). With min_piece
    15, quarter 1 must be the 5 min before the coffee; 5, 20, 20 and 25 min is
    then the closest, about 15.9 min from even shares (270/17), which on the
    5-minute grid needs a tolerance of 20 min. With min_piece 5, 15, 15, 20
    and 20 min are within 5 min of their shares."""
    preset = attrs.evolve(
        BARE,
        min_piece=duration(minutes=15),
        tolerance=duration(minutes=10),
        quarters=(4, 4, 4, 5),
    )
    coffee = _coffee(_at(10, 9, 30), _at(10, 9, 50))
    assert _refusal(preset, _at(10, 11, 25), coffee) == _no_layout(
        "10 min", "15 min", "1 h 10 min"
    ) + (
        "To fix it, raise the tolerance to 20 min; or lower min_piece to 5 min;"
        " or change the meeting's length."
    )


def test_slots_outside_the_windows_are_ordered_by_start_then_end() -> None:
    """Slots laid out before the meeting keep their times and are put in order
    of start, then of end, even when they overlap: 17:00-18:00 before
    17:00-20:00 before 18:00-19:00 on the eve, then the opening at 09:00."""

    def outside(start: DateTime, end: DateTime, title: str) -> Placed:
        slot = planned_slot(start, end, SlotKind.SOCIAL, title, 0)
        return (ts(start), ts(end), slot)

    eve = [
        outside(_at(9, 18), _at(9, 19), "Short"),
        outside(_at(9, 17), _at(9, 20), "Long"),
        outside(_at(9, 17), _at(9, 18), "Early"),
    ]
    span = DaySpan(_at(10, 9), _at(10, 17), "window")
    agenda = lay_out([span], BARE, LONDON, social_at_start=False, rules=(), outside=eve)
    assert [(s.title, f"{s.start:%d %H:%M}-{s.end:%H:%M}") for s in agenda.slots[:4]] == [
        ("Early", "09 17:00-18:00"),
        ("Long", "09 17:00-20:00"),
        ("Short", "09 18:00-19:00"),
        ("Opening: why we are here", "10 09:00-09:15"),
    ]


def test_a_first_day_too_short_names_its_blocks_by_the_start_of_their_titles() -> None:
    """09:00-09:45 cannot hold the 15-minute opening, 10 minutes of ground rules
    and the 30-minute closing: 55 min. The blocks are named by their titles up
    to the colon ('Opening: why we are here' is 'opening')."""
    span = DaySpan(_at(10, 9), _at(10, 9, 45), "window")
    with pytest.raises(AgendaError) as info:
        lay_out([span], BARE, LONDON, social_at_start=False, rules=())
    assert str(info.value) == (
        "window: expected a window of at least 55 min for the fixed blocks"
        " (opening, ground rules, closing), found 45 min"
        " (2026-03-10T09:00:00+00:00 to 2026-03-10T09:45:00+00:00)"
    )


def test_a_block_touching_where_two_windows_meet_belongs_to_its_own_window() -> None:
    """Windows 09:00-13:00 and 13:00-17:00 with no recap: coffee 12:30-13:00
    ends the first and coffee 13:00-13:30 opens the second. Each is laid out
    in its own window (day 1 and day 2), not refused by the window it only
    touches."""
    preset = attrs.evolve(BARE, recap=duration())
    spans = [
        DaySpan(_at(10, 9), _at(10, 13), "morning"),
        DaySpan(_at(10, 13), _at(10, 17), "after"),
    ]
    late = _coffee(_at(10, 12, 30), _at(10, 13), "late")
    early = _coffee(_at(10, 13), _at(10, 13, 30), "early")
    agenda = lay_out(spans, preset, LONDON, social_at_start=False, rules=(), inside=(late, early))
    coffees = [(s.day, f"{s.start:%H:%M}-{s.end:%H:%M}") for s in agenda if s.title == "Coffee"]
    assert coffees == [(1, "12:30-13:00"), (2, "13:00-13:30")]


def _breaks(preset: Preset, start: DateTime, end: DateTime) -> list[tuple[str, str, str]]:
    span = DaySpan(start, end, "window")
    agenda = lay_out([span], preset, LONDON, social_at_start=False, rules=())
    return [
        (s.title, f"{s.start:%H:%M}", f"{s.end:%H:%M}") for s in agenda if s.kind == SlotKind.BREAK
    ]


def test_a_pause_that_cannot_fit_does_not_drop_the_ones_after_it() -> None:
    """'Early' must end by 09:30, before the opening blocks end at 09:25 plus a
    20-minute piece: it is left out. 'Later', between 11:00 and 11:30, is still
    laid out, at 11:00-11:30."""
    preset = attrs.evolve(
        BARE,
        tolerance=duration(minutes=30),
        breaks=(
            Pause(length=duration(minutes=15), latest=dt.time(9, 30), title="Early"),
            Pause(
                length=duration(minutes=30),
                earliest=dt.time(11),
                latest=dt.time(11, 30),
                title="Later",
            ),
        ),
    )
    assert _breaks(preset, _at(10, 9), _at(10, 17)) == [("Later", "11:00", "11:30")]


def test_a_pause_with_a_preferred_time_takes_the_nearest_boundary() -> None:
    """A 10-minute break allowed anywhere from 09:00 to 17:00 but preferring
    10:00: the 415 min of quarter time make quarters of 100 and three of 105
    min from 09:25, and a pause goes on a quarter boundary first, so it takes
    the one nearest 10:00, 11:05 (without a preference: the middle one)."""
    wide = Pause(
        length=duration(minutes=10), earliest=dt.time(9), latest=dt.time(17), at=dt.time(10)
    )
    preset = attrs.evolve(BARE, breaks=(wide,))
    assert _breaks(preset, _at(10, 9), _at(10, 17)) == [("Break", "11:05", "11:15")]


def test_a_pause_window_up_to_midnight_ends_at_that_midnight() -> None:
    """In a window from 20:00 to 02:00 the next morning, a 30-minute break
    between 23:30 and midnight can only be 23:30-00:00: midnight is the end
    of the window's first day, not one hour or one day later."""
    preset = attrs.evolve(
        BARE,
        breaks=(Pause(length=duration(minutes=30), earliest=dt.time(23, 30), latest=dt.time(0)),),
    )
    assert _breaks(preset, _at(10, 20), _at(11, 2)) == [("Break", "23:30", "00:00")]


def test_no_closing_slot_without_closing_time() -> None:
    """With a closing of zero minutes, 09:00-09:45 holds the opening blocks
    and four 5-minute quarters to the end: no empty closing slot."""
    preset = attrs.evolve(BARE, closing=duration())
    span = DaySpan(_at(10, 9), _at(10, 9, 45), "window")
    agenda = lay_out([span], preset, LONDON, social_at_start=False, rules=())
    assert _rows(agenda) == [
        ("09:00-09:15", "opening", None),
        ("09:15-09:25", "ground_rules", None),
        ("09:25-09:30", "quarter", 1),
        ("09:30-09:35", "quarter", 2),
        ("09:35-09:40", "quarter", 3),
        ("09:40-09:45", "quarter", 4),
    ]


def test_a_fixed_block_comes_before_a_pause_whose_window_opens_with_it() -> None:
    """Coffee is fixed at 10:00-10:30 and a 10-minute break may start from
    10:00 until 11:50: the coffee keeps 10:00 and the break comes after it."""
    preset = attrs.evolve(
        BARE, breaks=(Pause(length=duration(minutes=10), earliest=dt.time(10), latest=dt.time(12)),)
    )
    span = DaySpan(_at(10, 9), _at(10, 17), "window")
    coffee = _coffee(_at(10, 10), _at(10, 10, 30))
    agenda = lay_out([span], preset, LONDON, social_at_start=False, rules=(), inside=(coffee,))
    (social,) = [s for s in agenda if s.kind == SlotKind.SOCIAL]
    (pause,) = [s for s in agenda if s.kind == SlotKind.BREAK]
    assert (f"{social.start:%H:%M}", f"{social.end:%H:%M}") == ("10:00", "10:30")
    assert _at(10, 10, 30) < pause.start
    assert pause.end <= _at(10, 12)


def test_two_late_breaks_wanting_the_same_time_suggest_wider_windows() -> None:
    """As above an hour later: one break must start at 11:00, the other between
    11:00 and 11:05, 95 min into the 120 min of free time. Free to move anywhere
    in the day, they fit: the suggestion does not depend on where the windows were."""
    breaks = (
        Pause(length=duration(minutes=10), earliest=dt.time(11), latest=dt.time(11, 10)),
        Pause(length=duration(minutes=10), earliest=dt.time(11), latest=dt.time(11, 15)),
    )
    preset = attrs.evolve(
        BARE, tolerance=duration(minutes=5), min_piece=duration(minutes=10), breaks=breaks
    )
    assert _refusal(preset, _at(10, 11, 55)) == _no_layout("5 min", "10 min", "1 h 40 min") + (
        "To fix it, widen the breaks' and lunch's windows (earliest, latest);"
        " or change the meeting's length."
    )
