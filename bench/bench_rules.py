"""Validating a closed assist with the whole catalogue, against from_dict of its dict.

Three figures: every rule run (nothing reused); the same assist validated
again, unchanged (every rule's findings reused); and after one section is
replaced by a new value (the purpose: the rules reading it run again, the
others' findings are reused).
"""

from __future__ import annotations

import copy
import gc
import time

import peerassist
from _harness import Result, best_per_call
from peerassist._time import DateTime
from peerassist.rules import DEFAULT_RULES, clear_cache, validate
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
    repeat = 5

    def fresh() -> object:
        return validate(assist, now=now, cache=False)

    def again() -> object:
        return validate(assist, now=now)

    def baseline() -> object:
        return from_dict(data)

    assert validate(assist, now=now).findings == ()
    assert baseline() == assist
    from_dict_time = best_per_call(baseline, number=number)

    # A new purpose value for every call, made beforehand.
    purposes = [copy.deepcopy(assist.purpose) for _ in range(number * repeat)]
    clear_cache()
    validate(assist, now=now)
    changed = float("inf")
    gc.disable()
    try:
        for round_ in range(repeat):
            batch = purposes[round_ * number : (round_ + 1) * number]
            start = time.perf_counter()
            for purpose in batch:
                assist.purpose = purpose
                validate(assist, now=now)
            changed = min(changed, (time.perf_counter() - start) / number)
    finally:
        gc.enable()

    name = f"rules: validate a closed assist ({len(DEFAULT_RULES)} rules)"
    return [
        Result(
            name=f"{name}, every rule run",
            ours=best_per_call(fresh, number=number, repeat=repeat),
            baseline=from_dict_time,
            baseline_name="from_dict of its dict",
            unit="assist",
        ),
        Result(
            name=f"{name} again, unchanged (findings reused)",
            ours=best_per_call(again, number=number, repeat=repeat),
            baseline=from_dict_time,
            baseline_name="from_dict of its dict",
            unit="assist",
        ),
        Result(
            name=f"{name} after a new purpose value (its readers run again)",
            ours=changed,
            baseline=from_dict_time,
            baseline_name="from_dict of its dict",
            unit="assist",
            note="the assignment's own check included",
        ),
    ]
