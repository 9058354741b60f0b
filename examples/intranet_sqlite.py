"""Embedding peerassist as an intranet tool would.

Assists live in a register (a SQLite file here; a ``postgresql://`` URL for
several servers), each web request loads one, fires a trigger and saves it
back with compare-and-set on ``revision``, invites are exported after every
change that matters to invitees, and the register answers "who has solved
this before?". Run with ``python examples/intranet_sqlite.py [OUT_DIR]``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pendulum

import peerassist
from peerassist.calendar import mark_sent, messages
from peerassist.exceptions import StaleRevisionError
from peerassist.model import MeetingWindow
from peerassist.register import Register, open_register
from peerassist.workflow import DEFAULT_WORKFLOW, Workflow

HERE = Path(__file__).resolve().parent
NOW = pendulum.datetime(2026, 11, 27, 10, tz="UTC")
WORKFLOW = Workflow(DEFAULT_WORKFLOW)  # built once, shared by every request


def request_reschedule(store: Register, assist_id: str, day: int, actor: str) -> str:
    """One web request: move the meeting; compare-and-set keeps it honest."""
    assist = store.get(assist_id)
    loaded = assist.revision
    windows = [
        MeetingWindow(
            start=pendulum.datetime(2027, 3, day, 9, tz="Europe/London"),
            end=pendulum.datetime(2027, 3, day, 17, tz="Europe/London"),
        ),
        MeetingWindow(
            start=pendulum.datetime(2027, 3, day + 1, 9, tz="Europe/London"),
            end=pendulum.datetime(2027, 3, day + 1, 13, tz="Europe/London"),
        ),
    ]
    # The dinner and the pre-brief move with the meeting.
    shift = windows[0].start - assist.logistics.windows[0].start
    social = assist.logistics.social
    pre_brief = assist.logistics.pre_brief
    moved = {}
    if social is not None:
        moved["social"] = peerassist.model.SocialTime(
            kind=social.kind,
            start=social.start + shift,
            end=social.end + shift,
            venue=social.venue,
        )
    if pre_brief is not None:
        moved["pre_brief"] = MeetingWindow(start=pre_brief.start + shift, end=pre_brief.end + shift)
    outcome = WORKFLOW.reschedule(assist, windows, actor=actor, now=NOW, **moved)
    if not outcome.ok:
        return f"{actor}: refused: " + "; ".join(f.code for f in outcome.findings)
    try:
        store.save(assist, expected_revision=loaded)
    except StaleRevisionError as error:
        return f"{actor}: not saved: {error}"
    return f"{actor}: moved to {windows[0].start:%d %B}, revision {assist.revision}"


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    store = open_register(out / "register.sqlite3")
    for other in ("riverdale-flood.toml", "address-clinic.toml"):
        store.add(peerassist.load(HERE / other))
    assist = peerassist.load(HERE / "ed-front-door.toml")
    # The first invites went out when the meeting was scheduled.
    mark_sent(assist, messages(assist, now=NOW), now=NOW)
    store.add(assist)
    print(f"Stored {assist.id!r} at {assist.state}, revision {assist.revision}.")

    # Request B loads the assist; request A loads it too, moves the meeting
    # and saves first. B's change is then refused by the compare-and-set.
    stale = store.get(assist.id)
    expected = stale.revision
    print(request_reschedule(store, assist.id, 16, "Priya Raman"))
    outcome = WORKFLOW.fire(stale, "start_meeting", actor="Grace Liu", now=NOW)
    print(f"Grace Liu (stale copy): start_meeting in memory: {outcome.kind.value}")
    try:
        store.save(stale, expected_revision=expected)
    except StaleRevisionError as error:
        print(f"Grace Liu: not saved: {error}")

    # The invites follow the stored assist: one message per event, same
    # UIDs, a higher SEQUENCE for what moved.
    current = store.get(assist.id)
    out.mkdir(parents=True, exist_ok=True)
    for message in messages(current, now=NOW):
        target = out / message.filename
        target.write_text(message.text, encoding="utf-8", newline="")
        print(f"Wrote {target.name}: SEQUENCE {message.sequence}, state {current.state}.")

    # Who has learned about warning people before? Search every stored assist.
    for hit in store.search("warnings reaching people", limit=2):
        print(f"Found in {hit.assist_id} ({hit.field}): {hit.snippet}")
    # The register is also the rules' context (M03, M04, M11).
    report = peerassist.validate(current, now=NOW, context=store)
    print(
        f"Checked against {len(store.list().items)} stored assists: {len(report.findings)} notes."
    )
    store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()))
