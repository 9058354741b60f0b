"""Finding the mutants of a module, for ``tools/mutate.py``.

Each mutant is one change to the module's source (an operator, a constant,
a condition, a statement), found by walking its syntax tree in source order
and kept only when the changed source still compiles; its id is
``QUALNAME#N``, the N-th mutant of that function (or of ``<module>``).
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

# Names whose assignment is bookkeeping, not behaviour.
_BOOKKEEPING = frozenset({"__all__", "__slots__", "__match_args__"})
_PRAGMA = "pragma: no mutate"

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
    ast.BitOr: ast.BitAnd,
    ast.BitAnd: ast.BitOr,
    ast.BitXor: ast.BitOr,
    ast.LShift: ast.RShift,
    ast.RShift: ast.LShift,
}


@dataclass(frozen=True)
class Mutant:
    """One change to a module: replace bytes ``start:end`` with ``text``."""

    id: str
    line: int
    kind: str
    start: int
    end: int
    before: str
    text: str

    @property
    def change(self) -> str:
        """A one-line account of the change (what ``mutants.toml`` records)."""
        return f"{self.kind}: {_short(self.before)} -> {_short(self.text)}"

    def apply(self, source: bytes) -> bytes:
        """Return ``source`` with this change made."""
        return source[: self.start] + self.text.encode("utf-8") + source[self.end :]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


# -- finding the mutants ------------------------------------------------------------


@dataclass
class _Site:
    qualname: str
    line: int
    col: int
    kind: str
    node: ast.AST
    text: str


@dataclass
class _Finder:
    """Walks a module and lists the changes it can make, in source order."""

    source: bytes
    lines: list[bytes] = field(init=False)
    starts: list[int] = field(init=False)
    sites: list[_Site] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lines = self.source.split(b"\n")
        self.starts = []
        offset = 0
        for line in self.lines:
            self.starts.append(offset)
            offset += len(line) + 1

    def offsets(self, node: ast.AST) -> tuple[int, int]:
        start = self.starts[node.lineno - 1] + node.col_offset  # type: ignore[attr-defined]
        end = self.starts[node.end_lineno - 1] + node.end_col_offset  # type: ignore[attr-defined]
        return start, end

    def segment(self, node: ast.AST) -> str:
        start, end = self.offsets(node)
        return self.source[start:end].decode("utf-8")

    def skipped(self, node: ast.AST) -> bool:
        return _PRAGMA in self.lines[node.lineno - 1].decode("utf-8")  # type: ignore[attr-defined]

    def add(self, qualname: str, node: ast.AST, kind: str, text: str) -> None:
        if not self.skipped(node):
            self.sites.append(
                _Site(qualname, node.lineno, node.col_offset, kind, node, text)  # type: ignore[attr-defined]
            )

    # -- statements --------------------------------------------------------------

    def body(self, statements: Sequence[ast.stmt], qualname: str, in_function: bool) -> None:
        for index, stmt in enumerate(statements):
            if index == 0 and _is_docstring(stmt):
                continue
            self.statement(stmt, qualname, in_function)

    def statement(self, stmt: ast.stmt, qualname: str, in_function: bool) -> None:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            inner = f"{qualname}.{stmt.name}" if qualname != "<module>" else stmt.name
            for default in (*stmt.args.defaults, *stmt.args.kw_defaults):
                if default is not None:
                    self.expression(default, qualname)
            self.body(stmt.body, inner, True)
            return
        if isinstance(stmt, ast.ClassDef):
            inner = f"{qualname}.{stmt.name}" if qualname != "<module>" else stmt.name
            self.body(stmt.body, inner, False)
            return
        if isinstance(stmt, ast.Import | ast.ImportFrom | ast.Assert | ast.Pass | ast.Global):
            return
        if isinstance(stmt, ast.If) and _is_type_checking(stmt.test):
            return
        if isinstance(stmt, ast.Assign | ast.AnnAssign):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id in _BOOKKEEPING for t in targets):
                return
            if stmt.value is not None:
                self.expression(stmt.value, qualname)
            # Removing an assignment to a local name mostly raises NameError:
            # only assignments that change an object are removed.
            if in_function and any(isinstance(t, ast.Attribute | ast.Subscript) for t in targets):
                self.add(qualname, stmt, "remove assignment", "pass")
            return
        if isinstance(stmt, ast.AugAssign):
            self.expression(stmt.value, qualname)
            if in_function:
                self.add(qualname, stmt, "remove assignment", "pass")
            return
        if isinstance(stmt, ast.Expr):
            self.expression(stmt.value, qualname)
            if in_function and isinstance(stmt.value, ast.Call):
                self.add(qualname, stmt, "remove call", "pass")
            return
        if isinstance(stmt, ast.Raise):
            if stmt.exc is not None:
                self.expression(stmt.exc, qualname)
            if in_function:
                self.add(qualname, stmt, "remove raise", "pass")
            return
        if isinstance(stmt, ast.Return):
            if stmt.value is not None:
                self.expression(stmt.value, qualname)
                if not (isinstance(stmt.value, ast.Constant) and stmt.value.value is None):
                    self.add(qualname, stmt, "return None", "return None")
            return
        if isinstance(stmt, ast.Continue):
            self.add(qualname, stmt, "continue -> break", "break")
            return
        if isinstance(stmt, ast.Break):
            self.add(qualname, stmt, "break -> continue", "continue")
            return
        if isinstance(stmt, ast.If | ast.While):
            self.condition(stmt, qualname)
            self.expression(stmt.test, qualname)
            self.body(stmt.body, qualname, in_function)
            self.body(stmt.orelse, qualname, in_function)
            return
        if isinstance(stmt, ast.For | ast.AsyncFor):
            self.expression(stmt.iter, qualname)
            self.body(stmt.body, qualname, in_function)
            self.body(stmt.orelse, qualname, in_function)
            return
        if isinstance(stmt, ast.With | ast.AsyncWith):
            for item in stmt.items:
                self.expression(item.context_expr, qualname)
            self.body(stmt.body, qualname, in_function)
            return
        if isinstance(stmt, ast.Try):
            self.body(stmt.body, qualname, in_function)
            for handler in stmt.handlers:
                self.body(handler.body, qualname, in_function)
            self.body(stmt.orelse, qualname, in_function)
            self.body(stmt.finalbody, qualname, in_function)
            return
        for child in ast.iter_child_nodes(stmt):
            if isinstance(child, ast.expr):
                self.expression(child, qualname)

    def condition(self, stmt: ast.If | ast.While, qualname: str) -> None:
        test = self.segment(stmt.test)
        # A single comparison is negated by swapping its operator, and
        # ``not x`` by dropping the ``not`` (see ``one``): no duplicates.
        single = isinstance(stmt.test, ast.Compare) and len(stmt.test.ops) == 1
        if not single and not (
            isinstance(stmt.test, ast.UnaryOp) and isinstance(stmt.test.op, ast.Not)
        ):
            self.add(qualname, stmt.test, "negate condition", f"not ({test})")
        if isinstance(stmt, ast.If) and not stmt.orelse:
            self.add(qualname, stmt.test, "skip block", "False")

    # -- expressions -------------------------------------------------------------

    def expression(self, node: ast.expr, qualname: str) -> None:
        for sub in _walk_expression(node):
            self.one(sub, qualname)

    def one(self, node: ast.expr, qualname: str) -> None:
        if isinstance(node, ast.Compare):
            for index, op in enumerate(node.ops):
                swap = _COMPARE_SWAPS.get(type(op))
                if swap is not None:
                    changed = copy.deepcopy(node)
                    changed.ops[index] = swap()
                    self.add(qualname, node, "comparison", f"({ast.unparse(changed)})")
        elif isinstance(node, ast.BoolOp):
            other = copy.deepcopy(node)
            other.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            self.add(qualname, node, "boolean operator", f"({ast.unparse(other)})")
        elif isinstance(node, ast.BinOp):
            swap_op = _BINOP_SWAPS.get(type(node.op))
            if swap_op is not None:
                swapped_op = copy.deepcopy(node)
                swapped_op.op = swap_op()
                self.add(qualname, node, "arithmetic", f"({ast.unparse(swapped_op)})")
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not | ast.USub):
            self.add(qualname, node, "drop unary", f"({ast.unparse(node.operand)})")
        elif isinstance(node, ast.IfExp):
            swapped = ast.IfExp(test=node.test, body=node.orelse, orelse=node.body)
            self.add(qualname, node, "swap branches", f"({ast.unparse(swapped)})")
        elif isinstance(node, ast.Constant):
            text = _constant(node.value)
            if text is not None:
                self.add(qualname, node, "constant", text)
        elif isinstance(node, ast.JoinedStr):
            for index, part in enumerate(node.values):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    if _is_prose(part.value):
                        continue
                    joined = copy.deepcopy(node)
                    joined.values[index] = ast.Constant(f"XX{part.value}XX")
                    self.add(qualname, node, "f-string", ast.unparse(joined))


def _walk_expression(node: ast.expr) -> Iterator[ast.expr]:
    """The expressions in ``node``, outer first; not inside f-strings' fields,
    lambdas' defaults or nested comprehension targets."""
    yield node
    if isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                yield from _walk_expression(part.value)
        return
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.expr):
            yield from _walk_expression(child)
        elif isinstance(child, ast.comprehension):
            yield from _walk_expression(child.iter)
            for condition in child.ifs:
                yield from _walk_expression(condition)
        elif isinstance(child, ast.keyword):
            yield from _walk_expression(child.value)


def _constant(value: object) -> str | None:
    if isinstance(value, bool):
        return repr(not value)
    if isinstance(value, int):
        return repr(value + 1)
    if isinstance(value, float):
        return repr(value + 1.0)
    if isinstance(value, str):
        if _is_prose(value):
            return None
        return repr(f"XX{value}XX")
    return None


def _is_prose(text: str) -> bool:
    """Messages for people (text with a space) are not mutated: tests check
    their facts (paths, values), not their wording."""
    return " " in text


def _is_docstring(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def mutants(source: bytes) -> list[Mutant]:
    """Every mutant of a module's source, in source order, each compiling."""
    finder = _Finder(source)
    finder.body(ast.parse(source).body, "<module>", False)
    sites = sorted(finder.sites, key=lambda s: (s.line, s.col))
    counts: dict[str, int] = {}
    found: list[Mutant] = []
    for site in sites:
        start, end = finder.offsets(site.node)
        before = source[start:end].decode("utf-8")
        mutant = Mutant("", site.line, site.kind, start, end, before, site.text)
        try:
            compile(mutant.apply(source), "<mutant>", "exec")
        except SyntaxError:
            continue
        counts[site.qualname] = counts.get(site.qualname, 0) + 1
        found.append(
            Mutant(
                f"{site.qualname}#{counts[site.qualname]}",
                site.line,
                site.kind,
                start,
                end,
                before,
                site.text,
            )
        )
    return found
