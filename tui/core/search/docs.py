"""What the search index holds: :class:`Doc`, and builders from articles, extractions and
annotations. Builders are duck-typed so the core modules they read stay independent."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from tui.core.extract.model import SPEECH, Extraction, Quote
from tui.core.search.text import within

ARTICLE, PASSAGE, QUOTE, PERSON, NOTE = "article", "passage", "quote", "person", "note"
REPORTED = "reported"
"""A reported claim: what someone is reported to have said, without quote marks."""
KINDS: tuple[str, ...] = (ARTICLE, PASSAGE, QUOTE, PERSON, NOTE, REPORTED)

MAX_PASSAGE = 600
"""A paragraph longer than this many characters is indexed as windows of whole sentences."""
WINDOW = 300
"""About how many characters a sentence window of a long paragraph holds."""

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201f "
ELISION = " \u2026 "
"""What stands between the pieces of an interrupted quote in its doc text."""


@dataclass(frozen=True, slots=True)
class Doc:
    """One searchable thing: an article title, a passage, a quote, a person or a note.

    ``start``/``end`` is the span of the article body it points to (0, 0 for a title);
    ``ref`` identifies its source when that can change on its own (an annotation's id).
    """

    kind: str
    article_id: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    tags: tuple[str, ...] = ()
    ref: Hashable | None = None


def docs_for_article(article: Any, extraction: Extraction) -> list[Doc]:
    """The title, passages, quotes (speech only), reported claims and people of one article."""
    aid, body = article.id, article.body
    docs = [Doc(ARTICLE, aid, article.title, 0, 0)] if article.title.strip() else []
    for block in _blocks(article):
        if block.kind in ("paragraph", "heading"):
            docs.extend(Doc(PASSAGE, aid, body[s:e], s, e) for s, e in passage_spans(body, block.start, block.end))
    docs.extend(
        Doc(QUOTE, aid, quote_text(body, q), q.start, q.end, speaker=q.speaker)
        for q in extraction.quotes
        if q.kind == SPEECH
    )
    docs.extend(Doc(REPORTED, aid, r.text, r.start, r.end, speaker=r.speaker) for r in extraction.reported)
    docs.extend(_people(aid, extraction))
    return docs


def docs_for_annotation(annotation: Any) -> Doc:
    """A note doc: the note's text, then the highlighted text; tags and speaker kept.

    Reads ``exact``/``start``/``end`` from the annotation or from its ``selector``.
    """
    where = getattr(annotation, "selector", annotation)
    note = (annotation.note or "").strip()
    text = f"{note}\n{where.exact}" if note else where.exact
    return Doc(
        NOTE,
        annotation.article_id,
        text,
        where.start,
        where.end,
        speaker=getattr(annotation, "speaker", None),
        tags=tuple(annotation.tags),
        ref=annotation.id,
    )


def passage_spans(body: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``body[start:end]`` as one span, or, when longer than :data:`MAX_PASSAGE`, as windows
    of consecutive sentences of about :data:`WINDOW` characters."""
    if end - start <= MAX_PASSAGE:
        yield start, end
        return
    window = start
    for m in _SENTENCE_END.finditer(body, start, end):
        stop = m.start() + len(m.group().rstrip())
        if stop - window >= WINDOW and end - m.end() >= WINDOW // 2:
            yield window, stop
            window = m.end()
    yield window, end


def quote_text(body: str, quote: Quote) -> str:
    """The quoted words only: each piece without its quote marks, pieces joined by an elision
    (so ``"A," she said. "B."`` reads ``A, … B.``)."""
    pieces = [body[s:e].strip(_QUOTE_MARKS) for s, e in quote.spans] or [quote.text.strip(_QUOTE_MARKS)]
    return ELISION.join(p for p in pieces if p)


def _people(article_id: str, extraction: Extraction) -> list[Doc]:
    """One doc per person named in the article: the canonical name, the other forms it takes
    there and its roles, pointing at the first mention."""
    first: dict[str, tuple[int, int]] = {}
    extra: dict[str, dict[str, None]] = {}
    for p in extraction.people:
        first.setdefault(p.name, (p.start, p.end))
        forms = extra.setdefault(p.name, {})
        if p.text.lower() not in p.name.lower():
            forms[p.text] = None
        forms.update(dict.fromkeys(p.roles))
    return [Doc(PERSON, article_id, " \u00b7 ".join([name, *extra[name]]), s, e) for name, (s, e) in first.items()]


def _blocks(article: Any) -> tuple[Any, ...]:
    """The article's blocks, parsed without caching them on it: indexing visits every article,
    and cached blocks cost several times the body (about 35 MB per 10 MB of text)."""
    cached = getattr(article, "__dict__", {}).get("blocks")
    if cached is not None:
        return tuple(cached)
    prop = getattr(type(article), "blocks", None)
    return tuple(prop.func(article) if isinstance(prop, cached_property) else article.blocks)


def body_matches(body: str, doc: Doc, spans: Sequence[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Where a hit lies in the article body: a passage's matched words (``spans`` of its text),
    a quote's words matching ``text``, else the doc's whole span (a checked quote's original,
    a note's annotated text, a person's first mention); nothing for a title."""
    if doc.kind == PASSAGE and spans:
        return [(doc.start + s, doc.start + e) for s, e in spans]
    if doc.kind in (QUOTE, REPORTED) and text:
        found = within(body[doc.start : doc.end], text)
        if found:
            return [(doc.start + s, doc.start + e) for s, e in found]
    return [(doc.start, doc.end)] if doc.end > doc.start else []
