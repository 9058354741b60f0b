"""The reference intranet app over HTTP: revisions as ETags, problem details, forms."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from intranet_app import load_app
from peerassist._time import DateTime
from peerassist.register import Register, open_register
from peerassist.testing import make_assist

with warnings.catch_warnings():
    # Starlette's TestClient warns that it will move from httpx to httpx2.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

NOW = DateTime.create(2026, 11, 2, 9, tz="UTC")
ACTOR = "ann.lee@example.org"
NEW_FORM = {
    "actor": ACTOR,
    "id": "pa-front-door",
    "title": "Front door streaming",
    "host.caller.name": "Ann Lee",
    "host.caller.email": ACTOR,
    "host.organisation": "St Elsewhere",
    "host.unit": "Emergency Department",
}


@pytest.fixture
def register(tmp_path: Path) -> Iterator[Register]:
    """An empty SQLite register."""
    with open_register(str(tmp_path / "register.sqlite3")) as opened:
        yield opened


@pytest.fixture
def client(register: Register) -> Iterator[TestClient]:
    """The app on that register, its clock stopped at NOW."""
    app = load_app().create_app(register, clock=lambda: NOW)
    with TestClient(app) as test_client:
        yield test_client


def stored(register: Register, assist: Any) -> str:
    """Add ``assist`` to the register and return its id."""
    register.add(assist)
    return str(assist.id)


def test_create_from_the_form_stores_a_scoping_assist(
    client: TestClient, register: Register
) -> None:
    """Posting the new-assist form stores the assist and redirects to its page."""
    response = client.post("/new", data=NEW_FORM, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/a/pa-front-door"
    assist = register.get("pa-front-door")
    assert assist.title == "Front door streaming"
    assert assist.state == "scoping"
    assert assist.host.caller.email == ACTOR
    assert [entry.actor for entry in assist.history] == [ACTOR]
    page = client.get("/a/pa-front-door")
    assert page.headers["etag"] == '"0"'
    assert 'id="state">scoping<' in page.text


def test_new_form_lists_fields_built_from_the_schema(client: TestClient) -> None:
    """The new-assist form has an input per schema field, named by its dotted path."""
    text = client.get("/new").text
    for name in ("title", "host.caller.name", "host.caller.email", "host.organisation", "id"):
        assert f'name="{name}"' in text


def test_bad_form_is_a_400_naming_the_field_path(client: TestClient) -> None:
    """A form with a bad email comes back as 400 with the error beside that field."""
    data = {**NEW_FORM, "host.caller.email": "not an email"}
    response = client.post("/new", data=data)
    assert response.status_code == 400
    field = re.search(r'<div class="field invalid">.*?</div>', response.text, re.S)
    assert field is not None
    assert 'name="host.caller.email"' in field.group(0)


def test_unknown_assist_is_a_404_problem(client: TestClient) -> None:
    """An unknown id is a 404, as problem details JSON for API clients."""
    response = client.get("/a/nobody", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 404
    assert "nobody" in problem["detail"]


def test_unknown_assist_is_a_404_page_for_people(client: TestClient) -> None:
    """Without asking for JSON, the same error is an HTML page with the same status."""
    response = client.get("/a/nobody")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "nobody" in response.text


def test_show_sends_the_revision_as_etag_and_honours_if_none_match(
    client: TestClient, register: Register
) -> None:
    """The assist's revision is its ETag; a matching If-None-Match gets 304."""
    ident = stored(register, make_assist("scheduling", now=NOW))
    revision = register.get(ident).revision
    response = client.get(f"/a/{ident}", headers={"Accept": "application/json"})
    assert response.headers["etag"] == f'"{revision}"'
    assert response.json()["id"] == ident
    again = client.get(f"/a/{ident}", headers={"If-None-Match": f'"{revision}"'})
    assert again.status_code == 304


def test_edit_saves_through_the_workflow(client: TestClient, register: Register) -> None:
    """Editing a section bumps the revision and records an edit entry with the note."""
    ident = stored(register, make_assist("scoping", now=NOW))
    before = register.get(ident)
    response = client.post(
        f"/a/{ident}/edit/title",
        data={"actor": ACTOR, "revision": str(before.revision), "title": "A new title"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    after = register.get(ident)
    assert after.title == "A new title"
    assert after.revision == before.revision + 1
    assert after.history[-1].actor == ACTOR
    assert len(after.history) == len(before.history) + 1


def test_stale_if_match_is_a_412_and_changes_nothing(
    client: TestClient, register: Register
) -> None:
    """An edit made on an older revision is refused with 412; the stored title stays."""
    ident = stored(register, make_assist("scoping", now=NOW))
    before = register.get(ident)
    stale = before.revision - 1
    response = client.post(
        f"/a/{ident}/edit/title",
        data={"actor": ACTOR, "title": "Lost update"},
        headers={"If-Match": f'"{stale}"', "Accept": "application/json"},
    )
    assert response.status_code == 412
    assert response.json()["status"] == 412
    assert register.get(ident).title == before.title
    assert register.get(ident).revision == before.revision


def test_stale_hidden_revision_gets_the_conflict_page(
    client: TestClient, register: Register
) -> None:
    """The form's hidden revision is checked too; people get a conflict page."""
    ident = stored(register, make_assist("scoping", now=NOW))
    before = register.get(ident)
    response = client.post(
        f"/a/{ident}/edit/title",
        data={"actor": ACTOR, "revision": str(before.revision + 5), "title": "Lost"},
    )
    assert response.status_code == 412
    assert "Someone else changed this assist" in response.text
    assert 'value="Lost"' in response.text  # the person's value is kept in the form
    assert register.get(ident).title == before.title


def test_fire_moves_the_assist_on(client: TestClient, register: Register) -> None:
    """Firing an allowed trigger applies it and stores the next revision."""
    ident = stored(register, make_assist("scheduling", now=NOW))
    before = register.get(ident)
    response = client.post(
        f"/a/{ident}/fire",
        data={"actor": ACTOR, "trigger": "cancel"},
        headers={"If-Match": f'"{before.revision}"'},
        follow_redirects=False,
    )
    assert response.status_code == 303
    after = register.get(ident)
    assert after.state == "cancelled"
    assert after.revision == before.revision + 1


def test_refused_trigger_is_a_422_with_its_findings(client: TestClient, register: Register) -> None:
    """A trigger blocked by a finding is refused with 422 and nothing is stored."""
    client.post("/new", data=NEW_FORM)
    response = client.post(
        "/a/pa-front-door/fire",
        data={"actor": ACTOR, "trigger": "begin_research", "revision": "0"},
    )
    assert response.status_code == 422
    assert "PA-M01-no-problem" in response.text
    assert register.get("pa-front-door").state == "scoping"
    assert register.get("pa-front-door").revision == 0


def test_invite_downloads_as_text_calendar(client: TestClient, register: Register) -> None:
    """A scheduled assist lists its invites and serves each as text/calendar."""
    ident = stored(register, make_assist("scheduling", now=NOW))
    listing = client.get(f"/a/{ident}/invites")
    assert listing.status_code == 200
    names = re.findall(r'/invites/([^"]+\.ics)"', listing.text)
    assert names
    invite = client.get(f"/a/{ident}/invites/{names[0]}")
    assert invite.headers["content-type"].startswith("text/calendar")
    assert invite.text.startswith("BEGIN:VCALENDAR")
    assert "METHOD:REQUEST" in invite.text


def test_agenda_and_documents_are_pages(client: TestClient, register: Register) -> None:
    """The agenda page carries its timeline picture; documents render as HTML."""
    ident = stored(register, make_assist("scheduling", now=NOW))
    agenda = client.get(f"/a/{ident}/agenda")
    assert agenda.status_code == 200
    assert "<svg" in agenda.text
    briefing = client.get(f"/a/{ident}/documents/briefing")
    assert briefing.status_code == 200
    assert briefing.text.lstrip().lower().startswith("<!doctype html")


def test_the_documented_command_serves_the_app(tmp_path: Path) -> None:
    """``python examples/intranet/app.py --register PATH`` serves the list page."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    from intranet_app import APP_DIR

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    target = tmp_path / "assists.sqlite3"
    command = [sys.executable, str(APP_DIR / "app.py"), "--register", str(target)]
    server = subprocess.Popen([*command, "--port", str(port)], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the app did not answer within 20 s"
                time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stderr:
            server.stderr.close()
    assert response.status_code == 200
    assert "<h1>Assists</h1>" in response.text
    assert target.exists()


def test_list_and_search_find_the_stored_assist(client: TestClient, register: Register) -> None:
    """The list shows each stored assist with its state; search finds it by a word."""
    ident = stored(register, make_assist("scheduling", now=NOW))
    listing = client.get("/")
    assert f'href="/a/{ident}"' in listing.text
    assert '<td class="state">scheduling</td>' in listing.text
    found = client.get("/", params={"q": "emergency"})
    assert found.status_code == 200
    assert f'href="/a/{ident}"' in found.text
    nothing = client.get("/", params={"q": "xylophone"})
    assert "0 results" in nothing.text


def test_refused_trigger_is_a_422_problem_for_api_clients(
    client: TestClient, register: Register
) -> None:
    """Asked for JSON, a refused trigger is 422 problem details listing its findings."""
    client.post("/new", data=NEW_FORM)
    response = client.post(
        "/a/pa-front-door/fire",
        data={"actor": ACTOR, "trigger": "begin_research"},
        headers={"If-Match": '"0"', "Accept": "application/json"},
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["status"] == 422
    assert problem["trigger"] == "begin_research"
    codes = [finding["code"] for finding in problem["findings"]]
    assert "PA-M01-no-problem" in codes
    assert register.get("pa-front-door").revision == 0


def test_bad_form_is_a_400_problem_for_api_clients(client: TestClient) -> None:
    """Asked for JSON, a bad form is 400 problem details naming each field path."""
    data = {**NEW_FORM, "host.caller.email": "not an email"}
    response = client.post("/new", data=data, headers={"Accept": "application/json"})
    assert response.status_code == 400
    problem = response.json()
    assert problem["status"] == 400
    assert "host.caller.email" in [item["path"] for item in problem["problems"]]


def test_bad_json_in_a_section_is_a_400_naming_its_field(
    client: TestClient, register: Register
) -> None:
    """A JSON text area holding something that is not JSON is a 400 beside that field."""
    ident = stored(register, make_assist("scoping", now=NOW))
    revision = register.get(ident).revision
    response = client.post(
        f"/a/{ident}/edit/host",
        data={"actor": ACTOR, "revision": str(revision), "host.members": "[{not json"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert [item["path"] for item in response.json()["problems"]] == ["host.members"]
    assert register.get(ident).revision == revision
