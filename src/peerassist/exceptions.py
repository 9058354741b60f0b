"""Errors raised by peerassist.

Every error the library raises on purpose derives from :class:`PeerAssistError`;
each subclass also derives from the builtin it resembles, so ``except
ValueError`` keeps working for callers who do not know peerassist::

    PeerAssistError
    ├── InputError (ValueError)            bad data: every problem, with its field path
    │   └── FileFormatError                a file that is not JSON/TOML, empty or too big
    ├── WorkflowError
    │   ├── SpecError (ValueError)          an invalid WorkflowSpec
    │   ├── UnknownTriggerError (LookupError)
    │   ├── UnknownStateError (LookupError)
    │   ├── TransitionRefusedError               raised by Workflow.advance; carries the outcome
    │   ├── StaleRevisionError              a compare-and-set on ``revision`` lost
    │   │   └── FileChangedError            a file changed since it was read
    │   └── HookError                       a host hook failed after the transition
    ├── FileLockedError (TimeoutError)     a file's lock was held too long
    ├── NotFoundError (LookupError)         no stored assist (or other record) with that key
    ├── ConflictError (ValueError)          a record with that key is already stored
    ├── AgendaError (ValueError)           a meeting that cannot be planned as asked
    ├── CalendarError (ValueError)         an assist that cannot be exported as asked
    └── DocumentError (ValueError)         a document the assist is not ready for, or a bad template

Bad input never surfaces as a bare ``KeyError`` or ``TypeError``: it is an
:class:`InputError` whose message names the field path (``visitors[2].email``),
what was expected and what was found.

Every error also has :meth:`PeerAssistError.to_problem`, an RFC 9457
problem-details body with the HTTP status its class maps to, for web APIs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "AgendaError",
    "CalendarError",
    "ConflictError",
    "DocumentError",
    "FileChangedError",
    "FileFormatError",
    "FileLockedError",
    "HookError",
    "InputError",
    "NotFoundError",
    "PeerAssistError",
    "Problem",
    "SpecError",
    "StaleRevisionError",
    "TransitionRefusedError",
    "UnknownStateError",
    "UnknownTriggerError",
    "WorkflowError",
]


class PeerAssistError(Exception):
    """Base class of every error peerassist raises on purpose."""

    def to_problem(
        self, *, instance: str | None = None, type_base: str | None = None
    ) -> dict[str, Any]:
        """Return this error as an RFC 9457 problem-details body, ready for JSON.

        ``type``, ``title`` and ``status`` come from the error's class (one
        table, shown in the docs: 400 bad input, 404 not found, 409 already
        stored, 412 stale revision, 422 refused or impossible, 500 the
        host's own setup); ``detail`` is the message; extension members
        carry the context: ``problems`` (each with ``path``, ``pointer``,
        ``expected`` and ``found``) for an :class:`InputError`, ``findings``
        for a refused transition, both revisions for a stale save.

        Args:
            instance: a URI reference for this occurrence (e.g. the request
                path); left out when None.
            type_base: what the ``type`` URI starts with, e.g. the address
                of your own error pages (default ``urn:peerassist:problem:``).

        Returns:
            A dict of plain JSON data; serve it as ``application/problem+json``
            with its ``status``.
        """
        from peerassist._problem import TYPE_BASE, problem_for

        return problem_for(self, instance=instance, type_base=type_base or TYPE_BASE)


class Problem:
    """One problem with some input: where, what was expected, what was found.

    Attributes:
        path: the field path, e.g. ``visitors[2].email`` (empty for the whole
            value).
        expected: what a valid value looks like.
        found: what was there instead.
    """

    __slots__ = ("expected", "found", "path")

    def __init__(self, path: str, expected: str, found: str) -> None:
        self.path = path
        self.expected = expected
        self.found = found

    def at(self, prefix: str) -> Problem:
        """Return the same problem with ``prefix`` put in front of its path."""
        if not prefix:
            return self
        if not self.path:
            return Problem(prefix, self.expected, self.found)
        joiner = "" if self.path.startswith("[") else "."
        return Problem(prefix + joiner + self.path, self.expected, self.found)

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}expected {self.expected}, found {self.found}"

    def __repr__(self) -> str:
        return f"Problem(path={self.path!r}, expected={self.expected!r}, found={self.found!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.path, self.expected, self.found) == (other.path, other.expected, other.found)

    def __hash__(self) -> int:
        return hash((self.path, self.expected, self.found))


class InputError(PeerAssistError, ValueError):
    """Bad input: lists every problem found, each with its field path.

    Attributes:
        problems: the problems, in the order they were found.
        source: the file or other source the input came from, if known.
    """

    def __init__(self, problems: Sequence[Problem], *, source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(self._render())

    @classmethod
    def single(cls, path: str, expected: str, found: str) -> InputError:
        """Build an error holding one problem."""
        return cls([Problem(path, expected, found)])

    def at(self, prefix: str) -> InputError:
        """Return the same error with ``prefix`` in front of every path."""
        return type(self)([p.at(prefix) for p in self.problems], source=self.source)

    def with_source(self, source: str) -> InputError:
        """Return the same error naming the file (or other source) it came from."""
        return type(self)(self.problems, source=source)

    @property
    def paths(self) -> tuple[str, ...]:
        """The field paths of the problems, in order."""
        return tuple(p.path for p in self.problems)

    def _render(self) -> str:
        head = f"{self.source}: " if self.source else ""
        if len(self.problems) == 1:
            return head + str(self.problems[0])
        lines = [f"{head}{len(self.problems)} problems:"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_input_error, (type(self), list(self.problems), self.source))


def _rebuild_input_error(
    cls: type[InputError], problems: Iterable[Problem], source: str | None
) -> InputError:
    return cls(list(problems), source=source)


class FileFormatError(InputError):
    """A file that is neither JSON nor TOML, is empty, or is over the size cap."""


class WorkflowError(PeerAssistError):
    """Base class of errors about the workflow and its specification."""


class SpecError(WorkflowError, ValueError):
    """An invalid :class:`~peerassist.workflow.WorkflowSpec`; lists every problem.

    Attributes:
        problems: one plain-language sentence per problem.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        text = (
            self.problems[0]
            if len(self.problems) == 1
            else "\n".join(
                [f"{len(self.problems)} problems in the workflow spec:"]
                + [f"  - {p}" for p in self.problems]
            )
        )
        super().__init__(text)


class UnknownTriggerError(WorkflowError, LookupError):
    """A trigger name the workflow does not define.

    Attributes:
        trigger: the name given.
        known: the triggers the workflow defines.
    """

    def __init__(self, trigger: str, known: Sequence[str]) -> None:
        import difflib

        self.trigger = trigger
        self.known = tuple(known)
        close = difflib.get_close_matches(trigger, self.known, n=1)
        self.suggestion: str | None = close[0] if close else None
        """The known trigger closest to the name given, if any is close."""
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        super().__init__(
            f"unknown trigger {trigger!r}{hint}: expected one of {', '.join(self.known)}"
        )


class UnknownStateError(WorkflowError, LookupError):
    """An assist whose ``state`` the workflow does not define.

    Attributes:
        state: the state found.
        known: the states the workflow defines.
    """

    def __init__(self, state: str, known: Sequence[str]) -> None:
        self.state = state
        self.known = tuple(known)
        super().__init__(f"state: expected one of {', '.join(self.known)}, found {state!r}")


class TransitionRefusedError(WorkflowError):
    """A transition that did not pass; raised by ``Workflow.advance``.

    Attributes:
        outcome: the full outcome, with every blocking finding.
    """

    def __init__(self, outcome: Any) -> None:
        self.outcome = outcome
        super().__init__(str(outcome))

    @property
    def findings(self) -> Any:
        """The findings that blocked the transition."""
        return self.outcome.findings


class StaleRevisionError(WorkflowError):
    """A compare-and-set on ``revision`` found a newer copy stored.

    Attributes:
        assist_id: the assist's id.
        expected: the revision the caller had.
        found: the revision stored now (None if the assist is gone).
    """

    def __init__(self, assist_id: str, expected: int, found: int | None) -> None:
        self.assist_id = assist_id
        self.expected = expected
        self.found = found
        super().__init__(
            f"assist {assist_id!r}: expected stored revision {expected}, found {found}"
            " (someone else changed it; reload and try again)"
        )


class HookError(WorkflowError):
    """A host hook raised after a transition was applied.

    The transition stands (the assist's state, history and revision are
    already changed and consistent); the hook's own error is the ``__cause__``.

    Attributes:
        hook: the hook that failed.
        entry: the audit entry of the transition that was applied.
    """

    def __init__(self, hook: Any, entry: Any, error: BaseException) -> None:
        self.hook = hook
        self.entry = entry
        self.error = error
        name = getattr(hook, "__qualname__", repr(hook))
        super().__init__(
            f"hook {name} failed after {getattr(entry, 'event', '?')!s} was applied"
            f" (the transition stands): {error!r}"
        )


class NotFoundError(PeerAssistError, LookupError):
    """No stored record with the key asked for (an assist id, a person).

    Attributes:
        kind: what was looked for, e.g. ``"assist"``.
        key: the key given.
    """

    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"no {kind} {key!r} is stored")


class ConflictError(PeerAssistError, ValueError):
    """A record with that key is already stored (adding it again would overwrite it).

    Attributes:
        kind: what was added, e.g. ``"assist"``.
        key: the key that is taken.
    """

    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"{kind} {key!r} is already stored; save it with its revision instead")


class AgendaError(PeerAssistError, ValueError):
    """A meeting that cannot be planned as asked (the message says why)."""


class CalendarError(PeerAssistError, ValueError):
    """An assist that cannot be exported to iCalendar as asked."""


class DocumentError(PeerAssistError, ValueError):
    """A document that cannot be written: the assist is not ready for it, or a template failed.

    Attributes:
        kind: the kind of document, e.g. ``"record"``.
        problems: what the assist lacks, each with its field path, what the
            document needs and what was found; empty for a template error.
    """

    def __init__(self, kind: str, message: str, problems: Sequence[Problem] = ()) -> None:
        self.kind = kind
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = [message]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_document_error, (self.kind, str(self).split("\n")[0], self.problems))


def _rebuild_document_error(kind: str, message: str, problems: Sequence[Problem]) -> DocumentError:
    return DocumentError(kind, message, problems)


class FileChangedError(StaleRevisionError):
    """A file changed on disk since it was read; nothing was written.

    Raised by :func:`peerassist.serialize.update` (and the commands that
    write an assist back) instead of overwriting someone else's change.

    Attributes:
        path: the file.
        assist_id: the assist's id, as the file holds it now.
        expected: the revision the caller read (None if unknown).
        found: the revision the file holds now.
        changed_by: who made the file's last recorded change, if known.
        changed_at: when (RFC 9557 text), if known.
        event: what the last recorded change was (a trigger), if known.
    """

    def __init__(
        self,
        path: str,
        assist_id: str,
        expected: int | None,
        found: int | None,
        *,
        changed_by: str | None = None,
        changed_at: str | None = None,
        event: str | None = None,
    ) -> None:
        super().__init__(assist_id, -1 if expected is None else expected, found)
        self.expected = expected  # type: ignore[assignment]
        self.path = path
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.event = event
        if expected is not None and expected != found:
            what = f"it is at revision {found}, not the revision {expected} expected"
        else:
            what = f"its content changed since it was read (revision {found})"
        if event is not None:
            who = changed_by if changed_by is not None else "someone (no actor recorded)"
            last = f"; last recorded change: {event} by {who} at {changed_at}"
        else:
            last = "; no change is recorded in its history (edited by hand?)"
        self.args = (f"{path}: {what}{last}. Nothing was written: reload and try again.",)


class FileLockedError(PeerAssistError, TimeoutError):
    """Another program held a file's lock for too long; nothing was written.

    Attributes:
        path: the file.
        lock: the lock file beside it.
        timeout: how long the lock was waited for, in seconds.
    """

    def __init__(self, path: str, lock: str, timeout: float) -> None:
        self.path = path
        self.lock = lock
        self.timeout = timeout
        super().__init__(
            f"{path}: another command held its lock ({lock}) for over {timeout:g} s;"
            " nothing was written. Try again."
        )
