"""The plain texts of the invites: summaries' companions, the DESCRIPTIONs.

Texts are written in the meeting's own zone (people read local times); the
machine-readable instants are in UTC elsewhere. Nothing here escapes: the
ics layer cleans and escapes every value it writes.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Sequence
from typing import Any

from peerassist._time import Date, DateTime, zone_name
from peerassist.model import PeerAssist, SocialTime

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _day(value: _dt.date) -> str:
    # Written by hand: locale-independent, and far cheaper than pendulum's format.
    return f"{_WEEKDAYS[value.weekday()]} {value.day} {_MONTHS[value.month - 1]} {value.year}"


def _clock(value: DateTime) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def when_text(start: DateTime, end: DateTime, zone: str) -> str:
    """``start``-``end`` as read in ``zone``, naming it (for email bodies)."""
    a, b = start.in_tz(zone), end.in_tz(zone)
    if (a.year, a.month, a.day) == (b.year, b.month, b.day):
        return f"{_day(a)}, {_clock(a)}-{_clock(b)} ({zone})"
    return f"{_day(a)} {_clock(a)} to {_day(b)} {_clock(b)} ({zone})"


def _purpose(assist: PeerAssist) -> list[str]:
    purpose = assist.purpose
    lines: list[str] = []
    if purpose.problem:
        lines.append(f"The problem: {purpose.problem}")
    if purpose.learning_aim:
        lines.append(f"What we want to learn: {purpose.learning_aim}")
    if purpose.deliverables:
        lines.append(
            f"What the visitors deliver: {', '.join(purpose.deliverables)}."
            " The host team decides afterwards."
        )
    return lines


def _links(assist: PeerAssist) -> list[str]:
    lines: list[str] = []
    if assist.logistics.briefing:
        lines.append("Briefing materials:")
        for item in assist.logistics.briefing:
            lines.append(f"- {item.title}: {item.url}" if item.url else f"- {item.title}")
    where = []
    if assist.logistics.venue:
        where.append(f"Venue: {assist.logistics.venue}")
    if assist.logistics.virtual_url:
        where.append(f"Join online: {assist.logistics.virtual_url}")
    if where:
        if lines:
            lines.append("")
        lines += where
    return lines


def day_slots(agenda: Any, index: int) -> list[Any]:
    """The agenda slots of meeting day ``index`` (0-based) inside its window."""
    return [s for s in agenda.slots if s.day == index + 1 and s.in_window]


def day_text(assist: PeerAssist, index: int, slots: Sequence[Any]) -> str:
    """The DESCRIPTION of meeting day ``index`` (0-based), with its agenda."""
    window = assist.logistics.windows[index]
    count = len(assist.logistics.windows)
    when = f"{_day(window.start)}, {_clock(window.start)}-{_clock(window.end)} ({window.zone})"
    head = f"Day {index + 1} of {count}: {when}" if count > 1 else when
    blocks = [[assist.title, head], _purpose(assist)]
    if slots:
        agenda = [f"{_clock(s.start)}-{_clock(s.end)} {s.title}" for s in slots]
        blocks.append([f"Agenda (times in {window.zone}):", *agenda])
    blocks.append(_links(assist))
    return _join(blocks)


def slot_text(
    assist: PeerAssist, slots: Sequence[Any]
) -> Iterator[tuple[str, str, DateTime, DateTime]]:
    """Yield (summary, description, start, end) for each working slot.

    Breaks and lunch get no event of their own.
    """
    for slot in slots:
        if slot.kind in ("break", "lunch"):
            continue
        blocks = [[f"{assist.title}: {slot.title}"]]
        if slot.description:
            blocks.append([slot.description])
        blocks.append(_purpose(assist))
        blocks.append(_links(assist))
        yield f"{slot.title}: {assist.title}", _join(blocks), slot.start, slot.end


def social_text(assist: PeerAssist) -> str:
    """The DESCRIPTION of the social time (M15)."""
    social = assist.logistics.social
    assert isinstance(social, SocialTime)
    head = [
        assist.title,
        f"{social.kind.capitalize()} before the peer assist: {_day(social.start)},"
        f" {_clock(social.start)}-{_clock(social.end)} ({zone_name(social.start)})",
        "Time for the teams to get to know one another (M15).",
    ]
    if social.venue:
        head.append(f"Where: {social.venue}")
    return _join([head])


def pre_brief_text(assist: PeerAssist) -> str:
    """The DESCRIPTION of the pre-brief with the facilitator (X04)."""
    head = [
        assist.title,
        "A short pre-brief with the facilitator: the host states the problem in five"
        " minutes or less; the facilitator checks the purpose, the roles and the agenda (X04).",
    ]
    return _join([head, _purpose(assist)])


def briefing_text(assist: PeerAssist, send_by: Date) -> str:
    """The DESCRIPTION of the "send the briefing materials" to-do (M14)."""
    head = [
        assist.title,
        f"Send the briefing materials by {_day(send_by)}, so that"
        " everyone has time to prepare (M14).",
    ]
    return _join([head, _links(assist)])


def action_list_text(assist: PeerAssist) -> str:
    """The DESCRIPTION of the action-list to-do (M22)."""
    return _join(
        [
            [
                assist.title,
                "The action list the caller committed to at the meeting: what the team"
                " will do differently, each action with an owner and a due date (M22, X07).",
            ]
        ]
    )


def aar_text(assist: PeerAssist) -> str:
    """The DESCRIPTION of the After Action Review to-do (M25, X06)."""
    return _join(
        [
            [
                assist.title,
                "An After Action Review of the peer assist (M25, X06):",
                "- What was supposed to happen?",
                "- What actually happened?",
                "- Why was there a difference?",
                "- What will we sustain or improve?",
            ]
        ]
    )


def _join(blocks: list[list[str]]) -> str:
    return "\n\n".join("\n".join(block) for block in blocks if block)
