"""The documentation: it covers the public API and maps the whole method.

The Sphinx build itself runs in CI (it takes seconds, too slow and too
heavy for the test suite); these tests check, quickly and without Sphinx,
what the build cannot: that every public name is in the API reference, that
the concepts page's map of the method agrees with the code, and that every
page is reachable. The pages' examples run as doctests on their own.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import peerassist
from peerassist._time import DateTime
from peerassist.agenda import plan_agenda
from peerassist.rules import DEFAULT_RULES
from peerassist.workflow import DEFAULT_WORKFLOW
from test_method_coverage import COVERAGE, ITEMS

DOCS = Path(__file__).resolve().parent.parent / "docs"

# Public modules that have a page of their own elsewhere, not in the API reference.
NOT_IN_API = {
    "peerassist.cli": "the command line has its own page",
    "peerassist.__main__": "runs the command line",
    "peerassist.time": "re-exports pendulum's types; its page lists its functions by hand",
}


def _conf_value(name: str) -> Any:
    """A literal assigned in docs/conf.py (read without importing Sphinx)."""
    tree = ast.parse((DOCS / "conf.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"docs/conf.py assigns no {name}")


API_MODULES: tuple[str, ...] = tuple(_conf_value("API_MODULES"))


def _page(module_name: str) -> str:
    """The API page documenting a module (a submodule shares its parent's)."""
    if module_name == "peerassist.rules.catalogue":
        module_name = "peerassist.rules"
    return (DOCS / "api" / f"{module_name.split('.')[-1]}.md").read_text(encoding="utf-8")


def _excluded(page: str) -> set[str]:
    return {
        name.strip()
        for found in re.findall(r":exclude-members:(.*)", page)
        for name in found.split(",")
        if name.strip()
    }


def _is_constant(obj: object) -> bool:
    return not (inspect.isclass(obj) or inspect.isroutine(obj) or isinstance(obj, ModuleType))


def _homes(name: str, obj: object) -> list[str]:
    """The API modules (but the root) whose page documents ``obj`` as ``name``."""
    return [
        module_name
        for module_name in API_MODULES[1:]
        if getattr(importlib.import_module(module_name), name, None) is obj
        and name in importlib.import_module(module_name).__all__
        and name not in _excluded(_page(module_name))
    ]


# -- The API reference ------------------------------------------------------------


def test_every_public_module_is_in_the_api_reference() -> None:
    """Each public (non-underscored) module of the package is in the reference."""
    found = {"peerassist"}
    for info in pkgutil.walk_packages(peerassist.__path__, "peerassist."):
        if not any(part.startswith("_") for part in info.name.split(".")[1:]):
            found.add(info.name)
    assert sorted(found - set(API_MODULES) - set(NOT_IN_API)) == []
    assert sorted(set(API_MODULES) - found) == []


@pytest.mark.parametrize("module_name", API_MODULES[1:])
def test_each_module_page_documents_its_module(module_name: str) -> None:
    """A module's page runs automodule on it and lists its re-exported constants."""
    page = _page(module_name)
    assert f".. automodule:: {module_name}\n" in page
    assert f"<!-- constants {module_name} -->" in page


@pytest.mark.parametrize("module_name", API_MODULES)
def test_every_public_name_is_documented(module_name: str) -> None:
    """Every name in a module's ``__all__`` gets an entry in the reference.

    Classes and functions need a docstring (autodoc leaves out undocumented
    ones); a name a page excludes must be documented on another page.
    """
    module = importlib.import_module(module_name)
    page = _page(module_name) if module_name != "peerassist" else ""
    undocumented = []
    for name in module.__all__:
        obj = getattr(module, name)
        if isinstance(obj, ModuleType):
            assert obj.__name__ in API_MODULES, name
        elif module_name == "peerassist" or name in _excluded(page):
            if not _homes(name, obj):
                undocumented.append(name)
        elif not _is_constant(obj) and not (obj.__doc__ or "").strip():
            undocumented.append(name)
    assert undocumented == []


def test_root_exports_table_is_generated() -> None:
    """The root's page holds the marker the build replaces with its exports."""
    page = (DOCS / "api" / "peerassist.md").read_text(encoding="utf-8")
    assert ".. automodule:: peerassist\n   :no-members:" in page
    assert "<!-- root-exports -->" in page


# -- Pages and toctrees -------------------------------------------------------------


def _toctree_entries() -> set[str]:
    entries: set[str] = set()
    for path in DOCS.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r"```\{toctree\}\n(.*?)```", text, flags=re.S):
            for line in block.splitlines():
                line = line.strip()
                if line and not line.startswith(":"):
                    base = path.parent.relative_to(DOCS)
                    entries.add((base / line).as_posix())
    return entries


def test_every_page_is_in_a_toctree() -> None:
    """Every page under docs/ is reachable from the index (none is orphaned)."""
    pages = {
        path.relative_to(DOCS).with_suffix("").as_posix()
        for path in DOCS.rglob("*.md")
        if "_build" not in path.parts
    }
    assert sorted(pages - _toctree_entries() - {"index"}) == []


# -- The concepts page's map of the method --------------------------------------------

CONCEPTS = DOCS / "concepts.md"


def _between(text: str, name: str) -> list[str]:
    start = text.index(f"<!-- {name}-start -->")
    end = text.index(f"<!-- {name}-end -->")
    return [line for line in text[start:end].splitlines()[1:] if line.strip()]


def _codes(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def expected_map() -> dict[str, tuple[list[str], list[str], list[str]]]:
    """For each method item: the states its rules are checked from, the rules
    and the agenda slot kinds, as the code says."""
    start = DateTime.create(2026, 3, 10, 9, tz="Europe/London")
    kinds: dict[str, list[str]] = {}
    for preset in ("one-and-a-half-days", "two-days"):
        for slot in plan_agenda(start, preset=preset):
            for ref in slot.refs:
                if slot.kind.value not in kinds.setdefault(ref, []):
                    kinds[ref].append(slot.kind.value)
    result = {}
    for item in ITEMS:
        rules = [rule for rule in DEFAULT_RULES if item in rule.refs]
        phases = {rule.phase for rule in rules}
        states = [state for state in DEFAULT_WORKFLOW.states if state in phases]
        result[item] = (states, [rule.code for rule in rules], kinds.get(item, []))
    return result


def _page_map() -> dict[str, tuple[list[str], list[str], list[str]]]:
    rows = _between(CONCEPTS.read_text(encoding="utf-8"), "method-map")[2:]
    found = {}
    for row in rows:
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        assert len(cells) == 6, row
        found[cells[0]] = (_codes(cells[3]), _codes(cells[4]), _codes(cells[5]))
    return found


def test_concepts_map_lists_every_method_item_once() -> None:
    """The map has one row per method item, M01-M27 then X01-X08."""
    rows = _between(CONCEPTS.read_text(encoding="utf-8"), "method-map")[2:]
    assert [row.split("|")[1].strip() for row in rows] == list(ITEMS)


def test_concepts_map_matches_the_code() -> None:
    """States, rules and agenda slots in the map are what the code encodes."""
    expected = expected_map()
    found = _page_map()
    wrong = {item: expected[item] for item in ITEMS if found.get(item) != expected[item]}
    # On failure, the expected cells to paste, per item: states, rules, slots.
    assert wrong == {}


def test_concepts_map_names_every_rule() -> None:
    """Every built-in rule appears in the map (a new rule cannot go unmapped)."""
    named = {code for _, codes, _ in _page_map().values() for code in codes}
    assert [rule.code for rule in DEFAULT_RULES if rule.code not in named] == []


def test_concepts_states_and_slots_exist() -> None:
    """The map names only real workflow states and agenda slot kinds."""
    from peerassist.agenda import SlotKind

    kinds = {kind.value for kind in SlotKind}
    for states, _, slots in _page_map().values():
        assert set(states) <= set(DEFAULT_WORKFLOW.states)
        assert set(slots) <= kinds


def test_concepts_lists_what_no_rule_can_check() -> None:
    """The page's list of unchecked parts is the method coverage map's, word for word."""
    lines = _between(CONCEPTS.read_text(encoding="utf-8"), "unchecked")
    expected = [
        f"- **{item}**: {covered.unchecked}"
        for item, covered in COVERAGE.items()
        if covered.unchecked
    ]
    assert lines == expected
