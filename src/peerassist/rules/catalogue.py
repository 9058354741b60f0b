"""The built-in rules' factories, to rebuild or tune a catalogue.

Each function returns a fresh rule (a frozen callable with a readable repr)
equal to the one in :data:`~peerassist.rules.DEFAULT_RULES`; keyword
arguments change its severity or, for the wording rules, its phrases::

    from peerassist.rules import DEFAULT_RULES, catalogue

    strict = tuple(
        catalogue.visitor_count(severity="error") if r.code == "PA-M09-visitor-count" else r
        for r in DEFAULT_RULES
    )
"""

from peerassist.rules._catalogue_follow_up import (
    aar_answered,
    aar_planned,
    aar_soon,
    action_list_date,
    action_list_delivered,
    action_list_soon,
    actions_on_time,
    evidence_both_kinds,
    lessons_have_evidence,
    lessons_recorded,
    lessons_shared,
    visitor_takeaways,
    visitors_acknowledged,
)
from peerassist.rules._catalogue_meeting import (
    PRESCRIPTIVE_PHRASES,
    analysis_noted,
    context_noted,
    feedback_given,
    feedback_not_prescriptive,
    positives_first,
    quarters_equal,
    questions_noted,
)
from peerassist.rules._catalogue_people import (
    facilitator_named,
    facilitator_outside_host_team,
    host_chooses_visitors,
    looks_across,
    no_usual_suspects,
    outsider_invited,
    roles_named,
    visitor_count,
    visitors_diverse,
    visitors_invited,
    visitors_outside_host_team,
)
from peerassist.rules._catalogue_research import (
    plans_shared,
    prior_assists_known,
    research_recorded,
    similar_work_known,
)
from peerassist.rules._catalogue_schedule import (
    briefing_on_time,
    briefing_planned,
    decision_lead_time,
    ground_rules_set,
    length_within_bounds,
    meeting_before_decision,
    meeting_scheduled,
    overlap_window,
    pre_brief_planned,
    recording_agreed,
    social_time,
)
from peerassist.rules._catalogue_scoping import (
    ANSWER_PHRASES,
    ENDORSEMENT_PHRASES,
    EVALUATIVE_PHRASES,
    benefits_outweigh_costs,
    decision_date_known,
    deliverables_are_options,
    known_profile,
    not_a_review,
    problem_defined,
    purpose_not_endorsement,
    readiness_answered,
    ready,
)

__all__ = [
    "ANSWER_PHRASES",
    "ENDORSEMENT_PHRASES",
    "EVALUATIVE_PHRASES",
    "PRESCRIPTIVE_PHRASES",
    "aar_answered",
    "aar_planned",
    "aar_soon",
    "action_list_date",
    "action_list_delivered",
    "action_list_soon",
    "actions_on_time",
    "analysis_noted",
    "benefits_outweigh_costs",
    "briefing_on_time",
    "briefing_planned",
    "context_noted",
    "decision_date_known",
    "decision_lead_time",
    "deliverables_are_options",
    "evidence_both_kinds",
    "facilitator_named",
    "facilitator_outside_host_team",
    "feedback_given",
    "feedback_not_prescriptive",
    "ground_rules_set",
    "host_chooses_visitors",
    "known_profile",
    "length_within_bounds",
    "lessons_have_evidence",
    "lessons_recorded",
    "lessons_shared",
    "looks_across",
    "meeting_before_decision",
    "meeting_scheduled",
    "no_usual_suspects",
    "not_a_review",
    "outsider_invited",
    "overlap_window",
    "plans_shared",
    "positives_first",
    "pre_brief_planned",
    "prior_assists_known",
    "problem_defined",
    "purpose_not_endorsement",
    "quarters_equal",
    "questions_noted",
    "readiness_answered",
    "ready",
    "recording_agreed",
    "research_recorded",
    "roles_named",
    "similar_work_known",
    "social_time",
    "visitor_count",
    "visitor_takeaways",
    "visitors_acknowledged",
    "visitors_diverse",
    "visitors_invited",
    "visitors_outside_host_team",
]
