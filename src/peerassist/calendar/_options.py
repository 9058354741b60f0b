"""The export options, checked once, with errors that name the option."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Collection, Mapping

from peerassist._attrs import frozen
from peerassist.agenda import Agenda
from peerassist.exceptions import CalendarError, InputError
from peerassist.model import PeerAssist, Person, Role
from peerassist.policy import Policy, get_policy

METHODS: tuple[str, ...] = ("REQUEST", "CANCEL", "PUBLISH")
"""The iTIP methods the export writes."""

PARTS: frozenset[str] = frozenset({"days", "social", "pre_brief", "todos"})
"""What an export can hold: the meeting days (or their slots), the social
time, the pre-brief and the VTODOs."""

DEFAULT_ROLES: Mapping[Role, str] = {
    Role.CALLER: "REQ-PARTICIPANT",
    Role.HOST: "REQ-PARTICIPANT",
    Role.VISITOR: "REQ-PARTICIPANT",
    Role.FACILITATOR: "CHAIR",
    Role.RECORDER: "OPT-PARTICIPANT",
    Role.SPONSOR: "OPT-PARTICIPANT",
}
"""The iCalendar ROLE of each peer-assist role (RFC 5545 section 3.2.16)."""

_ICAL_ROLES = frozenset({"CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT", "NON-PARTICIPANT"})
_DOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,62}[A-Za-z0-9])?$")


@frozen(kw_only=True)
class Options:
    """The export options, checked."""

    method: str
    organizer: Person
    per_slot: bool
    alarm: _dt.timedelta | None
    parts: frozenset[str]
    roles: Mapping[Role, str]
    policy: Policy
    sequence: int | None
    uid_domain: str
    cancelled: bool
    agenda: Agenda | None


def check_options(
    assist: object,
    *,
    method: str | None,
    organizer: str | Person,
    per_slot: bool,
    alarm: _dt.timedelta | None,
    parts: Collection[str],
    roles: Mapping[Role, str] | None,
    policy: Policy | None,
    sequence: int | None,
    uid_domain: str,
    agenda: Agenda | None,
    storage: bool = False,
) -> Options:
    """Check the export options against ``assist`` and return them.

    ``method=None`` is the storage form (no METHOD), allowed with ``storage``.

    Raises:
        CalendarError: naming the option, what was expected and what was found.
    """
    if not isinstance(assist, PeerAssist):
        raise CalendarError(f"assist: expected a PeerAssist, found {type(assist).__name__}")
    cancelled = assist.state == "cancelled"
    if method is not None or not storage:
        if not isinstance(method, str) or method.upper() not in METHODS:
            raise CalendarError(f"method: expected one of {', '.join(METHODS)}, found {method!r}")
        method = method.upper()
        if cancelled and method == "REQUEST":
            method = "CANCEL"
        cancelled = cancelled or method == "CANCEL"
    return Options(
        method=method or "",
        organizer=_organizer(assist, organizer),
        per_slot=_flag(per_slot, "per_slot"),
        alarm=_alarm(alarm),
        parts=_parts(parts),
        roles=_roles(roles),
        policy=_policy(assist, policy),
        sequence=_sequence(assist, sequence),
        uid_domain=_uid_domain(uid_domain),
        cancelled=cancelled,
        agenda=_agenda(agenda),
    )


def _flag(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise CalendarError(f"{name}: expected True or False, found {value!r}")
    return value


def _organizer(assist: PeerAssist, organizer: object) -> Person:
    if isinstance(organizer, Person):
        return organizer
    if organizer == "caller":
        return assist.host.caller
    if organizer == "facilitator":
        if assist.facilitator is None:
            raise CalendarError(
                "organizer: expected an assist with a facilitator for organizer='facilitator',"
                " found none (set assist.facilitator or use organizer='caller')"
            )
        return assist.facilitator
    raise CalendarError(
        f"organizer: expected 'caller', 'facilitator' or a Person, found {organizer!r}"
    )


def _alarm(alarm: object) -> _dt.timedelta | None:
    if alarm is None:
        return None
    if not isinstance(alarm, _dt.timedelta):
        raise CalendarError(f"alarm: expected a duration before the start or None, found {alarm!r}")
    seconds = alarm.total_seconds()
    if seconds < 0 or seconds != int(seconds):
        raise CalendarError(
            f"alarm: expected a whole, non-negative duration before the start, found {alarm}"
        )
    return _dt.timedelta(seconds=int(seconds))


def _parts(parts: object) -> frozenset[str]:
    if isinstance(parts, str) or not isinstance(parts, Collection):
        raise CalendarError(f"parts: expected a collection of {sorted(PARTS)}, found {parts!r}")
    chosen = frozenset(parts)
    unknown = sorted(str(p) for p in chosen - PARTS)
    if unknown or not chosen:
        found = ", ".join(repr(p) for p in unknown) if unknown else "none"
        raise CalendarError(f"parts: expected some of {', '.join(sorted(PARTS))}, found {found}")
    return chosen


def _roles(roles: object) -> Mapping[Role, str]:
    if roles is None:
        return DEFAULT_ROLES
    if not isinstance(roles, Mapping):
        raise CalendarError(f"roles: expected a mapping of Role to ROLE name, found {roles!r}")
    merged = dict(DEFAULT_ROLES)
    for key, value in roles.items():
        if key not in DEFAULT_ROLES or value not in _ICAL_ROLES:
            raise CalendarError(
                f"roles[{key!r}]: expected a Role mapped to one of"
                f" {', '.join(sorted(_ICAL_ROLES))}, found {value!r}"
            )
        merged[Role(key)] = value
    return merged


def _agenda(agenda: object) -> Agenda | None:
    if agenda is not None and not isinstance(agenda, Agenda):
        raise CalendarError(f"agenda: expected an Agenda or None, found {type(agenda).__name__}")
    return agenda


def _policy(assist: PeerAssist, policy: object) -> Policy:
    if policy is None:
        try:
            return get_policy(assist.profile)
        except InputError as err:
            raise CalendarError(str(err)) from None
    if not isinstance(policy, Policy):
        raise CalendarError(f"policy: expected a Policy, found {policy!r}")
    return policy


def _sequence(assist: PeerAssist, sequence: object) -> int | None:
    if sequence is None:
        return None
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 0:
        raise CalendarError(f"sequence: expected a whole number >= 0, found {sequence!r}")
    return sequence


def _uid_domain(domain: object) -> str:
    if not isinstance(domain, str) or _DOMAIN.match(domain) is None:
        raise CalendarError(
            "uid_domain: expected letters, digits, '.' and '-' (like example.org),"
            f" found {domain!r}"
        )
    return domain
