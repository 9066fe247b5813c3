"""Candidate generation: the words of a query, the indexed words that stand for each, and
the few hundred docs with the most, and rarest, of them.

Each query word stands for itself, for longer words it starts (the last word, being
typed) and, when it is unknown or very rare (in a big library typos are known words too),
for known words a typo or two away. Postings are walked rarest word first within a budget;
words beyond it only re-score the best candidates so far.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from heapq import nlargest

from tui.core.search.columns import DocTable
from tui.core.search.terms import Vocabulary
from tui.core.search.text import is_term

RERANK = 200
"""How many candidates are ranked on their text."""
BUDGET = 40_000
"""Postings walked in full per query; rarer words first, the rest only re-score the best."""
TOP_M = 1_000
"""How many leading candidates words beyond the budget re-score."""
PREFIX_FACTOR, FUZZY_FACTORS = 0.8, (1.0, 0.8, 0.6)
"""What a word's completion, or a known word 1 or 2 typos away, counts for against the word."""
RARE = 3
"""A query word found in at most this many docs may be a typo too: its neighbours count."""


@dataclass(slots=True)
class Group:
    """One query word: the indexed terms that stand for it, with what each counts for."""

    word: str
    factors: dict[str, float]  # term -> 1 exact, less for a completion or a typo neighbour
    terms: list[tuple[int, float]]  # (term id, prefilter weight)
    weight: float  # the word's importance (idf)
    volume: int  # postings to walk


def groups(vocab: Vocabulary, live: int, tokens: list[str]) -> list[Group]:
    """The query words worth looking up, each with the terms that stand for it."""
    n = max(live, 1)
    found: list[Group] = []
    seen: set[str] = set()
    for i, word in enumerate(tokens):
        if word in seen or not is_term(word):
            continue
        seen.add(word)
        factors: dict[str, float] = {}
        tid = vocab.id(word)
        if tid is not None and vocab.df(tid):
            factors[word] = 1.0
        if i == len(tokens) - 1 and len(word) >= 3:
            for term in vocab.completions(word):
                factors.setdefault(term, PREFIX_FACTOR)
        if len(word) >= 4 and (tid is None or vocab.df(tid) <= RARE):
            for term, typos in vocab.neighbours(word):
                factors.setdefault(term, FUZZY_FACTORS[typos])
        if not factors:
            continue
        terms = [(_known(vocab, t), f) for t, f in factors.items()]
        # the word weighs what its likeliest reading weighs: itself, else the most frequent
        # of its best completions or neighbours
        likeliest = max(terms, key=lambda tf: (tf[1], vocab.df(tf[0])))[0]
        weight = math.log(1 + n / vocab.df(likeliest))
        found.append(
            Group(word, factors, [(t, f * weight) for t, f in terms], weight, sum(vocab.df(t) for t, _ in terms))
        )
    return found


def _known(vocab: Vocabulary, term: str) -> int:
    tid = vocab.id(term)
    assert tid is not None, "a group's terms are known words"
    return tid


def prefilter(
    docs: DocTable, vocab: Vocabulary, found: list[Group], allowed: bytearray, restrict: set[int] | None
) -> list[int]:
    """The candidates to rank: the docs with the most, and rarest, query words."""
    kind = docs.kind
    if restrict is not None and len(restrict) <= RERANK:
        return [d for d in restrict if allowed[kind[d]]]
    acc: dict[int, float] = {}
    spent = 0
    deferred: list[Group] = []
    for group in sorted(found, key=lambda g: g.volume):
        if acc and spent + group.volume > BUDGET:
            deferred.append(group)
            continue
        spent += group.volume
        get = acc.get
        for tid, weight in group.terms:
            for part in vocab.parts(tid):
                for d in part:
                    acc[d] = get(d, 0.0) + weight
    keep = [d for d in acc if allowed[kind[d]] and (restrict is None or d in restrict)]
    if deferred:
        keep = nlargest(TOP_M, keep, key=acc.__getitem__)
        for group in deferred:
            for tid, weight in group.terms:
                parts = vocab.parts(tid)
                for d in keep:
                    if any(_holds(part, d) for part in parts):
                        acc[d] += weight
    return nlargest(RERANK, keep, key=acc.__getitem__)


def _holds(posting: Sequence[int], d: int) -> bool:
    """Whether a sorted posting holds ``d``."""
    i = bisect_left(posting, d)
    return i < len(posting) and posting[i] == d
