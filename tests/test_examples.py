"""The example scripts run as a user would run them, and do what they say."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from peerassist.serialize import load

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def run_script(name: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_quickstart_prints_the_assist_and_its_people() -> None:
    """The README's quick-start script shows a scheduled assist and its roles."""
    out = run_script("quickstart.py")
    assert "[scheduling, revision 2]" in out
    for role in ("caller", "facilitator", "visitor"):
        assert role in out


def test_intranet_example_refuses_the_stale_save(tmp_path: Path) -> None:
    """The SQLite example stores, reschedules, refuses the stale copy and exports."""
    out = run_script("intranet_sqlite.py", str(tmp_path))
    stored = load(EXAMPLES / "ed-front-door.toml")
    assert f"revision {stored.revision + 1}" in out
    assert "not saved" in out
    assert "expected stored revision" in out
    invite = (tmp_path / f"{stored.id}-day1.ics").read_bytes().decode("utf-8")
    assert "SEQUENCE:1\r\n" in invite  # moved since the first invites
    assert "DTSTART:20270316T090000Z" in invite
    assert "Found in riverdale-flood-2026 (title): Getting community flood **warnings**" in out


def test_agenda_notebook_renders_and_saves(tmp_path: Path) -> None:
    """The notebook-style script plans, converts, renders and writes its agendas."""
    out = run_script("agenda_notebook.py", str(tmp_path))
    assert "Quarter 4: feedback" in out
    assert "EST" in out  # the New York view
    assert "Shared working hours: 13:00-16:00 Europe/London" in out
    assert "Wed 2027-03-10 16:00-18:00 GMT: 120 min outside working hours in total" in out
    assert (tmp_path / "agenda.svg").read_text(encoding="utf-8").startswith("<svg")
    assert "Timeline to the decision" in out
    assert (tmp_path / "agenda.html").read_text(encoding="utf-8").startswith("<")
    assert "| Time |" in (tmp_path / "agenda.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_example_files_round_trip(path: Path, tmp_path: Path) -> None:
    """Each example file loads and survives a dump and load unchanged."""
    from peerassist.serialize import dump

    assist = load(path)
    dump(assist, tmp_path / path.name)
    assert load(tmp_path / path.name) == assist


def test_documents_example_writes_what_the_assist_is_ready_for(tmp_path: Path) -> None:
    """The documents script writes four documents, names the missing review, brands a briefing."""
    out = run_script("documents.py", str(tmp_path))
    assert out.splitlines() == [
        "briefing pack: briefing.html, briefing.md",
        "meeting record: record.html, record.md",
        "action list: actions.html, actions.md",
        "After Action Review: aar.html, aar.md",
        "lessons learned: lessons.html, lessons.md",
        "briefing pack in the intranet's frame: briefing-intranet.html",
    ]
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {
        "briefing.html", "briefing.md", "record.html", "record.md", "actions.html",
        "actions.md", "aar.html", "aar.md", "lessons.html", "lessons.md",
        "briefing-intranet.html", "templates",
    }  # fmt: skip
    branded = (tmp_path / "briefing-intranet.html").read_text(encoding="utf-8")
    assert "<header><p>Riverdale District Council intranet</p>" in branded
    assert '<h2 id="agenda">Agenda</h2>' in branded
