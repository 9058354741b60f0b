"""WorkflowSpec: the default lifecycle, validation when built, deriving, Mermaid."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pytest

from peerassist._time import DateTime
from peerassist.exceptions import InputError, SpecError, UnknownStateError, UnknownTriggerError
from peerassist.model import PeerAssist, Research
from peerassist.rules import DEFAULT_RULES, RuleContext, rule
from peerassist.testing import PATH, STATES, make_assist
from peerassist.workflow import DEFAULT_WORKFLOW, Gate, TransitionSpec, Workflow, WorkflowSpec

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")


def _spec(**changes: object) -> WorkflowSpec:
    return attrs.evolve(DEFAULT_WORKFLOW, **changes)


def _problems(excinfo: pytest.ExceptionInfo[SpecError]) -> str:
    return "\n".join(excinfo.value.problems)


def _no_findings(assist: object, ctx: object) -> list[object]:
    return []


# -- the default workflow -------------------------------------------------------


def test_default_states_in_method_order() -> None:
    """The default workflow's states are the method's, in order, plus cancelled."""
    assert (*STATES, "cancelled") == DEFAULT_WORKFLOW.states
    assert DEFAULT_WORKFLOW.initial == "scoping"


def test_default_forward_path_matches_testing_path() -> None:
    """Each state's forward trigger is the one peerassist.testing.PATH uses."""
    for trigger, source, dest in PATH:
        assert trigger == DEFAULT_WORKFLOW.forward_trigger(source)
        (transition,) = [
            t for t in DEFAULT_WORKFLOW.transitions_from(source) if t.trigger == trigger
        ]
        assert dest == transition.dest
    assert DEFAULT_WORKFLOW.forward_trigger("closed") is None


def test_cancel_from_every_state_before_closed_without_gate() -> None:
    """cancel leaves every state but closed and cancelled, and runs no rules."""
    (cancel,) = [t for t in DEFAULT_WORKFLOW.transitions if t.trigger == "cancel"]
    assert STATES[:-1] == cancel.sources
    assert cancel.dest == "cancelled"
    assert cancel.check_rules is False
    assert DEFAULT_WORKFLOW.final_states == ("closed", "cancelled")


def test_reschedule_is_a_loop_on_scheduling_editing_logistics() -> None:
    """reschedule goes from scheduling to scheduling and may change logistics."""
    (reschedule,) = [t for t in DEFAULT_WORKFLOW.transitions if t.trigger == "reschedule"]
    assert reschedule.sources == ("scheduling",)
    assert reschedule.dest == "scheduling"
    assert reschedule.edits == ("logistics",)


def test_meeting_states_are_the_four_quarters() -> None:
    """The "in meeting" grouping is metadata: the four quarters."""
    expected = ("quarter_1", "quarter_2", "quarter_3", "quarter_4")
    assert expected == DEFAULT_WORKFLOW.meeting_states


def test_every_transition_names_method_refs() -> None:
    """Every default transition but cancel says which method items it encodes."""
    for t in DEFAULT_WORKFLOW.transitions:
        if t.trigger != "cancel":
            assert t.refs, t.trigger
            assert all(r[0] in "MX" and r[1:].isdigit() for r in t.refs)


def test_spec_is_hashable_and_compares_by_value() -> None:
    """Specs are frozen values: equal when built alike, usable as dict keys."""
    copy = _spec()
    assert copy == DEFAULT_WORKFLOW
    assert {DEFAULT_WORKFLOW: 1}[copy] == 1
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        DEFAULT_WORKFLOW.name = "other"  # type: ignore[misc]


def test_phase_of_maps_default_states_and_custom_ones() -> None:
    """States of the default order check as themselves; others only when mapped."""
    assert DEFAULT_WORKFLOW.phase_of("quarter_2") == "quarter_2"
    assert DEFAULT_WORKFLOW.phase_of("closed") == "closed"
    assert DEFAULT_WORKFLOW.phase_of("cancelled") is None
    spec = _spec(
        states=(*DEFAULT_WORKFLOW.states, "pre_brief"),
        transitions=(
            *DEFAULT_WORKFLOW.transitions,
            TransitionSpec(trigger="brief", sources="scheduling", dest="pre_brief"),
            TransitionSpec(trigger="unbrief", sources="pre_brief", dest="scheduling", forward=True),
        ),
        checks_as={"pre_brief": "scheduling"},
    )
    assert spec.phase_of("pre_brief") == "scheduling"
    assert spec.checks_as == (("pre_brief", "scheduling"),)


# -- validation ------------------------------------------------------------------


def test_unknown_destination_is_an_error() -> None:
    """A transition to a state the spec lacks is refused, naming the states."""
    bad = TransitionSpec(trigger="skip", sources="scoping", dest="nowhere")
    with pytest.raises(SpecError) as excinfo:
        _spec(transitions=(*DEFAULT_WORKFLOW.transitions, bad))
    assert "transitions[11].dest: expected one of the states (scoping, research" in _problems(
        excinfo
    )
    assert "found 'nowhere'" in _problems(excinfo)


def test_unknown_source_is_an_error() -> None:
    """A transition from a state the spec lacks is refused."""
    bad = TransitionSpec(trigger="skip", sources=("scoping", "limbo"), dest="research")
    with pytest.raises(SpecError) as excinfo:
        _spec(transitions=(*DEFAULT_WORKFLOW.transitions, bad))
    assert [p.split(" (")[0] for p in excinfo.value.problems] == [
        "transitions[11].sources[1]: expected one of the states"
    ]


def test_unreachable_state_is_an_error() -> None:
    """A state no transition leads to is refused."""
    with pytest.raises(SpecError) as excinfo:
        _spec(states=(*DEFAULT_WORKFLOW.states, "on_hold"))
    assert list(excinfo.value.problems) == [
        "states: 'on_hold' is unreachable from the initial state 'scoping';"
        " expected a transition leading to it"
    ]


def test_duplicate_trigger_from_one_source_is_an_error() -> None:
    """Two transitions with one trigger from one state are refused."""
    twin = TransitionSpec(trigger="schedule", sources="research", dest="cancelled")
    with pytest.raises(SpecError) as excinfo:
        _spec(transitions=(*DEFAULT_WORKFLOW.transitions, twin))
    assert "trigger 'schedule' is already defined from 'research' (transitions[1])" in _problems(
        excinfo
    )


def test_same_trigger_from_different_sources_is_fine() -> None:
    """One trigger may leave several states (cancel does)."""
    extra = TransitionSpec(trigger="schedule", sources="scoping", dest="scheduling")
    spec = _spec(transitions=(*DEFAULT_WORKFLOW.transitions, extra))
    assert "schedule" in spec.triggers


def test_missing_initial_state_is_an_error() -> None:
    """An initial state that is not a state (or none at all) is refused."""
    with pytest.raises(SpecError) as excinfo:
        _spec(initial="draft")
    assert "initial: expected one of the states (scoping" in _problems(excinfo)
    with pytest.raises(SpecError) as excinfo:
        WorkflowSpec(
            states=("a", "b"),
            transitions=(TransitionSpec(trigger="go", sources="a", dest="b"),),
        )
    assert "initial: missing: name the state new assists start in" in _problems(excinfo)


def test_dropping_the_initial_state_reports_every_consequence() -> None:
    """Removing scoping reports the missing initial state and the dangling transitions."""
    states = DEFAULT_WORKFLOW.states[1:]
    with pytest.raises(SpecError) as excinfo:
        _spec(states=states)
    text = _problems(excinfo)
    assert "initial: expected one of the states" in text
    assert "transitions[0].sources[0]" in text
    assert "transitions[10].sources[0]" in text
    assert len(excinfo.value.problems) == 3


def test_gate_naming_unknown_transition_is_an_error() -> None:
    """A gate for a trigger the spec lacks is refused, naming the triggers."""
    with pytest.raises(SpecError) as excinfo:
        _spec(gates=(Gate(trigger="begin_reserch", checks=(_no_findings,), name="typo"),))
    assert (
        "gates[0].trigger (typo): expected one of the transitions (begin_follow_up,"
        in _problems(excinfo)
    )
    assert "found 'begin_reserch'" in _problems(excinfo)


def test_every_problem_is_reported_at_once() -> None:
    """A spec with several problems lists each of them in one error."""
    with pytest.raises(SpecError) as excinfo:
        WorkflowSpec(
            states=("a", "b", "b", "c"),
            initial="z",
            transitions=(
                TransitionSpec(trigger="go", sources="a", dest="b"),
                TransitionSpec(trigger="go", sources="a", dest="x"),
            ),
            meeting_states=("q",),
            checks_as={"a": "lunch"},
        )
    text = _problems(excinfo)
    assert "states[2]: expected a state not already listed, found 'b' again" in text
    assert "initial: expected one of the states" in text
    assert "transitions[1].dest" in text
    assert "trigger 'go' is already defined from 'a'" in text
    assert "meeting_states[0]" in text
    assert "checks_as['a']: expected a rule phase" in text
    assert str(excinfo.value).startswith(f"{len(excinfo.value.problems)} problems")


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"trigger": "Go Now", "sources": "a", "dest": "b"}, "trigger: expected a name"),
        ({"trigger": "create", "sources": "a", "dest": "b"}, "names the creation entry"),
        ({"trigger": "go", "sources": (), "dest": "b"}, "sources: expected one or more"),
        ({"trigger": "go", "sources": "a", "dest": 3}, "dest: expected a name"),
        ({"trigger": "go", "sources": "a", "dest": "b", "forward": "yes"}, "forward: expected"),
    ],
)
def test_bad_transition_is_refused_when_built(kwargs: dict[str, object], expected: str) -> None:
    """A TransitionSpec checks its own fields when built."""
    with pytest.raises(SpecError, match=expected):
        TransitionSpec(**kwargs)  # type: ignore[arg-type]


def test_bad_gate_is_refused_when_built() -> None:
    """A Gate needs callables."""
    with pytest.raises(SpecError, match=r"checks\[0\]: expected a callable"):
        Gate(trigger="schedule", checks=("not callable",))  # type: ignore[arg-type]
    with pytest.raises(SpecError, match="checks: expected one or more callables"):
        Gate(trigger="schedule", checks=())


def test_wrong_kinds_of_values_are_spec_errors_not_type_errors() -> None:
    """Badly typed spec fields give SpecError naming the field."""
    with pytest.raises(SpecError) as excinfo:
        _spec(transitions=("schedule",), gates=("gate",), rules=(42,), warnings_block="no")
    text = _problems(excinfo)
    assert "transitions[0]: expected a TransitionSpec, found 'schedule'" in text
    assert "gates[0]: expected a Gate" in text
    assert "rules[0]: expected a rule" in text
    assert "warnings_block: expected true or false" in text


def test_more_than_one_forward_transition_from_a_state_is_an_error() -> None:
    """Each state has at most one default way on."""
    extra = TransitionSpec(trigger="skip", sources="scoping", dest="scheduling", forward=True)
    with pytest.raises(SpecError, match="state 'scoping' already has a forward transition"):
        _spec(transitions=(*DEFAULT_WORKFLOW.transitions, extra))


# -- deriving ---------------------------------------------------------------------


def test_with_gate_adds_a_gate_and_checks_its_trigger() -> None:
    """with_gate returns a copy guarded by the checks; an unknown trigger is refused."""
    spec = DEFAULT_WORKFLOW.with_gate("schedule", _no_findings, name="mine")
    assert (Gate(trigger="schedule", checks=(_no_findings,), name="mine"),) == spec.gates_for(
        "schedule"
    )
    assert DEFAULT_WORKFLOW.gates == ()
    with pytest.raises(SpecError, match="found 'schedul'"):
        DEFAULT_WORKFLOW.with_gate("schedul", _no_findings)


def test_rename_trigger_renames_transitions_and_gates() -> None:
    """rename_trigger moves the name everywhere, gates included."""
    spec = DEFAULT_WORKFLOW.with_gate("close", _no_findings).rename_trigger("close", "archive")
    assert "close" not in spec.triggers
    assert spec.forward_trigger("follow_up") == "archive"
    assert spec.gates[0].trigger == "archive"
    with pytest.raises(SpecError, match="found 'nope'"):
        DEFAULT_WORKFLOW.rename_trigger("nope", "other")
    with pytest.raises(SpecError, match="already defined from 'scoping'"):
        DEFAULT_WORKFLOW.rename_trigger("begin_research", "cancel")


def test_lists_and_mappings_are_accepted_as_tuples() -> None:
    """Lists become tuples, one source name a 1-tuple, a mapping pairs."""
    t = TransitionSpec(trigger="go", sources="a", dest="b", refs="M01", forward=True)
    assert t.sources == ("a",)
    assert t.refs == ("M01",)
    spec = WorkflowSpec(states=["a", "b"], initial="a", transitions=[t], final=["b"])
    assert spec.final == ("b",)
    assert spec.states == ("a", "b")
    assert (t,) == spec.transitions


# -- Mermaid ----------------------------------------------------------------------


def test_to_mermaid_draws_every_transition() -> None:
    """The diagram has the initial arrow, one arrow per source and the final states."""
    text = DEFAULT_WORKFLOW.to_mermaid()
    lines = text.splitlines()
    assert lines[0] == "stateDiagram-v2"
    assert "    [*] --> scoping" in lines
    assert "    scheduling --> quarter_1: start_meeting" in lines
    assert "    scheduling --> scheduling: reschedule" in lines
    assert "    follow_up --> cancelled: cancel" in lines
    assert "    closed --> [*]" in lines
    assert "    class quarter_1,quarter_2,quarter_3,quarter_4 meeting" in lines
    arrows = [line for line in lines if "-->" in line and "[*]" not in line]
    assert sum(len(t.sources) for t in DEFAULT_WORKFLOW.transitions) == len(arrows)
    assert "current" not in text


def test_to_mermaid_highlights_the_current_state() -> None:
    """Given a state or an assist, the diagram marks it with a classDef."""
    by_name = DEFAULT_WORKFLOW.to_mermaid("quarter_2")
    assert by_name.endswith("    class quarter_2 current\n")
    assert "classDef current" in by_name
    assist = make_assist("research")
    assert "    class research current" in DEFAULT_WORKFLOW.to_mermaid(assist)


def test_to_mermaid_refuses_an_unknown_state() -> None:
    """Highlighting a state the spec lacks is an UnknownStateError naming the states."""
    with pytest.raises(UnknownStateError) as excinfo:
        DEFAULT_WORKFLOW.to_mermaid("limbo")
    assert DEFAULT_WORKFLOW.states == excinfo.value.known


def test_docs_diagram_is_the_default_workflow() -> None:
    """The Mermaid block in docs/workflow.md is what to_mermaid() draws today."""
    from pathlib import Path

    text = (Path(__file__).parent.parent / "docs" / "workflow.md").read_text(encoding="utf-8")
    block = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block == DEFAULT_WORKFLOW.to_mermaid()


@pytest.mark.parametrize("name", ["begin_research\n", "Begin", "1st", "with space", ""])
def test_a_trigger_name_must_be_a_plain_identifier(name: str) -> None:
    """A trigger that is not lower-case letters, digits and '_' (not even with a
    trailing newline) is refused when the spec is built."""
    with pytest.raises(SpecError) as excinfo:
        TransitionSpec(trigger=name, sources="scoping", dest="research")
    assert "trigger: expected a name of lower-case letters, digits and '_'" in str(excinfo.value)
    assert f"found {name!r}" in str(excinfo.value)


# -- checks at definition: final states, forward paths, rule phases ---------------


def _approval_spec(**changes: object) -> WorkflowSpec:
    """The default workflow with an 'approval' state between follow_up and closed."""
    base = DEFAULT_WORKFLOW
    states = (*base.states[:-2], "approval", *base.states[-2:])
    transitions = [
        attrs.evolve(t, sources=("approval",)) if t.trigger == "close" else t
        for t in base.transitions
    ]
    transitions.append(
        TransitionSpec(
            trigger="request_approval", sources="follow_up", dest="approval", forward=True
        )
    )
    return attrs.evolve(base, states=states, transitions=transitions, **changes)


def test_default_workflow_declares_its_final_states() -> None:
    """closed and cancelled are declared final."""
    assert DEFAULT_WORKFLOW.final == ("closed", "cancelled")
    assert DEFAULT_WORKFLOW.final_states == ("closed", "cancelled")


def test_reachable_dead_end_not_declared_final_is_an_error() -> None:
    """A state with no way out no longer silently becomes final."""
    dead = TransitionSpec(trigger="park", sources="research", dest="parked")
    with pytest.raises(SpecError) as excinfo:
        _spec(
            states=(*DEFAULT_WORKFLOW.states, "parked"),
            transitions=(*DEFAULT_WORKFLOW.transitions, dead),
        )
    assert list(excinfo.value.problems) == [
        "states: 'parked' has no way out; expected a transition leaving it,"
        " or the state declared final (final=...)"
    ]


def test_dead_end_declared_final_is_accepted() -> None:
    """Declaring the dead end final makes it a proper end."""
    dead = TransitionSpec(trigger="park", sources="research", dest="parked")
    spec = _spec(
        states=(*DEFAULT_WORKFLOW.states, "parked"),
        transitions=(*DEFAULT_WORKFLOW.transitions, dead),
        final=("closed", "cancelled", "parked"),
    )
    assert spec.final_states == ("closed", "cancelled", "parked")


def test_state_with_no_forward_transition_is_an_error() -> None:
    """A state whose only way out is not marked forward is refused (walk_to would fail later)."""
    hold = TransitionSpec(trigger="hold", sources="scheduling", dest="on_hold")
    resume = TransitionSpec(trigger="resume", sources="on_hold", dest="scheduling")
    with pytest.raises(SpecError) as excinfo:
        _spec(
            states=(*DEFAULT_WORKFLOW.states, "on_hold"),
            transitions=(*DEFAULT_WORKFLOW.transitions, hold, resume),
        )
    assert list(excinfo.value.problems) == [
        "states: 'on_hold' has no forward transition; expected one transition from it"
        " marked forward=True (the default way on)"
    ]
    forward = attrs.evolve(resume, forward=True)
    spec = _spec(
        states=(*DEFAULT_WORKFLOW.states, "on_hold"),
        transitions=(*DEFAULT_WORKFLOW.transitions, hold, forward),
    )
    assert spec.forward_trigger("on_hold") == "resume"


def test_forward_loop_that_never_ends_is_an_error() -> None:
    """Forward transitions going round in a loop are off every forward path to an end."""
    with pytest.raises(SpecError) as excinfo:
        WorkflowSpec(
            states=("a", "b", "done"),
            initial="a",
            transitions=(
                TransitionSpec(trigger="ab", sources="a", dest="b", forward=True),
                TransitionSpec(trigger="ba", sources="b", dest="a", forward=True),
                TransitionSpec(trigger="finish", sources="b", dest="done"),
            ),
            final=("done",),
        )
    problems = list(excinfo.value.problems)
    assert len(problems) == 2
    assert problems[0].startswith("states: the forward path from 'a' never reaches a final state")


def test_unknown_final_state_is_an_error() -> None:
    """final names states of the spec."""
    with pytest.raises(SpecError, match=r"final\[2\]: expected one of the states"):
        _spec(final=("closed", "cancelled", "archived"))


def test_dropping_research_reports_its_rules() -> None:
    """Without a research state, the research rules are reported, not silently kept."""
    states = tuple(s for s in DEFAULT_WORKFLOW.states if s != "research")
    transitions = []
    for t in DEFAULT_WORKFLOW.transitions:
        if t.trigger == "begin_research":
            continue
        if t.trigger == "schedule":
            t = attrs.evolve(t, sources=("scoping",))
        if t.trigger == "cancel":
            t = attrs.evolve(t, sources=tuple(s for s in t.sources if s != "research"))
        transitions.append(t)
    with pytest.raises(SpecError) as excinfo:
        _spec(states=states, transitions=transitions)
    assert list(excinfo.value.problems) == [
        "rules: phase 'research' of PA-M03-no-research, PA-M03-narrow-research,"
        " PA-M04-plans-not-shared, PA-M04-similar-work and 1 more is not a state of this spec;"
        " expected the phase mapped to a state (rule_phases={'research': 'scoping'}),"
        " dropped (rule_phases={'research': None}) or those rules left out (rules=...)"
    ]
    dropped = _spec(states=states, transitions=transitions, rule_phases={"research": None})
    mapped = _spec(states=states, transitions=transitions, rule_phases={"research": "scoping"})
    bare = make_assist("scheduling", now=NOW)
    bare.research = Research()
    bare.state = "scheduling"
    assert Workflow(dropped).fire(bare, "start_meeting", now=NOW).ok
    bare.state = "scoping"
    assert Workflow(mapped).fire(bare, "schedule", now=NOW).codes == ("PA-M03-no-research",)


def test_rule_phase_mapped_to_an_unknown_state_is_an_error() -> None:
    """rule_phases names states of the spec (or None)."""
    with pytest.raises(SpecError, match=r"rule_phases\['research'\]: expected one of the states"):
        _spec(rule_phases={"research": "desk_research"})


def test_rule_phase_may_be_a_custom_state() -> None:
    """A rule whose phase is a state of the spec is checked when leaving it and after."""
    calls: list[str] = []

    @rule(code="HOUSE-approval", severity="error", refs=(), phase="approval", title="Approved.")
    def approved(assist: PeerAssist, ctx: RuleContext) -> Iterator[str]:
        calls.append(ctx.state)
        if not assist.follow_up.shared_with:
            yield "Not approved: nothing shared."

    spec = _approval_spec(rules=(*DEFAULT_RULES, approved))
    workflow = Workflow(spec)
    assist = make_assist("approval", now=NOW, spec=spec)
    assert assist.state == "approval"
    assert [e.event for e in assist.history][-2:] == ["begin_follow_up", "request_approval"]
    assert workflow.fire(assist, "close", now=NOW).ok
    assert calls == ["approval"]
    assist = make_assist("follow_up", now=NOW, spec=spec)
    assert workflow.fire(assist, "request_approval", now=NOW).ok
    assert calls == ["approval"]  # not checked when leaving follow_up, before approval
    blocked = make_assist("approval", now=NOW, spec=spec)
    blocked.follow_up = attrs.evolve(blocked.follow_up, shared_with=())
    outcome = workflow.fire(blocked, "close", now=NOW, acknowledge="PA-M26-lessons-not-shared")
    assert outcome.codes == ("HOUSE-approval",)


def test_checks_as_may_name_a_state_of_the_spec() -> None:
    """checks_as accepts a state of the spec as well as a built-in phase."""
    spec = _approval_spec(checks_as={"approval": "follow_up"})
    assert spec.phase_of("approval") == "follow_up"


def test_make_assist_reaches_a_custom_state_by_walking_the_spec() -> None:
    """make_assist(state, spec=...) builds an assist in a state only the spec has."""
    spec = _approval_spec()
    assist = make_assist("approval", now=NOW, spec=spec)
    assert (assist.state, assist.revision) == ("approval", 9)
    assert [e.dest for e in assist.history] == [
        "scoping",
        "research",
        "scheduling",
        "quarter_1",
        "quarter_2",
        "quarter_3",
        "quarter_4",
        "feedback",
        "follow_up",
        "approval",
    ]
    assert assist.follow_up.lessons  # filled as far as follow_up
    with pytest.raises(InputError, match="state"):
        make_assist("archived", now=NOW, spec=spec)


def test_unknown_trigger_suggests_the_one_meant() -> None:
    """A misspelt trigger gets a 'did you mean'."""
    assist = make_assist("scoping", now=NOW)
    with pytest.raises(UnknownTriggerError) as caught:
        Workflow().fire(assist, "begin_reserch", now=NOW)
    assert caught.value.suggestion == "begin_research"
    assert "did you mean 'begin_research'?" in str(caught.value)
