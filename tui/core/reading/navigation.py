"""Where the reader's cursor can go: words, sentences, paragraphs, quotes, reported claims
and people of an article."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from tui.core.extract import Extraction
from tui.core.library.article import Article
from tui.core.text import sentence_spans

WORD = "word"
SENTENCE = "sentence"
PARAGRAPH = "paragraph"
QUOTE = "quote"
CLAIM = "claim"
"""A reported claim: what someone is reported to have said, without quote marks."""
PERSON = "person"

_WORD = re.compile(r"\w[\w'’-]*")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the body the cursor can rest on; ``label`` names a speaker or person."""

    start: int
    end: int
    kind: str
    label: str = ""


@dataclass
class Targets:
    """The spans of one kind each, sorted by start, with stepping between them."""

    spans: dict[str, list[Span]] = field(default_factory=dict)

    @classmethod
    def of(cls, article: Article, extraction: Extraction) -> Targets:
        """Cursor targets for an article and what extraction found in it."""
        paragraphs = [Span(b.start, b.end, PARAGRAPH) for b in article.blocks if b.kind != "rule"]
        sentences = [Span(s, e, SENTENCE) for p in paragraphs for s, e in sentence_spans(article.body, p.start, p.end)]
        quotes = [Span(q.start, q.end, QUOTE, q.speaker or "") for q in extraction.quotes]
        claims = [Span(r.start, r.end, CLAIM, r.speaker or "") for r in extraction.reported]
        people = [Span(m.start, m.end, PERSON, m.name) for m in extraction.people]
        words = [
            Span(m.start(), m.end(), WORD) for p in paragraphs for m in _WORD.finditer(article.body, p.start, p.end)
        ]
        return cls(
            {
                WORD: words,
                SENTENCE: sentences,
                PARAGRAPH: paragraphs,
                QUOTE: sorted(quotes, key=lambda s: s.start),
                CLAIM: sorted(claims, key=lambda s: s.start),
                PERSON: sorted(people, key=lambda s: s.start),
            }
        )

    def step(self, kind: str, position: int, direction: int) -> Span | None:
        """The next (``direction`` 1) or previous (-1) span of ``kind`` from ``position``."""
        spans = self.spans.get(kind, [])
        starts = [s.start for s in spans]
        if direction > 0:
            index = bisect_right(starts, position)
            return spans[index] if index < len(spans) else None
        index = bisect_left(starts, position) - 1
        return spans[index] if index >= 0 else None

    def at(self, kind: str, position: int) -> Span | None:
        """The span of ``kind`` that contains ``position``, if any."""
        spans = self.spans.get(kind, [])
        index = bisect_right([s.start for s in spans], position) - 1
        if index >= 0 and spans[index].start <= position < spans[index].end:
            return spans[index]
        return None

    def index(self, span: Span) -> int:
        """The span's 1-based position among those of its kind (0 when absent)."""
        spans = self.spans.get(span.kind, [])
        return spans.index(span) + 1 if span in spans else 0
