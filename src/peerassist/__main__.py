"""``python -m peerassist``: the same as the ``peerassist`` command."""

from peerassist.cli import main

raise SystemExit(main())
