"""Python's cycle collector paused for the length of a build.

A build makes millions of small objects that live until it ends (100,000 notes and their
sections, every pair's facts, every page's values): each time the collector runs it walks
all of them, and it runs again and again as they are made. Measured on 101,692 notes, a
build after one edited note took 26.8 s with it and 18.8 s without, at the same peak
memory: the records notesite makes hold few reference cycles to free. So a build,
and each worker process, runs with the collector off; it is switched back on after, when
it was on (`serve` lives on between builds; where two of its builds overlap in threads, the
first to end switches it on for the other: slower, never wrong).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No cycle collection inside the block; the collector as it was after it.

    The objects made inside are moved to the oldest generation on the way out (`freeze`,
    then `unfreeze`): else the first collection after it walks every one of them at once
    (0.8 s for 9 million small objects here), and then again as they age. There they are
    walked only by full collections, which are rare; cycles among them are still freed.
    In a process that `settle`s (serve), they stay frozen, as the rest of its records."""
    was = gc.isenabled()
    settled = gc.get_freeze_count() > 0
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()
            if not settled:
                gc.unfreeze()
            gc.enable()


def quick_exit() -> None:
    """Registered with `atexit` by the command line: no full collection as Python exits.

    A command ends with its records still alive; the collection Python makes as it
    finalizes walks them all (1.5 s for 9 million objects here, against 0.2 s without) to
    free memory the operating system takes back anyway. Cleanup does not depend on it:
    notesite removes its temporary files in `finally` blocks, never in finalizers."""
    gc.disable()


def settle() -> None:
    """Between the builds of a long-lived process (`serve`): keep everything alive now out
    of every later collection (`gc.freeze`).

    At 100,000 notes a full collection walks tens of millions of objects (about 2 s) at no
    time one can choose: one came in the middle of an early page (preview.py), which took
    1.91 s instead of 0.02 s. Frozen objects are still freed by reference counting when the
    next build drops them; reference cycles among them stay until `tidy` (the packet
    templates' `import ... with context` makes a cycle per page holding its values: about
    570 objects per build of a small program, found in review), so serve calls `tidy`
    before every build."""
    gc.freeze()


def tidy() -> None:
    """In a long-lived process, just before its next build: free the reference cycles left
    among what it froze (`settle`), at a moment it chooses (after serve's early pages).
    Without it, serve at 100,000 notes peaked 170 to 280 MB higher (`make bench`)."""
    gc.unfreeze()
    gc.collect()
