"""The preparation timeline: planning back from the decision date (M07, M14, M22, M25, X06)."""

from __future__ import annotations

import datetime as _dt
import html

from peerassist._attrs import frozen
from peerassist._time import Date, add_working_days, as_date
from peerassist.agenda._agenda import Agenda
from peerassist.exceptions import InputError
from peerassist.model._check import found
from peerassist.policy import DEFAULT_POLICY, Policy

__all__ = ["Milestone", "Timeline", "plan_timeline"]


@frozen(kw_only=True)
class Milestone:
    """One date of the timeline.

    Attributes:
        date: the date.
        what: what is due, in plain language.
        refs: the method items behind it.
    """

    date: Date
    what: str
    refs: tuple[str, ...] = ()


@frozen(kw_only=True)
class Timeline:
    """When each step of the preparation and follow-up is due, in working days.

    Attributes:
        decision_date: when the host team decides.
        latest_meeting_end: the last day the meeting may end and still leave
            ``policy.decision_lead_days`` working days to act on what is
            learned, an unexpected answer included (M07).
        meeting_start: the first meeting day (given, or the latest sensible).
        meeting_end: the last meeting day.
        invites_by: when the invites must go out.
        briefing_by: when the briefing materials must go out (M14).
        action_list_due: the latest date to commit to for the action list (M22, X07).
        aar_by: the latest date for the After Action Review (M25, X06).
        policy: the policy the dates come from.
    """

    decision_date: Date
    latest_meeting_end: Date
    meeting_start: Date
    meeting_end: Date
    invites_by: Date
    briefing_by: Date
    action_list_due: Date
    aar_by: Date
    policy: Policy

    @property
    def too_late(self) -> bool:
        """True when the meeting ends after the latest sensible date (M07)."""
        return self.meeting_end > self.latest_meeting_end

    def milestones(self) -> tuple[Milestone, ...]:
        """Return the dates in order, each with what is due and its refs."""
        if self.meeting_start == self.meeting_end:
            meeting = [Milestone(date=self.meeting_start, what="Meeting", refs=("M08",))]
        else:
            meeting = [
                Milestone(date=self.meeting_start, what="Meeting starts", refs=("M08",)),
                Milestone(date=self.meeting_end, what="Meeting ends", refs=("M08",)),
            ]
        items = [
            Milestone(date=self.invites_by, what="Invites out", refs=("M09", "M14")),
            Milestone(date=self.briefing_by, what="Briefing materials out", refs=("M14",)),
            *meeting,
            Milestone(
                date=self.latest_meeting_end, what="Latest sensible meeting end", refs=("M07",)
            ),
            Milestone(date=self.action_list_due, what="Action list due", refs=("M22", "X07")),
            Milestone(date=self.aar_by, what="After Action Review", refs=("M25", "X06")),
            Milestone(date=self.decision_date, what="Decision", refs=("M07", "M13")),
        ]
        return tuple(sorted(items, key=lambda m: m.date))

    def to_text(self) -> str:
        """Render as plain text, one dated line per milestone."""
        lines = [f"Timeline to the decision on {self.decision_date:%a %Y-%m-%d}"]
        for item in self.milestones():
            refs = ", ".join(item.refs)
            lines.append(f"  {item.date:%a %Y-%m-%d}  {item.what} ({refs})")
        if self.too_late:
            lines.append(
                f"  The meeting ends after {self.latest_meeting_end:%Y-%m-%d}: too close to"
                " the decision to act on what is learned (M07)."
            )
        return "\n".join(lines) + "\n"

    def __repr__(self) -> str:
        late = ", too late" if self.too_late else ""
        return (
            f"<Timeline to {self.decision_date.isoformat()}: meeting"
            f" {self.meeting_start.isoformat()} to {self.meeting_end.isoformat()},"
            f" invites by {self.invites_by.isoformat()}{late}>"
        )

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(
            f"<tr><td style='white-space:nowrap'>{m.date:%a %Y-%m-%d}</td>"
            f"<td>{esc(m.what)}</td><td>{esc(', '.join(m.refs))}</td></tr>"
            for m in self.milestones()
        )
        warning = (
            f"<p><strong>The meeting ends after {self.latest_meeting_end:%Y-%m-%d}: too close"
            " to the decision to act on what is learned (M07).</strong></p>"
            if self.too_late
            else ""
        )
        return (
            f'<div class="peerassist-timeline-dates"><strong>Timeline to the decision on'
            f" {self.decision_date:%a %Y-%m-%d}</strong><table><tr><th>Date</th><th>Due</th>"
            f"<th>Refs</th></tr>{rows}</table>{warning}</div>"
        )


def _meeting_dates(meeting: object, days: int) -> tuple[Date, Date] | None:
    if meeting is None:
        return None
    if isinstance(meeting, Agenda):
        start, end = meeting.start, meeting.end
        return Date(start.year, start.month, start.day), Date(end.year, end.month, end.day)
    if isinstance(meeting, _dt.date) and not isinstance(meeting, _dt.datetime):
        first = as_date(meeting, "meeting")
        return first, first.add(days=days - 1)
    raise InputError.single("meeting", "a date, an Agenda, or None", found(meeting))


def plan_timeline(
    decision_date: Date,
    *,
    policy: Policy | None = None,
    meeting: Date | Agenda | None = None,
    days: int = 1,
) -> Timeline:
    """Plan back from the decision date, in working days of the policy.

    Without ``meeting``, the meeting is placed as late as is sensible: its
    last day ``policy.decision_lead_days`` working days before the decision
    (M07). Invites and briefing materials go out ``invite_lead_days`` and
    ``briefing_lead_days`` working days before its first day (M14); the
    action list is due ``action_list_within_days`` working days after its
    last day (M22), and the After Action Review within ``aar_within_days``
    calendar days, moved back to a working day (X06). Weekends, and bank
    holidays when the policy says so, are not working days.

    Args:
        decision_date: when the host team decides.
        policy: the thresholds (the default BP/NHS policy when None).
        meeting: the meeting's first day, or its :class:`Agenda`, if known.
        days: how many consecutive days the meeting lasts, when ``meeting``
            is a date or None (working days when it is placed here).

    Returns:
        The :class:`Timeline`.

    Raises:
        InputError: a decision date that is not a date, a bad ``meeting``,
            ``days`` below 1, or a policy that is not a Policy.
    """
    decision = as_date(decision_date, "decision_date")
    if policy is None:
        policy = DEFAULT_POLICY
    if not isinstance(policy, Policy):
        raise InputError.single("policy", "a Policy", found(policy))
    if not isinstance(days, int) or isinstance(days, bool) or days < 1:
        raise InputError.single("days", "a whole number >= 1", found(days))
    holidays = policy.holidays()
    latest_end = add_working_days(decision, -policy.decision_lead_days, holidays=holidays)
    given = _meeting_dates(meeting, days)
    if given is None:
        start = add_working_days(latest_end, -(days - 1), holidays=holidays)
        end = latest_end
    else:
        start, end = given
    aar = end.add(days=policy.aar_within_days)
    while not policy.is_working_day(aar) and aar > end:
        aar = aar.subtract(days=1)
    return Timeline(
        decision_date=decision,
        latest_meeting_end=latest_end,
        meeting_start=start,
        meeting_end=end,
        invites_by=add_working_days(start, -policy.invite_lead_days, holidays=holidays),
        briefing_by=add_working_days(start, -policy.briefing_lead_days, holidays=holidays),
        action_list_due=add_working_days(end, policy.action_list_within_days, holidays=holidays),
        aar_by=aar,
        policy=policy,
    )
