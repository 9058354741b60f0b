"""The command line with a workflow of one's own: ``--workflow MODULE:NAME``.

A knowledge team keeps its workflow in ``tests/workflows/approval.py`` (an
``approval`` state checked as scheduling and by the team's own rule, a
``sign_off`` state) and drives a real assist file through the commands, as
it would from its shell.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from peerassist.cli import main
from peerassist.cli._output import Output
from peerassist.model import PeerAssist
from peerassist.serialize import dump, load
from peerassist.testing import make_assist
from peerassist.time import DateTime
from workflows import approval

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
NOW = "2027-03-01T09:00:00Z"
AT = DateTime.create(2027, 3, 1, 9, tz="UTC")
OURS = "workflows.approval:SPEC"
STATES = (
    "scoping, research, scheduling, approval, quarter_1, quarter_2, quarter_3, quarter_4,"
    " feedback, follow_up, sign_off, closed, cancelled"
)
DEFAULT_STATES = (
    "scoping, research, scheduling, quarter_1, quarter_2, quarter_3, quarter_4,"
    " feedback, follow_up, closed, cancelled"
)


@pytest.fixture(autouse=True)
def _no_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No per-user register (another test may have made one): the checks here
    run against nothing stored."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), output=Output(out, err))
    return code, out.getvalue(), err.getvalue()


def write(folder: Path, state: str, name: str = "assist.toml", **changes: object) -> Path:
    """A real assist file of the team's workflow in ``state``."""
    assist = make_assist(state, now=AT, spec=approval.SPEC)
    if changes:
        assist = attrs.evolve(assist, **changes)
    path = folder / name
    dump(assist, path)
    return path


def unscheduled_and_self_approved(assist: PeerAssist) -> dict[str, object]:
    return {
        "logistics": attrs.evolve(assist.logistics, windows=()),
        "sponsor": assist.host.caller,
    }


def troubled(folder: Path) -> Path:
    """An assist awaiting approval with no meeting date, its caller its own sponsor."""
    base = make_assist("approval", now=AT, spec=approval.SPEC)
    return write(folder, "approval", **unscheduled_and_self_approved(base))


# -- check ---------------------------------------------------------------------


def test_check_reports_the_mapped_phase_and_the_teams_rule(tmp_path: Path) -> None:
    """``check`` in ``approval`` reports the scheduling error and the team's own
    rule's error, at the assist's own state, exit 1."""
    path = troubled(tmp_path)
    code, out, err = run("--workflow", OURS, "check", str(path), "--now", NOW)
    assert (code, err) == (1, "")
    assert out == (
        f"{path}: Redesigning the emergency department front door [approval]\n"
        "2 errors, 0 warnings, 0 notes at state 'approval'.\n"
        "\n"
        "Errors:\n"
        "  - The meeting has no date and time yet.\n"
        "    (PA-M08-not-scheduled at logistics.windows [M08])\n"
        "    Hint: Add the meeting's time windows, one per day, in the meeting's zone.\n"
        "  - The caller is also the sponsor approving the plan.\n"
        "    (TEAM-self-approved at sponsor [X03])\n"
        "    Hint: Ask a manager outside the host team to approve the plan and open the"
        " meeting.\n"
    )


def test_check_json_names_the_custom_state(tmp_path: Path) -> None:
    """``check --format json`` gives the custom state and both findings' codes."""
    path = troubled(tmp_path)
    code, out, _ = run("--workflow", OURS, "check", str(path), "--format", "json", "--now", NOW)
    data = json.loads(out)
    assert code == 1
    assert (data["state"], data["ok"], data["errors"]) == ("approval", False, 2)
    assert [f["code"] for f in data["findings"]] == ["PA-M08-not-scheduled", "TEAM-self-approved"]


def test_a_clean_assist_of_the_team_passes(tmp_path: Path) -> None:
    """A sound assist in ``approval`` or ``sign_off`` checks clean, exit 0."""
    for state in ("approval", "sign_off"):
        path = write(tmp_path, state, name=f"{state}.toml")
        code, out, err = run("--workflow", OURS, "check", str(path), "--now", NOW)
        assert (code, err) == (0, "")
        assert f"No findings at state '{state}': nothing to fix." in out


def test_without_the_workflow_a_custom_state_is_named(tmp_path: Path) -> None:
    """Without ``--workflow``, an assist in ``approval`` is refused (exit 2) naming
    the state, the default workflow's states and the way to name one's own."""
    path = write(tmp_path, "approval")
    code, out, err = run("check", str(path), "--now", NOW)
    assert (code, out) == (2, "")
    assert err == (
        f"peerassist check: {path}: state: expected one of the states of the workflow"
        f" 'peer-assist' ({DEFAULT_STATES}), found 'approval'; if the assist follows a"
        " workflow of your own, name it with --workflow MODULE:NAME or PEERASSIST_WORKFLOW\n"
    )


def test_a_misspelt_state_gets_a_suggestion(tmp_path: Path) -> None:
    """A state the chosen workflow lacks lists its states and the closest one."""
    path = write(tmp_path, "approval", history=[])  # a file written by hand
    path.write_text(path.read_text().replace('state = "approval"', 'state = "aproval"'))
    code, _, err = run("--workflow", OURS, "check", str(path), "--now", NOW)
    assert code == 2
    assert err == (
        f"peerassist check: {path}: state: expected one of the states of the workflow"
        f" 'approval' ({STATES}), found 'aproval' (did you mean 'approval'?)\n"
    )
    assert "Traceback" not in err


# -- advance -------------------------------------------------------------------


def test_advance_fires_the_custom_trigger_and_records_it(tmp_path: Path) -> None:
    """``advance submit_for_approval`` moves a scheduled assist to ``approval``,
    writes the file back with the audit entry and the next revision."""
    path = write(tmp_path, "scheduling")
    before = load(path)
    code, out, err = run(
        "--workflow", OURS, "advance", str(path), "submit_for_approval",
        "--actor", "Priya Raman", "--note", "Plan sent to the director.", "--now", NOW,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (
        f"{path}: scheduling -> approval by Priya Raman (revision {before.revision + 1}).\n"
    )
    after = load(path)
    assert (after.state, after.revision) == ("approval", before.revision + 1)
    entry = after.history[-1]
    assert (entry.event, entry.source, entry.dest, entry.actor, entry.note) == (
        "submit_for_approval",
        "scheduling",
        "approval",
        "Priya Raman",
        "Plan sent to the director.",
    )
    assert entry.at == AT
    assert len(after.history) == len(before.history) + 1


def test_advance_walks_the_custom_states_to_the_end(tmp_path: Path) -> None:
    """From ``approval`` the meeting starts; from ``follow_up`` the team signs off
    and closes: each step through the command line, on the file."""
    path = write(tmp_path, "approval")
    assert run("--workflow", OURS, "advance", str(path), "start_meeting", "--actor", "Tom",
               "--now", NOW)[0] == 0  # fmt: skip
    assert load(path).state == "quarter_1"
    done = write(tmp_path, "follow_up", name="done.toml")
    for trigger, state in (("submit_for_sign_off", "sign_off"), ("close", "closed")):
        code, out, err = run("--workflow", OURS, "advance", str(done), trigger, "--actor", "Kate",
                             "--now", NOW)  # fmt: skip
        assert (code, err) == (0, ""), out
        assert load(done).state == state


def test_advance_refused_by_the_teams_rule_changes_nothing(tmp_path: Path) -> None:
    """Leaving ``approval`` runs the scheduling rules and the team's rule: refused
    (exit 1), both errors shown, the file left byte for byte."""
    path = troubled(tmp_path)
    before = path.read_bytes()
    code, out, _ = run("--workflow", OURS, "advance", str(path), "start_meeting",
                       "--actor", "Tom", "--now", NOW)  # fmt: skip
    assert code == 1
    assert out == (
        f"{path}: start_meeting refused (blocked); nothing was changed.\n"
        "  [error] PA-M08-not-scheduled: The meeting has no date and time yet.\n"
        "      hint: Add the meeting's time windows, one per day, in the meeting's zone.\n"
        "  [error] TEAM-self-approved: The caller is also the sponsor approving the plan.\n"
        "      hint: Ask a manager outside the host team to approve the plan and open the"
        " meeting.\n"
    )
    assert path.read_bytes() == before


def test_advance_with_a_default_trigger_the_team_rewired(tmp_path: Path) -> None:
    """``start_meeting`` no longer leaves ``scheduling`` in the team's workflow:
    refused as not allowed, naming the trigger."""
    path = write(tmp_path, "scheduling")
    before = path.read_bytes()
    code, out, _ = run("--workflow", OURS, "advance", str(path), "start_meeting",
                       "--actor", "Tom", "--now", NOW)  # fmt: skip
    assert code == 1
    assert out.startswith(f"{path}: start_meeting refused (not_allowed); nothing was changed.")
    assert path.read_bytes() == before


def test_an_unknown_trigger_gets_the_teams_triggers(tmp_path: Path) -> None:
    """A misspelt trigger is refused (exit 2) with the team's closest trigger."""
    path = write(tmp_path, "scheduling")
    code, _, err = run("--workflow", OURS, "advance", str(path), "submit_for_aproval",
                       "--actor", "Tom", "--now", NOW)  # fmt: skip
    assert code == 2
    assert "unknown trigger 'submit_for_aproval' (did you mean 'submit_for_approval'?)" in err


def test_a_named_workflow_object_is_the_engine_used(tmp_path: Path) -> None:
    """``MODULE:NAME`` may name a Workflow: its hooks run on the transition."""
    path = write(tmp_path, "scheduling")
    approval.FIRED.clear()
    code, _, err = run("--workflow", "workflows.approval:WORKFLOW", "advance", str(path),
                       "submit_for_approval", "--actor", "Tom", "--now", NOW)  # fmt: skip
    assert (code, err) == (0, "")
    assert approval.FIRED == ["scheduling -> approval"]


# -- diagram and the other commands ------------------------------------------------


def test_diagram_draws_the_custom_states(tmp_path: Path) -> None:
    """``diagram`` draws the team's states and triggers, the file's state marked."""
    path = write(tmp_path, "approval")
    code, out, _ = run("--workflow", OURS, "diagram", str(path))
    lines = [line.strip() for line in out.splitlines()]
    assert code == 0
    for line in (
        "scheduling --> approval: submit_for_approval",
        "approval --> quarter_1: start_meeting",
        "follow_up --> sign_off: submit_for_sign_off",
        "sign_off --> closed: close",
        "class approval current",
    ):
        assert line in lines
    assert "scheduling --> quarter_1: start_meeting" not in lines
    code, plain, _ = run("--workflow", OURS, "diagram")
    assert code == 0
    assert "scheduling --> approval: submit_for_approval" in plain
    assert "class approval current" not in plain


@pytest.mark.parametrize(
    ("command", "extra"),
    [
        ("agenda", []),
        ("timeline", []),
        ("overlap", []),
        ("invite", ["-o", "{tmp}/invite.ics"]),
        ("plan", ["--out", "{tmp}/plan"]),
        ("report", ["--kind", "briefing", "--out", "{tmp}/briefing.html"]),
        ("register", []),
    ],
)
def test_every_command_that_loads_an_assist_takes_the_workflow(
    command: str, extra: list[str], tmp_path: Path
) -> None:
    """Each command that reads an assist file works on a custom state with
    ``--workflow`` (exit 0), and without it names the state (exit 2)."""
    path = write(tmp_path, "approval")
    args = [command, str(path), *(e.format(tmp=tmp_path) for e in extra)]
    if command == "register":
        args = ["register", "--register", str(tmp_path / "reg.sqlite3"), "add", str(path)]
    elif command not in ("agenda", "overlap", "report", "timeline"):
        args += ["--now", NOW]
    code, _, err = run(*args)
    assert code == 2
    assert "found 'approval'; if the assist follows a workflow of your own" in err
    code, out, err = run("--workflow", OURS, *args)
    assert (code, err) == (0, ""), out


INTAKE = """
import attrs
from peerassist.workflow import DEFAULT_WORKFLOW, TransitionSpec

_cancel = next(t for t in DEFAULT_WORKFLOW.transitions if t.trigger == "cancel")
SPEC = attrs.evolve(
    DEFAULT_WORKFLOW,
    name="intake",
    states=("intake", *DEFAULT_WORKFLOW.states),
    initial="intake",
    transitions=[
        *(t for t in DEFAULT_WORKFLOW.transitions if t.trigger != "cancel"),
        attrs.evolve(_cancel, sources=("intake", *_cancel.sources)),
        TransitionSpec(trigger="accept", sources="intake", dest="scoping", forward=True),
    ],
)
"""


def test_new_starts_in_the_workflows_initial_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``new`` writes the starter in the initial state of the workflow named
    (``intake`` here), which ``check`` and ``advance`` then take; the default
    workflow's starter stays in ``scoping``."""
    (tmp_path / "intake_flow.py").write_text(INTAKE)
    monkeypatch.syspath_prepend(str(tmp_path))
    path = tmp_path / "new.toml"
    code, out, err = run("--workflow", "intake_flow:SPEC", "new", str(path), "--id", "pa-9")
    assert (code, err) == (0, "")
    assert "a new assist 'pa-9' in state 'intake'" in out
    assert load(path).state == "intake"
    assert run("--workflow", "intake_flow:SPEC", "check", str(path), "--now", NOW)[0] == 0
    code, out, _ = run("--workflow", "intake_flow:SPEC", "advance", str(path), "accept",
                       "--actor", "Kate", "--now", NOW)  # fmt: skip
    assert code == 0, out
    assert load(path).state == "scoping"
    assert run("new", str(tmp_path / "plain.toml"))[0] == 0
    assert load(tmp_path / "plain.toml").state == "scoping"


def test_rsvp_reads_a_reply_into_an_assist_of_the_team(tmp_path: Path) -> None:
    """``rsvp`` records a visitor's reply in an assist awaiting approval (with
    ``--workflow``), and names the state without it, leaving the file alone."""
    from itip import icalendar_reply
    from peerassist.calendar import messages

    path = write(tmp_path, "approval")
    assist = load(path)
    visitor = assist.visitors[0].email
    message = next(m for m in messages(assist, now=AT) if visitor.casefold() in m.recipients)
    reply = tmp_path / "reply.ics"
    reply.write_text(icalendar_reply(message.text, visitor, "ACCEPTED"), encoding="utf-8")
    before = path.read_bytes()
    code, _, err = run("rsvp", str(path), str(reply), "--now", NOW)
    assert code == 2
    assert "found 'approval'" in err
    assert path.read_bytes() == before
    code, out, err = run("--workflow", OURS, "rsvp", str(path), str(reply), "--now", NOW)
    assert (code, err) == (0, "")
    assert f"{visitor.casefold()} accepted {message.component}" in out
    saved = load(path)
    assert (saved.state, saved.revision) == ("approval", assist.revision + 1)
    assert saved.invitations is not None
    assert [r.email for r in saved.invitations.replies] == [visitor]


def test_plan_checks_at_the_custom_state(tmp_path: Path) -> None:
    """``plan`` writes the check of the team's workflow into check.txt."""
    path = troubled(tmp_path)
    code, out, _ = run("--workflow", OURS, "plan", str(path), "--out", str(tmp_path / "p"),
                       "--now", NOW)  # fmt: skip
    assert code == 1
    assert "check.txt, check.md  2 error(s), 0 warning(s) at approval" in out
    check = (tmp_path / "p" / "check.txt").read_text()
    assert check.startswith("2 errors, 0 warnings, 0 notes at state 'approval'.")
    assert "TEAM-self-approved" in check


def test_the_default_workflow_named_changes_nothing() -> None:
    """Naming the default workflow gives the very output of naming none."""
    example = str(ROOT / "examples" / "riverdale-flood.toml")
    plain = run("check", example, "--now", NOW)
    named = run("--workflow", "peerassist.workflow:DEFAULT_WORKFLOW", "check", example,
                "--now", NOW)  # fmt: skip
    assert named == plain
    assert plain[0] == 0


# -- the environment variable --------------------------------------------------------


def test_the_environment_variable_names_the_workflow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PEERASSIST_WORKFLOW stands in for ``--workflow``."""
    path = troubled(tmp_path)
    monkeypatch.setenv("PEERASSIST_WORKFLOW", OURS)
    code, out, _ = run("check", str(path), "--now", NOW)
    assert code == 1
    assert "2 errors, 0 warnings, 0 notes at state 'approval'." in out


def test_the_option_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--workflow`` is used when both are given (a bad variable is not read)."""
    path = write(tmp_path, "approval")
    monkeypatch.setenv("PEERASSIST_WORKFLOW", "no.such.module:SPEC")
    code, _, err = run("--workflow", OURS, "check", str(path), "--now", NOW)
    assert (code, err) == (0, "")


def test_an_empty_environment_variable_means_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PEERASSIST_WORKFLOW set to nothing is the default workflow."""
    monkeypatch.setenv("PEERASSIST_WORKFLOW", "")
    code, _, err = run("check", str(write(tmp_path, "approval")), "--now", NOW)
    assert code == 2
    assert "of the workflow 'peer-assist'" in err


def test_a_bad_environment_variable_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bad PEERASSIST_WORKFLOW is reported under its own name, exit 2."""
    monkeypatch.setenv("PEERASSIST_WORKFLOW", "workflows.approval")
    code, _, err = run("check", str(write(tmp_path, "approval")), "--now", NOW)
    assert code == 2
    assert err.startswith(
        "peerassist check: PEERASSIST_WORKFLOW (read when --workflow is not given): expected"
        " MODULE:NAME"
    )


def _python_m(*argv: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "PEERASSIST_WORKFLOW"}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "peerassist", *argv],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=full,
    )


def test_python_dash_m_with_the_option_and_the_variable(tmp_path: Path) -> None:
    """``python -m peerassist`` takes the option, or the variable, in a real
    process; the module is found on PYTHONPATH."""
    path = write(tmp_path, "scheduling")
    env = {"PYTHONPATH": str(TESTS)}
    result = _python_m("--workflow", OURS, "advance", str(path), "submit_for_approval",
                       "--actor", "Tom", "--now", NOW, cwd=tmp_path, env=env)  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert load(path).state == "approval"
    result = _python_m("check", str(path), "--now", NOW, cwd=tmp_path,
                       env={**env, "PEERASSIST_WORKFLOW": OURS})  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert "[approval]" in result.stdout


def test_the_console_script_finds_a_module_in_the_current_folder(tmp_path: Path) -> None:
    """The ``peerassist`` command imports MODULE from the folder it runs in,
    as ``python -m`` would."""
    script = Path(sys.executable).with_name("peerassist")
    if not script.exists():  # pragma: no cover - an install without the script
        pytest.skip("the peerassist console script is not installed beside this Python")
    (tmp_path / "ourflow.py").write_text(
        "from peerassist.workflow import DEFAULT_WORKFLOW\n"
        "import attrs\n"
        "SPEC = attrs.evolve(DEFAULT_WORKFLOW, name='ours')\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PEERASSIST_WORKFLOW", "PYTHONPATH")}
    result = subprocess.run(
        [str(script), "--workflow", "ourflow:SPEC", "diagram"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert "research --> scheduling: schedule" in result.stdout


# -- bad values ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "workflows.approval",
            "--workflow: expected MODULE:NAME, the import path of a module and the name in it"
            " of a WorkflowSpec or a Workflow (e.g. myteam.workflows:SPEC), found"
            " 'workflows.approval'",
        ),
        (
            ":SPEC",
            "--workflow: expected MODULE:NAME, the import path of a module and the name in it"
            " of a WorkflowSpec or a Workflow (e.g. myteam.workflows:SPEC), found ':SPEC'",
        ),
        (
            "workflows.approvals:SPEC",
            "--workflow: expected an importable module 'workflows.approvals', found no such"
            " module (on the Python path or in the current folder)",
        ),
        (
            "workflows.approval:SPECS",
            "--workflow: expected a WorkflowSpec or a Workflow named 'SPECS' in"
            " 'workflows.approval', found no 'SPECS' in 'workflows.approval' (did you mean"
            " 'SPEC'?); it holds DEFAULT_WORKFLOW, SPEC, WORKFLOW",
        ),
        (
            "workflows.approval:approved_by_another",
            "--workflow: expected workflows.approval:approved_by_another to be a WorkflowSpec"
            " or a Workflow, found FunctionRule <rule TEAM-self-approved (error, approval;"
            " X03)>; it holds DEFAULT_WORKFLOW, SPEC, WORKFLOW",
        ),
        (
            "workflows.approval:SPEC.name",
            "--workflow: expected workflows.approval:SPEC.name to be a WorkflowSpec or a"
            " Workflow, found str 'approval'; it holds DEFAULT_WORKFLOW, SPEC, WORKFLOW",
        ),
    ],
)
def test_a_bad_value_is_one_clear_line(value: str, message: str, tmp_path: Path) -> None:
    """A bad ``--workflow`` names the option, what was expected and what was
    found; exit 2, nothing written, no traceback."""
    path = write(tmp_path, "scheduling")
    before = path.read_bytes()
    code, out, err = run("--workflow", value, "advance", str(path), "submit_for_approval",
                         "--actor", "Tom", "--now", NOW)  # fmt: skip
    assert (code, out) == (2, "")
    assert err == f"peerassist advance: {message}\n"
    assert path.read_bytes() == before


def test_a_module_that_fails_to_import_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A module whose spec is refused when built, or that imports something
    missing, is named with what went wrong (exit 2)."""
    (tmp_path / "broken_flow.py").write_text(
        "import attrs\n"
        "from peerassist.workflow import DEFAULT_WORKFLOW\n"
        "SPEC = attrs.evolve(DEFAULT_WORKFLOW, initial='drafting')\n"
    )
    (tmp_path / "needy_flow.py").write_text("import no_such_dependency_here\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    code, _, err = run("--workflow", "broken_flow:SPEC", "diagram")
    assert code == 2
    assert err.startswith(
        "peerassist diagram: --workflow: expected an importable module 'broken_flow', found"
        " that importing it failed: SpecError: initial: expected one of the states"
    )
    code, _, err = run("--workflow", "needy_flow:SPEC", "diagram")
    assert code == 2
    assert err == (
        "peerassist diagram: --workflow: expected an importable module 'needy_flow', found"
        " that importing it failed: ModuleNotFoundError: No module named"
        " 'no_such_dependency_here'\n"
    )


def test_debug_shows_the_import_failure(tmp_path: Path) -> None:
    """``--debug`` lets the error through, chained to the import's own."""
    with pytest.raises(Exception, match=r"workflows\.approvals") as caught:
        main(["--debug", "--workflow", "workflows.approvals:SPEC", "diagram"])
    assert isinstance(caught.value.__cause__, ModuleNotFoundError)
