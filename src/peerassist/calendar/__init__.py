"""iCalendar invites for a peer assist, on ics 0.7.3, hardened.

* :func:`messages` returns the iTIP messages (RFC 5546) to send: one per
  event (each meeting day or agenda slot, the social time, the pre-brief),
  each with one VEVENT and one UID, addressed to the people that event
  invites. :func:`emails` wraps them as iMIP emails (RFC 6047) and
  :func:`send` sends those over SMTP; :func:`mark_sent` records on the
  assist what they carried. :func:`read_reply` reads an invitee's REPLY
  back onto the assist.
* :func:`to_ics` returns one iCalendar object holding several components:
  with ``method=None`` and the event parts, the combined calendar to import
  (no METHOD); with ``parts={"todos"}``, the organiser's to-dos (VTODOs for
  the briefing materials, M14, the action list, M22, and the After Action
  Review, M25). It is not a message to mail: a message must hold one UID.
* :func:`to_calendar` returns the same as an ``ics.Calendar`` to extend;
  :func:`dumps` writes any ``ics.Calendar`` with the same hardening.
* :func:`to_resources` returns the storage form for CalDAV servers: one
  object per component, without METHOD.

Identity: UIDs are ``{assist.id}-{part}@peerassist`` (``-day1``, ``-social``,
``-prebrief``, ``-todo-briefing``...), so a new export of the same assist
updates what was sent. SEQUENCE is each component's own, derived from
``assist.invitations`` (what the invites last carried): it rises when the
component's start, end, location, status or attendees change and on a
cancellation, never otherwise (not with ``revision``). The organiser is an
ATTENDEE with ``ROLE=CHAIR;PARTSTAT=ACCEPTED`` and no RSVP; every other
attendee carries the answer they gave to the current SEQUENCE. DTSTAMP is
``now``. Instants are written in UTC (``...Z``), which every client reads.

ics is imported only when one of these functions runs: ``import
peerassist.calendar`` does not pay for it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from peerassist._time import DateTime, as_instant, duration, utc_now
from peerassist.agenda import Agenda
from peerassist.calendar._messages import EVENT_PARTS, Message, mark_sent, send
from peerassist.calendar._options import DEFAULT_ROLES, METHODS, PARTS, check_options
from peerassist.calendar._plan import DUE_HOUR, plan
from peerassist.calendar._reply import Reply, read_reply
from peerassist.exceptions import CalendarError, InputError
from peerassist.model import PeerAssist, Person, Role
from peerassist.policy import Policy

if TYPE_CHECKING:
    from email.message import EmailMessage

    from peerassist.calendar._ics import Calendar

__all__ = [
    "DEFAULT_ALARM",
    "DEFAULT_ROLES",
    "DUE_HOUR",
    "EVENT_PARTS",
    "METHODS",
    "PARTS",
    "PRODID",
    "Message",
    "Reply",
    "dumps",
    "emails",
    "mark_sent",
    "messages",
    "read_reply",
    "send",
    "to_calendar",
    "to_ics",
    "to_resources",
]

PRODID = "-//peerassist//peerassist//EN"
"""The PRODID written in every object."""

DEFAULT_ALARM: _dt.timedelta = duration(minutes=30)
"""The default reminder: 30 minutes before each event starts."""


def _now(now: object) -> _dt.datetime:
    if now is None:
        now = utc_now()
    try:
        instant = as_instant(now, "now")
    except InputError as err:
        raise CalendarError(str(err)) from None
    u = instant.in_tz("UTC")
    return _dt.datetime(u.year, u.month, u.day, u.hour, u.minute, u.second, tzinfo=_dt.UTC)


def to_calendar(
    assist: PeerAssist,
    *,
    method: str | None = "REQUEST",
    now: DateTime | _dt.datetime | None = None,
    organizer: str | Person = "caller",
    per_slot: bool = False,
    alarm: _dt.timedelta | None = DEFAULT_ALARM,
    parts: Collection[str] = PARTS,
    roles: Mapping[Role, str] | None = None,
    policy: Policy | None = None,
    sequence: int | None = None,
    uid_domain: str = "peerassist",
    agenda: Agenda | None = None,
) -> Calendar:
    """Return the assist's invites as an ``ics.Calendar``, to extend with ics.

    Takes the same arguments as :func:`to_ics`. Write the result with
    :func:`dumps` (not ``Calendar.serialize()``) to keep the hardening:
    stable order, METHOD on top, quoted names, folding, no warnings.

    Raises:
        CalendarError: see :func:`to_ics`.
    """
    return _build(
        assist,
        _now(now),
        storage=method is None,
        method=method,
        organizer=organizer,
        per_slot=per_slot,
        alarm=alarm,
        parts=parts,
        roles=roles,
        policy=policy,
        sequence=sequence,
        uid_domain=uid_domain,
        agenda=agenda,
    )


def _build(assist: PeerAssist, stamp: _dt.datetime, **options: Any) -> Calendar:
    """Check the options, plan the components and build the ics objects."""
    from peerassist.calendar import _ics

    checked = check_options(assist, **options)
    return _ics.build(plan(assist, checked), method=checked.method, now=stamp, prodid=PRODID)


def to_ics(
    assist: PeerAssist,
    *,
    method: str | None = "REQUEST",
    now: DateTime | None = None,
    organizer: str | Person = "caller",
    per_slot: bool = False,
    alarm: _dt.timedelta | None = DEFAULT_ALARM,
    parts: Collection[str] = PARTS,
    roles: Mapping[Role, str] | None = None,
    policy: Policy | None = None,
    sequence: int | None = None,
    uid_domain: str = "peerassist",
    agenda: Agenda | None = None,
) -> str:
    """Return the assist's components as the text of one iCalendar object.

    One object with several UIDs is a calendar to import, not a message to
    mail: RFC 5546 requires one UID per REQUEST or CANCEL, and Outlook and
    Gmail show only the first event of a message with several. Send
    :func:`messages` instead. Import forms:

    * ``to_ics(assist, method=None, parts=EVENT_PARTS)``: the combined
      calendar of all events, with no METHOD (``calendar.ics``);
    * ``to_ics(assist, method=None, parts={"todos"})``: the organiser's
      to-dos, each with DTSTART, DUE and PRIORITY (``organizer-todo.ics``).

    Args:
        assist: a scheduled assist (it needs at least one meeting window).
        method: ``None`` for no METHOD (an object to import), or
            ``"REQUEST"``, ``"CANCEL"`` or ``"PUBLISH"`` (no attendees, per
            RFC 5546), in any case. A cancelled assist always gives
            ``CANCEL`` for ``REQUEST``, and every component
            ``STATUS:CANCELLED`` without a METHOD.
        now: the DTSTAMP, an aware instant (the clock when omitted).
        organizer: ``"caller"``, ``"facilitator"`` or a :class:`Person`.
        per_slot: one VEVENT per agenda slot instead of one per day.
        alarm: how long before each event to remind; ``None`` for no VALARM.
            (A CANCEL has none.)
        parts: which of ``"days"``, ``"social"``, ``"pre_brief"`` and
            ``"todos"`` to include; all by default. Cancel what you sent:
            use the same ``parts`` and ``per_slot`` for the CANCEL.
        roles: iCalendar ROLE per peer-assist role, over
            :data:`DEFAULT_ROLES`.
        policy: the policy giving the briefing lead time (the assist's
            profile by default).
        sequence: one SEQUENCE for every component (by default each
            component's own, derived from ``assist.invitations``).
        uid_domain: the part of every UID after ``@``.
        agenda: the meeting's agenda, shown in each day's DESCRIPTION (and
            the slots for ``per_slot``); planned with
            :func:`peerassist.agenda.agenda_for` when omitted.

    Returns:
        The text: CRLF line ends, lines folded at 75 octets, METHOD (if
        any) right after VERSION and PRODID, a final CRLF. The same input
        and ``now`` give the same text.

    Raises:
        CalendarError: for an unknown method or option, an assist with no
            meeting window, or ``organizer="facilitator"`` without one.
    """
    from peerassist.calendar import _ics

    stamp = _now(now)
    calendar = to_calendar(
        assist,
        method=method,
        now=stamp,
        organizer=organizer,
        per_slot=per_slot,
        alarm=alarm,
        parts=parts,
        roles=roles,
        policy=policy,
        sequence=sequence,
        uid_domain=uid_domain,
        agenda=agenda,
    )
    return _ics.dumps(calendar, now=stamp)


def to_resources(
    assist: PeerAssist,
    *,
    now: DateTime | None = None,
    method: str | None = None,
    organizer: str | Person = "caller",
    per_slot: bool = False,
    alarm: _dt.timedelta | None = DEFAULT_ALARM,
    parts: Collection[str] = PARTS,
    roles: Mapping[Role, str] | None = None,
    policy: Policy | None = None,
    sequence: int | None = None,
    uid_domain: str = "peerassist",
    agenda: Agenda | None = None,
) -> dict[str, str]:
    """Return one iCalendar object per component, keyed by file name.

    The storage form for CalDAV servers, which refuse a VEVENT and a VTODO
    in one resource: without ``method`` each object has no METHOD and keeps
    its attendees. A cancelled assist gives every component with
    ``STATUS:CANCELLED``. With ``method``, each object is an iTIP message of
    its own (some mail clients read one event per message).

    File names are the UID's part before ``@`` plus ``.ics``
    (``pa-ed-front-door-day1.ics``), from a safe alphabet.

    Raises:
        CalendarError: see :func:`to_ics`.
    """
    from peerassist.calendar import _ics

    stamp = _now(now)
    calendar = _build(
        assist,
        stamp,
        method=method,
        organizer=organizer,
        per_slot=per_slot,
        alarm=alarm,
        parts=parts,
        roles=roles,
        policy=policy,
        sequence=sequence,
        uid_domain=uid_domain,
        agenda=agenda,
        storage=True,
    )
    return _ics.split(calendar, now=stamp)


def dumps(calendar: Any, *, now: DateTime | None = None) -> str:
    """Write an ``ics.Calendar`` (from :func:`to_calendar` or your own) safely.

    Components come sorted by UID and attendees by address; ORGANIZER and
    ATTENDEE are written with quoted, RFC 6868-encoded names; texts are
    cleaned of control characters; lines are folded at 75 octets with CRLF.

    Args:
        calendar: an ``ics.Calendar``.
        now: the DTSTAMP of components that have none (an event's
            ``created``, a to-do's ``dtstamp``); the clock when omitted.

    Raises:
        CalendarError: when a value cannot be written safely: a UID outside
            ``A-Z a-z 0-9 . _ @ -``, a line break in an extra line, a
            non-http(s) URL, an unknown METHOD.
    """
    from peerassist.calendar import _ics

    return _ics.dumps(calendar, now=_now(now))


def messages(
    assist: PeerAssist,
    *,
    method: str = "REQUEST",
    now: DateTime | _dt.datetime | None = None,
    organizer: str | Person = "caller",
    per_slot: bool = False,
    alarm: _dt.timedelta | None = DEFAULT_ALARM,
    roles: Mapping[Role, str] | None = None,
    policy: Policy | None = None,
    uid_domain: str = "peerassist",
    agenda: Agenda | None = None,
) -> list[Message]:
    """Return the iTIP messages to send: one per event, each for its invitees.

    Each :class:`Message` holds one VEVENT with one UID (RFC 5546 sections
    1.4, 3.2.2 and 3.2.5), the SEQUENCE derived for that event, and the
    addresses it invites (the organiser left out). The events are the
    meeting days (or, with ``per_slot``, the agenda's working slots), the
    social time and the pre-brief; the organiser's to-dos are not sent
    (write them with ``to_ics(assist, method=None, parts={"todos"})``).
    A CANCEL gives one message per event, each ``STATUS:CANCELLED`` with
    its SEQUENCE raised. After sending, record what was sent with
    :func:`mark_sent`, so the next SEQUENCE is right.

    Args:
        assist: a scheduled assist (it needs at least one meeting window).
        method: ``"REQUEST"``, ``"CANCEL"`` or ``"PUBLISH"``; a cancelled
            assist gives ``CANCEL`` for ``REQUEST``.
        now: the DTSTAMP, an aware instant (the clock when omitted).
        organizer: ``"caller"``, ``"facilitator"`` or a :class:`Person`.
        per_slot: one event per agenda slot instead of one per day.
        alarm: how long before each event to remind; ``None`` for none.
        roles: iCalendar ROLE per peer-assist role, over :data:`DEFAULT_ROLES`.
        policy: the policy (the assist's profile by default).
        uid_domain: the part of every UID after ``@``.
        agenda: the meeting's agenda (planned when omitted).

    Returns:
        The messages, sorted by UID. The same input and ``now`` give the
        same messages, byte for byte.

    Raises:
        CalendarError: as :func:`to_ics`.
    """
    from peerassist.calendar import _ics, _messages

    stamp = _now(now)
    checked = check_options(
        assist,
        method=method,
        organizer=organizer,
        per_slot=per_slot,
        alarm=alarm,
        parts=EVENT_PARTS,
        roles=roles,
        policy=policy,
        sequence=None,
        uid_domain=uid_domain,
        agenda=agenda,
    )
    parts = plan(assist, checked)
    calendar = _ics.build(parts, method=checked.method, now=stamp, prodid=PRODID)
    texts = _ics.split(calendar, now=stamp)
    return _messages.messages_of(parts, texts, checked.method, checked.organizer.email, stamp)


def emails(
    assist: PeerAssist,
    *,
    sender: str,
    method: str = "REQUEST",
    now: DateTime | _dt.datetime | None = None,
    organizer: str | Person = "caller",
    per_slot: bool = False,
    alarm: _dt.timedelta | None = DEFAULT_ALARM,
    uid_domain: str = "peerassist",
) -> list[EmailMessage]:
    """Return the invites as iMIP emails (RFC 6047), ready for :func:`send`.

    One email per message of :func:`messages` and per group of its
    recipients who share a time zone: a ``multipart/alternative`` with a
    ``text/plain`` summary (the times in the meeting's zone and, when it
    differs, in the recipients' own) and the ``text/calendar;
    method=...; charset=utf-8`` part holding the message.

    Args:
        assist: a scheduled assist.
        sender: the From address (usually the organiser's).
        method, now, organizer, per_slot, alarm, uid_domain: as for
            :func:`messages`.

    Returns:
        The emails, in UID order, then by zone.

    Raises:
        CalendarError: as :func:`messages`, or for a sender that is not a
            plausible address.
    """
    from peerassist.calendar import _messages

    stamp = _now(now)
    batch = messages(
        assist,
        method=method,
        now=stamp,
        organizer=organizer,
        per_slot=per_slot,
        alarm=alarm,
        uid_domain=uid_domain,
    )
    return _messages.build_emails(assist, batch, sender=sender, now=stamp)
