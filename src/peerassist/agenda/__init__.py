"""Agenda planning: the meeting split into its four quarters, and the timeline.

* :func:`plan_agenda` lays a meeting out from its start (and optionally its
  end) with a :class:`Preset`: social time, opening and ground rules, four
  quarters (M15-M21), breaks, lunch and the closing (M22, M23);
* :func:`agenda_for` does the same for an assist's scheduled windows;
* :func:`find_overlap` finds the working hours shared by participants in
  several zones, and :func:`suggest_windows` the least-bad times when there
  are none (X05);
* :func:`plan_timeline` plans back from the decision date (M07, M14, M22,
  X06).
"""

from peerassist.agenda._agenda import Agenda, AgendaDay
from peerassist.agenda._content import SlotKind
from peerassist.agenda._for_assist import agenda_for
from peerassist.agenda._plan import plan_agenda
from peerassist.agenda._presets import (
    HALF_DAY,
    ONE_AND_A_HALF_DAYS,
    ONE_DAY,
    PRESETS,
    PROFILE_PRESETS,
    TWO_DAYS,
    VIRTUAL_CLINIC,
    Pause,
    PreBrief,
    Preset,
    Social,
    get_preset,
    preset_for_shape,
)
from peerassist.agenda._slots import Slot
from peerassist.agenda._suggest import (
    Candidate,
    LocalTime,
    Overlap,
    out_of_hours,
    overlap_report,
    suggest_windows,
)
from peerassist.agenda._timeline import Milestone, Timeline, plan_timeline
from peerassist.agenda._zones import find_overlap, shared_windows

__all__ = [
    "HALF_DAY",
    "ONE_AND_A_HALF_DAYS",
    "ONE_DAY",
    "PRESETS",
    "PROFILE_PRESETS",
    "TWO_DAYS",
    "VIRTUAL_CLINIC",
    "Agenda",
    "AgendaDay",
    "Candidate",
    "LocalTime",
    "Milestone",
    "Overlap",
    "Pause",
    "PreBrief",
    "Preset",
    "Slot",
    "SlotKind",
    "Social",
    "Timeline",
    "agenda_for",
    "find_overlap",
    "get_preset",
    "out_of_hours",
    "overlap_report",
    "plan_agenda",
    "plan_timeline",
    "preset_for_shape",
    "shared_windows",
    "suggest_windows",
]
