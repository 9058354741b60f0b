"""Thresholds the rules and the planners check against, and named profiles (X08).

A :class:`Policy` is plain, frozen data: derive your own with
``attrs.evolve(DEFAULT_POLICY, visitors_max=10)``. :data:`PROFILES` holds the
known formats of the method: the BP/NHS peer assist (the default), a short
clinic and a retrospect.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from peerassist._attrs import frozen
from peerassist._time import Date, Duration, HolidaySet, bank_holidays, duration
from peerassist.exceptions import InputError
from peerassist.model._check import Checker, found

__all__ = ["DEFAULT_POLICY", "PROFILES", "Policy", "get_policy"]


@frozen(kw_only=True)
class Policy:
    """Thresholds with documented defaults (those of the NHS description).

    Every field is checked when built; a bad one raises an
    :class:`~peerassist.exceptions.InputError` naming it.

    Attributes:
        name: the profile's name.
        visitors_min: fewest visitors (M09: six to eight is a good number).
        visitors_max: most visitors (M09).
        length_min: shortest meeting, summed over its windows (M08: half a day).
        length_max: longest meeting (M08: two days of about eight hours).
        length_per_host_member: for a retrospect, the time per host team
            member (X08); when set, it replaces the fixed bounds.
        days_max: most meeting days (M08).
        decision_lead_days: working days at least between the meeting's end
            and the decision date, to act on what is learned (M07).
        briefing_lead_days: working days at least between sending the
            briefing materials and the meeting (M14).
        invite_lead_days: working days at least between sending the invites
            and the meeting (used by the timeline).
        action_list_within_days: working days at most from the meeting's end
            to the committed action-list date (M22).
        aar_within_days: calendar days at most from the meeting's end to the
            After Action Review (X06: soon after the event).
        quarter_tolerance: how far from a quarter of the meeting time a
            quarter may be, as a fraction of the whole meeting: with 0.1, each
            quarter takes 15% to 35% of it (M17: roughly equal).
        usual_suspect_max: most recent assists a visitor may have attended
            before being flagged as a usual suspect (M11).
        usual_suspect_window_days: how far back "recent" reaches (M11).
        working_hours_start: the hour a working day starts, in each
            participant's own zone (X05: overlap windows).
        working_hours_end: the hour a working day ends (X05). The X05 rule,
            :func:`~peerassist.agenda.find_overlap` and
            :func:`~peerassist.agenda.suggest_windows` all use these hours.
        bank_holidays: skip bank holidays in working-day arithmetic (needs
            the ``holidays`` extra).
        holiday_country: ISO country code for bank holidays.
        holiday_subdivision: subdivision for bank holidays (``ENG`` is
            England and Wales' calendar).
        agenda_min_piece: the shortest piece of a quarter the agenda planner
            leaves on either side of a break, lunch or a day's end (M17).
        agenda_tolerance: how much the planner lets the longest quarter
            exceed the shortest, as a fraction of a quarter (M17: "roughly"
            four equal parts); the planner tries the tightest spread first.
    """

    name: str = "bp-nhs"
    visitors_min: int = 6
    visitors_max: int = 8
    length_min: Duration = duration(hours=3)
    length_max: Duration = duration(hours=16)
    length_per_host_member: Duration | None = None
    days_max: int = 2
    decision_lead_days: int = 10
    briefing_lead_days: int = 5
    invite_lead_days: int = 15
    action_list_within_days: int = 10
    aar_within_days: int = 30
    quarter_tolerance: float = 0.1
    usual_suspect_max: int = 2
    usual_suspect_window_days: int = 365
    working_hours_start: int = 8
    working_hours_end: int = 18
    bank_holidays: bool = False
    holiday_country: str = "GB"
    holiday_subdivision: str | None = "ENG"
    agenda_min_piece: Duration = duration(minutes=20)
    agenda_tolerance: float = 0.1

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        c.text("name", required=True)
        for name in (
            "visitors_min",
            "visitors_max",
            "days_max",
            "decision_lead_days",
            "briefing_lead_days",
            "invite_lead_days",
            "action_list_within_days",
            "aar_within_days",
            "usual_suspect_max",
            "usual_suspect_window_days",
            "working_hours_start",
            "working_hours_end",
        ):
            c.integer(name, minimum=0)
        bad = {p.path for p in c.problems}
        if not bad & {"visitors_min", "visitors_max"} and self.visitors_max < self.visitors_min:
            c.add(
                "visitors_max",
                f"at least visitors_min ({self.visitors_min})",
                str(self.visitors_max),
            )
        if "days_max" not in bad and self.days_max < 1:
            c.add("days_max", "at least 1", str(self.days_max))
        hours = {"working_hours_start", "working_hours_end"}
        if not bad & hours and not self.working_hours_start < self.working_hours_end <= 24:
            c.add(
                "working_hours_end",
                f"an hour after working_hours_start ({self.working_hours_start}), at most 24",
                str(self.working_hours_end),
            )
        for name in ("length_min", "length_max", "length_per_host_member"):
            value = getattr(self, name)
            if value is None and name == "length_per_host_member":
                continue
            if not isinstance(value, Duration) or value.total_seconds() <= 0:
                c.add(name, "a positive duration (peerassist._time.duration)", found(value))
        if (
            isinstance(self.length_min, Duration)
            and isinstance(self.length_max, Duration)
            and self.length_max < self.length_min
        ):
            c.add("length_max", "at least length_min", str(self.length_max))
        tolerance = self.quarter_tolerance
        if (
            isinstance(tolerance, bool)
            or not isinstance(tolerance, int | float)
            or not 0 <= tolerance <= 0.25
        ):
            c.add("quarter_tolerance", "a fraction from 0 to 0.25", found(tolerance))
        piece = self.agenda_min_piece
        if not isinstance(piece, Duration) or piece.total_seconds() <= 0:
            c.add(
                "agenda_min_piece", "a positive duration (peerassist._time.duration)", found(piece)
            )
        share = self.agenda_tolerance
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 0.5:
            c.add("agenda_tolerance", "a fraction of a quarter from 0 to 0.5", found(share))
        c.boolean("bank_holidays")
        c.text("holiday_country", required=True)
        c.optional_text("holiday_subdivision")
        c.done()

    def holidays(self) -> HolidaySet | None:
        """The bank-holiday predicate to use, or None when they are not skipped."""
        if not self.bank_holidays:
            return None
        return bank_holidays(self.holiday_country, self.holiday_subdivision)

    def length_bounds(self, host_team_size: int) -> tuple[Duration, Duration]:
        """Return (shortest, longest) meeting length for this team size."""
        if self.length_per_host_member is None:
            return self.length_min, self.length_max
        per = self.length_per_host_member
        return per * max(1, host_team_size) * 0.75, per * max(1, host_team_size) * 1.25

    def is_working_day(self, day: Date) -> bool:
        """Tell whether ``day`` is a working day under this policy."""
        holidays = self.holidays()
        return day.isoweekday() < 6 and not (holidays is not None and holidays(day))


DEFAULT_POLICY = Policy()
"""The BP/NHS peer assist: 6-8 visitors, half a day to two days (M08, M09, X08)."""

PROFILES: Mapping[str, Policy] = MappingProxyType(
    {
        "bp-nhs": DEFAULT_POLICY,
        "clinic": Policy(
            name="clinic",
            visitors_min=6,
            visitors_max=12,
            length_min=duration(minutes=45),
            length_max=duration(minutes=60),
            days_max=1,
            decision_lead_days=5,
            briefing_lead_days=2,
            invite_lead_days=5,
        ),
        "retrospect": Policy(
            name="retrospect",
            visitors_min=1,
            visitors_max=8,
            length_min=duration(minutes=30),
            length_max=duration(hours=8),
            length_per_host_member=duration(minutes=30),
            days_max=1,
            decision_lead_days=5,
            briefing_lead_days=2,
            invite_lead_days=5,
        ),
        "virtual": Policy(
            name="virtual",
            visitors_min=6,
            visitors_max=8,
            length_min=duration(minutes=90),
            length_max=duration(hours=4),
            days_max=2,
            decision_lead_days=5,
            briefing_lead_days=3,
            invite_lead_days=10,
        ),
    }
)
"""The known formats of X08, by name: ``bp-nhs``, ``clinic``, ``retrospect``
and ``virtual`` (an online assist of 1.5 to 4 hours, X05)."""


def get_policy(name: str | None) -> Policy:
    """Return the named profile (the default one for ``None``).

    Raises:
        InputError: naming the known profiles when ``name`` is unknown.
    """
    if name is None:
        return DEFAULT_POLICY
    try:
        return PROFILES[name]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise InputError.single("profile", f"one of {known}", repr(name)) from None
