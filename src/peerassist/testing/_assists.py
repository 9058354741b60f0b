"""Realistic assists at any state, for tests (ours and users')."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from peerassist._attrs import evolve, fields
from peerassist._time import UTC, Date, DateTime, add_working_days, utc_now
from peerassist.exceptions import InputError
from peerassist.model import (
    ActionItem,
    ActionStatus,
    AfterActionReview,
    Analysis,
    AuditEntry,
    Briefing,
    ContextNotes,
    Evidence,
    EvidenceKind,
    FeedbackItem,
    FeedbackKind,
    FollowUp,
    HostTeam,
    InfoNeed,
    Lesson,
    Logistics,
    MeetingNotes,
    MeetingWindow,
    PeerAssist,
    PriorWork,
    Purpose,
    Questions,
    Readiness,
    Recording,
    RelatedTeam,
    Research,
    Sharing,
    SocialTime,
    Takeaway,
)

if TYPE_CHECKING:
    from peerassist.workflow import WorkflowSpec

from peerassist.testing._cast import (
    CALLER,
    FACILITATOR,
    HOST_MEMBERS,
    RECORDER,
    SPONSOR,
    VISITORS,
    ZONE,
)

PATH: tuple[tuple[str, str, str], ...] = (
    ("begin_research", "scoping", "research"),
    ("schedule", "research", "scheduling"),
    ("start_meeting", "scheduling", "quarter_1"),
    ("start_questions", "quarter_1", "quarter_2"),
    ("start_analysis", "quarter_2", "quarter_3"),
    ("start_presentation", "quarter_3", "quarter_4"),
    ("end_meeting", "quarter_4", "feedback"),
    ("begin_follow_up", "feedback", "follow_up"),
    ("close", "follow_up", "closed"),
)
"""The default workflow's forward path: (trigger, source, dest)."""

STATES: tuple[str, ...] = ("scoping", *(dest for _, _, dest in PATH))


def _local_day(instant: DateTime) -> Date:
    local = instant.in_tz(ZONE)
    return Date(local.year, local.month, local.day)


def _at(day: Date, hour: int, minute: int = 0) -> DateTime:
    return DateTime.create(day.year, day.month, day.day, hour, minute, tz=ZONE)


def _meeting_day(state: str, now: DateTime) -> Date:
    """The first meeting day, placed where a real assist in ``state`` has it."""
    today = _local_day(now)
    index = STATES.index(state) if state in STATES else 0
    if index <= STATES.index("scheduling"):
        # Not yet met: the meeting is about two weeks ahead.
        return add_working_days(today, 10)
    if index <= STATES.index("quarter_4"):
        # In the meeting: it started today.
        return today
    if state == "feedback":
        return add_working_days(today, -2)
    # Follow-up and closed: the meeting was a while ago.
    return add_working_days(today, -30)


def _build(state: str, now: DateTime) -> PeerAssist:
    index = STATES.index(state)
    day1 = _meeting_day(state, now)
    day2 = add_working_days(day1, 1)
    decision = add_working_days(day2, 25)
    assist = PeerAssist(
        id="pa-ed-front-door",
        title="Redesigning the emergency department front door",
        host=HostTeam(
            caller=CALLER,
            organisation="St Elsewhere NHS Foundation Trust",
            unit="Emergency Department",
            members=HOST_MEMBERS,
        ),
        purpose=Purpose(
            problem=(
                "Ambulance handover delays at our front door have doubled in two winters;"
                " we must redesign streaming before next winter."
            ),
            learning_aim=(
                "Learn how other urgent care services stream patients at the front door,"
                " what they tried and what they would do differently."
            ),
            outcomes=("A shortlist of streaming models to test", "Contacts to keep learning from"),
            deliverables=("options", "insights"),
            decision_date=decision,
            benefit_cost=(
                "A day and a half of eight people's time against a redesign costing"
                " about two million pounds; visitors travel under two hours."
            ),
            readiness=Readiness(
                knowledge_is_complex=True,
                already_searched=True,
                scope_is_clear=True,
                not_yet_committed=True,
                saving_exceeds_cost=True,
            ),
        ),
    )
    if index >= STATES.index("research"):
        assist.research = Research(
            prior_work=(
                PriorWork(
                    who="Northfield Hospitals NHS Trust",
                    what="Introduced a same-day emergency care stream at triage",
                    when=Date(2024, 11, 1),
                    source="https://northfield.nhs.example/sdec-evaluation",
                ),
                PriorWork(
                    who="Westvale Community Health",
                    what="Co-located an urgent treatment centre with the emergency department",
                    source="Regional urgent care network meeting notes",
                ),
            ),
            related_teams=(
                RelatedTeam(
                    team="Paediatric Emergency Department",
                    organisation="St Elsewhere NHS Foundation Trust",
                    contact="chloe.martin@stelsewhere.nhs.example",
                    plans_shared_on=add_working_days(day1, -30),
                ),
            ),
            sources_searched=(
                "NHS Knowledge and Library Services evidence search",
                "Regional urgent care network",
            ),
        )
    if index >= STATES.index("scheduling"):
        assist.visitors = VISITORS
        assist.visitors_chosen_by = CALLER.email
        assist.facilitator = FACILITATOR
        assist.recorder = RECORDER
        assist.sponsor = SPONSOR
        # Sent eight working days ahead, or just now for a meeting that close.
        sent = min(_at(add_working_days(day1, -8), 10), now.subtract(hours=1), key=_utc)
        assist.logistics = Logistics(
            windows=(
                MeetingWindow(start=_at(day1, 9), end=_at(day1, 17)),
                MeetingWindow(start=_at(day2, 9), end=_at(day2, 13)),
            ),
            venue="Education Centre, St Elsewhere Hospital",
            recording=Recording(
                recorded=False,
                by=RECORDER.email,
                agreed_at=_at(add_working_days(day1, -12), 11),
            ),
            briefing=(
                Briefing(
                    title="Front door briefing pack",
                    url="https://stelsewhere.nhs.example/peer-assist/front-door-briefing.pdf",
                    sent_at=sent,
                ),
            ),
            social=SocialTime(
                kind="dinner",
                start=_at(day1.subtract(days=1), 19),
                end=_at(day1.subtract(days=1), 21),
                venue="The Crown, Market Street",
            ),
            pre_brief=MeetingWindow(
                start=_at(day1.subtract(days=1), 16), end=_at(day1.subtract(days=1), 16, 30)
            ),
        )
    meeting = MeetingNotes()
    if index >= STATES.index("quarter_1"):
        meeting = evolve(
            meeting,
            context=ContextNotes(
                notes="Handover delays peak between 16:00 and 22:00; streaming is nurse-led.",
                redefined_problem=(
                    "Flow out of the department, not streaming at the door, drives the delays."
                ),
            ),
        )
    if index >= STATES.index("quarter_2"):
        meeting = evolve(
            meeting,
            questions=Questions(
                surprises=("No senior decision-maker at triage in the evening",),
                expected_missing=("Data on discharge times from the wards",),
                info_needs=(
                    InfoNeed(need="Ward discharge times by hour", where="Trust data warehouse"),
                ),
            ),
        )
    if index >= STATES.index("quarter_3"):
        meeting = evolve(
            meeting,
            analysis=Analysis(
                options=("Senior clinician at triage 16:00-22:00", "Direct streaming to SDEC"),
                insights=("Evening staffing, not layout, is the constraint",),
            ),
        )
    if index >= STATES.index("quarter_4"):
        meeting = evolve(
            meeting,
            feedback=(
                FeedbackItem(
                    text="Your triage nurses know the patients well and the data is good.",
                    kind=FeedbackKind.LEARNED,
                    positive=True,
                ),
                FeedbackItem(
                    text=(
                        "At Northfield, putting a consultant at triage in the evening cut"
                        " handover delays by a third within three months."
                    ),
                    kind=FeedbackKind.WORKED_ELSEWHERE,
                    positive=True,
                ),
                FeedbackItem(
                    text="One option we see is streaming minor injuries to the UTC at the door.",
                    kind=FeedbackKind.OPTION,
                ),
            ),
        )
    assist.meeting = meeting
    if index >= STATES.index("feedback"):
        assist.follow_up = FollowUp(
            acknowledgement="Thank you all for a day and a half of generous, candid help.",
            action_list_due=add_working_days(day2, 8),
            takeaways=(
                Takeaway(
                    visitor=VISITORS[0].email,
                    text="Your evening data dashboards are worth copying.",
                ),
                Takeaway(
                    visitor=VISITORS[3].email,
                    text="Hear-and-treat numbers could feed the front-door forecast.",
                ),
            ),
        )
    if index >= STATES.index("follow_up"):
        assist.follow_up = evolve(
            assist.follow_up,
            actions=(
                ActionItem(
                    title="Ask the data warehouse team for ward discharge times by hour",
                    owner=CALLER.email,
                    due=add_working_days(day2, 5),
                    status=ActionStatus.DONE,
                ),
                ActionItem(
                    title="Pilot a senior clinician at triage 16:00-22:00",
                    owner=HOST_MEMBERS[0].email,
                    due=add_working_days(day2, 45),
                    prompted_by="options[0]",
                ),
            ),
            lessons=(
                Lesson(
                    text="Evening senior decision-making at triage reduces handover delays.",
                    evidence=(
                        Evidence(kind=EvidenceKind.EXPERIENCE, source="Northfield SDEC pilot"),
                        Evidence(
                            kind=EvidenceKind.RESEARCH,
                            source="https://www.rcem.ac.uk/ (senior triage evidence review)",
                        ),
                    ),
                ),
            ),
            aar=AfterActionReview(
                planned_on=add_working_days(day2, 10),
                held_on=add_working_days(day2, 10),
                supposed_to_happen="Options for the front door redesign.",
                actually_happened="Options, and the problem redefined as flow out of the ED.",
                why_different="Visitors asked for ward discharge data we had not looked at.",
                sustain_or_improve="Sustain the pre-brief; improve by sending data earlier.",
            ),
            shared_with=(
                Sharing(
                    audience="Regional urgent care network",
                    on=add_working_days(day2, 15),
                    how="Network meeting talk",
                ),
            ),
        )
    return assist


def _utc(instant: DateTime) -> DateTime:
    return instant.in_tz(UTC)


def _timeline(state: str, now: DateTime) -> list[DateTime]:
    """When each step up to ``state`` happened in a real assist: creation and
    research weeks before the meeting, each quarter inside the meeting's
    windows (three hours each), the follow-up after it."""
    day1 = _meeting_day(state, now)
    day2 = add_working_days(day1, 1)
    times = [
        _at(add_working_days(day1, -40), 10),  # create
        _at(add_working_days(day1, -35), 10),  # begin_research
        _at(add_working_days(day1, -20), 10),  # schedule
        _at(day1, 9),  # start_meeting: quarter 1 is 09:00-12:00
        _at(day1, 12),  # start_questions: quarter 2 is 12:00-15:00
        _at(day1, 15),  # start_analysis: quarter 3 is 15:00-17:00 and 09:00-10:00
        _at(day2, 10),  # start_presentation: quarter 4 is 10:00-13:00
        _at(day2, 13),  # end_meeting
        _at(add_working_days(day2, 1), 10),  # begin_follow_up
        now.subtract(minutes=1),  # close
    ]
    return [_utc(t) for t in times[: STATES.index(state) + 1]]


def _history(state: str, now: DateTime) -> list[AuditEntry]:
    steps = STATES.index(state)
    times = _timeline(state, now)
    in_order = all(_utc(a) < _utc(b) for a, b in itertools.pairwise(times))
    if not in_order or _utc(times[-1]) >= _utc(now):
        # ``now`` falls before the real timeline's last step (e.g. in the
        # morning of the meeting): one step a day, ending a minute ago.
        times = [now.in_tz(UTC).subtract(days=steps - i, minutes=1) for i in range(steps + 1)]
    entries = [
        AuditEntry(event="create", source=None, dest="scoping", at=times[0], actor=CALLER.email)
    ]
    for (trigger, source, dest), at in zip(PATH[:steps], times[1:], strict=True):
        entries.append(
            AuditEntry(event=trigger, source=source, dest=dest, at=at, actor=CALLER.email)
        )
    return entries


def _initial(spec: WorkflowSpec) -> str:
    initial = spec.initial
    assert initial is not None  # a built spec always has one
    return initial


def _spec_path(spec: WorkflowSpec, goal: str) -> list[tuple[str, str, str]]:
    """The shortest way from the spec's initial state to ``goal`` as
    (trigger, source, dest), forward transitions preferred."""
    start = _initial(spec)
    previous: dict[str, tuple[str, str, str] | None] = {start: None}
    frontier = [start]
    while frontier and goal not in previous:
        following: list[str] = []
        for here in frontier:
            options = sorted(spec.transitions_from(here), key=lambda t: not t.forward)
            for t in options:
                if t.dest not in previous:
                    previous[t.dest] = (t.trigger, here, t.dest)
                    following.append(t.dest)
        frontier = following
    if goal not in previous:
        raise InputError.single("state", f"a state reachable in {spec.name!r}", repr(goal))
    path: list[tuple[str, str, str]] = []
    step = previous[goal]
    while step is not None:
        path.append(step)
        step = previous[step[1]]
    return path[::-1]


def _content_level(spec: WorkflowSpec, path: list[tuple[str, str, str]]) -> str:
    """The furthest default state the path passes through (a custom state
    counts as the one it is checked as), to fill the assist as far."""
    level = "scoping"
    for name in [_initial(spec), *(dest for _, _, dest in path)]:
        for candidate in (name, spec.phase_of(name)):
            if candidate in STATES and STATES.index(candidate) > STATES.index(level):
                level = candidate
    return level


def _make_for_spec(spec: WorkflowSpec, state: str, now: DateTime) -> PeerAssist:
    if state not in spec.states:
        known = ", ".join(spec.states)
        raise InputError.single("state", f"one of {known}", repr(state))
    path = _spec_path(spec, state)
    level = _content_level(spec, path)
    assist = _build(level, now)
    times = [now.in_tz(UTC).subtract(days=len(path) - i, minutes=1) for i in range(len(path) + 1)]
    history = [
        AuditEntry(
            event="create", source=None, dest=_initial(spec), at=times[0], actor=CALLER.email
        )
    ]
    for (trigger, source, dest), at in zip(path, times[1:], strict=True):
        history.append(
            AuditEntry(event=trigger, source=source, dest=dest, at=at, actor=CALLER.email)
        )
    assist.state = state
    assist.history = history
    assist.revision = len(history) - 1
    return assist


def make_assist(
    state: str = "scoping",
    *,
    now: DateTime | None = None,
    spec: WorkflowSpec | None = None,
    **overrides: Any,
) -> PeerAssist:
    """Return a realistic assist in ``state``: a hospital emergency department
    preparing a front-door redesign.

    It holds everything a real one holds by the time it leaves that state
    (an assist in ``quarter_1`` already has its quarter-1 notes): the
    built-in rules find nothing in it at that state (no error, warning or
    note), and the default workflow's forward trigger from it passes. Its
    dates are placed around ``now`` as they would be for a real assist in
    that state (a scheduled meeting is two weeks ahead, a closed one a month
    behind), and its ``history`` holds the creation and every transition
    that led there; once the meeting is over, each quarter's transition
    falls inside the meeting's windows, three hours a quarter.

    With ``spec``, the assist is in a state of that workflow (your own
    ``approval`` state too): its history walks the spec's shortest way there
    (forward transitions first), and its content is filled as far as the
    furthest default state on that way (a state you mapped with
    ``checks_as`` counts as the state it is checked as).

    Args:
        state: one of the default workflow's states, or ``"cancelled"``; with
            ``spec``, any state of the spec.
        now: the instant the assist is seen at (the real clock if omitted).
        spec: a :class:`~peerassist.workflow.WorkflowSpec` (the default
            workflow if omitted).
        **overrides: fields of :class:`~peerassist.PeerAssist` to replace.

    Raises:
        InputError: for an unknown or unreachable state or a bad override.
    """
    if now is None:
        now = utc_now()
    from peerassist.workflow import DEFAULT_WORKFLOW, WorkflowSpec

    if spec is not None and not isinstance(spec, WorkflowSpec):
        raise InputError.single("spec", "a WorkflowSpec", type(spec).__name__)
    if spec is not None and spec is not DEFAULT_WORKFLOW:
        assist = _make_for_spec(spec, state, now)
    elif state == "cancelled":
        assist = _build("scheduling", now)
        history = _history("scheduling", now)
        history.append(
            AuditEntry(
                event="cancel",
                source="scheduling",
                dest="cancelled",
                at=now.in_tz(UTC),
                actor=CALLER.email,
                note="Redesign postponed by the board.",
            )
        )
    elif state in STATES:
        assist = _build(state, now)
        history = _history(state, now)
    else:
        known = ", ".join((*STATES, "cancelled"))
        raise InputError.single("state", f"one of {known}", repr(state))
    if spec is None or spec is DEFAULT_WORKFLOW:
        assist.state = state
        assist.history = history
        assist.revision = len(history) - 1
    names = {f.name for f in fields(PeerAssist)}
    for name, value in overrides.items():
        if name not in names:
            raise InputError.single(name, "a field of PeerAssist", repr(name))
        setattr(assist, name, value)
    return assist
