"""Write the documents of a peer assist, branded with an intranet's own frame.

Run with ``python examples/documents.py OUT_DIR``: it writes, into OUT_DIR,
every document the flood example is ready for (HTML and Markdown), and a
briefing pack whose frame is the host's own template, found in a folder of
templates that overrides only ``base.html``. Documents the assist is not
ready for are listed with what they still need.
"""

from __future__ import annotations

import sys
from pathlib import Path

from peerassist import load
from peerassist.documents import KINDS, missing, render

EXAMPLES = Path(__file__).parent

# The host's frame: its name, its colours, and the block the documents fill.
INTRANET_BASE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><title>{{ document }}: {{ title }}</title>
<style>
body { font-family: sans-serif; color: #1b1b1b; }
header { border-bottom: 4px solid #005eb8; }
</style>
</head>
<body>
<header><p>Riverdale District Council intranet</p><h1>{{ title }}</h1></header>
<main>{% block content %}{% endblock %}</main>
</body>
</html>
"""


def main(out: Path) -> None:
    assist = load(EXAMPLES / "riverdale-flood.toml")
    out.mkdir(parents=True, exist_ok=True)
    for kind, name in KINDS.items():
        needs = missing(assist, kind)
        if needs:
            print(f"{name}: not yet ({len(needs)} thing(s) missing, first {needs[0]})")
            continue
        for fmt, suffix in (("html", "html"), ("markdown", "md")):
            (out / f"{kind}.{suffix}").write_text(render(assist, kind, format=fmt), "utf-8")
        print(f"{name}: {kind}.html, {kind}.md")
    templates = out / "templates"
    templates.mkdir(exist_ok=True)
    (templates / "base.html").write_text(INTRANET_BASE, encoding="utf-8")
    branded = render(assist, "briefing", templates=templates)
    (out / "briefing-intranet.html").write_text(branded, encoding="utf-8")
    print("briefing pack in the intranet's frame: briefing-intranet.html")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "documents"))
