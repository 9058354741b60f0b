"""Hardening of the iCalendar export: no user text can add a property, a
parameter or a component, and every value survives the trip to a parser.

The hostile corpus (``tests/hostile.py``) runs through every field that
reaches the file, on assists built through the model; what the model refuses
is tested on the sanitiser functions directly.
"""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hostile import MULTI_LINE, RAW, SINGLE_LINE, read_all
from peerassist._time import UTC, DateTime
from peerassist.calendar import to_ics
from peerassist.calendar._sanitize import (
    cal_address,
    check_line,
    clean_text,
    escape_text,
    fold,
    http_uri,
    param_value,
    safe_uid,
)
from peerassist.exceptions import CalendarError, InputError
from peerassist.model import PeerAssist, Person
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 3, 2, 12, tz=UTC)
BASE = make_assist("scheduling", now=NOW)


def _with_visitor_name(a: PeerAssist, v: str) -> None:
    a.visitors = (attrs.evolve(a.visitors[0], name=v), *a.visitors[1:])


def _with_caller_name(a: PeerAssist, v: str) -> None:
    a.host = attrs.evolve(a.host, caller=attrs.evolve(a.host.caller, name=v))


def _with_facilitator_name(a: PeerAssist, v: str) -> None:
    a.facilitator = attrs.evolve(a.facilitator, name=v)


def _logistics(**change: object):  # type: ignore[no-untyped-def]
    def apply(a: PeerAssist, v: str) -> None:
        a.logistics = attrs.evolve(a.logistics, **dict.fromkeys(change, v))

    return apply


def _briefing(field: str):  # type: ignore[no-untyped-def]
    def apply(a: PeerAssist, v: str) -> None:
        item = attrs.evolve(a.logistics.briefing[0], **{field: v})
        a.logistics = attrs.evolve(a.logistics, briefing=(item,))

    return apply


def _social(field: str):  # type: ignore[no-untyped-def]
    def apply(a: PeerAssist, v: str) -> None:
        social = attrs.evolve(a.logistics.social, **{field: v})
        a.logistics = attrs.evolve(a.logistics, social=social)

    return apply


def _purpose(field: str, as_tuple: bool = False):  # type: ignore[no-untyped-def]
    def apply(a: PeerAssist, v: str) -> None:
        a.purpose = attrs.evolve(a.purpose, **{field: (v,) if as_tuple else v})

    return apply


def _title(a: PeerAssist, v: str) -> None:
    a.title = v


# field name -> (setter, corpus, where the value must show up)
FIELDS = {
    "title": (_title, SINGLE_LINE, "summary"),
    "host.caller.name": (_with_caller_name, SINGLE_LINE, "cn"),
    "visitors[0].name": (_with_visitor_name, SINGLE_LINE, "cn"),
    "facilitator.name": (_with_facilitator_name, SINGLE_LINE, "cn"),
    "logistics.venue": (_logistics(venue=True), SINGLE_LINE, "location"),
    "logistics.virtual_url": (_logistics(virtual_url=True), SINGLE_LINE, "description"),
    "logistics.briefing[0].title": (_briefing("title"), SINGLE_LINE, "description"),
    "logistics.briefing[0].url": (_briefing("url"), SINGLE_LINE, "description"),
    "logistics.social.kind": (_social("kind"), SINGLE_LINE, "summary"),
    "logistics.social.venue": (_social("venue"), SINGLE_LINE, "location"),
    "purpose.problem": (_purpose("problem"), MULTI_LINE, "description"),
    "purpose.learning_aim": (_purpose("learning_aim"), MULTI_LINE, "description"),
    "purpose.deliverables": (_purpose("deliverables", as_tuple=True), SINGLE_LINE, "description"),
}


def _line_names(text: str) -> list[str]:
    """The property and component lines of ``text``, by name (unfolded)."""
    unfolded = text.replace("\r\n ", "").split("\r\n")[:-1]
    return [
        re.split(r"[;:]", line, maxsplit=1)[0]
        + (":" + line.split(":", 1)[1] if line.startswith(("BEGIN:", "END:")) else "")
        for line in unfolded
    ]


def _shown(value: str, comps: list[dict[str, object]], where: str) -> bool:
    clean = clean_text(value)
    for comp in comps:
        if where == "cn":
            names = [a[1] for a in comp["attendees"]] + [comp["organizer"][1]]
            if clean in names:
                return True
        elif clean in str(comp[where]):
            return True
    return False


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_hostile_text_in_every_field_adds_nothing(field: str) -> None:
    """Each hostile string, put in ``field`` through the model, leaves the
    file with exactly the lines a plain value gives, parses in icalendar,
    ical (strict) and vobject, and comes back as written (cleaned)."""
    setter, corpus, where = FIELDS[field]
    plain = make_assist("scheduling", now=NOW)
    setter(plain, "plain value")
    expected = _line_names(to_ics(plain, now=NOW))
    tried = 0
    for value in corpus:
        assist = make_assist("scheduling", now=NOW)
        try:
            setter(assist, value)
        except InputError:
            continue  # the model refuses it; the sanitiser tests cover it
        tried += 1
        text = to_ics(assist, now=NOW)
        assert _line_names(text) == expected, value
        _, comps = read_all(text)
        assert _shown(value, comps, where), (field, value)
    assert tried >= len(corpus) - 2


def test_hostile_names_keep_every_attendee_and_role() -> None:
    """Names that try to add ROLE, a second address or a quote leave every
    attendee with their own address, role and name."""
    assist = make_assist("scheduling", now=NOW)
    names = [n for n in SINGLE_LINE if n.strip()][: len(assist.visitors)]
    assist.visitors = tuple(
        attrs.evolve(v, name=n) for v, n in zip(assist.visitors, names, strict=False)
    )
    _, comps = read_all(to_ics(assist, now=NOW, parts={"days"}))
    got = {a[0]: (a[1], a[2]) for a in comps[0]["attendees"]}
    for visitor in assist.visitors:
        assert got[visitor.email] == (visitor.name, "REQ-PARTICIPANT")
    assert sorted(email for email, (_, role) in got.items() if role == "CHAIR") == sorted(
        [assist.facilitator.email, assist.host.caller.email]
    )


def test_odd_but_valid_email_addresses_are_percent_encoded() -> None:
    """Addresses the model accepts but a URI cannot hold raw come out
    percent-encoded, and read back as the same address."""
    odd = ("o'brien+tag@example.org", "zoë@example.org", "a#b%c{d}|e^f`g@example.org")
    assist = make_assist("scheduling", now=NOW)
    assist.visitors = tuple(Person(name=f"V{i}", email=e) for i, e in enumerate(odd))
    _, comps = read_all(to_ics(assist, now=NOW, parts={"days"}))
    emails = {a[0] for a in comps[0]["attendees"]}
    assert set(odd) <= emails


@pytest.mark.parametrize("value", RAW)
def test_clean_text_leaves_only_newlines_and_tabs(value: str) -> None:
    """Cleaned text has no control character but LF and TAB, no lone
    surrogate, and encodes as UTF-8."""
    clean = clean_text(value)
    assert re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]", clean) is None
    clean.encode("utf-8")
    assert clean_text(clean) == clean


@pytest.mark.parametrize("value", RAW)
def test_escaped_text_is_one_line(value: str) -> None:
    """Escaped TEXT has no line break and unescapes to the cleaned text."""
    escaped = escape_text(value)
    assert "\r" not in escaped
    assert "\n" not in escaped
    unescaped = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], escaped)
    assert unescaped == clean_text(value)


@pytest.mark.parametrize("value", RAW)
def test_parameter_values_cannot_end_early(value: str) -> None:
    """A parameter value has quotes only around it, no line break, and
    decodes (RFC 6868) to the cleaned text."""
    encoded = param_value(value)
    inner = encoded[1:-1] if encoded.startswith('"') else encoded
    assert '"' not in inner
    assert "\r" not in encoded
    assert "\n" not in encoded
    if any(c in inner for c in ":;,\\"):
        assert encoded.startswith('"')
        assert encoded.endswith('"')
    decoded = re.sub(r"\^([\^n'])", lambda m: {"^": "^", "n": "\n", "'": '"'}[m[1]], inner)
    assert decoded == clean_text(value)


@pytest.mark.parametrize("value", RAW)
def test_links_and_addresses_hold_no_unsafe_character(value: str) -> None:
    """A link made of a hostile string is percent-encoded (or refused when
    not http), and so is an address's local part; a hostile UID is refused."""
    uri = http_uri("https://example.org/" + value)
    assert uri is not None
    assert re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", uri)
    assert http_uri(value) is None
    address = cal_address(value.replace("@", "") + "x@example.org")
    assert re.fullmatch(r"mailto:[A-Za-z0-9!$&'*+=._~%-]+@example\.org", address)
    with pytest.raises(CalendarError):
        safe_uid(value)
    if re.search(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]", value):
        with pytest.raises(CalendarError):
            check_line(value, "x")


def test_bad_addresses_are_refused() -> None:
    """An address with no @ or a non-ASCII domain is a CalendarError."""
    for bad in ("nobody", "@example.org", "a@exa mple.org", "a@exämple.org", "a@"):
        with pytest.raises(CalendarError, match="email"):
            cal_address(bad)


@given(st.text(max_size=400))
def test_folding_round_trips(text: str) -> None:
    """Folding cuts at 75 octets, never inside a character, and unfolding
    gives the line back."""
    line = "X-TEST:" + clean_text(text).replace("\n", " ")
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert pieces[0] + "".join(p[1:] for p in pieces[1:]) == line


@given(st.text(max_size=200))
def test_any_text_escapes_to_one_safe_line(text: str) -> None:
    """Any text, escaped, is one line that unescapes to the cleaned text."""
    escaped = escape_text(text)
    assert not set("\r\n\x85\u2028\u2029") & set(escaped)
    unescaped = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], escaped)
    assert unescaped == clean_text(text)


_NAME = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=60
).filter(lambda s: s.strip())


@given(name=_NAME, title=_NAME)
def test_any_name_and_title_round_trip_through_parsers(name: str, title: str) -> None:
    """Any printable name and title the model accepts come back exactly from
    icalendar and ical, with no line added."""
    assist = make_assist("scheduling", now=NOW)
    assist.title = title
    _with_visitor_name(assist, name)
    text = to_ics(assist, now=NOW, parts={"days"})
    _, comps = read_all(text)
    assert comps[0]["summary"] == f"Peer assist: {title} (day 1 of 2)"
    got = {a[0]: a[1] for a in comps[0]["attendees"]}
    assert got[assist.visitors[0].email] == name


def test_a_name_with_an_equals_sign_is_quoted() -> None:
    """A CN holding ``=`` is quoted, so the strict ical parser reads ``0=``
    back as ``0=`` (unquoted, it read ``0 =``)."""
    assist = make_assist("scheduling", now=NOW)
    _with_visitor_name(assist, "0=")
    text = to_ics(assist, now=NOW, parts={"days"})
    assert 'CN="0="' in text.replace("\r\n ", "")
    _, comps = read_all(text)
    assert {a[0]: a[1] for a in comps[0]["attendees"]}[assist.visitors[0].email] == "0="
