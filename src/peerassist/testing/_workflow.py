"""Helpers for unit-testing workflows (the default one, or yours)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from peerassist._time import UTC, DateTime, as_instant, duration, utc_now
from peerassist.exceptions import InputError, TransitionRefusedError, UnknownStateError
from peerassist.workflow import DEFAULT_WORKFLOW, Outcome, OutcomeKind, Workflow, WorkflowSpec

if TYPE_CHECKING:
    from peerassist.model import PeerAssist

__all__ = ["TickingClock", "assert_passed", "assert_refused", "forward_path", "walk", "walk_to"]

Clock = Callable[[], DateTime]


class TickingClock:
    """A clock for tests: each call returns an instant, then moves on by ``step``.

    Pass it as ``now=`` to :func:`walk` so every transition gets its own,
    increasing time.

    Args:
        start: the first instant returned (aware).
        step: how far each call moves the clock (one minute by default).

    Example::

        clock = TickingClock(DateTime.create(2026, 3, 2, 9, tz="UTC"))
        walk(assist, ["begin_research", "schedule"], now=clock)
    """

    __slots__ = ("_next", "step")

    def __init__(self, start: DateTime, step: timedelta | None = None) -> None:
        self._next = as_instant(start, "start").in_tz(UTC)
        self.step = duration(minutes=1) if step is None else step

    def __call__(self) -> DateTime:
        current = self._next
        self._next = current + self.step
        return current

    @property
    def peek(self) -> DateTime:
        """The instant the next call returns."""
        return self._next


def _workflow(workflow: Workflow | WorkflowSpec | None) -> Workflow:
    if workflow is None:
        return Workflow(DEFAULT_WORKFLOW)
    if isinstance(workflow, WorkflowSpec):
        return Workflow(workflow)
    if isinstance(workflow, Workflow):
        return workflow
    raise InputError.single("workflow", "a Workflow or WorkflowSpec", type(workflow).__name__)


def _clock(now: DateTime | Clock | None) -> Clock:
    if now is None:
        fixed = utc_now()
        return lambda: fixed
    if callable(now) and not isinstance(now, DateTime):
        return now
    fixed = as_instant(now, "now")
    return lambda: fixed


def walk(
    assist: PeerAssist,
    triggers: Iterable[str],
    *,
    workflow: Workflow | WorkflowSpec | None = None,
    now: DateTime | Clock | None = None,
    actor: str | None = None,
    acknowledge: Iterable[str] = (),
    **fire_options: Any,
) -> list[Outcome]:
    """Fire ``triggers`` in order on ``assist``; fail the test at the first refusal.

    Args:
        assist: the assist to move (changed in place).
        triggers: the trigger names, in order.
        workflow: a :class:`~peerassist.workflow.Workflow` or a spec (the
            default workflow if omitted).
        now: one instant for every step, or a clock (such as
            :class:`TickingClock`) called once per step; the real clock if
            omitted.
        actor: who fires them.
        acknowledge: warning codes acknowledged at every step.
        **fire_options: passed on to :meth:`Workflow.fire` (``policy``,
            ``context``...).

    Returns:
        The outcomes, one per trigger.

    Raises:
        AssertionError: naming the step, the trigger and every finding that
            blocked it (the :class:`~peerassist.exceptions.TransitionRefusedError`
            is its cause).
    """
    engine = _workflow(workflow)
    clock = _clock(now)
    acks = tuple(acknowledge) if not isinstance(acknowledge, str) else (acknowledge,)
    outcomes: list[Outcome] = []
    for index, trigger in enumerate(triggers):
        try:
            outcome = engine.advance(
                assist, trigger, now=clock(), actor=actor, acknowledge=acks, **fire_options
            )
        except TransitionRefusedError as err:
            raise AssertionError(f"walk: step {index} refused: {err.outcome}") from err
        outcomes.append(outcome)
    return outcomes


def forward_path(spec: WorkflowSpec, start: str, goal: str) -> list[str]:
    """The forward triggers that lead from ``start`` to ``goal``.

    Raises:
        UnknownStateError: if either state is not in the spec.
        InputError: if following the forward transitions never reaches
            ``goal``.
    """
    for state in (start, goal):
        if state not in spec.states:
            raise UnknownStateError(state, spec.states)
    path: list[str] = []
    here = start
    seen = {here}
    while here != goal:
        trigger = spec.forward_trigger(here)
        if trigger is None:
            raise InputError.single(
                "goal", f"a state the forward path from {start!r} reaches", repr(goal)
            )
        here = next(t.dest for t in spec.transitions_from(here) if t.trigger == trigger)
        if here in seen:
            raise InputError.single(
                "goal", f"a state the forward path from {start!r} reaches", repr(goal)
            )
        seen.add(here)
        path.append(trigger)
    return path


def walk_to(
    assist: PeerAssist,
    state: str,
    *,
    workflow: Workflow | WorkflowSpec | None = None,
    now: DateTime | Clock | None = None,
    actor: str | None = None,
    acknowledge: Iterable[str] = (),
    **fire_options: Any,
) -> list[Outcome]:
    """Follow the forward triggers from the assist's state until it reaches ``state``.

    Arguments, returns and errors as for :func:`walk` (plus those of
    :func:`forward_path`).
    """
    engine = _workflow(workflow)
    path = forward_path(engine.spec, assist.state, state)
    return walk(
        assist,
        path,
        workflow=engine,
        now=now,
        actor=actor,
        acknowledge=acknowledge,
        **fire_options,
    )


def _outcome(value: Outcome | Callable[[], object]) -> Outcome:
    if isinstance(value, Outcome):
        return value
    if not callable(value):
        raise InputError.single("outcome", "an Outcome or a callable", type(value).__name__)
    try:
        result = value()
    except TransitionRefusedError as err:
        refused = err.outcome
        assert isinstance(refused, Outcome)
        return refused
    if not isinstance(result, Outcome):
        raise AssertionError(f"expected the call to return or raise an Outcome, got {result!r}")
    return result


def assert_refused(
    outcome: Outcome | Callable[[], object],
    code: str | Sequence[str] | None = None,
    *,
    kind: OutcomeKind | str | None = None,
) -> Outcome:
    """Assert that a transition was refused, optionally by given finding codes.

    Args:
        outcome: an :class:`~peerassist.workflow.Outcome`, or a callable
            that returns one (``fire``) or raises
            :class:`~peerassist.exceptions.TransitionRefusedError`
            (``advance``).
        code: a code (or codes) that must be among the blocking findings;
            ``"PA-WF-trigger-not-allowed"`` for a trigger not valid from the
            state.
        kind: the kind of refusal expected (``"blocked"`` or
            ``"not_allowed"``).

    Returns:
        The outcome, for further assertions.

    Raises:
        AssertionError: if it passed, or was refused otherwise than expected.
    """
    result = _outcome(outcome)
    if result.ok:
        raise AssertionError(f"expected a refusal, but it passed: {result}")
    if kind is not None and OutcomeKind(kind) is not result.kind:
        raise AssertionError(f"expected a {OutcomeKind(kind).value} refusal, got: {result}")
    wanted = (code,) if isinstance(code, str) else tuple(code or ())
    missing = [c for c in wanted if c not in result.codes]
    if missing:
        raise AssertionError(
            f"expected refusal by {', '.join(missing)}; found {', '.join(result.codes)}:\n{result}"
        )
    return result


def assert_passed(outcome: Outcome | Callable[[], object]) -> Outcome:
    """Assert that a transition passed; return its outcome.

    Raises:
        AssertionError: listing every blocking finding when it was refused.
    """
    result = _outcome(outcome)
    if not result.ok:
        raise AssertionError(f"expected the transition to pass: {result}")
    return result
