"""Workflow: the documented contract of every entry point (bad arguments are
InputErrors naming them; an explicit policy is the one the gates apply)."""

from __future__ import annotations

import copy

import attrs
import pytest

from peerassist._time import DateTime
from peerassist.exceptions import InputError, TransitionRefusedError
from peerassist.model import MeetingWindow, PeerAssist
from peerassist.policy import DEFAULT_POLICY, PROFILES
from peerassist.testing import make_assist
from peerassist.workflow import OutcomeKind, Workflow

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")
WF = Workflow()

# The realistic assist invites six visitors; this format asks for ten to twelve.
TEN_VISITORS = attrs.evolve(DEFAULT_POLICY, name="ten", visitors_min=10, visitors_max=12)
# The realistic meeting ends about five weeks before the decision date.
LONG_LEAD = attrs.evolve(DEFAULT_POLICY, name="long-lead", decision_lead_days=40)


def _moved(assist: PeerAssist, days: int) -> dict[str, object]:
    """Arguments of reschedule() that move the meeting and its social time."""
    windows = tuple(
        MeetingWindow(start=w.start.add(days=days), end=w.end.add(days=days))
        for w in assist.logistics.windows
    )
    social = assist.logistics.social
    assert social is not None
    moved = attrs.evolve(social, start=social.start.add(days=days), end=social.end.add(days=days))
    return {"windows": windows, "social": moved}


# -- bad arguments are InputErrors naming them --------------------------------------


@pytest.mark.parametrize(("name", "value"), [("actor", 42), ("note", ["x"])])
def test_create_refuses_an_actor_or_note_that_is_not_text(name: str, value: object) -> None:
    """create() checks the audit entry's actor and note: InputError naming it."""
    host = make_assist().host
    with pytest.raises(InputError) as excinfo:
        WF.create(title="T", host=host, now=NOW, **{name: value})
    assert (name,) == excinfo.value.paths


def test_start_refuses_something_that_is_not_an_assist() -> None:
    """start() on anything but a PeerAssist is an InputError naming ``assist``."""
    with pytest.raises(InputError) as excinfo:
        WF.start({"state": "scoping"}, now=NOW)  # type: ignore[arg-type]
    assert ("assist",) == excinfo.value.paths


def test_start_refuses_an_assist_in_another_state() -> None:
    """start() on an assist past the initial state names ``state``."""
    assist = PeerAssist(title="T", host=make_assist().host, state="research")
    with pytest.raises(InputError) as excinfo:
        WF.start(assist, now=NOW)
    assert ("state",) == excinfo.value.paths
    assert [] == assist.history


def test_start_refuses_an_assist_with_a_history() -> None:
    """start() on an assist that already has entries names ``history``."""
    assist = make_assist("scoping", now=NOW)
    entries = list(assist.history)
    with pytest.raises(InputError) as excinfo:
        WF.start(assist, now=NOW)
    assert ("history",) == excinfo.value.paths
    assert entries == assist.history


@pytest.mark.parametrize(("name", "value"), [("actor", 42), ("note", b"x")])
def test_start_refuses_an_actor_or_note_that_is_not_text(name: str, value: object) -> None:
    """start() refuses a non-text actor or note, and appends no entry."""
    assist = PeerAssist(title="T", host=make_assist().host)
    with pytest.raises(InputError) as excinfo:
        WF.start(assist, now=NOW, **{name: value})  # type: ignore[arg-type]
    assert (name,) == excinfo.value.paths
    assert [] == assist.history


@pytest.mark.parametrize("value", ["x", None, 3])
def test_allowed_refuses_something_that_is_not_an_assist(value: object) -> None:
    """allowed() on anything but a PeerAssist is an InputError naming ``assist``."""
    with pytest.raises(InputError) as excinfo:
        WF.allowed(value, now=NOW)  # type: ignore[arg-type]
    assert ("assist",) == excinfo.value.paths


def test_allowed_refuses_a_policy_that_is_not_a_policy() -> None:
    """allowed(policy=...) takes a Policy, not a profile's name."""
    with pytest.raises(InputError) as excinfo:
        WF.allowed(make_assist("scheduling", now=NOW), now=NOW, policy="clinic")  # type: ignore[arg-type]
    assert ("policy",) == excinfo.value.paths


class _NotAContext:
    """Has a ``visits`` method but is no AssistContext (lacks ``similar_work``)."""

    def visits(self, email: str, **window: object) -> tuple[()]:
        return ()


BAD_CONTEXTS = ["store", 3, _NotAContext()]


@pytest.mark.parametrize("context", BAD_CONTEXTS)
@pytest.mark.parametrize("state", ["scoping", "scheduling"])
def test_allowed_refuses_a_context_that_is_not_one(context: object, state: str) -> None:
    """allowed(context=...) takes an AssistContext or None: anything else is an
    InputError naming ``context``, even where no gate would read it."""
    with pytest.raises(InputError) as excinfo:
        WF.allowed(make_assist(state, now=NOW), now=NOW, context=context)  # type: ignore[arg-type]
    assert ("context",) == excinfo.value.paths


@pytest.mark.parametrize("context", BAD_CONTEXTS)
@pytest.mark.parametrize(("state", "trigger"), [("scoping", "cancel"), ("research", "schedule")])
def test_fire_refuses_a_context_that_is_not_one(context: object, state: str, trigger: str) -> None:
    """fire(context=...) refuses what is not an AssistContext, naming
    ``context``, before any gate runs, and changes nothing."""
    assist = make_assist(state, now=NOW)
    before = copy.deepcopy(assist)
    with pytest.raises(InputError) as excinfo:
        WF.fire(assist, trigger, now=NOW, context=context)  # type: ignore[arg-type]
    assert ("context",) == excinfo.value.paths
    assert before == assist


@pytest.mark.parametrize("context", BAD_CONTEXTS)
@pytest.mark.parametrize("state", ["scoping", "research", "closed"])
def test_edit_refuses_a_context_that_is_not_one(context: object, state: str) -> None:
    """edit(context=...) refuses what is not an AssistContext, naming
    ``context``, and changes nothing."""
    assist = make_assist(state, now=NOW)
    before = copy.deepcopy(assist)
    with pytest.raises(InputError) as excinfo:
        WF.edit(assist, actor=None, now=NOW, context=context, title="Another title")  # type: ignore[arg-type]
    assert ("context",) == excinfo.value.paths
    assert before == assist


def test_reschedule_refuses_something_that_is_not_an_assist() -> None:
    """reschedule() on anything but a PeerAssist is an InputError naming ``assist``."""
    with pytest.raises(InputError) as excinfo:
        WF.reschedule("x", [], now=NOW)  # type: ignore[arg-type]
    assert ("assist",) == excinfo.value.paths


def test_the_workflow_refuses_a_spec_that_is_not_one() -> None:
    """Workflow(spec) takes a WorkflowSpec: InputError naming ``spec``."""
    with pytest.raises(InputError) as excinfo:
        Workflow("default")  # type: ignore[arg-type]
    assert ("spec",) == excinfo.value.paths


# -- an explicit policy is the one applied --------------------------------------------


def test_fire_applies_an_explicit_policy() -> None:
    """fire(policy=) checks the gate against that policy: six visitors pass
    the default format and are too few for one asking for ten."""
    assist = make_assist("scheduling", now=NOW)
    before = copy.deepcopy(assist)
    refused = WF.fire(assist, "start_meeting", now=NOW, policy=TEN_VISITORS)
    assert OutcomeKind.BLOCKED == refused.kind
    assert ["PA-M09-visitor-count"] == [f.code for f in refused.findings]
    assert "the ten format asks for 10 to 12" in refused.findings[0].message
    assert before == assist
    passed = WF.fire(assist, "start_meeting", now=NOW, policy=DEFAULT_POLICY)
    assert OutcomeKind.PASSED == passed.kind
    assert "quarter_1" == assist.state


def test_fire_with_an_explicit_policy_overrides_the_assists_profile() -> None:
    """An assist of the clinic profile is checked against an explicit policy
    instead of its profile's."""
    assist = make_assist("scheduling", now=NOW, profile="clinic")
    assert PROFILES["clinic"].visitors_max >= 6
    refused = WF.fire(assist, "start_meeting", now=NOW, policy=TEN_VISITORS)
    assert ["PA-M09-visitor-count"] == [f.code for f in refused.findings]


def test_advance_applies_an_explicit_policy() -> None:
    """advance(policy=) raises when that policy refuses, and passes otherwise."""
    assist = make_assist("scheduling", now=NOW)
    with pytest.raises(TransitionRefusedError) as excinfo:
        WF.advance(assist, "start_meeting", now=NOW, policy=TEN_VISITORS)
    assert ["PA-M09-visitor-count"] == [f.code for f in excinfo.value.outcome.findings]
    assert "scheduling" == assist.state
    WF.advance(assist, "start_meeting", now=NOW, policy=DEFAULT_POLICY)
    assert "quarter_1" == assist.state


def test_allowed_applies_an_explicit_policy() -> None:
    """allowed(policy=) reports each trigger's verdict under that policy."""
    assist = make_assist("scheduling", now=NOW)
    strict = {c.trigger: c.ok for c in WF.allowed(assist, now=NOW, policy=TEN_VISITORS)}
    assert {"reschedule": False, "start_meeting": False, "cancel": True} == strict
    usual = {c.trigger: c.ok for c in WF.allowed(assist, now=NOW, policy=DEFAULT_POLICY)}
    assert {"reschedule": True, "start_meeting": True, "cancel": True} == usual


def test_reschedule_applies_an_explicit_policy() -> None:
    """reschedule(policy=) checks the new time against that policy's decision
    lead time, and nothing changes when it refuses."""
    assist = make_assist("scheduling", now=NOW)
    before = copy.deepcopy(assist)
    moved = _moved(assist, 7)
    refused = WF.reschedule(assist, now=NOW, policy=LONG_LEAD, **moved)  # type: ignore[arg-type]
    assert OutcomeKind.BLOCKED == refused.kind
    assert ["PA-M07-decision-too-close"] == [f.code for f in refused.findings]
    assert before == assist
    passed = WF.reschedule(assist, now=NOW, policy=DEFAULT_POLICY, **moved)  # type: ignore[arg-type]
    assert OutcomeKind.PASSED == passed.kind
    assert moved["windows"] == assist.logistics.windows


def test_the_repr_names_the_spec_and_counts_its_states() -> None:
    """A workflow shows its spec's name and how many states it has."""
    assert "Workflow('peer-assist': 11 states)" == repr(WF)
