"""HTML forms built from peerassist's JSON Schema, and read back into file data.

The schema (``peerassist.schema.json_schema()``) describes the assist file
format; a section's form is that section's schema walked into fields:

- a string, number, integer, boolean or enum becomes an input of its kind;
- a nested object becomes a fieldset of its own fields (up to a depth);
- a list of strings becomes a text area, one item a line;
- anything else (lists of objects, deeper objects) becomes a JSON text area.

Field names are dotted paths (``caller.email``), so the data read back from a
submitted form has the same shape as the file format, and the library's
errors (which name the same paths) land next to the right field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

MAX_DEPTH = 2


@dataclass(frozen=True)
class Field:
    """One input of a form.

    Attributes:
        name: the dotted path of the value in the file format.
        label: what the person sees.
        kind: ``text``, ``textarea``, ``integer``, ``number``, ``checkbox``,
            ``select``, ``lines`` (a list of strings) or ``json``.
        required: whether the schema requires it.
        choices: the allowed values of a ``select``.
        help: the schema's description.
        nullable: whether an empty input means "none".
    """

    name: str
    label: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""
    nullable: bool = False


@dataclass(frozen=True)
class Group:
    """A fieldset: a nested object's fields."""

    name: str
    label: str
    items: tuple[Field | Group, ...]
    help: str = ""


class FormError(ValueError):
    """A form value that is not even the right shape (bad JSON, not a number)."""

    def __init__(self, path: str, expected: str, found: str) -> None:
        self.path = path
        self.expected = expected
        self.found = found
        super().__init__(f"{path}: expected {expected}, found {found}")


def _resolve(schema: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow ``$ref`` (to ``#/$defs/...``) until a concrete schema."""
    seen = 0
    while "$ref" in schema and seen < 32:
        ref = str(schema["$ref"])
        node: Any = root
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
        merged = dict(node)
        merged.update({k: v for k, v in schema.items() if k != "$ref"})
        schema = merged
        seen += 1
    return schema


def _unwrap(schema: Mapping[str, Any], root: Mapping[str, Any]) -> tuple[Mapping[str, Any], bool]:
    """Return the non-null alternative of ``X | None`` and whether null is allowed."""
    schema = _resolve(schema, root)
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if options:
            concrete = [_resolve(o, root) for o in options if o.get("type") != "null"]
            nullable = len(concrete) < len(options)
            if len(concrete) == 1:
                merged = dict(concrete[0])
                for extra in ("title", "description"):
                    if extra in schema:
                        merged.setdefault(extra, schema[extra])
                return merged, nullable
            return schema, nullable
    kind = schema.get("type")
    if isinstance(kind, list) and "null" in kind:
        rest = [k for k in kind if k != "null"]
        merged = dict(schema)
        merged["type"] = rest[0] if len(rest) == 1 else rest
        return merged, True
    return schema, False


def _label(name: str, schema: Mapping[str, Any]) -> str:
    title = schema.get("title")
    if isinstance(title, str) and title:
        return title
    return name.replace("_", " ").capitalize()


def build(
    schema: Mapping[str, Any],
    root: Mapping[str, Any],
    *,
    prefix: str = "",
    depth: int = 0,
    skip: frozenset[str] = frozenset(),
) -> tuple[Field | Group, ...]:
    """Walk an object schema into form items.

    Args:
        schema: an object schema (may be a ``$ref``).
        root: the whole schema, for resolving ``$ref``.
        prefix: the dotted path of this object.
        depth: how deep this object is.
        skip: property names to leave out (at this level).

    Returns:
        The fields and fieldsets, in the schema's order.
    """
    schema, _ = _unwrap(schema, root)
    required = set(schema.get("required", ()))
    items: list[Field | Group] = []
    for name, prop in schema.get("properties", {}).items():
        if name in skip:
            continue
        path = f"{prefix}.{name}" if prefix else name
        items.append(_item(path, name, prop, root, name in required, depth))
    return tuple(items)


def section(root: Mapping[str, Any], name: str) -> tuple[Field | Group, ...]:
    """The form items of one top-level section of the file format.

    Args:
        root: the whole schema (``peerassist.schema.json_schema()``).
        name: the section, e.g. ``purpose`` or ``title``.

    Returns:
        An object section's fields (named ``section.field``), or the one
        field of a plain value or list.
    """
    prop = root["properties"][name]
    concrete, _ = _unwrap(prop, root)
    if concrete.get("type") == "object" and "properties" in concrete:
        return build(concrete, root, prefix=name, depth=1)
    return (_item(name, name, prop, root, False, 1),)


def _item(
    path: str, name: str, prop: Mapping[str, Any], root: Mapping[str, Any], req: bool, depth: int
) -> Field | Group:
    concrete, nullable = _unwrap(prop, root)
    label = _label(name, concrete)
    help_text = str(concrete.get("description", ""))
    kind = concrete.get("type")
    if "enum" in concrete:
        choices = tuple(str(c) for c in concrete["enum"] if c is not None)
        return Field(path, label, "select", req, choices, help_text, nullable)
    if kind == "object" and "properties" in concrete and depth < MAX_DEPTH and not nullable:
        return Group(path, label, build(concrete, root, prefix=path, depth=depth + 1), help_text)
    if kind == "array":
        inner, _ = _unwrap(concrete.get("items", {}), root)
        if inner.get("type") == "string" and "enum" not in inner:
            return Field(path, label, "lines", req, (), help_text, nullable)
        return Field(path, label, "json", req, (), help_text, nullable)
    simple = {"string": "text", "integer": "integer", "number": "number", "boolean": "checkbox"}
    if isinstance(kind, str) and kind in simple:
        widget = simple[kind]
        if kind == "string" and concrete.get("maxLength", 0) > 200:
            widget = "textarea"
        if kind == "string" and name in {"problem", "learning_aim", "benefit_cost", "notes"}:
            widget = "textarea"
        return Field(path, label, widget, req, (), help_text, nullable)
    return Field(path, label, "json", req, (), help_text, nullable)


def flatten(items: tuple[Field | Group, ...]) -> Iterator[Field]:
    """Yield every field, fieldsets opened."""
    for item in items:
        if isinstance(item, Group):
            yield from flatten(item.items)
        else:
            yield item


def value_at(data: Any, path: str) -> Any:
    """The value at a dotted path of file data, or None."""
    node = data
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def shown(field: Field, value: Any) -> str:
    """A value as its field's input shows it (and as a person types it)."""
    if value is None:
        return ""
    if field.kind == "lines":
        return "\n".join(str(v) for v in value)
    if field.kind == "json":
        return json.dumps(value, indent=2, ensure_ascii=False)
    return str(value)


def render(
    items: tuple[Field | Group, ...],
    values: Mapping[str, Any],
    errors: Mapping[str, str],
) -> str:
    """Render form items as HTML, filled with ``values``, errors beside fields."""
    out: list[str] = []
    for item in items:
        if isinstance(item, Group):
            out.append(f"<fieldset><legend>{escape(item.label)}</legend>")
            if item.help:
                out.append(f'<p class="help">{escape(item.help)}</p>')
            out.append(render(item.items, values, errors))
            out.append("</fieldset>")
            continue
        out.append(_render_field(item, value_at(values, item.name), errors.get(item.name)))
    return "\n".join(out)


def _render_field(field: Field, value: Any, error: str | None) -> str:
    name = escape(field.name)
    ident = "f-" + name.replace(".", "-")
    star = " *" if field.required else ""
    parts = [f'<div class="field{" invalid" if error else ""}">']
    text = shown(field, value)
    if field.kind == "checkbox":
        checked = " checked" if value else ""
        parts.append(
            f'<label><input type="checkbox" id="{ident}" name="{name}" value="true"{checked}>'
            f" {escape(field.label)}{star}</label>"
        )
    else:
        parts.append(f'<label for="{ident}">{escape(field.label)}{star}</label>')
        if field.kind == "select":
            options = ['<option value=""></option>'] if not field.required else []
            for choice in field.choices:
                selected = " selected" if text == choice else ""
                options.append(
                    f'<option value="{escape(choice)}"{selected}>{escape(choice)}</option>'
                )
            parts.append(f'<select id="{ident}" name="{name}">{"".join(options)}</select>')
        elif field.kind in {"textarea", "lines", "json"}:
            rows = 8 if field.kind == "json" else 3
            parts.append(
                f'<textarea id="{ident}" name="{name}" rows="{rows}">{escape(text)}</textarea>'
            )
        else:
            kind = "number" if field.kind in {"integer", "number"} else "text"
            parts.append(f'<input type="{kind}" id="{ident}" name="{name}" value="{escape(text)}">')
    hint = {"lines": "one per line", "json": "JSON"}.get(field.kind)
    if field.help or hint:
        parts.append(
            f'<small class="help">{escape(" ".join(x for x in (field.help, hint) if x))}</small>'
        )
    if error:
        parts.append(f'<p class="error" role="alert">{escape(error)}</p>')
    parts.append("</div>")
    return "".join(parts)


def read(items: tuple[Field | Group, ...], form: Mapping[str, str]) -> dict[str, Any]:
    """Read a submitted form back into file-format data.

    Empty inputs are left out (so the model's defaults apply); a nullable
    object whose inputs are all empty is left out too.

    Raises:
        FormError: a JSON area that is not JSON, a number that is not one.
    """
    data: dict[str, Any] = {}
    for field in flatten(items):
        raw = form.get(field.name, "")
        if field.kind == "checkbox":
            _set(data, field.name, raw == "true")
            continue
        text = raw.strip()
        if not text:
            continue
        value: Any
        if field.kind == "integer":
            try:
                value = int(text)
            except ValueError:
                raise FormError(field.name, "a whole number", repr(text)) from None
        elif field.kind == "number":
            try:
                value = float(text)
            except ValueError:
                raise FormError(field.name, "a number", repr(text)) from None
        elif field.kind == "lines":
            value = [line.strip() for line in text.splitlines() if line.strip()]
        elif field.kind == "json":
            try:
                value = json.loads(text)
            except json.JSONDecodeError as error:
                raise FormError(field.name, "JSON", f"{error.msg} at line {error.lineno}") from None
        else:
            value = text
        _set(data, field.name, value)
    return data
