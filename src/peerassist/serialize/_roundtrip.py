"""Writing an assist back into the text it was read from, changing only what changed.

The one module that imports tomlkit (lazily: only writing a TOML file back
needs it). A hand-written TOML file keeps its comments, key order, blank
lines and formatting; a JSON file keeps its key order. Only the values that
differ between the assist as read and the assist as it is now are
rewritten, added or removed.

The comparison is between plain data (what the converters give), not text:
a time the file writes as ``2027-03-09T09:00[Europe/London]`` that the
assist would write as ``2027-03-09T09:00:00+00:00[Europe/London]`` is the
same value, and is left as the file wrote it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, MutableMapping
from typing import Any

from peerassist.serialize._text import Format, emit


def rewrite(text: str, fmt: Format, before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """Return ``text`` with the values that differ between ``before`` and ``after`` changed.

    Args:
        text: the file's text, as read.
        fmt: ``"json"`` or ``"toml"``.
        before: the plain data of the assist as read (schema_version first).
        after: the plain data of the assist as it is now.

    Returns:
        The new text. When ``text`` cannot be edited in place (it does not
        parse as a table), the whole of ``after`` written afresh.
    """
    if fmt == "json":
        return _rewrite_json(text, before, after)
    return _rewrite_toml(text, before, after)


def _rewrite_json(text: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    try:
        data = json.loads(text)
    except ValueError:
        return emit(after, "json")
    if not isinstance(data, dict):
        return emit(after, "json")
    _merge(data, before, after, _plain)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _rewrite_toml(text: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    import tomlkit

    try:
        document = tomlkit.parse(text)
    except Exception:  # tomlkit's own parse errors; the text was read by tomllib
        return emit(after, "toml")
    _merge(document, before, after, _toml_item)
    return tomlkit.dumps(document)


def _plain(value: Any, old: Any) -> Any:
    return value


def _toml_item(value: Any, old: Any) -> Any:
    """A tomlkit item for ``value``, keeping the comment of the item it replaces."""
    from tomlkit.items import Item

    item = _toml_value(value)
    if isinstance(value, Mapping):
        item.trivia.indent = "\n"  # a blank line before a new table, as people write them
    if isinstance(old, Item) and isinstance(item, Item) and old.trivia.comment:
        item.trivia.comment_ws = old.trivia.comment_ws or "  "
        item.trivia.comment = old.trivia.comment
    return item


def _toml_value(value: Any) -> Any:
    """Build tomlkit items the way ``dumps`` writes values: long texts on several lines."""
    import tomlkit

    if isinstance(value, str) and "\n" in value and "\r" not in value:
        return tomlkit.string(value, multiline=True)
    if isinstance(value, Mapping):
        table = tomlkit.table()
        for key, inner in value.items():
            table.add(key, _toml_value(inner))
        return table
    if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        tables = tomlkit.aot()
        for entry in value:
            tables.append(_toml_value(entry))
        return tables
    return tomlkit.item(value)


def _merge(
    target: MutableMapping[str, Any],
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    make: Any,
) -> None:
    """Change ``target`` (the file's table) from ``before`` to ``after`` in place."""
    for key in [k for k in target if k not in after]:
        del target[key]
    for key, new in after.items():
        old = before.get(key, _ABSENT)
        if old == new:  # unchanged, or a default the file leaves out
            continue
        if key not in target:
            _put(target, key, make(new, None))
            continue
        current = target[key]
        if isinstance(new, Mapping) and isinstance(old, Mapping) and _is_table(current):
            _merge(current, old, new, make)
        elif isinstance(new, list) and isinstance(old, list) and _is_list(current):
            if not _merge_list(current, old, new, make):
                _put(target, key, make(new, current))
        else:
            _put(target, key, make(new, current))


def _put(target: MutableMapping[str, Any], key: str, item: Any) -> None:
    """Set ``target[key]``; a table or array of tables goes after the table's own
    tables, where TOML wants it (tomlkit's item assignment writes it inline)."""
    if type(target).__module__.startswith("tomlkit") and type(item).__name__ in ("AoT", "Table"):
        if key in target:
            del target[key]
        target.append(key, item)  # type: ignore[attr-defined]
    else:
        target[key] = item


def _merge_list(current: Any, old: list[Any], new: list[Any], make: Any) -> bool:
    """Change a list in place when items were appended or edited; False to replace it."""
    if len(current) != len(old):
        return False
    common = min(len(old), len(new))
    if len(new) < len(old):
        return False
    for index in range(common):
        if old[index] == new[index]:
            continue
        if (
            isinstance(old[index], Mapping)
            and isinstance(new[index], Mapping)
            and _is_table(current[index])
        ):
            _merge(current[index], old[index], new[index], make)
        else:
            return False
    if type(current).__name__ == "Array" and any(isinstance(i, Mapping) for i in new[common:]):
        return False  # tables cannot go into an inline array: write an array of tables
    for item in new[common:]:
        current.append(make(item, None))
    return True


def _is_table(value: Any) -> bool:
    return isinstance(value, MutableMapping)


def _is_list(value: Any) -> bool:
    return isinstance(value, list) or (
        hasattr(value, "append") and hasattr(value, "__getitem__") and hasattr(value, "__len__")
    )


_ABSENT: Any = object()
