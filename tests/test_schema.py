"""The JSON Schema of the file format: generated from the model, checked with jsonschema."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import re
import subprocess
import sys
import tomllib
import types
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerassist import model
from peerassist._attrs import fields, frozen, has
from peerassist._time import UTC, Date, DateTime, Duration, parse_duration, parse_instant
from peerassist.exceptions import InputError, Problem
from peerassist.model import DEFAULT_GROUND_RULES, PeerAssist, Person, Purpose
from peerassist.model._check import Checker
from peerassist.schema import DIALECT, json_schema, schema_text, section_names
from peerassist.schema._build import DURATION_PATTERN, INSTANT_PATTERN, Builder
from peerassist.serialize import from_dict, to_dict
from peerassist.testing import STATES, make_assist
from strategies import assists

ROOT = Path(__file__).resolve().parents[1]
BAD_INPUTS = ROOT / "tests" / "bad_inputs"
EXPECTED = tomllib.loads((BAD_INPUTS / "expected.toml").read_text(encoding="utf-8"))
SHIPPED = ROOT / "docs" / "_static" / "peerassist.schema.json"
NOW = DateTime(2026, 11, 2, 9, tzinfo=UTC)


def validator(schema: dict[str, Any] | None = None) -> jsonschema.Draft202012Validator:
    """A validator that also checks formats (so 2027-02-30 is not a date)."""
    if schema is None:
        return _whole_validator()
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@functools.cache
def _whole_validator() -> jsonschema.Draft202012Validator:
    return validator(json_schema())


@functools.cache
def _definition(name: str) -> jsonschema.Draft202012Validator:
    """A validator for one definition of the whole schema (built once)."""
    defs = json_schema()["$defs"]
    return validator({"$defs": defs, **defs[name]})


def as_json(value: Any) -> Any:
    """TOML data as a TOML-aware editor checks it: dates and times as their text."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def read(path: Path) -> Any:
    raw = path.read_bytes()
    return as_json(tomllib.loads(raw.decode())) if path.suffix == ".toml" else json.loads(raw)


def errors(
    data: Any, schema: dict[str, Any] | jsonschema.Draft202012Validator | None = None
) -> list[str]:
    check = schema if isinstance(schema, jsonschema.Draft202012Validator) else validator(schema)
    return [e.message for e in check.iter_errors(data)]


# -- the schema itself -------------------------------------------------------------


def test_schema_is_valid_draft_2020_12() -> None:
    """The schema passes the 2020-12 meta-schema and names its dialect."""
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert "https://json-schema.org/draft/2020-12/schema" == schema["$schema"] == DIALECT


# The fields a file held when this was written; fields added to the model later
# (optional, with defaults) may come between them.
KNOWN_FIELDS = [
    "title",
    "host",
    "id",
    "visitors",
    "visitors_chosen_by",
    "facilitator",
    "recorder",
    "sponsor",
    "profile",
    "purpose",
    "research",
    "logistics",
    "meeting",
    "follow_up",
    "state",
    "revision",
    "history",
]


def _in_order(known: list[str], found: list[str]) -> bool:
    """Tell whether ``known`` appears in ``found`` in the same order (others may be between)."""
    rest = iter(found)
    return all(name in rest for name in known)


def test_top_level_keys_and_required() -> None:
    """The file's keys are $schema, schema_version, then the assist's fields; four are required."""
    schema = json_schema()
    keys = list(schema["properties"])
    assert ["$schema", "schema_version", "title", "host", "id"] == keys[:5]
    assert _in_order(KNOWN_FIELDS, keys)
    assert [a.name for a in fields(PeerAssist)] == keys[2:]
    assert ["schema_version", "title", "host", "id"] == schema["required"]
    assert {"type": "integer", "minimum": 1, "maximum": 1} == {
        k: v for k, v in schema["properties"]["schema_version"].items() if k != "description"
    }


def _model_classes() -> dict[str, type]:
    """Every attrs class and enum reachable from PeerAssist's fields (found by the test)."""
    found: dict[str, type] = {}

    def visit(kind: Any) -> None:
        for arg in typing.get_args(kind):
            visit(arg)
        if isinstance(kind, type) and (has(kind) or issubclass(kind, enum.Enum)):
            if kind.__name__ in found:
                return
            found[kind.__name__] = kind
            if has(kind):
                for hint in typing.get_type_hints(kind).values():
                    visit(hint)

    visit(PeerAssist)
    return found


def _json_type(kind: Any) -> set[str]:
    """The JSON types a value of this Python type is written as (a hand-written table)."""
    table = {str: "string", int: "integer", bool: "boolean", float: "number"}
    table |= {DateTime: "string", Date: "string", Duration: "string"}
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        return set().union(*(_json_type(a) for a in typing.get_args(kind)))
    if kind is type(None):
        return {"null"}
    if typing.get_origin(kind) in (tuple, list):
        return {"array"}
    if has(kind):
        return {"object"}
    if isinstance(kind, type) and issubclass(kind, enum.StrEnum):
        return {"string"}
    return {table[kind]}


def _schema_types(schema: dict[str, Any], defs: dict[str, Any]) -> set[str]:
    if "$ref" in schema:
        return _schema_types(defs[schema["$ref"].rsplit("/", 1)[1]], defs)
    if "anyOf" in schema:
        return set().union(*(_schema_types(s, defs) for s in schema["anyOf"]))
    return {schema["type"]}


def test_every_field_of_every_model_class_is_in_the_schema_with_its_type() -> None:
    """Each attrs class holds a definition with each field, typed as its values are written."""
    schema = json_schema()
    defs = schema["$defs"]
    classes = _model_classes()
    assert len(classes) >= 29
    assert set(classes) - {"PeerAssist"} == set(defs)
    for name, cls in classes.items():
        if issubclass(cls, enum.Enum):
            assert [m.value for m in cls] == defs[name]["enum"]
            continue
        props = schema["properties"] if cls is PeerAssist else defs[name]["properties"]
        hints = typing.get_type_hints(cls)
        own = [p for p in props if p not in ("$schema", "schema_version")]
        assert [a.name for a in fields(cls)] == own
        for attribute in fields(cls):
            expected = _json_type(hints[attribute.name])
            assert expected == _schema_types(props[attribute.name], defs), (name, attribute.name)


def test_model_classes_in_the_public_model_all_have_a_definition() -> None:
    """Every attrs class peerassist.model exports is described (PeerAssist is the root)."""
    exported = {n for n in model.__all__ if has(getattr(model, n))}
    assert exported - {"PeerAssist"} <= set(json_schema()["$defs"])


def test_no_table_allows_other_keys() -> None:
    """The loader refuses unknown keys everywhere, so every table says so."""
    schema = json_schema()
    assert schema["additionalProperties"] is False
    tables = [d for d in schema["$defs"].values() if d.get("type") == "object"]
    attrs_classes = [c for c in _model_classes().values() if has(c)]
    assert len(tables) == len(attrs_classes) - 1 >= 26
    assert all(d["additionalProperties"] is False for d in tables)


def test_required_keys_match_the_loader() -> None:
    """Keys without a default are required, except those that may be None."""
    defs = json_schema()["$defs"]
    assert ["name", "email"] == defs["Person"]["required"]
    assert ["caller"] == defs["HostTeam"]["required"]
    assert ["start", "end"] == defs["MeetingWindow"]["required"]
    assert ["event", "dest", "at"] == defs["AuditEntry"]["required"]
    assert ["title", "owner", "due"] == defs["ActionItem"]["required"]
    assert "required" not in defs["Purpose"]


def test_text_fields_carry_what_the_model_refuses() -> None:
    """Probing the model finds non-empty single lines, free text, emails and zones."""
    defs = json_schema()["$defs"]
    person = defs["Person"]["properties"]
    assert 1 == person["name"]["minLength"]
    assert r"^(?=[\s\S]*\S)[^\x00-\x08\x0a-\x1f\x7f-\x9f]*(?![\s\S])" == person["name"]["pattern"]
    assert r"^[^\x00-\x08\x0a-\x1f\x7f-\x9f]*(?![\s\S])" == person["organisation"]["pattern"]
    assert "minLength" not in person["organisation"]
    assert "email" == person["email"]["format"]
    assert r"^[^@\s]+@[^@\s]+\.[^@\s]+(?![\s\S])" == person["email"]["pattern"]
    assert {"type": "string", "pattern": r"^[A-Za-z][A-Za-z0-9_+\-/]*(?![\s\S])"} == (
        person["timezone"]["anyOf"][0]
    )
    assert (
        r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*(?![\s\S])"
        == defs["Purpose"]["properties"]["problem"]["pattern"]
    )
    outcomes = defs["Purpose"]["properties"]["outcomes"]["items"]
    assert 1 == outcomes["minLength"]


def test_numbers_carry_their_minimum() -> None:
    """revision cannot go below 0; a grade has no lower bound."""
    schema = json_schema()
    assert 0 == schema["properties"]["revision"]["minimum"]
    grade = schema["$defs"]["Person"]["properties"]["grade"]["anyOf"][0]
    assert {"type": "integer"} == grade


def test_id_and_state_use_the_model_patterns() -> None:
    """id and state follow the model's own alphabets, written for JSON Schema."""
    props = json_schema()["properties"]
    assert r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(?![\s\S])" == props["id"]["pattern"]
    assert r"^[a-z][a-z0-9_]{0,63}(?![\s\S])" == props["state"]["pattern"]


def test_descriptions_and_method_refs_come_from_the_docstrings() -> None:
    """A field's description is its docstring line; ranges of method items are spelled out."""
    schema = json_schema()
    visitors = schema["properties"]["visitors"]
    assert (
        "The visiting team: peers from other units or organisations (M09-M12)."
        == visitors["description"]
    )
    assert ["M09", "M10", "M11", "M12"] == visitors["x-method-refs"]
    person = schema["$defs"]["Person"]
    assert (
        "Someone taking part: a value, compared and deduplicated by email."
        == (person["description"])
    )
    due = schema["$defs"]["ActionItem"]["properties"]["due"]
    assert due["description"].startswith("When it is due. A date, YYYY-MM-DD")
    assert ["M22", "X07", "M20", "M21"] == schema["$defs"]["ActionItem"]["x-method-refs"]


def test_defaults_are_written_as_in_a_file() -> None:
    """Defaults appear as the file writes them; a fresh random id has none."""
    schema = json_schema()
    assert "default" not in schema["properties"]["id"]
    assert "scoping" == schema["properties"]["state"]["default"]
    assert [] == schema["properties"]["history"]["default"]
    logistics = schema["$defs"]["Logistics"]["properties"]
    assert list(DEFAULT_GROUND_RULES) == logistics["ground_rules"]["default"]
    assert "learned" == schema["$defs"]["FeedbackItem"]["properties"]["kind"]["default"]
    assert ["options", "insights"] == schema["$defs"]["Purpose"]["properties"]["deliverables"][
        "default"
    ]


def test_a_json_file_may_name_its_schema() -> None:
    """`$schema` is allowed at the top (text), so a JSON file can point editors at the schema."""
    data = {"$schema": "./peerassist.schema.json", **to_dict(make_assist("scoping", now=NOW))}
    assert [] == errors(data)
    assert ["3 is not of type 'string'"] == errors({**data, "$schema": 3})
    assert {"type": "string"} == {
        k: v for k, v in json_schema()["properties"]["$schema"].items() if k != "description"
    }


def test_json_schema_returns_a_fresh_copy() -> None:
    """Changing the returned schema does not change the next one."""
    first = json_schema()
    first["properties"].clear()
    assert "title" in json_schema()["properties"]


def _patterns(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return own + [p for v in node.values() for p in _patterns(v)]
    if isinstance(node, list):
        return [p for v in node for p in _patterns(v)]
    return []


def test_patterns_are_portable() -> None:
    """Patterns avoid Python-only syntax (\\Z, \\A, named groups), so editors can use them."""
    patterns = set(_patterns(json_schema()))
    assert len(patterns) >= 10
    for pattern in patterns:
        assert not any(python_only in pattern for python_only in ("\\Z", "\\A", "(?P<"))
        re.compile(pattern)


# -- what validates and what does not -----------------------------------------------


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "examples").glob("*.toml")) + sorted((ROOT / "examples").glob("*.json")),
    ids=lambda p: p.name,
)
def test_every_shipped_example_validates(path: Path) -> None:
    """The examples load and validate against the schema."""
    assert [] == errors(read(path))


@pytest.mark.parametrize("state", [*STATES, "cancelled"])
def test_every_make_assist_state_validates(state: str) -> None:
    """A realistic assist in every state validates."""
    assert [] == errors(to_dict(make_assist(state, now=NOW)))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assists())
def test_to_dict_of_any_assist_validates(assist: PeerAssist) -> None:
    """The schema is never stricter than the model: whatever to_dict writes validates."""
    assert [] == errors(to_dict(assist))


# Bad inputs the schema cannot refuse, and why.
BEYOND_A_SCHEMA = {
    "caller_also_member.json": "the same person twice (emails compared ignoring case)",
    "duplicate_people.toml": "the same person twice (emails compared ignoring case)",
    "duplicate_visitors.json": "the same person twice (emails compared ignoring case)",
    "end_before_start.json": "a cross-field rule: end after start",
    "overlapping_windows.json": "a cross-field rule: each window after the previous one",
    "skipped_wall_time.json": "the time zone database: a wall time skipped at a clock change",
    "repeated_wall_time.json": "the time zone database: a wall time that occurs twice",
    "wrong_offset_for_zone.json": "the time zone database: the zone's offset at that time",
    "unknown_zone.json": "the time zone database: which zone names exist",
    "unknown_person_zone.json": "the time zone database: which zone names exist",
}

# Files refused as text (not JSON or TOML, not UTF-8, empty, a key twice, NaN) are the
# parser's job, before any schema: only those refused as data are judged here.
JUDGED = sorted(name for name, expected in EXPECTED.items() if expected["error"] == "InputError")


@pytest.mark.parametrize("name", JUDGED)
def test_bad_input_corpus(name: str) -> None:
    """Every bad file the schema can judge fails it, unless a schema cannot express why."""
    data = read(BAD_INPUTS / name)
    with pytest.raises(InputError):
        from_dict(data)
    if name in BEYOND_A_SCHEMA:
        assert [] == errors(data), "the schema now refuses it: remove it from BEYOND_A_SCHEMA"
    else:
        assert [] != errors(data)


def test_the_exceptions_are_few() -> None:
    """Most of the corpus is caught by the schema; the rest is listed with a reason."""
    assert len(JUDGED) >= 43
    assert len(BEYOND_A_SCHEMA) == 10
    assert set(BEYOND_A_SCHEMA) <= set(JUDGED)


def test_formats_matter_for_a_real_date() -> None:
    """2027-02-30 has a date's shape: only a validator checking formats refuses it."""
    data = read(BAD_INPUTS / "bad_date.json")
    plain = jsonschema.Draft202012Validator(json_schema())
    assert [] == list(plain.iter_errors(data))
    assert [] != errors(data)


@pytest.mark.parametrize(
    ("text", "loads"),
    [
        ("2026-03-10T09:00:00+00:00[Europe/London]", True),
        ("2026-03-10T09:00[Europe/London]", True),
        ("2026-03-10T09:00:00.250Z", True),
        ("2026-03-10 09:00:00Z", True),
        ("2026-03-10T09:00:00+01:00", False),
        ("2026-03-10T09:00:00", False),
        ("2026-03-10", False),
        ("09:00 [Europe/London]", False),
    ],
)
def test_instant_pattern_agrees_with_the_parser(text: str, loads: bool) -> None:
    """Instants the parser reads match the pattern; the shapes it refuses do not."""
    assert loads == bool(re.search(INSTANT_PATTERN, text))
    if loads:
        parse_instant(text)
    else:
        with pytest.raises(InputError):
            parse_instant(text)


@pytest.mark.parametrize(
    ("text", "loads"),
    [
        ("PT45M", True),
        ("P1DT4H", True),
        ("P2D", True),
        ("PT0S", True),
        ("P1DT4H30M15S", True),
        ("P", False),
        ("PT", False),
        ("P1DT", False),
        ("P1M", False),
        ("PT1.5H", False),
        ("45 minutes", False),
    ],
)
def test_duration_pattern_agrees_with_the_parser(text: str, loads: bool) -> None:
    """Durations are written as ISO 8601 days to seconds, as the parser reads them."""
    assert loads == bool(re.search(DURATION_PATTERN, text))
    if loads:
        parse_duration(text)
    else:
        with pytest.raises(InputError):
            parse_duration(text)


# -- sections -----------------------------------------------------------------------


def test_section_names_are_the_top_level_fields() -> None:
    """Each top-level field of an assist is a section, in file order."""
    names = section_names()
    assert ("title", "host", "id", "visitors") == names[:4]
    assert _in_order(KNOWN_FIELDS, list(names))
    assert tuple(a.name for a in fields(PeerAssist)) == names


def test_a_table_section_is_its_class_with_only_what_it_needs() -> None:
    """purpose's schema is Purpose's, standalone, with Readiness as its only definition."""
    schema = json_schema(section="purpose")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert "Purpose" == schema["title"]
    assert ["Readiness"] == list(schema["$defs"])
    assert False is schema["additionalProperties"]
    purpose = to_dict(make_assist("research", now=NOW))["purpose"]
    assert [] == errors(purpose, schema)
    assert ["1 is not of type 'string'"] == errors({**purpose, "problem": 1}, schema)
    assert ["Additional properties are not allowed ('colour' was unexpected)"] == errors(
        {**purpose, "colour": "red"}, schema
    )


def test_a_list_section() -> None:
    """visitors' schema is a list of Person, with Person defined alongside."""
    schema = json_schema(section="visitors")
    assert "array" == schema["type"]
    assert {"$ref": "#/$defs/Person"} == schema["items"]
    assert ["Person"] == list(schema["$defs"])
    visitors = to_dict(make_assist("research", now=NOW))["visitors"]
    assert [] == errors(visitors, schema)
    assert [] != errors([{"name": "Ana"}], schema)


def test_logistics_section_brings_its_nested_tables() -> None:
    """logistics needs its windows, recording, briefing and social time defined."""
    schema = json_schema(section="logistics")
    assert ["Briefing", "MeetingWindow", "Recording", "SocialTime"] == list(schema["$defs"])
    assert [] == errors(to_dict(make_assist("quarter_1", now=NOW))["logistics"], schema)


def test_a_plain_section_has_a_title() -> None:
    """A section holding one value (title) is that value's schema, titled by its name."""
    schema = json_schema(section="title")
    assert "title" == schema["title"]
    assert "string" == schema["type"]
    assert "$defs" not in schema


def test_an_unknown_section_is_bad_input() -> None:
    """Asking for a section that does not exist names the known ones."""
    with pytest.raises(InputError) as caught:
        json_schema(section="budget")
    assert ("section",) == caught.value.paths
    assert "'budget'" == caught.value.problems[0].found
    assert caught.value.problems[0].expected.startswith("one of title, host, id, visitors")


# -- fields added later ---------------------------------------------------------------


@frozen(kw_only=True)
class _Extra:
    """A class the model might grow, to show new fields need no change to the schema code.

    Attributes:
        label: a required single line (M08).
        length: how long.
        days: the days it happens on.
        weights: named numbers.
    """

    label: str
    length: Duration | None = None
    days: tuple[Date, ...] = ()
    weights: dict[str, float] = {}  # noqa: RUF012 - frozen, never changed

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("label", required=True)
        c.done()


def test_a_new_class_is_described_from_its_fields_and_checks() -> None:
    """Types, probes and docstrings of a class the walker has never seen all come through."""
    builder = Builder()
    assert {"$ref": "#/$defs/_Extra"} == builder.type(_Extra)
    extra = builder.defs["_Extra"]
    assert ["label"] == extra["required"]
    props = extra["properties"]
    assert 1 == props["label"]["minLength"]
    assert ["M08"] == props["label"]["x-method-refs"]
    assert "null" == props["length"]["anyOf"][1]["type"]
    assert DURATION_PATTERN == props["length"]["anyOf"][0]["pattern"]
    assert "date" == props["days"]["items"]["format"]
    assert {"type": "number"} == props["weights"]["additionalProperties"]


# -- the file shipped with the docs ---------------------------------------------------


def test_shipped_schema_file_is_the_generated_schema() -> None:
    """docs/_static/peerassist.schema.json is exactly what `peerassist schema` prints."""
    assert schema_text() == SHIPPED.read_text(encoding="utf-8")


def test_generating_the_schema_needs_no_jsonschema() -> None:
    """jsonschema is for tests only: the library builds the schema without it."""
    code = (
        "import sys; sys.modules['jsonschema'] = None\n"
        "from peerassist.schema import json_schema\n"
        "print(len(json_schema()['$defs']))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (f"{len(json_schema()['$defs'])}\n", 0) == (result.stdout, result.returncode)


@frozen(kw_only=True)
class _Loose:
    """Checks that differ from the model's usual ones, to show each is read as it is.

    Attributes:
        code: refuses only the empty text (blanks pass).
        line: refuses line breaks, but not other control characters.
        fragile: its check crashes instead of refusing.
    """

    code: str = "x"
    line: str = ""
    fragile: str = ""

    def __attrs_post_init__(self) -> None:
        problems = []
        if self.code == "":
            problems.append(Problem("code", "text", "an empty string"))
        if "\n" in self.line or "\r" in self.line:
            problems.append(Problem("line", "a single line", repr(self.line)))
        if self.fragile and self.fragile[0] == "\x01":
            raise TypeError("a bug, not a refusal")
        if problems:
            raise InputError(problems)


def test_probes_say_no_more_than_the_model_refuses() -> None:
    """An empty-only check gives minLength alone; a crash is not taken for a refusal."""
    builder = Builder()
    builder.type(_Loose)
    props = builder.defs["_Loose"]["properties"]
    assert {"type": "string", "minLength": 1} == {
        k: v for k, v in props["code"].items() if k in ("type", "minLength", "pattern")
    }
    assert r"^[^\r\n]*(?![\s\S])" == props["line"]["pattern"]
    assert "pattern" not in props["fragile"]
    assert [] == errors(
        {"code": "  ", "line": "a\x01b"}, {"$defs": builder.defs, **builder.defs["_Loose"]}
    )


# -- the schema and the loader agree -------------------------------------------------

_ANY_TEXT = st.text(
    st.characters(codec="utf-8") | st.sampled_from(" \t\n\r\x01\x0b\x7f\x85\x9b\u00a0\u2028"),
    max_size=12,
)


def _model_accepts(build: Any) -> bool:
    try:
        build()
    except InputError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT)
def test_a_name_validates_exactly_when_the_model_accepts_it(text: str) -> None:
    """For a required single line, the schema and the model agree on every text."""
    accepted = _model_accepts(lambda: Person(name=text, email="ana@example.org"))
    found = errors({"name": text, "email": "ana@example.org"}, _definition("Person"))
    assert accepted == (found == [])


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT)
def test_free_text_validates_exactly_when_the_model_accepts_it(text: str) -> None:
    """For free text (lines allowed), the schema and the model agree on every text."""
    accepted = _model_accepts(lambda: Purpose(problem=text))
    assert accepted == (errors({"problem": text}, _definition("Purpose")) == [])


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT | st.emails())
def test_an_address_the_model_accepts_validates(text: str) -> None:
    """The email pattern is looser than the model's check, never stricter."""
    if _model_accepts(lambda: Person(name="Ana", email=text)):
        assert [] == errors({"name": "Ana", "email": text}, _definition("Person"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assists(), st.data())
def test_an_unknown_key_anywhere_fails_both(assist: PeerAssist, data: st.DataObject) -> None:
    """Adding a key to any table of a valid file makes both the loader and the schema refuse it."""
    document = to_dict(assist)
    tables: list[dict[str, Any]] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            tables.append(node)
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(document)
    table = data.draw(st.sampled_from(tables))
    table["zz_unknown"] = 1
    with pytest.raises(InputError):
        from_dict(document)
    assert [] != errors(document)


def test_enum_values_carry_their_meaning_for_editors() -> None:
    """Docstrings under enum members become VS Code's and Taplo's value descriptions."""
    feedback = json_schema()["$defs"]["FeedbackKind"]
    meanings = [
        "What we have learned.",
        "An option we see.",
        "What has worked elsewhere: a story, not a prescription.",
    ]
    assert ["learned", "option", "worked_elsewhere"] == feedback["enum"]
    assert meanings == feedback["enumDescriptions"]
    assert {"docs": {"enumValues": meanings}} == feedback["x-taplo"]
    assert "enumDescriptions" not in json_schema()["$defs"]["ActionStatus"]
