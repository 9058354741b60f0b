"""The rules that read the invites' record and answers (M05, M09, M14).

Each rule's breaker lives here (``BREAKERS``, merged into the catalogue's
table in test_rules_catalogue.py, which checks severity, path and that no
other rule fires), with the cases around each rule's edges.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from itip import icalendar_reply
from peerassist._time import DateTime, duration
from peerassist.calendar import Message, mark_sent, messages, read_reply
from peerassist.model import MeetingWindow, PeerAssist
from peerassist.rules import validate
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 3, 10, 12, tz="UTC")
# Made ten days earlier, the meeting falls on Monday 16 March: the briefing
# deadline (five working days before) was Monday 9 March, so NOW is after it.
EARLIER = NOW.subtract(days=8)


def _sent(assist: PeerAssist, now: DateTime) -> list[Message]:
    batch = messages(assist, now=now)
    mark_sent(assist, batch, now=now)
    return batch


def _answer(assist: PeerAssist, message: Message, email: str, partstat: str, at: Any) -> None:
    read_reply(assist, icalendar_reply(message.text, email, partstat), now=at)


def facilitator_declined() -> PeerAssist:
    assist = make_assist("scheduling", now=NOW)
    day1 = _sent(assist, NOW)[0]
    _answer(assist, day1, assist.facilitator.email, "DECLINED", NOW)
    return assist


def few_accepted() -> PeerAssist:
    assist = make_assist("scheduling", now=EARLIER)
    day1 = _sent(assist, EARLIER)[0]
    for visitor in assist.visitors[:5]:
        _answer(assist, day1, visitor.email, "ACCEPTED", EARLIER)
    return assist


def invites_outdated() -> PeerAssist:
    assist = make_assist("scheduling", now=NOW)
    _sent(assist, NOW)
    first, *rest = assist.logistics.windows
    hour = duration(hours=1)
    moved = MeetingWindow(start=first.start + hour, end=first.end + hour)
    assist.logistics = attrs.evolve(assist.logistics, windows=(moved, *rest))
    return assist


BREAKERS: dict[str, tuple[Callable[[], PeerAssist], str]] = {
    "PA-M05-facilitator-declined": (facilitator_declined, "invitations.replies[0]"),
    "PA-M09-few-accepted": (few_accepted, "invitations.replies"),
    "PA-M14-invites-outdated": (invites_outdated, "invitations.sent"),
}


def codes(assist: PeerAssist, now: DateTime = NOW) -> list[str]:
    return [f.code for f in validate(assist, now=now).findings]


def test_six_acceptances_by_the_deadline_are_enough() -> None:
    """Six visitors accepting by the deadline clear the warning; an answer
    after the deadline does not count, and the warning waits for the deadline."""
    assist = make_assist("scheduling", now=EARLIER)
    day1 = _sent(assist, EARLIER)[0]
    assert codes(assist, EARLIER) == []  # before the deadline: nothing to say yet
    for visitor in assist.visitors[:5]:
        _answer(assist, day1, visitor.email, "ACCEPTED", EARLIER)
    late = assist.visitors[5].email
    _answer(assist, day1, late, "ACCEPTED", NOW)
    assert codes(assist) == ["PA-M09-few-accepted"]
    message = validate(assist, now=NOW).findings[0].message
    assert message.startswith("5 of 6 visitors accepted the invite by the briefing deadline")
    _answer(assist, day1, late, "ACCEPTED", EARLIER.add(days=1))
    assert codes(assist) == []


def test_a_facilitator_decline_lapses_when_the_meeting_moves() -> None:
    """The decline answers the old time: once day 1 moves and is re-sent,
    the error goes; an acceptance is no error."""
    assist = facilitator_declined()
    assert "PA-M05-facilitator-declined" in codes(assist)
    first, *rest = assist.logistics.windows
    hour = duration(hours=1)
    moved = MeetingWindow(start=first.start + hour, end=first.end + hour)
    assist.logistics = attrs.evolve(assist.logistics, windows=(moved, *rest))
    day1 = _sent(assist, NOW)[0]
    assert codes(assist) == []
    _answer(assist, day1, assist.facilitator.email, "ACCEPTED", NOW)
    assert codes(assist) == []


def test_a_dropped_day_is_reported() -> None:
    """Invites for an event the assist no longer has are reported, asking
    for a cancellation."""
    assist = make_assist("scheduling", now=NOW)
    _sent(assist, NOW)
    assist.logistics = attrs.evolve(assist.logistics, windows=assist.logistics.windows[:1])
    findings = validate(assist, now=NOW).findings
    assert [(f.code, f.message) for f in findings if f.code.startswith("PA-M14")] == [
        (
            "PA-M14-invites-outdated",
            "The invites for day2 were sent, but the assist no longer has it: send a cancellation.",
        )
    ]


def test_the_outdated_note_does_not_block_a_reschedule() -> None:
    """Moving the meeting through the workflow after invites were sent is
    allowed (the note is information, not a warning to acknowledge)."""
    from peerassist.workflow import Workflow

    assist = make_assist("scheduling", now=NOW)
    _sent(assist, NOW)
    first, *rest = assist.logistics.windows
    hour = duration(hours=1)
    moved = MeetingWindow(start=first.start + hour, end=first.end + hour)
    outcome = Workflow().reschedule(assist, [moved, *rest], now=NOW)
    assert outcome.ok
    assert [f.severity.value for f in validate(assist, now=NOW).findings] == ["info"]
