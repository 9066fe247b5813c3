"""A page's main text: charsets, the repeated title, and real article text.

Pages are made from Wikinews articles bundled in seeds/ (English Wikinews, CC BY 2.5, by
Wikinews contributors: seeds/ATTRIBUTION.md) and, where the shared corpus is present, from
a US Congress press release (a US government work, in the public domain).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from tests.unit.feeds_support import HONG_KONG, paragraphs_html, story
from tui.cli.fetch import FetchBar
from tui.core.feeds.fetch import FetchProgress
from tui.core.feeds.page import decode_html, extract_page, without_title_heading


def test_valid_utf_8_wins_over_a_wrong_declaration() -> None:
    body = "<html><body><p>Zürich café</p></body></html>".encode()
    assert "Zürich café" in decode_html(body, "iso-8859-1")


def test_a_missing_charset_uses_the_meta_then_windows_1252() -> None:
    latin = '<html><head><meta charset="iso-8859-15"></head><body><p>Prix: 5 €</p></body></html>'.encode("iso-8859-15")
    assert "5 €" in decode_html(latin, None)
    assert "naïve" in decode_html("<p>naïve</p>".encode("cp1252"), None)
    assert "naïve" in decode_html("<p>naïve</p>".encode("cp1252"), "utf-8")  # declared UTF-8, is not
    assert decode_html(b"\xef\xbb\xbf<p>bom</p>", None) == "<p>bom</p>"
    assert decode_html("<p>x</p>".encode("cp1252"), "no-such-charset") == "<p>x</p>"


def test_a_news_page_gives_its_text_title_date_and_authors() -> None:
    hk = story(HONG_KONG)
    html = (
        f'<html><head><title>{hk.title}</title><meta name="author" content="Jo Reporter">'
        '<meta property="article:published_time" content="2019-09-04T10:00:00Z">'
        f'<meta property="og:site_name" content="Test Times"></head><body><nav><a href="/">Home</a></nav>'
        f"<article><h1>{hk.title}</h1>{paragraphs_html(hk.paragraphs)}</article><footer>© 2019</footer></body></html>"
    )
    page = extract_page(html, "http://t.test/hk")
    assert page.title == hk.title and page.date == date(2019, 9, 4)
    assert page.authors == ("Jo Reporter",) and page.site == "Test Times"
    assert hk.paragraphs[-1][:40] in page.body and "Home" not in page.body
    assert without_title_heading(page.body, hk.title).startswith(hk.paragraphs[0][:30])


def test_the_title_heading_is_dropped_only_when_it_repeats_the_title() -> None:
    body = "# Big News: *today*\n\nThe text."
    assert without_title_heading(body, "Big News: today") == "The text."
    assert without_title_heading(body, "Something else entirely") == body
    assert without_title_heading("The text.", "The text.") == "The text."
    assert without_title_heading("# Only a heading", "Only a heading") == "# Only a heading"


def test_a_press_release_page_from_the_shared_corpus(shared_corpus: Path) -> None:
    source = sorted((shared_corpus / "us-congress-press-releases").glob("*.md"))[0]
    text = source.read_text(encoding="utf-8").split("---", 2)[2]
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    html = f"<html><body><main><article>{paragraphs_html(paragraphs)}</article></main></body></html>"
    page = extract_page(html, "http://t.test/release", metadata=False)
    assert paragraphs[0][:40] in page.body and paragraphs[-1][-30:] in page.body


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_draws_on_a_terminal_only() -> None:
    tty, pipe = Terminal(), io.StringIO()
    for stream in (tty, pipe):
        bar = FetchBar(stream)
        bar(FetchProgress(1, 4, 10))
        bar(FetchProgress(4, 4, 25))
        bar.close()
    assert "fetching" in tty.getvalue() and "4 / 4 feeds · 25 articles" in tty.getvalue()
    assert tty.getvalue().endswith("\r\x1b[K") and pipe.getvalue() == ""


def test_a_year_in_the_text_is_not_taken_for_the_date() -> None:
    html = "<html><body><article><p>She told the BBC in 2002 that it was so.</p>" + "<p>More words here.</p>" * 20
    assert extract_page(html + "</article></body></html>", "http://t.test/x").date is None
