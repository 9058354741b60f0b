"""Built-in rules of the scoping phase: purpose, readiness, format (M01, M02,
M07, M13, M27, X01, X02, X08)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from peerassist.policy import PROFILES
from peerassist.rules._core import RuleContext, Severity
from peerassist.rules._rule import Flag, FunctionRule
from peerassist.rules._util import (
    find_each,
    holds_any,
    make,
    phrase_pattern,
    quoted,
    texts_of_purpose,
)
from peerassist.rules._wording import (
    _VAGUE_WORDS,
    ANSWER_PHRASES,
    CONSEQUENCE_PHRASES,
    ENDORSEMENT_PHRASES,
    EVALUATIVE_PHRASES,
)

if TYPE_CHECKING:
    from peerassist.model import PeerAssist

# -- M01 -------------------------------------------------------------------


def _no_problem(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if not assist.purpose.problem.strip():
        yield Flag(
            message="The problem the host team wants help with is not defined.",
            path="purpose.problem",
        )


def problem_defined(*, severity: Severity | str = Severity.ERROR) -> FunctionRule:
    """The specific problem the host team wants help with is written down (M01)."""
    return make(
        code="PA-M01-no-problem",
        severity=severity,
        refs=("M01",),
        phase="scoping",
        title="The specific problem the host team wants help with is defined.",
        hint="Write the problem in a few sentences: what is wrong, for whom, and why now.",
        reads=("purpose",),
        check=_no_problem,
    )


_QUANTITY = re.compile(r"\d(?<![^\W_]\d)")  # a digit not after a letter or digit
_WORD = re.compile(r"[^\W\d_][\w'-]*")


def _vague_problem(
    assist: PeerAssist, ctx: RuleContext, *, phrases: Sequence[str]
) -> Iterator[str | Flag]:
    text = assist.purpose.problem.strip()
    if not text:
        return
    folded = text.casefold()
    if len(folded) == len(text):
        # Each character folded in its place (nearly always): the words
        # are found folded already.
        words = _WORD.findall(folded)
        specific = [w for w in words if w not in _VAGUE_WORDS]
    else:
        words = _WORD.findall(text)
        specific = [w for w in words if w.casefold() not in _VAGUE_WORDS]
    missing: list[str] = []
    if len(words) < 6 or len(specific) < 3:
        missing.append("who or what is affected")
    # A number gives a consequence its size ("doubled in two winters", "4
    # hours"); a code such as a method item ("M01") does not.
    if not _QUANTITY.search(text) and not holds_any(phrase_pattern(phrases), text):
        missing.append("what goes wrong because of it (a consequence)")
    if missing:
        yield Flag(
            message=f"The problem statement does not say {' nor '.join(missing)}.",
            path="purpose.problem",
        )


def problem_specific(
    *, phrases: Sequence[str] = CONSEQUENCE_PHRASES, severity: Severity | str = Severity.WARNING
) -> FunctionRule:
    """The problem names who or what is affected and a consequence (M01).

    Args:
        phrases: word starts that give a consequence;
            :data:`CONSEQUENCE_PHRASES` by default.
        severity: the severity of what it finds.
    """
    return make(
        code="PA-M01-vague-problem",
        severity=severity,
        refs=("M01",),
        phase="scoping",
        title="The problem says who or what is affected and what goes wrong because of it.",
        hint="Say what is wrong, for whom, how much and by when: 'Ambulance handovers"
        " at our front door take twice as long as two winters ago.'",
        reads=("purpose",),
        check=_vague_problem,
        phrases=tuple(phrases),
    )


# -- M02 -------------------------------------------------------------------


def _seeks_endorsement(
    assist: PeerAssist, ctx: RuleContext, *, phrases: Sequence[str]
) -> Iterator[str | Flag]:
    texts = list(texts_of_purpose(assist))
    each = find_each(phrase_pattern(phrases), [text for _, text in texts])
    for (path, _), found in zip(texts, each, strict=True):
        if found:
            yield Flag(
                message=f"The purpose reads as seeking endorsement ({quoted(found)}).",
                path=path,
            )


def purpose_not_endorsement(
    *, phrases: Sequence[str] = ENDORSEMENT_PHRASES, severity: Severity | str = Severity.WARNING
) -> FunctionRule:
    """The purpose is to learn, not to have a decision endorsed (M02).

    Args:
        phrases: phrases that give endorsement away, matched at word starts
            (the last word may go on: ``ratify`` finds "ratifying");
            :data:`ENDORSEMENT_PHRASES` by default.
        severity: the severity of what it finds.
    """
    return make(
        code="PA-M02-seeks-endorsement",
        severity=severity,
        refs=("M02",),
        phase="scoping",
        title="The purpose is to learn, not to have a decision endorsed.",
        hint=(
            "Say what the team wants to learn before it acts; if the decision is already"
            " made, a peer assist is not the right tool."
        ),
        reads=("purpose",),
        check=_seeks_endorsement,
        phrases=tuple(phrases),
    )


# -- M13 -------------------------------------------------------------------


def _deliverable_is_answer(
    assist: PeerAssist, ctx: RuleContext, *, phrases: Sequence[str]
) -> Iterator[str | Flag]:
    each = find_each(phrase_pattern(phrases), assist.purpose.deliverables)
    for index, found in enumerate(each):
        if found:
            yield Flag(
                message=f"A deliverable reads as an answer or a decision ({quoted(found)}).",
                path=f"purpose.deliverables[{index}]",
            )


def deliverables_are_options(
    *, phrases: Sequence[str] = ANSWER_PHRASES, severity: Severity | str = Severity.WARNING
) -> FunctionRule:
    """The visitors deliver options and insights, not an answer (M13).

    Args:
        phrases: word starts that make a deliverable an answer;
            :data:`ANSWER_PHRASES` by default.
        severity: the severity of what it finds.
    """
    return make(
        code="PA-M13-deliverable-is-an-answer",
        severity=severity,
        refs=("M13",),
        phase="scoping",
        title="The deliverables are options and insights, not an answer or a decision.",
        hint="Ask the visitors for options and insights; the host team decides afterwards.",
        reads=("purpose",),
        check=_deliverable_is_answer,
        phrases=tuple(phrases),
    )


# -- M07 (the date itself) ------------------------------------------------------


def _no_decision_date(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if assist.purpose.decision_date is None:
        yield Flag(
            message="The date by which the host team will decide is not known.",
            path="purpose.decision_date",
        )


def decision_date_known(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """The host team's decision date is known, to plan the meeting before it (M07)."""
    return make(
        code="PA-M07-no-decision-date",
        severity=severity,
        refs=("M07",),
        phase="scoping",
        title="The date of the host team's decision is known.",
        hint="Set purpose.decision_date, so the meeting can be held early enough before it.",
        reads=("purpose",),
        check=_no_decision_date,
    )


# -- M27 -------------------------------------------------------------------


def _no_benefit_case(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if not assist.purpose.benefit_cost.strip():
        yield Flag(
            message="Why the benefits outweigh the costs (time, travel) is not stated.",
            path="purpose.benefit_cost",
        )


def benefits_outweigh_costs(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """Why the assist is worth its cost is stated (M27)."""
    return make(
        code="PA-M27-no-benefit-case",
        severity=severity,
        refs=("M27",),
        phase="scoping",
        title="Why the benefits outweigh the costs is stated.",
        hint=(
            "In a sentence or two, weigh what others' experience is worth against the"
            " time and travel it costs."
        ),
        reads=("purpose",),
        check=_no_benefit_case,
    )


# -- X01 -------------------------------------------------------------------

_READINESS = {
    "knowledge_is_complex": "the knowledge needed is simple or already in standards",
    "already_searched": "the team has not yet searched what is already written down",
    "scope_is_clear": "the scope of the problem is not clear",
    "not_yet_committed": "the team is already committed to a course of action",
    "saving_exceeds_cost": "the expected saving does not exceed the cost",
}


def _not_ready(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    readiness = assist.purpose.readiness
    for name, meaning in _READINESS.items():
        if getattr(readiness, name) is False:
            yield Flag(
                message=f"Not ready for a peer assist: {meaning}.",
                path=f"purpose.readiness.{name}",
            )


def ready(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """No readiness answer says the assist is the wrong tool yet (X01)."""
    return make(
        code="PA-X01-not-ready",
        severity=severity,
        refs=("X01",),
        phase="scoping",
        title="No readiness answer says a peer assist is the wrong tool yet.",
        hint=(
            "Fix what the readiness checklist says is missing first, or choose another"
            " tool (a literature search, a standard, a decision meeting)."
        ),
        reads=("purpose",),
        check=_not_ready,
    )


def _readiness_unanswered(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    readiness = assist.purpose.readiness
    missing = [name for name in _READINESS if getattr(readiness, name) is None]
    if missing:
        yield Flag(
            message=f"The readiness checklist is not answered: {', '.join(missing)}.",
            path="purpose.readiness",
        )


def readiness_answered(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """Every question of the readiness checklist has an answer (X01)."""
    return make(
        code="PA-X01-readiness-unanswered",
        severity=severity,
        refs=("X01",),
        phase="scoping",
        title="Every question of the readiness checklist has an answer.",
        hint="Answer each readiness question yes or no.",
        reads=("purpose",),
        check=_readiness_unanswered,
    )


# -- X02 (the purpose) ---------------------------------------------------------


def _evaluative(
    assist: PeerAssist, ctx: RuleContext, *, phrases: Sequence[str]
) -> Iterator[str | Flag]:
    texts = [("title", assist.title), *texts_of_purpose(assist)]
    each = find_each(phrase_pattern(phrases), [text for _, text in texts])
    for (path, _), found in zip(texts, each, strict=True):
        if found:
            yield Flag(
                message=f"This reads as a review of the host team ({quoted(found)}),"
                " not a request for help.",
                path=path,
            )


def not_a_review(
    *, phrases: Sequence[str] = EVALUATIVE_PHRASES, severity: Severity | str = Severity.WARNING
) -> FunctionRule:
    """The purpose asks for help, not for an evaluation of the host team (X02).

    Args:
        phrases: word starts that make it a review; :data:`EVALUATIVE_PHRASES`
            by default.
        severity: the severity of what it finds.
    """
    return make(
        code="PA-X02-evaluative-purpose",
        severity=severity,
        refs=("X02",),
        phase="scoping",
        title="The purpose asks for help, not for an evaluation of the host team.",
        hint=(
            "A peer assist is collaborative: ask what others have learned, not how well"
            " the team is doing (that is a peer review or an audit)."
        ),
        reads=("title", "purpose"),
        check=_evaluative,
        phrases=tuple(phrases),
    )


# -- X08 -------------------------------------------------------------------


def _unknown_profile(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    name = assist.profile
    if name is not None and name not in PROFILES and ctx.policy.name != name:
        known = ", ".join(sorted(PROFILES))
        yield Flag(
            message=f"The format {name!r} is unknown (known: {known}); checked against"
            f" {ctx.policy.name!r} instead.",
            path="profile",
        )


def known_profile(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """The assist's format names a known profile (X08)."""
    return make(
        code="PA-X08-unknown-profile",
        severity=severity,
        refs=("X08",),
        phase="scoping",
        title="The assist's format (profile) is a known one.",
        hint="Set profile to one of the known formats, or pass your own policy to validate().",
        reads=("profile",),
        check=_unknown_profile,
    )


RULES: tuple[FunctionRule, ...] = (
    problem_defined(),
    problem_specific(),
    purpose_not_endorsement(),
    not_a_review(),
    deliverables_are_options(),
    decision_date_known(),
    benefits_outweigh_costs(),
    ready(),
    readiness_answered(),
    known_profile(),
)
