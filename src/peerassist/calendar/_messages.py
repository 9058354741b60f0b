"""iTIP messages (RFC 5546), one per event, and their emails (iMIP, RFC 6047).

RFC 5546 allows one component type per message, and every component of a
REQUEST or CANCEL must share one UID; mail clients show only the first event
of a message that holds several. So :func:`messages` writes one message per
event, addressed to the people that event invites, and :func:`emails` wraps
each in a standard ``email.message.EmailMessage``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from peerassist._attrs import frozen
from peerassist._time import DateTime, as_instant
from peerassist.calendar._describe import when_text
from peerassist.calendar._plan import Part, attendee_keys, carried
from peerassist.exceptions import CalendarError, InputError
from peerassist.model import Invitations, PeerAssist, SentInvite

__all__ = ["Message", "build_emails", "mark_sent", "messages_of", "send"]

EVENT_PARTS: frozenset[str] = frozenset({"days", "social", "pre_brief"})
"""The parts that are events, sent as messages (the to-dos are the organiser's)."""

_EMAIL = re.compile(r"^[^@\s\"<>(),:;\\\[\]]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+\Z")


@frozen(kw_only=True)
class Message:
    """One iTIP message: one VEVENT, one UID, for the people it invites.

    Attributes:
        uid: the event's UID.
        component: the assist's name for the event (``day1``, ``social``,
            ``prebrief``, ``day1-slot03``).
        method: ``REQUEST``, ``CANCEL`` or ``PUBLISH``.
        sequence: the event's SEQUENCE.
        recipients: the addresses the event invites, the organiser left
            out, sorted.
        filename: a safe file name (``<uid before @>.ics``).
        text: the iCalendar text (CRLF, folded, one VEVENT).
        summary: the event's SUMMARY.
        carries: what the message carries that counts as a significant
            change; :func:`~peerassist.calendar.mark_sent` records it.
    """

    uid: str
    component: str
    method: str
    sequence: int
    recipients: tuple[str, ...]
    filename: str
    text: str
    summary: str
    carries: SentInvite


def _instant(value: _dt.datetime | None) -> DateTime:
    assert value is not None
    return as_instant(value)


def record_of(part: Part, at: _dt.datetime) -> SentInvite:
    """The record of what ``part``'s invites carry."""
    start, end, location, status, attendees = carried(part)
    return SentInvite(
        component=part.component,
        sequence=part.sequence,
        start=_instant(start),
        end=_instant(end),
        at=as_instant(at),
        location=location,
        status=status,
        attendees=attendees,
    )


def messages_of(
    parts: Sequence[Part], texts: dict[str, str], method: str, organizer: str, now: _dt.datetime
) -> list[Message]:
    """Pair each planned event with its written text, in UID order."""
    out: list[Message] = []
    skip = organizer.casefold()
    for part in sorted(parts, key=lambda p: p.uid):
        recipients = tuple(k for k in attendee_keys(part) if k != skip)
        filename = part.uid.partition("@")[0] + ".ics"
        out.append(
            Message(
                uid=part.uid,
                component=part.component,
                method=method,
                sequence=part.sequence,
                recipients=recipients,
                filename=filename,
                text=texts[filename],
                summary=part.summary,
                carries=record_of(part, now),
            )
        )
    return out


def mark_sent(
    assist: PeerAssist, messages: Iterable[Message], *, now: DateTime | _dt.datetime
) -> bool:
    """Record on ``assist`` what ``messages`` carried; return whether it changed.

    A record equal to the one kept (but for its time) is left as it was, so
    writing the same invites twice changes nothing.
    """
    invitations = assist.invitations or Invitations()
    kept = {s.component: s for s in invitations.sent}
    changed = False
    for message in messages:
        if not isinstance(message, Message):
            raise CalendarError(
                f"messages: expected Message values, found {type(message).__name__}"
            )
        new = message.carries
        old = kept.get(new.component)
        if old is not None and _same_record(old, new):
            continue
        kept[new.component] = SentInvite(
            component=new.component,
            sequence=new.sequence,
            start=new.start,
            end=new.end,
            at=as_instant(now),
            location=new.location,
            status=new.status,
            attendees=new.attendees,
        )
        changed = True
    if changed:
        sent = tuple(kept[name] for name in sorted(kept))
        assist.invitations = Invitations(sent=sent, replies=invitations.replies)
    return changed


def _same_record(a: SentInvite, b: SentInvite) -> bool:
    return (
        a.sequence == b.sequence
        and a.start.timestamp() == b.start.timestamp()
        and a.end.timestamp() == b.end.timestamp()
        and a.location == b.location
        and a.status == b.status
        and a.attendees == b.attendees
    )


# -- email (iMIP) -------------------------------------------------------------


def _check_sender(sender: object) -> str:
    if not isinstance(sender, str) or _EMAIL.match(sender) is None:
        raise CalendarError(
            f"sender: expected an address like organiser@example.org, found {sender!r}"
        )
    return sender


def _subject(message: Message) -> str:
    if message.method == "CANCEL":
        return f"Cancelled: {message.summary}"
    if message.method == "REQUEST" and message.sequence > 0:
        return f"Updated invitation: {message.summary}"
    if message.method == "REQUEST":
        return f"Invitation: {message.summary}"
    return message.summary


def _address(email: str, name: str | None) -> Address:
    # Address refuses only CR and LF, which the model refuses in names and
    # addresses (and _check_sender in the sender) before they get here.
    user, _, domain = email.rpartition("@")
    return Address(display_name=name or "", username=user, domain=domain)


def build_emails(
    assist: PeerAssist, messages: Sequence[Message], *, sender: str, now: _dt.datetime
) -> list[EmailMessage]:
    """Wrap each message in iMIP emails, one per message and recipients' zone."""
    sender = _check_sender(sender)
    meeting_zone = assist.logistics.zone
    assert meeting_zone is not None  # messages() refused an assist without windows
    out: list[EmailMessage] = []
    for message in messages:
        groups: dict[str, list[str]] = {}
        for email in message.recipients:
            person = assist.find_person(email)
            zone = (person.timezone if person is not None else None) or meeting_zone
            groups.setdefault(zone, []).append(email)
        for zone in sorted(groups):
            out.append(_email(assist, message, groups[zone], zone, meeting_zone, sender, now))
    return out


def _email(
    assist: PeerAssist,
    message: Message,
    recipients: list[str],
    zone: str,
    meeting_zone: str,
    sender: str,
    now: _dt.datetime,
) -> EmailMessage:
    mail = EmailMessage()
    organizer = assist.find_person(sender)
    mail["From"] = _address(sender, organizer.name if organizer is not None else None)
    to = []
    for email in recipients:
        person = assist.find_person(email)
        to.append(_address(email, person.name if person is not None else None))
    mail["To"] = to
    mail["Subject"] = _subject(message)
    mail["Date"] = format_datetime(now)
    digest = hashlib.sha256("\n".join([message.text, *recipients]).encode("utf-8")).hexdigest()[:16]
    local = message.filename.removesuffix(".ics")
    mail["Message-ID"] = f"<{local}.{message.sequence}.{digest}@{sender.rpartition('@')[2]}>"
    start, end = message.carries.start, message.carries.end
    lines = [message.summary, ""]
    if message.method == "CANCEL":
        lines.append("This event is cancelled.")
    lines.append("When: " + when_text(start, end, meeting_zone))
    if zone != meeting_zone:
        lines.append("Your time: " + when_text(start, end, zone))
    if message.carries.location:
        lines.append("Where: " + message.carries.location)
    lines += ["", "The calendar invitation is attached; your calendar can add it and reply."]
    mail.set_content("\n".join(lines) + "\n", charset="utf-8")
    mail.add_alternative(
        message.text,
        subtype="calendar",
        charset="utf-8",
        params={"method": message.method},
    )
    return mail


def send(
    emails: Iterable[EmailMessage],
    *,
    host: str,
    port: int = 25,
    username: str | None = None,
    password: str | None = None,
    starttls: bool = False,
    timeout: float = 30.0,
) -> int:
    """Send ``emails`` through an SMTP server with :mod:`smtplib`.

    Args:
        emails: the messages from :func:`~peerassist.calendar.emails`.
        host: the SMTP server's host name.
        port: its port.
        username: log in as this user (with ``password``), if given.
        password: the password for ``username``.
        starttls: upgrade the connection with STARTTLS before logging in.
        timeout: seconds to wait for the server.

    Returns:
        How many emails were sent.

    Raises:
        CalendarError: when the server cannot be reached or refuses a
            message (naming the server and the recipients).
    """
    import smtplib

    batch = list(emails)
    for index, mail in enumerate(batch):
        if not isinstance(mail, EmailMessage):
            raise CalendarError(
                f"emails[{index}]: expected an EmailMessage, found {type(mail).__name__}"
            )
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            if starttls:
                smtp.starttls()
            if username is not None:
                smtp.login(username, password or "")
            for mail in batch:
                smtp.send_message(mail)
    except (smtplib.SMTPException, OSError) as err:
        raise CalendarError(
            f"send: expected the SMTP server {host}:{port} to accept the invites, found {err}"
        ) from None
    return len(batch)


def check_now(now: Any) -> DateTime:
    """``now`` as an instant, or a CalendarError."""
    try:
        return as_instant(now, "now")
    except InputError as err:
        raise CalendarError(str(err)) from None
