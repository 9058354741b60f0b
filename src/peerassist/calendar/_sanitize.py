"""Make any text safe to write into an iCalendar file (RFC 5545, RFC 6868).

Nothing here imports ics: these are plain functions, tested on their own
with hostile strings, and used by the export for every value that reaches
the file. The threat they close is injection: a value that adds a line (a
property or a whole component) or a parameter the user never meant.

* Line breaks of every kind (CR LF, lone CR, lone LF, NEL, U+2028/U+2029 and
  the separators Python's ``str.splitlines`` honours) become one ``\\n`` in
  TEXT, where the escaping then writes them as the two characters ``\\n``.
* Other control characters and lone surrogates (which UTF-8 cannot encode)
  become U+FFFD, so nothing vanishes without a trace.
* Parameter values (``CN``) are encoded per RFC 6868 (``^`` as ``^^``, a
  line break as ``^n``, ``"`` as ``^'``) and double-quoted when they hold
  ``:``, ``;``, ``,`` or a backslash; a quoted value cannot end early, so it
  cannot add a parameter or redirect the address.
* Addresses and links are percent-encoded outside a small safe alphabet.
* UIDs must already be in a safe alphabet; anything else is refused.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import Any

from peerassist.exceptions import CalendarError

__all__ = [
    "attendee_text",
    "cal_address",
    "check_line",
    "clean_text",
    "escape_text",
    "fold",
    "fold_lines",
    "http_uri",
    "param_value",
    "person_text",
    "safe_uid",
    "token",
    "utc_text",
]

_TOKEN = re.compile(r"^[A-Za-z0-9-]{1,64}$")

_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Anything a writer or a reader could take for a line end or that UTF-8
# cannot carry: C0 and C1 controls but TAB, DEL, line/paragraph separators
# and lone surrogates.
_UNSAFE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_OTHER_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_REPLACEMENT = "\ufffd"


def clean_text(value: str) -> str:
    """Return ``value`` with every line break as ``\\n`` and no other controls.

    Tabs are kept (RFC 5545 allows them in TEXT). Other control characters
    and lone surrogates become U+FFFD.
    """
    if _UNSAFE.search(value) is None:
        return value
    value = _OTHER_CONTROLS.sub(_REPLACEMENT, value)
    return _LINE_BREAKS.sub("\n", value)


def single_line(value: str) -> str:
    """Return ``value`` cleaned, with line breaks turned into spaces."""
    return clean_text(value).replace("\n", " ")


def escape_text(value: str) -> str:
    """Return ``value`` as an RFC 5545 TEXT value (cleaned, then escaped)."""
    # Chained replace: several times faster than str.translate with a dict.
    return (
        clean_text(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


_PARAM_ESCAPES = str.maketrans({"^": "^^", "\n": "^n", '"': "^'"})
# Quoted also with a backslash (icalendar reads an unquoted trailing "\\" as
# escaping the ";" after it, swallowing the next parameter) and with leading
# or trailing blanks (which lenient readers strip), and with "=" (which the
# strict ical parser reads, unquoted, as "0 =" for "0=").
_NEEDS_QUOTES = re.compile(r"[:;,\\=]|^\s|\s$")


def param_value(value: str) -> str:
    """Return ``value`` as a parameter value: RFC 6868 encoded, quoted if needed.

    Quoted when it holds ``:``, ``;``, ``,``, ``=`` or ``\\``, or starts or
    ends with a blank.

    The result never holds a double quote except the surrounding pair, so
    the value cannot close early and add a parameter, and never holds a
    line break.
    """
    encoded = clean_text(value).translate(_PARAM_ESCAPES)
    if _NEEDS_QUOTES.search(encoded):
        return f'"{encoded}"'
    return encoded


# RFC 6068 2: a mailto address keeps RFC 3986's unreserved characters and
# some of its sub-delims; "&", ";" and "=" (which separate header fields) and
# everything else are percent-encoded.
_LOCAL_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!$'*+._~-")
_DOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")


def _percent(text: str, safe: frozenset[str]) -> str:
    if all(ch in safe for ch in text):
        return text
    out: list[str] = []
    for ch in text:
        if ch in safe:
            out.append(ch)
        else:
            out.extend(f"%{byte:02X}" for byte in ch.encode("utf-8", "replace"))
    return "".join(out)


def cal_address(email: str, path: str = "email") -> str:
    """Return the ``mailto:`` URI for ``email``, percent-encoded where needed.

    Raises:
        CalendarError: when ``email`` is not ``local@domain`` with an ASCII
            domain (the model refuses such addresses before they get here).
    """
    local, at, domain = email.rpartition("@")
    if not at or not local or _DOMAIN.match(domain) is None:
        raise CalendarError(
            f"{path}: expected an email address like name@example.org, found {email!r}"
        )
    return f"mailto:{_percent(local, _LOCAL_SAFE)}@{domain}"


# RFC 3986 unreserved and reserved characters, plus '%' for escapes
# already present; everything else (space, quotes, <>, \\, ^, `, {|},
# controls, non-ASCII) is percent-encoded as browsers do.
_URI_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%"
)
_HTTP = re.compile(r"^https?://[^\s/?#]+", re.IGNORECASE)


def http_uri(value: str) -> str | None:
    """Return ``value`` as a safe http(s) URI, or None when it is not one.

    Characters not allowed in a URI are percent-encoded; the result has no
    whitespace, quotes or controls.
    """
    text = value.strip()
    if _HTTP.match(text) is None:
        return None
    return _percent(text, _URI_SAFE)


_UID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,254}$")


def safe_uid(value: object, path: str = "uid") -> str:
    """Return ``value`` if it is a UID from the safe alphabet.

    Raises:
        CalendarError: for anything else (UIDs are written raw by ics).
    """
    if not isinstance(value, str) or _UID.match(value) is None:
        raise CalendarError(
            f"{path}: expected 1-255 letters, digits, '.', '_', '@' or '-', found {value!r}"
        )
    return value


def check_line(text: str, path: str) -> None:
    """Refuse a piece of a content line that holds a line break or a control.

    Used on values that ics writes raw, as the last guard before writing.

    Raises:
        CalendarError: naming ``path`` and the value found.
    """
    if _UNSAFE.search(text) is not None:
        raise CalendarError(
            f"{path}: expected text without line breaks or controls, found {text!r}"
        )


def fold(line: str) -> str:
    """Fold one content line at 75 octets, never inside a UTF-8 character.

    Continuation lines start with one space, which counts in their 75.
    """
    if len(line) <= 75 and line.isascii():
        return line
    encoded_length = len(line.encode("utf-8"))
    if encoded_length <= 75:
        return line
    if line.isascii():
        parts = [line[:75]]
        parts += [line[i : i + 74] for i in range(75, len(line), 74)]
        return "\r\n ".join(parts)
    parts = []
    start = 0
    size = 0
    limit = 75
    for index, ch in enumerate(line):
        width = 1 if ch < "\x80" else 2 if ch < "\u0800" else 3 if ch < "\U00010000" else 4
        if size + width > limit:
            parts.append(line[start:index])
            start, size, limit = index, 0, 74
        size += width
    parts.append(line[start:])
    return "\r\n ".join(parts)


def fold_lines(lines: list[str]) -> str:
    """Join content lines with CRLF, folding each, with a final CRLF."""
    return "\r\n".join([fold(line) for line in lines]) + "\r\n"


# -- whole person lines and instants, shared by every writer ------------------


@functools.lru_cache(maxsize=4096)
def _address(email: str) -> str:
    return cal_address(email)


@functools.lru_cache(maxsize=4096)
def _cn(name: str) -> str:
    return param_value(name)


def person_text(name: str, email: str, common_name: str | None, params: str) -> str:
    """Write an ORGANIZER or ATTENDEE line: quoted CN, safe address."""
    cn = f";CN={_cn(common_name)}" if common_name and common_name != email else ""
    return f"{name}{params}{cn}:{_address(email)}"


def token(value: object, path: str) -> str:
    """Return a parameter token (letters, digits, '-'), upper-cased, or refuse it."""
    text = str(value)
    if _TOKEN.match(text) is None:
        raise CalendarError(
            f"{path}: expected a parameter token like REQ-PARTICIPANT, found {text!r}"
        )
    return text.upper()


def attendee_text(attendee: Any) -> str:
    """Write an ATTENDEE line from an ics attendee (or a bare address)."""
    if isinstance(attendee, str):
        return person_text("ATTENDEE", attendee, None, "")
    params = ""
    for param, value in (
        ("CUTYPE", attendee.cutype),
        ("ROLE", attendee.role),
        ("PARTSTAT", attendee.partstat),
    ):
        if value:
            params += f";{param}={token(value, f'ATTENDEE;{param}')}"
    rsvp = attendee.rsvp
    if rsvp is not None:
        params += ";RSVP=" + ("TRUE" if rsvp is True or str(rsvp).upper() == "TRUE" else "FALSE")
    return person_text("ATTENDEE", str(attendee.email), attendee.common_name, params)


def utc_text(value: Any) -> str:
    """Write an instant (a datetime or an ics arrow value) as UTC ``...Z`` text."""
    moment = getattr(value, "datetime", value).astimezone(_dt.UTC)
    return (
        f"{moment.year:04d}{moment.month:02d}{moment.day:02d}"
        f"T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}Z"
    )
