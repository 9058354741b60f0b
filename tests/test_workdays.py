"""Working-day arithmetic: add_working_days and working_days_between.

Both count whole weeks arithmetically; these tests hold them to a simple
day-by-day reference, with and without bank holidays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerassist._time import Date, add_working_days, bank_holidays, working_days_between

Holidays = Callable[[Date], bool] | None


def reference_add(start: Date, days: int, holidays: Holidays) -> Date:
    """Step one day at a time, counting the working days met."""
    step = 1 if days >= 0 else -1
    current = start
    remaining = abs(days)
    while remaining:
        current = current.add(days=step)
        if current.isoweekday() < 6 and not (holidays is not None and holidays(current)):
            remaining -= 1
    return current


def reference_between(start: Date, end: Date, holidays: Holidays) -> int:
    """Count the working days after start up to end, one day at a time."""
    if end < start:
        return -reference_between(end, start, holidays)
    count = 0
    current = start
    while current < end:
        current = current.add(days=1)
        if current.isoweekday() < 6 and not (holidays is not None and holidays(current)):
            count += 1
    return count


def thirteenths(day: Date) -> bool:
    """A made-up holiday calendar: the 13th of every month, and all of late December."""
    return day.day == 13 or (day.month == 12 and day.day > 20)


HOLIDAY_SETS: dict[str, Holidays] = {
    "none": None,
    "england": bank_holidays(),
    "made-up": thirteenths,
}

dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)).map(
    lambda d: Date(d.year, d.month, d.day)
)
holiday_names = st.sampled_from(sorted(HOLIDAY_SETS))


@given(dates, st.integers(min_value=-400, max_value=400), holiday_names)
def test_add_working_days_matches_the_day_by_day_count(
    start: Date, days: int, holidays: str
) -> None:
    """Moving n working days lands where counting day by day lands, holidays or not."""
    expected = reference_add(start, days, HOLIDAY_SETS[holidays])
    actual = add_working_days(start, days, holidays=HOLIDAY_SETS[holidays])
    assert expected == actual
    assert type(actual) is Date


@given(dates, st.integers(min_value=-500, max_value=500), holiday_names)
def test_working_days_between_matches_the_day_by_day_count(
    start: Date, span: int, holidays: str
) -> None:
    """Counting the working days between two dates agrees with counting day by day."""
    end = start.add(days=span)
    expected = reference_between(start, end, HOLIDAY_SETS[holidays])
    assert expected == working_days_between(start, end, holidays=HOLIDAY_SETS[holidays])


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (Date(2026, 3, 6), 1, Date(2026, 3, 9)),  # Friday -> Monday
        (Date(2026, 3, 9), -1, Date(2026, 3, 6)),  # Monday -> Friday
        (Date(2026, 3, 7), 1, Date(2026, 3, 9)),  # Saturday -> Monday
        (Date(2026, 3, 8), -1, Date(2026, 3, 6)),  # Sunday -> Friday
        (Date(2026, 3, 6), 5, Date(2026, 3, 13)),  # a whole week
        (Date(2026, 3, 2), 10, Date(2026, 3, 16)),  # two weeks
        (Date(2026, 3, 2), -10, Date(2026, 2, 16)),
    ],
)
def test_weekends_are_skipped(start: Date, days: int, expected: Date) -> None:
    """Weekends never count, whichever way and from whichever day."""
    assert expected == add_working_days(start, days)


def test_zero_days_is_the_start_itself() -> None:
    """Adding no working days returns the start unchanged, even on a weekend."""
    saturday = Date(2026, 3, 7)
    assert saturday == add_working_days(saturday, 0)
    assert working_days_between(saturday, saturday) == 0


def test_holidays_push_the_date_further() -> None:
    """Christmas week in England: 25, 26 (a Saturday) and the Monday substitute are skipped."""
    england = bank_holidays()
    assert Date(2027, 1, 5) == add_working_days(Date(2026, 12, 24), 5, holidays=england)
    assert Date(2026, 12, 24) == add_working_days(Date(2027, 1, 5), -5, holidays=england)
    assert working_days_between(Date(2026, 12, 24), Date(2027, 1, 5), holidays=england) == 5


def test_holidays_are_asked_about_weekdays_only() -> None:
    """The holiday predicate is consulted for each weekday in range, never for weekends."""
    seen: list[Date] = []

    def spy(day: Date) -> bool:
        seen.append(day)
        return False

    add_working_days(Date(2026, 3, 6), 3, holidays=spy)  # Fri -> Wed
    assert [Date(2026, 3, 9), Date(2026, 3, 10), Date(2026, 3, 11)] == seen
    assert all(day.isoweekday() < 6 for day in seen)
