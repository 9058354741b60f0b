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
    invite = (tmp_path / f"{stored.id}.ics").read_bytes().decode("utf-8")
    assert f"SEQUENCE:{stored.revision + 1}\r\n" in invite
    assert "DTSTART:20270316T090000Z" in invite
    assert "Found in riverdale-flood-2026 (title): Getting community flood **warnings**" in out


def test_agenda_notebook_renders_and_saves(tmp_path: Path) -> None:
    """The notebook-style script plans, converts, renders and writes its agendas."""
    out = run_script("agenda_notebook.py", str(tmp_path))
    assert "Quarter 4: feedback" in out
    assert "EST" in out  # the New York view
    assert "Shared working hours: 14:00-15:00 Europe/London" in out
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
