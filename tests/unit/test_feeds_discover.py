"""The feed a page names in its head."""

from __future__ import annotations

from tui.core.feeds.discover import feed_links


def test_alternate_links_of_feed_types_in_document_order() -> None:
    html = b"""<html><head><base href="http://site.test/news/">
<link rel="stylesheet" href="s.css"><link rel="alternate" type="text/html" href="/other">
<link rel="alternate" type="application/atom+xml" title="Atom" href="atom.xml">
<link rel="Alternate feed" type="application/rss+xml; charset=utf-8" href="/rss">
<link rel="alternate" type="application/feed+json" href="https://site.test/feed.json">
<link rel="alternate" type="application/rss+xml" href="/rss">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
</head><body></body></html>"""
    links = feed_links(html, "http://site.test/page")
    assert [(f.url, f.type, f.title) for f in links] == [
        ("http://site.test/news/atom.xml", "application/atom+xml", "Atom"),
        ("http://site.test/rss", "application/rss+xml", ""),
        ("https://site.test/feed.json", "application/feed+json", ""),
    ]


def test_a_page_without_feeds_or_not_html() -> None:
    assert feed_links(b"<html><head><title>x</title></head></html>", "http://s.test/") == []
    assert feed_links(b"", "http://s.test/") == []
    assert feed_links(b"\x00\x01 binary", "http://s.test/") == []
