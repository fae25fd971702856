"""The cycle collector is off during a build and as it was after."""

from __future__ import annotations

import gc
import subprocess
import sys
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


def test_what_a_build_made_is_left_to_full_collections_and_not_frozen(restore_gc: None) -> None:
    gc.enable()
    gc.collect()
    with collector.paused():
        made = [[i] for i in range(50_000)]  # as a build's records: all young
        assert gc.get_count()[0] > 10_000
    # in the oldest generation at once: no young collection walks them on the way there
    assert any(x is made for x in gc.get_objects(generation=2))
    assert gc.get_freeze_count() == 0  # in the oldest generation, so cycles are still freed
    assert gc.is_tracked(made[0])
    cycle: list[object] = []
    cycle.append(cycle)
    with collector.paused():
        del cycle
    assert gc.collect() >= 1


def test_the_command_line_skips_the_last_collection_at_exit() -> None:
    code = (
        "import atexit, gc, notesite.cli; gc.enable(); "
        "atexit._run_exitfuncs(); print(gc.isenabled())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_settled_process_keeps_its_records_frozen(restore_gc: None) -> None:
    gc.enable()
    try:
        collector.settle()
        assert gc.get_freeze_count() > 0
        with collector.paused():
            made = [[i] for i in range(10_000)]
        assert gc.get_freeze_count() > 10_000  # the build's: frozen too
        assert not any(x is made for x in gc.get_objects(generation=2))
        assert gc.is_tracked(made[0])
    finally:
        gc.unfreeze()


def test_tidy_frees_the_cycles_a_settled_process_froze(restore_gc: None) -> None:
    import weakref

    class Node:
        pass

    gc.enable()
    try:
        collector.settle()
        with collector.paused():  # a build making a cycle (as a page's template context does)
            node = Node()
            node.me = node  # type: ignore[attr-defined]
            gone = weakref.ref(node)
            del node
        gc.collect()
        assert gone() is not None  # frozen: no collection frees it
        collector.tidy()
        assert gone() is None
    finally:
        gc.unfreeze()
