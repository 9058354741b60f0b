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
        problems += _validate_paths(spec, good, known, reached)

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
    problems += _validate_final(spec.final, known, listing)
    if not problems:
        # Which rules a spec lacks states for means something only once
        # its states and transitions are sound.
        problems += _validate_rule_phases(spec, known, listing)

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
        if phase not in CHECKABLE_PHASES and phase not in known:
            problems.append(
                f"checks_as[{state!r}]: expected a rule phase ({phases}) or a state,"
                f" found {shown(phase)}"
            )
    return problems


def _validate_final(final: object, known: set[str], listing: str) -> list[str]:
    if not isinstance(final, tuple):
        return [f"final: expected a list of state names, found {shown(final)}"]
    return [
        f"final[{index}]: expected one of the states ({listing}), found {shown(state)}"
        for index, state in enumerate(final)
        if state not in known
    ]


def _validate_paths(
    spec: WorkflowSpec, good: list[TransitionSpec], known: set[str], reached: set[str]
) -> list[str]:
    """Dead ends not declared final, and states whose forward path never ends."""
    final = set(spec.final) if isinstance(spec.final, tuple) else set()
    leaving: dict[str, list[TransitionSpec]] = {}
    forward: dict[str, str] = {}
    for t in good:
        for source in t.sources:
            leaving.setdefault(source, []).append(t)
            if t.forward:
                forward[source] = t.dest
    problems: list[str] = []
    for state in spec.states:
        if state not in known or state in final or state not in reached:
            continue  # an unreachable state is reported as such
        if not leaving.get(state):
            problems.append(
                f"states: {state!r} has no way out; expected a transition leaving it,"
                " or the state declared final (final=...)"
            )
            continue
        if state not in forward:
            problems.append(
                f"states: {state!r} has no forward transition; expected one transition"
                " from it marked forward=True (the default way on)"
            )
            continue
        here, seen = state, {state}
        while here in forward and here not in final:
            here = forward[here]
            if here in seen:
                break
            seen.add(here)
        if here not in final:
            problems.append(
                f"states: the forward path from {state!r} never reaches a final state"
                f" ({' -> '.join([*seen][:6])}...); expected forward transitions leading"
                " to a state in final"
            )
    return problems


def _validate_rule_phases(spec: WorkflowSpec, known: set[str], listing: str) -> list[str]:
    """Report rules whose phase the spec has no state for, unless mapped or dropped."""
    pairs = raw(spec.rule_phases)
    if not isinstance(pairs, tuple) or not all(isinstance(p, tuple) and len(p) == 2 for p in pairs):
        return [
            "rule_phases: expected a mapping of rule phase to a state or None,"
            f" found {shown(pairs)}"
        ]
    problems: list[str] = []
    mapping: dict[str, str | None] = {}
    for phase, state in pairs:
        if state is not None and state not in known:
            problems.append(
                f"rule_phases[{phase!r}]: expected one of the states ({listing}) or None,"
                f" found {shown(state)}"
            )
        mapping[phase] = state
    rules = raw(spec.rules)
    if rules is None:
        from peerassist.rules import DEFAULT_RULES

        rules = DEFAULT_RULES
    if not isinstance(rules, tuple):
        return problems
    checks_as = dict(p for p in spec.checks_as if isinstance(p, tuple) and len(p) == 2)
    covered = set(known) | set(checks_as.values())
    # Built-in phases only matter where some state is checked as one of them:
    # a spec of wholly its own states draws nothing from the catalogue.
    active = any(s in CHECKABLE_PHASES or s in checks_as for s in known)
    lacking: dict[str, list[str]] = {}
    for rule in rules:
        phase = getattr(rule, "phase", None)
        if not isinstance(phase, str) or phase in mapping or phase in covered:
            continue
        if phase in CHECKABLE_PHASES and not active:
            continue
        lacking.setdefault(phase, []).append(str(getattr(rule, "code", rule)))
    for phase, codes in lacking.items():
        shown_codes = ", ".join(codes[:4]) + (
            f" and {len(codes) - 4} more" if len(codes) > 4 else ""
        )
        problems.append(
            f"rules: phase {phase!r} of {shown_codes} is not a state of this spec; expected"
            f" the phase mapped to a state (rule_phases={{{phase!r}: 'scoping'}}), dropped"
            f" (rule_phases={{{phase!r}: None}}) or those rules left out (rules=...)"
        )
    return problems
