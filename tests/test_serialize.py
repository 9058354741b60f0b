"""Tests for peerassist.serialize: round trips, the file format, strictness, files."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
import tomllib
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerassist._attrs import evolve, fields
from peerassist._time import Date, DateTime, Duration, duration, parse_instant
from peerassist.exceptions import FileFormatError, InputError, Problem
from peerassist.model import (
    ActionStatus,
    AuditEntry,
    FeedbackKind,
    MeetingWindow,
    PeerAssist,
    Person,
    Role,
)
from peerassist.serialize import (
    MAX_FILE_BYTES,
    SCHEMA_VERSION,
    dump,
    dumps,
    from_dict,
    load,
    loads,
    structure,
    to_dict,
    unstructure,
)
from peerassist.testing import STATES, make_assist
from profiles import examples
from strategies import assists, people

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")
BAD_INPUTS = Path(__file__).parent / "bad_inputs"
EXPECTED = tomllib.loads((BAD_INPUTS / "expected.toml").read_text(encoding="utf-8"))

# Generating a whole assist is the slow part (~50 ms); keep the budget sane.
ROUND_TRIPS = settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])


def _only_plain_data(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _only_plain_data(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_only_plain_data(v) for v in value)
    return type(value) in (str, int, float, bool)


def _problems(err: InputError) -> list[tuple[str, str, str]]:
    return [(p.path, p.expected, p.found) for p in err.problems]


# -- round trips --------------------------------------------------------------


@ROUND_TRIPS
@given(assists())
def test_any_assist_survives_dict_json_and_toml_round_trips(assist: PeerAssist) -> None:
    """Any valid assist, in any state, comes back equal, with the same dict, via all forms."""
    data = to_dict(assist)
    assert _only_plain_data(data)
    again = from_dict(data)
    assert assist == again
    assert data == to_dict(again)
    for fmt in ("json", "toml"):
        text = dumps(assist, fmt)
        back = loads(text, fmt)
        assert assist == back
        assert data == to_dict(back)
        assert text == dumps(back, fmt)


@pytest.mark.parametrize("state", [*STATES, "cancelled"])
def test_made_assist_round_trips_in_every_state(state: str) -> None:
    """make_assist's assist in each state survives JSON and TOML unchanged."""
    assist = make_assist(state, now=NOW)
    for fmt in ("json", "toml"):
        back = loads(dumps(assist, fmt), fmt)
        assert assist == back
        assert to_dict(assist) == to_dict(back)
        assert assist.history == back.history
        assert assist.revision == back.revision


def test_action_prompt_round_trips_and_is_left_out_when_none() -> None:
    """An action's ``prompted_by`` is written when set, left out when None, and read back."""
    assist = make_assist("follow_up", now=NOW)
    actions = to_dict(assist)["follow_up"]["actions"]
    assert "prompted_by" not in actions[0]
    assert actions[1]["prompted_by"] == "options[0]"
    for fmt in ("json", "toml"):
        back = loads(dumps(assist, fmt), fmt)
        assert back.follow_up.actions[1].prompted_by == "options[0]"
        assert back.follow_up.actions[0].prompted_by is None


@pytest.mark.parametrize("fold", [0, 1])
def test_repeated_hour_keeps_its_offset(fold: int) -> None:
    """01:30 on the night clocks go back is written with its offset and read back the same."""
    london = zoneinfo.ZoneInfo("Europe/London")
    start = dt.datetime(2026, 10, 25, 1, 30, fold=fold, tzinfo=london)
    window = MeetingWindow(start=start, end=start.replace(hour=4, fold=0))
    data = unstructure(window)
    offset = "+01:00" if fold == 0 else "+00:00"
    assert data["start"] == f"2026-10-25T01:30:00{offset}[Europe/London]"
    back = structure(data, MeetingWindow)
    assert start.astimezone(dt.UTC) == back.start.in_tz("UTC")
    assert data == unstructure(back)


def test_stdlib_zoneinfo_times_load_as_pendulum() -> None:
    """A model built from zoneinfo datetimes writes the same text as one built from pendulum."""
    zone = zoneinfo.ZoneInfo("America/New_York")
    stdlib = MeetingWindow(
        start=dt.datetime(2026, 3, 8, 1, 0, tzinfo=zone),
        end=dt.datetime(2026, 3, 8, 3, 0, tzinfo=zone),
    )
    data = unstructure(stdlib)
    assert data == {
        "start": "2026-03-08T01:00:00-05:00[America/New_York]",
        "end": "2026-03-08T03:00:00-04:00[America/New_York]",
    }
    back = structure(data, MeetingWindow)
    assert isinstance(back.start, DateTime)
    assert stdlib == back


# -- the shape of the data -----------------------------------------------------


def test_to_dict_puts_schema_version_first_then_fields_in_order() -> None:
    """Keys are schema_version, then the assist's fields in field order
    (acknowledgements only when there are some)."""
    data = to_dict(make_assist("closed", now=NOW))
    assist = make_assist("closed", now=NOW)
    names = [
        f.name
        for f in fields(PeerAssist)
        if getattr(assist, f.name) is not None and f.name != "acknowledgements"
    ]
    assert ["schema_version", *names] == list(data)
    assert data["schema_version"] == SCHEMA_VERSION
    assert list(data["host"]["caller"])[:3] == ["name", "email", "organisation"]


def test_none_is_left_out_and_loads_as_default() -> None:
    """Fields that are None are not written, and come back as None."""
    assist = make_assist("scoping", now=NOW)
    data = to_dict(assist)
    for name in ("facilitator", "recorder", "sponsor", "profile", "visitors_chosen_by"):
        assert name not in data
    creation = data["history"][0]
    assert "source" not in creation
    back = from_dict(data)
    assert back.facilitator is None
    assert back.history[0].source is None


def test_missing_optional_keys_load_as_defaults() -> None:
    """A minimal file (id, title, caller) loads with every other field at its default."""
    data = {
        "schema_version": 1,
        "id": "pa-min",
        "title": "Minimal",
        "host": {"caller": {"name": "Priya Raman", "email": "priya@trust.example"}},
    }
    assist = from_dict(data)
    expected = PeerAssist(
        id="pa-min",
        title="Minimal",
        host=structure({"caller": data["host"]["caller"]}, type(assist.host)),
    )
    assert expected == assist
    assert assist.state == "scoping"
    assert assist.history == []


def test_values_are_written_as_text_dates_and_enum_values() -> None:
    """Times are RFC 9557 text, dates YYYY-MM-DD, enums their value."""
    data = to_dict(make_assist("closed", now=NOW))
    window = data["logistics"]["windows"][0]
    assert window["start"].endswith("[Europe/London]")
    assert data["history"][0]["at"].endswith("Z")
    assert data["follow_up"]["actions"][0]["status"] in {"open", "done", "dropped"}
    assert isinstance(data["purpose"]["decision_date"], str)
    assert data["meeting"]["feedback"][0]["kind"] == "learned"


def test_json_text_is_indented_utf8_with_a_final_newline() -> None:
    """dumps writes indented JSON, keeps non-ASCII text as is, and ends with a newline."""
    assist = make_assist("scoping", now=NOW, title="Café à la porte d'entrée")
    text = dumps(assist)
    assert text.endswith("}\n")
    assert '  "title": "Café à la porte d\'entrée",' in text
    assert json.loads(text) == to_dict(assist)


def test_toml_text_is_readable() -> None:
    """TOML has plain keys first, then sections, native dates and multi-line text."""
    assist = make_assist("closed", now=NOW)
    assist.purpose = evolve(assist.purpose, problem="First line.\nSecond line.")
    text = dumps(assist, "toml")
    lines = text.splitlines()
    assert lines[0] == "schema_version = 1"
    assert lines.index('id = "pa-ed-front-door"') < lines.index("[host]")
    assert f"decision_date = {assist.purpose.decision_date}" in lines
    assert 'problem = """' in text
    assert "[[visitors]]" in lines
    assert tomllib.loads(text)["schema_version"] == 1


def test_toml_keeps_carriage_returns() -> None:
    """Text holding CR LF comes back from TOML byte for byte."""
    assist = make_assist("scoping", now=NOW)
    assist.purpose = evolve(assist.purpose, problem="Windows text\r\nwith CR LF\rand a lone CR")
    back = loads(dumps(assist, "toml"), "toml")
    assert assist.purpose.problem == back.purpose.problem


# -- strict values ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "cls", "expected", "found"),
    [
        (42, str, "text", "the number 42"),
        ("42", int, "a whole number", "text '42'"),
        (True, int, "a whole number", "true"),
        (4.0, int, "a whole number", "the number 4.0"),
        ("true", bool, "true or false", "text 'true'"),
        (1, bool, "true or false", "the number 1"),
        (False, float, "a number", "false"),
        ("1.5", float, "a number", "text '1.5'"),
        (None, str, "text", "null"),
        ([], Date, "a date like 2027-03-01", "a list of 0 items"),
        ("done!", ActionStatus, "one of 'open', 'done', 'dropped'", "text 'done!'"),
        ("speaker", Role, "one of 'caller', 'host'", "text 'speaker'"),
    ],
)
def test_scalars_are_strict(data: object, cls: type, expected: str, found: str) -> None:
    """Values of the wrong type are refused, never converted."""
    with pytest.raises(InputError) as caught:
        structure(data, cls)
    ((path, got_expected, got_found),) = _problems(caught.value)
    assert path == ""
    assert got_expected.startswith(expected)
    assert found == got_found


def test_scalars_that_fit_are_kept() -> None:
    """Right-typed values pass; a whole number is accepted where a float is meant."""
    assert structure("x", str) == "x"
    assert structure(3, int) == 3
    assert structure(True, bool) is True
    assert structure(2, float) == 2.0
    assert ActionStatus.DONE is structure("done", ActionStatus)
    assert FeedbackKind.OPTION is structure(FeedbackKind.OPTION, FeedbackKind)


def test_durations_are_iso_8601() -> None:
    """Durations are written and read as ISO 8601 text."""
    value = duration(days=1, hours=4, minutes=30)
    assert unstructure(value) == "P1DT4H30M"
    assert value == structure("P1DT4H30M", Duration)
    with pytest.raises(InputError, match="PT45M"):
        structure("P1M", Duration)


def test_dates_accept_text_and_toml_dates_but_not_datetimes() -> None:
    """A date is YYYY-MM-DD text or a date object; a datetime is refused."""
    assert Date(2027, 3, 1) == structure("2027-03-01", Date)
    assert Date(2027, 3, 1) == structure(dt.date(2027, 3, 1), Date)
    with pytest.raises(InputError, match="a date like 2027-03-01"):
        structure(dt.datetime(2027, 3, 1, tzinfo=dt.UTC), Date)


def test_toml_utc_datetimes_are_accepted() -> None:
    """An unquoted TOML date-time in UTC loads as the UTC instant."""
    value = tomllib.loads("at = 2026-03-10T09:00:00Z")["at"]
    result = structure(value, DateTime)
    assert parse_instant("2026-03-10T09:00:00Z") == result
    assert result.timezone_name == "UTC"


@pytest.mark.parametrize(
    ("toml", "found"),
    [
        ("at = 2026-03-10T09:00:00+01:00", "a bare offset"),
        ("at = 2026-03-10T09:00:00", "no zone"),
    ],
)
def test_toml_offset_and_local_datetimes_are_refused(toml: str, found: str) -> None:
    """TOML date-times with a bare offset or no zone are refused, showing the form wanted."""
    value = tomllib.loads(toml)["at"]
    with pytest.raises(InputError) as caught:
        structure(value, DateTime)
    (problem,) = caught.value.problems
    assert found in problem.found
    assert "2026-03-10T09:00:00+00:00[Europe/London]" in problem.expected


def test_sequences_refuse_text_and_name_each_bad_item() -> None:
    """A string is not a list; bad items are named by index, every one of them."""
    with pytest.raises(InputError) as caught:
        structure("ana@x.example", tuple[Person, ...])
    assert (_problems(caught.value)) == [
        ("", "a list of a Person (a table of its fields) items", "text 'ana@x.example'")
    ]
    people_data = [
        {"name": "Ana", "email": "ana@x.example"},
        {"name": "Ben", "email": "ben"},
        {"name": 3, "email": "cat@x.example"},
    ]
    with pytest.raises(InputError) as caught:
        structure(people_data, tuple[Person, ...])
    assert type(caught.value) is InputError
    assert [p.path for p in caught.value.problems] == ["[1].email", "[2].name"]


def test_structure_and_unstructure_work_on_any_model_class() -> None:
    """The generic pair round-trips a single model value."""
    person = make_assist(now=NOW).host.caller
    data = unstructure(person)
    assert data["email"] == "priya.raman@stelsewhere.nhs.example"
    assert person == structure(data, Person)


def test_unknown_values_give_input_errors_not_type_errors() -> None:
    """Values or classes the converter does not know give an InputError."""
    with pytest.raises(InputError):
        unstructure(object())
    with pytest.raises(InputError):
        structure({"a": 1}, object)


def test_a_corrupted_history_is_reported_on_write() -> None:
    """An item appended to history behind the model's back is named, not a crash."""
    assist = make_assist(now=NOW)
    assist.history.append("not an entry")  # type: ignore[arg-type]
    with pytest.raises(InputError) as caught:
        to_dict(assist)
    assert [p.path for p in caught.value.problems] == ["history[1]"]


# -- schema_version and errors -------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "found"),
    [
        (None, "nothing: the key is missing"),
        (SCHEMA_VERSION + 1, str(SCHEMA_VERSION + 1)),
        ("1", "text '1'"),
        (True, "true"),
        (1.0, "the number 1.0"),
        (0, "0"),
    ],
)
def test_schema_version_is_checked(version: object, found: str) -> None:
    """A missing, newer, non-integer or zero schema_version is refused first."""
    data = to_dict(make_assist(now=NOW))
    if version is None:
        del data["schema_version"]
    else:
        data["schema_version"] = version
    data["title"] = 42  # not reported: the version is checked before the rest
    with pytest.raises(InputError) as caught:
        from_dict(data)
    ((path, _, got),) = _problems(caught.value)
    assert path == "schema_version"
    assert found == got


def test_every_problem_is_listed_with_its_path() -> None:
    """One error lists every problem: types, keys, missing fields and model checks."""
    data = to_dict(make_assist("scheduling", now=NOW))
    data["visitors"][2]["email"] = "not-an-email"
    data["visitors"][1]["grade"] = "42"
    data["visitors"][0]["nickname"] = "Ana"
    del data["host"]["caller"]["name"]
    data["logistics"]["windows"][0]["start"] = "2026-03-10T09:00:00"
    data["logistics"]["windows"][1]["end"] = data["logistics"]["windows"][1]["start"]
    data["title"] = 42
    with pytest.raises(InputError) as caught:
        from_dict(data)
    assert list(caught.value.paths) == [
        "title",
        "host.caller.name",
        "visitors[0].nickname",
        "visitors[1].grade",
        "visitors[2].email",
        "logistics.windows[0].start",
        "logistics.windows[1].end",
    ]


def test_a_non_mapping_is_refused() -> None:
    """from_dict names what it found when given something other than a table."""
    with pytest.raises(InputError, match="found a list of 1 item"):
        from_dict([1])  # type: ignore[arg-type]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


_CLOSED = to_dict(make_assist("closed", now=NOW))
_CLOSED_PATHS = [p for p in _paths(_CLOSED) if p and p != ("schema_version",)]


def _dotted(where: tuple[Any, ...]) -> str:
    """A place in the file as errors name it: ``visitors[2].email``."""
    text = ""
    for step in where:
        text += f"[{step}]" if isinstance(step, int) else f".{step}" if text else step
    return text


def _related(path: str, place: str) -> bool:
    """``path`` is ``place``, holds it, or is inside it."""
    return (
        any(
            longer == shorter or longer.startswith((f"{shorter}.", f"{shorter}["))
            for longer, shorter in ((path, place), (place, path))
        )
        or not path
    )


@settings(max_examples=examples(150))
@given(st.sampled_from(_CLOSED_PATHS), _JSON)
def test_any_damaged_value_gives_an_input_error_naming_it(
    where: tuple[Any, ...], junk: object
) -> None:
    """Replacing any value in a valid file with any JSON value loads, or raises
    an InputError whose problems name the damaged place (or what holds it)."""
    data = json.loads(json.dumps(_CLOSED))
    parent = data
    for step in where[:-1]:
        parent = parent[step]
    parent[where[-1]] = junk
    try:
        from_dict(data)
    except InputError as err:
        problems = err.problems
    else:
        return  # the damage was a value the model accepts
    place = _dotted(where)
    assert problems
    assert all(isinstance(p.path, str) for p in problems)
    assert any(_related(p.path, place) for p in problems), (place, [p.path for p in problems])


@settings(max_examples=150)
@given(st.text(max_size=60), st.sampled_from(["json", "toml"]))
def test_any_text_loads_or_raises_input_error(text: str, fmt: str) -> None:
    """Whatever the text, loads raises nothing but InputError."""
    with pytest.raises(InputError):
        loads(text, fmt)


# -- the bad-input corpus -------------------------------------------------------------


def test_the_corpus_is_complete() -> None:
    """Every file in bad_inputs has its expectations, and there are at least 25."""
    files = {p.name for p in BAD_INPUTS.iterdir() if p.name != "expected.toml"}
    assert files == set(EXPECTED)
    assert len(files) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_file(name: str) -> None:
    """Each bad file raises the expected error naming the file and every expected fragment."""
    expected = EXPECTED[name]
    path = BAD_INPUTS / name
    with pytest.raises(InputError) as caught:
        load(path)
    err = caught.value
    assert expected["error"] == type(err).__name__
    message = str(err)
    assert message.startswith(f"{path}: ")
    assert str(path) == err.source
    missing = [f for f in expected["fragments"] if f not in message]
    assert missing == [], message
    if "problems" in expected:
        assert expected["problems"] == len(err.problems), message


def test_a_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    """A file larger than MAX_FILE_BYTES is refused before it is parsed."""
    path = tmp_path / "huge.json"
    path.write_text('{"title": "' + "x" * MAX_FILE_BYTES + '"}', encoding="utf-8")
    with pytest.raises(FileFormatError) as caught:
        load(path)
    assert f"at most {MAX_FILE_BYTES} bytes" in str(caught.value)
    assert str(MAX_FILE_BYTES + 13) in str(caught.value)
    with pytest.raises(FileFormatError, match="1 MiB"):
        loads(path.read_text(encoding="utf-8"))


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    """Absurdly nested JSON gives a FileFormatError, not a RecursionError."""
    with pytest.raises(FileFormatError, match="nested too deeply"):
        loads("[" * 100_000 + "]" * 100_000)


def test_bytes_are_read_as_utf8() -> None:
    """loads accepts bytes (with or without a BOM) and refuses non-UTF-8 bytes."""
    text = dumps(make_assist(now=NOW))
    assert make_assist(now=NOW) == loads(b"\xef\xbb\xbf" + text.encode("utf-8"))
    with pytest.raises(FileFormatError, match="UTF-8"):
        loads(b"\xff\xfe{}")


def test_unknown_formats_are_refused() -> None:
    """dumps and loads accept only 'json' and 'toml'."""
    with pytest.raises(InputError, match="format: expected 'json' or 'toml', found 'yaml'"):
        dumps(make_assist(now=NOW), "yaml")
    with pytest.raises(InputError, match="format"):
        loads("{}", "xml")


# -- files ------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".toml", ".TOML"])
def test_dump_then_load_by_suffix(tmp_path: Path, suffix: str) -> None:
    """dump and load choose the format from the suffix and round-trip the assist."""
    assist = make_assist("feedback", now=NOW)
    path = tmp_path / f"assist{suffix}"
    dump(assist, path)
    assert assist == load(path)
    assert dumps(assist, suffix[1:].lower()) == path.read_text(encoding="utf-8")
    assert [path.name] == [p.name for p in tmp_path.iterdir()]


def test_dump_refuses_other_suffixes(tmp_path: Path) -> None:
    """dump names the file and the suffixes it knows, and writes nothing."""
    with pytest.raises(FileFormatError, match=r"\.json or \.toml"):
        dump(make_assist(now=NOW), tmp_path / "assist.yaml")
    assert list(tmp_path.iterdir()) == []


def test_dump_refuses_non_assists(tmp_path: Path) -> None:
    """dump checks what it is given before touching the disk."""
    with pytest.raises(InputError, match="a PeerAssist"):
        dump({"title": "x"}, tmp_path / "a.json")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_dump_leaves_the_target_untouched_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """If writing fails, the old file stays as it was and no temporary file is left."""
    path = tmp_path / "assist.json"
    path.write_text("old content", encoding="utf-8")

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError, match="disk full"):
        dump(make_assist(now=NOW), path)
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["assist.json"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_dump_keeps_permissions_and_follows_links(tmp_path: Path) -> None:
    """Replacing a file keeps its mode; a symbolic link keeps pointing at the new file."""
    real = tmp_path / "real.toml"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    assist = make_assist(now=NOW)
    dump(assist, link)
    assert link.is_symlink()
    assert assist == load(real)
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_load_reports_missing_files_as_os_errors(tmp_path: Path) -> None:
    """A file that does not exist is an OSError, not a format problem."""
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "nope.json")


def test_importing_does_not_import_cattrs() -> None:
    """cattrs (the slowest import) loads on first use, not on import."""
    code = (
        "import sys, peerassist.serialize as s; a = 'cattrs' in sys.modules;"
        " s.unstructure(s.SCHEMA_VERSION); print(a, 'cattrs' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False True"


@given(people())
def test_people_round_trip_alone(person: Person) -> None:
    """A single generated person round-trips through the generic pair."""
    assert person == structure(unstructure(person), Person)


def test_audit_entry_without_source_loads() -> None:
    """A creation entry written without its (None) source loads with source None."""
    entry = structure(
        {"event": "create", "dest": "scoping", "at": "2026-02-01T10:00:00Z"}, AuditEntry
    )
    assert entry.source is None


def test_text_that_is_not_utf8_never_reaches_a_file() -> None:
    """A lone surrogate is refused by the model, so no file can hold one."""
    with pytest.raises(InputError, match="title: expected text without control characters"):
        make_assist(now=NOW, title="Broken \ud800 title")


def test_a_file_may_name_its_json_schema() -> None:
    """A `$schema` text at the top is for editors: it loads, is ignored, and is not written."""
    assist = make_assist("research")
    data = {"$schema": "https://example.org/peerassist.schema.json", **to_dict(assist)}
    assert assist == from_dict(data)
    assert "$schema" not in to_dict(from_dict(data))


def test_a_schema_address_that_is_not_text_is_refused() -> None:
    """`$schema` must be text; anything else is bad input at that key."""
    data = {"$schema": ["not", "text"], **to_dict(make_assist("research"))}
    with pytest.raises(InputError) as caught:
        from_dict(data)
    assert [
        Problem("$schema", "text: the address of the file's JSON Schema", "a list of 2 items")
    ] == list(caught.value.problems)
