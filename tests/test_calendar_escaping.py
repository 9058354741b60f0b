"""The bytes the sanitiser writes, pinned by hand: TEXT escaping (RFC 5545
3.3.11), parameter values (RFC 6868), addresses and links, UIDs, tokens,
folding and instants.

Every expected value here is written out by hand from the RFCs, never
computed by the code under test; ``tests/test_calendar_hardening.py`` holds
the properties (nothing injected, everything read back).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import attrs
import pytest

from hostile import read_all
from peerassist._time import UTC, DateTime
from peerassist.calendar import to_ics
from peerassist.calendar._sanitize import (
    attendee_text,
    cal_address,
    check_line,
    clean_text,
    escape_text,
    fold,
    fold_lines,
    http_uri,
    param_value,
    person_text,
    safe_uid,
    single_line,
    token,
    utc_text,
)
from peerassist.exceptions import CalendarError
from peerassist.model import Person
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 3, 2, 12, tz=UTC)


# -- TEXT values (RFC 5545 3.3.11) -------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain text: fine", "plain text: fine"),
        ("a;b", "a\\;b"),
        ("a,b", "a\\,b"),
        ("back\\slash", "back\\\\slash"),
        ("one\ntwo", "one\\ntwo"),
        # The backslash is escaped first, so an escape is never escaped again.
        (";", "\\;"),
        (",", "\\,"),
        ("\\;", "\\\\\\;"),
        ("\\n", "\\\\n"),
        ("a;b,c\\d\ne", "a\\;b\\,c\\\\d\\ne"),
        # Every kind of line break is one escaped newline.
        ("one\r\ntwo", "one\\ntwo"),
        ("one\rtwo", "one\\ntwo"),
        ("one\x85two", "one\\ntwo"),
        ("one\u2028two\u2029three", "one\\ntwo\\nthree"),
        ("one\x0btwo\x0cthree", "one\\ntwo\\nthree"),
        # Tabs stay; colons and double quotes need no escape in TEXT.
        ("a\tb", "a\tb"),
        ('say "hi": now', 'say "hi": now'),
        # Other controls and lone surrogates are shown, not dropped.
        ("bell\x07", "bell\ufffd"),
        ("del\x7f", "del\ufffd"),
        ("half \ud800", "half \ufffd"),
    ],
)
def test_escape_text_writes_rfc5545_text(value: str, expected: str) -> None:
    """``;``, ``,`` and ``\\`` get a backslash, a line break becomes ``\\n``."""
    assert expected == escape_text(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", "plain"),
        ("a\r\nb\rc\x85d\u2028e\u2029f", "a\nb\nc\nd\ne\nf"),
        ("a\x0bb\x0cc\x1cd\x1de\x1ef", "a\nb\nc\nd\ne\nf"),
        ("nul\x00 esc\x1b us\x1f", "nul\ufffd esc\ufffd us\ufffd"),
        ("c1\x80\x84\x86\x9f", "c1\ufffd\ufffd\ufffd\ufffd"),
        ("tab\tkept", "tab\tkept"),
        ("\udfff", "\ufffd"),
    ],
)
def test_clean_text_keeps_newlines_and_tabs_only(value: str, expected: str) -> None:
    """Line breaks become LF; other controls and lone surrogates U+FFFD."""
    assert expected == clean_text(value)


def test_single_line_turns_breaks_into_spaces() -> None:
    """single_line() cleans, then joins the lines with spaces."""
    assert "a b c d" == single_line("a\nb\r\nc\u2028d")


# -- parameter values (RFC 6868) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Ana Costa", "Ana Costa"),
        ("Costa, Ana", '"Costa, Ana"'),
        ("a:b", '"a:b"'),
        ("a;ROLE=CHAIR", '"a;ROLE=CHAIR"'),
        ("back\\slash", '"back\\slash"'),
        ('say "hi"', "say ^'hi^'"),
        ("caret^", "caret^^"),
        ("one\ntwo", "one^ntwo"),
        ("one\r\ntwo", "one^ntwo"),
        (" lead", '" lead"'),
        ("trail ", '"trail "'),
        ('"x:mailto:eve@example.org"', "\"^'x:mailto:eve@example.org^'\""),
    ],
)
def test_param_value_encodes_and_quotes(value: str, expected: str) -> None:
    """``^`` ``"`` and line breaks are RFC 6868-encoded; a value holding
    ``:`` ``;`` ``,`` ``\\`` or edge blanks is double-quoted."""
    assert expected == param_value(value)


# -- addresses and links ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("ana@example.org", "mailto:ana@example.org"),
        ("o'brien+tag@example.org", "mailto:o'brien+tag@example.org"),
        ("a.b_c~d-e!f$g*h@example.org", "mailto:a.b_c~d-e!f$g*h@example.org"),
        # RFC 6068 2: "&", ";" and "=" separate header fields, so are encoded.
        ("tom&jerry=cat@example.org", "mailto:tom%26jerry%3Dcat@example.org"),
        ("zoë@example.org", "mailto:zo%C3%AB@example.org"),
        ("名前@example.jp", "mailto:%E5%90%8D%E5%89%8D@example.jp"),
        ("a b@example.org", "mailto:a%20b@example.org"),
        ("a#b%c@example.org", "mailto:a%23b%25c@example.org"),
        ('"a@b"@example.org', "mailto:%22a%40b%22@example.org"),
        ("eve\r\nATTENDEE:x@example.org", "mailto:eve%0D%0AATTENDEE%3Ax@example.org"),
        ("ana@10.0.0.1", "mailto:ana@10.0.0.1"),
        ("ana@localhost", "mailto:ana@localhost"),
        ("ana@sub-domain.example.org", "mailto:ana@sub-domain.example.org"),
    ],
)
def test_cal_address_percent_encodes_the_local_part(email: str, expected: str) -> None:
    """The local part is percent-encoded (UTF-8) outside the RFC 6068 safe
    characters; the domain is written as it is."""
    assert expected == cal_address(email)


@pytest.mark.parametrize(
    "email",
    [
        "no-at-sign",
        "@example.org",
        "ana@",
        "ana@exa mple.org",
        "ana@-example.org",
        "ana@example.org-",
        "ana@exämple.org",
        "ana@example.org\r\nATTENDEE:mailto:eve",
    ],
)
def test_cal_address_refuses_what_a_uri_cannot_hold(email: str) -> None:
    """No ``@``, an empty local part or a domain that is not ASCII host
    letters, digits, dots and hyphens: CalendarError naming the path."""
    with pytest.raises(CalendarError) as excinfo:
        cal_address(email, "visitors[2].email")
    assert str(excinfo.value).startswith("visitors[2].email: expected an email address")
    with pytest.raises(CalendarError, match=r"^email: "):
        cal_address(email)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a/b?c=d#e", "https://example.org/a/b?c=d#e"),
        ("http://example.org", "http://example.org"),
        ("  https://example.org/x \n", "https://example.org/x"),
        ("HTTPS://EXAMPLE.ORG/Path", "HTTPS://EXAMPLE.ORG/Path"),
        ("https://example.org/a b", "https://example.org/a%20b"),
        ("https://example.org/a%20b", "https://example.org/a%20b"),
        ("https://example.org/ü", "https://example.org/%C3%BC"),
        ('https://example.org/?q="x"<y>', "https://example.org/?q=%22x%22%3Cy%3E"),
        ("https://example.org/{a|b}^`\\", "https://example.org/%7Ba%7Cb%7D%5E%60%5C"),
        ("https://example.org/a\tb", "https://example.org/a%09b"),
    ],
)
def test_http_uri_percent_encodes_outside_rfc3986(value: str, expected: str) -> None:
    """An http(s) link keeps RFC 3986's characters and ``%``, and
    percent-encodes (UTF-8) everything else."""
    assert expected == http_uri(value)


@pytest.mark.parametrize(
    "value",
    ["ftp://example.org", "javascript:alert(1)", "https://", "https:// x", "example.org", ""],
)
def test_http_uri_refuses_other_schemes(value: str) -> None:
    """Anything but ``http(s)://host...`` is not a link: None."""
    assert http_uri(value) is None


# -- UIDs, tokens, raw lines ------------------------------------------------------------


@pytest.mark.parametrize("value", ["pa-1@peerassist", "A", "a" * 255, "x.y_z@h-1"])
def test_safe_uid_keeps_uids_from_the_safe_alphabet(value: str) -> None:
    """1 to 255 letters, digits, ``.``, ``_``, ``@`` and ``-``, starting
    with a letter or digit, come back unchanged."""
    assert value == safe_uid(value)


@pytest.mark.parametrize("value", ["", "a" * 256, "-abc", "a b", "a;b", "a\nb", 42, None])
def test_safe_uid_refuses_anything_else(value: object) -> None:
    """Anything else is a CalendarError naming the path."""
    with pytest.raises(CalendarError, match=r"^uid: expected 1-255"):
        safe_uid(value)
    with pytest.raises(CalendarError, match=r"^days\[1\]\.uid: "):
        safe_uid(value, "days[1].uid")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("req-participant", "REQ-PARTICIPANT"), ("Chair", "CHAIR"), (5, "5"), ("a" * 64, "A" * 64)],
)
def test_token_upper_cases_parameter_tokens(value: object, expected: str) -> None:
    """A token of letters, digits and ``-`` (at most 64) is upper-cased."""
    assert expected == token(value, "ROLE")


@pytest.mark.parametrize("value", ["", "a b", "CHAIR;RSVP=TRUE", "a" * 65, "x:y"])
def test_token_refuses_anything_else(value: str) -> None:
    """Anything else is a CalendarError naming the path."""
    with pytest.raises(CalendarError, match=r"^ATTENDEE;ROLE: expected a parameter token"):
        token(value, "ATTENDEE;ROLE")


@pytest.mark.parametrize("value", ["plain", "tab\tok", "", "ü 名前"])
def test_check_line_passes_one_line_of_text(value: str) -> None:
    """Text without line breaks or controls passes."""
    assert check_line(value, "X") is None


@pytest.mark.parametrize("value", ["a\nb", "a\rb", "a\x85b", "a\u2028b", "nul\x00", "\ud800"])
def test_check_line_refuses_breaks_and_controls(value: str) -> None:
    """A line break or a control is a CalendarError naming the path."""
    with pytest.raises(CalendarError, match=r"^GEO: expected text without line breaks"):
        check_line(value, "GEO")


# -- folding (RFC 5545 3.1) ------------------------------------------------------------------


def test_fold_keeps_lines_of_75_octets() -> None:
    """A line of 75 octets, ASCII or not, is not folded."""
    assert "x" * 75 == fold("x" * 75)
    assert "é" * 37 + "x" == fold("é" * 37 + "x")  # 74 + 1 octets
    assert "€" * 25 == fold("€" * 25)  # 75 octets


def test_fold_splits_ascii_at_75_then_74() -> None:
    """Continuation lines start with a space, which counts in their 75."""
    line = "a" * 75 + "b" * 74 + "c"
    assert "a" * 75 + "\r\n " + "b" * 74 + "\r\n c" == fold(line)
    assert "a" * 75 + "\r\n b" == fold("a" * 75 + "b")


def test_fold_never_splits_a_utf8_character() -> None:
    """Multi-octet characters go whole to the next line."""
    assert "é" * 37 + "\r\n é" == fold("é" * 38)  # 74 octets, then 2
    assert "x" * 74 + "\r\n é" == fold("x" * 74 + "é")
    assert "€" * 25 + "\r\n €" == fold("€" * 26)
    assert "😀" * 18 + "\r\n 😀" == fold("😀" * 19)  # 72 octets, then 4
    # Continuation lines hold 74 octets after their space.
    assert "€" * 25 + "\r\n " + "€" * 24 + "\r\n €€" == fold("€" * 51)


@pytest.mark.parametrize(
    ("head", "char"),
    [
        ("x" * 74, "\x80"),  # the first two-octet character
        ("x" * 73, "\u0800"),  # the first three-octet character
        ("x" * 72, "\U00010000"),  # the first four-octet character
    ],
)
def test_fold_counts_the_octets_of_each_utf8_width(head: str, char: str) -> None:
    """The first character of each UTF-8 width takes its full width: one
    more octet than fits moves it to the next line."""
    assert head + "\r\n " + char == fold(head + char)
    # One ASCII character less, and it fits on the first line.
    assert head[1:] + char == fold(head[1:] + char)


def test_fold_fills_the_first_line_to_exactly_75_octets() -> None:
    """The first line holds 75 octets and each continuation 74; the
    character that would pass them moves on."""
    assert "x" * 73 + "é" + "\r\n é" == fold("x" * 73 + "éé")
    # And each continuation line exactly 74 after its space.
    line = "x" * 75 + "x" * 72 + "éé"
    assert "x" * 75 + "\r\n " + "x" * 72 + "é" + "\r\n é" == fold(line)


def test_fold_lines_joins_with_crlf_and_ends_with_one() -> None:
    """Content lines are joined by CRLF, each folded, with a final CRLF."""
    assert "A:1\r\nB:2\r\n" == fold_lines(["A:1", "B:2"])
    assert "X:" + "y" * 73 + "\r\n y\r\nZ:\r\n" == fold_lines(["X:" + "y" * 74, "Z:"])


# -- whole lines -------------------------------------------------------------------------------


def test_person_text_writes_a_quoted_cn_and_the_address() -> None:
    """ORGANIZER/ATTENDEE lines: parameters, CN (quoted when needed), address."""
    assert "ORGANIZER;CN=Ana Costa:mailto:ana@example.org" == person_text(
        "ORGANIZER", "ana@example.org", "Ana Costa", ""
    )
    assert 'ATTENDEE;ROLE=CHAIR;CN="Costa, Ana":mailto:zo%C3%AB@example.org' == person_text(
        "ATTENDEE", "zoë@example.org", "Costa, Ana", ";ROLE=CHAIR"
    )


@pytest.mark.parametrize("name", [None, "", "ana@example.org"])
def test_person_text_leaves_out_an_empty_or_repeated_cn(name: str | None) -> None:
    """No CN when the name is missing, empty or the address itself."""
    assert "ATTENDEE:mailto:ana@example.org" == person_text("ATTENDEE", "ana@example.org", name, "")


def _attendee(**values: object) -> SimpleNamespace:
    fields = {
        "email": "ana@example.org",
        "common_name": "Ana",
        "cutype": "individual",
        "role": "req-participant",
        "partstat": "needs-action",
        "rsvp": None,
    }
    fields.update(values)
    return SimpleNamespace(**fields)


@pytest.mark.parametrize(
    ("attendee", "expected"),
    [
        ("ben@example.org", "ATTENDEE:mailto:ben@example.org"),
        (
            _attendee(),
            "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION"
            ";CN=Ana:mailto:ana@example.org",
        ),
        (
            _attendee(cutype=None, partstat="", rsvp=True),
            "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE;CN=Ana:mailto:ana@example.org",
        ),
        (
            _attendee(cutype=None, role=None, partstat=None, rsvp="true"),
            "ATTENDEE;RSVP=TRUE;CN=Ana:mailto:ana@example.org",
        ),
        (
            _attendee(cutype=None, role=None, partstat=None, rsvp=False),
            "ATTENDEE;RSVP=FALSE;CN=Ana:mailto:ana@example.org",
        ),
        (
            _attendee(cutype=None, role=None, partstat=None, rsvp="no"),
            "ATTENDEE;RSVP=FALSE;CN=Ana:mailto:ana@example.org",
        ),
    ],
)
def test_attendee_text_writes_each_parameter(attendee: object, expected: str) -> None:
    """CUTYPE, ROLE and PARTSTAT when set, RSVP as TRUE or FALSE, then CN."""
    assert expected == attendee_text(attendee)


def test_attendee_text_refuses_a_parameter_that_is_not_a_token() -> None:
    """A role that would add a parameter is refused, naming it."""
    with pytest.raises(CalendarError, match=r"^ATTENDEE;ROLE: "):
        attendee_text(_attendee(role="CHAIR;RSVP=TRUE"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (DateTime.create(2026, 3, 16, 9, tz="Europe/London"), "20260316T090000Z"),
        (DateTime.create(2026, 7, 1, 9, 5, 7, tz="Europe/London"), "20260701T080507Z"),
        (DateTime.create(2026, 1, 1, 0, 30, tz="Asia/Tokyo"), "20251231T153000Z"),
        (dt.datetime(999, 2, 3, 4, 5, 6, tzinfo=dt.UTC), "09990203T040506Z"),
        (
            SimpleNamespace(datetime=dt.datetime(2026, 5, 4, 3, 2, 1, tzinfo=dt.UTC)),
            "20260504T030201Z",
        ),
    ],
)
def test_utc_text_writes_the_instant_in_utc(value: object, expected: str) -> None:
    """An instant (or an arrow-like value holding one) as ``YYYYMMDDTHHMMSSZ``."""
    assert expected == utc_text(value)


# -- in the exported file --------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    """The content lines of ``text``, unfolded by hand (RFC 5545 3.1)."""
    assert text.endswith("\r\n")
    return text[:-2].replace("\r\n ", "").split("\r\n")


def _values(text: str, name: str) -> list[str]:
    return [line[len(name) + 1 :] for line in _lines(text) if line.startswith(f"{name}:")]


def _exported() -> str:
    assist = make_assist("scheduling", now=NOW)
    assist.title = "Beds; chairs, and a back\\slash"
    assist.logistics = attrs.evolve(assist.logistics, venue="Room 1; Block B, Floor 2\\3")
    assist.purpose = attrs.evolve(assist.purpose, problem="Line one; two, three\nLine \\ four")
    return to_ics(assist, now=NOW, parts={"days"})


def test_summary_escapes_semicolons_commas_and_backslashes() -> None:
    """The title in SUMMARY is written with ``\\;``, ``\\,`` and ``\\\\``."""
    summaries = _values(_exported(), "SUMMARY")
    assert 2 == len(summaries)
    for summary in summaries:
        assert "Beds\\; chairs\\, and a back\\\\slash" in summary
        assert "Beds;" not in summary


def test_location_line_is_escaped_byte_for_byte() -> None:
    """LOCATION holds the venue, escaped."""
    assert ["Room 1\\; Block B\\, Floor 2\\\\3"] * 2 == _values(_exported(), "LOCATION")


def test_description_escapes_text_and_writes_newlines_as_backslash_n() -> None:
    """DESCRIPTION is one content line: the problem's line break is ``\\n``
    and its ``;`` ``,`` ``\\`` are escaped."""
    descriptions = [d for d in _values(_exported(), "DESCRIPTION") if "problem" in d]
    assert 2 == len(descriptions)
    for description in descriptions:
        assert description.startswith("Beds\\; chairs\\, and a back\\\\slash\\n")
        assert "The problem: Line one\\; two\\, three\\nLine \\\\ four\\n" in description
        assert "Venue: Room 1\\; Block B\\, Floor 2\\\\3" in description


def test_encoded_addresses_read_back_the_same() -> None:
    """Addresses with header-field separators or non-ASCII letters are
    written encoded, and the parsers read back the addresses given."""
    odd = ("tom&jerry=cat@example.org", "名前@example.jp", "zoë+x@example.org")
    assist = make_assist("scheduling", now=NOW)
    assist.visitors = tuple(Person(name=f"V{i}", email=e) for i, e in enumerate(odd))
    text = to_ics(assist, now=NOW, parts={"days"})
    lines = _lines(text)
    assert "mailto:tom%26jerry%3Dcat@example.org" in "".join(lines)
    assert "mailto:%E5%90%8D%E5%89%8D@example.jp" in "".join(lines)
    _, comps = read_all(text)
    assert set(odd) <= {a[0] for a in comps[0]["attendees"]}  # type: ignore[attr-defined]
