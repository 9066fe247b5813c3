"""Cursor targets: sentences, paragraphs, quotes and people, and stepping between them."""

from __future__ import annotations

from pathlib import Path

from tui.core.library.article import Article
from tui.core.library.library import analyse
from tui.core.reading.navigation import PARAGRAPH, PERSON, QUOTE, SENTENCE, Targets
from tui.core.text import sentence_spans


def targets_for(body: str) -> tuple[Article, Targets]:
    article = Article(id="t", path=Path("t.md"), title="T", body=body)
    entry = analyse(article)
    return article, Targets.of(article, entry.extraction)


def test_sentences_skip_abbreviations_and_end_at_paragraphs() -> None:
    text = 'U.S. officials met Mr. Smith on Monday. Then they left! "Why?" he asked\n\nNew one. Last'
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "U.S. officials met Mr. Smith on Monday.",
        "Then they left!",
        '"Why?" he asked',
        "New one.",
        "Last",
    ]


def test_step_forward_and_back_through_each_kind() -> None:
    body = '"We will win," said Jane Doe, the mayor. She smiled.\n\nLater John Roe spoke. "No," Roe said.'
    _article, targets = targets_for(body)
    quote = targets.step(QUOTE, -1, 1)
    assert quote is not None and body[quote.start : quote.end] == '"We will win,"'
    assert quote.label == "Jane Doe"
    second = targets.step(QUOTE, quote.start, 1)
    assert second is not None and second.label == "John Roe"
    assert targets.step(QUOTE, second.start, 1) is None
    assert targets.step(QUOTE, second.start, -1) == quote
    person = targets.step(PERSON, quote.end, 1)
    assert person is not None and body[person.start : person.end] == "Jane Doe"
    assert [body[s.start : s.end] for s in targets.spans[PARAGRAPH]] == body.split("\n\n")
    assert len(targets.spans[SENTENCE]) == 4


def test_at_finds_the_span_holding_an_offset() -> None:
    body = 'He said "yes" to Mary Major.'
    _, targets = targets_for(body)
    inside = body.index("yes")
    span = targets.at(QUOTE, inside)
    assert span is not None and body[span.start : span.end] == '"yes"'
    assert targets.at(QUOTE, 0) is None
    assert targets.index(span) == 1
