"""make_assist(state) passes the whole catalogue at every state, whenever "now" is."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerassist._time import UTC, DateTime, as_instant
from peerassist.rules import DEFAULT_POLICY, InMemoryContext, validate
from peerassist.testing import PATH, STATES, make_assist
from peerassist.workflow import DEFAULT_WORKFLOW, Workflow

NOW = DateTime.create(2026, 3, 10, 12, tz="UTC")

# Around the clock changes in London (and a New Year with its bank holidays).
AWKWARD_NOWS = [
    DateTime.create(2026, 3, 29, 0, 30, tz="UTC"),
    DateTime.create(2026, 3, 29, 1, 30, tz="UTC"),
    DateTime.create(2026, 10, 25, 0, 30, tz="UTC"),
    DateTime.create(2026, 10, 25, 1, 30, tz="UTC"),
    DateTime.create(2026, 10, 24, 23, 59, tz="UTC"),
    DateTime.create(2026, 12, 31, 23, 30, tz="UTC"),
    DateTime.create(2027, 1, 1, 8, tz="Europe/London"),
    DateTime.create(2026, 6, 14, 3, tz="Pacific/Auckland"),
]


@pytest.mark.parametrize("state", [*STATES, "cancelled"])
def test_make_assist_passes_at_every_state(state: str) -> None:
    """No finding at all (not even a note) at any state, with a fixed now."""
    assert validate(make_assist(state, now=NOW), now=NOW).findings == ()


@pytest.mark.parametrize("now", AWKWARD_NOWS, ids=lambda n: n.isoformat())
def test_make_assist_passes_around_clock_changes(now: DateTime) -> None:
    """Around clock changes and year ends, every state still passes."""
    for state in STATES:
        report = validate(make_assist(state, now=now), now=now)
        assert report.findings == (), (state, report.to_text())


@pytest.mark.parametrize("now", AWKWARD_NOWS[-3:], ids=lambda n: n.isoformat())
def test_make_assist_passes_with_bank_holidays(now: DateTime) -> None:
    """Counting bank holidays as non-working days changes nothing."""
    policy = attrs.evolve(DEFAULT_POLICY, bank_holidays=True)
    for state in STATES:
        report = validate(make_assist(state, now=now), now=now, policy=policy)
        assert report.findings == (), (state, report.to_text())


def test_make_assist_passes_with_an_empty_context() -> None:
    """With a context of other assists, nothing more is found."""
    context = InMemoryContext([make_assist("closed", now=NOW.subtract(months=3), id="pa-old")])
    for state in STATES:
        assert validate(make_assist(state, now=NOW), now=NOW, context=context).findings == ()


@settings(max_examples=40)
@given(
    st.datetimes(
        min_value=dt.datetime(2024, 1, 1),
        max_value=dt.datetime(2032, 12, 31),
        timezones=st.just(dt.UTC),
    ),
    st.sampled_from(STATES),
)
def test_make_assist_passes_whenever_now_is(moment: dt.datetime, state: str) -> None:
    """Whatever the instant, the realistic assist at any state has no finding."""
    now = as_instant(moment).in_tz(UTC)
    report = validate(make_assist(state, now=now), now=now)
    assert report.findings == (), report.to_text()


@pytest.mark.parametrize(("trigger", "source", "dest"), PATH)
def test_the_forward_trigger_passes(trigger: str, source: str, dest: str) -> None:
    """From make_assist(source), the default workflow's forward trigger passes."""
    assist = make_assist(source, now=NOW)
    outcome = Workflow(DEFAULT_WORKFLOW).fire(assist, trigger, now=NOW)
    assert outcome.ok, outcome
    assert dest == assist.state


def test_history_follows_the_meeting() -> None:
    """After the meeting, the audit trail puts each quarter inside the meeting's windows."""
    assist = make_assist("closed", now=NOW)
    windows = assist.logistics.windows
    quarters = [e for e in assist.history if e.dest.startswith("quarter_")]
    assert len(quarters) == 4
    for entry in quarters:
        assert any(w.start.in_tz(UTC) <= entry.at < w.end.in_tz(UTC) for w in windows)
    times = [e.at for e in assist.history]
    assert sorted(times) == times
    assert times[-1] < NOW
