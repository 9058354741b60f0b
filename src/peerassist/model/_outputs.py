"""What the meeting and its follow-up produce (M18-M26, X06, X07)."""

from __future__ import annotations

import re
from enum import StrEnum

from peerassist._attrs import frozen
from peerassist._time import Date
from peerassist.model._check import Checker, found


@frozen(kw_only=True)
class ContextNotes:
    """Quarter 1: the host's context, history and plans (M18).

    Attributes:
        notes: what the host team presented, short and sharp.
        redefined_problem: the problem as redefined in the meeting, if it
            turned out to be a symptom of a root cause.
    """

    notes: str = ""
    redefined_problem: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("notes", single_line=False)
        c.text("redefined_problem", single_line=False)
        c.done()


@frozen(kw_only=True)
class InfoNeed:
    """Something the visitors need to know, and where to get it (M19).

    Attributes:
        need: what they need to know.
        where: where to get it: a call, data, a report.
    """

    need: str
    where: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("need", required=True)
        c.text("where")
        c.done()


@frozen(kw_only=True)
class Questions:
    """Quarter 2: what surprised the visitors, and what they still need (M19).

    Attributes:
        surprises: what surprised them.
        expected_missing: what they expected to hear but did not.
        info_needs: what else they need to know, and where to get it.
    """

    surprises: tuple[str, ...] = ()
    expected_missing: tuple[str, ...] = ()
    info_needs: tuple[InfoNeed, ...] = ()

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.texts("surprises")
        c.texts("expected_missing")
        c.items("info_needs", InfoNeed)
        c.done()


@frozen(kw_only=True)
class Analysis:
    """Quarter 3: the visitors' options and insights (M20).

    Attributes:
        options: options the visitors see.
        insights: insights from their analysis and reflection.
    """

    options: tuple[str, ...] = ()
    insights: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.texts("options")
        c.texts("insights")
        c.done()


class FeedbackKind(StrEnum):
    """What a piece of quarter-4 feedback is (M21)."""

    LEARNED = "learned"
    """What we have learned."""
    OPTION = "option"
    """An option we see."""
    WORKED_ELSEWHERE = "worked_elsewhere"
    """What has worked elsewhere: a story, not a prescription."""


@frozen(kw_only=True)
class FeedbackItem:
    """One piece of the visitors' feedback presentation (M21).

    Attributes:
        text: the feedback, told as a story rather than "you should...".
        kind: learned, option or worked elsewhere.
        positive: whether it is a positive; positives come first.
    """

    text: str
    kind: FeedbackKind = FeedbackKind.LEARNED
    positive: bool = False

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("text", required=True, single_line=False)
        c.enum("kind", FeedbackKind)
        c.boolean("positive")
        c.done()


@frozen(kw_only=True)
class MeetingNotes:
    """What the four quarters of the meeting produced (M18-M21).

    Attributes:
        context: quarter 1 (M18).
        questions: quarter 2 (M19).
        analysis: quarter 3 (M20).
        feedback: quarter 4, in the order presented (M21).
    """

    context: ContextNotes = ContextNotes()
    questions: Questions = Questions()
    analysis: Analysis = Analysis()
    feedback: tuple[FeedbackItem, ...] = ()

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.instance("context", ContextNotes)
        c.instance("questions", Questions)
        c.instance("analysis", Analysis)
        c.items("feedback", FeedbackItem)
        c.done()


class ActionStatus(StrEnum):
    """Where an action item stands (X07)."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


@frozen(kw_only=True)
class ActionItem:
    """Something the host team will do differently, with an owner (M22, X07).

    Attributes:
        title: what will be done.
        owner: the email of the person who owns it.
        due: when it is due.
        status: open, done or dropped.
        prompted_by: what in the meeting prompted it, so the visitors see
            their contribution in the action list (M22): ``"options[N]"`` or
            ``"insights[N]"`` of ``meeting.analysis`` (M20), or
            ``"feedback[N]"`` of ``meeting.feedback`` (M21), counted from 0;
            None when nothing in particular did.
    """

    title: str
    owner: str
    due: Date
    status: ActionStatus = ActionStatus.OPEN
    prompted_by: str | None = None

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("title", required=True)
        c.email("owner")
        c.date("due")
        c.enum("status", ActionStatus)
        _check_prompt(c)
        c.done()


PROMPT_SOURCES: dict[str, str] = {
    "options": "meeting.analysis.options",
    "insights": "meeting.analysis.insights",
    "feedback": "meeting.feedback",
}
"""What an action's ``prompted_by`` may point at, and where it lives in an assist."""

_PROMPT = re.compile(r"^(options|insights|feedback)\[(0|[1-9][0-9]{0,5})\]\Z")


def parse_prompt(reference: str) -> tuple[str, int] | None:
    """Split a ``prompted_by`` reference into its list and index, or None if malformed."""
    match = _PROMPT.match(reference)
    return None if match is None else (match.group(1), int(match.group(2)))


def _check_prompt(c: Checker) -> None:
    value = c.obj.prompted_by  # type: ignore[attr-defined]
    if value is not None and (not isinstance(value, str) or parse_prompt(value) is None):
        c.add(
            "prompted_by",
            "a reference like 'options[0]', 'insights[1]' or 'feedback[2]', or None",
            found(value),
        )


@frozen(kw_only=True)
class Takeaway:
    """What a visitor learned and will take away: learning is two-way (M23).

    Attributes:
        visitor: the visitor's email.
        text: what they take away.
    """

    visitor: str
    text: str

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.email("visitor")
        c.text("text", required=True, single_line=False)
        c.done()


class EvidenceKind(StrEnum):
    """What a lesson rests on (M24)."""

    EXPERIENCE = "experience"
    """On-the-job experience."""
    RESEARCH = "research"
    """Sound research evidence."""


@frozen(kw_only=True)
class Evidence:
    """One piece of evidence behind a lesson (M24).

    Attributes:
        kind: experience or research.
        source: where it comes from: a person, a project, a paper.
    """

    kind: EvidenceKind
    source: str

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.enum("kind", EvidenceKind)
        c.text("source", required=True)
        c.done()


@frozen(kw_only=True)
class Lesson:
    """A lesson learned, with the evidence it rests on (M24).

    Attributes:
        text: the lesson.
        evidence: experience and/or research behind it.
    """

    text: str
    evidence: tuple[Evidence, ...] = ()

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("text", required=True, single_line=False)
        c.items("evidence", Evidence)
        c.done()


@frozen(kw_only=True)
class AfterActionReview:
    """An After Action Review of the assist (M25, X06).

    Attributes:
        planned_on: when it is planned (soon after the event).
        held_on: when it was held.
        supposed_to_happen: what was supposed to happen?
        actually_happened: what actually happened?
        why_different: why was there a difference?
        sustain_or_improve: what will we sustain or improve?
    """

    planned_on: Date | None = None
    held_on: Date | None = None
    supposed_to_happen: str = ""
    actually_happened: str = ""
    why_different: str = ""
    sustain_or_improve: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.date("planned_on", optional=True)
        c.date("held_on", optional=True)
        for name in ("supposed_to_happen", "actually_happened", "why_different"):
            c.text(name, single_line=False)
        c.text("sustain_or_improve", single_line=False)
        c.done()

    @property
    def answered(self) -> bool:
        """True when all four questions have an answer (X06)."""
        return all(
            text.strip()
            for text in (
                self.supposed_to_happen,
                self.actually_happened,
                self.why_different,
                self.sustain_or_improve,
            )
        )


@frozen(kw_only=True)
class Sharing:
    """Who the lessons were shared with (M26).

    Attributes:
        audience: who: a team, a network, a community of practice.
        on: when.
        how: how: a talk, a newsletter, a repository.
    """

    audience: str
    on: Date | None = None
    how: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("audience", required=True)
        c.date("on", optional=True)
        c.text("how")
        c.done()


@frozen(kw_only=True)
class FollowUp:
    """After the meeting: commitments, takeaways, lessons and review (M22-M26).

    Attributes:
        acknowledgement: the caller's thanks to the visitors (M22).
        action_list_due: the date the caller commits to for the action list
            of what the team will do differently (M22).
        actions: the action items, each with owner and due date (X07).
        takeaways: what the visitors take away (M23).
        lessons: lessons with their evidence (M24).
        aar: the After Action Review (M25, X06).
        shared_with: who the lessons were shared with (M26).
    """

    acknowledgement: str = ""
    action_list_due: Date | None = None
    actions: tuple[ActionItem, ...] = ()
    takeaways: tuple[Takeaway, ...] = ()
    lessons: tuple[Lesson, ...] = ()
    aar: AfterActionReview | None = None
    shared_with: tuple[Sharing, ...] = ()

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("acknowledgement", single_line=False)
        c.date("action_list_due", optional=True)
        c.items("actions", ActionItem)
        c.items("takeaways", Takeaway)
        c.items("lessons", Lesson)
        c.instance("aar", AfterActionReview, optional=True)
        c.items("shared_with", Sharing)
        c.done()
