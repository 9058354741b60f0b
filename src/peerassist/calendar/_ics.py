"""The one module that imports ics (0.7.3); loaded only when an export runs.

Two halves:

* :func:`build` turns planned parts into an ``ics.Calendar`` of ordinary ics
  objects (events with organizer, attendees and a display alarm; to-dos), so
  callers can extend it with the ics API they know;
* :func:`dumps` writes any ``ics.Calendar`` down. ics 0.7.3 is the object
  model; its writer has traps (components and attendees in sets, so no
  stable order; METHOD after the components; CN escaped instead of quoted;
  UID, PRODID and extra lines written raw; URL escaped as text; CR written
  as ``\\r``; no folding; a FutureWarning from every VALARM; no DTSTAMP
  without ``created``), so the properties that matter are written here,
  from the objects' fields, through :mod:`peerassist.calendar._sanitize`;
  ics' own per-property writers are used for the rest (geo, categories,
  classification, transparency, all-day dates, durations).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

import ics
from ics.alarm import DisplayAlarm
from ics.grammar.parse import Container, ContentLine
from ics.serializers.event_serializer import EventSerializer
from ics.utils import timedelta_to_duration

from peerassist.calendar._plan import Part
from peerassist.calendar._sanitize import (
    attendee_text,
    check_line,
    escape_text,
    fold_lines,
    http_uri,
    person_text,
    safe_uid,
    token,
    utc_text,
)
from peerassist.exceptions import CalendarError

__all__ = ["Calendar", "build", "dumps", "split"]

Calendar = ics.Calendar
"""The ics calendar class (for type hints elsewhere, without importing ics)."""

_METHODS = frozenset({"REQUEST", "CANCEL", "PUBLISH"})
DEFAULT_PRODID = "-//peerassist//peerassist//EN"


class _SafeLine(ContentLine):  # type: ignore[misc]
    """A content line built here from sanitised values; written without checks."""


def build(parts: Iterable[Part], *, method: str, now: _dt.datetime, prodid: str) -> ics.Calendar:
    """Return an ``ics.Calendar`` holding ``parts``.

    ``method`` may be empty (the storage form), and ``"PUBLISH"`` leaves the
    attendees out (RFC 5546). Events carry ics ``Organizer``, ``Attendee``
    and ``DisplayAlarm`` objects; SEQUENCE (each part's own) is an extra
    line, since ics 0.7.3 has no field for it. To-dos, which ics gives no people, carry ORGANIZER
    and ATTENDEE as extra lines.
    """
    calendar = ics.Calendar(creator=prodid)
    if method:
        calendar.method = method
    with_attendees = method != "PUBLISH"
    for part in parts:
        seq = str(part.sequence)
        if part.kind == "VEVENT":
            event = ics.Event(
                name=part.summary,
                begin=part.start,
                end=part.end,
                uid=part.uid,
                description=part.description or None,
                created=now,
                location=part.location or None,
                url=part.url or None,
                status=part.status,
            )
            event.organizer = ics.Organizer(part.organizer.email, common_name=part.organizer.name)
            if with_attendees:
                event.attendees.update(
                    ics.Attendee(
                        a.email,
                        common_name=a.name,
                        role=a.role,
                        partstat=a.partstat,
                        # ics 0.7.3 raises TypeError at serialize for True
                        rsvp="TRUE" if a.rsvp else None,
                        cutype="INDIVIDUAL",
                    )
                    for a in part.attendees
                )
            if part.alarm is not None:
                event.alarms.append(DisplayAlarm(trigger=-part.alarm, display_text=part.summary))
            event.extra.append(_SafeLine("SEQUENCE", {}, seq))
            calendar.events.add(event)
        else:
            todo = ics.Todo(
                dtstamp=now,
                uid=part.uid,
                name=part.summary,
                description=part.description or None,
                begin=part.start,
                due=part.due,
                priority=part.priority,
                status=part.status,
            )
            extra = todo.extra
            extra.append(_SafeLine("SEQUENCE", {}, seq))
            extra.append(_person_line("ORGANIZER", part.organizer.email, part.organizer.name, ""))
            if with_attendees:
                extra.extend(
                    _person_line(
                        "ATTENDEE",
                        a.email,
                        a.name,
                        _ATTENDEE_PARAMS.format(a.role, a.partstat)
                        + (";RSVP=TRUE" if a.rsvp else ""),
                    )
                    for a in part.attendees
                )
            calendar.todos.add(todo)
    return calendar


_ATTENDEE_PARAMS = ";CUTYPE=INDIVIDUAL;ROLE={};PARTSTAT={}"


class _RawLine(_SafeLine):
    """A whole, already written content line (name, parameters and value)."""

    def __init__(self, text: str) -> None:
        super().__init__("X-RAW", {}, "")
        self.text = text

    def __str__(self) -> str:
        return self.text

    def clone(self) -> _RawLine:
        return _RawLine(self.text)


def _person_line(name: str, email: str, common_name: str | None, params: str) -> _RawLine:
    return _RawLine(person_text(name, email, common_name, params))


def dumps(calendar: Any, *, now: _dt.datetime | None = None) -> str:
    """Write an ``ics.Calendar`` as hardened iCalendar text.

    ``now`` is the DTSTAMP of components that have none (``created`` for an
    event, ``dtstamp`` for a to-do).

    Raises:
        CalendarError: when a value cannot be written safely (a UID outside
            the safe alphabet, a raw line break in an extra line, an unknown
            METHOD, a URL that is not http(s)) or a DTSTAMP is missing.
    """
    if not isinstance(calendar, ics.Calendar):
        raise CalendarError(f"calendar: expected an ics.Calendar, found {type(calendar).__name__}")
    creator = calendar.creator or DEFAULT_PRODID
    check_line(creator, "calendar.creator")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + creator]
    if calendar.scale:
        lines.append("CALSCALE:" + token(calendar.scale, "calendar.scale"))
    if calendar.method:
        method = str(calendar.method).upper()
        if method not in _METHODS:
            raise CalendarError(
                f"calendar.method: expected one of {', '.join(sorted(_METHODS))}, found {method!r}"
            )
        lines.append("METHOD:" + method)
    _extra(calendar.extra, lines, "calendar.extra")
    for event in sorted(calendar.events, key=_uid_key):
        _event_lines(event, lines, now)
    for todo in sorted(calendar.todos, key=_uid_key):
        _todo_lines(todo, lines, now)
    lines.append("END:VCALENDAR")
    return fold_lines(lines)


def split(calendar: Any, *, now: _dt.datetime | None = None) -> dict[str, str]:
    """Write each component of ``calendar`` as its own iCalendar object.

    Returns a mapping from file name (the UID's part before ``@``, plus
    ``.ics``) to text; the method, if any, is kept in each.
    """
    if not isinstance(calendar, ics.Calendar):
        raise CalendarError(f"calendar: expected an ics.Calendar, found {type(calendar).__name__}")
    out: dict[str, str] = {}
    components = sorted(calendar.events, key=_uid_key) + sorted(calendar.todos, key=_uid_key)
    for component in components:
        single = ics.Calendar(creator=calendar.creator or DEFAULT_PRODID)
        single.method = calendar.method
        single.scale = calendar.scale
        if isinstance(component, ics.Event):
            single.events.add(component)
        else:
            single.todos.add(component)
        uid = safe_uid(component.uid)
        out[uid.partition("@")[0] + ".ics"] = dumps(single, now=now)
    return out


def _uid_key(component: Any) -> str:
    return str(component.uid)


def _check(item: Any, path: str) -> None:
    """Refuse an extra line that could add a line or a parameter."""
    if isinstance(item, Container):
        check_line(item.name, path)
        for child in item:
            _check(child, f"{path}.{item.name}")
        return
    name = f"{path}.{item.name}"
    check_line(item.name, name)
    for param, values in item.params.items():
        check_line(param, name)
        for value in values:
            check_line(value, f"{name};{param}")
            quoted = len(value) > 1 and value[0] == value[-1] == '"'
            inner = value[1:-1] if quoted else value
            if '"' in inner or (not quoted and any(c in value for c in ":;,")):
                raise CalendarError(
                    f"{name};{param}: expected a value quoted when it holds ':', ';' or ','"
                    f" and without inner quotes, found {value!r}"
                )
    check_line(item.value, name)


def _extra(extra: Iterable[Any], lines: list[str], path: str) -> None:
    for item in extra:
        if not isinstance(item, _SafeLine):
            _check(item, path)
        text = str(item)
        lines.extend(text.split("\r\n") if isinstance(item, Container) else (text,))


def _stamp(component: Any, value: Any, now: _dt.datetime | None, path: str) -> str:
    if value is None:
        if now is None:
            raise CalendarError(f"{path}: expected a DTSTAMP (RFC 5545 requires one), found none")
        value = now
    return "DTSTAMP:" + utc_text(value)


def _texts(component: Any, lines: list[str]) -> None:
    if component.name:
        lines.append("SUMMARY:" + escape_text(component.name))
    if component.description:
        lines.append("DESCRIPTION:" + escape_text(component.description))
    if component.location:
        lines.append("LOCATION:" + escape_text(component.location))


def _url(component: Any, lines: list[str], path: str) -> None:
    if component.url:
        safe = http_uri(component.url)
        if safe is None:
            raise CalendarError(f"{path}.url: expected an http(s) link, found {component.url!r}")
        lines.append("URL:" + safe)


def _status(component: Any, lines: list[str]) -> None:
    if component.status:
        lines.append("STATUS:" + component.status)  # ics allows only a fixed set


# ics' own writers for what it writes safely (numbers, dates, fixed tokens).
_EVENT_PASSTHROUGH = (
    EventSerializer.serialize_all_day,
    EventSerializer.serialize_duration,
    EventSerializer.serialize_last_modified,
    EventSerializer.serialize_geo,
    EventSerializer.serialize_transparent,
    EventSerializer.serialize_class,
    EventSerializer.serialize_categories,
)


def _event_lines(event: Any, lines: list[str], now: _dt.datetime | None) -> None:
    uid = safe_uid(event.uid, "event.uid")
    path = f"event[{uid}]"
    lines.append("BEGIN:VEVENT")
    lines.append("UID:" + uid)
    lines.append(_stamp(event, event.created, now, f"{path}.created"))
    if event.begin and not event.all_day:
        lines.append("DTSTART:" + utc_text(event.begin))
        if event._end_time:
            lines.append("DTEND:" + utc_text(event.end))
    _texts(event, lines)
    _url(event, lines, path)
    _status(event, lines)
    organizer = event.organizer
    if organizer is not None:
        if isinstance(organizer, str):
            lines.append(person_text("ORGANIZER", organizer, None, ""))
        else:
            lines.append(person_text("ORGANIZER", str(organizer.email), organizer.common_name, ""))
    attendees = [attendee_text(a) for a in event.attendees]
    attendees.sort(key=lambda text: text.rpartition(":mailto:")[2].casefold() + "\0" + text)
    lines.extend(attendees)
    container = Container("VEVENT")
    for writer in _EVENT_PASSTHROUGH:
        writer(event, container)
    lines.extend(str(item) for item in container)
    _extra(event.extra, lines, f"{path}.extra")
    _alarms(event.alarms, lines, path)
    lines.append("END:VEVENT")


def _todo_lines(todo: Any, lines: list[str], now: _dt.datetime | None) -> None:
    uid = safe_uid(todo.uid, "todo.uid")
    path = f"todo[{uid}]"
    lines.append("BEGIN:VTODO")
    lines.append("UID:" + uid)
    lines.append(_stamp(todo, todo.dtstamp, now, f"{path}.dtstamp"))
    if todo.begin:
        lines.append("DTSTART:" + utc_text(todo.begin))
    if todo._due_time:
        lines.append("DUE:" + utc_text(todo._due_time))
    elif todo._duration:
        lines.append("DURATION:" + timedelta_to_duration(todo._duration))
    if todo.completed:
        lines.append("COMPLETED:" + utc_text(todo.completed))
    if todo.created:
        lines.append("CREATED:" + utc_text(todo.created))
    _texts(todo, lines)
    _url(todo, lines, path)
    if todo.percent is not None:
        lines.append(f"PERCENT-COMPLETE:{int(todo.percent)}")
    if todo.priority is not None:
        lines.append(f"PRIORITY:{int(todo.priority)}")
    _status(todo, lines)
    _extra(todo.extra, lines, f"{path}.extra")
    _alarms(todo.alarms, lines, path)
    lines.append("END:VTODO")


def _alarms(alarms: Iterable[Any], lines: list[str], path: str) -> None:
    # Written here: ics' event writer calls str(alarm), which warns.
    for alarm in alarms:
        lines.append("BEGIN:VALARM")
        trigger = alarm.trigger
        if isinstance(trigger, _dt.timedelta):
            lines.append("TRIGGER:" + timedelta_to_duration(trigger))
        elif trigger is not None:
            lines.append("TRIGGER;VALUE=DATE-TIME:" + utc_text(trigger))
        else:
            raise CalendarError(f"{path}.alarms: expected an alarm with a trigger, found none")
        if alarm.duration:
            lines.append("DURATION:" + timedelta_to_duration(alarm.duration))
        if alarm.repeat:
            lines.append(f"REPEAT:{int(alarm.repeat)}")
        lines.append("ACTION:" + token(alarm.action, f"{path}.alarms.action"))
        if isinstance(alarm, DisplayAlarm):
            lines.append("DESCRIPTION:" + escape_text(alarm.display_text or "Reminder"))
        else:
            text = str(alarm.serialize())
            for line in text.split("\r\n")[1:-1]:
                check_line(line, f"{path}.alarms")
                if not line.startswith(("TRIGGER", "DURATION", "REPEAT", "ACTION")):
                    lines.append(line)
        lines.append("END:VALARM")
