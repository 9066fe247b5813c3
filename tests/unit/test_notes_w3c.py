"""W3C Web Annotation JSON-LD: the shapes of the Web Annotation Data Model
(https://www.w3.org/TR/annotation-model/: §3.1 annotations, §3.2.4 TextualBody, §3.3.5
purpose, §4.2.4 TextQuoteSelector, §4.2.5 TextPositionSelector, §5 collections and pages),
and a round trip that restores every annotation."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.notes_examples import annotations, mark, rutte_quote
from tui.core.library.article import Article
from tui.core.notes.annotations import Annotation
from tui.core.notes.formats.importing import ImportResult, parse_import, save_import
from tui.core.notes.formats.parsed import BadImport, Foreign, Parsed
from tui.core.notes.formats.w3c import BYLINE_NAMESPACE, annotation_id, annotation_iri, export_w3c
from tui.core.notes.store import AnnotationStore

BODY = (
    "Rutte said there was no consensus.\n\n"
    "\u201cIn practice, accession requires the consensus of all allies,\u201d Rutte said."
)
ARTICLE = Article(
    id="nato", path=Path("/library/nato.md"), title="T", body=BODY, date=date(2025, 12, 2), url="https://example.com/a"
)
DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")  # xsd:dateTime in UTC, as §3.3.1 asks


def exported(*items: Annotation, articles: dict[str, Article] | None = None) -> dict:
    return json.loads(export_w3c(items, {"nato": ARTICLE} if articles is None else articles))


def test_the_collection_is_an_annotation_collection_with_the_annotations_on_its_first_page() -> None:
    data = exported(mark(ARTICLE, "Rutte said there"), mark(ARTICLE, "no consensus"))
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["@context"][1] == {"byline": BYLINE_NAMESPACE}
    assert data["type"] == "AnnotationCollection" and data["id"].startswith("urn:uuid:")
    assert data["total"] == 2 and data["label"] == "Byline notes"
    page = data["first"]
    assert page["type"] == "AnnotationPage" and page["id"].startswith("urn:uuid:") and page["startIndex"] == 0
    assert [item["type"] for item in page["items"]] == ["Annotation", "Annotation"]
    assert all("@context" not in item for item in page["items"])  # embedded: the collection's context holds


def test_an_annotation_has_a_note_body_a_body_per_tag_and_a_target_with_both_selectors() -> None:
    quote = rutte_quote(ARTICLE, note="The key admission.", tags=["nato", "ukraine"])
    [item] = exported(quote)["first"]["items"]
    assert item["id"] == f"urn:uuid:{quote.id[:8]}-{quote.id[8:12]}-{quote.id[12:16]}-{quote.id[16:20]}-{quote.id[20:]}"
    assert item["motivation"] == "commenting"
    assert item["body"] == [
        {"type": "TextualBody", "value": "The key admission.", "format": "text/plain", "purpose": "commenting"},
        {"type": "TextualBody", "value": "nato", "purpose": "tagging"},
        {"type": "TextualBody", "value": "ukraine", "purpose": "tagging"},
    ]
    start, end = BODY.index("In practice"), BODY.index("allies,") + len("allies,")
    assert item["target"] == {
        "source": "https://example.com/a",
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": "In practice, accession requires the consensus of all allies,",
                "prefix": BODY[start - 32 : start],
                "suffix": BODY[end : end + 32],
            },
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }
    assert DATE_TIME.fullmatch(item["created"]) and DATE_TIME.fullmatch(item["modified"])
    assert item["byline:speaker"] == "Mark Rutte" and item["byline:kind"] == "quote"
    assert item["byline:articleId"] == "nato" and item["byline:colour"] == "yellow"


def test_a_plain_highlight_is_highlighting_with_no_body_and_no_empty_prefix() -> None:
    [item] = exported(mark(ARTICLE, "Rutte said there"))["first"]["items"]
    assert item["motivation"] == "highlighting" and "body" not in item
    assert item["target"]["selector"][0] == {
        "type": "TextQuoteSelector",
        "exact": "Rutte said there",
        "suffix": BODY[16:48],
    }
    assert "byline:speaker" not in item


def test_the_target_is_the_article_file_without_a_url_and_a_urn_without_the_article() -> None:
    local = Article(id="nato", path=Path("/library/with space.md"), title="T", body=BODY)
    [item] = exported(mark(ARTICLE, "Rutte said there"), articles={"nato": local})["first"]["items"]
    assert item["target"]["source"] == "file:///library/with%20space.md"
    [item] = exported(mark(ARTICLE, "Rutte said there"), articles={})["first"]["items"]
    assert item["target"]["source"] == "urn:byline:article:nato"


def test_an_empty_export_has_no_first_page_and_imports_as_nothing() -> None:
    data = exported()
    assert data["total"] == 0 and "first" not in data
    assert parse_import(json.dumps(data)) == ("w3c", Parsed())


def test_ids_map_to_iris_and_back() -> None:
    for annotation_id_ in ("0123456789abcdef0123456789abcdef", "my note/1", "ABCDEF0123456789ABCDEF0123456789"):
        assert annotation_id(annotation_iri(annotation_id_)) == annotation_id_
    assert annotation_iri("my note/1") == "urn:byline:annotation:my%20note%2F1"


@settings(max_examples=60, deadline=None)
@given(st.lists(annotations(), max_size=8, unique_by=lambda a: a.duplicate_key))
def test_w3c_out_then_in_restores_every_annotation(
    tmp_path_factory: pytest.TempPathFactory, items: list[Annotation]
) -> None:
    fmt, parsed = parse_import(export_w3c(items, {}))
    assert fmt == "w3c" and parsed.errors == () and parsed.foreign == ()
    assert list(parsed.annotations) == items
    store = AnnotationStore(tmp_path_factory.mktemp("w3c") / "annotations.json")
    assert save_import(store, parsed) == ImportResult(added=len(items), duplicates=0)
    assert save_import(store, parse_import(export_w3c(items, {}))[1]) == ImportResult(0, len(items))


# --- others' annotations: the specification's examples --------------------------------------

SPEC_QUOTE = {  # Example 39 (TextQuoteSelector), with the bodies of Example 42 (purpose)
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "id": "http://example.org/anno23",
    "type": "Annotation",
    "body": [
        {"type": "TextualBody", "value": "love", "purpose": "tagging"},
        {
            "type": "TextualBody",
            "value": "I really love this particular bit of text in this XML. No really.",
            "format": "text/plain",
            "language": "en",
            "purpose": "commenting",
        },
    ],
    "target": {
        "source": "http://example.org/page1",
        "selector": {
            "type": "TextQuoteSelector",
            "exact": "anotation",
            "prefix": "this is an ",
            "suffix": " that has some",
        },
    },
}


def test_an_annotation_from_another_tool_is_read_as_foreign() -> None:
    fmt, parsed = parse_import(json.dumps(SPEC_QUOTE))
    assert fmt == "w3c" and parsed.annotations == () and parsed.errors == ()
    assert parsed.foreign == (
        Foreign(
            uri="http://example.org/page1",
            exact="anotation",
            prefix="this is an ",
            suffix=" that has some",
            note="I really love this particular bit of text in this XML. No really.",
            tags=("love",),
            key="http://example.org/anno23",
        ),
    )


def test_a_page_of_annotations_and_a_position_selector_in_a_list_are_read() -> None:
    position = {"type": "TextPositionSelector", "start": 412, "end": 795}  # Example 40
    item = {
        **SPEC_QUOTE,
        "target": [{"source": "http://example.org/page1", "selector": [position, SPEC_QUOTE["target"]["selector"]]}],
    }
    page = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://example.org/page1",
        "type": "AnnotationPage",
        "items": [item, item],
    }
    _, parsed = parse_import(json.dumps(page))
    assert [(f.exact, f.start) for f in parsed.foreign] == [("anotation", 412), ("anotation", 412)]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {"type": "AnnotationCollection", "id": "x", "total": 3, "first": "http://example.org/page1"},
            "not in the file",
        ),
        ({"type": "AnnotationPage", "items": {}}, "'items' is not a list"),
        ({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Nothing"}, "not a W3C Web Annotation document"),
    ],
)
def test_documents_without_annotations_to_read_are_refused(document: dict, message: str) -> None:
    with pytest.raises(BadImport, match=message):
        parse_import(json.dumps(document), "w3c")


def test_records_that_cannot_be_read_are_named_and_the_others_kept() -> None:
    good = exported(mark(ARTICLE, "Rutte said there"))["first"]["items"][0]
    no_source = {"type": "Annotation", "target": {"selector": SPEC_QUOTE["target"]["selector"]}}
    broken = {**good, "byline:colour": "mauve"}
    _, parsed = parse_import(json.dumps([good, 7, no_source, broken]), "w3c")
    assert len(parsed.annotations) == 1
    assert parsed.errors == (
        "annotation 2: not an object of type Annotation",
        "annotation 3: its target names no page (no 'source')",
        "annotation 4: colour must be one of yellow, green, blue, pink, got 'mauve'",
    )


def test_times_are_written_as_xsd_date_times_in_utc_or_left_out() -> None:
    odd = dataclasses.replace(mark(ARTICLE, "Rutte said there"), created="2024-05-01 12:00+02:00", updated="soon")
    [item] = exported(odd)["first"]["items"]
    assert item["created"] == "2024-05-01T10:00:00.000Z" and "modified" not in item
