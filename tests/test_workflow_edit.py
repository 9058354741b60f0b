"""Workflow.edit, lasting acknowledgements and Outcome.allowed after a fire."""

from __future__ import annotations

import copy

import attrs
import pytest

from peerassist import from_dict, to_dict, validate
from peerassist._time import DateTime
from peerassist.exceptions import InputError, UnknownStateError
from peerassist.model import Acknowledgement, AuditEntry, Briefing, PeerAssist
from peerassist.testing import make_assist
from peerassist.workflow import OutcomeKind, Workflow

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")
WF = Workflow()
LATE = "PA-M14-briefing-late"


def _late_briefing() -> PeerAssist:
    """A scheduled assist whose briefing pack went out the day before the meeting."""
    assist = make_assist("scheduling", now=NOW)
    start = assist.logistics.start
    assert start is not None
    late = Briefing(title="Front door briefing pack", sent_at=start.subtract(days=1))
    assist.logistics = attrs.evolve(assist.logistics, briefing=(late,))
    return assist


def _meeting_day(assist: PeerAssist, hours: int) -> DateTime:
    start = assist.logistics.start
    assert start is not None
    return start.add(hours=hours).in_tz("UTC")


# -- lasting acknowledgements ----------------------------------------------------


def test_acknowledgement_lasts_through_every_later_gate() -> None:
    """A warning acknowledged at start_meeting no longer blocks the next four gates."""
    assist = _late_briefing()
    refused = WF.fire(assist, "start_meeting", now=NOW)
    assert refused.codes == (LATE,)
    passed = WF.fire(assist, "start_meeting", now=NOW, actor="fac@x.example", acknowledge=LATE)
    assert passed.ok
    assist.meeting = make_assist("quarter_4", now=NOW).meeting  # the notes of all four quarters
    for hours, trigger in enumerate(
        ("start_questions", "start_analysis", "start_presentation", "end_meeting"), start=1
    ):
        outcome = WF.fire(assist, trigger, now=_meeting_day(assist, hours))
        assert outcome.ok, str(outcome)
        assert outcome.acknowledged == (LATE,)
    assert assist.state == "feedback"


def test_acknowledgement_is_recorded_with_who_when_code_subject_and_note() -> None:
    """Firing with an acknowledgement records it on the assist, whole."""
    assist = _late_briefing()
    WF.fire(
        assist,
        "start_meeting",
        now=NOW,
        actor="fac@x.example",
        note="Visitors read it on the train",
        acknowledge=[LATE],
    )
    start = assist.logistics.start
    assert start is not None
    sent = start.subtract(days=1)
    assert assist.acknowledgements == (
        Acknowledgement(
            code=LATE,
            path="logistics.briefing[0].sent_at",
            message=f"'Front door briefing pack' was sent on {sent.date().isoformat()},"
            " after 2026-11-09 (5 working days before the meeting).",
            at=NOW,
            actor="fac@x.example",
            event="start_meeting",
            note="Visitors read it on the train",
        ),
    )


def test_refused_fire_records_no_acknowledgement() -> None:
    """An acknowledgement given to a refused transition is not kept."""
    assist = _late_briefing()
    assist.facilitator = None
    outcome = WF.fire(assist, "start_meeting", now=NOW, acknowledge=LATE)
    assert not outcome.ok
    assert assist.acknowledgements == ()


def test_changed_finding_needs_its_own_acknowledgement() -> None:
    """A finding whose subject changed (another date) needs a new acknowledgement."""
    assist = _late_briefing()
    WF.fire(assist, "start_meeting", now=NOW, acknowledge=LATE)
    assist.state = "scheduling"
    start = assist.logistics.start
    assert start is not None
    later = Briefing(title="Front door briefing pack", sent_at=start.subtract(hours=2))
    assist.logistics = attrs.evolve(assist.logistics, briefing=(later,))
    outcome = WF.fire(assist, "start_meeting", now=NOW)
    assert outcome.codes == (LATE,)


def test_validate_reports_acknowledged_findings_as_acknowledged() -> None:
    """validate() moves a recorded acknowledgement's finding out of the open findings."""
    assist = _late_briefing()
    before = validate(assist, now=NOW)
    assert LATE in before.codes
    WF.fire(assist, "start_meeting", now=NOW, acknowledge=LATE)
    report = validate(assist, now=_meeting_day(assist, 1))
    assert LATE not in report.codes
    assert [f.code for f in report.acknowledged] == [LATE]
    assert "1 acknowledged" in report.to_text()
    assert "Acknowledged:" in report.to_text()


def test_acknowledgements_survive_a_round_trip() -> None:
    """Acknowledgements are written with the assist and read back equal."""
    assist = _late_briefing()
    WF.fire(assist, "start_meeting", now=NOW, actor="fac@x.example", acknowledge=LATE)
    data = to_dict(assist)
    assert data["acknowledgements"][0]["code"] == LATE
    assert data["acknowledgements"][0]["event"] == "start_meeting"
    back = from_dict(data)
    assert back.acknowledgements == assist.acknowledgements
    outcome = WF.fire(back, "start_questions", now=_meeting_day(back, 1))
    assert outcome.ok


def test_an_error_cannot_be_acknowledged_away() -> None:
    """A recorded acknowledgement with an error's code and subject does not lift it."""
    assist = make_assist("scheduling", now=NOW)
    assist.facilitator = None
    assist.acknowledgements = (
        Acknowledgement(
            code="PA-M05-no-facilitator",
            path="facilitator",
            message="No facilitator is named.",
            at=NOW,
        ),
    )
    assert WF.fire(assist, "start_meeting", now=NOW).codes == ("PA-M05-no-facilitator",)
    assert validate(assist, now=NOW).codes == ("PA-M05-no-facilitator",)


def test_acknowledgement_refuses_bad_values() -> None:
    """An acknowledgement names its bad fields."""
    with pytest.raises(InputError, match="code"):
        Acknowledgement(code="", at=NOW)
    with pytest.raises(InputError, match="at"):
        Acknowledgement(code="X", at="yesterday")  # type: ignore[arg-type]


# -- Outcome.allowed ---------------------------------------------------------------


def test_allowed_after_a_passed_fire_describes_the_new_state() -> None:
    """After begin_research, allowed lists what can be fired from research."""
    assist = make_assist("scoping", now=NOW)
    outcome = WF.fire(assist, "begin_research", now=NOW)
    assert outcome.allowed == ("schedule", "cancel")


def test_allowed_after_a_refusal_describes_the_unchanged_state() -> None:
    """A refused fire lists the triggers of the state the assist is still in."""
    assist = make_assist("scoping", now=NOW)
    assist.purpose = attrs.evolve(assist.purpose, problem="")
    outcome = WF.fire(assist, "begin_research", now=NOW)
    assert not outcome.ok
    assert outcome.allowed == ("begin_research", "cancel")


# -- edit -------------------------------------------------------------------------


def test_edit_assigns_records_and_bumps_the_revision() -> None:
    """An edit assigns the fields, appends an edit entry naming them and bumps revision."""
    assist = make_assist("research", now=NOW)
    revision = assist.revision
    purpose = attrs.evolve(assist.purpose, benefit_cost="Cheaper than one bad redesign.")
    outcome = WF.edit(assist, actor="priya@x.example", now=NOW, note="tightened", purpose=purpose)
    assert outcome.ok
    assert outcome.trigger == "edit"
    assert (outcome.source, outcome.dest) == ("research", "research")
    assert assist.purpose == purpose
    assert assist.revision == revision + 1
    assert assist.history[-1] == AuditEntry(
        event="edit",
        source="research",
        dest="research",
        at=NOW,
        actor="priya@x.example",
        note="tightened",
        changed=("purpose",),
    )
    assert outcome.entry == assist.history[-1]
    assert outcome.allowed == ("schedule", "cancel")


def test_edit_returns_warnings_without_refusing() -> None:
    """A warning the edit brings is returned, and the edit applied."""
    assist = make_assist("scheduling", now=NOW)
    outcome = WF.edit(assist, actor=None, now=NOW, sponsor=None, recorder=None, visitors=())
    assert outcome.kind is OutcomeKind.BLOCKED  # no visitors is an error
    assert outcome.codes == ("PA-M09-no-visitors",)
    outcome = WF.edit(assist, actor=None, now=NOW, visitors=assist.visitors[:3])
    assert outcome.ok
    assert outcome.codes == ("PA-M09-visitor-count",)
    assert len(assist.visitors) == 3


def test_edit_bringing_a_new_error_is_refused_and_changes_nothing() -> None:
    """An edit that breaks a rule the assist kept is refused; the assist is unchanged."""
    assist = make_assist("scheduling", now=NOW)
    before = copy.deepcopy(assist)
    outcome = WF.edit(assist, actor=None, now=NOW, purpose=attrs.evolve(assist.purpose, problem=""))
    assert outcome.kind is OutcomeKind.BLOCKED
    assert outcome.codes == ("PA-M01-no-problem",)
    assert to_dict(assist) == to_dict(before)


def test_edit_keeps_an_error_the_assist_already_had() -> None:
    """Editing a scoping draft that has no problem yet is not refused for it."""
    assist = make_assist("scoping", now=NOW)
    assist.purpose = attrs.evolve(assist.purpose, problem="")
    outcome = WF.edit(assist, actor=None, now=NOW, title="Front door redesign")
    assert outcome.ok
    assert assist.title == "Front door redesign"
    assert "PA-M01-no-problem" in outcome.codes


def test_edit_records_acknowledgements() -> None:
    """Warnings acknowledged at an edit are recorded with event 'edit'."""
    assist = make_assist("scheduling", now=NOW)
    outcome = WF.edit(
        assist,
        actor=None,
        now=NOW,
        acknowledge="PA-M09-visitor-count",
        visitors=assist.visitors[:4],
    )
    assert outcome.ok
    assert outcome.codes == ()
    assert outcome.acknowledged == ("PA-M09-visitor-count",)
    assert [(a.code, a.event) for a in assist.acknowledgements] == [
        ("PA-M09-visitor-count", "edit")
    ]


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({}, "changes"),
        ({"state": "closed"}, "state"),
        ({"revision": 9}, "revision"),
        ({"history": []}, "history"),
        ({"acknowledgements": ()}, "acknowledgements"),
        ({"titel": "x"}, "titel"),
        ({"title": ""}, "title"),
    ],
)
def test_edit_refuses_bad_changes(changes: dict[str, object], path: str) -> None:
    """Bad, unknown and engine-owned fields raise InputError naming them."""
    assist = make_assist("scoping", now=NOW)
    with pytest.raises(InputError) as caught:
        WF.edit(assist, actor=None, now=NOW, **changes)
    assert caught.value.problems[0].path == path


def test_edit_suggests_the_field_meant() -> None:
    """A misspelt field gets a 'did you mean'."""
    assist = make_assist("scoping", now=NOW)
    with pytest.raises(InputError, match="did you mean 'title'"):
        WF.edit(assist, actor=None, now=NOW, titel="x")


def test_edit_with_equal_values_records_nothing() -> None:
    """Assigning the values the assist already holds changes nothing."""
    assist = make_assist("scoping", now=NOW)
    revision, entries = assist.revision, len(assist.history)
    outcome = WF.edit(assist, actor=None, now=NOW, title=assist.title)
    assert outcome.ok
    assert outcome.entry is None
    assert (assist.revision, len(assist.history)) == (revision, entries)


@pytest.mark.parametrize("value", ["x", None, {"state": "scoping"}])
def test_edit_refuses_something_that_is_not_an_assist(value: object) -> None:
    """edit() on anything but a PeerAssist is an InputError naming ``assist``."""
    with pytest.raises(InputError) as caught:
        WF.edit(value, actor=None, now=NOW, title="x")  # type: ignore[arg-type]
    assert ("assist",) == caught.value.paths


def test_edit_refuses_an_assist_in_a_state_the_spec_lacks() -> None:
    """edit() on an assist stored in an unknown state raises UnknownStateError
    naming the spec's states, and changes nothing."""
    assist = make_assist("scoping", now=NOW)
    assist.state = "limbo"
    before = copy.deepcopy(assist)
    with pytest.raises(UnknownStateError) as caught:
        WF.edit(assist, actor=None, now=NOW, title="Front door redesign")
    assert "limbo" == caught.value.state
    assert WF.spec.states == caught.value.known
    assert to_dict(before) == to_dict(assist)


@pytest.mark.parametrize(
    ("name", "value"), [("actor", 42), ("actor", ["a@x.example"]), ("note", b"x"), ("note", 7)]
)
@pytest.mark.parametrize("title", ["Front door redesign", None])
def test_edit_refuses_an_actor_or_note_that_is_not_text(
    name: str, value: object, title: str | None
) -> None:
    """edit() refuses a non-text actor or note, naming it, before anything
    else: whether the edit would change a field or not, nothing is changed
    and no entry appended."""
    assist = make_assist("scoping", now=NOW)
    before = copy.deepcopy(assist)
    arguments: dict[str, object] = {"actor": None, name: value}
    with pytest.raises(InputError) as caught:
        WF.edit(assist, now=NOW, title=title or assist.title, **arguments)  # type: ignore[arg-type]
    assert (name,) == caught.value.paths
    assert to_dict(before) == to_dict(assist)


def test_edit_refuses_a_refused_edit_with_a_bad_actor_too() -> None:
    """An edit that the rules would refuse is still an InputError when its
    actor is not text: the arguments are checked first."""
    assist = make_assist("scheduling", now=NOW)
    with pytest.raises(InputError) as caught:
        WF.edit(assist, actor=3, now=NOW, visitors=())  # type: ignore[arg-type]
    assert ("actor",) == caught.value.paths


@pytest.mark.parametrize("now", ["2026-11-02T12:00:00Z", 1793361600])
def test_edit_refuses_an_instant_that_is_not_a_datetime(now: object) -> None:
    """edit(now=...) takes an aware datetime: anything else names ``now``."""
    assist = make_assist("scoping", now=NOW)
    with pytest.raises(InputError) as caught:
        WF.edit(assist, actor=None, now=now, title="Front door redesign")  # type: ignore[arg-type]
    assert ("now",) == caught.value.paths
    assert "Front door redesign" != assist.title


def test_edit_records_a_text_actor_and_note() -> None:
    """A text actor and note are accepted and land in the edit's entry."""
    assist = make_assist("scoping", now=NOW)
    outcome = WF.edit(assist, actor="ana@x.example", now=NOW, note="", title="Front door redesign")
    assert outcome.ok
    assert ("ana@x.example", "") == (assist.history[-1].actor, assist.history[-1].note)


def test_acknowledged_time_zone_warnings_last_through_the_meeting() -> None:
    """A virtual assist's out-of-hours warnings, accepted once, do not stop each quarter."""
    assist = make_assist("scheduling", now=NOW)
    far = [attrs.evolve(v, timezone="Asia/Tokyo") for v in assist.visitors[:2]]
    assist.visitors = (*far, *assist.visitors[2:])
    assist.logistics = attrs.evolve(assist.logistics, virtual_url="https://meet.example/pa")
    refused = WF.fire(assist, "start_meeting", now=NOW)
    assert set(refused.codes) == {"PA-X05-outside-working-hours"}
    assert len(refused.findings) >= 2
    assert WF.fire(assist, "start_meeting", now=NOW, acknowledge=refused.codes).ok
    assist.meeting = make_assist("quarter_4", now=NOW).meeting
    for hours, trigger in enumerate(
        ("start_questions", "start_analysis", "start_presentation", "end_meeting"), start=1
    ):
        assert WF.fire(assist, trigger, now=_meeting_day(assist, hours)).ok, trigger
