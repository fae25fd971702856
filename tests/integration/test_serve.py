"""`notesite serve`: serves on 127.0.0.1, rebuilds on change, keeps the last good site."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from notesite.cli import main
from notesite.commands.serve import Status, open_server
from support import BASE_NOTE, NOTE, TODAY, RepoFactory, note_text


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode())
    except urllib.error.HTTPError as exc:  # the page shown before there is a site (503)
        return str(exc.read().decode())


def _wait(predicate: object, seconds: float = 90) -> bool:
    """Poll until `predicate` holds; generous, since a loaded machine rebuilds slowly (it
    returns as soon as the change is seen, so a fast machine waits no longer)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(predicate) and predicate():
            return True
        time.sleep(0.2)
    return False


@contextmanager
def serving(root: Path) -> Iterator[str]:
    """`notesite serve` on `root` in a child process; yields its address once it serves."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "notesite", "serve", "--root", str(root), "--port", "0",
         "--today", TODAY.isoformat(), "--no-search"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        url = None
        for line in proc.stdout:
            m = re.search(r"Serving (http://127\.0\.0\.1:\d+/)", line)
            if m:
                url = m.group(1)
                break
        assert url, "serve did not announce its address"
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def test_serve_rebuilds_on_change_and_keeps_last_good_site(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    with serving(root) as url:
        page = f"{url}pairs/p-0001.html"
        assert "Called the mentor" in _get(page)

        note = root / BASE_NOTE
        note.write_text(note.read_text().replace("Next call in February.", "Call in March."))
        assert _wait(lambda: "Call in March." in _get(page)), "the change was not rebuilt"
        built = root / "site" / "pairs" / "p-0001.html"  # served early first (preview.py)
        assert _wait(lambda: "Call in March." in built.read_text()), "not built"

        note.write_text("---\nbroken: [\n---\n")
        time.sleep(2)  # give the watcher time to try (and refuse) a rebuild
        assert "Call in March." in _get(page), "a broken file replaced the last good site"


def test_serve_notices_a_settings_file_created_and_deleted(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    assert not (root / "notesite.yaml").exists()
    with serving(root) as url:
        assert "Mentoring Program" in _get(url)
        (root / "notesite.yaml").write_text('program: "Lighthouse Mentors"\n')
        assert _wait(lambda: "Lighthouse Mentors" in _get(url)), "the new settings were ignored"
        (root / "notesite.yaml").unlink()
        assert _wait(lambda: "Lighthouse Mentors" not in _get(url)), "the deletion was ignored"


def test_a_first_start_with_errors_serves_the_problems_not_a_listing(
    tmp_repo: RepoFactory,
) -> None:
    root = tmp_repo({NOTE: note_text(tags=["<script>x()</script>"])})
    with serving(root) as url:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        status, body = raw(port, "/pairs/")
        assert status == 503
        text = body.decode()
        assert "There is no site yet" in text and "1 error" in text
        assert NOTE in text
        assert "&lt;script&gt;x()&lt;/script&gt;" in text and "<script>" not in text
        (root / NOTE).write_text(note_text())
        assert _wait(lambda: raw(port, "/")[0] == 200), "the fixed files were not built"


# --- The server itself: Host header, no listings, the page before there is a site ------------


def raw(port: int, path: str = "/", host: str | None = "default") -> tuple[int, bytes]:
    """(status, body) of a raw HTTP/1.1 GET, with this Host header (None: no Host at all)."""
    header = f"127.0.0.1:{port}" if host == "default" else host
    request = f"GET {path} HTTP/1.1\r\n" + (f"Host: {header}\r\n" if header is not None else "")
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall((request + "Connection: close\r\n\r\n").encode("latin-1"))
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, Path, Status]]:
    """A server on a free port for the folder `tmp_path/site` (empty: no site yet)."""
    site = tmp_path / "site"
    (site / "api").mkdir(parents=True)
    status = Status()
    srv = open_server(0, site, status)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv.server_port, site, status
    finally:
        srv.shutdown()
        srv.server_close()


def test_only_loopback_names_at_the_served_port_are_answered(
    server: tuple[int, Path, Status],
) -> None:
    port, site, _ = server
    (site / "index.html").write_text("<p>confidential</p>")
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        assert raw(port, "/", host) == (200, b"<p>confidential</p>"), host
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}", "127.0.0.1",
                 f"localhost.:{port}", f"127.0.0.1.evil.example:{port}", "", None):  # fmt: skip
        status, body = raw(port, "/", host)
        assert status == 421, host
        assert b"confidential" not in body


def test_folders_are_never_listed(server: tuple[int, Path, Status]) -> None:
    port, site, _ = server
    (site / "index.html").write_text("home")
    (site / "api" / "pairs.json").write_text("{}")
    status, body = raw(port, "/api/")
    assert status == 404 and b"pairs.json" not in body


def test_before_there_is_a_site_a_page_says_why(server: tuple[int, Path, Status]) -> None:
    port, _, status = server
    assert b"building the site" in raw(port, "/")[1]
    status.why = "The files have 1 error, so notesite did not build the site."
    status.problems = "data/x.md:3: error NS403: `<img src=x>` is not a tag\x1b[2J\n"
    code, body = raw(port, "/pairs/p-0001.html")
    assert code == 503
    assert b"&lt;img src=x&gt;" in body and b"<img" not in body and b"\x1b" not in body


def test_serve_refuses_an_output_folder_it_did_not_make(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    foreign = root / "mine"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("not a site")
    result = CliRunner().invoke(
        main,
        [
            "serve",
            "--root",
            str(root),
            "--out",
            str(foreign),
            "--no-search",
            "--today",
            TODAY.isoformat(),
        ],
    )
    assert result.exit_code == 2, result.output
    assert "was not made by notesite" in result.output
    assert (foreign / "thesis.txt").read_text() == "not a site"
