"""Acknowledged warnings: what an actor accepted, recorded on the assist."""

from __future__ import annotations

from typing import Any

from peerassist._attrs import frozen
from peerassist._time import DateTime
from peerassist.model._check import Checker

__all__ = ["Acknowledgement"]


@frozen(kw_only=True)
class Acknowledgement:
    """A warning someone accepted, kept while the same finding stands.

    A gate (or :func:`~peerassist.rules.validate`) treats a warning as
    acknowledged when an acknowledgement of the same finding is recorded:
    the same ``code`` and the same subject (``path`` and ``message``). A
    new finding, or one whose message changed (another date, another
    person), needs an acknowledgement of its own.

    Attributes:
        code: the finding's code, e.g. ``"PA-M14-briefing-late"``.
        path: the field the finding is about (may be empty).
        message: the finding's message when it was acknowledged.
        at: when it was acknowledged (UTC).
        actor: who acknowledged it, if known.
        event: the trigger (or ``"edit"``) it was acknowledged at.
        note: why, in the actor's words.
    """

    code: str
    path: str = ""
    message: str = ""
    at: DateTime
    actor: str | None = None
    event: str = ""
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("code", required=True)
        c.text("path")
        c.text("message", single_line=False)
        c.instant("at")
        c.optional_text("actor")
        c.text("event")
        c.optional_text("note", single_line=False)
        c.done()

    @property
    def subject(self) -> tuple[str, str, str]:
        """What it acknowledges: ``(code, path, message)``."""
        return (self.code, self.path, self.message)

    def covers(self, finding: Any) -> bool:
        """Tell whether this acknowledges ``finding`` (same code, path and message)."""
        return bool(
            finding.code == self.code
            and finding.path == self.path
            and finding.message == self.message
        )
