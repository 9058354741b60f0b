"""Where the quarters and the movable pauses go (M17): the layout search.

The meeting's quarter time is counted in "work" seconds: the day windows
minus the fixed blocks and the pauses, end to end. Three cuts on that time
make the four quarters; each pause sits at a point of its day's work time,
somewhere in its allowed window. A layout is acceptable when:

* every pause lies inside its window, strictly between the day's opening
  blocks and its closing blocks (a fixed block may touch them);
* no piece of a quarter is shorter than ``min_piece`` unless it is the whole
  quarter (a piece ends at a pause, a day's end or a quarter boundary);
* the longest quarter exceeds the shortest by at most the tolerance.

The search tries the tightest spread first (0, then one step, two...) up to
the tolerance; at the first spread that admits a layout it keeps the one
with the most quarter boundaries on a pause or a day's end, then the most
even quarters, then the pauses nearest their preferred times (where one is
given), then the most evenly spaced pauses (the least summed square of the
stretches of quarter time between them).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence

__all__ = ["DayPlan", "MovablePause", "Solution", "clear_cache", "solve"]


MovablePause = tuple[int, int, int, int | None, bool]
"""A pause on one day: (length, earliest start, latest start, preferred start
or None, fixed), in seconds from the day's first free second (after its
opening blocks)."""

DayPlan = tuple[int, tuple[MovablePause, ...]]
"""One day: its free seconds (between its opening and closing blocks) and its
pauses, in time order."""

Solution = tuple[tuple[int, int, int], tuple[tuple[int, ...], ...]]
"""The three cuts in work seconds from the meeting's start, and each day's
pauses as work points: the seconds of that day's work time before each."""


def clear_cache() -> None:
    """Forget the cached layouts (results never depend on them)."""
    _solve.cache_clear()
    _place_day.cache_clear()


def solve(
    days: Sequence[DayPlan],
    *,
    step: int,
    tolerance: int,
    min_piece: int,
    weights: tuple[int, int, int, int] = (1, 1, 1, 1),
) -> Solution | None:
    """Find the best layout, or None when none keeps every constraint.

    Args:
        days: each day's free seconds and pauses (see :data:`DayPlan`).
        step: the grid, in seconds.
        tolerance: the largest spread allowed between quarters, in seconds.
        min_piece: the shortest piece of a split quarter, in seconds.
        weights: the quarters' intended shares of the time (equal by
            default); the spread is then measured from each one's share.
    """
    return _solve(tuple(days), step, tolerance, min_piece, weights)


@functools.lru_cache(maxsize=256)
def _solve(
    days: tuple[DayPlan, ...],
    step: int,
    tolerance: int,
    min_piece: int,
    weights: tuple[int, int, int, int],
) -> Solution | None:
    works = [free - sum(p[0] for p in pauses) for free, pauses in days]
    if any(w < 0 for w in works):
        return None
    total = sum(works)
    if total < 4 * step:
        return None
    starts = []
    running = 0
    for w in works:
        starts.append(running)
        running += w
    day_edges = set(starts[1:])
    spread = 0
    while spread <= tolerance:
        best: tuple[tuple[int, int, int, int], Solution] | None = None
        for cuts, deviation in _cuts(total, step, spread, weights, spread - step):
            placed = []
            aligned = sum(1 for c in cuts if c in day_edges)
            distance = 0
            squares = 0
            for (_free, pauses), start, work in zip(days, starts, works, strict=True):
                local = tuple(c - start for c in cuts if start <= c <= start + work)
                edges = frozenset(
                    (
                        *local,
                        *((0,) if start == 0 else ()),
                        *((work,) if start + work == total else ()),
                    )
                )
                found = _place_day(work, pauses, local, edges, step, min_piece)
                if found is None:
                    break
                positions, on_cut, away, spread_out = found
                placed.append(positions)
                aligned += on_cut
                distance += away
                squares += spread_out
            else:
                key = (-aligned, deviation, distance, squares)
                if best is None or key < best[0]:
                    best = (key, (cuts, tuple(placed)))
        if best is not None:
            return best[1]
        spread += step
    return None


def _cuts(
    total: int, step: int, spread: int, weights: tuple[int, int, int, int], tried: int = -1
) -> list[tuple[tuple[int, int, int], int]]:
    """Every cut triple on the grid whose quarters differ by at most ``spread``.

    Each quarter is measured from its share of the total (``weights``): with
    ``d = q * sum(weights) - total * weight``, the d's of the four quarters
    may differ by at most ``spread * sum(weights)``. With equal weights that
    is the longest quarter exceeding the shortest by at most ``spread``.
    Triples within ``tried`` (the spread of an earlier, tighter pass) are
    left out: they were tried already. Ranked by evenness (the summed
    ``|d|``), earliest first on ties.
    """
    whole = sum(weights)
    limit = spread * whole
    floor = tried * whole
    ranges = []
    for weight in weights[:3]:
        target = total * weight / whole
        low = max(step, int((target - spread) // step) * step)
        ranges.append(range(low, int(target + spread) + 1, step))
    found = []
    w1, w2, w3, w4 = weights
    for q1 in ranges[0]:
        d1 = q1 * whole - total * w1
        for q2 in ranges[1]:
            d2 = q2 * whole - total * w2
            for q3 in ranges[2]:
                q4 = total - q1 - q2 - q3
                if q4 <= 0:
                    continue
                d3 = q3 * whole - total * w3
                d4 = q4 * whole - total * w4
                width = max(d1, d2, d3, d4) - min(d1, d2, d3, d4)
                if width > limit or width <= floor:
                    continue
                deviation = abs(d1) + abs(d2) + abs(d3) + abs(d4)
                found.append(((q1, q1 + q2, q1 + q2 + q3), deviation))
    found.sort(key=lambda item: (item[1], item[0]))
    return found


def _gaps_ok(
    low: int, high: int, cuts: tuple[int, ...], edges: frozenset[int], min_piece: int
) -> bool:
    """Tell whether the work time from ``low`` to ``high`` leaves no sliver."""
    previous = low
    for cut in cuts:
        if low < cut < high:
            if not (previous in edges and cut in edges) and cut - previous < min_piece:
                return False
            previous = cut
    gap = high - previous
    if gap == 0:
        return True
    return (previous in edges and high in edges) or gap >= min_piece


_State = tuple[int, int, int, tuple[int, ...]]
"""A partial day: (minus the pauses on a cut, distance, squares, points so far)."""


@functools.lru_cache(maxsize=2048)
def _place_day(
    work: int,
    pauses: tuple[MovablePause, ...],
    cuts: tuple[int, ...],
    edges: frozenset[int],
    step: int,
    min_piece: int,
) -> tuple[tuple[int, ...], int, int, int] | None:
    """Place one day's pauses: their work points, how many sit on a cut, the
    distance from the preferred times, and the summed square of the stretches.

    A pause's work point is how much of the day's work time comes before it.
    """
    if not pauses:
        if not _gaps_ok(0, work, cuts, edges, min_piece):
            return None
        return (), 0, 0, (work // 60) ** 2
    # Each pause's range of work points: its window shifted by the pauses before it.
    ranges = []
    before = 0
    for length, earliest, latest, _pref, fixed in pauses:
        lo, hi = earliest - before, latest - before
        if fixed:
            lo, hi = max(lo, 0), min(hi, work)
        else:
            lo, hi = max(lo, step), min(hi, work - step)
        if lo > hi:
            return None
        ranges.append((lo, hi))
        before += length
    points = _candidates(pauses, ranges, cuts, work, min_piece, step)
    cut_set = set(cuts)
    # Dynamic programme over the pauses in order: state = the previous point;
    # cost = (minus the pauses on a cut, distance, squares), in minutes.
    states: dict[int, _State] = {0: (0, 0, 0, ())}
    before = 0
    for index, (length, _e, _l, pref, _fixed) in enumerate(pauses):
        following: dict[int, _State] = {}
        for point in points[index]:
            best: _State | None = None
            away = 0 if pref is None else abs(point - (pref - before)) // 60
            for previous, (on_cut, distance, squares, chosen) in states.items():
                if index and point <= previous:
                    continue
                if not _gaps_ok(previous, point, cuts, edges, min_piece):
                    continue
                candidate = (
                    on_cut - (point in cut_set),
                    distance + away,
                    squares + ((point - previous) // 60) ** 2,
                    chosen,
                )
                if best is None or candidate[:3] < best[:3]:
                    best = candidate
            if best is not None:
                following[point] = (best[0], best[1], best[2], (*best[3], point))
        if not following:
            return None
        states = following
        before += length
    result: _State | None = None
    for previous, (on_cut, distance, squares, chosen) in states.items():
        if not _gaps_ok(previous, work, cuts, edges, min_piece):
            continue
        state = (on_cut, distance, squares + ((work - previous) // 60) ** 2, chosen)
        if result is None or state[:3] < result[:3]:
            result = state
    if result is None:
        return None
    return result[3], -result[0], result[1], result[2]


def _candidates(
    pauses: tuple[MovablePause, ...],
    ranges: list[tuple[int, int]],
    cuts: tuple[int, ...],
    work: int,
    min_piece: int,
    step: int,
) -> list[list[int]]:
    """The work points worth trying for each pause.

    A best layout can always be moved, pause by pause, onto a point where a
    constraint holds it: its window's ends, its preferred time, a cut, or
    ``min_piece`` away from a cut, the day's edges or a neighbouring pause.
    For even spacing, the points that split the day (or the stretch between
    two cuts) evenly are tried too.
    """
    anchors = sorted({0, work, *cuts})
    near = set(anchors)
    for a in anchors:
        near.add(a + min_piece)
        near.add(a - min_piece)
    for low, high in itertools.combinations(anchors, 2):
        middle = (low + high) // 2 // step * step
        near.update((middle, middle + step))
    count = len(pauses)
    for index in range(count):
        even = work * (index + 1) // (count + 1) // step * step
        near.update((even, even + step))
    found: list[set[int]] = []
    before = 0
    for (length, _e, _l, pref, _fixed), (lo, hi) in zip(pauses, ranges, strict=True):
        points = {lo, hi}
        if pref is not None:
            points.add(min(max(pref - before, lo), hi))
        points.update(n for n in near if lo <= n <= hi)
        found.append(points)
        before += length
    # Chains: min_piece after the previous pause's points, before the next one's.
    for index in range(1, len(found)):
        lo, hi = ranges[index]
        found[index].update(p + min_piece for p in found[index - 1] if lo <= p + min_piece <= hi)
    for index in range(len(found) - 2, -1, -1):
        lo, hi = ranges[index]
        found[index].update(p - min_piece for p in found[index + 1] if lo <= p - min_piece <= hi)
    return [sorted(points) for points in found]
