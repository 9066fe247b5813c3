"""Finding the feed a web page names: ``<link rel="alternate" type="application/rss+xml">``
(or Atom, or JSON Feed) in its head, as browsers and feed readers do."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from tui.core.clean import clean_line

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json")


@dataclass(frozen=True, slots=True)
class FeedLink:
    """A feed named by a page: its absolute URL, media type and title."""

    url: str
    type: str
    title: str = ""


def feed_links(html: bytes, page_url: str) -> list[FeedLink]:
    """The feeds a page names, in document order (http and https only, each URL once)."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    base = root.find(".//base[@href]")
    base_url = urljoin(page_url, base.get("href", "")) if base is not None else page_url
    found: list[FeedLink] = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";", 1)[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" not in rel or kind not in FEED_TYPES or not href:
            continue
        url = urljoin(base_url, href)
        if urlsplit(url).scheme in ("http", "https") and all(f.url != url for f in found):
            found.append(FeedLink(clean_line(url), kind, clean_line(link.get("title") or "")))
    return found
