"""Big data made on worker threads without pausing the UI: builds out of the collector's
sight, and sorts that let other threads in.

CPython's cyclic collector holds the interpreter lock for a whole pass, and a pass
traverses every container it tracks that is not frozen: made while 100k articles are
indexed or a 200k-row table is refreshed, the new objects and lists made passes of
30-80 ms, and the UI waited that long for a key. Our data holds no reference cycles, so
reference counting frees it; the collector need not see it (:func:`long_lived`).

``list.sort`` holds the interpreter lock from start to end once its keys are made: sorting
200k quotes by speaker held it for about 100 ms, and every key press waited. Sorting
runs of a few thousand and merging them lets other threads in between
(:func:`sorted_in_steps`).
"""

from __future__ import annotations

import gc
import heapq
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

STEP = 8_192
"""Items per run: one run's sort holds the lock for a few ms at most."""


@contextmanager
def long_lived() -> Iterator[None]:
    """Pause the cyclic collector while the block runs, then move what exists out of its
    sight (``gc.freeze``). The cost: cyclic garbage made meanwhile (by any thread) is never
    collected, so keep such blocks to big builds. Nests and overlaps across threads: the
    collector runs again when the block that paused it ends."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


def sorted_in_steps(items: Sequence[T], key: Callable[[T], Any], *, reverse: bool = False) -> list[T]:
    """The same list as ``sorted(items, key=key, reverse=reverse)`` (stable too), made in
    short steps that release the interpreter lock between them."""
    if len(items) <= STEP:
        return sorted(items, key=key, reverse=reverse)
    runs = [sorted(items[i : i + STEP], key=key, reverse=reverse) for i in range(0, len(items), STEP)]
    return list(heapq.merge(*runs, key=key, reverse=reverse))
