"""Worker processes, for the stages that do the same thing to many items (pages, notes).

One way to start them, safe on Linux, macOS and Windows and from a threaded process such as
`notesite serve` (whose web server runs in a thread):

- **fork** on Linux while this process runs a single thread: the workers inherit the job
  instead of copying it, which is what keeps a 2-core build fast. Forking a process that has
  other threads can deadlock (Python 3.12 warns about it), so that is the only case.
- **forkserver** otherwise where there is one (Linux and macOS), else **spawn** (Windows):
  workers start from a clean process; the job is pickled to each worker once.

Work goes to the workers as a typed, picklable value (the `job`, given to `start` in each
worker) and a sequence of small tasks; results come back in task order.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Job = TypeVar("Job")
Task = TypeVar("Task")
Result = TypeVar("Result")


def count(jobs: int | None) -> int:
    """How many workers: `jobs` when given (`--jobs`), else one per core."""
    return jobs if jobs is not None else (os.cpu_count() or 1)


def threads() -> int:
    """The threads of this process, as the operating system counts them (native ones too)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:  # no /proc (macOS, Windows): the threads Python knows of
        return threading.active_count()


def start_method() -> str:
    """fork when it is safe (Linux, one thread), else forkserver, else spawn (see above)."""
    if sys.platform == "linux" and threads() == 1:
        return "fork"
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def run(
    work: Callable[[Task], Result],
    tasks: Sequence[Task],
    *,
    workers: int,
    start: Callable[[Job], None],
    job: Job,
) -> list[Result]:
    """`work(task)` for every task in `workers` processes, after `start(job)` in each.

    `work` and `start` must be module-level functions (a spawned worker imports them);
    `start` usually keeps `job` in a module global of the worker process.
    """
    context = multiprocessing.get_context(start_method())
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=start, initargs=(job,)
    ) as pool:
        return list(pool.map(work, tasks))
