"""Which parts of the method (M01-M27, X01-X08) the library covers, and how.

Every item of the method maps to the rules, model fields, agenda elements
and workflow states that encode it, and names what is deliberately left
unchecked (and why). The tests fail when a rule's ``refs`` and this map
disagree, when an item is unmapped, or when a named field, slot kind or
state no longer exists: coverage cannot shrink silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from peerassist._time import DateTime
from peerassist.agenda import SlotKind
from peerassist.rules import DEFAULT_RULES
from peerassist.testing import STATES, make_assist

ITEMS = tuple(f"M{n:02d}" for n in range(1, 28)) + tuple(f"X{n:02d}" for n in range(1, 9))


@dataclass(frozen=True)
class Covered:
    """How one method item is encoded."""

    rules: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    agenda: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    unchecked: str = ""
    """What of the item no rule can check, and why (required when no rule)."""


COVERAGE: dict[str, Covered] = {
    "M01": Covered(
        rules=("PA-M01-no-problem", "PA-M01-vague-problem", "PA-M14-no-briefing"),
        fields=("purpose.problem", "purpose.learning_aim", "logistics.briefing"),
        agenda=("opening",),
        unchecked="Whether the problem is specific enough is a judgement.",
    ),
    "M02": Covered(
        rules=("PA-M02-seeks-endorsement",),
        fields=("purpose.learning_aim", "purpose.readiness.not_yet_committed"),
        unchecked="Wording is a heuristic: an endorsement-seeking purpose can be phrased"
        " innocently.",
    ),
    "M03": Covered(
        rules=("PA-M03-no-research", "PA-M03-narrow-research", "PA-M03-prior-assist"),
        fields=("research.prior_work", "research.sources_searched"),
        states=("research",),
    ),
    "M04": Covered(
        rules=("PA-M04-plans-not-shared", "PA-M04-similar-work"),
        fields=("research.related_teams",),
        unchecked="Similar work elsewhere is found only in the assists a context knows.",
    ),
    "M05": Covered(
        rules=(
            "PA-M05-no-facilitator",
            "PA-M05-facilitator-in-host-team",
            "PA-M05-facilitator-declined",
            "PA-M09-visitor-in-another-role",
        ),
        fields=("facilitator",),
    ),
    "M06": Covered(rules=("PA-M06-recording-not-agreed",), fields=("logistics.recording",)),
    "M07": Covered(
        rules=(
            "PA-M07-no-decision-date",
            "PA-M07-meeting-after-decision",
            "PA-M07-decision-too-close",
        ),
        fields=("purpose.decision_date",),
        unchecked="Whether the team could act on an unexpected answer in time is a judgement;"
        " the policy's lead time stands in for it.",
    ),
    "M08": Covered(
        rules=("PA-M08-not-scheduled", "PA-M08-length-out-of-bounds"),
        fields=("logistics.windows",),
        unchecked="Fitting the length to the problem's complexity is a judgement.",
    ),
    "M09": Covered(
        rules=(
            "PA-M09-no-visitors",
            "PA-M09-visitor-count",
            "PA-M09-visitor-in-host-team",
            "PA-M09-no-diversity",
            "PA-M09-few-accepted",
            "PA-M09-visitor-from-host-unit",
            "PA-M09-visitor-in-another-role",
        ),
        fields=("visitors",),
        unchecked="Diversity of skills and experience is judged from the organisation, unit"
        " and expertise tags given.",
    ),
    "M10": Covered(
        rules=("PA-M10-looking-up", "PA-M09-visitor-from-host-unit"),
        fields=("host.caller.reports_to", "host.caller.grade"),
        unchecked="Seen only through the reporting lines and grades given.",
    ),
    "M11": Covered(
        rules=("PA-M11-usual-suspect",),
        unchecked="Needs a context of past assists; without one nothing is checked.",
    ),
    "M12": Covered(
        rules=("PA-M12-no-outsider",),
        unchecked="Whether someone will challenge is not data; only outsiders are checked.",
    ),
    "M13": Covered(
        rules=("PA-M13-deliverable-is-an-answer",),
        fields=("purpose.deliverables",),
        agenda=("opening",),
    ),
    "M14": Covered(
        rules=("PA-M14-no-briefing", "PA-M14-briefing-late", "PA-M14-invites-outdated"),
        fields=("logistics.briefing",),
    ),
    "M15": Covered(
        rules=("PA-M15-no-social-time",), fields=("logistics.social",), agenda=("social",)
    ),
    "M16": Covered(
        rules=("PA-M16-no-ground-rules",),
        fields=("logistics.ground_rules",),
        agenda=("opening", "ground_rules"),
        unchecked="That purpose and roles are made clear in the room is conduct, not data.",
    ),
    "M17": Covered(
        rules=("PA-M17-quarters-unequal",),
        agenda=("quarter",),
        states=("quarter_1", "quarter_2", "quarter_3", "quarter_4"),
        unchecked="Measured after the meeting from the audit trail; the plan itself is made"
        " equal by plan_agenda.",
    ),
    "M18": Covered(
        rules=("PA-M18-no-context-notes",),
        fields=("meeting.context.notes", "meeting.context.redefined_problem"),
        agenda=("quarter",),
        states=("quarter_1",),
        unchecked="Short and sharp is conduct.",
    ),
    "M19": Covered(
        rules=("PA-M19-no-questions",),
        fields=("meeting.questions",),
        agenda=("quarter",),
        states=("quarter_2",),
        unchecked="That the host team listens (or leaves the room) is conduct.",
    ),
    "M20": Covered(
        rules=("PA-M20-no-analysis",),
        fields=("meeting.analysis",),
        agenda=("quarter",),
        states=("quarter_3",),
        unchecked="That the host team takes the back seat is conduct.",
    ),
    "M21": Covered(
        rules=(
            "PA-M21-no-feedback",
            "PA-M21-positives-not-first",
            "PA-M21-prescriptive-feedback",
        ),
        fields=("meeting.feedback",),
        agenda=("quarter",),
        states=("quarter_4",),
        unchecked="Prescriptions are found by wording, a heuristic.",
    ),
    "M22": Covered(
        rules=(
            "PA-M22-no-acknowledgement",
            "PA-M22-no-action-list-date",
            "PA-M22-action-list-late",
            "PA-M22-no-action-list",
        ),
        fields=("follow_up.acknowledgement", "follow_up.action_list_due", "follow_up.actions"),
        agenda=("closing",),
        states=("feedback",),
    ),
    "M23": Covered(
        rules=("PA-M23-no-takeaways",), fields=("follow_up.takeaways",), agenda=("closing",)
    ),
    "M24": Covered(
        rules=(
            "PA-M24-no-lessons",
            "PA-M24-lesson-without-evidence",
            "PA-M24-one-sided-evidence",
        ),
        fields=("follow_up.lessons",),
        unchecked="Whether the research evidence is sound is a judgement.",
    ),
    "M25": Covered(rules=("PA-M25-no-aar", "PA-X06-aar-not-held"), fields=("follow_up.aar",)),
    "M26": Covered(rules=("PA-M26-lessons-not-shared",), fields=("follow_up.shared_with",)),
    "M27": Covered(
        rules=("PA-M27-no-benefit-case",),
        fields=("purpose.benefit_cost", "purpose.readiness.saving_exceeds_cost"),
        unchecked="Whether the benefits really outweigh the costs is a judgement.",
    ),
    "X01": Covered(
        rules=("PA-X01-not-ready", "PA-X01-readiness-unanswered"),
        fields=("purpose.readiness",),
    ),
    "X02": Covered(
        rules=("PA-X02-evaluative-purpose", "PA-X02-chosen-by-others"),
        fields=("visitors_chosen_by",),
        unchecked="A collaborative rather than evaluative tone in the room is conduct.",
    ),
    "X03": Covered(
        rules=("PA-X03-missing-roles",),
        fields=("sponsor", "recorder"),
        agenda=("opening",),
    ),
    "X04": Covered(
        rules=("PA-X04-no-pre-brief",),
        fields=("logistics.pre_brief",),
        agenda=("pre_brief",),
        unchecked="That the host states the problem in five minutes or less is conduct.",
    ),
    "X05": Covered(
        rules=("PA-X05-outside-working-hours",),
        fields=("logistics.virtual_url", "host.caller.timezone"),
        unchecked="Asynchronous variants are a way of running the meeting, not data.",
    ),
    "X06": Covered(
        rules=("PA-X06-aar-late", "PA-X06-aar-unanswered", "PA-X06-aar-not-held"),
        fields=("follow_up.aar.supposed_to_happen", "follow_up.aar.held_on"),
        unchecked="Blamelessness is conduct.",
    ),
    "X07": Covered(
        rules=("PA-X07-action-overdue", "PA-M22-no-action-list"),
        fields=("follow_up.actions",),
        unchecked="Owner and due date are required by the model itself; the review at the"
        " AAR is conduct.",
    ),
    "X08": Covered(
        rules=(
            "PA-X08-unknown-profile",
            "PA-M09-visitor-count",
            "PA-M08-length-out-of-bounds",
        ),
        fields=("profile",),
    ),
}

RULES = {r.code: r for r in DEFAULT_RULES}
NOW = DateTime.create(2026, 3, 10, 12, tz="UTC")


def test_every_item_is_mapped() -> None:
    """The map holds exactly the method's items, M01-M27 and X01-X08."""
    assert set(ITEMS) == set(COVERAGE)


@pytest.mark.parametrize("item", ITEMS)
def test_each_item_is_covered_or_its_gap_is_justified(item: str) -> None:
    """An item is covered by something, and one without a rule says why not."""
    covered = COVERAGE[item]
    assert covered.rules or covered.fields or covered.agenda or covered.states
    if not covered.rules:
        assert covered.unchecked


def test_every_rule_ref_is_in_the_map() -> None:
    """A rule's refs each list the rule in the map (a new rule cannot go unmapped)."""
    missing = [
        (rule.code, ref)
        for rule in DEFAULT_RULES
        for ref in rule.refs
        if rule.code not in COVERAGE[ref].rules
    ]
    assert missing == []


def test_every_mapped_rule_exists_and_refers_back() -> None:
    """Each rule the map names exists and names the item in its refs."""
    wrong = [
        (item, code)
        for item, covered in COVERAGE.items()
        for code in covered.rules
        if code not in RULES or item not in RULES[code].refs
    ]
    assert wrong == []


def test_every_rule_refers_to_method_items() -> None:
    """Built-in rules refer only to the method's IDs, and each to at least one."""
    for rule in DEFAULT_RULES:
        assert rule.refs
        assert set(rule.refs) <= set(ITEMS)


def test_mapped_fields_exist() -> None:
    """Every field the map names exists on a complete assist."""
    assist = make_assist("closed", now=NOW)
    for item, covered in COVERAGE.items():
        for path in covered.fields:
            value: object = assist
            for name in path.split("."):
                assert hasattr(value, name), f"{item}: {path}"
                value = getattr(value, name)


def test_mapped_agenda_elements_and_states_exist() -> None:
    """Every slot kind and workflow state the map names exists."""
    kinds = {kind.value for kind in SlotKind}
    for covered in COVERAGE.values():
        assert set(covered.agenda) <= kinds
        assert set(covered.states) <= set(STATES)


def test_every_item_has_a_rule_today() -> None:
    """At present every item has at least one rule (only parts are unchecked)."""
    assert [item for item, covered in COVERAGE.items() if not covered.rules] == []
