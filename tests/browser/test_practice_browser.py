"""Issue 12's pages in a real browser: the tracker and the tags table show their key columns
and newest month without horizontal scrolling at 1366 px and 375 px; a pair's notes are
grouped by program year in <details> that open from a link without JavaScript and all print;
a long pair page puts its first note near the top; a 12-note pair prints in a few pages."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from notesite.build import build
from site_program import TODAY

pytestmark = pytest.mark.browser

Built = Any  # conftest.Built
Watched = Any  # conftest.Watched
Open = Callable[..., Watched]
VIEWPORTS = {"laptop": {"width": 1366, "height": 768}, "phone": {"width": 375, "height": 740}}
KEY_COLUMNS = {  # the leading cells of a body row that must be in view without scrolling
    "tracker.html": ("table.tracker", 5),  # pair, level, days since support, mentor, mentee
    "tags.html": ("table.heat", 3),  # category, the year's total, the newest month
}
IN_VIEW = """
([selector, cells]) => [...document.querySelectorAll(selector)]
  .filter((t) => t.getClientRects().length)
  .map((t) => {
    const wrap = t.closest(".table-wrap");
    const row = t.querySelector("tbody tr");
    const last = row.children[cells - 1].getBoundingClientRect();
    const frame = wrap.getBoundingClientRect();
    return {right: last.right, frame: frame.right, scrolled: wrap.scrollLeft,
            header: t.querySelector("thead").textContent.replace(/\\s+/g, " ").trim()};
  })
"""


def api(built: Built, name: str) -> Any:
    return json.loads((built.out / "api" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", sorted(KEY_COLUMNS))
@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_key_columns_and_the_newest_month_are_in_view(
    base_url: str, open_page: Open, page: str, size: str
) -> None:
    viewport = VIEWPORTS[size]
    w = open_page(base_url, viewport=viewport)
    w.page.goto(base_url + page)
    tables = w.page.evaluate(IN_VIEW, list(KEY_COLUMNS[page]))
    assert tables, f"{page} has no table to check"
    for t in tables:
        assert t["scrolled"] == 0
        assert t["right"] <= t["frame"] + 0.5, (page, size, t)
    assert w.page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    if page == "tags.html":  # the newest month is the first month column
        months = re.findall(r"\d{4}-\d{2}", tables[0]["header"])
        assert months == sorted(months, reverse=True) and months[0] == TODAY.strftime("%Y-%m")
    w.assert_clean()


def _pair_with_years(built: Built) -> str:
    """A pair whose notes span more than one program year."""
    for path in sorted((built.out / "pairs").glob("p-*.html")):
        if path.read_text(encoding="utf-8").count('<details class="year"') > 1:
            return path.stem
    raise AssertionError("no pair with notes in two program years")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_older_years_are_closed_and_a_link_opens_them(
    built: Built, base_url: str, open_page: Open, javascript: bool
) -> None:
    pair = _pair_with_years(built)
    w = open_page(base_url, java_script_enabled=javascript)
    page = w.page
    page.goto(base_url + f"pairs/{pair}.html")
    years = page.locator("details.year")
    assert years.evaluate_all("ds => ds.map(d => d.open)")[:2] == [True, False]
    older = years.nth(1)
    first = older.locator(".note").first
    assert not first.is_visible()
    target = first.get_attribute("id")
    page.goto(base_url + f"pairs/{pair}.html#{target}")  # as a link from another page does
    page.wait_for_function(f"document.getElementById('{target}').checkVisibility()")
    assert older.evaluate("d => d.open")
    older.locator("summary").click()  # and it closes again by its summary
    assert not older.evaluate("d => d.open")
    page.locator("nav.years a").nth(1).click()  # the years' links lead to them
    assert page.evaluate("location.hash").startswith("#year-")
    w.assert_clean()


def test_every_year_prints_and_a_note_may_continue_on_the_next_page(
    built: Built, base_url: str, open_page: Open
) -> None:
    pair = _pair_with_years(built)
    w = open_page(base_url)
    page = w.page
    page.goto(base_url + f"pairs/{pair}.html")
    page.emulate_media(media="print")
    shown = page.evaluate("[...document.querySelectorAll('.note')].map(n => n.checkVisibility())")
    assert shown and all(shown)
    style = page.evaluate(
        "(() => { const n = document.querySelector('.note');"
        " return [getComputedStyle(n).breakInside,"
        " getComputedStyle(n.querySelector('h4')).breakAfter]; })()"
    )
    assert style == ["auto", "avoid"]
    assert not page.locator(".toc").first.is_visible()
    w.assert_clean()


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_a_12_note_pair_prints_in_at_most_5_pages(
    built: Built, base_url: str, open_page: Open
) -> None:
    # Before issue 12 the demo's 12-note pairs took 10 to 13 A4 pages (every note kept whole,
    # the history table printed); now 4 (5 allowed for font differences).
    twelve = [p["id"] for p in api(built, "pairs")["pairs"] if p["notes"] == 12]
    assert twelve
    w = open_page(base_url)
    for pair in twelve[:3]:
        w.page.goto(base_url + f"pairs/{pair}.html")
        width = w.page.evaluate("document.documentElement.scrollWidth")
        pdf = w.page.pdf(format="A4")
        assert _pages(pdf) <= 5, pair
        assert width <= 1280  # nothing wider than the page, which would shrink the print
    w.assert_clean()


@pytest.fixture(scope="module")
def long_pair(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated program with one pair of about 200 notes, built."""
    from notesite.demo import generate

    base = tmp_path_factory.mktemp("long")
    generate(base / "repo", pairs=1, notes_per_pair=200, today=TODAY)
    result = build(base / "repo", base / "site", TODAY, search=False)
    assert result.ok
    return base / "site"


def test_a_long_pair_page_puts_its_first_note_near_the_top(
    long_pair: Path, open_page: Open
) -> None:
    [page_file] = sorted((long_pair / "pairs").glob("p-*.html"))
    w = open_page("file://", viewport=VIEWPORTS["laptop"])
    w.page.goto(page_file.as_uri())
    notes = w.page.locator(".note").count()
    assert notes >= 150
    top = w.page.evaluate("document.querySelector('.note').getBoundingClientRect().top")
    # Before issue 12 the first note of a 200-note pair came after a 200-row table, 8,800 px
    # down; the per-year links are a few lines.
    assert top < 3000, top
    w.assert_clean()
