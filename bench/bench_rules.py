"""Validating a closed assist with the whole catalogue, against from_dict of its dict."""

from __future__ import annotations

import peerassist
from _harness import Result, best_per_call
from peerassist._time import DateTime
from peerassist.rules import DEFAULT_RULES, validate
from peerassist.testing import make_assist

try:
    from_dict = peerassist.from_dict  # type: ignore[attr-defined]
    to_dict = peerassist.to_dict  # type: ignore[attr-defined]
except AttributeError:  # before the front door re-exports them
    from peerassist.serialize import from_dict, to_dict


def run(quick: bool) -> list[Result]:
    now = DateTime.create(2026, 11, 2, 12, tz="UTC")
    assist = make_assist("closed", now=now)
    data = to_dict(assist)
    number = 20 if quick else 300

    def ours() -> object:
        return validate(assist, now=now)

    def baseline() -> object:
        return from_dict(data)

    assert validate(assist, now=now).findings == ()
    assert baseline() == assist
    return [
        Result(
            name=f"rules: validate a closed assist ({len(DEFAULT_RULES)} rules)",
            ours=best_per_call(ours, number=number),
            baseline=best_per_call(baseline, number=number),
            baseline_name="from_dict of its dict",
            unit="assist",
        )
    ]
