"""``peerassist overlap FILE``: the shared window or the least-bad candidates, per person."""

from __future__ import annotations

import io
import json
from pathlib import Path

from peerassist.cli import main
from peerassist.cli._output import Output

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CLINIC = EXAMPLES / "address-clinic.toml"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), output=Output(out, err))
    return code, out.getvalue(), err.getvalue()


def test_the_clinic_shares_three_hours_on_its_day() -> None:
    """London, Paris, Johannesburg and New York share 13:00-16:00 GMT on 20 January 2027."""
    code, out, _ = run("overlap", str(CLINIC))
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == (
        "Shared working hours (08:00-18:00 local, at least 60 min): Wed 2027-01-20 13:00-16:00 GMT"
    )
    assert "  Wed 08:00-11:00 EST  America/New_York (Rachel Kim, Diego Alvarez)" in lines


def test_a_longer_meeting_gets_the_three_least_bad_starts() -> None:
    """Four hours do not fit: three candidates, each with every zone's local time."""
    code, out, _ = run("overlap", str(CLINIC), "--length", "240")
    assert code == 0
    assert "No 240 min window lies in everyone's working hours" in out
    assert "1. Wed 2027-01-20 12:30-16:30 GMT: 120 min outside working hours in total," in out
    assert "  Wed 07:30-11:30 EST, 30 min outside  America/New_York" in out
    assert out.count("min outside working hours in total") == 3


def test_json_output_and_bad_options() -> None:
    """--format json is machine-readable; a bad --on or --days exits 2 naming it."""
    code, out, _ = run("overlap", str(CLINIC), "--format", "json", "--on", "2027-01-21")
    assert code == 0
    data = json.loads(out)
    assert data["shared"] == {
        "start": "2027-01-21T13:00:00+00:00",
        "end": "2027-01-21T16:00:00+00:00",
    }
    assert data["candidates"] == []
    code, _, err = run("overlap", str(CLINIC), "--on", "someday")
    assert code == 2
    assert "--on" in err
    code, _, err = run("overlap", str(CLINIC), "--days", "0")
    assert code == 2
    assert "--days: expected a number of days from 1 to 31" in err
