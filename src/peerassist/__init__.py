"""peerassist: the Peer Assist method as software.

The domain model (:mod:`peerassist.model`), the workflow
(:mod:`peerassist.workflow`), the method's rules (:mod:`peerassist.rules`),
agenda planning (:mod:`peerassist.agenda`), iCalendar invites
(:mod:`peerassist.calendar`, imported on first use), JSON and TOML files
(:mod:`peerassist.serialize`) and realistic assists for tests
(:mod:`peerassist.testing`). This module only re-exports the names most
programs need; each is imported on first use (the errors excepted), so that
``import peerassist`` stays cheap and a program pays only for what it uses.
"""

from typing import TYPE_CHECKING, Any

from peerassist.exceptions import (
    AgendaError,
    CalendarError,
    ConflictError,
    FileFormatError,
    HookError,
    InputError,
    NotFoundError,
    PeerAssistError,
    SpecError,
    StaleRevisionError,
    TransitionRefusedError,
    UnknownStateError,
    UnknownTriggerError,
    WorkflowError,
)

if TYPE_CHECKING:
    from peerassist.agenda import (
        Agenda,
        Preset,
        Slot,
        SlotKind,
        Timeline,
        agenda_for,
        find_overlap,
        plan_agenda,
        plan_timeline,
    )
    from peerassist.model import PeerAssist
    from peerassist.policy import Policy
    from peerassist.rules import Finding, Report, Severity, rule, validate
    from peerassist.serialize import dump, dumps, from_dict, load, loads, to_dict
    from peerassist.workflow import (
        DEFAULT_WORKFLOW,
        Gate,
        Outcome,
        OutcomeKind,
        TransitionSpec,
        Workflow,
        WorkflowSpec,
    )

_LAZY = {
    "PeerAssist": "peerassist.model",
    "Policy": "peerassist.policy",
    **dict.fromkeys(("Finding", "Report", "Severity", "rule", "validate"), "peerassist.rules"),
    **dict.fromkeys(
        (
            "Agenda",
            "Preset",
            "Slot",
            "SlotKind",
            "Timeline",
            "agenda_for",
            "find_overlap",
            "plan_agenda",
            "plan_timeline",
        ),
        "peerassist.agenda",
    ),
    **dict.fromkeys(
        ("dump", "dumps", "from_dict", "load", "loads", "to_dict"), "peerassist.serialize"
    ),
    **dict.fromkeys(
        (
            "DEFAULT_WORKFLOW",
            "Gate",
            "Outcome",
            "OutcomeKind",
            "TransitionSpec",
            "Workflow",
            "WorkflowSpec",
        ),
        "peerassist.workflow",
    ),
}
"""Front-door names imported on first use, and the module each comes from."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'peerassist' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "Agenda",
    "AgendaError",
    "CalendarError",
    "ConflictError",
    "DEFAULT_WORKFLOW",
    "FileFormatError",
    "Finding",
    "Gate",
    "HookError",
    "InputError",
    "NotFoundError",
    "Outcome",
    "OutcomeKind",
    "PeerAssist",
    "PeerAssistError",
    "Policy",
    "Preset",
    "Report",
    "Severity",
    "Slot",
    "SlotKind",
    "SpecError",
    "StaleRevisionError",
    "Timeline",
    "TransitionRefusedError",
    "TransitionSpec",
    "UnknownStateError",
    "UnknownTriggerError",
    "Workflow",
    "WorkflowError",
    "WorkflowSpec",
    "agenda_for",
    "dump",
    "dumps",
    "find_overlap",
    "from_dict",
    "load",
    "loads",
    "plan_agenda",
    "plan_timeline",
    "rule",
    "to_dict",
    "validate",
]
