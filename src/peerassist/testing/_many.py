"""Many varied assists at once, for registers, benchmarks and load tests."""

from __future__ import annotations

import random
from collections.abc import Iterator

from peerassist._attrs import evolve
from peerassist._time import DateTime, utc_now
from peerassist.exceptions import InputError
from peerassist.model import (
    Analysis,
    ContextNotes,
    HostTeam,
    Lesson,
    MeetingWindow,
    PeerAssist,
    Person,
)
from peerassist.testing._assists import STATES, make_assist

_DOMAINS = (
    "ambulance",
    "discharge",
    "theatre",
    "outpatient",
    "flood defence",
    "school admissions",
    "housing repairs",
    "library",
    "bus timetable",
    "call centre",
    "pharmacy",
    "care home",
    "road gritting",
    "recycling",
    "planning application",
    "volunteer",
    "laboratory",
    "patient transport",
    "mental health",
    "court",
    "warehouse",
    "software release",
    "customer complaint",
    "office energy",
    "maternity",
    "radiology",
    "child protection",
    "council tax",
    "parking permit",
    "water leakage",
    "broadband rollout",
    "payroll",
    "procurement",
    "vaccination",
    "dementia care",
    "bed management",
    "cyber security",
    "fleet maintenance",
    "grant funding",
    "apprenticeship",
)
_PROCESSES = (
    "handover",
    "scheduling",
    "waiting lists",
    "backlog",
    "staffing",
    "triage",
    "referrals",
    "bookings",
    "stock control",
    "reporting",
    "data quality",
    "recruitment",
    "rostering",
    "escalation",
    "turnaround",
    "forecasting",
    "complaints",
    "inspections",
    "onboarding",
    "contract management",
)
_PROBLEMS = (
    "{s} has got worse for two years and our fixes have not held",
    "we keep missing our targets on {s} every winter",
    "nobody owns {s} end to end and costs keep rising",
    "a new system for {s} went live and the queues doubled",
    "staff turnover is hurting {s} and morale is low",
    "delays in {s} are now the main cause of complaints",
    "{s} differs wildly between our three sites",
    "an inspection criticised {s} and we must respond by spring",
    "demand for {s} grew by a third after the merger",
    "errors in {s} reach the public before we catch them",
    "budget cuts mean {s} must run with fewer people",
    "{s} depends on spreadsheets only one analyst understands",
)
_AIMS = (
    "Learn how others improved {s} and what they would do differently.",
    "Learn what worked elsewhere for {s}, and what did not.",
    "Learn how similar teams measure and manage {s}.",
    "Learn how teams elsewhere redesigned {s} with the people who do the work.",
    "Learn which quick wins in {s} lasted beyond the first year.",
)
_LESSONS = (
    "Measure {s} weekly and share the figures with the front line.",
    "Give one person ownership of {s} across the whole pathway.",
    "Pilot changes to {s} on a small scale before rolling them out.",
    "Involve the people who do the work when redesigning {s}.",
    "Fix the data behind {s} before buying another system.",
    "Agree one definition of success for {s} with every site.",
    "Visit a team that already solved {s} before writing the business case.",
)
_ORGS = tuple(f"Organisation {i:02d}" for i in range(40))
_UNITS = ("Operations", "Quality", "Planning", "Service Delivery", "Improvement", "Analytics")


def _person(rng: random.Random, index: int) -> Person:
    org = _ORGS[index % len(_ORGS)]
    return Person(
        name=f"Person {index:05d}",
        email=f"person{index:05d}@org{index % len(_ORGS):02d}.example",
        organisation=org,
        unit=_UNITS[index % len(_UNITS)],
    )


def iter_assists(
    count: int,
    *,
    now: DateTime | None = None,
    seed: int = 0,
    people: int = 3000,
    span_days: int = 730,
) -> Iterator[PeerAssist]:
    """Yield ``count`` varied assists: different problems, teams, visitors,
    states and meeting dates, reproducibly from ``seed``.

    They are real assists (the model accepts them) made to fill registers
    and benchmarks; unlike :func:`make_assist`'s, the rules may find
    problems in them.

    Each is built from :func:`make_assist` at a random state with its
    problem, learning aim, host team, visitors and meeting date replaced:
    eight hundred subjects (a service and a process, like "ambulance
    handover"), a dozen ways to put a problem, a pool of ``people`` people (some invited far more
    often than others, as in real organisations), meetings spread over the
    ``span_days`` before ``now`` (and a few weeks after it).

    Args:
        count: how many.
        now: the instant they are seen at (the real clock if omitted).
        seed: the random seed; the same seed gives the same assists.
        people: the size of the pool of people.
        span_days: how far back meetings go.

    Raises:
        InputError: a bad count, pool size or span.
    """
    for name, value, least in (
        ("count", count, 0),
        ("people", people, 20),
        ("span_days", span_days, 1),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise InputError.single(name, f"a whole number, {least} or more", repr(value))
    instant = utc_now() if now is None else now
    rng = random.Random(seed)
    pool = [_person(rng, i) for i in range(people)]
    bases = {state: make_assist(state, now=instant) for state in STATES}
    for n in range(count):
        state = rng.choice(STATES)
        base = bases[state]
        subject = f"{rng.choice(_DOMAINS)} {rng.choice(_PROCESSES)}"
        # Some people are asked far more often than others (M11).
        picks = {min(int(rng.paretovariate(2.0)) - 1, people - 1) * 7 % people for _ in range(4)}
        while len(picks) < 6:
            picks.add(rng.randrange(people))
        chosen = [pool[i] for i in sorted(picks)]
        caller = pool[rng.randrange(people)]
        while caller in chosen:
            caller = pool[rng.randrange(people)]
        visitors = tuple(chosen)
        shift = rng.randrange(-span_days, 21)
        windows = tuple(
            MeetingWindow(start=w.start.add(days=shift), end=w.end.add(days=shift))
            for w in base.logistics.windows
        )
        problem = rng.choice(_PROBLEMS).format(s=subject)
        assist = evolve(
            base,
            id=f"pa-gen-{seed}-{n:06d}",
            title=f"{subject.capitalize()} ({caller.organisation})",
            host=HostTeam(caller=caller, organisation=caller.organisation, unit=caller.unit),
            purpose=evolve(
                base.purpose,
                problem=problem[0].upper() + problem[1:] + ".",
                learning_aim=rng.choice(_AIMS).format(s=subject),
            ),
            history=list(base.history),
        )
        if base.visitors:
            assist.visitors = visitors
            assist.visitors_chosen_by = caller.email
            assist.facilitator = None
            assist.recorder = None
            assist.sponsor = None
        if windows:
            assist.logistics = evolve(
                base.logistics, windows=windows, social=None, pre_brief=None, recording=None
            )
        if base.meeting.context.redefined_problem:
            assist.meeting = evolve(
                base.meeting,
                context=ContextNotes(
                    notes=base.meeting.context.notes,
                    redefined_problem=f"The root cause of {subject} is upstream of our team.",
                ),
                analysis=Analysis(
                    options=(f"Redesign {subject} with the front line",),
                    insights=(f"Demand for {subject} peaks on Mondays",),
                ),
            )
        if base.follow_up.lessons:
            shared = base.follow_up.shared_with if rng.random() < 0.5 else ()
            assist.follow_up = evolve(
                base.follow_up,
                lessons=(Lesson(text=rng.choice(_LESSONS).format(s=subject)),),
                shared_with=shared,
                takeaways=(),
                actions=(),
            )
        yield assist


def make_assists(count: int, *, now: DateTime | None = None, seed: int = 0) -> list[PeerAssist]:
    """Return ``count`` varied assists (see :func:`iter_assists`).

    Raises:
        InputError: a bad count.
    """
    return list(iter_assists(count, now=now, seed=seed))


__all__ = ["iter_assists", "make_assists"]
