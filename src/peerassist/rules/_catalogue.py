"""The built-in catalogue, :data:`DEFAULT_RULES`, in the order of the method."""

from __future__ import annotations

from peerassist.rules import (
    _catalogue_follow_up,
    _catalogue_meeting,
    _catalogue_people,
    _catalogue_research,
    _catalogue_rsvp,
    _catalogue_schedule,
    _catalogue_scoping,
)
from peerassist.rules._rule import FunctionRule

__all__ = ["DEFAULT_RULES"]

DEFAULT_RULES: tuple[FunctionRule, ...] = (
    *_catalogue_scoping.RULES,
    *_catalogue_research.RULES,
    *_catalogue_people.RULES,
    *_catalogue_schedule.RULES,
    *_catalogue_meeting.RULES,
    *_catalogue_follow_up.RULES,
    *_catalogue_rsvp.RULES,
)
"""Every built-in rule, phase by phase; compose your own with
``DEFAULT_RULES + (my_rule,)`` or by filtering on ``code``."""
