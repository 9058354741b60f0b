"""The layout search finds what trying every grid position would find."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from peerassist.agenda._solve import DayPlan, solve

STEP = 300


def _gaps_ok(points: list[int], edges: set[int], min_piece: int) -> bool:
    for low, high in itertools.pairwise(points):
        if high > low and not (low in edges and high in edges) and high - low < min_piece:
            return False
    return True


def reference(
    days: list[DayPlan], tolerance: int, min_piece: int
) -> tuple[int, int, int, int] | None:
    """Every cut triple and every pause position on the grid, ranked plainly.

    Returns the best (spread, -aligned, deviation, distance), or None.
    """
    works = [free - sum(p[0] for p in pauses) for free, pauses in days]
    total = sum(works)
    starts = list(itertools.accumulate([0, *works[:-1]]))
    best = None
    grid = range(STEP, total, STEP)
    for cuts in itertools.combinations(grid, 3):
        quarters = (cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], total - cuts[2])
        spread = max(quarters) - min(quarters)
        if spread > tolerance:
            continue
        deviation = sum(abs(4 * q - total) for q in quarters)
        aligned = sum(1 for c in cuts if c in starts[1:])
        distance = 0
        for (_free, pauses), start, work in zip(days, starts, works, strict=True):
            local = [c - start for c in cuts if start <= c <= start + work]
            edges = (
                set(local)
                | ({0} if start == 0 else set())
                | ({work} if start + work == total else set())
            )
            ranges = []
            before = 0
            for length, earliest, latest, _pref, fixed in pauses:
                lo, hi = earliest - before, latest - before
                lo, hi = (
                    (max(lo, 0), min(hi, work)) if fixed else (max(lo, STEP), min(hi, work - STEP))
                )
                ranges.append(range(lo, hi + 1, STEP))
                before += length
            day_best = None
            for points in itertools.product(*ranges):
                if any(b <= a for a, b in itertools.pairwise(points)):
                    continue
                marks = sorted({0, work, *local, *points})
                if not _gaps_ok(marks, edges, min_piece):
                    continue
                on_cut = sum(1 for p in points if p in local)
                before = 0
                away = 0
                for (length, _e, _l, pref, _f), point in zip(pauses, points, strict=True):
                    away += abs(point - (pref - before))
                    before += length
                key = (-on_cut, away)
                if day_best is None or key < day_best:
                    day_best = key
            if day_best is None:
                break
            aligned -= day_best[0]
            distance += day_best[1]
        else:
            key = (-(-(spread) // STEP), -aligned, deviation, distance)
            if best is None or key < best:
                best = key
    return best


def _pause(free: int) -> st.SearchStrategy[tuple[int, int, int, int, bool]]:
    return st.tuples(
        st.integers(1, 3).map(lambda n: n * STEP),
        st.integers(0, free // STEP).map(lambda n: n * STEP),
        st.integers(0, free // STEP).map(lambda n: n * STEP),
        st.integers(0, free // STEP).map(lambda n: n * STEP),
    ).map(lambda t: (t[0], min(t[1], t[2]), max(t[1], t[2]), t[3], False))


days = st.lists(
    st.integers(8, 24)
    .map(lambda n: n * STEP)
    .flatmap(
        lambda free: st.tuples(
            st.just(free),
            st.lists(_pause(free), max_size=2).map(
                lambda ps: tuple(sorted(ps, key=lambda p: (p[1], p[3])))
            ),
        )
    ),
    min_size=1,
    max_size=2,
)


@given(days, st.integers(0, 2).map(lambda n: n * STEP), st.integers(1, 4).map(lambda n: n * STEP))
def test_the_search_matches_trying_every_position(
    plans: list[DayPlan], tolerance: int, min_piece: int
) -> None:
    """The solver's layout ranks as well as the best of every grid layout, or both find none."""
    expected = reference(plans, tolerance, min_piece)
    found = solve(plans, step=STEP, tolerance=tolerance, min_piece=min_piece)
    if expected is None:
        assert found is None
        return
    assert found is not None
    cuts, positions = found
    works = [free - sum(p[0] for p in pauses) for free, pauses in plans]
    total = sum(works)
    quarters = (cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], total - cuts[2])
    spread = max(quarters) - min(quarters)
    assert -(-spread // STEP) == expected[0]
    assert sum(abs(4 * q - total) for q in quarters) == expected[2]
    assert len(positions) == len(plans)


def test_unequal_weights_give_each_quarter_its_share() -> None:
    """Six hours with weights (2, 1, 1, 2) make quarters of 2 h, 1 h, 1 h and
    2 h; with (3, 1, 1, 1), 3 h then three of 1 h (cuts in seconds)."""
    assert solve([(21600, ())], step=900, tolerance=0, min_piece=900, weights=(2, 1, 1, 2)) == (
        (7200, 10800, 14400),
        ((),),
    )
    assert solve([(21600, ())], step=900, tolerance=0, min_piece=900, weights=(3, 1, 1, 1)) == (
        (10800, 14400, 18000),
        ((),),
    )


def test_a_day_filled_by_its_pause_leaves_the_quarters_to_the_others() -> None:
    """A day whose one hour of free time is all a fixed pause has no work
    time; the plan still holds: four quarters of 1 h on the 4 h day, the
    pause at the first day's work point 0."""
    filled: DayPlan = (3600, ((3600, 0, 0, None, True),))
    assert solve([filled, (14400, ())], step=900, tolerance=0, min_piece=900) == (
        (3600, 7200, 10800),
        ((0,), ()),
    )
