"""The quarter splitter: where the four parts of the meeting begin and end (M17).

The time left for the quarters is a list of free segments (the windows
minus the fixed blocks and the pauses). A cut is a point on that free time,
counted in seconds from its start; three cuts make four quarters. The
splitter keeps every cut on the step grid, keeps the quarters within the
tolerance of each other (one step by default), and among the cuts that do so
prefers those that fall on a natural break (a pause, the end of a day).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

__all__ = ["clear_cache", "split_quarters"]


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
    return _best_cuts(tuple(lengths), step, tolerance)


def clear_cache() -> None:
    """Forget the cached splits (results never depend on them)."""
    _best_cuts.cache_clear()


@functools.lru_cache(maxsize=512)
def _best_cuts(lengths: tuple[int, ...], step: int, tolerance: int) -> tuple[int, int, int]:
    # Pure and small: cached, since the same shapes of day recur.
    total = sum(lengths)
    naturals: list[int] = []
    running = 0
    for length in lengths[:-1]:
        running += length
        naturals.append(running)
    natural_set = set(naturals)
    quarter = total / 4
    first, second, third = (
        sorted(_candidates(quarter * i, step, total, naturals, tolerance)) for i in (1, 2, 3)
    )
    # Every choice is ranked by (within tolerance first; then most natural
    # boundaries; then the most even split, as the summed distance of the
    # parts from a quarter; then the smallest spread), ties going to the
    # earliest cuts. Distances are kept four times over, in whole numbers:
    # |4p - total| is exactly 4 * |p - total/4|. Choices come in increasing
    # order of (c1, c2, c3), so only a strictly better rank replaces the best.
    lasts = [(c3, total - c3, abs(3 * total - 4 * c3), c3 in natural_set) for c3 in third]
    big = 4 * total + 1  # above any spread, deviation or count
    best = (2, big, big, big)  # (outside tolerance, natural or spread, deviation, spread)
    cuts = (0, 0, 0)
    for c1 in first:
        n1 = c1 in natural_set
        d1 = abs(4 * c1 - total)
        for c2 in second:
            if c2 <= c1:
                continue
            p2 = c2 - c1
            n12 = n1 + (c2 in natural_set)
            d12 = d1 + abs(4 * p2 - total)
            hi12, lo12 = (c1, p2) if c1 > p2 else (p2, c1)
            for c3, p4, d4, n3 in lasts:
                if c3 <= c2:
                    continue
                p3 = c3 - c2
                hi = hi12 if hi12 > p3 else p3
                if p4 > hi:
                    hi = p4
                lo = lo12 if lo12 < p3 else p3
                if p4 < lo:
                    lo = p4
                spread = hi - lo
                if spread <= tolerance:
                    key = (0, -(n12 + n3), d12 + abs(4 * p3 - total) + d4, spread)
                elif best[0] == 0:
                    continue  # cannot beat a choice within tolerance
                else:
                    key = (1, spread, d12 + abs(4 * p3 - total) + d4, spread)
                if key < best:
                    best, cuts = key, (c1, c2, c3)
    assert best[0] < 2  # the balanced cuts are always candidates
    return cuts
