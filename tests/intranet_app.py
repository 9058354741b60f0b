"""Load the reference intranet app (``examples/intranet/app.py``) for the tests."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

APP_DIR = Path(__file__).resolve().parents[1] / "examples" / "intranet"


def load_app() -> ModuleType:
    """Import the example app module as a user running it would."""
    if str(APP_DIR) not in sys.path:
        sys.path.insert(0, str(APP_DIR))
    return importlib.import_module("app")
