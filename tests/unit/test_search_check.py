"""The quote check (closest originals, score, word diff) and in-article search."""

from __future__ import annotations

from tui.core.search import Doc, Edit, SearchIndex, check, within, word_diff

ORIGINALS = [
    "We will not rest until every family in this state has clean drinking water.",
    "Consensus is not a weakness, it is how a small country gets big things done.",
    "The harbour expansion will bring four thousand jobs to the northern provinces.",
]


def build() -> SearchIndex:
    index = SearchIndex()
    for i, text in enumerate(ORIGINALS):
        index.add(
            [
                Doc("quote", f"a{i}", text, 0, len(text), speaker="Mark Rutte"),
                Doc("passage", f"a{i}", f"He said: {text}", 0, len(text) + 9),
            ]
        )
    # the same words quoted in a second article count once
    index.add([Doc("quote", "b", ORIGINALS[1], 5, 5 + len(ORIGINALS[1]))])
    return index


def test_a_misquote_finds_its_original_with_a_diff() -> None:
    results = check(build(), "Consensus isn't weakness, it's how a small nation gets great things done")
    best = results[0]
    assert best.doc.text == ORIGINALS[1] and best.doc.kind == "quote"
    assert 60 < best.score < 100
    assert best.diff == [
        Edit("same", "Consensus"),
        Edit("changed", "isn't", "is not a"),
        Edit("same", "weakness,"),
        Edit("changed", "it's", "it is"),
        Edit("same", "how a small"),
        Edit("changed", "nation", "country"),
        Edit("same", "gets"),
        Edit("changed", "great", "big"),
        Edit("same", "things done."),
    ]
    assert len([r for r in results if r.doc.text == ORIGINALS[1]]) == 1


def test_scores_order_exact_first() -> None:
    index = build()
    exact = check(index, f"\u201c{ORIGINALS[0]}\u201d")[0]
    close = check(index, "We will not rest until every family in the state has clean water")[0]
    assert exact.doc.text == close.doc.text == ORIGINALS[0]
    assert exact.score == 100 and all(e.op == "same" for e in exact.diff)
    assert 80 < close.score < 100
    ranked = check(index, "clean drinking water for every family", limit=3)
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    assert check(index, "") == [] and check(index, "zebra crossing") == []


def test_a_correct_excerpt_scores_100_and_the_rest_shows_as_missing() -> None:
    result = check(build(), "bring four thousand jobs")[0]
    assert result.score == 100
    assert result.diff == [
        Edit("missing", "The harbour expansion will"),
        Edit("same", "bring four thousand jobs"),
        Edit("missing", "to the northern provinces."),
    ]


def test_word_diff_marks_each_side() -> None:
    diff = word_diff("the quick brown fox jumps", "The quick red fox really jumps!")
    assert diff == [
        Edit("same", "the quick"),
        Edit("changed", "red", "brown"),
        Edit("same", "fox"),
        Edit("added", "really"),
        Edit("same", "jumps"),
    ]


# -- within: the reader's ctrl+f -----------------------------------------------------------

TEXT = "Consensus matters. A consensus\nbuilder builds CONSENSUS, not consent."


def test_within_finds_every_exact_match_ignoring_case() -> None:
    assert [TEXT[s:e] for s, e in within(TEXT, "consensus")] == ["Consensus", "consensus", "CONSENSUS"]
    assert [TEXT[s:e] for s, e in within(TEXT, "consensus builder")] == ["consensus\nbuilder"]
    assert [TEXT[s:e] for s, e in within(TEXT, "build")] == ["build", "build"]


def test_within_falls_back_to_fuzzy_words() -> None:
    assert [TEXT[s:e] for s, e in within(TEXT, "concensus")] == ["Consensus", "consensus", "CONSENSUS"]
    assert [TEXT[s:e] for s, e in within(TEXT, "buidler matters")] == ["matters", "builder"]


def test_within_fuzzy_words_leave_stop_words_out_unless_there_is_nothing_else() -> None:
    text = "It is on the table. Consensus on the budget."
    assert [text[s:e] for s, e in within(text, "the concensus")] == ["Consensus"]
    assert [text[s:e] for s, e in within(text, "thee")] == ["the", "the"]
    assert [text[s:e] for s, e in within(text, "the on")] == ["on the", "on the"]  # stop words alone


def test_within_nothing() -> None:
    assert within(TEXT, "zebra") == [] and within(TEXT, "  ") == [] and within("", "x") == []


def test_within_matches_typographic_quotes() -> None:
    text = "He said it\u2019s \u201cdone\u201d."
    assert [text[s:e] for s, e in within(text, 'it\'s "done"')] == ["it\u2019s \u201cdone\u201d"]
