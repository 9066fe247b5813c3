"""Properties of ``extract`` for any text: it never raises, every span it reports is the text
at its offsets, and its answer depends on the text alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.extract import Extraction, extract

# Pieces of news writing, so that random texts reach quotes, cues, names and their edge cases.
PIECES = [
    "Anna Berg",
    "Mr. Lee",
    "Sen. Ruiz",
    "the minister",
    "He",
    "she",
    "They",
    "said",
    "says",
    "told reporters",
    "added",
    "according to",
    "confirmed that",
    "warned",
    "his claim that",
    "seems to",
    "is expected to",
    "that",
    "the plan",
    "will fail",
    "on Monday",
    "TAPPER:",
    "Calls For",
    '"',
    "\u201c",
    "\u201d",
    "'",
    "\u2019s",
    ",",
    ".",
    ":",
    ";",
    " - ",
    "\u2014",
    "(",
    ")",
    "\n\n",
    "> ",
    "2,200",
    "U.S.",
    '<tweet id="1">',
    "</tweet>",
]

news_like = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join) | st.lists(
    st.sampled_from(PIECES), max_size=40
).map("".join)
any_text = st.text(max_size=300)


def _check_spans(text: str, ex: Extraction) -> None:
    for q in ex.quotes:
        assert text[q.start : q.end] == q.text
        for s, e in q.spans:
            assert q.start <= s < e <= q.end
    for r in ex.reported:
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start : r.end] == r.text
        assert r.cue
    for p in ex.people:
        assert text[p.start : p.end] == p.text


@settings(max_examples=300)
@given(news_like)
def test_news_like_text_never_raises_and_spans_match(text: str) -> None:
    _check_spans(text, extract(text))


@given(any_text)
def test_any_text_never_raises_and_spans_match(text: str) -> None:
    _check_spans(text, extract(text))


@given(news_like, news_like)
def test_the_result_depends_on_the_text_alone(first: str, second: str) -> None:
    alone = extract(second)
    extract(first)  # nothing carries over from one call to the next
    assert extract(second) == alone
