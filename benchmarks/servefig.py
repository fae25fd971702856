"""The `serve` figures: time to first serving, and time from saving a note to its page written.

`notesite serve` runs under `measure.py` (so its whole session's CPU and peak memory come from
the OS when it stops). Serving has begun when 127.0.0.1:PORT answers with the site (200;
before the first build it answers 503). Then, each round, once serve is idle (search caught
up), one note is edited and saved. From the save each round times (polling every 20 ms, all
in one loop): a page of the note's pair under --out holding the new sentence ("save": the
whole build written), the changed page served over HTTP ("served": serve shows a saved
note's pair page before the build ends, see src/notesite/preview.py), the Server-Sent Event
that makes an open page reload ("event"), and, with search, search.html no longer saying the
index is behind ("search"). CPU for each is the serve tree's CPU over the same interval, from
/proc. The note is then put back, and the next round starts when the page no longer holds
the sentence, so rounds never overlap.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import measure
from programs import NOTESITE, TODAY, Program, edited_note

MEASURE = str(Path(measure.__file__).resolve())
POLL = 0.02


@dataclass
class ServeResult:
    start: dict[str, float] | None = None  # wall/cpu until serving, and the session's rusage
    saves: list[dict[str, float]] = field(default_factory=list)
    after: dict[str, list[dict[str, float]]] = field(default_factory=dict)  # event, served, search
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
        return False  # it answered, with the page shown before there is a site (503)
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


BEHIND = "The search index is being updated"


class _Events:
    """serve's event stream, read in a thread: when each new pages name arrived."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
        self.conn.request("GET", "/__notesite/events")
        self.response = self.conn.getresponse()
        self.names: list[tuple[float, str]] = []
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        self.ready.wait(30)

    def _read(self) -> None:
        event = ""
        try:
            for raw in self.response:
                line = raw.decode().rstrip("\r\n")
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event == "build":
                    self.names.append((time.perf_counter(), json.loads(line[6:])["pages"]))
                    self.ready.set()
        except (OSError, ValueError):
            return

    def since(self, name: str, t0: float) -> float | None:
        """When a pages name other than `name` first arrived after `t0`, if one did."""
        return next((t for t, n in self.names if t >= t0 and n != name), None)

    def current(self) -> str:
        return self.names[-1][1] if self.names else ""

    def close(self) -> None:
        self.conn.close()


def _settle(port: int, events: _Events, *, search: bool, deadline: float) -> None:
    """Wait until serve is idle: no publish for a second and, with search, the index caught
    up (a save during the background re-index waits for its publish: see docs/commands.md)."""
    while time.perf_counter() < deadline:
        last = events.names[-1][0] if events.names else 0.0
        quiet = time.perf_counter() - last > 1.0
        page = _fetch(port, "/search.html") if search else "-"
        if quiet and page and BEHIND not in page:
            return
        time.sleep(0.2)


def _served(port: int, out: Path, pages: list[Path], marker: str) -> bool:
    for page in pages:
        url = "/" + page.relative_to(out).as_posix()
        if marker in _fetch(port, url):
            return True
    return False


def _fetch(port: int, url: str) -> str:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=30) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return ""


@dataclass
class _Round:
    port: int
    out: Path
    pages: list[Path]
    marker: str
    search: bool
    cpu: Callable[[], float]  # the serve tree's CPU seconds so far
    proc: subprocess.Popen[str]  # the measured serve: a round ends early if it ends


def _after(
    r: _Round, events: _Events | None, before: str, t0: float, cpu0: float, deadline: float
) -> dict[str, dict[str, float]]:
    """The times from the save (t0) until the event, the served page and search caught up."""
    port, out, pages, marker, search, cpu = r.port, r.out, r.pages, r.marker, r.search, r.cpu
    found: dict[str, dict[str, float]] = {}
    want = {"written", "served", *(["event"] if events else []), *(["search"] if search else [])}
    while want - found.keys() and time.perf_counter() < deadline and r.proc.poll() is None:
        now = time.perf_counter()
        if "written" not in found and _holds(pages, marker):
            found["written"] = {"wall": round(now - t0, 3), "cpu": round(cpu() - cpu0, 3)}
        if events is not None and "event" not in found:
            at = events.since(before, t0)
            if at is not None:
                found["event"] = {"wall": round(at - t0, 3), "cpu": round(cpu() - cpu0, 3)}
        if "served" not in found and _served(port, out, pages, marker):
            found["served"] = {"wall": round(now - t0, 3), "cpu": round(cpu() - cpu0, 3)}
        page = _fetch(port, "/search.html") if "search" in want and "served" in found else ""
        if page and BEHIND not in page:  # "": not answered (mid-swap), so not known
            found.setdefault("search", {"wall": round(now - t0, 3), "cpu": round(cpu() - cpu0, 3)})
        time.sleep(POLL)
    return found


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
            path, original, edited, marker = edited_note(program, 100 + k)
            try:
                pages = _pages(out, path.parent.name)
                if not pages:
                    result.problem = f"no page of {path.parent.name} found under {out}"
                    return result
                events = _Events(port)
                _settle(port, events, search=search, deadline=time.perf_counter() + timeout)
                before = events.current()
                path.write_text(edited, encoding="utf-8", newline="\n")
                cpu0, t0 = measure.tree_cpu_seconds(serve_pid), time.perf_counter()
                tree_cpu = functools.partial(measure.tree_cpu_seconds, serve_pid)
                r = _Round(port, out, pages, marker, search, tree_cpu, proc)
                later = _after(r, events if before else None, before, t0, cpu0, t0 + timeout)
                events.close()
                written = later.pop("written", None)
                if written is None:
                    result.problem = f"the edited page was not written within {timeout:.0f} s"
                    return result
                result.saves.append(written)
                for kind, run in later.items():
                    result.after.setdefault(kind, []).append(run)
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
