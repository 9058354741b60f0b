"""``peerassist schema``: print the JSON Schema of the file format, or of one section."""

from __future__ import annotations

import argparse
from typing import Any

from peerassist.cli._output import Output


def add_parser(sub: Any) -> None:
    """Register ``schema`` on the subcommand parsers of ``peerassist``."""
    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of assist files (for editors and forms)",
        description=(
            "Print the JSON Schema (draft 2020-12) of the assist file format, generated from"
            " the model. Point an editor at it for completion and checking while writing"
            " assist files, or build forms from one section's schema."
        ),
    )
    schema.add_argument(
        "--section",
        metavar="NAME",
        help="print only this section's schema, e.g. purpose, logistics, visitors",
    )


def cmd_schema(args: argparse.Namespace, out: Output) -> int:
    """Print the schema as indented JSON."""
    from peerassist.cli._commands import CommandError
    from peerassist.schema import schema_text, section_names

    names = section_names()
    if args.section is not None and args.section not in names:
        raise CommandError(f"--section: expected one of {', '.join(names)}, found {args.section!r}")
    out.print(schema_text(section=args.section).rstrip("\n"))
    return 0
