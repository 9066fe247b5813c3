"""Annotations for the notes tests: one of a place in an article, and a Hypothesis strategy
for annotations as Byline makes them (any text a body or a note can hold after the border:
no control characters but newline and tab; any kind and colour)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from tui.core.library.article import Article
from tui.core.notes.annotations import COLOURS, KINDS, Annotation, TextSelector, make_annotation

clean_chars = st.characters(codec="utf-8", exclude_categories=("Cc",)) | st.sampled_from("\n\t")
text_st = st.text(alphabet=clean_chars, max_size=40)


@st.composite
def annotations(draw: st.DrawFn) -> Annotation:
    """An annotation with arbitrary clean text in every field."""
    exact = draw(st.text(alphabet=clean_chars, min_size=1, max_size=30))
    start = draw(st.integers(0, 10_000))
    return Annotation(
        article_id=draw(text_st),
        content_hash=draw(text_st),
        selector=TextSelector(
            exact=exact, prefix=draw(text_st), suffix=draw(text_st), start=start, end=start + len(exact)
        ),
        kind=draw(st.sampled_from(KINDS)),
        colour=draw(st.sampled_from(COLOURS)),
        note=draw(st.text(alphabet=clean_chars, max_size=200)),
        tags=tuple(draw(st.lists(text_st, max_size=4))),
        speaker=draw(st.none() | text_st),
    )


def mark(article: Article, text: str, **fields: Any) -> Annotation:
    """An annotation of the first place ``article``'s body reads ``text``."""
    start = article.body.index(text)
    return make_annotation(article.id, article.body, start, start + len(text), article.content_hash, **fields)


RUTTE = "In practice, accession requires the consensus of all allies,"
"""A speech quote of Mark Rutte that the example articles hold."""


def rutte_quote(article: Article, **fields: Any) -> Annotation:
    """The Rutte quote of ``article`` annotated as a quote with its speaker, and ``fields``."""
    return mark(article, RUTTE, kind="quote", speaker="Mark Rutte", **fields)
