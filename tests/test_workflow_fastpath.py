"""Workflow fast path: audit entries built without their checks equal checked ones."""

from __future__ import annotations

import inspect

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerassist._time import UTC, DateTime, as_instant
from peerassist.exceptions import InputError
from peerassist.model import AuditEntry, PeerAssist
from peerassist.model._assist import accepted_texts
from peerassist.rules import Finding, RuleContext, Severity
from peerassist.testing import PATH, make_assist
from peerassist.workflow import DEFAULT_WORKFLOW, Workflow
from strategies import audit_entries, instants, labels, maybe, texts

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")
WF = Workflow()

# Any text at all: control characters, line breaks, lone surrogates, blanks.
_ANY_TEXT = st.text(max_size=12)
_AWKWARD = st.sampled_from(("", " ", "a\nb", "a\rb", "tab\tin", "nul\x00", "del\x7f", "\u2028"))


TRIGGERS = tuple(trigger for trigger, _, _ in PATH)


def _restarted() -> PeerAssist:
    """A complete assist put back at the start, so that every forward gate passes."""
    return attrs.evolve(make_assist("closed", now=NOW), state="scoping", history=[], revision=0)


def _fields(entry: AuditEntry) -> dict[str, object]:
    return {f.name: getattr(entry, f.name) for f in attrs.fields(AuditEntry)}


def test_trusted_constructor_takes_exactly_the_fields() -> None:
    """The trusted constructor names every field of AuditEntry, in order, and nothing else."""
    expected = [f.name for f in attrs.fields(AuditEntry)]
    assert expected == list(inspect.signature(AuditEntry._trusted).parameters)


@given(audit_entries())
def test_trusted_entry_equals_the_checked_one(public: AuditEntry) -> None:
    """An entry built from a checked entry's values without checks equals it, field by field."""
    trusted = AuditEntry._trusted(**_fields(public))  # type: ignore[arg-type]
    assert public == trusted
    assert hash(public) == hash(trusted)
    assert repr(public) == repr(trusted)
    assert _fields(public) == _fields(trusted)


@given(
    event=texts(required=True),
    source=maybe(st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True)),
    dest=st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True),
    at=instants(),
    actor=maybe(texts()),
    note=maybe(texts(single_line=False)),
    acknowledged=labels(),
)
def test_public_constructor_keeps_engine_values_unchanged(
    event: str,
    source: str | None,
    dest: str,
    at: DateTime,
    actor: str | None,
    note: str | None,
    acknowledged: tuple[str, ...],
) -> None:
    """For the values the engine passes (a UTC instant), the checks change nothing."""
    instant = as_instant(at).in_tz(UTC)
    values = {
        "event": event,
        "source": source,
        "dest": dest,
        "at": instant,
        "actor": actor,
        "note": note,
        "acknowledged": acknowledged,
    }
    public = AuditEntry(**values)  # type: ignore[arg-type]
    trusted = AuditEntry._trusted(**values)  # type: ignore[arg-type]
    assert public == trusted
    assert all(getattr(public, name) is value for name, value in values.items())


@given(
    actor=maybe(_ANY_TEXT | _AWKWARD),
    note=maybe(_ANY_TEXT | _AWKWARD),
    acknowledged=st.lists(_ANY_TEXT | _AWKWARD, max_size=3).map(tuple),
)
def test_accepted_texts_agrees_with_the_constructor(
    actor: str | None, note: str | None, acknowledged: tuple[str, ...]
) -> None:
    """accepted_texts says True exactly when the public constructor accepts the texts."""
    try:
        AuditEntry(
            event="go",
            source="a",
            dest="b",
            at=NOW,
            actor=actor,
            note=note,
            acknowledged=acknowledged,
        )
    except InputError:
        accepted = False
    else:
        accepted = True
    assert accepted == accepted_texts(actor, note, acknowledged)


def test_lifecycle_entries_equal_checked_entries() -> None:
    """Every entry the engine appends along the path equals one built publicly."""
    assist = WF.create(
        title="Discharge lounge",
        host=make_assist().host,
        actor="priya",
        now=NOW,
        note="first line\nsecond line",
    )
    walked = WF.start(_restarted(), now=NOW)
    for trigger in TRIGGERS:
        WF.advance(walked, trigger, now=NOW, actor="grace", note="ok")
    expected = [
        AuditEntry(
            event=e.event,
            source=e.source,
            dest=e.dest,
            at=NOW,
            actor=e.actor,
            note=e.note,
            acknowledged=e.acknowledged,
        )
        for e in (*assist.history, *walked.history)
    ]
    assert expected == [*assist.history, *walked.history]
    assert ["create", *TRIGGERS] == [e.event for e in walked.history]


@pytest.mark.parametrize(
    ("values", "path"),
    [
        ({"actor": "eve\x00"}, "actor"),
        ({"note": "bell\x07"}, "note"),
        ({"actor": "a\rb", "note": "\x1b[2J"}, "actor"),
    ],
)
def test_bad_text_is_refused_after_the_gate_and_changes_nothing(
    values: dict[str, str], path: str
) -> None:
    """Texts the audit entry refuses raise an InputError naming them; the assist is untouched."""
    assist = make_assist("scoping", now=NOW)
    before = (assist.state, assist.revision, list(assist.history))
    with pytest.raises(InputError) as excinfo:
        WF.fire(assist, "begin_research", now=NOW, **values)  # type: ignore[arg-type]
    assert path == excinfo.value.paths[0]
    assert before == (assist.state, assist.revision, list(assist.history))


def test_two_bad_texts_are_both_named() -> None:
    """An actor and a note the entry refuses are reported together, as before."""
    assist = make_assist("scoping", now=NOW)
    with pytest.raises(InputError) as excinfo:
        WF.fire(assist, "begin_research", now=NOW, actor="a\nb", note="\x00")
    assert ("actor", "note") == excinfo.value.paths


def test_bad_text_on_a_blocked_transition_returns_the_refusal() -> None:
    """A refused transition returns its findings; the texts are checked only when it passes."""

    def stop(assist: PeerAssist, ctx: RuleContext) -> list[Finding]:
        return [Finding(code="TEST-stop", severity=Severity.ERROR, message="no", hint="wait")]

    workflow = Workflow(DEFAULT_WORKFLOW.with_gate("begin_research", stop))
    assist = make_assist("scoping", now=NOW)
    outcome = workflow.fire(assist, "begin_research", now=NOW, actor="a\nb")
    assert (False, ("TEST-stop",)) == (outcome.ok, outcome.codes)
    assert ("scoping", 0) == (assist.state, assist.revision)


def test_acknowledged_code_the_entry_refuses_is_an_input_error() -> None:
    """A gate finding coded with a blank, acknowledged, fails the entry's check as before."""

    def blank(assist: PeerAssist, ctx: RuleContext) -> list[Finding]:
        return [Finding(code=" ", severity=Severity.WARNING, message="odd", hint="none")]

    workflow = Workflow(DEFAULT_WORKFLOW.with_gate("begin_research", blank))
    assist = make_assist("scoping", now=NOW)
    with pytest.raises(InputError) as excinfo:
        workflow.fire(assist, "begin_research", now=NOW, acknowledge=[" "])
    assert ("acknowledged[0]",) == excinfo.value.paths
    assert ("scoping", 0) == (assist.state, assist.revision)


def test_acknowledged_codes_are_recorded_through_the_fast_path() -> None:
    """Acknowledged warnings land in the entry, equal to a checked entry with them."""

    def warn(assist: PeerAssist, ctx: RuleContext) -> list[Finding]:
        return [Finding(code="TEST-warn", severity=Severity.WARNING, message="m", hint="h")]

    workflow = Workflow(DEFAULT_WORKFLOW.with_gate("begin_research", warn))
    assist = make_assist("scoping", now=NOW)
    outcome = workflow.fire(assist, "begin_research", now=NOW, acknowledge=["TEST-warn"])
    expected = AuditEntry(
        event="begin_research",
        source="scoping",
        dest="research",
        at=NOW,
        acknowledged=("TEST-warn",),
    )
    assert expected == outcome.entry
    assert expected == assist.history[-1]


def test_an_empty_gate_passes_without_rules() -> None:
    """With no rules and no checks, every transition passes and is recorded."""
    workflow = Workflow(attrs.evolve(DEFAULT_WORKFLOW, rules=()))
    assist = WF.start(_restarted(), now=NOW)
    for trigger in TRIGGERS:
        assert workflow.fire(assist, trigger, now=NOW).ok
    assert ("closed", len(TRIGGERS)) == (assist.state, assist.revision)


def test_a_passed_outcome_from_the_engine_equals_the_public_one() -> None:
    """The engine's quick outcome of a passed transition sets every field,
    as the public constructor would."""
    from peerassist.workflow._outcome import Outcome, OutcomeKind

    assist = make_assist("scoping", now=NOW)
    outcome = Workflow(DEFAULT_WORKFLOW).fire(assist, "begin_research", now=NOW)
    assert outcome.ok
    public = Outcome(
        trigger=outcome.trigger,
        source=outcome.source,
        dest=outcome.dest,
        kind=OutcomeKind.PASSED,
        checked=outcome.checked,
        acknowledged=outcome.acknowledged,
        allowed=outcome.allowed,
        entry=outcome.entry,
    )
    assert outcome == public
    for field in attrs.fields(Outcome):
        assert getattr(outcome, field.name) == getattr(public, field.name), field.name


def test_a_quick_rule_context_equals_the_public_one() -> None:
    """The gate's quick rule context sets every field as the constructor does."""
    from peerassist.rules import DEFAULT_POLICY, InMemoryContext

    context = InMemoryContext([])
    quick = RuleContext._quick(NOW, DEFAULT_POLICY, "research", context)
    public = RuleContext(now=NOW, policy=DEFAULT_POLICY, state="research", context=context)
    assert quick == public
    for field in attrs.fields(RuleContext):
        assert getattr(quick, field.name) is getattr(public, field.name), field.name
