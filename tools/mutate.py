"""Mutation testing: would the tests notice if this line were wrong?

``python tools/mutate.py run MODULE`` changes one thing at a time in MODULE
(a comparison, a boolean or arithmetic operator, a constant, a condition, a
``raise``, a call made for its effect, a returned value), runs the tests of
the module's area against each changed copy, and reports the mutants the
tests killed and the ones that survived. A survivor is a change no test
notices: either a gap in the tests, or a mutant that behaves exactly like the
real code (an *equivalent* mutant), recorded by hand in
``tools/mutants.toml`` with the reason.

The working tree is never changed: the package is copied to a temporary
folder, which is put first on ``PYTHONPATH`` for the test runs; each mutant
is written into that copy only.

Commands::

    python tools/mutate.py list MODULE          # every mutant: id, line, change
    python tools/mutate.py show MODULE ID...    # the diff of some mutants
    python tools/mutate.py run MODULE [--quick [N]] [--seed S] [--only ID...]
    python tools/mutate.py areas                # modules and their tests

MODULE is a dotted name (``peerassist.rules._memo`` or ``rules._memo``) or a
path under ``src/``. ``--quick`` runs a seeded sample of N mutants (30 by
default), a few minutes on one module. Run it gently on a shared machine:
``nice -n 19 python tools/mutate.py run rules._memo --quick``.

Mutant ids are ``QUALNAME#N``: the N-th mutant of that function (or of the
module's top level, ``<module>``), in source order, so that an edit
elsewhere leaves them unchanged; ``tools/mutants.toml`` records the change
each id stood for, and a record whose change no longer matches is reported
as stale.

Exit status: 0 when every mutant was killed or is recorded in
``tools/mutants.toml``, 1 when some survivor is unexplained, 2 on a usage
error or when the tests fail on the unchanged code.
"""

from __future__ import annotations

import argparse
import ast
import copy
import difflib
import glob
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = "peerassist"
RECORDS = ROOT / "tools" / "mutants.toml"

# The tests of each module's area, fastest and most pointed first (the run
# stops at the first failure). A module not listed here is tested with the
# files named after its package (``tests/test_<package>*.py``).
AREAS: dict[str, tuple[str, ...]] = {
    "peerassist.rules._memo": (
        "tests/test_rules_cache.py",
        "tests/test_rules_context.py",
        "tests/test_rules.py",
    ),
    "peerassist.calendar._sanitize": (
        "tests/test_calendar_escaping.py",
        "tests/test_calendar_addresses.py",
        "tests/test_calendar_hardening.py",
        "tests/test_calendar.py",
    ),
    "peerassist.workflow._engine": (
        "tests/test_workflow.py",
        "tests/test_workflow_contract.py",
        "tests/test_workflow_fastpath.py",
        "tests/test_workflow_hooks.py",
        "tests/test_workflow_restore.py",
        "tests/test_workflow_custom.py",
        "tests/test_workflow_spec.py",
    ),
    "peerassist.agenda._solve": (
        "tests/test_agenda_solve.py",
        "tests/test_agenda.py",
        "tests/test_agenda_situations.py",
        "tests/test_agenda_properties.py",
    ),
    "peerassist.agenda._layout": (
        "tests/test_agenda.py",
        "tests/test_agenda_solve.py",
        "tests/test_agenda_situations.py",
        "tests/test_agenda_properties.py",
        "tests/test_agenda_speed_invariants.py",
        "tests/test_agenda_for.py",
    ),
    "peerassist.calendar._messages": (
        "tests/test_calendar_itip.py",
        "tests/test_calendar.py",
        "tests/test_rules_rsvp.py",
    ),
    "peerassist.calendar._reply": (
        "tests/test_calendar_itip.py",
        "tests/test_rules_rsvp.py",
    ),
    "peerassist.register._sqlite": (
        "tests/test_register.py",
        "tests/test_register_schema.py",
        "tests/test_register_concurrency.py",
        "tests/test_cli_register.py",
    ),
    "peerassist.documents._render": (
        "tests/test_documents.py",
        "tests/test_documents_hostile.py",
        "tests/test_cli_report.py",
    ),
    "peerassist.documents._views": (
        "tests/test_documents.py",
        "tests/test_documents_hostile.py",
        "tests/test_cli_report.py",
    ),
}

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


# -- modules, tests and records -----------------------------------------------------


def module_name(text: str) -> str:
    """``rules._memo``, ``peerassist.rules._memo`` or a path -> the dotted name."""
    if text.endswith(".py"):
        path = Path(text).resolve()
        relative = path.relative_to(SRC).with_suffix("")
        return ".".join(relative.parts)
    return text if text.startswith(f"{PACKAGE}.") else f"{PACKAGE}.{text}"


def module_path(name: str, root: Path = SRC) -> Path:
    """The source file of module ``name`` under ``root``."""
    path = root.joinpath(*name.split("."))
    if path.is_dir():
        return path / "__init__.py"
    return path.with_suffix(".py")


def area_tests(name: str) -> list[str]:
    """The test files run against the mutants of module ``name``."""
    if name in AREAS:
        return [t for t in AREAS[name] if (ROOT / t).exists()]
    parts = name.split(".")
    package = parts[1].lstrip("_") if len(parts) > 1 else parts[0]
    found = glob.glob(str(ROOT / f"tests/test_{package}*.py"))
    return sorted(os.path.relpath(p, ROOT) for p in found)


@dataclass(frozen=True)
class Record:
    """A survivor judged by hand: ``equivalent`` (behaves as the real code)
    or ``accepted`` (a real change, left untested on purpose)."""

    change: str
    kind: str
    reason: str


def load_records(name: str, path: Path = RECORDS) -> dict[str, Record]:
    """The hand-judged survivors of module ``name``."""
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    records: dict[str, Record] = {}
    for mutant_id, entry in data.get(name, {}).items():
        kind = entry.get("kind", "equivalent")
        if kind not in ("equivalent", "accepted"):
            raise SystemExit(f"{path}: {name} {mutant_id}: kind must be equivalent or accepted")
        records[mutant_id] = Record(entry["change"], kind, entry["reason"])
    return records


# -- running ----------------------------------------------------------------------


@dataclass
class Result:
    mutant: Mutant
    status: str  # killed, survived, timeout, equivalent (not run)
    seconds: float
    record: Record | None = None


def _environment(copy_root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(copy_root), env.get("PYTHONPATH", "")) if p)
    env.setdefault("HYPOTHESIS_PROFILE", "ci")
    return env


def _pytest(tests: Sequence[str], env: dict[str, str], timeout: float) -> tuple[str, float]:
    command = [sys.executable, "-m", "pytest", *tests, "-x", "-q", "-p", "no:cacheprovider"]
    began = time.monotonic()
    with subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    ) as process:
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return "timeout", time.monotonic() - began
        except BaseException:
            os.killpg(process.pid, signal.SIGKILL)
            raise
    seconds = time.monotonic() - began
    if code == 0:
        return "survived", seconds
    if code in (1, 2, 3):  # failed, interrupted (an import error), internal error
        return "killed", seconds
    raise SystemExit(f"pytest exited with {code} (no tests ran?): {' '.join(command)}")


def run(
    name: str,
    chosen: Sequence[Mutant],
    tests: Sequence[str],
    records: dict[str, Record],
    *,
    timeout: float | None,
    check_records: bool,
    out: Path | None,
) -> int:
    """Run the tests against each mutant in ``chosen``; print and return the status."""
    source_path = module_path(name)
    source = source_path.read_bytes()
    with tempfile.TemporaryDirectory(prefix="mutate-") as tmp:
        copy_root = Path(tmp)
        shutil.copytree(
            SRC / PACKAGE, copy_root / PACKAGE, ignore=shutil.ignore_patterns("__pycache__")
        )
        target = module_path(name, copy_root)
        env = _environment(copy_root)
        where = subprocess.run(
            [sys.executable, "-c", f"import {name} as m; print(m.__file__)"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if Path(where).resolve() != target.resolve():
            print(f"the copy is not imported first ({where}); is {PACKAGE} installed?")
            return 2
        print(f"{name}: {len(chosen)} mutants; tests: {' '.join(tests)}", flush=True)
        status, baseline = _pytest(tests, env, timeout=3600)
        if status != "survived":
            print("the tests fail on the unchanged code; fix them first")
            return 2
        limit = timeout if timeout is not None else 3 * baseline + 15
        print(f"unchanged code: tests pass in {baseline:.1f} s; timeout {limit:.0f} s", flush=True)
        # From here on no bytecode is written, so a mutant is always compiled
        # from its own source (a stale .pyc of the same size and second could
        # otherwise be loaded in its place).
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        for cached in target.parent.glob(f"__pycache__/{target.stem}.*"):
            cached.unlink()
        results: list[Result] = []
        try:
            for number, mutant in enumerate(chosen, 1):
                record = records.get(mutant.id)
                if record is not None and record.change != mutant.change:
                    print(f"  stale record for {mutant.id}: was {record.change!r}")
                    record = None
                if record is not None and record.kind == "equivalent" and not check_records:
                    results.append(Result(mutant, "equivalent", 0.0, record))
                    continue
                target.write_bytes(mutant.apply(source))
                status, seconds = _pytest(tests, env, limit)
                results.append(Result(mutant, status, seconds, record))
                note = f" [{record.kind}]" if record and status == "survived" else ""
                print(
                    f"{number:4d}/{len(chosen)} {status.upper():9s}{note} {mutant.id} "
                    f"L{mutant.line} {mutant.change} ({seconds:.1f} s)",
                    flush=True,
                )
        finally:
            target.write_bytes(source)
    return report(name, results, out)


def report(name: str, results: Sequence[Result], out: Path | None) -> int:
    """Print the score and the survivors; return the exit status."""
    count = dict.fromkeys(("killed", "timeout", "survived", "equivalent"), 0)
    for result in results:
        if result.status == "survived" and result.record and result.record.kind == "equivalent":
            count["equivalent"] += 1
        else:
            count[result.status] += 1
    considered = len(results) - count["equivalent"]
    caught = count["killed"] + count["timeout"]
    score = 100.0 * caught / considered if considered else 100.0
    survivors = [r for r in results if r.status == "survived"]
    unexplained = [r for r in survivors if r.record is None]
    print()
    print(
        f"{name}: {len(results)} mutants, {count['killed']} killed, {count['timeout']} "
        f"timed out, {count['survived']} survived, {count['equivalent']} equivalent"
    )
    print(f"score: {caught}/{considered} non-equivalent mutants caught ({score:.1f}%)")
    for result in survivors:
        label = result.record.kind if result.record else "UNEXPLAINED"
        print(f"  {label:11s} {result.mutant.id} L{result.mutant.line} {result.mutant.change}")
    if out is not None:
        out.write_text(
            json.dumps(
                {
                    "module": name,
                    "counts": count,
                    "score": round(score, 1),
                    "results": [
                        {
                            "id": r.mutant.id,
                            "line": r.mutant.line,
                            "change": r.mutant.change,
                            "status": r.status,
                            "record": r.record.kind if r.record else None,
                        }
                        for r in results
                    ],
                },
                indent=2,
            )
            + "\n"
        )
    return 1 if unexplained else 0


def show(source: bytes, chosen: Sequence[Mutant], name: str) -> None:
    """Print each mutant's diff against the source."""
    before = source.decode("utf-8").splitlines(keepends=True)
    for mutant in chosen:
        after = mutant.apply(source).decode("utf-8").splitlines(keepends=True)
        print(f"# {mutant.id}: {mutant.change}")
        sys.stdout.writelines(difflib.unified_diff(before, after, f"a/{name}", f"b/{name}", n=1))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="list a module's mutants")
    listing.add_argument("module")
    showing = commands.add_parser("show", help="show mutants' diffs")
    showing.add_argument("module")
    showing.add_argument("ids", nargs="+")
    commands.add_parser("areas", help="list the modules with their tests")
    running = commands.add_parser("run", help="run the tests against the mutants")
    running.add_argument("module")
    running.add_argument(
        "--quick", nargs="?", type=int, const=30, metavar="N", help="a sample of N mutants (30)"
    )
    running.add_argument("--seed", type=int, default=17, help="the sample's seed")
    running.add_argument("--only", nargs="+", metavar="ID", help="run these mutants only")
    running.add_argument("--tests", nargs="+", metavar="FILE", help="other test files to run")
    running.add_argument("--timeout", type=float, help="seconds per mutant (default from baseline)")
    running.add_argument(
        "--check-records", action="store_true", help="run mutants recorded as equivalent too"
    )
    running.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    # Stopped with SIGTERM: still clean up the copy and the running tests.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    if args.command == "areas":
        for name in sorted(AREAS):
            print(f"{name}: {' '.join(area_tests(name))}")
        return 0
    name = module_name(args.module)
    path = module_path(name)
    if not path.exists():
        parser.error(f"no module {name} ({path})")
    source = path.read_bytes()
    found = mutants(source)
    if args.command == "list":
        for mutant in found:
            print(f"{mutant.id:32s} L{mutant.line:<4d} {mutant.change}")
        print(f"{len(found)} mutants")
        return 0
    by_id = {m.id: m for m in found}
    wanted = args.ids if args.command == "show" else args.only
    if wanted:
        unknown = [i for i in wanted if i not in by_id]
        if unknown:
            parser.error(f"unknown mutant id(s): {', '.join(unknown)}")
        found = [by_id[i] for i in wanted]
    if args.command == "show":
        show(source, found, str(path.relative_to(ROOT)))
        return 0
    if args.quick is not None and args.quick < len(found):
        found = sorted(random.Random(args.seed).sample(found, args.quick), key=found.index)
    tests = args.tests or area_tests(name)
    if not tests:
        parser.error(f"no tests known for {name}: pass --tests")
    return run(
        name,
        found,
        tests,
        load_records(name),
        timeout=args.timeout,
        check_records=args.check_records,
        out=args.json,
    )


if __name__ == "__main__":
    raise SystemExit(main())
