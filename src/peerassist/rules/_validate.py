"""Running rules: :func:`check` (what the workflow's gates call) and :func:`validate`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from peerassist._time import DateTime, as_instant, utc_now
from peerassist.exceptions import InputError
from peerassist.policy import DEFAULT_POLICY, PROFILES, Policy
from peerassist.rules._context import AssistContext
from peerassist.rules._core import Finding, Report, Rule, RuleContext, Severity, phase_applies
from peerassist.rules._rule import FunctionRule

if TYPE_CHECKING:
    from peerassist.model import PeerAssist

__all__ = ["applicable", "check", "policy_for", "validate"]

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


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
    return tuple(r for r in _check_rules(rules) if phase_applies(r.phase, state))


def check(assist: PeerAssist, rules: Iterable[Rule], ctx: RuleContext) -> Report:
    """Run every rule given (whatever its phase) and gather their findings.

    This is what the workflow's gates call with the rules whose phase applies
    to the state being left; most users want :func:`validate`.

    Args:
        assist: the assist to check.
        rules: the rules to run, in order.
        ctx: the instant, policy, state and cross-assist context.

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
    found: list[Finding] = []
    for index, item in enumerate(_check_rules(rules)):
        results = item(assist, ctx)
        for finding in results:
            if not isinstance(finding, Finding):
                raise InputError.single(
                    f"rules[{index}]",
                    f"a rule returning Finding objects ({item.code})",
                    type(finding).__name__,
                )
            found.append(finding)
    found.sort(key=lambda f: _ORDER[f.severity])
    return Report(findings=tuple(found), state=ctx.state)


def policy_for(assist: PeerAssist) -> Policy:
    """Return the policy an assist is checked against by default: its
    ``profile``'s (X08), or :data:`DEFAULT_POLICY` when it names none or an
    unknown one (a rule then reports the unknown name)."""
    if assist.profile is None:
        return DEFAULT_POLICY
    return PROFILES.get(assist.profile, DEFAULT_POLICY)


def validate(
    assist: PeerAssist,
    *,
    policy: Policy | None = None,
    now: DateTime | None = None,
    context: AssistContext | None = None,
    rules: Sequence[Rule] | None = None,
    state: str | None = None,
) -> Report:
    """Check an assist against the method's rules that apply at its state.

    Args:
        assist: the assist to check.
        policy: the thresholds; by default the assist's ``profile`` (X08), or
            :data:`~peerassist.policy.DEFAULT_POLICY`.
        now: the instant to check at (the system clock if omitted).
        context: past and current assists, for the rules that compare (M04,
            M11); those rules find nothing without it.
        rules: the catalogue (:data:`DEFAULT_RULES` if omitted).
        state: check as if the assist were in this state (its own by default).

    Returns:
        A :class:`Report`: errors, then warnings, then infos.

    Raises:
        InputError: when an argument is of the wrong kind (naming it).
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
    chosen = applicable(DEFAULT_RULES if rules is None else rules, state)
    ctx = RuleContext(now=now, policy=policy, state=state, context=context)
    return check(assist, chosen, ctx)
