"""The HTML documents in a real browser (Debian's Chromium): printed, and read.

Each HTML document of the golden cases is loaded in headless Chromium
through Playwright and printed with ``page.pdf(prefer_css_page_size=True)``
so the document's own ``@page`` rule sets the paper, then read back with
poppler's ``pdftotext``. The page counts were checked by looking at the
printed pages. The colours the browser computes for every piece of text are
checked against WCAG 2's contrast formula, on screen and in print.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from peerassist.documents import render
from real import chromium, pdftotext
from test_documents import GOLDEN_CASES, MADE_NOW, NOW, SOURCES

# A4 in PostScript points, as Chromium writes it (210 x 297 mm).
A4 = (594.96, 841.92)

PAGES = {
    ("ed-front-door", "briefing"): 6,
    ("riverdale-flood", "briefing"): 6,
    ("riverdale-flood", "record"): 2,
    ("riverdale-flood", "actions"): 1,
    ("riverdale-flood", "aar"): 1,
    ("riverdale-flood", "lessons"): 1,
    ("address-clinic@scheduling", "briefing"): 5,
    ("made@quarter_2", "record"): 1,
    ("made@feedback", "record"): 2,
    ("made@closed", "briefing"): 6,
    ("made@closed", "record"): 2,
    ("made@closed", "actions"): 1,
    ("made@closed", "aar"): 1,
    ("made@closed", "lessons"): 1,
}

BRIEFING = [
    "Why we are meeting",
    "What we ask of you",
    "Who is coming",
    "Agenda",
    "Where and how",
    "Before the meeting",
    "Whom to contact",
]
QUARTERS = [
    "Quarter 1: context",
    "Quarter 2: questions",
    "Quarter 3: analysis",
    "Quarter 4: feedback",
]
HEADINGS = {
    "briefing": BRIEFING,
    "record": [*QUARTERS, "Closing"],
    "actions": ["To our visitors", "Actions"],
    "aar": ["The review", "Actions reviewed"],
    "lessons": ["Lessons", "Shared with"],
}
# Sub-headings and table captions that must never be the last line of a page.
NEVER_LAST = {
    "The problem",
    "What we want to learn",
    "What we hope to come away with",
    "Roles",
    "Ground rules",
    "Pre-reading",
    "Who has tackled this before",
    "What the host team presented",
    "The problem, redefined",
    "Options",
    "Insights",
    "Acknowledgement",
    "What the visitors take away",
    "What was supposed to happen?",
    "What actually happened?",
    "Why was there a difference?",
    "What will we sustain or improve?",
}
HTML_CASES = sorted({(source, kind) for source, kind, fmt in GOLDEN_CASES if fmt == "html"})


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    """One headless Chromium page for the whole module."""
    executable = chromium()
    pdftotext()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield browser.new_page()
        finally:
            browser.close()


def _pages(pdf: Path) -> list[list[str]]:
    result = subprocess.run(
        [pdftotext(), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    pages = result.stdout.split("\f")
    assert pages[-1].strip() == ""  # pdftotext ends every page with a form feed
    return [[line.strip() for line in text.split("\n") if line.strip()] for text in pages[:-1]]


def test_every_printed_case_has_its_page_count() -> None:
    """The table of page counts covers exactly the HTML golden cases."""
    assert sorted(PAGES) == HTML_CASES


@pytest.mark.parametrize(("source", "kind"), HTML_CASES)
def test_document_prints_on_a4_with_its_headings(
    page: Any, tmp_path: Path, source: str, kind: str
) -> None:
    """Printed by Chromium: A4 pages, the expected count, headings in order, none orphaned."""
    now = MADE_NOW if source.startswith("made@") else NOW
    assist = SOURCES[source]()
    page.set_content(render(assist, kind, now=now), wait_until="load")
    pdf = tmp_path / f"{kind}.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))

    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf.read_bytes())
    assert len(boxes) == PAGES[(source, kind)]
    for width, height in boxes:
        assert (round(float(width), 2), round(float(height), 2)) == A4

    pages = _pages(pdf)
    assert len(pages) == PAGES[(source, kind)]
    lines = [line for text in pages for line in text]
    assert " ".join(pages[0]).startswith(f"{kind_label(kind).upper()} {assist.title} ")
    expected = HEADINGS[kind]
    if source == "made@quarter_2":
        expected = QUARTERS[:2]
    found = [line for line in lines if line in expected]
    assert found == expected
    for number, text in enumerate(pages, 1):
        assert text, f"page {number} is blank"
        assert text[-1] not in {*expected, *NEVER_LAST}, f"page {number} ends with a heading"
    assert " ".join(pages[-1]).endswith(f"(state {assist.state}) by peerassist.")


def kind_label(kind: str) -> str:
    """The kicker above the title, as written by hand for each kind."""
    return {
        "briefing": "Briefing pack",
        "record": "Meeting record",
        "actions": "Action list",
        "aar": "After Action Review",
        "lessons": "Lessons learned",
    }[kind]


_TEXT_COLOURS = """() => {
  const seen = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const element = node.parentElement;
    let background = null;
    for (let e = element; e && !background; e = e.parentElement) {
      const colour = getComputedStyle(e).backgroundColor;
      if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") background = colour;
    }
    seen.push([node.textContent.trim().slice(0, 40), getComputedStyle(element).color,
               background || "rgb(255, 255, 255)"]);
  }
  return seen;
}"""


def _channels(css: str) -> tuple[float, float, float]:
    match = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, 1)?\)", css)
    assert match is not None, f"an opaque colour, not {css}"
    red, green, blue = (int(value) / 255 for value in match.groups())
    return red, green, blue


def _luminance(css: str) -> float:
    # WCAG 2.x relative luminance of an sRGB colour.
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _channels(css))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(foreground: str, background: str) -> float:
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_known_pairs() -> None:
    """The WCAG formula used below gives the published ratios."""
    assert round(_contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 2) == 21.0
    assert round(_contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)"), 2) == 4.54
    assert round(_contrast("rgb(255, 255, 255)", "rgb(255, 255, 255)"), 2) == 1.0


@pytest.mark.parametrize("media", ["screen", "print"])
@pytest.mark.parametrize(("source", "kind"), HTML_CASES)
def test_all_text_meets_wcag_aa_contrast(page: Any, source: str, kind: str, media: str) -> None:
    """Every piece of text, as the browser colours it, has at least 4.5:1 contrast (WCAG AA)."""
    now = MADE_NOW if source.startswith("made@") else NOW
    page.emulate_media(media=media)
    page.set_content(render(SOURCES[source](), kind, now=now), wait_until="load")
    seen = page.evaluate(_TEXT_COLOURS)
    assert len(seen) > 10
    low = [(text, fg, bg) for text, fg, bg in seen if _contrast(fg, bg) < 4.5]
    assert low == []
