"""Edits outside a transition (:meth:`Workflow.edit`), and recording
acknowledgements (shared with :meth:`Workflow.fire`)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from peerassist._attrs import evolve
from peerassist._time import DateTime
from peerassist.exceptions import InputError
from peerassist.model import Acknowledgement, AuditEntry, PeerAssist
from peerassist.policy import Policy
from peerassist.rules._core import Finding, RuleContext, Severity, split_acknowledged
from peerassist.rules._validate import check
from peerassist.workflow._arguments import ASSIST_FIELDS
from peerassist.workflow._outcome import Outcome, OutcomeKind

if TYPE_CHECKING:
    from peerassist.rules._context import AssistContext
    from peerassist.workflow._machine import Compiled

__all__ = ["EDIT_EVENT", "NOT_EDITABLE", "acknowledgements_of", "apply_edit"]

EDIT_EVENT = "edit"
"""The event of the audit entry an edit appends."""

NOT_EDITABLE = frozenset({"id", "state", "revision", "history", "acknowledgements"})
"""Fields an edit may not change: the assist's identity and what the engine owns."""


def acknowledgements_of(
    findings: Iterable[Finding],
    now: DateTime,
    actor: str | None,
    event: str,
    note: str | None,
) -> tuple[Acknowledgement, ...]:
    """Build the acknowledgements to record for warnings accepted at ``event``.

    Raises:
        InputError: when ``actor`` or ``note`` is not acceptable text.
    """
    seen: set[tuple[str, str, str]] = set()
    made: list[Acknowledgement] = []
    for f in findings:
        key = (f.code, f.path, f.message)
        if key in seen:
            continue
        seen.add(key)
        made.append(
            Acknowledgement(
                code=f.code,
                path=f.path,
                message=f.message,
                at=now,
                actor=actor,
                event=event,
                note=note,
            )
        )
    return tuple(made)


def _check_names(changes: Mapping[str, Any]) -> None:
    if not changes:
        raise InputError.single("changes", "at least one field to change", "none")
    for name in changes:
        if name in NOT_EDITABLE:
            raise InputError.single(
                name,
                "a field an edit may change (not id, state, revision, history or"
                " acknowledgements, which the workflow owns)",
                repr(name),
            )
        if name not in ASSIST_FIELDS:
            close = difflib.get_close_matches(name, sorted(ASSIST_FIELDS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise InputError.single(name, f"a field of PeerAssist{hint}", repr(name))


def apply_edit(
    compiled: Compiled,
    assist: PeerAssist,
    changes: Mapping[str, Any],
    *,
    now: DateTime,
    actor: str | None,
    note: str | None,
    acknowledge: frozenset[str],
    policy: Policy,
    context: AssistContext | None,
) -> Outcome:
    """Check and apply an edit (see :meth:`Workflow.edit`)."""
    _check_names(changes)
    try:
        candidate = evolve(assist, **changes)
    except InputError:
        raise
    state = assist.state
    changed = tuple(name for name in changes if getattr(candidate, name) != getattr(assist, name))
    allowed = compiled.allowed[state]
    if not changed:
        return Outcome(
            trigger=EDIT_EVENT, source=state, dest=state, kind=OutcomeKind.PASSED, allowed=allowed
        )
    phase = compiled.spec.phase_of(state)
    rules = compiled.rules_at(state)
    ctx = RuleContext(now=now, policy=policy, state=phase or state, context=context)
    after = check(candidate, rules, ctx).findings if rules else ()
    before_errors = (
        {
            (f.code, f.path, f.message)
            for f in check(assist, rules, ctx).findings
            if f.severity is Severity.ERROR
        }
        if rules
        else set()
    )
    new_errors = tuple(
        f
        for f in after
        if f.severity is Severity.ERROR and (f.code, f.path, f.message) not in before_errors
    )
    if new_errors:
        return Outcome(
            trigger=EDIT_EVENT,
            source=state,
            dest=state,
            kind=OutcomeKind.BLOCKED,
            findings=new_errors,
            checked=tuple(after),
            allowed=allowed,
        )
    open_, standing = split_acknowledged(after, assist.acknowledgements)
    fresh = [f for f in open_ if f.severity is Severity.WARNING and f.code in acknowledge]
    remaining = tuple(f for f in open_ if f.severity is not Severity.INFO and f not in fresh)
    acked = tuple(dict.fromkeys(f.code for f in (*standing, *fresh)))
    recorded = acknowledgements_of(fresh, now, actor, EDIT_EVENT, note)
    entry = AuditEntry(
        event=EDIT_EVENT,
        source=state,
        dest=state,
        at=now,
        actor=actor,
        note=note,
        acknowledged=acked,
        changed=changed,
    )
    # Everything that can fail has run; apply the change in one place.
    for name in changed:
        setattr(assist, name, getattr(candidate, name))
    assist.history.append(entry)
    object.__setattr__(assist, "revision", assist.revision + 1)
    if recorded:
        object.__setattr__(assist, "acknowledgements", (*assist.acknowledgements, *recorded))
    return Outcome(
        trigger=EDIT_EVENT,
        source=state,
        dest=state,
        kind=OutcomeKind.PASSED,
        findings=remaining,
        checked=tuple(after),
        acknowledged=acked,
        allowed=allowed,
        entry=entry,
    )
