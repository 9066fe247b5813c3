"""Annotations placed on the library's articles as they are now (re-anchored, orphans kept)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui.core.extract import Extraction
from tui.core.extract.model import SPEECH
from tui.core.library.article import Article
from tui.core.library.library import Library
from tui.core.notes.anchoring import ORPHAN, Anchor, reanchor
from tui.core.notes.annotations import Annotation, make_annotation
from tui.core.notes.store import AnnotationStore


@dataclass(frozen=True, slots=True)
class Placed:
    """An annotation and where it lies in its article today (an orphan when not found)."""

    annotation: Annotation
    anchor: Anchor
    article: Article | None

    @property
    def orphan(self) -> bool:
        """True when the annotated text can no longer be found (or the article is gone)."""
        return not self.anchor.found


class Notebook:
    """The annotation store seen through the library: re-anchoring is cached per version."""

    def __init__(self, store: AnnotationStore, library: Library) -> None:
        self.store = store
        self.library = library
        self._anchors: dict[tuple[str, str, str], Anchor] = {}

    def place(self, annotation: Annotation) -> Placed:
        """Where the annotation lies in its article's current body."""
        article = self.library.get(annotation.article_id)
        if article is None:
            return Placed(annotation, ORPHAN, None)
        key = (annotation.id, annotation.updated, article.content_hash)
        anchor = self._anchors.get(key)
        if anchor is None:
            anchor = reanchor(annotation, article.body)
            self._anchors[key] = anchor
        return Placed(annotation, anchor, article)

    def for_article(self, article_id: str) -> list[Placed]:
        """The article's annotations, placed, in body order (orphans last)."""
        placed = [self.place(a) for a in self.store.for_article(article_id)]
        return sorted(placed, key=lambda p: (p.orphan, p.anchor.start, p.anchor.end))

    def all(self) -> list[Placed]:
        """Every annotation, placed."""
        return [self.place(a) for a in self.store.all()]

    def annotate(self, article: Article, start: int, end: int, **fields: object) -> Annotation:
        """Create and durably store an annotation on ``article.body[start:end]``."""
        annotation = make_annotation(article.id, article.body, start, end, article.content_hash, **fields)  # type: ignore[arg-type]
        return self.store.add(annotation)


def annotation_kind(extraction: Extraction, start: int, end: int) -> dict[str, Any]:
    """The fields an annotation of ``[start, end)`` takes from what extraction found there:
    ``kind`` quote with its speaker when the span lies inside a speech quote, else none."""
    for quote in extraction.quotes:
        if quote.kind == SPEECH and quote.start <= start and end <= quote.end:
            return {"kind": "quote", "speaker": quote.speaker}
    return {}
