"""Text helpers for the documents: dates, times, safe links and Markdown escaping.

Nothing here imports Jinja2: these are plain functions the views and the
template filters share.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from peerassist._time import Date, DateTime

__all__ = [
    "long_date",
    "md_inline",
    "md_paragraphs",
    "paragraphs",
    "safe_url",
    "short_date",
    "time_span",
]

# Line endings as CommonMark and HTML readers see them, plus the Unicode
# separators some editors write: each ends a line here.
_LINE_ENDS = re.compile("\r\n|[\r\n\u2028\u2029\x85]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")

# Characters that can start Markdown syntax anywhere in a line: emphasis,
# code, links, raw HTML and entities, table cells, strike-through.
_MD_ANYWHERE = re.compile(r"([\\`*_\[\]<>&|~])")
# What makes a line a heading, a list item, a quote or a rule when it starts it.
_MD_LINE_START = re.compile(r"^(\d{1,9})?([#+\-=:.)])")

_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_UNSAFE = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f]")


def lines(text: str) -> list[str]:
    """Split ``text`` at any line ending (CR, LF, CRLF, Unicode separators)."""
    return _LINE_ENDS.split(text)


def paragraph_texts(text: str) -> list[str]:
    """Split multi-line text into paragraphs at blank lines; drop empty ones."""
    joined = "\n".join(lines(text))
    return [p.strip() for p in _BLANK_LINES.split(joined) if p.strip()]


def paragraphs(text: str) -> list[list[str]]:
    """Split multi-line text into paragraphs, each a list of its lines."""
    return [[line.strip() for line in p.split("\n")] for p in paragraph_texts(text)]


def md_inline(text: str) -> str:
    """Escape text for a Markdown inline context: one line, no syntax.

    Line breaks become spaces; every character that could start emphasis,
    code, a link, raw HTML, an entity or a table cell is backslash-escaped,
    and so is a line-start character that would make a heading, list or quote.
    """
    flat = " ".join(part.strip() for part in lines(text)).strip()
    return _md_line(flat)


def _md_line(line: str) -> str:
    escaped = _MD_ANYWHERE.sub(r"\\\1", line)
    # A digit cannot be escaped, so the "." or ")" after it is escaped instead.
    return _MD_LINE_START.sub(_escape_line_start, escaped, count=1)


def _escape_line_start(match: re.Match[str]) -> str:
    digits, mark = match.group(1), match.group(2)
    if digits is None:
        return "\\" + mark
    return digits + "\\" + mark if mark in ".)" else match.group(0)


def md_paragraphs(text: str) -> str:
    """Escape multi-line text as Markdown paragraphs separated by blank lines."""
    return "\n\n".join(
        "\n".join(_md_line(line) for line in para if line) for para in paragraphs(text)
    )


def safe_url(value: str) -> str | None:
    """Return ``value`` when it is an absolute http(s) or mailto link, else None.

    Anything else (``javascript:``, ``data:``, relative paths, text with
    spaces, quotes or angle brackets) is shown as text, never as a link.
    """
    text = value.strip()
    if not text or _URL_UNSAFE.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _SAFE_SCHEMES:
        return None
    if scheme == "mailto":
        return text if "@" in parts.path else None
    return text if parts.netloc else None


def long_date(value: Date) -> str:
    """``Wednesday 10 March 2027``."""
    return f"{value:%A} {value.day} {value:%B %Y}"


def short_date(value: Date) -> str:
    """``Wed 10 Mar 2027``."""
    return f"{value:%a} {value.day} {value:%b %Y}"


def _abbreviation(value: DateTime) -> str:
    return value.tzname() or value.format("Z")


def clock(value: DateTime) -> str:
    """``09:00 GMT``."""
    return f"{value:%H:%M} {_abbreviation(value)}"


def time_span(start: DateTime, end: DateTime) -> str:
    """``09:00-09:15 GMT``; both abbreviations when a clock change falls inside.

    An end on a later local date says how many days later: ``23:00-01:00 (+1) GMT``.
    """
    days = (end.date() - start.date()).days
    later = f" (+{days})" if days else ""
    first, second = _abbreviation(start), _abbreviation(end)
    if first == second:
        return f"{start:%H:%M}\u2013{end:%H:%M}{later} {first}"
    return f"{start:%H:%M} {first}\u2013{end:%H:%M}{later} {second}"
