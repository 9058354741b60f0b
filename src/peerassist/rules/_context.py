"""Cross-assist knowledge: usual suspects (M11) and teams on similar problems (M04).

Some parts of the method can only be checked against other assists: a
visitor invited again and again (M11), a team elsewhere tackling the same
problem now (M04). Rules ask an :class:`AssistContext` for that knowledge;
:class:`InMemoryContext` answers from a list of assists, and a host system
can implement the two methods over its own database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from peerassist._attrs import frozen
from peerassist._time import UTC, DateTime
from peerassist.exceptions import InputError

if TYPE_CHECKING:
    from peerassist.model import PeerAssist

__all__ = ["AssistContext", "InMemoryContext", "SimilarWork", "Visit", "similarity"]

_INACTIVE = frozenset({"closed", "cancelled"})

# Words too common to say two problems are alike.
_STOPWORDS = frozenset(
    (
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "before",
        "but",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "has",
        "have",
        "how",
        "in",
        "into",
        "is",
        "it",
        "its",
        "more",
        "most",
        "must",
        "not",
        "of",
        "on",
        "or",
        "our",
        "out",
        "over",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "too",
        "under",
        "up",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "without",
        "would",
        "you",
        "your",
    )
)
_WORD = re.compile(r"[a-z0-9]+")


@frozen(kw_only=True)
class Visit:
    """An assist a person visited (was a visitor at).

    Attributes:
        assist_id: the assist's id.
        title: its title.
        start: when its meeting started.
    """

    assist_id: str
    title: str
    start: DateTime


@frozen(kw_only=True)
class SimilarWork:
    """An assist whose problem looks like another's: under way (M04) or closed (M03).

    Attributes:
        assist_id: the assist's id.
        title: its title.
        team: its host unit (or organisation when no unit is known).
        organisation: its host organisation.
        contact: the email of its caller.
        score: how alike the two problems read, from 0 to 1.
        state: its workflow state; empty when the context does not say
            (then it counts as under way).
    """

    assist_id: str
    title: str
    team: str
    organisation: str
    contact: str
    score: float
    state: str = ""

    @property
    def live(self) -> bool:
        """True while the assist is under way (not closed or cancelled)."""
        return self.state not in _INACTIVE


@runtime_checkable
class AssistContext(Protocol):
    """What rules may ask about other assists.

    Implement these two methods over your own store to check usual suspects
    (M11) and teams tackling similar problems (M04) across your organisation.
    """

    def visits(
        self, email: str, *, since: DateTime, until: DateTime, exclude: str | None = None
    ) -> Sequence[Visit]:
        """Return the assists, other than ``exclude``, whose meeting started in
        ``[since, until)`` and at which the person with ``email`` was a visitor."""
        ...

    def similar_work(self, assist: PeerAssist) -> Sequence[SimilarWork]:
        """Return the other assists, under way or closed, whose problem looks
        like this one's (not cancelled ones), each with its ``state``."""
        ...


def _words(text: str) -> frozenset[str]:
    return frozenset(
        w for w in _WORD.findall(text.casefold()) if w not in _STOPWORDS and len(w) > 2
    )


def _problem_words(assist: PeerAssist) -> frozenset[str]:
    purpose = assist.purpose
    return _words(" ".join((assist.title, purpose.problem, purpose.learning_aim)))


def similarity(a: PeerAssist, b: PeerAssist) -> float:
    """How alike two assists' problems read: the Jaccard index of their
    significant words (title, problem and learning aim), from 0 to 1."""
    left, right = _problem_words(a), _problem_words(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


class InMemoryContext:
    """An :class:`AssistContext` over a list of assists (past and current).

    Cancelled assists count for neither question; closed ones count as past
    visits and as prior work (M03), with their state.

    Args:
        assists: the assists to know about.
        min_similarity: the least ``similarity()`` for two problems to be
            called alike (M04).

    Raises:
        InputError: when an item is not a PeerAssist or ``min_similarity`` is
            not between 0 and 1.
    """

    def __init__(self, assists: Iterable[PeerAssist], *, min_similarity: float = 0.2) -> None:
        from peerassist.model import PeerAssist

        items = list(assists)
        for index, item in enumerate(items):
            if not isinstance(item, PeerAssist):
                raise InputError.single(f"assists[{index}]", "a PeerAssist", type(item).__name__)
        if (
            isinstance(min_similarity, bool)
            or not isinstance(min_similarity, int | float)
            or not 0 <= min_similarity <= 1
        ):
            raise InputError.single("min_similarity", "a number from 0 to 1", repr(min_similarity))
        self._assists = tuple(items)
        self.min_similarity = float(min_similarity)
        self._visits: dict[str, list[tuple[DateTime, Visit]]] = {}
        for assist in self._assists:
            start = assist.logistics.start
            if assist.state == "cancelled" or start is None:
                continue
            visit = Visit(assist_id=assist.id, title=assist.title, start=start)
            for person in assist.visitors:
                self._visits.setdefault(person.key, []).append((start.in_tz(UTC), visit))

    def __repr__(self) -> str:
        return f"InMemoryContext({len(self._assists)} assists)"

    def visits(
        self, email: str, *, since: DateTime, until: DateTime, exclude: str | None = None
    ) -> Sequence[Visit]:
        """Return the assists, other than ``exclude``, whose meeting started in
        ``[since, until)`` and at which the person with ``email`` was a visitor,
        oldest first."""
        low, high = since.in_tz(UTC), until.in_tz(UTC)
        found = [
            (start, visit)
            for start, visit in self._visits.get(email.casefold(), ())
            if low <= start < high and visit.assist_id != exclude
        ]
        found.sort(key=lambda pair: pair[0].naive())
        return tuple(visit for _, visit in found)

    def similar_work(self, assist: PeerAssist) -> Sequence[SimilarWork]:
        """Return the other assists (not cancelled) whose problem reads like
        this one's, most alike first: those under way (M04) and closed ones
        (prior learning, M03), each with its ``state``."""
        found: list[SimilarWork] = []
        for other in self._assists:
            if other.id == assist.id or other.state == "cancelled":
                continue
            score = similarity(assist, other)
            if score >= self.min_similarity:
                host = other.host
                found.append(
                    SimilarWork(
                        assist_id=other.id,
                        title=other.title,
                        team=host.unit or host.organisation,
                        organisation=host.organisation,
                        contact=host.caller.email,
                        score=round(score, 3),
                        state=other.state,
                    )
                )
        found.sort(key=lambda w: (-w.score, w.assist_id))
        return tuple(found)
