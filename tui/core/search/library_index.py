"""The search index of a whole library and its annotations, safe to share between threads.

The app fills it on a worker thread while the search screen queries it from another; the
CLI fills it once. Every change and every search takes one lock, held for one article at
a time while filling, so a search waits at most for one article to be added.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import replace

from tui.core.library.library import Entry, Library
from tui.core.notes.notebook import Notebook, Placed
from tui.core.search.check import CheckResult, check
from tui.core.search.docs import Doc, docs_for_annotation, docs_for_article
from tui.core.search.index import Result, SearchIndex
from tui.core.search.query import Query


def _never() -> bool:
    return False


def note_doc(placed: Placed) -> Doc:
    """The note doc of an annotation, pointing where its text lies in the article today."""
    doc = docs_for_annotation(placed.annotation)
    return doc if placed.orphan else replace(doc, start=placed.anchor.start, end=placed.anchor.end)


class LibraryIndex:
    """A :class:`SearchIndex` over library entries plus the notebook's annotations on them."""

    def __init__(self, notebook: Notebook | None = None) -> None:
        self.notebook = notebook
        self._index = SearchIndex()
        self._lock = threading.Lock()
        self._notes: dict[str, list[str]] = {}  # article id -> ids of its indexed annotations

    @classmethod
    def of(
        cls, library: Library, notebook: Notebook | None = None, cancelled: Callable[[], bool] = _never
    ) -> LibraryIndex:
        """The index of every article of ``library`` (and the notebook's annotations)."""
        index = cls(notebook)
        index.add_entries(library.entries(), cancelled)
        return index

    def __len__(self) -> int:
        """How many docs are indexed."""
        with self._lock:
            return len(self._index)

    def add_entries(self, entries: Iterable[Entry], cancelled: Callable[[], bool] = _never) -> int:
        """Index (or re-index) articles with their annotations; returns how many were indexed.
        Stops early when ``cancelled()`` turns true."""
        notes = self._notes_by_article()
        count = 0
        for entry in entries:
            if cancelled():
                break
            article_id = entry.article.id
            placed = notes.get(article_id, [])
            docs = docs_for_article(entry.article, entry.extraction) + [note_doc(p) for p in placed]
            with self._lock:
                self._index.remove_article(article_id)
                self._index.add(docs)
                self._notes[article_id] = [p.annotation.id for p in placed]
            count += 1
        return count

    def remove_articles(self, article_ids: Iterable[str]) -> None:
        """Drop articles and their annotations from the index."""
        with self._lock:
            for article_id in article_ids:
                self._index.remove_article(article_id)
                self._notes.pop(article_id, None)

    def refresh_notes(self, article_id: str) -> None:
        """Re-index one article's annotations (after one was added, edited or deleted)."""
        placed = self.notebook.for_article(article_id) if self.notebook else []
        docs = [note_doc(p) for p in placed]
        with self._lock:
            for annotation_id in self._notes.pop(article_id, ()):
                self._index.remove_ref(annotation_id)
            self._index.add(docs)
            self._notes[article_id] = [p.annotation.id for p in placed]

    def search(self, query: str | Query, limit: int = 50, cancelled: Callable[[], bool] = _never) -> list[Result]:
        """See :meth:`SearchIndex.search`; nothing when ``cancelled()`` is true once the
        index is free (a newer query superseded this one while it waited)."""
        with self._lock:
            return [] if cancelled() else self._index.search(query, limit)

    def check(self, text: str, limit: int = 5, cancelled: Callable[[], bool] = _never) -> list[CheckResult]:
        """See :func:`check`; nothing when ``cancelled()`` is true once the index is free."""
        with self._lock:
            return [] if cancelled() else check(self._index, text, limit)

    def _notes_by_article(self) -> dict[str, list[Placed]]:
        out: dict[str, list[Placed]] = {}
        for placed in self.notebook.all() if self.notebook else ():
            out.setdefault(placed.annotation.article_id, []).append(placed)
        return out
