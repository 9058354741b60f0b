"""Run the benchmarks: ``python bench/run.py [--quick] [NAME ...]``.

Each ``bench/bench_*.py`` module defines ``run(quick: bool) -> list[Result]``;
every result prints one line with the measured ratio against a baseline
measured in the same run. ``--quick`` uses smaller sizes (a smoke run, as the
test suite does); NAME picks modules by name (``serialize``, ``rules``...).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def discover() -> list[str]:
    """Return the benchmark module names, sorted."""
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args(argv)
    known = discover()
    unknown = [n for n in args.names if n not in known]
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(known)}")
    sys.path.insert(0, str(HERE))
    for name in args.names or known:
        module = importlib.import_module(f"bench_{name}")
        for result in module.run(quick=args.quick):
            print(result.line(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
