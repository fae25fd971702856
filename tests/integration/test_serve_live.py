"""`notesite serve`: pages first, search behind them, and the events that reload open pages."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from notesite.build import BuildResult, build
from notesite.commands import serve as serve_module
from notesite.commands.serve import BEHIND, Live, Status, _Session, live_page, open_server
from notesite.write import site_folder
from serving import Events, get, serving
from support import BASE_NOTE, PAIR, TODAY, RepoFactory


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    """An in-process serve session freezes what it keeps (collector.settle); the test process
    goes back to collecting as before."""
    yield
    gc.unfreeze()


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
        run, _, number = now["pages"].rpartition("-")
        ahead = f"{run}-{int(number) + 1}"  # an early page names the build that publishes it
        assert f'content="pages {now["pages"]}"' in page or f'content="pages {ahead}"' in page
        # then the index catches up: one more publish that leaves the pages as they are
        deadline = time.monotonic() + 120
        while BEHIND in get(port, "/search.html")[2]:
            assert time.monotonic() < deadline, "search never caught up"
            time.sleep(0.2)

        def number(name: str) -> int:
            return int(name.rpartition("-")[2])

        latest = now
        while number(latest["site"]) <= number(latest["pages"]):  # early page, build's pages
            latest = events.next()
        # the index's publish leaves the pages as the build published them
        assert f'content="pages {latest["pages"]}"' in get(port, "/pairs/p-0001.html")[2]
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


def test_a_saved_notes_page_is_served_before_the_build_writes_it(
    tmp_repo: RepoFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """preview.py: the pair page of a saved note is served (and the open page told) while
    the build still runs; then the build publishes the same page and the early one ends."""
    root, out = tmp_repo(), tmp_path / "site"
    live = Live(search=False)
    said: list[str] = []
    session = _Session(root, out, lambda: TODAY, live, lambda text, _: said.append(text))
    server = open_server(0, site_folder(out), session.status, live)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port, page = server.server_port, "/pairs/p-0001.html"
    during: list[tuple[str, str, dict[str, str]]] = []
    real = serve_module.rebuild

    def watched(*args: Any, **kwargs: Any) -> Any:
        disk = (out / "pairs" / "p-0001.html").read_text() if (out / "pairs").is_dir() else ""
        during.append((get(port, page)[2], disk, live.names()))
        return real(*args, **kwargs)

    monkeypatch.setattr(serve_module, "rebuild", watched)
    try:
        assert session.step()  # the first build: nothing to show early
        first = live.names()
        note = root / BASE_NOTE
        note.write_text(note.read_text().replace("Next call in February.", "Call in March."))
        session.changed([str(note)])
        assert session.step()
        served, disk, names = during[-1]
        assert "Call in March." in served and "Call in March." not in disk
        assert names["pages"] != first["pages"]  # the open page was told to reload
        run, _, number = names["pages"].rpartition("-")
        # it names the build that will publish it, so that publish does not reload it again
        assert f'<meta name="notesite-build" content="pages {run}-{int(number) + 1}">' in served
        assert live.early == {} and live.names()["pages"] == f"{run}-{int(number) + 1}"
        assert live.early_served.is_set()  # the early page was sent (the build waited for it)
        assert gc.get_freeze_count() > 0  # settled: a full collection never walks the site
        assert "Call in March." in (out / "pairs" / "p-0001.html").read_text()
        assert any(line.startswith("Showing pairs/p-0001.html (made in") for line in said)
        # a change the early pages cannot judge (the pair's own file) waits for the build
        pair = root / PAIR
        pair.write_text(pair.read_text() + "\n")
        session.changed([str(pair)])
        shown_before = sum(line.startswith("Showing") for line in said)
        assert session.step()
        assert sum(line.startswith("Showing") for line in said) == shown_before
        # a build refused after an early page (an error it alone finds) withdraws the page
        monkeypatch.setattr(serve_module, "build", lambda *a, **k: BuildResult([], 1, 0))
        note.write_text(note.read_text().replace("Call in March.", "Call in April."))
        session.changed([str(note)])
        assert session.step()
        served, _, told = during[-1]
        assert "Call in April." in served
        assert live.early == {} and live.names()["pages"] != told["pages"]
        assert "Call in March." in get(port, page)[2]
    finally:
        server.shutdown()
        server.server_close()


def test_early_pages_end_with_the_next_publish_or_a_refused_build() -> None:
    live = Live()
    live.publish(1, -1, pages_changed=True)
    before = live.names()
    live.show_early({"pairs/p-0001.html": b"early"})
    assert live.early and live.names()["pages"] != before["pages"]
    shown = live.names()
    live.drop_early()  # the build after them was refused: the open page goes back
    assert live.early == {} and live.names()["pages"] != shown["pages"]
    again = live.names()
    live.drop_early()  # nothing shown early: nothing to tell
    assert live.names() == again
    live.show_early({"pairs/p-0001.html": b"early"})
    live.publish(2, -1, pages_changed=True)
    assert live.early == {}


def test_a_bug_in_the_early_page_costs_only_the_early_page(
    tmp_repo: RepoFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = tmp_repo(), tmp_path / "site"
    said: list[str] = []
    session = _Session(root, out, lambda: TODAY, Live(), lambda text, _: said.append(text))
    assert session.step()

    def broken(*_args: Any, **_kwargs: Any) -> dict[str, bytes]:
        raise KeyError("p-0001")

    monkeypatch.setattr(serve_module, "early_pages", broken)
    note = root / BASE_NOTE
    note.write_text(note.read_text().replace("Next call in February.", "Call in March."))
    session.changed([str(note)])
    assert session.step()
    assert any("not shown early (KeyError" in line for line in said), said
    assert "Call in March." in (out / "pairs" / "p-0001.html").read_text()


def test_a_browser_gone_mid_answer_is_no_traceback(tmp_path: Path) -> None:
    said: list[tuple[str, bool]] = []
    server = open_server(0, tmp_path, Status(), say=lambda text, err: said.append((text, err)))
    try:
        for gone in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
            try:
                raise gone
            except ConnectionError:
                server.handle_error(None, ("127.0.0.1", 1))
        assert said == []
        try:
            raise ValueError("bad\x1b[2Jvalue")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        assert said == [
            ("A request failed (ValueError: bad?[2Jvalue); serve goes on. Please report this.\n",
             True)
        ]  # fmt: skip
    finally:
        server.server_close()
