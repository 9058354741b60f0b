"""Running rules: :func:`check` (what the workflow's gates call) and :func:`validate`."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from peerassist._attrs import evolve
from peerassist._time import DateTime, as_instant, utc_now
from peerassist.exceptions import InputError
from peerassist.policy import DEFAULT_POLICY, PROFILES, Policy
from peerassist.rules._context import AssistContext
from peerassist.rules._core import Finding, Report, Rule, RuleContext, Severity, phase_applies
from peerassist.rules._memo import run_rules
from peerassist.rules._rule import FunctionRule

if TYPE_CHECKING:
    from peerassist.model import PeerAssist
    from peerassist.workflow import Workflow, WorkflowSpec

__all__ = ["applicable", "check", "policy_for", "validate"]

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

# applicable() of a tuple of rules at a state, by the tuple's identity (the
# value holds the tuple, so its id cannot be reused while the entry lives).
_APPLICABLE: dict[tuple[int, str], tuple[tuple[Rule, ...], tuple[Rule, ...]]] = {}
_APPLICABLE_SIZE = 256
_APPLICABLE_LOCK = threading.Lock()
# Tuples of rules already checked to hold only rules, by identity.
_CHECKED: dict[int, tuple[Rule, ...]] = {}


def _check_rules(rules: object, path: str = "rules") -> tuple[Rule, ...]:
    if isinstance(rules, str | bytes) or not isinstance(rules, Iterable):
        raise InputError.single(path, "a sequence of rules", type(rules).__name__)
    items = tuple(rules)
    for index, item in enumerate(items):
        if type(item) is FunctionRule:
            continue  # checked when built; a Protocol isinstance costs ~20 us
        if not isinstance(item, Rule) or not isinstance(getattr(item, "phase", None), str):
            raise InputError.single(
                f"{path}[{index}]",
                "a rule (code, severity, refs, phase and __call__)",
                repr(item)[:80],
            )
    return items


def applicable(rules: Iterable[Rule], state: str) -> tuple[Rule, ...]:
    """Return the rules checked at ``state``, in their order.

    A rule of phase P is checked in state P and every later state of the
    default order (``closed`` checks them all; ``cancelled`` none).

    Args:
        rules: the catalogue to pick from.
        state: the state to check at.

    Raises:
        InputError: when an item is not a rule.
    """
    if type(rules) is not tuple or type(state) is not str:
        return tuple(r for r in _check_rules(rules) if phase_applies(r.phase, state))
    key = (id(rules), state)
    kept = _APPLICABLE.get(key)
    if kept is not None and kept[0] is rules:
        return kept[1]
    chosen = tuple(r for r in _check_rules(rules) if phase_applies(r.phase, state))
    with _APPLICABLE_LOCK:
        if len(_APPLICABLE) >= _APPLICABLE_SIZE:
            _APPLICABLE.pop(next(iter(_APPLICABLE)))
        _APPLICABLE[key] = (rules, chosen)
    return chosen


def check(
    assist: PeerAssist, rules: Iterable[Rule], ctx: RuleContext, *, cache: bool = True
) -> Report:
    """Run every rule given (whatever its phase) and gather their findings.

    This is what the workflow's gates call with the rules whose phase applies
    to the state being left; most users want :func:`validate`.

    Args:
        assist: the assist to check.
        rules: the rules to run, in order.
        ctx: the instant, policy, state and cross-assist context.
        cache: reuse the findings of rules that declare what they read while
            it is unchanged (see :class:`FunctionRule`); ``False`` runs every
            rule afresh. The report is the same either way.

    Returns:
        A :class:`Report` whose findings are sorted errors, warnings, infos,
        in rule order within each severity.

    Raises:
        InputError: when an argument is of the wrong kind, or a rule returns
            something other than findings.
    """
    from peerassist.model import PeerAssist

    if not isinstance(assist, PeerAssist):
        raise InputError.single("assist", "a PeerAssist", type(assist).__name__)
    if not isinstance(ctx, RuleContext):
        raise InputError.single("ctx", "a RuleContext", type(ctx).__name__)
    items: Sequence[Rule]
    if type(rules) is tuple:
        # A tuple cannot change: check it once, and let run_rules prepare it
        # once, by its identity.
        items = rules
        if _CHECKED.get(id(items)) is not items:
            _check_rules(items)
            _remember_checked(items)
    else:
        items = list(_check_rules(rules))
    found = run_rules(items, assist, ctx, _verify, cache=cache)
    found.sort(key=_rank)
    return Report(findings=tuple(found), state=ctx.state)


def _rank(finding: Finding) -> int:
    return _ORDER[finding.severity]


def _verify(index: int, item: Rule, results: Iterable[Any]) -> list[Finding]:
    found = []
    for finding in results:
        if not isinstance(finding, Finding):
            raise InputError.single(
                f"rules[{index}]",
                f"a rule returning Finding objects ({item.code})",
                type(finding).__name__,
            )
        found.append(finding)
    return found


def _remember_checked(rules: tuple[Rule, ...]) -> None:
    with _APPLICABLE_LOCK:
        if len(_CHECKED) >= _APPLICABLE_SIZE:
            _CHECKED.pop(next(iter(_CHECKED)))
        _CHECKED[id(rules)] = rules


def policy_for(assist: PeerAssist) -> Policy:
    """Return the policy an assist is checked against by default: its
    ``profile``'s (X08), or :data:`DEFAULT_POLICY` when it names none or an
    unknown one (a rule then reports the unknown name)."""
    if assist.profile is None:
        return DEFAULT_POLICY
    return PROFILES.get(assist.profile, DEFAULT_POLICY)


def _rules_of_spec(
    spec: object, rules: Sequence[Rule] | None, state: str
) -> tuple[tuple[Rule, ...], str]:
    """The rules a spec's gates run when an assist leaves ``state``, and the
    phase they are checked as (what its workflow's engine uses: one mapping)."""
    from peerassist.exceptions import UnknownStateError
    from peerassist.workflow import Workflow, WorkflowSpec
    from peerassist.workflow._machine import compile_spec

    if isinstance(spec, Workflow):
        spec = spec.spec
    if not isinstance(spec, WorkflowSpec):
        raise InputError.single("spec", "a WorkflowSpec or a Workflow", type(spec).__name__)
    if rules is not None:
        if spec.rules is not None:
            raise InputError.single(
                "rules",
                f"no rules: the spec {spec.name!r} has its own (WorkflowSpec(rules=...))",
                f"{type(rules).__name__} of rules",
            )
        spec = evolve(spec, rules=_check_rules(rules))
    if state not in spec.states:
        raise UnknownStateError(state, spec.states)
    return compile_spec(spec).rules_at(state), spec.phase_of(state) or state


def validate(
    assist: PeerAssist,
    *,
    policy: Policy | None = None,
    now: DateTime | None = None,
    context: AssistContext | None = None,
    rules: Sequence[Rule] | None = None,
    state: str | None = None,
    cache: bool = True,
    spec: WorkflowSpec | Workflow | None = None,
) -> Report:
    """Check an assist against the method's rules that apply at its state.

    Args:
        assist: the assist to check.
        policy: the thresholds; by default the assist's ``profile`` (X08), or
            :data:`~peerassist.policy.DEFAULT_POLICY`.
        now: the instant to check at (the system clock if omitted).
        context: past and current assists, for the rules that compare (M04,
            M11); those rules find nothing without it.
        rules: the catalogue (:data:`DEFAULT_RULES` if omitted). With
            ``spec``, the spec's own ``rules`` when it has them (giving both
            is an error), else this catalogue, mapped by the spec.
        state: check as if the assist were in this state (its own by default).
        cache: reuse the findings of rules whose fields are unchanged since
            they last ran (the built-in rules declare what they read);
            ``False`` runs every rule afresh. The report is the same either way.
        spec: the workflow the assist lives in (a
            :class:`~peerassist.workflow.WorkflowSpec`, or a
            :class:`~peerassist.workflow.Workflow` for its spec). The rules
            are then the ones its gates run when the assist leaves its state:
            a state of your own is checked as the phase ``checks_as`` maps it
            to, rules whose phase is a state of the spec apply from that
            state on, and ``rule_phases`` moves or drops rules. Without it, a
            state outside the default workflow checks no built-in rule.

    Returns:
        A :class:`Report`: errors, then warnings, then infos; warnings the
        assist records as acknowledged (``assist.acknowledgements``, same
        code, path and message) are in its ``acknowledged``, not its
        ``findings``.

    Raises:
        InputError: when an argument is of the wrong kind (naming it), or
            ``rules`` is given with a spec that has rules of its own.
        UnknownStateError: with ``spec``, when the state checked is not one
            of the spec's.
        SpecError: with ``spec`` and ``rules``, when the spec cannot take
            those rules (a rule's phase it has no state for).
    """
    from peerassist.model import PeerAssist
    from peerassist.rules._catalogue import DEFAULT_RULES

    if not isinstance(assist, PeerAssist):
        raise InputError.single("assist", "a PeerAssist", type(assist).__name__)
    if policy is None:
        policy = policy_for(assist)
    elif not isinstance(policy, Policy):
        raise InputError.single("policy", "a Policy", type(policy).__name__)
    now = utc_now() if now is None else as_instant(now, "now")
    if context is not None and not isinstance(context, AssistContext):
        raise InputError.single(
            "context", "an AssistContext (visits and similar_work)", type(context).__name__
        )
    if state is None:
        state = assist.state
    elif not isinstance(state, str):
        raise InputError.single("state", "a state name", type(state).__name__)
    if spec is None:
        chosen = applicable(DEFAULT_RULES if rules is None else rules, state)
        ctx = RuleContext(now=now, policy=policy, state=state, context=context)
        report = check(assist, chosen, ctx, cache=cache)
    else:
        chosen, phase = _rules_of_spec(spec, rules, state)
        ctx = RuleContext(now=now, policy=policy, state=phase, context=context)
        report = check(assist, chosen, ctx, cache=cache)
        if report.state != state:
            report = Report(findings=report.findings, state=state)
    if assist.acknowledgements:
        report = report.with_acknowledgements(assist.acknowledgements)
    return report
