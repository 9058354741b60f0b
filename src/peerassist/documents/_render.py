"""Render a document of an assist: :func:`render`."""

from __future__ import annotations

import os
from pathlib import Path

from peerassist._time import DateTime, as_instant, utc_now
from peerassist.documents._ready import KINDS, missing
from peerassist.documents._views import build
from peerassist.exceptions import DocumentError, InputError
from peerassist.model import PeerAssist
from peerassist.model._assist import check_assist
from peerassist.model._check import found

__all__ = ["FORMATS", "render"]

FORMATS: tuple[str, ...] = ("html", "markdown")
"""The formats a document can be rendered in."""


def render(
    assist: PeerAssist,
    kind: str,
    *,
    format: str = "html",
    now: DateTime | None = None,
    templates: str | os.PathLike[str] | None = None,
) -> str:
    """Render one of the documents the method asks for.

    Kinds: ``"briefing"`` (the briefing pack sent to participants in advance:
    M01, M13, M14, M16, X03-X05), ``"record"`` (the meeting record, quarter
    by quarter: M18-M21, M23), ``"actions"`` (the action list sent back to the
    visitors: M22, X07), ``"aar"`` (the After Action Review: M25, X06) and
    ``"lessons"`` (lessons with their evidence and who they were shared
    with: M24, M26).

    HTML is one self-contained page (styles inline, no scripts, printable on
    A4); Markdown is plain text for a wiki or an email. Every value from the
    assist is escaped for the format; only http(s) and mailto addresses
    become links.

    Args:
        assist: the assist.
        kind: one of ``briefing``, ``record``, ``actions``, ``aar``, ``lessons``.
        format: ``"html"`` or ``"markdown"``.
        now: when the document is prepared (shown on it); the clock when None.
        templates: a folder of templates overriding the packaged ones, by
            file name (``briefing.html``, ``base.html``, ``record.md``...).

    Returns:
        The document's text.

    Raises:
        DocumentError: the assist is not ready for this document (it lists
            what is missing, each with its field path), or a template failed.
        AgendaError: the briefing pack's agenda cannot be planned.
        InputError: an unknown kind or format, a bad ``now`` or ``templates``.
    """
    check_assist(assist, "assist")
    if kind not in KINDS:
        raise InputError.single("kind", "one of " + ", ".join(KINDS), found(kind))
    if format not in FORMATS:
        raise InputError.single("format", "one of " + ", ".join(FORMATS), found(format))
    instant = utc_now() if now is None else as_instant(now, "now")
    folder = _folder(templates)
    problems = missing(assist, kind)
    if problems:
        raise DocumentError(
            kind,
            f"cannot write the {KINDS[kind]} of {assist.id!r} yet (state {assist.state!r}):",
            problems,
        )
    view = build(assist, kind, instant)
    view["format"] = format
    # Imported here: Jinja2 is only loaded when a document is rendered.
    from peerassist.documents._jinja import render_template

    return render_template(kind, format, folder, view)


def _folder(templates: str | os.PathLike[str] | None) -> Path | None:
    if templates is None:
        return None
    if not isinstance(templates, (str, os.PathLike)):
        raise InputError.single("templates", "a folder path", found(templates))
    folder = Path(templates)
    if not folder.is_dir():
        raise InputError.single("templates", "an existing folder of templates", str(folder))
    return folder.resolve()
