"""Worker processes for CPU-bound work (indexing a library, extracting an archive): one per
core by default, forked from a fork server that imported the work's module once (a fork of
a threaded app could deadlock; spawning would import everything again per worker), leaving
ctrl+c to the parent, which stops them cleanly."""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor


def default_jobs() -> int:
    """How many worker processes to use by default: one per core."""
    return os.cpu_count() or 1


def worker_pool(jobs: int, preload: str) -> ProcessPoolExecutor:
    """A pool of ``jobs`` processes whose fork server has imported module ``preload``."""
    context: multiprocessing.context.BaseContext
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([preload])
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_ignore_interrupts)


def prepare_workers() -> None:
    """Start multiprocessing's resource tracker now: it takes a copy of stderr's file
    descriptor, which a UI that captures stderr no longer has. (The fork server, which
    needs none, starts when a pool first does, off the UI's back.)"""
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()


def _ignore_interrupts() -> None:
    """Worker processes leave ctrl+c to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
