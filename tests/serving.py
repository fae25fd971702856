"""`notesite serve` in a child process, its event stream and raw requests, for the tests."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from support import TODAY


@contextmanager
def serving(root: Path, out: Path, *, search: bool) -> Iterator[tuple[int, list[str]]]:
    """`notesite serve` in a child process; yields its port and (later) what it printed."""
    command = [sys.executable, "-m", "notesite", "serve", "--root", str(root), "--out", str(out),
               "--port", "0", "--today", TODAY.isoformat()]  # fmt: skip
    command += [] if search else ["--no-search"]
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
