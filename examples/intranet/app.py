"""A reference intranet app on peerassist: server-rendered pages, no JavaScript.

It shows what an embedding host does with the library's public API:

- assists live in a register (``peerassist.register.open_register``: a SQLite
  file by default, PostgreSQL for a ``postgresql://`` URL);
- forms are built from the file format's JSON Schema (``forms.py``);
- every change goes through the workflow (``Workflow.fire`` and
  ``Workflow.edit``), so it is in the audit trail and checked by the rules;
- ``revision`` is the ETag: a change names the revision it was made on
  (``If-Match``, or the form's hidden ``revision``), and a stale one gets a
  412 conflict page instead of overwriting someone else's change;
- errors are RFC 9457 problem details (``PeerAssistError.to_problem()``),
  as JSON for API clients and as a page for people.

Run it with ``python examples/intranet/app.py [--register PATH_OR_URL] [--port N]``
(install with ``pip install -e '.[examples]'``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).resolve().parent))

import forms
import pendulum

import peerassist
from peerassist import PeerAssistError, StaleRevisionError, TransitionRefusedError, Workflow
from peerassist.exceptions import InputError, Problem
from peerassist.register import default_register_path, open_register
from peerassist.schema import json_schema

Clock = Callable[[], pendulum.DateTime]

# The sections a person edits; the workflow owns state, revision and history.
SECTIONS = (
    "title",
    "host",
    "purpose",
    "research",
    "visitors",
    "visitors_chosen_by",
    "facilitator",
    "recorder",
    "sponsor",
    "profile",
    "logistics",
    "meeting",
    "follow_up",
)
NEW_FIELDS = ("id", "title", "host")
DOCUMENTS = ("briefing", "record", "actions", "aar", "lessons")

CSS = """
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, sans-serif; max-width: 62rem; margin: 0 auto;
  padding: 1rem 1.5rem; color: #1b1b1b; background: #fff; }
header { display: flex; gap: 1.5rem; align-items: baseline; border-bottom: 2px solid #0b5394;
  margin-bottom: 1rem; }
header a { color: #0b5394; font-weight: 600; text-decoration: none; }
a { color: #0b5394; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #ccc;
  vertical-align: top; }
fieldset { border: 1px solid #bbb; margin: .75rem 0; }
.field { margin: .5rem 0; display: flex; flex-direction: column; max-width: 44rem; }
.field input[type=text], .field select, textarea { font: inherit; padding: .25rem; }
.help { color: #4a4a4a; }
.error, .invalid label { color: #a00000; }
.finding { border-left: 4px solid #888; padding: .25rem .75rem; margin: .5rem 0; }
.finding.error { border-color: #a00000; }
.finding.warning { border-color: #b35c00; }
.conflict { border: 2px solid #a00000; padding: 1rem; }
button { font: inherit; padding: .3rem .9rem; margin: .2rem 0; }
.state { font-weight: 600; }
"""


def page(title: str, body: str, *, status: int = 200, headers: Mapping[str, str] | None = None):
    """A complete, self-contained page: language set, inline CSS, no scripts."""
    html = (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · Peer Assists</title><style>{CSS}</style></head>"
        '<body><header><a href="/">Peer Assists</a><a href="/new">New assist</a>'
        '<form action="/" method="get" role="search"><input name="q" aria-label="Search"'
        ' placeholder="Search assists and lessons"> <button>Search</button></form></header>'
        f"<main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )
    return HTMLResponse(html, status_code=status, headers=dict(headers or {}))


def etag(assist: Any) -> str:
    """The strong ETag of an assist: its revision."""
    return f'"{assist.revision}"'


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept or "application/problem+json" in accept


def problem_response(request: Request, error: PeerAssistError) -> Response:
    """An error as RFC 9457 problem details (JSON) or as a page saying the same."""
    problem = error.to_problem()
    status = int(problem.get("status", 500))
    if _wants_json(request):
        return JSONResponse(problem, status_code=status, media_type="application/problem+json")
    items = "".join(
        f"<li><code>{escape(str(p.get('path') or p.get('code') or ''))}</code> "
        f"{escape(str(p.get('detail') or p.get('message') or p))}</li>"
        for p in problem.get("problems", problem.get("findings", []))
        if isinstance(p, Mapping)
    )
    body = f"<p>{escape(str(problem.get('detail', '')))}</p>"
    if items:
        body += f"<ul>{items}</ul>"
    if isinstance(error, StaleRevisionError):
        body = _conflict(error, kept=False)
    return page(str(problem.get("title", "Error")), body, status=status)


class IntranetApp:
    """The app's state: one register, one workflow, a clock."""

    def __init__(self, register: Any, *, clock: Clock | None = None) -> None:
        self.register = register
        self.workflow = Workflow()
        self.clock: Clock = clock or (lambda: pendulum.now("UTC"))
        self.schema = json_schema()

    # -- helpers -------------------------------------------------------------

    def section_items(self, section: str) -> tuple[forms.Field | forms.Group, ...]:
        """The form of one section, built from the schema."""
        return forms.section(self.schema, section)

    def _actor(self, form: Mapping[str, Any], request: Request) -> str:
        actor = str(form.get("actor") or request.cookies.get("actor") or "").strip()
        if not actor:
            raise InputError.single("actor", "your email address", "nothing")
        return actor

    def _expected_revision(self, request: Request, form: Mapping[str, Any], assist: Any) -> int:
        """The revision the change was made on: If-Match, else the form's ``revision``."""
        header = request.headers.get("if-match")
        raw = header.removeprefix("W/").strip('"') if header else form.get("revision")
        if raw in (None, ""):
            raise InputError.single("If-Match", "the revision you changed (an ETag)", "nothing")
        try:
            expected = int(str(raw))
        except ValueError:
            raise InputError.single("If-Match", "a revision number", repr(raw)) from None
        if expected != assist.revision:
            raise StaleRevisionError(assist.id, expected, assist.revision)
        return expected

    # -- pages ---------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        if text:
            hits = self.register.search(text, limit=20)
            rows = "".join(
                f'<tr><td><a href="/a/{quote(h.assist_id)}">{escape(h.title)}</a></td>'
                f"<td>{escape(h.field)}</td><td>{escape(h.snippet)}</td></tr>"
                for h in hits
            )
            body = (
                f"<p>{len(hits)} results for <q>{escape(text)}</q>.</p>"
                f"<table><thead><tr><th>Assist</th><th>Where</th><th>Match</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>"
            )
            return page("Search", body)
        listing = self.register.list(limit=50, cursor=request.query_params.get("cursor"))
        rows = "".join(
            f'<tr><td><a href="/a/{quote(a.assist_id)}">{escape(a.title)}</a></td>'
            f'<td class="state">{escape(a.state)}</td><td>{a.revision}</td></tr>'
            for a in listing.items
        )
        more = ""
        cursor = listing.next_cursor
        if cursor:
            more = f'<p><a href="/?cursor={quote(str(cursor))}">More</a></p>'
        body = (
            "<table><thead><tr><th>Assist</th><th>State</th><th>Revision</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>{more}"
        )
        return page("Assists", body)

    def new_items(self) -> tuple[forms.Field | forms.Group, ...]:
        """The new-assist form: id, title and host; the rest is edited later."""
        skip = frozenset(self.schema["properties"]) - set(NEW_FIELDS)
        return forms.build(self.schema, self.schema, skip=skip)

    async def new(self, request: Request) -> Response:
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        status = 200
        if request.method == "POST":
            form = dict(await request.form())
            try:
                values = forms.read(self.new_items(), form)
                data = {"schema_version": 1, **values}
                actor = self._actor(form, request)
                assist = peerassist.from_dict(data)
                self.workflow.start(assist, actor=actor, now=self.clock())
                self.register.add(assist)
            except (forms.FormError, InputError) as error:
                errors, status = _bad_form(request, error), 400
            else:
                response = RedirectResponse(f"/a/{quote(assist.id)}", status_code=303)
                response.set_cookie("actor", actor, samesite="strict")
                return response
        body = (
            '<form method="post" action="/new">'
            + _actor_field(request)
            + forms.render(self.new_items(), values, errors)
            + "<button>Create</button></form>"
        )
        return page("New assist", body, status=status)

    async def show(self, request: Request) -> Response:
        assist = self.register.get(request.path_params["id"])
        if request.headers.get("if-none-match") == etag(assist):
            return Response(status_code=304, headers={"ETag": etag(assist)})
        if _wants_json(request):
            return JSONResponse(peerassist.to_dict(assist), headers={"ETag": etag(assist)})
        now = self.clock()
        report = peerassist.validate(assist, now=now, context=self.register)
        findings = "".join(_finding(f) for f in report.findings) or "<p>No findings.</p>"
        allowed = self.workflow.allowed(assist, now=now, context=self.register)
        triggers = "".join(self._trigger_form(request, assist, check) for check in allowed)
        sections = "".join(
            f'<li><a href="/a/{quote(assist.id)}/edit/{s}">{s.replace("_", " ")}</a></li>'
            for s in SECTIONS
        )
        ident = quote(assist.id)
        documents = "".join(
            f'<li><a href="/a/{ident}/documents/{k}">{k}</a></li>' for k in DOCUMENTS
        )
        body = (
            f'<p>State <span class="state" id="state">{escape(assist.state)}</span>,'
            f' revision <span id="revision">{assist.revision}</span>.</p>'
            f"<h2>Next steps</h2>{triggers or '<p>None: the assist is over.</p>'}"
            f"<h2>Findings</h2>{findings}"
            f"<h2>Edit</h2><ul>{sections}</ul>"
            f'<h2>Meeting</h2><ul><li><a href="/a/{ident}/agenda">Agenda</a></li>'
            f'<li><a href="/a/{ident}/invites">Invites</a></li></ul>'
            f"<h2>Documents</h2><ul>{documents}</ul>"
            f"<h2>History</h2>{_history(assist)}"
        )
        return page(assist.title, body, headers={"ETag": etag(assist)})

    def _trigger_form(self, request: Request, assist: Any, check: Any) -> str:
        blocking = list(check.findings)
        acks = "".join(
            f'<label><input type="checkbox" name="acknowledge" value="{escape(f.code)}">'
            f" acknowledge {escape(f.code)}</label><br>"
            for f in blocking
            if str(f.severity) == "warning"
        )
        note = "" if check.ok else f' <span class="help">({len(blocking)} blocking)</span>'
        return (
            f'<form method="post" action="/a/{quote(assist.id)}/fire" class="trigger">'
            f'<input type="hidden" name="trigger" value="{escape(check.trigger)}">'
            f'<input type="hidden" name="revision" value="{assist.revision}">'
            f"{_actor_field(request, hidden=True)}{acks}"
            f'<button name="go" value="{escape(check.trigger)}">{escape(check.trigger)}</button>'
            f"{note}</form>"
        )

    async def fire(self, request: Request) -> Response:
        assist = self.register.get(request.path_params["id"])
        form = await request.form()
        expected = self._expected_revision(request, form, assist)
        actor = self._actor(form, request)
        trigger = str(form.get("trigger", ""))
        outcome = self.workflow.fire(
            assist,
            trigger,
            actor=actor,
            now=self.clock(),
            acknowledge=[str(c) for c in form.getlist("acknowledge")],
            context=self.register,
        )
        if not outcome.ok and _wants_json(request):
            raise TransitionRefusedError(outcome)  # 422 problem details, with the findings
        if not outcome.ok:
            findings = "".join(_finding(f) for f in outcome.findings)
            body = (
                f"<p>The workflow refused <code>{escape(trigger)}</code>; nothing was changed."
                f" Fix these findings, or acknowledge the warnings, and try again.</p>{findings}"
                f'<p><a href="/a/{quote(assist.id)}">Back to the assist</a></p>'
            )
            return page("Not yet", body, status=422)
        self.register.save(assist, expected_revision=expected)
        return RedirectResponse(f"/a/{quote(assist.id)}", status_code=303)

    async def edit(self, request: Request) -> Response:
        assist = self.register.get(request.path_params["id"])
        section = request.path_params["section"]
        if section not in SECTIONS:
            raise InputError.single("section", f"one of {', '.join(SECTIONS)}", repr(section))
        items = self.section_items(section)
        data = peerassist.to_dict(assist)
        values: dict[str, Any] = {section: data.get(section)}
        errors: dict[str, str] = {}
        status = 200
        revision = assist.revision
        notice = ""
        if request.method == "POST":
            form = await request.form()
            try:
                expected = self._expected_revision(request, form, assist)
            except StaleRevisionError as error:
                if _wants_json(request):
                    raise
                # Nothing is lost: the person's values come back in the form, now
                # on the current revision, to check against the new state and resend.
                notice = _conflict(error, kept=True)
                status = 412
                with contextlib.suppress(forms.FormError):
                    values = forms.read(items, form)
            else:
                try:
                    values = forms.read(items, form)
                    actor = self._actor(form, request)
                    data[section] = values.get(section)
                    if data[section] is None:
                        data.pop(section)
                    changed = getattr(peerassist.from_dict(data), section)
                    outcome = self.workflow.edit(
                        assist,
                        actor=actor,
                        now=self.clock(),
                        note=str(form.get("note") or "") or None,
                        **{section: changed},
                    )
                except (forms.FormError, InputError) as error:
                    errors, status = _bad_form(request, error), 400
                else:
                    if outcome.ok:
                        self.register.save(assist, expected_revision=expected)
                        return RedirectResponse(f"/a/{quote(assist.id)}", status_code=303)
                    errors[section] = "; ".join(f"{f.code}: {f.message}" for f in outcome.findings)
                    status = 422
        body = notice + (
            f'<form method="post" action="/a/{quote(assist.id)}/edit/{section}">'
            f'<input type="hidden" name="revision" value="{revision}">'
            + _actor_field(request)
            + forms.render(items, values, errors)
            + (
                f'<p class="error" role="alert">{escape(errors[section])}</p>'
                if section in errors
                else ""
            )
            + '<div class="field"><label for="note">Note for the audit trail</label>'
            '<input type="text" id="note" name="note"></div>'
            "<button>Save</button></form>"
        )
        title = f"{assist.title}: {section.replace('_', ' ')}"
        return page(title, body, status=status, headers={"ETag": etag(assist)})

    async def agenda(self, request: Request) -> Response:
        assist = self.register.get(request.path_params["id"])
        agenda = peerassist.agenda_for(assist)
        return HTMLResponse(agenda.to_html())

    async def invites(self, request: Request) -> Response:
        from peerassist.calendar import messages

        assist = self.register.get(request.path_params["id"])
        method = "CANCEL" if assist.state == "cancelled" else "REQUEST"
        found = messages(assist, method=method, now=self.clock())
        rows = "".join(
            f'<tr><td><a href="/a/{quote(assist.id)}/invites/{quote(m.filename)}"'
            f" download>{escape(m.filename)}</a></td><td>{escape(m.method)}</td>"
            f"<td>{escape(', '.join(m.recipients))}</td></tr>"
            for m in found
        )
        body = (
            "<p>One iTIP message per event: send each to its own recipients.</p>"
            "<table><thead><tr><th>File</th><th>Method</th><th>Recipients</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
        return page(f"{assist.title}: invites", body)

    async def invite(self, request: Request) -> Response:
        from peerassist.calendar import messages

        assist = self.register.get(request.path_params["id"])
        method = "CANCEL" if assist.state == "cancelled" else "REQUEST"
        name = request.path_params["filename"]
        for message in messages(assist, method=method, now=self.clock()):
            if message.filename == name:
                return Response(
                    message.text,
                    media_type=f"text/calendar; method={message.method}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'},
                )
        from peerassist.exceptions import NotFoundError

        raise NotFoundError("invite", name)

    async def document(self, request: Request) -> Response:
        from peerassist.documents import render

        assist = self.register.get(request.path_params["id"])
        kind = request.path_params["kind"]
        return HTMLResponse(render(assist, kind, format="html", now=self.clock()))


def _conflict(error: StaleRevisionError, *, kept: bool) -> str:
    """The conflict notice: who lost what, and what to do next."""
    then = (
        "Your values are kept in the form below, now on the current revision: check them"
        f' against <a href="/a/{quote(error.assist_id)}">the assist</a> and save again.'
        if kept
        else f'<a href="/a/{quote(error.assist_id)}">Reload the assist</a> and try again.'
    )
    return (
        '<div class="conflict" role="alert"><p><strong>Someone else changed this assist'
        f" while you were editing it</strong> (you had revision {error.expected}; it is now"
        f" at revision {error.found}). Nothing you sent was saved.</p><p>{then}</p></div>"
    )


def _bad_form(request: Request, error: forms.FormError | InputError) -> dict[str, str]:
    """A bad form's errors by field path; API clients get 400 problem details instead."""
    if isinstance(error, forms.FormError):
        error = InputError.single(error.path, error.expected, error.found)
    if _wants_json(request):
        raise error
    return _by_path(error.problems)


def _by_path(problems: Iterable[Problem]) -> dict[str, str]:
    found: dict[str, str] = {}
    for problem in problems:
        key = problem.path or "form"
        found[key] = (found[key] + "; " if key in found else "") + str(problem)
    return found


def _actor_field(request: Request, *, hidden: bool = False) -> str:
    actor = escape(request.cookies.get("actor", ""))
    if hidden and actor:
        return f'<input type="hidden" name="actor" value="{actor}">'
    return (
        '<div class="field"><label for="actor">Your email *</label>'
        f'<input type="text" id="actor" name="actor" value="{actor}"></div>'
    )


def _finding(finding: Any) -> str:
    severity = escape(str(finding.severity))
    hint = f"<br><small>{escape(finding.hint)}</small>" if finding.hint else ""
    return (
        f'<div class="finding {severity}"><strong>{severity}</strong>'
        f" <code>{escape(finding.code)}</code>: {escape(finding.message)}{hint}</div>"
    )


def _history(assist: Any) -> str:
    rows = "".join(
        f"<tr><td>{escape(e.at.to_iso8601_string())}</td><td>{escape(e.event)}</td>"
        f"<td>{escape(e.dest)}</td><td>{escape(e.actor or '')}</td></tr>"
        for e in reversed(assist.history)
    )
    return (
        "<table><thead><tr><th>When (UTC)</th><th>Event</th><th>State</th><th>Who</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
    )


def create_app(register: Any, *, clock: Clock | None = None) -> Starlette:
    """Build the app on an open register.

    Args:
        register: a register from ``peerassist.register.open_register``.
        clock: returns "now" (the real clock by default; tests pass their own).
    """
    app = IntranetApp(register, clock=clock)

    async def on_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, PeerAssistError)
        return problem_response(request, error)

    routes = [
        Route("/", app.index),
        Route("/new", app.new, methods=["GET", "POST"]),
        Route("/a/{id}", app.show),
        Route("/a/{id}/fire", app.fire, methods=["POST"]),
        Route("/a/{id}/edit/{section}", app.edit, methods=["GET", "POST"]),
        Route("/a/{id}/agenda", app.agenda),
        Route("/a/{id}/invites", app.invites),
        Route("/a/{id}/invites/{filename}", app.invite),
        Route("/a/{id}/documents/{kind}", app.document),
    ]
    return Starlette(routes=routes, exception_handlers={PeerAssistError: on_error})


def main(argv: list[str] | None = None) -> None:
    """Serve the app with uvicorn."""
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--register",
        metavar="PATH_OR_URL",
        default=os.environ.get("PEERASSIST_REGISTER"),
        help="a SQLite file or a postgresql:// URL (default: $PEERASSIST_REGISTER,"
        " else the per-user register file)",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    target = args.register
    if not target:  # the per-user file the command line uses too
        path = default_register_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        target = str(path)
    register = open_register(target)
    uvicorn.run(create_app(register), host=args.host, port=args.port)


if __name__ == "__main__":
    main()
