"""Small helpers the built-in rules share: local days, phrases, wording."""

from __future__ import annotations

import datetime as _dt
import functools
import re
import zoneinfo
from collections.abc import Iterable, Iterator, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from peerassist._time import Date, DateTime, HolidaySet
from peerassist.rules._core import RuleContext, Severity
from peerassist.rules._rule import FunctionRule

if TYPE_CHECKING:
    from peerassist.model import PeerAssist


# Rules compare and convert instants often; pendulum's conversions build a
# zone and a DateTime on every call, so these helpers work on the standard
# library's types instead, with the same results.


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> _dt.tzinfo:
    return zoneinfo.ZoneInfo(name)


def utc(instant: DateTime) -> _dt.datetime:
    """The same instant as a naive UTC ``datetime``: compare, subtract and
    sort these (never wall times: same-zone comparisons ignore the offset)."""
    # Several rules convert the same instants (a window's start and end):
    # the last few hundred are remembered by identity (reading a pendulum
    # instant's offset is slow).
    kept = _UTC.get(id(instant))
    if kept is not None and kept[0] is instant:
        return kept[1]
    offset = instant.utcoffset()
    if offset is None:  # naive: taken as UTC, as pendulum does
        offset = _ZERO
    value = (
        _dt.datetime(
            instant.year,
            instant.month,
            instant.day,
            instant.hour,
            instant.minute,
            instant.second,
            instant.microsecond,
        )
        - offset
    )
    return _remember(_UTC, id(instant), instant, value)


def timestamp(instant: DateTime) -> float:
    """POSIX seconds of ``instant`` (as ``instant.timestamp()``; naive taken as UTC)."""
    kept = _STAMPS.get(id(instant))
    if kept is not None and kept[0] is instant:
        return kept[1]
    return _remember(_STAMPS, id(instant), instant, (utc(instant) - _EPOCH_NAIVE).total_seconds())


_KEEP = 128
# The conversions the rules share, each kept with the object it was made
# from (so no other object can take that id while it is kept), at most
# _KEEP of each: a lifecycle converts about twenty instants.
_UTC: dict[int, tuple[DateTime, _dt.datetime]] = {}
_STAMPS: dict[int, tuple[DateTime, float]] = {}
_DAYS: dict[tuple[int, str], tuple[DateTime, Date]] = {}
_ZONES: dict[int, tuple[object, str | None]] = {}
_ZERO = timedelta(0)


def _remember(table: dict[Any, tuple[Any, _T]], key: Any, holder: object, value: _T) -> _T:
    """Keep ``value`` in ``table`` under ``key`` with the object it was made
    from (the table is emptied when full), and return it."""
    if len(table) >= _KEEP:
        table.clear()
    table[key] = (holder, value)
    return value


def local_time(instant: DateTime, zone: str) -> _dt.datetime:
    """``instant``'s wall time in ``zone`` (an aware standard ``datetime``)."""
    tz = _zone(zone)
    return tz.fromutc(utc(instant).replace(tzinfo=tz))


def local_day(instant: DateTime, zone: str) -> Date:
    """The calendar day of ``instant`` in ``zone`` (as ``instant.in_tz(zone)``)."""
    key = (id(instant), zone)
    kept = _DAYS.get(key)
    if kept is not None and kept[0] is instant:
        return kept[1]
    if instant.utcoffset() is None:  # naive: pendulum reads it as wall time there
        shown = instant.in_tz(zone)
        day = Date(shown.year, shown.month, shown.day)
    else:
        local = local_time(instant, zone)
        day = Date(local.year, local.month, local.day)
    return _remember(_DAYS, key, instant, day)


def seconds_between(start: DateTime, end: DateTime) -> float:
    """The absolute time from ``start`` to ``end`` in seconds (clock changes
    count), as ``(end - start).total_seconds()`` in pendulum."""
    return (utc(end) - utc(start)).total_seconds()


def meeting_zone(assist: PeerAssist) -> str:
    """The zone days are counted in: the meeting's, else the caller's, else UTC."""
    logistics = assist.logistics
    # Many rules ask; the meeting's zone is read from its first window's
    # instant, remembered by the (frozen) logistics' identity.
    kept = _ZONES.get(id(logistics))
    if kept is not None and kept[0] is logistics:
        zone = kept[1]
    else:
        zone = _remember(_ZONES, id(logistics), logistics, logistics.zone)
    return zone or assist.host.caller.timezone or "UTC"


def first_day(assist: PeerAssist) -> Date | None:
    """The meeting's first day, in its zone (None when not scheduled)."""
    start = assist.logistics.start
    return None if start is None else local_day(start, meeting_zone(assist))


def last_day(assist: PeerAssist) -> Date | None:
    """The meeting's last day, in its zone (None when not scheduled)."""
    end = assist.logistics.end
    return None if end is None else local_day(end, meeting_zone(assist))


def today(assist: PeerAssist, ctx: RuleContext) -> Date:
    """``ctx.now``'s day in the meeting's zone."""
    return local_day(ctx.now, meeting_zone(assist))


def holidays(ctx: RuleContext) -> HolidaySet | None:
    """The policy's bank-holiday predicate, if it skips them."""
    return ctx.policy.holidays()


def meeting_time_by_day(assist: PeerAssist) -> dict[Date, float]:
    """Net meeting time in seconds for each local day the meeting uses.

    Net time is a window's length less what the agenda of the assist's
    format (its profile's preset, see :func:`~peerassist.agenda.agenda_for`)
    spends on other things inside it: the breaks and lunch that fall wholly
    inside the window, and social time held inside it (the assist's own, or
    the preset's coffee at the start of the first day when it has none).
    Opening, ground rules, recap, the quarters and closing are meeting time.
    """
    presets = _presets()
    logistics = assist.logistics
    # The preset the assist's own agenda uses (see agenda_for): the file's
    # [agenda] preset, else its profile's, else the one that fits the windows.
    name = assist.agenda.preset if assist.agenda is not None else None
    name = name or presets.PROFILE_PRESETS.get(assist.profile or "")
    # Instants are converted once each: a pendulum instant's offset is slow to read.
    spans = [(utc(w.start), utc(w.end)) for w in logistics.windows]
    # From here on instants are whole microseconds since the epoch (UTC), and
    # lengths microseconds: exact, and far quicker than datetime arithmetic.
    micros = [(_us(start_at), _us(end_at)) for start_at, end_at in spans]
    if name:
        preset = presets.get_preset(name)
    else:
        total = sum((end - start) // _SECOND for start, end in micros)
        preset = presets.preset_for_shape(len(spans), total)
    zone = meeting_zone(assist)
    pauses = _pauses(preset)
    social = logistics.social
    social_span = None if social is None else (_us(utc(social.start)), _us(utc(social.end)))
    tz = _zone(zone)
    by_day: dict[Date, float] = {}
    for index, (start_at, end_at) in enumerate(spans):
        start, end = micros[index]
        net = end - start
        local = tz.fromutc(start_at.replace(tzinfo=tz))
        day = Date(local.year, local.month, local.day)
        # The window's local midnight, in UTC (pauses are at local wall times).
        midnight = start - ((local.hour * 60 + local.minute) * 60 + local.second) * _SECOND
        # A window over a clock change reads each wall time at its own offset.
        changes = tz.fromutc(end_at.replace(tzinfo=tz)).utcoffset() != local.utcoffset()
        for earliest, latest, length in pauses:
            # A pause counts when its window meets this one with room to
            # hold it, as the planner places it (a fixed pause: at its time).
            first = start
            if earliest is not None:
                at = _wall(local, earliest) if changes else midnight + earliest
                if at > first:
                    first = at
            last = end
            if latest is not None:
                at = _wall(local, latest) if changes else midnight + latest
                if at < last:
                    last = at
            if first + length <= last and start < first + length and first < end:
                net -= length
        if social_span is not None:
            net -= max(0, min(end, social_span[1]) - max(start, social_span[0]))
        elif index == 0 and preset.social is not None and preset.social.when == "start":
            net -= min(net, _us_length(preset.social.length))
        by_day[day] = by_day.get(day, 0.0) + max(0, net) / _SECOND
    return by_day


def _presets() -> Any:
    """The agenda's presets module (imported on first use: the agenda
    imports the rules' helpers)."""
    if not _PRESETS:
        from peerassist.agenda import _presets as module

        _PRESETS.append(module)
    return _PRESETS[0]


_PRESETS: list[Any] = []
_SECOND = 1_000_000
_EPOCH_NAIVE = _dt.datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)


def _us(instant: _dt.datetime) -> int:
    """A naive UTC datetime as whole microseconds since the epoch."""
    return (instant - _EPOCH_NAIVE) // _MICROSECOND


def _wall(day: _dt.datetime, offset: int) -> int:
    """The instant ``offset`` microseconds of wall time after ``day``'s local
    midnight (``day`` aware in its zone), as whole microseconds since the epoch."""
    wall = _dt.datetime(day.year, day.month, day.day) + offset * _MICROSECOND
    shift = wall.replace(tzinfo=day.tzinfo).utcoffset()
    assert shift is not None
    return _us(wall - shift)


def _us_length(value: Any) -> int:
    """A length (a timedelta or a pendulum Duration) in whole microseconds."""
    return round(float(value.total_seconds()) * _SECOND)


_PAUSES: dict[int, tuple[object, list[_Pause]]] = {}
_Pause = tuple[int | None, int | None, int]


def _offset(value: Any) -> int | None:
    return None if value is None else (value.hour * 60 + value.minute) * 60 * _SECOND


def _pauses(preset: Any) -> list[_Pause]:
    """A preset's breaks and lunch as (earliest, latest, length) in
    microseconds, the first two after local midnight (None for as early or
    as late as the day allows), kept by the preset's identity (its pendulum
    durations are slow to add)."""
    kept = _PAUSES.get(id(preset))
    if kept is not None and kept[0] is preset:
        return kept[1]
    pauses = [*preset.breaks, *((preset.lunch,) if preset.lunch is not None else ())]
    made: list[_Pause] = []
    for p in pauses:
        length = _us_length(p.length)
        if p.earliest is None and p.latest is None and p.at is not None:
            fixed = _offset(p.at)
            assert fixed is not None
            made.append((fixed, fixed + length, length))
        else:
            made.append((_offset(p.earliest), _offset(p.latest), length))
    if len(_PAUSES) > 32:
        _PAUSES.clear()
    _PAUSES[id(preset)] = (preset, made)
    return made


def describe_days(days: float) -> str:
    """``2 days``, ``1 day``, ``2.5 days``."""
    shown = f"{days:g}"
    return f"{shown} day" if days == 1 else f"{shown} days"


def describe_length(value: timedelta) -> str:
    """A length in words a facilitator reads: ``12 h``, ``45 min``, ``1 h 30 min``."""
    minutes = round(value.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


_PATTERNS: dict[int, tuple[object, re.Pattern[str]]] = {}
# For each pattern built here, the first words one of which a text must
# hold for the pattern to find anything (by the pattern's identity).
_FIRST_WORDS: dict[
    int, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]
] = {}


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """A pattern finding any phrase at a word start, spaces and hyphens alike,
    with the rest of its last word (so ``approv`` finds ``approval``)."""
    if type(phrases) is tuple:
        # A rule's phrases are one tuple for its life: look it up by identity
        # (hashing a long tuple of phrases on every call costs more).
        kept = _PATTERNS.get(id(phrases))
        if kept is not None and kept[0] is phrases:
            return kept[1]
        pattern = _phrase_pattern(phrases)
        if len(_PATTERNS) > 256:
            _PATTERNS.clear()
        _PATTERNS[id(phrases)] = (phrases, pattern)
        return pattern
    return _phrase_pattern(tuple(phrases))


@functools.lru_cache(maxsize=64)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    # The phrases are merged into a tree of characters, so that at each place
    # the pattern follows one branch per character rather than trying every
    # phrase in turn (Python's re does not merge alternatives by itself: a
    # list of a hundred phrases would be tried a hundred times per place).
    spelled = {" ".join(w.lower() for w in re.split(r"[\s-]+", p.strip()) if w) for p in phrases}
    spelled.discard("")
    if not spelled:
        return re.compile(r"(?!x)x")
    body = r"(?<![\w])" + trie_pattern(spelled, r"[\s-]+") + r"[\w'-]*"
    pattern = re.compile(body, re.IGNORECASE)
    # Matching without IGNORECASE over lowercased text finds the same and
    # takes half the time; and before that, a text must hold one of the
    # first words, then one of the first two words in a row (a phrase's
    # match starts with them): most texts that hold a common first word
    # ("we", "the") are ruled out without the whole pattern.
    first = re.compile(trie_pattern({phrase.split(" ", 1)[0] for phrase in spelled}, " "))
    two = re.compile(trie_pattern({" ".join(p.split(" ", 2)[:2]) for p in spelled}, r"[\s-]+"))
    _FIRST_WORDS[id(pattern)] = (pattern, first, re.compile(body), two)
    return pattern


def trie_pattern(words: Iterable[str], space: str) -> str:
    """One pattern matching any of ``words``, as a tree of characters (the
    longest where one word starts another); a space in a word is ``space``."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _branches(root, space)


def _branches(node: dict[str, Any], space: str) -> str:
    parts = [
        (space if char == " " else re.escape(char)) + _branches(child, space)
        for char, child in sorted(node.items())
        if char
    ]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if "" in node else body


def first_words(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern of the first words of a :func:`phrase_pattern`'s phrases,
    over lowercased text: a text it finds nothing in holds none of them."""
    first = _FIRST_WORDS.get(id(pattern))
    if first is None or first[0] is not pattern:
        return re.compile("")  # unknown pattern: never rules a text out
    return first[1]


def _ruled_out(kept: tuple[re.Pattern[str], ...], lowered: str) -> bool:
    """Whether the quick tests of a kept pattern say lowercased text holds
    none of its phrases: no phrase's first word, or no first two words in a row."""
    return kept[1].search(lowered) is None or kept[3].search(lowered) is None


def matches(pattern: re.Pattern[str], text: str) -> list[str]:
    """The phrases ``pattern`` finds in ``text``, as written there, each once."""
    kept = _FIRST_WORDS.get(id(pattern))
    spans: Iterable[re.Match[str]]
    # Lowercasing keeps each character's place, but for a few letters (such
    # as a dotted capital I, which the pattern takes for an I): then the
    # text is read as it is, by the pattern itself.
    if kept is not None and kept[0] is pattern and len(lowered := text.lower()) == len(text):
        # Most texts hold none of the phrases' first words: say so without
        # running the pattern over them.
        if _ruled_out(kept, lowered):
            return []
        spans = kept[2].finditer(lowered)
    else:
        spans = pattern.finditer(text)
    seen: dict[str, None] = {}
    for found in spans:
        seen.setdefault(" ".join(text[found.start() : found.end()].split()), None)
    return list(seen)


def holds_any(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` finds any phrase in ``text`` (``bool(matches(...))``,
    stopping at the first)."""
    kept = _FIRST_WORDS.get(id(pattern))
    if kept is not None and kept[0] is pattern and len(lowered := text.lower()) == len(text):
        if _ruled_out(kept, lowered):
            return False
        return kept[2].search(lowered) is not None
    return pattern.search(text) is not None


_APART = "\x00"
# Put between texts read in one pass: neither a word character, a space nor
# a hyphen, so no phrase's first two words run over it.


def find_each(pattern: re.Pattern[str], texts: Sequence[str]) -> list[list[str]]:
    """``[matches(pattern, text) for text in texts]``: most texts hold no
    phrase's first two words in a row, and one search over them all says so."""
    kept = _FIRST_WORDS.get(id(pattern))
    if len(texts) > 1 and kept is not None and kept[0] is pattern:
        joined = _APART.join(texts)
        lowered = joined.lower()
        # (When lowercasing moves a character, see matches: text by text.)
        if len(lowered) == len(joined) and _ruled_out(kept, lowered):
            return [[] for _ in texts]
    return [matches(pattern, text) for text in texts]


def quoted(items: Iterable[str]) -> str:
    """``"a", "b" and "c"``."""
    shown = [f'"{item}"' for item in items]
    if len(shown) < 2:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def texts_of_purpose(assist: PeerAssist) -> Iterator[tuple[str, str]]:
    """The purpose's free texts with their paths: problem, aim, outcomes."""
    purpose = assist.purpose
    yield "purpose.problem", purpose.problem
    yield "purpose.learning_aim", purpose.learning_aim
    for index, outcome in enumerate(purpose.outcomes):
        yield f"purpose.outcomes[{index}]", outcome


def make(
    *,
    code: str,
    severity: Severity | str,
    refs: tuple[str, ...],
    phase: str,
    title: str,
    hint: str,
    check: object,
    reads: tuple[str, ...],
    uses: tuple[str, ...] = (),
    **options: object,
) -> FunctionRule:
    """Build a built-in rule (options become the check's keyword arguments).

    Every built-in rule declares the fields it ``reads`` and what of the
    context it ``uses``, so that its findings can be reused (see
    :class:`FunctionRule`).
    """
    from peerassist.rules._why import WHY

    built = FunctionRule(
        code=code,
        severity=severity,
        refs=refs,
        phase=phase,
        title=title,
        hint=hint,
        check=check,  # type: ignore[arg-type]
        options=tuple(options.items()),
        reads=reads,
        uses=uses,
    )
    why = WHY.get(code, "")
    if why and why.split(":", 1)[0] == built.severity.value.replace("info", "note"):
        # The reason holds for the built-in severity only: a rule rebuilt
        # with another severity (``severity="error"``) has none to show.
        object.__setattr__(built, "why", why)
    return built


_T = TypeVar("_T")  # (annotations are read late: it may stand last)
