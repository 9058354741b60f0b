"""Tests for peerassist.documents: golden documents, refusals, templates, links.

The golden files under ``tests/golden/documents/`` were read by eye when
written; after a deliberate change, regenerate them with
``PEERASSIST_UPDATE_GOLDEN=1 python -m pytest tests/test_documents.py`` and
read the diff before committing it.
"""

from __future__ import annotations

import itertools
import os
import pickle
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerassist import load
from peerassist._attrs import evolve
from peerassist._time import DateTime
from peerassist.documents import FORMATS, KINDS, DocumentError, missing, render
from peerassist.exceptions import AgendaError, InputError, PeerAssistError, Problem
from peerassist.model import ActionItem, AfterActionReview, PeerAssist
from peerassist.testing import make_assist
from strategies import assists

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "documents"
NOW = DateTime.create(2026, 11, 27, 10, tz="UTC")
# make_assist places its dates around "now": a Monday, so its dates are stable.
MADE_NOW = DateTime.create(2027, 3, 1, 12, tz="UTC")
SUFFIX = {"html": "html", "markdown": "md"}


def _example(name: str) -> PeerAssist:
    return load(ROOT / "examples" / f"{name}.toml")


def _clinic_scheduled() -> PeerAssist:
    # The clinic example holds its visitors and window already; at scheduling
    # its briefing pack shows the agenda in four zones.
    assist = _example("address-clinic")
    assist.state = "scheduling"
    return assist


SOURCES = {
    "ed-front-door": lambda: _example("ed-front-door"),
    "riverdale-flood": lambda: _example("riverdale-flood"),
    "address-clinic@scheduling": _clinic_scheduled,
    "made@quarter_2": lambda: make_assist("quarter_2", now=MADE_NOW),
    "made@feedback": lambda: make_assist("feedback", now=MADE_NOW),
    "made@closed": lambda: make_assist("closed", now=MADE_NOW),
}

# Every kind that applies to each source at its state; the rest are refused.
APPLIES = {
    "ed-front-door": ("briefing",),
    "riverdale-flood": ("briefing", "record", "actions", "aar", "lessons"),
    "address-clinic@scheduling": ("briefing",),
    "made@quarter_2": ("briefing", "record"),
    "made@feedback": ("briefing", "record"),
    "made@closed": ("briefing", "record", "actions", "aar", "lessons"),
}
GOLDEN_CASES = [
    (source, kind, fmt)
    for source, kinds in APPLIES.items()
    for kind in kinds
    # One golden briefing of the made assist is enough: the others differ in dates only.
    if not (source in ("made@quarter_2", "made@feedback") and kind == "briefing")
    for fmt in FORMATS
]


def _golden_path(source: str, kind: str, fmt: str) -> Path:
    return GOLDEN / f"{source.replace('@', '-')}.{kind}.{SUFFIX[fmt]}"


@pytest.mark.parametrize(("source", "kind", "fmt"), GOLDEN_CASES)
def test_documents_match_their_golden_files(source: str, kind: str, fmt: str) -> None:
    """Each document of each example, at the states where it applies, is exactly as reviewed."""
    now = MADE_NOW if source.startswith("made@") else NOW
    text = render(SOURCES[source](), kind, format=fmt, now=now)
    path = _golden_path(source, kind, fmt)
    if os.environ.get("PEERASSIST_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text


def test_every_golden_file_is_checked() -> None:
    """No golden file is left over from a case that no longer exists."""
    expected = {_golden_path(*case).name for case in GOLDEN_CASES}
    assert {p.name for p in GOLDEN.iterdir()} == expected


@pytest.mark.parametrize("source", sorted(APPLIES))
def test_kinds_that_do_not_apply_are_refused(source: str) -> None:
    """A kind not listed for a source's state raises DocumentError with what is missing."""
    assist = SOURCES[source]()
    for kind in KINDS:
        if kind in APPLIES[source]:
            assert missing(assist, kind) == ()
            continue
        with pytest.raises(DocumentError) as caught:
            render(assist, kind, now=NOW)
        assert caught.value.kind == kind
        assert caught.value.problems
        assert caught.value.problems == missing(assist, kind)


def test_record_before_the_meeting_says_why() -> None:
    """A meeting record at scheduling is refused naming the state and the empty notes."""
    with pytest.raises(DocumentError) as caught:
        render(_example("ed-front-door"), "record", now=NOW)
    assert str(caught.value) == (
        "cannot write the meeting record of 'ed-front-door-2027' yet (state 'scheduling'):\n"
        "  - state: expected quarter_1 or later (the meeting starts at quarter_1),"
        " found 'scheduling'\n"
        "  - meeting: expected notes from at least one quarter, found nothing recorded"
    )
    assert isinstance(caught.value, ValueError)


def test_document_error_survives_pickling() -> None:
    """A DocumentError crosses process boundaries with its kind, message and problems."""
    with pytest.raises(DocumentError) as caught:
        render(_example("ed-front-door"), "lessons", now=NOW)
    again = pickle.loads(pickle.dumps(caught.value))
    assert (type(again), again.kind, str(again), again.problems) == (
        DocumentError,
        "lessons",
        str(caught.value),
        caught.value.problems,
    )


def test_briefing_before_scheduling_names_the_state() -> None:
    """The clinic at research has its visitors, but a briefing pack waits for scheduling."""
    assert missing(_example("address-clinic"), "briefing") == (
        Problem(
            "state",
            "scheduling or later (the visitors and the date are chosen at scheduling)",
            "'research'",
        ),
    )


def test_briefing_lists_each_missing_part() -> None:
    """A briefing for an assist without problem, visitors or windows names all three."""
    assist = make_assist("research", now=MADE_NOW)
    assist.state = "scheduling"
    assist.purpose = evolve(assist.purpose, problem="  ")
    assert missing(assist, "briefing") == (
        Problem("purpose.problem", "the problem the host team wants help with", "''"),
        Problem("visitors", "at least one visitor", "none"),
        Problem("logistics.windows", "at least one meeting window", "none"),
    )


def test_unheld_review_lists_each_unanswered_question() -> None:
    """A review planned but not held: the date and the four answers are missing."""
    assist = _example("riverdale-flood")
    planned = AfterActionReview(planned_on=assist.follow_up.aar.planned_on)
    assist.follow_up = evolve(assist.follow_up, aar=planned)
    assert missing(assist, "aar") == (
        Problem("follow_up.aar.held_on", "the date it was held", "none (planned on 2026-11-20)"),
        Problem("follow_up.aar.supposed_to_happen", "an answer: what was supposed to happen", "''"),
        Problem("follow_up.aar.actually_happened", "an answer: what actually happened", "''"),
        Problem("follow_up.aar.why_different", "an answer: why there was a difference", "''"),
        Problem(
            "follow_up.aar.sustain_or_improve", "an answer: what we will sustain or improve", "''"
        ),
    )


def test_no_review_and_no_lessons_are_named() -> None:
    """Without a review or lessons, the review and lessons documents name the empty field."""
    assist = make_assist("feedback", now=MADE_NOW)
    assert missing(assist, "aar") == (
        Problem(
            "state",
            "follow_up or later (the review comes after the meeting, in follow_up)",
            "'feedback'",
        ),
        Problem("follow_up.aar", "an After Action Review", "none"),
    )
    assert missing(assist, "lessons")[1] == Problem(
        "follow_up.lessons", "at least one lesson", "none"
    )


def test_action_list_without_actions_says_when_it_was_promised() -> None:
    """An action list with no actions yet names the date the caller committed to (M22)."""
    assist = make_assist("feedback", now=MADE_NOW)
    assert missing(assist, "actions") == (
        Problem(
            "follow_up.actions", "at least one action item", "none yet (promised by 2027-03-10)"
        ),
    )


def test_action_pointing_at_a_missing_option_is_refused() -> None:
    """An action whose prompted_by points past the recorded options is named, with the count."""
    assist = make_assist("closed", now=MADE_NOW)
    first, second = assist.follow_up.actions
    assist.follow_up = evolve(
        assist.follow_up, actions=(first, evolve(second, prompted_by="options[2]"))
    )
    with pytest.raises(DocumentError) as caught:
        render(assist, "actions", now=NOW)
    assert caught.value.problems == (
        Problem(
            "follow_up.actions[1].prompted_by",
            "one of the 2 item(s) of meeting.analysis.options",
            "'options[2]'",
        ),
    )


def test_review_lists_actions_even_when_a_link_dangles() -> None:
    """The review, which does not show what prompted actions, is not refused for a bad link."""
    assist = make_assist("closed", now=MADE_NOW)
    first, second = assist.follow_up.actions
    assist.follow_up = evolve(
        assist.follow_up, actions=(first, evolve(second, prompted_by="insights[5]"))
    )
    text = render(assist, "aar", format="markdown", now=MADE_NOW)
    assert (
        "| 2 | Pilot a senior clinician at triage 16:00-22:00 | Dr Sam Okafor"
        " | Tue 23 Mar 2027 | Open |"
    ) in text.splitlines()


def test_action_shows_the_insight_or_feedback_that_prompted_it() -> None:
    """prompted_by resolves to the insight or feedback text, numbered from 1 for people."""
    assist = make_assist("closed", now=MADE_NOW)
    first, second = assist.follow_up.actions
    assist.follow_up = evolve(
        assist.follow_up,
        actions=(
            evolve(first, prompted_by="insights[0]"),
            evolve(second, prompted_by="feedback[1]"),
        ),
    )
    text = render(assist, "actions", format="markdown", now=MADE_NOW)
    assert (
        "| 1 | Ask the data warehouse team for ward discharge times by hour | Priya Raman"
        " | Tue 26 Jan 2027 | Done | Insight 1: Evening staffing, not layout, is the constraint |"
    ) in text.splitlines()
    assert (
        "| 2 | Pilot a senior clinician at triage 16:00-22:00 | Dr Sam Okafor | Tue 23 Mar 2027"
        " | Open | Feedback 2: At Northfield, putting a consultant at triage in the evening cut"
        " handover delays by a third within three months. |"
    ) in text.splitlines()


def test_a_cancelled_assist_keeps_what_it_reached() -> None:
    """A cancelled assist counts the furthest state in its history: its briefing still renders."""
    assist = make_assist("cancelled", now=MADE_NOW)
    assert missing(assist, "briefing") == ()
    assert missing(assist, "record")[0].found == "'cancelled'"


def test_a_custom_workflow_is_judged_on_content_only() -> None:
    """States outside the method's names do not block a document; its content does."""
    assist = make_assist("closed", now=MADE_NOW)
    assist.state = "archived"
    assist.history = []
    assert [missing(assist, kind) for kind in KINDS] == [(), (), (), (), ()]


def test_record_in_the_meeting_is_a_draft_of_the_quarters_so_far() -> None:
    """During quarter 2 the record shows quarters 1 and 2 only, marked as a draft."""
    text = render(make_assist("quarter_2", now=MADE_NOW), "record", format="markdown", now=NOW)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Quarter 1: context", "## Quarter 2: questions"]
    assert "**A draft: the meeting is in quarter 2 of 4.**" in text.splitlines()


def test_a_quarter_with_no_notes_says_so_instead_of_an_empty_heading() -> None:
    """A reached quarter with nothing recorded says so under its heading."""
    assist = make_assist("quarter_2", now=MADE_NOW)
    assist.meeting = evolve(assist.meeting, questions=type(assist.meeting.questions)())
    lines = render(assist, "record", format="markdown", now=NOW).splitlines()
    at = lines.index("## Quarter 2: questions")
    assert lines[at + 1 : at + 3] == ["", "Nothing was recorded for this quarter."]


def test_feedback_is_shown_positives_first() -> None:
    """Positive feedback comes first (M21), otherwise in the order presented."""
    assist = make_assist("closed", now=MADE_NOW)
    items = assist.meeting.feedback
    assist.meeting = evolve(assist.meeting, feedback=(items[2], items[0], items[1]))
    lines = render(assist, "record", format="markdown", now=MADE_NOW).splitlines()
    quarter_4 = lines[lines.index("## Quarter 4: feedback") : lines.index("## Closing")]
    assert [line for line in quarter_4 if line.startswith("- ")] == [
        "- (Positive) **What we have learned**: Your triage nurses know the patients well and"
        " the data is good.",
        "- (Positive) **What has worked elsewhere**: At Northfield, putting a consultant at"
        " triage in the evening cut handover delays by a third within three months.",
        "- **An option we see**: One option we see is streaming minor injuries to the UTC at"
        " the door.",
    ]


# -- accessible, self-contained HTML ------------------------------------------------------


class _Outline(HTMLParser):
    """Collects what the accessibility checks look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


HTML_GOLDEN = sorted(GOLDEN.glob("*.html"))


@pytest.mark.parametrize("path", HTML_GOLDEN, ids=lambda p: p.stem)
def test_html_is_accessible_and_self_contained(path: Path) -> None:
    """A language, one h1, no skipped heading level, column headers, nothing fetched or run."""
    text = path.read_text(encoding="utf-8")
    outline = _Outline()
    outline.feed(text)
    tags = outline.tags
    assert tags[0] == ("html", {"lang": "en"})
    assert ("meta", {"charset": "utf-8"}) in tags
    levels = [int(tag[1]) for tag, _ in tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels.count(1) == 1
    assert levels[0] == 1
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))
    names = [tag for tag, _ in tags]
    assert names.count("table") == names.count("thead")
    assert all(attrs.get("scope") == "col" for tag, attrs in tags if tag == "th")
    assert {"script", "iframe", "img", "link", "object", "embed", "form"}.isdisjoint(names)
    for tag, attrs in tags:
        assert not any(name.startswith("on") or name in ("src", "style") for name in attrs), tag
        if tag == "a":
            assert str(attrs["href"]).startswith(("https://", "http://", "mailto:"))
    assert "url(" not in text
    assert "@import" not in text


# -- any assist ----------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assists(), st.sampled_from(list(KINDS)), st.sampled_from(FORMATS))
def test_any_assist_renders_exactly_when_nothing_is_missing(
    assist: PeerAssist, kind: str, fmt: str
) -> None:
    """render succeeds iff missing() is empty; otherwise DocumentError carries those problems.

    The one other outcome: a briefing pack whose windows cannot be planned
    as an agenda, refused by the agenda planner with the field named.
    """
    problems = missing(assist, kind)
    if problems:
        with pytest.raises(DocumentError) as caught:
            render(assist, kind, format=fmt, now=NOW)
        assert caught.value.problems == problems
        return
    outcome: str | PeerAssistError
    try:
        outcome = render(assist, kind, format=fmt, now=NOW)
    except (AgendaError, InputError) as error:
        outcome = error
    if isinstance(outcome, PeerAssistError):
        assert kind == "briefing"
        assert "logistics." in str(outcome)
    elif fmt == "markdown":
        assert outcome.startswith("# ")
    else:
        assert outcome.count("<h1>") == 1


# -- arguments ---------------------------------------------------------------------


def test_unknown_kind_and_format_are_input_errors() -> None:
    """A kind or format outside the lists is refused naming the choices."""
    assist = _example("ed-front-door")
    with pytest.raises(InputError) as caught:
        render(assist, "minutes", now=NOW)
    assert caught.value.problems == (
        Problem("kind", "one of briefing, record, actions, aar, lessons", "'minutes'"),
    )
    with pytest.raises(InputError) as caught:
        render(assist, "briefing", format="pdf", now=NOW)
    assert caught.value.problems == (Problem("format", "one of html, markdown", "'pdf'"),)


def test_not_an_assist_or_a_missing_template_folder() -> None:
    """The assist must be a PeerAssist and ``templates`` an existing folder."""
    with pytest.raises(InputError) as caught:
        render({"title": "x"}, "briefing", now=NOW)  # type: ignore[arg-type]
    assert caught.value.paths == ("assist",)
    with pytest.raises(InputError) as caught:
        render(_example("ed-front-door"), "briefing", now=NOW, templates="/no/such/folder")
    assert caught.value.problems == (
        Problem("templates", "an existing folder of templates", "/no/such/folder"),
    )


def test_now_is_shown_in_the_meeting_zone() -> None:
    """The preparation date is ``now``'s date in the meeting's zone, not UTC's."""
    late = DateTime.create(2026, 11, 27, 23, 30, tz="America/New_York")  # 04:30 next day, London
    text = render(_example("ed-front-door"), "briefing", format="markdown", now=late)
    assert "Prepared on Saturday 28 November 2026 from revision 2" in text


# -- a host's own templates ------------------------------------------------------------


def test_a_host_folder_overrides_the_base_and_keeps_the_rest(tmp_path: Path) -> None:
    """A host's base.html brands every HTML document; kinds it does not override stay ours."""
    (tmp_path / "base.html").write_text(
        '<html lang="{{ lang }}"><body class="intranet">'
        "{% block content %}{% endblock %}</body></html>\n",
        encoding="utf-8",
    )
    text = render(make_assist("closed", now=MADE_NOW), "lessons", now=NOW, templates=tmp_path)
    assert text.startswith('<html lang="en"><body class="intranet"><section aria-labelledby')
    assert "<h3>Lesson 1</h3>" in text
    assert "<style>" not in text


def test_a_host_can_swap_the_agenda_for_its_own_picture(tmp_path: Path) -> None:
    """The meeting-zone agenda is one template, ``_agenda_table.html``: a host replaces it."""
    (tmp_path / "_agenda_table.html").write_text(
        '<p class="picture">{{ agenda.days|length }} days in {{ agenda.zone }}</p>\n',
        encoding="utf-8",
    )
    text = render(_example("ed-front-door"), "briefing", now=NOW, templates=str(tmp_path))
    assert '<p class="picture">3 days in Europe/London</p>' in text
    assert (
        '<table class="agenda">\n<caption>Tuesday 9 March 2027 (the day before)</caption>'
        not in text
    )
    # The other zones' tables are not part of the picture.
    assert "<caption>Tuesday 9 March 2027 (the day before), Europe/Prague</caption>" in text


def test_host_markdown_templates_are_escaped_too(tmp_path: Path) -> None:
    """A host's Markdown template gets every value escaped for Markdown."""
    (tmp_path / "lessons.md").write_text(
        "{% for lesson in lessons %}* {{ lesson.text }}\n{% endfor %}", encoding="utf-8"
    )
    assist = make_assist("closed", now=MADE_NOW)
    lesson = evolve(assist.follow_up.lessons[0], text="# <b>Bold</b> [x](javascript:1)")
    assist.follow_up = evolve(assist.follow_up, lessons=(lesson,))
    text = render(assist, "lessons", format="markdown", now=NOW, templates=tmp_path)
    assert text == "* \\# \\<b\\>Bold\\</b\\> \\[x\\](javascript:1)\n"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ no_such_variable }}", "template aar.html: 'no_such_variable' is undefined"),
        ("{% if %}", "template "),
        ('{% include "gone.html" %}', "template 'gone.html': not found"),
    ],
)
def test_a_broken_host_template_is_a_document_error(
    tmp_path: Path, template: str, message: str
) -> None:
    """A host template that fails raises DocumentError naming the template, with no problems."""
    (tmp_path / "aar.html").write_text(template, encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        render(make_assist("closed", now=MADE_NOW), "aar", now=NOW, templates=tmp_path)
    assert str(caught.value).startswith(message)
    assert caught.value.problems == ()


def test_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    """A template with a syntax error is named with its line."""
    (tmp_path / "aar.md").write_text("line one\n{% if %}\n", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        render(make_assist("closed", now=MADE_NOW), "aar", format="markdown", templates=tmp_path)
    assert str(caught.value).startswith(f"template {tmp_path / 'aar.md'}, line 2: ")


# -- links --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a?b=1&c=2", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//evil.example/x", False),
        ("/relative/path", False),
        ("https://example.org/a b", False),
        ('https://example.org/"onmouseover="x', False),
        ("https://", False),
        ("Regional urgent care network meeting notes", False),
    ],
)
def test_only_http_and_mailto_addresses_become_links(url: str, linked: bool) -> None:
    """A pre-reading address becomes a link only when it is an absolute http(s) address."""
    assist = _example("ed-front-door")
    briefing = assist.logistics.briefing[0]
    assist.logistics = evolve(assist.logistics, briefing=(evolve(briefing, url=url),))
    html = render(assist, "briefing", now=NOW)
    markdown = render(assist, "briefing", format="markdown", now=NOW)
    assert (
        f'<a class="print-url" href="{_attr(url)}">Front door briefing pack</a>' in html
    ) is linked
    assert (f"[Front door briefing pack](<{url}>)" in markdown) is linked
    assert ('href="javascript' in html.lower()) is False


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&#34;")


def test_action_item_link_is_kept_by_make_assist() -> None:
    """make_assist's pilot action is linked to the first option, as a real one would be."""
    action = make_assist("follow_up", now=MADE_NOW).follow_up.actions[1]
    assert isinstance(action, ActionItem)
    assert action.prompted_by == "options[0]"


@pytest.mark.parametrize(
    ("options", "path"),
    [({"templates": 42}, "templates"), ({"now": "yesterday"}, "now")],
)
def test_a_bad_now_or_templates_is_an_input_error_naming_it(
    options: dict[str, object], path: str
) -> None:
    """A templates folder that is not a path and a ``now`` that is not an
    aware instant are InputErrors naming their argument."""
    with pytest.raises(InputError) as info:
        render(make_assist("scheduling"), "briefing", format="markdown", **options)  # type: ignore[arg-type]
    assert info.value.paths == (path,)


def test_a_template_of_ones_own_is_told_the_format(tmp_path: Path) -> None:
    """A template from ``templates=`` can read ``format``, the format asked for."""
    (tmp_path / "briefing.md").write_text("{{ format }}\n", encoding="utf-8")
    text = render(make_assist("scheduling"), "briefing", format="markdown", templates=tmp_path)
    assert text == "markdown\n"
