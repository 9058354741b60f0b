"""The package as a whole: its front door and its dependency discipline."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import peerassist

SRC = Path(peerassist.__file__).parent

# Each third-party library is imported in exactly one module (DESIGN.md).
THIRD_PARTY = {
    "attrs": "peerassist/_attrs.py",
    "attr": None,
    "pendulum": "peerassist/_time.py",
    "holidays": "peerassist/_time.py",
    "cattrs": None,
    "tomli_w": None,
    "transitions": None,
    "ics": None,
    "jinja2": "peerassist/documents/_jinja.py",
    "markupsafe": "peerassist/documents/_jinja.py",
    "tomlkit": "peerassist/serialize/_roundtrip.py",
    "filelock": "peerassist/serialize/_update.py",
    "email_validator": "peerassist/model/_check.py",
    "psycopg": "peerassist/register/_postgres.py",
    "platformdirs": "peerassist/register/_open.py",
}


def _imports() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in THIRD_PARTY:
                    found[top].add(path.relative_to(SRC.parent).as_posix())
    return found


def test_each_third_party_library_is_imported_in_one_module() -> None:
    """attrs, pendulum, cattrs, tomli_w, transitions and ics each have one home."""
    found = _imports()
    for library, modules in found.items():
        assert len(modules) == 1, f"{library} is imported in {sorted(modules)}"
        expected = THIRD_PARTY[library]
        if expected is not None:
            assert modules == {expected}
    assert "attr" not in found, "use attrs (through peerassist._attrs), not the old attr"


def test_importing_peerassist_does_not_import_the_register() -> None:
    """The register (sqlite3, psycopg, platformdirs) loads only when used."""
    code = (
        "import sys, peerassist, peerassist.workflow, peerassist.cli; "
        "print(sorted(m for m in ('sqlite3', 'psycopg', 'platformdirs') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "[]" == result.stdout.strip()


def test_importing_peerassist_does_not_import_ics() -> None:
    """ics is imported lazily, so ``import peerassist`` does not pay for it."""
    code = "import sys, peerassist; print('ics' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_importing_peerassist_or_its_documents_does_not_import_jinja2() -> None:
    """Jinja2 is imported on the first render, not by ``import peerassist(.documents)``."""
    code = (
        "import sys, peerassist, peerassist.documents;"
        " print('jinja2' in sys.modules, 'markupsafe' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False False"


def test_all_is_sorted_and_importable() -> None:
    """The front door re-exports names in a sorted ``__all__``, each importable."""
    assert list(peerassist.__all__) == sorted(peerassist.__all__)
    for name in peerassist.__all__:
        assert getattr(peerassist, name) is not None


def test_package_is_typed() -> None:
    """A py.typed marker ships with the package (PEP 561)."""
    assert (SRC / "py.typed").is_file()


# The front door's names are a contract: changing this list is a deliberate,
# changelogged act, never a side effect.
PUBLIC_NAMES = [
    "Agenda",
    "AgendaError",
    "CalendarError",
    "ConflictError",
    "DEFAULT_WORKFLOW",
    "FileFormatError",
    "Finding",
    "Gate",
    "HookError",
    "InputError",
    "NotFoundError",
    "Outcome",
    "OutcomeKind",
    "PeerAssist",
    "PeerAssistError",
    "Policy",
    "Preset",
    "Report",
    "Severity",
    "Slot",
    "SlotKind",
    "SpecError",
    "StaleRevisionError",
    "Timeline",
    "TransitionRefusedError",
    "TransitionSpec",
    "UnknownStateError",
    "UnknownTriggerError",
    "Workflow",
    "WorkflowError",
    "WorkflowSpec",
    "agenda_for",
    "dump",
    "dumps",
    "find_overlap",
    "from_dict",
    "load",
    "loads",
    "plan_agenda",
    "plan_timeline",
    "rule",
    "to_dict",
    "validate",
]


def test_public_names_are_pinned() -> None:
    """``peerassist.__all__`` is exactly the pinned list of public names."""
    assert PUBLIC_NAMES == list(peerassist.__all__)


def test_design_contract_names_exist() -> None:
    """The names outside checks rely on (DESIGN.md) are importable as written."""
    import peerassist.calendar
    import peerassist.rules
    import peerassist.testing

    assert callable(peerassist.calendar.to_ics)
    assert callable(peerassist.testing.make_assist)
    assert peerassist.rules.DEFAULT_RULES
    for rule in peerassist.rules.DEFAULT_RULES:
        assert rule.code
        assert rule.severity in set(peerassist.Severity)
        assert rule.refs
    transition = peerassist.DEFAULT_WORKFLOW.transitions[0]
    assert {"trigger", "sources", "dest"} <= {a.name for a in type(transition).__attrs_attrs__}
    assist = peerassist.testing.make_assist()
    for name in ("id", "title", "state", "history", "revision"):
        assert hasattr(assist, name)
