"""`notesite serve` in a real browser: an open page reloads by itself after an edit, under
the page's own Content-Security-Policy, with nothing refused and nothing logged."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from serving import serving
from support import BASE_NOTE, RepoFactory

pytestmark = pytest.mark.browser

Open = Callable[..., Any]


@pytest.mark.parametrize("search", [False, True], ids=["no-search", "search"])
def test_an_open_page_reloads_itself_after_an_edit(
    open_page: Open, tmp_repo: RepoFactory, tmp_path: Path, search: bool
) -> None:
    root = tmp_repo()
    with serving(root, tmp_path / "site", search=search) as (port, _):
        origin = f"http://127.0.0.1:{port}/"
        w = open_page(origin, viewport={"width": 800, "height": 300})
        path = "search.html" if search else "pairs/p-0001.html"
        w.page.goto(origin + path)
        csp = w.page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "script-src 'self'" in csp and "connect-src 'self'" in csp
        deadline = time.monotonic() + 30
        while not any(u.endswith("/__notesite/events") for u in w.requests):
            assert time.monotonic() < deadline, "the page did not open the event stream"
            w.page.wait_for_timeout(100)
        w.page.evaluate("window.__before = true; window.scrollTo(0, 120)")
        scrolled = w.page.evaluate("window.scrollY")
        assert scrolled > 0

        note = root / BASE_NOTE
        note.write_text(note.read_text().replace("Next call in February.", "Call in March."))
        # the pair page reloads with the change; search.html with the new index (once the
        # index caught up it no longer says it is behind)
        w.page.wait_for_function(
            "() => !window.__before && !document.querySelector('.search-behind')"
            + ("" if search else " && document.body.innerText.includes('Call in March.')"),
            timeout=90_000,
        )
        assert w.page.evaluate("window.scrollY") == scrolled  # the reload kept the position
        if search:
            w.page.fill("#search-q", "March")
            w.page.wait_for_selector("#search-results li", timeout=30_000)
        assert not w.csp(), w.csp()
        assert not w.console, w.console
        w.page.goto(origin + "robots.txt")  # leave the page before serve stops (no reconnect)
