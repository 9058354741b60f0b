"""find_overlap and shared_windows: working hours shared across zones (X05)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerassist._time import UTC, DateTime
from peerassist.agenda import find_overlap, shared_windows
from peerassist.exceptions import InputError
from peerassist.model import Person
from strategies_time import zone_and_date, zones


def _hm(window: object) -> str:
    assert window is not None
    return f"{window.start:%H:%M}-{window.end:%H:%M}"  # type: ignore[attr-defined]


def test_london_and_new_york_share_more_while_only_the_us_has_changed() -> None:
    """Between the US and UK spring changes, London and New York share six hours, else five.

    The working hours are the policy's, 08:00-18:00 local, as the X05 rule checks.
    """
    zones_ = ["Europe/London", "America/New_York"]
    assert _hm(find_overlap(zones_, dt.date(2026, 3, 10))) == "12:00-18:00"
    assert _hm(find_overlap(zones_, dt.date(2026, 3, 31))) == "13:00-18:00"


def test_london_and_sydney_share_no_working_hours() -> None:
    """London and Sydney office hours never meet: None."""
    assert find_overlap(["Europe/London", "Australia/Sydney"], dt.date(2026, 3, 10)) is None


def test_quarter_hour_and_half_hour_zones() -> None:
    """Kathmandu (+05:45) and Lord Howe (30-minute shift) give windows off the hour."""
    assert (
        _hm(find_overlap(["Europe/London", "Asia/Kathmandu"], dt.date(2026, 3, 10)))
        == "08:00-12:15"
    )
    winter = find_overlap(["Australia/Sydney", "Australia/Lord_Howe"], dt.date(2026, 6, 15))
    assert _hm(winter) == "08:00-17:30"
    summer = find_overlap(["Australia/Sydney", "Australia/Lord_Howe"], dt.date(2026, 1, 15))
    assert _hm(summer) == "08:00-18:00"


def test_the_window_is_shown_in_the_reference_zone() -> None:
    """zone= picks the zone the window is shown in (and whose date is meant)."""
    window = find_overlap(
        ["Europe/London", "America/New_York"], dt.date(2026, 3, 31), zone="America/New_York"
    )
    assert window is not None
    assert window.zone == "America/New_York"
    assert _hm(window) == "08:00-13:00"


def test_weekends_are_left_out_unless_asked() -> None:
    """Monday in Auckland is Sunday in Los Angeles: no overlap unless weekends count."""
    pair = ["Pacific/Auckland", "America/Los_Angeles"]
    assert find_overlap(pair, dt.date(2026, 3, 9)) is None
    assert _hm(find_overlap(pair, dt.date(2026, 3, 9), weekdays_only=False)) == "08:00-14:00"


def test_minimum_length() -> None:
    """A shared window shorter than minimum counts as none."""
    pair = ["Europe/London", "America/New_York"]
    assert find_overlap(pair, dt.date(2026, 3, 31), minimum=dt.timedelta(hours=6)) is None
    assert find_overlap(pair, dt.date(2026, 3, 31), minimum=dt.timedelta(hours=5)) is not None


def test_people_are_accepted_and_a_missing_zone_is_named() -> None:
    """People count by their timezone; one without a zone is an error naming its path."""
    ana = Person(name="Ana", email="ana@example.org", timezone="Europe/Lisbon")
    bo = Person(name="Bo", email="bo@example.org")
    assert _hm(find_overlap([ana, "Europe/London"], dt.date(2026, 3, 10))) == "08:00-18:00"
    with pytest.raises(InputError) as info:
        find_overlap([ana, bo], dt.date(2026, 3, 10))
    assert info.value.paths == ("participants[1].timezone",)


def test_bad_arguments_are_named() -> None:
    """Unknown zones, no participants and bad hours are InputErrors with paths."""
    with pytest.raises(InputError, match=r"participants\[0\]"):
        find_overlap(["Mars/Base"], dt.date(2026, 3, 10))
    with pytest.raises(InputError, match="participants"):
        find_overlap([], dt.date(2026, 3, 10))
    with pytest.raises(InputError, match="hours"):
        find_overlap(["UTC"], dt.date(2026, 3, 10), hours=(dt.time(17), dt.time(9)))
    with pytest.raises(InputError, match="on"):
        find_overlap(["UTC"], "2026-03-10")  # type: ignore[arg-type]


@settings(max_examples=150)
@given(zone_and_date(), st.lists(zones, min_size=1, max_size=3))
def test_shared_windows_lie_in_everyones_working_hours(
    pair: tuple[str, dt.date], others: list[str]
) -> None:
    """Every shared window is inside each participant's local 08:00-18:00 on a weekday,
    and the participants' order does not change it."""
    reference, day = pair
    people = [reference, *others]
    windows = shared_windows(people, day, zone=reference)
    assert windows == shared_windows(list(reversed(people)), day, zone=reference)
    for window in windows:
        assert window.length > 0
        for name in people:
            start, end = window.start.in_tz(name), window.end.in_tz(name)
            assert start.isoweekday() <= 5
            assert dt.time(8) <= start.time()
            assert end.time() <= dt.time(18) or end.time() == dt.time(0)
            assert start.date() == end.in_tz(UTC).subtract(microseconds=1).in_tz(name).date()
    # And nothing is missed: every quarter hour of the reference day that lies
    # in each participant's local weekday 08:00-18:00 is inside a window.
    instants = _quarter_hours(reference, day)
    for instant in instants:
        everyone = all(
            instant.in_tz(name).isoweekday() <= 5
            and dt.time(8) <= instant.in_tz(name).time() < dt.time(18)
            for name in people
        )
        inside = any(w.start <= instant < w.end for w in windows)
        assert everyone == inside, instant


def _quarter_hours(zone: str, day: dt.date) -> list[DateTime]:
    """Every quarter hour (UTC) from the day's local midnight to the next one."""
    start = DateTime.create(day.year, day.month, day.day, tz=zone).in_tz(UTC)
    following = day + dt.timedelta(days=1)
    end = DateTime.create(following.year, following.month, following.day, tz=zone).in_tz(UTC)
    out = []
    while start < end:
        out.append(start)
        start = start.add(minutes=15)
    return out


@pytest.mark.parametrize(
    ("people", "day", "zone", "expected"),
    [
        # London on GMT, New York on EDT (US change on 8 March): 12:00-18:00 GMT.
        (["Europe/London", "America/New_York"], dt.date(2026, 3, 10), None, ["12:00-18:00"]),
        # Tokyo 08:00-18:00 JST is 23:00-09:00 UTC: one hour with London.
        (["Europe/London", "Asia/Tokyo"], dt.date(2026, 3, 10), None, ["08:00-09:00"]),
        # Sydney (AEDT, +11) seen from UTC: Tuesday's hours end at 07:00,
        # Wednesday's begin at 21:00; two windows on one UTC day.
        (["Australia/Sydney"], dt.date(2026, 3, 10), "UTC", ["00:00-07:00", "21:00-00:00"]),
        # Friday 21:00 UTC is Saturday in Sydney: only the morning is left,
        # and UTC's own 08:00-18:00 does not meet it.
        (["Australia/Sydney"], dt.date(2026, 3, 13), "UTC", ["00:00-07:00"]),
        (["Australia/Sydney", "UTC"], dt.date(2026, 3, 13), "UTC", []),
        # A Saturday in London: nothing.
        (["Europe/London"], dt.date(2026, 3, 14), None, []),
    ],
)
def test_shared_windows_by_hand(
    people: list[str], day: dt.date, zone: str | None, expected: list[str]
) -> None:
    """The windows for a few days worked out by hand from the zones' offsets."""
    assert [_hm(w) for w in shared_windows(people, day, zone=zone)] == expected
