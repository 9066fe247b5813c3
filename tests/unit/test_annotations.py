"""The annotation model, finding typed quotes, and re-anchoring after the body changes."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tui.core.notes.anchoring import find_quote, reanchor
from tui.core.notes.annotations import CONTEXT_CHARS, Annotation, TextSelector, make_annotation

# Two made-up news texts with the repetition real articles have ("said", "the minister").
BODIES = (
    "The minister said on Tuesday that the budget would be published in March. "
    "\u201cWe will not be rushed,\u201d the minister said, adding that talks with the unions "
    "would resume after the summer recess.\n\nCritics called the delay \u201ca failure of nerve\u201d. "
    "The opposition leader said the government had run out of ideas, and that the budget "
    "should have been published before the election. A spokesperson for the treasury "
    "declined to comment on the timing.\n\nThe unions said they would wait for the figures.",
    "Flooding closed the coastal road for a second day on Friday. Engineers inspected the "
    "sea wall at dawn and said it had held, but warned that the next high tide, due shortly "
    "before midnight, could bring water over the barrier again. Residents of the lower town "
    "were told to move cars to higher ground. \u201cWe have seen worse, but not often,\u201d said "
    "Maria Lopez, who has run the harbour cafe for thirty years. The council said the road "
    "would reopen once the engineers had inspected the sea wall a second time.",
)


def annotate(body: str, start: int, end: int, **extra: object) -> Annotation:
    return make_annotation("article-1", body, start, end, "hash-1", **extra)


# --- the model -----------------------------------------------------------------------------


def test_make_annotation_fills_quote_and_context_from_the_body() -> None:
    body = BODIES[0]
    start = body.index("We will not")
    a = annotate(body, start, start + 22)
    assert a.selector == TextSelector(
        exact="We will not be rushed,",
        prefix=body[start - CONTEXT_CHARS : start],
        suffix=body[start + 22 : start + 22 + CONTEXT_CHARS],
        start=start,
        end=start + 22,
    )
    assert len(a.id) == 32 and int(a.id, 16) >= 0
    assert a.created == a.updated and a.created.endswith("Z")


def test_context_is_cut_at_the_ends_of_the_body() -> None:
    a = annotate("Short body.", 0, 5)
    assert (a.selector.prefix, a.selector.suffix) == ("", " body.")


def test_ids_are_unique() -> None:
    assert len({annotate("text", 0, 4).id for _ in range(1000)}) == 1000


def test_tags_are_stripped_deduplicated_and_kept_in_order() -> None:
    assert annotate("text", 0, 4, tags=[" nato", "ukraine", "nato ", "", "  "]).tags == ("nato", "ukraine")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "scribble"}, "kind must be one of"),
        ({"colour": "mauve"}, "colour must be one of"),
        ({"tags": "one-string"}, "tags must be a list"),
    ],
)
def test_invalid_values_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        annotate("text", 0, 4, **changes)


def test_selector_rejects_empty_or_inconsistent_spans() -> None:
    with pytest.raises(ValueError):
        TextSelector.from_body("text", 2, 2)
    with pytest.raises(ValueError):
        TextSelector.from_body("text", 2, 9)
    with pytest.raises(ValueError, match="characters"):
        TextSelector(exact="abc", prefix="", suffix="", start=0, end=5)


def test_to_dict_is_json_ready_and_round_trips() -> None:
    a = annotate(BODIES[0], 10, 40, kind="quote", colour="pink", note="two\nlines", tags=["x"], speaker="Ann Lee")
    data = a.to_dict()
    assert data["tags"] == ["x"] and data["selector"]["exact"] == BODIES[0][10:40]
    assert Annotation.from_dict(data) == a


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("article_id"), "missing field 'article_id'"),
        (lambda d: d.update(note=3), "field 'note' must be str"),
        (lambda d: d["selector"].update(start=True), "field 'start' must be int"),
        (lambda d: d.update(tags=["a", 1]), "list of strings"),
        (lambda d: d.update(speaker=5), "speaker"),
    ],
)
def test_from_dict_names_the_bad_field(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = annotate("some text", 0, 4).to_dict()
    mutate(data)
    with pytest.raises(ValueError, match=message):
        Annotation.from_dict(data)


def test_edited_changes_fields_and_the_updated_time_only() -> None:
    a = dataclasses.replace(annotate("some text", 0, 4), updated="2000-01-01T00:00:00.000Z")
    b = a.edited(note="new", tags=["t"], colour="green")
    assert (b.note, b.tags, b.colour) == ("new", ("t",), "green")
    assert (b.id, b.created, b.selector) == (a.id, a.created, a.selector)
    assert b.updated > a.updated
    with pytest.raises(TypeError, match="cannot change id"):
        a.edited(id="other")


# --- finding a typed quote -----------------------------------------------------------------


def test_find_quote_exact() -> None:
    body = BODIES[0]
    start = body.index("talks with the unions")
    assert find_quote(body, "talks with the unions") == (start, start + 21)


def test_find_quote_ignores_quote_style_case_and_spacing() -> None:
    body = BODIES[0]
    start = body.index("\u201cWe will")
    end = body.index("rushed,\u201d") + len("rushed,\u201d")
    assert find_quote(body, '"we  will not be\nRUSHED,"') == (start, end)


def test_find_quote_missing_or_empty() -> None:
    assert find_quote(BODIES[0], "not in the text") is None
    assert find_quote(BODIES[0], "   ") is None


# --- re-anchoring: examples ----------------------------------------------------------------


def test_unchanged_body_anchors_exactly() -> None:
    body = BODIES[0]
    a = annotate(body, 20, 60)
    anchor = reanchor(a, body)
    assert (anchor.start, anchor.end, anchor.status) == (20, 60, "exact")


def test_text_inserted_before_moves_the_anchor() -> None:
    body = BODIES[1]
    start = body.index("Engineers inspected")
    a = annotate(body, start, start + 19)
    anchor = reanchor(a, "UPDATE: more rain is expected. " + body)
    assert (anchor.start, anchor.status) == (start + 31, "moved")


def test_repeated_text_is_told_apart_by_its_context() -> None:
    body = BODIES[1]
    second = body.index("inspected the sea wall", body.index("inspected the sea wall") + 1)
    a = annotate(body, second, second + 22)
    # Cutting a sentence between the two copies moves the second one next to where the
    # first copy is; its prefix and suffix still pick the right one.
    cut_start = body.index("Residents")
    cut_end = body.index("The council")
    edited = body[:cut_start] + body[cut_end:]
    anchor = reanchor(a, edited)
    assert anchor.status == "moved"
    assert anchor.start == second - (cut_end - cut_start)


def test_text_matching_at_the_old_offsets_by_chance_is_not_taken_for_the_annotation() -> None:
    body = "aaaa target aaaa bbbb"
    a = annotate(body, 1, 3)  # "aa" with prefix "a"
    # After deleting the first character, "aa" is still at 1..3, but the annotated "aa"
    # (preceded by "a", followed by "a target") now starts at 0.
    anchor = reanchor(a, body[1:])
    assert (anchor.start, anchor.status) == (0, "moved")


def test_edit_inside_the_span_anchors_fuzzily_at_the_right_place() -> None:
    body = BODIES[0]
    start = body.index("The opposition leader")
    end = body.index("out of ideas") + len("out of ideas")
    a = annotate(body, start, end)
    edited = body.replace("had run out of ideas", "has run out of ideas")
    anchor = reanchor(a, edited)
    assert anchor.status == "fuzzy"
    assert (anchor.start, anchor.end) == (start, end)


def test_span_that_grew_is_found_whole() -> None:
    body = BODIES[0]
    start = body.index("The opposition leader")
    end = body.index("out of ideas") + len("out of ideas")
    a = annotate(body, start, end)
    edited = body.replace("leader said", "leader, Jane Roe, said")
    anchor = reanchor(a, edited)
    assert (anchor.status, anchor.start, anchor.end) == ("fuzzy", start, end + len(", Jane Roe,"))


def test_removed_text_is_an_orphan() -> None:
    body = BODIES[0]
    start = body.index("A spokesperson")
    end = body.index("timing.") + len("timing.")
    a = annotate(body, start, end)
    anchor = reanchor(a, body[:start] + body[end:])
    assert (anchor.start, anchor.end, anchor.status, anchor.found) == (-1, -1, "orphan", False)


def test_empty_body_orphans() -> None:
    assert reanchor(annotate(BODIES[0], 0, 10), "").status == "orphan"


# --- re-anchoring: properties --------------------------------------------------------------


@st.composite
def annotated_body(draw: st.DrawFn, min_length: int = 1) -> tuple[str, int, int]:
    body = draw(st.sampled_from(BODIES))
    start = draw(st.integers(0, len(body) - min_length))
    end = draw(st.integers(start + min_length, min(len(body), start + 120)))
    return body, start, end


def _occurs_once(text: str, needle: str) -> bool:
    first = text.find(needle)
    return first >= 0 and text.find(needle, first + 1) < 0


text_chars = st.characters(codec="utf-8", exclude_categories=["Cs"])
edit_text = st.text(alphabet=text_chars, max_size=40)


@settings(max_examples=300, deadline=None)
@given(annotated_body(), st.data(), edit_text)
def test_edits_outside_the_span_and_its_context_never_move_it(
    spec: tuple[str, int, int], data: st.DataObject, inserted: str
) -> None:
    body, start, end = spec
    window_start, window_end = max(0, start - CONTEXT_CHARS), min(len(body), end + CONTEXT_CHARS)
    assume(_occurs_once(body, body[window_start:window_end]))
    before = data.draw(st.booleans())
    at = data.draw(st.integers(0, window_start) if before else st.integers(window_end, len(body)))
    cut = data.draw(st.integers(0, (window_start - at) if before else (len(body) - at)))
    edited = body[:at] + inserted + body[at + cut :]
    shift = len(inserted) - cut if before else 0

    anchor = reanchor(annotate(body, start, end), edited)

    assert anchor.status in ("exact", "moved")
    assert (anchor.start, anchor.end) == (start + shift, end + shift)
    assert anchor.status == ("exact" if shift == 0 else "moved")


@settings(max_examples=300, deadline=None)
@given(annotated_body(min_length=12), st.data(), edit_text)
def test_edits_anywhere_outside_the_span_find_it_at_its_shifted_place(
    spec: tuple[str, int, int], data: st.DataObject, inserted: str
) -> None:
    body, start, end = spec
    before = data.draw(st.booleans())
    at = data.draw(st.integers(0, start) if before else st.integers(end, len(body)))
    cut = data.draw(st.integers(0, (start - at) if before else (len(body) - at)))
    edited = body[:at] + inserted + body[at + cut :]
    assume(_occurs_once(edited, body[start:end]))
    shift = len(inserted) - cut if before else 0

    anchor = reanchor(annotate(body, start, end), edited)

    assert anchor.status in ("exact", "moved")
    assert (anchor.start, anchor.end) == (start + shift, end + shift)


@settings(max_examples=300, deadline=None)
@given(annotated_body(min_length=12), st.data(), edit_text)
def test_edits_inside_the_span_anchor_it_fuzzily_or_orphan_it(
    spec: tuple[str, int, int], data: st.DataObject, inserted: str
) -> None:
    body, start, end = spec
    at = data.draw(st.integers(start, end - 1))
    cut = data.draw(st.integers(0, end - at))
    edited = body[:at] + inserted + body[at + cut :]
    assume(body[start:end] not in edited)  # the annotated text really changed

    anchor = reanchor(annotate(body, start, end), edited)

    assert anchor.status in ("fuzzy", "orphan")
    assert anchor.status == "orphan" or 0 <= anchor.start < anchor.end <= len(edited)


@settings(max_examples=300, deadline=None)
@given(annotated_body(min_length=12), st.data())
def test_small_edits_inside_the_span_anchor_it_fuzzily_where_it_was(
    spec: tuple[str, int, int], data: st.DataObject
) -> None:
    body, start, end = spec
    budget = (end - start) // 4  # characters cut plus characters inserted
    at = data.draw(st.integers(start, end - 1))
    cut = data.draw(st.integers(0, min(budget, end - at)))
    inserted = data.draw(st.text(alphabet=text_chars, max_size=budget - cut))
    edited = body[:at] + inserted + body[at + cut :]
    assume(body[start:end] not in edited)
    new_end = end + len(inserted) - cut

    anchor = reanchor(annotate(body, start, end), edited)

    assert anchor.status == "fuzzy"
    assert anchor.start < new_end and anchor.end > start  # it overlaps the edited span


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.data(), st.text(max_size=200))
def test_any_anchor_is_a_valid_span_of_the_new_body(body: str, data: st.DataObject, new_body: str) -> None:
    assume(body)
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    a = annotate(body, start, end)

    anchor = reanchor(a, new_body)

    if anchor.found:
        assert 0 <= anchor.start < anchor.end <= len(new_body)
    if anchor.status in ("exact", "moved"):
        assert new_body[anchor.start : anchor.end] == a.selector.exact
    if anchor.status == "exact":
        assert anchor.start == start


def test_an_insertion_just_inside_a_span_at_the_start_of_the_body_reanchors_it() -> None:
    """All alignments of the quote start after the inserted run; the old place still fits."""
    body = (
        "The council said on Monday that the new bridge would open in May, and that the "
        "old one would close for good.\n\nResidents said they would believe it when they saw it."
    )
    edited = body[:7] + "0" * 14 + body[7:]
    anchor = reanchor(annotate(body, 0, 56), edited)
    assert (anchor.status, anchor.start, anchor.end) == ("fuzzy", 0, 70)
