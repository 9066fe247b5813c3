"""The search index of a whole library and its annotations, safe to share between threads,
and kept in the library's cache folder when it has one (:mod:`~tui.core.search.index_store`).

The app fills it on a worker thread while the search screen queries it from another; the
CLI opens it once. Every change and every search takes one lock, held for one article at
a time while filling, so a search waits at most for one article to be added.

With a cache folder, :meth:`LibraryIndex.catch_up` opens the saved index and indexes only
what differs from the library: articles whose file changed (by the hash of its bytes), new
and removed ones, and articles whose annotations changed. :meth:`LibraryIndex.save` writes
what changed since. A saved index found damaged while searching is dropped and the
``on_damaged`` callback told (it rebuilds); meanwhile the index is empty.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from tui.core.library.derived import DamagedFile
from tui.core.library.library import Entry, Library
from tui.core.library.records import CachedArticle
from tui.core.notes.notebook import Notebook, Placed
from tui.core.search.check import CheckResult, check
from tui.core.search.docs import Doc, docs_for_annotation, docs_for_article
from tui.core.search.index import Result, SearchIndex
from tui.core.search.index_store import IndexStore, Key, Notes
from tui.core.search.query import Query

T = TypeVar("T")

CHECKPOINT = 2_000_000
"""While a big library is indexed, the index is saved whole (and its memory let go) after
this many docs are added (about 100k articles): a million articles never sit in memory."""


def _never() -> bool:
    return False


def note_doc(placed: Placed) -> Doc:
    """The note doc of an annotation, pointing where its text lies in the article today."""
    doc = docs_for_annotation(placed.annotation)
    return doc if placed.orphan else replace(doc, start=placed.anchor.start, end=placed.anchor.end)


def entry_key(entry: Entry) -> Key:
    """What an article's docs are made from: its file's hash (its body's, uncached)."""
    article = entry.article
    if isinstance(article, CachedArticle):
        return article.record.digest
    return article.content_hash.encode()


def _signature(placed: Iterable[Placed]) -> Notes:
    return tuple(sorted((p.annotation.id, p.annotation.updated) for p in placed))


class LibraryIndex:
    """A :class:`SearchIndex` over library entries plus the notebook's annotations on them."""

    def __init__(self, notebook: Notebook | None = None, folder: Path | None = None) -> None:
        self.notebook = notebook
        self.store = IndexStore(folder) if folder is not None else None
        self.rejected = ""
        """Why the saved index (or its changes) was not used at the last catch-up, if not."""
        self.on_damaged: Callable[[], None] | None = None
        """Told when the saved index turns out damaged while searching (it is dropped)."""
        self.damaged = False
        self._index = SearchIndex()
        self._lock = threading.Lock()
        self._notes: dict[str, list[str]] = {}  # article id -> ids of its indexed annotations
        self._keys: dict[str, Key] = {}  # article id -> what its docs were made from
        self._signatures: dict[str, Notes] = {}  # article id -> the annotations indexed with it
        self._unsaved = False
        self._since_checkpoint = 0

    @classmethod
    def of(
        cls,
        library: Library,
        notebook: Notebook | None = None,
        cancelled: Callable[[], bool] = _never,
        folder: Path | None = None,
    ) -> LibraryIndex:
        """The index of every article of ``library`` (and the notebook's annotations): the
        one saved in ``folder`` brought up to date (and saved), else built afresh."""
        index = cls(notebook, folder)
        index.catch_up(library.entries(), cancelled)
        index.save()
        return index

    def __len__(self) -> int:
        """How many docs are indexed."""
        with self._lock:
            return len(self._index)

    def catch_up(self, entries: Iterable[Entry], cancelled: Callable[[], bool] = _never) -> int:
        """Open the saved index (when there is a folder) and index what differs from
        ``entries`` and their annotations; returns how many articles were (re)indexed."""
        if self.store is not None:
            opened = self.store.open()
            with self._lock:
                self._index, self.rejected, self.damaged = opened.index, opened.rejected, False
                self._keys, self._signatures = opened.keys, opened.notes
                self._notes = {a: [i for i, _ in sig] for a, sig in opened.notes.items()}
                self._unsaved = bool(opened.rejected)
        current = {entry.article.id: entry for entry in entries}
        gone = self._keys.keys() - current.keys()
        if gone:
            self.remove_articles(sorted(gone))
        saved = self._keys.get
        stale = [current[a] for a in sorted(a for a, e in current.items() if saved(a) != entry_key(e))]
        count = self.add_entries(stale, cancelled)
        if self.notebook is not None and not cancelled():
            fresh = {e.article.id for e in stale}
            now = self._placed_signatures()
            for article_id in sorted(now.keys() | self._signatures.keys()):
                if (
                    article_id in current
                    and article_id not in fresh
                    and now.get(article_id) != self._signatures.get(article_id)
                ):
                    self.refresh_notes(article_id)
        return count

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
                self._keys[article_id] = entry_key(entry)
                self._record(article_id, _signature(placed))
            count += 1
            self._since_checkpoint += len(docs)
            if self._since_checkpoint >= CHECKPOINT:
                self.save()
        return count

    def remove_articles(self, article_ids: Iterable[str]) -> None:
        """Drop articles and their annotations from the index."""
        with self._lock:
            for article_id in article_ids:
                self._index.remove_article(article_id)
                self._notes.pop(article_id, None)
                self._keys.pop(article_id, None)
                self._record(article_id, None)

    def refresh_notes(self, article_id: str) -> None:
        """Re-index one article's annotations (after one was added, edited or deleted)."""
        placed = self.notebook.for_article(article_id) if self.notebook else []
        docs = [note_doc(p) for p in placed]
        with self._lock:
            for annotation_id in self._notes.pop(article_id, ()):
                self._index.remove_ref(annotation_id)
            self._index.add(docs)
            self._notes[article_id] = [p.annotation.id for p in placed]
            self._record(article_id, _signature(placed))

    def _record(self, article_id: str, notes: Notes | None) -> None:
        """Note a change of an article's state (under the lock)."""
        if notes:
            self._signatures[article_id] = notes
        else:
            self._signatures.pop(article_id, None)
        if self.store is not None:
            self.store.touched([article_id])
        self._unsaved = True

    def save(self) -> None:
        """Save what changed since the last save (nothing without a folder). Call it from
        the thread that changes the index: searches go on meanwhile."""
        self._since_checkpoint = 0
        if self.store is None or not self._unsaved:
            return
        with self._lock:
            keys, signatures = dict(self._keys), dict(self._signatures)
            self._unsaved = False
        reopened = self.store.save(self._index, keys, signatures, self._lock)
        if reopened is not None:
            with self._lock:
                self._index = reopened

    @property
    def unsaved(self) -> bool:
        """Whether something changed since the last save."""
        return self._unsaved

    def search(self, query: str | Query, limit: int = 50, cancelled: Callable[[], bool] = _never) -> list[Result]:
        """See :meth:`SearchIndex.search`; nothing when ``cancelled()`` is true once the
        index is free (a newer query superseded this one while it waited)."""
        return self._guarded(cancelled, lambda: self._index.search(query, limit))

    def check(self, text: str, limit: int = 5, cancelled: Callable[[], bool] = _never) -> list[CheckResult]:
        """See :func:`check`; nothing when ``cancelled()`` is true once the index is free."""
        return self._guarded(cancelled, lambda: check(self._index, text, limit))

    def _guarded(self, cancelled: Callable[[], bool], run: Callable[[], list[T]]) -> list[T]:
        """``run()`` under the lock, or nothing when the saved index turns out damaged: it is
        dropped (the index is empty until ``on_damaged``, told once the lock is free, rebuilds it)."""
        with self._lock:
            if cancelled():
                return []
            try:
                return run()
            except DamagedFile as exc:
                self._index, self._keys, self._signatures, self._notes = SearchIndex(), {}, {}, {}
                self.damaged, self.rejected = True, f"damaged ({exc}); rebuilt"
                if self.store is not None:
                    self.store.clear()
        if self.on_damaged is not None:
            self.on_damaged()
        return []

    def _notes_by_article(self) -> dict[str, list[Placed]]:
        out: dict[str, list[Placed]] = {}
        for placed in self.notebook.all() if self.notebook else ():
            out.setdefault(placed.annotation.article_id, []).append(placed)
        return out

    def _placed_signatures(self) -> dict[str, Notes]:
        """Per article, the annotations on it now (without placing them)."""
        found: dict[str, list[tuple[str, str]]] = {}
        for annotation in self.notebook.store.all() if self.notebook else ():
            found.setdefault(annotation.article_id, []).append((annotation.id, annotation.updated))
        return {article_id: tuple(sorted(sig)) for article_id, sig in found.items()}
