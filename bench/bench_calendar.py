"""Invites for two-day assists with 8 attendees each: peerassist's hardened
export against a plain ics 0.7.3 export of the same events (no hardening) and
against icalendar, measured in the same run, per event. Then ``messages()``
(one iTIP message per event) for the shipped examples, against plain ics
0.7.3 building and writing the same events one message each.

Each meeting day is one VEVENT with an organizer, 8 attendees, a display
alarm, SEQUENCE and the same texts. The baselines start from the same
planned values (summary, description, times, people), so all three do the
same work: build the objects and write the text.
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

from _harness import Result, best_per_call
from peerassist._time import UTC, DateTime
from peerassist.agenda import agenda_for
from peerassist.calendar import EVENT_PARTS, PARTS, messages, to_ics
from peerassist.calendar._options import check_options
from peerassist.calendar._plan import plan
from peerassist.serialize import load
from peerassist.testing import make_assist

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.toml"))

NOW = DateTime.create(2026, 3, 2, 12, tz=UTC)
STAMP = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)


def _assists(count: int) -> list[object]:
    out = []
    for index in range(count):
        assist = make_assist("scheduling", now=NOW.add(days=index % 120))
        assist.id = f"pa-bench-{index:05d}"
        assist.visitors = assist.visitors[:2]  # caller, 2 hosts, 3 roles, 2 visitors: 8
        assert len(list(assist.participants())) == 8
        assert len(assist.logistics.windows) == 2
        out.append(assist)
    return out


def _parts(assist: object, agenda: object) -> list[object]:
    options = check_options(
        assist,
        method="REQUEST",
        organizer="caller",
        per_slot=False,
        alarm=dt.timedelta(minutes=30),
        parts={"days"},
        roles=None,
        policy=None,
        sequence=None,
        uid_domain="peerassist",
        agenda=agenda,  # type: ignore[arg-type]
    )
    return plan(assist, options)  # type: ignore[arg-type]


def _event_parts(assist: object, agenda: object) -> list[object]:
    options = check_options(
        assist,
        method="REQUEST",
        organizer="caller",
        per_slot=False,
        alarm=dt.timedelta(minutes=30),
        parts=EVENT_PARTS,
        roles=None,
        policy=None,
        sequence=None,
        uid_domain="peerassist",
        agenda=agenda,  # type: ignore[arg-type]
    )
    return plan(assist, options)  # type: ignore[arg-type]


def _plain_ics_messages(parts: list[object]) -> None:
    """One ics calendar per event, with METHOD, built and written plainly."""
    import ics
    from ics.alarm import DisplayAlarm
    from ics.grammar.parse import ContentLine

    for part in parts:
        calendar = ics.Calendar(creator="-//bench//ics//EN")
        calendar.method = "REQUEST"
        event = ics.Event(
            name=part.summary,
            begin=part.start,
            end=part.end,
            uid=part.uid,
            description=part.description,
            created=STAMP,
            location=part.location or None,
            status=part.status,
        )
        event.organizer = ics.Organizer(part.organizer.email, common_name=part.organizer.name)
        for person in part.attendees:
            event.attendees.add(
                ics.Attendee(
                    person.email,
                    common_name=person.name,
                    role=person.role,
                    partstat=person.partstat,
                    rsvp="TRUE" if person.rsvp else None,
                    cutype="INDIVIDUAL",
                )
            )
        if part.alarm is not None:
            event.alarms.append(DisplayAlarm(trigger=-part.alarm, display_text=part.summary))
        event.extra.append(ContentLine("SEQUENCE", {}, str(part.sequence)))
        calendar.events.add(event)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # ics' VALARM warning
            calendar.serialize()


def _messages_results(quick: bool) -> list[Result]:
    examples = [load(path) for path in EXAMPLES]
    agendas = [agenda_for(a) for a in examples]
    parts = [p for a, g in zip(examples, agendas, strict=True) for p in _event_parts(a, g)]
    events = len(parts)
    rounds = 20 if quick else 200

    def ours() -> None:
        for _ in range(rounds):
            for assist, agenda in zip(examples, agendas, strict=True):
                messages(assist, now=NOW, agenda=agenda)

    def baseline() -> None:
        for _ in range(rounds):
            _plain_ics_messages(parts)

    repeat = 3
    t_ours = best_per_call(ours, number=1, repeat=repeat) / (events * rounds)
    t_ics = best_per_call(baseline, number=1, repeat=repeat) / (events * rounds)
    return [
        Result(
            name="calendar: messages() for the shipped examples, per event",
            ours=t_ours,
            baseline=t_ics,
            baseline_name="plain ics 0.7.3, one message per event",
            unit="event",
            target=1.3,
            note=f"{len(examples)} examples, {events} events; agendas planned beforehand",
        )
    ]


def _plain_ics(planned: list[tuple[int, list[object]]]) -> None:
    import ics
    from ics.alarm import DisplayAlarm
    from ics.grammar.parse import ContentLine

    for sequence, parts in planned:
        calendar = ics.Calendar(creator="-//bench//ics//EN")
        calendar.method = "REQUEST"
        for part in parts:
            event = ics.Event(
                name=part.summary,
                begin=part.start,
                end=part.end,
                uid=part.uid,
                description=part.description,
                created=STAMP,
                location=part.location or None,
                status=part.status,
            )
            event.organizer = ics.Organizer(part.organizer.email, common_name=part.organizer.name)
            for person in part.attendees:
                event.attendees.add(
                    ics.Attendee(
                        person.email,
                        common_name=person.name,
                        role=person.role,
                        partstat="NEEDS-ACTION",
                        rsvp="TRUE",
                        cutype="INDIVIDUAL",
                    )
                )
            event.alarms.append(DisplayAlarm(trigger=-part.alarm, display_text=part.summary))
            event.extra.append(ContentLine("SEQUENCE", {}, str(sequence)))
            calendar.events.add(event)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # ics' VALARM warning
            calendar.serialize()


def _icalendar(planned: list[tuple[int, list[object]]]) -> None:
    import icalendar

    for sequence, parts in planned:
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//bench//icalendar//EN")
        calendar.add("version", "2.0")
        calendar.add("method", "REQUEST")
        for part in parts:
            event = icalendar.Event()
            event.add("uid", part.uid)
            event.add("dtstamp", STAMP)
            event.add("dtstart", part.start)
            event.add("dtend", part.end)
            event.add("summary", part.summary)
            event.add("description", part.description)
            if part.location:
                event.add("location", part.location)
            event.add("status", part.status)
            event.add("sequence", sequence)
            organizer = icalendar.vCalAddress("mailto:" + part.organizer.email)
            organizer.params["cn"] = icalendar.vText(part.organizer.name)
            event.add("organizer", organizer)
            for person in part.attendees:
                attendee = icalendar.vCalAddress("mailto:" + person.email)
                attendee.params["cn"] = icalendar.vText(person.name)
                attendee.params["role"] = icalendar.vText(person.role)
                attendee.params["partstat"] = icalendar.vText("NEEDS-ACTION")
                attendee.params["rsvp"] = icalendar.vText("TRUE")
                attendee.params["cutype"] = icalendar.vText("INDIVIDUAL")
                event.add("attendee", attendee, encode=0)
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", part.summary)
            alarm.add("trigger", -part.alarm)
            event.add_component(alarm)
            calendar.add_component(event)
        calendar.to_ical()


def run(quick: bool) -> list[Result]:
    count = 40 if quick else 1000
    assists = _assists(count)
    agendas = [agenda_for(a) for a in assists]  # type: ignore[arg-type]
    planned = [(a.revision, _parts(a, g)) for a, g in zip(assists, agendas, strict=True)]  # type: ignore[attr-defined]
    events = sum(len(p) for _, p in planned)
    assert events == 2 * count

    def ours() -> None:
        for assist, agenda in zip(assists, agendas, strict=True):
            to_ics(assist, now=NOW, parts={"days"}, agenda=agenda)  # type: ignore[arg-type]

    def ours_with_agenda() -> None:
        for assist in assists:
            to_ics(assist, now=NOW, parts={"days"})  # type: ignore[arg-type]

    repeat = 3
    t_ours = best_per_call(ours, number=1, repeat=repeat) / events
    t_ics = best_per_call(lambda: _plain_ics(planned), number=1, repeat=repeat) / events
    t_ical = best_per_call(lambda: _icalendar(planned), number=1, repeat=repeat) / events
    t_full = best_per_call(ours_with_agenda, number=1, repeat=1 if quick else 2) / events
    size = f"{count} two-day assists, 8 attendees, {events} events"
    assert {"days"} <= PARTS
    return [
        Result(
            name="calendar: hardened invite, per event",
            ours=t_ours,
            baseline=t_ics,
            baseline_name="plain ics 0.7.3",
            unit="event",
            target=1.3,
            note=size + "; agenda planned beforehand",
        ),
        Result(
            name="calendar: hardened invite, per event",
            ours=t_ours,
            baseline=t_ical,
            baseline_name="icalendar",
            unit="event",
            target=1.0,
            note=size + "; agenda planned beforehand",
        ),
        Result(
            name="calendar: hardened invite with agenda planning, per event",
            ours=t_full,
            baseline=t_ics,
            baseline_name="plain ics 0.7.3",
            unit="event",
            note=size + "; includes agenda_for() for each assist",
        ),
        *_messages_results(quick),
    ]
