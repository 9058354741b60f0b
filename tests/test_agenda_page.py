"""The agenda page and its SVG timeline, rendered by a real browser (headless Chromium)."""

from __future__ import annotations

import io
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from peerassist import load
from peerassist.agenda import agenda_for
from peerassist.cli import main
from peerassist.cli._output import Output
from real import chromium

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ed-front-door.toml"
PICTURE = ROOT / "docs" / "_static" / "agenda-timeline.svg"


class Elements(HTMLParser):
    """Collect every start tag with its attributes, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}))

    def with_class(self, tag: str, name: str) -> list[dict[str, str]]:
        return [a for t, a in self.found if t == tag and name in a.get("class", "").split()]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The agenda.html that `peerassist plan` writes for the shipped example."""
    folder = tmp_path_factory.mktemp("plan")
    out, err = io.StringIO(), io.StringIO()
    code = main(["plan", str(EXAMPLE), "--out", str(folder)], output=Output(out, err))
    assert code in (0, 1), err.getvalue()
    return folder / "agenda.html"


def test_the_page_is_complete_and_self_contained(page: Path) -> None:
    """agenda.html is a whole document with inline CSS and print styles, fetching nothing."""
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "<style>" in text
    assert "@media print" in text
    assert "@page { size: A4" in text
    assert not re.search(r"<(script|link|img)\b", text)
    assert not re.search(r"(src|href)=\"https?:", text)


def test_chromium_renders_the_day_bands_and_quarter_blocks(page: Path) -> None:
    """In Chromium's DOM: three day bands (the evening before and two days), six quarter blocks."""
    dom = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    elements = Elements()
    elements.feed(dom)
    assert len([t for t, _ in elements.found if t == "svg"]) == 1
    days = elements.with_class("g", "day")
    assert [d["data-date"] for d in days] == ["2027-03-09", "2027-03-10", "2027-03-11"]
    quarters = elements.with_class("g", "quarter")
    # Quarter 1 and 4 around a break, 2 whole, 3 across the night.
    assert [q["data-quarter"] for q in quarters] == ["1", "1", "2", "3", "3", "4", "4"]
    assert len(elements.with_class("g", "break")) == 3
    assert len(elements.with_class("g", "lunch")) == 1
    assert len(elements.with_class("g", "social")) == 1
    assert len(elements.with_class("tr", "quarter")) == 7


def test_the_timeline_fits_an_a4_page_with_readable_labels(page: Path) -> None:
    """Laid out by Chromium: the SVG fits A4's printable width and its labels are 11 px."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            view = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
            view.emulate_media(media="print")
            view.goto(page.as_uri())
            svg = view.locator("svg.peerassist-timeline").bounding_box()
            assert svg is not None
            assert svg["width"] <= 688  # 210 mm less two 14 mm margins, at 96 dpi
            bands = view.locator("svg g.day").count()
            assert bands == 3
            sizes = view.eval_on_selector_all(
                "svg g.slot text", "els => els.map(e => getComputedStyle(e).fontSize)"
            )
            assert sizes
            assert set(sizes) == {"11px"}
            q1 = view.locator('svg g.quarter[data-quarter="1"] rect').first.bounding_box()
            assert q1 is not None
            assert q1["width"] > 40
        finally:
            browser.close()


def test_the_docs_picture_is_what_the_code_draws() -> None:
    """docs/_static/agenda-timeline.svg equals the shipped example's timeline, as drawn now."""
    drawn = agenda_for(load(EXAMPLE)).to_svg()
    assert PICTURE.read_text(encoding="utf-8") == drawn
