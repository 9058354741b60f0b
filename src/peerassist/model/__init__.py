"""The domain model: a peer assist and everything it holds.

Values (people, windows, sections, notes) are frozen attrs classes: they are
compared by value, hashable, safe to share between assists and to cache, and
replaced with ``attrs.evolve`` rather than changed in place, so a change to
what invitees see is always a visible assignment on the assist. The
aggregate, :class:`PeerAssist`, is mutable, because the workflow moves its
``state``, appends to its ``history`` and bumps its ``revision`` in place;
every assignment to it is checked.

Every class checks its invariants when built and reports every problem at
once in one :class:`~peerassist.exceptions.InputError`.
"""

from peerassist.model._acknowledgement import Acknowledgement
from peerassist.model._agenda_options import AgendaOptions, PauseOption
from peerassist.model._assist import INITIAL_STATE, AuditEntry, PeerAssist, new_id
from peerassist.model._invites import Invitations, PartStat, Rsvp, SentInvite
from peerassist.model._outputs import (
    ActionItem,
    ActionStatus,
    AfterActionReview,
    Analysis,
    ContextNotes,
    Evidence,
    EvidenceKind,
    FeedbackItem,
    FeedbackKind,
    FollowUp,
    InfoNeed,
    Lesson,
    MeetingNotes,
    Questions,
    Sharing,
    Takeaway,
)
from peerassist.model._people import HostTeam, Person, Role
from peerassist.model._plan import (
    DEFAULT_GROUND_RULES,
    Briefing,
    Logistics,
    MeetingWindow,
    PriorWork,
    Purpose,
    Readiness,
    Recording,
    RelatedTeam,
    Research,
    SocialTime,
)

__all__ = [
    "DEFAULT_GROUND_RULES",
    "INITIAL_STATE",
    "Acknowledgement",
    "ActionItem",
    "ActionStatus",
    "AfterActionReview",
    "AgendaOptions",
    "Analysis",
    "AuditEntry",
    "Briefing",
    "ContextNotes",
    "Evidence",
    "EvidenceKind",
    "FeedbackItem",
    "FeedbackKind",
    "FollowUp",
    "HostTeam",
    "InfoNeed",
    "Invitations",
    "Lesson",
    "Logistics",
    "MeetingNotes",
    "MeetingWindow",
    "PartStat",
    "PauseOption",
    "PeerAssist",
    "Person",
    "PriorWork",
    "Purpose",
    "Questions",
    "Readiness",
    "Recording",
    "RelatedTeam",
    "Research",
    "Role",
    "Rsvp",
    "SentInvite",
    "SocialTime",
    "Sharing",
    "Takeaway",
    "new_id",
]
