"""Quotation forms: marks, nesting, interruptions, paragraphs, block quotes, kinds, offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.extract import extract
from tui.core.extract.jsonl import extraction_record


def _speech(text: str):
    return [q for q in extract(text).quotes if q.kind == "speech"]


def test_straight_and_curly_quotes_with_after_attribution() -> None:
    text = (
        'Anna Keller spoke first. "The budget is late," Keller said.\n\n\u201cWe need more time,\u201d said Tom Briggs.'
    )
    qs = _speech(text)
    assert [q.text for q in qs] == ['"The budget is late,"', "\u201cWe need more time,\u201d"]
    assert [q.speaker for q in qs] == ["Anna Keller", "Tom Briggs"]


def test_nested_single_quotes_stay_inside() -> None:
    text = "Mayor Linda Ortiz said: \"They told me 'no way' and left.\""
    (q,) = _speech(text)
    assert q.text == "\"They told me 'no way' and left.\""
    assert q.speaker == "Linda Ortiz"


def test_guillemets() -> None:
    text = "\u00abNous sommes pr\u00eats\u00bb, said Pierre Durand."
    (q,) = _speech(text)
    assert q.text == "\u00abNous sommes pr\u00eats\u00bb" and q.speaker == "Pierre Durand"


def test_interrupted_quote_is_one_quote_with_two_spans() -> None:
    text = 'Coach Maria Silva was calm. "We will," she said, "and soon."'
    (q,) = _speech(text)
    assert len(q.spans) == 2
    assert [text[s:e] for s, e in q.spans] == ['"We will,"', '"and soon."']
    assert q.speaker == "Maria Silva"
    record = extraction_record("x", text, extract(text))
    assert [(r["text"], r["speaker"]) for r in record["quotes"]] == [
        ('"We will,"', "Maria Silva"),
        ('"and soon."', "Maria Silva"),
    ]


def test_quote_spanning_paragraphs() -> None:
    text = (
        'Governor Paul Brennan spoke at length.\n\n"The first point is money.\n\n'
        '"The second point is time.\n\n"The last point is trust," Brennan said.'
    )
    (q,) = _speech(text)
    assert len(q.spans) == 3
    assert text[q.spans[0][0] : q.spans[0][1]] == '"The first point is money.'
    assert text[q.spans[2][0] : q.spans[2][1]] == '"The last point is trust,"'
    assert q.speaker == "Paul Brennan"


def test_markdown_block_quote() -> None:
    text = "Senator Ruth Adler wrote on Monday:\n\n> We will not back down.\n> Not now, not ever."
    (q,) = _speech(text)
    assert [text[s:e] for s, e in q.spans] == ["We will not back down.", "Not now, not ever."]
    assert q.speaker == "Ruth Adler"


def test_titles_and_terms_are_not_speech() -> None:
    text = (
        'Ken Ober appeared on NBC\'s "Meet the Press" on Sunday. He called the deal a '
        'so-called "win" for farmers and praised the "green deal" that was signed.'
    )
    kinds = {q.text: q.kind for q in extract(text).quotes}
    assert kinds['"Meet the Press"'] == "title"
    assert kinds['"win"'] == "term" and kinds['"green deal"'] == "term"


def test_markup_attributes_are_not_quotes() -> None:
    text = '<tweet id="12345" author="@someone">Polls are open</tweet>. "Vote early," said Jane Roe.'
    qs = extract(text).quotes
    assert [q.text for q in qs] == ['"Vote early,"']


def test_unbalanced_quote_runs_to_paragraph_end() -> None:
    text = 'Ella Marsh said "this never ends\n\nNext paragraph.'
    (q,) = extract(text).quotes
    assert q.text == '"this never ends'


def test_pronoun_and_role_attribution() -> None:
    text = (
        'Health Minister Sarah Lind visited the hospital. "Staff are exhausted," she said.\n\n'
        'Opposition leader Omar Haddad disagreed. "The figures are wrong," the opposition leader said.'
    )
    qs = _speech(text)
    assert [q.speaker for q in qs] == ["Sarah Lind", "Omar Haddad"]


def test_continuation_paragraph_takes_previous_speaker() -> None:
    text = (
        '"Prices will fall," said economist Rita Gomez.\n\n"Wages will not," she added later.\n\n"That is the problem."'
    )
    qs = _speech(text)
    assert [q.speaker for q in qs] == ["Rita Gomez"] * 3


def test_null_beats_wrong() -> None:
    text = 'Nobody was named. "Go home," shouted someone in the crowd.'
    (q,) = _speech(text)
    assert q.speaker is None


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab C\"\u201c\u201d\u00ab\u00bb'\u2019>.,:\n Mr.Smith said he"))
        | st.characters(),
        max_size=300,
    )
)
def test_never_raises_and_offsets_slice(text: str) -> None:
    ex = extract(text)
    for q in ex.quotes:
        assert text[q.start : q.end] == q.text
        for s, e in q.spans:
            assert 0 <= s < e <= len(text)
            assert q.start <= s and e <= q.end
    for p in ex.people:
        assert text[p.start : p.end] == p.text


def test_attribution_forms() -> None:
    cases = [
        ('"It is late," said Sen. Tom Udall of New Mexico, who backs the bill.', "Tom Udall"),
        ('"It is late," Nora Vance, a lawyer in Ohio, told reporters.', "Nora Vance"),
        ('"It is late," Ohio delegate Bill Eastwood, wearing a hat, shouted.', "Bill Eastwood"),
        ('Nora Vance returned the favour to Paul Dorn, telling the crowd, "We are friends."', "Nora Vance"),
        ('"We have the votes," CNN reported.', "CNN"),
        ('According to Nora Vance, "the vote is close."', "Nora Vance"),
        ('The idea is old (Paul Dorn, who wrote the book, once said, "It happened before.").', "Paul Dorn"),
    ]
    for text, speaker in cases:
        (q,) = _speech(text)
        assert q.speaker == speaker, text


def test_quote_closing_an_embedded_sentence_does_not_take_the_next_subject() -> None:
    text = 'Sen. Amy Ross said the plan is "dead on arrival." Sen. Dan Fox, also a critic, called it weak.'
    (q,) = _speech(text)
    assert q.speaker == "Amy Ross"


def test_long_inputs_stay_fast() -> None:
    import time

    text = "Anna Berg spoke. " + '"We will," she said, "and soon." ' * 2000
    t0 = time.perf_counter()
    ex = extract(text)
    assert len(ex.quotes) == 2000
    assert time.perf_counter() - t0 < 2.0
