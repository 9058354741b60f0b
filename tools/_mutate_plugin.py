"""The pytest plugin of ``tools/mutate.py``'s coverage run (``-p _mutate_plugin``).

Coverage is started at interpreter start (``COVERAGE_PROCESS_START``, also in
the tests' own subprocesses). This plugin labels what each line was run for:

* ``test:NODEID``: the setup, call or teardown of that test;
* ``fixture:N``: the N-th instance of a fixture scoped wider than a
  function (its setup and its teardown), which every test using that
  instance depends on.

Lines run outside these (imports, collection) keep the empty label. Before
each test the package's ``functools`` caches are emptied, so that a test
that would only have read a cached result runs the cached function too. The
label is also put in ``PEERASSIST_MUTATE_CONTEXT``, which the coverage
configuration of subprocesses takes as their static context.

At the end it writes, as JSON to ``PEERASSIST_MUTATE_FACTS``, each test's
duration (setup + call + teardown, in run order) and the fixture instances
each test used.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Generator
from pathlib import Path
from typing import Any

import coverage
import pytest

_VARIABLE = "PEERASSIST_MUTATE_CONTEXT"
_PACKAGE = "peerassist"

_durations: dict[str, float] = {}
_instances: dict[str, list[str]] = {}
_current: dict[int, str] = {}  # id(fixturedef) -> label of its live instance
_serial = itertools.count(1)


def _switch(label: str) -> str:
    previous = os.environ.get(_VARIABLE, "")
    os.environ[_VARIABLE] = label
    measuring = coverage.Coverage.current()
    if measuring is not None:
        measuring.switch_context(label)
    return previous


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: Any, request: Any) -> Generator[None, Any, Any]:
    """Label the lines a wider-scoped fixture runs with its instance."""
    if fixturedef.scope == "function":
        return (yield)
    label = f"fixture:{next(_serial)}"
    _current[id(fixturedef)] = label
    # Finalizers run last in, first out: the fixture's own teardown, added
    # while it runs, runs between these two, under its label.
    restore: list[str] = []
    fixturedef.addfinalizer(lambda: _switch(restore.pop()) if restore else None)
    previous = _switch(label)
    try:
        return (yield)
    finally:
        _switch(previous)
        fixturedef.addfinalizer(lambda: restore.append(_switch(label)))


def _record_instances(item: pytest.Item) -> None:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return
    used = _instances.setdefault(item.nodeid, [])
    for name in getattr(item, "fixturenames", ()):
        definitions = info.name2fixturedefs.get(name)
        if definitions:
            label = _current.get(id(definitions[-1]))
            if label is not None and label not in used:
                used.append(label)


def _clear_caches() -> None:
    """Empty the package's ``functools`` caches, so that every test that uses
    a cached function runs it, and is counted as one of its tests."""
    for name, module in list(sys.modules.items()):
        if name != _PACKAGE and not name.startswith(f"{_PACKAGE}."):
            continue
        for value in list(vars(module).values()):
            owners = [value, *vars(value).values()] if isinstance(value, type) else [value]
            for owner in owners:
                clear = getattr(owner, "cache_clear", None)
                if callable(clear):
                    clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, Any, Any]:
    """Label the test's setup."""
    _clear_caches()
    _switch(f"test:{item.nodeid}")
    try:
        return (yield)
    finally:
        _record_instances(item)
        _switch("")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, Any, Any]:
    """Label the test's call."""
    _switch(f"test:{item.nodeid}")
    try:
        return (yield)
    finally:
        _switch("")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, Any, Any]:
    """Label the test's teardown."""
    _switch(f"test:{item.nodeid}")
    try:
        return (yield)
    finally:
        _switch("")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Add up the time of each test's phases."""
    _durations[report.nodeid] = _durations.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Write the durations and fixture instances."""
    target = os.environ.get("PEERASSIST_MUTATE_FACTS")
    if target:
        facts = {"durations": _durations, "instances": _instances}
        Path(target).write_text(json.dumps(facts, indent=1) + "\n", encoding="utf-8")
