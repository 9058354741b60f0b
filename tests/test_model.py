"""Tests for peerassist.model: construction checks, normalisation and the aggregate."""

from __future__ import annotations

import datetime as dt
import itertools
import pickle
import zoneinfo
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from peerassist._attrs import evolve
from peerassist._time import Date, DateTime
from peerassist.exceptions import InputError
from peerassist.model import (
    DEFAULT_GROUND_RULES,
    INITIAL_STATE,
    ActionItem,
    ActionStatus,
    AfterActionReview,
    AuditEntry,
    Evidence,
    EvidenceKind,
    FeedbackItem,
    FeedbackKind,
    HostTeam,
    Logistics,
    MeetingWindow,
    PeerAssist,
    Person,
    Purpose,
    Readiness,
    Recording,
    Research,
    Role,
    SocialTime,
    new_id,
)
from peerassist.testing import make_assist
from strategies import assists, instants, people, windows

LONDON = "Europe/London"
NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")


def _at(*args: int, tz: str = LONDON) -> DateTime:
    return DateTime.create(*args, tz=tz)


def _person(**overrides: Any) -> Person:
    values: dict[str, Any] = {"name": "Ana Costa", "email": "ana@northfield.example"}
    values.update(overrides)
    return Person(**values)


def _problems(call: Any) -> list[tuple[str, str]]:
    """Run ``call`` and return (path, expected) of each problem it raises."""
    with pytest.raises(InputError) as caught:
        call()
    return [(p.path, p.expected) for p in caught.value.problems]


# -- text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (42, "text"),
        (None, "text"),
        ("", "non-empty text"),
        ("   ", "non-empty text"),
        ("Ana\x00", "text without control characters"),
        ("Ana\x1b[31m", "text without control characters"),
        ("Ana\nCosta", "a single line of text"),
        ("Ana\rCosta", "a single line of text"),
    ],
)
def test_required_single_line_text_is_checked(value: object, expected: str) -> None:
    """A person's name must be non-empty, single-line text without control characters."""
    assert _problems(lambda: _person(name=value)) == [("name", expected)]


def test_multi_line_text_allows_line_breaks_and_tabs() -> None:
    """Long-form fields keep line breaks and tabs, but not other control characters."""
    purpose = Purpose(problem="Line one\r\nLine two\n\tindented")
    assert purpose.problem == "Line one\r\nLine two\n\tindented"
    assert _problems(lambda: Purpose(problem="bell\x07")) == [
        ("problem", "text without control characters")
    ]


def test_optional_text_accepts_none_but_not_other_types() -> None:
    """An audit entry's actor may be None, but not a number."""
    at = _at(2026, 3, 1, 9)
    assert AuditEntry(event="create", source=None, dest="scoping", at=at).actor is None
    assert _problems(
        lambda: AuditEntry(event="create", source=None, dest="scoping", at=at, actor=7)
    ) == [("actor", "text")]


def test_non_ascii_text_is_kept() -> None:
    """Names in any script are kept as given."""
    assert _person(name="Đặng Thị Ngọc Thịnh 名前").name == "Đặng Thị Ngọc Thịnh 名前"


# -- emails --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    ["ana@northfield.example", "a.b+tag@sub.example.org", "o'neil@x-y.example", "名前@example.jp"],
)
def test_plausible_emails_pass(email: str) -> None:
    """Ordinary addresses, including tags, apostrophes and non-ASCII local parts, pass."""
    assert _person(email=email).email == email


@pytest.mark.parametrize(
    "email",
    [
        "ana",
        "ana@localhost",
        "ana costa@northfield.example",
        "ana@@northfield.example",
        "<ana@northfield.example>",
        "ana@northfield..example",
        "ana@-northfield.example",
        "ana@northfield.example\n",
        "Ana <ana@northfield.example>",
        "ana;eve@northfield.example",
        "",
        None,
    ],
)
def test_implausible_emails_are_refused(email: object) -> None:
    """Addresses an invite could not reach, or that could inject headers, are refused."""
    assert _problems(lambda: _person(email=email)) == [
        ("email", "a plausible email address like name@example.org")
    ]


def test_optional_email_may_be_none() -> None:
    """reports_to is optional; when given it must be plausible."""
    assert _person(reports_to=None).reports_to is None
    assert _problems(lambda: _person(reports_to="boss")) == [
        ("reports_to", "a plausible email address like name@example.org")
    ]


# -- numbers and booleans ------------------------------------------------------------


@pytest.mark.parametrize("grade", ["7", 7.0, True])
def test_integers_refuse_text_floats_and_booleans(grade: object) -> None:
    """A grade must be a whole number: not "7", 7.0 or True."""
    assert _problems(lambda: _person(grade=grade)) == [("grade", "a whole number")]


def test_integer_minimum_is_checked() -> None:
    """An assist's revision cannot be negative."""
    assert _problems(lambda: make_assist(now=NOW, revision=-1)) == [
        ("revision", "a whole number >= 0")
    ]


@pytest.mark.parametrize("answer", ["yes", 1, 0])
def test_booleans_refuse_look_alikes(answer: object) -> None:
    """Readiness answers are True, False or None; not "yes" or 1."""
    assert _problems(lambda: Readiness(scope_is_clear=answer)) == [
        ("scope_is_clear", "true or false")
    ]
    assert _problems(lambda: Recording(recorded=answer)) == [("recorded", "true or false")]


# -- zones and instants -----------------------------------------------------------------


def test_known_zones_pass_and_unknown_are_refused() -> None:
    """A person's zone is an IANA name this machine knows."""
    assert _person(timezone="Asia/Kolkata").timezone == "Asia/Kolkata"
    assert _person(timezone="UTC").timezone == "UTC"
    for bad in ("Europe/Londres", "GMT+1", "", 3):
        assert _problems(lambda bad=bad: _person(timezone=bad)) == [
            ("timezone", "an IANA time zone name like Europe/London")
        ]


@pytest.mark.parametrize(
    ("start", "found"),
    [
        (dt.datetime(2026, 3, 10, 9), "naive"),
        (dt.datetime(2026, 3, 10, 9, tzinfo=dt.timezone(dt.timedelta(hours=1))), "bare offset"),
        ("2026-03-10T09:00:00Z", "2026-03-10T09:00:00Z"),
        (dt.date(2026, 3, 10), "date(2026, 3, 10)"),
    ],
)
def test_instants_must_be_aware_with_an_iana_zone(start: object, found: str) -> None:
    """Naive datetimes, bare offsets, text and dates are refused where an instant is meant."""
    with pytest.raises(InputError) as caught:
        MeetingWindow(start=start, end=_at(2026, 3, 10, 17))  # type: ignore[arg-type]
    (problem,) = [p for p in caught.value.problems if p.path == "start"]
    assert "an aware datetime with an IANA zone" in problem.expected
    assert found in problem.found


def test_stdlib_zoneinfo_datetimes_become_pendulum() -> None:
    """A datetime with a zoneinfo zone is stored as a pendulum DateTime in that zone."""
    zone = zoneinfo.ZoneInfo(LONDON)
    window = MeetingWindow(
        start=dt.datetime(2026, 3, 10, 9, tzinfo=zone),
        end=dt.datetime(2026, 3, 10, 17, tzinfo=zone),
    )
    assert isinstance(window.start, DateTime)
    assert window.zone == LONDON
    assert window.start == _at(2026, 3, 10, 9)


def test_stdlib_utc_becomes_pendulum_utc() -> None:
    """datetime.UTC is accepted and stored as pendulum UTC."""
    entry = AuditEntry(
        event="create", source=None, dest="scoping", at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    )
    assert isinstance(entry.at, DateTime)
    assert entry.at.timezone_name == "UTC"


def test_pendulum_instants_are_kept_as_given() -> None:
    """A pendulum DateTime is stored as the very same object."""
    start = _at(2026, 3, 10, 9)
    assert MeetingWindow(start=start, end=_at(2026, 3, 10, 17)).start is start


@given(instants())
def test_any_instant_keeps_its_moment_and_zone(value: Any) -> None:
    """Whatever the aware input (pendulum or zoneinfo), the stored instant is the same moment."""
    entry = AuditEntry(event="e", source=None, dest="d", at=value)
    assert isinstance(entry.at, DateTime)
    assert entry.at.in_tz("UTC").naive() == value.astimezone(dt.UTC).replace(tzinfo=None)
    assert entry.at.utcoffset() == value.utcoffset()


# -- dates --------------------------------------------------------------------------


def test_stdlib_dates_become_pendulum_dates() -> None:
    """A datetime.date is stored as a pendulum Date."""
    purpose = Purpose(decision_date=dt.date(2027, 3, 1))
    assert isinstance(purpose.decision_date, Date)
    assert purpose.decision_date == Date(2027, 3, 1)


@pytest.mark.parametrize("due", [dt.datetime(2027, 3, 1, tzinfo=dt.UTC), "2027-03-01", None])
def test_dates_refuse_datetimes_and_text(due: object) -> None:
    """An action's due date is a date: not a datetime, text or None."""
    assert _problems(
        lambda: ActionItem(title="Pilot", owner="sam@trust.example", due=due)  # type: ignore[arg-type]
    ) == [("due", "a date like 2027-03-01")]


@pytest.mark.parametrize("reference", ["options[0]", "insights[12]", "feedback[3]"])
def test_action_keeps_what_prompted_it(reference: str) -> None:
    """An action links to the option, insight or feedback that prompted it (M22)."""
    action = ActionItem(
        title="Pilot", owner="sam@trust.example", due=Date(2027, 3, 1), prompted_by=reference
    )
    assert action.prompted_by == reference


def test_action_prompt_defaults_to_none() -> None:
    """An action built without a link has none, so older files still load."""
    action = ActionItem(title="Pilot", owner="sam@trust.example", due=Date(2027, 3, 1))
    assert action.prompted_by is None


@pytest.mark.parametrize(
    "reference",
    ["option[0]", "options[-1]", "options[01]", "options", "options[0] ", "Options[0]", "", 3],
)
def test_action_prompt_refuses_other_references(reference: object) -> None:
    """A link that is not options[N], insights[N] or feedback[N] is refused by name."""
    assert _problems(
        lambda: ActionItem(
            title="Pilot",
            owner="sam@trust.example",
            due=Date(2027, 3, 1),
            prompted_by=reference,  # type: ignore[arg-type]
        )
    ) == [("prompted_by", "a reference like 'options[0]', 'insights[1]' or 'feedback[2]', or None")]


# -- enums ---------------------------------------------------------------------------


def test_enum_values_are_converted_to_members() -> None:
    """An enum field given its value stores the member."""
    item = FeedbackItem(text="A story", kind="worked_elsewhere")  # type: ignore[arg-type]
    assert item.kind is FeedbackKind.WORKED_ELSEWHERE
    evidence = Evidence(kind="research", source="A review")  # type: ignore[arg-type]
    assert evidence.kind is EvidenceKind.RESEARCH


def test_bad_enum_values_list_the_choices() -> None:
    """An unknown value is refused with the values allowed."""
    assert _problems(
        lambda: ActionItem(
            title="Pilot",
            owner="sam@trust.example",
            due=Date(2027, 3, 1),
            status="finished",  # type: ignore[arg-type]
        )
    ) == [("status", "one of 'open', 'done', 'dropped'")]
    assert str(Role.FACILITATOR) == "facilitator"
    assert ActionStatus("done") is ActionStatus.DONE


# -- sequences -----------------------------------------------------------------------


def test_lists_become_tuples() -> None:
    """Sequences given as lists are stored as tuples in frozen values."""
    person = _person(expertise=["triage", "flow"])
    assert person.expertise == ("triage", "flow")
    research = Research(sources_searched=["Library"])
    assert research.sources_searched == ("Library",)


def test_text_is_not_a_list() -> None:
    """A string where a list is meant is refused, not split into characters."""
    assert _problems(lambda: _person(expertise="triage")) == [("expertise", "a list of texts")]


def test_each_bad_item_is_named_by_index() -> None:
    """Every bad item of a list is reported with its index."""
    assert _problems(lambda: _person(expertise=["triage", "", 3, "two\nlines"])) == [
        ("expertise[1]", "non-empty text"),
        ("expertise[2]", "text"),
        ("expertise[3]", "a single line of text"),
    ]


def test_items_of_the_wrong_class_are_refused() -> None:
    """A list of people holding something else names the item."""
    assert _problems(
        lambda: HostTeam(caller=_person(), members=[_person(email="b@x.example"), "Ben"])
    ) == [("members[1]", "a Person")]


def test_history_stays_a_mutable_list() -> None:
    """The audit trail is a list (the workflow appends to it), even if given a tuple."""
    entry = AuditEntry(event="create", source=None, dest="scoping", at=_at(2026, 3, 1, 9))
    assist = make_assist(now=NOW, history=(entry,))
    assert assist.history == [entry]
    assert isinstance(assist.history, list)


# -- people and teams ----------------------------------------------------------------


def test_the_same_person_twice_in_a_team_is_refused_ignoring_case() -> None:
    """Two visitors with the same email, in any case, are refused, naming both."""
    ana = _person()
    twin = _person(name="A. Costa", email="ANA@Northfield.example")
    with pytest.raises(InputError) as caught:
        make_assist(now=NOW, visitors=(ana, _person(email="ben@x.example"), twin))
    (problem,) = caught.value.problems
    assert problem.path == "visitors[2].email"
    assert "(as visitors[0])" in problem.expected


def test_the_caller_cannot_also_be_a_member() -> None:
    """The caller listed again among the members is refused."""
    caller = _person()
    with pytest.raises(InputError) as caught:
        HostTeam(caller=caller, members=(_person(name="Ana again"),))
    assert [p.path for p in caught.value.problems] == ["members[0].email"]
    assert "(as caller)" in caught.value.problems[0].expected


def test_a_host_team_holds_its_caller() -> None:
    """everyone lists the caller first; membership is by email, ignoring case."""
    caller = _person()
    member = _person(name="Ben", email="ben@x.example")
    team = HostTeam(caller=caller, members=(member,))
    assert team.everyone == (caller, member)
    assert _person(name="Other name", email="BEN@x.example") in team
    assert "ben@x.example" not in team
    assert team.caller.key == "ana@northfield.example"


def test_the_caller_must_be_a_person() -> None:
    """A host team's caller given as text is refused."""
    assert _problems(lambda: HostTeam(caller="Ana")) == [("caller", "a Person")]  # type: ignore[arg-type]


def test_every_problem_of_one_value_is_reported_together() -> None:
    """One InputError lists all of a value's problems, in field order."""
    with pytest.raises(InputError) as caught:
        Person(name="", email="nope", grade="7", timezone="Mars/Base")  # type: ignore[arg-type]
    assert caught.value.paths == ("name", "email", "grade", "timezone")
    assert str(caught.value).startswith("4 problems:")


# -- spans ---------------------------------------------------------------------------


def test_a_window_must_end_after_it_starts() -> None:
    """End before (or at) start is refused on end."""
    for end in (_at(2026, 3, 10, 8), _at(2026, 3, 10, 9)):
        assert _problems(lambda end=end: MeetingWindow(start=_at(2026, 3, 10, 9), end=end)) == [
            ("end", "a time after start (2026-03-10T09:00:00+00:00)")
        ]


def test_a_window_stays_in_one_zone() -> None:
    """Start and end in different zones are refused."""
    assert _problems(
        lambda: MeetingWindow(start=_at(2026, 3, 10, 9), end=_at(2026, 3, 10, 17, tz="UTC"))
    ) == [("end", "a time in the same zone as start (Europe/London)")]


def test_window_length_counts_real_time_across_a_clock_change() -> None:
    """Midnight to 03:00 on the night clocks go forward is two hours long."""
    window = MeetingWindow(start=_at(2026, 3, 29, 0), end=_at(2026, 3, 29, 3))
    assert window.length == 2 * 3600


def test_social_time_is_a_span_too() -> None:
    """Social time must end after it starts and have a kind."""
    assert _problems(
        lambda: SocialTime(kind="", start=_at(2026, 3, 9, 21), end=_at(2026, 3, 9, 19))
    ) == [("kind", "non-empty text"), ("end", "a time after start (2026-03-09T21:00:00+00:00)")]


def test_windows_must_not_overlap_or_change_zone() -> None:
    """Each window starts after the previous one ends, in the same zone."""
    first = MeetingWindow(start=_at(2026, 3, 10, 9), end=_at(2026, 3, 10, 17))
    overlapping = MeetingWindow(start=_at(2026, 3, 10, 16), end=_at(2026, 3, 10, 18))
    elsewhere = MeetingWindow(
        start=_at(2026, 3, 11, 9, tz="Europe/Paris"), end=_at(2026, 3, 11, 17, tz="Europe/Paris")
    )
    paths = _problems(lambda: Logistics(windows=(first, overlapping)))
    assert [p for p, _ in paths] == ["windows[1].start"]
    assert _problems(lambda: Logistics(windows=(first, elsewhere))) == [
        ("windows[1].start", "a time in Europe/London")
    ]


def test_logistics_summarises_its_windows() -> None:
    """start, end and zone come from the first and last windows; None when unscheduled."""
    first = MeetingWindow(start=_at(2026, 3, 10, 9), end=_at(2026, 3, 10, 17))
    second = MeetingWindow(start=_at(2026, 3, 11, 9), end=_at(2026, 3, 11, 13))
    logistics = Logistics(windows=[first, second])  # type: ignore[arg-type]
    assert (logistics.start, logistics.end, logistics.zone) == (first.start, second.end, LONDON)
    empty = Logistics()
    assert (empty.start, empty.end, empty.zone) == (None, None, None)
    assert empty.ground_rules == DEFAULT_GROUND_RULES


@given(windows())
def test_generated_windows_hold_their_invariants(window: MeetingWindow) -> None:
    """Any valid window ends after it starts, in its own zone."""
    assert window.length > 0
    assert window.zone == window.end.timezone_name or window.zone == "UTC"


# -- values --------------------------------------------------------------------------


def test_values_are_frozen_and_replaced_with_evolve() -> None:
    """Values cannot be changed in place; evolve builds a checked copy."""
    person = _person()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        person.name = "Other"  # type: ignore[misc]
    assert evolve(person, name="Ana C.").name == "Ana C."
    with pytest.raises(InputError):
        evolve(person, email="nope")


def test_values_compare_and_hash_by_value() -> None:
    """Equal values are equal and hash alike, so they can be shared and cached."""
    assert _person() == _person()
    assert len({_person(), _person()}) == 1


def test_research_and_review_helpers() -> None:
    """Research knows when it is empty; a review knows when all four questions are answered."""
    assert Research().is_empty
    assert not Research(sources_searched=("Library",)).is_empty
    answers = dict.fromkeys(
        ("supposed_to_happen", "actually_happened", "why_different", "sustain_or_improve"), "x"
    )
    assert AfterActionReview(**answers).answered
    assert not AfterActionReview(**{**answers, "why_different": " "}).answered


def test_input_errors_survive_pickling() -> None:
    """A model error can cross a process boundary with its problems intact."""
    with pytest.raises(InputError) as caught:
        _person(email="nope")
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.problems == caught.value.problems


@given(people())
def test_rebuilding_a_person_from_lists_gives_the_same_value(person: Person) -> None:
    """Normalising is idempotent: lists in, the same tuples out."""
    values = attrs.asdict(person, recurse=False)
    values["expertise"] = list(values["expertise"])
    assert Person(**values) == person


# -- the aggregate ----------------------------------------------------------------------


def test_a_new_assist_starts_in_scoping_with_a_fresh_id() -> None:
    """A new assist is in the initial state at revision 0, with a random safe id."""
    assist = PeerAssist(title="T", host=HostTeam(caller=_person()))
    assert (assist.state, assist.revision, assist.history) == (INITIAL_STATE, 0, [])
    assert assist.id.startswith("pa-")
    assert len({new_id() for _ in range(50)}) == 50


@pytest.mark.parametrize("bad", ["", "-start", "has space", "a" * 129, "ü", 7, "pa-x\n"])
def test_ids_use_a_safe_alphabet(bad: object) -> None:
    """Ids are 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit."""
    assert [p for p, _ in _problems(lambda: make_assist(now=NOW, id=bad))] == ["id"]


@pytest.mark.parametrize("bad", ["Closed", "in meeting", "1st", "", None, "closed\n"])
def test_state_names_are_checked(bad: object) -> None:
    """A state is a lower-case name of letters, digits and underscores, on assignment too."""
    assist = make_assist(now=NOW)
    with pytest.raises(InputError) as caught:
        assist.state = bad  # type: ignore[assignment]
    assert caught.value.paths == ("state",)
    assert assist.state == "scoping"


def test_assignments_are_checked_and_refused_ones_change_nothing() -> None:
    """Assigning a bad value raises and leaves the old value in place."""
    assist = make_assist("scheduling", now=NOW)
    before = assist.visitors
    with pytest.raises(InputError) as caught:
        assist.visitors = (before[0], before[0])
    assert caught.value.paths == ("visitors[1].email",)
    assert assist.visitors == before
    with pytest.raises(InputError):
        assist.revision = -1
    with pytest.raises(InputError):
        assist.facilitator = "Grace"  # type: ignore[assignment]
    with pytest.raises(InputError):
        assist.title = ""
    assert assist.facilitator is not None


def test_assignments_normalise_like_construction() -> None:
    """Assigned lists become tuples; a new history list stays a list."""
    assist = make_assist(now=NOW)
    assist.visitors = [_person()]  # type: ignore[assignment]
    assert assist.visitors == (_person(),)
    assist.history = ()  # type: ignore[assignment]
    assert assist.history == []


def test_participants_lists_everyone_once_in_role_order() -> None:
    """Caller, host team, facilitator, recorder, sponsor, then visitors; each person once."""
    assist = make_assist("scheduling", now=NOW)
    roles = list(assist.participants())
    assert roles[0] == (assist.host.caller, Role.CALLER)
    assert [r for _, r in roles].count(Role.VISITOR) == len(assist.visitors)
    keys = [p.key for p, _ in roles]
    assert len(keys) == len(set(keys))
    assist.sponsor = assist.host.members[0]
    assert Role.SPONSOR not in [r for _, r in assist.participants()]


def test_find_person_ignores_case() -> None:
    """find_person matches any participant's email, ignoring case."""
    assist = make_assist("scheduling", now=NOW)
    visitor = assist.visitors[0]
    assert assist.find_person(visitor.email.upper()) == visitor
    assert assist.find_person("nobody@nowhere.example") is None


@settings(max_examples=40)
@given(assists())
def test_generated_assists_hold_every_team_invariant(assist: PeerAssist) -> None:
    """No generated assist holds a person twice in one team or a window out of order."""
    visitors = [p.key for p in assist.visitors]
    assert len(visitors) == len(set(visitors))
    host = [p.key for p in assist.host.everyone]
    assert len(host) == len(set(host))
    windows_ = assist.logistics.windows
    assert all(a.end.in_tz("UTC") <= b.start.in_tz("UTC") for a, b in itertools.pairwise(windows_))
    assert isinstance(assist.history, list)
