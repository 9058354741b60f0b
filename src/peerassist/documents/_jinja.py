"""The documents' templates on Jinja2: the one module that imports it.

Imported only when a document is rendered, so ``import peerassist`` does not
pay for Jinja2. Two environments share one loader: HTML templates are
autoescaped; Markdown templates escape every ``{{ value }}`` for Markdown
(see :func:`~peerassist.documents._text.md_inline`), so no field can add
a heading, a link or raw HTML to either.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from peerassist.documents._text import md_inline, md_paragraphs, paragraphs
from peerassist.exceptions import DocumentError

__all__ = ["render_template", "template_name"]

_PACKAGE_FOLDER = Path(__file__).parent / "templates"


def template_name(kind: str, fmt: str) -> str:
    """The file name of a kind's template: ``briefing.html``, ``record.md``..."""
    return f"{kind}.{'html' if fmt == 'html' else 'md'}"


def _html_paragraphs(text: str) -> Markup:
    parts = []
    for para in paragraphs(str(text)):
        body = Markup("<br>\n").join(escape(line) for line in para)
        parts.append(Markup("<p>") + body + Markup("</p>"))
    return Markup("\n").join(parts)


def _md_paragraphs(text: str) -> Markup:
    return Markup(md_paragraphs(str(text)))


def _md_finalize(value: Any) -> Any:
    # Every {{ value }} in a Markdown template passes through here: text is
    # escaped unless a filter of ours already made it safe Markdown.
    if isinstance(value, Markup) or value is None:
        return "" if value is None else value
    return md_inline(str(value))


def _md_link(text: str, url: str | None) -> Markup:
    # ``url`` comes from safe_url: no spaces, quotes, angle brackets or
    # backslashes, so it fits a <...> destination as it is.
    label = md_inline(str(text))
    if not url:
        return Markup(label)
    return Markup(f"[{label}](<{url}>)")


@functools.lru_cache(maxsize=16)
def _environment(fmt: str, folder: str | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if folder is not None:
        loaders.append(jinja2.FileSystemLoader(folder))
    loaders.append(jinja2.FileSystemLoader(str(_PACKAGE_FOLDER)))
    loader = jinja2.ChoiceLoader(loaders)
    common: dict[str, Any] = {
        "loader": loader,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        # A host editing its templates sees the change on the next render.
        "auto_reload": folder is not None,
    }
    if fmt == "html":
        env = jinja2.Environment(autoescape=True, **common)
        env.filters["paragraphs"] = _html_paragraphs
    else:
        env = jinja2.Environment(autoescape=False, finalize=_md_finalize, **common)
        env.filters["paragraphs"] = _md_paragraphs
        env.filters["link"] = _md_link
    return env


def render_template(kind: str, fmt: str, folder: Path | None, view: dict[str, Any]) -> str:
    """Render a kind's template in ``fmt`` with ``view``.

    Args:
        kind: the kind of document.
        fmt: ``"html"`` or ``"markdown"``.
        folder: a host's folder of templates that override the packaged ones.
        view: the variables.

    Returns:
        The document's text.

    Raises:
        DocumentError: a template is missing, malformed or uses a variable
            it does not receive.
    """
    name = template_name(kind, fmt)
    env = _environment(fmt, None if folder is None else str(folder))
    try:
        return env.get_template(name).render(view)
    except jinja2.TemplateSyntaxError as error:
        where = f"{error.filename or error.name or name}, line {error.lineno}"
        raise DocumentError(kind, f"template {where}: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise DocumentError(kind, f"template {error.name!r}: not found") from None
    except jinja2.UndefinedError as error:
        raise DocumentError(kind, f"template {name}: {error.message}") from None
