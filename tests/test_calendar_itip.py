"""iTIP messages (RFC 5546), SEQUENCE per event, replies, iMIP email and SMTP.

Every message is linted against RFC 5546's restriction tables (tests/itip.py,
read with icalendar) and checked by libical's own iTIP restriction check.
"""

from __future__ import annotations

import contextlib
import datetime
import email
import email.policy
import io
import json
import re
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import attrs
import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostile import MULTI_LINE, SINGLE_LINE, read_all
from itip import icalendar_reply, libical_errors, lint
from peerassist._time import UTC, DateTime, duration
from peerassist.calendar import (
    Message,
    Reply,
    emails,
    mark_sent,
    messages,
    read_reply,
    send,
    to_ics,
)
from peerassist.cli import main
from peerassist.cli._output import Output
from peerassist.exceptions import CalendarError
from peerassist.model import MeetingWindow, PartStat, PeerAssist
from peerassist.serialize import dumps, load, loads
from peerassist.testing import make_assist
from peerassist.workflow import DEFAULT_WORKFLOW, Workflow
from real import require

NOW = DateTime.create(2026, 3, 2, 12, 0, 0, tz=UTC)
CLI_NOW = "2026-03-02T12:00:00Z"
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.toml"))
STATES = ("scheduling", "quarter_1", "follow_up", "closed", "cancelled")


def _by_component(batch: list[Message]) -> dict[str, int]:
    return {m.component: m.sequence for m in batch}


def _event(text: str) -> Any:
    calendar = icalendar.Calendar.from_ical(text)
    return next(c for c in calendar.subcomponents if c.name == "VEVENT")


def _partstats(text: str) -> dict[str, tuple[str, str | None]]:
    found = {}
    for attendee in _event(text).get("ATTENDEE", []):
        address = str(attendee).removeprefix("mailto:")
        found[address] = (attendee.params.get("PARTSTAT"), attendee.params.get("RSVP"))
    return found


def _sent(assist: PeerAssist, now: DateTime = NOW, **options: Any) -> list[Message]:
    batch = messages(assist, now=now, **options)
    mark_sent(assist, batch, now=now)
    return batch


def _move(assist: PeerAssist, index: int, delta: Any) -> None:
    windows = list(assist.logistics.windows)
    windows[index] = MeetingWindow(
        start=windows[index].start + delta, end=windows[index].end + delta
    )
    assist.logistics = attrs.evolve(assist.logistics, windows=tuple(windows))


def _all_messages() -> list[tuple[str, Message]]:
    found = []
    for state in STATES:
        assist = make_assist(state, now=NOW)
        for method in ("REQUEST", "CANCEL", "PUBLISH"):
            for per_slot in (False, True):
                for message in messages(assist, now=NOW, method=method, per_slot=per_slot):
                    found.append((f"{state}/{method}/{per_slot}/{message.component}", message))
    for path in EXAMPLES:
        assist = load(path)
        for message in messages(assist, now=NOW):
            found.append((f"{path.stem}/{message.component}", message))
    return found


ALL = _all_messages()


# -- the messages --------------------------------------------------------------


@pytest.mark.parametrize(("case", "message"), ALL, ids=[case for case, _ in ALL])
def test_every_message_passes_the_rfc_5546_lint(case: str, message: Message) -> None:
    """One component type, one UID, the properties each method requires and
    allowed STATUS values, in every message of every state and method."""
    assert lint(message.text) == []


def test_every_message_passes_libicals_itip_check() -> None:
    """libical's own iTIP restriction check accepts every message; it does
    find a message without ORGANIZER (so the check runs)."""
    failures = {case: libical_errors(m.text) for case, m in ALL if libical_errors(m.text)}
    assert failures == {}
    broken = ALL[0][1].text.replace("\r\nORGANIZER;", "\r\nX-ORGANIZER;")
    assert any("ORGANIZER" in error for error in libical_errors(broken))


def test_the_lint_catches_a_combined_request() -> None:
    """Why messages exist: the combined object holds several UIDs and two
    component types, which RFC 5546 forbids in one REQUEST."""
    problems = lint(to_ics(make_assist("follow_up", now=NOW), now=NOW))
    assert "REQUEST: expected one UID, found 7" in problems
    assert "expected one component type, found ['VEVENT', 'VTODO']" in problems


def test_one_message_per_event_for_the_people_it_invites() -> None:
    """Each day, the dinner and the pre-brief is its own message, with one
    UID, sent to the people it invites (the organiser left out): the
    pre-brief goes to the host team and the facilitator only."""
    assist = make_assist("scheduling", now=NOW)
    batch = messages(assist, now=NOW)
    assert [m.component for m in batch] == ["day1", "day2", "prebrief", "social"]
    caller = assist.host.caller.email
    everyone = sorted(p.email for p, _ in assist.participants() if p.email != caller)
    by = {m.component: m for m in batch}
    assert list(by["day1"].recipients) == everyone
    assert list(by["social"].recipients) == everyone
    assert list(by["prebrief"].recipients) == sorted(
        [*(p.email for p in assist.host.members), assist.facilitator.email]
    )
    for message in batch:
        assert message.filename == f"{assist.id}-{message.component}.ics"
        assert message.uid == f"{assist.id}-{message.component}@peerassist"
        method, comps = read_all(message.text)
        assert (method, [c["uid"] for c in comps]) == ("REQUEST", [message.uid])


def test_the_organiser_attends_as_accepted_chair() -> None:
    """The organiser is an ATTENDEE with ROLE=CHAIR, PARTSTAT=ACCEPTED and
    no RSVP; everyone else is asked to reply."""
    assist = make_assist("scheduling", now=NOW)
    for message in messages(assist, now=NOW, organizer="facilitator"):
        stats = _partstats(message.text)
        assert stats.pop(assist.facilitator.email) == ("ACCEPTED", None)
        assert set(stats.values()) == {("NEEDS-ACTION", "TRUE")}
        event = _event(message.text)
        chair = [a for a in event["ATTENDEE"] if a.params.get("ROLE") == "CHAIR"]
        assert [str(a) for a in chair] == [f"mailto:{assist.facilitator.email}"]


def test_messages_are_the_same_bytes_for_the_same_input() -> None:
    """The same assist and ``now`` give the same messages, even after a save
    and load in JSON and TOML (SEQUENCE comes from the file)."""
    assist = make_assist("scheduling", now=NOW)
    _sent(assist)
    _move(assist, 0, duration(hours=1))
    first = [m.text for m in messages(assist, now=NOW)]
    for fmt in ("json", "toml"):
        again = loads(dumps(assist, fmt), fmt)
        assert [m.text for m in messages(again, now=NOW)] == first


def test_descriptions_name_the_zone_of_every_time() -> None:
    """The dinner's and each day's description name the zone their times are in."""
    assist = make_assist("scheduling", now=NOW)
    texts = {m.component: _event(m.text)["DESCRIPTION"] for m in messages(assist, now=NOW)}
    assert "19:00-21:00 (Europe/London)" in texts["social"]
    assert "Agenda (times in Europe/London):" in texts["day1"]


def test_organiser_todos_have_start_due_and_priority() -> None:
    """The organiser's to-dos (no METHOD) each carry DTSTART, DUE and
    PRIORITY; the briefing comes first (PRIORITY 1)."""
    assist = make_assist("follow_up", now=NOW)
    text = to_ics(assist, method=None, parts={"todos"}, now=NOW)
    calendar = icalendar.Calendar.from_ical(text)
    assert "METHOD" not in calendar
    todos = {str(t["UID"]).split("-todo-")[1]: t for t in calendar.walk("VTODO")}
    assert {k: int(t["PRIORITY"]) for k, t in todos.items()} == {
        "briefing@peerassist": 1,
        "actions@peerassist": 2,
        "aar@peerassist": 5,
    }
    for todo in todos.values():
        start, due = todo.decoded("DTSTART"), todo.decoded("DUE")
        assert (due - start).total_seconds() == 8 * 3600  # 09:00 to 17:00 local


# -- SEQUENCE ---------------------------------------------------------------------


def test_a_workflow_step_with_no_change_keeps_every_sequence() -> None:
    """``reschedule`` and ``start_meeting`` with nothing moved keep every
    event's SEQUENCE, though ``revision`` rises."""
    assist = make_assist("scheduling", now=NOW)
    assert _by_component(_sent(assist)) == {"day1": 0, "day2": 0, "prebrief": 0, "social": 0}
    workflow = Workflow(DEFAULT_WORKFLOW)
    revision = assist.revision
    for trigger in ("reschedule", "start_meeting"):
        outcome = workflow.fire(assist, trigger, actor="priya", now=NOW.add(minutes=1))
        assert outcome.ok, outcome
    assert assist.revision == revision + 2
    assert _by_component(messages(assist, now=NOW)) == {
        "day1": 0,
        "day2": 0,
        "prebrief": 0,
        "social": 0,
    }


def test_a_reschedule_raises_only_the_moved_events() -> None:
    """Moving day 2 raises day 2's SEQUENCE only; moving it again after
    sending raises it once more; the others keep theirs."""
    assist = make_assist("scheduling", now=NOW)
    _sent(assist)
    _move(assist, 1, duration(hours=1))
    assert _by_component(_sent(assist)) == {"day1": 0, "day2": 1, "prebrief": 0, "social": 0}
    assert _by_component(messages(assist, now=NOW)) == {
        "day1": 0,
        "day2": 1,
        "prebrief": 0,
        "social": 0,
    }
    _move(assist, 1, duration(hours=1))
    assert _by_component(messages(assist, now=NOW))["day2"] == 2


def test_location_and_attendee_changes_raise_sequence() -> None:
    """A new venue raises every event at it; a new visitor raises the events
    that invite visitors, not the pre-brief."""
    assist = make_assist("scheduling", now=NOW)
    _sent(assist)
    assist.logistics = attrs.evolve(assist.logistics, venue="Room 2")
    assert _by_component(_sent(assist)) == {"day1": 1, "day2": 1, "prebrief": 0, "social": 0}
    extra = attrs.evolve(assist.visitors[0], email="new.visitor@example.org", name="New")
    assist.visitors = (*assist.visitors, extra)
    assert _by_component(messages(assist, now=NOW)) == {
        "day1": 2,
        "day2": 2,
        "prebrief": 0,
        "social": 1,
    }


def test_cancel_raises_sequence() -> None:
    """``method="CANCEL"`` on a live assist, and a workflow cancel, give one
    CANCEL per event with SEQUENCE one above what was sent."""
    assist = make_assist("scheduling", now=NOW)
    _sent(assist)
    _move(assist, 0, duration(hours=1))
    _sent(assist)
    expected = {"day1": 2, "day2": 1, "prebrief": 1, "social": 1}
    cancel = messages(assist, now=NOW, method="CANCEL")
    assert _by_component(cancel) == expected
    assert {m.method for m in cancel} == {"CANCEL"}
    outcome = Workflow(DEFAULT_WORKFLOW).fire(assist, "cancel", actor="priya", now=NOW)
    assert outcome.ok
    after = messages(assist, now=NOW)
    assert ({m.method for m in after}, _by_component(after)) == ({"CANCEL"}, expected)
    assert {_event(m.text)["STATUS"] for m in after} == {"CANCELLED"}


def test_a_hand_edit_of_times_is_reported_and_raises_sequence(tmp_path: Path) -> None:
    """Moving day 1 by editing the file (not through the workflow) is
    reported by ``check``, and the next ``invite --out`` raises day 1's
    SEQUENCE and records it, after which ``check`` is quiet."""
    path = tmp_path / "assist.json"
    assist = make_assist("scheduling", now=NOW)
    path.write_text(dumps(assist, "json"), encoding="utf-8")
    assert _run("invite", str(path), "--out", str(tmp_path / "v1"), "--now", CLI_NOW)[0] == 0
    text = path.read_text(encoding="utf-8")
    old = "2026-03-16T09:00:00+00:00[Europe/London]"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "2026-03-16T10:00:00+00:00[Europe/London]"), encoding="utf-8")
    report = _run("check", str(path), "--now", CLI_NOW)[1]
    assert "PA-M14-invites-outdated" in report
    assert "day1 now runs 2026-03-16T10:00Z-17:00Z" in report
    assert _run("invite", str(path), "--out", str(tmp_path / "v2"), "--now", CLI_NOW)[0] == 0
    manifest = json.loads((tmp_path / "v2" / "invites" / "recipients.json").read_text("utf-8"))
    assert {m["file"]: m["sequence"] for m in manifest} == {
        f"{assist.id}-day1.ics": 1,
        f"{assist.id}-day2.ics": 0,
        f"{assist.id}-prebrief.ics": 0,
        f"{assist.id}-social.ics": 0,
    }
    assert "PA-M14-invites-outdated" not in _run("check", str(path), "--now", CLI_NOW)[1]


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), output=Output(out, err))
    return code, out.getvalue(), err.getvalue()


# -- replies ------------------------------------------------------------------------


def test_an_icalendar_reply_is_applied_and_shows_in_the_next_invite() -> None:
    """A visitor's REPLY written by icalendar is recorded (answer, history,
    revision) and the next invite carries their PARTSTAT."""
    assist = make_assist("scheduling", now=NOW)
    day1 = _sent(assist)[0]
    visitor = assist.visitors[2].email
    revision = assist.revision
    reply = read_reply(assist, icalendar_reply(day1.text, visitor, "ACCEPTED"), now=NOW)
    assert reply == Reply(
        method="REPLY",
        uid=day1.uid,
        component="day1",
        email=visitor,
        status=PartStat.ACCEPTED,
        sequence=0,
        applied=True,
    )
    assert assist.revision == revision + 1
    last = assist.history[-1]
    assert (last.event, last.actor, last.note) == ("rsvp", visitor, "day1: accepted (SEQUENCE 0)")
    after = messages(assist, now=NOW)
    assert _partstats(after[0].text)[visitor] == ("ACCEPTED", "TRUE")
    assert _partstats(after[1].text)[visitor] == ("NEEDS-ACTION", "TRUE")


def test_answers_round_trip_and_lapse_when_the_event_moves() -> None:
    """Answers survive JSON and TOML; once the event moves (SEQUENCE up) the
    old answer no longer shows, and a reply to the old SEQUENCE is stale."""
    assist = make_assist("scheduling", now=NOW)
    day1 = _sent(assist)[0]
    visitor = assist.visitors[0].email
    old_reply = icalendar_reply(day1.text, visitor, "DECLINED", comment="On leave")
    read_reply(assist, old_reply, now=NOW)
    for fmt in ("json", "toml"):
        again = loads(dumps(assist, fmt), fmt)
        assert again.invitations == assist.invitations
        assert again.invitations.replies[0].comment == "On leave"
    _move(assist, 0, duration(hours=1))
    moved = _sent(assist)[0]
    assert _partstats(moved.text)[visitor] == ("NEEDS-ACTION", "TRUE")
    with pytest.raises(CalendarError, match=r"SEQUENCE: expected 1 .* found 0: a stale reply"):
        read_reply(assist, old_reply, now=NOW)
    read_reply(assist, icalendar_reply(moved.text, visitor, "TENTATIVE"), now=NOW)
    assert _partstats(messages(assist, now=NOW)[0].text)[visitor] == ("TENTATIVE", "TRUE")


def test_bad_replies_are_refused_with_clear_errors() -> None:
    """Unknown UID, someone not invited, a future SEQUENCE, a REQUEST, two
    attendees or a bad PARTSTAT: each a CalendarError naming the problem,
    and the assist unchanged."""
    assist = make_assist("scheduling", now=NOW)
    batch = _sent(assist)
    day1, prebrief = batch[0], batch[2]
    visitor = assist.visitors[0].email
    good = icalendar_reply(day1.text, visitor, "ACCEPTED")
    before = dumps(assist)
    cases = {
        "one of the assist's events": good.replace(f"UID:{day1.uid}", "UID:other@peerassist"),
        "someone prebrief invites": icalendar_reply(prebrief.text, visitor, "ACCEPTED"),
        "no such invite was sent": good.replace("SEQUENCE:0", "SEQUENCE:4"),
        "expected REPLY": good.replace("METHOD:REPLY", "METHOD:REQUEST"),
        "exactly one attendee": good.replace(
            "END:VEVENT", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:x@example.org\r\nEND:VEVENT"
        ),
        "PARTSTAT: expected one of": good.replace("PARTSTAT=ACCEPTED", "PARTSTAT=BORED"),
        "expected an iCalendar object": "hello",
        "expected END:VEVENT": good.replace("END:VEVENT\r\n", ""),
    }
    for expected, text in cases.items():
        with pytest.raises(CalendarError, match=expected):
            read_reply(assist, text, now=NOW)
    assert dumps(assist) == before


def test_a_reply_read_at_a_naive_or_unreadable_time_is_refused() -> None:
    """``now`` must be an aware instant: a naive datetime or a word is a
    CalendarError naming ``now``, and the reply is not applied."""
    assist = make_assist("scheduling", now=NOW)
    day1 = _sent(assist)[0]
    good = icalendar_reply(day1.text, assist.visitors[0].email, "ACCEPTED")
    before = dumps(assist)
    for bad in (datetime.datetime(2026, 3, 2, 12), "noon"):
        with pytest.raises(CalendarError, match=r"^now: expected an aware datetime"):
            read_reply(assist, good, now=bad)  # type: ignore[arg-type]
    assert dumps(assist) == before


def test_a_counter_is_reported_never_applied() -> None:
    """A COUNTER (a proposed new time) comes back with the proposal and
    changes nothing."""
    assist = make_assist("scheduling", now=NOW)
    day1 = _sent(assist)[0]
    visitor = assist.visitors[0].email
    counter = icalendar_reply(day1.text, visitor, "TENTATIVE").replace(
        "METHOD:REPLY", "METHOD:COUNTER"
    )
    start = _event(day1.text).decoded("DTSTART")
    counter = counter.replace(f"DTSTART:{start:%Y%m%dT%H%M%S}Z", "DTSTART:20260317T100000Z")
    before = dumps(assist)
    reply = read_reply(assist, counter, now=NOW)
    assert (reply.method, reply.applied, reply.email, reply.status) == (
        "COUNTER",
        False,
        visitor,
        None,
    )
    assert reply.proposed_start == DateTime.create(2026, 3, 17, 10, tz=UTC)
    assert dumps(assist) == before


# Replies in the shape three mail clients write them: Outlook (Exchange,
# Windows zone names with their own VTIMEZONE, vendor properties, COMMENT
# with LANGUAGE), Gmail (UTC times, X-NUM-GUESTS, LF line ends, a fold
# inside a parameter) and Apple Calendar (IANA TZID, EMAIL parameter,
# quoted CN, X-APPLE properties).
OUTLOOK = """BEGIN:VCALENDAR
METHOD:REPLY
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VTIMEZONE
TZID:GMT Standard Time
BEGIN:STANDARD
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T010000
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ATTENDEE;PARTSTAT=ACCEPTED;CN={name}:mailto:{email}
COMMENT;LANGUAGE=en-GB:See you there\\, looking forward to it.
SUMMARY;LANGUAGE=en-GB:Accepted: {summary}
DTSTART;TZID=GMT Standard Time:{local}
DTEND;TZID=GMT Standard Time:{local_end}
UID:{uid}
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:20260303T081512Z
TRANSP:OPAQUE
SEQUENCE:{sequence}
LOCATION;LANGUAGE=en-GB:Education Centre
X-MICROSOFT-CDO-APPT-SEQUENCE:{sequence}
X-MICROSOFT-CDO-OWNERAPPTID:-1234567890
X-MICROSOFT-CDO-REPLYTIME:20260303T081512Z
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY
X-MICROSOFT-CDO-ALLDAYEVENT:FALSE
X-MICROSOFT-CDO-IMPORTANCE:1
X-MICROSOFT-CDO-INSTTYPE:0
X-MICROSOFT-DISALLOW-COUNTER:FALSE
END:VEVENT
END:VCALENDAR
""".replace("\n", "\r\n")

GMAIL = """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REPLY
BEGIN:VEVENT
DTSTART:{utc}
DTEND:{utc_end}
DTSTAMP:20260303T091010Z
ORGANIZER;CN={organizer}:mailto:{organizer_email}
UID:{uid}
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED;CN={name};X-
 NUM-GUESTS=0:mailto:{email}
CREATED:20260302T120000Z
DESCRIPTION:
LAST-MODIFIED:20260303T091010Z
LOCATION:Education Centre
SEQUENCE:{sequence}
STATUS:CONFIRMED
SUMMARY:{summary}
TRANSP:OPAQUE
END:VEVENT
END:VCALENDAR
"""

APPLE = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Apple Inc.//macOS 14.4//EN
CALSCALE:GREGORIAN
METHOD:REPLY
BEGIN:VTIMEZONE
TZID:Europe/London
BEGIN:DAYLIGHT
TZOFFSETFROM:+0000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
DTSTART:19810329T010000
TZNAME:BST
TZOFFSETTO:+0100
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0100
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
DTSTART:19961027T020000
TZNAME:GMT
TZOFFSETTO:+0000
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
ATTENDEE;CN="{name}";CUTYPE=INDIVIDUAL;EMAIL="{email}";PARTSTAT=TENTATIVE:mailto:{email_upper}
DTEND;TZID=Europe/London:{local_end}
DTSTAMP:20260303T101500Z
DTSTART;TZID=Europe/London:{local}
ORGANIZER;CN="{organizer}";EMAIL="{organizer_email}":mailto:{organizer_email}
REQUEST-STATUS:2.0;Success
SEQUENCE:{sequence}
SUMMARY:{summary}
UID:{uid}
X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC
END:VEVENT
END:VCALENDAR
""".replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("sample", "index", "expected"),
    [
        (OUTLOOK, 0, PartStat.ACCEPTED),
        (GMAIL, 1, PartStat.DECLINED),
        (APPLE, 3, PartStat.TENTATIVE),
    ],
    ids=["outlook", "gmail", "apple"],
)
def test_replies_as_mail_clients_write_them(sample: str, index: int, expected: PartStat) -> None:
    """Replies with the vendor zones, properties, folds and line ends of
    Outlook, Gmail and Apple Calendar are read and applied."""
    assist = make_assist("scheduling", now=NOW)
    day1 = _sent(assist)[0]
    event = _event(day1.text)
    visitor = assist.visitors[index]
    start = event.decoded("DTSTART").astimezone(UTC)
    end = event.decoded("DTEND").astimezone(UTC)
    text = sample.format(
        name=visitor.name,
        email=visitor.email,
        email_upper=visitor.email.upper(),
        organizer=assist.host.caller.name,
        organizer_email=assist.host.caller.email,
        summary=str(event["SUMMARY"]),
        uid=day1.uid,
        sequence=day1.sequence,
        utc=f"{start:%Y%m%dT%H%M%S}Z",
        utc_end=f"{end:%Y%m%dT%H%M%S}Z",
        local=f"{start:%Y%m%dT%H%M%S}",  # March: London is on UTC
        local_end=f"{end:%Y%m%dT%H%M%S}",
    )
    reply = read_reply(assist, text.encode("utf-8"), now=NOW)
    assert (reply.email, reply.status, reply.applied) == (visitor.email, expected, True)
    if sample is OUTLOOK:
        assert reply.comment == "See you there, looking forward to it."
    assert _partstats(messages(assist, now=NOW)[0].text)[visitor.email][0] == expected.value.upper()


# -- email and SMTP -------------------------------------------------------------------


def test_emails_are_imip_with_both_zones() -> None:
    """One email per message and recipients' zone, each multipart/alternative:
    a plain summary naming the meeting's zone (and the recipients' own zone
    when it differs) and a text/calendar part with the method, holding the
    message."""
    assist = make_assist("scheduling", now=NOW)
    away = attrs.evolve(assist.visitors[0], timezone="America/New_York")
    assist.visitors = (away, *assist.visitors[1:])
    batch = emails(assist, sender=assist.host.caller.email, now=NOW)
    york = next(e for e in batch if str(e["To"]) == f"{away.name} <{away.email}>")
    body = york.get_body(("plain",)).get_content()
    assert "When: Monday 16 March 2026, 09:00-17:00 (Europe/London)" in body
    assert "Your time: Monday 16 March 2026, 05:00-13:00 (America/New_York)" in body
    london = next(e for e in batch if str(e["To"]).count("@") > 1)
    assert "Your time" not in london.get_body(("plain",)).get_content()
    assert york.get_content_type() == "multipart/alternative"
    part = york.get_body(("calendar",))
    assert (part.get_content_type(), part.get_param("method"), part.get_content_charset()) == (
        "text/calendar",
        "REQUEST",
        "utf-8",
    )
    assert lint(part.get_content()) == []
    assert str(york["Subject"]).startswith("Invitation: Peer assist:")
    # Day 1 goes out three times: London, Prague (Elena Novak) and New York.
    day1 = [e for e in batch if f"{assist.id}-day1." in e["Message-ID"]]
    assert sorted(str(e["To"]).count("@") for e in day1) == [1, 1, 9]


def test_emails_keep_hostile_names_in_their_headers() -> None:
    """Names full of quotes, commas and angle brackets stay in the display
    name; each address stays its own."""
    assist = make_assist("scheduling", now=NOW)
    names = [n for n in SINGLE_LINE if n.strip()][: len(assist.visitors)]
    assist.visitors = tuple(
        attrs.evolve(v, name=n) for v, n in zip(assist.visitors, names, strict=False)
    )
    for mail in emails(assist, sender=assist.host.caller.email, now=NOW):
        parsed = email.message_from_bytes(bytes(mail), policy=email.policy.default)
        addresses = {a.addr_spec for a in parsed["To"].addresses}
        assert addresses <= {p.email for p, _ in assist.participants()}


def test_a_bad_sender_is_refused() -> None:
    """A sender that is not an address is a CalendarError."""
    with pytest.raises(CalendarError, match="sender"):
        emails(make_assist("scheduling", now=NOW), sender="Priya <p@x>\r\nBcc: all", now=NOW)


class _Keeper:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes]] = []
        self.secure: list[bool] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.received.append((list(envelope.rcpt_tos), bytes(envelope.content)))
            self.secure.append(session.ssl is not None)
        return "250 OK"


def _free_port() -> int:
    # aiosmtpd's start-up check connects to the port it is given, so port 0
    # cannot be used: pick a free one first.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_send_delivers_each_recipient_exactly_their_events() -> None:
    """Through a real SMTP server on 127.0.0.1 every recipient receives
    exactly the messages of the events that invite them, each parsing back
    to the event's UID and SEQUENCE."""
    from aiosmtpd.controller import Controller

    assist = make_assist("scheduling", now=NOW)
    _sent(assist)
    _move(assist, 1, duration(hours=1))
    batch = messages(assist, now=NOW)
    handler = _Keeper()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        sent = send(
            emails(assist, sender=assist.host.caller.email, now=NOW),
            host="127.0.0.1",
            port=controller.port,
            timeout=10,
        )
    finally:
        controller.stop()
    assert sent == len(handler.received)
    got: dict[str, list[tuple[str, int]]] = {}
    for rcpts, raw in handler.received:
        mail = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(mail, EmailMessage)
        part = mail.get_body(("calendar",))
        event = _event(part.get_content())
        for rcpt in rcpts:
            got.setdefault(rcpt, []).append((str(event["UID"]), int(event["SEQUENCE"])))
    expected: dict[str, list[tuple[str, int]]] = {}
    for message in batch:
        for rcpt in message.recipients:
            expected.setdefault(rcpt, []).append((message.uid, message.sequence))
    assert {k: sorted(v) for k, v in got.items()} == expected
    facilitator = assist.facilitator.email
    assert sorted(u.split("-")[-1] for u, _ in got[facilitator]) == [
        "day1@peerassist",
        "day2@peerassist",
        "prebrief@peerassist",
        "social@peerassist",
    ]
    assert assist.host.caller.email not in got
    assert dict(got[facilitator])[f"{assist.id}-day2@peerassist"] == 1


def test_send_names_the_server_it_cannot_reach() -> None:
    """No server listening: a CalendarError naming host and port."""
    port = _free_port()
    with pytest.raises(CalendarError, match=f"127.0.0.1:{port}"):
        send(
            emails(make_assist("scheduling", now=NOW), sender="a@example.org", now=NOW),
            host="127.0.0.1",
            port=port,
            timeout=5,
        )


def test_send_uses_the_smtp_port_by_default() -> None:
    """Without ``port`` the server is asked on SMTP's port 25 (RFC 5321);
    the host here cannot resolve (RFC 6761), so the error names it."""
    mails = emails(make_assist("scheduling", now=NOW), sender="a@example.org", now=NOW)
    with pytest.raises(CalendarError, match=r"SMTP server mail\.invalid:25 to accept"):
        send(mails, host="mail.invalid", timeout=5)


class _Logins:
    """An aiosmtpd authenticator that knows one user and keeps every attempt."""

    def __init__(self, user: str, password: str) -> None:
        self.known = (user, password)
        self.tried: list[tuple[str, str]] = []

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        from aiosmtpd.smtp import AuthResult

        attempt = (data.login.decode(), data.password.decode())
        self.tried.append(attempt)
        return AuthResult(success=attempt == self.known)


@contextlib.contextmanager
def _smtp_server(**options: Any) -> Iterator[tuple[int, _Keeper]]:
    """A real SMTP server on 127.0.0.1, with aiosmtpd's ``options``."""
    from aiosmtpd.controller import Controller

    handler = _Keeper()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port(), **options)
    controller.start()
    try:
        yield controller.port, handler
    finally:
        controller.stop()


# aiosmtpd warns that AUTH without TLS is unsafe: true, and beside the point here.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_send_logs_in_when_the_server_asks_for_it() -> None:
    """A server that takes mail only after AUTH refuses ``send`` without a
    login and with a wrong password (a CalendarError naming the server,
    nothing delivered) and accepts every email once the user logs in."""
    assist = make_assist("scheduling", now=NOW)
    mails = emails(assist, sender=assist.host.caller.email, now=NOW)
    logins = _Logins("organiser", "s3cret")
    options = {"authenticator": logins, "auth_required": True, "auth_require_tls": False}
    with _smtp_server(**options) as (port, kept):
        where = f"SMTP server 127.0.0.1:{port} to accept"
        with pytest.raises(CalendarError, match=where):
            send(mails, host="127.0.0.1", port=port, timeout=10)
        assert logins.tried == []
        with pytest.raises(CalendarError, match=where):
            send(
                mails, host="127.0.0.1", port=port, username="organiser", password="no", timeout=10
            )
        assert kept.received == []
        assert set(logins.tried) == {("organiser", "no")}
        sent = send(
            mails, host="127.0.0.1", port=port, username="organiser", password="s3cret", timeout=10
        )
    assert sent == len(kept.received) == len(mails) == 7
    assert logins.tried[-1] == ("organiser", "s3cret")


# aiosmtpd warns that AUTH without TLS is unsafe: true, and beside the point here.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_send_logs_in_with_an_empty_password_when_none_is_given() -> None:
    """A username without a password logs in with the empty password."""
    assist = make_assist("scheduling", now=NOW)
    mails = emails(assist, sender=assist.host.caller.email, now=NOW)
    logins = _Logins("organiser", "")
    options = {"authenticator": logins, "auth_required": True, "auth_require_tls": False}
    with _smtp_server(**options) as (port, kept):
        sent = send(mails, host="127.0.0.1", port=port, username="organiser", timeout=10)
    assert sent == len(kept.received) == len(mails)
    assert logins.tried == [("organiser", "")]


def test_send_upgrades_to_tls_before_logging_in(tmp_path: Path) -> None:
    """With ``starttls=True`` the connection is upgraded (STARTTLS, RFC 3207)
    before the login, so a server that takes AUTH and mail only over TLS
    accepts every email, each over TLS; without it the same server's refusal
    is a CalendarError and nothing is delivered."""
    openssl = shutil.which("openssl")
    require("openssl", openssl, install="apt-get install openssl")
    assert openssl is not None
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    files = ["-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=x"]
    subprocess.run([openssl, "req", "-x509", *curve, *files], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    assist = make_assist("scheduling", now=NOW)
    mails = emails(assist, sender=assist.host.caller.email, now=NOW)
    logins = _Logins("organiser", "s3cret")
    options = {
        "tls_context": context,
        "require_starttls": True,
        "authenticator": logins,
        "auth_required": True,
    }
    login = {"username": "organiser", "password": "s3cret", "timeout": 10}
    with _smtp_server(**options) as (port, kept):
        with pytest.raises(CalendarError, match=f"127.0.0.1:{port}"):
            send(mails, host="127.0.0.1", port=port, **login)  # type: ignore[arg-type]
        assert (kept.received, logins.tried) == ([], [])
        sent = send(mails, host="127.0.0.1", port=port, starttls=True, **login)  # type: ignore[arg-type]
    assert sent == len(kept.received) == len(mails)
    assert kept.secure == [True] * len(mails)
    assert logins.tried[-1] == ("organiser", "s3cret")


# -- the command line -------------------------------------------------------------------


@pytest.fixture(params=EXAMPLES, ids=lambda p: p.stem)
def example(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    copy = tmp_path / request.param.name
    shutil.copyfile(request.param, copy)
    return copy


def test_invite_out_writes_messages_manifest_calendar_and_todos(
    example: Path, tmp_path: Path
) -> None:
    """``invite --out`` writes one linted message per event with a manifest,
    the combined calendar (no METHOD) and the organiser's to-dos, and
    records what was sent in the assist file."""
    folder = tmp_path / "out"
    code, out, err = _run("invite", str(example), "--out", str(folder), "--now", CLI_NOW)
    assert code == 0, err
    assert "METHOD REQUEST" in out
    manifest = json.loads((folder / "invites" / "recipients.json").read_text("utf-8"))
    files = sorted(p.name for p in (folder / "invites").glob("*.ics"))
    assert sorted(m["file"] for m in manifest) == files
    for entry in manifest:
        text = (folder / "invites" / entry["file"]).read_text("utf-8")
        assert lint(text) == []
        assert libical_errors(text) == []
        event = _event(text)
        assert (str(event["UID"]), int(event["SEQUENCE"])) == (entry["uid"], entry["sequence"])
        attendees = {str(a).removeprefix("mailto:").casefold() for a in event["ATTENDEE"]}
        assert set(entry["recipients"]) < attendees
    calendar = icalendar.Calendar.from_ical((folder / "calendar.ics").read_text("utf-8"))
    assert "METHOD" not in calendar
    assert len(calendar.walk("VEVENT")) == len(manifest)
    todos = icalendar.Calendar.from_ical((folder / "organizer-todo.ics").read_text("utf-8"))
    assert todos.walk("VTODO")
    assert not todos.walk("VEVENT")
    assist = load(example)
    assert assist.invitations is not None
    assert sorted(s.component for s in assist.invitations.sent) == sorted(
        m["file"].removeprefix(assist.id + "-").removesuffix(".ics") for m in manifest
    )


def test_invite_prints_cancel_after_a_workflow_cancel(example: Path, tmp_path: Path) -> None:
    """After ``advance cancel``, ``invite`` says METHOD CANCEL, as its files do."""
    assert _run("advance", str(example), "cancel", "--actor", "priya")[0] == 0
    target = tmp_path / "x.ics"
    code, out, _ = _run("invite", str(example), "-o", str(target), "--out", str(tmp_path / "d"))
    assert code == 0
    assert "METHOD CANCEL" in out
    assert "METHOD REQUEST" not in out
    assert "METHOD:CANCEL" in target.read_text("utf-8")


def test_rsvp_applies_a_reply_and_reports_a_counter(example: Path, tmp_path: Path) -> None:
    """``rsvp FILE REPLY.ics`` records the answer in the file; a COUNTER is
    reported with exit code 1 and the file left alone."""
    assist = load(example)
    invitee = next(p for p, _ in assist.participants() if p.key != assist.host.caller.key)
    message = next(m for m in messages(assist, now=NOW) if invitee.email.casefold() in m.recipients)
    reply = tmp_path / "reply.ics"
    reply.write_text(icalendar_reply(message.text, invitee.email, "ACCEPTED"), encoding="utf-8")
    code, out, _ = _run("rsvp", str(example), str(reply))
    assert code == 0
    assert f"{invitee.email.casefold()} accepted {message.component}" in out
    saved = load(example)
    assert saved.invitations is not None
    assert [(r.email, r.status) for r in saved.invitations.replies] == [
        (invitee.email, PartStat.ACCEPTED)
    ]
    before = example.read_bytes()
    reply.write_text(
        icalendar_reply(message.text, invitee.email, "TENTATIVE").replace(
            "METHOD:REPLY", "METHOD:COUNTER"
        ),
        encoding="utf-8",
    )
    code, out, _ = _run("rsvp", str(example), str(reply))
    assert (code, "COUNTER" in out) == (1, True)
    assert example.read_bytes() == before
    reply.write_text("BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    code, _, err = _run("rsvp", str(example), str(reply))
    assert (code, "expected a VEVENT" in err) == (2, True)
    assert example.read_bytes() == before


# -- invariants -------------------------------------------------------------------------

_SENT_ASSIST = make_assist("scheduling", now=NOW)
_SENT_BATCH = _sent(_SENT_ASSIST)


@settings(max_examples=40)
@given(
    moves=st.lists(st.integers(min_value=-3, max_value=3), min_size=2, max_size=2),
)
def test_only_moved_days_change_sequence(moves: list[int]) -> None:
    """Whatever hours each day moves by, a day's SEQUENCE is 1 exactly when
    it moved, and the dinner and pre-brief keep 0."""
    assist = loads(dumps(_SENT_ASSIST))
    for index, hours in enumerate(moves):
        _move(assist, index, duration(hours=hours))
    got = _by_component(messages(assist, now=NOW))
    assert got == {
        "day1": int(moves[0] != 0),
        "day2": int(moves[1] != 0),
        "prebrief": 0,
        "social": 0,
    }


@settings(max_examples=60)
@given(
    junk=st.text(max_size=200),
    where=st.integers(min_value=0, max_value=2000),
)
def test_any_damaged_reply_is_a_calendar_error_or_applied(junk: str, where: int) -> None:
    """Text spliced anywhere into a valid reply is either read or refused
    with a CalendarError, never another exception."""
    assist = loads(dumps(_SENT_ASSIST))
    good = icalendar_reply(_SENT_BATCH[0].text, assist.visitors[0].email, "ACCEPTED")
    cut = where % (len(good) + 1)
    text = good[:cut] + junk + good[cut:]
    with contextlib.suppress(CalendarError):
        read_reply(assist, text, now=NOW)


@pytest.mark.parametrize("title", [t for t in MULTI_LINE if t.strip()])
def test_hostile_titles_keep_one_event_per_message(title: str) -> None:
    """A title that tries to add lines or components leaves each message
    with one VEVENT, one UID, and a clean lint."""
    assist = make_assist("scheduling", now=NOW)
    assist.title = " ".join(title.split()) or "x"
    for message in messages(assist, now=NOW):
        method, comps = read_all(message.text)
        assert (method, [c["uid"] for c in comps]) == ("REQUEST", [message.uid])
        assert lint(message.text) == []


def test_plan_leaves_the_assist_file_alone(example: Path, tmp_path: Path) -> None:
    """``plan`` writes the same invite files as a preview but does not
    record anything in FILE (``invite --out`` does)."""
    before = example.read_bytes()
    code, _out, _ = _run("plan", str(example), "--out", str(tmp_path / "p"), "--now", CLI_NOW)
    assert code in (0, 1)
    assert (tmp_path / "p" / "invites" / "recipients.json").exists()
    assert (tmp_path / "p" / "calendar.ics").exists()
    assert example.read_bytes() == before


def test_a_delegation_names_who_goes_instead() -> None:
    """A DELEGATED answer records the delegate from DELEGATED-TO."""
    assist = make_assist("scheduling", now=NOW)
    day1 = _sent(assist)[0]
    visitor = assist.visitors[1].email
    text = icalendar_reply(day1.text, visitor, "DELEGATED").replace(
        "PARTSTAT=DELEGATED", 'PARTSTAT=DELEGATED;DELEGATED-TO="mailto:Deputy@Example.org"'
    )
    reply = read_reply(assist, text, now=NOW)
    assert (reply.status, reply.delegated_to) == (PartStat.DELEGATED, "deputy@example.org")
    assert assist.invitations is not None
    assert assist.invitations.replies[0].delegated_to == "deputy@example.org"


def _comment_lines(path: Path) -> list[str]:
    return [line for line in path.read_text("utf-8").splitlines() if line.startswith("#")]


def test_invite_out_and_rsvp_keep_a_hand_written_files_comments(
    example: Path, tmp_path: Path
) -> None:
    """Recording what invites carried and applying a reply write the file back
    as ``advance`` does: every comment line stays, in order, and the file
    changes only where values changed."""
    comments = _comment_lines(example)
    assert comments  # the shipped examples open with comment lines
    assert _run("invite", str(example), "--out", str(tmp_path / "out"))[0] == 0
    assert _comment_lines(example) == comments
    recorded = load(example)
    assert recorded.invitations is not None
    invitee = next(p for p, _ in recorded.participants() if p.key != recorded.host.caller.key)
    message = next(
        m for m in messages(recorded, now=NOW) if invitee.email.casefold() in m.recipients
    )
    reply = tmp_path / "reply.ics"
    reply.write_text(icalendar_reply(message.text, invitee.email, "DECLINED"), encoding="utf-8")
    assert _run("rsvp", str(example), str(reply))[0] == 0
    assert _comment_lines(example) == comments
    saved = load(example)
    assert saved.invitations is not None
    assert [(r.email, r.status) for r in saved.invitations.replies] == [
        (invitee.email, PartStat.DECLINED)
    ]


# -- the reply reader, line by line ------------------------------------------------------

_READ = (
    "BEGIN:VCALENDAR\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:u1\r\n"
    "SEQUENCE:2\r\n"
    "DTSTART:20270301T090000Z\r\n"
    "DTEND:20270301T170000Z\r\n"
    'ATTENDEE;DELEGATED-TO="mailto:a@x.org","mailto:b@x.org";PARTSTAT=DELEGATED'
    ":mailto:Ana@Example.org\r\n"
    "COMMENT:see you\\\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def test_parse_reply_reads_each_property_as_written() -> None:
    """A multi-valued parameter keeps every value, DTEND is read, a trailing
    lone backslash stays as it is, and a reply without METHOD has none."""
    from peerassist.calendar._reply import parse_reply

    read = parse_reply(_READ)
    assert read.method == ""
    (comp,) = read.components
    assert comp.uid == "u1"
    assert comp.sequence == 2
    assert comp.start == DateTime.create(2027, 3, 1, 9, tz=UTC)
    assert comp.end == DateTime.create(2027, 3, 1, 17, tz=UTC)
    assert comp.attendees == (
        (
            "ana@example.org",
            {"DELEGATED-TO": "mailto:a@x.org,mailto:b@x.org", "PARTSTAT": "DELEGATED"},
        ),
    )
    assert comp.comment == "see you\\"


@pytest.mark.parametrize(
    ("good", "bad"),
    [
        ("SEQUENCE:2\r\n", "SEQUENCE:two\r\n"),
        ("DTSTART:20270301T090000Z\r\n", "DTSTART:20270230T090000Z\r\n"),
    ],
)
def test_parse_reply_refuses_a_malformed_number_or_date(good: str, bad: str) -> None:
    """A SEQUENCE that is not a whole number and a date that does not exist
    (30 February) are CalendarErrors naming the property."""
    from peerassist.calendar._reply import parse_reply

    name = bad.split(":")[0]
    with pytest.raises(CalendarError, match=f"reply.{name}"):
        parse_reply(_READ.replace(good, bad))


def test_reply_comments_lose_their_control_characters() -> None:
    """A reply's comment keeps line breaks (CRLF and CR made LF); other
    control characters become U+FFFD."""
    from peerassist.calendar._reply import clean_comment

    assert clean_comment("a\x07b\x7fc\r\nd\re\tf") == "a\ufffdb\ufffdc\nd\ne\tf"


_TITLE = "Redesigning the emergency department front door"
_SUMMARIES = [
    f"Peer assist dinner: {_TITLE}",
    f"Peer assist: {_TITLE} (day 1 of 2)",
    f"Peer assist: {_TITLE} (day 2 of 2)",
    f"Pre-brief with the facilitator: {_TITLE}",
]


def test_email_subjects_say_what_the_message_does() -> None:
    """PUBLISH keeps the bare summary, CANCEL says "Cancelled:" (and the body
    says so), a REQUEST already sent and since moved says "Updated
    invitation:", a first REQUEST "Invitation:"."""
    assist = make_assist("scheduling", now=NOW)
    assert assist.title == _TITLE
    sender = assist.host.caller.email

    def subjects(method: str) -> list[str]:
        mails = emails(assist, sender=sender, now=NOW, method=method)
        return sorted({str(m["Subject"]) for m in mails})

    assert subjects("PUBLISH") == _SUMMARIES
    assert subjects("CANCEL") == [f"Cancelled: {s}" for s in _SUMMARIES]
    for mail in emails(assist, sender=sender, now=NOW, method="CANCEL"):
        body = mail.get_body(preferencelist=("plain",))
        assert body is not None
        assert "\nThis event is cancelled.\n" in body.get_content()
    _sent(assist)
    _move(assist, 0, duration(hours=1))
    assert subjects("REQUEST") == [
        f"Invitation: {_SUMMARIES[0]}",
        f"Invitation: {_SUMMARIES[2]}",
        f"Invitation: {_SUMMARIES[3]}",
        f"Updated invitation: {_SUMMARIES[1]}",
    ]


def test_send_refuses_what_is_not_an_email_before_connecting() -> None:
    """Anything but an EmailMessage is refused by its index, before any
    server is contacted (the host here does not exist)."""
    assist = make_assist("scheduling", now=NOW)
    good = emails(assist, sender=assist.host.caller.email, now=NOW)[0]
    with pytest.raises(CalendarError, match=r"^emails\[1\]: expected an EmailMessage, found str"):
        send([good, "not an email"], host="mail.invalid")  # type: ignore[list-item]


def test_mark_sent_records_only_what_changed() -> None:
    """Marking the same batch twice changes nothing the second time; a
    moved window (a new SEQUENCE) or a new place is recorded again."""
    assist = make_assist("scheduling", now=NOW)
    batch = messages(assist, now=NOW)
    assert mark_sent(assist, batch, now=NOW) is True
    assert mark_sent(assist, batch, now=NOW) is False
    _move(assist, 0, duration(hours=1))
    assert mark_sent(assist, messages(assist, now=NOW), now=NOW) is True
    assert mark_sent(assist, messages(assist, now=NOW), now=NOW) is False
    assist.logistics = attrs.evolve(assist.logistics, venue="Room 4, Main Building")
    assert mark_sent(assist, messages(assist, now=NOW), now=NOW) is True


def test_message_ids_are_one_angle_bracketed_address() -> None:
    """Each Message-ID is ``<uid-before-@.SEQUENCE.digest@sender's domain>``
    (RFC 5322 msg-id), the digest 16 hex digits telling apart the emails of
    one event; every email of a batch has its own."""
    assist = make_assist("scheduling", now=NOW)
    _sent(assist)
    _move(assist, 0, duration(hours=1))
    sender = assist.host.caller.email
    shape = re.compile(
        r"<pa-ed-front-door-(day1\.1|day2\.0|prebrief\.0|social\.0)\.[0-9a-f]{16}"
        r"@stelsewhere\.nhs\.example>"
    )
    ids = [str(mail["Message-ID"]) for mail in emails(assist, sender=sender, now=NOW)]
    assert [shape.fullmatch(i) is not None for i in ids] == [True] * 7
    assert len(set(ids)) == 7
    assert sum("-day1.1." in i for i in ids) == 2


def test_email_headers_name_the_sender_the_recipients_and_the_date() -> None:
    """From names the organiser when the sender takes part and is the bare
    address otherwise; To names each recipient; Date is ``now`` in RFC 5322
    form."""
    assist = make_assist("scheduling", now=NOW)

    def prebrief(sender: str) -> EmailMessage:
        batch = emails(assist, sender=sender, now=NOW)
        return next(m for m in batch if "-prebrief." in str(m["Message-ID"]))

    mail = prebrief("priya.raman@stelsewhere.nhs.example")
    assert str(mail["From"]) == "Priya Raman <priya.raman@stelsewhere.nhs.example>"
    assert str(mail["To"]) == (
        "Grace Liu <grace.liu@stelsewhere.nhs.example>, "
        "Lucy Marsh <lucy.marsh@stelsewhere.nhs.example>, "
        "Dr Sam Okafor <sam.okafor@stelsewhere.nhs.example>"
    )
    assert str(mail["Date"]) == "Mon, 02 Mar 2026 12:00:00 +0000"
    assert str(prebrief("office@example.org")["From"]) == "office@example.org"


def test_mark_sent_refuses_what_is_not_a_message() -> None:
    """Anything but a Message is a CalendarError naming its type, and
    nothing is recorded, not even the messages before it."""
    assist = make_assist("scheduling", now=NOW)
    batch = messages(assist, now=NOW)
    before = dumps(assist)
    with pytest.raises(CalendarError, match=r"^messages: expected Message values, found str$"):
        mark_sent(assist, [batch[0], "day2"], now=NOW)  # type: ignore[list-item]
    assert dumps(assist) == before


def test_the_email_body_says_when_and_where() -> None:
    """The plain-text part names the day's time in the meeting's zone and
    the venue; without a venue or link there is no "Where:" line."""
    assist = make_assist("scheduling", now=NOW)
    sender = assist.host.caller.email
    day1 = f"Peer assist: {_TITLE} (day 1 of 2)"

    def body() -> str:
        for mail in emails(assist, sender=sender, now=NOW):
            if str(mail["Subject"]) == f"Invitation: {day1}":
                part = mail.get_body(preferencelist=("plain",))
                assert part is not None
                return str(part.get_content())
        raise AssertionError("no email for day 1")

    assert body() == (
        f"{day1}\n\n"
        "When: Monday 16 March 2026, 09:00-17:00 (Europe/London)\n"
        "Where: Education Centre, St Elsewhere Hospital\n\n"
        "The calendar invitation is attached; your calendar can add it and reply.\n"
    )
    assist.logistics = attrs.evolve(assist.logistics, venue="")
    assert "Where:" not in body()
