"""The reference intranet app in a real browser (Debian's Chromium through Playwright).

The app runs under uvicorn on 127.0.0.1 with a clock the test sets. A person
creates an assist through the form, meets a refused trigger and fixes its
finding, walks the assist from scoping to closed, downloads an invite, and
two people editing the same section at once see the second one refused with
the conflict page. With ``PEERASSIST_UPDATE_SCREENSHOTS=1`` the main pages are
captured into ``docs/_static/`` for the docs.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest

import peerassist
from intranet_app import load_app
from peerassist._time import DateTime
from peerassist.register import Register, open_register
from peerassist.testing import make_assist
from real import chromium

NOW = DateTime.create(2026, 3, 2, 9, tz="UTC")
ACTOR = "priya.raman@stelsewhere.nhs.example"
STATIC = Path(__file__).resolve().parents[1] / "docs" / "_static"
SCREENSHOTS = os.environ.get("PEERASSIST_UPDATE_SCREENSHOTS") == "1"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: DateTime) -> None:
        self.now = now

    def __call__(self) -> DateTime:
        return self.now


class Served:
    """The app running under uvicorn in a thread."""

    def __init__(self, register: Register, clock: Clock) -> None:
        import uvicorn

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        self.module = load_app()
        app = self.module.create_app(register, clock=clock)
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", ws="none", lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "the app did not start within 10 s"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def register(tmp_path: Path) -> Iterator[Register]:
    """An empty SQLite register."""
    with open_register(str(tmp_path / "register.sqlite3")) as opened:
        yield opened


@pytest.fixture
def served(register: Register) -> Iterator[tuple[Served, Clock]]:
    """The app on that register, with the test's clock."""
    clock = Clock(NOW)
    with Served(register, clock) as running:
        yield running, clock


@pytest.fixture
def browser() -> Iterator[Any]:
    """Headless Debian Chromium."""
    executable = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


def fill(page: Any, items: Any, data: dict[str, Any], forms: Any) -> None:
    """Fill every input of a schema-built form with ``data``'s value at its path."""
    for field in forms.flatten(items):
        value = forms.value_at(data, field.name)
        locator = page.locator(f'[name="{field.name}"]')
        if field.kind == "checkbox":
            locator.set_checked(bool(value))
        elif field.kind == "select":
            locator.select_option("" if value is None else str(value))
        else:
            locator.fill(forms.shown(field, value))


def shot(page: Any, name: str) -> None:
    """Capture the page for the docs when asked to."""
    if SCREENSHOTS:
        page.screenshot(path=str(STATIC / name), full_page=True)


def test_a_person_walks_an_assist_from_scoping_to_closed(
    served: tuple[Served, Clock], register: Register, browser: Any
) -> None:
    """Create, meet a refusal, fix it, walk to closed, download an invite, list it."""
    server, clock = served
    module = server.module
    forms = module.forms
    made = module.IntranetApp(register)
    closed = make_assist("closed", now=NOW)
    ident = closed.id
    final = peerassist.to_dict(closed)
    page = browser.new_page(viewport={"width": 1100, "height": 900})

    # Create through the schema-built form, with the scoping assist's values.
    clock.now = closed.history[0].at
    page.goto(server.url + "/new")
    page.fill("#actor", ACTOR)
    fill(page, made.new_items(), peerassist.to_dict(make_assist("scoping", now=NOW)), forms)
    page.click("text=Create")
    assert page.url == f"{server.url}/a/{ident}"
    assert page.inner_text("#state") == "scoping"

    # The first trigger is refused: the problem is not written yet.
    page.click('form.trigger button[value="begin_research"]')
    assert "The workflow refused" in page.content()
    assert "PA-M01-no-problem" in page.content()
    assert register.get(ident).state == "scoping"

    # Fixed by writing the purpose section; the finding goes away.
    page.goto(f"{server.url}/a/{ident}/edit/purpose")
    fill(page, made.section_items("purpose"), {"purpose": final["purpose"]}, forms)
    page.click("text=Save")
    assert page.url == f"{server.url}/a/{ident}"
    assert "PA-M01-no-problem" not in page.content()
    assert register.get(ident).purpose.problem == closed.purpose.problem

    walked: list[str] = []
    for entry in closed.history[1:]:
        clock.now = entry.at
        # The sections an assist gains on its way into this state, with their final values.
        gained = peerassist.to_dict(make_assist(entry.dest, now=NOW))
        current = peerassist.to_dict(register.get(ident))
        for section in module.SECTIONS:
            if gained.get(section) == current.get(section):
                continue
            if final.get(section) == current.get(section):
                continue
            page.goto(f"{server.url}/a/{ident}/edit/{section}")
            fill(page, made.section_items(section), {section: final.get(section)}, forms)
            page.click("text=Save")
            assert page.url == f"{server.url}/a/{ident}", page.inner_text("main")
        page.goto(f"{server.url}/a/{ident}")
        if entry.dest == "scheduling":
            shot(page, "intranet-assist.png")
        trigger = page.locator(f'form.trigger:has(button[value="{entry.event}"])')
        for box in trigger.locator('input[name="acknowledge"]').all():
            box.check()
        trigger.locator("button").click()
        assert page.url == f"{server.url}/a/{ident}", page.inner_text("main")
        assert page.inner_text("#state") == entry.dest
        walked.append(page.inner_text("#state"))
        if entry.dest == "scheduling":
            page.goto(f"{server.url}/a/{ident}/agenda")
            assert page.locator("svg").count() >= 1
            shot(page, "intranet-agenda.png")
            page.goto(f"{server.url}/a/{ident}/invites")
            link = page.locator('a[download][href$=".ics"]').first
            with page.expect_download() as info:
                link.click()
            calendar = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
            assert str(calendar["METHOD"]) == "REQUEST"
            events = list(calendar.walk("VEVENT"))
            assert len(events) == 1
            assert ACTOR in str(events[0]["ORGANIZER"])
            assert "ATTENDEE" in events[0]

    assert walked == [
        "research",
        "scheduling",
        "quarter_1",
        "quarter_2",
        "quarter_3",
        "quarter_4",
        "feedback",
        "follow_up",
        "closed",
    ]
    stored = register.get(ident)
    assert stored.state == "closed"
    assert [e.dest for e in stored.history if e.event != "edit"] == [
        "scoping",
        *walked,
    ]
    page.goto(server.url + "/")
    assert page.locator(f'a[href="/a/{ident}"]').count() == 1
    shot(page, "intranet-list.png")


def test_two_people_editing_at_once_do_not_lose_an_update(
    served: tuple[Served, Clock], register: Register, browser: Any
) -> None:
    """The second of two concurrent edits gets the conflict page; the first is kept."""
    server, _ = served
    assist = make_assist("scoping", now=NOW)
    register.add(assist)
    revision = register.get(assist.id).revision
    pages = []
    for _ in range(2):
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{server.url}/a/{assist.id}/edit/title")
        pages.append(page)
    first, second = pages
    first.fill("#actor", "ann.lee@example.org")
    first.fill('[name="title"]', "Streaming at the front door")
    second.fill("#actor", "bob.kay@example.org")
    second.fill('[name="title"]', "Something else entirely")
    first.click("text=Save")
    assert first.url == f"{server.url}/a/{assist.id}"
    with second.expect_response(lambda r: r.request.method == "POST") as answer:
        second.click("text=Save")
    assert answer.value.status == 412
    assert "Someone else changed this assist" in second.inner_text("main")
    # Nothing typed is lost: the value is back in the form, on the current revision.
    assert second.input_value('[name="title"]') == "Something else entirely"
    assert second.input_value('[name="revision"]') == str(revision + 1)
    shot(second, "intranet-conflict.png")
    stored = register.get(assist.id)
    assert stored.title == "Streaming at the front door"
    assert stored.revision == revision + 1
    assert stored.history[-1].actor == "ann.lee@example.org"
