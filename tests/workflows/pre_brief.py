"""A hospital's variant of the default workflow.

* no ``research`` state: the knowledge service does the research before an
  assist is requested, so ``schedule`` leaves ``scoping`` directly (and the
  research rules are dropped);
* a ``pre_brief`` state between scheduling and the meeting (X04), checked
  as scheduling, with its own gate: the pre-brief must be planned;
* ``close`` is called ``archive``.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from peerassist.model import PeerAssist
from peerassist.rules import Flag, RuleContext, rule
from peerassist.workflow import DEFAULT_WORKFLOW, Gate, TransitionSpec, WorkflowSpec


@rule(
    code="HOUSE-X04-no-pre-brief",
    severity="error",
    refs=("X04",),
    phase="scheduling",
    hint="Plan a short pre-brief with the facilitator, usually the day before.",
)
def pre_brief_planned(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    """The pre-brief with the facilitator is planned."""
    if assist.logistics.pre_brief is None:
        yield Flag(message="No pre-brief is planned.", path="logistics.pre_brief")


def _derive() -> WorkflowSpec:
    base = DEFAULT_WORKFLOW
    states = tuple(s for s in base.states if s != "research")
    index = states.index("scheduling") + 1
    states = (*states[:index], "pre_brief", *states[index:])
    transitions: list[TransitionSpec] = []
    for t in base.transitions:
        if t.trigger == "begin_research":
            continue
        if t.trigger == "schedule":
            t = attrs.evolve(t, sources=("scoping",))
        elif t.trigger == "start_meeting":
            t = attrs.evolve(t, sources=("pre_brief",))
        elif t.trigger == "cancel":
            sources = tuple(s for s in t.sources if s != "research")
            t = attrs.evolve(t, sources=(*sources, "pre_brief"))
        transitions.append(t)
    transitions.append(
        TransitionSpec(
            trigger="brief",
            sources=("scheduling",),
            dest="pre_brief",
            forward=True,
            description="The facilitator and host meet for a short pre-brief.",
            refs=("X04",),
        )
    )
    spec = attrs.evolve(
        base,
        name="hospital",
        states=states,
        transitions=tuple(transitions),
        checks_as={"pre_brief": "scheduling"},
        # The knowledge service does the research: its rules are not this
        # team's to check.
        rule_phases={"research": None},
        gates=(Gate(trigger="brief", checks=(pre_brief_planned,), name="pre-brief planned"),),
    )
    return spec.rename_trigger("close", "archive")


SPEC = _derive()
PATH = (
    "schedule",
    "brief",
    "start_meeting",
    "start_questions",
    "start_analysis",
    "start_presentation",
    "end_meeting",
    "begin_follow_up",
    "archive",
)
