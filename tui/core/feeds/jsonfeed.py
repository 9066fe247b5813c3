"""JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) into a :class:`ParsedFeed`.

feedparser 6 reads XML feeds only; JSON Feed is small and plain enough to map here.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from tui.core.clean import clean_line, clean_text
from tui.core.feeds.entries import MAX_ENTRY_BYTES, FeedEntry, ParsedFeed, dedupe, entry_id, looks_like_summary
from tui.core.feeds.html_markdown import html_to_markdown, text_to_markdown


def parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    """Parse a JSON Feed fetched from ``url``; a document that is no JSON Feed gives
    ``is_feed=False`` (with ``damaged`` set when it is broken JSON)."""
    try:
        data = json.loads(body.decode("utf-8-sig", "replace"))
    except ValueError as exc:
        return ParsedFeed(url, is_feed=False, damaged=f"not valid JSON ({exc})")
    except RecursionError:
        return ParsedFeed(url, is_feed=False, damaged="JSON nested too deeply to read")
    if not isinstance(data, dict) or "jsonfeed.org/version" not in str(data.get("version", "")):
        return ParsedFeed(url, is_feed=False)
    items = data.get("items")
    entries = [entry_from(item, url) for item in items if isinstance(item, dict)] if isinstance(items, list) else []
    unique, repeated = dedupe(entries)
    damaged = None if isinstance(items, list) else "the feed has no list of items"
    return ParsedFeed(
        url=url,
        is_feed=True,
        title=clean_line(str(data.get("title", ""))),
        link=_url(data.get("home_page_url"), url),
        entries=tuple(unique),
        version="json" + str(data["version"]).rstrip("/").rsplit("/", 1)[-1],
        damaged=damaged,
        repeated_ids=repeated,
    )


def entry_from(item: Mapping[str, Any], feed_url: str) -> FeedEntry:
    """One JSON Feed item as a :class:`FeedEntry`."""
    link = _url(item.get("url") or item.get("external_url"), feed_url)
    title = clean_line(html.unescape(str(item.get("title") or "")))
    raw = str(item.get("content_html") or "") + str(item.get("content_text") or "") + str(item.get("summary") or "")
    if len(raw.encode("utf-8", "replace")) > MAX_ENTRY_BYTES:
        return FeedEntry(id=entry_id(item.get("id"), link, raw), title=title, link=link, body="", too_big=True)
    if item.get("content_html"):
        body = html_to_markdown(clean_text(str(item["content_html"])), link or feed_url)
    else:
        body = text_to_markdown(clean_text(str(item.get("content_text") or item.get("summary") or "")))
    people = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
    authors = tuple(clean_line(str(p.get("name", ""))) for p in people if isinstance(p, dict) and p.get("name"))
    return FeedEntry(
        id=entry_id(item.get("id"), link, body),
        title=title,
        link=link,
        body=body,
        published=_date(item.get("date_published") or item.get("date_modified")),
        authors=authors,
        summary_only=looks_like_summary(body),
    )


def _url(value: Any, base: str) -> str:
    return clean_line(urljoin(base, str(value))) if value else ""


def _date(value: Any) -> datetime | None:
    """An RFC 3339 date as an aware datetime (UTC assumed when no zone is given)."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
