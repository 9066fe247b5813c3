"""Where CPU-bound work runs while the event loop keeps fetching: worker processes (one per
core: page extraction holds the GIL, so threads would not run it in parallel), or one thread
of this process. By default the first :data:`SMALL` jobs run in the thread and only a bigger
run starts processes, which cost about a second to start and import trafilatura.

Processes are spawned, not forked (the fetch runs beside threads): like any spawning code,
the program's main module must be safe to import (``if __name__ == "__main__":``)."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
SMALL = 16


def _warm_up() -> None:
    """Import what the jobs need (trafilatura, feedparser), once per process."""
    from tui.core.feeds import page, parse  # noqa: F401


def default_processes() -> int:
    """One worker process per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Workers:
    """Pools started on first use and shut down by :meth:`close`. ``processes``: None for
    the default above, 0 for the thread only, N for N processes from the first job."""

    def __init__(self, processes: int | None = None) -> None:
        self.processes = default_processes() if processes is None else processes
        self.thread_jobs = SMALL if processes is None else 0 if processes else -1
        self._thread: Executor | None = None
        self._pool: Executor | None = None

    def _executor(self) -> Executor:
        if self.thread_jobs != 0:
            self.thread_jobs -= 1
            if self._thread is None:
                self._thread = ThreadPoolExecutor(1, thread_name_prefix="byline-extract")
            return self._thread
        if self._pool is None:
            context = multiprocessing.get_context("spawn")  # no fork of a process with threads
            self._pool = ProcessPoolExecutor(self.processes, mp_context=context)
        return self._pool

    def expect(self, jobs: int) -> None:
        """Say how many jobs are coming: for more than :data:`SMALL`, the processes start
        now and import the extractors while the first responses are on their way."""
        if jobs > SMALL and self.thread_jobs > 0:
            self.thread_jobs = 0
            pool = self._executor()
            for _ in range(self.processes):
                pool.submit(_warm_up)

    async def run(self, function: Callable[..., T], *args: object) -> T:
        """``function(*args)`` in a worker (it and its arguments must pickle). Should the
        processes die (killed, out of memory), the work goes on in the thread."""
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor(), function, *args)
        except BrokenProcessPool:
            self.thread_jobs = -1
            return await loop.run_in_executor(self._executor(), function, *args)

    def close(self) -> None:
        """Stop the workers (running jobs are waited for; queued ones are dropped)."""
        for pool in (self._thread, self._pool):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self._thread = self._pool = None
