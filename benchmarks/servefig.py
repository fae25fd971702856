"""The `serve` figures: time to first serving, and time from saving a note to its page written.

`notesite serve` runs under `measure.py` (so its whole session's CPU and peak memory come from
the OS when it stops). Serving has begun when 127.0.0.1:PORT answers (serve builds before it
listens). Then, each round, one note is edited and saved; the clock stops when a page of the
note's pair under --out holds the new sentence (files re-read every 20 ms). CPU for a round is
the serve tree's CPU over that interval, from /proc. The note is then put back, and the next
round starts when the page no longer holds the sentence, so rounds never overlap.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import measure
from programs import NOTESITE, TODAY, Program, edit_note

MEASURE = str(Path(measure.__file__).resolve())
POLL = 0.02


@dataclass
class ServeResult:
    start: dict[str, float] | None = None  # wall/cpu until serving, and the session's rusage
    saves: list[dict[str, float]] = field(default_factory=list)
    problem: str = ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # it answered
    except OSError:
        return False


def _until(ready: Callable[[], bool], deadline: float, proc: subprocess.Popen[str]) -> bool:
    """Poll `ready()` until true (True), the deadline passes or serve ends (False)."""
    while time.perf_counter() < deadline:
        if ready():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(POLL)
    return False


def _pages(out: Path, pair: str) -> list[Path]:
    return [p for p in out.rglob("*.html") if pair in p.relative_to(out).as_posix()]


def _holds(pages: list[Path], marker: str) -> bool:
    for page in pages:
        try:
            if marker in page.read_text(encoding="utf-8"):
                return True
        except OSError:  # between the swap's two renames
            continue
    return False


def _lacks(pages: list[Path], marker: str) -> bool:
    return not _holds(pages, marker)


def figures(
    program: Program, out: Path, log: Path, *, search: bool, rounds: int, timeout: float
) -> ServeResult:
    shutil.rmtree(out, ignore_errors=True)
    port = _free_port()
    command = [*NOTESITE, "serve", "--root", str(program.folder), "--out", str(out)]
    command += ["--port", str(port), "--today", TODAY, *([] if search else ["--no-search"])]
    result = ServeResult()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, MEASURE, str(log), "--", *command], stdout=subprocess.PIPE, text=True
    )
    try:
        if not _until(lambda: _answers(port), start + timeout, proc):
            result.problem = f"not serving after {time.perf_counter() - start:.0f} s (see {log})"
            return result
        wall = time.perf_counter() - start
        serve_pid = next(iter(measure.children(proc.pid)), proc.pid)
        cpu = round(measure.tree_cpu_seconds(serve_pid), 3)
        result.start = {"wall": round(wall, 3), "cpu": cpu}
        for k in range(rounds):
            path, original, marker = edit_note(program, 100 + k)
            try:
                pages = _pages(out, path.parent.name)
                if not pages:
                    result.problem = f"no page of {path.parent.name} found under {out}"
                    return result
                cpu0, t0 = measure.tree_cpu_seconds(serve_pid), time.perf_counter()
                if not _until(functools.partial(_holds, pages, marker), t0 + timeout, proc):
                    result.problem = f"the edited page was not written within {timeout:.0f} s"
                    return result
                wall = time.perf_counter() - t0
                cpu = measure.tree_cpu_seconds(serve_pid) - cpu0
                result.saves.append({"wall": round(wall, 3), "cpu": round(cpu, 3)})
            finally:
                path.write_text(original, encoding="utf-8", newline="\n")
            if k + 1 < rounds:  # let the rebuild of the restored note finish first
                gone = functools.partial(_lacks, pages, marker)
                _until(gone, time.perf_counter() + timeout, proc)
        return result
    finally:
        _stop(proc, result)


def _stop(proc: subprocess.Popen[str], result: ServeResult) -> None:
    """Stop serve (SIGTERM to the wrapper, which passes SIGINT on) and read its report."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        said, _ = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        for pid in measure.children(proc.pid):  # the serve process this run started
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        proc.kill()
        said, _ = proc.communicate()
        result.problem = result.problem or "serve did not stop; killed"
    try:
        report = json.loads(said.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return
    if result.start is not None:
        result.start |= {k: report[k] for k in ("max_rss_kib", "tree_rss_kib")}
