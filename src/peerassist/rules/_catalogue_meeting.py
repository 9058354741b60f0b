"""Built-in rules about the meeting's four quarters (M17-M21)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from peerassist.rules._core import RuleContext, Severity
from peerassist.rules._rule import Flag, FunctionRule
from peerassist.rules._util import (
    find_each,
    make,
    phrase_pattern,
    quoted,
    timestamp,
    trie_pattern,
)

if TYPE_CHECKING:
    from peerassist.model import PeerAssist

PRESCRIPTIVE_PHRASES: tuple[str, ...] = (
    "you should",
    "you shouldn't",
    "you should not",
    "you must",
    "you mustn't",
    "you must not",
    "you need to",
    "you needn't",
    "you have to",
    "you've got to",
    "you ought",
    "you'd better",
    "you had better",
    "we recommend you",
    "we advise you",
    "we recommend that you",
    "we suggest you",
    "your team should",
    "your team must",
    "the team should",
    "the team must",
    "you will need to",
    "make sure you",
    "i would",
    "if i were you",
)
"""Phrases that make feedback a prescription rather than a story (M21).
Text in quotation marks is left out: a story may quote someone."""

IMPERATIVE_VERBS: tuple[str, ...] = (
    "scrap",
    "hire",
    "recruit",
    "fire",
    "sack",
    "stop",
    "start",
    "introduce",
    "cut",
    "drop",
    "replace",
    "abolish",
    "restructure",
    "reorganise",
    "reorganize",
    "appoint",
    "buy",
    "close",
    "merge",
    "outsource",
    "ban",
    "move",
    "switch",
    "double",
    "halve",
    "reduce",
    "increase",
    "add",
    "remove",
    "get rid of",
    "implement",
    "adopt",
    "invest in",
    "make",
    "put",
    "train",
    "set up",
    "create",
    "build",
    "bring",
    "give",
    "take",
    "don't",
    "do not",
    "never",
    "ensure",
    "make sure",
    "hold",
    "ask",
    "tell",
    "let",
    "keep",
    "centralise",
    "centralize",
    "decentralise",
    "redesign",
    "try",
    "pay",
    "fund",
    "install",
    "upgrade",
    "ditch",
    "cancel",
    "extend",
    "shorten",
    "rewrite",
    "employ",
    "consider",
    "think about",
    "focus on",
    "get",
    "send",
    "write",
    "publish",
    "share",
)
"""Verbs that, opening a sentence, make it an instruction to the host team
(M21). Most count only when an object follows ("Scrap the rota", "Hire two
consultants"), so that a story opening with a noun or an adjective ("Split
shifts worked", "Close working with the wards...") is not taken for one."""

_BARE_IMPERATIVES = frozenset(
    ("don't", "do not", "never", "ensure", "make sure", "consider", "think about", "focus on")
)
_OBJECT_START = (
    r"(?:the|a|an|your|their|its|this|that|these|those|it|them|him|her|all|some|any|every"
    r"|each|more|less|fewer|extra|another|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|\d+|small|big|early|now|today|sure|up|out|off|down|back|over|away|on|in|to|with"
    r"|for|at|by|from|someone|somebody|people|staff|everyone|nurses|doctors|managers"
    r"|patients)(?![\w'-])"
)

_QUOTED = re.compile(
    r"\"[^\"]*\"|\u201c[^\u201d]*\u201d|(?<!\w)'[^']*'(?!\w)|\u2018[^\u2019]*\u2019"
)
_QUOTE_MARKS = re.compile("[\"'\u201c\u2018]")
_BREAK = re.compile(r"[.!?;:]\s")
_SENTENCES = re.compile(r"(?:^|(?<=[.!?;:])\s+|\n+\s*(?:[-*\u2022]\s*)?)", re.MULTILINE)


def _imperatives(text: str, verbs: Sequence[str]) -> list[str]:
    """The imperative verbs that open a sentence of ``text``."""
    pattern = _imperative_pattern(verbs)
    found: list[str] = []
    # One sentence (no line break, no stop followed by a space) is the
    # usual case: splitting it would only cost time.
    one = "\n" not in text and _BREAK.search(text) is None
    for sentence in (text,) if one else _SENTENCES.split(text):
        hit = pattern.match(sentence.strip())
        if hit and hit.group(0) not in found:
            found.append(hit.group(0))
    return found


_VERB_PATTERNS: dict[int, tuple[object, re.Pattern[str]]] = {}


def _imperative_pattern(verbs: Sequence[str]) -> re.Pattern[str]:
    # A rule's verbs are one tuple for its life: kept by identity, as hashing
    # a hundred verbs on every call costs more than the match.
    kept = _VERB_PATTERNS.get(id(verbs))
    if kept is not None and kept[0] is verbs:
        return kept[1]
    bare = [v for v in verbs if v.casefold() in _BARE_IMPERATIVES]
    needs_object = [v for v in verbs if v.casefold() not in _BARE_IMPERATIVES]
    pattern = re.compile(
        rf"(?:(?:{_alternatives(bare)})(?![\w'-])|(?:{_alternatives(needs_object)})(?=\s+{_OBJECT_START}))",
        re.IGNORECASE,
    )
    if len(_VERB_PATTERNS) >= 16:
        _VERB_PATTERNS.clear()
    _VERB_PATTERNS[id(verbs)] = (verbs, pattern)
    return pattern


def _alternatives(verbs: Sequence[str]) -> str:
    # A tree of characters: one branch per character at each place, rather
    # than every verb tried in turn.
    words = {" ".join(v.split()) for v in verbs if v.strip()}
    return trie_pattern(words, r"\s+") if words else "(?!x)x"


QUARTERS: tuple[str, ...] = ("quarter_1", "quarter_2", "quarter_3", "quarter_4")
"""The states of the meeting's four quarters, in order."""

_QUARTER_SET = frozenset(QUARTERS)


# -- M17 -------------------------------------------------------------------


def quarter_spans(assist: PeerAssist) -> list[tuple[float, float]] | None:
    """When each quarter ran, as POSIX timestamps, from the audit trail (the
    last run of each), or None when the trail does not hold all four."""
    # One pass: where each quarter was last entered, and where it was left
    # after that.
    entered: dict[str, int] = {}
    left: dict[str, int] = {}
    for index, entry in enumerate(assist.history):
        source, dest = entry.source, entry.dest
        if source in entered and source not in left:
            left[source] = index
        if dest in _QUARTER_SET:
            entered[dest] = index
            left.pop(dest, None)
    if len(left) < len(QUARTERS):
        return None
    history = assist.history
    return [(timestamp(history[entered[q]].at), timestamp(history[left[q]].at)) for q in QUARTERS]


def _quarters_unequal(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    spans = quarter_spans(assist)
    if spans is None:
        return
    windows = [(timestamp(w.start), timestamp(w.end)) for w in assist.logistics.windows]
    if not windows:
        return
    # Count only meeting time: a quarter running over a night counts its
    # hours inside the meeting's windows.
    lengths = []
    for start, end in spans:
        length = 0.0
        for w_start, w_end in windows:
            inside = (end if end < w_end else w_end) - (start if start > w_start else w_start)
            if inside > 0:
                length += inside
        lengths.append(length)
    total = sum(lengths)
    if total <= 0:
        return
    tolerance = ctx.policy.quarter_tolerance
    shares = [length / total for length in lengths]
    # Quarter 1's context is "short and sharp" (M18): it may be shorter.
    off = [
        share > 0.25 + tolerance or (index > 0 and share < 0.25 - tolerance)
        for index, share in enumerate(shares)
    ]
    if any(off):
        shown = ", ".join(f"{round(100 * share)}%" for share in shares)
        yield Flag(
            message=f"The four quarters took {shown} of the meeting time; each should take"
            f" about a quarter ({round(100 * (0.25 - tolerance))}% to"
            f" {round(100 * (0.25 + tolerance))}%; quarter 1 may be shorter).",
            path="history",
        )


def quarters_equal(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """The meeting's four quarters took roughly equal time (M17; from the audit trail)."""
    return make(
        code="PA-M17-quarters-unequal",
        severity=severity,
        refs=("M17",),
        phase="feedback",
        title="The four quarters of the meeting took roughly equal time.",
        hint=(
            "Plan four roughly equal parts (plan_agenda does) and keep to them; note why"
            " not for the After Action Review."
        ),
        reads=("history", "logistics"),
        check=_quarters_unequal,
    )


# -- M18-M20 -------------------------------------------------------------------


def _no_context(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if not assist.meeting.context.notes.strip():
        yield Flag(
            message="Nothing is noted of the host's context, history and plans.",
            path="meeting.context.notes",
        )


def context_noted(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """Quarter 1's context, history and plans are noted (M18)."""
    return make(
        code="PA-M18-no-context-notes",
        severity=severity,
        refs=("M18",),
        phase="quarter_1",
        title="Quarter 1: the host's context, history and plans are noted.",
        hint="Note the host's presentation, short and sharp, and any redefined problem.",
        reads=("meeting",),
        check=_no_context,
    )


def _no_questions(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    questions = assist.meeting.questions
    if not (questions.surprises or questions.expected_missing or questions.info_needs):
        yield Flag(
            message="Nothing is noted of what surprised the visitors, what they missed"
            " or what else they need to know.",
            path="meeting.questions",
        )


def questions_noted(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """Quarter 2's surprises, gaps and information needs are noted (M19)."""
    return make(
        code="PA-M19-no-questions",
        severity=severity,
        refs=("M19",),
        phase="quarter_2",
        title="Quarter 2: surprises, what was missing and what else is needed are noted.",
        hint="Note the surprises, the things expected but not heard, and where to find more.",
        reads=("meeting",),
        check=_no_questions,
    )


def _no_analysis(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    analysis = assist.meeting.analysis
    if not (analysis.options or analysis.insights):
        yield Flag(
            message="No options or insights from the visitors' analysis are noted.",
            path="meeting.analysis",
        )


def analysis_noted(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """Quarter 3's options and insights are noted (M20)."""
    return make(
        code="PA-M20-no-analysis",
        severity=severity,
        refs=("M20",),
        phase="quarter_3",
        title="Quarter 3: the visitors' options and insights are noted.",
        hint="Note the options the visitors see and the insights behind them.",
        reads=("meeting",),
        check=_no_analysis,
    )


# -- M21 -------------------------------------------------------------------


def _no_feedback(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if not assist.meeting.feedback:
        yield Flag(message="No feedback from the visitors is noted.", path="meeting.feedback")


def feedback_given(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """Quarter 4's feedback is noted (M21)."""
    return make(
        code="PA-M21-no-feedback",
        severity=severity,
        refs=("M21",),
        phase="quarter_4",
        title="Quarter 4: the visitors' feedback is noted.",
        hint="Note what the visitors learned, the options they see and what worked elsewhere.",
        reads=("meeting",),
        check=_no_feedback,
    )


def _positives_not_first(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    feedback = assist.meeting.feedback
    if not feedback:
        return
    if not any(item.positive for item in feedback):
        yield Flag(message="The feedback has no positives.", path="meeting.feedback")
        return
    if not feedback[0].positive:
        yield Flag(
            message="The feedback does not start with a positive.", path="meeting.feedback[0]"
        )
        return
    seen_other = False
    for index, item in enumerate(feedback):
        if not item.positive:
            seen_other = True
        elif seen_other:
            yield Flag(
                message=f"Positive feedback item {index + 1} comes after other feedback.",
                path=f"meeting.feedback[{index}]",
            )
            return


def positives_first(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """Feedback has positives, and they come first (M21)."""
    return make(
        code="PA-M21-positives-not-first",
        severity=severity,
        refs=("M21",),
        phase="quarter_4",
        title="Feedback starts with the positives.",
        hint="Present what works well first, then the options.",
        reads=("meeting",),
        check=_positives_not_first,
    )


def _prescriptive(
    assist: PeerAssist, ctx: RuleContext, *, phrases: Sequence[str], verbs: Sequence[str]
) -> Iterator[str | Flag]:
    # What is quoted is someone's words, not the visitor's advice.
    told = [
        _QUOTED.sub(" ", text) if _QUOTE_MARKS.search(text) else text
        for text in (item.text for item in assist.meeting.feedback)
    ]
    each = find_each(phrase_pattern(phrases), told)
    for index, (text, phrased) in enumerate(zip(told, each, strict=True)):
        found = phrased + [f"{v}..." for v in _imperatives(text, verbs)]
        if found:
            yield Flag(
                message=f"Feedback item {index + 1} prescribes ({quoted(found)}) rather than"
                " tells a story.",
                path=f"meeting.feedback[{index}].text",
            )


def feedback_not_prescriptive(
    *,
    phrases: Sequence[str] = PRESCRIPTIVE_PHRASES,
    verbs: Sequence[str] = IMPERATIVE_VERBS,
    severity: Severity | str = Severity.WARNING,
) -> FunctionRule:
    """Feedback tells stories, not prescriptions ("you should...", "Scrap the rota.") (M21).

    Args:
        phrases: phrases that prescribe; :data:`PRESCRIPTIVE_PHRASES` by default.
        verbs: verbs that make a sentence opening with them an instruction;
            :data:`IMPERATIVE_VERBS` by default.
        severity: the severity of what it finds.
    """
    return make(
        code="PA-M21-prescriptive-feedback",
        severity=severity,
        refs=("M21",),
        phase="quarter_4",
        title='Feedback tells stories of what worked elsewhere, not prescriptions ("you should").',
        hint='Rephrase as a story: "At Northfield, we tried... and found...".',
        reads=("meeting",),
        check=_prescriptive,
        phrases=tuple(phrases),
        verbs=tuple(verbs),
    )


RULES: tuple[FunctionRule, ...] = (
    context_noted(),
    questions_noted(),
    analysis_noted(),
    feedback_given(),
    positives_first(),
    feedback_not_prescriptive(),
    quarters_equal(),
)
