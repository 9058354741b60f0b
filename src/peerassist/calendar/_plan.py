"""What an assist's invites hold, before any iCalendar library is involved.

:func:`plan` turns an assist and the export options into a list of
:class:`Part` values (one per VEVENT or VTODO), with every instant in UTC and
every text still plain. The ics layer then only writes them down.
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal

from peerassist._attrs import evolve, frozen
from peerassist._time import Date, DateTime, add_working_days, zone_name
from peerassist.agenda import Agenda, agenda_for
from peerassist.calendar._describe import (
    aar_text,
    action_list_text,
    briefing_text,
    day_slots,
    day_text,
    pre_brief_text,
    slot_text,
    social_text,
)
from peerassist.calendar._options import Options
from peerassist.calendar._sanitize import http_uri
from peerassist.exceptions import AgendaError, CalendarError, InputError
from peerassist.model import PeerAssist, Person, SentInvite

DUE_HOUR = 17
"""Date-only deadlines (action list, AAR, briefing) fall due at 17:00 in the
meeting's zone."""

START_HOUR = 9
"""A to-do's DTSTART: 09:00 in the meeting's zone on the day it falls due."""

PRIORITIES = {"briefing": 1, "actions": 2, "aar": 5}
"""The PRIORITY of each to-do (RFC 5545: 1 highest, 9 lowest)."""


@frozen
class Attendee:
    """One person on a component, with the iCalendar ROLE they have there.

    ``partstat`` is their answer to the component's current SEQUENCE;
    ``rsvp`` whether a reply is asked for (not of the organiser).
    """

    email: str
    name: str
    role: str
    partstat: str = "NEEDS-ACTION"
    rsvp: bool = True


@frozen(kw_only=True)
class Part:
    """One VEVENT or VTODO to write, all instants in UTC."""

    kind: Literal["VEVENT", "VTODO"]
    uid: str
    component: str
    summary: str
    description: str
    status: str
    organizer: Attendee
    attendees: tuple[Attendee, ...]
    start: _dt.datetime | None = None
    end: _dt.datetime | None = None
    due: _dt.datetime | None = None
    location: str = ""
    url: str = ""
    alarm: _dt.timedelta | None = None
    priority: int | None = None
    sequence: int = 0


def _plan_agenda(assist: PeerAssist) -> Agenda:
    try:
        return agenda_for(assist)
    except (AgendaError, InputError) as err:
        raise CalendarError(
            f"agenda: expected an agenda planned from the assist's windows, but planning"
            f" failed ({err}); pass agenda= with one planned by peerassist.agenda"
        ) from err


def _utc(value: DateTime) -> _dt.datetime:
    # Through the timestamp: exact, and much cheaper than pendulum's in_tz.
    return _dt.datetime.fromtimestamp(int(value.timestamp()), _dt.UTC)


def _due(day: Date, zone: str, hour: int = DUE_HOUR) -> _dt.datetime:
    return _utc(DateTime.create(day.year, day.month, day.day, hour, tz=zone))


def _person(person: Person, role: str) -> Attendee:
    return Attendee(person.email, person.name, role)


def plan(assist: PeerAssist, options: Options) -> list[Part]:
    """Return the parts the assist's invites hold, in a stable order.

    Raises:
        CalendarError: when the assist has no meeting window yet.
    """
    windows = assist.logistics.windows
    if not windows:
        raise CalendarError(
            "logistics.windows: expected at least one meeting window (schedule the assist"
            " before exporting invites), found none"
        )
    roles = options.roles
    people = sorted(
        (_person(p, roles[r]) for p, r in assist.participants()),
        key=lambda a: (a.email.casefold(), a.email),
    )
    everyone = tuple(people)
    organizer = _person(options.organizer, "CHAIR")
    status = "CANCELLED" if options.cancelled else _event_status(assist.state)
    alarm = None if options.cancelled else options.alarm
    prefix = assist.id
    domain = options.uid_domain
    location = assist.logistics.venue or assist.logistics.virtual_url
    # Only a real http(s) link becomes URL; other text ("link to follow")
    # stays in LOCATION and DESCRIPTION.
    url = assist.logistics.virtual_url if http_uri(assist.logistics.virtual_url) else ""
    parts: list[Part] = []

    def event(
        uid: str,
        summary: str,
        description: str,
        start: DateTime,
        end: DateTime,
        *,
        who: tuple[Attendee, ...] = everyone,
        where: str = location,
    ) -> None:
        parts.append(
            Part(
                kind="VEVENT",
                uid=f"{prefix}-{uid}@{domain}",
                component=uid,
                summary=summary,
                description=description,
                status=status,
                organizer=organizer,
                attendees=who,
                start=_utc(start),
                end=_utc(end),
                location=where,
                url=url,
                alarm=alarm,
            )
        )

    if "days" in options.parts:
        agenda = options.agenda or _plan_agenda(assist)
        count = len(windows)
        for index, window in enumerate(windows, 1):
            day = f"day{index}"
            slots = day_slots(agenda, index - 1)
            if options.per_slot:
                for number, (slot_summary, text, start, end) in enumerate(
                    slot_text(assist, slots), 1
                ):
                    event(f"{day}-slot{number:02d}", slot_summary, text, start, end)
            else:
                summary = f"Peer assist: {assist.title}"
                if count > 1:
                    summary += f" (day {index} of {count})"
                event(day, summary, day_text(assist, index - 1, slots), window.start, window.end)
    social = assist.logistics.social
    if "social" in options.parts and social is not None:
        event(
            "social",
            f"Peer assist {social.kind}: {assist.title}",
            social_text(assist),
            social.start,
            social.end,
            where=social.venue,
        )
    pre_brief = assist.logistics.pre_brief
    if "pre_brief" in options.parts and pre_brief is not None:
        host_side = [*assist.host.everyone]
        if assist.facilitator is not None:
            host_side.append(assist.facilitator)
        keys = {p.key for p in host_side}
        event(
            "prebrief",
            f"Pre-brief with the facilitator: {assist.title}",
            pre_brief_text(assist),
            pre_brief.start,
            pre_brief.end,
            who=tuple(a for a in everyone if a.email.casefold() in keys),
            where="",
        )
    if "todos" in options.parts:
        parts.extend(_todos(assist, options, organizer, everyone))
    return [_finish(assist, part, options) for part in parts]


def _same_instant(recorded: DateTime, planned: _dt.datetime | None) -> bool:
    return planned is not None and int(recorded.timestamp()) == int(planned.timestamp())


def carried(
    part: Part,
) -> tuple[_dt.datetime | None, _dt.datetime | None, str, str, tuple[str, ...]]:
    """What of ``part`` counts as a significant change: start, end, location,
    status and the attendees' addresses (lower case, sorted)."""
    end = part.end if part.kind == "VEVENT" else part.due
    return (part.start, end, part.location, part.status, attendee_keys(part))


def attendee_keys(part: Part) -> tuple[str, ...]:
    """The part's attendees' addresses, lower case and sorted."""
    return tuple(sorted(a.email.casefold() for a in part.attendees))


def derive_sequence(part: Part, sent: SentInvite | None) -> int:
    """The SEQUENCE of ``part`` given what its invites last carried.

    The same as last time when nothing significant changed (start, end,
    location, status, attendees); one more when something did. With no
    record: 0, or 1 for a cancellation (it must be above the invite sent).
    """
    if sent is None:
        return 1 if part.status == "CANCELLED" else 0
    start, end, location, status, attendees = carried(part)
    same = (
        _same_instant(sent.start, start)
        and _same_instant(sent.end, end)
        and sent.location == location
        and sent.status == status
        and sent.attendees == attendees
    )
    return sent.sequence if same else sent.sequence + 1


def _finish(assist: PeerAssist, part: Part, options: Options) -> Part:
    """Set the part's SEQUENCE, the organiser as CHAIR and each answer."""
    invitations = assist.invitations
    organizer = options.organizer.email.casefold()
    people = [a for a in part.attendees if a.email.casefold() != organizer]
    if part.kind == "VEVENT":
        chair = Attendee(
            options.organizer.email, options.organizer.name, "CHAIR", "ACCEPTED", rsvp=False
        )
        people.append(chair)
        people.sort(key=lambda a: (a.email.casefold(), a.email))
    else:  # the organiser's own to-dos: accepted, no reply asked for
        people = [
            evolve(a, partstat="ACCEPTED", rsvp=False) if a.email.casefold() == organizer else a
            for a in part.attendees
        ]
    part = evolve(part, attendees=tuple(people))
    if options.sequence is not None:
        sequence = options.sequence
    else:
        sent = invitations.sent_for(part.component) if invitations is not None else None
        sequence = derive_sequence(part, sent)
    if invitations is not None and invitations.replies and part.kind == "VEVENT":
        answers = invitations.replies_for(part.component)
        people = [
            evolve(a, partstat=answers[key].status.value.upper())
            if a.rsvp
            and (key := a.email.casefold()) in answers
            and answers[key].sequence == sequence
            else a
            for a in people
        ]
    return evolve(part, attendees=tuple(people), sequence=sequence)


def _event_status(state: str) -> str:
    return "TENTATIVE" if state in ("scoping", "research") else "CONFIRMED"


def _todos(
    assist: PeerAssist, options: Options, organizer: Attendee, everyone: tuple[Attendee, ...]
) -> list[Part]:
    zone = assist.logistics.zone or zone_name(assist.logistics.windows[0].start)
    first = assist.logistics.windows[0].start
    first_day = Date(first.year, first.month, first.day)
    caller = assist.host.caller.key
    owner = tuple(a for a in everyone if a.email.casefold() == caller)
    prefix, domain = assist.id, options.uid_domain

    def todo(uid: str, summary: str, text: str, day: Date, done: bool, priority: int) -> Part:
        status = "CANCELLED" if options.cancelled else "COMPLETED" if done else "NEEDS-ACTION"
        return Part(
            kind="VTODO",
            uid=f"{prefix}-todo-{uid}@{domain}",
            component=f"todo-{uid}",
            summary=summary,
            description=text,
            status=status,
            organizer=organizer,
            attendees=owner,
            start=_due(day, zone, START_HOUR),
            due=_due(day, zone),
            priority=priority,
        )

    briefing = assist.logistics.briefing
    send_by = add_working_days(
        first_day, -options.policy.briefing_lead_days, holidays=options.policy.holidays()
    )
    todos = [
        todo(
            "briefing",
            f"Send the briefing materials: {assist.title}",
            briefing_text(assist, send_by),
            send_by,
            bool(briefing) and all(b.sent_at is not None for b in briefing),
            1,
        )
    ]
    follow_up = assist.follow_up
    if follow_up.action_list_due is not None:
        todos.append(
            todo(
                "actions",
                f"Action list due: {assist.title}",
                action_list_text(assist),
                follow_up.action_list_due,
                bool(follow_up.actions),
                2,
            )
        )
    aar = follow_up.aar
    if aar is not None and aar.planned_on is not None:
        todos.append(
            todo(
                "aar",
                f"After Action Review: {assist.title}",
                aar_text(assist),
                aar.planned_on,
                aar.held_on is not None,
                5,
            )
        )
    return todos
