"""People, their roles and the two teams (M05, M09-M12, X02, X03)."""

from __future__ import annotations

from enum import StrEnum

from peerassist._attrs import frozen
from peerassist.model._check import Checker


class Role(StrEnum):
    """The part a person plays in a peer assist."""

    CALLER = "caller"
    """Calls the assist and owns the problem; a member of the host team (M22)."""
    HOST = "host"
    """A member of the host team, who listens to learn (M16, M19, M20)."""
    VISITOR = "visitor"
    """A peer from another unit or organisation who shares knowledge (M09-M12)."""
    FACILITATOR = "facilitator"
    """Runs the meeting; from outside the host team (M05)."""
    RECORDER = "recorder"
    """Takes notes or records the meeting, as agreed beforehand (M06, X03)."""
    SPONSOR = "sponsor"
    """Opens the meeting: why it was called, objectives, deliverables (X03)."""


@frozen(kw_only=True)
class Person:
    """Someone taking part: a value, compared and deduplicated by email.

    Attributes:
        name: the name to show, e.g. in calendar invites.
        email: a plausible address; two people with the same address
            (ignoring case) are the same person.
        organisation: the organisation they work for (M12: outsiders).
        unit: their unit or department (M09, M10).
        job_title: their role at work.
        grade: seniority as a number, higher is more senior; used to spot a
            visitor above the caller in the caller's own line (M10).
        expertise: tags for what they know (M09: diversity).
        timezone: the IANA zone they work in (X05: overlap windows).
        reports_to: the email of their line manager, if known (M10).
    """

    name: str
    email: str
    organisation: str = ""
    unit: str = ""
    job_title: str = ""
    grade: int | None = None
    expertise: tuple[str, ...] = ()
    timezone: str | None = None
    reports_to: str | None = None

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("name", required=True)
        c.email("email")
        c.text("organisation")
        c.text("unit")
        c.text("job_title")
        c.integer("grade", optional=True)
        c.texts("expertise")
        c.zone("timezone", optional=True)
        c.email("reports_to", optional=True)
        c.done()

    @property
    def key(self) -> str:
        """The identity used to match people: the email, case-folded."""
        # A plain property: a cached one would give the class a __getattr__
        # hook, which slows every attribute read of every person.
        return self.email.casefold()


@frozen(kw_only=True)
class HostTeam:
    """The team facing the problem, with the caller who owns it.

    Attributes:
        organisation: the host organisation.
        unit: the host unit or department.
        caller: the person who calls the assist (part of the team).
        members: the rest of the host team.
    """

    caller: Person
    organisation: str = ""
    unit: str = ""
    members: tuple[Person, ...] = ()

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.instance("caller", Person)
        c.text("organisation")
        c.text("unit")
        members = c.items("members", Person)
        if isinstance(self.caller, Person) and all(isinstance(m, Person) for m in members):
            paths = ["caller"] + [f"members[{i}]" for i in range(len(members))]
            emails = [self.caller.email] + [m.email for m in members]
            c.unique_people(lambda i: paths[i], emails)
        c.done()

    @property
    def everyone(self) -> tuple[Person, ...]:
        """The caller followed by the other members."""
        return (self.caller, *self.members)

    def __contains__(self, person: object) -> bool:
        return isinstance(person, Person) and any(p.key == person.key for p in self.everyone)
