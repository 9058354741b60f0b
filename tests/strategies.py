"""Hypothesis strategies for the whole domain model.

Every strategy draws *valid* values only: whatever it gives, the model
accepts. They lean towards the awkward cases: non-ASCII and multi-line text,
every IANA zone this machine knows, times in the repeated hour when clocks
go back (given once with pendulum, once as a standard ``datetime`` with a
``zoneinfo`` zone, which the model converts), and sequences that must stay
in order.

Import what you need: ``from strategies import assists, instants``.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import zoneinfo
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from peerassist._time import UTC, DateTime, known_zones
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
    Person,
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
from peerassist.testing import STATES

T = TypeVar("T")

ZONES: tuple[str, ...] = tuple(sorted(known_zones()))
"""Every IANA zone name this machine knows, plus UTC."""

DST_ZONES: tuple[str, ...] = (
    "Europe/London",
    "Europe/Dublin",  # "winter time" is the negative DST
    "America/New_York",
    "America/Santiago",  # southern hemisphere
    "Australia/Lord_Howe",  # a 30-minute change
    "Pacific/Chatham",  # a +12:45 offset
)
"""Zones whose clocks change, for the repeated hour."""

_REFUSED = {chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)} | {
    chr(c) for c in range(0x7F, 0xA0)
}
_LINE = st.characters(codec="utf-8", exclude_characters=_REFUSED | {"\r", "\n"})
_BLOCK = st.characters(codec="utf-8", exclude_characters=_REFUSED)


def maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """Draw from ``strategy`` or None."""
    return st.none() | strategy


@functools.cache
def texts(
    *, required: bool = False, single_line: bool = True, max_size: int = 40
) -> st.SearchStrategy[str]:
    """Text the model accepts: any Unicode but the refused control characters.

    Args:
        required: never empty or only whitespace.
        single_line: without CR or LF (other Unicode line separators stay).
        max_size: the most characters.
    """
    strategy = st.text(_LINE if single_line else _BLOCK, min_size=int(required), max_size=max_size)
    return strategy.filter(str.strip) if required else strategy


@functools.cache
def labels() -> st.SearchStrategy[tuple[str, ...]]:
    """A short tuple of non-empty, single-line texts (tags, options...)."""
    return st.lists(texts(required=True, max_size=15), max_size=3).map(tuple)


_ATOM = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_+-'éøßü名"),
    min_size=1,
    max_size=8,
)
_LOCAL = st.lists(_ATOM, min_size=1, max_size=2).map(".".join)
_LABEL = st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9]{0,8}[A-Za-z0-9])?", fullmatch=True)
_TOP = st.sampled_from(("org", "com", "example", "uk", "nhs", "io"))


@functools.cache
def emails() -> st.SearchStrategy[str]:
    """Valid email addresses (dot-atoms), including non-ASCII local parts."""
    return st.builds(
        lambda local, domain, top: f"{local}@{'.'.join(domain)}.{top}",
        _LOCAL,
        st.lists(_LABEL, min_size=1, max_size=2),
        _TOP,
    )


@functools.cache
def zones() -> st.SearchStrategy[str]:
    """IANA zone names, common ones first when shrinking."""
    return st.sampled_from(("UTC", "Europe/London", *DST_ZONES, *ZONES))


def _offset(zone: str, utc: dt.datetime) -> dt.timedelta:
    offset = utc.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset()
    assert offset is not None
    return offset


def _fall_back(zone: str, year: int) -> tuple[dt.datetime, dt.timedelta] | None:
    """Find when clocks go back in ``zone`` during ``year`` (UTC), and by how much."""
    edges = [dt.datetime(year, month, 1, tzinfo=dt.UTC) for month in range(1, 13)]
    edges.append(dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC))
    for low, high in itertools.pairwise(edges):
        before, after = _offset(zone, low), _offset(zone, high)
        if after < before:
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _offset(zone, middle) == before:
                    low = middle
                else:
                    high = middle
            return high.replace(microsecond=0), before - after
    return None


@functools.cache
@st.composite
def _repeated_hour(draw: st.DrawFn, zone: str | None = None) -> dt.datetime:
    zone = zone or draw(st.sampled_from(DST_ZONES))
    year = draw(st.integers(1990, 2060))
    found = _fall_back(zone, year)
    if found is None:  # no change that year: any time will do
        return dt.datetime(year, 6, 1, 12, tzinfo=dt.UTC)
    change, back = found
    seconds = draw(st.integers(-int(back.total_seconds()), int(back.total_seconds()) - 1))
    return change + dt.timedelta(seconds=seconds)


_UTC_INSTANTS = st.datetimes(
    min_value=dt.datetime(1900, 1, 2),
    max_value=dt.datetime(2200, 12, 30),
    timezones=st.just(dt.UTC),
)
_NEAR_NOW = st.datetimes(
    min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2060, 1, 1), timezones=st.just(dt.UTC)
)


@functools.cache
@st.composite
def instants(draw: st.DrawFn, zone: str | None = None) -> Any:
    """Aware instants in an IANA zone, as pendulum or stdlib ``datetime``.

    A third of them fall in the repeated hour when clocks go back (each wall
    time there names two instants: only the offset tells them apart). Years
    run from 1900 to 2200 (the bounds the model keeps), so old local mean
    time offsets (``-00:01:15`` in London) appear too.

    Args:
        zone: the zone to use; drawn when omitted.
    """
    name = zone or draw(zones())
    kind = draw(st.sampled_from(("near", "repeated", "any")))
    if kind == "repeated" and (zone is None or name in DST_ZONES):
        if zone is None:
            name = draw(st.sampled_from(DST_ZONES))
        utc = draw(_repeated_hour(name))
    else:
        utc = draw(_NEAR_NOW if kind != "any" else _UTC_INSTANTS)
    if draw(st.booleans()):
        return utc.astimezone(zoneinfo.ZoneInfo(name) if name != "UTC" else dt.UTC)
    return DateTime.instance(utc, tz=UTC).in_tz(name)


@functools.cache
def dates() -> st.SearchStrategy[dt.date]:
    """Calendar dates (stdlib; the model makes them pendulum Dates)."""
    return st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


def _in_zone(value: Any, zone: str) -> Any:
    if isinstance(value, DateTime):
        return value.in_tz(zone)
    return value.astimezone(zoneinfo.ZoneInfo(zone) if zone != "UTC" else dt.UTC)


@functools.cache
@st.composite
def _spans(draw: st.DrawFn, count: int, zone: str | None = None) -> list[tuple[Any, Any]]:
    """``count`` ordered, non-overlapping (start, end) pairs in one zone."""
    name = zone or draw(zones())
    start = draw(instants(zone=name))
    result = []
    for _ in range(count):
        # Add in UTC: adding to a wall time in the repeated hour of a clock
        # change can lose the fold and land before the start.
        end = _in_zone(
            _in_zone(start, "UTC") + dt.timedelta(seconds=draw(st.integers(60, 2 * 86400))), name
        )
        result.append((start, end))
        start = _in_zone(
            _in_zone(end, "UTC") + dt.timedelta(seconds=draw(st.integers(0, 86400))), name
        )
    return result


@functools.cache
def people() -> st.SearchStrategy[Person]:
    """Anyone taking part."""
    return st.builds(
        Person,
        name=texts(required=True),
        email=emails(),
        organisation=texts(),
        unit=texts(),
        job_title=texts(),
        grade=maybe(st.integers(-(2**63), 2**63 - 1)),
        expertise=labels(),
        timezone=maybe(zones()),
        reports_to=maybe(emails()),
    )


@functools.cache
def teams(min_size: int = 0, max_size: int = 4) -> st.SearchStrategy[list[Person]]:
    """People with distinct emails (ignoring case), as one team holds them."""
    return st.lists(people(), min_size=min_size, max_size=max_size, unique_by=lambda p: p.key)


@functools.cache
@st.composite
def host_teams(draw: st.DrawFn) -> HostTeam:
    """A host team: a caller and distinct members."""
    team = draw(teams(min_size=1))
    return HostTeam(
        caller=team[0], organisation=draw(texts()), unit=draw(texts()), members=tuple(team[1:])
    )


@functools.cache
def purposes() -> st.SearchStrategy[Purpose]:
    """Why an assist is called."""
    return st.builds(
        Purpose,
        problem=texts(single_line=False),
        learning_aim=texts(single_line=False),
        outcomes=labels(),
        deliverables=labels(),
        decision_date=maybe(dates()),
        benefit_cost=texts(single_line=False),
        readiness=st.builds(
            Readiness,
            knowledge_is_complex=maybe(st.booleans()),
            already_searched=maybe(st.booleans()),
            scope_is_clear=maybe(st.booleans()),
            not_yet_committed=maybe(st.booleans()),
            saving_exceeds_cost=maybe(st.booleans()),
        ),
    )


@functools.cache
def researches() -> st.SearchStrategy[Research]:
    """Prior work, related teams and sources searched."""
    prior = st.builds(
        PriorWork,
        who=texts(required=True),
        what=texts(single_line=False),
        when=maybe(dates()),
        source=texts(),
    )
    related = st.builds(
        RelatedTeam,
        team=texts(required=True),
        organisation=texts(),
        contact=maybe(emails()),
        plans_shared_on=maybe(dates()),
    )
    return st.builds(
        Research,
        prior_work=st.lists(prior, max_size=2).map(tuple),
        related_teams=st.lists(related, max_size=2).map(tuple),
        sources_searched=labels(),
    )


@functools.cache
def windows(zone: str | None = None) -> st.SearchStrategy[MeetingWindow]:
    """One meeting window (end after start, one zone)."""
    return _spans(1, zone).map(lambda spans: MeetingWindow(start=spans[0][0], end=spans[0][1]))


@functools.cache
@st.composite
def logistics(draw: st.DrawFn) -> Logistics:
    """Windows in order in one zone, venue, recording, briefing, social time."""
    zone = draw(zones())
    spans = draw(_spans(draw(st.integers(0, 3)), zone))
    social = None
    if draw(st.booleans()):
        ((start, end),) = draw(_spans(1))
        social = SocialTime(
            kind=draw(texts(required=True)), start=start, end=end, venue=draw(texts())
        )
    return Logistics(
        windows=tuple(MeetingWindow(start=s, end=e) for s, e in spans),
        venue=draw(texts()),
        virtual_url=draw(texts()),
        recording=draw(
            maybe(
                st.builds(
                    Recording,
                    recorded=st.booleans(),
                    by=maybe(emails()),
                    agreed_at=maybe(instants()),
                )
            )
        ),
        briefing=tuple(
            draw(
                st.lists(
                    st.builds(
                        Briefing, title=texts(required=True), url=texts(), sent_at=maybe(instants())
                    ),
                    max_size=2,
                )
            )
        ),
        social=social,
        ground_rules=draw(labels()),
        pre_brief=draw(maybe(windows())),
    )


@functools.cache
def meeting_notes() -> st.SearchStrategy[MeetingNotes]:
    """What the four quarters produced."""
    return st.builds(
        MeetingNotes,
        context=st.builds(
            ContextNotes,
            notes=texts(single_line=False),
            redefined_problem=texts(single_line=False),
        ),
        questions=st.builds(
            Questions,
            surprises=labels(),
            expected_missing=labels(),
            info_needs=st.lists(
                st.builds(InfoNeed, need=texts(required=True), where=texts()), max_size=2
            ).map(tuple),
        ),
        analysis=st.builds(Analysis, options=labels(), insights=labels()),
        feedback=st.lists(
            st.builds(
                FeedbackItem,
                text=texts(required=True, single_line=False),
                kind=st.sampled_from(FeedbackKind),
                positive=st.booleans(),
            ),
            max_size=3,
        ).map(tuple),
    )


@functools.cache
def follow_ups() -> st.SearchStrategy[FollowUp]:
    """Commitments, takeaways, lessons, the review and who it was shared with."""
    evidence = st.builds(Evidence, kind=st.sampled_from(EvidenceKind), source=texts(required=True))
    return st.builds(
        FollowUp,
        acknowledgement=texts(single_line=False),
        action_list_due=maybe(dates()),
        actions=st.lists(
            st.builds(
                ActionItem,
                title=texts(required=True),
                owner=emails(),
                due=dates(),
                status=st.sampled_from(ActionStatus),
                prompted_by=maybe(
                    st.builds(
                        "{}[{}]".format,
                        st.sampled_from(("options", "insights", "feedback")),
                        st.integers(0, 999_999),
                    )
                ),
            ),
            max_size=2,
        ).map(tuple),
        takeaways=st.lists(
            st.builds(Takeaway, visitor=emails(), text=texts(required=True, single_line=False)),
            max_size=2,
        ).map(tuple),
        lessons=st.lists(
            st.builds(
                Lesson,
                text=texts(required=True, single_line=False),
                evidence=st.lists(evidence, max_size=2).map(tuple),
            ),
            max_size=2,
        ).map(tuple),
        aar=maybe(
            st.builds(
                AfterActionReview,
                planned_on=maybe(dates()),
                held_on=maybe(dates()),
                supposed_to_happen=texts(single_line=False),
                actually_happened=texts(single_line=False),
                why_different=texts(single_line=False),
                sustain_or_improve=texts(single_line=False),
            )
        ),
        shared_with=st.lists(
            st.builds(Sharing, audience=texts(required=True), on=maybe(dates()), how=texts()),
            max_size=2,
        ).map(tuple),
    )


_STATE_NAMES = st.sampled_from((*STATES, "cancelled")) | st.from_regex(
    r"[a-z][a-z0-9_]{0,20}", fullmatch=True
)


@functools.cache
def audit_entries() -> st.SearchStrategy[AuditEntry]:
    """One line of an audit trail (the creation entry has no source)."""
    return st.builds(
        AuditEntry,
        event=texts(required=True),
        source=maybe(_STATE_NAMES),
        dest=_STATE_NAMES,
        at=instants(),
        actor=maybe(texts()),
        note=maybe(texts(single_line=False)),
        acknowledged=labels(),
    )


@st.composite
def histories(draw: st.DrawFn, state: str) -> list[AuditEntry]:
    """An audit trail as ``load`` accepts it: chained, in time order, ending at ``state``."""
    entries = draw(st.lists(audit_entries(), max_size=4))
    times = sorted((entry.at for entry in entries), key=lambda at: at.timestamp())
    result: list[AuditEntry] = []
    for index, entry in enumerate(entries):
        result.append(
            attrs.evolve(
                entry,
                source=entry.source if index == 0 else result[-1].dest,
                dest=state if index == len(entries) - 1 else entry.dest,
                at=times[index],
            )
        )
    return result


@functools.cache
def assist_ids() -> st.SearchStrategy[str]:
    """Ids from the safe alphabet."""
    return st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,40}", fullmatch=True)


@functools.cache
@st.composite
def assists(draw: st.DrawFn, state: str | None = None) -> PeerAssist:
    """A whole assist, in any state, with history and revision.

    Args:
        state: the state to put it in; drawn (default states, cancelled, or
            any valid state name) when omitted.
    """
    host = draw(host_teams())
    state = state or draw(_STATE_NAMES)
    history = draw(histories(state))
    transitions = sum(1 for entry in history if entry.source is not None)
    return PeerAssist(
        id=draw(assist_ids()),
        title=draw(texts(required=True)),
        host=host,
        visitors=tuple(draw(teams())),
        visitors_chosen_by=draw(maybe(emails())),
        facilitator=draw(maybe(people())),
        recorder=draw(maybe(people())),
        sponsor=draw(maybe(people())),
        profile=draw(maybe(st.sampled_from(("bp-nhs", "clinic", "retrospect")) | texts())),
        purpose=draw(purposes()),
        research=draw(researches()),
        logistics=draw(logistics()),
        meeting=draw(meeting_notes()),
        follow_up=draw(follow_ups()),
        state=state,
        revision=draw(st.integers(transitions, 2**63 - 1)),
        history=history,
    )
