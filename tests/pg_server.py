"""A private PostgreSQL server for the tests, started from the OS's binaries.

``initdb`` and ``pg_ctl`` refuse to run as root, so under root they run as
the ``postgres`` user (``runuser -u postgres --``) in a temporary folder that
user owns; the server listens only on a Unix socket in that folder.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from real import postgres_bin

_COUNTER = itertools.count()


class Server:
    """A running server: make databases on it, stop it when done."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="peerassist-pg-"))
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        self.folder.chmod(0o700)
        data = self.folder / "data"
        self._run(
            "initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
            "--locale=C", "--no-sync",
        )  # fmt: skip
        options = f"-k {self.folder} -c listen_addresses='' -F -c max_connections=60"
        self._run(
            "pg_ctl", "-D", str(data), "-o", options, "-l", str(self.folder / "log"), "-w", "start"
        )
        self.data = data

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)

    def url(self, database: str = "postgres") -> str:
        """A libpq URL for ``database`` over the private socket."""
        return f"postgresql://postgres@/{database}?host={self.folder}"

    def new_database(self) -> str:
        """Create an empty database; return its URL."""
        import psycopg

        name = f"t{os.getpid()}_{next(_COUNTER)}"
        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name}")  # type: ignore[arg-type]
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Iterator[Server]:
    """Start a server (skipping, or failing under PEERASSIST_REQUIRE_REAL,
    when PostgreSQL is not installed), yield it, stop it."""
    server = Server(postgres_bin())
    try:
        yield server
    finally:
        server.stop()
