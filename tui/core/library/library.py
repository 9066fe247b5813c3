"""A loaded library: articles, what extraction found in them, people across them, problems."""

from __future__ import annotations

import threading
from bisect import insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tui.core.bulk import sorted_in_steps
from tui.core.extract import Extraction, Person, PersonMention, Quote, extract
from tui.core.extract.linking import link_people
from tui.core.extract.model import SPEECH
from tui.core.library.article import Article
from tui.core.library.files import LoadProblem
from tui.core.library.loader import load_library


@dataclass(slots=True)
class Entry:
    """One article of the library and what extraction found in its body; people named in
    the photo caption (credits) are kept apart, with offsets into the caption."""

    article: Article
    extraction: Extraction
    caption_people: tuple[PersonMention, ...] = ()

    @property
    def speech_quotes(self) -> list[Quote]:
        """The article's quotes that are speech (not scare quotes, titles or terms)."""
        return [q for q in self.extraction.quotes if q.kind == SPEECH]

    @property
    def speech_count(self) -> int:
        """How many quotes in the article are speech (not scare quotes or titles)."""
        return len(self.speech_quotes)

    @property
    def people_count(self) -> int:
        """How many different people the article names, photo credits included."""
        return len({p.name for p in (*self.extraction.people, *self.caption_people)})


def analyse(article: Article) -> Entry:
    """Run extraction on an article's body and caption."""
    caption = extract(article.caption).people if article.caption else []
    credits = tuple(replace(p, credit=True) for p in caption)
    return Entry(article, extract(article.body), credits)


def _order_key(entry: Entry) -> tuple[int, str]:
    """Oldest first, ties by id (the library shows the reverse)."""
    return entry.article.ordinal, entry.article.id


@dataclass
class Library:
    """Articles in a stable order (newest first) with their extractions; grows by ``add``."""

    roots: tuple[Path, ...] = ()
    problems: list[LoadProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.version = 0
        """Counts changes (``add``, ``remove``), so views can tell they are out of date."""
        self._entries: dict[str, Entry] = {}
        self._changes = threading.Lock()
        self._ordering = threading.Lock()
        self._sorted: list[Entry] = []
        self._added: list[Entry] = []
        self._dropped = False
        self._ordered: list[Entry] | None = None
        self._people: list[Person] | None = None
        self._person_index: dict[str, Person] | None = None

    @classmethod
    def open(cls, paths: Sequence[Path]) -> Library:
        """Load and extract every article under ``paths``, in this process."""
        result = load_library(paths)
        library = cls(tuple(paths), result.problems)
        library.add(analyse(a) for a in result.articles)
        return library

    def add(self, entries: Iterable[Entry]) -> None:
        """Add (or replace, by id) articles with their extractions."""
        with self._changes:
            for entry in entries:
                if self._entries.get(entry.article.id) is not None:
                    self._dropped = True
                self._entries[entry.article.id] = entry
                self._added.append(entry)
            self._changed()

    def remove(self, article_ids: Iterable[str]) -> None:
        """Drop articles (e.g. files deleted from the library folder)."""
        with self._changes:
            for article_id in article_ids:
                if self._entries.pop(article_id, None) is not None:
                    self._dropped = True
            self._changed()

    def _changed(self) -> None:
        self.version += 1
        self._ordered = None
        self._people = None
        self._person_index = None

    def ordered(self) -> list[Entry]:
        """Every entry, newest first (ties by id): a snapshot not to be changed, shared by
        every caller until the library changes. Safe to call from a worker thread while the
        UI thread adds articles.

        The order is kept up to date rather than re-sorted: new articles are inserted by
        bisection (a sort holds the interpreter lock throughout, and re-sorting 100k
        articles while indexing paused the UI for 100+ ms each time), and no copy of the
        whole library is made beyond the snapshot itself (each 100k-item container made
        costs every garbage-collector pass that sees it a few ms)."""
        with self._ordering:
            with self._changes:
                if self._ordered is not None:
                    return self._ordered
                version, added, dropped = self.version, self._added, self._dropped
                self._added, self._dropped = [], False
            current = self._entries.get
            order = self._sorted
            if dropped:
                order = [e for e in order if current(e.article.id) is e]
                added = [e for e in added if current(e.article.id) is e]
            if not order:  # the first order (a warm start's 100k): at full speed, once
                order = sorted(added, key=_order_key)
            elif len(added) > max(64, len(order) // 16):
                order = sorted_in_steps(order + added, _order_key)
            else:
                for entry in added:
                    insort(order, entry, key=_order_key)
            self._sorted = order
            snapshot = order[::-1]
            with self._changes:
                if version == self.version:
                    self._ordered = snapshot
            return snapshot

    @property
    def articles(self) -> list[Article]:
        """Every article, newest first (ties by id)."""
        return [entry.article for entry in self.ordered()]

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, article_id: str) -> Article | None:
        """The article with this id, or None."""
        entry = self._entries.get(article_id)
        return entry.article if entry else None

    def entry(self, article_id: str) -> Entry | None:
        """The article with its extraction, or None."""
        return self._entries.get(article_id)

    def entries(self) -> list[Entry]:
        """Every entry, in no particular order (a snapshot: the library may grow meanwhile)."""
        return list(self._entries.values())

    def extraction(self, article_id: str) -> Extraction:
        """What extraction found in the article (empty for an unknown id)."""
        entry = self._entries.get(article_id)
        return entry.extraction if entry else Extraction()

    @property
    def people(self) -> list[Person]:
        """Every person across the library, aliases merged, most quoted first."""
        if self._people is None:
            linked = link_people((e.article.id, _with_credits(e)) for e in self.entries())
            self._people = sorted(linked, key=lambda p: (-p.quote_count, -len(p.article_ids), p.name))
        return self._people

    def person(self, name: str) -> Person | None:
        """The library-wide person whose canonical name or alias is ``name``."""
        if self._person_index is None:
            self._person_index = {}
            for person in self.people:
                for key in (*person.aliases, person.name):
                    self._person_index[key] = person
        return self._person_index.get(name)

    @property
    def errors(self) -> list[LoadProblem]:
        """Problems that kept a file out of the library."""
        return [p for p in self.problems if p.severity == "error"]


def _with_credits(entry: Entry) -> Extraction:
    """The extraction with caption credits added, for linking people across articles."""
    if not entry.caption_people:
        return entry.extraction
    return Extraction(entry.extraction.quotes, [*entry.extraction.people, *entry.caption_people])
