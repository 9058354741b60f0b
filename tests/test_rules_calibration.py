"""The false alarms and misses a facilitator found, each as a named test.

False alarms: a rule blocked what the method allows. Misses: a rule let
through what the method asks a facilitator to catch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from peerassist._time import Date, DateTime, add_working_days
from peerassist.model import (
    AfterActionReview,
    FeedbackItem,
    MeetingWindow,
    PeerAssist,
    Person,
    Recording,
)
from peerassist.rules import DEFAULT_RULES, Report, Severity, validate
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")
ZONE = "Europe/London"
TRUST = "St Elsewhere NHS Foundation Trust"
RULES = {r.code: r for r in DEFAULT_RULES}


def at(state: str, **overrides: Any) -> PeerAssist:
    return make_assist(state, now=NOW, **overrides)


def part(assist: PeerAssist, name: str, **changes: Any) -> PeerAssist:
    setattr(assist, name, attrs.evolve(getattr(assist, name), **changes))
    return assist


def local(day: Date, hour: int, minute: int = 0) -> DateTime:
    return DateTime.create(day.year, day.month, day.day, hour, minute, tz=ZONE)


def first_day(assist: PeerAssist) -> Date:
    start = assist.logistics.windows[0].start
    return Date(start.year, start.month, start.day)


def codes(report: Report) -> list[str]:
    return list(report.codes)


def visitor(name: str, unit: str, **more: Any) -> Person:
    email = name.lower().replace(" ", ".") + "@stelsewhere.nhs.example"
    return Person(name=name, email=email, organisation=TRUST, unit=unit, **more)


# -- false alarms: M08 -----------------------------------------------------------


def test_two_days_of_0830_to_1730_are_within_two_days() -> None:
    """Lunch and breaks are not meeting time: two long days fit the default format."""
    assist = at("scheduling")
    day = first_day(assist)
    second = add_working_days(day, 1)
    windows = (
        MeetingWindow(start=local(day, 8, 30), end=local(day, 17, 30)),
        MeetingWindow(start=local(second, 8, 30), end=local(second, 17, 30)),
    )
    part(assist, "logistics", windows=windows)
    assert codes(validate(assist, now=NOW)) == []


def test_two_hour_virtual_assist_fits_the_virtual_profile() -> None:
    """A 2-hour online assist is within the virtual format's 1.5-4 hours."""
    assist = at("scheduling", profile="virtual")
    day = first_day(assist)
    part(
        assist,
        "logistics",
        windows=(MeetingWindow(start=local(day, 10), end=local(day, 12)),),
        virtual_url="https://meet.example/pa",
        venue="",
    )
    assert "PA-M08-length-out-of-bounds" not in codes(validate(assist, now=NOW))


def test_two_hour_virtual_assist_is_flagged_under_the_default_format() -> None:
    """The same two hours fall short of half a day in the BP/NHS format (as a warning)."""
    assist = at("scheduling")
    day = first_day(assist)
    part(assist, "logistics", windows=(MeetingWindow(start=local(day, 10), end=local(day, 12)),))
    report = validate(assist, now=NOW)
    assert "PA-M08-length-out-of-bounds" in codes(report)
    assert {f.severity for f in report.findings} == {Severity.WARNING}


def test_day_and_a_half_over_three_calendar_days_is_not_three_days() -> None:
    """An afternoon, a full day and a morning make two days, within the format."""
    assist = at("scheduling")
    day = first_day(assist)
    days = [day, add_working_days(day, 1), add_working_days(day, 2)]
    windows = (
        MeetingWindow(start=local(days[0], 13), end=local(days[0], 17)),
        MeetingWindow(start=local(days[1], 9), end=local(days[1], 17)),
        MeetingWindow(start=local(days[2], 9), end=local(days[2], 13)),
    )
    part(assist, "logistics", windows=windows)
    assert codes(validate(assist, now=NOW)) == []


def test_length_out_of_bounds_is_a_warning() -> None:
    """A facilitator may judge a length otherwise: M08's length is a warning."""
    assert RULES["PA-M08-length-out-of-bounds"].severity is Severity.WARNING


# -- false alarms: M09, M15, M25, M06, M17 ----------------------------------------


def test_internal_assist_across_units_is_diverse_enough() -> None:
    """Visitors from other units of the host organisation are not a diversity problem."""
    assist = at("scheduling")
    units = ("Cardiology", "Pharmacy", "Radiology", "Estates", "Critical Care", "Finance")
    assist.visitors = tuple(
        visitor(f"Visitor {i}", unit, grade=7, expertise=("patient flow",))
        for i, unit in enumerate(units)
    )
    report = validate(assist, now=NOW)
    assert "PA-M09-no-diversity" not in codes(report)
    assert codes(report) == ["PA-M12-no-outsider"]
    assert report.findings[0].severity is Severity.INFO


def test_clinic_whose_agenda_has_arrivals_and_introductions_has_social_time() -> None:
    """The clinic's own agenda opens with arrivals and introductions: that is social time."""
    assist = at("scheduling", profile="clinic")
    day = first_day(assist)
    part(
        assist,
        "logistics",
        windows=(MeetingWindow(start=local(day, 12), end=local(day, 13)),),
        social=None,
        pre_brief=None,
    )
    assist.visitors = assist.visitors[:6]
    assert "PA-M15-no-social-time" not in codes(validate(assist, now=NOW))


def test_after_action_review_is_optional() -> None:
    """M25 calls the After Action Review optional: its absence is a note, never a block."""
    assist = at("follow_up")
    part(assist, "follow_up", aar=None)
    report = validate(assist, now=NOW)
    assert codes(report) == ["PA-M25-no-aar"]
    assert report.findings[0].severity is Severity.INFO


def test_recording_date_not_needed_when_not_recorded() -> None:
    """A meeting that is not recorded needs no date for that agreement."""
    assist = at("scheduling")
    part(assist, "logistics", recording=Recording(recorded=False))
    assert codes(validate(assist, now=NOW)) == []


def test_recording_date_needed_when_recorded() -> None:
    """A recorded meeting still needs the date the recording was agreed."""
    assist = at("scheduling")
    part(assist, "logistics", recording=Recording(recorded=True, by=assist.recorder.email))  # type: ignore[union-attr]
    report = validate(assist, now=NOW)
    assert codes(report) == ["PA-M06-recording-not-agreed"]
    assert report.findings[0].path == "logistics.recording.agreed_at"


def _quarters(assist: PeerAssist, *times: DateTime) -> PeerAssist:
    """Move the five meeting transitions (start_meeting ... end_meeting) to ``times``."""
    events = ("start_meeting", "start_questions", "start_analysis", "start_presentation")
    moved = dict(zip((*events, "end_meeting"), times, strict=True))
    assist.history = [
        attrs.evolve(e, at=moved[e.event].in_tz("UTC")) if e.event in moved else e
        for e in assist.history
    ]
    return assist


def test_short_first_quarter_is_not_noted() -> None:
    """Quarter 1 is 'short and sharp' (M18): a short first quarter is fine."""
    assist = at("feedback")
    day = first_day(assist)
    second = add_working_days(day, 1)
    # 1 h, 3 h 30, 3 h 30 and 4 h of the meeting's 12 hours.
    _quarters(
        assist,
        local(day, 9),
        local(day, 10),
        local(day, 13, 30),
        local(second, 9),
        local(second, 13),
    )
    assert codes(validate(assist, now=NOW)) == []


def test_long_first_quarter_is_still_noted() -> None:
    """A first quarter taking half the meeting is still noted."""
    assist = at("feedback")
    history = list(assist.history)
    index = next(i for i, e in enumerate(history) if e.event == "start_questions")
    history[index] = attrs.evolve(history[index], at=history[index].at.add(hours=3))
    nxt = next(i for i, e in enumerate(history) if e.event == "start_analysis")
    history[nxt] = attrs.evolve(history[nxt], at=history[nxt].at.add(hours=1, minutes=30))
    assist.history = history
    assert "PA-M17-quarters-unequal" in codes(validate(assist, now=NOW))


# -- false alarms: wording ------------------------------------------------------


def test_audit_inspection_and_compliance_are_ordinary_problem_words() -> None:
    """X02 does not take 'audit', 'inspection' or 'compliance' in a problem for a review."""
    assist = at("scoping")
    part(
        assist,
        "purpose",
        problem="Our audit found late antibiotics in sepsis; the CQC inspection is in June"
        " and compliance with the hour target is at 64%.",
        learning_aim="Learn how others improved compliance before their inspection.",
    )
    assert codes(validate(assist, now=NOW)) == []


def test_approval_and_sign_off_are_ordinary_problem_words() -> None:
    """M02 does not take 'approval' or 'sign off' as seeking endorsement."""
    assist = at("scoping")
    part(
        assist,
        "purpose",
        problem="Discharge sign off waits for the consultant's round, so beds free up after"
        " 5pm and the emergency department backs up.",
        learning_aim="Learn how others got approval for nurse-led discharge, and what failed.",
    )
    assert codes(validate(assist, now=NOW)) == []


def test_decision_and_solution_are_ordinary_deliverable_words() -> None:
    """M13 does not take 'decision' or 'solution' alone for an answer."""
    assist = at("scoping")
    part(
        assist,
        "purpose",
        deliverables=(
            "Options and insights to inform our decision in March",
            "Examples of solutions others tried, good and bad",
        ),
    )
    assert codes(validate(assist, now=NOW)) == []


def test_story_quoting_you_have_to_is_not_a_prescription() -> None:
    """M21 leaves quoted speech alone: a story may quote 'you have to'."""
    assist = at("quarter_4")
    feedback = (
        FeedbackItem(text="Your data is excellent.", positive=True),
        FeedbackItem(
            text='At Leeds a ward sister told us "you have to see it to believe it" about'
            " the discharge lounge; delays fell by a third.",
            positive=True,
        ),
    )
    part(assist, "meeting", feedback=feedback)
    assert codes(validate(assist, now=NOW)) == []


# -- misses -----------------------------------------------------------------------


def test_five_of_six_visitors_from_the_hosts_own_unit_are_flagged() -> None:
    """Visitors from the host's own unit are not peers from other units (M09)."""
    assist = at("scheduling")
    own = tuple(
        visitor(f"Colleague {i}", "Emergency Department", grade=7, expertise=(f"area {i}",))
        for i in range(5)
    )
    assist.visitors = (*own, assist.visitors[0])
    report = validate(assist, now=NOW)
    assert codes(report) == ["PA-M09-visitor-from-host-unit"]
    assert report.findings[0].message.startswith(
        "5 of 6 visitors come from the host's own unit (Emergency Department): Colleague 0,"
    )


def test_all_visitors_from_one_unit_lack_diversity() -> None:
    """Six visitors from one other unit with one expertise are uniform (M09)."""
    assist = at("scheduling")
    assist.visitors = tuple(
        visitor(f"Pharmacist {i}", "Pharmacy", grade=7, expertise=("medicines",)) for i in range(6)
    )
    report = validate(assist, now=NOW)
    assert "PA-M09-no-diversity" in codes(report)
    message = next(f.message for f in report.findings if f.code == "PA-M09-no-diversity")
    assert message == (
        f"All visitors come from one unit (Pharmacy, {TRUST}) and bring the same"
        " expertise (medicines)."
    )


def test_chief_executive_from_another_unit_is_looking_up() -> None:
    """A chief executive of the host organisation is not a peer of the caller (M10)."""
    assist = at("scheduling")
    chief = visitor("Helen Boss", "Trust Board", job_title="Chief Executive")
    assist.visitors = (*assist.visitors[:5], chief)
    report = validate(assist, now=NOW)
    assert codes(report) == ["PA-M10-looking-up"]
    assert report.findings[0].path == "visitors[5]"


def test_decided_and_want_confirmation_seeks_endorsement() -> None:
    """'We have decided ... want peers to confirm it is the right choice' is endorsement (M02)."""
    assist = at("scoping")
    part(
        assist,
        "purpose",
        learning_aim="We have decided to close the minor injuries unit and want peers to"
        " confirm it is the right choice.",
    )
    assert codes(validate(assist, now=NOW)) == ["PA-M02-seeks-endorsement"]


def test_recommended_model_to_implement_is_an_answer() -> None:
    """'A recommended model we can implement' asks for an answer (M13)."""
    assist = at("scoping")
    part(assist, "purpose", deliverables=("A recommended model we can implement",))
    assert codes(validate(assist, now=NOW)) == ["PA-M13-deliverable-is-an-answer"]


def test_improve_things_is_not_a_problem_statement() -> None:
    """'Improve things.' names no one affected and no consequence (M01)."""
    assist = at("scoping")
    part(assist, "purpose", problem="Improve things.")
    report = validate(assist, now=NOW)
    assert codes(report) == ["PA-M01-vague-problem"]
    assert report.findings[0].message == (
        "The problem statement does not say who or what is affected nor what goes wrong"
        " because of it (a consequence)."
    )


def test_a_web_search_alone_is_not_research() -> None:
    """sources_searched = ['Google'] is one kind of source (M03)."""
    assist = at("research")
    part(assist, "research", prior_work=(), sources_searched=("Google",))
    report = validate(assist, now=NOW)
    assert codes(report) == ["PA-M03-narrow-research"]
    assert report.findings[0].message == (
        "The research rests on one kind of source only (a web search)."
    )


def test_scrap_the_rota_hire_two_consultants_is_prescriptive() -> None:
    """Imperatives addressed to the host are prescriptions (M21)."""
    assist = at("quarter_4")
    feedback = (
        FeedbackItem(text="Your team is committed.", positive=True),
        FeedbackItem(text="Scrap the rota. Hire two consultants."),
    )
    part(assist, "meeting", feedback=feedback)
    report = validate(assist, now=NOW)
    assert codes(report) == ["PA-M21-prescriptive-feedback"]
    assert report.findings[0].message == (
        'Feedback item 2 prescribes ("Scrap..." and "Hire...") rather than tells a story.'
    )


def test_planned_review_never_held_is_a_warning() -> None:
    """A review planned for a past date and not held is flagged (X06)."""
    assist = at("follow_up")
    end = assist.logistics.windows[-1].end
    planned = Date(end.year, end.month, end.day).add(days=7)
    part(assist, "follow_up", aar=AfterActionReview(planned_on=planned))
    report = validate(assist, now=NOW)
    assert codes(report) == ["PA-X06-aar-not-held"]
    assert report.findings[0].severity is Severity.WARNING
    assert report.findings[0].message == (
        f"The After Action Review planned for {planned.isoformat()} has not been held."
    )


def test_a_method_reference_is_not_a_quantity() -> None:
    """The starter's placeholder problem, "(M01)" and all, gives no consequence:
    a digit inside a code such as a method item is not a number (M01)."""
    assist = at("scoping")
    part(assist, "purpose", problem="The specific problem you want help with (M01).")
    report = validate(assist, now=NOW)
    assert codes(report) == ["PA-M01-vague-problem"]
    assert report.findings[0].message == (
        "The problem statement does not say what goes wrong because of it (a consequence)."
    )
    part(assist, "purpose", problem="The specific problem our nurses face: 4 hour waits (M01).")
    assert codes(validate(assist, now=NOW)) == []


def test_the_untouched_starter_cannot_begin_research(tmp_path: Path) -> None:
    """A file made by `peerassist new` and left as it is stops at its first gate:
    its problem is the placeholder, which says nothing specific (M01)."""
    from peerassist.cli import main
    from peerassist.serialize import load
    from peerassist.workflow import DEFAULT_WORKFLOW, Workflow

    path = tmp_path / "new.toml"
    assert main(["new", str(path)]) == 0
    outcome = Workflow(DEFAULT_WORKFLOW).fire(load(path), "begin_research", now=NOW)
    assert not outcome.ok
    assert "PA-M01-vague-problem" in [f.code for f in outcome.findings]
