"""Reusing findings: rules that declare what they read give the same report
whether their findings are reused or computed afresh."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerassist import InputError
from peerassist._time import DateTime, as_instant
from peerassist.model import AuditEntry, PeerAssist
from peerassist.rules import (
    DEFAULT_POLICY,
    DEFAULT_RULES,
    PROFILES,
    Finding,
    Flag,
    InMemoryContext,
    RuleContext,
    Severity,
    _memo,
    applicable,
    check,
    clear_cache,
    rule,
    validate,
)
from peerassist.rules._util import local_day, local_time, seconds_between, utc
from peerassist.testing import PATH, STATES, make_assist
from peerassist.workflow import DEFAULT_WORKFLOW, Workflow
from profiles import examples
from strategies import (
    follow_ups,
    host_teams,
    instants,
    logistics,
    meeting_notes,
    people,
    purposes,
    researches,
    teams,
    texts,
    windows,
)

NOW = DateTime.create(2026, 3, 10, 12, tz="UTC")
WORKFLOW = Workflow(DEFAULT_WORKFLOW)
TEMPLATES = {state: make_assist(state, now=NOW) for state in STATES}


# -- strategies ---------------------------------------------------------------------


def _sections_of(state: str) -> dict[str, Any]:
    template = TEMPLATES[state]
    return {f.name: getattr(template, f.name) for f in attrs.fields(PeerAssist)}


@st.composite
def replacements(draw: st.DrawFn, assist: PeerAssist) -> tuple[str, Any]:
    """A field and a new value for it: drawn at random, taken from a realistic
    assist in another state, an equal copy of the current value, or the same
    value again."""
    name = draw(
        st.sampled_from(
            (
                "title",
                "host",
                "visitors",
                "visitors_chosen_by",
                "facilitator",
                "recorder",
                "sponsor",
                "profile",
                "purpose",
                "research",
                "logistics",
                "meeting",
                "follow_up",
                "history",
            )
        )
    )
    how = draw(st.sampled_from(("random", "realistic", "equal copy", "same")))
    current = getattr(assist, name)
    if how == "same":
        return name, current
    if how == "equal copy":
        return name, copy.deepcopy(current)
    if how == "realistic" or name == "history":
        value = _sections_of(draw(st.sampled_from(STATES)))[name]
        return name, list(value) if name == "history" else value
    emails = [p.email for p, _ in assist.participants()]
    drawn: dict[str, st.SearchStrategy[Any]] = {
        "title": texts(required=True),
        "host": host_teams(),
        "visitors": teams().map(tuple),
        "visitors_chosen_by": st.none() | st.sampled_from(emails),
        "facilitator": st.none() | people(),
        "recorder": st.none() | people(),
        "sponsor": st.none() | people(),
        "profile": st.none() | st.sampled_from(("bp-nhs", "clinic", "retrospect", "marathon")),
        "purpose": purposes(),
        "research": researches(),
        "logistics": logistics(),
        "meeting": meeting_notes(),
        "follow_up": follow_ups(),
    }
    return name, draw(drawn[name])


def _apply(assist: PeerAssist, name: str, value: Any) -> None:
    # The model may refuse a value (a visitor already in the team): keep the old.
    with contextlib.suppress(InputError):
        setattr(assist, name, value)


@contextlib.contextmanager
def _no_reuse() -> Iterator[None]:
    """Run every rule every time, gates included."""
    # Put back what was there: a test must not hide the module's default.
    enabled = _memo.ENABLED
    _memo.ENABLED = False
    try:
        yield
    finally:
        _memo.ENABLED = enabled


def _nows() -> st.SearchStrategy[DateTime]:
    """Instants around NOW: the same day at other hours, and other days."""
    return st.builds(
        lambda days, hours: NOW.add(days=days, hours=hours),
        st.integers(-400, 400),
        st.sampled_from((0, 0, 5, 11, -12)),
    )


def _contexts() -> st.SearchStrategy[InMemoryContext | None]:
    others = [make_assist(state, now=NOW) for state in ("closed", "follow_up", "research")]
    return st.sampled_from((None, None, InMemoryContext(others)))


# -- the property: reused findings are the findings ---------------------------------


@settings(max_examples=examples(60))
@given(st.data())
def test_reused_findings_equal_fresh_ones_across_changes(data: st.DataObject) -> None:
    """Over random field replacements between validations, a validation that
    reuses findings reports exactly what one computing every rule reports."""
    assist = copy.copy(TEMPLATES[data.draw(st.sampled_from(STATES))])
    object.__setattr__(assist, "history", list(assist.history))
    for _ in range(data.draw(st.integers(1, 6))):
        for _ in range(data.draw(st.integers(0, 3))):
            _apply(assist, *data.draw(replacements(assist)))
        if data.draw(st.booleans()):
            assist.history.append(
                AuditEntry(
                    event="note",
                    source=assist.state,
                    dest=data.draw(st.sampled_from(STATES)),
                    at=NOW,
                )
            )
        kwargs: dict[str, Any] = {
            "now": data.draw(_nows()),
            "policy": data.draw(st.sampled_from((None, *PROFILES.values()))),
            "state": data.draw(st.sampled_from((None, *STATES))),
            "context": data.draw(_contexts()),
        }
        fresh = validate(assist, cache=False, **kwargs)
        assert fresh == validate(assist, **kwargs)
        assert fresh == validate(assist, **kwargs)  # once more, all reused


@settings(max_examples=examples(30))
@given(st.data())
def test_reused_findings_equal_fresh_ones_on_generated_assists(data: st.DataObject) -> None:
    """On wholly generated assists (any zone, any text), reuse changes nothing."""
    from strategies import assists

    assist = data.draw(assists())
    for _ in range(data.draw(st.integers(1, 3))):
        now = data.draw(instants())
        state = data.draw(st.sampled_from(STATES))
        assert validate(assist, now=now, state=state, cache=False) == validate(
            assist, now=now, state=state
        )
        _apply(assist, *data.draw(replacements(assist)))


# -- the property with rules that use the instant, the state, the context, the policy


class _Labelled:
    """A cross-assist context that knows nothing but its name."""

    def __init__(self, label: str) -> None:
        self.label = label

    def visits(self, email: str, **window: Any) -> tuple[()]:
        return ()

    def similar_work(self, assist: PeerAssist) -> tuple[()]:
        return ()


def _custom(code: str, phase: str, reads: tuple[str, ...], uses: tuple[str, ...]) -> Any:
    """A rule whose one finding spells out everything it was given to read,
    so findings reused under another instant, state, context or policy show."""

    @rule(code=code, severity="warning", refs=(), phase=phase, title=code, reads=reads, uses=uses)
    def seen(assist: PeerAssist, ctx: RuleContext) -> Iterator[str]:
        parts = [code]
        if "purpose" in reads:
            parts.append(assist.purpose.problem[:12])
        if "visitors" in reads:
            parts.append(str(len(assist.visitors)))
        if "now" in uses:
            parts.append(ctx.now.in_tz("UTC").isoformat())
        if "today" in uses:
            parts.append(
                local_day(
                    ctx.now, assist.logistics.zone or assist.host.caller.timezone or "UTC"
                ).isoformat()
            )
        if "state" in uses:
            parts.append(ctx.state)
        if "context" in uses:
            parts.append(getattr(ctx.context, "label", repr(ctx.context)))
        parts.append(f"{ctx.policy.name}/{ctx.policy.visitors_min}")
        yield " ".join(parts)

    return seen


CUSTOM_RULES = (
    _custom("T-now", "scoping", ("purpose",), ("now",)),
    _custom("T-today", "scoping", ("purpose",), ("today",)),
    _custom("T-state", "scoping", ("visitors",), ("state",)),
    _custom("T-context", "scoping", ("purpose",), ("context",)),
    _custom("T-policy", "scoping", ("visitors",), ()),
    _custom("T-nothing-read", "scoping", (), ("now", "state")),
    # One phase holding several groups, and one rule that declares nothing.
    _custom("T-research-now", "research", ("purpose", "visitors"), ("now", "state")),
    _custom("T-research-context", "research", ("visitors",), ("context", "today")),
    _custom("T-research-policy", "research", ("purpose",), ()),
    attrs.evolve(_custom("T-undeclared", "scoping", ("purpose",), ("now",)), reads=None),
)
# Policies: the same name with another threshold, and one built equal but apart.
CUSTOM_POLICIES = (
    DEFAULT_POLICY,
    attrs.evolve(DEFAULT_POLICY, visitors_min=3),
    attrs.evolve(DEFAULT_POLICY, name="other"),
    *PROFILES.values(),
)


@settings(max_examples=examples(80))
@given(st.data())
def test_reused_findings_of_custom_rules_follow_now_state_context_and_policy(
    data: st.DataObject,
) -> None:
    """Custom rules that use the instant, its day, the state, the context and
    the policy report exactly what a fresh run reports, however those change
    between validations of an unchanged assist (and after a field changes)."""
    assist = copy.copy(TEMPLATES[data.draw(st.sampled_from(STATES))])
    object.__setattr__(assist, "history", list(assist.history))
    rules = data.draw(st.sampled_from((CUSTOM_RULES, list(CUSTOM_RULES))))
    contexts = (None, _Labelled("left"), _Labelled("right"))
    for _ in range(data.draw(st.integers(2, 8))):
        if data.draw(st.integers(0, 3)) == 0:
            _apply(assist, *data.draw(replacements(assist)))
        kwargs: dict[str, Any] = {
            "now": data.draw(
                st.sampled_from((NOW, NOW.add(hours=1), NOW.add(days=1), NOW.in_tz("Asia/Tokyo")))
                | _nows()
            ),
            "policy": data.draw(st.sampled_from(CUSTOM_POLICIES)),
            "state": data.draw(st.sampled_from(("scoping", "research", "scheduling"))),
            "context": data.draw(st.sampled_from(contexts)),
        }
        fresh = validate(assist, rules=rules, cache=False, **kwargs)
        assert len(fresh.findings) >= 6
        assert fresh == validate(assist, rules=rules, **kwargs)
        assert fresh == validate(assist, rules=rules, **kwargs)  # once more, all reused


def test_naive_instants_are_told_apart_by_their_wall_time() -> None:
    """check() given a naive instant (a wall time) reuses a rule's findings
    only for the same wall time."""

    @rule(code="T-wall", severity="info", refs=(), phase="scoping", reads=(), uses=("now",))
    def wall(assist: PeerAssist, ctx: RuleContext) -> Iterator[str]:
        """Says the time."""
        yield f"at {ctx.now.isoformat()}"

    assist = make_assist("scoping", now=NOW)
    seen = []
    for hour in (9, 15, 9, 15):
        ctx = RuleContext(now=dt.datetime(2026, 3, 10, hour))
        seen.append([f.message for f in check(assist, (wall,), ctx).findings])
    assert [["at 2026-03-10T09:00:00"], ["at 2026-03-10T15:00:00"]] * 2 == seen


@settings(max_examples=examples(25))
@given(st.data())
def test_gates_decide_the_same_with_and_without_reuse(data: st.DataObject) -> None:
    """allowed() lists the same triggers, verdicts and findings whether the
    gates reuse findings or not."""
    assist = copy.copy(TEMPLATES[data.draw(st.sampled_from(STATES))])
    object.__setattr__(assist, "history", list(assist.history))
    for _ in range(data.draw(st.integers(1, 4))):
        _apply(assist, *data.draw(replacements(assist)))
        now = data.draw(_nows())
        reused = list(WORKFLOW.allowed(assist, now=now))
        with _no_reuse():
            fresh = list(WORKFLOW.allowed(assist, now=now))
        assert fresh == reused


def test_a_lifecycle_reaches_the_same_end_with_and_without_reuse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Walking the default path gives the same outcomes, reused or not."""

    def walk() -> list[Any]:
        assist = attrs.evolve(TEMPLATES["closed"], state="scoping", history=[], revision=0)
        WORKFLOW.start(assist, now=NOW)
        return [WORKFLOW.fire(assist, trigger, now=NOW) for trigger, _, _ in PATH]

    reused = walk()
    monkeypatch.setattr(_memo, "ENABLED", False)
    assert walk() == reused
    assert all(outcome.ok for outcome in reused)


# -- the declarations: each built-in rule reads no more than it says ---------------


class _Recorder:
    """Stands in for an assist or a context and notes what is read."""

    def __init__(self, target: Any, seen: set[str]) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_seen", seen)

    def __getattr__(self, name: str) -> Any:
        target = object.__getattribute__(self, "_target")
        value = getattr(type(target), name, None)
        if callable(value) and not isinstance(value, type):
            return value.__get__(self)  # methods read through the recorder too
        object.__getattribute__(self, "_seen").add(name)
        return getattr(target, name)


_CONTEXT_PARTS = {"policy": "policy", "now": "now", "state": "state", "context": "context"}


@settings(max_examples=examples(40))
@given(st.data())
def test_built_in_rules_read_only_what_they_declare(data: st.DataObject) -> None:
    """Run on a recording stand-in, each built-in rule reads only the fields
    in its ``reads`` (and ``today`` implies logistics and host), and of the
    context only the policy and what it ``uses``."""
    from strategies import assists

    assist = data.draw(st.sampled_from(list(TEMPLATES.values())) | assists())
    ctx = RuleContext(now=data.draw(_nows()), policy=DEFAULT_POLICY, state="closed")
    for item in DEFAULT_RULES:
        fields: set[str] = set()
        parts: set[str] = set()
        list(item.check(_Recorder(assist, fields), _Recorder(ctx, parts), **dict(item.options)))
        allowed = set(item.reads or ())
        uses = set(item.uses)
        if "today" in uses:
            allowed |= {"logistics", "host"}
            uses |= {"now"}
        assert fields <= allowed, item.code
        assert parts <= {"policy"} | uses, item.code


def test_every_built_in_rule_declares_what_it_reads() -> None:
    """Every built-in rule has its findings reused: none leaves ``reads`` unset."""
    assert [r.code for r in DEFAULT_RULES if r.reads is None] == []


# -- behaviour ---------------------------------------------------------------------


class _Counter:
    def __init__(self) -> None:
        self.calls = 0


def _counting_rule(counter: _Counter, **declared: Any) -> Any:
    @rule(
        code="T-90-count", severity="warning", refs=(), phase="scoping", title="Counts.", **declared
    )
    def counted(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
        counter.calls += 1
        if not assist.purpose.problem.startswith("Fine"):
            yield Flag(message=f"Seen {assist.purpose.problem[:10]!r}.", path="purpose.problem")

    return counted


def test_a_rule_declaring_reads_runs_again_only_when_they_change() -> None:
    """Validating again reuses the findings until the field read is replaced."""
    counter = _Counter()
    counted = _counting_rule(counter, reads=("purpose",))
    rules = (counted,)
    assist = make_assist("scoping", now=NOW)
    first = validate(assist, now=NOW, rules=rules)
    assert first == validate(assist, now=NOW, rules=rules)
    assist.title = "Another title"  # not read by the rule
    assert first == validate(assist, now=NOW, rules=rules)
    assert counter.calls == 1
    assist.purpose = attrs.evolve(assist.purpose, problem="Something else entirely")
    second = validate(assist, now=NOW, rules=rules)
    assert counter.calls == 2
    assert [f.message for f in second.findings] == ["Seen 'Something '."]


def test_an_equal_but_new_value_is_a_change() -> None:
    """Reuse goes by the value objects themselves: an equal copy is run again,
    with the same result."""
    counter = _Counter()
    rules = (_counting_rule(counter, reads=("purpose",)),)
    assist = make_assist("scoping", now=NOW)
    first = validate(assist, now=NOW, rules=rules)
    assist.purpose = copy.deepcopy(assist.purpose)
    assert first == validate(assist, now=NOW, rules=rules)
    assert counter.calls == 2


def test_policy_and_the_day_of_now_are_part_of_what_is_read() -> None:
    """Another policy object, or another day for a rule using ``today``, runs it again."""
    counter = _Counter()
    rules = (_counting_rule(counter, reads=("purpose",), uses=("today",)),)
    assist = make_assist("scheduling", now=NOW)
    validate(assist, now=NOW, rules=rules)
    validate(assist, now=NOW.add(hours=1), rules=rules)  # the same day
    assert counter.calls == 1
    validate(assist, now=NOW.add(days=1), rules=rules)
    assert counter.calls == 2
    validate(assist, now=NOW, rules=rules, policy=attrs.evolve(DEFAULT_POLICY))
    assert counter.calls == 3


def test_rules_without_declarations_always_run() -> None:
    """A rule that declares nothing, or validate(cache=False), runs every time."""
    counter = _Counter()
    rules = (_counting_rule(counter),)
    assist = make_assist("scoping", now=NOW)
    validate(assist, now=NOW, rules=rules)
    validate(assist, now=NOW, rules=rules)
    assert counter.calls == 2
    declared = (_counting_rule(counter, reads=("purpose",)),)
    validate(assist, now=NOW, rules=declared, cache=False)
    validate(assist, now=NOW, rules=declared, cache=False)
    assert counter.calls == 4


def test_rules_using_the_context_run_whenever_one_is_given() -> None:
    """With a context (which can change at any time), context rules run every time."""
    counter = _Counter()
    rules = (_counting_rule(counter, reads=(), uses=("context",)),)
    assist = make_assist("scoping", now=NOW)
    context = InMemoryContext([])
    validate(assist, now=NOW, rules=rules, context=context)
    validate(assist, now=NOW, rules=rules, context=context)
    assert counter.calls == 2
    validate(assist, now=NOW, rules=rules)
    validate(assist, now=NOW, rules=rules)
    assert counter.calls == 3


def test_the_history_is_compared_entry_by_entry() -> None:
    """Appending to the history (changed in place) is a change for rules reading it."""
    counter = _Counter()
    rules = (_counting_rule(counter, reads=("history",)),)
    assist = make_assist("scoping", now=NOW)
    validate(assist, now=NOW, rules=rules)
    assist.history.append(AuditEntry(event="note", source="scoping", dest="scoping", at=NOW))
    validate(assist, now=NOW, rules=rules)
    assert counter.calls == 2


def test_a_list_of_rules_may_change_between_calls() -> None:
    """A mutable list of rules is read afresh each time (only tuples are prepared once)."""
    counter = _Counter()
    rules = [_counting_rule(counter, reads=("purpose",))]
    assist = make_assist("scoping", now=NOW)
    assist.purpose = attrs.evolve(assist.purpose, problem="Broken")
    assert len(check(assist, rules, RuleContext(now=NOW)).findings) == 1
    rules.clear()
    assert check(assist, rules, RuleContext(now=NOW)).findings == ()


def test_dropped_values_cannot_be_mistaken_for_new_ones() -> None:
    """Values whose findings are kept stay alive, so a new value never takes
    an old one's identity: many short-lived purposes all get their own findings."""
    rules = applicable(DEFAULT_RULES, "scoping")
    assist = make_assist("scoping", now=NOW)
    for index in range(300):
        endorsing = index % 2 == 0
        aim = "We want the board to approve it." if endorsing else "Learn what worked."
        assist.purpose = attrs.evolve(assist.purpose, learning_aim=f"{aim} ({index})")
        codes = validate(assist, now=NOW, rules=rules).codes
        assert ("PA-M02-seeks-endorsement" in codes) is endorsing


def test_the_store_is_bounded_and_can_be_cleared() -> None:
    """No more than MAX_ENTRIES entries are kept; clear_cache() empties it."""
    assist = make_assist("closed", now=NOW)
    for index in range(_memo.MAX_ENTRIES // 10):
        assist.title = f"Title {index}"
        assist.purpose = attrs.evolve(assist.purpose, problem=f"Problem {index}")
        validate(assist, now=NOW)
    assert 0 < len(_memo._store) <= _memo.MAX_ENTRIES
    assert _memo._records
    prepared = dict(_memo._runners)
    clear_cache()
    assert len(_memo._store) == 0
    assert not _memo._records
    # The prepared sequences hold no findings: they are kept.
    assert prepared == _memo._runners
    assert validate(assist, now=NOW) == validate(assist, now=NOW, cache=False)


def test_the_store_drops_the_entry_used_longest_ago(monkeypatch: pytest.MonkeyPatch) -> None:
    """With room for two entries, a third drops the one used longest ago (not
    the oldest made, not the newest): its rule runs again, the others not."""
    monkeypatch.setattr(_memo, "MAX_ENTRIES", 2)
    # Each assist's own record would answer its second check: left out here
    # to watch the shared store alone (records are tested below).
    monkeypatch.setattr(_memo, "_record", lambda assist: {})
    clear_cache()
    counter = _Counter()
    rules = [_counting_rule(counter, reads=("purpose",))]  # a list: one entry a check
    ctx = RuleContext(now=NOW)
    first, second, third = (make_assist("scoping", now=NOW) for _ in range(3))
    calls = []
    for assist in (first, second, first, third, first, third, second):
        check(assist, rules, ctx)
        calls.append(counter.calls)
    assert [1, 2, 2, 3, 3, 3, 4] == calls
    assert 2 == len(_memo._store)


def test_prepared_sequences_and_days_are_bounded() -> None:
    """However many rule tuples and instants are seen, at most _MAX_RUNNERS
    prepared sequences and 16 days are remembered."""
    clear_cache()
    assist = make_assist("scoping", now=NOW)
    for index in range(_memo._MAX_RUNNERS + 20):
        check(assist, DEFAULT_RULES[: 1 + index % 50], RuleContext(now=NOW))
        assert len(_memo._runners) <= _memo._MAX_RUNNERS
    assert _memo._MAX_RUNNERS == len(_memo._runners)
    for hours in range(40):
        validate(assist, rules=CUSTOM_RULES, now=NOW.add(hours=hours))
        assert len(_memo._days) <= 16


class _PlainRule:
    """A rule that is not a FunctionRule: what it returns is checked."""

    code = "T-plain"
    severity = "warning"
    refs = ()
    phase = "scoping"

    def __init__(self, result: list[Any]) -> None:
        self.result = result

    def __call__(self, assist: PeerAssist, ctx: RuleContext) -> list[Any]:
        return self.result


@pytest.mark.parametrize("cache", [True, False])
def test_other_rules_are_checked_with_and_without_reuse(cache: bool) -> None:
    """A rule that is not a FunctionRule has its findings reported, and what
    is not a finding refused, whether findings are reused or not."""
    assist = make_assist("scoping", now=NOW)
    found = Finding(code="T-plain", severity=Severity.WARNING, message="Seen.")
    report = validate(assist, rules=(_PlainRule([found]),), now=NOW, cache=cache)
    assert [found] == list(report.findings)
    with pytest.raises(InputError):
        validate(assist, rules=(_PlainRule(["not a finding"]),), now=NOW, cache=cache)


def test_declarations_are_checked() -> None:
    """reads must name fields of PeerAssist, and uses known parts of the context."""
    with pytest.raises(InputError) as caught:
        rule(code="T-91", severity="info", refs=(), phase="scoping", title="x", reads=("nope",))(
            lambda assist, ctx: ()
        )
    assert caught.value.paths == ("reads",)
    with pytest.raises(InputError) as caught:
        rule(
            code="T-92", severity="info", refs=(), phase="scoping", title="x", reads=(), uses=("x",)
        )(lambda assist, ctx: ())
    assert caught.value.paths == ("uses",)


def test_the_repr_and_the_catalogue_do_not_show_declarations() -> None:
    """Declaring reads changes neither a rule's repr nor its equality with the factory's."""
    assert repr(DEFAULT_RULES[0]) == "<rule PA-M01-no-problem (error, scoping; M01)>"
    assert DEFAULT_RULES[0].reads == ("purpose",)


# -- the time helpers give pendulum's answers --------------------------------------


@given(instants(), st.sampled_from(("UTC", "Europe/London", "America/Santiago", "Asia/Tokyo")))
def test_local_day_and_time_are_pendulums(instant: Any, zone: str) -> None:
    """local_day and local_time give what ``in_tz`` gives."""
    value = as_instant(instant)
    shown = value.in_tz(zone)
    assert (shown.year, shown.month, shown.day) == local_day(value, zone).timetuple()[:3]
    local = local_time(value, zone)
    assert (shown.hour, shown.minute, shown.date()) == (local.hour, local.minute, local.date())


@given(instants(), instants())
def test_utc_orders_instants_as_pendulum_does_in_utc(a: Any, b: Any) -> None:
    """utc() keeps the order and difference of instants in UTC."""
    a, b = as_instant(a), as_instant(b)
    assert (utc(a) < utc(b)) == (a.in_tz("UTC") < b.in_tz("UTC"))
    assert (utc(a) == utc(b)) == (a.in_tz("UTC") == b.in_tz("UTC"))


@given(windows())
def test_seconds_between_is_the_windows_length(window: Any) -> None:
    """seconds_between gives a meeting window's length to the bit."""
    assert window.length == seconds_between(window.start, window.end)


# -- a phase's volatile groups are kept apart from its steady ones -----------------


def _recording(code: str, calls: list[str], reads: tuple[str, ...], uses: tuple[str, ...]) -> Any:
    """A scoping rule that notes each call in ``calls`` and finds one thing
    spelling out what it read: the title, the state or the instant's hour."""

    @rule(
        code=code, severity="warning", refs=(), phase="scoping", title=code, reads=reads, uses=uses
    )
    def recorded(assist: PeerAssist, ctx: RuleContext) -> Iterator[str]:
        calls.append(code)
        seen = {
            "state": assist.state,
            "title": assist.title,
            "revision": str(assist.revision),
        }
        said = [seen[name] for name in reads if name in seen]
        if "now" in uses:
            said.append(f"{ctx.now.in_tz('UTC').hour:02d}h")
        yield f"{code}: {' '.join(said)}".rstrip()

    return recorded


def test_a_volatile_group_in_the_middle_of_a_phase_keeps_the_rule_order() -> None:
    """A phase whose rules reading the state and using the instant sit between
    steady ones reports its findings in the rules' order; a new instant runs
    again only the rule using it, a new state only the rule reading it, and
    the steady rules are reused throughout."""
    calls: list[str] = []
    rules = (
        _recording("T-a-steady", calls, ("purpose",), ()),
        _recording("T-b-state", calls, ("state",), ()),
        _recording("T-c-steady", calls, ("title",), ()),
        _recording("T-d-now", calls, (), ("now",)),
        _recording("T-e-steady", calls, ("visitors",), ()),
    )
    assist = make_assist("scoping", now=NOW)
    assist.title = "Front door"

    def messages(now: DateTime) -> list[str]:
        return [f.message for f in validate(assist, now=now, rules=rules).findings]

    expected = [
        "T-a-steady:",
        "T-b-state: scoping",
        "T-c-steady: Front door",
        "T-d-now: 12h",
        "T-e-steady:",
    ]
    assert expected == messages(NOW)
    # Each rule ran once (the steady groups may run before the others).
    assert ["T-a-steady", "T-b-state", "T-c-steady", "T-d-now", "T-e-steady"] == sorted(calls)
    calls.clear()
    assert expected == messages(NOW)
    assert [] == calls
    expected[3] = "T-d-now: 15h"
    assert expected == messages(NOW.add(hours=3))
    assert ["T-d-now"] == calls
    calls.clear()
    assist.state = "research"
    expected[1] = "T-b-state: research"
    assert expected == messages(NOW.add(hours=3))
    assert ["T-b-state"] == calls
    calls.clear()
    assist.title = "Back door"
    expected[2] = "T-c-steady: Back door"
    expected[3] = "T-d-now: 16h"
    assert expected == messages(NOW.add(hours=4))
    assert ["T-c-steady", "T-d-now"] == sorted(calls)


def test_a_workflow_step_reruns_only_the_rules_reading_what_it_changes() -> None:
    """Through a workflow step (state, history and revision change), a rule
    reading the revision runs again and the phase's steady rules do not;
    their findings keep the rules' order."""
    calls: list[str] = []
    rules = (
        _recording("T-a-steady", calls, ("title",), ()),
        _recording("T-b-revision", calls, ("revision",), ()),
        _recording("T-c-steady", calls, ("purpose",), ()),
    )
    assist = make_assist("scoping", now=NOW)
    assist.title = "Front door"
    revision = assist.revision
    first = [f.message for f in validate(assist, now=NOW, rules=rules).findings]
    assert ["T-a-steady: Front door", f"T-b-revision: {revision}", "T-c-steady:"] == first
    calls.clear()
    assert WORKFLOW.fire(assist, "begin_research", now=NOW).ok
    second = [f.message for f in validate(assist, now=NOW, rules=rules).findings]
    assert ["T-a-steady: Front door", f"T-b-revision: {revision + 1}", "T-c-steady:"] == second
    assert ["T-b-revision"] == calls


def test_with_a_context_only_the_rules_using_it_run_again() -> None:
    """With a context given, a phase's rule using it runs at every validation
    while the phase's other rules, before and after it, are reused; the
    findings keep the rules' order."""
    calls: list[str] = []
    rules = (
        _recording("T-a-steady", calls, ("title",), ()),
        _recording("T-b-context", calls, (), ("context",)),
        _recording("T-c-steady", calls, ("purpose",), ()),
    )
    assist = make_assist("scoping", now=NOW)
    assist.title = "Front door"
    context = _Labelled("store")
    expected = ["T-a-steady: Front door", "T-b-context:", "T-c-steady:"]
    for _ in range(3):
        report = validate(assist, now=NOW, rules=rules, context=context)
        assert expected == [f.message for f in report.findings]
    assert ["T-a-steady", "T-b-context", "T-b-context", "T-b-context", "T-c-steady"] == sorted(
        calls
    )


@pytest.mark.parametrize(
    ("reads", "uses"), [(("state",), ()), (("history",), ()), (("revision",), ()), ((), ("now",))]
)
def test_a_step_keeps_new_entries_only_for_the_groups_reading_what_it_changed(
    reads: tuple[str, ...], uses: tuple[str, ...]
) -> None:
    """The groups of a phase reading a field every workflow step changes, or
    using the instant, are kept apart from its steady groups: after a step at
    a later instant, the steady groups are still answered by the phase's
    entry, and only the moving group runs again. Its findings are kept in the
    assist's record alone, never in the shared store (no other assist has
    the same history or state objects)."""
    calls: list[str] = []
    rules = (
        _recording("T-a-steady", calls, ("title",), ()),
        _recording("T-b-moving", calls, reads, uses),
        _recording("T-c-steady", calls, ("purpose",), ()),
    )
    assist = make_assist("scoping", now=NOW)
    clear_cache()
    validate(assist, now=NOW, rules=rules)
    # The phase's two steady groups together, and that phase's run on this
    # assist (what each of its groups read).
    assert 2 == len(_memo._store)
    assert 2 == len(_memo._records[id(assist)])  # the phase and the moving group
    calls.clear()
    assert WORKFLOW.fire(assist, "begin_research", now=NOW).ok
    before = len(_memo._store)  # the gate's own (built-in) rules' entries too
    validate(assist, now=NOW.add(hours=1), rules=rules)
    assert ["T-b-moving"] == calls
    assert before == len(_memo._store)
    validate(assist, now=NOW.add(hours=1), rules=rules)
    assert ["T-b-moving"] == calls  # answered from the record


def test_values_read_with_the_history_are_kept_alive_too() -> None:
    """A rule reading the history and fields after it keeps those fields'
    values alive with its findings, so a new value never takes an old one's
    identity: each short-lived purpose gets its own findings."""

    @rule(
        code="T-aim",
        severity="info",
        refs=(),
        phase="scoping",
        title="Says the aim.",
        reads=("history", "purpose", "title"),
    )
    def aim(assist: PeerAssist, ctx: RuleContext) -> Iterator[str]:
        yield f"{len(assist.history)} {assist.purpose.learning_aim} {assist.title}"

    assist = make_assist("scoping", now=NOW)
    assist.title = "Front door"
    entries = len(assist.history)
    base = assist.purpose
    for index in range(200):
        # The last purpose is dropped before the next is made: the one moment
        # its identity could be handed to the new one.
        assist.purpose = base
        assist.purpose = attrs.evolve(base, learning_aim=f"Aim {index}")
        report = check(assist, (aim,), RuleContext(now=NOW))
        assert [f"{entries} Aim {index} Front door"] == [f.message for f in report.findings]


def test_two_findings_keep_the_rules_order_when_the_moving_rule_comes_first() -> None:
    """A rule reading the state placed before a steady one: its finding still
    comes first, computed or reused."""
    calls: list[str] = []
    rules = (
        _recording("T-a-state", calls, ("state",), ()),
        _recording("T-b-steady", calls, ("title",), ()),
    )
    assist = make_assist("scoping", now=NOW)
    assist.title = "Front door"
    for _ in range(2):
        report = validate(assist, now=NOW, rules=rules)
        assert ["T-a-state: scoping", "T-b-steady: Front door"] == [
            f.message for f in report.findings
        ]
    assert ["T-a-state", "T-b-steady"] == sorted(calls)


def test_a_tuple_of_declared_rules_is_also_kept_whole() -> None:
    """A tuple of rules that all declare what they read is kept as one more
    entry besides its groups and phase, once however often it is validated;
    a list (which can change) and a context some rule uses leave it out."""
    calls: list[str] = []
    rules = (
        _recording("T-a-steady", calls, ("title",), ()),
        _recording("T-c-steady", calls, ("purpose",), ()),
    )
    assist = make_assist("scoping", now=NOW)
    clear_cache()
    for _ in range(3):
        validate(assist, now=NOW, rules=rules)
        # The phase, its run on this assist, and the whole tuple.
        assert 3 == len(_memo._store)
    assert 2 == len(calls)
    clear_cache()
    validate(assist, now=NOW, rules=rules, context=_Labelled("store"))
    assert 3 == len(_memo._store)  # no rule uses the context
    clear_cache()
    check(assist, list(rules), RuleContext(now=NOW))
    assert 2 == len(_memo._store)
    with_context = (*rules, _recording("T-d-context", calls, ("title",), ("context",)))
    clear_cache()
    validate(assist, now=NOW, rules=with_context, context=_Labelled("store"))
    # Neither the phase (one of its rules uses the context) nor the tuple:
    # only the phase's run on this assist, for its other groups.
    assert 1 == len(_memo._store)


def _context_rule(code: str, calls: list[str]) -> Any:
    """A scoping rule reading the title and using the context: its finding
    names the context's label, or says there is none."""

    @rule(
        code=code,
        severity="warning",
        refs=(),
        phase="scoping",
        title=code,
        reads=("title",),
        uses=("context",),
    )
    def labelled(assist: PeerAssist, ctx: RuleContext) -> Iterator[str]:
        calls.append(code)
        yield f"{code}: {getattr(ctx.context, 'label', 'none')}"

    return labelled


def _two_steady(calls: list[str]) -> tuple[Any, Any]:
    """Two steady scoping rules of one phase: one reading the title, one the purpose."""
    return (
        _recording("T-a-steady", calls, ("title",), ()),
        _recording("T-c-steady", calls, ("purpose",), ()),
    )


def test_a_group_run_with_a_context_is_not_reused_without_one() -> None:
    """The phase's run on an assist keeps what each group found; a group
    using the context that ran with one is run again without one (and with
    another), never answered from that run."""
    calls: list[str] = []
    rules = (
        _recording("T-a-steady", calls, ("title",), ()),
        _context_rule("T-b-context", calls),
        _recording("T-c-steady", calls, ("purpose",), ()),
    )
    assist = make_assist("scoping", now=NOW)
    assist.title = "Front door"
    clear_cache()

    def messages(context: Any) -> list[str]:
        report = validate(assist, now=NOW, rules=rules, context=context)
        return [f.message for f in report.findings]

    assert "T-b-context: store" in messages(_Labelled("store"))
    assert "T-b-context: none" in messages(None)
    assert "T-b-context: other" in messages(_Labelled("other"))
    assert ["T-b-context", "T-b-context", "T-b-context"] == [c for c in calls if c == "T-b-context"]
    # The steady groups ran once, answered since by the assist's phase run.
    assert 1 == calls.count("T-a-steady") == calls.count("T-c-steady")


def test_a_phase_run_on_another_policy_or_day_is_not_reused() -> None:
    """The phase's run on an assist is compared only under the same policy,
    day, instant and state: under another policy every group runs again,
    and replacing one field then reruns only the group reading it."""
    calls: list[str] = []
    rules = _two_steady(calls)
    assist = make_assist("scoping", now=NOW)
    clear_cache()
    validate(assist, now=NOW, rules=rules)
    assert ["T-a-steady", "T-c-steady"] == sorted(calls)
    calls.clear()
    other = attrs.evolve(DEFAULT_POLICY)
    validate(assist, now=NOW, rules=rules, policy=other)
    assert ["T-a-steady", "T-c-steady"] == sorted(calls)
    calls.clear()
    assist.title = "Side door"
    report = validate(assist, now=NOW, rules=rules, policy=other)
    assert ["T-a-steady"] == calls
    assert ["T-a-steady: Side door", "T-c-steady:"] == [f.message for f in report.findings]


def test_a_phase_run_kept_for_a_dropped_assist_never_answers_a_new_one() -> None:
    """The phase's run is found by the assist's identity, which a new assist
    may take once the old one is gone; its groups are still compared by the
    values they read, so the new assist gets its own findings."""
    calls: list[str] = []
    rules = _two_steady(calls)
    clear_cache()
    for index in range(50):
        assist = make_assist("scoping", now=NOW)
        assist.title = f"Door {index}"
        report = validate(assist, now=NOW, rules=rules)
        assert f"T-a-steady: Door {index}" == report.findings[0].message
        del assist
    assert 50 == calls.count("T-a-steady")


def test_an_assists_record_answers_its_later_gates_without_the_store() -> None:
    """Through a lifecycle, the phases checked at earlier gates are answered
    from the assist's record: emptying the shared store between gates runs
    no steady rule again, while a fresh assist's record starts empty."""
    calls: list[str] = []
    rules = _two_steady(calls)
    assist = make_assist("scoping", now=NOW)
    clear_cache()
    validate(assist, now=NOW, rules=rules)
    # A replaced field is not answered from the record; the phase's last run
    # reruns only the group reading it.
    calls.clear()
    assist.title = "Side door"
    report = validate(assist, now=NOW, rules=rules)
    assert "T-a-steady: Side door" == report.findings[0].message
    assert ["T-a-steady"] == calls
    _memo._store.clear()
    validate(assist, now=NOW, rules=rules)
    assert ["T-a-steady"] == calls
    # Nor is another policy.
    validate(assist, now=NOW, rules=rules, policy=attrs.evolve(DEFAULT_POLICY))
    assert 3 == len(calls)
    other = make_assist("scoping", now=NOW)
    assert id(other) not in _memo._records
    validate(other, now=NOW, rules=rules)
    assert id(other) in _memo._records


def test_records_are_bounded_and_cleared() -> None:
    """However many assists are checked, at most _MAX_RECORDS records are
    kept; clear_cache() drops them."""
    clear_cache()
    rules = applicable(DEFAULT_RULES, "scoping")
    assists = [make_assist("scoping", now=NOW) for _ in range(_memo._MAX_RECORDS + 10)]
    for assist in assists:
        validate(assist, now=NOW, rules=rules)
        assert len(_memo._records) <= _memo._MAX_RECORDS
    assert _memo._records
    clear_cache()
    assert not _memo._records


def test_a_record_entry_is_for_its_day_and_state() -> None:
    """A steady rule using the day or the state, found on the assist's record
    or its phase's last run, runs again on another day or at another state,
    and only it: the other group of the phase is reused."""
    calls: list[str] = []
    rules = (
        _recording("T-a-day", calls, ("title",), ("today",)),
        _recording("T-b-state", calls, ("title",), ("state",)),
    )
    assist = make_assist("scoping", now=NOW)
    assist.title = "Front door"
    clear_cache()
    validate(assist, now=NOW, rules=rules)
    validate(assist, now=NOW.add(hours=1), rules=rules)
    assert ["T-a-day", "T-b-state"] == sorted(calls)
    validate(assist, now=NOW.add(days=1), rules=rules)
    assert ["T-a-day", "T-a-day", "T-b-state"] == sorted(calls)
    validate(assist, now=NOW.add(days=1), rules=rules, state="research")
    assert ["T-a-day", "T-a-day", "T-b-state", "T-b-state"] == sorted(calls)
    # Back to the first state on the same day: computed, so kept, before.
    report = validate(assist, now=NOW.add(days=1), rules=rules)
    assert ["T-a-day", "T-a-day", "T-b-state", "T-b-state"] == sorted(calls)
    assert "T-b-state: Front door" == report.findings[1].message


def test_the_numbers_standing_for_rules_are_bounded_and_never_given_twice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The table of the numbers standing for groups and phases of rules keeps
    at most _MAX_TOKENS of them (cleared when full, not before); a number
    given before the table was cleared is not given again, so findings kept
    for the old rules never answer new ones."""
    monkeypatch.setattr(_memo, "_MAX_TOKENS", 3)
    monkeypatch.setattr(_memo, "_tokens", {})
    made = [_recording(f"T-{index}", [], ("title",), ()) for index in range(4)]
    numbers = [_memo._token("group", (rule,)) for rule in made[:3]]
    assert 3 == len(_memo._tokens)
    assert numbers[0] == _memo._token("group", (made[0],))  # known: same number
    fourth = _memo._token("group", (made[3],))
    assert 1 == len(_memo._tokens)  # full at three: cleared for the fourth
    assert fourth not in numbers
    again = _memo._token("group", (made[0],))
    assert again not in (*numbers, fourth)
    assert _memo._token("phase", (made[0],)) != again


@pytest.mark.parametrize("uses", [("today",), ("state",), ()])
def test_a_rule_reading_the_revision_runs_once_per_revision(uses: tuple[str, ...]) -> None:
    """A rule reading what every step changes is answered from the assist's
    record while nothing it reads or uses changed: on another day, at another
    state or with a context given, only what it uses counts."""
    calls: list[str] = []
    rules = (
        _recording("T-a-moving", calls, ("revision",), uses),
        _recording("T-b-day", calls, ("title",), ("today",)),
    )
    assist = make_assist("scoping", now=NOW)
    clear_cache()
    validate(assist, now=NOW, rules=rules)
    validate(assist, now=NOW.add(hours=1), rules=rules)
    assert 1 == calls.count("T-a-moving")
    validate(assist, now=NOW.add(days=1), rules=rules)
    after_a_day = 2 if "today" in uses else 1
    assert after_a_day == calls.count("T-a-moving")
    validate(assist, now=NOW.add(days=1), rules=rules, state="research")
    at_research = after_a_day + (1 if "state" in uses else 0)
    assert at_research == calls.count("T-a-moving")
    validate(assist, now=NOW.add(days=1), rules=rules, state="research")
    validate(assist, now=NOW.add(days=1), rules=rules, state="research", context=_Labelled("x"))
    assert at_research == calls.count("T-a-moving")
