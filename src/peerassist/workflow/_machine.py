"""The machine: one ``transitions.Machine`` per spec, and the gates it runs.

This is the one module of peerassist that imports ``transitions``. Each spec
gets one flat ``Machine`` with no model bound (``model=None``), built once and
shared by every :class:`~peerassist.workflow.Workflow` of that spec. Events
are fired on a tiny stand-in holding only the state, so nothing is attached
to the assist and the machine keeps no reference to it.

The gate (all of a transition's rules and checks, never stopping at the
first) runs before the event is fired, and the event is fired only when it
passes: the machine then moves the stand-in to the transition's destination.
Running the gate outside the machine, rather than as its condition, spares
each transition the machine's condition dispatch; the outcome is the same.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from transitions import Machine

from peerassist._time import DateTime, parse_instant
from peerassist.exceptions import InputError, SpecError, UnknownStateError, UnknownTriggerError
from peerassist.model import AuditEntry, PeerAssist
from peerassist.model._assist import accepted_texts
from peerassist.policy import Policy
from peerassist.rules import DEFAULT_RULES
from peerassist.rules._core import Finding, RuleContext, Severity, phase_applies
from peerassist.rules._memo import run_rules
from peerassist.workflow._spec import CHECKABLE_PHASES, Check, WorkflowSpec

if TYPE_CHECKING:
    from peerassist.rules._context import AssistContext

__all__ = ["Compiled", "Gate", "Slot", "Step", "build_entry", "compile_spec", "describe"]

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

# Any valid instant: it only lets a probe entry check a step's names.
_PROBE_AT = parse_instant("2000-01-01T00:00:00Z")


def _entry_accepts(event: str, source: str | None, dest: str) -> bool:
    """Tell whether an audit entry accepts these names (checked once per step)."""
    try:
        AuditEntry(event=event, source=source, dest=dest, at=_PROBE_AT)
    except InputError:
        return False
    return True


class Slot:
    """What the machine fires on: the state and nothing else."""

    __slots__ = ("state",)

    def __init__(self, state: str) -> None:
        self.state = state


class Step:
    """One (source, trigger) pair of a compiled spec, with its gate resolved lazily."""

    __slots__ = (
        "checks",
        "dest",
        "edits",
        "entry_ok",
        "forward",
        "phase",
        "rule_flag",
        "rules",
        "source",
        "trigger",
    )

    def __init__(
        self,
        trigger: str,
        source: str,
        dest: str,
        *,
        rule_flag: bool,
        phase: str | None,
        checks: tuple[Check, ...],
        edits: frozenset[str],
        forward: bool,
    ) -> None:
        self.trigger = trigger
        self.source = source
        self.dest = dest
        self.rule_flag = rule_flag
        self.phase = phase
        self.checks = checks
        self.edits = edits
        self.forward = forward
        self.rules: tuple[Any, ...] | None = None
        # Whether the audit entry of this step may be built without its
        # construction checks (its names pass them; see AuditEntry._trusted).
        self.entry_ok = _entry_accepts(trigger, source, dest)


class Gate:
    """One evaluation of a step's gate, run before the machine's event is fired."""

    __slots__ = (
        "acknowledged",
        "assist",
        "blocking",
        "checked",
        "context",
        "newly_acknowledged",
        "now",
        "ok",
        "policy",
        "step",
    )

    def __init__(
        self,
        assist: PeerAssist,
        step: Step,
        now: DateTime,
        policy: Policy,
        context: AssistContext | None,
    ) -> None:
        self.assist = assist
        self.step = step
        self.now = now
        self.policy = policy
        self.context = context
        self.ok = False
        self.blocking: tuple[Finding, ...] = ()
        self.checked: tuple[Finding, ...] = ()
        self.acknowledged: tuple[str, ...] = ()
        # Warnings acknowledged by code at this gate and not yet recorded.
        self.newly_acknowledged: tuple[Finding, ...] = ()

    def evaluate(self, compiled: Compiled, acknowledge: frozenset[str]) -> bool:
        step = self.step
        rules: tuple[Any, ...] = ()
        if step.rule_flag:
            resolved = step.rules
            if resolved is None:
                resolved = step.rules = compiled.rules_at(step.source)
            rules = resolved
        if not rules and not step.checks:
            self.ok = True  # nothing to check: no context to build
            return True
        ctx = RuleContext._quick(self.now, self.policy, step.phase or step.source, self.context)
        found: list[Finding] = []
        if rules:
            # Rules that declare what they read are answered from kept
            # findings while it is unchanged (see peerassist.rules._memo).
            trigger = step.trigger
            found.extend(
                run_rules(
                    rules,
                    self.assist,
                    ctx,
                    lambda _, rule, results: _verified(rule, results, trigger),
                )
            )
        for check in step.checks:
            _collect(found, check, self.assist, ctx, step.trigger)
        if found:
            found.sort(key=lambda f: _ORDER[f.severity])
            blocks_warnings = compiled.spec.warnings_block
            standing = self.assist.acknowledgements
            blocking: list[Finding] = []
            acked: list[str] = []
            new: list[Finding] = []
            for f in found:
                if f.severity is Severity.ERROR:
                    blocking.append(f)
                elif f.severity is Severity.WARNING:
                    if standing and any(a.covers(f) for a in standing):
                        if f.code not in acked:
                            acked.append(f.code)
                    elif f.code in acknowledge:
                        if f.code not in acked:
                            acked.append(f.code)
                        new.append(f)
                    elif blocks_warnings:
                        blocking.append(f)
            self.checked = tuple(found)
            self.blocking = tuple(blocking)
            self.acknowledged = tuple(acked)
            self.newly_acknowledged = tuple(new)
        self.ok = not self.blocking
        return self.ok


def _collect(
    found: list[Finding], check: Check, assist: PeerAssist, ctx: RuleContext, trigger: str
) -> None:
    found.extend(_verified(check, check(assist, ctx), trigger))


def _verified(check: Check, results: Iterable[Any], trigger: str) -> list[Finding]:
    found: list[Finding] = []
    for finding in results:
        if type(finding) is not Finding and not isinstance(finding, Finding):
            raise SpecError(
                [
                    f"the gate of {trigger!r}: {describe(check)} must return Finding objects,"
                    f" found {type(finding).__name__}"
                ]
            )
        found.append(finding)
    return found


def build_entry(
    names_ok: bool,
    event: str,
    source: str | None,
    dest: str,
    at: DateTime,
    actor: str | None,
    note: str | None,
    acknowledged: tuple[str, ...],
) -> AuditEntry:
    """Build an audit entry; skip its checks when every value is known to pass them.

    ``names_ok`` says the spec's names passed a probe entry when the spec was
    compiled; ``at`` is a UTC instant (as the engine passes it); ``actor`` and
    ``note`` are text or None. Anything else goes through the public
    constructor, which names what it refuses.
    """
    if names_ok and accepted_texts(actor, note, acknowledged):
        return AuditEntry._trusted(
            event=event,
            source=source,
            dest=dest,
            at=at,
            actor=actor,
            note=note,
            acknowledged=acknowledged,
        )
    return AuditEntry(
        event=event,
        source=source,
        dest=dest,
        at=at,
        actor=actor,
        note=note,
        acknowledged=acknowledged,
    )


def describe(obj: object) -> str:
    """Name a check or hook for a message: its code, its qualified name, or its repr."""
    return str(getattr(obj, "code", None) or getattr(obj, "__qualname__", None) or repr(obj))


class Compiled:
    """A spec's machine and lookup tables, built once per spec."""

    def __init__(self, spec: WorkflowSpec) -> None:
        self.spec = spec
        assert spec.initial is not None  # a built spec always has one
        self.initial: str = spec.initial
        self.states = frozenset(spec.states)
        self.triggers = spec.triggers
        self.trigger_set = frozenset(self.triggers)
        self._rules_by_state: dict[str, tuple[Any, ...]] = {}
        self.steps: dict[str, dict[str, Step]] = {state: {} for state in spec.states}
        self.create_ok = _entry_accepts("create", None, self.initial)
        definitions = []
        for t in spec.transitions:
            checks = tuple(c for g in spec.gates_for(t.trigger) for c in g.checks)
            for source in t.sources:
                self.steps[source][t.trigger] = Step(
                    t.trigger,
                    source,
                    t.dest,
                    rule_flag=t.check_rules,
                    phase=spec.phase_of(source),
                    checks=checks,
                    edits=frozenset(t.edits),
                    forward=t.forward,
                )
            definitions.append(
                {
                    "trigger": t.trigger,
                    "source": list(t.sources),
                    "dest": t.dest,
                }
            )
        self.machine = Machine(
            model=None,
            states=list(spec.states),
            transitions=definitions,
            initial=spec.initial,
            auto_transitions=False,
            send_event=True,
            name=spec.name,
        )
        self.events = {name: self.machine.events[name] for name in self.triggers}
        # The triggers valid from each state, in definition order.
        self.allowed = {state: tuple(steps) for state, steps in self.steps.items()}

    def rules_at(self, state: str) -> tuple[Any, ...]:
        """The catalogue's rules checked when an assist leaves ``state``.

        A rule of a built-in phase (after ``rule_phases`` maps it) is
        checked where that phase applies to the state's phase (see
        :meth:`WorkflowSpec.phase_of`); a rule whose phase is another state
        of the spec is checked when leaving that state and every state
        listed after it (final states aside).
        """
        cached = self._rules_by_state.get(state)
        if cached is None:
            spec = self.spec
            catalogue = spec.rules
            if catalogue is None:
                catalogue = tuple(DEFAULT_RULES)
            mapping = dict(spec.rule_phases)
            phase = spec.phase_of(state)
            order = {name: index for index, name in enumerate(spec.states)}
            final = set(spec.final)
            chosen = []
            for r in catalogue:
                own = mapping.get(r.phase, r.phase) if r.phase in mapping else r.phase
                if own is None:
                    continue
                if own in CHECKABLE_PHASES:
                    if phase is not None and phase_applies(own, phase):
                        chosen.append(r)
                elif own in order and state not in final and order[own] <= order[state]:
                    chosen.append(r)
            cached = tuple(chosen)
            self._rules_by_state[state] = cached
        return cached

    def step(self, assist: object, trigger: object) -> tuple[PeerAssist, dict[str, Step]]:
        """Check the assist, its state and the trigger name; return its steps."""
        if not isinstance(assist, PeerAssist):
            raise InputError.single("assist", "a PeerAssist", type(assist).__name__)
        steps = self.steps.get(assist.state)
        if steps is None:
            raise UnknownStateError(assist.state, self.spec.states)
        if not isinstance(trigger, str) or trigger not in self.trigger_set:
            name = trigger if isinstance(trigger, str) else repr(trigger)[:80]
            raise UnknownTriggerError(name, self.triggers)
        return assist, steps


_CACHE: dict[int, Compiled] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 64


def compile_spec(spec: WorkflowSpec) -> Compiled:
    """Return the compiled form of ``spec``, building it once per spec object."""
    key = id(spec)
    compiled = _CACHE.get(key)
    if compiled is not None and compiled.spec is spec:
        return compiled
    compiled = Compiled(spec)
    with _CACHE_LOCK:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = compiled
    return compiled
