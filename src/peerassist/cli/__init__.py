"""The ``peerassist`` command (also ``python -m peerassist``).

Subcommands: ``new``, ``check``, ``agenda``, ``timeline``, ``invite``,
``advance``, ``diagram``, ``overlap`` (the shared working hours of
people in several zones), ``plan`` (the main job: check, agenda, timeline,
invites and the briefing pack in one go), ``rsvp`` (read an invitee's
reply), ``report`` (a document), ``schema`` (the file format's JSON
Schema) and ``register`` (past assists, people and lessons). Exit codes:
0 success, 1 findings or a refused transition, 2 bad input (a clear
paragraph naming the file and field; no traceback unless ``--debug``), 3
the file changed since it was read (or its lock was held too long):
nothing was written. A closed pipe (``peerassist check FILE | head
-1``) ends the command quietly with 0. ``--workflow MODULE:NAME`` (or
``PEERASSIST_WORKFLOW``) names a workflow of one's own (see ``_workflow``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from peerassist.cli._agenda_args import add_agenda_options
from peerassist.cli._commands import COMMANDS, CommandError
from peerassist.cli._output import Output
from peerassist.cli._overlap import add_overlap_parser, cmd_overlap
from peerassist.cli._register import add_register_option, add_register_parser, close_register
from peerassist.cli._report import add_report_parser, cmd_report
from peerassist.cli._schema import add_parser as _add_schema_parser
from peerassist.cli._workflow import add_workflow_option, choose_workflow
from peerassist.exceptions import FileChangedError, FileLockedError, PeerAssistError

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_CONFLICT = 3

_RUN = {**COMMANDS, "report": cmd_report, "overlap": cmd_overlap}


def _add_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="an assist as .toml or .json")


def _add_now(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--now",
        metavar="TIME",
        help="the current time, e.g. 2027-03-01T09:00:00Z (default: the clock)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser (public so the docs can show ``--help``)."""
    parser = argparse.ArgumentParser(
        prog="peerassist",
        description=(
            "Plan and run Peer Assists: check an assist against the method, lay out its"
            " agenda and timeline, write calendar invites and move it through its workflow."
        ),
        epilog=(
            "Exit codes: 0 success, 1 findings or a refused transition, 2 bad input,"
            " 3 the file changed since it was read (nothing was written)."
        ),
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    add_workflow_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    new = sub.add_parser("new", help="write a commented starter file for a new assist")
    _add_file(new)
    new.add_argument("--id", help="the assist's id (default: a new random one)")
    new.add_argument("--title", default="A new Peer Assist", help="the assist's title")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")

    check = sub.add_parser("check", help="check an assist against the method at its state")
    _add_file(check)
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--profile", help="policy profile: bp-nhs, clinic or retrospect")
    _add_now(check)
    add_register_option(check)

    agenda = sub.add_parser("agenda", help="show the meeting's agenda")
    _add_file(agenda)
    agenda.add_argument("--tz", metavar="ZONE", help="show times in this IANA zone")
    agenda.add_argument("--format", choices=("text", "markdown", "html", "json"), default="text")
    add_agenda_options(agenda)
    agenda.add_argument(
        "--for",
        dest="for_",
        metavar="EMAIL",
        help="show the agenda in this participant's own zone, noting clock changes",
    )
    agenda.add_argument(
        "--attendee-zones",
        action="store_true",
        help="text and markdown: add a column of times per distinct participant zone",
    )

    timeline = sub.add_parser("timeline", help="show the preparation timeline")
    _add_file(timeline)
    timeline.add_argument("--profile", help="policy profile: bp-nhs, clinic or retrospect")
    timeline.add_argument("--format", choices=("text", "json"), default="text")

    invite = sub.add_parser("invite", help="write the iCalendar invites")
    _add_file(invite)
    invite.add_argument("-o", "--output", metavar="OUT.ics", help="the .ics file to write")
    invite.add_argument("--method", choices=("request", "cancel", "publish"), default="request")
    invite.add_argument(
        "--per-component",
        metavar="DIR",
        help="also write one file per component, without METHOD, for CalDAV storage",
    )
    invite.add_argument("--organizer", choices=("caller", "facilitator"), default="caller")
    invite.add_argument(
        "--out",
        metavar="DIR",
        help="write DIR/invites/ (one iTIP message per event, and who gets which),"
        " DIR/calendar.ics and DIR/organizer-todo.ics, and record what was sent in FILE",
    )
    _add_now(invite)

    advance = sub.add_parser("advance", help="fire a workflow trigger and save the assist")
    _add_file(advance)
    advance.add_argument("trigger", metavar="TRIGGER", help="e.g. begin_research, schedule")
    advance.add_argument("--actor", required=True, metavar="NAME", help="who fires it")
    advance.add_argument(
        "--ack", action="append", default=[], metavar="CODE", help="acknowledge a warning"
    )
    advance.add_argument("--note", metavar="TEXT", help="a note for the audit trail")
    advance.add_argument("--profile", help="policy profile: bp-nhs, clinic or retrospect")
    advance.add_argument(
        "--expect-revision",
        type=int,
        metavar="N",
        help="refuse (exit 3) unless the file is at revision N, the one you looked at",
    )
    _add_now(advance)
    add_register_option(advance)

    diagram = sub.add_parser("diagram", help="draw the workflow as a Mermaid diagram")
    diagram.add_argument("file", nargs="?", metavar="FILE", help="highlight this assist's state")

    plan = sub.add_parser("plan", help="check, agenda, timeline and invites in one go")
    _add_file(plan)
    plan.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    plan.add_argument("--profile", help="policy profile: bp-nhs, clinic or retrospect")
    plan.add_argument("--tz", metavar="ZONE", help="also show the agenda in this zone")
    add_agenda_options(plan)
    _add_now(plan)

    _add_schema_parser(sub)
    rsvp = sub.add_parser("rsvp", help="read an invitee's iTIP reply into the assist")
    _add_file(rsvp)
    rsvp.add_argument("reply", metavar="REPLY.ics", help="the reply, as the mail client wrote it")
    rsvp.add_argument("--organizer", choices=("caller", "facilitator"), default="caller")
    _add_now(rsvp)
    add_report_parser(sub)
    add_overlap_parser(sub, _add_file)
    add_register_option(plan)
    add_register_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, output: Output | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    out = output if output is not None else Output()
    try:
        code = _run(args, out)
        out.flush()
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as standard tools do.
        _silence(out)
        return EXIT_OK
    return code


def _silence(out: Output) -> None:
    """Point stdout at the null device, so the interpreter's last flush cannot fail."""
    if out.out is sys.stdout:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # no real file behind stdout
            pass


def _run(args: argparse.Namespace, out: Output) -> int:
    try:
        choose_workflow(args)
        return _RUN[args.command](args, out)
    except BrokenPipeError:
        raise
    except (FileChangedError, FileLockedError) as error:
        if args.debug:
            raise
        out.error(f"peerassist {args.command}: {error}")
        return EXIT_CONFLICT
    except CommandError as error:
        if args.debug:
            raise
        out.error(f"peerassist {args.command}: {error}")
        return error.exit_code
    except PeerAssistError as error:
        if args.debug:
            raise
        source = getattr(error, "source", None)
        where = "" if source else _file_prefix(args)
        out.error(f"peerassist {args.command}: {where}{error}")
        return EXIT_BAD_INPUT
    except OSError as error:
        if args.debug:
            raise
        name = error.filename if error.filename is not None else ""
        out.error(f"peerassist {args.command}: {name}: {error.strerror or error}")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        out.error("peerassist: interrupted")
        return 130
    finally:
        close_register(args)


def _file_prefix(args: argparse.Namespace) -> str:
    file = getattr(args, "file", None)
    return f"{file}: " if file else ""


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
