"""Choosing the workflow a command works with: ``--workflow MODULE:NAME``.

A team with a workflow of its own names it the way ``uvicorn app:app``
names an application: the import path of a module, a colon, and the name of
a :class:`~peerassist.workflow.WorkflowSpec` (or of a
:class:`~peerassist.workflow.Workflow`, whose hooks then run) in it. The
option is read first, then the ``PEERASSIST_WORKFLOW`` environment
variable; without either, commands use the default workflow. Every command
that loads an assist, fires a trigger, checks rules or draws the diagram
goes through :func:`load_assist`, :func:`spec_of` and :func:`workflow_of`.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peerassist.model import PeerAssist
    from peerassist.workflow import Workflow, WorkflowSpec

__all__ = [
    "ENV",
    "add_workflow_option",
    "check_state",
    "choose_workflow",
    "load_assist",
    "spec_given",
    "spec_of",
    "workflow_of",
]

ENV = "PEERASSIST_WORKFLOW"
"""The environment variable read when ``--workflow`` is not given."""

_EXPECTED = (
    "MODULE:NAME, the import path of a module and the name in it of a WorkflowSpec"
    " or a Workflow (e.g. myteam.workflows:SPEC)"
)


class WorkflowChoice:
    """The workflow chosen for one run: its spec, and the engine once needed."""

    __slots__ = ("_engine", "given", "spec")

    def __init__(self, spec: WorkflowSpec, engine: Workflow | None, given: bool) -> None:
        self.spec = spec
        self._engine = engine
        self.given = given

    @property
    def engine(self) -> Workflow:
        """The engine: the one named, or one built on the spec when first asked for."""
        if self._engine is None:
            from peerassist.workflow import Workflow

            self._engine = Workflow(self.spec)
        return self._engine


def add_workflow_option(parser: argparse.ArgumentParser) -> None:
    """Add the global ``--workflow MODULE:NAME`` option."""
    parser.add_argument(
        "--workflow",
        metavar="MODULE:NAME",
        help=(
            "a workflow of your own: the WorkflowSpec (or Workflow) NAME in the importable"
            f" module MODULE, e.g. myteam.workflows:SPEC (default: ${ENV}, else the"
            " default workflow)"
        ),
    )


def choose_workflow(args: argparse.Namespace) -> WorkflowChoice:
    """Resolve ``--workflow`` (or ``$PEERASSIST_WORKFLOW``) and keep it on ``args``.

    Raises:
        CommandError: (exit code 2) naming the option, what was expected and
            what was found: no colon, a module that cannot be imported, a
            missing name, or an object that is no workflow.
    """
    given = getattr(args, "workflow", None)
    label = "--workflow"
    if given is None:
        given = os.environ.get(ENV) or None
        label = f"{ENV} (read when --workflow is not given)"
    if given is None:
        from peerassist.workflow import DEFAULT_WORKFLOW

        choice = WorkflowChoice(DEFAULT_WORKFLOW, None, given=False)
    else:
        choice = _resolve(given, label)
    args.workflow_choice = choice
    return choice


def _choice(args: argparse.Namespace) -> WorkflowChoice:
    choice = getattr(args, "workflow_choice", None)
    if isinstance(choice, WorkflowChoice):
        return choice
    return choose_workflow(args)


def spec_of(args: argparse.Namespace) -> WorkflowSpec:
    """The spec of the workflow chosen for this run."""
    return _choice(args).spec


def spec_given(args: argparse.Namespace) -> WorkflowSpec | None:
    """The spec named with ``--workflow`` or the environment; None for the default."""
    choice = _choice(args)
    return choice.spec if choice.given else None


def workflow_of(args: argparse.Namespace) -> Workflow:
    """The engine of the workflow chosen for this run."""
    return _choice(args).engine


def load_assist(path: str, args: argparse.Namespace) -> PeerAssist:
    """Load an assist file and check that its state is one of the chosen workflow's."""
    from peerassist.serialize import load

    assist = load(Path(path))
    check_state(assist, path, args)
    return assist


def check_state(assist: PeerAssist, path: str | os.PathLike[str], args: argparse.Namespace) -> None:
    """Refuse an assist whose state the chosen workflow lacks, naming its states.

    Raises:
        CommandError: (exit code 2) naming the file, the state, the
            workflow's states and the closest one.
    """
    from peerassist.cli._commands import CommandError

    choice = _choice(args)
    spec = choice.spec
    if assist.state in spec.states:
        return
    close = difflib.get_close_matches(assist.state, spec.states, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    if not choice.given:
        hint += (
            "; if the assist follows a workflow of your own, name it with"
            f" --workflow MODULE:NAME or {ENV}"
        )
    raise CommandError(
        f"{path}: state: expected one of the states of the workflow {spec.name!r}"
        f" ({', '.join(spec.states)}), found {assist.state!r}{hint}"
    )


def _resolve(text: str, label: str) -> WorkflowChoice:
    from peerassist.cli._commands import CommandError
    from peerassist.workflow import Workflow, WorkflowSpec

    module_name, colon, attribute = text.partition(":")
    module_name, attribute = module_name.strip(), attribute.strip()
    if not colon or not module_name or not attribute:
        raise CommandError(f"{label}: expected {_EXPECTED}, found {text!r}")
    module = _import(module_name, label)
    value: object = module
    for index, part in enumerate(attribute.split(".")):
        if not hasattr(value, part):
            owner = ".".join([module_name, *attribute.split(".")[:index]])
            close = difflib.get_close_matches(part, _workflows_in(value), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise CommandError(
                f"{label}: expected a WorkflowSpec or a Workflow named {attribute!r} in"
                f" {module_name!r}, found no {part!r} in {owner!r}{hint}{_candidates(module)}"
            )
        value = getattr(value, part)
    if isinstance(value, Workflow):
        return WorkflowChoice(value.spec, value, given=True)
    if isinstance(value, WorkflowSpec):
        return WorkflowChoice(value, None, given=True)
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    raise CommandError(
        f"{label}: expected {module_name}:{attribute} to be a WorkflowSpec or a Workflow,"
        f" found {type(value).__name__} {shown}{_candidates(module)}"
    )


def _import(name: str, label: str) -> object:
    """Import a module by name, from the current folder too (as ``python -m`` would)."""
    from peerassist.cli._commands import CommandError

    try:
        return _import_here(name)
    except ModuleNotFoundError as error:
        if error.name is not None and name != error.name and not name.startswith(f"{error.name}."):
            # The module was found, but something it imports was not.
            raise CommandError(
                f"{label}: expected an importable module {name!r}, found that importing it"
                f" failed: ModuleNotFoundError: {error}"
            ) from error
        raise CommandError(
            f"{label}: expected an importable module {name!r}, found no such module"
            " (on the Python path or in the current folder)"
        ) from error
    except Exception as error:  # the team's own code: any failure is reported, named
        raise CommandError(
            f"{label}: expected an importable module {name!r}, found that importing it"
            f" failed: {type(error).__name__}: {error}"
        ) from error


def _import_here(name: str) -> object:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        here = os.getcwd()
        top = name.split(".")[0]
        if error.name != top or any(p in ("", here) for p in sys.path):
            raise
        # The console script does not put the current folder on the path
        # (``python -m`` does): look there too, as ``uvicorn app:app`` does.
        sys.path.insert(0, here)
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError:
            sys.path.remove(here)
            raise


def _workflows_in(owner: object) -> list[str]:
    """The public names of the specs and workflows an object (a module) holds."""
    from peerassist.workflow import Workflow, WorkflowSpec

    try:
        items = vars(owner).items()
    except TypeError:  # no __dict__
        return []
    return sorted(
        name
        for name, value in items
        if not name.startswith("_") and isinstance(value, WorkflowSpec | Workflow)
    )


def _candidates(module: object) -> str:
    """Name the workflows the module does hold, if any."""
    names = _workflows_in(module)
    if not names:
        return ""
    return f"; it holds {', '.join(names)}"
