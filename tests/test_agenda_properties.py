"""Properties of planned agendas over every zone, 2020-2035, clock changes included."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerassist._time import UTC, DateTime
from peerassist.agenda import PRESETS, Agenda, Pause, Preset, Slot, SlotKind, plan_agenda
from peerassist.exceptions import AgendaError
from strategies_time import DST_MATRIX, clock_change_dates, zone_and_date

presets = st.sampled_from(sorted(PRESETS))


def budget(examples: int) -> int:
    """``examples`` under the usual profiles; twenty times more under ``thorough``."""
    return examples * max(1, settings().max_examples // 100)


def _utc(value: DateTime) -> dt.datetime:
    return value.in_tz(UTC).naive()


def assert_well_formed(agenda: Agenda, preset: Preset, total: dt.timedelta | None = None) -> None:
    """Check every invariant the planner promises."""
    step = int(preset.step.total_seconds())
    slots = list(agenda)
    # Sorted, never overlapping (compared in UTC).
    for before, after in itertools.pairwise(slots):
        assert _utc(before.end) <= _utc(after.start)
    # Every boundary on the local step grid.
    for slot in slots:
        for value in (slot.start, slot.end):
            assert value.second == 0
            assert value.microsecond == 0
            assert (value.hour * 60 + value.minute) * 60 % step == 0
    # The windows are inside the local day window and filled exactly, without gaps.
    for index, window in enumerate(agenda.windows):
        assert preset.day_start <= window.start.time()
        assert window.end.time() <= preset.day_end or window.end.time() == dt.time(0)
        inside = [
            s
            for s in slots
            if s.in_window and _utc(window.start) <= _utc(s.start) < _utc(window.end)
        ]
        assert _utc(inside[0].start) == _utc(window.start)
        assert _utc(inside[-1].end) == _utc(window.end)
        for before, after in itertools.pairwise(inside):
            assert _utc(before.end) == _utc(after.start)
        assert {s.day for s in inside} == {index + 1}
    # Total time conserved.
    windows_total = sum((_utc(w.end) - _utc(w.start) for w in agenda.windows), dt.timedelta())
    assert windows_total == agenda.total
    if total is not None:
        assert total == agenda.total
    # Four quarters, in order, within the tolerance of each other.
    quarters = [s.quarter for s in slots if s.kind == SlotKind.QUARTER]
    assert quarters == sorted(quarters)
    assert set(quarters) == {1, 2, 3, 4}
    lengths = [int(q.total_seconds()) for q in agenda.quarter_totals().values()]
    assert max(lengths) - min(lengths) <= preset.tolerance_for(sum(lengths))
    # No sliver: a quarter in several pieces has every piece at least min_piece.
    piece = preset.piece_minimum
    for number in (1, 2, 3, 4):
        pieces = agenda.quarter(number)
        if len(pieces) > 1:
            assert all(p.length >= piece for p in pieces), [str(p) for p in pieces]
    # Each break and lunch inside the window of one of the preset's pauses.
    for slot in slots:
        if slot.kind in (SlotKind.BREAK, SlotKind.LUNCH):
            options = preset.breaks if slot.kind == SlotKind.BREAK else (preset.lunch,)
            assert any(_inside(slot, pause) for pause in options if pause is not None)
    # Nothing outside the windows but the pre-brief and the social time.
    assert all(s.in_window or s.kind in (SlotKind.PRE_BRIEF, SlotKind.SOCIAL) for s in slots)


def _minutes(value: DateTime) -> int:
    return value.hour * 60 + value.minute


def _inside(slot: Slot, pause: Pause) -> bool:
    """Tell whether a pause slot lies in the pause's window of local times."""
    low, high = pause.window_minutes()
    start, end = _minutes(slot.start), _minutes(slot.end) or 24 * 60
    return (low is None or start >= low) and (high is None or end <= high)


def _plan_or_explain(start: DateTime, **kwargs: object) -> Agenda | None:
    """Plan, or return None when the planner refuses for a documented reason."""
    try:
        return plan_agenda(start, **kwargs)  # type: ignore[arg-type]
    except AgendaError as err:
        message = str(err)
    # A last day too short for the closing, or no room for the quarters: both
    # are documented refusals, never a crash.
    assert "fixed blocks" in message or "four quarters" in message or "min_piece" in message
    return None


@settings(max_examples=budget(250))
@given(zone_and_date(), presets)
def test_every_preset_in_every_zone_is_well_formed(pair: tuple[str, dt.date], name: str) -> None:
    """Each preset, started at 09:00 local in any zone on any date, keeps every invariant."""
    zone, day = pair
    preset = PRESETS[name]
    start = DateTime.create(day.year, day.month, day.day, 9, tz=zone)
    agenda = plan_agenda(start, preset=preset)
    assert_well_formed(agenda, preset, preset.length)
    later_days = agenda.windows[1:]
    for window in later_days:
        local = window.start
        # Later days start at the window's start, unless a clock change skipped it.
        assert (local.hour, local.minute) == (9, 0) or local.time() > dt.time(9)


@settings(max_examples=budget(250))
@given(
    zone_and_date(),
    presets,
    st.integers(min_value=36, max_value=12 * 24),  # 3 h to 24 h, in 5-minute steps
    st.integers(min_value=0, max_value=7 * 12),  # start offset from 09:00, in 5-minute steps
)
def test_random_lengths_and_starts_are_well_formed(
    pair: tuple[str, dt.date], name: str, steps: int, offset: int
) -> None:
    """Any length and any start on the grid either plans well or is refused clearly."""
    zone, day = pair
    preset = attrs.evolve(PRESETS[name], length=dt.timedelta(minutes=5 * steps))
    start = DateTime.create(day.year, day.month, day.day, 9, tz=zone).add(minutes=5 * offset)
    if start.time() < preset.day_start:
        return  # a clock change moved it before the window (checked elsewhere)
    agenda = _plan_or_explain(start, preset=preset)
    if agenda is not None:
        assert_well_formed(agenda, preset, preset.length)


@settings(max_examples=budget(100))
@given(
    zone_and_date(),
    st.integers(min_value=0, max_value=2),
    st.integers(min_value=12 * 3 + 6, max_value=12 * 8),
)
def test_plans_to_an_end_are_well_formed(
    pair: tuple[str, dt.date], extra_days: int, steps: int
) -> None:
    """With ``end`` given, every day up to it is used and the invariants hold."""
    zone, day = pair
    start = DateTime.create(day.year, day.month, day.day, 9, tz=zone)
    last = day + dt.timedelta(days=extra_days)
    end = DateTime.create(last.year, last.month, last.day, 9, tz=zone).add(minutes=5 * steps)
    if end.time() > dt.time(17) or end.time() <= dt.time(9):
        return
    agenda = _plan_or_explain(start, end=end, preset="one-day")
    if agenda is not None:
        assert_well_formed(agenda, PRESETS["one-day"])
        assert _utc(end) == _utc(agenda.end)


@pytest.mark.parametrize("zone", DST_MATRIX)
@pytest.mark.parametrize("name", sorted(PRESETS))
def test_dst_matrix_every_clock_change_2024_2027(zone: str, name: str) -> None:
    """Across every clock change of 2024-2027 in the matrix zones, each day starts at 09:00
    local and every invariant holds, for every preset."""
    preset = PRESETS[name]
    changes = [d for d in clock_change_dates(zone) if 2024 <= d.year <= 2027]
    if zone != "Asia/Kathmandu":
        assert changes  # the matrix is meant to cross real changes
    days = changes or [dt.date(2026, 3, 29)]
    for change in days:
        for back in (2, 1, 0):
            first = change - dt.timedelta(days=back)
            start = DateTime.create(first.year, first.month, first.day, 9, tz=zone)
            agenda = plan_agenda(start, preset=preset)
            assert_well_formed(agenda, preset, preset.length)
            assert [(w.start.hour, w.start.minute) for w in agenda.windows] == [(9, 0)] * len(
                agenda.windows
            )


@st.composite
def pause_windows(draw: st.DrawFn) -> tuple[Pause, ...]:
    """One to three pauses of 10-45 minutes, each with a random window of local times."""
    found = []
    for _ in range(draw(st.integers(1, 3))):
        length = draw(st.integers(2, 9)) * 5
        low = draw(st.integers(9 * 12, 16 * 12)) * 5
        high = min(low + length + draw(st.integers(0, 36)) * 5, 17 * 60)
        if high - low < length:
            continue
        found.append(
            Pause(
                length=dt.timedelta(minutes=length),
                earliest=dt.time(low // 60, low % 60),
                latest=dt.time(high // 60, high % 60),
            )
        )
    return tuple(found)


@settings(max_examples=budget(150))
@given(
    zone_and_date(),
    presets,
    pause_windows(),
    st.integers(min_value=0, max_value=4 * 12),  # start offset from 09:00, in 5-minute steps
)
def test_random_break_windows_are_kept_or_refused_clearly(
    pair: tuple[str, dt.date], name: str, breaks: tuple[Pause, ...], offset: int
) -> None:
    """Any break windows: each pause lands inside its window and no quarter piece is a sliver."""
    zone, day = pair
    preset = attrs.evolve(PRESETS[name], breaks=breaks, lunch=None)
    start = DateTime.create(day.year, day.month, day.day, 9, tz=zone).add(minutes=5 * offset)
    if start.time() < preset.day_start:
        return
    agenda = _plan_or_explain(start, preset=preset)
    if agenda is not None:
        assert_well_formed(agenda, preset, preset.length)


@settings(max_examples=budget(60))
@given(zone_and_date(), st.integers(min_value=0, max_value=4 * 12))
def test_a_half_day_keeps_its_break_wherever_it_starts(
    pair: tuple[str, dt.date], offset: int
) -> None:
    """A half day starting anywhere from 09:00 to 13:00 has its one break, between quarters."""
    zone, day = pair
    start = DateTime.create(day.year, day.month, day.day, 9, tz=zone).add(minutes=5 * offset)
    if start.time() < dt.time(9) or start.time() > dt.time(13):
        return  # a clock change moved it outside the window (checked elsewhere)
    agenda = plan_agenda(start, preset="half-day")
    kinds = [s.kind for s in agenda if s.in_window]
    assert kinds.count(SlotKind.BREAK) == 1
    at = kinds.index(SlotKind.BREAK)
    assert kinds[at - 1] == SlotKind.QUARTER
    assert kinds[at + 1] == SlotKind.QUARTER
    assert_well_formed(agenda, PRESETS["half-day"], PRESETS["half-day"].length)
