"""Renderings of an agenda: plain text, Markdown, HTML and plain data (JSON-ready)."""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Sequence
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


def _zone_times(slot: Slot, zones: Sequence[str]) -> list[str]:
    """The slot's times in each extra zone, ``HH:MM-HH:MM ABBR``."""
    found = []
    for zone in zones:
        start, end = slot.start.in_tz(zone), slot.end.in_tz(zone)
        days = (start.date() - slot.start.date()).days
        shift = f" ({days:+d}d)" if days else ""
        found.append(f"{start:%H:%M}-{end:%H:%M} {_abbreviation(end)}{shift}")
    return found


def _other_zones(agenda: Agenda, zones: Sequence[str]) -> list[str]:
    from peerassist._time import is_known_zone
    from peerassist.exceptions import InputError

    found: list[str] = []
    for index, zone in enumerate(zones):
        if not is_known_zone(zone):
            raise InputError.single(
                f"zones[{index}]", "an IANA zone name like Europe/London", repr(zone)
            )
        if zone != agenda.zone and zone not in found:
            found.append(zone)
    return found


def to_text(agenda: Agenda, zones: Sequence[str] = ()) -> str:
    """Render as plain text: a heading, then one line per slot (times, length, title)."""
    extra = _other_zones(agenda, zones)
    lines = [_heading(agenda)]
    if extra:
        lines.append("Also shown in: " + ", ".join(extra))
    for day in agenda.days:
        lines.append("")
        lines.append(_day_heading(day))
        for slot in day.slots:
            others = "".join(f"  {t}" for t in _zone_times(slot, extra))
            lines.append(f"  {_span(slot)}{others}  {_human(slot.length):>10}  {slot.title}")
    return "\n".join(lines) + "\n"


def _md(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(agenda: Agenda, zones: Sequence[str] = ()) -> str:
    """Render as Markdown: a heading, then a table per day (a column per extra zone)."""
    extra = _other_zones(agenda, zones)
    lines = [f"## {_md(_heading(agenda))}"]
    head = "| Time | " + "".join(f"{_md(z)} | " for z in extra) + "Length | Slot | Refs |"
    rule = "|---|" + "---|" * len(extra) + "---:|---|---|"
    for day in agenda.days:
        lines += ["", f"### {_day_heading(day)}", "", head, rule]
        for slot in day.slots:
            refs = ", ".join(slot.refs)
            others = "".join(f"{t} | " for t in _zone_times(slot, extra))
            lines.append(
                f"| {_span(slot)} | {others}{_human(slot.length)} | {_md(slot.title)} | {refs} |"
            )
    return "\n".join(lines) + "\n"


_CSS = """
.peerassist-agenda { font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #222; max-width: 720px; margin: 0 auto; line-height: 1.35; }
.peerassist-agenda h1 { font-size: 1.4em; margin: 0.6em 0 0.2em; }
.peerassist-agenda .meta { color: #555; margin: 0 0 1em; }
.peerassist-agenda h2 { font-size: 1.1em; margin: 1.4em 0 0.4em;
  border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }
.peerassist-agenda table { border-collapse: collapse; width: 100%; }
.peerassist-agenda td, .peerassist-agenda th { padding: 0.3em 0.5em; vertical-align: top;
  text-align: left; border-bottom: 1px solid #eee; }
.peerassist-agenda th { font-size: 0.85em; color: #555; font-weight: 600; }
.peerassist-agenda .time, .peerassist-agenda .length { white-space: nowrap;
  font-variant-numeric: tabular-nums; }
.peerassist-agenda .length { text-align: right; color: #555; }
.peerassist-agenda .what { font-size: 0.9em; color: #444; }
.peerassist-agenda td.title { min-width: 10em; }
.peerassist-agenda tr.quarter td.title { font-weight: 600; border-left: 6px solid; }
.peerassist-agenda tr.q1 td.title { border-left-color: #1d4e89; }
.peerassist-agenda tr.q2 td.title { border-left-color: #00798c; }
.peerassist-agenda tr.q3 td.title { border-left-color: #6a4c93; }
.peerassist-agenda tr.q4 td.title { border-left-color: #b5543c; }
.peerassist-agenda tr.break td, .peerassist-agenda tr.lunch td { background: #f4f4f4;
  color: #555; font-style: italic; }
.peerassist-agenda tr.social td { background: #fbf3d9; }
.peerassist-agenda tr.continued td.title { font-weight: 400; }
.peerassist-agenda .timeline { margin: 0.5em 0 1em; }
.peerassist-agenda .timeline svg { max-width: 100%; height: auto; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { margin: 0; }
  .peerassist-agenda { max-width: none; font-size: 10pt; }
  .peerassist-agenda h2 { break-after: avoid; }
  .peerassist-agenda tr { break-inside: avoid; }
  .peerassist-agenda tr.break td, .peerassist-agenda tr.lunch td,
  .peerassist-agenda tr.social td { -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }
  .peerassist-agenda .timeline { break-inside: avoid; }
}
""".strip()


def _html_body(agenda: Agenda, *, title_tag: str = "h1", day_tag: str = "h2") -> list[str]:
    from peerassist.agenda._svg import to_svg

    esc = html.escape
    shown = "" if agenda.zone == agenda.meeting_zone else f", shown in {agenda.zone}"
    parts = [
        '<div class="peerassist-agenda">',
        f"<{title_tag}>{esc(agenda.title)}</{title_tag}>",
        f'<p class="meta">{esc(agenda.meeting_zone)}{esc(shown)} · meeting time'
        f" {esc(_human(agenda.total))} · {len(agenda.windows)} day(s)</p>",
        f'<div class="timeline">{to_svg(agenda)}</div>',
    ]
    for day in agenda.days:
        parts.append(f"<{day_tag}>{esc(_day_heading(day))}</{day_tag}>")
        parts.append(
            '<table>\n<tr><th>Time</th><th class="length">Length</th><th>Slot</th>'
            "<th>What happens</th></tr>"
        )
        for slot in day.slots:
            classes = [slot.kind.value]
            if slot.quarter is not None:
                classes.append(f"q{slot.quarter}")
            if slot.title.endswith("(continued)"):
                classes.append("continued")
            parts.append(
                f'<tr class="{" ".join(classes)}"><td class="time">{esc(_span(slot))}</td>'
                f'<td class="length">{esc(_human(slot.length))}</td>'
                f'<td class="title">{esc(slot.title)}</td>'
                f'<td class="what">{esc(slot.description)}</td></tr>'
            )
        parts.append("</table>")
    parts.append("</div>")
    return parts


def to_html(agenda: Agenda, *, fragment: bool = False) -> str:
    """Render as a complete HTML page (inline CSS, print styles, SVG timeline).

    With ``fragment=True``, only the agenda's ``<div>`` (with its own
    ``<style>``), for embedding in another page or a notebook.
    """
    esc = html.escape
    if fragment:
        body = _html_body(agenda, title_tag="h3", day_tag="h4")
        return f"<style>{_CSS}</style>\n" + "\n".join(body) + "\n"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(agenda.title)}: agenda</title>\n"
        f"<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
        + "\n".join(_html_body(agenda))
        + "\n</body>\n</html>\n"
    )


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
