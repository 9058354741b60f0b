"""The quarter splitter: where the four parts of the meeting begin and end (M17).

The time left for the quarters is a list of free segments (the windows
minus the fixed blocks and the pauses). A cut is a point on that free time,
counted in seconds from its start; three cuts make four quarters. The
splitter keeps every cut on the step grid, keeps the quarters within the
tolerance of each other (one step by default), and among the cuts that do so
prefers those that fall on a natural break (a pause, the end of a day).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

__all__ = ["split_quarters"]


def _candidates(
    ideal: float, step: int, total: int, naturals: Sequence[int], reach: int
) -> set[int]:
    base = int(ideal // step) * step
    found = {base + k * step for k in (-1, 0, 1, 2)}
    found.update(n for n in naturals if abs(n - ideal) <= reach)
    return {c for c in found if 0 < c < total}


def split_quarters(lengths: Sequence[int], *, step: int, tolerance: int) -> tuple[int, int, int]:
    """Choose the three quarter boundaries on the free time.

    Args:
        lengths: the free segments' lengths in seconds, in time order; each
            a multiple of ``step`` when clock changes shift by whole steps.
        step: the grid, in seconds.
        tolerance: how much the longest quarter may exceed the shortest, in
            seconds (at least ``step``).

    Returns:
        The cuts, in seconds of free time from its start, strictly increasing.
        When no choice keeps the quarters within ``tolerance`` (possible only
        when a clock change shifts by less than a step), the most even one.

    Raises:
        ValueError: when the free time is shorter than four steps.
    """
    total = sum(lengths)
    if total < 4 * step:
        raise ValueError(f"{total} s of free time cannot hold four quarters of {step} s")
    naturals: list[int] = []
    running = 0
    for length in lengths[:-1]:
        running += length
        naturals.append(running)
    natural_set = set(naturals)
    quarter = total / 4
    options = [
        sorted(_candidates(quarter * i, step, total, naturals, tolerance)) for i in (1, 2, 3)
    ]
    best: tuple[tuple[float, ...], tuple[int, int, int]] | None = None
    for c1, c2, c3 in itertools.product(*options):
        if not 0 < c1 < c2 < c3 < total:
            continue
        parts = (c1, c2 - c1, c3 - c2, total - c3)
        spread = max(parts) - min(parts)
        within = spread <= tolerance
        natural = (c1 in natural_set) + (c2 in natural_set) + (c3 in natural_set)
        deviation = sum(abs(p - quarter) for p in parts)
        # Within tolerance first; then most natural boundaries; then the most
        # even split; then the earliest cuts, so the choice is deterministic.
        score = (
            0.0 if within else 1.0,
            -float(natural) if within else float(spread),
            deviation,
            float(spread),
        )
        key = (score, (c1, c2, c3))
        if best is None or key < best:
            best = key
    assert best is not None  # the balanced cuts are always candidates
    return best[1]
