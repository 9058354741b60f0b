"""Small helpers the built-in rules share: local days, phrases, wording."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import TYPE_CHECKING

from peerassist._time import UTC, Date, DateTime, HolidaySet
from peerassist.rules._core import RuleContext, Severity
from peerassist.rules._rule import FunctionRule

if TYPE_CHECKING:
    from peerassist.model import PeerAssist


def local_day(instant: DateTime, zone: str) -> Date:
    """The calendar day of ``instant`` in ``zone``."""
    local = instant.in_tz(zone)
    return Date(local.year, local.month, local.day)


def meeting_zone(assist: PeerAssist) -> str:
    """The zone days are counted in: the meeting's, else the caller's, else UTC."""
    return assist.logistics.zone or assist.host.caller.timezone or "UTC"


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


def utc(instant: DateTime) -> DateTime:
    """The same instant in UTC (compare and sort in UTC only)."""
    return instant.in_tz(UTC)


def describe_length(value: timedelta) -> str:
    """A length in words a facilitator reads: ``12 h``, ``45 min``, ``1 h 30 min``."""
    minutes = round(value.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """A pattern finding any phrase at a word start, spaces and hyphens alike,
    with the rest of its last word (so ``approv`` finds ``approval``)."""
    return _phrase_pattern(tuple(phrases))


@functools.lru_cache(maxsize=64)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for phrase in phrases:
        words = [re.escape(w) for w in re.split(r"[\s-]+", phrase.strip()) if w]
        if words:
            parts.append(r"[\s-]+".join(words))
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")[\w'-]*", re.IGNORECASE)


def matches(pattern: re.Pattern[str], text: str) -> list[str]:
    """The phrases ``pattern`` finds in ``text``, as written there, each once."""
    seen: dict[str, None] = {}
    for found in pattern.finditer(text):
        seen.setdefault(" ".join(found.group(0).split()), None)
    return list(seen)


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
    **options: object,
) -> FunctionRule:
    """Build a built-in rule (options become the check's keyword arguments)."""
    return FunctionRule(
        code=code,
        severity=severity,
        refs=refs,
        phase=phase,
        title=title,
        hint=hint,
        check=check,  # type: ignore[arg-type]
        options=tuple(options.items()),
    )
