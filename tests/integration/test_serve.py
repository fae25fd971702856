"""`notesite serve`: serves on 127.0.0.1, rebuilds on change, keeps the last good site."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

from click.testing import CliRunner

from notesite.cli import main
from support import BASE_NOTE, TODAY, RepoFactory


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode())


def _wait(predicate: object, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(predicate) and predicate():
            return True
        time.sleep(0.2)
    return False


def test_serve_rebuilds_on_change_and_keeps_last_good_site(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "notesite",
            "serve",
            "--root",
            str(root),
            "--port",
            "0",
            "--today",
            TODAY.isoformat(),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stdout is not None
        url = None
        for line in proc.stdout:
            m = re.search(r"Serving (http://127\.0\.0\.1:\d+/)", line)
            if m:
                url = m.group(1)
                break
        assert url, "serve did not announce its address"
        page = f"{url}pairs/p-0001.html"
        assert "Called the mentor" in _get(page)

        note = root / BASE_NOTE
        note.write_text(note.read_text().replace("Next call in February.", "Call in March."))
        assert _wait(lambda: "Call in March." in _get(page)), "the change was not rebuilt"

        note.write_text("---\nbroken: [\n---\n")
        time.sleep(2)  # give the watcher time to try (and refuse) a rebuild
        assert "Call in March." in _get(page), "a broken file replaced the last good site"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


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
