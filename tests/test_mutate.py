"""The mutation script (``tools/mutate.py``): which mutants it makes of a
module, that each is the one change it names, and which tests it runs
against each."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load() -> ModuleType:
    # The script imports its parts (tools/_mutate_find.py) from its folder.
    if str(ROOT / "tools") not in sys.path:
        sys.path.insert(0, str(ROOT / "tools"))
    spec = importlib.util.spec_from_file_location("mutate", ROOT / "tools" / "mutate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("mutate", module)
    spec.loader.exec_module(module)
    return module


mutate = _load()

SOURCE = b'''"""A module."""

__all__ = ["f"]
LIMIT = 3


def f(a, b):
    """Say which is larger."""
    if a < b and not b:
        raise ValueError("a is less than b")
    items.append(a)  # pragma: no mutate
    return a + b
'''


def test_mutants_are_listed_with_ids_and_changes() -> None:
    """Each operator gives its mutant, numbered per function in source order;
    docstrings, ``__all__``, prose and lines marked ``pragma: no mutate`` are
    left alone."""
    found = [(m.id, m.line, m.change) for m in mutate.mutants(SOURCE)]
    assert [
        ("<module>#1", 4, "constant: 3 -> 4"),
        ("f#1", 9, "negate condition: a < b and not b -> not (a < b and not b)"),
        ("f#2", 9, "skip block: a < b and not b -> False"),
        ("f#3", 9, "boolean operator: a < b and not b -> (a < b or not b)"),
        ("f#4", 9, "comparison: a < b -> (a <= b)"),
        ("f#5", 9, "drop unary: not b -> (b)"),
        ("f#6", 10, 'remove raise: raise ValueError("a is less than b") -> pass'),
        ("f#7", 12, "return None: return a + b -> return None"),
        ("f#8", 12, "arithmetic: a + b -> (a - b)"),
    ] == found


def test_a_mutant_changes_only_its_own_bytes() -> None:
    """Applying a mutant replaces its span and leaves every other byte."""
    by_id = {m.id: m for m in mutate.mutants(SOURCE)}
    changed = by_id["f#6"].apply(SOURCE).decode()
    assert SOURCE.decode().replace('raise ValueError("a is less than b")', "pass") == changed
    assert SOURCE.decode().replace("return a + b", "return (a - b)") == (
        by_id["f#8"].apply(SOURCE).decode()
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, "False"), (0, "1"), (2.5, "3.5"), ("key", "'XXkeyXX'"), ("", "'XXXX'"), (None, None)],
)
def test_constants_change_to_another_value(value: object, expected: str | None) -> None:
    """Booleans flip, numbers grow by one, text is wrapped; None is kept."""
    assert expected == sys.modules["_mutate_find"]._constant(value)


def test_module_names_and_areas() -> None:
    """A short name, a dotted name and a path name the same module; listed
    modules run their area's tests, others their package's."""
    assert "peerassist.rules._memo" == mutate.module_name("rules._memo")
    assert "peerassist.rules._memo" == mutate.module_name("peerassist.rules._memo")
    assert "peerassist.rules._memo" == mutate.module_name(
        str(ROOT / "src" / "peerassist" / "rules" / "_memo.py")
    )
    assert "tests/test_rules_cache.py" == mutate.area_tests("peerassist.rules._memo")[0]
    assert "tests/test_policy.py" in mutate.area_tests("peerassist.policy")


REACHED = b'''"""A module."""

TABLE = [1]


class Box:
    size = 2

    def grow(self, by=3):
        total = (
            self.size
            + by
        )
        if total > 10:
            return 10
        return total
'''


def test_reach_is_the_statement_and_import_time_code_reaches_every_test() -> None:
    """A mutant reaches the lines of the statement holding it (all of a simple
    statement, the header of an ``if``); module-level code, class bodies and
    defaults run at import."""
    reach = mutate.reaches(REACHED, mutate.mutants(REACHED))
    found = {m.id: m.change for m in mutate.mutants(REACHED)}
    assert "constant: 1 -> 2" == found["<module>#1"]
    assert mutate.Reach(frozenset({3}), True) == reach["<module>#1"]
    assert "constant: 2 -> 3" == found["Box#1"]
    assert mutate.Reach(frozenset({7}), True) == reach["Box#1"]
    assert "constant: 3 -> 4" == found["Box#2"]
    assert reach["Box#2"].at_import
    assert "arithmetic: self.size + by -> (self.size - by)" == found["Box.grow#1"]
    assert mutate.Reach(frozenset({10, 11, 12, 13}), False) == reach["Box.grow#1"]
    assert "comparison: total > 10 -> (total >= 10)" == found["Box.grow#3"]
    assert mutate.Reach(frozenset({14}), False) == reach["Box.grow#3"]


def test_coverage_map_chooses_the_tests_of_a_line_fastest_first() -> None:
    """A line's tests run fastest first; a wider-scoped fixture's line brings
    every test using that instance; a line run outside any test, or code run
    at import, means the whole area; a line no test runs, no test."""
    found = mutate.CoverageMap(
        seconds=9.0,
        durations={"t.py::slow": 2.0, "t.py::fast": 0.5, "t.py::other": 1.0, "u.py::x": 0.1},
        labels={
            4: ["test:t.py::slow", "test:t.py::fast"],
            5: ["fixture:1"],
            6: ["", "test:t.py::slow"],
        },
        instances={"t.py::slow": [], "t.py::other": ["fixture:1"], "u.py::x": ["fixture:1"]},
    )
    assert ["t.py::fast", "t.py::slow"] == found.tests(mutate.Reach(frozenset({4}), False))
    assert ["u.py::x", "t.py::other"] == found.tests(mutate.Reach(frozenset({5}), False))
    assert found.tests(mutate.Reach(frozenset({6}), False)) is None
    assert found.tests(mutate.Reach(frozenset({4}), True)) is None
    assert [] == found.tests(mutate.Reach(frozenset({7, 8}), False))
    assert 2.5 == found.seconds_of(["t.py::slow", "t.py::fast"])
