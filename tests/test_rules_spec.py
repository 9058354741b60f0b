"""``validate(assist, spec=...)``: checking an assist of a workflow of one's own.

The team's workflow is ``tests/workflows/approval.py``: an ``approval`` state
checked as ``scheduling`` and by the team's own rule (``TEAM-self-approved``,
of phase ``approval``), and a ``sign_off`` state mapped to no built-in phase.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerassist import validate
from peerassist.exceptions import InputError, SpecError, UnknownStateError
from peerassist.model import PeerAssist
from peerassist.rules import DEFAULT_RULES, Flag, RuleContext, Severity, rule
from peerassist.testing import STATES, make_assist
from peerassist.time import DateTime
from peerassist.workflow import DEFAULT_WORKFLOW, Workflow
from profiles import examples
from strategies import assists, instants
from workflows import approval, pre_brief

NOW = DateTime.create(2027, 3, 1, 9, tz="UTC")


def _in(state: str, **changes: object) -> PeerAssist:
    assist = make_assist(state, now=NOW, spec=approval.SPEC)
    return attrs.evolve(assist, **changes) if changes else assist


def _unscheduled(assist: PeerAssist) -> PeerAssist:
    return attrs.evolve(assist, logistics=attrs.evolve(assist.logistics, windows=()))


def _self_approved(assist: PeerAssist) -> PeerAssist:
    return attrs.evolve(assist, sponsor=assist.host.caller)


def test_a_mapped_state_is_checked_as_its_phase() -> None:
    """In ``approval`` (checks_as scheduling), an assist with no meeting date has
    the scheduling error; without the spec the custom state is checked as nothing."""
    assist = _unscheduled(_in("approval"))
    report = validate(assist, now=NOW, spec=approval.SPEC)
    assert [(f.code, f.severity, f.path, f.message) for f in report.findings] == [
        (
            "PA-M08-not-scheduled",
            Severity.ERROR,
            "logistics.windows",
            "The meeting has no date and time yet.",
        )
    ]
    assert validate(assist, now=NOW).findings == ()


def test_the_report_names_the_assists_own_state() -> None:
    """The report of a mapped state says the state, not the phase it is checked as."""
    report = validate(_unscheduled(_in("approval")), now=NOW, spec=approval.SPEC)
    assert report.state == "approval"
    assert report.to_text().startswith("1 error, 0 warnings, 0 notes at state 'approval'.")


def test_the_specs_own_rules_are_checked() -> None:
    """The spec's catalogue (``rules=``) holds the team's rule, found at ``approval``."""
    report = validate(_self_approved(_in("approval")), now=NOW, spec=approval.SPEC)
    assert [(f.code, f.path, f.message) for f in report.findings] == [
        ("TEAM-self-approved", "sponsor", "The caller is also the sponsor approving the plan.")
    ]
    assert report.findings[0].hint == (
        "Ask a manager outside the host team to approve the plan and open the meeting."
    )


def test_a_rule_of_a_custom_phase_holds_from_that_state_on() -> None:
    """A rule of phase ``approval`` is not checked before it (scheduling), and is
    checked at every later state (quarter_1), final states aside."""
    assist = _self_approved(_in("approval"))
    assert validate(assist, now=NOW, spec=approval.SPEC, state="scheduling").codes == ()
    assert validate(assist, now=NOW, spec=approval.SPEC, state="quarter_1").codes == (
        "TEAM-self-approved",
        "PA-M18-no-context-notes",
    )
    # closed checks every built-in rule (the assist lacks the meeting's notes)
    # but, being final, not the team's rule.
    closed = validate(assist, now=NOW, spec=approval.SPEC, state="closed").codes
    assert "PA-M18-no-context-notes" in closed
    assert "TEAM-self-approved" not in closed
    assert validate(assist, now=NOW, spec=approval.SPEC, state="cancelled").codes == ()


def test_an_unmapped_state_checks_only_rules_of_the_specs_states() -> None:
    """``sign_off`` maps to no built-in phase: the follow-up warning M26 is not
    checked there, the team's rule is; at follow_up both are."""
    assist = _self_approved(_in("sign_off"))
    assist.follow_up = attrs.evolve(assist.follow_up, shared_with=())
    assert validate(assist, now=NOW, spec=approval.SPEC).codes == ("TEAM-self-approved",)
    assert validate(assist, now=NOW, spec=approval.SPEC, state="follow_up").codes == (
        "TEAM-self-approved",
        "PA-M26-lessons-not-shared",
    )


def test_what_validate_finds_is_what_the_gate_finds() -> None:
    """validate(spec=) runs the rules the workflow's gate runs when leaving the
    state: the refused ``start_meeting`` reports the same findings."""
    assist = _self_approved(_unscheduled(_in("approval")))
    report = validate(assist, now=NOW, spec=approval.SPEC)
    outcome = Workflow(approval.SPEC).fire(assist, "start_meeting", now=NOW)
    assert not outcome.ok
    assert report.codes == ("PA-M08-not-scheduled", "TEAM-self-approved")
    assert tuple(f.code for f in outcome.findings) == report.codes


def test_a_workflow_stands_for_its_spec() -> None:
    """``spec=`` also takes a Workflow, and checks with its spec."""
    assist = _self_approved(_in("approval"))
    assert validate(assist, now=NOW, spec=approval.WORKFLOW).codes == ("TEAM-self-approved",)


def test_the_default_spec_finds_what_plain_validate_finds() -> None:
    """With the default workflow as spec, every default state gives the same
    report as validate() without it."""
    for state in (*STATES, "cancelled"):
        assist = make_assist(state, now=NOW)
        assist.purpose = attrs.evolve(assist.purpose, problem="")
        plain = validate(assist, now=NOW)
        assert validate(assist, now=NOW, spec=DEFAULT_WORKFLOW) == plain, state
        if state not in ("cancelled",):
            assert "PA-M01-no-problem" in plain.codes, state


@pytest.mark.parametrize(
    ("spec", "found"),
    [("approval", "str"), (DEFAULT_RULES, "tuple"), (None.__class__, "type")],
)
def test_a_spec_of_the_wrong_kind_is_named(spec: object, found: str) -> None:
    """Anything other than a WorkflowSpec or a Workflow is refused, naming ``spec``."""
    with pytest.raises(InputError) as caught:
        validate(_in("approval"), now=NOW, spec=spec)  # type: ignore[arg-type]
    problem = caught.value.problems[0]
    assert (problem.path, problem.expected, problem.found) == (
        "spec",
        "a WorkflowSpec or a Workflow",
        found,
    )


def test_a_state_the_spec_lacks_is_named() -> None:
    """An assist (or a ``state=``) the spec has no state for is an UnknownStateError."""
    with pytest.raises(UnknownStateError) as caught:
        validate(make_assist("research", now=NOW), now=NOW, spec=pre_brief.SPEC)
    assert caught.value.state == "research"
    assert "pre_brief" in caught.value.known
    with pytest.raises(UnknownStateError, match="found 'aproval'"):
        validate(_in("approval"), now=NOW, spec=approval.SPEC, state="aproval")


def test_rules_beside_a_spec_with_rules_are_refused() -> None:
    """Two catalogues at once is ambiguous: ``rules=`` with a spec that has its own."""
    with pytest.raises(InputError) as caught:
        validate(_in("approval"), now=NOW, spec=approval.SPEC, rules=DEFAULT_RULES)
    problem = caught.value.problems[0]
    assert problem.path == "rules"
    assert problem.expected == "no rules: the spec 'approval' has its own (WorkflowSpec(rules=...))"


@rule(code="HOUSE-X04-no-room", severity="warning", refs=("X04",), phase="pre_brief")
def pre_brief_room(assist: PeerAssist, ctx: RuleContext) -> list[Flag]:
    """The pre-brief has a room."""
    if not assist.logistics.venue:
        return [Flag(message="No room for the pre-brief.", path="logistics.venue")]
    return []


def test_rules_given_to_a_spec_without_rules_are_mapped_by_it() -> None:
    """A spec with no catalogue of its own takes ``rules=``: a rule of the spec's
    state ``pre_brief`` is checked there, and not at scheduling."""
    assist = make_assist("pre_brief", now=NOW, spec=pre_brief.SPEC)
    assist.logistics = attrs.evolve(assist.logistics, venue="")
    report = validate(assist, now=NOW, spec=pre_brief.SPEC, rules=(pre_brief_room,))
    assert [(f.code, f.message) for f in report.findings] == [
        ("HOUSE-X04-no-room", "No room for the pre-brief.")
    ]
    assert (
        validate(
            assist, now=NOW, spec=pre_brief.SPEC, rules=(pre_brief_room,), state="scheduling"
        ).codes
        == ()
    )


def test_rules_a_spec_cannot_place_are_a_spec_error() -> None:
    """A rule whose phase the spec has no state for is reported as the spec would."""
    with pytest.raises(SpecError, match="approval"):
        validate(
            make_assist("scheduling", now=NOW),
            now=NOW,
            spec=pre_brief.SPEC,
            rules=(approval.approved_by_another,),
        )


def test_a_bad_rule_beside_a_spec_is_named() -> None:
    """An item of ``rules=`` that is no rule is named by index, with a spec too."""
    with pytest.raises(InputError) as caught:
        validate(make_assist("scheduling", now=NOW), now=NOW, spec=pre_brief.SPEC, rules=[3])  # type: ignore[list-item]
    assert caught.value.problems[0].path == "rules[0]"


@settings(max_examples=examples(30))
@given(st.data())
def test_the_default_spec_changes_nothing_on_generated_assists(data: st.DataObject) -> None:
    """On any generated assist, at any default state, naming the default
    workflow as spec gives the report of naming none."""
    assist = data.draw(assists())
    now = data.draw(instants())
    state = data.draw(st.sampled_from((*STATES, "cancelled")))
    assert validate(assist, now=now, state=state, spec=DEFAULT_WORKFLOW) == validate(
        assist, now=now, state=state
    )


@settings(max_examples=examples(30))
@given(st.data())
def test_approval_checks_what_scheduling_checks_and_the_teams_rule(
    data: st.DataObject,
) -> None:
    """On any generated assist, ``approval`` (checks_as scheduling) finds what
    plain validate finds at scheduling, plus the team's rule exactly when the
    sponsor is the caller."""
    assist = data.draw(assists())
    if data.draw(st.booleans()):
        assist = _self_approved(assist)
    now = data.draw(instants())
    ours = validate(assist, now=now, state="approval", spec=approval.SPEC)
    theirs = validate(assist, now=now, state="scheduling")
    self_approved = assist.sponsor is not None and assist.sponsor.email == (
        assist.host.caller.email
    )
    team = [f for f in ours.findings if f.code == "TEAM-self-approved"]
    assert len(team) == (1 if self_approved else 0)
    assert tuple(f for f in ours.findings if f not in team) == theirs.findings
    assert ours.state == "approval"
