"""Hypothesis exports in: rows matched to the library's articles by normalised URL and
anchored by their quote as Byline's own notes are (also on an article edited since), rows
that cannot be placed named with their URI, and a second import that adds nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui.core.library.library import Library
from tui.core.notes.formats.importing import ImportResult, parse_import, save_import
from tui.core.notes.formats.matching import LeftOut, stable_id
from tui.core.notes.formats.urls import page_key
from tui.core.notes.store import AnnotationStore

STORY = (
    "The council met on Tuesday night to settle the matter of the old bridge.\n\n"
    "\u201cWe will open the bridge in May, whatever the weather,\u201d said Mayor Jane Smith. "
    "Engineers had warned that the river was rising faster than expected this spring."
)


def row(uri: str, exact: str, *, prefix: str = "", suffix: str = "", start: int | None = 7, **extra: Any) -> dict:
    """A row as the Hypothesis API returns it (search results' ``rows``)."""
    selectors: list[dict[str, Any]] = [
        {
            "type": "RangeSelector",
            "startContainer": "/main[1]/p[2]",
            "startOffset": 0,
            "endContainer": "/main[1]/p[2]",
            "endOffset": 9,
        },
    ]
    if start is not None:
        selectors.append({"type": "TextPositionSelector", "start": start, "end": start + len(exact)})
    selectors.append({"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix})
    return {
        "id": extra.pop("id", "Qb7ZcmN6Ee-abcdefghij"),
        "created": "2024-05-01T10:00:00.123456+00:00",
        "updated": "2024-05-02T08:30:00.5+00:00",
        "user": "acct:reader@hypothes.is",
        "uri": uri,
        "text": "",
        "tags": [],
        "group": "__world__",
        "target": [{"source": uri, "selector": selectors}],
        "document": {"title": ["Bridge to open in May"]},
        "links": {"html": "https://hypothes.is/a/Qb7ZcmN6Ee-abcdefghij"},
        "references": [],
        **extra,
    }


@pytest.fixture
def library(tmp_path: Path) -> Library:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "bridge.md").write_text(
        f"---\ntitle: Bridge to open in May\nurl: https://www.example.com/news/bridge/\n---\n\n{STORY}\n"
    )
    (folder / "other.md").write_text("---\ntitle: Other\nurl: https://example.com/news/other\n---\n\nNothing here.\n")
    return Library.open([folder])


@pytest.fixture
def store(tmp_path: Path) -> AnnotationStore:
    return AnnotationStore(tmp_path / "annotations.json")


def imported(store: AnnotationStore, data: Any, library: Library) -> ImportResult:
    fmt, parsed = parse_import(json.dumps(data))
    assert fmt == "hypothesis"
    return save_import(store, parsed, library)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://www.example.com/news/bridge/", "http://example.com/news/bridge"),
        ("https://example.com/news/bridge?utm_source=feed&utm_medium=rss&fbclid=x1", "https://example.com/news/bridge"),
        ("https://example.com/a?id=3&gclid=z&mc_cid=1", "https://EXAMPLE.com/a?id=3#comments"),
        ("https://example.com:443/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com/caf%C3%A9", "https://example.com/café/"),
        ("file:///library/a%20b.md", "file:///library/a b.md"),
    ],
)
def test_two_spellings_of_one_page_share_a_key(one: str, other: str) -> None:
    assert page_key(one) == page_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.com/a?id=3", "https://example.com/a?id=4"),
        ("https://example.com/a", "https://example.com/b"),
        ("https://news.example.com/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com/a"),
    ],
)
def test_different_pages_keep_different_keys(one: str, other: str) -> None:
    assert page_key(one) != page_key(other)


def test_a_row_is_placed_on_the_article_with_its_url_and_anchored_by_its_quote(
    store: AnnotationStore, library: Library
) -> None:
    exact = "Engineers had warned that the river was rising"
    data = {"total": 1, "rows": [row("https://example.com/news/bridge?utm_source=x", exact, suffix=" faster than",
                                     text="Check the gauge data", tags=["infra", "river"])]}  # fmt: skip
    assert imported(store, data, library) == ImportResult(added=1, duplicates=0)
    [note] = store.all()
    body = library.get("bridge").body
    assert (note.article_id, body[note.selector.start : note.selector.end]) == ("bridge", exact)
    assert note.selector.prefix == body[note.selector.start - 32 : note.selector.start]  # Byline's own context
    assert (note.kind, note.note, note.tags) == ("note", "Check the gauge data", ("infra", "river"))
    assert (note.created, note.updated) == ("2024-05-01T10:00:00.123Z", "2024-05-02T08:30:00.500Z")
    assert note.id == stable_id("https://hypothes.is/a/Qb7ZcmN6Ee-abcdefghij")
    assert note.content_hash == library.get("bridge").content_hash


def test_a_quote_inside_a_speech_quote_gets_its_speaker(store: AnnotationStore, library: Library) -> None:
    imported(store, [row("https://example.com/news/bridge", "We will open the bridge in May")], library)
    [note] = store.all()
    assert (note.kind, note.speaker) == ("quote", "Jane Smith")


def test_rows_on_an_article_edited_since_still_anchor(store: AnnotationStore, library: Library) -> None:
    """Hypothesis saw an older text: a word changed inside the quote, the context moved."""
    old_quote = "Engineers had warned that the river was rising quicker than expected"
    data = [row("https://example.com/news/bridge", old_quote, prefix="said Mayor Jane Smith. ", suffix=" this spring.",
                start=10_000)]  # fmt: skip
    assert imported(store, data, library) == ImportResult(added=1, duplicates=0)
    [note] = store.all()
    assert note.selector.exact == "Engineers had warned that the river was rising faster than expected"


def test_a_quote_typed_with_other_spacing_and_quote_marks_is_found(store: AnnotationStore, library: Library) -> None:
    imported(
        store,
        [row("https://example.com/news/bridge", '"We will open the bridge in May,   whatever', start=None)],
        library,
    )
    [note] = store.all()
    assert note.selector.exact == "\u201cWe will open the bridge in May, whatever"


def test_rows_that_cannot_be_placed_are_left_out_with_their_uri_and_the_rest_saved(
    store: AnnotationStore, library: Library
) -> None:
    rows = [
        row("https://example.com/news/bridge", "the matter of the old bridge", id="good"),
        row("https://elsewhere.org/story", "the matter of the old bridge", id="nowhere"),
        row("https://example.com/news/bridge", "a sentence this article never had in it at all", id="missing"),
        {
            **row("https://example.com/news/other", "x", id="page-note"),
            "target": [{"source": "https://example.com/news/other"}],
        },
    ]
    result = imported(store, {"rows": rows}, library)
    assert (result.added, result.duplicates, result.errors) == (1, 0, ())
    assert result.left_out == (
        LeftOut("https://elsewhere.org/story", "no article in the library has this URL"),
        LeftOut(
            "https://example.com/news/bridge",
            "its quote 'a sentence this article never had in it at all' is not in 'Bridge to open in May'",
        ),
        LeftOut("https://example.com/news/other", "no quoted text to anchor (a note on the whole page, or a reply)"),
    )
    assert [n.selector.exact for n in store.all()] == ["the matter of the old bridge"]


def test_importing_the_same_export_twice_adds_nothing(store: AnnotationStore, library: Library) -> None:
    data = {"rows": [row("https://example.com/news/bridge", "the old bridge", text="n")]}
    assert imported(store, data, library) == ImportResult(added=1, duplicates=0)
    assert imported(store, data, library) == ImportResult(added=0, duplicates=1)
    assert len(store.all()) == 1


def test_the_web_app_export_and_a_bare_list_are_read_too(store: AnnotationStore, library: Library) -> None:
    one = row("https://example.com/news/bridge", "the old bridge", id="a1")
    export = {"export_date": "2024-06-01T00:00:00Z", "export_userid": "acct:reader@hypothes.is", "annotations": [one]}
    assert imported(store, export, library).added == 1
    assert imported(store, [row("https://example.com/news/bridge", "Tuesday night", id="a2")], library).added == 1


def test_imported_text_is_cleaned_at_the_border(store: AnnotationStore, library: Library) -> None:
    data = [row("https://example.com/news/bridge", "the old bridge", text="see \x1b]52;c;cGF5bG9hZA==\x07this",
                tags=["\x1b[31mred"])]  # fmt: skip
    imported(store, data, library)
    [note] = store.all()
    assert (note.note, note.tags) == ("see this", ("red",))


def test_malformed_rows_are_named_and_the_others_kept() -> None:
    good = row("https://example.com/news/bridge", "the old bridge")
    no_uri = {k: v for k, v in good.items() if k != "uri"}
    bad_selector = row("https://example.com/news/bridge", "x")
    bad_selector["target"][0]["selector"][-1]["exact"] = 42
    _, parsed = parse_import(json.dumps({"rows": [good, "text", no_uri, bad_selector]}))
    assert len(parsed.foreign) == 1
    assert parsed.errors == (
        "annotation 2: an annotation must be a JSON object, got str",
        "annotation 3: no 'uri' (the page it was made on)",
        "annotation 4: the selector's 'exact' is not a string",
    )
