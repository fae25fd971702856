"""The site in a real browser: navigation, filters with and without JavaScript, print, phone,
contrast, the XSS note, and no request leaving the site (see conftest.py for the watching)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from site_program import xss_target

pytestmark = pytest.mark.browser

Built = Any  # conftest.Built: the notes repository and the built site
Watched = Any  # conftest.Watched: a page and what it did
Open = Callable[..., Watched]
PHONE = {"width": 375, "height": 740}

# Text colour against the first opaque background behind it; WCAG AA: 4.5:1, 3:1 large text.
CONTRAST = """
() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || c[3] === 1) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const bad = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("svg, .visually-hidden")) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    const [fg, bg] = [lum(rgb(style.color)), lum(background(el))];
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const what = `${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}"`;
    if (ratio < need) bad.push(`${what} ${ratio.toFixed(2)}`);
  }
  return bad;
}
"""


def api(built: Built, name: str) -> Any:
    return json.loads((built.out / "api" / f"{name}.json").read_text(encoding="utf-8"))


def visible_rows(w: Watched) -> int:
    return int(w.page.locator(".pairs-table tbody tr:visible").count())


def pages(built: Built) -> list[str]:
    return sorted(p.relative_to(built.out).as_posix() for p in built.out.rglob("*.html"))


# --- Navigation and every page --------------------------------------------------------------


def test_every_page_loads_clean_with_no_outside_request(
    built: Built, base_url: str, open_page: Open
) -> None:
    w = open_page(base_url)
    for rel in pages(built):
        response = w.page.goto(base_url + rel)
        assert response is not None and response.ok, rel
        assert w.page.locator("h1").count() == 1, rel
        assert not w.csp(), (rel, w.csp())
    w.assert_clean()
    assert any(u.endswith("assets/style.css") for u in w.requests)


def test_home_links_lead_to_a_pair_page(built: Built, base_url: str, open_page: Open) -> None:
    w = open_page(base_url)
    page = w.page
    page.goto(base_url + "index.html")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Pairs").click()
    page.wait_for_url("**/pairs/index.html")
    first = api(built, "pairs")["pairs"][0]["id"]
    page.locator(".pairs-table").get_by_role("link", name=first, exact=True).click()
    page.wait_for_url(f"**/pairs/{first}.html")
    assert page.locator("h1").inner_text().startswith(f"Pair {first}")
    plan = page.locator(".latest-plan a")
    if plan.count():  # the latest plan links to its note, which becomes the :target
        plan.click()
        assert page.evaluate("document.querySelector(':target').classList.contains('note')")
    page.get_by_role("link", name="Home").click()
    page.wait_for_url("**/index.html")
    w.assert_clean()


def test_skip_link_is_first_and_visible_on_focus(base_url: str, open_page: Open) -> None:
    w = open_page(base_url)
    w.page.goto(base_url + "tracker.html")
    w.page.keyboard.press("Tab")
    focused = w.page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = w.page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 10
    w.page.keyboard.press("Tab")  # the next focus (the program's name) shows a clear outline
    outline = w.page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    w.page.keyboard.press("Shift+Tab")
    w.page.keyboard.press("Enter")
    assert w.page.evaluate("document.activeElement.id") == "main"


# --- The pairs filters ---------------------------------------------------------------------------


def _expected(built: Built) -> tuple[int, Counter[str], Counter[tuple[str, str]], str]:
    pairs = api(built, "pairs")["pairs"]
    pm = Counter(p["pm"] for p in pairs).most_common(1)[0][0]
    return (
        len(pairs),
        Counter(p["tracker"] for p in pairs),
        Counter((p["pm"], p["tracker"]) for p in pairs),
        pm,
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_filters_by_pm_and_level(
    built: Built, base_url: str, open_page: Open, javascript: bool
) -> None:
    total, levels, pm_levels, pm = _expected(built)
    w = open_page(base_url, java_script_enabled=javascript)
    page = w.page
    page.goto(base_url + "pairs/index.html")
    assert visible_rows(w) == total
    page.locator(f"#pm-{pm} input").check()
    by_pm = sum(n for (p, _), n in pm_levels.items() if p == pm)
    assert visible_rows(w) == by_pm
    page.locator("#level-stale input").check()
    assert visible_rows(w) == pm_levels[(pm, "stale")]
    if javascript:
        assert page.locator("#pair-count").inner_text() == (
            f"{pm_levels[(pm, 'stale')]} of {total} pairs shown"
        )
    page.locator("#filter-pm").get_by_label("All").check()
    assert visible_rows(w) == levels["stale"]
    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function(f"document.querySelectorAll('.pairs-table tbody tr').length === {total}")
    assert visible_rows(w) == total
    if javascript:
        shown = f"{total} of {total} pairs shown"
        page.wait_for_function(f"document.getElementById('pair-count').textContent === '{shown}'")
    w.assert_clean()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_link_fragment_prefilters(
    built: Built, base_url: str, open_page: Open, javascript: bool
) -> None:
    total, levels, pm_levels, pm = _expected(built)
    w = open_page(base_url, java_script_enabled=javascript)
    page = w.page
    page.goto(base_url + "pairs/index.html#level-watch")
    assert visible_rows(w) == levels["watch"]
    if javascript:  # the radio tells the truth, and "All" really shows all again
        assert page.locator("#level-watch input").is_checked()
        page.locator("#filter-level").get_by_label("All").check()
        assert visible_rows(w) == total
        assert page.locator("#pair-count").inner_text() == f"{total} of {total} pairs shown"
    else:  # a notice explains the filter and offers the whole list
        assert page.locator(".from-link").is_visible()
        page.locator("#level-ok input").check()  # a chosen radio wins over the link
        assert visible_rows(w) == levels["ok"]
    page.goto(base_url + f"pairs/index.html#pm-{pm}")
    if not javascript:
        page.reload()
    assert visible_rows(w) == sum(n for (p, _), n in pm_levels.items() if p == pm)
    w.assert_clean()


def test_filters_work_from_disk(built: Built, open_page: Open) -> None:
    total, levels, _, _ = _expected(built)
    url = (built.out / "pairs" / "index.html").as_uri()
    w = open_page("file://")
    w.page.goto(url + "#level-stale")
    assert visible_rows(w) == levels["stale"]
    w.page.locator("#level-ok input").check()
    assert visible_rows(w) == levels["ok"]
    assert w.page.locator("#pair-count").inner_text() == f"{levels['ok']} of {total} pairs shown"
    w.page.locator(".pairs-table tbody a").first.click()
    w.page.wait_for_url("file://**/pairs/*.html")
    assert w.page.locator("link[rel=stylesheet]").count() == 1
    assert w.page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    w.assert_clean()


# --- Print, phone, contrast ----------------------------------------------------------------------


def test_a_pair_history_prints(built: Built, base_url: str, open_page: Open) -> None:
    pair = max(api(built, "pairs")["pairs"], key=lambda p: p["notes"])["id"]
    w = open_page(base_url)
    page = w.page
    page.goto(base_url + f"pairs/{pair}.html")
    page.emulate_media(media="print")
    assert not page.locator("nav[aria-label=Main]").is_visible()
    assert not page.locator(".skip-link").is_visible()
    assert page.locator(".pair-header h1").is_visible()
    style = page.evaluate(
        "(() => { const n = getComputedStyle(document.querySelector('.note'));"
        " const b = getComputedStyle(document.body);"
        " return [n.breakInside, b.color, b.backgroundColor]; })()"
    )
    # A note may continue on the next page (keeping each whole left pages half empty).
    assert style == ["auto", "rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    w.assert_clean()


def test_no_horizontal_scroll_on_a_phone(built: Built, base_url: str, open_page: Open) -> None:
    pair = api(built, "pairs")["pairs"][0]["id"]
    staff = api(built, "staff")["staff"][0]["id"]
    w = open_page(base_url, viewport=PHONE)
    for rel in ["index.html", "tracker.html", "pairs/index.html", f"pairs/{pair}.html",
                "staff/index.html", f"staff/{staff}.html", "rubric.html", "tags.html",
                "safety.html", "follow-ups.html"]:  # fmt: skip
        w.page.goto(base_url + rel)
        width = w.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{rel} is {width}px wide"
    w.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast(built: Built, base_url: str, open_page: Open, scheme: str) -> None:
    safety = api(built, "pairs")["pairs"]
    pair = max(safety, key=lambda p: p["notes"])["id"]
    staff = api(built, "staff")["staff"][0]["id"]
    w = open_page(base_url, color_scheme=scheme)
    for rel in ["index.html", "pairs/index.html", f"pairs/{pair}.html", f"staff/{staff}.html",
                "safety.html", "tags.html", "tracker.html"]:  # fmt: skip
        w.page.goto(base_url + rel)
        assert w.page.evaluate(CONTRAST) == [], rel
    w.assert_clean()


# --- Hostile content -----------------------------------------------------------------------------


def test_the_xss_note_runs_nothing(built: Built, base_url: str, open_page: Open) -> None:
    pair, _, day = xss_target(built.repo)
    w = open_page(base_url)
    page = w.page
    page.goto(base_url + f"pairs/{pair}.html#{pair}-{day}-support-9")
    note = page.locator(f"#{pair}-{day}-support-9")
    assert "window.__pwned" in note.inner_text()
    assert note.locator("img, script, iframe, style").count() == 0
    for link in note.locator(".dap a").all():  # whatever the PM wrote that became a link
        link.click()
    note.locator(".dap").first.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("getComputedStyle(document.body).display") == "block"
    w.assert_clean()
