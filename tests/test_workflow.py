"""Workflow: firing triggers, refusals, acknowledgements, audit, allowed(), reschedule."""

from __future__ import annotations

import copy
import gc
import weakref

import attrs
import pytest

from peerassist._time import UTC, DateTime, duration
from peerassist.exceptions import (
    InputError,
    TransitionRefusedError,
    UnknownStateError,
    UnknownTriggerError,
)
from peerassist.model import AuditEntry, MeetingWindow, PeerAssist, Purpose
from peerassist.rules import Finding, RuleContext, Severity
from peerassist.testing import PATH, STATES, assert_passed, assert_refused, make_assist
from peerassist.workflow import (
    DEFAULT_WORKFLOW,
    NOT_ALLOWED_CODE,
    Outcome,
    OutcomeKind,
    Workflow,
)

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")
WF = Workflow()


def _warn(code: str = "TEST-warn") -> object:
    def check(assist: PeerAssist, ctx: RuleContext) -> list[Finding]:
        return [Finding(code=code, severity=Severity.WARNING, message="careful", hint="look")]

    return check


def _info(assist: PeerAssist, ctx: RuleContext) -> list[Finding]:
    return [Finding(code="TEST-info", severity=Severity.INFO, message="fyi")]


def _snapshot(assist: PeerAssist) -> PeerAssist:
    return copy.deepcopy(assist)


def _complete(state: str) -> PeerAssist:
    """A closed assist's full content, put back in ``state`` with a fresh history."""
    assist = make_assist("closed", now=NOW)
    assist.state = state
    assist.history = [AuditEntry(event="create", source=None, dest="scoping", at=NOW)]
    assist.revision = 0
    return assist


# -- passing ----------------------------------------------------------------------


@pytest.mark.parametrize(("trigger", "source", "dest"), PATH)
def test_forward_trigger_passes_from_every_state(trigger: str, source: str, dest: str) -> None:
    """The forward trigger from each state passes and reaches the next state."""
    assist = make_assist(source, now=NOW)
    revision = assist.revision
    outcome = WF.fire(assist, trigger, now=NOW, actor="priya.raman@example.org", note="on we go")
    assert outcome.kind == OutcomeKind.PASSED
    assert outcome.ok
    assert outcome.findings == ()
    assert dest == assist.state
    assert revision + 1 == assist.revision
    expected = AuditEntry(
        event=trigger,
        source=source,
        dest=dest,
        at=NOW,
        actor="priya.raman@example.org",
        note="on we go",
    )
    assert expected == assist.history[-1]
    assert expected == outcome.entry


def test_whole_lifecycle_reaches_every_state() -> None:
    """One assist walks from a fresh creation to closed, visiting every state."""
    template = make_assist("closed", now=NOW)
    values = {
        f.name: getattr(template, f.name)
        for f in attrs.fields(PeerAssist)
        if f.name not in {"state", "revision", "history", "id"}
    }
    assist = WF.create(actor="priya", now=NOW, **values)
    seen = [assist.state]
    for trigger, _, _ in PATH:
        WF.advance(assist, trigger, now=NOW)
        seen.append(assist.state)
    assert list(STATES) == seen
    assert len(STATES) == len(assist.history)
    assert len(PATH) == assist.revision
    assert ["create", *(t for t, _, _ in PATH)] == [e.event for e in assist.history]


def test_cancel_passes_from_every_state_before_closed() -> None:
    """cancel has no gate: it passes from every state but closed, even from a bare assist."""
    for state in STATES[:-1]:
        assist = make_assist(state, now=NOW, purpose=Purpose())
        outcome = WF.fire(assist, "cancel", now=NOW, note="no longer needed")
        assert outcome.ok, state
        assert assist.state == "cancelled"
        assert outcome.checked == ()


def test_now_in_another_zone_is_recorded_in_utc() -> None:
    """The audit entry's time is the same instant, in UTC."""
    assist = make_assist("scoping", now=NOW)
    local = DateTime.create(2026, 7, 1, 10, tz="Europe/London")
    WF.fire(assist, "begin_research", now=local)
    at = assist.history[-1].at
    assert at.tzinfo == UTC
    assert local.in_tz(UTC) == at


def test_now_defaults_to_the_clock() -> None:
    """Without now=, the entry is stamped with the current UTC time."""
    assist = make_assist("scoping")
    before = DateTime.now(UTC)
    WF.fire(assist, "begin_research")
    after = DateTime.now(UTC)
    assert before <= assist.history[-1].at <= after


# -- refusals ---------------------------------------------------------------------


def test_blocked_transition_lists_every_blocking_finding_and_leaves_assist_untouched() -> None:
    """A gate with errors refuses with every finding (code, message, hint, refs)."""
    assist = make_assist("scoping", now=NOW, purpose=Purpose())
    before = _snapshot(assist)
    outcome = WF.fire(assist, "begin_research", now=NOW)
    assert outcome.kind == OutcomeKind.BLOCKED
    assert not outcome.ok
    assert not outcome
    assert outcome.entry is None
    assert before == assist
    assert len(outcome.findings) >= 2
    assert "PA-M01-no-problem" in outcome.codes
    for finding in outcome.findings:
        assert finding.severity in (Severity.ERROR, Severity.WARNING)
        assert finding.message
        assert finding.hint
        assert finding.refs
    severities = [f.severity for f in outcome.findings]
    assert sorted(severities, key=lambda s: s != Severity.ERROR) == severities
    assert "refused by" in str(outcome)


def test_trigger_not_valid_from_state_names_the_allowed_ones() -> None:
    """A known trigger fired from the wrong state is a not_allowed refusal."""
    assist = make_assist("scoping", now=NOW)
    before = _snapshot(assist)
    outcome = WF.fire(assist, "close", now=NOW)
    assert outcome.kind == OutcomeKind.NOT_ALLOWED
    assert outcome.allowed == ("begin_research", "cancel")
    assert outcome.codes == (NOT_ALLOWED_CODE,)
    assert "begin_research, cancel" in outcome.findings[0].hint
    assert outcome.dest is None
    assert before == assist
    assert_refused(outcome, NOT_ALLOWED_CODE, kind="not_allowed")


def test_nothing_is_allowed_from_a_final_state() -> None:
    """From closed or cancelled, every trigger is not_allowed."""
    for state in ("closed", "cancelled"):
        assist = make_assist(state, now=NOW)
        outcome = WF.fire(assist, "cancel", now=NOW)
        assert outcome.kind == OutcomeKind.NOT_ALLOWED
        assert outcome.allowed == ()
        assert "none (a final state)" in outcome.findings[0].hint


def test_unknown_trigger_is_an_error_naming_the_known_ones() -> None:
    """A trigger the spec lacks raises UnknownTriggerError."""
    assist = make_assist("scoping", now=NOW)
    with pytest.raises(UnknownTriggerError) as excinfo:
        WF.fire(assist, "begin_reserch", now=NOW)
    assert DEFAULT_WORKFLOW.triggers == excinfo.value.known
    assert "begin_reserch" in str(excinfo.value)
    assert isinstance(excinfo.value, LookupError)


def test_trigger_of_the_wrong_kind_is_an_unknown_trigger() -> None:
    """A trigger that is not text (even an unhashable one) is an UnknownTriggerError."""
    assist = make_assist("scoping", now=NOW)
    with pytest.raises(UnknownTriggerError, match=r"unknown trigger \"\['schedule'\]\""):
        WF.fire(assist, ["schedule"], now=NOW)  # type: ignore[arg-type]


def test_unknown_stored_state_is_an_error_naming_the_known_ones() -> None:
    """An assist in a state the spec lacks raises UnknownStateError."""
    assist = make_assist("scoping", now=NOW)
    assist.state = "limbo"
    for call in (
        lambda: WF.fire(assist, "begin_research", now=NOW),
        lambda: WF.allowed(assist, now=NOW),
    ):
        with pytest.raises(UnknownStateError) as excinfo:
            call()
        assert DEFAULT_WORKFLOW.states == excinfo.value.known
        assert "found 'limbo'" in str(excinfo.value)


def test_advance_raises_with_the_outcome() -> None:
    """advance raises TransitionRefusedError carrying the same outcome."""
    assist = make_assist("scoping", now=NOW, purpose=Purpose())
    with pytest.raises(TransitionRefusedError) as excinfo:
        WF.advance(assist, "begin_research", now=NOW)
    outcome = excinfo.value.outcome
    assert isinstance(outcome, Outcome)
    assert outcome.findings == excinfo.value.findings
    assert "PA-M01-no-problem" in str(excinfo.value)
    assert_refused(lambda: WF.advance(assist, "begin_research", now=NOW), "PA-M01-no-problem")


def test_raise_for_refusal() -> None:
    """Outcome.raise_for_refusal returns a passed outcome and raises a refused one."""
    assist = make_assist("scoping", now=NOW)
    passed = WF.fire(assist, "begin_research", now=NOW)
    assert passed is passed.raise_for_refusal()
    refused = WF.fire(assist, "close", now=NOW)
    with pytest.raises(TransitionRefusedError):
        refused.raise_for_refusal()


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"actor": 42}, "actor"),
        ({"note": ["x"]}, "note"),
        ({"acknowledge": 5}, "acknowledge"),
        ({"now": "2026-01-01"}, "now"),
        ({"now": DateTime(2026, 1, 1).naive()}, "now"),
        ({"policy": "clinic"}, "policy"),
    ],
)
def test_bad_arguments_are_input_errors(kwargs: dict[str, object], path: str) -> None:
    """Badly typed arguments raise InputError naming the argument."""
    assist = make_assist("scoping", now=NOW)
    before = _snapshot(assist)
    with pytest.raises(InputError) as excinfo:
        WF.fire(assist, "begin_research", **kwargs)  # type: ignore[arg-type]
    assert (path,) == excinfo.value.paths
    assert before == assist


def test_actor_with_a_line_break_is_refused_before_any_change() -> None:
    """The audit entry's own checks apply, and a refused entry changes nothing."""
    assist = make_assist("scoping", now=NOW)
    before = _snapshot(assist)
    with pytest.raises(InputError) as excinfo:
        WF.fire(assist, "begin_research", now=NOW, actor="eve\nSTATE:closed")
    assert excinfo.value.paths == ("actor",)
    assert before == assist


def test_not_an_assist_is_an_input_error() -> None:
    """Firing on something else raises InputError."""
    with pytest.raises(InputError, match="expected a PeerAssist"):
        WF.fire({"state": "scoping"}, "begin_research", now=NOW)  # type: ignore[arg-type]


# -- warnings and acknowledgements ------------------------------------------------------


def test_unacknowledged_warning_blocks_and_acknowledged_one_passes() -> None:
    """A warning blocks until acknowledged by code; the code goes into the entry."""
    wf = Workflow(DEFAULT_WORKFLOW.with_gate("begin_research", _warn(), _info))
    assist = make_assist("scoping", now=NOW)
    refused = wf.fire(assist, "begin_research", now=NOW)
    assert refused.codes == ("TEST-warn",)
    assert refused.unacknowledged == ("TEST-warn",)
    assert {"TEST-warn", "TEST-info"} == {f.code for f in refused.checked}
    passed = wf.fire(assist, "begin_research", now=NOW, acknowledge=["TEST-warn", "OTHER"])
    assert passed.ok
    assert passed.acknowledged == ("TEST-warn",)
    assert assist.history[-1].acknowledged == ("TEST-warn",)
    assert {"TEST-warn", "TEST-info"} == {f.code for f in passed.checked}


def test_acknowledging_one_code_as_a_string() -> None:
    """acknowledge= accepts one code as a string."""
    wf = Workflow(DEFAULT_WORKFLOW.with_gate("begin_research", _warn()))
    assist = make_assist("scoping", now=NOW)
    assert wf.fire(assist, "begin_research", now=NOW, acknowledge="TEST-warn").ok


def test_acknowledging_does_not_lift_an_error() -> None:
    """Errors block whatever is acknowledged."""
    assist = make_assist("scoping", now=NOW, purpose=Purpose())
    outcome = WF.fire(assist, "begin_research", now=NOW, acknowledge=["PA-M01-no-problem"])
    assert "PA-M01-no-problem" in outcome.codes


def test_warnings_do_not_block_when_the_workflow_says_so() -> None:
    """With warnings_block=False, warnings pass unacknowledged; errors still block."""
    spec = attrs.evolve(DEFAULT_WORKFLOW.with_gate("begin_research", _warn()), warnings_block=False)
    wf = Workflow(spec)
    assist = make_assist("scoping", now=NOW)
    outcome = wf.fire(assist, "begin_research", now=NOW)
    assert outcome.ok
    assert outcome.acknowledged == ()
    assert tuple(f.code for f in outcome.checked) == ("TEST-warn",)


def test_info_never_blocks() -> None:
    """An info finding is reported in checked but never blocks."""
    wf = Workflow(DEFAULT_WORKFLOW.with_gate("begin_research", _info))
    assist = make_assist("scoping", now=NOW)
    outcome = wf.fire(assist, "begin_research", now=NOW)
    assert outcome.ok
    assert tuple(f.code for f in outcome.checked) == ("TEST-info",)


def test_gate_returning_something_else_is_reported() -> None:
    """A gate check that returns non-findings raises an error naming it."""

    def sloppy(assist: PeerAssist, ctx: RuleContext) -> list[object]:
        return ["looks fine"]

    wf = Workflow(DEFAULT_WORKFLOW.with_gate("begin_research", sloppy))  # type: ignore[arg-type]
    assist = make_assist("scoping", now=NOW)
    before = _snapshot(assist)
    with pytest.raises(ValueError, match="sloppy must return Finding objects, found str"):
        wf.fire(assist, "begin_research", now=NOW)
    assert before == assist


def test_gate_sees_the_context_of_the_state_left() -> None:
    """A gate check gets a RuleContext with now, the policy and the state left."""
    seen: list[RuleContext] = []

    def spy(assist: PeerAssist, ctx: RuleContext) -> list[Finding]:
        seen.append(ctx)
        return []

    wf = Workflow(DEFAULT_WORKFLOW.with_gate("start_questions", spy))
    assist = make_assist("quarter_1", now=NOW, profile="clinic")
    wf.fire(assist, "start_questions", now=NOW)
    (ctx,) = seen
    assert ctx.now == NOW
    assert ctx.state == "quarter_1"
    assert ctx.policy.name == "clinic"


# -- allowed -------------------------------------------------------------------------


def test_allowed_lists_triggers_and_whether_each_passes() -> None:
    """allowed() lists the valid triggers, whether each passes, and why not."""
    assist = make_assist("scheduling", now=NOW, facilitator=None)
    before = _snapshot(assist)
    allowed = WF.allowed(assist, now=NOW)
    assert allowed.triggers == ("reschedule", "start_meeting", "cancel")
    assert "cancel" in allowed
    assert "close" not in allowed
    assert allowed.passing == ("cancel",)
    assert not allowed["start_meeting"].ok
    assert allowed["start_meeting"].findings
    assert allowed["start_meeting"].forward
    assert allowed.forward is allowed["start_meeting"]
    assert allowed[1].trigger == "start_meeting"
    assert before == assist
    with pytest.raises(UnknownTriggerError):
        allowed["close"]


def test_allowed_on_a_ready_assist_passes_forward() -> None:
    """A realistic assist's forward trigger is allowed and would pass."""
    for trigger, source, _ in PATH:
        allowed = WF.allowed(make_assist(source, now=NOW), now=NOW)
        assert allowed[trigger].ok, (trigger, allowed[trigger].findings)


def test_allowed_from_a_final_state_is_empty() -> None:
    """Nothing is allowed from closed."""
    assert len(WF.allowed(make_assist("closed", now=NOW), now=NOW)) == 0


# -- reschedule ------------------------------------------------------------------------


def _moved(assist: PeerAssist, days: int) -> tuple[MeetingWindow, ...]:
    return tuple(
        MeetingWindow(start=w.start.add(days=days), end=w.end.add(days=days))
        for w in assist.logistics.windows
    )


def test_reschedule_moves_the_meeting_and_bumps_the_revision() -> None:
    """reschedule changes the windows, stays in scheduling and bumps revision."""
    assist = make_assist("scheduling", now=NOW)
    revision = assist.revision
    windows = _moved(assist, 7)
    social = assist.logistics.social
    assert social is not None
    moved_social = attrs.evolve(social, start=social.start.add(days=7), end=social.end.add(days=7))
    outcome = WF.reschedule(assist, windows, now=NOW, note="room clash", social=moved_social)
    assert outcome.ok, outcome
    assert assist.state == "scheduling"
    assert windows == assist.logistics.windows
    assert moved_social == assist.logistics.social
    assert revision + 1 == assist.revision
    assert (
        assist.history[-1].event,
        assist.history[-1].source,
        assist.history[-1].dest,
    ) == ("reschedule", "scheduling", "scheduling")


def test_reschedule_to_a_bad_time_is_refused_and_changes_nothing() -> None:
    """New windows are checked by the scheduling rules before anything changes."""
    assist = make_assist("scheduling", now=NOW)
    before = _snapshot(assist)
    # After the decision date: too late to act on what is learned (M07).
    late = _moved(assist, 60)
    outcome = WF.reschedule(assist, late, now=NOW)
    assert outcome.kind == OutcomeKind.BLOCKED
    assert any("M07" in f.refs for f in outcome.findings)
    assert before == assist


def test_reschedule_to_the_same_time_is_an_input_error() -> None:
    """Rescheduling to the current windows is refused: nothing would change."""
    assist = make_assist("scheduling", now=NOW)
    with pytest.raises(InputError, match="different from the current ones"):
        WF.reschedule(assist, assist.logistics.windows, now=NOW)


def test_reschedule_refuses_unknown_logistics_fields() -> None:
    """Other logistics changes must name fields of Logistics."""
    assist = make_assist("scheduling", now=NOW)
    with pytest.raises(InputError) as excinfo:
        WF.reschedule(assist, _moved(assist, 7), now=NOW, dinner=None)
    assert excinfo.value.paths == ("logistics.dinner",)


def test_reschedule_with_invalid_windows_names_the_field() -> None:
    """Windows out of order are an InputError under logistics.windows."""
    assist = make_assist("scheduling", now=NOW)
    first, second = assist.logistics.windows
    with pytest.raises(InputError) as excinfo:
        WF.reschedule(assist, [second, first], now=NOW)
    assert excinfo.value.paths == ("logistics.windows[1].start",)


def test_reschedule_outside_scheduling_is_not_allowed() -> None:
    """A meeting under way cannot be rescheduled."""
    assist = make_assist("quarter_1", now=NOW)
    outcome = WF.reschedule(assist, _moved(assist, 7), now=NOW)
    assert outcome.kind == OutcomeKind.NOT_ALLOWED


def test_changes_only_for_fields_the_transition_edits() -> None:
    """fire(changes=) is refused for fields the transition does not edit."""
    assist = make_assist("scoping", now=NOW)
    with pytest.raises(InputError) as excinfo:
        WF.fire(assist, "begin_research", now=NOW, changes={"title": "New"})
    assert excinfo.value.paths == ("changes.title",)
    assert "'begin_research' may change (nothing)" in str(excinfo.value)


# -- creation ---------------------------------------------------------------------------


def test_create_builds_an_assist_with_its_creation_entry() -> None:
    """create() builds a scoping assist at revision 0 with a create entry."""
    host = make_assist().host
    assist = WF.create(title="Discharge lounge", host=host, actor="priya", now=NOW, note="hi")
    assert assist.state == "scoping"
    assert assist.revision == 0
    expected = AuditEntry(
        event="create", source=None, dest="scoping", at=NOW, actor="priya", note="hi"
    )
    assert [expected] == assist.history


def test_create_refuses_engine_owned_and_unknown_fields() -> None:
    """state, revision and history belong to the workflow; typos are named."""
    host = make_assist().host
    for name in ("state", "revision", "history", "purpos"):
        with pytest.raises(InputError) as excinfo:
            WF.create(title="T", host=host, now=NOW, **{name: None})
        assert (name,) == excinfo.value.paths


def test_start_records_creation_of_a_hand_built_assist() -> None:
    """start() appends the create entry to a new assist, and refuses an old one."""
    assist = PeerAssist(title="T", host=make_assist().host)
    assert assist is WF.start(assist, now=NOW)
    assert [e.event for e in assist.history] == ["create"]
    with pytest.raises(InputError, match="an empty history"):
        WF.start(assist, now=NOW)
    with pytest.raises(InputError, match="a new assist"):
        WF.start(make_assist("research", now=NOW, history=[]), now=NOW)


# -- the machine -------------------------------------------------------------------------


def test_one_machine_per_spec_with_no_model_bound() -> None:
    """Workflows of one spec share one machine, which holds no model."""
    a, b = Workflow(DEFAULT_WORKFLOW), Workflow(DEFAULT_WORKFLOW)
    assert a._compiled.machine is b._compiled.machine
    assist = make_assist("scoping", now=NOW)
    a.fire(assist, "begin_research", now=NOW)
    assert a._compiled.machine.models == []


def test_nothing_is_attached_to_the_assist_and_no_reference_kept() -> None:
    """After firing, the assist has only its own fields and can be freed."""
    assist = make_assist("scoping", now=NOW)
    WF.fire(assist, "begin_research", now=NOW)
    assert not hasattr(assist, "__dict__")
    assert not hasattr(assist, "trigger")
    ref = weakref.ref(assist)
    del assist
    gc.collect()
    assert ref() is None


def test_workflow_rejects_a_non_spec() -> None:
    """Workflow() needs a WorkflowSpec."""
    with pytest.raises(InputError, match="expected a WorkflowSpec"):
        Workflow("default")  # type: ignore[arg-type]


def test_outcome_text_says_what_happened() -> None:
    """str(outcome) is a readable one-liner for a pass, listing findings for a refusal."""
    assist = make_assist("scoping", now=NOW)
    assert (
        str(WF.fire(assist, "begin_research", now=NOW))
        == "begin_research (scoping -> research): passed"
    )
    text = str(WF.fire(assist, "close", now=NOW))
    assert (
        "not allowed from research (PA-WF-trigger-not-allowed); allowed: schedule, cancel" in text
    )


def test_now_is_never_read_when_given() -> None:
    """Every entry of a walk uses the injected instants."""
    assist = _complete("scoping")
    times = [NOW + duration(minutes=i) for i in range(3)]
    for trigger, at in zip(("begin_research", "schedule", "start_meeting"), times, strict=True):
        assert_passed(WF.fire(assist, trigger, now=at))
    assert times == [e.at for e in assist.history[-3:]]
