"""When no working hours are shared: the least-bad start times, and the overlap report (X05).

:func:`suggest_windows` ranks candidate start times by how many minutes
fall outside the participants' working hours, summed over everyone, then by
the worst-off person's. :func:`overlap_report` puts the shared window (when
there is one long enough) and the candidates together, with each person's
local times, as ``peerassist overlap`` prints them.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Iterable, Sequence

from peerassist._attrs import frozen
from peerassist._time import DateTime, as_instant, is_known_zone, zone_name
from peerassist.agenda._instants import Clock, local_seconds
from peerassist.exceptions import InputError
from peerassist.model import MeetingWindow, Person
from peerassist.model._check import found

__all__ = [
    "Candidate",
    "LocalTime",
    "Overlap",
    "default_hours",
    "out_of_hours",
    "overlap_report",
    "suggest_windows",
]


def default_hours() -> tuple[_dt.time, _dt.time]:
    """The policy's working hours (``working_hours_start``/``_end``), as local times."""
    from peerassist.policy import DEFAULT_POLICY

    start, end = DEFAULT_POLICY.working_hours_start, DEFAULT_POLICY.working_hours_end
    return _dt.time(start), (_dt.time(end) if end < 24 else _dt.time(23, 59))


@frozen(kw_only=True)
class LocalTime:
    """One participant's view of a candidate time.

    Attributes:
        who: the person's name, or the zone when only a zone was given.
        zone: their IANA zone.
        start: when it starts, in their zone.
        end: when it ends, in their zone.
        outside_minutes: how many of its minutes fall outside their working
            hours (or on their weekend).
    """

    who: str
    zone: str
    start: DateTime
    end: DateTime
    outside_minutes: int


@frozen(kw_only=True)
class Candidate:
    """A candidate meeting time and what it costs each participant.

    Attributes:
        start: when it starts, in the reference zone.
        end: when it ends.
        outside_minutes: the minutes outside working hours, summed over everyone.
        worst_minutes: the most any one person spends outside their hours.
        people: each participant's local times, in the order given.
    """

    start: DateTime
    end: DateTime
    outside_minutes: int
    worst_minutes: int
    people: tuple[LocalTime, ...]

    def __repr__(self) -> str:
        return (
            f"<Candidate {self.start.isoformat()}: {self.outside_minutes} min outside"
            f" working hours in total, {self.worst_minutes} min at worst>"
        )

    def to_text(self) -> str:
        """Render as lines: the start and cost, then each person's local time."""
        return _candidate_text(self)


def _by_zone(views: Sequence[LocalTime]) -> list[tuple[str, LocalTime]]:
    """One line per zone: ``Europe/London (Ann, Bo)`` and the first view of that zone."""
    groups: dict[str, list[LocalTime]] = {}
    for view in views:
        groups.setdefault(view.zone, []).append(view)
    found_ = []
    for zone, members in groups.items():
        names = [v.who for v in members if v.who != zone]
        label = f"{zone} ({', '.join(names)})" if names else zone
        found_.append((label, members[0]))
    return found_


def _candidate_text(candidate: Candidate) -> str:
    c = candidate
    lines = [
        f"{c.start:%a %Y-%m-%d %H:%M}-{c.end:%H:%M} {c.start.tzname()}:"
        f" {c.outside_minutes} min outside working hours in total,"
        f" {c.worst_minutes} min at worst"
    ]
    for label, p in _by_zone(c.people):
        note = f"{p.outside_minutes} min outside" if p.outside_minutes else "in hours"
        lines.append(f"  {p.start:%a %H:%M}-{p.end:%H:%M} {p.end.tzname()}, {note}  {label}")
    return "\n".join(lines)


@frozen(kw_only=True)
class Overlap:
    """The shared working window, or the least-bad candidates when there is none (X05).

    Attributes:
        window: the longest window within everyone's working hours that is
            at least ``length`` long, or None.
        candidates: when there is no such window, the least-bad start times,
            best first (empty otherwise).
        length: the meeting length looked for.
        hours: the working hours assumed in every zone.
        people: each participant's view of ``window`` (empty without one).
    """

    window: MeetingWindow | None
    candidates: tuple[Candidate, ...]
    length: _dt.timedelta
    hours: tuple[_dt.time, _dt.time]
    people: tuple[LocalTime, ...] = ()

    def __repr__(self) -> str:
        if self.window is not None:
            return (
                f"<Overlap: shared {self.window.start.isoformat()}"
                f" to {self.window.end.isoformat()}>"
            )
        return f"<Overlap: no shared window; {len(self.candidates)} candidate(s)>"

    def to_text(self) -> str:
        """Render as plain text, as ``peerassist overlap`` prints it."""
        hours = f"{self.hours[0]:%H:%M}-{self.hours[1]:%H:%M}"
        minutes = int(self.length.total_seconds()) // 60
        if self.window is not None:
            w = self.window
            lines = [
                f"Shared working hours ({hours} local, at least {minutes} min):"
                f" {w.start:%a %Y-%m-%d %H:%M}-{w.end:%H:%M} {w.start.tzname()}"
            ]
            for label, p in _by_zone(self.people):
                lines.append(f"  {p.start:%a %H:%M}-{p.end:%H:%M} {p.end.tzname()}  {label}")
            return "\n".join(lines) + "\n"
        lines = [
            f"No {minutes} min window lies in everyone's working hours ({hours} local)."
            f" The {len(self.candidates)} least-bad start time(s):"
        ]
        for index, candidate in enumerate(self.candidates, 1):
            lines.append("")
            lines.append(f"{index}. {candidate.to_text()}")
        return "\n".join(lines) + "\n"

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = []
        if self.window is not None:
            title = (
                f"Shared window: {self.window.start:%a %Y-%m-%d %H:%M}"
                f"-{self.window.end:%H:%M} {self.window.start.tzname()}"
            )
            for p in self.people:
                rows.append(
                    f"<tr><td>{esc(p.who)}</td><td>{esc(p.zone)}</td>"
                    f"<td>{p.start:%a %H:%M}-{p.end:%H:%M}</td><td>in hours</td></tr>"
                )
        else:
            title = "No shared window: the least-bad start times"
            for index, c in enumerate(self.candidates, 1):
                rows.append(
                    f'<tr><th colspan="4">{index}. {c.start:%a %Y-%m-%d %H:%M}'
                    f" {esc(c.start.tzname() or '')}: {c.outside_minutes} min outside in total,"
                    f" {c.worst_minutes} min at worst</th></tr>"
                )
                for p in c.people:
                    rows.append(
                        f"<tr><td>{esc(p.who)}</td><td>{esc(p.zone)}</td>"
                        f"<td>{p.start:%a %H:%M}-{p.end:%H:%M}</td>"
                        f"<td>{p.outside_minutes} min outside</td></tr>"
                    )
        return (
            f'<div class="peerassist-overlap"><strong>{esc(title)}</strong>'
            "<table><tr><th>Who</th><th>Zone</th><th>Local time</th><th>Cost</th></tr>"
            + "".join(rows)
            + "</table></div>"
        )


def _people(participants: Iterable[str | Person]) -> list[tuple[str, str]]:
    found_: list[tuple[str, str]] = []
    if isinstance(participants, str):
        participants = [participants]
    for index, item in enumerate(participants):
        if isinstance(item, Person):
            name, zone, path = item.name, item.timezone, f"participants[{index}].timezone"
        else:
            name, zone, path = item, item, f"participants[{index}]"
        if not is_known_zone(zone):
            raise InputError.single(path, "an IANA zone name like Europe/London", found(zone))
        assert isinstance(zone, str)
        found_.append((name, zone))
    if not found_:
        raise InputError.single("participants", "at least one zone or person", "none")
    return found_


def out_of_hours(
    start: DateTime,
    end: DateTime,
    zone: str,
    *,
    hours: tuple[_dt.time, _dt.time] | None = None,
    weekdays_only: bool = True,
) -> int:
    """Return how many minutes of ``start``-``end`` fall outside working hours in ``zone``.

    A day the person does not work (their Saturday and Sunday, with
    ``weekdays_only``) counts whole.
    """
    low, high = hours if hours is not None else default_hours()
    a, b = int(start.timestamp()), int(end.timestamp())
    local = start.in_tz(zone)
    inside = 0
    day = _dt.date(local.year, local.month, local.day) - _dt.timedelta(days=1)
    for _ in range(3 + (b - a) // 86400):
        if not (weekdays_only and day.isoweekday() > 5):
            s = local_seconds(day, low, zone)
            e = local_seconds(day, high, zone)
            inside += max(0, min(b, e) - max(a, s))
        day += _dt.timedelta(days=1)
    return (b - a - inside) // 60


def _check_between(between: object) -> tuple[DateTime, DateTime]:
    if not isinstance(between, tuple | list) or len(between) != 2:
        raise InputError.single("between", "(start, end): two aware times", found(between))
    first = as_instant(between[0], "between[0]")
    last = as_instant(between[1], "between[1]")
    if last <= first:
        raise InputError.single(
            "between[1]", f"a time after between[0] ({first.isoformat()})", last.isoformat()
        )
    return first, last


def suggest_windows(
    participants: Iterable[str | Person],
    length: _dt.timedelta,
    *,
    between: tuple[DateTime, DateTime],
    count: int = 3,
    hours: tuple[_dt.time, _dt.time] | None = None,
    step: _dt.timedelta = _dt.timedelta(minutes=15),
    weekdays_only: bool = True,
) -> tuple[Candidate, ...]:
    """Rank candidate start times by how far they fall outside everyone's working hours (X05).

    Candidates start every ``step`` (on the step grid of ``between[0]``'s
    zone) and end by ``between[1]``. They are ranked by the minutes outside
    working hours summed over everyone, then by the worst-off person's, then
    by the earliest start; each chosen candidate overlaps none chosen before.

    Args:
        participants: IANA zone names, or people (their ``timezone``).
        length: the meeting's length.
        between: the earliest start and the latest end, aware; the first's
            zone is the reference zone the candidates are shown in.
        count: how many candidates to return at most.
        hours: each participant's local working hours; None for the
            policy's (``Policy.working_hours_start``/``_end``).
        step: the spacing of candidate starts.
        weekdays_only: count each participant's Saturday and Sunday as
            outside their working hours.

    Returns:
        Up to ``count`` candidates, best first.

    Raises:
        InputError: an unknown zone, bad ``between``, ``length``, ``count`` or ``step``.
    """
    people = _people(participants)
    first, last = _check_between(between)
    if not isinstance(length, _dt.timedelta) or length.total_seconds() <= 0:
        raise InputError.single("length", "a positive duration", found(length))
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise InputError.single("count", "a whole number, at least 1", found(count))
    if not isinstance(step, _dt.timedelta) or step.total_seconds() < 60:
        raise InputError.single("step", "a duration of at least one minute", found(step))
    working = hours if hours is not None else default_hours()
    zone = zone_name(first)
    step_s = int(step.total_seconds())
    span = int(length.total_seconds())
    # The first start on the grid: whole steps from the local midnight.
    local = first.in_tz(zone)
    midnight = local_seconds(_dt.date(local.year, local.month, local.day), _dt.time(0), zone)
    at = midnight + -(-(int(first.timestamp()) - midnight) // step_s) * step_s
    stop = int(last.timestamp()) - span
    clock = Clock(first.tzinfo)
    ranked: list[tuple[int, int, int]] = []
    while at <= stop:
        start, end = clock(at), clock(at + span)
        costs = [
            out_of_hours(start, end, z, hours=working, weekdays_only=weekdays_only)
            for _, z in people
        ]
        ranked.append((sum(costs), max(costs), at))
        at += step_s
    ranked.sort()
    chosen: list[int] = []
    for _total, _worst, at in ranked:
        if all(abs(at - other) >= span for other in chosen):
            chosen.append(at)
            if len(chosen) == count:
                break
    return tuple(_candidate(at, span, first, people, working, weekdays_only) for at in chosen)


def _candidate(
    at: int,
    span: int,
    first: DateTime,
    people: Sequence[tuple[str, str]],
    hours: tuple[_dt.time, _dt.time],
    weekdays_only: bool,
) -> Candidate:
    clock = Clock(first.tzinfo)
    start, end = clock(at), clock(at + span)
    views = tuple(
        LocalTime(
            who=name,
            zone=zone,
            start=start.in_tz(zone),
            end=end.in_tz(zone),
            outside_minutes=out_of_hours(
                start, end, zone, hours=hours, weekdays_only=weekdays_only
            ),
        )
        for name, zone in people
    )
    costs = [v.outside_minutes for v in views]
    return Candidate(
        start=start, end=end, outside_minutes=sum(costs), worst_minutes=max(costs), people=views
    )


def overlap_report(
    participants: Iterable[str | Person],
    length: _dt.timedelta,
    *,
    between: tuple[DateTime, DateTime],
    count: int = 3,
    hours: tuple[_dt.time, _dt.time] | None = None,
    weekdays_only: bool = True,
) -> Overlap:
    """Find the shared working window of at least ``length``, or the least-bad candidates.

    Looks day by day (in ``between[0]``'s zone) from ``between[0]`` to
    ``between[1]`` for the longest window in everyone's working hours; the
    first long enough wins. Without one, :func:`suggest_windows` ranks the
    candidates.

    Raises:
        InputError: as :func:`suggest_windows`.
    """
    from peerassist.agenda._zones import shared_windows

    people = _people(participants)
    first, last = _check_between(between)
    working = hours if hours is not None else default_hours()
    zone = zone_name(first)
    day = first.in_tz(zone).date()
    final = last.in_tz(zone).date()
    while day <= final:
        windows = shared_windows(
            [z for _, z in people], day, zone=zone, hours=working, weekdays_only=weekdays_only
        )
        for window in sorted(windows, key=lambda w: -w.length):
            if window.end <= first or window.start >= last:
                continue
            start = max(window.start, first)
            end = min(window.end, last)
            if (end - start).total_seconds() >= length.total_seconds():
                shared = MeetingWindow(start=start.in_tz(zone), end=end.in_tz(zone))
                views = tuple(
                    LocalTime(
                        who=name,
                        zone=z,
                        start=shared.start.in_tz(z),
                        end=shared.end.in_tz(z),
                        outside_minutes=0,
                    )
                    for name, z in people
                )
                return Overlap(
                    window=shared, candidates=(), length=length, hours=working, people=views
                )
        day = day + _dt.timedelta(days=1)
    candidates = suggest_windows(
        participants,
        length,
        between=(first, last),
        count=count,
        hours=working,
        weekdays_only=weekdays_only,
    )
    return Overlap(window=None, candidates=candidates, length=length, hours=working)
