"""Fuzzing: arbitrary input only ever gives the documented errors and exit codes.

Arbitrary bytes, JSON and TOML trees and field values go to ``loads``,
``from_dict`` and every model constructor; generated argument lists go to
every command. The budget is small in the normal run; a nightly run raises it
with ``PEERASSIST_FUZZ_EXAMPLES`` (see the contributing notes in the docs).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import shutil
import string
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import peerassist.model as model
from peerassist._attrs import fields
from peerassist.cli import main
from peerassist.cli._output import Output
from peerassist.exceptions import InputError, PeerAssistError
from peerassist.serialize import from_dict, loads, to_dict
from peerassist.testing import make_assist

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
BUDGET = int(os.environ.get("PEERASSIST_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=BUDGET,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# -- values ----------------------------------------------------------------------

_NASTY_TEXT = st.sampled_from(
    [
        "",
        " ",
        "ana@example.org",
        "priya\ud800@example.org",
        "ana\x00@example.org",
        "ana\u202e@example.org",
        "ana\u200b@example.org",
        "\x9b2J",
        "line\nbreak",
        "0001-01-01",
        "9999-12-31",
        "0001-01-01T00:00:00Z",
        "9999-12-20T10:00:00+01:00[Europe/Paris]",
        "2027-03-10T09:00:00+00:00[Europe/London]",
        "2027-03-10T09:00:00Z",
        "2027-03-10T09:00[localtime]",
        "2027-03-10T09:00[Factory]",
        "localtime",
        "Factory",
        "Europe/London",
        "PT45M",
        "P1Y",
        "scoping",
        "x" * 300,
    ]
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.text(max_size=20),
    _NASTY_TEXT,
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.sampled_from([dt.UTC, zoneinfo.ZoneInfo("Europe/Paris")])),
)
_TREES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["name", "email"]), inner, max_size=3
        )
    ),
    max_leaves=12,
)
_JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    _NASTY_TEXT,
)
_JSON_TREES = st.recursive(
    _JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
_TOML_SCALARS = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(st.characters(codec="utf-8"), max_size=20),
    st.dates(),
)
_TOML_TREES = st.dictionaries(
    st.text(max_size=8),
    st.recursive(
        _TOML_SCALARS,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=10,
    ),
    max_size=5,
)


def _valid(state: str = "scheduling") -> dict[str, Any]:
    return to_dict(make_assist(state))


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replaced(data[head], rest, value)}
    copy = list(data)
    copy[head] = _replaced(copy[head], rest, value)
    return copy


_VALID = _valid()
_VALID_PATHS = _paths(_VALID)


# -- the library -----------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=200), st.sampled_from(["json", "toml"]))
def test_arbitrary_bytes_give_only_input_errors(raw: bytes, fmt: str) -> None:
    """``loads`` on any bytes returns an assist or raises InputError (FileFormatError)."""
    with contextlib.suppress(InputError):
        loads(raw, fmt)


@FUZZ
@given(_JSON_TREES)
def test_arbitrary_json_trees_give_only_input_errors(tree: Any) -> None:
    """Any JSON document: an assist or an InputError, never another error."""
    with contextlib.suppress(InputError):
        loads(json.dumps(tree), "json")


@FUZZ
@given(_TOML_TREES)
def test_arbitrary_toml_trees_give_only_input_errors(tree: dict[str, Any]) -> None:
    """Any TOML document: an assist or an InputError, never another error."""
    try:
        text = tomli_w.dumps(tree)
    except (TypeError, ValueError):  # not writable as TOML at all
        return
    with contextlib.suppress(InputError):
        loads(text, "toml")


@FUZZ
@given(st.sampled_from(_VALID_PATHS), _TREES)
def test_any_field_of_a_valid_assist_replaced_gives_only_input_errors(
    path: tuple[Any, ...], value: Any
) -> None:
    """``from_dict`` of a valid assist with any one value replaced by anything."""
    problems: tuple[object, ...] = ("built",)
    try:
        from_dict(_replaced(_VALID, path, value))
    except InputError as error:
        problems = error.problems
    assert problems  # an error always says where and what


def _constructors() -> list[type]:
    names = [n for n in model.__all__ if isinstance(getattr(model, n), type)]
    classes = [getattr(model, n) for n in names]
    return [c for c in classes if hasattr(c, "__attrs_attrs__")]


@pytest.mark.parametrize("cls", _constructors(), ids=lambda c: c.__name__)
@FUZZ
@given(data=st.data())
def test_every_model_constructor_refuses_bad_values_with_input_errors(
    cls: type, data: st.DataObject
) -> None:
    """Each model class, given arbitrary values for its fields, is built or raises InputError."""
    kwargs = {
        (f.alias or f.name): data.draw(_TREES, label=f.name)
        for f in fields(cls)
        if f.init and data.draw(st.booleans(), label=f"give {f.name}")
    }
    message = ""
    try:
        cls(**kwargs)
    except InputError:
        pass
    except TypeError as error:  # a required argument left out: Python's own call check
        message = str(error)
        assert "missing" in message, message


# -- every command -------------------------------------------------------------

_COMMANDS = ["new", "check", "agenda", "timeline", "invite", "advance", "diagram", "plan"]
_NOWS = [
    "2026-11-27T10:00:00Z",
    "2027-03-10T08:55:00Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "2027-03-10T09:00[localtime]",
    "soon",
]
_OPTION_VALUES: dict[str, list[str]] = {
    "--now": _NOWS,
    "--tz": ["Europe/London", "Asia/Tokyo", "localtime", "Factory", "Mars/Base", ""],
    "--profile": ["bp-nhs", "clinic", "retrospect", "nope"],
    "--format": ["text", "json", "markdown", "html", "pdf"],
    "--out": ["{tmp}/out", "{tmp}/folder", "{tmp}/clinic.toml", "{tmp}/missing/deep"],
    "-o": ["{tmp}/x.ics", "{tmp}/folder", "{tmp}/missing/x.ics"],
    "--per-component": ["{tmp}/parts", "{tmp}/address-clinic.toml"],
    "--method": ["request", "cancel", "publish", "REQUEST"],
    "--organizer": ["caller", "facilitator", "nobody"],
    "--actor": ["Ana", "\x9b2J\u202e", "priya\udcff", "", "a\nb"],
    "--ack": ["PA-M14-briefing-late", "", "\u200b"],
    "--note": ["fine", "two\nlines", "\x00", "\udcff"],
    "--expect-revision": ["2", "-1", "99999999999999999999999", "x"],
    "--id": ["mine-1", "bad id!", "", "x" * 200],
    "--title": ["A title", "", "\x9b", "\udcff", 'quote " and \\ back'],
    "--force": [],
    "--help": [],
}
_TRIGGERS = ["begin_research", "schedule", "start_meeting", "cancel", "close", "nope", ""]
_FILES = [
    "ed-front-door.toml",
    "riverdale-flood.toml",
    "address-clinic.toml",
    "bad_email.json",
    "not_json.json",
    "several_problems.toml",
    "empty.toml",
    "folder",
    "missing.toml",
    "new.toml",
    "new.json",
    "out.yaml",
]


@pytest.fixture(scope="module")
def playground(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with copies of the examples, bad files, a folder and a missing name."""
    root = tmp_path_factory.mktemp("fuzz")
    for example in EXAMPLES:
        shutil.copyfile(example, root / example.name)
    for name in ("bad_email.json", "not_json.json", "several_problems.toml", "empty.toml"):
        shutil.copyfile(ROOT / "tests" / "bad_inputs" / name, root / name)
    (root / "folder").mkdir()
    return root


def _own_options(command: str) -> list[str]:
    """The options ``command`` takes, read from the parser itself."""
    import argparse

    from peerassist.cli import build_parser

    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            sub = action.choices[command]
            names = [o for a in sub._actions for o in a.option_strings]
            return sorted(n for n in names if n in _OPTION_VALUES)
    return []


@st.composite
def _argv(draw: st.DrawFn, root: Path) -> list[str]:
    """A command, a file, maybe a trigger, options with fitting or unfitting values."""
    here = str(root)
    weird = draw(st.integers(0, 19)) == 0
    words: list[str] = [draw(st.text(max_size=5) if weird else st.sampled_from(_COMMANDS))]
    words.append(str(root / draw(st.sampled_from(_FILES))))
    if words[0] == "advance":
        words += [draw(st.sampled_from(_TRIGGERS)), "--actor", "Ana"]
    own = _own_options(words[0])
    names = st.sampled_from(own) if own else st.sampled_from(sorted(_OPTION_VALUES))
    if draw(st.integers(0, 9)) == 0:  # now and then an option of another command
        names = st.sampled_from(sorted(_OPTION_VALUES))
    for name in draw(st.lists(names, max_size=3)):
        words.append(name)
        choices = [v.replace("{tmp}", here) for v in _OPTION_VALUES[name]]
        if choices and draw(st.integers(0, 9)):  # mostly a value that fits the option
            words.append(draw(st.sampled_from(choices)))
    if draw(st.integers(0, 9)) == 0:
        words.append(draw(st.text(string.printable, max_size=6)))
    return words


@FUZZ
@given(data=st.data())
def test_no_argument_list_shows_a_traceback(playground: Path, data: st.DataObject) -> None:
    """Any argument list: argparse's own exit (0 for help, 2 for usage) or a documented
    exit code (0-3) with the problem on stderr; never an exception."""
    argv = data.draw(_argv(playground), label="argv")
    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    os.chdir(playground)  # relative names the draws make land in the playground
    try:
        code = main(argv, output=Output(out, err))
    except SystemExit as stop:  # argparse: --help (0) or a usage error (2)
        code = 0 if stop.code in (0, None) else 2 if stop.code == 2 else -1
    except PeerAssistError as error:  # pragma: no cover - would be a bug
        raise AssertionError(f"{argv!r} raised {error!r}") from error
    finally:
        os.chdir(here)
    assert code in (0, 1, 2, 3), argv
    assert "Traceback" not in err.getvalue()
    assert "\x9b" not in out.getvalue() + err.getvalue()
    assert "\u202e" not in out.getvalue() + err.getvalue()
    for example in EXAMPLES:  # keep the examples valid for the next draws
        copy = playground / example.name
        if not copy.is_file():
            if copy.is_dir():
                shutil.rmtree(copy)
            shutil.copyfile(example, copy)
