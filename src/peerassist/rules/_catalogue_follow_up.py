"""Built-in rules about what comes after the meeting (M22-M26, X06, X07)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from peerassist._time import add_working_days
from peerassist.model import ActionStatus, EvidenceKind
from peerassist.rules._core import RuleContext, Severity
from peerassist.rules._rule import Flag, FunctionRule
from peerassist.rules._util import holidays, last_day, make, today

if TYPE_CHECKING:
    from peerassist.model import PeerAssist


# -- M22 -------------------------------------------------------------------


def _no_action_list_date(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if assist.follow_up.action_list_due is None:
        yield Flag(
            message="The caller has not committed to a date for the action list.",
            path="follow_up.action_list_due",
        )


def action_list_date(*, severity: Severity | str = Severity.ERROR) -> FunctionRule:
    """The caller commits to a date for the action list (M22)."""
    return make(
        code="PA-M22-no-action-list-date",
        severity=severity,
        refs=("M22",),
        phase="feedback",
        title="The caller commits to a date for an action list of what the team will do"
        " differently.",
        hint="Before the visitors leave, name the date the action list will be ready.",
        reads=("follow_up",),
        check=_no_action_list_date,
    )


def _action_list_late(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    due = assist.follow_up.action_list_due
    end = last_day(assist)
    if due is None or end is None:
        return
    within = ctx.policy.action_list_within_days
    latest = add_working_days(end, within, holidays=holidays(ctx))
    if due < end:
        yield Flag(
            message=f"The action list is due on {due.isoformat()}, before the meeting ended.",
            path="follow_up.action_list_due",
        )
    elif due > latest:
        yield Flag(
            message=f"The action list is due on {due.isoformat()}, more than {within} working"
            f" days after the meeting (by {latest.isoformat()}).",
            path="follow_up.action_list_due",
        )


def action_list_soon(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """The action list is due soon after the meeting (M22)."""
    return make(
        code="PA-M22-action-list-late",
        severity=severity,
        refs=("M22",),
        phase="feedback",
        title="The action list is due within the policy's working days after the meeting.",
        hint="Commit to an earlier date, while what was learned is fresh.",
        reads=("follow_up", "logistics", "host"),
        check=_action_list_late,
    )


def _no_acknowledgement(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if not assist.follow_up.acknowledgement.strip():
        yield Flag(
            message="The caller's acknowledgement of the visitors is not noted.",
            path="follow_up.acknowledgement",
        )


def visitors_acknowledged(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """The caller acknowledges the visitors (M22)."""
    return make(
        code="PA-M22-no-acknowledgement",
        severity=severity,
        refs=("M22",),
        phase="feedback",
        title="The caller acknowledges the visitors.",
        hint="Thank the visitors for their time and what they shared.",
        reads=("follow_up",),
        check=_no_acknowledgement,
    )


def _no_action_list(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    due = assist.follow_up.action_list_due
    if due is not None and not assist.follow_up.actions and today(assist, ctx) > due:
        yield Flag(
            message=f"The action list was due on {due.isoformat()} and holds no action yet.",
            path="follow_up.actions",
        )


def action_list_delivered(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """Once its date is past, the action list holds actions (M22, X07)."""
    return make(
        code="PA-M22-no-action-list",
        severity=severity,
        refs=("M22", "X07"),
        phase="follow_up",
        title="The action list is delivered by its date, with owned and dated actions.",
        hint="Write the action list: what the team will do differently, each with an owner.",
        reads=("follow_up", "logistics", "host"),
        uses=("today",),
        check=_no_action_list,
    )


# -- X07 -------------------------------------------------------------------


def _overdue(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    day = today(assist, ctx)
    for index, action in enumerate(assist.follow_up.actions):
        if action.status is ActionStatus.OPEN and action.due < day:
            yield Flag(
                message=f"{action.title!r} ({action.owner}) was due on"
                f" {action.due.isoformat()} and is still open.",
                path=f"follow_up.actions[{index}]",
            )


def actions_on_time(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """No open action is past its due date (X07)."""
    return make(
        code="PA-X07-action-overdue",
        severity=severity,
        refs=("X07",),
        phase="follow_up",
        title="No open action is past its due date.",
        hint="Review the actions (at the After Action Review): mark them done or dropped,"
        " or agree a new date.",
        reads=("follow_up", "logistics", "host"),
        uses=("today",),
        check=_overdue,
    )


# -- M23 -------------------------------------------------------------------


def _no_takeaways(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    takeaways = assist.follow_up.takeaways
    if not takeaways:
        yield Flag(
            message="No visitor's takeaway is noted: learning is two-way.",
            path="follow_up.takeaways",
        )
        return
    visitors = {p.key for p in assist.visitors}
    for index, item in enumerate(takeaways):
        if item.visitor.casefold() not in visitors:
            yield Flag(
                message=f"A takeaway is from {item.visitor}, who is not a visitor.",
                path=f"follow_up.takeaways[{index}].visitor",
            )


def visitor_takeaways(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """The visitors say what they take away (M23)."""
    return make(
        code="PA-M23-no-takeaways",
        severity=severity,
        refs=("M23",),
        phase="feedback",
        title="The visitors say what they learned and will take away.",
        hint="Ask each visitor, at the end, what they will take back to their own work.",
        reads=("follow_up", "visitors"),
        check=_no_takeaways,
    )


# -- M24 -------------------------------------------------------------------


def _no_lessons(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if not assist.follow_up.lessons:
        yield Flag(message="No lessons are recorded.", path="follow_up.lessons")


def lessons_recorded(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """Lessons learned are recorded (M24)."""
    return make(
        code="PA-M24-no-lessons",
        severity=severity,
        refs=("M24",),
        phase="follow_up",
        title="Lessons learned are recorded.",
        hint="Write down what was learned, each lesson with its evidence.",
        reads=("follow_up",),
        check=_no_lessons,
    )


def _without_evidence(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    for index, lesson in enumerate(assist.follow_up.lessons):
        if not lesson.evidence:
            yield Flag(
                message=f"Lesson {index + 1} rests on no evidence.",
                path=f"follow_up.lessons[{index}].evidence",
            )


def lessons_have_evidence(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """Every lesson names its evidence (M24)."""
    return make(
        code="PA-M24-lesson-without-evidence",
        severity=severity,
        refs=("M24",),
        phase="follow_up",
        title="Every lesson rests on evidence.",
        hint="Name the experience (who, where) and the research behind each lesson.",
        reads=("follow_up",),
        check=_without_evidence,
    )


def _one_sided(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    for index, lesson in enumerate(assist.follow_up.lessons):
        kinds = {e.kind for e in lesson.evidence}
        if len(kinds) == 1:
            (kind,) = kinds
            other = (
                EvidenceKind.RESEARCH
                if kind is EvidenceKind.EXPERIENCE
                else EvidenceKind.EXPERIENCE
            )
            yield Flag(
                message=f"Lesson {index + 1} rests on {kind.value} only, with no {other.value}.",
                path=f"follow_up.lessons[{index}].evidence",
            )


def evidence_both_kinds(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """Lessons rest on both experience and research (M24)."""
    return make(
        code="PA-M24-one-sided-evidence",
        severity=severity,
        refs=("M24",),
        phase="follow_up",
        title="Lessons rest on both on-the-job experience and research evidence.",
        hint="Look for research behind an experience, or experience behind a study.",
        reads=("follow_up",),
        check=_one_sided,
    )


# -- M25, X06 ----------------------------------------------------------------


def _no_aar(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    aar = assist.follow_up.aar
    if aar is None or (aar.planned_on is None and aar.held_on is None):
        yield Flag(message="No After Action Review is planned.", path="follow_up.aar")


def aar_planned(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """An After Action Review is planned (M25: optional, so a note)."""
    return make(
        code="PA-M25-no-aar",
        severity=severity,
        refs=("M25",),
        phase="follow_up",
        title="An After Action Review is planned (the method makes it optional).",
        hint="Plan a short review soon after the event: what was supposed to happen, what did,"
        " why the difference, what to sustain or improve.",
        reads=("follow_up",),
        check=_no_aar,
    )


def _aar_late(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    aar = assist.follow_up.aar
    end = last_day(assist)
    if aar is None or end is None:
        return
    within = ctx.policy.aar_within_days
    latest = end.add(days=within)
    for name in ("held_on", "planned_on"):
        day = getattr(aar, name)
        if day is not None:
            if day > latest:
                yield Flag(
                    message=f"The After Action Review is on {day.isoformat()}, more than"
                    f" {within} days after the meeting.",
                    path=f"follow_up.aar.{name}",
                )
            return


def aar_soon(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """The After Action Review comes soon after the event (X06)."""
    return make(
        code="PA-X06-aar-late",
        severity=severity,
        refs=("X06",),
        phase="follow_up",
        title="The After Action Review is held soon after the event.",
        hint="Hold it while memories are fresh.",
        reads=("follow_up", "logistics", "host"),
        check=_aar_late,
    )


def _aar_unanswered(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    aar = assist.follow_up.aar
    if aar is None or aar.held_on is None or aar.held_on > today(assist, ctx):
        return
    if not aar.answered:
        missing = [
            name
            for name in (
                "supposed_to_happen",
                "actually_happened",
                "why_different",
                "sustain_or_improve",
            )
            if not getattr(aar, name).strip()
        ]
        yield Flag(
            message=f"The After Action Review was held but leaves {', '.join(missing)} unanswered.",
            path="follow_up.aar",
        )


def aar_answered(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """A held After Action Review answers its four questions (X06)."""
    return make(
        code="PA-X06-aar-unanswered",
        severity=severity,
        refs=("X06",),
        phase="follow_up",
        title="A held After Action Review answers its four questions.",
        hint="Answer: what was supposed to happen, what happened, why the difference,"
        " what to sustain or improve. Blameless.",
        reads=("follow_up", "logistics", "host"),
        uses=("today",),
        check=_aar_unanswered,
    )


def _aar_not_held(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    aar = assist.follow_up.aar
    if aar is None or aar.planned_on is None or aar.held_on is not None:
        return
    if aar.planned_on < today(assist, ctx):
        yield Flag(
            message=f"The After Action Review planned for {aar.planned_on.isoformat()} has"
            " not been held.",
            path="follow_up.aar.held_on",
        )


def aar_held(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """A planned After Action Review is held by its date (X06)."""
    return make(
        code="PA-X06-aar-not-held",
        severity=severity,
        refs=("X06", "M25"),
        phase="follow_up",
        title="An After Action Review planned for a past date has been held.",
        hint="Hold it (and record held_on), or plan it again for a new date.",
        reads=("follow_up", "logistics", "host"),
        uses=("today",),
        check=_aar_not_held,
    )


# -- M26 -------------------------------------------------------------------


def _not_shared(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if not assist.follow_up.shared_with:
        yield Flag(message="The lessons are not shared with anyone.", path="follow_up.shared_with")


def lessons_shared(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """The lessons are shared with whoever else might benefit (M26)."""
    return make(
        code="PA-M26-lessons-not-shared",
        severity=severity,
        refs=("M26",),
        phase="follow_up",
        title="The lessons are shared with others who might benefit.",
        hint="Consider who else might benefit (related teams, networks) and tell them.",
        reads=("follow_up",),
        check=_not_shared,
    )


RULES: tuple[FunctionRule, ...] = (
    visitors_acknowledged(),
    action_list_date(),
    action_list_soon(),
    visitor_takeaways(),
    action_list_delivered(),
    actions_on_time(),
    lessons_recorded(),
    lessons_have_evidence(),
    evidence_both_kinds(),
    aar_planned(),
    aar_soon(),
    aar_answered(),
    aar_held(),
    lessons_shared(),
)
