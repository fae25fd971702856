"""Run one command and report what it cost, as one JSON line on stdout.

    python benchmarks/measure.py LOG -- COMMAND [ARG ...]

The command's own output goes to LOG. This wrapper is a process of its own for every
measurement, so `getrusage(RUSAGE_CHILDREN)` covers exactly the command and every descendant it
waited for: CPU is their user + system time, `max_rss_kib` the largest peak resident set of any
one of them (the OS's own figure, what `/usr/bin/time -v` prints). `tree_rss_kib` is the largest
sum of the resident sets of the whole process tree, sampled every 50 ms: what the machine needed
at once when several processes run together (pages shared after a fork count once per process,
so it can overstate). SIGTERM or SIGINT to this wrapper is passed on to the command as SIGINT
(how `serve` is stopped), and the report still comes.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
SAMPLE = 0.05


def children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += [int(c) for c in f.read().split()]
    except OSError:  # gone, or no /proc (not Linux): nothing to add
        pass
    return found


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_kib(root: int) -> int:
    """The resident set of `root` and all its descendants now, in KiB."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kib(pid)
        todo += children(pid)
    return total


TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """utime + stime of `pid` and of the children it has waited for."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return sum(int(v) for v in fields[11:15]) / TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def tree_cpu_seconds(root: int) -> float:
    """CPU time used so far by `root` and all its descendants, live or waited for."""
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += _cpu_seconds(pid)
        todo += children(pid)
    return total


def main() -> None:
    log, sep, *command = sys.argv[1:]
    if sep != "--" or not command:
        sys.exit(__doc__)
    peak = 0
    os.makedirs(os.path.dirname(os.path.abspath(log)), exist_ok=True)  # its folder may be new
    with open(log, "wb") as out:
        started: list[subprocess.Popen[bytes]] = []

        def forward(_signum: int, _frame: object) -> None:
            for child in started:
                child.send_signal(signal.SIGINT)

        # Installed before the command starts, so that it gets SIGINT's default action even
        # where this wrapper inherited it ignored (a background job of a non-interactive shell).
        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGINT, forward)
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        started.append(child)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(SAMPLE):
                peak = max(peak, tree_rss_kib(child.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = child.wait()
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = {
        "returncode": code,
        "wall": round(wall, 3),
        "user": round(usage.ru_utime, 3),
        "sys": round(usage.ru_stime, 3),
        "cpu": round(usage.ru_utime + usage.ru_stime, 3),
        "max_rss_kib": usage.ru_maxrss,  # KiB on Linux
        "tree_rss_kib": max(peak, usage.ru_maxrss),
    }
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
