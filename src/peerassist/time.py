"""Time values as peerassist takes and gives them: the public face of its time rules.

Every instant peerassist takes is an aware pendulum ``DateTime`` whose zone is
an IANA name (``Europe/London``) or UTC, never a bare offset; its text form is
RFC 9557 (``2026-03-10T09:00:00+00:00[Europe/London]``). Durations have no
months or years. Build values with what this module re-exports, so your code
depends on peerassist's promises rather than on its private modules::

    >>> from peerassist.time import DateTime, duration, format_instant, parse_instant
    >>> start = DateTime.create(2026, 3, 10, 9, tz="Europe/London")
    >>> format_instant(start)
    '2026-03-10T09:00:00+00:00[Europe/London]'
    >>> parse_instant("2026-03-10T09:00:00+00:00[Europe/London]") == start
    True
    >>> str(start + duration(hours=3, minutes=30))
    '2026-03-10 12:30:00+00:00'

Working days (``add_working_days``, ``working_days_between``) skip weekends,
and bank holidays when given ``holidays=bank_holidays("GB", "ENG")`` (the
``holidays`` extra).
"""

from __future__ import annotations

from peerassist._time import (
    MAX_YEAR,
    MIN_YEAR,
    UTC,
    Date,
    DateTime,
    Duration,
    HolidaySet,
    add_working_days,
    bank_holidays,
    duration,
    format_date,
    format_duration,
    format_instant,
    is_known_zone,
    parse_date,
    parse_duration,
    parse_instant,
    utc_now,
    working_days_between,
    zone_name,
)

__all__ = [
    "Date",
    "DateTime",
    "Duration",
    "HolidaySet",
    "MAX_YEAR",
    "MIN_YEAR",
    "UTC",
    "add_working_days",
    "bank_holidays",
    "duration",
    "format_date",
    "format_duration",
    "format_instant",
    "is_known_zone",
    "parse_date",
    "parse_duration",
    "parse_instant",
    "utc_now",
    "working_days_between",
    "zone_name",
]
