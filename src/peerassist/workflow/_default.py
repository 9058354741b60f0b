"""The default workflow: the Peer Assist method's lifecycle."""

from __future__ import annotations

from peerassist.workflow._spec import TransitionSpec, WorkflowSpec

__all__ = ["DEFAULT_WORKFLOW"]

_STATES = (
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
    "cancelled",
)


def _forward(trigger: str, source: str, dest: str, description: str, *refs: str) -> TransitionSpec:
    return TransitionSpec(
        trigger=trigger,
        sources=(source,),
        dest=dest,
        forward=True,
        description=description,
        refs=refs,
    )


DEFAULT_WORKFLOW = WorkflowSpec(
    name="peer-assist",
    description=(
        "Scoping, research and scheduling before the meeting; its four quarters;"
        " feedback and follow-up after it."
    ),
    states=_STATES,
    initial="scoping",
    transitions=(
        _forward(
            "begin_research",
            "scoping",
            "research",
            "The problem and purpose are defined; look for who has tackled it before.",
            "M01",
            "M02",
            "M13",
            "M27",
            "X01",
            "X02",
        ),
        _forward(
            "schedule",
            "research",
            "scheduling",
            "Prior work is known and plans shared; choose the people and the date.",
            "M03",
            "M04",
        ),
        TransitionSpec(
            trigger="reschedule",
            sources=("scheduling",),
            dest="scheduling",
            edits=("logistics",),
            description=(
                "Move the meeting: new windows, checked like the original plan;"
                " the revision is bumped so invites are updated."
            ),
            refs=("M07", "M08"),
        ),
        _forward(
            "start_meeting",
            "scheduling",
            "quarter_1",
            "People, facilitator, recording, date and briefing are settled; the host"
            " presents context.",
            "M05",
            "M06",
            "M07",
            "M08",
            "M09",
            "M10",
            "M11",
            "M12",
            "M14",
            "M16",
            "X03",
            "X04",
            "X05",
        ),
        _forward(
            "start_questions",
            "quarter_1",
            "quarter_2",
            "Context given; the visitors discuss what surprised them and what they need.",
            "M18",
        ),
        _forward(
            "start_analysis",
            "quarter_2",
            "quarter_3",
            "Questions gathered; the visitors analyse and examine options.",
            "M19",
        ),
        _forward(
            "start_presentation",
            "quarter_3",
            "quarter_4",
            "Options examined; the visitors present their feedback.",
            "M20",
        ),
        _forward(
            "end_meeting",
            "quarter_4",
            "feedback",
            "Feedback presented, positives first; the meeting ends.",
            "M21",
        ),
        _forward(
            "begin_follow_up",
            "feedback",
            "follow_up",
            "The caller thanked the visitors and committed to an action-list date.",
            "M22",
            "M23",
        ),
        _forward(
            "close",
            "follow_up",
            "closed",
            "Actions owned and dated, lessons evidenced and shared, review held.",
            "M24",
            "M25",
            "M26",
            "X06",
            "X07",
        ),
        TransitionSpec(
            trigger="cancel",
            sources=_STATES[:-2],
            dest="cancelled",
            check_rules=False,
            description="Stop the assist; allowed from every state before closed.",
        ),
    ),
    meeting_states=("quarter_1", "quarter_2", "quarter_3", "quarter_4"),
    final=("closed", "cancelled"),
)
"""The Peer Assist lifecycle.

``scoping -> research -> scheduling -> quarter_1 -> quarter_2 -> quarter_3 ->
quarter_4 -> feedback -> follow_up -> closed``, one forward trigger per step;
``reschedule`` moves a scheduled meeting; ``cancel`` leads to ``cancelled``
from every state before ``closed``. Every transition but ``cancel`` runs the
rules whose phase applies at its source state.
"""
