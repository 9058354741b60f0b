"""Sphinx configuration for the peerassist documentation."""

from __future__ import annotations

import importlib.metadata

project = "peerassist"
author = "The peerassist developers"
copyright = "2026, The peerassist developers"
release = importlib.metadata.version("peerassist")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]

html_theme = "furo"
html_title = "peerassist"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# Types from the libraries peerassist builds on have no inventory offline.
nitpick_ignore_regex = [
    (r"py:.*", r"(pendulum|attrs|attr|cattrs|ics|transitions|holidays)(\..*)?"),
    (r"py:.*", r"(DateTime|Date|Duration|Timezone|Attribute)"),
]
