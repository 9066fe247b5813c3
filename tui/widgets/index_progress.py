"""The indexing progress line: a bar, files done of the total, rate and time left."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from tui.services.library_sync import LibrarySync

REFRESH_SECONDS = 0.25


class IndexProgress(Horizontal):
    """Shows an indexing run of ``sync``; hidden when there is none (or no sync at all)."""

    def __init__(self, sync: LibrarySync | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sync = sync

    def compose(self) -> ComposeResult:
        yield ProgressBar(show_eta=False, id="index-bar")
        yield Label(id="index-text")

    def on_mount(self) -> None:
        self.update_progress()
        self.set_interval(REFRESH_SECONDS, self.update_progress)

    def update_progress(self) -> None:
        """Show the current run, or that the user stopped it, or nothing."""
        sync = self.sync
        progress = sync.progress if sync else None
        stopped = sync.stopped if sync else None
        self.display = progress is not None or stopped is not None
        if progress is not None:
            self.query_one(ProgressBar).update(total=max(1, progress.total), progress=progress.done)
            self.query_one(Label).update(f"Indexing {progress.describe()} · esc stops")
        elif stopped is not None:
            self.query_one(ProgressBar).update(total=max(1, stopped.total), progress=stopped.done)
            self.query_one(Label).update(
                f"Indexing stopped at {stopped.done:,} / {stopped.total:,} files; the rest are indexed next time"
            )
