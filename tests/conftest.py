"""Shared test configuration: Hypothesis profiles (see ``profiles.py``)."""

from __future__ import annotations

from profiles import load

load()
