"""The cost of ``import peerassist`` against importing its dependencies.

Each figure is the median wall time of fresh interpreters (``python -c
"import ..."``), run alternately so both see the same machine load:

* ``import peerassist`` against ``import attrs, cattrs, transitions,
  pendulum`` (target 1.3x): the front door imports each name on first use,
  so the model, rules, default workflow and agenda planning are built only
  when a program touches them;
* for the record (no target), importing and touching the names most
  programs use (``PeerAssist``, ``validate``, ``Workflow``, ``DEFAULT_WORKFLOW``)
  against the same baseline.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from _harness import Result

OURS = "import peerassist"
USED = (
    "import peerassist; peerassist.PeerAssist; peerassist.validate;"
    " peerassist.Workflow; peerassist.DEFAULT_WORKFLOW"
)
BASELINE = "import attrs, cattrs, transitions, pendulum"


def _once(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def _empty() -> float:
    return _once("pass")


def run(quick: bool) -> list[Result]:
    rounds = 5 if quick else 21
    ours: list[float] = []
    used: list[float] = []
    baseline: list[float] = []
    empty: list[float] = []
    for _ in range(rounds):
        empty.append(_empty())
        ours.append(_once(OURS))
        used.append(_once(USED))
        baseline.append(_once(BASELINE))
    start_up = statistics.median(empty)
    return [
        Result(
            name="import: `import peerassist` (interpreter start-up subtracted)",
            ours=max(statistics.median(ours) - start_up, 1e-9),
            baseline=max(statistics.median(baseline) - start_up, 1e-9),
            baseline_name="import attrs, cattrs, transitions, pendulum",
            unit="import",
            target=1.3,
        ),
        Result(
            name="import: `import peerassist` and first use of PeerAssist, validate,"
            " Workflow and DEFAULT_WORKFLOW",
            ours=max(statistics.median(used) - start_up, 1e-9),
            baseline=max(statistics.median(baseline) - start_up, 1e-9),
            baseline_name="import attrs, cattrs, transitions, pendulum",
            unit="import",
            note="for the record: what a program using the workflow pays",
        ),
    ]
