"""RFC 9457 problem details for peerassist errors: the status table and the bodies.

:meth:`peerassist.exceptions.PeerAssistError.to_problem` calls
:func:`problem_for`. Each error class has one row in :data:`STATUSES`; a
class without a row (a subclass defined elsewhere) takes the row of its
nearest ancestor that has one. The body holds the members RFC 9457 defines
(``type``, ``title``, ``status``, ``detail``, ``instance``) and, as extension
members, the error's own context: the problems of an :class:`InputError`
with their field paths, the blocking findings of a refused transition, both
revisions of a stale save.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from peerassist.exceptions import (
    AgendaError,
    CalendarError,
    ConflictError,
    DocumentError,
    FileChangedError,
    FileFormatError,
    FileLockedError,
    HookError,
    InputError,
    NotFoundError,
    PeerAssistError,
    SpecError,
    StaleRevisionError,
    TransitionRefusedError,
    UnknownStateError,
    UnknownTriggerError,
    WorkflowError,
)

TYPE_BASE = "urn:peerassist:problem:"
"""The start of every problem ``type``: a URN, since no web page is promised."""


class Status(NamedTuple):
    """How one error class is reported over HTTP."""

    status: int
    slug: str
    title: str
    why: str


STATUSES: dict[type[PeerAssistError], Status] = {
    InputError: Status(
        400, "invalid-input", "The input is not valid", "bad data: each problem has its field path"
    ),
    FileFormatError: Status(
        400, "unreadable-file", "The file cannot be read", "not JSON or TOML, empty or too big"
    ),
    UnknownTriggerError: Status(
        400, "unknown-trigger", "The workflow has no such trigger", "a name the request got wrong"
    ),
    NotFoundError: Status(
        404, "not-found", "Nothing is stored under that key", "no assist (or record) with that id"
    ),
    ConflictError: Status(
        409,
        "already-stored",
        "Something is already stored under that key",
        "adding it again would overwrite it",
    ),
    StaleRevisionError: Status(
        412,
        "stale-revision",
        "The assist was changed by someone else",
        "the compare-and-set on `revision` (If-Match) lost: reload",
    ),
    FileChangedError: Status(
        412,
        "file-changed",
        "The file was changed by someone else",
        "it changed on disk since it was read; nothing was written: reload",
    ),
    FileLockedError: Status(
        409,
        "file-locked",
        "The file is being written by someone else",
        "its lock was held too long; nothing was written: try again",
    ),
    TransitionRefusedError: Status(
        422,
        "transition-refused",
        "The transition was refused",
        "blocking findings, or a trigger not allowed from the state",
    ),
    UnknownStateError: Status(
        422,
        "unknown-state",
        "The assist is in a state the workflow does not define",
        "well-formed, but this workflow cannot move it",
    ),
    AgendaError: Status(
        422, "agenda", "The meeting cannot be planned as asked", "the message says why"
    ),
    CalendarError: Status(
        422, "calendar", "The assist cannot be exported as asked", "the message says why"
    ),
    DocumentError: Status(
        422,
        "document-not-ready",
        "The document cannot be written for this assist",
        "the assist lacks what the document shows (each part named), or a template failed",
    ),
    HookError: Status(
        500,
        "hook-failed",
        "A hook failed after the transition was applied",
        "the transition stands; a side effect failed",
    ),
    SpecError: Status(
        500, "invalid-workflow", "The workflow specification is invalid", "the host's own setup"
    ),
    WorkflowError: Status(500, "workflow", "A workflow error", "any other workflow error"),
    PeerAssistError: Status(500, "error", "A peerassist error", "any other peerassist error"),
}
"""The HTTP status, ``type`` suffix and ``title`` of each error class."""


def status_of(error_class: type[PeerAssistError]) -> Status:
    """Return the row of the nearest class in ``error_class``'s MRO that has one."""
    for klass in error_class.__mro__:
        row = STATUSES.get(klass)
        if row is not None:
            return row
    return STATUSES[PeerAssistError]  # pragma: no cover - PeerAssistError is in every MRO


def pointer(path: str) -> str:
    """Turn a field path (``visitors[2].email``) into a JSON Pointer (``#/visitors/2/email``)."""
    if not path:
        return "#"
    parts = [p for p in re.split(r"\.|\[(\d+)\]", path) if p]
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def _finding(finding: Any) -> dict[str, Any]:
    severity = getattr(finding, "severity", "")
    return {
        "code": str(getattr(finding, "code", "")),
        "severity": str(getattr(severity, "value", severity)),
        "message": str(getattr(finding, "message", "")),
        "path": str(getattr(finding, "path", "")),
        "hint": str(getattr(finding, "hint", "")),
        "refs": [str(r) for r in getattr(finding, "refs", ())],
    }


def _extensions(error: PeerAssistError) -> dict[str, Any]:
    """The error's own context, as JSON-ready extension members."""
    if isinstance(error, InputError):
        body: dict[str, Any] = {
            "problems": [
                {
                    "path": p.path,
                    "pointer": pointer(p.path),
                    "expected": p.expected,
                    "found": p.found,
                }
                for p in error.problems
            ]
        }
        if error.source is not None:
            body["source"] = error.source
        return body
    if isinstance(error, TransitionRefusedError):
        outcome = error.outcome
        kind = getattr(outcome, "kind", None)
        return {
            "trigger": getattr(outcome, "trigger", None),
            "state": getattr(outcome, "source", None),
            "dest": getattr(outcome, "dest", None),
            "kind": getattr(kind, "value", kind),
            "allowed": list(getattr(outcome, "allowed", ())),
            "acknowledged": list(getattr(outcome, "acknowledged", ())),
            "findings": [_finding(f) for f in getattr(outcome, "findings", ())],
        }
    if isinstance(error, StaleRevisionError):
        return {
            "assist_id": error.assist_id,
            "expected_revision": error.expected,
            "found_revision": error.found,
        }
    if isinstance(error, DocumentError):
        return {
            "document": error.kind,
            "problems": [
                {
                    "path": p.path,
                    "pointer": pointer(p.path),
                    "expected": p.expected,
                    "found": p.found,
                }
                for p in error.problems
            ],
        }
    if isinstance(error, NotFoundError | ConflictError):
        return {"kind": error.kind, "key": error.key}
    if isinstance(error, UnknownTriggerError):
        return {"trigger": error.trigger, "known": list(error.known)}
    if isinstance(error, UnknownStateError):
        return {"state": error.state, "known": list(error.known)}
    if isinstance(error, SpecError):
        return {"spec_problems": list(error.problems)}
    if isinstance(error, HookError):
        hook = getattr(error.hook, "__qualname__", None) or repr(error.hook)
        return {"hook": hook, "event": getattr(error.entry, "event", None)}
    return {}


def problem_for(
    error: PeerAssistError, *, instance: str | None = None, type_base: str = TYPE_BASE
) -> dict[str, Any]:
    """Build the RFC 9457 problem-details body of ``error``.

    Args:
        error: the error.
        instance: a URI reference naming this occurrence (e.g. the request
            path); left out when None.
        type_base: what the ``type`` URI starts with; the class's slug
            follows.

    Returns:
        A dict of plain JSON data; serve it as ``application/problem+json``
        with the ``status`` it holds.
    """
    row = status_of(type(error))
    body: dict[str, Any] = {
        "type": type_base + row.slug,
        "title": row.title,
        "status": row.status,
        "detail": str(error),
    }
    if instance is not None:
        body["instance"] = instance
    for key, value in _extensions(error).items():
        body.setdefault(key, value)
    return body


def status_table_markdown() -> str:
    """Return the status table as Markdown, one row per error class (the docs show it)."""
    lines = [
        "| Error | Status | `type` | `title` | When |",
        "|---|---|---|---|---|",
    ]
    for klass, row in STATUSES.items():
        lines.append(
            f"| `{klass.__name__}` | {row.status} | `{TYPE_BASE}{row.slug}` | {row.title} |"
            f" {row.why} |"
        )
    return "\n".join(lines) + "\n"
