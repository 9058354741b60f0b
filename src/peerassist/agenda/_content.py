"""What each part of the meeting is for, in the method's words (M15-M23, X03, X04)."""

from __future__ import annotations

from enum import StrEnum


class SlotKind(StrEnum):
    """What a slot of the agenda is."""

    PRE_BRIEF = "pre_brief"
    """A short pre-brief with the facilitator, usually the day before (X04)."""
    SOCIAL = "social"
    """Time to get to know one another: dinner the night before or coffee (M15)."""
    OPENING = "opening"
    """The sponsor opens: why the assist was called, purpose and roles (M16, X03)."""
    GROUND_RULES = "ground_rules"
    """The ground rules stated at the start (M16)."""
    RECAP = "recap"
    """The start of a later day: where we are, what comes next."""
    QUARTER = "quarter"
    """One of the four parts of the meeting (M17-M21); ``Slot.quarter`` says which."""
    BREAK = "break"
    """A short break."""
    LUNCH = "lunch"
    """Lunch."""
    CLOSING = "closing"
    """Acknowledgements, the action-list date and what visitors take away (M22, M23)."""


QUARTER_TITLES: dict[int, str] = {
    1: "Quarter 1: context",
    2: "Quarter 2: questions",
    3: "Quarter 3: analysis",
    4: "Quarter 4: feedback",
}
"""The title of each quarter (M18-M21)."""

QUARTER_DESCRIPTIONS: dict[int, str] = {
    1: (
        "The host team presents the context, the history and its future plans,"
        " short and sharp. The problem may be redefined: it may be a symptom of"
        " a root cause."
    ),
    2: (
        "The visitors discuss what surprised them and what they expected to hear"
        " but did not, and identify what else they need to know and where to get"
        " it (calls, data, reports). The host team listens, and may leave the room."
    ),
    3: (
        "The visitors analyse, reflect and examine options. The host team takes"
        " the back seat; one or two members may listen in."
    ),
    4: (
        "The visitors present their feedback: what we have learned, what options"
        " we see, what has worked elsewhere. Positives first; stories, not"
        " prescriptions."
    ),
}
"""What happens in each quarter (M18-M21)."""

QUARTER_REFS: dict[int, tuple[str, ...]] = {
    1: ("M17", "M18"),
    2: ("M17", "M19"),
    3: ("M17", "M20"),
    4: ("M17", "M21"),
}

OPENING_TITLE = "Opening: why we are here"
OPENING_DESCRIPTION = (
    "The sponsor says why the peer assist was called, its objectives and its"
    " deliverables (options and insights, not an answer). Everyone is clear"
    " about the purpose and their role."
)
OPENING_REFS = ("M01", "M13", "M16", "X03")

GROUND_RULES_TITLE = "Ground rules"
GROUND_RULES_REFS = ("M16",)

RECAP_TITLE = "Recap"
RECAP_DESCRIPTION = "Welcome back: where we got to, and the plan for the day."

CLOSING_TITLE = "Closing: actions and reflections"
CLOSING_DESCRIPTION = (
    "The host acknowledges the visitors and commits to a date for an action list"
    " of what the team will do differently. The visitors reflect on what they"
    " learned and will take away: learning is two-way."
)
CLOSING_REFS = ("M22", "M23")

PRE_BRIEF_TITLE = "Pre-brief with the facilitator"
PRE_BRIEF_DESCRIPTION = (
    "The host states the problem in five minutes or less; the facilitator checks"
    " the purpose, the roles and the agenda."
)
PRE_BRIEF_REFS = ("X04",)

SOCIAL_DESCRIPTION = (
    "Time for the teams to get to know one another, so the group can work openly together."
)
SOCIAL_REFS = ("M15",)


def ground_rules_description(rules: tuple[str, ...]) -> str:
    """Join the ground rules into one description (M16)."""
    return " ".join(rules)
