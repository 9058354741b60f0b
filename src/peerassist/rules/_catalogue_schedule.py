"""Built-in rules about when and how the meeting happens (M06-M08, M14-M16,
X04, X05)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from peerassist._time import add_working_days, working_days_between
from peerassist.exceptions import PeerAssistError
from peerassist.rules._core import RuleContext, Severity
from peerassist.rules._rule import Flag, FunctionRule
from peerassist.rules._util import (
    describe_days,
    describe_length,
    first_day,
    holidays,
    last_day,
    local_day,
    local_time,
    make,
    meeting_time_by_day,
    meeting_zone,
    today,
    utc,
)

if TYPE_CHECKING:
    from peerassist.model import PeerAssist


# -- M06 -------------------------------------------------------------------


def _recording_not_agreed(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    recording = assist.logistics.recording
    if recording is None:
        yield Flag(
            message="Whether the meeting is recorded, and by whom, is not agreed.",
            path="logistics.recording",
        )
        return
    start = assist.logistics.start
    if recording.agreed_at is None:
        if recording.recorded:
            yield Flag(
                message="The meeting is recorded, but when that was agreed is not recorded.",
                path="logistics.recording.agreed_at",
            )
    elif start is not None and utc(recording.agreed_at) >= utc(start):
        yield Flag(
            message="The recording was agreed only after the meeting had started.",
            path="logistics.recording.agreed_at",
        )
    if recording.recorded and recording.by is None:
        yield Flag(
            message="The meeting is recorded, but who records it is not agreed.",
            path="logistics.recording.by",
        )


def recording_agreed(*, severity: Severity | str = Severity.ERROR) -> FunctionRule:
    """Whether, and by whom, the meeting is recorded is agreed beforehand (M06)."""
    return make(
        code="PA-M06-recording-not-agreed",
        severity=severity,
        refs=("M06",),
        phase="scheduling",
        title="Whether, and by whom, the meeting is recorded is agreed before it.",
        hint="Agree with everyone, before the meeting, whether it is recorded and by whom.",
        reads=("logistics",),
        check=_recording_not_agreed,
    )


# -- M07 -------------------------------------------------------------------


def _after_decision(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    decision = assist.purpose.decision_date
    end = last_day(assist)
    if decision is not None and end is not None and end >= decision:
        yield Flag(
            message=f"The meeting ends on {end.isoformat()}, on or after the decision date"
            f" ({decision.isoformat()}).",
            path="logistics.windows",
        )


def meeting_before_decision(*, severity: Severity | str = Severity.ERROR) -> FunctionRule:
    """The meeting ends before the decision date (M07)."""
    return make(
        code="PA-M07-meeting-after-decision",
        severity=severity,
        refs=("M07",),
        phase="scheduling",
        title="The meeting is held before the host team's decision date.",
        hint="Move the meeting earlier, or the decision later: learning comes before doing.",
        reads=("purpose", "logistics", "host"),
        check=_after_decision,
    )


def _too_close(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    decision = assist.purpose.decision_date
    end = last_day(assist)
    if decision is None or end is None or end >= decision:
        return
    lead = ctx.policy.decision_lead_days
    days = working_days_between(end, decision, holidays=holidays(ctx))
    if days < lead:
        yield Flag(
            message=f"Only {days} working day{'s' if days != 1 else ''} between the meeting"
            f" and the decision ({decision.isoformat()}); the {ctx.policy.name} format asks"
            f" for at least {lead}.",
            path="purpose.decision_date",
        )


def decision_lead_time(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """Enough working days remain after the meeting to act on it (M07)."""
    return make(
        code="PA-M07-decision-too-close",
        severity=severity,
        refs=("M07",),
        phase="scheduling",
        title="The meeting leaves enough working days before the decision to act on what is"
        " learned.",
        hint="Leave time to act on an unexpected answer: hold the meeting earlier.",
        reads=("purpose", "logistics", "host"),
        check=_too_close,
    )


# -- M08 -------------------------------------------------------------------


def _not_scheduled(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if not assist.logistics.windows:
        yield Flag(message="The meeting has no date and time yet.", path="logistics.windows")


def meeting_scheduled(*, severity: Severity | str = Severity.ERROR) -> FunctionRule:
    """The meeting has its date and time (M08)."""
    return make(
        code="PA-M08-not-scheduled",
        severity=severity,
        refs=("M08",),
        phase="scheduling",
        title="The meeting is scheduled.",
        hint="Add the meeting's time windows, one per day, in the meeting's zone.",
        reads=("logistics",),
        check=_not_scheduled,
    )


HALF_DAY_SECONDS = 4.5 * 3600
"""A day whose meeting time is at most this counts as half a day (M08)."""


def _length(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    windows = assist.logistics.windows
    if not windows:
        return
    by_day = meeting_time_by_day(assist)
    total = timedelta(seconds=sum(by_day.values()))
    low, high = ctx.policy.length_bounds(len(assist.host.everyone))
    name = ctx.policy.name
    if not low <= total <= high:
        yield Flag(
            message=f"The meeting takes {describe_length(total)} of meeting time (breaks,"
            f" lunch and social time left out); the {name} format asks for"
            f" {describe_length(low)} to {describe_length(high)}.",
            path="logistics.windows",
        )
    days = sum(0.5 if seconds <= HALF_DAY_SECONDS else 1.0 for seconds in by_day.values())
    if days > ctx.policy.days_max:
        yield Flag(
            message=f"The meeting takes {describe_days(days)} over {len(by_day)} calendar"
            f" days (a day of at most 4 h 30 min counts as half); the {name} format allows"
            f" {describe_days(ctx.policy.days_max)}.",
            path="logistics.windows",
        )


def length_within_bounds(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """The meeting's net length and days are within the policy's bounds (M08, X08)."""
    return make(
        code="PA-M08-length-out-of-bounds",
        severity=severity,
        refs=("M08", "X08"),
        phase="scheduling",
        title="The meeting's net time (without breaks, lunch and social time) is between"
        " half a day and two days (or the format's bounds), over at most its days.",
        hint="Fit the length to the problem's complexity, within the format's bounds;"
        " a short online assist fits the virtual profile.",
        reads=("logistics", "host", "profile", "title", "agenda"),
        check=_length,
    )


# -- M14 -------------------------------------------------------------------


def _no_briefing(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if not assist.logistics.briefing:
        yield Flag(message="No briefing materials are planned.", path="logistics.briefing")


def briefing_planned(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """Briefing materials communicate the purpose in advance (M14, M01)."""
    return make(
        code="PA-M14-no-briefing",
        severity=severity,
        refs=("M14", "M01"),
        phase="scheduling",
        title="Briefing materials tell participants the purpose in advance.",
        hint="Prepare a short briefing pack: the problem, the purpose, the context.",
        reads=("logistics",),
        check=_no_briefing,
    )


def _briefing_late(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    day = first_day(assist)
    if day is None:
        return
    lead = ctx.policy.briefing_lead_days
    deadline = add_working_days(day, -lead, holidays=holidays(ctx))
    zone = meeting_zone(assist)
    for index, item in enumerate(assist.logistics.briefing):
        path = f"logistics.briefing[{index}].sent_at"
        if item.sent_at is None:
            if today(assist, ctx) > deadline:
                yield Flag(
                    message=f"{item.title!r} is not sent, and it was due by"
                    f" {deadline.isoformat()} ({lead} working days before the meeting).",
                    path=path,
                )
        elif local_day(item.sent_at, zone) > deadline:
            yield Flag(
                message=f"{item.title!r} was sent on {local_day(item.sent_at, zone).isoformat()},"
                f" after {deadline.isoformat()} ({lead} working days before the meeting).",
                path=path,
            )


def briefing_on_time(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """Briefing materials are sent by the lead time before the meeting (M14)."""
    return make(
        code="PA-M14-briefing-late",
        severity=severity,
        refs=("M14",),
        phase="scheduling",
        title="Briefing materials are sent early enough for participants to prepare.",
        hint="Send the briefing by the lead time, or move the meeting.",
        reads=("logistics", "host"),
        uses=("today",),
        check=_briefing_late,
    )


# -- M15 -------------------------------------------------------------------


def _agenda_has_social(assist: PeerAssist) -> bool:
    """Whether the agenda of the assist's own windows holds a social slot."""
    from peerassist.agenda import agenda_for

    if not assist.logistics.windows:
        return False
    try:
        return any(slot.kind.value == "social" for slot in agenda_for(assist))
    except PeerAssistError:
        return False


def _no_social(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    social = assist.logistics.social
    if social is None:
        if not _agenda_has_social(assist):
            yield Flag(message="No time to socialise is planned.", path="logistics.social")
        return
    start, end = assist.logistics.start, assist.logistics.end
    if start is None or end is None:
        return
    earliest = utc(start) - timedelta(hours=36)
    if not earliest <= utc(social.start) <= utc(end):
        yield Flag(
            message=f"The {social.kind} is not next to the meeting (the night before or at"
            " the start).",
            path="logistics.social.start",
        )


def social_time(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """There is time to socialise next to the meeting (M15)."""
    return make(
        code="PA-M15-no-social-time",
        severity=severity,
        refs=("M15",),
        phase="scheduling",
        title="There is time to socialise: a dinner the night before, or coffee at the start"
        " (a social slot of the meeting's own agenda counts).",
        hint="Plan a dinner the night before or a coffee at the start.",
        reads=("logistics", "host", "profile", "title", "agenda"),
        check=_no_social,
    )


# -- M16 -------------------------------------------------------------------


def _no_ground_rules(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if not assist.logistics.ground_rules:
        yield Flag(message="No ground rules are set for the start.", path="logistics.ground_rules")


def ground_rules_set(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """Ground rules are ready for the start of the meeting (M16)."""
    return make(
        code="PA-M16-no-ground-rules",
        severity=severity,
        refs=("M16",),
        phase="scheduling",
        title="Ground rules are ready for the start of the meeting.",
        hint=(
            "State them at the start: the host listens to learn; visitors share without"
            " adding workload; focus on the activity, not individuals."
        ),
        reads=("logistics",),
        check=_no_ground_rules,
    )


# -- X04 -------------------------------------------------------------------


def _no_pre_brief(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    pre_brief = assist.logistics.pre_brief
    start = assist.logistics.start
    if pre_brief is None:
        yield Flag(message="No pre-brief with the facilitator is planned.", path="logistics")
    elif start is not None and utc(pre_brief.start) >= utc(start):
        yield Flag(message="The pre-brief is not before the meeting.", path="logistics.pre_brief")


def pre_brief_planned(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """A short pre-brief with the facilitator comes before the meeting (X04)."""
    return make(
        code="PA-X04-no-pre-brief",
        severity=severity,
        refs=("X04",),
        phase="scheduling",
        title="A short pre-brief with the facilitator is planned before the meeting.",
        hint="Plan half an hour with the facilitator the day before.",
        reads=("logistics",),
        check=_no_pre_brief,
    )


# -- X05 -------------------------------------------------------------------


def _outside_hours(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    # One finding per window for the whole group: who is outside their
    # working hours and by how much, and a hint with a time that suits more.
    logistics = assist.logistics
    if not logistics.virtual_url or not logistics.windows:
        return
    first, last = ctx.policy.working_hours_start, ctx.policy.working_hours_end
    people = [
        (person, person.timezone, role)
        for person, role in assist.participants()
        if person.timezone is not None and person.timezone != logistics.zone
    ]
    if not people:
        return
    for index, window in enumerate(logistics.windows):
        outside = []
        for person, zone, role in people:
            start, end = local_time(window.start, zone), local_time(window.end, zone)
            begins = start.hour * 60 + start.minute
            ends = end.hour * 60 + end.minute + (24 * 60 if end.date() > start.date() else 0)
            early = max(0, first * 60 - begins)
            late = max(0, ends - last * 60)
            if early or late:
                by = " and ".join(
                    text
                    for text, minutes in (
                        (f"{_minutes_text(early)} before", early),
                        (f"{_minutes_text(late)} after", late),
                    )
                    if minutes
                )
                outside.append(
                    f"{person.name} ({role.value}, {zone}) {start:%H:%M}-{end:%H:%M}, {by}"
                )
        if outside:
            yield Flag(
                message=f"Window {index + 1} ({window.start:%H:%M}-{window.end:%H:%M}"
                f" {window.start.tzname()}) falls outside working hours"
                f" ({first:02d}:00-{last:02d}:00 local) for {len(outside)} of the"
                f" {len(people)} participant(s) in other zones: " + "; ".join(outside) + ".",
                path=f"logistics.windows[{index}]",
                hint=_overlap_hint(window, [z for _, z, _ in people], window.zone, ctx),
            )


def _minutes_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


def _overlap_hint(window: Any, zones: list[str], meeting_zone: str, ctx: RuleContext) -> str:
    """Name a time on the window's day that suits the group better (X05)."""
    import datetime as dt

    from peerassist.agenda import overlap_report

    end = ctx.policy.working_hours_end
    hours = (
        dt.time(ctx.policy.working_hours_start),
        dt.time(end) if end < 24 else dt.time(23, 59),
    )
    day = window.start
    between = (day.start_of("day"), day.start_of("day").add(days=1))
    length = window.end - window.start
    found = overlap_report([meeting_zone, *zones], length, between=between, count=1, hours=hours)
    if found.window is not None:
        w = found.window
        return (
            f"Everyone's working hours overlap {w.start:%H:%M}-{w.end:%H:%M}"
            f" {w.start.tzname()} that day: move the window there"
            " (`peerassist overlap FILE` shows each person's local time)."
        )
    if not found.candidates:
        return "No time that day suits everyone; `peerassist overlap FILE` lists the options."
    best = found.candidates[0]
    return (
        f"No {_minutes_text(int(length.total_seconds()) // 60)} window lies in everyone's"
        f" working hours that day; the least-bad start is"
        f" {best.start:%H:%M} {best.start.tzname()} ({best.outside_minutes} min outside"
        " working hours in total). `peerassist overlap FILE` lists the three best."
    )


def overlap_window(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """A virtual meeting falls in everyone's working hours (X05)."""
    return make(
        code="PA-X05-outside-working-hours",
        severity=severity,
        refs=("X05",),
        phase="scheduling",
        title="A virtual meeting falls within every participant's working hours.",
        hint="Move the window into the overlap of everyone's working day.",
        reads=("logistics", "host", "facilitator", "recorder", "sponsor", "visitors"),
        check=_outside_hours,
    )


RULES: tuple[FunctionRule, ...] = (
    recording_agreed(),
    meeting_scheduled(),
    meeting_before_decision(),
    decision_lead_time(),
    length_within_bounds(),
    briefing_planned(),
    briefing_on_time(),
    social_time(),
    ground_rules_set(),
    pre_brief_planned(),
    overlap_window(),
)
