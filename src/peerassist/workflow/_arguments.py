"""Checking what callers pass to the engine, and the small values it builds
from them (kept apart so the engine reads as the steps of a transition)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from peerassist._attrs import evolve, fields
from peerassist._time import UTC, DateTime, as_instant, check_year, utc_now
from peerassist.exceptions import InputError
from peerassist.model import Logistics, PeerAssist
from peerassist.rules._core import Finding, Severity
from peerassist.workflow._machine import Step
from peerassist.workflow._outcome import NOT_ALLOWED_CODE, Outcome, OutcomeKind

__all__ = [
    "ASSIST_FIELDS",
    "ENGINE_FIELDS",
    "check_context",
    "with_changes",
    "codes",
    "utc_instant",
    "moved_logistics",
    "not_allowed",
    "optional_text",
]

ENGINE_FIELDS = frozenset({"state", "revision", "history"})
ASSIST_FIELDS = frozenset(f.name for f in fields(PeerAssist))
_LOGISTICS_FIELDS = frozenset(f.name for f in fields(Logistics))


_NO_CODES: frozenset[str] = frozenset()


def codes(acknowledge: object) -> frozenset[str]:
    """Check the acknowledged warning codes: text, one or many."""
    if acknowledge == ():
        return _NO_CODES
    if isinstance(acknowledge, str):
        return frozenset((acknowledge,))
    if isinstance(acknowledge, Iterable) and not isinstance(acknowledge, bytes | Mapping):
        codes = tuple(acknowledge)
        if all(isinstance(c, str) for c in codes):
            return frozenset(codes)
    raise InputError.single("acknowledge", "finding codes (text)", repr(acknowledge)[:80])


def optional_text(value: object, path: str) -> None:
    """Refuse a value that is neither text nor None."""
    if value is not None and not isinstance(value, str):
        raise InputError.single(path, "text or None", f"{type(value).__name__} {value!r}"[:80])


def utc_instant(now: object) -> DateTime:
    """The instant a step happens at, in UTC (the clock when ``now`` is None)."""
    if now is None:
        return utc_now()
    if type(now) is DateTime and now.tzinfo is UTC:
        check_year(now, "now")
        return now  # already what the audit trail stores
    instant = as_instant(now, "now")
    return instant if instant.tzinfo is UTC else instant.in_tz(UTC)


def check_context(context: object) -> None:
    """Refuse a ``context`` that is neither None nor an AssistContext."""
    if context is None:
        return
    from peerassist.rules._context import AssistContext

    if not isinstance(context, AssistContext):
        found = f"{type(context).__name__} {context!r}"[:80]
        raise InputError.single("context", "an AssistContext or None", found)


def moved_logistics(
    assist: PeerAssist, windows: Sequence[Any], logistics: Mapping[str, Any]
) -> Logistics:
    """Check a reschedule's arguments and return the assist's moved logistics."""
    if not isinstance(assist, PeerAssist):
        raise InputError.single("assist", "a PeerAssist", type(assist).__name__)
    if isinstance(windows, str) or not isinstance(windows, Sequence):
        raise InputError.single("windows", "a list of MeetingWindow", repr(windows)[:80])
    for name in logistics:
        if name not in _LOGISTICS_FIELDS or name == "windows":
            raise InputError.single(f"logistics.{name}", "another field of Logistics", repr(name))
    try:
        moved = evolve(assist.logistics, windows=tuple(windows), **logistics)
    except InputError as err:
        raise err.at("logistics") from None
    if moved.windows == assist.logistics.windows:
        raise InputError.single(
            "windows", "meeting windows different from the current ones", "the same windows"
        )
    return moved


def with_changes(assist: PeerAssist, step: Step, changes: Mapping[str, Any]) -> PeerAssist:
    """Return the assist as a transition's ``changes`` would leave it (a copy)."""
    if not isinstance(changes, Mapping):
        raise InputError.single("changes", "a mapping of field names to values", repr(changes))
    for name in changes:
        if name not in step.edits:
            may = ", ".join(sorted(step.edits)) or "nothing"
            raise InputError.single(
                f"changes.{name}",
                f"a field {step.trigger!r} may change ({may})",
                repr(name),
            )
    try:
        return evolve(assist, **changes)
    except InputError as err:
        raise err.at("changes") from None


def not_allowed(trigger: str, source: str, allowed: tuple[str, ...]) -> Outcome:
    """The refusal of a trigger that is not valid from ``source``."""
    listing = ", ".join(allowed) or "none (a final state)"
    finding = Finding(
        code=NOT_ALLOWED_CODE,
        severity=Severity.ERROR,
        message=f"{trigger!r} cannot be fired from {source!r}",
        path="state",
        hint=f"from {source!r} the allowed triggers are: {listing}",
    )
    return Outcome(
        trigger=trigger,
        source=source,
        dest=None,
        kind=OutcomeKind.NOT_ALLOWED,
        findings=(finding,),
        allowed=allowed,
    )
