"""The invite files (``invite --out``, ``plan``) and ``rsvp``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from peerassist._time import DateTime
from peerassist.cli._output import Output
from peerassist.model import PeerAssist

__all__ = ["cmd_rsvp", "sequence_text", "write_invites"]

MANIFEST = "recipients.json"
"""The manifest beside the messages: who gets which file."""


def sequence_text(sequences: list[int]) -> str:
    """``SEQUENCE 2``, or ``SEQUENCE 0-2`` when the events differ."""
    low, high = min(sequences, default=0), max(sequences, default=0)
    return f"SEQUENCE {low}" if low == high else f"SEQUENCE {low}-{high}"


def write_invites(
    assist: PeerAssist,
    path: Path,
    folder: Path,
    *,
    now: DateTime,
    method: str = "REQUEST",
    organizer: str = "caller",
    record: bool = True,
) -> list[tuple[str, str]]:
    """Write ``folder/invites/<uid>.ics`` (one iTIP message each) with a
    manifest, ``folder/calendar.ics`` (all events, no METHOD) and
    ``folder/organizer-todo.ics``; with ``record``, record what the messages
    carried in the assist at ``path``. Return what was written, for the
    summary."""
    from peerassist.calendar import EVENT_PARTS, mark_sent, messages, to_ics
    from peerassist.cli._commands import _write
    from peerassist.cli._files import write_back

    revision = assist.revision
    batch = messages(assist, method=method, now=now, organizer=organizer)
    invites = folder / "invites"
    manifest = []
    for message in batch:
        _write(invites / message.filename, message.text)
        manifest.append(
            {
                "file": message.filename,
                "uid": message.uid,
                "method": message.method,
                "sequence": message.sequence,
                "recipients": list(message.recipients),
            }
        )
    _write(invites / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    events = to_ics(assist, method=None, parts=EVENT_PARTS, now=now, organizer=organizer)
    _write(folder / "calendar.ics", events)
    todos = to_ics(assist, method=None, parts={"todos"}, now=now, organizer=organizer)
    _write(folder / "organizer-todo.ics", todos)
    sent = method if not batch else batch[0].method
    written = [
        (
            "invites/*.ics",
            f"{len(batch)} message(s), METHOD {sent},"
            f" {sequence_text([m.sequence for m in batch])}; who gets which: invites/{MANIFEST}",
        ),
        ("calendar.ics", f"{events.count('BEGIN:VEVENT')} event(s) to import, no METHOD"),
        ("organizer-todo.ics", f"{todos.count('BEGIN:VTODO')} to-do(s) for the organiser"),
    ]
    if record and mark_sent(assist, batch, now=now):
        # Recorded under the file's lock, keeping its comments, and only if
        # nobody changed it since it was read (else exit 3, nothing written).
        write_back(path, lambda fresh: mark_sent(fresh, batch, now=now), expect_revision=revision)
        written.append((path.name, "records what the invites carry (for the next SEQUENCE)"))
    return written


def cmd_rsvp(args: argparse.Namespace, out: Output) -> int:
    """Read an invitee's iTIP REPLY into the assist and write it back."""
    from peerassist.calendar import read_reply
    from peerassist.calendar._reply import MAX_REPLY_BYTES
    from peerassist.cli._commands import _load, _now
    from peerassist.cli._files import write_back

    path = Path(args.file)
    _load(args.file, args)  # a file that is no assist: refused before any lock
    now = _now(args)
    with Path(args.reply).open("rb") as handle:
        text = handle.read(MAX_REPLY_BYTES + 1)
    # Applied under the file's lock and written back keeping its comments; a
    # COUNTER changes nothing, so nothing is written.
    reply, revision = write_back(
        path,
        lambda assist: (
            read_reply(assist, text, now=now, organizer=args.organizer),
            assist.revision,
        ),
    )
    if not reply.applied:
        who = reply.email or "an invitee"
        when = ""
        if reply.proposed_start is not None:
            when = f" {reply.proposed_start.in_tz('UTC').isoformat()}"
            if reply.proposed_end is not None:
                when += f" to {reply.proposed_end.in_tz('UTC').isoformat()}"
        out.print(
            f"{path}: {who} proposes another time for {reply.component}{when}"
            " (COUNTER); nothing was changed. Reschedule and send the invites again,"
            " or keep the time."
        )
        return 1
    status = reply.status.value if reply.status is not None else "answered"
    extra = f" to {reply.delegated_to}" if reply.delegated_to else ""
    out.print(
        f"{path}: {reply.email} {status}{extra} {reply.component}"
        f" (SEQUENCE {reply.sequence}; revision {revision})."
    )
    return 0
