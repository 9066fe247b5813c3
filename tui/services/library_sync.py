"""Keeps the app's library in step with its folders: indexes what the cache does not know
(the UI is up meanwhile and fills in), then polls the folders for added, changed and
deleted files. Indexing runs on a worker thread (and worker processes); the library is only
changed on the UI thread, a batch at a time, and each change is told to the app as a
:class:`~tui.messages.LibraryChanged` message.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from typing import Any

from textual.app import App
from textual.worker import Worker, get_current_worker

from tui.core.library.indexer import POLL_COST_FACTOR, POLL_SECONDS, Batch, Indexer, Plan, Progress
from tui.core.processes import prepare_workers
from tui.messages import LibraryChanged

FREEZE_EVERY = 200
"""After this many articles are added (about a tenth of a second of indexing), what exists
is moved out of the garbage collector's sight (``gc.freeze``): it lives for the session,
and full collections rescanning it made pauses of 100+ ms (every 2,000 articles still let
passes of 60-80 ms through)."""


class LibrarySync:
    """The app's indexer: the first run, the polls after it, progress and stopping."""

    def __init__(self, app: App[Any], indexer: Indexer) -> None:
        self.app = app
        self.indexer = indexer
        if indexer.jobs > 1:
            prepare_workers()
        self.progress: Progress | None = None
        """The run in progress (None when idle)."""
        self.stopped: Progress | None = None
        """Where indexing was stopped by the user (no more runs this session)."""
        self.worker: Worker[None] | None = None
        """The run going on, or the last one."""
        self._next_poll = 0.0
        self._unfrozen = 0

    @property
    def running(self) -> bool:
        """Whether files are being indexed now."""
        return self.progress is not None

    def start(self) -> None:
        """The first run, then a poll every :data:`POLL_SECONDS`."""
        self.poll()
        self.app.set_interval(POLL_SECONDS, self.poll)

    def poll(self) -> None:
        """Look for changes (unless a run is going on, or the user stopped indexing)."""
        if self.stopped or (self.worker is not None and self.worker.is_running):
            return
        if time.monotonic() < self._next_poll:
            return
        self.worker = self.app.run_worker(
            self._run, thread=True, exclusive=True, group="library-sync", exit_on_error=False
        )

    def stop(self) -> None:
        """Stop indexing: what is indexed stays (and is cached); no more polls."""
        if self.progress is not None and self.worker is not None:
            self.stopped = self.progress
            self.worker.cancel()

    def _run(self) -> None:
        worker = get_current_worker()
        started = time.monotonic()
        plan = self.indexer.plan()
        self._next_poll = time.monotonic() + (time.monotonic() - started) * POLL_COST_FACTOR
        if not plan.changes and plan.problems == self.indexer.scan_problems:
            return
        self.app.call_from_thread(self._begin, plan)
        try:
            for batch in self.indexer.run(plan, lambda: worker.is_cancelled):
                self.app.call_from_thread(self._apply, batch)
            self.indexer.finish()  # every batch is applied: nothing else changes the records now
        finally:
            self.progress = None
            self.indexer.save()
            if not worker.is_cancelled:
                self.app.call_from_thread(self._changed)

    def _begin(self, plan: Plan) -> None:
        self.progress = Progress(0, len(plan.todo), 0.0) if plan.todo else None
        self._tell(removed=self.indexer.begin(plan))

    def _apply(self, batch: Batch) -> None:
        self.progress = batch.progress
        added, gone = self.indexer.apply(batch)
        self._unfrozen += len(added)
        if self._unfrozen >= FREEZE_EVERY:
            self._unfrozen = 0
            gc.freeze()
        self._tell(added, gone)

    def _changed(self) -> None:
        """A run ended: screens catch up now rather than at their next refresh."""
        self.app.post_message(LibraryChanged(settled=True))

    def _tell(self, added: Sequence[str] = (), removed: Sequence[str] = ()) -> None:
        if added or removed:
            self.app.post_message(LibraryChanged(tuple(added), tuple(removed)))
