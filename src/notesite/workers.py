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

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

# Measured on 10,157 notes: pickling the pages takes this process about 0.4 of the time
# rendering them would, and unpickling the workers 0.5 between them; 4 workers win that back.
MIN_COPYING = 4
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


def inherits(method: str) -> bool:
    """Whether workers started with `method` inherit the job instead of a pickled copy."""
    return method == "fork"


def plan(
    jobs: int | None, items: int, at_least: int, method: str, *, heavy_job: bool = False
) -> int:
    """How many workers to use for `items` items (1: do the work here, without a pool).

    A pool pays only with `at_least` items. `heavy_job`: the job is about as big as the work
    (the pages to render, with every note): where workers cannot inherit it (spawn,
    forkserver) this process must pickle it to them, which only more than MIN_COPYING
    workers win back.
    """
    wanted = count(jobs)
    fewest = MIN_COPYING if heavy_job and not inherits(method) else 2
    return wanted if items >= at_least and wanted >= fewest else 1


def start_method() -> str:
    """fork when it is safe (Linux, one thread), else forkserver, else spawn (see above)."""
    if sys.platform == "linux" and threads() == 1:
        return "fork"
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def _begin(start: Callable[[Job], None], job: Job) -> None:
    """A worker's first step: no cycle collection in it (see collector.py), then `start`."""
    gc.disable()
    start(job)


def run(
    work: Callable[[Task], Result],
    tasks: Sequence[Task],
    *,
    workers: int,
    start: Callable[[Job], None],
    job: Job,
    method: str,
) -> list[Result]:
    """`work(task)` for every task in `workers` processes started with `method` (from
    `start_method()`), after `start(job)` in each.

    `work` and `start` must be module-level functions (a spawned worker imports them);
    `start` usually keeps `job` in a module global of the worker process.
    """
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_begin, initargs=(start, job)
    ) as pool:
        return list(pool.map(work, tasks))
