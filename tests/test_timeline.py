"""plan_timeline: planning back from the decision date in working days."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerassist._time import DateTime
from peerassist.agenda import TWO_DAYS, plan_agenda, plan_timeline
from peerassist.exceptions import InputError
from peerassist.policy import DEFAULT_POLICY, PROFILES


def test_default_policy_places_everything_in_working_days() -> None:
    """For a decision on Tue 1 Dec 2026 the BP/NHS policy gives these dates."""
    timeline = plan_timeline(dt.date(2026, 12, 1))
    assert dt.date(2026, 11, 17) == timeline.latest_meeting_end
    assert dt.date(2026, 11, 17) == timeline.meeting_start == timeline.meeting_end
    assert dt.date(2026, 10, 27) == timeline.invites_by
    assert dt.date(2026, 11, 10) == timeline.briefing_by
    assert dt.date(2026, 12, 1) == timeline.action_list_due
    assert dt.date(2026, 12, 17) == timeline.aar_by
    assert not timeline.too_late


def test_bank_holidays_are_skipped_when_the_policy_says_so() -> None:
    """Over Christmas 2026 the England and Wales bank holidays push the meeting earlier."""
    decision = dt.date(2027, 1, 5)
    assert dt.date(2026, 12, 22) == plan_timeline(decision).latest_meeting_end
    policy = attrs.evolve(DEFAULT_POLICY, bank_holidays=True)
    assert dt.date(2026, 12, 17) == plan_timeline(decision, policy=policy).latest_meeting_end


def test_a_two_day_meeting_starts_a_working_day_earlier() -> None:
    """days=2 places the first day one working day before the last."""
    timeline = plan_timeline(dt.date(2026, 12, 1), days=2)
    assert (dt.date(2026, 11, 16), dt.date(2026, 11, 17)) == (
        timeline.meeting_start,
        timeline.meeting_end,
    )


def test_a_meeting_too_close_to_the_decision_is_flagged() -> None:
    """A meeting given after the latest sensible end is too late (M07)."""
    timeline = plan_timeline(dt.date(2026, 12, 1), meeting=dt.date(2026, 11, 26))
    assert timeline.too_late
    assert "too close to the decision" in timeline.to_text()


def test_an_agenda_gives_the_meeting_dates() -> None:
    """Passing the agenda uses its first and last meeting days."""
    agenda = plan_agenda(DateTime.create(2026, 10, 1, 9, tz="Europe/London"), preset=TWO_DAYS)
    timeline = plan_timeline(dt.date(2026, 12, 1), meeting=agenda)
    assert (dt.date(2026, 10, 1), dt.date(2026, 10, 2)) == (
        timeline.meeting_start,
        timeline.meeting_end,
    )
    assert dt.date(2026, 9, 10) == timeline.invites_by


def test_the_clinic_profile_has_shorter_leads() -> None:
    """The clinic profile (X08) needs fewer working days."""
    timeline = plan_timeline(dt.date(2026, 12, 1), policy=PROFILES["clinic"])
    assert dt.date(2026, 11, 24) == timeline.latest_meeting_end


def test_milestones_are_in_order_and_render() -> None:
    """Milestones come in date order, each with refs, and render as text."""
    timeline = plan_timeline(dt.date(2026, 12, 1), days=2)
    dates = [m.date for m in timeline.milestones()]
    assert sorted(dates) == dates
    text = timeline.to_text()
    assert text.splitlines()[0] == "Timeline to the decision on Tue 2026-12-01"
    assert "Mon 2026-10-26  Invites out (M09, M14)" in text
    assert "Meeting starts" in text


def test_bad_arguments_are_named() -> None:
    """A datetime for the decision, days below 1, or a bad meeting are InputErrors."""
    with pytest.raises(InputError, match="decision_date"):
        plan_timeline(dt.datetime(2026, 12, 1, 9))  # type: ignore[arg-type]
    with pytest.raises(InputError, match="days"):
        plan_timeline(dt.date(2026, 12, 1), days=0)
    with pytest.raises(InputError, match="meeting"):
        plan_timeline(dt.date(2026, 12, 1), meeting="soon")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="policy"):
        plan_timeline(dt.date(2026, 12, 1), policy="bp-nhs")  # type: ignore[arg-type]


@settings(max_examples=200)
@given(
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31)),
    st.sampled_from(sorted(PROFILES)),
    st.integers(min_value=1, max_value=2),
)
def test_timeline_order_and_working_days(decision: dt.date, profile: str, days: int) -> None:
    """Invites, briefing, meeting, decision come in order; the computed dates are working days."""
    policy = PROFILES[profile]
    t = plan_timeline(decision, policy=policy, days=days)
    assert t.invites_by <= t.briefing_by < t.meeting_start <= t.meeting_end
    assert t.meeting_end == t.latest_meeting_end < decision
    assert t.meeting_end < t.action_list_due
    assert t.meeting_end < t.aar_by <= t.meeting_end + dt.timedelta(days=policy.aar_within_days)
    for day in (t.invites_by, t.briefing_by, t.meeting_start, t.meeting_end, t.action_list_due):
        assert policy.is_working_day(day)
    assert policy.is_working_day(t.aar_by)


def test_repr_is_short_and_notebooks_get_a_table() -> None:
    """repr names the decision and meeting dates (no policy dump); _repr_html_ is a table."""
    timeline = plan_timeline(dt.date(2026, 12, 1))
    assert repr(timeline) == (
        "<Timeline to 2026-12-01: meeting 2026-11-17 to 2026-11-17, invites by 2026-10-27>"
    )
    html = timeline._repr_html_()
    assert "<table>" in html
    assert html.count("<tr>") == len(timeline.milestones()) + 1
    assert "Tue 2026-12-01</td><td>Decision</td>" in html
