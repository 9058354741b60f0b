"""The aggregate: :class:`PeerAssist`, and its audit trail."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

from peerassist._attrs import Attribute, define, field, frozen
from peerassist._time import DateTime
from peerassist.exceptions import InputError
from peerassist.model._acknowledgement import Acknowledgement
from peerassist.model._agenda_options import AgendaOptions
from peerassist.model._check import _CONTROL, _LINE_BREAK, Checker
from peerassist.model._invites import Invitations
from peerassist.model._outputs import FollowUp, MeetingNotes
from peerassist.model._people import HostTeam, Person, Role
from peerassist.model._plan import Logistics, Purpose, Research

INITIAL_STATE = "scoping"
"""The state a new assist starts in."""

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\Z")
_STATE = re.compile(r"^[a-z][a-z0-9_]{0,63}\Z")


def new_id() -> str:
    """Return a fresh, random assist id (``pa-`` and 16 hex digits)."""
    return "pa-" + uuid.uuid4().hex[:16]


@frozen(kw_only=True)
class AuditEntry:
    """One line of an assist's audit trail: a creation or a transition.

    Attributes:
        event: the trigger fired (``"create"`` for the creation entry).
        source: the state before (``None`` for the creation entry).
        dest: the state after.
        at: when, in UTC.
        actor: who did it, if known.
        note: a free note.
        acknowledged: codes of the warnings the actor acknowledged.
        changed: the fields an ``edit`` entry changed (empty for transitions).
    """

    event: str
    source: str | None
    dest: str
    at: DateTime
    actor: str | None = None
    note: str | None = None
    acknowledged: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("event", required=True)
        c.optional_text("source")
        c.text("dest", required=True)
        c.instant("at")
        c.optional_text("actor")
        c.optional_text("note", single_line=False)
        c.texts("acknowledged")
        c.texts("changed")
        c.done()

    @classmethod
    def _trusted(
        cls,
        *,
        event: str,
        source: str | None,
        dest: str,
        at: DateTime,
        actor: str | None = None,
        note: str | None = None,
        acknowledged: tuple[str, ...] = (),
        changed: tuple[str, ...] = (),
    ) -> AuditEntry:
        """Build an entry without its construction checks, from checked values.

        For the workflow engine's hot path only. The caller guarantees that
        ``AuditEntry(...)`` would accept the same values unchanged: names a
        probe entry accepted when the spec was compiled, a pendulum instant
        in UTC, and texts :func:`accepted_texts` passed. The result equals
        the publicly built entry.

        Args:
            event, source, dest, at, actor, note, acknowledged, changed: the fields.

        Returns:
            The entry.
        """
        entry = object.__new__(cls)
        # The slots' own setters (quicker than object.__setattr__).
        set_event, set_source, set_dest, set_at, set_actor, set_note, set_acked, set_changed = (
            _ENTRY_SETTERS
        )
        set_event(entry, event)
        set_source(entry, source)
        set_dest(entry, dest)
        set_at(entry, at)
        set_actor(entry, actor)
        set_note(entry, note)
        set_acked(entry, acknowledged)
        set_changed(entry, changed)
        return entry


_ENTRY_SETTERS = tuple(
    AuditEntry.__dict__[name].__set__
    for name in ("event", "source", "dest", "at", "actor", "note", "acknowledged", "changed")
)


def accepted_texts(actor: str | None, note: str | None, acknowledged: tuple[str, ...]) -> bool:
    """Tell whether an :class:`AuditEntry` accepts these texts unchanged.

    The same checks as its construction for ``actor`` (a single line),
    ``note`` (lines) and ``acknowledged`` (non-empty single lines), for
    values already known to be ``str`` or ``None`` (and a tuple of ``str``);
    when this says ``False``, build the entry publicly to get the error.

    Args:
        actor: who, or None.
        note: a free note, or None.
        acknowledged: acknowledged codes.

    Returns:
        True when every value passes.
    """
    if actor is not None and (_CONTROL.search(actor) or _LINE_BREAK.search(actor)):
        return False
    if note is not None and _CONTROL.search(note):
        return False
    for code in acknowledged:
        if not code.strip() or _CONTROL.search(code) or _LINE_BREAK.search(code):
            return False
    return True


def _check_id(c: Checker) -> None:
    value = c.obj.id  # type: ignore[attr-defined]
    if not isinstance(value, str) or not _ID.match(value):
        c.add(
            "id",
            "1-128 characters of letters, digits, '.', '_' or '-', starting with a letter or digit",
            repr(value),
        )


def _check_state(c: Checker) -> None:
    value = c.obj.state  # type: ignore[attr-defined]
    if not isinstance(value, str) or not _STATE.match(value):
        c.add("state", "a state name like 'scoping' (lower case, digits, '_')", repr(value))


def _check_people(c: Checker, name: str) -> None:
    people = c.items(name, Person)
    if all(isinstance(p, Person) for p in people):
        c.unique_people(lambda i: f"{name}[{i}]", [p.email for p in people])


_CHECKS: dict[str, Any] = {
    "id": _check_id,
    "title": lambda c: c.text("title", required=True),
    "state": _check_state,
    "revision": lambda c: c.integer("revision", minimum=0),
    "history": lambda c: c.items("history", AuditEntry, mutable=True),
    "host": lambda c: c.instance("host", HostTeam),
    "visitors": lambda c: _check_people(c, "visitors"),
    "visitors_chosen_by": lambda c: c.email("visitors_chosen_by", optional=True),
    "facilitator": lambda c: c.instance("facilitator", Person, optional=True),
    "recorder": lambda c: c.instance("recorder", Person, optional=True),
    "sponsor": lambda c: c.instance("sponsor", Person, optional=True),
    "profile": lambda c: c.optional_text("profile"),
    "purpose": lambda c: c.instance("purpose", Purpose),
    "research": lambda c: c.instance("research", Research),
    "logistics": lambda c: c.instance("logistics", Logistics),
    "meeting": lambda c: c.instance("meeting", MeetingNotes),
    "follow_up": lambda c: c.instance("follow_up", FollowUp),
    "invitations": lambda c: c.instance("invitations", Invitations, optional=True),
    "acknowledgements": lambda c: c.items("acknowledgements", Acknowledgement),
    "agenda": lambda c: c.instance("agenda", AgendaOptions, optional=True),
}


class _FieldSetter:
    """Checks a field when it is assigned after construction."""

    def __call__(self, instance: Any, attribute: Attribute[Any], value: Any) -> Any:
        probe = _Probe(instance, attribute.name, value)
        c = Checker(probe)
        _CHECKS[attribute.name](c)
        c.done()
        return probe.value


class _Probe:
    """Stands in for the assist while one new value is checked."""

    def __init__(self, instance: Any, name: str, value: Any) -> None:
        object.__setattr__(self, "_instance", instance)
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "value", value)

    def __getattr__(self, name: str) -> Any:
        if name == self._name:
            return self.value
        return getattr(self._instance, name)

    def _store(self, name: str, value: Any) -> None:
        object.__setattr__(self, "value", value)


@define(kw_only=True, on_setattr=_FieldSetter())
class PeerAssist:
    """A peer assist: the aggregate the workflow moves through its states.

    Sections are frozen values (replace them with ``attrs.evolve``); the
    assist itself is mutable, because the workflow changes its ``state``,
    ``history`` and ``revision`` in place. Every assignment is checked.

    Attributes:
        id: a stable id from a safe alphabet (used in calendar UIDs).
        title: a short title.
        host: the host team and its caller.
        visitors: the visiting team: peers from other units or
            organisations (M09-M12).
        visitors_chosen_by: the email of who chose the visitors; the host
            team chooses its own assisters (X02).
        facilitator: runs the meeting; from outside the host team (M05).
        recorder: takes notes or records (M06, X03).
        sponsor: opens the meeting (X03).
        profile: the name of the policy profile (format, X08) to check
            against; ``None`` for the default.
        purpose: why the assist is called.
        research: who else tackled the problem.
        logistics: when, where and how the meeting happens.
        meeting: what the four quarters produced.
        follow_up: commitments, takeaways, lessons and review.
        state: the workflow state (``"scoping"`` initially).
        revision: bumped on every change that matters to invitees; hosts use
            it for optimistic locking (the iCalendar SEQUENCE is derived per
            component from ``invitations``, not from it).
        history: the audit trail, oldest first.
        invitations: what the calendar invites last carried and the
            invitees' answers (``None`` until invites are written).
        acknowledgements: the warnings accepted so far; each lasts while the
            same finding stands (see :class:`Acknowledgement`).
        agenda: how the facilitator wants the agenda laid out (the file's
            ``[agenda]`` table), or None for the defaults.
    """

    title: str
    host: HostTeam
    id: str = field(factory=new_id)
    visitors: tuple[Person, ...] = ()
    visitors_chosen_by: str | None = None
    facilitator: Person | None = None
    recorder: Person | None = None
    sponsor: Person | None = None
    profile: str | None = None
    purpose: Purpose = Purpose()
    research: Research = Research()
    logistics: Logistics = Logistics()
    meeting: MeetingNotes = MeetingNotes()
    follow_up: FollowUp = FollowUp()
    state: str = INITIAL_STATE
    revision: int = 0
    history: list[AuditEntry] = field(factory=list)
    invitations: Invitations | None = None
    acknowledgements: tuple[Acknowledgement, ...] = ()
    agenda: AgendaOptions | None = None

    def __attrs_post_init__(self) -> None:
        c = Checker(_Unfrozen(self))
        for check in _CHECKS.values():
            check(c)
        c.done()

    def participants(self) -> Iterator[tuple[Person, Role]]:
        """Yield everyone taking part with their role, each person once.

        Order: caller, host team, facilitator, recorder, sponsor, visitors. A
        person holding two roles (a sponsor who is also in the host team)
        appears with the first.
        """
        seen: set[str] = set()
        entries: list[tuple[Person | None, Role]] = [(self.host.caller, Role.CALLER)]
        entries += [(p, Role.HOST) for p in self.host.members]
        entries += [
            (self.facilitator, Role.FACILITATOR),
            (self.recorder, Role.RECORDER),
            (self.sponsor, Role.SPONSOR),
        ]
        entries += [(p, Role.VISITOR) for p in self.visitors]
        for person, role in entries:
            if person is not None and person.key not in seen:
                seen.add(person.key)
                yield person, role

    def find_person(self, email: str) -> Person | None:
        """Return the participant with this email (ignoring case), if any."""
        key = email.casefold()
        return next((p for p, _ in self.participants() if p.key == key), None)


class _Unfrozen:
    """Lets the shared checks normalise fields of a mutable assist in init."""

    def __init__(self, assist: PeerAssist) -> None:
        object.__setattr__(self, "_assist", assist)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._assist, name)

    def _store(self, name: str, value: Any) -> None:
        object.__setattr__(self._assist, name, value)


def check_assist(assist: object, path: str = "") -> PeerAssist:
    """Return ``assist`` if it is a :class:`PeerAssist`, else raise InputError."""
    if not isinstance(assist, PeerAssist):
        raise InputError.single(path, "a PeerAssist", type(assist).__name__)
    return assist
