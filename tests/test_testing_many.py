"""peerassist.testing.make_assists / iter_assists: many varied assists."""

from __future__ import annotations

import pytest

from peerassist import InputError
from peerassist._time import DateTime
from peerassist.serialize import from_dict, to_dict
from peerassist.testing import STATES, iter_assists, make_assists

NOW = DateTime.create(2027, 1, 15, 9, tz="UTC")


def test_the_same_seed_gives_the_same_assists() -> None:
    """Two calls with one seed give equal assists; another seed differs."""
    assert make_assists(20, now=NOW, seed=4) == make_assists(20, now=NOW, seed=4)
    assert make_assists(5, now=NOW, seed=4) != make_assists(5, now=NOW, seed=5)


def test_assists_vary_and_round_trip() -> None:
    """Ids are unique, states and problems vary, and each survives a round trip."""
    assists = make_assists(200, now=NOW, seed=1)
    assert 200 == len({a.id for a in assists})
    assert "pa-gen-1-000000" == assists[0].id
    assert set(STATES) == {a.state for a in assists}
    assert len({a.purpose.problem for a in assists}) > 150
    for assist in assists[:20]:
        assert assist == from_dict(to_dict(assist))


def test_some_people_are_invited_far_more_often() -> None:
    """Visitors follow a long tail: the most invited person visits many assists."""
    counts: dict[str, int] = {}
    for assist in iter_assists(300, now=NOW, seed=2):
        for person in assist.visitors:
            counts[person.key] = counts.get(person.key, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    assert ranked[0] >= 20
    assert ranked[-1] <= 3


def test_bad_counts_are_refused() -> None:
    """A negative count or a tiny pool of people is InputError naming it."""
    with pytest.raises(InputError) as caught:
        make_assists(-1)
    assert ("count",) == caught.value.paths
    with pytest.raises(InputError) as caught:
        list(iter_assists(1, people=3))
    assert ("people",) == caught.value.paths
