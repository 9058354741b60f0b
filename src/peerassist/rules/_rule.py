"""Rules as frozen callables, and the helper that makes them (built-in or yours)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from peerassist._attrs import field, frozen
from peerassist.exceptions import InputError, Problem
from peerassist.rules._core import PHASES, Finding, RuleContext, Severity

if TYPE_CHECKING:
    from peerassist.model import PeerAssist

__all__ = ["USES", "Check", "Flag", "FunctionRule", "rule"]

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_PHASE = re.compile(r"^[a-z][a-z0-9_]{0,63}\Z")

USES: tuple[str, ...] = ("today", "now", "state", "context")
"""What of the :class:`RuleContext` a rule may declare it ``uses`` (the policy
always counts): ``today`` is ``now``'s day in the meeting's zone, ``now`` the
exact instant, ``state`` the state checked at, ``context`` the cross-assist
knowledge."""


@frozen(kw_only=True)
class Flag:
    """One thing a check function found: a message, and where it is.

    A check function yields plain strings (messages) or, to name the field or
    give a more specific hint, ``Flag`` objects; the rule turns each into a
    :class:`Finding` with its own code, severity and refs.

    Attributes:
        message: what is wrong, in plain language.
        path: the field it is about, e.g. ``visitors[2]`` (may be empty).
        hint: how to fix it; the rule's hint when ``None``.
    """

    message: str
    path: str = ""
    hint: str | None = None


Check = Callable[..., Iterable["str | Flag"]]
"""A check function: ``fn(assist, ctx, **options)`` yielding messages or flags."""


def _to_severity(value: object) -> Severity:
    if isinstance(value, Severity):
        return value
    try:
        return Severity(value if isinstance(value, str) else repr(value))
    except ValueError:
        known = ", ".join(s.value for s in Severity)
        raise InputError.single("severity", f"one of {known}", repr(value)) from None


def _to_refs(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(value)
    raise InputError.single("refs", "a tuple of method IDs like ('M05',)", repr(value))


def _to_reads(value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple | frozenset | set):
        return tuple(sorted(value)) if isinstance(value, frozenset | set) else tuple(value)
    raise InputError.single("reads", "a tuple of PeerAssist field names, or None", repr(value))


def _to_uses(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple | frozenset | set):
        return tuple(sorted(value)) if isinstance(value, frozenset | set) else tuple(value)
    raise InputError.single("uses", f"a tuple of {', '.join(USES)}", repr(value))


@functools.cache
def _assist_fields() -> frozenset[str]:
    from peerassist._attrs import fields
    from peerassist.model import PeerAssist

    return frozenset(f.name for f in fields(PeerAssist))


def _format_option(value: object) -> str:
    if isinstance(value, tuple) and len(value) > 4:
        shown = ", ".join(repr(v) for v in value[:3])
        return f"({shown}, ... {len(value) - 3} more)"
    return repr(value)


@frozen(kw_only=True, repr=False)
class FunctionRule:
    """A rule made from a check function: what :func:`rule` and the built-in
    factories return.

    Calling it runs ``check(assist, ctx, **options)`` and turns every message
    or :class:`Flag` it yields into a :class:`Finding` carrying this rule's
    code, severity, hint and refs.

    Attributes:
        code: a stable code, e.g. ``"PA-M05-facilitator-in-host-team"``.
        severity: the severity of what it finds.
        refs: the method IDs it enforces (``M05``, ``X02``...).
        phase: the state by whose end it must hold (see :data:`PHASES`); it is
            checked in that state and every later one. A state of your own
            workflow works too: the workflow checks it from that state on
            (``validate`` checks it only at that state).
        title: what it checks, in one sentence (shown in the catalogue).
        hint: how to fix what it finds (a flag may give a more specific one).
        check: the check function.
        options: keyword arguments passed to ``check``, as ``(name, value)``
            pairs (shown in the repr).
        reads: the fields of the assist the check reads (``"purpose"``,
            ``"logistics"``...), or ``None`` when not declared. Declaring them
            lets :func:`~peerassist.rules.validate` and the workflow's gates
            reuse the rule's findings while those fields, the policy and what
            it ``uses`` are unchanged. Sections are frozen, so a field changes
            only when it is assigned a new value; ``history`` is compared entry
            by entry.
        uses: what of the :class:`RuleContext` the check consults besides the
            policy: any of ``"today"`` (``now``'s day in the meeting's zone,
            which itself reads ``logistics`` and ``host``), ``"now"``,
            ``"state"`` and ``"context"`` (a rule using the context is never
            reused while a context is given).
        why: why the rule has its severity (shown in the catalogue).
    """

    code: str
    severity: Severity = field(converter=_to_severity)
    refs: tuple[str, ...] = field(converter=_to_refs)
    phase: str
    title: str
    hint: str = ""
    check: Check
    options: tuple[tuple[str, Any], ...] = ()
    reads: tuple[str, ...] | None = field(default=None, converter=_to_reads)
    uses: tuple[str, ...] = field(default=(), converter=_to_uses)
    why: str = ""
    _run: Callable[[PeerAssist, RuleContext], Iterable[str | Flag]] = field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        if not isinstance(self.code, str) or not _CODE.match(self.code):
            problems.append(
                Problem(
                    "code",
                    "1-100 letters, digits, '.', '_' or '-' (e.g. 'ACME-01-venue')",
                    repr(self.code),
                )
            )
        if not all(isinstance(r, str) and r for r in self.refs):
            problems.append(Problem("refs", "non-empty method IDs like 'M05'", repr(self.refs)))
        if not isinstance(self.phase, str) or not _PHASE.match(self.phase):
            problems.append(
                Problem(
                    "phase",
                    f"a state name: one of {', '.join(PHASES)}, or a state of your own"
                    " workflow (lower case, digits, '_')",
                    repr(self.phase),
                )
            )
        if not isinstance(self.title, str) or not self.title.strip():
            problems.append(Problem("title", "a one-sentence description", repr(self.title)))
        hint: object = self.hint
        check: object = self.check
        if not isinstance(hint, str):
            problems.append(Problem("hint", "text", repr(self.hint)))
        why: object = self.why
        if not isinstance(why, str):
            problems.append(Problem("why", "text", repr(self.why)))
        if not callable(check):
            expected = "a function (assist, ctx) -> findings"
            problems.append(Problem("check", expected, repr(self.check)))
        if self.reads is not None:
            known = _assist_fields()
            unknown = [name for name in self.reads if name not in known]
            if unknown:
                problems.append(
                    Problem("reads", "names of PeerAssist fields", ", ".join(map(repr, unknown)))
                )
        odd = [name for name in self.uses if name not in USES]
        if odd:
            problems.append(Problem("uses", f"any of {', '.join(USES)}", ", ".join(map(repr, odd))))
        if problems:
            raise InputError(problems)
        # The options never change: the check is bound to them once.
        bound = functools.partial(self.check, **dict(self.options)) if self.options else self.check
        object.__setattr__(self, "_run", bound)

    def __call__(self, assist: PeerAssist, ctx: RuleContext) -> tuple[Finding, ...]:
        """Run the check and return its findings.

        Raises:
            InputError: when the check yields something other than text or a Flag.
        """
        found: list[Finding] | None = None
        for item in self._run(assist, ctx):  # most checks find nothing
            if found is None:
                found = []
            if isinstance(item, str):
                message, path, hint = item, "", None
            elif isinstance(item, Flag):
                message, path, hint = item.message, item.path, item.hint
            else:
                raise InputError.single(
                    f"{self.code}[{len(found)}]", "a message (str) or a Flag", type(item).__name__
                )
            found.append(
                Finding(
                    code=self.code,
                    severity=self.severity,
                    message=message,
                    path=path,
                    hint=self.hint if hint is None else hint,
                    refs=self.refs,
                )
            )
        return () if found is None else tuple(found)

    def __repr__(self) -> str:
        refs = ", ".join(self.refs)
        options = "".join(f" {name}={_format_option(value)}" for name, value in self.options)
        return f"<rule {self.code} ({self.severity.value}, {self.phase}; {refs}){options}>"


def rule(
    *,
    code: str,
    severity: Severity | str,
    refs: Iterable[str],
    phase: str,
    title: str | None = None,
    hint: str = "",
    reads: Iterable[str] | None = None,
    uses: Iterable[str] = (),
    why: str = "",
) -> Callable[[Check], FunctionRule]:
    """Make a rule from a check function: use it as a decorator.

    The function takes ``(assist, ctx)`` (a :class:`RuleContext` with ``now``,
    ``policy``, ``state`` and ``context``) and yields a message (``str``) or a
    :class:`Flag` for each problem; it yields nothing when all is well. The
    result is a frozen rule with a readable repr, ready to add to a catalogue
    (``DEFAULT_RULES + (my_rule,)``).

    Args:
        code: a stable code, unique in your catalogue.
        severity: ``"error"``, ``"warning"`` or ``"info"`` (or a :class:`Severity`).
        refs: the method IDs the rule enforces (may be empty for house rules).
        phase: the state by whose end the rule must hold; it is checked in that
            state and every later one.
        title: what the rule checks, in one sentence; the function's
            docstring's first line when omitted.
        hint: how to fix what it finds.
        reads: the assist's fields the function reads, if you want its
            findings reused while they are unchanged (see
            :class:`FunctionRule`); leave it ``None`` when unsure: the rule is
            then run every time.
        uses: what of ``ctx`` it consults besides the policy (``"today"``,
            ``"now"``, ``"state"``, ``"context"``); only read with ``reads``.
        why: why the rule has its severity, for the catalogue.

    Returns:
        A decorator turning the function into a :class:`FunctionRule`.

    Raises:
        InputError: when an argument is invalid (naming it).
    """

    def decorate(fn: Check) -> FunctionRule:
        doc = (getattr(fn, "__doc__", None) or "").strip()
        text = title if title is not None else (doc.splitlines()[0] if doc else "")
        return FunctionRule(
            code=code,
            severity=severity,
            refs=tuple(refs),
            phase=phase,
            title=text,
            hint=hint,
            check=fn,
            reads=None if reads is None else tuple(reads),
            uses=tuple(uses),
            why=why,
        )

    return decorate
