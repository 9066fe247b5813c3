"""One fuzzy index over titles, passages, quotes, people and notes.

Finding works in two steps. An inverted index of words (stop words left out) proposes a few
hundred candidates: each query word stands for itself, for longer words it starts (the last
word, being typed) and, when it is unknown or very rare (in a big library typos are known
words too), for known words a typo or two away; the candidates are the docs with the most,
and rarest, of them. rapidfuzz then ranks the candidates on their text: exact phrase
matches first, then phrase matches whose last word is still being typed, then fuzzy
matches by how well the query aligns with the text and how many of its words the text has.

Storage is compact: per-doc columns are arrays of ints, each article's texts one zlib blob,
postings arrays of doc numbers. Removing docs marks them dead; postings are compacted once
dead docs outnumber half the live ones. The index is not thread-safe: run ``add``,
``remove_*`` and ``search`` on one thread (or under one lock).
"""

from __future__ import annotations

import math
import zlib
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from heapq import nlargest

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from tui.core.search.docs import KINDS, NOTE, QUOTE, Doc
from tui.core.search.query import Query, parse_query
from tui.core.search.text import STOPWORDS, WORD_RE, fold, is_term, merge_spans, phrase_pattern, words

RERANK = 200
"""How many candidates are ranked on their text."""
BUDGET = 40_000
"""Postings walked in full per query; rarer words first, the rest only re-score the best."""
TOP_M = 1_000
"""How many leading candidates words beyond the budget re-score."""
SPEAKER_CUTOFF = 80
"""How alike (0-100) an ``@name`` and a speaker's name (or a word of it) must be."""
COMPACT_MIN = 10_000
"""Dead docs are dropped from postings once there are this many, and half as many as live."""
MIN_FUZZY = 50
"""Fuzzy matches scoring below this (0-100, before scaling) are not results."""
EXACT, PREFIX, FUZZY = 90.0, 80.0, 80.0
"""Score bands: exact phrase 90-100, phrase with a word being typed 80-90, fuzzy 0-80."""
PREFIX_FACTOR, FUZZY_FACTORS = 0.8, (1.0, 0.8, 0.6)
"""What a word's completion, or a known word 1 or 2 typos away, counts for against the word."""
RARE = 3
"""A query word found in at most this many docs may be a typo too: its neighbours count."""
MAX_PREFIXES, MAX_TYPOS = 16, 10
"""At most this many completions (the most frequent) and typo neighbours per query word."""

_CODES = {kind: code for code, kind in enumerate(KINDS)}
_DEAD = 255
_PREFERRED = frozenset({_CODES[QUOTE], _CODES[NOTE]})
_TIE_RANK = {NOTE: 0, QUOTE: 1, "article": 2, "person": 3, "passage": 4}
_BLOB_CACHE = 512


@dataclass(frozen=True, slots=True)
class Result:
    """A search hit: the doc, its score (0-100) and what matched, as spans of ``doc.text``."""

    doc: Doc
    score: float
    match_spans: list[tuple[int, int]]

    @property
    def kind(self) -> str:
        return self.doc.kind

    @property
    def article_id(self) -> str:
        return self.doc.article_id

    @property
    def span(self) -> tuple[int, int]:
        """The span of the article body the hit points to."""
        return self.doc.start, self.doc.end


@dataclass(slots=True)
class _Group:
    """One query word: the indexed terms that stand for it, with what each counts for."""

    word: str
    factors: dict[str, float]  # term -> 1 exact, less for a completion or a typo neighbour
    terms: list[tuple[int, float]]  # (term id, prefilter weight)
    weight: float  # the word's importance (idf)
    volume: int  # postings to walk


class SearchIndex:
    """Docs of every kind in one index; see the module docstring."""

    def __init__(self) -> None:
        # per doc number: kind code (255 dead), span, speaker, batch, where its text starts
        self._kind = bytearray()
        self._start = array("I")
        self._end = array("I")
        self._speaker = array("I")
        self._batch = array("I")
        self._offset = array("I")
        self._tags: dict[int, tuple[str, ...]] = {}
        self._refs: dict[int, Hashable] = {}
        # per batch (the docs of one article added together, numbered consecutively): its
        # first doc, article, the article's next batch (-1: none), live docs, texts as zlib
        self._batch_start = array("I")
        self._batch_article = array("I")
        self._batch_next = array("i")
        self._batch_live = array("I")
        self._blobs: list[bytes | None] = []
        self._texts_cache: OrderedDict[int, str] = OrderedDict()
        # per article number: its id and latest batch (-1: none)
        self._article_ids: list[str] = []
        self._article_no: dict[str, int] = {}
        self._article_batch = array("i")
        self._ref_docs: dict[Hashable, list[int]] = {}
        self._tag_docs: dict[str, set[int]] = {}
        self._speakers: list[str] = [""]
        self._speaker_keys: list[str] = [""]
        self._speaker_words: list[tuple[str, ...]] = [()]
        self._speaker_name_words: list[str] = []
        self._speaker_of_word = array("I")
        self._speaker_no: dict[str, int] = {}
        self._speaker_docs: list[array[int]] = [array("I")]
        self._speaker_cache: dict[str, dict[int, float]] = {}
        # the inverted index and the buckets that find completions and typo neighbours
        self._vocab: dict[str, int] = {}
        self._terms: list[str] = []
        self._postings: list[array[int]] = []
        self._buckets: dict[str, array[int]] = {}
        self._live = 0
        self._dead = 0

    def __len__(self) -> int:
        """How many docs the index holds."""
        return self._live

    # -- adding and removing -------------------------------------------------------------

    def add(self, docs: Iterable[Doc]) -> None:
        """Index ``docs``; cheap enough to call once per article or annotation."""
        by_article: dict[str, list[Doc]] = {}
        for doc in docs:
            by_article.setdefault(doc.article_id, []).append(doc)
        for article_id, group in by_article.items():
            self._add_batch(article_id, group)

    def remove_article(self, article_id: str) -> int:
        """Drop every doc of an article (its notes too); returns how many were dropped."""
        no = self._article_no.get(article_id)
        if no is None:
            return 0
        batch, self._article_batch[no] = self._article_batch[no], -1
        killed = 0
        while batch >= 0:
            killed += self._kill(range(self._batch_start[batch], self._batch_end(batch)))
            batch = self._batch_next[batch]
        return killed

    def remove_ref(self, ref: Hashable) -> int:
        """Drop the docs added with this ``ref`` (an annotation's id); returns how many."""
        return self._kill(self._ref_docs.pop(ref, ()))

    def _add_batch(self, article_id: str, docs: list[Doc]) -> None:
        no = self._article_no.get(article_id)
        if no is None:
            no = self._article_no[article_id] = len(self._article_ids)
            self._article_ids.append(article_id)
            self._article_batch.append(-1)
        batch = len(self._blobs)
        self._batch_start.append(len(self._kind))
        self._batch_article.append(no)
        self._batch_next.append(self._article_batch[no])
        self._article_batch[no] = batch
        texts: list[str] = []
        offset = 0
        vocab, postings = self._vocab, self._postings
        for doc in docs:
            d = len(self._kind)
            speaker = self._speaker_number(doc.speaker) if doc.speaker else 0
            self._kind.append(_CODES[doc.kind])
            self._start.append(doc.start)
            self._end.append(doc.end)
            self._speaker.append(speaker)
            self._batch.append(batch)
            self._offset.append(offset)
            texts.append(doc.text)
            offset += len(doc.text)
            terms = set(WORD_RE.findall(doc.text.lower()))
            terms.update(self._speaker_words[speaker])
            if doc.tags:
                self._tags[d] = doc.tags
                for tag in doc.tags:
                    self._tag_docs.setdefault(fold(tag), set()).add(d)
                    terms.update(words(tag))
            if doc.ref is not None:
                self._refs[d] = doc.ref
                self._ref_docs.setdefault(doc.ref, []).append(d)
            if speaker:
                self._speaker_docs[speaker].append(d)
            terms.difference_update(STOPWORDS)
            for term in terms:
                tid = vocab.get(term)
                if tid is None:
                    if not is_term(term):
                        continue
                    tid = self._new_term(term)
                postings[tid].append(d)
        self._blobs.append(zlib.compress("".join(texts).encode("utf-8", "surrogatepass")))
        self._batch_live.append(len(docs))
        self._live += len(docs)

    def _new_term(self, term: str) -> int:
        tid = self._vocab[term] = len(self._terms)
        self._terms.append(term)
        self._postings.append(array("I"))
        if len(term) >= 4:
            for key in _bucket_keys(term):
                self._buckets.setdefault(key, array("I")).append(tid)
        return tid

    def _speaker_number(self, name: str) -> int:
        no = self._speaker_no.get(name)
        if no is None:
            no = self._speaker_no[name] = len(self._speakers)
            self._speakers.append(name)
            name_words = words(name)
            self._speaker_keys.append(" ".join(name_words))
            self._speaker_words.append(tuple(w for w in name_words if is_term(w)))
            self._speaker_name_words.extend(name_words)
            self._speaker_of_word.extend([no] * len(name_words))
            self._speaker_docs.append(array("I"))
            self._speaker_cache.clear()
        return no

    def _kill(self, ids: Iterable[int]) -> int:
        killed = 0
        for d in ids:
            if self._kind[d] == _DEAD:
                continue
            self._kind[d] = _DEAD
            killed += 1
            for tag in self._tags.pop(d, ()):
                self._tag_docs[fold(tag)].discard(d)
            ref = self._refs.pop(d, None)
            if ref is not None and ref in self._ref_docs:
                self._ref_docs[ref].remove(d)
                if not self._ref_docs[ref]:
                    del self._ref_docs[ref]
            batch = self._batch[d]
            self._batch_live[batch] -= 1
            if not self._batch_live[batch]:
                self._blobs[batch] = None
                self._texts_cache.pop(batch, None)
        self._live -= killed
        self._dead += killed
        if self._dead > max(COMPACT_MIN, self._live // 2):
            self._compact()
        return killed

    def _compact(self) -> None:
        """Drop dead doc numbers from postings and speaker lists."""
        alive = self._kind.translate(bytes([1] * _DEAD + [0]))
        keep = alive.__getitem__
        self._postings = [array("I", filter(keep, p)) for p in self._postings]
        self._speaker_docs = [array("I", filter(keep, p)) for p in self._speaker_docs]
        self._dead = 0

    # -- searching -----------------------------------------------------------------------

    def search(self, query: str | Query, limit: int = 50) -> list[Result]:
        """The best ``limit`` docs for a query (see :mod:`tui.core.search.query`), best first."""
        q = parse_query(query) if isinstance(query, str) else query
        allowed = bytearray(256)
        for kind in q.kinds or KINDS:
            allowed[_CODES[kind]] = 1
        speaker_scores: dict[int, float] = {}
        restrict: set[int] | None = None
        if q.speakers:
            speaker_scores = self._speakers_like(q.speakers)
            restrict = set().union(*(self._speaker_docs[s] for s in speaker_scores))
        for tag in q.tags:
            tagged = self._tag_docs.get(tag, set())
            restrict = tagged if restrict is None else restrict & tagged
        tokens = words(q.text)
        groups = self._groups(tokens)
        if groups:
            candidates = self._prefilter(groups, allowed, restrict)
            return self._rank(candidates, q, tokens, groups, limit)
        if tokens or (restrict is None and not q.kinds):
            return []
        return self._listing(allowed, restrict, speaker_scores, limit)

    def _groups(self, tokens: list[str]) -> list[_Group]:
        """The query words worth looking up, each with the terms that stand for it."""
        n = max(self._live, 1)
        groups: list[_Group] = []
        seen: set[str] = set()
        for i, word in enumerate(tokens):
            if word in seen or not is_term(word):
                continue
            seen.add(word)
            factors: dict[str, float] = {}
            tid = self._vocab.get(word)
            if tid is not None and self._postings[tid]:
                factors[word] = 1.0
            if i == len(tokens) - 1 and len(word) >= 3:
                for term in self._completions(word):
                    factors.setdefault(term, PREFIX_FACTOR)
            if len(word) >= 4 and (tid is None or len(self._postings[tid]) <= RARE):
                for term, typos in self._neighbours(word):
                    factors.setdefault(term, FUZZY_FACTORS[typos])
            if not factors:
                continue
            terms = [(self._vocab[t], f) for t, f in factors.items()]
            # the word weighs what its likeliest reading weighs: itself, else the most
            # frequent of its best completions or neighbours
            likeliest = max(terms, key=lambda tf: (tf[1], len(self._postings[tf[0]])))[0]
            weight = math.log(1 + n / len(self._postings[likeliest]))
            groups.append(
                _Group(
                    word,
                    factors,
                    [(t, f * weight) for t, f in terms],
                    weight,
                    volume=sum(len(self._postings[t]) for t, _ in terms),
                )
            )
        return groups

    def _completions(self, word: str) -> list[str]:
        """The most frequent known words that ``word`` starts."""
        bucket = self._buckets.get(word[:3], ())
        found = [
            t
            for t in map(self._terms.__getitem__, bucket)
            if t.startswith(word) and t != word and self._postings[self._vocab[t]]
        ]
        return nlargest(MAX_PREFIXES, found, key=lambda t: len(self._postings[self._vocab[t]]))

    def _neighbours(self, word: str) -> list[tuple[str, int]]:
        """Known words one typo (two for words of 8+ letters) from ``word``, nearest first."""
        ids = set().union(*(self._buckets.get(key, ()) for key in _bucket_keys(word)))
        choices = [self._terms[t] for t in ids if self._postings[t]]
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=2 if len(word) >= 8 else 1, limit=None)
        found.sort(key=lambda hit: (hit[1], -len(self._postings[self._vocab[hit[0]]])))
        return [(term, int(typos)) for term, typos, _ in found[:MAX_TYPOS]]

    def _speakers_like(self, names: Iterable[str]) -> dict[int, float]:
        """Speaker numbers whose name is like one of ``names``, with how alike (0-100): a
        one-word name against each word of a speaker's name, a longer one against the whole."""
        out: dict[int, float] = {}
        for name in names:
            key = " ".join(words(name.replace("_", " ")))
            hits = self._speaker_cache.get(key)
            if hits is None:
                hits = self._speaker_cache[key] = {}
                one_word = " " not in key
                choices = self._speaker_name_words if one_word else self._speaker_keys
                for _, score, i in process.extract(
                    key,
                    choices,
                    scorer=fuzz.ratio if one_word else fuzz.WRatio,
                    score_cutoff=SPEAKER_CUTOFF,
                    limit=None,
                ):
                    no = self._speaker_of_word[i] if one_word else i
                    hits[no] = max(score, hits.get(no, 0.0))
            for no, score in hits.items():
                out[no] = max(score, out.get(no, 0.0))
        return out

    def _prefilter(self, groups: list[_Group], allowed: bytearray, restrict: set[int] | None) -> list[int]:
        """The candidates to rank: the docs with the most, and rarest, query words."""
        kind = self._kind
        if restrict is not None and len(restrict) <= RERANK:
            return [d for d in restrict if allowed[kind[d]]]
        acc: dict[int, float] = {}
        spent = 0
        deferred: list[_Group] = []
        for group in sorted(groups, key=lambda g: g.volume):
            if acc and spent + group.volume > BUDGET:
                deferred.append(group)
                continue
            spent += group.volume
            get = acc.get
            for tid, weight in group.terms:
                for d in self._postings[tid]:
                    acc[d] = get(d, 0.0) + weight
        keep = [d for d in acc if allowed[kind[d]] and (restrict is None or d in restrict)]
        if deferred:
            keep = nlargest(TOP_M, keep, key=acc.__getitem__)
            for group in deferred:
                for tid, weight in group.terms:
                    posting = self._postings[tid]
                    for d in keep:
                        i = bisect_left(posting, d)
                        if i < len(posting) and posting[i] == d:
                            acc[d] += weight
        return nlargest(RERANK, keep, key=acc.__getitem__)

    def _rank(
        self, candidates: list[int], q: Query, tokens: list[str], groups: list[_Group], limit: int
    ) -> list[Result]:
        """Score candidates on their text; the best ``limit`` as results."""
        texts = self._texts(candidates)
        qnorm = " ".join(tokens)
        phrases = [f" {' '.join(words(p))} " for p in q.phrases]
        total = sum(g.weight for g in groups)
        scored: list[tuple[float, int, int, int]] = []  # (-score, tie rank, doc, tier)
        for d in candidates:
            toks = WORD_RE.findall(texts[d].lower())
            norm = " ".join(toks)
            padded = f" {norm} "
            if any(p not in padded for p in phrases):
                continue
            closeness = len(qnorm) / max(len(norm), len(qnorm))
            if f" {qnorm} " in padded:
                score, tier = EXACT + 10 * closeness, 2
            elif f" {qnorm}" in padded:
                score, tier = PREFIX + 9.9 * closeness, 1
            else:
                present = set(toks)
                present.update(self._speaker_words[self._speaker[d]])
                for tag in self._tags.get(d, ()):
                    present.update(words(tag))
                covered = (
                    sum(g.weight * max((f for t, f in g.factors.items() if t in present), default=0.0) for g in groups)
                    / total
                )
                aligned = fuzz.partial_ratio(qnorm, norm) if len(norm) > len(qnorm) else fuzz.ratio(qnorm, norm)
                fuzzy = (aligned + 100 * covered) / 2
                if fuzzy < MIN_FUZZY:
                    continue
                # near-ties go to quotes and notes (not the passage holding them), then to
                # the text closest in length to the query
                prior = 1.0 if self._kind[d] in _PREFERRED else 0.0
                score, tier = FUZZY * (0.98 * fuzzy + prior + closeness) / 100, 0
            scored.append((-score, _TIE_RANK[KINDS[self._kind[d]]], d, tier))
        scored.sort()
        matched = {t for g in groups for t in g.factors}
        return [
            Result(self._doc(d, texts[d]), round(-neg, 2), _spans(texts[d], tokens, tier, q.phrases, matched))
            for neg, _, d, tier in scored[:limit]
        ]

    def _listing(
        self, allowed: bytearray, restrict: set[int] | None, speaker_scores: dict[int, float], limit: int
    ) -> list[Result]:
        """Results for a query of filters only: best speaker match first, then in index order."""
        if restrict is None:
            found: list[int] = []
            for code in (c for c in range(len(KINDS)) if allowed[c]):
                at, n = self._kind.find(code), 0
                while at >= 0 and n < limit:
                    found.append(at)
                    at, n = self._kind.find(code, at + 1), n + 1
            chosen = [(100.0, d) for d in sorted(found)[:limit]]
        else:
            chosen = sorted(
                ((speaker_scores.get(self._speaker[d], 100.0), d) for d in restrict if allowed[self._kind[d]]),
                key=lambda sd: (-sd[0], sd[1]),
            )[:limit]
        texts = self._texts([d for _, d in chosen])
        return [Result(self._doc(d, texts[d]), score, []) for score, d in chosen]

    # -- texts and docs ------------------------------------------------------------------

    def _texts(self, ids: Iterable[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for d in ids:
            batch = self._batch[d]
            text = self._batch_text(batch)
            end = self._offset[d + 1] if d + 1 < self._batch_end(batch) else len(text)
            out[d] = text[self._offset[d] : end]
        return out

    def _batch_end(self, batch: int) -> int:
        """The doc number after the batch's last doc."""
        return self._batch_start[batch + 1] if batch + 1 < len(self._batch_start) else len(self._kind)

    def _batch_text(self, batch: int) -> str:
        cache = self._texts_cache
        text = cache.get(batch)
        if text is None:
            blob = self._blobs[batch]
            assert blob is not None, "a live doc's batch is never freed"
            text = cache[batch] = zlib.decompress(blob).decode("utf-8", "surrogatepass")
            if len(cache) > _BLOB_CACHE:
                cache.popitem(last=False)
        else:
            cache.move_to_end(batch)
        return text

    def _doc(self, d: int, text: str) -> Doc:
        speaker = self._speaker[d]
        return Doc(
            KINDS[self._kind[d]],
            self._article_ids[self._batch_article[self._batch[d]]],
            text,
            self._start[d],
            self._end[d],
            self._speakers[speaker] if speaker else None,
            self._tags.get(d, ()),
            self._refs.get(d),
        )


def _bucket_keys(word: str) -> tuple[str, ...]:
    """Keys under which a word is found by its start (completions) and by words a typo away:
    a typo leaves the first three letters, the last three, or the first and last alone."""
    return (word[:3], "<" + word[-3:], word[0] + ">" + word[-1])


def _spans(text: str, tokens: list[str], tier: int, phrases: Iterable[str], matched: set[str]) -> list[tuple[int, int]]:
    """Where a result's text matched: the query phrase, quoted phrases and matching words."""
    folded = fold(text)
    patterns = [phrase_pattern(words(p)) for p in phrases]
    if tier:
        patterns.append(phrase_pattern(tokens, prefix=tier == 1))
    spans = [m.span() for p in patterns for m in p.finditer(folded)]
    spans.extend(m.span() for m in WORD_RE.finditer(folded) if m.group() in matched)
    return merge_spans(spans, text)
