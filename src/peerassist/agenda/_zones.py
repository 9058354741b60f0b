"""Participants in several time zones: the working hours they share (X05)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from peerassist._time import Date, DateTime, as_date, is_known_zone
from peerassist.agenda._layout import local_instant, utc
from peerassist.exceptions import InputError
from peerassist.model import MeetingWindow, Person
from peerassist.model._check import found

__all__ = ["find_overlap", "shared_windows"]

_Span = tuple[DateTime, DateTime]


def _zones(participants: Iterable[str | Person]) -> list[str]:
    zones: list[str] = []
    if isinstance(participants, str):
        participants = [participants]
    for index, item in enumerate(participants):
        path = f"participants[{index}]"
        name = item.timezone if isinstance(item, Person) else item
        if isinstance(item, Person):
            path += ".timezone"
        if not is_known_zone(name):
            raise InputError.single(path, "an IANA zone name like Europe/London", found(name))
        assert isinstance(name, str)
        if name not in zones:
            zones.append(name)
    if not zones:
        raise InputError.single("participants", "at least one zone or person", "none")
    return zones


def _working_spans(
    zone: str, around: Date, hours: tuple[_dt.time, _dt.time], weekdays_only: bool
) -> list[_Span]:
    spans = []
    for offset in (-1, 0, 1):
        day = around.add(days=offset)
        if weekdays_only and day.isoweekday() > 5:
            continue
        start, end = local_instant(day, hours[0], zone), local_instant(day, hours[1], zone)
        spans.append((utc(start), utc(end)))
    return spans


def _intersect(left: list[_Span], right: list[_Span]) -> list[_Span]:
    result = []
    for a_start, a_end in left:
        for b_start, b_end in right:
            start, end = max(a_start, b_start), min(a_end, b_end)
            if end > start:
                result.append((start, end))
    return sorted(result)


def _check_hours(hours: object) -> tuple[_dt.time, _dt.time]:
    if hours is None:
        from peerassist.agenda._suggest import default_hours

        return default_hours()
    if (
        not isinstance(hours, tuple)
        or len(hours) != 2
        or not all(isinstance(t, _dt.time) and t.tzinfo is None for t in hours)
        or not hours[0] < hours[1]
    ):
        raise InputError.single(
            "hours",
            "(start, end) local times with start before end, like (time(9), time(17))",
            found(hours),
        )
    return hours[0], hours[1]


def shared_windows(
    participants: Iterable[str | Person],
    on: Date,
    *,
    zone: str | None = None,
    hours: tuple[_dt.time, _dt.time] | None = None,
    weekdays_only: bool = True,
) -> tuple[MeetingWindow, ...]:
    """Return every span of ``on`` that falls within everyone's working hours (X05).

    Args:
        participants: IANA zone names, or people (their ``timezone``).
        on: the date, in the reference zone.
        zone: the reference zone (the meeting's); the first participant's
            zone when None. The windows are shown in it.
        hours: each participant's local working hours; None for the
            policy's (``Policy.working_hours_start``/``_end``, 08:00-18:00),
            the hours the X05 rule checks.
        weekdays_only: leave out each participant's own Saturday and Sunday.

    Returns:
        The shared spans, in time order; empty when there is none.

    Raises:
        InputError: an unknown zone, a person without one, or bad ``hours``.
    """
    zones = _zones(participants)
    day = as_date(on, "on")
    working = _check_hours(hours)
    reference = zone if zone is not None else zones[0]
    if not is_known_zone(reference):
        raise InputError.single("zone", "an IANA zone name like Europe/London", found(reference))
    start = local_instant(day, _dt.time(0, 0), reference)
    end = local_instant(day.add(days=1), _dt.time(0, 0), reference)
    spans: list[_Span] = [(utc(start), utc(end))]
    for name in zones:
        spans = _intersect(spans, _working_spans(name, day, working, weekdays_only))
    return tuple(MeetingWindow(start=s.in_tz(reference), end=e.in_tz(reference)) for s, e in spans)


def find_overlap(
    participants: Iterable[str | Person],
    on: Date,
    *,
    zone: str | None = None,
    hours: tuple[_dt.time, _dt.time] | None = None,
    weekdays_only: bool = True,
    minimum: _dt.timedelta = _dt.timedelta(0),
) -> MeetingWindow | None:
    """Return the longest working-hours window everyone shares on a date, or None (X05).

    Args:
        participants: IANA zone names, or people (their ``timezone``).
        on: the date, in the reference zone.
        zone: the reference zone (the meeting's); the first participant's
            zone when None. The window is shown in it.
        hours: each participant's local working hours; None for the
            policy's (08:00-18:00), the hours the X05 rule checks.
        weekdays_only: leave out each participant's own Saturday and Sunday.
        minimum: the shortest window worth having; shorter ones count as none.

    Returns:
        The longest shared window (the earliest of equals), or None when the
        participants share no working time that day.

    Raises:
        InputError: an unknown zone, a person without one, or bad ``hours``.
    """
    windows = shared_windows(participants, on, zone=zone, hours=hours, weekdays_only=weekdays_only)
    best: MeetingWindow | None = None
    for window in windows:
        if best is None or window.length > best.length:
            best = window
    if best is None or best.length < minimum.total_seconds():
        return None
    return best
