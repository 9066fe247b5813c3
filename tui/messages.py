"""The messages screens and services send the app: what happened, never a call into it.

Screens post them (they bubble to the app); services post them to the app from its UI
thread. The app is the one place that acts on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from textual.message import Message


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
