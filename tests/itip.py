"""Test helpers for iTIP (RFC 5546): a linter, libical's check, client replies.

:func:`lint` checks one message against RFC 5546's restriction tables, read
with icalendar (independent of the code under test); :func:`libical_errors`
runs libical's own iTIP restriction check through GObject introspection;
:func:`icalendar_reply` writes a REPLY the way a client does, with the
``icalendar`` library.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any

import icalendar

from real import require

# RFC 5546 section 3.2 (VEVENT) and 3.4 (VTODO): property -> (min, max) per
# method; None is "any number". Properties not listed are not restricted here.
_ONE = (1, 1)
_OPT = (0, 1)
_ANY = (0, None)
_SOME = (1, None)
_NONE = (0, 0)
TABLES: dict[tuple[str, str], dict[str, tuple[int, int | None]]] = {
    ("VEVENT", "PUBLISH"): {
        "DTSTAMP": _ONE,
        "DTSTART": _ONE,
        "ORGANIZER": _ONE,
        "SUMMARY": _ONE,
        "UID": _ONE,
        "SEQUENCE": _OPT,
        "ATTENDEE": _NONE,
        "DTEND": _OPT,
        "DURATION": _OPT,
        "STATUS": _OPT,
    },
    ("VEVENT", "REQUEST"): {
        "ATTENDEE": _SOME,
        "DTSTAMP": _ONE,
        "DTSTART": _ONE,
        "ORGANIZER": _ONE,
        "SEQUENCE": _OPT,
        "SUMMARY": _ONE,
        "UID": _ONE,
        "DTEND": _OPT,
        "DURATION": _OPT,
        "STATUS": _OPT,
    },
    ("VEVENT", "REPLY"): {
        "ATTENDEE": _ONE,
        "DTSTAMP": _ONE,
        "ORGANIZER": _ONE,
        "UID": _ONE,
        "SEQUENCE": _OPT,
    },
    ("VEVENT", "CANCEL"): {
        "DTSTAMP": _ONE,
        "ORGANIZER": _ONE,
        "SEQUENCE": _ONE,
        "UID": _ONE,
        "ATTENDEE": _ANY,
        "STATUS": _OPT,
    },
    ("VTODO", "REQUEST"): {
        "ATTENDEE": _SOME,
        "DTSTAMP": _ONE,
        "DTSTART": _ONE,
        "ORGANIZER": _ONE,
        "PRIORITY": _ONE,
        "SUMMARY": _ONE,
        "UID": _ONE,
        "SEQUENCE": _OPT,
        "DUE": _OPT,
        "STATUS": _OPT,
    },
}
STATUSES = {
    ("VEVENT", "PUBLISH"): {"TENTATIVE", "CONFIRMED", "CANCELLED"},
    ("VEVENT", "REQUEST"): {"TENTATIVE", "CONFIRMED"},
    ("VEVENT", "CANCEL"): {"CANCELLED"},
    ("VTODO", "REQUEST"): {"NEEDS-ACTION", "COMPLETED", "IN-PROCESS"},
}
NO_ALARM = {"CANCEL", "REPLY"}
# One UID per message for these methods (RFC 5546 sections 3.2.2, 3.2.3, 3.2.5).
ONE_UID = {"REQUEST", "CANCEL", "REPLY"}


def _count(component: Any, name: str) -> int:
    value = component.get(name)
    if value is None:
        return 0
    return len(value) if isinstance(value, list) else 1


def lint(text: str) -> list[str]:
    """Return what ``text`` breaks of RFC 5546's restrictions ([] when none)."""
    calendar = icalendar.Calendar.from_ical(text)
    problems: list[str] = []
    for name in ("PRODID", "VERSION", "METHOD"):
        if _count(calendar, name) != 1:
            problems.append(f"VCALENDAR: expected one {name}")
    method = str(calendar.get("METHOD", "")).upper()
    kinds = {c.name for c in calendar.subcomponents if c.name != "VTIMEZONE"}
    if len(kinds) != 1:
        problems.append(f"expected one component type, found {sorted(kinds)}")
    components = [c for c in calendar.subcomponents if c.name in ("VEVENT", "VTODO")]
    uids = {str(c.get("UID")) for c in components}
    if method in ONE_UID and len(uids) != 1:
        problems.append(f"{method}: expected one UID, found {len(uids)}")
    for component in components:
        table = TABLES.get((component.name, method))
        if table is None:
            problems.append(f"no table for {component.name} {method}")
            continue
        for prop, (low, high) in table.items():
            count = _count(component, prop)
            if count < low or (high is not None and count > high):
                problems.append(
                    f"{component.name} {method}: {prop} x{count}, expected {low}-{high}"
                )
        if "DTEND" in component and "DURATION" in component:
            problems.append(f"{component.name}: DTEND and DURATION together")
        allowed = STATUSES.get((component.name, method))
        status = component.get("STATUS")
        if status is not None and allowed is not None and str(status) not in allowed:
            problems.append(f"{component.name} {method}: STATUS {status} not in {sorted(allowed)}")
        if method in NO_ALARM and any(s.name == "VALARM" for s in component.subcomponents):
            problems.append(f"{component.name} {method}: a VALARM")
        if method in ("REQUEST", "CANCEL") and int(component.get("SEQUENCE", 0)) < 0:
            problems.append("negative SEQUENCE")
    return problems


def libical() -> Any:
    """libical's GObject binding (ICalGLib 3.0), or skip/fail when missing."""

    path = "/usr/lib/python3/dist-packages"
    if path not in sys.path:
        sys.path.append(path)
    try:
        with warnings.catch_warnings():
            # PyGObject's importer predates exec_module and says so.
            warnings.simplefilter("ignore", ImportWarning)
            import gi

            gi.require_version("ICalGLib", "3.0")
            from gi.repository import ICalGLib
    except (ImportError, ValueError):
        ICalGLib = None  # noqa: N806
    require("libical (gir1.2-ical-3.0, python3-gi)", ICalGLib)
    return ICalGLib


def libical_errors(text: str) -> list[str]:
    """libical's iTIP restriction check: the X-LIC-ERROR lines it adds ([] if none)."""
    lib = libical()
    component = lib.Component.new_from_string(text)
    assert component is not None, "libical could not parse the text"
    ok = component.check_restrictions()
    found: list[str] = []

    def walk(node: Any) -> None:
        prop = node.get_first_property(lib.PropertyKind.XLICERROR_PROPERTY)
        while prop is not None:
            found.append(prop.as_ical_string().replace("\r\n ", "").strip())
            prop = node.get_next_property(lib.PropertyKind.XLICERROR_PROPERTY)
        child = node.get_first_component(lib.ComponentKind.ANY_COMPONENT)
        while child is not None:
            walk(child)
            child = node.get_next_component(lib.ComponentKind.ANY_COMPONENT)

    walk(component)
    if not ok and not found:
        found.append("check_restrictions failed")
    return found


def icalendar_reply(request: str, email: str, partstat: str, *, comment: str = "") -> str:
    """Write ``email``'s REPLY to ``request`` with icalendar, as a client does.

    The reply carries the request's UID, SEQUENCE, times, ORGANIZER and
    SUMMARY, and one ATTENDEE: the one answering, with ``partstat``.
    """
    asked = icalendar.Calendar.from_ical(request)
    event = next(c for c in asked.subcomponents if c.name == "VEVENT")
    reply = icalendar.Calendar()
    reply.add("prodid", "-//Test client//EN")
    reply.add("version", "2.0")
    reply.add("method", "REPLY")
    answer = icalendar.Event()
    for name in ("UID", "SEQUENCE", "DTSTART", "DTEND", "ORGANIZER", "SUMMARY"):
        if name in event:
            answer[name] = event[name]
    answer.add("dtstamp", event.decoded("DTSTAMP"))
    attendee = icalendar.vCalAddress(f"mailto:{email}")
    attendee.params["PARTSTAT"] = partstat
    answer.add("attendee", attendee)
    if comment:
        answer.add("comment", comment)
    reply.add_component(answer)
    return reply.to_ical().decode("utf-8")
