"""Readwise CSV: the import layout's columns, inline tags, and quoting that survives
commas, quotes and newlines (checked by parsing the output back with ``csv``)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from tests.unit.notes_examples import mark, rutte_quote
from tui.core.library.article import Article
from tui.core.notes.formats.readwise import COLUMNS, export_readwise

BODY = (
    "Rutte said there was no consensus.\n\n\u201cIn practice, accession requires the consensus "
    'of all allies,\u201d Rutte said. Müller called it "a, b\nand c". The treaty of 1949 remains valid.'
)
ARTICLE = Article(
    id="nato",
    path=Path("/library/nato.md"),
    title="No consensus, says Rutte",
    body=BODY,
    date=date(2025, 12, 2),
    source="Reuters",
    url="https://example.com/nato",
    authors=("Jane Doe", "John Roe"),
)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_header_is_readwise_s_columns_in_order() -> None:
    text = export_readwise([], {})
    assert text == "Highlight,Title,Author,URL,Note,Location,Date\r\n"
    assert COLUMNS == ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")


def test_a_row_holds_the_highlight_its_article_and_when_it_was_made() -> None:
    annotation = mark(ARTICLE, "The treaty of 1949 remains valid.")
    [row] = rows(export_readwise([annotation], {"nato": ARTICLE}))
    assert row == {
        "Highlight": "The treaty of 1949 remains valid.",
        "Title": "No consensus, says Rutte",
        "Author": "Jane Doe, John Roe",
        "URL": "https://example.com/nato",
        "Note": "",
        "Location": "1",
        "Date": annotation.created[:19].replace("T", " "),
    }


def test_tags_open_the_note_as_inline_tags_then_the_note_then_the_speaker() -> None:
    quote = rutte_quote(ARTICLE, note="The key admission.\nSecond line.", tags=["nato", "climate change", "#eu"])
    [row] = rows(export_readwise([quote], {"nato": ARTICLE}))
    assert row["Note"] == ".nato .climate-change .eu\nThe key admission.\nSecond line.\n— Mark Rutte"


def test_commas_quotes_newlines_and_non_ascii_survive_a_parse_back() -> None:
    tricky = mark(ARTICLE, 'Müller called it "a, b\nand c".', note='She said, "no".\r\nThen: "yes, maybe"')
    text = export_readwise([tricky], {"nato": ARTICLE})
    text.encode("utf-8")  # every character is encodable: the file is written as UTF-8
    [row] = rows(text)
    assert row["Highlight"] == 'Müller called it "a, b\nand c".'
    assert row["Note"] == 'She said, "no".\r\nThen: "yes, maybe"'
    assert row["Title"] == "No consensus, says Rutte"


def test_location_counts_highlights_in_body_order_per_article() -> None:
    other = Article(id="other", path=Path("/library/other.md"), title="Older", body="An older body.", source="AP")
    late, early = mark(ARTICLE, "remains valid"), mark(ARTICLE, "Rutte said there")
    text = export_readwise([late, mark(other, "older"), early], {"nato": ARTICLE, "other": other})
    got = [(row["Title"], row["Highlight"], row["Location"], row["Author"]) for row in rows(text)]
    assert got == [
        ("No consensus, says Rutte", "Rutte said there", "1", "Jane Doe, John Roe"),
        ("No consensus, says Rutte", "remains valid", "2", "Jane Doe, John Roe"),
        ("Older", "older", "1", "AP"),
    ]


def test_an_annotation_whose_article_is_gone_is_still_exported() -> None:
    [row] = rows(export_readwise([mark(ARTICLE, "Rutte said there")], {}))
    assert (row["Title"], row["Author"], row["URL"]) == ("Unknown article (nato)", "", "")
