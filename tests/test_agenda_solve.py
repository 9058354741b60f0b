"""The layout search finds what trying every grid position would find."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from peerassist.agenda import _solve
from peerassist.agenda._solve import DayPlan, MovablePause, clear_cache, solve
from profiles import examples

STEP = 300

Weights = tuple[int, int, int, int]


def _gaps_ok(points: list[int], edges: set[int], min_piece: int) -> bool:
    for low, high in itertools.pairwise(points):
        if high > low and not (low in edges and high in edges) and high - low < min_piece:
            return False
    return True


def _ranges(pauses: tuple[MovablePause, ...], work: int) -> list[tuple[int, int]]:
    """Each pause's lowest and highest work point: its window less the pauses
    before it, a fixed one inside the day, a movable one a step from its ends."""
    ranges = []
    before = 0
    for length, earliest, latest, _pref, fixed in pauses:
        lo, hi = earliest - before, latest - before
        lo, hi = (max(lo, 0), min(hi, work)) if fixed else (max(lo, STEP), min(hi, work - STEP))
        ranges.append((lo, hi))
        before += length
    return ranges


def _costs(pauses: tuple[MovablePause, ...], points: tuple[int, ...], work: int) -> tuple[int, int]:
    """One day's distance from the preferred times (seconds) and summed square
    of the stretches between its pauses (whole minutes)."""
    away = 0
    before = 0
    for (length, _e, _l, pref, _f), point in zip(pauses, points, strict=True):
        if pref is not None:
            away += abs(point - (pref - before))
        before += length
    marks = [0, *points, work]
    return away, sum(((b - a) // 60) ** 2 for a, b in itertools.pairwise(marks))


def _triple(cuts: tuple[int, ...], total: int, weights: Weights) -> tuple[int, int]:
    """A cut triple's pass (its spread in steps, rounded up) and its deviation."""
    whole = sum(weights)
    quarters = (cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], total - cuts[2])
    ds = [q * whole - total * w for q, w in zip(quarters, weights, strict=True)]
    width = max(ds) - min(ds)
    return -(-width // (whole * STEP)), sum(abs(d) for d in ds)


def reference(
    days: list[DayPlan], tolerance: int, min_piece: int, weights: Weights
) -> tuple[int, int, int, int, int] | None:
    """Every cut triple and every pause position on the grid, ranked plainly.

    Returns the best (pass, -aligned, deviation, distance, squares), or None.
    """
    works = [free - sum(p[0] for p in pauses) for free, pauses in days]
    total = sum(works)
    starts = list(itertools.accumulate([0, *works[:-1]]))
    best = None
    for cuts in itertools.combinations(range(STEP, total, STEP), 3):
        passes, deviation = _triple(cuts, total, weights)
        if passes * STEP > tolerance:
            continue
        aligned = sum(1 for c in cuts if c in starts[1:])
        distance = 0
        squares = 0
        for (_free, pauses), start, work in zip(days, starts, works, strict=True):
            local = [c - start for c in cuts if start <= c <= start + work]
            edges = (
                set(local)
                | ({0} if start == 0 else set())
                | ({work} if start + work == total else set())
            )
            day_best = None
            grids = [range(lo, hi + 1, STEP) for lo, hi in _ranges(pauses, work)]
            for points in itertools.product(*grids):
                if any(b <= a for a, b in itertools.pairwise(points)):
                    continue
                if not _gaps_ok(sorted({0, work, *local, *points}), edges, min_piece):
                    continue
                on_cut = sum(1 for p in points if p in local)
                key = (-on_cut, *_costs(pauses, points, work))
                if day_best is None or key < day_best:
                    day_best = key
            if day_best is None:
                break
            aligned -= day_best[0]
            distance += day_best[1]
            squares += day_best[2]
        else:
            key = (passes, -aligned, deviation, distance, squares)
            if best is None or key < best:
                best = key
    return best


def rank(
    days: list[DayPlan],
    found: tuple[tuple[int, int, int], tuple[tuple[int, ...], ...]],
    min_piece: int,
    weights: Weights,
) -> tuple[int, int, int, int, int]:
    """Check that a layout keeps every constraint, and rank it as ``reference`` does."""
    works = [free - sum(p[0] for p in pauses) for free, pauses in days]
    total = sum(works)
    starts = list(itertools.accumulate([0, *works[:-1]]))
    cuts, positions = found
    assert 0 < cuts[0] < cuts[1] < cuts[2] < total
    assert len(positions) == len(days)
    passes, deviation = _triple(cuts, total, weights)
    aligned = sum(1 for c in cuts if c in starts[1:])
    distance = 0
    squares = 0
    for (_free, pauses), start, work, points in zip(days, starts, works, positions, strict=True):
        local = [c - start for c in cuts if start <= c <= start + work]
        edges = (
            set(local)
            | ({0} if start == 0 else set())
            | ({work} if start + work == total else set())
        )
        assert len(points) == len(pauses)
        assert all(lo <= p <= hi for (lo, hi), p in zip(_ranges(pauses, work), points, strict=True))
        assert all(a < b for a, b in itertools.pairwise(points))
        assert _gaps_ok(sorted({0, work, *local, *points}), edges, min_piece)
        aligned += sum(1 for p in points if p in local)
        away, stretches = _costs(pauses, points, work)
        distance += away
        squares += stretches
    return passes, -aligned, deviation, distance, squares


def _pause(free: int) -> st.SearchStrategy[MovablePause]:
    """A movable pause (a window, maybe a preferred start) or a fixed one."""
    point = st.integers(0, free // STEP).map(lambda n: n * STEP)
    movable = st.tuples(
        st.integers(1, 3).map(lambda n: n * STEP), point, point, st.none() | point
    ).map(lambda t: (t[0], min(t[1], t[2]), max(t[1], t[2]), t[3], False))
    fixed = st.tuples(st.integers(1, 3).map(lambda n: n * STEP), point).map(
        lambda t: (t[0], t[1], t[1], t[1], True)
    )
    return movable | fixed


days = st.lists(
    st.integers(8, 24)
    .map(lambda n: n * STEP)
    .flatmap(
        lambda free: st.tuples(
            st.just(free),
            st.lists(_pause(free), max_size=2).map(
                lambda ps: tuple(sorted(ps, key=lambda p: (p[1], p[1] + p[2])))
            ),
        )
    ),
    min_size=1,
    max_size=2,
)

weights = st.just((1, 1, 1, 1)) | st.tuples(*[st.integers(1, 3)] * 4)


@settings(max_examples=examples(200))
@given(
    days,
    st.integers(0, 2).map(lambda n: n * STEP),
    st.integers(1, 4).map(lambda n: n * STEP),
    weights,
)
def test_the_search_matches_trying_every_position(
    plans: list[DayPlan], tolerance: int, min_piece: int, shares: Weights
) -> None:
    """The solver's layout keeps every constraint and ranks as well as the best
    of every grid layout (spread, boundaries on a day's end or a pause,
    evenness, distance from the preferred times), or both find none."""
    expected = reference(plans, tolerance, min_piece, shares)
    found = solve(plans, step=STEP, tolerance=tolerance, min_piece=min_piece, weights=shares)
    if expected is None:
        assert found is None
        return
    assert found is not None
    # Even spacing is a tie-break searched among chosen points only: not compared.
    assert rank(plans, found, min_piece, shares)[:4] == expected[:4]


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


def test_four_steps_of_work_are_the_least_that_makes_four_quarters() -> None:
    """One hour of work on a 15-minute grid makes four quarters of 15 min;
    50 minutes is less than four steps: no layout, even with a tolerance that
    would let a 5-minute quarter in."""
    assert solve([(3600, ())], step=900, tolerance=0, min_piece=900) == (
        (900, 1800, 2700),
        ((),),
    )
    assert solve([(3000, ())], step=900, tolerance=900, min_piece=300) is None


def test_clear_cache_forgets_every_layout() -> None:
    """After a search the layouts and the day placements are cached;
    clear_cache() empties both caches."""
    solve([(7200, ())], step=900, tolerance=0, min_piece=900)
    assert _solve._solve.cache_info().currsize > 0
    assert _solve._place_day.cache_info().currsize > 0
    clear_cache()
    assert _solve._solve.cache_info().currsize == 0
    assert _solve._place_day.cache_info().currsize == 0


def test_a_pause_free_to_move_takes_the_cut_that_spaces_the_day_evenly() -> None:
    """A 30-minute pause that may go anywhere in a day of 4 h of work sits on
    a quarter boundary, the middle one (2 h either side) rather than the first
    or the third (1 h and 3 h)."""
    free_day: DayPlan = (16200, ((1800, 0, 16200, None, False),))
    assert solve([free_day], step=900, tolerance=0, min_piece=900) == (
        (3600, 7200, 10800),
        ((7200,),),
    )


def test_equally_even_cut_triples_are_told_apart_by_the_pauses_spacing() -> None:
    """4 h 5 min of work on a 5-minute grid: each of the four triples with one
    quarter of 65 min and three of 60 min is as even as the others. A pause
    that must start by 1 h 10 min sits on the first cut; with the first
    quarter the long one it splits the day 65 / 180 min, the most even, so
    that triple wins over the earlier ones (60 / 185 min)."""
    early_pause: DayPlan = (16500, ((1800, 0, 4200, None, False),))
    assert solve([early_pause], step=300, tolerance=300, min_piece=900) == (
        (3900, 7500, 11100),
        ((3900,),),
    )


def test_pauses_between_the_cuts_split_the_day_in_equal_stretches() -> None:
    """Two 15-minute pauses that may not touch a quarter boundary (the first
    between 1 h 5 min and 1 h 55 min of work, the second between 2 h 5 min
    and 2 h 55 min) split 4 h of work into three stretches of 80 min, at
    1 h 20 min and 2 h 40 min of work."""
    day: DayPlan = (16200, ((900, 3900, 6900, None, False), (900, 8400, 11400, None, False)))
    assert solve([day], step=300, tolerance=0, min_piece=900) == (
        (3600, 7200, 10800),
        ((4800, 9600),),
    )


def test_a_pause_on_a_cut_counts_as_much_as_a_cut_at_a_day_end() -> None:
    """4 h 5 min of work over two days (65 min, then 3 h): of the four equally
    even triples, the one cutting at the first day's end and the two putting
    the second day's fixed-window pause on a cut each have one boundary on a
    natural break; the tie goes to the earliest triple, 60 min per quarter
    up to the pause."""
    days: list[DayPlan] = [(3900, ()), (11700, ((900, 3300, 3300, None, False),))]
    assert solve(days, step=300, tolerance=300, min_piece=300) == (
        (3600, 7200, 10800),
        ((), (3300,)),
    )


def test_a_cut_at_a_days_end_is_an_edge_of_both_days() -> None:
    """One hour of work on a 5-minute grid, 45 min on the first day and 15 min
    on the second, with min_piece 10 min: four quarters of 15 min, the last
    one the whole second day. The third cut, at the first day's end, lets
    both the first day's last piece and the second day's only one be shorter
    than min_piece."""
    assert solve([(900, ()), (300, ())], step=300, tolerance=0, min_piece=600) == (
        (300, 600, 900),
        ((), ()),
    )


def test_equally_even_triples_are_told_apart_by_the_preferred_times() -> None:
    """4 h 5 min of work on a 5-minute grid, a 30-minute pause preferred at
    1 h of work: the triples with a first quarter of 60 min put it on that
    cut, at its preferred time, and win over the one whose first quarter is
    65 min (5 min away), though that one spaces the day more evenly."""
    day: DayPlan = (16500, ((1800, 0, 14700, 3600, False),))
    assert solve([day], step=300, tolerance=300, min_piece=900) == (
        (3600, 7200, 10800),
        ((3600,),),
    )


def test_a_piece_of_exactly_min_piece_is_long_enough() -> None:
    """4 h of work cut into hours, a fixed pause at 45 min of work, min_piece
    15 min: the piece from the pause to the first cut is exactly 15 min, and
    the layout holds."""
    day: DayPlan = (15300, ((900, 2700, 2700, 2700, True),))
    assert solve([day], step=300, tolerance=0, min_piece=900) == (
        (3600, 7200, 10800),
        ((2700,),),
    )


def test_on_a_one_second_grid_four_seconds_make_four_quarters() -> None:
    """The solver counts in whatever unit its step is given: four seconds on
    a one-second grid are four quarters of one second."""
    assert solve([(4, ())], step=1, tolerance=0, min_piece=1) == ((1, 2, 3), ((),))


def test_a_wide_tolerance_never_leaves_a_quarter_empty() -> None:
    """With weights (1, 2, 3, 1), a tolerance of 20 min and a fixed pause at
    25 min of 40 min of work, the layout found gives every quarter some
    time: the last cut comes before the end of the work."""
    day: DayPlan = (3300, ((900, 1500, 1500, 1500, True),))
    found = solve([day], step=300, tolerance=1200, min_piece=900, weights=(1, 2, 3, 1))
    assert found is not None
    (first, second, third), positions = found
    assert 0 < first < second < third < 2400
    assert positions == ((1500,),)


def test_a_minute_from_the_preferred_time_outweighs_even_spacing() -> None:
    """On a one-minute grid, a pause preferred at 89 min of 4 h of work, with
    no cut in its window, starts there, though a minute later would space the
    day more evenly."""
    day: DayPlan = (15300, ((900, 4800, 6000, 5340, False),))
    assert solve([day], step=60, tolerance=0, min_piece=900) == (
        (3600, 7200, 10800),
        ((5340,),),
    )


def test_a_pause_kept_from_its_preferred_time_stops_min_piece_from_the_cut() -> None:
    """4 h of work cut into hours, min_piece 15 min, a pause allowed between
    65 and 115 min of work: preferred at 65 min it would leave a 5-minute
    piece after the first cut, so it goes to 75 min, 15 min after it;
    preferred at 115 min, to 105 min, 15 min before the second cut."""
    after: DayPlan = (15300, ((900, 3900, 6900, 3900, False),))
    before: DayPlan = (15300, ((900, 3900, 6900, 6900, False),))
    assert solve([after], step=300, tolerance=0, min_piece=900) == (
        (3600, 7200, 10800),
        ((4500,),),
    )
    assert solve([before], step=300, tolerance=0, min_piece=900) == (
        (3600, 7200, 10800),
        ((6300,),),
    )


def test_every_cut_and_pause_of_a_crowded_layout_is_on_the_grid() -> None:
    """Three days, the last with three pauses close together, weights
    (3, 1, 1, 1): every cut and every pause's work point is a whole number
    of 5-minute steps."""
    crowded: DayPlan = (
        3900,
        (
            (300, 300, 1500, 300, False),
            (300, 900, 1500, 2400, False),
            (900, 2700, 3900, 1200, False),
        ),
    )
    found = solve(
        [(4500, ()), (2400, ()), crowded],
        step=300,
        tolerance=900,
        min_piece=300,
        weights=(3, 1, 1, 1),
    )
    assert found is not None
    cuts, positions = found
    assert all(c % 300 == 0 for c in cuts)
    assert all(p % 300 == 0 for day in positions for p in day)


def test_a_later_pause_keeps_its_preferred_time_after_a_fixed_one() -> None:
    """As above, after a 15-minute fixed pause at 30 min of work: the second
    pause, preferred at 1 h 44 min of the day's free time, that is 89 min of
    work, starts there."""
    day: DayPlan = (16200, ((900, 1800, 1800, 1800, True), (900, 5700, 6900, 6240, False)))
    assert solve([day], step=60, tolerance=0, min_piece=900) == (
        (3600, 7200, 10800),
        ((1800, 5340),),
    )


def test_a_pause_next_to_a_fixed_one_keeps_min_piece_between_them() -> None:
    """4 h of work cut into hours, min_piece 15 min, on a one-minute grid.
    After a fixed pause at 25 min of work, a pause preferred at 26 min goes
    to 40 min, 15 min after it. Before a fixed pause at 2 h 40 min of work, a
    pause preferred at 2 h 30 min goes to 2 h 25 min, 15 min before it."""
    after: DayPlan = (16200, ((900, 1500, 1500, 1500, True), (900, 2460, 3900, 2460, False)))
    before: DayPlan = (16200, ((900, 8100, 9000, 9000, False), (900, 10500, 10500, 10500, True)))
    assert solve([after], step=60, tolerance=0, min_piece=900) == (
        (3600, 7200, 10800),
        ((1500, 2400),),
    )
    assert solve([before], step=60, tolerance=0, min_piece=900) == (
        (3600, 7200, 10800),
        ((8700, 9600),),
    )


def test_with_three_pauses_each_one_keeps_min_piece_before_the_next() -> None:
    """As above with a third pause: a pause preferred at 2 h 30 min of work
    before fixed pauses at 2 h 40 min and 3 h 30 min goes to 2 h 25 min; and
    between fixed pauses at 25 min and 2 h 40 min, to 2 h 25 min as well."""
    first: DayPlan = (
        17100,
        (
            (900, 8100, 9000, 9000, False),
            (900, 10500, 10500, 10500, True),
            (900, 14400, 14400, 14400, True),
        ),
    )
    middle: DayPlan = (
        17100,
        (
            (900, 1500, 1500, 1500, True),
            (900, 9000, 9900, 9900, False),
            (900, 11400, 11400, 11400, True),
        ),
    )
    assert solve([first], step=60, tolerance=0, min_piece=900) == (
        (3600, 7200, 10800),
        ((8700, 9600, 12600),),
    )
    assert solve([middle], step=60, tolerance=0, min_piece=900) == (
        (3600, 7200, 10800),
        ((1500, 8700, 9600),),
    )
