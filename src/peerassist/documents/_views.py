"""What each document shows, as plain data for its template.

Every view is built from the assist before any template runs, so templates
(the packaged ones and a host's own) only lay out values: texts, dates
already written out, and links already checked (:func:`safe_url`). The
variables each template receives are listed in the documents guide.
"""

from __future__ import annotations

from typing import Any

from peerassist._time import Date, DateTime
from peerassist.documents._ready import KINDS, METHOD_STATES, prompt_items, reached
from peerassist.documents._text import long_date, safe_url, short_date, time_span
from peerassist.model import (
    ActionStatus,
    EvidenceKind,
    FeedbackKind,
    PeerAssist,
    Person,
    Role,
)
from peerassist.model._outputs import parse_prompt

__all__ = ["build"]

View = dict[str, Any]

ROLE_LABELS: dict[Role, str] = {
    Role.CALLER: "Caller (host team)",
    Role.HOST: "Host team",
    Role.VISITOR: "Visitor",
    Role.FACILITATOR: "Facilitator",
    Role.RECORDER: "Recorder",
    Role.SPONSOR: "Sponsor",
}

ROLE_DUTIES: tuple[tuple[Role, str, str], ...] = (
    (
        Role.SPONSOR,
        "Sponsor",
        "Opens the meeting: why it was called, its objectives and its deliverables.",
    ),
    (Role.CALLER, "Caller and host team", "Listen to understand and learn, not to defend."),
    (
        Role.VISITOR,
        "Visitors",
        "Share knowledge and experience to help with the problem, without adding to"
        " the host team's workload.",
    ),
    (Role.FACILITATOR, "Facilitator", "Runs the meeting, from outside the host team."),
    (Role.RECORDER, "Recorder", "Takes the notes, as agreed before the meeting."),
)

_FEEDBACK_LABELS = {
    FeedbackKind.LEARNED: "What we have learned",
    FeedbackKind.OPTION: "An option we see",
    FeedbackKind.WORKED_ELSEWHERE: "What has worked elsewhere",
}
_STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
}
_PROMPT_LABELS = {"options": "Option", "insights": "Insight", "feedback": "Feedback"}
_QUARTER_TITLES = {
    1: "Quarter 1: context",
    2: "Quarter 2: questions",
    3: "Quarter 3: analysis",
    4: "Quarter 4: feedback",
}


def _link(text: str) -> View:
    return {"text": text, "url": safe_url(text)}


def _person(person: Person, role: Role | None = None) -> View:
    return {
        "name": person.name,
        "email": person.email,
        "email_url": safe_url("mailto:" + person.email),
        "organisation": person.organisation,
        "unit": person.unit,
        "job_title": person.job_title,
        "zone": person.timezone or "",
        "role": ROLE_LABELS[role] if role is not None else "",
    }


def _someone(assist: PeerAssist, email: str) -> View:
    person = assist.find_person(email)
    if person is not None:
        return _person(person)
    return {
        "name": email,
        "email": email,
        "email_url": safe_url("mailto:" + email),
        "organisation": "",
        "unit": "",
        "job_title": "",
        "zone": "",
        "role": "",
    }


def _date(value: Date | None) -> str:
    return long_date(value) if value is not None else ""


def _when(start: DateTime, end: DateTime) -> str:
    return f"{long_date(start.date())}, {time_span(start, end)}"


def _common(assist: PeerAssist, kind: str, now: DateTime) -> View:
    zone = assist.logistics.zone or "UTC"
    prepared = now.in_tz(zone)
    host = assist.host
    return {
        "assist": assist,
        "kind": kind,
        "document": KINDS[kind][0].upper() + KINDS[kind][1:],
        "title": assist.title,
        "lang": "en",
        "prepared_on": long_date(prepared.date()),
        "meta": {"id": assist.id, "revision": assist.revision, "state": assist.state},
        "host": {"organisation": host.organisation, "unit": host.unit},
        "caller": _person(host.caller, Role.CALLER),
        "meeting_dates": _meeting_dates(assist),
    }


def _meeting_dates(assist: PeerAssist) -> str:
    windows = assist.logistics.windows
    if not windows:
        return ""
    first, last = windows[0].start.date(), windows[-1].end.date()
    if first == last:
        return long_date(first)
    return f"{long_date(first)} to {long_date(last)}"


# -- the briefing pack -----------------------------------------------------------


def _agenda_days(agenda: Any, rules: tuple[str, ...] = ()) -> list[View]:
    days = []
    # A quarter split by a break keeps its description on its first slot only;
    # the ground rules are listed after the agenda, not repeated in it.
    told: set[str] = set()
    for day in agenda.days:
        numbers = sorted({s.day for s in day.slots})
        labels = ", ".join("the day before" if n == 0 else f"day {n}" for n in numbers)
        days.append(
            {
                "heading": f"{long_date(day.date)} ({labels})",
                "slots": [
                    {
                        "time": time_span(s.start, s.end),
                        "title": s.title,
                        "description": (
                            "The ground rules listed below."
                            if rules and s.kind.value == "ground_rules"
                            else _once(s.description, told)
                        ),
                        "kind": s.kind.value,
                        "quarter": s.quarter,
                        "refs": ", ".join(s.refs),
                        "in_window": s.in_window,
                    }
                    for s in day.slots
                ],
            }
        )
    return days


def _once(text: str, told: set[str]) -> str:
    if text in told:
        return ""
    told.add(text)
    return text


def _recording(assist: PeerAssist) -> str:
    recording = assist.logistics.recording
    if recording is None:
        return "Whether the meeting is recorded has not been agreed yet."
    who = assist.find_person(recording.by) if recording.by else None
    by = who.name if who is not None else (recording.by or "")
    agreed = (
        f" This was agreed on {long_date(recording.agreed_at.date())}."
        if recording.agreed_at is not None
        else ""
    )
    if recording.recorded:
        sentence = f"The meeting will be recorded{f' by {by}' if by else ''}."
    else:
        sentence = "The meeting will not be recorded" + (f"; {by} takes the notes." if by else ".")
    return sentence + agreed


def _briefing(assist: PeerAssist, view: View) -> None:
    from peerassist.agenda import agenda_for

    purpose = assist.purpose
    logistics = assist.logistics
    agenda = agenda_for(assist)
    meeting_zone = agenda.meeting_zone
    zones: dict[str, list[str]] = {}
    people = []
    for person, role in assist.participants():
        people.append(_person(person, role))
        if person.timezone and person.timezone != meeting_zone:
            zones.setdefault(person.timezone, []).append(person.name)
    social = logistics.social
    pre_brief = logistics.pre_brief
    view.update(
        {
            "problem": purpose.problem,
            "learning_aim": purpose.learning_aim,
            "outcomes": list(purpose.outcomes),
            "deliverables": list(purpose.deliverables),
            "decision_date": _date(purpose.decision_date),
            "people": people,
            "visitor_count": len(assist.visitors),
            "role_duties": [
                {"role": label, "duty": duty}
                for role, label, duty in ROLE_DUTIES
                if role in {r for _, r in assist.participants()}
            ],
            "agenda": {
                "zone": meeting_zone,
                "total": _human(agenda.total.total_seconds()),
                "days": _agenda_days(agenda, tuple(logistics.ground_rules)),
                # The timeline picture: SVG drawn by the agenda, its texts escaped there.
                "svg": agenda.to_svg(),
            },
            "other_zones": [
                {"zone": zone, "people": names, "days": _agenda_days(agenda.in_tz(zone))}
                for zone, names in sorted(zones.items())
            ],
            "ground_rules": list(logistics.ground_rules),
            "pre_brief": (
                {"when": _when(pre_brief.start, pre_brief.end)} if pre_brief is not None else None
            ),
            "social": (
                {
                    "kind": social.kind,
                    "when": _when(social.start, social.end),
                    "venue": social.venue,
                }
                if social is not None
                else None
            ),
            "venue": logistics.venue,
            "virtual": _link(logistics.virtual_url) if logistics.virtual_url.strip() else None,
            "recording": _recording(assist),
            "pre_reading": [
                {
                    "title": b.title,
                    "url": safe_url(b.url),
                    "address": b.url,
                    "sent": long_date(b.sent_at.date()) if b.sent_at is not None else "",
                }
                for b in logistics.briefing
            ],
            "prior_work": [
                {
                    "who": w.who,
                    "what": w.what,
                    "when": _date(w.when),
                    "source": _link(w.source) if w.source.strip() else None,
                }
                for w in assist.research.prior_work
            ],
            "contacts": [
                _person(p, r)
                for p, r in (
                    (assist.host.caller, Role.CALLER),
                    (assist.facilitator, Role.FACILITATOR),
                )
                if p is not None
            ],
        }
    )


def _human(seconds: float) -> str:
    minutes = int(seconds) // 60
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


# -- the meeting record -------------------------------------------------------------


def _quarters_shown(assist: PeerAssist) -> list[int]:
    index = reached(assist)
    if index is None:
        return [1, 2, 3, 4]
    return [q for q in (1, 2, 3, 4) if index >= METHOD_STATES.index(f"quarter_{q}")]


def _in_progress(assist: PeerAssist) -> str:
    index = reached(assist)
    if index is None or index >= METHOD_STATES.index("feedback"):
        return ""
    quarter = index - METHOD_STATES.index("quarter_1") + 1
    return f"A draft: the meeting is in quarter {quarter} of 4."


def _record(assist: PeerAssist, view: View) -> None:
    meeting = assist.meeting
    context, questions, analysis = meeting.context, meeting.questions, meeting.analysis
    # Positives first (M21), otherwise in the order presented.
    feedback = sorted(meeting.feedback, key=lambda item: not item.positive)
    view.update(
        {
            "draft": _in_progress(assist),
            "shown": _quarters_shown(assist),
            "quarter_titles": _QUARTER_TITLES,
            "context": {
                "notes": context.notes,
                "redefined_problem": context.redefined_problem,
                "problem": assist.purpose.problem,
                "empty": not (context.notes.strip() or context.redefined_problem.strip()),
            },
            "questions": {
                "surprises": list(questions.surprises),
                "expected_missing": list(questions.expected_missing),
                "info_needs": [{"need": n.need, "where": n.where} for n in questions.info_needs],
                "empty": not (
                    questions.surprises or questions.expected_missing or questions.info_needs
                ),
            },
            "analysis": {
                "options": [
                    {"label": f"Option {i}", "text": t} for i, t in enumerate(analysis.options, 1)
                ],
                "insights": [
                    {"label": f"Insight {i}", "text": t} for i, t in enumerate(analysis.insights, 1)
                ],
                "empty": not (analysis.options or analysis.insights),
            },
            "feedback": {
                "entries": [
                    {
                        "text": item.text,
                        "kind": _FEEDBACK_LABELS[item.kind],
                        "positive": item.positive,
                    }
                    for item in feedback
                ],
                "empty": not feedback,
            },
            "takeaways": [_takeaway(assist, t.visitor, t.text) for t in assist.follow_up.takeaways],
            "acknowledgement": assist.follow_up.acknowledgement,
            "action_list_due": _date(assist.follow_up.action_list_due),
        }
    )


def _takeaway(assist: PeerAssist, email: str, text: str) -> View:
    return {"visitor": _someone(assist, email), "text": text}


# -- the action list -----------------------------------------------------------------


def _prompt(assist: PeerAssist, reference: str | None) -> View | None:
    if reference is None:
        return None
    parsed = parse_prompt(reference)
    if parsed is None:  # pragma: no cover - the model refuses it
        return None
    name, index = parsed
    items = prompt_items(assist, name)
    if index >= len(items):  # the action list refuses it; the review does not show it
        return None
    return {"label": f"{_PROMPT_LABELS[name]} {index + 1}", "text": items[index]}


def _action_rows(assist: PeerAssist) -> list[View]:
    return [
        {
            "number": number,
            "title": action.title,
            "owner": _someone(assist, action.owner),
            "due": long_date(action.due),
            "due_short": short_date(action.due),
            "status": _STATUS_LABELS[action.status],
            "prompted_by": _prompt(assist, action.prompted_by),
        }
        for number, action in enumerate(assist.follow_up.actions, 1)
    ]


def _actions(assist: PeerAssist, view: View) -> None:
    view.update(
        {
            "acknowledgement": assist.follow_up.acknowledgement,
            "action_list_due": _date(assist.follow_up.action_list_due),
            "visitors": [_person(p, Role.VISITOR) for p in assist.visitors],
            "actions": _action_rows(assist),
        }
    )


# -- the After Action Review -------------------------------------------------------


def _aar(assist: PeerAssist, view: View) -> None:
    aar = assist.follow_up.aar
    assert aar is not None  # checked by missing()
    view.update(
        {
            "held_on": _date(aar.held_on),
            "planned_on": _date(aar.planned_on),
            "questions": [
                {"question": "What was supposed to happen?", "answer": aar.supposed_to_happen},
                {"question": "What actually happened?", "answer": aar.actually_happened},
                {"question": "Why was there a difference?", "answer": aar.why_different},
                {"question": "What will we sustain or improve?", "answer": aar.sustain_or_improve},
            ],
            "actions": _action_rows(assist),
        }
    )


# -- the lessons -------------------------------------------------------------------


def _lessons(assist: PeerAssist, view: View) -> None:
    lessons = []
    for number, lesson in enumerate(assist.follow_up.lessons, 1):
        experience = [_link(e.source) for e in lesson.evidence if e.kind is EvidenceKind.EXPERIENCE]
        research = [_link(e.source) for e in lesson.evidence if e.kind is EvidenceKind.RESEARCH]
        lessons.append(
            {
                "number": number,
                "text": lesson.text,
                "experience": experience,
                "research": research,
                "both": bool(experience and research),
            }
        )
    view.update(
        {
            "lessons": lessons,
            "shared_with": [
                {"audience": s.audience, "on": _date(s.on), "how": s.how}
                for s in assist.follow_up.shared_with
            ],
        }
    )


_BUILDERS = {
    "briefing": _briefing,
    "record": _record,
    "actions": _actions,
    "aar": _aar,
    "lessons": _lessons,
}


def build(assist: PeerAssist, kind: str, now: DateTime) -> View:
    """Return the variables a template of ``kind`` receives."""
    view = _common(assist, kind, now)
    _BUILDERS[kind](assist, view)
    return view
