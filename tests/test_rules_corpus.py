"""A labelled corpus of realistic assists, each with the findings a facilitator expects.

Each file of ``tests/data/assists/`` describes one assist: its setting
(hospital, local government, engineering, charity), its format, the state
it is in and what makes it what it is (host, purpose, research, visitors,
meeting times, feedback, review). What it leaves out comes from the
realistic assist of :func:`peerassist.testing.make_assist` at that state.
``expected`` lists, by hand, every finding a facilitator would expect at
that state, notes included: the test asserts exactly those, so a false
alarm or a miss fails.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import attrs
import pytest

from peerassist._time import Date, DateTime, add_working_days
from peerassist.model import (
    AfterActionReview,
    FeedbackItem,
    HostTeam,
    MeetingWindow,
    PeerAssist,
    Person,
    PriorWork,
    Recording,
    Research,
)
from peerassist.rules import validate
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")
ZONE = "Europe/London"
CASES = sorted((Path(__file__).parent / "data" / "assists").glob("*.toml"))
SETTINGS = {"hospital", "local government", "engineering", "charity"}
FORMATS = {"half-day", "one-day", "two-day", "virtual", "clinic", "day-and-a-half"}


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as file:
        return tomllib.load(file)


def _person(data: dict[str, Any]) -> Person:
    return Person(
        name=data["name"],
        email=data["email"],
        organisation=data.get("organisation", ""),
        unit=data.get("unit", ""),
        job_title=data.get("job_title", ""),
        grade=data.get("grade"),
        expertise=tuple(data.get("expertise", ())),
        timezone=ZONE,
    )


def _at(day: Date, hhmm: str) -> DateTime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return DateTime.create(day.year, day.month, day.day, hour, minute, tz=ZONE)


def _windows(base: PeerAssist, spans: list[str]) -> tuple[MeetingWindow, ...]:
    """'0 13:00-17:00' is working day 0 (the base's first day), 13:00 to 17:00."""
    start = base.logistics.windows[0].start
    first = Date(start.year, start.month, start.day)
    windows = []
    for span in spans:
        offset, times = span.split()
        day = add_working_days(first, int(offset))
        begin, end = times.split("-")
        windows.append(MeetingWindow(start=_at(day, begin), end=_at(day, end)))
    return tuple(windows)


def build(case: dict[str, Any]) -> PeerAssist:
    """The assist a case describes (the base assist at its state, with its parts)."""
    assist = make_assist(case["state"], now=NOW)
    assist.title = case["title"]
    assist.profile = case.get("profile")
    if "host" in case:
        host = case["host"]
        caller = _person(host["caller"])
        members = tuple(_person(m) for m in host.get("members", ()))
        assist.host = HostTeam(
            caller=caller, organisation=host["organisation"], unit=host["unit"], members=members
        )
        assist.visitors_chosen_by = caller.email
    for role in ("facilitator", "recorder", "sponsor"):
        if role in case:
            setattr(assist, role, _person(case[role]) if case[role] else None)
    if "purpose" in case:
        assist.purpose = attrs.evolve(
            assist.purpose,
            **{k: tuple(v) if isinstance(v, list) else v for k, v in case["purpose"].items()},
        )
    if "research" in case:
        research = case["research"]
        assist.research = Research(
            prior_work=tuple(PriorWork(**p) for p in research.get("prior_work", ())),
            sources_searched=tuple(research.get("sources_searched", ())),
        )
    if "visitors" in case:
        assist.visitors = tuple(_person(v) for v in case["visitors"])
    if "meeting" in case:
        meeting = case["meeting"]
        logistics = assist.logistics
        changes: dict[str, Any] = {}
        if "windows" in meeting:
            changes["windows"] = _windows(assist, meeting["windows"])
        if meeting.get("virtual"):
            changes["virtual_url"] = "https://meet.example/peer-assist"
            changes["venue"] = ""
        if meeting.get("social") is False:
            changes["social"] = None
        if meeting.get("pre_brief") is False:
            changes["pre_brief"] = None
        if "recorded" in meeting:
            agreed = logistics.recording.agreed_at if logistics.recording else None
            changes["recording"] = Recording(
                recorded=meeting["recorded"],
                by=assist.recorder.email if meeting["recorded"] and assist.recorder else None,
                agreed_at=agreed if meeting.get("agreed", True) else None,
            )
        assist.logistics = attrs.evolve(logistics, **changes)
    if "feedback" in case:
        assist.meeting = attrs.evolve(
            assist.meeting,
            feedback=tuple(
                FeedbackItem(text=f["text"], positive=f.get("positive", False))
                for f in case["feedback"]
            ),
        )
    if "aar" in case:
        end = assist.logistics.windows[-1].end
        last = Date(end.year, end.month, end.day)
        aar = case["aar"]
        if aar.get("none"):
            review = None
        else:
            review = AfterActionReview(planned_on=last.add(days=aar["planned_after_days"]))
        assist.follow_up = attrs.evolve(assist.follow_up, aar=review)
    return assist


def test_the_corpus_covers_settings_formats_and_states() -> None:
    """At least 30 assists, across the four settings, the formats, and several states."""
    cases = [_load(path) for path in CASES]
    assert len(cases) >= 30
    assert {c["setting"] for c in cases} == SETTINGS
    assert {c["format"] for c in cases} == FORMATS
    assert len({c["state"] for c in cases}) >= 5
    assert {c["reach"] for c in cases} == {"internal", "cross-organisation"}
    assert any(c["expected"] for c in cases)
    assert any(not c["expected"] for c in cases)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_assist_gets_exactly_the_expected_findings(path: Path) -> None:
    """validate() finds exactly what a facilitator expects: no false alarm, no miss."""
    case = _load(path)
    report = validate(build(case), now=NOW)
    assert sorted(report.codes) == sorted(case["expected"]), report.to_text()
