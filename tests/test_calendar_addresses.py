"""Addresses from the model to the file: every address a ``Person`` accepts
is written as a ``mailto:`` URI (RFC 6068: the local part's UTF-8 bytes
percent-encoded outside a safe alphabet) that the strict parsers read back
to the same address, and the model refuses what the export cannot write.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from hostile import read_all
from peerassist._time import UTC, DateTime
from peerassist.calendar import to_ics
from peerassist.exceptions import InputError
from peerassist.model import Person
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 3, 2, 12, tz=UTC)

# RFC 5322 atext specials, ASCII letters and digits, and letters outside
# ASCII (RFC 6531), among them 名前 and ë.
_ATOM_CHAR = st.one_of(
    st.sampled_from("!#$%&'*+/=?^_`{|}~-"),
    st.sampled_from("abcXYZ0189"),
    st.sampled_from("名前ëßжΩ"),
    st.characters(categories=("Ll", "Lu", "Lo"), min_codepoint=0x80, max_codepoint=0xFFFF),
)
_LOCAL = st.lists(st.text(_ATOM_CHAR, min_size=1, max_size=8), min_size=1, max_size=3).map(".".join)
_LABEL = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9-]{0,8}[A-Za-z0-9])?", fullmatch=True)
_DOMAIN = st.lists(_LABEL, min_size=1, max_size=3).map(lambda labels: ".".join(labels))
_TLD = st.sampled_from(["org", "jp", "Example", "COM", "xn--p1ai"])
_ADDRESS = st.builds(lambda local, domain, tld: f"{local}@{domain}.{tld}", _LOCAL, _DOMAIN, _TLD)

# RFC 6068 with RFC 3986: after "mailto:", a local part of unreserved
# characters, a few sub-delims and %XX escapes; an ASCII host name.
_MAILTO = re.compile(r"mailto:((?:[A-Za-z0-9._~!$'*+-]|%[0-9A-F]{2})+)@([A-Za-z0-9.-]+)")


def _accepted(email: str) -> Person | None:
    try:
        return Person(name="Visitor", email=email)
    except InputError:
        return None


def _uris(text: str) -> list[str]:
    """Every mailto URI in the file, from the unfolded lines."""
    unfolded = text.replace("\r\n ", "")
    return [
        "mailto:" + line.rsplit(":mailto:", 1)[1]
        for line in unfolded.split("\r\n")
        if ":mailto:" in line
    ]


@given(_ADDRESS)
def test_any_accepted_address_is_written_as_a_mailto_uri_and_read_back(email: str) -> None:
    """An address the model accepts is written as a valid percent-encoded
    mailto URI that decodes (strict UTF-8) to it, and the parsers read it
    back: the local part exactly, the domain ignoring case."""
    person = _accepted(email)
    assume(person is not None)
    assert person is not None
    assist = make_assist("scheduling", now=NOW)
    assist.visitors = (person, *assist.visitors[1:])
    text = to_ics(assist, now=NOW, parts={"days"})
    local, _, domain = email.rpartition("@")
    written = []
    for uri in _uris(text):
        match = _MAILTO.fullmatch(uri)
        assert match is not None, uri
        raw_local, raw_domain = match.groups()
        decoded = unquote(raw_local, encoding="utf-8", errors="strict")
        written.append((decoded, raw_domain.casefold()))
    assert (local, domain.casefold()) in written
    _, comps = read_all(text)
    read_back = {
        (a.rpartition("@")[0], a.rpartition("@")[2].casefold())
        for a, *_ in comps[0]["attendees"]  # type: ignore[attr-defined]
    }
    assert (local, domain.casefold()) in read_back


@pytest.mark.parametrize(
    ("email", "uri"),
    [
        ("名前@example.jp", "mailto:%E5%90%8D%E5%89%8D@example.jp"),
        ("zoë.ß@Example.ORG", "mailto:zo%C3%AB.%C3%9F@Example.ORG"),
        ("a&b=c?d/e@example.org", "mailto:a%26b%3Dc%3Fd%2Fe@example.org"),
        ("o'brien+tag@example.org", "mailto:o'brien+tag@example.org"),
    ],
)
def test_non_ascii_and_delimiters_are_percent_encoded_in_the_file(email: str, uri: str) -> None:
    """The bytes in the file, written out by hand from RFC 6068."""
    assist = make_assist("scheduling", now=NOW)
    assist.visitors = (Person(name="Visitor", email=email), *assist.visitors[1:])
    assert uri in _uris(to_ics(assist, now=NOW, parts={"days"}))


_UNSAFE = st.sampled_from(
    [
        "\ud800",  # lone surrogates: no UTF-8 file can hold them
        "\udfff",
        "\x00",  # controls
        "\x07",
        "\t",
        "\x7f",
        "\x9b",
        "\u202e",  # bidirectional overrides, embeddings, isolates, marks
        "\u202a",
        "\u2066",
        "\u2069",
        "\u200e",
        "\u061c",
        "\u200b",  # zero-width characters
        "\u200d",
        "\u2060",
        "\ufeff",
    ]
)


@given(
    email=st.sampled_from(["ana@example.org", "名前@example.jp", "o'b+x@sub.example.org"]),
    char=_UNSAFE,
    where=st.integers(min_value=0),
)
def test_the_model_refuses_what_the_export_cannot_write(email: str, char: str, where: int) -> None:
    """A lone surrogate, a control, a bidirectional or a zero-width
    character anywhere in an address is refused at construction."""
    at = where % (len(email) + 1)
    with pytest.raises(InputError, match="email"):
        Person(name="Visitor", email=email[:at] + char + email[at:])


@pytest.mark.parametrize("email", ["ana@[10.0.0.1]", "ana@10.0.0.1", "ana@[IPv6:2001:db8::1]"])
def test_the_model_refuses_ip_literal_domains(email: str) -> None:
    """Address literals are refused: an invite goes to a named domain."""
    with pytest.raises(InputError, match="email"):
        Person(name="Visitor", email=email)
