"""The messages screens and services send the app: what happened, never a call into it.

Screens post them (they bubble to the app); services post them to the app from its UI
thread. The app is the one place that acts on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui.core.feeds.fetch import FeedResult, FetchProgress


@dataclass
class OpenArticle(Message):
    """Open the reader on an article, at ``offset`` with ``matches`` (body spans) highlighted;
    ``order`` is the list of article ids that ``[``/``]`` walk."""

    article_id: str
    order: Sequence[str] = ()
    offset: int | None = None
    matches: Sequence[tuple[int, int]] | None = None


@dataclass
class NotesChanged(Message):
    """An annotation of the article was added, edited or deleted."""

    article_id: str


@dataclass
class LibraryChanged(Message):
    """Articles were added to, replaced in or removed from the library (ids); ``settled``
    when an indexing run ended, so screens showing the library catch up now."""

    added: Sequence[str] = field(default_factory=tuple)
    removed: Sequence[str] = field(default_factory=tuple)
    settled: bool = False


@dataclass
class SearchCaughtUp(Message):
    """The search index has applied every change queued so far."""


@dataclass
class OpenFeed(Message):
    """Show the library's articles from one feed (its URL as subscribed; ``title`` to show)."""

    feed: str
    title: str = ""


@dataclass
class FetchProgressed(Message):
    """A fetch run moved on: an article was saved (``progress.saved``) or a feed finished
    (``progress.feed``)."""

    progress: FetchProgress


@dataclass
class FetchFinished(Message):
    """A fetch run ended: a result per feed fetched, or ``problem`` when it could not run
    (a damaged ``feeds.json``); ``stopped`` when the user ended it early."""

    results: Sequence[FeedResult] = ()
    problem: str | None = None
    stopped: bool = False
