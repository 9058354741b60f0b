"""Policies: thresholds, named profiles (X08) and working days."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerassist import InputError
from peerassist._time import Date, add_working_days, duration, working_days_between
from peerassist.policy import DEFAULT_POLICY, PROFILES, Policy, get_policy


def test_defaults_are_the_nhs_descriptions() -> None:
    """6-8 visitors, half a day to two days, in the default BP/NHS profile."""
    assert (DEFAULT_POLICY.visitors_min, DEFAULT_POLICY.visitors_max) == (6, 8)
    assert (duration(hours=3), duration(hours=16)) == DEFAULT_POLICY.length_bounds(5)
    assert DEFAULT_POLICY.days_max == 2
    assert DEFAULT_POLICY.name == "bp-nhs"


def test_profiles_by_name() -> None:
    """The three formats of X08 are known by name; None gives the default."""
    assert {"bp-nhs", "clinic", "retrospect", "virtual"} == set(PROFILES)
    assert DEFAULT_POLICY is get_policy(None)
    assert (get_policy("clinic").visitors_min, get_policy("clinic").visitors_max) == (6, 12)
    for name, policy in PROFILES.items():
        assert name == policy.name


def test_unknown_profile_names_the_known_ones() -> None:
    """An unknown profile raises InputError at ``profile`` listing the known ones."""
    with pytest.raises(InputError) as caught:
        get_policy("marathon")
    assert caught.value.paths == ("profile",)
    assert "bp-nhs, clinic, retrospect, virtual" in str(caught.value)


def test_retrospect_length_scales_with_the_team() -> None:
    """A retrospect takes about thirty minutes per host team member."""
    low, high = get_policy("retrospect").length_bounds(4)
    assert (duration(minutes=90), duration(minutes=150)) == (low, high)


def test_policies_are_frozen_and_derivable() -> None:
    """A policy is frozen; derive one with attrs.evolve."""
    wider = attrs.evolve(DEFAULT_POLICY, visitors_max=10)
    assert wider.visitors_max == 10
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        DEFAULT_POLICY.visitors_max = 10  # type: ignore[misc]


def test_bad_thresholds_are_all_reported() -> None:
    """Every bad threshold is named in one InputError."""
    with pytest.raises(InputError) as caught:
        Policy(
            visitors_min=9,
            visitors_max=8,
            length_min=duration(hours=5),
            length_max=duration(hours=4),
            quarter_tolerance=0.5,
            briefing_lead_days=-1,
            working_hours_start=18,
            working_hours_end=8,
        )
    assert {
        "visitors_max",
        "length_max",
        "quarter_tolerance",
        "briefing_lead_days",
        "working_hours_end",
    } == set(caught.value.paths)


def test_working_hours_must_make_a_day() -> None:
    """The working day's end comes after its start, at most at 24."""
    with pytest.raises(InputError) as caught:
        Policy(working_hours_start=18, working_hours_end=8)
    assert caught.value.paths == ("working_hours_end",)


def test_wrong_kinds_are_refused() -> None:
    """Text for a number and a number for a duration are refused with their paths."""
    with pytest.raises(InputError) as caught:
        Policy(visitors_min="six", length_min=3)  # type: ignore[arg-type]
    assert {"visitors_min", "length_min"} == set(caught.value.paths)


def test_weekends_are_not_working_days() -> None:
    """Saturday and Sunday are not working days; Monday is."""
    assert not DEFAULT_POLICY.is_working_day(Date(2026, 3, 14))
    assert not DEFAULT_POLICY.is_working_day(Date(2026, 3, 15))
    assert DEFAULT_POLICY.is_working_day(Date(2026, 3, 16))


def test_bank_holidays_when_enabled() -> None:
    """With bank holidays on, Christmas and Easter Monday in England are not working days."""
    policy = attrs.evolve(DEFAULT_POLICY, bank_holidays=True)
    assert DEFAULT_POLICY.holidays() is None
    assert not policy.is_working_day(Date(2026, 12, 25))
    assert not policy.is_working_day(Date(2026, 4, 6))
    assert policy.is_working_day(Date(2026, 4, 7))
    # Five working days from Thursday 24 December 2026: 25, 26, 28 are holidays
    # or a weekend (Boxing Day substitute is Monday 28).
    assert Date(2027, 1, 5) == add_working_days(Date(2026, 12, 24), 5, holidays=policy.holidays())


def test_scotland_has_its_own_holidays() -> None:
    """The subdivision picks the calendar: 2 January is a holiday in Scotland only."""
    scotland = attrs.evolve(DEFAULT_POLICY, bank_holidays=True, holiday_subdivision="SCT")
    england = attrs.evolve(DEFAULT_POLICY, bank_holidays=True)
    assert not scotland.is_working_day(Date(2026, 1, 2))
    assert england.is_working_day(Date(2026, 1, 2))


@given(
    st.dates(min_value=Date(2020, 1, 1), max_value=Date(2035, 12, 31)),
    st.integers(min_value=0, max_value=60),
    st.booleans(),
)
def test_working_days_round_trip(start: object, days: int, holidays_on: bool) -> None:
    """Counting the working days to add_working_days(start, n) gives n back."""
    first = Date(start.year, start.month, start.day)  # type: ignore[attr-defined]
    policy = attrs.evolve(DEFAULT_POLICY, bank_holidays=holidays_on)
    end = add_working_days(first, days, holidays=policy.holidays())
    assert days == working_days_between(first, end, holidays=policy.holidays())
    assert days == 0 or policy.is_working_day(end)
