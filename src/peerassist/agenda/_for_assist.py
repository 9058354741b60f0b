"""Plan the agenda of an assist's own meeting: :func:`agenda_for`."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from peerassist._attrs import evolve
from peerassist._time import DateTime
from peerassist.agenda import _content as text
from peerassist.agenda._agenda import Agenda
from peerassist.agenda._content import SlotKind
from peerassist.agenda._layout import Block, DaySpan, Placed, lay_out
from peerassist.agenda._options import planner_options
from peerassist.agenda._plan import (
    UNSET,
    Unset,
    on_grid,
    pre_brief_slot,
    social_slot,
    with_options,
)
from peerassist.agenda._presets import (
    PROFILE_PRESETS,
    Pause,
    Preset,
    Social,
    get_preset,
    preset_for_shape,
)
from peerassist.exceptions import AgendaError, InputError

if TYPE_CHECKING:
    from peerassist.model import PeerAssist

__all__ = ["agenda_for"]


def agenda_for(
    assist: PeerAssist,
    *,
    preset: Preset | str | None = None,
    breaks: Sequence[Pause] | Unset = UNSET,
    lunch: Pause | Unset | None = UNSET,
    opening: _dt.timedelta | Unset = UNSET,
    ground_rules: _dt.timedelta | Unset = UNSET,
    recap: _dt.timedelta | Unset = UNSET,
    closing: _dt.timedelta | Unset = UNSET,
    step: _dt.timedelta | Unset = UNSET,
    tolerance: _dt.timedelta | Unset | None = UNSET,
    min_piece: _dt.timedelta | Unset | None = UNSET,
    quarters: tuple[int, int, int, int] | Unset | None = UNSET,
) -> Agenda:
    """Plan the agenda of an assist's meeting from its logistics.

    The assist's ``agenda`` options (the file's ``[agenda]`` table) apply
    where the arguments leave a field unset. Each of
    ``assist.logistics.windows`` is one day's meeting time; the
    four quarters are split across all of them. The assist's social time
    (M15) becomes a slot: outside the windows (a dinner) on its own, inside
    a window as a block at its time (coffee at the start comes before the
    opening). Its pre-brief (X04) becomes a slot of its own; its ground
    rules (M16) are the ground-rules slot's description. The preset gives
    the rest of the layout (opening, recap, closing, pauses, step); its own
    social time is used only when the assist has none and it is coffee at
    the start, and its day window and length are not used.

    Args:
        assist: the assist; its logistics must hold at least one window.
        preset: a :class:`Preset`, a preset's name, or None for the layout
            that fits the assist's profile: the short virtual clinic's for
            the ``clinic`` and ``retrospect`` profiles (X08, see
            :data:`PROFILE_PRESETS`), else the one that fits the windows'
            number and length (see :func:`preset_for_shape`).
        breaks: as for :func:`plan_agenda`; so are ``lunch``, ``opening``,
            ``ground_rules``, ``recap``, ``closing``, ``step``,
            ``tolerance``, ``min_piece`` and ``quarters``.

    Returns:
        The :class:`Agenda`, shown in the meeting's zone.

    Raises:
        AgendaError: no windows, a window too small for its fixed blocks,
            or social time that overlaps a window's edge.
        InputError: a window, social time or pre-brief off the step grid,
            or a bad option.
    """
    logistics = assist.logistics
    windows = logistics.windows
    if not windows:
        raise AgendaError("logistics.windows: expected at least one meeting window, found none")
    # The file's [agenda] table, where the caller did not say otherwise.
    given: dict[str, Any] = {
        "breaks": breaks,
        "lunch": lunch,
        "opening": opening,
        "closing": closing,
        "tolerance": tolerance,
        "min_piece": min_piece,
        "quarters": quarters,
    }
    for name, value in planner_options(assist.agenda).items():
        if name == "preset":
            preset = value if preset is None else preset
        elif given[name] is UNSET:
            given[name] = value
    if preset is None:
        preset = PROFILE_PRESETS.get(assist.profile or "") or preset_for_shape(
            len(windows), sum(int((w.end - w.start).total_seconds()) for w in windows)
        )
    layout = with_options(
        get_preset(preset), ground_rules=ground_rules, recap=recap, step=step, **given
    )
    zone = windows[0].zone
    spans = [
        _checked_window(w, f"logistics.windows[{i}]", layout.step_minutes)
        for i, w in enumerate(windows)
    ]
    outside: list[Placed] = []
    inside: list[Block] = []
    social_at_start = False
    social = logistics.social
    if social is not None:
        own = _checked_window(social, "logistics.social", layout.step_minutes)
        window = _window_of(own, spans)
        if window is None:
            slot = social_slot(
                social.start,
                social.end,
                zone,
                social.kind.capitalize(),
                day=_day_before(own.start_s, spans),
            )
            outside.append((own.start_s, own.end_s, slot))
        elif own.start_s == spans[0].start_s:
            social_at_start = True
            layout = evolve(
                layout,
                social=Social(
                    when="start", length=social.end - social.start, title=social.kind.capitalize()
                ),
            )
        else:
            inside.append(
                Block(
                    social.start,
                    social.end,
                    SlotKind.SOCIAL,
                    social.kind.capitalize(),
                    text.SOCIAL_DESCRIPTION,
                    text.SOCIAL_REFS,
                    "logistics.social",
                )
            )
    elif layout.social is not None and layout.social.when == "start":
        social_at_start = True
    if logistics.pre_brief is not None:
        brief = _checked_window(logistics.pre_brief, "logistics.pre_brief", layout.step_minutes)
        if _window_of(brief, spans) is not None:
            raise AgendaError(
                "logistics.pre_brief: expected a time outside the meeting windows,"
                f" found {brief.start.isoformat()}"
            )
        slot = pre_brief_slot(brief.start, brief.end, zone, _day_before(brief.start_s, spans))
        outside.append((brief.start_s, brief.end_s, slot))
    # The assist's own windows, not the preset's length, set the meeting's
    # shape, so the agenda is titled after the assist.
    return lay_out(
        spans,
        layout,
        zone,
        social_at_start=social_at_start,
        rules=tuple(logistics.ground_rules),
        inside=inside,
        outside=outside,
        title=assist.title,
    )


def _checked_window(window: Any, path: str, step_minutes: int) -> DaySpan:
    for name in ("start", "end"):
        value: DateTime = getattr(window, name)
        if not on_grid(value, step_minutes):
            raise InputError.single(
                f"{path}.{name}", f"a time on the {step_minutes}-minute grid", value.isoformat()
            )
    return DaySpan(window.start, window.end, path)


def _window_of(own: DaySpan, spans: list[DaySpan]) -> DaySpan | None:
    # Every time here is on the step grid: whole seconds compare exactly.
    a, b = own.start_s, own.end_s
    for span in spans:
        low, high = span.start_s, span.end_s
        if a < high and low < b:
            if a < low or b > high:
                raise AgendaError(
                    f"{own.path}: expected a time inside one meeting window or"
                    f" outside all of them, found {own.start.isoformat()} to"
                    f" {own.end.isoformat()}, across the edge of {span.path}"
                )
            return span
    return None


def _day_before(at: int, spans: list[DaySpan]) -> int:
    return sum(1 for s in spans if s.end_s <= at)
