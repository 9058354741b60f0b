"""Reports and catalogues as text a facilitator reads (plain or Markdown)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from peerassist.rules._core import Finding, Report, Rule, Severity

__all__ = ["catalogue_markdown", "report_markdown", "report_text"]

_HEADINGS = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(report: Report) -> str:
    parts = (
        _count(len(report.errors), "error"),
        _count(len(report.warnings), "warning"),
        _count(len(report.infos), "note"),
    )
    acked = f", {len(report.acknowledged)} acknowledged" if report.acknowledged else ""
    return f"{', '.join(parts)}{acked} at state {report.state!r}"


def _groups(report: Report) -> Iterable[tuple[Severity, tuple[Finding, ...]]]:
    for severity, found in (
        (Severity.ERROR, report.errors),
        (Severity.WARNING, report.warnings),
        (Severity.INFO, report.infos),
    ):
        if found:
            yield severity, found


def _acknowledged_text(report: Report) -> list[str]:
    if not report.acknowledged:
        return []
    lines = ["", "Acknowledged:"]
    for finding in report.acknowledged:
        where = f" at {finding.path}" if finding.path else ""
        lines.append(f"  - {finding.message}")
        lines.append(f"    ({finding.code}{where})")
    return lines


def report_text(report: Report) -> str:
    """Render a report as plain text, grouped by severity, with hints and refs."""
    if not report.findings:
        return f"No findings at state {report.state!r}: nothing to fix." + "\n".join(
            _acknowledged_text(report)
        )
    lines = [_summary(report).capitalize() + "."]
    for severity, found in _groups(report):
        lines += ["", f"{_HEADINGS[severity]}:"]
        for finding in found:
            where = f" at {finding.path}" if finding.path else ""
            refs = f" [{', '.join(finding.refs)}]" if finding.refs else ""
            lines.append(f"  - {finding.message}")
            lines.append(f"    ({finding.code}{where}{refs})")
            if finding.hint:
                lines.append(f"    Hint: {finding.hint}")
    lines += _acknowledged_text(report)
    return "\n".join(lines)


def md(text: str) -> str:
    """Escape text for Markdown (so names and quotes cannot add markup)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def report_markdown(report: Report) -> str:
    """Render a report as Markdown, one section per severity."""
    if not report.findings:
        return f"**No findings** at state `{report.state}`: nothing to fix."
    lines = [f"**{_summary(report).capitalize()}.**"]
    for severity, found in _groups(report):
        lines += ["", f"### {_HEADINGS[severity]}", ""]
        for finding in found:
            where = f" at `{finding.path}`" if finding.path else ""
            refs = f" ({', '.join(finding.refs)})" if finding.refs else ""
            lines.append(f"- {md(finding.message)}  ")
            lines.append(f"  `{finding.code}`{where}{refs}" + ("  " if finding.hint else ""))
            if finding.hint:
                lines.append(f"  *Hint:* {md(finding.hint)}")
    return "\n".join(lines)


def catalogue_markdown(rules: Iterable[Rule] | None = None) -> str:
    """Render a catalogue as a Markdown table: code, severity, phase, refs,
    what each rule checks (its ``title``, or its docstring's first line) and
    why it has its severity (its ``why``, when it has one).

    Args:
        rules: the rules (the built-in :data:`DEFAULT_RULES` if omitted).

    Returns:
        The table, one row per rule, in catalogue order, ending with a newline.
    """
    if rules is None:
        from peerassist.rules._catalogue import DEFAULT_RULES

        rules = DEFAULT_RULES
    rows = [
        "| Code | Severity | Phase | Refs | Checks that | Why this severity |",
        "|---|---|---|---|---|---|",
    ]
    for item in rules:
        title = getattr(item, "title", None) or (type(item).__doc__ or "").strip()
        title = title.splitlines()[0] if title else ""
        refs = ", ".join(item.refs)
        why = getattr(item, "why", "") or ""
        why = why.split(": ", 1)[1] if ": " in why else why
        rows.append(
            f"| `{item.code}` | {item.severity.value} | {item.phase} | {refs} | {md(title)}"
            f" | {md(why)} |"
        )
    return "\n".join(rows) + "\n"
