"""`notesite serve`: pages first, search behind them, and the events that reload open pages."""

from __future__ import annotations

import time
from pathlib import Path

from notesite.build import build
from notesite.commands.serve import BEHIND, Live, live_page
from serving import Events, get, serving
from support import BASE_NOTE, TODAY, RepoFactory

PAGE = (
    b'<!doctype html>\n<html><head>\n<meta http-equiv="Content-Security-Policy" '
    b"content=\"default-src 'none'; script-src 'self'; connect-src 'self'\">\n</head>\n"
    b'<body><main id="main" tabindex="-1">\n<h1>Search notes</h1></main></body></html>\n'
)


def test_a_page_gets_the_script_and_the_notice_only_where_its_policy_allows() -> None:
    page = live_page(PAGE, "pages 1-2", BEHIND)
    assert b'<meta name="notesite-build" content="pages 1-2">' in page
    assert b'<script src="/__notesite/reload.js" defer></script>\n</head>' in page
    assert page.index(BEHIND.encode()) > page.index(b"<main")
    assert page.index(BEHIND.encode()) < page.index(b"<h1>")
    assert live_page(PAGE, "pages 1-2").count(b"search-behind") == 0
    refusing = PAGE.replace(b"connect-src 'self'", b"connect-src 'none'")
    assert live_page(refusing, "pages 1") == refusing  # it would only log violations
    assert live_page(b"<p>confidential</p>", "pages 1") == b"<p>confidential</p>"
    only_default = PAGE.replace(b"default-src 'none'; script-src 'self'; connect-src 'self'",
                                b"default-src 'self'")  # fmt: skip
    assert b"reload.js" in live_page(only_default, "pages 1")


def test_the_index_is_behind_only_with_search_and_older_changes() -> None:
    live = Live(search=True)
    live.publish(3, -1, pages_changed=True)
    assert live.behind()
    live.seen = 3
    before = live.names()
    live.publish(3, 3, pages_changed=False)
    assert not live.behind()
    assert live.names()["pages"] == before["pages"]  # only search.html need reload
    assert live.names()["site"] != before["site"]
    live.seen = 4  # saved, not yet built: the index misses it too
    assert live.behind()
    assert not Live(search=False).behind()


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_serve_publishes_pages_then_search_and_tells_open_pages(
    tmp_repo: RepoFactory, tmp_path: Path
) -> None:
    root, out = tmp_repo(), tmp_path / "site"
    with serving(root, out, search=True) as (port, said):
        events = Events(port)
        assert " 200 " in events.head
        first = events.next()
        status, headers, page = get(port, "/pairs/p-0001.html")
        assert status == 200 and headers["cache-control"] == "no-store"
        assert f'<meta name="notesite-build" content="pages {first["pages"]}">' in page
        assert '<script src="/__notesite/reload.js" defer></script>' in page
        status, headers, script = get(port, "/__notesite/reload.js")
        assert status == 200 and headers["content-type"].startswith("text/javascript")
        assert "EventSource" in script

        note = root / BASE_NOTE
        saved = time.perf_counter()
        note.write_text(note.read_text().replace("Next call in February.", "Call in March."))
        now = events.next()
        while now["pages"] == first["pages"]:  # the search index of the first build
            now = events.next()
        took = time.perf_counter() - saved
        page = get(port, "/pairs/p-0001.html")[2]
        assert "Call in March." in page, "the event came before the changed page"
        assert f'content="pages {now["pages"]}"' in page
        # then the index catches up: one more publish that leaves the pages as they are
        deadline = time.monotonic() + 120
        while BEHIND in get(port, "/search.html")[2]:
            assert time.monotonic() < deadline, "search never caught up"
            time.sleep(0.2)
        latest = events.next() if now["site"] == now["pages"] else now
        assert latest["pages"] == now["pages"]
        events.close()
        assert "__notesite" not in (out / "pairs" / "p-0001.html").read_text()
        assert b"Call in March." in (out / "pairs" / "p-0001.html").read_bytes()
        print(f"save to event: {took:.2f} s")
    fresh = tmp_path / "fresh"
    assert build(root, fresh, TODAY).ok
    assert _files(out) == _files(fresh), "serve's site differs from a build from scratch"
    assert any("Search index updated" in line for line in said), said


def test_the_event_stream_keeps_the_host_check(tmp_repo: RepoFactory, tmp_path: Path) -> None:
    root = tmp_repo()
    with serving(root, tmp_path / "site", search=False) as (port, _):
        events = Events(port, host="evil.example")
        assert " 421 " in events.head
        events.close()
        status, _, page = get(port, "/search.html")
        assert status == 200 and BEHIND not in page  # --no-search: nothing is behind
