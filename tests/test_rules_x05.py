"""The X05 rule: one finding per window for the whole group, with a time that suits more."""

from __future__ import annotations

import attrs

from peerassist import validate
from peerassist._time import DateTime
from peerassist.model import Person
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 3, 10, 12, tz="UTC")
CODE = "PA-X05-outside-working-hours"


def _virtual(*far: Person) -> object:
    """The scheduled assist (windows 24 and 25 March 2026, London), online, with more visitors."""
    assist = make_assist("scheduling", now=NOW)
    assist.visitors = (*assist.visitors, *far)
    assist.logistics = attrs.evolve(assist.logistics, virtual_url="https://meet.example/x")
    return assist


GUS = Person(
    name="Gus Rivera", email="gus@bellevue.example", timezone="America/New_York", unit="ED"
)
KENJI = Person(name="Kenji Sato", email="kenji@tokyo.example", timezone="Asia/Tokyo", unit="ED")


def test_one_finding_per_window_names_everyone_outside_and_by_how_much() -> None:
    """Two people far away give one finding per window, not one per person."""
    report = validate(_virtual(GUS, KENJI), now=NOW)  # type: ignore[arg-type]
    found = [f for f in report.findings if f.code == CODE]
    assert [f.path for f in found] == ["logistics.windows[0]", "logistics.windows[1]"]
    assert found[0].message == (
        "Window 1 (09:00-17:00 GMT) falls outside working hours (08:00-18:00 local) for 2 of"
        " the 3 participant(s) in other zones: Gus Rivera (visitor, America/New_York)"
        " 05:00-13:00, 3 h before; Kenji Sato (visitor, Asia/Tokyo) 18:00-02:00, 8 h after."
    )


def test_the_hint_names_the_shared_window_when_there_is_one() -> None:
    """New York (EDT since 8 March) and Prague share 12:00-17:00 GMT with London on the 25th."""
    report = validate(_virtual(GUS), now=NOW)  # type: ignore[arg-type]
    second = [f for f in report.findings if f.code == CODE][1]
    assert second.message.endswith(
        "Gus Rivera (visitor, America/New_York) 05:00-09:00, 3 h before."
    )
    assert second.hint.startswith(
        "Everyone's working hours overlap 12:00-17:00 GMT that day: move the window there"
    )


def test_the_hint_names_the_least_bad_start_when_none_is_long_enough() -> None:
    """An 8-hour window fits no shared day: the hint gives the least-bad start instead."""
    report = validate(_virtual(GUS), now=NOW)  # type: ignore[arg-type]
    first = next(f for f in report.findings if f.code == CODE)
    # 10:00-18:00 GMT: Prague 11:00-19:00 (60 min late), New York 06:00-14:00 (120 early).
    assert first.hint == (
        "No 8 h window lies in everyone's working hours that day; the least-bad start is"
        " 10:00 GMT (180 min outside working hours in total). `peerassist overlap FILE`"
        " lists the three best."
    )


def test_a_meeting_in_everyones_hours_finds_nothing() -> None:
    """Participants in London and Prague only: nothing to report."""
    report = validate(_virtual(), now=NOW)  # type: ignore[arg-type]
    assert [f for f in report.findings if f.code == CODE] == []
