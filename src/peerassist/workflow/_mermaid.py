"""Draw a :class:`~peerassist.workflow.WorkflowSpec` as a Mermaid state diagram."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerassist.exceptions import UnknownStateError

if TYPE_CHECKING:
    from peerassist.model import PeerAssist
    from peerassist.workflow._spec import WorkflowSpec

__all__ = ["render"]

_CURRENT_STYLE = "fill:#ffd966,stroke:#7f6000,stroke-width:3px"
_MEETING_STYLE = "fill:#dae8fc,stroke:#6c8ebf"


def render(spec: WorkflowSpec, current: str | PeerAssist | None = None) -> str:
    """Return ``spec`` as ``stateDiagram-v2`` text, highlighting ``current``.

    Each transition is one arrow labelled with its trigger; a transition with
    several sources is one arrow per source. The meeting's states share a
    class (``meeting``); the current state gets the class ``current``.

    Raises:
        UnknownStateError: if ``current`` names a state the spec lacks.
    """
    state = current if isinstance(current, str) or current is None else current.state
    if state is not None and state not in spec.states:
        raise UnknownStateError(state, spec.states)
    lines = ["stateDiagram-v2", f"    [*] --> {spec.initial}"]
    for t in spec.transitions:
        for source in t.sources:
            lines.append(f"    {source} --> {t.dest}: {t.trigger}")
    lines += [f"    {final} --> [*]" for final in spec.final_states]
    if spec.meeting_states:
        lines.append(f"    classDef meeting {_MEETING_STYLE}")
        lines.append(f"    class {','.join(spec.meeting_states)} meeting")
    if state is not None:
        lines.append(f"    classDef current {_CURRENT_STYLE}")
        lines.append(f"    class {state} current")
    return "\n".join(lines) + "\n"
