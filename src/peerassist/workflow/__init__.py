"""The workflow: the lifecycle as data (:class:`WorkflowSpec`) and an engine (:class:`Workflow`).

:data:`DEFAULT_WORKFLOW` is the Peer Assist method's lifecycle. A
:class:`Workflow` fires triggers on assists: each transition runs its gate
(the rules that must hold by the end of the state being left, plus any
checks of your own) and either applies the change (state, audit entry,
revision) or returns every finding that blocked it.
"""

from peerassist.workflow._default import DEFAULT_WORKFLOW
from peerassist.workflow._engine import Hook, Workflow
from peerassist.workflow._outcome import (
    NOT_ALLOWED_CODE,
    Allowed,
    Outcome,
    OutcomeKind,
    TriggerCheck,
)
from peerassist.workflow._spec import Check, Gate, TransitionSpec, WorkflowSpec

__all__ = [
    "DEFAULT_WORKFLOW",
    "NOT_ALLOWED_CODE",
    "Allowed",
    "Check",
    "Gate",
    "Hook",
    "Outcome",
    "OutcomeKind",
    "SqliteStore",
    "TransitionSpec",
    "TriggerCheck",
    "Workflow",
    "WorkflowSpec",
]


def __getattr__(name: str) -> object:
    # SqliteStore, deprecated, is the SQLite register under its old name;
    # imported on first use so that importing the workflow stays cheap.
    if name == "SqliteStore":
        from peerassist.workflow._store import SqliteStore

        return SqliteStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
