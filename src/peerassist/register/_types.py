"""What the register returns: summaries, pages, search hits, people and lessons."""

from __future__ import annotations

from peerassist._attrs import frozen
from peerassist._time import DateTime
from peerassist.model import Person, RelatedTeam

LIVE_STATES_EXCLUDED = frozenset({"closed", "cancelled"})
"""States in which an assist is no longer under way."""


@frozen(kw_only=True)
class AssistSummary:
    """One stored assist as listed: enough to show a row, without loading it.

    Attributes:
        assist_id: the assist's id.
        title: its title.
        state: its workflow state.
        revision: its stored revision.
        updated_at: when the register last stored it (UTC).
        start: when its meeting starts, if scheduled (UTC).
        archived: whether it was archived.
    """

    assist_id: str
    title: str
    state: str
    revision: int
    updated_at: DateTime
    start: DateTime | None = None
    archived: bool = False


@frozen(kw_only=True)
class Page:
    """One page of :meth:`Register.list`: its items and where the next one starts.

    Attributes:
        items: the summaries, most recently stored first.
        next_cursor: pass it as ``cursor=`` for the next page; ``None`` on
            the last page.
    """

    items: tuple[AssistSummary, ...]
    next_cursor: str | None = None


@frozen(kw_only=True)
class Hit:
    """One search result: a field of a stored assist that matches the text.

    Attributes:
        assist_id: the assist's id.
        title: its title.
        state: its workflow state.
        field: the field path that matched, e.g. ``follow_up.lessons[0].text``.
        snippet: an extract of the field with the matching words marked
            ``**like this**``.
        score: relevance, higher is better (comparable within one search
            only; the two backends score differently).
    """

    assist_id: str
    title: str
    state: str
    field: str
    snippet: str
    score: float


@frozen(kw_only=True)
class Similar:
    """A stored assist whose problem reads like another's (M03, M04).

    Attributes:
        assist_id: the assist's id.
        title: its title.
        state: its workflow state.
        live: True while it is under way (teams to share plans with, M04);
            False once closed (prior learning, M03).
        team: its host unit (or organisation when no unit is known).
        organisation: its host organisation.
        contacts: the people to contact: its caller first, then the rest of
            its host team.
        lessons: the lessons it recorded (closed assists), for a first look.
        score: how alike the two problems read, from 0 to 1.
    """

    assist_id: str
    title: str
    state: str
    live: bool
    team: str
    organisation: str
    contacts: tuple[Person, ...]
    lessons: tuple[str, ...]
    score: float


@frozen(kw_only=True)
class Participation:
    """One assist a person took part in, with their role (M11).

    Attributes:
        assist_id: the assist's id.
        title: its title.
        state: its workflow state.
        role: the part they played (``caller``, ``host``, ``visitor``...).
        start: when its meeting started or starts, if scheduled (UTC).
    """

    assist_id: str
    title: str
    state: str
    role: str
    start: DateTime | None


@frozen(kw_only=True)
class Suspect:
    """A person invited as a visitor more often than the policy allows (M11).

    Attributes:
        email: their address, case-folded.
        name: their name, as stored in one of those assists.
        visits: how many assists they visit in the window.
        assist_ids: those assists, oldest meeting first.
    """

    email: str
    name: str
    visits: int
    assist_ids: tuple[str, ...]


@frozen(kw_only=True)
class LessonsToShare:
    """An assist whose lessons are not yet shared with anyone (M26).

    Attributes:
        assist_id: the assist's id.
        title: its title.
        state: its workflow state.
        lessons: the lessons' texts.
        suggested: audiences to consider: the related teams the assist found
            (M04) and the teams of live assists on a similar problem.
    """

    assist_id: str
    title: str
    state: str
    lessons: tuple[str, ...]
    suggested: tuple[RelatedTeam, ...]
