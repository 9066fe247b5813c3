"""Big data made in one go without the garbage collector pausing everyone.

CPython's cyclic collector holds the interpreter lock for a whole pass, and a pass
traverses every container it tracks that is not frozen: made while 100k articles are
indexed or a 200k-row table is refreshed, the new objects and lists made passes of
30-80 ms, and the UI waited that long for a key. Our data holds no reference cycles, so
reference counting frees it; the collector need not see it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
