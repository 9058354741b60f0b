"""Built-in rules about the invites and the answers to them (M05, M09, M14).

They read ``assist.invitations``: what the calendar invites last carried and
the invitees' replies. An assist whose invites were never recorded gets no
finding from them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from peerassist._time import add_working_days
from peerassist.rules._core import RuleContext, Severity
from peerassist.rules._rule import Flag, FunctionRule
from peerassist.rules._util import first_day, holidays, local_day, make, meeting_zone, today, utc

if TYPE_CHECKING:
    from peerassist._time import DateTime
    from peerassist.model import Invitations, PeerAssist, Rsvp


def _is_day(component: str) -> bool:
    return component.startswith("day") and component[3:].split("-")[0].isdigit()


def _current(invitations: Invitations) -> Iterator[tuple[int, Rsvp]]:
    """The answers to a meeting day that still count: to the SEQUENCE last sent."""
    for index, reply in enumerate(invitations.replies):
        if not _is_day(reply.component):
            continue
        sent = invitations.sent_for(reply.component)
        if sent is None or sent.sequence == reply.sequence:
            yield index, reply


# -- M09 -------------------------------------------------------------------


def _few_accepted(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    invitations = assist.invitations
    day = first_day(assist)
    if invitations is None or not invitations.sent or day is None:
        return
    deadline = add_working_days(day, -ctx.policy.briefing_lead_days, holidays=holidays(ctx))
    now = today(assist, ctx)
    if not deadline < now < day:
        return
    zone = meeting_zone(assist)
    visitors = {v.key for v in assist.visitors}
    accepted = {
        r.email.casefold()
        for _, r in _current(invitations)
        if r.status.value == "accepted"
        and r.email.casefold() in visitors
        and local_day(r.at, zone) <= deadline
    }
    low = ctx.policy.visitors_min
    if len(accepted) < low:
        yield Flag(
            message=f"{len(accepted)} of {len(visitors)} visitors accepted the invite by the"
            f" briefing deadline ({deadline.isoformat()}); the {ctx.policy.name} format asks"
            f" for at least {low} taking part.",
            path="invitations.replies",
        )


def visitors_accepted(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """Enough visitors accepted the invite by the briefing deadline (M09)."""
    return make(
        code="PA-M09-few-accepted",
        severity=severity,
        refs=("M09",),
        phase="scheduling",
        title="Enough visitors accepted the invite by the briefing deadline (six by default).",
        hint="Chase the visitors who have not answered, or invite more peers.",
        reads=("invitations", "visitors", "logistics", "host"),
        uses=("today",),
        check=_few_accepted,
    )


# -- M05 -------------------------------------------------------------------


def _facilitator_declined(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    invitations = assist.invitations
    facilitator = assist.facilitator
    if invitations is None or facilitator is None:
        return
    for index, reply in _current(invitations):
        if reply.email.casefold() == facilitator.key and reply.status.value == "declined":
            yield Flag(
                message=f"The facilitator, {facilitator.name}, declined {reply.component}.",
                path=f"invitations.replies[{index}]",
            )


def facilitator_accepted(*, severity: Severity | str = Severity.ERROR) -> FunctionRule:
    """The facilitator has not declined a meeting day (M05)."""
    return make(
        code="PA-M05-facilitator-declined",
        severity=severity,
        refs=("M05",),
        phase="scheduling",
        title="The facilitator has not declined the meeting.",
        hint="Find another facilitator from outside the host team, or move the meeting.",
        reads=("invitations", "facilitator"),
        check=_facilitator_declined,
    )


# -- M14 -------------------------------------------------------------------


def _planned(assist: PeerAssist) -> dict[str, tuple[DateTime, DateTime]]:
    logistics = assist.logistics
    times = {f"day{i}": (w.start, w.end) for i, w in enumerate(logistics.windows, 1)}
    if logistics.social is not None:
        times["social"] = (logistics.social.start, logistics.social.end)
    if logistics.pre_brief is not None:
        times["prebrief"] = (logistics.pre_brief.start, logistics.pre_brief.end)
    return times


def _invites_outdated(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    invitations = assist.invitations
    if invitations is None or assist.state == "cancelled":
        return
    planned = _planned(assist)
    for sent in invitations.sent:
        if "-" in sent.component or sent.status == "CANCELLED":
            continue  # agenda slots and to-dos: not compared here
        now = planned.get(sent.component)
        if now is None:
            yield Flag(
                message=f"The invites for {sent.component} were sent, but the assist no longer"
                " has it: send a cancellation.",
                path="invitations.sent",
            )
        elif utc(now[0]) != utc(sent.start) or utc(now[1]) != utc(sent.end):
            yield Flag(
                message=f"{sent.component} now runs {_span(now[0], now[1])}, but its invites"
                f" (SEQUENCE {sent.sequence}) carried {_span(sent.start, sent.end)}.",
                path="invitations.sent",
            )


def _span(start: DateTime, end: DateTime) -> str:
    return f"{utc(start).isoformat(timespec='minutes')}Z-{utc(end).strftime('%H:%MZ')}"


def invites_current(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """The meeting's times are those the invites last carried (M14)."""
    return make(
        code="PA-M14-invites-outdated",
        severity=severity,
        refs=("M14",),
        phase="scheduling",
        title="The meeting's times are those the invites last carried.",
        hint="Send the invites again (peerassist invite FILE --out DIR): the moved events"
        " carry a higher SEQUENCE, so calendars update them.",
        reads=("invitations", "logistics", "state"),
        check=_invites_outdated,
    )


RULES: tuple[FunctionRule, ...] = (
    facilitator_accepted(),
    visitors_accepted(),
    invites_current(),
)
