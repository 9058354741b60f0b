"""RFC 9457 problem details: ``PeerAssistError.to_problem()`` and the status table."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import pytest

from peerassist import exceptions
from peerassist._problem import STATUSES, pointer, status_table_markdown
from peerassist._time import UTC, DateTime
from peerassist.exceptions import (
    AgendaError,
    CalendarError,
    ConflictError,
    FileFormatError,
    HookError,
    InputError,
    NotFoundError,
    PeerAssistError,
    Problem,
    SpecError,
    StaleRevisionError,
    TransitionRefusedError,
    UnknownStateError,
    UnknownTriggerError,
    WorkflowError,
)
from peerassist.model import AuditEntry, Purpose
from peerassist.serialize import load
from peerassist.testing import make_assist
from peerassist.workflow import Workflow

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "schema.md"
NOW = DateTime(2026, 11, 2, 9, tzinfo=UTC)
ENTRY = AuditEntry(event="schedule", source="research", dest="scheduling", at=NOW)


def _hook(assist: Any, entry: Any) -> None:
    raise RuntimeError("mail server down")


def _refused() -> TransitionRefusedError:
    assist = make_assist("scoping", now=NOW)
    assist.purpose = Purpose()
    outcome = Workflow().fire(assist, "begin_research", now=NOW)
    return TransitionRefusedError(outcome)


EXAMPLES: list[tuple[PeerAssistError, int]] = [
    (InputError.single("title", "non-empty text", "an empty string"), 400),
    (FileFormatError.single("", "JSON text", "invalid JSON at line 1 column 1"), 400),
    (UnknownTriggerError("launch", ["begin_research", "cancel"]), 400),
    (NotFoundError("assist", "pa-missing"), 404),
    (ConflictError("assist", "pa-ed-front-door"), 409),
    (StaleRevisionError("pa-ed-front-door", 2, 3), 412),
    (_refused(), 422),
    (UnknownStateError("drafting", ["scoping", "research"]), 422),
    (AgendaError("the meeting is shorter than its four quarters"), 422),
    (CalendarError("no meeting windows to invite to"), 422),
    (HookError(_hook, ENTRY, RuntimeError("mail server down")), 500),
    (SpecError(["state 'limbo' is unreachable"]), 500),
    (WorkflowError("something else"), 500),
    (PeerAssistError("something else"), 500),
]


@pytest.mark.parametrize(("error", "status"), EXAMPLES, ids=lambda v: type(v).__name__)
def test_each_error_has_its_status(error: PeerAssistError, status: int) -> None:
    """Each error class maps to the status the docs promise, with the RFC 9457 members."""
    problem = error.to_problem()
    assert status == problem["status"]
    assert str(error) == problem["detail"]
    assert problem["type"].startswith("urn:peerassist:problem:")
    assert isinstance(problem["title"], str)
    assert "instance" not in problem
    assert problem == json.loads(json.dumps(problem))


def test_every_error_class_has_its_own_row() -> None:
    """A new error class in peerassist.exceptions needs a deliberate status."""
    classes = {
        obj
        for _, obj in inspect.getmembers(exceptions, inspect.isclass)
        if issubclass(obj, PeerAssistError)
    }
    assert classes == set(STATUSES)
    assert len(STATUSES) >= 14


def test_a_derived_error_takes_its_ancestors_row() -> None:
    """An error class without a row (one a host program derives) uses its nearest ancestor's."""

    class BudgetError(InputError):
        pass

    problem = BudgetError.single("budget", "a number", "text 'lots'").to_problem()
    assert (400, "urn:peerassist:problem:invalid-input") == (problem["status"], problem["type"])


def test_input_error_lists_its_problems_with_paths() -> None:
    """An InputError's body holds each problem: path, JSON Pointer, expected and found."""
    error = InputError(
        [
            Problem("visitors[2].email", "a plausible email address", "'ana at home'"),
            Problem("title", "non-empty text", "an empty string"),
        ],
        source="assist.toml",
    )
    assert {
        "type": "urn:peerassist:problem:invalid-input",
        "title": "The input is not valid",
        "status": 400,
        "detail": (
            "assist.toml: 2 problems:\n"
            "  - visitors[2].email: expected a plausible email address, found 'ana at home'\n"
            "  - title: expected non-empty text, found an empty string"
        ),
        "instance": "/assists/pa-1",
        "problems": [
            {
                "path": "visitors[2].email",
                "pointer": "#/visitors/2/email",
                "expected": "a plausible email address",
                "found": "'ana at home'",
            },
            {
                "path": "title",
                "pointer": "#/title",
                "expected": "non-empty text",
                "found": "an empty string",
            },
        ],
        "source": "assist.toml",
    } == error.to_problem(instance="/assists/pa-1")


def test_a_bad_file_gives_a_problem_per_field() -> None:
    """A real load failure's problem names the file and every field path."""
    path = ROOT / "tests" / "bad_inputs" / "several_problems.toml"
    with pytest.raises(InputError) as caught:
        load(path)
    problem = caught.value.to_problem()
    assert str(path) == problem["source"]
    assert [
        "title",
        "visitors[1].email",
        "logistics.windows[1].end",
        "history[0].at",
    ] == [p["path"] for p in problem["problems"]]


def test_refused_transition_lists_the_blocking_findings() -> None:
    """A refused transition's body names the trigger, the states and every blocking finding."""
    problem = _refused().to_problem()
    assert ("begin_research", "scoping", "research", "blocked") == (
        problem["trigger"],
        problem["state"],
        problem["dest"],
        problem["kind"],
    )
    assert ["begin_research", "cancel"] == problem["allowed"]
    assert [] == problem["acknowledged"]
    assert [
        ("PA-M01-no-problem", "error", "purpose.problem", ["M01"]),
        ("PA-M07-no-decision-date", "warning", "purpose.decision_date", ["M07"]),
        ("PA-M27-no-benefit-case", "warning", "purpose.benefit_cost", ["M27"]),
    ] == [(f["code"], f["severity"], f["path"], f["refs"]) for f in problem["findings"]]
    first = problem["findings"][0]
    assert "The problem the host team wants help with is not defined." == first["message"]
    assert first["hint"].startswith("Write the problem in a few sentences")


def test_a_trigger_not_allowed_is_refused_with_the_allowed_ones() -> None:
    """Firing a trigger not valid from the state gives kind not_allowed and the allowed list."""
    outcome = Workflow().fire(make_assist("scoping", now=NOW), "schedule", now=NOW)
    problem = TransitionRefusedError(outcome).to_problem()
    assert (422, "not_allowed", None) == (problem["status"], problem["kind"], problem["dest"])
    assert ["begin_research", "cancel"] == problem["allowed"]


def test_stale_revision_carries_both_revisions() -> None:
    """A stale save says which revision the client had and which is stored."""
    assert {
        "type": "urn:peerassist:problem:stale-revision",
        "title": "The assist was changed by someone else",
        "status": 412,
        "detail": (
            "assist 'pa-ed-front-door': expected stored revision 2, found 3"
            " (someone else changed it; reload and try again)"
        ),
        "assist_id": "pa-ed-front-door",
        "expected_revision": 2,
        "found_revision": 3,
    } == StaleRevisionError("pa-ed-front-door", 2, 3).to_problem()
    gone = StaleRevisionError("pa-ed-front-door", 2, None).to_problem()
    assert gone["found_revision"] is None


def test_lookup_errors_carry_what_was_looked_for() -> None:
    """Not found and already stored name the kind and key; unknown names list the known ones."""
    assert {"kind": "assist", "key": "pa-missing"}.items() <= (
        NotFoundError("assist", "pa-missing").to_problem().items()
    )
    conflict = ConflictError("assist", "pa-1").to_problem()
    assert ("urn:peerassist:problem:already-stored", "assist", "pa-1") == (
        conflict["type"],
        conflict["kind"],
        conflict["key"],
    )
    trigger = UnknownTriggerError("launch", ["begin_research", "cancel"]).to_problem()
    assert ("launch", ["begin_research", "cancel"]) == (trigger["trigger"], trigger["known"])
    state = UnknownStateError("drafting", ["scoping"]).to_problem()
    assert ("drafting", ["scoping"]) == (state["state"], state["known"])


def test_setup_errors_carry_their_context() -> None:
    """A spec error lists its sentences; a hook error names the hook and the event that stands."""
    spec = SpecError(["state 'limbo' is unreachable", "no initial state"]).to_problem()
    assert ["state 'limbo' is unreachable", "no initial state"] == spec["spec_problems"]
    hook = HookError(_hook, ENTRY, RuntimeError("mail server down")).to_problem()
    assert ("_hook", "schedule") == (hook["hook"], hook["event"])


def test_type_base_points_types_at_your_own_pages() -> None:
    """type_base replaces the URN prefix; instance is the occurrence."""
    problem = NotFoundError("assist", "pa-9").to_problem(
        instance="/assists/pa-9", type_base="https://intranet.example/problems/"
    )
    assert "https://intranet.example/problems/not-found" == problem["type"]
    assert "/assists/pa-9" == problem["instance"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("", "#"),
        ("title", "#/title"),
        ("visitors[2].email", "#/visitors/2/email"),
        ("logistics.windows[0].start", "#/logistics/windows/0/start"),
        ("history[3]", "#/history/3"),
        ("odd/key~1", "#/odd~1key~01"),
    ],
)
def test_pointer(path: str, expected: str) -> None:
    """Field paths become JSON Pointers, escaping '~' and '/'."""
    assert expected == pointer(path)


def test_docs_table_is_the_generated_table() -> None:
    """docs/schema.md holds exactly the table the code generates."""
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("<!-- problem-table-start -->\n") + len("<!-- problem-table-start -->\n")
    end = text.index("<!-- problem-table-end -->")
    assert status_table_markdown() == text[start:end]


def test_table_rows() -> None:
    """The table has a header, a rule line and one row per error class."""
    rows = status_table_markdown().splitlines()
    assert len(STATUSES) + 2 == len(rows)
    assert "| Error | Status | `type` | `title` | When |" == rows[0]
    assert (
        "| `StaleRevisionError` | 412 | `urn:peerassist:problem:stale-revision`"
        " | The assist was changed by someone else"
        " | the compare-and-set on `revision` (If-Match) lost: reload |"
    ) == next(row for row in rows if row.startswith("| `StaleRevisionError`"))
