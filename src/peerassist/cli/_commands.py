"""What each ``peerassist`` subcommand does."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from peerassist._time import DateTime, parse_instant, utc_now
from peerassist.cli._files import build_folder, write_back
from peerassist.cli._invites import cmd_rsvp
from peerassist.cli._output import Output
from peerassist.cli._register import cmd_register, register_for, register_note
from peerassist.cli._schema import cmd_schema
from peerassist.cli._starter import STARTER_TOML
from peerassist.exceptions import InputError, PeerAssistError
from peerassist.model import PeerAssist, new_id
from peerassist.policy import Policy, get_policy

__all__ = ["COMMANDS", "CommandError"]


class CommandError(PeerAssistError):
    """A command that cannot go on; carries its exit code."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


# -- shared steps -----------------------------------------------------------


def _now(args: argparse.Namespace) -> DateTime:
    text = getattr(args, "now", None)
    if text is None:
        return utc_now()
    try:
        return parse_instant(text, "--now")
    except InputError as error:
        raise CommandError(str(error)) from None


def _load(path: str, args: argparse.Namespace) -> PeerAssist:
    """Load an assist file in a state of the workflow chosen (``--workflow``)."""
    from peerassist.cli._workflow import load_assist

    return load_assist(path, args)


def _policy(args: argparse.Namespace, assist: PeerAssist) -> Policy | None:
    name = getattr(args, "profile", None)
    if name is None:
        return None
    try:
        return get_policy(name)
    except InputError as error:
        raise CommandError(f"--profile: {error.problems[0].expected}, found {name!r}") from None


def _write(path: Path, text: str) -> None:
    from peerassist.serialize._text import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def _report_data(report: Any, file: str) -> dict[str, Any]:
    from peerassist.serialize import unstructure

    return {
        "file": file,
        "state": report.state,
        "ok": report.ok,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "infos": len(report.infos),
        "findings": [unstructure(f) for f in report.findings],
    }


def _report_text(report: Any, out: Output) -> str:
    text: str = report.to_text()
    if not out.colour:
        return text
    styles = {"Errors:": "error", "Warnings:": "warning", "Notes:": "info"}
    return "\n".join(
        out.paint(line, styles[line]) if line in styles else line for line in text.split("\n")
    )


def _validate(args: argparse.Namespace, assist: PeerAssist, now: DateTime) -> Any:
    from peerassist.cli._workflow import spec_given
    from peerassist.rules import validate

    return validate(
        assist,
        policy=_policy(args, assist),
        now=now,
        context=register_for(args),
        spec=spec_given(args),
    )


def _agenda(assist: PeerAssist, file: str, args: argparse.Namespace | None = None) -> Any:
    from peerassist.agenda import agenda_for
    from peerassist.cli._agenda_args import agenda_options

    if not assist.logistics.windows:
        raise CommandError(
            f"{file}: logistics.windows: expected at least one meeting window, found none"
            " (schedule the meeting first)"
        )
    options = agenda_options(args) if args is not None else {}
    return agenda_for(assist, **options)


def _timeline(args: argparse.Namespace, assist: PeerAssist, file: str) -> Any:
    from peerassist.agenda import plan_timeline

    decision = assist.purpose.decision_date
    if decision is None:
        raise CommandError(
            f"{file}: purpose.decision_date: expected the date the host team decides, found none"
        )
    meeting = _agenda(assist, file) if assist.logistics.windows else None
    return plan_timeline(
        decision,
        policy=_policy(args, assist) or get_policy(assist.profile),
        meeting=meeting,
        days=max(1, len(assist.logistics.windows)),
    )


def _render_agenda(agenda: Any, fmt: str) -> str:
    if fmt == "markdown":
        return str(agenda.to_markdown())
    if fmt == "html":
        return str(agenda.to_html())
    if fmt == "json":
        return _json(agenda.to_dict())
    return str(agenda.to_text())


# -- the commands -----------------------------------------------------------


def cmd_new(args: argparse.Namespace, out: Output) -> int:
    """Write a commented starter TOML (or a plain JSON) file, in the workflow's initial state."""
    from peerassist.cli._workflow import spec_of
    from peerassist.serialize import dumps, loads

    path = Path(args.file)
    if path.exists() and not args.force:
        raise CommandError(f"{path}: already exists (use --force to overwrite)")
    assist_id = args.id or new_id()
    text = STARTER_TOML.format(file=path.name, id=assist_id, title=_toml_text(args.title))
    initial = spec_of(args).initial
    if initial is not None and initial != "scoping":  # a workflow of one's own starts there
        text = text.replace('\nstate = "scoping"\n', f'\nstate = "{initial}"\n', 1)
    assist = loads(text, "toml")  # checks the id, the title and the template itself
    suffix = path.suffix.lower()
    if suffix == ".json":
        text = dumps(assist, "json")
    elif suffix != ".toml":
        raise CommandError(f"{path}: expected a file name ending in .toml or .json")
    _write(path, text)
    out.print(f"Wrote {path}: a new assist {assist.id!r} in state {assist.state!r}.")
    out.print(f"Next: edit it, then run `peerassist check {path}`.")
    return 0


def _toml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)[1:-1]


def cmd_check(args: argparse.Namespace, out: Output) -> int:
    """Validate an assist at its state."""
    assist = _load(args.file, args)
    report = _validate(args, assist, _now(args))
    if args.format == "json":
        data = _report_data(report, args.file)
        if (register := register_for(args)) is not None:
            data["register"] = register.target
        out.print(_json(data))
    else:
        out.print(f"{args.file}: {assist.title} [{assist.state}]")
        if note := register_note(args):
            out.print(note)
        out.print(_report_text(report, out))
    return 0 if report.ok else 1


def cmd_agenda(args: argparse.Namespace, out: Output) -> int:
    """Print the agenda."""
    from peerassist.cli._agenda_args import local_notes

    assist = _load(args.file, args)
    agenda = _agenda(assist, args.file, args)
    person = getattr(args, "for_", None)
    if person is not None:
        found = assist.find_person(person)
        if found is None:
            raise CommandError(f"--for: expected the email of a participant, found {person!r}")
        agenda = agenda.in_tz(found.timezone)
    elif args.tz:
        agenda = agenda.in_tz(args.tz)
    zones = _attendee_zones(assist) if getattr(args, "attendee_zones", False) else []
    if zones and args.format == "text":
        out.print(agenda.to_text(zones=zones).rstrip("\n"))
    elif zones and args.format == "markdown":
        out.print(agenda.to_markdown(zones=zones).rstrip("\n"))
    else:
        out.print(_render_agenda(agenda, args.format).rstrip("\n"))
    if person is not None and args.format in ("text", "markdown"):
        for note in local_notes(agenda):
            out.print(note)
    return 0


def _attendee_zones(assist: PeerAssist) -> list[str]:
    zones: list[str] = []
    for person, _role in assist.participants():
        if person.timezone is not None and person.timezone not in zones:
            zones.append(person.timezone)
    return zones


def cmd_timeline(args: argparse.Namespace, out: Output) -> int:
    """Print the preparation timeline."""
    assist = _load(args.file, args)
    timeline = _timeline(args, assist, args.file)
    if args.format == "json":
        from peerassist.serialize import unstructure

        data = {
            "decision_date": unstructure(timeline.decision_date),
            "too_late": timeline.too_late,
            "milestones": [unstructure(m) for m in timeline.milestones()],
        }
        out.print(_json(data))
    else:
        out.print(str(timeline.to_text()).rstrip("\n"))
    return 0


def cmd_invite(args: argparse.Namespace, out: Output) -> int:
    """Write the iCalendar invites."""
    from peerassist.calendar import to_ics, to_resources

    assist = _load(args.file, args)
    out_dir = getattr(args, "out", None)
    if not args.output and not args.per_component and not out_dir:
        raise CommandError(
            "expected --out DIR, -o OUT.ics and/or --per-component DIR, found none of them"
        )
    now = _now(args)
    method = args.method.upper()
    if method == "REQUEST" and assist.state == "cancelled":
        method = "CANCEL"  # what the files say for a cancelled assist
    written: list[str] = []
    if out_dir:
        from peerassist.cli._invites import write_invites

        for name, what in write_invites(
            assist, Path(args.file), Path(out_dir), now=now, method=method, organizer=args.organizer
        ):
            out.print(f"  {name}: {what}")
        written.append(f"{out_dir}/")
    if args.output:
        text = to_ics(assist, method=method, now=now, organizer=args.organizer)
        _write(Path(args.output), text)
        written.append(args.output)
    if args.per_component:
        folder = Path(args.per_component)
        resources = to_resources(assist, now=now, organizer=args.organizer)
        for name, text in sorted(resources.items()):
            _write(folder / name, text)
        written.append(f"{folder}/ ({len(resources)} resources)")
    from peerassist.calendar import messages
    from peerassist.cli._invites import sequence_text

    sequences = [m.sequence for m in messages(assist, method=method, now=now)]
    out.print(f"Wrote {', '.join(written)} ({sequence_text(sequences)}, METHOD {method}).")
    return 0


def cmd_advance(args: argparse.Namespace, out: Output) -> int:
    """Fire a trigger on a file-backed assist and write it back (compare-and-set)."""
    from peerassist.cli._workflow import check_state, workflow_of

    path = Path(args.file)
    _load(args.file, args)  # a file that is no assist of this workflow: refused before any lock
    now = _now(args)
    workflow = workflow_of(args)

    def fire(assist: PeerAssist) -> tuple[Any, int]:
        check_state(assist, path, args)
        outcome = workflow.fire(
            assist,
            args.trigger,
            actor=args.actor,
            now=now,
            note=args.note,
            acknowledge=tuple(args.ack),
            policy=_policy(args, assist),
            context=register_for(args),
        )
        return outcome, assist.revision

    outcome, revision = write_back(path, fire, expect_revision=args.expect_revision)
    if note := register_note(args):
        out.print(note)
    if not outcome.ok:
        out.print(f"{path}: {args.trigger} refused ({outcome.kind.value}); nothing was changed.")
        for finding in outcome.findings:
            label = out.paint(f"[{finding.severity.value}]", finding.severity.value)
            out.print(f"  {label} {finding.code}: {finding.message}")
            if finding.hint:
                out.print(f"      hint: {finding.hint}")
        if any(f.severity.value == "warning" for f in outcome.findings):
            out.print("Acknowledge a warning with --ack CODE if it is deliberate.")
        return 1
    out.print(f"{path}: {outcome.source} -> {outcome.dest} by {args.actor} (revision {revision}).")
    return 0


def cmd_diagram(args: argparse.Namespace, out: Output) -> int:
    """Print the workflow as Mermaid, highlighting the assist's state."""
    from peerassist.cli._workflow import spec_of

    current = _load(args.file, args).state if args.file else None
    out.print(spec_of(args).to_mermaid(current).rstrip("\n"))
    return 0


_PLAN_FILES = frozenset(
    {
        "check.txt",
        "check.md",
        "agenda.txt",
        "agenda.md",
        "agenda.html",
        "agenda.json",
        "agenda-local.txt",
        "invite.ics",
        "invites",
        "calendar.ics",
        "organizer-todo.ics",
        "briefing.html",
        "briefing.md",
        "timeline.txt",
    }
)


_PLAN_MARK = ".peerassist-plan"
"""A file ``plan`` leaves in its folder, so a later run knows the folder is its own."""


def _own_folder(folder: Path) -> None:
    """Refuse to replace a folder that holds anything ``plan`` did not write."""
    if not folder.is_dir() or (folder / _PLAN_MARK).is_file():
        return
    others = sorted(p.name for p in folder.iterdir() if p.name not in _PLAN_FILES)
    if others:
        shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
        raise CommandError(
            f"--out {folder}: expected a new folder or one holding only plan's files"
            f" (it is replaced as a whole), found {shown}"
        )


def _plan_files(
    args: argparse.Namespace,
    assist: PeerAssist,
    now: DateTime,
    into: Path,
    written: list[tuple[str, str]],
    skipped: list[str],
) -> Any:
    """Write plan's files into the folder being built; return the check's report."""
    _write(into / _PLAN_MARK, "Written by `peerassist plan`, which replaces this folder whole.\n")
    report = _validate(args, assist, now)
    _write(into / "check.txt", report.to_text() + "\n")
    _write(into / "check.md", report.to_markdown() + "\n")
    verdict = "ok" if report.ok else f"{len(report.errors)} error(s)"
    written.append(
        ("check.txt, check.md", f"{verdict}, {len(report.warnings)} warning(s) at {report.state}")
    )

    if assist.logistics.windows:
        agenda = _agenda(assist, args.file, args)
        _write(into / "agenda.txt", agenda.to_text().rstrip("\n") + "\n")
        _write(into / "agenda.md", agenda.to_markdown().rstrip("\n") + "\n")
        _write(into / "agenda.html", agenda.to_html())
        _write(into / "agenda.json", _json(agenda.to_dict()) + "\n")
        written.append(
            (
                "agenda.txt, .md, .html, .json",
                f"{len(assist.logistics.windows)} meeting day(s), {len(agenda)} slots",
            )
        )
        if args.tz:
            local = agenda.in_tz(args.tz)
            _write(into / "agenda-local.txt", local.to_text().rstrip("\n") + "\n")
            written.append(("agenda-local.txt", f"times in {args.tz}"))
        from peerassist.cli._invites import write_invites

        # A preview: the file is left alone (``invite --out`` records what is sent).
        written += write_invites(assist, Path(args.file), into, now=now, record=False)
    else:
        skipped.append("agenda and invites: no meeting windows yet (logistics.windows)")

    from peerassist.cli._report import write_briefing

    name, what = write_briefing(assist, into, now)
    if name:
        written.append((name, what))
    else:
        skipped.append(what)

    if assist.purpose.decision_date is not None:
        timeline = _timeline(args, assist, args.file)
        _write(into / "timeline.txt", str(timeline.to_text()).rstrip("\n") + "\n")
        written.append(("timeline.txt", f"decision on {assist.purpose.decision_date}"))
    else:
        skipped.append("timeline: no decision date yet (purpose.decision_date)")

    return report


def cmd_plan(args: argparse.Namespace, out: Output) -> int:
    """Check, agenda, timeline, invites and briefing in one go (the folder swapped in whole)."""
    assist = _load(args.file, args)
    now = _now(args)
    folder = Path(args.out)
    _own_folder(folder)
    written: list[tuple[str, str]] = []
    skipped: list[str] = []
    report = build_folder(
        folder, lambda into: _plan_files(args, assist, now, into, written, skipped)
    )

    out.print(f"{assist.title} [{assist.state}, revision {assist.revision}] -> {folder}/")
    if note := register_note(args):
        out.print(note)
    width = max(len(name) for name, _ in written)
    for name, what in written:
        out.print(f"  {name:<{width}}  {what}")
    for note in skipped:
        out.print(f"  skipped: {note}")
    if not report.ok:
        out.print(
            out.paint(f"The check found {len(report.errors)} error(s): see check.txt.", "error")
        )
        return 1
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Output], int]] = {
    "new": cmd_new,
    "check": cmd_check,
    "agenda": cmd_agenda,
    "timeline": cmd_timeline,
    "invite": cmd_invite,
    "advance": cmd_advance,
    "diagram": cmd_diagram,
    "plan": cmd_plan,
    "schema": cmd_schema,
    "rsvp": cmd_rsvp,
    "register": cmd_register,
}
