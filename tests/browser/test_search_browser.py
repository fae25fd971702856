"""Search in a real browser: a word from a note finds it and leads to it on its pair's page,
filters narrow the results, the header box searches from any page, hostile note text stays
text, and a page opened from disk says why search needs the site served."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from notesite.derive.facts import derive
from notesite.render import search
from notesite.validate import check_repository
from site_program import CJK_ABSENT, CJK_WORDS, TODAY

pytestmark = pytest.mark.browser

Built = Any  # conftest.Built
Watched = Any  # conftest.Watched
Open = Callable[..., Watched]
PHONE = {"width": 375, "height": 740}
WORD = re.compile(r"[a-z]{7,}")


@pytest.fixture(scope="module")
def records(built: Built) -> list[search.Record]:
    checked = check_repository(built.repo, TODAY, render=True)
    return search.records(derive(checked.program, TODAY))


def distinctive(records: list[search.Record]) -> tuple[str, search.Record]:
    """A word in exactly one note, whose first six letters no other word shares (so no other
    note matches it even after stemming), and that note."""
    words = [set(WORD.findall(r.content.lower())) for r in records]
    prefixes = Counter(w[:6] for ws in words for w in ws)
    for rec, ws in zip(records, words, strict=True):
        for w in sorted(ws):
            if prefixes[w[:6]] == 1:
                return w, rec
    raise AssertionError("no distinctive word in the notes")


def status(w: Watched, pattern: str) -> str:
    """The status line once it matches `pattern` (a JavaScript regular expression)."""
    w.page.wait_for_function(
        "(p) => new RegExp(p).test(document.getElementById('search-status').textContent)",
        arg=pattern,
    )
    return str(w.page.locator("#search-status").inner_text())


def count(w: Watched) -> int:
    """The number of notes the status line reports, once a search has answered."""
    text = status(w, " found for ")
    return 0 if text.startswith("No notes") else int(text.split()[0])


def test_a_word_finds_its_note_and_leads_to_it(
    records: list[search.Record], base_url: str, open_page: Open
) -> None:
    word, rec = distinctive(records)
    w = open_page(base_url)
    page = w.page
    page.goto(base_url + "search.html")
    status(w, "^Type a word")
    page.get_by_label("Words to find").fill(word)
    assert count(w) == 1
    link = page.locator(".search-result h2 a")
    assert link.inner_text() == rec.meta["title"]
    assert link.get_attribute("href") == rec.url
    assert word in page.locator(".search-excerpt mark").first.inner_text().lower()
    assert f"q={word}" in page.url  # the address keeps the search, to share or go back to
    link.click()
    page.wait_for_url("**/" + rec.url)
    anchor = rec.url.split("#")[1]
    assert page.evaluate("document.querySelector(':target').id") == anchor
    assert page.evaluate("document.querySelector(':target').classList.contains('note')")
    assert page.locator(f"#{anchor}").is_visible()
    w.assert_clean()


def test_filters_narrow_the_results(
    built: Built, records: list[search.Record], base_url: str, open_page: Open
) -> None:
    pairs = json.loads((built.out / "api" / "pairs.json").read_text(encoding="utf-8"))["pairs"]
    pm_of = {p["id"]: p["pm"] for p in pairs}
    pm = Counter(pm_of.values()).most_common(1)[0][0]
    w = open_page(base_url)
    page = w.page
    page.goto(base_url + "search.html?q=mentor")
    everyone = count(w)
    assert everyone > 20
    page.locator("#search-pm").select_option(pm)
    status(w, f"^(?!{everyone} notes)")
    narrowed = count(w)
    assert 0 < narrowed < everyone
    hrefs = page.locator(".search-result h2 a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs and len(hrefs) == min(narrowed, 20)
    assert {pm_of[re.search(r"pairs/(.+?)\.html#", h)[1]] for h in hrefs} == {pm}  # type: ignore[index]
    assert f"pm={pm}" in page.url
    # a filter alone, no words: every note of that type
    page.get_by_label("Words to find").fill("")
    page.locator("#search-pm").select_option("")
    page.locator("#search-type").select_option("safety")
    safety = sum(1 for r in records if r.filters["type"] == ["safety"])
    status(w, f"^{safety} notes? found")
    page.get_by_role("button", name="Clear").click()
    status(w, "^Type a word")
    assert page.locator(".search-result").count() == 0
    w.assert_clean()


def test_more_results_on_request(base_url: str, open_page: Open) -> None:
    w = open_page(base_url)
    page = w.page
    page.goto(base_url + "search.html?q=mentor")
    total = count(w)
    assert page.locator(".search-result").count() == 20
    page.get_by_role("button", name="Show more results").click()
    page.wait_for_function("() => document.querySelectorAll('.search-result').length > 20")
    assert page.locator(".search-result").count() == min(total, 40)
    w.assert_clean()


def test_the_header_box_searches_from_any_page(
    records: list[search.Record], base_url: str, open_page: Open
) -> None:
    word, rec = distinctive(records)
    w = open_page(base_url)
    page = w.page
    page.goto(base_url + "pairs/index.html")
    box = page.get_by_role("search", name="Search notes").get_by_label("Search notes")
    box.fill(word)
    box.press("Enter")
    page.wait_for_url(f"**/search.html?q={word}")
    assert count(w) == 1
    assert page.get_by_label("Words to find").input_value() == word
    assert page.locator(".search-result h2 a").get_attribute("href") == rec.url
    w.assert_clean()


def test_hostile_note_text_stays_text_in_results(base_url: str, open_page: Open) -> None:
    w = open_page(base_url)
    page = w.page
    page.goto(base_url + "search.html?q=pwned")
    assert count(w) >= 1
    results = page.locator("#search-results")
    assert "window.__pwned" in results.inner_text()
    assert results.locator("script, img, iframe, style").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    w.assert_clean()


@pytest.mark.parametrize("word", CJK_WORDS)
def test_chinese_words_find_their_note(base_url: str, open_page: Open, word: str) -> None:
    # Chinese has no spaces between words: the index and the query split it the same way,
    # and the excerpt shows the text as written.
    w = open_page(base_url)
    page = w.page
    page.goto(base_url + "search.html")
    status(w, "^Type a word")
    page.get_by_label("Words to find").fill(word)
    assert count(w) == 1
    excerpt = page.locator(".search-excerpt").first.inner_text()
    assert word in excerpt and "数 学" not in excerpt
    page.get_by_label("Words to find").fill(CJK_ABSENT)
    assert status(w, CJK_ABSENT).startswith("No notes")
    w.assert_clean()


def test_the_search_page_fits_a_phone(base_url: str, open_page: Open) -> None:
    w = open_page(base_url, viewport=PHONE)
    w.page.goto(base_url + "search.html?q=mentor")
    count(w)
    assert w.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    w.assert_clean()


def test_from_disk_the_page_says_to_serve_the_site(built: Built, open_page: Open) -> None:
    w = open_page("file://")
    page = w.page
    page.goto((built.out / "index.html").as_uri())
    box = page.get_by_role("search", name="Search notes").get_by_label("Search notes")
    box.fill("mentor")
    box.press("Enter")  # the header form still leads to the search page from disk
    page.wait_for_url("file://**/search.html?q=mentor")
    assert "notesite serve" in status(w, "served")
    assert page.get_by_label("Words to find").is_disabled()
    assert page.locator(".search-result").count() == 0
    assert not [u for u in w.requests if "/pagefind/" in u]  # nothing that would fail
    w.assert_clean()
