"""What firing a trigger returns: :class:`Outcome`, and what :meth:`Workflow.allowed` lists."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum
from typing import overload

from peerassist._attrs import frozen
from peerassist.exceptions import TransitionRefusedError, UnknownTriggerError
from peerassist.model import AuditEntry
from peerassist.rules._core import Finding, Severity

__all__ = ["NOT_ALLOWED_CODE", "Allowed", "Outcome", "OutcomeKind", "TriggerCheck"]

NOT_ALLOWED_CODE = "PA-WF-trigger-not-allowed"
"""The code of the finding that refuses a trigger not valid from the assist's state."""


class OutcomeKind(StrEnum):
    """Whether a transition passed, and if not, why."""

    PASSED = "passed"
    """The transition was applied."""
    BLOCKED = "blocked"
    """A gate found errors, or warnings nobody acknowledged."""
    NOT_ALLOWED = "not_allowed"
    """The trigger is not valid from the assist's state."""


@frozen(kw_only=True)
class Outcome:
    """The result of firing a trigger.

    Attributes:
        trigger: the trigger fired.
        source: the assist's state before.
        dest: where the transition leads (``None`` when not allowed).
        kind: passed, blocked by findings, or not allowed from ``source``.
        findings: every finding that blocked it (empty when it passed); a
            ``not_allowed`` refusal holds one finding coded
            :data:`NOT_ALLOWED_CODE` naming the allowed triggers. For an
            edit (:meth:`Workflow.edit`) that passed, the errors and warnings
            still open after it.
        checked: everything the gates found, blocking or not (acknowledged
            warnings, infos).
        acknowledged: codes of the warnings found and acknowledged (also in
            the audit entry).
        allowed: the triggers valid from the assist's state afterwards: the
            destination's when it passed, ``source``'s otherwise.
        entry: the audit entry appended, when it passed.
    """

    trigger: str
    source: str
    dest: str | None
    kind: OutcomeKind
    findings: tuple[Finding, ...] = ()
    checked: tuple[Finding, ...] = ()
    acknowledged: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    entry: AuditEntry | None = None

    @classmethod
    def _passed(
        cls,
        trigger: str,
        source: str,
        dest: str,
        checked: tuple[Finding, ...],
        acknowledged: tuple[str, ...],
        allowed: tuple[str, ...],
        entry: AuditEntry,
    ) -> Outcome:
        """The outcome of a transition that passed, built from the engine's
        checked values without the constructor's work (its hot path); equal
        to ``Outcome(kind=OutcomeKind.PASSED, ...)``."""
        outcome = object.__new__(cls)
        set_trigger, set_source, set_dest, set_kind, set_findings = _SETTERS[:5]
        set_checked, set_acknowledged, set_allowed, set_entry = _SETTERS[5:]
        set_trigger(outcome, trigger)
        set_source(outcome, source)
        set_dest(outcome, dest)
        set_kind(outcome, OutcomeKind.PASSED)
        set_findings(outcome, ())
        set_checked(outcome, checked)
        set_acknowledged(outcome, acknowledged)
        set_allowed(outcome, allowed)
        set_entry(outcome, entry)
        return outcome

    @property
    def ok(self) -> bool:
        """True when the transition passed and was applied."""
        return self.kind is OutcomeKind.PASSED

    def __bool__(self) -> bool:
        return self.ok

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the blocking findings, in order."""
        return tuple(f.code for f in self.findings)

    @property
    def unacknowledged(self) -> tuple[str, ...]:
        """Codes of the blocking warnings: acknowledge these to pass (if no error)."""
        return tuple(f.code for f in self.findings if f.severity is Severity.WARNING)

    def raise_for_refusal(self) -> Outcome:
        """Return self when it passed; raise otherwise.

        Raises:
            TransitionRefusedError: carrying this outcome.
        """
        if not self.ok:
            raise TransitionRefusedError(self)
        return self

    def __str__(self) -> str:
        move = f"{self.trigger} ({self.source} -> {self.dest or '?'})"
        if self.ok:
            acked = f", acknowledged {', '.join(self.acknowledged)}" if self.acknowledged else ""
            return f"{move}: passed{acked}"
        if self.kind is OutcomeKind.NOT_ALLOWED:
            allowed = ", ".join(self.allowed) or "none"
            return (
                f"{move}: not allowed from {self.source} ({NOT_ALLOWED_CODE}); allowed: {allowed}"
            )
        lines = [f"{move}: refused by {len(self.findings)} finding(s):"]
        for f in self.findings:
            hint = f" (hint: {f.hint})" if f.hint else ""
            lines.append(f"  - {f}{hint}")
        return "\n".join(lines)


@frozen(kw_only=True)
class TriggerCheck:
    """One trigger valid from an assist's state, and whether it would pass now.

    Attributes:
        trigger: the trigger.
        dest: where it leads.
        ok: whether firing it now (with the acknowledgements given) passes.
        findings: what would block it.
        forward: whether it is the state's default way on.
    """

    trigger: str
    dest: str
    ok: bool
    findings: tuple[Finding, ...] = ()
    forward: bool = False

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the blocking findings."""
        return tuple(f.code for f in self.findings)


class Allowed(Sequence[TriggerCheck]):
    """The triggers valid from an assist's state (what :meth:`Workflow.allowed` returns).

    A sequence of :class:`TriggerCheck`, in definition order. ``"cancel" in
    allowed`` tests by trigger name, and ``allowed["cancel"]`` looks one up (an
    :class:`~peerassist.exceptions.UnknownTriggerError` when it is not there).

    Attributes:
        state: the state they are valid from.
    """

    __slots__ = ("_items", "state")

    def __init__(self, state: str, items: Sequence[TriggerCheck]) -> None:
        self.state = state
        self._items = tuple(items)

    @property
    def triggers(self) -> tuple[str, ...]:
        """The trigger names, in order."""
        return tuple(i.trigger for i in self._items)

    @property
    def passing(self) -> tuple[str, ...]:
        """The triggers that would pass now."""
        return tuple(i.trigger for i in self._items if i.ok)

    @property
    def forward(self) -> TriggerCheck | None:
        """The state's default way on, if it has one."""
        return next((i for i in self._items if i.forward), None)

    @overload
    def __getitem__(self, key: int) -> TriggerCheck: ...
    @overload
    def __getitem__(self, key: slice) -> Sequence[TriggerCheck]: ...
    @overload
    def __getitem__(self, key: str) -> TriggerCheck: ...

    def __getitem__(self, key: int | slice | str) -> TriggerCheck | Sequence[TriggerCheck]:
        if isinstance(key, str):
            for item in self._items:
                if item.trigger == key:
                    return item
            raise UnknownTriggerError(key, self.triggers)
        return self._items[key]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[TriggerCheck]:
        return iter(self._items)

    def __contains__(self, value: object) -> bool:
        if isinstance(value, str):
            return value in self.triggers
        return value in self._items

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Allowed):
            return (self.state, self._items) == (other.state, other._items)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.state, self._items))

    def __repr__(self) -> str:
        shown = ", ".join(f"{i.trigger}{'' if i.ok else ' (blocked)'}" for i in self._items)
        return f"Allowed({self.state!r}: {shown})"


# The slots' own setters, in field order (quicker than object.__setattr__).
_SETTERS = tuple(
    Outcome.__dict__[name].__set__
    for name in (
        "trigger",
        "source",
        "dest",
        "kind",
        "findings",
        "checked",
        "acknowledged",
        "allowed",
        "entry",
    )
)
