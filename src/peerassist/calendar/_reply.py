"""Read iTIP replies (RFC 5546 section 3.2.3) back onto an assist.

A small, strict reader of the few properties a REPLY or COUNTER carries
(METHOD, UID, SEQUENCE, ATTENDEE with PARTSTAT, DTSTART, DTEND, COMMENT),
written here rather than with a general parser: mail clients add time-zone
definitions, vendor properties and parameters that need not be understood,
and the values that matter are simple. Lines are unfolded (RFC 5545 3.1),
parameter values may be quoted and RFC 6868-encoded.
"""

from __future__ import annotations

import datetime as _dt
import re
import zoneinfo

from peerassist._attrs import frozen
from peerassist._time import DateTime, as_instant, is_known_zone, utc_now
from peerassist.exceptions import CalendarError
from peerassist.model import AuditEntry, Invitations, PartStat, PeerAssist, Person, Rsvp

__all__ = ["ReadComponent", "ReadReply", "Reply", "parse_reply", "read_reply"]

MAX_REPLY_BYTES = 1_000_000
"""A reply larger than this is refused unread."""

_FOLD = re.compile(r"\r?\n[ \t]")
_STAMP = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)\Z")
_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})\Z")
_ANSWERS = ("ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED")


@frozen(kw_only=True)
class ReadComponent:
    """One VEVENT or VTODO of a reply, with the properties that matter."""

    uid: str
    sequence: int
    attendees: tuple[tuple[str, dict[str, str]], ...]
    start: DateTime | None
    end: DateTime | None
    comment: str


@frozen(kw_only=True)
class ReadReply:
    """A parsed reply: its METHOD and its components."""

    method: str
    components: tuple[ReadComponent, ...]


def _split(line: str) -> tuple[str, dict[str, str], str]:
    """Split a content line into name, parameters (upper-case keys) and value."""
    params: dict[str, str] = {}
    index, size = 0, len(line)
    while index < size and line[index] not in ";:":
        index += 1
    name = line[:index].upper()
    while index < size and line[index] == ";":
        index += 1
        key_start = index
        while index < size and line[index] not in "=;:":
            index += 1
        key = line[key_start:index].upper()
        value = ""
        if index < size and line[index] == "=":
            index += 1
            parts: list[str] = []
            while True:
                if index < size and line[index] == '"':
                    end = line.find('"', index + 1)
                    if end < 0:
                        raise CalendarError(f"reply: expected a closing quote in {line[:60]!r}")
                    parts.append(line[index + 1 : end])
                    index = end + 1
                else:
                    start = index
                    while index < size and line[index] not in ",;:":
                        index += 1
                    parts.append(line[start:index])
                if index < size and line[index] == ",":
                    index += 1
                    continue
                break
            value = ",".join(_decode_param(p) for p in parts)
        params[key] = value
    if index >= size or line[index] != ":":
        raise CalendarError(f"reply: expected NAME:VALUE, found {line[:60]!r}")
    return name, params, line[index + 1 :]


def _decode_param(value: str) -> str:
    if "^" not in value:
        return value
    out, index = [], 0
    while index < len(value):
        ch = value[index]
        if ch == "^" and index + 1 < len(value) and value[index + 1] in "n'^":
            out.append({"n": "\n", "'": '"', "^": "^"}[value[index + 1]])
            index += 2
        else:
            out.append(ch)
            index += 1
    return "".join(out)


def _unescape(value: str) -> str:
    out, index = [], 0
    while index < len(value):
        ch = value[index]
        if ch == "\\" and index + 1 < len(value):
            nxt = value[index + 1]
            out.append("\n" if nxt in "nN" else nxt)
            index += 2
        else:
            out.append(ch)
            index += 1
    return "".join(out)


def address(value: str) -> str:
    """The address of a ``mailto:`` calendar address, lower case."""
    text = value.strip()
    if text[:7].lower() == "mailto:":
        text = text[7:]
    from urllib.parse import unquote

    return unquote(text).strip().casefold()


def _time(params: dict[str, str], value: str, path: str) -> DateTime | None:
    """An instant from DTSTART/DTEND, or None when its zone is not an IANA name."""
    value = value.strip()
    found = _STAMP.match(value)
    if found is None:
        if _DATE.match(value):
            return None  # all-day: no instant to compare
        raise CalendarError(f"{path}: expected a date-time like 20270301T090000Z, found {value!r}")
    y, mo, d, h, mi, s, utc = found.groups()
    zone = params.get("TZID", "").strip().lstrip("/")
    if utc:
        tz: _dt.tzinfo = _dt.UTC
    elif zone and is_known_zone(zone):
        tz = zoneinfo.ZoneInfo(zone)
    else:
        return None  # a floating time or a vendor zone name (Outlook's "GMT Standard Time")
    try:
        moment = _dt.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), tzinfo=tz)
    except ValueError:
        raise CalendarError(f"{path}: expected a real date-time, found {value!r}") from None
    return as_instant(moment)


def parse_reply(text: str | bytes) -> ReadReply:
    """Parse an iTIP message's METHOD and top-level VEVENT/VTODO components.

    Raises:
        CalendarError: for text that is not one iCalendar object, or a
            property this reader needs that is malformed.
    """
    if isinstance(text, bytes):
        if len(text) > MAX_REPLY_BYTES:
            raise CalendarError(f"reply: expected at most {MAX_REPLY_BYTES} bytes, found more")
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise CalendarError(f"reply: expected UTF-8 text, found {err.reason}") from None
    if not isinstance(text, str):
        raise CalendarError(f"reply: expected iCalendar text, found {type(text).__name__}")
    if len(text) > MAX_REPLY_BYTES:
        raise CalendarError(f"reply: expected at most {MAX_REPLY_BYTES} characters, found more")
    unfolded = _FOLD.sub("", text.lstrip("\ufeff"))
    lines = [line for line in _LINE_END.split(unfolded) if line.strip()]
    if not lines or lines[0].strip().upper() != "BEGIN:VCALENDAR":
        raise CalendarError("reply: expected an iCalendar object (BEGIN:VCALENDAR), found none")
    method = ""
    stack: list[str] = []
    components: list[ReadComponent] = []
    current: dict[str, object] | None = None
    for line in lines:
        name, params, value = _split(line.rstrip("\r"))
        if name == "BEGIN":
            stack.append(value.strip().upper())
            if stack[:-1] == ["VCALENDAR"] and stack[-1] in ("VEVENT", "VTODO"):
                current = {"attendees": [], "sequence": 0, "start": None, "end": None}
            continue
        if name == "END":
            kind = value.strip().upper()
            if not stack or stack[-1] != kind:
                raise CalendarError(
                    f"reply: expected END:{stack[-1] if stack else ''}, found END:{kind}"
                )
            stack.pop()
            if current is not None and len(stack) == 1:
                uid = current.get("uid")
                if not isinstance(uid, str) or not uid:
                    raise CalendarError(f"reply: expected a UID in the {kind}, found none")
                components.append(
                    ReadComponent(
                        uid=uid,
                        sequence=int(current["sequence"]),  # type: ignore[call-overload]
                        attendees=tuple(current["attendees"]),  # type: ignore[arg-type]
                        start=current["start"],  # type: ignore[arg-type]
                        end=current["end"],  # type: ignore[arg-type]
                        comment=str(current.get("comment", "")),
                    )
                )
                current = None
            continue
        if stack == ["VCALENDAR"] and name == "METHOD":
            method = value.strip().upper()
        elif current is not None and len(stack) == 2:
            if name == "UID":
                current["uid"] = value.strip()
            elif name == "SEQUENCE":
                if not value.strip().isdigit():
                    raise CalendarError(f"reply.SEQUENCE: expected a whole number, found {value!r}")
                current["sequence"] = int(value.strip())
            elif name == "ATTENDEE":
                current["attendees"].append((address(value), params))  # type: ignore[attr-defined]
            elif name == "DTSTART":
                current["start"] = _time(params, value, "reply.DTSTART")
            elif name in ("DTEND", "DUE"):
                current["end"] = _time(params, value, f"reply.{name}")
            elif name == "COMMENT":
                current["comment"] = _unescape(value)
    if stack:
        raise CalendarError(f"reply: expected END:{stack[-1]}, found the end of the text")
    return ReadReply(method=method, components=tuple(components))


def answer_of(params: dict[str, str]) -> str:
    """The PARTSTAT of an ATTENDEE's parameters, checked, upper case."""
    partstat = params.get("PARTSTAT", "NEEDS-ACTION").upper()
    if partstat not in _ANSWERS:
        raise CalendarError(
            f"reply.ATTENDEE;PARTSTAT: expected one of {', '.join(_ANSWERS)}, found {partstat!r}"
        )
    return partstat


@frozen(kw_only=True)
class Reply:
    """What :func:`read_reply` read, and whether it was applied.

    Attributes:
        method: ``REPLY`` or ``COUNTER``.
        uid: the event's UID.
        component: the assist's name for it (``day1``, ``social``...).
        email: the invitee who answered (lower case).
        status: the answer (``None`` for a COUNTER).
        sequence: the SEQUENCE answered.
        applied: whether the answer was recorded on the assist (a COUNTER
            never is: it is a proposal for the organiser to consider).
        proposed_start: a COUNTER's proposed start, when it names a zone
            peerassist knows.
        proposed_end: a COUNTER's proposed end, likewise.
        delegated_to: for a delegation, who goes instead.
        comment: the invitee's comment.
    """

    method: str
    uid: str
    component: str
    email: str
    status: PartStat | None
    sequence: int
    applied: bool
    proposed_start: DateTime | None = None
    proposed_end: DateTime | None = None
    delegated_to: str | None = None
    comment: str = ""


def read_reply(
    assist: PeerAssist,
    ics_text: str | bytes,
    *,
    now: DateTime | _dt.datetime | None = None,
    organizer: str | Person = "caller",
) -> Reply:
    """Apply an invitee's iTIP REPLY (RFC 5546 section 3.2.3) to ``assist``.

    The answer (accepted, declined, tentative, delegated) is recorded in
    ``assist.invitations.replies`` (replacing that invitee's earlier answer
    to the same event), an ``rsvp`` entry is added to the history and
    ``revision`` goes up by one. Later invites carry the answer as the
    attendee's PARTSTAT while the event keeps the SEQUENCE answered. A
    COUNTER (a proposed new time) is read and returned, never applied.

    Args:
        assist: the assist the reply answers.
        ics_text: the reply's iCalendar text (as any client writes it).
        now: when it is read (the clock when omitted).
        organizer: who organised the invites (as for :func:`messages`).

    Returns:
        What was read.

    Raises:
        CalendarError: for a message that is not a REPLY or COUNTER, a UID
            that is not one of the assist's events, a reply from someone
            the event does not invite, or an answer to a SEQUENCE other
            than the one last sent (stale, or never sent).
    """
    from peerassist.calendar._messages import check_now
    from peerassist.calendar._options import check_options
    from peerassist.calendar._plan import plan

    if not isinstance(assist, PeerAssist):
        raise CalendarError(f"assist: expected a PeerAssist, found {type(assist).__name__}")
    stamp = check_now(utc_now() if now is None else now)
    parsed = parse_reply(ics_text)
    if parsed.method not in ("REPLY", "COUNTER"):
        raise CalendarError(
            f"reply.METHOD: expected REPLY (or COUNTER), found {parsed.method or 'none'!r}"
        )
    if not parsed.components:
        raise CalendarError("reply: expected a VEVENT, found no component")
    uids = sorted({c.uid for c in parsed.components})
    if len(uids) != 1:
        raise CalendarError(f"reply.UID: expected one UID per reply, found {', '.join(uids)}")
    uid = uids[0]
    local, _, domain = uid.partition("@")
    prefix = assist.id + "-"
    component = local[len(prefix) :] if local.startswith(prefix) else ""
    checked = None
    if component:
        checked = check_options(
            assist,
            method="REQUEST",
            organizer=organizer,
            per_slot="-slot" in component,
            alarm=None,
            parts=frozenset({"days", "social", "pre_brief"}),
            roles=None,
            policy=None,
            sequence=None,
            uid_domain=domain or "peerassist",
            agenda=None,
        )
    planned = {p.component: p for p in plan(assist, checked)} if checked is not None else {}
    part = planned.get(component)
    if part is None:
        known = ", ".join(p.uid for p in planned.values()) or f"events of {assist.id}"
        raise CalendarError(
            f"reply.UID: expected one of the assist's events ({known}), found {uid!r}"
        )
    read = parsed.components[0]
    if parsed.method == "REPLY" and len(read.attendees) != 1:
        raise CalendarError(
            f"reply.ATTENDEE: expected exactly one attendee in a REPLY, found {len(read.attendees)}"
        )
    email, params = read.attendees[0] if read.attendees else ("", {})
    invited = {a.email.casefold() for a in part.attendees}
    if parsed.method == "COUNTER":
        return Reply(
            method="COUNTER",
            uid=uid,
            component=component,
            email=email if email in invited else "",
            status=None,
            sequence=read.sequence,
            applied=False,
            proposed_start=read.start,
            proposed_end=read.end,
            comment=read.comment,
        )
    if email not in invited:
        raise CalendarError(
            f"reply.ATTENDEE: expected someone {component} invites, found {email!r}"
        )
    invitations = assist.invitations or Invitations()
    sent = invitations.sent_for(component)
    expected = sent.sequence if sent is not None else part.sequence
    if read.sequence != expected:
        why = "a stale reply" if read.sequence < expected else "no such invite was sent"
        raise CalendarError(
            f"reply.SEQUENCE: expected {expected} (the invite last sent for {component}),"
            f" found {read.sequence}: {why}"
        )
    status = PartStat(answer_of(params).lower())
    delegated_to = None
    if status is PartStat.DELEGATED and params.get("DELEGATED-TO"):
        delegated_to = address(params["DELEGATED-TO"].split(",")[0])
    person = assist.find_person(email)
    rsvp = Rsvp(
        email=person.email if person is not None else email,
        component=component,
        status=status,
        at=stamp.in_tz("UTC"),
        sequence=read.sequence,
        delegated_to=delegated_to,
        comment=clean_comment(read.comment),
    )
    replies = [
        r
        for r in invitations.replies
        if not (r.component == component and r.email.casefold() == email)
    ]
    replies.append(rsvp)
    replies.sort(key=lambda r: (r.component, r.email.casefold()))
    assist.invitations = Invitations(sent=invitations.sent, replies=tuple(replies))
    assist.history.append(
        AuditEntry(
            event="rsvp",
            source=assist.state,
            dest=assist.state,
            at=stamp.in_tz("UTC"),
            actor=rsvp.email,
            note=f"{component}: {status.value} (SEQUENCE {read.sequence})",
        )
    )
    assist.revision = assist.revision + 1
    return Reply(
        method="REPLY",
        uid=uid,
        component=component,
        email=email,
        status=status,
        sequence=read.sequence,
        applied=True,
        delegated_to=delegated_to,
        comment=rsvp.comment,
    )


def clean_comment(text: str) -> str:
    """A comment fit for the model: no control characters but line breaks."""
    cleaned = _CONTROLS.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    return cleaned[:2000]


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_LINE_END = re.compile("\n")
"""Lines end at LF (or CRLF, the CR then stripped): not at the other line breaks
str.splitlines knows, such as U+2028 in a comment (RFC 5545 3.1)."""
