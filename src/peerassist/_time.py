"""Time values: the one module that imports pendulum (and, lazily, holidays).

Everything in peerassist that handles time goes through here, so the rules
the library keeps about time live in one place:

* instants are aware pendulum ``DateTime`` objects whose zone is an IANA
  name (``Europe/London``) or UTC, never a bare offset;
* their text form is RFC 9557 (``2026-03-10T09:00:00+00:00[Europe/London]``),
  which keeps the wall time, the offset (so the repeated hour at a clock
  change is unambiguous) and the zone name; UTC instants are written with
  ``Z``;
* durations have no months or years;
* times and dates lie in the years 1900 to 2200 (:data:`MIN_YEAR`,
  :data:`MAX_YEAR`): far enough for any meeting and any record, and far from
  the ends of the calendar where shifting a time by its zone's offset
  overflows;
* zone names mean the same on every machine: ``localtime``, ``Factory``,
  ``posixrules`` and the ``posix/`` and ``right/`` copies are refused;
* "now" is only read by :func:`utc_now`, which the outermost APIs call when
  the caller gave no ``now=``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import zoneinfo
from collections.abc import Callable, Iterable

import pendulum
from pendulum import Date, DateTime, Duration
from pendulum.tz.timezone import Timezone

from peerassist.exceptions import InputError

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "UTC",
    "Date",
    "DateTime",
    "Duration",
    "HolidaySet",
    "Timezone",
    "add_working_days",
    "as_date",
    "check_year",
    "as_instant",
    "bank_holidays",
    "duration",
    "format_date",
    "format_duration",
    "format_instant",
    "is_known_zone",
    "known_zones",
    "parse_date",
    "parse_duration",
    "parse_instant",
    "sorted_utc",
    "timezone",
    "utc_now",
    "working_days_between",
    "zone_name",
    "zone_suggestion",
]

UTC: Timezone = pendulum.UTC

_ZONE_ALIASES_FOR_UTC = frozenset({"UTC", "Etc/UTC", "Z"})

MIN_YEAR = 1900
"""The earliest year a time or date may have."""

MAX_YEAR = 2200
"""The latest year a time or date may have."""

_YEARS = f"between {MIN_YEAR}-01-01 and {MAX_YEAR}-12-31"

_MACHINE_ZONES = frozenset({"localtime", "Factory", "posixrules"})
"""Names in the zone database that mean different things on different machines."""


def _is_portable(name: str) -> bool:
    return name not in _MACHINE_ZONES and not name.startswith(("posix/", "right/"))


@functools.cache
def known_zones() -> frozenset[str]:
    """Return the IANA zone names this machine knows (plus ``UTC``).

    Names that depend on the machine (``localtime``, ``Factory``,
    ``posixrules``, and the ``posix/`` and ``right/`` copies) are left out.
    """
    return frozenset(n for n in zoneinfo.available_timezones() if _is_portable(n)) | {"UTC"}


def zone_suggestion(name: object) -> str | None:
    """Suggest the portable IANA name for a machine-dependent one, if there is one.

    ``posix/Europe/London`` and ``right/Europe/London`` become
    ``Europe/London``; ``localtime`` becomes the zone this machine's local
    time is (when it can tell), ``Factory`` and ``posixrules`` ``UTC``.
    """
    if not isinstance(name, str):
        return None
    if name.startswith(("posix/", "right/")):
        rest = name.split("/", 1)[1]
        return rest if rest in known_zones() else None
    if name == "localtime":
        return _local_zone_name()
    if name in _MACHINE_ZONES:
        return "UTC"
    return None


def _local_zone_name() -> str | None:
    import os

    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:  # pragma: no cover - depends on the machine
        return None
    marker = "zoneinfo/"
    if marker not in target:
        return None
    name = target.split(marker, 1)[1]
    name = "UTC" if name in _ZONE_ALIASES_FOR_UTC else name
    return name if name in known_zones() else None


def check_year(value: _dt.date, path: str = "") -> None:
    """Refuse a date or time outside the years :data:`MIN_YEAR` to :data:`MAX_YEAR`.

    Raises:
        InputError: naming ``path``, the bounds and the value found.
    """
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise InputError.single(path, f"a time or date {_YEARS}", _describe(value))


def is_known_zone(name: object) -> bool:
    """Tell whether ``name`` is an IANA zone name known here."""
    return isinstance(name, str) and name in known_zones()


def timezone(name: str) -> Timezone:
    """Return the pendulum zone of an IANA name (the one ``in_tz(name)`` uses).

    Raises:
        InputError: when no zone of that name can be loaded.
    """
    if not isinstance(name, str):
        raise InputError.single("zone", "an IANA zone name like Europe/London", _describe(name))
    return _timezone(name)


@functools.lru_cache(maxsize=256)
def _timezone(name: str) -> Timezone:
    if not _is_portable(name):
        raise InputError.single("zone", _zone_expected(name), repr(name))
    try:
        zone = pendulum.timezone(name)
    except (ValueError, LookupError):  # InvalidTimezone, ZoneInfoNotFoundError
        raise InputError.single(
            "zone", "an IANA zone name like Europe/London", repr(name)
        ) from None
    assert isinstance(zone, Timezone)
    return zone


def _zone_expected(name: object, base: str = "a known IANA zone name") -> str:
    better = zone_suggestion(name)
    if better is None and not (isinstance(name, str) and not _is_portable(name)):
        return base
    hint = f" such as {better!r}" if better else ""
    return f"{base} that means the same on every machine{hint}"


def utc_now() -> DateTime:
    """Read the system clock, in UTC.

    Only the outermost APIs call this, when the caller passed no ``now=``.
    """
    return pendulum.now(UTC)


def zone_name(value: DateTime) -> str:
    """Return the IANA zone name of an aware instant (``UTC`` for UTC)."""
    tz = value.tzinfo
    name = getattr(tz, "name", None) or getattr(tz, "key", None)
    if not isinstance(name, str):
        raise InputError.single(
            "", "a time with an IANA zone", f"{value.isoformat()} with no zone name"
        )
    return "UTC" if name in _ZONE_ALIASES_FOR_UTC else name


def _describe(value: object) -> str:
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    return repr(value)


def as_instant(value: object, path: str = "") -> DateTime:
    """Check that ``value`` is an aware instant with an IANA zone.

    Accepts a pendulum ``DateTime`` or a standard ``datetime`` whose tzinfo is
    a ``zoneinfo.ZoneInfo``, a pendulum zone or UTC, and returns it as a
    pendulum ``DateTime`` in the same zone (the same wall time, offset and
    fold). Naive values and bare offsets are refused.

    Raises:
        InputError: naming ``path``, what was expected and what was found.
    """
    expected = "an aware datetime with an IANA zone (e.g. Europe/London)"
    if not isinstance(value, _dt.datetime):
        raise InputError.single(path, expected, _describe(value))
    tz = value.tzinfo
    if tz is None or value.utcoffset() is None:
        raise InputError.single(path, expected, f"naive datetime {value.isoformat()}")
    check_year(value, path)
    if isinstance(value, DateTime) and isinstance(tz, Timezone):
        if not _is_portable(tz.name):
            raise InputError.single(path, _zone_expected(tz.name), repr(tz.name))
        return value
    if tz is _dt.UTC:
        name = "UTC"
    else:
        raw = getattr(tz, "key", None) or getattr(tz, "name", None)
        if not isinstance(raw, str) or not is_known_zone(raw):
            raise InputError.single(
                path, expected, f"{value.isoformat()} with a bare offset or unknown zone"
            )
        name = "UTC" if raw in _ZONE_ALIASES_FOR_UTC else raw
    zone = pendulum.timezone(name)
    assert isinstance(zone, Timezone)
    return pendulum.instance(value.astimezone(zone), tz=zone)


_RFC9557 = re.compile(
    r"^(?P<local>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)"
    r"(?P<offset>Z|[+-]\d{2}:\d{2}(?::\d{2})?)?"
    r"(?:\[(?P<zone>[A-Za-z0-9_+\-/]+)\])?\Z",
    re.ASCII,
)


def parse_instant(text: object, path: str = "") -> DateTime:
    """Parse an instant written as RFC 9557 text.

    Accepted forms: ``2026-03-10T09:00:00+00:00[Europe/London]`` (offset and
    zone; the offset must be the zone's at that time), ``2026-03-10T09:00
    [Europe/London]`` (wall time and zone; a wall time that does not exist
    or that occurs twice at a clock change is refused, since the text does not
    say which is meant) and ``2026-03-10T09:00:00Z`` (UTC).

    Raises:
        InputError: naming ``path``, the expected form and the text found.
    """
    expected = "a time like 2026-03-10T09:00:00+00:00[Europe/London] or 2026-03-10T09:00:00Z"
    if not isinstance(text, str):
        raise InputError.single(path, expected, _describe(text))
    match = _RFC9557.match(text)
    if match is None:
        raise InputError.single(path, expected, repr(text))
    offset, zone_text = match["offset"], match["zone"]
    if zone_text is None and offset != "Z":
        found = f"{text!r} (a bare offset)" if offset else f"{text!r} (no zone: a naive time)"
        raise InputError.single(path, expected, found)
    name = zone_text or "UTC"
    if name in _ZONE_ALIASES_FOR_UTC:
        name = "UTC"
    if not is_known_zone(name):
        raise InputError.single(path, _zone_expected(name), repr(name))
    zone = pendulum.timezone(name)
    assert isinstance(zone, Timezone)
    try:
        local = _dt.datetime.fromisoformat(match["local"].replace(" ", "T"))
    except ValueError:
        raise InputError.single(path, expected, repr(text)) from None
    if not MIN_YEAR <= local.year <= MAX_YEAR:
        raise InputError.single(path, f"a time {_YEARS}", repr(text))
    if offset is not None:
        fixed = _dt.UTC if offset == "Z" else _parse_offset(offset)
        instant = local.replace(tzinfo=fixed)
        result = pendulum.instance(instant.astimezone(zone), tz=zone)
        if result.replace(tzinfo=None) != local:
            raise InputError.single(
                path,
                f"an offset that {name} uses at {match['local']}",
                f"{offset} in {text!r}",
            )
        return result
    return _from_wall_time(local, zone, name, path, text)


def _parse_offset(offset: str) -> _dt.timezone:
    sign = 1 if offset[0] == "+" else -1
    hours, minutes, seconds = int(offset[1:3]), int(offset[4:6]), int(offset[7:9] or 0)
    return _dt.timezone(sign * _dt.timedelta(hours=hours, minutes=minutes, seconds=seconds))


def _from_wall_time(
    local: _dt.datetime, zone: Timezone, name: str, path: str, text: str
) -> DateTime:
    candidates = {
        pendulum.instance(local.replace(fold=fold), tz=zone).in_tz(UTC) for fold in (0, 1)
    }
    exact = [c for c in candidates if c.in_tz(zone).naive() == local]
    if not exact:
        raise InputError.single(
            path,
            f"a wall time that exists in {name}",
            f"{text!r}, skipped by a clock change",
        )
    if len(exact) > 1:
        raise InputError.single(
            path,
            f"a wall time that occurs once in {name}, or an offset to choose one",
            f"{text!r}, which occurs twice at a clock change",
        )
    return exact[0].in_tz(zone)


def format_instant(value: DateTime) -> str:
    """Write an aware instant as RFC 9557 text (``Z`` for UTC)."""
    name = zone_name(value)
    if name == "UTC":
        utc = value.in_tz(UTC).naive()
        return utc.isoformat(timespec="microseconds" if utc.microsecond else "seconds") + "Z"
    return value.isoformat(timespec="microseconds" if value.microsecond else "seconds") + (
        f"[{name}]"
    )


def as_date(value: object, path: str = "") -> Date:
    """Check that ``value`` is a calendar date (not a datetime) and return it."""
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        check_year(value, path)
        if isinstance(value, Date):
            return value
        return Date(value.year, value.month, value.day)
    raise InputError.single(path, "a date like 2027-03-01", _describe(value))


def parse_date(text: object, path: str = "") -> Date:
    """Parse ``YYYY-MM-DD`` (or accept a date object, as TOML gives)."""
    if isinstance(text, _dt.date) and not isinstance(text, _dt.datetime):
        return as_date(text, path)
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, re.ASCII):
        raise InputError.single(path, "a date like 2027-03-01", _describe(text))
    try:
        parsed = _dt.date.fromisoformat(text)
    except ValueError:
        raise InputError.single(path, "a real calendar date", repr(text)) from None
    check_year(parsed, path)
    return Date(parsed.year, parsed.month, parsed.day)


def format_date(value: Date) -> str:
    """Write a date as ``YYYY-MM-DD``."""
    return value.isoformat()


def duration(*, days: int = 0, hours: int = 0, minutes: int = 0, seconds: int = 0) -> Duration:
    """Build a duration; there are no months or years on purpose."""
    return pendulum.duration(days=days, hours=hours, minutes=minutes, seconds=seconds)


_ISO_DURATION = re.compile(
    r"^P(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?\Z",
    re.ASCII,
)


def parse_duration(text: object, path: str = "") -> Duration:
    """Parse an ISO 8601 duration in days, hours, minutes and seconds only."""
    expected = "an ISO 8601 duration like PT45M or P1DT4H (no months or years)"
    if not isinstance(text, str):
        raise InputError.single(path, expected, _describe(text))
    match = _ISO_DURATION.match(text)
    if match is None or text in {"P", "PT"} or text.endswith("T"):
        raise InputError.single(path, expected, repr(text))
    parts = {k: int(v) for k, v in match.groupdict().items() if v is not None}
    return duration(**parts)


def format_duration(value: _dt.timedelta) -> str:
    """Write a duration as ISO 8601 (``P1DT4H30M``); negative ones are refused."""
    total = int(value.total_seconds())
    if total < 0 or value.microseconds:
        raise InputError.single("", "a whole, non-negative number of seconds", str(value))
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    text = "P" + (f"{days}D" if days else "")
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    clock += f"{seconds}S" if seconds else ""
    if clock or not days:
        text += "T" + (clock or "0S")
    return text


# -- working days ---------------------------------------------------------

HolidaySet = Callable[[Date], bool]


@functools.cache
def _holiday_dates(country: str, subdiv: str | None, year: int) -> frozenset[_dt.date]:
    try:
        import holidays  # the optional "holidays" extra
    except ImportError:  # pragma: no cover - depends on the extra
        raise InputError.single(
            "policy.bank_holidays",
            "the optional 'holidays' package (pip install 'peerassist[holidays]')",
            "it is not installed",
        ) from None
    table = holidays.country_holidays(country, subdiv=subdiv, years=year)
    return frozenset(table.keys())


def bank_holidays(country: str = "GB", subdiv: str | None = "ENG") -> HolidaySet:
    """Return a predicate telling whether a date is a bank holiday.

    Uses the optional ``holidays`` package (``pip install
    'peerassist[holidays]'``); England and Wales by default.
    """

    def is_holiday(day: Date) -> bool:
        return day in _holiday_dates(country, subdiv, day.year)

    return is_holiday


# Whole weeks are counted arithmetically on proleptic ordinals (day 1, 0001-01-01,
# was a Monday); only bank holidays need a look at single days.


def _weekdays_through(ordinal: int) -> int:
    """Count the Mondays to Fridays from 0001-01-01 up to and including ``ordinal``."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def _as_pendulum_date(ordinal: int) -> Date:
    day = _dt.date.fromordinal(ordinal)
    return Date(day.year, day.month, day.day)


def _shift_weekdays(ordinal: int, days: int) -> int:
    """The ordinal ``days`` Mondays-to-Fridays away (``days`` != 0), weekends skipped."""
    weekday = (ordinal - 1) % 7  # Monday is 0
    if days > 0:
        if weekday > 4:  # counting from a weekend is counting from its Friday
            ordinal -= weekday - 4
            weekday = 4
        weeks, rest = divmod(days, 5)
        ordinal += 7 * weeks + rest + (2 if weekday + rest > 4 else 0)
    else:
        if weekday > 4:  # counting back from a weekend is counting from its Monday
            ordinal += 7 - weekday
            weekday = 0
        weeks, rest = divmod(-days, 5)
        ordinal -= 7 * weeks + rest + (2 if weekday - rest < 0 else 0)
    return ordinal


def _holidays_on_weekdays(low: int, high: int, holidays: HolidaySet) -> int:
    """Count the weekdays in ordinals ``low..high`` (inclusive) that are holidays."""
    count = 0
    for ordinal in range(low, high + 1):
        if (ordinal - 1) % 7 < 5 and holidays(_as_pendulum_date(ordinal)):
            count += 1
    return count


def add_working_days(start: Date, days: int, *, holidays: HolidaySet | None = None) -> Date:
    """Move ``days`` working days from ``start`` (backwards when negative).

    Weekends are skipped, and bank holidays when ``holidays`` is given.
    ``add_working_days(friday, 1)`` is the next Monday.
    """
    if not days:
        return start
    origin = start.toordinal()
    target = _shift_weekdays(origin, days)
    if holidays is not None:
        # Each holiday met on the way costs one more working day; look only at
        # the days added since the last look until none is met.
        low, high = (origin + 1, target) if days > 0 else (target, origin - 1)
        missing = _holidays_on_weekdays(low, high, holidays)
        while missing:
            step = missing if days > 0 else -missing
            further = _shift_weekdays(target, step)
            low, high = (target + 1, further) if days > 0 else (further, target - 1)
            target = further
            missing = _holidays_on_weekdays(low, high, holidays)
    return _as_pendulum_date(target)


def working_days_between(start: Date, end: Date, *, holidays: HolidaySet | None = None) -> int:
    """Count working days after ``start`` up to and including ``end``.

    Negative when ``end`` is before ``start``.
    """
    if end < start:
        return -working_days_between(end, start, holidays=holidays)
    low, high = start.toordinal(), end.toordinal()
    count = _weekdays_through(high) - _weekdays_through(low)
    if holidays is not None and count:
        count -= _holidays_on_weekdays(low + 1, high, holidays)
    return count


def sorted_utc(values: Iterable[DateTime]) -> list[DateTime]:
    """Sort instants by their UTC value (same-zone comparison across the
    repeated hour ignores the offset in pendulum, so never sort them raw)."""
    return sorted(values, key=lambda v: v.in_tz(UTC).naive())
