"""peerassist.time: the public time helpers, and docs that use only public modules."""

from __future__ import annotations

import re
from pathlib import Path

import peerassist.time as public_time
from peerassist.time import DateTime, duration, format_instant, parse_instant

ROOT = Path(__file__).parent.parent
PRIVATE_IMPORT = re.compile(r"^\s*(?:>>>\s*)?(?:from|import)\s+peerassist(?:\.\w+)*\._\w+", re.M)


def test_all_is_sorted_and_importable() -> None:
    """Every name of __all__ is there, in sorted order."""
    assert list(public_time.__all__) == sorted(public_time.__all__)
    for name in public_time.__all__:
        assert getattr(public_time, name) is not None


def test_round_trip_of_rfc_9557_text() -> None:
    """An instant written and read back is the same, zone name included."""
    start = DateTime.create(2026, 3, 29, 0, 30, tz="Europe/London")
    later = start + duration(hours=2)
    text = format_instant(later)
    assert text == "2026-03-29T03:30:00+01:00[Europe/London]"
    assert parse_instant(text) == later
    assert parse_instant(text).timezone_name == "Europe/London"


def test_no_doc_imports_a_private_module() -> None:
    """Docs, README and examples import only public modules of peerassist."""
    files = [
        *ROOT.glob("docs/**/*.md"),
        ROOT / "README.md",
        *ROOT.glob("examples/*.py"),
    ]
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for path in files
        for match in PRIVATE_IMPORT.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
