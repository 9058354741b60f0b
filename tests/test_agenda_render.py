"""Renderings people read: durations, distinct quarters, attendee zones, records, the picture."""

from __future__ import annotations

import pytest

from peerassist._time import DateTime
from peerassist.agenda import plan_agenda
from peerassist.exceptions import InputError


def _two_days() -> object:
    start = DateTime.create(2027, 3, 27, 9, tz="Europe/Berlin")
    return plan_agenda(start, end=DateTime.create(2027, 3, 28, 17, tz="Europe/Berlin"))


def test_text_rows_carry_their_length() -> None:
    """Every text row shows the slot's length, right-aligned before the title."""
    agenda = plan_agenda(DateTime.create(2027, 3, 10, 13, tz="Europe/London"), preset="half-day")
    lines = agenda.to_text().splitlines()
    assert "  13:35-14:15 GMT      40 min  Quarter 1: context" in lines
    assert "  14:55-15:10 GMT      15 min  Break" in lines


def test_continued_rows_do_not_repeat_the_description() -> None:
    """A quarter's later pieces have no description; the first piece has the method's words."""
    agenda = _two_days()
    first, later = agenda.quarter(1)  # type: ignore[attr-defined]
    assert first.description.startswith("The host team presents the context")
    assert later.title == "Quarter 1: context (continued)"
    assert later.description == ""
    page = agenda.to_html()  # type: ignore[attr-defined]
    assert page.count("The host team presents the context") == 1


def test_a_column_per_attendee_zone() -> None:
    """zones= adds each slot's times in other zones; New York is six hours behind London."""
    start = DateTime.create(2027, 3, 10, 13, tz="Europe/London")
    agenda = plan_agenda(start, preset="half-day")
    text = agenda.to_text(zones=["America/New_York", "Europe/London"])
    assert "Also shown in: America/New_York" in text
    assert "  13:35-14:15 GMT  08:35-09:15 EST      40 min  Quarter 1: context" in text
    markdown = agenda.to_markdown(zones=["Asia/Tokyo"])
    assert "| Time | Asia/Tokyo | Length | Slot | Refs |" in markdown
    assert "| 13:35-14:15 GMT | 22:35-23:15 JST | 40 min | Quarter 1: context | M17, M18 |" in (
        markdown
    )
    with pytest.raises(InputError) as info:
        agenda.to_text(zones=["Mars/Olympus"])
    assert info.value.paths == ("zones[0]",)


def test_records_have_offsets_and_a_zone_column_and_read_into_pandas() -> None:
    """to_records rows parse in pandas as aware times, across the spring-forward night."""
    pd = pytest.importorskip("pandas")
    agenda = _two_days()
    records = agenda.to_records()  # type: ignore[attr-defined]
    assert records[2] == {
        "day": 1,
        "start": "2027-03-27T09:00:00+01:00",
        "end": "2027-03-27T09:30:00+01:00",
        "zone": "Europe/Berlin",
        "kind": "opening",
        "quarter": None,
        "minutes": 30,
        "title": "Opening: why we are here",
        "in_window": True,
    }
    assert records[-1]["end"] == "2027-03-28T17:00:00+02:00"
    frame = pd.DataFrame(records)
    # Two offsets (CET, then CEST): pandas reads them as instants in UTC.
    starts = pd.to_datetime(frame["start"], utc=True)
    assert isinstance(starts.dtype, pd.DatetimeTZDtype)
    assert starts.iloc[2] == pd.Timestamp("2027-03-27T08:00:00Z")
    # One day, one offset: read as they are, no option needed.
    saturday = pd.to_datetime(frame.loc[frame["day"] == 1, "start"])
    assert str(saturday.dt.tz) == "UTC+01:00"
    assert frame.loc[frame["kind"] == "quarter", "minutes"].sum() == 4 * 185
    assert frame.groupby("quarter")["minutes"].sum().to_dict() == {
        1.0: 185,
        2.0: 185,
        3.0: 185,
        4.0: 185,
    }


def test_repr_is_short() -> None:
    """The agenda's repr names its span and size, not every slot."""
    text = repr(_two_days())
    assert text == (
        "<Agenda 'Two days': 2027-03-27T09:00:00+01:00 to 2027-03-28T17:00:00+02:00,"
        " 2 day(s), 20 slots, shown in Europe/Berlin>"
    )


def test_the_svg_has_a_band_per_day_and_a_block_per_slot() -> None:
    """One g.day per local day; quarters coloured by number; the same agenda draws the same."""
    agenda = _two_days()
    svg = agenda.to_svg()  # type: ignore[attr-defined]
    assert svg == agenda.to_svg()  # type: ignore[attr-defined]
    assert svg.count('<g class="day"') == 3
    assert svg.count('class="slot quarter q1"') == 2
    assert svg.count('class="slot quarter q4"') == 2
    assert svg.count('class="slot lunch"') == 2
    assert 'fill="#1d4e89"' in svg  # quarter 1's colour
    assert "<title>11:10-11:25 Break</title>" in svg
    # Every quarter block is wide enough for a label; the 95-minute pieces get the short one.
    assert svg.count(">Q1 90\N{PRIME}</text>") == 1
    assert svg.count(">Q1 95\N{PRIME}</text>") == 1
    # Shown in Tokyo (eight, then seven hours ahead), the bands follow Tokyo's
    # days: the pre-brief, dinner and day 1 start on the 27th, day 2 on the 28th.
    tokyo = agenda.in_tz("Asia/Tokyo").to_svg()  # type: ignore[attr-defined]
    assert tokyo.count('<g class="day"') == 2
    assert 'data-date="2027-03-27"' in tokyo
    assert 'data-date="2027-03-28"' in tokyo
