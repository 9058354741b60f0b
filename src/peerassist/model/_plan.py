"""What is known before the meeting: purpose, research and logistics.

Covers M01-M08, M13-M16, M27, X01 and X03-X05.
"""

from __future__ import annotations

from peerassist._attrs import frozen
from peerassist._time import Date, DateTime, zone_name
from peerassist.model._check import Checker

DEFAULT_GROUND_RULES: tuple[str, ...] = (
    "The purpose and everyone's role are clear before we start.",
    "The host team listens to learn, not to defend.",
    "Visitors share what they know without adding to the host team's workload.",
    "We focus on the activity, not on individuals.",
)
"""The ground rules the method asks for at the start of the meeting (M16)."""


@frozen(kw_only=True)
class Readiness:
    """Whether a peer assist is the right tool yet (X01, M27).

    Each answer is ``True``, ``False`` or ``None`` (not yet considered).

    Attributes:
        knowledge_is_complex: the knowledge needed is complex and not yet in
            standards or guidance.
        already_searched: the team has searched what is written down already.
        scope_is_clear: the problem's scope is clear.
        not_yet_committed: the team has not yet committed to a course of action.
        saving_exceeds_cost: the expected saving outweighs the cost.
    """

    knowledge_is_complex: bool | None = None
    already_searched: bool | None = None
    scope_is_clear: bool | None = None
    not_yet_committed: bool | None = None
    saving_exceeds_cost: bool | None = None

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        for name in (
            "knowledge_is_complex",
            "already_searched",
            "scope_is_clear",
            "not_yet_committed",
            "saving_exceeds_cost",
        ):
            c.boolean(name, optional=True)
        c.done()


@frozen(kw_only=True)
class Purpose:
    """Why the assist is called (M01, M02, M13, M27, X01).

    Attributes:
        problem: the specific problem the host team wants help with (M01).
        learning_aim: what the team wants to learn; learning, not endorsement
            of a decision already made (M02).
        outcomes: what the team hopes to come away with.
        deliverables: what the visitors deliver: options and insights, never
            an answer (M13).
        decision_date: when the host team will decide; the meeting must come
            early enough before it (M07).
        benefit_cost: why the benefits outweigh the costs, e.g. travel (M27).
        readiness: the readiness checklist (X01).
    """

    problem: str = ""
    learning_aim: str = ""
    outcomes: tuple[str, ...] = ()
    deliverables: tuple[str, ...] = ("options", "insights")
    decision_date: Date | None = None
    benefit_cost: str = ""
    readiness: Readiness = Readiness()

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("problem", single_line=False)
        c.text("learning_aim", single_line=False)
        c.texts("outcomes")
        c.texts("deliverables")
        c.date("decision_date", optional=True)
        c.text("benefit_cost", single_line=False)
        c.instance("readiness", Readiness)
        c.done()


@frozen(kw_only=True)
class PriorWork:
    """Someone who already solved or tackled a similar problem (M03).

    Attributes:
        who: the person, team or organisation.
        what: what they did.
        when: when, if known.
        source: where it was found: a link, a report, a conversation.
    """

    who: str
    what: str = ""
    when: Date | None = None
    source: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("who", required=True)
        c.text("what", single_line=False)
        c.date("when", optional=True)
        c.text("source")
        c.done()


@frozen(kw_only=True)
class RelatedTeam:
    """A team tackling a similar problem now, who may join or benefit (M04).

    Attributes:
        team: the team's name.
        organisation: its organisation.
        contact: an email to reach it, if known.
        plans_shared_on: when the host team shared its plans with it (M04).
    """

    team: str
    organisation: str = ""
    contact: str | None = None
    plans_shared_on: Date | None = None

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("team", required=True)
        c.text("organisation")
        c.email("contact", optional=True)
        c.date("plans_shared_on", optional=True)
        c.done()


@frozen(kw_only=True)
class Research:
    """Who else has tackled the problem, and where the team looked (M03, M04).

    Attributes:
        prior_work: who already solved or tackled something similar.
        related_teams: teams tackling a similar problem now.
        sources_searched: where the team searched (databases, networks...).
    """

    prior_work: tuple[PriorWork, ...] = ()
    related_teams: tuple[RelatedTeam, ...] = ()
    sources_searched: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.items("prior_work", PriorWork)
        c.items("related_teams", RelatedTeam)
        c.texts("sources_searched")
        c.done()

    @property
    def is_empty(self) -> bool:
        """True when nothing at all has been recorded."""
        return not (self.prior_work or self.related_teams or self.sources_searched)


def _check_span(c: Checker) -> None:
    start = c.instant("start")
    end = c.instant("end")
    if start is not None and end is not None:
        if zone_name(start) != zone_name(end):
            c.add("end", f"a time in the same zone as start ({zone_name(start)})", zone_name(end))
        # Compare instants, not wall times: pendulum's same-zone comparison
        # ignores the offset in the repeated hour of a clock change.
        elif end.timestamp() <= start.timestamp():
            c.add("end", f"a time after start ({start.isoformat()})", end.isoformat())


@frozen(kw_only=True)
class MeetingWindow:
    """A span of meeting time, in the meeting's IANA zone (M08, X05).

    A multi-day assist has one window per day. ``start`` and ``end`` are
    aware and in the same named zone; ``end`` is after ``start``.
    """

    start: DateTime
    end: DateTime

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        _check_span(c)
        c.done()

    @property
    def zone(self) -> str:
        """The IANA zone name of the window."""
        return zone_name(self.start)

    @property
    def length(self) -> float:
        """The length in seconds (absolute time, so clock changes count)."""
        return (self.end - self.start).total_seconds()


@frozen(kw_only=True)
class Recording:
    """The agreement on whether, and by whom, the meeting is recorded (M06).

    Attributes:
        recorded: whether the meeting is recorded.
        by: the email of the person recording (the recorder, X03).
        agreed_at: when it was agreed; must be before the meeting.
    """

    recorded: bool
    by: str | None = None
    agreed_at: DateTime | None = None

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.boolean("recorded")
        c.email("by", optional=True)
        c.instant("agreed_at", optional=True)
        c.done()


@frozen(kw_only=True)
class Briefing:
    """A briefing material sent to participants in advance (M14).

    Attributes:
        title: what it is.
        url: where to find it.
        sent_at: when it was sent, if it has been.
    """

    title: str
    url: str = ""
    sent_at: DateTime | None = None

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("title", required=True)
        c.text("url")
        c.instant("sent_at", optional=True)
        c.done()


@frozen(kw_only=True)
class SocialTime:
    """Time to socialise: a dinner the night before, or coffee at the start (M15).

    Attributes:
        kind: what it is, e.g. ``"dinner"`` or ``"coffee"``.
        start: when it starts.
        end: when it ends.
        venue: where.
    """

    kind: str
    start: DateTime
    end: DateTime
    venue: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("kind", required=True)
        _check_span(c)
        c.text("venue")
        c.done()


@frozen(kw_only=True)
class Logistics:
    """When, where and how the meeting happens (M05, M06, M08, M14-M16, X03-X05).

    Attributes:
        windows: the meeting's time, one window per day, in time order.
        venue: where it is held, if in person.
        virtual_url: the link to join, if virtual or hybrid (X05).
        recording: the recording agreement (M06).
        briefing: the briefing materials (M14).
        social: the social time (M15).
        ground_rules: the ground rules stated at the start (M16).
        pre_brief: a short pre-brief with the facilitator, usually the day
            before (X04).
    """

    windows: tuple[MeetingWindow, ...] = ()
    venue: str = ""
    virtual_url: str = ""
    recording: Recording | None = None
    briefing: tuple[Briefing, ...] = ()
    social: SocialTime | None = None
    ground_rules: tuple[str, ...] = DEFAULT_GROUND_RULES
    pre_brief: MeetingWindow | None = None

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        windows = c.items("windows", MeetingWindow)
        for index in range(1, len(windows)):
            before, after = windows[index - 1], windows[index]
            if isinstance(before, MeetingWindow) and isinstance(after, MeetingWindow):
                if after.start.timestamp() < before.end.timestamp():
                    c.add(
                        f"windows[{index}].start",
                        f"a time after the previous window's end ({before.end.isoformat()})",
                        after.start.isoformat(),
                    )
                if after.zone != before.zone:
                    c.add(f"windows[{index}].start", f"a time in {before.zone}", after.zone)
        c.text("venue")
        c.text("virtual_url")
        c.instance("recording", Recording, optional=True)
        c.items("briefing", Briefing)
        c.instance("social", SocialTime, optional=True)
        c.texts("ground_rules")
        c.instance("pre_brief", MeetingWindow, optional=True)
        c.done()

    @property
    def start(self) -> DateTime | None:
        """When the meeting starts, if scheduled."""
        return self.windows[0].start if self.windows else None

    @property
    def end(self) -> DateTime | None:
        """When the meeting ends, if scheduled."""
        return self.windows[-1].end if self.windows else None

    @property
    def zone(self) -> str | None:
        """The meeting's IANA zone, if scheduled."""
        return self.windows[0].zone if self.windows else None
