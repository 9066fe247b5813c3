"""One fuzzy index over titles, passages, quotes, people and notes.

Finding works in two steps: :mod:`~tui.core.search.candidates` proposes a few hundred docs
from the inverted index of words (stop words left out), :mod:`~tui.core.search.ranking`
ranks them on their text with rapidfuzz. The docs are stored as columns
(:mod:`~tui.core.search.columns`), the words and their postings in a vocabulary
(:mod:`~tui.core.search.terms`); a saved index (:mod:`~tui.core.search.index_file`) is
mapped under both, and what changes since lives in memory.

Removing docs marks them dead; postings in memory are compacted once dead docs outnumber
half the live ones. The index is not thread-safe: run ``add``, ``remove_*`` and ``search``
on one thread (or under one lock).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

from rapidfuzz import fuzz, process

from tui.core.search.candidates import groups, prefilter
from tui.core.search.columns import CODES, DEAD, DocTable
from tui.core.search.docs import KINDS, Doc
from tui.core.search.postings import Mapped
from tui.core.search.query import Query, parse_query
from tui.core.search.ranking import Result, listing, rank
from tui.core.search.terms import Vocabulary
from tui.core.search.text import STOPWORDS, words

SPEAKER_CUTOFF = 80
"""How alike (0-100) an ``@name`` and a speaker's name (or a word of it) must be."""
COMPACT_MIN = 10_000
"""Dead docs are dropped from postings once there are this many, and half as many as live."""

__all__ = ["Result", "SearchIndex"]


class SearchIndex:
    """Docs of every kind in one index; see the module docstring."""

    def __init__(self, saved: Mapped | None = None, meta: dict[str, Any] | None = None) -> None:
        """An empty index, or one over a saved index's sections and metadata."""
        self.docs = DocTable(saved, meta)
        self.vocab = Vocabulary(saved)
        self._speaker_cache: dict[str, dict[int, float]] = {}
        self._dead = 0

    def __len__(self) -> int:
        """How many docs the index holds."""
        return self.docs.live

    # -- adding and removing -------------------------------------------------------------

    def add(self, docs: Iterable[Doc]) -> None:
        """Index ``docs``; cheap enough to call once per article or annotation."""
        by_article: dict[str, list[Doc]] = {}
        for doc in docs:
            by_article.setdefault(doc.article_id, []).append(doc)
        speakers = len(self.docs.speakers)
        for article_id, group in by_article.items():
            for d, found in self.docs.add_batch(article_id, group):
                found.difference_update(STOPWORDS)
                self.vocab.add_doc(found, d)
        if len(self.docs.speakers) != speakers:
            self._speaker_cache.clear()

    def remove_article(self, article_id: str) -> int:
        """Drop every doc of an article (its notes too); returns how many were dropped."""
        return self._kill(d for docs in self.docs.article_docs(article_id) for d in docs)

    def remove_ref(self, ref: Hashable) -> int:
        """Drop the docs added with this ``ref`` (an annotation's id); returns how many."""
        return self._kill(list(self.docs.ref_docs.get(ref, ())))

    def _kill(self, ids: Iterable[int]) -> int:
        killed = self.docs.kill(ids)
        self._dead += killed
        if self._dead > max(COMPACT_MIN, self.docs.live // 2):
            self._compact()
        return killed

    def _compact(self) -> None:
        """Drop dead doc numbers from the postings and speaker lists in memory."""
        keep = self.docs.kind.translate(bytes([1] * DEAD + [0])).__getitem__
        self.vocab.compact(keep)
        self.docs.speaker_docs.compact(keep)
        self._dead = 0

    # -- searching -----------------------------------------------------------------------

    def search(self, query: str | Query, limit: int = 50) -> list[Result]:
        """The best ``limit`` docs for a query (see :mod:`tui.core.search.query`), best first."""
        q = parse_query(query) if isinstance(query, str) else query
        allowed = bytearray(256)
        for kind in q.kinds or KINDS:
            allowed[CODES[kind]] = 1
        speaker_scores: dict[int, float] = {}
        restrict: set[int] | None = None
        if q.speakers:
            speaker_scores = self._speakers_like(q.speakers)
            restrict = set().union(*(self.docs.speaker_docs.items(s) for s in speaker_scores))
        for tag in q.tags:
            tagged = self.docs.tag_docs.get(tag, set())
            restrict = tagged if restrict is None else restrict & tagged
        tokens = words(q.text)
        found = groups(self.vocab, self.docs.live, tokens)
        if found:
            candidates = prefilter(self.docs, self.vocab, found, allowed, restrict)
            return rank(self.docs, candidates, q, tokens, found, limit)
        if tokens or (restrict is None and not q.kinds):
            return []
        return listing(self.docs, allowed, restrict, speaker_scores, limit)

    def _speakers_like(self, names: Iterable[str]) -> dict[int, float]:
        """Speaker numbers whose name is like one of ``names``, with how alike (0-100): a
        one-word name against each word of a speaker's name, a longer one against the whole."""
        docs = self.docs
        out: dict[int, float] = {}
        for name in names:
            key = " ".join(words(name.replace("_", " ")))
            hits = self._speaker_cache.get(key)
            if hits is None:
                hits = self._speaker_cache[key] = {}
                one_word = " " not in key
                choices = docs.speaker_name_words if one_word else docs.speaker_keys
                for _, score, i in process.extract(
                    key,
                    choices,
                    scorer=fuzz.ratio if one_word else fuzz.WRatio,
                    score_cutoff=SPEAKER_CUTOFF,
                    limit=None,
                ):
                    no = docs.speaker_of_word[i] if one_word else i
                    hits[no] = max(score, hits.get(no, 0.0))
            for no, score in hits.items():
                out[no] = max(score, out.get(no, 0.0))
        return out
