"""Regression tests for the defects a hostile-input and fault campaign found.

One test (or a small group) per defect, most severe first: lost concurrent
updates, lost comments, tracebacks on bad input, invisible characters in
addresses, raw control characters on the terminal, a closed pipe, torn output
folders and inconsistent files.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from peerassist.cli import main
from peerassist.cli._output import Output
from peerassist.exceptions import InputError
from peerassist.model import (
    ActionItem,
    AuditEntry,
    MeetingWindow,
    PeerAssist,
    Person,
    Recording,
    RelatedTeam,
    Takeaway,
)
from peerassist.serialize import load, loads
from peerassist.testing import make_assist
from peerassist.workflow import Workflow

ROOT = Path(__file__).resolve().parents[1]
ED = ROOT / "examples" / "ed-front-door.toml"
NOW = "2026-11-27T10:00:00Z"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), output=Output(out, err))
    return code, out.getvalue(), err.getvalue()


def _copy(tmp_path: Path, source: Path = ED, name: str | None = None) -> Path:
    target = tmp_path / (name or source.name)
    shutil.copyfile(source, target)
    return target


# -- 1. concurrent advance lost a transition ---------------------------------------


def test_a_second_advance_from_the_same_revision_exits_3_and_writes_nothing(
    tmp_path: Path,
) -> None:
    """Two people advance from revision 2: the second is refused with exit 3, the
    message says who changed the file and when, and the file keeps the first change."""
    path = _copy(tmp_path)
    first = run("advance", str(path), "cancel", "--actor", "Ana", "--expect-revision", "2")
    assert first[0] == 0
    after_first = path.read_bytes()
    code, out, err = run(
        "advance", str(path), "cancel", "--actor", "Bo", "--expect-revision", "2", "--now", NOW
    )
    assert (code, out) == (3, "")
    assert err.startswith(f"peerassist advance: {path}: it is at revision 3, not the revision 2")
    assert "last recorded change: cancel by Ana at " in err
    assert path.read_bytes() == after_first


# -- 2. advance deleted every comment ---------------------------------------------


def test_advance_keeps_the_comments_and_key_order_of_a_hand_written_file(tmp_path: Path) -> None:
    """``new`` then ``advance``: the starter's 11 comment lines and its key order stay."""
    path = tmp_path / "mine.toml"
    assert run("new", str(path), "--id", "mine-1")[0] == 0
    before = path.read_text(encoding="utf-8")
    code, _, err = run("advance", str(path), "cancel", "--actor", "Ana", "--now", NOW)
    assert (code, err) == (0, "")
    after = path.read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.startswith("#")]
    assert len(comments) == 28
    assert [line for line in after.splitlines() if line.startswith("#")] == comments
    expected = before.replace('state = "scoping"', 'state = "cancelled"').replace(
        "revision = 0", "revision = 1"
    )
    expected += (
        "\n[[history]]\n"
        'event = "cancel"\n'
        'source = "scoping"\n'
        'dest = "cancelled"\n'
        f'at = "{NOW}"\n'
        'actor = "Ana"\n'
        "acknowledged = []\n"
    )
    assert after == expected


# -- 3. tracebacks on bad input ------------------------------------------------------


def _json_with(tmp_path: Path, old: str, new: str) -> Path:
    text = json.dumps(json.loads(loads_text()), ensure_ascii=True, indent=2)
    assert old in text
    path = tmp_path / "bad.json"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def loads_text() -> str:
    from peerassist.serialize import dumps

    return dumps(load(ED), "json")


@pytest.mark.parametrize("command", ["check", "plan", "advance", "invite", "timeline"])
def test_a_lone_surrogate_in_an_email_is_a_clear_error_in_every_command(
    tmp_path: Path, command: str
) -> None:
    """``priya\\ud800@...`` in a JSON file: exit 2 naming the field, no traceback."""
    path = _json_with(tmp_path, '"email": "priya.raman@', '"email": "priya\\ud800.raman@')
    extra = {
        "plan": ["--out", str(tmp_path / "plan")],
        "advance": ["cancel", "--actor", "Ana"],
        "invite": ["-o", str(tmp_path / "x.ics")],
    }.get(command, [])
    code, out, err = run(command, str(path), *extra)
    assert (code, out) == (2, "")
    assert "host.caller.email: expected a plausible email address" in err
    assert "U+D800" in err


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("decision_date = 2027-04-15", "decision_date = 0001-01-01", "purpose.decision_date"),
        (
            'start = "2027-03-10T09:00:00+00:00[Europe/London]"\n'
            'end = "2027-03-10T17:00:00+00:00[Europe/London]"',
            'start = "9999-12-20T09:00:00+00:00[Europe/London]"\n'
            'end = "9999-12-20T17:00:00+00:00[Europe/London]"',
            "logistics.windows[0].start",
        ),
    ],
)
@pytest.mark.parametrize("command", ["timeline", "check", "plan", "invite", "advance"])
def test_dates_near_year_1_or_9999_are_a_clear_error(
    tmp_path: Path, command: str, old: str, new: str, field: str
) -> None:
    """A date far outside 1900-2200 in the file: exit 2 naming the field, in every command."""
    text = ED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "far.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    extra = {
        "plan": ["--out", str(tmp_path / "plan")],
        "advance": ["cancel", "--actor", "Ana"],
        "invite": ["-o", str(tmp_path / "x.ics")],
    }.get(command, [])
    code, out, err = run(command, str(path), *extra)
    assert (code, out) == (2, "")
    assert f"{field}: expected a " in err
    assert "between 1900-01-01 and 2200-12-31" in err


@pytest.mark.parametrize("command", ["check", "plan", "invite", "advance"])
def test_now_near_year_1_is_a_clear_error(tmp_path: Path, command: str) -> None:
    """``--now 0001-01-01T00:00:00Z``: exit 2 naming --now and the bounds."""
    path = _copy(tmp_path)
    extra = {
        "plan": ["--out", str(tmp_path / "plan")],
        "advance": ["cancel", "--actor", "Ana"],
        "invite": ["-o", str(tmp_path / "x.ics")],
    }.get(command, [])
    before = path.read_bytes()
    code, out, err = run(command, str(path), *extra, "--now", "0001-01-01T00:00:00Z")
    assert (code, out) == (2, "")
    assert err == (
        f"peerassist {command}: --now: expected a time between 1900-01-01 and 2200-12-31,"
        " found '0001-01-01T00:00:00Z'\n"
    )
    assert path.read_bytes() == before


def test_constructors_and_fire_refuse_far_times_with_input_errors() -> None:
    """MeetingWindow, AuditEntry and Workflow.fire(now=...) name the field instead of
    raising OverflowError."""
    far_past = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
    far_future = dt.datetime(9999, 12, 31, 23, tzinfo=dt.UTC)
    fine = dt.datetime(2027, 3, 10, 9, tzinfo=dt.UTC)
    with pytest.raises(InputError) as caught:
        MeetingWindow(start=far_past, end=fine)
    assert caught.value.paths == ("start",)
    with pytest.raises(InputError) as caught:
        AuditEntry(event="create", source=None, dest="scoping", at=far_future)
    assert caught.value.paths == ("at",)
    assist = make_assist("scheduling")
    with pytest.raises(InputError) as caught:
        Workflow().fire(assist, "cancel", now=far_future)
    assert caught.value.paths == ("now",)
    assert assist.state == "scheduling"


def test_fire_with_a_context_that_is_not_one_is_an_input_error() -> None:
    """``Workflow().fire(a, "start_meeting", context="everyone")`` raises InputError."""
    assist = make_assist("scheduling")
    with pytest.raises(InputError) as caught:
        Workflow().fire(assist, "start_meeting", context="everyone")  # type: ignore[arg-type]
    assert str(caught.value) == "context: expected an AssistContext or None, found str 'everyone'"


# -- 4. invisible characters in email fields ------------------------------------------

_BAD_EMAILS = [
    "ana\x00@example.org",
    "ana\x7f@example.org",
    "ana\x9b@example.org",
    "ana\u202e@example.org",
    "ana\u200b@example.org",
    "ana\ud800@example.org",
]

_EMAIL_FIELDS = [
    (Person, "email", {"name": "Ana"}),
    (Person, "reports_to", {"name": "Ana", "email": "ana@example.org"}),
    (RelatedTeam, "contact", {"team": "Maps"}),
    (Recording, "by", {"recorded": True}),
    (ActionItem, "owner", {"title": "Do it", "due": dt.date(2027, 1, 4)}),
    (Takeaway, "visitor", {"text": "Learned"}),
]


@pytest.mark.parametrize("bad", _BAD_EMAILS, ids=lambda e: f"U+{ord(e[3]):04X}")
@pytest.mark.parametrize(
    ("cls", "name", "others"), _EMAIL_FIELDS, ids=lambda v: getattr(v, "__name__", str(v))
)
def test_every_email_field_refuses_control_and_invisible_characters(
    cls: type, name: str, others: dict[str, object], bad: str
) -> None:
    """NUL, DEL, U+009B, U+202E, U+200B and a lone surrogate: refused, naming the field."""
    with pytest.raises(InputError) as caught:
        cls(**others, **{name: bad})
    assert caught.value.paths == (name,)
    assert f"U+{ord(bad[3]):04X}" in str(caught.value)


@pytest.mark.parametrize("bad", _BAD_EMAILS, ids=lambda e: f"U+{ord(e[3]):04X}")
def test_visitors_chosen_by_refuses_control_and_invisible_characters(bad: str) -> None:
    """The assist's own email field refuses them too."""
    assist = make_assist("scoping")
    with pytest.raises(InputError) as caught:
        assist.visitors_chosen_by = bad
    assert caught.value.paths == ("visitors_chosen_by",)


def test_names_and_texts_refuse_c1_controls_but_keep_newlines_where_allowed() -> None:
    """U+009B in a name is refused; a newline in a multi-line text is kept."""
    with pytest.raises(InputError) as caught:
        Person(name="Ana\x9b", email="ana@example.org")
    assert caught.value.paths == ("name",)
    entry = AuditEntry(
        event="create",
        source=None,
        dest="scoping",
        at=dt.datetime(2027, 1, 4, tzinfo=dt.UTC),
        note="two\nlines",
    )
    assert entry.note == "two\nlines"


# -- 5. raw control characters on the terminal --------------------------------------


def test_check_shows_bidi_and_control_characters_escaped(tmp_path: Path) -> None:
    """A title holding U+202E is printed as ``\\u202e``; a file holding U+009B is
    refused with the character escaped on stderr."""
    text = ED.read_text(encoding="utf-8")
    path = tmp_path / "bidi.toml"
    path.write_text(text.replace("front door", "front\u202edoor", 1), encoding="utf-8")
    code, out, _ = run("check", str(path), "--now", NOW)
    assert code == 0
    assert "front\\u202edoor" in out
    assert "\u202e" not in out
    csi = tmp_path / "csi.toml"
    csi.write_text(text.replace("front door", "front\x9b2Jdoor", 1), encoding="utf-8")
    code, out, err = run("check", str(csi), "--now", NOW)
    assert (code, out) == (2, "")
    assert "\x9b" not in err
    assert "front\\x9b2Jdoor" in err


# -- 6. a closed pipe ----------------------------------------------------------------


def test_a_closed_pipe_ends_check_quietly_with_exit_0() -> None:
    """``peerassist check FILE | head -1``: the reader goes away; exit 0, nothing on stderr."""
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before anything is written
    try:
        result = subprocess.run(
            [sys.executable, "-m", "peerassist", "check", str(ED), "--now", NOW],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_closed_pipe_in_process_returns_0() -> None:
    """An output stream that raises BrokenPipeError ends the command with 0."""

    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    err = io.StringIO()
    code = main(["check", str(ED), "--now", NOW], output=Output(Closed(), err))
    assert (code, err.getvalue()) == (0, "")


# -- 7. torn output folders ------------------------------------------------------------


def _text(path: Path) -> str:
    """A file's text, or for a folder the text of its recipients manifest."""
    if path.is_dir():
        path = path / "recipients.json"
    return path.read_text(encoding="utf-8")


_PLAN_FILES = {
    "agenda.html",
    "agenda.json",
    "agenda.md",
    "agenda.txt",
    "check.md",
    "check.txt",
    "invites",
    "calendar.ics",
    "organizer-todo.ics",
    "briefing.html",
    "briefing.md",
    "timeline.txt",
}


def test_plan_folders_are_never_a_mix_after_kill_9(tmp_path: Path) -> None:
    """``plan --out DIR`` killed at ten moments: DIR always holds the whole old set or
    the whole new set, never a mix."""
    folder = tmp_path / "plan"

    def old_set() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        for name in _PLAN_FILES - {"invites"}:
            (folder / name).write_text("OLD\n", encoding="utf-8")
        (folder / "invites").mkdir()
        (folder / "invites" / "recipients.json").write_text("OLD\n", encoding="utf-8")

    old_set()
    command = [sys.executable, "-m", "peerassist", "plan", str(ED), "--out", str(folder)]
    for attempt in range(10):
        process = subprocess.Popen(
            [*command, "--now", NOW], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(0.15 * attempt)
        process.send_signal(signal.SIGKILL)
        process.wait()
        names = {p.name for p in folder.iterdir()} - {".peerassist-plan"}
        assert names == _PLAN_FILES
        old = {n for n in names if _text(folder / n) == "OLD\n"}
        assert old in (set(), _PLAN_FILES), sorted(old)
        if not old:  # the new set went in: start the next attempt from an old set again
            old_set()
    # A run that completes clears what killed runs left half built beside the folder.
    assert run("plan", str(ED), "--out", str(folder), "--now", NOW)[0] == 0
    assert [p.name for p in tmp_path.iterdir()] == ["plan"]


def test_plan_replaces_a_folder_it_wrote_whatever_it_holds(tmp_path: Path) -> None:
    """A folder ``plan`` wrote (it holds plan's mark) is replaced whole on the next run."""
    folder = tmp_path / "plan"
    assert run("plan", str(ED), "--out", str(folder), "--now", NOW)[0] == 0
    (folder / "stale.txt").write_text("from an older run", encoding="utf-8")
    assert run("plan", str(ED), "--out", str(folder), "--now", NOW)[0] == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted({*_PLAN_FILES, ".peerassist-plan"})


def test_plan_refuses_to_replace_a_folder_holding_other_files(tmp_path: Path) -> None:
    """The whole folder is swapped, so one holding other files is refused (exit 2)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me", encoding="utf-8")
    code, out, err = run("plan", str(ED), "--out", str(folder), "--now", NOW)
    assert (code, out) == (2, "")
    assert "found mine.txt" in err
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]


# -- 8. inconsistent files -------------------------------------------------------------


def test_load_refuses_a_history_that_does_not_lead_to_state(tmp_path: Path) -> None:
    """``state`` that the history's last entry does not reach: InputError naming both."""
    text = ED.read_text(encoding="utf-8").replace('state = "scheduling"', 'state = "closed"')
    path = tmp_path / "odd.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.paths == ("state",)
    assert str(caught.value.problems[0]) == (
        "state: expected 'scheduling', where the history's last entry (history[2], schedule)"
        " leads, found 'closed'"
    )


def test_load_refuses_a_history_that_breaks_its_chain_or_runs_backwards() -> None:
    """An entry starting elsewhere than the last one ended, or earlier than it, is named."""
    data = json.loads(loads_text())
    data["history"][2]["source"] = "scoping"
    data["history"][2]["at"] = "2026-01-01T00:00:00Z"
    with pytest.raises(InputError) as caught:
        loads(json.dumps(data))
    assert caught.value.paths == ("history[2].source", "history[2].at")


def test_load_refuses_a_revision_below_the_transitions_recorded() -> None:
    """Two transitions recorded but revision 1: refused, naming ``revision``."""
    data = json.loads(loads_text())
    data["revision"] = 1
    with pytest.raises(InputError) as caught:
        loads(json.dumps(data))
    assert str(caught.value) == (
        "revision: expected at least 2, one per transition in the history, found 1"
    )


@pytest.mark.parametrize(
    ("zone", "suggested"),
    [
        ("Factory", "UTC"),
        ("posix/Europe/London", "Europe/London"),
        ("right/Asia/Tokyo", "Asia/Tokyo"),
    ],
)
def test_machine_dependent_zone_names_are_refused_with_the_iana_name_suggested(
    zone: str, suggested: str
) -> None:
    """``Factory``, ``posix/...`` and ``right/...`` are refused; the message says what to use."""
    with pytest.raises(InputError) as caught:
        Person(name="Ana", email="ana@example.org", timezone=zone)
    assert str(caught.value) == (
        f"timezone: expected an IANA time zone name like Europe/London ({zone!r} differs"
        f" from machine to machine: use {suggested!r}), found {zone!r}"
    )


def test_localtime_is_refused_in_a_file() -> None:
    """``timezone = "localtime"`` in a file is refused at load, naming the field."""
    data = json.loads(loads_text())
    data["host"]["caller"]["timezone"] = "localtime"
    with pytest.raises(InputError) as caught:
        loads(json.dumps(data))
    assert caught.value.paths == ("host.caller.timezone",)
    assert "'localtime' differs from machine to machine" in str(caught.value)


def test_a_valid_assist_still_round_trips() -> None:
    """The checks above leave every shipped example loadable as before."""
    for example in sorted((ROOT / "examples").glob("*.toml")):
        assert isinstance(load(example), PeerAssist)
