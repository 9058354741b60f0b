"""Host hooks: after_transition and on_enter, run after the change; failures."""

from __future__ import annotations

import copy

import pytest

from peerassist._time import DateTime
from peerassist.exceptions import HookError, InputError, UnknownStateError
from peerassist.model import AuditEntry, PeerAssist, Purpose
from peerassist.testing import make_assist
from peerassist.workflow import DEFAULT_WORKFLOW, Workflow

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")


def test_after_transition_hook_gets_the_changed_assist_and_entry() -> None:
    """An after-transition hook sees the assist already changed, and the new entry."""
    wf = Workflow()
    calls: list[tuple[str, int, AuditEntry]] = []

    @wf.after_transition
    def record(assist: PeerAssist, entry: AuditEntry) -> None:
        calls.append((assist.state, assist.revision, entry))

    assist = make_assist("scoping", now=NOW)
    outcome = wf.fire(assist, "begin_research", now=NOW)
    assert outcome.entry is not None
    assert [("research", 1, outcome.entry)] == calls
    assert outcome.entry is assist.history[-1]


def test_on_enter_hook_runs_only_for_its_state_and_before_after_hooks() -> None:
    """on_enter(state) runs when that state is entered, before after-transition hooks."""
    wf = Workflow()
    order: list[str] = []
    wf.on_enter("research", lambda a, e: order.append(f"enter {a.state}"))
    wf.on_enter("cancelled", lambda a, e: order.append("cancelled"))
    wf.after_transition(lambda a, e: order.append(f"after {e.event}"))
    assist = make_assist("scoping", now=NOW)
    wf.fire(assist, "begin_research", now=NOW)
    assert order == ["enter research", "after begin_research"]


def test_on_enter_as_a_decorator() -> None:
    """on_enter(state) without a hook returns a decorator."""
    wf = Workflow()
    seen: list[str] = []

    @wf.on_enter("cancelled")
    def notify(assist: PeerAssist, entry: AuditEntry) -> None:
        seen.append(entry.note or "")

    wf.fire(make_assist("research", now=NOW), "cancel", now=NOW, note="budget cut")
    assert seen == ["budget cut"]


def test_hooks_do_not_run_on_refusal_or_for_other_workflows() -> None:
    """A refused transition runs no hook; hooks belong to their workflow object."""
    wf, other = Workflow(), Workflow()
    calls: list[str] = []
    wf.after_transition(lambda a, e: calls.append(e.event))
    assist = make_assist("scoping", now=NOW, purpose=Purpose())
    assert not wf.fire(assist, "begin_research", now=NOW).ok
    assert not wf.fire(assist, "close", now=NOW).ok
    other.fire(make_assist("scoping", now=NOW), "begin_research", now=NOW)
    assert calls == []


def test_allowed_runs_no_hook() -> None:
    """allowed() is a dry run: no hook."""
    wf = Workflow()
    calls: list[str] = []
    wf.after_transition(lambda a, e: calls.append(e.event))
    wf.allowed(make_assist("scoping", now=NOW), now=NOW)
    assert calls == []


def test_failing_hook_raises_hook_error_and_the_transition_stands() -> None:
    """A failing hook raises HookError from its error; the assist is changed and consistent."""
    wf = Workflow()
    later: list[str] = []

    def send_invites(assist: PeerAssist, entry: AuditEntry) -> None:
        raise ConnectionError("mail server down")

    wf.after_transition(send_invites)
    wf.after_transition(lambda a, e: later.append(a.state))
    assist = make_assist("scoping", now=NOW)
    with pytest.raises(HookError) as excinfo:
        wf.fire(assist, "begin_research", now=NOW)
    err = excinfo.value
    assert isinstance(err.__cause__, ConnectionError)
    assert err.hook is send_invites
    assert err.entry is assist.history[-1]
    assert "the transition stands" in str(err)
    assert assist.state == "research"
    assert assist.revision == 1
    assert assist.history[-1].event == "begin_research"
    # The other hook still ran.
    assert later == ["research"]


def test_several_failing_hooks_are_all_reported() -> None:
    """The first failure is raised; the others are in its notes."""
    wf = Workflow()

    def first(assist: PeerAssist, entry: AuditEntry) -> None:
        raise RuntimeError("one")

    def second(assist: PeerAssist, entry: AuditEntry) -> None:
        raise ValueError("two")

    wf.after_transition(first)
    wf.after_transition(second)
    with pytest.raises(HookError) as excinfo:
        wf.fire(make_assist("scoping", now=NOW), "begin_research", now=NOW)
    assert isinstance(excinfo.value.__cause__, RuntimeError)
    assert excinfo.value.__notes__ == [
        "also failed: test_several_failing_hooks_are_all_reported.<locals>.second:"
        " ValueError('two')"
    ]


def test_a_hook_that_changes_the_assist_cannot_corrupt_the_entry() -> None:
    """The audit entry is frozen; the transition's record stays what happened."""
    wf = Workflow()

    def meddle(assist: PeerAssist, entry: AuditEntry) -> None:
        with pytest.raises(AttributeError):
            entry.dest = "closed"  # type: ignore[misc]

    wf.after_transition(meddle)
    assist = make_assist("scoping", now=NOW)
    wf.fire(assist, "begin_research", now=NOW)
    assert assist.history[-1].dest == "research"


def test_remove_hook() -> None:
    """remove_hook unregisters a hook everywhere."""
    wf = Workflow()
    calls: list[str] = []

    def hook(assist: PeerAssist, entry: AuditEntry) -> None:
        calls.append(entry.event)

    wf.after_transition(hook)
    wf.on_enter("research", hook)
    wf.remove_hook(hook)
    wf.fire(make_assist("scoping", now=NOW), "begin_research", now=NOW)
    assert calls == []


def test_hook_registration_is_checked() -> None:
    """Hooks must be callables; on_enter needs a state of the spec."""
    wf = Workflow()
    with pytest.raises(InputError):
        wf.after_transition("notify")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        wf.on_enter("research", 42)  # type: ignore[arg-type]
    with pytest.raises(UnknownStateError) as excinfo:
        wf.on_enter("reserch", lambda a, e: None)
    assert DEFAULT_WORKFLOW.states == excinfo.value.known


def test_create_runs_no_hook() -> None:
    """Creation is not a transition: hooks do not run for it."""
    wf = Workflow()
    calls: list[str] = []
    wf.after_transition(lambda a, e: calls.append(e.event))
    wf.on_enter("scoping", lambda a, e: calls.append("enter"))
    template = make_assist("scoping", now=NOW)
    wf.create(title="T", host=template.host, now=NOW)
    assert calls == []


def test_refused_transition_with_hooks_leaves_assist_identical() -> None:
    """Refusal changes nothing, hooks or not."""
    wf = Workflow()
    wf.after_transition(lambda a, e: None)
    assist = make_assist("scheduling", now=NOW, facilitator=None)
    before = copy.deepcopy(assist)
    assert not wf.fire(assist, "start_meeting", now=NOW).ok
    assert before == assist
