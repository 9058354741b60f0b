"""Restoring: assists loaded from JSON or TOML continue; invariants over random firing."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerassist._time import DateTime, duration
from peerassist.exceptions import UnknownStateError
from peerassist.model import PeerAssist
from peerassist.serialize import dump, dumps, load, loads, to_dict
from peerassist.testing import PATH, STATES, make_assist
from peerassist.workflow import DEFAULT_WORKFLOW, OutcomeKind, Workflow

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")
WF = Workflow()
FORWARD = {source: trigger for trigger, source, _ in PATH}
ALL_STATES = (*STATES, "cancelled")


@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_round_trip_at_every_state_resumes(state: str, fmt: str) -> None:
    """An assist dumped and loaded in any state continues with no extra step."""
    original = make_assist(state, now=NOW)
    loaded = loads(dumps(original, fmt), fmt)
    assert original == loaded
    assert original.history == loaded.history
    assert WF.allowed(original, now=NOW) == WF.allowed(loaded, now=NOW)
    trigger = FORWARD.get(state)
    if trigger is None:
        assert WF.allowed(loaded, now=NOW).triggers == ()
        return
    later = NOW + duration(hours=1)
    expected = WF.fire(original, trigger, now=later)
    actual = WF.fire(loaded, trigger, now=later)
    assert expected.ok
    assert expected == actual
    assert original == loaded
    # And the history survives a second round trip.
    assert loaded == loads(dumps(loaded, fmt), fmt)


def test_file_round_trip_through_a_whole_lifecycle(tmp_path: Path) -> None:
    """Saving and loading between every step gives the same result as staying in memory."""
    path = tmp_path / "assist.json"
    in_memory = make_assist("scoping", now=NOW)
    stored = copy.deepcopy(in_memory)
    dump(stored, path)
    for index, (trigger, _, _) in enumerate(PATH):
        at = NOW + duration(minutes=index)
        # Content grows as the real assist progresses.
        in_memory = _content_for(in_memory, trigger)
        assist = load(path)
        assist = _content_for(assist, trigger)
        assert WF.fire(in_memory, trigger, now=at).ok
        assert WF.fire(assist, trigger, now=at).ok
        dump(assist, path)
    final = load(path)
    assert final.state == "closed"
    assert in_memory == final
    assert len(STATES) == len(final.history)


def _content_for(assist: PeerAssist, trigger: str) -> PeerAssist:
    """Give the assist what a real one holds when ``trigger`` is fired."""
    source = next(s for t, s, _ in PATH if t == trigger)
    ready = make_assist(source, now=NOW)
    for name in ("purpose", "research", "logistics", "meeting", "follow_up", "visitors"):
        setattr(assist, name, getattr(ready, name))
    for name in ("visitors_chosen_by", "facilitator", "recorder", "sponsor"):
        setattr(assist, name, getattr(ready, name))
    return assist


def test_loaded_assist_in_an_unknown_state_is_a_clear_error() -> None:
    """A file whose state the workflow lacks loads, then fails naming the known states."""
    data = to_dict(make_assist("research", now=NOW))
    data["state"] = "on_hold"
    data["history"][-1]["dest"] = "on_hold"  # a history that leads there, as load() requires
    assist = loads(json.dumps(data))
    assert assist.state == "on_hold"
    with pytest.raises(UnknownStateError) as excinfo:
        WF.fire(assist, "schedule", now=NOW)
    assert DEFAULT_WORKFLOW.states == excinfo.value.known


@settings(max_examples=40)
@given(
    start=st.sampled_from(ALL_STATES),
    triggers=st.lists(st.sampled_from(DEFAULT_WORKFLOW.triggers), max_size=8),
)
def test_random_firing_keeps_the_invariants(start: str, triggers: list[str]) -> None:
    """Whatever is fired: refusals change nothing, passes append one entry and bump revision."""
    assist = make_assist(start, now=NOW)
    for index, trigger in enumerate(triggers):
        before = copy.deepcopy(assist)
        outcome = WF.fire(assist, trigger, now=NOW + duration(minutes=index))
        if outcome.ok:
            assert before.revision + 1 == assist.revision
            assert [*before.history, outcome.entry] == assist.history
            assert outcome.dest == assist.state
            assert before.state == outcome.source
        else:
            assert before == assist
            assert outcome.findings
            if outcome.kind is OutcomeKind.NOT_ALLOWED:
                assert trigger not in WF.allowed(assist, now=NOW)
        assert assist.state in DEFAULT_WORKFLOW.states
        assert len(assist.history) - 1 == assist.revision
        assert assist.history[-1].dest == assist.state
