"""No field of an assist can inject markup into a document.

Every free-text field of a realistic closed assist is set to each hostile
string the model accepts there (tests/hostile.py, plus strings aimed at
HTML, Markdown and Jinja2). Each document is then read back: the HTML with
the standard library's parser, the Markdown with a CommonMark parser
(markdown-it-py, raw HTML allowed, tables on). Its structure (every element
and attribute, every Markdown token) must equal that of the same assist
with plain text in the same fields, and its text must hold the hostile
string itself: shown, never interpreted, never dropped. (Plain text with the
same lines and blank lines gives the same paragraphs and line breaks.)
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

import markdown_it
import pytest

from hostile import MULTI_LINE
from peerassist._attrs import evolve, fields, has
from peerassist._time import DateTime
from peerassist.documents import FORMATS, KINDS, render
from peerassist.exceptions import InputError
from peerassist.model import PeerAssist
from peerassist.testing import make_assist

NOW = DateTime.create(2027, 3, 1, 12, tz="UTC")

AIMED: tuple[str, ...] = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</td></tr></table><h1>taken over</h1>",
    "<!-- comment",
    "]]> <![CDATA[",
    "&lt;script&gt; &amp; &#60;",
    "{{ 7 * 7 }} {% if true %}jinja{% endif %} {# note #}",
    "# Heading",
    "## Quarter 5: injected",
    "| a | b |",
    "---",
    "===",
    "***bold*** _em_ ~~gone~~",
    "`code` ```fence",
    "1. first",
    "2) second",
    "- item",
    "+ item",
    "> quote",
    "[click](javascript:alert(1))",
    "![image](https://evil.example/x.png)",
    "<https://evil.example>",
    "[ref]: https://evil.example",
    "\\",
    ": definition",
    "javascript:alert(1)",
    "line one\n\n# heading after a blank line\n- list\n\n    indented code",
    "para\n===\nsetext",
)
CORPUS = tuple(s for s in (*MULTI_LINE, *AIMED) if s.strip())


def _poisoned(value: Any, text: str) -> Any:
    """Return ``value`` with every text field the model accepts ``text`` in set to it."""
    if isinstance(value, str):
        return text
    if isinstance(value, tuple):
        return tuple(_poisoned(item, text) for item in value)
    if not has(type(value)):
        return value
    for field in fields(type(value)):
        current = getattr(value, field.name)
        if isinstance(current, list):  # the audit trail: not shown in documents
            continue
        new = _poisoned(current, text)
        if new == current:
            continue
        try:
            if isinstance(value, PeerAssist):
                setattr(value, field.name, new)
            else:
                value = evolve(value, **{field.name: new})
        except InputError:
            continue  # refused here (an email, a zone, a state): stays as it was
    return value


def _assist(text: str) -> PeerAssist:
    return _poisoned(make_assist("closed", now=NOW), text)


# Attributes that carry a field's text by design (the timeline's accessible
# name and tooltips): compared as words made plain, like the text itself, so
# the value must be the field's text exactly, no more and no less.
_TEXT_ATTRIBUTES = {"aria-label", "title"}


def _attributes(attrs: list[tuple[str, str | None]]) -> tuple[tuple[str, str | None], ...]:
    return tuple(
        (name, re.sub(r"\S+", "plain", value) if name in _TEXT_ATTRIBUTES and value else value)
        for name, value in attrs
    )


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.structure: list[tuple[str, str, tuple[tuple[str, str | None], ...]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.structure.append(("start", tag, _attributes(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.structure.append(("end", tag, ()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.structure.append(("empty", tag, _attributes(attrs)))

    def handle_comment(self, data: str) -> None:
        self.structure.append(("comment", data, ()))

    def handle_pi(self, data: str) -> None:
        self.structure.append(("pi", data, ()))

    def unknown_decl(self, data: str) -> None:
        self.structure.append(("decl", data, ()))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_SVG_TAGS = {"svg", "title", "desc", "g", "rect", "line", "text", "tspan", "path"}


def _check_svg(svg: str) -> str:
    """The timeline picture is well-formed SVG of drawing elements only, no
    scripts, links or handlers, whatever the fields hold; its text is kept."""
    root = ElementTree.fromstring(svg)
    texts = []
    for element in root.iter():
        tag = element.tag.rpartition("}")[2]
        assert tag in _SVG_TAGS, tag
        assert not any(name.lower().startswith("on") for name in element.attrib), element.attrib
        assert not any("href" in name for name in element.attrib), element.attrib
        texts.append(element.text or "")
    return " ".join(texts)


def _read_html(text: str) -> tuple[list[Any], str]:
    # The SVG timeline's layout depends on how long its labels are (a label
    # that does not fit is left out), so it is checked on its own.
    for svg in _SVG.findall(text):
        _check_svg(svg)
    text = _SVG.sub("<svg></svg>", text)
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.structure, " ".join("".join(reader.text).split())


def _markdown_parser() -> Any:
    return markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")


def _read_markdown(text: str) -> tuple[list[Any], str]:
    parser = _markdown_parser()
    structure: list[Any] = []
    for token in parser.parse(text):
        structure.append((token.type, token.tag, tuple(sorted((token.attrs or {}).items()))))
        for child in token.children or ():
            if child.type in ("text", "softbreak"):
                continue
            structure.append((child.type, child.tag, tuple(sorted((child.attrs or {}).items()))))
    shown, plain = _read_html(parser.render(text))
    assert not any(kind == "comment" for kind, _, _ in shown)
    return structure, plain


def _read(text: str, fmt: str) -> tuple[list[Any], str]:
    return _read_html(text) if fmt == "html" else _read_markdown(text)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_no_field_injects_markup(kind: str, fmt: str) -> None:
    """Hostile text in every field changes no element, attribute or token, and is shown as is."""
    for hostile in CORPUS:
        poisoned = _assist(hostile)
        if hostile not in (poisoned.title, poisoned.purpose.problem):
            # The model refuses it in every text (a control character): nothing to show.
            continue
        # The same lines and blank lines, in plain words: the structure to expect.
        plain = re.sub(r"\S+", "plain", hostile)
        baseline, _ = _read(render(_assist(plain), kind, format=fmt, now=NOW), fmt)
        assert len(baseline) > 20
        text = render(poisoned, kind, format=fmt, now=NOW)
        structure, shown = _read(text, fmt)
        assert structure == baseline, hostile
        assert " ".join(hostile.replace("\x85", " ").split()) in shown, hostile
        as_html = text if fmt == "html" else _markdown_parser().render(text)
        assert "<script" not in as_html.lower()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_hostile_title_reads_back_as_the_exact_heading(fmt: str) -> None:
    """Each single-line hostile title is the text of the h1, with no escape left showing."""
    for hostile in CORPUS:
        assist = _assist(hostile)
        if assist.title != hostile:
            continue  # a title must be one line
        text = render(assist, "lessons", format=fmt, now=NOW)
        as_html = text if fmt == "html" else _markdown_parser().render(text)
        heading = re.search(r"<h1>(.*?)</h1>", as_html, re.DOTALL)
        assert heading is not None
        _, shown = _read_html(heading.group(1))
        assert shown == " ".join(hostile.split()), hostile


def test_the_title_is_the_heading_exactly() -> None:
    """The poisoned title comes back, character for character, as the page's h1."""
    hostile = '</h1><script>alert("x")</script><h1>'
    text = render(_assist(hostile), "briefing", now=NOW)
    assert "<h1>&lt;/h1&gt;&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;h1&gt;</h1>" in text


def test_a_valid_but_odd_address_links_to_exactly_itself() -> None:
    """An http(s) address with brackets and quotes-free punctuation links to itself, unchanged."""
    address = "https://evil.example/a)](javascript:alert(1))?q=1&r=*_[x]"
    assist = make_assist("closed", now=NOW)
    briefing = assist.logistics.briefing[0]
    assist.logistics = evolve(assist.logistics, briefing=(evolve(briefing, url=address),))
    html, _ = _read_html(render(assist, "briefing", now=NOW))
    html_links = [
        dict(attrs)["href"] for kind, tag, attrs in html if tag == "a" and kind == "start"
    ]
    assert address in html_links
    tokens = _markdown_parser().parse(render(assist, "briefing", format="markdown", now=NOW))
    # The parser percent-encodes brackets in what it reads: the same address.
    md_links = [
        unquote(str(child.attrs["href"]))
        for token in tokens
        for child in token.children or ()
        if child.type == "link_open"
    ]
    assert address in md_links
    assert not [link for link in html_links + md_links if "javascript" in link and link != address]
