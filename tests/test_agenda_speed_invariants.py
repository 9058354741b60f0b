"""The planner's fast paths give exactly what the plain pendulum/attrs paths give.

The planner works in epoch seconds on the standard library, builds its own
slots without re-checking their times, and the
public Slot constructor skips its full check for values that plainly pass.
These tests hold each shortcut to the straightforward way it replaces.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerassist._time import UTC, DateTime, duration, timezone
from peerassist.agenda import (
    PRESETS,
    Agenda,
    Slot,
    SlotKind,
    agenda_for,
    plan_agenda,
)
from peerassist.agenda._instants import Clock, local_instant, local_seconds, shown_in
from peerassist.exceptions import AgendaError, InputError
from peerassist.model import MeetingWindow
from peerassist.testing import make_assist
from strategies_time import DST_MATRIX, zone_and_date

LONDON = "Europe/London"


def exactly(value: dt.datetime) -> tuple[object, ...]:
    """Everything that tells two aware times apart: wall time, fold, zone object, offset."""
    return (
        type(value),
        value.replace(tzinfo=None),
        value.fold,
        id(value.tzinfo),
        value.utcoffset(),
        value.timestamp(),
    )


# -- time conversions ----------------------------------------------------------

wall_times = st.tuples(st.integers(min_value=0, max_value=23), st.sampled_from([0, 15, 30, 45, 59]))


@given(zone_and_date(), wall_times)
def test_local_instant_is_what_pendulum_creates(
    zone_day: tuple[str, dt.date], hm: tuple[int, int]
) -> None:
    """A local wall time becomes the same DateTime as DateTime.create, gaps and repeats included."""
    zone, day = zone_day
    at = dt.time(*hm)
    expected = DateTime.create(day.year, day.month, day.day, at.hour, at.minute, tz=zone)
    actual = local_instant(day, at, zone)
    assert exactly(expected) == exactly(actual)
    assert int(expected.timestamp()) == local_seconds(day, at, zone)


@pytest.mark.parametrize("zone", DST_MATRIX)
def test_local_instant_around_every_change_of_the_dst_matrix(zone: str) -> None:
    """Every quarter hour of the days around 2026's clock changes matches DateTime.create."""
    tz = timezone(zone)
    day = dt.date(2026, 1, 1)
    previous = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC).astimezone(tz).utcoffset()
    checked = 0
    while day.year == 2026:
        offset = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).astimezone(tz)
        if offset.utcoffset() != previous:
            for near in (day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)):
                for minutes in range(0, 24 * 60, 15):
                    at = dt.time(minutes // 60, minutes % 60)
                    expected = DateTime.create(
                        near.year, near.month, near.day, at.hour, at.minute, tz=zone
                    )
                    assert exactly(expected) == exactly(local_instant(near, at, zone))
                    checked += 1
            previous = offset.utcoffset()
        day += dt.timedelta(days=1)
    assert checked > 0 or zone == "Asia/Kathmandu"


@given(
    st.sampled_from([*DST_MATRIX, "UTC", "Pacific/Chatham", "America/Havana"]),
    st.integers(min_value=1_577_836_800, max_value=2_082_758_400),  # 2020-2035
)
def test_the_clock_gives_what_fromtimestamp_and_in_tz_give(zone: str, seconds: int) -> None:
    """Epoch seconds become the same DateTime as pendulum's fromtimestamp and in_tz."""
    seconds -= seconds % 300  # on a five-minute grid, as the planner's are
    tz = timezone(zone)
    clock = Clock(tz)
    expected = DateTime.fromtimestamp(seconds, tz)
    assert exactly(expected) == exactly(clock(seconds))
    assert clock(seconds) is clock(seconds)
    elsewhere = DateTime.fromtimestamp(seconds, timezone("Asia/Kathmandu"))
    assert exactly(elsewhere.in_tz(zone)) == exactly(shown_in(elsewhere, clock))
    assert exactly(expected.in_tz(zone)) == exactly(shown_in(expected, clock))


def test_shown_in_keeps_the_fold_of_a_time_already_in_the_zone() -> None:
    """As pendulum's in_tz does, a time already in the zone keeps its wall time and fold."""
    created = DateTime.create(2026, 3, 10, 9, tz=LONDON)  # fold=1, as create makes it
    assert created.fold == 1
    clock = Clock(timezone(LONDON))
    assert exactly(created.in_tz(LONDON)) == exactly(shown_in(created, clock))


# -- slots and agendas built by the planner --------------------------------------------


def rebuilt(agenda: Agenda) -> Agenda:
    """The same agenda, every value going through the public, fully checked constructors."""
    return Agenda(
        slots=[Slot(**{a.name: getattr(s, a.name) for a in attrs.fields(Slot)}) for s in agenda],
        windows=[MeetingWindow(start=w.start, end=w.end) for w in agenda.windows],
        meeting_zone=agenda.meeting_zone,
        zone=agenda.zone,
        step=agenda.step,
        title=agenda.title,
    )


@given(zone_and_date(st.sampled_from(DST_MATRIX)), st.sampled_from(sorted(PRESETS)))
def test_planned_agendas_pass_the_public_checks_unchanged(
    zone_day: tuple[str, dt.date], preset: str
) -> None:
    """What the planner builds without checks, the checked constructors accept unchanged."""
    zone, day = zone_day
    start = DateTime.create(day.year, day.month, day.day, 9, tz=zone)
    try:
        agenda = plan_agenda(start, preset=preset, pre_brief=True)
    except AgendaError as err:  # a documented refusal: no room left that day
        message = str(err)
        agenda = None
    if agenda is None:
        assert "fixed blocks" in message or "four quarters" in message
        return
    assert agenda == rebuilt(agenda)
    for slot in agenda:
        assert slot.start.tzinfo is slot.end.tzinfo
        assert slot.end.timestamp() > slot.start.timestamp()


def test_agenda_for_passes_the_public_checks_unchanged() -> None:
    """An assist's planned agenda, titled after the assist, is what the checked path builds."""
    assist = make_assist("scheduling", now=DateTime.create(2026, 3, 2, 12, tz=UTC))
    agenda = agenda_for(assist)
    assert assist.title == agenda.title
    assert agenda == rebuilt(agenda)


def test_in_tz_shows_each_time_as_pendulum_does() -> None:
    """Agenda.in_tz gives, slot by slot and window by window, pendulum's in_tz values."""
    start = DateTime.create(2026, 10, 24, 9, tz=LONDON)  # over the October change
    agenda = plan_agenda(start, preset="two-days", pre_brief=True)
    for zone in ("America/New_York", "Asia/Kathmandu", "UTC", LONDON):
        shown = agenda.in_tz(zone)
        assert zone == shown.zone
        assert shown.meeting_zone == LONDON
        pairs = [*zip(agenda, shown, strict=True)]
        for before, after in pairs:
            assert exactly(before.start.in_tz(zone)) == exactly(after.start)
            assert exactly(before.end.in_tz(zone)) == exactly(after.end)
            assert exactly(before.in_tz(zone).start) == exactly(after.start)
        for before_w, after_w in zip(agenda.windows, shown.windows, strict=True):
            assert exactly(before_w.start.in_tz(zone)) == exactly(after_w.start)
        assert shown == rebuilt(shown)


# -- the public Slot constructor's quick check --------------------------------------------


def _slot_kwargs(**changes: object) -> dict[str, object]:
    start = DateTime.create(2026, 3, 10, 9, tz=LONDON)
    kwargs: dict[str, object] = {
        "start": start,
        "end": start.add(minutes=30),
        "kind": SlotKind.QUARTER,
        "title": "Quarter 1: context",
        "quarter": 1,
        "description": "What happens.",
        "refs": ("M17",),
    }
    kwargs.update(changes)
    return kwargs


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"title": "Quarter\n1"}, "title"),
        ({"title": "  "}, "title"),
        ({"title": "Bell\x07"}, "title"),
        ({"description": "Bell\x07"}, "description"),
        ({"refs": ("M17", "")}, "refs[1]"),
        ({"refs": ("M1\n7",)}, "refs[0]"),
        ({"refs": (["M17"],)}, "refs[0]"),
        ({"refs": "M17"}, "refs"),
        ({"quarter": 5}, "quarter"),
        ({"quarter": True}, "quarter"),
        ({"kind": SlotKind.BREAK}, "quarter"),
        ({"kind": "coffee"}, "kind"),
        ({"day": -1}, "day"),
        ({"in_window": 1}, "in_window"),
        ({"end": DateTime.create(2026, 3, 10, 9, tz=LONDON)}, "end"),
        ({"end": DateTime.create(2026, 3, 10, 10, tz="Europe/Paris")}, "end"),
        ({"start": dt.datetime(2026, 3, 10, 9)}, "start"),
    ],
)
def test_a_bad_slot_is_refused_after_good_ones_were_seen(
    changes: dict[str, object], path: str
) -> None:
    """Values seen valid before do not let a bad one through: it is refused, named by its path."""
    Slot(**_slot_kwargs())  # type: ignore[arg-type]  # fills the caches of valid texts
    with pytest.raises(InputError) as info:
        Slot(**_slot_kwargs(**changes))  # type: ignore[arg-type]
    assert path in [p.path for p in info.value.problems]


def test_the_full_check_still_converts_what_it_converts() -> None:
    """A kind given as text, refs as a list and a stdlib time become SlotKind, a tuple, pendulum."""
    start = dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC)
    slot = Slot(  # type: ignore[arg-type]
        **_slot_kwargs(
            kind="quarter", refs=["M17", "M18"], start=start, end=start + dt.timedelta(hours=1)
        )
    )
    assert SlotKind.QUARTER is slot.kind
    assert slot.refs == ("M17", "M18")
    assert isinstance(slot.start, DateTime)
    assert isinstance(slot.end, DateTime)


def test_bad_ground_rules_are_refused_by_the_planner() -> None:
    """Ground rules holding a control character are refused, as the checked slot refuses them."""
    with pytest.raises(InputError) as info:
        plan_agenda(DateTime.create(2026, 3, 10, 9, tz=LONDON), rules=("Listen\x07",))
    assert [p.path for p in info.value.problems] == ["description"]


def test_a_long_run_of_different_titles_keeps_being_checked() -> None:
    """The cache of checked texts is bounded; titles beyond it are still checked and accepted."""
    for index in range(3000):
        slot = Slot(**_slot_kwargs(title=f"Quarter 1, part {index}"))  # type: ignore[arg-type]
        assert f"Quarter 1, part {index}" == slot.title
    with pytest.raises(InputError):
        Slot(**_slot_kwargs(title="bad\rtitle"))  # type: ignore[arg-type]


def test_step_and_duration_survive_the_fast_agenda() -> None:
    """The planned agenda keeps the preset's step and conserves its meeting time."""
    agenda = plan_agenda(DateTime.create(2026, 3, 10, 9, tz=LONDON), preset="two-days")
    assert duration(minutes=5) == agenda.step
    seconds = sum(int(w.end.timestamp() - w.start.timestamp()) for w in agenda.windows)
    assert duration(seconds=seconds) == agenda.total
