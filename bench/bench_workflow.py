"""The full default lifecycle, against the same lifecycle on a bare transitions Machine.

Each assist is created (its ``create`` audit entry) and fired along the nine
forward triggers to ``closed``: every gate runs the rules that apply at the
state it leaves, and every step appends an audit entry and bumps the
revision. The baseline fires the same nine events on a bare, detached
``transitions.Machine`` (no guards) over a one-slot object, in the same run.

Figures printed:

* time per assist at N assists, ours against the bare machine (target 3x);
* the same for assists that share no section (each loaded from the template's
  dict), so that no rule's findings are reused from another assist, only from
  the assist's own earlier gates;
* the same with findings never reused (every rule run at every gate);
* the same with an empty rule catalogue: the engine's own overhead;
* memory growth per assist over the lifecycle (target 2 KiB), with tracemalloc;
* time per assist at 10N against N (target 1.2x: no hidden quadratic cost);
* assists sharing nothing, every gate's rules, against python-statemachine's
  bare lifecycle (one machine per assist, bound to it, no guards; target
  0.5x);
* the engine alone (no rules) against a bare detached ``transitions``
  machine (target 2x).

The assists of the first line are shallow copies of one closed ``make_assist``
template reset to ``scoping``, so building them costs nothing measurable and
the figures are the engine's (and the rules'). They share their sections
(frozen values), so the rules' findings computed for the first assist are
reused for all the others: the second and third lines show the cost when
they are not.
"""

from __future__ import annotations

import copy
import gc
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

from statemachine import State, StateMachine
from transitions import Machine

from _harness import Result
from peerassist._attrs import evolve
from peerassist._time import DateTime
from peerassist.model import PeerAssist
from peerassist.rules import _memo
from peerassist.serialize import from_dict, to_dict
from peerassist.testing import make_assist
from peerassist.workflow import DEFAULT_WORKFLOW, Workflow, WorkflowSpec

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")
FORWARD = (
    "begin_research",
    "schedule",
    "start_meeting",
    "start_questions",
    "start_analysis",
    "start_presentation",
    "end_meeting",
    "begin_follow_up",
    "close",
)


@dataclass(frozen=True)
class MemoryResult(Result):
    """A memory figure: bytes per assist against a budget."""

    def line(self) -> str:
        verdict = "met" if self.ours <= self.baseline else "MISSED"
        extra = f"; {self.note}" if self.note else ""
        return (
            f"{self.name}: {self.ours:.0f} B per {self.unit}"
            f" (target <= {self.baseline:.0f} B: {verdict}){extra}"
        )


@dataclass(frozen=True)
class ScalingResult(Result):
    """A ratio of per-assist times at two sizes."""

    def line(self) -> str:
        verdict = "met" if self.target is None or self.ratio <= self.target else "MISSED"
        extra = f"; {self.note}" if self.note else ""
        return (
            f"{self.name}: {self.ours * 1e6:.1f} us vs {self.baseline * 1e6:.1f} us"
            f" per {self.unit}, ratio {self.ratio:.2f}"
            f" (target <= {self.target:g}: {verdict}){extra}"
        )


def _template() -> PeerAssist:
    return evolve(make_assist("closed", now=NOW), state="scoping", history=[], revision=0)


def _copies(template: PeerAssist, count: int) -> list[PeerAssist]:
    assists = []
    for _ in range(count):
        clone = copy.copy(template)
        object.__setattr__(clone, "history", [])
        assists.append(clone)
    return assists


def _loaded(template: PeerAssist, count: int) -> list[PeerAssist]:
    """Assists sharing no section: each built from the template's dict."""
    data = to_dict(template)
    return [from_dict(data) for _ in range(count)]


def _lifecycle(workflow: Workflow) -> Callable[[PeerAssist], None]:
    start, fire = workflow.start, workflow.fire

    def run(assist: PeerAssist) -> None:
        start(assist, now=NOW)
        for trigger in FORWARD:
            fire(assist, trigger, now=NOW)

    return run


class _Slot:
    __slots__ = ("state",)

    def __init__(self) -> None:
        self.state = "scoping"


class _PeerAssistMachine(StateMachine):  # type: ignore[misc]
    """The default lifecycle on python-statemachine: states, forward events, cancel."""

    scoping = State(initial=True)
    research = State()
    scheduling = State()
    quarter_1 = State()
    quarter_2 = State()
    quarter_3 = State()
    quarter_4 = State()
    feedback = State()
    follow_up = State()
    closed = State(final=True)
    cancelled = State(final=True)

    begin_research = scoping.to(research)
    schedule = research.to(scheduling)
    reschedule = scheduling.to.itself()
    start_meeting = scheduling.to(quarter_1)
    start_questions = quarter_1.to(quarter_2)
    start_analysis = quarter_2.to(quarter_3)
    start_presentation = quarter_3.to(quarter_4)
    end_meeting = quarter_4.to(feedback)
    begin_follow_up = feedback.to(follow_up)
    close = follow_up.to(closed)
    cancel = (
        scoping.to(cancelled)
        | research.to(cancelled)
        | scheduling.to(cancelled)
        | quarter_1.to(cancelled)
        | quarter_2.to(cancelled)
        | quarter_3.to(cancelled)
        | quarter_4.to(cancelled)
        | feedback.to(cancelled)
        | follow_up.to(cancelled)
    )


class _Model:
    def __init__(self) -> None:
        self.state: str | None = None


def _time_statemachine(count: int, repeat: int) -> float:
    """python-statemachine's bare lifecycle: a machine per assist, nine events."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            for _ in range(count):
                machine = _PeerAssistMachine(_Model())
                for event in FORWARD:
                    machine.send(event)
            best = min(best, (time.perf_counter() - start) / count)
        finally:
            gc.enable()
    return best


def _bare_machine(spec: WorkflowSpec) -> Machine:
    return Machine(
        model=None,
        states=list(spec.states),
        transitions=[
            {"trigger": t.trigger, "source": list(t.sources), "dest": t.dest}
            for t in spec.transitions
        ],
        initial=spec.initial,
        auto_transitions=False,
        send_event=True,
    )


def _time_ours(
    workflow: Workflow,
    template: PeerAssist,
    count: int,
    repeat: int,
    make: Callable[[PeerAssist, int], list[PeerAssist]] = _copies,
    *,
    reuse: bool = True,
) -> float:
    run = _lifecycle(workflow)
    best = float("inf")
    for _ in range(repeat):
        assists = make(template, count)
        _memo.clear_cache()
        _memo.ENABLED = reuse
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            for assist in assists:
                run(assist)
            best = min(best, (time.perf_counter() - start) / count)
        finally:
            gc.enable()
            _memo.ENABLED = True
        bad = [a.state for a in assists if a.state != "closed"]
        assert not bad, f"{len(bad)} assists did not reach closed (e.g. {bad[0]})"
    return best


def _time_bare(machine: Machine, count: int, repeat: int) -> float:
    events = [machine.events[name] for name in FORWARD]
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            for _ in range(count):
                slot = _Slot()
                for event in events:
                    event.trigger(slot)
            best = min(best, (time.perf_counter() - start) / count)
        finally:
            gc.enable()
    return best


def _memory_per_assist(
    workflow: Workflow, template: PeerAssist, count: int
) -> tuple[float, float, float]:
    """Return (growth per assist, of which the audit entries themselves, the
    findings store's share per assist).

    The growth is measured with the findings store emptied at the end: the
    store is bounded (``MAX_ENTRIES``) whatever the number of assists, so it
    is reported apart, spread over the assists of this run.
    """
    run = _lifecycle(workflow)
    assists = _copies(template, count)
    _memo.clear_cache()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for assist in assists:
            run(assist)
        gc.collect()
        with_store = tracemalloc.get_traced_memory()[0]
        _memo.clear_cache()
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    entries = sum(_deep_size(entry) for entry in assists[0].history) + _list_size(
        assists[0].history
    )
    return (after - before) / count, float(entries), (with_store - after) / count


def _list_size(items: list[object]) -> int:
    import sys

    return sys.getsizeof(items)


def _deep_size(entry: object) -> int:
    import sys

    # An entry's own slots; its strings are shared (state and trigger names)
    # and ``at`` is the caller's instant, so they cost nothing per assist.
    return sys.getsizeof(entry)


def run(quick: bool) -> list[Result]:
    small, large = (300, 3_000) if quick else (10_000, 100_000)
    repeat = 1 if quick else 2
    template = _template()
    workflow = Workflow(DEFAULT_WORKFLOW)
    engine_only = Workflow(evolve(DEFAULT_WORKFLOW, rules=()))
    machine = _bare_machine(DEFAULT_WORKFLOW)

    distinct = min(small, 2_000)
    bare = _time_bare(machine, small, repeat)
    ours = _time_ours(workflow, template, small, repeat)
    loaded = _time_ours(workflow, template, distinct, repeat, _loaded)
    loaded_fresh = _time_ours(workflow, template, distinct, repeat, _loaded, reuse=False)
    engine = _time_ours(engine_only, template, small, repeat)
    growth, entries, store = _memory_per_assist(workflow, template, min(small, 2_000))
    # The two figures compared with python-statemachine are taken in
    # alternating rounds, best of each, so that both see the same load.
    statemachine = float("inf")
    loaded_best = loaded
    engine_best, bare_best = engine, bare
    for _ in range(3):
        statemachine = min(statemachine, _time_statemachine(distinct, 1))
        loaded_best = min(loaded_best, _time_ours(workflow, template, distinct, 1, _loaded))
        engine_best = min(engine_best, _time_ours(engine_only, template, small, 1))
        bare_best = min(bare_best, _time_bare(machine, small, 1))
    ours_large = _time_ours(workflow, template, large, 1)
    ours_small_again = _time_ours(workflow, template, small, 1)

    return [
        Result(
            name=f"workflow: default lifecycle, {small:,} assists (all gates' rules, audit)",
            ours=ours,
            baseline=bare,
            baseline_name="bare transitions Machine",
            unit="assist",
            target=3,
            note="the assists share their sections, so findings are reused across them",
        ),
        Result(
            name=f"workflow: same, {distinct:,} assists sharing no section",
            ours=loaded,
            baseline=bare,
            baseline_name="bare transitions Machine",
            unit="assist",
            target=3,
            note="findings reused only across each assist's own gates",
        ),
        Result(
            name=f"workflow: same, {distinct:,} assists sharing no section, no reuse",
            ours=loaded_fresh,
            baseline=bare,
            baseline_name="bare transitions Machine",
            unit="assist",
            target=3,
            note="every rule run at every gate",
        ),
        Result(
            name=f"workflow: same, empty rule catalogue, {small:,} assists (engine overhead)",
            ours=engine,
            baseline=bare,
            baseline_name="bare transitions Machine",
            unit="assist",
            target=3,
        ),
        Result(
            name=f"workflow: default lifecycle, {distinct:,} assists sharing no section,"
            " every gate's rules",
            ours=loaded_best,
            baseline=statemachine,
            baseline_name="python-statemachine bare lifecycle (no rules)",
            unit="assist",
            target=0.5,
        ),
        Result(
            name=f"workflow: engine alone (empty rule catalogue), {small:,} assists",
            ours=engine_best,
            baseline=bare_best,
            baseline_name="bare detached transitions Machine",
            unit="assist",
            target=2,
        ),
        MemoryResult(
            name=f"workflow: memory growth over the lifecycle, {min(small, 2_000):,} assists",
            ours=growth,
            baseline=2048,
            baseline_name="budget",
            unit="assist",
            note=f"of which {entries:.0f} B are the 10 audit entries and their list;"
            f" the findings store (at most {_memo.MAX_ENTRIES} entries, whatever the"
            f" number of assists) adds {store:.0f} B per assist at this size",
        ),
        ScalingResult(
            name=f"workflow: per-assist time at {large:,} vs {small:,} assists",
            ours=ours_large,
            baseline=ours_small_again,
            baseline_name=f"{small:,} assists",
            unit="assist",
            target=1.2,
        ),
    ]
