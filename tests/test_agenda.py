"""plan_agenda, the presets and the Agenda/Slot values."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo

import attrs
import pytest

from peerassist._time import UTC, DateTime, duration, parse_instant
from peerassist.agenda import (
    HALF_DAY,
    ONE_DAY,
    PRESETS,
    TWO_DAYS,
    VIRTUAL_CLINIC,
    Agenda,
    Pause,
    PreBrief,
    Preset,
    Slot,
    SlotKind,
    Social,
    get_preset,
    plan_agenda,
)
from peerassist.exceptions import AgendaError, InputError

LONDON = "Europe/London"


def _start(*args: int, zone: str = LONDON) -> DateTime:
    return DateTime.create(*args, tz=zone)


def _rows(agenda: Agenda) -> list[tuple[str, str, int | None]]:
    return [(f"{s.start:%H:%M}-{s.end:%H:%M}", s.kind.value, s.quarter) for s in agenda]


def test_default_is_one_day_of_four_equal_quarters_between_breaks() -> None:
    """Without a preset, a 09:00 start gives the one-day layout, each quarter between breaks."""
    agenda = plan_agenda(_start(2026, 3, 10, 9))
    expected = [
        ("09:00-09:15", "social", None),
        ("09:15-09:30", "opening", None),
        ("09:30-09:40", "ground_rules", None),
        ("09:40-11:05", "quarter", 1),
        ("11:05-11:20", "break", None),
        ("11:20-12:45", "quarter", 2),
        ("12:45-13:25", "lunch", None),
        ("13:25-14:50", "quarter", 3),
        ("14:50-15:05", "break", None),
        ("15:05-16:30", "quarter", 4),
        ("16:30-17:00", "closing", None),
    ]
    assert expected == _rows(agenda)
    assert duration(hours=8) == agenda.total
    assert {q: duration(minutes=85) for q in (1, 2, 3, 4)} == agenda.quarter_totals()
    assert LONDON == agenda.zone == agenda.meeting_zone


def test_slots_carry_the_method_content() -> None:
    """Quarters describe M18-M21, the ground rules list M16, each slot cites its refs."""
    agenda = plan_agenda(_start(2026, 3, 10, 9))
    by_kind = {s.kind: s for s in agenda}
    assert agenda.quarter(1)[0].refs == ("M17", "M18")
    assert "context, the history" in agenda.quarter(1)[0].description
    assert "surprised them" in agenda.quarter(2)[0].description
    assert "back seat" in agenda.quarter(3)[0].description
    assert "Positives first" in agenda.quarter(4)[0].description
    assert "listens to learn" in by_kind[SlotKind.GROUND_RULES].description
    assert by_kind[SlotKind.CLOSING].refs == ("M22", "M23")
    assert by_kind[SlotKind.SOCIAL].refs == ("M15",)


def test_two_days_over_the_october_change_start_at_nine_local_both_days() -> None:
    """A two-day assist on 24-25 October 2026 in London starts 09:00 BST, then 09:00 GMT."""
    agenda = plan_agenda(_start(2026, 10, 24, 9), preset=TWO_DAYS)
    starts = [(w.start.isoformat(), w.start.tzname()) for w in agenda.windows]
    assert starts == [("2026-10-24T09:00:00+01:00", "BST"), ("2026-10-25T09:00:00+00:00", "GMT")]
    assert duration(hours=16) == agenda.total
    # Day 1 holds quarters 1-2, day 2 quarters 3-4: the night is a natural break.
    assert {1, 2} == {s.quarter for s in agenda.days[1] if s.quarter}
    assert {3, 4} == {s.quarter for s in agenda.days[2] if s.quarter}


def test_evening_before_and_pre_brief_are_their_own_slots() -> None:
    """The BP/NHS preset puts dinner (M15) and the pre-brief (X04) on the day before."""
    agenda = plan_agenda(_start(2026, 3, 10, 9), preset="one-and-a-half-days")
    before = agenda.days[0]
    assert dt.date(2026, 3, 9) == before.date
    assert [s.kind for s in before] == [SlotKind.PRE_BRIEF, SlotKind.SOCIAL]
    assert [s.day for s in before] == [0, 0]
    assert not any(s.in_window for s in before)
    assert duration(hours=12) == agenda.total
    assert [d.slots[0].day for d in agenda.days[1:]] == [1, 2]


def test_a_quarter_spanning_a_break_is_split_and_marked_continued() -> None:
    """A quarter crossing a break becomes two slots, the second titled 'continued'."""
    agenda = plan_agenda(_start(2026, 3, 10, 9), preset="one-and-a-half-days")
    first = agenda.quarter(1)
    assert [s.title for s in first] == ["Quarter 1: context", "Quarter 1: context (continued)"]


def test_a_fixed_lunch_that_would_leave_a_sliver_needs_a_wider_tolerance() -> None:
    """A lunch pinned at 11:00 fits only with quarters 10 minutes apart; tighter is refused
    with the fixes that would work."""
    kwargs = {
        "preset": HALF_DAY,
        "breaks": (),
        "lunch": Pause(at=dt.time(11, 0), length=duration(minutes=15), title="Lunch"),
    }
    with pytest.raises(AgendaError, match="min_piece") as info:
        plan_agenda(_start(2026, 3, 10, 9), tolerance=duration(minutes=5), **kwargs)  # type: ignore[arg-type]
    assert "To fix it, raise the tolerance to 10 min; or lower min_piece to 5 min" in str(
        info.value
    )
    loose = plan_agenda(_start(2026, 3, 10, 9), tolerance=duration(minutes=15), **kwargs)  # type: ignore[arg-type]
    q2_end = [s for s in loose if s.quarter == 2][-1].end
    assert f"{q2_end:%H:%M}" == "11:00"


def test_plan_to_an_end_uses_every_day_up_to_it() -> None:
    """With end= the meeting runs to that time; the middle days fill their windows."""
    agenda = plan_agenda(_start(2026, 3, 10, 9), end=_start(2026, 3, 11, 13))
    assert duration(hours=12) == agenda.total
    assert [w.end.isoformat() for w in agenda.windows] == [
        "2026-03-10T17:00:00+00:00",
        "2026-03-11T13:00:00+00:00",
    ]


def test_options_override_the_preset() -> None:
    """Keyword options replace the preset's fields, checked like the preset itself."""
    agenda = plan_agenda(
        _start(2026, 3, 10, 8),
        day_window=(dt.time(8), dt.time(16)),
        social=None,
        lunch=None,
        breaks=[],
        pre_brief=True,
    )
    kinds = [s.kind for s in agenda]
    assert SlotKind.LUNCH not in kinds
    assert SlotKind.BREAK not in kinds
    assert kinds[0] == SlotKind.PRE_BRIEF
    assert f"{agenda.end:%H:%M}" == "16:00"


def test_presets_are_frozen_data_with_refs() -> None:
    """Each preset is a frozen value users derive from with attrs.evolve."""
    assert {"half-day", "one-day", "one-and-a-half-days", "two-days", "virtual-clinic"} == set(
        PRESETS
    )
    for preset in PRESETS.values():
        assert preset.refs
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            preset.length = duration(hours=1)  # type: ignore[misc]
    mine = attrs.evolve(ONE_DAY, name="mine", step=duration(minutes=1))
    assert duration(minutes=1) == mine.step
    assert ONE_DAY is get_preset(None)
    assert VIRTUAL_CLINIC is get_preset("virtual-clinic")


def test_virtual_clinic_renders_as_text() -> None:
    """The short clinic renders as plain text with zone abbreviations."""
    agenda = plan_agenda(_start(2026, 7, 1, 14), preset=VIRTUAL_CLINIC)
    expected = (
        "Short virtual clinic: Europe/London, meeting time 1 h\n"
        "\n"
        "Wed 2026-07-01 (day 1)\n"
        "  14:00-14:05 BST       5 min  Arrivals and introductions\n"
        "  14:05-14:10 BST       5 min  Opening: why we are here\n"
        "  14:10-14:15 BST       5 min  Ground rules\n"
        "  14:15-14:25 BST      10 min  Quarter 1: context\n"
        "  14:25-14:35 BST      10 min  Quarter 2: questions\n"
        "  14:35-14:45 BST      10 min  Quarter 3: analysis\n"
        "  14:45-14:55 BST      10 min  Quarter 4: feedback\n"
        "  14:55-15:00 BST       5 min  Closing: actions and reflections\n"
    )
    assert expected == agenda.to_text()


def test_markdown_and_html_renderings() -> None:
    """Markdown has a table per day; HTML escapes text and serves notebooks."""
    agenda = plan_agenda(_start(2026, 3, 10, 9), preset=HALF_DAY, rules=("Listen <first> & learn",))
    markdown = agenda.to_markdown()
    assert markdown.startswith("## Half a day: Europe/London")
    assert "| 09:35-10:15 GMT | 40 min | Quarter 1: context | M17, M18 |" in markdown
    page = agenda._repr_html_()
    assert page == agenda.to_html(fragment=True)
    assert not page.startswith("<!DOCTYPE")
    assert "Listen &lt;first&gt; &amp; learn" in page
    assert '<tr class="quarter q1">' in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="peerassist-timeline"' in page


def test_to_dict_is_json_ready_and_round_trips() -> None:
    """to_dict gives RFC 9557 times through the serializer, and from_dict reads it back."""
    agenda = plan_agenda(_start(2026, 10, 24, 9), preset=TWO_DAYS)
    data = json.loads(agenda.to_json())
    assert data == agenda.to_dict()
    assert len(agenda) == len(data["slots"])
    assert data["slots"][-1]["start"] == "2026-10-25T16:30:00+00:00[Europe/London]"
    for slot, item in zip(agenda, data["slots"], strict=True):
        assert slot.start.in_tz(UTC) == parse_instant(item["start"]).in_tz(UTC)
        assert slot.kind.value == item["kind"]
        assert slot.quarter == item.get("quarter")
    assert agenda == Agenda.from_dict(data)


def test_from_dict_names_bad_fields() -> None:
    """Bad data for from_dict is an InputError naming the field path."""
    data = plan_agenda(_start(2026, 3, 10, 9), preset=VIRTUAL_CLINIC).to_dict()
    data["slots"][3]["quarter"] = 7
    with pytest.raises(InputError) as info:
        Agenda.from_dict(data)
    assert any(p.startswith("slots[3]") for p in info.value.paths)


def test_in_tz_keeps_instants_and_regroups_days() -> None:
    """An attendee in Sydney sees the same instants, on their own dates."""
    agenda = plan_agenda(_start(2026, 3, 10, 9))
    sydney = agenda.in_tz("Australia/Sydney")
    assert [s.start.in_tz(UTC) for s in agenda] == [s.start.in_tz(UTC) for s in sydney]
    assert sydney.zone == "Australia/Sydney"
    assert sydney.meeting_zone == LONDON
    assert [dt.date(2026, 3, 10), dt.date(2026, 3, 11)] == [d.date for d in sydney.days]
    assert "20:00-20:15 AEDT" in sydney.to_text()
    with pytest.raises(InputError, match="zone"):
        agenda.in_tz("Mars/Olympus")


# -- errors -------------------------------------------------------------------


def test_naive_start_is_refused() -> None:
    """A naive start names 'start' and says a zone is expected."""
    with pytest.raises(InputError) as info:
        plan_agenda(dt.datetime(2026, 3, 10, 9))  # type: ignore[arg-type]
    assert info.value.paths == ("start",)
    assert "naive" in str(info.value)


def test_bare_offset_start_is_refused() -> None:
    """A start with a bare offset (no IANA zone) is refused."""
    with pytest.raises(InputError, match="start"):
        plan_agenda(dt.datetime(2026, 3, 10, 9, tzinfo=dt.timezone(dt.timedelta(hours=1))))  # type: ignore[arg-type]


def test_start_at_a_skipped_local_time_is_refused() -> None:
    """01:30 on the March change does not exist in London: refused, not moved."""
    start = dt.datetime(2026, 3, 29, 1, 30, tzinfo=zoneinfo.ZoneInfo(LONDON))
    with pytest.raises(InputError) as info:
        plan_agenda(start, day_window=(dt.time(0), dt.time(12)))  # type: ignore[arg-type]
    assert info.value.paths == ("start",)
    assert "skipped by a clock change" in str(info.value)


def test_end_before_start_is_refused() -> None:
    """An end before the start names 'end'."""
    with pytest.raises(InputError) as info:
        plan_agenda(_start(2026, 3, 10, 12), end=_start(2026, 3, 10, 10))
    assert info.value.paths == ("end",)
    assert "after start" in str(info.value)


def test_a_window_too_small_for_the_fixed_blocks_is_refused() -> None:
    """A half-hour day window cannot hold an opening, ground rules and a closing."""
    with pytest.raises(AgendaError, match="fixed blocks") as info:
        plan_agenda(_start(2026, 3, 10, 9), day_window=(dt.time(9), dt.time(9, 30)))
    assert "day_window (day 1, 2026-03-10)" in str(info.value)


def test_no_room_for_the_quarters_is_refused() -> None:
    """Fixed blocks that leave under four steps for the quarters are refused."""
    with pytest.raises(AgendaError, match="four quarters"):
        plan_agenda(_start(2026, 3, 10, 9), end=_start(2026, 3, 10, 10, 10), preset="one-day")


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"step": duration(minutes=7)}, "step"),
        ({"opening": duration(minutes=12)}, "opening"),
        ({"day_window": (dt.time(17), dt.time(9))}, "day_end"),
        ({"day_window": "9-5"}, "day_window"),
        ({"lunch": Pause(at=dt.time(12, 33), length=duration(minutes=30))}, "lunch.at"),
        ({"tolerance": duration(minutes=1)}, "tolerance"),
        ({"preset": "three-days"}, "preset"),
    ],
)
def test_bad_options_name_their_path(kwargs: dict[str, object], path: str) -> None:
    """Each bad option is reported with its own path."""
    with pytest.raises(InputError) as info:
        plan_agenda(_start(2026, 3, 10, 9), **kwargs)  # type: ignore[arg-type]
    assert path in info.value.paths


def test_start_off_the_grid_or_outside_the_window_is_refused() -> None:
    """A start at 09:07 is off the 5-minute grid; one at 07:00 is outside the window."""
    with pytest.raises(InputError, match="grid"):
        plan_agenda(_start(2026, 3, 10, 9, 7))
    with pytest.raises(InputError, match="day window"):
        plan_agenda(_start(2026, 3, 10, 7))


def test_social_and_pre_brief_values_are_checked() -> None:
    """Social and PreBrief check their fields when built."""
    with pytest.raises(InputError) as info:
        Social(when="lunchtime", length=duration())
    assert info.value.paths == ("when", "length")
    with pytest.raises(InputError, match="at"):
        PreBrief(at="16:00")  # type: ignore[arg-type]


def test_slot_and_agenda_check_their_invariants() -> None:
    """A slot's quarter matches its kind, and an agenda's slots never overlap."""
    start = _start(2026, 3, 10, 9)
    with pytest.raises(InputError) as info:
        Slot(start=start, end=start.add(minutes=5), kind=SlotKind.BREAK, title="x", quarter=2)
    assert info.value.paths == ("quarter",)
    a = Slot(start=start, end=start.add(minutes=30), kind="break", title="Break")  # type: ignore[arg-type]
    b = Slot(start=start.add(minutes=15), end=start.add(minutes=45), kind="lunch", title="Lunch")  # type: ignore[arg-type]
    assert a.kind == SlotKind.BREAK
    with pytest.raises(InputError, match=r"slots\[1\]\.start"):
        Agenda(slots=(a, b), windows=(), meeting_zone=LONDON, zone=LONDON)


def test_preset_checks_every_field_on_the_grid() -> None:
    """A preset reports every field off the step grid at once."""
    with pytest.raises(InputError) as info:
        Preset(
            name="odd",
            title="Odd",
            length=duration(minutes=61),
            day_start=dt.time(9, 1),
            closing=duration(minutes=3),
        )
    assert {"length", "day_start", "closing"} <= set(info.value.paths)


def test_a_start_in_the_repeated_hour_keeps_the_offset_given() -> None:
    """01:30 on the October change occurs twice: the first (BST) or second (GMT) as given."""
    window = (dt.time(0), dt.time(12))
    first = dt.datetime(2026, 10, 25, 1, 30, tzinfo=zoneinfo.ZoneInfo(LONDON), fold=0)
    second = first.replace(fold=1)
    early = plan_agenda(first, day_window=window)  # type: ignore[arg-type]
    late = plan_agenda(second, day_window=window)  # type: ignore[arg-type]
    assert early.start.isoformat() == "2026-10-25T01:30:00+01:00"
    assert late.start.isoformat() == "2026-10-25T01:30:00+00:00"
    assert early.total == late.total == duration(hours=8)
    assert f"{early.end:%H:%M}" == "08:30"
