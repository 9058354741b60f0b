"""Walk the model's attrs classes and their field types into JSON Schema.

One definition per attrs class and per enum, under ``$defs``, named by the
class; fields become properties with the schema of their type, the
description from the class docstring's ``Attributes:`` section, the method
items it cites and its default. Which keys are required, and that no other
key is allowed, come from the same field list the loader uses
(``serialize._convert._fields_of``), so the two cannot disagree.
"""

from __future__ import annotations

import ast
import enum
import inspect
import itertools
import re
import textwrap
import types
import typing
from collections.abc import Mapping
from typing import Any

from peerassist import _time
from peerassist._attrs import fields, has
from peerassist.model import PeerAssist
from peerassist.model._assist import _ID, _STATE
from peerassist.schema import _probe
from peerassist.serialize import unstructure
from peerassist.serialize._convert import _fields_of
from peerassist.serialize._hooks import _optional_inner, _sequence_item

INSTANT_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?"
    r"(Z|(Z|[+-]\d{2}:\d{2}(:\d{2})?)?\[[A-Za-z0-9_+\-/]+\])" + _probe.END
)
"""RFC 9557 text with a zone name in brackets, or UTC written with ``Z``."""

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}" + _probe.END
DURATION_PATTERN = r"^P(?=[\dT])(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?" + _probe.END
"""ISO 8601 days, hours, minutes and seconds (no months or years), as written."""

_REFS = re.compile(r"\b([MX])(\d{2})(?:-\1?(\d{2}))?\b")

# Patterns the model keeps as regular expressions (Python's ``\Z`` is written portably).
_PATTERNS: dict[tuple[type, str], str] = {
    (PeerAssist, "id"): _ID.pattern,
    (PeerAssist, "state"): _STATE.pattern,
}


def _ecma(pattern: str) -> str:
    return pattern.replace(r"\Z", _probe.END)


def summary(obj: object) -> str:
    """The first paragraph of an object's docstring, on one line."""
    doc = inspect.getdoc(obj) or ""
    return plain(" ".join(doc.split("\n\n", 1)[0].split()))


def attribute_docs(cls: type) -> dict[str, str]:
    """Read the ``Attributes:`` section of a Google-style class docstring."""
    doc = inspect.getdoc(cls) or ""
    found: dict[str, list[str]] = {}
    inside = False
    current: list[str] | None = None
    for line in doc.splitlines():
        if line.strip() == "Attributes:":
            inside = True
            continue
        if not inside:
            continue
        if line and not line.startswith(" "):
            break
        match = re.match(r"^ {4}(\w+): (.*)$", line)
        if match:
            current = found.setdefault(match[1], [])
            current.append(match[2])
        elif current is not None and line.startswith("        "):
            current.append(line.strip())
    return {name: " ".join(parts) for name, parts in found.items()}


def member_docs(cls: type[enum.Enum]) -> dict[str, str]:
    """Read the docstrings written under an enum's members (as Sphinx does), if any.

    Returns:
        Member name to its docstring's first paragraph; empty when the
        source cannot be read (a frozen or zipped install).
    """
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    found: dict[str, str] = {}
    for before, after in itertools.pairwise(body):
        if (
            isinstance(before, ast.Assign)
            and len(before.targets) == 1
            and isinstance(before.targets[0], ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            text = inspect.cleandoc(after.value.value).split("\n\n", 1)[0]
            found[before.targets[0].id] = plain(" ".join(text.split()))
    return found


def method_refs(text: str) -> list[str]:
    """The method items (``M05``, ``X02``) a description cites, in order, once each.

    A range (``M09-M12``) stands for each item in it.
    """
    found: list[str] = []
    for letter, first, last in _REFS.findall(text):
        end = int(last) if last else int(first)
        found += [f"{letter}{n:02d}" for n in range(int(first), max(end, int(first)) + 1)]
    return list(dict.fromkeys(found))


def plain(text: str) -> str:
    """A docstring fragment as plain text for an editor: Markdown code, a capital."""
    text = text.replace("``", "`")
    return text[:1].upper() + text[1:]


class Builder:
    """Builds the schemas of types, collecting class definitions in ``defs``."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # a placeholder while it is built (recursion)
            self.defs[name] = self.enum(cls) if issubclass(cls, enum.Enum) else self.cls(cls)
        return {"$ref": f"#/$defs/{name}"}

    def enum(self, cls: type[enum.Enum]) -> dict[str, Any]:
        values = [member.value for member in cls]
        kinds = {type(v) for v in values}
        schema: dict[str, Any] = {"title": cls.__name__, "description": summary(cls)}
        if kinds == {str}:
            schema["type"] = "string"
        elif kinds == {int}:
            schema["type"] = "integer"
        schema["enum"] = values
        docs = member_docs(cls)
        if docs:
            # What each value means, for editors: VS Code's keyword, then Taplo's.
            texts = [docs.get(member.name) for member in cls]
            schema["enumDescriptions"] = [text or "" for text in texts]
            schema["x-taplo"] = {"docs": {"enumValues": texts}}
        return schema

    def cls(self, cls: type) -> dict[str, Any]:
        docs = attribute_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        defaults = {a.name: a.default for a in fields(cls)}
        for f in _fields_of(cls):
            prop = self.field(cls, f.name, f.type)
            text = docs.get(f.name)
            if text:
                own = prop.get("description")
                prop = {**prop, "description": plain(text) + (f" {own}" if own else "")}
                prop = {"description": prop.pop("description"), **prop}
                refs = method_refs(text)
                if refs:
                    prop["x-method-refs"] = refs
            if not f.required:
                default = _default(defaults[f.name])
                if default is not _NO_DEFAULT:
                    prop["default"] = default
            elif _optional_inner(f.type) is None:
                # A required field that may be None loads as None when left
                # out (TOML cannot write None), so its key is not required.
                required.append(f.name)
            properties[f.name] = prop
        schema: dict[str, Any] = {
            "title": cls.__name__,
            "description": summary(cls),
            "type": "object",
            "properties": properties,
        }
        refs = method_refs(inspect.getdoc(cls) or "")
        if refs:
            schema["x-method-refs"] = refs
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        return schema

    def field(self, cls: type, name: str, kind: Any) -> dict[str, Any]:
        """The schema of one field: its type, refined by what the model refuses there."""
        pattern = _PATTERNS.get((cls, name))
        if pattern is not None:
            return {"type": "string", "pattern": _ecma(pattern)}
        inner = _optional_inner(kind)
        if inner is not None:
            return {"anyOf": [self.field(cls, name, inner), {"type": "null"}]}
        item = _sequence_item(kind)
        if item is str:
            rules = _probe.text_rules(cls, name, True)
            return {"type": "array", "items": _probe.text_schema(rules)}
        if kind is str:
            return _probe.text_schema(_probe.text_rules(cls, name, False))
        if kind is int:
            schema = self.type(kind)
            least = _probe.minimum(cls, name)
            if least is not None:
                schema["minimum"] = least
            return schema
        return self.type(kind)

    def type(self, kind: Any) -> dict[str, Any]:
        """The schema of a type, with no field-specific refinement."""
        inner = _optional_inner(kind)
        if inner is not None:
            return {"anyOf": [self.type(inner), {"type": "null"}]}
        item = _sequence_item(kind)
        if item is not None:
            return {"type": "array", "items": self.type(item)}
        simple = _SIMPLE.get(kind)
        if simple is not None:
            return dict(simple)
        origin = typing.get_origin(kind)
        args = typing.get_args(kind)
        if origin is typing.Literal:
            return {"enum": list(args)}
        if origin in (dict, Mapping) and len(args) == 2 and args[0] is str:
            return {"type": "object", "additionalProperties": self.type(args[1])}
        if origin in (typing.Union, types.UnionType):
            return {"anyOf": [self.type(a) for a in args]}
        if isinstance(kind, type) and (issubclass(kind, enum.Enum) or has(kind)):
            return self.ref(kind)
        # Unknown to the walker: say nothing rather than refuse what loads.
        return {}


_SIMPLE: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    type(None): {"type": "null"},
    _time.DateTime: {
        "type": "string",
        "pattern": INSTANT_PATTERN,
        "description": (
            "An instant as RFC 9557 text: 2026-03-10T09:00:00+00:00[Europe/London] (wall time,"
            " offset and IANA zone), 2026-03-10T09:00[Europe/London], or 2026-03-10T09:00:00Z"
            " for UTC. Quote it in TOML."
        ),
    },
    _time.Date: {
        "type": "string",
        "format": "date",
        "pattern": DATE_PATTERN,
        "description": "A date, YYYY-MM-DD (a native date in TOML).",
    },
    _time.Duration: {
        "type": "string",
        "pattern": DURATION_PATTERN,
        "description": "An ISO 8601 duration in days, hours, minutes and seconds: PT45M, P1DT4H.",
    },
}

_NO_DEFAULT: Any = object()


def _default(default: Any) -> Any:
    """The default as the file writes it; none for None or a factory giving fresh values."""
    # attrs' Factory (typed as a function for mypy's sake): a factory and takes_self.
    if hasattr(default, "factory") and hasattr(default, "takes_self"):
        if default.takes_self:
            return _NO_DEFAULT
        first, second = default.factory(), default.factory()
        if first != second:
            return _NO_DEFAULT  # a fresh id each time: no default to show
        default = first
    if default is None:
        return _NO_DEFAULT
    return unstructure(default)
