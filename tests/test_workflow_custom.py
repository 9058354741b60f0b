"""A custom workflow derived from the default one, tested with peerassist.testing."""

from __future__ import annotations

import attrs
import pytest

from peerassist._time import DateTime, duration
from peerassist.exceptions import InputError, UnknownStateError, UnknownTriggerError
from peerassist.model import AuditEntry, PeerAssist
from peerassist.testing import (
    TickingClock,
    assert_passed,
    assert_refused,
    forward_path,
    make_assist,
    walk,
    walk_to,
)
from peerassist.workflow import DEFAULT_WORKFLOW, NOT_ALLOWED_CODE, Workflow
from workflows import pre_brief

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")
SPEC = pre_brief.SPEC
WF = Workflow(SPEC)


def _fresh(content_of: str = "closed") -> PeerAssist:
    """A new assist (just created) holding the content of a ``content_of`` one."""
    assist = make_assist(content_of, now=NOW)
    assist.state = "scoping"
    assist.history = [AuditEntry(event="create", source=None, dest="scoping", at=NOW)]
    assist.revision = 0
    return assist


def test_the_variant_is_a_valid_spec() -> None:
    """Adding pre_brief, dropping research, gating and renaming give a valid spec."""
    assert "research" not in SPEC.states
    assert "pre_brief" in SPEC.states
    assert "close" not in SPEC.triggers
    assert "archive" in SPEC.triggers
    assert SPEC.phase_of("pre_brief") == "scheduling"
    assert list(pre_brief.PATH) == forward_path(SPEC, "scoping", "closed")


def test_walk_the_whole_variant_reaches_every_state() -> None:
    """walk() takes an assist from scoping to closed through every state of the variant."""
    assist = _fresh()
    clock = TickingClock(NOW, duration(minutes=5))
    outcomes = walk(assist, pre_brief.PATH, workflow=WF, now=clock, actor="grace")
    assert assist.state == "closed"
    visited = ["scoping", *(o.dest for o in outcomes)]
    assert [s for s in SPEC.states if s != "cancelled"] == visited
    assert [NOW + duration(minutes=5 * i) for i in range(len(pre_brief.PATH))] == [
        e.at for e in assist.history[1:]
    ]
    assert clock.peek == NOW + duration(minutes=5 * len(pre_brief.PATH))


def test_dropped_state_is_gone_for_its_assists() -> None:
    """The research trigger no longer exists; an assist stored in research is unknown."""
    assist = _fresh()
    with pytest.raises(UnknownTriggerError):
        WF.fire(assist, "begin_research", now=NOW)
    stored = make_assist("research", now=NOW)
    with pytest.raises(UnknownStateError):
        WF.fire(stored, "schedule", now=NOW)


def test_schedule_now_leaves_scoping() -> None:
    """With research dropped, schedule goes from scoping straight to scheduling."""
    assist = _fresh()
    assert_passed(WF.fire(assist, "schedule", now=NOW))
    assert assist.state == "scheduling"


def test_custom_gate_refuses_without_a_pre_brief() -> None:
    """The house rule blocks brief when no pre-brief is planned, and names itself."""
    assist = _fresh()
    walk_to(assist, "scheduling", workflow=WF, now=NOW)
    assist.logistics = attrs.evolve(assist.logistics, pre_brief=None)
    outcome = assert_refused(
        WF.fire(assist, "brief", now=NOW), "HOUSE-X04-no-pre-brief", kind="blocked"
    )
    assert outcome.findings[0].refs == ("X04",)
    assert outcome.findings[0].path == "logistics.pre_brief"
    assert assist.state == "scheduling"


def test_custom_gate_runs_alongside_the_rules() -> None:
    """The brief gate runs the scheduling rules too (pre_brief checks as scheduling)."""
    assist = _fresh()
    walk_to(assist, "scheduling", workflow=WF, now=NOW)
    assist.logistics = attrs.evolve(assist.logistics, pre_brief=None)
    assist.facilitator = None
    outcome = assert_refused(WF.fire(assist, "brief", now=NOW), "HOUSE-X04-no-pre-brief")
    assert any(f.code.startswith("PA-M05") for f in outcome.findings)


def test_new_state_is_checked_as_scheduling() -> None:
    """Leaving pre_brief runs the scheduling rules (the mapping in checks_as)."""
    assist = _fresh()
    walk_to(assist, "pre_brief", workflow=WF, now=NOW)
    assist.facilitator = None
    outcome = assert_refused(lambda: WF.advance(assist, "start_meeting", now=NOW))
    assert any(f.code.startswith("PA-M05") for f in outcome.findings)


def test_unmapped_new_state_checks_no_catalogue_rule() -> None:
    """Without checks_as, leaving a state of your own runs no catalogue rule."""
    unmapped = attrs.evolve(SPEC, checks_as={})
    assist = _fresh()
    walk_to(assist, "pre_brief", workflow=unmapped, now=NOW)
    assist.facilitator = None
    assert_passed(Workflow(unmapped).fire(assist, "start_meeting", now=NOW))


def test_renamed_trigger_works_and_the_old_name_is_unknown() -> None:
    """archive closes the assist; close is an unknown trigger in the variant."""
    assist = _fresh()
    walk_to(assist, "follow_up", workflow=WF, now=NOW)
    with pytest.raises(UnknownTriggerError) as excinfo:
        WF.fire(assist, "close", now=NOW)
    assert "archive" in excinfo.value.known
    assert_passed(WF.fire(assist, "archive", now=NOW))
    assert assist.history[-1].event == "archive"


def test_cancel_from_the_new_state() -> None:
    """The new state can be cancelled like the others."""
    assist = _fresh()
    walk_to(assist, "pre_brief", workflow=WF, now=NOW)
    assert_passed(WF.fire(assist, "cancel", now=NOW))


def test_assert_refused_for_a_wrong_state() -> None:
    """assert_refused accepts the not-allowed code for a trigger from the wrong state."""
    assist = _fresh()
    assert_refused(WF.fire(assist, "start_meeting", now=NOW), NOT_ALLOWED_CODE)


def test_assert_refused_fails_on_a_pass_and_on_other_codes() -> None:
    """assert_refused raises AssertionError for a pass or a refusal by other codes."""
    assist = _fresh()
    with pytest.raises(AssertionError, match="but it passed"):
        assert_refused(WF.fire(assist, "schedule", now=NOW))
    refused = WF.fire(assist, "archive", now=NOW)
    with pytest.raises(AssertionError, match="expected refusal by PA-NOPE"):
        assert_refused(refused, "PA-NOPE")
    with pytest.raises(AssertionError, match="expected a blocked refusal"):
        assert_refused(refused, kind="blocked")


def test_assert_passed_fails_on_a_refusal() -> None:
    """assert_passed raises AssertionError listing the findings."""
    assist = _fresh()
    with pytest.raises(AssertionError, match="PA-WF-trigger-not-allowed"):
        assert_passed(WF.fire(assist, "archive", now=NOW))


def test_walk_stops_at_the_first_refusal_naming_the_step() -> None:
    """walk() fails the test at the first refused step, naming it and its findings."""
    assist = _fresh()
    assist.facilitator = None
    with pytest.raises(AssertionError) as excinfo:
        walk(assist, pre_brief.PATH, workflow=SPEC, now=NOW)
    assert "walk: step 1 refused: brief (scheduling -> pre_brief)" in str(excinfo.value)
    assert assist.state == "scheduling"


def test_walk_to_refuses_a_state_off_the_forward_path() -> None:
    """walk_to needs a state the forward transitions reach."""
    assist = _fresh()
    with pytest.raises(InputError, match="forward path"):
        walk_to(assist, "cancelled", workflow=WF, now=NOW)
    with pytest.raises(UnknownStateError):
        walk_to(assist, "research", workflow=WF, now=NOW)


def test_walk_on_the_default_workflow_by_default() -> None:
    """Without workflow=, walk uses the default workflow."""
    assist = make_assist("scoping", now=NOW)
    walk(assist, ["begin_research"], now=NOW)
    assert assist.state == "research"
    assert DEFAULT_WORKFLOW.initial == "scoping"


def test_ticking_clock_refuses_a_naive_start() -> None:
    """TickingClock needs an aware start."""
    with pytest.raises(InputError):
        TickingClock(DateTime(2026, 1, 1).naive())  # type: ignore[arg-type]
