"""Red team, class 2: `notesite serve` answers only its own address, with one Host."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from notesite.commands.serve import Status, open_server


@pytest.fixture
def port(tmp_path: Path) -> Iterator[int]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>confidential</p>")
    srv = open_server(0, site, Status())
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv.server_port
    finally:
        srv.shutdown()
        srv.server_close()


def _status(port: int, headers: str) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(f"GET / HTTP/1.1\r\n{headers}Connection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def test_a_second_host_header_is_refused(port: int) -> None:
    """The first Host was checked and a second one ignored: a request saying both
    `127.0.0.1` and another name was answered. HTTP allows one Host; two are refused."""
    for headers in (
        f"Host: 127.0.0.1:{port}\r\nHost: evil.example\r\n",
        f"Host: evil.example\r\nHost: 127.0.0.1:{port}\r\n",
        f"Host: 127.0.0.1:{port}\r\nhost: 127.0.0.1:{port}\r\n",
    ):
        status, body = _status(port, headers)
        assert status in (400, 421) and b"confidential" not in body, headers


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1:{port}.", "127.1:{port}", "localhost.:{port}", "127.0.0.1:{port}@evil", "0:{port}"],
)
def test_other_spellings_of_the_address_are_refused(port: int, host: str) -> None:
    status, body = _status(port, f"Host: {host.format(port=port)}\r\n")
    assert status == 421 and b"confidential" not in body


def test_the_address_itself_is_answered(port: int) -> None:
    assert _status(port, f"Host: 127.0.0.1:{port}\r\n")[0] == 200
    assert _status(port, f"Host: LocalHost:{port}\r\n")[0] == 200
