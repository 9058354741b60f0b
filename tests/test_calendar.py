"""The iCalendar export: content, identity, methods, bytes and options.

Every invite generated here is read back by icalendar and by ical (strict)
(and vobject), and the values read are compared with the assist.
"""

from __future__ import annotations

import subprocess
import sys
import warnings

import attrs
import ics
import pytest

from hostile import read_all, read_icalendar
from peerassist._time import UTC, Date, DateTime, add_working_days, duration
from peerassist.agenda import agenda_for
from peerassist.calendar import (
    DEFAULT_ROLES,
    PARTS,
    dumps,
    mark_sent,
    messages,
    to_calendar,
    to_ics,
    to_resources,
)
from peerassist.exceptions import CalendarError
from peerassist.model import MeetingWindow, Person, Role
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 3, 2, 12, 0, 0, tz=UTC)
STATES = ("scheduling", "quarter_1", "feedback", "follow_up", "closed")


def _utc(value: DateTime) -> DateTime:
    return value.in_tz(UTC)


def _expected_people(assist, roles=DEFAULT_ROLES):
    # The organiser (the caller by default) attends as CHAIR, accepted, with
    # no reply asked for (RFC 5546 section 4.2.1).
    organizer = assist.host.caller.email
    return sorted(
        (p.email, p.name, "CHAIR", "ACCEPTED", None, "INDIVIDUAL")
        if p.email == organizer
        else (p.email, p.name, roles[r], "NEEDS-ACTION", "TRUE", "INDIVIDUAL")
        for p, r in assist.participants()
    )


@pytest.mark.parametrize("state", STATES)
def test_invite_matches_the_assist(state: str) -> None:
    """Each meeting day is a VEVENT whose instants, attendees, roles, UID,
    SEQUENCE (0: no invite was sent yet) and DTSTAMP, read back by two
    parsers, are the assist's."""
    assist = make_assist(state, now=NOW)
    method, comps = read_all(to_ics(assist, now=NOW))
    assert method == "REQUEST"
    days = [c for c in comps if "-day" in c["uid"]]
    windows = assist.logistics.windows
    assert [c["uid"] for c in days] == [
        f"{assist.id}-day{i}@peerassist" for i in range(1, len(windows) + 1)
    ]
    for comp, window in zip(days, windows, strict=True):
        assert comp["start"] == _utc(window.start)
        assert comp["end"] == _utc(window.end)
        assert comp["sequence"] == 0
        assert comp["dtstamp"] == NOW
        assert comp["status"] == "CONFIRMED"
        assert sorted(comp["attendees"]) == _expected_people(assist)
        assert comp["organizer"] == (assist.host.caller.email, assist.host.caller.name)
        assert comp["alarms"] == 1
        assert comp["location"] == assist.logistics.venue
    assert {comp["sequence"] for comp in comps} == {0}


def test_roles_follow_the_method() -> None:
    """The facilitator is CHAIR; host team and visitors REQ-PARTICIPANT;
    recorder and sponsor OPT-PARTICIPANT; the organiser (the caller) CHAIR;
    ``roles=`` overrides."""
    assist = make_assist("scheduling", now=NOW)
    _, comps = read_all(to_ics(assist, now=NOW, parts={"days"}))
    roles = {a[0]: a[2] for a in comps[0]["attendees"]}
    assert roles[assist.facilitator.email] == "CHAIR"
    assert roles[assist.recorder.email] == "OPT-PARTICIPANT"
    assert roles[assist.sponsor.email] == "OPT-PARTICIPANT"
    assert roles[assist.host.caller.email] == "CHAIR"
    assert roles[assist.host.members[0].email] == "REQ-PARTICIPANT"
    assert {roles[v.email] for v in assist.visitors} == {"REQ-PARTICIPANT"}
    text = to_ics(assist, now=NOW, parts={"days"}, roles={Role.RECORDER: "REQ-PARTICIPANT"})
    _, comps = read_all(text)
    assert {a[0]: a[2] for a in comps[0]["attendees"]}[assist.recorder.email] == "REQ-PARTICIPANT"


def test_attendees_are_sorted_by_address() -> None:
    """ATTENDEE lines come sorted by address, so the output is stable."""
    assist = make_assist("scheduling", now=NOW)
    _, comps = read_icalendar(to_ics(assist, now=NOW, parts={"days"}))
    emails = [a[0] for a in comps[0]["attendees"]]
    assert sorted(emails, key=str.casefold) == emails


def test_organizer_can_be_the_facilitator() -> None:
    """``organizer="facilitator"`` makes the facilitator the ORGANIZER; without
    a facilitator it is a CalendarError."""
    assist = make_assist("scheduling", now=NOW)
    _, comps = read_all(to_ics(assist, now=NOW, organizer="facilitator"))
    assert {c["organizer"] for c in comps} == {(assist.facilitator.email, assist.facilitator.name)}
    assist.facilitator = None
    with pytest.raises(CalendarError, match="organizer"):
        to_ics(assist, now=NOW, organizer="facilitator")
    with pytest.raises(CalendarError, match="organizer"):
        to_ics(assist, now=NOW, organizer="sponsor")


def test_social_and_pre_brief_are_their_own_events() -> None:
    """The dinner (M15) and the pre-brief (X04) are VEVENTs at their times;
    the pre-brief invites the host team and the facilitator only."""
    assist = make_assist("scheduling", now=NOW)
    _, comps = read_all(to_ics(assist, now=NOW, parts={"social", "pre_brief"}))
    by_uid = {c["uid"]: c for c in comps}
    social = by_uid[f"{assist.id}-social@peerassist"]
    assert (social["start"], social["end"]) == (
        _utc(assist.logistics.social.start),
        _utc(assist.logistics.social.end),
    )
    assert social["location"] == assist.logistics.social.venue
    assert sorted(social["attendees"]) == _expected_people(assist)
    pre = by_uid[f"{assist.id}-prebrief@peerassist"]
    assert pre["start"] == _utc(assist.logistics.pre_brief.start)
    expected = {p.email for p in (*assist.host.everyone, assist.facilitator)}
    assert {a[0] for a in pre["attendees"]} == expected


def test_todos_for_briefing_action_list_and_aar() -> None:
    """VTODOs: briefing due the policy's lead time before the first day (M14),
    the action list on its committed date (M22), the AAR when planned (M25),
    all at 17:00 in the meeting's zone."""
    assist = make_assist("follow_up", now=NOW)
    _, comps = read_all(to_ics(assist, now=NOW, parts={"todos"}))
    due = {c["uid"].split("-todo-")[1]: c["due"] for c in comps}
    first = assist.logistics.windows[0].start
    send_by = add_working_days(Date(first.year, first.month, first.day), -5)

    def at_five(day: Date) -> DateTime:
        return DateTime.create(day.year, day.month, day.day, 17, tz="Europe/London").in_tz(UTC)

    assert due == {
        "briefing@peerassist": at_five(send_by),
        "actions@peerassist": at_five(assist.follow_up.action_list_due),
        "aar@peerassist": at_five(assist.follow_up.aar.planned_on),
    }
    assert {c["kind"] for c in comps} == {"VTODO"}
    assert all(c["attendees"][0][0] == assist.host.caller.email for c in comps)


def test_todo_status_follows_progress() -> None:
    """A to-do is NEEDS-ACTION until done: briefing unsent, no AAR held."""
    assist = make_assist("scheduling", now=NOW)
    assist.logistics = attrs.evolve(
        assist.logistics,
        briefing=tuple(attrs.evolve(b, sent_at=None) for b in assist.logistics.briefing),
    )
    _, comps = read_all(to_ics(assist, now=NOW, parts={"todos"}))
    assert [(c["uid"], c["status"]) for c in comps] == [
        (f"{assist.id}-todo-briefing@peerassist", "NEEDS-ACTION")
    ]


def test_description_holds_purpose_agenda_and_links() -> None:
    """Each day's DESCRIPTION has the problem, that day's agenda (local
    times) and the briefing links."""
    assist = make_assist("scheduling", now=NOW)
    agenda = agenda_for(assist)
    _, comps = read_all(to_ics(assist, now=NOW, parts={"days"}))
    for index, comp in enumerate(comps, 1):
        text = comp["description"]
        assert assist.purpose.problem in text
        assert assist.logistics.briefing[0].url in text
        slots = [s for s in agenda.slots if s.day == index and s.in_window]
        assert slots
        for slot in slots:
            assert f"{slot.start.format('HH:mm')}-{slot.end.format('HH:mm')} {slot.title}" in text


def test_per_slot_gives_one_event_per_working_slot() -> None:
    """``per_slot=True`` writes one VEVENT per agenda slot (not breaks or
    lunch), at the slot's times, with UIDs numbered per day."""
    assist = make_assist("scheduling", now=NOW)
    agenda = agenda_for(assist)
    _, comps = read_all(to_ics(assist, now=NOW, parts={"days"}, per_slot=True, agenda=agenda))
    working = [s for s in agenda.slots if s.in_window and s.kind not in ("break", "lunch")]
    assert [(c["start"], c["end"]) for c in comps] == [
        (_utc(s.start), _utc(s.end)) for s in working
    ]
    assert comps[0]["uid"] == f"{assist.id}-day1-slot01@peerassist"


def test_virtual_link_is_a_url_not_escaped() -> None:
    """A virtual link becomes URL, written raw (a ``;`` or ``,`` in it stays
    as is) and is the LOCATION when there is no venue."""
    assist = make_assist("scheduling", now=NOW)
    link = "https://meet.example/j/123;pwd=a,b?x=1&y=2"
    assist.logistics = attrs.evolve(assist.logistics, venue="", virtual_url=link)
    text = to_ics(assist, now=NOW, parts={"days"})
    assert "URL:" + link + "\r\n" in text.replace("\r\n ", "")
    _, comps = read_all(text)
    assert {c["url"] for c in comps} == {link}
    assert {c["location"] for c in comps} == {link}


def test_alarm_option() -> None:
    """A VALARM fires ``alarm`` before each event; ``None`` leaves it out;
    a negative alarm is refused."""
    assist = make_assist("scheduling", now=NOW)
    text = to_ics(assist, now=NOW, parts={"days"}, alarm=duration(hours=1))
    assert text.count("TRIGGER:-PT1H\r\n") == 2
    assert "VALARM" not in to_ics(assist, now=NOW, parts={"days"}, alarm=None)
    with pytest.raises(CalendarError, match="alarm"):
        to_ics(assist, now=NOW, alarm=-duration(minutes=5))


def test_same_input_same_bytes() -> None:
    """Two exports of the same assist at the same ``now`` are identical."""
    assist = make_assist("closed", now=NOW)
    assert to_ics(assist, now=NOW) == to_ics(assist, now=NOW)
    again = make_assist("closed", now=NOW)
    assert to_ics(again, now=NOW) == to_ics(assist, now=NOW)


def test_rescheduled_assist_keeps_uids_with_higher_sequence() -> None:
    """Moving the meeting days gives the same UIDs, the new times and the
    days' SEQUENCE one higher than sent; the dinner, the pre-brief and the
    to-dos, which did not move, keep theirs."""
    assist = make_assist("scheduling", now=NOW)
    mark_sent(assist, messages(assist, now=NOW), now=NOW)
    before = read_all(to_ics(assist, now=NOW))[1]
    week = duration(days=7)
    assist.logistics = attrs.evolve(
        assist.logistics,
        windows=tuple(
            MeetingWindow(start=w.start + week, end=w.end + week) for w in assist.logistics.windows
        ),
    )
    after = read_all(to_ics(assist, now=NOW.add(hours=1)))[1]
    assert [c["uid"] for c in after] == [c["uid"] for c in before]
    assert {c["uid"].split("@")[0][len(assist.id) + 1 :]: c["sequence"] for c in after} == {
        "day1": 1,
        "day2": 1,
        "social": 0,
        "prebrief": 0,
        "todo-briefing": 0,
    }
    assert after[0]["start"] == before[0]["start"] + week


def test_cancelled_assist_cancels_everything_announced() -> None:
    """A cancelled assist gives METHOD:CANCEL and STATUS:CANCELLED for every
    component the invite had, with the same UIDs and no alarm."""
    scheduled = make_assist("scheduling", now=NOW)
    announced = [c["uid"] for c in read_all(to_ics(scheduled, now=NOW))[1]]
    cancelled = make_assist("cancelled", now=NOW)
    method, comps = read_all(to_ics(cancelled, now=NOW))
    assert method == "CANCEL"
    assert [c["uid"] for c in comps] == announced
    assert {c["status"] for c in comps} == {"CANCELLED"}
    assert {c["alarms"] for c in comps} == {0}
    # No invite was recorded: SEQUENCE 1, above the invites' 0 (RFC 5546 3.2.5).
    assert {c["sequence"] for c in comps} == {1}


def test_method_cancel_and_publish() -> None:
    """``method="CANCEL"`` cancels a live assist; PUBLISH has no attendees
    (RFC 5546); ``None`` writes no METHOD; methods are case-insensitive;
    others are refused."""
    assist = make_assist("scheduling", now=NOW)
    method, comps = read_all(to_ics(assist, now=NOW, method="cancel"))
    assert (method, {c["status"] for c in comps}) == ("CANCEL", {"CANCELLED"})
    method, comps = read_all(to_ics(assist, now=NOW, method="PUBLISH"))
    assert method == "PUBLISH"
    assert {len(c["attendees"]) for c in comps} == {0}
    assert read_all(to_ics(assist, now=NOW, method=None))[0] is None
    for bad in ("REPLY", "COUNTER", "", 3):
        with pytest.raises(CalendarError, match="method"):
            to_ics(assist, now=NOW, method=bad)  # type: ignore[arg-type]


def test_bytes_are_crlf_folded_and_method_on_top() -> None:
    """CRLF line ends only, lines of at most 75 octets, folds never split a
    UTF-8 character, METHOD right after VERSION and PRODID, a final CRLF."""
    assist = make_assist("closed", now=NOW)
    assist.title = "Café ☕ " * 30
    raw = to_ics(assist, now=NOW).encode("utf-8")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n") == raw.count(b"\r")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) == 75
    for line in lines:
        line.decode("utf-8")  # would raise if a fold split a character
    assert lines[:4] == [
        b"BEGIN:VCALENDAR",
        b"VERSION:2.0",
        b"PRODID:-//peerassist//peerassist//EN",
        b"METHOD:REQUEST",
    ]
    assert read_all(raw.decode())[1][0]["summary"].startswith("Peer assist: " + assist.title)


def test_unscheduled_assist_is_refused() -> None:
    """An assist with no meeting window cannot be exported."""
    with pytest.raises(CalendarError, match=r"logistics\.windows"):
        to_ics(make_assist("scoping", now=NOW), now=NOW)


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("parts", {"days", "lunch"}),
        ("parts", "days"),
        ("parts", set()),
        ("sequence", -1),
        ("sequence", True),
        ("per_slot", "yes"),
        ("uid_domain", "bad domain\r\n"),
        ("roles", {Role.HOST: "BOSS"}),
        ("now", DateTime.create(2026, 3, 2).naive()),
        ("agenda", "09:00 start"),
        ("policy", "strict"),
    ],
)
def test_bad_options_are_calendar_errors(option: str, value: object) -> None:
    """A bad option is a CalendarError naming it, never a bare TypeError."""
    assist = make_assist("scheduling", now=NOW)
    kwargs = {"now": NOW, option: value}
    with pytest.raises(CalendarError, match=option):
        to_ics(assist, **kwargs)  # type: ignore[arg-type]


def test_not_an_assist_is_refused() -> None:
    """Anything but a PeerAssist is a CalendarError."""
    with pytest.raises(CalendarError, match="assist"):
        to_ics({"id": "x"}, now=NOW)  # type: ignore[arg-type]


def test_to_calendar_returns_an_ics_calendar_to_extend() -> None:
    """``to_calendar`` gives ordinary ics objects; ``dumps`` writes them as
    ``to_ics`` does, and hardens what a caller adds with the ics API."""
    assist = make_assist("scheduling", now=NOW)
    calendar = to_calendar(assist, now=NOW)
    assert isinstance(calendar, ics.Calendar)
    assert dumps(calendar) == to_ics(assist, now=NOW)
    day1 = next(e for e in calendar.events if e.uid.endswith("-day1@peerassist"))
    assert len(day1.attendees) == len(list(assist.participants()))
    day1.attendees.add(ics.Attendee("eve@evil.example", common_name='Eve";ROLE=CHAIR;X="'))
    day1.name = "Renamed\r\nBEGIN:VEVENT"
    _, comps = read_all(dumps(calendar, now=NOW))
    comp = next(c for c in comps if c["uid"] == day1.uid)
    assert ("eve@evil.example", 'Eve";ROLE=CHAIR;X="', None, None, None, None) in comp["attendees"]
    assert comp["summary"] == "Renamed\nBEGIN:VEVENT"
    assert len(comps) == len(calendar.events) + len(calendar.todos)


def test_dumps_refuses_what_it_cannot_write_safely() -> None:
    """A raw line break in a UID or an extra line, or a non-http URL, is a
    CalendarError, not an injected line."""
    from ics.grammar.parse import ContentLine

    assist = make_assist("scheduling", now=NOW)
    for mutate, match in (
        (lambda e: setattr(e, "uid", "x\r\nBEGIN:VEVENT"), "uid"),
        (lambda e: e.extra.append(ContentLine("X-NOTE", {}, "a\r\nUID:y")), "X-NOTE"),
        (lambda e: e.extra.append(ContentLine("X-NOTE", {"A": ["b;c"]}, "v")), "X-NOTE"),
        (lambda e: setattr(e, "url", "javascript:alert(1)"), "url"),
    ):
        calendar = to_calendar(assist, now=NOW, parts={"days"})
        mutate(next(iter(calendar.events)))
        with pytest.raises(CalendarError, match=match):
            dumps(calendar, now=NOW)
    with pytest.raises(CalendarError, match="calendar"):
        dumps("BEGIN:VCALENDAR")


def test_storage_form_has_one_component_per_resource() -> None:
    """``to_resources`` gives one object per component, no METHOD, keyed by
    file names from the UIDs; a cancelled assist keeps them, cancelled."""
    assist = make_assist("follow_up", now=NOW)
    resources = to_resources(assist, now=NOW)
    invite_uids = [c["uid"] for c in read_all(to_ics(assist, now=NOW))[1]]
    assert sorted(resources) == sorted(u.split("@")[0] + ".ics" for u in invite_uids)
    for name, text in resources.items():
        method, comps = read_all(text)
        assert method is None
        assert "METHOD" not in text
        assert [c["uid"].split("@")[0] + ".ics" for c in comps] == [name]
        assert comps[0]["attendees"]
    cancelled = to_resources(make_assist("cancelled", now=NOW), now=NOW)
    assert {read_all(t)[1][0]["status"] for t in cancelled.values()} == {"CANCELLED"}
    messages = to_resources(assist, now=NOW, method="REQUEST")
    assert all("\r\nMETHOD:REQUEST\r\n" in t for t in messages.values())


def test_parts_select_what_is_exported() -> None:
    """``parts`` chooses the days, the social time, the pre-brief and the to-dos."""
    assist = make_assist("closed", now=NOW)
    every = {c["uid"] for c in read_all(to_ics(assist, now=NOW))[1]}
    union = set()
    for part in sorted(PARTS):
        union |= {c["uid"] for c in read_all(to_ics(assist, now=NOW, parts={part}))[1]}
    assert union == every


def test_a_given_person_can_organise() -> None:
    """``organizer`` may be any Person, e.g. a shared mailbox."""
    assist = make_assist("scheduling", now=NOW)
    office = Person(name="Peer Assist Office", email="peer.assist@stelsewhere.nhs.example")
    _, comps = read_all(to_ics(assist, now=NOW, organizer=office, parts={"days"}))
    assert comps[0]["organizer"] == (office.email, office.name)


def test_no_warning_is_raised() -> None:
    """The export raises no warning, alarms included (ics warns with a
    FutureWarning on each VALARM it writes itself, so the export writes them)."""
    assist = make_assist("closed", now=NOW)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = to_ics(assist, now=NOW)
        resources = to_resources(assist, now=NOW)
    assert [] == [f"{w.category.__name__}: {w.message}" for w in caught]
    # Every event has its alarm: the warning-prone path did run.
    assert 4 == text.count("BEGIN:VALARM") == text.count("BEGIN:VEVENT")
    assert 4 == sum(r.count("BEGIN:VALARM") for r in resources.values())


def test_import_does_not_load_ics() -> None:
    """``import peerassist`` and ``import peerassist.calendar`` leave ics
    unloaded; the first export loads it."""
    code = (
        "import sys, peerassist, peerassist.calendar\n"
        "assert 'ics' not in sys.modules, 'ics loaded at import'\n"
        "from peerassist.testing import make_assist\n"
        "peerassist.calendar.to_ics(make_assist('scheduling'))\n"
        "assert 'ics' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
