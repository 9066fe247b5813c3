"""The Article model: metadata, Markdown body, parsed blocks with offsets, content hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

MARKDOWN = "markdown"
SCRAPED = "scraped"
TEXT = "text"


@cache
def _markdown() -> MarkdownIt:
    """The CommonMark parser, made on first use: importing markdown-it costs every CLI call
    30 ms, and most (a warm ``list`` or ``search``) parse no article."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of displayed text and the body slice it comes from.

    ``marks`` holds inline styles: ``em``, ``strong``, ``code``, ``link``. When the
    displayed text equals ``body[start:end]`` offsets map one to one; otherwise (an entity,
    a line break shown as a space) the run maps as a whole.
    """

    start: int
    end: int
    text: str
    marks: frozenset[str] = frozenset()
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A leaf block of the body: a paragraph, heading, code block or rule.

    ``quote_depth`` counts enclosing block quotes, ``list_marker`` is the bullet or number
    of the list item the block opens (empty when it continues one), ``indent`` the list
    nesting depth.
    """

    kind: str
    start: int
    end: int
    runs: tuple[Run, ...]
    level: int = 0
    quote_depth: int = 0
    list_marker: str = ""
    indent: int = 0

    @property
    def text(self) -> str:
        """The block as displayed, without Markdown markup."""
        return "".join(run.text for run in self.runs)


@dataclass(eq=False)
class Article:
    """One article of a library. Offsets elsewhere in Byline index ``body``."""

    id: str
    path: Path
    title: str
    body: str
    date: date | None = None
    source: str = ""
    url: str = ""
    authors: tuple[str, ...] = ()
    license: str = ""
    caption: str = ""
    format: str = MARKDOWN
    feed: str = ""
    """The feed the article was fetched from (its URL as subscribed), or ""."""
    content_hash: str = field(default="")

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.body)

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """The body parsed into leaf blocks (Markdown for Markdown files, paragraphs otherwise)."""
        if self.format == MARKDOWN:
            return parse_markdown_blocks(self.body)
        return parse_text_blocks(self.body)

    @property
    def ordinal(self) -> int:
        """The date as a day number (0 without a date): what sorting by date compares."""
        return self.date.toordinal() if self.date else 0

    @property
    def date_iso(self) -> str | None:
        """The date as ``YYYY-MM-DD``, or None."""
        return self.date.isoformat() if self.date else None


def content_hash(body: str) -> str:
    """A stable fingerprint of the body text (what annotations anchor to)."""
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def parse_text_blocks(body: str) -> tuple[Block, ...]:
    """Split plain text into paragraphs at blank lines, each shown verbatim."""
    blocks: list[Block] = []
    pos = 0
    for chunk in body.split("\n\n"):
        stripped = chunk.strip()
        if stripped:
            start = pos + chunk.index(stripped[0])
            end = start + len(stripped)
            display = " ".join(stripped.split("\n"))
            run = Run(start, end, display)
            blocks.append(Block("paragraph", start, end, (run,)))
        pos += len(chunk) + 2
    return tuple(blocks)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    starts.append(len(text) + 1)
    return starts


def parse_markdown_blocks(body: str) -> tuple[Block, ...]:
    """Parse Markdown into leaf blocks whose runs keep offsets into ``body``."""
    tokens = _markdown().parse(body)
    lines = _line_starts(body)
    blocks: list[Block] = []
    quote_depth = 0
    lists: list[list[int]] = []  # per open list: [is_ordered, next_number]
    pending_marker = ""
    heading_level = 0
    for token in tokens:
        kind = token.type
        if kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            lists.append([int(ordered), int(token.attrs.get("start", 1) or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open" and lists:
            is_ordered, number = lists[-1]
            pending_marker = f"{number}." if is_ordered else "•"
            lists[-1][1] += 1
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "inline" and token.map:
            start, end = _span(lines, token.map, body)
            block_kind = "heading" if heading_level else "paragraph"
            runs = tuple(_inline_runs(token, body, start, end))
            blocks.append(Block(block_kind, start, end, runs, heading_level, quote_depth, pending_marker, len(lists)))
            pending_marker = ""
            heading_level = 0
        elif kind in ("fence", "code_block") and token.map:
            start, end = _span(lines, token.map, body)
            offset = body.find(token.content, start, end) if token.content else -1
            run = (
                Run(offset, offset + len(token.content), token.content.rstrip("\n"))
                if offset >= 0
                else Run(start, end, token.content.rstrip("\n"))
            )
            blocks.append(Block("code", start, end, (run,), 0, quote_depth, pending_marker, len(lists)))
            pending_marker = ""
        elif kind == "hr" and token.map:
            start, end = _span(lines, token.map, body)
            blocks.append(Block("rule", start, end, (), 0, quote_depth))
    return tuple(blocks)


def _span(lines: list[int], line_map: list[int], body: str) -> tuple[int, int]:
    first, last = line_map
    start = lines[min(first, len(lines) - 1)]
    end = min(lines[min(last, len(lines) - 1)] - 1, len(body))
    return start, max(start, end)


def _inline_runs(token: Token, body: str, start: int, end: int) -> list[Run]:
    """Walk an inline token's children, locating each piece of text in the body."""
    runs: list[Run] = []
    marks: list[str] = []
    href: str | None = None
    pos = start
    for child in token.children or []:
        ctype = child.type
        if ctype in ("em_open", "strong_open"):
            marks.append(ctype[:-5])
        elif ctype in ("em_close", "strong_close"):
            if ctype[:-6] in marks:
                marks.remove(ctype[:-6])
        elif ctype == "link_open":
            marks.append("link")
            href = str(child.attrs.get("href", "")) or None
        elif ctype == "link_close":
            if "link" in marks:
                marks.remove("link")
            href = None
        elif ctype in ("text", "code_inline", "html_inline"):
            text = child.content
            if not text:
                continue
            extra = {"code"} if ctype == "code_inline" else set()
            found = body.find(text, pos, end)
            if found >= 0:
                runs.append(Run(found, found + len(text), text, frozenset(marks) | extra, href))
                pos = found + len(text)
            else:
                runs.append(Run(pos, pos, text, frozenset(marks) | extra, href))
        elif ctype in ("softbreak", "hardbreak"):
            newline = body.find("\n", pos, end)
            at = newline if newline >= 0 else pos
            runs.append(Run(at, at + (newline >= 0), " " if ctype == "softbreak" else "\n"))
            pos = at + (newline >= 0)
        elif ctype == "image":
            alt = child.content or "image"
            runs.append(Run(pos, pos, f"[{alt}]", frozenset({"em"})))
    return runs
