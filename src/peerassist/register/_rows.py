"""What a backend stores for an assist besides its body: the rows both backends share.

Every backend keeps the assist itself as JSON (the file format) and, beside
it, rows derived here, once, the same way for every backend: the summary
columns, one row per participant (for people and usual suspects) and one
row per searchable field (for search and similarity).
"""

from __future__ import annotations

import base64
import json
import re

from peerassist._attrs import frozen
from peerassist._time import UTC, DateTime
from peerassist.exceptions import InputError
from peerassist.model import PeerAssist

SEARCHED_FIELDS = (
    "title",
    "purpose.problem",
    "purpose.learning_aim",
    "meeting.context.redefined_problem",
    "meeting.analysis.options",
    "meeting.analysis.insights",
    "follow_up.lessons",
)
"""The fields search reads (lists are indexed item by item)."""

COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("title", "title", 3.0),
    ("problem", "purpose.problem", 2.0),
    ("aim", "purpose.learning_aim", 1.5),
    ("redefined", "meeting.context.redefined_problem", 1.5),
    ("options", "meeting.analysis.options", 1.0),
    ("insights", "meeting.analysis.insights", 1.0),
    ("lessons", "follow_up.lessons", 2.0),
)
"""Search columns: (column, field path, weight); the last three hold lists."""

ITEM_SEPARATOR = " \u2029 "
"""Between the items of a list column (a paragraph separator, never a word)."""

MARK = "**"
"""What marks a matching word in a snippet, on both sides."""

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_MAX_QUERY_WORDS = 32


@frozen(kw_only=True)
class PersonRow:
    """A participant of a stored assist."""

    email: str
    name: str
    role: str


@frozen(kw_only=True)
class Rows:
    """Everything stored for one assist."""

    assist_id: str
    revision: int
    state: str
    title: str
    body: str
    start: DateTime | None
    people: tuple[PersonRow, ...]
    texts: tuple[tuple[str, str], ...]
    columns: tuple[str, ...]
    unshared_lessons: bool


def dump_body(assist: PeerAssist) -> str:
    """The assist as the JSON text of the file format."""
    from peerassist.serialize import to_dict

    return json.dumps(to_dict(assist), sort_keys=True, ensure_ascii=False)


def load_body(text: str) -> PeerAssist:
    """The assist from its stored JSON text."""
    from peerassist.serialize import from_dict

    return from_dict(json.loads(text))


def searchable_texts(assist: PeerAssist) -> tuple[tuple[str, str], ...]:
    """The (field path, text) pairs search indexes, non-empty texts only."""
    purpose, meeting = assist.purpose, assist.meeting
    found: list[tuple[str, str]] = [
        ("title", assist.title),
        ("purpose.problem", purpose.problem),
        ("purpose.learning_aim", purpose.learning_aim),
        ("meeting.context.redefined_problem", meeting.context.redefined_problem),
    ]
    found += [(f"meeting.analysis.options[{i}]", t) for i, t in enumerate(meeting.analysis.options)]
    found += [
        (f"meeting.analysis.insights[{i}]", t) for i, t in enumerate(meeting.analysis.insights)
    ]
    found += [
        (f"follow_up.lessons[{i}].text", lesson.text)
        for i, lesson in enumerate(assist.follow_up.lessons)
    ]
    return tuple((path, text) for path, text in found if text.strip())


def search_columns(assist: PeerAssist) -> tuple[str, ...]:
    """The texts of the search columns (see :data:`COLUMNS`), lists joined."""
    purpose, meeting = assist.purpose, assist.meeting
    return (
        assist.title,
        purpose.problem,
        purpose.learning_aim,
        meeting.context.redefined_problem,
        ITEM_SEPARATOR.join(meeting.analysis.options),
        ITEM_SEPARATOR.join(meeting.analysis.insights),
        ITEM_SEPARATOR.join(lesson.text for lesson in assist.follow_up.lessons),
    )


def best_field(highlighted: list[str | None]) -> tuple[str, str]:
    """The field that matched best, and its snippet, from each column's text
    with the matching words marked: the most marked words, by column weight
    (the earlier column on a tie). A list column names the item.
    """
    best: tuple[float, int, str, str] = (0.0, 0, "title", "")
    for index, ((_, path, weight), text) in enumerate(zip(COLUMNS, highlighted, strict=True)):
        if not text or MARK not in text:
            continue
        if index >= 4:
            items = text.split("\u2029")
            found = [(n, item.strip()) for n, item in enumerate(items) if MARK in item]
            n, text = max(found, key=lambda pair: (pair[1].count(MARK), -pair[0]))
            path = f"{path}[{n}]" + (".text" if path == "follow_up.lessons" else "")
        marks = text.count(MARK) / 2
        candidate = (marks * weight, -index, path, trim(text))
        if candidate[:2] > best[:2]:
            best = candidate
    return best[2], best[3]


def trim(text: str, *, before: int = 6, words: int = 24) -> str:
    """Cut a long text to a window of words around its first marked word."""
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    first = next((i for i, part in enumerate(parts) if MARK in part), 0)
    start = max(0, first - before)
    window = parts[start : start + words]
    head = "..." if start > 0 else ""
    tail = "..." if start + words < len(parts) else ""
    return head + " ".join(window) + tail


def rows_for(assist: PeerAssist) -> Rows:
    """Derive everything a backend stores for ``assist``.

    Raises:
        InputError: ``assist`` is not a PeerAssist (or cannot be written).
    """
    if not isinstance(assist, PeerAssist):
        raise InputError.single("assist", "a PeerAssist", type(assist).__name__)
    start = assist.logistics.start
    return Rows(
        assist_id=assist.id,
        revision=assist.revision,
        state=assist.state,
        title=assist.title,
        body=dump_body(assist),
        start=None if start is None else start.in_tz(UTC),
        people=tuple(
            PersonRow(email=person.key, name=person.name, role=role.value)
            for person, role in assist.participants()
        ),
        texts=searchable_texts(assist),
        columns=search_columns(assist),
        unshared_lessons=bool(assist.follow_up.lessons) and not assist.follow_up.shared_with,
    )


def query_words(text: object, path: str = "text") -> list[str]:
    """The words of a search text, lower case, without punctuation.

    Raises:
        InputError: ``text`` is not a string or holds no word.
    """
    if not isinstance(text, str):
        raise InputError.single(path, "text to search for", type(text).__name__)
    words = list(dict.fromkeys(w.casefold() for w in _WORD.findall(text)))
    if not words:
        raise InputError.single(path, "at least one word to search for", repr(text))
    return words[:_MAX_QUERY_WORDS]


def significant(words: list[str]) -> list[str]:
    """``words`` without the stop words (all of them if nothing else is left)."""
    from peerassist.rules._context import _STOPWORDS

    kept = [w for w in words if w not in _STOPWORDS and len(w) > 1]
    return kept or words


def check_limit(limit: object, path: str = "limit", *, most: int = 1000) -> int:
    """Return ``limit`` if it is a whole number from 1 to ``most``.

    Raises:
        InputError: otherwise.
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= most:
        raise InputError.single(path, f"a whole number from 1 to {most}", repr(limit))
    return limit


def to_micros(instant: DateTime) -> int:
    """Microseconds since the Unix epoch, for sortable integer columns."""
    utc = instant.in_tz(UTC)
    return int(utc.timestamp()) * 1_000_000 + utc.microsecond


def from_micros(value: int) -> DateTime:
    """The UTC instant of :func:`to_micros`."""
    seconds, micros = divmod(value, 1_000_000)
    return DateTime.fromtimestamp(seconds, tz=UTC).add(microseconds=micros)


def encode_cursor(updated: int, assist_id: str) -> str:
    """An opaque cursor naming the last row of a page."""
    raw = json.dumps([updated, assist_id], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: object) -> tuple[int, str]:
    """The (updated, id) pair of :func:`encode_cursor`.

    Raises:
        InputError: ``cursor`` is not one this register gave.
    """
    expected = "a cursor from a previous page's next_cursor"
    if not isinstance(cursor, str):
        raise InputError.single("cursor", expected, type(cursor).__name__)
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        updated, assist_id = json.loads(raw)
    except (ValueError, TypeError):
        raise InputError.single("cursor", expected, repr(cursor)) from None
    if isinstance(updated, bool) or not isinstance(updated, int) or not isinstance(assist_id, str):
        raise InputError.single("cursor", expected, repr(cursor))
    return updated, assist_id


def key_arg(assist_id: object) -> str:
    if not isinstance(assist_id, str):
        raise InputError.single("assist_id", "an assist id (text)", type(assist_id).__name__)
    return assist_id


def text_arg(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise InputError.single(path, "text", type(value).__name__)
    return value


def check_bumped(assist: object, expected: object) -> None:
    if isinstance(expected, bool) or not isinstance(expected, int):
        raise InputError.single("expected_revision", "a whole number", repr(expected))
    if not isinstance(assist, PeerAssist):
        raise InputError.single("assist", "a PeerAssist", type(assist).__name__)
    if assist.revision <= expected:
        raise InputError.single(
            "revision",
            f"a revision above the loaded {expected} (bump it for every saved change)",
            str(assist.revision),
        )
