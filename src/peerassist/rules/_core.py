"""The vocabulary of the rules: findings, severities, rules and reports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from peerassist._attrs import frozen
from peerassist._time import DateTime
from peerassist.policy import DEFAULT_POLICY, Policy

if TYPE_CHECKING:
    from peerassist.model import PeerAssist
    from peerassist.rules._context import AssistContext

__all__ = [
    "PHASES",
    "Finding",
    "Report",
    "Rule",
    "RuleContext",
    "Severity",
    "phase_applies",
    "split_acknowledged",
]


class Severity(StrEnum):
    """How much a finding matters."""

    ERROR = "error"
    """The method is not followed; a gate refuses the transition."""
    WARNING = "warning"
    """Probably a problem; a gate refuses it unless acknowledged by code."""
    INFO = "info"
    """Worth knowing; never blocks."""


PHASES: tuple[str, ...] = (
    "scoping",
    "research",
    "scheduling",
    "quarter_1",
    "quarter_2",
    "quarter_3",
    "quarter_4",
    "feedback",
    "follow_up",
)
"""The phases a rule may belong to, in the default workflow's order.

A rule of phase P must hold by the time an assist leaves state P, so it is
checked in P and every later state.
"""


def phase_applies(phase: str, state: str) -> bool:
    """Tell whether a rule of ``phase`` is checked at ``state``.

    States after the last phase (``closed``) check every rule; ``cancelled``
    and states outside the default order check none. A rule of a phase of
    your own (a state of a custom workflow) is checked at that state.
    """
    if state == "closed" or state == phase:
        return True
    if state not in PHASES or phase not in PHASES:
        return False
    return PHASES.index(phase) <= PHASES.index(state)


@frozen(kw_only=True)
class Finding:
    """Something a rule found about an assist.

    Attributes:
        code: the rule's stable code, e.g. ``"PA-M05-facilitator-in-host-team"``.
        severity: error, warning or info.
        message: what is wrong, in plain language.
        path: the field it is about, e.g. ``facilitator.email`` (may be empty).
        hint: how to fix it.
        refs: the method IDs it enforces (``M05``, ``X02``...).
    """

    code: str
    severity: Severity
    message: str
    path: str = ""
    hint: str = ""
    refs: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        return f"{self.severity.value} {self.code}{where}: {self.message}"


@frozen(kw_only=True)
class RuleContext:
    """What a rule may consult besides the assist.

    Attributes:
        policy: thresholds to check against.
        now: the current instant (never read from the clock inside rules).
        state: the state the assist is checked at (usually its own).
        context: cross-assist knowledge (past assists), if any.
    """

    now: DateTime
    policy: Policy = DEFAULT_POLICY
    state: str = "scoping"
    context: AssistContext | None = None

    @classmethod
    def _quick(
        cls, now: DateTime, policy: Policy, state: str, context: AssistContext | None
    ) -> RuleContext:
        """The same as ``RuleContext(now=..., ...)``, set through the slots'
        own setters (a workflow gate makes one at every step)."""
        ctx = object.__new__(cls)
        set_now, set_policy, set_state, set_context = _CONTEXT_SETTERS
        set_now(ctx, now)
        set_policy(ctx, policy)
        set_state(ctx, state)
        set_context(ctx, context)
        return ctx


_CONTEXT_SETTERS = tuple(
    RuleContext.__dict__[name].__set__ for name in ("now", "policy", "state", "context")
)


@runtime_checkable
class Rule(Protocol):
    """A check of one part of the method.

    Built-in rules are frozen attrs callables made by small factory
    functions; any object with these attributes and a ``__call__`` works.

    Attributes:
        code: a stable code.
        severity: the severity of what it finds.
        refs: the method IDs it enforces.
        phase: the state by whose end it must hold (see :data:`PHASES`).
    """

    @property
    def code(self) -> str: ...

    @property
    def severity(self) -> Severity: ...

    @property
    def refs(self) -> tuple[str, ...]: ...

    @property
    def phase(self) -> str: ...

    def __call__(self, assist: PeerAssist, ctx: RuleContext) -> Iterable[Finding]: ...


@frozen(kw_only=True)
class Report:
    """The result of checking an assist.

    Attributes:
        findings: everything found and still open, errors first, then
            warnings, then info.
        state: the state the assist was checked at.
        acknowledged: warnings found that someone has acknowledged (see
            :class:`~peerassist.model.Acknowledgement`); they are not in
            ``findings``.
    """

    findings: tuple[Finding, ...]
    state: str = "scoping"
    acknowledged: tuple[Finding, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity error."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity warning."""
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """The findings of severity info."""
        return tuple(f for f in self.findings if f.severity is Severity.INFO)

    @property
    def ok(self) -> bool:
        """True when there is no error."""
        return not self.errors

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the findings, in order (a code may repeat)."""
        return tuple(f.code for f in self.findings)

    def to_text(self) -> str:
        """Render the report as plain text, grouped by severity, with hints and refs."""
        from peerassist.rules._render import report_text

        return report_text(self)

    def to_markdown(self) -> str:
        """Render the report as Markdown, one section per severity."""
        from peerassist.rules._render import report_markdown

        return report_markdown(self)

    def __str__(self) -> str:
        return self.to_text()

    def with_acknowledgements(self, acknowledgements: Iterable[Any]) -> Report:
        """Return this report with the warnings ``acknowledgements`` cover moved
        from ``findings`` to ``acknowledged``.

        Args:
            acknowledgements: :class:`~peerassist.model.Acknowledgement` values
                (an assist's ``acknowledgements``).

        Returns:
            A new report (this one when nothing is covered).
        """
        open_, acked = split_acknowledged(self.findings, tuple(acknowledgements))
        if not acked:
            return self
        return Report(findings=open_, state=self.state, acknowledged=(*self.acknowledged, *acked))

    def blocking(self, acknowledged: Sequence[str] = ()) -> tuple[Finding, ...]:
        """Errors, plus warnings whose code is not in ``acknowledged``."""
        return tuple(
            f
            for f in self.findings
            if f.severity is Severity.ERROR
            or (f.severity is Severity.WARNING and f.code not in acknowledged)
        )

    def __repr__(self) -> str:
        return (
            f"<Report at {self.state!r}: {len(self.errors)} error(s),"
            f" {len(self.warnings)} warning(s), {len(self.infos)} note(s)>"
        )

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(
            f"<tr><td>{escape(f.severity.value)}</td><td><code>{escape(f.code)}</code></td>"
            f"<td>{escape(f.message)}<br><em>{escape(f.hint)}</em></td>"
            f"<td>{escape(f.path)}</td><td>{escape(', '.join(f.refs))}</td></tr>"
            for f in self.findings
        )
        verdict = "ok" if self.ok else f"{len(self.errors)} error(s)"
        return (
            f'<div class="peerassist-report"><strong>Check at {escape(self.state)}:'
            f" {verdict}, {len(self.warnings)} warning(s)</strong><table><tr><th>Severity</th>"
            f"<th>Code</th><th>What and how to fix</th><th>Field</th><th>Refs</th></tr>"
            f"{rows}</table></div>"
        )


def split_acknowledged(
    findings: Sequence[Finding], acknowledgements: Sequence[Any]
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """Split findings into (open, acknowledged) by recorded acknowledgements.

    Only warnings can be acknowledged: an error stays open whatever is
    recorded, and a note never blocks anyway.

    Args:
        findings: what the rules found.
        acknowledgements: the recorded acknowledgements (anything with a
            ``covers(finding)`` method).

    Returns:
        The open findings and the acknowledged ones, each in their order.
    """
    if not acknowledgements:
        return tuple(findings), ()
    open_: list[Finding] = []
    acked: list[Finding] = []
    for finding in findings:
        if finding.severity is Severity.WARNING and any(
            a.covers(finding) for a in acknowledgements
        ):
            acked.append(finding)
        else:
            open_.append(finding)
    return tuple(open_), tuple(acked)
