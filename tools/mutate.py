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
is written into that copy only (one copy per job with ``--jobs N``).

Each mutant runs only the tests that run its lines, fastest first: one run
of the area's tests under coverage, with the pytest plugin
``tools/_mutate_plugin.py``, finds them, and is cached in ``.mutate-cache/``
(see ``measure``); ``--no-select`` runs the whole area for every mutant. The
mutants themselves are found by ``tools/_mutate_find.py``.

Commands::

    python tools/mutate.py list MODULE          # every mutant: id, line, change
    python tools/mutate.py show MODULE ID...    # the diff of some mutants
    python tools/mutate.py run MODULE [--quick [N]] [--seed S] [--only ID...]
                                      [--jobs N] [--no-select] [--fresh]
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
import compileall
import concurrent.futures
import contextlib
import difflib
import glob
import hashlib
import json
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _mutate_find import Mutant, _Finder, mutants

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = "peerassist"
RECORDS = ROOT / "tools" / "mutants.toml"

# The test files of each module's area: every file with tests that run the
# module's code (a coverage run of the whole suite lists them). Each mutant
# runs only the tests that run its lines (see ``measure``); a file missing
# here makes mutants survive falsely. A module not listed here is tested
# with the files named after its package (``tests/test_<package>*.py``).
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
        "tests/test_calendar_itip.py",
    ),
    "peerassist.workflow._engine": (
        "tests/test_workflow.py",
        "tests/test_workflow_contract.py",
        "tests/test_workflow_fastpath.py",
        "tests/test_workflow_hooks.py",
        "tests/test_workflow_restore.py",
        "tests/test_workflow_custom.py",
        "tests/test_workflow_spec.py",
        "tests/test_workflow_edit.py",
        "tests/test_concurrency.py",
        "tests/test_cli_workflow.py",
    ),
    "peerassist.agenda._solve": (
        "tests/test_agenda_solve.py",
        "tests/test_agenda.py",
        "tests/test_agenda_situations.py",
        "tests/test_agenda_properties.py",
        "tests/test_agenda_for.py",
        "tests/test_agenda_options.py",
    ),
    "peerassist.agenda._layout": (
        "tests/test_agenda_layout.py",
        "tests/test_agenda.py",
        "tests/test_agenda_solve.py",
        "tests/test_agenda_situations.py",
        "tests/test_agenda_properties.py",
        "tests/test_agenda_speed_invariants.py",
        "tests/test_agenda_for.py",
        "tests/test_agenda_options.py",
        "tests/test_agenda_render.py",
    ),
    "peerassist.calendar._messages": (
        "tests/test_calendar_itip.py",
        "tests/test_calendar.py",
        "tests/test_rules_rsvp.py",
        "tests/test_rules_catalogue.py",
        "tests/test_cli.py",
    ),
    "peerassist.calendar._reply": (
        "tests/test_calendar_itip.py",
        "tests/test_calendar_reply.py",
        "tests/test_rules_rsvp.py",
        "tests/test_rules_catalogue.py",
    ),
    "peerassist.register._sqlite": (
        "tests/test_register.py",
        "tests/test_register_schema.py",
        "tests/test_register_concurrency.py",
        "tests/test_cli_register.py",
        "tests/test_concurrency.py",
        "tests/test_intranet_app.py",
        "tests/test_regressions.py",
        "tests/test_serialize_update.py",
        "tests/test_register_sqlite.py",
    ),
    "peerassist.register._rows": (
        # Its own tests first: the whole area runs against a change to a
        # module-level table, and they fail on it in seconds.
        "tests/test_register_rows.py",
        "tests/test_register_sqlite.py",
        "tests/test_register.py",
        "tests/test_register_schema.py",
        "tests/test_register_concurrency.py",
        "tests/test_cli_register.py",
        "tests/test_concurrency.py",
        "tests/test_intranet_app.py",
        "tests/test_regressions.py",
        "tests/test_serialize_update.py",
    ),
    "peerassist.register._people": (
        "tests/test_register.py",
        "tests/test_register_schema.py",
        "tests/test_register_concurrency.py",
        "tests/test_cli_register.py",
        "tests/test_regressions.py",
        "tests/test_serialize_update.py",
    ),
    # The PostgreSQL tests run on a private server (tests/pg_server.py).
    "peerassist.register._postgres": (
        "tests/test_register.py",
        "tests/test_register_schema.py",
        "tests/test_register_concurrency.py",
        "tests/test_serialize_update.py",
        "tests/test_regressions.py",
        "tests/test_register_postgres.py",
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
        "tests/test_documents_views.py",
    ),
    # Every rule uses these helpers; the wording checks' phrase matching is
    # pinned in test_rules_wording.py, the time helpers in test_rules_cache.py,
    # and each helper by hand in test_rules_util.py.
    "peerassist.rules._util": (
        "tests/test_rules_util.py",
        "tests/test_rules_wording.py",
        "tests/test_rules_cache.py",
        "tests/test_rules.py",
        "tests/test_rules_catalogue.py",
        "tests/test_rules_calibration.py",
        "tests/test_rules_assists.py",
        "tests/test_rules_x05.py",
        "tests/test_rules_corpus.py",
        "tests/test_rules_context.py",
        "tests/test_method_coverage.py",
    ),
}

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


# -- choosing each mutant's tests by coverage --------------------------------------

CACHE = ROOT / ".mutate-cache"
TOOLS = ROOT / "tools"
_CONTEXT = "PEERASSIST_MUTATE_CONTEXT"
_COMPOUND = (
    ast.If,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.With,
    ast.AsyncWith,
    ast.Try,
    ast.TryStar,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Match,
)


@dataclass(frozen=True)
class Reach:
    """Where a mutant's change runs: the lines coverage can record for it, and
    whether it runs when the module is imported (module level, class bodies,
    defaults of top-level functions), which every test depends on."""

    lines: frozenset[int]
    at_import: bool


def reaches(source: bytes, found: Sequence[Mutant]) -> dict[str, Reach]:
    """The ``Reach`` of each mutant, by id.

    The lines are the mutated node's and those of the statement holding it
    (all of a simple statement, the header of a compound one): Python reports
    a statement spread over several lines on only some of them.
    """
    finder = _Finder(source)
    statements: list[tuple[int, int, ast.stmt]] = []
    bodies: list[tuple[int, int]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.stmt):
            statements.append((*finder.offsets(node), node))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            bodies.append((finder.offsets(node.body[0])[0], finder.offsets(node)[1]))
    found_reach: dict[str, Reach] = {}
    for mutant in found:
        last = source.count(b"\n", 0, mutant.end) + 1
        lines = set(range(mutant.line, last + 1))
        holding = [s for s in statements if s[0] <= mutant.start and mutant.end <= s[1]]
        if holding:
            stmt = min(holding, key=lambda s: s[1] - s[0])[2]
            stop = last if isinstance(stmt, _COMPOUND) else stmt.end_lineno or last
            lines.update(range(stmt.lineno, stop + 1))
        in_function = any(a <= mutant.start and mutant.end <= b for a, b in bodies)
        found_reach[mutant.id] = Reach(frozenset(lines), not in_function)
    return found_reach


@dataclass
class CoverageMap:
    """What the coverage run of an area found: the run's wall time, each
    test's duration (in run order), the labels of the tests that ran each
    line of the module (see ``tools/_mutate_plugin.py``), and the wider-scoped
    fixture instances each test used."""

    seconds: float
    durations: dict[str, float]
    labels: dict[int, list[str]]
    instances: dict[str, list[str]]

    def __post_init__(self) -> None:
        self._order = {test: index for index, test in enumerate(self.durations)}
        self._users: dict[str, set[str]] = {}
        for test, used in self.instances.items():
            for label in used:
                self._users.setdefault(label, set()).add(test)

    def tests(self, reach: Reach) -> list[str] | None:
        """The node ids to run against a mutant, fastest first; ``[]`` when no
        test runs its lines, None when every test depends on them."""
        if reach.at_import:
            return None
        chosen: set[str] = set()
        for line in reach.lines:
            for label in self.labels.get(line, ()):
                kind, _, rest = label.partition(":")
                if kind == "test":
                    chosen.add(rest)
                elif kind == "fixture":
                    chosen.update(self._users.get(label, ()))
                else:  # imports, collection: outside any test
                    return None
        return sorted(chosen, key=lambda t: (self.durations.get(t, 0.0), self._order.get(t, 0)))

    def seconds_of(self, tests: Sequence[str]) -> float:
        """The time ``tests`` took in the coverage run."""
        return sum(self.durations.get(t, 0.0) for t in tests)

    def to_json(self, key: str) -> dict[str, object]:
        return {
            "key": key,
            "seconds": self.seconds,
            "durations": self.durations,
            "labels": {str(line): labels for line, labels in sorted(self.labels.items())},
            "instances": self.instances,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CoverageMap:
        labels = {int(line): list(names) for line, names in data["labels"].items()}
        return cls(data["seconds"], data["durations"], labels, data["instances"])


def fingerprint(name: str, tests: Sequence[str]) -> str:
    """A hash of what the coverage map of ``name`` depends on: this tool, the
    package's source, the area's test files, the test helpers and data
    (everything in ``tests/`` but other test files), pytest's configuration
    and the Python version."""
    digest = hashlib.sha256(f"{sys.version}\n{name}\n{' '.join(tests)}\n".encode())
    files = [*sorted(TOOLS.glob("*.py")), ROOT / "pyproject.toml"]
    files += sorted((SRC / PACKAGE).rglob("*.py"))
    for test in tests:
        path = ROOT / test
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    files += sorted(
        p
        for p in (ROOT / "tests").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith("test_")
    )
    for path in files:
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"-")
        digest.update(b"\0")
    return digest.hexdigest()


_COVERAGE_CONFIG = """\
[run]
data_file = {data}
parallel = true
include = {target}
context = ${{{variable}}}
patch = _exit
disable_warnings = no-data-collected, module-not-imported, module-not-measured
"""


def measure(
    name: str, tests: Sequence[str], worker: _Worker, runner: _Runner, *, fresh: bool
) -> CoverageMap | None:
    """The coverage map of module ``name`` under ``tests``: from the cache when
    nothing it depends on changed, else from one run of the tests under
    coverage (None when they fail)."""
    key = fingerprint(name, tests)
    cached = CACHE / f"{name}.json"
    if not fresh and cached.exists():
        try:
            stored = json.loads(cached.read_text(encoding="utf-8"))
            if stored.get("key") == key:
                print(f"coverage map: cached in {cached.relative_to(ROOT)}", flush=True)
                return CoverageMap.from_json(stored)
        except (ValueError, KeyError, TypeError):
            pass
    import coverage  # the dev extra: only this tool uses it

    target = module_path(name, worker.src)
    with tempfile.TemporaryDirectory(prefix="mutate-coverage-") as tmp:
        folder = Path(tmp)
        config = folder / "coveragerc"
        config.write_text(
            _COVERAGE_CONFIG.format(data=folder / "data", target=target, variable=_CONTEXT),
            encoding="utf-8",
        )
        env = dict(worker.env)
        env.pop(_CONTEXT, None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["COVERAGE_PROCESS_START"] = str(config)
        env["PEERASSIST_MUTATE_FACTS"] = str(folder / "facts.json")
        env["PYTHONPATH"] = os.pathsep.join((env["PYTHONPATH"], str(TOOLS)))
        print("coverage run of the area's tests...", flush=True)
        status, seconds = runner.pytest(
            [*tests, "-p", "_mutate_plugin"], env, 3600, worker.basetemp
        )
        if status != "survived":
            return None
        facts = json.loads((folder / "facts.json").read_text(encoding="utf-8"))
        measured = coverage.Coverage(config_file=str(config))
        with warnings.catch_warnings(record=True) as caught:
            # A subprocess killed by a test leaves a data file cut short.
            warnings.simplefilter("always")
            measured.combine()
        if caught:
            print(f"coverage: {len(caught)} unreadable data file(s) of subprocesses skipped")
        data = measured.get_data()
        labels: dict[int, list[str]] = {}
        for path in data.measured_files():
            if Path(path).resolve() == target.resolve():
                labels = {line: sorted(c) for line, c in data.contexts_by_lineno(path).items()}
    found = CoverageMap(seconds, facts["durations"], labels, facts["instances"])
    CACHE.mkdir(exist_ok=True)
    written = cached.with_suffix(".tmp")
    written.write_text(json.dumps(found.to_json(key)) + "\n", encoding="utf-8")
    written.replace(cached)
    print(f"coverage map: {len(found.durations)} tests in {seconds:.1f} s", flush=True)
    return found


# -- running ----------------------------------------------------------------------


@dataclass
class Result:
    mutant: Mutant
    status: str  # killed, survived, timeout, equivalent (not run)
    seconds: float
    record: Record | None = None
    note: str = ""  # "not covered": no test runs its lines, so none was run
    tests: int = 0  # how many tests were chosen (0: the whole area)


@dataclass
class _Worker:
    """One copy of the package (``src``), with its environment and folders."""

    folder: Path
    src: Path = field(init=False)
    basetemp: Path = field(init=False)
    env: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.src = self.folder / "src"
        self.basetemp = self.folder / "tmp"
        shutil.copytree(
            SRC / PACKAGE, self.src / PACKAGE, ignore=shutil.ignore_patterns("__pycache__")
        )
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(self.src), env.get("PYTHONPATH", "")) if p
        )
        env.setdefault("HYPOTHESIS_PROFILE", "ci")
        self.env = env


class _Runner:
    """Runs pytest in subprocesses, several at once, and can stop them all."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._live: set[subprocess.Popen[bytes]] = set()

    def pytest(
        self, args: Sequence[str], env: dict[str, str], timeout: float, basetemp: Path
    ) -> tuple[str, float]:
        """Run pytest: ``survived`` (passed), ``killed`` (failed) or ``timeout``,
        and the seconds it took; ``unrun`` when it found no such tests."""
        command = [
            sys.executable,
            "-m",
            "pytest",
            *args,
            "-x",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--basetemp={basetemp}",
        ]
        began = time.monotonic()
        with subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        ) as process:
            with self._lock:
                self._live.add(process)
            try:
                code = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                return "timeout", time.monotonic() - began
            finally:
                with self._lock:
                    self._live.discard(process)
        seconds = time.monotonic() - began
        if code == 0:
            return "survived", seconds
        if code in (1, 2, 3):  # failed, interrupted (an import error), internal error
            return "killed", seconds
        if code in (4, 5):  # a usage error (no such test), no tests collected
            return "unrun", seconds
        raise SystemExit(f"pytest exited with {code}: {' '.join(command)}")

    def stop(self) -> None:
        """Kill every pytest still running (and its children)."""
        with self._lock:
            for process in self._live:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)


def _imported_from(name: str, worker: _Worker) -> bool:
    where = subprocess.run(
        [sys.executable, "-c", f"import {name} as m; print(m.__file__)"],
        env=worker.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if Path(where).resolve() != module_path(name, worker.src).resolve():
        print(f"the copy is not imported first ({where}); is {PACKAGE} installed?")
        return False
    return True


def run(
    name: str,
    chosen: Sequence[Mutant],
    tests: Sequence[str],
    records: dict[str, Record],
    *,
    timeout: float | None,
    check_records: bool,
    out: Path | None,
    select: bool = True,
    jobs: int = 1,
    fresh: bool = False,
) -> int:
    """Run the tests against each mutant in ``chosen``; print and return the status."""
    source = module_path(name).read_bytes()
    started = time.monotonic()
    runner = _Runner()
    with contextlib.ExitStack() as stack:
        workers = [
            _Worker(Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="mutate-"))))
            for _ in range(max(1, jobs))
        ]
        if not _imported_from(name, workers[0]):
            return 2
        print(f"{name}: {len(chosen)} mutants; tests: {' '.join(tests)}", flush=True)
        found: CoverageMap | None = None
        if select:
            found = measure(name, tests, workers[0], runner, fresh=fresh)
            if found is None:
                print("the tests fail on the unchanged code; fix them first")
                return 2
            baseline = found.seconds
        else:
            status, baseline = runner.pytest(tests, workers[0].env, 3600, workers[0].basetemp)
            if status != "survived":
                print("the tests fail on the unchanged code; fix them first")
                return 2
        limit = timeout if timeout is not None else 3 * baseline + 15
        print(f"unchanged code: tests pass in {baseline:.1f} s; timeout {limit:.0f} s", flush=True)
        reach = reaches(source, chosen)
        # From here on no bytecode is written, so a mutant is always compiled
        # from its own source (a stale .pyc of the same size and second could
        # otherwise be loaded in its place); the rest of each copy is compiled
        # once now.
        for worker in workers:
            compileall.compile_dir(worker.src, quiet=2)
            target = module_path(name, worker.src)
            for cached in target.parent.glob(f"__pycache__/{target.stem}.*"):
                cached.unlink()
            worker.env["PYTHONDONTWRITEBYTECODE"] = "1"
        free: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        for worker in workers:
            free.put(worker)

        def one(mutant: Mutant, record: Record | None) -> Result:
            selected = found.tests(reach[mutant.id]) if found is not None else None
            if selected == []:
                return Result(mutant, "survived", 0.0, record, note="not covered")
            worker = free.get()
            target = module_path(name, worker.src)
            try:
                target.write_bytes(mutant.apply(source))
                if selected is not None and found is not None:
                    listed = worker.folder / "tests.txt"
                    listed.write_text("".join(f"{t}\n" for t in selected), encoding="utf-8")
                    seconds_limit = (
                        timeout if timeout is not None else 3 * found.seconds_of(selected) + 15
                    )
                    status, seconds = runner.pytest(
                        [f"@{listed}"], worker.env, seconds_limit, worker.basetemp
                    )
                    if status != "unrun":
                        return Result(mutant, status, seconds, record, tests=len(selected))
                    print(f"  {mutant.id}: its tests were not found; running the whole area")
                status, seconds = runner.pytest(tests, worker.env, limit, worker.basetemp)
                if status == "unrun":
                    raise SystemExit(f"pytest found no tests in {' '.join(tests)}")
                return Result(mutant, status, seconds, record)
            finally:
                target.write_bytes(source)
                free.put(worker)

        results: dict[str, Result] = {}
        to_run: list[tuple[Mutant, Record | None]] = []
        for mutant in chosen:
            record = records.get(mutant.id)
            if record is not None and record.change != mutant.change:
                print(f"  stale record for {mutant.id}: was {record.change!r}")
                record = None
            if record is not None and record.kind == "equivalent" and not check_records:
                results[mutant.id] = Result(mutant, "equivalent", 0.0, record)
            else:
                to_run.append((mutant, record))
        executor = concurrent.futures.ThreadPoolExecutor(max(1, jobs))
        try:
            futures = [executor.submit(one, mutant, record) for mutant, record in to_run]
            for number, future in enumerate(concurrent.futures.as_completed(futures), 1):
                result = future.result()
                results[result.mutant.id] = result
                note = f" [{result.record.kind}]" if result.record else ""
                if result.status == "survived" and result.note:
                    note += f" ({result.note})"
                ran = f"{result.tests} tests" if result.tests else "all tests"
                if result.note == "not covered":
                    ran = "no test"
                print(
                    f"{number:4d}/{len(to_run)} {result.status.upper():9s}{note} "
                    f"{result.mutant.id} L{result.mutant.line} {result.mutant.change} "
                    f"({ran}, {result.seconds:.1f} s)",
                    flush=True,
                )
        except BaseException:
            executor.shutdown(wait=False, cancel_futures=True)
            runner.stop()
            raise
        finally:
            executor.shutdown(wait=True)
    print(f"\nwall time: {time.monotonic() - started:.0f} s")
    return report(name, [results[m.id] for m in chosen], out)


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
        note = f" ({result.note})" if result.note else ""
        print(
            f"  {label:11s} {result.mutant.id} L{result.mutant.line} {result.mutant.change}{note}"
        )
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
                            "note": r.note,
                            "tests": r.tests,
                            "seconds": round(r.seconds, 1),
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
    running.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="run N mutants at once (1)"
    )
    running.add_argument(
        "--no-select",
        dest="select",
        action="store_false",
        help="run the whole area against each mutant, not the tests covering it",
    )
    running.add_argument(
        "--fresh", action="store_true", help="redo the coverage run even if it is cached"
    )
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
        select=args.select,
        jobs=args.jobs,
        fresh=args.fresh,
    )


if __name__ == "__main__":
    raise SystemExit(main())
