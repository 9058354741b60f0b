"""The mutation script (``tools/mutate.py``): which mutants it makes of a
module, and that each is the one change it names."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load() -> ModuleType:
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
    assert expected == mutate._constant(value)


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
