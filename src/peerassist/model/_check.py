"""Construction-time checks shared by the model classes.

Each model class gathers every problem it finds in one pass and raises a
single :class:`~peerassist.exceptions.InputError`, so a user fixing a record
sees all of its problems at once, each named by its field.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from peerassist._time import Date, DateTime, as_date, as_instant, is_known_zone, zone_suggestion
from peerassist.exceptions import InputError, Problem

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

# Plausible, not RFC 5322: one @, no spaces or control characters, a dot in
# the domain. Angle brackets, quotes, commas, colons and semicolons are
# refused because they never appear in a real mailbox an invite can reach.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_EMAIL = re.compile(r"^[^@\s\"<>(),:;\\\[\]]+@" + _LABEL + r"(?:\." + _LABEL + r")+\Z")
# Control characters (C0 but tab, LF and CR; DEL; C1, such as U+009B, which
# terminals read as the start of a control sequence), and lone surrogates
# (which no UTF-8 file can hold).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Never in an address: any control character, surrogates, bidirectional
# overrides, embeddings and isolates, and zero-width characters, which make
# an address look like another one.
_UNSAFE_IN_EMAIL = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


@functools.lru_cache(maxsize=4096)
def email_problem(value: str) -> str | None:
    """Say what is wrong with an email address, or None if it is acceptable.

    An address passes the project's own ban on invisible and control
    characters, a plausibility pattern (one ``@``, an ASCII domain with a
    dot) and email-validator's syntax check (deliverability is not checked:
    no network).
    """
    bad = _UNSAFE_IN_EMAIL.search(value)
    if bad is not None:
        return f"{value!r}, which holds the character U+{ord(bad.group()):04X}"
    if not _EMAIL.match(value):
        return repr(value)
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as err:
        return f"{value!r} ({err})"
    return None


_LINE_BREAK = re.compile(r"[\r\n]")


def found(value: object) -> str:
    """Describe a found value for an error message."""
    text = repr(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return f"{type(value).__name__} {text}" if not isinstance(value, str) else text


class Checker:
    """Collects problems about one object's fields, then raises them together."""

    __slots__ = ("obj", "problems")

    def __init__(self, obj: object) -> None:
        self.obj = obj
        self.problems: list[Problem] = []

    def add(self, path: str, expected: str, found_: str) -> None:
        self.problems.append(Problem(path, expected, found_))

    def set(self, name: str, value: object) -> None:
        # Model classes are frozen; normalising (list -> tuple, datetime ->
        # pendulum) happens once, here, during construction. Stand-ins for
        # the mutable assist provide their own ``_store``.
        store = getattr(self.obj, "_store", None)
        if store is not None:
            store(name, value)
        else:
            object.__setattr__(self.obj, name, value)

    def done(self) -> None:
        if self.problems:
            raise InputError(self.problems)

    # -- scalars -----------------------------------------------------------

    def text(self, name: str, *, required: bool = False, single_line: bool = True) -> None:
        value = getattr(self.obj, name)
        if not isinstance(value, str):
            self.add(name, "text", found(value))
            return
        if required and not value.strip():
            self.add(name, "non-empty text", "an empty string")
        elif _CONTROL.search(value):
            self.add(name, "text without control characters", found(value))
        elif single_line and _LINE_BREAK.search(value):
            self.add(name, "a single line of text", found(value))

    def optional_text(self, name: str, *, single_line: bool = True) -> None:
        if getattr(self.obj, name) is not None:
            self.text(name, single_line=single_line)

    def email(self, name: str, *, optional: bool = False) -> None:
        value = getattr(self.obj, name)
        if value is None and optional:
            return
        expected = "a plausible email address like name@example.org"
        if not isinstance(value, str):
            self.add(name, expected, found(value))
            return
        problem = email_problem(value)
        if problem is not None:
            self.add(name, expected, problem)

    def boolean(self, name: str, *, optional: bool = False) -> None:
        value = getattr(self.obj, name)
        if value is None and optional:
            return
        if not isinstance(value, bool):
            self.add(name, "true or false", found(value))

    def integer(self, name: str, *, minimum: int | None = None, optional: bool = False) -> None:
        value = getattr(self.obj, name)
        if value is None and optional:
            return
        if not isinstance(value, int) or isinstance(value, bool):
            self.add(name, "a whole number", found(value))
        elif minimum is not None and value < minimum:
            self.add(name, f"a whole number >= {minimum}", found(value))

    def zone(self, name: str, *, optional: bool = False) -> None:
        value = getattr(self.obj, name)
        if value is None and optional:
            return
        if not is_known_zone(value):
            better = zone_suggestion(value)
            hint = f" ({value!r} differs from machine to machine: use {better!r})" if better else ""
            self.add(name, f"an IANA time zone name like Europe/London{hint}", found(value))

    def instant(self, name: str, *, optional: bool = False) -> DateTime | None:
        value = getattr(self.obj, name)
        if value is None and optional:
            return None
        try:
            converted = as_instant(value, name)
        except InputError as err:
            self.problems.extend(err.problems)
            return None
        if converted is not value:
            self.set(name, converted)
        return converted

    def date(self, name: str, *, optional: bool = False) -> Date | None:
        value = getattr(self.obj, name)
        if value is None and optional:
            return None
        try:
            converted = as_date(value, name)
        except InputError as err:
            self.problems.extend(err.problems)
            return None
        if converted is not value:
            self.set(name, converted)
        return converted

    def enum(self, name: str, kind: type[E]) -> None:
        value = getattr(self.obj, name)
        if isinstance(value, kind):
            return
        try:
            self.set(name, kind(value))
        except ValueError:
            choices = ", ".join(repr(m.value) for m in kind)
            self.add(name, f"one of {choices}", found(value))

    def instance(self, name: str, kind: type[Any], *, optional: bool = False) -> None:
        value = getattr(self.obj, name)
        if value is None and optional:
            return
        if not isinstance(value, kind):
            self.add(name, f"a {kind.__name__}", found(value))

    # -- sequences ---------------------------------------------------------

    def items(
        self,
        name: str,
        kind: type[Any],
        *,
        each: Callable[[Checker, str, Any], None] | None = None,
        mutable: bool = False,
    ) -> tuple[Any, ...] | list[Any]:
        """Check a sequence of ``kind`` values; store it as a tuple (or a list)."""
        value = getattr(self.obj, name)
        if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
            self.add(name, f"a list of {_plural(kind)}", found(value))
            return ()
        for index, item in enumerate(value):
            if not isinstance(item, kind):
                self.add(f"{name}[{index}]", _article(kind), found(item))
            elif each is not None:
                each(self, f"{name}[{index}]", item)
        wanted = list if mutable else tuple
        if not isinstance(value, wanted):
            value = wanted(value)
            self.set(name, value)
        return value

    def texts(self, name: str) -> tuple[Any, ...] | list[Any]:
        """Check a sequence of single-line, non-empty texts."""

        def each(checker: Checker, path: str, item: str) -> None:
            if not item.strip():
                checker.add(path, "non-empty text", "an empty string")
            elif _CONTROL.search(item) or _LINE_BREAK.search(item):
                checker.add(path, "a single line of text", found(item))

        return self.items(name, str, each=each)

    def unique_people(self, path_of: Callable[[int], str], emails: list[str]) -> None:
        """Refuse the same email (case-insensitive) twice in one team."""
        seen: dict[str, int] = {}
        for index, email in enumerate(emails):
            key = email.casefold()
            if key in seen:
                self.add(
                    f"{path_of(index)}.email",
                    f"a person not already in the team (as {path_of(seen[key])})",
                    repr(email),
                )
            else:
                seen[key] = index


def _plural(kind: type[Any]) -> str:
    return {"str": "texts"}.get(kind.__name__, kind.__name__ + " values")


def _article(kind: type[Any]) -> str:
    name = {"str": "text"}.get(kind.__name__, kind.__name__)
    return name if name == "text" else f"a {name}"
