"""Writing an assist back into its own file: comments, key order and layout survive."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from peerassist._attrs import evolve
from peerassist._time import UTC, DateTime, duration
from peerassist.cli import main
from peerassist.cli._output import Output
from peerassist.model import MeetingWindow, PeerAssist
from peerassist.serialize import load, update
from peerassist.serialize._roundtrip import rewrite
from peerassist.workflow import DEFAULT_WORKFLOW, Workflow, WorkflowSpec

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
START = DateTime(2027, 5, 3, 9, tzinfo=UTC)

# The default workflow's steps with every gate lifted, so each step can be
# taken from any file, whatever its content.
PERMISSIVE = evolve(
    DEFAULT_WORKFLOW,
    transitions=tuple(evolve(t, check_rules=False) for t in DEFAULT_WORKFLOW.transitions),
    gates=(),
    name="permissive",
)


def _comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def _in_order(wanted: list[str], lines: list[str]) -> bool:
    rest = iter(lines)
    return all(any(line == w for line in rest) for w in wanted)


def _starter(tmp_path: Path) -> Path:
    path = tmp_path / "starter.toml"
    code = main(["new", str(path), "--id", "starter-1"], output=Output(_Null(), _Null()))
    assert code == 0
    return path


class _Null:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def _sources(tmp_path: Path) -> list[Path]:
    copies = []
    for example in EXAMPLES:
        copy = tmp_path / example.name
        shutil.copyfile(example, copy)
        copies.append(copy)
    return [*copies, _starter(tmp_path)]


def _forward_path(spec: WorkflowSpec, state: str) -> list[str]:
    path = []
    while (trigger := spec.forward_trigger(state)) is not None:
        path.append(trigger)
        state = next(t.dest for t in spec.transitions_from(state) if t.trigger == trigger)
    return path


def _step(path: Path, change: Callable[[PeerAssist], object]) -> PeerAssist:
    changed: list[PeerAssist] = []

    def apply(assist: PeerAssist) -> None:
        change(assist)
        changed.append(assist)

    update(path, apply)
    return changed[0]


def test_the_starter_and_examples_hold_comments_to_keep(tmp_path: Path) -> None:
    """Every file the next test edits has comment lines (so the test can fail)."""
    counts = [len(_comments(p.read_text(encoding="utf-8"))) for p in _sources(tmp_path)]
    assert len(counts) == len(EXAMPLES) + 1
    assert all(count >= 2 for count in counts)
    assert counts[-1] == 28  # the starter's comment lines


def test_every_comment_survives_every_workflow_step_on_every_example(tmp_path: Path) -> None:
    """Each shipped example and the ``new`` starter, walked through every step to
    ``closed`` (and cancelled, and rescheduled, from every state on the way), keeps
    every comment line, in order, and loads back as the assist the engine left."""
    engine = Workflow(PERMISSIVE)
    clock = iter(START.add(minutes=n) for n in range(10_000))
    for source in _sources(tmp_path):
        comments = _comments(source.read_text(encoding="utf-8"))
        for index, trigger in enumerate(["", *_forward_path(PERMISSIVE, load(source).state)]):
            if trigger:
                expected = _step(
                    source,
                    lambda a, t=trigger: engine.advance(a, t, actor="Ana", now=next(clock)),
                )
                assert load(source) == expected
            text = source.read_text(encoding="utf-8")
            assert _in_order(comments, text.splitlines()), (source.name, trigger)
            here = load(source)
            if here.state == "closed":
                continue
            side = tmp_path / f"side-{index}-{source.name}"
            shutil.copyfile(source, side)
            expected = _step(side, lambda a: engine.advance(a, "cancel", now=next(clock)))
            assert load(side) == expected
            assert _in_order(comments, side.read_text(encoding="utf-8").splitlines())
            if here.state == "scheduling" and here.logistics.windows:
                moved = tuple(
                    evolve(w, start=w.start + duration(days=7), end=w.end + duration(days=7))
                    for w in here.logistics.windows
                )
                moved_file = _copy(source, tmp_path / f"moved-{source.name}")
                expected = _step(
                    moved_file, lambda a, m=moved: engine.reschedule(a, m, now=next(clock))
                )
                assert load(moved_file) == expected
                moved_text = moved_file.read_text(encoding="utf-8")
                assert _in_order(comments, moved_text.splitlines())


def _copy(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def test_a_step_changes_only_the_lines_it_must(tmp_path: Path) -> None:
    """A transition rewrites ``state`` and ``revision`` in place and appends one
    history table; every other line of the file is byte for byte the same."""
    path = _copy(EXAMPLES[0], tmp_path / "a.toml")
    before = path.read_text(encoding="utf-8")
    _step(
        path,
        lambda a: Workflow(PERMISSIVE).advance(
            a, "cancel", actor="Ana", now=START, note="Two lines\nof note"
        ),
    )
    after = path.read_text(encoding="utf-8")
    old_state = f'state = "{load(EXAMPLES[0]).state}"'
    old_revision = f"revision = {load(EXAMPLES[0]).revision}"
    expected = before.replace(old_state, 'state = "cancelled"').replace(
        old_revision, f"revision = {load(EXAMPLES[0]).revision + 1}"
    )
    expected += (
        "\n[[history]]\n"
        'event = "cancel"\n'
        f'source = "{load(EXAMPLES[0]).state}"\n'
        'dest = "cancelled"\n'
        'at = "2027-05-03T09:00:00Z"\n'
        'actor = "Ana"\n'
        'note = """Two lines\n'
        'of note"""\n'
        "acknowledged = []\n"
    )
    assert after == expected


def test_an_inline_comment_stays_on_a_changed_value() -> None:
    """A value that changes keeps the comment written after it on its line."""
    text = 'schema_version = 1\nstate = "scoping"  # where it is\nrevision = 0\n'
    before = {"schema_version": 1, "state": "scoping", "revision": 0}
    after = {"schema_version": 1, "state": "research", "revision": 1}
    assert rewrite(text, "toml", before, after) == (
        'schema_version = 1\nstate = "research"  # where it is\nrevision = 1\n'
    )


def test_a_value_written_another_way_is_left_as_the_file_wrote_it() -> None:
    """Equal plain data means no rewrite, even where the file spells the value differently."""
    text = 'schema_version = 1\nlabel   =   "x"\nn = 0x10\n'
    data = {"schema_version": 1, "label": "x", "n": 16}
    assert rewrite(text, "toml", data, data) == text


def test_removed_keys_go_and_new_keys_come_last() -> None:
    """A value that is now None is removed; a new value is added after the others."""
    text = '# head\nschema_version = 1\nprofile = "clinic"\ntitle = "T"\n'
    before = {"schema_version": 1, "profile": "clinic", "title": "T"}
    after = {"schema_version": 1, "title": "T", "id": "x-1"}
    assert rewrite(text, "toml", before, after) == (
        '# head\nschema_version = 1\ntitle = "T"\nid = "x-1"\n'
    )


def test_json_is_rewritten_with_the_files_key_order() -> None:
    """A JSON file keeps its own key order; only changed values change."""
    text = '{"b": 1, "a": {"y": 1, "x": [1, 2]}}'
    before = {"b": 1, "a": {"y": 1, "x": [1, 2]}}
    after = {"b": 1, "a": {"y": 1, "x": [1, 2, 3]}}
    assert rewrite(text, "json", before, after) == (
        '{\n  "b": 1,\n  "a": {\n    "y": 1,\n    "x": [\n'
        "      1,\n      2,\n      3\n    ]\n  }\n}\n"
    )


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_text_that_is_not_a_table_is_written_afresh(fmt: str) -> None:
    """If the text cannot be edited in place, the new data is written whole."""
    text = "[1, 2]" if fmt == "json" else "= broken"
    after = {"schema_version": 1, "title": "T"}
    expected = (
        '{\n  "schema_version": 1,\n  "title": "T"\n}\n'
        if fmt == "json"
        else 'schema_version = 1\ntitle = "T"\n'
    )
    assert rewrite(text, fmt, {}, after) == expected  # type: ignore[arg-type]


def test_moved_windows_are_edited_in_place(tmp_path: Path) -> None:
    """Rescheduling rewrites the windows' times and nothing around them."""
    path = _copy(ROOT / "examples" / "ed-front-door.toml", tmp_path / "ed.toml")
    before = path.read_text(encoding="utf-8")
    assist = load(path)
    moved = tuple(
        MeetingWindow(start=w.start + duration(days=7), end=w.end + duration(days=7))
        for w in assist.logistics.windows
    )
    _step(path, lambda a: Workflow(PERMISSIVE).reschedule(a, moved, actor="Ana", now=START))
    after = path.read_text(encoding="utf-8")
    assert "2027-03-17T09:00:00+00:00[Europe/London]" in after
    assert "2027-03-10T09:00:00+00:00[Europe/London]" not in after
    assert after.count("\n# ") == before.count("\n# ")
