"""The register's contract: what every backend does, and what they share.

:class:`Register` is an abstract base class. A backend implements the
storage primitives (``add``, ``get``, ``revision``, ``save``, ``list``,
``archive``, ``search``, ``history``, ``visits``, ``usual_suspects``); the
rest (``update``, ``similar``, lessons sharing, the rules' context, export)
is written once here on top of them. A host with its own database writes
those primitives over its tables and gets the rest for free.
"""

from __future__ import annotations

import abc
import builtins
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from peerassist._attrs import evolve
from peerassist._time import DateTime, as_instant, utc_now
from peerassist.exceptions import HookError, InputError, NotFoundError
from peerassist.model import PeerAssist, RelatedTeam, Sharing
from peerassist.register._rows import check_limit
from peerassist.register._types import (
    LIVE_STATES_EXCLUDED,
    Hit,
    LessonsToShare,
    Page,
    Participation,
    Similar,
    Suspect,
)

if TYPE_CHECKING:
    from peerassist.rules import SimilarWork, Visit

__all__ = ["Clock", "Register"]

T = TypeVar("T")

Clock = Callable[[], DateTime]
"""Returns the current instant; the register stamps what it stores with it."""

_CANDIDATES = 40


class Register(abc.ABC):
    """Past and current assists, the people in them and their lessons.

    A register stores whole assists (as the file format's JSON) with
    compare-and-set on ``revision``, finds them again by state, person, date
    or words, and answers the questions the method asks across assists:
    who solved this before (M03), who is tackling it now (M04), who is
    invited every time (M11), who should hear the lessons (M26). It is also
    the rules' cross-assist context: pass it as ``validate(assist,
    context=register)`` or to :meth:`~peerassist.Workflow.fire`.

    It never holds an assist in memory between calls: every ``get`` returns
    a fresh copy, and two copies of one assist are reconciled only through
    ``save(..., expected_revision=...)``.

    Archived assists stay stored and can still be read with :meth:`get`;
    they leave :meth:`list` (unless asked for), :meth:`search` and
    :meth:`similar`, but still count in people's :meth:`history` and as
    visits (they happened).

    Args:
        clock: returns the current instant, used to stamp when each assist
            was stored (for ``list(updated_since=...)``); the real clock by
            default.
    """

    target: str = ""
    """Where the register lives: a file path, or a URL without its password."""

    def __init__(self, *, clock: Clock | None = None) -> None:
        if clock is not None and not callable(clock):
            raise InputError.single("clock", "a callable returning the current time", repr(clock))
        self._clock: Clock = clock if clock is not None else utc_now

    def _now(self) -> DateTime:
        return as_instant(self._clock(), "clock()")

    # -- storage primitives (each backend) ---------------------------------------

    @abc.abstractmethod
    def add(self, assist: PeerAssist) -> None:
        """Store a new assist.

        Raises:
            ConflictError: an assist with that id is already stored.
            InputError: ``assist`` is not a PeerAssist.
        """

    @abc.abstractmethod
    def get(self, assist_id: str) -> PeerAssist:
        """Load a stored assist (archived ones too).

        Raises:
            NotFoundError: no assist with that id is stored.
        """

    @abc.abstractmethod
    def revision(self, assist_id: str) -> int:
        """The stored revision of an assist.

        Raises:
            NotFoundError: no assist with that id is stored.
        """

    @abc.abstractmethod
    def save(self, assist: PeerAssist, *, expected_revision: int) -> None:
        """Store ``assist`` if its stored revision is still ``expected_revision``.

        Args:
            assist: the changed assist; its revision must be above
                ``expected_revision`` (every transition bumps it; bump it
                yourself for other edits, or a concurrent editor cannot
                notice yours).
            expected_revision: the revision it had when it was loaded.

        Raises:
            StaleRevisionError: someone else saved first (reload and retry);
                it names both revisions.
            NotFoundError: the assist is not stored.
            InputError: the revision was not bumped.
        """

    @abc.abstractmethod
    def list(
        self,
        *,
        state: str | None = None,
        updated_since: DateTime | None = None,
        person: str | None = None,
        archived: bool | None = False,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page:
        """One page of stored assists, most recently stored first.

        Pages are cut by keyset (the last row's stamp and id), not by
        offset, so every page costs the same however deep it is.

        Args:
            state: only assists in this state.
            updated_since: only assists stored at or after this instant.
            person: only assists this email takes part in (any role).
            archived: False (the default) for assists not archived, True for
                archived ones only, None for both.
            limit: the most items on the page (1 to 1000).
            cursor: the previous page's ``next_cursor``.

        Raises:
            InputError: a bad argument or cursor.
        """

    @abc.abstractmethod
    def archive(self, assist_id: str) -> None:
        """Archive a stored assist (see the class notes for what that hides).

        Raises:
            NotFoundError: no assist with that id is stored.
        """

    @abc.abstractmethod
    def search(self, text: str, *, limit: int = 10) -> tuple[Hit, ...]:
        """Stored assists ranked by relevance to ``text`` (M03, M24, M26).

        Titles, problems, learning aims, redefined problems, options,
        insights and lessons are searched; any word of the text may match
        (English stemming: "delays" finds "delay"), assists matching more
        and rarer words rank first, and titles and problems count more than
        the rest. Each assist is one hit, naming its best-matching field.

        Args:
            text: words to look for.
            limit: the most hits (1 to 1000).

        Returns:
            The hits, best first.

        Raises:
            InputError: no word in ``text``, or a bad limit.
        """

    @abc.abstractmethod
    def history(self, email: str) -> tuple[Participation, ...]:
        """Every stored assist a person takes part in, with their role (M11).

        Returns:
            Participations, oldest meeting first (unscheduled ones last).
        """

    @abc.abstractmethod
    def visits(
        self, email: str, *, since: DateTime, until: DateTime, exclude: str | None = None
    ) -> Sequence[Visit]:
        """The assists, other than ``exclude``, whose meeting started in
        ``[since, until)`` with the person as a visitor, oldest first
        (cancelled assists do not count). Part of the rules' context."""

    @abc.abstractmethod
    def usual_suspects(
        self,
        *,
        now: DateTime,
        window_days: int | None = None,
        threshold: int | None = None,
    ) -> tuple[Suspect, ...]:
        """People invited as visitors more often than the policy allows (M11).

        Counts the assists (not cancelled) whose meeting starts from
        ``window_days`` before ``now`` onward, including meetings already
        planned ahead.

        Args:
            now: the instant to count back from.
            window_days: how far back to count; the default policy's
                ``usual_suspect_window_days`` by default.
            threshold: the most visits allowed; the default policy's
                ``usual_suspect_max`` by default.

        Returns:
            The people over the threshold, most visits first.

        Raises:
            InputError: a bad argument.
        """

    @abc.abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def _unshared(self) -> builtins.list[str]:
        """Ids of assists with lessons and no sharing recorded (backends may
        answer faster than this walk over every page)."""
        found: builtins.list[str] = []
        for state in ("follow_up", "closed"):
            cursor: str | None = None
            while True:
                page = self.list(state=state, limit=500, cursor=cursor)
                for item in page.items:
                    assist = self.get(item.assist_id)
                    if assist.follow_up.lessons and not assist.follow_up.shared_with:
                        found.append(assist.id)
                if page.next_cursor is None:
                    break
                cursor = page.next_cursor
        return found

    # -- written once on the primitives ------------------------------------------

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def update(self, assist_id: str, change: Callable[[PeerAssist], T]) -> T:
        """Load an assist, apply ``change`` to it, and save it with compare-and-set.

        For example ``register.update(id, lambda a: workflow.fire(a,
        "schedule"))``. Nothing is saved when ``change`` raises or leaves the
        revision unchanged (a refused transition), except after a
        :class:`~peerassist.exceptions.HookError`: that transition stands,
        so it is saved before the error is re-raised.

        Returns:
            What ``change`` returned.

        Raises:
            StaleRevisionError: someone else saved between the load and the save.
            NotFoundError: no assist with that id is stored.
            HookError: a hook failed after the transition (which was saved).
        """
        assist = self.get(assist_id)
        expected = assist.revision
        try:
            result = change(assist)
        except HookError:
            if assist.revision != expected:
                self.save(assist, expected_revision=expected)
            raise
        if assist.revision != expected:
            self.save(assist, expected_revision=expected)
        return result

    def similar(
        self, assist: PeerAssist, *, limit: int = 10, min_score: float = 0.2
    ) -> tuple[Similar, ...]:
        """Stored assists whose problem reads like this one's (M03, M04).

        Reads the assist's title, problem and learning aim; finds closed
        assists (prior learning, M03) and live ones (teams to share plans
        with, M04), never cancelled or archived ones, nor the assist itself.

        Args:
            assist: the assist to match (stored or not).
            limit: the most results (1 to 1000).
            min_score: the least similarity (the Jaccard index of the
                significant words, as the rules' context computes it).

        Returns:
            The similar assists, most alike first, each naming its host team
            and the people to contact.

        Raises:
            InputError: a bad argument.
        """
        from peerassist.rules._context import similarity

        if not isinstance(assist, PeerAssist):
            raise InputError.single("assist", "a PeerAssist", type(assist).__name__)
        check_limit(limit)
        if (
            isinstance(min_score, bool)
            or not isinstance(min_score, int | float)
            or not 0 <= min_score <= 1
        ):
            raise InputError.single("min_score", "a number from 0 to 1", repr(min_score))
        purpose = assist.purpose
        text = " ".join((assist.title, purpose.problem, purpose.learning_aim))
        try:
            hits = self.search(text, limit=_CANDIDATES)
        except InputError:
            return ()
        candidates = list(dict.fromkeys(h.assist_id for h in hits if h.assist_id != assist.id))
        found: list[Similar] = []
        for assist_id in candidates[:_CANDIDATES]:
            try:
                other = self.get(assist_id)
            except NotFoundError:  # archived or removed since the search
                continue
            if other.state == "cancelled":
                continue
            score = similarity(assist, other)
            if score < min_score:
                continue
            host = other.host
            found.append(
                Similar(
                    assist_id=other.id,
                    title=other.title,
                    state=other.state,
                    live=other.state not in LIVE_STATES_EXCLUDED,
                    team=host.unit or host.organisation,
                    organisation=host.organisation,
                    contacts=host.everyone,
                    lessons=tuple(lesson.text for lesson in other.follow_up.lessons),
                    score=round(score, 3),
                )
            )
        found.sort(key=lambda s: (-s.score, s.assist_id))
        return tuple(found[:limit])

    def similar_work(self, assist: PeerAssist) -> Sequence[SimilarWork]:
        """The rules' view of :meth:`similar`: closed and live assists alike,
        each with its state (part of the rules' context, M03 and M04)."""
        from peerassist.rules import SimilarWork

        return tuple(
            SimilarWork(
                assist_id=s.assist_id,
                title=s.title,
                team=s.team,
                organisation=s.organisation,
                contact=s.contacts[0].email,
                score=s.score,
                state=s.state,
            )
            for s in self.similar(assist)
        )

    def lessons_to_share(self, *, limit: int = 50) -> tuple[LessonsToShare, ...]:
        """Assists with lessons that nobody has been told about yet (M26).

        Each comes with suggested audiences: the related teams its research
        found (M04) and the teams of live assists on a similar problem.

        Args:
            limit: the most assists (1 to 1000).

        Returns:
            The assists, in id order.
        """
        check_limit(limit)
        found: list[LessonsToShare] = []
        for assist_id in sorted(self._unshared())[:limit]:
            assist = self.get(assist_id)
            suggested: dict[str, RelatedTeam] = {}
            for team in assist.research.related_teams:
                suggested.setdefault(team.team.casefold(), team)
            for other in self.similar(assist):
                if other.live:
                    suggested.setdefault(
                        other.team.casefold(),
                        RelatedTeam(
                            team=other.team,
                            organisation=other.organisation,
                            contact=other.contacts[0].email,
                        ),
                    )
            found.append(
                LessonsToShare(
                    assist_id=assist.id,
                    title=assist.title,
                    state=assist.state,
                    lessons=tuple(lesson.text for lesson in assist.follow_up.lessons),
                    suggested=tuple(suggested.values()),
                )
            )
        return tuple(found)

    def record_sharing(
        self, assist_id: str, sharing: Sharing, *, expected_revision: int
    ) -> PeerAssist:
        """Record that an assist's lessons were shared (audience, date, how; M26).

        The sharing is appended to ``follow_up.shared_with``, the revision
        bumped, and the assist saved with compare-and-set.

        Returns:
            The assist as stored now.

        Raises:
            NotFoundError: no assist with that id is stored.
            StaleRevisionError: the stored revision is not ``expected_revision``.
            InputError: ``sharing`` is not a Sharing.
        """
        if not isinstance(sharing, Sharing):
            raise InputError.single("sharing", "a Sharing", type(sharing).__name__)
        assist = self.get(assist_id)
        follow_up = assist.follow_up
        assist.follow_up = evolve(follow_up, shared_with=(*follow_up.shared_with, sharing))
        assist.revision = expected_revision + 1
        self.save(assist, expected_revision=expected_revision)
        return assist

    def export(self, assist_id: str, path: str | os.PathLike[str]) -> PeerAssist:
        """Write a stored assist to a ``.json`` or ``.toml`` file, atomically.

        Returns:
            The assist written.

        Raises:
            NotFoundError: no assist with that id is stored.
            FileFormatError: the suffix is neither ``.json`` nor ``.toml``.
        """
        from peerassist.serialize import dump

        assist = self.get(assist_id)
        dump(assist, path)
        return assist

    def _check_usual(
        self, now: object, window_days: object, threshold: object
    ) -> tuple[DateTime, int, int]:
        from peerassist.policy import DEFAULT_POLICY

        instant = as_instant(now, "now")
        window = DEFAULT_POLICY.usual_suspect_window_days if window_days is None else window_days
        most = DEFAULT_POLICY.usual_suspect_max if threshold is None else threshold
        if isinstance(window, bool) or not isinstance(window, int) or window < 1:
            raise InputError.single(
                "window_days", "a whole number of days, 1 or more", repr(window)
            )
        if isinstance(most, bool) or not isinstance(most, int) or most < 0:
            raise InputError.single("threshold", "a whole number, 0 or more", repr(most))
        return instant, window, most
