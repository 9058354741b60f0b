"""Hypothesis strategies for time: every IANA zone, dates 2020-2035 biased to clock changes."""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

from hypothesis import strategies as st

FIRST = dt.date(2020, 1, 1)
LAST = dt.date(2035, 12, 31)

_MACHINE = {"localtime", "Factory", "posixrules"}
ALL_ZONES: tuple[str, ...] = tuple(
    sorted(
        name
        for name in zoneinfo.available_timezones()
        if name not in _MACHINE and not name.startswith(("posix/", "right/"))
    )
)
"""Every zone zoneinfo knows here that means the same on every machine."""

DST_MATRIX: tuple[str, ...] = (
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Australia/Lord_Howe",  # a 30-minute shift
    "America/Santiago",  # changes at midnight
    "Asia/Kathmandu",  # +05:45
)


@functools.cache
def clock_change_dates(zone: str) -> tuple[dt.date, ...]:
    """The local dates in 2020-2035 on which ``zone``'s offset changes."""
    tz = zoneinfo.ZoneInfo(zone)
    found = []
    day = FIRST
    # Noon UTC each day: an offset change shows up on the day it happened
    # (or the next one, for changes in the UTC afternoon); both are useful.
    previous = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).astimezone(tz)
    while day < LAST:
        day += dt.timedelta(days=1)
        now = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).astimezone(tz)
        if now.utcoffset() != previous.utcoffset():
            found.append(now.date())
        previous = now
    return tuple(found)


def dates_near_changes(zone: str) -> st.SearchStrategy[dt.date]:
    """Dates 2020-2035, half of them within a few days of one of ``zone``'s clock changes."""
    any_date = st.dates(min_value=FIRST, max_value=LAST)
    changes = clock_change_dates(zone)
    if not changes:
        return any_date
    near = st.tuples(st.sampled_from(changes), st.integers(-3, 1)).map(
        lambda pair: pair[0] + dt.timedelta(days=pair[1])
    )
    return st.one_of(near, any_date)


zones = st.sampled_from(ALL_ZONES)
"""Any zone zoneinfo knows."""


def zone_and_date(
    zone_strategy: st.SearchStrategy[str] = zones,
) -> st.SearchStrategy[tuple[str, dt.date]]:
    """A zone and a date, biased towards that zone's clock changes."""
    return zone_strategy.flatmap(lambda z: st.tuples(st.just(z), dates_near_changes(z)))
