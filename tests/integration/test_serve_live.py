"""`notesite serve`: pages first, search behind them, and the events that reload open pages."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from notesite.build import build
from notesite.commands.serve import BEHIND, Live, live_page
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
    before = live.names()
    live.publish(3, 3, pages_changed=False)
    assert not live.behind()
    assert live.names()["pages"] == before["pages"]  # only search.html need reload
    assert live.names()["site"] != before["site"]
    assert not Live(search=False).behind()


@contextmanager
def serving(root: Path, out: Path, *, search: bool) -> Iterator[tuple[int, list[str]]]:
    """`notesite serve` in a child process; yields its port and (later) what it printed."""
    command = [sys.executable, "-m", "notesite", "serve", "--root", str(root), "--out", str(out),
               "--port", "0", "--today", TODAY.isoformat(), *([] if search else ["--no-search"])]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    said: list[str] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            said.append(line)
            m = re.search(r"Serving http://127\.0\.0\.1:(\d+)/", line)
            if m:
                yield int(m.group(1)), said
                break
        else:
            pytest.fail(f"serve did not start: {''.join(said)}")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            rest, _ = proc.communicate(timeout=20)
            said.append(rest)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


class Events:
    """The serve event stream, read line by line from a raw socket."""

    def __init__(self, port: int, host: str | None = None) -> None:
        self.conn = socket.create_connection(("127.0.0.1", port), timeout=60)
        host = host or f"127.0.0.1:{port}"
        self.conn.sendall(f"GET /__notesite/events HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        self.file = self.conn.makefile("rb")
        self.head = self.file.readline().decode()

    def next(self) -> dict[str, str]:
        """The next build event's data."""
        event = ""
        for raw in self.file:
            line = raw.decode().rstrip("\r\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "build":
                return dict(json.loads(line[6:]))
        raise AssertionError("the event stream ended")

    def close(self) -> None:
        self.file.close()
        self.conn.close()


def get(port: int, path: str) -> tuple[int, dict[str, str], str]:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(
            f"GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n".encode()
        )
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:])}
    return int(lines[0].split()[1]), headers, body.decode()


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
