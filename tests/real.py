"""Real programs the tests use where users would meet them.

PostgreSQL, Chromium, poppler's ``pdftotext`` and libical come from the
operating system, not from pip. On a bare machine (the README's test command)
the tests that need one are skipped with a message saying how to install it;
with ``PEERASSIST_REQUIRE_REAL=1`` in the environment (as ``.ci/run`` sets
it) a missing program is a failure instead, so CI really runs them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

APT = "apt-get install postgresql chromium poppler-utils gir1.2-ical-3.0 python3-gi"


def require(what: str, found: object, *, install: str = APT) -> None:
    """Skip (or, under ``PEERASSIST_REQUIRE_REAL``, fail) when ``found`` is falsy."""
    if found:
        return
    message = f"{what} is not available here; install it with `{install}`"
    if os.environ.get("PEERASSIST_REQUIRE_REAL"):
        pytest.fail(f"{message} (PEERASSIST_REQUIRE_REAL is set, so this is a failure)")
    pytest.skip(message)


def chromium() -> str:
    """The path of Debian's Chromium, or skip/fail."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    require("Chromium", path)
    assert path is not None
    return path


def pdftotext() -> str:
    """The path of poppler's ``pdftotext``, or skip/fail."""
    path = shutil.which("pdftotext")
    require("pdftotext (poppler-utils)", path)
    assert path is not None
    return path


def postgres_bin() -> Path:
    """The folder holding PostgreSQL's ``initdb`` and ``pg_ctl``, or skip/fail."""
    root = Path("/usr/lib/postgresql")
    found = sorted(root.glob("*/bin/initdb")) if root.is_dir() else []
    require("PostgreSQL server binaries", found)
    return found[-1].parent
