"""A feed's bytes -> its entries: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed
through :mod:`.jsonfeed`, all into the same :class:`ParsedFeed`.

A DOCTYPE's internal subset (where entities are declared) is removed before feedparser sees
the document: feedparser's own stripping misses declarations that share a line, and expat
then expands nested entities for megabytes before its amplification limit stops it (2.4 s
for one small "billion laughs" feed). expat runs with external entities off, so no file or
URL is ever read on the feed's behalf; feedparser's HTML sanitizer removes scripts, and
:func:`~.html_markdown.html_to_markdown` keeps text only. Everything that enters here is
cleaned with :func:`~tui.core.clean.clean_text`.

A feed whose XML breaks part-way is read loosely: the entries before the damage are kept and
:attr:`ParsedFeed.damaged` says where it broke.
"""

from __future__ import annotations

import calendar
import html
import re
import time
import xml.sax
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import feedparser  # type: ignore[import-untyped]

from tui.core.clean import clean_line, clean_text
from tui.core.feeds.entries import MAX_ENTRY_BYTES, FeedEntry, ParsedFeed, dedupe, entry_id, looks_like_summary
from tui.core.feeds.html_markdown import html_to_markdown, text_to_markdown
from tui.core.feeds.jsonfeed import parse_json_feed

_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.S | re.I)
_EMAIL_NAME = re.compile(r"^\S+@\S+\s*\((.+)\)$")


def parse_feed(body: bytes, url: str, headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """Parse a feed fetched from ``url`` (relative links resolve against it); never raises."""
    headers = dict(headers or {})
    content_type = headers.get("content-type", "").lower()
    if "json" in content_type or body.lstrip()[:1] == b"{":
        return parse_json_feed(body, url)
    body, had_subset = without_internal_subset(body)
    result = feedparser.parse(
        body, response_headers={**headers, "content-location": url}, sanitize_html=True, resolve_relative_uris=True
    )
    damaged = _damage(result)
    notes = ["the feed's DOCTYPE declares entities; they were ignored"] if had_subset else []
    exception = result.get("bozo_exception")
    if isinstance(exception, feedparser.CharacterEncodingOverride):
        notes.append(f"the declared character set was wrong; read as {result.get('encoding', 'unknown')}")
    version = str(result.get("version") or "")
    raw_entries: Sequence[Any] = result.get("entries", [])
    if not version and not raw_entries:
        return ParsedFeed(url, is_feed=False, damaged=damaged)
    info = result.get("feed", {})
    entries = [entry_from(item, url) for item in raw_entries]
    unique, repeated = dedupe(entries)
    return ParsedFeed(
        url=url,
        is_feed=True,
        title=clean_line(info.get("title", "")),
        link=clean_line(info.get("link", "")),
        updated=_when(info.get("updated_parsed") or info.get("published_parsed")),
        entries=tuple(unique),
        version=version,
        damaged=damaged,
        notes=tuple(notes),
        repeated_ids=repeated,
    )


def without_internal_subset(body: bytes) -> tuple[bytes, bool]:
    """``body`` without the internal subset of its DOCTYPE (in the prolog, before the first
    element), and whether there was one."""
    root = _FIRST_ELEMENT.search(body)
    prolog = body[: root.start()] if root else body
    cut = _INTERNAL_SUBSET.sub(b"", prolog)
    return (cut + body[len(prolog) :], True) if len(cut) != len(prolog) else (body, False)


def _damage(result: Mapping[str, Any]) -> str | None:
    """Where the XML broke, when it did (not for a mere wrong charset declaration)."""
    exception = result.get("bozo_exception")
    if isinstance(exception, xml.sax.SAXParseException):
        return f"{exception.getMessage()} at line {exception.getLineNumber()}, column {exception.getColumnNumber()}"
    if isinstance(exception, xml.sax.SAXException):
        return str(exception.getMessage())
    return None


def entry_from(item: Mapping[str, Any], feed_url: str) -> FeedEntry:
    """A feedparser entry as a :class:`FeedEntry`."""
    link = clean_line(item.get("link", ""))
    content = [c for c in item.get("content", []) if isinstance(c, Mapping)]
    raw = "".join(str(c.get("value", "")) for c in content) + str(item.get("summary", ""))
    if len(raw.encode("utf-8", "replace")) > MAX_ENTRY_BYTES:
        return FeedEntry(
            id=entry_id(item.get("id"), link, raw),
            title=clean_line(item.get("title", "")),
            link=link,
            body="",
            too_big=True,
        )
    full = max((_markdown(c, link or feed_url) for c in content), key=len, default="")
    summary = _markdown({"value": item.get("summary", ""), "type": _kind(item.get("summary_detail"))}, link or feed_url)
    body = full if len(full) >= len(summary) else summary
    authors = [_person(a.get("name", "")) for a in item.get("authors", []) if isinstance(a, Mapping)]
    if not any(authors) and item.get("author"):
        authors = [_person(item["author"])]
    return FeedEntry(
        id=entry_id(item.get("id"), link, body),
        title=clean_line(html.unescape(item.get("title", ""))),
        link=link,
        body=body,
        published=_when(item.get("published_parsed") or item.get("updated_parsed")),
        authors=tuple(a for a in authors if a),
        summary_only=looks_like_summary(body),
    )


def _person(text: Any) -> str:
    """An author's name: RSS writes ``jo@example.org (Jo Bloggs)``; the name is in brackets."""
    name = clean_line(str(text))
    found = _EMAIL_NAME.match(name)
    return found.group(1).strip() if found else name


def _kind(detail: Any) -> str:
    return str(detail.get("type", "text/html")) if isinstance(detail, Mapping) else "text/html"


def _markdown(content: Mapping[str, Any], base_url: str) -> str:
    """One content or summary value as Markdown; plain text keeps its paragraphs."""
    value = clean_text(str(content.get("value", "")))
    if "html" not in str(content.get("type", "text/html")):
        return text_to_markdown(value)
    return html_to_markdown(value, base_url)


def _when(parsed: time.struct_time | None) -> datetime | None:
    """A feedparser UTC time tuple as an aware datetime."""
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None
