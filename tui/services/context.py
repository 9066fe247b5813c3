"""What every screen works with, handed to it when it is made: the library, the notes placed
on it, the feeds and read marks, and the services that keep them in step."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.library.library import Library
from tui.core.notes.notebook import Notebook
from tui.core.who.index import WhoIndex
from tui.services.feed_service import FeedService
from tui.services.library_sync import LibrarySync
from tui.services.read_marks import ReadMarks
from tui.services.search_service import SearchService


@dataclass
class Context:
    """The app's state that screens read and act on (never the app itself)."""

    library: Library
    notebook: Notebook
    search: SearchService
    feeds: FeedService
    """The subscriptions and the fetch run."""
    read: ReadMarks
    """Which fetched articles are unread."""
    sync: LibrarySync | None = None
    """Indexing and folder polls (None when the app was given a finished library)."""
    last_search: str = ""
    """What the search box held when it was last closed."""
    who: WhoIndex | None = None
    """Who said what across the library (made from the library when not given)."""

    def __post_init__(self) -> None:
        if self.who is None:
            self.who = WhoIndex(self.library)

    @property
    def said(self) -> WhoIndex:
        """The who-index (quotes, clusters, people) of the library."""
        assert self.who is not None
        return self.who
