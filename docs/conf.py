"""Sphinx configuration for the peerassist documentation.

Built offline, nitpicky and with warnings as errors::

    python -m sphinx -n -W --keep-going -b html docs docs/_build/html

Every ``>>>`` example in these pages is also run by pytest
(``--doctest-glob=*.md``).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import pkgutil
import re
from pathlib import Path
from types import ModuleType
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import PycodeError
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging

logger = logging.getLogger(__name__)

project = "peerassist"
author = "The peerassist developers"
copyright = "2026, The peerassist developers"
release = importlib.metadata.version("peerassist")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinxcontrib.mermaid",
]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
# ```mermaid fences become diagrams in the HTML (drawn by mermaid.js in the
# reader's browser) and stay readable as source everywhere else.
myst_fence_as_directive = ["mermaid"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]

html_theme = "furo"
html_title = "peerassist"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
# A public module's ``__all__`` chooses what is documented. Constants it
# re-exports from a private module are listed with ``autodata`` in its page
# (autodoc only finds a constant's docstring in the module that defines it).
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# The public modules, in the order of the API reference. Each has a page
# docs/api/<last part>.md (the root's is docs/api/peerassist.md).
API_MODULES = (
    "peerassist",
    "peerassist.model",
    "peerassist.rules",
    "peerassist.rules.catalogue",
    "peerassist.policy",
    "peerassist.workflow",
    "peerassist.agenda",
    "peerassist.calendar",
    "peerassist.documents",
    "peerassist.serialize",
    "peerassist.schema",
    "peerassist.register",
    "peerassist.testing",
    "peerassist.exceptions",
)

# The docs are built offline, without intersphinx: types from the standard
# library and from the libraries peerassist builds on have no inventory.
# peerassist's own names must resolve (see _resolve_public below); only
# private helpers (sentinels, type variables) are let through.
_STDLIB = (
    r"(abc|builtins|collections|collections\.abc|datetime|_dt|enum|os|pathlib"
    r"|sqlite3|types|typing|zoneinfo)"
)
nitpick_ignore_regex = [
    (r"py:.*", r"(pendulum|attrs|attr|cattrs|ics|transitions|holidays)(\..*)?"),
    (r"py:.*", r"(DateTime|Date|Duration|Timezone|Attribute)"),
    (r"py:.*", _STDLIB + r"\..*"),
    (r"py:.*", r"(timedelta|datetime|time|date|PathLike|Connection)"),
    (r"py:.*", r"(email(\.\w+)*|EmailMessage|smtplib)"),
    (r"py:.*", r"peerassist(\.\w+)*\._\w+(\.\w+)*"),
    # Private aliases: a sentinel, type variables, a clock callable, and
    # ics.Calendar (imported for type checking only).
    (r"py:class", r"(T|Unset|Clock|Calendar)"),
    (r"py:class", r"peerassist(\.\w+)*\.T"),
]


# -- The package root's exports ------------------------------------------------


def public_home(name: str, obj: object) -> str | None:
    """The public module whose API page documents ``obj`` (exported as ``name``)."""
    if isinstance(obj, ModuleType):
        return obj.__name__ if obj.__name__ in API_MODULES else None
    homes = []
    for module_name in API_MODULES[1:]:
        module = importlib.import_module(module_name)
        if (
            name in getattr(module, "__all__", ())
            and getattr(module, name) is obj
            and name not in excluded_on_page(module_name)
        ):
            homes.append(module_name)
    defined_in = getattr(obj, "__module__", None) or ""
    for home in homes:
        if defined_in == home or defined_in.startswith(home + "._"):
            return home
    return homes[0] if homes else None


def root_exports_table() -> str:
    """A Markdown table of ``peerassist.__all__``, each linked to where it is documented."""
    import peerassist

    rows = ["| Name | Documented in |", "|---|---|"]
    for name in peerassist.__all__:
        obj = getattr(peerassist, name)
        home = public_home(name, obj)
        if home is None:
            # Left as a plain reference: the nitpicky build reports it.
            rows.append(f"| {{py:obj}}`peerassist.{name}` | |")
        elif isinstance(obj, ModuleType):
            rows.append(f"| {{py:mod}}`{name} <{home}>` | {{doc}}`{_page(home)}` |")
        else:
            rows.append(f"| {{py:obj}}`{name} <{home}.{name}>` | {{py:mod}}`{home}` |")
    return "\n".join(rows) + "\n"


def _page(module_name: str) -> str:
    if module_name == "peerassist.rules.catalogue":  # a section of the rules page
        module_name = "peerassist.rules"
    return "/api/" + module_name.split(".")[-1]


def excluded_on_page(module_name: str) -> frozenset[str]:
    """The names of ``module_name`` its API page leaves to another page."""
    page = Path(__file__).parent / (_page(module_name).lstrip("/") + ".md")
    return _excluded_names(page.read_text(encoding="utf-8"))


def _excluded_names(text: str) -> frozenset[str]:
    return frozenset(name.strip() for found in _EXCLUDED.findall(text) for name in found.split(","))


_EXPORTS_MARKER = "<!-- root-exports -->"
_CONSTANTS_MARKER = re.compile(r"<!-- constants ([\w.]+) -->")
_EXCLUDED = re.compile(r":exclude-members:(.*)")


def is_constant(obj: object) -> bool:
    """Whether autodoc documents ``obj`` as data (not a class, function or module)."""
    return not (inspect.isclass(obj) or inspect.isroutine(obj) or isinstance(obj, ModuleType))


def constants_rst(module_name: str, excluded: frozenset[str] = frozenset()) -> str:
    """``autodata`` directives for the constants a public module re-exports.

    autodoc documents a module's classes and functions from ``__all__``, but
    a constant only when its docstring is in that module's own source: the
    ones it imports from private modules are listed here.
    """
    module = importlib.import_module(module_name)
    own_docs = {name for namespace, name in _module_docs(module_name) if namespace == ""}
    lines = []
    for name in module.__all__:
        value = getattr(module, name)
        if name in excluded or name in own_docs or not is_constant(value):
            continue
        lines.append(f".. autodata:: {module_name}.{name}")
        if len(repr(value)) > 80:
            lines.append("   :no-value:")
    if not lines:
        return ""
    return "```{eval-rst}\n" + "\n".join(lines) + "\n```\n"


def _fill_markers(app: Sphinx, docname: str, source: list[str]) -> None:
    text = source[0]
    if docname == "api/peerassist" and _EXPORTS_MARKER in text:
        text = text.replace(_EXPORTS_MARKER, root_exports_table())
    excluded = _excluded_names(text)
    source[0] = _CONSTANTS_MARKER.sub(lambda m: constants_rst(m.group(1), excluded), text)


# -- Docstrings ----------------------------------------------------------------


def _attribute_sentences(
    app: Sphinx, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    # peerassist's attribute and constant docstrings are sentences ("The default
    # reminder: 30 minutes..."); their types come from annotations. A leading
    # first line without a colon (an empty comment) stops napoleon from reading
    # the text before the colon as a type.
    if what in ("attribute", "data", "property") and lines:
        lines[:0] = ["..", ""]


def _returns_as_text(
    app: Sphinx, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    # A "Returns:" section here is prose; the type comes from the annotation.
    # napoleon would read the text before a first colon ("The text: CRLF line
    # ends...") as a type, so hand it the section as a plain :returns: field.
    for index, line in enumerate(lines):
        if line.rstrip() != "Returns:":
            continue
        end = index + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][:1].isspace()):
            end += 1
        body = [text.strip() for text in lines[index + 1 : end]]
        while body and not body[-1]:
            body.pop()
        if body:
            field = [f":returns: {body[0]}", *(f"   {text}" if text else "" for text in body[1:])]
            lines[index:end] = [*field, ""]
        return


def _module_docs(module_name: str) -> dict[tuple[str, str], list[str]]:
    try:
        return ModuleAnalyzer.for_module(module_name).find_attr_docs()
    except PycodeError:
        return {}


def _private_constant_docs(
    app: Sphinx, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    # A constant re-exported by a public module is documented beside its
    # private definition (``PHASES`` in peerassist.rules._core): take the
    # docstring from there rather than the docstring of the value's type.
    if what != "data":
        return
    type_doc = inspect.cleandoc(type(obj).__doc__ or "")
    if lines and "\n".join(lines).strip() != type_doc:
        return
    lines[:] = _defining_module_doc(name, obj)


def _defining_module_doc(name: str, obj: object) -> list[str]:
    module_name, _, attr = name.rpartition(".")
    try:
        package = importlib.import_module(module_name)
    except ImportError:
        return []
    if not hasattr(package, "__path__"):  # a module: look beside it
        module_name = module_name.rpartition(".")[0]
        package = importlib.import_module(module_name)
    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("_") or info.name.startswith("__"):
            continue  # only private modules; never __main__, which runs the CLI
        candidate = f"{module_name}.{info.name}"
        try:
            module = importlib.import_module(candidate)
        except ImportError:
            continue
        if getattr(module, attr, None) is obj:
            doc = _module_docs(candidate).get(("", attr))
            if doc:
                return list(doc)
    return []


# -- References ------------------------------------------------------------------

_PRIVATE_PART = re.compile(r"\._\w+")


def _resolve_public(
    app: Sphinx, env: BuildEnvironment, node: nodes.Element, contnode: nodes.Element
) -> nodes.Element | None:
    """Resolve a peerassist name given by its private or re-exported path.

    Type hints name classes where they are defined (``peerassist.model._assist.
    PeerAssist``) and docstrings name them as users import them
    (``peerassist.PeerAssist``, ``Workflow.fire``); both resolve to the one
    place the API reference documents them. An ambiguous name stays unresolved.
    """
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"]
    domain: Any = env.get_domain("py")
    wanted = []
    if target.startswith("peerassist."):
        public = _PRIVATE_PART.sub("", target)
        wanted.append(public)
        for module_name in sorted(API_MODULES, key=len, reverse=True):
            if public.startswith(module_name + "."):
                wanted.append(public[len(module_name) + 1 :])
                break
    else:
        wanted.append(target)
    for name in wanted:
        for modname, searchmode in ((None, 0), (node.get("py:module"), 1), (None, 1)):
            matches = domain.find_obj(env, modname, node.get("py:class"), name, None, searchmode)
            matches = [
                (full, entry)
                for full, entry in matches
                if full.startswith("peerassist.") and not entry.aliased
            ]
            if len(matches) == 1:
                full, entry = matches[0]
                return _refnode(app, node, full, entry, contnode)
    return None


def _refnode(
    app: Sphinx, node: nodes.Element, full: str, entry: Any, contnode: nodes.Element
) -> nodes.Element:
    from sphinx.util.nodes import make_refnode

    return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, full)


def setup(app: Sphinx) -> dict[str, Any]:
    """Wire the helpers above into the build."""
    app.connect("source-read", _fill_markers)
    app.connect("autodoc-process-docstring", _private_constant_docs, priority=300)
    app.connect("autodoc-process-docstring", _attribute_sentences, priority=400)
    app.connect("autodoc-process-docstring", _returns_as_text, priority=400)
    app.connect("missing-reference", _resolve_public)
    return {"parallel_read_safe": True}
