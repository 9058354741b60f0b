"""A first look: build a realistic assist and show who takes part in it.

Run with ``python examples/quickstart.py``.
"""

from __future__ import annotations

import pendulum

from peerassist.testing import make_assist


def main() -> None:
    assist = make_assist("scheduling", now=pendulum.now("UTC"))
    print(f"{assist.title} [{assist.state}, revision {assist.revision}]")
    print(f"Problem: {assist.purpose.problem}")
    start = assist.logistics.start
    if start is not None:
        print(f"Meeting: {start.format('dddd D MMMM YYYY, HH:mm zz')}")
    for person, role in assist.participants():
        print(f"  {role.value:<12} {person.name} ({person.organisation})")


if __name__ == "__main__":
    main()
