"""Which articles from feeds are unread, for the screens: the core's :class:`ReadState` with
its failures turned into words. A damaged ``read.json`` is kept as it is; while it is,
nothing shows as unread and marking says why it cannot be done."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from tui.core.feeds.jsonstore import DamagedFile
from tui.core.feeds.readstate import ReadState
from tui.core.library.article import Article


class ReadMarks:
    """The read state of the app's articles; ``problem`` says why there is none (the file
    is damaged), else None. ``version`` grows with every change, so screens know when to
    redraw."""

    def __init__(self, path: Path | None = None, root: Path | None = None) -> None:
        self.state: ReadState | None = None
        self.problem: str | None = None
        self.version = 0
        try:
            self.state = ReadState(path, root)
        except DamagedFile as exc:
            self.problem = f"Read marks are off: {exc}"

    def tracks(self, article: Article) -> bool:
        """Whether the article can be unread at all: it came from a feed (a cheap test,
        asked first: 100k bundled or own articles never build a path) into the articles
        folder."""
        return bool(article.feed) and self.state is not None and self.state.key(article.path) is not None

    def is_unread(self, article: Article) -> bool:
        """Whether the article came from a feed and was not yet opened."""
        return bool(article.feed) and self.state is not None and self.state.is_unread(article.path)

    def unread_by_feed(self, articles: Iterable[Article]) -> Counter[str]:
        """How many of ``articles`` are unread, by the feed they came from."""
        return Counter(a.feed for a in articles if self.is_unread(a))

    def mark(self, articles: Iterable[Article], read: bool = True) -> str | None:
        """Mark articles read (or unread); returns why it failed, or None."""
        if self.state is None:
            return self.problem
        try:
            self.state.set_read([a.path for a in articles], read)
        except (DamagedFile, OSError) as exc:
            return f"Could not save the read marks: {exc}"
        self.version += 1
        return None

    def opened(self, article: Article) -> str | None:
        """The article was opened in the reader: it is read now (a no-op when it was)."""
        return self.mark([article]) if self.is_unread(article) else None
