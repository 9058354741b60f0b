"""The agenda as a picture: an SVG timeline, one band per day, a colour per quarter.

The drawing is plain, deterministic SVG (the same agenda always gives the
same text), sized for an A4 page: 680 px wide (182 mm at 96 dpi), labels of at least 11 px.
Every element carries classes and ``data-`` attributes naming what it
shows, so a test (or a stylesheet) can find the day bands and quarter blocks.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from peerassist.agenda._content import SlotKind

if TYPE_CHECKING:
    from peerassist.agenda._agenda import Agenda
    from peerassist.agenda._slots import Slot

__all__ = ["COLOURS", "to_svg"]

WIDTH = 680
LABEL = 118  # the day labels' column
RIGHT = 22
TOP = 26  # the hour ruler
BAND = 34
GAP = 8
LEGEND = 30

COLOURS: dict[str, str] = {
    "q1": "#1d4e89",
    "q2": "#00798c",
    "q3": "#6a4c93",
    "q4": "#b5543c",
    "break": "#e4e4e4",
    "lunch": "#cfcfcf",
    "social": "#f2d98d",
    "fixed": "#9aa5b1",
    "pre_brief": "#c8d3df",
}
"""The fill of each kind of block (quarters by number)."""

_SHORT = {1: "Q1 context", 2: "Q2 questions", 3: "Q3 analysis", 4: "Q4 feedback"}


def _minutes(slot: Slot) -> tuple[int, int]:
    start, end = slot.start, slot.end
    a = start.hour * 60 + start.minute
    b = end.hour * 60 + end.minute
    if (end.date() - start.date()).days or b <= a:
        b = 24 * 60  # runs past midnight: drawn to the day's end
    return a, b


def _style(slot: Slot) -> tuple[str, str]:
    """The slot's class list and fill."""
    kind = slot.kind
    if kind is SlotKind.QUARTER:
        key = f"q{slot.quarter}"
        return f"slot quarter {key}", COLOURS[key]
    if kind in (SlotKind.BREAK, SlotKind.LUNCH, SlotKind.SOCIAL, SlotKind.PRE_BRIEF):
        return f"slot {kind.value}", COLOURS[kind.value]
    return f"slot fixed {kind.value}", COLOURS["fixed"]


def _label(slot: Slot, width: float) -> str:
    """The longest label that fits the block at 11 px: name and minutes, name, or nothing."""
    minutes = int(slot.length.total_seconds()) // 60
    if slot.kind is SlotKind.QUARTER and slot.quarter is not None:
        name = _SHORT[slot.quarter]
        short = f"Q{slot.quarter}"
        options = [f"{name} {minutes}\N{PRIME}", f"{short} {minutes}\N{PRIME}", name, short]
    else:
        name = slot.title.split(":")[0]
        options = [f"{name} {minutes}\N{PRIME}", name]
    return next((text for text in options if 6.6 * len(text) + 6 <= width), "")


def to_svg(agenda: Agenda) -> str:
    """Draw the agenda as an SVG timeline (text), in the zone it is shown in.

    One band per local day, hours along the top, a block per slot: quarters
    coloured by number, breaks and lunch in greys, social time in yellow,
    the fixed blocks (opening, ground rules, recap, closing) in slate.
    """
    esc = html.escape
    days = agenda.days
    spans = [_minutes(s) for s in agenda.slots]
    first = min(a for a, _ in spans) // 60
    last = -(-max(b for _, b in spans) // 60)
    hours = max(1, last - first)
    scale = (WIDTH - LABEL - RIGHT) / (hours * 60)
    height = TOP + len(days) * (BAND + GAP) + LEGEND

    def x(minutes: int) -> float:
        return round(LABEL + (minutes - first * 60) * scale, 1)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="peerassist-timeline"'
        f' viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"'
        f' role="img" aria-label="{esc(agenda.title)}: the agenda as a timeline"'
        ' font-family="system-ui, sans-serif" font-size="11">',
        f"<title>{esc(agenda.title)} ({esc(agenda.zone)})</title>",
        '<g class="ruler">',
    ]
    for hour in range(first, last + 1):
        at = x(hour * 60)
        out.append(
            f'<line x1="{at}" y1="{TOP - 6}" x2="{at}" y2="{height - LEGEND}"'
            ' stroke="#d0d0d0" stroke-width="0.5"/>'
            f'<text x="{at}" y="{TOP - 10}" text-anchor="middle" fill="#444">'
            f"{hour % 24:02d}:00</text>"
        )
    out.append("</g>")
    for index, day in enumerate(days):
        top = TOP + index * (BAND + GAP)
        numbers = sorted({s.day for s in day.slots})
        which = ", ".join("day before" if n == 0 else f"day {n}" for n in numbers)
        out.append(
            f'<g class="day" data-date="{day.date.isoformat()}" data-index="{index}">'
            f'<text class="day-label" x="4" y="{top + 14}" fill="#222" font-weight="600">'
            f"{day.date:%a %d %b}</text>"
            f'<text x="4" y="{top + 28}" fill="#555">{esc(which)}</text>'
        )
        for slot in day.slots:
            a, b = _minutes(slot)
            left, right = x(a), x(b)
            width = round(right - left, 1)
            classes, fill = _style(slot)
            quarter = f' data-quarter="{slot.quarter}"' if slot.quarter is not None else ""
            when = f"{slot.start:%H:%M}-{slot.end:%H:%M}"
            out.append(
                f'<g class="{classes}" data-kind="{slot.kind.value}"{quarter}>'
                f"<title>{when} {esc(slot.title)}</title>"
                f'<rect x="{left}" y="{top}" width="{width}" height="{BAND}" fill="{fill}"'
                ' stroke="#ffffff" stroke-width="1"/>'
            )
            label = _label(slot, width)
            if label:
                colour = "#ffffff" if slot.kind is SlotKind.QUARTER else "#222222"
                out.append(
                    f'<text x="{round(left + width / 2, 1)}" y="{top + BAND / 2 + 4}"'
                    f' text-anchor="middle" fill="{colour}">{esc(label)}</text>'
                )
            out.append("</g>")
        out.append("</g>")
    legend_top = height - LEGEND + 12
    items = [
        ("Q1", COLOURS["q1"]),
        ("Q2", COLOURS["q2"]),
        ("Q3", COLOURS["q3"]),
        ("Q4", COLOURS["q4"]),
        ("Break", COLOURS["break"]),
        ("Lunch", COLOURS["lunch"]),
        ("Social", COLOURS["social"]),
        ("Pre-brief", COLOURS["pre_brief"]),
        ("Opening, recap, closing", COLOURS["fixed"]),
    ]
    out.append('<g class="legend">')
    at = float(LABEL)
    for name, fill in items:
        out.append(
            f'<rect x="{at}" y="{legend_top}" width="12" height="12" fill="{fill}"'
            ' stroke="#888" stroke-width="0.5"/>'
            f'<text x="{at + 16}" y="{legend_top + 10}" fill="#333">{esc(name)}</text>'
        )
        at += 16 + 6 * len(name) + 10
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
