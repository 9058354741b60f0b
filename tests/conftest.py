"""Shared test configuration: Hypothesis profiles."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None)
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    deadline=None,
    max_examples=2000,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("PEERASSIST_HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)


# -- the register ------------------------------------------------------------------

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _no_user_register(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No test reads or writes the real per-user register: the data folder is
    a temporary one and PEERASSIST_REGISTER is unset."""
    monkeypatch.delenv("PEERASSIST_REGISTER", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "xdg-data"))


@pytest.fixture(scope="session")
def postgres_server():  # type: ignore[no-untyped-def]
    """A private PostgreSQL server for the whole session (see pg_server.py)."""
    import pg_server

    yield from pg_server.start()
