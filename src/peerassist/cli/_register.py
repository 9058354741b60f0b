"""``peerassist register ...``, and the register that ``check``, ``advance`` and ``plan`` use.

Which register: ``--register PATH_OR_URL``, else the ``PEERASSIST_REGISTER``
environment variable, else the per-user file in the platform's data folder.
The ``register`` subcommands create the default file on first use;
``check``, ``advance`` and ``plan`` use a register only when one exists
(the default file is never created by them) and say so in their output.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peerassist.cli._output import Output

if TYPE_CHECKING:
    from peerassist.register import Register

__all__ = [
    "add_register_option",
    "add_register_parser",
    "close_register",
    "cmd_register",
    "register_for",
]

_OPENED = "_peerassist_register"


def add_register_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--register PATH_OR_URL`` to a subcommand's parser."""
    parser.add_argument(
        "--register",
        metavar="PATH_OR_URL",
        help="the register of past assists: a SQLite file or a postgresql:// URL"
        " (default: $PEERASSIST_REGISTER, else the per-user file)",
    )


def add_register_parser(sub: Any) -> None:
    """Add ``register`` and its subcommands to the top-level subparsers."""
    register = sub.add_parser(
        "register", help="store, find and search past assists, their people and lessons"
    )
    add_register_option(register)
    actions = register.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="store an assist from a file")
    add.add_argument("file", metavar="FILE", help="an assist as .toml or .json")
    update = actions.add_parser(
        "update", help="store a newer revision of a stored assist from its file"
    )
    update.add_argument("file", metavar="FILE", help="an assist as .toml or .json")
    get = actions.add_parser("get", help="print a stored assist")
    get.add_argument("id", metavar="ID")
    get.add_argument("--format", choices=("toml", "json"), default="toml")
    listing = actions.add_parser("list", help="list stored assists, most recent first")
    listing.add_argument("--state", help="only assists in this state")
    listing.add_argument("--person", metavar="EMAIL", help="only assists this person is in")
    listing.add_argument("--since", metavar="TIME", help="only assists stored since then")
    listing.add_argument("--archived", action="store_true", help="list archived assists")
    listing.add_argument("--limit", type=int, default=20, help="items per page (default 20)")
    listing.add_argument("--cursor", help="the next page's cursor, as printed")
    search = actions.add_parser("search", help="search problems, options, insights and lessons")
    search.add_argument("text", metavar="TEXT", nargs="+")
    search.add_argument("--limit", type=int, default=10)
    person = actions.add_parser("person", help="every assist a person took part in")
    person.add_argument("email", metavar="EMAIL")
    suspects = actions.add_parser("suspects", help="people invited more often than allowed")
    suspects.add_argument("--now", metavar="TIME", help="count back from this time")
    suspects.add_argument("--window-days", type=int, help="how far back (policy default)")
    suspects.add_argument("--threshold", type=int, help="most visits allowed (policy default)")
    export = actions.add_parser("export", help="write a stored assist to a file")
    export.add_argument("id", metavar="ID")
    export.add_argument("file", metavar="FILE", help="a .toml or .json file to write")
    similar = actions.add_parser("similar", help="stored assists on a similar problem")
    similar.add_argument("file", metavar="FILE_OR_ID", help="an assist file or a stored id")
    actions.add_parser("lessons", help="lessons not yet shared, with audiences to consider")
    archive = actions.add_parser("archive", help="archive a stored assist")
    archive.add_argument("id", metavar="ID")


def _target(args: argparse.Namespace) -> tuple[str, bool]:
    """The register's path or URL, and whether it was named explicitly."""
    from peerassist.register import ENV_VAR, default_register_path

    given = getattr(args, "register", None) or os.environ.get(ENV_VAR)
    if given:
        return given, True
    return str(default_register_path()), False


def _open(target: str) -> Register:
    from peerassist.register import open_register

    return open_register(target)


def register_for(args: argparse.Namespace) -> Register | None:
    """The register ``check``, ``advance`` and ``plan`` use, if one exists.

    A register named by ``--register`` or ``PEERASSIST_REGISTER`` must
    exist; the default file is used only when it is already there.

    Raises:
        CommandError: a named register file that does not exist.
    """
    from peerassist.cli._commands import CommandError

    if hasattr(args, _OPENED):
        opened: Register | None = getattr(args, _OPENED)
        return opened
    target, explicit = _target(args)
    is_url = "://" in target
    register: Register | None = None
    if is_url or Path(target).is_file():
        register = _open(target)
    elif explicit:
        raise CommandError(
            f"--register: no register at {target} (create one with `peerassist register add FILE`)"
        )
    setattr(args, _OPENED, register)
    return register


def close_register(args: argparse.Namespace) -> None:
    """Close the register :func:`register_for` opened, if any."""
    register = getattr(args, _OPENED, None)
    if register is not None:
        register.close()


def register_note(args: argparse.Namespace) -> str | None:
    """The line saying which register was used, if any."""
    register = getattr(args, _OPENED, None)
    if register is None:
        return None
    target = getattr(register, "target", "")
    return f"Checked against the register {target} (prior work M03, similar work M04, M11)."


def cmd_register(args: argparse.Namespace, out: Output) -> int:
    """Run a ``register`` action."""
    target, _ = _target(args)
    with _open(target) as register:
        return _ACTIONS[args.action](register, args, out)


def _add(register: Register, args: argparse.Namespace, out: Output) -> int:
    from peerassist.cli._commands import CommandError, _load
    from peerassist.exceptions import ConflictError

    assist = _load(args.file, args)
    try:
        register.add(assist)
    except ConflictError:
        raise CommandError(
            f"{args.file}: assist {assist.id!r} is already stored; store a newer revision"
            " with `peerassist register update FILE`"
        ) from None
    out.print(f"Added {assist.id!r} ({assist.state}, revision {assist.revision}) to the register.")
    return 0


def _update(register: Register, args: argparse.Namespace, out: Output) -> int:
    """Store the file's assist over the stored one when the file is newer
    (a compare-and-set on the stored revision, so a save in between is refused)."""
    from peerassist.cli._commands import CommandError, _load

    assist = _load(args.file, args)
    stored = register.revision(assist.id)
    if assist.revision <= stored:
        raise CommandError(
            f"{args.file}: expected a revision newer than the stored {stored},"
            f" found {assist.revision}; nothing was stored",
            exit_code=1,
        )
    register.save(assist, expected_revision=stored)
    out.print(
        f"Updated {assist.id!r} in the register: revision {stored} -> {assist.revision}"
        f" ({assist.state})."
    )
    return 0


def _get(register: Register, args: argparse.Namespace, out: Output) -> int:
    from peerassist.serialize import dumps

    out.print(dumps(register.get(args.id), args.format).rstrip("\n"))
    return 0


def _list(register: Register, args: argparse.Namespace, out: Output) -> int:
    from peerassist._time import parse_instant

    since = None if args.since is None else parse_instant(args.since, "--since")
    page = register.list(
        state=args.state,
        person=args.person,
        updated_since=since,
        archived=bool(args.archived),
        limit=args.limit,
        cursor=args.cursor,
    )
    if not page.items:
        out.print("No assists stored match.")
    for item in page.items:
        stamp = item.updated_at.format("YYYY-MM-DD HH:mm")
        out.print(f"{item.assist_id}  {item.state:<10}  r{item.revision:<3}  {stamp}  {item.title}")
    if page.next_cursor is not None:
        out.print(f"More: --cursor {page.next_cursor}")
    return 0


def _search(register: Register, args: argparse.Namespace, out: Output) -> int:
    hits = register.search(" ".join(args.text), limit=args.limit)
    if not hits:
        out.print("Nothing stored matches.")
    for hit in hits:
        out.print(f"{hit.score:7.3f}  {hit.assist_id} [{hit.state}]  {hit.field}")
        out.print(f"         {hit.snippet}")
    return 0


def _person(register: Register, args: argparse.Namespace, out: Output) -> int:
    found = register.history(args.email)
    if not found:
        out.print(f"No stored assist has {args.email}.")
    for item in found:
        when = "unscheduled" if item.start is None else item.start.format("YYYY-MM-DD")
        out.print(f"{when:<11}  {item.role:<11}  {item.assist_id} [{item.state}]  {item.title}")
    return 0


def _suspects(register: Register, args: argparse.Namespace, out: Output) -> int:
    from peerassist.cli._commands import _now

    found = register.usual_suspects(
        now=_now(args), window_days=args.window_days, threshold=args.threshold
    )
    if not found:
        out.print("No usual suspects: nobody is invited more often than the policy allows.")
    for suspect in found:
        out.print(f"{suspect.email} ({suspect.name}): {suspect.visits} visits")
        out.print(f"    {', '.join(suspect.assist_ids)}")
    return 0


def _export(register: Register, args: argparse.Namespace, out: Output) -> int:
    assist = register.export(args.id, Path(args.file))
    out.print(f"Wrote {args.file}: {assist.id!r} at revision {assist.revision}.")
    return 0


def _similar(register: Register, args: argparse.Namespace, out: Output) -> int:
    from peerassist.cli._commands import _load

    source = Path(args.file)
    assist = (
        _load(args.file, args) if source.suffix in (".toml", ".json") else register.get(args.file)
    )
    found = register.similar(assist)
    if not found:
        out.print("No stored assist reads like this one.")
    for item in found:
        kind = "under way" if item.live else f"{item.state}, prior learning"
        contacts = ", ".join(f"{p.name} <{p.email}>" for p in item.contacts)
        out.print(f"{item.score:.2f}  {item.assist_id} ({kind})  {item.title}")
        out.print(f"      {item.team}, {item.organisation}: {contacts}")
    return 0


def _lessons(register: Register, args: argparse.Namespace, out: Output) -> int:
    found = register.lessons_to_share()
    if not found:
        out.print("Every stored lesson has been shared with someone.")
    for item in found:
        out.print(f"{item.assist_id} [{item.state}]  {item.title}")
        for lesson in item.lessons:
            out.print(f"    lesson: {lesson}")
        for team in item.suggested:
            contact = f" <{team.contact}>" if team.contact else ""
            where = f", {team.organisation}" if team.organisation else ""
            out.print(f"    share with: {team.team}{where}{contact}")
    return 0


def _archive(register: Register, args: argparse.Namespace, out: Output) -> int:
    register.archive(args.id)
    out.print(f"Archived {args.id!r}.")
    return 0


_ACTIONS = {
    "add": _add,
    "update": _update,
    "get": _get,
    "list": _list,
    "search": _search,
    "person": _person,
    "suspects": _suspects,
    "export": _export,
    "similar": _similar,
    "lessons": _lessons,
    "archive": _archive,
}
