"""The method's rules: findings, policies, the built-in catalogue and validate().

A rule checks part of the method (the M and X items of the method checklist)
and yields :class:`Finding` objects, each with a stable ``code``, a
``severity``, a plain-language ``message``, the field ``path``, a ``hint`` and
the method ``refs`` it enforces. :func:`validate` runs the rules that apply
at an assist's state and returns a :class:`Report` (with text and Markdown
renderings); the workflow's gates run the same rules through :func:`check`.

* :data:`DEFAULT_RULES` is the built-in catalogue; its factories live in
  :mod:`peerassist.rules.catalogue`, and :func:`rule` makes your own.
* :class:`Policy` holds the thresholds; :data:`PROFILES` the known formats.
* :class:`AssistContext` is what rules may ask about other assists (M04,
  M11); :class:`InMemoryContext` answers from a list.
* Rules that declare the fields they ``reads`` (every built-in one does) are
  not run again while those fields, the policy and what they ``uses`` are
  unchanged: :func:`validate` and the gates reuse their findings.
  :func:`clear_cache` forgets them.
"""

from typing import TYPE_CHECKING, Any

from peerassist.policy import DEFAULT_POLICY, PROFILES, Policy, get_policy
from peerassist.rules._context import AssistContext, InMemoryContext, SimilarWork, Visit
from peerassist.rules._core import (
    PHASES,
    Finding,
    Report,
    Rule,
    RuleContext,
    Severity,
    phase_applies,
)
from peerassist.rules._memo import clear_cache
from peerassist.rules._render import catalogue_markdown
from peerassist.rules._rule import Flag, FunctionRule, rule
from peerassist.rules._validate import applicable, check, policy_for, validate

if TYPE_CHECKING:
    from peerassist.rules import catalogue
    from peerassist.rules._catalogue import DEFAULT_RULES


def __getattr__(name: str) -> Any:
    # The catalogue is built on first use, so that importing the rules'
    # vocabulary (Finding, validate...) does not build every rule.
    if name == "DEFAULT_RULES":
        from peerassist.rules._catalogue import DEFAULT_RULES

        globals()[name] = DEFAULT_RULES
        return DEFAULT_RULES
    if name == "catalogue":
        import importlib

        module = importlib.import_module("peerassist.rules.catalogue")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'peerassist.rules' has no attribute {name!r}")


__all__ = [
    "DEFAULT_POLICY",
    "DEFAULT_RULES",
    "PHASES",
    "PROFILES",
    "AssistContext",
    "Finding",
    "Flag",
    "FunctionRule",
    "InMemoryContext",
    "Policy",
    "Report",
    "Rule",
    "RuleContext",
    "Severity",
    "SimilarWork",
    "Visit",
    "applicable",
    "catalogue",
    "catalogue_markdown",
    "check",
    "clear_cache",
    "get_policy",
    "phase_applies",
    "policy_for",
    "rule",
    "validate",
]
