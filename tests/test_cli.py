"""The ``peerassist`` command: every subcommand on every example and on bad input."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from peerassist.cli import main
from peerassist.cli._output import Output
from peerassist.serialize import load

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
BAD = ROOT / "tests" / "cli_inputs"
NOW = "2026-11-27T10:00:00Z"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), output=Output(out, err))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(params=EXAMPLES, ids=lambda p: p.stem)
def example(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A private copy of each shipped example."""
    copy = tmp_path / request.param.name
    shutil.copyfile(request.param, copy)
    return copy


def test_there_are_three_examples_at_different_states() -> None:
    """The examples cover at least three assists, each at a different state."""
    states = [load(path).state for path in EXAMPLES]
    assert len(EXAMPLES) >= 3
    assert len(set(states)) == len(states)


def test_check_passes_on_every_example(example: Path) -> None:
    """``check`` finds no error in a shipped example and exits 0."""
    code, out, err = run("check", str(example), "--now", NOW)
    assert (code, err) == (0, "")
    assert f"{example}: " in out
    assert "\x1b[" not in out  # no colour when not a terminal


def test_check_json_is_machine_readable(example: Path) -> None:
    """``check --format json`` prints one JSON document with the findings."""
    code, out, _ = run("check", str(example), "--format", "json", "--now", NOW)
    data = json.loads(out)
    assert code == 0
    assert data["ok"] is True
    assert data["state"] == load(example).state
    assert data["errors"] == 0
    for finding in data["findings"]:
        assert set(finding) >= {"code", "severity", "message", "refs"}


def test_check_exits_1_on_errors(tmp_path: Path) -> None:
    """A file whose assist breaks the method's rules gives exit 1 and the hints."""
    source = (ROOT / "examples" / "ed-front-door.toml").read_text(encoding="utf-8")
    broken = source.replace(
        '[facilitator]\nname = "Grace Liu"\nemail = "grace.liu@',
        '[facilitator]\nname = "Grace Liu"\nemail = "lucy.marsh@',
        1,
    )
    assert broken != source
    path = tmp_path / "broken.toml"
    path.write_text(broken, encoding="utf-8")
    code, out, _ = run("check", str(path), "--now", NOW)
    assert code == 1
    assert "PA-M05" in out
    assert "Hint:" in out


def test_check_with_an_unknown_profile_is_bad_input(example: Path) -> None:
    """``--profile`` names the known profiles when given an unknown one."""
    code, _, err = run("check", str(example), "--profile", "marathon")
    assert code == 2
    assert "bp-nhs" in err
    assert "'marathon'" in err


_QUARTERS = (
    "Quarter 1: context",
    "Quarter 2: questions",
    "Quarter 3: analysis",
    "Quarter 4: feedback",
)
_TIMES = r"\d\d:\d\d-\d\d:\d\d \S+"
_LENGTH = r"(?:\d+ h(?: \d+ min)?|\d+ min)"
_VOID = {"meta", "link", "br", "hr", "img", "input", "col", "wbr", "source"}


class _Tree(HTMLParser):
    """Checks that tags nest and close, and keeps each table row's cells."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.first: str | None = None
        self.rows: list[list[str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.first is None:
            self.first = f"{tag} {dict(attrs)}"
        if tag in _VOID:  # never closed in HTML
            return
        self.open.append(tag)
        if tag == "tr":
            self.rows.append([])
        self.text = []

    def handle_endtag(self, tag: str) -> None:
        assert self.open, tag
        assert tag == self.open.pop(), (tag, self.open)
        if tag in ("td", "th"):
            self.rows[-1].append("".join(self.text))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _in_order(titles: list[str]) -> list[str]:
    """The quarters' titles met first, in order of appearance."""
    seen: list[str] = []
    for title in titles:
        for quarter in _QUARTERS:
            if title.startswith(quarter) and quarter not in seen:
                seen.append(quarter)
    return seen


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_agenda_in_every_format(example: Path, fmt: str) -> None:
    """``agenda`` renders the meeting in each format: the assist's title, then
    one row per slot with its times, the four quarters in order."""
    title = load(example).title
    code, out, err = run("agenda", str(example), "--format", fmt)
    assert (code, err) == (0, "")
    if fmt == "text":
        assert out.startswith(f"{title}: ")
        rows = [m[1] for m in re.finditer(rf"(?m)^  {_TIMES} +{_LENGTH}  (.+)$", out)]
    elif fmt == "markdown":
        assert out.startswith(f"## {title}: ")
        assert "| Time | Length | Slot | Refs |\n|---|---:|---|---|\n" in out
        pattern = rf"(?m)^\| {_TIMES} \| {_LENGTH} \| ([^|]+) \| [^|]* \|$"
        rows = [m[1] for m in re.finditer(pattern, out)]
    elif fmt == "html":
        tree = _Tree()
        tree.feed(out)
        tree.close()
        assert [] == tree.open
        assert "html {'lang': 'en'}" == tree.first  # a whole page
        assert 'class="peerassist-agenda"' in out
        assert ["Time", "Length", "Slot", "What happens"] == tree.rows[0]
        slots = [cells for cells in tree.rows if cells[0] != "Time"]
        assert all(re.fullmatch(_TIMES, cells[0]) for cells in slots)
        assert all(re.fullmatch(_LENGTH, cells[1]) for cells in slots)
        rows = [cells[2] for cells in slots]
    else:
        data = json.loads(out)
        assert title == data["title"]
        rows = [slot["title"] for slot in data["slots"]]
        quarters = [slot["quarter"] for slot in data["slots"] if slot["kind"] == "quarter"]
        assert sorted(quarters) == quarters
        assert {1, 2, 3, 4} == set(quarters)
    assert len(rows) >= 6
    assert list(_QUARTERS) == _in_order(rows)


def test_agenda_in_another_zone(example: Path) -> None:
    """``agenda --tz`` shows the times in the attendee's zone."""
    code, out, _ = run("agenda", str(example), "--tz", "America/New_York")
    assert code == 0
    assert "EST" in out or "EDT" in out


def test_agenda_with_an_unknown_zone_is_bad_input(example: Path) -> None:
    """An unknown ``--tz`` is a clear error, not a traceback."""
    code, _, err = run("agenda", str(example), "--tz", "Mars/Olympus")
    assert code == 2
    assert "Mars/Olympus" in err
    assert "Traceback" not in err


def test_timeline(example: Path) -> None:
    """``timeline`` plans back from the decision date."""
    assist = load(example)
    code, out, _ = run("timeline", str(example))
    assert code == 0
    assert str(assist.purpose.decision_date) in out
    code, out, _ = run("timeline", str(example), "--format", "json")
    assert json.loads(out)["decision_date"] == str(assist.purpose.decision_date)


def test_invite_writes_a_calendar_and_storage_resources(example: Path, tmp_path: Path) -> None:
    """``invite`` writes the .ics and, with --per-component, one file per component."""
    target = tmp_path / "out" / "invite.ics"
    folder = tmp_path / "caldav"
    code, out, _ = run(
        "invite", str(example), "-o", str(target), "--per-component", str(folder), "--now", NOW
    )
    assert code == 0
    text = target.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "METHOD:REQUEST" in text
    assert "SEQUENCE:0\r\n" in text  # no invite recorded yet
    resources = sorted(folder.iterdir())
    assert resources
    for resource in resources:
        assert "METHOD:" not in resource.read_text(encoding="utf-8")
    assert str(target) in out


def test_invite_cancel(example: Path, tmp_path: Path) -> None:
    """``invite --method cancel`` writes METHOD:CANCEL and cancelled events."""
    target = tmp_path / "cancel.ics"
    code, _, _ = run("invite", str(example), "-o", str(target), "--method", "cancel", "--now", NOW)
    text = target.read_text(encoding="utf-8")
    assert code == 0
    assert "METHOD:CANCEL" in text
    assert "STATUS:CANCELLED" in text


def test_invite_needs_an_output(example: Path) -> None:
    """``invite`` with nowhere to write says so."""
    code, _, err = run("invite", str(example))
    assert code == 2
    assert "-o OUT.ics" in err


def test_advance_writes_the_assist_back(tmp_path: Path) -> None:
    """``advance`` fires a trigger and saves the new state, history and revision."""
    path = tmp_path / "ed.toml"
    shutil.copyfile(ROOT / "examples" / "ed-front-door.toml", path)
    before = load(path)
    code, out, _ = run(
        "advance",
        str(path),
        "start_meeting",
        "--actor",
        "Grace Liu",
        "--note",
        "We begin",
        "--now",
        NOW,
    )
    after = load(path)
    assert code == 0
    assert (after.state, after.revision) == ("quarter_1", before.revision + 1)
    assert len(after.history) == len(before.history) + 1
    entry = after.history[-1]
    assert (entry.event, entry.actor, entry.note) == ("start_meeting", "Grace Liu", "We begin")
    assert "scheduling -> quarter_1" in out


def test_advance_refusal_leaves_the_file_untouched(tmp_path: Path) -> None:
    """A refused trigger prints every finding, exits 1 and changes nothing."""
    path = tmp_path / "flood.toml"
    shutil.copyfile(ROOT / "examples" / "riverdale-flood.toml", path)
    before = path.read_bytes()
    code, out, _ = run("advance", str(path), "close", "--actor", "Mark", "--now", NOW)
    assert code == 1
    assert "PA-M26-lessons-not-shared" in out
    assert path.read_bytes() == before
    code, out, _ = run(
        "advance",
        str(path),
        "close",
        "--actor",
        "Mark",
        "--ack",
        "PA-M26-lessons-not-shared",
        "--now",
        NOW,
    )
    assert code == 0
    assert load(path).history[-1].acknowledged == ("PA-M26-lessons-not-shared",)


def test_advance_with_a_trigger_not_allowed_names_the_allowed_ones(example: Path) -> None:
    """A trigger not valid from the state is refused, naming the allowed triggers."""
    before = example.read_bytes()
    assert load(example).state not in ("scoping", "cancelled", "closed")
    code, out, _ = run("advance", str(example), "begin_research", "--actor", "x", "--now", NOW)
    assert code == 1
    assert "not_allowed" in out
    assert "cancel" in out
    assert example.read_bytes() == before


def test_advance_with_an_unknown_trigger(example: Path) -> None:
    """An unknown trigger is bad input naming the known ones."""
    code, _, err = run("advance", str(example), "fly_away", "--actor", "x")
    assert code == 2
    assert "fly_away" in err
    assert "begin_research" in err


def test_diagram(example: Path) -> None:
    """``diagram`` draws Mermaid, with the assist's state highlighted when given a file."""
    code, plain, _ = run("diagram")
    assert code == 0
    assert plain.startswith("stateDiagram-v2")
    code, marked, _ = run("diagram", str(example))
    assert code == 0
    assert load(example).state in marked
    assert marked != plain


def test_plan_writes_everything(example: Path, tmp_path: Path) -> None:
    """``plan`` writes the check, agenda, timeline and invites and summarises them."""
    folder = tmp_path / "plan"
    code, out, _ = run(
        "plan", str(example), "--out", str(folder), "--tz", "Asia/Tokyo", "--now", NOW
    )
    assert code == 0
    names = {p.name for p in folder.iterdir()}
    expected = {
        "check.txt",
        "check.md",
        "agenda.txt",
        "agenda.md",
        "agenda.html",
        "agenda.json",
        "agenda-local.txt",
        "timeline.txt",
        "calendar.ics",
        "organizer-todo.ics",
        "invites",
    }
    assert expected <= names
    for name in sorted(expected):
        assert name.split(".")[0] in out
    assert "JST" in (folder / "agenda-local.txt").read_text(encoding="utf-8")


def test_plan_skips_what_a_new_assist_lacks(tmp_path: Path) -> None:
    """``plan`` on a fresh assist writes the check and says what it skipped."""
    path = tmp_path / "new.toml"
    assert run("new", str(path), "--id", "pa-test", "--title", "Fresh")[0] == 0
    code, out, _ = run("plan", str(path), "--out", str(tmp_path / "plan"))
    assert code == 0
    assert "skipped: agenda and invites" in out
    assert "skipped: timeline" in out


def test_new_writes_a_loadable_commented_starter(tmp_path: Path) -> None:
    """``new`` writes a commented TOML that loads, with the given id and title."""
    path = tmp_path / "a.toml"
    code, out, _ = run("new", str(path), "--id", "pa-1", "--title", 'Say "hello"')
    text = path.read_text(encoding="utf-8")
    assist = load(path)
    assert code == 0
    assert text.startswith("# ")
    assert (assist.id, assist.title, assist.state) == ("pa-1", 'Say "hello"', "scoping")
    assert str(path) in out


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    """``new`` keeps an existing file unless --force is given."""
    path = tmp_path / "a.toml"
    path.write_text("keep me", encoding="utf-8")
    code, _, err = run("new", str(path))
    assert code == 2
    assert "already exists" in err
    assert path.read_text(encoding="utf-8") == "keep me"
    assert run("new", str(path), "--force")[0] == 0


def test_new_json(tmp_path: Path) -> None:
    """``new`` also writes JSON, and refuses other suffixes."""
    assert run("new", str(tmp_path / "a.json"), "--id", "pa-2")[0] == 0
    assert load(tmp_path / "a.json").id == "pa-2"
    code, _, err = run("new", str(tmp_path / "a.yaml"))
    assert code == 2
    assert ".toml or .json" in err


BAD_INPUTS = {
    "empty.toml": "empty",
    "bad-email.toml": "host.caller.email",
    "wrong-type.json": "title: expected text, found the number 42",
    "notes.txt": ".json or .toml",
    "unknown-state.toml": "found 'limbo'",
}


@pytest.mark.parametrize(
    "command", ["check", "agenda", "timeline", "invite", "advance", "diagram", "plan"]
)
@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_clear_paragraph(command: str, name: str, tmp_path: Path) -> None:
    """Every subcommand reports bad input naming the file and field, exit 2, no traceback."""
    path = BAD / name
    extra = {
        "invite": ["-o", str(tmp_path / "x.ics")],
        "advance": ["begin_research", "--actor", "x"],
        "plan": ["--out", str(tmp_path / "plan")],
    }.get(command, [])
    before = path.read_bytes()
    code, _out, err = run(command, str(path), *extra)
    assert code == 2
    assert str(path) in err
    assert BAD_INPUTS[name] in err
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_missing_file() -> None:
    """A missing file is named, with exit 2."""
    code, _, err = run("check", "no/such/file.toml")
    assert code == 2
    assert "no/such/file.toml" in err


def test_debug_shows_the_traceback() -> None:
    """``--debug`` lets the error through for a traceback."""
    with pytest.raises(Exception, match="limbo"):
        main(["--debug", "check", str(BAD / "unknown-state.toml")])


def test_python_dash_m_and_console_script() -> None:
    """``python -m peerassist --help`` works and lists every subcommand."""
    result = subprocess.run(
        [sys.executable, "-m", "peerassist", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for command in ("new", "check", "agenda", "timeline", "invite", "advance", "diagram", "plan"):
        assert command in result.stdout
    script = shutil.which("peerassist", path=str(Path(sys.executable).parent))
    assert script is not None
