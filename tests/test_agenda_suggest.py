"""suggest_windows, out_of_hours and overlap_report: the least-bad times across zones (X05)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerassist._time import DateTime
from peerassist.agenda import Overlap, out_of_hours, overlap_report, suggest_windows
from peerassist.exceptions import InputError
from peerassist.model import Person
from strategies_time import zones

LONDON = "Europe/London"
WEDNESDAY = (
    DateTime.create(2027, 3, 10, tz=LONDON),
    DateTime.create(2027, 3, 11, tz=LONDON),
)


def _london(hour: int, minute: int = 0, day: int = 10) -> DateTime:
    return DateTime.create(2027, 3, day, hour, minute, tz=LONDON)


def test_out_of_hours_counts_the_minutes_outside_each_zones_day() -> None:
    """07:00-09:00 GMT is 60 min early in London, all 120 in New York; weekends count whole."""
    assert out_of_hours(_london(7), _london(9), LONDON) == 60
    assert out_of_hours(_london(7), _london(9), "America/New_York") == 120
    assert out_of_hours(_london(10), _london(12), LONDON) == 0
    saturday = (_london(10, day=13), _london(11, day=13))
    assert out_of_hours(*saturday, LONDON) == 60
    assert out_of_hours(*saturday, LONDON, weekdays_only=False) == 0
    assert out_of_hours(_london(7), _london(9), LONDON, hours=(dt.time(7), dt.time(15))) == 0


def test_three_zones_without_a_shared_hour_get_the_three_least_bad_starts() -> None:
    """London, Sydney and Los Angeles: every 2-hour start costs someone 2 hours; the earliest
    three that do not overlap are midnight, 16:00 and 21:00 GMT."""
    people = [LONDON, "Australia/Sydney", "America/Los_Angeles"]
    found = suggest_windows(people, dt.timedelta(hours=2), between=WEDNESDAY)
    assert [f"{c.start:%H:%M}" for c in found] == ["00:00", "16:00", "21:00"]
    assert [(c.outside_minutes, c.worst_minutes) for c in found] == [(120, 120)] * 3
    first = found[0]
    assert [f"{p.start:%a %H:%M} {p.start.tzname()}" for p in first.people] == [
        "Wed 00:00 GMT",
        "Wed 11:00 AEDT",
        "Tue 16:00 PST",
    ]
    assert [p.outside_minutes for p in first.people] == [120, 0, 0]


def test_candidates_rank_by_total_then_by_the_worst_person() -> None:
    """Four hours for London, Paris, Johannesburg and New York: 12:30 GMT costs 30 min
    to each of two people in two zones (120 in all, 30 at worst), beating 12:00 (120 in
    all, 60 at worst)."""
    johannesburg, new_york = "Africa/Johannesburg", "America/New_York"
    people = [LONDON, "Europe/Paris", johannesburg, johannesburg, new_york, new_york]
    jan = (DateTime.create(2027, 1, 20, tz=LONDON), DateTime.create(2027, 1, 21, tz=LONDON))
    best = suggest_windows(people, dt.timedelta(hours=4), between=jan, count=1)
    assert len(best) == 1
    assert f"{best[0].start:%H:%M}" == "12:30"
    assert (best[0].outside_minutes, best[0].worst_minutes) == (120, 30)


def test_the_report_gives_the_shared_window_when_there_is_one() -> None:
    """London and New York share 13:00-18:00 GMT on 10 March 2027 (New York still on EST)."""
    ana = Person(name="Ana", email="ana@example.org", timezone=LONDON)
    rachel = Person(name="Rachel", email="rachel@example.org", timezone="America/New_York")
    report = overlap_report([ana, rachel], dt.timedelta(hours=2), between=WEDNESDAY)
    assert report.window is not None
    assert f"{report.window.start:%H:%M}-{report.window.end:%H:%M}" == "13:00-18:00"
    assert report.candidates == ()
    assert report.to_text() == (
        "Shared working hours (08:00-18:00 local, at least 120 min):"
        " Wed 2027-03-10 13:00-18:00 GMT\n"
        "  Wed 13:00-18:00 GMT  Europe/London (Ana)\n"
        "  Wed 08:00-13:00 EST  America/New_York (Rachel)\n"
    )
    assert repr(report) == (
        "<Overlap: shared 2027-03-10T13:00:00+00:00 to 2027-03-10T18:00:00+00:00>"
    )
    assert "<table>" in report._repr_html_()


def test_the_report_lists_candidates_when_there_is_none() -> None:
    """Without a shared window, the report holds three candidates and says so."""
    people = [LONDON, "Australia/Sydney", "America/Los_Angeles"]
    report = overlap_report(people, dt.timedelta(hours=2), between=WEDNESDAY)
    assert isinstance(report, Overlap)
    assert report.window is None
    assert len(report.candidates) == 3
    text = report.to_text()
    assert text.startswith("No 120 min window lies in everyone's working hours")
    assert "1. Wed 2027-03-10 00:00-02:00 GMT: 120 min outside working hours in total" in text
    assert "  Wed 00:00-02:00 GMT, 120 min outside  Europe/London" in text
    assert repr(report) == "<Overlap: no shared window; 3 candidate(s)>"
    assert "120 min outside" in report._repr_html_()


def test_bad_arguments_are_named() -> None:
    """Unknown zones, a bad span, length or count raise InputErrors naming them."""
    with pytest.raises(InputError) as info:
        suggest_windows(["Mars/Base"], dt.timedelta(hours=1), between=WEDNESDAY)
    assert info.value.paths == ("participants[0]",)
    with pytest.raises(InputError) as info:
        suggest_windows([LONDON], dt.timedelta(hours=1), between=(WEDNESDAY[1], WEDNESDAY[0]))
    assert info.value.paths == ("between[1]",)
    with pytest.raises(InputError) as info:
        suggest_windows([LONDON], dt.timedelta(0), between=WEDNESDAY)
    assert info.value.paths == ("length",)
    with pytest.raises(InputError) as info:
        suggest_windows([LONDON], dt.timedelta(hours=1), between=WEDNESDAY, count=0)
    assert info.value.paths == ("count",)


@settings(max_examples=40)
@given(st.lists(zones, min_size=1, max_size=4), st.integers(2, 16))
def test_candidates_are_ranked_apart_and_inside_the_span(people: list[str], quarters: int) -> None:
    """Candidates come best first, never overlap, lie inside the span, and their costs add up."""
    length = dt.timedelta(minutes=15 * quarters)
    found = suggest_windows(people, length, between=WEDNESDAY)
    keys = [(c.outside_minutes, c.worst_minutes) for c in found]
    assert keys == sorted(keys)
    for c in found:
        assert WEDNESDAY[0] <= c.start
        assert c.end <= WEDNESDAY[1]
        assert c.end - c.start == length
        assert c.outside_minutes == sum(p.outside_minutes for p in c.people)
        assert c.worst_minutes == max(p.outside_minutes for p in c.people)
    for a in found:
        for b in found:
            if a is not b:
                assert a.end <= b.start or b.end <= a.start
