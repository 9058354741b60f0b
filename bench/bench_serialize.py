"""JSON round trip of a complete assist, against json.dumps/loads of the same dict."""

from __future__ import annotations

import json

from _harness import Result, best_per_call

import peerassist
from peerassist.testing import make_assist
from peerassist._time import DateTime


def run(quick: bool) -> list[Result]:
    now = DateTime.create(2026, 11, 2, 12, tz="UTC")
    assist = make_assist("closed", now=now)
    data = peerassist.to_dict(assist)
    number = 20 if quick else 300

    def ours() -> object:
        return peerassist.from_dict(json.loads(json.dumps(peerassist.to_dict(assist))))

    def baseline() -> object:
        return json.loads(json.dumps(data))

    assert ours() == assist
    return [
        Result(
            name="serialize: JSON round trip of a closed assist",
            ours=best_per_call(ours, number=number),
            baseline=best_per_call(baseline, number=number * 10),
            baseline_name="json.dumps+loads of its dict",
            unit="assist",
        )
    ]
