"""Find quoted stretches: quote marks, nesting, interruptions, multi-paragraph quotes.

The scanner works on raw text and returns :class:`RawQuote` objects whose spans include
their quote marks. It never raises: unbalanced marks close at the paragraph end, and
marks inside markup tags (``<tweet id="…">``) are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Double quotation marks and their direction: +1 opens, -1 closes, 0 either way.
_MARKS = {'"': 0, "\u201c": 1, "\u201d": -1, "\u00ab": 1, "\u00bb": -1, "\u201e": 1, "\u201f": 1}
_MARK_RE = re.compile('["\u201c\u201d\u00ab\u00bb\u201e\u201f]')
_PARA_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]{0,400}>")
_BLOCKQUOTE_RE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.M)


@dataclass(slots=True)
class RawQuote:
    """One quotation: its pieces as ``(start, end)`` spans, marks included.

    ``closed`` is False when the last piece ran to a paragraph end without a closing mark.
    ``block`` marks a Markdown block quote (no quote marks).
    """

    spans: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True
    block: bool = False

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Blank-line separated paragraphs as ``(start, end)``, surrounding whitespace trimmed."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_RE.finditer(text):
        _add_trimmed(text, pos, m.start(), out)
        pos = m.end()
    _add_trimmed(text, pos, len(text), out)
    return out


def _add_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def _masked(text: str, start: int, end: int) -> set[int]:
    """Positions of quote marks inside markup tags, which are not quotations."""
    masked: set[int] = set()
    for t in _TAG_RE.finditer(text, start, end):
        masked.update(m.start() for m in _MARK_RE.finditer(text, t.start(), t.end()))
    return masked


def _is_space(text: str, i: int) -> bool:
    """True at the text edges and on whitespace (the outside of a word)."""
    return i < 0 or i >= len(text) or text[i].isspace()


def _opens(text: str, i: int, end: int) -> bool:
    """Could the mark at ``i`` open a quotation?"""
    d = _MARKS[text[i]]
    nxt_space = i + 1 >= end or text[i + 1].isspace()
    if d == 1:
        return not nxt_space or _is_space(text, i - 1)
    if d == -1:  # a closing mark used to open: only between a space and a word
        return _is_space(text, i - 1) and not nxt_space
    return not nxt_space or i == 0 or text[i - 1] in " \t\n(["


def _closes(text: str, i: int, start: int) -> bool:
    """Could the mark at ``i`` close a quotation?"""
    d = _MARKS[text[i]]
    if d == -1 or d == 0:
        return True
    # an opening mark used to close: after a word and before a space, punctuation or the end
    return (
        i > start
        and not text[i - 1].isspace()
        and (i + 1 >= len(text) or text[i + 1].isspace() or text[i + 1] in ".,;:!?)]")
    )


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Closed quote spans in one paragraph, and the start of a quote left open at its end."""
    masked = _masked(text, start, end) if "<" in text[start:end] else ()
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _MARK_RE.finditer(text, start, end):
        i = m.start()
        if i in masked:
            continue
        if open_at is None:
            if _opens(text, i, end):
                open_at = i
        elif _closes(text, i, start):
            if i > open_at + 1:
                spans.append((open_at, i + 1))
                open_at = None
            else:  # "" : an empty pair, drop it
                open_at = None
    return spans, open_at


def find_quotes(text: str, paras: list[tuple[int, int]] | None = None) -> list[RawQuote]:
    """All quotations in ``text`` in order, including Markdown block quotes; ``paras`` is
    :func:`paragraphs` of ``text`` when the caller has it already."""
    quotes: list[RawQuote] = []
    pending: RawQuote | None = None  # a quote left open at the previous paragraph's end
    for pstart, pend in paragraphs(text) if paras is None else paras:
        if text[pstart] == ">":
            pending = None
            quotes.extend(_block_quote(text, pstart, pend))
            continue
        spans, open_at = _scan_paragraph(text, pstart, pend)
        if open_at is not None:
            spans.append((open_at, pend))
        continues = pending is not None and bool(spans) and spans[0][0] == pstart
        for k, span in enumerate(spans):
            if k == 0 and continues:
                assert pending is not None
                pending.spans.append(span)
                pending.closed = not (open_at is not None and k == len(spans) - 1)
                continue
            quotes.append(RawQuote([span], closed=not (open_at is not None and k == len(spans) - 1)))
        pending = quotes[-1] if open_at is not None and quotes else None
    return quotes


def _block_quote(text: str, start: int, end: int) -> list[RawQuote]:
    """A Markdown block quote paragraph: one quotation, a span per line's content.

    When the block itself contains quote marks, those quotations are returned instead.
    """
    lines: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        m = _BLOCKQUOTE_RE.match(text, pos, line_end)
        content = m.end() if m else pos
        _add_trimmed(text, content, line_end, lines)
        pos = line_end + 1
    inner: list[RawQuote] = []
    for ls, le in lines:
        spans, open_at = _scan_paragraph(text, ls, le)
        if open_at is not None:
            spans.append((open_at, le))
        inner.extend(RawQuote([s]) for s in spans)
    if inner or not lines:
        return inner
    return [RawQuote(lines, block=True)]
