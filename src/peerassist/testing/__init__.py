"""Helpers for testing code that uses peerassist (yours and ours)."""

from peerassist.testing._assists import PATH, STATES, make_assist
from peerassist.testing._many import iter_assists, make_assists
from peerassist.testing._workflow import (
    TickingClock,
    assert_passed,
    assert_refused,
    forward_path,
    walk,
    walk_to,
)

__all__ = [
    "PATH",
    "STATES",
    "TickingClock",
    "assert_passed",
    "assert_refused",
    "forward_path",
    "iter_assists",
    "make_assist",
    "make_assists",
    "walk",
    "walk_to",
]
