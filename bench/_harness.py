"""Shared timing helpers for the benchmarks under ``bench/``.

Every benchmark measures peerassist and a baseline in the same run, on the
same machine, and reports the ratio: absolute times vary between machines,
ratios much less.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """One benchmark line: ours against a baseline measured in the same run."""

    name: str
    ours: float
    baseline: float
    baseline_name: str
    unit: str = "op"
    target: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("inf")

    def line(self) -> str:
        verdict = ""
        if self.target is not None:
            met = "met" if self.ratio <= self.target else "MISSED"
            verdict = f" (target <= {self.target:g}: {met})"
        extra = f"; {self.note}" if self.note else ""
        return (
            f"{self.name}: {_fmt(self.ours)} per {self.unit} vs {self.baseline_name}"
            f" {_fmt(self.baseline)}, ratio {self.ratio:.2f}{verdict}{extra}"
        )


def _fmt(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} us"


def best_per_call(fn: Callable[[], object], *, number: int, repeat: int = 5) -> float:
    """Return the best time per call of ``fn`` over ``repeat`` rounds of ``number`` calls."""
    best = float("inf")
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            for _ in range(number):
                fn()
            best = min(best, (time.perf_counter() - start) / number)
    finally:
        if gc_was_enabled:
            gc.enable()
    return best
