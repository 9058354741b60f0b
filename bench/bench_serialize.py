"""Round trips of a complete assist, against the json module on the same dict."""

from __future__ import annotations

import json

from _harness import Result, best_per_call
from peerassist._time import DateTime
from peerassist.serialize import dumps, from_dict, loads, to_dict
from peerassist.testing import make_assist


def run(quick: bool) -> list[Result]:
    now = DateTime.create(2026, 11, 2, 12, tz="UTC")
    assist = make_assist("closed", now=now)
    data = to_dict(assist)
    number = 20 if quick else 300

    def json_round_trip() -> object:
        return from_dict(json.loads(json.dumps(to_dict(assist))))

    def toml_round_trip() -> object:
        return loads(dumps(assist, "toml"), "toml")

    def baseline() -> object:
        return json.loads(json.dumps(data))

    assert json_round_trip() == assist
    assert toml_round_trip() == assist
    base = best_per_call(baseline, number=number * 10)
    return [
        Result(
            name="serialize: JSON round trip of a closed assist",
            ours=best_per_call(json_round_trip, number=number),
            baseline=base,
            baseline_name="json.dumps+loads of its dict",
            unit="assist",
        ),
        Result(
            name="serialize: TOML text round trip of a closed assist",
            ours=best_per_call(toml_round_trip, number=number),
            baseline=base,
            baseline_name="json.dumps+loads of its dict",
            unit="assist",
        ),
    ]
