"""The workflow as plain data: :class:`WorkflowSpec`, :class:`TransitionSpec`, :class:`Gate`.

A spec is frozen and checked when it is built, so an engine is only ever made
from a definition that makes sense. Users derive their own from
:data:`~peerassist.workflow.DEFAULT_WORKFLOW` with ``attrs.evolve`` (or the
small helpers :meth:`WorkflowSpec.with_gate` and
:meth:`WorkflowSpec.rename_trigger`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

from peerassist._attrs import evolve, field, frozen
from peerassist.exceptions import SpecError
from peerassist.rules._core import PHASES, Finding, RuleContext

if TYPE_CHECKING:
    from peerassist.model import PeerAssist

__all__ = ["Check", "Gate", "TransitionSpec", "WorkflowSpec"]

Check: TypeAlias = "Callable[[PeerAssist, RuleContext], Iterable[Finding]]"
"""A gate check: any callable ``(assist, ctx) -> findings``; every rule is one."""

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}\Z")
_NAME_EXPECTED = "a name of lower-case letters, digits and '_', starting with a letter"
_RESERVED_TRIGGERS = frozenset({"create", "edit"})
CHECKABLE_PHASES = (*PHASES, "closed")


def _tuple(value: Any) -> Any:
    """Turn a list into a tuple and one name into a 1-tuple; leave the rest for the checks."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(value)
    return value


def _sequence(value: Any) -> Any:
    """Turn a list into a tuple; leave anything else for the checks to report."""
    return tuple(value) if isinstance(value, list) else value


def _pairs(value: Any) -> Any:
    """Turn a mapping into a tuple of (key, value) pairs; leave the rest for the checks."""
    if isinstance(value, Mapping):
        return tuple(value.items())
    return _sequence(value)


def raw(value: object) -> object:
    """Widen a declared type, to check what the user really gave."""
    return value


def shown(value: object) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return text if isinstance(value, str) else f"{type(value).__name__} {text}"


def name_problem(path: str, value: object) -> str | None:
    if isinstance(value, str) and _NAME.match(value):
        return None
    return f"{path}: expected {_NAME_EXPECTED}, found {shown(value)}"


@frozen(kw_only=True)
class TransitionSpec:
    """One transition: a trigger that moves an assist from some states to another.

    Attributes:
        trigger: the event's name, e.g. ``"schedule"``.
        sources: the states it may be fired from (one name is accepted as a
            1-tuple).
        dest: the state it leads to.
        check_rules: run the default gate: the rule catalogue's rules whose
            phase applies at the source state (see
            :attr:`WorkflowSpec.checks_as`). ``cancel`` turns it off.
        forward: this is the default way on from its sources (the "next"
            button of a host's user interface, and what
            :func:`peerassist.testing.walk_to` follows).
        edits: the assist's fields this transition may change as part of it
            (``fire(..., changes=...)``); ``reschedule`` edits ``logistics``.
        description: what it means, in plain language.
        refs: the method IDs it encodes.
    """

    trigger: str
    sources: tuple[str, ...] = field(converter=_tuple)
    dest: str
    check_rules: bool = True
    forward: bool = False
    edits: tuple[str, ...] = field(default=(), converter=_tuple)
    description: str = ""
    refs: tuple[str, ...] = field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        problems = self.problems("")
        if problems:
            raise SpecError(problems)

    def problems(self, path: str) -> list[str]:
        """Return what is wrong with this transition on its own (no states known)."""
        at = f"{path}." if path else ""
        found: list[str] = []
        if (p := name_problem(f"{at}trigger", self.trigger)) is not None:
            found.append(p)
        elif self.trigger in _RESERVED_TRIGGERS:
            found.append(
                f"{at}trigger: expected a name other than {self.trigger!r}"
                f" (it names the {self.trigger} entries of the audit trail; it names"
                f" the creation entry or edit entries), found {self.trigger!r}"
            )
        if not isinstance(self.sources, tuple) or not self.sources:
            found.append(
                f"{at}sources: expected one or more state names, found {shown(self.sources)}"
            )
        else:
            for index, source in enumerate(self.sources):
                if (p := name_problem(f"{at}sources[{index}]", source)) is not None:
                    found.append(p)
        if (p := name_problem(f"{at}dest", self.dest)) is not None:
            found.append(p)
        for name in ("check_rules", "forward"):
            if not isinstance(getattr(self, name), bool):
                found.append(
                    f"{at}{name}: expected true or false, found {shown(getattr(self, name))}"
                )
        for name in ("edits", "refs"):
            value = getattr(self, name)
            if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
                found.append(f"{at}{name}: expected a list of names, found {shown(value)}")
        if not isinstance(raw(self.description), str):
            found.append(f"{at}description: expected text, found {shown(self.description)}")
        return found


@frozen(kw_only=True)
class Gate:
    """Extra checks a transition runs besides (or instead of) the rule catalogue.

    Attributes:
        trigger: the transition it guards (every transition with that trigger).
        checks: callables ``(assist, ctx) -> findings``; any rule is one.
        name: a label for error messages and the docs.
    """

    trigger: str
    checks: tuple[Check, ...] = field(converter=_tuple)
    name: str = ""

    def __attrs_post_init__(self) -> None:
        problems = self.problems("")
        if problems:
            raise SpecError(problems)

    def problems(self, path: str) -> list[str]:
        """Return what is wrong with this gate on its own (no triggers known)."""
        at = f"{path}." if path else ""
        found: list[str] = []
        if (p := name_problem(f"{at}trigger", self.trigger)) is not None:
            found.append(p)
        if not isinstance(self.checks, tuple) or not self.checks:
            found.append(
                f"{at}checks: expected one or more callables (assist, ctx) -> findings,"
                f" found {shown(self.checks)}"
            )
        else:
            for index, check in enumerate(self.checks):
                if not callable(raw(check)):
                    found.append(
                        f"{at}checks[{index}]: expected a callable (assist, ctx) -> findings,"
                        f" found {shown(check)}"
                    )
        if not isinstance(raw(self.name), str):
            found.append(f"{at}name: expected text, found {shown(self.name)}")
        return found


@frozen(kw_only=True)
class WorkflowSpec:
    """A workflow definition: states, transitions, gates and metadata.

    Plain, frozen data, checked when built: every problem is reported at once
    in one :class:`~peerassist.exceptions.SpecError`. Derive your own with
    ``attrs.evolve(DEFAULT_WORKFLOW, ...)``.

    Attributes:
        states: the state names, in their natural order.
        transitions: the transitions.
        initial: the state a new assist starts in.
        gates: extra checks, each naming the trigger it guards.
        meeting_states: the states that form the meeting itself (the "in
            meeting" grouping; the machine stays flat).
        checks_as: for each state, the rule phase it is checked as when an
            assist leaves it (a mapping is accepted). States of the default
            order map to themselves; a state of your own (``pre_brief``)
            checks no catalogue rule unless mapped (``{"pre_brief":
            "scheduling"}``).
        rules: the rule catalogue the default gates draw from; ``None`` for
            :data:`peerassist.rules.DEFAULT_RULES`. A rule's ``phase`` may be
            any state of the spec: it is checked when an assist leaves that
            state and every state listed after it.
        final: the states where an assist's life ends (``closed``,
            ``cancelled``); a reachable state with no way out must be one.
        rule_phases: for rule phases the spec has no state for (a dropped
            ``research``), the state whose rules they join, or ``None`` to
            drop them (a mapping is accepted): ``{"research": "scoping"}``.
        warnings_block: unacknowledged warnings refuse a transition (errors
            always do; info never does).
        name: a label for messages and diagrams.
        description: what the workflow is for.

    Raises:
        SpecError: listing every problem: an unknown destination or source,
            an unreachable state, a trigger defined twice from one source, a
            missing initial state, a gate naming an unknown transition, a
            reachable state with no way out that is not declared final, a
            state with no forward transition or whose forward path never
            ends in a final state, rules whose phase the spec has no state
            for (unless mapped or dropped with ``rule_phases``), and badly
            typed fields.
    """

    states: tuple[str, ...] = field(converter=_sequence)
    transitions: tuple[TransitionSpec, ...] = field(converter=_sequence)
    initial: str | None = None
    gates: tuple[Gate, ...] = field(default=(), converter=_sequence)
    meeting_states: tuple[str, ...] = field(default=(), converter=_sequence)
    checks_as: tuple[tuple[str, str], ...] = field(default=(), converter=_pairs)
    rules: tuple[Any, ...] | None = field(default=None, converter=_sequence)
    final: tuple[str, ...] = field(default=(), converter=_tuple)
    rule_phases: tuple[tuple[str, str | None], ...] = field(default=(), converter=_pairs)
    warnings_block: bool = True
    name: str = "custom"
    description: str = ""

    def __attrs_post_init__(self) -> None:
        from peerassist.workflow._validate import validate_spec

        problems = validate_spec(self)
        if problems:
            raise SpecError(problems)

    # -- reading -----------------------------------------------------------

    @property
    def triggers(self) -> tuple[str, ...]:
        """Every trigger name, each once, in the order first defined."""
        return tuple(dict.fromkeys(t.trigger for t in self.transitions))

    @property
    def final_states(self) -> tuple[str, ...]:
        """The states declared final (``closed``, ``cancelled``), in state order."""
        declared = set(self.final)
        return tuple(s for s in self.states if s in declared)

    def transitions_from(self, state: str) -> tuple[TransitionSpec, ...]:
        """The transitions that may be fired from ``state``, in definition order."""
        return tuple(t for t in self.transitions if state in t.sources)

    def forward_trigger(self, state: str) -> str | None:
        """The default way on from ``state`` (its ``forward`` transition), if any."""
        return next((t.trigger for t in self.transitions_from(state) if t.forward), None)

    def phase_of(self, state: str) -> str | None:
        """The rule phase ``state`` is checked as (see :attr:`checks_as`), if any."""
        mapped = dict(self.checks_as).get(state)
        if mapped is not None:
            return mapped
        return state if state in CHECKABLE_PHASES else None

    def gates_for(self, trigger: str) -> tuple[Gate, ...]:
        """The extra gates guarding ``trigger``."""
        return tuple(g for g in self.gates if g.trigger == trigger)

    # -- deriving ----------------------------------------------------------

    def with_gate(self, trigger: str, *checks: Check, name: str = "") -> WorkflowSpec:
        """Return a copy where ``trigger`` also runs ``checks``.

        Raises:
            SpecError: if ``trigger`` is not a transition of this spec.
        """
        return evolve(self, gates=(*self.gates, Gate(trigger=trigger, checks=checks, name=name)))

    def rename_trigger(self, old: str, new: str) -> WorkflowSpec:
        """Return a copy where trigger ``old`` is called ``new`` (gates follow).

        Raises:
            SpecError: if ``old`` is not a trigger here, or ``new`` is not a
                valid name or clashes with another trigger from one source.
        """
        if old not in self.triggers:
            raise SpecError([f"trigger: expected one of {', '.join(self.triggers)}, found {old!r}"])
        return evolve(
            self,
            transitions=tuple(
                evolve(t, trigger=new) if t.trigger == old else t for t in self.transitions
            ),
            gates=tuple(evolve(g, trigger=new) if g.trigger == old else g for g in self.gates),
        )

    # -- drawing -----------------------------------------------------------

    def to_mermaid(self, current: str | PeerAssist | None = None) -> str:
        """Draw the workflow as a Mermaid ``stateDiagram-v2``.

        Args:
            current: a state name, or an assist whose state to highlight.

        Returns:
            The diagram's text, for a Markdown ``mermaid`` code block.

        Raises:
            UnknownStateError: if ``current`` names a state the spec lacks.
        """
        from peerassist.workflow._mermaid import render

        return render(self, current)
