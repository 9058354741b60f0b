"""Whether an assist has reached the point where a document can be written.

A document is never printed with empty headings: :func:`missing` lists what
an assist still lacks for a kind of document, and :func:`render` refuses
with those problems. Two things count: how far the assist has come in the
method's workflow (the furthest of its state and the states in its audit
trail, so a cancelled assist keeps what it reached), and what it holds.
"""

from __future__ import annotations

from collections.abc import Callable

from peerassist.exceptions import Problem
from peerassist.model import PeerAssist
from peerassist.model._outputs import PROMPT_SOURCES, parse_prompt

__all__ = ["KINDS", "METHOD_STATES", "missing", "reached"]

METHOD_STATES: tuple[str, ...] = (
    "scoping",
    "research",
    "scheduling",
    "quarter_1",
    "quarter_2",
    "quarter_3",
    "quarter_4",
    "feedback",
    "follow_up",
    "closed",
)
"""The default workflow's states in the method's order (``cancelled`` aside)."""

KINDS: dict[str, str] = {
    "briefing": "briefing pack",
    "record": "meeting record",
    "actions": "action list",
    "aar": "After Action Review",
    "lessons": "lessons learned",
}
"""The kinds of document, each with the name it goes by."""

_FIRST_STATE: dict[str, str] = {
    "briefing": "scheduling",
    "record": "quarter_1",
    "actions": "feedback",
    "aar": "follow_up",
    "lessons": "follow_up",
}

_WHY: dict[str, str] = {
    "briefing": "the visitors and the date are chosen at scheduling",
    "record": "the meeting starts at quarter_1",
    "actions": "the caller commits to the action list at the end of the meeting",
    "aar": "the review comes after the meeting, in follow_up",
    "lessons": "lessons are drawn after the meeting, in follow_up",
}


def reached(assist: PeerAssist) -> int | None:
    """Return how far the assist has come: an index into :data:`METHOD_STATES`.

    The furthest of its state and every state its audit trail entered; None
    when none of them is one of the method's states (a custom workflow),
    in which case only the assist's content decides.
    """
    names = {assist.state, *(entry.dest for entry in assist.history)}
    found = [METHOD_STATES.index(n) for n in names if n in METHOD_STATES]
    return max(found) if found else None


def _state(assist: PeerAssist, kind: str) -> list[Problem]:
    index = reached(assist)
    first = _FIRST_STATE[kind]
    if index is None or index >= METHOD_STATES.index(first):
        return []
    return [
        Problem(
            "state",
            f"{first} or later ({_WHY[kind]})",
            repr(assist.state),
        )
    ]


def _briefing(assist: PeerAssist) -> list[Problem]:
    problems = []
    if not assist.purpose.problem.strip():
        problems.append(
            Problem("purpose.problem", "the problem the host team wants help with", "''")
        )
    if not assist.visitors:
        problems.append(Problem("visitors", "at least one visitor", "none"))
    if not assist.logistics.windows:
        problems.append(Problem("logistics.windows", "at least one meeting window", "none"))
    return problems


def _record(assist: PeerAssist) -> list[Problem]:
    meeting = assist.meeting
    anything = (
        meeting.context.notes.strip()
        or meeting.context.redefined_problem.strip()
        or meeting.questions.surprises
        or meeting.questions.expected_missing
        or meeting.questions.info_needs
        or meeting.analysis.options
        or meeting.analysis.insights
        or meeting.feedback
        or assist.follow_up.takeaways
    )
    if anything:
        return []
    return [Problem("meeting", "notes from at least one quarter", "nothing recorded")]


def _actions(assist: PeerAssist) -> list[Problem]:
    follow_up = assist.follow_up
    if not follow_up.actions:
        due = follow_up.action_list_due
        promised = f" (promised by {due.isoformat()})" if due is not None else ""
        return [Problem("follow_up.actions", "at least one action item", f"none yet{promised}")]
    return dangling_prompts(assist)


def dangling_prompts(assist: PeerAssist) -> list[Problem]:
    """List every action whose ``prompted_by`` points at nothing in the meeting notes."""
    problems = []
    for index, action in enumerate(assist.follow_up.actions):
        if action.prompted_by is None:
            continue
        parsed = parse_prompt(action.prompted_by)
        if parsed is None:  # pragma: no cover - the model refuses it
            continue
        name, number = parsed
        count = len(prompt_items(assist, name))
        if number >= count:
            problems.append(
                Problem(
                    f"follow_up.actions[{index}].prompted_by",
                    f"one of the {count} item(s) of {PROMPT_SOURCES[name]}",
                    repr(action.prompted_by),
                )
            )
    return problems


def prompt_items(assist: PeerAssist, name: str) -> tuple[str, ...]:
    """The texts a ``prompted_by`` reference of list ``name`` can point at."""
    meeting = assist.meeting
    if name == "options":
        return meeting.analysis.options
    if name == "insights":
        return meeting.analysis.insights
    return tuple(item.text for item in meeting.feedback)


def _aar(assist: PeerAssist) -> list[Problem]:
    aar = assist.follow_up.aar
    if aar is None:
        return [Problem("follow_up.aar", "an After Action Review", "none")]
    problems = []
    if aar.held_on is None:
        planned = f" (planned on {aar.planned_on.isoformat()})" if aar.planned_on else ""
        problems.append(Problem("follow_up.aar.held_on", "the date it was held", f"none{planned}"))
    questions = (
        ("supposed_to_happen", "what was supposed to happen"),
        ("actually_happened", "what actually happened"),
        ("why_different", "why there was a difference"),
        ("sustain_or_improve", "what we will sustain or improve"),
    )
    for name, what in questions:
        if not getattr(aar, name).strip():
            problems.append(Problem(f"follow_up.aar.{name}", f"an answer: {what}", "''"))
    return problems


def _lessons(assist: PeerAssist) -> list[Problem]:
    if not assist.follow_up.lessons:
        return [Problem("follow_up.lessons", "at least one lesson", "none")]
    return []


_CONTENT: dict[str, Callable[[PeerAssist], list[Problem]]] = {
    "briefing": _briefing,
    "record": _record,
    "actions": _actions,
    "aar": _aar,
    "lessons": _lessons,
}


def missing(assist: PeerAssist, kind: str) -> tuple[Problem, ...]:
    """Return what ``assist`` lacks for a document of ``kind`` (empty when ready).

    Args:
        assist: the assist.
        kind: one of :data:`KINDS`.

    Returns:
        The problems, each naming a field path, what the document needs
        there and what the assist holds; the state first.
    """
    return (*_state(assist, kind), *_CONTENT[kind](assist))
