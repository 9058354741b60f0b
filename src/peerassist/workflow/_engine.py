"""The engine: :class:`Workflow` drives assists through a spec.

It fires events on the spec's shared machine (see ``_machine``), and
changes the assist only after the transition has passed, in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from peerassist._time import DateTime
from peerassist.exceptions import InputError, TransitionRefusedError, UnknownStateError
from peerassist.model import PeerAssist
from peerassist.policy import Policy
from peerassist.rules import policy_for
from peerassist.workflow._arguments import (
    ASSIST_FIELDS,
    ENGINE_FIELDS,
    check_context,
    codes,
    moved_logistics,
    not_allowed,
    optional_text,
    utc_instant,
    with_changes,
)
from peerassist.workflow._default import DEFAULT_WORKFLOW
from peerassist.workflow._edit import acknowledgements_of, apply_edit
from peerassist.workflow._hooks import Hook, Hooks
from peerassist.workflow._machine import Gate, Slot, build_entry, compile_spec
from peerassist.workflow._outcome import (
    Allowed,
    Outcome,
    OutcomeKind,
    TriggerCheck,
)
from peerassist.workflow._spec import WorkflowSpec

if TYPE_CHECKING:
    from peerassist.rules._context import AssistContext

__all__ = ["Hook", "Workflow"]


class Workflow:
    """Drives assists through a :class:`WorkflowSpec`.

    A workflow holds no per-assist state: it reads the assist's ``state``,
    runs the transition's gate, and on success changes the assist in place
    (``state``, ``history``, ``revision``). Use one per spec and share it; it
    is safe to use from several threads on different assists. Hooks are
    registered on the workflow object.

    Args:
        spec: the definition (the Peer Assist lifecycle by default).

    Raises:
        InputError: if ``spec`` is not a WorkflowSpec.
    """

    def __init__(self, spec: WorkflowSpec = DEFAULT_WORKFLOW) -> None:
        if not isinstance(spec, WorkflowSpec):
            raise InputError.single("spec", "a WorkflowSpec", type(spec).__name__)
        self._compiled = compile_spec(spec)
        self._hooks = Hooks()

    def __repr__(self) -> str:
        return f"Workflow({self.spec.name!r}: {len(self.spec.states)} states)"

    @property
    def spec(self) -> WorkflowSpec:
        """The definition this workflow drives."""
        return self._compiled.spec

    # -- creating -----------------------------------------------------------

    def create(
        self,
        *,
        title: str,
        host: Any,
        actor: str | None = None,
        now: DateTime | None = None,
        note: str | None = None,
        **values: Any,
    ) -> PeerAssist:
        """Build a new assist in the initial state, with its creation entry.

        No hook runs: hooks react to transitions, and the caller already
        knows it created the assist.

        Args:
            title: the assist's title.
            host: the host team.
            actor: who creates it.
            now: when (the system clock if omitted).
            note: a free note for the audit entry.
            **values: other fields of :class:`~peerassist.PeerAssist`
                (``purpose``, ``visitors``...); not ``state``, ``revision``
                or ``history``, which the workflow owns.

        Returns:
            The assist, at revision 0, with one audit entry.

        Raises:
            InputError: for an unknown or engine-owned field, or bad values.
        """
        instant = utc_instant(now)
        for name in values:
            if name in ENGINE_FIELDS:
                raise InputError.single(name, "a field the workflow owns", repr(name))
            if name not in ASSIST_FIELDS:
                raise InputError.single(name, "a field of PeerAssist", repr(name))
        assist = PeerAssist(title=title, host=host, state=self._compiled.initial, **values)
        return self.start(assist, actor=actor, now=instant, note=note)

    def start(
        self,
        assist: PeerAssist,
        *,
        actor: str | None = None,
        now: DateTime | None = None,
        note: str | None = None,
    ) -> PeerAssist:
        """Record the creation of an assist built by hand (``PeerAssist(...)``).

        Appends the ``create`` audit entry; :meth:`create` does this for you.

        Args:
            assist: a new assist: in the initial state, with no history.
            actor: who creates it.
            now: when (the system clock if omitted).
            note: a free note for the audit entry.

        Returns:
            The same assist.

        Raises:
            InputError: if it is not new (another state, or a history).
        """
        instant = utc_instant(now)
        if not isinstance(assist, PeerAssist):
            raise InputError.single("assist", "a PeerAssist", type(assist).__name__)
        initial = self._compiled.initial
        if assist.state != initial:
            raise InputError.single("state", f"{initial!r} (a new assist)", repr(assist.state))
        if assist.history:
            raise InputError.single(
                "history", "an empty history (a new assist)", f"{len(assist.history)} entries"
            )
        optional_text(actor, "actor")
        optional_text(note, "note")
        ok = self._compiled.create_ok
        entry = build_entry(ok, "create", None, initial, instant, actor, note, ())
        assist.history.append(entry)
        return assist

    # -- firing -------------------------------------------------------------

    def fire(
        self,
        assist: PeerAssist,
        trigger: str,
        *,
        actor: str | None = None,
        now: DateTime | None = None,
        note: str | None = None,
        acknowledge: Iterable[str] = (),
        policy: Policy | None = None,
        context: AssistContext | None = None,
        changes: Mapping[str, Any] | None = None,
    ) -> Outcome:
        """Fire ``trigger`` on ``assist``; apply it if its gate passes.

        When it passes, the assist is changed in place: ``changes`` assigned,
        ``state`` set, an :class:`~peerassist.model.AuditEntry` appended to
        ``history`` and ``revision`` bumped; then the hooks run. When it is
        refused, the assist is left exactly as it was.

        Args:
            assist: the assist, in any state of the spec (fresh or loaded).
            trigger: the trigger's name.
            actor: who fires it (recorded in the audit entry).
            now: the instant it happens (the system clock if omitted).
            note: a free note for the audit entry.
            acknowledge: codes of warnings the actor accepts; they no longer
                block, and those found are recorded in the entry and, when
                it passes, in ``assist.acknowledgements``: a recorded
                acknowledgement lasts at every later gate while the same
                finding (code, path and message) stands.
            policy: thresholds for the rules (by default the assist's
                profile's).
            context: cross-assist knowledge for the rules (an
                :class:`~peerassist.rules.AssistContext`).
            changes: fields to assign as part of the transition, checked by
                its gate before anything is applied; only the fields the
                transition ``edits`` (``reschedule``: ``logistics``).

        Returns:
            An :class:`Outcome`: ``ok``, the blocking ``findings``, the
            refusal ``kind``, the audit ``entry``, and ``allowed``: the
            triggers valid from the assist's state afterwards (the new state
            when it passed).

        Raises:
            UnknownTriggerError: the spec has no such trigger (names them).
            UnknownStateError: the assist's state is not one of the spec's.
            InputError: bad arguments or changes.
            HookError: a hook failed after the transition was applied; the
                transition stands and the hook's error is the ``__cause__``.
        """
        instant = utc_instant(now)
        outcome = self._attempt(
            assist, trigger, instant, actor, note, acknowledge, policy, context, changes
        )
        if outcome.entry is not None:
            self._hooks.run(assist, outcome.entry)
        return outcome

    def advance(
        self,
        assist: PeerAssist,
        trigger: str,
        *,
        actor: str | None = None,
        now: DateTime | None = None,
        note: str | None = None,
        acknowledge: Iterable[str] = (),
        policy: Policy | None = None,
        context: AssistContext | None = None,
        changes: Mapping[str, Any] | None = None,
    ) -> Outcome:
        """Like :meth:`fire`, but raise when the transition is refused.

        Raises:
            TransitionRefusedError: carrying the :class:`Outcome` (also every
                error :meth:`fire` raises).
        """
        outcome = self.fire(
            assist,
            trigger,
            actor=actor,
            now=now,
            note=note,
            acknowledge=acknowledge,
            policy=policy,
            context=context,
            changes=changes,
        )
        if not outcome.ok:
            raise TransitionRefusedError(outcome)
        return outcome

    def reschedule(
        self,
        assist: PeerAssist,
        windows: Sequence[Any],
        *,
        actor: str | None = None,
        now: DateTime | None = None,
        note: str | None = None,
        acknowledge: Iterable[str] = (),
        policy: Policy | None = None,
        context: AssistContext | None = None,
        **logistics: Any,
    ) -> Outcome:
        """Move a scheduled meeting to new windows (the ``reschedule`` trigger).

        The new windows (and any other logistics given) are checked by the
        scheduling rules before anything changes; when it passes,
        ``revision`` is bumped so that updated invites supersede the old ones.

        Args:
            assist: a scheduled assist.
            windows: the new :class:`~peerassist.model.MeetingWindow` list.
            actor, now, note, acknowledge, policy, context: as for :meth:`fire`.
            **logistics: other fields of :class:`~peerassist.model.Logistics`
                that move with the meeting (``social=``, ``pre_brief=``...).

        Raises:
            InputError: if the windows are invalid or the same as now, or a
                logistics field is unknown or invalid.
            UnknownTriggerError: if the spec has no ``reschedule`` trigger.
        """
        moved = moved_logistics(assist, windows, logistics)
        return self.fire(
            assist,
            "reschedule",
            actor=actor,
            now=now,
            note=note,
            acknowledge=acknowledge,
            policy=policy,
            context=context,
            changes={"logistics": moved},
        )

    def allowed(
        self,
        assist: PeerAssist,
        *,
        now: DateTime | None = None,
        acknowledge: Iterable[str] = (),
        policy: Policy | None = None,
        context: AssistContext | None = None,
    ) -> Allowed:
        """List the triggers valid from the assist's state, and whether each would pass.

        Nothing is changed and no hook runs.

        Returns:
            An :class:`Allowed` sequence of :class:`TriggerCheck` (``"cancel"
            in allowed`` tests by name).

        Raises:
            UnknownStateError: the assist's state is not one of the spec's.
        """
        compiled = self._compiled
        if not isinstance(assist, PeerAssist):
            raise InputError.single("assist", "a PeerAssist", type(assist).__name__)
        steps = compiled.steps.get(assist.state)
        if steps is None:
            raise UnknownStateError(assist.state, self.spec.states)
        instant = utc_instant(now)
        acks = codes(acknowledge)
        check_context(context)
        policy = self._policy(assist, policy)
        items = []
        for step in steps.values():
            gate = Gate(assist, step, instant, policy, context)
            gate.evaluate(compiled, acks)
            items.append(
                TriggerCheck(
                    trigger=step.trigger,
                    dest=step.dest,
                    ok=gate.ok,
                    findings=gate.blocking,
                    forward=step.forward,
                )
            )
        return Allowed(assist.state, items)

    # -- editing --------------------------------------------------------------

    def edit(
        self,
        assist: PeerAssist,
        *,
        actor: str | None,
        now: DateTime | None,
        note: str | None = None,
        acknowledge: Iterable[str] = (),
        policy: Policy | None = None,
        context: AssistContext | None = None,
        **changes: Any,
    ) -> Outcome:
        """Change sections of an assist outside a transition, on the record.

        The changes are assigned to a copy first and the rules checked at
        the assist's state are run on it. Warnings never refuse an edit (they
        are returned for the caller to show); an error the assist did not
        have before refuses it, and the assist is left exactly as it was.
        When it passes, the fields are assigned, an ``edit``
        :class:`~peerassist.model.AuditEntry` naming them (``changed``) is
        appended to ``history``, ``revision`` is bumped and warnings
        acknowledged by code are recorded. No hook runs: hooks react to
        transitions.

        Args:
            assist: the assist, in any state of the spec.
            actor: who edits (recorded in the audit entry).
            now: when (the system clock if None).
            note: a free note for the audit entry.
            acknowledge: codes of warnings the actor accepts (recorded, as
                for :meth:`fire`).
            policy: thresholds for the rules (by default the assist's
                profile's).
            context: cross-assist knowledge for the rules.
            **changes: fields of :class:`~peerassist.PeerAssist` to assign
                (``purpose=...``, ``visitors=...``); not ``id``, ``state``,
                ``revision``, ``history`` or ``acknowledgements``.

        Returns:
            An :class:`Outcome` with ``trigger`` ``"edit"`` and ``source``
            and ``dest`` the assist's state. When it passed, ``findings``
            holds the errors and warnings still open after the edit;
            when refused, the errors the edit would bring.

        Raises:
            InputError: no change, an unknown or engine-owned field, an
                invalid value (naming the field), or an ``actor``, ``note``,
                ``now`` or ``context`` of the wrong type.
            UnknownStateError: the assist's state is not one of the spec's.
        """
        instant = utc_instant(now)
        if not isinstance(assist, PeerAssist):
            raise InputError.single("assist", "a PeerAssist", type(assist).__name__)
        if assist.state not in self._compiled.states:
            raise UnknownStateError(assist.state, self.spec.states)
        optional_text(actor, "actor")
        optional_text(note, "note")
        check_context(context)
        return apply_edit(
            self._compiled,
            assist,
            changes,
            now=instant,
            actor=actor,
            note=note,
            acknowledge=codes(acknowledge),
            policy=self._policy(assist, policy),
            context=context,
        )

    # -- hooks ----------------------------------------------------------------

    def after_transition(self, hook: Hook) -> Hook:
        """Register ``hook(assist, entry)`` to run after every transition.

        Hooks run after the change is applied, in registration order, after
        the :meth:`on_enter` hooks of the new state. Every hook runs even if
        one fails; the first failure is raised as
        :class:`~peerassist.exceptions.HookError` (the transition stands),
        later ones are added to its notes. Usable as a decorator.

        Returns:
            ``hook``, unchanged.

        Raises:
            InputError: if ``hook`` is not callable.
        """
        return self._hooks.add_after(hook)

    def on_enter(self, state: str, hook: Hook | None = None) -> Any:
        """Register ``hook(assist, entry)`` to run when an assist enters ``state``.

        Also usable as a decorator: ``@workflow.on_enter("scheduling")``.

        Returns:
            ``hook``, or a decorator when no hook is given.

        Raises:
            UnknownStateError: if the spec has no such state.
            InputError: if ``hook`` is not callable.
        """
        if state not in self._compiled.states:
            raise UnknownStateError(state, self.spec.states)
        if hook is None:
            return lambda fn: self._hooks.add_on_enter(state, fn)
        return self._hooks.add_on_enter(state, hook)

    def remove_hook(self, hook: Hook) -> None:
        """Unregister ``hook`` wherever it was registered (no error if absent)."""
        self._hooks.remove(hook)

    # -- internals --------------------------------------------------------------

    def _policy(self, assist: PeerAssist, policy: Policy | None) -> Policy:
        if policy is None:
            return policy_for(assist)
        if not isinstance(policy, Policy):
            raise InputError.single("policy", "a Policy", type(policy).__name__)
        return policy

    def _attempt(
        self,
        assist: PeerAssist,
        trigger: str,
        now: DateTime,
        actor: str | None,
        note: str | None,
        acknowledge: Iterable[str],
        policy: Policy | None,
        context: AssistContext | None,
        changes: Mapping[str, Any] | None,
    ) -> Outcome:
        compiled = self._compiled
        if context is not None:
            check_context(context)
        assist, steps = compiled.step(assist, trigger)
        source = assist.state
        step = steps.get(trigger)
        if step is None:
            return not_allowed(trigger, source, compiled.allowed[source])
        acks = codes(acknowledge)
        if actor is not None:
            optional_text(actor, "actor")
        if note is not None:
            optional_text(note, "note")
        candidate = assist
        if changes:
            candidate = with_changes(assist, step, changes)
        gate = Gate(candidate, step, now, self._policy(assist, policy), context)
        allowed = compiled.allowed[source]
        if not gate.evaluate(compiled, acks):
            return Outcome(
                trigger=trigger,
                source=source,
                dest=step.dest,
                kind=OutcomeKind.BLOCKED,
                findings=gate.blocking,
                checked=gate.checked,
                acknowledged=gate.acknowledged,
                allowed=allowed,
            )
        # The gate passed: the machine moves the stand-in to the destination.
        slot = Slot(source)
        compiled.events[trigger].trigger(slot)
        dest = slot.state
        acknowledged = gate.acknowledged
        entry = build_entry(step.entry_ok, trigger, source, dest, now, actor, note, acknowledged)
        recorded = (
            acknowledgements_of(gate.newly_acknowledged, now, actor, trigger, note)
            if gate.newly_acknowledged
            else ()
        )
        # Everything that can fail has run; apply the change in one place.
        if candidate is not assist:
            for name in changes or ():
                setattr(assist, name, getattr(candidate, name))
        # The engine owns these fields and its values are valid by
        # construction (a state of the checked spec, the next integer,
        # acknowledgements built from checked values), so the model's
        # per-assignment check is skipped on this hot path.
        _SET_STATE(assist, dest)
        assist.history.append(entry)
        _SET_REVISION(assist, assist.revision + 1)
        if recorded:
            object.__setattr__(assist, "acknowledgements", (*assist.acknowledgements, *recorded))
        return Outcome._passed(
            trigger, source, dest, gate.checked, acknowledged, compiled.allowed[dest], entry
        )


# The slots' own setters, for the engine's fields on its hot path (quicker
# than object.__setattr__, and past the model's per-assignment checks, as
# the comment in Workflow._attempt says).
_SET_STATE = PeerAssist.__dict__["state"].__set__
_SET_REVISION = PeerAssist.__dict__["revision"].__set__
