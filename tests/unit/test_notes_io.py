"""Exporting annotations as Markdown and JSON, and importing JSON back."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.notes_examples import annotations
from tui.core.notes.annotations import Annotation, make_annotation
from tui.core.notes.formats.byline_json import export_json
from tui.core.notes.formats.importing import ImportResult, parse_import, save_import
from tui.core.notes.formats.markdown import export_markdown
from tui.core.notes.formats.parsed import BadImport
from tui.core.notes.store import AnnotationStore, StoreReadOnly

BODY = (
    "Rutte said there was no consensus.\n\n\u201cIn practice, accession requires the consensus "
    "of all allies,\u201d Rutte said. The treaty of 1949 remains valid."
)


@dataclass
class Info:
    title: str
    date: date | str | None


@dataclass
class InfoWithBody(Info):
    body: str


def quote_of(text: str, **extra: object) -> Annotation:
    start = BODY.index(text)
    return make_annotation("nato", BODY, start, start + len(text), "hash", **extra)


def import_json(store: AnnotationStore, text: str) -> ImportResult:
    fmt, parsed = parse_import(text)
    assert fmt == "json"
    return save_import(store, parsed)


@pytest.fixture
def store(tmp_path: Path) -> AnnotationStore:
    return AnnotationStore(tmp_path / "annotations.json")


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_shows_title_date_quote_speaker_note_and_tags() -> None:
    quote = quote_of(
        "In practice, accession requires the consensus of all allies,",
        kind="quote",
        speaker="Mark Rutte",
        note="The key admission.\nSecond line.",
        tags=["nato", "ukraine"],
    )
    text = export_markdown([quote], {"nato": Info("No consensus on Ukraine", date(2025, 12, 2))})
    assert text == (
        "# Byline notes\n\n1 annotation on 1 article\n\n"
        "## No consensus on Ukraine\n\n2025-12-02 · `nato`\n\n"
        "> In practice, accession requires the consensus of all allies,\n>\n> — Mark Rutte\n\n"
        "The key admission.\nSecond line.\n\n"
        "Tags: nato, ukraine\n"
    )


def test_markdown_quotes_every_line_and_names_no_speaker_for_highlights() -> None:
    highlight = quote_of("no consensus.\n\n\u201cIn practice", speaker="ignored for highlights")
    text = export_markdown([highlight], {"nato": Info("T", "2025-12-02")})
    assert "> no consensus.\n>\n> \u201cIn practice\n" in text
    assert "—" not in text


def test_markdown_groups_by_article_oldest_first_in_body_order() -> None:
    late = quote_of("remains valid")
    early = quote_of("Rutte said there")
    other = make_annotation("older", "An older article body.", 3, 9, "h2")
    undated = make_annotation("undated", "Body without a date.", 0, 4, "h3")
    articles = {
        "nato": Info("Newer", date(2025, 12, 2)),
        "older": Info("Older", date(2020, 1, 1)),
        "undated": Info("Undated", None),
    }
    text = export_markdown([late, undated, other, early], articles)
    assert text.index("## Older") < text.index("## Newer") < text.index("## Undated")
    assert text.index("> Rutte said there") < text.index("> remains valid")
    assert "4 annotations on 3 articles" in text


def test_markdown_marks_orphans() -> None:
    kept = quote_of("Rutte said there")
    gone = quote_of("The treaty of 1949 remains valid.")
    lost_article = make_annotation("deleted", "Whatever it said.", 0, 8, "h")
    changed_body = BODY.replace("The treaty of 1949 remains valid.", "Nothing else was said.")
    text = export_markdown([kept, gone, lost_article], {"nato": InfoWithBody("T", None, changed_body)})
    nato_part = text[text.index("## T") : text.index("## Unknown article")]
    assert nato_part.count("*Orphaned: this text is no longer in the article.*") == 1
    assert nato_part.index("> The treaty") < nato_part.index("*Orphaned")
    assert "## Unknown article\n\n`deleted`\n\n*This article is not in the library" in text


def test_markdown_of_nothing() -> None:
    assert export_markdown([], {}) == "# Byline notes\n\n0 annotations on 0 articles\n"


# --- JSON ----------------------------------------------------------------------------------


def test_export_json_is_versioned_and_holds_every_field() -> None:
    a = quote_of("Rutte said there", note="n", tags=["t"], kind="person", colour="pink")
    data = json.loads(export_json([a]))
    assert data == {"format": "byline.annotations.export", "schema_version": 1, "annotations": [a.to_dict()]}


def test_import_into_an_empty_store_then_again_counts_duplicates(store: AnnotationStore) -> None:
    items = [quote_of("Rutte said there"), quote_of("remains valid", note="x")]
    text = export_json(items)
    assert import_json(store, text) == ImportResult(added=2, duplicates=0)
    assert import_json(store, text) == ImportResult(added=0, duplicates=2)
    assert sorted(store.all(), key=lambda a: a.id) == sorted(items, key=lambda a: a.id)


def test_same_content_under_another_id_is_a_duplicate(store: AnnotationStore) -> None:
    original = store.add(quote_of("remains valid", note="same note"))
    twin = dataclasses.replace(original, id="f" * 32, tags=("other",))
    assert import_json(store, export_json([twin])) == ImportResult(added=0, duplicates=1)
    different_note = dataclasses.replace(twin, note="another note")
    assert import_json(store, export_json([different_note])) == ImportResult(added=1, duplicates=0)


def test_a_bare_array_from_notes_list_imports_too(store: AnnotationStore) -> None:
    a = quote_of("Rutte said there")
    assert import_json(store, json.dumps([a.to_dict()])) == ImportResult(added=1, duplicates=0)
    assert store.all() == [a]


def test_bad_records_are_reported_and_good_ones_still_added(store: AnnotationStore) -> None:
    good = quote_of("Rutte said there")
    broken = {**good.to_dict(), "id": "b" * 32, "colour": "mauve"}
    text = json.dumps([good.to_dict(), 42, broken])
    result = import_json(store, text)
    assert (result.added, result.duplicates) == (1, 0)
    assert result.errors == (
        "annotation 2: an annotation must be a JSON object, got int",
        "annotation 3: colour must be one of yellow, green, blue, pink, got 'mauve'",
    )
    assert store.all() == [good]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON: .* at line 1, column 2"),
        ('{"annotations": []}', "not a Byline annotations export"),
        ('{"format": "byline.annotations.export", "schema_version": 9, "annotations": []}', "schema version 9"),
        ('{"format": "byline.annotations.export", "schema_version": 1, "annotations": {}}', "is not a list"),
    ],
)
def test_unreadable_imports_add_nothing_and_say_why(store: AnnotationStore, text: str, message: str) -> None:
    with pytest.raises(BadImport, match=message):
        parse_import(text, "json")
    assert store.all() == []


def test_import_into_a_read_only_store_raises(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    path.write_text("[]")
    with pytest.raises(StoreReadOnly):
        import_json(AnnotationStore(path), export_json([quote_of("Rutte said there")]))
    assert path.read_text() == "[]"


# --- round trip ----------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.lists(annotations(), max_size=8, unique_by=lambda a: a.duplicate_key))
def test_export_then_import_is_lossless(tmp_path_factory: pytest.TempPathFactory, items: list[Annotation]) -> None:
    store = AnnotationStore(tmp_path_factory.mktemp("roundtrip") / "annotations.json")
    result = import_json(store, export_json(items))
    assert result == ImportResult(added=len(items), duplicates=0)
    assert sorted(store.all(), key=lambda a: a.id) == sorted(items, key=lambda a: a.id)
    assert export_json(sorted(store.all(), key=lambda a: a.id)) == export_json(sorted(items, key=lambda a: a.id))


def test_control_characters_in_an_import_are_cleaned_at_the_border(store: AnnotationStore) -> None:
    """An imported note is untrusted: escape sequences and control characters never reach the store."""
    record = quote_of("Rutte said there").to_dict()
    record |= {"note": "look\x1b]0;pwned\x07 here\x1b[2J", "tags": ["ok\x07"], "speaker": "A\x85B"}
    assert import_json(store, json.dumps([record])) == ImportResult(added=1, duplicates=0)
    [stored] = store.all()
    assert (stored.note, stored.tags, stored.speaker) == ("look here", ("ok",), "AB")
