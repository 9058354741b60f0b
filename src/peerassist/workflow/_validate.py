"""Checking a :class:`~peerassist.workflow.WorkflowSpec` when it is built."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from peerassist.workflow._spec import (
    CHECKABLE_PHASES,
    Gate,
    TransitionSpec,
    name_problem,
    raw,
    shown,
)

if TYPE_CHECKING:
    from peerassist.workflow._spec import WorkflowSpec

__all__ = ["validate_spec"]


def validate_spec(spec: WorkflowSpec) -> list[str]:
    """Return every problem of ``spec`` as a sentence (an empty list when it is sound)."""
    problems: list[str] = []
    states = raw(spec.states)
    if not isinstance(states, tuple) or not states:
        problems.append(f"states: expected one or more state names, found {shown(states)}")
        states = ()
    else:
        seen: set[str] = set()
        for index, state in enumerate(states):
            if (p := name_problem(f"states[{index}]", state)) is not None:
                problems.append(p)
            elif state in seen:
                problems.append(
                    f"states[{index}]: expected a state not already listed, found {state!r} again"
                )
            seen.add(state)
    known = {s for s in states if isinstance(s, str)}
    listing = ", ".join(s for s in states if isinstance(s, str)) or "(none)"

    if spec.initial is None:
        problems.append("initial: missing: name the state new assists start in")
    elif spec.initial not in known:
        problems.append(
            f"initial: expected one of the states ({listing}), found {shown(spec.initial)}"
        )

    transitions = raw(spec.transitions)
    if not isinstance(transitions, tuple):
        problems.append(
            f"transitions: expected a list of TransitionSpec, found {shown(transitions)}"
        )
        transitions = ()
    good: list[TransitionSpec] = []
    first_from: dict[tuple[str, str], int] = {}
    forward_from: dict[str, int] = {}
    for index, t in enumerate(cast(tuple[object, ...], transitions)):
        path = f"transitions[{index}]"
        if not isinstance(t, TransitionSpec):
            problems.append(f"{path}: expected a TransitionSpec, found {shown(t)}")
            continue
        own = t.problems(path)
        problems += own
        if own:
            continue
        good.append(t)
        if t.dest not in known:
            problems.append(
                f"{path}.dest: expected one of the states ({listing}), found {t.dest!r}"
            )
        for s_index, source in enumerate(t.sources):
            if source not in known:
                problems.append(
                    f"{path}.sources[{s_index}]: expected one of the states ({listing}),"
                    f" found {source!r}"
                )
                continue
            key = (t.trigger, source)
            if key in first_from:
                problems.append(
                    f"{path}: trigger {t.trigger!r} is already defined from {source!r}"
                    f" (transitions[{first_from[key]}]);"
                    " expected one transition per trigger and source"
                )
            else:
                first_from[key] = index
            if t.forward:
                if source in forward_from:
                    problems.append(
                        f"{path}.forward: state {source!r} already has a forward transition"
                        f" (transitions[{forward_from[source]}]); expected one per state"
                    )
                else:
                    forward_from[source] = index

    # Reachability only means something once every transition is sound;
    # otherwise one typo would also be reported as a cascade of lost states.
    if spec.initial in known and good and not problems:
        reached = {spec.initial}
        frontier = [spec.initial]
        while frontier:
            here = frontier.pop()
            for t in good:
                if here in t.sources and t.dest in known and t.dest not in reached:
                    reached.add(t.dest)
                    frontier.append(t.dest)
        for state in states:
            if isinstance(state, str) and state in known and state not in reached:
                problems.append(
                    f"states: {state!r} is unreachable from the initial state {spec.initial!r};"
                    " expected a transition leading to it"
                )

    triggers = {t.trigger for t in good}
    gates = raw(spec.gates)
    if not isinstance(gates, tuple):
        problems.append(f"gates: expected a list of Gate, found {shown(gates)}")
        gates = ()
    for index, gate in enumerate(cast(tuple[object, ...], gates)):
        path = f"gates[{index}]"
        if not isinstance(gate, Gate):
            problems.append(f"{path}: expected a Gate, found {shown(gate)}")
        elif gate.trigger not in triggers:
            label = f" ({gate.name})" if gate.name else ""
            problems.append(
                f"{path}.trigger{label}: expected one of the transitions"
                f" ({', '.join(sorted(triggers)) or 'none'}), found {gate.trigger!r}"
            )

    meeting = raw(spec.meeting_states)
    if not isinstance(meeting, tuple):
        problems.append(f"meeting_states: expected a list of state names, found {shown(meeting)}")
    else:
        for index, state in enumerate(meeting):
            if state not in known:
                problems.append(
                    f"meeting_states[{index}]: expected one of the states ({listing}),"
                    f" found {shown(state)}"
                )

    problems += _validate_checks_as(spec.checks_as, known, listing)

    rules = raw(spec.rules)
    if rules is not None:
        if not isinstance(rules, tuple):
            problems.append(f"rules: expected a list of rules or None, found {shown(rules)}")
        else:
            for index, rule in enumerate(rules):
                if not callable(rule) or not isinstance(getattr(rule, "phase", None), str):
                    problems.append(
                        f"rules[{index}]: expected a rule (a callable with code, severity,"
                        f" refs and phase), found {shown(rule)}"
                    )
    for name in ("warnings_block",):
        if not isinstance(getattr(spec, name), bool):
            problems.append(f"{name}: expected true or false, found {shown(getattr(spec, name))}")
    for name in ("name", "description"):
        if not isinstance(getattr(spec, name), str):
            problems.append(f"{name}: expected text, found {shown(getattr(spec, name))}")
    return problems


def _validate_checks_as(pairs: object, known: set[str], listing: str) -> list[str]:
    if not isinstance(pairs, tuple):
        return [f"checks_as: expected a mapping of state to rule phase, found {shown(pairs)}"]
    problems: list[str] = []
    phases = ", ".join(CHECKABLE_PHASES)
    for index, pair in enumerate(pairs):
        if not (isinstance(pair, tuple) and len(pair) == 2):
            problems.append(
                f"checks_as[{index}]: expected a (state, phase) pair, found {shown(pair)}"
            )
            continue
        state, phase = pair
        if state not in known:
            problems.append(
                f"checks_as[{state!r}]: expected one of the states ({listing}),"
                f" found {shown(state)}"
            )
        if phase not in CHECKABLE_PHASES:
            problems.append(
                f"checks_as[{state!r}]: expected a rule phase ({phases}), found {shown(phase)}"
            )
    return problems
