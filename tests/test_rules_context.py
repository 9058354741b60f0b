"""Cross-assist context: usual suspects (M11) and similar work under way (M04)."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import pytest

from peerassist import InputError
from peerassist._time import DateTime
from peerassist.model import HostTeam, PeerAssist, Person
from peerassist.rules import (
    AssistContext,
    InMemoryContext,
    SimilarWork,
    Visit,
    validate,
)
from peerassist.rules._context import similarity
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 3, 10, 12, tz="UTC")


def past(n: int, *, months_ago: int, visitor: Person, state: str = "closed") -> PeerAssist:
    """A past assist whose meeting was ``months_ago`` ago, with ``visitor``
    and five others seen nowhere else."""
    assist = make_assist(state, now=NOW.subtract(months=months_ago), id=f"pa-past-{n}")
    assist.title = f"Past assist {n}"
    others = tuple(
        Person(name=f"Peer {n}.{i}", email=f"peer{n}.{i}@elsewhere.example") for i in range(5)
    )
    assist.visitors = (*others, visitor)
    return assist


def other_team(state: str = "scheduling", **changes: object) -> PeerAssist:
    """An assist on the same problem, called by a team in another trust."""
    caller = Person(
        name="Olu Bright",
        email="olu.bright@eastfield.nhs.example",
        organisation="Eastfield NHS Trust",
        unit="Emergency Department",
    )
    host = HostTeam(caller=caller, organisation="Eastfield NHS Trust", unit="Emergency Department")
    assist = make_assist(state, now=NOW, id="pa-eastfield", host=host, **changes)
    assist.title = "Emergency department streaming at the front door"
    return assist


def test_usual_suspect_is_flagged_from_the_context() -> None:
    """A visitor at three assists in the past year is a usual suspect (max 2)."""
    assist = make_assist("scheduling", now=NOW)
    ana = assist.visitors[0]
    context = InMemoryContext([past(i, months_ago=2 + i, visitor=ana) for i in range(3)])
    report = validate(assist, now=NOW, context=context)
    assert [f.code for f in report.findings] == ["PA-M11-usual-suspect"]
    assert report.findings[0].path == "visitors[0]"
    assert "Dr Ana Costa visited 3 assists" in report.findings[0].message


def test_two_visits_or_old_visits_are_fine() -> None:
    """Two recent visits, or visits older than the window, are not a usual suspect."""
    assist = make_assist("scheduling", now=NOW)
    ana = assist.visitors[0]
    recent = [past(i, months_ago=2 + i, visitor=ana) for i in range(2)]
    old = [past(10 + i, months_ago=14 + i, visitor=ana) for i in range(3)]
    report = validate(assist, now=NOW, context=InMemoryContext(recent + old))
    assert report.findings == ()


def test_visits_ignore_cancelled_assists_and_the_assist_itself() -> None:
    """Cancelled assists and the assist being checked do not count as visits."""
    assist = make_assist("scheduling", now=NOW)
    ana = assist.visitors[0]
    cancelled = [past(i, months_ago=2, visitor=ana, state="cancelled") for i in range(3)]
    context = InMemoryContext([*cancelled, assist])
    until = assist.logistics.start
    assert until is not None
    assert context.visits(ana.email, since=until.subtract(years=1), until=until) == ()
    assert (
        len(
            context.visits(
                ana.email.upper(), since=until.subtract(years=1), until=until.add(days=1)
            )
        )
        == 1
    )
    assert (
        context.visits(
            ana.email, since=until.subtract(years=1), until=until.add(days=1), exclude=assist.id
        )
        == ()
    )


def test_visits_are_oldest_first() -> None:
    """Visits come back oldest first, as Visit values."""
    assist = make_assist("scheduling", now=NOW)
    ana = assist.visitors[0]
    context = InMemoryContext([past(i, months_ago=1 + i, visitor=ana) for i in range(3)])
    visits = context.visits(ana.email, since=NOW.subtract(years=1), until=NOW)
    assert [v.assist_id for v in visits] == ["pa-past-2", "pa-past-1", "pa-past-0"]
    assert all(isinstance(v, Visit) for v in visits)


def test_similar_work_under_way_is_suggested() -> None:
    """Another trust's assist on the same problem is suggested as a related team."""
    assist = make_assist("research", now=NOW)
    context = InMemoryContext([other_team()])
    report = validate(assist, now=NOW, context=context)
    assert [f.code for f in report.findings] == ["PA-M04-similar-work"]
    message = report.findings[0].message
    assert "Emergency Department (Eastfield NHS Trust)" in message
    assert "olu.bright@eastfield.nhs.example" in message


def test_similar_work_already_known_or_finished_is_not_suggested() -> None:
    """Closed assists are not work under way (M04), and teams already in
    research.related_teams are not news."""
    assist = make_assist("research", now=NOW)
    closed = other_team("closed")
    found = validate(assist, now=NOW, context=InMemoryContext([closed])).findings
    assert ["PA-M03-prior-assist"] == [f.code for f in found]
    known = attrs.evolve(
        assist.research.related_teams[0],
        team="Emergency Department",
        organisation="Eastfield NHS Trust",
        contact=None,
    )
    assist.research = attrs.evolve(assist.research, related_teams=(known,))
    assert validate(assist, now=NOW, context=InMemoryContext([other_team()])).findings == ()


def test_dissimilar_work_is_not_suggested() -> None:
    """An assist on another problem is not similar."""
    assist = make_assist("research", now=NOW)
    other = other_team()
    other.title = "Choosing an electronic rostering system"
    other.purpose = attrs.evolve(
        other.purpose,
        problem="Our rostering spreadsheets break every month.",
        learning_aim="Learn how others chose and rolled out rostering software.",
    )
    assert similarity(assist, other) < 0.2
    assert InMemoryContext([other]).similar_work(assist) == ()


def test_similarity_is_symmetric_and_bounded() -> None:
    """similarity() is 1 for an assist with itself and symmetric."""
    a = make_assist("research", now=NOW)
    b = other_team()
    assert similarity(a, a) == 1.0
    assert similarity(a, b) == similarity(b, a)
    assert 0 < similarity(a, b) < 1


def test_in_memory_context_refuses_bad_input() -> None:
    """Non-assists and out-of-range thresholds raise InputError naming them."""
    with pytest.raises(InputError) as caught:
        InMemoryContext([make_assist(now=NOW), "not an assist"])  # type: ignore[list-item]
    assert caught.value.paths == ("assists[1]",)
    with pytest.raises(InputError) as caught:
        InMemoryContext([], min_similarity=2)
    assert caught.value.paths == ("min_similarity",)


def test_a_host_system_can_provide_its_own_context() -> None:
    """Any object with visits() and similar_work() is a context."""

    class Database:
        def visits(
            self, email: str, *, since: DateTime, until: DateTime, exclude: str | None = None
        ) -> Sequence[Visit]:
            return [Visit(assist_id=f"x{i}", title="x", start=since) for i in range(5)]

        def similar_work(self, assist: PeerAssist) -> Sequence[SimilarWork]:
            return []

    assert isinstance(Database(), AssistContext)
    assist = make_assist("scheduling", now=NOW)
    report = validate(assist, now=NOW, context=Database())
    assert len(report.warnings) == 6
    assert {"PA-M11-usual-suspect"} == {f.code for f in report.findings}


def test_validate_refuses_a_context_without_the_protocol() -> None:
    """A context lacking the two methods is refused with an InputError."""
    with pytest.raises(InputError) as caught:
        validate(make_assist(now=NOW), now=NOW, context=object())  # type: ignore[arg-type]
    assert caught.value.paths == ("context",)


def test_closed_similar_work_is_prior_learning() -> None:
    """A closed assist on the same problem by another team is prior work (M03),
    with its state; the team's own past assists and prior work already recorded are not."""
    assist = make_assist("research", now=NOW)
    closed = other_team("closed")
    (work,) = InMemoryContext([closed]).similar_work(assist)
    assert ("closed", False) == (work.state, work.live)
    report = validate(assist, now=NOW, context=InMemoryContext([closed]))
    assert [
        "Emergency Department (Eastfield NHS Trust) already tackled a similar problem in a"
        " closed assist: 'Emergency department streaming at the front door' (pa-eastfield,"
        " contact olu.bright@eastfield.nhs.example)."
    ] == [f.message for f in report.findings]
    assert "research.prior_work" == report.findings[0].path
    own = make_assist("closed", now=NOW, id="pa-own-past")
    assert () == validate(assist, now=NOW, context=InMemoryContext([own])).findings
    recorded = attrs.evolve(
        assist.research.prior_work[0], who="Eastfield NHS Trust", source="register pa-eastfield"
    )
    assist.research = attrs.evolve(assist.research, prior_work=(recorded,))
    assert () == validate(assist, now=NOW, context=InMemoryContext([closed])).findings


def test_cancelled_similar_work_is_neither_prior_nor_live() -> None:
    """A cancelled assist is left out of similar work altogether."""
    assist = make_assist("research", now=NOW)
    assert () == InMemoryContext([other_team("cancelled")]).similar_work(assist)
