"""Agenda presets: plain, frozen data that users copy and change (M08, M15-M17, X04, X08).

A :class:`Preset` says how long a meeting is and how its days are built:
the day window, the fixed blocks (social time, opening, ground rules, recap,
closing), the breaks and lunch at fixed local times, and the step every slot
boundary sits on. Derive your own with ``attrs.evolve``::

    my_day = attrs.evolve(ONE_DAY, day_start=time(8, 30), day_end=time(16, 30))
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from types import MappingProxyType

from peerassist._attrs import frozen
from peerassist._time import Duration, duration
from peerassist.model._check import Checker, found

__all__ = [
    "HALF_DAY",
    "ONE_AND_A_HALF_DAYS",
    "ONE_DAY",
    "PRESETS",
    "TWO_DAYS",
    "VIRTUAL_CLINIC",
    "Pause",
    "PreBrief",
    "Preset",
    "Social",
    "check_quarters",
    "get_preset",
    "preset_for_shape",
]

_SOCIAL_WHEN = ("start", "evening_before")


def as_duration(value: object, path: str, c: Checker, *, positive: bool = True) -> Duration | None:
    """Check a whole number of seconds (timedelta or Duration) and return a Duration."""
    if not isinstance(value, _dt.timedelta):
        c.add(path, "a duration (timedelta) like duration(minutes=15)", found(value))
        return None
    seconds = value.total_seconds()
    if value.microseconds or seconds < 0 or (positive and seconds == 0):
        kind = "a positive" if positive else "a non-negative"
        c.add(path, f"{kind} whole number of seconds", str(value))
        return None
    if isinstance(value, Duration) and not (value.years or value.months):
        return value
    return duration(seconds=int(seconds))


def _check_time(c: Checker, path: str, value: object) -> _dt.time | None:
    if not isinstance(value, _dt.time) or value.tzinfo is not None:
        c.add(path, "a local wall time without a zone, like time(9, 0)", found(value))
        return None
    return value


def _normalise_duration(c: Checker, name: str, *, positive: bool = True) -> None:
    converted = as_duration(getattr(c.obj, name), name, c, positive=positive)
    if converted is not None and converted is not getattr(c.obj, name):
        c.set(name, converted)


@frozen(kw_only=True)
class Pause:
    """A break or lunch: a length, and the local times it may lie between.

    The planner moves each pause inside its window to where a quarter ends
    (M17), or else to where it leaves no quarter piece shorter than the
    ``min_piece``. A pause is left out of a day whose free time (between the
    opening blocks and the closing) does not meet its window with room to
    hold it.

    Attributes:
        length: how long it lasts.
        earliest: the earliest local time it may start, or None for as early
            as the day allows.
        latest: the latest local time it may end, or None for as late as
            the day allows.
        at: the local time it would rather start (within the window), or
            None for the middle of the window. Given without ``earliest``
            and ``latest``, the pause is fixed at that time.
        title: what to call it.
    """

    length: Duration
    earliest: _dt.time | None = None
    latest: _dt.time | None = None
    at: _dt.time | None = None
    title: str = "Break"

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        for name in ("earliest", "latest", "at"):
            if getattr(self, name) is not None:
                _check_time(c, name, getattr(self, name))
        _normalise_duration(c, "length")
        c.text("title", required=True)
        c.done()
        length = int(self.length.total_seconds())
        low, high = self.window_minutes()
        if low is not None and high is not None and high - low < length // 60:
            c.add(
                "latest",
                f"a time at least {length // 60} min after earliest"
                f" ({low // 60:02d}:{low % 60:02d})",
                self.latest.isoformat("minutes") if self.latest else "None",
            )
        if self.at is not None and (self.earliest is not None or self.latest is not None):
            at = _minutes(self.at)
            if (low is not None and at < low) or (high is not None and at + length // 60 > high):
                c.add("at", "a time inside the window from earliest to latest", str(self.at))
        c.done()

    @property
    def fixed(self) -> bool:
        """True when the pause is pinned to ``at`` (no window given)."""
        return self.at is not None and self.earliest is None and self.latest is None

    def window_minutes(self) -> tuple[int | None, int | None]:
        """The window as local minutes after midnight (start, end), None where open."""
        if self.fixed:
            assert self.at is not None
            at = _minutes(self.at)
            return at, at + int(self.length.total_seconds()) // 60
        low = None if self.earliest is None else _minutes(self.earliest)
        high = None if self.latest is None else _minutes(self.latest)
        if high == 0 and low is not None:
            high = 24 * 60  # a window up to midnight
        return low, high


@frozen(kw_only=True)
class Social:
    """Time to socialise (M15): coffee at the start, or dinner the evening before.

    Attributes:
        when: ``"start"`` (inside the first day, before the opening) or
            ``"evening_before"`` (its own slot, outside the meeting time).
        length: how long it lasts.
        at: the local start time for ``"evening_before"`` (ignored for ``"start"``).
        title: what to call it.
    """

    when: str = "start"
    length: Duration = duration(minutes=15)
    at: _dt.time = _dt.time(19, 0)
    title: str = "Coffee"

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        if self.when not in _SOCIAL_WHEN:
            c.add("when", "one of 'start', 'evening_before'", found(self.when))
        _normalise_duration(c, "length")
        _check_time(c, "at", self.at)
        c.text("title", required=True)
        c.done()


@frozen(kw_only=True)
class PreBrief:
    """A short pre-brief with the facilitator on the day before (X04).

    Attributes:
        at: the local start time on the day before the first meeting day.
        length: how long it lasts.
    """

    at: _dt.time = _dt.time(16, 0)
    length: Duration = duration(minutes=30)

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        _check_time(c, "at", self.at)
        _normalise_duration(c, "length")
        c.done()


def check_quarters(c: Checker, path: str, value: object) -> None:
    """Check four positive whole minutes whose shares keep M17's bounds."""
    from peerassist.policy import DEFAULT_POLICY

    if (
        not isinstance(value, tuple | list)
        or len(value) != 4
        or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value)
    ):
        c.add(path, "four positive whole numbers of minutes", found(value))
        return
    whole = sum(value)
    share = DEFAULT_POLICY.quarter_tolerance
    low, high = 0.25 - share, 0.25 + share
    for index, minutes in enumerate(value):
        if not low <= minutes / whole <= high:
            c.add(
                f"{path}[{index}]",
                f"a quarter of {low:.0%} to {high:.0%} of the four's {whole} min (M17)",
                f"{minutes} min ({minutes / whole:.0%})",
            )


def _minutes(value: _dt.time) -> int:
    return value.hour * 60 + value.minute


def _on_grid(value: _dt.time, step_minutes: int) -> bool:
    return not value.second and not value.microsecond and _minutes(value) % step_minutes == 0


def _multiple(value: _dt.timedelta, step_minutes: int) -> bool:
    return int(value.total_seconds()) % (step_minutes * 60) == 0


@frozen(kw_only=True)
class Preset:
    """How a meeting is laid out: its length, day window, fixed blocks and pauses.

    All times are local wall times in the meeting's zone; lengths are
    absolute (a day that loses an hour to a clock change is an hour shorter).

    Attributes:
        name: a short machine name, e.g. ``"one-day"``.
        title: a human title.
        length: the meeting time, summed over its days (M08). ``plan_agenda``
            fills the day windows with it from the start onwards.
        day_start: when each later day starts, and the earliest local time a
            day may use.
        day_end: the latest local time a day may use.
        social: time to socialise (M15), or None.
        opening: the opening by the sponsor on the first day (M16, X03).
        ground_rules: stating the ground rules after the opening (M16).
        recap: a recap at the start of each later day (zero for none).
        closing: the closing at the end of the last day (M22, M23).
        breaks: short breaks at fixed local times.
        lunch: lunch at a fixed local time, or None.
        pre_brief: a pre-brief with the facilitator the day before (X04), or None.
        step: the grid every slot boundary sits on, in whole minutes dividing
            an hour.
        tolerance: how much the longest quarter may exceed the shortest
            (M17: "roughly" equal); None for the policy's share of a quarter
            (10%), at least one step. The planner tries the tightest spread
            first.
        min_piece: the shortest piece of a quarter left on either side of a
            pause or a day's end; None for the policy's (20 minutes).
        quarters: the four quarters' intended lengths in minutes, for a
            facilitator who wants them unequal; used as shares of the time
            the meeting has, each between 15% and 35% of it (M17, the
            policy's ``quarter_tolerance``). None for four equal quarters.
        refs: the method items the preset follows.
    """

    name: str
    title: str
    length: Duration
    day_start: _dt.time = _dt.time(9, 0)
    day_end: _dt.time = _dt.time(17, 0)
    social: Social | None = Social()
    opening: Duration = duration(minutes=15)
    ground_rules: Duration = duration(minutes=10)
    recap: Duration = duration(minutes=10)
    closing: Duration = duration(minutes=30)
    breaks: tuple[Pause, ...] = (
        Pause(length=duration(minutes=15), earliest=_dt.time(10, 15), latest=_dt.time(11, 45)),
        Pause(length=duration(minutes=15), earliest=_dt.time(14, 15), latest=_dt.time(16, 0)),
    )
    lunch: Pause | None = Pause(
        length=duration(minutes=40), earliest=_dt.time(12, 0), latest=_dt.time(14, 0), title="Lunch"
    )
    pre_brief: PreBrief | None = None
    step: Duration = duration(minutes=5)
    tolerance: Duration | None = None
    min_piece: Duration | None = None
    quarters: tuple[int, int, int, int] | None = None
    refs: tuple[str, ...] = ("M08", "M15", "M16", "M17")

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("name", required=True)
        c.text("title", required=True)
        _normalise_duration(c, "length")
        start = _check_time(c, "day_start", self.day_start)
        end = _check_time(c, "day_end", self.day_end)
        if start is not None and end is not None and end <= start:
            c.add("day_end", f"a time after day_start ({start.isoformat('minutes')})", str(end))
        c.instance("social", Social, optional=True)
        for name in ("opening", "ground_rules", "recap", "closing"):
            _normalise_duration(c, name, positive=False)
        c.items("breaks", Pause)
        c.instance("lunch", Pause, optional=True)
        c.instance("pre_brief", PreBrief, optional=True)
        _normalise_duration(c, "step")
        if self.tolerance is not None:
            _normalise_duration(c, "tolerance", positive=False)
        if self.min_piece is not None:
            _normalise_duration(c, "min_piece")
        if self.quarters is not None:
            check_quarters(c, "quarters", self.quarters)
        c.texts("refs")
        c.done()
        self._check_grid(c)
        c.done()

    def _check_grid(self, c: Checker) -> None:
        seconds = int(self.step.total_seconds())
        if seconds % 60 or 60 % (seconds // 60):
            c.add(
                "step", "a whole number of minutes dividing an hour (1, 5, 15...)", str(self.step)
            )
            return
        step = seconds // 60
        grid = f"a multiple of the step ({step} min)"
        times: list[tuple[str, _dt.time]] = [
            ("day_start", self.day_start),
            ("day_end", self.day_end),
        ]
        lengths: list[tuple[str, _dt.timedelta]] = [
            ("length", self.length),
            *((n, getattr(self, n)) for n in ("opening", "ground_rules", "recap", "closing")),
        ]
        pauses = [(f"breaks[{i}]", p) for i, p in enumerate(self.breaks)]
        pauses += [("lunch", self.lunch)] if self.lunch is not None else []
        for path, pause in pauses:
            for name in ("at", "earliest", "latest"):
                value = getattr(pause, name)
                if value is not None:
                    times.append((f"{path}.{name}", value))
            lengths.append((f"{path}.length", pause.length))
        if self.social is not None:
            lengths.append(("social.length", self.social.length))
            if self.social.when == "evening_before":
                times.append(("social.at", self.social.at))
        if self.pre_brief is not None:
            times.append(("pre_brief.at", self.pre_brief.at))
            lengths.append(("pre_brief.length", self.pre_brief.length))
        for path, value in times:
            if not _on_grid(value, step):
                c.add(path, f"a time on the {step}-minute grid", value.isoformat())
        for path, length in lengths:
            if not _multiple(length, step):
                c.add(path, grid, str(length))
        for name in ("tolerance", "min_piece"):
            value = getattr(self, name)
            if value is not None and not _multiple(value, step):
                c.add(name, grid, str(value))

    @property
    def step_minutes(self) -> int:
        """The step in whole minutes."""
        return int(self.step.total_seconds()) // 60

    @property
    def quarter_tolerance(self) -> Duration:
        """The tolerance given, or one step (the least spread always possible)."""
        return self.tolerance if self.tolerance is not None else self.step

    def tolerance_for(self, quarter_time: int) -> int:
        """The spread allowed, in seconds, for this much quarter time (in seconds).

        ``tolerance`` when given; else the policy's share of a quarter, down
        to the step grid, and at least one step.
        """
        if self.tolerance is not None:
            return int(self.tolerance.total_seconds())
        from peerassist.policy import DEFAULT_POLICY

        step = int(self.step.total_seconds())
        share = int(DEFAULT_POLICY.agenda_tolerance * quarter_time / 4) // step * step
        return max(step, share)

    @property
    def piece_minimum(self) -> Duration:
        """The shortest quarter piece: ``min_piece``, or the policy's."""
        if self.min_piece is not None:
            return self.min_piece
        from peerassist.policy import DEFAULT_POLICY

        return DEFAULT_POLICY.agenda_min_piece


ONE_DAY = Preset(
    name="one-day",
    title="One day",
    length=duration(hours=8),
)
"""One day, 09:00-17:00, coffee at the start; four quarters of 85 minutes,
each between natural breaks (M08, M15-M17). The default."""

HALF_DAY = Preset(
    name="half-day",
    title="Half a day",
    length=duration(hours=4),
    opening=duration(minutes=10),
    breaks=(Pause(length=duration(minutes=15)),),
    lunch=None,
)
"""Half a day, four hours, coffee at the start and one break wherever the
meeting starts: the shortest the method names (M08); four quarters of 40
minutes."""

ONE_AND_A_HALF_DAYS = Preset(
    name="one-and-a-half-days",
    title="One and a half days (BP/NHS)",
    length=duration(hours=12),
    social=Social(when="evening_before", length=duration(hours=2), title="Dinner"),
    opening=duration(minutes=30),
    pre_brief=PreBrief(),
    refs=("M08", "M15", "M16", "M17", "X04", "X08"),
)
"""The BP/NHS format (X08): a full day and a morning, dinner the evening
before (M15), a pre-brief with the facilitator that afternoon (X04) and a
longer opening with introductions."""

TWO_DAYS = Preset(
    name="two-days",
    title="Two days",
    length=duration(hours=16),
    social=Social(when="evening_before", length=duration(hours=2), title="Dinner"),
    opening=duration(minutes=30),
    pre_brief=PreBrief(),
    refs=("M08", "M15", "M16", "M17", "X04"),
)
"""Two full days, the longest the method names (M08); dinner the evening
before (M15), a pre-brief (X04) and a longer opening with introductions.
Day 1 holds quarters 1-2, day 2 quarters 3-4."""

VIRTUAL_CLINIC = Preset(
    name="virtual-clinic",
    title="Short virtual clinic",
    length=duration(minutes=60),
    social=Social(when="start", length=duration(minutes=5), title="Arrivals and introductions"),
    opening=duration(minutes=5),
    ground_rules=duration(minutes=5),
    recap=duration(),
    closing=duration(minutes=5),
    breaks=(),
    lunch=None,
    refs=("M15", "M16", "M17", "X05", "X08"),
)
"""A short clinic of 45-60 minutes, usually online (X05, X08): four quarters
of ten minutes."""

PRESETS: Mapping[str, Preset] = MappingProxyType(
    {p.name: p for p in (HALF_DAY, ONE_DAY, ONE_AND_A_HALF_DAYS, TWO_DAYS, VIRTUAL_CLINIC)}
)
"""The built-in presets by name."""

PROFILE_PRESETS: Mapping[str, str] = MappingProxyType(
    {"clinic": VIRTUAL_CLINIC.name, "retrospect": VIRTUAL_CLINIC.name}
)
"""The preset :func:`~peerassist.agenda.agenda_for` uses for an assist of a
policy profile (X08) when no preset is given: the short online layout (no
coffee or breaks, quarters scaled to the length) for the ``clinic`` and
``retrospect`` profiles; other profiles (``virtual`` among them, whose
meetings run from 90 minutes to four hours) get the preset that fits the
windows (:func:`preset_for_shape`)."""


def preset_for_shape(days: int, seconds: int) -> Preset:
    """The built-in preset that fits a meeting of ``days`` days and ``seconds`` of time.

    Two days or more: the two-day layout, or one and a half days' up to 12
    hours; one day: the short layout of the virtual clinic up to 2 h 30 min
    (half a day's coffee, break and longer opening would take a third of a
    two-hour meeting), half a day's up to 5 hours, else one day's.
    """
    hours = seconds / 3600
    if days >= 2:
        return ONE_AND_A_HALF_DAYS if hours <= 12 else TWO_DAYS
    if hours <= 2.5:
        return VIRTUAL_CLINIC
    return HALF_DAY if hours <= 5 else ONE_DAY


def get_preset(preset: Preset | str | None) -> Preset:
    """Return a preset given itself, its name, or None (one day).

    Raises:
        InputError: naming ``preset`` when it is neither a Preset nor a known name.
    """
    if preset is None:
        return ONE_DAY
    if isinstance(preset, Preset):
        return preset
    if isinstance(preset, str) and preset in PRESETS:
        return PRESETS[preset]
    c = Checker(None)
    c.add("preset", f"a Preset or one of {', '.join(PRESETS)}", found(preset))
    c.done()
    raise AssertionError  # pragma: no cover - done() raised
