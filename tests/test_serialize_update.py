"""``serialize.update``: load, change and write back an assist file as a compare-and-set."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from peerassist.exceptions import FileChangedError, FileFormatError, FileLockedError, InputError
from peerassist.model import PeerAssist
from peerassist.serialize import load, update
from peerassist.serialize._update import lock_path
from peerassist.workflow import Workflow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ed-front-door.toml"
NOW = "2027-03-10T08:55:00Z"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    copy = tmp_path / "ed.toml"
    shutil.copyfile(EXAMPLE, copy)
    return copy


def _cancel(actor: str) -> object:
    from peerassist._time import parse_instant

    def fire(assist: PeerAssist) -> object:
        return Workflow().fire(assist, "cancel", actor=actor, now=parse_instant(NOW))

    return fire


def test_update_writes_the_change_and_returns_what_fn_returned(example: Path) -> None:
    """The change is saved; ``update`` hands back ``fn``'s result."""
    outcome = update(example, _cancel("Ana"))  # type: ignore[arg-type]
    assert outcome.ok  # type: ignore[attr-defined]
    saved = load(example)
    assert (saved.state, saved.revision, saved.history[-1].actor) == ("cancelled", 3, "Ana")


def test_update_writes_nothing_when_the_assist_is_unchanged(example: Path) -> None:
    """A function that changes nothing leaves the file's bytes and time as they were."""
    before = example.read_bytes()
    stamp = example.stat().st_mtime_ns
    assert update(example, lambda assist: assist.revision) == 2
    assert example.read_bytes() == before
    assert example.stat().st_mtime_ns == stamp


def test_update_writes_nothing_when_fn_raises(example: Path) -> None:
    """An exception from ``fn`` propagates and the file keeps its bytes."""
    before = example.read_bytes()

    def broken(assist: PeerAssist) -> None:
        assist.title = "Changed"
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        update(example, broken)
    assert example.read_bytes() == before


def test_update_refuses_another_revision_naming_who_changed_it(example: Path) -> None:
    """``expect_revision`` that is not the file's: FileChangedError naming the last change."""
    before = example.read_bytes()
    with pytest.raises(FileChangedError) as caught:
        update(example, _cancel("Bo"), expect_revision=1)  # type: ignore[arg-type]
    error = caught.value
    assert (error.expected, error.found) == (1, 2)
    assert (error.event, error.changed_by, error.changed_at) == (
        "schedule",
        "priya.raman@stelsewhere.nhs.example",
        "2026-11-14T11:30:00Z",
    )
    assert str(error) == (
        f"{example}: it is at revision 2, not the revision 1 expected; last recorded change:"
        " schedule by priya.raman@stelsewhere.nhs.example at 2026-11-14T11:30:00Z."
        " Nothing was written: reload and try again."
    )
    assert example.read_bytes() == before


def test_update_refuses_bytes_that_changed_since_they_were_read(example: Path) -> None:
    """``expect_bytes`` from before someone else's change: refused, file kept as they left it."""
    seen = example.read_bytes()
    update(example, _cancel("Ana"))  # type: ignore[arg-type]
    theirs = example.read_bytes()
    with pytest.raises(FileChangedError) as caught:
        update(example, _cancel("Bo"), expect_bytes=seen)  # type: ignore[arg-type]
    assert (caught.value.expected, caught.value.found) == (2, 3)
    assert (caught.value.event, caught.value.changed_by) == ("cancel", "Ana")
    assert example.read_bytes() == theirs


def test_update_refuses_a_hand_edit_made_while_fn_ran(example: Path) -> None:
    """A program that ignores the lock and writes meanwhile wins: nothing is overwritten."""

    def meanwhile(assist: PeerAssist) -> None:
        text = example.read_text(encoding="utf-8").replace("Service Manager", "Head of Service")
        example.write_text(text, encoding="utf-8")
        assist.title = "Mine"

    with pytest.raises(FileChangedError) as caught:
        update(example, meanwhile)
    assert str(caught.value).startswith(
        f"{example}: its content changed since it was read (revision 2); last recorded change:"
    )
    assert "Head of Service" in example.read_text(encoding="utf-8")
    assert load(example).title == "Redesigning the emergency department front door"


def test_update_waits_for_the_lock_and_gives_up_with_file_locked_error(example: Path) -> None:
    """While another holder keeps the lock beside the file, update times out and writes nothing."""
    import filelock

    before = example.read_bytes()
    held = filelock.FileLock(lock_path(example))
    ready, release = threading.Event(), threading.Event()

    def hold() -> None:
        with held:
            ready.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait(10)
    try:
        with pytest.raises(FileLockedError) as caught:
            update(example, _cancel("Ana"), timeout=0.2)  # type: ignore[arg-type]
    finally:
        release.set()
        thread.join()
    assert caught.value.lock == str(example) + ".lock"
    assert example.read_bytes() == before


def test_the_lock_file_sits_beside_the_assist(example: Path) -> None:
    """The lock is ``NAME.lock`` in the assist's folder."""
    assert lock_path(example) == example.with_name("ed.toml.lock")


def test_update_checks_its_arguments(example: Path) -> None:
    """Bad arguments are InputErrors naming the argument; a wrong suffix a FileFormatError."""
    with pytest.raises(InputError) as caught:
        update(example, "not callable")  # type: ignore[arg-type]
    assert caught.value.paths == ("fn",)
    with pytest.raises(InputError) as caught:
        update(example, lambda a: None, expect_revision="2")  # type: ignore[arg-type]
    assert caught.value.paths == ("expect_revision",)
    with pytest.raises(InputError) as caught:
        update(42, lambda a: None)  # type: ignore[arg-type]
    assert caught.value.paths == ("path",)
    other = example.with_suffix(".yaml")
    other.write_text("x", encoding="utf-8")
    with pytest.raises(FileFormatError):
        update(other, lambda a: None)


def test_update_names_the_file_when_it_is_not_a_valid_assist(tmp_path: Path) -> None:
    """A broken file: the InputError's source is the file, and no lock file is left."""
    path = tmp_path / "bad.json"
    path.write_text('{"schema_version": 1}', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        update(path, lambda a: None)
    assert caught.value.source == str(path)
    assert [p.name for p in tmp_path.iterdir()] == ["bad.json"]


def test_a_json_file_keeps_its_key_order(tmp_path: Path) -> None:
    """Writing back JSON keeps the file's own key order and changes only the values."""
    path = tmp_path / "a.json"
    path.write_text(
        "{\n"
        '  "title": "T",\n'
        '  "schema_version": 1,\n'
        '  "host": {"caller": {"email": "ana@example.org", "name": "Ana"}},\n'
        '  "revision": 0,\n'
        '  "id": "a-1",\n'
        '  "state": "scoping"\n'
        "}\n",
        encoding="utf-8",
    )

    def retitle(assist: PeerAssist) -> None:
        assist.title = "New"

    update(path, retitle)
    assert path.read_text(encoding="utf-8") == (
        "{\n"
        '  "title": "New",\n'
        '  "schema_version": 1,\n'
        '  "host": {\n'
        '    "caller": {\n'
        '      "email": "ana@example.org",\n'
        '      "name": "Ana"\n'
        "    }\n"
        "  },\n"
        '  "revision": 0,\n'
        '  "id": "a-1",\n'
        '  "state": "scoping"\n'
        "}\n"
    )


# -- real processes racing -------------------------------------------------------

_FIRST_CHANGE = {
    "start_meeting": (
        'state = "quarter_1"\nrevision = 3\n',
        "\n[[history]]\n"
        'event = "start_meeting"\n'
        'source = "scheduling"\n'
        'dest = "quarter_1"\n'
        f'at = "{NOW}"\n'
        'actor = "Ana"\n'
        'acknowledged = ["PA-M14-briefing-late"]\n'
        # The acknowledgement lasts while the finding stands, so it is kept too.
        "\n[[acknowledgements]]\n"
        'code = "PA-M14-briefing-late"\n'
        'path = "logistics.briefing[0].sent_at"\n'
        "message = \"'Front door briefing pack' is not sent, and it was due by 2027-03-03"
        ' (5 working days before the meeting)."\n'
        f'at = "{NOW}"\n'
        'actor = "Ana"\n'
        'event = "start_meeting"\n',
    ),
    "cancel": (
        'state = "cancelled"\nrevision = 3\n',
        "\n[[history]]\n"
        'event = "cancel"\n'
        'source = "scheduling"\n'
        'dest = "cancelled"\n'
        f'at = "{NOW}"\n'
        'actor = "Bo"\n'
        "acknowledged = []\n",
    ),
}


def _advance(path: Path, trigger: str, actor: str, *extra: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "peerassist", "advance", str(path), trigger]
    command += ["--actor", actor, "--now", NOW, *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_twenty_concurrent_pairs_of_advance_lose_no_update(tmp_path: Path) -> None:
    """Two ``advance`` runs at once on one file: one writes, the other exits 3, and
    the file shows exactly the first change (20 pairs of real processes, five
    pairs at a time, each pair on its own file)."""
    original = EXAMPLE.read_text(encoding="utf-8")
    head = 'state = "scheduling"\nrevision = 2\n'
    assert head in original
    for batch in range(4):
        pairs = []
        for n in range(5):
            path = tmp_path / f"race-{batch}-{n}.toml"
            shutil.copyfile(EXAMPLE, path)
            ack = ("--ack", "PA-M14-briefing-late", "--expect-revision", "2")
            runs = {
                "start_meeting": _advance(path, "start_meeting", "Ana", *ack),
                "cancel": _advance(path, "cancel", "Bo", "--expect-revision", "2"),
            }
            pairs.append((path, runs))
        for path, runs in pairs:
            codes, errors = {}, {}
            for trigger, run in runs.items():
                _, err = run.communicate(timeout=120)
                codes[trigger], errors[trigger] = run.returncode, err
            assert sorted(codes.values()) == [0, 3], (codes, errors)
            winner = next(t for t, c in codes.items() if c == 0)
            loser = next(t for t, c in codes.items() if c == 3)
            state_lines, entry = _FIRST_CHANGE[winner]
            assert path.read_text(encoding="utf-8") == original.replace(head, state_lines) + entry
            assert "it is at revision 3, not the revision 2 expected" in errors[loser]
            assert f"last recorded change: {winner} by " in errors[loser]


def test_concurrent_advances_without_an_expected_revision_record_every_success(
    tmp_path: Path,
) -> None:
    """Without ``--expect-revision``, runs at once never lose a transition: every
    run that exits 0 has its entry in the file; the others exit 1 or 3."""
    path = tmp_path / "race.toml"
    shutil.copyfile(EXAMPLE, path)
    runs = [_advance(path, "cancel", f"Person {n}") for n in range(4)]
    codes = [run.wait(timeout=120) for run in runs]
    for run in runs:
        run.communicate()
    assert set(codes) <= {0, 1, 3}
    saved = load(path)
    winners = [f"Person {n}" for n, code in enumerate(codes) if code == 0]
    assert [e.actor for e in saved.history[3:]] == winners
    assert len(winners) == 1  # cancel from cancelled is not allowed
