"""Hostile strings for the iCalendar export: each tries to add a property, a
parameter or a component, to break a parser, or to slip past the folding.

``SINGLE_LINE`` holds what the model accepts in single-line fields (names,
titles, venues, links); ``MULTI_LINE`` adds line breaks, which the model
accepts in multi-line fields (``purpose.problem``...); ``RAW`` adds what the
model refuses everywhere (NUL and other controls, lone surrogates), for the
sanitiser's own tests.
"""

from __future__ import annotations

SINGLE_LINE: tuple[str, ...] = (
    "Eve;ROLE=CHAIR",
    'Eve";ROLE=CHAIR;X="',
    "Doe, John",
    "x:mailto:mallory@evil.example",
    'a"b"c',
    "back\\slash\\n\\, \\;",
    "ends with a backslash\\",
    "\\",
    ';:,"\\',
    "^n ^' ^^ caret",
    "BEGIN:VEVENT",
    "END:VCALENDAR",
    "UID:pa-evil@peerassist",
    "Zoë Ångström-Øre",
    "李小龙 · 東京",
    "مرحبا بالعالم",
    "🧑‍⚕️👩🏽‍🔬🎉 emoji",
    "\ufeffBOM and zero\u200bwidth",
    "tab\tinside",
    "A" * 300,
    "é" * 200,
    "🎉" * 100,
    "x" * 74 + "é" + "y" * 74,
    "trailing space ",
    "  ",
)

MULTI_LINE: tuple[str, ...] = (
    *SINGLE_LINE,
    "line one\r\nBEGIN:VEVENT\r\nUID:evil@x\r\nEND:VEVENT",
    "lone CR\rSUMMARY:evil",
    "lone LF\nATTENDEE:mailto:evil@x.example",
    "\r\n\r\n",
    "END:VEVENT\nEND:VCALENDAR\nBEGIN:VCALENDAR",
    "unicode\u2028line\u2029separators\x85nel",
    "a" * 100 + "\n" + "b" * 100,
)

RAW: tuple[str, ...] = (
    *MULTI_LINE,
    "nul\x00byte",
    "bell\x07 and escape\x1b[31m",
    "vertical\x0btab and form\x0cfeed",
    "file\x1cgroup\x1drecord\x1eunit\x1fsep",
    "del\x7f and c1\x80\x9f",
    "lone \ud800 surrogate",
    "\udfff",
)


# -- reading invites back with independent parsers ---------------------------


def _mailto(uri: str) -> str:
    from urllib.parse import unquote

    text = str(uri)
    assert text.lower().startswith("mailto:"), text
    return unquote(text[len("mailto:") :])


def read_icalendar(text: str) -> tuple[str | None, list[dict[str, object]]]:
    """Parse with ``icalendar`` (lenient); return (METHOD, components)."""
    import icalendar

    calendar = icalendar.Calendar.from_ical(text)
    method = calendar.get("METHOD")
    out = []
    for comp in calendar.subcomponents:
        if comp.name not in ("VEVENT", "VTODO"):
            continue
        attendees = comp.get("ATTENDEE", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        organizer = comp.get("ORGANIZER")
        out.append(
            {
                "kind": comp.name,
                "uid": str(comp["UID"]),
                "sequence": int(comp["SEQUENCE"]),
                "dtstamp": comp["DTSTAMP"].dt,
                "start": comp["DTSTART"].dt if "DTSTART" in comp else None,
                "end": comp["DTEND"].dt if "DTEND" in comp else None,
                "due": comp["DUE"].dt if "DUE" in comp else None,
                "status": str(comp.get("STATUS")),
                "summary": str(comp.get("SUMMARY", "")),
                "description": str(comp.get("DESCRIPTION", "")),
                "location": str(comp.get("LOCATION", "")),
                "url": str(comp.get("URL", "")),
                "organizer": (_mailto(organizer), organizer.params.get("CN")),
                "attendees": [
                    (
                        _mailto(a),
                        a.params.get("CN"),
                        a.params.get("ROLE"),
                        a.params.get("PARTSTAT"),
                        a.params.get("RSVP"),
                        a.params.get("CUTYPE"),
                    )
                    for a in attendees
                ],
                "alarms": len([s for s in comp.subcomponents if s.name == "VALARM"]),
            }
        )
    return (str(method) if method else None), out


def read_ical(text: str) -> tuple[str | None, list[dict[str, object]]]:
    """Parse with ``ical`` (strict); return (METHOD, components)."""
    from ical.calendar_stream import IcsCalendarStream

    stream = IcsCalendarStream.from_ics(text)
    assert len(stream.calendars) == 1
    calendar = stream.calendars[0]
    out = []
    for comp in [*calendar.events, *calendar.todos]:
        is_event = hasattr(comp, "dtend")
        out.append(
            {
                "kind": "VEVENT" if is_event else "VTODO",
                "uid": comp.uid,
                "sequence": comp.sequence,
                "dtstamp": comp.dtstamp,
                "start": comp.dtstart,
                "end": comp.dtend if is_event else None,
                "due": None if is_event else comp.due,
                "status": str(comp.status.value) if comp.status else "None",
                "summary": comp.summary or "",
                "description": comp.description or "",
                "location": comp.location or "",
                "url": comp.url or "",
                "organizer": (_mailto(comp.organizer.uri), comp.organizer.common_name),
                "attendees": [
                    (
                        _mailto(a.uri),
                        a.common_name,
                        a.role and str(a.role.value if hasattr(a.role, "value") else a.role),
                        a.status
                        and str(a.status.value if hasattr(a.status, "value") else a.status),
                        None if a.rsvp is None else ("TRUE" if a.rsvp else "FALSE"),
                        a.user_type
                        and str(
                            a.user_type.value if hasattr(a.user_type, "value") else a.user_type
                        ),
                    )
                    for a in comp.attendees
                ],
                "alarms": len(comp.alarm) if is_event else 0,
            }
        )
    out.sort(key=lambda c: (c["kind"] != "VEVENT", c["uid"]))
    return calendar.method, out


def _lenient_view(attendees: object) -> object:
    # icalendar unescapes "\\," and "\\;" inside parameter values, which RFC
    # 5545 does not define (ical, the strict reader, keeps them).
    return [
        (a[0], a[1] and a[1].replace("\\,", ",").replace("\\;", ";"), *a[2:])
        for a in attendees  # type: ignore[attr-defined]
    ]


def read_all(text: str) -> tuple[str | None, list[dict[str, object]]]:
    """Parse ``text`` with icalendar, ical (strict) and vobject; check they agree.

    Returns what ical (strict) read: (METHOD, components in file order).
    """
    import vobject

    method, comps = read_icalendar(text)
    strict_method, strict = read_ical(text)
    assert method == strict_method
    by_uid = {c["uid"]: c for c in strict}
    assert sorted(by_uid) == sorted(c["uid"] for c in comps)
    for comp in comps:
        other = by_uid[comp["uid"]]
        for key in comp:
            left, right = comp[key], other[key]
            if key == "attendees":
                right = _lenient_view(right)
            elif key == "organizer":
                right = _lenient_view([right])[0]
            assert left == right, (key, left, right)
    parsed = vobject.readOne(text)
    count = len(getattr(parsed, "vevent_list", [])) + len(getattr(parsed, "vtodo_list", []))
    assert count == len(comps)
    return strict_method, strict
