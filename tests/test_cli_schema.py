"""``peerassist schema``: the file format's JSON Schema, whole or one section."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from peerassist.cli import main
from peerassist.cli._output import Output
from peerassist.schema import json_schema


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), output=Output(out, err))
    return code, out.getvalue(), err.getvalue()


def test_schema_prints_the_whole_schema() -> None:
    """The command prints the schema as JSON, exit 0, nothing on stderr."""
    code, out, err = run("schema")
    assert (0, "") == (code, err)
    assert json_schema() == json.loads(out)
    assert out.startswith('{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n')


def test_schema_section() -> None:
    """--section prints one section's schema, for a form."""
    code, out, _ = run("schema", "--section", "logistics")
    assert 0 == code
    printed = json.loads(out)
    assert "Logistics" == printed["title"]
    assert ["Briefing", "MeetingWindow", "Recording", "SocialTime"] == list(printed["$defs"])


def test_unknown_section_is_bad_input() -> None:
    """An unknown section exits 2 with the known names, and prints no schema."""
    code, out, err = run("schema", "--section", "budget")
    assert (2, "") == (code, out)
    assert err.startswith("peerassist schema: --section: expected one of title, host, id,")
    assert err.rstrip().endswith("found 'budget'")


def test_schema_from_the_console() -> None:
    """python -m peerassist schema writes UTF-8 JSON that parses to the schema."""
    result = subprocess.run(
        [sys.executable, "-m", "peerassist", "schema"], capture_output=True, check=True
    )
    assert json_schema() == json.loads(result.stdout.decode("utf-8"))
