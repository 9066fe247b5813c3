"""The search index: ranking, query operators, incremental add and remove."""

from __future__ import annotations

import pytest

from tui.core.search import Doc, SearchIndex, parse_query
from tui.core.search import index as index_module

QUOTES = [
    ("a1", "We will not rest until every family in this state has clean drinking water.", "Mark Rutte"),
    ("a1", "Consensus is not a weakness, it is how a small country gets big things done.", "Mark Rutte"),
    ("a2", "The harbour expansion will bring four thousand jobs to the northern provinces.", "Ada Lovelace"),
    ("a2", "Nobody voted for a budget that cuts school lunches while the deficit keeps growing.", "Grace Hopper"),
    ("a3", "Our farmers deserve a fair price for their milk and a government that listens.", "Grace Hopper"),
    ("a3", "Building consensus takes patience, and patience is in short supply this winter.", "Alan Turing"),
]


def quote_docs() -> list[Doc]:
    return [
        Doc("quote", aid, text, i * 100, i * 100 + len(text), speaker=who) for i, (aid, text, who) in enumerate(QUOTES)
    ]


@pytest.fixture
def index() -> SearchIndex:
    ix = SearchIndex()
    ix.add(quote_docs())
    ix.add(
        [
            Doc("article", "a1", "Water plan for every family", 0, 0),
            Doc("article", "a2", "Harbour budget row deepens", 0, 0),
            Doc("passage", "a2", "The budgetary rules were written in 1992 and never revised.", 10, 70),
            Doc("passage", "a3", "A late budgte was blamed on the printers.", 5, 46),
            Doc("person", "a1", "Mark Rutte \u00b7 prime minister", 30, 40),
            Doc(
                "note",
                "a3",
                "check the milk price figures\nfair price for their milk",
                400,
                425,
                tags=("farming", "Fact check"),
                ref="ann-1",
            ),
        ]
    )
    return ix


def texts(results) -> list[str]:
    return [r.doc.text for r in results]


def test_exact_beats_prefix_beats_fuzzy(index: SearchIndex) -> None:
    results = index.search("budget")
    ranked = [(r.doc.text, r.score) for r in results]
    order = [text for text, _ in ranked]
    exact = order.index("Harbour budget row deepens")
    prefix = order.index("The budgetary rules were written in 1992 and never revised.")
    fuzzy = order.index("A late budgte was blamed on the printers.")
    assert exact < prefix < fuzzy
    assert ranked[exact][1] >= 90 > ranked[prefix][1] >= 80 > ranked[fuzzy][1]


def test_the_word_being_typed_matches_as_a_prefix(index: SearchIndex) -> None:
    top = index.search("harbour expan")[0]
    assert top.doc.text.startswith("The harbour expansion")
    assert top.doc.text[slice(*top.match_spans[0])].lower() == "harbour expansion"


def test_a_misquote_finds_its_original(index: SearchIndex) -> None:
    top = index.search("consensus is no weakness, it's how small countries get big things done")[0]
    assert top.doc.text.startswith("Consensus is not a weakness")


@pytest.mark.parametrize(
    "query",
    [
        "jobs thousand four harbour expansion",  # word order
        "harbour expansion will bring thousand jobs",  # a missing word
        "harbor expnasion will bring four thousnd jobs",  # typos
    ],
)
def test_forgiving_queries_find_the_quote(index: SearchIndex, query: str) -> None:
    assert texts(index.search(query))[0].startswith("The harbour expansion will bring")


def test_results_know_kind_article_span_and_matches(index: SearchIndex) -> None:
    top = index.search("clean drinking water")[0]
    assert (top.kind, top.article_id, top.span) == ("quote", "a1", (0, len(QUOTES[0][1])))
    assert 0 <= top.score <= 100
    assert [top.doc.text[s:e] for s, e in top.match_spans] == ["clean drinking water"]


def test_a_quote_ranks_before_the_passage_that_holds_it() -> None:
    ix = SearchIndex()
    passage = 'It was late. "Consensus is not a weakness," Rutte said, smiling.'
    ix.add(
        [
            Doc("passage", "a", passage, 0, len(passage)),
            Doc("quote", "a", "Consensus is not a weakness,", 14, 43, speaker="Mark Rutte"),
        ]
    )
    assert [r.kind for r in ix.search("consensus is not a weaknes")] == ["quote", "passage"]


def test_unrelated_text_is_not_a_result(index: SearchIndex) -> None:
    assert index.search("zebra crossing") == []
    assert index.search("") == []


# -- query syntax --------------------------------------------------------------------------


def test_parse_query_splits_operators_from_text() -> None:
    q = parse_query('@rutte "clean water" #Farming kind:quote,note families @"grace hopper" kind:people')
    assert q.text == "clean water families"
    assert q.phrases == ("clean water",)
    assert q.speakers == ("rutte", "grace hopper")
    assert q.tags == ("farming",)
    assert q.kinds == {"quote", "note", "person"}
    assert q.problems == ()


def test_parse_query_kind_article_means_titles_and_passages_and_reports_unknown_kinds() -> None:
    assert parse_query("kind:article").kinds == {"article", "passage"}
    assert parse_query("kind:passage").kinds == {"passage"}
    q = parse_query("kind:poem water")
    assert q.kinds == frozenset() and q.text == "water" and "poem" in q.problems[0]


def test_parse_query_takes_curly_quotes_and_half_typed_operators() -> None:
    q = parse_query("\u201cfair price\u201d @ # kind:")
    assert q.phrases == ("fair price",) and q.speakers == () and q.tags == () and q.kinds == frozenset()


def test_speaker_filter_is_fuzzy_on_names(index: SearchIndex) -> None:
    for name in ("@rutte", "@Rute", '@"mark rutte"'):
        results = index.search(name)
        assert {r.doc.speaker for r in results} == {"Mark Rutte"}, name
        assert len(results) == 2


def test_speaker_filter_combines_with_words_and_kind(index: SearchIndex) -> None:
    results = index.search("@rutte consensus kind:quote")
    assert texts(results) == [QUOTES[1][1]]
    assert index.search("@turing consensus")[0].doc.speaker == "Alan Turing"
    assert index.search("@rutte consensus kind:person") == []


def test_tag_filter_restricts_to_tagged_notes(index: SearchIndex) -> None:
    assert [r.doc.ref for r in index.search("#farming")] == ["ann-1"]
    assert [r.doc.ref for r in index.search("#farming milk")] == ["ann-1"]
    assert [r.doc.ref for r in index.search("#Fact #farming")] == []  # a tag is one word ("Fact check")
    assert index.search("#fishing milk") == []


def test_kind_filter(index: SearchIndex) -> None:
    assert {r.kind for r in index.search("milk kind:note")} == {"note"}
    assert {r.kind for r in index.search("budget kind:article")} == {"article", "passage"}
    assert {r.kind for r in index.search("budget kind:passage")} == {"passage"}
    assert [r.kind for r in index.search("rutte kind:person")] == ["person"]
    assert {r.kind for r in index.search("kind:quote", limit=3)} == {"quote"}
    assert len(index.search("kind:quote", limit=3)) == 3


def test_exact_phrase_must_appear(index: SearchIndex) -> None:
    assert texts(index.search('"fair price" milk kind:quote')) == [QUOTES[4][1]]
    assert index.search('"price fair" kind:quote') == []


def test_words_of_tags_and_speakers_find_docs(index: SearchIndex) -> None:
    assert "ann-1" in [r.doc.ref for r in index.search("farming")]
    assert index.search("hopper kind:quote")[0].doc.speaker == "Grace Hopper"


# -- incremental add and remove ------------------------------------------------------------


def test_remove_article_then_add_it_back(index: SearchIndex) -> None:
    size = len(index)
    assert index.remove_article("a2") == 4
    assert len(index) == size - 4
    assert all(r.article_id != "a2" for r in index.search("harbour budget"))
    assert index.remove_article("a2") == 0
    index.add([Doc("quote", "a2", "The harbour will reopen in spring.", 0, 34, speaker="Ada Lovelace")])
    assert index.search("harbour reopen")[0].article_id == "a2"


def test_remove_ref_drops_an_annotation_and_its_tags(index: SearchIndex) -> None:
    assert index.remove_ref("ann-1") == 1
    assert index.search("#farming") == []
    assert all(r.kind != "note" for r in index.search("milk price"))
    index.add([Doc("note", "a3", "milk price is wrong", 400, 425, tags=("farming",), ref="ann-1")])
    assert texts(index.search("#farming")) == ["milk price is wrong"]
    assert index.remove_ref("missing") == 0


def test_compaction_keeps_results(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "COMPACT_MIN", 3)
    ix = SearchIndex()
    for i in range(40):
        ix.add([Doc("passage", f"n{i}", f"filler paragraph number {i} about tides", 0, 30)])
    ix.add(quote_docs())
    for i in range(40):
        ix.remove_article(f"n{i}")
    assert len(ix) == len(QUOTES)
    assert max(ix.vocab.df(t) for t in range(len(ix.vocab))) <= len(QUOTES)
    assert texts(ix.search("harbour expansion jobs"))[0].startswith("The harbour expansion")
    assert ix.search("tides") == []
