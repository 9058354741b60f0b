"""The iTIP reply reader (RFC 5546 3.2.3), property by property.

Each reply here is written out by hand, with the value the reader must get
from it; tests/test_calendar_itip.py has replies as mail clients write them.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from peerassist._time import UTC, DateTime
from peerassist.calendar import Message, Reply, mark_sent, messages, read_reply
from peerassist.calendar._reply import ReadComponent, ReadReply, address, parse_reply
from peerassist.exceptions import CalendarError
from peerassist.model import PartStat, PeerAssist
from peerassist.serialize import dumps
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 3, 2, 12, 0, 0, tz=UTC)
LATER = DateTime.create(2026, 3, 3, 9, 30, 0, tz=UTC)
ANA = "ana.costa@northfield.nhs.example"
BEN = "ben.adeyemi@westvale.nhs.example"
DAY1 = "pa-ed-front-door-day1@peerassist"


def _ics(*event: str, method: str | None = "REPLY", uid: str = DAY1) -> str:
    """A reply holding one VEVENT with ``uid`` and the lines ``event``."""
    head = ["BEGIN:VCALENDAR", "VERSION:2.0"]
    if method is not None:
        head.append(f"METHOD:{method}")
    body = ["BEGIN:VEVENT", f"UID:{uid}", *event, "END:VEVENT"]
    return "\r\n".join([*head, *body, "END:VCALENDAR", ""])


def _one(text: str | bytes) -> ReadComponent:
    (component,) = parse_reply(text).components
    return component


def _sent() -> tuple[PeerAssist, list[Message]]:
    assist = make_assist("scheduling", now=NOW)
    batch = messages(assist, now=NOW)
    mark_sent(assist, batch, now=NOW)
    return assist, batch


# -- reading the text ----------------------------------------------------------------


def test_text_and_bytes_with_or_without_a_bom_read_the_same() -> None:
    """UTF-8 bytes, with or without a byte-order mark, and text, with or
    without U+FEFF, LF or CRLF line ends, give the same reply."""
    text = _ics("SEQUENCE:1", "COMMENT:Grüße")
    expected = ReadReply(
        method="REPLY",
        components=(
            ReadComponent(
                uid=DAY1, sequence=1, attendees=(), start=None, end=None, comment="Grüße"
            ),
        ),
    )
    for variant in (
        text,
        "\ufeff" + text,
        text.replace("\r\n", "\n"),
        text.encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
    ):
        assert parse_reply(variant) == expected


def test_a_reply_of_up_to_a_million_bytes_or_characters_is_read() -> None:
    """The limit is 1,000,000 bytes (for bytes) and 1,000,000 characters (for
    text): exactly that many is read, one more is refused unread."""
    base = _ics("SEQUENCE:1")
    pad = "X-PAD:"
    exact = base + pad + "a" * (1_000_000 - len(base) - len(pad) - 2) + "\r\n"
    assert len(exact) == 1_000_000
    assert _one(exact).sequence == 1
    assert _one(exact.encode("ascii")).sequence == 1
    over = exact + "b"
    with pytest.raises(CalendarError, match=r"^reply: expected at most 1000000 characters"):
        parse_reply(over)
    with pytest.raises(CalendarError, match=r"^reply: expected at most 1000000 bytes"):
        parse_reply(over.encode("ascii"))
    # Two-byte characters: fewer than a million characters, more than a million bytes.
    wide = base + pad + "é" * 500_000 + "\r\n"
    assert len(wide) < 1_000_000 < len(wide.encode("utf-8"))
    assert _one(wide).sequence == 1
    with pytest.raises(CalendarError, match=r"^reply: expected at most 1000000 bytes"):
        parse_reply(wide.encode("utf-8"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"BEGIN:VCALENDAR\r\n\xff\r\n", r"^reply: expected UTF-8 text, found invalid start byte$"),
        (42, r"^reply: expected iCalendar text, found int$"),
        ("", r"^reply: expected an iCalendar object \(BEGIN:VCALENDAR\), found none$"),
        ("\r\n \r\n", r"^reply: expected an iCalendar object"),
        ("BEGIN:VEVENT\r\nEND:VEVENT\r\n", r"^reply: expected an iCalendar object"),
        ("XBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", r"^reply: expected an iCalendar object"),
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\n",
            r"^reply: expected END:VEVENT, found the end",
        ),
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\n",
            r"^reply: expected END:VEVENT, found END:VTODO$",
        ),
        (
            "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VCALENDAR\r\n",
            r"^reply: expected END:, found END:VCALENDAR$",
        ),
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nSEQUENCE:1\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
            r"^reply: expected a UID in the VTODO, found none$",
        ),
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID: \r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            r"^reply: expected a UID in the VEVENT, found none$",
        ),
        (
            "BEGIN:VCALENDAR\r\nMETHOD\r\nEND:VCALENDAR\r\n",
            r"^reply: expected NAME:VALUE, found 'METHOD'$",
        ),
        (
            "BEGIN:VCALENDAR\r\nX-A;FLAG\r\nEND:VCALENDAR\r\n",
            r"^reply: expected NAME:VALUE, found 'X-A;FLAG'$",
        ),
        (
            'BEGIN:VCALENDAR\r\nX-A;CN="open:x\r\nEND:VCALENDAR\r\n',
            r"^reply: expected a closing quote in 'X-A;CN=\"open:x'$",
        ),
        (_ics("SEQUENCE:-1"), r"^reply\.SEQUENCE: expected a whole number, found '-1'$"),
        (
            _ics("DTSTART:2027-03-01"),
            r"^reply\.DTSTART: expected a date-time like 20270301T090000Z, found '2027-03-01'$",
        ),
        (
            _ics("DTEND:20270301T250000Z"),
            r"^reply\.DTEND: expected a real date-time, found '20270301T250000Z'$",
        ),
        (_ics("DUE:tomorrow"), r"^reply\.DUE: expected a date-time"),
    ],
    ids=lambda v: repr(v)[:40] if not isinstance(v, str) or not v.startswith("^") else "",
)
def test_text_that_is_not_a_readable_reply_is_refused(text: Any, expected: str) -> None:
    """Bad UTF-8, a non-text value, text that is not an iCalendar object
    (or has anything before its BEGIN:VCALENDAR),
    components left open or closed out of order, a component without UID,
    a line without a colon, an unclosed quote, a negative SEQUENCE and
    malformed times: each a CalendarError naming what was expected."""
    with pytest.raises(CalendarError, match=expected):
        parse_reply(text)


def test_an_unreadable_line_is_quoted_up_to_60_characters() -> None:
    """A long line that cannot be read is named by its first 60 characters."""
    name = "X-" + "A" * 68
    with pytest.raises(CalendarError, match=f"^reply: expected NAME:VALUE, found '{name[:60]}'$"):
        parse_reply(f"BEGIN:VCALENDAR\r\n{name}\r\nEND:VCALENDAR\r\n")
    quoted = 'X-A;CN="' + "b" * 62
    with pytest.raises(
        CalendarError, match=f"^reply: expected a closing quote in '{quoted[:60]}'$"
    ):
        parse_reply(f"BEGIN:VCALENDAR\r\n{quoted}\r\nEND:VCALENDAR\r\n")


def test_lines_are_unfolded_and_blank_lines_skipped() -> None:
    """A line folded with CRLF or LF and a space or a tab is one line again
    (RFC 5545 3.1); blank lines are skipped; names and BEGIN values are read
    in any case."""
    text = (
        "begin:vcalendar \r\n\r\nmethod:reply\r\nBegin:vevent\r\n"
        "UID:pa-ed-front-\r\n door-day1@peerassist\r\n"
        "sequence:\n\t2\r\n   \r\n"
        "COMMENT:one \r\n  two\r\nend:VEVENT\r\nEND:vcalendar\r\n"
    )
    assert parse_reply(text) == ReadReply(
        method="REPLY",
        components=(
            ReadComponent(
                uid=DAY1, sequence=2, attendees=(), start=None, end=None, comment="one  two"
            ),
        ),
    )


def test_only_the_top_level_events_and_todos_are_read() -> None:
    """METHOD counts only at the calendar's level; properties of a VALARM
    inside the event, and events inside anything but the calendar, are not
    read; a VTODO is read as the VEVENT is."""
    text = (
        "BEGIN:VCALENDAR\r\nMETHOD:COUNTER\r\n"
        "BEGIN:VEVENT\r\nMETHOD:REPLY\r\nUID:e1\r\nSEQUENCE:1\r\n"
        "BEGIN:VALARM\r\nUID:alarm\r\nSEQUENCE:9\r\nATTENDEE:mailto:x@example.org\r\n"
        "DTSTART:20270301T090000Z\r\nDTEND:20270301T100000Z\r\nCOMMENT:alarm\r\nEND:VALARM\r\n"
        "END:VEVENT\r\n"
        "BEGIN:X-WRAP\r\nBEGIN:VEVENT\r\nUID:inner\r\nEND:VEVENT\r\nEND:X-WRAP\r\n"
        "BEGIN:VTODO\r\nUID:t1\r\nDUE:20270302T170000Z\r\nEND:VTODO\r\n"
        "END:VCALENDAR\r\n"
    )
    assert parse_reply(text) == ReadReply(
        method="COUNTER",
        components=(
            ReadComponent(uid="e1", sequence=1, attendees=(), start=None, end=None, comment=""),
            ReadComponent(
                uid="t1",
                sequence=0,
                attendees=(),
                start=None,
                end=DateTime.create(2027, 3, 2, 17, tz=UTC),
                comment="",
            ),
        ),
    )


def test_a_line_without_a_name_is_skipped_like_any_property_not_needed() -> None:
    """A line starting with a colon or a semicolon has an empty name: the
    reader, which skips every property it does not need, skips it too."""
    text = _ics(":stray", ";X=1:stray", "SEQUENCE:3")
    assert _one(text).sequence == 3


def test_attendee_parameters_are_split_quoted_and_decoded() -> None:
    """Parameter names are upper-cased; a quoted value keeps its ``;``, ``:``
    and ``,``; a parameter without ``=``, or quoted empty, is empty; several values are joined
    with commas; RFC 6868's ``^n``, ``^'`` and ``^^`` are decoded (also as
    a value's last two characters) and any other caret kept."""
    text = _ics(
        'ATTENDEE;cn="Costa; Ana: MD, PhD";Rsvp;X-EMPTY="";X-END=x^\''
        ";X-NOTE=a^nb^'c^'^^d^x^;"
        'DELEGATED-TO="mailto:a@x.org",b@x.org;PARTSTAT=ACCEPTED:MAILTO:Ana@X.org'
    )
    assert _one(text).attendees == (
        (
            "ana@x.org",
            {
                "CN": "Costa; Ana: MD, PhD",
                "RSVP": "",
                "X-EMPTY": "",
                "X-END": 'x"',
                "X-NOTE": 'a\nb"c"^d^x^',
                "DELEGATED-TO": "mailto:a@x.org,b@x.org",
                "PARTSTAT": "ACCEPTED",
            },
        ),
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("mailto:ana@example.org", "ana@example.org"),
        (" MAILTO:Ana@Example.ORG ", "ana@example.org"),
        ("MailTo: Ana@Example.org", "ana@example.org"),
        ("ana@example.org", "ana@example.org"),
        ("mailto:%C3%B1o%2Bx@example.org", "ño+x@example.org"),
        ("mailto:STRASSE@example.org", "strasse@example.org"),
        ("mailto", "mailto"),
    ],
)
def test_calendar_addresses_are_read_as_lower_case_addresses(value: str, expected: str) -> None:
    """``mailto:`` in any case is dropped, percent-encoding decoded (RFC 6068),
    spaces trimmed and the address case-folded."""
    assert address(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("DTSTART:20270301T090000Z", DateTime.create(2027, 3, 1, 9, tz=UTC)),
        ("DTSTART: 20270301T090000Z ", DateTime.create(2027, 3, 1, 9, tz=UTC)),
        ("DTSTART;TZID=Europe/London:20270701T090000", DateTime.create(2027, 7, 1, 8, tz=UTC)),
        ('DTSTART;TZID="/Europe/Prague":20270301T090000', DateTime.create(2027, 3, 1, 8, tz=UTC)),
        ("DTSTART;TZID=GMT Standard Time:20270301T090000", None),
        ("DTSTART;TZID=XEurope/London:20270301T090000", None),
        ("DTSTART:20270301T090000", None),
        ("DTSTART;VALUE=DATE:20270301", None),
    ],
)
def test_start_times_are_instants_when_their_zone_is_known(
    line: str, expected: DateTime | None
) -> None:
    """UTC and IANA-zoned times are read as instants (a leading ``/`` on the
    zone ignored); a vendor zone name, a name that is not quite an IANA
    name, a floating time and a date are none."""
    assert _one(_ics(line)).start == expected


def test_comments_are_unescaped() -> None:
    """``\\,``, ``\\;``, ``\\\\`` and both ``\\n`` and ``\\N`` are unescaped
    (RFC 5545 3.3.11); an escaped other character is that character."""
    assert _one(_ics(r"COMMENT:a\,b\;c\nd\Ne\\f\xg")).comment == "a,b;c\nd\ne\\fxg"


def test_sequence_and_uid_are_trimmed() -> None:
    """Spaces around a SEQUENCE or a UID are not part of them; a component
    without SEQUENCE has 0."""
    text = _ics("SEQUENCE: 7 ", uid=f" {DAY1} ")
    assert (_one(text).uid, _one(text).sequence) == (DAY1, 7)
    assert _one(_ics()).sequence == 0


# -- applying it ---------------------------------------------------------------------


def _answer(partstat: str = "ACCEPTED", who: str = ANA, sequence: int = 0, **extra: str) -> str:
    params = "".join(f";{k}={v}" for k, v in extra.items())
    return _ics(f"SEQUENCE:{sequence}", f"ATTENDEE;PARTSTAT={partstat}{params}:mailto:{who}")


def test_a_reply_is_recorded_once_per_invitee_and_event() -> None:
    """A second answer from the same invitee to the same event replaces the
    first, their answer to another event stays; answers are kept sorted by
    event, then address; each is an
    ``rsvp`` history entry at ``now`` (in UTC) and one more revision."""
    assist, _ = _sent()
    revision = assist.revision
    read_reply(assist, _answer("ACCEPTED", BEN), now=NOW)
    read_reply(assist, _answer("DECLINED", ANA), now=NOW)
    day2 = _answer("ACCEPTED", ANA).replace("-day1@", "-day2@")
    read_reply(assist, day2, now=NOW)
    later = DateTime.create(2026, 3, 3, 9, 30, tz="Europe/London")
    reply = read_reply(assist, _answer("tentative", BEN.upper()), now=later)
    assert reply == Reply(
        method="REPLY",
        uid=DAY1,
        component="day1",
        email=BEN,
        status=PartStat.TENTATIVE,
        sequence=0,
        applied=True,
    )
    assert assist.invitations is not None
    got = [(r.component, r.email, r.status, r.at) for r in assist.invitations.replies]
    assert got == [
        ("day1", ANA, PartStat.DECLINED, NOW),
        ("day1", BEN, PartStat.TENTATIVE, LATER),
        ("day2", ANA, PartStat.ACCEPTED, NOW),
    ]
    assert str(assist.invitations.replies[1].at.timezone_name) == "UTC"
    assert assist.revision == revision + 4
    last = assist.history[-1]
    assert (last.event, last.source, last.dest, last.at, last.actor, last.note) == (
        "rsvp",
        "scheduling",
        "scheduling",
        LATER,
        BEN,
        "day1: tentative (SEQUENCE 0)",
    )


def test_a_reply_before_any_invite_was_recorded_answers_sequence_0() -> None:
    """With nothing recorded as sent, the SEQUENCE expected is the event's
    own (0); 1 is an invite never sent."""
    assist = make_assist("scheduling", now=NOW)
    assert read_reply(assist, _answer(), now=NOW).applied is True
    with pytest.raises(CalendarError, match=r"expected 0 .*found 1: no such invite was sent$"):
        read_reply(assist, _answer(sequence=1), now=NOW)


def test_replies_to_invites_with_another_uid_domain_or_per_slot_are_read() -> None:
    """The UID's domain and a slot's name come from the UID: a reply to an
    invite sent with ``uid_domain`` or ``per_slot``, or with a UID that lost
    its domain, is applied to that event."""
    assist = make_assist("scheduling", now=NOW)
    uid = "pa-ed-front-door-day2@example.org"
    reply = read_reply(assist, _ics("ATTENDEE;PARTSTAT=ACCEPTED:mailto:" + ANA, uid=uid), now=NOW)
    assert (reply.uid, reply.component, reply.applied) == (uid, "day2", True)
    bare = "pa-ed-front-door-social"
    reply = read_reply(assist, _ics("ATTENDEE;PARTSTAT=ACCEPTED:mailto:" + ANA, uid=bare), now=NOW)
    assert (reply.uid, reply.component, reply.applied) == (bare, "social", True)
    slot = messages(assist, now=NOW, per_slot=True)[0]
    assert "-slot" in slot.component
    text = _ics("ATTENDEE;PARTSTAT=DECLINED:mailto:" + slot.recipients[0], uid=slot.uid)
    reply = read_reply(assist, text, now=NOW)
    assert (reply.component, reply.status) == (slot.component, PartStat.DECLINED)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_answer(), r"^assist: expected a PeerAssist, found str$"),
        (
            _ics("ATTENDEE;PARTSTAT=ACCEPTED:mailto:" + ANA, method=None),
            r"^reply\.METHOD: expected REPLY \(or COUNTER\), found 'none'$",
        ),
        (
            _ics(method="PUBLISH"),
            r"^reply\.METHOD: expected REPLY \(or COUNTER\), found 'PUBLISH'$",
        ),
        (
            "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n",
            r"^reply: expected a VEVENT, found no component$",
        ),
        (
            _answer().replace(
                "END:VCALENDAR",
                "BEGIN:VEVENT\r\nUID:b@x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:a@x\r\nEND:VEVENT\r\nEND:VCALENDAR",
            ),
            r"^reply\.UID: expected one UID per reply, found a@x, b@x, "
            r"pa-ed-front-door-day1@peerassist$",
        ),
        (
            _ics(uid="pa-ed-front-door@peerassist"),
            r"^reply\.UID: expected one of the assist's events \(events of pa-ed-front-door\), "
            r"found 'pa-ed-front-door@peerassist'$",
        ),
        (
            _ics(uid="pa-ed-front-door-day9@peerassist"),
            r"^reply\.UID: expected one of the assist's events "
            r"\(pa-ed-front-door-day1@peerassist, ",
        ),
        (
            _ics("SEQUENCE:0"),
            r"^reply\.ATTENDEE: expected exactly one attendee in a REPLY, found 0$",
        ),
        (
            _answer(who="x@example.org"),
            r"^reply\.ATTENDEE: expected someone day1 invites, found 'x@example.org'$",
        ),
        (
            _ics("SEQUENCE:0", "ATTENDEE:mailto:" + ANA),
            r"^reply\.ATTENDEE;PARTSTAT: expected one of ACCEPTED, DECLINED, TENTATIVE, "
            r"DELEGATED, found 'NEEDS-ACTION'$",
        ),
    ],
)
def test_replies_that_cannot_be_applied_are_refused(text: str, expected: str) -> None:
    """Each refusal names the property and what was expected, and leaves
    the assist as it was."""
    assist, _ = _sent()
    before = dumps(assist)
    target: Any = "assist" if "PeerAssist" in expected else assist
    with pytest.raises(CalendarError, match=expected):
        read_reply(target, text, now=NOW)
    assert dumps(assist) == before


def test_a_counter_from_someone_not_invited_names_no_one() -> None:
    """A COUNTER is returned with its proposed times and comment; from an
    address the event does not invite, or without an attendee, its email is
    empty; with several attendees it is the first's."""
    assist, _ = _sent()
    before = dumps(assist)
    text = _ics(
        "SEQUENCE:0",
        "ATTENDEE:mailto:stranger@example.org",
        "DTSTART:20260317T100000Z",
        "DTEND:20260317T160000Z",
        r"COMMENT:Could we\, perhaps\, start later?",
        method="COUNTER",
    )
    assert read_reply(assist, text, now=NOW) == Reply(
        method="COUNTER",
        uid=DAY1,
        component="day1",
        email="",
        status=None,
        sequence=0,
        applied=False,
        proposed_start=DateTime.create(2026, 3, 17, 10, tz=UTC),
        proposed_end=DateTime.create(2026, 3, 17, 16, tz=UTC),
        comment="Could we, perhaps, start later?",
    )
    alone = _ics("SEQUENCE:0", "DTSTART:20260317T100000Z", method="COUNTER")
    assert read_reply(assist, alone, now=NOW).email == ""
    two = _ics("ATTENDEE:mailto:" + BEN, "ATTENDEE:mailto:" + ANA, method="COUNTER")
    assert read_reply(assist, two, now=NOW).email == BEN
    assert dumps(assist) == before


def test_a_delegation_keeps_the_first_delegate_or_none() -> None:
    """DELEGATED-TO with several addresses records the first; a delegation
    without DELEGATED-TO records none, and DELEGATED-TO on another answer
    is ignored."""
    assist, _ = _sent()
    many = '"mailto:Deputy@Example.org","mailto:other@example.org"'
    assert (
        read_reply(assist, _answer("DELEGATED", **{"DELEGATED-TO": many}), now=NOW).delegated_to
        == "deputy@example.org"
    )
    assert read_reply(assist, _answer("DELEGATED"), now=NOW).delegated_to is None
    accepted = _answer("ACCEPTED", **{"DELEGATED-TO": '"mailto:d@example.org"'})
    assert read_reply(assist, accepted, now=NOW).delegated_to is None


def test_a_reply_comment_is_cleaned_and_cut_to_2000_characters() -> None:
    """The comment recorded loses control characters (kept line breaks) and
    stops at 2000 characters; the Reply returns what was recorded."""
    assist, _ = _sent()
    long = "x" * 1998 + r"\n\nyz"
    text = _answer().replace("END:VEVENT", "COMMENT:a\x07b\r\nEND:VEVENT")
    assert read_reply(assist, text, now=NOW).comment == "a\ufffdb"
    reply = read_reply(
        assist, _answer().replace("END:VEVENT", f"COMMENT:{long}\r\nEND:VEVENT"), now=NOW
    )
    assert reply.comment == "x" * 1998 + "\n\n"
    assert assist.invitations is not None
    assert assist.invitations.replies[0].comment == "x" * 1998 + "\n\n"


def test_an_answer_is_recorded_under_the_address_as_the_assist_writes_it() -> None:
    """Addresses match without regard to case; the answer and its history
    entry keep the invitee's address as the assist spells it, while the
    Reply returned gives the address read, in lower case."""
    assist = make_assist("scheduling", now=NOW)
    spelled = "Ana.Costa@Northfield.NHS.example"
    ana = next(v for v in assist.visitors if v.email == ANA)
    assist.visitors = tuple(
        attrs.evolve(v, email=spelled) if v is ana else v for v in assist.visitors
    )
    mark_sent(assist, messages(assist, now=NOW), now=NOW)
    reply = read_reply(assist, _answer("ACCEPTED", "ANA.COSTA@northfield.nhs.EXAMPLE"), now=NOW)
    assert reply.email == ANA
    assert assist.invitations is not None
    assert [r.email for r in assist.invitations.replies] == [spelled]
    assert assist.history[-1].actor == spelled


# -- lines, escapes and events, more closely ---------------------------------------


@pytest.mark.parametrize("line", ["X-A;K=", "X-A;K=v", "X-A;K=v,w", 'X-A;K="v"', 'X-A;K="v"w:x'])
def test_a_line_ending_inside_its_parameters_is_refused(line: str) -> None:
    """A line whose parameters run to its end (after ``=``, a value, a
    comma-separated value or a quoted value), or a quoted value followed by
    anything but ``,``, ``;`` or ``:``, has no ``:VALUE``: refused by name."""
    with pytest.raises(CalendarError, match=f"^reply: expected NAME:VALUE, found {line!r}$"):
        parse_reply(f"BEGIN:VCALENDAR\r\n{line}\r\nEND:VCALENDAR\r\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nBEGIN:VALARM\r\nEND:VEVENT\r\n",
            r"^reply: expected END:VALARM, found END:VEVENT$",
        ),
        (
            "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n",
            r"^reply: expected END:VCALENDAR, found the end of the text$",
        ),
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nBEGIN:VALARM\r\n",
            r"^reply: expected END:VALARM, found the end of the text$",
        ),
    ],
)
def test_the_innermost_open_component_is_the_one_named(text: str, expected: str) -> None:
    """A component closed out of order, or left open at the end, is named
    by the innermost component still open, at any depth."""
    with pytest.raises(CalendarError, match=expected):
        parse_reply(text)


def test_only_rfc_escapes_are_special_and_any_case_of_other_letters_kept() -> None:
    """Only ``\\n``/``\\N`` become a line break and only RFC 6868's ``^n``,
    ``^'`` and ``^^`` are decoded: an upper-case ``X`` after a backslash or
    a caret is kept as written (also as a value's last two characters), and
    a line ending in ``X`` keeps it."""
    text = _ics(r"COMMENT:a\Xb\NX\X", "ATTENDEE;X-NOTE=c^Xd^nX:mailto:ana@x.org")
    read = _one(text)
    assert read.comment == "aXb\nXX"
    assert read.attendees == (("ana@x.org", {"X-NOTE": "c^Xd\nX"}),)


def test_lines_break_only_at_lf_or_crlf() -> None:
    """A content line ends at CRLF (or LF): other characters that
    str.splitlines would take for a line break (U+2028, U+0085, a lone CR,
    a form feed) stay inside the value (RFC 5545 3.1)."""
    comment = "one\u2028two\x85three\rfour\x0cfive"
    assert _one(_ics("COMMENT:" + comment)).comment == comment


def test_a_lone_carriage_return_in_a_comment_is_recorded_as_a_line_break() -> None:
    """The comment recorded has a CR followed by an escaped line break
    (``\\n``) as one LF and a lone CR as LF, other control characters
    replaced (kept: line breaks), and U+2028 kept."""
    assist, _ = _sent()
    comment = "COMMENT:a\rb\u2028c\x0cd\r\\ne"
    text = _answer().replace("END:VEVENT", comment + "\r\nEND:VEVENT")
    assert read_reply(assist, text, now=NOW).comment == "a\nb\u2028c\ufffdd\ne"


def test_an_unknown_event_is_refused_naming_the_events_under_its_uid_domain() -> None:
    """The refusal of an event the assist does not have lists its events
    with the reply's UID domain, or ``@peerassist`` for a UID without one."""
    assist, _ = _sent()
    with pytest.raises(
        CalendarError,
        match=r"^reply\.UID: expected one of the assist's events "
        r"\(pa-ed-front-door-day1@example\.org, ",
    ):
        read_reply(assist, _ics(uid="pa-ed-front-door-day9@example.org"), now=NOW)
    with pytest.raises(
        CalendarError,
        match=r"^reply\.UID: expected one of the assist's events "
        r"\(pa-ed-front-door-day1@peerassist, .*found 'pa-ed-front-door-day9'$",
    ):
        read_reply(assist, _ics(uid="pa-ed-front-door-day9"), now=NOW)


def test_events_of_a_calendar_nested_in_the_calendar_are_not_read() -> None:
    """Only an event directly inside the outermost VCALENDAR is read: one in
    a VCALENDAR nested inside it (which RFC 5545 does not allow) is skipped
    with everything else in that calendar, as in any other component."""
    text = (
        "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VCALENDAR\r\n"
        "BEGIN:VEVENT\r\nUID:inner\r\nEND:VEVENT\r\nUID:stray\r\nSEQUENCE:4\r\n"
        "END:VCALENDAR\r\nEND:VCALENDAR\r\n"
    )
    assert parse_reply(text) == ReadReply(method="REPLY", components=())
