"""What a feed holds, whatever its format: :class:`ParsedFeed` and its :class:`FeedEntry`
items, with the rules every format shares (an entry's id, duplicates, summary or full text)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tui.core.clean import clean_line

MAX_ENTRY_BYTES = 5 * 1024 * 1024
"""An entry bigger than this is skipped with a message (a saved article may not be bigger)."""
FULL_TEXT_CHARS = 500
"""Entry text shorter than this is taken for a summary: the linked page is fetched."""
_TRUNCATED = re.compile(r"(…|\.\.\.|\[…\]|\[\.\.\.\]|read more|continue reading|more\s*»)\W*$", re.I)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry as the feed gives it, cleaned; ``body`` is Markdown."""

    id: str
    title: str
    link: str
    body: str
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    summary_only: bool = False
    too_big: bool = False


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """What a feed document holds. ``is_feed`` is False for a page that is no feed (an HTML
    page, say: then look for a feed it names); ``damaged`` says where broken XML stopped."""

    url: str
    is_feed: bool
    title: str = ""
    link: str = ""
    updated: datetime | None = None
    entries: tuple[FeedEntry, ...] = ()
    version: str = ""
    damaged: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    repeated_ids: int = 0


def looks_like_summary(body: str) -> bool:
    """Whether entry text is only a summary of the article (short, or cut off)."""
    return len(body) < FULL_TEXT_CHARS or bool(_TRUNCATED.search(body[-40:]))


def entry_id(given: Any, link: str, text: str) -> str:
    """The entry's id: its guid or id, else its link, else a digest of its text."""
    chosen = clean_line(str(given or "")) or link
    return chosen or "sha1:" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()


def dedupe(entries: Sequence[FeedEntry]) -> tuple[list[FeedEntry], int]:
    """The entries with each id once (the first kept) and how many repeats were dropped."""
    seen: set[str] = set()
    unique = []
    for entry in entries:
        if entry.id not in seen:
            seen.add(entry.id)
            unique.append(entry)
    return unique, len(entries) - len(unique)
