"""Plain-text helpers shared by the loader, the reader and every listing: sentence
boundaries, one-line text."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bMrs)(?<!\bSt)(?<!\bNo)[.!?…][\"”’')\]]*"
    r"(?=\s+[\"“‘'(\[]?[A-Z0-9]|\s*$)"
)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as (start, end) offsets, whitespace trimmed.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with closing quotes or brackets)
    before a capital or digit; initials and short abbreviations (U.S., Mr.) don't end one.
    Paragraph breaks (blank lines) always do.
    """
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for para_start, para_end in _paragraphs(text, start, stop):
        pos = para_start
        for match in _SENTENCE_END.finditer(text, para_start, para_end):
            _append(spans, text, pos, match.end())
            pos = match.end()
        _append(spans, text, pos, para_end)
    return spans


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``1 quote``, ``2 quotes``, ``1,234 people`` (``plural`` where adding "s" is wrong)."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def one_line(text: str) -> str:
    """``text`` on one line: every run of whitespace, newlines included, one space."""
    return " ".join(text.split())


def first_sentence(text: str) -> str:
    """The first sentence of the text's first non-empty line, without its final stop."""
    line = next((line.strip() for line in text.split("\n") if line.strip()), "")
    match = _SENTENCE_END.search(line)
    return line[: match.start()] if match else line


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for match in re.finditer(r"\n[ \t]*\n", text[start:end]):
        spans.append((pos, start + match.start()))
        pos = start + match.end()
    spans.append((pos, end))
    return spans


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
