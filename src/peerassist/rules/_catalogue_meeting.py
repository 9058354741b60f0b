"""Built-in rules about the meeting's four quarters (M17-M21)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from peerassist.rules._core import RuleContext, Severity
from peerassist.rules._rule import Flag, FunctionRule
from peerassist.rules._util import make, matches, phrase_pattern, quoted

if TYPE_CHECKING:
    from peerassist.model import PeerAssist

PRESCRIPTIVE_PHRASES: tuple[str, ...] = (
    "you should",
    "you shouldn't",
    "you should not",
    "you must",
    "you mustn't",
    "you must not",
    "you need to",
    "you needn't",
    "you have to",
    "you've got to",
    "you ought",
    "you'd better",
    "you had better",
    "we recommend you",
    "we advise you",
)
"""Phrases that make feedback a prescription rather than a story (M21)."""

QUARTERS: tuple[str, ...] = ("quarter_1", "quarter_2", "quarter_3", "quarter_4")
"""The states of the meeting's four quarters, in order."""

_QUARTER_SET = frozenset(QUARTERS)


# -- M17 -------------------------------------------------------------------


def quarter_spans(assist: PeerAssist) -> list[tuple[float, float]] | None:
    """When each quarter ran, as POSIX timestamps, from the audit trail (the
    last run of each), or None when the trail does not hold all four."""
    history = assist.history
    entered: dict[str, int] = {}
    for index, entry in enumerate(history):
        if entry.dest in _QUARTER_SET:
            entered[entry.dest] = index
    if len(entered) < len(QUARTERS):
        return None
    spans: list[tuple[float, float]] = []
    for quarter in QUARTERS:
        start = entered[quarter]
        left = next(
            (i for i in range(start + 1, len(history)) if history[i].source == quarter), None
        )
        if left is None:
            return None
        spans.append((history[start].at.timestamp(), history[left].at.timestamp()))
    return spans


def _quarters_unequal(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    spans = quarter_spans(assist)
    if spans is None:
        return
    windows = [(w.start.timestamp(), w.end.timestamp()) for w in assist.logistics.windows]
    if not windows:
        return
    # Count only meeting time: a quarter running over a night counts its
    # hours inside the meeting's windows.
    lengths = [
        sum(max(0.0, min(end, w_end) - max(start, w_start)) for w_start, w_end in windows)
        for start, end in spans
    ]
    total = sum(lengths)
    if total <= 0:
        return
    tolerance = ctx.policy.quarter_tolerance
    shares = [length / total for length in lengths]
    if any(abs(share - 0.25) > tolerance for share in shares):
        shown = ", ".join(f"{round(100 * share)}%" for share in shares)
        yield Flag(
            message=f"The four quarters took {shown} of the meeting time; each should take"
            f" about a quarter ({round(100 * (0.25 - tolerance))}% to"
            f" {round(100 * (0.25 + tolerance))}%).",
            path="history",
        )


def quarters_equal(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """The meeting's four quarters took roughly equal time (M17; from the audit trail)."""
    return make(
        code="PA-M17-quarters-unequal",
        severity=severity,
        refs=("M17",),
        phase="feedback",
        title="The four quarters of the meeting took roughly equal time.",
        hint=(
            "Plan four roughly equal parts (plan_agenda does) and keep to them; note why"
            " not for the After Action Review."
        ),
        reads=("history", "logistics"),
        check=_quarters_unequal,
    )


# -- M18-M20 -------------------------------------------------------------------


def _no_context(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if not assist.meeting.context.notes.strip():
        yield Flag(
            message="Nothing is noted of the host's context, history and plans.",
            path="meeting.context.notes",
        )


def context_noted(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """Quarter 1's context, history and plans are noted (M18)."""
    return make(
        code="PA-M18-no-context-notes",
        severity=severity,
        refs=("M18",),
        phase="quarter_1",
        title="Quarter 1: the host's context, history and plans are noted.",
        hint="Note the host's presentation, short and sharp, and any redefined problem.",
        reads=("meeting",),
        check=_no_context,
    )


def _no_questions(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    questions = assist.meeting.questions
    if not (questions.surprises or questions.expected_missing or questions.info_needs):
        yield Flag(
            message="Nothing is noted of what surprised the visitors, what they missed"
            " or what else they need to know.",
            path="meeting.questions",
        )


def questions_noted(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """Quarter 2's surprises, gaps and information needs are noted (M19)."""
    return make(
        code="PA-M19-no-questions",
        severity=severity,
        refs=("M19",),
        phase="quarter_2",
        title="Quarter 2: surprises, what was missing and what else is needed are noted.",
        hint="Note the surprises, the things expected but not heard, and where to find more.",
        reads=("meeting",),
        check=_no_questions,
    )


def _no_analysis(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    analysis = assist.meeting.analysis
    if not (analysis.options or analysis.insights):
        yield Flag(
            message="No options or insights from the visitors' analysis are noted.",
            path="meeting.analysis",
        )


def analysis_noted(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """Quarter 3's options and insights are noted (M20)."""
    return make(
        code="PA-M20-no-analysis",
        severity=severity,
        refs=("M20",),
        phase="quarter_3",
        title="Quarter 3: the visitors' options and insights are noted.",
        hint="Note the options the visitors see and the insights behind them.",
        reads=("meeting",),
        check=_no_analysis,
    )


# -- M21 -------------------------------------------------------------------


def _no_feedback(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if not assist.meeting.feedback:
        yield Flag(message="No feedback from the visitors is noted.", path="meeting.feedback")


def feedback_given(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """Quarter 4's feedback is noted (M21)."""
    return make(
        code="PA-M21-no-feedback",
        severity=severity,
        refs=("M21",),
        phase="quarter_4",
        title="Quarter 4: the visitors' feedback is noted.",
        hint="Note what the visitors learned, the options they see and what worked elsewhere.",
        reads=("meeting",),
        check=_no_feedback,
    )


def _positives_not_first(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    feedback = assist.meeting.feedback
    if not feedback:
        return
    if not any(item.positive for item in feedback):
        yield Flag(message="The feedback has no positives.", path="meeting.feedback")
        return
    if not feedback[0].positive:
        yield Flag(
            message="The feedback does not start with a positive.", path="meeting.feedback[0]"
        )
        return
    seen_other = False
    for index, item in enumerate(feedback):
        if not item.positive:
            seen_other = True
        elif seen_other:
            yield Flag(
                message=f"Positive feedback item {index + 1} comes after other feedback.",
                path=f"meeting.feedback[{index}]",
            )
            return


def positives_first(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """Feedback has positives, and they come first (M21)."""
    return make(
        code="PA-M21-positives-not-first",
        severity=severity,
        refs=("M21",),
        phase="quarter_4",
        title="Feedback starts with the positives.",
        hint="Present what works well first, then the options.",
        reads=("meeting",),
        check=_positives_not_first,
    )


def _prescriptive(
    assist: PeerAssist, ctx: RuleContext, *, phrases: Sequence[str]
) -> Iterator[str | Flag]:
    pattern = phrase_pattern(phrases)
    for index, item in enumerate(assist.meeting.feedback):
        found = matches(pattern, item.text)
        if found:
            yield Flag(
                message=f"Feedback item {index + 1} prescribes ({quoted(found)}) rather than"
                " tells a story.",
                path=f"meeting.feedback[{index}].text",
            )


def feedback_not_prescriptive(
    *, phrases: Sequence[str] = PRESCRIPTIVE_PHRASES, severity: Severity | str = Severity.WARNING
) -> FunctionRule:
    """Feedback tells stories, not prescriptions ("you should...") (M21).

    Args:
        phrases: phrases that prescribe; :data:`PRESCRIPTIVE_PHRASES` by default.
        severity: the severity of what it finds.
    """
    return make(
        code="PA-M21-prescriptive-feedback",
        severity=severity,
        refs=("M21",),
        phase="quarter_4",
        title='Feedback tells stories of what worked elsewhere, not prescriptions ("you should").',
        hint='Rephrase as a story: "At Northfield, we tried... and found...".',
        reads=("meeting",),
        check=_prescriptive,
        phrases=tuple(phrases),
    )


RULES: tuple[FunctionRule, ...] = (
    context_noted(),
    questions_noted(),
    analysis_noted(),
    feedback_given(),
    positives_first(),
    feedback_not_prescriptive(),
    quarters_equal(),
)
