"""The storage form against a real CalDAV server (Radicale on 127.0.0.1).

A module fixture starts Radicale on a free port with temporary storage and no
authentication, waits until it answers, and stops it by its PID afterwards,
whatever happened. The tests store an assist's resources with PUT, read them
back with GET and REPORT, then replace them with the rescheduled and the
cancelled versions. No mocks.
"""

from __future__ import annotations

import base64
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from hostile import read_all
from peerassist._time import UTC, DateTime, duration
from peerassist.calendar import mark_sent, messages, to_resources
from peerassist.model import MeetingWindow
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 3, 2, 12, tz=UTC)
USER = "host"
# Radicale with --auth-type none takes the user name from Basic auth as is.
AUTH = "Basic " + base64.b64encode(f"{USER}:unused".encode()).decode()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _request(
    url: str, method: str = "GET", body: str | None = None, headers: dict[str, str] | None = None
) -> tuple[int, str]:
    data = body.encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Authorization", AUTH)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start Radicale on 127.0.0.1 and yield its base URL; stop it by PID after."""
    storage: Path = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "radicale",
        "--config",
        "",
        "--server-hosts",
        f"127.0.0.1:{port}",
        "--auth-type",
        "none",
        "--storage-filesystem-folder",
        str(storage),
        "--web-type",
        "none",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                error = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"Radicale exited with {process.returncode}: {error}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    pass
                status, _ = _request(base + "/", "OPTIONS")
                if status < 500:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("Radicale did not answer within 30 s")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if process.stderr is not None:
            process.stderr.close()


def _mkcalendar(base: str, name: str) -> str:
    url = f"{base}/{USER}/{name}/"
    status, body = _request(url, "MKCALENDAR")
    assert status == 201, body
    return url


def _put_all(url: str, resources: dict[str, str]) -> list[int]:
    return [
        _request(url + name, "PUT", text, {"Content-Type": "text/calendar; charset=utf-8"})[0]
        for name, text in sorted(resources.items())
    ]


def _read_back(url: str, names: list[str]) -> dict[str, dict[str, object]]:
    out = {}
    for name in names:
        status, text = _request(url + name)
        assert status == 200, text
        _, comps = read_all(text)
        assert len(comps) == 1
        out[name] = comps[0]
    return out


REPORT = """<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"/></C:filter>
</C:calendar-query>"""


def test_store_reschedule_and_cancel_on_a_caldav_server(radicale: str) -> None:
    """Radicale accepts every resource; reading them back gives the assist's
    UIDs, instants and SEQUENCE; the rescheduled version replaces the moved
    days with SEQUENCE+1 and the new times; the cancelled one with
    STATUS:CANCELLED and SEQUENCE above every one stored."""
    url = _mkcalendar(radicale, "front-door")
    assist = make_assist("scheduling", now=NOW)
    resources = to_resources(assist, now=NOW)
    assert set(_put_all(url, resources)) == {201}
    names = sorted(resources)
    stored = _read_back(url, names)
    assert {c["sequence"] for c in stored.values()} == {0}
    mark_sent(assist, messages(assist, now=NOW), now=NOW)
    day1 = stored[f"{assist.id}-day1.ics"]
    assert day1["start"] == assist.logistics.windows[0].start.in_tz(UTC)
    assert len(day1["attendees"]) == len(list(assist.participants()))

    status, listing = _request(url, "REPORT", REPORT, {"Depth": "1", "Content-Type": "text/xml"})
    assert status == 207, listing
    assert listing.count("BEGIN:VCALENDAR") == len(resources)
    for comp in stored.values():
        assert comp["uid"] in listing.replace("\r\n ", "")

    week = duration(days=7)
    assist.logistics = attrs.evolve(
        assist.logistics,
        windows=tuple(
            MeetingWindow(start=w.start + week, end=w.end + week) for w in assist.logistics.windows
        ),
    )
    moved = to_resources(assist, now=NOW.add(hours=1))
    assert sorted(moved) == names
    assert set(_put_all(url, moved)) == {204}
    again = _read_back(url, names)
    assert {n: c["sequence"] for n, c in again.items() if c["sequence"]} == {
        f"{assist.id}-day1.ics": 1,
        f"{assist.id}-day2.ics": 1,
    }
    assert again[f"{assist.id}-day1.ics"]["start"] == day1["start"] + week

    cancelled = make_assist("cancelled", now=NOW)
    gone = to_resources(cancelled, now=NOW.add(hours=2), sequence=2)
    assert sorted(gone) == names
    assert set(_put_all(url, gone)) == {204}
    final = _read_back(url, names)
    assert {c["status"] for c in final.values()} == {"CANCELLED"}
    assert {c["sequence"] for c in final.values()} == {2}
    assert [final[n]["uid"] for n in names] == [stored[n]["uid"] for n in names]


def test_server_refuses_an_event_and_a_todo_in_one_resource(radicale: str) -> None:
    """Why the storage form exists: Radicale refuses the whole invite (a
    VEVENT and a VTODO together) as one resource, and takes the split ones."""
    from peerassist.calendar import to_ics

    url = _mkcalendar(radicale, "together")
    assist = make_assist("follow_up", now=NOW)
    text = to_ics(assist, now=NOW).replace("METHOD:REQUEST\r\n", "")
    status, _ = _request(url + "all.ics", "PUT", text, {"Content-Type": "text/calendar"})
    assert status >= 400
    assert set(_put_all(url, to_resources(assist, now=NOW))) == {201}
