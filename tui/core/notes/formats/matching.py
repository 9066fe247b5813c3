"""Annotations made elsewhere, placed on the library's articles: the article is the one
whose URL (or file) names the same page, the span is where its quote is found with the
anchoring Byline's own notes use. What has no article or no place there is left out,
named with its URI and the reason."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from tui.core.library.article import Article
from tui.core.library.library import Library
from tui.core.notes.anchoring import find_quote, locate
from tui.core.notes.annotations import CONTEXT_CHARS, Annotation, TextSelector, make_annotation, parse_utc, utc_iso
from tui.core.notes.formats.parsed import Foreign
from tui.core.notes.formats.urls import article_uri, page_key
from tui.core.notes.notebook import annotation_kind
from tui.core.text import one_line

ID_NAMESPACE = uuid.UUID("6f0d8a4e-5b1c-4c33-9f39-2f8c1d6b7a10")
"""Byline ids of imported annotations are uuid5 of their own id in this namespace."""


@dataclass(frozen=True, slots=True)
class LeftOut:
    """An annotation that was not imported: the page it was made on, and why."""

    uri: str
    reason: str


class ArticleIndex:
    """The library's articles by page: each under its URL and its file's URI."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self._by_page: dict[str, list[Article]] = {}
        for article in articles:
            keys = {page_key(article_uri(article)), page_key(article.path.absolute().as_uri())}
            for key in keys:
                self._by_page.setdefault(key, []).append(article)

    def find(self, uris: Iterable[str]) -> list[Article]:
        """The articles any of ``uris`` names, in the order the URIs come."""
        found: dict[str, Article] = {}
        for uri in uris:
            for article in self._by_page.get(page_key(uri), ()):
                found.setdefault(article.id, article)
        return list(found.values())


def place_all(foreign: Sequence[Foreign], library: Library) -> tuple[list[Annotation], list[LeftOut]]:
    """Each foreign annotation placed on its article, or left out with the reason."""
    index = ArticleIndex(library.articles)
    placed: list[Annotation] = []
    left_out: list[LeftOut] = []
    for item in foreign:
        result = place(item, index.find((item.uri, *item.sources)), library)
        if isinstance(result, LeftOut):
            left_out.append(result)
        else:
            placed.append(result)
    return placed, left_out


def place(item: Foreign, candidates: Sequence[Article], library: Library) -> Annotation | LeftOut:
    """``item`` as a Byline annotation on the first candidate article its quote is found
    in, or why it cannot be."""
    if not item.exact.strip():
        return LeftOut(item.uri, "no quoted text to anchor (a note on the whole page, or a reply)")
    if not candidates:
        return LeftOut(item.uri, "no article in the library has this URL")
    for article in candidates:
        span = anchor_quote(item, article.body)
        if span is not None:
            return _annotation(item, article, *span, library)
    clipped = one_line(item.exact)
    clipped = clipped if len(clipped) <= 60 else clipped[:59] + "…"
    return LeftOut(item.uri, f"its quote {clipped!r} is not in {one_line(candidates[0].title)!r}")


def anchor_quote(item: Foreign, body: str) -> tuple[int, int] | None:
    """Where ``item``'s quote is in ``body``: found as Byline re-anchors its own notes (the
    exact text whose context fits best, else fuzzily), else as a person's typed quote
    (ignoring case, quote styles and spacing). None if it is not there."""
    # The other tool counted in its own text of the page: a hint, kept inside this body.
    start = min(max(item.start or 0, 0), max(len(body) - len(item.exact), 0))
    selector = TextSelector(
        exact=item.exact,
        prefix=item.prefix[-CONTEXT_CHARS:],
        suffix=item.suffix[:CONTEXT_CHARS],
        start=start,
        end=start + len(item.exact),
    )
    anchor = locate(selector, body)
    return (anchor.start, anchor.end) if anchor.found else find_quote(body, item.exact)


def stable_id(key: str) -> str:
    """The Byline id of an annotation another tool calls ``key``: the same on every import."""
    return uuid.uuid5(ID_NAMESPACE, key).hex


def _annotation(item: Foreign, article: Article, start: int, end: int, library: Library) -> Annotation:
    """A Byline annotation of ``article.body[start:end]`` with ``item``'s note, tags and times;
    a quote's kind and speaker come from what extraction found there."""
    fields = annotation_kind(library.extraction(article.id), start, end) or (
        {"kind": "note"} if item.note.strip() else {}
    )
    made = make_annotation(
        article.id, article.body, start, end, article.content_hash, note=item.note, tags=item.tags, **fields
    )
    created = _time(item.created) or made.created
    return replace(
        made,
        id=stable_id(item.key) if item.key else made.id,
        created=created,
        updated=_time(item.updated) or created,
    )


def _time(text: str | None) -> str | None:
    """An ISO time as Byline writes them, or None when absent or unparsable."""
    moment = parse_utc(text) if text else None
    return utc_iso(moment) if moment else None
