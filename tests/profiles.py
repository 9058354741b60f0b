"""Hypothesis profiles, and example budgets that grow with the profile.

Pick one with ``HYPOTHESIS_PROFILE`` (``CI`` set means ``ci``):

* ``default``: Hypothesis' usual budget, no deadline, the example database
  on (a failure found once is tried first next time);
* ``ci``: the same budget, derandomized (the same examples on every run,
  so a red CI run is reproducible) and without the database; the
  mutation script (``tools/mutate.py``) runs the tests with it;
* ``thorough``: ten times the examples everywhere, for a contributor
  changing a property-tested part (``HYPOTHESIS_PROFILE=thorough
  python -m pytest tests/test_agenda_properties.py``); some properties
  find rare edges only at that budget.

A test that sets its own budget writes ``@settings(max_examples=examples(60))``
so that ``thorough`` scales it too (an explicit ``max_examples`` otherwise
wins over the profile's).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

__all__ = ["PROFILE", "examples", "load"]

_SCALE = {"default": 1, "ci": 1, "thorough": 10}

PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
"""The profile in force for this run."""

if PROFILE not in _SCALE:
    raise RuntimeError(
        f"HYPOTHESIS_PROFILE: expected one of {', '.join(_SCALE)}, found {PROFILE!r}"
    )


def examples(count: int) -> int:
    """``count`` examples at the default budget, scaled for the profile in force."""
    return count * _SCALE[PROFILE]


def load() -> None:
    """Register the profiles and load the one in force."""
    settings.register_profile("default", deadline=None)
    settings.register_profile(
        "ci",
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile(
        "thorough",
        deadline=None,
        max_examples=examples(100),
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.load_profile(PROFILE)
