"""find_overlap and shared_windows: working hours shared across zones (X05)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerassist._time import UTC
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
