"""What the invites carried and what the invitees answered (M05, M09, M14).

An assist records, per calendar component (``day1``, ``social``,
``prebrief``...), what the invites last carried (:class:`SentInvite`), so the
iCalendar SEQUENCE of each component can be derived from the assist alone,
and each invitee's answer to them (:class:`Rsvp`), read from iTIP replies.
"""

from __future__ import annotations

import re
from enum import StrEnum

from peerassist._attrs import frozen
from peerassist._time import DateTime
from peerassist.model._check import Checker

_COMPONENT = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}\Z")
_STATUSES = ("TENTATIVE", "CONFIRMED", "CANCELLED", "NEEDS-ACTION", "COMPLETED", "IN-PROCESS")


def _component(c: Checker) -> None:
    value = c.obj.component  # type: ignore[attr-defined]
    if not isinstance(value, str) or not _COMPONENT.match(value):
        c.add("component", "a component name like 'day1', 'social' or 'prebrief'", repr(value))


class PartStat(StrEnum):
    """An invitee's answer to an invite (RFC 5545 PARTSTAT, lower case)."""

    ACCEPTED = "accepted"
    """Will come."""
    DECLINED = "declined"
    """Will not come."""
    TENTATIVE = "tentative"
    """May come."""
    DELEGATED = "delegated"
    """Sent someone else in their place."""


@frozen(kw_only=True)
class Rsvp:
    """One invitee's answer to one component's invite, read from an iTIP REPLY.

    Attributes:
        email: who answered.
        component: which component (``day1``, ``social``, ``prebrief``...).
        status: the answer.
        sequence: the SEQUENCE of the invite answered; an answer to an
            earlier SEQUENCE no longer counts once the component changed.
        at: when the answer was read, in UTC.
        delegated_to: for a delegation, who goes instead.
        comment: the invitee's comment, if any.
    """

    email: str
    component: str
    status: PartStat
    at: DateTime
    sequence: int = 0
    delegated_to: str | None = None
    comment: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.email("email")
        _component(c)
        c.enum("status", PartStat)
        c.instant("at")
        c.integer("sequence", minimum=0)
        c.email("delegated_to", optional=True)
        c.text("comment", single_line=False)
        c.done()


@frozen(kw_only=True)
class SentInvite:
    """What the invites of one component last carried, when they were written.

    A component's SEQUENCE rises when its start, end, location, status or
    attendee list differs from this record.

    Attributes:
        component: which component (``day1``, ``social``, ``todo-aar``...).
        sequence: the SEQUENCE they carried.
        start: the start (DTSTART) they carried.
        end: the end (DTEND, or DUE for a to-do) they carried.
        location: the LOCATION they carried.
        status: the STATUS they carried (``CONFIRMED``, ``CANCELLED``...).
        attendees: the attendees' addresses, lower case and sorted.
        at: when they were written, in UTC.
    """

    component: str
    sequence: int
    start: DateTime
    end: DateTime
    at: DateTime
    location: str = ""
    status: str = ""
    attendees: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        _component(c)
        c.integer("sequence", minimum=0)
        c.instant("start")
        c.instant("end")
        c.instant("at")
        c.text("location")
        if self.status not in ("", *_STATUSES):
            c.add("status", "one of " + ", ".join(_STATUSES), repr(self.status))
        c.texts("attendees")
        c.done()


@frozen(kw_only=True)
class Invitations:
    """The record of the invites sent and the answers read back.

    Attributes:
        sent: what each component's invites last carried, one per component.
        replies: the latest answer of each invitee to each component.
    """

    sent: tuple[SentInvite, ...] = ()
    replies: tuple[Rsvp, ...] = ()

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.items("sent", SentInvite)
        c.items("replies", Rsvp)
        c.done()

    def sent_for(self, component: str) -> SentInvite | None:
        """Return the record of ``component``'s last invites, if any."""
        return next((s for s in self.sent if s.component == component), None)

    def replies_for(self, component: str) -> dict[str, Rsvp]:
        """Return the answers to ``component``, keyed by lower-case address."""
        return {r.email.casefold(): r for r in self.replies if r.component == component}
