"""A JSON Schema of the assist file format, generated from the model.

:func:`json_schema` walks :class:`~peerassist.PeerAssist` and every attrs
class and enum it holds: each field becomes a property with the schema of
its type (text, whole number, true/false, a list, a nested table, an RFC 9557
instant, a ``YYYY-MM-DD`` date, an ISO 8601 duration, an enum's values), the
description from the class's docstring and the method items it cites
(``x-method-refs``). Required keys and ``additionalProperties: false`` come
from the same field list the loader uses. What the model checks in code (a
text that must not be empty, a single line, an email address, an IANA zone
name, a revision of at least 0) is found by asking the model, field by field,
so a field added to the model appears in the schema with no change here.

The schema follows JSON Schema draft 2020-12 and uses only keywords older
drafts know too (``$ref`` into ``$defs``, ``anyOf``, ``enum``, ``pattern``),
so editors whose validators stop at draft 7 still check and complete files.

Example:
    >>> from peerassist.schema import json_schema
    >>> schema = json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["properties"]["visitors"]["items"]
    {'$ref': '#/$defs/Person'}
    >>> json_schema(section="purpose")["title"]
    'Purpose'
"""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

from peerassist._attrs import fields
from peerassist.exceptions import InputError
from peerassist.model import PeerAssist
from peerassist.schema._build import Builder
from peerassist.serialize import SCHEMA_VERSION

__all__ = ["DIALECT", "json_schema", "schema_text", "section_names"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of the schemas returned (``$schema``)."""


def section_names() -> tuple[str, ...]:
    """Return the names of an assist's sections: its top-level fields, in file order.

    Each has its own schema, ``json_schema(section=name)``, for a form that
    edits that section alone.
    """
    return tuple(a.name for a in fields(PeerAssist) if a.init)


@functools.cache
def _whole() -> dict[str, Any]:
    builder = Builder()
    root = builder.cls(PeerAssist)
    version = {
        "description": (
            "The file format's version: a whole number from 1 (the first) to"
            f" {SCHEMA_VERSION} (the latest, which this peerassist writes)."
        ),
        "type": "integer",
        "minimum": 1,
        "maximum": SCHEMA_VERSION,
    }
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "title": "A peer assist file",
        "description": (
            f"{root['description']} The peerassist file format, version {SCHEMA_VERSION},"
            " as JSON or TOML; generated from the model."
        ),
        "type": "object",
        "properties": {
            "$schema": {
                "description": (
                    "The address of this schema, so that editors check and complete the file"
                    " (JSON; TOML files use a #:schema comment). Ignored when loading."
                ),
                "type": "string",
            },
            "schema_version": version,
            **root["properties"],
        },
        "required": ["schema_version", *root.get("required", ())],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }
    return schema


@functools.cache
def _section(name: str) -> dict[str, Any]:
    whole = _whole()
    prop = whole["properties"][name]
    target = prop.get("$ref")
    if isinstance(target, str):
        # A table: the section's schema is its class's definition.
        body = dict(whole["$defs"][target.rsplit("/", 1)[1]])
    else:
        body = {"title": name, **prop}
    defs = _reachable(body, whole["$defs"])
    schema: dict[str, Any] = {"$schema": DIALECT, **body}
    if defs:
        schema["$defs"] = defs
    return schema


def _reachable(schema: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """The definitions ``schema`` refers to, directly or through others, sorted."""
    found: dict[str, Any] = {}
    todo = [schema]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref.rsplit("/", 1)[1]
                if name not in found:
                    found[name] = defs[name]
                    todo.append(defs[name])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return dict(sorted(found.items()))


def json_schema(*, section: str | None = None) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the assist file format.

    The file's data as JSON parsing gives it validates against the schema
    when :func:`~peerassist.serialize.from_dict` would load it, except for the few
    rules a schema cannot state (listed in the docs: cross-field checks,
    the time zone database, duplicate people).

    Args:
        section: the name of one section (see :func:`section_names`) to get
            the schema of that field's value alone, for a form that edits
            it; ``None`` for the whole file.

    Returns:
        A fresh dict (change it freely) of plain JSON data.

    Raises:
        InputError: ``section`` is not the name of a section.
    """
    if section is None:
        return copy.deepcopy(_whole())
    names = section_names()
    if section not in names:
        raise InputError.single("section", "one of " + ", ".join(names), repr(section))
    return copy.deepcopy(_section(section))


def schema_text(*, section: str | None = None) -> str:
    """Return :func:`json_schema` as indented JSON text ending with a newline.

    This is what ``peerassist schema`` prints and the file shipped with the
    docs holds.

    Args:
        section: as for :func:`json_schema`.

    Returns:
        The text.

    Raises:
        InputError: ``section`` is not the name of a section.
    """
    return json.dumps(json_schema(section=section), indent=2, ensure_ascii=False) + "\n"
