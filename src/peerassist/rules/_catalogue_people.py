"""Built-in rules about who takes part (M05, M09-M12, X02, X03)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from peerassist.rules._core import RuleContext, Severity
from peerassist.rules._rule import Flag, FunctionRule
from peerassist.rules._util import make

if TYPE_CHECKING:
    from peerassist.model import PeerAssist, Person


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


# -- M05 -------------------------------------------------------------------


def _no_facilitator(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if assist.facilitator is None:
        yield Flag(message="No facilitator is named.", path="facilitator")


def facilitator_named(*, severity: Severity | str = Severity.ERROR) -> FunctionRule:
    """A facilitator is named (M05)."""
    return make(
        code="PA-M05-no-facilitator",
        severity=severity,
        refs=("M05",),
        phase="scheduling",
        title="A facilitator is named.",
        hint="Ask someone from outside the host team to facilitate.",
        reads=("facilitator",),
        check=_no_facilitator,
    )


def _facilitator_in_host(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    facilitator = assist.facilitator
    if facilitator is not None and facilitator in assist.host:
        yield Flag(
            message=f"The facilitator, {facilitator.name}, is in the host team.",
            path="facilitator",
        )


def facilitator_outside_host_team(*, severity: Severity | str = Severity.ERROR) -> FunctionRule:
    """The facilitator is not a member of the host team (M05)."""
    return make(
        code="PA-M05-facilitator-in-host-team",
        severity=severity,
        refs=("M05",),
        phase="scheduling",
        title="The facilitator comes from outside the host team.",
        hint=(
            "Choose a facilitator from outside the host team (a knowledge manager, a"
            " colleague from another unit), so the host team can listen."
        ),
        reads=("facilitator", "host"),
        check=_facilitator_in_host,
    )


# -- M09 -------------------------------------------------------------------


def _no_visitors(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if not assist.visitors:
        yield Flag(message="No visitors are invited.", path="visitors")


def visitors_invited(*, severity: Severity | str = Severity.ERROR) -> FunctionRule:
    """Someone is invited to share their experience (M09)."""
    return make(
        code="PA-M09-no-visitors",
        severity=severity,
        refs=("M09",),
        phase="scheduling",
        title="Visitors are invited.",
        hint="Invite peers from other units or organisations who have tackled similar problems.",
        reads=("visitors",),
        check=_no_visitors,
    )


def _visitor_count(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    count = len(assist.visitors)
    low, high = ctx.policy.visitors_min, ctx.policy.visitors_max
    if count and not low <= count <= high:
        side = "few" if count < low else "many"
        yield Flag(
            message=f"{count} {'visitor is' if count == 1 else 'visitors are'} too {side}: the"
            f" {ctx.policy.name} format asks for {low} to {high}.",
            path="visitors",
        )


def visitor_count(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """The number of visitors is within the policy's bounds (M09, X08)."""
    return make(
        code="PA-M09-visitor-count",
        severity=severity,
        refs=("M09", "X08"),
        phase="scheduling",
        title="The number of visitors is within the format's bounds (six to eight by default).",
        hint="Six to eight visitors is a good number for a peer assist; a clinic takes up to 12.",
        reads=("visitors",),
        check=_visitor_count,
    )


def _visitor_in_host(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    host = {member.key for member in assist.host.everyone}
    for index, person in enumerate(assist.visitors):
        if person.key in host:
            yield Flag(
                message=f"{person.name} is both a visitor and a member of the host team.",
                path=f"visitors[{index}]",
            )


def visitors_outside_host_team(*, severity: Severity | str = Severity.ERROR) -> FunctionRule:
    """No visitor is also a member of the host team (M09)."""
    return make(
        code="PA-M09-visitor-in-host-team",
        severity=severity,
        refs=("M09",),
        phase="scheduling",
        title="Visitors are peers from outside the host team.",
        hint="Keep host team members out of the visiting team; they listen to learn.",
        reads=("visitors", "host"),
        check=_visitor_in_host,
    )


def _uniform(values: list[str]) -> str | None:
    """The one value all share, if every value is known and they are all the same."""
    if not all(v.strip() for v in values):
        return None
    folded = {_fold(v) for v in values}
    return values[0] if len(folded) == 1 else None


def _varies(values: list[str]) -> bool:
    return len({_fold(v) for v in values if v.strip()}) > 1


def _no_diversity(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    visitors = assist.visitors
    if len(visitors) < 2:
        return
    # Units, organisations and expertise are looked at together: visitors
    # who differ in any of them (several units of one organisation, one
    # unit's different specialists) bring diverse knowledge. The cheapest
    # test first: most assists invite more than one organisation.
    organisations = [p.organisation for p in visitors]
    if _varies(organisations):
        return
    units = [f"{p.organisation}/{p.unit}" if p.unit.strip() else "" for p in visitors]
    if _varies(units):
        return
    tags = [frozenset(_fold(t) for t in p.expertise) for p in visitors]
    if len({t for t in tags if t}) > 1:
        return
    uniform: list[str] = []
    organisation = _uniform(organisations)
    unit = _uniform([p.unit for p in visitors]) if _uniform(units) is not None else None
    if unit is not None:
        uniform.append(f"come from one unit ({unit}, {organisation})")
    elif organisation is not None:
        uniform.append(f"come from one organisation ({organisation})")
    if all(tags):
        uniform.append(f"bring the same expertise ({', '.join(sorted(visitors[0].expertise))})")
    if uniform:
        yield Flag(message=f"All visitors {' and '.join(uniform)}.", path="visitors")


def visitors_diverse(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """The visitors bring diverse knowledge: units, organisations and expertise together (M09)."""
    return make(
        code="PA-M09-no-diversity",
        severity=severity,
        refs=("M09",),
        phase="scheduling",
        title="The visitors bring diverse knowledge: they differ in unit, organisation or"
        " expertise (an internal assist across units is fine).",
        hint="Invite people with different knowledge, skills and experience.",
        reads=("visitors",),
        check=_no_diversity,
    )


def _host_unit(assist: PeerAssist) -> tuple[str, str]:
    host = assist.host
    return (
        _fold(host.organisation or host.caller.organisation),
        _fold(host.unit or host.caller.unit),
    )


def _from_host_unit(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    organisation, unit = _host_unit(assist)
    if not unit:
        return
    own = [
        p.name
        for p in assist.visitors
        if _fold(p.unit) == unit
        and _fold(p.organisation or organisation) == organisation
        and p not in assist.host
    ]
    if own:
        shown = ", ".join(own)
        yield Flag(
            message=f"{len(own)} of {len(assist.visitors)} visitors come from the host's own"
            f" unit ({assist.host.unit or assist.host.caller.unit}): {shown}.",
            path="visitors",
        )


def visitors_from_other_units(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """Visitors come from other units or organisations, not the host's own unit (M09)."""
    return make(
        code="PA-M09-visitor-from-host-unit",
        severity=severity,
        refs=("M09", "M10"),
        phase="scheduling",
        title="Visitors come from other units or organisations, not from the host's own unit.",
        hint="Peers from the host's own unit share its blind spots: look across the"
        " organisation, or beyond it.",
        reads=("visitors", "host"),
        check=_from_host_unit,
    )


def _visitor_in_another_role(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    roles = (
        ("facilitator", assist.facilitator),
        ("recorder", assist.recorder),
        ("sponsor", assist.sponsor),
    )
    held = {person.key: role for role, person in roles if person is not None}
    for index, person in enumerate(assist.visitors):
        role = held.get(person.key)
        if role is not None:
            yield Flag(
                message=f"{person.name} is both a visitor and the {role}; the invites and"
                f" the record list them once, as the {role}.",
                path=f"visitors[{index}]",
            )


def visitors_hold_no_other_role(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """No visitor is also the facilitator, the recorder or the sponsor (M09, M05)."""
    return make(
        code="PA-M09-visitor-in-another-role",
        severity=severity,
        refs=("M09", "M05"),
        phase="scheduling",
        title="Visitors only visit: none is also the facilitator, the recorder or the sponsor.",
        hint="A visitor shares what they know; the facilitator keeps the meeting neutral and"
        " the recorder notes it. Ask someone else to take the other role.",
        reads=("visitors", "facilitator", "recorder", "sponsor"),
        check=_visitor_in_another_role,
    )


# -- M10 -------------------------------------------------------------------


def _line_above(assist: PeerAssist) -> list[str]:
    """Emails above the caller in their reporting line, nearest first."""
    chain: list[str] = []
    current: Person | None = assist.host.caller
    if current is None or current.reports_to is None:
        return chain  # no line to follow: no need to index everyone
    # Everyone by email, the first role first (as participants() orders them).
    host = assist.host
    everyone = (*host.everyone, assist.facilitator, assist.recorder, assist.sponsor)
    people = {p.key: p for p in (*everyone, *assist.visitors)[::-1] if p is not None}
    while current is not None and current.reports_to is not None:
        boss = current.reports_to.casefold()
        if boss in chain or boss == assist.host.caller.key:
            break
        chain.append(boss)
        current = people.get(boss)
    return chain


SENIOR_TITLES: tuple[str, ...] = (
    "chief executive",
    "ceo",
    "chief operating officer",
    "chief nurse",
    "chief medical officer",
    "chief officer",
    "managing director",
    "executive director",
    "medical director",
    "director of",
    "deputy chief executive",
)
"""Job titles that put a visitor above an operational caller (M10)."""


# One of the titles at a word start of the folded job title (the words may go
# on: "directors of" holds "director of").
_SENIOR = re.compile("(?:^| )(?:" + "|".join(map(re.escape, SENIOR_TITLES)) + ")")


def _senior_title(title: str) -> bool:
    return _SENIOR.search(_fold(title)) is not None


def _looking_up(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    caller = assist.host.caller
    home = _fold(assist.host.organisation or caller.organisation)
    above = _line_above(assist)
    caller_senior = _senior_title(caller.job_title)
    for index, person in enumerate(assist.visitors):
        same_org = not person.organisation.strip() or _fold(person.organisation) == home
        if person.key in above:
            yield Flag(
                message=f"{person.name} is above the caller in the caller's own reporting line.",
                path=f"visitors[{index}]",
            )
        elif not same_org:
            continue
        elif caller.grade is not None and person.grade is not None:
            if person.grade > caller.grade:
                where = (
                    "the caller's own unit"
                    if _fold(person.unit) == _fold(caller.unit)
                    else f"another unit ({person.unit or 'unit not given'})"
                )
                yield Flag(
                    message=f"{person.name} is senior to the caller, in {where} of the same"
                    f" organisation (grade {person.grade} against {caller.grade}).",
                    path=f"visitors[{index}]",
                )
        elif not caller_senior and _senior_title(person.job_title):
            yield Flag(
                message=f"{person.name} ({person.job_title}) is senior to the caller in the"
                " same organisation.",
                path=f"visitors[{index}]",
            )


def looks_across(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """No visitor is senior to the caller in the same organisation, in any unit (M10)."""
    return make(
        code="PA-M10-looking-up",
        severity=severity,
        refs=("M10",),
        phase="scheduling",
        title="Visitors are peers across the organisation, not managers up the caller's line.",
        hint=(
            "Look across the organisation, not up it: invite peers who did the work; a"
            " manager may open the meeting as sponsor instead."
        ),
        reads=("host", "facilitator", "recorder", "sponsor", "visitors"),
        check=_looking_up,
    )


# -- M11 -------------------------------------------------------------------


def _usual_suspects(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if ctx.context is None:
        return
    until = assist.logistics.start or ctx.now
    since = until.subtract(days=ctx.policy.usual_suspect_window_days)
    for index, person in enumerate(assist.visitors):
        visits = ctx.context.visits(person.email, since=since, until=until, exclude=assist.id)
        if len(visits) > ctx.policy.usual_suspect_max:
            yield Flag(
                message=f"{person.name} visited {len(visits)} assists in the last"
                f" {ctx.policy.usual_suspect_window_days} days: a usual suspect.",
                path=f"visitors[{index}]",
            )


def no_usual_suspects(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """No visitor attended many recent assists (M11; needs a context)."""
    return make(
        code="PA-M11-usual-suspect",
        severity=severity,
        refs=("M11",),
        phase="scheduling",
        title="No visitor is a usual suspect who attended many recent assists (needs a context).",
        hint="Find someone who has done the work but is not asked every time.",
        reads=(),
        uses=("context",),
        check=_usual_suspects,
    )


# -- M12 -------------------------------------------------------------------


def _no_outsider(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    home = _fold(assist.host.organisation or assist.host.caller.organisation)
    if not assist.visitors or not home:
        return
    if not any(p.organisation.strip() and _fold(p.organisation) != home for p in assist.visitors):
        yield Flag(message="No visitor comes from outside the host organisation.", path="visitors")


def outsider_invited(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """At least one visitor comes from outside the host organisation (M12)."""
    return make(
        code="PA-M12-no-outsider",
        severity=severity,
        refs=("M12",),
        phase="scheduling",
        title="Someone from outside the host organisation is invited.",
        hint="Consider people from outside the organisation: they are more likely to challenge.",
        reads=("host", "visitors"),
        check=_no_outsider,
    )


# -- X02 -------------------------------------------------------------------


def _chosen_by_others(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    chooser = assist.visitors_chosen_by
    if chooser is not None and chooser.casefold() not in {p.key for p in assist.host.everyone}:
        person = assist.find_person(chooser)
        who = person.name if person is not None else chooser
        yield Flag(
            message=f"The visitors were chosen by {who}, who is not in the host team:"
            " this looks like a peer review.",
            path="visitors_chosen_by",
        )


def host_chooses_visitors(*, severity: Severity | str = Severity.ERROR) -> FunctionRule:
    """The host team chose its own visitors (X02)."""
    return make(
        code="PA-X02-chosen-by-others",
        severity=severity,
        refs=("X02",),
        phase="scheduling",
        title="The host team chooses its own visitors (a peer assist is not a peer review).",
        hint="Let the host team choose who it wants help from.",
        reads=("visitors_chosen_by", "host", "facilitator", "recorder", "sponsor", "visitors"),
        check=_chosen_by_others,
    )


# -- X03 -------------------------------------------------------------------


def _missing_roles(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if assist.sponsor is None:
        yield Flag(message="No sponsor is named to open the meeting.", path="sponsor")
    if assist.recorder is None:
        yield Flag(message="No note-taker (recorder) is named.", path="recorder")


def roles_named(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """A sponsor and a note-taker are named (X03)."""
    return make(
        code="PA-X03-missing-roles",
        severity=severity,
        refs=("X03",),
        phase="scheduling",
        title="A sponsor (to open the meeting) and a note-taker are named.",
        hint=(
            "A sponsor says why the meeting was called, its objectives and deliverables;"
            " a note-taker keeps what is learned."
        ),
        reads=("sponsor", "recorder"),
        check=_missing_roles,
    )


RULES: tuple[FunctionRule, ...] = (
    facilitator_named(),
    facilitator_outside_host_team(),
    visitors_invited(),
    visitor_count(),
    visitors_outside_host_team(),
    visitors_diverse(),
    visitors_from_other_units(),
    visitors_hold_no_other_role(),
    looks_across(),
    no_usual_suspects(),
    outsider_invited(),
    host_chooses_visitors(),
    roles_named(),
)
