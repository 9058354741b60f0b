"""Each built-in rule: one case that triggers it, and the clean assist that does not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest

from peerassist._time import Date, DateTime, add_working_days
from peerassist.model import (
    ActionItem,
    AfterActionReview,
    Analysis,
    ContextNotes,
    Evidence,
    EvidenceKind,
    FeedbackItem,
    Lesson,
    MeetingWindow,
    PeerAssist,
    Person,
    Questions,
    Readiness,
    Research,
    Takeaway,
)
from peerassist.rules import DEFAULT_RULES, InMemoryContext, Report, Severity, validate
from peerassist.testing import make_assist
from test_rules_rsvp import BREAKERS as RSVP_BREAKERS

NOW = DateTime.create(2026, 3, 10, 12, tz="UTC")
ZONE = "Europe/London"


def at(state: str) -> PeerAssist:
    return make_assist(state, now=NOW)


def evolve_part(assist: PeerAssist, part: str, **changes: Any) -> PeerAssist:
    setattr(assist, part, attrs.evolve(getattr(assist, part), **changes))
    return assist


def day1(assist: PeerAssist) -> Date:
    start = assist.logistics.windows[0].start
    return Date(start.year, start.month, start.day)


def day2(assist: PeerAssist) -> Date:
    end = assist.logistics.windows[-1].end
    return Date(end.year, end.month, end.day)


def local(day: Date, hour: int) -> DateTime:
    return DateTime.create(day.year, day.month, day.day, hour, tz=ZONE)


def person(name: str, email: str, **more: Any) -> Person:
    return Person(name=name, email=email, **more)


# -- how to break each rule -----------------------------------------------------


def no_problem() -> PeerAssist:
    return evolve_part(at("scoping"), "purpose", problem="")


def endorsement() -> PeerAssist:
    return evolve_part(
        at("scoping"), "purpose", learning_aim="We want the board to approve our new plan."
    )


def evaluative() -> PeerAssist:
    assist = at("scoping")
    assist.title = "Peer review of our front door"
    return assist


def answer() -> PeerAssist:
    return evolve_part(at("scoping"), "purpose", deliverables=("A decision on streaming",))


def no_decision_date() -> PeerAssist:
    return evolve_part(at("scoping"), "purpose", decision_date=None)


def no_benefit_case() -> PeerAssist:
    return evolve_part(at("scoping"), "purpose", benefit_cost="")


def not_ready() -> PeerAssist:
    assist = at("scoping")
    readiness = attrs.evolve(assist.purpose.readiness, not_yet_committed=False)
    return evolve_part(assist, "purpose", readiness=readiness)


def unanswered() -> PeerAssist:
    return evolve_part(at("scoping"), "purpose", readiness=Readiness(scope_is_clear=True))


def unknown_profile() -> PeerAssist:
    assist = at("scoping")
    assist.profile = "marathon"
    return assist


def no_research() -> PeerAssist:
    assist = at("research")
    assist.research = Research()
    return assist


def plans_not_shared() -> PeerAssist:
    assist = at("research")
    teams = (attrs.evolve(assist.research.related_teams[0], plans_shared_on=None),)
    return evolve_part(assist, "research", related_teams=teams)


def no_facilitator() -> PeerAssist:
    assist = at("scheduling")
    assist.facilitator = None
    return assist


def facilitator_in_host() -> PeerAssist:
    assist = at("scheduling")
    assist.facilitator = assist.host.members[1]
    return assist


def no_visitors() -> PeerAssist:
    assist = at("scheduling")
    assist.visitors = ()
    return assist


def too_few_visitors() -> PeerAssist:
    assist = at("scheduling")
    assist.visitors = assist.visitors[:4]
    return assist


def visitor_in_host() -> PeerAssist:
    assist = at("scheduling")
    assist.visitors = (*assist.visitors, assist.host.members[1])
    return assist


def no_diversity() -> PeerAssist:
    assist = at("scheduling")
    assist.visitors = tuple(
        person(
            f"Visitor {i}",
            f"visitor{i}@northfield.nhs.example",
            organisation="Northfield Hospitals NHS Trust",
            unit="Acute Medicine",
            expertise=("same-day emergency care",),
        )
        for i in range(6)
    )
    return assist


def looking_up() -> PeerAssist:
    assist = at("scheduling")
    # The caller reports to the sponsor: inviting them as a visitor looks up.
    assist.visitors = (*assist.visitors[:5], assist.sponsor)  # type: ignore[has-type]
    return assist


def no_outsider() -> PeerAssist:
    assist = at("scheduling")
    assist.visitors = tuple(
        attrs.evolve(p, organisation="St Elsewhere NHS Foundation Trust", unit=f"Unit {i}", grade=7)
        for i, p in enumerate(assist.visitors)
    )
    return assist


def chosen_by_others() -> PeerAssist:
    assist = at("scheduling")
    assist.visitors_chosen_by = "quality.director@stelsewhere.nhs.example"
    return assist


def missing_roles() -> PeerAssist:
    assist = at("scheduling")
    assist.sponsor = None
    return assist


def recording_not_agreed() -> PeerAssist:
    return evolve_part(at("scheduling"), "logistics", recording=None)


def not_scheduled() -> PeerAssist:
    return evolve_part(at("scheduling"), "logistics", windows=())


def after_decision() -> PeerAssist:
    assist = at("scheduling")
    return evolve_part(assist, "purpose", decision_date=day1(assist))


def too_close() -> PeerAssist:
    assist = at("scheduling")
    return evolve_part(assist, "purpose", decision_date=add_working_days(day2(assist), 3))


def too_short() -> PeerAssist:
    assist = at("scheduling")
    first = day1(assist)
    window = MeetingWindow(start=local(first, 9), end=local(first, 10))
    return evolve_part(assist, "logistics", windows=(window,))


def no_briefing() -> PeerAssist:
    return evolve_part(at("scheduling"), "logistics", briefing=())


def briefing_late() -> PeerAssist:
    assist = at("scheduling")
    late = local(add_working_days(day1(assist), -1), 10)
    briefing = (attrs.evolve(assist.logistics.briefing[0], sent_at=late),)
    return evolve_part(assist, "logistics", briefing=briefing)


def no_social() -> PeerAssist:
    # Windows off the agenda's five-minute grid: no agenda, so no coffee slot.
    assist = at("scheduling")
    windows = tuple(
        MeetingWindow(start=w.start.add(minutes=2), end=w.end.add(minutes=2))
        for w in assist.logistics.windows
    )
    return evolve_part(assist, "logistics", social=None, windows=windows)


def no_ground_rules() -> PeerAssist:
    return evolve_part(at("scheduling"), "logistics", ground_rules=())


def no_pre_brief() -> PeerAssist:
    return evolve_part(at("scheduling"), "logistics", pre_brief=None)


def outside_hours() -> PeerAssist:
    assist = at("scheduling")
    far = person(
        "Gus Rivera",
        "gus.rivera@bellevue.example",
        organisation="Bellevue Health",
        unit="Emergency",
        timezone="America/New_York",
    )
    assist.visitors = (*assist.visitors, far)
    return evolve_part(assist, "logistics", virtual_url="https://meet.example/front-door")


def no_context() -> PeerAssist:
    return evolve_part(at("quarter_1"), "meeting", context=ContextNotes())


def no_questions() -> PeerAssist:
    return evolve_part(at("quarter_2"), "meeting", questions=Questions())


def no_analysis() -> PeerAssist:
    return evolve_part(at("quarter_3"), "meeting", analysis=Analysis())


def no_feedback() -> PeerAssist:
    return evolve_part(at("quarter_4"), "meeting", feedback=())


def positives_last() -> PeerAssist:
    assist = at("quarter_4")
    return evolve_part(assist, "meeting", feedback=tuple(reversed(assist.meeting.feedback)))


def prescriptive() -> PeerAssist:
    assist = at("quarter_4")
    feedback = (
        *assist.meeting.feedback,
        FeedbackItem(text="You should put a consultant at triage."),
    )
    return evolve_part(assist, "meeting", feedback=feedback)


def quarters_unequal() -> PeerAssist:
    assist = at("feedback")
    # Quarter 1 ran until 16:00 instead of 12:00.
    history = [
        attrs.evolve(e, at=local(day1(assist), 16).in_tz("UTC"))
        if e.event == "start_questions"
        else e
        for e in assist.history
    ]
    history = [
        attrs.evolve(e, at=local(day1(assist), 16).add(minutes=30).in_tz("UTC"))
        if e.event == "start_analysis"
        else e
        for e in history
    ]
    assist.history = history
    return assist


def no_acknowledgement() -> PeerAssist:
    return evolve_part(at("feedback"), "follow_up", acknowledgement="")


def no_action_list_date() -> PeerAssist:
    return evolve_part(at("feedback"), "follow_up", action_list_due=None)


def action_list_late() -> PeerAssist:
    assist = at("feedback")
    return evolve_part(assist, "follow_up", action_list_due=add_working_days(day2(assist), 20))


def no_takeaways() -> PeerAssist:
    return evolve_part(at("feedback"), "follow_up", takeaways=())


def no_action_list() -> PeerAssist:
    return evolve_part(at("follow_up"), "follow_up", actions=())


def overdue() -> PeerAssist:
    assist = at("follow_up")
    action = ActionItem(
        title="Share the rota model",
        owner=assist.host.caller.email,
        due=add_working_days(day2(assist), 5),
    )
    return evolve_part(assist, "follow_up", actions=(action,))


def no_lessons() -> PeerAssist:
    return evolve_part(at("follow_up"), "follow_up", lessons=())


def lesson_without_evidence() -> PeerAssist:
    lesson = Lesson(text="Evening staffing matters more than layout.")
    return evolve_part(at("follow_up"), "follow_up", lessons=(lesson,))


def one_sided() -> PeerAssist:
    evidence = (Evidence(kind=EvidenceKind.EXPERIENCE, source="Northfield pilot"),)
    lesson = Lesson(text="Evening staffing matters more than layout.", evidence=evidence)
    return evolve_part(at("follow_up"), "follow_up", lessons=(lesson,))


def no_aar() -> PeerAssist:
    return evolve_part(at("follow_up"), "follow_up", aar=None)


def aar_late() -> PeerAssist:
    assist = at("follow_up")
    aar = AfterActionReview(planned_on=day2(assist).add(days=45))
    return evolve_part(assist, "follow_up", aar=aar)


def aar_unanswered() -> PeerAssist:
    assist = at("follow_up")
    aar = attrs.evolve(assist.follow_up.aar, why_different="")  # type: ignore[misc]
    return evolve_part(assist, "follow_up", aar=aar)


def not_shared() -> PeerAssist:
    return evolve_part(at("follow_up"), "follow_up", shared_with=())


# code -> (how to break it, the path of the finding)
def vague_problem() -> PeerAssist:
    return evolve_part(at("scoping"), "purpose", problem="Improve things.")


def narrow_research() -> PeerAssist:
    assist = at("research")
    return evolve_part(assist, "research", prior_work=(), sources_searched=("Google",))


def from_host_unit() -> PeerAssist:
    assist = at("scheduling")
    colleague = person(
        "Jo Lane",
        "jo.lane@stelsewhere.nhs.example",
        organisation="St Elsewhere NHS Foundation Trust",
        unit="Emergency Department",
        grade=7,
        expertise=("ambulance liaison",),
    )
    assist.visitors = (*assist.visitors[:5], colleague)
    return assist


def visitor_also_facilitates() -> PeerAssist:
    assist = at("scheduling")
    facilitator = assist.facilitator
    assert facilitator is not None
    # The same person, the address written in other letters' case.
    twin = attrs.evolve(facilitator, email=facilitator.email.upper())
    assist.visitors = (*assist.visitors[:6], twin)
    return assist


def aar_not_held() -> PeerAssist:
    assist = at("follow_up")
    aar = AfterActionReview(planned_on=day2(assist).add(days=10))
    return evolve_part(assist, "follow_up", aar=aar)


BREAKERS: dict[str, tuple[Callable[[], PeerAssist], str]] = {
    "PA-M01-no-problem": (no_problem, "purpose.problem"),
    "PA-M01-vague-problem": (vague_problem, "purpose.problem"),
    "PA-M03-narrow-research": (narrow_research, "research.sources_searched"),
    "PA-M09-visitor-from-host-unit": (from_host_unit, "visitors"),
    "PA-M09-visitor-in-another-role": (visitor_also_facilitates, "visitors[6]"),
    "PA-X06-aar-not-held": (aar_not_held, "follow_up.aar.held_on"),
    "PA-M02-seeks-endorsement": (endorsement, "purpose.learning_aim"),
    "PA-X02-evaluative-purpose": (evaluative, "title"),
    "PA-M13-deliverable-is-an-answer": (answer, "purpose.deliverables[0]"),
    "PA-M07-no-decision-date": (no_decision_date, "purpose.decision_date"),
    "PA-M27-no-benefit-case": (no_benefit_case, "purpose.benefit_cost"),
    "PA-X01-not-ready": (not_ready, "purpose.readiness.not_yet_committed"),
    "PA-X01-readiness-unanswered": (unanswered, "purpose.readiness"),
    "PA-X08-unknown-profile": (unknown_profile, "profile"),
    "PA-M03-no-research": (no_research, "research.prior_work"),
    "PA-M04-plans-not-shared": (plans_not_shared, "research.related_teams[0].plans_shared_on"),
    "PA-M05-no-facilitator": (no_facilitator, "facilitator"),
    "PA-M05-facilitator-in-host-team": (facilitator_in_host, "facilitator"),
    "PA-M09-no-visitors": (no_visitors, "visitors"),
    "PA-M09-visitor-count": (too_few_visitors, "visitors"),
    "PA-M09-visitor-in-host-team": (visitor_in_host, "visitors[6]"),
    "PA-M09-no-diversity": (no_diversity, "visitors"),
    "PA-M10-looking-up": (looking_up, "visitors[5]"),
    "PA-M12-no-outsider": (no_outsider, "visitors"),
    "PA-X02-chosen-by-others": (chosen_by_others, "visitors_chosen_by"),
    "PA-X03-missing-roles": (missing_roles, "sponsor"),
    "PA-M06-recording-not-agreed": (recording_not_agreed, "logistics.recording"),
    "PA-M08-not-scheduled": (not_scheduled, "logistics.windows"),
    "PA-M07-meeting-after-decision": (after_decision, "logistics.windows"),
    "PA-M07-decision-too-close": (too_close, "purpose.decision_date"),
    "PA-M08-length-out-of-bounds": (too_short, "logistics.windows"),
    "PA-M14-no-briefing": (no_briefing, "logistics.briefing"),
    "PA-M14-briefing-late": (briefing_late, "logistics.briefing[0].sent_at"),
    "PA-M15-no-social-time": (no_social, "logistics.social"),
    "PA-M16-no-ground-rules": (no_ground_rules, "logistics.ground_rules"),
    "PA-X04-no-pre-brief": (no_pre_brief, "logistics"),
    "PA-X05-outside-working-hours": (outside_hours, "logistics.windows[0]"),
    "PA-M18-no-context-notes": (no_context, "meeting.context.notes"),
    "PA-M19-no-questions": (no_questions, "meeting.questions"),
    "PA-M20-no-analysis": (no_analysis, "meeting.analysis"),
    "PA-M21-no-feedback": (no_feedback, "meeting.feedback"),
    "PA-M21-positives-not-first": (positives_last, "meeting.feedback[0]"),
    "PA-M21-prescriptive-feedback": (prescriptive, "meeting.feedback[3].text"),
    "PA-M17-quarters-unequal": (quarters_unequal, "history"),
    "PA-M22-no-acknowledgement": (no_acknowledgement, "follow_up.acknowledgement"),
    "PA-M22-no-action-list-date": (no_action_list_date, "follow_up.action_list_due"),
    "PA-M22-action-list-late": (action_list_late, "follow_up.action_list_due"),
    "PA-M23-no-takeaways": (no_takeaways, "follow_up.takeaways"),
    "PA-M22-no-action-list": (no_action_list, "follow_up.actions"),
    "PA-X07-action-overdue": (overdue, "follow_up.actions[0]"),
    "PA-M24-no-lessons": (no_lessons, "follow_up.lessons"),
    "PA-M24-lesson-without-evidence": (lesson_without_evidence, "follow_up.lessons[0].evidence"),
    "PA-M24-one-sided-evidence": (one_sided, "follow_up.lessons[0].evidence"),
    "PA-M25-no-aar": (no_aar, "follow_up.aar"),
    "PA-X06-aar-late": (aar_late, "follow_up.aar.planned_on"),
    "PA-X06-aar-unanswered": (aar_unanswered, "follow_up.aar"),
    "PA-M26-lessons-not-shared": (not_shared, "follow_up.shared_with"),
}
# The rules reading the invites' answers have their cases in test_rules_rsvp.py.
BREAKERS.update(RSVP_BREAKERS)

# Findings that rightly come with another: the caller's manager, invited as
# a visitor, is also from the host's own unit.
ALSO = {
    "PA-M10-looking-up": {"PA-M09-visitor-from-host-unit", "PA-M09-visitor-in-another-role"},
    "PA-M01-no-problem": set(),
}

# Rules that need a cross-assist context are covered in test_rules_context.py.
NEEDS_CONTEXT = {"PA-M03-prior-assist", "PA-M04-similar-work", "PA-M11-usual-suspect"}

RULES = {r.code: r for r in DEFAULT_RULES}


def test_every_rule_has_a_breaker() -> None:
    """Every built-in rule (but those needing a context) has a case here."""
    assert set(RULES) - NEEDS_CONTEXT == set(BREAKERS)


@pytest.mark.parametrize("code", sorted(BREAKERS))
def test_rule_triggers(code: str) -> None:
    """The broken assist gets the rule's finding, at the right path, with its
    severity, refs and hint; and no other rule of its severity or worse fires."""
    breaker, path = BREAKERS[code]
    assist = breaker()
    report = validate(assist, now=NOW)
    mine = [f for f in report.findings if f.code == code]
    assert mine, report.to_text()
    rule = RULES[code]
    assert path == mine[0].path
    assert {rule.severity} == {f.severity for f in mine}
    assert {rule.refs} == {f.refs for f in mine}
    assert all(f.message and f.hint for f in mine)
    others = {f.code for f in report.findings if f.code != code and f.severity is not Severity.INFO}
    assert ALSO.get(code, set()) == others


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_passes_on_a_clean_assist(code: str) -> None:
    """The realistic assist at the rule's phase gets no finding from the rule."""
    rule = RULES[code]
    state = rule.phase
    report = validate(at(state), now=NOW, rules=(rule,), context=InMemoryContext([]))
    assert report.findings == ()


def codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


# -- the finer points -------------------------------------------------------------


def test_endorsement_words_are_matched_at_word_starts() -> None:
    """ "approach" is not "approval", and phrases match across hyphens and case."""
    assist = evolve_part(at("scoping"), "purpose", learning_aim="Learn another approach.")
    assert codes(validate(assist, now=NOW)) == []
    assist = evolve_part(assist, "purpose", outcomes=("SIGN-OFF of our plan",))
    report = validate(assist, now=NOW)
    assert codes(report) == ["PA-M02-seeks-endorsement"]
    assert report.findings[0].path == "purpose.outcomes[0]"
    assert '"SIGN-OFF of our"' in report.findings[0].message


def test_phrases_are_configurable() -> None:
    """A rule built with other phrases finds those, and the repr shows them."""
    from peerassist.rules import catalogue

    rule = catalogue.purpose_not_endorsement(phrases=("bless",))
    assist = evolve_part(at("scoping"), "purpose", learning_aim="Bless our redesign.")
    assert codes(validate(assist, now=NOW, rules=(rule,))) == ["PA-M02-seeks-endorsement"]
    assert "phrases=('bless',)" in repr(rule)


def test_phrases_are_quoted_as_written_when_lowercasing_moves_letters() -> None:
    """A text whose lowercase form is longer (a dotted capital I) is still
    searched, and the phrase is quoted as written, not shifted by a letter."""
    from peerassist.rules import catalogue

    rule = catalogue.purpose_not_endorsement(phrases=("rubber stamp",))
    text = "İstanbul team: RUBBER-STAMP our rota."
    assert len(text.lower()) == len(text) + 1
    assist = evolve_part(at("scoping"), "purpose", learning_aim=text)
    report = validate(assist, now=NOW, rules=(rule,))
    assert '"RUBBER-STAMP"' in report.findings[0].message
    plain = evolve_part(at("scoping"), "purpose", learning_aim="Please Rubber Stamp it.")
    assert '"Rubber Stamp"' in validate(plain, now=NOW, rules=(rule,)).findings[0].message


def test_no_positive_feedback_at_all() -> None:
    """Feedback with no positives is flagged as such."""
    assist = at("quarter_4")
    feedback = tuple(attrs.evolve(f, positive=False) for f in assist.meeting.feedback)
    evolve_part(assist, "meeting", feedback=feedback)
    report = validate(assist, now=NOW)
    assert [f.message for f in report.findings] == ["The feedback has no positives."]


def test_a_positive_after_other_feedback() -> None:
    """A positive presented after other feedback is flagged at its index."""
    assist = at("quarter_4")
    first, second, third = assist.meeting.feedback
    evolve_part(assist, "meeting", feedback=(first, third, second))
    report = validate(assist, now=NOW)
    assert [f.path for f in report.findings] == ["meeting.feedback[2]"]


def test_looking_up_by_grade_in_the_callers_unit() -> None:
    """A more senior visitor from the caller's own unit looks up the line."""
    assist = at("scheduling")
    boss = person(
        "Ed Senior",
        "ed.senior@stelsewhere.nhs.example",
        organisation="St Elsewhere NHS Foundation Trust",
        unit="Emergency Department",
        grade=9,
    )
    assist.visitors = (*assist.visitors[:5], boss)
    report = validate(assist, now=NOW)
    assert codes(report) == ["PA-M09-visitor-from-host-unit", "PA-M10-looking-up"]
    assert "grade 9 against 7" in report.findings[1].message


def test_senior_visitor_from_another_unit_looks_up() -> None:
    """A visitor senior to the caller in another unit of the same organisation looks up."""
    assist = at("scheduling")
    senior = person(
        "Di Other",
        "di.other@stelsewhere.nhs.example",
        organisation="St Elsewhere NHS Foundation Trust",
        unit="Cardiology",
        grade=9,
    )
    assist.visitors = (*assist.visitors[:5], senior)
    report = validate(assist, now=NOW)
    assert codes(report) == ["PA-M10-looking-up"]
    assert report.findings[0].message == (
        "Di Other is senior to the caller, in another unit (Cardiology) of the same"
        " organisation (grade 9 against 7)."
    )


def test_briefing_not_sent_after_the_deadline() -> None:
    """An unsent briefing is fine until its deadline, then flagged."""
    assist = at("scheduling")
    unsent = (attrs.evolve(assist.logistics.briefing[0], sent_at=None),)
    evolve_part(assist, "logistics", briefing=unsent)
    assert codes(validate(assist, now=NOW)) == []
    later = local(add_working_days(day1(assist), -2), 12)
    report = validate(assist, now=later)
    assert codes(report) == ["PA-M14-briefing-late"]
    assert "is not sent" in report.findings[0].message


def test_meeting_spread_over_too_many_days() -> None:
    """Three full days exceed the two days the default format allows."""
    assist = at("scheduling")
    first = day1(assist)
    days = [first, add_working_days(first, 1), add_working_days(first, 2)]
    windows = (
        MeetingWindow(start=local(days[0], 9), end=local(days[0], 17)),
        MeetingWindow(start=local(days[1], 9), end=local(days[1], 17)),
        MeetingWindow(start=local(days[2], 9), end=local(days[2], 13)),
    )
    evolve_part(assist, "logistics", windows=windows)
    report = validate(assist, now=NOW)
    assert codes(report) == ["PA-M08-length-out-of-bounds", "PA-M08-length-out-of-bounds"]
    assert "2.5 days over 3 calendar days" in report.findings[1].message


def test_length_bounds_follow_the_profile() -> None:
    """The clinic format's 45-60 minutes makes the default day and a half too long."""
    assist = at("scheduling")
    assist.profile = "clinic"
    report = validate(assist, now=NOW)
    assert "PA-M08-length-out-of-bounds" in codes(report)
    assert "45 min to 1 h" in next(
        f.message for f in report.findings if f.code == "PA-M08-length-out-of-bounds"
    )


def test_recording_agreed_after_the_start() -> None:
    """A recording agreement reached after the meeting started is flagged."""
    assist = at("scheduling")
    recording = attrs.evolve(
        assist.logistics.recording,  # type: ignore[misc]
        agreed_at=local(day1(assist), 10),
        recorded=True,
        by=None,
    )
    evolve_part(assist, "logistics", recording=recording)
    report = validate(assist, now=NOW)
    assert [f.path for f in report.findings] == [
        "logistics.recording.agreed_at",
        "logistics.recording.by",
    ]


def test_social_time_far_from_the_meeting() -> None:
    """A dinner a week before the meeting is not next to it."""
    assist = at("scheduling")
    social = assist.logistics.social
    assert social is not None
    moved = attrs.evolve(
        social, start=social.start.subtract(days=7), end=social.end.subtract(days=7)
    )
    evolve_part(assist, "logistics", social=moved)
    assert codes(validate(assist, now=NOW)) == ["PA-M15-no-social-time"]


def test_virtual_meeting_in_working_hours_everywhere() -> None:
    """A virtual meeting that suits London and Prague finds nothing."""
    assist = evolve_part(at("scheduling"), "logistics", virtual_url="https://meet.example/x")
    assert codes(validate(assist, now=NOW)) == []


def test_action_list_due_before_the_meeting_ended() -> None:
    """An action list "due" before the meeting ended is flagged."""
    assist = at("feedback")
    evolve_part(assist, "follow_up", action_list_due=day1(assist).subtract(days=1))
    report = validate(assist, now=NOW)
    assert codes(report) == ["PA-M22-action-list-late"]
    assert "before the meeting ended" in report.findings[0].message


def test_takeaway_from_someone_not_a_visitor() -> None:
    """Takeaways are the visitors': one from the caller is flagged."""
    assist = at("feedback")
    extra = Takeaway(visitor=assist.host.caller.email, text="I learned a lot.")
    evolve_part(assist, "follow_up", takeaways=(*assist.follow_up.takeaways, extra))
    report = validate(assist, now=NOW)
    assert [f.path for f in report.findings] == ["follow_up.takeaways[2].visitor"]


def test_rules_do_not_apply_before_their_phase() -> None:
    """A scoping assist is not faulted for missing visitors, feedback or lessons."""
    assist = at("scoping")
    report = validate(assist, now=NOW)
    assert report.findings == ()
    scheduled_codes = codes(validate(assist, now=NOW, state="follow_up"))
    assert "PA-M05-no-facilitator" in scheduled_codes
    assert "PA-M26-lessons-not-shared" in scheduled_codes


def test_cancelled_assists_are_not_checked() -> None:
    """A cancelled assist gets no finding, however incomplete."""
    assist = at("cancelled")
    assist.facilitator = None
    assert validate(assist, now=NOW).findings == ()


def test_closed_assists_are_checked_against_everything() -> None:
    """A closed assist is checked by every rule, so a gap from any phase shows."""
    assist = at("closed")
    assist.facilitator = assist.host.members[0]
    evolve_part(assist, "meeting", feedback=())
    assert codes(validate(assist, now=NOW)) == [
        "PA-M05-facilitator-in-host-team",
        "PA-M21-no-feedback",
    ]
