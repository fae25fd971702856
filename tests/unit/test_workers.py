"""`workers`: one way to start worker processes, safe with threads, on every platform."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest

from notesite import workers


@pytest.fixture
def another_thread() -> Iterator[None]:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        yield
    finally:
        release.set()
        thread.join()


def test_a_process_with_another_thread_is_never_forked(another_thread: None) -> None:
    assert workers.threads() >= 2
    assert workers.start_method() in ("forkserver", "spawn")


@pytest.mark.skipif(sys.platform != "linux", reason="fork is chosen on Linux only")
def test_a_single_threaded_process_on_linux_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Earlier tests may leave threads behind (a browser driver), so the count is given here.
    monkeypatch.setattr(workers, "threads", lambda: 1)
    assert workers.start_method() == "fork"
    monkeypatch.setattr(workers, "threads", lambda: 2)
    assert workers.start_method() != "fork"
    assert workers.inherits("fork") and not workers.inherits("spawn")


def test_count_is_jobs_or_one_per_core() -> None:
    assert workers.count(3) == 3
    assert workers.count(None) >= 1


@pytest.mark.parametrize(
    ("jobs", "items", "method", "heavy", "expected"),
    [
        (2, 199, "fork", False, 1),  # too few items to pay for a pool
        (2, 200, "fork", False, 2),
        (1, 5000, "fork", False, 1),  # --jobs 1
        (2, 5000, "spawn", False, 2),  # a light job is cheap to send
        (2, 5000, "spawn", True, 1),  # a heavy one needs MIN_COPYING workers to pay
        (workers.MIN_COPYING, 5000, "forkserver", True, workers.MIN_COPYING),
    ],
)
def test_plan(jobs: int, items: int, method: str, heavy: bool, expected: int) -> None:
    assert workers.plan(jobs, items, 200, method, heavy_job=heavy) == expected


_offset: int | None = None


def _start(offset: int) -> None:
    global _offset
    _offset = offset


def _add(value: int) -> int:
    assert _offset is not None
    return value + _offset


@pytest.mark.parametrize("method", ["spawn", "fork"] if sys.platform == "linux" else ["spawn"])
def test_run_starts_each_worker_with_the_job_and_keeps_task_order(method: str) -> None:
    assert workers.run(_add, range(20), workers=2, start=_start, job=100, method=method) == list(
        range(100, 120)
    )


def test_run_works_from_a_thread(another_thread: None) -> None:
    method = workers.start_method()
    found: list[int] = []
    thread = threading.Thread(
        target=lambda: found.extend(
            workers.run(_add, [1, 2], workers=2, start=_start, job=10, method=method)
        )
    )
    thread.start()
    thread.join()
    assert found == [11, 12]
