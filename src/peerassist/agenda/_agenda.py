"""The planned agenda as a whole: :class:`AgendaDay` and :class:`Agenda`."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from peerassist._attrs import field, frozen
from peerassist._time import (
    Date,
    DateTime,
    Duration,
    duration,
    is_known_zone,
)
from peerassist.agenda import _render
from peerassist.agenda._slots import Slot, _good_title, _seconds, _Shown, _slot_in, planned_window
from peerassist.exceptions import InputError
from peerassist.model import MeetingWindow
from peerassist.model._check import Checker, found

__all__ = ["Agenda", "AgendaDay"]


@frozen(kw_only=True)
class AgendaDay:
    """The slots of one local calendar day, in time order.

    Attributes:
        date: the local date, in the agenda's zone.
        slots: its slots, in time order.
    """

    date: Date
    slots: tuple[Slot, ...]

    def __iter__(self) -> Iterator[Slot]:
        return iter(self.slots)

    def __len__(self) -> int:
        return len(self.slots)

    @property
    def start(self) -> DateTime:
        """When its first slot starts."""
        return self.slots[0].start

    @property
    def end(self) -> DateTime:
        """When its last slot ends."""
        return self.slots[-1].end

    @property
    def meeting_slots(self) -> tuple[Slot, ...]:
        """Its slots that are part of the meeting time (``in_window``)."""
        return tuple(s for s in self.slots if s.in_window)


@frozen(kw_only=True)
class Agenda:
    """A planned meeting: its slots in time order, and the day windows they fill.

    Iterating over an agenda yields its :class:`Slot` objects in time order.
    Slots never overlap; the slots inside the windows fill them exactly, so
    :attr:`total` equals the windows' summed length.

    Attributes:
        slots: every slot, in time order (sorted in UTC).
        windows: the meeting time, one window per day, in the meeting's zone
            (ready for :class:`~peerassist.model.Logistics`).
        meeting_zone: the meeting's IANA zone.
        zone: the IANA zone the agenda is shown in (see :meth:`in_tz`).
        step: the grid every boundary sits on, in the meeting's local time.
        title: the preset's title, e.g. ``"One day"``.
    """

    slots: tuple[Slot, ...]
    windows: tuple[MeetingWindow, ...]
    meeting_zone: str
    zone: str
    step: Duration = duration(minutes=5)
    title: str = "Peer assist"
    _days: Any = field(default=None, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        slots = c.items("slots", Slot)
        c.items("windows", MeetingWindow)
        for name in ("meeting_zone", "zone"):
            if not is_known_zone(getattr(self, name)):
                c.add(name, "an IANA zone name like Europe/London", found(getattr(self, name)))
        c.text("title", required=True)
        c.done()
        for index in range(1, len(slots)):
            if _seconds(slots[index].start) < _seconds(slots[index - 1].end):
                c.add(
                    f"slots[{index}].start",
                    f"a time at or after the previous slot's end ({slots[index - 1].end})",
                    slots[index].start.isoformat(),
                )
        c.done()

    def __iter__(self) -> Iterator[Slot]:
        return iter(self.slots)

    def __len__(self) -> int:
        return len(self.slots)

    @classmethod
    def _planned(
        cls,
        slots: tuple[Slot, ...],
        windows: tuple[MeetingWindow, ...],
        zone: str,
        step: Duration,
        title: str,
        *,
        meeting_zone: str | None = None,
    ) -> Agenda:
        # The planner's own result: slots in order, never overlapping, inside
        # their windows. Only what came from outside the planner is checked.
        meeting = zone if meeting_zone is None else meeting_zone
        if not (is_known_zone(zone) and is_known_zone(meeting) and _good_title(title)):
            return cls(
                slots=slots,
                windows=windows,
                meeting_zone=meeting,
                zone=zone,
                step=step,
                title=title,
            )
        new = object.__new__(cls)
        set_ = object.__setattr__
        set_(new, "slots", slots)
        set_(new, "windows", windows)
        set_(new, "meeting_zone", meeting)
        set_(new, "zone", zone)
        set_(new, "step", step)
        set_(new, "title", title)
        set_(new, "_days", None)
        return new

    @property
    def days(self) -> tuple[AgendaDay, ...]:
        """The slots grouped by local calendar day (in :attr:`zone`), in order.

        The evening before the first meeting day, when it holds a dinner or a
        pre-brief, is a day of its own.
        """
        if self._days is None:
            groups: dict[Date, list[Slot]] = {}
            for slot in self.slots:
                groups.setdefault(slot.date, []).append(slot)
            days = tuple(AgendaDay(date=d, slots=tuple(s)) for d, s in groups.items())
            object.__setattr__(self, "_days", days)
        result: tuple[AgendaDay, ...] = self._days
        return result

    @property
    def start(self) -> DateTime:
        """When the meeting time starts (the first window's start)."""
        return self.windows[0].start

    @property
    def end(self) -> DateTime:
        """When the meeting time ends (the last window's end)."""
        return self.windows[-1].end

    @property
    def total(self) -> Duration:
        """The meeting time: the summed length of the slots inside the windows."""
        seconds = sum(int(s.length.total_seconds()) for s in self.slots if s.in_window)
        return duration(seconds=seconds)

    def quarter_totals(self) -> dict[int, Duration]:
        """Return the time of each quarter (1-4), summed over its slots."""
        totals = dict.fromkeys((1, 2, 3, 4), 0)
        for slot in self.slots:
            if slot.quarter is not None:
                totals[slot.quarter] += int(slot.length.total_seconds())
        return {q: duration(seconds=s) for q, s in totals.items()}

    def quarter(self, number: int) -> tuple[Slot, ...]:
        """Return the slots of one quarter (1-4), in time order.

        Raises:
            InputError: when ``number`` is not 1, 2, 3 or 4.
        """
        if number not in (1, 2, 3, 4) or isinstance(number, bool):
            raise InputError.single("number", "1, 2, 3 or 4", found(number))
        return tuple(s for s in self.slots if s.quarter == number)

    def in_tz(self, zone: str) -> Agenda:
        """Return the same agenda shown in another IANA zone (X05).

        The instants do not change; the local times, the zone abbreviations
        and the grouping into :attr:`days` follow ``zone``.

        Raises:
            InputError: when ``zone`` is not a known IANA zone name.
        """
        if not is_known_zone(zone):
            raise InputError.single("zone", "an IANA zone name like Europe/London", found(zone))
        # The instants do not move, so everything checked when this agenda was
        # built still holds: no need to check it again.
        shown = _Shown(zone)
        return Agenda._planned(
            tuple(_slot_in(s, shown) for s in self.slots),
            tuple(planned_window(shown(w.start), shown(w.end)) for w in self.windows),
            zone,
            self.step,
            self.title,
            meeting_zone=self.meeting_zone,
        )

    # -- renderings ----------------------------------------------------------

    def to_text(self, *, zones: Sequence[str] = ()) -> str:
        """Render as plain text: one line per slot (times, length, title), grouped by day.

        Args:
            zones: more IANA zones to show each slot's times in (e.g. the
                attendees' own zones, X05), one bracketed column each.

        Raises:
            InputError: naming ``zones[i]`` when a zone is unknown.
        """
        return _render.to_text(self, zones)

    def to_markdown(self, *, zones: Sequence[str] = ()) -> str:
        """Render as Markdown: a heading and a table per day, with each slot's length.

        Args:
            zones: more IANA zones, a column each (see :meth:`to_text`).

        Raises:
            InputError: naming ``zones[i]`` when a zone is unknown.
        """
        return _render.to_markdown(self, zones)

    def to_html(self, *, fragment: bool = False) -> str:
        """Render as a complete, self-contained HTML page, text escaped.

        The page has inline CSS with print styles (A4), the SVG timeline
        (:meth:`to_svg`) and a table per day with each slot's length.

        Args:
            fragment: return only the agenda's block (with its own
                ``<style>``), to embed in another page.
        """
        return _render.to_html(self, fragment=fragment)

    def to_svg(self) -> str:
        """Draw the agenda as an SVG timeline: a band per day, a colour per quarter."""
        from peerassist.agenda._svg import to_svg

        return to_svg(self)

    def _repr_html_(self) -> str:
        return self.to_html(fragment=True)

    def __repr__(self) -> str:
        days = len(self.windows)
        return (
            f"<Agenda {self.title!r}: {self.start.isoformat()} to {self.end.isoformat()},"
            f" {days} day(s), {len(self.slots)} slots, shown in {self.zone}>"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain row per slot, ready for ``pandas.DataFrame(...)``.

        Times are ISO 8601 text with the UTC offset and no bracketed zone,
        so table tools parse them as they are; the zone has its own column.

        Returns:
            Rows with ``day``, ``start``, ``end``, ``zone``, ``kind``,
            ``quarter`` (None outside the quarters), ``minutes``, ``title``
            and ``in_window``, in time order.
        """
        return [
            {
                "day": s.day,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "zone": self.zone,
                "kind": s.kind.value,
                "quarter": s.quarter,
                "minutes": int(s.length.total_seconds()) // 60,
                "title": s.title,
                "in_window": s.in_window,
            }
            for s in self.slots
        ]

    def to_dict(self) -> dict[str, Any]:
        """Return plain, JSON-ready data, through :func:`peerassist.serialize.unstructure`.

        Times are RFC 9557 text (wall time, offset and zone), durations ISO
        8601; fields that are None are left out. :meth:`from_dict` reads it back.
        """
        return _render.to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return :meth:`to_dict`'s data as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Any) -> Agenda:
        """Build an agenda from :meth:`to_dict`'s data.

        Raises:
            InputError: every problem found, each with its field path.
        """
        return _render.from_dict(data)
