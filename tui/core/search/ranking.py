"""Ranking candidates on their text: exact phrase matches first, then phrase matches whose
last word is still being typed, then fuzzy matches by how well the query aligns with the
text and how many of its words the text has; and listings for queries of filters only.
Ties go by article and place in it, never by doc number, so an index caught up by changes
answers like one built afresh."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from tui.core.search.candidates import Group
from tui.core.search.columns import CODES, DocTable
from tui.core.search.docs import KINDS, NOTE, QUOTE, REPORTED, Doc
from tui.core.search.query import Query
from tui.core.search.text import WORD_RE, fold, merge_spans, phrase_pattern, words

MIN_FUZZY = 50
"""Fuzzy matches scoring below this (0-100, before scaling) are not results."""
EXACT, PREFIX, FUZZY = 90.0, 80.0, 80.0
"""Score bands: exact phrase 90-100, phrase with a word being typed 80-90, fuzzy 0-80."""

_PREFERRED = frozenset({CODES[QUOTE], CODES[NOTE]})
_TIE_RANK = {NOTE: 0, QUOTE: 1, REPORTED: 2, "article": 3, "person": 4, "passage": 5}


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


def rank(
    docs: DocTable, candidates: list[int], q: Query, tokens: list[str], found: list[Group], limit: int
) -> list[Result]:
    """Score candidates on their text; the best ``limit`` as results."""
    texts = docs.texts(candidates)
    qnorm = " ".join(tokens)
    phrases = [f" {' '.join(words(p))} " for p in q.phrases]
    total = sum(g.weight for g in found)
    scored: list[tuple[float, int, tuple[str, int, int], int, int]] = []  # (-score, tie rank, place, doc, tier)
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
            present.update(docs.speaker_words[docs.speaker[d]])
            for tag in docs.tags.get(d, ()):
                present.update(words(tag))
            covered = (
                sum(g.weight * max((f for t, f in g.factors.items() if t in present), default=0.0) for g in found)
                / total
            )
            aligned = fuzz.partial_ratio(qnorm, norm) if len(norm) > len(qnorm) else fuzz.ratio(qnorm, norm)
            fuzzy = (aligned + 100 * covered) / 2
            if fuzzy < MIN_FUZZY:
                continue
            # near-ties go to quotes and notes (not the passage holding them), then to the
            # text closest in length to the query
            prior = 1.0 if docs.kind[d] in _PREFERRED else 0.0
            score, tier = FUZZY * (0.98 * fuzzy + prior + closeness) / 100, 0
        scored.append((-score, _TIE_RANK[KINDS[docs.kind[d]]], docs.place(d), d, tier))
    scored.sort()
    matched = {t for g in found for t in g.factors}
    return [
        Result(docs.doc(d, texts[d]), round(-neg, 2), spans(texts[d], tokens, tier, q.phrases, matched))
        for neg, _, _, d, tier in scored[:limit]
    ]


def listing(
    docs: DocTable, allowed: bytearray, restrict: set[int] | None, speaker_scores: dict[int, float], limit: int
) -> list[Result]:
    """Results for a query of filters only: best speaker match first, then by article and
    place (of kinds alone: the first docs in index order)."""
    if restrict is None:
        found: list[int] = []
        for code in (c for c in range(len(KINDS)) if allowed[c]):
            at, n = docs.kind.find(code), 0
            while at >= 0 and n < limit:
                found.append(at)
                at, n = docs.kind.find(code, at + 1), n + 1
        chosen = [(100.0, d) for d in sorted(found)[:limit]]
    else:
        chosen = sorted(
            ((speaker_scores.get(docs.speaker[d], 100.0), d) for d in restrict if allowed[docs.kind[d]]),
            key=lambda sd: (-sd[0], docs.place(sd[1])),
        )[:limit]
    texts = docs.texts([d for _, d in chosen])
    return [Result(docs.doc(d, texts[d]), score, []) for score, d in chosen]


def spans(text: str, tokens: list[str], tier: int, phrases: Iterable[str], matched: set[str]) -> list[tuple[int, int]]:
    """Where a result's text matched: the query phrase, quoted phrases and matching words."""
    folded = fold(text)
    patterns = [phrase_pattern(words(p)) for p in phrases]
    if tier:
        patterns.append(phrase_pattern(tokens, prefix=tier == 1))
    found = [m.span() for p in patterns for m in p.finditer(folded)]
    found.extend(m.span() for m in WORD_RE.finditer(folded) if m.group() in matched)
    return merge_spans(found, text)
