"""Docs built from articles, extractions and annotations."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import SEED_FILE, SEEDS
from tui.core.extract import extract
from tui.core.extract.model import Extraction, PersonMention, Quote
from tui.core.library.article import Article
from tui.core.library.loader import load_file
from tui.core.notes.annotations import make_annotation
from tui.core.search import SearchIndex, docs_for_annotation, docs_for_article
from tui.core.search.docs import MAX_PASSAGE, WINDOW, passage_spans, quote_text

TRUMP = (
    SEEDS
    / "wikinews"
    / ("2019-01-07-president-trump-says-he-can-and-may-put-us-into-state-of-emergency-to-build-bord.md")
)


def load(path: Path) -> Article:
    article, problems = load_file(path)
    assert article is not None, problems
    return article


def test_an_article_gives_its_title_passages_quotes_and_people() -> None:
    article = load(TRUMP)
    docs = docs_for_article(article, extract(article.body))
    assert "blocks" not in vars(article)  # indexing does not keep every article's parse
    kinds = [d.kind for d in docs]
    assert docs[0].kind == "article" and docs[0].text == article.title and (docs[0].start, docs[0].end) == (0, 0)
    passages = [d for d in docs if d.kind == "passage"]
    assert len(passages) == len(article.blocks)
    assert all(article.body[d.start : d.end] == d.text for d in passages)
    quote = next(d for d in docs if d.kind == "quote" and d.text.startswith("I never threaten"))
    assert quote.text == "I never threaten anybody." and quote.speaker == "Donald Trump"
    assert quote.text in article.body[quote.start : quote.end]
    people = {d.text.split(" \u00b7 ")[0]: d for d in docs if d.kind == "person"}
    assert "Nancy Pelosi" in people and people["Dick Durbin"].text == "Dick Durbin \u00b7 Senate Minority Whip"
    assert kinds.count("person") == len(people)


def test_a_long_paragraph_becomes_sentence_windows() -> None:
    sentence = "The committee met again on Tuesday to discuss the harbour budget in detail. "
    body = sentence * 20
    spans = list(passage_spans(body, 0, len(body) - 1))
    assert len(body) > MAX_PASSAGE and len(spans) > 1
    assert spans[0][0] == 0 and spans[-1][1] == len(body) - 1
    for (s, e), (next_start, _) in itertools.pairwise(spans):
        assert body[e - 1] == "." and body[next_start] == "T" and e <= next_start
        assert e - s >= WINDOW
    assert list(passage_spans(body, 0, 100)) == [(0, 100)]


def test_an_interrupted_quote_reads_without_marks_or_attribution() -> None:
    body = '"We will build it," she said. "And we will pay for it."'
    quote = Quote(0, len(body), body, spans=((0, 19), (30, len(body))))
    assert quote_text(body, quote) == "We will build it, \u2026 And we will pay for it."


def test_only_speech_quotes_become_docs_and_people_merge_forms() -> None:
    body = 'Mark Rutte said "no consensus" exists. The "so-called" plan failed, Rutte said.'
    extraction = Extraction(
        quotes=[
            Quote(16, 30, '"no consensus"', speaker="Mark Rutte", spans=((16, 30),)),
            Quote(43, 55, '"so-called"', kind="scare", spans=((43, 55),)),
        ],
        people=[
            PersonMention(0, 10, "Mark Rutte", "Mark Rutte", ("NATO chief",)),
            PersonMention(69, 74, "Rutte", "Mark Rutte"),
            PersonMention(75, 80, "RUTTE", "Mark Rutte"),
        ],
    )
    article = Article(id="x", path=Path("x.md"), title="", body=body)
    docs = docs_for_article(article, extraction)
    assert [(d.kind, d.text) for d in docs if d.kind != "passage"] == [
        ("quote", "no consensus"),
        ("person", "Mark Rutte \u00b7 NATO chief"),
    ]


def test_an_annotation_becomes_a_note_doc() -> None:
    article = load(SEED_FILE)
    start = article.body.index("consensus")
    annotation = make_annotation(
        article.id,
        article.body,
        start,
        start + 9,
        article.content_hash,
        kind="note",
        note="Rutte admits it",
        tags=["nato", "ukraine"],
    )
    doc = docs_for_annotation(annotation)
    assert (doc.kind, doc.article_id, doc.start, doc.end) == ("note", article.id, start, start + 9)
    assert doc.text == "Rutte admits it\nconsensus" and doc.tags == ("nato", "ukraine") and doc.ref == annotation.id
    index = SearchIndex()
    index.add([doc])
    assert index.search("#ukraine rutte")[0].doc == doc


def test_a_duck_typed_annotation_with_flat_fields() -> None:
    @dataclass
    class Flat:
        id: str = "n1"
        article_id: str = "a"
        exact: str = "the harbour"
        start: int = 4
        end: int = 15
        note: str = ""
        tags: tuple[str, ...] = ()
        kind: str = "highlight"

    doc = docs_for_annotation(Flat())
    assert (doc.text, doc.start, doc.end, doc.ref, doc.speaker) == ("the harbour", 4, 15, "n1", None)
