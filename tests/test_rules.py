"""validate(), check(), reports, the rule helper and the catalogue's shape."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerassist import InputError
from peerassist._time import DateTime, utc_now
from peerassist.model import PeerAssist
from peerassist.rules import (
    DEFAULT_POLICY,
    DEFAULT_RULES,
    PHASES,
    Finding,
    Flag,
    FunctionRule,
    Report,
    Rule,
    RuleContext,
    Severity,
    applicable,
    catalogue,
    catalogue_markdown,
    check,
    get_policy,
    phase_applies,
    policy_for,
    rule,
    validate,
)
from peerassist.testing import STATES, make_assist

NOW = DateTime.create(2026, 3, 10, 12, tz="UTC")
DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
CODE = re.compile(r"^PA-(M|X)\d\d-[a-z]+(-[a-z]+)*$")


@rule(code="T-01-always", severity="info", refs=("M01",), phase="scoping")
def always(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    """Always finds something."""
    yield "Always."


@rule(code="T-02-error", severity=Severity.ERROR, refs=(), phase="scheduling", hint="Fix it.")
def error_at_scheduling(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    """Finds an error from scheduling on."""
    yield Flag(message="Broken.", path="title")


# -- the catalogue's shape -------------------------------------------------------


def test_codes_are_unique_and_follow_the_scheme() -> None:
    """Built-in codes are unique, PA-<item>-<name>, and their item is their first ref."""
    codes = [r.code for r in DEFAULT_RULES]
    assert len(codes) == len(set(codes))
    for item in DEFAULT_RULES:
        assert CODE.match(item.code), item.code
        assert item.code.split("-")[1] == item.refs[0]


def test_built_in_rules_are_rules_with_a_phase_title_and_hint() -> None:
    """Each built-in rule satisfies the Rule protocol and documents itself."""
    for item in DEFAULT_RULES:
        assert isinstance(item, Rule)
        assert item.phase in PHASES
        assert isinstance(item, FunctionRule)
        assert item.title.endswith(".")
        assert item.hint


def test_rules_are_frozen_with_a_readable_repr() -> None:
    """Rules cannot be changed in place, and their repr names code, severity, phase, refs."""
    first = DEFAULT_RULES[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.code = "other"  # type: ignore[misc]
    assert repr(first) == "<rule PA-M01-no-problem (error, scoping; M01)>"


def test_factories_rebuild_the_default_rules() -> None:
    """Each factory in peerassist.rules.catalogue gives a rule equal to the built-in one."""
    rebuilt = {}
    for name in catalogue.__all__:
        factory = getattr(catalogue, name)
        if callable(factory):
            made = factory()
            rebuilt[made.code] = made
    assert {r.code: r for r in DEFAULT_RULES} == rebuilt


def test_factories_change_severity() -> None:
    """A factory's severity= changes the findings' severity too."""
    strict = catalogue.visitor_count(severity="error")
    assist = make_assist("scheduling", now=NOW)
    assist.visitors = assist.visitors[:2]
    report = validate(assist, now=NOW, rules=(strict,))
    assert [f.severity for f in report.findings] == [Severity.ERROR]


# -- validate ---------------------------------------------------------------------


def test_findings_are_sorted_by_severity_in_rule_order() -> None:
    """Errors come first, then warnings, then infos; rule order within each."""
    assist = make_assist("scheduling", now=NOW)
    assist.facilitator = None
    assist.sponsor = None
    assist.visitors = assist.visitors[:2]
    assist.logistics = attrs.evolve(assist.logistics, social=None, recording=None, briefing=())
    report = validate(assist, now=NOW)
    assert list(report.codes) == [
        "PA-M05-no-facilitator",
        "PA-M06-recording-not-agreed",
        "PA-M09-visitor-count",
        "PA-M14-no-briefing",
        "PA-M15-no-social-time",
        "PA-X03-missing-roles",
    ]
    assert len(report.errors) == 2
    assert len(report.warnings) == 3
    assert len(report.infos) == 1


def test_policy_defaults_to_the_assists_profile() -> None:
    """Without policy=, the assist's profile is used; an explicit policy wins."""
    assist = make_assist("scheduling", now=NOW)
    assist.visitors = assist.visitors[:5] + tuple(
        attrs.evolve(p, email=f"extra{i}@elsewhere.example") for i, p in enumerate(assist.visitors)
    )
    assert [f.code for f in validate(assist, now=NOW).findings] == ["PA-M09-visitor-count"]
    assist.profile = "clinic"
    assert get_policy("clinic") is policy_for(assist)
    report = validate(assist, now=NOW)
    assert "PA-M09-visitor-count" not in report.codes
    assert "PA-M08-length-out-of-bounds" in report.codes
    report = validate(assist, now=NOW, policy=DEFAULT_POLICY)
    assert "PA-M09-visitor-count" in report.codes


def test_unknown_profile_falls_back_and_is_reported() -> None:
    """An unknown profile is checked against the default, with a warning saying so."""
    assist = make_assist("scoping", now=NOW)
    assist.profile = "marathon"
    assert DEFAULT_POLICY is policy_for(assist)
    report = validate(assist, now=NOW)
    assert list(report.codes) == ["PA-X08-unknown-profile"]
    assert "'marathon' is unknown" in report.warnings[0].message


def test_state_override() -> None:
    """state= checks as if the assist were elsewhere in the workflow."""
    assist = make_assist("scoping", now=NOW)
    report = validate(assist, now=NOW, state="research")
    assert list(report.codes) == ["PA-M03-no-research"]
    assert report.state == "research"


def test_validate_refuses_bad_arguments() -> None:
    """Bad arguments raise InputError naming them, never a bare TypeError."""
    assist = make_assist(now=NOW)
    cases = [
        ({"policy": "bp-nhs"}, "policy"),
        ({"now": NOW.naive()}, "now"),
        ({"rules": "PA-M01"}, "rules"),
        ({"rules": (always, "PA-M01")}, "rules[1]"),
        ({"state": 3}, "state"),
    ]
    for kwargs, path in cases:
        with pytest.raises(InputError) as caught:
            validate(assist, **kwargs)  # type: ignore[arg-type]
        assert (path,) == caught.value.paths
    with pytest.raises(InputError) as caught:
        validate("not an assist")  # type: ignore[arg-type]
    assert caught.value.paths == ("assist",)


def test_validate_reads_the_clock_only_when_not_given_now() -> None:
    """Without now=, validate checks at the current time; with now=, at that
    instant, in the zone given."""
    seen: list[DateTime] = []

    @rule(code="T-clock", severity="info", refs=(), phase="scoping", title="Sees the clock.")
    def clock(assist: PeerAssist, ctx: RuleContext) -> Iterator[str]:
        seen.append(ctx.now)
        yield "checked"

    assist = make_assist("scoping", now=NOW)
    before = utc_now()
    report = validate(assist, rules=(clock,))
    after = utc_now()
    assert ["T-clock"] == [f.code for f in report.findings]
    assert before <= seen[-1] <= after
    tokyo = NOW.in_tz("Asia/Tokyo")
    validate(assist, rules=(clock,), now=tokyo)
    assert tokyo == seen[-1]
    assert "Asia/Tokyo" == seen[-1].timezone_name


# -- check and applicable ----------------------------------------------------------


def test_check_runs_every_rule_given() -> None:
    """check() ignores phases: it runs what it is given (the gates choose)."""
    assist = make_assist("scoping", now=NOW)
    ctx = RuleContext(now=NOW, state="scoping")
    report = check(assist, (error_at_scheduling, always), ctx)
    assert list(report.codes) == ["T-02-error", "T-01-always"]
    assert report.findings[0].hint == "Fix it."
    assert report.findings[0].path == "title"


def test_applicable_follows_the_phases() -> None:
    """applicable() keeps the rules whose phase is at or before the state."""
    rules = (always, error_at_scheduling)
    assert (always,) == applicable(rules, "research")
    assert rules == applicable(rules, "scheduling")
    assert rules == applicable(rules, "closed")
    assert applicable(rules, "cancelled") == ()


@given(st.sampled_from(PHASES), st.sampled_from(STATES))
def test_phases_apply_from_their_state_on(phase: str, state: str) -> None:
    """A rule that applies at a state applies at every later state."""
    if phase_applies(phase, state):
        for later in STATES[STATES.index(state) :]:
            assert phase_applies(phase, later)


def test_check_refuses_a_rule_returning_non_findings() -> None:
    """A hand-made rule returning something else is reported, naming it."""

    @attrs.frozen
    class Sloppy:
        code: str = "T-03-sloppy"
        severity: Severity = Severity.INFO
        refs: tuple[str, ...] = ()
        phase: str = "scoping"

        def __call__(self, assist: PeerAssist, ctx: RuleContext) -> list[object]:
            return ["not a finding"]

    with pytest.raises(InputError) as caught:
        check(make_assist(now=NOW), (Sloppy(),), RuleContext(now=NOW))  # type: ignore[arg-type]
    assert caught.value.paths == ("rules[0]",)


# -- the rule helper ---------------------------------------------------------------


def test_rule_helper_takes_title_from_docstring() -> None:
    """The title defaults to the docstring's first line; the repr shows the code."""
    assert always.title == "Always finds something."
    assert repr(always) == "<rule T-01-always (info, scoping; M01)>"
    assert Severity.INFO is always.severity


def test_rule_helper_refuses_bad_definitions() -> None:
    """A bad code, phase, severity or title is reported, each by name."""
    with pytest.raises(InputError) as caught:
        rule(code="bad code", severity="error", refs=("M01",), phase="Lunch time", title="")(
            always.check
        )
    assert {"code", "phase", "title"} == set(caught.value.paths)
    with pytest.raises(InputError) as caught:
        rule(code="T-9", severity="fatal", refs=(), phase="scoping", title="x")(always.check)
    assert caught.value.paths == ("severity",)


def test_a_check_yielding_the_wrong_thing_is_reported() -> None:
    """A check must yield text or a Flag; anything else is an InputError naming the rule."""

    @rule(code="T-04-bad", severity="info", refs=(), phase="scoping", title="Bad.")
    def bad(assist: PeerAssist, ctx: RuleContext) -> Iterator[object]:
        yield 42

    with pytest.raises(InputError) as caught:
        validate(make_assist(now=NOW), now=NOW, rules=(bad,))
    assert caught.value.paths == ("T-04-bad[0]",)


# -- reports ------------------------------------------------------------------------


def finding(severity: Severity, message: str = "Something <b>*odd*</b>.") -> Finding:
    return Finding(
        code=f"T-{severity.value}",
        severity=severity,
        message=message,
        path="title",
        hint="Look again.",
        refs=("M01",),
    )


def test_empty_report_renders_reassuringly() -> None:
    """An empty report says there is nothing to fix."""
    report = Report(findings=(), state="research")
    assert report.to_text() == "No findings at state 'research': nothing to fix."
    assert report.to_markdown() == "**No findings** at state `research`: nothing to fix."
    assert report.ok


def test_text_report_groups_by_severity() -> None:
    """The text report has a summary line, then errors, warnings and notes."""
    report = Report(
        findings=(finding(Severity.ERROR), finding(Severity.WARNING), finding(Severity.INFO)),
        state="scheduling",
    )
    text = report.to_text()
    assert text.startswith("1 error, 1 warning, 1 note at state 'scheduling'.")
    assert text.index("Errors:") < text.index("Warnings:") < text.index("Notes:")
    assert "    (T-error at title [M01])" in text
    assert "    Hint: Look again." in text
    assert text == str(report)


def test_markdown_report_escapes_user_text() -> None:
    """Markdown sections per severity; text from the assist cannot add markup."""
    report = Report(findings=(finding(Severity.WARNING),), state="scheduling")
    markdown = report.to_markdown()
    assert "### Warnings" in markdown
    assert r"- Something \<b\>\*odd\*\</b\>.  " in markdown
    assert "  `T-warning` at `title` (M01)  " in markdown


def test_blocking_honours_acknowledged_warnings() -> None:
    """Errors always block; warnings block unless acknowledged; infos never."""
    report = Report(
        findings=(finding(Severity.ERROR), finding(Severity.WARNING), finding(Severity.INFO))
    )
    assert len(report.blocking()) == 2
    assert (report.findings[0],) == report.blocking(["T-warning"])


@given(st.text(max_size=200))
def test_any_purpose_text_validates_and_renders(text: str) -> None:
    """Whatever the purpose says, validate sorts its findings and both renderings work."""
    assist = make_assist("scoping", now=NOW)
    try:
        assist.purpose = attrs.evolve(assist.purpose, learning_aim=text)
    except InputError:
        return  # control characters: the model refuses them itself
    report = validate(assist, now=NOW)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    ranks = [order[f.severity] for f in report.findings]
    assert sorted(ranks) == ranks
    for item in report.findings:
        assert item.code in report.to_text()
        assert item.code in report.to_markdown()


# -- the documented catalogue --------------------------------------------------------


def test_docs_table_is_the_generated_catalogue() -> None:
    """docs/rules.md holds exactly what catalogue_markdown() generates."""
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("<!-- catalogue-start -->\n") + len("<!-- catalogue-start -->\n")
    end = text.index("<!-- catalogue-end -->")
    assert catalogue_markdown() == text[start:end]


def test_catalogue_table_has_a_row_per_rule() -> None:
    """The table has a header, a rule line and one row per rule, with code and refs."""
    rows = catalogue_markdown((always, error_at_scheduling)).splitlines()
    assert len(rows) == 4
    assert rows[2] == "| `T-01-always` | info | scoping | M01 | Always finds something. |  |"


def test_report_repr_is_short_and_notebooks_get_a_table() -> None:
    """A report's repr counts its findings; _repr_html_ lists each with code, hint and field."""
    finding = Finding(
        code="PA-X-test",
        severity=Severity.WARNING,
        message="Something <odd>.",
        path="visitors[0]",
        hint="Fix it.",
        refs=("M09",),
    )
    report = Report(findings=(finding,), state="research")
    assert repr(report) == "<Report at 'research': 0 error(s), 1 warning(s), 0 note(s)>"
    html = report._repr_html_()
    assert "<code>PA-X-test</code>" in html
    assert "Something &lt;odd&gt;." in html
    assert "<td>visitors[0]</td>" in html
