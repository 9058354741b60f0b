"""A knowledge team's variant of the default workflow, as a team would write it.

* an ``approval`` state between ``scheduling`` and ``quarter_1``: the plan
  goes to the sponsor before the meeting. It is checked as ``scheduling``
  (``checks_as``), and by a rule of its own: the caller may not approve
  their own assist;
* a ``sign_off`` state between ``follow_up`` and ``closed``, mapped to no
  built-in phase: only the team's own rule is checked there;
* the team's rules are the default catalogue plus that rule
  (``WorkflowSpec(rules=...)``).

``SPEC`` is the spec; ``WORKFLOW`` an engine on it whose hook records every
transition in ``FIRED`` (so a test can see that the command line used this
very engine).
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from peerassist.model import AuditEntry, PeerAssist
from peerassist.rules import DEFAULT_RULES, Flag, RuleContext, rule
from peerassist.workflow import DEFAULT_WORKFLOW, TransitionSpec, Workflow, WorkflowSpec


@rule(
    code="TEAM-self-approved",
    severity="error",
    refs=("X03",),
    phase="approval",
    hint="Ask a manager outside the host team to approve the plan and open the meeting.",
)
def approved_by_another(assist: PeerAssist, ctx: RuleContext) -> Iterator[Flag]:
    """The plan is approved by a sponsor other than the caller."""
    if assist.sponsor is not None and assist.sponsor.email == assist.host.caller.email:
        yield Flag(message="The caller is also the sponsor approving the plan.", path="sponsor")


def _derive() -> WorkflowSpec:
    base = DEFAULT_WORKFLOW
    states = list(base.states)
    states.insert(states.index("quarter_1"), "approval")
    states.insert(states.index("closed"), "sign_off")
    transitions: list[TransitionSpec] = []
    for t in base.transitions:
        if t.trigger == "start_meeting":
            t = attrs.evolve(t, sources=("approval",))
        elif t.trigger == "close":
            t = attrs.evolve(t, sources=("sign_off",))
        elif t.trigger == "cancel":
            t = attrs.evolve(t, sources=(*t.sources, "approval", "sign_off"))
        transitions.append(t)
    transitions += [
        TransitionSpec(
            trigger="submit_for_approval",
            sources="scheduling",
            dest="approval",
            forward=True,
            description="The plan goes to the sponsor for approval.",
            refs=("X03",),
        ),
        TransitionSpec(
            trigger="submit_for_sign_off",
            sources="follow_up",
            dest="sign_off",
            forward=True,
            description="The knowledge team signs the follow-up off.",
            refs=("M26",),
        ),
    ]
    return attrs.evolve(
        base,
        name="approval",
        states=states,
        transitions=transitions,
        checks_as={"approval": "scheduling"},
        rules=(*DEFAULT_RULES, approved_by_another),
    )


SPEC = _derive()

FIRED: list[str] = []
"""``source -> dest`` of every transition ``WORKFLOW`` made, in order."""

WORKFLOW = Workflow(SPEC)


@WORKFLOW.after_transition
def _record(assist: PeerAssist, entry: AuditEntry) -> None:
    FIRED.append(f"{entry.source} -> {entry.dest}")
