"""Reusing findings: rules that declare what they read are not run again
while it is unchanged.

An assist's sections are frozen values and the aggregate's fields are
replaced, never changed in place (``history`` excepted, which is only
appended to), so the identity of a field's value says whether it changed. A
rule that declares the fields it ``reads`` and what of the context it
``uses`` (see :class:`~peerassist.rules.FunctionRule`) returns the same
findings for the same field values, policy and uses, so its findings are kept
and reused.

Findings are kept in two bounded places, keyed on the ``id()`` of the values
they were computed from; each entry holds those values (and the rules and
policy) too, so no id in a key can be taken by another object while the entry
lives; ``history`` is keyed on its entries (frozen values) one by one. A
phase's rules are kept in groups: those that read the same fields and use the
same parts of the context.

* The shared store (least recently used first out) keeps what other assists
  can share: one entry per phase (its groups that read nothing every workflow
  step changes, and use no instant) and the values they read; the phase's
  last run on an assist object, with what each group read and found, so that
  replacing a field reruns only the groups reading it; and one entry per
  sequence of rules (a gate, or ``validate`` at a state) whose rules all
  declare what they read and none reads what every step changes.
* Each assist object's record keeps its units' findings with the ids of what
  they read: a gate checking again the phases earlier gates checked is
  answered by comparing ids, not by a key built for the store. A group
  reading the state, history or revision, or using the instant, is kept
  there only: no other assist has the same objects for those.

The assist's identity only picks its record (or its phase's last run): the
comparison is by the values themselves, which they hold alive.

A rule that declares nothing, or that is not a :class:`FunctionRule`, runs
every time, as do rules using ``context`` while a context is given (a host's
store of other assists can change at any time).
"""

from __future__ import annotations

import datetime as _dt
import itertools
import operator
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from peerassist.rules._core import Finding, Rule, RuleContext
from peerassist.rules._rule import FunctionRule
from peerassist.rules._util import local_day, meeting_zone

if TYPE_CHECKING:
    from peerassist._time import DateTime
    from peerassist.model import PeerAssist

__all__ = ["ENABLED", "MAX_ENTRIES", "Verify", "clear_cache", "run_rules"]

MAX_ENTRIES = 1024
"""The most findings entries kept (the oldest used go first)."""

ENABLED = True
"""Reuse kept findings at all (a switch for tests and debugging: with False,
every rule runs every time, as with ``validate(..., cache=False)``)."""

_MAX_RUNNERS = 128

Verify = Callable[[int, Rule, Iterable[Any]], Iterable[Finding]]
"""Checks what a rule that is not a FunctionRule returned: ``verify(index,
rule, results)`` returns the findings or raises the caller's error."""

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
# What ``today`` depends on besides ``now``: the meeting's zone.
_TODAY_READS = ("logistics", "host")

# key -> (the objects whose ids the key holds, the findings)
_store: OrderedDict[tuple[Any, ...], tuple[object, Any]] = OrderedDict()
_runners: dict[int, _Runner] = {}
_lock = threading.Lock()


def clear_cache() -> None:
    """Forget every finding kept for reuse.

    Never needed for correctness when assists are changed through their
    fields (sections are frozen; assigning a new value is a change); useful to
    free memory, or after changing a frozen value in place by force. The
    prepared sequences of rules (at most a few hundred, holding no findings)
    are kept: preparing the default gates again costs a few milliseconds.
    """
    with _lock:
        _store.clear()
        _records.clear()


def _lookup(key: tuple[Any, ...]) -> Any:
    entry = _store.get(key)
    if entry is None:
        return None
    try:  # noqa: SIM105 (contextlib.suppress costs a microsecond here)
        _store.move_to_end(key)
    except KeyError:  # dropped by another thread meanwhile; still valid
        pass
    return entry[1]


def _keep(key: tuple[Any, ...], pinned: object, findings: object) -> None:
    # Each operation on the store is atomic; no lock is needed to keep it
    # consistent, and an entry dropped twice is dropped once.
    _store[key] = (pinned, findings)
    while len(_store) > MAX_ENTRIES:
        try:
            _store.popitem(last=False)
        except KeyError:
            break


_days: dict[tuple[int, str], tuple[_dt.datetime, Any]] = {}


def _today(now: DateTime, zone: str) -> Any:
    """``now``'s day in ``zone``, remembered for the last few instants (a
    workflow step checks the same instant at several gates)."""
    key = (id(now), zone)
    kept = _days.get(key)
    if kept is not None and kept[0] is now:
        return kept[1]
    day = local_day(now, zone)
    if len(_days) >= 16:
        _days.clear()
    _days[key] = (now, day)
    return day


def _instant_key(now: _dt.datetime) -> object:
    """A key equal for the same instant whatever its zone (and only then)."""
    global _last_instant
    last = _last_instant  # one tuple: read whole, whatever other threads do
    if last[0] is now:
        return last[1]
    key = ("naive", now) if now.utcoffset() is None else _dt.datetime.__sub__(now, _EPOCH)
    # The last instant's key: a workflow step checks one instant at its
    # gate (and a lifecycle often one for all).
    _last_instant = (now, key)
    return key


_last_instant: tuple[object, object] = (None, None)


class _Unit:
    """Rules of a sequence whose findings are kept and reused together, keyed
    on everything any of them reads and uses: a group (one phase's rules that
    read the same fields and use the same parts of the context), or a phase
    made of several groups."""

    __slots__ = (
        "calls",
        "context",
        "groups",
        "indexes",
        "now",
        "pick",
        "rules",
        "state",
        "steady",
        "today",
        "token",
    )

    def __init__(
        self,
        members: list[tuple[int, FunctionRule]],
        positions: tuple[int, ...],
        uses: frozenset[str],
        groups: tuple[_Unit, ...] = (),
    ) -> None:
        self.indexes = tuple(index for index, _ in members)
        self.rules = tuple(rule for _, rule in members)
        # Bound once: calling the method is quicker than calling the rule.
        self.calls = tuple(rule.__call__ for rule in self.rules)
        self.groups = groups
        # A number stands for the rules in the keys: the same for the same
        # rules in every sequence, cheap to hash and compare.
        self.token = _token("phase" if groups else "group", self.rules)
        self.pick: Callable[[tuple[Any, ...]], Any] = (
            operator.itemgetter(*positions) if positions else _nothing
        )
        self.today = "today" in uses
        self.now = "now" in uses
        self.state = "state" in uses
        self.context = "context" in uses
        # Reads nothing every workflow step changes, nor the instant: its
        # findings on an assist hold from one gate to the next.
        self.steady = False


_tokens: dict[tuple[str, tuple[int, ...]], tuple[int, tuple[Rule, ...]]] = {}
_counter = itertools.count()
_MAX_TOKENS = 4096


def _token(kind: str, rules: tuple[Rule, ...]) -> int:
    """The number standing for ``rules`` (a group's or a phase's) in keys.

    The table holds the rules, so their ids cannot be taken by other rules
    while it lives; numbers are never given twice, so clearing the table
    only costs reuse between sequences prepared before and after.
    """
    key = (kind, tuple(map(id, rules)))
    with _lock:
        known = _tokens.get(key)
        if known is None:
            if len(_tokens) >= _MAX_TOKENS:
                _tokens.clear()
            known = _tokens[key] = (next(_counter), rules)
    return known[0]


_STEPPED = frozenset({"history", "revision", "state"})
# The fields every workflow step replaces or appends to.

# id(assist) -> its units' findings, by token: (findings, the ids of the
# values the unit read, the day, state, policy and instant key they were
# found for, and the values themselves, held alive).
_records: dict[int, dict[int, tuple[Any, ...]]] = {}
_MAX_RECORDS = 256


def _record(assist: PeerAssist) -> dict[int, tuple[Any, ...]]:
    """The findings kept for this assist object's units, by token.

    A gate checks again the phases the gates before it checked: each is
    answered from here by comparing the ids of the values it reads (and the
    policy, and the day, state and instant when it uses them), without
    building a key for the shared store. The assist's identity only picks the
    record; each entry holds the values it was found for, so their ids
    cannot be taken by others while it lives.
    """
    known = _records.get(id(assist))
    if known is None:
        if len(_records) >= _MAX_RECORDS:
            _records.clear()
        known = _records[id(assist)] = {}
    return known


def _volatile(signature: tuple[str, tuple[str, ...], tuple[str, ...]]) -> bool:
    """Whether a group's key changes at nearly every gate: it reads a field
    every workflow step changes, or uses the instant."""
    _, reads, uses = signature
    return "now" in uses or not _STEPPED.isdisjoint(reads)


def _nothing(ids: tuple[Any, ...]) -> tuple[()]:
    return ()


class _Runner:
    """A sequence of rules prepared for repeated runs."""

    __slots__ = (
        "context",
        "get",
        "history",
        "now",
        "order",
        "rules",
        "state",
        "today",
        "whole",
    )

    def __init__(self, rules: tuple[Rule, ...], *, whole: bool) -> None:
        self.rules = rules
        # Memoisable rules are kept in groups: those of one phase that read
        # the same fields and use the same parts of the context; and the
        # groups of one phase together. A group's or a phase's members are
        # the same in every sequence holding that phase, so a gate or a
        # validation finds the phases it shares with earlier ones already
        # computed (one lookup each), and replacing one field runs again only
        # the groups that read it.
        Signature = tuple[str, tuple[str, ...], tuple[str, ...]]  # noqa: N806
        groups: dict[Signature, list[tuple[int, FunctionRule]]] = {}
        phases: dict[str, list[Signature]] = {}
        # What to run, in the order of first appearance: a phase's groups (by
        # the phase's name) or the index of a rule that is not memoisable.
        order: list[str | int] = []
        for index, rule in enumerate(rules):
            if type(rule) is not FunctionRule or rule.reads is None:
                order.append(index)
                continue
            reads = set(rule.reads)
            if "today" in rule.uses:
                reads.update(_TODAY_READS)
            signature = (rule.phase, tuple(sorted(reads)), tuple(sorted(set(rule.uses))))
            if signature not in groups:
                groups[signature] = []
                if rule.phase not in phases:
                    phases[rule.phase] = []
                    order.append(rule.phase)
                phases[rule.phase].append(signature)
            groups[signature].append((index, rule))
        # One order for the fields, whatever the sequence: a unit's key lists
        # its fields' values in the same order in every runner.
        names = sorted({name for _, reads_, _ in groups for name in reads_})

        def positions(reads: Iterable[str]) -> tuple[int, ...]:
            return tuple(sorted(names.index(name) for name in set(reads)))

        built = {
            signature: _Unit(members, positions(signature[1]), frozenset(signature[2]))
            for signature, members in groups.items()
        }
        units: dict[str, tuple[_Unit, ...]] = {}
        for phase, signatures in phases.items():
            # Groups that read what every workflow step changes (or use the
            # instant) miss at nearly every gate: kept apart, so that the
            # phase's other groups are still answered by one lookup.
            steady = [s for s in signatures if not _volatile(s)]
            moving = tuple(built[s] for s in signatures if _volatile(s))
            for signature in steady:
                built[signature].steady = True
            if len(steady) < 2:
                units[phase] = (*(built[s] for s in steady), *moving)
                continue
            parts = tuple(built[signature] for signature in steady)
            # The phase's members in its groups' order, as its entries hold them.
            members = [
                (index, rule)
                for part in parts
                for index, rule in zip(part.indexes, part.rules, strict=True)
            ]
            combined = _Unit(
                members,
                positions(name for signature in steady for name in signature[1]),
                frozenset(use for signature in steady for use in signature[2]),
                parts,
            )
            combined.steady = True
            units[phase] = (combined, *moving)
        self.order: tuple[_Unit | int, ...] = tuple(
            unit for item in order for unit in ((item,) if isinstance(item, int) else units[item])
        )
        self.today = any(g.today for g in built.values())
        self.now = any(g.now for g in built.values())
        self.state = any(g.state for g in built.values())
        self.context = any(g.context for g in built.values())
        # The whole sequence is kept as one entry only when every rule in it
        # declares what it reads, and only for a sequence that cannot change
        # (a tuple held by the runner, which is registered by its identity).
        # Nor when some group's key changes at nearly every gate: the whole
        # sequence's entry would then be made at each gate and never reused.
        self.whole = (
            whole
            and not any(isinstance(item, int) for item in self.order)
            and not any(_volatile(signature) for signature in groups)
        )
        self.history = names.index("history") if "history" in names else -1
        if not names:
            self.get: Callable[[PeerAssist], tuple[Any, ...]] = _no_values
        elif len(names) == 1:
            single = operator.attrgetter(names[0])
            self.get = lambda assist: (single(assist),)
        else:
            self.get = operator.attrgetter(*names)

    def run(
        self, assist: PeerAssist, ctx: RuleContext, verify: Verify, *, cache: bool
    ) -> list[Finding]:
        if not cache:
            return self._direct(assist, ctx, verify)
        values = self.get(assist)
        ids: tuple[Any, ...] = tuple(map(id, values))
        at = self.history
        if at >= 0:
            # The list is appended to in place: key on its (frozen) entries.
            entries = tuple(values[at])
            values = (*values[:at], entries, *values[at + 1 :])
            ids = (*ids[:at], tuple(map(id, entries)), *ids[at + 1 :])
        policy = ctx.policy
        today = _today(ctx.now, meeting_zone(assist)) if self.today else None
        now = _instant_key(ctx.now) if self.now else None
        state = ctx.state if self.state else None
        open_context = ctx.context is not None
        whole_key: tuple[Any, ...] | None = None
        if self.whole and not (self.context and open_context):
            whole_key = (id(self), id(policy), today, now, state, ids)
            kept = _lookup(whole_key)
            if kept is not None:
                return list(kept)
        run = _Run(assist, ctx, values, ids, today, now, state)
        rules = self.rules
        # This assist's units' findings at earlier checks (see _record).
        known = _record(assist)
        # Most rules find nothing: only the rules that found something are
        # collected, with their places, and put back in the rules' order.
        picked: list[tuple[int, Sequence[Finding]]] = []
        for item in self.order:
            if type(item) is int:
                rule = rules[item]
                results = list(verify(item, rule, rule(assist, ctx)))
                if results:
                    picked.append((item, results))
                continue
            unit: _Unit = item  # type: ignore[assignment]
            if unit.context and open_context:
                each = run.each(unit)
            else:
                seen = unit.pick(ids)
                got = known.get(unit.token)
                if (
                    got is not None
                    and got[1] == seen
                    and got[4] is policy
                    and (not unit.today or got[2] == today)
                    and (not unit.state or got[3] == state)
                    and (not unit.now or got[6] == now)
                ):
                    each = got[0]
                else:
                    each = run.each(unit)
                    known[unit.token] = (each, seen, today, state, policy, values, now)
            if each:
                indexes = unit.indexes
                for place, findings in each:
                    picked.append((indexes[place], findings))
        if len(picked) > 1:
            picked.sort(key=_first)
        found = [finding for _, findings in picked for finding in findings]
        if whole_key is not None:
            _keep(whole_key, (self, policy, values), tuple(found))
        return found

    def _direct(self, assist: PeerAssist, ctx: RuleContext, verify: Verify) -> list[Finding]:
        found: list[Finding] = []
        for index, rule in enumerate(self.rules):
            results = rule(assist, ctx)
            if type(rule) is FunctionRule:
                found.extend(results)
            else:
                found.extend(verify(index, rule, results))
        return found


def _no_values(assist: PeerAssist) -> tuple[()]:
    return ()


class _Run:
    """One run of a runner: what its units' keys are made of."""

    __slots__ = ("assist", "ctx", "ids", "now", "open_context", "pid", "state", "today", "values")

    def __init__(
        self,
        assist: PeerAssist,
        ctx: RuleContext,
        values: tuple[Any, ...],
        ids: tuple[Any, ...],
        today: object,
        now: object,
        state: object,
    ) -> None:
        self.assist = assist
        self.ctx = ctx
        self.values = values
        self.ids = ids
        self.pid = id(ctx.policy)
        self.today = today
        self.now = now
        self.state = state
        self.open_context = ctx.context is not None

    def each(self, unit: _Unit) -> Sequence[tuple[int, Sequence[Finding]]]:
        """The findings of the unit's rules that found something, each with
        the rule's place in the unit, kept or computed."""
        # Only steady units are shared in the store (a unit reading what every
        # step changes is kept in the assist's record alone), and never while
        # a context the unit uses is given (its groups may be).
        kept = unit.steady and not (unit.context and self.open_context)
        today = self.today if unit.today else None
        now = self.now if unit.now else None
        state = self.state if unit.state else None
        if kept:
            key = (unit.token, self.pid, unit.pick(self.ids), today, now, state)
            each = _lookup(key)
            if each is not None:
                return each  # type: ignore[no-any-return]
        each = self._phase(unit, (self.pid, now)) if unit.groups else self._compute(unit)
        if kept:
            _keep(key, (unit.rules, self.ctx.policy, self.values), each)
        return each

    def _phase(
        self, unit: _Unit, around: tuple[object, ...]
    ) -> tuple[tuple[int, Sequence[Finding]], ...]:
        """A phase's findings, its groups placed after the groups before.

        The phase's last run on this assist object is kept with the values
        each group read: the groups whose values are the same objects again
        (under the same policy, and on the same day and at the same state
        when they use them) are not run again, so replacing one field reruns
        only the groups that read it. Which assist it was only picks the run
        to compare with; the comparison is by the values themselves, which
        the kept run holds alive.
        """
        hint_key = (unit.token, id(self.assist))
        last = _lookup(hint_key)
        if last is not None and last[0] != around:
            last = None
        ids, open_context = self.ids, self.open_context
        marks: list[object] = []
        parts: list[tuple[tuple[int, Sequence[Finding]], ...]] = []
        found: list[tuple[int, Sequence[Finding]]] = []
        offset = 0
        for index, group in enumerate(unit.groups):
            # A group using a given context is never reused: no mark matches.
            mark = (
                None
                if group.context and open_context
                else (
                    group.pick(ids),
                    self.today if group.today else None,
                    self.state if group.state else None,
                )
            )
            if last is not None and mark is not None and last[1][index] == mark:
                part = last[2][index]
            else:
                part = self._compute(group)
            marks.append(mark)
            parts.append(part)
            if part:
                found += [(offset + place, findings) for place, findings in part]
            offset += len(group.rules)
        _keep(hint_key, (unit.rules, self.ctx.policy, self.values), (around, marks, parts))
        return tuple(found)

    def _compute(self, unit: _Unit) -> tuple[tuple[int, Sequence[Finding]], ...]:
        assist, ctx = self.assist, self.ctx
        found: list[tuple[int, Sequence[Finding]]] | None = None
        for place, call in enumerate(unit.calls):
            findings = call(assist, ctx)
            if findings:
                if found is None:
                    found = []
                found.append((place, findings))
        return () if found is None else tuple(found)


def _first(pair: tuple[int, object]) -> int:
    return pair[0]


def _runner(rules: Sequence[Rule]) -> _Runner:
    if type(rules) is not tuple:
        return _Runner(tuple(rules), whole=False)
    runner = _runners.get(id(rules))
    if runner is not None and runner.rules is rules:
        return runner
    runner = _Runner(rules, whole=True)
    with _lock:
        if len(_runners) >= _MAX_RUNNERS:
            _runners.pop(next(iter(_runners)))
        _runners[id(rules)] = runner
    return runner


def run_rules(
    rules: Sequence[Rule],
    assist: PeerAssist,
    ctx: RuleContext,
    verify: Verify,
    *,
    cache: bool = True,
) -> list[Finding]:
    """Run ``rules`` in order on ``assist`` and return their findings, in order.

    Rules that declare what they read are answered from the store while it
    is unchanged (``cache=False`` runs every rule afresh); the findings are
    the same either way.

    Args:
        rules: the rules to run (a tuple is prepared once, by identity).
        assist: the assist to check.
        ctx: the instant, policy, state and cross-assist context.
        verify: checks what a rule other than a FunctionRule returned.
        cache: reuse findings kept from earlier runs.
    """
    return _runner(rules).run(assist, ctx, verify, cache=cache and ENABLED)
