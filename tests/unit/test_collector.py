"""The cycle collector is off during a build and as it was after."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from notesite import collector, workers


@pytest.fixture
def restore_gc() -> Iterator[None]:
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_switches_the_collector_off_and_back_on(restore_gc: None) -> None:
    gc.enable()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():  # nested: the inner block does not switch it on early
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_leaves_a_collector_that_was_off_off(restore_gc: None) -> None:
    gc.disable()
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("a failed build")
    assert not gc.isenabled()


def _noop(job: None) -> None:
    pass


def _collecting(task: int) -> bool:
    return gc.isenabled()


def test_workers_run_without_the_collector() -> None:
    method = workers.start_method()
    found = workers.run(_collecting, [1, 2], workers=2, start=_noop, job=None, method=method)
    assert found == [False, False]
