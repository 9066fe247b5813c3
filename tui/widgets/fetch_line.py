"""The fetch progress line: a bar, feeds done of the total and articles saved so far."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from tui.services.feed_service import FeedService

REFRESH_SECONDS = 0.25


class FetchLine(Horizontal):
    """Shows the fetch run of ``feeds``; hidden when there is none."""

    def __init__(self, feeds: FeedService, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.feeds = feeds

    def compose(self) -> ComposeResult:
        yield ProgressBar(show_eta=False, show_percentage=False, id="fetch-bar")
        yield Label(id="fetch-text")

    def on_mount(self) -> None:
        self.update_progress()
        self.set_interval(REFRESH_SECONDS, self.update_progress)

    def update_progress(self) -> None:
        """Show where the run is, or nothing when there is none."""
        self.display = self.feeds.running
        if not self.feeds.running:
            return
        progress = self.feeds.progress
        bar, text = self.query_one(ProgressBar), self.query_one(Label)
        if progress is None:
            bar.update(total=None)
            text.update("Fetching feeds: starting…")
            return
        bar.update(total=max(1, progress.feeds_total), progress=progress.feeds_done)
        text.update(
            f"Fetching feeds: {progress.feeds_done:,} / {progress.feeds_total:,} done · "
            f"{progress.articles_saved:,} articles saved · ctrl+c stops"
        )
