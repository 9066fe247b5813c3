"""Keeps the app's search index in step with the library and the notes, off the UI thread.

Changes are queued and applied in order, one at a time, by a worker thread; they may be
queued from any thread. The first change opens the index saved in the library's cache
folder and catches it up with the library (or builds it over the whole library when none
can be used); search works meanwhile on what is indexed so far. When the queue runs dry the
app is told (:class:`~tui.messages.SearchCaughtUp`), so searches made on a partial index can
be redone, and what changed is saved (at most every :data:`SAVE_SECONDS`).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.worker import get_current_worker

from tui.core.library.library import Entry
from tui.core.notes.notebook import Notebook
from tui.core.search.library_index import LibraryIndex
from tui.core.text import counted
from tui.messages import SearchCaughtUp

Job = Callable[[Callable[[], bool]], object]
"""An index change; it is given a ``cancelled()`` test to stop early."""

ANNOUNCE_ABOVE = 1_000
"""Say when search is ready only for libraries bigger than this (smaller ones index at once)."""
SAVE_SECONDS = 30.0
"""Changes are saved when the queue runs dry, at most this often (while a big library is
indexed, batches keep coming)."""


class SearchService:
    """The app's :class:`LibraryIndex` and the queue of changes to it."""

    def __init__(self, app: App[Any], notebook: Notebook, folder: Path | None = None) -> None:
        """``folder``: the library's cache folder, where the index is kept (None: not kept)."""
        self.app = app
        self._ui_thread = threading.get_ident()
        """The thread the app runs on: the one that builds the service."""
        self.index = LibraryIndex(notebook, folder)
        self.index.on_damaged = lambda: self.build(notebook.library.entries())
        self._built_once = False
        self._jobs: deque[Job] = deque()
        self._lock = threading.Lock()
        self._running = False
        self._next_save = 0.0
        self._save_waiting = False

    @property
    def ready(self) -> bool:
        """Whether the index is complete: the library built, and no change waiting."""
        return self._built_once and not self._running

    def build(self, entries: list[Entry]) -> None:
        """Index the whole library: the saved index caught up, else every article."""

        def job(cancelled: Callable[[], bool]) -> None:
            count = self.index.catch_up(entries, cancelled)
            if not cancelled():
                self._next_save = 0.0  # what the catch-up did is saved at once
                self.app.call_from_thread(self._built, count)

        self.queue(job)

    def _built(self, count: int) -> None:
        self._built_once = True
        if self.index.rejected:
            self.app.notify(f"Search index rebuilt: the saved one was not used ({self.index.rejected})", timeout=6)
        if count > ANNOUNCE_ABOVE:
            self.app.notify(f"Search is ready: {counted(count, 'article')} indexed (press / to search)", timeout=4)

    def add_entries(self, entries: Iterable[Entry]) -> None:
        """Index (or re-index) these articles with their notes."""
        batch = list(entries)
        self.queue(lambda cancelled: self.index.add_entries(batch, cancelled))

    def remove_articles(self, article_ids: Iterable[str]) -> None:
        """Drop these articles and their notes from the index."""
        ids = list(article_ids)
        self.queue(lambda cancelled: self.index.remove_articles(ids))

    def refresh_notes(self, article_id: str) -> None:
        """Re-index one article's notes."""
        self.queue(lambda cancelled: self.index.refresh_notes(article_id))

    def save_now(self) -> None:
        """Save what changed as soon as the changes queued before are made (a run of
        indexing ended: its work is kept even if the app quits soon)."""
        self._next_save = 0.0
        self.queue(self._save)

    def queue(self, job: Job) -> None:
        """Run ``job`` after the changes queued before it; callable from any thread."""
        with self._lock:
            self._jobs.append(job)
            if self._running:
                return
            self._running = True
        if threading.get_ident() == self._ui_thread:
            self._start()
        else:
            self.app.call_from_thread(self._start)

    def _start(self) -> None:
        self.app.run_worker(self._drain, name="search index", group="search-index", thread=True)

    def _drain(self) -> None:
        worker = get_current_worker()

        def cancelled() -> bool:
            return worker.is_cancelled

        while not cancelled():
            with self._lock:
                if not self._jobs:
                    self._running = False
                    break
                job = self._jobs.popleft()
            self._run(job, cancelled)
        if not cancelled():
            self.app.call_from_thread(self.app.post_message, SearchCaughtUp())
            if self.index.unsaved:
                self._save_soon()

    def _run(self, job: Job, cancelled: Callable[[], bool]) -> None:
        try:
            job(cancelled)
        except Exception as exc:
            self.app.call_from_thread(
                self.app.notify, f"Search index update failed: {exc!r}", severity="error", timeout=10
            )

    def _save_soon(self) -> None:
        """Save the changes now, or once :data:`SAVE_SECONDS` have passed since the last save."""
        wait = self._next_save - time.monotonic()
        if wait <= 0:
            self.queue(self._save)
        elif not self._save_waiting:
            self._save_waiting = True
            self.app.call_from_thread(self.app.set_timer, wait, lambda: self.queue(self._save))

    def _save(self, cancelled: Callable[[], bool]) -> None:
        self._save_waiting = False
        self._next_save = time.monotonic() + SAVE_SECONDS
        self.index.save()
