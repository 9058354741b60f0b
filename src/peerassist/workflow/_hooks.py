"""Host hooks: callbacks run after a transition has been applied."""

from __future__ import annotations

from collections.abc import Callable

from peerassist.exceptions import HookError, InputError
from peerassist.model import AuditEntry, PeerAssist
from peerassist.workflow._machine import describe

__all__ = ["Hook", "Hooks"]

Hook = Callable[[PeerAssist, AuditEntry], object]
"""A host hook: called with the assist and the new audit entry, after the change."""


def _check(hook: object) -> None:
    if not callable(hook):
        raise InputError.single("hook", "a callable (assist, entry)", repr(hook)[:80])


class Hooks:
    """The hooks registered on one workflow."""

    __slots__ = ("_after", "_on_enter")

    def __init__(self) -> None:
        self._after: list[Hook] = []
        self._on_enter: dict[str, list[Hook]] = {}

    def add_after(self, hook: Hook) -> Hook:
        _check(hook)
        self._after.append(hook)
        return hook

    def add_on_enter(self, state: str, hook: Hook) -> Hook:
        _check(hook)
        self._on_enter.setdefault(state, []).append(hook)
        return hook

    def remove(self, hook: Hook) -> None:
        self._after = [h for h in self._after if h is not hook]
        for state, hooks in list(self._on_enter.items()):
            self._on_enter[state] = [h for h in hooks if h is not hook]

    def run(self, assist: PeerAssist, entry: AuditEntry) -> None:
        """Run the new state's on-enter hooks, then the after-transition ones.

        Every hook runs; the first failure is raised afterwards as a
        :class:`HookError` caused by it, later ones are added to its notes.
        """
        if not self._after and not self._on_enter:
            return
        failure: HookError | None = None
        for hook in (*self._on_enter.get(entry.dest, ()), *self._after):
            try:
                hook(assist, entry)
            except Exception as error:  # reported below, with its cause
                if failure is None:
                    failure = HookError(hook, entry, error)
                else:
                    failure.add_note(f"also failed: {describe(hook)}: {error!r}")
        if failure is not None:
            raise failure from failure.error
