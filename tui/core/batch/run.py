"""Running extraction over an archive: partitions in input order, here, on local processes
(``jobs``) or on a Dask cluster (``dask``: a scheduler's address, or ``local`` for a
``LocalCluster`` on this machine), and their outputs written back in order. A bounded number
of partitions is in flight, so an archive of any size streams through in constant memory.

On Dask each partition is a task running :func:`~tui.core.batch.partitions.extract_partition`
(imported by reference from the installed package on every worker); a worker that dies has
its tasks run again elsewhere by the scheduler, and a task that fails is retried, so no
partition is lost. Dask is an optional extra (``byline[dask]``), imported only here, only
when asked for.
"""

from __future__ import annotations

import importlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, TextIO

from tui.core.batch.inputs import Line
from tui.core.batch.partitions import PARTITION, Output, Partition, extract_partition, partitions
from tui.core.processes import worker_pool

IN_FLIGHT = 4
"""Partitions queued per worker: enough to keep each busy, few enough to hold in memory."""
RETRIES = 3
"""Times Dask retries a partition whose task failed (a dead worker's are rerun anyway)."""
LOCAL = "local"


class DaskMissing(RuntimeError):
    """``--dask`` was asked for but the optional extra is not installed."""


@dataclass(frozen=True, slots=True)
class Written:
    """What a run did: output lines written and input lines skipped as bad."""

    done: int
    skipped: int


def run(
    lines: Iterable[Line],
    out: TextIO,
    errors: TextIO,
    *,
    jobs: int = 1,
    dask: str | None = None,
    size: int = PARTITION,
) -> Written:
    """Extract every line, writing output lines to ``out`` and bad-line reports to ``errors``,
    both in input order, whatever runs the partitions."""
    parts = partitions(lines, size)
    if dask is not None:
        outputs = _on_dask(parts, dask, jobs)
    elif jobs > 1:
        outputs = _on_processes(parts, jobs)
    else:
        outputs = map(extract_partition, parts)
    done = skipped = 0
    for output in outputs:
        for ok, text in output:
            if ok:
                out.write(text + "\n")
                done += 1
            else:
                errors.write(text + "\n")
                skipped += 1
    return Written(done, skipped)


def _in_order(parts: Iterator[Partition], submit: Callable[[Partition], Any], workers: int) -> Iterator[Output]:
    """Submit partitions, at most ``IN_FLIGHT`` per worker ahead, and yield their outputs in
    order (``submit`` returns a future with ``.result()``)."""
    pending = deque(submit(p) for p in islice(parts, IN_FLIGHT * workers))
    while pending:
        output: Output = pending.popleft().result()
        pending.extend(submit(p) for p in islice(parts, 1))
        yield output


def _on_processes(parts: Iterator[Partition], jobs: int) -> Iterator[Output]:
    pool = worker_pool(jobs, "tui.core.batch.partitions")
    try:
        yield from _in_order(parts, lambda part: pool.submit(extract_partition, part), jobs)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _on_dask(parts: Iterator[Partition], address: str, jobs: int) -> Iterator[Output]:
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError as exc:
        raise DaskMissing("--dask needs the optional extra: pip install 'byline[dask]'") from exc
    cluster = (
        distributed.LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True)
        if address == LOCAL
        else None
    )
    client = distributed.Client(cluster if cluster is not None else address)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _in_order(
            parts, lambda part: client.submit(extract_partition, part, retries=RETRIES, pure=False), workers
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
