"""Instants for the planner: whole epoch seconds, worked out on the standard library.

Planning compares, adds and converts many instants, and pendulum's own
conversions (``in_tz``, ``DateTime.create``, ``fromtimestamp``) cost several
microseconds each. The planner therefore works in whole seconds since the
epoch, turns local wall times into seconds here (with pendulum's rules, so
the results do not change), and makes pendulum ``DateTime`` values only for
the finished slots, once per distinct instant.

pendulum's zones are ``zoneinfo.ZoneInfo`` objects, so the standard library
reads the same zone data pendulum does.
"""

from __future__ import annotations

import datetime as _dt
import functools

from peerassist._time import DateTime, Timezone, timezone

__all__ = ["Clock", "clear_caches", "local_instant", "local_seconds", "seconds", "shown_in"]


_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()


def seconds(value: _dt.datetime) -> int:
    """Return an aware instant as whole seconds since the epoch (``int(value.timestamp())``).

    zoneinfo reads the fields of a datetime subclass (pendulum's) through
    Python attribute calls, which makes ``timestamp()`` slow; the offset of
    the same wall time given as a plain datetime is the same and much faster.
    """
    tz = value.tzinfo
    if type(tz) is not Timezone or value.microsecond:
        return int(value.timestamp())
    hour, minute, second = value.hour, value.minute, value.second
    wall = _dt.datetime(value.year, value.month, value.day, hour, minute, second, fold=value.fold)
    offset = tz.utcoffset(wall)
    assert offset is not None  # a named zone always has one
    days = value.toordinal() - _EPOCH_ORDINAL
    return (
        days * 86400 + hour * 3600 + minute * 60 + second - (offset.days * 86400 + offset.seconds)
    )


def _wall_seconds(wall: _dt.datetime, tz: Timezone) -> int:
    # Epoch seconds of a plain wall time (with its fold) in ``tz``.
    offset = tz.utcoffset(wall)
    assert offset is not None  # a named zone always has one
    days = wall.toordinal() - _EPOCH_ORDINAL
    clock = wall.hour * 3600 + wall.minute * 60 + wall.second
    return days * 86400 + clock - (offset.days * 86400 + offset.seconds)


def _wall(year: int, month: int, day: int, hour: int, minute: int, tz: Timezone) -> _dt.datetime:
    # pendulum's rule for a wall time (``Timezone.convert`` with fold=1, as
    # ``DateTime.create`` uses it): a time repeated by a clock change is the
    # later one; a time skipped by it moves forward by the size of the gap.
    naive = _dt.datetime(year, month, day, hour, minute, fold=1)
    before = tz.utcoffset(naive.replace(fold=0))
    after = tz.utcoffset(naive)
    if after is not None and before is not None and after > before:
        naive = naive + (after - before)
    return naive


def local_instant(day: _dt.date, at: _dt.time, zone: str) -> DateTime:
    """The instant of a local wall time on a local date, as ``DateTime.create`` makes it.

    A time repeated by a clock change is the later one; a time skipped by one
    moves forward by the size of the gap; ``fold`` is 1, as pendulum sets it.
    Seconds in ``at`` are ignored. Cached: the same days and times recur.
    """
    return _local(zone, day.toordinal(), at.hour, at.minute)[0]


def local_seconds(day: _dt.date, at: _dt.time, zone: str) -> int:
    """:func:`local_instant` as whole epoch seconds."""
    return _local(zone, day.toordinal(), at.hour, at.minute)[1]


@functools.lru_cache(maxsize=4096)
def _local(zone: str, ordinal: int, hour: int, minute: int) -> tuple[DateTime, int]:
    tz = timezone(zone)
    day = _dt.date.fromordinal(ordinal)
    wall = _wall(day.year, day.month, day.day, hour, minute, tz)
    value = DateTime(
        wall.year,
        wall.month,
        wall.day,
        wall.hour,
        wall.minute,
        wall.second,
        wall.microsecond,
        tzinfo=tz,
        fold=wall.fold,
    )
    return value, _wall_seconds(wall, tz)


def clear_caches() -> None:
    """Forget the cached wall times (results never depend on them)."""
    _local.cache_clear()


def shown_in(value: DateTime, clock: Clock) -> DateTime:
    """What ``value.in_tz(zone)`` gives, for a whole-second instant and the zone's clock.

    pendulum (like the standard library) hands back the same wall time and
    fold when the zone is already the value's own; otherwise the converted time.
    """
    if value.tzinfo is clock.tz:
        return value
    return clock(seconds(value))


class Clock:
    """Turns epoch seconds into ``DateTime`` values in one zone, each only once.

    The values are those ``DateTime.fromtimestamp(seconds, tz)`` (or
    ``in_tz``) gives: the wall time in ``tz``, with ``fold`` set in the
    repeated hour of a clock change.
    """

    __slots__ = ("cache", "tz")

    def __init__(self, tz: _dt.tzinfo | None) -> None:
        self.tz = tz
        self.cache: dict[int, DateTime] = {}

    def __call__(self, at: int) -> DateTime:
        found = self.cache.get(at)
        if found is None:
            tz = self.tz
            wall = _dt.datetime.fromtimestamp(at, tz)
            found = DateTime(
                wall.year,
                wall.month,
                wall.day,
                wall.hour,
                wall.minute,
                wall.second,
                wall.microsecond,
                tzinfo=tz,
                fold=wall.fold,
            )
            self.cache[at] = found
        return found
