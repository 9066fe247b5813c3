"""Feed documents into entries: every format, and every way a feed can be wrong."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from tests.unit.feeds_support import DORIS, MUNK, full_item, paragraphs_html, rss, rss_item, story
from tui.core.feeds.entries import FULL_TEXT_CHARS, MAX_ENTRY_BYTES
from tui.core.feeds.html_markdown import html_to_markdown
from tui.core.feeds.parse import parse_feed

URL = "http://news.test/feeds/main.xml"


def test_rss_2_with_full_content() -> None:
    parsed = parse_feed(rss([full_item(DORIS)]), URL)
    assert parsed.is_feed and parsed.version == "rss20" and parsed.title == "Test Times"
    (entry,) = parsed.entries
    doris = story(DORIS)
    assert entry.title == doris.title and entry.id == doris.url and not entry.summary_only
    assert entry.body.startswith("US singer, actor, and animal rights advocate Doris Day died")
    assert entry.published == datetime(2021, 9, 6, 16, 45, tzinfo=UTC)


def test_rss_0_91_and_0_92() -> None:
    for version in ("0.91", "0.92"):
        doc = (
            f'<?xml version="1.0"?><rss version="{version}"><channel><title>Old</title><link>http://old.test/</link>'
            "<item><title>First</title><link>http://old.test/1</link><description>Our own words.</description>"
            "</item></channel></rss>"
        ).encode()
        parsed = parse_feed(doc, URL)
        assert parsed.version.startswith("rss09"), parsed.version
        assert [e.id for e in parsed.entries] == ["http://old.test/1"]  # no guid: the link is the id
        assert parsed.entries[0].summary_only


def test_rss_1_0_rdf() -> None:
    doc = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://rdf.test/"><title>RDF news</title><link>http://rdf.test/</link></channel>
<item rdf:about="http://rdf.test/a"><title>An RDF item</title><link>http://rdf.test/a</link>
<dc:date>2020-03-14T10:00:00Z</dc:date><dc:creator>Jo Writer</dc:creator><description>Short.</description></item>
</rdf:RDF>"""
    parsed = parse_feed(doc, URL)
    assert parsed.version == "rss10" and parsed.title == "RDF news"
    (entry,) = parsed.entries
    assert entry.authors == ("Jo Writer",) and entry.published == datetime(2020, 3, 14, 10, tzinfo=UTC)


def test_atom_with_relative_links_resolved_against_the_feed() -> None:
    munk = story(MUNK)
    doc = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title><updated>2019-02-11T00:00:00Z</updated>
<entry><id>tag:atom.test,2019:munk</id><title>{munk.title}</title><link href="../stories/munk.html"/>
<updated>2019-02-11T08:00:00Z</updated><author><name>Wikinews</name></author>
<content type="html"><![CDATA[{paragraphs_html(munk.paragraphs)}<p><a href="/about">about</a></p>]]></content>
</entry></feed>""".encode()
    parsed = parse_feed(doc, URL)
    assert parsed.version == "atom10"
    (entry,) = parsed.entries
    assert entry.link == "http://news.test/stories/munk.html"
    assert "[about](http://news.test/about)" in entry.body
    assert entry.id == "tag:atom.test,2019:munk" and entry.authors == ("Wikinews",)


def test_json_feed() -> None:
    doris = story(DORIS)
    doc = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "JSON Times",
            "home_page_url": "https://json.test/",
            "items": [
                {"id": "1", "url": "/a", "title": doris.title, "content_html": paragraphs_html(doris.paragraphs),
                 "date_published": "2019-05-16T10:00:00Z", "authors": [{"name": "Wikinews"}]},
                {"id": "2", "url": "/b", "content_text": "Plain words only.\n\nTwo paragraphs."},
                {"id": "1", "url": "/again", "title": "a repeat"},
            ],
        }
    ).encode()  # fmt: skip
    parsed = parse_feed(doc, URL, {"content-type": "application/feed+json"})
    assert parsed.is_feed and parsed.version == "json1.1" and parsed.title == "JSON Times"
    assert [e.link for e in parsed.entries] == ["http://news.test/a", "http://news.test/b"]
    assert parsed.repeated_ids == 1
    first, second = parsed.entries
    assert first.authors == ("Wikinews",) and first.published == datetime(2019, 5, 16, 10, tzinfo=UTC)
    assert second.body == "Plain words only.\n\nTwo paragraphs." and second.title == ""


def test_an_html_page_is_not_a_feed() -> None:
    parsed = parse_feed(b"<html><head><title>Home</title></head><body><p>Hello</p></body></html>", URL)
    assert not parsed.is_feed


def test_truncated_xml_keeps_the_entries_before_the_break() -> None:
    doc = rss([rss_item("One", "http://t.test/1", description="first"), rss_item("Two", "http://t.test/2")])
    cut = doc[: doc.index(b"<item><title>Two") + 30]
    parsed = parse_feed(cut, URL)
    assert parsed.is_feed and parsed.damaged
    assert "line" in parsed.damaged
    assert parsed.entries[0].title == "One"


def test_malformed_xml_is_damaged_but_read() -> None:
    doc = rss(
        [rss_item("Fine", "http://t.test/1"), "<item><title>Bad & worse</title><link>http://t.test/2</link></item>"]
    )
    parsed = parse_feed(doc, URL)
    assert parsed.damaged and "Fine" in [e.title for e in parsed.entries]


def test_a_wrong_charset_header_is_worked_around() -> None:
    doc = rss([rss_item("Café crème", "http://t.test/1", description="Ça va très bien")], encoding="iso-8859-1")
    parsed = parse_feed(doc, URL, {"content-type": "application/rss+xml; charset=utf-8"})
    assert parsed.entries[0].title == "Café crème"
    assert not parsed.damaged


def test_a_missing_charset_reads_utf_8() -> None:
    doc = rss([rss_item("Zürich – naïve “quotes”", "http://t.test/1")]).replace(b' encoding="utf-8"', b"")
    parsed = parse_feed(doc, URL, {"content-type": "text/xml"})
    assert parsed.entries[0].title == "Zürich – naïve “quotes”"


def test_duplicate_ids_keep_the_first() -> None:
    items = [rss_item("First", "http://t.test/1", guid="same"), rss_item("Second", "http://t.test/2", guid="same")]
    parsed = parse_feed(rss(items), URL)
    assert [e.title for e in parsed.entries] == ["First"] and parsed.repeated_ids == 1


def test_entries_without_id_or_link_get_a_digest_id() -> None:
    parsed = parse_feed(rss([rss_item("Only a title", description="Some text.")]), URL)
    assert parsed.entries[0].id.startswith("sha1:")


def test_missing_title_and_date_are_left_for_the_run_to_fill() -> None:
    parsed = parse_feed(rss([rss_item(None, "http://t.test/1", date=None, description="Words.")]), URL)
    entry = parsed.entries[0]
    assert entry.title == "" and entry.published is None


def test_a_summary_is_told_from_a_full_text() -> None:
    short = rss_item("Teaser", "http://t.test/1", description="The start of a story…")
    long = full_item(DORIS)
    cut = rss_item("Cut", "http://t.test/2", description="word " * (FULL_TEXT_CHARS // 4) + "[…]")
    flags = [e.summary_only for e in parse_feed(rss([short, long, cut]), URL).entries]
    assert flags == [True, False, True]


def test_an_entry_over_5_mib_is_marked_too_big() -> None:
    huge = rss_item("Huge", "http://t.test/1", content="<p>" + "x" * (MAX_ENTRY_BYTES + 10) + "</p>")
    parsed = parse_feed(rss([huge, rss_item("Small", "http://t.test/2")]), URL)
    assert [(e.title, e.too_big) for e in parsed.entries] == [("Huge", True), ("Small", False)]


def test_no_external_entity_is_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>x</title><item><title>t &xxe;</title><link>http://t.test/1</link>'
        "<description>d &xxe;</description></item></channel></rss>"
    ).encode()
    parsed = parse_feed(doc, URL)
    assert all("SECRET" not in (e.title + e.body) for e in parsed.entries)


def test_nested_entities_do_not_expand() -> None:
    lol = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 9))
    doc = f'<?xml version="1.0"?><!DOCTYPE rss [{lol}]><rss version="2.0"><channel><title>&l8;</title></channel></rss>'
    parsed = parse_feed(doc.encode(), URL)
    assert "lol" not in parsed.title
    assert "the feed's DOCTYPE declares entities; they were ignored" in parsed.notes


def test_scripts_and_terminal_escapes_never_get_through() -> None:
    item = rss_item(
        "Title \x1b]0;pwned\x07 here",
        "http://t.test/1",
        content="<p>Safe text.\x1b[2J</p><script>alert('x')</script><p onclick='evil()'>More</p>"
        "<iframe src='x'></iframe>",
        author="Ann \x9b31m Author",
    )
    entry = parse_feed(rss([item]), URL).entries[0]
    assert entry.title == "Title here" and "\x1b" not in entry.body
    assert "alert" not in entry.body and "evil" not in entry.body and "Safe text." in entry.body
    assert all(ord(c) >= 0x20 and not 0x7F <= ord(c) <= 0x9F for c in entry.authors[0])


def test_html_to_markdown_keeps_structure_and_escapes_markup() -> None:
    html = (
        "<h2>Head</h2><p>Price 5 * 3 = <b>15</b>, <i>see</i> <a href='/x'>this</a>.</p>"
        "<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol><blockquote><p>quoted</p></blockquote>"
        "<p>1986. A year.</p><pre>code  kept</pre><p><a href='javascript:x()'>no link</a></p>"
    )
    assert html_to_markdown(html, "http://t.test/a/") == (
        "## Head\n\nPrice 5 \\* 3 = **15**, *see* [this](http://t.test/x).\n\n- one\n\n- two\n\n1. first\n\n"
        "> quoted\n\n1986\\. A year.\n\n```\ncode  kept\n```\n\nno link"
    )


def test_a_doctype_without_entities_is_kept() -> None:
    doc = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"\n'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel><title>N</title>'
        b"<item><title>One</title><link>http://n.test/1</link></item></channel></rss>"
    )
    parsed = parse_feed(doc, URL)
    assert parsed.version == "rss091n" and parsed.notes == () and parsed.entries[0].title == "One"


def test_json_nested_too_deep_is_refused_not_raised() -> None:
    parsed = parse_feed(b"[" * 100_000 + b"]" * 100_000, URL, {"content-type": "application/json"})
    assert not parsed.is_feed and parsed.damaged
