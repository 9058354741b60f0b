"""The register's contract, run on both backends: SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from peerassist import (
    ConflictError,
    InputError,
    NotFoundError,
    PeerAssistError,
    StaleRevisionError,
    Workflow,
    load,
    validate,
)
from peerassist._time import Date, DateTime
from peerassist.model import HostTeam, Lesson, Person, Sharing
from peerassist.register import Hit, Participation, Register, Suspect, open_register
from peerassist.testing import TickingClock, make_assist

NOW = DateTime.create(2026, 11, 2, 9, tz="UTC")
STAMP = DateTime.create(2026, 11, 2, 12, tz="UTC")


@pytest.fixture(params=["sqlite", "postgres"])
def register(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Register]:
    """An empty register on each backend, stamping with a clock that ticks a minute a call."""
    clock = TickingClock(STAMP)
    if request.param == "sqlite":
        target = str(tmp_path / "register.sqlite3")
    else:
        target = request.getfixturevalue("postgres_server").new_database()
    with open_register(target, clock=clock) as opened:
        yield opened


def other_team(state: str, assist_id: str, **changes: Any) -> Any:
    """The same problem, tackled by another trust's emergency department."""
    caller = Person(
        name="Olu Bright",
        email="olu.bright@eastfield.nhs.example",
        organisation="Eastfield NHS Trust",
        unit="Emergency Department",
    )
    host = HostTeam(caller=caller, organisation="Eastfield NHS Trust", unit="Emergency Department")
    return make_assist(state, now=NOW, id=assist_id, host=host, **changes)


def rostering(assist_id: str, state: str = "research") -> Any:
    """An assist on an unrelated problem."""
    assist = make_assist(state, now=NOW, id=assist_id)
    assist.title = "Choosing an electronic rostering system"
    assist.purpose = attrs.evolve(
        assist.purpose,
        problem="Our rostering spreadsheets break every month.",
        learning_aim="Learn how others chose and rolled out rostering software.",
    )
    return assist


# -- storing ----------------------------------------------------------------------


def test_add_then_get_returns_an_equal_assist(register: Register) -> None:
    """What is added comes back equal, as a fresh copy each time."""
    assist = make_assist("closed", now=NOW)
    register.add(assist)
    first = register.get(assist.id)
    assert assist == first
    assert first is not register.get(assist.id)
    assert 9 == register.revision(assist.id)


def test_missing_and_duplicate_ids_have_their_own_errors(register: Register) -> None:
    """A missing id is NotFoundError (a LookupError); a duplicate add is ConflictError."""
    assist = make_assist(now=NOW)
    register.add(assist)
    with pytest.raises(NotFoundError) as missing:
        register.get("pa-nowhere")
    assert isinstance(missing.value, LookupError)
    assert "no assist 'pa-nowhere' is stored" == str(missing.value)
    with pytest.raises(NotFoundError):
        register.revision("pa-nowhere")
    with pytest.raises(ConflictError) as taken:
        register.add(make_assist(now=NOW))
    assert isinstance(taken.value, PeerAssistError)
    assert "pa-ed-front-door" == taken.value.key


def test_save_is_compare_and_set_on_revision(register: Register) -> None:
    """The first save from a loaded revision wins; the second raises
    StaleRevisionError naming both revisions and changes nothing."""
    register.add(make_assist("scheduling", now=NOW))
    workflow = Workflow()
    first, second = register.get("pa-ed-front-door"), register.get("pa-ed-front-door")
    assert workflow.fire(first, "start_meeting", now=NOW).ok
    assert workflow.fire(second, "cancel", now=NOW).ok
    register.save(first, expected_revision=2)
    with pytest.raises(StaleRevisionError) as stale:
        register.save(second, expected_revision=2)
    assert (2, 3) == (stale.value.expected, stale.value.found)
    stored = register.get("pa-ed-front-door")
    assert ("quarter_1", 3) == (stored.state, stored.revision)


def test_save_refuses_an_unbumped_revision_and_an_unknown_assist(register: Register) -> None:
    """A change saved without bumping the revision is InputError; an unknown
    assist is NotFoundError."""
    assist = make_assist(now=NOW)
    register.add(assist)
    assist.title = "Changed"
    with pytest.raises(InputError) as unbumped:
        register.save(assist, expected_revision=0)
    assert ("revision",) == unbumped.value.paths
    stranger = make_assist(now=NOW, id="pa-stranger")
    stranger.revision = 1
    with pytest.raises(NotFoundError):
        register.save(stranger, expected_revision=0)


def test_update_fires_and_saves_only_what_passed(register: Register) -> None:
    """update() saves a transition that passed and nothing for a refused one."""
    register.add(make_assist("scheduling", now=NOW))
    workflow = Workflow()
    outcome = register.update(
        "pa-ed-front-door", lambda a: workflow.fire(a, "start_meeting", now=NOW)
    )
    assert outcome.ok
    refused = register.update("pa-ed-front-door", lambda a: workflow.fire(a, "close", now=NOW))
    assert not refused.ok
    assert ("quarter_1", 3) == (
        register.get("pa-ed-front-door").state,
        register.revision("pa-ed-front-door"),
    )


# -- listing ----------------------------------------------------------------------


def test_list_pages_cover_every_assist_once_newest_first(register: Register) -> None:
    """Keyset pages of two hold the five assists once each, most recently stored first."""
    for n in range(5):
        register.add(make_assist(now=NOW, id=f"pa-{n}"))
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = register.list(limit=2, cursor=cursor)
        pages += 1
        seen += [item.assist_id for item in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert ["pa-4", "pa-3", "pa-2", "pa-1", "pa-0"] == seen
    assert 3 == pages


def test_list_filters_by_state_person_and_time(register: Register) -> None:
    """state, person (any role, any case) and updated_since narrow the list."""
    register.add(make_assist("scoping", now=NOW, id="pa-a"))  # stamped 12:00
    register.add(rostering("pa-b", "closed"))  # 12:01
    register.add(other_team("research", "pa-c"))  # 12:02
    assert ["pa-b"] == [i.assist_id for i in register.list(state="closed").items]
    olu = register.list(person="OLU.BRIGHT@eastfield.nhs.example").items
    assert ["pa-c"] == [i.assist_id for i in olu]
    ana = register.list(person="ana.costa@northfield.nhs.example").items
    assert ["pa-b"] == [i.assist_id for i in ana]
    since = register.list(updated_since=DateTime.create(2026, 11, 2, 12, 1, tz="UTC")).items
    assert ["pa-c", "pa-b"] == [i.assist_id for i in since]
    item = since[0]
    assert (item.title, item.state, item.revision) == (
        "Redesigning the emergency department front door",
        "research",
        1,
    )
    assert DateTime.create(2026, 11, 2, 12, 2, tz="UTC") == item.updated_at


def test_list_refuses_a_bad_cursor_or_limit(register: Register) -> None:
    """A cursor the register did not give, or a limit of 0, is InputError."""
    with pytest.raises(InputError) as bad_cursor:
        register.list(cursor="not-a-cursor")
    assert ("cursor",) == bad_cursor.value.paths
    with pytest.raises(InputError) as bad_limit:
        register.list(limit=0)
    assert ("limit",) == bad_limit.value.paths


def test_archive_hides_from_list_and_search_but_not_from_get(register: Register) -> None:
    """An archived assist leaves list and search, stays readable, and lists with archived=True."""
    register.add(make_assist("closed", now=NOW))
    register.archive("pa-ed-front-door")
    assert () == register.list().items
    assert () == register.search("handover")
    assert ["pa-ed-front-door"] == [i.assist_id for i in register.list(archived=True).items]
    assert "closed" == register.get("pa-ed-front-door").state
    with pytest.raises(NotFoundError):
        register.archive("pa-nowhere")


# -- search -----------------------------------------------------------------------


def test_search_ranks_assists_naming_the_best_field(register: Register) -> None:
    """Search returns each matching assist once, with the field that matched
    best and the matching words marked; assists matching more words rank first."""
    register.add(make_assist("closed", now=NOW))
    register.add(rostering("pa-rota"))
    (hit,) = register.search("handover delays", limit=10)
    assert isinstance(hit, Hit)
    assert ("pa-ed-front-door", "closed") == (hit.assist_id, hit.state)
    assert "Redesigning the emergency department front door" == hit.title
    # In quarter 3 the assist has options (one says "triage") but no lessons yet.
    register.add(make_assist("quarter_3", now=NOW, id="pa-q3"))
    lesson, option = register.search("triage reduces", limit=10)
    assert ("pa-ed-front-door", "follow_up.lessons[0].text") == (lesson.assist_id, lesson.field)
    assert (
        "Evening senior decision-making at **triage** **reduces** handover delays."
        == lesson.snippet
    )
    assert ("pa-q3", "meeting.analysis.options[0]") == (option.assist_id, option.field)
    assert "Senior clinician at **triage** 16:00-22:00" == option.snippet
    assert lesson.score > option.score


def test_search_stems_and_reaches_options_and_insights(register: Register) -> None:
    """'constraints' finds 'constraint' in an insight; 'clinicians' an option."""
    register.add(make_assist("closed", now=NOW))
    insight = register.search("constraints")
    assert ["meeting.analysis.insights[0]"] == [h.field for h in insight]
    assert "Evening staffing, not layout, is the **constraint**" == insight[0].snippet
    option = register.search("clinicians")
    assert ["meeting.analysis.options[0]"] == [h.field for h in option]


def test_search_refuses_text_without_words(register: Register) -> None:
    """Punctuation only is InputError naming the text."""
    with pytest.raises(InputError) as caught:
        register.search("?! --")
    assert ("text",) == caught.value.paths


# -- similar work, people, lessons --------------------------------------------------


def test_similar_includes_closed_and_live_assists_with_contacts(register: Register) -> None:
    """Closed assists are prior learning, live ones teams to share with;
    cancelled and unrelated ones are left out."""
    register.add(other_team("closed", "pa-east-closed"))
    register.add(other_team("scheduling", "pa-east-live"))
    register.add(other_team("cancelled", "pa-east-cancelled"))
    register.add(rostering("pa-rota"))
    mine = make_assist("research", now=NOW, id="pa-mine")
    found = register.similar(mine)
    assert [("pa-east-closed", False), ("pa-east-live", True)] == [
        (s.assist_id, s.live) for s in found
    ]
    closed = found[0]
    assert "olu.bright@eastfield.nhs.example" == closed.contacts[0].email
    assert ("Emergency Department", "Eastfield NHS Trust") == (closed.team, closed.organisation)
    assert ("Evening senior decision-making at triage reduces handover delays.",) == closed.lessons
    assert () == found[1].lessons


def test_history_lists_participations_with_roles(register: Register) -> None:
    """A person's history names each assist and their role, oldest meeting first."""
    early = make_assist("closed", now=NOW.subtract(months=6), id="pa-early")
    later = other_team("scheduling", "pa-later")
    register.add(later)
    register.add(early)
    ana = "Ana.Costa@northfield.nhs.example"
    found = register.history(ana)
    assert [
        Participation(
            assist_id="pa-early",
            title="Redesigning the emergency department front door",
            state="closed",
            role="visitor",
            start=early.logistics.start.in_tz("UTC"),  # type: ignore[union-attr]
        ),
        Participation(
            assist_id="pa-later",
            title="Redesigning the emergency department front door",
            state="scheduling",
            role="visitor",
            start=later.logistics.start.in_tz("UTC"),  # type: ignore[union-attr]
        ),
    ] == list(found)
    assert () == register.history("nobody@nowhere.example")


def test_usual_suspects_counts_visits_in_the_window(register: Register) -> None:
    """Three visits in the year are over the default maximum of two (two in 120
    days are over one); an old
    visit and a cancelled assist do not count."""
    for n in range(3):
        register.add(make_assist("closed", now=NOW.subtract(months=n + 1), id=f"pa-{n}"))
    register.add(make_assist("closed", now=NOW.subtract(months=20), id="pa-old"))
    register.add(make_assist("cancelled", now=NOW, id="pa-cancelled"))
    suspects = register.usual_suspects(now=NOW)
    emails = [s.email for s in suspects]
    assert 6 == len(emails)
    assert "ana.costa@northfield.nhs.example" in emails
    ana = suspects[emails.index("ana.costa@northfield.nhs.example")]
    assert (
        Suspect(
            email="ana.costa@northfield.nhs.example",
            name="Dr Ana Costa",
            visits=3,
            assist_ids=("pa-2", "pa-1", "pa-0"),
        )
        == ana
    )
    assert () == register.usual_suspects(now=NOW, threshold=3)
    assert 6 == len(register.usual_suspects(now=NOW, window_days=120, threshold=1))
    with pytest.raises(InputError):
        register.usual_suspects(now=NOW, window_days=0)


def test_lessons_to_share_and_recording_a_sharing(register: Register) -> None:
    """A closed assist with unshared lessons is listed with its related teams
    and live similar work as audiences; recording a sharing removes it."""
    closed = make_assist("closed", now=NOW)
    closed.follow_up = attrs.evolve(closed.follow_up, shared_with=())
    register.add(closed)
    register.add(other_team("scheduling", "pa-east-live"))
    register.add(make_assist("closed", now=NOW, id="pa-shared"))
    (todo,) = register.lessons_to_share()
    assert "pa-ed-front-door" == todo.assist_id
    assert ("Evening senior decision-making at triage reduces handover delays.",) == todo.lessons
    assert ["Paediatric Emergency Department", "Emergency Department"] == [
        t.team for t in todo.suggested
    ]
    assert "olu.bright@eastfield.nhs.example" == todo.suggested[1].contact
    sharing = Sharing(audience="Eastfield ED", on=Date(2026, 11, 3), how="Video call")
    stored = register.record_sharing("pa-ed-front-door", sharing, expected_revision=9)
    assert (10, (sharing,)) == (stored.revision, stored.follow_up.shared_with)
    assert () == register.lessons_to_share()
    with pytest.raises(StaleRevisionError):
        register.record_sharing("pa-ed-front-door", sharing, expected_revision=9)


# -- the rules' context ------------------------------------------------------------


def test_the_register_is_the_rules_context(register: Register) -> None:
    """validate(context=register) finds prior work (M03), similar work under
    way (M04) and usual suspects (M11) among the stored assists."""
    for n in range(3):
        register.add(make_assist("closed", now=NOW.subtract(months=n + 1), id=f"pa-past-{n}"))
    register.add(other_team("closed", "pa-east-closed"))
    live = rostering("pa-rota-live")
    live.host = other_team("scoping", "x").host
    register.add(live)
    register.add(other_team("research", "pa-east-live"))
    assist = make_assist("scheduling", now=NOW, id="pa-new")
    codes = [f.code for f in validate(assist, now=NOW, context=register).findings]
    assert 6 == codes.count("PA-M11-usual-suspect")
    assert 1 == codes.count("PA-M04-similar-work")
    assert 1 == codes.count("PA-M03-prior-assist")
    report = validate(assist, now=NOW, context=register)
    m03 = next(f for f in report.findings if f.code == "PA-M03-prior-assist")
    assert (
        "Emergency Department (Eastfield NHS Trust) already tackled a similar problem in a"
        " closed assist: 'Redesigning the emergency department front door' (pa-east-closed,"
        " contact olu.bright@eastfield.nhs.example)." == m03.message
    )


def test_export_writes_the_stored_assist(register: Register, tmp_path: Path) -> None:
    """export() writes the stored assist to a file that loads back equal."""
    assist = make_assist("research", now=NOW)
    register.add(assist)
    target = tmp_path / "out.toml"
    register.export(assist.id, target)
    assert assist == load(target)
    with pytest.raises(NotFoundError):
        register.export("pa-nowhere", tmp_path / "x.toml")


def test_lessons_are_searchable_after_a_save(register: Register) -> None:
    """A save re-indexes the assist: new lessons are found, removed ones not."""
    assist = make_assist("follow_up", now=NOW)
    register.add(assist)
    assert () == register.search("zeppelin")
    assist.follow_up = attrs.evolve(
        assist.follow_up, lessons=(Lesson(text="A zeppelin is no way to move patients."),)
    )
    assist.revision += 1
    register.save(assist, expected_revision=8)
    assert ["follow_up.lessons[0].text"] == [h.field for h in register.search("zeppelins")]
    assert () == register.search("reduces")


# -- errors, defaults and edges of the storage primitives ------------------------------


def test_every_lookup_of_a_missing_assist_names_it(register: Register) -> None:
    """revision(), save() and archive() of an unknown id raise NotFoundError
    of kind "assist" naming the id; a duplicate add a ConflictError of kind "assist"."""
    with pytest.raises(NotFoundError) as revision:
        register.revision("pa-nowhere")
    assert ("assist", "pa-nowhere") == (revision.value.kind, revision.value.key)
    assert "no assist 'pa-nowhere' is stored" == str(revision.value)
    stranger = make_assist(now=NOW, id="pa-stranger")
    stranger.revision = 1
    with pytest.raises(NotFoundError) as saved:
        register.save(stranger, expected_revision=0)
    assert ("assist", "pa-stranger") == (saved.value.kind, saved.value.key)
    with pytest.raises(NotFoundError) as archived:
        register.archive("pa-gone")
    assert ("assist", "pa-gone") == (archived.value.kind, archived.value.key)
    register.add(make_assist(now=NOW))
    with pytest.raises(ConflictError) as taken:
        register.add(make_assist(now=NOW))
    assert ("assist", "pa-ed-front-door") == (taken.value.kind, taken.value.key)


def test_add_many_stores_all_or_none(register: Register) -> None:
    """A batch holding an id already stored raises ConflictError and stores
    none of its assists, not even those before the duplicate; the register
    takes the next write as usual."""
    register.add(make_assist(now=NOW, id="pa-taken"))
    batch = [make_assist(now=NOW, id="pa-new"), make_assist(now=NOW, id="pa-taken")]
    with pytest.raises(ConflictError) as taken:
        register.add_many(batch)  # type: ignore[attr-defined]
    assert "pa-taken" == taken.value.key
    with pytest.raises(NotFoundError):
        register.get("pa-new")
    assert ["pa-taken"] == [i.assist_id for i in register.list().items]
    register.add(make_assist(now=NOW, id="pa-later"))
    assert ["pa-later", "pa-taken"] == [i.assist_id for i in register.list().items]


def test_list_and_search_default_limits(register: Register) -> None:
    """list() gives pages of 50 and search() at most 10 hits when no limit is given."""
    register.add_many(  # type: ignore[attr-defined]
        [make_assist("closed", now=NOW, id=f"pa-{n:02}") for n in range(51)]
    )
    first = register.list()
    assert 50 == len(first.items)
    assert first.next_cursor is not None
    rest = register.list(cursor=first.next_cursor)
    assert (1, None) == (len(rest.items), rest.next_cursor)
    assert 10 == len(register.search("handover"))
    assert 11 == len(register.search("handover", limit=11))


def test_a_full_last_page_has_no_next_cursor(register: Register) -> None:
    """Four assists in pages of two: two pages, the second without a next cursor."""
    for n in range(4):
        register.add(make_assist(now=NOW, id=f"pa-{n}"))
    first = register.list(limit=2)
    assert ["pa-3", "pa-2"] == [i.assist_id for i in first.items]
    second = register.list(limit=2, cursor=first.next_cursor)
    assert ["pa-1", "pa-0"] == [i.assist_id for i in second.items]
    assert second.next_cursor is None


def test_list_summaries_give_the_meeting_start_in_utc(register: Register) -> None:
    """A scheduled assist's summary holds its meeting's start (UTC); an
    unscheduled one's None; archived=None lists archived and current alike."""
    register.add(make_assist("closed", now=NOW, id="pa-met"))  # met 21 Sep, 09:00 London
    register.add(make_assist("scoping", now=NOW, id="pa-unplanned"))
    register.archive("pa-met")
    unplanned, met = register.list(archived=None).items
    assert ("pa-unplanned", None, False) == (unplanned.assist_id, unplanned.start, False)
    assert ("pa-met", True) == (met.assist_id, met.archived)
    assert DateTime.create(2026, 9, 21, 8, tz="UTC") == met.start
    assert "UTC" == met.start.timezone_name  # type: ignore[union-attr]
    assert [] == [i.assist_id for i in register.list(archived=False, state="closed").items]


@pytest.mark.parametrize(
    ("arguments", "path"),
    [
        ({"state": 3}, "state"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"person": ["ana"]}, "person"),
        ({"archived": "no"}, "archived"),
        ({"archived": 0}, "archived"),
        ({"limit": 1001}, "limit"),
    ],
)
def test_list_refuses_a_bad_filter_naming_it(
    register: Register, arguments: dict[str, Any], path: str
) -> None:
    """A filter of the wrong type is InputError naming that filter."""
    with pytest.raises(InputError) as caught:
        register.list(**arguments)
    assert (path,) == caught.value.paths


def test_search_refuses_a_limit_out_of_range(register: Register) -> None:
    """search() with a limit of 0 or 1001 is InputError naming the limit."""
    register.add(make_assist("closed", now=NOW))
    for limit in (0, 1001):
        with pytest.raises(InputError) as caught:
            register.search("handover", limit=limit)
        assert ("limit",) == caught.value.paths


def test_archived_assists_do_not_crowd_out_current_ones_in_search(register: Register) -> None:
    """Eleven archived assists matching better than the one current assist
    still leave it as the first hit."""
    for n in range(11):
        register.add(make_assist("closed", now=NOW, id=f"pa-old-{n}", title="Handover"))
        register.archive(f"pa-old-{n}")
    register.add(rostering("pa-rota"))
    live = register.get("pa-rota")
    live.purpose = attrs.evolve(
        live.purpose,
        problem="Our rostering spreadsheets break every month, and the handover of the"
        " week's rota between wards is slow.",
    )
    live.revision += 1
    register.save(live, expected_revision=1)
    assert ["pa-rota"] == [h.assist_id for h in register.search("handover", limit=1)]


def test_usual_suspects_most_visits_first(register: Register) -> None:
    """Suspects come by visits, most first, then by email."""
    for n in range(3):
        register.add(make_assist("closed", now=NOW.subtract(months=n + 1), id=f"pa-{n}"))
    fourth = make_assist("closed", now=NOW.subtract(days=10), id="pa-3")
    fourth.visitors = tuple(p for p in fourth.visitors if p.name in ("Elena Novak", "Femi Johnson"))
    register.add(fourth)
    assert [
        ("elena.novak@logistics.example", 4),
        ("femi.johnson@patientsvoice.example", 4),
        ("ana.costa@northfield.nhs.example", 3),
        ("ben.adeyemi@westvale.nhs.example", 3),
        ("chloe.martin@stelsewhere.nhs.example", 3),
        ("dev.patel@ambulance.nhs.example", 3),
    ] == [(s.email, s.visits) for s in register.usual_suspects(now=NOW)]


def test_history_lists_unscheduled_assists_last(register: Register) -> None:
    """An assist without a meeting date comes after the dated ones, with no start."""
    scoping = make_assist("scoping", now=NOW, id="pa-a-unplanned")
    register.add(scoping)
    register.add(make_assist("closed", now=NOW, id="pa-z-met"))
    found = register.history("priya.raman@stelsewhere.nhs.example")
    assert [
        ("pa-z-met", "caller", DateTime.create(2026, 9, 21, 8, tz="UTC")),
        ("pa-a-unplanned", "caller", None),
    ] == [(p.assist_id, p.role, p.start) for p in found]
    with pytest.raises(InputError) as caught:
        register.history(5)  # type: ignore[arg-type]
    assert ("email",) == caught.value.paths


def test_visits_in_a_window_other_than_the_assist_asked_about(register: Register) -> None:
    """visits() gives the assists a person visited with a meeting in
    [since, until), oldest first, leaving out ``exclude`` and cancelled ones."""
    from peerassist.rules import Visit

    for n in range(3):  # meetings on 21 Aug, 22 Jul and 22 Jun, 08:00 UTC
        register.add(make_assist("closed", now=NOW.subtract(months=n + 1), id=f"pa-{n}"))
    register.add(make_assist("cancelled", now=NOW, id="pa-cancelled"))
    title = "Redesigning the emergency department front door"
    since = DateTime.create(2026, 6, 22, 8, tz="UTC")
    until = DateTime.create(2026, 8, 21, 8, tz="UTC")
    ana = "Ana.Costa@northfield.nhs.example"
    assert (
        Visit(assist_id="pa-2", title=title, start=since),
        Visit(assist_id="pa-1", title=title, start=DateTime.create(2026, 7, 22, 8, tz="UTC")),
    ) == tuple(register.visits(ana, since=since, until=until))
    assert ["pa-1"] == [
        v.assist_id for v in register.visits(ana, since=since, until=until, exclude="pa-2")
    ]
    assert ["pa-2", "pa-1", "pa-0"] == [
        v.assist_id for v in register.visits(ana, since=since, until=NOW, exclude="pa-9")
    ]
    assert () == tuple(
        register.visits("priya.raman@stelsewhere.nhs.example", since=since, until=NOW)
    )
    for arguments, path in (
        ({"email": 5, "since": since, "until": NOW}, "email"),
        ({"email": ana, "since": "June", "until": NOW}, "since"),
        ({"email": ana, "since": since, "until": None}, "until"),
        ({"email": ana, "since": since, "until": NOW, "exclude": 3}, "exclude"),
    ):
        with pytest.raises(InputError) as caught:
            register.visits(**arguments)
        assert (path,) == caught.value.paths


def test_a_backend_must_read_for_the_people_queries() -> None:
    """PeopleQueries over a backend that gives no ``_read``: NotImplementedError."""
    from peerassist.register._people import PeopleQueries

    class Bare(PeopleQueries):
        _t = "peer_assists"

    with pytest.raises(NotImplementedError):
        Bare().history("ana@example.org")
