"""Why each built-in rule has its severity: shown in the rule catalogue.

An error is kept for what the method itself forbids; what a facilitator
may judge otherwise is a warning, which the workflow lets through once
acknowledged; what is optional or only worth knowing is a note.
"""

from __future__ import annotations

__all__ = ["WHY"]

_FORBIDDEN = "error: the method forbids it"
_JUDGED = "warning: a facilitator may judge otherwise, and acknowledge it"
_NOTE = "note: optional or only worth knowing; never blocks"

WHY: dict[str, str] = {
    "PA-M01-no-problem": f"{_FORBIDDEN}: without a stated problem there is nothing to help with.",
    "PA-M01-vague-problem": f"{_JUDGED}: a short statement may be clear to everyone involved.",
    "PA-M02-seeks-endorsement": f"{_JUDGED}: read from wording, which can mislead.",
    "PA-X02-evaluative-purpose": f"{_JUDGED}: read from wording, which can mislead.",
    "PA-M13-deliverable-is-an-answer": f"{_JUDGED}: read from wording, which can mislead.",
    "PA-M07-no-decision-date": f"{_JUDGED}: some problems have no fixed decision date.",
    "PA-M27-no-benefit-case": f"{_JUDGED}: the case may be obvious for a small assist.",
    "PA-X01-not-ready": f"{_JUDGED}: the team's own readiness answer, open to discussion.",
    "PA-X01-readiness-unanswered": f"{_NOTE}: the checklist helps but is not the method.",
    "PA-X08-unknown-profile": f"{_JUDGED}: the assist is checked against the default format.",
    "PA-M03-no-research": f"{_FORBIDDEN}: research on who tackled it before comes first.",
    "PA-M03-narrow-research": f"{_JUDGED}: one rich source may be enough.",
    "PA-M04-plans-not-shared": f"{_JUDGED}: sharing may be pending for good reasons.",
    "PA-M04-similar-work": f"{_NOTE}: found from other assists, for information.",
    "PA-M05-no-facilitator": f"{_FORBIDDEN}: the method needs a facilitator.",
    "PA-M05-facilitator-in-host-team": f"{_FORBIDDEN}: the facilitator comes from outside.",
    "PA-M09-no-visitors": f"{_FORBIDDEN}: without visitors it is not a peer assist.",
    "PA-M09-visitor-count": f"{_JUDGED}: six to eight is a good number, not a rule.",
    "PA-M09-visitor-in-host-team": f"{_FORBIDDEN}: the host team listens; it cannot visit.",
    "PA-M09-no-diversity": f"{_JUDGED}: diversity is judged from units and tags only.",
    "PA-M09-visitor-from-host-unit": f"{_JUDGED}: a colleague may bring rare experience.",
    "PA-M09-visitor-in-another-role": f"{_JUDGED}: a small team may have no one else to ask.",
    "PA-M10-looking-up": f"{_JUDGED}: grades and titles do not tell the whole story.",
    "PA-M11-usual-suspect": f"{_JUDGED}: an expert may be the only one who did the work.",
    "PA-M12-no-outsider": f"{_NOTE}: outsiders are optional (consider them).",
    "PA-X02-chosen-by-others": f"{_FORBIDDEN}: the host team chooses its own visitors.",
    "PA-X03-missing-roles": f"{_NOTE}: sponsor and note-taker come from other guides.",
    "PA-M06-recording-not-agreed": f"{_FORBIDDEN}: recording must be agreed beforehand.",
    "PA-M08-not-scheduled": f"{_FORBIDDEN}: a meeting cannot start without a time.",
    "PA-M07-meeting-after-decision": f"{_FORBIDDEN}: learning comes before doing.",
    "PA-M07-decision-too-close": f"{_JUDGED}: the lead time is the format's guide.",
    "PA-M08-length-out-of-bounds": f"{_JUDGED}: length follows the problem's complexity.",
    "PA-M14-no-briefing": f"{_JUDGED}: a small assist may be briefed in person.",
    "PA-M14-briefing-late": f"{_JUDGED}: participants may have had enough time anyway.",
    "PA-M15-no-social-time": f"{_JUDGED}: people who know each other may skip it.",
    "PA-M16-no-ground-rules": f"{_JUDGED}: a facilitator may state them unwritten.",
    "PA-X04-no-pre-brief": f"{_NOTE}: a pre-brief comes from other guides.",
    "PA-X05-outside-working-hours": f"{_JUDGED}: participants may agree to odd hours.",
    "PA-M18-no-context-notes": f"{_NOTE}: notes help the record; the meeting went on.",
    "PA-M19-no-questions": f"{_NOTE}: notes help the record; the meeting went on.",
    "PA-M20-no-analysis": f"{_NOTE}: notes help the record; the meeting went on.",
    "PA-M21-no-feedback": f"{_JUDGED}: feedback may be recorded elsewhere.",
    "PA-M21-positives-not-first": f"{_JUDGED}: the order is a guide for the presenters.",
    "PA-M21-prescriptive-feedback": f"{_JUDGED}: read from wording, which can mislead.",
    "PA-M17-quarters-unequal": f"{_NOTE}: roughly equal quarters are a guide; the meeting is over.",
    "PA-M22-no-acknowledgement": f"{_JUDGED}: thanks may have been given unrecorded.",
    "PA-M22-no-action-list-date": f"{_FORBIDDEN}: the caller commits to a date.",
    "PA-M22-action-list-late": f"{_JUDGED}: the window is the format's guide.",
    "PA-M23-no-takeaways": f"{_JUDGED}: takeaways may be shared informally.",
    "PA-M22-no-action-list": f"{_JUDGED}: the list may be on its way.",
    "PA-X07-action-overdue": f"{_NOTE}: reviewed at the After Action Review.",
    "PA-M24-no-lessons": f"{_JUDGED}: lessons may be recorded elsewhere.",
    "PA-M24-lesson-without-evidence": f"{_JUDGED}: evidence may be implicit.",
    "PA-M24-one-sided-evidence": f"{_NOTE}: both kinds are the aim, not a rule.",
    "PA-M25-no-aar": f"{_NOTE}: the method calls the After Action Review optional.",
    "PA-X06-aar-late": f"{_JUDGED}: 'soon after the event' is a guide.",
    "PA-X06-aar-unanswered": f"{_JUDGED}: some answers may be recorded elsewhere.",
    "PA-X06-aar-not-held": f"{_JUDGED}: the review may have moved for good reasons.",
    "PA-M26-lessons-not-shared": f"{_JUDGED}: sharing may come later.",
}
"""For each built-in rule's code, its severity and why."""
