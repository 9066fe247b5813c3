"""A loaded library: articles, what extraction found in them, people across them, problems."""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field, replace
from operator import attrgetter
from pathlib import Path
from typing import Iterable, Sequence

from .article import Article
from .extract import Extraction, Person, PersonMention, extract
from .extract.people import link_people
from .loader import LoadProblem, load_library


@dataclass(slots=True)
class Entry:
    """One article of the library and what extraction found in its body; people named in
    the photo caption (credits) are kept apart, with offsets into the caption."""

    article: Article
    extraction: Extraction
    caption_people: tuple[PersonMention, ...] = ()

    @property
    def speech_count(self) -> int:
        """How many quotes in the article are speech (not scare quotes or titles)."""
        return sum(1 for q in self.extraction.quotes if q.kind == "speech")

    @property
    def people_count(self) -> int:
        """How many different people the article names, photo credits included."""
        return len({p.name for p in (*self.extraction.people, *self.caption_people)})


def analyse(article: Article) -> Entry:
    """Run extraction on an article's body and caption."""
    caption = extract(article.caption).people if article.caption else []
    credits = tuple(replace(p, credit=True) for p in caption)
    return Entry(article, extract(article.body), credits)


_ORDER_KEY = attrgetter("ordinal", "id")


@dataclass
class Library:
    """Articles in a stable order (newest first) with their extractions; grows by ``add``."""

    roots: tuple[Path, ...] = ()
    problems: list[LoadProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.version = 0
        """Counts changes (``add``, ``remove``), so views can tell they are out of date."""
        self._entries: dict[str, Entry] = {}
        self._order: list[Article] | None = None
        self._oldest_first: list[Article] = []
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
        for entry in entries:
            self._entries[entry.article.id] = entry
        self.version += 1
        self._order = None
        self._people = None
        self._person_index = None

    def remove(self, article_ids: Iterable[str]) -> None:
        """Drop articles (e.g. files deleted from the library folder)."""
        for article_id in article_ids:
            self._entries.pop(article_id, None)
        self.version += 1
        self._order = None
        self._people = None
        self._person_index = None

    @property
    def articles(self) -> list[Article]:
        """Every article, newest first (ties by id). Safe to call from a worker thread while
        the UI thread adds articles: it reads a snapshot and caches only a current order.

        The last order is kept and a few new articles are inserted into it by bisection: a
        sort holds the interpreter lock throughout, and re-sorting 100k articles while
        indexing paused the UI for 100+ ms each time."""
        order = self._order
        if order is None:
            version = self.version
            entries = dict(self._entries)
            ordered = [a for a in self._oldest_first
                       if (entry := entries.get(a.id)) is not None and entry.article is a]
            known = {a.id for a in ordered}
            new = [e.article for e in entries.values() if e.article.id not in known]
            if len(new) > max(64, len(ordered) // 16):
                ordered += new
                ordered.sort(key=_ORDER_KEY)
            else:
                for article in new:
                    insort(ordered, article, key=_ORDER_KEY)
            self._oldest_first = ordered
            order = ordered[::-1]
            if version == self.version:
                self._order = order
        return order

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, article_id: str) -> Article | None:
        """The article with this id, or None."""
        entry = self._entries.get(article_id)
        return entry.article if entry else None

    def entry(self, article_id: str) -> Entry | None:
        """The article with its extraction, or None."""
        return self._entries.get(article_id)

    def entries(self) -> Iterable[Entry]:
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
            linked = link_people({e.article.id: _with_credits(e) for e in self.entries()})
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
