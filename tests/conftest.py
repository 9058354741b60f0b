"""Shared test configuration: Hypothesis profiles (see ``profiles.py``)."""

from __future__ import annotations

from profiles import load

load()


# -- the register ------------------------------------------------------------------

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _no_user_register(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No test reads or writes the real per-user register: the data folder is
    a temporary one and PEERASSIST_REGISTER is unset (and PEERASSIST_WORKFLOW:
    the command line uses the default workflow unless a test names one)."""
    monkeypatch.delenv("PEERASSIST_REGISTER", raising=False)
    monkeypatch.delenv("PEERASSIST_WORKFLOW", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "xdg-data"))


@pytest.fixture(scope="session")
def postgres_server():  # type: ignore[no-untyped-def]
    """A private PostgreSQL server for the whole session (see pg_server.py)."""
    import pg_server

    yield from pg_server.start()
