"""Renderings of an agenda: plain text, Markdown, HTML and plain data (JSON-ready)."""

from __future__ import annotations

import datetime as _dt
import html
from typing import TYPE_CHECKING, Any

from peerassist._time import DateTime

if TYPE_CHECKING:
    from peerassist.agenda._agenda import Agenda, AgendaDay
    from peerassist.agenda._slots import Slot

__all__ = ["from_dict", "to_dict", "to_html", "to_markdown", "to_text"]


def _abbreviation(value: DateTime) -> str:
    return value.tzname() or value.format("Z")


def _span(slot: Slot, *, zones: bool = True) -> str:
    """``09:00-09:15 GMT``; both abbreviations when a clock change falls inside."""
    start, end = slot.start, slot.end
    days = (end.date() - start.date()).days
    later = f" (+{days})" if days else ""
    first, second = _abbreviation(start), _abbreviation(end)
    if not zones:
        return f"{start:%H:%M}-{end:%H:%M}{later}"
    if first == second:
        return f"{start:%H:%M}-{end:%H:%M}{later} {first}"
    return f"{start:%H:%M} {first}-{end:%H:%M}{later} {second}"


def _day_heading(day: AgendaDay) -> str:
    numbers = sorted({s.day for s in day.slots})
    label = ", ".join("the day before" if n == 0 else f"day {n}" for n in numbers)
    return f"{day.date:%a %Y-%m-%d} ({label})"


def _human(length: _dt.timedelta) -> str:
    minutes = int(length.total_seconds()) // 60
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


def _heading(agenda: Agenda) -> str:
    total = _human(agenda.total)
    shown = "" if agenda.zone == agenda.meeting_zone else f", shown in {agenda.zone}"
    return f"{agenda.title}: {agenda.meeting_zone}{shown}, meeting time {total}"


def to_text(agenda: Agenda) -> str:
    """Render as plain text: a heading, then one line per slot grouped by day."""
    lines = [_heading(agenda)]
    for day in agenda.days:
        lines.append("")
        lines.append(_day_heading(day))
        for slot in day.slots:
            lines.append(f"  {_span(slot)}  {slot.title}")
    return "\n".join(lines) + "\n"


def _md(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(agenda: Agenda) -> str:
    """Render as Markdown: a heading, then a table per day."""
    lines = [f"## {_md(_heading(agenda))}"]
    for day in agenda.days:
        lines += ["", f"### {_day_heading(day)}", "", "| Time | Slot | Refs |", "|---|---|---|"]
        for slot in day.slots:
            refs = ", ".join(slot.refs)
            lines.append(f"| {_span(slot)} | {_md(slot.title)} | {refs} |")
    return "\n".join(lines) + "\n"


def to_html(agenda: Agenda) -> str:
    """Render as an HTML fragment: a table per day, every text escaped."""
    esc = html.escape
    parts = [f'<div class="peerassist-agenda">\n<h3>{esc(_heading(agenda))}</h3>']
    for day in agenda.days:
        parts.append(f"<h4>{esc(_day_heading(day))}</h4>")
        parts.append("<table>\n<tr><th>Time</th><th>Slot</th><th>What happens</th></tr>")
        for slot in day.slots:
            parts.append(
                f'<tr class="{esc(slot.kind.value)}"><td>{esc(_span(slot))}</td>'
                f"<td>{esc(slot.title)}</td><td>{esc(slot.description)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</div>")
    return "\n".join(parts) + "\n"


def to_dict(agenda: Agenda) -> dict[str, Any]:
    """Return plain data through the serializer: RFC 9557 times, ISO 8601 durations."""
    # Imported here: the serializer brings cattrs, which plain planning does not need.
    from peerassist.serialize import unstructure

    data: dict[str, Any] = unstructure(agenda)
    return data


def from_dict(data: Any) -> Agenda:
    """Build an agenda back from :func:`to_dict`'s data (strict, every problem named)."""
    from peerassist.agenda._agenda import Agenda
    from peerassist.serialize import structure

    return structure(data, Agenda)
