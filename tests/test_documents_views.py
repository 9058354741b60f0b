"""Tests for the variables each document's template receives (peerassist.documents).

The documents guide lists the variables a host's own template can use; the
packaged templates show only some of them. Each test here passes a folder
holding one template of its own that writes the variables it names as JSON
(Jinja2's ``tojson``), reads them back, and compares them with values
written by hand from the example assists.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest

from peerassist import load
from peerassist._attrs import evolve
from peerassist._time import DateTime
from peerassist.documents import KINDS, render
from peerassist.model import PeerAssist, Recording
from peerassist.testing import make_assist

ROOT = Path(__file__).parent.parent
NOW = DateTime.create(2026, 11, 27, 10, tz="UTC")
MADE_NOW = DateTime.create(2027, 3, 1, 12, tz="UTC")


def _flood() -> PeerAssist:
    return load(ROOT / "examples" / "riverdale-flood.toml")


def _front_door() -> PeerAssist:
    return load(ROOT / "examples" / "ed-front-door.toml")


def _variables(
    assist: PeerAssist, kind: str, names: tuple[str, ...], where: Path, now: DateTime = NOW
) -> dict[str, Any]:
    """Render a template of one's own that writes ``names`` as JSON; read them back."""
    folder = Path(tempfile.mkdtemp(dir=where))
    body = ", ".join(f"{name!r}: {name}" for name in names)
    (folder / f"{kind}.html").write_text("{{ {" + body + "}|tojson }}", encoding="utf-8")
    return json.loads(render(assist, kind, now=now, templates=folder))  # type: ignore[no-any-return]


def _one(assist: PeerAssist, kind: str, name: str, where: Path, now: DateTime = NOW) -> Any:
    return _variables(assist, kind, (name,), where, now)[name]


CALLER = {
    "name": "Mark Ellison",
    "email": "mark.ellison@riverdale.gov.example",
    "email_url": "mailto:mark.ellison@riverdale.gov.example",
    "organisation": "Riverdale District Council",
    "unit": "Emergency Planning",
    "job_title": "Emergency Planning Officer",
    "zone": "Europe/London",
    "role": "Caller (host team)",
}

# -- what every document receives -------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "document"),
    [
        ("briefing", "Briefing pack"),
        ("record", "Meeting record"),
        ("actions", "Action list"),
        ("aar", "After Action Review"),
        ("lessons", "Lessons learned"),
    ],
)
def test_every_document_receives_the_common_variables(
    tmp_path: Path, kind: str, document: str
) -> None:
    """Each kind gets its kind, its name, the title, language, preparation date,
    meta data, host, caller (as a person with the caller's role) and meeting dates."""
    names = ("kind", "document", "title", "lang", "prepared_on", "meta", "host", "caller")
    got = _variables(_flood(), kind, (*names, "meeting_dates"), tmp_path)
    assert got == {
        "kind": kind,
        "document": document,
        "title": "Getting community flood warnings to the people who need them",
        "lang": "en",
        "prepared_on": "Friday 27 November 2026",
        "meta": {"id": "riverdale-flood-2026", "revision": 8, "state": "follow_up"},
        "host": {"organisation": "Riverdale District Council", "unit": "Emergency Planning"},
        "caller": CALLER,
        "meeting_dates": "Saturday 24 October 2026 to Sunday 25 October 2026",
    }
    assert kind in KINDS


def test_the_document_receives_the_assist_itself(tmp_path: Path) -> None:
    """``assist`` is the assist rendered, so a template can read any field of it."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    (folder / "lessons.md").write_text(
        "{{ assist.id }} {{ assist.research.sources_searched|length }}\n", encoding="utf-8"
    )
    text = render(_flood(), "lessons", format="markdown", now=NOW, templates=folder)
    assert text == "riverdale-flood-2026 3\n"


def test_meeting_dates_of_a_one_day_meeting_name_the_day_once(tmp_path: Path) -> None:
    """A meeting whose windows fall on one day gives that day alone."""
    assist = _flood()
    assist.logistics = evolve(assist.logistics, windows=assist.logistics.windows[:1])
    assert _one(assist, "lessons", "meeting_dates", tmp_path) == "Saturday 24 October 2026"


def test_prepared_on_is_the_date_in_the_meeting_zone(tmp_path: Path) -> None:
    """At 23:30 UTC on 1 July it is already 2 July in London (BST), the meeting's zone."""
    late = DateTime.create(2026, 7, 1, 23, 30, tz="UTC")
    assert _one(_flood(), "lessons", "prepared_on", tmp_path, late) == "Thursday 2 July 2026"


def test_without_windows_the_dates_are_in_utc_and_no_meeting_dates(tmp_path: Path) -> None:
    """An assist with no meeting windows has no meeting zone: ``now`` is dated in UTC
    and the meeting dates are empty."""
    assist = _flood()
    assist.logistics = evolve(assist.logistics, windows=())
    late = DateTime.create(2026, 7, 1, 23, 30, tz="UTC")
    got = _variables(assist, "lessons", ("prepared_on", "meeting_dates"), tmp_path, late)
    assert got == {"prepared_on": "Wednesday 1 July 2026", "meeting_dates": ""}


# -- the briefing pack ------------------------------------------------------------------


def test_people_are_every_participant_once_with_role_and_zone(tmp_path: Path) -> None:
    """``people`` lists the caller, host team, facilitator, recorder, sponsor and
    visitors, each with its role label and zone; a person without a zone has ``""``."""
    assist = _flood()
    tom = evolve(assist.visitors[5], timezone=None)
    assist.visitors = (*assist.visitors[:5], tom, assist.visitors[6])
    people = _one(assist, "briefing", "people", tmp_path)
    assert people[0] == CALLER
    assert [(p["name"], p["role"], p["zone"]) for p in people] == [
        ("Mark Ellison", "Caller (host team)", "Europe/London"),
        ("Sita Kaur", "Host team", "Europe/London"),
        ("Owen Price", "Host team", "Europe/London"),
        ("Nadia Rahman", "Facilitator", "Europe/London"),
        ("Leo Grant", "Recorder", "Europe/London"),
        ("Joan Pike", "Sponsor", "Europe/London"),
        ("Dr Hannah Brooks", "Visitor", "Europe/London"),
        ("Kwame Mensah", "Visitor", "Europe/London"),
        ("Isabel Ortiz", "Visitor", "Europe/London"),
        ("Pieter de Vries", "Visitor", "Europe/Amsterdam"),
        ("Aisha Bello", "Visitor", "Europe/London"),
        ("Tom Reilly", "Visitor", ""),
        ("Grace Adebayo", "Visitor", "Europe/London"),
    ]


def test_other_zones_hold_the_people_working_elsewhere(tmp_path: Path) -> None:
    """Only a participant whose zone is set and differs from the meeting's gets
    the agenda in another zone; people without a zone are left out."""
    assist = _flood()
    tom = evolve(assist.visitors[5], timezone=None)
    grace = evolve(assist.visitors[6], timezone="Europe/Amsterdam")
    assist.visitors = (*assist.visitors[:5], tom, grace)
    zones = _one(assist, "briefing", "other_zones", tmp_path)
    assert [(z["zone"], z["people"]) for z in zones] == [
        ("Europe/Amsterdam", ["Pieter de Vries", "Grace Adebayo"])
    ]
    # Saturday 24 October 2026 is day 1, 09:00 in London and 10:00 in Amsterdam (both summer time).
    assert zones[0]["days"][1]["heading"] == "Saturday 24 October 2026 (day 1)"
    assert zones[0]["days"][1]["slots"][0]["time"].startswith("10:00")


def test_role_duties_name_only_the_roles_present(tmp_path: Path) -> None:
    """Each role present gets its duty (M16, X03), in the order of the opening;
    without a sponsor and recorder, their duties are left out."""
    assist = _flood()
    full = _one(assist, "briefing", "role_duties", tmp_path)
    assert [d["role"] for d in full] == [
        "Sponsor",
        "Caller and host team",
        "Visitors",
        "Facilitator",
        "Recorder",
    ]
    assert full[1] == {
        "role": "Caller and host team",
        "duty": "Listen to understand and learn, not to defend.",
    }
    assist.sponsor = None
    assist.recorder = None
    fewer = _one(assist, "briefing", "role_duties", tmp_path)
    assert [d["role"] for d in fewer] == ["Caller and host team", "Visitors", "Facilitator"]


def test_the_purpose_and_visitor_count(tmp_path: Path) -> None:
    """The purpose's texts, lists and decision date, and the number of visitors."""
    names = ("learning_aim", "outcomes", "deliverables", "decision_date", "visitor_count")
    got = _variables(_flood(), "briefing", names, tmp_path)
    assert got == {
        "learning_aim": "Learn how other flood-prone places get warnings from the agencies to"
        " every household, especially people without smartphones, before we choose our next"
        " system.",
        "outcomes": [
            "Options for reaching every household",
            "Contacts among warning services here and abroad",
        ],
        "deliverables": ["options", "insights"],
        "decision_date": "Wednesday 16 December 2026",
        "visitor_count": 7,
    }


def test_agenda_slots_carry_kind_quarter_method_items_and_window(tmp_path: Path) -> None:
    """Each slot gives its kind, quarter, the method items it serves and whether it
    falls inside a meeting window; the pre-brief and dinner of the day before do not."""
    agenda = _one(_front_door(), "briefing", "agenda", tmp_path)
    assert agenda["zone"] == "Europe/London"
    assert agenda["total"] == "12 h"
    assert agenda["svg"].startswith("<svg")
    days = agenda["days"]
    assert [d["heading"] for d in days] == [
        "Tuesday 9 March 2027 (the day before)",
        "Wednesday 10 March 2027 (day 1)",
        "Thursday 11 March 2027 (day 2)",
    ]
    assert [
        (s["title"], s["kind"], s["quarter"], s["refs"], s["in_window"]) for s in days[0]["slots"]
    ] == [
        ("Pre-brief with the facilitator", "pre_brief", None, "X04", False),
        ("Dinner", "social", None, "M15", False),
    ]
    assert [
        (s["time"], s["kind"], s["quarter"], s["refs"], s["in_window"])
        for s in days[1]["slots"][:5]
    ] == [
        ("09:00\u201309:30 GMT", "opening", None, "M01, M13, M16, X03", True),
        ("09:30\u201309:40 GMT", "ground_rules", None, "M16", True),
        ("09:40\u201310:50 GMT", "quarter", 1, "M17, M18", True),
        ("10:50\u201311:05 GMT", "break", None, "", True),
        ("11:05\u201312:15 GMT", "quarter", 1, "M17, M18", True),
    ]


def test_a_split_quarter_is_described_once_and_ground_rules_point_below(tmp_path: Path) -> None:
    """The second slot of a quarter split by a break has no description; the ground
    rules slot points to the list below when there are ground rules, and has no
    description when there are none."""
    assist = _front_door()
    slots = _one(assist, "briefing", "agenda", tmp_path)["days"][1]["slots"]
    assert slots[1]["description"] == "The ground rules listed below."
    assert slots[2]["description"].startswith("The host team presents the context")
    assert [s["description"] for s in slots[3:6]] == ["", "", ""]
    assist.logistics = evolve(assist.logistics, ground_rules=())
    bare = _one(assist, "briefing", "agenda", tmp_path)["days"][1]["slots"]
    assert bare[1]["kind"] == "ground_rules"
    assert bare[1]["description"] == ""
    assert bare[2]["description"].startswith("The host team presents the context")


def test_a_block_of_every_day_is_described_on_its_first_day_only(tmp_path: Path) -> None:
    """On a three-day meeting the recap opens days 2 and 3: its description is
    given on day 2 and not repeated on day 3, in the meeting's zone and in others."""
    assist = _front_door()
    first, second = assist.logistics.windows
    third = evolve(second, start=second.start.add(days=1), end=second.end.add(days=1))
    assist.logistics = evolve(assist.logistics, windows=(first, second, third))
    got = _variables(assist, "briefing", ("agenda", "other_zones"), tmp_path)
    for days in (got["agenda"]["days"], got["other_zones"][0]["days"]):
        recaps = [(d["heading"][:18], s) for d in days for s in d["slots"] if s["kind"] == "recap"]
        assert [(day, s["title"], s["description"]) for day, s in recaps] == [
            (
                "Thursday 11 March ",
                "Recap",
                "Welcome back: where we got to, and the plan for the day.",
            ),
            ("Friday 12 March 20", "Recap", ""),
        ]


def test_the_other_zones_agenda_repeats_no_description_either(tmp_path: Path) -> None:
    """In another zone's agenda too, a quarter continued after a break has no description."""
    zones = _one(_front_door(), "briefing", "other_zones", tmp_path)
    slots = zones[0]["days"][1]["slots"]
    assert [(s["title"], s["description"] == "") for s in slots[2:5]] == [
        ("Quarter 1: context", False),
        ("Break", True),
        ("Quarter 1: context (continued)", True),
    ]


def test_the_meeting_total_counts_hours_and_minutes(tmp_path: Path) -> None:
    """The meeting time is written in hours, with minutes only when there are some."""
    assert _one(_flood(), "briefing", "agenda", tmp_path)["total"] == "16 h"
    assist = _front_door()
    windows = assist.logistics.windows
    shorter = evolve(windows[1], end=windows[1].end.subtract(minutes=30))
    assist.logistics = evolve(assist.logistics, windows=(windows[0], shorter))
    assert _one(assist, "briefing", "agenda", tmp_path)["total"] == "11 h 30 min"


@pytest.mark.parametrize(
    ("recording", "sentence"),
    [
        (None, "Whether the meeting is recorded has not been agreed yet."),
        (
            Recording(
                recorded=True,
                by="leo.grant@localresilience.example",
                agreed_at=DateTime.create(2026, 10, 1, 14, tz="Europe/London"),
            ),
            "The meeting will be recorded by Leo Grant."
            " This was agreed on Thursday 1 October 2026.",
        ),
        (Recording(recorded=True), "The meeting will be recorded."),
        (
            Recording(recorded=False, by="notes@elsewhere.example"),
            "The meeting will not be recorded; notes@elsewhere.example takes the notes.",
        ),
        (
            Recording(recorded=False, by="LEO.GRANT@localresilience.example"),
            "The meeting will not be recorded; Leo Grant takes the notes.",
        ),
        (Recording(recorded=False), "The meeting will not be recorded."),
    ],
)
def test_the_recording_agreement_in_one_sentence(
    tmp_path: Path, recording: Recording | None, sentence: str
) -> None:
    """The recording agreement (M06): whether, by whom (a participant by name,
    anyone else by address) and when it was agreed."""
    assist = _flood()
    assist.logistics = evolve(assist.logistics, recording=recording)
    assert _one(assist, "briefing", "recording", tmp_path) == sentence


def test_logistics_pre_reading_and_prior_work(tmp_path: Path) -> None:
    """Pre-brief, social time, venue, online link, pre-reading and prior work as
    written in the flood example."""
    names = ("pre_brief", "social", "venue", "virtual", "pre_reading", "prior_work", "contacts")
    got = _variables(_flood(), "briefing", names, tmp_path)
    assert got["pre_brief"] == {"when": "Friday 23 October 2026, 16:00\u201316:30 BST"}
    assert got["social"] == {
        "kind": "dinner",
        "when": "Friday 23 October 2026, 19:00\u201321:00 BST",
        "venue": "The Lock Keeper, Canal Street",
    }
    assert got["venue"] == "Riverdale Community Hall, Mill Lane"
    link = "https://meet.riverdale.gov.example/flood-peer-assist"
    assert got["virtual"] == {"text": link, "url": link}
    pdf = "https://riverdale.gov.example/peer-assist/flood-briefing.pdf"
    assert got["pre_reading"] == [
        {
            "title": "Briefing: warnings, households and last winter's map",
            "url": pdf,
            "address": pdf,
            "sent": "Friday 9 October 2026",
        }
    ]
    wardens = "https://waterschap.example/dyke-wardens"
    assert got["prior_work"] == [
        {
            "who": "Waterschap Rivierenland",
            "what": "Door-to-door dyke wardens who alert streets without mobile coverage",
            "when": "Sunday 15 January 2023",
            "source": {"text": wardens, "url": wardens},
        },
        {
            "who": "Hillshire County Council",
            "what": "Flood wardens scheme with landline call cascade",
            "when": "",
            "source": {"text": "Hillshire flood warden evaluation, 2024", "url": None},
        },
    ]
    assert [(p["name"], p["role"]) for p in got["contacts"]] == [
        ("Mark Ellison", "Caller (host team)"),
        ("Nadia Rahman", "Facilitator"),
    ]


def test_what_is_not_planned_is_none_or_empty(tmp_path: Path) -> None:
    """No pre-brief, social time, online link or facilitator: None, None, None and
    the caller alone as contact; unsent pre-reading and a prior work without a
    source give ``""`` and None."""
    assist = _flood()
    reading = evolve(assist.logistics.briefing[0], sent_at=None)
    assist.logistics = evolve(
        assist.logistics, pre_brief=None, social=None, virtual_url="  ", briefing=(reading,)
    )
    work = evolve(assist.research.prior_work[1], source=" ")
    assist.research = evolve(assist.research, prior_work=(work,))
    assist.facilitator = None
    names = ("pre_brief", "social", "virtual", "pre_reading", "prior_work", "contacts")
    got = _variables(assist, "briefing", names, tmp_path)
    assert got["pre_brief"] is None
    assert got["social"] is None
    assert got["virtual"] is None
    assert got["pre_reading"][0]["sent"] == ""
    assert got["prior_work"][0]["source"] is None
    assert [p["name"] for p in got["contacts"]] == ["Mark Ellison"]


# -- the meeting record -------------------------------------------------------------------


def test_the_record_of_a_finished_meeting(tmp_path: Path) -> None:
    """Every quarter shown, no draft note, the notes of each quarter numbered
    from 1, feedback positives first with its kind label, and the takeaways
    with their visitor as a person (no role)."""
    names = ("draft", "shown", "quarter_titles", "context", "questions", "analysis", "feedback")
    got = _variables(_flood(), "record", (*names, "takeaways", "action_list_due"), tmp_path)
    assert got["draft"] == ""
    assert got["shown"] == [1, 2, 3, 4]
    assert got["quarter_titles"] == {
        "1": "Quarter 1: context",
        "2": "Quarter 2: questions",
        "3": "Quarter 3: analysis",
        "4": "Quarter 4: feedback",
    }
    assert got["context"] == {
        "notes": "Warnings go out by app, text and the national service; the flats have older"
        " residents and weak mobile signal.",
        "redefined_problem": "The last mile: warnings reach the area but not the doorstep.",
        "problem": "In last winter's floods, one household in three on the Riverdale flats got"
        " no warning before water reached their doors, although the warnings were issued on"
        " time.",
        "empty": False,
    }
    assert got["questions"] == {
        "surprises": ["No one knows which households opted out of the national service"],
        "expected_missing": ["How volunteers are alerted at night"],
        "info_needs": [
            {
                "need": "Households without a registered phone",
                "where": "Council tax and electoral roll data, with consent",
            }
        ],
        "empty": False,
    }
    assert got["analysis"] == {
        "options": [
            {"label": "Option 1", "text": "Street flood wardens with a call cascade"},
            {"label": "Option 2", "text": "Sirens for the flats only"},
            {"label": "Option 3", "text": "Door-knocking by fire crews at amber"},
        ],
        "insights": [
            {
                "label": "Insight 1",
                "text": "Trusted neighbours get people moving faster than messages",
            }
        ],
        "empty": False,
    }
    assert [(e["kind"], e["positive"]) for e in got["feedback"]["entries"]] == [
        ("What we have learned", True),
        ("What has worked elsewhere", True),
        ("An option we see", False),
    ]
    assert got["feedback"]["empty"] is False
    assert got["takeaways"][0]["visitor"] == {
        "name": "Pieter de Vries",
        "email": "p.devries@waterschap.example",
        "email_url": "mailto:p.devries@waterschap.example",
        "organisation": "Waterschap Rivierenland",
        "unit": "Crisis Management",
        "job_title": "Crisis Advisor",
        "zone": "Europe/Amsterdam",
        "role": "",
    }
    assert got["takeaways"][1]["text"] == "Rest-centre sign-up by text worked here; we will try it."
    assert got["action_list_due"] == "Friday 6 November 2026"


def test_feedback_keeps_the_order_presented_within_positives_and_the_rest(tmp_path: Path) -> None:
    """Positives come first (M21); each group keeps the order it was presented in."""
    assist = _flood()
    first, second, third = assist.meeting.feedback
    assist.meeting = evolve(assist.meeting, feedback=(third, first, second))
    entries = _one(assist, "record", "feedback", tmp_path)["entries"]
    assert [e["text"][:12] for e in entries] == ["Your volunte", "In Rivierenl", "One option w"]


@pytest.mark.parametrize(
    ("state", "draft", "shown"),
    [
        ("quarter_1", "A draft: the meeting is in quarter 1 of 4.", [1]),
        ("quarter_2", "A draft: the meeting is in quarter 2 of 4.", [1, 2]),
        ("quarter_4", "A draft: the meeting is in quarter 4 of 4.", [1, 2, 3, 4]),
        ("feedback", "", [1, 2, 3, 4]),
        ("closed", "", [1, 2, 3, 4]),
    ],
)
def test_a_record_during_the_meeting_is_a_draft_of_the_quarters_reached(
    tmp_path: Path, state: str, draft: str, shown: list[int]
) -> None:
    """During the meeting the record says which quarter it is in and shows the
    quarters reached; from feedback on it is no longer a draft."""
    got = _variables(make_assist(state, now=MADE_NOW), "record", ("draft", "shown"), tmp_path)
    assert got == {"draft": draft, "shown": shown}


def test_a_record_on_a_workflow_of_its_own_shows_every_quarter(tmp_path: Path) -> None:
    """An assist whose state is not one of the method's is judged on its content:
    all four quarters, and no draft note."""
    assist = _flood()
    assist.state = "reviewing"
    assist.history = ()
    got = _variables(assist, "record", ("draft", "shown"), tmp_path)
    assert got == {"draft": "", "shown": [1, 2, 3, 4]}


@pytest.mark.parametrize(
    ("change", "empty"),
    [
        ({"notes": "", "redefined_problem": ""}, True),
        ({"notes": "  \n", "redefined_problem": "  "}, True),
        ({"notes": "", "redefined_problem": "The last mile."}, False),
        ({"notes": "Only notes.", "redefined_problem": ""}, False),
    ],
)
def test_the_context_is_empty_only_without_notes_and_redefined_problem(
    tmp_path: Path, change: dict[str, str], empty: bool
) -> None:
    """Quarter 1 counts as empty when both its notes and its redefined problem are blank."""
    assist = _flood()
    assist.meeting = evolve(assist.meeting, context=evolve(assist.meeting.context, **change))
    assert _one(assist, "record", "context", tmp_path)["empty"] is empty


@pytest.mark.parametrize(
    ("keep", "empty"),
    [
        ((), True),
        (("surprises",), False),
        (("expected_missing",), False),
        (("info_needs",), False),
    ],
)
def test_the_questions_are_empty_only_without_any_entry(
    tmp_path: Path, keep: tuple[str, ...], empty: bool
) -> None:
    """Quarter 2 counts as empty only when it has no surprise, nothing expected
    and missing, and no information need."""
    assist = _flood()
    questions = assist.meeting.questions
    cleared = {f: () for f in ("surprises", "expected_missing", "info_needs") if f not in keep}
    assist.meeting = evolve(assist.meeting, questions=evolve(questions, **cleared))
    assert _one(assist, "record", "questions", tmp_path)["empty"] is empty


@pytest.mark.parametrize(
    ("keep", "empty"),
    [((), True), (("options",), False), (("insights",), False)],
)
def test_the_analysis_is_empty_only_without_options_and_insights(
    tmp_path: Path, keep: tuple[str, ...], empty: bool
) -> None:
    """Quarter 3 counts as empty only when it has neither options nor insights."""
    assist = _flood()
    analysis = assist.meeting.analysis
    cleared = {f: () for f in ("options", "insights") if f not in keep}
    actions = tuple(evolve(a, prompted_by=None) for a in assist.follow_up.actions)
    assist.follow_up = evolve(assist.follow_up, actions=actions)
    assist.meeting = evolve(assist.meeting, analysis=evolve(analysis, **cleared))
    assert _one(assist, "record", "analysis", tmp_path)["empty"] is empty


def test_no_feedback_is_empty(tmp_path: Path) -> None:
    """Quarter 4 without feedback counts as empty."""
    assist = _flood()
    assist.meeting = evolve(assist.meeting, feedback=())
    assert _one(assist, "record", "feedback", tmp_path) == {"entries": [], "empty": True}


# -- the action list and the review ---------------------------------------------------------


def test_action_rows_number_date_and_label_each_action(tmp_path: Path) -> None:
    """Each action is numbered from 1 with its owner as a person, its due date in
    long and short form, its status label and the meeting item that prompted it
    (options, insights and feedback counted from 1); an owner who is not a
    participant is shown by address."""
    assist = _flood()
    first, second = assist.follow_up.actions
    actions = (
        first,
        evolve(second, owner="someone@else.example", status="done", prompted_by="insights[0]"),
        evolve(second, title="Sirens", status="dropped", prompted_by="feedback[2]"),
    )
    assist.follow_up = evolve(assist.follow_up, actions=actions)
    got = _variables(assist, "actions", ("acknowledgement", "visitors", "actions"), tmp_path)
    assert got["acknowledgement"] == (
        "Thank you for giving up a weekend, an hour of which the clocks gave back."
    )
    assert [(v["name"], v["role"]) for v in got["visitors"][:2]] == [
        ("Dr Hannah Brooks", "Visitor"),
        ("Kwame Mensah", "Visitor"),
    ]
    assert len(got["visitors"]) == 7
    rows = got["actions"]
    assert rows[0] == {
        "number": 1,
        "title": "Recruit street wardens for the flats",
        "owner": {
            "name": "Sita Kaur",
            "email": "sita.kaur@riverdale.gov.example",
            "email_url": "mailto:sita.kaur@riverdale.gov.example",
            "organisation": "Riverdale District Council",
            "unit": "Emergency Planning",
            "job_title": "Resilience Coordinator",
            "zone": "Europe/London",
            "role": "",
        },
        "due": "Friday 29 January 2027",
        "due_short": "Fri 29 Jan 2027",
        "status": "Open",
        "prompted_by": {"label": "Option 1", "text": "Street flood wardens with a call cascade"},
    }
    assert rows[1]["owner"] == {
        "name": "someone@else.example",
        "email": "someone@else.example",
        "email_url": "mailto:someone@else.example",
        "organisation": "",
        "unit": "",
        "job_title": "",
        "zone": "",
        "role": "",
    }
    assert [(r["number"], r["status"], r["prompted_by"]) for r in rows[1:]] == [
        (
            2,
            "Done",
            {
                "label": "Insight 1",
                "text": "Trusted neighbours get people moving faster than messages",
            },
        ),
        (
            3,
            "Dropped",
            {
                "label": "Feedback 3",
                "text": "One option we see is to pair each warden with the households that"
                " have no mobile.",
            },
        ),
    ]
    assert rows[1]["due_short"] == "Fri 11 Dec 2026"


def test_the_review_shows_its_dates_questions_and_actions(tmp_path: Path) -> None:
    """The After Action Review gets its dates, its four questions (X06) with their
    answers, and the action rows; an action pointing past the last option has no
    prompt shown."""
    assist = _flood()
    first, second = assist.follow_up.actions
    assist.follow_up = evolve(
        assist.follow_up,
        actions=(first, evolve(second, prompted_by="options[2]")),
        aar=evolve(assist.follow_up.aar, planned_on=None),
    )
    options = assist.meeting.analysis.options
    assist.meeting = evolve(
        assist.meeting, analysis=evolve(assist.meeting.analysis, options=options[:2])
    )
    got = _variables(assist, "aar", ("held_on", "planned_on", "questions", "actions"), tmp_path)
    assert got["held_on"] == "Friday 20 November 2026"
    assert got["planned_on"] == ""
    assert got["questions"] == [
        {
            "question": "What was supposed to happen?",
            "answer": "Options for getting warnings to the households the last floods missed.",
        },
        {
            "question": "What actually happened?",
            "answer": "Options, and the problem redefined as the last mile to the doorstep.",
        },
        {
            "question": "Why was there a difference?",
            "answer": "The Dutch visitors' street wardens changed how we saw the problem.",
        },
        {
            "question": "What will we sustain or improve?",
            "answer": "Sustain the pre-brief; improve by inviting a resident next time.",
        },
    ]
    assert [(r["number"], r["prompted_by"]) for r in got["actions"]] == [
        (1, {"label": "Option 1", "text": "Street flood wardens with a call cascade"}),
        (2, None),
    ]


def test_a_prompt_at_the_last_option_is_shown(tmp_path: Path) -> None:
    """``options[2]`` of three options is the third: shown as Option 3."""
    assist = _flood()
    first, second = assist.follow_up.actions
    assist.follow_up = evolve(
        assist.follow_up, actions=(first, evolve(second, prompted_by="options[2]"))
    )
    rows = _one(assist, "aar", "actions", tmp_path)
    assert rows[1]["prompted_by"] == {
        "label": "Option 3",
        "text": "Door-knocking by fire crews at amber",
    }


# -- the lessons ------------------------------------------------------------------------------


def test_lessons_sort_their_evidence_and_say_when_it_rests_on_both(tmp_path: Path) -> None:
    """Each lesson is numbered, its evidence split into experience and research
    (links only for safe addresses), ``both`` True only with some of each; the
    lessons were shared with the audiences listed."""
    assist = _flood()
    lesson = assist.follow_up.lessons[0]
    experience_only = evolve(lesson, text="Second", evidence=lesson.evidence[:1])
    assist.follow_up = evolve(assist.follow_up, lessons=(lesson, experience_only))
    got = _one(assist, "lessons", "lessons", tmp_path)
    research = "https://floodnetwork.example/research/warning-response"
    assert got == [
        {
            "number": 1,
            "text": "Warnings reach doorsteps through trusted neighbours, not more channels.",
            "experience": [{"text": "Waterschap Rivierenland street wardens, 2023", "url": None}],
            "research": [{"text": research, "url": research}],
            "both": True,
        },
        {
            "number": 2,
            "text": "Second",
            "experience": [{"text": "Waterschap Rivierenland street wardens, 2023", "url": None}],
            "research": [],
            "both": False,
        },
    ]


def test_lessons_name_whom_they_were_shared_with(tmp_path: Path) -> None:
    """``shared_with`` gives each audience, the date and how (M26)."""
    made = make_assist("closed", now=MADE_NOW)
    assert _one(made, "lessons", "shared_with", tmp_path, MADE_NOW) == [
        {
            "audience": "Regional urgent care network",
            "on": "Tuesday 9 February 2027",
            "how": "Network meeting talk",
        }
    ]
